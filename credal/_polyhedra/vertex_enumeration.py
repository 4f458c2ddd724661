"""Vertices of a credal set given by linear constraints (H-form to V-form).

The one public function, :func:`enumerate_vertices`, runs the double description method
of Motzkin et al. on the homogenised cone of the polytope, exactly (``Fraction``) for exact
data and in float64 with an explicit absolute tolerance for float data.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from fractions import Fraction
from typing import Any

import numpy as np

from .._core.arith import Arithmetic
from .._core.linalg import (
    INT64_SAFE,
    int64_if_small,
    int_matrix,
    int_products,
    primitive_int_rows,
    primitive_row,
    rref_add,
)
from .._core.types import NDArray
from ..errors import InvalidArgumentError, TooManyVerticesError
from ..tolerance import check_atol
from .budget import check_max_vertices

__all__ = ["enumerate_vertices", "read_hform", "RayBudgetExceeded"]


class RayBudgetExceeded(TooManyVerticesError):
    """The double description held more rays than ``max_rays`` allows (see
    :func:`enumerate_vertices`). ``rays``: how many; ``done`` of ``total`` constraints
    added when it stopped."""

    def __init__(self, max_rays: int, rays: int, done: int, total: int) -> None:
        super().__init__(
            f"the double description would hold more than max_rays={max_rays} rays ({rays} "
            f"after {done} of its {total} constraints); raise max_rays, or pass None",
            limit=max_rays, count=rays)
        self.max_rays, self.rays, self.done, self.total = max_rays, rays, done, total

    def __reduce__(self) -> tuple[object, ...]:
        return (RayBudgetExceeded, (self.max_rays, self.rays, self.done, self.total))


# ----------------------------------------------------------------------------------------
# public entry point
# ----------------------------------------------------------------------------------------


def enumerate_vertices(
    A_ub: Any,
    b_ub: Any,
    A_eq: Any,
    b_eq: Any,
    lower: Any,
    upper: Any,
    *,
    ar: Arithmetic,
    atol: float = 1e-9,
    in_order: bool = False,
    max_rays: int | None = None,
    progress: Callable[[int, int], object] | None = None,
) -> NDArray:
    r"""Enumerate the vertices of a credal set given in H-form.

    The credal set is the polytope

    .. math::

        P = \{p \in \mathbb{R}^n : p \ge 0,\ \textstyle\sum_j p_j = 1,\
        A_{ub} p \le b_{ub},\ A_{eq} p = b_{eq},\ \mathrm{lower} \le p \le \mathrm{upper}\}

    inside the probability simplex over ``n`` outcomes.

    Parameters
    ----------
    A_ub : array_like, shape (m1, n)
        Coefficients of the inequality constraints ``A_ub @ p <= b_ub``. ``m1`` may be 0
        (an array of shape ``(0, n)``).
    b_ub : array_like, shape (m1,)
        Right-hand sides of the inequality constraints.
    A_eq : array_like, shape (m2, n)
        Coefficients of the equality constraints ``A_eq @ p == b_eq``. ``m2`` may be 0.
    b_eq : array_like, shape (m2,)
        Right-hand sides of the equality constraints.
    lower : array_like, shape (n,)
        Lower bounds on each probability, entries in ``[0, 1]``. Bounds ``<= 0`` are
        implied by the simplex and ignored.
    upper : array_like, shape (n,)
        Upper bounds on each probability, entries in ``[0, 1]``. Bounds ``>= 1`` are
        implied by the simplex and ignored.
    ar : Arithmetic
        The arithmetic, :data:`~credal._core.arith.EXACT` or
        :data:`~credal._core.arith.FLOAT`. Every input is read by credal's one number
        parser (:func:`credal._core.numbers.parse_number`: ints, ``Fraction``, sympy
        ``Rational``, ``Decimal``, strings such as ``"1/3"`` or ``"0.28"``, numpy integers
        and floats; booleans, NaN and infinity refused). With ``EXACT`` every entry must be
        exact (a float is refused, since its rounding would be taken for data) and all
        arithmetic is exact, with no float and no tolerance. With ``FLOAT`` exact entries
        are taken at their float values and ``atol`` is used to decide signs.
    atol : float, default 1e-9
        Float mode only. The value of a constraint at a point is taken as zero when its
        absolute value is at most ``atol`` times the largest absolute coefficient of the
        (homogenised) constraint row; points whose coordinates all agree within ``atol``
        are merged. Ignored when ``ar`` is ``EXACT``.
    in_order : bool, default False
        Add the inequalities in the order given instead of by the max-cutoff rule (each
        step adding the one that cuts off the most current rays). Faster when the rows have
        an order of their own, such as points in lexicographic order in facet enumeration.
    max_rays : int or None, default None
        Stop, raising :class:`RayBudgetExceeded`, as soon as the cone has more than this
        many extreme rays after a step (the vertices of a polytope that contains ``P``,
        cut out by the constraints added so far). ``None``: no limit.
    progress : callable or None, default None
        Called as ``progress(done, total)`` after each of the ``total`` homogenised
        constraints is added or retired (``done`` of them so far).

    Returns
    -------
    numpy.ndarray, shape (k, n)
        The ``k`` vertices of ``P``, each exactly once, rows sorted lexicographically.
        An object array of ``Fraction`` for ``EXACT``, float64 for ``FLOAT``.
        ``k == 0`` (shape ``(0, n)``) when ``P`` is empty.

    Raises
    ------
    InvalidArgumentError
        If the shapes are inconsistent, an entry is not a number (or is a bool, NaN or
        infinity), an input holds a float when ``ar`` is ``EXACT``, or ``atol`` is
        negative. :class:`RayBudgetExceeded` (a subclass) when ``max_rays`` is exceeded.

    Notes
    -----
    The polytope is homogenised into the pointed cone

    .. math::

        K = \{p \ge 0 : (A_{ub,i} - b_{ub,i}\mathbf{1}) \cdot p \le 0,\
        (A_{eq,i} - b_{eq,i}\mathbf{1}) \cdot p = 0,\
        -p_j + \mathrm{lower}_j \textstyle\sum p \le 0,\
        p_j - \mathrm{upper}_j \textstyle\sum p \le 0\},

    so that ``sum(p) = 1`` acts as a normalisation: every nonzero ``p`` in ``K`` has
    ``sum(p) > 0`` and the extreme rays of ``K``, scaled to sum 1, are exactly the vertices
    of ``P``. The double description method (Motzkin, Raiffa, Thompson and Thrall, 1953;
    Fukuda and Prodon, "Double description method revisited", 1996) starts from the
    extreme rays ``e_1, ..., e_n`` of the nonnegative orthant and intersects with one
    constraint at a time: rays on the feasible side or on the hyperplane are kept (only
    those on the hyperplane for an equality) and every adjacent pair of rays on opposite
    sides contributes the point of the segment between them that lies on the hyperplane.
    Adjacency is decided combinatorially: rays ``r`` and ``s`` are adjacent if no third
    ray is tight at every constraint tight at both. Tight sets are Python integer bitmasks
    (bit ``j < n`` for ``p_j >= 0``, one bit per inequality); the test intersects, for each
    common tight constraint, a bitmask of the rays tight at it. It is preceded by the
    necessary condition that at least ``d - 2`` constraints are tight at both, where ``d``
    is ``n`` minus the rank of the equalities added so far (the 2-face spanned by ``r`` and
    ``s`` is cut out by the equalities and the common tight constraints, so these have
    rank ``n - 2``). For many pairs this count is done for all pairs at once as a 0/1
    matrix product, which is exact.

    Equalities are added first. Then, at each step, the inequality that cuts off the most
    current rays is added next (the max-cutoff rule of Fukuda and Prodon, which kept the
    intermediate cones smallest in our measurements); inequalities that cut off no ray are
    retired at once, since the cone only shrinks. Constraints implied by the simplex (all
    homogenised coefficients ``<= 0``) and repeated constraints are skipped, as are
    equalities linearly dependent on earlier ones (exact mode).

    In exact mode every ray is kept as the primitive integer vector on its half-line, that
    is its sum-1 representative times its common denominator, so all arithmetic is on
    integers (int64 where a bound on the result proves there is no overflow, Python ints
    otherwise) and no float or tolerance is involved; rays are divided by their sum into
    ``Fraction`` at the end. In float mode each ray is kept normalised to sum 1, the values
    of all remaining constraints at all rays are one matrix product, and near-duplicate
    rays (within ``atol``) are merged after every step.

    The cost is output-sensitive but not polynomial: intermediate cones can have more
    extreme rays than the final polytope has vertices, and the number of vertices itself
    grows exponentially with ``n`` (a probability-interval set over ``n`` outcomes can have
    on the order of ``n * binomial(n - 1, n // 2)`` vertices; 12870 for ``n = 16`` with
    bounds ``[1/32, 3/32]``). A step adding a constraint with ``p`` rays on one side and
    ``q`` on the other costs about ``p * q`` bitmask operations.

    Examples
    --------
    A probability-interval credal set over three outcomes:

    >>> from fractions import Fraction as F
    >>> import numpy as np
    >>> from credal._core.arith import EXACT, FLOAT
    >>> empty_A, empty_b = np.empty((0, 3), dtype=object), np.empty(0, dtype=object)
    >>> lower = np.array([F(1, 10), F(1, 5), F(0)], dtype=object)
    >>> upper = np.array([F(1, 2), F(1, 2), F(1)], dtype=object)
    >>> V = enumerate_vertices(empty_A, empty_b, empty_A, empty_b, lower, upper, ar=EXACT)
    >>> for row in V:
    ...     print(*row)
    1/10 1/5 7/10
    1/10 1/2 2/5
    1/2 1/5 3/10
    1/2 1/2 0

    The same set in float mode:

    >>> Vf = enumerate_vertices(np.empty((0, 3)), np.empty(0), np.empty((0, 3)), np.empty(0),
    ...                         [0.1, 0.2, 0.0], [0.5, 0.5, 1.0], ar=FLOAT)
    >>> Vf.shape
    (4, 3)
    >>> bool(np.allclose(Vf, V.astype(float), atol=1e-12))
    True
    """
    A_ub_a, b_ub_a, A_eq_a, b_eq_a, lower_a, upper_a = read_hform(
        A_ub, b_ub, A_eq, b_eq, lower, upper, ar)
    n = lower_a.shape[0]
    tol = 0.0 if ar.exact else check_atol(atol)
    check_max_vertices(max_rays, "max_rays", "rays to hold")

    if n == 0:
        return np.empty((0, 0), dtype=ar.dtype)

    # Homogenised rows: ineqs mean c @ p <= 0, eqs mean c @ p == 0 (with p >= 0).
    ineq_raw: list[tuple[NDArray, Any]] = []
    for i in range(A_ub_a.shape[0]):
        ineq_raw.append((A_ub_a[i], b_ub_a[i]))
    for j in range(n):
        if lower_a[j] > 0:  # -p_j + lower_j * sum(p) <= 0
            row = _unit(n, j, -1, ar)
            ineq_raw.append((row, -lower_a[j]))
        if upper_a[j] < 1:  # p_j - upper_j * sum(p) <= 0
            row = _unit(n, j, 1, ar)
            ineq_raw.append((row, upper_a[j]))
    eq_raw = [(A_eq_a[i], b_eq_a[i]) for i in range(A_eq_a.shape[0])]

    budget = _Budget(max_rays, progress)
    if ar.exact:
        return _enumerate_exact(n, eq_raw, ineq_raw, in_order, budget)
    return _enumerate_float(n, eq_raw, ineq_raw, tol, in_order, budget)


# ----------------------------------------------------------------------------------------
# input handling
# ----------------------------------------------------------------------------------------


def read_hform(A_ub: Any, b_ub: Any, A_eq: Any, b_eq: Any, lower: Any, upper: Any,
               ar: Arithmetic) -> tuple[NDArray, NDArray, NDArray, NDArray, NDArray, NDArray]:
    """The six arrays of an H-form (as :func:`enumerate_vertices` takes them) read in the
    arithmetic ``ar``, shapes checked against ``lower``'s length."""
    lower_a = _as_vector(lower, "lower", None, ar)
    n = lower_a.shape[0]
    upper_a = _as_vector(upper, "upper", n, ar)
    A_ub_a = _as_matrix(A_ub, "A_ub", n, ar)
    b_ub_a = _as_vector(b_ub, "b_ub", A_ub_a.shape[0], ar)
    A_eq_a = _as_matrix(A_eq, "A_eq", n, ar)
    b_eq_a = _as_vector(b_eq, "b_eq", A_eq_a.shape[0], ar)
    return A_ub_a, b_ub_a, A_eq_a, b_eq_a, lower_a, upper_a


def _as_vector(values: Any, name: str, length: int | None, ar: Arithmetic) -> NDArray:
    arr = ar.read(values, name)
    if arr.size == 0 and length == 0:
        return arr.reshape(0)
    if arr.ndim != 1 or (length is not None and arr.shape[0] != length):
        want = "a 1-d array" if length is None else f"shape ({length},)"
        raise InvalidArgumentError(f"{name} must have {want}, got shape {arr.shape}")
    return arr


def _as_matrix(values: Any, name: str, n: int, ar: Arithmetic) -> NDArray:
    arr = ar.read(values, name)
    if arr.size == 0:
        rows = arr.shape[0] if arr.ndim == 2 else 0
        if arr.ndim == 2 and arr.shape[1] != n and rows:
            raise InvalidArgumentError(f"{name} must have shape (m, {n}), got {arr.shape}")
        return arr.reshape(rows, n) if rows and n else arr.reshape(0, n)
    if arr.ndim != 2 or arr.shape[1] != n:
        raise InvalidArgumentError(f"{name} must have shape (m, {n}), got shape {arr.shape}")
    return arr


def _unit(n: int, j: int, sign: int, ar: Arithmetic) -> NDArray:
    """The row ``sign * e_j`` in the arithmetic ``ar``."""
    row = ar.filled(n, 0)
    row[j] = ar.scalar(sign)
    return row

# ----------------------------------------------------------------------------------------
# the double description core (shared by both arithmetics)
# ----------------------------------------------------------------------------------------


#: Above this many (positive, negative) pairs the popcount pre-filter runs in numpy.
_VECTOR_PAIRS = 4096
#: Largest block of the pair-count matrix formed at once.
_BLOCK = 1 << 22


def _bit_matrix(Z: Sequence[int], nbits: int) -> NDArray:
    """Rows of 0/1 (uint8) giving the bits 0..nbits-1 of each mask in ``Z``."""
    nbytes = max(1, (nbits + 7) // 8)
    raw = b"".join(z.to_bytes(nbytes, "little") for z in Z)
    packed = np.frombuffer(raw, dtype=np.uint8).reshape(len(Z), nbytes)
    return np.unpackbits(packed, axis=1, count=nbits, bitorder="little")


def _candidate_pairs(
    pos: Sequence[int], neg: Sequence[int], Z: Sequence[int], need: int, nbits: int
) -> tuple[list[tuple[int, int]], NDArray | None]:
    """Pairs (r, s) from pos x neg with at least ``need`` common tight constraints."""
    if len(pos) * len(neg) <= _VECTOR_PAIRS:
        out = [(r, s) for r in pos for s in neg if (Z[r] & Z[s]).bit_count() >= need]
        return out, None
    bits = _bit_matrix(Z, nbits)
    # counts are at most nbits, exact in float32 (BLAS matrix product)
    bp = bits[np.asarray(pos, dtype=np.intp)].astype(np.float32)
    bn = bits[np.asarray(neg, dtype=np.intp)].astype(np.float32).T.copy()
    pos_a = np.asarray(pos, dtype=np.intp)
    neg_a = np.asarray(neg, dtype=np.intp)
    step = max(1, _BLOCK // max(1, len(neg)))
    found_r: list[NDArray] = []
    found_s: list[NDArray] = []
    for start in range(0, len(pos), step):
        counts = bp[start : start + step] @ bn
        ii, jj = np.nonzero(counts >= need - 0.5)
        found_r.append(pos_a[start + ii])
        found_s.append(neg_a[jj])
    rr = np.concatenate(found_r).tolist()
    ss = np.concatenate(found_s).tolist()
    return list(zip(rr, ss, strict=True)), bits


def _adjacent_pairs(
    pos: Sequence[int], neg: Sequence[int], Z: Sequence[int], need: int
) -> list[tuple[int, int]]:
    """All pairs (r, s) with r in ``pos``, s in ``neg`` that are adjacent extreme rays.

    ``Z[i]`` is the bitmask of constraints tight at ray ``i``; ``need`` is the least number
    of common tight constraints two adjacent rays must have (``d - 2``). Adjacency is the
    combinatorial test: no third ray is tight at every constraint in ``Z[r] & Z[s]``.
    """
    nrays = len(Z)
    nbits = max(z.bit_length() for z in Z)
    candidates, bits = _candidate_pairs(pos, neg, Z, need, nbits)
    if not candidates:
        return []
    # cols[j] = bitmask over rays tight at constraint j
    if bits is None:
        col_list = [0] * nbits
        for i, z in enumerate(Z):
            bit = 1 << i
            while z:
                low = z & -z
                col_list[low.bit_length() - 1] |= bit
                z ^= low
    else:
        packed = np.packbits(bits, axis=0, bitorder="little")  # (ceil(nrays/8), nbits)
        col_list = [int.from_bytes(packed[:, j].tobytes(), "little") for j in range(nbits)]
    everyone = (1 << nrays) - 1
    pairs: list[tuple[int, int]] = []
    for r, s in candidates:
        target = (1 << r) | (1 << s)
        acc = everyone
        c = Z[r] & Z[s]
        while c and acc != target:
            low = c & -c
            acc &= col_list[low.bit_length() - 1]
            c ^= low
        if acc == target:
            pairs.append((r, s))
    return pairs


class _Arith:
    """The arithmetic a double-description run needs. Rays are rows of a numpy array."""

    def initial(self, n: int) -> NDArray:
        raise NotImplementedError  # pragma: no cover - interface

    def evaluate(self, rays: NDArray, C: NDArray) -> NDArray:
        """``rays @ C.T``: the value of every constraint row of ``C`` at every ray."""
        raise NotImplementedError  # pragma: no cover - interface

    def signs(self, V: NDArray) -> NDArray:
        """-1, 0 or 1 (int8) for each value in ``V``."""
        raise NotImplementedError  # pragma: no cover - interface

    def combine(self, rays: NDArray, v: NDArray, r: NDArray, s: NDArray) -> NDArray:
        """For each pair (r[i] with v > 0, s[i] with v < 0), the ray on the hyperplane."""
        raise NotImplementedError  # pragma: no cover - interface

    def join(self, kept: NDArray, new: NDArray) -> NDArray:
        return np.concatenate([kept, new], axis=0)

    def dedupe(self, rays: NDArray, Z: list[int]) -> tuple[NDArray, list[int]]:
        return rays, Z


def _step(
    arith: _Arith,
    rays: NDArray,
    Z: list[int],
    v: NDArray,
    sg: NDArray,
    need: int,
    bit: int,
    equality: bool,
) -> tuple[NDArray, list[int]]:
    """Intersect the cone with ``c @ p <= 0`` (or ``== 0``) given the values ``v = rays @ c``
    and their signs ``sg``; ``bit`` is the constraint's tightness bit (0 for equalities)."""
    pos = np.flatnonzero(sg > 0).tolist()
    neg = np.flatnonzero(sg < 0).tolist()
    pairs = _adjacent_pairs(pos, neg, Z, need) if pos and neg else []
    keep = np.flatnonzero(sg == 0 if equality else sg <= 0)
    if pairs:
        idx = np.asarray(pairs, dtype=np.intp)
        new = arith.combine(rays, v, idx[:, 0], idx[:, 1])
    else:
        new = rays[:0]
    rays = arith.join(rays[keep], new)
    zero = (sg == 0).tolist()
    Z = [(Z[i] | bit) if zero[i] else Z[i] for i in keep.tolist()] + [
        (Z[r] & Z[s]) | bit for r, s in pairs
    ]
    return arith.dedupe(rays, Z)


class _Budget:
    """``max_rays`` and ``progress`` of :func:`enumerate_vertices`, checked after each step."""

    def __init__(self, max_rays: int | None = None,
                 progress: Callable[[int, int], object] | None = None) -> None:
        self.max_rays, self.progress = max_rays, progress

    def step(self, rays: int, done: int, total: int) -> None:
        if self.max_rays is not None and rays > self.max_rays:
            raise RayBudgetExceeded(self.max_rays, rays, done, total)
        if self.progress is not None:
            self.progress(done, total)


def _double_description(
    n: int, eqs: NDArray, eq_ranks: list[int], ineqs: NDArray, arith: _Arith,
    in_order: bool = False, budget: _Budget | None = None,
) -> NDArray:
    """Extreme rays of the cone {p >= 0, eqs @ p == 0, ineqs @ p <= 0}, one per row.

    ``eqs`` is (m2, n), ``ineqs`` is (m1, n); ``eq_ranks[k]`` is the rank of the first ``k``
    equalities. Equalities are added first, in order; then, at every step, the inequality
    that cuts off the most current rays (max-cutoff rule). Inequalities no current ray
    violates are retired at once: the cone only shrinks, so they stay satisfied.
    """
    budget = budget if budget is not None else _Budget()
    total = eqs.shape[0] + ineqs.shape[0]
    rays = arith.initial(n)
    full = (1 << n) - 1
    Z = [full ^ (1 << j) for j in range(n)]  # bit j: orthant constraint p_j >= 0
    for k in range(eqs.shape[0]):
        v = arith.evaluate(rays, eqs[k : k + 1])[:, 0]
        sg = arith.signs(v)
        if sg.any():
            rays, Z = _step(arith, rays, Z, v, sg, n - eq_ranks[k] - 2, 0, True)
        budget.step(len(Z), k + 1, total)
        if not Z:
            return rays
    need = n - eq_ranks[eqs.shape[0]] - 2
    remaining = np.arange(ineqs.shape[0])
    while remaining.size and Z:
        V = arith.evaluate(rays, ineqs[remaining])
        S = arith.signs(V)
        npos = np.count_nonzero(S > 0, axis=0)
        done = npos == 0
        for col in np.flatnonzero(done).tolist():
            bit = 1 << (n + int(remaining[col]))
            for i in np.flatnonzero(S[:, col] == 0).tolist():
                Z[i] |= bit
        if done.all():
            break
        col = int(np.flatnonzero(~done)[0]) if in_order else int(np.argmax(npos))
        k = int(remaining[col])
        alive = ~done
        alive[col] = False
        remaining = remaining[alive]
        rays, Z = _step(arith, rays, Z, V[:, col], S[:, col], need, 1 << (n + k), False)
        budget.step(len(Z), total - remaining.size, total)
    budget.step(len(Z), total, total)
    return rays


# ----------------------------------------------------------------------------------------
# exact arithmetic: rays as primitive integer vectors (int64 while safe, else Python ints)
# ----------------------------------------------------------------------------------------


class _ExactArith(_Arith):
    """Exact integer arithmetic. Each ray is the primitive integer vector on its half-line
    (its sum-1 representative times the common denominator). int64 is used only when a
    bound on the result proves there is no overflow; otherwise Python ints (object)."""

    def initial(self, n: int) -> NDArray:
        return np.eye(n, dtype=np.int64)

    def evaluate(self, rays: NDArray, C: NDArray) -> NDArray:
        return int_products(rays, C)

    def signs(self, V: NDArray) -> NDArray:
        return (np.asarray(V > 0, dtype=np.int8) - np.asarray(V < 0, dtype=np.int8))

    def combine(self, rays: NDArray, v: NDArray, r: NDArray, s: NDArray) -> NDArray:
        a = v[r]  # > 0
        b = -v[s]  # > 0;  a * ray_s + b * ray_r lies on the hyperplane
        if v.dtype == np.int64 and rays.dtype == np.int64:
            bound = (int(a.max()) + int(b.max())) * int(rays.max())
            if bound < INT64_SAFE:
                return primitive_int_rows(a[:, None] * rays[s] + b[:, None] * rays[r])
        ro = rays.astype(object)
        new = a.astype(object)[:, None] * ro[s] + b.astype(object)[:, None] * ro[r]
        return int64_if_small(primitive_int_rows(new))

    def join(self, kept: NDArray, new: NDArray) -> NDArray:
        out = np.concatenate([kept, new], axis=0)
        return int64_if_small(out)


def _enumerate_exact(
    n: int, eq_raw: list[tuple[NDArray, Fraction]], ineq_raw: list[tuple[NDArray, Fraction]],
    in_order: bool = False, budget: _Budget | None = None,
) -> NDArray:
    # Homogenised rows as primitive integer vectors; drop trivial, repeated and (for
    # equalities) linearly dependent rows.
    eqs: list[tuple[int, ...]] = []
    basis: list[list[Fraction]] = []
    pivots: list[int] = []
    for a, b in eq_raw:
        prim = primitive_row([x - b for x in a])
        if prim is None:
            continue  # a == b * 1: the equality is sum(p) == 1 again
        if rref_add([Fraction(v) for v in prim], basis, pivots):  # independent of the others
            eqs.append(prim)
    eq_ranks = list(range(len(eqs) + 1))

    ineqs: dict[tuple[int, ...], None] = {}
    for a, b in ineq_raw:
        prim = primitive_row([x - b for x in a])
        if prim is None or max(prim) <= 0:
            continue  # implied by p >= 0
        ineqs[prim] = None

    rays = _double_description(
        n, int_matrix(eqs, n), eq_ranks, int_matrix(list(ineqs), n), _ExactArith(), in_order,
        budget,
    )
    rows = [[int(x) for x in row] for row in rays.tolist()]
    totals = [sum(row) for row in rows]
    # Sort exactly on integer keys over a common denominator (much faster than comparing
    # tuples of Fractions).
    common = math.lcm(*set(totals)) if totals else 1
    keys = [tuple(x * (common // t) for x in row) for row, t in zip(rows, totals, strict=True)]
    order = sorted(range(len(rows)), key=keys.__getitem__)
    out = np.empty((len(rows), n), dtype=object)
    for i, k in enumerate(order):
        t = totals[k]
        out[i, :] = [Fraction(x, t) for x in rows[k]]
    return out


# ----------------------------------------------------------------------------------------
# float arithmetic: rays as rows of a float64 array, each summing to 1
# ----------------------------------------------------------------------------------------


class _FloatArith(_Arith):
    def __init__(self, atol: float, n: int) -> None:
        self.atol = atol
        # fixed projection for near-duplicate detection: |w @ (x - y)| <= max|x - y|
        w = np.random.default_rng(20240229).random(n) + 0.5
        self.w = w / w.sum()

    def initial(self, n: int) -> NDArray:
        return np.eye(n)

    def evaluate(self, rays: NDArray, C: NDArray) -> NDArray:
        values: NDArray = rays @ C.T
        return values

    def signs(self, V: NDArray) -> NDArray:
        return np.asarray(V > self.atol, dtype=np.int8) - np.asarray(V < -self.atol, np.int8)

    def combine(self, rays: NDArray, v: NDArray, r: NDArray, s: NDArray) -> NDArray:
        a = v[r][:, None]
        b = -v[s][:, None]
        new: NDArray = a * rays[s] + b * rays[r]
        np.clip(new, 0.0, None, out=new)
        new /= new.sum(axis=1, keepdims=True)
        return new

    def dedupe(self, rays: NDArray, Z: list[int]) -> tuple[NDArray, list[int]]:
        keep, groups = _near_duplicates(rays, self.w, self.atol)
        if groups is None:
            return rays, Z
        Z_new = []
        for i in keep:
            z = Z[i]
            for j in groups.get(i, ()):
                z |= Z[j]
            Z_new.append(z)
        return rays[np.asarray(keep, dtype=np.intp)], Z_new


def _near_duplicates(
    rays: NDArray, w: NDArray, atol: float
) -> tuple[list[int], dict[int, list[int]] | None]:
    """Indices of representatives of rays equal within ``atol`` (max-norm).

    Returns ``(keep, groups)`` with ``groups`` mapping a kept index to the indices merged
    into it, or ``groups is None`` when there are no near-duplicates (``keep`` is then all).
    """
    m = rays.shape[0]
    if m < 2:
        return list(range(m)), None
    proj = rays @ w
    order = np.argsort(proj, kind="stable")
    close = np.diff(proj[order]) <= atol
    if not close.any():
        return list(range(m)), None
    dropped: set[int] = set()
    groups: dict[int, list[int]] = {}
    i = 0
    order_l = order.tolist()
    close_l = close.tolist()
    while i < m:
        j = i
        while j < m - 1 and close_l[j]:
            j += 1
        if j > i:
            reps: list[int] = []
            for idx in sorted(order_l[i : j + 1]):
                for rep in reps:
                    if np.max(np.abs(rays[idx] - rays[rep])) <= atol:
                        dropped.add(idx)
                        groups.setdefault(rep, []).append(idx)
                        break
                else:
                    reps.append(idx)
        i = j + 1
    if not dropped:
        return list(range(m)), None
    return [k for k in range(m) if k not in dropped], groups


def _enumerate_float(
    n: int,
    eq_raw: list[tuple[NDArray, float]],
    ineq_raw: list[tuple[NDArray, float]],
    atol: float,
    in_order: bool = False,
    budget: _Budget | None = None,
) -> NDArray:
    def normalise(a: NDArray, b: float) -> NDArray | None:
        c = np.asarray(a, dtype=np.float64) - float(b)
        big = float(np.max(np.abs(c)))
        scale = max(1.0, float(np.max(np.abs(a))), abs(float(b)))
        if big <= atol * scale:
            return None  # zero row up to rounding
        return c / big

    eqs: list[NDArray] = []
    seen: set[tuple[float, ...]] = set()
    for a, b in eq_raw:
        c = normalise(a, b)
        if c is None:
            continue
        key = tuple(c.tolist())
        if key in seen or tuple((-c).tolist()) in seen:
            continue
        seen.add(key)
        eqs.append(c)
    eq_ranks = [0]
    for k in range(1, len(eqs) + 1):
        eq_ranks.append(int(np.linalg.matrix_rank(np.vstack(eqs[:k]))))

    ineq_map: dict[tuple[float, ...], NDArray] = {}
    for a, b in ineq_raw:
        c = normalise(a, b)
        if c is None or float(np.max(c)) <= atol:
            continue  # implied by p >= 0 (up to the tolerance)
        ineq_map.setdefault(tuple(c.tolist()), c)
    eq_mat = np.vstack(eqs) if eqs else np.zeros((0, n))
    ineq_mat = np.vstack(list(ineq_map.values())) if ineq_map else np.zeros((0, n))

    arith = _FloatArith(atol, n)
    rays = _double_description(n, eq_mat, eq_ranks, ineq_mat, arith, in_order, budget)
    if rays.shape[0] == 0:
        return np.empty((0, n))
    keep, _ = _near_duplicates(rays, arith.w, atol)
    rays = rays[np.asarray(keep, dtype=np.intp)]
    return np.ascontiguousarray(rays[tolerant_lex_order(rays, atol)])


def tolerant_lex_order(rows: NDArray, atol: float) -> np.ndarray[tuple[int], np.dtype[np.intp]]:
    """Lexicographic order of ``rows`` where values within ``atol`` count as equal.

    Each column's values are grouped into runs with gaps at most ``atol``; rows are sorted
    by their run numbers, column by column, so that e.g. 0.1 and 0.1 - 1e-17 tie.
    """
    ids = np.empty(rows.shape, dtype=np.intp)
    for j in range(rows.shape[1]):
        col = rows[:, j]
        order = np.argsort(col, kind="stable")
        gaps = np.diff(col[order]) > atol
        run = np.concatenate([[0], np.cumsum(gaps)])
        ids[order, j] = run
    return np.lexsort(ids.T[::-1])

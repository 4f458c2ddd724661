"""Constraints of a credal set: facets of a V-form set (V-form to H-form), and H-forms
with their redundant rows removed.

Both functions describe a credal set as

.. math::

    \\{p \\in \\mathbb{R}^n : p \\ge 0,\\ \\textstyle\\sum_j p_j = 1,\\
    A_{ub} p \\le b_{ub},\\ A_{eq} p = b_{eq}\\}

with the simplex constraints (``p >= 0``, ``sum(p) == 1``) left implicit, and return the
rows in the same arithmetic as their input: numpy object arrays of ``fractions.Fraction``
(exact, no tolerance anywhere) or float64 arrays (with an explicit absolute tolerance).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from fractions import Fraction
from typing import Any

import numpy as np

from .._core.arith import EXACT, Arithmetic
from .._core.frozen import readonly
from .._core.linalg import (
    SubsetRank,
    int64_if_small,
    int_products,
    integer_rows,
    null_space,
    reduce_row,
    rref,
    rref_add,
)
from .._core.numbers import show
from .._core.types import NDArray
from ..errors import EmptySetError, InvalidArgumentError
from ..lp import LinearProgram, LPStatus, check_optimal, get_backend
from ..tolerance import DEFAULT_ATOL, check_atol
from .vertex_enumeration import enumerate_vertices, tolerant_lex_order

__all__ = ["facets_of_points", "irredundant_constraints"]

Scalar = Any  # Fraction (exact) or float

# ----------------------------------------------------------------------------------------
# V-form to H-form
# ----------------------------------------------------------------------------------------


def facets_of_points(
    points: NDArray, ar: Arithmetic, atol: float = DEFAULT_ATOL
) -> tuple[NDArray, NDArray, NDArray, NDArray]:
    r"""An irredundant H-form of the convex hull of some distributions.

    Parameters
    ----------
    points : numpy.ndarray, shape (k, n)
        ``k >= 1`` distributions over ``n`` outcomes (rows nonnegative, summing to 1),
        duplicates and non-extreme points allowed. An object array of ``Fraction`` (or
        ``int``) entries for :data:`~credal._core.arith.EXACT`, float64 otherwise.
    ar : Arithmetic
        :data:`~credal._core.arith.EXACT` (rational arithmetic, no tolerance) or
        :data:`~credal._core.arith.FLOAT` (float64 arithmetic with ``atol``).
    atol : float, default DEFAULT_ATOL
        Float mode only, ignored when ``ar`` is ``EXACT``. Points within ``atol`` of each
        other (max-norm) are merged; an equation ``g·p = γ`` belongs to the affine hull
        when the singular value of ``[V | -1]`` it belongs to is at most ``atol`` (every
        point satisfies the equation, scaled to unit 2-norm, within ``atol``; numpy's
        rank tolerance is used instead if it is larger); a point
        ``v`` is on the hyperplane of a candidate inequality ``a·p <= β`` (scaled so that
        ``a >= 0``, ``β >= 0``, ``sum(a) + β == 1``) when ``|a·v - β| <= atol``, the same
        test the double description run makes; coefficients within ``atol`` of zero (in
        rows scaled to largest coefficient 1) are set to zero.

    Returns
    -------
    A_ub : numpy.ndarray, shape (m1, n)
    b_ub : numpy.ndarray, shape (m1,)
    A_eq : numpy.ndarray, shape (m2, n)
    b_eq : numpy.ndarray, shape (m2,)
        ``conv(points) == {p : p >= 0, sum(p) == 1, A_ub p <= b_ub, A_eq p == b_eq}``.
        The inequalities are the facets of the hull other than the simplex's own
        (``p_i >= 0``), one row each; the equalities, with ``sum(p) == 1``, are an
        independent set of equations of the affine hull (``m2 = n - 1 - dim``). Each row
        is scaled so its largest absolute coefficient is 1, and brought to a canonical
        form (reduced by the equalities, then shifted by a multiple of ``sum(p) == 1``
        to have as many zero coefficients as possible; equalities with a positive first
        coefficient), so that the rows depend only on the set, not on the points given.
        Rows are in lexicographic order of ``(a, b)``. Arrays are read-only, in ``ar``:
        object arrays of ``Fraction`` (``EXACT``) or float64 (``FLOAT``).

    Raises
    ------
    InvalidArgumentError
        If ``points`` is not a nonempty 2-d array of distributions (nonnegative rows
        summing to 1, within ``atol`` times ``n`` in float mode).

    Notes
    -----
    Every inequality ``a·p <= β`` valid on the hull can be shifted along
    ``sum(p) == 1`` (``a + t``, ``β + t``) to have ``a >= 0`` and so ``β >= 0``: the valid
    inequalities form the pointed cone
    ``K = {(a, β) >= 0 : a·v - β <= 0 for every point v}``, whose extreme rays (scaled to
    sum 1) are the vertices that :func:`credal._polytope.enumerate_vertices` finds. For
    each extreme ray the points where it is tight are those on a face of the hull (empty
    or all points for trivial rays and equations of the affine hull, which are dropped).
    Each facet ``F`` appears as an extreme ray tight exactly at the points on ``F`` (the
    face of ``K`` of inequalities tight on ``F`` is pointed, and one of its extreme rays
    is not an equation); every other face is in a facet, so the facets are the maximal
    tight sets. In exact mode this is checked: the points on each facet have rank
    ``dim`` (they include ``dim`` affinely independent ones). A facet whose points all
    have ``p_i == 0`` for an ``i`` not zero on the whole hull is ``p_i >= 0`` and is left
    implicit.

    The equations of the affine hull are the null space of ``[V | -1]`` (vectors
    ``(g, γ)`` with ``V g = γ``), in reduced row echelon form; the row with the first
    pivot is dropped, as it is ``sum(p) == 1`` minus the others, and each remaining one is
    shifted by a multiple of ``sum(p) == 1`` to have the most zero coefficients.

    In float mode the right-hand sides are recomputed from the points (the largest
    ``a·v`` for an inequality, the mean ``g·v`` for an equality) rather than taken from
    the rounded rays.

    The double description run has one constraint per distinct point, in dimension
    ``n + 1``; it is fast for the sets met in practice (``n <= 6``, tens of points) but
    grows quickly with many points in higher dimension (about 2 s for the 280 vertices of
    a probability-interval set over 8 outcomes, 10 s for 504 vertices over 9).

    Examples
    --------
    >>> from fractions import Fraction as F
    >>> import numpy as np
    >>> from credal._core.arith import EXACT
    >>> V = np.array([[F(1), F(0), F(0)], [F(1, 2), F(1, 2), F(0)],
    ...               [F(1, 2), F(0), F(1, 2)]], dtype=object)
    >>> A_ub, b_ub, A_eq, b_eq = facets_of_points(V, EXACT)
    >>> [[str(x) for x in row] for row in A_ub], [str(x) for x in b_ub], A_eq.shape
    ([['-1', '0', '0']], ['-1/2'], (0, 3))
    """
    tol = 0.0 if ar.exact else check_atol(atol)
    V = _unique_points(points, ar, tol)
    k, n = V.shape
    V_aug = np.concatenate([V, ar.filled((k, 1), -1)], axis=1)
    if ar.exact:
        null = null_space(V_aug.tolist(), n + 1)
        E, pivots = rref(null)
    else:
        E_arr, pivots = _rref_float(_null_space_float(V_aug, tol), tol)
        E = E_arr.tolist()
    if not E:
        raise InvalidArgumentError(
            f"points must be distributions (rows summing to 1 within atol={atol}): no "
            f"equation sum(p) == 1 holds on them")
    dim = n - len(E)  # rank([V | -1]) = dim + 1
    eq_rows, eq_pivots = E[1:], pivots[1:]
    shift = E[0]

    ineqs: list[tuple[list[Scalar], Scalar]] = []
    if dim >= 1:
        zero_cols = (V == 0) if ar.exact else (V <= tol)
        loose = ~zero_cols.all(axis=0)  # coordinates not zero on the whole hull
        rank_check = _FacetRank(V) if ar.exact else None
        for ray, T in _facet_rays(V_aug, ar, tol):
            if (zero_cols[T][:, loose]).all(axis=0).any():
                continue  # the simplex's own facet p_i >= 0
            if rank_check is not None:
                rank_check.check(T, dim)
            ineqs.append(_canonical(list(ray), eq_rows, eq_pivots, shift, ar, tol))
    ones = [ar.one()] * (n + 1)
    eqs = [_canonical(list(row), [], [], ones, ar, tol, equality=True) for row in eq_rows]
    if not ar.exact:  # right-hand sides from the points themselves, not from rounded rays
        ineqs = [(a, _snap(float(np.max(V @ np.asarray(a))), tol)) for a, _ in ineqs]
        eqs = [(g, _snap(float(np.mean(V @ np.asarray(g))), tol)) for g, _ in eqs]
    return _output(ineqs, n, ar, tol) + _output(eqs, n, ar, tol)


def _unique_points(points: Any, ar: Arithmetic, tol: float) -> NDArray:
    """The distinct rows of ``points`` (within ``tol`` for floats), sorted."""
    arr = ar.read(points, "points")
    if arr.ndim != 2 or arr.shape[0] == 0 or arr.shape[1] == 0:
        raise InvalidArgumentError(
            f"points must be a nonempty 2-d array of shape (k, n), got shape {arr.shape}")
    if ar.exact:
        bad = any(v < 0 for v in arr.ravel()) or any(sum(r) != 1 for r in arr.tolist())
    else:
        slack = tol * arr.shape[1] + 8 * arr.shape[1] * np.finfo(np.float64).eps
        bad = bool((arr < -tol).any() or (np.abs(arr.sum(axis=1) - 1) > slack).any())
    if bad:
        raise InvalidArgumentError(
            f"points must be distributions (nonnegative rows summing to 1), got "
            f"{show(arr)}")
    if ar.exact:
        rows = sorted(set(map(tuple, arr.tolist())))
        out = np.empty((len(rows), arr.shape[1]), dtype=object)
        out[:] = rows
        return out
    keep = np.ones(arr.shape[0], dtype=bool)
    for i in range(1, arr.shape[0]):
        near = np.abs(arr[:i] - arr[i]).max(axis=1) <= tol
        keep[i] = not (near & keep[:i]).any()
    kept: NDArray = arr[keep]
    return kept[tolerant_lex_order(kept, tol)]


def _facet_rays(V_aug: NDArray, ar: Arithmetic, tol: float) -> list[tuple[NDArray, NDArray]]:
    """``(ray, T)`` for each facet of the hull of the points: ``ray`` is ``(a, β)`` with
    ``a >= 0`` and ``a·p <= β`` tight at exactly the points ``T`` (a bool mask) of the
    facet; one per facet, in a deterministic order."""
    k, m = V_aug.shape
    rays = enumerate_vertices(V_aug, ar.filled(k, 0), ar.filled((0, m), 0), ar.filled(0, 0),
                              ar.filled(m, 0), ar.filled(m, 1), ar=ar, atol=tol,
                              in_order=True)
    if ar.exact:
        if rays.shape[0] == 0:  # pragma: no cover - (0, ..., 0, 1) is always a ray
            return []
        ray_int = int64_if_small(integer_rows(rays, common=False)[0])
        point_int = int64_if_small(integer_rows(V_aug, common=False)[0])  # rows times D > 0
        tight = np.asarray(int_products(ray_int, point_int) == 0, dtype=bool)
    else:
        tight = np.abs(rays @ V_aug.T) <= tol
    sizes = tight.sum(axis=1)
    proper = np.flatnonzero((sizes > 0) & (sizes < k))
    # one ray per distinct tight set (the first, in the enumeration's sorted order)
    seen: dict[bytes, int] = {}
    for i in proper.tolist():
        seen.setdefault(np.packbits(tight[i]).tobytes(), i)
    idx = np.fromiter(seen.values(), dtype=np.intp, count=len(seen))
    if idx.size == 0:
        return []
    B = tight[idx]
    size = sizes[idx]
    # T_i is inside T_j iff |T_i & T_j| == |T_i| (counts are exact in float32 below 2**24)
    Bf = B.astype(np.float32)
    maximal = np.ones(idx.size, dtype=bool)
    step = max(1, (1 << 22) // max(1, idx.size))
    for start in range(0, idx.size, step):
        common = Bf[start : start + step] @ Bf.T
        inside = (common >= size[start : start + step, None] - 0.5) & (
            size[None, :] > size[start : start + step, None])
        maximal[start : start + step] = ~inside.any(axis=1)
    return [(rays[i], tight[i]) for i in idx[maximal].tolist()]


class _FacetRank:
    """Exact check that the points on a facet of a ``dim``-dimensional hull have rank
    ``dim`` (the points of the hull have rank ``dim + 1``).

    The points of a proper face have rank at most ``dim``, so :class:`SubsetRank` settles
    it modulo a prime, and rational elimination is needed only when the prime divides a
    minor.
    """

    def __init__(self, V: NDArray) -> None:
        self.ranks = SubsetRank(V.tolist())

    def check(self, T: NDArray, dim: int) -> None:
        rank = self.ranks.rank(T, bound=dim)
        if rank != dim:  # pragma: no cover - impossible: the facets are the maximal sets
            raise AssertionError(
                f"internal error: a facet of a {dim}-dimensional hull has points of rank "
                f"{rank}")


def _canonical(
    x: list[Scalar],
    eq_rows: Sequence[Sequence[Scalar]],
    eq_pivots: Sequence[int],
    shift: Sequence[Scalar],
    ar: Arithmetic,
    tol: float,
    equality: bool = False,
) -> tuple[list[Scalar], Scalar]:
    """The canonical form of the inequality ``x = (a, β)``: ``a·p <= β`` (of the
    equality ``a·p == β`` if ``equality``, whose first nonzero coefficient is then made
    positive before the comparisons).

    Reduced by the equalities (zero in their pivot columns), then shifted by the
    multiple of ``shift`` (the equation ``sum(p) == 1`` minus the equalities) giving the
    most zero coefficients, scaled to largest absolute coefficient 1 (ties: fewest
    negative coefficients, then the lexicographically smallest). The result depends only
    on the inequality modulo the equations, not on the ray it came from.
    """
    n = len(x) - 1
    for row, piv in zip(eq_rows, eq_pivots, strict=True):
        f = x[piv]
        if f != 0:
            x = [xi - f * ri for xi, ri in zip(x, row, strict=True)]
    a, beta = _scaled(x[:n], x[n], ar, tol)
    x = [*a, beta]

    best: list[Scalar] | None = None
    for j in range(n):
        if ar.is_zero(shift[j], tol):
            continue
        t = -x[j] / shift[j]
        a, beta = _scaled([xi + t * si for xi, si in zip(x[:n], shift[:n], strict=True)],
                          x[n] + t * shift[n], ar, tol)
        if equality:
            a, beta = _signed(a, beta)
        # most zeros, then fewest negative coefficients, then lexicographically smallest
        key = [-sum(v == 0 for v in a), sum(v < 0 for v in a), *a, beta]
        if best is None or _lex_less(key, best, tol):
            best = key
    if best is None:  # pragma: no cover - the shift has a pivot 1
        return _scaled(x[:n], x[n], ar, tol)
    return best[2 : 2 + n], best[2 + n]


def _lex_less(x: Sequence[Scalar], y: Sequence[Scalar], tol: float) -> bool:
    """Lexicographic ``x < y`` where entries within ``tol`` count as equal."""
    for u, v in zip(x, y, strict=True):
        if abs(u - v) > tol:
            return bool(u < v)
    return False


# ----------------------------------------------------------------------------------------
# H-form redundancy removal
# ----------------------------------------------------------------------------------------


def irredundant_constraints(
    A_ub: Any,
    b_ub: Any,
    A_eq: Any,
    b_eq: Any,
    lower: Any,
    upper: Any,
    ar: Arithmetic,
    atol: float = DEFAULT_ATOL,
) -> tuple[NDArray, NDArray, NDArray, NDArray]:
    """The same credal set as an H-form without redundant rows.

    The set is ``{p : p >= 0, sum(p) == 1, A_ub p <= b_ub, A_eq p == b_eq,
    lower <= p <= upper}``.

    Parameters
    ----------
    A_ub : array_like, shape (m1, n)
    b_ub : array_like, shape (m1,)
    A_eq : array_like, shape (m2, n)
    b_eq : array_like, shape (m2,)
        Inequality and equality rows; ``m1`` and ``m2`` may be 0.
    lower, upper : array_like, shape (n,), or None
        Bounds on each probability; ``None`` means the simplex's own (0 and 1). A bound
        ``lower_i > 0`` is the row ``-p_i <= -lower_i`` and ``upper_i < 1`` the row
        ``p_i <= upper_i``; the others are implied by the simplex.
    ar : Arithmetic
        :data:`~credal._core.arith.EXACT` (``Fraction``; the LPs are solved exactly) or
        :data:`~credal._core.arith.FLOAT` (float64). The inputs are read into it (an exact
        computation refuses floats).
    atol : float, default DEFAULT_ATOL
        Float mode only, ignored when ``ar`` is ``EXACT``. With every row scaled to largest
        absolute coefficient 1, an inequality ``a·p <= b`` is redundant when ``a·p`` is at
        most ``b + atol`` on the set the other rows describe; a row within ``atol``
        (max-norm) of another is a duplicate; an equality is dependent when it is within
        singular value ``atol`` of the span of the others and ``sum(p) == 1``.

    Returns
    -------
    A_ub, b_ub, A_eq, b_eq : numpy.ndarray
        Read-only arrays describing the same set, with bounds folded into ``A_ub``: no
        inequality is redundant (removing any row changes the set), equalities are
        linearly independent together with ``sum(p) == 1``. Each row is scaled to largest
        absolute coefficient 1 (equalities also to a positive first nonzero coefficient)
        and rows are in lexicographic order of ``(a, b)``. Object arrays of ``Fraction``
        for ``EXACT``, float64 for ``FLOAT``.

    Raises
    ------
    EmptySetError
        When no distribution satisfies the constraints.
    InvalidArgumentError
        For inconsistent shapes.
    SolverError
        When an LP does not reach an optimum.

    Notes
    -----
    Rows are removed one at a time, in lexicographic order: a row goes when maximising its
    left-hand side over the set described by all the remaining rows but it (with the
    simplex) does not exceed its right-hand side. Removing a redundant row does not change
    the set, so a row kept stays irredundant after later removals. Rows repeated with
    the same left-hand side are first reduced to the tightest, and rows implied by the
    simplex alone (``max(a) <= b``) are dropped without an LP. A row and its exact
    opposite (such as the bounds of ``lower_i == upper_i``) become one equality; other
    implicit equalities stay as inequalities (neither side of one is redundant).

    Examples
    --------
    >>> from fractions import Fraction as F
    >>> import numpy as np
    >>> from credal._core.arith import EXACT
    >>> A = np.array([[F(1), F(0), F(0)], [F(2), F(0), F(0)], [F(1), F(1), F(0)]],
    ...              dtype=object)
    >>> b = np.array([F(1, 2), F(1), F(1)], dtype=object)
    >>> none = np.empty((0, 3), dtype=object), np.empty(0, dtype=object)
    >>> up = np.array([F(1), F(1), F(1, 2)], dtype=object)
    >>> A2, b2, _, _ = irredundant_constraints(A, b, *none, None, up, EXACT)
    >>> [[str(x) for x in row] for row in A2], [str(x) for x in b2]
    ([['0', '0', '1'], ['1', '0', '0']], ['1/2', '1/2'])
    """
    tol = 0.0 if ar.exact else check_atol(atol)

    def conv(values: Any, name: str) -> NDArray:
        return ar.read(values, name)

    lo = None if lower is None else conv(lower, "lower").reshape(-1)
    up = None if upper is None else conv(upper, "upper").reshape(-1)
    n = _width(A_ub, A_eq, lo, up)
    A_ub_a, b_ub_a = _rows(A_ub, b_ub, n, "A_ub", "b_ub", conv)
    A_eq_a, b_eq_a = _rows(A_eq, b_eq, n, "A_eq", "b_eq", conv)
    for name, bound in (("lower", lo), ("upper", up)):
        if bound is not None and bound.shape != (n,):
            raise InvalidArgumentError(f"{name} must have shape ({n},), got {bound.shape}")

    def is_zero(v: Scalar) -> bool:
        return ar.is_zero(v, tol)

    def at_most(value: Scalar, bound: Scalar) -> bool:
        return ar.le(value, bound, tol)

    one = ar.one()
    zero = ar.zero()
    raw: list[tuple[list[Scalar], Scalar]] = list(zip(A_ub_a.tolist(), b_ub_a.tolist(),
                                                      strict=True))
    for i in range(n):
        e = [zero] * n
        if lo is not None and lo[i] > 0:
            e[i] = -one
            raw.append((list(e), -lo[i]))
        if up is not None and up[i] < 1:
            e[i] = one
            raw.append((list(e), up[i]))

    # inequalities: scaled, zero rows checked, duplicates reduced to the tightest
    ineqs: list[tuple[list[Scalar], Scalar]] = []
    for a, b in raw:
        if all(v == 0 for v in a):
            if b < 0 and not is_zero(b):
                raise EmptySetError(f"the constraints admit no distribution: a row reads "
                                    f"0 <= {b}")
            continue
        a_s, b_s = _scaled(a, b, ar, 0.0)
        if at_most(max(a_s), b_s):
            continue  # implied by the simplex
        ineqs.append((a_s, b_s))
    ineqs = _tightest(ineqs, ar, tol)
    # a row and its exact opposite (a·p <= b, -a·p <= -b) are one equality
    paired: set[int] = set()
    pair_eqs: list[tuple[list[Scalar], Scalar]] = []
    for i, (a, b) in enumerate(ineqs):
        for j in range(i + 1, len(ineqs)):
            a2, b2 = ineqs[j]
            if j not in paired and i not in paired and is_zero(b + b2) and \
                    all(is_zero(x + y) for x, y in zip(a, a2, strict=True)):
                pair_eqs.append((a, b))
                paired |= {i, j}
    ineqs = [row for k, row in enumerate(ineqs) if k not in paired]

    eqs = _independent_equalities(A_eq_a.tolist() + [a for a, _ in pair_eqs],
                                  b_eq_a.tolist() + [b for _, b in pair_eqs], n, ar, tol)

    backend = get_backend(None, exact=ar.exact)
    ones = ar.filled((1, n), 1)
    dtype = ar.dtype
    A_eq_lp = np.array([a for a, _ in eqs] + [list(ones[0])],
                       dtype=dtype).reshape(len(eqs) + 1, n)
    b_eq_lp = np.array([b for _, b in eqs] + [one], dtype=dtype)

    def program(c: list[Scalar], rows: list[tuple[list[Scalar], Scalar]]) -> LinearProgram:
        A = np.array([a for a, _ in rows], dtype=dtype).reshape(len(rows), n)
        b = np.array([b for _, b in rows], dtype=dtype).reshape(len(rows))
        return LinearProgram.create(np.array(c, dtype=dtype), A, b, A_eq_lp, b_eq_lp,
                                    lower=0, upper=1, exact=ar.exact)

    result = backend.solve(program([zero] * n, ineqs))
    if result.status is LPStatus.INFEASIBLE:
        raise EmptySetError("the constraints admit no distribution")
    check_optimal(result)

    kept = list(ineqs)
    i = 0
    while i < len(kept):
        a, b = kept[i]
        others = kept[:i] + kept[i + 1 :]
        neg_best = check_optimal(backend.solve(program([-v for v in a], others))).value
        assert neg_best is not None  # check_optimal raises unless the solve is optimal
        best = -neg_best
        if at_most(best, b):
            kept = others
        else:
            i += 1
    return _output(kept, n, ar, tol) + _output(eqs, n, ar, tol)


def _width(A_ub: Any, A_eq: Any, lo: NDArray | None, up: NDArray | None) -> int:
    """The number of outcomes, from whichever input gives it."""
    for bound in (lo, up):
        if bound is not None:
            return int(bound.shape[0])
    for A in (A_ub, A_eq):
        arr = np.asarray(A if A is not None else [], dtype=object)
        if arr.ndim == 2:
            return int(arr.shape[1])
    raise InvalidArgumentError("the number of outcomes is unknown: give lower or upper, or "
                               "a 2-d A_ub or A_eq")


def _rows(A: Any, b: Any, n: int, a_name: str, b_name: str,
          conv: Callable[[Any, str], NDArray]) -> tuple[NDArray, NDArray]:
    A_a = conv([] if A is None else A, a_name)
    b_a = conv([] if b is None else b, b_name).reshape(-1)
    if A_a.size == 0:
        A_a = A_a.reshape(0, n)
    if A_a.ndim != 2 or A_a.shape[1] != n or b_a.shape != (A_a.shape[0],):
        raise InvalidArgumentError(
            f"{a_name} and {b_name} must have shapes (m, {n}) and (m,), got {A_a.shape} and "
            f"{b_a.shape}")
    return A_a, b_a


def _tightest(rows: list[tuple[list[Scalar], Scalar]], ar: Arithmetic,
              tol: float) -> list[tuple[list[Scalar], Scalar]]:
    """One row per left-hand side (within ``tol`` for floats): the smallest right-hand
    side; sorted lexicographically."""
    if ar.exact:
        best: dict[tuple[Fraction, ...], Fraction] = {}
        for a, b in rows:
            key = tuple(a)
            if key not in best or b < best[key]:
                best[key] = b
        return [(list(a), b) for a, b in sorted(best.items())]
    if not rows:
        return []
    A = np.array([a for a, _ in rows], dtype=np.float64)
    b = np.array([b for _, b in rows], dtype=np.float64)
    order = tolerant_lex_order(np.column_stack([A, b]), tol)
    reps: list[int] = []
    for i in order.tolist():
        for r in reps:
            if np.abs(A[i] - A[r]).max() <= tol:
                b[r] = min(b[r], b[i])
                break
        else:
            reps.append(i)
    return [(A[r].tolist(), float(b[r])) for r in reps]


def _independent_equalities(A: list[list[Scalar]], b: list[Scalar], n: int,
                            ar: Arithmetic, tol: float) -> list[tuple[list[Scalar], Scalar]]:
    """The equalities that are independent of the earlier ones and of ``sum(p) == 1``,
    scaled; raises EmptySetError for an inconsistent one."""
    kept: list[tuple[list[Scalar], Scalar]] = []
    if ar.exact:
        basis: list[list[Fraction]] = []
        pivots: list[int] = []
        rref_add([Fraction(1)] * (n + 1), basis, pivots, n)
        for a, rhs in zip(A, b, strict=True):
            row = reduce_row(list(a) + [rhs], basis, pivots)
            if all(v == 0 for v in row[:n]):
                if row[n] != 0:
                    raise EmptySetError("the constraints admit no distribution: the "
                                        "equalities are inconsistent")
                continue
            rref_add(row, basis, pivots, n)
            kept.append(_scaled(list(a), rhs, EXACT, 0.0))
        return [_signed(a, rhs) for a, rhs in kept]
    coef = [np.ones(n)]
    aug = [np.ones(n + 1)]
    for a, rhs in zip(A, b, strict=True):
        a_arr = np.asarray(a, dtype=np.float64)
        scale = float(np.abs(a_arr).max()) if n else 0.0
        if scale == 0.0:
            if abs(rhs) > tol:
                raise EmptySetError(f"the constraints admit no distribution: an equality "
                                    f"reads 0 == {rhs}")
            continue
        a_arr, rhs = a_arr / scale, rhs / scale
        if _float_rank(np.vstack([*coef, a_arr]), tol) > len(coef):
            coef.append(a_arr)
            aug.append(np.append(a_arr, rhs))
            kept.append((a_arr.tolist(), float(rhs)))
        elif _float_rank(np.vstack([*aug, np.append(a_arr, rhs)]), tol) > len(aug):
            raise EmptySetError("the constraints admit no distribution: the equalities are "
                                "inconsistent")
    return [_signed(a, rhs) for a, rhs in kept]


def _signed(a: list[Scalar], b: Scalar) -> tuple[list[Scalar], Scalar]:
    """The equality with its first nonzero coefficient positive."""
    first = next((v for v in a if v != 0), 0)
    if first < 0:  # 0 - v, not -v: no float negative zeros
        return [0 - v for v in a], 0 - b
    return a, b


# ----------------------------------------------------------------------------------------
# shared helpers: scaling, output, linear algebra
# ----------------------------------------------------------------------------------------


def _scaled(a: Sequence[Scalar], b: Scalar, ar: Arithmetic,
            tol: float) -> tuple[list[Scalar], Scalar]:
    """``(a, b)`` divided by the largest ``|a_j|``; float entries within ``tol`` of zero
    become zero."""
    scale = max(abs(v) for v in a)
    if scale == 0:
        return list(a), b
    if ar.exact:
        return [v / scale for v in a], b / scale
    out = [float(v / scale) for v in a]
    out = [0.0 if abs(v) <= tol else v for v in out]
    b_s = float(b / scale)
    return out, (0.0 if abs(b_s) <= tol else b_s)


def _snap(x: float, tol: float) -> float:
    return 0.0 if abs(x) <= tol else x


def _output(rows: list[tuple[list[Scalar], Scalar]], n: int, ar: Arithmetic,
            tol: float) -> tuple[NDArray, NDArray]:
    """Read-only ``(A, b)`` with the rows in lexicographic order."""
    m = len(rows)
    if ar.exact:
        rows = sorted(rows, key=lambda r: (tuple(r[0]), r[1]))
        A = np.empty((m, n), dtype=object)
        b = np.empty(m, dtype=object)
        for i, (a, rhs) in enumerate(rows):
            A[i, :] = a
            b[i] = rhs
        return readonly(A), readonly(b)
    A = np.array([a for a, _ in rows], dtype=np.float64).reshape(m, n)
    b = np.array([rhs for _, rhs in rows], dtype=np.float64).reshape(m)
    if m:
        order = tolerant_lex_order(np.column_stack([A, b]), tol)
        A, b = np.ascontiguousarray(A[order]), np.ascontiguousarray(b[order])
    return readonly(A), readonly(b)


def _float_rank(M: NDArray, tol: float) -> int:
    """Number of singular values above ``tol``."""
    if M.size == 0:
        return 0
    return int(np.count_nonzero(np.linalg.svd(M, compute_uv=False) > tol))


def _null_space_float(M: NDArray, tol: float) -> NDArray:
    """Orthonormal rows spanning the directions with singular value at most ``tol`` (or
    numpy's default rank tolerance, if larger)."""
    _, s, Vt = np.linalg.svd(M, full_matrices=True)
    floor = float(s.max(initial=0.0)) * max(M.shape) * float(np.finfo(np.float64).eps)
    rank = int(np.count_nonzero(s > max(tol, floor)))
    return Vt[rank:]


def _rref_float(N: NDArray, tol: float) -> tuple[NDArray, list[int]]:
    """Reduced row echelon form of the rows of ``N`` (full row rank) with partial
    pivoting; entries within ``tol`` of zero are set to zero."""
    M = np.array(N, dtype=np.float64)
    rows, cols = M.shape
    pivots: list[int] = []
    r = 0
    for c in range(cols):
        if r == rows:
            break
        i = r + int(np.argmax(np.abs(M[r:, c])))
        if abs(M[i, c]) <= tol:
            continue
        M[[r, i]] = M[[i, r]]
        M[r] /= M[r, c]
        f = M[:, c].copy()
        f[r] = 0.0
        M -= np.outer(f, M[r])
        M[:, c] = 0.0
        M[r, c] = 1.0
        pivots.append(c)
        r += 1
    M = M[:r]
    M[np.abs(M) <= tol] = 0.0
    return M, pivots

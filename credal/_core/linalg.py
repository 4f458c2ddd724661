"""Exact linear algebra: the one place for rational and integer elimination.

Everything here is exact (Python integers and ``fractions.Fraction``, with int64 only
where a bound proves that nothing overflows) and knows nothing about credal sets or LPs.

* **Integer rows.** :func:`common_denominator`, :func:`integer_rows` (rows times their
  common denominators), :func:`primitive_scale` / :func:`primitive_row` (the coprime
  integer row on a rational row's half-line), :func:`primitive_int_rows`,
  :func:`int_matrix` / :func:`int64_if_small` (int64 when safe, else Python ints),
  :func:`int_products` (exact ``A @ B.T``) and :func:`max_bits`.
* **Elimination.** :func:`reduce_row`, :func:`rref_add` (grow a reduced row echelon basis
  one row at a time), :func:`rref`, :func:`null_space`, :func:`rank` and
  :class:`SubsetRank` (ranks of many subsets of one set of rows), with
  :func:`rank_mod_p`, the rank modulo a prime: a lower bound of the rational rank at int64
  speed, which settles the rank whenever it reaches a known upper bound.
* **Square systems.** :func:`solve_integer`, below.

:func:`solve_integer` answers ``K u = r`` for an integer matrix ``K`` and an integer vector
``r`` in one of two exact ways:

* up to :data:`SMALL_K` rows, **fraction-free (Bareiss) elimination** on Python integers:
  every division is exact, the numbers never exceed the size of the minors of ``K``, and
  the result is Cramer's rule, ``U = det(K) K^{-1} r`` over ``d = det K``;
* above that, **numeric lifting** (iterative refinement with exact residuals): a float
  solve gives about 30 correct bits of ``u``; the residual of their integer rounding is
  computed exactly and solved again in floats, each step gaining about 30 bits. Continued
  fractions then recover the rational solution, which is *checked exactly* (``K U == d r``
  in integers). The check is what makes the answer right: the estimates (the float
  log-determinant, the Hadamard bound) only decide how much work is tried before falling
  back to elimination.

Cost: elimination O(k^3) operations on integers of up to the size of ``det K``; lifting one
O(k^3) float inverse, then O(k^2) per 30 bits of the answer (int64 while the numbers fit),
O(k) continued fractions and one O(k^2) integer check. This module knows nothing about
credal sets or LPs.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from fractions import Fraction
from typing import Any

import numpy as np

from .types import NDArray

__all__ = ["INT64_SAFE", "PRIME", "max_bits", "common_denominator", "integer_rows",
           "primitive_scale", "primitive_row", "primitive_int_rows", "int_matrix",
           "int64_if_small", "int_products", "as_int_objects", "reduce_row", "rref_add", "rref",
           "null_space", "rank", "rank_mod_p", "SubsetRank", "solve_integer"]

#: int64 arithmetic is used only for numbers below this bound (products and sums of such
#: numbers are checked against it before they are formed).
INT64_SAFE = 1 << 62
#: A prime below 2**31: a product of two residues fits in int64.
PRIME = 2_147_483_647

#: Bits gained per refinement step at most (the float solve has 53).
STEP_BITS = 30
#: int64 arithmetic is used while every intermediate stays below 2**INT64_BITS.
INT64_BITS = 62
#: Systems up to this size are solved by fraction-free elimination instead: measured
#: faster than lifting up to about 30 rows, even dense with 400-bit determinants.
SMALL_K = 24


# ----------------------------------------------------------------------------------------
# integer rows
# ----------------------------------------------------------------------------------------


def max_bits(arr: NDArray) -> int:
    """Bits of the largest magnitude in an int64 or object array of ints (0 when empty)."""
    if arr.size == 0:
        return 0
    if arr.dtype != object:
        return int(np.abs(arr).max()).bit_length()
    return int(max(abs(int(v)) for v in arr.reshape(-1))).bit_length()


def common_denominator(values: Iterable[Fraction]) -> int:
    """The least common multiple of the denominators (1 for no values)."""
    return math.lcm(*(v.denominator for v in values))


def integer_rows(X: NDArray, *, common: bool) -> tuple[NDArray, Any]:
    """Integer numerators of an object array of Fractions: ``(X * L, L)`` with one common
    denominator ``L`` (``common``), or ``(X * d[:, None], d)`` with one per row.

    >>> from fractions import Fraction as F
    >>> X = np.array([[F(1, 2), F(1, 3)], [F(1), F(3, 4)]], dtype=object)
    >>> integer_rows(X, common=True)[0].tolist(), integer_rows(X, common=False)[1].tolist()
    ([[6, 4], [12, 9]], [6, 4])
    """
    flat = X.reshape(-1)
    if common:
        L = common_denominator(flat)
        out = np.empty(X.shape, dtype=object)
        out.reshape(-1)[:] = [v.numerator * (L // v.denominator) for v in flat]
        return out, L
    d = np.empty(X.shape[0], dtype=object)
    out = np.empty(X.shape, dtype=object)
    for i, row in enumerate(X):
        di = common_denominator(row)
        d[i] = di
        out[i] = [v.numerator * (di // v.denominator) for v in row]
    return out, d


def primitive_scale(values: Sequence[Fraction]) -> Fraction:
    """The least ``s > 0`` making ``s * values`` coprime integers (1 for all zeros): the
    row's common denominator over the gcd of its numerators."""
    num = math.gcd(*(v.numerator for v in values)) or 1
    return Fraction(common_denominator(values), num)


def primitive_row(row: Sequence[Fraction]) -> tuple[int, ...] | None:
    """``row`` times :func:`primitive_scale`: the coprime integer vector on its half-line;
    ``None`` for the zero row.

    >>> from fractions import Fraction as F
    >>> primitive_row([F(1, 2), F(-3, 4), F(0)]), primitive_row([F(0), F(0)])
    ((2, -3, 0), None)
    """
    den = common_denominator(row)
    ints = [x.numerator * (den // x.denominator) for x in row]
    g = math.gcd(*ints)
    if g == 0:
        return None
    return tuple(v // g for v in ints)


def primitive_int_rows(M: NDArray) -> NDArray:
    """Each row of an integer array (int64 or object) divided by the gcd of its entries
    (rows must not be zero)."""
    out: NDArray = M // np.gcd.reduce(M, axis=1)[:, None]
    return out


def int_matrix(rows: Sequence[Sequence[int]], ncols: int) -> NDArray:
    """A ``(len(rows), ncols)`` integer matrix: int64 when every row's sum of magnitudes
    provably stays below :data:`INT64_SAFE` (largest magnitude times ``ncols``), else an
    object array of Python ints."""
    if not rows:
        return np.zeros((0, ncols), dtype=np.int64)
    biggest = max(abs(x) for row in rows for x in row)
    if biggest * max(ncols, 1) < INT64_SAFE:
        return np.array(rows, dtype=np.int64).reshape(len(rows), ncols)
    out = np.empty((len(rows), ncols), dtype=object)
    out[:] = [list(r) for r in rows]
    return out


def int64_if_small(arr: NDArray) -> NDArray:
    """An object array of Python ints as int64 when every entry is below
    :data:`INT64_SAFE` in magnitude; any other array unchanged."""
    if arr.dtype == object and (arr.size == 0 or abs(arr).max() < INT64_SAFE):
        return arr.astype(np.int64)
    return arr


def int_products(A: NDArray, B: NDArray) -> NDArray:
    """``A @ B.T`` exactly, for integer arrays (int64 or object of ints).

    In int64 when ``max|A| * max_i sum_j |B_ij|`` (which bounds every entry and every
    partial sum) is below :data:`INT64_SAFE`; in Python ints otherwise."""
    if A.shape[0] == 0 or B.shape[0] == 0:
        return np.zeros((A.shape[0], B.shape[0]), dtype=np.int64)
    if A.dtype == np.int64 and B.dtype == np.int64 and A.shape[1]:
        b_max = int(np.abs(B).max())
        if b_max * B.shape[1] < INT64_SAFE:  # so the row sums below cannot overflow
            bound = int(np.abs(A).max()) * int(np.abs(B).sum(axis=1).max())
            if bound < INT64_SAFE:
                products: NDArray = A @ B.T
                return products
    products = A.astype(object) @ B.astype(object).T
    return products


def as_int_objects(values: object) -> NDArray:
    """An object array of Python ints (from ints, int64 or an object array of ints)."""
    arr = np.asarray(values)
    if arr.dtype != object:
        return arr.astype(np.int64).astype(object)
    out = np.empty(arr.shape, dtype=object)
    out.reshape(-1)[:] = [int(v) for v in arr.reshape(-1)]
    return out


def solve_integer(K: NDArray, r: NDArray) -> tuple[NDArray, int] | None:
    """Exact solution of ``K u = r``: ``(U, d)`` with ``d > 0`` and ``K U == d r``.

    Parameters
    ----------
    K : (k, k) int64 ndarray, or object ndarray of int
    r : (k,) int64 ndarray, or object ndarray of int

    Returns
    -------
    (U, d) or None
        ``U`` an object array of ints and ``d`` a positive int, so that ``u = U / d``
        solves the system exactly. A nonsingular ``K`` always gets its unique solution; a
        singular one gets ``None``, or a solution if one turns up on the way (``r = 0``).
    """
    k = r.shape[0]
    if k == 0:
        return np.empty(0, dtype=object), 1
    if k <= SMALL_K:
        return _bareiss(K.tolist(), r.tolist())
    K_obj = as_int_objects(K)
    r_obj = as_int_objects(r)
    lifted = _lift(K, K_obj, r_obj)
    if lifted is not None:
        return lifted
    return _bareiss(K_obj.tolist(), r_obj.tolist())


def _lift(K: NDArray, K_obj: NDArray, r: NDArray) -> tuple[NDArray, int] | None:
    """Numeric lifting; ``None`` when it cannot conclude (the caller eliminates)."""
    k = r.shape[0]
    k_bits = max_bits(K)
    if k_bits > 1000:  # far outside float range
        return None
    Kf = K.astype(np.float64)
    with np.errstate(all="ignore"):  # overflow shows up as inf and is refused below
        try:
            Kinv = np.linalg.inv(Kf)
        except np.linalg.LinAlgError:
            return None
        sign, logdet = np.linalg.slogdet(Kf)
        # Row norms bound every determinant of K with one column replaced (Hadamard).
        hadamard_bits = float(np.sum(np.log2(np.maximum(np.linalg.norm(Kf, axis=1), 1.0))))
        inv_bits = math.log2(float(np.abs(Kinv).sum(axis=1).max()) + 1)
    if sign == 0 or not all(map(math.isfinite, (logdet, hadamard_bits, inv_bits))):
        return None
    det_bits = max(0.0, logdet / math.log(2))  # |det K| >= 1 for a nonsingular K
    row_sum_bits = k_bits + k.bit_length()
    K64 = (K if K.dtype != object else K.astype(np.int64)) if k_bits <= 31 else None

    N = np.zeros(k, dtype=object)  # u ~ N / 2**den_bits
    den_bits = 0
    res: NDArray = r  # the scaled residual 2**den_bits r - K N, exactly
    res_bits = max_bits(res)
    # Denominators divide det K, and |det K| <= 2**hadamard_bits. Reconstruction is tried
    # for denominators up to 2**16, 2**32, ... (most bases have denominators far below
    # their determinant), then up to the estimated det K, then up to the Hadamard bound.
    levels = sorted({*(2.0**i for i in range(4, 11) if 2**i < det_bits), det_bits,
                     max(hadamard_bits, det_bits)})
    level = 0
    while level < len(levels):
        if res_bits == 0:  # N / 2**den_bits is exact
            return _check(K_obj, N, 1 << den_bits, r)
        # The error of N / 2**den_bits is below 2**(inv_bits + res_bits - den_bits);
        # recovering denominators up to 2**b needs it below 2**(-2 b) (with a margin).
        if den_bits - res_bits - inv_bits - 16 >= 2 * levels[level]:
            checked = _check(K_obj, *_reconstruct(N, den_bits, levels[level]), r)
            if checked is not None:
                return checked
            level += 1
            continue
        xh = Kinv @ res.astype(np.float64)
        mx = float(np.abs(xh).max())
        if not math.isfinite(mx):
            return None
        step = STEP_BITS
        room = INT64_BITS - row_sum_bits - math.ceil(math.log2(mx + 1)) - 1
        use64 = K64 is not None and res_bits + STEP_BITS < INT64_BITS and room >= 8
        if use64:  # keeps |res << step| and |K @ x~| below 2**62
            step = min(step, room)
        for _ in range(4):  # shrink the step if the residual grows
            scaled = np.rint(xh * float(2 ** step))
            if use64:
                assert K64 is not None
                xt = scaled.astype(np.int64)
                new = (res.astype(np.int64) << step) - K64 @ xt
            else:
                xt = np.array([int(v) for v in scaled], dtype=object)
                new = res.astype(object) * (1 << step) - K_obj.dot(xt)
            new_bits = max_bits(new)
            if new_bits <= max(res_bits, row_sum_bits) + 1:
                break
            step //= 2
            if step == 0:
                return None
        else:
            return None
        N = N * (1 << step) + xt.astype(object)
        den_bits += step
        res, res_bits = new, new_bits
    return None


def _reconstruct(N: NDArray, den_bits: int, bound_bits: float) -> tuple[NDArray, int]:
    """Rational approximations ``U / q`` of ``N / 2**den_bits`` with one common ``q``,
    assuming every denominator is below ``max_q = 2**(bound_bits + 2)`` and the error of
    ``N / 2**den_bits`` is below ``1 / (2 max_q**2)``.

    Components are taken in turn: ``t = q N_j / 2**den_bits`` approximates ``q u_j``. When
    ``t`` is within ``1 / (2 max_q)`` of an integer it is that integer (a fraction with a
    denominator above 1 but below ``max_q / q`` would be farther away); otherwise the best
    approximation of ``t`` with a denominator up to ``max_q / q`` (continued fractions) is
    ``q u_j``, and its denominator joins ``q``.
    """
    den = 1 << den_bits
    max_q = 1 << (int(bound_bits) + 2)
    q = 1
    U: list[int] = []
    for v in N:
        t_num = int(v) * q  # t = t_num / den approximates q * u_j
        near = (2 * t_num + den) // (2 * den)
        if abs(t_num - near * den) * 2 * max_q < den:
            U.append(near)
            continue
        f = Fraction(t_num, den).limit_denominator(max(1, max_q // q))
        g = f.denominator
        if g > 1:
            U = [u * g for u in U]
            q *= g
        U.append(f.numerator)
    arr = np.empty(len(U), dtype=object)
    arr[:] = U
    return arr, q


def _check(K: NDArray, U: NDArray, d: int, r: NDArray) -> tuple[NDArray, int] | None:
    """``(U, d)`` reduced to lowest terms when ``K U == d r`` exactly, else ``None``."""
    if not all(int(a) == int(b) for a, b in zip(K.dot(U), r * d, strict=True)):
        return None
    g = d
    for u in U:
        g = math.gcd(g, int(u))
        if g == 1:
            break
    if g > 1:
        U = np.array([int(u) // g for u in U], dtype=object)
        d //= g
    return U, d


def _bareiss(K: list[list[int]], r: list[int]) -> tuple[NDArray, int] | None:
    """Fraction-free (Bareiss) elimination on Python ints, then fraction-free back
    substitution: ``U = det(K) K^{-1} r`` (Cramer's numerators, integers), exact."""
    k = len(r)
    M = [[int(v) for v in row] + [int(b)] for row, b in zip(K, r, strict=True)]
    prev = 1
    for p in range(k):
        pivot = next((i for i in range(p, k) if M[i][p] != 0), None)
        if pivot is None:
            return None
        M[p], M[pivot] = M[pivot], M[p]
        mp, mpp = M[p], M[p][p]
        for i in range(p + 1, k):
            mi = M[i]
            f = mi[p]
            for j in range(p + 1, k + 1):
                mi[j] = (mi[j] * mpp - f * mp[j]) // prev
            mi[p] = 0
        prev = mpp
    D = M[k - 1][k - 1]  # +-det K
    X = [0] * k
    for i in range(k - 1, -1, -1):
        row = M[i]
        total = D * row[k] - sum(row[j] * X[j] for j in range(i + 1, k))
        X[i] = total // row[i]
    if D < 0:
        X, D = [-x for x in X], -D
    g = D
    for x in X:
        g = math.gcd(g, x)
    U = np.empty(k, dtype=object)
    U[:] = [x // g for x in X]
    return U, D // g


# ----------------------------------------------------------------------------------------
# elimination over the rationals
# ----------------------------------------------------------------------------------------


def reduce_row(row: list[Fraction], basis: list[list[Fraction]],
               pivots: list[int]) -> list[Fraction]:
    """``row`` minus its components along the rows of a reduced row echelon ``basis``
    (whose row ``i`` has a 1 in column ``pivots[i]`` and 0 in the other pivot columns)."""
    for bas, p in zip(basis, pivots, strict=True):
        f = row[p]
        if f != 0:
            row = [x - f * y for x, y in zip(row, bas, strict=True)]
    return row


def rref_add(row: Sequence[Fraction], basis: list[list[Fraction]], pivots: list[int],
             ncols: int | None = None) -> bool:
    """Add ``row`` to the reduced row echelon ``basis`` (in place) if it is independent of
    it; pivots are searched among the first ``ncols`` columns (all by default). Returns
    whether it was added. Cost: O(len(basis) * len(row)) operations on fractions.

    >>> from fractions import Fraction as F
    >>> basis, pivots = [], []
    >>> [rref_add([F(a), F(b)], basis, pivots) for a, b in [(1, 2), (2, 4), (0, 1)]]
    [True, False, True]
    >>> basis == [[1, 0], [0, 1]], pivots
    (True, [0, 1])
    """
    row = reduce_row(list(row), basis, pivots)
    limit = len(row) if ncols is None else ncols
    piv = next((j for j in range(limit) if row[j] != 0), None)
    if piv is None:
        return False
    inv = 1 / row[piv]
    row = [x * inv for x in row]
    for i, bas in enumerate(basis):
        f = bas[piv]
        if f != 0:
            basis[i] = [x - f * y for x, y in zip(bas, row, strict=True)]
    basis.append(row)
    pivots.append(piv)
    return True


def rref(rows: Iterable[Sequence[Fraction]]) -> tuple[list[list[Fraction]], list[int]]:
    """The reduced row echelon form of ``rows`` (its nonzero rows, by pivot column) and
    its pivot columns. ``len(rref(rows)[0])`` is the rank."""
    basis: list[list[Fraction]] = []
    pivots: list[int] = []
    for row in rows:
        rref_add([Fraction(v) for v in row], basis, pivots)
    order = sorted(range(len(basis)), key=pivots.__getitem__)
    return [basis[i] for i in order], [pivots[i] for i in order]


def null_space(rows: Iterable[Sequence[Fraction]], ncols: int) -> list[list[Fraction]]:
    """A basis of ``{x : rows @ x == 0}`` (``x`` of length ``ncols``), one vector per free
    column: 1 there, 0 in the other free columns.

    >>> from fractions import Fraction as F
    >>> null_space([[F(1), F(1), F(-1)]], 3) == [[-1, 1, 0], [1, 0, 1]]
    True
    """
    R, pivots = rref(rows)
    pivot_set = set(pivots)
    out = []
    for f in (j for j in range(ncols) if j not in pivot_set):
        x = [Fraction(0)] * ncols
        x[f] = Fraction(1)
        for row, p in zip(R, pivots, strict=True):
            x[p] = -row[f]
        out.append(x)
    return out


def rank_mod_p(M: NDArray) -> int:
    """Rank modulo :data:`PRIME` of an int64 matrix of residues (entries in ``[0, PRIME)``).

    A lower bound of the rational rank of any integer matrix with these residues (a minor
    that is nonzero modulo the prime is nonzero); equal to it unless the prime divides
    every maximal nonzero minor. Cost: O(r * m * n) int64 operations."""
    M = M.copy() % PRIME
    rows, cols = M.shape
    r = 0
    for c in range(cols):
        if r == rows:
            break
        nz = np.flatnonzero(M[r:, c])
        if nz.size == 0:
            continue
        piv = r + int(nz[0])
        M[[r, piv]] = M[[piv, r]]
        M[r] = (M[r] * pow(int(M[r, c]), PRIME - 2, PRIME)) % PRIME
        f = M[:, c].copy()
        f[r] = 0
        M = (M - np.outer(f, M[r]) % PRIME) % PRIME
        r += 1
    return r


def _residues(int_rows: Sequence[Sequence[int]], ncols: int) -> NDArray:
    return np.array([[x % PRIME for x in row] for row in int_rows],
                    dtype=np.int64).reshape(len(int_rows), ncols)


def rank(rows: Sequence[Sequence[Fraction]], *, bound: int | None = None) -> int:
    """The rank of rational (or integer) ``rows``, exactly.

    The rank modulo :data:`PRIME` is found first (int64 arithmetic); when it reaches
    ``bound`` (a known upper bound of the rank; by default the smaller dimension) it is the
    rank, and rational elimination (:func:`rref`) runs only otherwise.

    >>> from fractions import Fraction as F
    >>> rank([[F(1), F(2)], [F(1, 2), F(1)]]), rank([[1, 0], [0, 1], [1, 1]])
    (1, 2)
    """
    if not rows:
        return 0
    ncols = len(rows[0])
    ints = integer_rows(np.array([[Fraction(v) for v in r] for r in rows], dtype=object)
                        .reshape(len(rows), ncols), common=False)[0]
    limit = min(len(rows), ncols) if bound is None else bound
    if rank_mod_p(_residues(ints.tolist(), ncols)) >= limit:
        return limit
    return len(rref(rows)[0])


class SubsetRank:
    """Ranks of subsets of one fixed set of rational rows, each found modulo
    :data:`PRIME` first (the rows' residues are computed once) and by rational elimination
    only when that does not reach the known bound.

    >>> from fractions import Fraction as F
    >>> ranks = SubsetRank([[F(1), F(0)], [F(0), F(1)], [F(2), F(0)]])
    >>> ranks.rank(np.array([True, False, True]), bound=2), ranks.rank([0, 1], bound=2)
    (1, 2)
    """

    def __init__(self, rows: Sequence[Sequence[Fraction]]) -> None:
        self.ncols = len(rows[0]) if len(rows) else 0
        arr = np.empty((len(rows), self.ncols), dtype=object)
        arr[:] = [list(r) for r in rows]
        self.rows = integer_rows(arr, common=False)[0].tolist()
        self.residues = _residues(self.rows, self.ncols)

    def rank(self, which: Any, *, bound: int) -> int:
        """The rank of the rows ``which`` selects (a bool mask or indices); ``bound`` is an
        upper bound of it."""
        idx = np.arange(len(self.rows))[which]
        if rank_mod_p(self.residues[idx]) >= bound:
            return bound
        return len(rref([self.rows[i] for i in idx.tolist()])[0])

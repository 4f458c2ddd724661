"""Exact rational LP answers at close to float speed.

HiGHS solves the float image of the program; its optimal basis is then *certified* in
rational arithmetic: the basic solution and the duals are recomputed exactly from the
basis, and primal feasibility, dual feasibility and complementary slackness are checked
exactly. A basis that passes is an exact optimum (the usual LP optimality certificate), so
the answer is exactly right, not rounded. When the certificate fails (a float basis that is
wrong in exact arithmetic, or a non-optimal float status) the pure rational simplex of
:mod:`credal.lp._simplex` decides.

The certificate works on the region's rows scaled to integers (:class:`IntegerRegion`,
cached per region) and solves its two square systems by numeric lifting
(:func:`credal.lp._rational.solve_integer`): float solves refined with exact integer
residuals, then continued fractions, then an exact check. Basic solutions depend on the
basis only and are cached per region, so gambles that share an optimal vertex share its
primal solve.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from fractions import Fraction

import numpy as np

from ..errors import SolverError
from ._problem import BasisStatus, LinearProgram, LPResult, LPStatus
from ._rational import solve_integer
from .highs import HighsBackend

NDArray = np.ndarray
ZERO = Fraction(0)
# Plain ints: comparing numpy integers with IntEnum members costs an attribute lookup each.
_LOWER, _BASIC, _UPPER, _ZERO = (int(s) for s in (BasisStatus.LOWER, BasisStatus.BASIC,
                                                  BasisStatus.UPPER, BasisStatus.ZERO))


def solve_square(K: list[list[Fraction]], rhs: list[list[Fraction]]) -> list[list[Fraction]] | None:
    """Solve ``K X = RHS`` exactly (Gauss-Jordan on Fractions); ``None`` if singular.

    ``K`` is k×k (rows), ``rhs`` is a list of right-hand-side columns, each of length k.
    """
    k = len(K)
    aug = [list(K[i]) + [col[i] for col in rhs] for i in range(k)]
    width = k + len(rhs)
    for col in range(k):
        pivot = next((r for r in range(col, k) if aug[r][col] != 0), None)
        if pivot is None:
            return None
        aug[col], aug[pivot] = aug[pivot], aug[col]
        prow = aug[col]
        inv = 1 / prow[col]
        if inv != 1:
            prow = aug[col] = [v * inv for v in prow]
        for r in range(k):
            if r != col:
                factor = aug[r][col]
                if factor != 0:
                    row = aug[r]
                    aug[r] = [row[j] - factor * prow[j] if prow[j] != 0 else row[j]
                              for j in range(width)]
    return [[aug[i][k + j] for i in range(k)] for j in range(len(rhs))]


@dataclass(frozen=True)
class IntegerRegion:
    """The feasible region of an exact program with every row scaled to integers.

    Row ``i`` (the ``A_ub`` rows, then the ``A_eq`` rows) is multiplied by
    ``scale[i] > 0``, the least factor making its coefficients and bounds coprime
    integers; the constraint is the same. Certificates then run on Python integers (and
    int64 where they fit), not on fractions.
    """

    A: NDArray  # (m, n) object array of int
    A64: NDArray | None  # the same in int64 when every entry is below 2**31
    row_lo: tuple[int | None, ...]
    row_up: tuple[int | None, ...]
    scale: tuple[Fraction, ...]
    m_ub: int

    @classmethod
    def of(cls, lp: LinearProgram) -> IntegerRegion:
        """The integer form of ``lp``'s region, cached in ``lp.region_cache``."""
        found = lp.region_cache.get("integer")
        if found is None:
            found = lp.region_cache["integer"] = cls._build(lp)
        return found  # type: ignore[no-any-return]

    @classmethod
    def _build(cls, lp: LinearProgram) -> IntegerRegion:
        m_ub = lp.A_ub.shape[0]
        rows = [*zip(lp.A_ub, [None] * m_ub, lp.b_ub, strict=True),
                *zip(lp.A_eq, lp.b_eq, lp.b_eq, strict=True)]
        n = lp.n_variables
        A = np.empty((len(rows), n), dtype=object)
        lo: list[int | None] = []
        up: list[int | None] = []
        scales: list[Fraction] = []
        for i, (coef, low, high) in enumerate(rows):
            vals = [Fraction(v) for v in coef] + [Fraction(b) for b in (low, high)
                                                   if b is not None]
            num = math.gcd(*(v.numerator for v in vals)) or 1
            scale = Fraction(math.lcm(*(v.denominator for v in vals)), num)
            A[i] = [int(v * scale) for v in coef]
            lo.append(None if low is None else int(low * scale))
            up.append(None if high is None else int(high * scale))
            scales.append(scale)
        small = all(abs(int(v)) < 2**31 for v in A.reshape(-1))
        return cls(A=A, A64=A.astype(np.int64) if small else None, row_lo=tuple(lo),
                   row_up=tuple(up), scale=tuple(scales), m_ub=m_ub)


def _lcm_of_denominators(values: list[Fraction]) -> int:
    return math.lcm(*(v.denominator for v in values)) if values else 1


def _within(x: Fraction, lo: Fraction | None, up: Fraction | None) -> bool:
    return (lo is None or x >= lo) and (up is None or x <= up)


def certify_basis(lp: LinearProgram, col_status: NDArray, row_status: NDArray) -> LPResult | None:
    """Check a simplex basis of an exact ``lp`` in rational arithmetic.

    Returns the exact optimal :class:`LPResult` when the basis is primal and dual feasible,
    ``None`` otherwise. Rows are ``A_ub`` followed by ``A_eq``.

    The basic solution and the duals are found by :func:`~credal.lp._rational.solve_integer`
    on the integer-scaled rows (two square systems, ``K x_B = r`` and ``K^T z = c_B``, where
    ``K`` holds the tight rows and basic columns); then primal feasibility, the sign of
    every reduced cost and of every row dual are checked exactly. A basis that passes is
    an optimum (the usual LP certificate), so the answer is exactly right.
    """
    R = IntegerRegion.of(lp)
    n = lp.n_variables
    m = R.A.shape[0]
    col_status = np.asarray(col_status)
    row_status = np.asarray(row_status)
    B_c = np.flatnonzero(col_status == _BASIC)
    N_c = np.flatnonzero(col_status != _BASIC)
    N_r = np.flatnonzero(row_status != _BASIC)
    B_r = np.flatnonzero(row_status == _BASIC)
    if len(B_c) != len(N_r) or len(col_status) != n or len(row_status) != m:
        return None
    primal = _basic_solution(lp, R, col_status, row_status, B_c, N_c, N_r, B_r)
    if primal is None:
        return None
    X, D = primal
    # Duals: K^T z = c_B on the integer-scaled rows, for an integer multiple s c of c.
    c = [Fraction(v) for v in lp.c]
    s = _lcm_of_denominators(c)
    c_int = np.array([int(v * s) for v in c], dtype=object)
    K = (R.A64 if R.A64 is not None else R.A)[np.ix_(N_r, B_c)]
    dual = solve_integer(K.T, c_int[B_c])
    if dual is None:
        return None
    Z, dz = dual
    # Reduced costs (times s dz > 0) of the nonbasic columns must match their bounds.
    red = c_int[N_c] * dz - (R.A[np.ix_(N_r, N_c)].T.dot(Z) if len(N_r) else 0)
    for j, d in zip(N_c, red, strict=True):
        lo, up = lp.lower[j], lp.upper[j]
        if lo is not None and lo == up:
            continue
        st = col_status[j]
        if (st == _LOWER and d < 0) or (st == _UPPER and d > 0) or \
                (st == _ZERO and d != 0):
            return None
    # Row duals: a row held at its lower bound has y >= 0, at its upper bound y <= 0.
    for i, z in zip(N_r, Z, strict=True):
        if R.row_lo[i] is not None and R.row_lo[i] == R.row_up[i]:
            continue
        if (row_status[i] == _LOWER and z < 0) or \
                (row_status[i] == _UPPER and z > 0):
            return None
    x_arr = np.empty(n, dtype=object)
    x_arr[:] = [Fraction(int(v), D) for v in X]
    y_arr = np.full(m, ZERO, dtype=object)
    for i, z in zip(N_r, Z, strict=True):
        y_arr[i] = R.scale[i] * Fraction(int(z), s * dz)
    value = Fraction(int(c_int.dot(X)), s * D)
    return LPResult(status=LPStatus.OPTIMAL, x=x_arr, value=value, dual_ub=y_arr[:R.m_ub],
                    dual_eq=y_arr[R.m_ub:], backend="exact", certified=True)


#: Basic solutions remembered per region (they depend on the basis, not on the costs).
PRIMAL_CACHE_SIZE = 4096


def _basic_solution(lp: LinearProgram, R: IntegerRegion, col_status: NDArray,
                    row_status: NDArray, B_c: NDArray, N_c: NDArray, N_r: NDArray,
                    B_r: NDArray) -> tuple[NDArray, int] | None:
    """The basic solution ``x = X / D`` of a basis, when it is primal feasible."""
    cache = lp.region_cache.setdefault("primal", {})
    key = (col_status.tobytes(), row_status.tobytes())
    if key in cache:
        return cache[key]  # type: ignore[no-any-return]
    found = _solve_primal(lp, R, col_status, row_status, B_c, N_c, N_r, B_r)
    if len(cache) >= PRIMAL_CACHE_SIZE:
        cache.clear()
    cache[key] = found
    return found


def _solve_primal(lp: LinearProgram, R: IntegerRegion, col_status: NDArray,
                  row_status: NDArray, B_c: NDArray, N_c: NDArray, N_r: NDArray,
                  B_r: NDArray) -> tuple[NDArray, int] | None:
    n = lp.n_variables
    # Nonbasic columns sit at a bound (or at zero when free); nonbasic rows at a bound.
    x_N: list[Fraction] = []
    for j in N_c:
        st = col_status[j]
        bound = lp.lower[j] if st == _LOWER else lp.upper[j] \
            if st == _UPPER else ZERO
        if bound is None:
            return None
        x_N.append(bound)
    L = _lcm_of_denominators(x_N)
    X = np.zeros(n, dtype=object)
    X[N_c] = [int(v * L) for v in x_N]
    r_fix: list[int] = []
    for i in N_r:
        bound = R.row_lo[i] if row_status[i] == _LOWER else R.row_up[i]
        if bound is None:
            return None
        r_fix.append(bound * L)
    rhs = np.array(r_fix, dtype=object) - (R.A[N_r].dot(X) if len(N_r) else 0)
    K = (R.A64 if R.A64 is not None else R.A)[np.ix_(N_r, B_c)]
    sol = solve_integer(K, rhs)
    if sol is None:
        return None
    U, du = sol
    X = X * du
    X[B_c] = U
    D = du * L
    # Primal feasibility, exactly: basic columns within their bounds, every row within
    # its bounds (rows of A are integers, so compare A X with D times the bound).
    for j in B_c:
        if not _within(Fraction(int(X[j]), D), lp.lower[j], lp.upper[j]):
            return None
    activity = R.A[B_r].dot(X) if len(B_r) else []
    for i, a in zip(B_r, activity, strict=True):
        lo, up = R.row_lo[i], R.row_up[i]
        if (lo is not None and a < lo * D) or (up is not None and a > up * D):
            return None
    return X, D


class ExactBackend:
    """Exact rational answers: certified HiGHS basis, rational simplex as the fallback."""

    name = "exact"
    exact = True

    def __init__(self) -> None:
        self._float = HighsBackend(threads=1)

    def solve(self, lp: LinearProgram) -> LPResult:
        lp = lp.to_exact()
        guess = self._float.solve(lp.to_float())
        if guess.status is LPStatus.OPTIMAL and guess.basis is not None:
            result = certify_basis(lp, *guess.basis)
            if result is not None:
                return result
        return self._simplex(lp)

    def _simplex(self, lp: LinearProgram) -> LPResult:
        from ._simplex import rational_simplex

        out = rational_simplex(lp.c, lp.A_ub, lp.b_ub, lp.A_eq, lp.b_eq, lp.lower, lp.upper)
        status = {"optimal": LPStatus.OPTIMAL, "infeasible": LPStatus.INFEASIBLE,
                  "unbounded": LPStatus.UNBOUNDED}[out.status]
        if status is not LPStatus.OPTIMAL:
            return LPResult(status=status, backend=self.name)
        arrays = []
        for seq in (out.x, out.dual_ub, out.dual_eq):
            a = np.empty(len(seq), dtype=object)
            a[:] = list(seq)
            arrays.append(a)
        return LPResult(status=status, x=arrays[0], value=out.value, dual_ub=arrays[1],
                        dual_eq=arrays[2], backend=self.name, certified=False)

    def solve_many(self, lp: LinearProgram, costs: NDArray) -> tuple[NDArray, NDArray]:
        lp = lp.to_exact()
        costs = np.asarray(costs)
        m, n = costs.shape
        values = np.empty(m, dtype=object)
        points = np.empty((m, n), dtype=object)
        image = lp.region_cache.get("float_image")
        if image is None:  # kept, so that its HiGHS models are reused by the next batch
            image = lp.region_cache["float_image"] = lp.to_float()
        guesses = self._float.bases(image, costs)
        for i in range(m):
            lp_i = lp.with_cost(costs[i])
            res = certify_basis(lp_i, *guesses[i]) if guesses[i] is not None else None
            if res is None:
                res = self._simplex(lp_i)
            if res.status is not LPStatus.OPTIMAL:
                raise SolverError(
                    f"LP backend 'exact' found no optimum for objective {i}: status "
                    f"{res.status.value!r}", backend=self.name, status=res.status)
            values[i] = res.value
            points[i] = res.x
        return values, points

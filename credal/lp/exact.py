"""Exact rational LP answers at close to float speed.

HiGHS solves the float image of the program; its optimal basis is then *certified* in
rational arithmetic: the basic solution and the duals are recomputed exactly from the
basis, and primal feasibility, dual feasibility and complementary slackness are checked
exactly. A basis that passes is an exact optimum (the usual LP optimality certificate), so
the answer is exactly right, not rounded. When the certificate fails (a float basis that is
wrong in exact arithmetic, or a non-optimal float status) the pure rational simplex of
:mod:`credal.lp._simplex` decides.

The certificate works on the region's rows scaled to integers (:class:`IntegerRegion`,
cached per region) and solves its two square systems exactly in integers
(:func:`credal._core.linalg.solve_integer`: fraction-free elimination, or numeric lifting
for large systems). Basic solutions depend on the basis only and are cached per region, so
gambles that share an optimal vertex share its primal solve.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from fractions import Fraction

import numpy as np

from .._core.linalg import common_denominator, primitive_scale, solve_integer
from .._core.types import NDArray
from ..errors import SolverError
from ._problem import BasisStatus, LinearProgram, LPResult, LPStatus, guide_costs
from .highs import HighsBackend

ZERO = Fraction(0)
# Plain ints: comparing numpy integers with IntEnum members costs an attribute lookup each.
_LOWER, _BASIC, _UPPER, _ZERO = (int(s) for s in (BasisStatus.LOWER, BasisStatus.BASIC,
                                                  BasisStatus.UPPER, BasisStatus.ZERO))


@dataclass(frozen=True)
class IntegerRegion:
    """The feasible region of an exact program with every row scaled to integers.

    Row ``i`` (the ``A_ub`` rows, then the ``A_eq`` rows) is multiplied by
    ``scale[i] > 0``, the least factor making its coefficients and bounds coprime
    integers; the constraint is the same. Certificates then run on Python integers (and
    int64 where they fit), not on fractions. Bounds are object arrays of ints (0 where a
    bound is missing, as ``has_*`` records); column bounds are kept as numerator and
    denominator.
    """

    A: NDArray  # (m, n) object array of int
    A64: NDArray | None  # the same in int64 when every entry is below 2**31
    row_lo: NDArray  # (m,) object ints
    row_up: NDArray
    has_row_lo: NDArray  # (m,) bool
    has_row_up: NDArray
    equality: NDArray  # (m,) bool: lower == upper
    col_lo: NDArray  # (n, 2) object ints: numerator, denominator (0, 1 when missing)
    col_up: NDArray
    has_col_lo: NDArray  # (n,) bool
    has_col_up: NDArray
    fixed: NDArray  # (n,) bool: lower == upper
    scale: tuple[Fraction, ...]
    m_ub: int

    @classmethod
    def of(cls, lp: LinearProgram) -> IntegerRegion:
        """The integer form of ``lp``'s region, cached in ``lp.region_cache``."""
        found: IntegerRegion | None = lp.region_cache.get("integer")
        if found is None:
            found = lp.region_cache["integer"] = cls._build(lp)
        return found

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
            scale = primitive_scale(vals)
            A[i] = [int(v * scale) for v in coef]
            lo.append(None if low is None else int(low * scale))
            up.append(None if high is None else int(high * scale))
            scales.append(scale)
        small = all(abs(int(v)) < 2**31 for v in A.reshape(-1))

        def ints(values: list[int | None]) -> NDArray:
            out = np.empty(len(values), dtype=object)
            out[:] = [0 if v is None else v for v in values]
            return out

        def fractions(bounds: NDArray) -> NDArray:
            out = np.empty((len(bounds), 2), dtype=object)
            out[:] = [(0, 1) if b is None else (b.numerator, b.denominator) for b in bounds]
            return out

        has_lo = np.array([v is not None for v in lo], dtype=bool)
        has_up = np.array([v is not None for v in up], dtype=bool)
        has_clo = np.array([b is not None for b in lp.lower], dtype=bool)
        has_cup = np.array([b is not None for b in lp.upper], dtype=bool)
        return cls(
            A=A, A64=A.astype(np.int64) if small else None, row_lo=ints(lo), row_up=ints(up),
            has_row_lo=has_lo, has_row_up=has_up,
            equality=np.array([a is not None and a == b for a, b in zip(lo, up, strict=True)],
                              dtype=bool),
            col_lo=fractions(lp.lower), col_up=fractions(lp.upper), has_col_lo=has_clo,
            has_col_up=has_cup,
            fixed=np.array([a is not None and a == b for a, b in
                            zip(lp.lower, lp.upper, strict=True)], dtype=bool),
            scale=tuple(scales), m_ub=m_ub)


def _signs(values: NDArray) -> tuple[NDArray, NDArray]:
    """Boolean masks ``values > 0`` and ``values < 0`` of an object array of ints."""
    return (np.asarray(values > 0, dtype=bool).reshape(-1),
            np.asarray(values < 0, dtype=bool).reshape(-1))


def certify_basis(lp: LinearProgram, col_status: NDArray, row_status: NDArray) -> LPResult | None:
    """Check a simplex basis of an exact ``lp`` in rational arithmetic.

    Returns the exact optimal :class:`LPResult` when the basis is primal and dual feasible,
    ``None`` otherwise. Rows are ``A_ub`` followed by ``A_eq``.

    The basic solution and the duals are found by :func:`~credal._core.linalg.solve_integer`
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
    if len(col_status) != n or len(row_status) != m:
        return None
    basic_col = col_status == _BASIC
    B_c, N_c = np.flatnonzero(basic_col), np.flatnonzero(~basic_col)
    basic_row = row_status == _BASIC
    N_r, B_r = np.flatnonzero(~basic_row), np.flatnonzero(basic_row)
    if len(B_c) != len(N_r):
        return None
    primal = _basic_solution(lp, R, col_status, row_status, B_c, N_c, N_r, B_r)
    if primal is None:
        return None
    X, D = primal
    # Duals: K^T z = c_B on the integer-scaled rows, for an integer multiple s c of c.
    c = lp.c
    s = common_denominator(c)
    c_int = np.array([v.numerator * (s // v.denominator) for v in c], dtype=object)
    A_src = R.A64 if R.A64 is not None else R.A
    K = A_src[N_r][:, B_c]
    dual = solve_integer(K.T, c_int[B_c])
    if dual is None:
        return None
    Z, dz = dual
    # Reduced costs (times s dz > 0) of the nonbasic columns must match their bounds:
    # >= 0 at a lower bound, <= 0 at an upper bound, 0 for a free column held at zero.
    red = c_int[N_c] * dz - (R.A[N_r][:, N_c].T.dot(Z) if len(N_r) else 0)
    pos, neg = _signs(red)
    st = col_status[N_c]
    bad = ((st == _LOWER) & neg) | ((st == _UPPER) & pos) | ((st == _ZERO) & (pos | neg))
    if (bad & ~R.fixed[N_c]).any():
        return None
    # Row duals: a row held at its lower bound has y >= 0, at its upper bound y <= 0.
    pos, neg = _signs(Z)
    rs = row_status[N_r]
    bad = ((rs == _LOWER) & neg) | ((rs == _UPPER) & pos)
    if (bad & ~R.equality[N_r]).any():
        return None
    x_arr = np.empty(n, dtype=object)
    x_arr[:] = [Fraction(int(v), D) for v in X]
    y_arr = np.full(m, ZERO, dtype=object)
    for i, z in zip(N_r, Z, strict=True):
        if z:
            scale = R.scale[i]
            y_arr[i] = Fraction(scale.numerator * int(z), scale.denominator * s * dz)
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
    st = col_status[N_c]
    at_lo, at_up = st == _LOWER, st == _UPPER
    if (at_lo & ~R.has_col_lo[N_c]).any() or (at_up & ~R.has_col_up[N_c]).any():
        return None
    bound = np.where(at_lo[:, None], R.col_lo[N_c], R.col_up[N_c])  # (num, den) pairs
    bound[~(at_lo | at_up)] = (0, 1)
    L = math.lcm(*bound[:, 1]) if len(N_c) else 1
    X = np.zeros(n, dtype=object)
    X[N_c] = bound[:, 0] * (L // bound[:, 1]) if len(N_c) else []
    rs = row_status[N_r]
    at_lo = rs == _LOWER
    if (at_lo & ~R.has_row_lo[N_r]).any() or (~at_lo & ~R.has_row_up[N_r]).any():
        return None
    r_fix = np.where(at_lo, R.row_lo[N_r], R.row_up[N_r]) * L
    rhs = r_fix - (R.A[N_r].dot(X) if len(N_r) else 0)
    K = (R.A64 if R.A64 is not None else R.A)[N_r][:, B_c]
    sol = solve_integer(K, np.asarray(rhs, dtype=object))
    if sol is None:
        return None
    U, du = sol
    X = X * du
    X[B_c] = U
    D = du * L
    # Primal feasibility, exactly: basic columns within their bounds (x_j = X_j / D against
    # num / den), every basic row within its bounds (A X against D times the bound).
    lo, up = R.col_lo[B_c], R.col_up[B_c]
    XB = X[B_c]
    if ((XB * lo[:, 1] < lo[:, 0] * D) & R.has_col_lo[B_c]).any() or \
            ((XB * up[:, 1] > up[:, 0] * D) & R.has_col_up[B_c]).any():
        return None
    if len(B_r):
        act = R.A[B_r].dot(X)
        if ((act < R.row_lo[B_r] * D) & R.has_row_lo[B_r]).any() or \
                ((act > R.row_up[B_r] * D) & R.has_row_up[B_r]).any():
            return None
    return X, D


def _guides(lp: LinearProgram, costs: NDArray) -> NDArray:
    """Float objectives with the same optimal bases as the exact ``costs``, for the float
    solver's guess: each row scaled by a power of two (:func:`guide_costs`), and, when the
    program has an equality row with all coefficients equal (``t·Σx = b``), shifted along
    it so that its smallest entry is 0 and rescaled to a largest entry of 1. On that row's
    hyperplane such a shift changes the objective by a constant, so the optimal bases stay
    the same, while differences far below the size of the entries (``5 + 1e-10 g``) become
    visible to the float solver's absolute tolerances."""
    G = guide_costs(costs)
    constant_row = lp.region_cache.get("constant_equality_row")
    if constant_row is None:  # a property of the region: found once, kept with it
        constant_row = lp.region_cache["constant_equality_row"] = any(
            row.size and all(v == row[0] for v in row) and row[0] != 0 for row in lp.A_eq)
    if not constant_row or G.size == 0 or not np.isfinite(G).all():
        return G
    G = G - G.min(axis=1, keepdims=True)
    width = G.max(axis=1, keepdims=True)
    out: NDArray = G / np.where(width > 0, width, 1.0)
    return out


class ExactBackend:
    """Exact rational answers: certified HiGHS basis, rational simplex as the fallback."""

    name = "exact"
    exact = True

    def __init__(self) -> None:
        self._float = HighsBackend(threads=1)

    def solve(self, lp: LinearProgram) -> LPResult:
        lp = lp.to_exact()
        guess = self._float.solve(lp.float_guide())
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
        x, dual_ub, dual_eq = out.x, out.dual_ub, out.dual_eq
        assert x is not None and dual_ub is not None and dual_eq is not None  # set if optimal
        arrays = []
        for seq in (x, dual_ub, dual_eq):
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
            image = lp.region_cache["float_image"] = lp.float_guide()
        guesses = self._float.bases(image, _guides(lp, costs))
        for i in range(m):
            lp_i = lp.with_cost(costs[i])
            guess = guesses[i]
            res = certify_basis(lp_i, *guess) if guess is not None else None
            if res is None:
                res = self._simplex(lp_i)
            if res.status is not LPStatus.OPTIMAL:
                raise SolverError(
                    f"LP backend 'exact' found no optimum for objective {i}: status "
                    f"{res.status.value!r}", backend=self.name, status=res.status)
            values[i] = res.value
            points[i] = res.x
        return values, points

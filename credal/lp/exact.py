"""Exact rational LP answers at close to float speed.

HiGHS solves the float image of the program; its optimal basis is then *certified* in
rational arithmetic: the basic solution is recomputed exactly from the basis, and primal
feasibility, dual feasibility and complementary slackness are checked exactly. A basis
that passes is an exact optimum (the usual LP optimality certificate), so the answer is
exactly right, not rounded. When the certificate fails (a float basis that is wrong in
exact arithmetic, or a non-optimal float status) the pure rational simplex of
:mod:`credal.lp._simplex` decides.
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np

from ..errors import SolverError
from ._problem import BasisStatus, LinearProgram, LPResult, LPStatus
from .highs import HighsBackend

NDArray = np.ndarray
ZERO = Fraction(0)


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


def certify_basis(lp: LinearProgram, col_status: NDArray, row_status: NDArray) -> LPResult | None:
    """Check a simplex basis of an exact ``lp`` in rational arithmetic.

    Returns the exact optimal :class:`LPResult` when the basis is primal and dual feasible,
    ``None`` otherwise. Rows are ``A_ub`` followed by ``A_eq``.
    """
    n = lp.n_variables
    m_ub = lp.A_ub.shape[0]
    M = [list(r) for r in lp.A_ub] + [list(r) for r in lp.A_eq]
    m = len(M)
    row_lo = [None] * m_ub + list(lp.b_eq)
    row_up = list(lp.b_ub) + list(lp.b_eq)
    B_c = [j for j in range(n) if col_status[j] == BasisStatus.BASIC]
    B_r = [i for i in range(m) if row_status[i] == BasisStatus.BASIC]
    N_r = [i for i in range(m) if row_status[i] != BasisStatus.BASIC]
    if len(B_c) + len(B_r) != m:
        return None
    # Nonbasic columns sit at a bound (or at zero when free).
    x: list[Fraction | None] = [None] * n
    for j in range(n):
        s = col_status[j]
        if s == BasisStatus.BASIC:
            continue
        bound = lp.lower[j] if s == BasisStatus.LOWER else lp.upper[j] if s == BasisStatus.UPPER \
            else ZERO
        if bound is None:
            return None
        x[j] = bound
    # Nonbasic rows sit at a bound of their activity.
    r_fix: dict[int, Fraction] = {}
    for i in N_r:
        bound = row_lo[i] if row_status[i] == BasisStatus.LOWER else row_up[i]
        if bound is None:
            return None
        r_fix[i] = bound
    K = [[M[i][j] for j in B_c] for i in N_r]
    rhs = [r_fix[i] - sum((M[i][j] * x[j] for j in range(n) if x[j] is not None and
                           M[i][j] != 0), ZERO) for i in N_r]
    KT = [[K[r][c] for r in range(len(N_r))] for c in range(len(B_c))]
    c_B = [lp.c[j] for j in B_c]
    if B_c:
        sol = solve_square(K, [rhs])
        dual = solve_square(KT, [c_B])
        if sol is None or dual is None:
            return None
        for j, v in zip(B_c, sol[0], strict=True):
            x[j] = v
        y_N = dual[0]
    else:
        y_N = []
    xs = [v if v is not None else ZERO for v in x]
    # Primal feasibility.
    for j in B_c:
        lo, up = lp.lower[j], lp.upper[j]
        if (lo is not None and xs[j] < lo) or (up is not None and xs[j] > up):
            return None
    activity = [sum((M[i][j] * xs[j] for j in range(n) if M[i][j] != 0), ZERO) for i in range(m)]
    for i in range(m):
        lo, up = row_lo[i], row_up[i]
        if (lo is not None and activity[i] < lo) or (up is not None and activity[i] > up):
            return None
    # Dual feasibility (minimisation): reduced cost sign matches the bound held.
    y = [ZERO] * m
    for i, v in zip(N_r, y_N, strict=True):
        y[i] = v
    for j in range(n):
        if col_status[j] == BasisStatus.BASIC:
            continue
        d = lp.c[j] - sum((M[i][j] * y[i] for i in N_r if M[i][j] != 0), ZERO)
        fixed = lp.lower[j] is not None and lp.lower[j] == lp.upper[j]
        if fixed:
            continue
        s = col_status[j]
        if (s == BasisStatus.LOWER and d < 0) or (s == BasisStatus.UPPER and d > 0) or \
                (s == BasisStatus.ZERO and d != 0):
            return None
    for i in N_r:
        if row_lo[i] is not None and row_lo[i] == row_up[i]:
            continue
        if (row_status[i] == BasisStatus.LOWER and y[i] < 0) or \
                (row_status[i] == BasisStatus.UPPER and y[i] > 0):
            return None
    x_arr = np.empty(n, dtype=object)
    x_arr[:] = xs
    y_arr = np.empty(m, dtype=object)
    y_arr[:] = y
    value = sum((c * v for c, v in zip(lp.c, xs, strict=True) if v != 0), ZERO)
    return LPResult(status=LPStatus.OPTIMAL, x=x_arr, value=value, dual_ub=y_arr[:m_ub],
                    dual_eq=y_arr[m_ub:], backend="exact", certified=True)


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
        guesses = self._float.bases(lp.to_float(), costs)
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

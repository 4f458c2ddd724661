"""cvxpy as a second float backend (any LP solver cvxpy has installed).

cvxpy is optional (``pip install "credalkit[cvxpy]"``) and imported only when this backend
is used; asking for ``backend="cvxpy"`` without it raises
:class:`~credal.errors.InvalidArgumentError` naming the extra. ``solve_many`` compiles one
parametrised problem and re-solves it with new costs.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from .._core.types import NDArray
from ..errors import InvalidArgumentError, SolverError
from ._problem import LinearProgram, LPResult, LPStatus


class CvxpyBackend:
    """Float LPs through cvxpy. ``solver=None`` lets cvxpy choose its default."""

    name = "cvxpy"
    exact = False

    def __init__(self, *, solver: str | None = None) -> None:
        self.solver = solver

    def check_available(self) -> None:
        """Raise :class:`InvalidArgumentError` unless cvxpy can be imported.

        An ``InvalidArgumentError`` (a ``ValueError``), not a ``SolverError``: no solve was
        attempted; the ``backend`` argument asks for something this installation lacks,
        and the fix is on the caller's side (install the extra or pick another backend).
        """
        try:
            import cvxpy  # noqa: F401
        except ImportError:
            raise InvalidArgumentError(
                "backend='cvxpy' needs the optional cvxpy package, which is not installed: "
                "pip install \"credalkit[cvxpy]\", or use backend='highs' (floats) or "
                "backend='exact'") from None

    def _problem(self, lp: LinearProgram, cost: Any) -> tuple[Any, Any, list[Any]]:
        self.check_available()  # also when the adapter is used without the registry
        import cvxpy as cp

        lp = lp.to_float()
        x = cp.Variable(lp.n_variables)
        constraints: list[Any] = []
        ub = eq = None
        if lp.A_ub.shape[0]:
            ub = lp.A_ub @ x <= lp.b_ub
            constraints.append(ub)
        if lp.A_eq.shape[0]:
            eq = lp.A_eq @ x == lp.b_eq
            constraints.append(eq)
        lo_idx = np.flatnonzero(np.isfinite(lp.lower))
        up_idx = np.flatnonzero(np.isfinite(lp.upper))
        if lo_idx.size:
            constraints.append(x[lo_idx] >= lp.lower[lo_idx])
        if up_idx.size:
            constraints.append(x[up_idx] <= lp.upper[up_idx])
        problem = cp.Problem(cp.Minimize(cost @ x), constraints)
        return problem, x, [ub, eq]

    def _run(self, problem: Any) -> LPStatus:
        import cvxpy as cp

        try:
            problem.solve(solver=self.solver)
        except cp.error.SolverError as exc:
            raise SolverError(f"LP backend 'cvxpy' failed: {exc}", backend=self.name,
                              status=LPStatus.ERROR) from None
        return {
            cp.OPTIMAL: LPStatus.OPTIMAL,
            cp.INFEASIBLE: LPStatus.INFEASIBLE,
            cp.UNBOUNDED: LPStatus.UNBOUNDED,
        }.get(problem.status, LPStatus.ERROR)  # *_INACCURATE is not a certified optimum

    def solve(self, lp: LinearProgram) -> LPResult:
        problem, x, (ub, eq) = self._problem(lp, np.asarray(lp.c, dtype=np.float64))
        status = self._run(problem)
        if status is not LPStatus.OPTIMAL:
            return LPResult(status=status, backend=self.name)
        # cvxpy's multipliers are >= 0 for <= rows; marginals have the opposite sign.
        dual_ub = -np.asarray(ub.dual_value, dtype=float) if ub is not None else np.zeros(0)
        dual_eq = -np.asarray(eq.dual_value, dtype=float) if eq is not None else np.zeros(0)
        return LPResult(status=status, x=np.asarray(x.value, dtype=float),
                        value=float(problem.value), dual_ub=dual_ub, dual_eq=dual_eq,
                        backend=self.name)

    def solve_many(self, lp: LinearProgram, costs: NDArray) -> tuple[NDArray, NDArray]:
        import cvxpy as cp

        costs = np.asarray(costs, dtype=np.float64)
        m, n = costs.shape
        values, points = np.empty(m), np.empty((m, n))
        param = cp.Parameter(n)
        problem, x, _ = self._problem(lp, param)
        for i in range(m):
            param.value = costs[i]
            status = self._run(problem)
            if status is not LPStatus.OPTIMAL:
                raise SolverError(
                    f"LP backend 'cvxpy' did not reach a certified optimum for objective "
                    f"{i}: status {status.value!r}", backend=self.name, status=status)
            values[i] = problem.value
            points[i] = x.value
        return values, points

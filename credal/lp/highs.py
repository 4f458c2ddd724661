"""HiGHS, called directly through highspy: the default float backend.

For a batch of objectives over one feasible region the model is built once and re-solved
with only the objective changed, each solve warm-started from the best of the recent
optimal bases. Small programs re-solve the primal with the primal simplex (a new cost
keeps every basis primal feasible); programs with at least :data:`DUAL_FORM_MIN_SIZE`
variables x rows re-solve their dual (:mod:`credal.lp._dualize`) with the dual simplex,
where the cost only moves row bounds and every basis stays dual feasible: 2 to 2.5 times
fewer pivots on large dense regions. Large batches are split over a few threads (HiGHS
releases the GIL), each with its own model.
"""

from __future__ import annotations

import os
import sys
import threading
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import numpy as np

from .._core.types import NDArray
from ..errors import SolverError
from ..tolerance import LP_TOLERANCE
from ._dualize import Dualized
from ._problem import BasisStatus, LinearProgram, LPResult, LPStatus

#: Batches at least this large are split across threads.
THREAD_THRESHOLD = 64
#: Optimal bases remembered per model as warm starts for later costs.
BASIS_POOL = 64
#: Batches over programs with at least this many variables x rows re-solve the dual with
#: the dual simplex; smaller ones the primal with the primal simplex. Measured on random
#: dense regions (n variables, k rows): below about 50 x 100 the two take the same time,
#: above it the dual form takes 1.1 to 2 times less.
DUAL_FORM_MIN_SIZE = 5000
#: The dual form's answer is taken when its primal point ``x`` (the dual's row
#: multipliers) satisfies every constraint within this much and ``c·x`` is within this much
#: (relative) of the dual's optimal value: a primal-dual pair, so ``c·x`` is optimal within
#: the tolerance. Otherwise the primal is solved from scratch.
DUAL_CHECK = 1e2 * LP_TOLERANCE
#: Idle models kept per feasible region for the next call (one per thread of a batch).
IDLE_MODELS = 4
_IDLE_LOCK = threading.Lock()


#: Settings tried, in order, when the first solve ends without a clear status.
_RETRIES: tuple[dict[str, Any], ...] = (
    {"simplex_scale_strategy": 0},  # HiGHS's scaling can misjudge rows of mixed magnitudes
    {"presolve": "on"},
    {"presolve": "on", "solver": "ipm", "run_crossover": "on"},
)


def _status_map(highspy: Any) -> dict[Any, LPStatus]:
    S = highspy.HighsModelStatus
    return {
        S.kOptimal: LPStatus.OPTIMAL,
        S.kInfeasible: LPStatus.INFEASIBLE,
        S.kUnbounded: LPStatus.UNBOUNDED,
        S.kUnboundedOrInfeasible: LPStatus.INFEASIBLE_OR_UNBOUNDED,
        S.kIterationLimit: LPStatus.LIMIT,
        S.kTimeLimit: LPStatus.LIMIT,
    }


class HighsBackend:
    """Float LPs with HiGHS's simplex (presolve off so that re-solves warm-start)."""

    name = "highs"
    exact = False

    def __init__(self, *, threads: int | None = None) -> None:
        self.threads = threads if threads is not None else max(1, min(4, os.cpu_count() or 1))

    # -- model construction -------------------------------------------------------------
    def _model(self, lp: LinearProgram) -> Any:
        lp = lp.to_float()
        n = lp.n_variables
        A = np.vstack([lp.A_ub, lp.A_eq]) if lp.A_eq.size or lp.A_ub.size else np.zeros((0, n))
        return _highs_model(A, lp.c, lp.lower, lp.upper,
                            np.concatenate([np.full(lp.A_ub.shape[0], -np.inf), lp.b_eq]),
                            np.concatenate([lp.b_ub, lp.b_eq]))

    def _cold_solve(self, lp: LinearProgram, cost: NDArray | None) -> tuple[Any, LPStatus]:
        """Solve from scratch, down a ladder of settings until the status is clear.

        Degenerate or thin programs can stall HiGHS's plain simplex ("unknown") or be called
        infeasible by it; the ladder tries the simplex without scaling, presolve, then the
        interior-point method with crossover to a basis. "Optimal" and "unbounded" end it at
        once; "infeasible" is the answer only when every rung says so.
        """
        import highspy

        # "infeasible" is never taken at the first rung: HiGHS's scaled simplex can call a
        # feasible region with coefficients of very different sizes infeasible (rows such
        # as -1e-11 p0 + 0.5 p1 + 1e-9 p2 = -1e-11); it is the verdict only when every rung
        # agrees. (Feasible programs, the common case, stop at the first optimum.)
        clear = {LPStatus.OPTIMAL, LPStatus.UNBOUNDED}
        status = LPStatus.ERROR
        h = None
        for settings in ({}, *_RETRIES):
            h = self._model(lp)
            for key, value in settings.items():
                h.setOptionValue(key, value)
            if cost is not None:
                n = lp.n_variables
                h.changeColsCost(n, np.arange(n, dtype=np.int32), cost)
            h.run()
            status = _status_map(highspy).get(h.getModelStatus(), LPStatus.ERROR)
            if status in clear:
                break
        return h, status

    # -- one program --------------------------------------------------------------------
    def solve(self, lp: LinearProgram) -> LPResult:
        h, status = self._cold_solve(lp, None)
        if status is not LPStatus.OPTIMAL:
            return LPResult(status=status, backend=self.name)
        sol = h.getSolution()
        basis = h.getBasis()
        n_ub = lp.A_ub.shape[0]
        row_dual = np.asarray(sol.row_dual, dtype=np.float64)
        x = np.asarray(sol.col_value, dtype=np.float64)
        col_status = np.array([_basis_code(s) for s in basis.col_status], dtype=np.int8)
        row_status = np.array([_basis_code(s) for s in basis.row_status], dtype=np.int8)
        return LPResult(
            status=status,
            x=x,
            value=float(h.getObjectiveValue()),
            dual_ub=row_dual[:n_ub],
            dual_eq=row_dual[n_ub:],
            backend=self.name,
            basis=(col_status, row_status),
        )

    # -- many objectives, one region ----------------------------------------------------
    def solve_many(self, lp: LinearProgram, costs: NDArray) -> tuple[NDArray, NDArray]:
        costs = np.asarray(costs, dtype=np.float64)
        m = costs.shape[0]
        n = lp.n_variables
        values = np.empty(m)
        points = np.empty((m, n))
        if m == 0:
            return values, points
        workers = self.threads if m >= THREAD_THRESHOLD else 1
        chunks = np.array_split(np.arange(m), workers)

        def run(rows: NDArray) -> None:
            self._solve_rows(lp, costs, rows, values, points)

        if workers == 1:
            run(chunks[0])
        else:
            with ThreadPoolExecutor(workers) as pool:
                list(pool.map(run, chunks))
        return values, points

    def _solve_rows(self, lp: LinearProgram, costs: NDArray, rows: NDArray,
                    values: NDArray, points: NDArray) -> None:
        if uses_dual_form(lp):
            self._dual_resolves(lp, costs, rows, values, points)
            return
        for i, h, x, _ in self._resolves(lp, costs, rows):
            if h is None:
                continue
            values[i] = h.getObjectiveValue()
            points[i] = x

    def _dual_model(self, lp: LinearProgram) -> tuple[Any, Dualized]:
        """A HiGHS model of ``lp``'s dual (see :mod:`credal.lp._dualize`), set for the dual
        simplex without presolve, its row bounds still to be set from a cost."""
        dual: Dualized | None = lp.region_cache.get("dualized")
        if dual is None:
            dual = lp.region_cache["dualized"] = Dualized.of(lp)
        n = dual.matrix.shape[0]
        h = _highs_model(dual.matrix, dual.col_cost, dual.col_lower, dual.col_upper,
                         np.full(n, -np.inf), np.zeros(n))
        h.setOptionValue("simplex_strategy", 1)  # dual simplex: every basis stays dual feasible
        return h, dual

    def _dual_resolves(self, lp: LinearProgram, costs: NDArray, rows: Any,
                       values: NDArray, points: NDArray) -> None:
        """Solve ``costs[i]``, ``i`` in ``rows``, over the dual of ``lp``: the cost sets the
        dual's row bounds, and the dual simplex starts from the optimal basis of an earlier
        cost whose primal vertex is best for the new one (any such basis is dual feasible).
        The answer is ``c·x`` at the primal point ``x`` read off the dual (so the value and
        the witness agree), taken when ``x`` is feasible and ``c·x`` matches the dual's
        value (see :data:`DUAL_CHECK`). Otherwise the primal is solved from scratch, down
        the ladder of settings, which raises :class:`SolverError` if it fails too."""
        import highspy

        optimal = highspy.HighsModelStatus.kOptimal
        h, dual = self._checkout(lp, "highs_dual_idle") or self._dual_model(lp)
        n = lp.n_variables
        idx = np.arange(n, dtype=np.int32)
        pool = _BasisPool(n)
        for i in rows:
            cost = np.asarray(costs[i], dtype=np.float64)
            row_lo, row_up, constant = dual.row_bounds(cost)
            h.changeRowsBounds(n, idx, row_lo, row_up)
            pool.start(h, cost)
            h.run()
            x = value = None
            if h.getModelStatus() == optimal:
                x = dual.primal_point(-np.asarray(h.getSolution().row_dual, dtype=np.float64))
                # within the dual tolerance a multiplier can be -1e-13: keep x in its bounds
                # (a witness distribution with no negative entry), then check the rows
                x = np.clip(x, dual.lower, dual.upper)
                value = float(cost @ x)
                gap = abs(value - (constant - h.getObjectiveValue()))
                if gap > DUAL_CHECK * (1.0 + abs(value)) or \
                        dual.violation(x) > DUAL_CHECK:
                    x = None  # not a certified pair: solve the primal instead
            if x is None:
                cold, status = self._cold_solve(lp, cost)
                if status is not LPStatus.OPTIMAL:
                    raise SolverError(
                        f"LP backend 'highs' did not reach a certified optimum for objective "
                        f"{int(i)}: status {status.value!r}", backend=self.name, status=status)
                values[i] = cold.getObjectiveValue()
                points[i] = np.asarray(cold.getSolution().col_value, dtype=np.float64)
                h, dual = self._dual_model(lp)  # a fresh model: no stalled state carried on
                continue
            values[i] = value
            points[i] = x
            pool.add(x, h.getBasis())
        self._checkin(lp, "highs_dual_idle", (h, dual))

    def _resolves(self, lp: LinearProgram, costs: NDArray, rows: Any,
                  *, strict: bool = True) -> Any:
        """Re-solve one model for ``costs[i]``, ``i`` in ``rows``; yield ``(i, model, x,
        basis)`` after each optimal solve, ``x`` the optimal point and ``basis`` HiGHS's
        optimal basis. A non-optimal solve raises :class:`SolverError`, or with
        ``strict=False`` yields ``(i, None, None, None)``.

        Each solve warm-starts the primal simplex from an optimal basis of an earlier cost
        (any vertex of the region is primal feasible): the last one, or the one among the
        last :data:`BASIS_POOL` whose vertex is best for the new cost (one small matrix
        product), which saves about 40% of the pivots on random costs.
        """
        import highspy

        n = lp.n_variables
        idx = np.arange(n, dtype=np.int32)
        optimal = highspy.HighsModelStatus.kOptimal
        idle = self._checkout(lp, "highs_idle")
        h, warm = (idle, True) if idle is not None else (self._model(lp), False)
        pool = _BasisPool(n)
        for i in rows:
            cost = np.asarray(costs[i], dtype=np.float64)
            h.changeColsCost(n, idx, cost)
            if warm:
                pool.start(h, cost)
            h.run()
            st = h.getModelStatus()
            rescued = False
            if st != optimal:
                # A warm or primal start can stall ("unknown") or misjudge a thin region
                # ("infeasible"): solve again from scratch down the ladder of settings.
                h, status = self._cold_solve(lp, cost)
                rescued = True
                st = optimal if status is LPStatus.OPTIMAL else h.getModelStatus()
            if st == optimal:
                if not warm and not rescued:  # primal simplex stays feasible as costs change
                    h.setOptionValue("simplex_strategy", 4)
                    warm = True
                x = np.asarray(h.getSolution().col_value, dtype=np.float64)
                basis = h.getBasis()
                yield i, h, x, basis
                if rescued:  # the ladder's settings (presolve, IPM) would spoil warm starts
                    h, warm = self._model(lp), False
                    continue
                pool.add(x, basis)
                continue
            if not strict:
                yield i, None, None, None
                h, warm = self._model(lp), False
                continue
            status = _status_map(highspy).get(st, LPStatus.ERROR)
            raise SolverError(
                f"LP backend 'highs' did not reach a certified optimum for objective "
                f"{int(i)}: status {status.value!r}", backend=self.name, status=status)
        if warm:  # a clean, warm model: the next call over this region starts from it
            self._checkin(lp, "highs_idle", h)

    def _checkout(self, lp: LinearProgram, key: str) -> Any:
        """An idle model of ``lp``'s region left by an earlier batch under ``key`` (warm, at
        its last optimal basis), or ``None``. Models are kept in ``lp.region_cache`` (at most
        :data:`IDLE_MODELS` per key), so repeated small calls over one set do not rebuild
        the model each time; a model is used by one thread at a time."""
        with _IDLE_LOCK:
            idle = lp.region_cache.get(key)
            return idle.pop() if idle else None

    def _checkin(self, lp: LinearProgram, key: str, model: Any) -> None:
        with _IDLE_LOCK:
            idle = lp.region_cache.setdefault(key, [])
            if len(idle) < IDLE_MODELS:
                idle.append(model)

    def bases(self, lp: LinearProgram, costs: NDArray) -> list[tuple[NDArray, NDArray] | None]:
        """The optimal basis for each row of ``costs`` (``None`` where HiGHS found no
        optimum), from warm-started re-solves of one model."""
        out: list[tuple[NDArray, NDArray] | None] = [None] * len(costs)
        for i, h, _, basis in self._resolves(lp, costs, range(len(costs)), strict=False):
            if h is not None:
                out[i] = (np.array([_basis_code(s) for s in basis.col_status], dtype=np.int8),
                          np.array([_basis_code(s) for s in basis.row_status], dtype=np.int8))
        return out


class _BasisPool:
    """The optimal bases of the last :data:`BASIS_POOL` costs of a batch, with their
    vertices: a new cost starts from the basis whose vertex is best for it."""

    def __init__(self, n: int) -> None:
        self.x = np.empty((BASIS_POOL, n))
        self.basis: list[Any] = [None] * BASIS_POOL
        self.filled = self.slot = 0
        self.last = -1

    def start(self, h: Any, cost: NDArray) -> None:
        """Set ``h``'s basis to the one whose vertex is best for ``cost``, unless that is
        the last one solved (where ``h`` already is)."""
        if self.filled > 1:
            scores = self.x[:self.filled] @ cost
            best = int(scores.argmin())
            if best != self.last and scores[best] < scores[self.last]:
                h.setBasis(self.basis[best])

    def add(self, x: NDArray, basis: Any) -> None:
        self.x[self.slot] = x
        self.basis[self.slot] = basis
        self.last = self.slot
        self.slot = (self.slot + 1) % BASIS_POOL
        self.filled = min(self.filled + 1, BASIS_POOL)


def uses_dual_form(lp: LinearProgram) -> bool:
    """Whether batches over ``lp`` re-solve its dual (see :data:`DUAL_FORM_MIN_SIZE`)."""
    rows = int(lp.A_ub.shape[0] + lp.A_eq.shape[0])
    return lp.n_variables * rows >= DUAL_FORM_MIN_SIZE


def _highs_model(A: NDArray, cost: NDArray, col_lower: NDArray, col_upper: NDArray,
                 row_lower: NDArray, row_upper: NDArray) -> Any:
    """A HiGHS instance holding ``min cost·x : row_lower <= A x <= row_upper, col_lower <= x
    <= col_upper`` (``±inf`` for no bound), set for the simplex without presolve (so that
    re-solves warm-start) at credal's tolerances."""
    import highspy

    inf = highspy.kHighsInf
    m, n = A.shape
    model = highspy.HighsLp()
    model.num_col_ = n
    model.num_row_ = m
    model.col_cost_ = np.ascontiguousarray(cost, dtype=np.float64)
    model.col_lower_ = np.where(np.isinf(col_lower), -inf, col_lower)
    model.col_upper_ = np.where(np.isinf(col_upper), inf, col_upper)
    model.row_lower_ = np.where(np.isinf(row_lower), -inf, row_lower)
    model.row_upper_ = np.where(np.isinf(row_upper), inf, row_upper)
    if m:
        mask = A != 0
        start = np.concatenate([[0], np.cumsum(mask.sum(axis=0))]).astype(np.int32)
        rows, cols = np.nonzero(mask.T)  # column-major order
        model.a_matrix_.format_ = highspy.MatrixFormat.kColwise
        model.a_matrix_.start_ = start
        model.a_matrix_.index_ = cols.astype(np.int32)
        model.a_matrix_.value_ = A.T[rows, cols].astype(np.float64)
    h = _new_highs(highspy)
    h.setOptionValue("output_flag", False)
    h.setOptionValue("presolve", "off")
    h.setOptionValue("solver", "simplex")
    h.setOptionValue("primal_feasibility_tolerance", LP_TOLERANCE)
    h.setOptionValue("dual_feasibility_tolerance", LP_TOLERANCE)
    # HiGHS drops matrix entries below small_matrix_value (default 1e-9) when the model is
    # passed: a 1e-9 coefficient in a unit-scaled row could make a feasible region
    # infeasible by 1e-9. 1e-12 is the least it accepts; an entry dropped below it moves a
    # row by less than n * 1e-12 over the simplex, far inside the tolerance.
    h.setOptionValue("small_matrix_value", 1e-12)
    h.passModel(model)
    return h


_BANNER_LOCK = threading.Lock()
_banner_done = False


def _new_highs(highspy: Any) -> Any:
    """A ``highspy.Highs`` instance. The first one a process creates prints HiGHS's banner
    to the C-level standard output even with ``output_flag`` off (highspy 1.16); that one
    is created with file descriptor 1 pointed at the null device, so that scripts using
    credal print only what they print."""
    global _banner_done
    if _banner_done:
        return highspy.Highs()
    with _BANNER_LOCK:
        if _banner_done:
            return highspy.Highs()
        sys.stdout.flush()
        try:
            saved = os.dup(1)
        except OSError:  # no usable descriptor 1: nothing to protect
            _banner_done = True
            return highspy.Highs()
        try:
            with open(os.devnull, "w") as null:
                os.dup2(null.fileno(), 1)
                try:
                    h = highspy.Highs()
                finally:
                    os.dup2(saved, 1)
        finally:
            os.close(saved)
        _banner_done = True
        return h


def _basis_code(status: Any) -> int:
    code = int(status)
    return int(BasisStatus.LOWER) if code == 4 else code  # kNonbasic -> at lower

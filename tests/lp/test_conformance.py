"""One suite of known-answer LPs, run against every registered backend."""

from __future__ import annotations

from fractions import Fraction as Fr

import numpy as np
import pytest

from credal.errors import SolverError
from credal.lp import LinearProgram, LPStatus, available_backends, get_backend, solve, solve_many

BACKENDS = ["highs", "cvxpy", "exact"]


def test_registry_lists_every_backend() -> None:
    assert set(BACKENDS) <= set(available_backends())
    for name in BACKENDS:
        assert get_backend(name).name == name


def tol(backend: str) -> float:
    return {"highs": 1e-9, "cvxpy": 1e-6, "exact": 0.0}[backend]


def close(a: object, b: object, backend: str) -> bool:
    if backend == "exact":
        return list(np.atleast_1d(a)) == list(np.atleast_1d(b))
    return bool(np.all(np.abs(np.asarray(a, dtype=float) - np.asarray(b, dtype=float))
                       <= tol(backend) * (1 + np.abs(np.asarray(b, dtype=float)))))


def F(*values: object) -> list[Fr]:
    return [Fr(v) for v in values]  # type: ignore[arg-type]


# name -> (program, expected value, expected unique x or None, expected dual_ub or None)
def optimal_cases() -> dict[str, tuple[LinearProgram, Fr, list[Fr] | None, list[Fr] | None]]:
    return {
        # min x + 2y, x + y = 1/3, x, y >= 0  -> x = 1/3
        "equality": (LinearProgram.create(F(1, 2), A_eq=[F(1, 1)], b_eq=F("1/3")),
                     Fr(1, 3), F("1/3", 0), []),
        # max 3x + 2y s.t. x + y <= 4, x + 3y <= 7, x <= 3: optimum (3, 1), value 11
        "textbook": (LinearProgram.create(F(-3, -2), A_ub=[F(1, 1), F(1, 3)], b_ub=F(4, 7),
                                          upper=F(3, 10)),
                     Fr(-11), F(3, 1), F(-2, 0)),
        # degenerate: three constraints tight at the optimum (0, 0) in two dimensions
        "degenerate": (LinearProgram.create(F(1, 1), A_ub=[F(-1, 1), F(1, -1), F(-1, -1)],
                                            b_ub=F(0, 0, 0), lower=[None, None]),
                       Fr(0), F(0, 0), None),
        # Beale's cycling example (cycles under Dantzig's rule without anti-cycling)
        "beale": (LinearProgram.create(F("-3/4", 20, "-1/2", 6),
                                       A_ub=[F("1/4", -8, -1, 9), F("1/2", -12, "-1/2", 3),
                                             F(0, 0, 1, 0)], b_ub=F(0, 0, 1)),
                  Fr(-5, 4), F(1, 0, 1, 0), F(0, "-3/2", "-5/4")),
        # free variable, optimum at an upper bound: min -x - y, x in (-inf, 2], y in [0, 1/2]
        "free_and_upper": (LinearProgram.create(F(-1, -1), lower=[None, 0], upper=F(2, "1/2")),
                           Fr(-5, 2), F(2, "1/2"), None),
        # duplicated equality row (a redundant constraint)
        "redundant_eq": (LinearProgram.create(F(1, 2, 3), A_eq=[F(1, 1, 1), F(1, 1, 1)],
                                              b_eq=F(1, 1), lower=0),
                         Fr(1), F(1, 0, 0), None),
    }


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("case", list(optimal_cases()))
def test_optimal_known_answers(backend: str, case: str) -> None:
    lp, value, x, dual_ub = optimal_cases()[case]
    lp = lp if backend == "exact" else lp.to_float()
    result = solve(lp, backend=backend)
    assert result.status is LPStatus.OPTIMAL
    assert result.backend == backend
    assert close(result.value, value, backend)
    if x is not None:
        assert close(result.x, x, backend)
    if dual_ub is not None:
        assert close(result.dual_ub, dual_ub, backend)
    if backend == "exact":
        assert isinstance(result.value, Fr)
        assert all(isinstance(v, Fr) for v in result.x)


@pytest.mark.parametrize("backend", BACKENDS)
def test_duals_are_marginals(backend: str) -> None:
    # min x + y s.t. x + 2y >= 2 (written -x - 2y <= -2), x - y = 1/2.
    lp = LinearProgram.create(F(1, 1), A_ub=[F(-1, -2)], b_ub=F(-2), A_eq=[F(1, -1)],
                              b_eq=F("1/2"))
    lp = lp if backend == "exact" else lp.to_float()
    r = solve(lp, backend=backend)
    # optimum x = 1, y = 1/2, value 3/2; raising -2 -> -2 + t lowers the value by 2t/3.
    assert close(r.value, Fr(3, 2), backend)
    assert close(r.dual_ub, [Fr(-2, 3)], backend)
    assert close(r.dual_eq, [Fr(1, 3)], backend)


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize(
    ("lp", "status"),
    [
        (LinearProgram.create(F(1, 1), A_ub=[F(1, 1)], b_ub=F(-1)), LPStatus.INFEASIBLE),
        (LinearProgram.create(F(1), lower=F(2), upper=F(1)), LPStatus.INFEASIBLE),
        (LinearProgram.create(F(-1, 0), A_ub=[F(0, 1)], b_ub=F(1)), LPStatus.UNBOUNDED),
    ],
    ids=["infeasible-rows", "infeasible-bounds", "unbounded"],
)
def test_non_optimal_raises_solver_error_naming_backend(
        backend: str, lp: LinearProgram, status: LPStatus) -> None:
    lp = lp if backend == "exact" else lp.to_float()
    with pytest.raises(SolverError, match=repr(backend)) as info:
        solve(lp, backend=backend)
    assert info.value.backend == backend
    # A backend may only say "infeasible or unbounded" when it cannot tell which.
    assert info.value.status in (status, LPStatus.INFEASIBLE_OR_UNBOUNDED)
    if backend == "exact":
        assert info.value.status is status


@pytest.mark.parametrize("backend", BACKENDS)
def test_solve_many_matches_solve(backend: str) -> None:
    rng = np.random.default_rng(3)
    n = 5
    A = rng.integers(-3, 4, size=(3, n))
    point = np.full(n, Fr(1, n), dtype=object)
    b = A @ point + Fr(1, 7)
    costs = rng.integers(-5, 6, size=(12, n))
    ones = np.array([[Fr(1)] * n], dtype=object)
    lp = LinearProgram.create(np.zeros(n, dtype=object) + Fr(0),
                              A_ub=np.array(A, dtype=object) + Fr(0), b_ub=b,
                              A_eq=ones, b_eq=[Fr(1)], upper=1)
    if backend != "exact":
        lp = lp.to_float()
    values, points = solve_many(lp, costs if backend != "exact" else costs.astype(object) + Fr(0),
                                backend=backend)
    for i in range(costs.shape[0]):
        one = solve(lp.with_cost(costs[i] if backend != "exact" else costs[i].astype(object)
                                 + Fr(0)), backend=backend)
        assert close(values[i], one.value, backend)
        assert close(float(np.dot(points[i], costs[i])), float(one.value), backend) or \
            backend == "exact" and np.dot(points[i], costs[i]) == one.value


def test_exact_certifies_float_basis_and_agrees_with_simplex() -> None:
    lp = optimal_cases()["textbook"][0]
    exact = get_backend("exact")
    certified = exact.solve(lp)
    assert certified.certified
    from credal.lp.exact import ExactBackend

    fallback = ExactBackend()._simplex(lp)
    assert not fallback.certified
    assert fallback.value == certified.value == Fr(-11)


def test_certificate_rejects_a_wrong_basis() -> None:
    from credal.lp import BasisStatus
    from credal.lp.exact import certify_basis

    lp = optimal_cases()["textbook"][0]
    # Basis with both columns at their lower bound (x = y = 0) is feasible, not optimal.
    cols = np.array([BasisStatus.LOWER, BasisStatus.LOWER], dtype=np.int8)
    rows = np.array([BasisStatus.BASIC, BasisStatus.BASIC], dtype=np.int8)
    assert certify_basis(lp, cols, rows) is None
    # The optimal basis passes and gives the exact optimum.
    cols = np.array([BasisStatus.UPPER, BasisStatus.BASIC], dtype=np.int8)
    rows = np.array([BasisStatus.UPPER, BasisStatus.BASIC], dtype=np.int8)
    good = certify_basis(lp, cols, rows)
    assert good is not None and good.value == Fr(-11) and list(good.x) == [3, 1]


def test_exact_handles_data_that_floats_get_wrong() -> None:
    # min -x s.t. x <= 1/3 + 1e-20-ish rational perturbation: the float image rounds
    # the bound, the exact answer keeps it.
    eps = Fr(1, 10**30)
    lp = LinearProgram.create(F(-1), A_ub=[F(1)], b_ub=[Fr(1, 3) + eps])
    r = solve(lp, backend="exact")
    assert r.value == -(Fr(1, 3) + eps)


def test_highs_batch_recovers_when_a_solve_stalls(monkeypatch: pytest.MonkeyPatch) -> None:
    # Force the first model to stop after 0 iterations (status LIMIT): the re-solve loop must
    # rescue that objective down its ladder of settings and then answer the rest correctly.
    from credal.lp.highs import HighsBackend

    backend = HighsBackend(threads=1)
    real_model = backend._model
    calls = {"n": 0}

    def first_model_stalls(lp: LinearProgram) -> object:
        h = real_model(lp)
        calls["n"] += 1
        if calls["n"] == 1:
            h.setOptionValue("simplex_iteration_limit", 0)
        return h

    monkeypatch.setattr(backend, "_model", first_model_stalls)
    n = 4
    lp = LinearProgram.create(np.zeros(n), A_ub=[[1.0, 2.0, 0.0, -1.0]], b_ub=[0.5],
                              A_eq=np.ones((1, n)), b_eq=[1.0]).to_float()
    costs = np.random.default_rng(0).normal(size=(6, n))
    values, points = backend.solve_many(lp, costs)
    assert calls["n"] >= 3  # the stalled model, the ladder's model, a fresh one after
    for i in range(costs.shape[0]):
        expected = solve(lp.with_cost(costs[i]), backend="highs").value
        assert abs(values[i] - expected) <= 1e-9 * (1 + np.abs(costs[i]).max())
        assert abs(points[i] @ costs[i] - values[i]) <= 1e-9 * (1 + np.abs(costs[i]).max())

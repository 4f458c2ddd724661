"""Batches over large regions re-solve the dual (credal.lp._dualize): the answers must be
the primal's, for every kind of bound, with the fallback to the primal when the dual's
answer is not a certified pair, and the same errors on infeasible or unbounded programs."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from scipy.optimize import linprog

import credal as cr
import credal.lp.highs as highs
from credal.errors import SolverError
from credal.lp import LinearProgram, LPStatus
from credal.lp._dualize import Dualized
from credal.lp.highs import HighsBackend, uses_dual_form

TOL = 1e-8  # the backend's tolerance is 1e-9 on unit-size data; these rows reach 9


def program(rng: np.random.Generator, n: int, k: int, kind: str
            ) -> tuple[LinearProgram, dict[str, object]]:
    """Lower previsions G p >= c with sum p = 1 and the named kind of bounds."""
    G = rng.integers(0, 10, size=(k, n)).astype(float)
    p0 = rng.dirichlet(np.ones(n))
    c = G @ p0 - 0.05
    A_ub, b_ub = -G, -c
    lower: object
    upper: object
    if kind == "nonnegative":
        lower, upper = 0.0, None
    elif kind == "boxed":
        lower, upper = list(p0 / 2), list(np.minimum(1.0, 2 * p0))
    elif kind == "upper only":  # lower -inf: the variable is flipped, x = u - q
        lower, upper = None, list(np.minimum(1.0, 2 * p0))
        A_ub, b_ub = np.vstack([A_ub, -np.eye(n)]), np.concatenate([b_ub, np.zeros(n)])
    else:  # free variables, bounded by rows: dual rows are equalities
        lower, upper = None, None
        A_ub = np.vstack([A_ub, -np.eye(n), np.eye(n)])
        b_ub = np.concatenate([b_ub, np.zeros(n), np.ones(n)])
    lp = LinearProgram.create(np.zeros(n), A_ub, b_ub, np.ones((1, n)), [1.0], lower=lower,
                              upper=upper, exact=False)
    return lp, {"A_ub": A_ub, "b_ub": b_ub, "lower": lower, "upper": upper}


def reference(data: dict[str, object], f: np.ndarray) -> float:
    n = f.shape[0]
    lo, up = data["lower"], data["upper"]
    los = lo if isinstance(lo, list) else [lo] * n
    ups = up if isinstance(up, list) else [up] * n
    r = linprog(f, A_ub=data["A_ub"], b_ub=data["b_ub"], A_eq=np.ones((1, n)), b_eq=[1.0],
                bounds=list(zip(los, ups, strict=True)), method="highs")
    assert r.status == 0
    return float(r.fun)


def check(lp: LinearProgram, data: dict[str, object], F: np.ndarray, values: np.ndarray,
          points: np.ndarray) -> None:
    dz = Dualized.of(lp)
    for f, v, x in zip(F, values, points, strict=True):
        assert abs(v - reference(data, f)) <= TOL * (1 + np.abs(f).max())
        assert v == pytest.approx(float(f @ x), abs=1e-12 * (1 + np.abs(f).max()))
        assert dz.violation(x) <= highs.DUAL_CHECK


@pytest.mark.parametrize("kind", ["nonnegative", "boxed", "upper only", "free"])
def test_the_dual_form_gives_the_primal_answer_for_every_kind_of_bound(kind: str) -> None:
    rng = np.random.default_rng(len(kind))
    lp, data = program(rng, 60, 100, kind)
    assert uses_dual_form(lp)
    F = rng.normal(size=(30, 60))
    values, points = HighsBackend(threads=1).solve_many(lp, F)
    check(lp, data, F, values, points)


@given(seed=st.integers(0, 2**32 - 1), kind=st.sampled_from(
    ["nonnegative", "boxed", "upper only", "free"]), n=st.integers(2, 12),
    k=st.integers(1, 24))
def test_dual_and_primal_forms_agree(seed: int, kind: str, n: int, k: int) -> None:
    rng = np.random.default_rng(seed)
    lp, data = program(rng, n, k, kind)
    F = rng.normal(size=(8, n))
    with pytest.MonkeyPatch.context() as m:
        m.setattr(highs, "DUAL_FORM_MIN_SIZE", 0)
        dual_values, dual_points = HighsBackend(threads=1).solve_many(lp, F)
    with pytest.MonkeyPatch.context() as m:
        m.setattr(highs, "DUAL_FORM_MIN_SIZE", 10**12)
        primal_values, _ = HighsBackend(threads=1).solve_many(
            LinearProgram.create(np.zeros(n), lp.A_ub, lp.b_ub, lp.A_eq, lp.b_eq,
                                 lower=lp.lower, upper=lp.upper), F)
    scale = 1 + np.abs(F).max(axis=1)
    assert np.all(np.abs(dual_values - primal_values) <= TOL * scale)
    check(lp, data, F, dual_values, dual_points)


def test_a_rejected_dual_answer_falls_back_to_the_primal(monkeypatch: pytest.MonkeyPatch
                                                         ) -> None:
    rng = np.random.default_rng(5)
    lp, data = program(rng, 30, 60, "boxed")
    F = rng.normal(size=(6, 30))
    monkeypatch.setattr(highs, "DUAL_CHECK", -1.0)  # no dual answer is good enough
    values, points = HighsBackend(threads=1).solve_many(lp, F)
    for f, v, x in zip(F, values, points, strict=True):
        assert abs(v - reference(data, f)) <= TOL * (1 + np.abs(f).max())
        assert v == pytest.approx(float(f @ x), abs=1e-9)


def test_infeasible_and_unbounded_programs_raise(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(highs, "DUAL_FORM_MIN_SIZE", 0)
    n = 6
    infeasible = LinearProgram.create(np.zeros(n), np.ones((1, n)), [0.5], np.ones((1, n)),
                                      [1.0], lower=0)
    with pytest.raises(SolverError) as info:
        HighsBackend(threads=1).solve_many(infeasible, np.eye(n))
    assert info.value.status is LPStatus.INFEASIBLE
    unbounded = LinearProgram.create(np.zeros(n), np.ones((1, n)), [1.0], lower=None)
    with pytest.raises(SolverError) as info:
        HighsBackend(threads=1).solve_many(unbounded, np.ones((1, n)))
    assert info.value.status in (LPStatus.UNBOUNDED, LPStatus.INFEASIBLE_OR_UNBOUNDED)


def test_threads_and_reused_models_give_the_same_answers() -> None:
    rng = np.random.default_rng(7)
    lp, _ = program(rng, 50, 100, "boxed")
    F = rng.normal(size=(130, 50))
    one, _ = HighsBackend(threads=1).solve_many(lp, F)
    two, _ = HighsBackend(threads=2).solve_many(lp, F)  # two models, then kept idle
    again, _ = HighsBackend(threads=2).solve_many(lp, F[::-1])
    assert lp.region_cache["highs_dual_idle"]
    scale = 1 + np.abs(F).max(axis=1)
    assert np.all(np.abs(one - two) <= TOL * scale)
    assert np.all(np.abs(one - again[::-1]) <= TOL * scale)


def test_large_float_sets_agree_with_the_exact_answer() -> None:
    """The public path, on a set large enough for the dual form, against the exact LP on
    the same exact data: within the documented 1e-9 x (max f - min f)."""
    rng = np.random.default_rng(11)
    n, k = 40, 80
    G = rng.integers(0, 10, size=(k, n))
    p0 = rng.integers(1, 10, size=n)
    p0q = [Fraction(int(v), int(p0.sum())) for v in p0]
    c = [sum(int(g) * p for g, p in zip(row, p0q, strict=True)) - Fraction(1, 20) for row in G]
    exact = cr.CredalSet.from_lower_previsions(list(zip(G.tolist(), c, strict=True)))
    floats = exact.to_float()
    F = rng.integers(-20, 21, size=(12, n))
    want = cr.lower_expectation(exact, F.tolist())
    got = cr.lower_expectation(floats, F.astype(float))
    width = F.max(axis=1) - F.min(axis=1)
    err = np.abs(got - np.array([float(w) for w in want])) / width
    assert err.max() <= 1e-9

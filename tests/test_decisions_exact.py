"""Exact decision rules at float speed, and payoffs of any size (credal.decisions, credal.ddt).

The exact rules settle most comparisons in floats with a proven error bound and redo only
the rest exactly; these tests pin that down three ways: against a plain reference
implementation written here (every comparison exact, no shortcut), by counting the exact
operations on the many-incomparable-acts problem that used to be cubic, and on payoffs far
outside the float range (exact ones must stay exact, float ones must not overflow or warn).
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Hashable, Iterator
from contextlib import contextmanager
from fractions import Fraction as F
from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import credal as cr
from credal.ddt import DDTProblem
from credal.errors import EmptySetError, InvalidArgumentError
from credal.lp import LinearProgram, solve
from credal.strategies import credal_sets

BIG = 10**400
LE, UE = cr.lower_expectation, cr.upper_expectation


# --------------------------------------------------------------------------------------
# A reference implementation: the definitions, every comparison exact
# --------------------------------------------------------------------------------------
def vec(f: Any) -> np.ndarray:
    return np.array([F(x) for x in f], dtype=object)


def ref_maximal(acts: dict[str, Any], S: cr.CredalSet) -> list[str]:
    return [d for d in acts
            if not any(LE(S, vec(acts[e]) - vec(acts[d])) > 0 for e in acts if e != d)]


def ref_interval_dominant(acts: dict[str, Any], S: cr.CredalSet) -> list[str]:
    top = max(LE(S, vec(f)) for f in acts.values())
    return [d for d, f in acts.items() if UE(S, vec(f)) >= top]


def ref_regret(acts: dict[str, Any], S: cr.CredalSet) -> dict[str, F]:
    return {d: max(UE(S, vec(acts[e]) - vec(acts[d])) for e in acts) for d in acts}


def ref_bayes_margin(acts: dict[str, Any], S: cr.CredalSet, d: str) -> F:
    """``max_{p in S} min(0, min_e p·(f_d − f_e))`` by one exact LP over the vertices."""
    V = S.vertices
    k = V.shape[0]
    others = [e for e in acts if e != d]
    if not others:
        return F(0)
    G = np.array([vec(acts[d]) - vec(acts[e]) for e in others], dtype=object)
    # variables (lambda (k), t): t <= (G V') lambda, sum lambda = 1, t <= 0; maximise t
    A_ub = np.hstack([-(G @ V.T), np.full((len(others), 1), F(1), dtype=object)])
    lp = LinearProgram.create(vec([0] * k + [-1]), A_ub, vec([0] * len(others)),
                              vec([1] * k + [0])[None, :], vec([1]),
                              lower=[0] * k + [None], upper=[None] * k + [0], exact=True)
    x = solve(lp).x
    assert x is not None
    t: F = x.item(k)
    return t


def ref_e_admissible(acts: dict[str, Any], S: cr.CredalSet) -> list[str]:
    out = []
    for d in acts:
        A = [vec(acts[e]) - vec(acts[d]) for e in acts if e != d]  # p·(f_e − f_d) <= 0
        if not A:
            out.append(d)
            continue
        try:  # {p : d is optimal at p} meets S
            cr.intersection(S, cr.CredalSet.from_constraints(A_ub=A, b_ub=[0] * len(A),
                                                             outcomes=S.outcomes))
        except EmptySetError:
            continue
        out.append(d)
    return out


# Payoffs from a few small values make exact ties (at the vertices, between acts) common:
# the cases where the float pass must hand over to exact arithmetic.
PAYOFF = st.sampled_from([F(0), F(1), F(2), F(-1), F(1, 2), F(1, 3), F(2, 3)])


@st.composite
def tied_problems(draw: st.DrawFn) -> tuple[dict[str, Any], cr.CredalSet]:
    n = draw(st.integers(2, 4))
    m = draw(st.integers(1, 6))
    S = draw(st.one_of(credal_sets(n, exact=True), st.just(cr.vacuous(n)),
                       st.just(cr.CredalSet.from_bounds([F(1, 5)] * n, [F(2, 3)] * n)
                               if n <= 4 else cr.vacuous(n))))
    acts = {f"d{i}": [draw(PAYOFF) for _ in range(n)] for i in range(m)}
    if m >= 2 and draw(st.booleans()):  # a duplicate act
        acts["copy"] = list(acts["d0"])
    return acts, S


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tied_problems(), st.sampled_from([F(1), F(1, 2**600), F(2**600), F(3, 7)]))
def test_exact_rules_agree_with_the_reference(problem: tuple[dict[str, Any], cr.CredalSet],
                                              scale: F) -> None:
    """Every exact rule equals its definition, also with all payoffs scaled far outside the
    float range (the choice is scale invariant; reported values scale exactly)."""
    acts, S = problem
    scaled = {d: [x * scale for x in f] for d, f in acts.items()}
    maximal = ref_maximal(acts, S)
    admissible = ref_e_admissible(acts, S)
    regret = ref_regret(acts, S)
    least = min(regret.values())
    for A in (acts, scaled):
        assert cr.maximality(A, S) == maximal
        assert cr.e_admissibility(A, S) == admissible
        assert cr.interval_dominance(A, S) == ref_interval_dominant(acts, S)
        assert cr.minimax_regret(A, S) == [d for d in acts if regret[d] == least]
    r = cr.decide(scaled, S)
    assert r.choices["maximality"] == maximal
    assert r.choices["e_admissibility"] == admissible
    assert r.regret == {d: v * scale for d, v in regret.items()}
    for d, (e, margin) in r.beaten_by.items():
        assert margin == LE(S, vec(scaled[e]) - vec(scaled[d])) > 0
    for d, p in r.bayes_witness.items():
        assert S.contains(p)
        pay = {e: sum(x * q for x, q in zip(vec(f), p, strict=True)) for e, f in scaled.items()}
        assert pay[d] == max(pay.values())
    assert r.bayes_shortfall == {d: ref_bayes_margin(acts, S, d) * scale
                                 for d in maximal if d not in admissible}


# --------------------------------------------------------------------------------------
# Many incomparable acts: no more cubic exact pre-check
# --------------------------------------------------------------------------------------
def incomparable(m: int) -> dict[str, list[F]]:
    return {f"a{i}": [F(i, m), F(m - i, m)] for i in range(m + 1)}


@contextmanager
def counting_fraction_ops(monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, int]]:
    """Count Fraction subtractions, products, sums and comparisons (deterministic, unlike a
    clock)."""
    count = {"ops": 0}
    for name in ("__sub__", "__add__", "__mul__", "__lt__", "__le__", "__gt__", "__ge__"):
        orig = getattr(F, name)

        def wrapped(a: Any, b: Any, _orig: Any = orig) -> Any:
            count["ops"] += 1
            return _orig(a, b)

        monkeypatch.setattr(F, name, wrapped)
    yield count


@pytest.mark.parametrize("S", [cr.vacuous(2), cr.CredalSet.from_bounds(["1/10"] * 2,
                                                                       ["9/10"] * 2)],
                         ids=["vacuous", "bounds"])
@pytest.mark.parametrize("rule, budget", [("maximality", 20_000),
                                          ("e_admissibility", 20_000),
                                          ("minimax_regret", 40_000), ("decide", 60_000)])
def test_many_incomparable_acts_cost_few_exact_operations(
        S: cr.CredalSet, rule: str, budget: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """101 pairwise incomparable acts: the exact pre-check compared every pair under every
    pool point in fractions (over 4 million operations for maximality, 19-30 s); the float
    pass with a proven bound leaves a few thousand."""
    acts = incomparable(100)
    with counting_fraction_ops(monkeypatch) as count:
        out = getattr(cr, rule)(acts, S)
    assert count["ops"] < budget, count
    monkeypatch.undo()
    if rule == "decide":
        out = out.choices["maximality"]
    if rule in ("maximality", "e_admissibility", "decide"):
        assert out == list(acts)  # every act is optimal at p = (1/2, 1/2)
    else:
        assert out == ["a50"]


def test_progress_reports_each_stage() -> None:
    calls: list[tuple[str, int, int]] = []
    cr.decide(incomparable(10), cr.vacuous(2), progress=lambda *a: calls.append(a))
    stages = list(dict.fromkeys(s for s, _, _ in calls))
    assert stages == ["maximality", "e_admissibility", "minimax_regret"]
    for stage in stages:
        done = [(d, t) for s, d, t in calls if s == stage]
        assert [d for d, _ in done] == list(range(1, done[0][1] + 1))
        assert all(t == done[0][1] for _, t in done)
    seen: list[str] = []
    cr.maximality(incomparable(3), cr.vacuous(2), progress=lambda s, d, t: seen.append(s))
    assert seen and set(seen) == {"maximality"}


def test_progress_can_cancel_and_is_checked() -> None:
    class Stop(Exception):
        pass

    def stop(stage: str, done: int, total: int) -> None:
        raise Stop

    with pytest.raises(Stop):
        cr.minimax_regret(incomparable(5), cr.vacuous(2), progress=stop)
    for rule in (cr.maximality, cr.e_admissibility, cr.minimax_regret, cr.decide):
        with pytest.raises(InvalidArgumentError, match="progress"):
            rule(incomparable(2), cr.vacuous(2), progress="yes")  # type: ignore[operator]


# --------------------------------------------------------------------------------------
# Payoffs beyond the float range
# --------------------------------------------------------------------------------------
#: Unit-size acts for float payoffs near the float maximum: no row sums past it, but
#: differences of acts (a − b = (2, −2, 0)) do.
FLOAT_UNIT = {"a": [1.0, -1.0, 0.0], "b": [-1.0, 1.0, 0.0], "c": [0.0, 0.0, 0.5],
              "d": [1.0, 0.0, -1.0]}

HUGE_SETS = {
    "vacuous": cr.vacuous(3),
    "bounds": cr.CredalSet.from_bounds(["1/10"] * 3, ["1/2"] * 3),
    "previsions": cr.CredalSet.from_lower_previsions([([1, 2, 0], 1), ([0, 1, 1], "1/3")]),
    "tv": cr.tv_ball(["1/3", "1/3", "1/3"], "1/10"),
}


def unit_acts(scale: Any) -> dict[str, list[Any]]:
    return {"a": [2 * scale, 0, scale], "b": [0, 2 * scale, 0], "c": [scale, scale, 0],
            "d": [-scale, scale, scale]}


@contextmanager
def no_warnings() -> Iterator[None]:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        yield


@pytest.mark.parametrize("name", list(HUGE_SETS))
def test_huge_exact_payoffs_give_exact_answers(name: str) -> None:
    """10**400-sized payoffs: every rule exact, equal to the same problem at unit size, and
    every reported value exactly 10**400 times the unit one."""
    S = HUGE_SETS[name]
    unit, huge = unit_acts(1), unit_acts(BIG)
    with no_warnings():
        for rule in ("gamma_maximin", "gamma_maximax", "hurwicz", "interval_dominance",
                     "maximality", "e_admissibility", "minimax_regret"):
            assert getattr(cr, rule)(huge, S) == getattr(cr, rule)(unit, S), rule
        w1, v1 = cr.randomized_maximin(unit, S)
        w2, v2 = cr.randomized_maximin(huge, S)
        assert v2 == v1 * BIG and isinstance(v2, F)
        assert LE(S, sum(w2[d] * vec(f) for d, f in huge.items())) == v2
        r1, r2 = cr.decide(unit, S), cr.decide(huge, S)
    assert r2.choices == r1.choices
    for field in ("lower", "upper", "regret", "bayes_shortfall"):
        assert getattr(r2, field) == {d: v * BIG for d, v in getattr(r1, field).items()}
    assert r2.value == r1.value * BIG
    assert {d: (e, v * BIG) for d, (e, v) in r1.beaten_by.items()} == r2.beaten_by


def test_tiny_exact_payoffs_give_exact_answers() -> None:
    S = HUGE_SETS["previsions"]
    unit = unit_acts(1)
    tiny = {d: [F(x, BIG) for x in f] for d, f in unit.items()}
    r1, r2 = cr.decide(unit, S), cr.decide(tiny, S)
    assert r2.choices == r1.choices
    assert r2.regret == {d: v / BIG for d, v in r1.regret.items()}


@pytest.mark.parametrize("big", [1e300, 1.7e308])
@pytest.mark.parametrize("name", list(HUGE_SETS))
def test_huge_float_payoffs_neither_overflow_nor_warn(name: str, big: float) -> None:
    """Float payoffs near 1e308: differences of acts used to overflow (RuntimeWarning, then
    'must be finite' for finite payoffs) and the margin LP failed near 1e300."""
    S = HUGE_SETS[name].to_float()
    acts = {d: [x * big for x in f] for d, f in FLOAT_UNIT.items()}
    unit = FLOAT_UNIT
    with no_warnings():
        for rule in ("gamma_maximin", "hurwicz", "interval_dominance", "maximality",
                     "e_admissibility", "minimax_regret"):
            assert getattr(cr, rule)(acts, S) == getattr(cr, rule)(unit, S), rule
        w, v = cr.randomized_maximin(acts, S)
        r = cr.decide(acts, S)
    assert math.isfinite(v) and abs(v - cr.randomized_maximin(unit, S)[1] * big) <= 1e-8 * big
    assert r.choices == cr.decide(unit, S).choices
    assert all(math.isfinite(x) for x in r.lower.values())
    assert all(x >= 0 for x in r.regret.values())  # regrets up to 2 * big may be inf


def test_exact_payoffs_beyond_floats_in_a_float_problem() -> None:
    """A float set makes the problem float; exact payoffs too large for a float are scaled
    (exactly) before rounding instead of raising OverflowError."""
    S = cr.vacuous(2).to_float()
    acts: dict[Hashable, Any] = {"a": [BIG, 0], "b": [0, BIG], "c": [BIG // 3, BIG // 3]}
    with no_warnings():
        assert cr.maximality(acts, S) == ["a", "b", "c"]
        assert cr.gamma_maximin(acts, S) == ["c"]
        w, v = cr.randomized_maximin(acts, S)
        r = cr.decide(acts, S)
    assert w == {"a": 0.5, "b": 0.5, "c": 0.0} and v == math.inf  # 10**400 / 2 as a float
    assert r.choices["minimax_regret"] == ["c"]


def test_ddt_with_huge_exact_utilities() -> None:
    E = ["a", "b", "c"]
    belief = cr.CredalSet.from_vertices([["1/2", "1/2", 0], [0, "1/2", "1/2"]], outcomes=E)
    for S in (belief, cr.CredalSet.from_constraints(A_ub=[[1, -1, 0]], b_ub=[0], outcomes=E)):
        with no_warnings():
            P = DDTProblem(S, [BIG, BIG, 0], {"x": ["a", "b"], "y": ["b", "c"]})
            values = P.values()
            choice = P.choose()
        assert choice == ["x"]
        assert values["x"] == BIG  # the face of x holds (1/2, 1/2, 0) only
        # y: (0, 1/2, 1/2) for the points; anything on {b, c} for p_a <= p_b
        assert values["y"] == (F(BIG, 2) if S is belief else 0)


def test_ddt_with_huge_float_utilities() -> None:
    belief = cr.CredalSet.from_vertices([[0.5, 0.5, 0.0], [0.0, 0.5, 0.5]])
    big = 1.7e308
    with no_warnings():
        P = DDTProblem(belief, [big, 0.0, -big], {"x": [0, 1], "y": [1, 2]})
        assert P.values() == {"x": big / 2, "y": -big / 2}
        assert P.choose() == ["x"]


def test_ddt_refuses_exact_utilities_beyond_a_float_belief() -> None:
    with pytest.raises(InvalidArgumentError, match="beyond the float range"):
        DDTProblem(cr.vacuous(2).to_float(), [BIG, 0], {"x": [0]})
    with pytest.raises(InvalidArgumentError, match="beyond the float range"):
        DDTProblem.from_counterfactuals({"x": cr.vacuous(2).to_float()}, [BIG, 0])

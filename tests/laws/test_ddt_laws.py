"""Laws of disambiguative decision theory (DDT) as credal implements it.

The value of a policy π with event E_π under a belief Φ is the face value
V(π) = min_{μ ∈ Φ, μ(E ∖ E_π) = 0} μ·u (``+∞`` for an empty face under ``"nirvana"``).

* A vacuous belief says nothing, so every face is all of Δ(E_π) and V(π) = min_{e ∈ E_π} u(e):
  DDT is maximin over each policy's outcomes, whatever form the vacuous belief is given in.
* A smaller belief has smaller faces, so no policy's value goes down.
* The "reward 1 forever" reading of Nirvana (docs/ddt.md), for u with values in [0, 1],
  W(π) = min_{μ ∈ Φ} μ(1_{E_π} u) + μ(E ∖ E_π), is never above V(π), and equals it on
  policy-labelled problems.

Exact problems are compared with ``==``. Float problems draw their utilities on a grid of
quarters (the exact strategy's values, converted), so that values are either tied exactly
or at least 1/4 apart and the expected choice does not depend on a tie tolerance; values
are compared within a tolerance scaled to the utility's range.
"""

from __future__ import annotations

import math
from fractions import Fraction
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import credal as cr
from credal.strategies import credal_sets, distributions, gambles

from ._support import BASE, EXACTNESS, ex

#: Relative float tolerance (documented LP accuracy about 1e-9 × range).
REL = 1e-9
VACUOUS_FORMS = ["vertices", "constraints", "tv_ball"]


def _vacuous(n: int, form: str, exact: bool) -> cr.CredalSet:
    """The whole simplex over outcomes 0..n−1, in the requested form."""
    if form == "vertices":
        S = cr.vacuous(n)
    elif form == "constraints":
        S = cr.CredalSet.from_bounds([0] * n, [1] * n)
    else:  # a TV ball of radius 1 is the whole simplex
        S = cr.tv_ball([Fraction(1, n)] * n, 1)
    assert S.form == form
    return S if exact else S.to_float()


@st.composite
def _policies(draw: st.DrawFn, n: int) -> dict[str, list[int]]:
    """1..4 policies, each with a nonempty event (a subset of 0..n−1, drawn as a mask)."""
    k = draw(st.integers(1, 4), label="n_policies")
    out: dict[str, list[int]] = {}
    for j in range(k):
        mask = draw(st.lists(st.booleans(), min_size=n, max_size=n), label=f"mask {j}")
        first = draw(st.integers(0, n - 1), label=f"sure outcome {j}")
        mask[first] = True  # never empty
        out[f"π{j}"] = [i for i in range(n) if mask[i]]
    return out


def _utility(data: st.DataObject, n: int, exact: bool, lo: int = -10,
             hi: int = 10) -> np.ndarray:
    u = data.draw(gambles(n, min_value=lo, max_value=hi, exact=True), label="utility")
    return u if exact else np.array([float(v) for v in u])


def _tol(u: Any, exact: bool) -> Any:
    """0 (an int, so exact comparisons stay exact) or REL × (1 + max |u|)."""
    return 0 if exact else REL * (1.0 + float(np.max(np.abs(np.asarray(u, dtype=float)))))


def _same(a: Any, b: Any, exact: bool, tol: float) -> bool:
    return bool(a == b) if exact else bool(abs(a - b) <= tol)


@pytest.mark.parametrize("form", VACUOUS_FORMS)
@pytest.mark.parametrize("exact", EXACTNESS)
@settings(BASE, max_examples=ex(40))
@given(data=st.data())
def test_vacuous_belief_gives_maximin(data: st.DataObject, exact: bool, form: str) -> None:
    n = data.draw(st.integers(1, 5), label="n_outcomes")
    u = _utility(data, n, exact)
    policies = data.draw(_policies(n), label="policies")
    P = cr.DDTProblem(_vacuous(n, form, exact), u, policies)
    assert P.is_exact == exact
    tol = _tol(u, exact)
    worst = {pi: min(u[i] for i in ev) for pi, ev in policies.items()}
    values = P.values()
    assert list(values) == list(policies)
    for pi in policies:
        assert _same(values[pi], worst[pi], exact, tol), (pi, values[pi], worst[pi])
    # The choice is the maximin policy (every one of them, in input order). Utilities on a
    # grid of quarters: the maxima are exact ties or 1/4 apart, far beyond any tolerance.
    best = max(worst.values())
    assert P.choose() == [pi for pi in policies if worst[pi] == best]
    # Each face is the simplex on E_π: its lower expectation of any gamble is its minimum.
    for pi, ev in policies.items():
        face = P.disambiguate(pi)
        assert face is not None
        g = data.draw(gambles(n, exact=True), label="probe gamble")
        g = g if exact else np.array([float(v) for v in g])
        assert _same(cr.lower_expectation(face, g), min(g[i] for i in ev), exact, _tol(g, exact))


@pytest.mark.parametrize("exact", EXACTNESS)
@settings(BASE, max_examples=ex(30))
@given(data=st.data())
def test_a_smaller_belief_never_lowers_a_value(data: st.DataObject, exact: bool) -> None:
    """Φ' ⊆ Φ gives Φ'_π ⊆ Φ_π, so V'(π) >= V(π) (an empty face is worth +∞)."""
    n = data.draw(st.integers(1, 5), label="n_outcomes")
    k = data.draw(st.integers(1, 5), label="n_points")
    points = [data.draw(distributions(n, exact=exact), label=f"point {j}") for j in range(k)]
    keep = data.draw(st.lists(st.booleans(), min_size=k, max_size=k), label="kept points")
    keep[data.draw(st.integers(0, k - 1), label="sure point")] = True
    big = cr.CredalSet.from_vertices(points)
    small = cr.CredalSet.from_vertices([p for p, m in zip(points, keep, strict=True) if m])
    u = _utility(data, n, exact)
    policies = data.draw(_policies(n), label="policies")
    V = cr.DDTProblem(big, u, policies).values()
    V_small = cr.DDTProblem(small, u, policies).values()
    tol = _tol(u, exact)
    for pi in policies:
        assert V_small[pi] >= V[pi] - tol, (pi, V_small[pi], V[pi])


def _reward_one(belief: cr.CredalSet, utility: Any, event: Any) -> Any:
    """W(π): the worst case over the whole belief of u on the event and 1 outside it."""
    inside = set(event)
    gamble = [v if e in inside else 1 for e, v in zip(belief.outcomes, utility, strict=True)]
    return cr.lower_expectation(belief, gamble)


@settings(BASE, max_examples=ex(30))
@given(data=st.data())
def test_reward_one_reading_is_never_above_the_face_value(data: st.DataObject) -> None:
    n = data.draw(st.integers(1, 5), label="n_outcomes")
    belief = data.draw(credal_sets(n, exact=True), label="belief")
    u = data.draw(gambles(n, min_value=0, max_value=1, exact=True), label="utility in [0, 1]")
    policies = data.draw(_policies(n), label="policies")
    P = cr.DDTProblem(belief, u, policies)
    for pi, v in P.values().items():
        w = _reward_one(belief, P.utility, P.policies[pi])
        assert 0 <= w <= 1
        assert w <= v
        if v == math.inf:  # an empty face: every point of Φ has mass outside E_π
            assert P.disambiguate(pi) is None


@settings(BASE, max_examples=ex(20))
@given(data=st.data())
def test_reward_one_reading_agrees_on_labelled_problems(data: st.DataObject) -> None:
    n_world = data.draw(st.integers(1, 3), label="n_world")
    k = data.draw(st.integers(1, 3), label="n_policies")
    Q = {f"π{j}": data.draw(credal_sets(n_world, exact=True), label=f"Q(π{j})")
         for j in range(k)}
    u = data.draw(gambles(n_world, min_value=0, max_value=1, exact=True),
                  label="utility in [0, 1]")
    L = cr.DDTProblem.from_counterfactuals(Q, u)
    for pi, v in L.values().items():
        assert v == cr.lower_expectation(Q[pi], u)
        assert _reward_one(L.belief, L.utility, L.policies[pi]) == v


def test_reward_one_reading_differs_when_a_point_straddles_the_event() -> None:
    """The worked example of docs/ddt.md: Φ = conv{9/10 a + 1/10 b, c}, u = (0, 1, 2/5)."""
    E = ["a", "b", "c"]
    Phi = cr.CredalSet.from_vertices([["9/10", "1/10", 0], [0, 0, 1]], outcomes=E)
    u = [0, 1, Fraction(2, 5)]
    events = {"x": ["a", "c"], "y": ["b", "c"]}
    P = cr.DDTProblem(Phi, u, events)
    assert P.values() == {"x": Fraction(2, 5), "y": Fraction(2, 5)}
    assert P.choose() == ["x", "y"]
    W = {pi: _reward_one(Phi, P.utility, ev) for pi, ev in events.items()}
    assert W == {"x": Fraction(1, 10), "y": Fraction(2, 5)}
    assert max(W, key=W.__getitem__) == "y"

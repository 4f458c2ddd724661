"""Laws of :mod:`credal.learning` (issue 18): hypothesis classes, regret, policy search,
and the agents' elimination of hypotheses.

The classes are drawn on a shared skeleton: one small supra-MDP (2..3 states, 1..2
actions per state, state 0 with two) from :func:`credal.strategies.supra_mdps` or
:func:`credal.strategies.interval_mdps`, then every hypothesis keeps or redraws each
transition set and each reward of the skeleton, so all hypotheses share states and
actions and differ where it matters. Everything is exact (Fractions compared with
``==``); a model has at most 8 stationary deterministic policies, so every policy search
is checked against brute force over :meth:`HypothesisClass.policies`, with the values
recomputed straight from :meth:`SupraMDP.evaluate` and :meth:`SupraMDP.solve`.

The objectives are a discount in {1/2, 2/3, 3/4, 9/10} (infinite horizon), a finite
horizon 1..4 (undiscounted), or both.

The laws:

1. ``R_h(pi) = V*_h - V^pi_h >= 0`` for every hypothesis and every stationary policy;
2. ``uniform >= upper credal >= lower credal >= min_h R_h >= 0`` for a credal prior, with
   the two bounds the extremes of the expected regret over the prior's vertices; a
   precise prior as a one-point credal set gives ``lower == upper ==`` the Bayesian
   regret of the same weights as a mapping; the vacuous prior gives ``(min_h R_h,
   uniform)``;
3. ``maximin_policy`` and ``minimax_regret_policy`` agree with brute force (value, the
   policy attains it, ties to the first policy); minimax regret <= the uniform regret of
   the maximin policy; with one hypothesis and an objective where stationary policies
   are optimal (a discount, or a horizon of 1) the maximin value is the robust optimal
   value and the minimax regret 0 (a longer finite horizon may need a time-indexed
   policy: :func:`test_finite_horizon_can_need_a_time_indexed_policy`);
4. ``restrict``: the sub-class's regrets are the sub-dict of the class's; a precise prior
   is renormalised (refused on weight 0); a credal prior is conditioned by the regular
   extension (the hull of the conditioned prior vertices giving the names positive mass);
5. a hypothesis consistent with every observation is never eliminated by the robust,
   optimistic and posterior-sampling agents (run in one hypothesis of the class, nature
   random), and a hypothesis is eliminated exactly when an observation refutes it; the
   agent's next plan is its rule applied to the surviving hypotheses;
6. bad input is refused with :class:`~credal.errors.InvalidArgumentError`.

A failing example is printed as Python source (``note``), runnable after
``import credal as cr``, ``from credal import *`` and ``from fractions import Fraction``.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from fractions import Fraction
from typing import Any

import pytest
from hypothesis import event, given, note, settings
from hypothesis import strategies as st

import credal as cr
from credal.errors import InvalidArgumentError
from credal.learning import HypothesisClass
from credal.strategies import credal_sets, distributions, interval_mdps, supra_mdps

from ._support import BASE, ex

NAMES = ("h0", "h1", "h2")
DISCOUNTS = ("1/2", "2/3", "3/4", "9/10")


# ---------------------------------------------------------------------- strategies
def _sets(n: int) -> st.SearchStrategy[cr.CredalSet]:
    """Transition sets over the states 0..n-1: precise, or any credal set of the strategy
    (exact distributions often have zeros, so some successors are impossible)."""
    return st.one_of(distributions(n, exact=True).map(cr.precise),
                     credal_sets(n, exact=True))


def _reward(draw: Any) -> Fraction:
    return Fraction(draw(st.integers(-4, 4)), 2)


@st.composite
def skeletons(draw: Any) -> cr.mdp.SupraMDP:
    """A supra-MDP with 2..3 states and 1..2 actions per state, two in state 0."""
    M = draw(st.one_of(supra_mdps(states=(2, 3), actions=(1, 2), sets=_sets),
                       interval_mdps(states=(2, 3), actions=(1, 2))), label="skeleton")
    if len(M.actions(M.states[0])) == 1:  # give state 0 a second action
        T = {s: dict(M.transitions[s]) for s in M.states}
        R = {s: dict(M.rewards[s]) for s in M.states}
        s0 = M.states[0]
        extra = "b" if "b" not in T[s0] else "c"
        T[s0][extra] = draw(_sets(len(M.states)), label="extra set")
        R[s0][extra] = _reward(draw)
        M = cr.mdp.SupraMDP(T, rewards=R)
    return M


@st.composite
def classes(draw: Any, n_hyp: tuple[int, int] = (1, 3)) -> HypothesisClass:
    """A class of 1..3 hypotheses named ``h0, h1, ...`` on one drawn skeleton: each keeps
    or redraws each transition set and each reward (shrinking towards "keep")."""
    M = draw(skeletons())
    n = len(M.states)
    k = draw(st.integers(*n_hyp), label="hypotheses")
    hyps = {}
    for name in NAMES[:k]:
        T: dict[Hashable, dict[Hashable, cr.CredalSet]] = {}
        R: dict[Hashable, dict[Hashable, Any]] = {}
        for s in M.states:
            T[s], R[s] = {}, {}
            for a in M.actions(s):
                new_set = draw(st.booleans(), label=f"{name} redraws T({s}, {a})")
                T[s][a] = draw(_sets(n)) if new_set else M.transitions[s][a]
                new_reward = draw(st.booleans(), label=f"{name} redraws r({s}, {a})")
                R[s][a] = _reward(draw) if new_reward else M.reward(s, a)
        hyps[name] = cr.mdp.SupraMDP(T, rewards=R)
    return HypothesisClass(hyps)


@st.composite
def objectives(draw: Any) -> dict[str, Any]:
    """``discount`` (infinite horizon), ``horizon`` (undiscounted) or both."""
    kind = draw(st.sampled_from(["discount", "horizon", "both"]), label="objective")
    out: dict[str, Any] = {}
    if kind != "horizon":
        out["discount"] = Fraction(draw(st.sampled_from(DISCOUNTS), label="discount"))
    if kind != "discount":
        out["horizon"] = draw(st.integers(1, 4), label="horizon")
    return out


@st.composite
def weights(draw: Any, names: tuple[Hashable, ...]) -> dict[Hashable, Fraction]:
    """A precise prior over the names, a name of weight 0 about one time in four."""
    w = [draw(st.integers(0, 3), label=f"weight of {n}") for n in names]
    w[draw(st.integers(0, len(names) - 1), label="a positive weight")] += 1
    return {n: Fraction(v, sum(w)) for n, v in zip(names, w, strict=True)}


@st.composite
def credal_priors(draw: Any, names: tuple[Hashable, ...]) -> cr.CredalSet:
    """A credal set over the names, its outcomes in a drawn order: a relabelled drawn set
    (any form, as its vertices), one giving some names upper probability 0, bounds around
    a distribution, precise, or vacuous."""
    order = list(draw(st.permutations(names), label="prior outcome order"))
    k = len(names)
    kind = draw(st.sampled_from(["set", "face", "bounds", "precise", "vacuous"]),
                label="prior kind")
    if kind == "vacuous":
        return cr.vacuous(order)
    if kind == "set":
        S = draw(credal_sets(k, exact=True), label="prior set")
        return cr.CredalSet.from_vertices(S.vertices, outcomes=order)
    if kind == "face":  # a set over the first m names of the order, 0 on the others
        m = draw(st.integers(1, k), label="names of positive upper probability")
        S = draw(credal_sets(m, exact=True), label="prior set")
        rows = [[*row, *[Fraction(0)] * (k - m)] for row in S.vertices]
        return cr.CredalSet.from_vertices(rows, outcomes=order)
    p = draw(distributions(k, exact=True), label="prior centre")
    if kind == "precise":
        return cr.precise(p, outcomes=order)
    lo = [max(Fraction(0), q - Fraction(draw(st.integers(0, 4)), 8)) for q in p]
    up = [min(Fraction(1), q + Fraction(draw(st.integers(0, 4)), 8)) for q in p]
    return cr.CredalSet.from_bounds(lo, up, outcomes=order)


def source(K: HypothesisClass) -> str:
    """Python source rebuilding ``K`` (for hypothesis's note of a failing example)."""
    parts = []
    for name, M in K.hypotheses.items():
        T = ", ".join(
            f"{s!r}: {{" + ", ".join(f"{a!r}: {M.transitions[s][a]!r}" for a in M.actions(s))
            + "}" for s in M.states)
        R = ", ".join(
            f"{s!r}: {{" + ", ".join(f"{a!r}: '{M.reward(s, a)}'" for a in M.actions(s))
            + "}" for s in M.states)
        parts.append(f"{name!r}: cr.mdp.SupraMDP({{{T}}}, rewards={{{R}}})")
    prior = K.prior
    shown = (repr(dict(prior)) if isinstance(prior, Mapping) else repr(prior))
    return f"K = cr.learning.HypothesisClass({{{', '.join(parts)}}}, prior={shown})"


def _draw_problem(data: Any, n_hyp: tuple[int, int] = (1, 3)
                  ) -> tuple[HypothesisClass, Hashable, dict[str, Any]]:
    K = data.draw(classes(n_hyp), label="K")
    start = data.draw(st.sampled_from(K.states), label="start")
    obj = data.draw(objectives(), label="objective")
    note(source(K))
    note(f"start={start!r}, objective={obj!r}")
    return K, start, obj


def _value(M: cr.mdp.SupraMDP, policy: Mapping[Hashable, Hashable], start: Hashable,
           obj: dict[str, Any]) -> Fraction:
    """``V^policy(start)`` straight from the model (not through the class's cache)."""
    v = M.evaluate(policy, **obj).values[start]
    assert type(v) is Fraction
    return v


def _optimal(M: cr.mdp.SupraMDP, start: Hashable, obj: dict[str, Any]) -> Fraction:
    v = M.solve(**obj).values[start]
    assert type(v) is Fraction
    return v


def _expectations(prior: cr.CredalSet, R: Mapping[Hashable, Fraction]) -> list[Fraction]:
    """The expected regret at every vertex of the prior."""
    outcomes = list(prior.outcomes)
    return [sum((Fraction(w) * R[n] for w, n in zip(row, outcomes, strict=True)),
                Fraction(0)) for row in prior.vertices]


# ---------------------------------------------------------------------- law 1
@settings(BASE, max_examples=ex(40))
@given(st.data())
def test_regret_is_nonnegative_for_every_hypothesis_and_policy(data: st.DataObject) -> None:
    K, start, obj = _draw_problem(data)
    best = {n: _optimal(K.hypotheses[n], start, obj) for n in K.names}
    assert K.optimal_values(start=start, **obj) == best
    n_seen, positive = 0, False
    for policy in K.policies():
        n_seen += 1
        R = K.regret(policy, start=start, **obj)
        assert tuple(R) == K.names
        V = K.values(policy, start=start, **obj)
        for n in K.names:
            assert type(R[n]) is Fraction
            assert V[n] == _value(K.hypotheses[n], policy, start, obj)
            assert R[n] == best[n] - V[n]
            assert R[n] >= 0, f"negative regret {R[n]} of {policy} in {n}"
        assert K.uniform_regret(policy, start=start, **obj) == max(R.values())
        positive = positive or max(R.values()) > 0
    assert n_seen == K.n_policies()
    event(f"some policy has positive regret: {positive}")


# ---------------------------------------------------------------------- law 2
@settings(BASE, max_examples=ex(40))
@given(st.data())
def test_credal_regret_lies_between_the_smallest_and_the_uniform_regret(
        data: st.DataObject) -> None:
    K0, start, obj = _draw_problem(data)
    prior = data.draw(credal_priors(K0.names), label="prior")
    note(f"prior={prior!r}")
    K = HypothesisClass(K0.hypotheses, prior=prior)
    for policy in K.policies():
        R = K.regret(policy, start=start, **obj)
        lo, up = K.bayesian_regret(policy, start=start, **obj)
        assert type(lo) is Fraction and type(up) is Fraction
        uniform = K.uniform_regret(policy, start=start, **obj)
        assert 0 <= min(R.values()) <= lo <= up <= uniform == max(R.values())
        # the bounds are the extremes over the prior's vertices (a linear function of w)
        at = _expectations(prior, R)
        assert (lo, up) == (min(at), max(at))


@settings(BASE, max_examples=ex(30))
@given(st.data())
def test_precise_and_vacuous_priors_are_the_extreme_credal_priors(
        data: st.DataObject) -> None:
    K0, start, obj = _draw_problem(data)
    names = K0.names
    w = data.draw(weights(names), label="weights")
    order = data.draw(st.permutations(range(len(names))), label="outcome order")
    mapped = HypothesisClass(K0.hypotheses, prior={n: str(v) for n, v in w.items()})
    point = HypothesisClass(K0.hypotheses, prior=cr.precise(
        [w[names[i]] for i in order], outcomes=[names[i] for i in order]))
    vac = HypothesisClass(K0.hypotheses, prior=cr.vacuous([names[i] for i in order]))
    for policy in K0.policies():
        R = K0.regret(policy, start=start, **obj)
        bayes = mapped.bayesian_regret(policy, start=start, **obj)
        assert type(bayes) is Fraction
        assert bayes == sum((w[n] * R[n] for n in names), Fraction(0))
        assert point.bayesian_regret(policy, start=start, **obj) == (bayes, bayes)
        assert vac.bayesian_regret(policy, start=start, **obj) == \
            (min(R.values()), K0.uniform_regret(policy, start=start, **obj))


# ---------------------------------------------------------------------- law 3
@settings(BASE, max_examples=ex(40))
@given(st.data())
def test_policy_search_agrees_with_brute_force(data: st.DataObject) -> None:
    K, start, obj = _draw_problem(data)
    policies = list(K.policies())
    assert len(policies) == K.n_policies() == len({tuple(p.items()) for p in policies})
    best = {n: _optimal(K.hypotheses[n], start, obj) for n in K.names}
    values = [{n: _value(K.hypotheses[n], p, start, obj) for n in K.names}
              for p in policies]
    worst = [min(v.values()) for v in values]
    regrets = [max(best[n] - v[n] for n in K.names) for v in values]

    pol, value = K.maximin_policy(start=start, **obj)
    assert type(value) is Fraction
    assert value == max(worst)
    assert min(_value(K.hypotheses[n], pol, start, obj) for n in K.names) == value
    assert pol == policies[worst.index(value)]  # ties go to the first policy

    rpol, regret = K.minimax_regret_policy(start=start, **obj)
    assert type(regret) is Fraction
    assert regret == min(regrets) >= 0
    assert K.uniform_regret(rpol, start=start, **obj) == regret
    assert rpol == policies[regrets.index(regret)]
    assert regret <= K.uniform_regret(pol, start=start, **obj)
    event(f"minimax regret positive: {regret > 0}; maximin ties: {worst.count(value)}")


@settings(BASE, max_examples=ex(30))
@given(st.data())
def test_one_hypothesis_search_finds_the_robust_optimum(data: st.DataObject) -> None:
    K, start, obj = _draw_problem(data, n_hyp=(1, 1))
    (name,) = K.names
    M = K.hypotheses[name]
    best = _optimal(M, start, obj)
    pol, value = K.maximin_policy(start=start, **obj)
    rpol, regret = K.minimax_regret_policy(start=start, **obj)
    assert regret == best - value >= 0
    opt_pol, opt_value = K.optimal_policy(name, start=start, **obj)
    assert opt_value == best
    if "horizon" not in obj or obj["horizon"] == 1:
        # stationary deterministic policies are optimal: the search reaches V*
        assert value == best
        assert regret == 0
        assert _value(M, opt_pol, start, obj) == best
    else:  # a stationary policy may fall short of the time-indexed optimum
        assert value <= best
        assert _value(M, opt_pol, start, obj) <= best


def test_finite_horizon_can_need_a_time_indexed_policy() -> None:
    # s: "greedy" pays 1 and stays, "invest" pays 0 and goes to t; t pays 10 back to s.
    # Three steps from s: invest, collect, greedy = 11; the best stationary policy gets 10.
    states = ["s", "t"]
    to_s, to_t = cr.precise([1, 0], outcomes=states), cr.precise([0, 1], outcomes=states)
    M = cr.mdp.SupraMDP({"s": {"greedy": to_s, "invest": to_t}, "t": {"collect": to_s}},
                        rewards={"s": {"greedy": 1, "invest": 0}, "t": {"collect": 10}})
    K = HypothesisClass({"h": M})
    assert K.optimal_values(start="s", horizon=3) == {"h": 11}
    assert K.maximin_policy(start="s", horizon=3) == ({"s": "invest", "t": "collect"}, 10)
    assert K.minimax_regret_policy(start="s", horizon=3) == \
        ({"s": "invest", "t": "collect"}, 1)
    # discounted, a stationary policy is optimal: regret 0
    assert K.minimax_regret_policy(start="s", discount="1/2")[1] == 0


# ---------------------------------------------------------------------- law 4
@settings(BASE, max_examples=ex(40))
@given(st.data())
def test_restrict_keeps_the_regrets_and_renormalises_the_prior(data: st.DataObject) -> None:
    K0, start, obj = _draw_problem(data, n_hyp=(2, 3))
    names = K0.names
    # weights with zeros now and then, so that some sub-classes have weight 0
    K = HypothesisClass(K0.hypotheses, prior=data.draw(weights(names), label="prior"))
    keep = data.draw(st.lists(st.sampled_from(names), min_size=1, unique=True), label="keep")
    total = sum((K.prior[n] for n in keep), Fraction(0))
    event(f"prior weight of the sub-class is 0: {total == 0}")
    if total == 0:
        with pytest.raises(InvalidArgumentError, match="prior weight 0"):
            K.restrict(keep)
        sub = K0.restrict(keep)  # no prior: always defined
        assert sub.prior is None
    else:
        sub = K.restrict(keep)
        assert dict(sub.prior) == {n: K.prior[n] / total for n in names if n in keep}
    assert sub.names == tuple(n for n in names if n in keep)
    assert sub.states == K.states
    assert all(sub.actions(s) == K.actions(s) for s in K.states)
    for policy in K.policies():
        R = K.regret(policy, start=start, **obj)
        assert sub.regret(policy, start=start, **obj) == {n: R[n] for n in sub.names}
        if sub.prior is not None:
            assert sub.bayesian_regret(policy, start=start, **obj) == \
                sum((sub.prior[n] * R[n] for n in sub.names), Fraction(0))


@settings(BASE, max_examples=ex(40))
@given(st.data())
def test_restrict_conditions_a_credal_prior_by_the_regular_extension(
        data: st.DataObject) -> None:
    K0, start, obj = _draw_problem(data, n_hyp=(2, 3))
    prior = data.draw(credal_priors(K0.names), label="prior")
    note(f"prior={prior!r}")
    K = HypothesisClass(K0.hypotheses, prior=prior)
    keep = data.draw(st.lists(st.sampled_from(K.names), min_size=1, unique=True),
                     label="keep")
    outcomes = list(prior.outcomes)
    mass = [sum((Fraction(row[outcomes.index(n)]) for n in keep), Fraction(0))
            for row in prior.vertices]
    if max(mass) == 0:
        # no prior gives the names positive weight: refused, naming them
        with pytest.raises(InvalidArgumentError, match="upper prior probability 0"):
            K.restrict(keep)
        event("names of upper prior probability 0")
        return
    sub = K.restrict(keep)
    assert isinstance(sub.prior, cr.CredalSet)
    assert set(sub.prior.outcomes) == set(keep)
    # the regular extension: the hull of the conditioned vertices with positive mass
    conditioned = [{n: Fraction(row[outcomes.index(n)]) / m for n in keep}
                   for row, m in zip(prior.vertices, mass, strict=True) if m > 0]
    for policy in K.policies():
        R = K.regret(policy, start=start, **obj)
        at = [sum((q[n] * R[n] for n in keep), Fraction(0)) for q in conditioned]
        assert sub.bayesian_regret(policy, start=start, **obj) == (min(at), max(at))


# ---------------------------------------------------------------------- law 5
AGENTS = ("RobustAgent", "OptimisticAgent", "PosteriorSamplingAgent")


@settings(BASE, max_examples=ex(40))
@given(st.data())
def test_the_true_hypothesis_is_never_eliminated(data: st.DataObject) -> None:
    K0, start, _ = _draw_problem(data, n_hyp=(2, 3))
    true = data.draw(st.sampled_from(K0.names), label="true")
    kind = data.draw(st.sampled_from(AGENTS), label="agent")
    plan = {"discount": None, **data.draw(objectives(), label="agent's objective")}
    seed = data.draw(st.integers(0, 2**16), label="seed")
    steps = data.draw(st.integers(1, 8), label="steps")
    K = K0
    if kind == "PosteriorSamplingAgent":  # a precise prior, positive on the truth
        w = data.draw(weights(K0.names), label="weights")
        w[true] += 1
        K = HypothesisClass(K0.hypotheses, prior={n: v / 2 for n, v in w.items()})
    note(f"true={true!r}, agent={kind}, plan={plan!r}, seed={seed}, steps={steps}, "
         f"prior={K.prior!r}")
    agent = getattr(cr.learning, kind)(K, **plan)
    env = cr.learning.Environment(K.hypotheses[true], nature="random")
    traj = cr.learning.run(agent, env, steps, start=start, seed=seed)
    observed = list(zip(traj.states[:-1], traj.actions, traj.rewards, traj.states[1:],
                        strict=True))
    for step in observed:  # the run's observations come from the true hypothesis
        assert K.is_consistent(true, *step)
    consistent = tuple(agent.consistent)
    assert true in consistent and not agent.exhausted
    for name in K.names:
        refuted = any(not K.is_consistent(name, *step) for step in observed)
        if kind == "PosteriorSamplingAgent" and K.prior[name] == 0:
            assert name not in consistent  # never in play
            continue
        assert (name not in consistent) == refuted, \
            f"{name}: eliminated={name not in consistent}, refuted by an observation={refuted}"
    event(f"eliminated {len(agent.eliminated)} of {len(K.names)}")
    assert agent.eliminated == tuple(n for n in K.names if n not in consistent)
    # the next plan is the agent's rule applied to the surviving hypotheses
    s = traj.states[-1]
    action = agent.act(s)
    assert action == agent.policy[s]
    if kind == "RobustAgent":
        pol, value = K.restrict(consistent).maximin_policy(start=s, **plan)
        assert (agent.policy, agent.value) == (pol, value)
    elif kind == "OptimisticAgent":
        best = {n: K.optimal_policy(n, start=s, **plan) for n in consistent}
        assert agent.value == max(v for _, v in best.values())
        assert agent.hypothesis in consistent
        assert best[agent.hypothesis] == (agent.policy, agent.value)
    else:
        assert agent.hypothesis in consistent


# ---------------------------------------------------------------------- law 6
@settings(BASE, max_examples=ex(20))
@given(st.data())
def test_bad_priors_and_names_are_refused(data: st.DataObject) -> None:
    K0 = data.draw(classes((2, 3)), label="K")
    names = K0.names
    w = data.draw(distributions(len(names), exact=True), label="weights")
    good = dict(zip(names, w, strict=True))
    kind = data.draw(st.sampled_from(["sum", "negative", "missing", "unknown", "set",
                                      "type"]), label="kind")
    if kind == "sum":
        bad: Any = {n: v * 2 for n, v in good.items()}
    elif kind == "negative":
        bad = {n: (v if i else v - 2) for i, (n, v) in enumerate(good.items())}
        bad[names[1]] += 2  # sums to 1, one weight <= -1
    elif kind == "missing":
        bad = {n: v for n, v in good.items() if n != names[-1]}
    elif kind == "unknown":
        bad = {**good, "nobody": 0}
    elif kind == "set":
        bad = cr.vacuous([*names, "nobody"])
    else:
        bad = list(w)
    with pytest.raises(InvalidArgumentError, match="prior"):
        HypothesisClass(K0.hypotheses, prior=bad)
    with pytest.raises(InvalidArgumentError, match="nobody"):
        K0.restrict(["nobody"])
    with pytest.raises(InvalidArgumentError, match="nobody"):
        K0.is_consistent("nobody", K0.states[0], K0.actions(K0.states[0])[0], 0,
                         K0.states[0])
    with pytest.raises(InvalidArgumentError, match="start"):
        K0.maximin_policy(start="nowhere", discount="1/2")


def test_restrict_to_names_of_upper_prior_probability_zero() -> None:
    M = cr.mdp.SupraMDP({"s": {"a": cr.precise([1], outcomes=["s"])}})
    K = HypothesisClass({"g": M, "b": M}, prior=cr.precise([1, 0], outcomes=["g", "b"]))
    with pytest.raises(InvalidArgumentError, match="names"):
        K.restrict(["b"])


@pytest.mark.parametrize("reward", [0, 1])
def test_is_consistent_refuses_an_unknown_next_state(reward: int) -> None:
    T = cr.precise([1, 0], outcomes=["a", "b"])
    M = cr.mdp.SupraMDP({"a": {"x": T}, "b": {"x": T}}, rewards={"a": {"x": 1}})
    K = HypothesisClass({"h": M})
    with pytest.raises(InvalidArgumentError, match="next_state"):
        K.is_consistent("h", "a", "x", reward, "zz")

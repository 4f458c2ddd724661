"""credal.learning: hypothesis classes, regret in three senses, policy search (exact)."""

from __future__ import annotations

from fractions import Fraction as F

import pytest

import credal as cr
from credal.errors import InvalidArgumentError

STAY = {"s": cr.precise([1], outcomes=["s"])}


def arm(p: str) -> cr.mdp.SupraMDP:
    """One state; "go" pays p (an expected reward), "stop" pays 1/2."""
    return cr.mdp.SupraMDP({"s": {"go": STAY["s"], "stop": STAY["s"]}},
                           rewards={"s": {"go": p, "stop": "1/2"}})


def bandit() -> cr.learning.HypothesisClass:
    return cr.learning.HypothesisClass({"good": arm("3/4"), "bad": arm("1/4")})


def test_regret_known_answers() -> None:
    K = bandit()
    assert K.regret({"s": "go"}, start="s", horizon=4) == {"good": 0, "bad": 1}
    assert K.regret({"s": "stop"}, start="s", horizon=4) == {"good": 1, "bad": 0}
    # discounted: values are reward / (1 - 1/2)
    assert K.regret({"s": "go"}, start="s", discount="1/2") == {"good": 0, "bad": F(1, 2)}
    assert K.uniform_regret({"s": "go"}, start="s", horizon=4) == 1
    assert K.values({"s": "go"}, start="s", horizon=2) == {"good": F(3, 2), "bad": F(1, 2)}
    assert K.optimal_values(start="s", horizon=2) == {"good": F(3, 2), "bad": 1}
    assert K.optimal_policy("bad", start="s", horizon=2) == ({"s": "stop"}, 1)


def test_policy_search() -> None:
    K = bandit()
    assert K.n_policies() == 2
    assert K.maximin_policy(start="s", horizon=4) == ({"s": "stop"}, 2)
    # regrets: go -> max(0, 1) = 1, stop -> max(1, 0) = 1: a tie, the first policy
    assert K.minimax_regret_policy(start="s", horizon=4) == ({"s": "go"}, 1)
    seen: list[tuple[str, int, int]] = []
    K.maximin_policy(start="s", horizon=1, progress=lambda *a: seen.append(a))
    assert seen[-1] == ("policies", 2, 2)


def test_two_state_search_prunes_but_agrees_with_brute_force() -> None:
    states = ["a", "b"]

    def model(stay_b: str) -> cr.mdp.SupraMDP:
        to_b = cr.precise([0, 1], outcomes=states)
        to_a = cr.precise([1, 0], outcomes=states)
        mix = cr.CredalSet.from_bounds([0, stay_b], [1, 1], outcomes=states)
        return cr.mdp.SupraMDP({"a": {"x": to_b, "y": to_a}, "b": {"x": mix, "y": to_a}},
                               rewards={"a": {"x": 0, "y": "1/3"}, "b": {"x": 1, "y": 0}})

    K = cr.learning.HypothesisClass({"sticky": model("3/4"), "loose": model("0")})
    for kw in ({"horizon": 5}, {"discount": "9/10"}):
        best, value = K.maximin_policy(start="a", **kw)
        brute = max(min(K.values(p, start="a", **kw).values()) for p in K.policies())
        assert value == brute and min(K.values(best, start="a", **kw).values()) == value
        best, regret = K.minimax_regret_policy(start="a", **kw)
        brute = min(K.uniform_regret(p, start="a", **kw) for p in K.policies())
        assert regret == brute == K.uniform_regret(best, start="a", **kw)


def test_bayesian_and_credal_regret() -> None:
    models = {"good": arm("3/4"), "bad": arm("1/4")}
    precise = cr.learning.HypothesisClass(models, prior={"good": "1/3", "bad": "2/3"})
    # regret of "go" over 3 steps: 0 under good, 3/2 - 3/4 = 3/4 under bad
    assert precise.regret({"s": "go"}, start="s", horizon=3) == {"good": 0, "bad": F(3, 4)}
    assert precise.bayesian_regret({"s": "go"}, start="s", horizon=3) == F(1, 2)
    # a precise prior as a credal set: lower = upper = the Bayesian regret
    point = cr.precise(["1/3", "2/3"], outcomes=["good", "bad"])
    K = cr.learning.HypothesisClass(models, prior=point)
    assert K.bayesian_regret({"s": "go"}, start="s", horizon=3) == (F(1, 2), F(1, 2))
    # the vacuous prior: upper = uniform regret, lower = the smallest regret
    K = cr.learning.HypothesisClass(models, prior=cr.vacuous(["bad", "good"]))
    lo, up = K.bayesian_regret({"s": "go"}, start="s", horizon=3)
    assert (lo, up) == (0, K.uniform_regret({"s": "go"}, start="s", horizon=3)) == (0, F(3, 4))
    # an interval prior on "good"
    K = cr.learning.HypothesisClass(models, prior=cr.CredalSet.from_bounds(
        {"good": "1/4"}, {"good": "1/2"}, outcomes=["good", "bad"]))
    assert K.bayesian_regret({"s": "go"}, start="s", horizon=3) == (F(3, 8), F(9, 16))


def test_restrict_and_consistency() -> None:
    models = {"good": arm("3/4"), "bad": arm("1/4"), "odd": arm("1/2")}
    K = cr.learning.HypothesisClass(models, prior={"good": "1/2", "bad": "1/4", "odd": "1/4"})
    sub = K.restrict(["odd", "good"])
    assert sub.names == ("good", "odd") and sub.prior == {"good": F(2, 3), "odd": F(1, 3)}
    assert K.is_consistent("good", "s", "go", "3/4", "s")
    assert not K.is_consistent("bad", "s", "go", "3/4", "s")
    assert K.is_consistent("bad", "s", "go", 0.25, "s")
    states = ["a", "b"]
    never_b = cr.mdp.SupraMDP({"a": {"x": cr.precise([1, 0], outcomes=states)},
                               "b": {"x": cr.precise([0, 1], outcomes=states)}})
    maybe_b = cr.mdp.SupraMDP({"a": {"x": cr.vacuous(states)},
                               "b": {"x": cr.precise([0, 1], outcomes=states)}})
    K2 = cr.learning.HypothesisClass({"never": never_b, "maybe": maybe_b})
    assert not K2.is_consistent("never", "a", "x", 0, "b")
    assert K2.is_consistent("maybe", "a", "x", 0, "b")
    credal = cr.learning.HypothesisClass(models, prior=cr.vacuous(["good", "bad", "odd"]))
    assert credal.restrict(["bad", "good"]).prior.outcomes == ("good", "bad")


def test_search_refused_above_its_budget() -> None:
    states = [f"s{i}" for i in range(15)]
    T = cr.precise([1] + [0] * 14, outcomes=states)
    M = cr.mdp.SupraMDP({s: {"a": T, "b": T} for s in states})
    K = cr.learning.HypothesisClass({"h": M})
    assert K.n_policies() == 2**15
    with pytest.raises(InvalidArgumentError, match="32768 deterministic stationary policies"):
        K.maximin_policy(start="s0", horizon=1)


def test_bad_input() -> None:
    other = cr.mdp.SupraMDP({"t": {"go": cr.precise([1], outcomes=["t"])}})
    with pytest.raises(InvalidArgumentError, match="share their states"):
        cr.learning.HypothesisClass({"a": arm("1/2"), "b": other})
    fewer = cr.mdp.SupraMDP({"s": {"go": STAY["s"]}})
    with pytest.raises(InvalidArgumentError, match="share their actions"):
        cr.learning.HypothesisClass({"a": arm("1/2"), "b": fewer})
    with pytest.raises(InvalidArgumentError, match="non-empty mapping"):
        cr.learning.HypothesisClass({})
    with pytest.raises(InvalidArgumentError, match="must be a credal.mdp.SupraMDP"):
        cr.learning.HypothesisClass({"a": "model"})  # type: ignore[dict-item]
    models = {"good": arm("3/4"), "bad": arm("1/4")}
    with pytest.raises(InvalidArgumentError, match="'ugly'.*not hypotheses"):
        cr.learning.HypothesisClass(models, prior={"good": 1, "ugly": 0})
    with pytest.raises(InvalidArgumentError, match="no weight for"):
        cr.learning.HypothesisClass(models, prior={"good": 1})
    with pytest.raises(InvalidArgumentError, match="sum to 1"):
        cr.learning.HypothesisClass(models, prior={"good": "1/2", "bad": "1/4"})
    with pytest.raises(InvalidArgumentError, match="nonnegative"):
        cr.learning.HypothesisClass(models, prior={"good": 2, "bad": -1})
    with pytest.raises(InvalidArgumentError, match="credal set over the hypotheses"):
        cr.learning.HypothesisClass(models, prior=cr.vacuous(["good", "ugly"]))
    K = cr.learning.HypothesisClass(models)
    with pytest.raises(InvalidArgumentError, match="needs a prior"):
        K.bayesian_regret({"s": "go"}, start="s", horizon=1)
    with pytest.raises(InvalidArgumentError, match="start must be a state"):
        K.regret({"s": "go"}, start="x", horizon=1)
    with pytest.raises(InvalidArgumentError, match="policy must be a mapping"):
        K.regret(["go"], start="s", horizon=1)  # type: ignore[arg-type]
    with pytest.raises(InvalidArgumentError, match="not an action of state 's'"):
        K.regret({"s": "fly"}, start="s", horizon=1)
    with pytest.raises(InvalidArgumentError, match="'ugly' is not a hypothesis"):
        K.restrict(["ugly"])
    with pytest.raises(InvalidArgumentError, match="not an action of state 's'"):
        K.is_consistent("good", "s", "fly", 0, "s")


# ------------------------------------------------------------------ regret curves
def chain(p: str) -> cr.mdp.SupraMDP:
    """From s, "risky" reaches the goal g (worth 1 per step there) with probability p;
    "safe" stays in s for 1/2."""
    st = ["s", "g"]
    q = F(p)
    return cr.mdp.SupraMDP({"s": {"risky": cr.precise([1 - q, q], outcomes=st),
                                  "safe": cr.precise([1, 0], outcomes=st)},
                            "g": {"stay": cr.precise([0, 1], outcomes=st)}},
                           rewards={"s": {"risky": 0, "safe": "1/2"}, "g": {"stay": 1}})


def test_regret_curve_is_the_optimal_value_less_the_rewards() -> None:
    K = cr.learning.HypothesisClass({"hi": chain("3/4"), "lo": chain("1/4")})
    curves = cr.learning.regret_curve(cr.learning.RobustAgent, K, steps=6, seeds=[3, 4],
                                      start="s")
    assert set(curves) == {"hi", "lo"} and len(curves) == 2 and curves.seeds == (3, 4)
    # V*_t from s under "hi": risky is optimal; V*_1 = 1/2 (safe), V*_2 = max(1/2 + 1/2,
    # 0 + 3/4 * 1 + 1/4 * 1/2) = 1
    assert curves.optimal["hi"][:2] == (F(1, 2), F(1))
    for name in curves:
        C, R = curves[name], curves.rewards[name]
        assert C.shape == R.shape == (2, 6) and C.dtype == object
        for i in range(2):
            total = F(0)
            for t in range(6):
                total += R[i, t]
                assert C[i, t] == curves.optimal[name][t] - total
        with pytest.raises(ValueError):
            C[0, 0] = 1
    again = cr.learning.regret_curve(cr.learning.RobustAgent, K, "lo", steps=6,
                                     seeds=[3, 4], start="s")
    assert list(again) == ["lo"] and (again["lo"] == curves["lo"]).all()  # reproducible
    calls: list[tuple[str, int, int]] = []
    cr.learning.regret_curve(cr.learning.RobustAgent, K, steps=2, seeds=3, start="s",
                             progress=lambda *a: calls.append(a))
    assert calls[-1] == ("runs", 6, 6)


def test_regret_curve_bad_input() -> None:
    K = cr.learning.HypothesisClass({"hi": chain("3/4")})
    agent = cr.learning.RobustAgent
    with pytest.raises(InvalidArgumentError, match="steps must be a positive int"):
        cr.learning.regret_curve(agent, K, steps=0, seeds=1, start="s")
    with pytest.raises(InvalidArgumentError, match="seeds must be"):
        cr.learning.regret_curve(agent, K, steps=1, seeds=[], start="s")
    with pytest.raises(InvalidArgumentError, match="'x' is not a hypothesis"):
        cr.learning.regret_curve(agent, K, "x", steps=1, seeds=1, start="s")
    with pytest.raises(InvalidArgumentError, match="start must be a state"):
        cr.learning.regret_curve(agent, K, steps=1, seeds=1, start="nowhere")
    with pytest.raises(InvalidArgumentError, match="K must be a HypothesisClass"):
        cr.learning.regret_curve(agent, {"hi": chain("3/4")}, steps=1, seeds=1, start="s")
    with pytest.raises(InvalidArgumentError, match="make_agent must be a callable"):
        cr.learning.regret_curve("robust", K, steps=1, seeds=1, start="s")


def test_plot_regret_curves() -> None:
    matplotlib = pytest.importorskip("matplotlib", reason="the plot extra is not installed")
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import numpy as np

    ax = cr.plot.regret_curves({"h": np.array([[0.0, 1.0, 1.5], [0.0, 0.5, 0.5]])},
                               band=(0, 1), labels={"h": "true h"})
    assert ax.lines[0].get_ydata().tolist() == [0.0, 0.75, 1.0]
    assert ax.get_legend().get_texts()[0].get_text() == "true h"
    band = ax.collections[0].get_paths()[0].vertices
    assert band[:, 1].max() == 1.5 and band[:, 1].min() == 0.0
    plt.close(ax.figure)
    with pytest.raises(InvalidArgumentError, match="non-empty mapping"):
        cr.plot.regret_curves([])
    with pytest.raises(InvalidArgumentError, match="band must be"):
        cr.plot.regret_curves({"h": [[0.0]]}, band=(0.9, 0.1))
    with pytest.raises(InvalidArgumentError, match=r"curves\['h'\] must be an \(n_seeds"):
        cr.plot.regret_curves({"h": [0.0, 1.0]})


def test_progress_bar_on_a_sweep() -> None:
    import io

    K = cr.learning.HypothesisClass({"hi": chain("3/4"), "lo": chain("1/4")})
    out = io.StringIO()
    cr.learning.regret_curve(cr.learning.RobustAgent, K, steps=2, seeds=3, start="s",
                             progress=cr.ProgressBar(file=out, width=6))
    last = out.getvalue().splitlines()[-1].split("\r")[-1]
    assert last == "runs   6/6 [######] 100%"

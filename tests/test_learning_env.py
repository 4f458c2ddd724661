"""credal.learning: environments, runs and agents (exact small models, known answers)."""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Hashable
from fractions import Fraction as F
from typing import Any

import numpy as np
import pytest

import credal as cr
from credal.errors import InvalidArgumentError

AB = ["a", "b"]
STAY = cr.precise([1], outcomes=["s"])


def chain() -> cr.mdp.SupraMDP:
    """Two states, one action, the next state forced: a -> b -> a -> ..."""
    return cr.mdp.SupraMDP({"a": {"go": cr.precise([0, 1], outcomes=AB)},
                            "b": {"go": cr.precise([1, 0], outcomes=AB)}},
                           rewards={"a": {"go": 1}, "b": {"go": "1/2"}})


def arm(p: Any) -> cr.mdp.SupraMDP:
    """One state; "go" pays p, "stop" pays 1/2."""
    return cr.mdp.SupraMDP({"s": {"go": STAY, "stop": STAY}},
                           rewards={"s": {"go": p, "stop": "1/2"}})


def coin(lo: str = "1/4", hi: str = "3/4") -> cr.mdp.SupraMDP:
    """From "a", "flip" goes to "a" with a probability in [lo, hi]; "b" goes back."""
    return cr.mdp.SupraMDP(
        {"a": {"flip": cr.CredalSet.from_bounds([lo, 0], [hi, 1], outcomes=AB)},
         "b": {"back": cr.precise([1, 0], outcomes=AB)}},
        rewards={"a": {"flip": 1}, "b": {"back": 0}})


def gamble() -> cr.mdp.SupraMDP:
    """From "s": "risky" reaches "g" (pays 1 a step for ever) with a probability in
    [1/4, 3/4], else "l" (pays 0); "safe" reaches "g" with probability 1/2 exactly."""
    st = ["s", "g", "l"]
    return cr.mdp.SupraMDP(
        {"s": {"risky": cr.CredalSet.from_bounds([0, "1/4", "1/4"], [0, "3/4", "3/4"],
                                                 outcomes=st),
               "safe": cr.precise([0, "1/2", "1/2"], outcomes=st)},
         "g": {"stay": cr.precise([0, 1, 0], outcomes=st)},
         "l": {"stay": cr.precise([0, 0, 1], outcomes=st)}},
        rewards={"g": {"stay": 1}})


def two_state(r_bx: Any, stay_b: str, r_ay: Any = "1/3") -> cr.mdp.SupraMDP:
    to_b, to_a = cr.precise([0, 1], outcomes=AB), cr.precise([1, 0], outcomes=AB)
    mix = cr.CredalSet.from_bounds([0, stay_b], [1, 1], outcomes=AB)
    return cr.mdp.SupraMDP({"a": {"x": to_b, "y": to_a}, "b": {"x": mix, "y": to_a}},
                           rewards={"a": {"x": 0, "y": r_ay}, "b": {"x": r_bx, "y": 0}})


def three() -> cr.learning.HypothesisClass:
    return cr.learning.HypothesisClass({"h1": two_state(1, "3/4"),
                                        "h2": two_state("1/10", "0"),
                                        "h3": two_state(1, "0", "1/2")})


class Fixed:
    """A user agent: a fixed stationary policy, exposed as ``policy``."""

    def __init__(self, policy: dict[Hashable, Hashable],
                 acts: dict[Hashable, Hashable] | None = None) -> None:
        self.policy = policy
        self.acts = acts or policy
        self.seen: list[tuple[Any, ...]] = []

    def act(self, state: Hashable) -> Hashable:
        return self.acts[state]

    def observe(self, *obs: Any) -> None:
        self.seen.append(obs)


class Recorder:
    """Wraps an agent and records, at each step, what it played and why."""

    def __init__(self, inner: Any) -> None:
        self.inner = inner
        self.log: list[tuple[Any, ...]] = []

    def reset(self, rng: np.random.Generator) -> None:
        self.inner.reset(rng)

    @property
    def policy(self) -> Any:
        return self.inner.policy

    def act(self, state: Hashable) -> Hashable:
        a = self.inner.act(state)
        self.log.append((self.inner.consistent, state, dict(self.inner.policy),
                         getattr(self.inner, "hypothesis", None)))
        return a

    def observe(self, *obs: Any) -> None:
        self.inner.observe(*obs)


# ---------------------------------------------------------------------- runs
def test_forced_chain_known_trajectory() -> None:
    M = chain()
    K = cr.learning.HypothesisClass({"h": M})
    for nature in ("adversarial", "random"):
        traj = cr.learning.run(cr.learning.RobustAgent(K), cr.learning.Environment(
            M, nature=nature), 4, start="a", seed=5)
        assert traj.states == ("a", "b", "a", "b", "a")
        assert traj.actions == ("go",) * 4
        assert traj.rewards == (1, F(1, 2), 1, F(1, 2))
        assert all(type(r) is F for r in traj.rewards)
        assert traj.total_reward == 3 and len(traj) == 4 and traj.seed == 5
        assert traj.distributions == ({"b": 1}, {"a": 1}, {"b": 1}, {"a": 1})
    with pytest.raises(dataclasses.FrozenInstanceError):
        traj.states = ()  # type: ignore[misc]


def test_float_model_gives_float_rewards() -> None:
    M = cr.mdp.SupraMDP({"s": {"go": cr.precise([1.0], outcomes=["s"])}},
                        rewards={"s": {"go": 0.5}})
    traj = cr.learning.run(Fixed({"s": "go"}), cr.learning.Environment(M), 2, start="s",
                           seed=0)
    assert traj.rewards == (0.5, 0.5) and all(type(r) is float for r in traj.rewards)


def test_reproducible_from_seed() -> None:
    env = cr.learning.Environment(coin(), nature="random")
    runs = [cr.learning.run(Fixed({"a": "flip", "b": "back"}), env, 30, start="a", seed=s)
            for s in (11, 11, 12)]
    assert runs[0] == runs[1]
    assert runs[0].states != runs[2].states  # another seed, another path (known for these)
    free = cr.learning.run(Fixed({"a": "flip", "b": "back"}), env, 30, start="a")
    assert isinstance(free.seed, int)
    again = cr.learning.run(Fixed({"a": "flip", "b": "back"}), env, 30, start="a",
                            seed=free.seed)
    assert again == free


def test_observe_receives_each_step() -> None:
    agent = Fixed({"a": "go", "b": "go"})
    cr.learning.run(agent, cr.learning.Environment(chain()), 3, start="b", seed=0)
    assert agent.seen == [("b", "go", F(1, 2), "a"), ("a", "go", 1, "b"),
                          ("b", "go", F(1, 2), "a")]


def test_progress_reports_steps() -> None:
    seen: list[tuple[str, int, int]] = []
    cr.learning.run(Fixed({"a": "go", "b": "go"}), cr.learning.Environment(chain()), 3,
                    start="a", seed=0, progress=lambda *a: seen.append(a))
    assert seen == [("steps", 0, 3), ("steps", 1, 3), ("steps", 2, 3), ("steps", 3, 3)]


# ---------------------------------------------------------------------- natures
def test_adversarial_nature_is_the_evaluate_kernel() -> None:
    M = gamble()
    env = cr.learning.Environment(M, discount="9/10")
    for policy in ({"s": "risky", "g": "stay", "l": "stay"},
                   {"s": "safe", "g": "stay", "l": "stay"}):
        traj = cr.learning.run(Fixed(policy), env, 1, start="s", seed=0)
        kernel = M.evaluate(policy, discount="9/10").kernel
        assert traj.distributions[0] == kernel[("s", policy["s"])]
    # known answer: nature sends the risky agent to "l" as often as it can
    assert env.distribution("s", "risky", policy={"s": "risky", "g": "stay", "l": "stay"}) \
        == {"g": F(1, 4), "l": F(3, 4)}
    # no policy: the worst case of the robust optimal solution
    assert env.distribution("s", "risky") == M.solve(discount="9/10").kernel[("s", "risky")]


def test_adversarial_nature_off_policy_minimises_the_policys_value() -> None:
    M = cr.mdp.SupraMDP(
        {"a": {"flip": cr.CredalSet.from_bounds(["1/4", 0], ["3/4", 1], outcomes=AB),
               "wait": cr.precise([1, 0], outcomes=AB)},
         "b": {"back": cr.precise([1, 0], outcomes=AB)}},
        rewards={"a": {"flip": 0, "wait": 0}, "b": {"back": 1}})
    # the policy waits (V(a) = 0, V(b) = 1); the agent flips anyway: nature keeps it in a
    agent = Fixed({"a": "wait", "b": "back"}, acts={"a": "flip", "b": "back"})
    traj = cr.learning.run(agent, cr.learning.Environment(M), 1, start="a", seed=0)
    assert traj.distributions[0] == {"a": F(3, 4), "b": F(1, 4)}


def test_adversarial_nature_against_robust_agent() -> None:
    K = three()
    M = K.hypotheses["h1"]
    for make in (cr.learning.RobustAgent, cr.learning.OptimisticAgent):
        rec = Recorder(make(K))
        traj = cr.learning.run(rec, cr.learning.Environment(M), 6, start="b", seed=1)
        for t, (_, s, policy, _) in enumerate(rec.log):
            kernel = M.evaluate(policy, discount="9/10").kernel
            assert traj.distributions[t] == kernel[(s, policy[s])]
    # the optimist stays in b with x, where nature leaves it with the most it can, 1/4
    assert traj.distributions[0] == {"a": F(1, 4), "b": F(3, 4)}


def test_random_nature_visits_vertices_only() -> None:
    M = coin()
    env = cr.learning.Environment(M, nature="random")
    traj = cr.learning.run(Fixed({"a": "flip", "b": "back"}), env, 60, start="a", seed=3)
    vertices = [{"a": F(1, 4), "b": F(3, 4)}, {"a": F(3, 4), "b": F(1, 4)}]
    flips = [d for d, s in zip(traj.distributions, traj.states, strict=False) if s == "a"]
    assert flips and all(d in vertices for d in flips)
    assert all(d in flips for d in vertices)  # both vertices drawn in 60 steps (seed 3)
    assert all(d == {"a": 1} for d, s in zip(traj.distributions, traj.states, strict=False)
               if s == "b")


def test_callable_nature_checked() -> None:
    M = coin()

    def half(state: Hashable, action: Hashable, rng: np.random.Generator) -> Any:
        return {"a": "1/2", "b": "1/2"} if state == "a" else {"a": 1}  # zeros may be left out

    traj = cr.learning.run(Fixed({"a": "flip", "b": "back"}),
                           cr.learning.Environment(M, nature=half), 4, start="a", seed=0)
    assert traj.distributions[0] == {"a": F(1, 2), "b": F(1, 2)}

    def sequence(state: Hashable, action: Hashable, rng: np.random.Generator) -> Any:
        return ["1/3", "2/3"] if state == "a" else [1, 0]

    env = cr.learning.Environment(M, nature=sequence)
    assert env.distribution("a", "flip") == {"a": F(1, 3), "b": F(2, 3)}

    def outside(state: Hashable, action: Hashable, rng: np.random.Generator) -> Any:
        return [F(1, 10), F(9, 10)]

    with pytest.raises(InvalidArgumentError, match=r"state 'a', action 'flip'.*not in T"):
        cr.learning.run(Fixed({"a": "flip", "b": "back"}),
                        cr.learning.Environment(M, nature=outside), 3, start="a", seed=0)
    for bad, pattern in (([1], "sequence of 2 probabilities"),
                         ({"z": 1}, "key 'z', which is not a state"),
                         (["1/2", "1/4"], "not a distribution"),
                         (["x", 1], "not a number")):
        env = cr.learning.Environment(M, nature=lambda s, a, rng, bad=bad: bad)
        with pytest.raises(InvalidArgumentError, match=pattern):
            env.distribution("a", "flip")


# ---------------------------------------------------------------------- elimination
def test_reward_mismatch_eliminates() -> None:
    K = cr.learning.HypothesisClass({"good": arm("3/4"), "bad": arm("1/4")})
    for make in (cr.learning.RobustAgent, cr.learning.OptimisticAgent):
        agent = make(K)
        agent.observe("s", "stop", "1/2", "s")  # both pay 1/2 for stop
        assert agent.consistent == ("good", "bad") and agent.eliminated == ()
        agent.observe("s", "go", F(3, 4), "s")
        assert agent.consistent == ("good",) and agent.eliminated == ("bad",)
        assert not agent.exhausted


def test_impossible_transition_eliminates() -> None:
    def model(hi_b: str) -> cr.mdp.SupraMDP:
        return cr.mdp.SupraMDP(
            {"a": {"go": cr.CredalSet.from_bounds([0, 0], [1, hi_b], outcomes=AB)},
             "b": {"go": cr.precise([1, 0], outcomes=AB)}})

    K = cr.learning.HypothesisClass({"never": model("0"), "rarely": model("1/100")})
    agent = cr.learning.RobustAgent(K)
    agent.observe("a", "go", 0, "a")
    assert agent.consistent == ("never", "rarely")
    agent.observe("a", "go", 0, "b")  # upper probability 0 under "never"
    assert agent.consistent == ("rarely",)


def test_true_hypothesis_never_eliminated() -> None:
    K = three()
    for make in (cr.learning.RobustAgent, cr.learning.OptimisticAgent):
        for nature in ("adversarial", "random"):
            for seed in range(4):
                for start in ("a", "b"):
                    agent = make(K)
                    cr.learning.run(agent, cr.learning.Environment(
                        K.hypotheses["h1"], nature=nature), 15, start=start, seed=seed)
                    assert "h1" in agent.consistent and not agent.exhausted


def test_exhausted_keeps_last_set() -> None:
    K = cr.learning.HypothesisClass({"good": arm("3/4"), "bad": arm("1/4")})
    agent = cr.learning.RobustAgent(K)
    agent.observe("s", "go", "1/2", "s")  # neither pays 1/2 for go: non-realizable
    assert agent.exhausted and agent.consistent == ("good", "bad")
    agent.observe("s", "go", "3/4", "s")  # nothing more is eliminated
    assert agent.consistent == ("good", "bad")
    assert agent.act("s") == "stop"  # still plays (maximin of the last set)
    assert "exhausted" in repr(agent)
    agent.reset()
    assert not agent.exhausted


def test_confidence_test_threshold() -> None:
    # T_h(a, go) = (1/2, 1/2) exactly; observing "a" n times in a row leaves the frequency
    # 1 against an upper bound 1/2: eliminated once 1 > 1/2 + sqrt(ln(2/delta) / (2 n)),
    # i.e. n > 2 ln(200) = 10.6 for delta = 1/100
    half = cr.mdp.SupraMDP({"a": {"go": cr.precise(["1/2", "1/2"], outcomes=AB)},
                            "b": {"go": cr.precise(["1/2", "1/2"], outcomes=AB)}})
    loose = cr.mdp.SupraMDP({"a": {"go": cr.CredalSet.from_bounds([0, 0], [1, 1],
                                                                  outcomes=AB)},
                             "b": {"go": cr.precise(["1/2", "1/2"], outcomes=AB)}})
    K = cr.learning.HypothesisClass({"half": half, "loose": loose})
    agent = cr.learning.RobustAgent(K, confidence="1/100")
    assert math.isclose(2 * math.log(200), 10.597, abs_tol=1e-3)
    for _ in range(10):
        agent.observe("a", "go", 0, "a")
    assert agent.consistent == ("half", "loose")
    agent.observe("a", "go", 0, "a")
    assert agent.consistent == ("loose",)
    # without the test, nothing is eliminated
    plain = cr.learning.RobustAgent(K)
    for _ in range(50):
        plain.observe("a", "go", 0, "a")
    assert plain.consistent == ("half", "loose")


def test_confidence_test_keeps_truth_on_a_run() -> None:
    truth = cr.mdp.SupraMDP({"a": {"go": cr.precise(["1/2", "1/2"], outcomes=AB)},
                             "b": {"go": cr.precise(["1/2", "1/2"], outcomes=AB)}})
    wrong = cr.mdp.SupraMDP({"a": {"go": cr.precise(["9/10", "1/10"], outcomes=AB)},
                             "b": {"go": cr.precise(["1/2", "1/2"], outcomes=AB)}})
    K = cr.learning.HypothesisClass({"truth": truth, "wrong": wrong})
    agent = cr.learning.RobustAgent(K, confidence="1/1000")
    cr.learning.run(agent, cr.learning.Environment(truth, nature="random"), 400, start="a",
                    seed=2)
    assert agent.consistent == ("truth",)


# ---------------------------------------------------------------------- agents
def test_robust_agent_plays_maximin_of_consistent() -> None:
    K = three()
    for start in ("a", "b"):
        rec = Recorder(cr.learning.RobustAgent(K))
        cr.learning.run(rec, cr.learning.Environment(K.hypotheses["h1"], nature="random"),
                        10, start=start, seed=4)
        assert len({entry[0] for entry in rec.log}) > 1  # something was eliminated
        for consistent, s, policy, _ in rec.log:
            best, _ = K.restrict(consistent).maximin_policy(start=s, discount="9/10")
            assert policy == best
    # known: from "a" the full class's maximin policy waits in "a" (value 10/3)
    agent = cr.learning.RobustAgent(K)
    assert agent.act("a") == "y" and agent.value == F(10, 3)
    assert agent.policy == {"a": "y", "b": "x"}


def test_robust_agent_bandit_horizon() -> None:
    K = cr.learning.HypothesisClass({"good": arm("3/4"), "bad": arm("1/4")})
    traj = cr.learning.run(cr.learning.RobustAgent(K, horizon=3, discount=None),
                           cr.learning.Environment(arm("3/4")), 5, start="s", seed=0)
    assert traj.actions == ("stop",) * 5  # never tries "go": nothing to learn from "stop"
    assert traj.total_reward == F(5, 2)


def test_optimistic_agent_picks_highest_value() -> None:
    K = three()
    agent = cr.learning.OptimisticAgent(K)
    assert agent.act("a") == "x"
    values = {h: K.optimal_policy(h, start="a", discount="9/10")[1] for h in K.names}
    assert agent.hypothesis == max(values, key=values.__getitem__) == "h1"
    assert agent.value == F(360, 49) and agent.policy == {"a": "x", "b": "x"}
    # in the world of h2 the optimist learns that b-x pays 1/10, not 1
    traj = cr.learning.run(agent, cr.learning.Environment(K.hypotheses["h2"]), 4, start="a",
                           seed=0)
    assert traj.actions[:2] == ("x", "x") and traj.rewards[1] == F(1, 10)
    assert agent.consistent == ("h2",) and agent.hypothesis == "h2"


def test_posterior_sampling_reproducible_and_proportional() -> None:
    twins = {"p": arm("3/4"), "q": arm("3/4")}  # indistinguishable: never eliminated
    K = cr.learning.HypothesisClass(twins, prior={"p": "1/4", "q": "3/4"})
    env = cr.learning.Environment(arm("3/4"))

    def draws(seed: int, every: int | None) -> list[Any]:
        rec = Recorder(cr.learning.PosteriorSamplingAgent(K, resample_every=every))
        cr.learning.run(rec, env, 400, start="s", seed=seed)
        return [entry[3] for entry in rec.log]

    first = draws(0, 1)
    assert first == draws(0, 1)
    assert first != draws(1, 1)
    share = first.count("p") / len(first)
    assert 0.15 < share < 0.35  # prior weight 1/4 (a binomial(400, 1/4) proportion)
    assert len(set(draws(0, None))) == 1  # no resampling without elimination
    every3 = draws(5, 3)
    assert all(every3[t] == every3[t - t % 3] for t in range(len(every3)))
    assert len(set(every3)) == 2


def test_posterior_sampling_resamples_on_elimination() -> None:
    K = cr.learning.HypothesisClass({"good": arm("3/4"), "bad": arm("1/4")},
                                    prior={"good": "1/2", "bad": "1/2"})
    for seed in range(6):
        rec = Recorder(cr.learning.PosteriorSamplingAgent(K))
        traj = cr.learning.run(rec, cr.learning.Environment(arm("1/4")), 3, start="s",
                               seed=seed)
        # "good" plays go, sees 1/4 and is eliminated; "bad" stops and learns nothing
        assert [entry[3] for entry in rec.log][-1] == "bad"
        assert traj.actions[-1] == "stop"


def test_posterior_sampling_skips_zero_prior() -> None:
    K = cr.learning.HypothesisClass({"good": arm("3/4"), "bad": arm("1/4")},
                                    prior={"good": 0, "bad": 1})
    agent = cr.learning.PosteriorSamplingAgent(K)
    assert agent.consistent == ("bad",)
    agent.reset(np.random.default_rng(0))
    assert agent.act("s") == "stop" and agent.hypothesis == "bad"


def test_user_agent_is_an_agent() -> None:
    assert isinstance(Fixed({"s": "go"}), cr.learning.Agent)
    assert isinstance(cr.learning.RobustAgent(cr.learning.HypothesisClass({"h": arm(1)})),
                      cr.learning.Agent)
    assert not isinstance(object(), cr.learning.Agent)


# ---------------------------------------------------------------------- bad input
def test_bad_run_input() -> None:
    env = cr.learning.Environment(chain())
    agent = Fixed({"a": "go", "b": "go"})
    for steps in (0, -1, 1.5, True, "3"):
        with pytest.raises(InvalidArgumentError, match="steps must be a positive int"):
            cr.learning.run(agent, env, steps, start="a")  # type: ignore[arg-type]
    with pytest.raises(InvalidArgumentError, match="start must be a state; 'z'"):
        cr.learning.run(agent, env, 2, start="z")
    with pytest.raises(InvalidArgumentError, match="start must be a state"):
        cr.learning.run(agent, env, 2, start=["a"])
    for seed in (-1, 1.5, "x"):
        with pytest.raises(InvalidArgumentError, match="seed must be"):
            cr.learning.run(agent, env, 2, start="a", seed=seed)  # type: ignore[arg-type]
    with pytest.raises(InvalidArgumentError, match="env must be"):
        cr.learning.run(agent, chain(), 2, start="a")  # type: ignore[arg-type]
    with pytest.raises(InvalidArgumentError, match=r"has no observe\(\)"):
        cr.learning.run(type("A", (), {"act": lambda self, s: "go"})(), env, 2, start="a")
    with pytest.raises(InvalidArgumentError, match="progress"):
        cr.learning.run(agent, env, 2, start="a", progress=3)  # type: ignore[arg-type]


def test_agent_returning_missing_action() -> None:
    env = cr.learning.Environment(chain())
    bad = Fixed({"a": "go", "b": "go"}, acts={"a": "go", "b": "jump"})
    with pytest.raises(InvalidArgumentError,
                       match=r"action 'jump' in state 'b' \(step 1\).*actions are \['go'\]"):
        cr.learning.run(bad, env, 3, start="a", seed=0)
    unhashable = Fixed({"a": "go", "b": "go"}, acts={"a": ["go"], "b": "go"})  # type: ignore[dict-item]
    with pytest.raises(InvalidArgumentError, match=r"action \['go'\] in state 'a'"):
        cr.learning.run(unhashable, env, 3, start="a", seed=0)


def test_bad_environment_input() -> None:
    with pytest.raises(InvalidArgumentError, match="M must be a credal.mdp.SupraMDP"):
        cr.learning.Environment({"a": 1})  # type: ignore[arg-type]
    with pytest.raises(InvalidArgumentError, match="nature must be 'adversarial', 'random'"):
        cr.learning.Environment(chain(), nature="cooperative")
    with pytest.raises(InvalidArgumentError, match="nature must be"):
        cr.learning.Environment(chain(), nature=3)  # type: ignore[arg-type]
    with pytest.raises(InvalidArgumentError, match="discount must satisfy 0 <= discount < 1"):
        cr.learning.Environment(chain(), discount=1)
    env = cr.learning.Environment(chain())
    with pytest.raises(InvalidArgumentError, match="action 'jump' is not an action"):
        env.distribution("a", "jump")
    with pytest.raises(InvalidArgumentError, match="policy has no action for the states"):
        env.distribution("a", "go", policy={"a": "go"})
    with pytest.raises(InvalidArgumentError, match=r"agent's policy: policy\['b'\]"):
        env.distribution("a", "go", policy={"a": "go", "b": "jump"})
    bad_policy = Fixed({"a": "go"})
    with pytest.raises(InvalidArgumentError, match="no action for the states"):
        cr.learning.run(bad_policy, env, 2, start="a", seed=0)


def test_bad_agent_input() -> None:
    K = cr.learning.HypothesisClass({"good": arm("3/4"), "bad": arm("1/4")})
    with pytest.raises(InvalidArgumentError, match="K must be a credal.learning"):
        cr.learning.RobustAgent({"good": arm("3/4")})  # type: ignore[arg-type]
    with pytest.raises(InvalidArgumentError, match="needs a precise prior, and K has no prior"):
        cr.learning.PosteriorSamplingAgent(K)
    credal_prior = cr.learning.HypothesisClass(
        {"good": arm("3/4"), "bad": arm("1/4")},
        prior=cr.CredalSet.from_bounds([0, 0], [1, 1], outcomes=["good", "bad"]))
    with pytest.raises(InvalidArgumentError, match="K has a credal prior"):
        cr.learning.PosteriorSamplingAgent(credal_prior)
    precise = cr.learning.HypothesisClass({"good": arm("3/4"), "bad": arm("1/4")},
                                          prior={"good": "1/2", "bad": "1/2"})
    for every in (0, -2, 1.5, True):
        with pytest.raises(InvalidArgumentError, match="resample_every must be"):
            cr.learning.PosteriorSamplingAgent(precise, resample_every=every)  # type: ignore[arg-type]
    for delta in (0, 1, "3/2", -0.1):
        with pytest.raises(InvalidArgumentError, match="confidence must be a level"):
            cr.learning.RobustAgent(K, confidence=delta)
    for horizon in (0, -1, 2.0):
        with pytest.raises(InvalidArgumentError, match="horizon must be a positive int"):
            cr.learning.RobustAgent(K, horizon=horizon)  # type: ignore[arg-type]
    with pytest.raises(InvalidArgumentError, match="discount must satisfy"):
        cr.learning.OptimisticAgent(K, discount=1)
    with pytest.raises(InvalidArgumentError, match="state 'z' is not a state"):
        cr.learning.RobustAgent(K).act("z")

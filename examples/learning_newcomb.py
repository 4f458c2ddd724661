"""Repeated Newcomb as a hypothesis class: the robust agent two-boxes, and against a
predictor that never errs it never learns there is one; its regret, exactly.

The round (as in mdp_newcomb.py, model 1, repeated). In the state choose the agent
one-boxes or two-boxes; nature then fills box B, and the agent lands in one of four
outcome states (content, act), where it collects: box A holds $1,000, box B $1,000,000 when
full. Collecting leads back to choose, so a round is two steps and t steps hold ⌊t/2⌋
rounds. Two hypotheses about box B:

- **predictor**: a predictor who is right with probability q in [9/10, 1] (nature picks q
  at every visit): after one-boxing B is full with probability q, after two-boxing with
  probability 1 − q in [0, 1/10];
- **no predictor**: B is always empty.

Per round (horizon 2, from choose), the robust values are

                       one-box     two-box
    predictor          900,000       1,000       (q = 9/10 against one-boxing, 1 against two)
    no predictor             0       1,000

**Maximin two-boxes, minimax regret one-boxes.** Maximin compares the worst values, 0
against 1,000: two-box. The regrets are (0, 1,000) for one-boxing and (899,000, 0) for
two-boxing: minimax regret one-boxes, risking 1,000 a round to gain 899,000. Under a prior
with weight w on the predictor the Bayesian regret per round is w · 899,000 for two-boxing
and (1 − w) · 1,000 for one-boxing; with a credal prior w in [1/1000, 1/100] the expected
regrets are [899, 8,990] (two-box) and [990, 999] (one-box): the upper expected regret
one-boxes too.

**The robust agent** (`cr.learning.RobustAgent`) plays the maximin policy of the
hypotheses still consistent with what it saw: it two-boxes. What it learns depends on
nature:

1. *A predictor that never errs* (the adversarial nature: against the agent's two-boxing
   it picks q = 1, so B is always empty). The agent sees (empty, two-box) every round, which
   both hypotheses allow: it never learns that there is a predictor, and two-boxes for
   ever. Its regret against the predictor's robust optimal value (900,000 a round) is
   exactly ⌊t/2⌋ · 899,000 after t steps: linear, and the same on every seed. Its maximin
   guarantee, 1,000 a round, is met exactly: maximin is safe, it is not a learning
   strategy (docs/learning.md).
2. *A predictor that sometimes errs* (the random nature: q = 9/10 or 1, a vertex drawn at
   each visit, so B is full after two-boxing with probability 1/20 a round). The first full
   box after two-boxing has upper probability 0 under "no predictor", which is eliminated;
   from the next round on the agent one-boxes for ever. The script asserts that pattern on
   every seed, and counts the seeds that learned within 100 rounds (each fails to with
   probability (19/20)^100 < 0.6%).
3. *No predictor*: two-boxing is optimal, the regret is exactly 0.

**The optimistic agent** (`cr.learning.OptimisticAgent`) one-boxes (the predictor's
900,000 is the best value in the class). With no predictor it sees (empty, one-box), which
the predictor also allows (probability up to 1/10): nothing is eliminated, and it loses
1,000 a round for ever. With the Hoeffding test at level 1/100 (`confidence=`), four empty
boxes after one-boxing are too many for a predictor right at least 9/10 of the time (the
frequency 1 exceeds 1/10 + sqrt(ln(200) / 8) ≈ 0.91): the predictor is eliminated, and the
agent two-boxes from the fifth round on. Its regret stops at exactly 4,000.

The figure: cumulative regret of the robust agent against the two predictors, and of the
optimistic agent (with and without the test) with no predictor.
"""

import math
from fractions import Fraction as F

import credal as cr

ONE, TWO = "one-box", "two-box"
OUTCOMES = [f"{box}/{act}" for act in (ONE, TWO) for box in ("full", "empty")]
S = ["choose", *OUTCOMES]
PAYOFF = {f"full/{ONE}": 1_000_000, f"full/{TWO}": 1_001_000,
          f"empty/{ONE}": 0, f"empty/{TWO}": 1_000}


def on(bounds):
    """The credal set over S with the given {state: (lower, upper)} (others 0)."""
    return cr.CredalSet.from_bounds([bounds.get(s, (0, 0))[0] for s in S],
                                    [bounds.get(s, (0, 0))[1] for s in S], outcomes=S)


def newcomb(after_one, after_two):
    """Repeated Newcomb; `after_one`, `after_two`: the sets of (content, act) after each act."""
    back = on({"choose": (1, 1)})
    return cr.mdp.SupraMDP(
        {"choose": {ONE: after_one, TWO: after_two},
         **{o: {"collect": back} for o in OUTCOMES}},
        rewards={"choose": {ONE: 0, TWO: 0}, **{o: {"collect": PAYOFF[o]} for o in OUTCOMES}})


predictor = newcomb(on({f"full/{ONE}": ("9/10", 1), f"empty/{ONE}": (0, "1/10")}),
                    on({f"full/{TWO}": (0, "1/10"), f"empty/{TWO}": ("9/10", 1)}))
nobody = newcomb(on({f"empty/{ONE}": (1, 1)}), on({f"empty/{TWO}": (1, 1)}))
K = cr.learning.HypothesisClass({"predictor": predictor, "no predictor": nobody})


def policy(act):
    return {"choose": act, **{o: "collect" for o in OUTCOMES}}


ONE_BOX, TWO_BOX = policy(ONE), policy(TWO)

# The values per round and the two policies of the class.
assert K.values(ONE_BOX, start="choose", horizon=2) == {"predictor": 900_000, "no predictor": 0}
assert K.values(TWO_BOX, start="choose", horizon=2) == {"predictor": 1_000,
                                                          "no predictor": 1_000}
assert K.maximin_policy(start="choose", horizon=2) == (TWO_BOX, 1_000)
assert K.minimax_regret_policy(start="choose", horizon=2) == (ONE_BOX, 1_000)
assert K.regret(TWO_BOX, start="choose", horizon=2) == {"predictor": 899_000,
                                                         "no predictor": 0}
# Bayesian regret (precise prior) and the lower and upper expected regret (credal prior).
for w in (F(1, 1000), F(1, 900), F(1, 2)):
    Kw = cr.learning.HypothesisClass(K.hypotheses, prior={"predictor": w, "no predictor": 1 - w})
    assert Kw.bayesian_regret(TWO_BOX, start="choose", horizon=2) == w * 899_000
    assert Kw.bayesian_regret(ONE_BOX, start="choose", horizon=2) == (1 - w) * 1_000
Kc = cr.learning.HypothesisClass(K.hypotheses, prior=cr.CredalSet.from_bounds(
    ["1/1000", "99/100"], ["1/100", "999/1000"], outcomes=["predictor", "no predictor"]))
assert Kc.bayesian_regret(TWO_BOX, start="choose", horizon=2) == (899, 8_990)
assert Kc.bayesian_regret(ONE_BOX, start="choose", horizon=2) == (990, 999)

STEPS, SEEDS = 200, list(range(20))
ROUNDS = STEPS // 2
predictor_optimum = [F(t // 2 * 900_000) for t in range(1, STEPS + 1)]


# The agents are made by regret_curve, one per run, in the order of the seeds; these
# factories also keep them, to look at what each one ended up believing.
def robust_agents(made):
    def make(K):
        made.append(cr.learning.RobustAgent(K))
        return made[-1]
    return make


def rounds(rewards):
    """The (content, act) of each round, read off the payoff collected."""
    return [next(o for o in OUTCOMES if PAYOFF[o] == r) for r in rewards[1::2]]


# 1. A predictor that never errs: the robust agent two-boxes for ever; regret ⌊t/2⌋·899,000.
agents = []
never = cr.learning.regret_curve(robust_agents(agents), K, "predictor", steps=STEPS,
                                 seeds=5, start="choose", nature="adversarial")
assert list(never.optimal["predictor"]) == predictor_optimum
for row, rewards in zip(never["predictor"], never.rewards["predictor"], strict=True):
    assert list(row) == [t // 2 * 899_000 for t in range(1, STEPS + 1)]
    assert set(rounds(rewards)) == {f"empty/{TWO}"}
    assert sum(rewards) == ROUNDS * 1_000          # its maximin value, met exactly
assert len(agents) == 5
assert all(a.consistent == ("predictor", "no predictor") for a in agents)

# 2. A predictor that sometimes errs: the first full box after two-boxing eliminates
#    "no predictor", and the agent one-boxes from the next round on, on every seed.
agents = []
sometimes = cr.learning.regret_curve(robust_agents(agents), K, "predictor", steps=STEPS,
                                     seeds=SEEDS, start="choose", nature="random")
learned_at = []
for agent, rewards in zip(agents, sometimes.rewards["predictor"], strict=True):
    seen = rounds(rewards)
    first_full = next((k for k, o in enumerate(seen) if o == f"full/{TWO}"), None)
    if first_full is None:
        assert all(o.endswith(TWO) for o in seen)
        assert agent.consistent == ("predictor", "no predictor")
    else:
        assert all(o.endswith(TWO) for o in seen[:first_full + 1])
        assert all(o.endswith(ONE) for o in seen[first_full + 1:])
        assert agent.consistent == ("predictor",)
        learned_at.append(first_full + 1)
assert (19 / 20) ** ROUNDS < 0.006
assert len(learned_at) >= 15

# 3. No predictor: two-boxing is optimal, regret exactly 0.
none = cr.learning.regret_curve(cr.learning.RobustAgent, K, "no predictor", steps=STEPS,
                                seeds=3, start="choose", nature="adversarial")
assert all(v == 0 for row in none["no predictor"] for v in row)

# The optimistic agent with no predictor: 1,000 a round for ever, or 4,000 with the test.
optimist = cr.learning.regret_curve(cr.learning.OptimisticAgent, K, "no predictor",
                                    steps=STEPS, seeds=3, start="choose")
tested = cr.learning.regret_curve(
    lambda K: cr.learning.OptimisticAgent(K, confidence=F(1, 100)), K, "no predictor",
    steps=STEPS, seeds=3, start="choose")
assert all(list(row) == [t // 2 * 1_000 for t in range(1, STEPS + 1)]
           for row in optimist["no predictor"])
assert all(list(row) == [min(t // 2, 4) * 1_000 for t in range(1, STEPS + 1)]
           for row in tested["no predictor"])
# why four: after n one-boxes, all with an empty box, the frequency 1 leaves the
# predictor's [0, 1/10] by more than sqrt(ln(200) / (2n)) first at n = 4
assert [1 > F(1, 10) + math.sqrt(math.log(200) / (2 * n)) for n in (3, 4)] == [False, True]

for name, pol in ((ONE, ONE_BOX), (TWO, TWO_BOX)):
    values = K.values(pol, start="choose", horizon=2)
    print(f"{name} per round:", ", ".join(f"{h} {int(v):,}" for h, v in values.items()))
print("maximin:", K.maximin_policy(start="choose", horizon=2)[0]["choose"],
      "  minimax regret:", K.minimax_regret_policy(start="choose", horizon=2)[0]["choose"])
print(f"robust agent vs a predictor that never errs: regret after {STEPS} steps "
      f"{int(never['predictor'][0][-1]):,} on each of 5 seeds")
print(f"robust agent vs a predictor that errs 1 time in 20 after two-boxing: learned in "
      f"{len(learned_at)} of {len(SEEDS)} seeds, at rounds {sorted(learned_at)}")
print(f"optimistic agent with no predictor: regret {int(optimist['no predictor'][0][-1]):,}"
      f" (no test), {int(tested['no predictor'][0][-1]):,} (test 1/100)")

# The figure.
try:
    import matplotlib.pyplot as plt
    from _gallery import save
except ImportError:  # the checks above do not need matplotlib
    plt = None
if plt is not None:
    fig, (ax, bx) = plt.subplots(1, 2, figsize=(11, 3.8), layout="constrained")
    cr.plot.regret_curves({"never errs (adversarial)": never["predictor"] / 1_000,
                           "errs 1 in 20 (random vertex)": sometimes["predictor"] / 1_000},
                          ax=ax)
    ax.set_ylabel("cumulative regret (thousands of $)")
    ax.set_title("Robust agent, truth: a predictor\n(mean and 10-90% band over the seeds)",
                 fontsize=10)
    ax.legend(fontsize=8, frameon=False, loc="upper left")
    cr.plot.regret_curves({"optimistic": optimist["no predictor"] / 1_000,
                           "optimistic, test 1/100": tested["no predictor"] / 1_000,
                           "robust": none["no predictor"] / 1_000}, ax=bx)
    bx.set_ylabel("cumulative regret (thousands of $)")
    bx.set_title("Truth: no predictor (box B always empty)", fontsize=10)
    bx.legend(fontsize=8, frameon=False, loc="upper left")
    save(fig, __file__)

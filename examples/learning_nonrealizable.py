"""Non-realizability: the true environment is in no hypothesis, only in the credal hull of
two. The robust agent keeps its guarantee; a Bayesian agent over the two does not.

The casino. From the state choose the agent takes one of three actions: **safe**, which
pays 1/2 for sure, or one of two bets, **A** and **B**, which pay 1 when they win and 0
otherwise. A round takes two steps: the choice (reward 0), then the payout (collected in
the state kept, won or lost, which leads back to choose). So t steps hold ⌊t/2⌋ rounds.

Two precise hypotheses say how the bets win:

    h1: P(A wins) = 4/5, P(B wins) = 1/5        h2: P(A wins) = 1/5, P(B wins) = 4/5

The truth is P(A wins) = 2/5, P(B wins) = 3/10: neither hypothesis. It is not a mixture of
them either: a mixture λ h1 + (1 − λ) h2 has P(A wins) + P(B wins) = 1, the truth 7/10. But it
is in their **credal hull** as a supra-MDP: the hypothesis "hull" whose transition set at
each state and action is the convex hull of h1's and h2's (`cr.convex_hull`), here
P(A wins) and P(B wins) each anywhere in [1/5, 4/5], chosen by nature at every visit.
Supra-MDPs are rectangular (Gelb 2025; docs/mdp.md): the hull lets nature combine h1's
choice at A with h2's at B, and that is where the truth lies.

**The robust agent keeps its guarantee.** Over {hull}, maximin compares 1/2 (safe) with
the worst case of each bet, 1/5: it plays safe, for a robust value of 1/2 per round,
⌊t/2⌋/2 after t steps. The guarantee is a theorem here: the truth's transitions lie in the
hull's sets, so the value of any policy in the truth is at least its robust value in the
hull. The agent realizes exactly 1/2 per round on every seed (safe is deterministic), and
since safe is also the truth's optimal action (1/2 > 2/5 > 3/10), its regret is exactly 0. Over
the two precise hypotheses {h1, h2} maximin also plays safe (each bet is worth 1/5 in one
of them), but there no theorem backs the number: the truth is in neither.

**The Bayesian agent does not.** Under any prior, a Bayesian over {h1, h2} with posterior
weight w on h1 values bet A at w · 4/5 + (1 − w) · 1/5 and bet B at
(1 − w) · 4/5 + w · 1/5; the larger is at least 1/2, so a bet always looks at least as good
as safe, whatever it has seen. Posterior sampling (Osband, Russo & Van Roy 2013;
`cr.learning.PosteriorSamplingAgent`) draws h1 or h2 and plays its optimal policy: it bets
in every round, predicting 4/5 per round (the drawn hypothesis's value), and earns 2/5 (A)
or 3/10 (B) in expectation: less than its prediction and less than the robust agent's sure
1/2; its regret grows by 1/10 or 1/5 a round. The script shows two versions:

- without a confidence test, no observation contradicts either hypothesis (every outcome
  of a bet has positive probability under both), so nothing is eliminated and it bets for
  ever;
- with the Hoeffding test at level 1/100 (`confidence=`), both hypotheses are eliminated
  (the win frequencies of A and B drift away from 4/5 and 1/5), the agent is *exhausted*:
  it keeps the last hypothesis it held and still bets. Eliminating hypotheses tells it
  that its class is wrong, not what to do instead.

What is asserted exactly: the containment of the truth in the hull and in neither
hypothesis, the robust agent's rewards and zero regret on every seed, that both Bayesian
agents bet in every round on every seed, and that the tested one is exhausted on every
seed (as it was in all of 200 seeds tried). What is asserted with a stated bound: the
Bayesian agents' average reward per round, pooled over the 20 seeds, is below 1/2. That
is 2,000 bets, each winning with probability 2/5 or 3/10 given the past (which bet is
made may depend on earlier outcomes), so the wins minus their probabilities form a
martingale, and by the Azuma-Hoeffding inequality a pooled average of 1/2 or more (1/10
above the largest mean) has probability at most exp(−2 · 2000 · (1/10)²) = e^−40.

The figure: the cumulative regret (against the truth's optimal value) of the three agents
over 20 seeds, and their average reward per round against the robust value 1/2 and the
Bayesian agent's predicted 4/5.
"""

import math
from fractions import Fraction as F

import credal as cr

S = ["choose", "kept", "won", "lost"]


def point(**probabilities):
    """The precise distribution over S with the given probabilities (others 0)."""
    return cr.precise([F(probabilities.get(s, 0)) for s in S], outcomes=S)


def bet(p):
    return point(won=p, lost=1 - p)


def casino(A, B):
    """The casino whose bets A and B move to won / lost by the credal sets A and B."""
    back = point(choose=1)
    return cr.mdp.SupraMDP(
        {"choose": {"safe": point(kept=1), "A": A, "B": B},
         "kept": {"collect": back}, "won": {"collect": back}, "lost": {"collect": back}},
        rewards={"choose": {"safe": 0, "A": 0, "B": 0}, "kept": {"collect": F(1, 2)},
                 "won": {"collect": 1}, "lost": {"collect": 0}})


HIGH, LOW, TRUE_A, TRUE_B = F(4, 5), F(1, 5), F(2, 5), F(3, 10)
h1, h2 = casino(bet(HIGH), bet(LOW)), casino(bet(LOW), bet(HIGH))
hull = casino(cr.convex_hull(bet(HIGH), bet(LOW)), cr.convex_hull(bet(LOW), bet(HIGH)))
truth = casino(bet(TRUE_A), bet(TRUE_B))

# The truth is in the hull, and in neither hypothesis.
for a in ("A", "B"):
    p = truth.transitions["choose"][a].vertices[0]
    assert hull.transitions["choose"][a].contains(p)
    assert not h1.transitions["choose"][a].contains(p)
    assert not h2.transitions["choose"][a].contains(p)

precise = cr.learning.HypothesisClass({"h1": h1, "h2": h2}, prior={"h1": "1/2", "h2": "1/2"})
credal = cr.learning.HypothesisClass({"hull": hull})
world = cr.learning.HypothesisClass({"truth": truth})  # for the truth's values and runs
SAFE = {"choose": "safe", "kept": "collect", "won": "collect", "lost": "collect"}
BET = {a: {**SAFE, "choose": a} for a in ("A", "B")}

# Maximin: safe, over the hull and over the pair; the robust value 1/2 per round.
for K in (credal, precise):
    assert K.maximin_policy(start="choose", horizon=2) == (SAFE, F(1, 2))
assert credal.values(BET["A"], start="choose", horizon=2) == {"hull": LOW}
# The guarantee: every policy is worth at least as much in the truth as in the hull.
for policy in (SAFE, *BET.values()):
    for t in (2, 6, 10):
        assert world.values(policy, start="choose", horizon=t)["truth"] >= \
            credal.values(policy, start="choose", horizon=t)["hull"]
# A Bayesian always finds a bet at least as good as safe: max over the bets of the
# posterior value, for posterior weights w on h1 from 0 to 1.
for w in (F(k, 20) for k in range(21)):
    assert max(w * HIGH + (1 - w) * LOW, (1 - w) * HIGH + w * LOW) >= F(1, 2)
# Each hypothesis predicts 4/5 per round for its bet; in the truth bet A earns 2/5 and bet
# B 3/10, and the regret of betting for ever is 1/10 or 1/5 per round.
assert precise.optimal_policy("h1", start="choose", horizon=2) == (BET["A"], HIGH)
assert precise.optimal_policy("h2", start="choose", horizon=2) == (BET["B"], HIGH)
for t in (2, 10, 200):
    assert world.regret(BET["A"], start="choose", horizon=t) == {"truth": F(t // 2, 10)}
    assert world.regret(BET["B"], start="choose", horizon=t) == {"truth": F(t // 2, 5)}

# The runs: each agent in the truth, 100 rounds, 20 seeds. regret_curve makes one agent
# per run, in the order of the seeds; the factories also keep them, to look at what each
# one ended up believing.
STEPS, SEEDS = 200, list(range(20))
ROUNDS = STEPS // 2
MADE = {"robust (hull)": [], "posterior sampling": [], "posterior sampling, test 1/100": []}
FACTORIES = {
    "robust (hull)": lambda: cr.learning.RobustAgent(credal),
    "posterior sampling": lambda: cr.learning.PosteriorSamplingAgent(precise),
    "posterior sampling, test 1/100": lambda: cr.learning.PosteriorSamplingAgent(
        precise, confidence=F(1, 100)),
}


def factory(name):
    def make(K):  # the agent's class is its own: `K` (the truth) is only the environment
        MADE[name].append(FACTORIES[name]())
        return MADE[name][-1]
    return make


curves = {name: cr.learning.regret_curve(factory(name), world, steps=STEPS, seeds=SEEDS,
                                         start="choose")
          for name in FACTORIES}
assert all(len(made) == len(SEEDS) for made in MADE.values())

# The robust agent: exactly 1/2 a round on every seed, regret exactly 0.
robust = curves["robust (hull)"]
assert list(robust.optimal["truth"]) == [F(t // 2, 2) for t in range(1, STEPS + 1)]
assert all(sum(row) == F(ROUNDS, 2) for row in robust.rewards["truth"])
assert all(v == 0 for row in robust["truth"] for v in row)
assert all(a.consistent == ("hull",) and not a.exhausted for a in MADE["robust (hull)"])

# The Bayesian agents bet in every round, on every seed: they never collect the safe 1/2.
for name in ("posterior sampling", "posterior sampling, test 1/100"):
    assert all(F(1, 2) not in row[1::2] for row in curves[name].rewards["truth"])
# Without a test nothing is ever eliminated; with it, both hypotheses are, on every seed.
assert all(a.consistent == ("h1", "h2") and not a.exhausted
           for a in MADE["posterior sampling"])
assert all(a.exhausted for a in MADE["posterior sampling, test 1/100"])
# Pooled over the seeds, the average reward per round is below 1/2 (see the bound above).
bound = math.exp(-2 * len(SEEDS) * ROUNDS * 0.1 ** 2)
assert bound < 1e-17
averages = {}
for name, c in curves.items():
    averages[name] = sum(sum(row) for row in c.rewards["truth"]) / (len(SEEDS) * ROUNDS)
assert averages["robust (hull)"] == F(1, 2)
for name in ("posterior sampling", "posterior sampling, test 1/100"):
    assert averages[name] < F(1, 2) < HIGH

print("average reward per round over 20 seeds x 100 rounds (robust value 1/2, "
      "bets in the truth 2/5 and 3/10, Bayesian prediction 4/5):")
for name, avg in averages.items():
    print(f"  {name:32s} {str(avg):>9s} = {float(avg):.3f}   "
          f"mean regret after {STEPS} steps {float(curves[name].mean('truth')[-1]):6.2f}")
print("posterior sampling with the test, exhausted on",
      sum(a.exhausted for a in MADE["posterior sampling, test 1/100"]), "of 20 seeds")

# The figure.
try:
    import matplotlib.pyplot as plt
    from _gallery import save
except ImportError:  # the checks above do not need matplotlib
    plt = None
if plt is not None:
    fig, (ax, bx) = plt.subplots(1, 2, figsize=(11.5, 3.6), layout="constrained")
    cr.plot.regret_curves({name: c["truth"] for name, c in curves.items()}, ax=ax)
    ax.set_title("Cumulative regret in the true casino\n(mean and 10-90% band, 20 seeds)",
                 fontsize=10)
    ax.legend(fontsize=8, frameon=False, loc="upper left")
    rounds = list(range(1, ROUNDS + 1))
    for k, (name, c) in enumerate(curves.items()):
        R = c.rewards["truth"].astype(float)
        per_round = R.cumsum(axis=1)[:, 1::2] / rounds
        bx.plot(rounds, per_round.mean(axis=0), color=f"C{k}", label=name)
    bx.axhline(0.5, color="black", linewidth=0.8, linestyle=":",
               label="robust value 1/2 (guaranteed)")
    bx.axhline(0.8, color="C1", linewidth=0.8, linestyle="--", label="Bayesian prediction 4/5")
    for y, a, dy in ((0.4, "A", 2), (0.3, "B", -9)):
        bx.axhline(y, color="grey", linewidth=0.8, linestyle="--")
        bx.annotate(f"bet {a} in the truth", (ROUNDS, y), xytext=(-4, dy),
                    textcoords="offset points", ha="right", fontsize=7, color="grey")
    bx.set_ylim(0, 1)
    bx.set_xlabel("rounds")
    bx.set_ylabel("average reward per round (mean of 20 seeds)")
    bx.set_title("The robust agent gets what it was promised;\nthe Bayesian agent does not",
                 fontsize=10)
    bx.legend(fontsize=7, frameon=False, loc="upper left", bbox_to_anchor=(1.0, 1.0))
    save(fig, __file__)

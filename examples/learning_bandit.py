"""A two-armed bandit as a hypothesis class: the robust agent's cumulative regret, exactly;
maximin against minimax regret; and why maximin alone does not learn.

The bandit. One state s, two arms. The left arm pays 1/2 for sure. The right arm pays 1 in
hypothesis **high** and 1/4 in hypothesis **low**. Each hypothesis is a one-state
supra-MDP (its transition sets are the point mass on s), with the arm's expected reward as
the reward; `cr.learning.HypothesisClass` holds the two.

**Regret of a policy.** With horizon t (undiscounted), V*_t(high) = t (always right) and
V*_t(low) = t/2 (always left). The stationary policies, per hypothesis:

    R_t(left)  = (t − t/2, t/2 − t/2) = (t/2, 0)       (high, low)
    R_t(right) = (t − t,   t/2 − t/4) = (0, t/4)

**Maximin and minimax regret differ.** Maximin compares the worst rewards per step, 1/2
(left) against 1/4 (right): it plays left, worth t/2 in both hypotheses. Minimax regret
compares the worst regrets, t/2 (left) against t/4 (right): it plays right. If low's right
arm pays x instead of 1/4, maximin compares 1/2 with x and minimax regret compares 1/2 with
1/2 − x, so the two differ exactly when 0 < x < 1/2: an arm that may pay less than the
safe one (maximin avoids it) but never loses more than the safe one can (minimax regret
takes it). The script checks x = −1/4, 1/8, 1/4, 3/8, 3/4. (At x = 0 minimax regret ties
and at x = 1/2 maximin ties; both searches give a tie to the first arm, left, so the
boundary points are left out.)

Under a prior the same regrets give the Bayesian regret (weights 1/2, 1/2: t/4 for left,
t/8 for right) and, for a credal prior P(high) in [1/4, 3/4], the lower and upper expected
regret: [t/8, 3t/8] for left, [t/16, 3t/16] for right.

**The robust agent, exactly.** `cr.learning.RobustAgent` plays the maximin policy of the
hypotheses still consistent with what it has seen, and eliminates a hypothesis whose
reward differs from the one observed. It starts with left; both hypotheses say left pays
1/2, so the observation eliminates nothing, and it plays left for ever. Its cumulative
regret after t steps is V*_t − (sum of its rewards), that is

    Reg_t = t/2 in high,   0 in low,

linear in high: the robust agent never tries the arm that would tell the hypotheses apart
(a maximin policy is not an exploration strategy; the learning-theoretic requirement is
regret sublinear in t, see docs/learning.md). Here nature has no choice to make (one state,
point masses), so every run is the same and `cr.learning.regret_curve` returns these
Fractions for every seed; they equal `K.regret` of the agent's stationary policy (left)
at every horizon.

**The optimistic agent** plays the optimal policy of the consistent hypothesis with the
best value: right (high's). In high it is right; in low it sees 1/4, eliminates high, and
plays left from then on. Its regret is 0 in high and 1/2 − 1/4 = 1/4 in low, for every
t >= 1: bounded.

The figure: the cumulative regret curves of both agents in both hypotheses.
"""

from fractions import Fraction as F

import credal as cr

STAY = cr.precise([1], outcomes=["s"])


def bandit(right, left="1/2"):
    """One state s; the arms pay `left` and `right` (expected rewards)."""
    return cr.mdp.SupraMDP({"s": {"left": STAY, "right": STAY}},
                           rewards={"s": {"left": left, "right": right}})


K = cr.learning.HypothesisClass({"high": bandit(1), "low": bandit("1/4")})
LEFT, RIGHT = {"s": "left"}, {"s": "right"}
T = 12

# Regret of the two stationary policies, per hypothesis, at every horizon.
for t in range(1, T + 1):
    assert K.regret(LEFT, start="s", horizon=t) == {"high": F(t, 2), "low": 0}
    assert K.regret(RIGHT, start="s", horizon=t) == {"high": 0, "low": F(t, 4)}

# Maximin and minimax regret differ.
maximin, worst = K.maximin_policy(start="s", horizon=T)
minimax, regret = K.minimax_regret_policy(start="s", horizon=T)
assert (maximin, worst) == (LEFT, F(T, 2))
assert (minimax, regret) == (RIGHT, F(T, 4))
assert K.uniform_regret(LEFT, start="s", horizon=T) == F(T, 2)
print(f"horizon {T}: maximin plays {maximin['s']} (worth at least {worst}), "
      f"minimax regret plays {minimax['s']} (regret at most {regret})")

# They differ exactly when low's right arm pays x with 0 < x < 1/2.
choices = {}
for x in (F(-1, 4), F(1, 8), F(1, 4), F(3, 8), F(3, 4)):
    Kx = cr.learning.HypothesisClass({"high": bandit(1), "low": bandit(x)})
    choices[x] = (Kx.maximin_policy(start="s", horizon=1)[0]["s"],
                  Kx.minimax_regret_policy(start="s", horizon=1)[0]["s"])
    assert (choices[x][0] != choices[x][1]) == (0 < x < F(1, 2))
assert choices[F(-1, 4)] == ("left", "left") and choices[F(3, 4)] == ("right", "right")
print("low's right arm pays x: (maximin, minimax regret) =",
      {str(x): c for x, c in choices.items()})

# Bayesian regret under a precise prior, lower and upper expected regret under a credal one.
precise = cr.learning.HypothesisClass(K.hypotheses, prior={"high": "1/2", "low": "1/2"})
credal = cr.learning.HypothesisClass(
    K.hypotheses, prior=cr.CredalSet.from_bounds(["1/4", "1/4"], ["3/4", "3/4"],
                                                 outcomes=["high", "low"]))
assert precise.bayesian_regret(LEFT, start="s", horizon=T) == F(T, 4)
assert precise.bayesian_regret(RIGHT, start="s", horizon=T) == F(T, 8)
assert credal.bayesian_regret(LEFT, start="s", horizon=T) == (F(T, 8), F(3 * T, 8))
assert credal.bayesian_regret(RIGHT, start="s", horizon=T) == (F(T, 16), F(3 * T, 16))

# The agents' cumulative regret, run by regret_curve: one state, point masses, so nature
# has no choice and every seed gives the same Fractions.
curves = {name: cr.learning.regret_curve(agent, K, steps=T, seeds=3, start="s",
                                         nature="adversarial")
          for name, agent in (("robust", cr.learning.RobustAgent),
                              ("optimistic", cr.learning.OptimisticAgent))}
for name, c in curves.items():
    for h in K.names:
        assert all(list(row) == list(c[h][0]) for row in c[h]), (name, h)
robust, optimistic = curves["robust"], curves["optimistic"]
assert list(robust.optimal["high"]) == list(range(1, T + 1))
assert list(robust["high"][0]) == [F(t, 2) for t in range(1, T + 1)]
assert list(robust["low"][0]) == [0] * T
# ... which is the regret of the stationary policy it plays (left), at every horizon:
assert all(robust[h][0][t - 1] == K.regret(LEFT, start="s", horizon=t)[h]
           for h in K.names for t in range(1, T + 1))
assert list(optimistic["high"][0]) == [0] * T
assert list(optimistic["low"][0]) == [F(1, 4)] * T

# What the agents saw, in one run each.
for truth in K.names:
    env = cr.learning.Environment(K.hypotheses[truth])
    agent = cr.learning.RobustAgent(K)
    traj = cr.learning.run(agent, env, T, start="s", seed=0)
    assert set(traj.actions) == {"left"} and agent.consistent == ("high", "low")
    agent = cr.learning.OptimisticAgent(K)
    traj = cr.learning.run(agent, env, T, start="s", seed=0)
    assert traj.actions[0] == "right" and agent.consistent == (truth,)
    assert set(traj.actions[1:]) == {"right" if truth == "high" else "left"}

for name, c in curves.items():
    print(f"{name:>10s} agent, cumulative regret after {T} steps:",
          {h: str(c[h][0][-1]) for h in K.names})

# The figure.
try:
    import matplotlib.pyplot as plt
    from _gallery import save
except ImportError:  # the checks above do not need matplotlib
    plt = None
if plt is not None:
    fig, ax = plt.subplots(figsize=(6.5, 3.6), layout="constrained")
    cr.plot.regret_curves(
        {f"{name}, truth {h}": c[h] for name, c in curves.items() for h in K.names}, ax=ax)
    for line in ax.get_lines():  # the zero curves overlap: dash the optimistic agent's
        if line.get_label().startswith("optimistic"):
            line.set_linestyle((0, (4, 3)))
            line.set_linewidth(2.2)
    ax.set_title("Two-armed bandit: the robust agent never tries the right arm\n"
                 "(cumulative regret; every seed gives the same curve)", fontsize=10)
    ax.legend(fontsize=8, frameon=False, loc="upper left")
    save(fig, __file__)

"""IntervalMDP.jl's three-state interval MDP, reproduced exactly with from_intervals.

The model. IntervalMDP.jl (a Julia package for interval MDPs, by F. B. Mathiesen) tests its
value iteration on a small interval MDP with three states and two actions per state
(test/base/imdp.jl, synthesis.jl and docs/src/usage.md in its repository, version 0.7.0).
From each state and action the next state is 1, 2 or 3 with a probability in an interval:

    state  action   lower bounds (to 1, 2, 3)   upper bounds (to 1, 2, 3)
      1      1        0,    1/10, 1/5             1/2,  3/5,  7/10
      1      2        1/2,  3/10, 1/10            7/10, 1/2,  3/10
      2      1        1/10, 1/5,  3/10            3/5,  1/2,  2/5
      2      2        1/5,  3/10, 2/5             3/5,  1/2,  2/5
      3    1 and 2    0,    0,    1               0,    0,    1      (absorbing)

IntervalMDP.jl writes the states and actions 1-based; so does this script (they are
labels here). Its "pessimistic" satisfaction mode is credal's adversarial nature, its
"optimistic" mode the cooperative one; its strategies list the first decision first, as
credal's finite-horizon policies do, and ties go to the first action in both.

What the script checks, against the numbers IntervalMDP.jl's tests and documentation
state, and exactly where they are exact:

1. One Bellman step on V = (1, 2, 3): worst case with the best action gives
   (17/10, 21/10, 3); the best case with the worst action (17/10, 11/5, 3); the two actions
   of state 1 alone have lower expectations 17/10 and 3/2, upper 27/10 and 17/10.
2. Reaching state 3 within 10 steps (pessimistic, maximising): 0.9597716064 from state 1
   and 0.9710050144 from state 2, which IntervalMDP.jl prints as the floats
   0.9597716063999999 and 0.9710050144; here they are the exact fractions
   299928627/312500000 and 303439067/312500000. The last step changed them by
   0.0159386464 and 0.0114879264 (IntervalMDP.jl's "residual"), and the policy is action 1
   in state 1 and action 2 in state 2 at every one of the 10 steps.
3. Reaching state 3 eventually: IntervalMDP.jl iterates until a step changes the values by
   less than 1e-6. credal's answer is exactly 1 in every state, with the same stationary
   policy, certified (no tolerance). In the best case with the worst actions,
   IntervalMDP.jl's documentation shows 0.9999977725460893 after 37 iterations; the limit
   is 1, as every action reaches state 3 with probability at least 1/10 at every step.
   credal gets that 1 exactly as one minus the safety value, the largest probability of
   never reaching state 3 against the worst nature.
4. Staying out of state 3 for 10 steps (pessimistic, maximising): action 2 in states 1 and
   2 for the first nine decisions, and at the last decision action 1 in state 2 (a tie:
   both actions reach state 3 with probability at most 2/5 in one step; the first wins).
5. A discounted reward r = (2, 1, 0) per state, discount 9/10, 10 steps, the reward also
   collected at the end (IntervalMDP.jl's convention): action 2 in states 1 and 2 at every
   step. In credal: rewards r(s, a) = r(s) for every action, terminal values r.

The figure: the exact probability of reaching state 3 within k steps, k = 0, ..., 30, with
IntervalMDP.jl's values at k = 10 and credal's exact infinite-horizon value.
"""

from fractions import Fraction as F

import credal as cr

STATES, ACTIONS = [1, 2, 3], [1, 2]
BOUNDS = {  # (state, action): (lower, upper) over the next states 1, 2, 3
    (1, 1): (["0", "1/10", "1/5"], ["1/2", "3/5", "7/10"]),
    (1, 2): (["1/2", "3/10", "1/10"], ["7/10", "1/2", "3/10"]),
    (2, 1): (["1/10", "1/5", "3/10"], ["3/5", "1/2", "2/5"]),
    (2, 2): (["1/5", "3/10", "2/5"], ["3/5", "1/2", "2/5"]),
    (3, 1): (["0", "0", "1"], ["0", "0", "1"]),
    (3, 2): (["0", "0", "1"], ["0", "0", "1"]),
}
lower = [[BOUNDS[(s, a)][0] for a in ACTIONS] for s in STATES]
upper = [[BOUNDS[(s, a)][1] for a in ACTIONS] for s in STATES]


def model(rewards=None):
    return cr.mdp.SupraMDP.from_intervals(lower, upper, states=STATES, actions=ACTIONS,
                                          rewards=rewards)


M = model()
assert M.is_exact and M.n_pairs == 6

# 1. One Bellman step on V = (1, 2, 3).
V = {1: 1, 2: 2, 3: 3}
step = M.solve(horizon=1, terminal=V)
assert step.values == {1: F(17, 10), 2: F(21, 10), 3: 3}
# The best case with the worst action, min_a max_p p.V = -(max_a min_p p.(-V)).
best_worst = M.solve(horizon=1, terminal={s: -v for s, v in V.items()})
assert {s: -v for s, v in best_worst.values.items()} == {1: F(17, 10), 2: F(11, 5), 3: 3}
cooperative = M.solve(horizon=1, terminal=V, nature="cooperative")
assert [step.q_values[(1, a)] for a in ACTIONS] == [F(17, 10), F(3, 2)]
assert [cooperative.q_values[(1, a)] for a in ACTIONS] == [F(27, 10), F(17, 10)]

# 2. Reaching state 3 within 10 steps.
reach10 = M.reachability({3}, horizon=10)
reach9 = M.reachability({3}, horizon=9)
assert reach10.values == {1: F(299928627, 312500000), 2: F(303439067, 312500000), 3: 1}
assert reach10.values == {1: F("0.9597716064"), 2: F("0.9710050144"), 3: 1}
change = {s: reach10.values[s] - reach9.values[s] for s in STATES}
assert change == {1: F("0.0159386464"), 2: F("0.0114879264"), 3: 0}
assert reach10.policy == ({1: 1, 2: 2, 3: 1},) * 10
# IntervalMDP.jl's Float64 answers (its `solve` docstring) round the exact values.
JULIA_REACH10 = {1: 0.9597716063999999, 2: 0.9710050144, 3: 1.0}
assert all(abs(float(reach10.values[s]) - JULIA_REACH10[s]) < 1e-15 for s in STATES)

# 3. Reaching state 3 eventually: exactly 1, certified.
reach = M.reachability({3})
assert reach.values == {1: 1, 2: 1, 3: 1} and reach.residual == 0
assert reach.policy == {1: 1, 2: 2, 3: 1}
# The best case with the worst actions: 1 - (largest probability of never reaching 3).
never = M.safety({3})
assert {s: 1 - v for s, v in never.values.items()} == {1: 1, 2: 1, 3: 1}
JULIA_OPTIMISTIC_MIN = {1: 0.9999977725460893, 2: 0.9999985150307263}   # 37 iterations
assert all(0 < 1 - v < 1e-5 for v in JULIA_OPTIMISTIC_MIN.values())

# 4. Staying out of state 3 for 10 steps.
safe10 = M.safety({3}, horizon=10)
assert safe10.policy[:9] == ({1: 2, 2: 2, 3: 1},) * 9
assert safe10.policy[9] == {1: 2, 2: 1, 3: 1}
# The tie at the last decision: from state 2 both actions reach 3 with probability at most
# 2/5 in one step (the upper bounds of state 3 are both 2/5), so both keep 3/5.
last = M.safety({3}, horizon=1)
assert last.q_values[(2, 1)] == last.q_values[(2, 2)] == F(3, 5)

# 5. The discounted reward r = (2, 1, 0), collected at every step and at the end.
r = {1: 2, 2: 1, 3: 0}
rewarded = model(rewards={s: {a: r[s] for a in ACTIONS} for s in STATES})
paid = rewarded.solve(horizon=10, discount=F(9, 10), terminal=r)
assert paid.policy == ({1: 2, 2: 2, 3: 1},) * 10

print("reach state 3 within 10 steps (exact):",
      {s: str(v) for s, v in reach10.values.items()})
print("  as floats:                          ",
      {s: float(v) for s, v in reach10.values.items()})
print("  policy at every step:               ", reach10.policy[0])
print("reach state 3 eventually (certified): ", {s: str(v) for s, v in reach.values.items()},
      "policy", reach.policy)
print("stay out of state 3 for 10 steps, last decision:", safe10.policy[9])

# The figure: P(reach 3 within k steps) for k = 0..30.
try:
    import matplotlib.pyplot as plt
    from _gallery import save
except ImportError:  # the checks above do not need matplotlib
    plt = None
if plt is not None:
    ks = list(range(31))
    curves = {s: [float(M.reachability({3}, horizon=k).values[s]) for k in ks] for s in (1, 2)}
    fig, ax = plt.subplots(figsize=(7, 3.8), layout="constrained")
    for s, color in ((1, "C0"), (2, "C1")):
        ax.plot(ks, curves[s], "o-", markersize=3, color=color, label=f"from state {s} (exact)")
        ax.plot([10], [JULIA_REACH10[s]], "kx", markersize=9)
    ax.plot([], [], "kx", label="IntervalMDP.jl, 10 steps")
    ax.axhline(1, color="grey", linestyle=":", label="eventually: exactly 1 (certified)")
    ax.set_xlabel("steps k")
    ax.set_ylabel("P(reach 3 within k steps)\nbest policy, worst case")
    ax.set_title("IntervalMDP.jl's three-state interval MDP, pessimistic and maximising",
                 fontsize=10)
    ax.legend(fontsize=8, frameon=False, loc="lower right")
    save(fig, __file__)

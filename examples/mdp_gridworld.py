"""A robust gridworld: the worst-case policy keeps away from the cliff, exactly.

The world. A 4 × 4 grid, row 0 at the top. The agent starts in the bottom-left corner
(3, 0); the goal is the bottom-right corner (3, 3) and the two cells between them,
(3, 1) and (3, 2), are a cliff:

    . . . .
    . . . .
    . . . .
    S X X G

In a cell the agent picks a direction N, E, S or W. The floor is slippery and nobody knows
exactly how slippery: the move goes the intended way with a probability somewhere in
[7/10, 9/10], and slips to each of the two perpendicular directions with a probability in
[1/20, 3/20] (a move off the grid stays put, so the intervals of two directions that lead
to the same cell add up). Entering the goal pays 1 and entering the cliff costs 1 (the
game then ends: the goal and the cliff have one action, "exit", with that reward, into an
absorbing state), and rewards are discounted by 9/10 a step.

Two models of the same world, both built with `SupraMDP.from_intervals`:

- the **robust** one: the intervals above; nature picks the slip probabilities, within
  them, at every step and against the agent (the adversarial reading of a supra-MDP:
  Gelb 2025; Iyengar 2005; Nilim & El Ghaoui 2005);
- the **nominal** one: the precise MDP at the centres of the intervals (the intended
  direction with probability 4/5, each perpendicular one with 1/10).

What it shows, checked exactly (every value is a Fraction, certified by an exact linear
solve and an exact Bellman backup, so `residual == 0`):

1. The two optimal policies differ, and the robust one keeps away from the cliff. In
   (2, 2), just above the cliff, the nominal policy steps E towards the goal's column,
   accepting a slip S into the cliff with probability 1/10; the robust policy steps N,
   whose slips go E and W, never into the cliff. In the start cell the nominal policy
   steps N (a slip E falls off the cliff); the robust one pushes W into the wall, which
   keeps it in place or slips it N, and never E.
2. Each policy is best at what it was optimised for, in every state: the robust policy's
   worst-case value is at least the nominal policy's worst-case value, and the nominal
   policy's value in the nominal model is at least the robust policy's.
3. The robust values are a fixed point of the robust Bellman operator
   V(s) = max_a [r(s, a) + 9/10 · min_{p in T(s, a)} p · V], checked independently with
   `cr.lower_expectation` on each state-action pair's credal set.

The figure: each policy's arrows over its value, worst case (left) and nominal (right).
"""

from fractions import Fraction as F

import credal as cr

ROWS, COLS = 4, 4
START, GOAL = (3, 0), (3, 3)
CLIFF = {(3, 1), (3, 2)}
DONE = "done"                                    # absorbing, after the goal or the cliff
MOVES = {"N": (-1, 0), "E": (0, 1), "S": (1, 0), "W": (0, -1)}
SLIPS = {"N": "EW", "S": "EW", "E": "NS", "W": "NS"}
INTENDED, SLIP = (F(7, 10), F(9, 10)), (F(1, 20), F(3, 20))   # probability intervals
GAMMA = F(9, 10)

CELLS = [(r, c) for r in range(ROWS) for c in range(COLS)]
STATES = [*CELLS, DONE]
ACTIONS = [*MOVES, "exit"]
INDEX = {s: i for i, s in enumerate(STATES)}


def move(cell, direction):
    """Where a step in `direction` from `cell` lands (off the grid: stays put)."""
    r, c = cell[0] + MOVES[direction][0], cell[1] + MOVES[direction][1]
    return (r, c) if 0 <= r < ROWS and 0 <= c < COLS else cell


def model(centre):
    """The robust interval model, or (`centre=True`) the precise one at the centres."""
    S, A = len(STATES), len(ACTIONS)
    lower = [[[F(0)] * S for _ in range(A)] for _ in range(S)]   # all zero: unavailable
    upper = [[[F(0)] * S for _ in range(A)] for _ in range(S)]
    rewards = {}
    for s in STATES:
        i = INDEX[s]
        if s == DONE or s == GOAL or s in CLIFF:
            j = ACTIONS.index("exit")
            lower[i][j][INDEX[DONE]] = upper[i][j][INDEX[DONE]] = F(1)
            rewards[s] = {"exit": 1 if s == GOAL else -1 if s in CLIFF else 0}
            continue
        for j, a in enumerate(MOVES):
            for direction, (lo, up) in [(a, INTENDED)] + [(d, SLIP) for d in SLIPS[a]]:
                if centre:
                    lo = up = (lo + up) / 2
                t = INDEX[move(s, direction)]
                lower[i][j][t] += lo
                upper[i][j][t] = min(upper[i][j][t] + up, F(1))   # a bound above 1 says nothing
    return cr.mdp.SupraMDP.from_intervals(lower, upper, states=STATES, actions=ACTIONS,
                                          rewards=rewards)


robust, nominal = model(centre=False), model(centre=True)
best_robust = robust.solve(discount=GAMMA)       # the worst-case optimal policy
best_nominal = nominal.solve(discount=GAMMA)     # the optimal policy of the precise MDP
pi_r, pi_n = best_robust.policy, best_nominal.policy
worst = {"robust": best_robust.values, "nominal": robust.evaluate(pi_n, discount=GAMMA).values}
centre = {"robust": nominal.evaluate(pi_r, discount=GAMMA).values, "nominal": best_nominal.values}

ARROWS = {"N": "↑", "E": "→", "S": "↓", "W": "←", "exit": "•"}


def grid(policy):
    return ["  ".join("X" if cell in CLIFF else ARROWS[policy[cell]]
                      for cell in CELLS[r * COLS:(r + 1) * COLS]) for r in range(ROWS)]


print("robust policy    nominal policy")
for left, right in zip(grid(pi_r), grid(pi_n), strict=True):
    print(f"{left:17s}{right}")
print()
print(f"value from the start {START}:       worst case    nominal")
for name in ("robust", "nominal"):
    print(f"  {name:8s} policy               {float(worst[name][START]):10.6f} "
          f"{float(centre[name][START]):10.6f}")

# What the example teaches, checked exactly.
assert robust.is_exact and best_robust.residual == 0 and best_nominal.residual == 0
assert all(isinstance(v, F) for v in best_robust.values.values())
# 1. The policies differ, exactly where a slip could reach the cliff.
differ = sorted(s for s in CELLS if pi_r[s] != pi_n[s])
assert differ == [(2, 2), START], differ
assert pi_n[(2, 2)] == "E" and pi_r[(2, 2)] == "N"      # E can slip S into (3, 2)
assert pi_n[START] == "N" and pi_r[START] == "W"        # N can slip E into (3, 1)
# The robust policy never takes a move that can slip into the cliff.
for cell in CELLS:
    if cell not in CLIFF and cell != GOAL:
        a = pi_r[cell]
        assert all(move(cell, d) not in CLIFF for d in a + SLIPS[a]), cell
# 2. Each policy wins, in every state, where it was optimised.
assert all(worst["robust"][s] >= worst["nominal"][s] for s in STATES)
assert all(centre["nominal"][s] >= centre["robust"][s] for s in STATES)
assert worst["robust"][START] > worst["nominal"][START]
assert centre["nominal"][START] > centre["robust"][START]
# The worst case costs: every free cell is worth less under the intervals than at their centre.
assert all(worst["robust"][s] < centre["robust"][s] for s in CELLS
           if s not in CLIFF and s != GOAL)
# 3. The robust values are a fixed point of the robust Bellman operator, checked with the
#    set library (each T(s, a) is the credal set of its intervals).
V = best_robust.values
for s in STATES:
    q = {a: (best_robust.q_values[(s, a)],
             (1 if s == GOAL else -1 if s in CLIFF else 0) * (a == "exit")
             + GAMMA * cr.lower_expectation(T, [V[t] for t in STATES]))
         for a, T in robust.transitions[s].items()}
    assert all(ours == check for ours, check in q.values()), s
    assert V[s] == max(check for _, check in q.values()) == q[pi_r[s]][1]

# The figure: each policy's arrows over its values.
try:
    import matplotlib.pyplot as plt
    from _gallery import save
except ImportError:  # the checks above do not need matplotlib
    plt = None
if plt is not None:
    import numpy as np

    DXY = {"N": (0, -0.3), "E": (0.3, 0), "S": (0, 0.3), "W": (-0.3, 0)}
    fig, axes = plt.subplots(1, 2, figsize=(9, 4.2), layout="constrained")
    panels = [(axes[0], pi_r, worst["robust"], "robust policy: worst-case value"),
              (axes[1], pi_n, centre["nominal"], "nominal policy: nominal value")]
    for ax, policy, values, title in panels:
        heat = np.array([[float(values[(r, c)]) for c in range(COLS)] for r in range(ROWS)])
        image = ax.imshow(heat, cmap="viridis", vmin=-1, vmax=1)
        for (r, c) in CELLS:
            if (r, c) in CLIFF or (r, c) == GOAL:
                ax.text(c, r, "cliff" if (r, c) in CLIFF else "goal", ha="center",
                        va="center", color="black" if (r, c) == GOAL else "white", fontsize=9)
                continue
            dx, dy = DXY[policy[(r, c)]]
            ax.arrow(c - dx / 2, r - dy / 2, dx, dy, head_width=0.15, color="white",
                     length_includes_head=True)
            ax.text(c, r + 0.38, f"{float(values[(r, c)]):.3f}", ha="center", va="center",
                    color="white", fontsize=7)
        ax.set_xticks(range(COLS))
        ax.set_yticks(range(ROWS))
        ax.set_title(title, fontsize=10)
    fig.colorbar(image, ax=axes, shrink=0.8, label="value")
    save(fig, __file__)

"""An imprecise Markov chain: the n-step lower expectation falls strictly below every
homogeneous chain's, exactly; hitting probabilities do not.

The chain. Two states, a and b. From a the chain moves to b with a probability p known
only to lie in [1/4, 3/4] (and stays in a otherwise); from b it returns to a for sure.
Each row is a credal set, and `cr.mdp.ImpreciseMarkovChain` holds them. The gamble is
f = 1_b: "the chain is in b".

Two readings of "p is in [1/4, 3/4]":

- **homogeneous**: p is one unknown number, the same at every step. Each p gives a precise
  chain P_p with P_p^n f(a) = p (1 − (−p)^n) / (1 + p) (its eigenvalues are 1 and −p, and
  p / (1 + p) is its stationary probability of b).
- **epistemic irrelevance** (De Cooman, Hermans & Quaeghebeur 2009): given the present
  state, the past tells nothing more about the next step, so the probability of moving
  may change from one step to the next. The lower expectation of f after n steps is the
  lower transition operator applied n times, T^n f, with
  (T g)(s) = min over the row's set of the expectation of g.

The first is the smaller set of processes, so its minimum is at least T^n f; the example
shows it is *strictly* larger. With two steps from a: T f = (1/4, 0) on (a, b), so nature
first moves to b with the largest probability, 3/4 (b is worth less than a one step
later), and then, from a, moves with the smallest, 1/4: T² f(a) = 1/4 · 1/4 = 1/16. A
homogeneous chain must use one p for both steps: P_p² f(a) = p (1 − p), which is concave
and equals 3/16 at both ends, so no homogeneous chain gets below 3/16. For every n >= 2 the
same bound holds: for even n, p^n <= p² gives P_p^n f(a) >= p (1 − p) >= 3/16; for odd n,
P_p^n f(a) >= p / (1 + p) >= 1/5. The script asserts T^n f(a) < 3/16 for n = 2, ..., 10,
enumerates the homogeneous chains at the vertices p = 1/4 and p = 3/4 exactly, and
rebuilds T^n f(a) as a precise but time-varying chain whose p switches at every step.

Hitting probabilities behave differently. The lower probability of ever reaching a set
A is the least fixed point of h = 1_A + 1_{not A} · T h, and for hitting probabilities the
homogeneous reading and epistemic irrelevance agree: Krak, T'Joens & De Bock (2019) show
that the usual kinds of imprecise Markov chain have the same lower and upper hitting
probabilities. A small gambler's ruin shows it: states 0, 1, 2, 3, with
0 and 3 absorbing, and from 1 or 2 one step up with probability in [1/3, 1/2] (down
otherwise). The lower probability of reaching 3 is that of the chain that always uses
1/3 (1/7 from state 1, 3/7 from state 2), the upper one that of the chain that always
uses 1/2 (1/3 and 2/3). Absorption is certain under every choice, so the lower probability
of reaching 3 is one minus the upper probability of reaching 0. In the two-state chain,
"reach b within two steps" (lower probability 1 − (3/4)² = 7/16) has no gap either: one p,
the smallest, is worst at every step.

The figure: T^n f(a), its upper counterpart, and the homogeneous chains at the vertices,
for n = 0, ..., 10, with the bound 3/16.
"""

from fractions import Fraction as F

import credal as cr

ST = ["a", "b"]
P_LO, P_HI = F(1, 4), F(3, 4)
chain = cr.mdp.ImpreciseMarkovChain({
    "a": cr.CredalSet.from_bounds([1 - P_HI, P_LO], [1 - P_LO, P_HI], outcomes=ST),
    "b": cr.precise([1, 0], outcomes=ST),
})
f = {"a": 0, "b": 1}
N = 10


def precise_steps(ps, g):
    """E[g(X_n) | X_0 = s] for the precise chain whose move probability from a is ps[k] at
    step k (ps[0] first); computed backwards from the last step."""
    v = dict(g)
    for p in reversed(ps):
        v = {"a": (1 - p) * v["a"] + p * v["b"], "b": v["a"]}
    return v


def closed_form(p, n):
    return p * (1 - (-p) ** n) / (1 + p)


lower = {n: chain.lower_expectation(f, n)["a"] for n in range(N + 1)}
upper = {n: chain.upper_expectation(f, n)["a"] for n in range(N + 1)}
homogeneous = {p: {n: precise_steps([p] * n, f)["a"] for n in range(N + 1)} for p in (P_LO, P_HI)}
vertex_min = {n: min(homogeneous[p][n] for p in homogeneous) for n in range(N + 1)}

print("P(in b after n steps | start in a)")
print(f"{'n':>3s} {'lower T^n f':>13s} {'homog. p=1/4':>13s} {'homog. p=3/4':>13s} "
      f"{'upper':>11s}")
for n in range(N + 1):
    print(f"{n:3d} {str(lower[n]):>13s} {str(homogeneous[P_LO][n]):>13s} "
          f"{str(homogeneous[P_HI][n]):>13s} {str(upper[n]):>11s}")

# What the example teaches, checked exactly.
# The homogeneous chains: the closed form, at the vertices and inside the interval.
for p in (P_LO, F(1, 3), F(1, 2), P_HI):
    assert all(precise_steps([p] * n, f)["a"] == closed_form(p, n) for n in range(N + 1))
# Two steps: 1/16 for the imprecise chain, 3/16 = min p(1 − p) for the homogeneous ones.
assert lower[1] == P_LO and lower[2] == F(1, 16)
assert homogeneous[P_LO][2] == homogeneous[P_HI][2] == F(3, 16) == vertex_min[2]
# The strict gap, for every n from 2 on: below the bound 3/16 that holds for every
# homogeneous chain drawn from the sets (the argument above), and so below the minimum
# over the vertex chains too.
BOUND = F(3, 16)
assert all(vertex_min[n] >= BOUND for n in range(2, N + 1))
assert all(lower[n] < BOUND for n in range(2, N + 1))
# One step has no gap: the minimum over the row's set is at a vertex.
assert lower[1] == vertex_min[1] and lower[0] == vertex_min[0] == 0
# The worst case is a precise chain whose p changes with the step: at each step, nature
# moves to b with the largest probability when b is then worth less than a, else with the
# smallest. Chosen backwards from the last step, it gives T^n f(a) exactly.


def worst_steps(n):
    """The move probabilities from a, first step first, of the worst time-varying chain."""
    ps, v = [], dict(f)
    for _ in range(n):
        p = P_HI if v["b"] < v["a"] else P_LO
        ps.insert(0, p)
        v = {"a": (1 - p) * v["a"] + p * v["b"], "b": v["a"]}
    return ps


assert worst_steps(2) == [P_HI, P_LO]        # 3/4 to b, then from a only 1/4: 1/4 · 1/4
for n in range(N + 1):
    ps = worst_steps(n)
    assert precise_steps(ps, f)["a"] == lower[n]
    assert n < 2 or set(ps) == {P_LO, P_HI}  # not homogeneous: both ends are used
# The upper expectation is the conjugate: 1 − lower of 1 − f.
assert all(upper[n] == 1 - chain.lower_expectation({"a": 1, "b": 0}, n)["a"]
           for n in range(N + 1))

# Hitting b within two steps: the smallest p at both steps, 1 − (3/4)², no gap.
hit2 = chain.hitting_probability({"b"}, horizon=2)
assert hit2 == {"a": 1 - (1 - P_LO) ** 2, "b": 1} == {"a": F(7, 16), "b": 1}

# The gambler's ruin: hitting probabilities equal those of homogeneous chains.
RUIN = [0, 1, 2, 3]


def step_up(lo, hi, at):
    """From state `at`: up with probability in [lo, hi], down otherwise."""
    low = [0] * 4
    high = [0] * 4
    low[at + 1], high[at + 1] = lo, hi
    low[at - 1], high[at - 1] = 1 - hi, 1 - lo
    return cr.CredalSet.from_bounds(low, high, outcomes=RUIN)


stay = {s: cr.precise([int(t == s) for t in RUIN], outcomes=RUIN) for s in (0, 3)}
ruin = cr.mdp.ImpreciseMarkovChain({0: stay[0], 1: step_up(F(1, 3), F(1, 2), 1),
                                    2: step_up(F(1, 3), F(1, 2), 2), 3: stay[3]})
reach_lo = ruin.hitting_probability({3})
reach_up = ruin.hitting_probability({3}, lower=False)


def ruin_precise(p):
    """Reaching 3 in the precise chain with up-probability p: h1 = p h2, h2 = p + (1 − p) h1."""
    h1 = p * p / (1 - p + p * p)
    return {0: F(0), 1: h1, 2: p + (1 - p) * h1, 3: F(1)}


print()
print("gambler's ruin, P(reach 3):", {s: str(v) for s, v in reach_lo.items()}, "(lower)",
      {s: str(v) for s, v in reach_up.items()}, "(upper)")
assert reach_lo == ruin_precise(F(1, 3)) == {0: 0, 1: F(1, 7), 2: F(3, 7), 3: 1}
assert reach_up == ruin_precise(F(1, 2)) == {0: 0, 1: F(1, 3), 2: F(2, 3), 3: 1}
# Absorption is certain: lower P(reach 3) = 1 − upper P(reach 0).
reach_0_up = ruin.hitting_probability({0}, lower=False)
assert all(reach_lo[s] == 1 - reach_0_up[s] for s in (1, 2))
# The least fixed point: h = 1 on the target, T h elsewhere (T the lower operator).
h = [reach_lo[s] for s in RUIN]
Th = {s: cr.lower_expectation(ruin_set, h) for s, ruin_set in
      ((1, step_up(F(1, 3), F(1, 2), 1)), (2, step_up(F(1, 3), F(1, 2), 2)))}
assert Th == {1: reach_lo[1], 2: reach_lo[2]}

# The figure.
try:
    import matplotlib.pyplot as plt
    from _gallery import save
except ImportError:  # the checks above do not need matplotlib
    plt = None
if plt is not None:
    ns = list(range(N + 1))
    fig, ax = plt.subplots(figsize=(9.5, 4), layout="constrained")
    ax.plot(ns, [float(lower[n]) for n in ns], "o-", color="C3",
            label="imprecise chain: lower $T^n f$(a)")
    ax.plot(ns, [float(upper[n]) for n in ns], "o-", color="C2", label="imprecise chain: upper")
    for p, color in ((P_LO, "C0"), (P_HI, "C1")):
        ax.plot(ns, [float(homogeneous[p][n]) for n in ns], "s--", color=color, markersize=4,
                label=f"homogeneous chain, p = {p}")
    ax.axhline(float(BOUND), color="grey", linewidth=0.8, linestyle=":",
               label="3/16: no homogeneous chain is below (n ≥ 2)")
    ax.set_xlabel("steps n")
    ax.set_ylabel("P(in b after n steps | start in a)")
    ax.set_title("The lower transition operator goes below every homogeneous chain",
                 fontsize=10)
    ax.legend(fontsize=8, frameon=False, loc="upper left", bbox_to_anchor=(1.0, 1.0))
    save(fig, __file__)

"""The 5-and-10 problem under disambiguative decision theory (DDT), exactly.

The problem. A $5 bill and a $10 bill lie on the table; you may take one. Any sensible
decision theory takes the 10. The trouble starts when the agent's belief already says what
it will do: an agent certain that it takes the 5 has no belief at all about what taking the
10 would bring, and a decision theory that reads "no belief" as "terrible" will take the 5,
and thereby confirm its belief (the "5-and-10" failure of naive proof-based and
conditioning-based agents).

The formalisation (our reconstruction; see docs/ddt.md). Outcomes E = {5, 10} (the money
taken), utility u = identity, policies "take 5" and "take 10" with events E_5 = {5} and
E_10 = {10}. The disambiguation of the belief Φ by a policy keeps the distributions in Φ
with no mass outside its event.

What DDT chooses.
- Φ = ΔE (no belief about what the agent will do): Φ_5 = {δ_5}, Φ_10 = {δ_10}, values 5
  and 10: take 10.
- Φ = {δ_5} (the agent is sure it takes the 5): Φ_5 = {δ_5} is worth 5, and Φ_10 is empty:
  the belief says "I never take the 10". What is the value of a policy the belief rules out?
  - `empty="nirvana"` (the default): +∞. This is the infra-Bayesian convention (the minimum
    over the empty set; "Nirvana"): a policy that refutes the belief cannot be shown bad by
    it, so the agent takes the 10 and the belief is refuted. A belief that the agent never
    takes an option cannot, by itself, keep the agent from taking it.
  - `empty="forbidden"`: −∞. The agent takes the 5, and its belief that it takes the 5 is
    self-fulfilling: the 5-and-10 failure. This is why "nirvana" is the default.

The +∞ is not a promise that the 10 pays infinitely; it only says that the belief has
nothing to say against the policy.

A note on what a DDT belief is. Its ambiguity about the agent's own policy is Knightian: Φ
is a hull of what each policy would bring, not a probability of taking each bill. A precise
belief (9/10, 1/10) "I take the 5 with probability 9/10" has mass on both outcomes, so it
survives neither disambiguation: both policies are refuted by it, and under "nirvana" both
are worth +∞ (a tie). The last lines check this.

The figure: both policies' values for each belief and convention; an infinite value (an
empty disambiguation) is a hatched bar to the edge of the plot.
"""

import math

import matplotlib.pyplot as plt
from _gallery import save
from matplotlib.patches import Patch

import credal as cr

OUTCOMES = [5, 10]
UTILITY = {5: 5, 10: 10}
POLICIES = {"take 5": [5], "take 10": [10]}

beliefs = {"no belief (vacuous)": cr.vacuous(OUTCOMES),
           "sure to take 5": cr.precise([1, 0], outcomes=OUTCOMES)}
rows = []
for name, phi in beliefs.items():
    for empty in ("nirvana", "forbidden"):
        P = cr.DDTProblem(phi, UTILITY, POLICIES, empty=empty)
        rows.append((name, empty, P.values(), P.choose()))

print(f"{'belief':20s} {'empty':10s} {'V(take 5)':>10s} {'V(take 10)':>11s}  chooses")
for name, empty, v, chosen in rows:
    print(f"{name:20s} {empty:10s} {str(v['take 5']):>10s} {str(v['take 10']):>11s}  "
          f"{', '.join(chosen)}")

# What the example teaches, checked exactly.
table = {(name, empty): (v, chosen) for name, empty, v, chosen in rows}
# No belief: take 10, under either convention (no disambiguation is empty).
for empty in ("nirvana", "forbidden"):
    assert table[("no belief (vacuous)", empty)] == ({"take 5": 5, "take 10": 10}, ["take 10"])
# Sure to take 5: the disambiguation by "take 10" is empty.
sure = cr.DDTProblem(beliefs["sure to take 5"], UTILITY, POLICIES)
assert sure.disambiguate("take 10") is None
assert sure.disambiguate("take 5").equals(beliefs["sure to take 5"])
# "nirvana" (the default): V(take 10) = +∞, the agent takes 10 and refutes its belief.
assert sure.values() == {"take 5": 5, "take 10": math.inf}
assert table[("sure to take 5", "nirvana")] == ({"take 5": 5, "take 10": math.inf}, ["take 10"])
# "forbidden": V(take 10) = −∞, the agent takes 5: the 5-and-10 failure.
assert table[("sure to take 5", "forbidden")] == ({"take 5": 5, "take 10": -math.inf}, ["take 5"])

# A probability on the agent's own action is not a DDT belief about the policies: the one
# distribution (9/10, 1/10) has mass outside both events, so both disambiguations are empty.
mixed = cr.DDTProblem(cr.precise(["9/10", "1/10"], outcomes=OUTCOMES), UTILITY, POLICIES)
assert mixed.disambiguate("take 5") is None and mixed.disambiguate("take 10") is None
assert mixed.values() == {"take 5": math.inf, "take 10": math.inf}
assert mixed.choose() == ["take 5", "take 10"]

# The figure: the two policies' values in each case; an infinite value (an empty
# disambiguation) is drawn as a hatched bar to the edge of the plot.
CAP = 14
fig, ax = plt.subplots(figsize=(7, 3.6), layout="constrained")
for i, (_, _, v, chosen) in enumerate(rows):
    for j, policy in enumerate(POLICIES):
        x, value = i + (j - 0.5) * 0.38, v[policy]
        shown = max(-CAP, min(CAP, value))
        bar = ax.bar(x, shown, 0.36, color=f"C{j}", hatch="//" if math.isinf(value) else None,
                     edgecolor="black" if policy in chosen else "none",
                     linewidth=2 if policy in chosen else 0)[0]
        text = {math.inf: "+∞", -math.inf: "−∞"}.get(value, str(value))
        ax.annotate(text, (x, shown), xytext=(0, 3 if shown >= 0 else -3),
                    textcoords="offset points", ha="center",
                    va="bottom" if shown >= 0 else "top", fontsize=9)
ax.axhline(0, color="black", linewidth=0.8)
ax.set_ylim(-CAP - 3, CAP + 3)
ax.set_xticks(range(len(rows)), [f"{name}\nempty = {empty!r}" for name, empty, _, _ in rows],
              fontsize=8)
ax.set_ylabel("value")
ax.set_title("5-and-10 under DDT (choice outlined; hatched: empty disambiguation)", fontsize=10)
ax.legend([Patch(color=f"C{j}") for j in range(len(POLICIES))],
          [f"V({policy})" for policy in POLICIES], fontsize=8, frameon=False, loc="upper left")
save(fig, __file__)

"""The classical decision rules for a credal set, on Troffaes's example, exactly.

Troffaes (2007), "Decision making under uncertainty using imprecise probabilities", compares
the rules on one small problem (also in improb's documentation): a coin with outcomes
X = {H, T} whose probability of heads is only known to lie in [0.28, 0.70], and six acts
(gambles, in utility):

    act   H      T       E_p as a function of p = p(H)
    d1    4      0       4p
    d2    0      4       4 − 4p
    d3    3      2       2 + p
    d4    1/2    3       3 − 5p/2
    d5    2.35   2.35    2.35
    d6    4.1    −0.3    4.4p − 0.3

Each rule answers a different question (Troffaes 2007, "Decision making under uncertainty
using imprecise probabilities"), and they disagree:

- Γ-maximin (best worst case) takes d5, the sure 2.35; Γ-maximax (best best case) takes d2.
- Interval dominance drops only d4, whose best case (2.3) is below d5's worst (2.35).
- Maximality also drops d6: d1 − d6 = (−0.1, 0.3) has a positive lower expectation
  (0.3 − 0.4p ≥ 0.02), so d1 is preferred to d6 under every p in the set.
- E-admissibility keeps the acts that are best for some p: d2 on [0.28, 0.4], d3 on
  [0.4, 2/3], d1 on [2/3, 0.7]. d5 is maximal but never best: it would need p ≥ 0.4125
  (to beat d2) and p ≤ 0.35 (to beat d3).
- Hurwicz with α = 1/2 (the midpoint of the interval of expectations) takes d3; minimax
  regret takes d5; the best randomized act mixes d2 and d3 and is worth more than any pure
  act in the worst case.

Every number asserted below is worked out by hand in the comments beside it. All the
expectations are linear in p, so they are extreme at p = 0.28 or p = 0.7.

The figure plots E_p of each act against p, the credal set shaded, with the lower and upper
expectations marked at its ends, and below it the coin as an interval (credal.plot).
"""

from fractions import Fraction as F

import matplotlib.pyplot as plt
from _gallery import save

import credal as cr
from credal import plot

coin = cr.CredalSet.from_bounds({"H": "0.28"}, {"H": "0.7"}, outcomes=["H", "T"])
acts = {"d1": [4, 0], "d2": [0, 4], "d3": [3, 2], "d4": ["1/2", 3], "d5": ["2.35", "2.35"],
        "d6": ["4.1", "-0.3"]}
lower = {d: cr.lower_expectation(coin, f) for d, f in acts.items()}
upper = {d: cr.upper_expectation(coin, f) for d, f in acts.items()}

print(f"{'act':4s} {'lower':>8s} {'upper':>7s}")
for d in acts:
    print(f"{d:4s} {str(lower[d]):>8s} {str(upper[d]):>7s}")

rules = {
    "Γ-maximin": cr.gamma_maximin(acts, coin),
    "Γ-maximax": cr.gamma_maximax(acts, coin),
    "Hurwicz (α = 1/2)": cr.hurwicz(acts, coin, alpha=F(1, 2)),
    "interval dominance": cr.interval_dominance(acts, coin),
    "maximality": cr.maximality(acts, coin),
    "E-admissibility": cr.e_admissibility(acts, coin),
    "minimax regret": cr.minimax_regret(acts, coin),
}
weights, value = cr.randomized_maximin(acts, coin)
print()
for rule, chosen in rules.items():
    print(f"{rule:20s} {', '.join(chosen)}")
mix = " + ".join(f"{w} {d}" for d, w in weights.items() if w)
print(f"{'randomized maximin':20s} {mix}, worth {value}")

# What the example teaches, checked exactly.
# Lower expectations (at p = 0.28 for d1, d3, d6; at p = 0.7 for d2, d4):
#   d1 4 · 0.28 = 1.12; d2 4 · 0.3 = 1.2; d3 2.28; d4 3 − 1.75 = 1.25; d5 2.35;
#   d6 4.4 · 0.28 − 0.3 = 0.932.
assert lower == {"d1": F(28, 25), "d2": F(6, 5), "d3": F(57, 25), "d4": F(5, 4), "d5": F(47, 20),
                 "d6": F(233, 250)}
# Upper expectations: d1 2.8; d2 4 · 0.72 = 2.88; d3 2.7; d4 3 − 0.7 = 2.3; d5 2.35;
#   d6 4.4 · 0.7 − 0.3 = 2.78.
assert upper == {"d1": F(14, 5), "d2": F(72, 25), "d3": F(27, 10), "d4": F(23, 10),
                 "d5": F(47, 20), "d6": F(139, 50)}
assert rules["Γ-maximin"] == ["d5"]                      # 2.35 is the largest lower
assert rules["Γ-maximax"] == ["d2"]                      # 2.88 is the largest upper
# Interval dominance: upper >= max lower = 2.35; only d4 (2.3) falls short.
assert rules["interval dominance"] == ["d1", "d2", "d3", "d5", "d6"]
# Maximality: d1 beats d6 (0.3 − 0.4p >= 0.02 > 0) and d5 beats d4
# (d5 − d4 = (1.85, −0.65): 2.5p − 0.65 >= 0.05 > 0); nothing beats d1, d2, d3 or d5.
assert rules["maximality"] == ["d1", "d2", "d3", "d5"]
# E-admissibility: the upper envelope of the six lines on [0.28, 0.7] is d2 up to p = 0.4
# (4 − 4p = 2 + p), then d3 up to p = 2/3 (2 + p = 4p), then d1 (d6 only catches up with
# d1 at p = 0.75, outside the set).
assert rules["E-admissibility"] == ["d1", "d2", "d3"]
# Hurwicz, α = 1/2: midpoints d1 1.96, d2 2.04, d3 2.49, d4 1.775, d5 2.35, d6 1.856.
assert rules["Hurwicz (α = 1/2)"] == ["d3"]
# Minimax regret: the regret of d at p is (upper envelope at p) − E_p d, convex in p, so its
# maximum is at p = 0.28 (envelope 2.88) or p = 0.7 (envelope 2.8):
#   d1 max(1.76, 0) = 1.76; d2 max(0, 1.6) = 1.6; d3 max(0.6, 0.1) = 0.6;
#   d4 max(0.58, 1.55) = 1.55; d5 max(0.53, 0.45) = 0.53; d6 max(1.948, 0.02) = 1.948.
assert rules["minimax regret"] == ["d5"]
# Randomized maximin: a mixture's expectation is linear in p, so its worst case is the
# smaller of its values at p = 0.28 and p = 0.7. The pairs (E_0.28, E_0.7) are d1 (1.12, 2.8),
# d2 (2.88, 1.2), d3 (2.28, 2.7), d4 (2.3, 1.25), d5 (2.35, 2.35), d6 (0.932, 2.78); their hull
# meets the diagonal highest on the edge d2–d3, where t d2 + (1 − t) d3 has
# 2.28 + 0.6t = 2.7 − 1.5t, i.e. t = 1/5, worth 2.4. The point lies only on that edge, so the
# mixture is unique. By the minimax theorem 2.4 is also the lowest point of the upper
# envelope (p = 0.4), and it beats the best pure act (d5, 2.35).
assert weights == {"d1": 0, "d2": F(1, 5), "d3": F(4, 5), "d4": 0, "d5": 0, "d6": 0}
assert value == F(12, 5) > max(lower.values())

# The known inclusions between the rules (Troffaes 2007).
chosen = {rule: set(names) for rule, names in rules.items()}
assert chosen["E-admissibility"] <= chosen["maximality"] <= chosen["interval dominance"]
assert chosen["Γ-maximax"] <= chosen["E-admissibility"]
assert chosen["Γ-maximin"] <= chosen["maximality"]

# The figure: E_p(d) = p d(H) + (1 − p) d(T) for each act, over the whole of [0, 1], the set
# [0.28, 0.7] shaded; each act's lower and upper expectations are its values at the ends.
fig, (top, bottom) = plt.subplots(2, 1, figsize=(6.4, 5.2), height_ratios=[5, 1], sharex=True,
                                  layout="constrained")
lo_p, hi_p = (float(cr.lower_probability(coin, ["H"])), float(cr.upper_probability(coin, ["H"])))
top.axvspan(lo_p, hi_p, color="0.9", label="credal set: p(H) in [0.28, 0.7]")
for i, (d, (h, t)) in enumerate(acts.items()):
    h, t = float(F(h)), float(F(t))
    style = {"color": f"C{i}", "linewidth": 2.2 if d in rules["maximality"] else 1.0,
             "linestyle": "-" if d in rules["E-admissibility"] else "--"}
    top.plot([0, 1], [t, h], label=f"{d} = ({acts[d][0]}, {acts[d][1]})", **style)
    top.plot([lo_p, hi_p], [t + lo_p * (h - t), t + hi_p * (h - t)], "o", color=f"C{i}",
             markersize=4)
top.axhline(float(value), color="black", linewidth=0.8, linestyle=":",
            label=f"randomized maximin {weights['d2']} d2 + {weights['d3']} d3: {value}")
top.set_ylabel("expected utility E_p")
top.set_ylim(-0.5, 4.3)
top.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=8, frameon=False,
           title="solid: E-admissible\nthick: maximal", title_fontsize=8)
top.set_title("Troffaes's six acts", fontsize=11)
plot.intervals(coin, ax=bottom, labels=["coin"])
bottom.set_xlabel("p = P(H)")
save(fig, __file__)

"""Ellsberg's three-colour urn, exactly.

An urn holds 30 red balls and 60 that are black or yellow in unknown proportion. People
prefer betting on red to betting on black, yet prefer "black or yellow" to "red or yellow":
no single probability explains both. A credal set does: with P(R) = 1/3 and P(B) anywhere in
[0, 2/3], the lower expectations rank the bets exactly as people do.

The figure: the urn is the segment P(R) = 1/3 of the triangle. A bet's expectation is
constant along parallel lines; its lower expectation is the lowest such line that touches
the urn. The line for "B or Y" at 2/3 holds the whole urn (no ambiguity); the line for B at
0 touches it only at its worst case (1/3, 0, 2/3), marked.
"""

from fractions import Fraction

from _gallery import save

import credal as cr
from credal import plot

urn = cr.CredalSet.from_constraints(A_eq=[[1, 0, 0]], b_eq=["1/3"], outcomes=["R", "B", "Y"])
bets = {"R": ["R"], "B": ["B"], "R or Y": ["R", "Y"], "B or Y": ["B", "Y"]}
lower = {name: cr.lower_probability(urn, event) for name, event in bets.items()}
upper = {name: cr.upper_probability(urn, event) for name, event in bets.items()}

for name in bets:
    print(f"bet on {name:7s} lower {str(lower[name]):4s} upper {upper[name]}")

# What the example teaches, checked exactly.
assert lower == {"R": Fraction(1, 3), "B": 0, "R or Y": Fraction(1, 3), "B or Y": Fraction(2, 3)}
assert lower["R"] > lower["B"] and lower["B or Y"] > lower["R or Y"]
# "B or Y" has no ambiguity at all: its probability is 2/3 under every distribution.
assert upper["B or Y"] == lower["B or Y"] == Fraction(2, 3)
# The worst case for betting on black has no black balls at all.
assert tuple(cr.solve_lower(urn, {"B": 1}).minimizer) == (Fraction(1, 3), 0, Fraction(2, 3))

# The figure: the urn, the worst case for a bet on B, and the iso-expectation lines at the
# lower expectations (each touches the urn where the bet is worth least).
worst_b = cr.solve_lower(urn, {"B": 1})
ax = plot.simplex(urn, labels=["urn: P(R) = 1/3, P(B) in [0, 2/3]"])
plot.point(ax, worst_b.minimizer, label="worst case for a bet on B")
plot.iso_expectation(ax, {"B": 1}, lower["B"], color="C1", label="E(bet on B) = 0")
plot.iso_expectation(ax, {"R": 1, "Y": 1}, lower["R or Y"], color="C2",
                     label="E(bet on R or Y) = 1/3")
plot.iso_expectation(ax, {"B": 1, "Y": 1}, lower["B or Y"], color="C3", linestyle=":",
                     linewidth=2, label="E(bet on B or Y) = 2/3: the whole urn")
ax.legend(loc="upper center", bbox_to_anchor=(0.5, 0.0), fontsize=8, frameon=False)
ax.set_title("Ellsberg's urn", fontsize=11)
save(ax.figure, __file__)

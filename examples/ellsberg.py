"""Ellsberg's three-colour urn, exactly.

An urn holds 30 red balls and 60 that are black or yellow in unknown proportion. People
prefer betting on red to betting on black, yet prefer "black or yellow" to "red or yellow":
no single probability explains both. A credal set does: with P(R) = 1/3 and P(B) anywhere in
[0, 2/3], the lower expectations rank the bets exactly as people do.
"""

from fractions import Fraction

import credal as cr

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

"""Counterfactual mugging: the exact threshold 1/101, found for every coin at once.

The problem and its formalisation are those of `examples/counterfactual_mugging.py` (the
model's few lines are repeated below): Omega flips a coin; on tails it asks for $100; on
heads it pays $10,000 if and only if you would have paid on tails. The policies are "pay"
and "refuse"; each comes with a counterfactual credal set Q(π) over the world's outcomes,
and for a coin with Knightian uncertainty P(heads) ∈ [h, 1] it is the hull over those
coins. Disambiguative decision theory (DDT; our reconstruction, see docs/ddt.md) values a
policy by its worst case over Q(π):

    V(pay)    = min over P(heads) in [h, 1] of 10,000 P(heads) − 100 (1 − P(heads))
              = 10,100 h − 100                         (the worst coin is the lowest),
    V(refuse) = 0                                      (whatever the coin).

So DDT refuses while h < 1/101, is indifferent at h = 1/101, and pays above.

The parametric question. `examples/counterfactual_mugging.py` found the threshold by
algebra and checked DDT at a few coins on either side. Here `cr.parametric.ddt` takes the
whole family h -> DDTProblem and returns the decision regions over h ∈ [0, 1] exactly:

    (0, 1/101): refuse;   at 1/101: pay and refuse (a tie);   (1/101, 1): pay.

The regions are open intervals with the point regions between them: the tie at 1/101 is
a region of its own, and the threshold is the exact rational 1/101, not a number near it.

The values themselves. Disambiguating the problem by a policy gives that policy's face of
the belief (`P.disambiguate(pi)`); its lower expectation of the utility is V(pi). With
`cr.parametric.lower_expectation` over the same family this is a `PiecewiseValue`: one
piece, 10,100 h − 100, for pay, and 0 for refuse, whose crossing is the threshold.

The upper end of the coin's interval does not matter: with P(heads) ∈ [0, h] the worst coin
always lands tails, V(pay) = −100 for every h, and DDT refuses on the whole domain.

The figure: the two values against h, and the decision regions below them.
"""

from fractions import Fraction

import matplotlib.pyplot as plt
import sympy
from _gallery import save

import credal as cr
from credal import plot

# The model of examples/counterfactual_mugging.py.
HEADS, TAILS = "heads", "tails"
WORLD = [(HEADS, "rewarded"), (HEADS, "not rewarded"), (TAILS, "pays"), (TAILS, "refuses")]
UTILITY = {(HEADS, "rewarded"): 10_000, (HEADS, "not rewarded"): 0,
           (TAILS, "pays"): -100, (TAILS, "refuses"): 0}
ON_HEADS = {"pay": (HEADS, "rewarded"), "refuse": (HEADS, "not rewarded")}
ON_TAILS = {"pay": (TAILS, "pays"), "refuse": (TAILS, "refuses")}


def omega(p_heads):
    """{π: Q(π)}: the hull over the coins in `p_heads` of Omega's reaction to π."""
    def point(policy, h):
        p = dict.fromkeys(WORLD, Fraction(0))
        p[ON_HEADS[policy]] = Fraction(h)
        p[ON_TAILS[policy]] = 1 - Fraction(h)
        return p
    return {pi: cr.CredalSet.from_vertices([point(pi, h) for h in p_heads], outcomes=WORLD)
            for pi in ("pay", "refuse")}


def problem(h):
    """The mugging with P(heads) in [h, 1]: the vertices are polynomial (linear) in h."""
    return cr.DDTProblem.from_counterfactuals(omega([h, 1]), UTILITY)


regions = cr.parametric.ddt(problem, domain=(0, 1), symbol="h")
h = regions.symbol
threshold = sympy.Rational(1, 101)

print("DDT's choice as the lower probability h of heads runs over [0, 1]:")
for lo, hi, chosen in regions:  # (no point region at 0 or 1: the ends go with their interval)
    where = f"h = {lo}" if lo == hi else f"{lo} {'<=' if lo == 0 else '<'} h " \
        f"{'<=' if hi == 1 else '<'} {hi}"
    print(f"  {where:16s} {', '.join(chosen)}")

# What the example teaches, checked exactly.
assert regions.breakpoints == (threshold,)
assert list(regions) == [(0, threshold, ("refuse",)),
                         (threshold, threshold, ("pay", "refuse")),
                         (threshold, 1, ("pay",))]
assert regions.acts == ("pay", "refuse") and regions.rule == "ddt"
# The regions agree with DDT itself (DDTProblem.choose, exact ties) at the threshold and on
# either side of it, however close.
for x in (Fraction(0), Fraction(1, 102), Fraction(1, 101), Fraction(100, 10_099),
          Fraction(1, 100), Fraction(1, 2), Fraction(1)):
    assert list(regions.chosen_at(x)) == problem(x).choose(), x

# The values, as piecewise functions of h: lower expectations of the utility over each
# policy's face of the belief.
P = problem(Fraction(1, 2))
values = {pi: cr.parametric.lower_expectation(lambda x, pi=pi: problem(x).disambiguate(pi),
                                              P.utility, domain=(0, 1), symbol="h")
          for pi in P.policies}
assert values["pay"].pieces == ((0, 1, 10_100 * h - 100),)
assert values["refuse"].pieces == ((0, 1, 0),)
assert sympy.solve(values["pay"].pieces[0][2] - values["refuse"].pieces[0][2], h) == [threshold]
for x in (Fraction(0), Fraction(1, 101), Fraction(1, 4), Fraction(1)):
    assert {pi: v(x) for pi, v in values.items()} == problem(x).values()
assert values["pay"](Fraction(1, 4)) == 2_425  # the interval [1/4, 3/4] of the other example

# Only the lower end of the coin's interval matters: with P(heads) in [0, h], refuse always.
upper_only = cr.parametric.ddt(
    lambda x: cr.DDTProblem.from_counterfactuals(omega([0, x]), UTILITY), domain=(0, 1),
    symbol="h")
assert list(upper_only) == [(0, 1, ("refuse",))] and upper_only.breakpoints == ()

print()
print("V(pay)    =", values["pay"].pieces[0][2], "on [0, 1]")
print("V(refuse) =", values["refuse"].pieces[0][2], "on [0, 1]")
print("with P(heads) in [0, h] instead:", ", ".join(upper_only[0][2]), "for every h")

# The figure: the values (top) and the regions (bottom), on a shared h axis; the window
# shows h <= 1/20 so that the threshold is visible.
fig, (top, bottom) = plt.subplots(2, 1, figsize=(6, 4.4), sharex=True, layout="constrained",
                                  height_ratios=[3, 1.3])
plot.piecewise(values["pay"], values["refuse"], ax=top,
               labels=["V(pay) = 10,100 h − 100", "V(refuse) = 0"])
top.plot([1 / 101], [0], "o", color="black", markersize=5)
top.annotate("tie at h = 1/101", (1 / 101, 0), xytext=(8, -16), textcoords="offset points",
             fontsize=8)
top.set_xlabel("")
top.set_ylabel("value ($)")
top.set_title("Counterfactual mugging under DDT, P(heads) in [h, 1]:\n"
              "refuse below h = 1/101, tie at 1/101, pay above", fontsize=10)
plot.regions(regions, ax=bottom)
bottom.set_xlim(-0.002, 0.05)
top.set_ylim(-150, 400)
save(fig, __file__)

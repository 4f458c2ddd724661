"""An Ellsberg-style switch: as more of an urn becomes unknown, where does each decision
rule give up the best bet, and for what?

The urn. 100 balls: by a count we trust, 60 red, 30 black and 10 yellow, p = (3/5, 3/10,
1/10). Then a fraction ε of the balls is replaced by balls of colours nobody tells us. The
belief is the ε-contamination of p,

    S(ε) = {(1 − ε) p + ε q : q any distribution},

with lower and upper expectations (1 − ε) p·f + ε min f and (1 − ε) p·f + ε max f.

The acts. Bets paying 1: on red (1, 0, 0), on black (0, 1, 0), on "not red" (0, 1, 1), and a
sure 2/5. Under p alone the red bet is worth 3/5, far more than the sure 2/5. As ε grows
its worst case (1 − ε) 3/5 falls, and an ambiguity-averse agent, like the subjects of
Ellsberg (1961), eventually takes the amount no ambiguity can touch.

`cr.parametric.decisions` gives, for each rule, the exact regions of ε in [0, 1]:

- **Γ-maximin** (the maxmin expected utility of Gilboa and Schmeidler): red while
  (1 − ε) 3/5 > 2/5, that is ε < 1/3; a tie at ε = 1/3; the sure 2/5 above. A switch.
- **Maximality** never switches, it widens. "Not red" stops being dominated by red when
  E(red − not red) = (1 − ε)(3/5 − 2/5) − ε reaches 0, at ε = 1/6; the sure amount when
  E(red − 2/5) = (1 − ε) 3/5 − 2/5 reaches 0, at ε = 1/3. Red stays: some distribution of
  S(ε) always favours it. Black is beaten pointwise on yellow by "not red", so it is
  dominated while E(yellow) = (1 − ε)/10 > 0: it joins only at ε = 1.
- **E-admissibility** agrees with maximality for the bets (not red is a Bayes act once
  some q in S(ε) has q(red) <= 1/2, (1 − ε) 3/5 <= 1/2, ε >= 1/6) but **never** picks the
  sure 2/5: every distribution gives red or not red at least 1/2 > 2/5. Past ε = 1/3 the
  sure amount is maximal and not E-admissible, the classic gap between the two rules
  (Walley 1991, Troffaes 2007).
- **Interval dominance**, weaker than maximality, keeps black from ε = 3/13, where black's
  upper expectation (1 − ε) 3/10 + ε reaches red's lower one (1 − ε) 3/5, although
  "not red" beats black pointwise.
- **Minimax regret** switches to the sure amount too, later, at ε = 1/2; **Γ-maximax**
  and **Hurwicz** (α = 1/2) stay with red, joined at ε = 1, where the urn is wholly
  unknown, by the other two bets (all three have upper expectation 1).

Every region is checked against the library's own rule (cr.gamma_maximin, ...) on the set
S(x) at the breakpoints and at a rational point inside each open interval. The figure is
the band chart of `credal.plot.regions`, one group of lanes for each of the first four
rules. (`examples/ellsberg.py` has Ellsberg's own urn, whose black/yellow split is wholly
unknown; here the unknown part grows from nothing to everything.)

Sources: D. Ellsberg, "Risk, ambiguity, and the Savage axioms", Quarterly Journal of
Economics 75(4), 643–669 (1961); I. Gilboa and D. Schmeidler, "Maxmin expected utility
with non-unique prior", Journal of Mathematical Economics 18(2), 141–153 (1989); P.
Walley, Statistical Reasoning with Imprecise Probabilities (1991); M. Troffaes, "Decision
making under uncertainty using imprecise probabilities", International Journal of
Approximate Reasoning 45(1), 17–29 (2007).
"""

from fractions import Fraction as F

import sympy
from _gallery import save

import credal as cr
from credal import plot

COLOURS = ["red", "black", "yellow"]
p = ["3/5", "3/10", "1/10"]
ACTS = {"red": [1, 0, 0], "black": [0, 1, 0], "not red": [0, 1, 1], "sure 2/5": ["2/5"] * 3}
RULES = {"Γ-maximin": ("gamma_maximin", cr.gamma_maximin),
         "maximality": ("maximality", cr.maximality),
         "E-admissibility": ("e_admissibility", cr.e_admissibility),
         "interval dominance": ("interval_dominance", cr.interval_dominance),
         "minimax regret": ("minimax_regret", cr.minimax_regret),
         "Γ-maximax": ("gamma_maximax", cr.gamma_maximax),
         "Hurwicz α = 1/2": ("hurwicz", lambda acts, S: cr.hurwicz(acts, S, alpha="1/2"))}


def urn(eps):
    """The ε-contamination of the known count: polynomial (linear) in ε."""
    return cr.contamination(p, eps, outcomes=COLOURS)


def describe(R):
    """The regions as printed lines, "<=" where a domain end belongs to the interval."""
    points = {lo for lo, hi, _ in R if lo == hi}
    lines = []
    for lo, hi, chosen in R:
        if lo == hi:
            where = f"ε = {lo}"
        else:
            left = "<=" if lo == R.domain[0] and lo not in points else "<"
            right = "<=" if hi == R.domain[1] and hi not in points else "<"
            where = f"{lo} {left} ε {right} {hi}"
        lines.append(f"  {where:18s} {', '.join(chosen)}")
    return lines


regions = {label: cr.parametric.decisions(urn, ACTS, rule=rule, domain=(0, 1),
                                          symbol="epsilon")
           for label, (rule, _) in RULES.items()}

for label, R in regions.items():
    print(f"{label}:")
    print("\n".join(describe(R)))

# What the example teaches, checked exactly.
Q = sympy.Rational
red, black, not_red, sure = ACTS
assert list(regions["Γ-maximin"]) == [(0, Q(1, 3), (red,)),
                                      (Q(1, 3), Q(1, 3), (red, sure)),
                                      (Q(1, 3), 1, (sure,))]
assert list(regions["maximality"]) == [
    (0, Q(1, 6), (red,)),
    (Q(1, 6), Q(1, 6), (red, not_red)), (Q(1, 6), Q(1, 3), (red, not_red)),
    (Q(1, 3), Q(1, 3), (red, not_red, sure)), (Q(1, 3), 1, (red, not_red, sure)),
    (1, 1, (red, black, not_red, sure))]
assert list(regions["E-admissibility"]) == [
    (0, Q(1, 6), (red,)),
    (Q(1, 6), Q(1, 6), (red, not_red)), (Q(1, 6), 1, (red, not_red)),
    (1, 1, (red, black, not_red))]
assert list(regions["interval dominance"]) == [
    (0, Q(1, 6), (red,)),
    (Q(1, 6), Q(1, 6), (red, not_red)), (Q(1, 6), Q(3, 13), (red, not_red)),
    (Q(3, 13), Q(3, 13), (red, black, not_red)), (Q(3, 13), Q(1, 3), (red, black, not_red)),
    (Q(1, 3), Q(1, 3), (red, black, not_red, sure)), (Q(1, 3), 1, (red, black, not_red, sure))]
assert list(regions["minimax regret"]) == [(0, Q(1, 2), (red,)),
                                           (Q(1, 2), Q(1, 2), (red, sure)),
                                           (Q(1, 2), 1, (sure,))]
for label in ("Γ-maximax", "Hurwicz α = 1/2"):
    assert list(regions[label]) == [(0, 1, (red,)), (1, 1, (red, black, not_red))]
# The switch points, from the closed forms of the docstring.
eps = sympy.Symbol("epsilon")
assert sympy.solve((1 - eps) * Q(3, 5) - Q(2, 5), eps) == [Q(1, 3)]           # Γ-maximin
assert sympy.solve((1 - eps) * (Q(3, 5) - Q(2, 5)) - eps, eps) == [Q(1, 6)]     # not red
assert sympy.solve((1 - eps) * Q(3, 10) + eps - (1 - eps) * Q(3, 5), eps) == [Q(3, 13)]
# Maximal but never E-admissible: the sure amount, on the whole of [1/3, 1].
for x in (F(1, 3), F(1, 2), F(1)):
    assert sure in regions["maximality"].chosen_at(x)
    assert sure not in regions["E-admissibility"].chosen_at(x)
# Every region agrees with the library's rule applied to the set itself: at each
# breakpoint and at a rational point inside each open interval.
for label, (_, rule) in RULES.items():
    for lo, hi, chosen in regions[label]:
        x = F(str(lo)) if lo == hi else (F(str(lo)) + F(str(hi))) / 2
        assert tuple(rule(ACTS, urn(x))) == chosen, (label, x)

# The figure: one group of lanes per rule (the four that differ most); a bar where the act
# is chosen on an interval, a dot where it is chosen at a single point.
ax = plot.regions({label: regions[label] for label in
                   ("Γ-maximin", "maximality", "E-admissibility", "interval dominance")})
ax.set_xlabel("ε (fraction of the urn of unknown colours)")
ax.set_title("Bets on an urn of 60 red, 30 black, 10 yellow balls, a fraction ε of them "
             "replaced\nby balls of unknown colours: where each rule chooses each act",
             fontsize=10, pad=22)
save(ax.figure, __file__)

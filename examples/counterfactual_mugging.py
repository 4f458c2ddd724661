"""Counterfactual mugging under disambiguative decision theory (DDT), exactly.

The problem. Omega flips a coin. On tails it asks you for $100. On heads it pays you $10,000
if and only if you would have paid on tails (Omega predicts this perfectly). You are asked
after a tails: paying now gains nothing in this branch; the question is what policy to be.

The formalisation. Two policies, "pay" (pay when asked) and "refuse". The world W holds the
payoff-relevant outcomes (coin, what happens) with utilities (heads, rewarded) 10,000;
(heads, not rewarded) 0; (tails, pays) −100; (tails, refuses) 0. Omega reacts to what you
*would* do on tails, also on heads, where you are never asked; so each policy π comes with
a counterfactual credal set Q(π) on W: for a coin with P(heads) = h,

    Q(pay)    = h δ(heads, rewarded)     + (1 − h) δ(tails, pays)
    Q(refuse) = h δ(heads, not rewarded) + (1 − h) δ(tails, refuses)

and for a coin with Knightian uncertainty, h ∈ [h_low, h_high], Q(π) is the hull over h.
`DDTProblem.from_counterfactuals` builds the policy-labelled belief on Π × W, whose
disambiguation by π is Q(π) exactly (this formalisation of disambiguative decision theory
is our reconstruction; see docs/ddt.md). A policy is valued by its worst case.

What DDT chooses.
- Fair coin: V(pay) = 1/2 · 10,000 − 1/2 · 100 = 4,950 against V(refuse) = 0. DDT pays.
  It is updateless: it values the policy before the coin, so it pays after a tails.
- P(heads) ∈ [1/4, 3/4]: for each policy DDT takes the worst coin. Refusing is worth 0
  whatever the coin. Paying is worth 10,100 h − 100, worst at the lowest h: 10,100/4 − 100 =
  2,425 > 0. DDT pays.
- P(heads) ∈ [0, 1] (nothing known about the coin): the worst coin for the payer always
  lands tails, V(pay) = −100 < 0 = V(refuse). DDT refuses. In general DDT pays exactly when
  the lower probability of heads exceeds 1/101, and is indifferent at 1/101.

For contrast: a causal or evidential reasoner that updates on the tails it sees finds that
paying costs 100 and earns nothing, and refuses (as does DDT applied to the belief already
conditioned on tails; last line). Before the coin is flipped, the same reasoners would wish
to be payers.

The figure: V(pay) against the lower probability of heads, a line through 0 at 1/101, with
the three coins marked; V(refuse) is 0 for every coin.
"""

from fractions import Fraction

import matplotlib.pyplot as plt
from _gallery import save

import credal as cr

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


coins = {"fair coin": ["1/2"], "P(heads) in [1/4, 3/4]": ["1/4", "3/4"],
         "P(heads) in [0, 1]": [0, 1]}
problems = {c: cr.DDTProblem.from_counterfactuals(omega(h), UTILITY) for c, h in coins.items()}
values = {c: P.values() for c, P in problems.items()}
choices = {c: P.choose() for c, P in problems.items()}

print(f"{'coin':24s} {'V(pay)':>8s} {'V(refuse)':>10s}  DDT")
for c in coins:
    print(f"{c:24s} {str(values[c]['pay']):>8s} {str(values[c]['refuse']):>10s}  "
          f"{', '.join(choices[c])}")

# What the example teaches, checked exactly.
# Fair coin: 10,000/2 − 100/2 = 4,950 against 0.
assert values["fair coin"] == {"pay": 4_950, "refuse": 0}
assert choices["fair coin"] == ["pay"]
# P(heads) in [1/4, 3/4]: min(10,000/4 − 3 · 100/4, 3 · 10,000/4 − 100/4)
#                       = min(2,425, 7,475) = 2,425; refusing is worth 0 on every coin.
assert values["P(heads) in [1/4, 3/4]"] == {"pay": 2_425, "refuse": 0}
assert choices["P(heads) in [1/4, 3/4]"] == ["pay"]
# Nothing known about the coin: min(10,000, −100) = −100 against 0.
assert values["P(heads) in [0, 1]"] == {"pay": -100, "refuse": 0}
assert choices["P(heads) in [0, 1]"] == ["refuse"]
# The threshold: V(pay) = 10,100 · h_low − 100 is 0 at h_low = 1/101, whatever h_high is.
for h_high in (Fraction(1, 101), Fraction(1, 2), 1):
    P = cr.DDTProblem.from_counterfactuals(omega([Fraction(1, 101), h_high]), UTILITY)
    assert P.values() == {"pay": 0, "refuse": 0} and P.choose() == ["pay", "refuse"]
below = cr.DDTProblem.from_counterfactuals(omega([Fraction(1, 102), 1]), UTILITY)
assert below.choose() == ["refuse"]

# The updateful contrast: condition each Q(π) of the fair coin on tails before deciding.
tails = [w for w in WORLD if w[0] == TAILS]
after_tails = {pi: cr.condition(Q, tails) for pi, Q in omega(["1/2"]).items()}
updateful = cr.DDTProblem.from_counterfactuals(after_tails, UTILITY)
print()
print("after updating on tails:", "; ".join(f"V({k}) = {v}" for k, v in updateful.values().items()),
      "->", ", ".join(updateful.choose()))
assert updateful.values() == {"pay": -100, "refuse": 0}
assert updateful.choose() == ["refuse"]

# The figure: V(pay) against the lower probability of heads (the upper one does not matter),
# computed by DDT at a few coins, on the line 10,100 h − 100; V(refuse) = 0 throughout.
grid = [Fraction(0), Fraction(1, 101), Fraction(1, 20), Fraction(1, 10), Fraction(1, 4),
        Fraction(1, 2), Fraction(3, 4), Fraction(1)]
v_pay = [cr.DDTProblem.from_counterfactuals(omega([h, 1]), UTILITY).values()["pay"]
         for h in grid]
assert v_pay == [10_100 * h - 100 for h in grid]
fig, ax = plt.subplots(figsize=(6, 3.6), layout="constrained")
ax.plot([float(h) for h in grid], v_pay, "o-", color="C0", label="V(pay) = 10,100 h − 100")
ax.axhline(0, color="C1", label="V(refuse) = 0")
ax.axvline(1 / 101, color="0.5", linestyle=":", label="break-even: h = 1/101")
for c, h in coins.items():
    ax.plot(float(Fraction(h[0])), values[c]["pay"], "*", markersize=12, color="black")
    ax.annotate(f"{c}: {int(values[c]['pay']):,}", (float(Fraction(h[0])), values[c]["pay"]),
                xytext=(8, -12), textcoords="offset points", fontsize=8)
ax.set_ylim(bottom=-1_200)
ax.set_xlabel("lower probability of heads, h")
ax.set_ylabel("value ($)")
ax.set_title("Counterfactual mugging under DDT: pay iff h > 1/101", fontsize=10)
ax.legend(fontsize=8, frameon=False, loc="upper left")
save(fig, __file__)

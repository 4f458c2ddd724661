"""XOR blackmail under disambiguative decision theory (DDT), exactly.

The problem (Yudkowsky and Soares, "Functional Decision Theory"). Your house has termites
with some probability; termites cost you $1,000,000. A trustworthy predictor who knows
whether there are termites sends you a letter asking for $1,000, and it sends the letter if
and only if exactly one of these is true: your house has termites; you would pay on
receiving the letter. The letter has arrived. Do you pay?

The formalisation. Two policies, "pay" (pay on receiving the letter) and "refuse". The
world W holds what can happen, with utilities

    (termites, no letter)           −1,000,000   a payer with termites gets no letter
    (termites, letter, refuses)     −1,000,000   a refuser with termites gets the letter
    (no termites, letter, pays)         −1,000   a payer without termites gets the letter
    (no termites, no letter)                 0   a refuser without termites is left alone

The predictor reacts to what you *would* do on receiving a letter, also in the worlds where
it sends none, so each policy π comes with a counterfactual credal set Q(π) on W: with
P(termites) = t,

    Q(pay)    = t δ(termites, no letter)        + (1 − t) δ(no termites, letter, pays)
    Q(refuse) = t δ(termites, letter, refuses)  + (1 − t) δ(no termites, no letter)

and the hull over t when t is only known to lie in an interval. `DDTProblem.from_counterfactuals`
builds the policy-labelled belief on Π × W (our reconstruction of disambiguative decision
theory; see docs/ddt.md).

What DDT chooses: refuse. Paying cannot change whether there are termites; it only changes
whether the letter comes. V(pay) = −1,000,000 t − 1,000 (1 − t) and V(refuse) = −1,000,000 t,
so refusing is better by 1,000 (1 − t) for every t < 1. Under Knightian uncertainty about t
each policy's worst case is the largest t, where refusing is again better, or tied when t
can be 1 (the termites are then certain and the letter is irrelevant). With t = 1/100:
−10,000 against −10,990. This is the FDT answer.

For contrast: an evidential reasoner (EDT) who has the letter in hand compares
E[u | letter, pay] = −1,000 (a payer who got the letter has no termites) with
E[u | letter, refuse] = −1,000,000 (a refuser who got the letter has termites), and pays;
the last lines compute this by conditioning. Paying is news that there are no termites, but
it does not remove any termites: EDT pays $1,000 for good news.

The figure: V(pay) and V(refuse) under each belief about the termites, DDT's choice
outlined.
"""

from fractions import Fraction

from _gallery import bar_chart, save

import credal as cr

T, NOT = "termites", "no termites"
WORLD = [(T, "no letter"), (T, "letter, refuses"), (NOT, "letter, pays"), (NOT, "no letter")]
UTILITY = {(T, "no letter"): -1_000_000, (T, "letter, refuses"): -1_000_000,
           (NOT, "letter, pays"): -1_000, (NOT, "no letter"): 0}
IF_TERMITES = {"pay": (T, "no letter"), "refuse": (T, "letter, refuses")}
IF_NOT = {"pay": (NOT, "letter, pays"), "refuse": (NOT, "no letter")}


def predictor(p_termites):
    """{π: Q(π)}: the hull over the termite probabilities in `p_termites`."""
    def point(policy, t):
        p = dict.fromkeys(WORLD, Fraction(0))
        p[IF_TERMITES[policy]] = Fraction(t)
        p[IF_NOT[policy]] = 1 - Fraction(t)
        return p
    return {pi: cr.CredalSet.from_vertices([point(pi, t) for t in p_termites], outcomes=WORLD)
            for pi in ("pay", "refuse")}


beliefs = {"P(termites) = 1/100": ["1/100"], "P(termites) in [1/100, 1/10]": ["1/100", "1/10"],
           "P(termites) in [0, 1]": [0, 1]}
problems = {b: cr.DDTProblem.from_counterfactuals(predictor(t), UTILITY)
            for b, t in beliefs.items()}
values = {b: P.values() for b, P in problems.items()}
choices = {b: P.choose() for b, P in problems.items()}

print(f"{'belief':30s} {'V(pay)':>11s} {'V(refuse)':>11s}  DDT")
for b in beliefs:
    print(f"{b:30s} {str(values[b]['pay']):>11s} {str(values[b]['refuse']):>11s}  "
          f"{', '.join(choices[b])}")

# What the example teaches, checked exactly.
# t = 1/100: pay −1,000,000/100 − 1,000 · 99/100 = −10,000 − 990 = −10,990; refuse −10,000.
assert values["P(termites) = 1/100"] == {"pay": -10_990, "refuse": -10_000}
assert choices["P(termites) = 1/100"] == ["refuse"]
# t in [1/100, 1/10]: both worst at t = 1/10: pay −100,000 − 900 = −100,900; refuse −100,000.
assert values["P(termites) in [1/100, 1/10]"] == {"pay": -100_900, "refuse": -100_000}
assert choices["P(termites) in [1/100, 1/10]"] == ["refuse"]
# Nothing known (t in [0, 1]): both worst at t = 1, where the termites are certain and the
# letter is irrelevant: a tie at −1,000,000, and refusing is still among the optimal.
assert values["P(termites) in [0, 1]"] == {"pay": -1_000_000, "refuse": -1_000_000}
assert choices["P(termites) in [0, 1]"] == ["pay", "refuse"]

# EDT, letter in hand: a precise joint belief, uncertain about its own policy (any weights
# in (0, 1) give the same answer), conditioned on "the letter came and I pay / refuse".
Q = predictor(["1/100"])
joint = cr.mixture([Q["pay"], Q["refuse"]], ["1/2", "1/2"])
letter_and = {"pay": [(NOT, "letter, pays")], "refuse": [(T, "letter, refuses")]}
edt = {pi: cr.lower_expectation(cr.condition(joint, event), UTILITY)
       for pi, event in letter_and.items()}
print()
print("EDT with the letter in hand:",
      "; ".join(f"E[u | letter, {k}] = {v}" for k, v in edt.items()))
assert edt == {"pay": -1_000, "refuse": -1_000_000}
assert max(edt, key=edt.get) == "pay" != choices["P(termites) = 1/100"][0]

# The figure: V(pay) and V(refuse) under each belief about the termites.
fig, ax = bar_chart(values, choices, "XOR blackmail under DDT",
                    "value (thousands of dollars)", scale=1_000)
save(fig, __file__)

"""Newcomb's problem under disambiguative decision theory (DDT), exactly.

The problem. A predictor has put $1,000 in box A and, in box B, $1,000,000 if it predicted
that you would take box B alone ("one-box") and nothing if it predicted that you would take
both boxes ("two-box"). You choose after the boxes are filled.

The formalisation (the DDT definition is our reconstruction of Kosoy's, see docs/ddt.md).
The outcome space E holds the pairs (prediction, action):

    outcome                  utility
    (one-box, one-box)     1,000,000   predicted one-box, box B full, you take B
    (two-box, two-box)         1,000   predicted two-box, box B empty, you take both
    (one-box, two-box)     1,001,000   box B full and you take both
    (two-box, one-box)             0   box B empty and you take B

The policies are the two actions; the event E_a of a policy holds the outcomes in which you
take a, whatever was predicted. The belief Φ is a credal set on E that is deliberately
ambiguous about what you will do: it says how the prediction relates to the action, not
which action comes. DDT disambiguates Φ by each policy (keeps the distributions with no mass
outside E_a) and values the policy by the worst expected utility that is left.

Three beliefs about the predictor:

1. Perfect predictor: Φ = conv{δ(one-box, one-box), δ(two-box, two-box)}. Disambiguating
   leaves one point for each action: V(one-box) = 1,000,000, V(two-box) = 1,000. DDT
   one-boxes.
2. Noisy predictor: the prediction is right with probability q whatever you do, so
   Φ = conv{μ_a(q)} with μ_a(q) = q δ(a, a) + (1 − q) δ(not a, a). Then
   V(one-box) = q · 1,000,000 and V(two-box) = q · 1,000 + (1 − q) · 1,001,000: one-boxing
   wins exactly when q > 1,001/2,000. With q = 9/10 that is 900,000 against 101,000. When
   the accuracy is only known to lie in [9/10, 1] (Knightian uncertainty about the
   predictor) Φ is the hull of μ_a(q) for q ∈ {9/10, 1}; each policy meets its own worst
   case: one-boxing the least accurate predictor (900,000), two-boxing the most accurate
   (1,000). DDT one-boxes.
3. No belief about the predictor: accuracy anywhere in [0, 1] makes Φ the whole simplex ΔE,
   and DDT becomes maximin over each action's outcomes: one-boxing can lose everything (0),
   two-boxing is sure of 1,000. DDT two-boxes, as it should when the prediction is
   unrelated to what you do.

For contrast: an evidential reasoner (EDT) with a precise accuracy q agrees with DDT's
numbers in case 2 (it conditions on the action). A causal reasoner (CDT) holds the
prediction fixed whatever it does, and then taking both boxes dominates: it is $1,000 better
in every state. The classical rules over the prediction alone (last table) say so.

The figure: V(one-box) and V(two-box) under each belief, DDT's choice outlined.
"""

from fractions import Fraction

from _gallery import bar_chart, save

import credal as cr

ONE, TWO = "one-box", "two-box"
OUTCOMES = [(ONE, ONE), (TWO, TWO), (ONE, TWO), (TWO, ONE)]   # (prediction, action)
UTILITY = {(ONE, ONE): 1_000_000, (TWO, TWO): 1_000, (ONE, TWO): 1_001_000, (TWO, ONE): 0}
POLICIES = {action: [(prediction, action) for prediction in (ONE, TWO)] for action in (ONE, TWO)}
OTHER = {ONE: TWO, TWO: ONE}


def predictor(accuracies):
    """The belief: for each action a and each accuracy q, the point q δ(a, a) + (1 − q) δ(¬a, a)."""
    points = []
    for action in (ONE, TWO):
        for q in accuracies:
            point = dict.fromkeys(OUTCOMES, 0)
            point[(action, action)] += Fraction(q)
            point[(OTHER[action], action)] += 1 - Fraction(q)
            points.append(point)
    return cr.CredalSet.from_vertices(points, outcomes=OUTCOMES)


beliefs = {
    "perfect predictor (q = 1)": predictor([1]),
    "noisy predictor (q = 9/10)": predictor(["9/10"]),
    "accuracy in [9/10, 1]": predictor(["9/10", 1]),
    "no belief (q in [0, 1])": predictor([0, 1]),
}
problems = {name: cr.DDTProblem(phi, UTILITY, POLICIES) for name, phi in beliefs.items()}
values = {name: P.values() for name, P in problems.items()}
choices = {name: P.choose() for name, P in problems.items()}

print(f"{'belief about the predictor':28s} {'V(one-box)':>11s} {'V(two-box)':>11s}  DDT takes")
for name in beliefs:
    v = values[name]
    print(f"{name:28s} {str(v[ONE]):>11s} {str(v[TWO]):>11s}  {', '.join(choices[name])}")

# What the example teaches, checked exactly.
# 1. Perfect predictor: one-box, 1,000,000 against 1,000.
assert values["perfect predictor (q = 1)"] == {ONE: 1_000_000, TWO: 1_000}
assert choices["perfect predictor (q = 1)"] == [ONE]
# Disambiguating leaves a single distribution: the prediction matches the action.
perfect = problems["perfect predictor (q = 1)"]
assert perfect.disambiguate(ONE).equals(cr.precise({o: int(o == (ONE, ONE)) for o in OUTCOMES}))
assert perfect.disambiguate(TWO).equals(cr.precise({o: int(o == (TWO, TWO)) for o in OUTCOMES}))

# 2. Noisy predictor, q = 9/10: 9/10 · 1,000,000 = 900,000 against
#    9/10 · 1,000 + 1/10 · 1,001,000 = 900 + 100,100 = 101,000.
assert values["noisy predictor (q = 9/10)"] == {ONE: 900_000, TWO: 101_000}
assert choices["noisy predictor (q = 9/10)"] == [ONE]
# Accuracy only known to lie in [9/10, 1]: each policy meets its own worst case,
# min(900,000, 1,000,000) = 900,000 and min(101,000, 1,000) = 1,000.
assert values["accuracy in [9/10, 1]"] == {ONE: 900_000, TWO: 1_000}
assert choices["accuracy in [9/10, 1]"] == [ONE]
# The break-even accuracy: q = 1,001/2,000 gives q · 1,000,000 = 500,500 for both actions.
even = cr.DDTProblem(predictor([Fraction(1001, 2000)]), UTILITY, POLICIES)
assert even.values() == {ONE: 500_500, TWO: 500_500} and even.choose() == [ONE, TWO]

# 3. No belief about the predictor: accuracy in [0, 1] is the vacuous set on E, and DDT is
#    maximin over each action's outcomes: min(1,000,000, 0) = 0 against min(1,001,000, 1,000).
assert beliefs["no belief (q in [0, 1])"].equals(cr.vacuous(OUTCOMES))
assert values["no belief (q in [0, 1])"] == {ONE: 0, TWO: 1_000}
assert choices["no belief (q in [0, 1])"] == [TWO]
assert cr.DDTProblem(cr.vacuous(OUTCOMES), UTILITY, POLICIES).choose() == [TWO]

# Contrast: CDT treats the prediction as a state the action cannot change. As gambles over
# the prediction, two-boxing pays 1,000 more in every state, so every classical rule drops
# one-boxing, whatever is believed about the prediction (here: nothing, the vacuous set).
prediction = cr.vacuous([ONE, TWO])
acts = {ONE: {ONE: 1_000_000, TWO: 0}, TWO: {ONE: 1_001_000, TWO: 1_000}}
cdt = {"Γ-maximin": cr.gamma_maximin(acts, prediction),
       "maximality": cr.maximality(acts, prediction),
       "E-admissibility": cr.e_admissibility(acts, prediction)}
print()
print("CDT (the prediction held fixed):", "; ".join(f"{k} {', '.join(v)}" for k, v in cdt.items()))
assert all(chosen == [TWO] for chosen in cdt.values())

# The figure: V(one-box) and V(two-box) under each belief about the predictor.
fig, ax = bar_chart(values, choices, "Newcomb's problem under DDT",
                    "value (thousands of dollars)", scale=1_000)
save(fig, __file__)

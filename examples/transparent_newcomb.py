"""Transparent Newcomb under disambiguative decision theory (DDT), exactly.

The problem. As in Newcomb's problem, box A holds $1,000 and box B holds $1,000,000 or
nothing, but both boxes are transparent: you see whether B is full before you choose. The
predictor filled B if and only if it predicted that you would take B alone on seeing it
full. Seeing a full box, taking both looks like a free $1,000; the question is what policy
to be.

The formalisation. A policy maps what you see to what you do; there are four:

    policy              on seeing B full   on seeing B empty
    always one-box      one-box            one-box
    one-box iff full    one-box            two-box
    one-box iff empty   two-box            one-box
    always two-box      two-box            two-box

The world W holds the pairs (box B, action) with utilities (full, one-box) 1,000,000;
(full, two-box) 1,001,000; (empty, one-box) 0; (empty, two-box) 1,000. The predictor reacts
to what you *would* do on seeing a full box, which may never happen, so this is an FDT-style
problem: each policy π comes with a counterfactual credal set Q(π) on W. A predictor that
errs with probability ε fills B with probability 1 − ε when π one-boxes on a full box (and
ε otherwise), and then you do what π says for the box you see. `DDTProblem.from_counterfactuals`
builds the policy-labelled outcome space Π × W and the belief Φ = conv ⋃ ({π} × Q(π)), whose
disambiguation by π is Q(π) exactly (our reconstruction of disambiguative decision theory;
see docs/ddt.md).

What DDT chooses.
- Perfect predictor (ε = 0): the policies that one-box on a full box are shown a full box
  and get 1,000,000; those that two-box on a full box are shown an empty one and get 0 or
  1,000. DDT chooses "always one-box" and "one-box iff full" (tied: they differ only on the
  empty box, which neither ever sees). Both one-box on seeing the full box, with
  $1,001,000 in plain view: the usual FDT/UDT answer.
- A predictor that errs with probability 1/10, or with unknown probability ε ∈ [0, 1/10]
  (Knightian: each policy meets its worst ε): the empty box now happens, and the tie breaks
  towards "one-box iff full" (900,100 against 900,000): one-box on a full box, take both on
  an empty one.

For contrast: a causal or evidential reasoner that updates on the full box it sees finds
the contents fixed and takes both boxes, i.e. it follows a policy that two-boxes on a full
box; the predictor foresaw it, so it sees an empty box and leaves with 1,000.

The pitfall. Building DDT on the unlabelled space W, with E_π = {(box, π(box))}, gets this
wrong: the outcome (empty, one-box), which only "one-box iff empty" produces, is also
consistent with "always one-box", so the disambiguation of "always one-box" keeps a
distribution in which B is empty, and its value drops to 0. The unlabelled problem ends up
choosing between "one-box iff full" and "always two-box" at 1,000: it forfeits the million.

The figure: V(policy) for each predictor and, in the last group, on the unlabelled space;
DDT's choices outlined.
"""

from fractions import Fraction

from _gallery import bar_chart, save

import credal as cr

ONE, TWO = "one-box", "two-box"
FULL, EMPTY = "full", "empty"
WORLD = [(FULL, ONE), (FULL, TWO), (EMPTY, ONE), (EMPTY, TWO)]          # (box B, action)
UTILITY = {(FULL, ONE): 1_000_000, (FULL, TWO): 1_001_000, (EMPTY, ONE): 0, (EMPTY, TWO): 1_000}
POLICIES = {
    "always one-box": {FULL: ONE, EMPTY: ONE},
    "one-box iff full": {FULL: ONE, EMPTY: TWO},
    "one-box iff empty": {FULL: TWO, EMPTY: ONE},
    "always two-box": {FULL: TWO, EMPTY: TWO},
}


def counterfactual(policy, error):
    """Q(π) for a predictor that errs with probability `error`, a distribution on W."""
    p_full = 1 - error if policy[FULL] == ONE else error
    point = dict.fromkeys(WORLD, Fraction(0))
    point[(FULL, policy[FULL])] += p_full
    point[(EMPTY, policy[EMPTY])] += 1 - p_full
    return point


def predictor(errors):
    """{π: Q(π)}, Q(π) the hull of the distributions for each error rate in `errors`."""
    return {name: cr.CredalSet.from_vertices([counterfactual(pi, Fraction(e)) for e in errors],
                                             outcomes=WORLD)
            for name, pi in POLICIES.items()}


settings = {"ε = 0": [0], "ε = 1/10": ["1/10"], "ε in [0, 1/10]": [0, "1/10"]}
problems = {s: cr.DDTProblem.from_counterfactuals(predictor(e), UTILITY)
            for s, e in settings.items()}
values = {s: P.values() for s, P in problems.items()}
choices = {s: P.choose() for s, P in problems.items()}

print("V(policy), for a predictor that errs with probability ε")
print(f"{'policy':18s}" + "".join(f"{s:>16s}" for s in settings))
for name in POLICIES:
    print(f"{name:18s}" + "".join(f"{str(values[s][name]):>16s}" for s in settings))
for s in settings:
    print(f"DDT chooses, {s}: {' and '.join(choices[s])}")

# What the example teaches, checked exactly.
# Perfect predictor: a full box for exactly the policies that one-box on a full box.
assert values["ε = 0"] == {"always one-box": 1_000_000, "one-box iff full": 1_000_000,
                                       "one-box iff empty": 0, "always two-box": 1_000}
assert choices["ε = 0"] == ["always one-box", "one-box iff full"]
# Every optimal policy one-boxes on seeing a full box, with 1,001,000 in view.
assert all(POLICIES[name][FULL] == ONE for chosen in choices.values() for name in chosen)

# Error 1/10: always one-box   9/10 · 1,000,000 + 1/10 · 0         = 900,000
#             one-box iff full 9/10 · 1,000,000 + 1/10 · 1,000     = 900,100
#             one-box iff empty 9/10 · 0        + 1/10 · 1,001,000 = 100,100
#             always two-box   9/10 · 1,000     + 1/10 · 1,001,000 = 101,000
assert values["ε = 1/10"] == {"always one-box": 900_000, "one-box iff full": 900_100,
                                          "one-box iff empty": 100_100, "always two-box": 101_000}
assert choices["ε = 1/10"] == ["one-box iff full"]
# Error in [0, 1/10]: the worst error rate for each policy (the two rows above, whichever is
# lower): 900,000; 900,100; 0; 1,000.
assert values["ε in [0, 1/10]"] == {
    "always one-box": 900_000, "one-box iff full": 900_100,
    "one-box iff empty": 0, "always two-box": 1_000}
assert choices["ε in [0, 1/10]"] == ["one-box iff full"]

# On the labelled space Π × W, disambiguating by π gives back Q(π) exactly.
Q = predictor([0, "1/10"])
P = problems["ε in [0, 1/10]"]
for name in POLICIES:
    face = P.disambiguate(name)
    support = [o for o, mass in zip(face.outcomes, face.vertices.T, strict=True) if any(mass)]
    assert all(outcome[0] == name for outcome in support)
    assert cr.pushforward(face, lambda outcome: outcome[1]).equals(Q[name])

# The pitfall: the same belief on the unlabelled space W, each policy's event being the
# outcomes it could produce, {(full, π(full)), (empty, π(empty))}.
perfect = predictor([0])
unlabelled_belief = cr.convex_hull(*perfect.values())
events = {name: [(FULL, pi[FULL]), (EMPTY, pi[EMPTY])] for name, pi in POLICIES.items()}
unlabelled = cr.DDTProblem(unlabelled_belief, UTILITY, events)
print()
print("The same perfect predictor on the unlabelled outcome space W (wrong):")
for name, v in unlabelled.values().items():
    print(f"{name:18s}{str(v):>16s}")
print(f"chooses: {' and '.join(unlabelled.choose())}")
# "always one-box" keeps the distribution δ(empty, one-box) that belongs to "one-box iff
# empty": min(1,000,000, 0) = 0. The million is lost.
assert unlabelled.values() == {"always one-box": 0, "one-box iff full": 1_000,
                               "one-box iff empty": 0, "always two-box": 1_000}
assert unlabelled.choose() == ["one-box iff full", "always two-box"]
assert unlabelled.choose() != choices["ε = 0"]

# The figure: V(policy) for each predictor, and (last group) the unlabelled pitfall.
shown = dict(values)
shown["unlabelled W, ε = 0 (wrong)"] = unlabelled.values()
shown_choices = dict(choices)
shown_choices["unlabelled W, ε = 0 (wrong)"] = unlabelled.choose()
fig, ax = bar_chart(shown, shown_choices, "Transparent Newcomb under DDT",
                    "value (thousands of dollars)", scale=1_000)
save(fig, __file__)

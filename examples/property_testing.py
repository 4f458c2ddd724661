"""Property-testing claims about credal sets with hypothesis and `credal.strategies`.

`credal.strategies` draws credal sets, gambles and distributions constructively (no
filtering), exact or float, so a claim about *every* credal set can be tried on many of
them in a second. Hypothesis then *shrinks* a failure to a small counterexample.

Two true laws, which pass:

1. Conjugacy: the upper expectation is the lower expectation of the negated gamble,
   upper E f = −lower E(−f).
2. The Hausdorff bound: |E_S f − E_T f| <= d_H(S, T) · (max f − min f) for any two sets
   over the same outcomes (a consequence of the support-function form of d_H:
   d_H(S, T) = max over f in [0, 1]^n of |E_S f − E_T f|).

One false conjecture: "the lower expectation is additive, E(f + g) = E f + E g". It holds
for a precise set, and lower expectations are superadditive, E(f + g) >= E f + E g, but the
worst case for f need not be the worst case for g, and then E(f + g) is strictly larger.
Hypothesis finds a counterexample; the script prints it, re-checks it by hand with
Fractions, and pictures it: the two gambles' worst cases are different vertices.

All runs are derandomized, with no example database, so the output is reproducible.
"""

from fractions import Fraction as F

from _gallery import save
from hypothesis import Phase, given, settings

import credal as cr
from credal import plot
from credal.strategies import credal_sets, gambles

quick = settings(max_examples=30, derandomize=True, database=None, deadline=None)
seen = {"conjugacy": 0, "hausdorff": 0}


# -- 1. A true law: conjugacy ------------------------------------------------------------
@quick
@given(credal_sets(3, exact=True), gambles(3, exact=True))
def test_conjugacy(S, f):
    seen["conjugacy"] += 1
    assert cr.upper_expectation(S, f) == -cr.lower_expectation(S, -f)


# -- 2. A true law: the Hausdorff bound --------------------------------------------------
@settings(quick, max_examples=20)
@given(credal_sets(3, exact=True, form="vertices", max_vertices=3),
       credal_sets(3, exact=True, form="vertices", max_vertices=3), gambles(3, exact=True))
def test_hausdorff_bound(S, T, f):
    seen["hausdorff"] += 1
    gap = abs(cr.lower_expectation(S, f) - cr.lower_expectation(T, f))
    assert gap <= cr.hausdorff_distance(S, T) * (max(f) - min(f))


test_conjugacy()
test_hausdorff_bound()
print(f"conjugacy holds on {seen['conjugacy']} exact examples")
print(f"the Hausdorff bound holds on {seen['hausdorff']} exact pairs of sets")
assert seen["conjugacy"] >= 20 and seen["hausdorff"] >= 10

# -- 3. A false conjecture: additivity ---------------------------------------------------
failures = []


# Shrinking, but not hypothesis's "explain" phase (a slow report of which parts matter).
@settings(quick, max_examples=200, phases=[Phase.generate, Phase.shrink])
@given(credal_sets(3, exact=True, form="vertices", max_vertices=3),
       gambles(3, min_value=-1, max_value=1, exact=True),
       gambles(3, min_value=-1, max_value=1, exact=True))
def test_additivity(S, f, g):
    if cr.lower_expectation(S, f + g) != cr.lower_expectation(S, f) + cr.lower_expectation(S, g):
        failures.append((S, f, g))        # the last one recorded is the shrunk example
        raise AssertionError("E(f + g) != E f + E g")


try:
    test_additivity()
except AssertionError:
    pass
else:
    raise SystemExit("hypothesis should have refuted additivity")
assert failures, "the conjecture should fail"
S, f, g = failures[-1]
V = [list(v) for v in S.vertices]


def show(xs):
    return "(" + ", ".join(str(x) for x in xs) + ")"


print()
print("conjecture: E(f + g) == E f + E g for every credal set and gambles")
print("hypothesis refutes it with")
print(f"  S = conv{{{', '.join(show(v) for v in V)}}}")
print(f"  f = {show(f)},  g = {show(g)}")

# Re-check the counterexample by hand, with Fractions: a lower expectation over a V-form
# set is the least expectation at a vertex.
def lower(h):
    return min(sum((F(a) * F(b) for a, b in zip(v, h, strict=True)), F(0)) for v in V)


Ef, Eg, Efg = lower(f), lower(g), lower([a + b for a, b in zip(f, g, strict=True)])
print(f"  E f = {Ef}, E g = {Eg}, E f + E g = {Ef + Eg}, but E(f + g) = {Efg}")
assert (Ef, Eg, Efg) == (cr.lower_expectation(S, f), cr.lower_expectation(S, g),
                         cr.lower_expectation(S, f + g))
assert Efg != Ef + Eg
# What is true instead: superadditivity, E(f + g) >= E f + E g, and here strictly.
assert Efg > Ef + Eg
# Why: no distribution is a worst case for both gambles (if one were, it would be a worst
# case for f + g and the two sides would agree).
worst_f = [v for v in V if lower(f) == sum(F(a) * F(b) for a, b in zip(v, f, strict=True))]
worst_g = [v for v in V if lower(g) == sum(F(a) * F(b) for a, b in zip(v, g, strict=True))]
assert not any(v in worst_g for v in worst_f)
# Shrinking tends to end at g = −f: then E f + E(−f) = E f − upper E f, which falls short of
# E(0) = 0 by the width of f's interval of expectations, the set's imprecision about f.
if all(a == -b for a, b in zip(f, g, strict=True)):
    width = cr.upper_expectation(S, f) - Ef
    assert width > 0 and Ef + Eg == -width and Efg == 0
    print(f"  (g = −f: E f + E(−f) = −(upper E f − E f) = {-width}, the imprecision about f)")
# Precise sets are additive: at the counterexample's first vertex both sides agree.
P = cr.precise(V[0])
assert cr.lower_expectation(P, f + g) == cr.lower_expectation(P, f) + cr.lower_expectation(P, g)

# The figure: the counterexample's set, each gamble's worst case and iso-expectation line.
ax = plot.simplex(S, labels=["S (hypothesis's counterexample)"])
for h, name, color, marker in ((f, "f", "C1", "v"), (g, "g", "C2", "^")):
    r = cr.solve_lower(S, h)
    plot.point(ax, r.minimizer, marker=marker, markersize=11, color=color,
               label=f"worst case for {name} = {show(h)}: E {name} = {r.value}")
    plot.iso_expectation(ax, h, r.value, color=color)
fg = f + g
if max(fg) != min(fg):
    r = cr.solve_lower(S, fg)
    plot.point(ax, r.minimizer, marker="*", markersize=13, color="black",
               label=f"worst case for f + g: E(f + g) = {r.value} > {Ef + Eg}")
    plot.iso_expectation(ax, fg, r.value, color="black")
else:
    ax.plot([], [], " ", label=f"f + g is constant: E(f + g) = {Efg} > {Ef + Eg}")
ax.legend(loc="upper center", bbox_to_anchor=(0.5, 0.0), fontsize=8, frameon=False)
ax.set_title("A counterexample to additivity, found by hypothesis", fontsize=10)
save(ax.figure, __file__)

"""A switch at an irrational point: Γ-maximin changes its mind at t = √2/2 exactly, and a
grid of parameter values can only bracket it.

The family. Two outcomes {H, T}; the probability of H is only known to be at least t², for
a parameter t in [0, 1]:

    S(t) = {(q, 1 − q) : t² <= q <= 1}      (`CredalSet.from_bounds([t*t, 0], [1, 1])`).

Its data are polynomials in t (of degree 2), which is what `credal.parametric` needs.

The acts: x = (1, 0), a bet on H, and y = (1/2, 1/2), a sure 1/2. Their lower expectations
are t² and 1/2, so Γ-maximin takes y while t² < 1/2, both at t² = 1/2, and x above: it
switches at t = √2/2 = 0.7071..., an irrational number. `cr.parametric.decisions` returns
that breakpoint as the sympy number `sqrt(2)/2`: the boundaries of the regions are real
roots of polynomials built from the family's data (here t² − 1/2), isolated exactly and
written in radicals up to degree 2 and as `CRootOf` beyond. The values at it are exact
too: the lower expectation of x at √2/2 is 1/2, not 0.5000000000000001.

Why a grid sweep can only bracket it. A sweep decides the rule at chosen points, here
rational numbers (or floats, which are rationals). √2/2 is not one of them, so every grid
point sees y alone or x alone: the sweep learns that the switch lies between two
neighbouring grid points, never where, and never sees the tie. Refining the grid narrows
the bracket by the factor of the refinement, with one more evaluation of the rule per
point. Even the float nearest √2/2 is above it (its square is 1/2 + 2⁻⁵³ after rounding,
and exactly above 1/2 as a Fraction), so there x alone is chosen.

A cubic. With the lower bound (t³ + t)/2 instead, the switch is the real root of
t³ + t − 1 (0.6823...), which credal returns as a sympy `CRootOf` (the root of index 0
of that polynomial, its only real one): an exact algebraic number, held as its polynomial
and an isolating interval, not a float.

The figure: the lower expectations of the two acts against t, and the regions of
Γ-maximin below, with the breakpoint labelled exactly.
"""

from fractions import Fraction

import matplotlib.pyplot as plt
import sympy
from _gallery import save

import credal as cr
from credal import plot

OUTCOMES = ["H", "T"]
ACTS = {"x": [1, 0], "y": ["1/2", "1/2"]}


def family(t):
    """P(H) >= t²: polynomial (degree 2) in t."""
    return cr.CredalSet.from_bounds([t * t, 0], [1, 1], outcomes=OUTCOMES)


def cubic_family(t):
    """P(H) >= (t³ + t)/2: polynomial (degree 3) in t, and in [0, 1] for t in [0, 1]."""
    return cr.CredalSet.from_bounds([(t ** 3 + t) / 2, 0], [1, 1], outcomes=OUTCOMES)


regions = cr.parametric.decisions(family, ACTS, rule="gamma_maximin", domain=(0, 1))
low_x = cr.parametric.lower_expectation(family, ACTS["x"], domain=(0, 1))
low_y = cr.parametric.lower_expectation(family, ACTS["y"], domain=(0, 1))
t = regions.symbol
root = sympy.sqrt(2) / 2

print("Γ-maximin between x = (1, 0) and y = (1/2, 1/2) when P(H) >= t²:")
for lo, hi, chosen in regions:
    print(f"  {'t = ' + str(lo) if lo == hi else str(lo) + ' .. ' + str(hi):18s} "
          f"{', '.join(chosen)}")
print(f"  the breakpoint {regions.breakpoints[0]} = {sympy.N(regions.breakpoints[0], 30)}")

# What the example teaches, checked exactly.
assert regions.breakpoints == (root,)
assert list(regions) == [(0, root, ("y",)), (root, root, ("x", "y")), (root, 1, ("x",))]
assert low_x.pieces == ((0, 1, t ** 2),) and low_y.pieces == ((0, 1, sympy.Rational(1, 2)),)
# The value at the irrational point is exact, and so is the tie there.
assert low_x(root) == sympy.Rational(1, 2) == low_y(root)
assert regions.chosen_at(root) == ("x", "y")
assert sympy.minimal_polynomial(regions.breakpoints[0], t) == 2 * t ** 2 - 1

# A grid sweep: Γ-maximin at n + 1 equally spaced rational points. It brackets the switch
# between two neighbours, never hits it, and never sees the tie.
print()
print(f"{'grid points':>12s}  {'bracket':>22s}  width")
for n in (10, 100, 1000):
    grid = [Fraction(k, n) for k in range(n + 1)]
    chosen = [cr.gamma_maximin(ACTS, family(x)) for x in grid]
    assert all(c in (["y"], ["x"]) for c in chosen)          # never the tie ["x", "y"]
    k = chosen.index(["x"])
    assert chosen[:k] == [["y"]] * k and chosen[k:] == [["x"]] * (n + 1 - k)
    a, b = grid[k - 1], grid[k]
    assert a < root < b and b - a == Fraction(1, n)
    print(f"{n + 1:>12d}  [{str(a):>9s}, {str(b):>9s}]  1/{n}")
# The float nearest √2/2 is above it: there x alone is chosen, even in exact arithmetic.
nearest = Fraction(float(root))
assert nearest > root and nearest * nearest > Fraction(1, 2)
assert float(root) ** 2 == 0.5 + 2 ** -53
assert cr.gamma_maximin(ACTS, family(nearest)) == ["x"]
# The exact answer agrees with the rule on either side of the root, however close.
for x in (Fraction(7071, 10_000), Fraction(7072, 10_000), nearest):
    assert list(regions.chosen_at(x)) == cr.gamma_maximin(ACTS, family(x))

# The cubic: the switch is the real root of t³ + t − 1, a CRootOf.
cubic = cr.parametric.decisions(cubic_family, ACTS, rule="gamma_maximin", domain=(0, 1))
(b,) = cubic.breakpoints
assert b == sympy.CRootOf(t ** 3 + t - 1, 0) and isinstance(b, sympy.CRootOf)
assert sympy.minimal_polynomial(b, t) == t ** 3 + t - 1
assert list(cubic) == [(0, b, ("y",)), (b, b, ("x", "y")), (b, 1, ("x",))]
low_cubic = cr.parametric.lower_expectation(cubic_family, ACTS["x"], domain=(0, 1))
# Its value there is exactly 1/2 (credal returns it as an expression in the root; its
# minimal polynomial 2v − 1 says it is 1/2).
assert sympy.minimal_polynomial(low_cubic(b), t) == 2 * t - 1
print()
print(f"lower bound (t³ + t)/2: switch at {b} = {sympy.N(b, 20)}")

# The figure: the two lower expectations (top) and Γ-maximin's regions (bottom).
fig, (top, bottom) = plt.subplots(2, 1, figsize=(6, 4.4), sharex=True, layout="constrained",
                                  height_ratios=[3, 1.3])
plot.piecewise(low_x, low_y, ax=top, labels=["lower E of x = (1, 0): t²",
                                             "lower E of y = (1/2, 1/2): 1/2"])
top.plot([float(root)], [0.5], "o", color="black", markersize=5)
top.annotate("tie at t = √2/2", (float(root), 0.5), xytext=(8, -16),
             textcoords="offset points", fontsize=8)
grid = [k / 10 for k in range(11)]
top.plot(grid, [-0.04] * len(grid), "|", color="0.4", markersize=8,
         label="a grid of 11 points: the switch is between 0.7 and 0.8")
top.legend(fontsize=8, frameon=False, loc="upper left")
top.set_xlabel("")
top.set_ylabel("lower expectation")
top.set_title("P(H) >= t²: Γ-maximin switches from y to x at t = √2/2 exactly", fontsize=10)
plot.regions(regions, ax=bottom)
save(fig, __file__)

"""A TV ball that grows: its lower and upper expectations as exact piecewise functions of
the radius, and why the breakpoints are where they are.

The set. Around p = (1/2, 1/3, 1/6) over the outcomes {a, b, c}, the total-variation ball
of radius r holds every distribution that moves at most r of p's mass:

    B(r) = {q : d_TV(p, q) = 1/2 Σ |q_i − p_i| <= r}.

The question. How does the lower expectation of f = (0, 1, 2) change as r runs over
[0, 1]? `cr.parametric.lower_expectation` answers for every r at once, exactly:

    E_r f = 2/3 − 2r   on [0, 1/6],
            1/2 − r    on [1/6, 1/2],
            0          on [1/2, 1].

Why these pieces. The worst distribution of the ball moves r of the mass from where f is
highest to where it is lowest (outcome a, f = 0). Moving it from c lowers the expectation
by f(c) − f(a) = 2 per unit moved, so the slope is −2; but c holds only 1/6, so at
r = 1/6 it is empty. Then the mass comes from b, at 1 per unit: slope −1, until b's 1/3 is
gone too, at r = 1/6 + 1/3 = 1/2. From there all the mass sits on a and E_r f = min f = 0.
**The breakpoints are the cumulative masses of the outcomes emptied, best outcome first**
(1/6, then 1/6 + 1/3), and the slopes are −(f(i) − min f) for the outcome i being emptied.
The slopes increase (−2, −1, 0): the value is convex in r, as it must be, since
λ B(r) + (1 − λ) B(s) ⊆ B(λ r + (1 − λ) s) (the TV distance is convex).

The upper expectation moves mass the other way, onto c (f = 2) from where f is lowest:
first a's 1/2 at 2 per unit, then b's 1/3 at 1 per unit:

    Ē_r f = 2/3 + 2r   on [0, 1/2],
            7/6 + r    on [1/2, 5/6],
            2          on [5/6, 1],

with breakpoints 1/2 and 1/2 + 1/3 = 5/6. From r = 5/6 = 1 − min p on, the ball is the
whole simplex.

The script checks each piece against the closed form, each value against the library's
own (non-parametric) lower expectation at rational radii including the breakpoints, the
conjugacy Ē f = −E(−f), and the imprecision Ē f − E f (4r while r <= 1/6). The figure
draws both curves with `credal.plot.piecewise`, breakpoints marked.
"""

from fractions import Fraction as F

import sympy
from _gallery import save

import credal as cr
from credal import plot

OUTCOMES = ["a", "b", "c"]
p = ["1/2", "1/3", "1/6"]
f = [0, 1, 2]


def ball(r):
    """The family r -> B(r); called with Fractions by the parametric analysis."""
    return cr.tv_ball(p, r, outcomes=OUTCOMES)


lower = cr.parametric.lower_expectation(ball, f, domain=(0, 1), symbol="r")
upper = cr.parametric.upper_expectation(ball, f, domain=(0, 1), symbol="r")
r = lower.symbol
Q = sympy.Rational

print("lower expectation of f = (0, 1, 2) over the TV ball of radius r around (1/2, 1/3, 1/6)")
for name, value in (("lower", lower), ("upper", upper)):
    print(f"{name}:")
    for lo, hi, expr in value.pieces:
        print(f"  r in [{str(lo):>3s}, {str(hi):>3s}]:  {expr}")
    print(f"  breakpoints: {', '.join(str(b) for b in value.breakpoints)}")

# What the example teaches, checked exactly.
# The pieces, as derived in the docstring.
assert lower.pieces == ((0, Q(1, 6), Q(2, 3) - 2 * r),
                        (Q(1, 6), Q(1, 2), Q(1, 2) - r),
                        (Q(1, 2), 1, 0))
assert upper.pieces == ((0, Q(1, 2), Q(2, 3) + 2 * r),
                        (Q(1, 2), Q(5, 6), Q(7, 6) + r),
                        (Q(5, 6), 1, 2))
# The breakpoints are the cumulative masses emptied: c's 1/6, then b's 1/3 (lower); a's
# 1/2, then b's 1/3 (upper).
p_a, p_b, p_c = (F(x) for x in p)
assert lower.breakpoints == (p_c, p_c + p_b) == (Q(1, 6), Q(1, 2))
assert upper.breakpoints == (p_a, p_a + p_b) == (Q(1, 2), Q(5, 6))
# The slopes are -(f(i) - min f) for the outcome emptied, increasing: convex in r.
slopes = [sympy.diff(expr, r) for _, _, expr in lower.pieces]
assert slopes == [-2, -1, 0] == [-(f[2] - f[0]), -(f[1] - f[0]), 0]
assert slopes == sorted(slopes)
# Consecutive pieces meet at each breakpoint (the value is continuous).
for (_, hi, e1), (lo, _, e2) in zip(lower.pieces, lower.pieces[1:], strict=False):
    assert hi == lo and e1.subs(r, hi) == e2.subs(r, lo)
# Every value agrees with the library's lower and upper expectation of the set itself, at
# rational radii including the breakpoints and the domain's ends.
radii = [F(0), F(1, 12), F(1, 6), F(1, 4), F(1, 3), F(1, 2), F(2, 3), F(5, 6), F(9, 10), F(1)]
for x in radii:
    assert lower(x) == cr.lower_expectation(ball(x), f)
    assert upper(x) == cr.upper_expectation(ball(x), f)
# Conjugacy: the upper expectation of f is minus the lower expectation of -f.
minus = cr.parametric.lower_expectation(ball, [-v for v in f], domain=(0, 1), symbol="r")
assert [(lo, hi, -e) for lo, hi, e in minus.pieces] == list(upper.pieces)
# The imprecision: 4r while neither side has run out of mass (r <= 1/6), then slower.
for x in (F(1, 12), F(1, 8), F(1, 6)):
    assert upper(x) - lower(x) == 4 * x
assert upper(F(1, 3)) - lower(F(1, 3)) == F(7, 6) < 4 * F(1, 3)
# Beyond r = 5/6 = 1 - min p the ball is the whole simplex: min f and max f.
assert lower(F(5, 6)) == min(f) and upper(F(5, 6)) == max(f)

print()
print(f"{'r':>5s} {'lower':>6s} {'upper':>6s}")
for x in radii:
    print(f"{str(x):>5s} {str(lower(x)):>6s} {str(upper(x)):>6s}")

# The figure: both curves, breakpoints dotted; the mass being moved named on each piece.
ax = plot.piecewise(lower, upper, labels=["lower expectation E_r f",
                                          "upper expectation Ē_r f"])
for x, y, text in ((0.05, 0.3, "from c\n(slope −2)"), (0.36, 0.24, "from b\n(slope −1)"),
                   (0.3, 1.5, "onto c from a\n(slope +2)"),
                   (0.68, 1.66, "from b\n(slope +1)")):
    ax.annotate(text, (x, y), fontsize=7, ha="center", color="0.3")
ax.set_ylabel("expectation of f = (0, 1, 2)")
ax.set_title("TV ball of radius r around (1/2, 1/3, 1/6): exact pieces, breakpoints\n"
             "1/6, 1/2 (lower) and 1/2, 5/6 (upper)", fontsize=10)
save(ax.figure, __file__)

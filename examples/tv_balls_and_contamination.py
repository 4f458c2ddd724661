"""Two ways to be unsure about a distribution p: a total-variation ball and an
ε-contamination, pictured and checked exactly.

Around the same centre p = (1/2, 1/3, 1/6) over three outcomes {a, b, c}:

- the **TV ball** {q : d_TV(p, q) <= ε} holds every distribution that moves at most ε of
  p's mass. While it stays inside the simplex (ε <= min p) its vertices are the n(n − 1)
  moves p + ε(e_i − e_j) of ε from one outcome to another: a hexagon for n = 3.
- the **ε-contamination** {(1 − ε) p + ε q : q any distribution} keeps 1 − ε of p and lets
  an adversary place the rest: a copy of the simplex shrunk by ε around p, with the n
  vertices (1 − ε) p + ε e_i.

Each contaminated point moves ε·d_TV(q, p) <= ε of p's mass, so the contamination lies in
the TV ball of the same ε (and is strictly smaller: its diameter is ε, the ball's 2ε).

Both have closed-form lower expectations, which credal uses instead of an LP:
contamination E f = (1 − ε) p·f + ε min f; TV ball: move up to ε of the mass from where f is
highest to where f is lowest. Below, both are checked against an exact LP over an H-form
built independently from their lower probabilities: P(A) >= max(p(A) − ε, 0) for the ball,
P(A) >= (1 − ε) p(A) for the contamination.

The second panel takes ε = 1/4 > p(c) = 1/6: the ball is cut by the side c = 0 of the
simplex (two of the six moves would need negative mass), the contamination never is.
"""

import itertools
from fractions import Fraction as F

import matplotlib.pyplot as plt
from _gallery import save

import credal as cr
from credal import plot

OUTCOMES = ["a", "b", "c"]
p = [F(1, 2), F(1, 3), F(1, 6)]
EVENTS = [list(A) for k in (1, 2) for A in itertools.combinations(range(3), k)]
GAMBLES = [[0, 1, 2], [3, -1, 1], [1, 0, 0], [-2, 5, F(1, 2)], [0, 0, 1], [F(7, 3), 2, -1]]


def contamination_lower(eps, f):
    """(1 − ε) p·f + ε min f."""
    return (1 - eps) * sum(pi * fi for pi, fi in zip(p, f, strict=True)) + eps * min(f)


def tv_lower(eps, f):
    """Move up to ε of the mass from the outcomes where f is highest onto its lowest."""
    f = [F(v) for v in f]
    low = min(range(3), key=lambda i: f[i])
    q, left = list(p), eps
    for i in sorted(range(3), key=lambda i: f[i], reverse=True):
        if i != low:
            take = min(q[i], left)
            q[i], q[low], left = q[i] - take, q[low] + take, left - take
    return sum(qi * fi for qi, fi in zip(q, f, strict=True))


def lower_probability_form(bound):
    """The H-form {q : q(A) >= bound(A) for every event A}, built from lower probabilities."""
    return cr.CredalSet.from_lower_probabilities(
        {tuple(OUTCOMES[i] for i in A): bound(A) for A in EVENTS}, outcomes=OUTCOMES)


def p_of(A):
    return sum((p[i] for i in A), F(0))


results = {}
for eps in (F(1, 8), F(1, 4)):
    ball = cr.tv_ball(p, eps, outcomes=OUTCOMES)
    cont = cr.contamination(p, eps, outcomes=OUTCOMES)
    ball_h = lower_probability_form(lambda A, e=eps: max(p_of(A) - e, F(0)))
    cont_h = lower_probability_form(lambda A, e=eps: (1 - e) * p_of(A))

    # The contamination lies in the ball of the same ε, and is strictly smaller.
    assert cont.issubset(ball) and not ball.issubset(cont)
    assert cr.diameter(cont) == eps and cr.diameter(ball) == 2 * eps
    # Both contain p, and every point of the ball is within ε of p: d_H <= ε.
    d_h = cr.hausdorff_distance(ball, cont)
    assert 0 < d_h <= eps
    # The lower-probability H-forms are the same sets (both lower probabilities are
    # 2-monotone, so each set is the core of its lower probability).
    assert ball_h.equals(ball) and cont_h.equals(cont)
    # Closed forms = credal's answer = an exact LP over the H-form, gamble by gamble.
    for f in GAMBLES:
        assert cr.lower_expectation(cont, f) == contamination_lower(eps, f) \
            == cr.lower_expectation(cont_h, f, backend="exact")
        assert cr.lower_expectation(ball, f) == tv_lower(eps, f) \
            == cr.lower_expectation(ball_h, f, backend="exact")
    results[eps] = (ball, cont, d_h)

# ε = 1/8 <= min p: the ball's vertices are exactly the n(n − 1) = 6 moves p + ε(e_i − e_j),
# the contamination's the 3 points (1 − ε) p + ε e_i.
eps = F(1, 8)
ball, cont, _ = results[eps]


def unit(i):
    return [F(int(k == i)) for k in range(3)]


moves = {tuple(pk + eps * (ei - ej) for pk, ei, ej in zip(p, unit(i), unit(j), strict=True))
         for i in range(3) for j in range(3) if i != j}
assert len(moves) == 3 * 2 and {tuple(v) for v in ball.vertices} == moves
assert {tuple(v) for v in cont.vertices} == {
    tuple((1 - eps) * pk + eps * ek for pk, ek in zip(p, unit(i), strict=True)) for i in range(3)}

# ε = 1/4 > p(c): the two moves that take 1/4 from c are not distributions; the simplex cuts
# the ball along c = 0, where two vertices now lie. Still six vertices, but not the moves.
ball4, cont4, _ = results[F(1, 4)]
assert sum(1 for v in ball4.vertices if v[2] == 0) == 2
assert all(v[2] > 0 for v in cont4.vertices)

print("centre p = (1/2, 1/3, 1/6)")
print(f"{'ε':>4s} {'ball vertices':>14s} {'contam. vertices':>17s} {'diam ball':>10s} "
      f"{'diam contam.':>13s} {'Hausdorff':>10s}")
for e, (B, C, d) in results.items():
    print(f"{str(e):>4s} {len(B.vertices):>14d} {len(C.vertices):>17d} "
          f"{str(cr.diameter(B)):>10s} {str(cr.diameter(C)):>13s} {str(d):>10s}")
print()
print("lower expectations, ε = 1/8 (closed form = library = exact LP over the H-form):")
for f in GAMBLES:
    shown = "(" + ", ".join(str(v) for v in f) + ")"
    print(f"  f = {shown:16s} TV ball {str(tv_lower(eps, f)):>8s}   "
          f"contamination {str(contamination_lower(eps, f)):>8s}")

# The figure: both sets around p for each ε, with the worst case of f = (0, 1, 2) in each.
f = [0, 1, 2]
fig, axes = plt.subplots(1, 2, figsize=(9, 4.6), layout="constrained")
for ax, (e, (B, C, _)) in zip(axes, results.items(), strict=True):
    plot.simplex(B, C, ax=ax, labels=[f"TV ball, ε = {e}", f"{e}-contamination"])
    plot.point(ax, p, label="centre p", markersize=9)
    for S, color in ((B, "C0"), (C, "C1")):
        r = cr.solve_lower(S, f)
        plot.point(ax, r.minimizer, marker="o", markersize=6, color=color)
        plot.iso_expectation(ax, f, r.value, color=color, linewidth=0.8,
                             label=f"E f = {r.value} (f = (0, 1, 2))")
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, 0.0), fontsize=8, frameon=False)
    ax.set_title(f"ε = {e}" + (" (the ball is cut by the side c = 0)" if e > min(p) else ""),
                 fontsize=10)
save(fig, __file__)

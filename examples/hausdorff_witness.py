"""The Hausdorff distance between two credal sets, its witness gamble, and why events do not
suffice, exactly.

The Hausdorff distance in the total-variation metric is the farthest any point of one set
is from the other set:

    d_H(S, T) = max( max_{p in S} d(p, T), max_{q in T} d(q, S) ).

By the support-function identity it is also the largest disagreement of the two sets' lower
expectations over gambles with values in [0, 1]:

    d_H(S, T) = max_{g in [0,1]^n} |E_S g − E_T g|.

`cr.solve_hausdorff(S, T)` returns the distance with its witnesses: the farthest `point`
(`side` says of which set), its TV projection `nearest` onto the other set, and a `gamble` g
in [0, 1]^n whose lower expectations differ by exactly the distance.

One might hope that events (0/1 gambles, i.e. lower probabilities) are enough, since
d_TV(p, q) = max_A |p(A) − q(A)| for single distributions. For sets they are not, once
n >= 3. Here two segments leave the point (0, 1/3, 2/3) in different directions:

    S = conv{(0, 1/3, 2/3), (1/3, 2/3, 0)},   T = conv{(0, 1/3, 2/3), (2/3, 0, 1/3)}.

The vertex (1/3, 2/3, 0) of S is 1/2 from T, and d_H = 1/2, witnessed by g = (1/2, 0, 1):
E_S g = 1/6 and E_T g = 2/3. Every event's lower probabilities differ by at most 1/3. A search
over the grid of gambles {0, 1/4, ..., 1}^3 finds nothing above 1/2 (the identity), and its
0/1 corners, the events, stop at 1/3.
"""

import itertools
from fractions import Fraction as F

from _gallery import save

import credal as cr
from credal import plot

OUTCOMES = ["a", "b", "c"]
S = cr.CredalSet.from_vertices([["0", "1/3", "2/3"], ["1/3", "2/3", "0"]], outcomes=OUTCOMES)
T = cr.CredalSet.from_vertices([["0", "1/3", "2/3"], ["2/3", "0", "1/3"]], outcomes=OUTCOMES)

r = cr.solve_hausdorff(S, T)
g = r.gamble
gap = abs(cr.lower_expectation(S, g) - cr.lower_expectation(T, g))

print(f"d_H(S, T) = {r.distance}")
print(f"farthest point, in {r.side}: ({', '.join(map(str, r.point))})")
print(f"its nearest point in the other set: ({', '.join(map(str, r.nearest))})")
print(f"witness gamble g = ({', '.join(map(str, g))}): E_S g = {cr.lower_expectation(S, g)}, "
      f"E_T g = {cr.lower_expectation(T, g)}, gap {gap}")

# What the example teaches, checked exactly.
# The distance, by hand: the vertex (1/3, 2/3, 0) of S against T's points
# (2t/3, (1 − t)/3, 2/3 − t/3): d_TV = (|1/3 − 2t/3| + |1/3 + t/3| + |2/3 − t/3|)/2, which is
# 1/2 for every t in [0, 1/2] (and larger beyond); the shared vertex is at distance 0.
assert r.distance == cr.hausdorff_distance(S, T) == F(1, 2)
assert r.side == "S" and tuple(r.point) == (F(1, 3), F(2, 3), 0)
# The witnesses: the point is in its set, its projection in the other, at distance d_H.
assert S.contains(r.point) and T.contains(r.nearest)
assert cr.tv_distance(r.point, r.nearest) == r.distance == cr.distance_to_set(r.point, T)
# The support-function identity, exactly: g in [0, 1]^3 and the gap is the distance.
assert all(0 <= v <= 1 for v in g)
assert gap == r.distance
# By hand for g = (1/2, 0, 1): E_S g = min(2/3, 1/6) = 1/6, E_T g = min(2/3, 2/3) = 2/3.
assert list(g) == [F(1, 2), 0, 1]
assert cr.lower_expectation(S, g) == F(1, 6) and cr.lower_expectation(T, g) == F(2, 3)

# Events do not suffice: the largest gap of lower probabilities is 1/3 < 1/2.
events = [list(A) for k in range(4) for A in itertools.combinations(OUTCOMES, k)]
event_gap = {tuple(A): abs(cr.lower_probability(S, A) - cr.lower_probability(T, A))
             for A in events}
best_event = max(event_gap, key=event_gap.get)
assert max(event_gap.values()) == F(1, 3) < r.distance
# Nor do upper probabilities (they are 1 − the lower probability of the complement).
assert max(abs(cr.upper_probability(S, A) - cr.upper_probability(T, A)) for A in events) \
    == F(1, 3)
# A grid of gambles in [0, 1]^3 never beats the witness (the identity's upper bound) and
# attains it, while its 0/1 corners (the events) stop at 1/3.
grid = [[F(i, 4), F(j, 4), F(k, 4)] for i in range(5) for j in range(5) for k in range(5)]
grid_gap = [abs(cr.lower_expectation(S, h) - cr.lower_expectation(T, h)) for h in grid]
assert max(grid_gap) == r.distance
corners = [gg for h, gg in zip(grid, grid_gap, strict=True) if all(v in (0, 1) for v in h)]
assert len(corners) == 8 and max(corners) == F(1, 3)
# The float path agrees.
rf = cr.solve_hausdorff(S.to_float(), T.to_float())
assert abs(rf.distance - 0.5) < 1e-9
assert abs(abs(cr.lower_expectation(S.to_float(), rf.gamble)
               - cr.lower_expectation(T.to_float(), rf.gamble)) - 0.5) < 1e-9

print(f"best event {set(best_event)}: gap {event_gap[best_event]} < {r.distance}")
print(f"grid of {len(grid)} gambles in {{0, 1/4, ..., 1}}^3: largest gap {max(grid_gap)}; "
      f"its 8 events: {max(corners)}")

# The figure: both sets, the farthest point and its projection, and the witness gamble's
# iso-expectation lines at E_S g and E_T g: each touches its set from below, and between
# them lies the gap of 1/2.
ax = plot.simplex(S, T, labels=["S", "T"])
plot.point(ax, r.point, label=f"farthest point (in {r.side})")
plot.point(ax, r.nearest, marker="X", markersize=9, color="C3",
           label=f"its TV projection onto T, distance {r.distance}")
xy = plot.to_cartesian([r.point, r.nearest])
ax.plot(xy[:, 0], xy[:, 1], color="C3", linewidth=0.8, linestyle=":")
shown_g = ", ".join(map(str, g))
plot.iso_expectation(ax, g, cr.lower_expectation(S, g), color="C0",
                     label=f"g = ({shown_g}): E_S g = {cr.lower_expectation(S, g)}")
plot.iso_expectation(ax, g, cr.lower_expectation(T, g), color="saddlebrown", linestyle=":",
                     linewidth=2, label=f"g = ({shown_g}): E_T g = "
                     f"{cr.lower_expectation(T, g)} (all of T lies on it)")
ax.legend(loc="upper center", bbox_to_anchor=(0.5, 0.0), fontsize=8, frameon=False)
ax.set_title("Hausdorff distance 1/2 and its witness gamble\n(the best event only reaches 1/3)",
             fontsize=10)
save(ax.figure, __file__)

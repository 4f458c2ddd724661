"""Dynamic Ellsberg: the infra-Bayesian update keeps a plan that the generalized Bayes rule
abandons, exactly.

The urn (as in ellsberg.py): R with probability 1/3; B and Y together 2/3, with P(B) = β
anywhere in [0, 2/3]. Ex ante, Γ-maximin prefers "bet on B or Y" (worth 2/3 under every β)
to "bet on R or Y" (worth 1/3 + (2/3 − β), at worst 1/3).

The dynamic version. A ball is drawn and the agent is first told only whether it is yellow.
Both bets pay 1 on Y, so they differ only when the ball is not yellow: there "B or Y" is a
bet on B and "R or Y" a bet on R. Which should the agent take after hearing "not yellow"?

- The generalized Bayes rule (GBR) conditions every distribution on {R, B}:
  P(R | R or B) = (1/3) / (1/3 + β) ranges over [1/3, 1], so the conditional lower
  expectations are 0 for the bet on B and 1/3 for the bet on R. The agent switches to R:
  its plan becomes "R or Y", worth 1/3 ex ante instead of 2/3. Dynamically inconsistent.
- The infra-Bayesian update (Diffractor and Kosoy, "Basic Inframeasure Theory", 2020)
  also remembers what the plan earns where the event
  did not happen, the off-event utility g (here g = 1 on Y). Each vertex (m, 0) of the urn
  becomes the a-measure (1_{RB}·m, m·(1_Y g)); renormalised, the bets keep their ex-ante
  values 2/3 and 1/3, and E_H(L f + (1 − L) g) = E_H((1 − L) g) + P^g_H(L) · E_{H|L,g}(f)
  holds exactly.

Then: the posterior depends on g (GBR does not look at it), and between the extremes it is
not a credal set any more. Last, a second step (a noisy witness) shows that two updates make
one, with the probabilities multiplying.

Figures: the urn, the GBR posterior and the infra posterior (g = 1 on Y) in the triangle
(dynamic_ellsberg.png), and the values of the two bets ex ante and after "not yellow" under
each rule (dynamic_ellsberg_2.png).
"""

from fractions import Fraction

import matplotlib.pyplot as plt
from _gallery import save
from matplotlib.patches import Patch

import credal as cr
from credal import infra, plot

F = Fraction
COLOURS = ["R", "B", "Y"]
NOT_Y = ["R", "B"]
urn = cr.CredalSet.from_constraints(A_eq=[[1, 0, 0]], b_eq=["1/3"], outcomes=COLOURS)
H = infra.Infradistribution.from_credal_set(urn)   # crisp: points ((1/3, 0, 2/3), 0) and
assert H.is_crisp                                  # ((1/3, 2/3, 0), 0), the two extreme β


def plan(bet, on_yellow):
    """The ex-ante act: `bet` ("R" or "B") if the ball is not yellow, `on_yellow` if it is."""
    return {bet: 1, "Y": on_yellow}


def combine(L, f, g):
    """The gamble L f + (1 − L) g (what the plan earns, outcome by outcome)."""
    return {x: L.get(x, 0) * f.get(x, 0) + (1 - L.get(x, 0)) * g.get(x, 0) for x in COLOURS}


def name(values):
    """Which of the two conditional bets a rule prefers, given {bet: value}."""
    best = max(values.values())
    return " and ".join(k for k, v in values.items() if v == best)


bet = {"B": {"B": 1}, "R": {"R": 1}}

# -- Ex ante ------------------------------------------------------------------------------
ex_ante = {k: cr.lower_expectation(urn, plan(k, 1)) for k in bet}
# "B or Y": 2/3 whatever β;  "R or Y": 1/3 + (2/3 − β), smallest at β = 2/3: 1/3.
assert ex_ante == {"B": F(2, 3), "R": F(1, 3)}
assert {k: H.expectation(plan(k, 1)) for k in bet} == ex_ante   # crisp: the same numbers

# -- Step 1: "not yellow" -----------------------------------------------------------------
# (a) GBR. Its vertices are the urn's vertices conditioned on {R, B}: (1/3, 2/3, 0) from
# β = 2/3 and (1, 0, 0) from β = 0. Lower expectations: bet on B min(2/3, 0) = 0, bet on R
# min(1/3, 1) = 1/3. The preference flips.
gbr = cr.condition(urn, NOT_Y)
gbr_values = {k: cr.lower_expectation(gbr, f) for k, f in bet.items()}
assert {tuple(v) for v in gbr.vertices} == {(F(1, 3), F(2, 3), 0), (1, 0, 0)}
assert gbr_values == {"B": 0, "R": F(1, 3)}
assert name(gbr_values) == "R" != name(ex_ante)
gbr_prob = (cr.lower_probability(urn, NOT_Y), cr.upper_probability(urn, NOT_Y))
assert gbr_prob == (F(1, 3), 1)

# (b) The infra update with g = 1 on Y. Raw points (L·m, m·((1 − L) g)):
#   β = 0:   ((1/3, 0, 0), 2/3)        β = 2/3: ((1/3, 2/3, 0), 0)
# E_H((1 − L) g) = min(2/3, 0) = 0;  P^g_H(L) = E_H(1) − 0 = min(1/3 + 2/3, 1) = 1.
# Posterior: bet on B min(0 + 2/3, 2/3 + 0) = 2/3; bet on R min(1/3 + 2/3, 1/3) = 1/3.
g = {"Y": 1}
L = dict.fromkeys(NOT_Y, 1)
post = infra.update(H, NOT_Y, g)
post_values = {k: post.expectation(f) for k, f in bet.items()}
p1 = infra.event_probability(H, NOT_Y, g)
assert p1 == 1
assert post_values == {"B": F(2, 3), "R": F(1, 3)} == ex_ante
assert name(post_values) == name(ex_ante) == "B"
# Dynamic consistency, exactly: ex-ante value = E_H((1 − L) g) + P^g_H(L) · posterior value.
for k, f in bet.items():
    assert H.expectation(combine(L, f, g)) == H.expectation(combine(L, {}, g)) + p1 * post_values[k]
# The first raw point is the second plus the sa-measure ((0, −2/3, 0), 2/3) (its b pays for
# the negative mass), so it is never minimal: what is left is one distribution, the GBR
# vertex from β = 2/3, the worst case for the plan. Crisp, but not the GBR set.
assert [(tuple(m), b) for m, b in post.points] == [((F(1, 3), F(2, 3), 0), 0)]

print("Ex ante (Γ-maximin): bet on B or Y", ex_ante["B"], "  bet on R or Y", ex_ante["R"])
print()
print("After 'not yellow' (both bets pay 1 on yellow):")
print(f"{'rule':28s} {'P(not Y)':>9s} {'bet on B':>9s} {'bet on R':>9s}  prefers")
interval = f"[{gbr_prob[0]}, {gbr_prob[1]}]"
print(f"{'generalized Bayes rule':28s} {interval:>9s} {str(gbr_values['B']):>9s} "
      f"{str(gbr_values['R']):>9s}  {name(gbr_values)} (flips)")
print(f"{'infra update, g = 1 on Y':28s} {str(p1):>9s} {str(post_values['B']):>9s} "
      f"{str(post_values['R']):>9s}  {name(post_values)} (keeps)")

# -- The off-event utility matters --------------------------------------------------------
# Bets that pay c on Y instead of 1. Ex ante: "B, else c" is worth min_β β + (2/3 − β) c =
# 2c/3 (at β = 0); "R, else c" is 1/3 + (2/3 − β) c, at worst 1/3 (β = 2/3).
# Update with g = c on Y: raw points ((1/3, 0, 0), 2c/3) and ((1/3, 2/3, 0), 0);
# E_H((1 − L) g) = 0 and P^g_H(L) = min(1/3 + 2c/3, 1) = (1 + 2c)/3, so the posterior points
# are ((1, 0, 0), 2c) / (1 + 2c) and ((1, 2, 0), 0) / (1 + 2c), and
#   bet on B: min(2c, 2) / (1 + 2c) = 2c / (1 + 2c),   bet on R: 1 / (1 + 2c).
# Times P^g_H(L) these are the ex-ante values 2c/3 and 1/3: the ranking never changes. The
# first point is minimal unless c = 1 (shown above); the second unless c = 0 (it is then
# the first plus ((0, 2, 0), 0)). In between both stay, with different b: not crisp.
print()
print("Bets paying c on yellow; infra posterior after 'not yellow' (g = c on Y):")
print(f"{'c':>4s} {'ex ante B':>10s} {'ex ante R':>10s} {'P^g':>5s} {'bet on B':>9s} "
      f"{'bet on R':>9s}  crisp  points")
minimal_points = {0: {((1, 0, 0), 0)},
                  F(1, 2): {((F(1, 2), 0, 0), F(1, 2)), ((F(1, 2), 1, 0), 0)},
                  1: {((F(1, 3), F(2, 3), 0), 0)}}
for c in (F(0), F(1, 2), F(1)):
    gc = {"Y": c}
    before = {k: H.expectation(plan(k, c)) for k in bet}
    p = infra.event_probability(H, NOT_Y, gc)
    U = infra.update(H, NOT_Y, gc)
    after = {k: U.expectation(f) for k, f in bet.items()}
    assert before == {"B": 2 * c / 3, "R": F(1, 3)}
    assert p == (1 + 2 * c) / 3
    assert after == {"B": 2 * c / (1 + 2 * c), "R": 1 / (1 + 2 * c)}
    assert name(after) == name(before)
    assert all(before[k] == H.expectation(combine(L, {}, gc)) + p * after[k] for k in bet)
    points = {(tuple(m), b) for m, b in U.points}
    assert points == minimal_points[c]
    assert U.is_normalized and U.is_crisp == (c in (0, 1))
    shown = "; ".join(f"({', '.join(map(str, m))}), b={b}" for m, b in sorted(points))
    print(f"{str(c):>4s} {str(before['B']):>10s} {str(before['R']):>10s} {str(p):>5s} "
          f"{str(after['B']):>9s} {str(after['R']):>9s}  {str(U.is_crisp):5s}  {shown}")
# GBR gives 0 and 1/3 whatever c is: it cannot see what the plan earns on Y.
# With c = 1/2 the updated belief has b-terms 1/2 and 0: no credal set has this functional.
half = infra.update(H, NOT_Y, {"Y": F(1, 2)})
assert not half.is_crisp and sorted(b for _, b in half.points) == [0, F(1, 2)]

# -- A second step: a noisy witness ------------------------------------------------------
# After "not yellow", a witness glimpses the ball and says "dark": likelihood 1/4 if red,
# 3/4 if black. Two plans differ only after "dark" (bet on B or bet on R); both pay 1 on Y
# and bet on B after "light", so the second off-event utility is g2 = (0, 1) on (R, B).
# From the step-1 posterior (1/3, 2/3, 0): raw point ((1/12, 1/2, 0), (2/3)(1/4) = 1/6),
# P = 1/12 + 1/2 + 1/6 − 1/6 = 7/12; posterior (1/7, 6/7, 0): bet on B 6/7, bet on R 1/7.
dark = {"R": F(1, 4), "B": F(3, 4)}
g2 = {"B": 1}
post2 = infra.update(post, likelihood=dark, off_event=g2)
p2 = infra.event_probability(post, likelihood=dark, off_event=g2)
post2_values = {k: post2.expectation(f) for k, f in bet.items()}
assert p2 == F(7, 12) and post2_values == {"B": F(6, 7), "R": F(1, 7)}
# Two updates make one: the update of H on the likelihood 1_{RB}·dark with g = g1 off {R, B}
# and g2 on it, and P^g_H = P1 · P2 = 1 · 7/12. Checked also for c = 1/2 (a non-crisp
# intermediate; by hand: P1 · P2 = 2/3 · 3/8 = 1/4, points ((1/3, 0, 0), 2/3), ((1/3, 2, 0), 0)).
for c in (F(1), F(1, 2)):
    first = infra.update(H, NOT_Y, {"Y": c})
    two = infra.update(first, likelihood=dark, off_event=g2)
    one = infra.update(H, likelihood=dark, off_event={"B": 1, "Y": c})
    assert [(tuple(m), b) for m, b in two.points] == [(tuple(m), b) for m, b in one.points]
    assert (infra.event_probability(H, NOT_Y, {"Y": c})
            * infra.event_probability(first, likelihood=dark, off_event=g2)
            == infra.event_probability(H, likelihood=dark, off_event={"B": 1, "Y": c}))
# Dynamic consistency over both steps: with L = (1/4, 3/4, 0) and g = (0, 1, 1),
# E_H((1 − L) g) = min(0 + 0 + 2/3, 0 + (2/3)(1/4) + 0) = 1/6, and the plans are worth
#   "dark: B" E_H(0, 1, 1) = 2/3 = 1/6 + 7/12 · 6/7,
#   "dark: R" E_H(1/4, 1/4, 1) = min(3/4, 1/4) = 1/4 = 1/6 + 7/12 · 1/7.
Lboth, gboth = {"R": F(1, 4), "B": F(3, 4)}, {"B": 1, "Y": 1}
plans2 = {k: H.expectation(combine(Lboth, f, gboth)) for k, f in bet.items()}
assert plans2 == {"B": F(2, 3), "R": F(1, 4)}
assert all(plans2[k] == F(1, 6) + F(7, 12) * post2_values[k] for k in bet)
# GBR in two steps: Bayes on the likelihood for each GBR vertex: (1/3, 2/3, 0) -> (1/7, 6/7, 0)
# and (1, 0, 0) -> (1, 0, 0): bet on B 0, bet on R 1/7. Still the flipped choice.
gbr2 = cr.CredalSet.from_vertices(
    [[v[0] * dark["R"] / (v[0] * dark["R"] + v[1] * dark["B"]),
      v[1] * dark["B"] / (v[0] * dark["R"] + v[1] * dark["B"]), 0] for v in gbr.vertices],
    outcomes=COLOURS)
gbr2_values = {k: cr.lower_expectation(gbr2, f) for k, f in bet.items()}
assert gbr2_values == {"B": 0, "R": F(1, 7)}
assert name(gbr2_values) == "R" and name(post2_values) == name(plans2) == "B"

print()
print("Then a witness says 'dark' (likelihood 1/4 if R, 3/4 if B):")
print(f"{'generalized Bayes rule':28s} {'':>9s} {str(gbr2_values['B']):>9s} "
      f"{str(gbr2_values['R']):>9s}  {name(gbr2_values)}")
print(f"{'infra update, g2 = bet on B':28s} {str(p2):>9s} {str(post2_values['B']):>9s} "
      f"{str(post2_values['R']):>9s}  {name(post2_values)} "
      f"(ex ante {plans2['B']} vs {plans2['R']})")

# -- Figures -----------------------------------------------------------------------------
# 1. The beliefs in the triangle. The urn is the segment P(R) = 1/3; GBR conditions each
# distribution on {R, B}, which gives the segment of the R–B side from (1/3, 2/3, 0) to
# (1, 0, 0); the infra posterior with g = 1 on Y keeps one distribution, (1/3, 2/3, 0): an
# end of both segments (the urn's β = 2/3, which GBR leaves unchanged).
post_point = post.points[0][0]
assert post.is_crisp and gbr.contains(post_point) and urn.contains(post_point)
ax = plot.simplex(urn, gbr, labels=["urn (ex ante)", "GBR posterior after 'not yellow'"])
plot.point(ax, post_point, label="infra posterior, g = 1 on Y")
plot.iso_expectation(ax, bet["B"], post_values["B"], color="C2",
                     label=f"E(bet on B) = {post_values['B']}")
ax.legend(loc="upper center", bbox_to_anchor=(0.5, 0.0), fontsize=8, frameon=False)
ax.set_title("Dynamic Ellsberg: the update after 'not yellow'", fontsize=10)
print()
save(ax.figure, __file__)

# 2. The two bets' values: ex ante, after GBR (flips) and after the infra update (keeps).
fig, ax2 = plt.subplots(figsize=(5.5, 3.2), layout="constrained")
columns = {"ex ante (plans)": ex_ante, "GBR after 'not yellow'": gbr_values,
           "infra update, g = 1 on Y": post_values}
for j, k in enumerate(bet):
    xs = [i + (j - 0.5) * 0.38 for i in range(len(columns))]
    heights = [float(col[k]) for col in columns.values()]
    bars = ax2.bar(xs, heights, 0.36, color=f"C{j}")
    for bar, col in zip(bars, columns.values(), strict=True):
        ax2.annotate(str(col[k]), (bar.get_x() + bar.get_width() / 2, bar.get_height()),
                     xytext=(0, 2), textcoords="offset points", ha="center", va="bottom",
                     fontsize=9)
        if k == name(col):
            bar.set_edgecolor("black")
            bar.set_linewidth(2)
ax2.set_xticks(range(len(columns)), list(columns), fontsize=8)
ax2.set_ylim(0, 0.85)
ax2.set_ylabel("lower expectation")
ax2.set_title("Which bet after 'not yellow'? (preferred outlined)", fontsize=10)
ax2.legend([Patch(color=f"C{j}") for j in range(len(bet))], [f"bet on {k}" for k in bet],
           fontsize=8, frameon=False, loc="upper right")
save(fig, __file__, "_2")

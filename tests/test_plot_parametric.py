"""credal.plot.piecewise and credal.plot.regions: curves and bands where the exact
one-parameter results say, and bad input fails clearly.

Most tests draw small stand-ins (dataclasses holding sympy data, the shape of
credal.parametric's results) so that each picture has a known answer; the last ones draw
real results of credal.parametric.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

import matplotlib  # the testing extra brings it: no skip hides a broken install
import numpy as np
import pytest
import sympy as sp

import credal as cr
from credal.errors import InvalidArgumentError

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.axes import Axes  # noqa: E402
from matplotlib.colors import to_rgba  # noqa: E402
from matplotlib.lines import Line2D  # noqa: E402
from matplotlib.patches import Rectangle  # noqa: E402

from credal import plot  # noqa: E402

R = sp.Rational
t = sp.Symbol("t")
r = sp.Symbol("r")
ATOL = 1e-12


@pytest.fixture(autouse=True)
def _close_figures() -> Iterator[None]:
    yield
    plt.close("all")


@dataclass(frozen=True)
class Value:
    """The shape of credal.parametric.PiecewiseValue."""
    pieces: tuple[tuple[Any, Any, Any], ...]
    breakpoints: tuple[Any, ...]
    symbol: sp.Symbol
    domain: tuple[Any, Any]


class Regions(tuple):  # type: ignore[type-arg]
    """The shape of credal.parametric.Regions: a tuple of (lo, hi, chosen) with attributes."""
    acts: tuple[Any, ...]
    symbol: sp.Symbol
    domain: tuple[Any, Any]

    def __new__(cls, entries: Any, acts: Any, symbol: sp.Symbol = t,
                domain: tuple[Any, Any] = (R(0), R(1))) -> Regions:
        obj = super().__new__(cls, entries)
        obj.acts = tuple(acts)
        obj.symbol = symbol
        obj.domain = domain
        return obj


# The lower expectation of (0, 1, 2) over the TV ball of radius r around (1/2, 1/3, 1/6).
TV = Value(pieces=((R(0), R(1, 6), R(2, 3) - 2 * r), (R(1, 6), R(1, 2), R(1, 2) - r),
                   (R(1, 2), R(1), sp.Integer(0))),
           breakpoints=(R(1, 6), R(1, 2)), symbol=r, domain=(R(0), R(1)))


def tv_exact(x: float) -> float:
    return max(2 / 3 - 2 * x, 1 / 2 - x, 0.0) if x <= 1 / 6 else max(1 / 2 - x, 0.0)


def by_gid(ax: Axes, gid: str) -> list[Line2D]:
    return [ln for ln in ax.lines if ln.get_gid() == gid]


def segments(line: Line2D) -> list[tuple[np.ndarray, np.ndarray]]:
    """The NaN-separated runs of a line's data."""
    xs = np.asarray(line.get_xdata(), dtype=float)
    ys = np.asarray(line.get_ydata(), dtype=float)
    cuts = np.flatnonzero(np.isnan(xs))
    bounds = [-1, *cuts.tolist(), len(xs)]
    return [(xs[a + 1:b], ys[a + 1:b]) for a, b in pairwise(bounds) if b > a + 1]


def points_of(line: Line2D) -> list[tuple[float, float]]:
    return sorted((float(x), float(y)) for x, y in line.get_xydata())


def bars(ax: Axes) -> list[Rectangle]:
    return [p for p in ax.patches if isinstance(p, Rectangle) and p.get_gid() == "credal-region"]


def lanes(ax: Axes) -> dict[str, list[float]]:
    """Act name -> the y of its lane(s), top to bottom."""
    out: dict[str, list[float]] = {}
    for y, label in zip(ax.get_yticks(), ax.get_yticklabels(), strict=True):
        out.setdefault(label.get_text(), []).append(float(y))
    return out


def top_labels(ax: Axes) -> list[tuple[float, str]] | None:
    tops = [c for c in ax.child_axes if c.get_gid() == "credal-breakpoint-labels"]
    if not tops:
        return None
    (top,) = tops
    return [(float(x), lab.get_text())
            for x, lab in zip(top.get_xticks(), top.get_xticklabels(), strict=True)]


# -- piecewise -----------------------------------------------------------------------------
def test_piecewise_draws_each_piece_on_its_interval_with_the_exact_values() -> None:
    ax = plot.piecewise(TV)
    assert isinstance(ax, Axes)
    (curve,) = by_gid(ax, "credal-piecewise")
    runs = segments(curve)
    assert len(runs) == 3
    for (xs, ys), (lo, hi, _) in zip(runs, TV.pieces, strict=True):
        assert xs[0] == float(lo) and xs[-1] == float(hi)  # each piece on its own [lo, hi]
        assert np.all(np.diff(xs) > 0)
        assert np.abs(ys - [tv_exact(x) for x in xs]).max() < ATOL
    assert ax.get_xlabel() == "r"


def test_piecewise_marks_the_breakpoints_with_dots_and_vertical_lines() -> None:
    ax = plot.piecewise(TV)
    (dots,) = by_gid(ax, "credal-breakpoints")
    assert np.allclose(points_of(dots), [(1 / 6, 1 / 3), (1 / 2, 0.0)], atol=ATOL, rtol=0)
    vlines = by_gid(ax, "credal-breakpoint-line")
    assert sorted(ln.get_xdata()[0] for ln in vlines) == [1 / 6, 1 / 2]
    assert all(ln.get_linestyle() == ":" for ln in vlines)
    assert len(ax.lines) == 4   # curve, dots, two vertical lines
    assert dots.get_color() == by_gid(ax, "credal-piecewise")[0].get_color()


def test_piecewise_without_breakpoint_marks_draws_the_curve_alone() -> None:
    ax = plot.piecewise(TV, mark_breakpoints=False)
    assert [ln.get_gid() for ln in ax.lines] == ["credal-piecewise"]


def test_piecewise_shares_the_points_among_the_pieces_by_length() -> None:
    # lengths 1/6, 1/3, 1/2 of 10 points: ceil(10/6) = 2, ceil(10/3) = 4, 5
    ax = plot.piecewise(TV, points=10, mark_breakpoints=False)
    assert [len(xs) for xs, _ in segments(ax.lines[0])] == [2, 4, 5]
    ax = plot.piecewise(TV, points=2, mark_breakpoints=False)
    assert [len(xs) for xs, _ in segments(ax.lines[0])] == [2, 2, 2]


def test_piecewise_keeps_a_jump_and_marks_both_sides() -> None:
    v = Value(pieces=((R(0), R(1, 2), sp.Integer(1)), (R(1, 2), R(1), t)),
              breakpoints=(R(1, 2),), symbol=t, domain=(R(0), R(1)))
    ax = plot.piecewise(v)
    (curve,) = by_gid(ax, "credal-piecewise")
    (left, right) = segments(curve)
    assert left[1].tolist() == [1.0] * len(left[1])     # a constant piece is broadcast
    assert right[0][0] == 0.5 and right[1][0] == 0.5    # no segment joins the two pieces
    (dots,) = by_gid(ax, "credal-breakpoints")
    assert points_of(dots) == [(0.5, 0.5), (0.5, 1.0)]


def test_piecewise_draws_an_irrational_breakpoint_at_its_float_value() -> None:
    b = sp.sqrt(2) / 2
    v = Value(pieces=((R(0), b, t**2), (b, R(1), R(1, 2) + (t - b))),
              breakpoints=(b,), symbol=t, domain=(R(0), R(1)))
    ax = plot.piecewise(v)
    (dots,) = by_gid(ax, "credal-breakpoints")
    ((x, y),) = points_of(dots)
    assert abs(x - math.sqrt(2) / 2) < ATOL and abs(y - 0.5) < ATOL
    (vline,) = by_gid(ax, "credal-breakpoint-line")
    assert abs(vline.get_xdata()[0] - math.sqrt(2) / 2) < ATOL
    first, second = segments(by_gid(ax, "credal-piecewise")[0])
    assert abs(first[0][-1] - math.sqrt(2) / 2) < ATOL and first[0][-1] == second[0][0]


def test_piecewise_overlays_values_with_a_legend_and_shared_breakpoint_lines() -> None:
    upper = Value(pieces=((R(0), R(1, 2), R(2, 3) + r), (R(1, 2), R(1), R(7, 6) + 0 * r)),
                  breakpoints=(R(1, 2),), symbol=r, domain=(R(0), R(1)))
    ax = plot.piecewise(TV, upper, labels=["lower", "upper"], colors=["C3", "k"])
    curves = by_gid(ax, "credal-piecewise")
    assert [c.get_label() for c in curves] == ["lower", "upper"]
    assert [c.get_color() for c in curves] == ["C3", "k"]
    legend = ax.get_legend()
    assert legend is not None
    assert [tx.get_text() for tx in legend.get_texts()] == ["lower", "upper"]
    # 1/2 is a breakpoint of both: one vertical line
    assert sorted(ln.get_xdata()[0] for ln in by_gid(ax, "credal-breakpoint-line")) == \
        [1 / 6, 1 / 2]
    dots = by_gid(ax, "credal-breakpoints")
    assert points_of(dots[1]) == [(0.5, 7 / 6)]
    assert ax.get_legend() is not None


def test_piecewise_draws_a_single_point_piece_as_a_dot() -> None:
    v = Value(pieces=((R(0), R(1, 2), t), (R(1, 2), R(1, 2), sp.Integer(3)), (R(1, 2), R(1), t)),
              breakpoints=(R(1, 2),), symbol=t, domain=(R(0), R(1)))
    ax = plot.piecewise(v, mark_breakpoints=False)
    (dots,) = by_gid(ax, "credal-breakpoints")
    assert points_of(dots) == [(0.5, 3.0)]
    assert len(segments(by_gid(ax, "credal-piecewise")[0])) == 2


def test_piecewise_draws_into_given_axes() -> None:
    _, (left, right) = plt.subplots(1, 2)
    assert plot.piecewise(TV, ax=right) is right
    assert len(left.lines) == 0 and len(right.lines) == 4


@pytest.mark.parametrize("bad, match", [
    ([(0, 1, 0)], r"values\[0\] must be a piecewise value"),
    ("r", r"values\[0\] must be a piecewise value"),
    ({"pieces": ()}, r"values\[0\] must be a piecewise value"),
    (Value(TV.pieces, TV.breakpoints, "r", TV.domain), r"values\[0\]\.symbol"),  # type: ignore
    (Value(((0, 1),), (), r, (0, 1)), r"values\[0\]\.pieces\[0\] must be a triple"),
    (Value(((1, 0, r),), (), r, (0, 1)), r"values\[0\]\.pieces\[0\] has lo = 1 above"),
    (Value(((0, "1", r),), (), r, (0, 1)), r"values\[0\]\.pieces\[0\]\[1\] must be a real"),
    (Value(((0, sp.I, r),), (), r, (0, 1)), r"values\[0\]\.pieces\[0\]\[1\] must be a real"),
    (Value(((0, 1, "r"),), (), r, (0, 1)), r"values\[0\]\.pieces\[0\]\[2\] must be a sympy"),
    (Value(((0, 1, r * t),), (), r, (0, 1)), r"holds the symbol\(s\) t besides"),
    (Value((), (), r, (0, 1)), r"values\[0\]\.pieces is empty"),
    (Value(TV.pieces, TV.breakpoints, r, (0,)), r"values\[0\]\.domain must be a pair"),
    (Value(TV.pieces, (r,), r, (0, 1)), r"values\[0\]\.breakpoints\[0\]"),
])
def test_piecewise_rejects_what_is_not_a_piecewise_value(bad: Any, match: str) -> None:
    with pytest.raises(InvalidArgumentError, match=match):
        plot.piecewise(bad)
    assert not plt.get_fignums()   # refused before drawing anything


def test_piecewise_names_the_second_value_when_it_is_the_bad_one() -> None:
    with pytest.raises(InvalidArgumentError, match=r"values\[1\]"):
        plot.piecewise(TV, cr.vacuous(3))


@pytest.mark.parametrize("kwargs, match", [
    ({"labels": ["a", "b"]}, "labels has 2 entries but there are 1 value"),
    ({"labels": "lower"}, r"labels must be a sequence.*write \['lower'\]"),
    ({"colors": []}, "colors has 0 entries"),
    ({"points": 1}, "points must be an integer >= 2"),
    ({"points": 2.5}, "points must be an integer >= 2"),
    ({"points": True}, "points must be an integer >= 2"),
    ({"mark_breakpoints": "yes"}, "mark_breakpoints must be True or False"),
    ({"ax": "axes"}, "ax must be a matplotlib Axes"),
])
def test_piecewise_rejects_bad_options(kwargs: dict[str, Any], match: str) -> None:
    with pytest.raises(InvalidArgumentError, match=match):
        plot.piecewise(TV, **kwargs)


def test_piecewise_needs_a_value() -> None:
    with pytest.raises(InvalidArgumentError, match="at least one piecewise value"):
        plot.piecewise()


# -- regions -------------------------------------------------------------------------------
# Gamma-maximin between risky (0, 1, 2) and safe (1/2, 1/2, 1/2) on the TV ball: the lower
# expectation of risky is 2/3 - 2r until 1/6, which passes 1/2 at r = 1/12.
MAXIMIN = Regions([(R(0), R(1, 12), ("risky",)), (R(1, 12), R(1, 12), ("risky", "safe")),
                   (R(1, 12), R(1), ("safe",))], acts=("risky", "safe"), symbol=r)


def test_regions_draws_one_lane_per_act_with_bars_where_it_is_chosen() -> None:
    ax = plot.regions(MAXIMIN)
    lane = lanes(ax)
    assert list(lane) == ["risky", "safe"] and lane["risky"][0] > lane["safe"][0]
    got = sorted((b.get_x(), b.get_x() + b.get_width(), b.get_y() + b.get_height() / 2)
                 for b in bars(ax))
    want = [(0.0, 1 / 12, lane["risky"][0]), (1 / 12, 1.0, lane["safe"][0])]
    assert np.allclose(got, want, atol=ATOL, rtol=0)
    assert ax.get_xlabel() == "r"
    lo, hi = ax.get_xlim()
    assert lo < 0 and hi > 1


def test_regions_marks_the_tie_point_in_every_chosen_lane() -> None:
    ax = plot.regions(MAXIMIN)
    lane = lanes(ax)
    chosen = by_gid(ax, "credal-chosen-point")
    assert sorted(points_of(ln)[0] for ln in chosen) == sorted(
        [(1 / 12, lane["risky"][0]), (1 / 12, lane["safe"][0])])
    assert by_gid(ax, "credal-unchosen-point") == []
    (vline,) = by_gid(ax, "credal-breakpoint-line")
    assert vline.get_xdata()[0] == 1 / 12
    assert top_labels(ax) == [(1 / 12, "1/12")]


def test_regions_shows_an_act_left_out_at_a_single_point_as_a_hollow_dot() -> None:
    regs = Regions([(R(0), R(1, 2), ("a", "b")), (R(1, 2), R(1, 2), ("a",)),
                    (R(1, 2), R(1), ("a", "b"))], acts=("a", "b"))
    ax = plot.regions(regs)
    lane = lanes(ax)
    assert len(bars(ax)) == 4
    (hollow,) = by_gid(ax, "credal-unchosen-point")
    assert points_of(hollow) == [(0.5, lane["b"][0])]
    assert hollow.get_markerfacecolor() == "white"
    (filled,) = by_gid(ax, "credal-chosen-point")
    assert points_of(filled) == [(0.5, lane["a"][0])]


def test_regions_marks_a_choice_at_a_domain_end_only() -> None:
    regs = Regions([(R(0), R(1), ("a",)), (R(1), R(1), ("a", "b"))], acts=("a", "b", "c"))
    ax = plot.regions(regs)
    lane = lanes(ax)
    assert list(lane) == ["a", "b", "c"]
    assert len(bars(ax)) == 1
    assert sorted(points_of(ln)[0] for ln in by_gid(ax, "credal-chosen-point")) == \
        sorted([(1.0, lane["a"][0]), (1.0, lane["b"][0])])
    assert by_gid(ax, "credal-breakpoint-line") == []   # 1 is the domain's end
    assert top_labels(ax) is None


def test_regions_labels_irrational_breakpoints_exactly() -> None:
    b = sp.sqrt(2) / 2
    regs = Regions([(R(0), b, ("a",)), (b, b, ("a", "b")), (b, R(1), ("b",))], acts=("a", "b"))
    labels = top_labels(plot.regions(regs))
    assert labels is not None
    ((x, text),) = labels
    assert abs(x - math.sqrt(2) / 2) < ATOL and text == "sqrt(2)/2"


def test_regions_labels_at_most_max_labels_breakpoints() -> None:
    ends = [R(k, 10) for k in range(11)]
    entries: list[Any] = []
    for k in range(10):
        entries.append((ends[k], ends[k + 1], ("a",) if k % 2 == 0 else ("b",)))
        if k < 9:
            entries.append((ends[k + 1], ends[k + 1], ("a", "b")))
    regs = Regions(entries, acts=("a", "b"))
    ax = plot.regions(regs)
    assert len(by_gid(ax, "credal-breakpoint-line")) == 9
    assert top_labels(ax) is None                  # 9 > 8: lines only
    labels = top_labels(plot.regions(regs, max_labels=9))
    assert labels is not None
    assert [s for _, s in labels] == ["1/10", "1/5", "3/10", "2/5", "1/2", "3/5", "7/10",
                                      "4/5", "9/10"]
    assert top_labels(plot.regions(MAXIMIN, max_labels=0)) is None


def test_regions_draws_a_mapping_as_groups_of_lanes() -> None:
    maximality = Regions([(R(0), R(1, 6), ("risky",)), (R(1, 6), R(1, 6), ("risky", "safe")),
                          (R(1, 6), R(1), ("risky", "safe"))], acts=("risky", "safe"), symbol=r)
    ax = plot.regions({"Γ-maximin": MAXIMIN, "maximality": maximality})
    ticks = [(float(y), lab.get_text())
             for y, lab in zip(ax.get_yticks(), ax.get_yticklabels(), strict=True)]
    assert [s for _, s in ticks] == ["risky", "safe", "risky", "safe"]
    ys = [y for y, _ in ticks]
    assert ys == sorted(ys, reverse=True)
    (right,) = [c for c in ax.child_axes if c.get_gid() == "credal-rule-labels"]
    assert [lab.get_text() for lab in right.get_yticklabels()] == ["Γ-maximin", "maximality"]
    centres = right.get_yticks()
    assert centres[0] == pytest.approx((ys[0] + ys[1]) / 2)
    assert centres[1] == pytest.approx((ys[2] + ys[3]) / 2)
    (sep,) = [ln for ln in ax.lines if ln.get_gid() == "credal-rule-separator"]
    assert ys[2] < sep.get_ydata()[0] < ys[1]
    # an act keeps its colour in every group
    colour = {y: s for y, s in ticks}
    for b in bars(ax):
        act = colour[b.get_y() + b.get_height() / 2]
        want = to_rgba("C0" if act == "risky" else "C1", 0.85)
        assert b.get_facecolor() == pytest.approx(want)
    # the breakpoints of both rules, once each
    assert top_labels(ax) == [(1 / 12, "1/12"), (1 / 6, "1/6")]
    assert len(bars(ax)) == 2 + 3


def test_regions_takes_colours_per_act_and_given_axes() -> None:
    _, axes = plt.subplots(2)
    ax = plot.regions(MAXIMIN, axes[1], colors=["red", "blue"])
    assert ax is axes[1] and len(axes[0].patches) == 0
    assert sorted(b.get_facecolor()[:3] for b in bars(ax)) == [(0.0, 0.0, 1.0), (1.0, 0.0, 0.0)]


@pytest.mark.parametrize("bad, match", [
    ([(0, 1, ("a",))], r"regions must be decision regions"),
    ("a", r"regions must be decision regions"),
    (TV, r"regions must be decision regions"),
    ({}, r"regions is an empty mapping"),
    ({"x": [(0, 1, ("a",))]}, r"regions\['x'\] must be decision regions"),
    (Regions([(0, 1, ("c",))], acts=("a", "b")), r"regions\[0\] chooses 'c'.*not one of"),
    (Regions([(0, 1, "a")], acts=("a",)), r"regions\[0\]\[2\] must be a tuple.*\('a',\)"),
    (Regions([(1, 0, ("a",))], acts=("a",)), r"regions\[0\] has lo = 1 above hi = 0"),
    (Regions([(0, 1)], acts=("a",)), r"regions\[0\] must be a triple"),
    (Regions([(0, "x", ("a",))], acts=("a",)), r"regions\[0\]\[1\] must be a real number"),
    (Regions([], acts=("a",)), r"regions holds no regions"),
    (Regions([(0, 1, ("a",))], acts=()), r"regions\.acts must be a non-empty"),
    (Regions([(0, 1, ("a",))], acts=("a",), symbol="t"), r"regions\.symbol"),  # type: ignore
])
def test_regions_rejects_what_is_not_regions(bad: Any, match: str) -> None:
    with pytest.raises(InvalidArgumentError, match=match):
        plot.regions(bad)
    assert not plt.get_fignums()


@pytest.mark.parametrize("kwargs, match", [
    ({"colors": ["red"]}, "colors has 1 entries but there are 2 act"),
    ({"max_labels": -1}, "max_labels must be an integer >= 0"),
    ({"max_labels": 2.0}, "max_labels must be an integer >= 0"),
    ({"ax": plt}, "ax must be a matplotlib Axes"),
])
def test_regions_rejects_bad_options(kwargs: dict[str, Any], match: str) -> None:
    with pytest.raises(InvalidArgumentError, match=match):
        plot.regions(MAXIMIN, **kwargs)


# -- real results of credal.parametric ---------------------------------------------------
def ball(e: Any) -> cr.CredalSet:
    return cr.tv_ball(["1/2", "1/3", "1/6"], e)


def test_piecewise_draws_a_real_lower_expectation_where_it_is() -> None:
    low = cr.parametric.lower_expectation(ball, [0, 1, 2], domain=(0, 1), symbol="r")
    ax = plot.piecewise(low, labels=["lower"])
    (curve,) = by_gid(ax, "credal-piecewise")
    runs = segments(curve)
    assert [(xs[0], xs[-1]) for xs, _ in runs] == [(0.0, 1 / 6), (1 / 6, 0.5), (0.5, 1.0)]
    for xs, ys in runs:
        assert np.abs(ys - [tv_exact(x) for x in xs]).max() < ATOL
    (dots,) = by_gid(ax, "credal-breakpoints")
    want = [(float(b), float(low(b))) for b in low.breakpoints]
    assert want == [(1 / 6, 1 / 3), (0.5, 0.0)]
    assert np.allclose(points_of(dots), want, atol=ATOL, rtol=0)
    assert ax.get_xlabel() == "r"


def test_regions_draws_real_decision_regions() -> None:
    acts = {"risky": [0, 1, 2], "safe": ["1/2", "1/2", "1/2"]}
    maximin = cr.parametric.decisions(ball, acts, rule="gamma_maximin", domain=(0, 1),
                                      symbol="r")
    maximality = cr.parametric.decisions(ball, acts, rule="maximality", domain=(0, 1),
                                         symbol="r")
    ax = plot.regions(maximin)
    lane = lanes(ax)
    got = sorted((b.get_x(), b.get_x() + b.get_width(), b.get_y() + b.get_height() / 2)
                 for b in bars(ax))
    assert np.allclose(got, [(0.0, 1 / 12, lane["risky"][0]), (1 / 12, 1.0, lane["safe"][0])],
                       atol=ATOL, rtol=0)
    assert top_labels(ax) == [(1 / 12, "1/12")]
    # maximality keeps risky on (1/12, 1) too: three bars, the same breakpoint
    ax = plot.regions({"Γ-maximin": maximin, "maximality": maximality})
    assert [t.get_text() for t in ax.get_yticklabels()] == ["risky", "safe"] * 2
    assert len(bars(ax)) == 2 + 3
    assert top_labels(ax) == [(1 / 12, "1/12")]

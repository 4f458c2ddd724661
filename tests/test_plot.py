"""credal.plot: what it draws is where the maths says, and bad input fails clearly."""

from __future__ import annotations

import math
import subprocess
import sys
from collections.abc import Iterator
from fractions import Fraction as F

import matplotlib  # the testing extra brings it: no skip hides a broken install
import numpy as np
import pytest

import credal as cr
from credal.errors import InvalidArgumentError

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.axes import Axes  # noqa: E402
from matplotlib.patches import Polygon  # noqa: E402

from credal import plot  # noqa: E402

RBY = ["R", "B", "Y"]
ATOL = 1e-12


@pytest.fixture(autouse=True)
def _close_figures() -> Iterator[None]:
    yield
    plt.close("all")


def barycentric(xy: np.ndarray) -> np.ndarray:
    """Inverse of plot.to_cartesian on the plane of the simplex."""
    xy = np.atleast_2d(np.asarray(xy, dtype=float))
    p2 = xy[:, 1] / (math.sqrt(3) / 2)
    p1 = xy[:, 0] - p2 / 2
    return np.column_stack([1 - p1 - p2, p1, p2])


def same_rows(a: np.ndarray, b: np.ndarray) -> bool:
    """The rows of a and b are the same points, in any order (within ATOL)."""
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    if a.shape != b.shape:
        return False
    return all(np.min(np.abs(b - row).max(axis=1)) < ATOL for row in a) and \
        all(np.min(np.abs(a - row).max(axis=1)) < ATOL for row in b)


def set_polygons(ax: Axes) -> list[Polygon]:
    return [p for p in ax.patches if isinstance(p, Polygon)]


# -- to_cartesian --------------------------------------------------------------------------
def test_to_cartesian_sends_corners_to_the_triangle() -> None:
    xy = plot.to_cartesian(np.eye(3))
    assert xy.shape == (3, 2) and xy.dtype == np.float64
    assert np.abs(xy - [[0, 0], [1, 0], [0.5, math.sqrt(3) / 2]]).max() < ATOL


def test_to_cartesian_takes_exact_rows_and_single_points() -> None:
    xy = plot.to_cartesian(["1/3", "1/3", "1/3"])
    assert xy.shape == (2,)
    assert abs(xy[0] - 0.5) < ATOL and abs(xy[1] - math.sqrt(3) / 6) < ATOL
    P = np.array([[F(1, 2), F(1, 3), F(1, 6)]], dtype=object)
    assert np.abs(barycentric(plot.to_cartesian(P)) - P.astype(float)).max() < ATOL


@pytest.mark.parametrize("bad", [[1, 0], [[0.5, 0.5]], [[[1, 0, 0]]], ["x", 0, 1],
                                 [float("nan"), 0, 1]])
def test_to_cartesian_rejects_bad_shapes_and_values(bad: object) -> None:
    with pytest.raises(InvalidArgumentError, match="P"):
        plot.to_cartesian(bad)


# -- simplex -------------------------------------------------------------------------------
def test_simplex_polygon_is_the_set_in_cartesian_coordinates() -> None:
    urn = cr.CredalSet.from_constraints(A_eq=[[1, 0, 0]], b_eq=["1/3"], outcomes=RBY)
    ball = cr.tv_ball(["1/3", "1/3", "1/3"], "1/6", outcomes=RBY)
    ax = plot.simplex(urn, ball, labels=["Ellsberg", "TV ball"])
    assert isinstance(ax, Axes)
    polys = set_polygons(ax)
    assert len(polys) == 2
    for poly, S in zip(polys, (urn, ball), strict=True):
        drawn = poly.get_xy()[:-1]            # the path repeats its first point at the end
        assert same_rows(drawn, plot.to_cartesian(S.vertices))
        assert same_rows(barycentric(drawn), S.vertices.astype(float))
    # The TV ball has n(n − 1) = 6 vertices, so a hexagon.
    assert len(polys[1].get_xy()) - 1 == 6
    legend = ax.get_legend()
    assert legend is not None
    assert [t.get_text() for t in legend.get_texts()] == ["Ellsberg", "TV ball"]
    corner_texts = {t.get_text() for t in ax.texts}
    assert set(RBY) <= corner_texts
    assert ax.get_aspect() == 1.0 and not list(ax.get_xticks()) and not list(ax.get_yticks())


def test_simplex_polygon_vertices_are_in_convex_order() -> None:
    S = cr.vacuous(3)
    xy = set_polygons(plot.simplex(S))[0].get_xy()[:-1]
    # The shoelace area of the drawn path is the triangle's, so the path does not cross itself.
    area = 0.5 * abs(np.dot(xy[:, 0], np.roll(xy[:, 1], -1)) -
                     np.dot(xy[:, 1], np.roll(xy[:, 0], -1)))
    assert abs(area - math.sqrt(3) / 4) < ATOL


def test_simplex_draws_into_given_axes_and_continues_colours() -> None:
    _, ax = plt.subplots()
    assert plot.simplex(cr.vacuous(RBY), ax=ax) is ax
    plot.simplex(cr.precise(["1/3", "1/3", "1/3"], outcomes=RBY), ax=ax, vertices=False)
    polys = set_polygons(ax)
    assert len(polys) == 2
    assert polys[0].get_edgecolor() != polys[1].get_edgecolor()
    # A set with one vertex is still marked.
    markers = [line for line in ax.lines if line.get_marker() == "o"]
    assert any(np.abs(line.get_xydata() - plot.to_cartesian([F(1, 3)] * 3)).max() < ATOL
               for line in markers)


def test_simplex_colours_labels_and_alpha() -> None:
    ax = plot.simplex(cr.vacuous(3), colors=["red"], alpha=0.5, outcome_labels=["a", "b", "c"])
    poly = set_polygons(ax)[0]
    assert poly.get_facecolor() == pytest.approx((1.0, 0.0, 0.0, 0.5))
    assert {"a", "b", "c"} <= {t.get_text() for t in ax.texts}
    assert ax.get_legend() is None


def test_simplex_draws_exact_sets_from_floats() -> None:
    S = cr.CredalSet.from_vertices([[F(1, 3), F(2, 3), 0], [F(1, 3), 0, F(2, 3)]])
    xy = set_polygons(plot.simplex(S))[0].get_xy()
    assert xy.dtype == np.float64


@pytest.mark.parametrize(
    ("sets", "kwargs", "match"),
    [
        ((), {}, "at least one"),
        ((cr.vacuous(2),), {}, r"sets\[0\] has 2 outcomes"),
        ((cr.vacuous(4),), {}, r"sets\[0\] has 4 outcomes"),
        (([[1, 0, 0]],), {}, r"sets\[0\] must be a CredalSet"),
        ((cr.vacuous(3), cr.vacuous(RBY)), {}, r"sets\[1\] has the outcomes"),
        ((cr.vacuous(3),), {"labels": ["a", "b"]}, "labels has 2 entries"),
        ((cr.vacuous(3),), {"labels": "a"}, "labels must be a sequence"),
        ((cr.vacuous(3),), {"colors": ["r", "g"]}, "colors has 2 entries"),
        ((cr.vacuous(3),), {"alpha": 2}, "alpha must lie in"),
        ((cr.vacuous(3),), {"outcome_labels": ["a", "b"]}, "outcome_labels must hold three"),
        ((cr.vacuous(3),), {"ax": "not axes"}, "ax must be a matplotlib Axes"),
    ],
)
def test_simplex_rejects_bad_input(sets: tuple[object, ...], kwargs: dict[str, object],
                                   match: str) -> None:
    with pytest.raises(InvalidArgumentError, match=match):
        plot.simplex(*sets, **kwargs)  # type: ignore[arg-type]


def test_simplex_rejects_sets_over_other_outcomes_than_the_axes() -> None:
    ax = plot.simplex(cr.vacuous(RBY))
    with pytest.raises(InvalidArgumentError, match="triangle on ax was drawn for"):
        plot.simplex(cr.vacuous(3), ax=ax)


# -- point ---------------------------------------------------------------------------------
def test_point_marks_the_minimizer() -> None:
    S = cr.tv_ball(["1/3", "1/3", "1/3"], "1/6", outcomes=RBY)
    ax = plot.simplex(S)
    worst = cr.solve_lower(S, {"B": 1, "Y": 2}).minimizer
    marker = plot.point(ax, worst, label="worst", color="red")
    assert np.abs(marker.get_xydata()[0] - plot.to_cartesian(worst)).max() < ATOL
    assert marker.get_label() == "worst" and marker.get_color() == "red"
    # A mapping is read with the triangle's outcomes.
    by_name = plot.point(ax, {"Y": "1/6", "R": "1/2", "B": "1/3"})
    assert np.abs(by_name.get_xydata()[0] - plot.to_cartesian(worst)).max() < ATOL


@pytest.mark.parametrize("bad", [[0.5, 0.6, 0.1], [1, 0], [-1, 1, 1], {"R": 1, "X": 0}])
def test_point_rejects_non_distributions(bad: object) -> None:
    ax = plot.simplex(cr.vacuous(RBY))
    with pytest.raises(InvalidArgumentError, match="p"):
        plot.point(ax, bad)


def test_point_rejects_non_axes() -> None:
    with pytest.raises(InvalidArgumentError, match="ax must be a matplotlib Axes"):
        plot.point(None, [1, 0, 0])  # type: ignore[arg-type]


# -- iso_expectation -----------------------------------------------------------------------
@pytest.mark.parametrize(
    ("gamble", "value"),
    [([0, 1, 2], 1), ([0, 1, 2], F(1, 3)), ([3, -1, 2], F(5, 2)), ([0.5, 2.0, -1.0], 0.25),
     ([0, 1, 1], F(1, 2)), ([2, 0, 0], 2)],
)
def test_iso_expectation_ends_satisfy_the_equation(gamble: list[object], value: object) -> None:
    ax = plot.simplex(cr.vacuous(3))
    line = plot.iso_expectation(ax, gamble, value)
    ends = barycentric(line.get_xydata())
    assert ends.shape == (2, 3)
    f = np.array(gamble, dtype=float)
    scale = f.max() - f.min()
    for p in ends:
        assert p.min() > -ATOL and abs(p.sum() - 1) < ATOL       # on the simplex
        assert abs(p @ f - float(value)) < ATOL * scale            # on the line
        assert np.isclose(p, 0, atol=ATOL).any()                   # on the triangle's side


def test_iso_expectation_through_the_minimizer_supports_the_set() -> None:
    S = cr.contamination(["1/2", "1/4", "1/4"], "1/2", outcomes=RBY)
    f = {"R": 0, "B": 1, "Y": 3}
    r = cr.solve_lower(S, f)
    ax = plot.simplex(S)
    line = plot.iso_expectation(ax, f, r.value)
    ends = barycentric(line.get_xydata())
    g = np.array([0.0, 1.0, 3.0])
    assert all(abs(p @ g - float(r.value)) < 1e-12 for p in ends)
    # Every vertex lies on the high side of the line.
    assert (S.vertices.astype(float) @ g >= float(r.value) - 1e-12).all()


def test_iso_expectation_takes_a_whole_side_and_a_corner() -> None:
    ax = plot.simplex(cr.vacuous(3))
    side = barycentric(plot.iso_expectation(ax, [0, 0, 1], 0).get_xydata())
    assert same_rows(side, np.array([[1.0, 0, 0], [0, 1.0, 0]]))
    corner = barycentric(plot.iso_expectation(ax, [0, 1, 2], 2).get_xydata())
    assert np.abs(corner - [0, 0, 1]).max() < ATOL


@pytest.mark.parametrize(
    ("gamble", "value", "match"),
    [([0, 1, 2], 3, r"value 3 lies outside the range \[0, 2\]"),
     ([0, 1, 2], -0.5, r"outside the range"),
     ([1, 1, 1], 1, "gamble is constant"),
     ([0, 1], 0, "gamble must have shape"),
     ([0, 1, 2], "x", "value")],
)
def test_iso_expectation_rejects_bad_input(gamble: object, value: object, match: str) -> None:
    ax = plot.simplex(cr.vacuous(3))
    with pytest.raises(InvalidArgumentError, match=match):
        plot.iso_expectation(ax, gamble, value)


def test_iso_expectation_mapping_needs_outcomes() -> None:
    _, ax = plt.subplots()
    with pytest.raises(InvalidArgumentError, match="pass outcomes="):
        plot.iso_expectation(ax, {"R": 1}, 0.5)
    line = plot.iso_expectation(ax, {"R": 1}, F(1, 2), outcomes=RBY)
    assert all(abs(p[0] - 0.5) < ATOL for p in barycentric(line.get_xydata()))


# -- intervals -----------------------------------------------------------------------------
def test_intervals_endpoints_are_lower_and_upper_probabilities() -> None:
    coin = cr.CredalSet.from_bounds({"H": "0.28"}, {"H": "0.7"}, outcomes=["H", "T"])
    idm = cr.idm({"H": 3, "T": 1})
    fair = cr.precise({"H": "1/2", "T": "1/2"})
    ax = plot.intervals(coin, idm, fair, labels=["Troffaes", "IDM", "fair"])
    assert len(ax.lines) == 3
    for line, S in zip(ax.lines, (coin, idm, fair), strict=True):
        lo, hi = line.get_xdata()
        assert lo == float(cr.lower_probability(S, ["H"]))
        assert hi == float(cr.upper_probability(S, ["H"]))
    rows = [line.get_ydata()[0] for line in ax.lines]
    assert rows == sorted(rows, reverse=True)                  # the first set on top
    ticks = dict(zip(ax.get_yticks(), (t.get_text() for t in ax.get_yticklabels()), strict=True))
    assert ticks == {2: "Troffaes", 1: "IDM", 0: "fair"}
    assert ax.get_xlabel() == "P(H)"


def test_intervals_of_another_event() -> None:
    coin = cr.CredalSet.from_bounds({"H": "0.28"}, {"H": "0.7"}, outcomes=["H", "T"])
    ax = plot.intervals(coin, event=["T"])
    assert list(ax.lines[0].get_xdata()) == [0.3, 0.72]
    assert ax.get_xlabel() == "P(T)"


@pytest.mark.parametrize(
    ("sets", "kwargs", "match"),
    [((), {}, "at least one"),
     ((cr.vacuous(3),), {}, r"sets\[0\] has 3 outcomes"),
     ((cr.vacuous(2), cr.vacuous(["H", "T"])), {}, r"sets\[1\] has the outcomes"),
     ((cr.vacuous(2),), {"labels": ["a", "b"]}, "labels has 2 entries"),
     ((cr.vacuous(2),), {"event": ["H"]}, "event contains 'H'"),
     ((cr.vacuous(2),), {"event": 0}, "event must be an iterable")],
)
def test_intervals_rejects_bad_input(sets: tuple[object, ...], kwargs: dict[str, object],
                                     match: str) -> None:
    with pytest.raises(InvalidArgumentError, match=match):
        plot.intervals(*sets, **kwargs)  # type: ignore[arg-type]


# -- matplotlib stays optional -------------------------------------------------------------
def test_import_credal_and_credal_plot_do_not_import_matplotlib() -> None:
    code = ("import sys, credal, credal.plot; "
            "print('matplotlib' in sys.modules, 'matplotlib.pyplot' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, timeout=120).stdout.strip()
    assert out == "False False"


@pytest.mark.parametrize("call", ["simplex", "intervals", "point", "iso_expectation"])
def test_without_matplotlib_plots_raise_with_the_pip_hint(
        monkeypatch: pytest.MonkeyPatch, call: str) -> None:
    for name in [m for m in sys.modules if m == "matplotlib" or m.startswith("matplotlib.")]:
        monkeypatch.setitem(sys.modules, name, None)   # `import matplotlib...` now fails
    args: dict[str, tuple[object, ...]] = {
        "simplex": (cr.vacuous(3),), "intervals": (cr.vacuous(2),),
        "point": (object(), [1, 0, 0]), "iso_expectation": (object(), [0, 1, 2], 1)}
    with pytest.raises(ModuleNotFoundError, match=r"pip install 'credalkit\[plot\]'") as info:
        getattr(plot, call)(*args[call])
    assert info.value.name == "matplotlib"
    # to_cartesian is plain numpy and keeps working.
    assert plot.to_cartesian([0, 1, 0]).tolist() == [1.0, 0.0]

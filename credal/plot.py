"""Pictures of credal sets: ternary plots over three outcomes, intervals over two.

The probability simplex over three outcomes is a triangle. :func:`simplex` draws it with
one or more credal sets inside, each as a filled polygon of its vertices;
:func:`point` marks a distribution (a worst case from :func:`credal.solve_lower`, say) and
:func:`iso_expectation` draws the line of distributions under which a gamble has a given
expectation. :func:`intervals` draws sets over two outcomes as intervals of probability.
:func:`to_cartesian` is the map from distributions to the plane that they all use.

matplotlib is an optional dependency (``pip install 'credalkit[plot]'``), imported only
when a function here draws: ``import credal.plot`` does not import it. Exact sets are
drawn from float copies of their vertices.

Coordinates: the first outcome is the corner (0, 0), the second (1, 0), the third
(1/2, √3/2); a distribution p is drawn at ``p_1 (1, 0) + p_2 (1/2, √3/2)``, so each
corner is the point mass on its outcome and each side holds the distributions that give
the opposite outcome probability 0.
"""

from __future__ import annotations

import math
import weakref
from collections.abc import Hashable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, cast

import numpy as np

from ._core import numbers as nums
from ._core.arith import Arithmetic, arithmetic_of
from ._core.numbers import show
from ._core.outcomes import Outcomes, distribution_array, gamble_array, unlabel
from ._core.types import NDArray
from .errors import InvalidArgumentError
from .expectations import lower_probability, upper_probability
from .sets import CredalSet

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.lines import Line2D

__all__ = ["simplex", "point", "iso_expectation", "intervals", "to_cartesian"]

_INSTALL = "credal.plot needs matplotlib: pip install 'credalkit[plot]'"
_HEIGHT = math.sqrt(3) / 2
_CORNERS = np.array([[0.0, 0.0], [1.0, 0.0], [0.5, _HEIGHT]])
_TRIANGLE_GID = "credal-simplex"
_SET_GID = "credal-set"

# The outcomes of the triangle drawn on each axes, so that later calls can take mappings
# and check that overlaid sets agree.
_AXES_OUTCOMES: weakref.WeakKeyDictionary[Any, Outcomes] = weakref.WeakKeyDictionary()


def _require_matplotlib() -> None:
    """Import matplotlib, or raise a ModuleNotFoundError that says how to install it."""
    try:
        import matplotlib  # noqa: F401
    except ImportError as exc:  # ModuleNotFoundError, or a None entry in sys.modules
        raise ModuleNotFoundError(_INSTALL, name="matplotlib") from exc


def to_cartesian(P: Any) -> NDArray:
    """Map distributions over three outcomes to points of the triangle in the plane.

    ``p -> p_1 (1, 0) + p_2 (1/2, √3/2)``: the corners (0, 0), (1, 0), (1/2, √3/2) are the
    point masses on the first, second and third outcome. The map is linear (affine on the
    simplex), so it sends a credal set's vertices to its polygon's corners.

    Parameters
    ----------
    P : (3,) or (m, 3) array_like
        One distribution or a batch, exact or float. The rows are not checked to be
        distributions (any weights are mapped by the same formula).

    Returns
    -------
    (2,) or (m, 2) ndarray of float64

    Raises
    ------
    InvalidArgumentError
        ``P`` is not numeric, holds NaN or infinity, or its last axis does not have length 3.

    Examples
    --------
    >>> from credal.plot import to_cartesian
    >>> to_cartesian([[1, 0, 0], [0, 1, 0], ["1/2", "1/2", 0]])
    array([[0. , 0. ],
           [1. , 0. ],
           [0.5, 0. ]])
    >>> bool(abs(to_cartesian([0, 0, 1])[1] - 3 ** 0.5 / 2) < 1e-12)
    True
    """
    arr, _ = nums.as_numbers(P, "P")
    if arr.ndim not in (1, 2) or arr.shape[-1] != 3:
        raise InvalidArgumentError(
            f"P must have shape (3,) or (m, 3) (distributions over three outcomes), got shape "
            f"{arr.shape}: {show(P)}")
    flt = nums.to_float(arr)
    out: NDArray = flt @ _CORNERS
    return out


# --------------------------------------------------------------------------------------
# Validation
# --------------------------------------------------------------------------------------
def _check_sets(sets: tuple[Any, ...], n: int, what: str) -> Outcomes:
    if not sets:
        raise InvalidArgumentError(
            f"{what}() needs at least one credal set, got none; call {what}(S) or "
            f"{what}(S, T, ...)")
    for i, S in enumerate(sets):
        if not isinstance(S, CredalSet):
            raise InvalidArgumentError(
                f"sets[{i}] must be a CredalSet, got {type(S).__name__}: {show(S)}")
        if S.n_outcomes != n:
            kind = "a ternary plot" if n == 3 else "an interval plot"
            raise InvalidArgumentError(
                f"sets[{i}] has {S.n_outcomes} outcomes {show(list(S.outcomes))}, but "
                f"{kind} needs sets over exactly {n}; pushforward the set onto {n} outcomes "
                f"(credal.pushforward) or pick another picture")
    first: Outcomes = sets[0].outcomes
    for i, S in enumerate(sets[1:], start=1):
        if S.outcomes != first:
            raise InvalidArgumentError(
                f"sets[{i}] has the outcomes {show(list(S.outcomes))} but sets[0] has "
                f"{show(list(first))}; sets drawn together must have the same outcomes in the "
                f"same order")
    return first


def _check_names(values: Any, count: int, name: str) -> list[Any] | None:
    if values is None:
        return None
    if isinstance(values, str | bytes) or not isinstance(values, Iterable):
        raise InvalidArgumentError(
            f"{name} must be a sequence with one entry per set, got {show(values)}"
            + (f"; write [{values!r}]" if isinstance(values, str) else ""))
    out = list(values)
    if len(out) != count:
        raise InvalidArgumentError(
            f"{name} has {len(out)} entries but {count} set(s) were given: {show(values)}; "
            f"give one per set")
    return out


def _axes_outcomes(ax: Any, outcomes: Any) -> Outcomes | None:
    """The outcomes to read mappings with: ``outcomes`` if given, else the axes' own."""
    if outcomes is not None:
        if isinstance(outcomes, str | bytes) or not isinstance(outcomes, Iterable):
            raise InvalidArgumentError(
                f"outcomes must be a sequence of three outcome labels, got {show(outcomes)}")
        labels: Outcomes = tuple(outcomes)
        if len(labels) != 3:
            raise InvalidArgumentError(
                f"outcomes must hold three labels (one per corner), got {show(list(labels))}")
        return labels
    try:
        return _AXES_OUTCOMES.get(ax)
    except TypeError:  # pragma: no cover - an unhashable stand-in for an Axes
        return None


def _check_axes(ax: Any, name: str = "ax") -> None:
    from matplotlib.axes import Axes

    if not isinstance(ax, Axes):
        raise InvalidArgumentError(
            f"{name} must be a matplotlib Axes (e.g. the one credal.plot.simplex returns), got "
            f"{type(ax).__name__}: {show(ax)}")


def _new_axes(ax: Any, figsize: tuple[float, float]) -> Axes:
    """``ax`` checked, or new axes from ``pyplot.subplots``."""
    _require_matplotlib()
    if ax is None:
        import matplotlib.pyplot as plt

        _, new = plt.subplots(figsize=figsize, layout="constrained")
        return new
    _check_axes(ax)
    return cast("Axes", ax)


# --------------------------------------------------------------------------------------
# Ternary plots
# --------------------------------------------------------------------------------------
def _draw_triangle(ax: Axes, corner_labels: Sequence[str]) -> None:
    closed = np.vstack([_CORNERS, _CORNERS[:1]])
    # Beneath the sets (zorder 1), so that a set on a side of the triangle stays visible.
    ax.plot(closed[:, 0], closed[:, 1], color="black", linewidth=1.0, gid=_TRIANGLE_GID,
            zorder=0.5)
    offsets = [(-0.02, -0.02, "right", "top"), (0.02, -0.02, "left", "top"),
               (0.0, 0.025, "center", "bottom")]
    for (x, y), (dx, dy, ha, va), text in zip(_CORNERS, offsets, corner_labels, strict=True):
        ax.text(x + dx, y + dy, text, ha=ha, va=va, fontsize=11)
    ax.set_xlim(-0.12, 1.12)
    ax.set_ylim(-0.1, _HEIGHT + 0.1)
    ax.set_aspect("equal")
    ax.set_xticks([])
    ax.set_yticks([])
    for spine in ax.spines.values():
        spine.set_visible(False)


def _convex_order(xy: NDArray) -> NDArray:
    """The rows of ``xy`` (extreme points of a convex polygon) in counter-clockwise order."""
    if xy.shape[0] < 3:
        return xy
    centre = xy.mean(axis=0)
    angles = np.arctan2(xy[:, 1] - centre[1], xy[:, 0] - centre[0])
    ordered: NDArray = xy[np.argsort(angles, kind="stable")]
    return ordered


def simplex(*sets: CredalSet, ax: Axes | None = None, labels: Sequence[str] | None = None,
            colors: Sequence[Any] | None = None, vertices: bool = True, alpha: float = 0.25,
            outcome_labels: Sequence[str] | None = None) -> Axes:
    """Ternary plot of credal sets over three outcomes, overlaid in one triangle.

    Each set is drawn as the filled polygon of its vertices (``S.vertices``, as floats),
    outlined in the same colour, with its vertices marked; a point or a segment when the
    set has one or two vertices. The triangle's corners are the point masses, labelled with
    the outcomes (see :func:`to_cartesian` for the coordinates).

    Parameters
    ----------
    *sets : CredalSet
        One or more sets over the same three outcomes.
    ax : matplotlib.axes.Axes, optional
        Draw into these axes (a call with the same outcomes may add sets to an earlier
        picture). By default a new figure and axes are made with ``pyplot.subplots``.
    labels : sequence of str, optional
        One legend entry per set; a legend is drawn when given.
    colors : sequence of matplotlib colours, optional
        One per set; by default the colour cycle ``"C0"``, ``"C1"``, ... (continued after
        the sets already drawn on ``ax``).
    vertices : bool
        Mark the vertices (always marked for a set with a single vertex).
    alpha : float
        Opacity of the fill, in [0, 1].
    outcome_labels : sequence of 3 str, optional
        Corner labels; by default ``str`` of each outcome in ``S.outcomes``.

    Returns
    -------
    matplotlib.axes.Axes
        The axes drawn into: equal aspect, no ticks. ``ax.patches`` holds one polygon per
        set, in order.

    Raises
    ------
    InvalidArgumentError
        No set; an argument that is not a CredalSet; a set not over exactly three
        outcomes; sets (or the triangle already on ``ax``) with different outcomes;
        ``labels``, ``colors`` or ``outcome_labels`` of the wrong length; ``alpha``
        outside [0, 1].
    ModuleNotFoundError
        matplotlib is not installed.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> import credal as cr
    >>> from credal import plot
    >>> urn = cr.CredalSet.from_constraints(A_eq=[[1, 0, 0]], b_eq=["1/3"],
    ...                                     outcomes=["R", "B", "Y"])
    >>> ax = plot.simplex(urn, cr.vacuous(["R", "B", "Y"]), labels=["Ellsberg", "vacuous"])
    >>> len(ax.patches)
    2
    >>> plt.close(ax.figure)
    """
    outcomes = _check_sets(sets, 3, "simplex")
    names = _check_names(labels, len(sets), "labels")
    cols = _check_names(colors, len(sets), "colors")
    if outcome_labels is None:
        corner_labels = [str(o) for o in outcomes]
    else:
        if isinstance(outcome_labels, str | bytes) or not isinstance(outcome_labels, Iterable):
            raise InvalidArgumentError(
                f"outcome_labels must be a sequence of three strings, got {show(outcome_labels)}")
        corner_labels = [str(t) for t in outcome_labels]
        if len(corner_labels) != 3:
            raise InvalidArgumentError(
                f"outcome_labels must hold three labels (one per corner), got "
                f"{show(list(outcome_labels))}")
    a, _ = nums.as_scalar(alpha, "alpha")
    if not 0 <= a <= 1:
        raise InvalidArgumentError(f"alpha must lie in [0, 1], got {show(alpha)}")
    if not isinstance(vertices, bool | np.bool_):
        raise InvalidArgumentError(f"vertices must be True or False, got {show(vertices)}")
    ax = _new_axes(ax, (5.0, 4.4))
    from matplotlib.colors import to_rgba
    from matplotlib.patches import Polygon

    drawn = _AXES_OUTCOMES.get(ax)
    if drawn is None:
        _draw_triangle(ax, corner_labels)
        _AXES_OUTCOMES[ax] = outcomes
    elif drawn != outcomes:
        raise InvalidArgumentError(
            f"sets have the outcomes {show(list(outcomes))} but the triangle on ax was drawn "
            f"for {show(list(drawn))}; draw them on new axes (ax=None)")
    already = sum(1 for p in ax.patches if str(p.get_gid() or "").startswith(_SET_GID))
    for i, S in enumerate(sets):
        color = cols[i] if cols is not None else f"C{(already + i) % 10}"
        label = None if names is None else str(names[i])
        xy = _convex_order(to_cartesian(nums.to_float(S.vertices)))
        poly = Polygon(xy, closed=True, facecolor=to_rgba(color, float(a)), edgecolor=color,
                       linewidth=1.5, label=label, gid=f"{_SET_GID}-{already + i}")
        ax.add_patch(poly)
        if vertices or xy.shape[0] == 1:
            ax.plot(xy[:, 0], xy[:, 1], linestyle="none", marker="o", markersize=4,
                    color=color)
    if names is not None:
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, 0.0), fontsize=9, frameon=False)
    return ax


def point(ax: Axes, p: Any, *, outcomes: Iterable[Hashable] | None = None,
          label: str | None = None, **kwargs: Any) -> Line2D:
    """Mark one distribution over three outcomes in a ternary plot.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
        Usually the axes :func:`simplex` returned.
    p : (3,) array_like or mapping {outcome: probability}
        A distribution (e.g. ``credal.solve_lower(S, f).minimizer``), exact or float. A
        mapping is read with ``outcomes``, or else the outcomes of the triangle on ``ax``.
    outcomes : sequence of 3 outcome labels, optional
    label : str, optional
        Legend entry (call ``ax.legend()`` afterwards to show it).
    **kwargs
        Passed to ``Axes.plot``; the default is a black star.

    Returns
    -------
    matplotlib.lines.Line2D
        The marker; its data is ``to_cartesian(p)``.

    Raises
    ------
    InvalidArgumentError
        ``ax`` is not an Axes; ``p`` is not a distribution over three outcomes (negative,
        not summing to 1, wrong length, unknown key).
    ModuleNotFoundError
        matplotlib is not installed.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> import credal as cr
    >>> from credal import plot
    >>> S = cr.tv_ball(["1/3", "1/3", "1/3"], "1/6")
    >>> ax = plot.simplex(S)
    >>> worst = cr.solve_lower(S, [0, 1, 2]).minimizer
    >>> [str(v) for v in worst]
    ['1/2', '1/3', '1/6']
    >>> marker = plot.point(ax, worst, label="worst case for (0, 1, 2)")
    >>> [round(float(v), 3) for v in marker.get_xydata()[0]]
    [0.417, 0.144]
    >>> plt.close(ax.figure)
    """
    _require_matplotlib()
    _check_axes(ax)
    labels = _axes_outcomes(ax, outcomes)
    p = unlabel(p, "p")  # a pandas Series is read by its labels, like a mapping
    if isinstance(p, Mapping):
        arr, _, _ = distribution_array(p, labels, "p")   # labels None: the mapping's keys
    else:
        arr, _, _ = distribution_array(p, None, "p")     # an array needs no labels
    if arr.shape[0] != 3:
        raise InvalidArgumentError(
            f"p must be a distribution over three outcomes to mark it in a ternary plot, got "
            f"{arr.shape[0]} entries: {show(p)}")
    xy = to_cartesian(arr)
    style: dict[str, Any] = {"marker": "*", "markersize": 12, "color": "black",
                             "linestyle": "none", "zorder": 3}
    style.update(kwargs)
    (line,) = ax.plot([xy[0]], [xy[1]], label=label, **style)
    return line


def _segment(f: NDArray, value: Any, ar: Arithmetic) -> list[NDArray]:
    """The distinct points of the triangle's boundary where p·f = value (barycentric),
    computed in the arithmetic ``ar`` of ``f`` and ``value``."""
    found: list[NDArray] = []
    zero = ar.zero()
    one = ar.one()
    for i, j in ((0, 1), (1, 2), (2, 0)):
        fi, fj = f[i], f[j]
        if fi == fj:
            if fi != value:
                continue
            ts = [one, zero]           # the whole side lies on the line: both ends
        else:
            t = (value - fj) / (fi - fj)
            if not zero <= t <= one:
                continue
            ts = [t]
        for t in ts:
            p = np.empty(3, dtype=ar.dtype)
            p[:] = zero
            p[i] = t
            p[j] = one - t
            if not any(np.array_equal(p, q) for q in found):
                found.append(p)
    return found


def iso_expectation(ax: Axes, gamble: Any, value: Any, *,
                    outcomes: Iterable[Hashable] | None = None, **kwargs: Any) -> Line2D:
    """Draw the distributions under which a gamble has a given expectation.

    The set ``{p in simplex : p·f = value}`` is a segment across the triangle (a side of it,
    or a corner, at the extremes); moving ``value`` moves it in parallel. Through a
    worst-case distribution of a credal set, it touches the set's polygon with the set on
    its high side: the lower expectation.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
        Usually the axes :func:`simplex` returned.
    gamble : (3,) array_like or mapping {outcome: value}
        The gamble ``f``; a mapping is read with ``outcomes``, or else the outcomes of the
        triangle on ``ax`` (a missing outcome is 0).
    value : number
        The expectation, between ``min f`` and ``max f``.
    outcomes : sequence of 3 outcome labels, optional
    **kwargs
        Passed to ``Axes.plot``; the default is a dashed grey line.

    Returns
    -------
    matplotlib.lines.Line2D
        The segment, from one end to the other (two points; equal ones when the line only
        touches a corner). Its ends satisfy ``p·f = value`` (exactly, before the conversion
        to floats, when ``f`` and ``value`` are exact).

    Raises
    ------
    InvalidArgumentError
        ``ax`` is not an Axes; ``gamble`` is not a gamble over three outcomes; ``gamble``
        is constant (every distribution then has the same expectation); ``value`` outside
        ``[min f, max f]`` (the line misses the triangle).
    ModuleNotFoundError
        matplotlib is not installed.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> from credal import plot, vacuous
    >>> ax = plot.simplex(vacuous(3))
    >>> line = plot.iso_expectation(ax, [0, 1, 2], 1)
    >>> line.get_xydata().round(3).tolist()    # from (0, 1, 0) to (1/2, 0, 1/2)
    [[1.0, 0.0], [0.25, 0.433]]
    >>> plt.close(ax.figure)
    """
    _require_matplotlib()
    _check_axes(ax)
    labels = _axes_outcomes(ax, outcomes)
    gamble = unlabel(gamble, "gamble")
    if isinstance(gamble, Mapping) and labels is None:
        raise InvalidArgumentError(
            f"gamble is a mapping {show(gamble)} but ax holds no triangle to take the outcomes "
            f"from; draw it with credal.plot.simplex first or pass outcomes=")
    F, exact_f, _ = gamble_array(gamble, labels if labels is not None else (0, 1, 2),
                                 "gamble", batch=False)
    f = F[0]
    v, exact_v = nums.as_scalar(value, "value")
    ar = arithmetic_of(exact_f, exact_v)
    if not ar.exact:
        f = nums.to_float(f)
        v = float(v)
    lo, hi = min(f), max(f)
    if lo == hi:
        raise InvalidArgumentError(
            f"gamble is constant, {show(list(f))}: every distribution has expectation {lo}, so "
            f"there is no line to draw; pass a gamble that is not constant")
    if not lo <= v <= hi:
        raise InvalidArgumentError(
            f"value {value!r} lies outside the range [{lo}, {hi}] of the gamble "
            f"{show(list(f))}, so the line p·f = value misses the triangle; pick a value in "
            f"that range")
    ends = _segment(f, v, ar)
    if len(ends) == 1:
        ends = ends * 2
    xy = to_cartesian(np.array([nums.to_float(e) for e in ends]))
    if len(xy) > 2:  # float rounding near a corner: keep the two ends farthest apart
        far = np.linalg.norm(xy[:, None, :] - xy[None, :, :], axis=2)
        i, j = np.unravel_index(int(np.argmax(far)), far.shape)
        xy = xy[[i, j]]
    style: dict[str, Any] = {"color": "0.35", "linestyle": "--", "linewidth": 1.0}
    style.update(kwargs)
    (line,) = ax.plot(xy[:, 0], xy[:, 1], **style)
    return line


# --------------------------------------------------------------------------------------
# Interval plots
# --------------------------------------------------------------------------------------
def intervals(*sets: CredalSet, ax: Axes | None = None, labels: Sequence[str] | None = None,
              event: Iterable[Hashable] | None = None) -> Axes:
    """Sets over two outcomes as intervals of probability, one row per set.

    A credal set over two outcomes is an interval ``[lower P(A), upper P(A)]`` for the event
    ``A`` holding the first outcome; each set becomes one horizontal bar on [0, 1], the
    first set at the top.

    Parameters
    ----------
    *sets : CredalSet
        One or more sets over the same two outcomes.
    ax : matplotlib.axes.Axes, optional
        By default a new figure and axes.
    labels : sequence of str, optional
        One row label per set (default ``"set 0"``, ``"set 1"``, ...).
    event : iterable of outcomes, optional
        The event whose probability is shown; default ``[S.outcomes[0]]``.

    Returns
    -------
    matplotlib.axes.Axes
        ``ax.lines`` holds one line per set, in order, from ``(lower, row)`` to
        ``(upper, row)``.

    Raises
    ------
    InvalidArgumentError
        No set; an argument that is not a CredalSet; a set not over exactly two outcomes;
        sets with different outcomes; ``labels`` of the wrong length; ``event`` not an
        iterable of outcomes.
    ModuleNotFoundError
        matplotlib is not installed.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> import credal as cr
    >>> from credal import plot
    >>> coin = cr.CredalSet.from_bounds({"H": "0.28"}, {"H": "0.7"}, outcomes=["H", "T"])
    >>> ax = plot.intervals(coin, cr.idm({"H": 3, "T": 1}), labels=["Troffaes", "IDM"])
    >>> ax.lines[0].get_xdata().tolist()
    [0.28, 0.7]
    >>> plt.close(ax.figure)
    """
    outcomes = _check_sets(sets, 2, "intervals")
    names = _check_names(labels, len(sets), "labels")
    if event is None:
        event = [outcomes[0]]
    bounds = [(float(lower_probability(S, event)), float(upper_probability(S, event)))
              for S in sets]
    ax = _new_axes(ax, (5.0, 0.6 + 0.45 * len(sets)))
    rows = [len(sets) - 1 - i for i in range(len(sets))]
    for i, ((lo, hi), y) in enumerate(zip(bounds, rows, strict=True)):
        ax.plot([lo, hi], [y, y], color=f"C{i % 10}", linewidth=5, solid_capstyle="butt",
                marker="|", markersize=14, markeredgewidth=2)
    ax.set_xlim(-0.02, 1.02)
    ax.set_ylim(-0.6, len(sets) - 0.4)
    ax.set_yticks(rows)
    ax.set_yticklabels([f"set {i}" if names is None else str(names[i])
                        for i in range(len(sets))])
    shown = ", ".join(str(x) for x in event)
    ax.set_xlabel(f"P({shown})")
    ax.grid(axis="x", alpha=0.3)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    return ax

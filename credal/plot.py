"""Pictures of credal sets: ternary plots over three outcomes, intervals over two.

The probability simplex over three outcomes is a triangle. :func:`simplex` draws it with
one or more credal sets inside, each as a filled polygon of its vertices;
:func:`point` marks a distribution (a worst case from :func:`credal.solve_lower`, say) and
:func:`iso_expectation` draws the line of distributions under which a gamble has a given
expectation. :func:`intervals` draws sets over two outcomes as intervals of probability.
:func:`to_cartesian` is the map from distributions to the plane that they all use.
:func:`piecewise` and :func:`regions` draw the exact one-parameter results of
:mod:`credal.parametric`: piecewise values as curves, decision regions as a band chart.

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
from typing import TYPE_CHECKING, Any, NamedTuple, cast

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

__all__ = ["simplex", "point", "iso_expectation", "intervals", "to_cartesian", "piecewise",
           "regions", "regret_curves"]

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


# --------------------------------------------------------------------------------------
# One-parameter results (credal.parametric)
# --------------------------------------------------------------------------------------
_CURVE_GID = "credal-piecewise"
_DOTS_GID = "credal-breakpoints"
_VLINE_GID = "credal-breakpoint-line"
_BAR_GID = "credal-region"
_CHOSEN_GID = "credal-chosen-point"
_UNCHOSEN_GID = "credal-unchosen-point"
_SEPARATOR_GID = "credal-rule-separator"
_TOP_LABELS_GID = "credal-breakpoint-labels"
_RULE_LABELS_GID = "credal-rule-labels"
_REL_TOL = 1e-12


class _Curve(NamedTuple):
    """A checked piecewise value: pieces (lo exact, hi exact, lo, hi, expr), breakpoints
    (exact, float), the symbol and the domain as floats."""
    pieces: list[tuple[Any, Any, float, float, Any]]
    breakpoints: list[tuple[Any, float]]
    symbol: Any
    domain: tuple[float, float]


class _Rule(NamedTuple):
    """Checked regions: entries (lo exact, hi exact, lo, hi, indices of the chosen acts),
    the acts, the symbol and the domain as floats."""
    entries: list[tuple[Any, Any, float, float, frozenset[int]]]
    acts: list[Any]
    symbol: Any
    domain: tuple[float, float]


def _close(a: float, b: float) -> bool:
    return abs(a - b) <= _REL_TOL * max(1.0, abs(a), abs(b))


def _is_sequence(x: Any) -> bool:
    return not isinstance(x, str | bytes | Mapping) and isinstance(x, Iterable)


def _real(x: Any, where: str) -> tuple[Any, float]:
    """``x`` as a sympy number and as a float, or an InvalidArgumentError naming ``where``."""
    import sympy

    try:
        exact = sympy.sympify(x, strict=True)
        value = float(exact)
    except (sympy.SympifyError, TypeError, ValueError) as exc:
        raise InvalidArgumentError(
            f"{where} must be a real number (a sympy number, an int or a Fraction), got "
            f"{show(x)}") from exc
    if not math.isfinite(value):
        raise InvalidArgumentError(f"{where} must be a finite number, got {show(x)}")
    return exact, value


def _symbol_of(obj: Any, where: str) -> Any:
    import sympy

    sym = obj.symbol
    if not isinstance(sym, sympy.Symbol):
        raise InvalidArgumentError(
            f"{where}.symbol must be a sympy Symbol (the parameter), got "
            f"{type(sym).__name__}: {show(sym)}")
    return sym


def _domain_of(obj: Any, where: str) -> tuple[float, float]:
    dom = obj.domain
    ends = list(dom) if _is_sequence(dom) else []
    if len(ends) != 2:
        raise InvalidArgumentError(
            f"{where}.domain must be a pair (lo, hi) of numbers, got {show(dom)}")
    _, lo = _real(ends[0], f"{where}.domain[0]")
    _, hi = _real(ends[1], f"{where}.domain[1]")
    if lo > hi:
        raise InvalidArgumentError(
            f"{where}.domain must have lo <= hi, got {show(dom)}")
    return lo, hi


def _per_item(values: Any, count: int, name: str, what: str) -> list[Any] | None:
    """``values`` as a list with one entry per drawn thing, or None."""
    if values is None:
        return None
    if not _is_sequence(values):
        raise InvalidArgumentError(
            f"{name} must be a sequence with one entry per {what}, got {show(values)}"
            + (f"; write [{values!r}]" if isinstance(values, str) else ""))
    out = list(values)
    if len(out) != count:
        raise InvalidArgumentError(
            f"{name} has {len(out)} entries but there are {count} {what}(s): {show(values)}; "
            f"give one per {what}")
    return out


def _check_piecewise(value: Any, where: str) -> _Curve:
    import sympy

    if isinstance(value, Mapping) or not all(
            hasattr(value, a) for a in ("pieces", "breakpoints", "symbol", "domain")):
        raise InvalidArgumentError(
            f"{where} must be a piecewise value (credal.parametric.PiecewiseValue, from "
            f"credal.parametric.lower_expectation or upper_expectation), with .pieces, "
            f".breakpoints, .symbol and .domain; got {type(value).__name__}: {show(value)}")
    sym = _symbol_of(value, where)
    domain = _domain_of(value, where)
    raw = value.pieces
    if not _is_sequence(raw):
        raise InvalidArgumentError(
            f"{where}.pieces must be a sequence of (lo, hi, expr) triples, got {show(raw)}")
    pieces: list[tuple[Any, Any, float, float, Any]] = []
    for j, piece in enumerate(raw):
        w = f"{where}.pieces[{j}]"
        parts = tuple(piece) if _is_sequence(piece) else ()
        if len(parts) != 3:
            raise InvalidArgumentError(
                f"{w} must be a triple (lo, hi, expr), got {show(piece)}")
        lo_x, lo = _real(parts[0], f"{w}[0]")
        hi_x, hi = _real(parts[1], f"{w}[1]")
        if lo > hi:
            raise InvalidArgumentError(
                f"{w} has lo = {lo_x} above hi = {hi_x}; a piece is an interval [lo, hi]")
        try:
            expr = sympy.sympify(parts[2], strict=True)
        except sympy.SympifyError as exc:
            raise InvalidArgumentError(
                f"{w}[2] must be a sympy expression in {sym}, got {show(parts[2])}") from exc
        if not isinstance(expr, sympy.Expr):
            raise InvalidArgumentError(
                f"{w}[2] must be a sympy expression in {sym}, got {type(expr).__name__}: "
                f"{show(expr)}")
        extra = sorted(str(s) for s in expr.free_symbols - {sym})
        if extra:
            raise InvalidArgumentError(
                f"{w}[2] = {show(expr)} holds the symbol(s) {', '.join(extra)} besides the "
                f"parameter {sym}; substitute numbers for them first")
        pieces.append((lo_x, hi_x, lo, hi, expr))
    if not pieces:
        raise InvalidArgumentError(f"{where}.pieces is empty: there is no curve to draw")
    raw_b = value.breakpoints
    if not _is_sequence(raw_b):
        raise InvalidArgumentError(
            f"{where}.breakpoints must be a sequence of numbers, got {show(raw_b)}")
    breaks = [_real(b, f"{where}.breakpoints[{k}]") for k, b in enumerate(raw_b)]
    return _Curve(pieces, breaks, sym, domain)


def _evaluate(expr: Any, sym: Any, xs: NDArray, where: str) -> NDArray:
    """``expr`` at the floats ``xs`` (NaN where it is not a finite real number)."""
    import sympy

    try:
        fn = sympy.lambdify(sym, expr, modules="numpy")
        with np.errstate(all="ignore"):
            ys = np.broadcast_to(np.asarray(fn(xs)), xs.shape)
            if np.iscomplexobj(ys):
                real = np.abs(ys.imag) <= 1e-9 * np.maximum(1.0, np.abs(ys.real))
                ys = np.where(real, ys.real, np.nan)
            out: NDArray = np.array(ys, dtype=np.float64)
    except (TypeError, ValueError, NameError, AttributeError, ZeroDivisionError) as exc:
        raise InvalidArgumentError(
            f"{where}: the expression {show(expr)} cannot be evaluated with numpy ({exc}); "
            f"give a rational function of the parameter") from exc
    out[~np.isfinite(out)] = np.nan
    return out


def _exact_at(expr: Any, sym: Any, at: Any) -> float | None:
    """float(expr at the exact point ``at``), or None at a pole."""
    try:
        v = float(expr.subs(sym, at))
    except (TypeError, ValueError):
        return None
    return v if math.isfinite(v) else None


_Dots = list[tuple[float, float]]


def _sample_curve(curve: _Curve, points: int, where: str
                  ) -> tuple[NDArray, NDArray, _Dots, _Dots]:
    """The curve's x and y data (pieces separated by NaN), the points of the curve over
    its breakpoints, and its single-point pieces."""
    sym = curve.symbol
    width = sum(hi - lo for _, _, lo, hi, _ in curve.pieces)
    xs_parts: list[NDArray] = []
    ys_parts: list[NDArray] = []
    singles: list[tuple[float, float]] = []
    for j, (lo_x, _, lo, hi, expr) in enumerate(curve.pieces):
        if lo == hi:
            y = _exact_at(expr, sym, lo_x)
            if y is not None:
                singles.append((lo, y))
            continue
        n = max(2, math.ceil(points * (hi - lo) / width))
        xs = np.linspace(lo, hi, n)
        ys = _evaluate(expr, sym, xs, f"{where}.pieces[{j}]")
        if xs_parts:  # no segment joins two pieces (a jump stays a jump)
            xs_parts.append(np.array([np.nan]))
            ys_parts.append(np.array([np.nan]))
        xs_parts.append(xs)
        ys_parts.append(ys)
    dots: list[tuple[float, float]] = []
    for b_x, b in curve.breakpoints:
        for _, _, lo, hi, expr in curve.pieces:
            if not (_close(lo, b) or _close(hi, b)):
                continue
            y = _exact_at(expr, sym, b_x)
            if y is not None and not any(_close(b, x) and _close(y, v) for x, v in dots):
                dots.append((b, y))
    if xs_parts:
        return np.concatenate(xs_parts), np.concatenate(ys_parts), dots, singles
    return np.empty(0), np.empty(0), dots, singles


def _distinct(points: Iterable[tuple[Any, float]]) -> list[tuple[Any, float]]:
    """The (exact, float) points with distinct floats, the first of each kept, sorted."""
    out: list[tuple[Any, float]] = []
    for exact, x in points:
        if not any(_close(x, y) for _, y in out):
            out.append((exact, x))
    return sorted(out, key=lambda p: p[1])


def _symbol_label(symbols: Iterable[Any]) -> str:
    names: list[str] = []
    for s in symbols:
        if s.name not in names:
            names.append(s.name)
    return ", ".join(names)


def piecewise(*values: Any, ax: Axes | None = None, labels: Sequence[str] | None = None,
              colors: Sequence[Any] | None = None, points: int = 200,
              mark_breakpoints: bool = True) -> Axes:
    """Curves of exact piecewise values of a parameter, with their breakpoints marked.

    A :class:`credal.parametric.PiecewiseValue` ``v`` (from
    :func:`credal.parametric.lower_expectation` or ``upper_expectation``) is the function
    ``t -> expr_j(t)`` for ``t`` in ``[lo_j, hi_j]``, one ``(lo_j, hi_j, expr_j)`` in
    ``v.pieces`` per piece. Each piece is sampled on its own interval (the expression turned
    into a numpy function once, with ``sympy.lambdify``), so a kink or a jump at a
    breakpoint is drawn where it is, never smoothed over by a sample that straddles it. The
    breakpoints (``v.breakpoints``, irrational ones drawn at their float value) are marked
    by a dot on the curve (two dots at a jump) and a light vertical dotted line.

    Parameters
    ----------
    *values : PiecewiseValue
        One or more piecewise values (any object with ``.pieces``, ``.breakpoints``,
        ``.symbol``, ``.domain`` of that form), drawn in one axes.
    ax : matplotlib.axes.Axes, optional
        Draw into these axes; by default a new figure and axes.
    labels : sequence of str, optional
        One legend entry per value; a legend is drawn when given.
    colors : sequence of matplotlib colours, optional
        One per value; by default the axes' colour cycle.
    points : int
        Samples over the whole domain, shared among the pieces in proportion to their
        length (at least 2 per piece; at least 2 in all).
    mark_breakpoints : bool
        Draw the dots and the vertical lines at the breakpoints. A piece on a single point
        (``lo == hi``) is drawn as a dot either way.

    Returns
    -------
    matplotlib.axes.Axes
        The axes drawn into; its x label is the parameter's name. ``ax.lines`` holds, per
        value in order, its curve (gid ``"credal-piecewise"``; x data from the lowest
        ``lo`` to the highest ``hi``, NaN between pieces) and then its dots (gid
        ``"credal-breakpoints"``) when there are any; then one vertical line (gid
        ``"credal-breakpoint-line"``) per distinct breakpoint of all the values.

    Raises
    ------
    InvalidArgumentError
        No value; a value without the attributes of a piecewise value, or with a piece
        that is not ``(lo, hi, expr)`` with real numbers ``lo <= hi`` and a sympy
        expression in ``.symbol`` alone; ``labels`` or ``colors`` of the wrong length;
        ``points`` not an integer >= 2; ``ax`` not an Axes.
    ModuleNotFoundError
        matplotlib is not installed.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> import credal as cr
    >>> from credal import plot
    >>> low = cr.parametric.lower_expectation(
    ...     lambda e: cr.tv_ball(["1/2", "1/3", "1/6"], e), [0, 1, 2], domain=(0, 1),
    ...     symbol="r")
    >>> ax = plot.piecewise(low, labels=["lower expectation of (0, 1, 2)"])
    >>> curve, dots = ax.lines[:2]
    >>> [round(float(x), 4) for x in dots.get_xdata()]     # the breakpoints 1/6 and 1/2
    [0.1667, 0.5]
    >>> [round(float(y), 4) for y in dots.get_ydata()]
    [0.3333, 0.0]
    >>> ax.get_xlabel()
    'r'
    >>> plt.close(ax.figure)
    """
    if not values:
        raise InvalidArgumentError(
            "piecewise() needs at least one piecewise value, got none; call piecewise(v) or "
            "piecewise(v, w, ...)")
    curves = [_check_piecewise(v, f"values[{i}]") for i, v in enumerate(values)]
    names = _per_item(labels, len(values), "labels", "value")
    cols = _per_item(colors, len(values), "colors", "value")
    if isinstance(points, bool) or not isinstance(points, int | np.integer) or points < 2:
        raise InvalidArgumentError(
            f"points must be an integer >= 2 (samples over the domain), got {show(points)}")
    if not isinstance(mark_breakpoints, bool | np.bool_):
        raise InvalidArgumentError(
            f"mark_breakpoints must be True or False, got {show(mark_breakpoints)}")
    sampled = [_sample_curve(c, int(points), f"values[{i}]") for i, c in enumerate(curves)]
    ax = _new_axes(ax, (5.5, 3.6))
    for i, (xs, ys, dots, singles) in enumerate(sampled):
        style: dict[str, Any] = {} if cols is None else {"color": cols[i]}
        label = None if names is None else str(names[i])
        (line,) = ax.plot(xs, ys, label=label, gid=_CURVE_GID, **style)
        shown = sorted((dots if mark_breakpoints else []) + singles)
        if shown:
            ax.plot([x for x, _ in shown], [y for _, y in shown], linestyle="none",
                    marker="o", markersize=4, color=line.get_color(), gid=_DOTS_GID,
                    zorder=3)
    if mark_breakpoints:
        for _, b in _distinct(bp for c in curves for bp in c.breakpoints):
            ax.axvline(b, color="0.6", linestyle=":", linewidth=0.9, zorder=0.5,
                       gid=_VLINE_GID)
    ax.set_xlabel(_symbol_label(c.symbol for c in curves))
    if names is not None:
        ax.legend(fontsize=9, frameon=False)
    return ax


def _check_regions(value: Any, where: str) -> _Rule:
    if isinstance(value, str | bytes | Mapping) or not isinstance(value, Iterable) or not all(
            hasattr(value, a) for a in ("acts", "symbol", "domain")):
        raise InvalidArgumentError(
            f"{where} must be decision regions (credal.parametric.Regions, from "
            f"credal.parametric.decisions or ddt: (lo, hi, chosen) triples with .acts, "
            f".symbol and .domain) or a mapping {{label: Regions}}; got "
            f"{type(value).__name__}: {show(value)}")
    raw_acts = cast(Any, value).acts  # (the isinstance check narrowed value to Iterable)
    if not _is_sequence(raw_acts) or not list(raw_acts):
        raise InvalidArgumentError(
            f"{where}.acts must be a non-empty sequence of act names, got {show(raw_acts)}")
    acts = list(raw_acts)
    sym = _symbol_of(value, where)
    domain = _domain_of(value, where)
    entries: list[tuple[Any, Any, float, float, frozenset[int]]] = []
    for j, entry in enumerate(value):
        w = f"{where}[{j}]"
        parts = tuple(entry) if _is_sequence(entry) else ()
        if len(parts) != 3:
            raise InvalidArgumentError(
                f"{w} must be a triple (lo, hi, chosen), got {show(entry)}")
        lo_x, lo = _real(parts[0], f"{w}[0]")
        hi_x, hi = _real(parts[1], f"{w}[1]")
        if lo > hi:
            raise InvalidArgumentError(
                f"{w} has lo = {lo_x} above hi = {hi_x}; a region is an interval (lo, hi) or "
                f"a point (lo == hi)")
        chosen = parts[2]
        if not _is_sequence(chosen):
            raise InvalidArgumentError(
                f"{w}[2] must be a tuple of chosen act names, got {show(chosen)}"
                + (f"; write ({chosen!r},)" if isinstance(chosen, str) else ""))
        lanes: set[int] = set()
        for c in chosen:
            k = next((k for k, a in enumerate(acts) if a == c), None)
            if k is None:
                raise InvalidArgumentError(
                    f"{w} chooses {show(c)}, which is not one of {where}.acts "
                    f"{show(acts)}")
            lanes.add(k)
        entries.append((lo_x, hi_x, lo, hi, frozenset(lanes)))
    if not entries:
        raise InvalidArgumentError(f"{where} holds no regions: there is nothing to draw")
    return _Rule(entries, acts, sym, domain)


def regions(regions: Any, ax: Axes | None = None, *, colors: Sequence[Any] | None = None,
            max_labels: int = 8) -> Axes:
    """Band chart of decision regions: where along the parameter each act is chosen.

    A :class:`credal.parametric.Regions` (from :func:`credal.parametric.decisions` or
    :func:`credal.parametric.ddt`) lists ``(lo, hi, chosen)``: the acts in ``chosen`` are
    the choice on the open interval ``(lo, hi)`` when ``lo < hi``, and at the single point
    ``lo`` when ``lo == hi``. Each act gets a horizontal lane (the first act at the top):

    * a filled bar over ``[lo, hi]`` for each interval on which it is chosen;
    * a filled dot at each single point where it is chosen, and a hollow dot at a point
      where it is *not* chosen though a bar of its lane ends there (an open end: the act
      is chosen on one side or both, but not at the point itself);
    * a vertical dotted line at each breakpoint (each end of a region inside the domain),
      labelled with its exact value (``str`` of the sympy number, such as ``1/12`` or
      ``sqrt(2)/2``) on the top axis when there are at most ``max_labels`` of them.

    A mapping ``{label: Regions}`` (several rules on the same family, say) is drawn as one
    group of lanes per rule, top to bottom in the mapping's order, separated by thin lines
    and labelled on the right axis. Groups of lanes keep the picture of a single result
    (an act has the same colour and the same kind of lane in every group) and read at any
    width: a rule that picks many acts, or a region too narrow for text, is still shown
    exactly, which one lane per rule with the chosen set written in each band is not.

    Parameters
    ----------
    regions : Regions or mapping {str: Regions}
    ax : matplotlib.axes.Axes, optional
        Draw into these axes; by default a new figure and axes.
    colors : sequence of matplotlib colours, optional
        One per act, in the order of ``.acts`` (of the first rule, then the acts that only
        later rules have); by default ``"C0"``, ``"C1"``, ...
    max_labels : int
        Label the breakpoints on the top axis when there are at most this many (0: never).

    Returns
    -------
    matplotlib.axes.Axes
        The axes drawn into. Its y ticks are the lanes (labelled with the act names), its
        x label is the parameter's name. ``ax.patches`` holds the bars (gid
        ``"credal-region"``), by rule and by region in order; ``ax.lines`` the dots (gids
        ``"credal-chosen-point"`` and ``"credal-unchosen-point"``, one line per lane that
        has any) and the vertical lines (gid ``"credal-breakpoint-line"``);
        ``ax.child_axes`` the top axis with the breakpoint labels (gid
        ``"credal-breakpoint-labels"``) and, for a mapping, the right axis with the rule
        labels (gid ``"credal-rule-labels"``).

    Raises
    ------
    InvalidArgumentError
        ``regions`` is neither regions nor a non-empty mapping of them; a region that is
        not ``(lo, hi, chosen)`` with real numbers ``lo <= hi`` and acts from ``.acts``;
        ``colors`` of the wrong length; ``max_labels`` not an integer >= 0; ``ax`` not an
        Axes.
    ModuleNotFoundError
        matplotlib is not installed.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> import credal as cr
    >>> from credal import plot
    >>> ball = lambda e: cr.tv_ball(["1/2", "1/3", "1/6"], e)
    >>> acts = {"risky": [0, 1, 2], "safe": ["1/2", "1/2", "1/2"]}
    >>> regs = cr.parametric.decisions(ball, acts, rule="gamma_maximin", domain=(0, 1),
    ...                                symbol="r")
    >>> [(str(lo), str(hi), chosen) for lo, hi, chosen in regs]
    [('0', '1/12', ('risky',)), ('1/12', '1/12', ('risky', 'safe')), ('1/12', '1', ('safe',))]
    >>> ax = plot.regions(regs)
    >>> [t.get_text() for t in ax.child_axes[0].get_xticklabels()]
    ['1/12']
    >>> plt.close(ax.figure)
    """
    if isinstance(regions, Mapping):
        if not regions:
            raise InvalidArgumentError(
                "regions is an empty mapping; give {label: Regions} with at least one entry")
        rules = [(str(label), _check_regions(R, f"regions[{label!r}]"))
                 for label, R in regions.items()]
    else:
        rules = [("", _check_regions(regions, "regions"))]
    if isinstance(max_labels, bool) or not isinstance(max_labels, int | np.integer) \
            or max_labels < 0:
        raise InvalidArgumentError(
            f"max_labels must be an integer >= 0, got {show(max_labels)}")
    all_acts: list[Any] = []
    for _, rule in rules:
        for a in rule.acts:
            if not any(a == b for b in all_acts):
                all_acts.append(a)
    cols = _per_item(colors, len(all_acts), "colors", "act")

    def color_of(act: Any) -> Any:
        k = next(k for k, b in enumerate(all_acts) if b == act)
        return cols[k] if cols is not None else f"C{k % 10}"

    n_lanes = sum(len(rule.acts) for _, rule in rules)
    ax = _new_axes(ax, (6.0, 1.0 + 0.4 * n_lanes + 0.25 * (len(rules) - 1)))
    from matplotlib.patches import Rectangle

    y = 0.0
    ticks: list[float] = []
    tick_labels: list[str] = []
    centres: list[float] = []
    for g, (_, rule) in enumerate(rules):
        if g:
            ax.axhline(y + 0.25, color="0.75", linewidth=0.8, gid=_SEPARATOR_GID)
            y -= 0.5
        top = y
        for k, act in enumerate(rule.acts):
            color = color_of(act)
            bars = [(lo, hi) for _, _, lo, hi, chosen in rule.entries
                    if lo < hi and k in chosen]
            for lo, hi in bars:
                ax.add_patch(Rectangle((lo, y - 0.3), hi - lo, 0.6, facecolor=color,
                                       edgecolor="none", alpha=0.85, gid=_BAR_GID))
            on = [lo for _, _, lo, hi, chosen in rule.entries if lo == hi and k in chosen]
            off = [lo for _, _, lo, hi, chosen in rule.entries
                   if lo == hi and k not in chosen
                   and any(_close(lo, a) or _close(lo, b) for a, b in bars)]
            if on:
                ax.plot(on, [y] * len(on), linestyle="none", marker="o", markersize=6,
                        markerfacecolor=color, markeredgecolor="black",
                        markeredgewidth=0.8, zorder=3, gid=_CHOSEN_GID)
            if off:
                ax.plot(off, [y] * len(off), linestyle="none", marker="o", markersize=6,
                        markerfacecolor="white", markeredgecolor=color,
                        markeredgewidth=1.2, zorder=3, gid=_UNCHOSEN_GID)
            ticks.append(y)
            tick_labels.append(str(act))
            y -= 1.0
        centres.append((top + y + 1.0) / 2)
    lo = min(rule.domain[0] for _, rule in rules)
    hi = max(rule.domain[1] for _, rule in rules)
    pad = 0.02 * (hi - lo) if hi > lo else 0.5
    ax.set_xlim(lo - pad, hi + pad)
    ax.set_ylim(y + 0.4, 0.6)
    ax.set_yticks(ticks, labels=tick_labels)
    ax.tick_params(axis="y", length=0)
    ends = [(exact, x, rule.domain) for _, rule in rules
            for lo_x, hi_x, lo, hi, _ in rule.entries
            for exact, x in ((lo_x, lo), (hi_x, hi))]
    breaks = _distinct((exact, x) for exact, x, (d_lo, d_hi) in ends
                       if not (_close(x, d_lo) or _close(x, d_hi)))
    for _, b in breaks:
        ax.axvline(b, color="0.45", linestyle=":", linewidth=0.9, zorder=0.5, gid=_VLINE_GID)
    if breaks and len(breaks) <= max_labels:
        top_axis = ax.secondary_xaxis("top")
        top_axis.set_xticks([b for _, b in breaks], labels=[str(e) for e, _ in breaks])
        top_axis.tick_params(labelsize=8, length=2)
        top_axis.set_gid(_TOP_LABELS_GID)
    if len(rules) > 1 or isinstance(regions, Mapping):
        right = ax.secondary_yaxis("right")
        right.set_yticks(centres, labels=[label for label, _ in rules])
        right.tick_params(length=0)
        right.set_gid(_RULE_LABELS_GID)
    ax.set_xlabel(_symbol_label(rule.symbol for _, rule in rules))
    return ax


# --------------------------------------------------------------------------------------
# Regret curves (credal.learning)
# --------------------------------------------------------------------------------------
def regret_curves(curves: Any, *, ax: Axes | None = None,
                  band: tuple[float, float] = (0.1, 0.9),
                  labels: Mapping[Hashable, str] | None = None) -> Axes:
    """Draw cumulative regret curves: per true hypothesis, the mean over the seeds as a
    line and the ``band`` quantiles (default 10% and 90%) as a shaded band.

    Parameters
    ----------
    curves : RegretCurves or mapping name -> (n_seeds, steps) array
        What :func:`credal.learning.regret_curve` returns (or any such mapping).
    ax : matplotlib Axes, optional
    band : (lo, hi)
        Quantiles in ``[0, 1]``, ``lo <= hi``.
    labels : mapping name -> str, optional
        Legend labels (default: the names).

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import numpy as np
    >>> from credal import plot
    >>> ax = plot.regret_curves({"h": np.array([[0.0, 1.0, 1.5], [0.0, 0.5, 0.5]])})
    >>> ax.lines[0].get_ydata().tolist()
    [0.0, 0.75, 1.0]
    """
    if not isinstance(curves, Mapping) or not curves:
        raise InvalidArgumentError(
            f"curves must be a non-empty mapping name -> (n_seeds, steps) array (what "
            f"credal.learning.regret_curve returns), got {type(curves).__name__}")
    if (not isinstance(band, Sequence) or len(band) != 2
            or not all(isinstance(q, int | float) for q in band)
            or not 0 <= band[0] <= band[1] <= 1):
        raise InvalidArgumentError(f"band must be two quantiles 0 <= lo <= hi <= 1, got {band!r}")
    arrays = {}
    for name, arr in curves.items():
        try:
            A = np.asarray(arr, dtype=np.float64)
        except (TypeError, ValueError):
            raise InvalidArgumentError(
                f"curves[{name!r}] must be an (n_seeds, steps) array of numbers") from None
        if A.ndim != 2 or A.shape[0] < 1 or A.shape[1] < 1:
            raise InvalidArgumentError(
                f"curves[{name!r}] must be an (n_seeds, steps) array, got shape {A.shape}")
        arrays[name] = A
    ax = _new_axes(ax, (5.5, 3.6))
    for name, A in arrays.items():
        t = np.arange(1, A.shape[1] + 1)
        label = str(name) if labels is None else labels.get(name, str(name))
        (line,) = ax.plot(t, A.mean(axis=0), label=label)
        lo, hi = np.quantile(A, band[0], axis=0), np.quantile(A, band[1], axis=0)
        ax.fill_between(t, lo, hi, color=line.get_color(), alpha=0.2, linewidth=0)
    ax.axhline(0, color="0.6", linewidth=0.8)
    ax.set_xlabel("steps")
    ax.set_ylabel("cumulative regret")
    ax.legend(frameon=False)
    return ax

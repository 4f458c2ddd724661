"""Credal sets: closed convex polytopes of distributions over a finite outcome set.

A :class:`CredalSet` keeps the form it was given and converts only when a query needs it:

* **V-form** (``form == "vertices"``): the convex hull of finitely many points;
* **H-form** (``form == "constraints"``): ``{p in simplex : A_ub p <= b_ub, A_eq p = b_eq,
  lower <= p <= upper}``, the simplex constraints always implicit;
* **TV ball** (``form == "tv_ball"``): a centre and a radius, with its closed forms.

Sets with a known structure (probability intervals, ε-contamination, TV balls, the IDM)
also carry it, so that lower expectations use their closed forms (Walley's linear-vacuous
mixture; the Choquet integral of probability intervals, de Campos, Huete & Moral 1994)
instead of an LP. Every set is immutable and valid: it is checked once, at construction.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Literal, overload

import numpy as np

from .._core import numbers as nums
from .._core.numbers import readonly, show
from .._core.outcomes import (
    Outcomes,
    check_distribution,
    distribution_array,
    event_mask,
    frame_rows,
    gamble_array,
    make_outcomes,
    pandas_kind,
    unlabel,
)
from ..errors import EmptySetError, InvalidArgumentError
from ..tolerance import DEFAULT_ATOL, check_atol

__all__ = ["CredalSet", "Constraints", "vacuous", "precise", "tv_ball", "contamination", "idm"]

NDArray = np.ndarray
Form = Literal["vertices", "constraints", "tv_ball"]


# --------------------------------------------------------------------------------------
# Structures that admit closed forms (descriptions only; the maths is in expectations)
# --------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Intervals:
    """Probability intervals with *reachable* bounds ``lower <= p <= upper``."""

    lower: NDArray
    upper: NDArray


@dataclass(frozen=True)
class Contamination:
    """``{(1 - epsilon) center + epsilon q : q in simplex}``."""

    center: NDArray
    epsilon: Fraction | float


@dataclass(frozen=True)
class TVBall:
    """``{q in simplex : d_TV(center, q) <= radius}``."""

    center: NDArray
    radius: Fraction | float


Structure = Intervals | Contamination | TVBall


@dataclass(frozen=True)
class HForm:
    """``{p : p >= 0, sum p = 1, A_ub p <= b_ub, A_eq p = b_eq, lower <= p <= upper}``."""

    A_ub: NDArray
    b_ub: NDArray
    A_eq: NDArray
    b_eq: NDArray
    lower: NDArray
    upper: NDArray

    @classmethod
    def build(cls, n: int, exact: bool, *, A_ub: NDArray | None = None,
              b_ub: NDArray | None = None, A_eq: NDArray | None = None,
              b_eq: NDArray | None = None, lower: NDArray | None = None,
              upper: NDArray | None = None) -> HForm:
        """Fill the parts not given: no rows, bounds 0 and 1 (the simplex's own)."""
        def given(a: NDArray | None, shape: int | tuple[int, ...], value: int) -> NDArray:
            return nums.filled(shape, value, exact) if a is None else a

        return cls(given(A_ub, (0, n), 0), given(b_ub, 0, 0), given(A_eq, (0, n), 0),
                   given(b_eq, 0, 0), given(lower, n, 0), given(upper, n, 1))


@dataclass(frozen=True)
class Constraints:
    """An H-form ``{p in simplex : A_ub p <= b_ub, A_eq p = b_eq}`` (read-only arrays of
    shapes ``(m1, n)``, ``(m1,)``, ``(m2, n)``, ``(m2,)``); see
    :attr:`CredalSet.constraints`."""

    A_ub: NDArray
    b_ub: NDArray
    A_eq: NDArray
    b_eq: NDArray

    def __post_init__(self) -> None:  # read-only arrays, also after unpickling
        for name in ("A_ub", "b_ub", "A_eq", "b_eq"):
            object.__setattr__(self, name, nums.frozen(getattr(self, name)))

    def __reduce__(self) -> tuple[Any, ...]:
        return nums.reduce_dataclass(self)


#: The largest TV ball (in outcomes) whose ``2^n - 2`` event constraints are written out.
MAX_TV_BALL_FACETS_N = 12


def tv_ball_hform(ball: TVBall, n: int, exact: bool) -> HForm:
    """The event constraints ``p(A) <= c(A) + r`` (``A`` not empty, not everything) of a TV
    ball; refused above :data:`MAX_TV_BALL_FACETS_N` outcomes.

    Notes
    -----
    Cost: O(2^n n) to write the rows (no LP; some rows may be redundant).
    """
    if n > MAX_TV_BALL_FACETS_N:
        raise InvalidArgumentError(
            f"this needs the TV ball over {n} outcomes in constraint form, which has "
            f"2^{n} - 2 = {2 ** n - 2} event constraints; above {MAX_TV_BALL_FACETS_N} "
            f"outcomes that conversion is refused. Ask in the ball's own form (lower "
            f"expectations, distances, inclusion) or use its n(n-1) vertices "
            f"(S.to_vertices())")
    masks = np.array([[(a >> j) & 1 for j in range(n)] for a in range(1, 2 ** n - 1)],
                     dtype=np.int64).reshape(-1, n)  # (0, 1) for one outcome
    A = nums.fraction_array(masks) if exact else masks.astype(np.float64)
    return HForm.build(n, exact, A_ub=A, b_ub=A @ ball.center + ball.radius)


@overload
def _convert(arr: NDArray, exact: bool) -> NDArray: ...
@overload
def _convert(arr: None, exact: bool) -> None: ...
@overload
def _convert(arr: NDArray | None, exact: bool) -> NDArray | None: ...
def _convert(arr: NDArray | None, exact: bool) -> NDArray | None:
    """Array in the wanted arithmetic (floats to their exact binary value if exact)."""
    if arr is None:
        return None
    if exact:
        return arr if arr.dtype == object else nums.to_exact(arr)
    return arr if arr.dtype != object else nums.to_float(arr)


def _scalar(x: Fraction | float, exact: bool) -> Fraction | float:
    return (x if isinstance(x, Fraction) else Fraction(x)) if exact else float(x)


# --------------------------------------------------------------------------------------
# The set
# --------------------------------------------------------------------------------------
class CredalSet:
    """A nonempty closed convex polytope of distributions over ``outcomes``.

    Build it with a constructor (``from_vertices``, ``from_constraints``, ``from_bounds``,
    ``from_lower_probabilities``, ``from_lower_previsions``) or a function
    (:func:`vacuous`, :func:`precise`, :func:`tv_ball`, :func:`contamination`,
    :func:`idm`); the class itself is not meant to be instantiated or subclassed.

    Attributes
    ----------
    outcomes : tuple
        The outcome labels (default ``0..n-1``).
    n_outcomes : int
    is_exact : bool
        True when the set was built from exact numbers only; its results are then
        ``Fraction`` objects.
    form : {"vertices", "constraints", "tv_ball"}
        The form the set was given in and computes from.
    vertices : (k, n_outcomes) ndarray
        Its extreme points, without redundant or duplicate rows, in lexicographic order
        (computed on first use for an H-form set).

    Examples
    --------
    >>> import credal as cr
    >>> S = cr.CredalSet.from_bounds(["0.28", 0], ["0.7", 1], outcomes=["H", "T"])
    >>> S.vertices
    array([[Fraction(7, 25), Fraction(18, 25)],
           [Fraction(7, 10), Fraction(3, 10)]], dtype=object)
    >>> cr.lower_expectation(S, {"H": 4})
    Fraction(28, 25)
    """

    __slots__ = ("_outcomes", "_exact", "_form", "_points", "_hform", "_structure",
                 "_cache", "__weakref__")

    _outcomes: Outcomes
    _exact: bool
    _form: Form
    _points: NDArray | None
    _hform: HForm | None
    _structure: Structure | None
    _cache: dict[str, Any]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        raise TypeError("build a CredalSet with one of its constructors, e.g. "
                        "CredalSet.from_vertices(...) or credal.vacuous(n)")

    @classmethod
    def _make(cls, outcomes: Outcomes, exact: bool, form: Form, *,
              points: NDArray | None = None, hform: HForm | None = None,
              structure: Structure | None = None) -> CredalSet:
        self = object.__new__(cls)
        for name, value in (("_outcomes", outcomes), ("_exact", exact), ("_form", form),
                            ("_points", points), ("_hform", hform),
                            ("_structure", structure), ("_cache", {})):
            object.__setattr__(self, name, value)
        for arr in _arrays_of(points, hform, structure):
            arr.flags.writeable = False
        return self

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"CredalSet is immutable; cannot set {name!r}")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"CredalSet is immutable; cannot delete {name!r}")

    def __reduce__(self) -> tuple[Any, ...]:
        return (_restore, (self._outcomes, self._exact, self._form, self._points,
                           self._hform, self._structure))

    # -- basic properties ---------------------------------------------------------------
    @property
    def outcomes(self) -> Outcomes:
        return self._outcomes

    @property
    def n_outcomes(self) -> int:
        return len(self._outcomes)

    @property
    def is_exact(self) -> bool:
        return self._exact

    @property
    def form(self) -> Form:
        return self._form

    def __repr__(self) -> str:
        """A constructor call that rebuilds the set, e.g.
        ``CredalSet.from_bounds(['7/25', 0], ['7/10', 1], outcomes=['H', 'T'])``: exact
        numbers are written as strings (``'1/3'``) or ints, floats in full, so the call
        gives back the same set in the same arithmetic (after ``from credal import *``).
        A set whose call would be longer than :data:`REPR_LIMIT` characters is shown as a
        summary in angle brackets, with its first rows or points.
        """
        return describe(self)

    # -- conversions --------------------------------------------------------------------
    @property
    def vertices(self) -> NDArray:
        """The extreme points, shape ``(k, n_outcomes)``; see the class docstring.

        Notes
        -----
        Cost on first use, then cached: V-form, a sort to drop duplicates (O(k log k) for
        points that do not nearly coincide) and one LP per point to drop non-extreme ones;
        H-form, vertex enumeration by double description (output-sensitive, possibly
        exponential in n; a float set runs it at two tolerances); TV ball, its marginal
        vectors (about n(n − 1)), then one LP per point.
        """
        cached = self._cache.get("vertices")
        if cached is None:
            from .._polyhedra.points import canonical_vertices

            cached = readonly(canonical_vertices(self))
            self._cache["vertices"] = cached
        return cached

    @property
    def constraints(self) -> Constraints:
        """An irredundant constraint description ``{p in simplex : A_ub p <= b_ub,
        A_eq p = b_eq}`` of the set (computed on first use, then cached).

        * H-form: the set's own rows and bounds with every redundant one removed (one LP
          per row, exact for an exact set);
        * V-form: facet enumeration (exact for an exact set), one row per facet;
        * TV ball: its event constraints ``p(A) <= c(A) + r`` without the redundant ones;
          refused above 12 outcomes (``2^n − 2`` candidate rows).

        The simplex constraints stay implicit: ``p >= 0`` rows are left out and
        ``sum(p) == 1`` is never repeated, nor written as two inequalities. Each row is
        scaled so its largest absolute coefficient is 1.

        Raises
        ------
        InvalidArgumentError
            For a TV ball over more than 12 outcomes.

        Notes
        -----
        Cost on first use, then cached: H-form, one LP per row and bound; V-form,
        :attr:`vertices` then facet enumeration by double description in dimension n + 1
        (possibly exponential in n); TV ball, one LP per each of its 2^n − 2 event rows.

        Examples
        --------
        >>> import credal as cr
        >>> S = cr.CredalSet.from_vertices([[1, 0, 0], ["1/2", "1/2", 0], ["1/2", 0, "1/2"]])
        >>> c = S.constraints
        >>> c.A_ub.tolist(), c.b_ub.tolist(), c.A_eq.shape
        ([[Fraction(-1, 1), Fraction(0, 1), Fraction(0, 1)]], [Fraction(-1, 2)], (0, 3))
        """
        cached = self._cache.get("constraints")
        if cached is None:
            from .._polyhedra.facets import facets_of_points, irredundant_constraints

            if self._hform is not None:
                h = self._hform
                parts = irredundant_constraints(h.A_ub, h.b_ub, h.A_eq, h.b_eq, h.lower,
                                                h.upper, self._exact)
            elif isinstance(self._structure, TVBall):
                h = tv_ball_hform(self._structure, self.n_outcomes, self._exact)
                parts = irredundant_constraints(h.A_ub, h.b_ub, h.A_eq, h.b_eq, h.lower,
                                                h.upper, self._exact)
            elif self._exact:
                parts = facets_of_points(self.vertices, True)
            else:
                from .._polyhedra.points import float_facets

                parts = float_facets(self.vertices)
            cached = self._cache["constraints"] = Constraints(
                *(readonly(np.array(a)) for a in parts))
        return cached

    def to_constraints(self) -> CredalSet:
        """The same set in H-form, from :attr:`constraints`: its facets for a V-form set,
        its own constraints without the redundant ones for an H-form set (redundancy
        removal).

        A known closed form (probability intervals, contamination, TV ball) is kept.

        Notes
        -----
        Cost: that of :attr:`constraints` (its cached value is reused and passed on to the
        result), plus O(m n) to copy the rows.

        Examples
        --------
        >>> import credal as cr
        >>> S = cr.CredalSet.from_vertices([[1, 0], ["1/2", "1/2"]]).to_constraints()
        >>> S.form, S.constraints.A_ub.tolist(), S.constraints.b_ub.tolist()
        ('constraints', [[Fraction(0, 1), Fraction(1, 1)]], [Fraction(1, 2)])
        """
        c = self.constraints
        hform = HForm.build(self.n_outcomes, self._exact, A_ub=np.array(c.A_ub),
                            b_ub=np.array(c.b_ub), A_eq=np.array(c.A_eq),
                            b_eq=np.array(c.b_eq))
        out = CredalSet._make(self._outcomes, self._exact, "constraints", hform=hform,
                              structure=self._structure)
        out._cache["constraints"] = c
        if "vertices" in self._cache:
            out._cache["vertices"] = self._cache["vertices"]
        return out

    def to_vertices(self) -> CredalSet:
        """The same set in V-form, from :attr:`vertices` (for a V-form set: without its
        redundant points).

        Notes
        -----
        Cost: that of :attr:`vertices` (its cached value is reused and passed on to the
        result), plus O(k n) to copy the points.

        Examples
        --------
        >>> import credal as cr
        >>> cr.vacuous(2).to_vertices().vertices.tolist()
        [[Fraction(0, 1), Fraction(1, 1)], [Fraction(1, 1), Fraction(0, 1)]]
        """
        V = self.vertices
        out = CredalSet._make(self._outcomes, self._exact, "vertices", points=np.array(V),
                              structure=self._structure)
        out._cache["vertices"] = V
        return out

    def to_float(self) -> CredalSet:
        """The same set in float64 arithmetic (itself if already float).

        Notes
        -----
        Cost: one conversion per stored number (O(k n) for points, O(m n) for constraints)
        on first use, then cached; O(1) for a float set.
        """
        if not self._exact:
            return self
        cached = self._cache.get("float")
        if cached is None:
            cached = self._cache["float"] = self._convert(False, None)
        return cached

    def to_exact(self, max_denominator: int | None = None) -> CredalSet:
        """The same set in exact arithmetic.

        Floats become their exact binary value, or the nearest fraction with denominator at
        most ``max_denominator``; points are then rescaled to sum exactly to 1.

        Raises
        ------
        InvalidArgumentError
            ``max_denominator`` is not a positive int (or None).
        EmptySetError
            When the exact constraints admit no distribution: a float H-form set can be
            nonempty only within the solver's tolerance.

        Notes
        -----
        Cost: one conversion to ``Fraction`` per stored number (O(k n) or O(m n); not
        cached), and for an H-form set one exact feasibility LP. O(1) for an exact set
        without ``max_denominator`` (it is returned as it is).
        """
        if max_denominator is not None:
            if isinstance(max_denominator, bool) or not hasattr(max_denominator, "__index__") \
                    or max_denominator.__index__() < 1:
                raise InvalidArgumentError(
                    f"max_denominator must be a positive int (the largest denominator "
                    f"allowed) or None for the exact binary values, got "
                    f"{show(max_denominator)}")
            max_denominator = int(max_denominator.__index__())
        if self._exact and max_denominator is None:
            return self
        out = self._convert(True, max_denominator)
        if out._form == "constraints":
            from ._lp import feasible_point

            if feasible_point(out) is None:
                raise EmptySetError(
                    f"the exact values of this set's constraints admit no distribution: the "
                    f"float set is nonempty only within the solver's tolerance"
                    f"{'' if max_denominator is None else f' (max_denominator={max_denominator})'}"
                    f"; loosen the constraints slightly or pick another max_denominator")
        return out

    def _convert(self, exact: bool, max_denominator: int | None) -> CredalSet:
        def conv(a: NDArray | None) -> NDArray | None:
            if a is None:
                return None
            if exact:
                return nums.to_exact(a, max_denominator)
            return nums.to_float(a)

        def conv_dist(a: NDArray | None) -> NDArray | None:
            out = conv(a)
            if out is not None and exact:
                rows = out.reshape(-1, out.shape[-1])
                for r in range(rows.shape[0]):
                    total = sum(rows[r], Fraction(0))
                    if total <= 0:
                        raise InvalidArgumentError(
                            f"max_denominator={max_denominator} rounds the point "
                            f"{show(rows[r])} to all zeros; pass a larger "
                            f"max_denominator (or None for the exact binary values)")
                    rows[r] = [v / total for v in rows[r]]
            return out

        def conv_scalar(x: Fraction | float) -> Fraction | float:
            if exact:
                fx = Fraction(x)
                return fx.limit_denominator(max_denominator) if max_denominator else fx
            return float(x)

        hform = None
        if self._hform is not None:
            h = self._hform
            A_ub, b_ub, A_eq, b_eq = h.A_ub, h.b_ub, h.A_eq, h.b_eq
            lower, upper = h.lower, h.upper
            if not exact or (max_denominator is not None and A_ub.dtype != object):
                # Round each row relative to its own size (to floats, or to fractions of
                # bounded denominator): a row written with tiny (1e-400, 1e-195) or huge
                # numbers is still the same constraint, not 0 <= 0 or an overflow.
                from ._lp import unit_rows

                A_ub, b_ub = unit_rows(A_ub, b_ub)
                A_eq, b_eq = unit_rows(A_eq, b_eq)
            if not exact:  # bounds clipped to [0, 1], which every probability satisfies
                lower = np.array([max(v, 0) for v in lower], dtype=object)
                upper = np.array([min(v, 1) for v in upper], dtype=object)
            hform = HForm(*(conv(a) for a in (A_ub, b_ub, A_eq, b_eq, lower,
                                               upper)))  # type: ignore[arg-type]
        st = self._structure
        structure: Structure | None
        if isinstance(st, Intervals):
            structure = Intervals(conv(st.lower), conv(st.upper))  # type: ignore[arg-type]
        elif isinstance(st, Contamination):
            structure = Contamination(conv_dist(st.center), conv_scalar(st.epsilon))  # type: ignore[arg-type]
        elif isinstance(st, TVBall):
            # A radius of 1 or more is the whole simplex: clip it so that it has a float.
            radius = st.radius if exact else min(st.radius, 1)
            structure = TVBall(conv_dist(st.center), conv_scalar(radius))  # type: ignore[arg-type]
        else:
            structure = None
        if exact and isinstance(st, Intervals):  # keep the bounds reachable exactly
            lo, up = _reachable(structure.lower, structure.upper, True)  # type: ignore[union-attr]
            structure = Intervals(lo, up)
        return CredalSet._make(self._outcomes, exact, self._form,
                               points=conv_dist(self._points), hform=hform,
                               structure=structure)

    # -- containment and inclusion (computed in credal.operations) ----------------------
    def contains(self, p: Any, *, atol: float = DEFAULT_ATOL) -> bool:
        """Whether the distribution ``p`` lies in the set.

        Parameters
        ----------
        p : (n_outcomes,) array_like or mapping outcome -> probability
        atol : float
            Float tolerance (exact sets and points are compared exactly): a point is in an
            H-form set when it violates no constraint by more than ``atol`` (each row scaled
            so its largest coefficient is 1), in a TV ball when its distance to the centre is
            at most ``radius + atol``, and in a V-form set when its TV distance to the hull
            is at most ``atol``. Float ``p`` must also sum to 1 within ``atol``.

        Returns
        -------
        bool

        Notes
        -----
        Cost: O(n) for a TV ball, O(m n) for an H-form set (each row evaluated at ``p``),
        one distance LP (n + 1 variables, one row per point; built once and cached) for a
        V-form set. Nothing is enumerated.

        Examples
        --------
        >>> import credal as cr
        >>> S = cr.CredalSet.from_vertices([[1, 0], ["1/2", "1/2"]])
        >>> S.contains(["3/4", "1/4"]), S.contains(["1/4", "3/4"])
        (True, False)
        """
        from ..operations import contains

        return contains(self, p, atol=atol)

    def issubset(self, other: CredalSet, *, atol: float = DEFAULT_ATOL) -> bool:
        """Whether this set is included in ``other`` (both over the same outcomes).

        Answered in the forms the sets have: when ``other`` is given by constraints, each of
        its rows is checked through an upper expectation over this set (no vertex
        enumeration); otherwise every vertex of this set is checked against ``other``.
        Exact when both sets are exact; for floats ``atol`` is as in :meth:`contains`.

        Raises
        ------
        InvalidArgumentError
            ``other`` is not a credal set over the same outcomes.

        Notes
        -----
        Cost: ``other`` in H-form, one batch of upper expectations over this set, one per row
        and bound of ``other``; otherwise this set's :attr:`vertices` (enumerated for an
        H-form set), then O(k n) against a TV ball or one distance LP per vertex.

        Examples
        --------
        >>> import credal as cr
        >>> cr.precise(["1/2", "1/2"]).issubset(cr.tv_ball([1, 0], "1/2"))
        True
        """
        from ..operations import issubset

        return issubset(self, other, atol=atol)

    def equals(self, other: CredalSet, *, atol: float = DEFAULT_ATOL) -> bool:
        """Whether both sets hold the same distributions (inclusion both ways), whatever
        forms they were given in.

        Notes
        -----
        Cost: two :meth:`issubset` calls, one each way.

        Examples
        --------
        >>> import credal as cr
        >>> cr.vacuous(2).equals(cr.CredalSet.from_vertices([[1, 0], [0, 1]]))
        True
        """
        from ..operations import equals

        return equals(self, other, atol=atol)

    # -- constructors -------------------------------------------------------------------
    @classmethod
    def from_vertices(cls, points: Any, *, outcomes: Iterable[Hashable] | None = None,
                      atol: float = DEFAULT_ATOL) -> CredalSet:
        """The convex hull of the rows of ``points``.

        Parameters
        ----------
        points : (k, n_outcomes) array_like, or a sequence of mappings outcome -> probability
            Each row a distribution. Redundant and duplicate rows are allowed; they are
            removed when :attr:`vertices` is asked for.
        outcomes : sequence of hashable, optional
            Outcome labels; default ``0..n-1``, or the first mapping's keys.
        atol : float
            Float rows must be nonnegative and sum to 1 within ``atol`` (they are then
            projected onto the simplex). Exact rows must sum to exactly 1.

        Raises
        ------
        InvalidArgumentError
            No points, ragged rows, a row that is not a distribution, NaN or infinity.

        Notes
        -----
        Cost: O(k n) to validate; no LP. Redundant points stay until :attr:`vertices` is
        asked for; lower expectations use all k given points.

        Examples
        --------
        >>> import credal as cr
        >>> S = cr.CredalSet.from_vertices([["1/2", "1/2", 0], [0, "1/4", "3/4"]])
        >>> cr.lower_expectation(S, [1, 0, 0])
        Fraction(0, 1)
        """
        atol = check_atol(atol)
        labels = None if outcomes is None else make_outcomes(outcomes, None)
        if pandas_kind(points) == "frame":  # one distribution per row, columns = outcomes
            points = [dict(zip(points.columns, row, strict=True))
                      for row in points.to_numpy(dtype=object)]
        if isinstance(points, Mapping | str | bytes) or not isinstance(points, Iterable):
            raise InvalidArgumentError(
                f"points must be a sequence of distributions, got {show(points)}")
        if isinstance(points, np.ndarray) and points.ndim == 0:
            raise InvalidArgumentError(
                f"points must be a sequence of distributions, got a 0-d array {show(points)}")
        rows = [unlabel(r, "points") for r in points] if not isinstance(points, np.ndarray) \
            else points
        if len(rows) == 0:
            raise InvalidArgumentError("points must hold at least one distribution, got none")
        if any(isinstance(r, Mapping) for r in rows):
            if not all(isinstance(r, Mapping) for r in rows):
                raise InvalidArgumentError(
                    "points must be all mappings or all array-likes, not a mix")
            if labels is None:
                labels = make_outcomes(list(rows[0].keys()), None)
            arrays = [distribution_array(r, labels, f"points[{i}]", atol=atol)
                      for i, r in enumerate(rows)]
            exact = all(a[1] for a in arrays)
            mat = np.array([_convert(a[0], exact) for a in arrays], dtype=object if exact
                           else np.float64)
        else:
            mat, exact = nums.as_numbers(points, "points")
            if mat.ndim != 2 or mat.shape[1] == 0:
                raise InvalidArgumentError(
                    f"points must be a 2-D array-like of shape (k, n_outcomes), got shape "
                    f"{mat.shape}; wrap a single distribution as [p] or use credal.precise(p)")
            labels = make_outcomes(labels, mat.shape[1])
            mat = check_distribution(mat, exact, "points", atol)
        return cls._make(labels, exact, "vertices", points=mat)

    @classmethod
    def from_constraints(cls, A_ub: Any = None, b_ub: Any = None, A_eq: Any = None,
                         b_eq: Any = None, *,
                         outcomes: Iterable[Hashable] | None = None) -> CredalSet:
        """``{p in simplex : A_ub p <= b_ub, A_eq p = b_eq}``.

        The simplex constraints (``p >= 0``, ``sum p = 1``) are implicit; do not repeat them.

        Parameters
        ----------
        A_ub : (m1, n_outcomes) array_like, optional
        b_ub : (m1,) array_like, optional
        A_eq : (m2, n_outcomes) array_like, optional
        b_eq : (m2,) array_like, optional
        outcomes : sequence of hashable, optional
            Needed when no matrix is given (then the set is the whole simplex).

        Raises
        ------
        InvalidArgumentError
            Mismatched shapes, a matrix without its right-hand side, NaN or infinity.
        EmptySetError
            When no distribution satisfies the constraints.

        Notes
        -----
        Cost: O(m n) to validate and one feasibility LP (exact for exact input); redundant
        rows are kept, and nothing is enumerated.

        Examples
        --------
        >>> import credal as cr
        >>> S = cr.CredalSet.from_constraints(A_ub=[[-1, 1, 0]], b_ub=[0])  # p0 >= p1
        >>> cr.upper_expectation(S, [0, 1, 0])
        Fraction(1, 2)
        """
        n: int | None = None if outcomes is None else len(make_outcomes(outcomes, None))
        parts: dict[str, tuple[NDArray, bool]] = {}
        for a_name, A, b_name, b in (("A_ub", A_ub, "b_ub", b_ub), ("A_eq", A_eq, "b_eq", b_eq)):
            if (A is None) != (b is None):
                given, missing = (a_name, b_name) if b is None else (b_name, a_name)
                raise InvalidArgumentError(f"{given} was given without {missing}; give both")
            if A is None:
                continue
            if pandas_kind(A) == "frame":  # columns = outcomes, a missing one weighs 0
                if outcomes is None:
                    outcomes = make_outcomes(list(A.columns), None, f"{a_name} columns")
                    n = len(outcomes)
                assert outcomes is not None
                if pandas_kind(b) == "series":  # matched to A's rows by label
                    if set(b.index) != set(A.index) or len(b.index) != len(A.index):
                        raise InvalidArgumentError(
                            f"{b_name} is a pandas Series whose index {show(list(b.index))} "
                            f"is not the index of {a_name} {show(list(A.index))}; one value "
                            f"per row of {a_name}, by label")
                    b = [b[label] for label in A.index]
                A = frame_rows(A, make_outcomes(outcomes, None), a_name, 0)
            A_arr, A_ex = nums.as_numbers(A, a_name)
            b_arr, b_ex = nums.as_numbers(b, b_name)
            if A_arr.ndim == 1 and A_arr.size:
                A_arr = A_arr.reshape(1, -1)
            if A_arr.ndim != 2:
                raise InvalidArgumentError(
                    f"{a_name} must be 2-D (one row per constraint), got shape {A_arr.shape}")
            if n is None:
                n = A_arr.shape[1]
            if A_arr.shape[1] != n:
                raise InvalidArgumentError(
                    f"{a_name} has {A_arr.shape[1]} columns but there are {n} outcomes")
            if b_arr.ndim != 1 or b_arr.shape[0] != A_arr.shape[0]:
                raise InvalidArgumentError(
                    f"{b_name} must have shape ({A_arr.shape[0]},) to match {a_name}, got "
                    f"shape {b_arr.shape}")
            parts[a_name] = (A_arr, A_ex)
            parts[b_name] = (b_arr, b_ex)
        if n is None or n == 0:
            raise InvalidArgumentError(
                "from_constraints needs at least one constraint matrix or outcomes=")
        labels = make_outcomes(outcomes, n)
        exact = all(ex for _, ex in parts.values())
        hform = HForm.build(n, exact, **{k: _convert(a, exact) for k, (a, _) in parts.items()})
        return _checked_hset(labels, exact, hform, None, "the constraints admit no distribution")

    @classmethod
    def from_bounds(cls, lower: Any, upper: Any, *,
                    outcomes: Iterable[Hashable] | None = None,
                    atol: float = DEFAULT_ATOL) -> CredalSet:
        """Probability intervals ``{p in simplex : lower_i <= p_i <= upper_i}``.

        Parameters
        ----------
        lower, upper : (n_outcomes,) array_like or mapping outcome -> bound
            Bounds in ``[0, 1]``. In a mapping a missing lower bound is 0 and a missing
            upper bound is 1. The bounds need not be reachable; lower expectations use the
            tightened (reachable) bounds and a Choquet integral.
        outcomes : sequence of hashable, optional
        atol : float
            For float bounds, how far ``sum(lower)`` may exceed 1 (and ``sum(upper)`` fall
            short of 1) before the set counts as empty; so ``lower = upper = p`` works for a
            float distribution ``p``. Exact bounds are compared exactly.

        Raises
        ------
        InvalidArgumentError
            Bounds outside ``[0, 1]``, a lower bound above its upper bound, mismatched
            lengths.
        EmptySetError
            When ``sum(lower) > 1`` or ``sum(upper) < 1``.

        Notes
        -----
        Cost: O(n), no LP (the reachable bounds have a closed form); lower expectations are
        then O(n log n) per gamble.

        Examples
        --------
        >>> import credal as cr
        >>> S = cr.CredalSet.from_bounds([0, "1/5"], ["1/2", 1])
        >>> cr.lower_expectation(S, [1, 0]), cr.upper_expectation(S, [1, 0])
        (Fraction(0, 1), Fraction(1, 2))
        """
        labels = None if outcomes is None else make_outcomes(outcomes, None)
        lower, upper = unlabel(lower, "lower"), unlabel(upper, "upper")
        if labels is None and isinstance(lower, Mapping):
            labels = make_outcomes(list(lower.keys()), None)
        if labels is None and isinstance(upper, Mapping):
            labels = make_outcomes(list(upper.keys()), None)
        lo, lo_ex = _bound_vector(lower, labels, "lower", 0)
        if labels is None:
            labels = make_outcomes(None, lo.shape[0])
        up, up_ex = _bound_vector(upper, labels, "upper", 1)
        if lo.shape[0] != len(labels):
            raise InvalidArgumentError(
                f"lower has {lo.shape[0]} entries but there are {len(labels)} outcomes")
        exact = lo_ex and up_ex
        lo, up = _convert(lo, exact), _convert(up, exact)
        assert lo is not None and up is not None
        n = len(labels)
        for name, arr in (("lower", lo), ("upper", up)):
            bad = [i for i in range(n) if not (0 <= arr[i] <= 1)]
            if bad:
                raise InvalidArgumentError(
                    f"{name} bound for outcome {labels[bad[0]]!r} is "
                    f"{nums.number_str(arr[bad[0]])}; bounds must lie in [0, 1]")
        crossed = [i for i in range(n) if lo[i] > up[i]]
        if crossed:
            i = crossed[0]
            raise InvalidArgumentError(
                f"lower bound {nums.number_str(lo[i])} is above upper bound "
                f"{nums.number_str(up[i])} for outcome {labels[i]!r}")
        atol = check_atol(atol)
        total_lo, total_up = sum(lo), sum(up)
        slack = 0 if exact else atol
        if total_lo > 1 + slack or total_up < 1 - slack:
            raise EmptySetError(
                f"the probability intervals admit no distribution: sum(lower) = "
                f"{nums.number_str(total_lo)} and sum(upper) = {nums.number_str(total_up)}, but "
                f"they must satisfy sum(lower) <= 1 <= sum(upper)")
        hform = HForm.build(n, exact, lower=lo, upper=up)
        r_lo, r_up = _reachable(lo, up, exact)
        return cls._make(labels, exact, "constraints", hform=hform,
                         structure=Intervals(r_lo, r_up))

    @classmethod
    def from_lower_probabilities(cls, assessments: Mapping[Any, Any], *,
                                 outcomes: Iterable[Hashable]) -> CredalSet:
        """``{p in simplex : p(A) >= l_A for each event A}`` from ``{A: l_A}``.

        Parameters
        ----------
        assessments : mapping event -> lower probability
            Each event an iterable of outcomes (a ``frozenset`` or a tuple, since mapping
            keys must be hashable).
        outcomes : sequence of hashable
            Required: the events name outcomes, not positions.

        Raises
        ------
        InvalidArgumentError
            Unknown outcomes, a non-number, an event given as a single label.
        EmptySetError
            When the assessments incur sure loss (no distribution satisfies them).

        Notes
        -----
        Cost: O(m n) for m events, and one feasibility LP (exact for exact input).

        Examples
        --------
        >>> import credal as cr
        >>> S = cr.CredalSet.from_lower_probabilities(
        ...     {("R",): "1/3", ("B", "Y"): "2/3"}, outcomes=["R", "B", "Y"])
        >>> cr.upper_probability(S, ["B"])
        Fraction(2, 3)
        """
        labels = make_outcomes(outcomes, None)
        if not isinstance(assessments, Mapping):
            raise InvalidArgumentError(
                f"assessments must be a mapping event -> lower probability, got "
                f"{show(assessments)}")
        rows = []
        values = []
        for event, value in assessments.items():
            mask = event_mask(event, labels, "event")
            rows.append(mask.astype(int))
            values.append(value)
        return _from_rows(labels, rows, values, "assessments",
                          "the lower probabilities incur sure loss: no distribution satisfies "
                          "them")

    @classmethod
    def from_lower_previsions(cls, assessments: Iterable[tuple[Any, Any]], *,
                              outcomes: Iterable[Hashable] | None = None) -> CredalSet:
        """The natural extension ``{p in simplex : p·g_i >= c_i}`` of ``[(g_i, c_i), ...]``.

        Parameters
        ----------
        assessments : sequence of (gamble, lower prevision) pairs
            Gambles as ``(n_outcomes,)`` array-likes or mappings outcome -> payoff (missing
            outcomes pay 0).
        outcomes : sequence of hashable, optional
            Default ``0..n-1``, or the keys of the mapping gambles in order of appearance.

        Raises
        ------
        EmptySetError
            When the assessment incurs sure loss.

        Notes
        -----
        Cost: O(m n) for m assessments, and one feasibility LP (exact for exact input).

        Examples
        --------
        >>> import credal as cr
        >>> S = cr.CredalSet.from_lower_previsions([([1, 0, 0], "1/3"), ([0, 1, 1], "1/2")])
        >>> cr.lower_expectation(S, [0, 1, 1])
        Fraction(1, 2)
        """
        if isinstance(assessments, Mapping | str | bytes) or \
                not isinstance(assessments, Iterable):
            raise InvalidArgumentError(
                f"assessments must be a sequence of (gamble, value) pairs, got "
                f"{show(assessments)}")
        pairs = list(assessments)
        if not pairs:
            raise InvalidArgumentError("assessments must hold at least one (gamble, value) pair")
        for i, pair in enumerate(pairs):
            if not (isinstance(pair, tuple | list) and len(pair) == 2):
                raise InvalidArgumentError(
                    f"assessments[{i}] must be a (gamble, value) pair, got {show(pair)}")
        labels: Outcomes | None = None if outcomes is None else make_outcomes(outcomes, None)
        pairs = [(unlabel(g, f"assessments[{i}] gamble"), c) for i, (g, c) in enumerate(pairs)]
        if labels is None:
            keys: list[Hashable] = []
            for g, _ in pairs:
                if isinstance(g, Mapping):
                    keys.extend(k for k in g if k not in keys)
            if keys:
                labels = make_outcomes(keys, None)
            else:
                first, _ = nums.as_numbers(pairs[0][0], "assessments[0] gamble")
                labels = make_outcomes(None, first.shape[0] if first.ndim == 1 else 0)
        rows = []
        for i, (g, _) in enumerate(pairs):
            arr, _, single = gamble_array(g, labels, f"assessments[{i}] gamble", batch=False)
            rows.append(arr[0])
        return _from_rows(labels, rows, [c for _, c in pairs], "assessments",
                          "the assessment incurs sure loss: no distribution satisfies every "
                          "lower prevision")


# --------------------------------------------------------------------------------------
# Function constructors
# --------------------------------------------------------------------------------------
def vacuous(n_or_outcomes: int | Iterable[Hashable]) -> CredalSet:
    """The whole simplex: no information at all.

    Parameters
    ----------
    n_or_outcomes : int or sequence of hashable
        The number of outcomes (labelled ``0..n-1``) or the labels.

    Notes
    -----
    Cost: O(n²) (its n vertices are stored, as exact fractions); lower expectations use the
    interval closed form, O(n log n) per gamble.

    Examples
    --------
    >>> import credal as cr
    >>> cr.lower_expectation(cr.vacuous(["a", "b"]), {"a": 3, "b": -1})
    Fraction(-1, 1)
    """
    if isinstance(n_or_outcomes, int | np.integer) and not isinstance(n_or_outcomes, bool):
        if n_or_outcomes < 1:
            raise InvalidArgumentError(
                f"n_or_outcomes must be a positive number of outcomes, got {n_or_outcomes}")
        labels = make_outcomes(None, int(n_or_outcomes))
    else:
        labels = make_outcomes(n_or_outcomes, None, "n_or_outcomes")
    n = len(labels)
    eye = np.empty((n, n), dtype=object)
    eye[:] = [[Fraction(int(i == j)) for j in range(n)] for i in range(n)]
    structure = Intervals(nums.filled(n, 0, True), nums.filled(n, 1, True))
    return CredalSet._make(labels, True, "vertices", points=eye, structure=structure)


def precise(p: Any, *, outcomes: Iterable[Hashable] | None = None,
            atol: float = DEFAULT_ATOL) -> CredalSet:
    """The single distribution ``p`` (a precise probability).

    Notes
    -----
    Cost: O(n); a V-form set with one point (lower expectations O(n) per gamble).

    Examples
    --------
    >>> import credal as cr
    >>> cr.lower_expectation(cr.precise(["1/4", "3/4"]), [4, 0])
    Fraction(1, 1)
    """
    labels = None if outcomes is None else make_outcomes(outcomes, None)
    arr, exact, labels = distribution_array(p, labels, "p", atol=check_atol(atol))
    return CredalSet._make(labels, exact, "vertices", points=arr.reshape(1, -1))


def tv_ball(center: Any, radius: Any, *, outcomes: Iterable[Hashable] | None = None,
            atol: float = DEFAULT_ATOL) -> CredalSet:
    """The total-variation ball ``{q in simplex : d_TV(center, q) <= radius}``.

    Lower expectations use the closed form: up to ``radius`` of mass moves from the
    outcomes where the gamble is highest onto the outcome where it is lowest.

    Parameters
    ----------
    center : (n_outcomes,) array_like or mapping
        A distribution.
    radius : number
        Nonnegative; a radius of 1 or more gives the whole simplex.

    Notes
    -----
    Cost: O(n), nothing enumerated. Lower expectations are O(n log n) per gamble and
    distances O(n) per point; its ``2^n − 2`` facets are written out only when asked for.

    Examples
    --------
    >>> import credal as cr
    >>> cr.lower_expectation(cr.tv_ball(["1/2", "1/2"], "1/10"), [1, 0])
    Fraction(2, 5)
    """
    labels = None if outcomes is None else make_outcomes(outcomes, None)
    c, c_ex, labels = distribution_array(center, labels, "center", atol=check_atol(atol))
    r, r_ex = nums.as_scalar(radius, "radius")
    if r < 0:
        raise InvalidArgumentError(f"radius must be nonnegative, got {show(radius)}")
    exact = c_ex and r_ex
    c = _convert(c, exact)
    assert c is not None
    return CredalSet._make(labels, exact, "tv_ball",
                           structure=TVBall(c, _scalar(r, exact)))


def contamination(p: Any, epsilon: Any, *, outcomes: Iterable[Hashable] | None = None,
                  atol: float = DEFAULT_ATOL) -> CredalSet:
    """The ε-contamination (linear-vacuous) set ``{(1 - ε) p + ε q : q in simplex}``.

    Closed form: ``lower E f = (1 - ε) p·f + ε min f``.

    Notes
    -----
    Cost: O(n²) (its n vertices are stored); lower expectations use the closed form, O(n)
    per gamble.

    Examples
    --------
    >>> import credal as cr
    >>> cr.lower_expectation(cr.contamination(["1/2", "1/2"], "1/5"), [1, 0])
    Fraction(2, 5)
    """
    labels = None if outcomes is None else make_outcomes(outcomes, None)
    c, c_ex, labels = distribution_array(p, labels, "p", atol=check_atol(atol))
    eps, e_ex = nums.as_scalar(epsilon, "epsilon")
    if not (0 <= eps <= 1):
        raise InvalidArgumentError(f"epsilon must lie in [0, 1], got {show(epsilon)}")
    exact = c_ex and e_ex
    c = _convert(c, exact)
    assert c is not None
    eps = _scalar(eps, exact)
    return CredalSet._make(labels, exact, "vertices", points=_contamination_points(c, eps, exact),
                           structure=Contamination(c, eps))


def idm(counts: Any, s: Any = 2, *, outcomes: Iterable[Hashable] | None = None) -> CredalSet:
    """The imprecise Dirichlet model's posterior predictive set.

    ``p_i in [c_i / (N + s), (c_i + s) / (N + s)]`` with ``N = sum(counts)``; equivalently
    the ε-contamination of the empirical frequencies with ``ε = s / (N + s)``.

    Parameters
    ----------
    counts : (n_outcomes,) array_like or mapping outcome -> count
        Nonnegative observation counts.
    s : number, default 2
        The prior strength, positive.

    Notes
    -----
    Cost: O(n²) (its n vertices are stored); lower expectations use the interval closed
    form, O(n log n) per gamble.

    Examples
    --------
    >>> import credal as cr
    >>> S = cr.idm({"H": 3, "T": 1}, s=2)
    >>> cr.lower_probability(S, ["H"]), cr.upper_probability(S, ["H"])
    (Fraction(1, 2), Fraction(5, 6))
    """
    labels = None if outcomes is None else make_outcomes(outcomes, None)
    counts = unlabel(counts, "counts")
    if isinstance(counts, Mapping):
        if labels is None:
            labels = make_outcomes(list(counts.keys()), None)
        arr, c_ex, _ = gamble_array(counts, labels, "counts", batch=False)
        arr = arr[0]
    else:
        arr, c_ex = nums.as_numbers(counts, "counts")
        if arr.ndim != 1 or arr.shape[0] == 0:
            raise InvalidArgumentError(
                f"counts must be a non-empty 1-D array-like, got {show(counts)}")
        labels = make_outcomes(labels, arr.shape[0])
    negative = [i for i in range(arr.shape[0]) if arr[i] < 0]
    if negative:
        raise InvalidArgumentError(
            f"counts must be nonnegative; the count for {labels[negative[0]]!r} is "
            f"{nums.number_str(arr[negative[0]])}")
    s_val, s_ex = nums.as_scalar(s, "s")
    if not s_val > 0:
        raise InvalidArgumentError(f"s (the prior strength) must be positive, got {show(s)}")
    exact = c_ex and s_ex
    c = _convert(arr, exact)
    assert c is not None
    s_val = _scalar(s_val, exact)
    total = sum(c) + s_val
    n = len(labels)
    points = np.array([[(c[j] + (s_val if j == i else 0)) / total for j in range(n)]
                       for i in range(n)], dtype=object if exact else np.float64)
    lower = np.array([c[j] / total for j in range(n)], dtype=object if exact else np.float64)
    upper = np.array([(c[j] + s_val) / total for j in range(n)],
                     dtype=object if exact else np.float64)
    return CredalSet._make(labels, exact, "vertices", points=points,
                           structure=Intervals(lower, upper))


# --------------------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------------------
def _restore(outcomes: Outcomes, exact: bool, form: Form, points: NDArray | None,
             hform: HForm | None, structure: Structure | None) -> CredalSet:
    return CredalSet._make(outcomes, exact, form, points=points, hform=hform,
                           structure=structure)


def _arrays_of(points: NDArray | None, hform: HForm | None,
               structure: Structure | None) -> list[NDArray]:
    out: list[NDArray] = []
    if points is not None:
        out.append(points)
    if hform is not None:
        out += [hform.A_ub, hform.b_ub, hform.A_eq, hform.b_eq, hform.lower, hform.upper]
    if isinstance(structure, Intervals):
        out += [structure.lower, structure.upper]
    elif structure is not None:
        out.append(structure.center)
    return out


def _bound_vector(value: Any, labels: Outcomes | None, name: str,
                  missing: int) -> tuple[NDArray, bool]:
    if isinstance(value, Mapping):
        assert labels is not None
        unknown = [k for k in value if k not in labels]
        if unknown:
            raise InvalidArgumentError(
                f"{name} has the key {unknown[0]!r}, which is not an outcome; the outcomes "
                f"are {show(list(labels))}")
        return nums.as_numbers(np.array([value.get(x, missing) for x in labels], dtype=object),
                               name)
    arr, exact = nums.as_numbers(value, name)
    if arr.ndim != 1 or arr.shape[0] == 0 or (labels is not None and arr.shape[0] != len(labels)):
        want = f"({len(labels)},)" if labels is not None else "(n_outcomes,)"
        raise InvalidArgumentError(f"{name} must have shape {want}, got shape {arr.shape}")
    return arr, exact


def _reachable(lo: NDArray, up: NDArray, exact: bool) -> tuple[NDArray, NDArray]:
    """Tightened bounds l'_i = max(l_i, 1 - sum_{j!=i} u_j), u'_i = min(u_i, 1 - sum_{j!=i} l_j)."""
    one = Fraction(1) if exact else 1.0
    s_lo, s_up = sum(lo), sum(up)
    n = len(lo)
    r_lo = np.array([max(lo[i], one - (s_up - up[i])) for i in range(n)],
                    dtype=object if exact else np.float64)
    r_up = np.array([min(up[i], one - (s_lo - lo[i])) for i in range(n)],
                    dtype=object if exact else np.float64)
    if not exact:
        r_lo = np.clip(r_lo, 0.0, 1.0)
        r_up = np.clip(np.maximum(r_up, r_lo), 0.0, 1.0)
    return r_lo, r_up


def _contamination_points(c: NDArray, eps: Fraction | float, exact: bool) -> NDArray:
    n = c.shape[0]
    if exact:
        pts = np.empty((n, n), dtype=object)
        for i in range(n):
            pts[i] = [(1 - eps) * c[j] + (eps if i == j else 0) for j in range(n)]
        return pts
    return (1.0 - float(eps)) * np.tile(c, (n, 1)) + float(eps) * np.eye(n)


def _from_rows(labels: Outcomes, rows: list[NDArray], values: list[Any], name: str,
               empty_message: str) -> CredalSet:
    """H-form set {p : rows_i · p >= values_i} (stored as -rows p <= -values)."""
    n = len(labels)
    if not rows:
        raise InvalidArgumentError(f"{name} must hold at least one assessment")
    G, g_ex = nums.as_numbers(np.array([list(r) for r in rows], dtype=object), name)
    c, c_ex = nums.as_numbers(np.array(values, dtype=object), f"{name} values")
    if c.ndim != 1:
        raise InvalidArgumentError(f"{name} values must be single numbers, got {show(values)}")
    exact = g_ex and c_ex
    G, c = _convert(G, exact), _convert(c, exact)
    assert G is not None and c is not None
    hform = HForm.build(n, exact, A_ub=-G, b_ub=-c)
    return _checked_hset(labels, exact, hform, None, empty_message)


def _checked_hset(labels: Outcomes, exact: bool, hform: HForm, structure: Structure | None,
                  empty_message: str) -> CredalSet:
    """Build an H-form set after checking (exactly, for exact data) that it is nonempty."""
    from ._lp import feasible_point

    S = CredalSet._make(labels, exact, "constraints", hform=hform, structure=structure)
    if feasible_point(S) is None:
        raise EmptySetError(empty_message)
    return S


# --------------------------------------------------------------------------------------
# repr
# --------------------------------------------------------------------------------------
#: The longest repr written out in full; a larger set is summarised.
REPR_LIMIT = 800


def _call(S: CredalSet) -> tuple[str, str, list[str]]:
    """``(function, what it holds, arguments)`` of a constructor call that rebuilds ``S``."""
    st = S._structure
    if isinstance(st, TVBall):
        return "tv_ball", "TV ball", [nums.row_literal(st.center), nums.literal(st.radius)]
    if isinstance(st, Contamination):
        return "contamination", "contamination", [nums.row_literal(st.center),
                                                  nums.literal(st.epsilon)]
    if isinstance(st, Intervals) and all(v == 0 for v in st.lower) and \
            all(v == 1 for v in st.upper) and S._exact:
        return "vacuous", "the whole simplex", \
            [repr(S.n_outcomes) if S.outcomes == tuple(range(S.n_outcomes))
             else repr(list(S.outcomes))]
    if isinstance(st, Intervals):
        return "CredalSet.from_bounds", "probability intervals", [nums.row_literal(st.lower),
                                                                 nums.row_literal(st.upper)]
    if S._points is not None:
        k = S._points.shape[0]
        return "CredalSet.from_vertices", f"{k} point{'s' if k != 1 else ''}", \
            [nums.rows_literal(S._points)]
    h = S._hform
    assert h is not None
    n = S.n_outcomes
    A_ub, b_ub = list(h.A_ub), list(h.b_ub)
    one = Fraction(1) if S._exact else 1.0
    for i in range(n):  # bounds other than the simplex's own, written as rows
        unit = [one * (j == i) for j in range(n)]
        if h.lower[i] > 0:
            A_ub.append([-v for v in unit])
            b_ub.append(-h.lower[i])
        if h.upper[i] < 1:
            A_ub.append(unit)
            b_ub.append(h.upper[i])
    args = []
    if A_ub:
        args += [f"A_ub={nums.rows_literal(A_ub)}", f"b_ub={nums.row_literal(b_ub)}"]
    if h.A_eq.shape[0]:
        args += [f"A_eq={nums.rows_literal(h.A_eq)}", f"b_eq={nums.row_literal(h.b_eq)}"]
    if not args:  # no constraint at all: the simplex
        args = [f"A_ub={nums.rows_literal([[0] * n])}", "b_ub=[0]"]
    return "CredalSet.from_constraints", \
        f"{len(A_ub)} inequalities, {h.A_eq.shape[0]} equalities", args


def describe(S: CredalSet) -> str:
    """The repr of a credal set (see :meth:`CredalSet.__repr__`)."""
    function, holds, args = _call(S)
    if tuple(S.outcomes) != tuple(range(S.n_outcomes)) and function != "vacuous":
        args.append(f"outcomes={list(S.outcomes)!r}")
    text = f"{function}({', '.join(args)})"
    if len(text) <= REPR_LIMIT and nums.UNPRINTABLE not in text:
        return text
    kind = "exact" if S._exact else "float"
    return (f"<{function}: {holds} over {S.n_outcomes} outcomes "
            f"{show(list(S.outcomes), 60)}, {kind}: {text[: REPR_LIMIT // 2]}...>")

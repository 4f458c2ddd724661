"""The credal set: its outcomes and one form (see :mod:`credal.sets._form`).

A :class:`CredalSet` keeps the form it was given and converts only when a query needs it.
Every set is immutable and valid: it is checked once, at construction. Code outside
:mod:`credal.sets` asks a set through its public properties and the documented accessors
:attr:`CredalSet.representation` (the form) and :attr:`CredalSet.arithmetic`.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Mapping
from fractions import Fraction
from typing import Any

import numpy as np

from .._core import numbers as nums
from .._core.arith import EXACT, FLOAT, Arithmetic, arithmetic_of
from .._core.frozen import Immutable
from .._core.numbers import show
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
from .._core.types import NDArray
from ..errors import EmptySetError, InvalidArgumentError
from ..tolerance import DEFAULT_ATOL, check_atol
from ._form import Constraints, Form
from ._inclusion import all_inside, distributions, form_issubset, irredundant
from .forms.constraints import ConstraintForm
from .forms.contamination import ContaminationForm
from .forms.intervals import IntervalForm
from .forms.vertices import VertexForm

__all__ = ["CredalSet", "Constraints"]


class CredalSet(Immutable):
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
    form : str
        The form the set was given in and computes from: ``"vertices"``,
        ``"constraints"``, ``"tv_ball"``, ``"wasserstein_ball"``, ``"cvar_set"`` or
        ``"belief_function"``.
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

    __slots__ = ("_outcomes", "_form", "_cache", "__weakref__")

    _outcomes: Outcomes
    _form: Form
    _cache: dict[str, Any]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        raise TypeError("build a CredalSet with one of its constructors, e.g. "
                        "CredalSet.from_vertices(...) or credal.vacuous(n)")

    @classmethod
    def _of(cls, outcomes: Outcomes, form: Form) -> CredalSet:
        """The set of ``form`` over ``outcomes`` (for the sets layer's constructors)."""
        self = object.__new__(cls)
        object.__setattr__(self, "_outcomes", outcomes)
        object.__setattr__(self, "_form", form)
        object.__setattr__(self, "_cache", {})
        return self



    def __reduce__(self) -> tuple[Any, ...]:
        return (_restore, (self._outcomes, self._form))

    # -- basic properties ---------------------------------------------------------------
    @property
    def outcomes(self) -> Outcomes:
        return self._outcomes

    @property
    def n_outcomes(self) -> int:
        return len(self._outcomes)

    @property
    def is_exact(self) -> bool:
        return self._form.ar.exact

    @property
    def form(self) -> str:
        return self._form.form_name

    @property
    def representation(self) -> Form:
        """The form object the set computes from (see :mod:`credal.sets._form`): for the
        library's own layers above the sets, which ask it what it answers cheaply."""
        return self._form

    @property
    def arithmetic(self) -> Arithmetic:
        """:data:`~credal._core.arith.EXACT` or :data:`~credal._core.arith.FLOAT`: the
        arithmetic the set's results are computed in."""
        return self._form.ar

    @property
    def vertices_known(self) -> bool:
        """Whether :attr:`vertices` is already computed (asking for it then costs nothing)."""
        return self._form.known_vertices() is not None

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
        H-form, vertex enumeration: Qhull in the set's affine hull, checked (the double
        description below 4 outcomes or where Qhull's answer cannot be trusted); for an
        exact set those float vertices are then certified and completed in exact arithmetic
        (see :meth:`enumerate_vertices`). The number of vertices can grow exponentially
        with n: use :meth:`enumerate_vertices` for a budget and progress reports. TV ball,
        its marginal vectors (about n(n − 1)), then one LP per point.
        """
        return self._form.vertices()

    def enumerate_vertices(self, *, max_vertices: int | None = None,
                           progress: Callable[[str, int, int], object] | None = None
                           ) -> NDArray:
        """:attr:`vertices`, with a budget and progress reports.

        Parameters
        ----------
        max_vertices : int, optional
            Raise :class:`~credal.errors.TooManyVerticesError` when the set has more
            vertices than this, as soon as the enumeration knows it (before the work where
            it can, e.g. when a polytope containing the set already has more). ``None``
            (the default): no limit.
        progress : callable, optional
            Called as ``progress(stage, done, total)`` while the vertices are enumerated
            (stages ``"vertices"`` and, for exact sets, ``"certify"``); an exception raised
            from it stops the enumeration.

        Returns
        -------
        numpy.ndarray, shape (k, n_outcomes)
            The same array as :attr:`vertices` (computed once, then cached).

        Notes
        -----
        An exact H-form set's vertices are exact without trusting a float: the float
        vertices (Qhull) only guess each vertex's tight constraints; each guess is solved
        and checked in exact arithmetic, and the list is proved complete by following
        every edge of every vertex found (an exact ratio test), which also adds any vertex
        the floats missed. The graph of a polytope is connected (Balinski 1961), so a list
        closed under adjacency is the whole vertex set.

        Examples
        --------
        >>> import credal as cr
        >>> S = cr.CredalSet.from_lower_previsions([([1, 2, 0, 1], 1)])
        >>> S.enumerate_vertices(max_vertices=10).shape
        (4, 4)
        >>> try:
        ...     cr.vacuous(12).enumerate_vertices(max_vertices=10)
        ... except cr.TooManyVerticesError as e:
        ...     print("over budget:", e.limit)
        over budget: 10
        """
        return self._form.vertices(max_vertices=max_vertices, progress=progress)

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
        cached: Constraints | None = self._cache.get("constraints")
        if cached is None:
            cached = self._cache["constraints"] = irredundant(self._form)
        return cached

    def to_constraints(self) -> CredalSet:
        """The same set in H-form, from :attr:`constraints`: its facets for a V-form set,
        its own constraints without the redundant ones for an H-form set (redundancy
        removal).

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
        out = CredalSet._of(self._outcomes, ConstraintForm(self.arithmetic, c))
        out._cache["constraints"] = c
        known = self._form.known_vertices()
        if known is not None:
            out._form._seed("vertices", known)
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
        out = CredalSet._of(self._outcomes, VertexForm(self.arithmetic, np.array(V)))
        out._form._seed("vertices", V)
        return out

    def to_float(self) -> CredalSet:
        """The same set in float64 arithmetic (itself if already float).

        Notes
        -----
        Cost: one conversion per stored number (O(k n) for points, O(m n) for constraints)
        on first use, then cached; O(1) for a float set.
        """
        if not self.is_exact:
            return self
        cached: CredalSet | None = self._cache.get("float")
        if cached is None:
            cached = self._cache["float"] = CredalSet._of(
                self._outcomes, self._form.convert(FLOAT, None))
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
        if self.is_exact and max_denominator is None:
            return self
        out = CredalSet._of(self._outcomes, self._form.convert(EXACT, max_denominator))
        if out._form.points() is None and out._form.region() is not None:
            from ._lp import feasible_point

            if feasible_point(out._form) is None:
                raise EmptySetError(
                    f"the exact values of this set's constraints admit no distribution: the "
                    f"float set is nonempty only within the solver's tolerance"
                    f"{'' if max_denominator is None else f' (max_denominator={max_denominator})'}"
                    f"; loosen the constraints slightly or pick another max_denominator")
        return out


    # -- containment and inclusion (answered in the sets layer, by the forms) ----------------------
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
        S, P, _ = self._one_point(p, atol)
        return all_inside(S._form, P, atol)

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
        if not isinstance(other, CredalSet):
            raise InvalidArgumentError(
                f"other must be a CredalSet, got {type(other).__name__}: {show(other)}")
        atol = check_atol(atol)
        if self.outcomes != other.outcomes:
            raise InvalidArgumentError(
                f"S and T must be credal sets over the same outcomes; S has "
                f"{show(list(self.outcomes), 60)} and T has {show(list(other.outcomes), 60)}; "
                f"use credal.pushforward to relabel or merge outcomes first")
        if self is other:
            return True
        S, T = (self, other) if self.is_exact and other.is_exact else \
            (self.to_float(), other.to_float())
        return form_issubset(S._form, T._form, atol)

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
        return self.issubset(other, atol=atol) and other.issubset(self, atol=atol)

    def _one_point(self, p: Any, atol: float) -> tuple[CredalSet, NDArray, Arithmetic]:
        """One distribution ``p`` and this set in one arithmetic (``P`` as ``(1, n)``)."""
        P, p_exact, single = distributions(p, self.outcomes, "p", check_atol(atol))
        if not single:
            raise InvalidArgumentError(
                f"p must be one distribution of shape ({self.n_outcomes},), got a batch of "
                f"shape {P.shape}; use credal.distance_to_set for batches")
        ar = arithmetic_of(p_exact, self.is_exact)
        return (self, P, ar) if ar.exact else (self.to_float(), nums.to_float(P), ar)

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
            ar = arithmetic_of(exact)
            mat = np.array([ar.array(a[0]) for a in arrays], dtype=ar.dtype)
        else:
            mat, exact = nums.as_numbers(points, "points")
            if mat.ndim != 2 or mat.shape[1] == 0:
                raise InvalidArgumentError(
                    f"points must be a 2-D array-like of shape (k, n_outcomes), got shape "
                    f"{mat.shape}; wrap a single distribution as [p] or use credal.precise(p)")
            labels = make_outcomes(labels, mat.shape[1])
            mat = check_distribution(mat, arithmetic_of(exact), "points", atol)
        return cls._of(labels, VertexForm(arithmetic_of(exact), mat))

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
        ar = arithmetic_of(exact)
        hform = Constraints.build(n, ar, **{k: ar.array(a) for k, (a, _) in parts.items()})
        return _checked_hset(labels, ConstraintForm(ar, hform),
                             "the constraints admit no distribution")

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
        ar = arithmetic_of(exact)
        lo, up = ar.array(lo), ar.array(up)
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
        return cls._of(labels, IntervalForm(ar, lo, up))

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
    return CredalSet._of(labels, IntervalForm(EXACT, EXACT.filled(n, 0), EXACT.filled(n, 1),
                                              eye))


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
    return CredalSet._of(labels, VertexForm(arithmetic_of(exact), arr.reshape(1, -1)))


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
    ar = arithmetic_of(exact)
    return CredalSet._of(labels, ContaminationForm(ar, ar.array(c), ar.scalar(eps)))


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
    ar = arithmetic_of(exact)
    c = ar.array(arr)
    s_val = ar.scalar(s_val)
    total = sum(c) + s_val
    n = len(labels)
    points = np.array([[(c[j] + (s_val if j == i else 0)) / total for j in range(n)]
                       for i in range(n)], dtype=object if exact else np.float64)
    lower = np.array([c[j] / total for j in range(n)], dtype=object if exact else np.float64)
    upper = np.array([(c[j] + s_val) / total for j in range(n)],
                     dtype=object if exact else np.float64)
    return CredalSet._of(labels, IntervalForm(ar, lower, upper, points))


# --------------------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------------------
def _restore(outcomes: Outcomes, form: Form) -> CredalSet:
    return CredalSet._of(outcomes, form)


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
    ar = arithmetic_of(exact)
    G, c = ar.array(G), ar.array(c)
    hform = Constraints.build(n, ar, A_ub=-G, b_ub=-c)
    return _checked_hset(labels, ConstraintForm(ar, hform), empty_message)


def bounds_set(labels: Outcomes, lower: NDArray, upper: NDArray, ar: Arithmetic,
               empty_message: str) -> CredalSet:
    """Probability intervals (in arithmetic ``ar``, not validated) after checking that they
    admit a distribution."""
    return _checked_hset(labels, IntervalForm(ar, lower, upper), empty_message)


def _checked_hset(labels: Outcomes, form: Form, empty_message: str) -> CredalSet:
    """The set of an H-form after checking (exactly, for exact data) that it is nonempty."""
    from ._lp import feasible_point

    if feasible_point(form) is None:
        raise EmptySetError(empty_message)
    return CredalSet._of(labels, form)


# --------------------------------------------------------------------------------------
# repr
# --------------------------------------------------------------------------------------
#: The longest repr written out in full; a larger set is summarised.
REPR_LIMIT = 800


def describe(S: CredalSet) -> str:
    """The repr of a credal set (see :meth:`CredalSet.__repr__`)."""
    labelled = S.representation.labelled_call(tuple(S.outcomes))
    function, holds, args = S.representation.call() if labelled is None else labelled
    plain = tuple(S.outcomes) == tuple(range(S.n_outcomes))
    if labelled is not None:
        pass
    elif function == "vacuous":
        args = [repr(S.n_outcomes) if plain else repr(list(S.outcomes))]
    elif not plain:
        args.append(f"outcomes={list(S.outcomes)!r}")
    text = f"{function}({', '.join(args)})"
    if len(text) <= REPR_LIMIT and nums.UNPRINTABLE not in text:
        return text
    kind = S.arithmetic.name
    return (f"<{function}: {holds} over {S.n_outcomes} outcomes "
            f"{show(list(S.outcomes), 60)}, {kind}: {text[: REPR_LIMIT // 2]}...>")

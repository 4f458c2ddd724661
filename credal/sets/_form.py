"""The form protocol: what one representation of a credal set answers, and the shared
paths it falls back on.

A :class:`~credal.CredalSet` holds its outcomes and one *form*. A form is a small immutable
object (one class per representation, one file per class in :mod:`credal.sets.forms`) that
says what it can answer cheaply and otherwise falls back on a path shared by every form:

============================  ==============================  ==========================
question                      a form answers cheaply by       shared fallback
============================  ==============================  ==========================
lower expectations (batch)    :meth:`Form.lower_batch`        its points, else an LP over
                              (a closed form)                 its :meth:`Form.region`
generating points             :meth:`Form.points`             :meth:`Form.vertices`
vertices                      :meth:`Form.vertices`           minimal points of
                                                              :meth:`Form.points`, or
                                                              vertex enumeration
constraints (all of them)     :meth:`Form.constraint_rows`    facets of the vertices
containment of points         :meth:`Form.contains_all`       TV distance 0 (an LP)
TV distances of points        :meth:`Form.distances`          an LP over points/region
closed-form images            :meth:`Form.pushforward`        the image of its points
============================  ==============================  ==========================

A form never looks at another form's fields; code outside :mod:`credal.sets` talks to a
set through :class:`~credal.CredalSet`'s documented accessors (``S.representation`` is
the form) and the methods listed here. Adding a shape is one file that subclasses
:class:`Form` and overrides what it can answer better than the fallbacks.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, ClassVar

import numpy as np

from .._core import numbers as nums
from .._core.arith import Arithmetic, arithmetic_of
from .._core.frozen import Immutable
from .._core.numbers import frozen, reduce_dataclass
from .._core.types import NDArray
from .._polyhedra.budget import Progress
from ..tolerance import DEFAULT_ATOL


# --------------------------------------------------------------------------------------
# The one constraint container
# --------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Constraints:
    """An H-form ``{p in simplex : A_ub p <= b_ub, A_eq p = b_eq, lower <= p <= upper}``.

    Read-only arrays of shapes ``(m1, n)``, ``(m1,)``, ``(m2, n)``, ``(m2,)``, ``(n,)``,
    ``(n,)``; all exact (``Fraction``) or all float64. The simplex's own constraints
    (``p >= 0``, ``sum p = 1``) are implicit; ``lower``/``upper`` default to 0 and 1.
    :attr:`CredalSet.constraints` gives an irredundant one, with every bound written as a
    row (its ``lower``/``upper`` are then 0 and 1).
    """

    A_ub: NDArray
    b_ub: NDArray
    A_eq: NDArray
    b_eq: NDArray
    lower: NDArray = None  # type: ignore[assignment]
    upper: NDArray = None  # type: ignore[assignment]

    def __post_init__(self) -> None:  # read-only arrays, also after unpickling
        n = self.A_ub.shape[1] if self.A_ub.ndim == 2 else self.A_eq.shape[1]
        ar = arithmetic_of(self.A_ub.dtype == object or self.A_eq.dtype == object)
        if self.lower is None:
            object.__setattr__(self, "lower", ar.filled(n, 0))
        if self.upper is None:
            object.__setattr__(self, "upper", ar.filled(n, 1))
        for name in ("A_ub", "b_ub", "A_eq", "b_eq", "lower", "upper"):
            object.__setattr__(self, name, frozen(getattr(self, name)))

    def __reduce__(self) -> tuple[Any, ...]:
        return reduce_dataclass(self)

    @classmethod
    def build(cls, n: int, ar: Arithmetic, *, A_ub: NDArray | None = None,
              b_ub: NDArray | None = None, A_eq: NDArray | None = None,
              b_eq: NDArray | None = None, lower: NDArray | None = None,
              upper: NDArray | None = None) -> Constraints:
        """Fill the parts not given: no rows, bounds 0 and 1 (the simplex's own)."""
        def given(a: NDArray | None, shape: int | tuple[int, ...], value: int) -> NDArray:
            return ar.filled(shape, value) if a is None else a

        return cls(given(A_ub, (0, n), 0), given(b_ub, 0, 0), given(A_eq, (0, n), 0),
                   given(b_eq, 0, 0), given(lower, n, 0), given(upper, n, 1))

    @property
    def n_outcomes(self) -> int:
        return int(self.A_ub.shape[1])

    @property
    def is_exact(self) -> bool:
        return bool(self.A_ub.dtype == object)

    def bound_rows(self) -> tuple[NDArray, NDArray]:
        """Every constraint as ``A p <= b`` rows: the inequalities, each equality as two
        rows, and each bound that is not the simplex's own."""
        n = self.n_outcomes
        exact = self.is_exact
        eye = nums.fraction_array(np.eye(n, dtype=np.int64)) if exact else np.eye(n)
        assert self.lower is not None and self.upper is not None
        up = np.array([u < 1 for u in self.upper], dtype=bool)
        lo = np.array([v > 0 for v in self.lower], dtype=bool)
        A = np.vstack([self.A_ub, self.A_eq, -self.A_eq, eye[up], -eye[lo]])
        b = np.concatenate([self.b_ub, self.b_eq, -self.b_eq, self.upper[up],
                            -self.lower[lo]])
        return A, b


@dataclass(frozen=True)
class Region:
    """A *lifted* H-form: the credal set is ``{image @ z : z in simplex, A_ub z <= b_ub,
    A_eq z = b_eq, lower <= z <= upper}`` for a linear map ``image`` of shape
    ``(n_outcomes, n_variables)`` (``None``: the identity, a plain H-form). The last
    equality row is ``sum(z) = 1``. A Wasserstein ball's variables are its coupling, and
    ``image`` takes a coupling to its second marginal."""

    n_outcomes: int
    A_ub: NDArray
    b_ub: NDArray
    A_eq: NDArray
    b_eq: NDArray
    lower: tuple[Any, ...]
    upper: tuple[Any, ...]
    image: NDArray | None = None

    @property
    def n_variables(self) -> int:
        return len(self.lower)

    def outcome_costs(self, F: NDArray) -> NDArray:
        """Objective rows over the variables for gambles ``F`` over the outcomes."""
        return F if self.image is None else F @ self.image

    def outcome_points(self, Z: NDArray) -> NDArray:
        """Distributions over the outcomes from rows of variables."""
        return Z[:, : self.n_outcomes] if self.image is None else Z @ self.image.T


# --------------------------------------------------------------------------------------
# The protocol, with its shared fallbacks
# --------------------------------------------------------------------------------------
class Form(Immutable):
    """One representation of a credal set over ``n`` outcomes, in one arithmetic.

    Subclasses set :attr:`name`, call :meth:`_init` from their constructor, and override
    :meth:`arrays`, :meth:`convert` and :meth:`call` (required), plus whatever they answer
    more cheaply than the fallbacks. A form is immutable; values it computes on demand are
    memoised with :meth:`_memo`.
    """

    #: What :attr:`CredalSet.form` reports for sets in this form.
    name: ClassVar[str] = "form"
    ar: Arithmetic
    n: int

    @property
    def form_name(self) -> str:
        """What :attr:`CredalSet.form` reports (by default the class's :attr:`name`)."""
        return self.name

    def _init(self, ar: Arithmetic, n: int) -> None:
        object.__setattr__(self, "ar", ar)
        object.__setattr__(self, "n", n)
        object.__setattr__(self, "_memos", {})
        for arr in self.arrays():
            arr.flags.writeable = False


    def _memo(self, key: str, compute: Callable[[], Any]) -> Any:
        """``compute()`` once per form instance (and key)."""
        memos: dict[str, Any] = self._memos  # type: ignore[attr-defined]
        if key not in memos:
            memos[key] = compute()
        return memos[key]

    def _known(self, key: str) -> Any:
        """A memoised value, or None when it has not been computed."""
        memos: dict[str, Any] = self._memos  # type: ignore[attr-defined]
        return memos.get(key)

    def _seed(self, key: str, value: Any) -> None:
        """Hand a value another form of the same set already computed (conversions)."""
        self._memos[key] = value  # type: ignore[attr-defined]

    def __reduce__(self) -> tuple[Any, ...]:
        return (_rebuild, (type(self), self.state()))

    # -- required --------------------------------------------------------------------------
    def state(self) -> tuple[Any, ...]:
        """The constructor arguments (after ``ar``) that rebuild this form: pickling."""
        raise NotImplementedError

    def arrays(self) -> Iterable[NDArray]:
        """The arrays the form holds (made read-only at construction)."""
        raise NotImplementedError

    def convert(self, ar: Arithmetic, max_denominator: int | None) -> Form:
        """The same set in arithmetic ``ar`` (floats to their exact binary values, or to the
        nearest fraction with denominator at most ``max_denominator``)."""
        raise NotImplementedError

    def call(self) -> tuple[str, str, list[str]]:
        """``(function, what it holds, arguments)`` of a constructor call that rebuilds the
        set (the ``outcomes=`` argument is added by the set)."""
        raise NotImplementedError

    def labelled_call(self, outcomes: tuple[Any, ...]) -> tuple[str, str, list[str]] | None:
        """A constructor call that needs the outcome labels (events written by label),
        complete with its ``outcomes=`` argument; None to use :meth:`call`."""
        return None

    # -- cheap answers, with the shared fallbacks -----------------------------------------
    def points(self) -> NDArray | None:
        """Points whose convex hull is the set, if the form has them without enumerating
        (redundant points allowed); None otherwise."""
        return None

    def own_constraints(self) -> Constraints | None:
        """The constraints the form holds (no enumeration, redundant rows allowed); None
        when it has none."""
        return None

    def region(self) -> Region | None:
        """A lifted H-form of the set (see :class:`Region`); by default its own constraints
        with no extra variables, None when it has none."""
        h = self.own_constraints()
        return None if h is None else _region_of(h)

    def constraint_rows(self) -> Constraints | None:
        """Constraints the form can write out without enumerating its vertices: its own,
        or a closed form (a TV ball's event rows); None otherwise."""
        return self.own_constraints()

    def written_constraints(self) -> Constraints:
        """All its constraints written out: :meth:`constraint_rows`, or the facets of its
        vertices."""
        h = self.constraint_rows()
        if h is not None:
            return h
        from .._polyhedra.points import facets_checked

        A_ub, b_ub, A_eq, b_eq = facets_checked(self.vertices(), self.ar)
        return Constraints.build(self.n, self.ar, A_ub=A_ub, b_ub=b_ub, A_eq=A_eq, b_eq=b_eq)

    def vertices(self, *, max_vertices: int | None = None,
                 progress: Progress | None = None) -> NDArray:
        """The extreme points, without duplicates, rows in lexicographic order (memoised).
        Raises :class:`~credal.errors.TooManyVerticesError` when there are more than
        ``max_vertices`` (as soon as the enumeration knows); ``progress(stage, done,
        total)`` is called while they are enumerated."""
        from .._core.progress import check_progress
        from .._polyhedra.budget import check_budget, check_max_vertices

        check_max_vertices(max_vertices)
        progress = check_progress(progress)
        V: NDArray = self._memo("vertices", lambda: self._vertices(max_vertices, progress))
        check_budget(V.shape[0], max_vertices, None)
        return V

    def _vertices(self, max_vertices: int | None, progress: Progress | None) -> NDArray:
        """The vertices, computed (see :meth:`vertices`; a form may check the budget on its
        answer only)."""
        from .._polyhedra.points import minimal_points, region_vertices

        P = self.points()
        if P is not None:
            return nums.readonly(minimal_points(P, self.ar))
        region = self.region()
        assert region is not None, f"{type(self).__name__} has neither points nor a region"
        return nums.readonly(region_vertices(region, self.ar, max_vertices=max_vertices,
                                             progress=progress))

    def known_vertices(self) -> NDArray | None:
        """The vertices if already computed (nothing is enumerated to answer)."""
        known: NDArray | None = self._known("vertices")
        return known

    def lower_batch(self, F: NDArray, *, witness: bool,
                    backend: str | None) -> tuple[NDArray, NDArray | None]:
        """Lower expectations of the rows of ``F`` (``(m, n)``, in the form's arithmetic),
        and with ``witness`` a minimising distribution per row (``(m, n)``)."""
        from . import _answers

        return _answers.lower_batch(self, F, witness=witness, backend=backend)

    def contains_all(self, P: NDArray, atol: float) -> bool | None:
        """Whether every row of ``P`` lies in the set, if the form can tell cheaply (its own
        constraints); None to fall back on distances."""
        h = self.own_constraints()
        if h is None:
            return None
        from ._answers import inside_constraints

        return inside_constraints(h, P, self.ar, atol)

    def distances(self, P: NDArray, *, separating: bool,
                  backend: str | None = None) -> tuple[NDArray, NDArray | None]:
        """``d_TV(p, S)`` for each row of ``P``, and a gamble in ``[0, 1]^n`` separating
        each ``p`` from the set where one was computed."""
        from ._answers import lp_distances

        return lp_distances(self, P, separating=separating, backend=backend)

    def projection(self, x: NDArray) -> tuple[NDArray, Any] | None:
        """A closed-form TV projection ``(point, distance)`` of ``x``; None for the LP."""
        return None

    def pushforward(self, push: Callable[[NDArray], NDArray], n_images: int) -> Form | None:
        """The image along an outcome map in closed form (``push`` maps ``(k, n)`` rows of
        distributions to ``(k, n_images)``), or None to map the vertices."""
        return None

    @classmethod
    def mixture(cls, forms: list[Form], weights: list[Any]) -> Form | None:
        """A closed form of ``sum w_i S_i`` when every form is of this class, else None."""
        return None

    def binding(self, x: NDArray, atol: float, outcomes: tuple[Any, ...]) -> tuple[Any, ...] | None:
        """The constraints tight at ``x`` (see :class:`~credal.LowerExpectation`); None for
        forms that do not report them."""
        return None


def _region_of(h: Constraints) -> Region:
    n = h.n_outcomes
    ar = arithmetic_of(h.is_exact)
    ones = ar.filled((1, n), 1)
    A_eq = np.vstack([h.A_eq, ones]) if h.A_eq.shape[0] else ones
    b_eq = np.concatenate([h.b_eq, ar.filled(1, 1)]) if h.b_eq.shape[0] else \
        ar.filled(1, 1)
    assert h.lower is not None and h.upper is not None
    return Region(n, h.A_ub, h.b_ub, A_eq, b_eq, tuple(h.lower), tuple(h.upper))


def _rebuild(cls: type[Form], state: tuple[Any, ...]) -> Form:
    return cls(*state)


__all__ = ["Constraints", "Form", "Region", "DEFAULT_ATOL"]

"""Containment, inclusion and equality of credal sets, answered in the sets layer by the
forms: a point against the set's own constraints, ball or points; ``S ⊆ T`` by upper
expectations over ``S`` of ``T``'s constraint rows when ``T`` has its own constraints (no
vertex enumeration of either), otherwise ``S``'s vertices against ``T``."""

from __future__ import annotations

from typing import Any

from .._core import numbers as nums
from .._core.arith import Arithmetic, arithmetic_of
from .._core.types import NDArray
from ..errors import InvalidArgumentError
from ..tolerance import DEFAULT_ATOL
from ._form import Constraints
from ._set import CredalSet


def check_set(S: Any, name: str = "S") -> CredalSet:
    """``S`` if it is a credal set, else an :class:`InvalidArgumentError` naming it."""
    if not isinstance(S, CredalSet):
        raise InvalidArgumentError(
            f"{name} must be a CredalSet, got {type(S).__name__}: {nums.show(S)}; build one "
            f"with CredalSet.from_vertices, credal.vacuous, ...")
    return S


def same_outcomes(S: CredalSet, T: CredalSet, names: tuple[str, str] = ("S", "T")) -> None:
    """Raise unless both sets are over the same outcomes."""
    if S.outcomes != T.outcomes:
        raise InvalidArgumentError(
            f"{names[0]} and {names[1]} must be credal sets over the same outcomes; "
            f"{names[0]} has {nums.show(list(S.outcomes), 60)} and {names[1]} has "
            f"{nums.show(list(T.outcomes), 60)}; use credal.pushforward to relabel or merge "
            f"outcomes first")


def common(S: CredalSet, T: CredalSet) -> tuple[CredalSet, CredalSet, Arithmetic]:
    """Both sets in one arithmetic: exact only when both are exact."""
    ar = arithmetic_of(S.is_exact, T.is_exact)
    return (S, T, ar) if ar.exact else (S.to_float(), T.to_float(), ar)


def one_point(S: Any, p: Any, atol: float) -> tuple[CredalSet, NDArray, Arithmetic]:
    """Validate a set and one distribution; both in one arithmetic, ``P`` as ``(1, n)``."""
    return check_set(S)._one_point(p, atol)


def contains(S: CredalSet, p: Any, *, atol: float = DEFAULT_ATOL) -> bool:
    """Whether the distribution ``p`` lies in ``S``; see :meth:`CredalSet.contains`."""
    return check_set(S).contains(p, atol=atol)


def issubset(S: CredalSet, T: CredalSet, *, atol: float = DEFAULT_ATOL) -> bool:
    """Whether ``S ⊆ T``; see :meth:`CredalSet.issubset`."""
    return check_set(S).issubset(T, atol=atol)


def equals(S: CredalSet, T: CredalSet, *, atol: float = DEFAULT_ATOL) -> bool:
    """Whether ``S`` and ``T`` are the same set; see :meth:`CredalSet.equals`."""
    return check_set(S).equals(T, atol=atol)


# -- accessors for the layers above ----------------------------------------------------
def has_cheap_points(S: CredalSet) -> bool:
    """Whether :func:`generating_points` needs no vertex enumeration."""
    return S.representation.points() is not None


def generating_points(S: CredalSet, *, max_vertices: int | None = None,
                      progress: Any = None) -> NDArray:
    """Points whose convex hull is ``S``, as cheaply as its form allows: a V-form set's own
    points (redundant ones included), a TV ball's marginal vectors (no LP), otherwise its
    vertices (enumerated, with the budget ``max_vertices`` and ``progress`` of
    :meth:`CredalSet.enumerate_vertices`)."""
    P = S.representation.points()
    if P is not None:
        return P
    return S.enumerate_vertices(max_vertices=max_vertices, progress=progress)


def outcome_region_lp(S: CredalSet) -> Any:
    """The LP (cost zero) whose variables are the outcomes' probabilities and whose
    feasible region is ``S``, when its form has such a region (plain constraints); None
    otherwise (points, or a lifted region such as a Wasserstein ball's coupling)."""
    from ._lp import region_lp

    form = S.representation
    region = form.region()
    if region is None or region.image is not None:
        return None
    return region_lp(form, region)


def set_of_points(outcomes: tuple[Any, ...], points: NDArray, ar: Arithmetic, *,
                  vertices: NDArray | None = None) -> CredalSet:
    """The V-form set of ``points`` (already distributions in arithmetic ``ar``; not
    checked): for the library's own operations. ``vertices``: its vertices when the caller
    knows them (canonical: no duplicates, lexicographic order)."""
    from .forms.vertices import VertexForm

    form = VertexForm(ar, points)
    if vertices is not None:
        form._seed("vertices", vertices)
    return CredalSet._of(outcomes, form)


def set_of_constraints(outcomes: tuple[Any, ...], h: Constraints, ar: Arithmetic, *,
                       check: str | None = None) -> CredalSet:
    """The H-form set of ``h`` (in arithmetic ``ar``); with ``check``, an
    :class:`~credal.errors.EmptySetError` with that message when it is empty."""
    from ..errors import EmptySetError
    from ._lp import feasible_point
    from .forms.constraints import ConstraintForm

    form = ConstraintForm(ar, h)
    if check is not None and feasible_point(form) is None:
        raise EmptySetError(check)
    return CredalSet._of(outcomes, form)

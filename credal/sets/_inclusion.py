"""Containment and inclusion over forms, below :class:`~credal.CredalSet`: a point
against a form's own constraints, ball or points; ``S ⊆ T`` by upper expectations over
``S`` of ``T``'s constraint rows when ``T`` has its own constraints (no vertex enumeration
of either), otherwise ``S``'s vertices against ``T``."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np

from .._core import numbers as nums
from .._core.arith import arithmetic_of, unit_rows
from .._core.outcomes import (
    check_distribution,
    distribution_array,
    frame_rows,
    pandas_kind,
    unlabel,
)
from .._core.types import NDArray
from ..errors import InvalidArgumentError
from ._form import Constraints, Form


def distributions(p: Any, outcomes: tuple[Any, ...], name: str,
                  atol: float) -> tuple[NDArray, bool, bool]:
    """Distributions over ``outcomes``: one (array-like or mapping) or a batch ``(m, n)``.
    Returns ``(P (m, n), exact, single)``."""
    n = len(outcomes)
    p = unlabel(p, name)
    if isinstance(p, Mapping):
        arr, exact, _ = distribution_array(p, outcomes, name, atol=atol)
        return arr.reshape(1, n), exact, True
    if pandas_kind(p) == "frame":  # a batch: one distribution per row, columns = outcomes
        p = frame_rows(p, outcomes, name, None)
    arr, exact = nums.as_numbers(p, name)
    if arr.ndim not in (1, 2) or arr.shape[-1] != n or arr.shape[0] == 0:
        raise InvalidArgumentError(
            f"{name} must be a distribution of shape ({n},) or a batch of shape (m, {n}) to "
            f"match the outcomes {nums.show(list(outcomes), 60)}, got shape {arr.shape}")
    single = arr.ndim == 1
    return (check_distribution(arr, arithmetic_of(exact), name, atol).reshape(-1, n), exact,
            single)


def all_inside(form: Form, P: NDArray, atol: float) -> bool:
    """Whether every row of ``P`` lies in the form's set (both in one arithmetic)."""
    inside = form.contains_all(P, atol)
    if inside is not None:
        return inside
    d, _ = form.distances(P, separating=False)
    return form.ar.le(max(d), 0, atol)


def form_issubset(S: Form, T: Form, atol: float) -> bool:
    """Whether the set of form ``S`` is inside that of ``T`` (both in one arithmetic)."""
    ar = S.ar
    h = T.own_constraints()
    if h is not None:
        # Every constraint row of T must hold on all of S: upper E_S(row) <= rhs.
        A, b = h.bound_rows()
        if A.shape[0] == 0:
            return True
        if not ar.exact:
            A, b = unit_rows(A, b)
        lows, _ = S.lower_batch(-A, witness=False, backend=None)
        if ar.exact:
            return bool(all(-v <= c for v, c in zip(lows, b, strict=True)))
        return bool((-np.asarray(lows, dtype=np.float64) <= b + atol).all())
    return all_inside(T, S.vertices(), atol)


def irredundant(form: Form) -> Constraints:
    """An irredundant constraint description of the form's set, every row scaled so its
    largest absolute coefficient is 1 (see :attr:`CredalSet.constraints`)."""
    from .._polyhedra.facets import irredundant_constraints
    from .._polyhedra.points import facets_checked

    ar = form.ar
    h = form.constraint_rows()  # its own, or e.g. a TV ball's event rows
    if h is not None:
        parts = irredundant_constraints(h.A_ub, h.b_ub, h.A_eq, h.b_eq, h.lower, h.upper,
                                        ar)
    else:
        parts = facets_checked(form.vertices(), ar)
    return Constraints(*(nums.readonly(np.array(a)) for a in parts[:4]))

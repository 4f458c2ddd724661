"""Outcome labels, and gambles / distributions / events given over them.

Wherever a gamble or distribution is accepted, an array-like of length ``n_outcomes`` or a
mapping ``{outcome: value}`` is accepted. In a mapping a missing outcome is 0 for a gamble
and an error for a distribution; a key that is not an outcome is an error.

Labelled containers are read by their labels, never by position: a pandas ``Series`` is
read like a mapping (its index holds the outcomes), and a pandas ``DataFrame`` given where a
batch is accepted is read with its columns as the outcomes and one gamble per row. pandas
is never imported here: an object is recognised as a Series or DataFrame only when the
caller's pandas is already loaded.
"""

from __future__ import annotations

import sys
from collections.abc import Hashable, Iterable, Mapping
from fractions import Fraction
from typing import Any

import numpy as np

from ..errors import InvalidArgumentError
from ..tolerance import DEFAULT_ATOL
from .arith import Arithmetic, arithmetic_of
from .numbers import as_numbers, number_str, show
from .types import NDArray

Outcomes = tuple[Hashable, ...]


def make_outcomes(outcomes: Any, n_outcomes: int | None, name: str = "outcomes") -> Outcomes:
    """Validate ``outcomes`` (or default to ``0..n-1``) against ``n_outcomes``."""
    if outcomes is None:
        if n_outcomes is None or n_outcomes < 1:
            raise InvalidArgumentError(f"{name}: at least one outcome is needed")
        return tuple(range(n_outcomes))
    if isinstance(outcomes, str | bytes) or not isinstance(outcomes, Iterable):
        raise InvalidArgumentError(
            f"{name} must be a sequence of outcome labels, got {show(outcomes)}")
    labels = tuple(outcomes)
    if not labels:
        raise InvalidArgumentError(f"{name} must not be empty")
    for x in labels:
        try:
            hash(x)
        except TypeError:
            raise InvalidArgumentError(
                f"{name} must hold hashable labels; {show(x)} is not hashable (use a tuple)"
            ) from None
    if len(set(labels)) != len(labels):
        dup = next(x for x in labels if labels.count(x) > 1)
        raise InvalidArgumentError(f"{name} has the outcome {dup!r} more than once")
    if n_outcomes is not None and len(labels) != n_outcomes:
        raise InvalidArgumentError(
            f"{name} has {len(labels)} labels but the data has {n_outcomes} outcomes")
    return labels


def index_of(outcomes: Outcomes) -> dict[Hashable, int]:
    return {x: i for i, x in enumerate(outcomes)}


def pandas_kind(value: Any) -> str | None:
    """``"series"`` or ``"frame"`` for a pandas Series or DataFrame, else ``None`` (without
    importing pandas: a pandas object can exist only once its caller has imported it)."""
    pd = sys.modules.get("pandas")
    if pd is None:
        return None
    if isinstance(value, pd.Series):
        return "series"
    if isinstance(value, pd.DataFrame):
        return "frame"
    return None


def _once_each(labels: list[Any], what: str) -> list[Any]:
    if len(set(labels)) != len(labels):
        dup = next(x for x in labels if labels.count(x) > 1)
        raise InvalidArgumentError(f"{what} {dup!r} more than once; each outcome may be given "
                                   f"once")
    return labels


def series_mapping(series: Any, name: str) -> dict[Hashable, Any]:
    """A pandas Series as a mapping label -> value; a label given twice is refused."""
    labels = _once_each(list(series.index), f"{name} is a pandas Series whose index has the label")
    return dict(zip(labels, series.to_numpy(dtype=object), strict=True))


def frame_rows(frame: Any, outcomes: Outcomes, name: str, missing: Any) -> NDArray:
    """The rows of a pandas DataFrame as an ``(m, n)`` object array over ``outcomes``, read
    by column label: a column that is not an outcome is refused; a missing outcome is
    ``missing`` (refused when ``missing`` is None)."""
    index = index_of(outcomes)
    columns = _once_each(list(frame.columns), f"{name} is a pandas DataFrame with the column")
    _check_labels(columns, outcomes, name, "column", required=missing is None)
    raw = frame.to_numpy(dtype=object)
    out = np.empty((raw.shape[0], len(outcomes)), dtype=object)
    out[:] = missing
    if columns:
        out[:, [index[c] for c in columns]] = raw
    return out


def unlabel(value: Any, name: str) -> Any:
    """A pandas Series as a mapping label -> value (read by label like any mapping);
    anything else unchanged."""
    return series_mapping(value, name) if pandas_kind(value) == "series" else value


def _check_labels(labels: list[Any], outcomes: Outcomes, name: str, what: str, *,
                  required: bool) -> None:
    """Refuse a label (mapping key, DataFrame column) that is not an outcome, and, when
    every outcome is ``required`` (a distribution), an outcome with no label."""
    index = index_of(outcomes)
    unknown = [k for k in labels if k not in index]
    if unknown:
        raise InvalidArgumentError(
            f"{name} has the {what} {unknown[0]!r}, which is not an outcome; the outcomes are "
            f"{show(list(outcomes))}")
    given = set(labels)
    absent = [x for x in outcomes if x not in given] if required else []
    if absent:
        raise InvalidArgumentError(
            f"{name} gives no value for the outcome {absent[0]!r}; a distribution given by "
            f"label must list every outcome (write the zeros)")


def _from_mapping(values: Mapping[Any, Any], outcomes: Outcomes, name: str,
                  missing: Any) -> tuple[NDArray, bool]:
    _check_labels(list(values), outcomes, name, "key", required=missing is None)
    row = [values.get(x, missing) for x in outcomes]
    arr, exact = as_numbers(np.array(row, dtype=object), name)
    return arr, exact


def gamble_array(f: Any, outcomes: Outcomes, name: str = "gamble",
                 *, batch: bool = True, copy: bool = True) -> tuple[NDArray, bool, bool]:
    """Coerce a gamble ``(n,)``, a mapping, or (if ``batch``) a batch ``(m, n)``.

    Returns ``(F, exact, single)`` where ``F`` is 2-D ``(m, n)`` and ``single`` says a
    single gamble was given. With ``copy=False`` a float64 array comes back as a read-only
    view (see :func:`as_numbers`).
    """
    n = len(outcomes)
    kind = pandas_kind(f)
    if kind == "series":
        f = series_mapping(f, name)
    elif kind == "frame":
        if not batch:
            raise InvalidArgumentError(
                f"{name} must be one gamble, got a pandas DataFrame; pass one of its rows "
                f"(a Series indexed by outcome)")
        arr, exact = as_numbers(frame_rows(f, outcomes, name, 0), name)
        if arr.shape[0] == 0:
            raise InvalidArgumentError(f"{name} is a pandas DataFrame with no rows")
        return arr, exact, False
    if isinstance(f, Mapping):
        arr, exact = _from_mapping(f, outcomes, name, 0)
        return arr.reshape(1, n), exact, True
    arr, exact = as_numbers(f, name, copy=copy)
    if arr.ndim == 1 and arr.shape[0] == n:
        return arr.reshape(1, n), exact, True
    if batch and arr.ndim == 2 and arr.shape[1] == n and arr.shape[0] >= 1:
        return arr, exact, False
    want = f"({n},)" + (f" or a batch (m, {n})" if batch else "")
    raise InvalidArgumentError(
        f"{name} must have shape {want} to match the {n} outcomes {show(list(outcomes))}, "
        f"got shape {arr.shape}")


def distribution_array(p: Any, outcomes: Outcomes | None, name: str = "distribution",
                       *, atol: float = DEFAULT_ATOL) -> tuple[NDArray, bool, Outcomes]:
    """Coerce and validate one distribution. Float ones within ``atol`` of the simplex are
    projected onto it (negatives clipped, renormalised)."""
    if pandas_kind(p) == "series":
        p = series_mapping(p, name)
    if isinstance(p, Mapping):
        if outcomes is None:
            outcomes = make_outcomes(list(p.keys()), None, name)
        arr, exact = _from_mapping(p, outcomes, name, None)
    else:
        arr, exact = as_numbers(p, name)
        if arr.ndim != 1 or arr.shape[0] == 0:
            raise InvalidArgumentError(
                f"{name} must be a non-empty 1-D array-like of probabilities, got shape "
                f"{arr.shape}: {show(p)}")
        outcomes = make_outcomes(outcomes, arr.shape[0], "outcomes")
    return check_distribution(arr, arithmetic_of(exact), name, atol), exact, outcomes


def check_distribution(arr: NDArray, ar: Arithmetic, name: str, atol: float) -> NDArray:
    """Validate rows of ``arr`` (1-D or 2-D, in the arithmetic ``ar``) as distributions:
    exactly (no tolerance), or within ``atol`` for floats, which are then returned projected
    onto the simplex (negatives clipped, renormalised)."""
    rows = arr.reshape(-1, arr.shape[-1])
    if ar.exact:
        for r, row in enumerate(rows):
            neg = [v for v in row if v < 0]
            where = f" (row {r})" if arr.ndim == 2 else ""
            if neg:
                raise InvalidArgumentError(
                    f"{name}{where} has a negative probability {number_str(neg[0])}: {show(row)}")
            total = sum(row, Fraction(0))
            if total != 1:
                raise InvalidArgumentError(
                    f"{name}{where} sums to {number_str(total)}, not 1: {show(row)}; "
                    f"normalise it (exact input must sum to exactly 1)")
        return arr
    mins = rows.min(axis=1)
    sums = rows.sum(axis=1)
    for r in range(rows.shape[0]):
        where = f" (row {r})" if arr.ndim == 2 else ""
        if mins[r] < -atol:
            raise InvalidArgumentError(
                f"{name}{where} has a negative probability {float(mins[r])!r}: {show(rows[r])}")
        if abs(sums[r] - 1.0) > atol:
            raise InvalidArgumentError(
                f"{name}{where} sums to {float(sums[r])!r}, not 1 within atol={atol}: "
                f"{show(rows[r])}; normalise it or pass a larger atol")
    clipped: NDArray = np.clip(rows, 0.0, None)
    clipped = clipped / clipped.sum(axis=1, keepdims=True)
    out: NDArray = clipped.reshape(arr.shape)
    return out


def event_mask(event: Any, outcomes: Outcomes, name: str = "event") -> NDArray:
    """Boolean mask of an event given as an iterable of outcomes."""
    index = index_of(outcomes)
    if isinstance(event, str | bytes) or not isinstance(event, Iterable) or \
            isinstance(event, Mapping):
        try:
            is_label = not isinstance(event, Mapping) and event in index
        except TypeError:  # unhashable
            is_label = False
        hint = f" (write [{event!r}] for the event holding only that outcome)" \
            if is_label else ""
        raise InvalidArgumentError(
            f"{name} must be an iterable of outcomes, got {show(event)}{hint}")
    mask = np.zeros(len(outcomes), dtype=bool)
    for x in event:
        try:
            mask[index[x]] = True
        except (KeyError, TypeError):
            raise InvalidArgumentError(
                f"{name} contains {x!r}, which is not an outcome; the outcomes are "
                f"{show(list(outcomes))}") from None
    return mask


def indicator(event: Any, outcomes: Outcomes, name: str = "event") -> NDArray:
    """Exact 0/1 gamble of an event."""
    mask = event_mask(event, outcomes, name)
    out = np.empty(len(outcomes), dtype=object)
    out[:] = [Fraction(int(v)) for v in mask]
    return out

"""The one budget and progress convention of the vertex enumerations.

Each enumeration (qhull, double description, certification) takes ``max_vertices`` (a
positive int, or ``None`` for no limit) and ``progress`` (called as
``progress(stage, done, total)``), and raises :class:`~credal.errors.TooManyVerticesError`
as soon as it knows the budget is exceeded.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from .._core.progress import Progress
from ..errors import InvalidArgumentError, TooManyVerticesError

__all__ = ["Progress", "check_budget", "check_max_vertices"]


def check_max_vertices(max_vertices: Any, name: str = "max_vertices",
                       what: str = "vertices to enumerate") -> None:
    """Raise :class:`InvalidArgumentError` unless ``max_vertices`` (the argument ``name``)
    is ``None`` or a positive int (a numpy integer too; not a bool)."""
    if max_vertices is None:
        return
    if isinstance(max_vertices, bool) or not isinstance(max_vertices, int | np.integer) \
            or max_vertices < 1:
        raise InvalidArgumentError(
            f"{name} must be a positive int (the most {what}) or None for no limit, got "
            f"{max_vertices!r}")


def check_budget(count: int, max_vertices: int | None, stage: str | None) -> None:
    """Raise :class:`TooManyVerticesError` when ``count`` points exceed ``max_vertices``;
    ``stage`` says where the count was taken (``None``: the set's own vertices)."""
    if max_vertices is None or count <= max_vertices:
        return
    where = ("this set has more than max_vertices="
             f"{max_vertices} vertices ({count} found)" if stage is None else
             f"the vertex enumeration would hold more than max_vertices={max_vertices} "
             f"points ({count} {stage})")
    raise TooManyVerticesError(
        f"{where}; raise max_vertices (or pass None for no limit), or leave the vertices "
        "alone: lower and upper expectations, and decisions, are computed by linear "
        "programs over the constraints without them", limit=int(max_vertices), count=count)

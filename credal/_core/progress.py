"""The one progress convention: a callable ``progress(stage, done, total)``, called while
long work runs; an exception raised from it stops the work."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..errors import InvalidArgumentError
from . import numbers as nums

#: ``progress(stage, done, total)``.
Progress = Callable[[str, int, int], object]


def check_progress(progress: Any) -> Progress | None:
    """``progress`` itself when it is ``None`` or callable; otherwise
    :class:`~credal.errors.InvalidArgumentError`."""
    if progress is None or callable(progress):
        return progress  # type: ignore[no-any-return]
    raise InvalidArgumentError(
        f"progress must be None or a callable progress(stage, done, total), got "
        f"{type(progress).__name__}: {nums.show(progress)}")

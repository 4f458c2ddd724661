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


class ProgressBar:
    """A text progress bar, for any ``progress=`` argument of credal: one line per stage,
    redrawn in place (``\\r``) on ``file`` (default: standard error), ended when a stage
    is done.

    Parameters
    ----------
    file : text stream, optional
        Where to draw (default ``sys.stderr`` at each call).
    width : int, default 30
        Characters of the bar.

    Examples
    --------
    >>> import io
    >>> out = io.StringIO()
    >>> bar = ProgressBar(file=out, width=10)
    >>> for done in range(3):
    ...     bar("runs", done, 2)
    >>> out.getvalue().splitlines()[-1].split("\\r")[-1]
    'runs   2/2 [##########] 100%'
    """

    def __init__(self, file: Any = None, width: int = 30) -> None:
        if isinstance(width, bool) or not isinstance(width, int) or width < 1:
            raise InvalidArgumentError(f"width must be a positive int, got {nums.show(width)}")
        self.file = file
        self.width = width

    def __call__(self, stage: str, done: int, total: int) -> None:
        import sys

        out = self.file if self.file is not None else sys.stderr
        frac = 1.0 if total <= 0 else min(1.0, max(0.0, done / total))
        filled = int(round(frac * self.width))
        digits = len(str(total))
        out.write(f"\r{stage} {done:>{digits + 2}}/{total} [{'#' * filled}"
                  f"{'.' * (self.width - filled)}] {int(frac * 100):3d}%")
        if done >= total:
            out.write("\n")
        out.flush()

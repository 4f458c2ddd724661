"""The exceptions credal raises.

Every error the public API raises for bad input or an impossible question is a
:class:`CredalError`. Each subclass is also a built-in exception type, so ordinary
``except ValueError`` / ``except RuntimeError`` clauses keep working.
"""

from __future__ import annotations

__all__ = ["CredalError", "InvalidArgumentError", "EmptySetError", "SolverError", "BatchError",
           "TooManyVerticesError",
           "RemoteTaskError", "ProblemFileError"]


class CredalError(Exception):
    """Base class of every error raised by credal."""


class InvalidArgumentError(CredalError, ValueError):
    """Malformed input: wrong type or shape, NaN or infinity, an unknown outcome, an
    empty list, a lower bound above its upper bound, and so on.

    The message names the argument, shows the offending value and says what would fix it.
    """


class TooManyVerticesError(InvalidArgumentError):
    """A vertex enumeration would exceed its budget, ``max_vertices``.

    Raised before the work is done, or as soon as an intermediate polytope that contains the
    set already has more vertices than the budget (the set itself may then have fewer).
    Lower and upper expectations and decisions never need the vertices: they are computed by
    linear programs over the constraints.

    Attributes
    ----------
    limit : int
        The budget.
    count : int
        The number of vertices (or points held by the enumeration) when it stopped.
    """

    def __init__(self, message: str, *, limit: int = 0, count: int = 0) -> None:
        super().__init__(message)
        self.limit, self.count = limit, count

    def __reduce__(self) -> tuple[object, ...]:
        return (_too_many_vertices, (str(self), self.limit, self.count))


def _too_many_vertices(message: str, limit: int, count: int) -> TooManyVerticesError:
    return TooManyVerticesError(message, limit=limit, count=count)


class ProblemFileError(InvalidArgumentError):
    """A problem file (see :mod:`credal.problem`) that cannot be read or is malformed.

    Its message is one line, ``FILE: KEY: PROBLEM``, e.g.
    ``coin.toml: belief.tv_ball.radius: must be a number ...``.

    Attributes
    ----------
    source : str
        The file.
    key : str
        Where in it, as a dotted path (``acts.d1``, ``belief.vertices[2]``), or ``(file)``
        when the file as a whole cannot be read or parsed.
    problem : str
        What is wrong and what would fix it.
    """

    def __init__(self, source: str, key: str, problem: str) -> None:
        super().__init__(f"{source}: {key}: {problem}")
        self.source, self.key, self.problem = source, key, problem

    def __reduce__(self) -> tuple[object, ...]:
        return (type(self), (self.source, self.key, self.problem))


class EmptySetError(CredalError, ValueError):
    """Well-formed constraints, or an operation on credal sets, leave no distribution."""


class SolverError(CredalError, RuntimeError):
    """A linear-programming backend did not reach a certified optimum.

    Attributes
    ----------
    backend : str
        Name of the backend that failed (``"highs"``, ``"cvxpy"``, ``"exact"``).
    status : credal.lp.LPStatus or None
        The backend's status mapped to credal's enum, when one is known.
    """

    def __init__(self, message: str, *, backend: str = "", status: object = None) -> None:
        super().__init__(message)
        self.backend = backend
        self.status = status


class BatchError(CredalError, RuntimeError):
    """Some tasks of a batch failed (raised by :meth:`credal.batch.BatchResult.values`).

    The message names the failed indices and the first failure's type and message; the
    first failure's exception is also the ``__cause__``.

    Attributes
    ----------
    errors : tuple of credal.batch.TaskResult
        The failed tasks' results, in index order; each has ``index``, ``error`` (the
        exception) and ``traceback`` (its text).
    """

    def __init__(self, message: str, *, errors: tuple[object, ...] = ()) -> None:
        super().__init__(message)
        self.errors = errors

    @property
    def indices(self) -> tuple[int, ...]:
        """The indices of the failed tasks, in increasing order."""
        return tuple(getattr(e, "index", -1) for e in self.errors)


class RemoteTaskError(CredalError, RuntimeError):
    """Stands in for an exception that a task raised in another process when that exception
    could not be pickled back (its class takes other constructor arguments than its
    ``args``, holds a lock, is not importable where the results arrive, ...).

    Attributes
    ----------
    type_name : str
        The qualified name of the original exception's class, e.g. ``"mymodule.MyError"``.
    message : str
        ``str()`` of the original exception.
    remote_traceback : str
        The original traceback, formatted in the process that raised it.
    """

    def __init__(self, type_name: str, message: str, remote_traceback: str = "") -> None:
        super().__init__(type_name, message, remote_traceback)
        self.type_name = type_name
        self.message = message
        self.remote_traceback = remote_traceback

    def __str__(self) -> str:
        return f"{self.type_name}: {self.message}"

    def __repr__(self) -> str:
        return f"RemoteTaskError({self.type_name!r}, {self.message!r})"

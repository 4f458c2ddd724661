"""The exceptions credal raises.

Every error the public API raises for bad input or an impossible question is a
:class:`CredalError`. Each subclass is also a built-in exception type, so ordinary
``except ValueError`` / ``except RuntimeError`` clauses keep working.
"""

from __future__ import annotations

__all__ = ["CredalError", "InvalidArgumentError", "EmptySetError", "SolverError"]


class CredalError(Exception):
    """Base class of every error raised by credal."""


class InvalidArgumentError(CredalError, ValueError):
    """Malformed input: wrong type or shape, NaN or infinity, an unknown outcome, an
    empty list, a lower bound above its upper bound, and so on.

    The message names the argument, shows the offending value and says what would fix it.
    """


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

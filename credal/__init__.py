"""credal: decisions under Knightian uncertainty.

Credal sets (closed convex polytopes of distributions over a finite outcome set), lower and
upper expectations by linear programming, exact rational answers for exact inputs.

>>> import credal as cr
>>> S = cr.CredalSet.from_bounds(["0.28", 0], ["0.7", 1], outcomes=["H", "T"])
>>> cr.lower_expectation(S, {"H": 4, "T": 0})
Fraction(28, 25)
"""

from . import errors
from .errors import CredalError, EmptySetError, InvalidArgumentError, SolverError
from .expectations import (
    LowerExpectation,
    lower_expectation,
    lower_probability,
    solve_lower,
    upper_expectation,
    upper_probability,
)
from .sets import CredalSet, contamination, idm, precise, tv_ball, vacuous
from .tolerance import DEFAULT_ATOL

__version__ = "0.1.0.dev0"

__all__ = [
    "CredalError",
    "CredalSet",
    "DEFAULT_ATOL",
    "EmptySetError",
    "InvalidArgumentError",
    "LowerExpectation",
    "SolverError",
    "contamination",
    "errors",
    "idm",
    "lower_expectation",
    "lower_probability",
    "precise",
    "solve_lower",
    "tv_ball",
    "upper_expectation",
    "upper_probability",
    "vacuous",
]

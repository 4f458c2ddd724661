"""The one place where float tolerances live.

Exact problems (all inputs ints, ``Fraction``s or rational strings) are compared exactly and
use none of these. Float problems compare with an absolute tolerance that every public
function needing one takes as a keyword-only ``atol`` argument, defaulting to
:data:`DEFAULT_ATOL`.
"""

from __future__ import annotations

#: Default absolute tolerance for float comparisons (ties, sums of distributions,
#: feasibility of a point). Scaled by the range of the gamble where a gamble is involved.
DEFAULT_ATOL: float = 1e-9

#: Feasibility and optimality tolerance asked of float LP backends.
LP_TOLERANCE: float = 1e-9


def check_atol(atol: float) -> float:
    """Validate a user-supplied ``atol`` and return it as a float."""
    from .errors import InvalidArgumentError

    try:
        value = float(atol)
    except (TypeError, ValueError):
        raise InvalidArgumentError(
            f"atol must be a nonnegative finite number, got {atol!r}"
        ) from None
    if not (value >= 0.0 and value != float("inf")):
        raise InvalidArgumentError(f"atol must be a nonnegative finite number, got {atol!r}")
    return value

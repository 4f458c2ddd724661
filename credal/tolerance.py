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


def check_atol(atol: object) -> float:
    """Validate a user-supplied ``atol`` and return it as a float.

    ``atol`` must be a real number (``int``, ``float``, ``Fraction``, ``Decimal`` or a numpy
    integer or float scalar), nonnegative and finite as a float. Strings, bytes, booleans and
    complex numbers are refused with :class:`~credal.errors.InvalidArgumentError`; callers use
    the returned float, never the raw value.
    """
    import numbers
    from decimal import Decimal

    from ._core.numbers import show
    from .errors import InvalidArgumentError

    def refuse() -> InvalidArgumentError:
        return InvalidArgumentError(
            f"atol must be a nonnegative finite real number such as 1e-9, got "
            f"{show(atol, 80)} of type {type(atol).__name__}")

    if isinstance(atol, bool) or not isinstance(atol, numbers.Real | Decimal):
        raise refuse()
    try:
        value = float(atol)
    except (TypeError, ValueError, OverflowError, ArithmeticError):
        raise refuse() from None
    if not (value >= 0.0 and value != float("inf")):
        raise refuse()
    return value

"""Numbers: exact in, exact out, and the one parser that decides which.

An input made only of exact numbers (``int`` and numpy integers, ``fractions.Fraction``,
any ``numbers.Rational`` such as sympy's ``Rational``, ``decimal.Decimal``, or strings such
as ``"1/3"``, ``"0.25"`` and ``"1e-3"``) is *exact* and becomes a numpy object array of
``Fraction``. Anything holding a float (Python or numpy) is *float* and becomes a float64
array. Booleans, NaN and infinity are refused. :func:`parse_number` is the rule for one
entry and :func:`as_numbers` applies it to arrays; every place that reads numbers from a
user goes through them. This module knows nothing about credal sets.
"""

from __future__ import annotations

import math
import numbers
import re
import sys
from decimal import Decimal
from fractions import Fraction
from typing import Any

import numpy as np

from ..errors import InvalidArgumentError

# Re-exported while the modules that import them from here switch over: the immutability
# helpers live in credal._core.frozen, the integer helpers in credal._core.linalg.
from .frozen import frozen, readonly, reduce_dataclass
from .linalg import integer_rows, max_bits
from .types import NDArray

__all__ = [
    "parse_number",
    "as_numbers",
    "as_scalar",
    "parse_number_string",
    "show",
    "number_str",
    "literal",
    "row_literal",
    "rows_literal",
    "to_float",
    "float_array",
    "float_saturating",
    "power_of_two_scales",
    "binary_exponent",
    "pow2",
    "ldexp_saturating",
    "to_exact",
    "fraction_array",
    "max_bits",
    "integer_rows",
    "readonly",
    "frozen",
    "reduce_dataclass",
]



def show(value: Any, limit: int = 120) -> str:
    """A short printable form of ``value`` for error messages."""
    try:
        if isinstance(value, np.ndarray):
            text = np.array2string(value, threshold=12, max_line_width=limit)
        else:
            text = repr(value)
    except Exception:  # an integer beyond Python's printing limit, an exotic object
        if isinstance(value, np.ndarray):
            flat = [number_str(v) for v in value.reshape(-1)[:6]]
            text = f"array of shape {value.shape}: [{', '.join(flat)}" + \
                (", ...]" if value.size > 6 else "]")
        else:
            text = _too_long(value) or object.__repr__(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def number_str(value: Any) -> str:
    """``str(value)`` for a message, also for a number too long for Python to print in
    decimal (more than 4,300 digits), which is described by its size instead."""
    try:
        return str(value)
    except ValueError:
        return _too_long(value) or object.__repr__(value)


def _too_long(value: Any) -> str | None:
    if isinstance(value, numbers.Rational):
        bits = max(int(value.numerator).bit_length(), int(value.denominator).bit_length())
        return f"<a number of about {int(bits * 0.30103)} digits>"
    return None


#: What :func:`literal` writes for an integer too long for Python to print in decimal.
UNPRINTABLE = "<an integer of"


def literal(x: Any) -> str:
    """Python source for one number that reads back to the same value and arithmetic: an
    int, a string ``'p/q'`` for a non-integer exact value, the float's full repr otherwise.
    (An integer beyond Python's decimal printing limit is written as an unreadable
    ``<an integer of N bits>``: see :data:`UNPRINTABLE`.)"""
    if isinstance(x, Fraction):
        if x.denominator == 1:
            return _int_literal(x.numerator)
        return f"'{_int_literal(x.numerator)}/{_int_literal(x.denominator)}'"
    return repr(float(x))


def _int_literal(k: int) -> str:
    try:
        return str(k)
    except ValueError:  # more digits than Python prints
        return f"{UNPRINTABLE} {k.bit_length()} bits>"


def row_literal(row: Any) -> str:
    """:func:`literal` of each entry, as a list."""
    return "[" + ", ".join(literal(v) for v in row) + "]"


def rows_literal(rows: Any) -> str:
    """:func:`row_literal` of each row, as a list of lists."""
    return "[" + ", ".join(row_literal(r) for r in rows) + "]"


#: The longest number string accepted, in characters, and the largest decimal exponent
#: (``"1e4300"``) a number string may carry. ``Fraction("1e9999999")`` would expand the
#: power of ten digit by digit for many seconds; the limits refuse such strings at once.
#: They match Python's own limit on converting integers from decimal strings (4,300 digits).
MAX_NUMBER_STRING = 4300
MAX_EXPONENT = 4300

_NUMBER_STRING = re.compile(
    r"""\s*(?P<sign>[-+]?)(?:
        (?P<num>\d+(?:_\d+)*)/(?P<den>\d+(?:_\d+)*)
      | (?P<dec>(?:\d+(?:_\d+)*)?\.?\d*(?:_\d+)*)(?:[eE](?P<exp>[-+]?\d+(?:_\d+)*))?
    )\s*\Z""", re.VERBOSE)


def parse_number_string(text: str, name: str) -> Fraction:
    """The exact value of a number string: ``"1/3"``, ``"-0.28"``, ``"2.5e-3"``, ``"7"``.

    Refused with :class:`~credal.errors.InvalidArgumentError` before any arithmetic: strings
    that are not numbers, longer than :data:`MAX_NUMBER_STRING` characters, or with a
    decimal exponent beyond :data:`MAX_EXPONENT` in magnitude (which would cost seconds to
    expand). Cost: linear in the string's length.
    """
    if len(text) > MAX_NUMBER_STRING:
        raise InvalidArgumentError(
            f"{name}: a number string of {len(text)} characters is longer than the "
            f"{MAX_NUMBER_STRING} accepted ({show(text, 60)}); pass a Python int or "
            f"Fraction for larger exact values")
    match = _NUMBER_STRING.match(text)
    if match is None or (match["num"] is None and not any(c.isdigit() for c in match["dec"])):
        raise InvalidArgumentError(
            f"{name} must hold numbers; {show(text)} is not a number (write rationals as "
            f"ints, Fractions or strings like '1/3' or '0.25')")
    exp = match["exp"]
    if exp is not None and abs(int(exp)) > MAX_EXPONENT:
        raise InvalidArgumentError(
            f"{name}: the exponent of {show(text)} is beyond +-{MAX_EXPONENT}, the largest "
            f"accepted in a number string; pass a Python int or Fraction (such as "
            f"10**{exp.lstrip('+')}) if you mean it")
    try:
        return Fraction(text.strip())
    except (ValueError, ZeroDivisionError):
        raise InvalidArgumentError(
            f"{name} must hold numbers; {show(text)} is not a number (a zero denominator)"
        ) from None


#: What :func:`_kind` says of one entry.
_EXACT, _FLOAT, _BOOL, _OTHER = 0, 1, 2, 3


def _kind(x: Any) -> int:
    """Whether one entry is an exact number, a float, a bool (refused) or not a number."""
    if isinstance(x, bool | np.bool_):
        return _BOOL
    if isinstance(x, numbers.Rational | Decimal | str):
        return _EXACT
    if isinstance(x, numbers.Real):  # float, numpy floats, sympy's Float
        return _FLOAT
    return _OTHER


def _refuse(x: Any, kind: int, name: str, values: Any) -> InvalidArgumentError:
    if kind == _BOOL:
        return InvalidArgumentError(
            f"{name} must hold numbers, not booleans; found {show(x)} in {show(values)}: "
            f"write 1 and 0 (for a numpy mask, mask.astype(int))")
    return InvalidArgumentError(
        f"{name} must hold real numbers; found {show(x)} of type {type(x).__name__} in "
        f"{show(values)}")


def _exact_value(x: Any, name: str) -> Fraction:
    """The exact value of an entry :func:`_kind` calls exact."""
    try:
        if isinstance(x, Fraction):
            return x
        if isinstance(x, str):
            return parse_number_string(x, name)
        if isinstance(x, int | np.integer):
            return Fraction(int(x))
        if isinstance(x, numbers.Rational):  # sympy's Rational and the like
            return Fraction(int(x.numerator), int(x.denominator))
        if isinstance(x, Decimal):
            if not x.is_finite():
                raise ValueError
            exponent = x.as_tuple().exponent
            if isinstance(exponent, int) and abs(exponent) > MAX_EXPONENT:
                raise InvalidArgumentError(
                    f"{name}: the exponent of {show(x)} is beyond +-{MAX_EXPONENT}, the "
                    f"largest accepted for a Decimal; pass a Python int or Fraction")
            return Fraction(x)
        raise TypeError
    except InvalidArgumentError:
        raise
    except (ValueError, TypeError, ZeroDivisionError, OverflowError):
        raise InvalidArgumentError(
            f"{name} must hold numbers; {show(x)} is not a number (write rationals as ints, "
            f"Fractions or strings like '1/3')") from None


def _float_value(x: Any, name: str, values: Any) -> float:
    """The float value of an entry :func:`_kind` calls float; NaN and infinity refused."""
    try:
        out = float(x)
    except (TypeError, ValueError, OverflowError):
        raise _refuse(x, _OTHER, name, values) from None
    if not math.isfinite(out):
        raise InvalidArgumentError(
            f"{name} must be finite, got {show(values)}: remove NaN and infinite entries")
    return out


def parse_number(x: Any, name: str) -> Fraction | float:
    """The one rule for a single number: its exact value, or its float value.

    Exact (a ``Fraction``): ``int`` and numpy integers, ``fractions.Fraction``, any other
    ``numbers.Rational`` (sympy's ``Rational``), ``decimal.Decimal``, and strings such as
    ``"1/3"``, ``"0.28"``, ``"-2"`` or ``"1e-3"`` (:func:`parse_number_string`). Float: Python
    and numpy floats, and other real numbers (sympy's ``Float``). Refused with
    :class:`~credal.errors.InvalidArgumentError` naming ``name``: booleans (``True`` is not
    the number 1 here), NaN, infinity, and anything that is not a real number. Every entry
    point that reads numbers from users (:func:`as_numbers`, :func:`as_scalar`, the LP
    layer, vertex and facet enumeration, problem files) applies this rule.

    Parameters
    ----------
    x : object
        One number.
    name : str
        What it is, for the message.

    Returns
    -------
    Fraction or float

    Examples
    --------
    >>> parse_number("1/3", "p"), parse_number(2, "p"), parse_number(0.5, "p")
    (Fraction(1, 3), Fraction(2, 1), 0.5)
    >>> parse_number(True, "p")
    Traceback (most recent call last):
    ...
    credal.errors.InvalidArgumentError: p must hold numbers, not booleans; ...
    """
    kind = _kind(x)
    if kind == _EXACT:
        return _exact_value(x, name)
    if kind == _FLOAT:
        return _float_value(x, name, x)
    raise _refuse(x, kind, name, x)


def as_numbers(values: Any, name: str, *, copy: bool = True) -> tuple[NDArray, bool]:
    """Convert ``values`` to a numeric array and say whether it is exact.

    Returns ``(array, exact)``: a numpy object array of ``Fraction`` when every entry is
    exact, otherwise a float64 array. The input is never modified; the returned array is a
    new, writeable array the caller owns, except that with ``copy=False`` a float64 numpy
    input comes back as a read-only view of itself (no copy of a large batch).

    Each entry is read by the rule of :func:`parse_number`; numpy integer and float arrays
    are read whole (integers exact, floats float), and a numpy bool array is refused.

    Raises
    ------
    InvalidArgumentError
        For ragged input, non-numbers, booleans, NaN or infinity.

    Examples
    --------
    >>> as_numbers(["1/3", 2], "p")
    (array([Fraction(1, 3), Fraction(2, 1)], dtype=object), True)
    >>> as_numbers(["1/4", 0.5], "p")
    (array([0.25, 0.5 ]), False)
    """
    if type(values).__module__.partition(".")[0] == "pandas":
        raise InvalidArgumentError(
            f"{name} is a pandas {type(values).__name__}; its labels cannot be matched to "
            f"anything here, and credal never reads a labelled container by position: pass "
            f"its values (.to_numpy()) if their order is the one meant")
    if isinstance(values, list | tuple) and "pandas" in sys.modules and any(
            type(v).__module__.partition(".")[0] == "pandas" for v in values):
        raise InvalidArgumentError(
            f"{name} holds pandas objects inside a list; their labels would be lost: give "
            f"each gamble or distribution on its own (a Series is read by its labels), or "
            f"one DataFrame with the outcomes as columns")
    if isinstance(values, dict | set | frozenset):
        raise InvalidArgumentError(
            f"{name} must be an array-like of numbers, got a {type(values).__name__}: "
            f"{show(values)}"
        )
    try:
        arr = np.asarray(values)
    except (ValueError, TypeError) as exc:
        raise InvalidArgumentError(
            f"{name} must be a rectangular array-like of numbers, got {show(values)} ({exc})"
        ) from None
    kind = arr.dtype.kind
    if kind in "iuf" and not isinstance(values, np.ndarray) and _holds_bool(values):
        # numpy reads [True, 2] as integers and [True, 0.5] as floats
        raise _refuse(True, _BOOL, name, values)
    if kind in "US" and not isinstance(values, np.ndarray):
        # numpy turns ["1/3", 0.5] into strings; keep each entry's own type instead.
        arr = np.asarray(values, dtype=object)
        kind = "O"
    if kind == "f":
        if not copy and arr.dtype == np.float64:
            out = arr.view()
            out.flags.writeable = False
        else:
            out = np.array(arr, dtype=np.float64)
        # A finite sum proves every entry finite without a boolean array the input's size
        # (a sum that overflows is only inconclusive: no warning for it).
        with np.errstate(over="ignore", invalid="ignore"):
            total = out.sum()
        if not np.isfinite(total) and not np.isfinite(out).all():
            raise InvalidArgumentError(
                f"{name} must be finite, got {show(out)}: remove NaN and infinite entries"
            )
        return out, False
    if kind in "iu":
        flat = [Fraction(int(v)) for v in arr.ravel()]
        return _object_array(flat, arr.shape), True
    if kind == "b":
        raise _refuse(bool(arr.reshape(-1)[0]) if arr.size else True, _BOOL, name, values)
    if kind in "OUS":
        flat_in = arr.ravel()
        if all(type(v) is Fraction for v in flat_in):  # already exact values: no parsing
            return _object_array(list(flat_in), arr.shape), True
        kinds = [_kind(v) for v in flat_in]
        bad = next((i for i, k in enumerate(kinds) if k >= _BOOL), None)
        if bad is not None:
            raise _refuse(flat_in[bad], kinds[bad], name, values)
        if _FLOAT in kinds:
            out = np.empty(arr.shape, dtype=np.float64)
            flat_out = out.reshape(-1)
            for i, v in enumerate(flat_in):
                flat_out[i] = _exact_to_float(_exact_value(v, name), name) \
                    if kinds[i] == _EXACT else _float_value(v, name, values)
            return out, False
        flat = [_exact_value(v, name) for v in flat_in]
        return _object_array(flat, arr.shape), True
    raise InvalidArgumentError(
        f"{name} must hold real numbers, got an array of dtype {arr.dtype}: {show(values)}"
    )


def _holds_bool(values: Any) -> bool:
    """Whether a (nested) list or tuple holds a bool, which numpy would read as a number."""
    if not isinstance(values, list | tuple):
        return isinstance(values, bool | np.bool_) or (
            isinstance(values, np.ndarray) and values.dtype.kind == "b")
    for v in values:
        t = type(v)
        if t is float or t is int:
            continue
        if t is bool or t is np.bool_ or (t is np.ndarray and v.dtype.kind == "b"):
            return True
        if (t is list or t is tuple) and _holds_bool(v):
            return True
    return False


def _exact_to_float(x: Fraction, name: str) -> float:
    """An exact entry of an input that also holds floats, as a float; refused when it is
    beyond the float range (the whole input is float, so it cannot be kept exact)."""
    try:
        return float(x)
    except OverflowError:
        raise InvalidArgumentError(
            f"{name} mixes floats with an exact number too large for a float "
            f"({show(x, 60)}); give every entry exactly (ints, Fractions, strings) to keep "
            f"the computation exact") from None


def as_scalar(value: Any, name: str) -> tuple[Fraction | float, bool]:
    """Convert one number; returns ``(Fraction or float, exact)``."""
    if isinstance(value, list | tuple | np.ndarray | dict):
        arr = np.asarray(value, dtype=object) if not isinstance(value, dict) else None
        if arr is None or arr.ndim != 0:
            raise InvalidArgumentError(f"{name} must be a single number, got {show(value)}")
    arr, exact = as_numbers(value, name)
    if arr.ndim != 0:
        raise InvalidArgumentError(f"{name} must be a single number, got {show(value)}")
    item = arr.item()  # the Fraction itself for an object array
    return (item if exact else float(item)), exact


def _object_array(flat: list[Any], shape: tuple[int, ...]) -> NDArray:
    out = np.empty(len(flat), dtype=object)
    out[:] = flat
    return out.reshape(shape)


def fraction_array(values: Any) -> NDArray:
    """An object array of ``Fraction`` from already-exact values (no validation)."""
    arr = np.asarray(values, dtype=object)
    return _object_array([v if isinstance(v, Fraction) else Fraction(v) for v in arr.ravel()],
                         arr.shape)


def float_array(arr: NDArray, name: str) -> NDArray:
    """float64 copy of an array of parsed numbers (exact or float), for a computation the
    caller does in floats; an exact value beyond the float range is refused, naming
    ``name``."""
    try:
        return np.array(arr, dtype=np.float64)
    except OverflowError:
        raise InvalidArgumentError(
            f"{name} holds a number too large for a float ({show(arr, 60)}); give it "
            f"within +-1.8e308, or compute exactly") from None


def to_float(arr: NDArray) -> NDArray:
    """float64 copy of an exact or float array."""
    return np.array(arr, dtype=np.float64)


def float_saturating(arr: NDArray) -> NDArray:
    """float64 image of an exact or float array in which values beyond the float range
    become ``±inf`` instead of raising (tiny values round to 0 or a subnormal, as usual).

    For float *guides* of exact computations (a basis guess, an ordering), never for an
    answer: the exact computation decides."""
    try:
        return np.array(arr, dtype=np.float64)
    except OverflowError:
        out = np.empty(np.shape(arr), dtype=np.float64)
        flat = out.reshape(-1)
        for i, v in enumerate(np.asarray(arr, dtype=object).reshape(-1)):
            try:
                flat[i] = float(v)
            except OverflowError:
                flat[i] = math.inf if v > 0 else -math.inf
        return out


#: Numbers whose magnitude lies beyond ``2**±SAFE_BITS`` are scaled by a power of two
#: before a float image of them is taken (the decision rules, DDT): far inside the float
#: range (``2**±1022``), so that sums and products of such numbers stay finite.
SAFE_BITS = 512


def binary_exponent(values: NDArray) -> int | None:
    """The ``e`` with ``2**(e - 1) <= max |x| < 2**e`` over an exact (``Fraction``) or float
    array, exactly; ``None`` when every entry is 0 (or there is none)."""
    if values.size == 0:
        return None
    if values.dtype != object:
        big = float(np.abs(values).max())
        return math.frexp(big)[1] if big else None
    top = max(abs(Fraction(v)) for v in values.reshape(-1))
    if top == 0:
        return None
    num, den = int(top.numerator), int(top.denominator)
    e = num.bit_length() - den.bit_length() + 1  # 2**(e - 2) < top < 2**e
    # top >= 2**(e - 1)?  (num >= den * 2**(e - 1), written without fractions)
    at_least = num >= den << (e - 1) if e >= 1 else num << (1 - e) >= den
    return e if at_least else e - 1


def pow2(k: int) -> Fraction:
    """``2**k`` exactly, for any integer ``k``."""
    return Fraction(2**k) if k >= 0 else Fraction(1, 2**-k)


def ldexp_saturating(x: float, k: int) -> float:
    """``x * 2**k`` in floats, ``±inf`` beyond the float range (no error, no warning)."""
    try:
        return math.ldexp(x, k)
    except OverflowError:
        return math.copysign(math.inf, x)


def power_of_two_scales(rows: NDArray) -> list[Fraction]:
    """For each row of an exact 2-D array (object dtype, ``Fraction`` entries), the power of
    two ``2**-e`` that brings its largest magnitude into ``[1, 2)`` (1 for an all-zero row).

    Multiplying a row of a linear constraint, or an objective, by a positive number changes
    neither its solutions nor the optimal bases, and a power of two keeps every quotient
    exact; the scaled row's float image neither overflows nor loses the row to underflow."""
    out: list[Fraction] = []
    for row in rows:
        e = binary_exponent(np.asarray(row, dtype=object))
        out.append(Fraction(1) if e is None else pow2(1 - e))
    return out


def to_exact(arr: NDArray, max_denominator: int | None = None) -> NDArray:
    """Object array of ``Fraction``: floats converted exactly (their binary value), or to
    the closest fraction with denominator at most ``max_denominator``."""
    if arr.dtype == object:
        flat = list(arr.ravel())
    else:
        flat = [Fraction(float(v)) for v in arr.ravel()]
    if max_denominator is not None:
        flat = [Fraction(v).limit_denominator(max_denominator) for v in flat]
    return _object_array(flat, arr.shape)


def weight_vector(weights: Any, count: int, per: str, atol: float) -> tuple[NDArray, bool]:
    """Validate mixing weights: ``count`` nonnegative numbers summing to 1 (exactly for exact
    weights, within ``atol`` for floats). Returns ``(w, exact)``; ``per`` names what each
    weight is for, in messages ("set", "component")."""
    w, exact = as_numbers(weights, "weights")
    if w.ndim != 1 or w.shape[0] != count:
        raise InvalidArgumentError(
            f"weights must hold one number per {per} ({count}), got {show(weights)}")
    if any(v < 0 for v in w):
        raise InvalidArgumentError(f"weights must be nonnegative, got {show(w)}")
    total = sum(w)
    if (exact and total != 1) or (not exact and abs(total - 1) > atol):
        raise InvalidArgumentError(
            f"weights must sum to 1, got {show(w)} summing to {number_str(total)}; normalise them")
    return w, exact

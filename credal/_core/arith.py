"""Exact or float arithmetic, as one object chosen once from the inputs and passed down.

A credal computation is either exact (``Fraction`` scalars, object arrays of ``Fraction``)
or float (``float``, float64 arrays). Instead of a boolean threaded through every call and
branched on, the code below the public functions receives an :class:`Arithmetic`, either
:data:`EXACT` or :data:`FLOAT`, and asks it for what differs: building arrays and
constants, reading and converting data into it, and comparing with or without a tolerance.
The two are instances of two small subclasses, one per arithmetic, so each method is
written once for each and no method branches on which one it is.

>>> from credal._core.arith import EXACT, FLOAT, arithmetic_of
>>> arithmetic_of(True, True) is EXACT, arithmetic_of(True, False) is FLOAT
(True, True)
>>> EXACT.filled(2, 1).tolist(), FLOAT.filled(2, 1).tolist()
([Fraction(1, 1), Fraction(1, 1)], [1.0, 1.0])
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any, ClassVar

import numpy as np

from ..errors import InvalidArgumentError
from . import numbers as nums
from .types import NDArray, Value

__all__ = ["Arithmetic", "EXACT", "FLOAT", "arithmetic_of", "unit_rows"]


class Arithmetic:
    """What differs between exact and float computation. Use :data:`EXACT` or
    :data:`FLOAT`; they are the only instances (of the two subclasses, one per
    arithmetic), and a pickled one comes back as the same object.

    Attributes
    ----------
    exact : bool
        True for :data:`EXACT`.
    name : str
        ``"exact"`` or ``"float"``.
    dtype : numpy dtype or type
        ``object`` (arrays of ``Fraction``) or ``numpy.float64``.
    """

    exact: ClassVar[bool]
    name: ClassVar[str]
    dtype: ClassVar[Any]

    __slots__ = ()

    def __repr__(self) -> str:
        return self.name.upper()

    def __reduce__(self) -> str:
        return repr(self)  # the module-level singleton

    # -- building ------------------------------------------------------------------------
    def scalar(self, x: Any) -> Value:
        """A number in this arithmetic (a float becomes its exact binary value)."""
        raise NotImplementedError

    def zero(self) -> Value:
        raise NotImplementedError

    def one(self) -> Value:
        raise NotImplementedError

    def filled(self, shape: int | tuple[int, ...], value: int) -> NDArray:
        """An array of one integer constant: ``Fraction(value)`` entries (object dtype)
        when exact, float64 otherwise."""
        raise NotImplementedError

    def eye(self, n: int) -> NDArray:
        """The ``(n, n)`` identity."""
        raise NotImplementedError

    def array(self, values: Any) -> NDArray:
        """``values`` (already numbers, exact or float) as an array in this arithmetic:
        floats to their exact binary values when exact, Fractions rounded when float."""
        raise NotImplementedError

    def convert(self, arr: NDArray, max_denominator: int | None = None) -> NDArray:
        """A copy of ``arr`` in this arithmetic (floats to exact binary values, or to the
        nearest fraction with denominator at most ``max_denominator``)."""
        raise NotImplementedError

    def read(self, values: Any, name: str) -> NDArray:
        """``values`` read by the one number parser (:func:`credal._core.numbers.as_numbers`)
        into this arithmetic, chosen by the caller: exact refuses floats, whose rounding
        would be taken for exact data; float takes exact numbers at their float values.
        An empty input is empty in either.

        >>> FLOAT.read(["1/4", 2], "p").tolist()
        [0.25, 2.0]
        >>> EXACT.read([0.5], "p")
        Traceback (most recent call last):
        ...
        credal.errors.InvalidArgumentError: p must hold exact numbers ...
        """
        raise NotImplementedError

    def rows_to_distributions(self, rows: NDArray) -> NDArray:
        """Rows that are distributions up to rounding, made exactly so in this arithmetic:
        float rows clipped at 0 and renormalised; exact rows divided by their sum."""
        raise NotImplementedError

    # -- comparing -----------------------------------------------------------------------
    def le(self, a: Any, b: Any, atol: float) -> bool:
        """``a <= b``: exactly, or within ``atol`` for floats."""
        raise NotImplementedError

    def is_zero(self, a: Any, atol: float) -> bool:
        """``a == 0``: exactly, or ``|a| <= atol`` for floats."""
        raise NotImplementedError

    def slack(self, atol: float) -> Value:
        """The tolerance a comparison allows: 0 exactly, ``atol`` in floats."""
        raise NotImplementedError

    def ge(self, a: Any, b: Any, atol: float) -> bool:
        """``a >= b``: exactly, or within ``atol`` for floats."""
        raise NotImplementedError

    def gt(self, a: Any, b: Any, atol: float) -> bool:
        """``a > b``: exactly, or by more than ``atol`` for floats."""
        raise NotImplementedError

    # -- scaling -------------------------------------------------------------------------
    def times_pow2(self, x: Any, k: int) -> Value:
        """``x · 2**k`` as a number of this arithmetic: exact at any size when exact; a
        float otherwise, ``±inf`` beyond the float range and never a negative zero (results
        computed on data scaled by a power of two are scaled back this way)."""
        raise NotImplementedError

    # -- results -------------------------------------------------------------------------
    def result(self, values: NDArray, single: bool) -> Any:
        """A batch's values as a public result: one ``Fraction``/``float`` when ``single``,
        else a read-only array (object of ``Fraction``, or float64)."""
        raise NotImplementedError


class _Exact(Arithmetic):
    """Exact rational arithmetic: ``Fraction`` scalars, object arrays of ``Fraction``."""

    exact = True
    name = "exact"
    dtype = object

    __slots__ = ()

    def scalar(self, x: Any) -> Value:
        return x if isinstance(x, Fraction) else Fraction(x)

    def zero(self) -> Value:
        return Fraction(0)

    def one(self) -> Value:
        return Fraction(1)

    def filled(self, shape: int | tuple[int, ...], value: int) -> NDArray:
        out = np.empty(shape, dtype=object)
        out.fill(Fraction(value))
        return out

    def eye(self, n: int) -> NDArray:
        return nums.fraction_array(np.eye(n, dtype=np.int64))

    def array(self, values: Any) -> NDArray:
        arr = np.asarray(values, dtype=object)
        if arr.size == 0 or all(isinstance(v, Fraction) for v in arr.flat):
            return arr
        return nums.to_exact(np.asarray(values, dtype=object))

    def convert(self, arr: NDArray, max_denominator: int | None = None) -> NDArray:
        return nums.to_exact(arr, max_denominator)

    def read(self, values: Any, name: str) -> NDArray:
        arr, is_exact = nums.as_numbers(values, name)
        if arr.size == 0:
            return np.empty(arr.shape, dtype=object)
        if not is_exact:
            raise InvalidArgumentError(
                f"{name} must hold exact numbers (ints, Fractions, strings such as '1/3') in "
                f"an exact computation; found floats in {nums.show(values)}: give the "
                f"numbers exactly, or compute in floats")
        return arr

    def rows_to_distributions(self, rows: NDArray) -> NDArray:
        out = np.array(rows, dtype=object)
        for r in out.reshape(-1, out.shape[-1]):
            total = sum(r, Fraction(0))
            r[:] = [v / total for v in r]
        return out

    def le(self, a: Any, b: Any, atol: float) -> bool:
        return bool(a <= b)

    def is_zero(self, a: Any, atol: float) -> bool:
        return bool(a == 0)

    def slack(self, atol: float) -> Value:
        return Fraction(0)

    def ge(self, a: Any, b: Any, atol: float) -> bool:
        return bool(a >= b)

    def gt(self, a: Any, b: Any, atol: float) -> bool:
        return bool(a > b)

    def times_pow2(self, x: Any, k: int) -> Value:
        return self.scalar(x) * nums.pow2(k) if k else self.scalar(x)

    def result(self, values: NDArray, single: bool) -> Any:
        return values[0] if single else nums.readonly(values)


class _Float(Arithmetic):
    """float64 arithmetic, with the tolerances the callers pass."""

    exact = False
    name = "float"
    dtype = np.float64

    __slots__ = ()

    def scalar(self, x: Any) -> Value:
        return float(x)

    def zero(self) -> Value:
        return 0.0

    def one(self) -> Value:
        return 1.0

    def filled(self, shape: int | tuple[int, ...], value: int) -> NDArray:
        return np.full(shape, float(value))

    def eye(self, n: int) -> NDArray:
        return np.eye(n)

    def array(self, values: Any) -> NDArray:
        return np.asarray(np.asarray(values), dtype=np.float64)

    def convert(self, arr: NDArray, max_denominator: int | None = None) -> NDArray:
        return nums.to_float(arr)

    def read(self, values: Any, name: str) -> NDArray:
        arr, is_exact = nums.as_numbers(values, name)
        if arr.size == 0:
            return np.empty(arr.shape, dtype=np.float64)
        return nums.float_array(arr, name) if is_exact else arr

    def rows_to_distributions(self, rows: NDArray) -> NDArray:
        out = np.clip(np.asarray(rows, dtype=np.float64), 0.0, None)
        scaled: NDArray = out / out.sum(axis=-1, keepdims=True)
        return scaled

    def le(self, a: Any, b: Any, atol: float) -> bool:
        return bool(a <= b + atol)

    def is_zero(self, a: Any, atol: float) -> bool:
        return bool(abs(a) <= atol)

    def slack(self, atol: float) -> Value:
        return atol

    def ge(self, a: Any, b: Any, atol: float) -> bool:
        return bool(a >= b - atol)

    def gt(self, a: Any, b: Any, atol: float) -> bool:
        return bool(a > b + atol)

    def times_pow2(self, x: Any, k: int) -> Value:
        return nums.ldexp_saturating(float(x), k) + 0.0  # + 0.0: no negative zero

    def result(self, values: NDArray, single: bool) -> Any:
        if single:
            return float(values[0])
        return nums.readonly(np.asarray(values, dtype=np.float64))


#: Exact rational arithmetic: ``Fraction`` scalars, object arrays of ``Fraction``.
EXACT: Arithmetic = _Exact()
#: float64 arithmetic.
FLOAT: Arithmetic = _Float()


def arithmetic_of(*exact: bool) -> Arithmetic:
    """:data:`EXACT` when every input is exact, else :data:`FLOAT` (the rule "exact in,
    exact out": one float input makes the computation float)."""
    return EXACT if all(exact) else FLOAT


def unit_rows(A: NDArray, b: NDArray) -> tuple[NDArray, NDArray]:
    """Scale each row (and its right-hand side) so its largest absolute coefficient is 1.

    The constraint is the same, but a solver's absolute tolerances (about 1e-9) then mean
    the same thing for every row: a row with coefficients near 1e-11 would otherwise be
    satisfied by anything. An all-zero row is kept as it is (it reads 0 <= b). Exact rows
    (object arrays of ``Fraction``) are divided exactly, so that a row written with tiny
    (1e-400) or huge (1e400) numbers can then be rounded to floats as the same constraint;
    anything else comes back as float64.
    """
    if A.dtype == object and A.shape[0]:
        A_out = np.empty(A.shape, dtype=object)
        b_out = np.empty(b.shape, dtype=object)
        for i in range(A.shape[0]):
            big = max(abs(v) for v in A[i])
            k = big if big != 0 else 1
            A_out[i] = [v / k for v in A[i]]
            b_out[i] = b[i] / k
        return A_out, b_out
    A = np.asarray(A, dtype=np.float64)
    b = np.asarray(b, dtype=np.float64)
    if A.shape[0] == 0:
        return A, b
    scale = np.abs(A).max(axis=1)
    scale[scale == 0] = 1.0
    return A / scale[:, None], b / scale

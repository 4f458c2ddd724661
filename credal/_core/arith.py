"""Exact or float arithmetic, as one object chosen once from the inputs and passed down.

A credal computation is either exact (``Fraction`` scalars, object arrays of ``Fraction``)
or float (``float``, float64 arrays). Instead of a boolean threaded through every call and
branched on, the code below the public functions receives an :class:`Arithmetic`, either
:data:`EXACT` or :data:`FLOAT`, and asks it for what differs: building arrays and
constants, converting data into it, and comparing with or without a tolerance.

>>> from credal._core.arith import EXACT, FLOAT, arithmetic_of
>>> arithmetic_of(True, True) is EXACT, arithmetic_of(True, False) is FLOAT
(True, True)
>>> EXACT.filled(2, 1).tolist(), FLOAT.filled(2, 1).tolist()
([Fraction(1, 1), Fraction(1, 1)], [1.0, 1.0])
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import numpy as np

from . import numbers as nums
from .types import NDArray, Value

__all__ = ["Arithmetic", "EXACT", "FLOAT", "arithmetic_of", "unit_rows"]


class Arithmetic:
    """What differs between exact and float computation. Use :data:`EXACT` or
    :data:`FLOAT`; the two instances are the only ones."""

    exact: bool
    name: str

    def __init__(self, exact: bool) -> None:
        self.exact = exact
        self.name = "exact" if exact else "float"

    def __repr__(self) -> str:
        return "EXACT" if self.exact else "FLOAT"

    def __reduce__(self) -> str:
        return repr(self)  # the module-level singleton

    # -- building ------------------------------------------------------------------------
    @property
    def dtype(self) -> Any:
        return object if self.exact else np.float64

    def scalar(self, x: Any) -> Value:
        """A number in this arithmetic (a float becomes its exact binary value)."""
        if self.exact:
            return x if isinstance(x, Fraction) else Fraction(x)
        return float(x)

    def zero(self) -> Value:
        return Fraction(0) if self.exact else 0.0

    def one(self) -> Value:
        return Fraction(1) if self.exact else 1.0

    def filled(self, shape: int | tuple[int, ...], value: int) -> NDArray:
        """An array of one integer constant."""
        return nums.filled(shape, value, self.exact)

    def eye(self, n: int) -> NDArray:
        """The ``(n, n)`` identity."""
        return nums.fraction_array(np.eye(n, dtype=np.int64)) if self.exact else np.eye(n)

    def array(self, values: Any) -> NDArray:
        """``values`` (already numbers, exact or float) as an array in this arithmetic:
        floats to their exact binary values when exact, Fractions rounded when float."""
        arr = np.asarray(values, dtype=object if self.exact else None)
        if self.exact:
            return arr if (arr.size == 0 or all(isinstance(v, Fraction) for v in arr.flat)) \
                else nums.to_exact(np.asarray(values, dtype=object))
        return np.asarray(arr, dtype=np.float64)

    def convert(self, arr: NDArray, max_denominator: int | None = None) -> NDArray:
        """A copy of ``arr`` in this arithmetic (floats to exact binary values, or to the
        nearest fraction with denominator at most ``max_denominator``)."""
        if self.exact:
            return nums.to_exact(arr, max_denominator)
        return nums.to_float(arr)

    def rows_to_distributions(self, rows: NDArray) -> NDArray:
        """Rows that are distributions up to rounding, made exactly so in this arithmetic:
        float rows clipped at 0 and renormalised; exact rows divided by their sum."""
        if self.exact:
            out = np.array(rows, dtype=object)
            for r in out.reshape(-1, out.shape[-1]):
                total = sum(r, Fraction(0))
                r[:] = [v / total for v in r]
            return out
        out = np.clip(np.asarray(rows, dtype=np.float64), 0.0, None)
        scaled: NDArray = out / out.sum(axis=-1, keepdims=True)
        return scaled

    # -- comparing -----------------------------------------------------------------------
    def le(self, a: Any, b: Any, atol: float) -> bool:
        """``a <= b``: exactly, or within ``atol`` for floats."""
        return bool(a <= b) if self.exact else bool(a <= b + atol)

    def is_zero(self, a: Any, atol: float) -> bool:
        """``a == 0``: exactly, or ``|a| <= atol`` for floats."""
        return bool(a == 0) if self.exact else bool(abs(a) <= atol)

    def slack(self, atol: float) -> Value:
        """The tolerance a comparison allows: 0 exactly, ``atol`` in floats."""
        return Fraction(0) if self.exact else atol

    def ge(self, a: Any, b: Any, atol: float) -> bool:
        """``a >= b``: exactly, or within ``atol`` for floats."""
        return bool(a >= b) if self.exact else bool(a >= b - atol)

    def gt(self, a: Any, b: Any, atol: float) -> bool:
        """``a > b``: exactly, or by more than ``atol`` for floats."""
        return bool(a > b) if self.exact else bool(a > b + atol)

    # -- scaling -------------------------------------------------------------------------
    def times_pow2(self, x: Any, k: int) -> Value:
        """``x · 2**k`` as a number of this arithmetic: exact at any size when exact; a
        float otherwise, ``±inf`` beyond the float range and never a negative zero (results
        computed on data scaled by a power of two are scaled back this way)."""
        if self.exact:
            return self.scalar(x) * nums.pow2(k) if k else self.scalar(x)
        return nums.ldexp_saturating(float(x), k) + 0.0  # + 0.0: no negative zero

    # -- results -------------------------------------------------------------------------
    def result(self, values: NDArray, single: bool) -> Any:
        """A batch's values as a public result: one ``Fraction``/``float`` when ``single``,
        else a read-only array (object of ``Fraction``, or float64)."""
        if single:
            v = values[0]
            return v if self.exact else float(v)
        out = values if self.exact else np.asarray(values, dtype=np.float64)
        return nums.readonly(out)


#: Exact rational arithmetic: ``Fraction`` scalars, object arrays of ``Fraction``.
EXACT = Arithmetic(True)
#: float64 arithmetic.
FLOAT = Arithmetic(False)


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

"""The LP layer's one standard form, its result type and its status enum.

This layer knows nothing about credal sets: it solves

    minimise    c·x
    subject to  A_ub x <= b_ub,   A_eq x == b_eq,   lower <= x <= upper.
"""

from __future__ import annotations

import enum
import math
from dataclasses import field
from fractions import Fraction
from typing import Any

import numpy as np

from .._core.arith import EXACT, Arithmetic, arithmetic_of
from .._core.frozen import frozen_dataclass, readonly
from .._core.numbers import (
    as_numbers,
    float_array,
    float_saturating,
    parse_number,
    power_of_two_scales,
    show,
)
from .._core.types import NDArray
from ..errors import InvalidArgumentError


class LPStatus(enum.Enum):
    """What a backend reports, mapped to one small enum."""

    OPTIMAL = "optimal"
    INFEASIBLE = "infeasible"
    UNBOUNDED = "unbounded"
    INFEASIBLE_OR_UNBOUNDED = "infeasible or unbounded"
    LIMIT = "limit reached"
    ERROR = "error"


class BasisStatus(enum.IntEnum):
    """Status of a column or a row in a simplex basis (HiGHS's numbering)."""

    LOWER = 0
    BASIC = 1
    UPPER = 2
    ZERO = 3  # a free variable held at zero


@frozen_dataclass
class LinearProgram:
    """An LP in standard form. Build with :meth:`create`, which validates the numbers and
    the shapes.

    Exact programs hold numpy object arrays of ``Fraction`` and use ``None`` for an
    infinite bound; float programs hold float64 arrays and use ``±inf``. Arrays are
    read-only.

    ``region_cache`` holds data that backends derive from the feasible region alone (such
    as its integer-scaled rows); :meth:`with_cost` copies share it.
    """

    c: NDArray
    A_ub: NDArray
    b_ub: NDArray
    A_eq: NDArray
    b_eq: NDArray
    lower: NDArray
    upper: NDArray
    exact: bool
    region_cache: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    def __reduce__(self) -> tuple[Any, ...]:
        # The region cache may hold solver objects: it is rebuilt, not pickled.
        return (LinearProgram, (self.c, self.A_ub, self.b_ub, self.A_eq, self.b_eq,
                                self.lower, self.upper, self.exact))

    @property
    def n_variables(self) -> int:
        return int(self.c.shape[0])

    @classmethod
    def create(
        cls,
        c: Any,
        A_ub: Any = None,
        b_ub: Any = None,
        A_eq: Any = None,
        b_eq: Any = None,
        *,
        lower: Any = 0,
        upper: Any = None,
        exact: bool | None = None,
    ) -> LinearProgram:
        """Build a program, reading every number with credal's one number parser.

        Parameters
        ----------
        c : (n,) array_like
            The costs.
        A_ub : (m1, n) array_like, optional
        b_ub : (m1,) array_like, optional
        A_eq : (m2, n) array_like, optional
        b_eq : (m2,) array_like, optional
            The constraint rows and their right-hand sides (none by default).
        lower, upper : scalar or (n,) sequence, keyword-only
            Bounds on the variables: a number for all of them, or one each; ``None`` (or
            ``±inf``) means unbounded. Default ``0`` and ``None``.
        exact : bool or None, keyword-only
            The arithmetic. ``None`` (the default) decides from the data, as everywhere in
            credal: exact when every number of ``c`` and the rows is exact (ints,
            ``Fraction``, sympy ``Rational``, strings such as ``"1/3"``), float when any is a
            float. ``True`` takes floats at their exact binary values; ``False`` takes exact
            numbers at their float values.

        Raises
        ------
        InvalidArgumentError
            For an entry that is not a number (or is a bool, NaN, or an infinite
            coefficient), inconsistent shapes, or bounds of the wrong length.

        Examples
        --------
        >>> lp = LinearProgram.create([1, "1/2"], A_eq=[[1, 1]], b_eq=[1], upper=[None, 1])
        >>> lp.exact, lp.c.tolist(), lp.upper.tolist()
        (True, [Fraction(1, 1), Fraction(1, 2)], [None, Fraction(1, 1)])
        >>> LinearProgram.create([1.0, 2.0]).exact
        False
        """
        c_arr, c_exact = as_numbers(c, "c")
        if c_arr.ndim != 1:
            raise InvalidArgumentError(
                f"c must be a 1-d array of costs, one per variable, got shape {c_arr.shape}: "
                f"{show(c)}")
        n = c_arr.shape[0]
        arrays = [(c_arr, c_exact)]
        for a_name, b_name, A, b in (("A_ub", "b_ub", A_ub, b_ub), ("A_eq", "b_eq", A_eq, b_eq)):
            A_a, A_exact = _rows(A, a_name, n)
            b_a, b_exact = as_numbers([] if b is None else b, b_name)
            if b_a.ndim != 1 or b_a.shape[0] != A_a.shape[0]:
                raise InvalidArgumentError(
                    f"{a_name} has shape {A_a.shape} and {b_name} shape {b_a.shape}; they must "
                    f"be (m, {n}) and (m,): one right-hand side per row")
            arrays += [(A_a, A_exact), (b_a, b_exact)]
        if exact is None:
            exact = all(e for a, e in arrays if a.size)
        elif not isinstance(exact, bool | np.bool_):
            raise InvalidArgumentError(
                f"exact must be True, False or None (decide from the data), got {show(exact)}")
        ar = arithmetic_of(bool(exact))
        lo = _bounds(lower, n, ar, -1, "lower")
        up = _bounds(upper, n, ar, +1, "upper")
        names = ("c", "A_ub", "b_ub", "A_eq", "b_eq")
        conv = [_in_arithmetic(a, e, ar, name)
                for (a, e), name in zip(arrays, names, strict=True)]
        c_r, A_ub_r, b_ub_r, A_eq_r, b_eq_r = conv
        return cls(c_r, A_ub_r, b_ub_r, A_eq_r, b_eq_r, readonly(lo), readonly(up), ar.exact)

    def to_float(self) -> LinearProgram:
        """The same program in float64 (identity for a float program)."""
        if not self.exact:
            return self
        lo = np.array([-np.inf if v is None else float(v) for v in self.lower])
        up = np.array([np.inf if v is None else float(v) for v in self.upper])
        c, A_ub, b_ub, A_eq, b_eq = (readonly(np.asarray(a, dtype=np.float64)) for a in
                                     (self.c, self.A_ub, self.b_ub, self.A_eq, self.b_eq))
        return LinearProgram(c, A_ub, b_ub, A_eq, b_eq, readonly(lo), readonly(up), False)

    def float_guide(self) -> LinearProgram:
        """A float64 image of an exact program from which a float solver can guess an
        optimal basis, whatever the size of the exact numbers.

        Each constraint row (with its right-hand side) and the cost are multiplied by an
        exact power of two that brings their largest coefficient into ``[1, 2)``: the same
        feasible region, the same optimal bases, and a float image in which no row
        overflows or underflows to zero. Values still beyond the float range (a huge
        right-hand side or bound) saturate to ``±inf``. Only a guide: the caller certifies
        the basis in exact arithmetic. A float program is returned as it is.
        """
        if not self.exact:
            return self

        def scaled(A: NDArray, b: NDArray) -> tuple[NDArray, NDArray]:
            if A.shape[0] == 0:
                return np.zeros(A.shape), np.zeros(b.shape)
            k = power_of_two_scales(A)
            A_s = np.empty(A.shape, dtype=object)
            for i in range(A.shape[0]):
                A_s[i] = [v * k[i] for v in A[i]]
            b_s = np.array([v * k[i] for i, v in enumerate(b)], dtype=object)
            return float_saturating(A_s), float_saturating(b_s)

        A_ub, b_ub = scaled(self.A_ub, self.b_ub)
        A_eq, b_eq = scaled(self.A_eq, self.b_eq)
        c = guide_costs(self.c.reshape(1, -1))[0]
        lo = float_saturating(np.array([-np.inf if v is None else v for v in self.lower],
                                       dtype=object))
        up = float_saturating(np.array([np.inf if v is None else v for v in self.upper],
                                       dtype=object))
        return LinearProgram(readonly(c), readonly(A_ub), readonly(b_ub), readonly(A_eq),
                             readonly(b_eq), readonly(lo), readonly(up), False)

    def to_exact(self) -> LinearProgram:
        """The same program with every float replaced by its exact binary value."""
        if self.exact:
            return self
        lo = _bounds(self.lower, self.n_variables, EXACT, -1, "lower")
        up = _bounds(self.upper, self.n_variables, EXACT, +1, "upper")
        c, A_ub, b_ub, A_eq, b_eq = (readonly(_frac(a)) for a in
                                     (self.c, self.A_ub, self.b_ub, self.A_eq, self.b_eq))
        return LinearProgram(c, A_ub, b_ub, A_eq, b_eq, readonly(lo), readonly(up), True)

    def with_cost(self, c: NDArray) -> LinearProgram:
        """The same feasible region with another objective (``n`` numbers, read like
        :meth:`create`'s ``c`` and taken into the program's arithmetic)."""
        c_arr, c_exact = as_numbers(c, "c")
        if c_arr.shape != (self.n_variables,):
            raise InvalidArgumentError(
                f"c must hold one cost per variable ({self.n_variables}), got shape "
                f"{c_arr.shape}: {show(c)}")
        c_arr = _in_arithmetic(c_arr, c_exact, arithmetic_of(self.exact), "c")
        return LinearProgram(c_arr, self.A_ub, self.b_ub, self.A_eq, self.b_eq,
                             self.lower, self.upper, self.exact, self.region_cache)


def _frac(a: Any) -> NDArray:
    """An object array of ``Fraction`` from parsed numbers: exact values kept, floats at
    their exact binary values (numpy integers become Python ints: ``Fraction(np.int64(3))``
    would keep an int64 numerator)."""
    arr = np.asarray(a)
    out = np.empty(arr.shape, dtype=object)
    flat = out.reshape(-1)
    for i, v in enumerate(arr.reshape(-1)):
        if isinstance(v, np.integer):
            v = int(v)
        flat[i] = v if isinstance(v, Fraction) else Fraction(v if not isinstance(
            v, np.floating) else float(v))
    return out


def _rows(A: Any, name: str, n: int) -> tuple[NDArray, bool]:
    """Constraint rows ``A`` (``None`` for none) read as numbers, shape ``(m, n)``."""
    if A is None:
        return np.zeros((0, n)), True
    arr, exact = as_numbers(A, name)
    if arr.size == 0 and arr.ndim <= 2 and (arr.ndim < 2 or arr.shape[1] in (0, n)):
        return arr.reshape(0, n), exact
    if arr.ndim != 2 or arr.shape[1] != n:
        raise InvalidArgumentError(
            f"{name} must have shape (m, {n}), one coefficient per variable in each row, got "
            f"shape {arr.shape}: {show(A)}")
    return arr, exact


def _in_arithmetic(arr: NDArray, exact_in: bool, ar: Arithmetic, name: str) -> NDArray:
    """A read-only array of parsed numbers (a new array :func:`as_numbers` made, exact
    when ``exact_in``) in the program's arithmetic ``ar``."""
    if ar.exact:
        out = arr if exact_in and arr.dtype == object else _frac(arr)
    elif arr.dtype == np.float64:
        out = arr
    else:
        out = float_array(arr, name)
    if out.flags.writeable:  # a new array, owned here; a caller's array comes read-only
        out = readonly(out)
    return out


def _bound(v: Any, name: str) -> Fraction | float | None:
    """One bound by the one number parser; ``None`` for no bound (``None`` or ``±inf``)."""
    t = type(v)
    if v is None or ((t is float or isinstance(v, np.floating)) and math.isinf(v)):
        return None
    if t is Fraction or (t is float and math.isfinite(v)):  # already a number: as it is
        return v  # type: ignore[no-any-return]
    return parse_number(v, name)


def _bounds(value: Any, n: int, ar: Arithmetic, sign: int, name: str) -> NDArray:
    """``n`` bounds in the arithmetic ``ar``: ``None`` entries (exact) or ``sign * inf``
    (float) where unbounded."""
    if value is None or np.ndim(value) == 0:
        vals = [value] * n
    else:
        try:
            vals = list(value)
        except TypeError:
            raise InvalidArgumentError(
                f"{name} must be a number, None, or one of them per variable, got "
                f"{show(value)}") from None
    if len(vals) != n:
        raise InvalidArgumentError(
            f"{name} has {len(vals)} entries but there are {n} variables; give one bound (or "
            f"None) per variable, or a single number for all")
    if value is None or np.ndim(value) == 0:  # one bound for all: read it once
        parsed = [_bound(value, name)] * n
    else:
        parsed = [_bound(v, f"{name}[{i}]") for i, v in enumerate(vals)]
    if ar.exact:
        out = np.empty(n, dtype=object)
        out[:] = [None if v is None else v if isinstance(v, Fraction) else Fraction(v)
                  for v in parsed]
        return out
    try:
        return np.array([sign * np.inf if v is None else float(v) for v in parsed],
                        dtype=np.float64)
    except OverflowError:
        raise InvalidArgumentError(
            f"{name} holds a bound too large for a float ({show(value, 60)}); pass "
            f"exact=True, or None for no bound") from None


@frozen_dataclass
class LPResult:
    """What a backend returns for one program.

    Attributes
    ----------
    status : LPStatus
    x : (n,) array or None
        An optimal point (Fractions for an exact result). Arrays are read-only.
    value : float, Fraction or None
        ``c·x`` at the optimum.
    dual_ub, dual_eq : arrays or None
        Marginals: the derivative of the optimal value with respect to each right-hand
        side (so ``dual_ub <= 0`` for a minimisation), as in scipy's ``linprog``.
    backend : str
        Name of the backend that produced it.
    basis : tuple of two int arrays or None
        Column and row :class:`BasisStatus` values, when the backend has a basis (rows are
        the ``A_ub`` rows followed by the ``A_eq`` rows).
    certified : bool
        For exact results, True when a float basis was verified in rational arithmetic,
        False when the rational simplex solved it.
    """

    status: LPStatus
    x: NDArray | None = None
    value: float | Fraction | None = None
    dual_ub: NDArray | None = None
    dual_eq: NDArray | None = None
    backend: str = ""
    basis: tuple[NDArray, NDArray] | None = field(default=None, repr=False)
    certified: bool = False


def guide_costs(costs: NDArray) -> NDArray:
    """Float64 images of exact objectives (rows of ``costs``) for a float solver's guess:
    each row scaled by the exact power of two that brings its largest coefficient into
    ``[1, 2)``, so that the optimal bases are those of the exact objective and no entry
    overflows. A float array is returned as float64 unchanged."""
    costs = np.asarray(costs)
    if costs.dtype != object:
        return np.asarray(costs, dtype=np.float64)
    try:  # the common case: every entry has a float, and no row is all but lost to 0
        with np.errstate(over="ignore"):
            direct = np.array(costs, dtype=np.float64)
        big = np.abs(direct).max(axis=1) if direct.size else np.ones(len(direct))
        if np.isfinite(big).all() and ((big > 2.0**-900) | (big == 0)).all():
            _, e = np.frexp(np.where(big > 0, big, 1.0))
            out: NDArray = np.ldexp(direct, (1 - e)[:, None])  # exact: a power of two
            return out
    except OverflowError:
        pass
    k = power_of_two_scales(costs)
    out = np.empty(costs.shape, dtype=object)
    for i in range(costs.shape[0]):
        out[i] = [v * k[i] for v in costs[i]]
    return float_saturating(out)

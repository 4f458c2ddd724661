"""The LP layer's one standard form, its result type and its status enum.

This layer knows nothing about credal sets: it solves

    minimise    c·x
    subject to  A_ub x <= b_ub,   A_eq x == b_eq,   lower <= x <= upper.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

import numpy as np

from .._core.numbers import float_saturating, power_of_two_scales, readonly

NDArray = np.ndarray


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


@dataclass(frozen=True)
class LinearProgram:
    """An LP in standard form. Build with :meth:`create`, which validates shapes.

    Exact programs hold numpy object arrays of ``Fraction`` and use ``None`` for an
    infinite bound; float programs hold float64 arrays and use ``±inf``.

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
        """Build a program. ``lower``/``upper``: a scalar or a length-n sequence; ``None``
        entries (or ``±inf``) mean unbounded. ``exact=None`` infers exactness from the data
        (exact when every array has object dtype)."""
        c_arr = np.asarray(c)
        n = c_arr.shape[0]
        arrays = [c_arr]
        A_ub_a = np.zeros((0, n)) if A_ub is None else np.asarray(A_ub)
        b_ub_a = np.zeros(0) if b_ub is None else np.asarray(b_ub)
        A_eq_a = np.zeros((0, n)) if A_eq is None else np.asarray(A_eq)
        b_eq_a = np.zeros(0) if b_eq is None else np.asarray(b_eq)
        for name, A, b in (("A_ub", A_ub_a, b_ub_a), ("A_eq", A_eq_a, b_eq_a)):
            if A.ndim != 2 or A.shape[1] != n or b.shape != (A.shape[0],):
                raise ValueError(f"{name} has shape {A.shape} and its right-hand side "
                                 f"{b.shape}; expected (m, {n}) and (m,)")
        arrays += [A_ub_a, b_ub_a, A_eq_a, b_eq_a]
        if exact is None:
            exact = all(a.dtype == object or a.size == 0 for a in arrays)
        lo = _bounds(lower, n, exact, -1)
        up = _bounds(upper, n, exact, +1)
        if exact:
            conv = [_frac(a) for a in arrays]
        else:
            conv = [np.asarray(a, dtype=np.float64) for a in arrays]
        c_r, A_ub_r, b_ub_r, A_eq_r, b_eq_r = (readonly(a) for a in conv)
        return cls(c_r, A_ub_r, b_ub_r, A_eq_r, b_eq_r, readonly(lo), readonly(up), exact)

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
        lo = _bounds(self.lower, self.n_variables, True, -1)
        up = _bounds(self.upper, self.n_variables, True, +1)
        c, A_ub, b_ub, A_eq, b_eq = (readonly(_frac(a)) for a in
                                     (self.c, self.A_ub, self.b_ub, self.A_eq, self.b_eq))
        return LinearProgram(c, A_ub, b_ub, A_eq, b_eq, readonly(lo), readonly(up), True)

    def with_cost(self, c: NDArray) -> LinearProgram:
        """The same feasible region with another objective."""
        c_arr = _frac(c) if self.exact else np.asarray(c, dtype=np.float64)
        return LinearProgram(readonly(c_arr), self.A_ub, self.b_ub, self.A_eq, self.b_eq,
                             self.lower, self.upper, self.exact, self.region_cache)


def _frac(a: Any) -> NDArray:
    arr = np.asarray(a)
    out = np.empty(arr.shape, dtype=object)
    flat = out.reshape(-1)
    for i, v in enumerate(arr.reshape(-1)):
        if isinstance(v, np.integer):  # Fraction(np.int64) keeps an int64 numerator
            v = int(v)
        flat[i] = v if isinstance(v, Fraction) else Fraction(v if not isinstance(
            v, np.floating) else float(v))
    return out


def _bounds(value: Any, n: int, exact: bool, sign: int) -> NDArray:
    vals = [value] * n if value is None or np.ndim(value) == 0 else list(value)
    if len(vals) != n:
        raise ValueError(f"bounds have length {len(vals)}, expected {n}")
    if exact:
        out = np.empty(n, dtype=object)
        for i, v in enumerate(vals):
            infinite = v is None or (isinstance(v, float) and np.isinf(v))
            out[i] = None if infinite else (v if isinstance(v, Fraction) else Fraction(
                int(v) if isinstance(v, np.integer) else v))
        return out
    return np.array([sign * np.inf if v is None else float(v) for v in vals], dtype=np.float64)


@dataclass(frozen=True)
class LPResult:
    """What a backend returns for one program.

    Attributes
    ----------
    status : LPStatus
    x : (n,) array or None
        An optimal point (Fractions for an exact result).
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

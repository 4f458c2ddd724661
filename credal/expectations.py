"""Lower and upper expectations (lower and upper previsions) of gambles over credal sets.

``lower E_C f = min_{p in C} p·f``. Each set is answered in the cheapest exact way its form
allows:

* a known structure uses its closed form: ε-contamination
  ``(1 - ε) p·f + ε min f``; the TV ball moves up to ``radius`` of mass from the highest
  outcomes onto the lowest; probability intervals (and the IDM, the vacuous set) use the
  Choquet integral of their reachable bounds. O(n log n) per gamble.
* a V-form set is a minimum over its points: one matrix product, chunked to bound memory.
* an H-form set is a linear program per gamble: HiGHS warm-started from the previous
  optimal basis (float), or a HiGHS basis certified in rational arithmetic (exact).

Exact in, exact out: an exact set and an exact gamble give ``Fraction`` results that are
exactly right. Otherwise results are float64, within about ``1e-9 * (max f - min f)`` of the
true value (the LP tolerance scaled by the gamble's range).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, cast, overload

import numpy as np

from ._core import numbers as nums
from ._core.arith import Arithmetic, arithmetic_of
from ._core.outcomes import gamble_array, indicator
from ._core.types import NDArray, Value
from .errors import InvalidArgumentError
from .lp import get_backend
from .sets import CredalSet
from .sets._relations import check_set
from .tolerance import DEFAULT_ATOL, check_atol

__all__ = [
    "LowerExpectation",
    "UpperExpectation",
    "Value",
    "lower_expectation",
    "upper_expectation",
    "lower_probability",
    "upper_probability",
    "solve_lower",
    "solve_upper",
]

#: A gamble: ``(n_outcomes,)`` array-like or a mapping outcome -> payoff.
Gamble = Any


@dataclass(frozen=True)
class LowerExpectation:
    """The answer of :func:`solve_lower`, with its witness.

    Attributes
    ----------
    value : Fraction, float, or (m,) ndarray
        The lower expectation(s).
    minimizer : (n_outcomes,) or (m, n_outcomes) ndarray
        A distribution in the set attaining each value (read-only).
    binding : tuple, tuple of tuples, or None
        For an H-form set, the constraints tight at the minimiser: the index of each tight
        ``A_ub`` row (for ``from_lower_previsions`` and ``from_lower_probabilities``, the
        position of the assessment), then ``("lower", outcome)`` / ``("upper", outcome)``
        for each tight bound of ``from_bounds`` (bounds of 0 and 1 are left out: they are
        the simplex). ``None`` for V-form sets and TV balls.
    """

    value: Any
    minimizer: NDArray
    binding: tuple[Any, ...] | None = None

    def __post_init__(self) -> None:  # read-only arrays, also after unpickling
        object.__setattr__(self, "value", nums.frozen(self.value))
        object.__setattr__(self, "minimizer", nums.frozen(self.minimizer))

    def __reduce__(self) -> tuple[Any, ...]:
        return nums.reduce_dataclass(self)


@dataclass(frozen=True)
class UpperExpectation:
    """The answer of :func:`solve_upper`, with its witness.

    Attributes
    ----------
    value : Fraction, float, or (m,) ndarray
        The upper expectation(s).
    maximizer : (n_outcomes,) or (m, n_outcomes) ndarray
        A distribution in the set attaining each value (read-only).
    binding : tuple, tuple of tuples, or None
        As for :class:`LowerExpectation`, at the maximiser.
    """

    value: Any
    maximizer: NDArray
    binding: tuple[Any, ...] | None = None

    def __post_init__(self) -> None:  # read-only arrays, also after unpickling
        object.__setattr__(self, "value", nums.frozen(self.value))
        object.__setattr__(self, "maximizer", nums.frozen(self.maximizer))

    def __reduce__(self) -> tuple[Any, ...]:
        return nums.reduce_dataclass(self)


def _prepare(S: Any, f: Any, backend: str | None) -> tuple[CredalSet, NDArray, Arithmetic, bool]:
    """Common coercion: the set in the problem's arithmetic, ``F`` ``(m, n)``, the
    arithmetic (exact only when ``S`` and ``f`` are), and whether ``f`` was one gamble."""
    S = check_set(S)
    if not S.is_exact and isinstance(f, np.ndarray) and f.dtype.kind in "iub":
        f = f.astype(np.float64)  # the problem is float: no detour through Fractions
    F, f_exact, single = gamble_array(f, S.outcomes, "f", copy=False)
    ar = arithmetic_of(S.is_exact, f_exact)
    if backend is not None:
        chosen = get_backend(backend)  # an unknown name raises, whatever the set's form
        if ar.exact and not chosen.exact:
            raise InvalidArgumentError(
                f"backend={backend!r} solves in floats, but S and f are exact and exact inputs "
                f"give exact results; omit backend (or pass backend='exact'), or ask about "
                f"S.to_float() to solve in floats")
    if not ar.exact:
        S = S.to_float()
        if f_exact:
            F = nums.to_float(F)
    return S, F, ar, single


def _lower_batch(S: CredalSet, F: NDArray, *, witness: bool,
                 backend: str | None) -> tuple[NDArray, NDArray | None]:
    """Lower expectations of the rows of F over ``S`` (both in one arithmetic), asked of
    the set's form: its closed form, or the shared fallback (points, or LPs)."""
    return S.representation.lower_batch(F, witness=witness, backend=backend)


# -- public functions ------------------------------------------------------------------
@overload
def lower_expectation(S: CredalSet, f: list[list[Any]] | NDArray, *,
                      backend: str | None = None) -> NDArray | Value: ...
@overload
def lower_expectation(S: CredalSet, f: Gamble, *, backend: str | None = None) -> Value: ...
def lower_expectation(S: CredalSet, f: Any, *, backend: str | None = None) -> Any:
    """Lower expectation ``min_{p in S} p·f`` of a gamble, or of each gamble in a batch.

    Parameters
    ----------
    S : CredalSet
    f : (n_outcomes,) array_like, mapping outcome -> payoff, or (m, n_outcomes) array_like
        A gamble (missing outcomes of a mapping pay 0) or a batch of gambles.
    backend : str, optional
        LP backend for H-form sets (``"highs"``, ``"cvxpy"``, ``"exact"``); by default
        ``"exact"`` for exact problems and ``"highs"`` for float ones. A float backend on an
        exact problem is an error (ask about ``S.to_float()`` instead): the type of the
        result depends only on the inputs.

    Returns
    -------
    Fraction, float, or (m,) ndarray
        A ``Fraction`` (object array for a batch) when ``S`` and ``f`` are exact; float64
        otherwise. Batch results are read-only.

    Raises
    ------
    InvalidArgumentError
        ``f`` of the wrong shape, with NaN/inf, or with an unknown outcome.
    SolverError
        An LP backend did not reach a certified optimum.

    Notes
    -----
    Cost per gamble, n = n_outcomes: O(n log n) for the closed forms (contamination, TV
    balls, probability intervals, and H-form sets whose rows each bound one outcome);
    O(k n) for a set given by k points, or an H-form set whose k vertices are already
    enumerated or, for a batch of m >= 16 gambles over at most 30 outcomes, at most 2 m
    (8 m exact; found by an enumeration with that budget, which stops early); otherwise
    one warm-started LP with n columns and one row per constraint, the dual re-solved on
    large programs (simplex: polynomial in practice, typically a few dozen pivots of
    O(m n) each). Exact H-form answers add a certificate: two k×k integer systems,
    k <= m + 1, solved exactly in integers (fraction-free elimination, O(k^3); numeric
    lifting above 24 rows). Memory: O(m)
    beyond the input for any batch size (V-form batches are chunked).

    Examples
    --------
    >>> import credal as cr
    >>> S = cr.CredalSet.from_bounds(["0.28", 0], ["0.7", 1])
    >>> cr.lower_expectation(S, [4, 0])
    Fraction(28, 25)
    >>> cr.lower_expectation(S, [[4, 0], [0, 4]])
    array([Fraction(28, 25), Fraction(6, 5)], dtype=object)
    """
    S, F, ar, single = _prepare(S, f, backend)
    values, _ = _lower_batch(S, F, witness=False, backend=backend)
    return ar.result(values, single)


@overload
def upper_expectation(S: CredalSet, f: list[list[Any]] | NDArray, *,
                      backend: str | None = None) -> NDArray | Value: ...
@overload
def upper_expectation(S: CredalSet, f: Gamble, *, backend: str | None = None) -> Value: ...
def upper_expectation(S: CredalSet, f: Any, *, backend: str | None = None) -> Any:
    """Upper expectation ``max_{p in S} p·f = -lower_expectation(S, -f)``.

    Same parameters, returns and cost as :func:`lower_expectation`.

    Examples
    --------
    >>> import credal as cr
    >>> cr.upper_expectation(cr.CredalSet.from_bounds(["0.28", 0], ["0.7", 1]), [4, 0])
    Fraction(14, 5)
    """
    S, F, ar, single = _prepare(S, f, backend)
    values, _ = _lower_batch(S, -F, witness=False, backend=backend)
    return ar.result(-values, single)


def lower_probability(S: CredalSet, event: Any, *, backend: str | None = None) -> Value:
    """Lower probability of an event (an iterable of outcomes): ``lower E 1_A``.

    One lower expectation (see :func:`lower_expectation` for its cost).

    Examples
    --------
    >>> import credal as cr
    >>> cr.lower_probability(cr.idm({"H": 3, "T": 1}), ["H"])
    Fraction(1, 2)
    """
    S = check_set(S)
    return cast(Value, lower_expectation(S, indicator(event, S.outcomes), backend=backend))


def upper_probability(S: CredalSet, event: Any, *, backend: str | None = None) -> Value:
    """Upper probability of an event (an iterable of outcomes): ``upper E 1_A``.

    One upper expectation (see :func:`lower_expectation` for its cost).

    Examples
    --------
    >>> import credal as cr
    >>> cr.upper_probability(cr.idm({"H": 3, "T": 1}), ["H"])
    Fraction(5, 6)
    """
    S = check_set(S)
    return cast(Value, upper_expectation(S, indicator(event, S.outcomes), backend=backend))


def solve_lower(S: CredalSet, f: Any, *, backend: str | None = None,
                atol: float = DEFAULT_ATOL) -> LowerExpectation:
    """Lower expectation with its witness: a distribution in ``S`` attaining it.

    Parameters
    ----------
    S, f, backend
        As for :func:`lower_expectation`.
    atol : float
        For float H-form sets, how close to its bound a constraint must be to count as
        binding: a row ``a·p <= b`` binds when ``|b − a·p| <= 10 * atol * max(1, max|a|)``
        (ten times ``atol``, as the solver's own feasibility tolerance is ``1e-9``). Exact
        sets compare exactly.

    Returns
    -------
    LowerExpectation
        ``value``, ``minimizer`` (a distribution in ``S`` with ``minimizer·f == value``) and,
        for H-form sets, ``binding``.

    Notes
    -----
    Cost: as :func:`lower_expectation`, plus O(m n) per gamble for the binding rows of an
    H-form set with m rows.

    Examples
    --------
    >>> import credal as cr
    >>> r = cr.solve_lower(cr.CredalSet.from_bounds(["0.28", 0], ["0.7", 1]), [4, 0])
    >>> r.value, list(r.minimizer)
    (Fraction(28, 25), [Fraction(7, 25), Fraction(18, 25)])
    """
    return _solve(S, f, backend, atol, sign=1)


def solve_upper(S: CredalSet, f: Any, *, backend: str | None = None,
                atol: float = DEFAULT_ATOL) -> UpperExpectation:
    """Upper expectation with its witness: a distribution in ``S`` attaining
    ``max_{p in S} p·f``.

    Same parameters and cost as :func:`solve_lower`; ``upper E f = -lower E (-f)``, and the
    maximiser is the minimiser for ``-f``.

    Returns
    -------
    UpperExpectation
        ``value``, ``maximizer`` (a distribution in ``S`` with ``maximizer·f == value``)
        and, for H-form sets, ``binding``.

    Examples
    --------
    >>> import credal as cr
    >>> r = cr.solve_upper(cr.CredalSet.from_bounds(["0.28", 0], ["0.7", 1]), [4, 0])
    >>> r.value, list(r.maximizer)
    (Fraction(14, 5), [Fraction(7, 10), Fraction(3, 10)])
    """
    r = _solve(S, f, backend, atol, sign=-1)
    return UpperExpectation(value=r.value, maximizer=r.minimizer, binding=r.binding)


def _solve(S: Any, f: Any, backend: str | None, atol: float, *, sign: int) -> LowerExpectation:
    atol = check_atol(atol)
    S, F, ar, single = _prepare(S, f, backend)
    values, mins = _lower_batch(S, sign * F, witness=True, backend=backend)
    assert mins is not None
    mins = mins if ar.exact else np.asarray(mins, dtype=np.float64)
    binding: Any = None
    form = S.representation
    rows = [form.binding(x, atol, S.outcomes) for x in mins]
    if rows and rows[0] is not None:
        binding = rows[0] if single else tuple(rows)
    minimizer = mins[0] if single else mins
    return LowerExpectation(value=ar.result(sign * values, single),
                            minimizer=nums.readonly(np.array(minimizer)), binding=binding)

"""Decision rules over a credal set (Troffaes 2007, "Decision making under uncertainty using
imprecise probabilities", for Γ-maximin to E-admissibility).

Acts are gambles (gains), given as a mapping ``name -> gamble`` over the set's outcomes.
Every rule returns the list of **all** optimal act names, in the mapping's order.

* Γ-maximin / Γ-maximax / Hurwicz: one lower and one upper expectation per act (a batch);
* interval dominance: ``{d : upper E f_d >= max_e lower E f_e}``;
* maximality: ``{d : no e with lower E (f_e − f_d) > 0}``. Interval dominance prunes first
  (``lower E f_e > upper E f_d`` already means ``e`` beats ``d``, and the maximal acts are
  among the interval-dominant ones, so only those need comparing); each remaining act is one
  batch of lower expectations of differences;
* E-admissibility: ``{d : some p in C has p·f_d >= p·f_e for all e}``. On its own, at most
  one LP per act, all over one region: ``min_{p in C} (max_e p·f_e − p·f_d)``, which is 0
  exactly for the E-admissible acts; its optimal ``p`` settles every act optimal under it.
  In :func:`decide`, one LP per maximal act (E-admissible acts are maximal), maximising
  the worst margin ``min_e p·(f_d − f_e)`` (the witness, or the shortfall);
* minimax regret: ``argmin_d max_e upper E (f_e − f_d)``;
* randomized Γ-maximin: one LP, ``max_{w in Δ(D)} lower E (Σ_d w_d f_d)``, with the lower
  expectation replaced by its LP dual for an H-form set.

Exact in, exact out: exact sets and gambles are compared exactly. Float values within
``atol × max(1, max |f|)`` of each other count as ties (the LP tolerance scales with the
payoffs, so an absolute tolerance would split ties between payoffs in the millions).
:func:`decide` runs every rule at once and explains each verdict.

Exact problems run at close to float speed: the cheap tests against points of the set are
computed in floats with a proven error bound, and only the comparisons that bound cannot
settle are redone in exact arithmetic; minimax regret evaluates, for each act, only the
regrets that the bound ``upper E (f_e − f_d) <= upper E f_e − lower E f_d`` leaves open.
Every rule's choice is unchanged when all payoffs are multiplied by one positive number, so
payoffs of any size are first scaled by a power of two (exactly): exact payoffs such as
``10**400`` stay exact, float payoffs near ``1e308`` neither overflow nor warn.
"""

from __future__ import annotations

import functools
import warnings
from collections.abc import Callable, Hashable, Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING, Any, ParamSpec, TypeVar

import numpy as np

from ._core import numbers as nums
from ._core.arith import EXACT, FLOAT, Arithmetic, arithmetic_of
from ._core.outcomes import gamble_array
from ._core.progress import Progress, check_progress
from ._core.types import NDArray, Value
from .errors import CredalError, InvalidArgumentError
from .expectations import lower_expectation, solve_lower, upper_expectation
from .lp import LinearProgram, LPResult, get_backend, solve, solve_many
from .sets import CredalSet
from .sets._lp import region_lp
from .sets._relations import check_set as _check_set
from .sets._relations import generating_points, has_cheap_points, outcome_region_lp
from .tolerance import DEFAULT_ATOL, check_atol

if TYPE_CHECKING:
    from .sets._form import Region

__all__ = ["gamma_maximin", "gamma_maximax", "hurwicz", "interval_dominance", "maximality",
           "e_admissibility", "minimax_regret", "randomized_maximin", "decide",
           "DecisionReport"]


# -- the problem -----------------------------------------------------------------------
#: Payoffs whose largest magnitude lies beyond ``2**±nums.SAFE_BITS`` are scaled by a power
#: of two before anything is computed (float problems: only the large side; see ``_Problem``).


@dataclass(frozen=True)
class _Problem:
    """A decision problem in one arithmetic. ``F`` holds the payoffs divided by
    ``2**shift`` (exactly), so that they are well inside the float range; values computed
    from ``F`` are turned back into the caller's units by :meth:`unscale`."""

    names: tuple[Hashable, ...]
    F: NDArray  # (m, n) payoffs / 2**shift, exact object array or float64
    S: CredalSet  # in the problem's arithmetic
    ar: Arithmetic  # EXACT or FLOAT, chosen once from the inputs
    tol: float  # float tie tolerance for values of F (0 for exact problems)
    atol: float  # the caller's atol, for numbers in [0, 1] such as weights
    shift: int = 0
    backend: str | None = None  # the LP backend the caller named (None: the default)

    def gt(self, a: Any, b: Any) -> bool:
        """a > b, beyond the tie tolerance."""
        return self.ar.gt(a, b, self.tol)

    def ge(self, a: Any, b: Any) -> bool:
        """a >= b, up to the tie tolerance."""
        return self.ar.ge(a, b, self.tol)

    def best(self, values: NDArray) -> list[Hashable]:
        """All names whose value is the largest (ties as above)."""
        top = max(values)
        return [d for d, v in zip(self.names, values, strict=True) if self.ge(v, top)]

    def unscale(self, value: Any) -> Value:
        """A value of ``F`` in the caller's units: exact for exact problems; a float
        otherwise (``±inf`` when it is beyond the float range)."""
        return self.ar.times_pow2(value, self.shift)


def _problem(acts: Any, S: Any, atol: Any, backend: Any = None, *,
             also: Arithmetic = EXACT) -> _Problem:
    """The problem of ``acts`` over ``S``: exact when ``S``, every act and ``also`` (the
    arithmetic of another input, such as Hurwicz's ``alpha``) are exact, else float.

    The arithmetic is chosen here, once; ``backend`` is checked against it."""
    S = _check_set(S)
    atol = check_atol(atol)
    if not isinstance(acts, Mapping):
        raise InvalidArgumentError(
            f"acts must be a mapping name -> gamble, got {type(acts).__name__}: "
            f"{nums.show(acts)}; write e.g. {{'d1': [4, 0], 'd2': [0, 4]}}")
    if len(acts) == 0:
        raise InvalidArgumentError("acts must hold at least one act, got an empty mapping")
    rows, flags = [], [S.is_exact]
    for name, f in acts.items():
        F1, f_exact, _ = gamble_array(f, S.outcomes, f"acts[{name!r}]", batch=False)
        rows.append(F1[0])
        flags.append(f_exact)
    if arithmetic_of(*flags) is FLOAT:
        P = _float_problem(tuple(acts), rows, S, atol)
    else:
        F = np.array(rows, dtype=object).reshape(len(rows), S.n_outcomes)
        e = nums.binary_exponent(F)
        shift = e if e is not None and abs(e) > nums.SAFE_BITS else 0
        if shift:  # exact, and keeps every float guide (here and in the LPs) in range
            F = F * nums.pow2(-shift)
        P = _Problem(tuple(acts), F, S, EXACT, 0.0, atol, shift)
        if also is FLOAT:  # a float alpha makes the problem float (ties within atol)
            P = _float_problem(P.names, list(P.F), P.S, P.atol, P.shift)
    return _with_backend(P, backend)


def _with_backend(P: _Problem, backend: Any) -> _Problem:
    """``P`` with the LP backend the caller named, checked (:func:`_check_backend`)."""
    backend = _check_backend(backend, P.ar, "the acts and S")
    if backend is None:
        return P
    return _Problem(P.names, P.F, P.S, P.ar, P.tol, P.atol, P.shift, backend)


def _check_backend(backend: Any, ar: Arithmetic, inputs: str = "the inputs") -> str | None:
    """``backend`` if it names a registered LP backend that can solve a problem in
    arithmetic ``ar`` (an exact problem needs an exact backend, as in
    :func:`credal.lower_expectation`); None stays None (the default backend)."""
    if backend is None:
        return None
    chosen = get_backend(backend)  # an unknown name raises InvalidArgumentError
    if ar.exact and not chosen.exact:
        raise InvalidArgumentError(
            f"backend={backend!r} solves in floats, but {inputs} are exact and exact inputs "
            f"give exact results; omit backend (or pass backend='exact'), or give the "
            f"inputs in floats (e.g. S.to_float()) to solve in floats")
    return str(backend)


def _float_problem(names: tuple[Hashable, ...], rows: Any, S: CredalSet, atol: float,
                   shift: int = 0) -> _Problem:
    """The float problem of payoff rows (exact or float arrays, in units of ``2**shift``),
    scaled by a further power of two when the largest is beyond ``2**nums.SAFE_BITS``."""
    exps = [e for e in (nums.binary_exponent(np.asarray(r)) for r in rows) if e is not None]
    s = max(exps) if exps and max(exps) > nums.SAFE_BITS else 0
    out = []
    for r in rows:
        r = np.asarray(r)
        if r.dtype == object:  # exact entries: scale exactly, then round once
            k = nums.pow2(-s)
            out.append(np.array([float(v * k) for v in r], dtype=np.float64))
        else:
            out.append(np.ldexp(r.astype(np.float64), -s))
    F = np.array(out, dtype=np.float64).reshape(len(out), S.n_outcomes)
    # ties within atol * max(1, max |f|) in the caller's units, here divided by 2**shift
    largest = float(np.abs(F).max()) if F.size else 0.0
    tol = atol * max(nums.ldexp_saturating(1.0, -(shift + s)), largest)
    return _Problem(names, F, S.to_float(), FLOAT, tol, atol, shift + s)


def _values(P: _Problem, F: NDArray, upper: bool = False) -> NDArray:
    """Lower (or upper) expectations of the rows of F, as a 1-D array."""
    fn = upper_expectation if upper else lower_expectation
    return np.asarray(fn(P.S, F, backend=P.backend), dtype=P.ar.dtype).reshape(-1)


def _lower_upper(P: _Problem) -> tuple[NDArray, NDArray]:
    return _values(P, P.F), _values(P, P.F, upper=True)


def _with_points(P: _Problem) -> tuple[NDArray, NDArray, _Pool]:
    """Lower and upper expectations of every act, and the distributions of S attaining
    them: a pool of points of S for the cheap tests of maximality and E-admissibility."""
    lo = solve_lower(P.S, P.F, backend=P.backend)
    hi = solve_lower(P.S, -P.F, backend=P.backend)
    dtype = P.ar.dtype
    pool = np.vstack([lo.minimizer, hi.minimizer]).astype(dtype)
    return (np.asarray(lo.value, dtype=dtype).reshape(-1),
            -np.asarray(hi.value, dtype=dtype).reshape(-1), _Pool.of(P, pool))


class _Pool:
    """Distinct points of S and every act's expected payoff under each: the cheap tests.

    ``guide[i, c]`` is ``F[i]·points[c]``: exactly that for a float problem; for an exact
    problem a float image of it within ``slack / 2`` of the exact value (the payoffs are
    divided by a power of two so that every entry is below 1, and the bound covers the
    rounding of both factors and of the sum). Comparisons that the bound cannot settle are
    redone exactly, entry by entry (:meth:`exact_product`)."""

    def __init__(self, P: _Problem, points: NDArray, guide: NDArray, slack: float,
                 scaled: NDArray) -> None:
        self.P, self.points, self.guide, self.slack = P, points, guide, slack
        self.scaled = scaled  # float payoffs, divided by a power of two to below 1
        k = points.shape[0]
        self.top = guide.max(axis=0) if k else np.zeros(0)
        self._products: dict[tuple[int, int], Fraction] = {}
        self._exact_top: dict[int, Fraction] = {}
        self._integers: tuple[NDArray, Any] | None = None

    @classmethod
    def of(cls, P: _Problem, pool: NDArray) -> _Pool:
        rows = list(dict.fromkeys(map(tuple, pool.tolist())))  # first occurrences, in order
        n = P.F.shape[1]
        points = np.empty((len(rows), n), dtype=P.ar.dtype)
        if rows:
            points[:] = rows
        if not P.ar.exact:  # the guide is the value itself
            return cls(P, points, P.F @ points.T, 0.0, P.F)
        e = nums.binary_exponent(P.F) or 0
        F = np.ldexp(np.array([float(v) for v in P.F.reshape(-1)]).reshape(P.F.shape), -e)
        Q = np.array([float(v) for v in points.reshape(-1)]).reshape(points.shape)
        # |F| < 1 and each point sums to 1: each product and the sum of n of them add at
        # most (n + 4) * 2**-53 * 1.01, and the subnormal ranges below 2**-500 per entry.
        slack = 2 * ((n + 6) * 2.0**-52 + n * 2.0**-500)
        return cls(P, points, F @ Q.T, slack, F)

    def exact_product(self, i: int, c: int) -> Fraction:
        """``F[i]·points[c]``, exactly (cached; exact problems)."""
        v = self._products.get((i, c))
        if v is None:
            v = self._products[(i, c)] = sum(
                (a * b for a, b in zip(self.P.F[i], self.points[c], strict=True)), Fraction(0))
        return v

    def not_refuted(self, d: int, others: list[int]) -> list[int]:
        """The acts ``e`` of ``others`` with ``p·(f_e − f_d) > 0`` at every point ``p``: the
        only ones that can beat ``d`` (a point with ``p·(f_e − f_d) <= 0`` shows that
        ``lower E (f_e − f_d) <= 0``)."""
        if not others or self.points.shape[0] == 0:
            return others
        P = self.P
        gap = self.guide[others] - self.guide[d]  # (len(others), k)
        low = gap.min(axis=1)
        if not P.ar.exact:  # the guide is the value: compare within the tie tolerance
            return [e for e, g in zip(others, low, strict=True) if P.gt(g, 0)]
        s = self.slack
        keep = low > s  # every gap surely positive
        for j in np.flatnonzero(np.abs(low) <= s).tolist():  # else some gap surely negative
            e = others[j]
            keep[j] = all(self.exact_product(e, c) > self.exact_product(d, c)
                          for c in np.flatnonzero(gap[j] <= s).tolist())
        return [e for e, k in zip(others, keep.tolist(), strict=True) if k]

    def optimal_at(self, d: int) -> int | None:
        """The first point under which act ``d`` has the largest expected payoff."""
        if self.points.shape[0] == 0:
            return None
        P = self.P
        if not P.ar.exact:
            ok = np.flatnonzero(self.guide[d] >= self.top - P.tol)
            return int(ok[0]) if len(ok) else None
        for c in np.flatnonzero(self.guide[d] >= self.top - self.slack).tolist():
            if self.exact_product(d, c) >= self.exact_top(c):
                return int(c)
        return None

    def exact_top(self, c: int) -> Fraction:
        """``max_i F[i]·points[c]``, exactly: only rows whose guide is within the slack of
        the float maximum can reach it."""
        v = self._exact_top.get(c)
        if v is None:
            rows = np.flatnonzero(self.guide[:, c] >= self.top[c] - self.slack).tolist()
            v = self._exact_top[c] = max(self.exact_product(i, c) for i in rows)
        return v

    def optimal_under(self, d: int, p: NDArray) -> bool:
        """Whether act ``d`` has the largest expected payoff under the exact point ``p``
        (exact problems): a float pass with the same bound as the pool's, then exact
        products only for the acts within it."""
        g = self.scaled @ np.array([float(v) for v in p])
        if g[d] < g.max() - self.slack:
            return False
        rows = np.flatnonzero(g >= g[d] - self.slack)
        if self._integers is None:  # F[i] = N[i] / den[i] with integer N and den > 0
            self._integers = nums.integer_rows(self.P.F, common=False)
        N, den = self._integers
        Q, _ = nums.integer_rows(np.asarray(p, dtype=object)[None, :], common=False)
        num = N[rows] @ Q[0]  # F[i]·p times den[i] and a common positive factor
        own = int(N[d] @ Q[0])
        return all(int(a) * int(den[d]) <= own * int(b)
                   for a, b in zip(num.tolist(), den[rows].tolist(), strict=True))

    def beaten_everywhere(self, d: int) -> bool:
        """Whether some act ``e`` pays more than act ``d`` at every point of the pool,
        beyond the tie tolerance (exact problems: beyond the float bound, so surely).

        When the pool's points generate S (their convex hull is S) this means
        ``lower E (f_e − f_d) > 0``: ``d`` is not maximal, so not E-admissible. A pair the
        bound cannot settle counts as not beaten (the caller's LP decides)."""
        if self.points.shape[0] == 0:
            return False
        low = (self.guide - self.guide[d]).min(axis=1)
        bound = self.slack if self.P.ar.exact else self.P.tol
        return bool(low.max() > bound)

    def optimal_acts(self, p: NDArray, among: list[int]) -> list[int]:
        """The acts of ``among`` with the largest expected payoff under the point ``p`` of
        S (a distribution; exact for an exact problem), compared over every act: within
        the tie tolerance for a float problem; exactly for an exact one, by a float pass
        with the pool's bound (the acts attaining the exact maximum are within it of the
        float maximum), then integer products for the acts within it."""
        if not among:
            return []
        P = self.P
        if not P.ar.exact:
            g = P.F @ p
            top = g.max()
            return [e for e in among if g[e] >= top - P.tol]
        g = self.scaled @ np.array([float(v) for v in p])
        near = np.flatnonzero(g >= g.max() - self.slack).tolist()
        mine = set(among)
        if not any(e in mine for e in near):
            return []
        if self._integers is None:  # F[i] = N[i] / den[i] with integer N and den > 0
            self._integers = nums.integer_rows(self.P.F, common=False)
        N, den = self._integers
        Q, _ = nums.integer_rows(np.asarray(p, dtype=object)[None, :], common=False)
        q = Q[0]
        # F[i]·p is num / den[i] times one positive factor (q's scale), for num = N[i]·q
        value = {i: (int(N[i].dot(q)), int(den[i])) for i in near}
        top_num, top_den = value[near[0]]
        for num, d in value.values():  # the largest fraction, compared in integers
            if num * top_den > top_num * d:
                top_num, top_den = num, d
        return [i for i in near
                if i in mine and value[i][0] * top_den == top_num * value[i][1]]


def _alpha(alpha: Any) -> tuple[Value, Arithmetic]:
    """Hurwicz's ``alpha``, checked, and its arithmetic (a float alpha makes a problem
    float)."""
    a, a_exact = nums.as_scalar(alpha, "alpha")
    if not 0 <= a <= 1:
        raise InvalidArgumentError(
            f"alpha must lie in [0, 1] (the weight on the lower expectation: 1 is Γ-maximin, "
            f"0 is Γ-maximax), got {nums.show(alpha)}")
    return a, arithmetic_of(a_exact)


_P = ParamSpec("_P")
_R = TypeVar("_R")


def _positional_deprecated(*names: str) -> Callable[[Callable[_P, _R]], Callable[_P, _R]]:
    """Accept the keyword-only ``names`` of the decorated function also positionally, after
    its positional parameters, with a :class:`DeprecationWarning` saying to pass them by
    keyword (the calls of an earlier signature keep working)."""
    def decorate(fn: Callable[_P, _R]) -> Callable[_P, _R]:
        code = fn.__code__
        n_positional = code.co_argcount

        @functools.wraps(fn)
        def wrapper(*args: Any, **kwargs: Any) -> _R:
            extra = args[n_positional:]
            if extra:
                if len(extra) > len(names):
                    raise TypeError(
                        f"{fn.__name__}() takes {n_positional} positional arguments "
                        f"(and {', '.join(names)} by keyword) but {len(args)} were given")
                given = names[:len(extra)]
                for name in given:
                    if name in kwargs:
                        raise TypeError(f"{fn.__name__}() got multiple values for argument "
                                        f"{name!r}")
                spelled = ", ".join(f"{name}=..." for name in given)
                warnings.warn(
                    f"passing {', '.join(given)} to {fn.__name__} by position is deprecated "
                    f"and will stop working; pass it by keyword: "
                    f"{fn.__name__}(acts, S, {spelled})", DeprecationWarning, stacklevel=2)
                kwargs.update(zip(given, extra, strict=True))
                args = args[:n_positional]
            return fn(*args, **kwargs)

        return wrapper

    return decorate


# -- the rules -------------------------------------------------------------------------
def gamma_maximin(acts: Mapping[Hashable, Any], S: CredalSet, *,
                  atol: float = DEFAULT_ATOL, backend: str | None = None) -> list[Hashable]:
    """The acts with the largest lower expectation (Γ-maximin).

    Parameters
    ----------
    acts : mapping name -> gamble
        Each gamble a ``(n_outcomes,)`` array-like or a mapping outcome -> payoff over
        ``S.outcomes`` (missing outcomes pay 0).
    S : CredalSet
    atol : float
        Float ties: values within ``atol × max(1, max |f|)`` count as equal. Exact
        problems are compared exactly.

    Returns
    -------
    list
        Every optimal act name, in the order of ``acts``.

    Raises
    ------
    InvalidArgumentError
        No acts, a gamble of the wrong length or with an unknown outcome, a bad ``atol``.

    Notes
    -----
    Cost, for d acts: one batch of d lower expectations (per act: O(n log n) for a closed form,
    O(k n) for k points, one warm-started LP for an H-form set).

    Examples
    --------
    >>> import credal as cr
    >>> S = cr.CredalSet.from_bounds({"H": "0.28"}, {"H": "0.7"}, outcomes=["H", "T"])
    >>> acts = {"d1": [4, 0], "d2": [0, 4], "d3": [3, 2], "d4": ["1/2", 3],
    ...         "d5": ["2.35", "2.35"], "d6": ["4.1", "-0.3"]}
    >>> cr.gamma_maximin(acts, S)
    ['d5']
    """
    P = _problem(acts, S, atol, backend)
    return P.best(_values(P, P.F))


def gamma_maximax(acts: Mapping[Hashable, Any], S: CredalSet, *,
                  atol: float = DEFAULT_ATOL, backend: str | None = None) -> list[Hashable]:
    """The acts with the largest upper expectation (Γ-maximax); see :func:`gamma_maximin`.

    Notes
    -----
    Cost, for d acts: one batch of d upper expectations.

    Examples
    --------
    >>> import credal as cr
    >>> S = cr.CredalSet.from_bounds({"H": "0.28"}, {"H": "0.7"}, outcomes=["H", "T"])
    >>> cr.gamma_maximax({"d1": [4, 0], "d2": [0, 4], "d3": [3, 2]}, S)
    ['d2']
    """
    P = _problem(acts, S, atol, backend)
    return P.best(_values(P, P.F, upper=True))


@_positional_deprecated("alpha")
def hurwicz(acts: Mapping[Hashable, Any], S: CredalSet, *, alpha: Any = Fraction(1, 2),
            atol: float = DEFAULT_ATOL, backend: str | None = None) -> list[Hashable]:
    """The acts maximising ``alpha · lower E f + (1 − alpha) · upper E f`` (Hurwicz).

    Parameters
    ----------
    alpha : number in [0, 1], default 1/2 (exact)
        The weight on the lower expectation (pessimism): 1 is Γ-maximin, 0 is Γ-maximax.

    See :func:`gamma_maximin` for the other parameters.

    Notes
    -----
    Cost, for d acts: two batches of d expectations (lower and upper).

    Examples
    --------
    >>> import credal as cr
    >>> S = cr.CredalSet.from_bounds({"H": "0.28"}, {"H": "0.7"}, outcomes=["H", "T"])
    >>> cr.hurwicz({"d1": [4, 0], "d2": [0, 4], "d3": [3, 2]}, S, alpha="1/2")
    ['d3']
    """
    a, a_ar = _alpha(alpha)
    P = _problem(acts, S, atol, backend, also=a_ar)
    lo, up = _lower_upper(P)
    return P.best(a * lo + (1 - a) * up)


def interval_dominance(acts: Mapping[Hashable, Any], S: CredalSet, *,
                       atol: float = DEFAULT_ATOL, backend: str | None = None) -> list[Hashable]:
    """The acts whose upper expectation reaches the largest lower expectation:
    ``{d : upper E f_d >= max_e lower E f_e}``; see :func:`gamma_maximin`.

    Notes
    -----
    Cost, for d acts: two batches of d expectations (lower and upper), then O(d).

    Examples
    --------
    >>> import credal as cr
    >>> S = cr.CredalSet.from_bounds({"H": "0.28"}, {"H": "0.7"}, outcomes=["H", "T"])
    >>> cr.interval_dominance({"d1": [4, 0], "d4": ["1/2", 3], "d5": ["2.35", "2.35"]}, S)
    ['d1', 'd5']
    """
    P = _problem(acts, S, atol, backend)
    lo, up = _lower_upper(P)
    return [P.names[i] for i in _interval_dominant(P, lo, up)]


def _interval_dominant(P: _Problem, lo: NDArray, up: NDArray) -> list[int]:
    top = max(lo)
    return [i for i in range(len(P.names)) if P.ge(up[i], top)]


def maximality(acts: Mapping[Hashable, Any], S: CredalSet, *,
               atol: float = DEFAULT_ATOL, progress: Progress | None = None,
               backend: str | None = None               ) -> list[Hashable]:
    """The maximal acts: ``{d : no act e has lower E (f_e − f_d) > 0}``.

    Only the interval-dominant acts are compared (every maximal act is among them, and an
    act beaten by another is beaten by a maximal one); see :func:`gamma_maximin` for the
    parameters and :func:`decide` for which act beats each excluded one.

    Parameters
    ----------
    progress : callable, optional
        Called as ``progress("maximality", done, total)`` after each compared act; see
        :func:`decide`.

    Notes
    -----
    Cost, for d acts: 2d expectations with their minimisers, then a test of every pair of
    the c interval-dominant acts against the k <= 2d distinct minimisers, O(c² k) float
    operations (exact problems: float operations with a proven error bound, redone exactly
    only for the pairs within that bound), then one batch per act of the pairs the points
    leave open: at most c(c − 1) lower expectations in all (few when the acts are not
    nearly tied).

    Examples
    --------
    >>> import credal as cr
    >>> S = cr.CredalSet.from_bounds({"H": "0.28"}, {"H": "0.7"}, outcomes=["H", "T"])
    >>> acts = {"d1": [4, 0], "d2": [0, 4], "d3": [3, 2], "d4": ["1/2", 3],
    ...         "d5": ["2.35", "2.35"], "d6": ["4.1", "-0.3"]}
    >>> cr.maximality(acts, S)
    ['d1', 'd2', 'd3', 'd5']
    """
    progress = check_progress(progress)
    P = _problem(acts, S, atol, backend)
    lo, up, pool = _with_points(P)
    maximal, _ = _maximal(P, lo, up, pool, progress=progress)
    return [P.names[i] for i in maximal]


def _maximal(P: _Problem, lo: NDArray, up: NDArray, pool: _Pool, *, explain: bool = False,
             progress: Progress | None = None
             ) -> tuple[list[int], dict[int, tuple[int, Value]]]:
    """Indices of the maximal acts, and for the others ``(beater, lower E(f_e − f_d))``
    (for the acts interval dominance drops, only with ``explain``), in units of ``P.F``.

    ``pool`` (points of S) gives a cheap test first: when some ``p`` in the pool has
    ``p·(f_e − f_d) <= 0``, then ``lower E (f_e − f_d) <= 0`` and ``e`` does not beat ``d``,
    with no LP. Only the pairs no pool point decides are solved.
    """
    m = len(P.names)
    cand = _interval_dominant(P, lo, up)
    beaten: dict[int, tuple[int, Value]] = {}
    out = [d for d in range(m) if d not in cand]
    if out and explain:  # interval dominance: the best lower expectation beats each of them
        e = max(range(m), key=lambda i: lo[i])
        margins = _values(P, P.F[e] - P.F[out])  # one batch, only when asked for reasons
        beaten.update({d: (e, v) for d, v in zip(out, margins, strict=True)})
    for j, d in enumerate(cand):
        others = pool.not_refuted(d, [e for e in cand if e != d])
        if others:
            margins = _values(P, P.F[others] - P.F[d])
            k = max(range(len(others)), key=lambda i: margins[i])
            if P.gt(margins[k], 0):
                beaten[d] = (others[k], margins[k])
        if progress is not None:
            progress("maximality", j + 1, len(cand))
    return [d for d in cand if d not in beaten], beaten


def e_admissibility(acts: Mapping[Hashable, Any], S: CredalSet, *,
                    atol: float = DEFAULT_ATOL, progress: Progress | None = None,
                    backend: str | None = None) -> list[Hashable]:
    """The E-admissible acts: those that maximise expected payoff under some distribution
    of ``S`` (``{d : exists p in S with p·f_d >= p·f_e for all e}``).

    Each act ``d`` is decided by the upper envelope of the acts over ``S``,

        ``v_d = min_{p in S} (max_e p·f_e − p·f_d) >= 0``,

    which is 0 exactly when ``d`` is E-admissible (float problems: ``v_d`` within the tie
    tolerance ``atol × max(1, max |f|)``, the same verdicts as the margin LP of
    :func:`decide`). Acts are settled without an LP of their own when a point at hand
    decides them: a point of ``S`` under which the act is optimal (a generating point of a
    V-form set or TV ball, or the optimal ``p`` of an earlier envelope LP, under which every
    act attaining the maximum is E-admissible), or, for a set given by points, another act
    that pays more at every one of them (then ``lower E (f_e − f_d) > 0``). See
    :func:`gamma_maximin` for the parameters and :func:`decide` for the witnesses.

    Parameters
    ----------
    progress : callable, optional
        Called as ``progress("e_admissibility", done, total)`` each time an act is decided,
        ``total`` being the number of acts; see :func:`decide`.

    Notes
    -----
    The envelope LP of every act has one feasible region: variables ``(p, u)`` with ``p``
    in the region of ``S`` (an H-form set's constraints, or a lifted region such as a
    Wasserstein ball's coupling) and ``F p − u 1 <= 0`` for the ``(d, n)`` payoffs ``F``;
    over ``k`` generating points ``V`` (a V-form set, a TV ball) ``p = V' lambda`` with
    ``lambda`` in the simplex and ``(F V') lambda − u 1 <= 0``. Only the cost
    ``u − f_d·p`` depends on the act, so the LPs re-solve one model, each warm-started from
    the previous optimal basis; at the optimum ``u = max_e p·f_e``.

    Cost, for d acts over n outcomes: at most one LP per distinct act (acts with equal
    payoffs are decided once), n + 1 variables and m + d rows for an H-form set with m
    constraints (no vertex enumeration), k + 1 variables and d + 1 rows over k generating
    points; O(d n) to test each optimal point against the acts, and O(d k) per act for the
    tests at the generating points. No maximality pass and no lower or upper expectation is
    computed (:func:`decide` computes them for its reasons). Exact problems solve each LP
    with the exact backend (a float basis certified in rational arithmetic, see
    :func:`credal.lp.solve_many`) and test points in floats with a proven error bound,
    redoing only the comparisons within it in integers. ``benchmarks/e_admissibility.py``
    times this against one feasibility LP per act (scipy's ``linprog``, and one highspy
    model).

    Examples
    --------
    >>> import credal as cr
    >>> S = cr.CredalSet.from_bounds({"H": "0.28"}, {"H": "0.7"}, outcomes=["H", "T"])
    >>> acts = {"d1": [4, 0], "d2": [0, 4], "d3": [3, 2], "d4": ["1/2", 3],
    ...         "d5": ["2.35", "2.35"], "d6": ["4.1", "-0.3"]}
    >>> cr.e_admissibility(acts, S)
    ['d1', 'd2', 'd3']
    """
    progress = check_progress(progress)
    P = _problem(acts, S, atol, backend)
    admissible = _e_admissible(P, progress)
    return [d for d, ok in zip(P.names, admissible, strict=True) if ok]


def _e_admissible(P: _Problem, progress: Progress | None = None) -> list[bool]:
    """Whether each act of ``P`` is E-admissible, one envelope LP (:class:`_Envelope`) per
    act that no point at hand settles; acts with equal payoffs are decided once."""
    m = len(P.names)
    first: dict[tuple[Any, ...], int] = {}
    rep = [first.setdefault(tuple(row), i) for i, row in enumerate(P.F.tolist())]
    members: dict[int, int] = {}  # representative -> number of acts with its payoffs
    for r in rep:
        members[r] = members.get(r, 0) + 1
    verdict: dict[int, bool] = {}
    done = 0

    def settle(d: int, ok: bool) -> None:
        nonlocal done
        if d in verdict:
            return
        verdict[d] = ok
        for _ in range(members[d]):
            done += 1
            if progress is not None:
                progress("e_admissibility", done, m)

    if len(members) == 1:  # one distinct act: optimal under every distribution
        settle(0, True)
        return [True] * m
    env = _Envelope(P)
    pool = env.pool
    for d in members:  # the set's own points first (empty for an H-form set)
        if pool.points.shape[0] and pool.optimal_at(d) is not None:
            settle(d, True)
    for d in members:
        if d in verdict:
            continue
        if pool.beaten_everywhere(d):  # the pool holds S's generating points, if any
            settle(d, False)
            continue
        ok, p = env.solve(d)
        settle(d, ok)
        for e in pool.optimal_acts(p, [e for e in members if e not in verdict]):
            settle(e, True)
    return [verdict[r] for r in rep]


class _Envelope:
    """The upper envelope LP ``min_{p in S} (max_e p·f_e − p·f_d)`` of a problem, one act
    ``d`` at a time over one feasible region.

    Variables ``(z, u)`` with ``z`` in the region of ``S`` (its H-form, or a lifted one such
    as a Wasserstein ball's coupling, ``p = image z``) and ``(F image) z − u 1 <= 0``; for a
    set with cheap generating points ``V`` (V-form, TV ball), or one with no region,
    ``z = lambda`` in the simplex with ``p = V' lambda``. The cost ``u − f_d·p`` is the only
    part that depends on ``d``, so the solves re-use one model, each warm-started from the
    last optimal basis. Float payoffs are divided by their largest magnitude first
    (unit-size rows; the verdicts do not change, the values are scaled back).

    ``pool`` holds the generating points (none for a region) and the float images that
    test points of ``S`` (:meth:`_Pool.optimal_acts`).
    """

    def __init__(self, P: _Problem) -> None:
        ar, S = P.ar, P.S
        m, n = P.F.shape
        F, self.scale = P.F, 1.0
        if not ar.exact:
            largest = float(np.abs(F).max())
            if largest > 0:
                F, self.scale = F / largest, largest
        self.P = P
        form = S.representation
        self.region: Region | None = None if has_cheap_points(S) else form.region()
        self.V: NDArray | None = None
        if self.region is None:
            V = self.V = generating_points(S)
            k = V.shape[0]
            self.W = _act_values(F, V, ar)  # (m, k): f_e·v for each act e and point v
            A_ub = np.hstack([self.W, ar.filled((m, 1), -1)])
            A_eq = np.concatenate([ar.filled(k, 1), ar.filled(1, 0)])[None, :]
            self.lp = LinearProgram.create(ar.filled(k + 1, 0), A_ub, ar.filled(m, 0), A_eq,
                                           ar.filled(1, 1), lower=[0] * k + [None],
                                           upper=None, exact=ar.exact)
            self.pool = _Pool.of(P, np.asarray(V, dtype=ar.dtype))
            return
        R = region_lp(form, self.region)
        self.W = np.asarray(self.region.outcome_costs(F), dtype=ar.dtype)  # (m, variables)
        A_ub = np.vstack([np.hstack([R.A_ub, ar.filled((R.A_ub.shape[0], 1), 0)]),
                          np.hstack([self.W, ar.filled((m, 1), -1)])])
        b_ub = np.concatenate([R.b_ub, ar.filled(m, 0)])
        A_eq = np.hstack([R.A_eq, ar.filled((R.A_eq.shape[0], 1), 0)])
        self.lp = LinearProgram.create(ar.filled(R.n_variables + 1, 0), A_ub, b_ub, A_eq,
                                       R.b_eq, lower=list(R.lower) + [None],
                                       upper=list(R.upper) + [None], exact=ar.exact)
        self.pool = _Pool.of(P, ar.filled((0, n), 0))

    def solve(self, d: int) -> tuple[bool, NDArray]:
        """Whether act ``d`` is E-admissible (the envelope's minimum is 0; for a float
        problem within the tie tolerance), and an optimal ``p`` in ``S``: exact for an
        exact problem."""
        P, ar = self.P, self.P.ar
        cost = np.concatenate([-self.W[d], ar.filled(1, 1)])
        values, X = solve_many(self.lp, cost[None, :], backend=P.backend)
        z = np.asarray(X[:, :-1], dtype=ar.dtype)  # (1, variables), without u
        if self.region is not None:
            p = self.region.outcome_points(z)[0]
        else:
            assert self.V is not None
            p = self.V.T @ z[0]
        if ar.exact:
            return bool(values[0] <= 0), np.asarray(p, dtype=object)
        return float(values[0]) * self.scale <= P.tol, np.asarray(p, dtype=np.float64)


def _act_values(F: NDArray, V: NDArray, ar: Arithmetic) -> NDArray:
    """``F V'``: each act's expected payoff under each point (exact problems: in
    integers, then one fraction per entry)."""
    if not ar.exact:
        out: NDArray = F @ V.T
        return out
    NF, LF = nums.integer_rows(F, common=True)
    NV, LV = nums.integer_rows(np.asarray(V, dtype=object), common=True)
    den = int(LF) * int(LV)
    W = NF.dot(NV.T)
    res = np.empty(W.shape, dtype=object)
    res.reshape(-1)[:] = [Fraction(int(v), den) for v in W.reshape(-1)]
    return res


def _bayes_margin(P: _Problem, d: int, pool: _Pool) -> tuple[NDArray | None, Value]:
    """``max_{p in S} min_{e != d} p·(f_d − f_e)`` (capped at 0, in units of ``P.F``) and
    its maximiser ``p`` when the act is E-admissible (the margin is >= 0), else
    ``(None, margin)``.

    A point of ``pool`` under which ``d`` is already optimal decides it without an LP."""
    m, n = P.F.shape
    ar = P.ar
    zero = ar.zero()
    at = pool.optimal_at(d)
    if at is not None:
        return nums.readonly(np.array(pool.points[at], dtype=ar.dtype)), zero
    if m == 1:
        return _any_point(P), zero
    if ar.exact and P.backend is None:
        # the float LP's maximiser, rounded and checked exactly, often settles it (a named
        # backend is a request for its own LPs: then the exact LP decides)
        p = _float_witness(P, d, pool)
        if p is not None:
            return p, zero
    G = P.F[d] - np.delete(P.F, d, axis=0)  # (m - 1, n): p·G_e >= t for every e
    if ar.exact:
        p, t, _ = _margin_lp(P.S, G, ar, P.backend)
        return (nums.readonly(np.array(p, dtype=object)) if t >= 0 else None), t
    # float: unit-size rows, as for the mixture LP; t scales with them
    unit = float(np.abs(G).max()) or 1.0
    p, t, _ = _margin_lp(P.S, G / unit, ar, P.backend)
    t = float(t) * unit
    if t >= -P.tol:
        p = np.clip(np.asarray(p, dtype=np.float64), 0.0, None)
        return nums.readonly(p / p.sum()), min(t, 0.0)
    return None, t


def _float_witness(P: _Problem, d: int, pool: _Pool) -> NDArray | None:
    """For an exact problem: a point of S under which act ``d`` is optimal, from the float
    margin LP (its maximiser rounded to nearby fractions, then checked exactly), or None
    when that check fails (the exact LP decides then)."""
    G = pool.scaled[d] - np.delete(pool.scaled, d, axis=0)
    S = P.S
    try:
        x, t, lam = _margin_lp(S.to_float(), G, FLOAT, None)
    except (CredalError, ArithmeticError):  # e.g. a float image out of range
        return None
    if not t >= -1e-7:
        return None  # not admissible in floats: leave the verdict to the exact LP

    def rational(v: NDArray) -> NDArray | None:
        r = [Fraction(float(a)).limit_denominator(1 << 20) if a > 0 else Fraction(0)
             for a in v]
        total = sum(r, Fraction(0))
        return np.array([a / total for a in r], dtype=object) if total > 0 else None

    if lam is not None and has_cheap_points(S):  # a mixture of S's points: in S
        V = generating_points(S)
        w = rational(lam) if len(lam) == V.shape[0] else None  # (float points may merge)
        if w is None:
            return None
        p = V.T @ w
    else:
        p = rational(x)
        if p is None or not S.contains(p):
            return None
    return nums.readonly(np.array(p, dtype=object)) if pool.optimal_under(d, p) else None


def _margin_lp(S: CredalSet, G: NDArray, ar: Arithmetic, backend: str | None
               ) -> tuple[NDArray, Any, NDArray | None]:
    """``max_{p in S} min(0, min_e p·G_e)``: the maximiser ``p``, the value ``t`` and, for
    a set with cheap points, the weights on its generating points (else None)."""
    r, n = G.shape
    R = None if has_cheap_points(S) else outcome_region_lp(S)
    if R is None:
        V = generating_points(S)
        k = V.shape[0]
        # variables (lambda (k), t): t - (G V') lambda <= 0, sum lambda = 1, t <= 0
        A_ub = np.hstack([-(G @ V.T), ar.filled((r, 1), 1)])
        A_eq = np.concatenate([ar.filled(k, 1), ar.filled(1, 0)])[None, :]
        c = np.concatenate([ar.filled(k, 0), ar.filled(1, -1)])
        lp = LinearProgram.create(c, A_ub, ar.filled(r, 0), A_eq, ar.filled(1, 1),
                                  lower=[0] * k + [None], upper=[None] * k + [0],
                                  exact=ar.exact)
        x = _optimum(lp, backend)
        return V.T @ x[:k], x.item(k), x[:k]
    # variables (p (n), t): region rows on p; t - G p <= 0; t <= 0
    A_ub = np.vstack([np.hstack([R.A_ub, ar.filled((R.A_ub.shape[0], 1), 0)]),
                      np.hstack([-G, ar.filled((r, 1), 1)])])
    b_ub = np.concatenate([R.b_ub, ar.filled(r, 0)])
    A_eq = np.hstack([R.A_eq, ar.filled((R.A_eq.shape[0], 1), 0)])
    c = np.concatenate([ar.filled(n, 0), ar.filled(1, -1)])
    lp = LinearProgram.create(c, A_ub, b_ub, A_eq, R.b_eq,
                              lower=list(R.lower) + [None], upper=list(R.upper) + [0],
                              exact=ar.exact)
    x = _optimum(lp, backend)
    return x[:n], x.item(n), None


def _optimum(lp: LinearProgram, backend: str | None) -> NDArray:
    """The optimal point of ``lp`` by the named backend (the default for ``None``); an
    optimum always exists for the decision LPs, so anything else is the solver's failure
    and raises :class:`~credal.errors.SolverError`."""
    result: LPResult = solve(lp, backend=backend)
    assert result.x is not None  # solve raises unless the status is optimal
    return result.x


def _any_point(P: _Problem) -> NDArray:
    return solve_lower(P.S, P.F[0], backend=P.backend).minimizer


def minimax_regret(acts: Mapping[Hashable, Any], S: CredalSet, *,
                   atol: float = DEFAULT_ATOL, progress: Progress | None = None,
                   backend: str | None = None                   ) -> list[Hashable]:
    """The acts minimising the largest regret ``max_e upper E (f_e − f_d)``.

    See :func:`gamma_maximin` for the parameters.

    Parameters
    ----------
    progress : callable, optional
        Called as ``progress("minimax_regret", done, total)`` after each act; see
        :func:`decide`.

    Notes
    -----
    Cost, for d acts: float problems, d² upper expectations in d batches of d (one per
    act). Exact problems: 2d expectations, then per act only the regrets that the bound
    ``upper E (f_e − f_d) <= upper E f_e − lower E f_d`` cannot rule out, taken in
    decreasing order of that bound (often a handful; d in the worst case).

    Examples
    --------
    >>> import credal as cr
    >>> S = cr.CredalSet.from_bounds({"H": "0.28"}, {"H": "0.7"}, outcomes=["H", "T"])
    >>> cr.minimax_regret({"d1": [4, 0], "d2": [0, 4], "d3": [3, 2]}, S)
    ['d3']
    """
    progress = check_progress(progress)
    P = _problem(acts, S, atol, backend)
    return P.best(-_regrets(P, progress=progress))


def _regrets(P: _Problem, lo: NDArray | None = None, up: NDArray | None = None, *,
             progress: Progress | None = None) -> NDArray:
    """Each act's largest regret ``max_e upper E (f_e − f_d)``, in units of ``P.F``.

    Exact problems use ``upper E (f_e − f_d) <= upper E f_e − lower E f_d`` (the upper
    expectation is subadditive): the regrets are evaluated in decreasing order of ``upper
    E f_e``, in batches of growing size, until that bound cannot beat the largest found
    (which starts at 0, the regret of ``d`` against itself)."""
    m = len(P.names)
    if P.ar.exact:
        if lo is None or up is None:
            lo, up = _lower_upper(P)
        return _exact_regrets(P, lo, up, progress)
    out = np.empty(m, dtype=np.float64)
    for d in range(m):
        out[d] = max(_values(P, P.F - P.F[d], upper=True))
        if progress is not None:
            progress("minimax_regret", d + 1, m)
    return out


def _exact_regrets(P: _Problem, lo: NDArray, up: NDArray, progress: Progress | None
                   ) -> NDArray:
    m = len(P.names)
    out = np.empty(m, dtype=object)
    order = sorted(range(m), key=lambda e: up[e], reverse=True)
    for d in range(m):
        best, start, size = Fraction(0), 0, 4
        while start < m and up[order[start]] - lo[d] > best:
            chunk = [e for e in order[start:start + size] if e != d]
            if chunk:
                best = max(best, *_values(P, P.F[chunk] - P.F[d], upper=True))
            start, size = start + size, 4 * size
        out[d] = best
        if progress is not None:
            progress("minimax_regret", d + 1, m)
    return out


def randomized_maximin(acts: Mapping[Hashable, Any], S: CredalSet, *,
                       atol: float = DEFAULT_ATOL, backend: str | None = None
                       ) -> tuple[dict[Hashable, Value], Value]:
    """The best mixed act for the worst case: ``max_{w in Δ(D)} lower E (Σ_d w_d f_d)``.

    Returns
    -------
    weights : dict name -> number
        A mixture attaining the value: every act is listed, zeros included; exact for exact
        input. When several mixtures are optimal, one of them.
    value : Fraction or float
        The guaranteed lower expectation of the mixed act, at least every act's own.

    Notes
    -----
    One LP: for a V-form set (or a TV ball, through its vertices) ``t <= v·(Σ w_d f_d)`` for
    each vertex ``v``; for an H-form set the lower expectation is replaced by its LP dual,
    so the weights and the dual variables are optimised together. This is the
    infra-Bayesian maximin over mixed acts.

    Cost, for d acts: that one LP, with d + 1 variables and k rows over k generating points
    (V-form, TV ball), or d + m + n (+ upper bounds) variables and n + 1 rows (H-form); then one
    lower expectation for the value.

    Examples
    --------
    >>> import credal as cr
    >>> S = cr.vacuous(["H", "T"])
    >>> w, v = cr.randomized_maximin({"heads": [1, 0], "tails": [0, 1]}, S)
    >>> w, v
    ({'heads': Fraction(1, 2), 'tails': Fraction(1, 2)}, Fraction(1, 2))
    """
    P = _problem(acts, S, atol, backend)
    w = _mixture_weights(P)
    value = P.unscale(_values(P, (w @ P.F)[None, :])[0])
    return dict(zip(P.names, w.tolist(), strict=True)), value


def _mixture_weights(P: _Problem) -> NDArray:
    m, n = P.F.shape
    ar = P.ar
    S = P.S
    F = P.F
    if not ar.exact:
        # the optimal weights do not change when every payoff is scaled by one positive
        # number; unit-size payoffs keep HiGHS from misjudging huge ones as unbounded
        scale = float(np.abs(F).max())
        F = F / scale if scale > 0 else F
    R = None if has_cheap_points(S) else outcome_region_lp(S)
    if R is None:
        V = generating_points(S)
        k = V.shape[0]
        # variables (w (m), t): t - (V F') w <= 0, sum w = 1; maximise t
        A_ub = np.hstack([-(V @ F.T), ar.filled((k, 1), 1)])
        A_eq = np.concatenate([ar.filled(m, 1), ar.filled(1, 0)])[None, :]
        c = np.concatenate([ar.filled(m, 0), ar.filled(1, -1)])
        lp = LinearProgram.create(c, A_ub, ar.filled(k, 0), A_eq, ar.filled(1, 1),
                                  lower=[0] * m + [None], upper=None, exact=ar.exact)
    else:
        # lower E g = max -b_ub·y + b_eq·z + l·mu - u·nu
        #             s.t. -A_ub' y + A_eq' z + mu - nu = g,  y, mu, nu >= 0, z free,
        # with g = F' w; nu only where u < 1 (p <= 1 is implied by the simplex).
        m1, m2 = R.A_ub.shape[0], R.A_eq.shape[0]
        up = np.array([u is not None and u < 1 for u in R.upper], dtype=bool)
        eye = ar.eye(n)
        A_eq = np.vstack([
            np.hstack([-F.T, -R.A_ub.T, R.A_eq.T, eye, -eye[:, up]]),
            np.concatenate([ar.filled(m, 1),
                            ar.filled(m1 + m2 + n + int(up.sum()), 0)])[None, :]])
        b_eq = np.concatenate([ar.filled(n, 0), ar.filled(1, 1)])
        c = -np.concatenate([ar.filled(m, 0), -R.b_ub, R.b_eq,
                             np.asarray(R.lower), -np.asarray(R.upper)[up]])
        nvar = c.shape[0]
        lower = [0] * (m + m1) + [None] * m2 + [0] * (nvar - m - m1 - m2)
        lp = LinearProgram.create(np.asarray(c, dtype=ar.dtype), A_eq=A_eq, b_eq=b_eq,
                                  lower=lower, upper=None, exact=ar.exact)
    x = _optimum(lp, P.backend)
    if ar.exact:
        return np.array(x[:m], dtype=object)
    # float: rounding may leave tiny negative weights or a sum off 1
    return ar.rows_to_distributions(np.asarray(x[:m], dtype=np.float64))


# -- every rule at once, with reasons --------------------------------------------------
@dataclass(frozen=True)
class DecisionReport:
    """Every rule's choice on one problem, and why (the result of :func:`decide`).

    Attributes
    ----------
    lower, upper : dict name -> number
        Each act's lower and upper expectation.
    choices : dict rule -> list
        The chosen acts for ``"gamma_maximin"``, ``"gamma_maximax"``, ``"hurwicz"``,
        ``"interval_dominance"``, ``"maximality"``, ``"e_admissibility"``,
        ``"minimax_regret"`` and ``"randomized_maximin"`` (the acts with positive weight).
    beaten_by : dict name -> (name, number)
        For each act that is not maximal, an act ``e`` that beats it and by how much:
        ``lower E (f_e − f_d) > 0``.
    bayes_witness : dict name -> (n_outcomes,) ndarray
        For each E-admissible act, a distribution in the set under which it is optimal.
    bayes_shortfall : dict name -> number
        For each maximal act that is not E-admissible: ``max_{p in S} min_e p·(f_d − f_e)``,
        which is negative — no distribution in the set makes the act optimal.
    regret : dict name -> number
        Each act's largest regret ``max_e upper E (f_e − f_d)``.
    weights, value
        The randomized Γ-maximin mixture and its guaranteed value.
    alpha
        The Hurwicz pessimism used.
    """

    lower: dict[Hashable, Value]
    upper: dict[Hashable, Value]
    choices: dict[str, list[Hashable]]
    beaten_by: dict[Hashable, tuple[Hashable, Value]]
    bayes_witness: dict[Hashable, NDArray]
    bayes_shortfall: dict[Hashable, Value]
    regret: dict[Hashable, Value]
    weights: dict[Hashable, Value]
    value: Value
    alpha: Value

    def __post_init__(self) -> None:  # read-only witnesses, also after unpickling
        object.__setattr__(self, "bayes_witness",
                           {d: nums.frozen(p) for d, p in self.bayes_witness.items()})

    def __reduce__(self) -> tuple[Any, ...]:
        return nums.reduce_dataclass(self)

    def table(self) -> str:
        """A plain-text table: one row per act, its expectations and the rules choosing it.

        Notes
        -----
        Cost: O(d r) string work for d acts and r rules; nothing is recomputed.
        """
        rules = list(self.choices)
        names = list(self.lower)
        head = ["act", "lower E", "upper E", *rules]
        rows = [[str(d), str(self.lower[d]), str(self.upper[d]),
                 *("x" if d in self.choices[r] else "" for r in rules)] for d in names]
        widths = [max(len(r[i]) for r in [head, *rows]) for i in range(len(head))]
        return "\n".join("  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip()
                         for r in [head, *rows])


def decide(acts: Mapping[Hashable, Any], S: CredalSet, *, alpha: Any = Fraction(1, 2),
           atol: float = DEFAULT_ATOL, progress: Progress | None = None,
           backend: str | None = None) -> DecisionReport:
    """Run every decision rule on one problem and explain each verdict.

    Parameters
    ----------
    acts : mapping name -> gamble
    S : CredalSet
    alpha : number in [0, 1], default 1/2
        Hurwicz's weight on the lower expectation.
    atol : float
        Float tie tolerance, as in :func:`gamma_maximin`.
    progress : callable, optional
        Called as ``progress(stage, done, total)`` as the long stages advance: stage
        ``"maximality"`` (after each interval-dominant act), ``"e_admissibility"`` (after
        each maximal act), then ``"minimax_regret"`` (after each act); ``done`` runs from 1
        to ``total`` within a stage. Its return value is ignored; an exception it raises
        stops the computation and propagates (a way to cancel a long run).

    Returns
    -------
    DecisionReport

    Raises
    ------
    InvalidArgumentError
        Bad ``acts``, ``S``, ``alpha`` or ``atol`` (see :func:`gamma_maximin`), or a
        ``progress`` that is neither None nor callable.

    Notes
    -----
    Cost: the sum of the rules' costs, sharing the 2d expectations (for d acts) and the
    pool. Exact problems cost a small multiple of float ones: the pool tests run in floats
    with a proven error bound and only what that bound cannot settle is computed exactly.

    Range: exact payoffs of any size give exact answers (``10**400`` included). Float values
    in the report that are beyond the float range (a regret or margin of payoffs near
    ``1e308``, which can reach twice the largest payoff) are reported as ``±inf``; the
    choices are computed on payoffs scaled by a power of two and are not affected.

    Examples
    --------
    >>> import credal as cr
    >>> S = cr.CredalSet.from_bounds({"H": "0.28"}, {"H": "0.7"}, outcomes=["H", "T"])
    >>> r = cr.decide({"d1": [4, 0], "d4": ["1/2", 3], "d5": ["2.35", "2.35"]}, S)
    >>> r.choices["maximality"], r.beaten_by["d4"]
    (['d1', 'd5'], ('d5', Fraction(1, 20)))
    >>> r.bayes_witness["d1"]
    array([Fraction(7, 10), Fraction(3, 10)], dtype=object)
    """
    a, a_ar = _alpha(alpha)
    P = _problem(acts, S, atol, backend, also=a_ar)
    progress = check_progress(progress)
    names = P.names
    lo, up, pool = _with_points(P)
    maximal, beaten = _maximal(P, lo, up, pool, explain=True, progress=progress)
    witness: dict[Hashable, NDArray] = {}
    shortfall: dict[Hashable, Value] = {}
    for j, d in enumerate(maximal):
        p, t = _bayes_margin(P, d, pool)
        if p is not None:
            witness[names[d]] = p
        else:
            shortfall[names[d]] = t
        if progress is not None:
            progress("e_admissibility", j + 1, len(maximal))
    regret = _regrets(P, lo, up, progress=progress)
    w = _mixture_weights(P)
    value = _values(P, (w @ P.F)[None, :])[0]
    a = P.ar.scalar(a)  # a float problem weighs in floats
    hw = a * lo + (1 - a) * up
    choices = {
        "gamma_maximin": P.best(lo),
        "gamma_maximax": P.best(up),
        "hurwicz": P.best(hw),
        "interval_dominance": [names[i] for i in _interval_dominant(P, lo, up)],
        "maximality": [names[i] for i in maximal],
        "e_admissibility": [d for d in names if d in witness],
        "minimax_regret": P.best(-regret),
        "randomized_maximin": [d for d, wd in zip(names, w, strict=True)
                               if P.ar.gt(wd, 0, P.atol)],
    }
    out = P.unscale
    return DecisionReport(
        lower={d: out(v) for d, v in zip(names, lo, strict=True)},
        upper={d: out(v) for d, v in zip(names, up, strict=True)},
        choices=choices,
        beaten_by={names[d]: (names[e], out(v)) for d, (e, v) in sorted(beaten.items())},
        bayes_witness=witness,
        bayes_shortfall={d: out(v) for d, v in shortfall.items()},
        regret={d: out(v) for d, v in zip(names, regret, strict=True)},
        weights={d: P.ar.scalar(v) for d, v in zip(names, w, strict=True)},
        value=out(value), alpha=a)

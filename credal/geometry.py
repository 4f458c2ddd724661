"""Total-variation geometry of credal sets.

``d_TV(p, q) = ½ Σ |p_i − q_i| = max over events A of |p(A) − q(A)|``.

* :func:`tv_distance` between two distributions;
* :func:`distance_to_set` from distributions to a credal set, and :func:`tv_projection`,
  its rich-result twin, which also gives a nearest point of the set;
* :func:`hausdorff_distance` between two credal sets and the :func:`diameter` of one.

How a distance to a set is computed depends on the set's form, never converting it:

* a TV ball ``B(c, r)``: ``max(d_TV(p, c) − r, 0)`` (closed form);
* any other set: the LP dual of ``min_{q in C} d_TV(p, q)``, which is
  ``max_{f in [0,1]^n} p·f − upper E_C f``. Its feasible region does not depend on ``p``
  (only its cost does), so a batch of points is one warm-started sequence of re-solves.
  For a V-form set ``C = conv(V)`` the LP has ``n + 1`` variables and one row per point of
  ``V``; for an H-form set the upper expectation is replaced by its own LP dual.

Exact in, exact out: exact inputs give ``Fraction`` distances that are exactly right (the LPs
are solved in rational arithmetic). Float results are within about ``1e-9`` of the truth.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np

from ._core import numbers as nums
from ._core.outcomes import (
    check_distribution,
    distribution_array,
    frame_rows,
    make_outcomes,
    pandas_kind,
    unlabel,
)
from .errors import InvalidArgumentError
from .expectations import _check_set
from .lp import LinearProgram, get_backend, solve
from .sets import CredalSet, TVBall
from .sets._lp import region_lp
from .tolerance import DEFAULT_ATOL, check_atol

__all__ = ["TVProjection", "HausdorffResult", "tv_distance", "distance_to_set",
           "tv_projection", "hausdorff_distance", "solve_hausdorff", "diameter"]

NDArray = np.ndarray
Value = Fraction | float

#: Float Hausdorff distances solve the two directions in two threads from this many
#: points per set (below it the threads cost more than they save).
_PARALLEL_POINTS = 16

#: Pairs of vertices compared per vectorised step in :func:`diameter` (bounds memory).
_PAIR_CHUNK = 1 << 20


@dataclass(frozen=True)
class TVProjection:
    """The answer of :func:`tv_projection`.

    Attributes
    ----------
    distance : Fraction or float
        ``min_{q in S} d_TV(p, q)``.
    point : (n_outcomes,) ndarray
        A distribution in ``S`` at that distance from ``p`` (read-only). TV projections are
        not unique in general; this is the one the LP found.
    """

    distance: Value
    point: NDArray

    def __post_init__(self) -> None:  # read-only arrays, also after unpickling
        object.__setattr__(self, "point", nums.frozen(self.point))

    def __reduce__(self) -> tuple[Any, ...]:
        return nums.reduce_dataclass(self)


@dataclass(frozen=True)
class HausdorffResult:
    """The answer of :func:`solve_hausdorff`: the distance and what attains it.

    Attributes
    ----------
    distance : Fraction or float
        ``d_H(S, T)`` in the TV metric, as :func:`hausdorff_distance`.
    side : {"S", "T"}
        Which set ``point`` belongs to.
    point : (n_outcomes,) ndarray
        A generating point of that set (a vertex, for a V-form set) whose TV distance to the
        other set is ``distance`` (read-only).
    nearest : (n_outcomes,) ndarray
        A point of the other set at TV distance ``distance`` from ``point`` (read-only).
    gamble : (n_outcomes,) ndarray
        A witness gamble ``g`` with values in ``[0, 1]`` and
        ``|lower E_S g − lower E_T g| == distance`` (the support-function identity; exactly,
        for exact sets). Read-only.
    """

    distance: Value
    side: str
    point: NDArray
    nearest: NDArray
    gamble: NDArray

    def __post_init__(self) -> None:  # read-only arrays, also after unpickling
        for name in ("point", "nearest", "gamble"):
            object.__setattr__(self, name, nums.frozen(getattr(self, name)))

    def __reduce__(self) -> tuple[Any, ...]:
        return nums.reduce_dataclass(self)


# -- validation ------------------------------------------------------------------------
def _same_outcomes(S: CredalSet, T: CredalSet, names: tuple[str, str] = ("S", "T")) -> None:
    if S.outcomes != T.outcomes:
        raise InvalidArgumentError(
            f"{names[0]} and {names[1]} must be credal sets over the same outcomes; "
            f"{names[0]} has {nums.show(list(S.outcomes), 60)} and {names[1]} has "
            f"{nums.show(list(T.outcomes), 60)}; use credal.pushforward to relabel or merge "
            f"outcomes first")


def _common(S: CredalSet, T: CredalSet) -> tuple[CredalSet, CredalSet, bool]:
    """Both sets in one arithmetic: exact only when both are exact."""
    exact = S.is_exact and T.is_exact
    return (S, T, True) if exact else (S.to_float(), T.to_float(), False)


def _points(p: Any, S: CredalSet, name: str, atol: float) -> tuple[NDArray, bool, bool]:
    """Distributions over ``S.outcomes``: one (array-like or mapping) or a batch ``(m, n)``.
    Returns ``(P (m, n), exact, single)``."""
    n = S.n_outcomes
    p = unlabel(p, name)
    if isinstance(p, Mapping):
        arr, exact, _ = distribution_array(p, S.outcomes, name, atol=atol)
        return arr.reshape(1, n), exact, True
    if pandas_kind(p) == "frame":  # a batch: one distribution per row, columns = outcomes
        p = frame_rows(p, S.outcomes, name, None)
    arr, exact = nums.as_numbers(p, name)
    if arr.ndim not in (1, 2) or arr.shape[-1] != n or arr.shape[0] == 0:
        raise InvalidArgumentError(
            f"{name} must be a distribution of shape ({n},) or a batch of shape (m, {n}) to "
            f"match the outcomes {nums.show(list(S.outcomes), 60)}, got shape {arr.shape}")
    single = arr.ndim == 1
    return check_distribution(arr, exact, name, atol).reshape(-1, n), exact, single


def _one_point(S: Any, p: Any, atol: float) -> tuple[CredalSet, NDArray, bool]:
    """Validate a set and one distribution; return both in one arithmetic, P as (1, n)."""
    S = _check_set(S)
    P, p_exact, single = _points(p, S, "p", check_atol(atol))
    if not single:
        raise InvalidArgumentError(
            f"p must be one distribution of shape ({S.n_outcomes},), got a batch of shape "
            f"{P.shape}; use credal.distance_to_set for batches")
    exact = p_exact and S.is_exact
    return (S, P, True) if exact else (S.to_float(), nums.to_float(P), False)


# -- distances -------------------------------------------------------------------------
def _tv(P: NDArray, q: NDArray, exact: bool) -> NDArray:
    """``d_TV`` of each row of P to q."""
    if exact:
        out = np.empty(P.shape[0], dtype=object)
        out[:] = [sum((abs(a - b) for a, b in zip(row, q, strict=True)), Fraction(0)) / 2
                  for row in P]
        return out
    distances: NDArray = 0.5 * np.abs(P - q).sum(axis=1)
    return distances


def _dual_lp(S: CredalSet, exact: bool) -> tuple[LinearProgram, NDArray]:
    """The p-independent feasible region of ``max_f p·f − upper E_S f`` and the part of its
    cost that does not depend on ``p``; the variables start with ``f`` (n of them)."""
    key = "distance_lp_exact" if exact else "distance_lp_float"
    cached: tuple[LinearProgram, NDArray] | None = S._cache.get(key)
    if cached is not None:
        return cached
    n = S.n_outcomes
    zero = nums.filled(1, 0, exact)[0]
    if S._points is not None:
        # variables (f, t): V f - t <= 0, 0 <= f <= 1, t free; cost (-p, 1)
        V = S._points
        k = V.shape[0]
        A_ub = np.hstack([V, -nums.filled((k, 1), 1, exact)])
        lp = LinearProgram.create(nums.filled(n + 1, 0, exact), A_ub, nums.filled(k, 0, exact),
                                  lower=[zero] * n + [None], upper=[1] * n + [None],
                                  exact=exact)
        fixed = np.concatenate([nums.filled(n, 0, exact), nums.filled(1, 1, exact)])
    else:
        # upper E_S f = min b_ub·y + b_eq·z + u·w+ - l·w-
        #               s.t. A_ub' y + A_eq' z + w+ - w- >= f,  y, w+, w- >= 0, z free,
        # with w+ only where u < 1 and w- only where l > 0 (the other bounds are implied
        # by the simplex; the ">=" is the dual of q >= 0).
        R = region_lp(S, exact)
        m1, m2 = R.A_ub.shape[0], R.A_eq.shape[0]
        up = np.array([u is not None and u < 1 for u in R.upper], dtype=bool)
        lo = np.array([v is not None and v > 0 for v in R.lower], dtype=bool)
        eye = nums.fraction_array(np.eye(n, dtype=np.int64)) if exact else np.eye(n)
        A_ub = np.hstack([eye, -R.A_ub.T, -R.A_eq.T, -eye[:, up], eye[:, lo]])
        k_up, k_lo = int(up.sum()), int(lo.sum())
        nvar = n + m1 + m2 + k_up + k_lo
        lower = [zero] * (n + m1) + [None] * m2 + [zero] * (k_up + k_lo)
        upper = [1] * n + [None] * (nvar - n)
        lp = LinearProgram.create(nums.filled(nvar, 0, exact), A_ub, nums.filled(n, 0, exact),
                                  lower=lower, upper=upper, exact=exact)
        fixed = np.concatenate([nums.filled(n, 0, exact), R.b_ub, R.b_eq,
                                np.asarray(R.upper)[up], -np.asarray(R.lower)[lo]])
        if not exact:
            fixed = fixed.astype(np.float64)
    S._cache[key] = (lp, fixed)
    return lp, fixed


def _distances(S: CredalSet, P: NDArray, exact: bool, backend: str | None = None, *,
               separating: bool = False) -> tuple[NDArray, NDArray | None]:
    """``d(p, S)`` for each row of P, and (where an LP was solved, or ``separating`` is
    asked for) a maximising ``f`` of ``p·f − upper E_S f`` for each row: a gamble in
    ``[0, 1]^n`` separating p from S. ``S`` is already in the wanted arithmetic."""
    st = S._structure
    if isinstance(st, TVBall):
        d = _tv(P, st.center, exact) - st.radius
        F = None
        if separating:
            # f = 1_A with A = {p > c} gives p(A) − min(1, c(A) + r) = d_TV(p, c) − r when
            # that is positive (then c(A) + r < p(A) <= 1); f = 0 gives 0 otherwise
            mask = (P > st.center) & (d > 0)[:, None]
            F = nums.fraction_array(mask.astype(np.int64)) if exact else mask.astype(np.float64)
        return (np.array([max(v, Fraction(0)) for v in d], dtype=object) if exact
                else np.maximum(d, 0.0)), F
    lp, fixed = _dual_lp(S, exact)
    n = S.n_outcomes
    costs = np.tile(fixed, (P.shape[0], 1))
    costs[:, :n] = -P
    values, x = get_backend(backend, exact=exact).solve_many(lp, costs)
    d = -values
    if exact:
        return d, x[:, :n]
    return np.maximum(d, 0.0), x[:, :n]


def _pair(S: Any, T: Any) -> tuple[CredalSet, CredalSet, bool]:
    """Two validated credal sets over the same outcomes, in one arithmetic."""
    S, T = _check_set(S), _check_set(T)
    _same_outcomes(S, T)
    return _common(S, T)


def tv_distance(p: Any, q: Any, *, outcomes: Any = None, atol: float = DEFAULT_ATOL) -> Value:
    """Total-variation distance ``½ Σ |p_i − q_i|`` between two distributions.

    Parameters
    ----------
    p, q : (n_outcomes,) array_like, or mapping outcome -> probability
        Two distributions over the same outcomes. When ``p`` is a mapping its keys are the
        outcomes (unless ``outcomes`` is given) and ``q`` is read against them.
    outcomes : sequence of hashable, optional
        Outcome labels for mappings.
    atol : float
        Float distributions must be nonnegative and sum to 1 within ``atol``.

    Returns
    -------
    Fraction or float
        Exact when both distributions are exact. Equals ``max_A |p(A) − q(A)|`` over
        events ``A`` and ``max_{f in [0,1]^n} |p·f − q·f|``.

    Raises
    ------
    InvalidArgumentError
        Not distributions, different lengths, unknown outcomes.

    Notes
    -----
    Cost: O(n).

    Examples
    --------
    >>> import credal as cr
    >>> cr.tv_distance(["1/2", "1/2", 0], ["1/4", "1/4", "1/2"])
    Fraction(1, 2)
    """
    atol = check_atol(atol)
    labels = None if outcomes is None else make_outcomes(outcomes, None)
    p, q = unlabel(p, "p"), unlabel(q, "q")
    a, a_exact, labels = distribution_array(p, labels, "p", atol=atol)
    b, b_exact, _ = distribution_array(q, labels if isinstance(q, Mapping) else None, "q",
                                       atol=atol)
    if a.shape != b.shape:
        raise InvalidArgumentError(
            f"p and q must have the same length (one probability per outcome), got "
            f"{a.shape[0]} and {b.shape[0]}")
    exact = a_exact and b_exact
    if not exact:
        a, b = nums.to_float(a), nums.to_float(b)
    value = _tv(a.reshape(1, -1), b, exact)[0]
    return value if exact else float(value)


def distance_to_set(p: Any, S: CredalSet, *, atol: float = DEFAULT_ATOL,
                    backend: str | None = None) -> Any:
    """TV distance from a distribution (or each of a batch) to a credal set.

    ``d(p, S) = min_{q in S} d_TV(p, q)``; it is 0 exactly when ``p`` is in ``S``.

    Parameters
    ----------
    p : (n_outcomes,) array_like or mapping, or (m, n_outcomes) array_like
        One distribution, or a batch of them (one per row).
    S : CredalSet
    atol : float
        Float distributions must be nonnegative and sum to 1 within ``atol``.
    backend : str, optional
        LP backend name (``"highs"``, ``"cvxpy"``, ``"exact"``); default: exact for exact
        inputs, HiGHS otherwise.

    Returns
    -------
    Fraction, float, or (m,) ndarray
        Exact when ``p`` and ``S`` are exact.

    Notes
    -----
    A TV ball uses ``max(d_TV(p, c) − r, 0)``. Any other set solves the LP dual
    ``max_{f in [0,1]^n} p·f − upper E_S f`` in the set's own form (no conversion);
    a batch re-solves one warm-started LP with a new cost per point.
    See :func:`tv_projection` for a nearest point.

    Cost per point: O(n) for a TV ball; otherwise one LP, with n + 1 variables and one row
    per given point (V-form) or n + m + (bounds) variables and n rows (H-form), built once
    per set and cached. Nothing is enumerated.

    Examples
    --------
    >>> import credal as cr
    >>> S = cr.CredalSet.from_bounds([0, 0, "1/2"], [1, 1, 1])
    >>> cr.distance_to_set(["1/2", "1/2", 0], S)
    Fraction(1, 2)
    """
    S = _check_set(S)
    atol = check_atol(atol)
    P, p_exact, single = _points(p, S, "p", atol)
    exact = p_exact and S.is_exact
    if backend is not None:
        chosen = get_backend(backend)
        if exact and not chosen.exact:
            raise InvalidArgumentError(
                f"backend={backend!r} solves in floats, but p and S are exact; omit backend "
                f"(or pass backend='exact'), or ask about S.to_float()")
    if not exact:
        S, P = S.to_float(), nums.to_float(P)
    d, _ = _distances(S, P, exact, backend)
    if single:
        return d[0] if exact else float(d[0])
    return nums.readonly(d if exact else np.asarray(d, dtype=np.float64))


def tv_projection(p: Any, S: CredalSet, *, atol: float = DEFAULT_ATOL) -> TVProjection:
    """The TV distance from ``p`` to ``S`` and a nearest point of ``S``.

    Parameters
    ----------
    p : (n_outcomes,) array_like or mapping outcome -> probability
    S : CredalSet
    atol : float
        Float distributions must be nonnegative and sum to 1 within ``atol``.

    Returns
    -------
    TVProjection
        ``distance`` (as :func:`distance_to_set`) and ``point``, a distribution in ``S``
        with ``d_TV(p, point) == distance`` (exactly, for exact inputs).

    Notes
    -----
    Solves ``min ½ Σ |q − p|`` over ``q in S`` with ``q − p = s⁺ − s⁻`` in the set's own
    form; a TV ball moves ``p`` along the segment towards its centre.

    Cost: O(n) for a TV ball; otherwise one LP built for this call (not cached), with
    k + 2n variables and n + 1 rows (V-form) or 3n variables and m + n + 1 rows (H-form).

    Examples
    --------
    >>> import credal as cr
    >>> S = cr.CredalSet.from_vertices([[1, 0, 0], [0, 1, 0]])
    >>> r = cr.tv_projection(["1/2", 0, "1/2"], S)
    >>> r.distance
    Fraction(1, 2)
    >>> r.point[2]
    Fraction(0, 1)
    """
    S, P, exact = _one_point(S, p, atol)
    x = P[0]
    n = S.n_outcomes
    st = S._structure
    if isinstance(st, TVBall):
        d0 = _tv(P, st.center, exact)[0]
        if d0 <= st.radius:
            point, dist = x.copy(), (Fraction(0) if exact else 0.0)
        else:
            t = 1 - st.radius / d0  # fraction of the way from p to the centre
            point = x + t * (st.center - x)
            dist = d0 - st.radius
    else:
        one = nums.filled(n, 1, exact)
        eye = nums.fraction_array(np.eye(n, dtype=np.int64)) if exact else np.eye(n)
        if S._points is not None:
            V = S._points
            k = V.shape[0]
            # variables (lambda, s+, s-): V' lambda - s+ + s- = p, sum lambda = 1
            A_eq = np.vstack([np.hstack([V.T, -eye, eye]),
                              np.concatenate([nums.filled(k, 1, exact),
                                              nums.filled(2 * n, 0, exact)])[None, :]])
            b_eq = np.concatenate([x, nums.filled(1, 1, exact)])
            c = np.concatenate([nums.filled(k, 0, exact), one, nums.filled(n, 0, exact)])
            lp = LinearProgram.create(c, A_eq=A_eq, b_eq=b_eq, lower=0, upper=None,
                                      exact=exact)
            sol = solve(lp).x
            assert sol is not None
            point = V.T @ sol[:k]
        else:
            R = region_lp(S, exact)
            m1 = R.A_ub.shape[0]
            A_ub = np.hstack([R.A_ub, nums.filled((m1, 2 * n), 0, exact)])
            A_eq = np.vstack([np.hstack([R.A_eq, nums.filled((R.A_eq.shape[0], 2 * n), 0,
                                                             exact)]),
                              np.hstack([eye, -eye, eye])])
            b_eq = np.concatenate([R.b_eq, x])
            c = np.concatenate([nums.filled(n, 0, exact), one, nums.filled(n, 0, exact)])
            lower = list(R.lower) + [0] * (2 * n)
            upper = list(R.upper) + [None] * (2 * n)
            lp = LinearProgram.create(c, A_ub, R.b_ub, A_eq, b_eq, lower=lower, upper=upper,
                                      exact=exact)
            sol = solve(lp).x
            assert sol is not None
            point = sol[:n]
        if not exact:
            point = np.clip(np.asarray(point, dtype=np.float64), 0.0, None)
            point = point / point.sum()
        dist = _tv(P, point, exact)[0]
    if not exact:
        point, dist = np.asarray(point, dtype=np.float64), float(dist)
    return TVProjection(dist, nums.readonly(np.array(point, dtype=object if exact
                                                     else np.float64)))


def hausdorff_distance(S: CredalSet, T: CredalSet) -> Value:
    """Hausdorff distance between two credal sets in the total-variation metric.

    ``d_H(S, T) = max(max_{p in S} d(p, T), max_{q in T} d(q, S))``.

    Parameters
    ----------
    S, T : CredalSet
        Over the same outcomes.

    Returns
    -------
    Fraction or float
        Exact when both sets are exact.

    Raises
    ------
    InvalidArgumentError
        Not credal sets, or sets over different outcomes.

    Notes
    -----
    ``p -> d(p, T)`` is convex, so each inner maximum is attained at a vertex: this is one
    distance LP per vertex of each set, each solved in the other set's own form. It equals
    ``max_{f in [0,1]^n} |lower E_S f − lower E_T f|`` (the support-function identity); the
    maximum over events alone is smaller in general when ``n >= 3``.

    Cost: k_S + k_T distances (an LP each, O(n) against a TV ball) in two warm-started
    batches, side by side for float sets of 16 points or more; k counts a V-form set's
    given points, a TV ball's marginal vectors, an H-form set's vertices (enumerated first).

    Examples
    --------
    >>> import credal as cr
    >>> S = cr.CredalSet.from_vertices([[1, 0, 0], [0, 1, 0]])
    >>> cr.hausdorff_distance(S, cr.vacuous(3))
    Fraction(1, 1)
    >>> cr.hausdorff_distance(cr.tv_ball([1, 0, 0], "1/4"), cr.precise([1, 0, 0]))
    Fraction(1, 4)
    """
    S, T, exact = _pair(S, T)
    if S is T:
        return Fraction(0) if exact else 0.0
    from ._polyhedra.points import generating_points

    def farthest(P: NDArray, B: CredalSet) -> Value:
        distance: Value = max(_distances(B, P, exact)[0])
        return distance

    # the maximum of the convex p -> d(p, B) over A is attained at points generating A
    PS, PT = generating_points(S), generating_points(T)
    if exact or min(len(PS), len(PT)) < _PARALLEL_POINTS:
        return max(farthest(PS, T), farthest(PT, S))
    # HiGHS releases the GIL: the two directions run side by side
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(2) as pool:
        one, other = pool.submit(farthest, PS, T), pool.submit(farthest, PT, S)
        return float(max(one.result(), other.result()))


def solve_hausdorff(S: CredalSet, T: CredalSet) -> HausdorffResult:
    """The Hausdorff distance between two credal sets, with the point that attains it and a
    witness gamble.

    Parameters
    ----------
    S, T : CredalSet
        Over the same outcomes.

    Returns
    -------
    HausdorffResult
        ``distance`` (as :func:`hausdorff_distance`), the farthest ``point`` of one set
        (``side`` says which), its ``nearest`` point in the other set, and a ``gamble``
        ``g in [0,1]^n`` whose lower expectations under ``S`` and ``T`` differ by exactly
        ``distance``.

    Raises
    ------
    InvalidArgumentError
        Not credal sets, or sets over different outcomes.

    Notes
    -----
    If ``p`` in ``S`` is farthest from ``T``, LP duality gives
    ``d(p, T) = max_{f in [0,1]^n} p·f − upper E_T f``; with the maximiser ``f`` and
    ``g = 1 − f``, ``lower E_T g − p·g = d(p, T)`` and ``lower E_S g <= p·g``, so
    ``lower E_T g − lower E_S g >= d_H(S, T)``. The support-function identity
    ``d_H(S, T) = max_{g in [0,1]^n} |lower E_S g − lower E_T g|`` bounds it above, so ``g``
    attains it. When ``n >= 3`` no event (0/1 gamble) need attain it.

    Cost: that of :func:`hausdorff_distance` (the separating gambles come with the distance
    LPs, so the witness costs no extra LP), then one projection LP for the farthest point.

    Examples
    --------
    >>> import credal as cr
    >>> urn = cr.CredalSet.from_constraints(A_eq=[[1, 0, 0]], b_eq=["1/3"])
    >>> r = cr.solve_hausdorff(urn, cr.vacuous(3))
    >>> r.distance, r.side, tuple(r.point)
    (Fraction(2, 3), 'T', (Fraction(1, 1), Fraction(0, 1), Fraction(0, 1)))
    >>> g = r.gamble
    >>> abs(cr.lower_expectation(urn, g) - cr.lower_expectation(cr.vacuous(3), g))
    Fraction(2, 3)
    """
    S, T, exact = _pair(S, T)
    from ._polyhedra.points import generating_points

    PS, PT = generating_points(S), generating_points(T)
    (dS, fS), (dT, fT) = (_distances(T, PS, exact, separating=True),
                          _distances(S, PT, exact, separating=True))
    assert fS is not None and fT is not None  # asked for
    iS, iT = int(np.argmax(dS)), int(np.argmax(dT))
    if dS[iS] >= dT[iT]:
        side, p, other, dist, f = "S", PS[iS], T, dS[iS], fS[iS]
    else:
        side, p, other, dist, f = "T", PT[iT], S, dT[iT], fT[iT]
    nearest = tv_projection(p, other).point
    if not exact:
        f = np.clip(f, 0.0, 1.0)  # the LP's rounding, kept inside [0, 1]
    dtype = object if exact else np.float64
    return HausdorffResult(dist if exact else float(dist), side,
                           nums.readonly(np.array(p, dtype=dtype)),
                           nums.readonly(np.array(nearest, dtype=dtype)),
                           nums.readonly(np.array(1 - f, dtype=dtype)))


def diameter(S: CredalSet) -> Value:
    """The largest TV distance between two distributions of ``S``.

    Attained at a pair of vertices (``d_TV`` is convex in each argument).

    Parameters
    ----------
    S : CredalSet

    Returns
    -------
    Fraction or float
        Exact for an exact set.

    Notes
    -----
    Cost: O(k² n) over the pairs of the k points that generate the set (vectorised for
    floats): a V-form set's own points, a TV ball's marginal vectors, an H-form set's
    vertices (enumerated once, then cached).

    Examples
    --------
    >>> import credal as cr
    >>> cr.diameter(cr.tv_ball(["1/2", "1/2", 0], "1/4"))
    Fraction(1, 2)
    >>> cr.diameter(cr.vacuous(3))
    Fraction(1, 1)
    """
    from ._polyhedra.points import generating_points

    S = _check_set(S)
    # The maximum of a convex function over a hull is attained at the points that
    # generate it, redundant or not: no LP to drop the redundant ones first.
    V = generating_points(S)
    k = V.shape[0]
    if S.is_exact:
        best = Fraction(0)
        for i in range(k):
            for j in range(i + 1, k):
                best = max(best, sum((abs(a - b) for a, b in zip(V[i], V[j], strict=True)),
                                     Fraction(0)) / 2)
        return best
    Vf = np.asarray(V, dtype=np.float64)
    best_f = 0.0
    step = max(1, _PAIR_CHUNK // max(k * V.shape[1], 1))
    for start in range(0, k, step):
        block = np.abs(Vf[start:start + step, None, :] - Vf[None, :, :]).sum(axis=2)
        best_f = max(best_f, 0.5 * float(block.max()))
    return best_f

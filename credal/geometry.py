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
from typing import Any, overload

import numpy as np

from ._core import numbers as nums
from ._core.arith import Arithmetic, arithmetic_of
from ._core.outcomes import (
    distribution_array,
    make_outcomes,
    unlabel,
)
from ._core.progress import Progress, check_progress
from ._core.types import NDArray, Value
from ._polyhedra.budget import check_max_vertices
from .errors import InvalidArgumentError
from .lp import get_backend
from .sets import CredalSet
from .sets._inclusion import distributions as _points
from .sets._kernels import tv_distances
from .sets._relations import check_set as _check_set
from .sets._relations import common as _common
from .sets._relations import generating_points
from .sets._relations import one_point as _one_point
from .sets._relations import same_outcomes as _same_outcomes
from .tolerance import DEFAULT_ATOL, check_atol

__all__ = ["TVProjection", "HausdorffResult", "tv_distance", "distance_to_set",
           "tv_projection", "hausdorff_distance", "solve_hausdorff", "diameter"]


#: Hausdorff distances enumerate at most this many vertices of an H-form set by default
#: (one distance LP each); ``max_vertices=None`` lifts the limit.
HAUSDORFF_MAX_VERTICES = 100_000
#: Distance LPs per progress report.
_PROGRESS_BLOCK = 512

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
def _tv(P: NDArray, q: NDArray, ar: Arithmetic) -> NDArray:
    """``d_TV`` of each row of P to q."""
    return tv_distances(P, q, ar)


def _distances(S: CredalSet, P: NDArray, ar: Arithmetic, backend: str | None = None, *,
               separating: bool = False) -> tuple[NDArray, NDArray | None]:
    """``d(p, S)`` for each row of P, and (where an LP was solved, or ``separating`` is
    asked for) a gamble in ``[0, 1]^n`` separating each p from S, asked of S's form.
    ``S`` is already in the wanted arithmetic."""
    return S.representation.distances(P, separating=separating, backend=backend)


def _pair(S: Any, T: Any) -> tuple[CredalSet, CredalSet, Arithmetic]:
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
    ar = arithmetic_of(a_exact, b_exact)
    exact = ar.exact
    if not exact:
        a, b = nums.to_float(a), nums.to_float(b)
    value = _tv(a.reshape(1, -1), b, ar)[0]
    return value if exact else float(value)


@overload
def distance_to_set(p: list[list[Any]] | NDArray, S: CredalSet, *,
                    atol: float = DEFAULT_ATOL, backend: str | None = None) -> NDArray | Value: ...
@overload
def distance_to_set(p: Any, S: CredalSet, *, atol: float = DEFAULT_ATOL,
                    backend: str | None = None) -> Value: ...
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
    P, p_exact, single = _points(p, S.outcomes, "p", atol)
    ar = arithmetic_of(p_exact, S.is_exact)
    exact = ar.exact
    _check_backend(backend, ar, "p and S")
    if not exact:
        S, P = S.to_float(), nums.to_float(P)
    d, _ = _distances(S, P, ar, backend)
    if single:
        return d[0] if exact else float(d[0])
    return nums.readonly(d if exact else np.asarray(d, dtype=np.float64))


def _check_backend(backend: str | None, ar: Arithmetic, inputs: str) -> None:
    """An unknown backend, or a float one for exact inputs, is an InvalidArgumentError."""
    if backend is None:
        return
    chosen = get_backend(backend)  # an unknown name raises, whatever the set's form
    if ar.exact and not chosen.exact:
        raise InvalidArgumentError(
            f"backend={backend!r} solves in floats, but {inputs} are exact; omit backend "
            f"(or pass backend='exact'), or ask about S.to_float()")


def tv_projection(p: Any, S: CredalSet, *, atol: float = DEFAULT_ATOL,
                  backend: str | None = None) -> TVProjection:
    """The TV distance from ``p`` to ``S`` and a nearest point of ``S``.

    Parameters
    ----------
    p : (n_outcomes,) array_like or mapping outcome -> probability
    S : CredalSet
    atol : float
        Float distributions must be nonnegative and sum to 1 within ``atol``.
    backend : str, optional
        LP backend for the distance LPs (``"highs"``, ``"cvxpy"``, ``"exact"``); by default
        exact for exact inputs and HiGHS for floats. A float backend on exact inputs is an
        error.

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
    S, P, ar = _one_point(S, p, atol)
    _check_backend(backend, ar, "p and S")
    x = P[0]
    form = S.representation
    closed = form.projection(x)
    if closed is not None:
        point, dist = closed
    else:
        from .sets._answers import projection_lp

        point, dist = projection_lp(form, x, backend)
    if not ar.exact:
        point, dist = np.asarray(point, dtype=np.float64), float(dist)
    return TVProjection(dist, nums.readonly(np.array(point, dtype=ar.dtype)))


def hausdorff_distance(S: CredalSet, T: CredalSet, *, backend: str | None = None,
                       max_vertices: int | None = HAUSDORFF_MAX_VERTICES,
                       progress: Progress | None = None) -> Value:
    """Hausdorff distance between two credal sets in the total-variation metric.

    ``d_H(S, T) = max(max_{p in S} d(p, T), max_{q in T} d(q, S))``.

    Parameters
    ----------
    S, T : CredalSet
        Over the same outcomes.
    backend : str, optional
        LP backend for the distance LPs (``"highs"``, ``"cvxpy"``, ``"exact"``); by default
        exact for exact inputs and HiGHS for floats. A float backend on exact inputs is an
        error.
    max_vertices : int or None, default 100,000
        The most vertices to enumerate for an H-form set (each costs one distance LP):
        beyond it :class:`~credal.errors.TooManyVerticesError` is raised as soon as the
        enumeration knows, before the LPs. ``None``: no limit.
    progress : callable, optional
        Called as ``progress(stage, done, total)``: ``"vertices"`` (and ``"certify"`` for
        exact sets) while vertices are enumerated, then ``"distances"`` after each block of
        distance LPs; an exception raised from it stops the computation.

    Returns
    -------
    Fraction or float
        Exact when both sets are exact.

    Raises
    ------
    InvalidArgumentError
        Not credal sets, or sets over different outcomes.
    TooManyVerticesError
        An H-form set has more than ``max_vertices`` vertices.

    Notes
    -----
    ``p -> d(p, T)`` is convex, so each inner maximum is attained at a vertex: this is one
    distance LP per vertex of each set, each solved in the other set's own form. It equals
    ``max_{f in [0,1]^n} |lower E_S f − lower E_T f|`` (the support-function identity); the
    maximum over events alone is smaller in general when ``n >= 3``.

    Cost: k_S + k_T distances (an LP each, O(n) against a TV ball) in two warm-started
    batches, side by side for float sets of 16 points or more; k counts a V-form set's
    given points, a TV ball's marginal vectors, an H-form set's vertices (enumerated first,
    see :meth:`CredalSet.enumerate_vertices`; at 30 outcomes and about 1,300 vertices per
    set, 0.45 s in floats and 3.3 s exactly).

    Examples
    --------
    >>> import credal as cr
    >>> S = cr.CredalSet.from_vertices([[1, 0, 0], [0, 1, 0]])
    >>> cr.hausdorff_distance(S, cr.vacuous(3))
    Fraction(1, 1)
    >>> cr.hausdorff_distance(cr.tv_ball([1, 0, 0], "1/4"), cr.precise([1, 0, 0]))
    Fraction(1, 4)
    """
    S, T, ar = _pair(S, T)
    _check_backend(backend, ar, "S and T")
    progress = check_progress(progress)
    check_max_vertices(max_vertices)
    exact = ar.exact
    if S is T:
        return Fraction(0) if exact else 0.0
    # the maximum of the convex p -> d(p, B) over A is attained at points generating A
    PS, PT = _generators(S, T, max_vertices, progress)
    count = _Count(len(PS) + len(PT), progress)

    def farthest(P: NDArray, B: CredalSet) -> Value:
        distance: Value = max(_blocks(B, P, ar, backend, count, separating=False)[0])
        return distance

    if exact or min(len(PS), len(PT)) < _PARALLEL_POINTS:
        return max(farthest(PS, T), farthest(PT, S))
    # HiGHS releases the GIL: the two directions run side by side
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(2) as pool:
        one, other = pool.submit(farthest, PS, T), pool.submit(farthest, PT, S)
        return float(max(one.result(), other.result()))


def _generators(S: CredalSet, T: CredalSet, max_vertices: int | None,
                progress: Progress | None) -> tuple[NDArray, NDArray]:
    return (generating_points(S, max_vertices=max_vertices, progress=progress),
            generating_points(T, max_vertices=max_vertices, progress=progress))


class _Count:
    """Distance LPs done of ``total``, reported as ``progress("distances", done, total)``
    (from two threads: the count is locked)."""

    def __init__(self, total: int, progress: Progress | None) -> None:
        import threading

        self.total, self.done, self.progress = total, 0, progress
        self.lock = threading.Lock()

    def add(self, k: int) -> None:
        if self.progress is None:
            return
        with self.lock:
            self.done += k
            self.progress("distances", self.done, self.total)


def _blocks(B: CredalSet, P: NDArray, ar: Arithmetic, backend: str | None, count: _Count, *,
            separating: bool) -> tuple[NDArray, NDArray | None]:
    """:func:`_distances` of the rows of ``P`` to ``B`` in blocks of
    :data:`_PROGRESS_BLOCK` rows, counted in ``count`` (one block when nobody listens)."""
    if count.progress is None:
        return _distances(B, P, ar, backend, separating=separating)
    d_parts: list[NDArray] = []
    f_parts: list[NDArray] = []
    for start in range(0, len(P), _PROGRESS_BLOCK):
        d, f = _distances(B, P[start:start + _PROGRESS_BLOCK], ar, backend,
                          separating=separating)
        d_parts.append(d)
        if f is not None:
            f_parts.append(f)
        count.add(len(d))
    if not d_parts:
        return _distances(B, P, ar, backend, separating=separating)
    fs = np.concatenate(f_parts) if len(f_parts) == len(d_parts) else None
    return np.concatenate(d_parts), fs


def solve_hausdorff(S: CredalSet, T: CredalSet, *, backend: str | None = None,
                    max_vertices: int | None = HAUSDORFF_MAX_VERTICES,
                    progress: Progress | None = None) -> HausdorffResult:
    """The Hausdorff distance between two credal sets, with the point that attains it and a
    witness gamble.

    Parameters
    ----------
    S, T : CredalSet
        Over the same outcomes.
    backend : str, optional
        LP backend for the distance LPs (``"highs"``, ``"cvxpy"``, ``"exact"``); by default
        exact for exact inputs and HiGHS for floats. A float backend on exact inputs is an
        error.
    max_vertices, progress
        As for :func:`hausdorff_distance`.

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
    S, T, ar = _pair(S, T)
    _check_backend(backend, ar, "S and T")
    progress = check_progress(progress)
    check_max_vertices(max_vertices)
    exact = ar.exact

    PS, PT = _generators(S, T, max_vertices, progress)
    count = _Count(len(PS) + len(PT), progress)
    (dS, fS), (dT, fT) = (_blocks(T, PS, ar, backend, count, separating=True),
                          _blocks(S, PT, ar, backend, count, separating=True))
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

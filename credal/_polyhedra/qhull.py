r"""Float vertex enumeration with Qhull, in the affine hull of the set.

The set is the polytope

.. math::

    P = \{p \in \mathbb{R}^n : p \ge 0,\ \textstyle\sum_j p_j = 1,\ A_{ub} p \le b_{ub},\
    A_{eq} p = b_{eq},\ \mathrm{lower} \le p \le \mathrm{upper}\}.

:func:`qhull_vertices` finds its vertices in three steps.

1. **The affine hull.** The equalities (``sum(p) = 1``, ``A_eq``, and the *implicit*
   equalities: inequality rows tight on all of ``P``, such as ``p_0 <= p_1`` and
   ``p_1 <= p_0`` or a bound with ``lower_j = upper_j``) cut out the affine hull of ``P``,
   parametrised as ``p = p0 + N z`` with ``N`` an orthonormal basis of the null space of the
   equality rows (from their singular value decomposition). The implicit equalities are
   found by linear programs: the largest common slack ``t`` of the inequality rows,
   normalised to unit length in ``z``, is their Chebyshev radius; when it is zero, every row
   tight at the optimum is a candidate and one LP per candidate (warm-started) measures the
   largest slack the row can have on ``P``; candidates whose largest slack is at most
   ``atol`` become equalities, and the search is repeated in the smaller hull.
2. **Qhull.** In the ``d``-dimensional hull, ``d >= 2``, the Chebyshev centre (the LP's
   optimum) is an interior point, and Qhull's halfspace intersection (Barber, Dobkin and
   Huhdanpaa, "The Quickhull algorithm for convex hulls", ACM TOMS 22(4), 1996; through
   :class:`scipy.spatial.HalfspaceIntersection`) computes the vertices as the facets of the
   polar dual. Qhull runs with scipy's default options (``Qx`` from 5 dimensions on):
   facets that are coplanar within its precision are merged, so a degenerate vertex (more
   than ``d`` rows through it, as at a vertex of the simplex with a cut through it) comes
   out once; "QJ" (joggled input) would move the vertices (by 1e-9 to 1e-8 in our
   measurements) and split a degenerate vertex into several, and "Qt" (triangulated
   output) would give it once per simplex of a triangulation. ``d == 0`` is a single point
   and ``d == 1`` a segment, computed directly.
3. **The check.** Every vertex must satisfy every row within ``CHECK_FACTOR * atol``, have
   at least ``d`` rows tight at it, and every edge leaving a simple vertex (one with exactly
   ``d`` tight rows: drop one of them) must end at a vertex found (one whose tight rows
   contain the ``d - 1`` others). A missing vertex whose neighbours are not all degenerate
   fails this test. No row may nearly pass through a vertex (see :data:`AMBIGUOUS`): then
   the slack ``t`` that each edge from a simple vertex ``v`` opens in the row it leaves
   exceeds ``AMBIGUOUS * atol``, the hyperplane through ``v``'s ``d`` neighbours lies at
   least ``1 / sum(1 / t)`` from it, and so does the hull of all the other vertices (which
   lies beyond that hyperplane): no vertex listed is within ``atol`` of the hull of the
   others, as when points are dropped by :func:`credal._polyhedra.points.minimal_points`.

Whenever a step is unreliable (inconsistent equalities, a set thinner than
:data:`THIN_RADIUS` but not detected as lower-dimensional, a Qhull error, a failed check),
the double description method of :mod:`~credal._polyhedra.vertex_enumeration` is used
instead (:func:`qhull_vertices`), or ``None`` is returned (:func:`try_qhull_vertices`) so
the caller can run its own checked path.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np

from .._core.arith import FLOAT, Arithmetic
from .._core.types import NDArray
from ..errors import InvalidArgumentError, SolverError
from ..lp import LinearProgram, LPStatus, get_backend
from ..tolerance import check_atol
from .budget import Progress, check_budget, check_max_vertices
from .vertex_enumeration import _near_duplicates, enumerate_vertices, tolerant_lex_order

__all__ = ["qhull_vertices", "try_qhull_vertices", "dd_vertices", "degenerate_vertex",
           "inequality_rows", "mcmullen_bound"]

#: A row is tight at a probed vertex within this much (times its largest coefficient).
_TIGHT_PROBE = 1e-9

#: ``progress(stage, done, total)``: called with ``stage == "vertices"`` and ``done`` out of
#: ``total`` inequality rows processed.

#: A set whose Chebyshev radius (in its affine hull) is at most this, but which has no
#: implicit equality, is too thin for Qhull's precision: the double description is used.
#: (Qhull's vertices were off by about ``1e-16 / radius`` in our measurements: 1e-11 at
#: radius 1e-6, up to 1e-9 at 1e-7.)
THIN_RADIUS = 1e-6

#: Vertices may violate a row by at most ``CHECK_FACTOR * atol``.
CHECK_FACTOR = 10

#: A row whose slack at a vertex Qhull found lies in ``(NOISE, AMBIGUOUS * atol]`` (in the
#: hull's units, distances) makes the answer ambiguous: the row nearly passes through the
#: vertex, and the exact polytope may have vertices within ``atol`` of the hull of the
#: others, which the float answer must not list. The double description, whose tolerance
#: decides such rows one way, is used instead. ``NOISE``: the slacks of the rows through a
#: vertex were below 1e-15 in our measurements (sets thicker than :data:`THIN_RADIUS`).
NOISE = 1e-12
AMBIGUOUS = 100

#: Singular values of the equality rows below this (relative to the largest) count as zero.
_RANK_RTOL = 1e-10


class _Unreliable(Exception):
    """Qhull's answer cannot be trusted here: use the double description instead."""


@dataclass
class _Rows:
    """``P`` as ``G p <= h`` and ``E p = f`` (float64), ``sum(p) = 1`` the first equality;
    ``simplex`` marks the rows ``-p_j <= -max(lower_j, 0)`` (alone they bound ``P``)."""

    G: NDArray
    h: NDArray
    E: NDArray
    f: NDArray
    simplex: NDArray


@dataclass
class _Hull:
    """``P`` in its affine hull ``p = p0 + N z``: ``Gz z <= hz`` with unit rows.

    ``centre`` and ``radius``: the Chebyshev centre and radius (``d >= 2``); for ``d == 1``
    ``centre`` holds the segment's two ends. ``simplex`` marks the rows from
    :attr:`_Rows.simplex`.
    """

    p0: NDArray
    N: NDArray
    Gz: NDArray
    hz: NDArray
    simplex: NDArray
    centre: NDArray
    radius: float

    @property
    def dim(self) -> int:
        return int(self.N.shape[1])


# ----------------------------------------------------------------------------------------
# public entry points
# ----------------------------------------------------------------------------------------


def qhull_vertices(A_ub: NDArray, b_ub: NDArray, A_eq: NDArray, b_eq: NDArray,
                   lower: NDArray, upper: NDArray, *, atol: float,
                   max_vertices: int | None = None,
                   progress: Progress | None = None) -> NDArray:
    r"""The vertices of ``P`` (see the module notes) by Qhull in its affine hull, or by the
    float double description where Qhull's answer cannot be trusted.

    Parameters
    ----------
    A_ub : (m1, n) array_like
    b_ub : (m1,) array_like
    A_eq : (m2, n) array_like
    b_eq : (m2,) array_like
        The constraint rows, each already scaled (largest absolute coefficient 1, as
        :func:`credal._core.arith.unit_rows` does).
    lower, upper : (n,) array_like
        Bounds on each probability; ``lower <= 0`` and ``upper >= 1`` are the simplex's own.
    atol : float, keyword-only
        Absolute tolerance: a row holds at a point when violated by at most ``atol``;
        points within ``atol`` of each other (in every coordinate) are one.
    max_vertices : int or None, keyword-only
        Refuse, rather than finish, an enumeration that would hold more than this many
        points (see Raises). ``None``: no limit.
    progress : callable or None, keyword-only
        Called as ``progress("vertices", done, total)`` with ``done`` of ``total``
        inequality rows processed: at the start, after each row Qhull adds when it works
        row by row (only under a ``max_vertices`` that the upper bound theorem does not
        already guarantee), and at the end.

    Returns
    -------
    numpy.ndarray, shape (k, n)
        The vertices, float64, in lexicographic order (values within ``atol`` tie), no two
        within ``atol`` of each other; ``k == 0`` when ``P`` is empty.

    Raises
    ------
    InvalidArgumentError
        ``atol`` is not a nonnegative number, ``max_vertices`` is not a positive int or
        ``None``; or the enumeration would hold more than ``max_vertices`` points: the set
        has more vertices than that, or (when Qhull works row by row) a polytope containing
        it, cut out by some of its rows, has.

    Notes
    -----
    Qhull cannot stop part-way. With a ``max_vertices`` below McMullen's upper bound on the
    number of vertices of a ``d``-polytope with ``f`` facets (McMullen, "The maximum
    numbers of faces of a convex polytope", Mathematika 17, 1970), Qhull first intersects
    the rows ``p >= lower`` (a simplex), then adds the other rows one at a time, each time
    the one that cuts off the most current vertices (rows that cut off none are dropped:
    the polytope only shrinks), and stops once the current polytope has more than
    ``max_vertices`` vertices. The double description fallback checks its answer's size
    only at its end.

    Examples
    --------
    >>> import numpy as np
    >>> V = qhull_vertices(np.zeros((0, 3)), np.zeros(0), np.zeros((0, 3)), np.zeros(0),
    ...                    [0.1, 0.2, 0.0], [0.5, 0.5, 1.0], atol=1e-9)
    >>> V.round(12).tolist()
    [[0.1, 0.2, 0.7], [0.1, 0.5, 0.4], [0.5, 0.2, 0.3], [0.5, 0.5, 0.0]]
    """
    check_max_vertices(max_vertices)
    atol = check_atol(atol)
    rows = _rows(A_ub, b_ub, A_eq, b_eq, lower, upper)
    V = _try_qhull(rows, atol, max_vertices, progress)
    if V is not None:
        return V
    n = rows.G.shape[1]
    args = _float_args(A_ub, b_ub, A_eq, b_eq, lower, upper, n)
    out = dd_vertices(args, FLOAT, atol, max_vertices, progress, rows.G.shape[0])
    check_budget(out.shape[0], max_vertices, None)
    if progress is not None:
        progress("vertices", rows.G.shape[0], rows.G.shape[0])
    return out


def dd_vertices(args: tuple[NDArray, ...], ar: Arithmetic, atol: float,
                max_vertices: int | None, progress: Progress | None, total: int) -> NDArray:
    """``enumerate_vertices(*args, ar=ar, atol=atol)``: the double description, stopped
    once it holds more than ``max_vertices`` rays after a step, reporting each step to
    ``progress`` (as a share of ``total``, the rows counted)."""
    from .vertex_enumeration import RayBudgetExceeded

    def report(done: int, steps: int) -> None:
        if progress is not None:
            progress("vertices", total * done // max(steps, 1), total)

    try:
        out: NDArray = enumerate_vertices(*args, ar=ar, atol=atol, max_rays=max_vertices,
                                          progress=None if progress is None else report)
    except RayBudgetExceeded as exc:
        check_budget(exc.rays, max_vertices,
                     f"vertices of a polytope containing the set, after {exc.done} of the "
                     f"double description's {exc.total} steps")
        raise
    return out


def try_qhull_vertices(A_ub: NDArray, b_ub: NDArray, A_eq: NDArray, b_eq: NDArray,
                       lower: NDArray, upper: NDArray, *, atol: float,
                       max_vertices: int | None = None,
                       progress: Progress | None = None) -> NDArray | None:
    """:func:`qhull_vertices` without the fallback: its answer, or ``None`` where that
    cannot be trusted (see the module notes). ``progress`` is called at the start, and at
    the end only when an answer is returned. Same parameters, raises as it does."""
    check_max_vertices(max_vertices)
    return _try_qhull(_rows(A_ub, b_ub, A_eq, b_eq, lower, upper), check_atol(atol),
                      max_vertices, progress)


def _try_qhull(rows: _Rows, atol: float, max_vertices: int | None,
               progress: Progress | None) -> NDArray | None:
    n = rows.G.shape[1]
    total = rows.G.shape[0]
    if progress is not None:
        progress("vertices", 0, total)
    if n == 0:
        return np.empty((0, 0))
    try:
        hull = _affine_hull(rows, atol)
        if hull is None:
            out = np.empty((0, n))
        else:
            Z = _hull_vertices(hull, atol, max_vertices, progress, total)
            out = _to_outcomes(hull, Z, rows, atol)
    except _Unreliable:
        return None
    check_budget(out.shape[0], max_vertices, None)
    if progress is not None:
        progress("vertices", total, total)
    return out


def degenerate_vertex(A_ub: NDArray, b_ub: NDArray, A_eq: NDArray, b_eq: NDArray,
                      lower: NDArray, upper: NDArray, *, atol: float) -> bool:
    """Whether a vertex of ``P`` has more tight rows than the dimension of ``P``'s affine
    hull (or some row is tight on all of ``P``): the vertices of two LPs with fixed generic
    costs are probed.

    Qhull merges the facets of its dual hull through such a vertex one by one, which on
    sets with many of them (rows such as ``p_i + p_{i+1} <= 1/4``, events, symmetric
    intervals) takes minutes where the double description takes under a second (measured:
    5,152 vertices over 24 outcomes, 48 s against 0.8 s); on generic rows (lower previsions
    of random gambles, cut simplices) the vertices are simple and Qhull is the faster."""
    rows = _rows(A_ub, b_ub, A_eq, b_eq, lower, upper)
    n = rows.G.shape[1]
    if n == 0:
        return False
    rank = int(np.linalg.matrix_rank(rows.E))
    d = n - rank
    j = np.arange(n, dtype=np.float64)
    backend = get_backend(None, exact=False)
    for cost in (np.cos(1.7 * j + 0.3), np.sin(2.3 * j + 1.1)):
        lp = LinearProgram.create(cost, A_ub=rows.G, b_ub=rows.h, A_eq=rows.E, b_eq=rows.f,
                                  lower=None, upper=None, exact=False)
        result = backend.solve(lp)
        if result.status is not LPStatus.OPTIMAL or result.x is None:
            return False  # empty or thin: the callers' own checks decide
        x = np.asarray(result.x, dtype=np.float64)
        scale = np.maximum(1.0, np.abs(rows.G).max(axis=1))
        tight = int(np.count_nonzero(rows.h - rows.G @ x <= _TIGHT_PROBE * scale))
        if tight > d:
            return True
    return False


def inequality_rows(A_ub: Any, upper: Any) -> int:
    """The ``total`` that ``progress`` counts to: the rows of ``A_ub``, one row
    ``p_j >= lower_j`` per outcome and one ``p_j <= upper_j`` per ``upper_j < 1``."""
    up = np.asarray(upper, dtype=np.float64).reshape(-1)
    A = np.asarray(A_ub)
    m1 = A.shape[0] if A.ndim == 2 else 0
    return m1 + up.shape[0] + int(np.count_nonzero(up < 1))


def mcmullen_bound(f: int, d: int) -> int:
    """McMullen's upper bound on the number of vertices of a ``d``-polytope with ``f``
    facets: ``C(f - ceil(d/2), floor(d/2)) + C(f - floor(d/2) - 1, ceil(d/2) - 1)``,
    attained by the duals of cyclic polytopes (McMullen 1970). ``d <= 1``: at most
    ``d + 1``."""
    if d <= 1:
        return d + 1
    if f <= d:
        return 0  # no bounded d-polytope has so few facets
    lo, hi = d // 2, (d + 1) // 2
    return math.comb(f - hi, lo) + math.comb(f - lo - 1, hi - 1)


# ----------------------------------------------------------------------------------------
# the rows
# ----------------------------------------------------------------------------------------


def _float_args(A_ub: Any, b_ub: Any, A_eq: Any, b_eq: Any, lower: Any, upper: Any,
                n: int) -> tuple[NDArray, ...]:
    def mat(A: Any) -> NDArray:
        arr = np.asarray(A, dtype=np.float64)
        return arr.reshape(-1, n) if arr.size or n else arr.reshape(0, 0)

    return (mat(A_ub), np.asarray(b_ub, dtype=np.float64).reshape(-1), mat(A_eq),
            np.asarray(b_eq, dtype=np.float64).reshape(-1),
            np.asarray(lower, dtype=np.float64).reshape(-1),
            np.asarray(upper, dtype=np.float64).reshape(-1))


def _rows(A_ub: Any, b_ub: Any, A_eq: Any, b_eq: Any, lower: Any, upper: Any) -> _Rows:
    """The rows of ``P``: ``A_ub``, then ``-p_j <= -max(lower_j, 0)`` for every ``j``, then
    ``p_j <= upper_j`` where ``upper_j < 1``; equalities ``sum(p) = 1`` then ``A_eq``."""
    n = np.asarray(lower).reshape(-1).shape[0]
    A, b, Ae, be, lo, up = _float_args(A_ub, b_ub, A_eq, b_eq, lower, upper, n)
    capped = np.flatnonzero(up < 1)
    G = np.vstack([A, -np.eye(n), np.eye(n)[capped]])
    h = np.concatenate([b, -np.maximum(lo, 0.0), up[capped]])
    E = np.vstack([np.ones((1, n)), Ae])
    f = np.concatenate([[1.0], be])
    simplex = np.zeros(G.shape[0], dtype=bool)
    simplex[A.shape[0]:A.shape[0] + n] = True
    return _Rows(G, h, E, f, simplex)


# ----------------------------------------------------------------------------------------
# step 1: the affine hull and the Chebyshev centre
# ----------------------------------------------------------------------------------------


def _parametrise(E: NDArray, f: NDArray, atol: float) -> tuple[NDArray, NDArray]:
    """``(p0, N)`` with ``{p : E p = f} = {p0 + N z}``, ``N`` orthonormal (n, d)."""
    U, s, Vt = np.linalg.svd(E, full_matrices=True)
    rank = int(np.count_nonzero(s > _RANK_RTOL * s[0])) if s.size else 0
    p0 = Vt[:rank].T @ ((U[:, :rank].T @ f) / s[:rank])  # the least-norm solution
    if np.abs(E @ p0 - f).max() > atol:
        raise _Unreliable  # inconsistent within atol, or nearly dependent rows
    N = Vt[rank:].T
    return p0, np.ascontiguousarray(N)


def _affine_hull(rows: _Rows, atol: float) -> _Hull | None:
    """``P`` in its affine hull, or ``None`` when ``P`` is empty (by more than
    ``CHECK_FACTOR * atol``). Raises :class:`_Unreliable` for a thin set, inconsistent
    equalities, or an LP that fails."""
    G, h, E, f, simplex = rows.G, rows.h, rows.E, rows.f, rows.simplex
    slack_tol = CHECK_FACTOR * atol
    for _ in range(G.shape[0] + 1):
        p0, N = _parametrise(E, f, atol)
        d = N.shape[1]
        Gz = G @ N
        hz = h - G @ p0
        w = np.linalg.norm(Gz, axis=1)
        flat = w <= 1e-9  # rows (almost) constant on the hull: z varies by at most sqrt(2)
        spread = np.sqrt(2.0) * w[flat]
        if (hz[flat] + spread < -slack_tol).any():
            return None  # a row violated all over the hull
        if (hz[flat] - spread < -slack_tol).any():
            raise _Unreliable  # a nearly flat row that may or may not cut
        keep = ~flat
        Gz, hz = Gz[keep] / w[keep, None], hz[keep] / w[keep]
        if d == 0:
            return _Hull(p0, N, Gz, hz, simplex[keep], np.zeros((1, 0)), 0.0)
        if d == 1:
            return _segment(p0, N, Gz, hz, simplex[keep], atol)
        centre, radius, status = _chebyshev(Gz, hz)
        if status is not LPStatus.OPTIMAL:
            raise _Unreliable
        if radius > THIN_RADIUS:
            return _Hull(p0, N, Gz, hz, simplex[keep], centre, radius)
        if radius < -slack_tol:
            return None
        if radius > atol:
            raise _Unreliable  # thin, but no row is an equality: beyond Qhull's precision
        # Implicit equalities: every one is tight at the centre; measure each candidate.
        slack = hz - Gz @ centre
        cand = np.flatnonzero(slack <= max(radius, 0.0) + slack_tol)
        eq = cand[_largest_slacks(Gz, hz, cand) <= atol]
        if eq.size == 0:
            raise _Unreliable
        idx = np.flatnonzero(keep)[eq]  # rows of G
        E = np.vstack([E, G[idx]])
        f = np.concatenate([f, h[idx]])
        rest = np.ones(G.shape[0], dtype=bool)
        rest[idx] = False
        G, h, simplex = G[rest], h[rest], simplex[rest]
    raise _Unreliable  # pragma: no cover - each round moves at least one row


def _segment(p0: NDArray, N: NDArray, Gz: NDArray, hz: NDArray, simplex: NDArray,
             atol: float) -> _Hull | None:
    """``d == 1``: the interval of ``z`` the rows leave (each row is ``+-z <= hz_i`` after
    normalisation), as a ``_Hull`` whose ``centre`` holds the two ends."""
    g = Gz[:, 0]
    up = hz[g > 0] / g[g > 0]
    down = hz[g < 0] / g[g < 0]
    if up.size == 0 or down.size == 0:
        raise _Unreliable  # unbounded: cannot happen inside the simplex
    a, b = float(down.max()), float(up.min())
    if b < a - CHECK_FACTOR * atol:
        return None
    if b < a:
        a = b = (a + b) / 2
    return _Hull(p0, N, Gz, hz, simplex, np.array([[a], [b]]), (b - a) / 2)


def _chebyshev(Gz: NDArray, hz: NDArray) -> tuple[NDArray, float, LPStatus]:
    """The Chebyshev centre and radius of ``{z : Gz z <= hz}`` (unit rows): maximise ``t``
    subject to ``Gz z + t <= hz``, ``t <= 1`` (``z`` and ``t`` otherwise free, so the LP is
    feasible even for an empty set, where ``t < 0``)."""
    m, d = Gz.shape
    c = np.zeros(d + 1)
    c[-1] = -1.0
    lp = LinearProgram.create(c, A_ub=np.hstack([Gz, np.ones((m, 1))]), b_ub=hz,
                              lower=None, upper=[None] * d + [1.0], exact=False)
    result = get_backend(None, exact=False).solve(lp)
    if result.status is not LPStatus.OPTIMAL or result.x is None:
        return np.zeros(d), 0.0, result.status
    z = np.asarray(result.x, dtype=np.float64)[:d]
    # the radius the point really has (the LP's t may be off by its tolerance)
    return z, float(np.min(hz - Gz @ z)), result.status


def _largest_slacks(Gz: NDArray, hz: NDArray, rows: NDArray) -> NDArray:
    """For each row ``i`` in ``rows``, the largest slack ``hz_i - Gz_i z`` over the set
    (one warm-started LP each)."""
    if rows.size == 0:
        return np.zeros(0)
    d = Gz.shape[1]
    lp = LinearProgram.create(np.zeros(d), A_ub=Gz, b_ub=hz, lower=None, upper=None,
                              exact=False)
    try:
        values, _ = get_backend(None, exact=False).solve_many(lp, Gz[rows])
    except SolverError:
        raise _Unreliable from None
    out: NDArray = hz[rows] - values
    return out


# ----------------------------------------------------------------------------------------
# step 2: Qhull
# ----------------------------------------------------------------------------------------


def _hull_vertices(hull: _Hull, atol: float, max_vertices: int | None,
                   progress: Progress | None, total: int) -> NDArray:
    """The vertices of the hull's polytope in ``z``, checked (``d >= 2``), or the point /
    the segment's ends."""
    d = hull.dim
    if d == 0:
        return np.zeros((1, 0))
    if d == 1:
        return hull.centre
    # one copy of each row: a repeated row (a bound written again as a row) would make
    # simple vertices look degenerate to the check
    H = np.hstack([hull.Gz, hull.hz[:, None]])
    _, first, inverse = np.unique(np.round(H, 13), axis=0, return_index=True,
                                  return_inverse=True)
    simplex = np.zeros(first.size, dtype=bool)
    simplex[inverse.reshape(-1)[hull.simplex]] = True
    Gz, hz = hull.Gz[first], hull.hz[first]
    row_by_row = max_vertices is not None and mcmullen_bound(Gz.shape[0], d) > max_vertices
    from scipy.spatial import HalfspaceIntersection, QhullError

    try:
        if row_by_row:
            assert max_vertices is not None
            Z = _qhull_row_by_row(Gz, hz, simplex, hull.centre, max_vertices, progress,
                                  total)
        else:
            Z = HalfspaceIntersection(np.hstack([Gz, -hz[:, None]]),
                                      hull.centre).intersections
    except InvalidArgumentError:  # over the budget (a ValueError too)
        raise
    except (QhullError, ValueError) as exc:  # ValueError: input scipy finds degenerate
        raise _Unreliable from exc
    if Z.shape[0] == 0 or not np.isfinite(Z).all():
        raise _Unreliable
    _check(Z, Gz, hz, atol)
    return Z


def _qhull_row_by_row(Gz: NDArray, hz: NDArray, simplex: NDArray, centre: NDArray,
                      max_vertices: int, progress: Progress | None, total: int) -> NDArray:
    """Qhull from the rows ``p_j >= lower_j`` (a simplex in the hull), adding the other
    rows one at a time, each time the one that cuts off the most current vertices; rows
    that cut off none are dropped. Raises once there are more than ``max_vertices``."""
    from scipy.spatial import HalfspaceIntersection

    H = np.hstack([Gz, -hz[:, None]])
    hs = HalfspaceIntersection(H[simplex], centre, incremental=True)
    try:
        rest = np.flatnonzero(~simplex)
        done = total - rest.size
        while True:
            Z: NDArray = hs.intersections
            check_budget(Z.shape[0], max_vertices,
                         f"vertices of a polytope containing the set, cut out by {done} of "
                         f"its {total} rows")
            if progress is not None and done < total:
                progress("vertices", done, total)
            if rest.size == 0:
                return Z
            cut = (Z @ Gz[rest].T > hz[rest] + 1e-12).sum(axis=0)
            done += int(np.count_nonzero(cut == 0))
            rest = rest[cut > 0]
            if rest.size == 0:
                return Z
            best = int(np.argmax(cut[cut > 0]))
            hs.add_halfspaces(H[rest[best]][None, :])
            rest = np.delete(rest, best)
            done += 1
    finally:
        hs.close()


# ----------------------------------------------------------------------------------------
# step 3: the check, and back to the outcomes
# ----------------------------------------------------------------------------------------

#: Fixed pseudo-random 64-bit weights hashing sets of rows (see :func:`_check`).
_WEIGHTS = np.random.default_rng(20240229).integers(0, 2**63, size=4096, dtype=np.uint64)


def _row_weights(m: int) -> NDArray:
    if m <= _WEIGHTS.size:
        return _WEIGHTS[:m]
    return np.random.default_rng(20240229).integers(0, 2**63, size=m, dtype=np.uint64)


def _check(Z: NDArray, Gz: NDArray, hz: NDArray, atol: float) -> None:
    """Raise :class:`_Unreliable` unless the points ``Z`` (k, d) pass the module's checks:
    every row holds within ``CHECK_FACTOR * atol``, no slack lies in ``(NOISE, AMBIGUOUS *
    atol]``, at least ``d`` rows are tight (slack at most ``NOISE``) at each point, and
    every edge leaving a simple point ends at a point found.

    The edges: dropping tight row ``j`` at a simple vertex ``v`` leaves ``d - 1`` rows whose
    solutions form the line of an edge; its other end is a vertex ``w`` at which those rows
    are tight too. When ``w`` is simple it produces the same set of ``d - 1`` rows, so each
    such set must come up twice; a set that comes up once must lie in the tight rows of a
    degenerate point. Sets are compared by a hash (a sum of fixed random 64-bit weights,
    one per row, wrapping around).
    """
    k, d = Z.shape
    S = hz[None, :] - Z @ Gz.T
    if (S < -CHECK_FACTOR * atol).any():
        raise _Unreliable
    noise = min(NOISE, atol)
    if ((S > noise) & (S <= AMBIGUOUS * atol)).any():
        raise _Unreliable  # a row nearly through a vertex
    tight = S <= noise
    counts = tight.sum(axis=1)
    if (counts < d).any():
        raise _Unreliable
    simple = counts == d
    if not simple.any():
        return
    W = _row_weights(Gz.shape[0])
    idx = np.nonzero(tight[simple])[1].reshape(-1, d)  # the d tight rows, ascending
    Wi = W[idx]
    keys = (Wi.sum(axis=1, dtype=np.uint64)[:, None] - Wi).reshape(-1)
    _, inverse, count = np.unique(keys, return_inverse=True, return_counts=True)
    lonely = np.flatnonzero(count[inverse.reshape(-1)] == 1)
    if lonely.size == 0:
        return
    degenerate = tight[~simple]
    for pos in lonely.tolist():
        v, j = divmod(pos, d)
        rows = np.delete(idx[v], j)
        if not degenerate[:, rows].all(axis=1).any():
            raise _Unreliable  # an edge to a vertex that was not found


def _to_outcomes(hull: _Hull, Z: NDArray, rows: _Rows, atol: float) -> NDArray:
    """The points ``p0 + N z``, negatives within ``CHECK_FACTOR * atol`` clipped and the sum
    brought back to 1, checked against every row of ``P``, near-duplicates merged and
    sorted."""
    tol = CHECK_FACTOR * atol
    P = hull.p0[None, :] + Z @ hull.N.T
    if (P < -tol).any():
        raise _Unreliable
    np.clip(P, 0.0, None, out=P)
    total = P.sum(axis=1)
    if (np.abs(total - 1.0) > tol).any():
        raise _Unreliable
    P /= total[:, None]
    if (P @ rows.G.T > rows.h[None, :] + tol).any() or \
            (np.abs(P @ rows.E.T - rows.f[None, :]) > tol).any():
        raise _Unreliable
    # fixed positive weights summing to 1 (not all equal: every point has sum 1)
    w = np.random.default_rng(20240229).random(P.shape[1]) + 0.5
    keep, _ = _near_duplicates(P, w / w.sum(), atol)
    P = P[np.asarray(keep, dtype=np.intp)]
    return np.ascontiguousarray(P[tolerant_lex_order(P, atol)])

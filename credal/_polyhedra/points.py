"""Canonical vertices of a credal set, whatever form it was given in.

* V-form: duplicates and points inside the hull of the others are dropped (one LP per
  point, exact for exact sets);
* H-form: vertex enumeration by the double description method (:mod:`credal._polytope`);
* TV ball: the marginal vectors of its 2-monotone lower probability, enumerated directly.

Rows come back in lexicographic order.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np

from .._core.arith import EXACT, FLOAT, Arithmetic, unit_rows
from .._core.types import NDArray
from ..errors import EmptySetError
from ..lp import LinearProgram, LPStatus, check_optimal, get_backend
from ..tolerance import DEFAULT_ATOL

if TYPE_CHECKING:
    from .budget import Progress


def constraint_vertices(A_ub: NDArray, b_ub: NDArray, A_eq: NDArray, b_eq: NDArray,
                        lower: NDArray, upper: NDArray, ar: Arithmetic, *,
                        max_vertices: int | None = None,
                        progress: Progress | None = None) -> NDArray:
    """The vertices of ``{p in simplex : A_ub p <= b_ub, A_eq p = b_eq, lower <= p <= upper}``
    in lexicographic order.

    Floats: :func:`float_vertices` (Qhull, checked; rows scaled to unit size first, as the
    LPs see them). Exact: from :data:`QHULL_FROM` outcomes on, the float vertices of the
    rounded rows certified exactly and completed by exact pivots
    (:func:`credal._polyhedra.certify.certify_vertices`); below that, or when a probed
    vertex is degenerate (:func:`credal._polyhedra.qhull.degenerate_vertex`), the exact
    double description. ``max_vertices`` (raise :class:`~credal.errors.TooManyVerticesError` past
    it) and ``progress(stage, done, total)`` as in :func:`float_vertices`."""
    from .budget import check_max_vertices

    check_max_vertices(max_vertices)
    if ar.exact:
        from .._core.numbers import to_float
        from .certify import certify_vertices
        from .qhull import degenerate_vertex, try_qhull_vertices
        from .vertex_enumeration import enumerate_vertices

        n = len(lower)
        fA_ub, fb_ub = unit_rows(to_float(A_ub).reshape(-1, n), to_float(b_ub))
        fA_eq, fb_eq = unit_rows(to_float(A_eq).reshape(-1, n), to_float(b_eq))
        floats = (fA_ub, fb_ub, fA_eq, fb_eq, to_float(lower), to_float(upper))
        if n < QHULL_FROM or degenerate_vertex(*floats, atol=DEFAULT_ATOL):
            return enumerate_vertices(A_ub, b_ub, A_eq, b_eq, lower, upper, ar=EXACT,
                                      max_rays=max_vertices)
        hints = try_qhull_vertices(*floats, atol=DEFAULT_ATOL, max_vertices=max_vertices,
                                   progress=progress)
        return certify_vertices(A_ub, b_ub, A_eq, b_eq, lower, upper, hints,
                                max_vertices=max_vertices, progress=progress)
    A_ub, b_ub = unit_rows(A_ub, b_ub)
    A_eq, b_eq = unit_rows(A_eq, b_eq)
    return float_vertices(A_ub, b_ub, A_eq, b_eq, lower, upper, max_vertices=max_vertices,
                          progress=progress)


def region_vertices(region: Any, ar: Arithmetic, *, max_vertices: int | None = None,
                    progress: Progress | None = None) -> NDArray:
    """The vertices of a lifted H-form (see :class:`credal.sets._form.Region`): its
    variables' polytope (in the simplex of the variables) enumerated, mapped through its
    ``image``, and the points that are not extreme dropped. Exponential in the number of
    variables in the worst case."""
    lower = ar.array([0 if v is None else v for v in region.lower])
    upper = ar.array([1 if u is None else u for u in region.upper])
    # the region's last equality is sum(z) = 1, implicit in the enumeration
    Z = constraint_vertices(region.A_ub, region.b_ub, region.A_eq[:-1], region.b_eq[:-1],
                            lower, upper, ar, max_vertices=max_vertices, progress=progress)
    if region.image is None:
        return Z
    return minimal_points(np.asarray(region.outcome_points(Z), dtype=ar.dtype), ar)


def facets_checked(points: NDArray, ar: Arithmetic) -> tuple[NDArray, NDArray, NDArray, NDArray]:
    """An irredundant H-form of the hull of ``points``: exact facet enumeration, or the
    checked float one (see :func:`float_facets`)."""
    from .facets import facets_of_points

    if ar.exact:
        out: tuple[NDArray, NDArray, NDArray, NDArray] = facets_of_points(points, EXACT)
        return out
    return float_facets(points)


#: Float vertex and facet enumeration runs twice, at ``DEFAULT_ATOL`` and at this looser
#: tolerance. Near-degenerate data (many constraints almost through one vertex) can make the
#: float double description lose a vertex at one tolerance; when the two runs disagree, the
#: answer is recomputed exactly from the floats' exact binary values.
CHECK_ATOL = 1e-7


def _agree(X: NDArray, Y: NDArray, tol: float) -> bool:
    """Same number of rows, each row of either within ``tol`` (max-norm) of one of the other."""
    if X.shape != Y.shape:
        return False
    if X.shape[0] == 0:
        return True
    from scipy.spatial import cKDTree

    for P, Q in ((X, Y), (Y, X)):
        d, _ = cKDTree(Q).query(P, k=1, p=np.inf, distance_upper_bound=2 * tol)
        if not (d <= tol).all():
            return False
    return True


#: :func:`float_vertices` tries Qhull (:mod:`credal._polyhedra.qhull`) first from this many
#: outcomes on. Below it both take about a millisecond; from 4 outcomes on Qhull is as fast
#: on a simplex with two cuts and faster on sets with more rows (2-3x at 8-10 outcomes;
#: ``python benchmarks/vertices.py --crossover``).
QHULL_FROM = 4


def float_vertices(A_ub: NDArray, b_ub: NDArray, A_eq: NDArray, b_eq: NDArray,
                   lower: NDArray, upper: NDArray, *, max_vertices: int | None = None,
                   progress: Progress | None = None) -> NDArray:
    """Vertices of a float H-form (rows already scaled).

    From :data:`QHULL_FROM` outcomes on, Qhull in the set's affine hull, checked
    (:func:`credal._polyhedra.qhull.try_qhull_vertices`); below that, when a probed vertex
    is degenerate (:func:`credal._polyhedra.qhull.degenerate_vertex`: Qhull is slow there),
    or where Qhull's answer cannot be trusted, the float double description run twice and
    checked as :data:`CHECK_ATOL` says. Returns float64 rows in lexicographic order; points
    closer than ``DEFAULT_ATOL`` are one. ``max_vertices`` and ``progress`` as in
    :func:`~credal._polyhedra.qhull.qhull_vertices` (the double description checks the
    budget on its answer only).
    """
    from .._core.numbers import to_exact
    from .budget import check_budget, check_max_vertices
    from .qhull import dd_vertices, degenerate_vertex, inequality_rows, try_qhull_vertices
    from .vertex_enumeration import enumerate_vertices

    args = (A_ub, b_ub, A_eq, b_eq, lower, upper)
    n = np.asarray(lower).reshape(-1).shape[0]
    total = inequality_rows(A_ub, upper)
    if n >= QHULL_FROM and not degenerate_vertex(*args, atol=DEFAULT_ATOL):
        V = try_qhull_vertices(*args, atol=DEFAULT_ATOL, max_vertices=max_vertices,
                               progress=progress)
        if V is not None and V.shape[0]:
            return V
    elif progress is not None:
        progress("vertices", 0, total)
    check_max_vertices(max_vertices)
    V = dd_vertices(args, FLOAT, DEFAULT_ATOL, max_vertices, progress, total)
    if V.shape[0] and _agree(V, dd_vertices(args, FLOAT, CHECK_ATOL, max_vertices, None, total),
                             10 * CHECK_ATOL):
        check_budget(V.shape[0], max_vertices, None)
        if progress is not None:
            progress("vertices", total, total)
        return V
    # Disagreement, or no vertex at all for a set known to be nonempty: enumerate the
    # floats' exact values, then merge what lies within DEFAULT_ATOL of the others' hull.
    E = dd_vertices(tuple(to_exact(np.asarray(a, dtype=np.float64)) for a in args), EXACT,
                    DEFAULT_ATOL, max_vertices, None, total)
    if E.shape[0] == 0:
        # Nonempty within the LP tolerance (checked at construction) but exactly empty,
        # e.g. equalities whose sum misses sum(p) = 1 by rounding: loosen every row by
        # DEFAULT_ATOL (equalities become slabs) and enumerate that exactly.
        t = DEFAULT_ATOL
        A = np.vstack([A_ub, A_eq, -np.asarray(A_eq)]).astype(np.float64)
        b = np.concatenate([np.asarray(b_ub) + t, np.asarray(b_eq) + t,
                            -np.asarray(b_eq) + t]).astype(np.float64)
        lo = np.clip(np.asarray(lower, dtype=np.float64) - t, 0.0, 1.0)
        up = np.clip(np.asarray(upper, dtype=np.float64) + t, 0.0, 1.0)
        n = A.shape[1]
        E = enumerate_vertices(to_exact(A), to_exact(b), to_exact(np.zeros((0, n))),
                               to_exact(np.zeros(0)), to_exact(lo), to_exact(up), ar=EXACT)
        if E.shape[0] == 0:
            raise EmptySetError(
                "the constraints admit no distribution even loosened by atol="
                f"{DEFAULT_ATOL}; the set was accepted by the LP's own tolerance only")
    V = minimal_points(E.astype(np.float64), FLOAT)
    check_budget(V.shape[0], max_vertices, None)
    if progress is not None:
        progress("vertices", total, total)
    return V


def float_facets(points: NDArray) -> tuple[NDArray, NDArray, NDArray, NDArray]:
    """Irredundant H-form of the hull of float points, checked as :data:`CHECK_ATOL` says."""
    from .._core.numbers import to_exact
    from .facets import facets_of_points

    out = facets_of_points(points, FLOAT, DEFAULT_ATOL)
    loose = facets_of_points(points, FLOAT, CHECK_ATOL)
    if all(_agree(np.column_stack([A, b]), np.column_stack([A2, b2]), 10 * CHECK_ATOL)
           for (A, b), (A2, b2) in (((out[0], out[1]), (loose[0], loose[1])),
                                    ((out[2], out[3]), (loose[2], loose[3])))):
        return out
    P = to_exact(np.asarray(points, dtype=np.float64))
    for row in P:  # exact binary values need not sum to 1 exactly
        total = sum(row)
        row[:] = [v / total for v in row]
    exact = facets_of_points(P, EXACT)
    return tuple(np.asarray(a, dtype=np.float64) for a in exact)  # type: ignore[return-value]


def vertex_count_bound(h: Any) -> int:
    """An upper bound on the number of vertices of the H-form ``h`` (a ``Constraints``), without
    enumerating: McMullen's upper bound theorem
    (:func:`~credal._polyhedra.qhull.mcmullen_bound`) maximised over the dimensions
    ``d < n_outcomes`` (equalities may lower it), ``f`` counting the inequality rows and
    every bound that is not the simplex's own ``p_i <= 1``. O(n) arithmetic."""
    from .qhull import mcmullen_bound

    n = h.A_ub.shape[1]
    f = h.A_ub.shape[0] + n + sum(1 for u in h.upper if u < 1)
    return max([1, *(mcmullen_bound(f, d) for d in range(1, n))])


def sort_rows(points: NDArray, ar: Arithmetic) -> NDArray:
    """Unique rows in lexicographic order (``points`` in the arithmetic ``ar``). Float
    rows within ``DEFAULT_ATOL`` of each other count as one, and so do coordinates in the
    order, so ulp noise cannot reorder rows."""
    if ar.exact:
        rows = sorted(set(tuple(r) for r in points))
        out = np.empty((len(rows), points.shape[1]), dtype=object)
        for i, r in enumerate(rows):
            out[i] = r
        return out
    from .vertex_enumeration import tolerant_lex_order

    pts = np.asarray(points, dtype=np.float64)
    unique = pts[_first_of_near_duplicates(pts, DEFAULT_ATOL)]
    return unique[tolerant_lex_order(unique, DEFAULT_ATOL)]


def _first_of_near_duplicates(
    pts: NDArray, atol: float
) -> np.ndarray[tuple[int], np.dtype[np.bool_]]:
    """Which rows to keep: row ``i`` goes when an earlier kept row is within ``atol`` of it
    in every coordinate.

    Candidates come from a sweep along one fixed direction ``u > 0``: rows within ``atol``
    of each other have projections within ``atol * sum(u)``, so each row is compared only
    with the rows in that window of the sorted projections. O(K log K + K w n) for K rows
    with w candidates each (w is small unless many rows nearly coincide), instead of
    O(K^2 n) for all pairs.
    """
    K, n = pts.shape
    keep = np.ones(K, dtype=bool)
    if K < 2:
        return keep
    u = 1.0 + (np.arange(n) * 0.6180339887498949) % 1.0  # fixed, irrational-ish weights
    proj = pts @ u
    # the window, widened by the rounding error of the projections
    width = atol * u.sum() * (1 + 1e-9) + 4 * n * np.finfo(float).eps * np.abs(proj).max()
    order = np.argsort(proj, kind="stable")
    sp = proj[order]
    lo = np.searchsorted(sp, proj - width, side="left")
    hi = np.searchsorted(sp, proj + width, side="right")
    for i in np.flatnonzero(hi - lo > 1):  # rows with another row in their window
        cand = order[lo[i]:hi[i]]
        cand = cand[cand < i]
        cand = cand[keep[cand]]
        if cand.size and (np.abs(pts[cand] - pts[i]).max(axis=1) <= atol).any():
            keep[i] = False
    return keep


def minimal_points(points: NDArray, ar: Arithmetic) -> NDArray:
    """The extreme points among ``points`` (in the arithmetic ``ar``): drop duplicates and
    convex combinations.

    Exact: a point goes when it is exactly a convex combination of the others (an exact
    feasibility LP). Float: when its L1 distance to the hull of the others is at most
    ``DEFAULT_ATOL`` (an LP that is always feasible, so no fragile infeasibility verdict
    decides it).
    """
    pts = sort_rows(points, ar)
    k, n = pts.shape
    if k <= 2:
        return pts
    backend = get_backend(None, exact=ar.exact)
    keep = np.ones(k, dtype=bool)
    for i in range(k):
        others = pts[keep & (np.arange(k) != i)]
        if others.shape[0] == 0:
            continue
        m = others.shape[0]
        if ar.exact:
            b = np.concatenate([pts[i], ar.filled(1, 1)])
            lp = LinearProgram.create(ar.filled(m, 0),
                                      A_eq=np.vstack([others.T, ar.filled((1, m), 1)]),
                                      b_eq=b, lower=0, upper=None, exact=True)
            result = backend.solve(lp)
            if result.status is LPStatus.OPTIMAL:
                keep[i] = False  # pts[i] is a convex combination of the others
            elif result.status is not LPStatus.INFEASIBLE:
                check_optimal(result)  # raises SolverError naming the backend and status
            continue
        # variables (lambda (m), s+ (n), s- (n)): min sum(s+ + s-) with
        # others.T lambda + s+ - s- = p_i, sum(lambda) = 1, all >= 0.
        eye = np.eye(n)
        A_eq = np.block([[others.T, eye, -eye], [np.ones((1, m)), np.zeros((1, 2 * n))]])
        c = np.concatenate([np.zeros(m), np.ones(2 * n)])
        lp = LinearProgram.create(c, A_eq=A_eq, b_eq=np.concatenate([pts[i], [1.0]]),
                                  lower=0, upper=None, exact=False)
        distance = check_optimal(backend.solve(lp)).value
        if distance is not None and distance <= DEFAULT_ATOL:
            keep[i] = False
    return pts[keep]

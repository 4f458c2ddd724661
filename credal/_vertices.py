"""Canonical vertices of a credal set, whatever form it was given in.

* V-form: duplicates and points inside the hull of the others are dropped (one LP per
  point, exact for exact sets);
* H-form: vertex enumeration by the double description method (:mod:`credal._polytope`);
* TV ball: the marginal vectors of its 2-monotone lower probability, enumerated directly.

Rows come back in lexicographic order.
"""

from __future__ import annotations

from fractions import Fraction
from typing import TYPE_CHECKING

import numpy as np

from ._lp_bridge import unit_rows
from ._numbers import filled
from .lp import LinearProgram, LPStatus, check_optimal, get_backend
from .tolerance import DEFAULT_ATOL

if TYPE_CHECKING:
    from .sets import CredalSet

NDArray = np.ndarray


def canonical_vertices(S: CredalSet) -> NDArray:
    from .sets import TVBall

    if S.form == "constraints":
        from ._polytope import enumerate_vertices

        h = S._hform
        assert h is not None
        A_ub, b_ub, A_eq, b_eq = h.A_ub, h.b_ub, h.A_eq, h.b_eq
        if not S.is_exact:  # judge rows at the same scale as the LPs do
            A_ub, b_ub = unit_rows(A_ub, b_ub)
            A_eq, b_eq = unit_rows(A_eq, b_eq)
        V = enumerate_vertices(A_ub, b_ub, A_eq, b_eq, h.lower, h.upper,
                               exact=S.is_exact, atol=DEFAULT_ATOL)
        if V.shape[0] == 0 and not S.is_exact:
            # The set is nonempty (checked at construction), so float tolerances lost it:
            # a width near atol. Enumerate the floats' exact binary values instead.
            E = S.to_exact()._hform
            assert E is not None
            V = sort_rows(enumerate_vertices(E.A_ub, E.b_ub, E.A_eq, E.b_eq, E.lower,
                                             E.upper, exact=True).astype(np.float64), False)
        return V
    if S.form == "tv_ball":
        assert isinstance(S._structure, TVBall)
        points = tv_ball_points(S._structure.center, S._structure.radius, S.is_exact)
    else:
        assert S._points is not None
        points = S._points
    return minimal_points(points, S.is_exact)


def sort_rows(points: NDArray, exact: bool) -> NDArray:
    """Unique rows in lexicographic order. Float rows within ``DEFAULT_ATOL`` of each other
    count as one, and so do coordinates in the order, so ulp noise cannot reorder rows."""
    if exact:
        rows = sorted(set(tuple(r) for r in points))
        out = np.empty((len(rows), points.shape[1]), dtype=object)
        for i, r in enumerate(rows):
            out[i] = r
        return out
    from ._polytope import tolerant_lex_order

    pts = np.asarray(points, dtype=np.float64)
    keep = np.ones(pts.shape[0], dtype=bool)
    for i in range(1, pts.shape[0]):  # one vectorised comparison with the earlier rows
        near = np.abs(pts[:i] - pts[i]).max(axis=1) <= DEFAULT_ATOL
        keep[i] = not (near & keep[:i]).any()
    rows = pts[keep]
    return rows[tolerant_lex_order(rows, DEFAULT_ATOL)]


def minimal_points(points: NDArray, exact: bool) -> NDArray:
    """The extreme points among ``points``: drop duplicates and convex combinations.

    Exact: a point goes when it is exactly a convex combination of the others (an exact
    feasibility LP). Float: when its L1 distance to the hull of the others is at most
    ``DEFAULT_ATOL`` (an LP that is always feasible, so no fragile infeasibility verdict
    decides it).
    """
    pts = sort_rows(points, exact)
    k, n = pts.shape
    if k <= 2:
        return pts
    backend = get_backend(None, exact=exact)
    keep = np.ones(k, dtype=bool)
    for i in range(k):
        others = pts[keep & (np.arange(k) != i)]
        if others.shape[0] == 0:
            continue
        m = others.shape[0]
        if exact:
            b = np.concatenate([pts[i], filled(1, 1, True)])
            lp = LinearProgram.create(filled(m, 0, True),
                                      A_eq=np.vstack([others.T, filled((1, m), 1, True)]),
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


def tv_ball_points(center: NDArray, radius: Fraction | float, exact: bool) -> NDArray:
    """Every marginal vector of the TV ball's 2-monotone lower probability
    ``A -> max(p(A) - radius, 0)`` (``A != X``): all of them are vertices, possibly repeated.

    A marginal vector puts ``move = min(radius, 1 - c_i)`` on a receiving outcome ``i``,
    drains a set ``D`` of other outcomes completely (``c(D) < move``) and takes the rest
    from one more outcome ``j``. Outcomes with no mass never change the point.
    """
    n = center.shape[0]
    c = list(center)
    zero = Fraction(0) if exact else 0.0
    # Float sums of the same masses in another order differ by a few ulps; without this
    # slack a donor that exactly completes the move could be missed (and a vertex lost).
    slack = zero if exact else 1e-12
    out: list[list[Fraction | float]] = []
    for i in range(n):
        move = min(radius, 1 - c[i])
        if move <= 0:
            out.append(list(c))
            continue
        donors = [j for j in range(n) if j != i and c[j] > 0]
        stack: list[tuple[int, tuple[int, ...], Fraction | float]] = [(0, (), zero)]
        while stack:  # drained sets D with c(D) < move, each visited once
            start, drained, mass = stack.pop()
            for j in donors:
                if j not in drained and mass + c[j] >= move - slack:
                    q = list(c)
                    q[i] = c[i] + move
                    for d in drained:
                        q[d] = zero
                    q[j] = max(c[j] - (move - mass), zero)
                    out.append(q)
            for pos in range(start, len(donors)):
                j = donors[pos]
                if mass + c[j] < move - slack:
                    stack.append((pos + 1, (*drained, j), mass + c[j]))
    arr = np.array(out, dtype=object if exact else np.float64)
    if not exact:
        arr = np.clip(arr, 0.0, None)
    return arr

"""The shared paths every form falls back on: lower expectations over points or by LP over
the form's (possibly lifted) region, containment in constraints, TV distances by LP, the
constraints binding at a minimiser. Forms call these; nothing here branches on a form's
class."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np

from .._core import numbers as nums
from .._core.arith import Arithmetic, unit_rows
from .._core.types import NDArray
from ..errors import SolverError
from ..lp import LinearProgram, LPStatus, get_backend
from ..tolerance import LP_TOLERANCE
from ._kernels import interval_greedy, over_points, reachable
from ._lp import region_lp, relaxed_region_lp

if TYPE_CHECKING:
    from ._form import Constraints, Form

#: Use an H-form set's vertices (a matrix product per batch) instead of one LP per gamble
#: when there are at most this many multiply-adds per gamble: float, exact.
VERTEX_WORK_MAX = (200_000, 20_000)
#: Enumerate the vertices of an H-form set for a batch of m >= VERTEX_BATCH_MIN gambles when
#: it has at most VERTEX_PER_GAMBLE * m vertices (float, exact). Whether the set has that
#: few is found by enumerating with that budget, which stops as soon as a polytope
#: containing the set has more; a budget that failed is not tried again for a smaller
#: batch. Measured at 10 to 30 outcomes, such a failed attempt costs about as much as 1/8
#: to 1/4 of a float LP per vertex of budget (an exact LP costs 10 to 50 times a float one),
#: so a failure wastes at most about half the batch's LP time.
VERTEX_PER_GAMBLE = (2, 8)
VERTEX_BATCH_MIN = 16
#: ... and when the set has at most this many outcomes: the cost of enumerating, even of
#: finding that the budget is exceeded, grows steeply with the dimension (measured: ruling
#: out a budget of 1,000 vertices takes 10 ms at 20 outcomes, 0.3-0.7 s at 50 (as long as
#: the LPs it would replace) and 24 s at 200).
VERTEX_ENUMERATION_MAX_N = 30


def vertex_budget(m: int, n: int, ar: Arithmetic) -> int:
    """The most vertices worth enumerating for a batch of ``m`` gambles over ``n`` outcomes
    in the arithmetic ``ar`` (0 when the batch is too small to pay for any)."""
    if m < VERTEX_BATCH_MIN or n > VERTEX_ENUMERATION_MAX_N:
        return 0
    i = 1 if ar.exact else 0
    return min(VERTEX_WORK_MAX[i] // max(n, 1), VERTEX_PER_GAMBLE[i] * m)


def lower_batch(form: Form, F: NDArray, *, witness: bool,
                backend: str | None) -> tuple[NDArray, NDArray | None]:
    """The shared lower-expectation path: over the form's points when it has them; for a
    plain H-form, the Choquet closed form when every row bounds one outcome, or its
    vertices when they are known or within the batch's budget (:func:`vertex_budget`);
    otherwise one LP per gamble over the form's region."""
    ar = form.ar
    P = form.points()
    if P is not None:
        return over_points(P, F, ar, witness)
    h = form.own_constraints()
    if backend is None and h is not None:  # a named backend is a request for its LPs
        intervals = form._memo("bound_rows", lambda: intervals_of_rows(h, ar) or False)
        if intervals:
            return interval_greedy(F, intervals[0], intervals[1], ar, witness)
        V = _vertices_worth_using(form, F.shape[0])
        if V is not None:
            return over_points(V, F, ar, witness)
    return solve_normalized(form, F, backend)


def _vertices_worth_using(form: Form, m: int) -> NDArray | None:
    """The vertices of an H-form when answering ``m`` gambles over them is cheaper than
    ``m`` LPs: already enumerated and few enough, or found to be at most
    :func:`vertex_budget` by an enumeration with that budget (which stops early when the
    set has more)."""
    from ..errors import TooManyVerticesError

    ar = form.ar
    work_max = VERTEX_WORK_MAX[1 if ar.exact else 0]
    V = form.known_vertices()
    if V is None:
        budget = vertex_budget(m, form.n, ar)
        failed = form._known("vertex_budget_failed") or 0
        if budget <= failed:  # includes a budget of 0: nothing is worth enumerating
            return None
        try:
            V = form.vertices(max_vertices=budget)
        except TooManyVerticesError:
            form._seed("vertex_budget_failed", budget)
            return None
    if V.shape[0] * form.n > work_max:
        return None
    return V if ar.exact else np.asarray(V, dtype=np.float64)


def intervals_of_rows(h: Constraints, ar: Arithmetic) -> tuple[NDArray, NDArray] | None:
    """Reachable probability intervals equal to the H-form ``h`` when each of its rows
    bounds one outcome (``a p_i <= b``), so that the Choquet closed form applies. O(m n)."""
    assert h.lower is not None and h.upper is not None
    lo, up = list(h.lower), list(h.upper)
    rows = [(a, b, True) for a, b in zip(h.A_ub, h.b_ub, strict=True)]
    rows += [(a, b, False) for a, b in zip(h.A_eq, h.b_eq, strict=True)]
    for a, b, inequality in rows:
        nz = [j for j in range(len(a)) if a[j] != 0]
        if len(nz) != 1:
            return None
        j = nz[0]
        v = b / a[j]
        if a[j] > 0 or not inequality:
            up[j] = min(up[j], v)
        if a[j] < 0 or not inequality:
            lo[j] = max(lo[j], v)
    return reachable(np.array(lo, dtype=ar.dtype), np.array(up, dtype=ar.dtype), ar)


def solve_normalized(form: Form, F: NDArray, backend: str | None) -> tuple[NDArray, NDArray]:
    """One LP per row of ``F`` over the form's region, each float gamble first mapped onto
    ``[0, 1]``: ``E(f) = min f + (max f - min f) E((f - min f) / (max f - min f))`` (lower
    expectations are affine-equivariant; the minimisers are unchanged).

    A float solver's tolerances (about 1e-9) are absolute: a gamble of size 1e-10, or one
    such as ``5 + 1e-10 g`` whose differences are that small, would otherwise look constant
    to it and come back with a wrong vertex. Float rows are divided by their largest
    magnitude first, so that gambles near the float range neither overflow nor lose their
    differences. Exact gambles are solved as they are: the exact solver certifies its
    answer, and shifts the float guide of each objective along ``sum(p) = 1`` itself."""
    ar = form.ar
    region = form.region()
    assert region is not None, f"{type(form).__name__} has neither points nor a region"
    lp = region_lp(form, region)
    solver = get_backend(backend, exact=ar.exact)
    padded, back = region.outcome_costs, region.outcome_points
    if ar.exact:  # the exact solver maps its float guide the same way itself
        values, points = solver.solve_many(lp, padded(F))
        return values, back(points)
    size = np.abs(F).max(axis=1)
    size[size == 0] = 1.0
    U = F / size[:, None]
    lo_u = U.min(axis=1)
    width_u = U.max(axis=1) - lo_u
    safe = np.where(width_u > 0, width_u, 1.0)
    G = (U - lo_u[:, None]) / safe[:, None]
    try:
        values, points = solver.solve_many(lp, padded(G))
    except SolverError as exc:
        if exc.status is not LPStatus.INFEASIBLE or backend is not None:
            raise
        values, points = _within_tolerance(form, padded(G))
    return size * (lo_u + width_u * np.asarray(values, dtype=np.float64)), back(points)


def _within_tolerance(form: Form, G: NDArray) -> tuple[NDArray, NDArray]:
    """Lower expectations over a thin float set that the float solver calls infeasible
    although it was accepted as nonempty within the LP tolerance: solved exactly over the
    set as that tolerance reads it (every row loosened by it), then rounded. Raises
    :class:`SolverError` when even that set is empty."""
    lp = relaxed_region_lp(form, LP_TOLERANCE)
    try:
        values, points = get_backend("exact").solve_many(lp, nums.to_exact(G))
    except SolverError:
        raise SolverError(
            f"the float set's constraints admit no distribution even loosened by the LP "
            f"tolerance ({LP_TOLERANCE}): the set was accepted as nonempty "
            f"only within that tolerance, and is too thin to compute with in floats; give "
            f"its constraints exactly, or loosen them slightly", backend="highs",
            status=LPStatus.INFEASIBLE) from None
    return nums.to_float(values), nums.to_float(points)


def inside_constraints(h: Constraints, P: NDArray, ar: Arithmetic, atol: float) -> bool:
    """Whether every row of ``P`` satisfies the H-form ``h`` (float rows scaled to unit size
    and compared within ``atol``)."""
    assert h.lower is not None and h.upper is not None
    if ar.exact:
        return bool(all((h.A_ub @ p <= h.b_ub).all() and (h.A_eq @ p == h.b_eq).all()
                        and (p >= h.lower).all() and (p <= h.upper).all() for p in P))
    A_ub, b_ub = unit_rows(h.A_ub, h.b_ub)
    A_eq, b_eq = unit_rows(h.A_eq, h.b_eq)
    ok = (P @ A_ub.T <= b_ub + atol).all() and (np.abs(P @ A_eq.T - b_eq) <= atol).all()
    return bool(ok and (P >= h.lower - atol).all() and (P <= h.upper + atol).all())


def binding_rows(h: Constraints, x: NDArray, ar: Arithmetic, atol: float,
                 outcomes: tuple[Any, ...]) -> tuple[Any, ...]:
    """The rows of ``h`` tight at ``x``: row indices, then ``("lower", outcome)`` and
    ``("upper", outcome)`` for tight bounds other than the simplex's own."""
    assert h.lower is not None and h.upper is not None
    if ar.exact:
        slack = h.b_ub - h.A_ub @ x if h.A_ub.shape[0] else np.zeros(0)
        rows = [int(i) for i in range(len(slack)) if slack[i] == 0]
        lo = [i for i in range(len(x)) if 0 < h.lower[i] == x[i]]
        up = [i for i in range(len(x)) if x[i] == h.upper[i] < 1]
    else:
        A = np.asarray(h.A_ub, dtype=np.float64)
        slack = np.asarray(h.b_ub, dtype=np.float64) - A @ x
        scale = np.maximum(1.0, np.abs(A).max(axis=1)) if A.shape[0] else np.ones(0)
        rows = [int(i) for i in np.flatnonzero(np.abs(slack) <= atol * 10 * scale)]
        lower = np.asarray(h.lower, dtype=np.float64)
        upper = np.asarray(h.upper, dtype=np.float64)
        lo = [int(i) for i in np.flatnonzero((lower > 0) & (np.abs(x - lower) <= atol * 10))]
        up = [int(i) for i in np.flatnonzero((upper < 1) & (np.abs(x - upper) <= atol * 10))]
    return (*rows, *(("lower", outcomes[i]) for i in lo),
            *(("upper", outcomes[i]) for i in up))


# -- distances ------------------------------------------------------------------------
def _dual_lp(form: Form) -> tuple[LinearProgram, NDArray]:
    """The p-independent feasible region of ``max_f p·f − upper E_S f`` and the part of its
    cost that does not depend on ``p``; the variables start with ``f`` (n of them).
    Built from the form's points, or from its region (no extra variables)."""
    ar = form.ar
    n = form.n
    zero = ar.zero()
    P = form.points()
    if P is not None:
        # variables (f, t): P f - t <= 0, 0 <= f <= 1, t free; cost (-p, 1)
        k = P.shape[0]
        A_ub = np.hstack([P, -ar.filled((k, 1), 1)])
        lp = LinearProgram.create(ar.filled(n + 1, 0), A_ub, ar.filled(k, 0),
                                  lower=[zero] * n + [None], upper=[1] * n + [None],
                                  exact=ar.exact)
        return lp, np.concatenate([ar.filled(n, 0), ar.filled(1, 1)])
    # upper E_S f = min b_ub·y + b_eq·z + u·w+ - l·w-
    #               s.t. A_ub' y + A_eq' z + w+ - w- >= f,  y, w+, w- >= 0, z free,
    # with w+ only where u < 1 and w- only where l > 0 (the other bounds are implied
    # by the simplex; the ">=" is the dual of q >= 0).
    region = form.region()
    assert region is not None and region.image is None
    R = region_lp(form, region)
    m1, m2 = R.A_ub.shape[0], R.A_eq.shape[0]
    up = np.array([u is not None and u < 1 for u in R.upper], dtype=bool)
    lo = np.array([v is not None and v > 0 for v in R.lower], dtype=bool)
    eye = ar.eye(n)
    A_ub = np.hstack([eye, -R.A_ub.T, -R.A_eq.T, -eye[:, up], eye[:, lo]])
    k_up, k_lo = int(up.sum()), int(lo.sum())
    nvar = n + m1 + m2 + k_up + k_lo
    lower = [zero] * (n + m1) + [None] * m2 + [zero] * (k_up + k_lo)
    upper = [1] * n + [None] * (nvar - n)
    lp = LinearProgram.create(ar.filled(nvar, 0), A_ub, ar.filled(n, 0),
                              lower=lower, upper=upper, exact=ar.exact)
    fixed = np.concatenate([ar.filled(n, 0), R.b_ub, R.b_eq,
                            np.asarray(R.upper)[up], -np.asarray(R.lower)[lo]])
    return lp, fixed if ar.exact else fixed.astype(np.float64)


def lp_distances(form: Form, P: NDArray, *, separating: bool,
                 backend: str | None = None) -> tuple[NDArray, NDArray | None]:
    """``d(p, S)`` for each row of ``P`` by LP, and a maximising ``f`` of
    ``p·f − upper E_S f`` per row: a gamble in ``[0, 1]^n`` separating ``p`` from ``S``
    (dual LP, for forms with points or plain constraints). A lifted region (extra
    variables) is answered by the primal LP per point, without a separating gamble."""
    ar = form.ar
    n = form.n
    region = form.region() if form.points() is None else None
    if region is not None and region.image is not None:
        d = np.array([projection_lp(form, p, backend)[1] for p in P], dtype=ar.dtype)
        return d, None
    lp, fixed = form._memo("distance_lp", lambda: _dual_lp(form))
    costs = np.tile(fixed, (P.shape[0], 1))
    costs[:, :n] = -P
    values, x = get_backend(backend, exact=ar.exact).solve_many(lp, costs)
    d = -values
    if ar.exact:
        return d, x[:, :n]
    return np.maximum(d, 0.0), x[:, :n]


def projection_lp(form: Form, x: NDArray, backend: str | None = None) -> tuple[NDArray, Any]:
    """A TV projection of ``x`` onto the form's set by one LP: ``(point, distance)``."""
    from ._kernels import tv_distances

    ar = form.ar
    n = form.n
    one = ar.filled(n, 1)
    eye = ar.eye(n)
    solver = get_backend(backend, exact=ar.exact)
    P = form.points()
    if P is not None:
        k = P.shape[0]
        # variables (lambda, s+, s-): P' lambda - s+ + s- = x, sum lambda = 1
        A_eq = np.vstack([np.hstack([P.T, -eye, eye]),
                          np.concatenate([ar.filled(k, 1), ar.filled(2 * n, 0)])[None, :]])
        b_eq = np.concatenate([x, ar.filled(1, 1)])
        c = np.concatenate([ar.filled(k, 0), one, ar.filled(n, 0)])
        lp = LinearProgram.create(c, A_eq=A_eq, b_eq=b_eq, lower=0, upper=None,
                                  exact=ar.exact)
        sol = _optimal_x(solver.solve(lp))
        point = P.T @ sol[:k]
    else:
        region = form.region()
        assert region is not None
        R = region_lp(form, region)
        nv = region.n_variables
        m1 = R.A_ub.shape[0]
        image = eye if region.image is None else region.image
        A_ub = np.hstack([R.A_ub, ar.filled((m1, 2 * n), 0)])
        A_eq = np.vstack([np.hstack([R.A_eq, ar.filled((R.A_eq.shape[0], 2 * n), 0)]),
                          np.hstack([image, -eye, eye])])
        b_eq = np.concatenate([R.b_eq, x])
        c = np.concatenate([ar.filled(nv, 0), one, ar.filled(n, 0)])
        lower = list(R.lower) + [0] * (2 * n)
        upper = list(R.upper) + [None] * (2 * n)
        lp = LinearProgram.create(c, A_ub, R.b_ub, A_eq, b_eq, lower=lower, upper=upper,
                                  exact=ar.exact)
        point = region.outcome_points(_optimal_x(solver.solve(lp))[None, :nv])[0]
    if not ar.exact:
        point = np.clip(np.asarray(point, dtype=np.float64), 0.0, None)
        point = point / point.sum()
    return point, tv_distances(x[None, :], point, ar)[0]


def _optimal_x(result: Any) -> NDArray:
    from ..lp import check_optimal

    x: NDArray | None = check_optimal(result).x
    assert x is not None
    return x

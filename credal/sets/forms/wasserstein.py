"""The Wasserstein ball ``{q in simplex : W_C(center, q) <= radius}`` for a ground cost
``C`` on the outcomes: the distributions to which ``center`` can be transported at total
cost at most ``radius`` (Esfahani & Kuhn 2018, on finitely many outcomes).

Its lifted H-form (:meth:`WassersteinForm.region`) has the coupling ``pi`` as variables:
row sums equal to ``center``, ``sum C_ij pi_ij <= radius``, and ``q`` the column sums.
Closed forms:

* with a constant off-diagonal cost ``C = d (1 - I)`` the transport cost is ``d`` times the
  TV distance, so the ball is the TV ball of radius ``radius / d`` and every question goes
  to :class:`~credal.sets.forms.tv_ball.TVBallForm`;
* for any cost, a lower expectation is the dual
  ``max_{lam >= 0} [-lam r + sum_i c_i min_j (f_j + lam C_ij)]`` (Esfahani & Kuhn 2018,
  Theorem 4.2; Gao & Kleywegt 2016), a concave piecewise-linear function of ``lam``
  whose maximum is at 0 or at a breakpoint: :func:`transport_lower` finds it exactly, with
  an optimal coupling as the witness.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping
from typing import TYPE_CHECKING, Any

import numpy as np

from ..._core import numbers as nums
from ..._core.arith import Arithmetic, arithmetic_of
from ..._core.outcomes import distribution_array, index_of, make_outcomes, pandas_kind
from ..._core.types import NDArray, Value
from ...errors import InvalidArgumentError
from ...tolerance import DEFAULT_ATOL, check_atol
from .._form import Form, Region

if TYPE_CHECKING:
    from .._set import CredalSet
from .tv_ball import TVBallForm


class WassersteinForm(Form):
    """A centre (a distribution), a ground cost ``(n, n)`` (nonnegative, finite, zero
    diagonal) and a radius (nonnegative)."""

    name = "wasserstein_ball"

    center: NDArray
    cost: NDArray
    radius: Value
    #: The same set as a TV ball when the cost is a constant off the diagonal, else None.
    tv: TVBallForm | None

    def __init__(self, ar: Arithmetic, center: NDArray, cost: NDArray, radius: Value) -> None:
        object.__setattr__(self, "center", center)
        object.__setattr__(self, "cost", cost)
        object.__setattr__(self, "radius", radius)
        object.__setattr__(self, "tv", _as_tv_ball(center, cost, radius, ar))
        self._init(ar, center.shape[0])

    def state(self) -> tuple[Any, ...]:
        return (self.ar, self.center, self.cost, self.radius)

    def arrays(self) -> Iterable[NDArray]:
        return (self.center, self.cost)

    def convert(self, ar: Arithmetic, max_denominator: int | None) -> Form:
        center = ar.convert(self.center, max_denominator)
        if ar.exact:  # rounded masses must still sum to 1 exactly
            center = ar.rows_to_distributions(center)
        cost = ar.convert(self.cost, max_denominator)
        radius: Any = ar.scalar(self.radius)
        if ar.exact and max_denominator:
            radius = radius.limit_denominator(max_denominator)
        return WassersteinForm(ar, center, cost, radius)

    def call(self) -> tuple[str, str, list[str]]:
        return "wasserstein_ball", "Wasserstein ball", [
            nums.row_literal(self.center), nums.rows_literal(self.cost),
            nums.literal(self.radius)]

    # -- answers ------------------------------------------------------------------------
    def points(self) -> NDArray | None:
        return None if self.tv is None else self.tv.points()

    def region(self) -> Region:
        region: Region = self._memo("region", lambda: coupling_region(
            self.center, self.cost, self.radius, self.ar))
        return region

    def lower_batch(self, F: NDArray, *, witness: bool,
                    backend: str | None) -> tuple[NDArray, NDArray | None]:
        if backend is not None:  # a named backend is a request for its LPs
            return super().lower_batch(F, witness=witness, backend=backend)
        if self.tv is not None:
            return self.tv.lower_batch(F, witness=witness, backend=None)
        return transport_lower(F, self.center, self.cost, self.radius, self.ar, witness)

    def contains_all(self, P: NDArray, atol: float) -> bool:
        if self.tv is not None:
            return self.tv.contains_all(P, atol)
        ar = self.ar
        slack = ar.slack(atol * max(1.0, float(np.max(np.asarray(self.cost, dtype=float)))))
        return all(transport_cost(self.center, p, self.cost, ar) <= self.radius + slack
                   for p in P)

    def distances(self, P: NDArray, *, separating: bool,
                  backend: str | None = None) -> tuple[NDArray, NDArray | None]:
        if self.tv is not None:
            return self.tv.distances(P, separating=separating, backend=backend)
        return super().distances(P, separating=separating, backend=backend)

    def projection(self, x: NDArray) -> tuple[NDArray, Any] | None:
        return None if self.tv is None else self.tv.projection(x)


# --------------------------------------------------------------------------------------
# Kernels (plain arrays)
# --------------------------------------------------------------------------------------
def _as_tv_ball(center: NDArray, cost: NDArray, radius: Value,
                ar: Arithmetic) -> TVBallForm | None:
    """The TV ball equal to the Wasserstein ball when the cost is ``d (1 - I)``: radius
    ``radius / d`` (the whole simplex, radius 1, when ``d = 0``)."""
    n = center.shape[0]
    off = [cost[i, j] for i in range(n) for j in range(n) if i != j]
    if off and any(v != off[0] for v in off):
        return None
    d = off[0] if off else ar.one()
    r = ar.one() if d == 0 else min(radius / d, ar.one())
    return TVBallForm(ar, center, ar.scalar(r))


def coupling_region(center: NDArray, cost: NDArray, radius: Value, ar: Arithmetic) -> Region:
    """The couplings ``pi_ij`` (``i`` in the support of ``center``, any ``j``) with row
    sums ``center``, ``sum C_ij pi_ij <= radius``, mapped to their column sums: a lifted
    H-form of the ball (one row sum is left to ``sum(pi) = 1``, so no equality is
    redundant)."""
    n = center.shape[0]
    support = [i for i in range(n) if center[i] > 0]
    k = len(support)
    v = k * n
    A_eq = np.zeros((k, v), dtype=np.int64)
    for r in range(k):
        A_eq[r, r * n:(r + 1) * n] = 1
    A_eq[k - 1] = 1  # the last row sum is implied by the others and sum(pi) = 1
    b_eq = ar.array([center[i] for i in support[:-1]] + [ar.one()])
    image = np.tile(np.eye(n, dtype=np.int64), (1, k))
    A_ub = np.concatenate([cost[i] for i in support]).reshape(1, v)
    zero, one = ar.zero(), ar.one()
    return Region(n, ar.array(A_ub), ar.array([radius]), ar.array(A_eq), b_eq,
                  (zero,) * v, (one,) * v, ar.array(image))


def transport_cost(center: NDArray, p: NDArray, cost: NDArray, ar: Arithmetic) -> Any:
    """The optimal transport cost ``W_C(center, p)``: one LP over the couplings (exact for
    exact data), through :mod:`credal.lp`."""
    from ...lp import LinearProgram, check_optimal, get_backend

    rows = [i for i in range(len(center)) if center[i] > 0]
    cols = [j for j in range(len(p)) if p[j] > 0]
    k, m = len(rows), len(cols)
    c = np.array([cost[i, j] for i in rows for j in cols], dtype=ar.dtype)
    A_eq = np.zeros((k + m - 1, k * m), dtype=np.int64)  # one marginal row is implied
    for r in range(k):
        A_eq[r, r * m:(r + 1) * m] = 1
    for s in range(m - 1):
        A_eq[k + s, s::m] = 1
    b_eq = ar.array([center[i] for i in rows] + [p[j] for j in cols[:-1]])
    if not ar.exact:  # float marginals that differ in the last bits: keep them consistent
        b_eq[:k] = np.asarray(b_eq[:k]) / float(np.sum(b_eq[:k]))
    lp = LinearProgram.create(c, A_eq=ar.array(A_eq), b_eq=b_eq, lower=0, upper=None,
                              exact=ar.exact)
    value = check_optimal(get_backend(None, exact=ar.exact).solve(lp)).value
    return value


def _envelope(f: list[Any], slopes: list[Any]) -> tuple[list[int], list[Any]]:
    """The lower envelope of the lines ``f_j + lam * slopes_j`` over ``lam >= 0``: the
    active lines ``js`` (slopes decreasing) and the breakpoints ``bs`` (increasing,
    positive) where ``js[t + 1]`` takes over from ``js[t]``."""
    order = sorted(range(len(f)), key=lambda j: (-slopes[j], f[j]))
    hull: list[int] = []
    cuts: list[Any] = []  # cuts[t]: where hull[t + 1] takes over from hull[t]
    for j in order:
        if hull and slopes[hull[-1]] == slopes[j]:
            continue  # same slope, no lower intercept (sorted by intercept)
        while hull:
            h = hull[-1]
            x = (f[j] - f[h]) / (slopes[h] - slopes[j])
            if cuts and x <= cuts[-1]:
                hull.pop()
                cuts.pop()
                continue
            cuts.append(x)
            break
        hull.append(j)
    start = 0
    while start < len(cuts) and cuts[start] <= 0:
        start += 1
    return hull[start:], cuts[start:]


def transport_lower(F: NDArray, center: NDArray, cost: NDArray, radius: Value, ar: Arithmetic,
                    witness: bool) -> tuple[NDArray, NDArray | None]:
    r"""Lower expectations over a Wasserstein ball by its dual,

    .. math::

        \underline{E} f = \max_{\lambda \ge 0} \Big[-\lambda r
            + \sum_i c_i \min_j (f_j + \lambda C_{ij})\Big],

    a concave piecewise-linear function of ``lam``: each row's minimum is the lower
    envelope of ``n`` lines, and the maximum is where the total slope
    ``sum_i c_i C_{i j_i(lam)} - r`` first turns nonpositive. The witness mixes, row by
    row, the two optimal targets on either side of that ``lam`` so that the coupling costs
    exactly ``r`` (complementary slackness): a distribution in the ball attaining the value.
    O(n^2 log n) per gamble, exact for exact data.
    """
    m, n = F.shape
    zero = ar.zero()
    support = [i for i in range(n) if center[i] > 0]
    values = np.empty(m, dtype=ar.dtype)
    Q = ar.filled((m, n), 0) if witness else None
    cost_rows = {i: list(cost[i]) for i in support}
    for g in range(m):
        f = list(F[g])
        envs = {i: _envelope(f, cost_rows[i]) for i in support}
        slope = sum((center[i] * cost_rows[i][envs[i][0][0]] for i in support), zero) - radius
        lam = zero
        before = slope
        if slope > 0:
            events = sorted((b, i, t) for i in support for t, b in enumerate(envs[i][1]))
            pos = 0
            # the slope ends at -r <= 0 (the zero diagonal); floats may round short of it
            while slope > 0 and pos < len(events):
                lam = events[pos][0]
                before = slope
                while pos < len(events) and events[pos][0] == lam:
                    _, i, t = events[pos]
                    js = envs[i][0]
                    slope += center[i] * (cost_rows[i][js[t + 1]] - cost_rows[i][js[t]])
                    pos += 1
        # the active line of each row just right of lam (and just left, for the witness)
        right: dict[int, int] = {}
        left: dict[int, int] = {}
        for i in support:
            js, bs = envs[i]
            t = sum(1 for b in bs if b <= lam)
            right[i] = js[t]
            left[i] = js[t - 1] if t and bs[t - 1] == lam else js[t]
        values[g] = sum((center[i] * (f[right[i]] + lam * cost_rows[i][right[i]])
                         for i in support), zero) - lam * radius
        if Q is not None:
            # theta * before + (1 - theta) * slope = 0: the coupling's cost is exactly r
            theta = zero if lam == 0 or before == slope else -slope / (before - slope)
            for i in support:
                Q[g, left[i]] += theta * center[i]
                Q[g, right[i]] += (1 - theta) * center[i]
    if not ar.exact:
        values = values.astype(np.float64)
        if Q is not None:
            Q = np.clip(Q.astype(np.float64), 0.0, None)
            Q /= Q.sum(axis=1, keepdims=True)
    return values, Q


# --------------------------------------------------------------------------------------
# The public constructor
# --------------------------------------------------------------------------------------
def _cost_matrix(cost: Any, labels: tuple[Hashable, ...]) -> tuple[NDArray, bool]:
    """The ground cost as an ``(n, n)`` array over ``labels``, validated."""
    n = len(labels)
    if pandas_kind(cost) == "frame":
        rows = list(cost.index)
        cols = list(cost.columns)
        if len(set(cols)) != len(cols):
            raise InvalidArgumentError(
                f"cost is a pandas DataFrame whose columns repeat a label: {nums.show(cols)}")
        values = cost.to_numpy(dtype=object)
        cost = {r: dict(zip(cols, values[a], strict=True)) for a, r in enumerate(rows)}
        if len(cost) != len(rows):
            raise InvalidArgumentError(
                f"cost is a pandas DataFrame whose index repeats a label: {nums.show(rows)}")
    if isinstance(cost, Mapping):
        index = index_of(labels)
        grid: list[list[Any]] = [[0] * n for _ in range(n)]
        given = [[i == j for j in range(n)] for i in range(n)]
        for x, row in cost.items():
            if x not in index:
                raise InvalidArgumentError(
                    f"cost has the row {x!r}, which is not an outcome; the outcomes are "
                    f"{nums.show(list(labels))}")
            if not isinstance(row, Mapping) and pandas_kind(row) != "series":
                raise InvalidArgumentError(
                    f"cost[{x!r}] must be a mapping outcome -> cost (cost given by label is a "
                    f"mapping of mappings), got {nums.show(row)}")
            items = row.items()
            for y, v in items:
                if y not in index:
                    raise InvalidArgumentError(
                        f"cost[{x!r}] has the key {y!r}, which is not an outcome; the "
                        f"outcomes are {nums.show(list(labels))}")
                grid[index[x]][index[y]] = v
                given[index[x]][index[y]] = True
        missing = [(labels[i], labels[j]) for i in range(n) for j in range(n)
                   if not given[i][j]]
        if missing:
            raise InvalidArgumentError(
                f"cost gives no value for moving mass from {missing[0][0]!r} to "
                f"{missing[0][1]!r}; a cost by label must give every pair of distinct "
                f"outcomes (the diagonal may be left out: it is 0)")
        arr, exact = nums.as_numbers(np.array(grid, dtype=object).reshape(n, n), "cost")
    else:
        arr, exact = nums.as_numbers(cost, "cost")
    if arr.shape != (n, n):
        raise InvalidArgumentError(
            f"cost must have shape ({n}, {n}) to match the {n} outcomes, got shape "
            f"{arr.shape}: {nums.show(cost)}")
    if any(v < 0 for v in arr.reshape(-1)):
        raise InvalidArgumentError(
            f"cost must be nonnegative (a cost of moving mass), got {nums.show(arr)}")
    diag = [arr[i, i] for i in range(n) if arr[i, i] != 0]
    if diag:
        raise InvalidArgumentError(
            f"cost must have a zero diagonal (staying put costs nothing), got "
            f"{nums.number_str(diag[0])} on it: {nums.show(arr)}")
    return arr, exact


def wasserstein_ball(center: Any, cost: Any, radius: Any, *,
                     outcomes: Iterable[Hashable] | None = None,
                     atol: float = DEFAULT_ATOL) -> CredalSet:
    r"""The Wasserstein ball ``{q in simplex : W_C(center, q) <= radius}``.

    .. math::

        W_C(c, q) = \min \Big\{ \sum_{ij} C_{ij} \pi_{ij} : \pi \ge 0,\
            \sum_j \pi_{ij} = c_i,\ \sum_i \pi_{ij} = q_j \Big\},

    the least total cost of moving the mass of ``c`` to ``q`` when moving one unit from
    outcome ``i`` to ``j`` costs ``C_ij`` (the optimal-transport ambiguity set of
    distributionally robust optimisation, Esfahani & Kuhn 2018, on finitely many outcomes).

    Parameters
    ----------
    center : (n_outcomes,) array_like or mapping
        A distribution.
    cost : (n_outcomes, n_outcomes) array_like, mapping of mappings or pandas DataFrame
        The ground cost ``C_ij`` of moving one unit of mass from outcome ``i`` to outcome
        ``j``: finite, nonnegative, zero on the diagonal. A mapping of mappings
        (``cost[x][y]``) and a DataFrame (index: from, columns: to) are read by label.
        It need not be a metric.
    radius : number
        The transport budget, nonnegative.
    outcomes : sequence of hashable, optional
    atol : float
        A float centre must be a distribution within ``atol``.

    Returns
    -------
    CredalSet
        In the form ``"wasserstein_ball"``. With the 0/1 cost (``1`` off the diagonal) it
        is the TV ball of the same radius, and with a constant ``d`` off the diagonal the TV
        ball of radius ``radius / d``.

    Raises
    ------
    InvalidArgumentError
        ``center`` not a distribution; ``cost`` of the wrong shape, negative, with a nonzero
        diagonal, not finite, or naming an unknown outcome; ``radius`` negative.

    Notes
    -----
    Cost: O(n^2) to build. A lower expectation is the exact dual closed form, O(n^2 log n)
    per gamble (the TV closed form, O(n log n), for a constant cost); ``backend=`` asks for
    the LP over the couplings instead (``n^2`` variables). Containment is one transport LP
    per point; vertices are enumerated from the couplings' polytope (exponential in the
    worst case).

    References
    ----------
    P. Mohajerin Esfahani and D. Kuhn, "Data-driven distributionally robust optimization
    using the Wasserstein metric: performance guarantees and tractable reformulations",
    *Mathematical Programming* 171, 2018.

    Examples
    --------
    >>> import credal as cr
    >>> S = cr.wasserstein_ball(["1/2", "1/2", 0], [[0, 1, 2], [1, 0, 1], [2, 1, 0]], "1/4")
    >>> cr.lower_expectation(S, [0, 1, 2])       # mass moves one step down: cost 1/4
    Fraction(1, 4)
    >>> cr.lower_expectation(S, [2, 1, 0])       # a step toward the cheap end
    Fraction(5, 4)
    """
    from .._set import CredalSet

    labels = None if outcomes is None else make_outcomes(outcomes, None)
    c, c_ex, labels = distribution_array(center, labels, "center", atol=check_atol(atol))
    C, C_ex = _cost_matrix(cost, labels)
    r, r_ex = nums.as_scalar(radius, "radius")
    if r < 0:
        raise InvalidArgumentError(
            f"radius must be nonnegative (a transport budget), got {nums.show(radius)}")
    ar = arithmetic_of(c_ex, C_ex, r_ex)
    return CredalSet._of(labels, WassersteinForm(ar, ar.array(c), ar.array(C), ar.scalar(r)))


__all__ = ["WassersteinForm", "wasserstein_ball", "transport_lower", "transport_cost"]

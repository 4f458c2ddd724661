"""The total-variation ball ``{q in simplex : d_TV(center, q) <= radius}``.

Closed forms: a lower expectation moves up to ``radius`` of mass from the outcomes where
the gamble is highest onto the one where it is lowest (the Choquet integral of the
2-monotone lower probability ``A -> max(c(A) - radius, 0)``, ``A != X``); the distance of a
point to the ball is ``max(d_TV(p, c) - radius, 0)``; its vertices are the marginal vectors
of that lower probability (about ``n (n - 1)``). Its ``2^n - 2`` event constraints are
written out only on request, and refused above :data:`MAX_TV_BALL_FACETS_N` outcomes.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable
from fractions import Fraction
from typing import TYPE_CHECKING, Any

import numpy as np

from ..._core import numbers as nums
from ..._core.arith import Arithmetic, arithmetic_of
from ..._core.outcomes import distribution_array, make_outcomes
from ..._core.types import NDArray, Value
from ...errors import InvalidArgumentError
from ...tolerance import DEFAULT_ATOL, check_atol
from .._form import Constraints, Form
from .._kernels import tv_distances, tv_greedy

if TYPE_CHECKING:
    from .._set import CredalSet

#: The largest TV ball (in outcomes) whose ``2^n - 2`` event constraints are written out.
MAX_TV_BALL_FACETS_N = 12


class TVBallForm(Form):
    """A centre (a distribution) and a radius (a radius of 1 or more is the simplex)."""

    name = "tv_ball"

    def __init__(self, ar: Arithmetic, center: NDArray, radius: Value) -> None:
        object.__setattr__(self, "center", center)
        object.__setattr__(self, "radius", radius)
        self._init(ar, center.shape[0])

    center: NDArray
    radius: Value

    def state(self) -> tuple[Any, ...]:
        return (self.ar, self.center, self.radius)

    def arrays(self) -> Iterable[NDArray]:
        return (self.center,)

    def convert(self, ar: Arithmetic, max_denominator: int | None) -> Form:
        center = ar.convert(self.center, max_denominator)
        if ar.exact:  # rounded masses must still sum to 1 exactly
            center = ar.rows_to_distributions(center)
        radius = self.radius if ar.exact else min(self.radius, 1)  # a float for any radius
        r = Fraction(radius) if ar.exact else float(radius)
        if ar.exact and max_denominator:
            r = Fraction(r).limit_denominator(max_denominator)
        return TVBallForm(ar, center, r)

    def call(self) -> tuple[str, str, list[str]]:
        return "tv_ball", "TV ball", [nums.row_literal(self.center), nums.literal(self.radius)]

    def points(self) -> NDArray:
        P: NDArray = self._memo("points", lambda: tv_ball_points(self.center, self.radius,
                                                                   self.ar))
        return P

    def own_constraints(self) -> None:
        return None

    def constraint_rows(self) -> Constraints:
        return tv_ball_constraints(self.center, self.radius, self.ar)

    def lower_batch(self, F: NDArray, *, witness: bool,
                    backend: str | None) -> tuple[NDArray, NDArray | None]:
        return tv_greedy(F, self.center, self.radius, self.ar, witness)

    def contains_all(self, P: NDArray, atol: float) -> bool:
        d = tv_distances(P, self.center, self.ar)
        return self.ar.le(max(d), self.radius, atol)

    def distances(self, P: NDArray, *, separating: bool,
                  backend: str | None = None) -> tuple[NDArray, NDArray | None]:
        ar = self.ar
        d = tv_distances(P, self.center, ar) - self.radius
        F = None
        if separating:
            # f = 1_A with A = {p > c} gives p(A) - min(1, c(A) + r) = d_TV(p, c) - r when
            # that is positive (then c(A) + r < p(A) <= 1); f = 0 gives 0 otherwise
            mask = (P > self.center) & (d > 0)[:, None]
            F = ar.array(mask.astype(np.int64))
        zero = ar.zero()
        return ar.array([max(v, zero) for v in d]), F

    def projection(self, x: NDArray) -> tuple[NDArray, Any]:
        ar = self.ar
        d0 = tv_distances(x[None, :], self.center, ar)[0]
        if d0 <= self.radius:
            return x.copy(), ar.zero()
        t = 1 - self.radius / d0  # the fraction of the way from x to the centre
        return x + t * (self.center - x), d0 - self.radius

    def pushforward(self, push: Callable[[NDArray], NDArray], n_images: int) -> Form:
        return TVBallForm(self.ar, push(self.center[None, :])[0], self.radius)


def tv_ball_points(center: NDArray, radius: Value, ar: Arithmetic) -> NDArray:
    """Every marginal vector of the TV ball's 2-monotone lower probability
    ``A -> max(p(A) - radius, 0)`` (``A != X``): all of them are vertices, possibly repeated.

    A marginal vector puts ``move = min(radius, 1 - c_i)`` on a receiving outcome ``i``,
    drains a set ``D`` of other outcomes completely (``c(D) < move``) and takes the rest
    from one more outcome ``j``. Outcomes with no mass never change the point.
    """
    n = center.shape[0]
    c = list(center)
    zero = ar.zero()
    # Float sums of the same masses in another order differ by a few ulps; without this
    # slack a donor that exactly completes the move could be missed (and a vertex lost).
    slack = ar.slack(1e-12)
    out: list[list[Value]] = []
    for i in range(n):
        move = min(radius, 1 - c[i])
        if move <= 0:
            out.append(list(c))
            continue
        donors = [j for j in range(n) if j != i and c[j] > 0]
        stack: list[tuple[int, tuple[int, ...], Value]] = [(0, (), zero)]
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
    arr = np.array(out, dtype=ar.dtype)
    if not ar.exact:
        arr = np.clip(arr, 0.0, None)
    return arr


def tv_ball_constraints(center: NDArray, radius: Value, ar: Arithmetic) -> Constraints:
    """The event constraints ``p(A) <= c(A) + r`` (``A`` not empty, not everything) of a TV
    ball; refused above :data:`MAX_TV_BALL_FACETS_N` outcomes.

    Notes
    -----
    Cost: O(2^n n) to write the rows (no LP; some rows may be redundant).
    """
    n = center.shape[0]
    if n > MAX_TV_BALL_FACETS_N:
        raise InvalidArgumentError(
            f"this needs the TV ball over {n} outcomes in constraint form, which has "
            f"2^{n} - 2 = {2 ** n - 2} event constraints; above {MAX_TV_BALL_FACETS_N} "
            f"outcomes that conversion is refused. Ask in the ball's own form (lower "
            f"expectations, distances, inclusion) or use its n(n-1) vertices "
            f"(S.to_vertices())")
    masks = np.array([[(a >> j) & 1 for j in range(n)] for a in range(1, 2 ** n - 1)],
                     dtype=np.int64).reshape(-1, n)  # (0, 1) for one outcome
    A = ar.array(masks)
    return Constraints.build(n, ar, A_ub=A, b_ub=A @ center + radius)


def tv_ball(center: Any, radius: Any, *, outcomes: Iterable[Hashable] | None = None,
            atol: float = DEFAULT_ATOL) -> CredalSet:
    """The total-variation ball ``{q in simplex : d_TV(center, q) <= radius}``.

    Lower expectations use the closed form: up to ``radius`` of mass moves from the
    outcomes where the gamble is highest onto the outcome where it is lowest.

    Parameters
    ----------
    center : (n_outcomes,) array_like or mapping
        A distribution.
    radius : number
        Nonnegative; a radius of 1 or more gives the whole simplex.
    outcomes : sequence of hashable, optional
    atol : float
        A float centre must be a distribution within ``atol``.

    Returns
    -------
    CredalSet
        In the form ``"tv_ball"``.

    Notes
    -----
    Cost: O(n), nothing enumerated. Lower expectations are O(n log n) per gamble and
    distances O(n) per point; its ``2^n − 2`` facets are written out only when asked for.

    Examples
    --------
    >>> import credal as cr
    >>> cr.lower_expectation(cr.tv_ball(["1/2", "1/2"], "1/10"), [1, 0])
    Fraction(2, 5)
    """
    from .._set import CredalSet

    labels = None if outcomes is None else make_outcomes(outcomes, None)
    c, c_ex, labels = distribution_array(center, labels, "center", atol=check_atol(atol))
    r, r_ex = nums.as_scalar(radius, "radius")
    if r < 0:
        raise InvalidArgumentError(f"radius must be nonnegative, got {nums.show(radius)}")
    ar = arithmetic_of(c_ex, r_ex)
    return CredalSet._of(labels, TVBallForm(ar, ar.array(c), ar.scalar(r)))

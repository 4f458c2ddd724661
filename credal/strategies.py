"""Hypothesis strategies for property-testing claims about credal sets.

Every strategy builds its values constructively (no filtering), so generation is fast and
never gives up. With ``exact=True`` the values are exact (``Fraction`` objects), so that a
counterexample hypothesis finds is a real one, not a rounding artefact.

Examples
--------
>>> from hypothesis import given
>>> import credal as cr
>>> from credal.strategies import credal_sets, gambles
>>> @given(credal_sets(3, exact=True), gambles(3, exact=True))
... def test_conjugacy(S, f):
...     assert cr.upper_expectation(S, f) == -cr.lower_expectation(S, [-v for v in f])
>>> test_conjugacy()
"""

from __future__ import annotations

import math
from collections.abc import Callable, Hashable, Mapping
from fractions import Fraction
from typing import TYPE_CHECKING, Any, Literal

import numpy as np
from hypothesis import strategies as st

from ._core.arith import EXACT, Arithmetic, arithmetic_of
from ._core.numbers import parse_number
from ._core.types import NDArray
from .errors import InvalidArgumentError
from .sets import CredalSet, contamination, tv_ball
from .sets.forms.belief import belief_function
from .sets.forms.cvar import cvar_set
from .sets.forms.wasserstein import wasserstein_ball

if TYPE_CHECKING:
    from .learning import HypothesisClass
    from .mdp import ImpreciseMarkovChain, SupraMDP

__all__ = ["distributions", "gambles", "credal_sets", "infradistributions",
           "decision_problems", "wasserstein_balls", "cvar_sets", "belief_functions",
           "interval_mdps", "supra_mdps", "imprecise_markov_chains", "hypothesis_classes"]


#: Resolution of exact probabilities: weights are integers in ``[0, _WEIGHT_MAX]`` before
#: normalisation (small denominators keep exact arithmetic fast).
_WEIGHT_MAX = 12


def _check_n(n_outcomes: Any) -> int:
    if isinstance(n_outcomes, bool) or not isinstance(n_outcomes, int | np.integer) or \
            n_outcomes < 1:
        raise InvalidArgumentError(f"n_outcomes must be a positive int, got {n_outcomes!r}")
    return int(n_outcomes)


@st.composite
def _weights(draw: Any, n: int, ar: Arithmetic) -> NDArray:
    """Nonnegative weights, not all zero, normalised to a distribution in ``ar``: exact
    ones are small integers over their total, float ones drawn floats over their sum (the
    two draw different things, so this is the one branch on the arithmetic)."""
    if ar.exact:
        w = draw(st.lists(st.integers(0, _WEIGHT_MAX), min_size=n, max_size=n))
        k = draw(st.integers(0, n - 1))
        w[k] += 1  # never all zero
        total = sum(w)
        out = np.empty(n, dtype=object)
        out[:] = [Fraction(v, total) for v in w]
        return out
    w = np.array(draw(st.lists(st.floats(0.0, 1.0, allow_subnormal=False), min_size=n,
                               max_size=n)))
    k = draw(st.integers(0, n - 1))
    w[k] += 1.0 / n
    normalised: NDArray = w / w.sum()
    return normalised


def distributions(n_outcomes: int, *, exact: bool = False) -> st.SearchStrategy[NDArray]:
    """Distributions over ``n_outcomes`` outcomes, shape ``(n_outcomes,)``.

    Exact ones hold ``Fraction`` entries with small denominators and often have zeros; float ones
    are float64 summing to 1 up to rounding.

    Cost: O(n) per example.
    """
    return _weights(_check_n(n_outcomes), arithmetic_of(bool(exact)))


def gambles(n_outcomes: int, *, min_value: Any = -10, max_value: Any = 10,
            exact: bool = False) -> st.SearchStrategy[NDArray]:
    """Gambles (payoff vectors) with entries in ``[min_value, max_value]``.

    Exact gambles hold ``Fraction`` entries with denominators up to 4; float gambles hold finite
    float64 values.

    Cost: O(n) per example.
    """
    n = _check_n(n_outcomes)
    # read by the library's one number rule (bools, NaN and non-numbers refused); a float
    # bound stands for its exact binary value
    lo = EXACT.scalar(parse_number(min_value, "min_value"))
    hi = EXACT.scalar(parse_number(max_value, "max_value"))
    if lo > hi:
        raise InvalidArgumentError(
            f"min_value must not exceed max_value, got {min_value!r} > {max_value!r}")
    if exact:
        den = 4
        a, b = math.ceil(lo * den), math.floor(hi * den)
        return _exact_gambles(n, a, b, den)
    return _float_gambles(n, float(lo), float(hi))


# Drawn in composite strategies rather than through ``.map(function)``: hypothesis then
# prints a failing example as the value's own repr (``array([Fraction(1, 4), ...],
# dtype=object)``), which runs after ``from numpy import array`` and ``from fractions import
# Fraction``, instead of a call of a helper nobody can import.
@st.composite
def _exact_gambles(draw: Any, n: int, a: int, b: int, den: int) -> NDArray:
    out = np.empty(n, dtype=object)
    out[:] = [Fraction(draw(st.integers(a, b)), den) for _ in range(n)]
    return out


@st.composite
def _float_gambles(draw: Any, n: int, lo: float, hi: float) -> NDArray:
    elem = st.floats(lo, hi, allow_nan=False, allow_infinity=False, allow_subnormal=False)
    return np.array([draw(elem) for _ in range(n)], dtype=float)


Form = Literal["vertices", "constraints", "any"]


def credal_sets(n_outcomes: int, *, max_vertices: int = 5, exact: bool = False,
                form: Form = "any") -> st.SearchStrategy[CredalSet]:
    """Nonempty credal sets over ``n_outcomes`` outcomes, built constructively.

    Parameters
    ----------
    n_outcomes : int
    max_vertices : int
        For V-form sets, the most points drawn (the hull may have fewer vertices).
    exact : bool
        Exact sets (``Fraction`` data) or float64 sets.
    form : {"vertices", "constraints", "any"}
        ``"vertices"``: hulls of drawn distributions (and contamination sets).
        ``"constraints"``: H-form sets made nonempty by construction: a drawn distribution
        p and gambles g_j with constraints ``g_j·q >= g_j·p - slack_j`` (p satisfies them),
        or probability intervals around p. ``"any"``: either, or a TV ball.

    Notes
    -----
    Cost per example: building the set (O(k n) for k points; an H-form set's constructor
    checks its nonemptiness with one LP). Nothing is enumerated until a test asks.
    """
    n = _check_n(n_outcomes)
    if not isinstance(max_vertices, int) or max_vertices < 1:
        raise InvalidArgumentError(f"max_vertices must be a positive int, got {max_vertices!r}")
    if form not in ("vertices", "constraints", "any"):
        raise InvalidArgumentError(
            f"form must be 'vertices', 'constraints' or 'any', got {form!r}")
    ar = arithmetic_of(bool(exact))
    v = st.one_of(_hulls(n, max_vertices, ar), _contaminations(n, ar))
    h = st.one_of(_previsions(n, ar), _intervals(n, ar))
    if form == "vertices":
        return v
    if form == "constraints":
        return h
    return st.one_of(v, h, _tv_balls(n, ar))


def wasserstein_balls(n_outcomes: int, *, exact: bool = False) -> st.SearchStrategy[CredalSet]:
    """Wasserstein balls over ``n_outcomes`` outcomes (:func:`credal.wasserstein_ball`).

    The centre is drawn by :func:`distributions`; the ground cost is, in turn, the 0/1 cost
    (the ball is then a TV ball), a distance ``|x_i - x_j|`` between drawn points on a line,
    or any nonnegative matrix with a zero diagonal (entries in ``{0, 1/2, ..., 2}``); the
    radius lies in ``{0, 1/8, ..., 1}``.

    Cost: O(n^2) per example.

    Examples
    --------
    >>> from hypothesis import given
    >>> import credal as cr
    >>> from credal.strategies import wasserstein_balls
    >>> @given(wasserstein_balls(3, exact=True))
    ... def test_form(S):
    ...     assert S.form == "wasserstein_ball"
    >>> test_form()
    """
    return _wasserstein_balls(_check_n(n_outcomes), arithmetic_of(bool(exact)))


def cvar_sets(n_outcomes: int, *, exact: bool = False) -> st.SearchStrategy[CredalSet]:
    """CVaR sets ``{q : q <= p / alpha}`` over ``n_outcomes`` outcomes
    (:func:`credal.cvar_set`): ``p`` drawn by :func:`distributions`, ``alpha`` in
    ``{1/8, 2/8, ..., 1}``.

    Cost: O(n) per example.
    """
    return _cvar_sets(_check_n(n_outcomes), arithmetic_of(bool(exact)))


def belief_functions(n_outcomes: int, *, max_focal_sets: int = 4,
                     exact: bool = False) -> st.SearchStrategy[CredalSet]:
    """Credal sets of belief functions over the outcomes ``0..n-1``
    (:func:`credal.belief_function`): up to ``max_focal_sets`` non-empty focal sets drawn
    as subsets, with masses drawn like a distribution (a set drawn twice gets the sum).

    Cost: O(k n) per example for ``k`` focal sets.
    """
    n = _check_n(n_outcomes)
    if isinstance(max_focal_sets, bool) or not isinstance(max_focal_sets, int) or \
            max_focal_sets < 1:
        raise InvalidArgumentError(
            f"max_focal_sets must be a positive int, got {max_focal_sets!r}")
    return _belief_functions(n, max_focal_sets, arithmetic_of(bool(exact)))


@st.composite
def _wasserstein_balls(draw: Any, n: int, ar: Arithmetic) -> CredalSet:
    p = draw(_weights(n, ar))
    kind = draw(st.sampled_from(["0/1", "line", "any"]))
    if kind == "0/1":
        C = [[2 * int(i != j) for j in range(n)] for i in range(n)]
    elif kind == "line":
        x = [draw(st.integers(0, 4)) for _ in range(n)]
        C = [[abs(x[i] - x[j]) for j in range(n)] for i in range(n)]
    else:
        C = [[0 if i == j else draw(st.integers(0, 4)) for j in range(n)] for i in range(n)]
    cost = np.array([[ar.scalar(Fraction(v, 2)) for v in row] for row in C], dtype=ar.dtype)
    return wasserstein_ball(p, cost, _scalar(draw, ar, 0, 8, 8))


@st.composite
def _cvar_sets(draw: Any, n: int, ar: Arithmetic) -> CredalSet:
    p = draw(_weights(n, ar))
    return cvar_set(p, _scalar(draw, ar, 1, 8, 8))


@st.composite
def _belief_functions(draw: Any, n: int, max_focal_sets: int, ar: Arithmetic) -> CredalSet:
    k = draw(st.integers(1, max_focal_sets))
    masks = [draw(st.integers(1, 2 ** n - 1)) for _ in range(k)]
    w = draw(_weights(k, ar))
    masses: dict[tuple[int, ...], Any] = {}
    for mask, v in zip(masks, w, strict=True):
        event = tuple(i for i in range(n) if mask >> i & 1)
        masses[event] = masses.get(event, 0) + v
    return belief_function(masses, outcomes=range(n))


def infradistributions(n_outcomes: int, *, max_points: int = 4, exact: bool = False,
                       normalized: bool = True) -> st.SearchStrategy[Any]:
    """Infradistributions over ``n_outcomes`` outcomes, built from drawn a-measures.

    Parameters
    ----------
    n_outcomes : int
    max_points : int
        The most a-measures ``(m, b)`` drawn (never-minimal ones are dropped, so the result
        may have fewer points).
    exact : bool
        Exact infradistributions (``Fraction`` data) or float64 ones.
    normalized : bool
        Return ``H.normalize()`` (``E(0) = 0``, ``E(1) = 1``). The points are drawn so that
        ``E(1) > E(0)`` (with a margin, so floats normalise well); with ``False`` the raw
        infradistribution is returned and ``E(1) == E(0)`` can happen.

    Returns
    -------
    SearchStrategy of credal.infra.Infradistribution
        Each drawn point is ``(λ p, b)``: ``p`` a distribution drawn by
        :func:`distributions`, a mass ``λ`` in ``{0, 1/8, ..., 1}`` and an offset ``b`` in
        ``{0, 1/8, ..., 1/2}`` (with ``normalized``, every point with the smallest offset
        gets a positive mass).

    Raises
    ------
    InvalidArgumentError
        ``n_outcomes`` or ``max_points`` not a positive int.

    Notes
    -----
    Cost per example: O(k n) to draw k points, then one LP per point to drop the points
    that are never minimal.

    Examples
    --------
    >>> from hypothesis import given
    >>> from credal.strategies import infradistributions
    >>> @given(infradistributions(3, exact=True))
    ... def test_normalised(H):
    ...     assert H.expectation([0, 0, 0]) == 0 and H.expectation([1, 1, 1]) == 1
    >>> test_normalised()
    """
    n = _check_n(n_outcomes)
    if isinstance(max_points, bool) or not isinstance(max_points, int | np.integer) or \
            max_points < 1:
        raise InvalidArgumentError(f"max_points must be a positive int, got {max_points!r}")
    ar = arithmetic_of(bool(exact))
    return _infradistributions(n, int(max_points), ar, bool(normalized))


@st.composite
def _infradistributions(draw: Any, n: int, max_points: int, ar: Arithmetic,
                        normalized: bool) -> Any:
    from .infra import Infradistribution  # lazily: keep ``import credal.strategies`` cheap

    k = draw(st.integers(1, max_points))
    dists = [draw(_weights(n, ar)) for _ in range(k)]
    masses = [_scalar(draw, ar, 0, 8, 8) for _ in range(k)]
    offsets = [_scalar(draw, ar, 0, 4, 8) for _ in range(k)]
    if normalized:
        # E(1) > E(0) iff every point with the smallest offset has a positive mass
        low = min(offsets)
        for i in range(k):
            if offsets[i] == low and masses[i] == 0:
                masses[i] = _scalar(draw, ar, 1, 8, 8)
    H = Infradistribution.from_points([(p * lam, b) for p, lam, b in
                                       zip(dists, masses, offsets, strict=True)])
    return H.normalize() if normalized else H


def decision_problems(
        n_outcomes: int, n_acts: int | tuple[int, int], *, exact: bool = False,
) -> st.SearchStrategy[tuple[dict[str, NDArray], CredalSet]]:
    """Decision problems ``(acts, S)``: acts as gambles, and a credal set to judge them by.

    Parameters
    ----------
    n_outcomes : int
    n_acts : int or (int, int)
        Exactly this many acts, or a number of acts between ``min`` and ``max`` (inclusive).
    exact : bool
        Exact problems (``Fraction`` payoffs and set) or float64 ones.

    Returns
    -------
    SearchStrategy of (dict, CredalSet)
        ``acts`` maps the names ``"d1"``, ``"d2"``, ... (in that order) to gambles of shape
        ``(n_outcomes,)`` drawn by :func:`gambles`; ``S`` is drawn by
        ``credal_sets(n_outcomes, exact=exact, form="any")``.

    Raises
    ------
    InvalidArgumentError
        ``n_outcomes`` or ``n_acts`` not a positive int (or ``n_acts`` a pair with
        ``min > max``).

    Notes
    -----
    Cost per example: O(d n) for d acts, plus :func:`credal_sets` for the set.

    Examples
    --------
    >>> from hypothesis import given
    >>> import credal as cr
    >>> from credal.strategies import decision_problems
    >>> @given(decision_problems(3, 2, exact=True))
    ... def test_two_acts(problem):
    ...     acts, S = problem
    ...     assert list(acts) == ["d1", "d2"] and S.n_outcomes == 3
    ...     assert cr.lower_expectation(S, acts["d1"]) <= cr.upper_expectation(S, acts["d1"])
    >>> test_two_acts()
    """
    n = _check_n(n_outcomes)

    def positive(k: Any) -> int:
        if isinstance(k, bool) or not isinstance(k, int | np.integer) or k < 1:
            raise InvalidArgumentError(
                f"n_acts must be a positive int or a (min, max) pair of them, got {n_acts!r}")
        return int(k)

    if isinstance(n_acts, tuple) and len(n_acts) == 2:
        lo, hi = positive(n_acts[0]), positive(n_acts[1])
        if lo > hi:
            raise InvalidArgumentError(
                f"n_acts as (min, max) needs min <= max, got {n_acts!r}")
    else:
        lo = hi = positive(n_acts)
    exact = bool(exact)

    return st.tuples(_named_acts(gambles(n, exact=exact), lo, hi),
                     credal_sets(n, exact=exact, form="any"))


@st.composite
def _named_acts(draw: Any, acts: st.SearchStrategy[NDArray], lo: int,
                hi: int) -> dict[str, NDArray]:
    gs = draw(st.lists(acts, min_size=lo, max_size=hi))
    return {f"d{i + 1}": g for i, g in enumerate(gs)}


def _scalar(draw: Any, ar: Arithmetic, lo: int, hi: int, den: int) -> Fraction | float:
    """``k / den`` for a drawn ``k`` in ``[lo, hi]``, in ``ar``."""
    k = draw(st.integers(lo, hi))
    return ar.scalar(Fraction(k, den))


@st.composite
def _hulls(draw: Any, n: int, max_vertices: int, ar: Arithmetic) -> CredalSet:
    k = draw(st.integers(1, max_vertices))
    points = [draw(_weights(n, ar)) for _ in range(k)]
    return CredalSet.from_vertices(np.array(points, dtype=ar.dtype))


@st.composite
def _contaminations(draw: Any, n: int, ar: Arithmetic) -> CredalSet:
    p = draw(_weights(n, ar))
    return contamination(p, _scalar(draw, ar, 0, 8, 8))


@st.composite
def _tv_balls(draw: Any, n: int, ar: Arithmetic) -> CredalSet:
    p = draw(_weights(n, ar))
    return tv_ball(p, _scalar(draw, ar, 0, 10, 10))


@st.composite
def _previsions(draw: Any, n: int, ar: Arithmetic) -> CredalSet:
    p = draw(_weights(n, ar))
    m = draw(st.integers(1, 4))
    pairs = []
    for _ in range(m):
        g = draw(gambles(n, min_value=-3, max_value=3, exact=ar.exact))
        slack = _scalar(draw, ar, 0, 4, 4)
        pairs.append((g, sum(g * p) - slack))
    return CredalSet.from_lower_previsions(pairs)


@st.composite
def _intervals(draw: Any, n: int, ar: Arithmetic) -> CredalSet:
    p = draw(_weights(n, ar))
    down = [_scalar(draw, ar, 0, 4, 8) for _ in range(n)]
    up = [_scalar(draw, ar, 0, 4, 8) for _ in range(n)]
    lower = [max(p[i] - down[i], 0) for i in range(n)]
    upper = [min(p[i] + up[i], 1) for i in range(n)]
    return CredalSet.from_bounds(np.array(lower, dtype=ar.dtype),
                                 np.array(upper, dtype=ar.dtype))


# --------------------------------------------------------------------------------------
# Supra-MDPs and imprecise Markov chains
# --------------------------------------------------------------------------------------
#: A number of states or actions: exactly this many, or a ``(min, max)`` range (inclusive).
Count = int | tuple[int, int]
#: Credal sets for a model: a strategy of sets (over one outcome list, which becomes the
#: states), or a function ``n -> strategy`` of sets over the outcomes ``0 .. n-1``.
SetsArg = st.SearchStrategy[CredalSet] | Callable[[int], st.SearchStrategy[CredalSet]] | None


def _count_range(value: Any, name: str) -> tuple[int, int]:
    """``value`` (a positive int, or a ``(min, max)`` pair of them) as ``(min, max)``."""
    def positive(k: Any) -> int:
        if isinstance(k, bool) or not isinstance(k, int | np.integer) or k < 1:
            raise InvalidArgumentError(
                f"{name} must be a positive int or a (min, max) pair of them, got {value!r}")
        return int(k)

    if isinstance(value, tuple) and len(value) == 2:
        lo, hi = positive(value[0]), positive(value[1])
        if lo > hi:
            raise InvalidArgumentError(f"{name} as (min, max) needs min <= max, got {value!r}")
        return lo, hi
    k = positive(value)
    return k, k


def _max_reward(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int | np.integer) or value < 0:
        raise InvalidArgumentError(
            f"max_reward must be a non-negative int (0: no rewards), got {value!r}")
    return int(value)


def _action_labels(k: int) -> list[str]:
    return [f"a{j}" for j in range(k)]


def interval_mdps(*, states: Count = (2, 4), actions: Count = (1, 3), exact: bool = True,
                  unavailable: bool = True,
                  max_reward: int = 2) -> st.SearchStrategy[SupraMDP]:
    r"""Interval MDPs (:meth:`credal.mdp.SupraMDP.from_intervals`) with valid, often sparse,
    intervals.

    The states are ``0 .. S-1`` and the actions ``"a0" .. "a{A-1}"``. For each available
    pair ``(s, a)`` a support (at least one successor) and a distribution ``p`` on it are
    drawn (as :func:`distributions` draws them); a successor in the support gets the
    interval :math:`[\max(p_j - d_j, 0), \min(p_j + u_j, 1)]` with ``d_j, u_j`` in
    ``{0, 1/8, ..., 1/2}``, one outside it ``[0, 0]`` (an impossible successor) or
    ``[0, u_j]`` with ``u_j`` in ``{1/8, ..., 1/2}``. So each pair's ``p`` lies in its set,
    and :math:`\sum_j \mathrm{lower}_j \le 1 \le \sum_j \mathrm{upper}_j`.

    Parameters
    ----------
    states, actions : int or (int, int)
        The number of states ``S`` (of actions ``A``): exactly this many, or between
        ``min`` and ``max`` (inclusive). Small by default so that exact solving is fast.
    exact : bool
        Exact models (``Fraction`` bounds and rewards; values are then exact) or float64
        ones.
    unavailable : bool
        Whether some actions may be unavailable in some states (their lower and upper rows
        all zero); every state keeps at least one action.
    max_reward : int
        Rewards are drawn from ``{-max_reward, -max_reward + 1/2, ..., max_reward}`` (0:
        no rewards).

    Returns
    -------
    SearchStrategy of credal.mdp.SupraMDP
        Built from ``(S, A, S)`` arrays ``lower`` and ``upper`` and an ``(S, A)`` array of
        rewards.

    Raises
    ------
    InvalidArgumentError
        ``states`` or ``actions`` not a positive int or ``(min, max)`` pair, ``max_reward``
        not a non-negative int.

    Notes
    -----
    Cost per example: O(S^2 A) to draw the bounds, and the model's O(S^2 A) checks.

    Examples
    --------
    >>> from hypothesis import given
    >>> from credal.strategies import interval_mdps
    >>> @given(interval_mdps(states=3, exact=True))
    ... def test_bellman_is_monotone(M):
    ...     low = M.solve(horizon=1, terminal={0: 0, 1: 0, 2: 0}).values
    ...     high = M.solve(horizon=1, terminal={0: 1, 1: 0, 2: 1}).values
    ...     assert all(low[s] <= high[s] for s in M.states)
    >>> test_bellman_is_monotone()
    """
    return _interval_mdps(_count_range(states, "states"), _count_range(actions, "actions"),
                          arithmetic_of(bool(exact)), bool(unavailable),
                          _max_reward(max_reward))


@st.composite
def _interval_row(draw: Any, n: int, ar: Arithmetic) -> tuple[NDArray, NDArray]:
    """One available pair's ``(lower, upper)`` rows, shape ``(n,)`` each (see
    :func:`interval_mdps`)."""
    support = draw(st.lists(st.booleans(), min_size=n, max_size=n))
    support[draw(st.integers(0, n - 1))] = True
    on = [j for j in range(n) if support[j]]
    p = draw(_weights(len(on), ar))
    lower, upper = ar.filled(n, 0), ar.filled(n, 0)
    for k, j in enumerate(on):
        lower[j] = max(p[k] - _scalar(draw, ar, 0, 4, 8), ar.zero())
        upper[j] = min(p[k] + _scalar(draw, ar, 0, 4, 8), ar.one())
    for j in range(n):
        if not support[j] and draw(st.booleans()):
            upper[j] = _scalar(draw, ar, 1, 4, 8)
    return lower, upper


@st.composite
def _interval_mdps(draw: Any, states: tuple[int, int], actions: tuple[int, int],
                   ar: Arithmetic, unavailable: bool, max_reward: int) -> SupraMDP:
    from .mdp import SupraMDP  # lazily: keep ``import credal.strategies`` cheap

    S = draw(st.integers(*states))
    A = draw(st.integers(*actions))
    lower, upper = ar.filled((S, A, S), 0), ar.filled((S, A, S), 0)
    rewards = ar.filled((S, A), 0)
    for s in range(S):
        avail = draw(st.lists(st.booleans(), min_size=A, max_size=A)) if unavailable \
            else [True] * A
        avail[draw(st.integers(0, A - 1))] = True
        for a in range(A):
            if avail[a]:
                lower[s, a], upper[s, a] = draw(_interval_row(S, ar))
                rewards[s, a] = _scalar(draw, ar, -2 * max_reward, 2 * max_reward, 2)
    return SupraMDP.from_intervals(lower, upper, states=range(S), actions=_action_labels(A),
                                   rewards=rewards)


def supra_mdps(*, states: Count | None = None, actions: Count = (1, 3), exact: bool = True,
               sets: SetsArg = None, max_reward: int = 2) -> st.SearchStrategy[SupraMDP]:
    r"""Supra-MDPs (:class:`credal.mdp.SupraMDP`) whose transitions are credal sets drawn by
    a credal-set strategy.

    Each state gets its own number of actions ``"a0", "a1", ...``, and each pair a set
    ``T(s, a)`` over the states.

    Parameters
    ----------
    states : int or (int, int), optional
        The number of states ``S``: exactly this many, or between ``min`` and ``max``
        (inclusive); default ``(2, 4)``. With ``sets`` a strategy, the states are the
        outcomes of the sets it draws (all over the same outcomes), and ``states``, if
        given, bounds their number.
    actions : int or (int, int)
        The number of actions of each state, drawn per state.
    exact : bool
        Exact rewards and, by default, exact sets (values are then exact), or float64 ones.
        A float set drawn by ``sets`` makes the whole model float.
    sets : SearchStrategy of CredalSet, or callable n -> SearchStrategy of CredalSet
        The sets ``T(s, a)``. A callable is given the number of states ``n`` and must
        return a strategy of sets over the outcomes ``0 .. n-1`` (the states are then
        ``0 .. n-1``), e.g. ``lambda n: belief_functions(n, exact=True)``. Default:
        ``lambda n: credal_sets(n, exact=exact)``.
    max_reward : int
        Rewards are drawn from ``{-max_reward, -max_reward + 1/2, ..., max_reward}`` (0:
        no rewards).

    Returns
    -------
    SearchStrategy of credal.mdp.SupraMDP

    Raises
    ------
    InvalidArgumentError
        At once: ``states`` or ``actions`` not a positive int or ``(min, max)`` pair,
        ``max_reward`` not a non-negative int, ``sets`` neither a strategy nor a callable.
        When drawing: a set over the wrong number of outcomes, or (``sets`` a strategy)
        sets over different outcomes.

    Notes
    -----
    Cost per example: drawing ``S A`` sets (see :func:`credal_sets`); an exact H-form set
    is later answered by exact LPs, so exact solving costs more than for
    :func:`interval_mdps`.

    Examples
    --------
    >>> from hypothesis import given, settings
    >>> import credal as cr
    >>> from credal.strategies import distributions, supra_mdps
    >>> precise = lambda n: distributions(n, exact=True).map(cr.precise)
    >>> @settings(max_examples=20)
    ... @given(supra_mdps(sets=precise))
    ... def test_precise_nature_has_no_choice(M):
    ...     low = M.solve(horizon=2, terminal={0: 1}).values
    ...     high = M.solve(horizon=2, terminal={0: 1}, nature="cooperative").values
    ...     assert low == high
    >>> test_precise_nature_has_no_choice()
    """
    n_states = None if states is None else _count_range(states, "states")
    n_actions = _count_range(actions, "actions")
    exact = bool(exact)
    draw_sets = _sets_arg(sets, exact)
    return _supra_mdps(n_states, n_actions, arithmetic_of(exact), draw_sets,
                       _max_reward(max_reward))


def imprecise_markov_chains(*, states: Count | None = None, exact: bool = True,
                            sets: SetsArg = None) -> st.SearchStrategy[ImpreciseMarkovChain]:
    r"""Imprecise Markov chains (:class:`credal.mdp.ImpreciseMarkovChain`): one credal set
    of next-state distributions per state, drawn by a credal-set strategy.

    Parameters
    ----------
    states : int or (int, int), optional
        The number of states, as in :func:`supra_mdps` (default ``(2, 4)``).
    exact : bool
        Exact sets by default (the chain's expectations are then exact), or float64 ones.
    sets : SearchStrategy of CredalSet, or callable n -> SearchStrategy of CredalSet
        As in :func:`supra_mdps`; default ``lambda n: credal_sets(n, exact=exact)``.

    Returns
    -------
    SearchStrategy of credal.mdp.ImpreciseMarkovChain
        States ``0 .. n-1`` (or, with ``sets`` a strategy, the outcomes of its sets).

    Raises
    ------
    InvalidArgumentError
        As :func:`supra_mdps`.

    Notes
    -----
    Cost per example: drawing ``n`` sets (see :func:`credal_sets`).

    Examples
    --------
    >>> from hypothesis import given
    >>> from credal.strategies import imprecise_markov_chains
    >>> @given(imprecise_markov_chains(states=2))
    ... def test_lower_below_upper(C):
    ...     f = {0: 1, 1: -1}
    ...     lo, up = C.lower_expectation(f, 2), C.upper_expectation(f, 2)
    ...     assert all(lo[s] <= up[s] for s in C.states)
    >>> test_lower_below_upper()
    """
    n_states = None if states is None else _count_range(states, "states")
    return _imprecise_markov_chains(n_states, _sets_arg(sets, bool(exact)))


def _sets_arg(sets: Any, exact_data: bool) -> st.SearchStrategy[CredalSet] | \
        Callable[[int], st.SearchStrategy[CredalSet]]:
    if sets is None:
        return lambda n: credal_sets(n, exact=exact_data)
    if isinstance(sets, st.SearchStrategy) or callable(sets):
        return sets  # type: ignore[no-any-return]
    raise InvalidArgumentError(
        f"sets must be a strategy of credal sets or a function n -> such a strategy, got "
        f"{sets!r}")


class _SetDrawer:
    """Draws the sets of one model: over ``0 .. n-1`` from a callable, or over the outcomes
    of the first set drawn from a strategy (``n`` then found on the first draw)."""

    def __init__(self, draw: Any, sets: Any, states: tuple[int, int] | None) -> None:
        self.draw = draw
        self.labels: tuple[Any, ...] | None = None
        if isinstance(sets, st.SearchStrategy):
            self.strategy = sets
            self.bounds = states
        else:
            n = draw(st.integers(*(states or (2, 4))))
            self.strategy = sets(n)
            self.labels = tuple(range(n))
            self.bounds = (n, n)

    def __call__(self) -> CredalSet:
        S = self.draw(self.strategy)
        if not isinstance(S, CredalSet):
            raise InvalidArgumentError(f"sets must draw CredalSet objects, drew {S!r}")
        labels = tuple(S.outcomes)
        if self.labels is None:
            if self.bounds is not None and not self.bounds[0] <= len(labels) <= self.bounds[1]:
                raise InvalidArgumentError(
                    f"sets drew a set over {len(labels)} outcomes, but states asks for "
                    f"{self.bounds[0]}..{self.bounds[1]} states; leave states out or draw "
                    f"sets over that many outcomes")
            self.labels = labels
        elif labels != self.labels:
            raise InvalidArgumentError(
                f"sets drew a set over the outcomes {list(labels)!r}, but the states are "
                f"{list(self.labels)!r}; every set must be over the states (give sets as a "
                f"function n -> strategy of sets over 0..n-1)")
        return S


@st.composite
def _supra_mdps(draw: Any, states: tuple[int, int] | None, actions: tuple[int, int],
                ar: Arithmetic, sets: Any, max_reward: int) -> SupraMDP:
    from .mdp import SupraMDP  # lazily: keep ``import credal.strategies`` cheap

    next_set = _SetDrawer(draw, sets, states)
    first = next_set()
    assert next_set.labels is not None
    labels = next_set.labels
    transitions: dict[Hashable, Mapping[Hashable, CredalSet]] = {}
    rewards: dict[Hashable, dict[Hashable, Any]] = {}
    for s in labels:
        k = draw(st.integers(*actions))
        names = _action_labels(k)
        transitions[s] = {a: (first if (s, a) == (labels[0], "a0") else next_set())
                          for a in names}
        rewards[s] = {a: _scalar(draw, ar, -2 * max_reward, 2 * max_reward, 2)
                      for a in names}
    return SupraMDP(transitions, rewards=rewards)


@st.composite
def _imprecise_markov_chains(draw: Any, states: tuple[int, int] | None,
                             sets: Any) -> ImpreciseMarkovChain:
    from .mdp import ImpreciseMarkovChain  # lazily: keep ``import credal.strategies`` cheap

    next_set = _SetDrawer(draw, sets, states)
    first = next_set()
    assert next_set.labels is not None
    labels = next_set.labels
    return ImpreciseMarkovChain({s: (first if i == 0 else next_set())
                                 for i, s in enumerate(labels)})


def hypothesis_classes(*, hypotheses: Count = (1, 3), states: Count = (2, 3),
                       actions: Count = (1, 2), prior: str | None = None,
                       max_reward: int = 2) -> st.SearchStrategy[HypothesisClass]:
    r"""Exact hypothesis classes of supra-MDPs (:class:`credal.learning.HypothesisClass`).

    One skeleton is drawn by :func:`supra_mdps` (its sets by :func:`credal_sets`, exact);
    each hypothesis ``"h0", "h1", ...`` keeps or redraws each transition set and each
    reward of it (shrinking towards "keep"), so that all share the states and the actions,
    as a class must.

    Parameters
    ----------
    hypotheses, states, actions : int or (int, int)
        How many hypotheses, states and actions per state (exactly, or a ``(min, max)``
        range). Keep them small when a test searches policies: the search enumerates the
        product of the actions per state.
    prior : None, "precise", "credal" or "any"
        No prior, a precise prior (weights summing to 1, some possibly 0), a credal prior
        (a credal set over the names), or either.
    max_reward : int
        As in :func:`supra_mdps`.

    Returns
    -------
    SearchStrategy of credal.learning.HypothesisClass

    Raises
    ------
    InvalidArgumentError
        At once, for a malformed count, ``prior`` or ``max_reward``.

    Examples
    --------
    >>> from hypothesis import given, settings
    >>> from credal.strategies import hypothesis_classes
    >>> @settings(max_examples=10)
    ... @given(hypothesis_classes(prior="credal"))
    ... def test_credal_regret_is_below_the_uniform_regret(K):
    ...     s = K.states[0]
    ...     policy = {t: K.actions(t)[0] for t in K.states}
    ...     lo, up = K.bayesian_regret(policy, start=s, horizon=2)
    ...     assert 0 <= lo <= up <= K.uniform_regret(policy, start=s, horizon=2)
    >>> test_credal_regret_is_below_the_uniform_regret()
    """
    n_hyp = _count_range(hypotheses, "hypotheses")
    n_states = _count_range(states, "states")
    n_actions = _count_range(actions, "actions")
    if prior not in (None, "precise", "credal", "any"):
        raise InvalidArgumentError(
            f"prior must be None, 'precise', 'credal' or 'any', got {prior!r}")
    return _hypothesis_classes(n_hyp, n_states, n_actions, prior, _max_reward(max_reward))


@st.composite
def _hypothesis_classes(draw: Any, n_hyp: tuple[int, int], states: tuple[int, int],
                        actions: tuple[int, int], prior: str | None,
                        max_reward: int) -> HypothesisClass:
    from .learning import HypothesisClass  # lazily: keep ``import credal.strategies`` cheap
    from .mdp import SupraMDP

    M = draw(supra_mdps(states=states, actions=actions, max_reward=max_reward))
    n = len(M.states)
    k = draw(st.integers(*n_hyp))
    names = [f"h{i}" for i in range(k)]
    hyps: dict[Hashable, SupraMDP] = {}
    for name in names:
        T: dict[Hashable, dict[Hashable, CredalSet]] = {}
        R: dict[Hashable, dict[Hashable, Any]] = {}
        for s in M.states:
            T[s], R[s] = {}, {}
            for a in M.actions(s):
                T[s][a] = draw(credal_sets(n, exact=True)) if draw(st.booleans()) \
                    else M.transitions[s][a]
                T[s][a] = CredalSet.from_vertices(T[s][a].vertices, outcomes=M.states) \
                    if T[s][a].outcomes != M.states else T[s][a]
                R[s][a] = _scalar(draw, EXACT, -2 * max_reward, 2 * max_reward, 2) \
                    if draw(st.booleans()) else M.reward(s, a)
        hyps[name] = SupraMDP(T, rewards=R)
    kind = prior if prior != "any" else draw(st.sampled_from(["precise", "credal"]))
    weights: Any = None
    if kind == "precise":
        weights = dict(zip(names, draw(distributions(k, exact=True)), strict=True))
    elif kind == "credal":
        S = draw(credal_sets(k, exact=True))
        weights = CredalSet.from_vertices(S.vertices, outcomes=names)
    return HypothesisClass(hyps, prior=weights)

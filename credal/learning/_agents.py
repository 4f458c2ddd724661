r"""Agents that learn which hypothesis of a class they are in: the agent protocol, and the
robust, optimistic and posterior-sampling agents."""

from __future__ import annotations

import math
from collections.abc import Hashable, Mapping
from typing import Any, Protocol, runtime_checkable
from weakref import WeakKeyDictionary

import numpy as np

from .._core import numbers as nums
from ..errors import InvalidArgumentError
from ..expectations import lower_expectation, upper_expectation
from ._env import _draw, check_discount
from ._hypotheses import HypothesisClass

Policy = Mapping[Hashable, Hashable]


@runtime_checkable
class Agent(Protocol):
    """What :func:`credal.learning.run` asks of an agent: any object with these methods.

    * ``act(state) -> action``: the action to take in ``state`` (one of the model's
      actions there);
    * ``observe(state, action, reward, next_state)``: what followed.

    Optional, used when present:

    * ``reset(rng)``: called once before the first step with the run's
      :class:`numpy.random.Generator` for the agent (its only source of randomness, if
      the run is to be reproducible from its seed);
    * ``policy``: the agent's current stationary policy, a mapping state -> action over
      every state (or ``None``), read after each ``act`` by the adversarial nature of
      :class:`credal.learning.Environment`.

    Examples
    --------
    >>> import credal as cr
    >>> class Always:
    ...     def __init__(self, action):
    ...         self.action = action
    ...     def act(self, state):
    ...         return self.action
    ...     def observe(self, state, action, reward, next_state):
    ...         pass
    >>> isinstance(Always("go"), cr.learning.Agent)
    True
    """

    def act(self, state: Hashable) -> Hashable: ...

    def observe(self, state: Hashable, action: Hashable, reward: Any,
                next_state: Hashable) -> None: ...


#: Plans shared by every agent of one class (deterministic answers: the sub-classes of the
#: consistent names, with their value caches, and the policies computed from them).
_SHARED: WeakKeyDictionary[HypothesisClass, dict[Any, Any]] = WeakKeyDictionary()


def _shared(K: HypothesisClass) -> dict[Any, Any]:
    table = _SHARED.get(K)
    if table is None:
        table = _SHARED[K] = {}
    return table


class _Eliminating:
    r"""The elimination shared by the agents: the consistent hypotheses, the counts, the
    optional confidence test."""

    def __init__(self, K: HypothesisClass, *, discount: Any = "9/10",
                 horizon: int | None = None, confidence: Any = None) -> None:
        if not isinstance(K, HypothesisClass):
            raise InvalidArgumentError(
                f"K must be a credal.learning.HypothesisClass, got {type(K).__name__}")
        if horizon is not None and (isinstance(horizon, bool) or
                                    not isinstance(horizon, int | np.integer) or horizon <= 0):
            raise InvalidArgumentError(
                f"horizon must be a positive int or None (the discounted infinite horizon), "
                f"got {nums.show(horizon)}")
        self._K = K
        self._horizon = None if horizon is None else int(horizon)
        self._discount = check_discount(discount, horizon=self._horizon)
        self._delta: float | None = None
        if confidence is not None:
            d, _ = nums.as_scalar(confidence, "confidence")
            if not 0 < d < 1:
                raise InvalidArgumentError(
                    f"confidence must be a level 0 < delta < 1 (the probability of wrongly "
                    f"eliminating a true hypothesis per test) or None, got "
                    f"{nums.show(confidence)}")
            self._delta = float(d)
        self._bounds: dict[tuple[Hashable, Hashable, Hashable], list[tuple[float, float]]] = {}
        self.reset()

    # ------------------------------------------------------------------ protocol
    def reset(self, rng: np.random.Generator | None = None) -> None:
        """Forget everything seen: every hypothesis is consistent again. ``rng`` is the
        agent's generator (a fresh one when ``None``)."""
        self._rng = np.random.default_rng() if rng is None else rng
        self.consistent: tuple[Hashable, ...] = self._initial()
        self.exhausted = False
        self.policy: dict[Hashable, Hashable] | None = None
        self._visits: dict[tuple[Hashable, Hashable], int] = {}
        self._moves: dict[tuple[Hashable, Hashable, Hashable], int] = {}

    def act(self, state: Hashable) -> Hashable:
        """The action of the current policy in ``state`` (the policy is recomputed first
        when the consistent set, or the state it is planned from, requires)."""
        if state not in self._K.states:
            raise InvalidArgumentError(
                f"state {state!r} is not a state of the hypotheses; the states are "
                f"{nums.show(list(self._K.states))}")
        self.policy = self._plan(state)
        return self.policy[state]

    def observe(self, state: Hashable, action: Hashable, reward: Any,
                next_state: Hashable) -> None:
        """Eliminate the hypotheses the observation contradicts (see the class notes)."""
        pair = (state, action)
        self._visits[pair] = self._visits.get(pair, 0) + 1
        move = (state, action, next_state)
        self._moves[move] = self._moves.get(move, 0) + 1
        if self.exhausted:
            return
        K = self._K
        survivors = tuple(h for h in self.consistent
                          if K.is_consistent(h, state, action, reward, next_state)
                          and (self._delta is None or self._plausible(h, state, action)))
        if not survivors:
            self.exhausted = True
        elif survivors != self.consistent:
            self.consistent = survivors
            self._eliminated()

    # ------------------------------------------------------------------ internals
    @property
    def eliminated(self) -> tuple[Hashable, ...]:
        """The hypotheses ruled out so far (in the class's order)."""
        return tuple(h for h in self._K.names if h not in self.consistent)

    def _initial(self) -> tuple[Hashable, ...]:
        return self._K.names

    def _eliminated(self) -> None:
        """Called when the consistent set shrinks."""

    def _plan(self, state: Hashable) -> dict[Hashable, Hashable]:
        raise NotImplementedError

    def _singletons(self, h: Hashable, state: Hashable,
                    action: Hashable) -> list[tuple[float, float]]:
        """Lower and upper probability of each next state under ``T_h(state, action)``."""
        key = (h, state, action)
        out = self._bounds.get(key)
        if out is None:
            T = self._K.hypotheses[h].transitions[state][action]
            n = len(self._K.states)
            eye = [[int(i == j) for j in range(n)] for i in range(n)]
            lo = np.asarray(lower_expectation(T, eye))
            up = np.asarray(upper_expectation(T, eye))
            out = self._bounds[key] = [(float(a), float(b)) for a, b in zip(lo, up,
                                                                              strict=True)]
        return out

    def _plausible(self, h: Hashable, state: Hashable, action: Hashable) -> bool:
        """The Hoeffding test at ``(state, action)``."""
        assert self._delta is not None
        n = self._visits[(state, action)]
        eps = math.sqrt(math.log(2 / self._delta) / (2 * n))
        for t, (lo, up) in zip(self._K.states, self._singletons(h, state, action),
                               strict=True):
            freq = self._moves.get((state, action, t), 0) / n
            if freq < lo - eps or freq > up + eps:
                return False
        return True

    def _objective(self) -> tuple[Any, Any]:
        return self._discount, self._horizon

    def _sub(self, names: tuple[Hashable, ...]) -> HypothesisClass:
        """The class of ``names`` without its prior (values do not depend on it), shared by
        every agent of this class."""
        K = self._K
        if names == K.names:
            return K
        table = _shared(K)
        key = ("sub", names)
        sub = table.get(key)
        if sub is None:
            sub = table[key] = HypothesisClass({n: K.hypotheses[n] for n in names})
        assert isinstance(sub, HypothesisClass)
        return sub

    def _optimal(self, h: Hashable, state: Hashable) -> tuple[dict[Hashable, Hashable], Any]:
        """Hypothesis ``h``'s robust optimal policy and its value from ``state``."""
        table = _shared(self._K)
        key = ("optimal", h, state, str(self._discount), self._horizon)
        ans = table.get(key)
        if ans is None:
            ans = table[key] = self._K.optimal_policy(h, start=state, discount=self._discount,
                                                      horizon=self._horizon)
        return ans

    def __repr__(self) -> str:
        return (f"{type(self).__name__}({len(self.consistent)} of {len(self._K.names)} "
                f"hypotheses consistent{', exhausted' if self.exhausted else ''})")


_NOTES = r"""
    Elimination. After each observation ``(s, a, r, s')`` a hypothesis :math:`h` still
    consistent is eliminated when

    * its reward differs: :math:`r \ne r_h(s, a)` (exactly, or beyond ``1e-9`` relative for
      floats; :meth:`HypothesisClass.is_consistent`), or
    * the transition is impossible under it: :math:`\overline{P}_{T_h(s, a)}(\{s'\}) = 0`,
      or
    * with ``confidence=delta``, a Hoeffding test fails: after :math:`n` visits to
      :math:`(s, a)`, the empirical frequency :math:`\hat f(t)` of some next state
      :math:`t` lies outside :math:`[\underline{P}_h(\{t\}) - \varepsilon,
      \overline{P}_h(\{t\}) + \varepsilon]`, :math:`\varepsilon = \sqrt{\ln(2/\delta) /
      (2n)}`, the bounds the lower and upper probability of :math:`\{t\}` under
      :math:`T_h(s, a)`. Whatever nature picks from :math:`T_h(s, a)` at each visit, even
      adaptively, the indicator of :math:`t` minus its probability is a martingale
      difference, so by the Azuma-Hoeffding inequality one such test (fixed :math:`(s, a)`,
      :math:`t` and :math:`n`) eliminates a true hypothesis with probability at most
      :math:`\delta`. The test is repeated at every visit and for every next state, so the
      probability of ever eliminating the true hypothesis is at most :math:`\delta` times
      the number of tests (choose :math:`\delta` accordingly, e.g. divided by the number of
      states and the planned visits).

    The first two tests never eliminate the true hypothesis. When every remaining
    hypothesis fails (the truth is in no hypothesis: the non-realizable case), the agent
    keeps the last non-empty set for good, sets ``exhausted = True`` and eliminates nothing
    more. ``consistent`` is the tuple of names still in play, ``eliminated`` the others.
    ``discount`` and ``horizon`` are those of :meth:`HypothesisClass.maximin_policy`.
"""


class RobustAgent(_Eliminating):
    __doc__ = r"""The robust (maximin) agent: plays the maximin policy of the hypotheses
    still consistent with what it has seen.

    In state :math:`s` it plays
    ``K.restrict(consistent).maximin_policy(start=s, discount=discount, horizon=horizon)``:
    the deterministic stationary policy with the best worst-case robust value from
    :math:`s` over the consistent hypotheses. It is recomputed when the consistent set
    changes or the agent plans from a new state; every plan is cached (and shared by all
    robust agents of the same class).

    Parameters
    ----------
    K : HypothesisClass
    discount : number, default ``"9/10"``
    horizon : int, optional
        Plan for ``horizon`` steps (stationary policies, finite-horizon values) instead of
        the discounted infinite horizon; ``discount=None`` then means undiscounted.
    confidence : number, optional
        The level ``delta`` of the Hoeffding test below (``None``: no such test).

    Attributes
    ----------
    policy : dict or None
        The policy played at the last step.
    value : number or None
        Its guaranteed (maximin) value from the state it was planned from.
    consistent, eliminated : tuple of names
    exhausted : bool

    Notes
    -----""" + _NOTES + r"""
    The search is exhaustive over the deterministic stationary policies (see
    :meth:`HypothesisClass.maximin_policy` for the cost and the size limit).

    Examples
    --------
    >>> import credal as cr
    >>> stay = cr.precise([1], outcomes=["s"])
    >>> def arm(p):
    ...     return cr.mdp.SupraMDP({"s": {"go": stay, "stop": stay}},
    ...                            rewards={"s": {"go": p, "stop": "1/2"}})
    >>> K = cr.learning.HypothesisClass({"good": arm("3/4"), "bad": arm("1/4")})
    >>> agent = cr.learning.RobustAgent(K)
    >>> agent.act("s")                  # "go" could pay 1/4: stop is safe
    'stop'
    >>> agent.observe("s", "go", "3/4", "s")   # it learns what "go" pays
    >>> agent.consistent, agent.act("s")
    (('good',), 'go')
    """

    def reset(self, rng: np.random.Generator | None = None) -> None:
        super().reset(rng)
        self.value: Any = None

    def _plan(self, state: Hashable) -> dict[Hashable, Hashable]:
        table = _shared(self._K)
        key = ("maximin", self.consistent, state, str(self._discount), self._horizon)
        ans = table.get(key)
        if ans is None:
            ans = table[key] = self._sub(self.consistent).maximin_policy(
                start=state, discount=self._discount, horizon=self._horizon)
        policy, self.value = ans
        return dict(policy)


class OptimisticAgent(_Eliminating):
    __doc__ = r"""The optimistic agent: plays the robust optimal policy of the consistent
    hypothesis with the highest robust optimal value.

    In state :math:`s` it picks, among the consistent hypotheses, the :math:`h` maximising
    :math:`V^*_h(s)` (ties: the first in the class's order) and plays
    ``K.optimal_policy(h, start=s, ...)``: optimism over the hypotheses (the principle of
    optimism in the face of uncertainty), robust inside each (nature adversarial within
    :math:`T_h`).

    Parameters
    ----------
    K, discount, horizon, confidence
        As for :class:`RobustAgent`.

    Attributes
    ----------
    hypothesis : name or None
        The hypothesis whose policy was played at the last step.
    policy, value, consistent, eliminated, exhausted
        As for :class:`RobustAgent` (``value``: the chosen hypothesis's optimal value).

    Notes
    -----""" + _NOTES + r"""
    Examples
    --------
    >>> import credal as cr
    >>> stay = cr.precise([1], outcomes=["s"])
    >>> def arm(p):
    ...     return cr.mdp.SupraMDP({"s": {"go": stay, "stop": stay}},
    ...                            rewards={"s": {"go": p, "stop": "1/2"}})
    >>> K = cr.learning.HypothesisClass({"good": arm("3/4"), "bad": arm("1/4")})
    >>> agent = cr.learning.OptimisticAgent(K, horizon=1)
    >>> agent.act("s"), agent.hypothesis
    ('go', 'good')
    >>> agent.observe("s", "go", "1/4", "s")
    >>> agent.act("s"), agent.hypothesis
    ('stop', 'bad')
    """

    def reset(self, rng: np.random.Generator | None = None) -> None:
        super().reset(rng)
        self.hypothesis: Hashable | None = None
        self.value: Any = None

    def _plan(self, state: Hashable) -> dict[Hashable, Hashable]:
        best: tuple[Hashable, dict[Hashable, Hashable], Any] | None = None
        for h in self.consistent:
            policy, value = self._optimal(h, state)
            if best is None or value > best[2]:
                best = (h, policy, value)
        assert best is not None
        self.hypothesis, policy, self.value = best
        return dict(policy)


class PosteriorSamplingAgent(_Eliminating):
    __doc__ = r"""Posterior sampling under a precise prior (Osband, Russo & Van Roy 2013,
    "(More) efficient reinforcement learning via posterior sampling").

    The agent draws a consistent hypothesis with probability proportional to its prior
    weight (the prior renormalised on the consistent set) with the generator given to
    ``reset``, and plays that hypothesis's robust optimal policy. It draws again every
    ``resample_every`` steps, and whenever the drawn hypothesis is eliminated.

    Parameters
    ----------
    K : HypothesisClass
        With a precise prior (a mapping name -> weight).
    resample_every : int, optional
        Draw again after this many steps (``1``: at every step, Thompson sampling).
        ``None`` (the default): only when the drawn hypothesis is eliminated; the
        renormalised prior changes only then, so further draws add only dithering.
    discount, horizon, confidence
        As for :class:`RobustAgent`.

    Attributes
    ----------
    hypothesis : name or None
        The hypothesis drawn (whose policy is played).
    policy, consistent, eliminated, exhausted
        As for :class:`RobustAgent`. Hypotheses of prior weight 0 are never drawn: they
        are not in ``consistent`` from the start.

    Raises
    ------
    InvalidArgumentError
        ``K`` has no prior or a credal one.

    Notes
    -----
    The "posterior" is the prior conditioned on the event that the hypothesis is still
    consistent. It is the Bayesian posterior when each observation is either impossible
    under a hypothesis or equally likely under all consistent ones (deterministic
    hypotheses, say); for supra-MDPs the likelihood of a transition is imprecise (a set
    of probabilities) and is not used beyond the elimination tests below.
    """ + _NOTES + r"""
    Examples
    --------
    >>> import numpy as np
    >>> import credal as cr
    >>> stay = cr.precise([1], outcomes=["s"])
    >>> def arm(p):
    ...     return cr.mdp.SupraMDP({"s": {"go": stay, "stop": stay}},
    ...                            rewards={"s": {"go": p, "stop": "1/2"}})
    >>> K = cr.learning.HypothesisClass({"good": arm("3/4"), "bad": arm("1/4")},
    ...                                 prior={"good": 1, "bad": 0})
    >>> agent = cr.learning.PosteriorSamplingAgent(K)
    >>> agent.reset(np.random.default_rng(0))
    >>> agent.act("s"), agent.hypothesis
    ('go', 'good')
    """

    def __init__(self, K: HypothesisClass, *, resample_every: int | None = None,
                 discount: Any = "9/10", horizon: int | None = None,
                 confidence: Any = None) -> None:
        if isinstance(K, HypothesisClass) and not isinstance(K.prior, Mapping):
            kind = "no prior" if K.prior is None else "a credal prior"
            raise InvalidArgumentError(
                f"posterior sampling needs a precise prior, and K has {kind}; build the "
                f"class with prior={{name: weight, ...}}")
        if resample_every is not None and (
                isinstance(resample_every, bool)
                or not isinstance(resample_every, int | np.integer) or resample_every <= 0):
            raise InvalidArgumentError(
                f"resample_every must be a positive int or None (draw again only on "
                f"elimination), got {nums.show(resample_every)}")
        self._every = None if resample_every is None else int(resample_every)
        super().__init__(K, discount=discount, horizon=horizon, confidence=confidence)

    def reset(self, rng: np.random.Generator | None = None) -> None:
        super().reset(rng)
        self.hypothesis: Hashable | None = None
        self._since = 0

    def _initial(self) -> tuple[Hashable, ...]:
        prior = self._K.prior
        assert isinstance(prior, Mapping)
        return tuple(h for h in self._K.names if prior[h] > 0)

    def _plan(self, state: Hashable) -> dict[Hashable, Hashable]:
        if (self.hypothesis is None or self.hypothesis not in self.consistent
                or (self._every is not None and self._since >= self._every)):
            prior = self._K.prior
            assert isinstance(prior, Mapping)
            self.hypothesis = _draw({h: prior[h] for h in self.consistent}, self._rng)
            self._since = 0
        self._since += 1
        # a hypothesis's robust optimal policy does not depend on the start: solve once
        policy, _ = self._optimal(self.hypothesis, self._K.states[0])
        return dict(policy)


__all__ = ["Agent", "OptimisticAgent", "PosteriorSamplingAgent", "RobustAgent"]

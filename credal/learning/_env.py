r"""Environments (one supra-MDP and nature's behaviour) and runs of an agent in one."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from .._core import numbers as nums
from .._core.frozen import FrozenDict
from .._core.progress import Progress, check_progress
from ..errors import InvalidArgumentError
from ..expectations import solve_lower
from ..mdp import MDPSolution, SupraMDP

#: The natures given by name (a callable is the third kind).
NATURES = ("adversarial", "random")

#: ``nature(state, action, rng) -> distribution``: a mapping state -> probability (missing
#: states are 0) or a sequence in state order.
NatureFunction = Callable[[Hashable, Hashable, np.random.Generator], Any]


class Environment:
    r"""One supra-MDP and the way nature picks from its transition sets.

    At each step the agent in state :math:`s` takes action :math:`a`, receives the
    model's reward :math:`r(s, a)`, and nature picks a distribution :math:`p \in T(s, a)`
    from which the next state is drawn.

    Parameters
    ----------
    M : credal.mdp.SupraMDP
        The true environment.
    nature : {"adversarial", "random"} or callable, default ``"adversarial"``
        How nature picks :math:`p`:

        * ``"adversarial"``: against the agent's current stationary policy :math:`\pi` (its
          ``policy`` attribute, read after each ``act``): the distribution at which the
          robust value of :math:`\pi` is attained,
          ``M.evaluate(pi, discount=discount).kernel[(s, a)]``. When the agent takes an
          action other than :math:`\pi(s)`, the distribution of :math:`T(s, a)` that
          minimises the expected robust value :math:`\sum_t p(t) V^\pi(t)` (a witness of
          the lower expectation). When the agent has no policy (``None`` or no such
          attribute), the worst case of the robust optimal solution,
          ``M.solve(discount=discount).kernel[(s, a)]``. One solve per distinct policy,
          cached.
        * ``"random"``: a vertex of :math:`T(s, a)` (its ``vertices``), drawn uniformly
          with the run's generator at every step.
        * a callable ``nature(state, action, rng) -> distribution``: a mapping state ->
          probability (missing states are 0) or a sequence in state order, which must lie
          in :math:`T(s, a)` (checked with ``contains``, exactly for exact input).
    discount : number, default ``"9/10"``
        The discount of the adversarial nature's value function, ``0 <= discount < 1``.

    Notes
    -----
    Nature's distribution is exact for an exact model (and an exact callable), but the
    next state is drawn from it after conversion to float64 (``numpy.random.Generator``
    samples floats): a state of probability exactly 0 is never drawn, the others with their
    probabilities rounded to double precision.

    Examples
    --------
    >>> from fractions import Fraction
    >>> import credal as cr
    >>> st = ["s", "t"]
    >>> M = cr.mdp.SupraMDP({"s": {"go": cr.CredalSet.from_bounds([0, "1/4"], ["3/4", 1],
    ...                                                          outcomes=st)},
    ...                      "t": {"stay": cr.precise([0, 1], outcomes=st)}},
    ...                     rewards={"s": {"go": 1}})
    >>> env = cr.learning.Environment(M)
    >>> env.distribution("s", "go")   # the worst case: to "t", where nothing is earned
    {'t': Fraction(1, 1)}
    >>> cr.learning.Environment(M, nature="random").distribution("s", "go") in (
    ...     {"s": Fraction(3, 4), "t": Fraction(1, 4)}, {"t": 1})   # a vertex
    True
    """

    def __init__(self, M: SupraMDP, *, nature: str | NatureFunction = "adversarial",
                 discount: Any = "9/10") -> None:
        if not isinstance(M, SupraMDP):
            raise InvalidArgumentError(
                f"M must be a credal.mdp.SupraMDP, got {type(M).__name__}: {nums.show(M)}")
        if isinstance(nature, str):
            if nature not in NATURES:
                raise InvalidArgumentError(
                    f"nature must be 'adversarial', 'random' or a callable "
                    f"nature(state, action, rng) -> distribution, got {nature!r}")
        elif not callable(nature):
            raise InvalidArgumentError(
                f"nature must be 'adversarial', 'random' or a callable "
                f"nature(state, action, rng) -> distribution, got {nums.show(nature)}")
        self._M = M
        self._nature = nature
        self._discount = check_discount(discount)
        self._solutions: dict[Any, MDPSolution] = {}
        self._off_policy: dict[Any, FrozenDict] = {}
        self._vertices: dict[tuple[Hashable, Hashable], list[FrozenDict]] = {}

    @property
    def model(self) -> SupraMDP:
        return self._M

    @property
    def nature(self) -> str | NatureFunction:
        return self._nature

    @property
    def discount(self) -> Any:
        return self._discount

    @property
    def states(self) -> tuple[Hashable, ...]:
        states: tuple[Hashable, ...] = self._M.states
        return states

    def __repr__(self) -> str:
        kind = self._nature if isinstance(self._nature, str) else "callable"
        return f"Environment({self._M!r}, nature={kind!r})"

    def __reduce__(self) -> tuple[Any, ...]:
        return (_rebuild, (self._M, self._nature, self._discount))

    # ------------------------------------------------------------------ nature
    def distribution(self, state: Hashable, action: Hashable, *,
                     policy: Mapping[Hashable, Hashable] | None = None,
                     rng: np.random.Generator | None = None) -> Mapping[Hashable, Any]:
        """Nature's distribution at ``(state, action)``: a read-only mapping next state ->
        probability (nonzero entries; exact for exact input).

        ``policy`` is the agent's current stationary policy (used by the adversarial
        nature); ``rng`` the generator of the random and callable natures (a fresh one
        when ``None``).
        """
        acts = self._M.actions(state)  # checks the state
        if action not in acts:
            raise InvalidArgumentError(
                f"action {action!r} is not an action of state {state!r}; its actions are "
                f"{list(acts)!r}")
        if self._nature == "adversarial":
            return self._adversarial(state, action, policy)
        gen = np.random.default_rng() if rng is None else rng
        if self._nature == "random":
            verts = self._vertex_list(state, action)
            return verts[int(gen.integers(len(verts)))]
        assert callable(self._nature)
        return self._called(state, action, gen)

    def _adversarial(self, state: Hashable, action: Hashable,
                     policy: Mapping[Hashable, Hashable] | None) -> FrozenDict:
        M = self._M
        if policy is None:
            key: Any = None
        elif isinstance(policy, Mapping):
            try:
                key = tuple(policy[s] for s in M.states)
            except (KeyError, TypeError):
                missing = [s for s in M.states if s not in policy]
                raise InvalidArgumentError(
                    f"the agent's policy has no action for the states {missing!r}; a policy "
                    f"is a mapping state -> action over every state") from None
        else:
            raise InvalidArgumentError(
                f"the agent's policy must be a mapping state -> action or None, got "
                f"{nums.show(policy)}")
        sol = self._solutions.get(key)
        if sol is None:
            if key is None:
                sol = M.solve(discount=self._discount)
            else:
                try:
                    sol = M.evaluate(dict(zip(M.states, key, strict=True)),
                                     discount=self._discount)
                except InvalidArgumentError as err:
                    raise InvalidArgumentError(f"the agent's policy: {err}") from None
            self._solutions[key] = sol
        if (state, action) in sol.kernel:
            return FrozenDict(sol.kernel[(state, action)])
        # the agent left its policy: nature minimises the policy's value over T(s, a)
        off = self._off_policy.get((key, state, action))
        if off is None:
            V = [sol.values[t] for t in M.states]
            w = solve_lower(M.transitions[state][action], V).minimizer
            exact = M.is_exact
            off = FrozenDict({t: (q if exact else float(q))
                              for t, q in zip(M.states, w, strict=True) if q != 0})
            self._off_policy[(key, state, action)] = off
        return off

    def _vertex_list(self, state: Hashable, action: Hashable) -> list[FrozenDict]:
        verts = self._vertices.get((state, action))
        if verts is None:
            V = self._M.transitions[state][action].vertices
            exact = self._M.is_exact
            verts = [FrozenDict({t: (q if exact else float(q))
                                 for t, q in zip(self._M.states, row, strict=True) if q != 0})
                     for row in V]
            self._vertices[(state, action)] = verts
        return verts

    def _called(self, state: Hashable, action: Hashable,
                rng: np.random.Generator) -> FrozenDict:
        assert callable(self._nature)
        states = self._M.states
        where = f"at state {state!r}, action {action!r}"
        p = self._nature(state, action, rng)
        if isinstance(p, Mapping):
            unknown = [k for k in p if k not in states]
            if unknown:
                raise InvalidArgumentError(
                    f"nature returned a distribution {where} with the key {unknown[0]!r}, "
                    f"which is not a state; the states are {nums.show(list(states))}")
            row: Any = [p.get(t, 0) for t in states]
        else:
            row = p
        try:
            arr, exact = nums.as_numbers(row, "nature's distribution")
        except InvalidArgumentError as err:
            raise InvalidArgumentError(
                f"nature returned {nums.show(p)} {where}: {err}") from None
        if arr.shape != (len(states),):
            raise InvalidArgumentError(
                f"nature returned {nums.show(p)} {where}; a distribution must be a mapping "
                f"state -> probability or a sequence of {len(states)} probabilities in "
                f"state order {nums.show(list(states))}")
        T = self._M.transitions[state][action]
        try:
            inside = T.contains(arr)
        except InvalidArgumentError as err:
            raise InvalidArgumentError(
                f"nature returned {nums.show(p)} {where}, not a distribution: {err}") from None
        if not inside:
            raise InvalidArgumentError(
                f"nature returned {nums.show(p)} {where}, which is not in T({state!r}, "
                f"{action!r}) = {T!r}; nature must pick from the model's transition set")
        keep_exact = exact and self._M.is_exact
        return FrozenDict({t: (q if keep_exact else float(q))
                           for t, q in zip(states, arr, strict=True) if q != 0})

    def step(self, state: Hashable, action: Hashable, rng: np.random.Generator, *,
             policy: Mapping[Hashable, Hashable] | None = None
             ) -> tuple[Hashable, Mapping[Hashable, Any]]:
        """One transition: nature's distribution at ``(state, action)`` (see
        :meth:`distribution`) and the next state drawn from it with ``rng`` (after
        conversion to float64). Returns ``(next_state, distribution)``."""
        dist = self.distribution(state, action, policy=policy, rng=rng)
        return _draw(dist, rng), dist


def _draw(dist: Mapping[Hashable, Any], rng: np.random.Generator) -> Hashable:
    """A state drawn from ``dist`` (nonzero entries) with float64 probabilities."""
    keys = list(dist)
    if len(keys) == 1:
        rng.random()  # one draw per step whatever the distribution: runs stay aligned
        return keys[0]
    p = np.array([float(dist[k]) for k in keys], dtype=np.float64)
    p = np.clip(p, 0.0, None)
    cdf = np.cumsum(p / p.sum())
    i = int(np.searchsorted(cdf, rng.random(), side="right"))
    return keys[min(i, len(keys) - 1)]


def _rebuild(M: SupraMDP, nature: Any, discount: Any) -> Environment:
    return Environment(M, nature=nature, discount=discount)


def check_discount(discount: Any, *, horizon: int | None = None) -> Any:
    """``discount`` as a Fraction or float: ``0 <= discount < 1`` (``<= 1`` with a
    horizon); ``None`` is allowed with a horizon (undiscounted)."""
    if discount is None and horizon is not None:
        return None
    g, _ = nums.as_scalar(discount, "discount")
    if g < 0 or g > 1 or (horizon is None and g >= 1):
        need = "0 <= discount < 1" if horizon is None else "0 <= discount <= 1"
        raise InvalidArgumentError(f"discount must satisfy {need}, got {nums.show(discount)}")
    return g


# ---------------------------------------------------------------------- runs
@dataclass(frozen=True)
class Trajectory:
    """One run of an agent in an environment.

    Attributes
    ----------
    states : tuple, length ``steps + 1``
        ``states[0]`` the start, ``states[t + 1]`` the state after step ``t``.
    actions : tuple, length ``steps``
    rewards : tuple, length ``steps``
        ``r(states[t], actions[t])``: ``Fraction`` for an exact model, float otherwise.
    distributions : tuple of mapping, length ``steps``
        Nature's distribution at each step (next state -> probability, nonzero entries),
        from which ``states[t + 1]`` was drawn.
    seed : int
        The seed that reproduces the run (drawn from fresh entropy when none was given).
    """

    states: tuple[Hashable, ...]
    actions: tuple[Hashable, ...]
    rewards: tuple[Any, ...]
    distributions: tuple[Mapping[Hashable, Any], ...]
    seed: int

    @property
    def total_reward(self) -> Any:
        """The sum of the rewards (exact for an exact model)."""
        return sum(self.rewards[1:], self.rewards[0]) if self.rewards else 0

    def __len__(self) -> int:
        return len(self.actions)


def run(agent: Any, env: Environment, steps: int, *, start: Hashable,
        seed: int | None = None, progress: Progress | None = None) -> Trajectory:
    r"""Run ``agent`` in ``env`` for ``steps`` steps from ``start``.

    The agent protocol (:class:`credal.learning.Agent`): ``agent.reset(rng)`` once, if the
    agent has it; then at each step ``a = agent.act(s)``, the reward ``r(s, a)`` of the
    model, nature's distribution (reading ``agent.policy`` for the adversarial nature) and
    the next state ``s2`` drawn from it, and ``agent.observe(s, a, r, s2)``.

    Parameters
    ----------
    agent : object with ``act`` and ``observe``
    env : Environment
    steps : int
        Positive.
    start : state
    seed : int, optional
        Non-negative. The same seed gives the same trajectory (for an agent that draws its
        randomness only from the generator passed to ``reset``). ``None``: a seed drawn from
        fresh entropy, recorded in the trajectory.
    progress : callable, optional
        ``progress("steps", done, steps)`` before each step and once at the end.

    Returns
    -------
    Trajectory

    Raises
    ------
    InvalidArgumentError
        ``steps`` not a positive int, ``start`` not a state, a bad seed, an agent without
        ``act``/``observe``, an action the state lacks.

    Notes
    -----
    The seed starts a :class:`numpy.random.SeedSequence` that is split in two independent
    streams: one handed to the agent's ``reset``, one for nature (the random nature's vertex
    choices, the callable nature's ``rng``, and the draws of the next states, one uniform
    number per step).

    Examples
    --------
    >>> import credal as cr
    >>> st = ["a", "b"]
    >>> M = cr.mdp.SupraMDP({"a": {"go": cr.precise([0, 1], outcomes=st)},
    ...                      "b": {"go": cr.precise([1, 0], outcomes=st)}},
    ...                     rewards={"a": {"go": 1}, "b": {"go": 0}})
    >>> K = cr.learning.HypothesisClass({"h": M})
    >>> traj = cr.learning.run(cr.learning.RobustAgent(K), cr.learning.Environment(M), 3,
    ...                        start="a", seed=0)
    >>> traj.states, traj.rewards
    (('a', 'b', 'a', 'b'), (Fraction(1, 1), Fraction(0, 1), Fraction(1, 1)))
    """
    if not isinstance(env, Environment):
        raise InvalidArgumentError(
            f"env must be a credal.learning.Environment, got {type(env).__name__}")
    if isinstance(steps, bool) or not isinstance(steps, int | np.integer) or steps <= 0:
        raise InvalidArgumentError(
            f"steps must be a positive int, got {nums.show(steps)}")
    steps = int(steps)
    M = env.model
    if start not in M.states:
        raise InvalidArgumentError(
            f"start must be a state; {start!r} is not one of {nums.show(list(M.states))}")
    for method in ("act", "observe"):
        if not callable(getattr(agent, method, None)):
            raise InvalidArgumentError(
                f"agent must have the methods act(state) and observe(state, action, "
                f"reward, next_state); {type(agent).__name__} has no {method}()")
    if seed is None:
        seed = int(np.random.SeedSequence().entropy)  # type: ignore[arg-type]
    elif isinstance(seed, bool) or not isinstance(seed, int | np.integer) or seed < 0:
        raise InvalidArgumentError(f"seed must be a non-negative int or None, got "
                                   f"{nums.show(seed)}")
    seed = int(seed)
    report = check_progress(progress)
    agent_seq, nature_seq = np.random.SeedSequence(seed).spawn(2)
    reset = getattr(agent, "reset", None)
    if callable(reset):
        reset(np.random.default_rng(agent_seq))
    rng = np.random.default_rng(nature_seq)
    states: list[Hashable] = [start]
    actions: list[Hashable] = []
    rewards: list[Any] = []
    dists: list[Mapping[Hashable, Any]] = []
    s = start
    for t in range(steps):
        if report is not None:
            report("steps", t, steps)
        a = agent.act(s)
        acts = M.actions(s)
        try:
            ok = a in acts
        except TypeError:
            ok = False
        if not ok:
            raise InvalidArgumentError(
                f"the agent returned the action {a!r} in state {s!r} (step {t}), which that "
                f"state lacks; its actions are {list(acts)!r}")
        r = M.reward(s, a)
        s2, dist = env.step(s, a, rng, policy=getattr(agent, "policy", None))
        agent.observe(s, a, r, s2)
        actions.append(a)
        rewards.append(r)
        dists.append(dist)
        states.append(s2)
        s = s2
    if report is not None:
        report("steps", steps, steps)
    return Trajectory(tuple(states), tuple(actions), tuple(rewards), tuple(dists), seed)


__all__ = ["NATURES", "Environment", "Trajectory", "check_discount", "run"]

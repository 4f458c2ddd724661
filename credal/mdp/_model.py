r"""Crisp supra-MDPs and imprecise Markov chains: the public classes of :mod:`credal.mdp`."""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np

from .._core import numbers as nums
from .._core.arith import EXACT, FLOAT, Arithmetic
from .._core.frozen import FrozenDict, Immutable
from .._core.progress import Progress, check_progress
from .._core.types import NDArray
from ..errors import InvalidArgumentError, SolverError
from ..sets import CredalSet
from . import _solve
from ._kernels import IntervalKernel, Kernel, SetKernel

NATURES = ("adversarial", "cooperative")


@dataclass(frozen=True)
class MDPSolution:
    """The answer of :meth:`SupraMDP.solve`, :meth:`~SupraMDP.reachability`,
    :meth:`~SupraMDP.safety` and :meth:`~SupraMDP.evaluate`.

    Attributes
    ----------
    values : dict
        State -> value (a ``Fraction`` for exact input, else a float).
    policy : tuple of dict, or dict
        Finite horizon: ``horizon`` dicts state -> action, ``policy[0]`` the first decision
        (``horizon`` steps to go). Infinite horizon: one stationary dict. Ties go to the
        first listed action.
    kernel : mapping
        ``(state, action) -> {next state: probability}`` (nonzero entries): the distribution
        in ``T(state, action)`` at which nature attains the expectation used at the
        solution (finite horizon: at the first decision). Read-only, computed on first
        access (one LP per pair for H-form sets, one pass for interval models).
    q_values : dict
        ``(state, action) -> r(s, a) + discount * E V`` at the solution (finite horizon: the
        first decision).
    iterations : int
        Backups (finite horizon, float value iteration) or exact improvement rounds.
    residual : Fraction or float
        ``max_s |(B V)(s) - V(s)|`` at the returned values: 0 for exact input (the values
        are certified), the last value-iteration change for float input.
    """

    values: dict[Hashable, Any]
    policy: Any
    kernel: Mapping[tuple[Hashable, Hashable], Mapping[Hashable, Any]]
    q_values: dict[tuple[Hashable, Hashable], Any]
    iterations: int
    residual: Any


class _NatureKernel(Mapping[tuple[Hashable, Hashable], Mapping[Hashable, Any]]):
    """``sol.kernel``: nature's distribution per state-action pair, read-only, computed on
    first access (one pass of the kernel's witnesses, as nonzero entries)."""

    def __init__(self, kernel: Kernel, at: NDArray, lower: bool,
                 states: tuple[Hashable, ...], pairs: tuple[tuple[Hashable, Hashable], ...]
                 ) -> None:
        self._source = (kernel, at, lower, states, pairs)
        self._table: dict[tuple[Hashable, Hashable], FrozenDict] | None = None

    def _rows(self) -> dict[tuple[Hashable, Hashable], FrozenDict]:
        if self._table is None:
            kernel, at, lower, states, pairs = self._source
            exact = kernel.ar.exact
            table: dict[tuple[Hashable, Hashable], FrozenDict] = {}
            if pairs:
                pair, succ, prob = kernel.witness_entries(at, lower=lower)
                cuts = np.searchsorted(pair, np.arange(len(pairs) + 1))
                for p, key in enumerate(pairs):
                    sl = slice(int(cuts[p]), int(cuts[p + 1]))
                    table[key] = FrozenDict({
                        states[int(j)]: (q if exact else float(q))
                        for j, q in zip(succ[sl], prob[sl], strict=True)})
            self._table = table
        return self._table

    def __getitem__(self, key: tuple[Hashable, Hashable]) -> Mapping[Hashable, Any]:
        return self._rows()[key]

    def __iter__(self) -> Iterator[tuple[Hashable, Hashable]]:
        return iter(self._source[4])

    def __len__(self) -> int:
        return len(self._source[4])

    def __repr__(self) -> str:
        return repr(self._rows())

    def __reduce__(self) -> tuple[Any, ...]:
        return (FrozenDict, (dict(self._rows()),))


class _Transitions(Mapping[Hashable, Mapping[Hashable, CredalSet]]):
    """``M.transitions[state][action]``: the credal set, built on first use for interval
    models (so a large sparse model holds no dense rows)."""

    def __init__(self, model: SupraMDP) -> None:
        self._model = model

    def __getitem__(self, state: Hashable) -> Mapping[Hashable, CredalSet]:
        m = self._model
        s = m._state_index(state, "state")
        return {a: m._pair_set(int(m._start[s]) + j) for j, a in enumerate(m._actions[s])}

    def __iter__(self) -> Iterator[Hashable]:
        return iter(self._model.states)

    def __len__(self) -> int:
        return len(self._model.states)


class SupraMDP(Immutable):
    r"""A crisp supra-MDP: states, actions per state, a credal set of next-state
    distributions per state-action pair, and rewards.

    Nature picks the next-state distribution from ``T(s, a)`` at every visit, independently
    of earlier picks (``(s, a)``-rectangularity): adversarially by default (the robust and
    infra-Bayesian reading), cooperatively on request.

    Parameters
    ----------
    transitions : mapping state -> mapping action -> CredalSet
        Every set's outcomes are the states, in the order of the mapping's keys; every
        state has at least one action.
    rewards : mapping state -> mapping action -> number, optional
        Received on taking the action in the state (a missing entry is 0).

    Notes
    -----
    Exact sets and rewards (ints, Fractions, rational strings) give exact values,
    including the infinite horizon (see :meth:`solve`). Interval models built with
    :meth:`from_intervals` are answered by the greedy fill, vectorised over all pairs;
    other sets by their own closed forms or warm-started LPs.

    Examples
    --------
    >>> import credal as cr
    >>> T = {"go": cr.CredalSet.from_bounds([0, "1/4"], ["3/4", "1/2"], outcomes=["s", "t"])}
    >>> M = cr.mdp.SupraMDP({"s": T, "t": {"stay": cr.precise([0, 1], outcomes=["s", "t"])}})
    >>> M.reachability({"t"}).values["s"]  # nature can delay the goal, not prevent it
    Fraction(1, 1)
    >>> M.reachability({"t"}, horizon=1).values["s"]
    Fraction(1, 4)
    """

    __slots__ = ("states", "_index", "_actions", "_start", "_pair_state", "_pair_action",
                 "_rewards", "_kernel", "_ar", "_sets", "transitions")
    states: tuple[Hashable, ...]
    _index: dict[Hashable, int]
    _actions: tuple[tuple[Hashable, ...], ...]
    _start: NDArray
    _pair_state: NDArray
    _pair_action: tuple[Hashable, ...]
    _rewards: NDArray
    _kernel: Kernel
    _ar: Arithmetic
    _sets: dict[int, CredalSet]
    transitions: Mapping[Hashable, Mapping[Hashable, CredalSet]]

    def __init__(self, transitions: Mapping[Hashable, Mapping[Hashable, CredalSet]],
                 rewards: Any = None) -> None:
        if not isinstance(transitions, Mapping) or not transitions:
            raise InvalidArgumentError(
                f"transitions must be a non-empty mapping state -> mapping action -> "
                f"CredalSet, got {nums.show(transitions)}")
        states = tuple(transitions)
        sets: list[CredalSet] = []
        actions: list[tuple[Hashable, ...]] = []
        for s in states:
            acts = transitions[s]
            if not isinstance(acts, Mapping) or not acts:
                raise InvalidArgumentError(
                    f"transitions[{s!r}] must be a non-empty mapping action -> CredalSet "
                    f"(every state needs at least one action), got {nums.show(acts)}")
            actions.append(tuple(acts))
            for a, S in acts.items():
                name = f"transitions[{s!r}][{a!r}]"
                if not isinstance(S, CredalSet):
                    raise InvalidArgumentError(
                        f"{name} must be a CredalSet over the states, got {nums.show(S)}")
                if tuple(S.outcomes) != states:
                    raise InvalidArgumentError(
                        f"{name} is a set over {list(S.outcomes)!r}, but its outcomes must "
                        f"be the states in the order of the mapping's keys, {list(states)!r}; "
                        f"build it with outcomes={list(states)!r}")
                sets.append(S)
        exact = all(S.is_exact for S in sets)
        ar0 = EXACT if exact else FLOAT
        if not exact:
            sets = [S.to_float() if S.is_exact else S for S in sets]
        self._setup(states, actions, ar0, SetKernel(sets, len(states), ar0), rewards)

    def _setup(self, states: tuple[Hashable, ...], actions: list[tuple[Hashable, ...]],
               ar0: Arithmetic, kernel: Kernel, rewards: Any) -> None:
        index = _index_states(states)
        counts = np.array([len(a) for a in actions], dtype=np.int64)
        start = np.concatenate([[0], np.cumsum(counts)]).astype(np.int64)
        pair_state = np.repeat(np.arange(len(states)), counts)
        pair_action = [a for acts in actions for a in acts]
        r, r_exact = _read_rewards(rewards, states, actions, start)
        ar = ar0 if (r_exact or not ar0.exact) else FLOAT
        if ar is not ar0:
            kernel = kernel.to_float()
        self._set("states", states)
        self._set("_index", index)
        self._set("_actions", tuple(actions))
        self._set("_start", start, own=True)
        self._set("_pair_state", pair_state, own=True)
        self._set("_pair_action", tuple(pair_action))
        self._set("_rewards", r.astype(np.float64) if not ar.exact else r, own=True)
        self._set("_kernel", kernel)
        self._set("_ar", ar)
        self._set("_sets", {})
        self._set("transitions", _Transitions(self))

    @classmethod
    def from_intervals(cls, lower: Any, upper: Any, *, states: Sequence[Hashable],
                       actions: Sequence[Hashable], rewards: Any = None) -> SupraMDP:
        """An interval MDP: ``T(s, a) = {p : lower[s, a] <= p <= upper[s, a], sum p = 1}``.

        Parameters
        ----------
        lower, upper : (S, A, S) array_like, or scipy.sparse matrices of shape (S*A, S)
            Interval transition probabilities; in a sparse matrix row ``s*A + a`` holds pair
            ``(s, a)`` and an absent entry is the interval ``[0, 0]`` (an impossible
            successor: sparse models never hold dense rows). A pair whose lower and upper
            rows are both all zero is an action *not available* in that state.
        states : sequence of S labels
        actions : sequence of A labels
        rewards : None, mapping state -> mapping action -> number, or (S, A) array_like

        Raises
        ------
        InvalidArgumentError
            Shapes that do not match, bounds outside ``[0, 1]``, ``lower > upper``, a pair
            whose intervals admit no distribution (``sum lower > 1`` or ``sum upper < 1``),
            a state with no available action.

        Examples
        --------
        >>> import credal as cr
        >>> lo = [[[0, "1/2"]], [[0, 1]]]
        >>> up = [[["1/2", 1]], [[0, 1]]]
        >>> M = cr.mdp.SupraMDP.from_intervals(lo, up, states=["s", "t"], actions=["go"])
        >>> M.solve(horizon=1, terminal={"t": 1}).values
        {'s': Fraction(1, 2), 't': Fraction(1, 1)}
        """
        states = tuple(states)
        actions = tuple(actions)
        S, A = len(states), len(actions)
        if S == 0 or A == 0:
            raise InvalidArgumentError(
                f"states and actions must be non-empty, got {S} states and {A} actions")
        _index_states(states)
        _index_states(actions, what="actions")
        rows_lo, rows_up = _interval_rows(lower, "lower", S, A), _interval_rows(upper, "upper",
                                                                               S, A)
        kernel, available, exact = _interval_kernel(rows_lo, rows_up, states, actions)
        act_lists: list[tuple[Hashable, ...]] = []
        for s in range(S):
            avail = tuple(actions[a] for a in range(A) if available[s * A + a])
            if not avail:
                raise InvalidArgumentError(
                    f"state {states[s]!r} has no available action (its lower and upper rows "
                    f"are all zero for every action); give at least one action an interval "
                    f"row, e.g. a self-loop [1, 1]")
            act_lists.append(avail)
        if rewards is not None and not isinstance(rewards, Mapping):
            R, _ = nums.as_numbers(rewards, "rewards")
            if R.shape != (S, A):
                raise InvalidArgumentError(
                    f"rewards must be a mapping state -> mapping action -> number or an "
                    f"(S, A) = ({S}, {A}) array, got shape {R.shape}")
            rewards = {states[s]: {actions[a]: R[s, a] for a in range(A)
                                   if available[s * A + a]} for s in range(S)}
        self = cls.__new__(cls)
        ar0 = EXACT if exact else FLOAT
        self._setup(states, act_lists, ar0, kernel, rewards)
        return self

    def __reduce__(self) -> tuple[Any, ...]:
        rewards = {s: {a: self._rewards[int(self._start[i]) + j] for j, a in enumerate(acts)}
                   for i, (s, acts) in enumerate(zip(self.states, self._actions, strict=True))}
        return (_rebuild, (self.states, self._actions, self._ar, self._kernel, rewards))

    # ---------------------------------------------------------------- accessors
    def actions(self, state: Hashable) -> tuple[Hashable, ...]:
        """The actions available in ``state``, in their listed order."""
        return self._actions[self._state_index(state, "state")]

    def reward(self, state: Hashable, action: Hashable) -> Any:
        """The reward received on taking ``action`` in ``state`` (0 when none was given):
        a ``Fraction`` for an exact model, a float otherwise."""
        i = self._state_index(state, "state")
        acts = self._actions[i]
        if action not in acts:
            raise InvalidArgumentError(
                f"action {action!r} is not an action of state {state!r}; its actions are "
                f"{list(acts)!r}")
        v = self._rewards[int(self._start[i]) + acts.index(action)]
        return v if self._ar.exact else float(v)

    @property
    def rewards(self) -> Mapping[Hashable, Mapping[Hashable, Any]]:
        """Every reward: a read-only mapping state -> action -> number."""
        return FrozenDict({s: FrozenDict({a: self.reward(s, a) for a in self.actions(s)})
                           for s in self.states})

    @property
    def is_exact(self) -> bool:
        """Whether the model's numbers are exact (values are then exact Fractions)."""
        return self._ar.exact

    @property
    def n_pairs(self) -> int:
        """The number of state-action pairs."""
        return len(self._pair_action)

    def _state_index(self, state: Hashable, name: str) -> int:
        try:
            return self._index[state]
        except (KeyError, TypeError):
            raise InvalidArgumentError(
                f"{name} {state!r} is not a state of this model; the states are "
                f"{nums.show(list(self.states))}") from None

    def _pair_set(self, pair: int) -> CredalSet:
        cached = self._sets.get(pair)
        if cached is None:
            cached = self._sets[pair] = self._kernel.credal_set(pair, self.states)
        return cached

    def __repr__(self) -> str:
        kind = "interval" if isinstance(self._kernel, IntervalKernel) else "credal-set"
        return (f"SupraMDP({len(self.states)} states, {self.n_pairs} state-action pairs, "
                f"{kind} transitions, {'exact' if self.is_exact else 'float'})")

    # ---------------------------------------------------------------- problems
    def solve(self, *, horizon: int | None = None, discount: Any = None,
              terminal: Any = None, nature: str = "adversarial",
              progress: Progress | None = None) -> MDPSolution:
        r"""The robust optimal values and policy.

        Finite horizon ``H``: :math:`V_0 = ` ``terminal`` and
        :math:`V_k(s) = \max_a [r(s, a) + \gamma\, \underline{E}_{T(s,a)} V_{k-1}]` by
        backward induction (``discount`` :math:`\gamma` default 1); the policy is
        time-indexed. ``horizon=None``: the fixed point of that operator, which needs
        ``0 <= discount < 1``; stationary deterministic policies are optimal.
        ``nature="cooperative"`` uses the upper expectation.

        Exact input gives exact values in both cases: for the infinite horizon, float
        iteration finds the strategies and exact arithmetic certifies their value (one
        linear solve and one exact backup; strategy improvement in exact arithmetic if the
        check fails), so ``residual`` is 0.

        ``progress(stage, done, total)``, if given, is called as the solve runs: stage
        ``"backups"`` (finite horizon, once per step), ``"sweeps"`` (float value
        iteration), ``"rounds"`` and ``"policy rounds"`` (exact strategy improvement, whose
        ``total`` is the limit past which :class:`~credal.errors.SolverError` is raised).
        An exception raised from it stops the solve: the way to put a time limit on it.

        Examples
        --------
        >>> import credal as cr
        >>> T = {"a": cr.precise([1], outcomes=["s"])}
        >>> M = cr.mdp.SupraMDP({"s": T}, rewards={"s": {"a": 1}})
        >>> M.solve(discount="1/2").values
        {'s': Fraction(2, 1)}
        """
        nature_min = _nature(nature)
        H = _horizon(horizon)
        gamma, g_exact = _discount(discount, H)
        term, t_exact = self._vector(terminal, "terminal", default=0)
        game = self._game(g_exact and t_exact, progress=progress)
        gamma = _in(game.ar, gamma)
        term = _in_array(game.ar, term)
        if H is not None:
            ans = _solve.backward_induction(game, H, gamma, term, nature_min)
        else:
            ans = self._infinite(game, gamma, nature_min, True, None, None, False)
        return self._solution(game, ans, nature_min, gamma)

    def reachability(self, target: Iterable[Hashable], *, avoid: Iterable[Hashable] = (),
                     horizon: int | None = None, nature: str = "adversarial",
                     progress: Progress | None = None) -> MDPSolution:
        r"""The maximal probability, over the agent's policies, of reaching ``target`` before
        ``avoid`` (within ``horizon`` steps; ``None``: eventually), nature minimising it
        (``"cooperative"``: maximising). Rewards are not used.

        ``V = 1`` on ``target``, ``0`` on ``avoid``, elsewhere
        :math:`V_k(s) = \max_a \underline{E}_{T(s,a)} V_{k-1}` from :math:`V_0 = 1_T`. The
        unbounded value is the least fixed point. Exact input gives the exact probability,
        certified: a fixed point of the operator that the agent's stationary policy
        guarantees against nature's exact best response. Float input runs value iteration
        from below until a sweep changes no value by more than ``1e-12``.
        ``progress`` as in :meth:`solve`.
        """
        nature_min = _nature(nature)
        H = _horizon(horizon)
        T = self._states_mask(target, "target")
        A = self._states_mask(avoid, "avoid")
        both = T & A
        if both.any():
            shared = [self.states[i] for i in np.flatnonzero(both)]
            raise InvalidArgumentError(
                f"target and avoid share the states {shared!r}; a state cannot be both "
                f"reached and avoided")
        game = self._game(True, rewards=False, progress=progress)
        fixed, fv = T | A, _in_array(game.ar, T.astype(np.int64))
        if H is not None:
            ans = _solve.backward_induction(game, H, game.ar.one(), fv.copy(), nature_min,
                                            True, fixed, fv)
        else:
            ans = self._infinite(game, game.ar.one(), nature_min, True, fixed, fv, True)
        return self._solution(game, _probabilities(ans, game.ar), nature_min, game.ar.one())

    def safety(self, avoid: Iterable[Hashable], *, horizon: int | None = None,
               nature: str = "adversarial",
               progress: Progress | None = None) -> MDPSolution:
        r"""The maximal probability of staying out of ``avoid`` (for ``horizon`` steps;
        ``None``: forever), nature minimising it (``"cooperative"``: maximising).

        ``V = 0`` on ``avoid``, :math:`V_0 = 1` elsewhere,
        :math:`V_k(s) = \max_a \underline{E}_{T(s,a)} V_{k-1}`. Forever: the greatest fixed
        point, computed as one minus the least probability, over the agent's policies, of
        reaching ``avoid`` with nature maximising it (certified exactly for exact input).
        ``progress`` as in :meth:`solve`.
        """
        nature_min = _nature(nature)
        H = _horizon(horizon)
        A = self._states_mask(avoid, "avoid")
        game = self._game(True, rewards=False, progress=progress)
        ar = game.ar
        if H is not None:
            fv = _in_array(ar, (~A).astype(np.int64))
            ans = _solve.backward_induction(game, H, ar.one(), fv.copy(), nature_min, True,
                                            A, fv)
            return self._solution(game, _probabilities(ans, ar), nature_min, ar.one())
        fv = _in_array(ar, A.astype(np.int64))
        ans = self._infinite(game, ar.one(), not nature_min, False, A, fv, True)
        flipped = _probabilities(_solve.Answer(1 - ans.values, ans.choice, 1 - ans.q, ans.at,
                                               ans.iterations, ans.residual), ar)
        return self._solution(game, flipped, not nature_min, ar.one(), complement=True)

    def evaluate(self, policy: Mapping[Hashable, Hashable], *, horizon: int | None = None,
                 discount: Any = None, terminal: Any = None,
                 nature: str = "adversarial",
                 progress: Progress | None = None) -> MDPSolution:
        """The value of the stationary ``policy`` (mapping state -> action), nature choosing
        as in :meth:`solve` (the same semantics, with one action per state, and the same
        ``progress``)."""
        if not isinstance(policy, Mapping):
            raise InvalidArgumentError(
                f"policy must be a mapping state -> action, got {nums.show(policy)}")
        for s in policy:
            self._state_index(s, "policy key")
        choice = np.empty(len(self.states), dtype=np.int64)
        for i, s in enumerate(self.states):
            if s not in policy:
                raise InvalidArgumentError(
                    f"policy has no action for state {s!r}; give one action per state "
                    f"(the states are {nums.show(list(self.states))})")
            a = policy[s]
            acts = self._actions[i]
            if a not in acts:
                raise InvalidArgumentError(
                    f"policy[{s!r}] = {a!r} is not an action of state {s!r}; its actions "
                    f"are {list(acts)!r}")
            choice[i] = self._start[i] + acts.index(a)
        sub = self._restricted(choice)
        return sub.solve(horizon=horizon, discount=discount, terminal=terminal, nature=nature,
                         progress=progress)

    # ---------------------------------------------------------------- internals
    def _restricted(self, choice: NDArray) -> SupraMDP:
        sub = type(self).__new__(type(self))
        acts: list[tuple[Hashable, ...]] = [(self._pair_action[int(p)],) for p in choice]
        rewards = {s: {acts[i][0]: self._rewards[int(choice[i])]}
                   for i, s in enumerate(self.states)}
        sub._setup(self.states, acts, self._ar, self._kernel.select(choice), rewards)
        return sub

    def _game(self, exact_ok: bool, *, rewards: bool = True,
              progress: Any = None) -> _solve.Game:
        ar = self._ar if exact_ok else FLOAT
        kernel = self._kernel if ar is self._ar else self._kernel.to_float()
        r = self._rewards if rewards else ar.filled(self.n_pairs, 0)
        if ar is FLOAT:
            r = np.asarray(r, dtype=np.float64)
        return _solve.Game(len(self.states), self._pair_state, self._start, r, kernel, ar,
                           check_progress(progress))

    def _infinite(self, game: _solve.Game, gamma: Any, nature_min: bool, agent_max: bool,
                  fixed: NDArray | None, fv: NDArray | None, reach: bool) -> _solve.Answer:
        """The infinite-horizon answer: float value iteration guides, then exact strategy
        improvement certifies (exact games) or polishes (float games up to
        :data:`credal.mdp._solve.EVALUATE_MAX_STATES` states, whose policy evaluations are
        dense solves); larger float games are value iteration alone."""
        fgame = game.to_float()
        ffv = None if fv is None else np.asarray(fv, dtype=np.float64)

        def iterate(**guide: Any) -> _solve.Answer:
            return _solve.value_iteration(fgame, float(gamma), nature_min, agent_max, fixed,
                                          ffv, reach, **guide)

        if not game.ar.exact and game.n_states > _solve.EVALUATE_MAX_STATES:
            return iterate()
        ans = iterate(tol=_solve.GUIDE_TOL, max_sweeps=_solve.GUIDE_SWEEPS, guide=True)
        if game.ar.exact:
            return _solve.exact_fixed_point(game, gamma, nature_min, agent_max, fixed, fv,
                                            reach, ans)
        try:  # polish: the value of the strategies found, by strategy improvement
            polished = _solve.exact_fixed_point(game, gamma, nature_min, agent_max, fixed, fv,
                                                reach, ans)
        except SolverError:
            return iterate()
        V = np.asarray(polished.values, dtype=np.float64)
        size = max(1.0, float(np.max(np.abs(V))))
        outside = reach and (V.min() < -_solve.OUTSIDE_TOL or V.max() > 1 + _solve.OUTSIDE_TOL)
        if polished.residual > _solve.FLOAT_TOL * size or outside:
            return iterate()  # an ill-conditioned evaluation: plain value iteration
        polished.iterations += ans.iterations
        return polished

    def _vector(self, values: Any, name: str, *, default: int) -> tuple[NDArray, bool]:
        S = len(self.states)
        if values is None:
            return np.array([default] * S, dtype=object), True
        if not isinstance(values, Mapping):
            raise InvalidArgumentError(
                f"{name} must be a mapping state -> number (missing states are {default}), "
                f"got {nums.show(values)}")
        out: list[Any] = [default] * S
        for s, v in values.items():
            out[self._state_index(s, f"{name} key")] = v
        arr, exact = nums.as_numbers(out, name)
        return arr, exact

    def _states_mask(self, states: Iterable[Hashable], name: str) -> NDArray:
        if isinstance(states, str) or not isinstance(states, Iterable):
            raise InvalidArgumentError(
                f"{name} must be a collection of states (e.g. {{{self.states[0]!r}}}), got "
                f"{nums.show(states)}")
        mask = np.zeros(len(self.states), dtype=bool)
        for s in states:
            mask[self._state_index(s, f"{name} state")] = True
        return mask

    def _solution(self, game: _solve.Game, ans: _solve.Answer, nature_min: bool,
                  gamma: Any, *, complement: bool = False) -> MDPSolution:
        states = self.states
        ar = game.ar

        def num(x: Any) -> Any:
            return x if ar.exact else float(x)

        values = FrozenDict({s: num(ans.values[i]) for i, s in enumerate(states)})

        def as_policy(choice: NDArray) -> dict[Hashable, Hashable]:
            return FrozenDict({s: self._pair_action[int(choice[i])]
                               for i, s in enumerate(states)})

        if isinstance(ans.choice, list):
            policy: Any = tuple(as_policy(c) for c in ans.choice)
        else:
            policy = as_policy(ans.choice)
        q = FrozenDict({(states[int(self._pair_state[p])], self._pair_action[p]): num(ans.q[p])
                        for p in range(len(ans.q))})
        pairs = tuple((states[int(self._pair_state[p])], self._pair_action[p])
                      for p in range(len(ans.q)))
        kernel = _NatureKernel(game.kernel, ans.at, nature_min, states, pairs)
        return MDPSolution(values, policy, kernel, q, int(ans.iterations),
                           num(ans.residual))


class ImpreciseMarkovChain:
    r"""An imprecise Markov chain: a credal set of next-state distributions per state.

    Under epistemic irrelevance the lower expectation after ``n`` steps is the lower
    transition operator :math:`(\underline{T} f)(s) = \underline{E}_{T(s)} f` applied ``n``
    times (De Cooman, Hermans & Quaeghebeur 2009). It can be strictly below the minimum
    over the homogeneous precise chains drawn from the sets, because the worst distribution
    may change with the time step.

    Parameters
    ----------
    transitions : mapping state -> CredalSet
        Each set's outcomes are the states, in the order of the mapping's keys.

    Examples
    --------
    >>> import credal as cr
    >>> st = ["a", "b"]
    >>> C = cr.mdp.ImpreciseMarkovChain({
    ...     "a": cr.CredalSet.from_bounds(["1/2", 0], [1, "1/2"], outcomes=st),
    ...     "b": cr.precise([0, 1], outcomes=st)})
    >>> C.lower_expectation({"a": 1, "b": 0}, 2)
    {'a': Fraction(1, 4), 'b': Fraction(0, 1)}
    >>> C.hitting_probability({"b"}, lower=False)["a"]
    Fraction(1, 1)
    """

    _STEP = "step"

    def __init__(self, transitions: Mapping[Hashable, CredalSet]) -> None:
        if not isinstance(transitions, Mapping) or not transitions:
            raise InvalidArgumentError(
                f"transitions must be a non-empty mapping state -> CredalSet, got "
                f"{nums.show(transitions)}")
        self._mdp = SupraMDP({s: {self._STEP: T} for s, T in transitions.items()})

    @property
    def states(self) -> tuple[Hashable, ...]:
        return self._mdp.states

    def lower_expectation(self, f: Any, steps: int, *,
                          progress: Progress | None = None) -> dict[Hashable, Any]:
        """``(T^steps f)(s)`` for every state: the lower expectation of ``f`` (a mapping
        state -> number, or a sequence in state order) ``steps`` steps ahead.
        ``progress(stage, done, total)`` is called once per step (stage ``"steps"``)."""
        return self._iterate(f, steps, lower=True, progress=progress)

    def upper_expectation(self, f: Any, steps: int, *,
                          progress: Progress | None = None) -> dict[Hashable, Any]:
        """As :meth:`lower_expectation`, with the upper transition operator."""
        return self._iterate(f, steps, lower=False, progress=progress)

    def _iterate(self, f: Any, steps: int, *, lower: bool,
                 progress: Any) -> dict[Hashable, Any]:
        report = check_progress(progress)
        n = _horizon(steps, name="steps")
        assert n is not None
        states = self.states
        if isinstance(f, Mapping):
            vec, exact = self._mdp._vector(f, "f", default=0)
            missing = [s for s in states if s not in f]
            if missing:
                raise InvalidArgumentError(
                    f"f has no value for the states {missing!r}; give a number per state")
        else:
            vec, exact = nums.as_numbers(f, "f")
            if vec.shape != (len(states),):
                raise InvalidArgumentError(
                    f"f must have one number per state ({len(states)}), got shape {vec.shape}")
        game = self._mdp._game(exact, rewards=False)
        V = _in_array(game.ar, vec)
        for k in range(n):
            if report is not None:
                report("steps", k, n)
            V = game.kernel.lower(V) if lower else game.kernel.upper(V)
        if report is not None:
            report("steps", n, n)
        return FrozenDict({s: (V[i] if game.ar.exact else float(V[i]))
                           for i, s in enumerate(states)})

    def hitting_probability(self, target: Iterable[Hashable], *, lower: bool = True,
                            horizon: int | None = None,
                            progress: Progress | None = None) -> dict[Hashable, Any]:
        """The lower (or upper) probability of hitting ``target`` (within ``horizon`` steps;
        ``None``: ever): the least fixed point of ``h = 1_A + 1_{S \\ A} T h`` (Krak et al.
        2019), exact for exact input. ``progress`` as in :meth:`SupraMDP.solve`."""
        nature = "adversarial" if lower else "cooperative"
        return self._mdp.reachability(target, horizon=horizon, nature=nature,
                                      progress=progress).values

    def __repr__(self) -> str:
        return f"ImpreciseMarkovChain({len(self.states)} states)"


def _probabilities(ans: _solve.Answer, ar: Arithmetic) -> _solve.Answer:
    """Float probabilities clipped to ``[0, 1]`` (rounding can leave ``1 + 2e-16``); exact
    ones are exact already."""
    if ar.exact:
        return ans
    return _solve.Answer(np.clip(ans.values, 0.0, 1.0), ans.choice, np.clip(ans.q, 0.0, 1.0),
                         ans.at, ans.iterations, ans.residual)


def _rebuild(states: tuple[Hashable, ...], actions: tuple[tuple[Hashable, ...], ...],
             ar: Arithmetic, kernel: Kernel, rewards: Any) -> SupraMDP:
    """Unpickle a :class:`SupraMDP` (its state is set once, as in construction)."""
    model = SupraMDP.__new__(SupraMDP)
    model._setup(states, list(actions), ar, kernel, rewards)
    return model


# -------------------------------------------------------------------- input checking
def _index_states(labels: Sequence[Hashable], what: str = "states") -> dict[Hashable, int]:
    index: dict[Hashable, int] = {}
    for i, s in enumerate(labels):
        try:
            if s in index:
                raise InvalidArgumentError(f"{what} lists {s!r} twice; each label once")
        except TypeError:
            raise InvalidArgumentError(f"{what} must be hashable labels, got {s!r}") from None
        index[s] = i
    return index


def _nature(nature: Any) -> bool:
    if nature not in NATURES:
        raise InvalidArgumentError(
            f"nature must be 'adversarial' (the lower expectation) or 'cooperative' (the "
            f"upper one), got {nature!r}")
    return bool(nature == "adversarial")


def _horizon(horizon: Any, name: str = "horizon") -> int | None:
    if horizon is None:
        return None
    if isinstance(horizon, bool) or not isinstance(horizon, int | np.integer) or horizon < 0:
        raise InvalidArgumentError(
            f"{name} must be a non-negative integer (or None), got {horizon!r}")
    return int(horizon)


def _discount(discount: Any, H: int | None) -> tuple[Any, bool]:
    if discount is None:
        if H is None:
            raise InvalidArgumentError(
                "discount is required without a horizon: give 0 <= discount < 1 for the "
                "infinite-horizon fixed point, or a horizon=H for backward induction")
        return 1, True
    g, exact = nums.as_scalar(discount, "discount")
    if g < 0 or g > 1 or (H is None and g >= 1):
        need = "0 <= discount < 1 without a horizon" if H is None else "0 <= discount <= 1"
        raise InvalidArgumentError(
            f"discount must satisfy {need}, got {nums.show(discount)}"
            + ("; give a horizon for an undiscounted problem" if H is None else ""))
    return g, exact


def _in(ar: Arithmetic, x: Any) -> Any:
    return x if ar.exact else float(x)


def _in_array(ar: Arithmetic, arr: Any) -> NDArray:
    if ar.exact:
        flat = [Fraction(x) for x in np.asarray(arr, dtype=object).ravel()]
        out: NDArray = np.array(flat, dtype=object).reshape(np.shape(arr))
        return out
    return np.asarray(arr, dtype=np.float64)


def _read_rewards(rewards: Any, states: tuple[Hashable, ...],
                  actions: list[tuple[Hashable, ...]], start: NDArray) -> tuple[NDArray, bool]:
    P = int(start[-1])
    flat: list[Any] = [0] * P
    if rewards is not None:
        if not isinstance(rewards, Mapping):
            raise InvalidArgumentError(
                f"rewards must be a mapping state -> mapping action -> number, got "
                f"{nums.show(rewards)}")
        index = {s: i for i, s in enumerate(states)}
        for s, row in rewards.items():
            if s not in index:
                raise InvalidArgumentError(
                    f"rewards has the key {s!r}, which is not a state; the states are "
                    f"{nums.show(list(states))}")
            i = index[s]
            if not isinstance(row, Mapping):
                raise InvalidArgumentError(
                    f"rewards[{s!r}] must be a mapping action -> number, got {nums.show(row)}")
            for a, v in row.items():
                if a not in actions[i]:
                    raise InvalidArgumentError(
                        f"rewards[{s!r}] has the action {a!r}, which state {s!r} does not "
                        f"have; its actions are {list(actions[i])!r}")
                flat[int(start[i]) + actions[i].index(a)] = v
    arr, exact = nums.as_numbers(flat, "rewards")
    return arr, exact


def _interval_rows(bounds: Any, name: str, S: int, A: int) -> Any:
    """``bounds`` as a scipy.sparse CSR matrix (S*A, S), or a dense (S*A, S) array."""
    if hasattr(bounds, "tocsr") and hasattr(bounds, "shape"):
        if tuple(bounds.shape) != (S * A, S):
            raise InvalidArgumentError(
                f"{name} as a sparse matrix must have shape (S*A, S) = ({S * A}, {S}), got "
                f"{tuple(bounds.shape)}")
        return bounds.tocsr()
    arr, _ = nums.as_numbers(bounds, name)
    if arr.shape != (S, A, S):
        raise InvalidArgumentError(
            f"{name} must have shape (S, A, S) = ({S}, {A}, {S}) for {S} states and {A} "
            f"actions, got {arr.shape}")
    return arr.reshape(S * A, S)


def _interval_kernel(lo: Any, up: Any, states: tuple[Hashable, ...],
                     actions: tuple[Hashable, ...]) -> tuple[IntervalKernel, NDArray, bool]:
    """The compressed interval kernel of the available pairs, and the availability mask."""
    S, A = len(states), len(actions)
    import scipy.sparse as sp

    if sp.issparse(lo) or sp.issparse(up):
        L = lo if sp.issparse(lo) else sp.csr_matrix(np.asarray(lo, dtype=np.float64))
        U = up if sp.issparse(up) else sp.csr_matrix(np.asarray(up, dtype=np.float64))
        pattern = (abs(L) + abs(U)).tocsr()
        pattern.sort_indices()
        indptr0, succ = pattern.indptr.astype(np.int64), pattern.indices.astype(np.int64)
        row = np.repeat(np.arange(S * A), np.diff(indptr0))
        lo_v = np.asarray(L[row, succ]).ravel() if len(row) else np.zeros(0)
        up_v = np.asarray(U[row, succ]).ravel() if len(row) else np.zeros(0)
        exact = lo_v.dtype == object and up_v.dtype == object
        if not exact:
            lo_v, exact_lo = nums.as_numbers(lo_v, "lower")
            up_v, exact_up = nums.as_numbers(up_v, "upper")
            exact = exact_lo and exact_up
            if not exact:
                lo_v, up_v = lo_v.astype(np.float64), up_v.astype(np.float64)
    else:
        lo_d, e1 = nums.as_numbers(lo, "lower")
        up_d, e2 = nums.as_numbers(up, "upper")
        exact = e1 and e2
        if not exact:
            lo_d, up_d = lo_d.astype(np.float64), up_d.astype(np.float64)
        nz = (lo_d != 0) | (up_d != 0)
        row, succ = np.nonzero(nz)
        counts = np.bincount(row, minlength=S * A)
        indptr0 = np.concatenate([[0], np.cumsum(counts)]).astype(np.int64)
        lo_v, up_v = lo_d[row, succ], up_d[row, succ]
        succ = succ.astype(np.int64)
    ar = EXACT if exact else FLOAT
    counts = np.diff(indptr0)
    available = counts > 0
    _check_intervals(lo_v, up_v, np.repeat(np.arange(S * A), counts), succ, indptr0,
                     available, states, actions, ar)
    keep = np.flatnonzero(available)
    indptr = np.concatenate([[0], np.cumsum(counts[keep])]).astype(np.int64)
    take = np.repeat(available, counts)
    return (IntervalKernel(indptr, succ[take], lo_v[take], up_v[take], S, ar), available,
            exact)


def _check_intervals(lo: NDArray, up: NDArray, row: NDArray, succ: NDArray, indptr: NDArray,
                     available: NDArray, states: tuple[Hashable, ...],
                     actions: tuple[Hashable, ...], ar: Arithmetic) -> None:
    A = len(actions)
    tol = 0 if ar.exact else 1e-9

    def where(r: int) -> str:
        return f"(state {states[r // A]!r}, action {actions[r % A]!r})"

    bad = np.flatnonzero((lo < 0) | (up > 1) | (lo > up))
    if len(bad):
        k = int(bad[0])
        raise InvalidArgumentError(
            f"the interval of pair {where(int(row[k]))} to state {states[int(succ[k])]!r} is "
            f"[{nums.show(lo[k])}, {nums.show(up[k])}]; intervals must satisfy "
            f"0 <= lower <= upper <= 1")
    rows = np.flatnonzero(available)
    if len(rows) == 0:
        return
    starts = indptr[rows]
    s_lo = np.add.reduceat(lo, starts) if len(lo) else lo
    s_up = np.add.reduceat(up, starts) if len(up) else up
    wrong = np.flatnonzero(np.asarray((s_lo > 1 + tol) | (s_up < 1 - tol), dtype=bool))
    if len(wrong):
        k = int(wrong[0])
        raise InvalidArgumentError(
            f"the intervals of pair {where(int(rows[k]))} admit no distribution: the lower "
            f"bounds sum to {nums.show(s_lo[k])} and the upper bounds to "
            f"{nums.show(s_up[k])}; need sum(lower) <= 1 <= sum(upper)")


__all__ = ["ImpreciseMarkovChain", "MDPSolution", "SupraMDP"]

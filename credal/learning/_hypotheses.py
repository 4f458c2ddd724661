"""Hypothesis classes of supra-MDPs and the regret of a policy in three senses."""

from __future__ import annotations

import math
from collections.abc import Hashable, Iterator, Mapping
from fractions import Fraction
from itertools import product
from typing import Any

from .._core import numbers as nums
from .._core.frozen import FrozenDict
from .._core.progress import Progress, check_progress
from ..errors import InvalidArgumentError
from ..mdp import SupraMDP
from ..sets import CredalSet

#: Policy search enumerates the deterministic stationary policies; above this many it is
#: refused up front (each policy costs one robust evaluation per hypothesis).
MAX_POLICIES = 20_000

Policy = Mapping[Hashable, Hashable]


class HypothesisClass:
    r"""A finite class of supra-MDPs over the same states and actions, with an optional
    prior.

    Parameters
    ----------
    hypotheses : mapping name -> SupraMDP
        At least one; every one with the same states (in the same order) and the same
        actions per state. Rewards and transitions may differ.
    prior : mapping name -> weight, CredalSet over the names, or None
        A precise prior (nonnegative weights summing to 1, every name given) or a credal
        prior (a credal set whose outcomes are the names, in any order).

    Notes
    -----
    Values are robust: nature adversarial inside each hypothesis's transition sets, as in
    :meth:`credal.mdp.SupraMDP.solve`. The regret of a stationary policy :math:`\pi` in
    hypothesis :math:`h`, from a start state :math:`s_0`, is

    .. math:: R_h(\pi) = V^*_h(s_0) - V^\pi_h(s_0) \ge 0,

    the uniform regret is :math:`\max_h R_h(\pi)`, the Bayesian regret
    :math:`\sum_h w_h R_h(\pi)`, and for a credal prior :math:`\mathcal{P}` the lower and
    upper expected regret :math:`\min_{w \in \mathcal{P}}` and
    :math:`\max_{w \in \mathcal{P}} \sum_h w_h R_h(\pi)` (a lower and an upper expectation
    over the prior, credal's own linear programs). A precise prior is the one-point credal
    prior (lower = upper = Bayesian); the vacuous prior gives the uniform regret as its
    upper expected regret.

    Examples
    --------
    >>> import credal as cr
    >>> def arm(p):  # one state; "go" pays 1 with probability p, as a reward in [0, 1]
    ...     return cr.mdp.SupraMDP({"s": {"go": cr.precise([1], outcomes=["s"]),
    ...                                   "stop": cr.precise([1], outcomes=["s"])}},
    ...                            rewards={"s": {"go": p, "stop": "1/2"}})
    >>> K = cr.learning.HypothesisClass({"good": arm("3/4"), "bad": arm("1/4")})
    >>> K.regret({"s": "go"}, start="s", horizon=1)
    {'good': Fraction(0, 1), 'bad': Fraction(1, 4)}
    >>> K.maximin_policy(start="s", horizon=1)
    ({'s': 'stop'}, Fraction(1, 2))
    """

    def __init__(self, hypotheses: Mapping[Hashable, SupraMDP], *, prior: Any = None) -> None:
        if not isinstance(hypotheses, Mapping) or not hypotheses:
            raise InvalidArgumentError(
                f"hypotheses must be a non-empty mapping name -> SupraMDP, got "
                f"{nums.show(hypotheses)}")
        names = tuple(hypotheses)
        first_name, first = names[0], hypotheses[names[0]]
        for name in names:
            M = hypotheses[name]
            if not isinstance(M, SupraMDP):
                raise InvalidArgumentError(
                    f"hypotheses[{name!r}] must be a credal.mdp.SupraMDP, got "
                    f"{type(M).__name__}")
            if M.states != first.states:
                raise InvalidArgumentError(
                    f"hypotheses must share their states: {name!r} has "
                    f"{nums.show(list(M.states))}, {first_name!r} has "
                    f"{nums.show(list(first.states))}")
            for s in first.states:
                if tuple(M.actions(s)) != tuple(first.actions(s)):
                    raise InvalidArgumentError(
                        f"hypotheses must share their actions: in state {s!r}, {name!r} has "
                        f"{list(M.actions(s))!r}, {first_name!r} has "
                        f"{list(first.actions(s))!r}")
        self._names = names
        self._hyp = FrozenDict({n: hypotheses[n] for n in names})
        self._prior = _prior(prior, names)
        self._cache: dict[Any, Any] = {}

    def __getstate__(self) -> dict[str, Any]:  # the solutions cache is not shipped
        state = dict(self.__dict__)
        state["_cache"] = {}
        return state

    # ------------------------------------------------------------------ accessors
    @property
    def names(self) -> tuple[Hashable, ...]:
        return self._names

    @property
    def hypotheses(self) -> Mapping[Hashable, SupraMDP]:
        return self._hyp

    @property
    def states(self) -> tuple[Hashable, ...]:
        states: tuple[Hashable, ...] = self._hyp[self._names[0]].states
        return states

    def actions(self, state: Hashable) -> tuple[Hashable, ...]:
        return tuple(self._hyp[self._names[0]].actions(state))

    @property
    def prior(self) -> Mapping[Hashable, Any] | CredalSet | None:
        """The prior: a read-only mapping name -> weight, a CredalSet, or None."""
        prior: Mapping[Hashable, Any] | CredalSet | None = self._prior
        return prior

    def __len__(self) -> int:
        return len(self._names)

    def __iter__(self) -> Iterator[Hashable]:
        return iter(self._names)

    def __repr__(self) -> str:
        kind = ("no prior" if self._prior is None else
                "credal prior" if isinstance(self._prior, CredalSet) else "precise prior")
        return (f"HypothesisClass({len(self._names)} hypotheses over {len(self.states)} "
                f"states, {kind})")

    def restrict(self, names: Any) -> HypothesisClass:
        """The sub-class of ``names`` (in this class's order). A precise prior is
        renormalised on them (refused when they have prior weight 0); a credal prior is
        conditioned on them by the regular extension (:func:`credal.condition` with
        ``rule="regular"``: Bayes' rule on each prior giving them positive weight)."""
        keep = self._known(names, "names")
        if not keep:
            raise InvalidArgumentError("names must name at least one hypothesis")
        prior: Any = None
        if isinstance(self._prior, CredalSet):
            from ..errors import EmptySetError
            from ..expectations import upper_probability
            from ..operations import condition

            if upper_probability(self._prior, keep) == 0:
                raise InvalidArgumentError(
                    f"names {list(keep)!r} have upper prior probability 0; the "
                    f"conditional prior is undefined: keep a name the prior can weigh")
            try:
                sub = condition(self._prior, keep, rule="regular")
            except EmptySetError as exc:  # pragma: no cover - guarded just above
                raise InvalidArgumentError(str(exc)) from None
            outcomes = list(sub.outcomes)
            idx = [outcomes.index(n) for n in keep]
            prior = CredalSet.from_vertices(sub.vertices[:, idx], outcomes=list(keep))
        elif self._prior is not None:
            total = sum(self._prior[n] for n in keep)
            if total == 0:
                raise InvalidArgumentError(
                    f"names {list(keep)!r} have prior weight 0; the posterior is undefined")
            prior = {n: self._prior[n] / total for n in keep}
        return HypothesisClass({n: self._hyp[n] for n in keep}, prior=prior)

    def is_consistent(self, name: Hashable, state: Hashable, action: Hashable,
                      reward: Any, next_state: Hashable) -> bool:
        """Whether hypothesis ``name`` allows the observation: its reward for ``(state,
        action)`` equals ``reward`` (exactly, or within ``1e-9`` relative for floats) and
        ``next_state`` has positive upper probability under its ``T(state, action)``."""
        M = self._hyp[self._known([name], "name")[0]]
        if next_state not in M.states:
            raise InvalidArgumentError(
                f"next_state {next_state!r} is not a state; the states are "
                f"{nums.show(list(M.states))}")
        r = M.reward(state, action)
        x = nums.parse_number(reward, "reward")
        if isinstance(r, float) or isinstance(x, float):
            if not math.isclose(float(r), float(x), rel_tol=1e-9, abs_tol=1e-12):
                return False
        elif r != x:
            return False
        key = ("possible", name, state, action, next_state)
        if key not in self._cache:  # one LP per (hypothesis, pair, next state), remembered
            from ..expectations import upper_probability

            self._cache[key] = bool(
                upper_probability(M.transitions[state][action], [next_state]) > 0)
        return bool(self._cache[key])

    # ------------------------------------------------------------------ values
    def _objective(self, discount: Any, horizon: Any) -> dict[str, Any]:
        return {"discount": discount, "horizon": horizon}

    def _value(self, name: Hashable, policy: Policy | None, start: Hashable,
               discount: Any, horizon: Any) -> Any:
        key = (name, None if policy is None else tuple(policy.get(s) for s in self.states),
               str(discount), horizon)
        if key not in self._cache:
            M = self._hyp[name]
            sol = M.solve(discount=discount, horizon=horizon) if policy is None else \
                M.evaluate(policy, discount=discount, horizon=horizon)
            self._cache[key] = sol
        sol = self._cache[key]
        return sol.values[start]

    def _check(self, policy: Any, start: Any) -> Any:
        states = self.states
        if start not in states:
            raise InvalidArgumentError(
                f"start must be a state; {start!r} is not one of {nums.show(list(states))}")
        if policy is None:
            return None
        if not isinstance(policy, Mapping):
            raise InvalidArgumentError(
                f"policy must be a mapping state -> action, got {nums.show(policy)}")
        return policy

    def values(self, policy: Policy, *, start: Hashable, discount: Any = None,
               horizon: int | None = None) -> dict[Hashable, Any]:
        """``V^policy_h(start)`` for every hypothesis (robust values)."""
        policy = self._check(policy, start)
        return FrozenDict({n: self._value(n, policy, start, discount, horizon)
                           for n in self._names})

    def optimal_values(self, *, start: Hashable, discount: Any = None,
                       horizon: int | None = None) -> dict[Hashable, Any]:
        """``V*_h(start)`` for every hypothesis: its robust optimal value."""
        self._check(None, start)
        return FrozenDict({n: self._value(n, None, start, discount, horizon)
                           for n in self._names})

    def optimal_policy(self, name: Hashable, *, start: Hashable, discount: Any = None,
                       horizon: int | None = None) -> tuple[dict[Hashable, Any], Any]:
        """The robust optimal stationary policy of hypothesis ``name`` and its value from
        ``start`` (finite horizon: the first decision of the time-indexed policy)."""
        name = self._known([name], "name")[0]
        self._check(None, start)
        value = self._value(name, None, start, discount, horizon)
        sol = self._cache[(name, None, str(discount), horizon)]
        policy = sol.policy[0] if isinstance(sol.policy, tuple) else sol.policy
        return dict(policy), value

    def regret(self, policy: Policy, *, start: Hashable, discount: Any = None,
               horizon: int | None = None) -> dict[Hashable, Any]:
        """``V*_h(start) - V^policy_h(start)`` for every hypothesis (robust values;
        ``discount`` and ``horizon`` as in :meth:`credal.mdp.SupraMDP.solve`)."""
        policy = self._check(policy, start)
        return FrozenDict({n: self._value(n, None, start, discount, horizon)
                           - self._value(n, policy, start, discount, horizon)
                           for n in self._names})

    def uniform_regret(self, policy: Policy, *, start: Hashable, discount: Any = None,
                       horizon: int | None = None) -> Any:
        """The largest regret over the class."""
        return max(self.regret(policy, start=start, discount=discount,
                               horizon=horizon).values())

    def bayesian_regret(self, policy: Policy, *, start: Hashable, discount: Any = None,
                        horizon: int | None = None) -> Any:
        """The expected regret under the prior: a number for a precise prior, the pair
        ``(lower, upper)`` of expected regrets for a credal prior."""
        if self._prior is None:
            raise InvalidArgumentError(
                "bayesian_regret needs a prior: HypothesisClass(..., prior={name: weight}) "
                "or a CredalSet over the names")
        R = self.regret(policy, start=start, discount=discount, horizon=horizon)
        if isinstance(self._prior, CredalSet):
            from ..expectations import lower_expectation, upper_expectation

            g = {n: R[n] for n in self._names}
            return (lower_expectation(self._prior, g), upper_expectation(self._prior, g))
        return sum(self._prior[n] * R[n] for n in self._names)

    # ------------------------------------------------------------------ policy search
    def policies(self) -> Iterator[dict[Hashable, Hashable]]:
        """Every deterministic stationary policy, in the order of the actions."""
        states = self.states
        for choice in product(*(self.actions(s) for s in states)):
            yield dict(zip(states, choice, strict=True))

    def n_policies(self) -> int:
        return math.prod(len(self.actions(s)) for s in self.states)

    def _search(self, start: Hashable, discount: Any, horizon: Any, regret: bool,
                progress: Progress | None) -> tuple[dict[Hashable, Hashable], Any]:
        self._check(None, start)
        total = self.n_policies()
        if total > MAX_POLICIES:
            raise InvalidArgumentError(
                f"the class has {total} deterministic stationary policies (the product of "
                f"the actions per state); the exact search evaluates each in every "
                f"hypothesis and is refused above {MAX_POLICIES}. Restrict the actions, or "
                f"search a smaller class")
        best: tuple[dict[Hashable, Hashable], Any] | None = None
        opt = {n: self._value(n, None, start, discount, horizon) for n in self._names}
        for k, pol in enumerate(self.policies()):
            if progress is not None:
                progress("policies", k, total)
            worst: Any = None
            pruned = False
            for n in self._names:  # stop as soon as the policy cannot beat the best
                v = self._value(n, pol, start, discount, horizon)
                score = opt[n] - v if regret else v
                if worst is None or (score > worst if regret else score < worst):
                    worst = score
                if best is not None and (worst >= best[1] if regret else worst <= best[1]):
                    pruned = True
                    break
            if not pruned:
                best = (pol, worst)
        if progress is not None:
            progress("policies", total, total)
        assert best is not None
        return best

    def maximin_policy(self, *, start: Hashable, discount: Any = None,
                       horizon: int | None = None, progress: Progress | None = None
                       ) -> tuple[dict[Hashable, Hashable], Any]:
        r"""The deterministic stationary policy maximising the worst value over the class,
        :math:`\max_\pi \min_h V^\pi_h(s_0)`, and that value; ties go to the first policy
        in :meth:`policies` order.

        Cost: exhaustive over the :meth:`n_policies` policies (exponential in the states),
        one robust evaluation per policy and hypothesis, cut short as soon as a policy
        cannot beat the best so far; refused above :data:`MAX_POLICIES` policies.
        ``progress("policies", done, total)``.
        """
        return self._search(start, discount, horizon, False, check_progress(progress))

    def minimax_regret_policy(self, *, start: Hashable, discount: Any = None,
                              horizon: int | None = None, progress: Progress | None = None
                              ) -> tuple[dict[Hashable, Hashable], Any]:
        r"""The deterministic stationary policy minimising the uniform regret,
        :math:`\min_\pi \max_h R_h(\pi)`, and that regret; ties go to the first policy
        in :meth:`policies` order (cost as :meth:`maximin_policy`). Only stationary
        policies are searched: over a finite horizon the best time-dependent plan of a
        single hypothesis can do better, so even a one-hypothesis class can have a positive
        minimax regret there."""
        return self._search(start, discount, horizon, True, check_progress(progress))

    # ------------------------------------------------------------------ helpers
    def _known(self, names: Any, what: str) -> tuple[Hashable, ...]:
        if isinstance(names, str) or not hasattr(names, "__iter__"):
            names = [names]
        wanted = list(names)
        for n in wanted:
            if n not in self._hyp:
                raise InvalidArgumentError(
                    f"{what} {n!r} is not a hypothesis; the names are "
                    f"{nums.show(list(self._names))}")
        return tuple(n for n in self._names if n in wanted)


def _prior(prior: Any, names: tuple[Hashable, ...]) -> Any:
    if prior is None:
        return None
    if isinstance(prior, CredalSet):
        if set(prior.outcomes) != set(names) or len(prior.outcomes) != len(names):
            raise InvalidArgumentError(
                f"prior must be a credal set over the hypotheses' names "
                f"{nums.show(list(names))}, got one over {nums.show(list(prior.outcomes))}")
        return prior
    if not isinstance(prior, Mapping):
        raise InvalidArgumentError(
            f"prior must be a mapping name -> weight or a CredalSet over the names, got "
            f"{nums.show(prior)}")
    unknown = [n for n in prior if n not in names]
    if unknown:
        raise InvalidArgumentError(
            f"prior has weights for {unknown!r}, which are not hypotheses; the names are "
            f"{nums.show(list(names))}")
    missing = [n for n in names if n not in prior]
    if missing:
        raise InvalidArgumentError(
            f"prior has no weight for {missing!r}; give every hypothesis a weight (0 is "
            f"allowed)")
    arr, exact = nums.as_numbers([prior[n] for n in names], "prior")
    if any(v < 0 for v in arr):
        raise InvalidArgumentError(f"prior weights must be nonnegative, got {nums.show(prior)}")
    total = sum(arr)
    if (exact and total != 1) or (not exact and not math.isclose(float(total), 1.0,
                                                                 abs_tol=1e-9)):
        raise InvalidArgumentError(
            f"prior weights must sum to 1, they sum to {nums.show(total)}")
    return FrozenDict({n: (Fraction(v) if exact else float(v)) for n, v in zip(names, arr,
                                                                               strict=True)})


__all__ = ["HypothesisClass", "MAX_POLICIES"]

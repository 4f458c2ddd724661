r"""The solvers behind :class:`credal.mdp.SupraMDP`: backward induction, float value iteration
with policy-evaluation steps, and the exact certificates of the infinite horizon.

The problem is a *game* between the agent, who picks a pair (an action) in each state, and
nature, who picks the next-state distribution in the pair's set: nature minimises the
agent's value when adversarial, maximises it when cooperative. All functions work on a
:class:`Game` (pairs grouped by state, a kernel, rewards) in its arithmetic: float64, or
exact ``Fraction`` object arrays.

Exact infinite horizon (float then certify, as the LP layer does)
    Float iteration finds stationary strategies: the agent's pair per state and nature's
    distribution per pair (a vertex of the pair's set attaining the expectation). Their
    value is one exact linear solve. It is the game's value when it is a fixed point of the
    robust Bellman operator :math:`B` and each player's strategy is a best response, which
    is checked exactly; otherwise the strategies are improved in exact arithmetic
    (Hoffman & Karp 1966: nature's best response by policy iteration, then one agent
    improvement, repeated) until the check passes. A run that does not end within
    :data:`MAX_ROUNDS` raises :class:`~credal.errors.SolverError`; no value is returned
    uncertified.

Reachability
    The probability of reaching ``target`` before ``avoid`` is the *least* fixed point of
    :math:`V = 1_T + 1_{S \setminus (T \cup A)} \max_a E V`. A fixed point ``V`` of the game
    operator is certified by the maximiser's strategy: fixing it and computing the
    minimiser's exact best response (a one-player minimum-reachability problem, solved by
    policy iteration after removing the states where the minimiser can avoid the target
    with probability one; Baier & Katoen 2008, sec. 10.6) gives a lower bound equal to
    ``V``, while any fixed point is at least the least one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

import numpy as np

from .._core.arith import FLOAT, Arithmetic
from .._core.linalg import integer_rows, solve_integer
from .._core.progress import Progress
from .._core.types import NDArray
from ..errors import SolverError
from ._kernels import Kernel

#: Exact improvement rounds (agent and nature together) before giving up with SolverError.
MAX_ROUNDS = 10_000
#: Float value iteration stops when the residual bound falls below this (relative to the
#: size of the values) or after MAX_SWEEPS sweeps.
FLOAT_TOL = 1e-12
MAX_SWEEPS = 1_000_000
#: The float guide of an exact solve only has to find strategies: exact improvement rounds
#: correct what it gets wrong, so it stops earlier.
GUIDE_TOL = 1e-9
GUIDE_SWEEPS = 1_000
#: Policy evaluation solves a dense (S, S) system: float problems with more states than
#: this use value iteration alone (exact ones always evaluate; their cost is the solve).
EVALUATE_MAX_STATES = 2_000
#: Float probabilities at most this far from 0 count as 0 in the graph steps of
#: reachability (which states can stay away from the target, which can reach it).
ZERO_TOL = 1e-12
#: A polished float probability this far outside [0, 1] is refused (an ill-conditioned
#: evaluation); closer, it is rounding of a near-singular but sound solve, and is clipped.
OUTSIDE_TOL = 1e-6
#: Float strategy improvement switches only for a gain above this (relative).
IMPROVE_TOL = 1e-11
#: Float Q-values within this (relative) of the best count as ties: the first listed wins.
TIE_TOL = 1e-10


@dataclass(frozen=True)
class Game:
    """Pairs grouped by state: pair ``i`` belongs to state ``state[i]`` and pairs of state
    ``s`` are ``start[s] .. start[s+1]-1``."""

    n_states: int
    state: NDArray  # (P,) int
    start: NDArray  # (S+1,) int
    rewards: NDArray  # (P,)
    kernel: Kernel
    ar: Arithmetic
    #: ``progress(stage, done, total)`` for the loops below (see :func:`report`).
    progress: Progress | None = field(default=None, compare=False)

    def to_float(self) -> Game:
        if not self.ar.exact:
            return self
        return Game(self.n_states, self.state, self.start,
                    self.rewards.astype(np.float64), self.kernel.to_float(), FLOAT,
                    self.progress)

    def select(self, choice: NDArray) -> Game:
        """The game where each state has only the pair ``choice[s]``."""
        S = self.n_states
        return Game(S, np.arange(S), np.arange(S + 1), self.rewards[choice],
                    self.kernel.select(choice), self.ar, self.progress)


def report(game: Game, stage: str, done: int, total: int) -> None:
    """Tell the game's progress callable, if any: stages ``"backups"`` (finite horizon),
    ``"sweeps"`` (float value iteration), ``"rounds"`` (exact strategy improvement) and
    ``"policy rounds"`` (policy iteration inside a round). An exception it raises stops
    the solve."""
    if game.progress is not None:
        game.progress(stage, done, total)


@dataclass
class Answer:
    values: NDArray  # (S,)
    choice: NDArray | list[NDArray]  # (S,) pair per state, or per step (first decision first)
    q: NDArray  # (P,) Q-values at the (first) decision
    at: NDArray  # (S,) the value vector nature's witnesses are taken at
    iterations: int
    residual: Any
    kernel_rows: NDArray | None = None  # (P, S) witnesses, when already exact


def expect(game: Game, V: NDArray, nature_min: bool) -> NDArray:
    return game.kernel.lower(V) if nature_min else game.kernel.upper(V)


def greedy(game: Game, Q: NDArray, agent_max: bool = True,
           keep: NDArray | None = None) -> tuple[NDArray, NDArray]:
    """Per state the best Q-value and the first pair attaining it (float: within
    :data:`TIE_TOL`). With ``keep`` (a pair per state), a state keeps its pair unless
    another is strictly better (exact) or better beyond the tie tolerance (float)."""
    starts = game.start[:-1]
    Qs = Q if agent_max else -Q
    best = np.maximum.reduceat(Qs, starts)
    if game.ar.exact:
        hit = Qs == best[game.state]
    else:
        scale = np.maximum(1.0, np.abs(best))
        hit = Qs >= (best - TIE_TOL * scale)[game.state]
    P = len(Q)
    first = np.minimum.reduceat(np.where(hit, np.arange(P), P), starts)
    if keep is not None:
        first = np.where(hit[keep], keep, first)
    values = best if agent_max else -best
    return np.asarray(values), first.astype(np.int64)


def is_zero(a: NDArray, ar: Arithmetic) -> NDArray:
    """``a == 0`` elementwise: exactly, or for floats within :data:`ZERO_TOL` (a float lower
    probability of ``1e-16`` is rounding, and read as a positive one it would make a state
    look unable to stay away from a target that it can avoid for ever)."""
    if ar.exact:
        return np.asarray(a == 0, dtype=bool)
    return np.asarray(np.abs(np.asarray(a, dtype=np.float64)) <= ZERO_TOL, dtype=bool)


def beats(a: NDArray, b: NDArray, ar: Arithmetic) -> NDArray:
    """``a > b`` elementwise: exactly, or for floats by more than :data:`IMPROVE_TOL`
    relative (so that rounding cannot make strategy improvement switch for ever)."""
    if ar.exact:
        return np.asarray(a > b, dtype=bool)
    a = np.asarray(a, dtype=np.float64)
    b = np.asarray(b, dtype=np.float64)
    return np.asarray(a > b + IMPROVE_TOL * np.maximum(1.0, np.abs(b)), dtype=bool)


def backup(game: Game, V: NDArray, gamma: Any, nature_min: bool,
           fixed: NDArray | None, fixed_values: NDArray | None) -> NDArray:
    """Q-values ``r + gamma * E V`` of every pair."""
    Q: NDArray = game.rewards + gamma * expect(game, V, nature_min)
    return Q


def _apply_fixed(V: NDArray, fixed: NDArray | None, fixed_values: NDArray | None) -> NDArray:
    if fixed is None:
        return V
    V = V.copy()
    V[fixed] = fixed_values[fixed]  # type: ignore[index]
    return V


# --------------------------------------------------------------------------------------
# Finite horizon
# --------------------------------------------------------------------------------------
def backward_induction(game: Game, horizon: int, gamma: Any, terminal: NDArray,
                       nature_min: bool, agent_max: bool = True,
                       fixed: NDArray | None = None,
                       fixed_values: NDArray | None = None) -> Answer:
    """``V_k = opt_a [r + gamma E V_{k-1}]`` for ``k = 1..horizon`` from ``V_0 = terminal``
    (states in ``fixed`` keep ``fixed_values``). Exact arrays stay exact."""
    V = _apply_fixed(terminal, fixed, fixed_values)
    choices: list[NDArray] = []
    Q = game.rewards[:0]
    at = V
    for k in range(horizon):
        report(game, "backups", k, horizon)
        at = V
        Q = backup(game, V, gamma, nature_min, fixed, fixed_values)
        V, choice = greedy(game, Q, agent_max)
        V = _apply_fixed(V, fixed, fixed_values)
        choices.append(choice)
    report(game, "backups", horizon, horizon)
    choices.reverse()  # the last computed is the first decision
    return Answer(V, choices, Q, at, horizon, game.ar.zero())


# --------------------------------------------------------------------------------------
# Linear algebra: the value of fixed stationary strategies
# --------------------------------------------------------------------------------------
def solve_linear(ar: Arithmetic, A: NDArray, b: NDArray) -> NDArray:
    """``x`` with ``A x = b``; exact for Fraction arrays. Raises SolverError if singular."""
    if len(b) == 0:
        return ar.filled(0, 0)
    if not ar.exact:
        try:
            return np.linalg.solve(np.asarray(A, dtype=np.float64),
                                   np.asarray(b, dtype=np.float64))
        except np.linalg.LinAlgError as exc:
            raise SolverError(f"a policy evaluation system is singular: {exc}") from None
    aug = np.concatenate([A, b[:, None]], axis=1)
    K, _ = integer_rows(aug, common=False)
    sol = solve_integer(K[:, :-1], K[:, -1])
    if sol is None:
        raise SolverError("a policy evaluation system is singular (exact)")
    U, d = sol
    return np.array([Fraction(int(u), int(d)) for u in U], dtype=object)


def chain_values(ar: Arithmetic, P: NDArray, r: NDArray, gamma: Any,
                 fixed: NDArray | None, fixed_values: NDArray | None,
                 reach: bool) -> NDArray:
    """Value of a Markov chain with transition rows ``P`` (``(S, S)``), rewards ``r``:
    ``V = r + gamma P V`` off ``fixed``, ``fixed_values`` on it. With ``reach`` (``gamma =
    1``, no rewards) states that cannot reach a fixed state of positive value get 0, which
    makes the system nonsingular."""
    S = P.shape[0]
    free = np.ones(S, dtype=bool) if fixed is None else ~fixed
    V = ar.filled(S, 0)
    if fixed is not None:
        V[fixed] = fixed_values[fixed]  # type: ignore[index]
    if reach:
        if fixed is None or fixed_values is None:
            return V  # nothing to reach: probability 0 everywhere
        good = fixed & (np.asarray(fixed_values != 0, dtype=bool))
        can = good.copy()
        edges = ~is_zero(P, ar)
        while True:
            grow = free & ~can & edges[:, can].any(axis=1)
            if not grow.any():
                break
            can |= grow
        free = free & can
    idx = np.flatnonzero(free)
    if len(idx) == 0:
        return V
    A = ar.eye(len(idx)) - gamma * P[np.ix_(idx, idx)]
    rest = ~free
    b = r[idx] + gamma * (P[np.ix_(idx, np.flatnonzero(rest))] @ V[rest])
    V[idx] = solve_linear(ar, A, b)
    return V


# --------------------------------------------------------------------------------------
# One player: a best response, exactly
# --------------------------------------------------------------------------------------
def best_response(game: Game, gamma: Any, *, minimise: bool, rows: NDArray | None,
                  choice: NDArray, guess: NDArray, fixed: NDArray | None,
                  fixed_values: NDArray | None, reach: bool
                  ) -> tuple[NDArray, NDArray, NDArray]:
    """The optimum of a one-player problem, by policy iteration in the game's arithmetic.

    The player picks a pair per state; with ``rows`` (``(P, S)``, the other player's fixed
    distributions) the next state follows ``rows[pair]``, without it the player also picks
    the distribution in the pair's set (nature on the player's side). ``choice`` is the
    first strategy, ``guess`` a value vector whose witnesses start the distributions.
    Returns ``(V, choice, chain)``: the optimal values, an optimal pair per state and the
    ``(S, S)`` distributions followed.

    For reachability with a minimising player the states from which the player can stay
    away from every positive fixed state forever (the greatest such set) get 0 first; on
    the rest every stationary strategy reaches a fixed state, so each evaluation is
    nonsingular and the fixed point reached is the unique one (Baier & Katoen 2008,
    sec. 10.6). A maximising player ends at a fixed point of the operator that its own
    strategy attains, which is the least fixed point."""
    ar = game.ar
    S = game.n_states
    mask = np.zeros(S, dtype=bool) if fixed is None else fixed.copy()
    values = ar.filled(S, 0) if fixed_values is None else fixed_values.copy()
    lower = minimise  # the player's own sense inside a set

    def expectations(V: NDArray) -> NDArray:
        if rows is not None:
            return rows @ V
        return game.kernel.lower(V) if lower else game.kernel.upper(V)

    if reach and minimise:
        good = mask & np.asarray(values != 0, dtype=bool)
        Z = ~good
        while True:
            out = ar.array((~Z).astype(np.int64)) if ar.exact else (~Z).astype(np.float64)
            stay = is_zero(expectations(out), ar)
            keep = np.logical_or.reduceat(stay, game.start[:-1]) | (mask & ~good)
            if (Z & keep == Z).all():
                break
            Z = Z & keep
        zero = Z & ~mask
        mask |= zero
        values[zero] = ar.zero()
    fixed, fixed_values = (mask, values) if mask.any() else (None, None)
    chain = rows[choice] if rows is not None else \
        game.kernel.witnesses(guess, choice, lower=lower)
    for i in range(MAX_ROUNDS):
        report(game, "policy rounds", i, MAX_ROUNDS)
        V = chain_values(ar, chain, game.rewards[choice], gamma, fixed, fixed_values, reach)
        Q = game.rewards + gamma * expectations(V)
        best, new = greedy(game, Q, not minimise, keep=choice)
        current = game.rewards[choice] + gamma * (chain @ V)
        better = beats(current, best, game.ar) if minimise else beats(best, current, game.ar)
        if fixed is not None:
            better &= ~fixed
        if not better.any():
            return V, choice, chain
        choice = np.where(better, new, choice)
        idx = np.flatnonzero(better)
        chain = chain.copy()
        chain[idx] = rows[choice[idx]] if rows is not None else \
            game.kernel.witnesses(V, choice[idx], lower=lower)
    raise SolverError(f"policy iteration did not end within {MAX_ROUNDS} rounds")


# --------------------------------------------------------------------------------------
# Float value iteration
# --------------------------------------------------------------------------------------
def value_iteration(game: Game, gamma: float, nature_min: bool, agent_max: bool,
                    fixed: NDArray | None, fixed_values: NDArray | None,
                    reach: bool, *, tol: float = FLOAT_TOL,
                    max_sweeps: int = MAX_SWEEPS, guide: bool = False) -> Answer:
    """Float value iteration to the fixed point (discounted) or from 0 (reachability, the
    least fixed point), with a policy-evaluation step at sweeps 1, 2, 4, 8, ...: the
    exact value of the current strategies (one linear solve) replaces the iterate when its
    residual is smaller.

    Reaching ``max_sweeps`` before the stopping rule raises
    :class:`~credal.errors.SolverError`, unless the run is only a ``guide`` (its strategies
    are improved exactly afterwards)."""
    assert not game.ar.exact
    S = game.n_states
    V = _apply_fixed(np.zeros(S), fixed, fixed_values)
    res = np.inf
    sweeps = 0
    next_eval = 1
    Q = backup(game, V, gamma, nature_min, fixed, fixed_values)
    while True:
        W, choice = greedy(game, Q, agent_max)
        W = _apply_fixed(W, fixed, fixed_values)
        res = float(np.max(np.abs(W - V))) if S else 0.0
        V = W
        sweeps += 1
        scale = max(1.0, float(np.max(np.abs(V)))) if S else 1.0
        bound = res * gamma / (1 - gamma) if gamma < 1 else res
        report(game, "sweeps", sweeps, max_sweeps)
        if bound <= tol * scale:
            break
        if sweeps >= max_sweeps:
            if guide:
                break
            raise SolverError(
                f"value iteration did not settle within {max_sweeps} sweeps (last change "
                f"{res:.3g}, stopping rule {tol:g} relative to the values); give exact "
                f"numbers for a certified answer, or a horizon")
        # (not for reachability: a strategy's value can be a fixed point above the least)
        if sweeps == next_eval and not reach and S <= EVALUATE_MAX_STATES:
            next_eval *= 2
            rows = game.kernel.witnesses(V, choice, lower=nature_min)
            try:
                U = chain_values(FLOAT, rows, game.rewards[choice], gamma, fixed,
                                 fixed_values, reach)
            except SolverError:
                U = None
            if U is not None:
                QU = backup(game, U, gamma, nature_min, fixed, fixed_values)
                WU, _ = greedy(game, QU, agent_max)
                WU = _apply_fixed(WU, fixed, fixed_values)
                if float(np.max(np.abs(WU - U))) < res:
                    V = U
        Q = backup(game, V, gamma, nature_min, fixed, fixed_values)
    Q = backup(game, V, gamma, nature_min, fixed, fixed_values)
    W, choice = greedy(game, Q, agent_max)
    W = _apply_fixed(W, fixed, fixed_values)
    residual = float(np.max(np.abs(W - V))) if S else 0.0
    return Answer(V, choice, Q, V, sweeps, residual)


# --------------------------------------------------------------------------------------
# Exact infinite horizon: certify, else improve
# --------------------------------------------------------------------------------------
def exact_fixed_point(game: Game, gamma: Any, nature_min: bool, agent_max: bool,
                      fixed: NDArray | None, fixed_values: NDArray | None,
                      reach: bool, start: Answer) -> Answer:
    """The value of the game, from the float strategies of ``start`` (see the module
    docstring): exact in an exact game; in a float game the same rounds with a relative
    improvement threshold :data:`IMPROVE_TOL` polish value iteration's answer.

    When the agent and nature pull the same way it is one player's problem
    (:func:`best_response`). Otherwise the maximiser's stationary strategy is improved
    against the minimiser's exact best response (Hoffman & Karp 1966) until no strict
    improvement is left: then ``V`` is a fixed point of the operator (so at least its least
    fixed point) and the maximiser's strategy guarantees ``V`` (so at most the value)."""
    ar = game.ar
    P = len(game.rewards)
    choice = np.asarray(start.choice, dtype=np.int64)
    guess = np.array([Fraction(float(v)) for v in start.values], dtype=object) if ar.exact \
        else np.asarray(start.values, dtype=np.float64)
    if agent_max == (not nature_min):  # the same side: one player
        V, choice, _ = best_response(game, gamma, minimise=not agent_max, rows=None,
                                     choice=choice, guess=guess, fixed=fixed,
                                     fixed_values=fixed_values, reach=reach)
        return _exact_answer(game, V, choice, gamma, nature_min, 1, fixed, fixed_values,
                             agent_max)
    if agent_max:  # the agent improves against nature's best response
        for rounds in range(1, MAX_ROUNDS + 1):
            report(game, "rounds", rounds, MAX_ROUNDS)
            sub = game.select(choice)
            V, _, _ = best_response(sub, gamma, minimise=True, rows=None,
                                    choice=np.arange(game.n_states), guess=guess,
                                    fixed=fixed, fixed_values=fixed_values, reach=reach)
            Q = game.rewards + gamma * expect(game, V, nature_min)
            best, new = greedy(game, Q, True, keep=choice)
            better = beats(best, V, ar)
            if fixed is not None:
                better &= ~fixed
            if not better.any():
                return _exact_answer(game, V, choice, gamma, nature_min, rounds, fixed,
                                     fixed_values, agent_max)
            choice = np.where(better, new, choice)
            guess = V
    else:  # nature (maximising) improves against the agent's best response
        rows = game.kernel.witnesses(guess, np.arange(P), lower=False)
        for rounds in range(1, MAX_ROUNDS + 1):
            report(game, "rounds", rounds, MAX_ROUNDS)
            V, choice, _ = best_response(game, gamma, minimise=True, rows=rows,
                                         choice=choice, guess=guess, fixed=fixed,
                                         fixed_values=fixed_values, reach=reach)
            E = game.kernel.upper(V)
            better = beats(E, rows @ V, ar)
            if fixed is not None:
                better &= ~fixed[game.state]
            if not better.any():
                return _exact_answer(game, V, choice, gamma, nature_min, rounds, fixed,
                                     fixed_values, agent_max)
            idx = np.flatnonzero(better)
            rows = rows.copy()
            rows[idx] = game.kernel.witnesses(V, idx, lower=False)
            guess = V
    raise SolverError(f"strategy improvement did not end within {MAX_ROUNDS} rounds")


def _exact_answer(game: Game, V: NDArray, choice: NDArray, gamma: Any, nature_min: bool,
                  rounds: int, fixed: NDArray | None = None,
                  fixed_values: NDArray | None = None, agent_max: bool = True) -> Answer:
    Q = game.rewards + gamma * expect(game, V, nature_min)
    if game.ar.exact:
        return Answer(V, choice, Q, V, rounds, game.ar.zero())
    W, _ = greedy(game, Q, agent_max)
    W = _apply_fixed(W, fixed, fixed_values)
    residual = float(np.max(np.abs(W - V))) if len(V) else 0.0
    return Answer(V, choice, Q, V, rounds, residual)


__all__ = ["Answer", "Game", "backward_induction", "exact_fixed_point", "value_iteration"]

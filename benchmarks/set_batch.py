"""Value iteration over a supra-MDP: many credal sets, one gamble each, asked at every step.

The family: S states, A actions; each transition set ``T(s, a)`` is the natural extension
of 6 random lower previsions over the S states (integer gambles 0..9, ``c = G p0 - 1/2``
for a random Dirichlet point ``p0``, so the set is nonempty; too many vertices to
enumerate), and a random reward ``r(s, a)``. Finite-horizon value iteration

    V_{k+1}(s) = max_a  r(s, a) + lower E_{T(s, a)} V_k,      V_0 = 0,

asks S * A lower expectations per step, of gambles that change from step to step. Timed,
for the whole run (building the batch included):

* credal: one :class:`credal.sets.SetBatch` over the S * A sets, ``B.lower`` per step
  (the lockstep simplex, warm from the last step's bases);
* a ``cr.lower_expectation(T, V)`` loop over the pairs (HiGHS, warm per set);
* a ``scipy.optimize.linprog(method="highs")`` loop over the pairs.

Each step's values are checked equal across the three first. Prints the ratios (loop time
/ SetBatch time, measured in one run) and the simplex pivots per LP per step. Run:
``python benchmarks/set_batch.py`` (``--quick`` for a smoke run).
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import numpy as np

import credal as cr
from credal.sets import SetBatch

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import best_of  # noqa: E402

STATES, ACTIONS, ROWS, HORIZON = 60, 3, 6, 10


def family(states: int, actions: int, rows: int, seed: int = 0) -> tuple[
        list[cr.CredalSet], list[tuple[np.ndarray, np.ndarray]], np.ndarray]:
    """The S * A transition sets (pair (s, a) at index s * A + a), their (G, c), rewards."""
    rng = np.random.default_rng(seed)
    sets, data = [], []
    for _ in range(states * actions):
        G = rng.integers(0, 10, (rows, states)).astype(np.float64)
        p0 = rng.dirichlet(np.ones(states))
        c = G @ p0 - 0.5
        sets.append(cr.CredalSet.from_lower_previsions(list(zip(G, c, strict=True))))
        data.append((G, c))
    rewards = rng.uniform(0.0, 1.0, (states, actions))
    return sets, data, rewards


def value_iteration(lower: Callable[[np.ndarray], np.ndarray], rewards: np.ndarray,
                    horizon: int) -> list[np.ndarray]:
    """The Q-values of every step; ``lower(G)`` answers ``(S * A, S)`` gambles."""
    S, A = rewards.shape
    V = np.zeros(S)
    out = []
    for _ in range(horizon):
        E = lower(np.tile(V, (S * A, 1))).reshape(S, A)
        Q = rewards + E
        out.append(Q)
        V = Q.max(axis=1)
    return out


def main(quick: bool = False) -> None:
    from scipy.optimize import linprog

    states, horizon = (20, 4) if quick else (STATES, HORIZON)
    sets, data, rewards = family(states, ACTIONS, ROWS)
    pivots: list[np.ndarray] = []

    def with_batch() -> list[np.ndarray]:
        pivots.clear()
        B = SetBatch(sets)

        def lower(G: np.ndarray) -> np.ndarray:
            values = B.lower(G)
            pivots.append(B.last_pivots)
            return values

        return value_iteration(lower, rewards, horizon)

    def per_pair(G: np.ndarray) -> np.ndarray:
        return np.array([cr.lower_expectation(T, g) for T, g in zip(sets, G, strict=True)])

    def with_linprog(G: np.ndarray) -> np.ndarray:
        out = []
        for (Gi, ci), g in zip(data, G, strict=True):
            r = linprog(g, A_ub=-Gi, b_ub=-ci, A_eq=np.ones((1, states)), b_eq=[1.0],
                        bounds=(0, None), method="highs")
            assert r.status == 0
            out.append(r.fun)
        return np.array(out)

    repeat = 1 if quick else 3
    t_batch, ours = best_of(with_batch, repeat)
    t_loop, loop = best_of(lambda: value_iteration(per_pair, rewards, horizon), repeat)
    t_lin, lin = best_of(lambda: value_iteration(with_linprog, rewards, horizon), 1)
    for k, (a, b, c) in enumerate(zip(ours, loop, lin, strict=True)):
        scale = 1.0 + np.abs(c).max()
        assert np.max(np.abs(a - b)) <= 1e-8 * scale, f"SetBatch disagrees at step {k}"
        assert np.max(np.abs(a - c)) <= 1e-7 * scale, f"linprog disagrees at step {k}"

    pairs = states * ACTIONS
    lps = pairs * horizon
    print(f"value iteration: {states} states x {ACTIONS} actions = {pairs} credal sets "
          f"({ROWS} lower previsions each), horizon {horizon}: {lps} lower expectations")
    print(f"  SetBatch                    {t_batch * 1e3:8.1f} ms  "
          f"({t_batch / lps * 1e6:6.1f} us per LP)")
    print(f"  cr.lower_expectation loop   {t_loop * 1e3:8.1f} ms  "
          f"({t_loop / lps * 1e6:6.1f} us per LP)   ratio {t_loop / t_batch:6.1f}x")
    print(f"  scipy linprog loop          {t_lin * 1e3:8.1f} ms  "
          f"({t_lin / lps * 1e6:6.1f} us per LP)   ratio {t_lin / t_batch:6.1f}x")
    P = np.array(pivots)  # (horizon, pairs)
    print("  lockstep pivots per LP, by step (mean / max; step 1 includes phase 1):")
    print("   " + "  ".join(f"{row.mean():.1f}/{row.max()}" for row in P))


if __name__ == "__main__":
    main(quick="--quick" in sys.argv)

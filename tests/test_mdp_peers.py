"""credal.mdp against a peer's test suite: the three-state interval MDP of IntervalMDP.jl.

The peer
--------
IntervalMDP.jl (Mathiesen et al.; github.com/Zinoex/IntervalMDP.jl), read at commit
``afb74dadf3cfdf9e4f9ff5e3d55061f6dc4204e3`` (2025-12-05, version 0.7.0). Its "base" model
and the assertions reproduced below come from ``test/base/imdp.jl``, ``test/base/vi.jl``,
``test/base/bellman.jl``, ``test/base/synthesis.jl``, the jldoctest of ``solve`` in
``src/robust_value_iteration.jl`` and the jldoctest in ``docs/src/usage.md``.

Translating the peer's conventions to credal's
----------------------------------------------
* ``IntervalAmbiguitySets(lower=L, upper=U)`` holds one ambiguity set per COLUMN, the
  target states on the ROWS; an IMDP is a vector of them, one per source state, column
  ``a`` being action ``a``. Here ``lower[s][a][t]`` = the peer's ``prob_s.lower[t, a]``.
  States and actions are 1-based there and are labelled ``1, 2, 3`` and ``1, 2`` here.
* Satisfaction mode ``Pessimistic`` (nature minimises the value) is
  ``nature="adversarial"``, ``Optimistic`` is ``"cooperative"``. Strategy mode
  ``Maximize`` is credal's (the agent maximises). ``Minimize`` has no switch here: a
  minimised reachability probability is one minus a maximised safety probability with
  nature's side swapped (``Pessimistic, Minimize`` reach ``G`` = ``1 -
  safety(G, nature="cooperative")``; ``Optimistic, Minimize`` = ``1 - safety(G)``), and a
  minimised one-step backup of ``V`` is minus the maximised backup of ``-V`` with nature's
  side swapped.
* ``FiniteTimeReachability(G, K)``: ``V_0 = 1_G``, ``V = 1`` on ``G`` after every step,
  ``K`` Bellman steps: ``reachability(G, horizon=K)``. ``ExactTimeReachability(G, K)``:
  no reset, ``solve(horizon=K, terminal=1_G)`` (no rewards). ``FiniteTimeReachAvoid(G, O,
  K)``: ``reachability(G, avoid=O, horizon=K)``. ``FiniteTimeSafety(O, K)``: the peer
  starts from ``-1`` on ``O`` and adds 1 at the end, which is ``1 - P(hit O)``:
  ``safety(O, horizon=K)``.
* ``FiniteTimeReward(r, nu, K)``: ``V_0 = r`` and ``V_k = r + nu * B(V_{k-1})`` with
  STATE rewards, collected on the terminal state too (``sum_{k=0}^{K} nu^k r(s_k)``):
  ``rewards[s][a] = r(s)`` for every ``a``, ``terminal = r``, ``discount = nu``,
  ``horizon = K``. ``InfiniteTimeReward(r, nu, eps)``: the fixed point of the same
  operator, ``solve(discount=nu)``.
* The peer's time-varying strategy is reversed from the order it is computed in
  (``cachetostrategy`` in ``src/strategy_cache.jl``), so ``policy[1]`` is the first
  decision and ``policy[K]`` the last one, as ``sol.policy[0]`` and ``sol.policy[K-1]``
  here. Ties go to the first action in both.
* Infinite horizons: the peer iterates until the largest change is below ``eps`` and
  returns that iterate; credal returns the exact fixed point. So the peer's truncated
  values are compared to within ``1e-5`` (and from below where they must be below).

Where exact arithmetic allows, the values are asserted exactly (the peer's tests run the
model in ``Rational{BigInt}`` too); the peer's printed floats are matched to ``1e-12``.
Independent checks: a plain numpy implementation of the interval backup (the greedy
"O-maximisation" of Givan, Leach & Dean 2000) and, for precise models, a numpy linear
solve of the policy's value.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from fractions import Fraction as F
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import credal as cr
from credal.mdp.prism import load_prism, save_prism

STATES = [1, 2, 3]
ACTIONS = [1, 2]
#: The peer's matrices, as printed in its tests (rows: targets 1, 2, 3; columns: actions).
PEER = {
    1: (["0 1/2", "1/10 3/10", "1/5 1/10"], ["1/2 7/10", "3/5 1/2", "7/10 3/10"]),
    2: (["1/10 1/5", "1/5 3/10", "3/10 2/5"], ["3/5 3/5", "1/2 1/2", "2/5 2/5"]),
    3: (["0 0", "0 0", "1 1"], ["0 0", "0 0", "1 1"]),
}


def base_bounds(exact: bool = True) -> tuple[list[Any], list[Any]]:
    """``lower[s][a][t]``, ``upper[s][a][t]`` (0-based lists) from the peer's columns."""
    def read(x: str) -> Any:
        return F(x) if exact else float(F(x))  # the float model: the decimals 0.1, 0.3 ...

    lower, upper = [], []
    for s in STATES:
        for mats, out in zip(PEER[s], (lower, upper), strict=True):
            rows = [[read(x) for x in row.split()] for row in mats]
            out.append([[rows[t][a] for t in range(3)] for a in range(2)])
    return lower, upper


def base_model(exact: bool = True, rewards: Any = None) -> cr.mdp.SupraMDP:
    lo, up = base_bounds(exact)
    return cr.mdp.SupraMDP.from_intervals(lo, up, states=STATES, actions=ACTIONS,
                                          rewards=rewards)


def state_rewards(r: Sequence[Any]) -> dict[int, dict[int, Any]]:
    return {s: {a: r[s - 1] for a in ACTIONS} for s in STATES}


def as_list(values: Mapping[int, Any]) -> list[Any]:
    return [values[s] for s in STATES]


# ------------------------------------------------------------ an independent backup
def numpy_backup(lower: np.ndarray, upper: np.ndarray, V: np.ndarray, *, pessimistic: bool,
                 maximize: bool) -> tuple[np.ndarray, np.ndarray]:
    """One robust backup of ``V`` for bounds of shape ``(S, A, S)``, written from the
    definition (greedy filling of the interval gaps), independent of credal: values and
    the chosen action per state (first on ties)."""
    S, A, _ = lower.shape
    q = np.empty((S, A))
    order = np.argsort(V if pessimistic else -V, kind="stable")
    for s in range(S):
        for a in range(A):
            p = lower[s, a].copy()
            left = 1.0 - p.sum()
            for t in order:
                add = min(upper[s, a, t] - lower[s, a, t], left)
                p[t] += add
                left -= add
            q[s, a] = p @ V
    best = np.argmax(q, axis=1) if maximize else np.argmin(q, axis=1)
    return q[np.arange(S), best], best


def numpy_bounds() -> tuple[np.ndarray, np.ndarray]:
    lo, up = base_bounds(exact=False)
    return np.array(lo, dtype=float), np.array(up, dtype=float)


# ------------------------------------------------------------ imdp.jl and bellman.jl
def test_one_bellman_step_of_imdp_jl() -> None:
    """imdp.jl, testset "bellman": ``V = [1, 2, 3]``; pessimistic and maximising gives
    ``[1/2*1 + 3/10*2 + 1/5*3, 3/10*1 + 3/10*2 + 2/5*3, 3]``; optimistic and minimising
    gives ``[1/2*1 + 3/10*2 + 1/5*3, 1/5*1 + 2/5*2 + 2/5*3, 3]``."""
    M = base_model()
    V = {1: 1, 2: 2, 3: 3}
    assert M.solve(horizon=1, terminal=V).values == {1: F(17, 10), 2: F(21, 10), 3: 3}
    minus = M.solve(horizon=1, terminal={s: -v for s, v in V.items()},
                    nature="adversarial").values
    assert {s: -v for s, v in minus.items()} == {1: F(17, 10), 2: F(11, 5), 3: 3}


def test_bellman_jl_state_one() -> None:
    """bellman.jl: the two sets of state 1 against ``V = [1, 2, 3]``: upper expectations
    ``[27/10, 17/10]``, lower ``[17/10, 15/10]`` (the Q-values of one backup)."""
    M = base_model()
    V = {1: 1, 2: 2, 3: 3}
    low = M.solve(horizon=1, terminal=V).q_values
    high = M.solve(horizon=1, terminal=V, nature="cooperative").q_values
    assert [high[(1, a)] for a in ACTIONS] == [F(27, 10), F(17, 10)]
    assert [low[(1, a)] for a in ACTIONS] == [F(17, 10), F(15, 10)]


def test_finite_reachability_matches_the_solve_doctest() -> None:
    """src/robust_value_iteration.jl, jldoctest of ``solve``: FiniteTimeReachability([3],
    10), Pessimistic, Maximize prints ``V = [0.9597716063999999, 0.9710050144, 1.0]``,
    residual ``[0.01593864639999998, 0.011487926399999848, -0.0]`` and the strategy
    ``[(1,), (2,), (1,)]`` at all ten steps (also synthesis.jl)."""
    M = base_model()
    sol = M.reachability({3}, horizon=10)
    assert as_list(sol.values) == [F(299928627, 312500000), F(303439067, 312500000), 1]
    assert as_list(sol.values) == pytest.approx([0.9597716063999999, 0.9710050144, 1.0],
                                                abs=1e-12)
    before = M.reachability({3}, horizon=9).values
    residual = [float(sol.values[s] - before[s]) for s in STATES]
    assert residual == pytest.approx([0.01593864639999998, 0.011487926399999848, 0.0],
                                     abs=1e-12)
    assert len(sol.policy) == 10
    assert all(step == {1: 1, 2: 2, 3: 1} for step in sol.policy)
    fl = base_model(exact=False).reachability({3}, horizon=10)
    assert as_list(fl.values) == pytest.approx([0.9597716063999999, 0.9710050144, 1.0],
                                               abs=1e-12)
    assert fl.policy == sol.policy


def test_the_two_state_model_with_an_implicit_sink(tmp_path: Any) -> None:
    """synthesis.jl, "implicit sink state": the model given by states 1 and 2 only (over
    three targets) makes state 3 absorbing; the strategy is ``[(1,), (2,)]`` at every step.
    In PRISM's files that is a deadlock: state 2 (0-based) has no transition line, and
    :func:`load_prism` gives it the self-loop PRISM gives it."""
    lo, up = base_bounds()
    lines = ["3 4 12"] + [f"{s} {a} {t} [{lo[s][a][t]},{up[s][a][t]}]"
                          for s in range(2) for a in range(2) for t in range(3)]
    (tmp_path / "sink.tra").write_text("\n".join(lines) + "\n")
    P = load_prism(tmp_path / "sink.tra")
    assert P.deadlocks == {2} and P.mdp.actions(2) == (0,)
    sol = P.mdp.reachability({2}, horizon=10)
    assert all((step[0], step[1]) == (0, 1) for step in sol.policy)  # 0-based actions
    assert sol.values == {i: v for i, v in enumerate(
        as_list(base_model().reachability({3}, horizon=10).values))}


def test_infinite_reachability_strategy_of_synthesis_jl() -> None:
    """synthesis.jl: InfiniteTimeReachability([3], 1e-6), Pessimistic, Maximize gives the
    stationary strategy ``[(1,), (2,), (1,)]``. Every action puts at least 1/10 on state 3,
    so the exact values are 1."""
    for exact in (True, False):
        sol = base_model(exact).reachability({3})
        assert sol.policy == {1: 1, 2: 2, 3: 1}
        if exact:
            assert as_list(sol.values) == [1, 1, 1]
        else:
            assert as_list(sol.values) == pytest.approx([1, 1, 1], abs=1e-12)


def test_finite_safety_strategy_of_synthesis_jl() -> None:
    """synthesis.jl: FiniteTimeSafety([3], 10), Pessimistic, Maximize: ``V >= 0``,
    ``V[3] = 0``, the strategy ``[(2,), (2,), (1,)]`` for the first nine decisions and
    ``[(2,), (1,), (1,)]`` for the last (at state 2 both actions then risk 2/5: a tie, the
    first action)."""
    for exact in (True, False):
        sol = base_model(exact).safety({3}, horizon=10)
        assert sol.values[3] == 0 and all(v >= 0 for v in sol.values.values())
        assert all(step == {1: 2, 2: 2, 3: 1} for step in sol.policy[:9])
        assert sol.policy[9] == {1: 2, 2: 1, 3: 1}
    last = base_model().safety({3}, horizon=1).q_values
    assert last[(2, 1)] == last[(2, 2)] == F(3, 5)


def test_finite_reward_of_synthesis_jl_and_an_independent_backup() -> None:
    """synthesis.jl: FiniteTimeReward([2, 1, 0], 0.9, 10), Pessimistic, Maximize has the
    strategy ``[(2,), (2,), (1,)]`` at every step; its values (not printed by the peer) are
    checked against a numpy backward induction of the same operator."""
    r = [2, 1, 0]
    M = base_model(rewards=state_rewards(r))
    sol = M.solve(horizon=10, discount=F(9, 10), terminal=dict(zip(STATES, r, strict=True)))
    assert all(step == {1: 2, 2: 2, 3: 1} for step in sol.policy)
    lo, up = numpy_bounds()
    V = np.array(r, dtype=float)
    for _ in range(10):
        B, _best = numpy_backup(lo, up, V, pessimistic=True, maximize=True)
        V = np.array(r) + 0.9 * B
    assert [float(v) for v in as_list(sol.values)] == pytest.approx(list(V), abs=1e-12)
    assert all(v >= 0 for v in sol.values.values())
    fl = base_model(False, state_rewards([2.0, 1.0, 0.0])).solve(
        horizon=10, discount=0.9, terminal={1: 2.0, 2: 1.0, 3: 0.0})
    assert as_list(fl.values) == pytest.approx(list(V), abs=1e-12)


def test_infinite_reward_against_numpy_value_iteration() -> None:
    """imdp.jl / vi.jl: InfiniteTimeReward([2, 1, 0], 9/10, 1e-6) is nonnegative; credal's
    exact fixed point against numpy value iteration run to 1e-13."""
    r = [2, 1, 0]
    sol = base_model(rewards=state_rewards(r)).solve(discount=F(9, 10))
    assert sol.residual == 0 and all(isinstance(v, F) for v in sol.values.values())
    lo, up = numpy_bounds()
    V = np.zeros(3)
    for _ in range(2000):
        B, best = numpy_backup(lo, up, V, pessimistic=True, maximize=True)
        new = np.array(r) + 0.9 * B
        if np.max(np.abs(new - V)) < 1e-13:
            break
        V = new
    assert [float(v) for v in as_list(sol.values)] == pytest.approx(list(new), abs=1e-10)
    assert sol.policy == {s: ACTIONS[int(best[s - 1])] for s in STATES}
    assert all(v >= 0 for v in sol.values.values())


# ------------------------------------------------------------ the orderings imdp.jl asserts
@pytest.mark.parametrize("exact", [True, False])
def test_orderings_asserted_by_imdp_and_vi_jl(exact: bool) -> None:
    """imdp.jl and vi.jl assert, on this model: values in [0, 1]; the target at 1 and the
    avoided state at 0; pessimistic <= optimistic for each strategy mode; exact time <=
    finite time; horizon 10 <= 11 for reachability and reach-avoid, 11 <= 10 for safety;
    rewards [2, 1, -1] <= [2, 1, 0]."""
    M = base_model(exact)

    def leq(a: Mapping[int, Any], b: Mapping[int, Any]) -> bool:
        return all(a[s] <= b[s] + (0 if exact else 1e-12) for s in STATES)

    pess_max = M.reachability({3}, horizon=10).values
    opt_max = M.reachability({3}, horizon=10, nature="cooperative").values
    # Minimize: one minus the maximal probability of staying out of the target
    pess_min = {s: 1 - v for s, v in M.safety({3}, horizon=10,
                                               nature="cooperative").values.items()}
    opt_min = {s: 1 - v for s, v in M.safety({3}, horizon=10).values.items()}
    for low, high in ((pess_max, opt_max), (pess_min, opt_min), (pess_min, pess_max),
                      (opt_min, opt_max)):
        assert leq(low, high)
    for v in (pess_max, opt_max, pess_min, opt_min):
        assert v[3] == 1 and all(0 <= x <= 1 for x in v.values())
    exact_time = M.solve(horizon=10, terminal={3: 1}).values
    assert leq(exact_time, pess_max) and leq(pess_max, exact_time)  # state 3 absorbs
    assert leq(pess_max, M.reachability({3}, horizon=11).values)
    reach_avoid = M.reachability({3}, avoid={2}, horizon=10)
    assert reach_avoid.values[3] == 1 and reach_avoid.values[2] == 0
    assert leq(reach_avoid.values, M.reachability({3}, avoid={2}, horizon=11).values)
    assert leq(reach_avoid.values,
               M.reachability({3}, avoid={2}, horizon=10, nature="cooperative").values)
    assert leq(M.safety({3}, horizon=11).values, M.safety({3}, horizon=10).values)
    r0, r1 = [2, 1, 0], [2, 1, -1]
    v0 = base_model(exact, state_rewards(r0)).solve(
        horizon=10, discount=F(9, 10), terminal=dict(zip(STATES, r0, strict=True))).values
    v1 = base_model(exact, state_rewards(r1)).solve(
        horizon=10, discount=F(9, 10), terminal=dict(zip(STATES, r1, strict=True))).values
    assert leq(v1, v0)
    assert leq(v0, base_model(exact, state_rewards(r0)).solve(
        horizon=10, discount=F(9, 10), terminal=dict(zip(STATES, r0, strict=True)),
        nature="cooperative").values)


def test_optimistic_minimal_reachability_of_usage_md() -> None:
    """docs/src/usage.md, jldoctest: InfiniteTimeReachability([3], 1e-6), Optimistic,
    Minimize prints the stationary strategy ``[(2,), (2,), (1,)]`` and, after 37
    iterations, ``V = [0.9999977725460893, 0.9999985150307263, 1.0]``. The limit is 1: every
    action puts at least 1/10 on state 3, so no strategy keeps the chain from it. credal's
    exact value is 1, the peer's truncated iterate is below it by less than 1e-5, and the
    peer's strategy is optimal too (all strategies tie in the limit)."""
    M = base_model()
    minimal = {s: 1 - v for s, v in M.safety({3}).values.items()}
    assert minimal == {1: 1, 2: 1, 3: 1}
    peer = [0.9999977725460893, 0.9999985150307263, 1.0]
    assert all(0 <= 1 - p < 1e-5 for p in peer)
    lo, up = base_bounds()
    peer_policy = {1: 2, 2: 2, 3: 1}
    only = [[[x if a == peer_policy[s] - 1 else 0 for x in lo[s - 1][a]] for a in range(2)]
            for s in STATES]
    only_up = [[[x if a == peer_policy[s] - 1 else 0 for x in up[s - 1][a]]
                for a in range(2)] for s in STATES]
    fixed = cr.mdp.SupraMDP.from_intervals(only, only_up, states=STATES, actions=ACTIONS)
    assert {s: 1 - v for s, v in fixed.safety({3}).values.items()} == minimal


# ------------------------------------------------------------ through PRISM files
def test_the_base_model_through_prism_files(tmp_path: Any) -> None:
    """The base model written with :func:`save_prism` and read back gives the doctest's
    values exactly; and a file in the form IntervalMDP.jl's ``write_prism_file`` writes
    (lower bounds raised to 1e-12, the header counting only nonzero lower bounds, the
    action index repeated as a fifth column) reads to the same values within 1e-9."""
    M = base_model()
    save_prism(M, tmp_path / "base", initial={1})
    P = load_prism(tmp_path / "base.tra", lab=tmp_path / "base.lab")
    assert P.initial == {0}
    sol = P.mdp.reachability({2}, horizon=10)
    assert [sol.values[i] for i in range(3)] == [F(299928627, 312500000),
                                                 F(303439067, 312500000), 1]
    lo, up = base_bounds()
    lines = ["3 6 14"]
    for s in range(3):
        for a in range(2):
            for t in range(3):
                if up[s][a][t] > 0:
                    low = max(float(lo[s][a][t]), 1e-12)
                    lines.append(f"{s} {a} {t} [{low},{float(up[s][a][t])}] {a}")
    (tmp_path / "peer.tra").write_text("\n".join(lines) + "\n")
    (tmp_path / "peer.lab").write_text('0="init" 1="deadlock" 2="reach"\n0: 0\n2: 2\n')
    Q = load_prism(tmp_path / "peer.tra", lab=tmp_path / "peer.lab")
    assert Q.mdp.actions(0) == ("0", "1") and Q.labels["reach"] == {2}
    values = Q.mdp.reachability(Q.labels["reach"], horizon=10).values
    assert [float(values[i]) for i in range(3)] == pytest.approx(
        [0.9597716063999999, 0.9710050144, 1.0], abs=1e-9)


# ------------------------------------------------------------ precise sets: a plain MDP
def precise_model(P: np.ndarray, R: np.ndarray) -> cr.mdp.SupraMDP:
    """Every set a single distribution: the intervals ``[p, p]``."""
    S, A, _ = P.shape
    rewards = {s: {a: R[s, a] for a in range(A)} for s in range(S)}
    return cr.mdp.SupraMDP.from_intervals(P, P, states=list(range(S)), actions=list(range(A)),
                                          rewards=rewards)


def random_precise(seed: int, S: int, A: int) -> tuple[np.ndarray, np.ndarray]:
    """Exact transition rows with denominator 12 and integer rewards."""
    rng = np.random.default_rng(seed)
    P = np.empty((S, A, S), dtype=object)
    for s in range(S):
        for a in range(A):
            cuts = np.sort(rng.integers(0, 13, size=S - 1))
            counts = np.diff(np.concatenate([[0], cuts, [12]]))
            P[s, a] = [F(int(c), 12) for c in counts]
    R = np.array([[F(int(x)) for x in row] for row in rng.integers(-3, 4, size=(S, A))],
                 dtype=object)
    return P, R


@settings(max_examples=12)
@given(seed=st.integers(0, 10 ** 6), S=st.integers(2, 6), A=st.integers(1, 3),
       gamma=st.sampled_from([F(1, 2), F(9, 10), F(99, 100)]))
def test_precise_mdp_against_a_linear_solve(seed: int, S: int, A: int, gamma: F) -> None:
    """A plain MDP (every set one distribution): credal's exact optimal values are the
    value of its own policy, ``(I - gamma P_pi)^{-1} r_pi`` by numpy's linear solve, and
    the limit of numpy value iteration; nature has no say."""
    P, R = random_precise(seed, S, A)
    M = precise_model(P, R)
    sol = M.solve(discount=gamma)
    assert sol.residual == 0
    Pf, Rf, g = P.astype(float), R.astype(float), float(gamma)
    pi = [sol.policy[s] for s in range(S)]
    P_pi = np.array([Pf[s, pi[s]] for s in range(S)])
    r_pi = np.array([Rf[s, pi[s]] for s in range(S)])
    v_pi = np.linalg.solve(np.eye(S) - g * P_pi, r_pi)
    values = np.array([float(sol.values[s]) for s in range(S)])
    assert values == pytest.approx(v_pi, abs=1e-9)
    V = np.zeros(S)
    for _ in range(20000):
        new = np.max(Rf + g * Pf @ V, axis=1)
        if np.max(np.abs(new - V)) < 1e-12:
            break
        V = new
    assert values == pytest.approx(new, abs=1e-8)
    assert M.solve(discount=gamma, nature="cooperative").values == sol.values


@settings(max_examples=12)
@given(seed=st.integers(0, 10 ** 6), S=st.integers(2, 6), A=st.integers(1, 3),
       H=st.integers(0, 8))
def test_precise_reachability_against_numpy(seed: int, S: int, A: int, H: int) -> None:
    """Finite-horizon reachability of state 0 in a plain MDP, against numpy's backward
    induction ``V = max_a P V`` with ``V = 1`` on the target."""
    P, R = random_precise(seed, S, A)
    M = precise_model(P, R)
    sol = M.reachability({0}, horizon=H)
    V = np.zeros(S)
    V[0] = 1
    Pf = P.astype(float)
    for _ in range(H):
        V = np.max(Pf @ V, axis=1)
        V[0] = 1
    assert [float(sol.values[s]) for s in range(S)] == pytest.approx(list(V), abs=1e-12)
    assert sol.values == M.reachability({0}, horizon=H, nature="cooperative").values

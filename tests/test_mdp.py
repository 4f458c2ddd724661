"""credal.mdp: known answers (exact), the kernels against the LP, witnesses, bad input."""

from __future__ import annotations

from fractions import Fraction as F

import numpy as np
import pytest

import credal as cr
from credal.errors import InvalidArgumentError
from credal.mdp import _kernels

ST = ["s", "goal"]


def two_state() -> cr.mdp.SupraMDP:
    """``try`` reaches the goal with probability in [1/4, 1/2]; ``wait`` stays."""
    return cr.mdp.SupraMDP({
        "s": {"try": cr.CredalSet.from_bounds(["1/2", "1/4"], ["3/4", "1/2"], outcomes=ST),
              "wait": cr.precise([1, 0], outcomes=ST)},
        "goal": {"stay": cr.precise([0, 1], outcomes=ST)}})


def interval_two_state() -> cr.mdp.SupraMDP:
    lo = [[["1/2", "1/4"], [1, 0]], [[0, 1], [0, 0]]]
    up = [[["3/4", "1/2"], [1, 0]], [[0, 1], [0, 0]]]
    return cr.mdp.SupraMDP.from_intervals(lo, up, states=ST, actions=["try", "wait"])


@pytest.fixture(params=["sets", "intervals"])
def model(request: pytest.FixtureRequest) -> cr.mdp.SupraMDP:
    return two_state() if request.param == "sets" else interval_two_state()


# ------------------------------------------------------------------ known answers
def test_finite_horizon_reachability_by_hand(model: cr.mdp.SupraMDP) -> None:
    sol = model.reachability({"goal"}, horizon=2)
    # step 1: 1/4; step 2: 1/4 + 3/4 * 1/4
    assert sol.values == {"s": F(7, 16), "goal": 1}
    assert len(sol.policy) == 2 and sol.policy[0]["s"] == "try"
    assert sol.residual == 0
    coop = model.reachability({"goal"}, horizon=2, nature="cooperative")
    assert coop.values["s"] == F(1, 2) + F(1, 2) * F(1, 2)


def test_unbounded_reachability_and_kernel(model: cr.mdp.SupraMDP) -> None:
    sol = model.reachability({"goal"})
    assert sol.values["s"] == 1 and sol.policy["s"] == "try"
    assert isinstance(sol.values["s"], F)
    assert sol.kernel[("s", "try")] == {"s": F(3, 4), "goal": F(1, 4)}


def test_actions_unavailable_in_intervals() -> None:
    M = interval_two_state()
    assert M.actions("s") == ("try", "wait") and M.actions("goal") == ("try",)
    assert M.transitions["goal"]["try"].is_exact
    with pytest.raises(InvalidArgumentError, match="not a state"):
        M.actions("nowhere")


def test_discounted_single_state() -> None:
    M = cr.mdp.SupraMDP({"s": {"a": cr.precise([1], outcomes=["s"])}},
                        rewards={"s": {"a": 1}})
    sol = M.solve(discount="1/2")
    assert sol.values == {"s": 2} and sol.residual == 0
    assert M.solve(discount=0.5).values["s"] == pytest.approx(2.0, abs=1e-10)
    assert M.solve(horizon=3, discount="1/2").values["s"] == F(7, 4)
    assert M.solve(horizon=0, terminal={"s": 5}).values["s"] == 5


def test_trap_the_minimum_fixed_point() -> None:
    """Nature can keep ``go`` from reaching the goal (probability in [0, 1/2]): the value is
    the least fixed point 0, not the fixed point 1 that a tie could suggest."""
    M = cr.mdp.SupraMDP({
        "s": {"stay": cr.precise([1, 0], outcomes=ST),
              "go": cr.CredalSet.from_bounds([F(1, 2), 0], [1, F(1, 2)], outcomes=ST)},
        "goal": {"stay": cr.precise([0, 1], outcomes=ST)}})
    value = M.reachability({"goal"}).values["s"]
    assert value == 0 and isinstance(value, F)
    assert M.reachability({"goal"}, nature="cooperative").values["s"] == 1
    assert M.safety({"goal"}).values["s"] == 1  # "stay" is safe forever
    assert M.safety({"goal"}, nature="cooperative").values["s"] == 1


def test_safety_finite_and_infinite() -> None:
    lo = [[["1/2", 0]], [[0, 1]]]
    up = [[[1, "1/2"]], [[0, 1]]]
    M = cr.mdp.SupraMDP.from_intervals(lo, up, states=["s", "bad"], actions=["go"])
    assert M.safety({"bad"}, horizon=3, nature="cooperative").values["s"] == 1
    assert M.safety({"bad"}, horizon=3).values["s"] == F(1, 8)
    assert M.safety({"bad"}).values["s"] == 0
    assert M.safety({"bad"}, nature="cooperative").values["s"] == 1


def test_evaluate_fixed_policy(model: cr.mdp.SupraMDP) -> None:
    wait = model.evaluate({"s": "wait", "goal": model.actions("goal")[0]}, horizon=4,
                          terminal={"goal": 1})
    assert wait.values["s"] == 0
    try_ = model.evaluate({"s": "try", "goal": model.actions("goal")[0]}, horizon=1,
                          terminal={"goal": 1})
    assert try_.values["s"] == F(1, 4)


def test_imprecise_markov_chain() -> None:
    st = ["a", "b"]
    C = cr.mdp.ImpreciseMarkovChain({
        "a": cr.CredalSet.from_bounds(["1/2", 0], [1, "1/2"], outcomes=st),
        "b": cr.precise([0, 1], outcomes=st)})
    assert C.lower_expectation({"a": 1, "b": 0}, 2) == {"a": F(1, 4), "b": 0}
    assert C.upper_expectation([1, 0], 2) == {"a": 1, "b": 0}
    assert C.hitting_probability({"b"}) == {"a": 0, "b": 1}
    assert C.hitting_probability({"b"}, lower=False) == {"a": 1, "b": 1}
    assert C.hitting_probability({"b"}, horizon=1, lower=False)["a"] == F(1, 2)


# ------------------------------------------------------------------ exact vs float
def random_intervals(rng: np.random.Generator, S: int, A: int, width: F = F(1, 10)
                     ) -> tuple[np.ndarray, np.ndarray]:
    L = np.zeros((S, A, S), dtype=object)
    U = np.zeros((S, A, S), dtype=object)
    for s in range(S):
        for a in range(A):
            p = rng.dirichlet(np.ones(S))
            q = [F(int(x * 20), 20) for x in p]
            q[-1] = 1 - sum(q[:-1], F(0))
            for t in range(S):
                L[s, a, t] = max(q[t] - width, F(0))
                U[s, a, t] = min(q[t] + width, F(1))
    return L, U


@pytest.mark.parametrize("seed", range(4))
@pytest.mark.parametrize("nature", ["adversarial", "cooperative"])
def test_exact_infinite_horizon_is_certified(seed: int, nature: str) -> None:
    rng = np.random.default_rng(seed)
    S, A = 6, 2
    L, U = random_intervals(rng, S, A)
    R = rng.integers(0, 5, (S, A))
    Mx = cr.mdp.SupraMDP.from_intervals(L, U, states=range(S), actions="ab", rewards=R)
    Mf = cr.mdp.SupraMDP.from_intervals(L.astype(float), U.astype(float), states=range(S),
                                        actions="ab", rewards=R.astype(float))
    gamma = F(9, 10)
    sx = Mx.solve(discount=gamma, nature=nature)
    assert sx.residual == 0 and all(isinstance(v, F) for v in sx.values.values())
    # a fixed point, checked by one exact backup
    once = Mx.solve(horizon=1, discount=gamma, terminal=dict(sx.values), nature=nature)
    assert once.values == sx.values
    # the policy's own value is the optimum
    assert Mx.evaluate(sx.policy, discount=gamma, nature=nature).values == sx.values
    sf = Mf.solve(discount=0.9, nature=nature)
    scale = 5 / (1 - 0.9)
    assert max(abs(float(sx.values[s]) - sf.values[s]) for s in range(S)) <= 1e-9 * scale
    # every witness lies in its set and attains the q-value
    for (s, a), q in sx.q_values.items():
        w = sx.kernel[(s, a)]
        assert sum(w.values()) == 1
        lo, up = L[s, "ab".index(a)], U[s, "ab".index(a)]
        assert all(lo[t] <= w.get(t, 0) <= up[t] for t in range(S))
        assert q == R[s, "ab".index(a)] + gamma * sum(p * sx.values[t] for t, p in w.items())


@pytest.mark.parametrize("seed", range(4))
@pytest.mark.parametrize("nature", ["adversarial", "cooperative"])
def test_exact_reachability_and_safety_match_float(seed: int, nature: str) -> None:
    rng = np.random.default_rng(10 + seed)
    S, A = 6, 2
    L, U = random_intervals(rng, S, A, width=F(1, 5))
    Mx = cr.mdp.SupraMDP.from_intervals(L, U, states=range(S), actions="ab")
    Mf = cr.mdp.SupraMDP.from_intervals(L.astype(float), U.astype(float), states=range(S),
                                        actions="ab")
    for name, args in (("reachability", ({0},)), ("safety", ({5},))):
        kw = {"avoid": {5}} if name == "reachability" else {}
        vx = getattr(Mx, name)(*args, nature=nature, **kw)
        vf = getattr(Mf, name)(*args, nature=nature, **kw)
        assert vx.residual == 0
        assert max(abs(float(vx.values[s]) - vf.values[s]) for s in range(S)) <= 1e-8
        # the unbounded value bounds every finite horizon (from below for reachability,
        # from above for safety)
        fin = getattr(Mx, name)(*args, nature=nature, horizon=8, **kw)
        for s in range(S):
            if name == "reachability":
                assert fin.values[s] <= vx.values[s]
            else:
                assert fin.values[s] >= vx.values[s]


# ------------------------------------------------------------------ the interval kernel
@pytest.mark.parametrize("dense", [True, False])
@pytest.mark.parametrize("exact", [True, False])
def test_interval_kernel_against_lp(dense: bool, exact: bool,
                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_kernels, "DENSE_ALWAYS", 1 << 30 if dense else 0)
    monkeypatch.setattr(_kernels, "DENSE_FRACTION", 0.0 if dense else 2.0)
    rng = np.random.default_rng(3)
    S, A = 7, 3
    L, U = random_intervals(rng, S, A, width=F(3, 20))
    if not exact:
        L, U = L.astype(float), U.astype(float)
    M = cr.mdp.SupraMDP.from_intervals(L, U, states=range(S), actions=range(A))
    kernel = M._kernel
    assert kernel.dense is dense
    for _trial in range(3):
        V = rng.integers(-5, 6, S)
        Vk = np.array([F(int(v)) for v in V], dtype=object) if exact else V.astype(float)
        got = kernel.lower(Vk)
        up = kernel.upper(Vk)
        W = kernel.witnesses(Vk, np.arange(M.n_pairs))
        for p in range(M.n_pairs):
            s, a = divmod(p, A)
            Sset = cr.CredalSet.from_bounds(L[s, a], U[s, a], outcomes=range(S))
            want = cr.lower_expectation(Sset, list(Vk))
            if exact:
                assert got[p] == want and W[p] @ Vk == want and sum(W[p]) == 1
                assert up[p] == cr.upper_expectation(Sset, list(Vk))
            else:
                assert abs(got[p] - want) <= 1e-12 * 10
                assert abs(W[p] @ Vk - want) <= 1e-12 * 10


def test_sparse_input_matches_dense() -> None:
    import scipy.sparse as sp

    rng = np.random.default_rng(5)
    S, A = 8, 2
    L, U = random_intervals(rng, S, A)
    Lf, Uf = L.astype(float), U.astype(float)
    dense = cr.mdp.SupraMDP.from_intervals(Lf, Uf, states=range(S), actions="xy")
    sparse = cr.mdp.SupraMDP.from_intervals(
        sp.csr_matrix(Lf.reshape(S * A, S)), sp.csr_matrix(Uf.reshape(S * A, S)),
        states=range(S), actions="xy")
    a = dense.solve(discount=0.9)
    b = sparse.solve(discount=0.9)
    assert a.policy == b.policy
    assert max(abs(a.values[s] - b.values[s]) for s in range(S)) <= 1e-12


def test_kernel_of_a_large_sparse_model() -> None:
    """Nature's distributions come from the compressed rows (no dense (P, S) array): each
    is a distribution within its intervals attaining its Q-value; solutions pickle."""
    import pickle

    import scipy.sparse as sp

    rng = np.random.default_rng(2)
    S, A, k = 3000, 2, 3
    rows = np.repeat(np.arange(S * A), k)
    cols = (np.repeat(np.arange(S * A) // A, k) + np.tile([0, 1, 2], S * A)) % S
    lo = sp.csr_matrix((np.full(S * A * k, 0.2), (rows, cols)), shape=(S * A, S))
    up = sp.csr_matrix((np.full(S * A * k, 0.5), (rows, cols)), shape=(S * A, S))
    M = cr.mdp.SupraMDP.from_intervals(lo, up, states=range(S), actions="ab",
                                       rewards=rng.random((S, A)))
    assert not M._kernel.dense
    sol = M.solve(horizon=3, discount=0.9)
    V2 = M.solve(horizon=2, discount=0.9).values
    assert len(sol.kernel) == S * A
    for s in (0, 17, S - 1):
        for a in "ab":
            w = sol.kernel[(s, a)]
            assert set(w) <= {s, (s + 1) % S, (s + 2) % S}
            assert abs(sum(w.values()) - 1) <= 1e-12
            assert all(0.2 - 1e-12 <= p <= 0.5 + 1e-12 for p in w.values())
            q = sol.q_values[(s, a)] - 0.9 * sum(p * V2[t] for t, p in w.items())
            assert abs(q - M.solve(horizon=1).q_values[(s, a)]) <= 1e-9
    again = pickle.loads(pickle.dumps(sol))
    assert again.kernel[(17, "a")] == sol.kernel[(17, "a")]


def test_float_reachability_where_nature_can_stay_for_ever() -> None:
    """A float lower probability of 1e-16 is rounding: state 1 can stay away from the
    target for ever, so its value is 0 (found by the laws' float-twin property)."""
    T = {0: {"a": cr.precise([1, 0, 0])},
         1: {"a": cr.tv_ball(["1/12", "5/12", "1/2"], "3/5")},
         2: {"a": cr.precise(["1/2", "1/2", 0])}}
    twin = cr.mdp.SupraMDP({s: {a: S.to_float() for a, S in acts.items()}
                            for s, acts in T.items()})
    got = twin.reachability({0}).values
    assert got[0] == 1.0 and abs(got[1]) <= 1e-12 and abs(got[2] - 0.5) <= 1e-12


def test_results_are_immutable(model: cr.mdp.SupraMDP) -> None:
    sol = model.reachability({"goal"}, horizon=1)
    with pytest.raises(TypeError):
        sol.values["s"] = 0  # type: ignore[index]
    with pytest.raises(TypeError):
        sol.policy[0]["s"] = "wait"  # type: ignore[index]
    with pytest.raises(AttributeError):
        model.states = ()  # type: ignore[misc]


def test_models_pickle(model: cr.mdp.SupraMDP) -> None:
    import pickle

    again = pickle.loads(pickle.dumps(model))
    assert again.states == model.states
    assert again.reachability({"goal"}, horizon=2).values == \
        model.reachability({"goal"}, horizon=2).values


# ------------------------------------------------------------------ bad input
def test_bad_input_names_the_argument() -> None:
    M = two_state()
    wrong = cr.CredalSet.from_bounds([0, 0], [1, 1], outcomes=["x", "y"])
    with pytest.raises(InvalidArgumentError, match=r"transitions\['s'\]\['a'\].*outcomes"):
        cr.mdp.SupraMDP({"s": {"a": wrong}, "goal": {"b": wrong}})
    with pytest.raises(InvalidArgumentError, match="at least one action"):
        cr.mdp.SupraMDP({"s": {}, "goal": {"stay": cr.precise([0, 1], outcomes=ST)}})
    with pytest.raises(InvalidArgumentError, match="discount is required"):
        M.solve()
    with pytest.raises(InvalidArgumentError, match="discount must satisfy"):
        M.solve(discount=1)
    with pytest.raises(InvalidArgumentError, match="horizon must be a non-negative"):
        M.solve(horizon=-1)
    with pytest.raises(InvalidArgumentError, match="horizon must be a non-negative"):
        M.reachability({"goal"}, horizon=True)
    with pytest.raises(InvalidArgumentError, match="target state 'nowhere'"):
        M.reachability({"nowhere"})
    with pytest.raises(InvalidArgumentError, match="avoid state 'x'"):
        M.reachability({"goal"}, avoid=["x"])
    with pytest.raises(InvalidArgumentError, match="share the states"):
        M.reachability({"goal"}, avoid={"goal"})
    with pytest.raises(InvalidArgumentError, match="collection of states"):
        M.safety("goal")
    with pytest.raises(InvalidArgumentError, match="nature must be"):
        M.solve(horizon=1, nature="hostile")
    with pytest.raises(InvalidArgumentError, match="not an action of state 's'"):
        M.evaluate({"s": "fly", "goal": "stay"}, horizon=1)
    with pytest.raises(InvalidArgumentError, match="no action for state 'goal'"):
        M.evaluate({"s": "try"}, horizon=1)
    with pytest.raises(InvalidArgumentError, match="rewards has the key 'x'"):
        cr.mdp.SupraMDP(dict(M.transitions), rewards={"x": {"a": 1}})
    with pytest.raises(InvalidArgumentError, match="does not have"):
        cr.mdp.SupraMDP(dict(M.transitions), rewards={"s": {"fly": 1}})
    with pytest.raises(InvalidArgumentError, match="terminal key 'x'"):
        M.solve(horizon=1, terminal={"x": 1})


def test_bad_intervals() -> None:
    ok = [[[1, 0]], [[0, 1]]]
    with pytest.raises(InvalidArgumentError, match=r"shape \(S, A, S\)"):
        cr.mdp.SupraMDP.from_intervals([[1, 0]], ok, states="ab", actions=["x"])
    with pytest.raises(InvalidArgumentError, match="admit no distribution"):
        cr.mdp.SupraMDP.from_intervals([[[0, 0]], [[0, 1]]], [[["1/4", "1/4"]], [[0, 1]]],
                                       states="ab", actions=["x"])
    with pytest.raises(InvalidArgumentError, match="0 <= lower <= upper <= 1"):
        cr.mdp.SupraMDP.from_intervals([[["1/2", 0]], [[0, 1]]], [[["1/4", 1]], [[0, 1]]],
                                       states="ab", actions=["x"])
    with pytest.raises(InvalidArgumentError, match="no available action"):
        cr.mdp.SupraMDP.from_intervals([[[1, 0]], [[0, 0]]], [[[1, 0]], [[0, 0]]],
                                       states="ab", actions=["x"])
    with pytest.raises(InvalidArgumentError, match="lists 'a' twice"):
        cr.mdp.SupraMDP.from_intervals(ok, ok, states="aa", actions=["x"])


# ------------------------------------------------------------------ progress and limits
def test_progress_reports_every_stage(model: cr.mdp.SupraMDP) -> None:
    seen: list[tuple[str, int, int]] = []

    def record(stage: str, done: int, total: int) -> None:
        seen.append((stage, done, total))

    model.solve(horizon=3, progress=record)
    assert seen == [("backups", k, 3) for k in range(4)]
    seen.clear()
    model.reachability({"goal"}, progress=record)  # exact: guide sweeps, then rounds
    stages = {stage for stage, _, _ in seen}
    assert "sweeps" in stages and ({"rounds", "policy rounds"} & stages)
    assert all(0 <= done <= total for _, done, total in seen)
    seen.clear()
    chain = cr.mdp.ImpreciseMarkovChain({"s": cr.precise([1, 0], outcomes=ST),
                                         "goal": cr.precise([0, 1], outcomes=ST)})
    chain.lower_expectation([0, 1], 2, progress=record)
    assert seen == [("steps", 0, 2), ("steps", 1, 2), ("steps", 2, 2)]


def test_progress_can_stop_a_solve(model: cr.mdp.SupraMDP) -> None:
    class Stop(Exception):
        pass

    def stop(stage: str, done: int, total: int) -> None:
        if done >= 2:
            raise Stop(stage)

    with pytest.raises(Stop, match="backups"):
        model.solve(horizon=100, progress=stop)
    with pytest.raises(InvalidArgumentError, match="progress must be None or a callable"):
        model.solve(horizon=1, progress="yes")  # type: ignore[arg-type]


def test_float_value_iteration_that_does_not_settle_raises(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from credal.errors import SolverError
    from credal.mdp import _solve

    M = cr.mdp.SupraMDP.from_intervals(
        [[[0.5, 0.25], [1, 0]], [[0, 1], [0, 0]]], [[[0.75, 0.5], [1, 0]], [[0, 1], [0, 0]]],
        states=ST, actions=["try", "wait"], rewards={"s": {"try": 1}})
    monkeypatch.setattr(_solve, "EVALUATE_MAX_STATES", 0)  # value iteration alone
    monkeypatch.setattr(_solve, "MAX_SWEEPS", 3)
    monkeypatch.setattr(_solve.value_iteration, "__kwdefaults__",
                        {"tol": _solve.FLOAT_TOL, "max_sweeps": 3, "guide": False})
    with pytest.raises(SolverError, match="did not settle within 3 sweeps"):
        M.solve(discount=0.99)

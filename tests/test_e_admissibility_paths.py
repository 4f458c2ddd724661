"""E-admissibility on its own (one upper-envelope LP per act, :func:`credal.e_admissibility`)
decides exactly what the path through maximality decides (the one :func:`credal.decide`
keeps), and what a naive feasibility LP per act decides.

Three answers are compared on every problem:

* :func:`through_maximality`: the algorithm ``e_admissibility`` used before, written out
  here from the helpers ``decide`` still runs (maximality first, then one margin LP per
  maximal act);
* a naive LP per act, written here without credal's decision code: ``max t`` subject to
  ``p·(f_d − f_e) >= t`` for every other act ``e``, ``t <= 0`` and ``p`` in ``S`` (over the
  set's vertex weights with credal's exact LP for exact problems; over the H-form or the
  V-form points with scipy's ``linprog`` for float ones), admissible when ``t >= 0``
  (floats: ``t >= −atol × max(1, max |f|)``, the rules' tie band);
* ``cr.e_admissibility``.

Problems: hypothesis-drawn ones over every kind of set (with copied acts and mixtures of
acts), the two families of the benchmark (random acts; acts that are mixtures of a few
base acts, which all tie at some distribution), exact and float, and hand-made ties.
"""

from __future__ import annotations

from collections.abc import Hashable
from fractions import Fraction as F
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.optimize import linprog

import credal as cr
import credal.decisions as dec
from credal.lp import LinearProgram, solve
from credal.strategies import belief_functions, credal_sets, cvar_sets, gambles, wasserstein_balls
from credal.tolerance import DEFAULT_ATOL


# --------------------------------------------------------------------------------------
# The references
# --------------------------------------------------------------------------------------
def through_maximality(acts: dict[str, Any], S: cr.CredalSet,
                       backend: str | None = None) -> list[Hashable]:
    """E-admissibility as it was computed before: the maximal acts first (pool points,
    then lower expectations of differences), then one margin LP per maximal act."""
    P = dec._problem(acts, S, DEFAULT_ATOL, backend)
    lo, up, pool = dec._with_points(P)
    maximal, _ = dec._maximal(P, lo, up, pool)
    return [P.names[d] for d in maximal if dec._bayes_margin(P, d, pool)[0] is not None]


def exact_vec(f: Any) -> np.ndarray:
    return np.array([F(x) for x in f], dtype=object)


def naive_exact(acts: dict[str, Any], S: cr.CredalSet) -> list[str]:
    """One exact LP per act over the weights of ``S.vertices``."""
    V = S.vertices
    k = V.shape[0]
    out = []
    for d in acts:
        others = [e for e in acts if e != d]
        if not others:
            out.append(d)
            continue
        G = np.array([exact_vec(acts[d]) - exact_vec(acts[e]) for e in others], dtype=object)
        # variables (lambda (k), t): t - (G V') lambda <= 0, sum lambda = 1, t <= 0
        A_ub = np.hstack([-(G @ V.T), np.full((len(others), 1), F(1), dtype=object)])
        lp = LinearProgram.create([F(0)] * k + [F(-1)], A_ub, [F(0)] * len(others),
                                  [[F(1)] * k + [F(0)]], [F(1)],
                                  lower=[0] * k + [None], upper=[None] * k + [0], exact=True)
        x = solve(lp).x
        assert x is not None
        if x[k] >= 0:
            out.append(d)
    return out


def naive_float_margins(F_acts: np.ndarray, *, V: np.ndarray | None = None,
                        G: np.ndarray | None = None, c: np.ndarray | None = None
                        ) -> np.ndarray:
    """``max_{p in S} min(0, min_e p·(f_d − f_e))`` for each act, by scipy's ``linprog``:
    over the points ``V`` (S their hull) or the H-form ``G p >= c``."""
    m, n = F_acts.shape
    out = np.empty(m)
    for d in range(m):
        D = F_acts[d] - np.delete(F_acts, d, axis=0)  # (m - 1, n)
        if V is not None:
            k = V.shape[0]
            A_ub = np.hstack([-(D @ V.T), np.ones((m - 1, 1))])
            res = linprog(np.r_[np.zeros(k), -1.0], A_ub=A_ub, b_ub=np.zeros(m - 1),
                          A_eq=np.r_[np.ones(k), 0.0][None, :], b_eq=[1.0],
                          bounds=[(0, None)] * k + [(None, 0)], method="highs")
        else:
            assert G is not None and c is not None
            A_ub = np.vstack([np.hstack([-G, np.zeros((G.shape[0], 1))]),
                              np.hstack([-D, np.ones((m - 1, 1))])])
            res = linprog(np.r_[np.zeros(n), -1.0], A_ub=A_ub,
                          b_ub=np.r_[-c, np.zeros(m - 1)],
                          A_eq=np.r_[np.ones(n), 0.0][None, :], b_eq=[1.0],
                          bounds=[(0, None)] * n + [(None, 0)], method="highs")
        assert res.status == 0, res.message
        out[d] = res.x[-1]
    return out


def naive_float(F_acts: np.ndarray, **region: Any) -> list[str]:
    """The naive float verdicts, after checking that none is within a solver's accuracy of
    the tie band's edge (these problems have clear answers)."""
    t = naive_float_margins(F_acts, **region)
    tol = DEFAULT_ATOL * max(1.0, float(np.abs(F_acts).max()))
    unclear = (t < -tol) & (t > -1e-6)
    assert not unclear.any(), t[unclear]
    return [f"d{i}" for i in np.flatnonzero(t >= -tol)]


# --------------------------------------------------------------------------------------
# Hypothesis-drawn problems, every kind of set
# --------------------------------------------------------------------------------------
def any_set(n: int, exact: bool) -> st.SearchStrategy[cr.CredalSet]:
    return st.one_of(credal_sets(n, exact=exact, form="any"), wasserstein_balls(n, exact=exact),
                     cvar_sets(n, exact=exact), belief_functions(n, exact=exact))


#: Payoffs from a few small values make exact ties (between acts, at vertices) common.
FEW = [F(0), F(1), F(2), F(-1), F(1, 2), F(1, 3)]


@st.composite
def few_valued(draw: st.DrawFn, n: int, exact: bool) -> np.ndarray:
    values = [draw(st.sampled_from(FEW)) for _ in range(n)]
    return np.array(values if exact else [float(v) for v in values],
                    dtype=object if exact else float)


@st.composite
def problems(draw: st.DrawFn, exact: bool) -> tuple[dict[str, Any], cr.CredalSet]:
    """Up to 6 drawn acts (at times from a few small values, for ties), plus at times a
    copy of the first (a duplicate) and the midpoint of the first two (a mixture: maximal
    at times, rarely E-admissible)."""
    n = draw(st.integers(1, 4))
    S = draw(any_set(n, exact))
    act = few_valued(n, exact) if draw(st.booleans()) else gambles(n, exact=exact)
    acts = draw(st.lists(act, min_size=1, max_size=6))
    if draw(st.booleans()):
        acts.append(acts[0].copy())
    if len(acts) >= 2 and draw(st.booleans()):
        acts.append((acts[0] + acts[1]) / 2)
    return {f"d{i}": a for i, a in enumerate(acts)}, S


@settings(max_examples=120)
@given(problems(exact=True))
def test_exact_drawn_problems_agree(problem: tuple[dict[str, Any], cr.CredalSet]) -> None:
    acts, S = problem
    out = cr.e_admissibility(acts, S)
    assert out == through_maximality(acts, S)
    assert out == naive_exact(acts, S)


@settings(max_examples=120)
@given(problems(exact=False))
def test_float_drawn_problems_agree(problem: tuple[dict[str, Any], cr.CredalSet]) -> None:
    acts, S = problem
    assert cr.e_admissibility(acts, S) == through_maximality(acts, S)


# --------------------------------------------------------------------------------------
# The benchmark's two families
# --------------------------------------------------------------------------------------
def hform(n: int, m: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """``m`` random lower previsions ``G p >= c`` (integer G, exact c), nonempty by
    construction (a drawn distribution meets every row with slack 1/20)."""
    rng = np.random.default_rng(seed)
    G = rng.integers(0, 10, size=(m, n))
    p0 = rng.integers(1, 10, size=n)
    p0 = np.array([F(int(v), int(p0.sum())) for v in p0], dtype=object)
    c = G.astype(object) @ p0 - F(1, 20)
    return G, c


def random_acts(m: int, n: int, seed: int) -> np.ndarray:
    return np.random.default_rng(seed).normal(size=(m, n))


def mixture_acts(m: int, n: int, seed: int) -> np.ndarray:
    """Each act a random convex combination of 3 to 5 of 6 base acts."""
    rng = np.random.default_rng(seed)
    base = rng.normal(size=(6, n))
    out = np.empty((m, n))
    for i in range(m):
        idx = rng.choice(6, size=int(rng.integers(3, 6)), replace=False)
        out[i] = rng.dirichlet(np.ones(len(idx))) @ base[idx]
    return out


def rational(X: np.ndarray, den: int = 100) -> np.ndarray:
    out = np.empty(X.shape, dtype=object)
    out.reshape(-1)[:] = [F(round(float(x) * den), den) for x in X.reshape(-1)]
    return out


def named(X: np.ndarray) -> dict[str, Any]:
    return {f"d{i}": X[i] for i in range(X.shape[0])}


FAMILIES = {"random": random_acts, "mixtures": mixture_acts}


@pytest.mark.parametrize("seed", [1, 2])
@pytest.mark.parametrize("family", list(FAMILIES))
def test_float_families_on_an_hform_set(family: str, seed: int) -> None:
    n = 12
    G, c = hform(n, 8, seed)
    Gf, cf = G.astype(float), c.astype(float)
    S = cr.CredalSet.from_lower_previsions(list(zip(Gf, cf, strict=True)))
    X = FAMILIES[family](30, n, seed)
    out = cr.e_admissibility(named(X), S)
    assert out == through_maximality(named(X), S)
    assert out == naive_float(X, G=Gf, c=cf)


@pytest.mark.parametrize("seed", [1, 2])
@pytest.mark.parametrize("family", list(FAMILIES))
def test_float_families_on_a_vform_set(family: str, seed: int) -> None:
    n = 12
    V = np.random.default_rng(seed + 100).dirichlet(np.ones(n), size=8)
    S = cr.CredalSet.from_vertices(V)
    X = FAMILIES[family](30, n, seed)
    out = cr.e_admissibility(named(X), S)
    assert out == through_maximality(named(X), S)
    assert out == naive_float(X, V=V)


@pytest.mark.parametrize("form", ["hform", "vform"])
@pytest.mark.parametrize("family", list(FAMILIES))
def test_exact_families(family: str, form: str) -> None:
    """Rational images of the families (the mixtures keep exact weights, so all of them
    tie at the distributions where their base acts tie)."""
    n = 6
    if family == "mixtures":
        rng = np.random.default_rng(5)
        base = rational(rng.normal(size=(4, n)), 10)
        W = rng.integers(1, 6, size=(12, 4)) * (rng.random((12, 4)) < 0.8)
        W[W.sum(axis=1) == 0, 0] = 1
        X = np.array([[F(int(w), int(row.sum())) for w in row] for row in W],
                     dtype=object) @ base
    else:
        X = rational(random_acts(12, n, 5))
    if form == "hform":
        G, c = hform(n, 4, 7)
        S = cr.CredalSet.from_lower_previsions(list(zip(G, c, strict=True)))
    else:
        W = np.random.default_rng(8).integers(1, 10, size=(5, n))
        S = cr.CredalSet.from_vertices([[F(int(w), int(row.sum())) for w in row]
                                        for row in W])
    acts = named(X)
    out = cr.e_admissibility(acts, S)
    assert out == through_maximality(acts, S)
    assert out == naive_exact(acts, S)
    # and the float problem decides the same on these (no act near a tie)
    floats = {d: [float(x) for x in f] for d, f in acts.items()}
    assert cr.e_admissibility(floats, S.to_float()) == through_maximality(floats,
                                                                          S.to_float())


# --------------------------------------------------------------------------------------
# Ties
# --------------------------------------------------------------------------------------
INTERVAL = cr.CredalSet.from_bounds(["1/4", "1/4"], ["3/4", "3/4"])  # p0 in [1/4, 3/4]
SETS = {
    "hform-exact": INTERVAL,
    "vform-exact": cr.CredalSet.from_vertices(INTERVAL.vertices),
    "hform-float": INTERVAL.to_float(),
    "vform-float": cr.CredalSet.from_vertices(INTERVAL.vertices).to_float(),
}


def judge(acts: dict[str, Any], S: cr.CredalSet) -> list[Hashable]:
    out = cr.e_admissibility(acts, S)
    assert out == through_maximality(acts, S)
    if S.is_exact:
        assert out == naive_exact(acts, S)
    return out


@pytest.mark.parametrize("name", list(SETS))
def test_an_act_optimal_at_one_vertex_only(name: str) -> None:
    """``c = (4, −4)`` ties with ``a = (3, −1)`` at ``p0 = 3/4`` and is below it at every
    other point of S; lowering it by 10**-12 makes it inadmissible exactly, and a tie
    within the float tolerance."""
    S = SETS[name]
    acts: dict[str, Any] = {"b": [0, 1], "a": [3, -1], "c": [4, -4]}
    assert judge(acts, S) == ["b", "a", "c"]
    lowered = dict(acts, c=[4 - F(1, 10**12), -4 - F(1, 10**12)])
    if not S.is_exact:
        lowered = {d: [float(x) for x in f] for d, f in lowered.items()}
    assert judge(lowered, S) == (["b", "a"] if S.is_exact else ["b", "a", "c"])
    assert judge(dict(acts, c=[4, -5]), S) == ["b", "a"]


@pytest.mark.parametrize("exact", [True, False], ids=["exact", "float"])
def test_acts_equal_on_the_set(exact: bool) -> None:
    """The third outcome has probability 0 throughout S: acts that differ only there are
    equal on S, and are decided alike."""
    V = [[F(1, 2), F(1, 2), 0], [F(1, 4), F(3, 4), 0]]
    S = cr.CredalSet.from_vertices(V)
    S = S if exact else S.to_float()
    acts: dict[str, Any] = {"a": [1, 0, 5], "b": [1, 0, -7], "c": [0, 1, 0],
                            "d": [F(1, 2), F(1, 4), 9], "e": [F(1, 2), F(1, 4), -9]}
    if not exact:
        acts = {k: [float(x) for x in f] for k, f in acts.items()}
    # p0 in [1/4, 1/2]: a and b pay p0 <= p1 (c), tying with c at p0 = 1/2; d and e pay
    # p0/2 + p1/4 < p1 everywhere
    assert judge(acts, S) == ["a", "b", "c"]


@pytest.mark.parametrize("name", list(SETS))
def test_duplicate_acts(name: str) -> None:
    S = SETS[name]
    acts: dict[str, Any] = {"x": [1, 1], "b": [0, 1], "y": [1, 1], "a": [3, -1],
                            "z": [0, 0], "b2": [0, 1]}
    # x = (1, 1) pays 1 > p1 (b) on S, and >= 4 p0 - 1 (a) for p0 <= 1/2; a is optimal
    # for p0 >= 1/2; z pays 0 < 1 everywhere
    assert judge(acts, S) == ["x", "y", "a"]
    same = {f"c{i}": [2, 5] for i in range(4)}
    assert judge(same, S) == list(same)


def test_a_single_act_and_equal_acts_need_no_lp(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_lp(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("an LP was solved")

    monkeypatch.setattr(dec, "solve_many", no_lp)
    assert cr.e_admissibility({"only": [1, 2]}, INTERVAL) == ["only"]
    assert cr.e_admissibility({"u": [1, 2], "v": [1, 2]}, INTERVAL.to_float()) == ["u", "v"]


# --------------------------------------------------------------------------------------
# The path itself: LPs, progress, backends
# --------------------------------------------------------------------------------------
def test_no_maximality_pass_and_at_most_one_lp_per_distinct_act(
        monkeypatch: pytest.MonkeyPatch) -> None:
    G, c = hform(10, 6, 3)
    S = cr.CredalSet.from_lower_previsions(list(zip(G, c, strict=True))).to_float()
    X = random_acts(20, 10, 3)
    acts = named(np.vstack([X, X[:5]]))  # five duplicates
    want = through_maximality(acts, S)
    calls = []
    real = dec.solve_many

    def counted(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        return real(*args, **kwargs)

    def forbidden(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("maximality was computed")

    monkeypatch.setattr(dec, "solve_many", counted)
    monkeypatch.setattr(dec, "_maximal", forbidden)
    monkeypatch.setattr(dec, "_with_points", forbidden)
    assert cr.e_admissibility(acts, S) == want
    assert 1 <= len(calls) <= 20


@pytest.mark.parametrize("exact", [True, False], ids=["exact", "float"])
def test_progress_counts_every_act_once(exact: bool) -> None:
    S = INTERVAL if exact else INTERVAL.to_float()
    acts: dict[str, Any] = {"b": [0, 1], "a": [3, -1], "c": [4, -5], "a2": [3, -1],
                            "m": [F(3, 2), 0]}
    calls: list[tuple[str, int, int]] = []
    out = cr.e_admissibility(acts, S, progress=lambda *a: calls.append(a))
    assert out == through_maximality(acts, S)
    assert calls == [("e_admissibility", i, len(acts)) for i in range(1, len(acts) + 1)]


@pytest.mark.parametrize("backend", ["highs", "exact"])
def test_a_named_backend_decides_the_same(backend: str) -> None:
    G, c = hform(8, 5, 4)
    S = cr.CredalSet.from_lower_previsions(list(zip(G, c, strict=True)))
    X = rational(random_acts(10, 8, 4))
    exact = named(X)
    floats = {d: [float(x) for x in f] for d, f in exact.items()}
    want = through_maximality(floats, S.to_float())
    assert cr.e_admissibility(floats, S.to_float(), backend=backend) == want
    assert cr.e_admissibility(floats, S.to_float(), backend=backend) == \
        through_maximality(floats, S.to_float(), backend=backend)
    if backend == "exact":
        assert cr.e_admissibility(exact, S, backend="exact") == naive_exact(exact, S)


def test_troffaes_example_on_every_path() -> None:
    """Troffaes (2007)'s example: {d1, d2, d3} are E-admissible; d5 is maximal but is
    optimal under no distribution of the set."""
    S = cr.CredalSet.from_bounds({"H": "0.28"}, {"H": "0.7"}, outcomes=["H", "T"])
    acts: dict[str, Any] = {"d1": [4, 0], "d2": [0, 4], "d3": [3, 2], "d4": ["1/2", 3],
                            "d5": ["2.35", "2.35"], "d6": ["4.1", "-0.3"]}
    for T in (S, cr.CredalSet.from_vertices(S.vertices), S.to_float()):
        assert cr.e_admissibility(acts, T) == ["d1", "d2", "d3"] == through_maximality(acts, T)

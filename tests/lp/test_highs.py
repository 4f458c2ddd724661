"""The HiGHS adapter's re-solves: idle models kept per region, warm starts from the pool
of recent bases, and several threads sharing one region; the backend registry's first use
from many threads at once."""

from __future__ import annotations

import pickle
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import numpy as np
import pytest
from scipy.optimize import linprog

from credal.lp import LinearProgram, _registry, get_backend, register_backend, solve
from credal.lp.highs import IDLE_MODELS, HighsBackend


def region(seed: int = 0, n: int = 12, m: int = 6) -> tuple[LinearProgram, np.ndarray,
                                                            np.ndarray]:
    rng = np.random.default_rng(seed)
    G = rng.integers(-3, 8, size=(m, n)).astype(float)
    p0 = rng.dirichlet(np.ones(n))
    c = G @ p0 - 0.05
    lp = LinearProgram.create(np.zeros(n), -G, -c, np.ones((1, n)), [1.0], lower=0)
    return lp, G, c


def reference(G: np.ndarray, c: np.ndarray, f: np.ndarray) -> float:
    n = G.shape[1]
    r = linprog(f, A_ub=-G, b_ub=-c, A_eq=np.ones((1, n)), b_eq=[1.0], bounds=(0, None),
                method="highs")
    assert r.status == 0
    return float(r.fun)


def test_models_are_kept_per_region_and_reused() -> None:
    lp, G, c = region()
    backend = HighsBackend(threads=1)
    F = np.random.default_rng(1).normal(size=(5, G.shape[1]))
    first, _ = backend.solve_many(lp, F)
    idle = lp.region_cache["highs_idle"]
    assert len(idle) == 1
    model = idle[0]
    again, _ = backend.solve_many(lp.with_cost(F[0]), F[::-1])  # same region, shared cache
    assert lp.region_cache["highs_idle"] == [model]  # checked out, then back
    assert np.max(np.abs(again[::-1] - first)) <= 1e-9 * (1 + np.abs(F).max())
    for f, v in zip(F, first, strict=True):
        assert abs(v - reference(G, c, f)) <= 1e-8 * (1 + np.abs(f).max())


def test_at_most_a_few_idle_models() -> None:
    lp, G, _ = region()
    backend = HighsBackend(threads=4)
    F = np.random.default_rng(2).normal(size=(400, G.shape[1]))
    for _ in range(3):
        backend.solve_many(lp, F)
    assert 1 <= len(lp.region_cache["highs_idle"]) <= IDLE_MODELS


def test_threads_sharing_a_region_get_right_answers() -> None:
    lp, G, c = region(seed=3)
    backend = HighsBackend(threads=1)
    rng = np.random.default_rng(4)
    batches = [rng.normal(size=(20, G.shape[1])) for _ in range(16)]
    with ThreadPoolExecutor(4) as pool:
        results = list(pool.map(lambda F: backend.solve_many(lp, F)[0], batches))
    for F, values in zip(batches, results, strict=True):
        for f, v in zip(F, values, strict=True):
            assert abs(v - reference(G, c, f)) <= 1e-8 * (1 + np.abs(f).max())


def test_a_program_pickles_without_its_solver_cache() -> None:
    lp, G, _ = region()
    HighsBackend(threads=1).solve_many(lp, np.ones((2, G.shape[1])))
    assert "highs_idle" in lp.region_cache
    back = pickle.loads(pickle.dumps(lp))
    assert back.region_cache == {}
    assert np.array_equal(back.A_ub, lp.A_ub) and back.exact == lp.exact


# -- the registry's first use ------------------------------------------------------------
class _SlowRegistry(dict[str, Any]):
    """A registry that sleeps after each insertion: it widens the window in which a
    half-filled registry is visible to other threads (the race seen on a fresh process,
    where a thread got "backend must be one of ['highs'], got 'exact'")."""

    def setdefault(self, key: str, default: Any = None) -> Any:
        out = super().setdefault(key, default)
        time.sleep(0.002)
        return out

    def __setitem__(self, key: str, value: Any) -> None:
        super().__setitem__(key, value)
        time.sleep(0.002)


def _fresh_registry(monkeypatch: pytest.MonkeyPatch) -> None:
    """A registry as a fresh process has it: empty, the defaults not yet loaded."""
    monkeypatch.setattr(_registry, "_REGISTRY", _SlowRegistry())
    monkeypatch.setattr(_registry, "_defaults_loaded", False, raising=False)


def test_first_use_from_many_threads_finds_every_default(
        monkeypatch: pytest.MonkeyPatch) -> None:
    exact_lp = LinearProgram.create([1, 2], A_eq=[[1, 1]], b_eq=[1], lower=0)
    for _ in range(25):
        _fresh_registry(monkeypatch)
        start = threading.Barrier(16)

        def first_call(i: int, start: threading.Barrier = start) -> str:
            start.wait()
            name = ("exact", "highs", "cvxpy", None)[i % 4]
            return get_backend(name, exact=True).name

        with ThreadPoolExecutor(16) as pool:
            names = list(pool.map(first_call, range(16)))
        assert names == [("exact", "highs", "cvxpy", "exact")[i % 4] for i in range(16)]
    assert solve(exact_lp).value == 1


def test_a_backend_registered_before_first_use_keeps_the_defaults(
        monkeypatch: pytest.MonkeyPatch) -> None:
    _fresh_registry(monkeypatch)
    mine = HighsBackend(threads=1)
    mine.name = "mine"
    register_backend(mine)
    assert get_backend("mine") is mine
    assert {"highs", "cvxpy", "exact", "mine"} <= set(_registry.available_backends())
    assert get_backend(None, exact=True).name == "exact"

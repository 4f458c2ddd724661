"""Benchmarks: credal against the code a user would otherwise write, as ratios in one run.

Run with ``make bench`` or ``python benchmarks/run.py [--quick]``. Not part of the test
suite. Each case times credal and its baseline on the same data in the same process and
prints the ratio baseline_time / credal_time (higher is better for credal), after checking
that both give the same numbers.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from collections.abc import Callable
from fractions import Fraction
from typing import Any

import numpy as np

import credal as cr


def best_of(fn: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    best, out = float("inf"), None
    for _ in range(repeat):
        t0 = time.perf_counter()
        out = fn()
        best = min(best, time.perf_counter() - t0)
    return best, out


def hform_set(n: int, m: int, seed: int, exact: bool = False) -> tuple[cr.CredalSet, Any, Any]:
    """A natural extension of m random lower previsions, nonempty by construction."""
    rng = np.random.default_rng(seed)
    G = rng.integers(0, 10, size=(m, n))
    p0 = rng.integers(1, 10, size=n)
    p0 = np.array([Fraction(int(v), int(p0.sum())) for v in p0], dtype=object)
    c = G @ p0 - Fraction(1, 20)
    if not exact:
        G, c = G.astype(float), c.astype(float)
    S = cr.CredalSet.from_lower_previsions(list(zip(G, c, strict=True)))
    return S, np.asarray(G, dtype=float), np.asarray(c, dtype=float)


def case_hform(n_gambles: int, cvxpy_gambles: int) -> dict[str, Any]:
    import cvxpy as cp
    from scipy.optimize import linprog

    n, m = 40, 25
    S, G, c = hform_set(n, m, seed=1)
    F = np.random.default_rng(2).normal(size=(n_gambles, n))
    t_credal, ours = best_of(lambda: cr.lower_expectation(S, F), 3)

    def cvxpy_loop(rows: np.ndarray) -> np.ndarray:
        out = []
        for f in rows:
            p = cp.Variable(n)
            prob = cp.Problem(cp.Minimize(f @ p), [p >= 0, cp.sum(p) == 1, G @ p >= c])
            prob.solve()
            out.append(prob.value)
        return np.array(out)

    def linprog_loop(rows: np.ndarray) -> np.ndarray:
        out = []
        for f in rows:
            r = linprog(f, A_ub=-G, b_ub=-c, A_eq=np.ones((1, n)), b_eq=[1.0],
                        bounds=(0, None), method="highs")
            out.append(r.fun)
        return np.array(out)

    k = min(cvxpy_gambles, n_gambles)
    t_cvx, theirs = best_of(lambda: cvxpy_loop(F[:k]), 1)
    t_cvx *= n_gambles / k
    t_lin, lin = best_of(lambda: linprog_loop(F), 1)
    scale = 1 + np.abs(F).max()
    assert np.max(np.abs(theirs - ours[:k])) <= 1e-6 * scale, "credal disagrees with cvxpy"
    assert np.max(np.abs(lin - ours)) <= 1e-7 * scale, "credal disagrees with linprog"
    return {
        "case": f"H-form set, {n} outcomes, {m} constraints, {n_gambles} gambles",
        "credal_s": t_credal,
        "baselines": {
            f"per-gamble cvxpy loop (default solver; {k} timed, scaled)": t_cvx,
            "per-gamble scipy linprog(method='highs') loop": t_lin,
        },
    }


def case_vform(n_gambles: int) -> dict[str, Any]:
    rng = np.random.default_rng(3)
    V = rng.dirichlet(np.ones(50), size=400)
    S = cr.CredalSet.from_vertices(V)
    F = rng.normal(size=(n_gambles, 50))
    t_np, base = best_of(lambda: (F @ V.T).min(axis=1), 5)
    t_credal, ours = best_of(lambda: cr.lower_expectation(S, F), 5)
    assert np.max(np.abs(base - ours)) <= 1e-12 * (1 + np.abs(F).max())
    return {
        "case": f"V-form set, 400 points, 50 outcomes, {n_gambles} gambles",
        "credal_s": t_credal,
        "baselines": {"numpy (F @ V.T).min(axis=1)": t_np},
    }


def case_exact(n_gambles: int) -> dict[str, Any]:
    n, m = 30, 20
    S, _, _ = hform_set(n, m, seed=4, exact=True)
    rng = np.random.default_rng(5)
    F = rng.integers(-10, 11, size=(n_gambles, n))
    Sf = S.to_float()
    Ff = F.astype(float)
    t_float, fl = best_of(lambda: np.array([cr.lower_expectation(Sf, f) for f in Ff]), 1)
    t_batch, fb = best_of(lambda: cr.lower_expectation(Sf, Ff), 3)
    t_exact, ex = best_of(lambda: cr.lower_expectation(S, F), 1)
    assert all(isinstance(v, Fraction) for v in ex)
    assert np.max(np.abs(ex.astype(float) - fl)) <= 1e-7 * 11
    assert np.max(np.abs(ex.astype(float) - fb)) <= 1e-7 * 11
    return {
        "case": f"exact H-form set, {n} outcomes, {m} constraints, {n_gambles} gambles "
                "(cost of exactness; ratio < 1 means exact is slower)",
        "credal_s": t_exact,
        "baselines": {"the same gambles in float64, one call each": t_float,
                      "the same gambles in float64, one batch call": t_batch},
    }


def import_time() -> dict[str, Any]:
    code = ("import sys, time; t = time.perf_counter(); import credal; "
            "d = time.perf_counter() - t; "
            "print(d, [m for m in ('cvxpy', 'sympy', 'hypothesis', 'highspy', 'matplotlib') "
            "if m in sys.modules])")
    runs = [subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                           check=True).stdout for _ in range(3)]
    seconds = min(float(r.split(" ", 1)[0]) for r in runs)
    heavy = runs[0].split(" ", 1)[1].strip()
    return {"case": "python -c 'import credal'", "credal_s": seconds,
            "heavy modules imported": heavy}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="smaller sizes, for a smoke run")
    parser.add_argument("--json", metavar="FILE", help="also write the results as JSON")
    args = parser.parse_args()
    q = args.quick
    results = [
        case_hform(200 if q else 1000, 50 if q else 200),
        case_vform(2000 if q else 20000),
        case_exact(20 if q else 100),
        import_time(),
    ]
    for r in results:
        print(f"\n{r['case']}: credal {r['credal_s'] * 1e3:.1f} ms")
        for name, t in r.get("baselines", {}).items():
            print(f"  {name}: {t * 1e3:.1f} ms  -> ratio {t / r['credal_s']:.2f}")
        if "heavy modules imported" in r:
            print(f"  heavy modules imported by 'import credal': {r['heavy modules imported']}")
    if args.json:
        with open(args.json, "w") as fh:
            json.dump(results, fh, indent=2)


if __name__ == "__main__":
    main()

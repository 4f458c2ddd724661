"""Benchmarks: credal against the code a user would otherwise write, as ratios in one run.

Run with ``make bench`` or ``python benchmarks/run.py [--quick]``. Not part of the test
suite. Each case times credal and its baseline on the same data in the same process and
prints the ratio baseline_time / credal_time (higher is better for credal), after checking
that both give the same numbers.
"""

from __future__ import annotations

import argparse
import json
import os
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


def vform_memory(n_gambles: int) -> dict[str, Any]:
    """Peak memory of one V-form batch call in a fresh process: the gambles themselves,
    and what the call adds on top of them (tracemalloc's peak, and the growth of the
    process's peak resident set)."""
    code = f"""
import resource, time, tracemalloc, numpy as np, credal as cr
rng = np.random.default_rng(3)
S = cr.CredalSet.from_vertices(rng.dirichlet(np.ones(50), size=400))
cr.lower_expectation(S, rng.normal(size=(10, 50)))
F = rng.normal(size=({n_gambles}, 50))
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
tracemalloc.start()
t = time.perf_counter()
v = cr.lower_expectation(S, F)
t = time.perf_counter() - t
peak = tracemalloc.get_traced_memory()[1]
tracemalloc.stop()
after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(F.nbytes, peak, before * 1024, after * 1024, t)
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.split()
    f_bytes, peak, rss_before, rss_after = (int(float(v)) for v in out[:4])
    return {"case": f"V-form set, 400 points, 50 outcomes, {n_gambles:,} gambles: memory "
                    f"(timed with tracemalloc on)",
            "credal_s": float(out[4]),
            "memory": {"gambles (the input)": f_bytes,
                       "allocated by the call (tracemalloc peak)": peak,
                       "peak resident set of the process": rss_after,
                       "growth of the peak resident set during the call":
                           rss_after - rss_before}}


def case_hform_few_vertices(n_gambles: int) -> dict[str, Any]:
    """An H-form set with few vertices (by the upper bound theorem): credal enumerates them
    once and answers the batch by a matrix product, against a per-gamble linprog loop and
    against credal's own LP path (backend='highs')."""
    from scipy.optimize import linprog

    n, m = 10, 3
    S0, G, c = hform_set(n, m, seed=12)
    F = np.random.default_rng(13).normal(size=(n_gambles, n))

    def ours() -> Any:
        S, _, _ = hform_set(n, m, seed=12)  # a new set: vertices enumerated in the timing
        return cr.lower_expectation(S, F)

    t_credal, v = best_of(ours, 3)
    t_lp, v_lp = best_of(lambda: cr.lower_expectation(hform_set(n, m, seed=12)[0], F,
                                                      backend="highs"), 3)

    def linprog_loop() -> np.ndarray:
        return np.array([linprog(f, A_ub=-G, b_ub=-c, A_eq=np.ones((1, n)), b_eq=[1.0],
                                 bounds=(0, None), method="highs").fun for f in F])

    t_lin, lin = best_of(linprog_loop, 1)
    scale = 1 + np.abs(F).max()
    assert np.max(np.abs(v - v_lp)) <= 1e-7 * scale and np.max(np.abs(v - lin)) <= 1e-7 * scale
    return {
        "case": f"H-form set with {S0.vertices.shape[0]} vertices ({n} outcomes, {m} "
                f"constraints), {n_gambles} gambles",
        "credal_s": t_credal,
        "baselines": {"per-gamble scipy linprog(method='highs') loop": t_lin,
                      "credal with backend='highs' (one warm-started LP per gamble)": t_lp},
    }


def case_exact(n: int, m: int, n_gambles: int, sympy_gambles: int) -> dict[str, Any]:
    """Exact lower expectations (a float basis certified in rational arithmetic) against
    the same gambles in float64, and against sympy's exact simplex (sympy.solvers.simplex.
    linprog), the exact LP solver a Python user has at hand. Every timing starts from a new
    set, so no cached LP, basis or vertex helps either side."""
    from sympy import Matrix, Rational
    from sympy.solvers.simplex import linprog as sympy_linprog

    rng = np.random.default_rng(5)
    F = rng.integers(-10, 11, size=(n_gambles, n))
    Ff = F.astype(float)

    exact_sets = [hform_set(n, m, seed=4, exact=True)[0] for _ in range(7)]
    float_sets = [S.to_float() for S in (hform_set(n, m, seed=4, exact=True)[0]
                                         for _ in range(4))]
    first = exact_sets[-1]  # the first set the default path answers

    def on_new(sets: list[cr.CredalSet], fn: Callable[[cr.CredalSet], Any]) -> Any:
        return fn(sets.pop())

    t_exact, ex = best_of(lambda: on_new(exact_sets, lambda T: cr.lower_expectation(T, F)), 3)
    t_lps, ex_lps = best_of(lambda: on_new(exact_sets, lambda T: cr.lower_expectation(
        T, F, backend="exact")), 3)
    assert list(ex_lps) == list(ex)
    t_batch, fb = best_of(lambda: on_new(float_sets, lambda T: cr.lower_expectation(T, Ff)),
                          3)
    t_float, fl = best_of(lambda: on_new(float_sets, lambda T: np.array(
        [cr.lower_expectation(T, f) for f in Ff])), 1)
    S = exact_sets.pop()
    h = S.representation.own_constraints()
    A = Matrix([[Rational(v.numerator, v.denominator) for v in row] for row in h.A_ub])
    b = Matrix([Rational(v.numerator, v.denominator) for v in h.b_ub])
    k = min(sympy_gambles, n_gambles)

    def sympy_loop() -> list[Any]:
        return [sympy_linprog(Matrix([int(v) for v in f]), A, b, Matrix([[1] * n]),
                              Matrix([1]))[0] for f in F[:k]]

    t_sympy, sy = best_of(sympy_loop, 1)
    t_sympy *= n_gambles / k
    assert all(isinstance(v, Fraction) for v in ex)
    assert [Fraction(int(v.p), int(v.q)) for v in sy] == list(ex[:k]), "sympy disagrees"
    path = "over its enumerated vertices" if first.vertices_known else "certified LPs"
    notes = [f"default path: {path}",
             f"certified LPs (backend='exact'): {t_lps * 1e3:.1f} ms, "
             f"{t_lps / t_batch:.1f}x the float batch, "
             f"{t_sympy / t_lps:.0f}x faster than sympy"]
    assert np.max(np.abs(ex.astype(float) - fl)) <= 1e-7 * 11
    assert np.max(np.abs(ex.astype(float) - fb)) <= 1e-7 * 11
    return {
        "case": f"exact H-form set, {n} outcomes, {m} constraints, {n_gambles} gambles "
                "(ratio < 1: exact costs more than float)",
        "credal_s": t_exact,
        "baselines": {"the same gambles in float64, one batch call": t_batch,
                      "the same gambles in float64, one call each": t_float,
                      f"sympy's exact simplex, one LP per gamble ({k} timed, scaled)": t_sympy},
        "notes": notes,
    }


def case_hausdorff(n_vertices: int) -> dict[str, Any]:
    """Hausdorff distance between two V-form sets: credal against a cvxpy loop (one
    distance problem per vertex, the textbook definition) and the same loop with a cvxpy
    Parameter (compiled once, re-solved per vertex)."""
    import cvxpy as cp

    n = 20
    rng = np.random.default_rng(6)
    A = rng.dirichlet(np.ones(n), size=n_vertices)
    B = rng.dirichlet(np.ones(n), size=n_vertices)
    S, T = cr.CredalSet.from_vertices(A), cr.CredalSet.from_vertices(B)

    def ours() -> float:  # fresh sets each time: no cached vertices or LPs
        return cr.hausdorff_distance(cr.CredalSet.from_vertices(A),
                                     cr.CredalSet.from_vertices(B))

    t_credal, d = best_of(ours, 3)

    def naive() -> float:
        best = 0.0
        for P, Q in ((A, B), (B, A)):
            for v in P:
                lam = cp.Variable(Q.shape[0], nonneg=True)
                prob = cp.Problem(cp.Minimize(0.5 * cp.norm1(Q.T @ lam - v)),
                                  [cp.sum(lam) == 1])
                prob.solve()
                best = max(best, prob.value)
        return best

    def parametrised() -> float:
        best = 0.0
        for P, Q in ((A, B), (B, A)):
            v = cp.Parameter(n)
            lam = cp.Variable(Q.shape[0], nonneg=True)
            prob = cp.Problem(cp.Minimize(0.5 * cp.norm1(Q.T @ lam - v)), [cp.sum(lam) == 1])
            for row in P:
                v.value = row
                prob.solve()
                best = max(best, prob.value)
        return best

    t_naive, d_naive = best_of(naive, 1)
    t_param, d_param = best_of(parametrised, 1)
    assert abs(d - d_naive) <= 1e-6 and abs(d - d_param) <= 1e-6, (d, d_naive, d_param)
    del S, T
    return {
        "case": f"Hausdorff distance, two V-form sets of {n_vertices} vertices, {n} outcomes",
        "credal_s": t_credal,
        "baselines": {"cvxpy loop, one problem per vertex (default solver)": t_naive,
                      "cvxpy loop with a Parameter (compiled once per set)": t_param},
    }


def case_distances(n_points: int, cvxpy_points: int) -> dict[str, Any]:
    """TV distance from many points to one H-form set: credal's batch against cvxpy."""
    import cvxpy as cp

    n, m = 40, 25
    S, G, c = hform_set(n, m, seed=7)
    P = np.random.default_rng(8).dirichlet(np.ones(n), size=n_points)
    t_credal, ours = best_of(lambda: cr.distance_to_set(P, S), 3)

    def loop(rows: np.ndarray, param: bool) -> np.ndarray:
        out = []
        q = cp.Variable(n, nonneg=True)
        p = cp.Parameter(n)
        cons = [cp.sum(q) == 1, G @ q >= c]
        prob = cp.Problem(cp.Minimize(0.5 * cp.norm1(q - p)), cons)
        for row in rows:
            if not param:
                q = cp.Variable(n, nonneg=True)
                prob = cp.Problem(cp.Minimize(0.5 * cp.norm1(q - row)),
                                  [cp.sum(q) == 1, G @ q >= c])
            else:
                p.value = row
            prob.solve()
            out.append(prob.value)
        return np.array(out)

    k = min(cvxpy_points, n_points)
    t_naive, naive = best_of(lambda: loop(P[:k], False), 1)
    t_param, param = best_of(lambda: loop(P[:k], True), 1)
    t_naive *= n_points / k
    t_param *= n_points / k
    assert np.max(np.abs(naive - ours[:k])) <= 1e-6, "credal disagrees with cvxpy"
    assert np.max(np.abs(param - ours[:k])) <= 1e-6, "credal disagrees with cvxpy"
    return {
        "case": f"TV distance from {n_points} points to an H-form set ({n} outcomes, "
                f"{m} constraints)",
        "credal_s": t_credal,
        "baselines": {
            f"cvxpy loop, one problem per point ({k} timed, scaled)": t_naive,
            f"cvxpy loop with a Parameter ({k} timed, scaled)": t_param,
        },
    }


def case_decisions(n_acts: int, cvxpy_pairs: int) -> dict[str, Any]:
    """Maximality and E-admissibility over many acts on an H-form set: credal against the
    naive cvxpy loops (one problem per ordered pair of acts; one feasibility problem per
    act)."""
    import cvxpy as cp

    n, m = 30, 20
    S, G, c = hform_set(n, m, seed=9)
    rng = np.random.default_rng(10)
    F = rng.normal(size=(n_acts, n))
    acts = {f"d{i}": F[i] for i in range(n_acts)}

    def ours() -> tuple[list[Any], list[Any]]:
        T = cr.CredalSet.from_lower_previsions(list(zip(G, c, strict=True)))  # no caches
        return cr.maximality(acts, T), cr.e_admissibility(acts, T)

    t_credal, (maximal, admissible) = best_of(ours, 3)

    p = cp.Variable(n)
    g = cp.Parameter(n)
    pair = cp.Problem(cp.Minimize(g @ p), [p >= 0, cp.sum(p) == 1, G @ p >= c])

    def naive_pairs(k: int) -> list[float]:
        out = []
        pairs = [(d, e) for d in range(n_acts) for e in range(n_acts) if d != e][:k]
        for d, e in pairs:
            q = cp.Variable(n)
            prob = cp.Problem(cp.Minimize((F[e] - F[d]) @ q), [q >= 0, cp.sum(q) == 1,
                                                                G @ q >= c])
            prob.solve()
            out.append(prob.value)
        return out

    def naive_admissible() -> list[str]:
        out = []
        for d in range(n_acts):
            q = cp.Variable(n)
            cons = [q >= 0, cp.sum(q) == 1, G @ q >= c,
                    (np.delete(F, d, axis=0) - F[d]) @ q <= 0]
            prob = cp.Problem(cp.Minimize(0), cons)
            prob.solve()
            if prob.status == cp.OPTIMAL:
                out.append(f"d{d}")
        return out

    n_pairs = n_acts * (n_acts - 1)
    k = min(cvxpy_pairs, n_pairs)
    t_pairs, _ = best_of(lambda: naive_pairs(k), 1)
    t_pairs *= n_pairs / k
    t_adm, adm = best_of(naive_admissible, 1)
    assert adm == admissible, (adm, admissible)
    del pair, g
    return {
        "case": f"maximality + E-admissibility, {n_acts} acts, H-form set ({n} outcomes, "
                f"{m} constraints); {len(maximal)} maximal, {len(admissible)} E-admissible",
        "credal_s": t_credal,
        "baselines": {
            f"naive cvxpy: one problem per ordered pair ({k} timed, scaled) "
            "+ one feasibility problem per act": t_pairs + t_adm,
        },
    }


def case_exact_decisions(n_acts: int) -> dict[str, Any]:
    """Exact decision rules against the same rules in floats, on n_acts + 1 pairwise
    incomparable acts ``(i/n, (n - i)/n)`` over a probability-interval set: every act is
    maximal and E-admissible (all tie at p = (1/2, 1/2)), so no pair is settled cheaply.
    The ratio float_time / exact_time is how close exact answers come to float speed."""
    S = cr.CredalSet.from_bounds(["1/10"] * 2, ["9/10"] * 2)
    exact = {f"a{i}": [Fraction(i, n_acts), Fraction(n_acts - i, n_acts)]
             for i in range(n_acts + 1)}
    floats = {d: [float(x) for x in f] for d, f in exact.items()}
    S_float = S.to_float()
    t_exact, ours = best_of(lambda: cr.decide(exact, S), 1)
    t_float, theirs = best_of(lambda: cr.decide(floats, S_float), 1)
    for rule in ("maximality", "e_admissibility", "minimax_regret", "interval_dominance"):
        assert ours.choices[rule] == theirs.choices[rule], f"exact and float {rule} differ"
    notes = []
    for rule in ("maximality", "e_admissibility", "minimax_regret"):
        fn = getattr(cr, rule)
        te, _ = best_of(lambda fn=fn: fn(exact, S), 1)
        tf, _ = best_of(lambda fn=fn: fn(floats, S_float), 1)
        notes.append(f"{rule}: exact {te * 1e3:.0f} ms, float {tf * 1e3:.0f} ms "
                     f"-> ratio {tf / te:.2f}")
    return {
        "case": f"decide on {n_acts + 1} incomparable exact acts over 2 outcomes",
        "credal_s": t_exact,
        "baselines": {"the same problem in floats": t_float},
        "notes": notes,
    }


def case_infra(n_gambles: int) -> dict[str, Any]:
    """Expectations of a batch of functions under an infradistribution with many minimal
    points: credal against numpy's (F @ M.T + b).min(axis=1)."""
    from credal import infra

    rng = np.random.default_rng(11)
    n, k = 30, 200
    # points on a "sphere" of a-measures, so that none is redundant
    M = rng.dirichlet(np.ones(n), size=k) * rng.uniform(0.5, 1.0, size=(k, 1))
    b = 1.0 - M.sum(axis=1)
    H = infra.Infradistribution.from_points(list(zip(M, b, strict=True)))
    Mk = np.array([m for m, _ in H.points])
    bk = np.array([v for _, v in H.points])
    F = rng.uniform(size=(n_gambles, n))
    t_np, base = best_of(lambda: (F @ Mk.T + bk).min(axis=1), 5)
    t_credal, ours = best_of(lambda: H.expectation(F), 5)
    assert np.max(np.abs(base - ours)) <= 1e-12
    return {
        "case": f"infradistribution, {len(H.points)} minimal points, {n} outcomes, "
                f"{n_gambles} functions",
        "credal_s": t_credal,
        "baselines": {"numpy (F @ M.T + b).min(axis=1)": t_np},
    }


def _sweep_task(seed: int) -> Any:
    """One problem of the sweep below (module level, so that it pickles)."""
    S, _, _ = hform_set(30, 20, seed=seed)
    F = np.random.default_rng(seed).normal(size=(32, 30))
    return cr.lower_expectation(S, F)


def case_sweep(n_problems: int) -> dict[str, Any]:
    """A parameter sweep of independent problems (a new H-form set over 30 outcomes with 20
    constraints and 32 gambles each) through credal.batch on a 2-process pool, against the
    same loop in one process."""
    from concurrent.futures import ProcessPoolExecutor

    from credal import batch

    seeds = list(range(100, 100 + n_problems))
    t_serial, serial = best_of(lambda: [_sweep_task(s) for s in seeds], 1)
    with ProcessPoolExecutor(max_workers=2) as pool:
        batch.map(_sweep_task, seeds[:4], executor=pool)  # start the workers
        t_pool, pooled = best_of(lambda: batch.map(_sweep_task, seeds, executor=pool), 2)
    assert all(np.array_equal(a, b) for a, b in zip(serial, pooled.values(), strict=True))
    return {
        "case": f"sweep of {n_problems} independent problems through credal.batch on a "
                f"ProcessPoolExecutor(max_workers=2)",
        "credal_s": t_pool,
        "baselines": {"the same problems in a loop in one process": t_serial},
    }


def import_time() -> dict[str, Any]:
    code = ("import sys, time; t = time.perf_counter(); import credal; "
            "d = time.perf_counter() - t; "
            "print(d, [m for m in ('cvxpy', 'sympy', 'hypothesis', 'highspy', 'matplotlib') "
            "if m in sys.modules])")
    # As an installed package imports: from cached bytecode (a first run writes it, even
    # where PYTHONDONTWRITEBYTECODE is set for this process), best of 5.
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    runs = [subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                           check=True, env=env).stdout for _ in range(6)][1:]
    seconds = min(float(r.split(" ", 1)[0]) for r in runs)
    heavy = runs[0].split(" ", 1)[1].strip()
    numpy_alone = min(float(subprocess.run(
        [sys.executable, "-c", "import time; t = time.perf_counter(); import numpy; "
         "print(time.perf_counter() - t)"], capture_output=True, text=True, check=True,
        env=env).stdout) for _ in range(5))
    # python -X importtime: the cumulative time of the slowest top-level imports
    err = subprocess.run([sys.executable, "-X", "importtime", "-c", "import credal"],
                         capture_output=True, text=True, check=True, env=env).stderr
    rows = []
    for line in err.splitlines():
        parts = line.split("|")
        if len(parts) == 3 and parts[1].strip().isdigit():
            name = parts[2].rstrip()
            depth = (len(name) - len(name.lstrip())) // 2
            if depth <= 2:
                rows.append((int(parts[1]), name.strip(), depth))
    top = sorted(rows, reverse=True)[:8]
    return {"case": "python -c 'import credal'", "credal_s": seconds,
            "baselines": {"python -c 'import numpy' (credal's floor)": numpy_alone},
            "heavy modules imported": heavy,
            "importtime": [(name, us / 1e3) for us, name, _ in top]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="smaller sizes, for a smoke run")
    parser.add_argument("--json", metavar="FILE", help="also write the results as JSON")
    args = parser.parse_args()
    q = args.quick
    results = [
        case_hform(200 if q else 1000, 50 if q else 200),
        case_hform_few_vertices(200 if q else 1000),
        case_vform(2000 if q else 20000),
        vform_memory(100_000 if q else 1_000_000),
        case_exact(30, 20, 20 if q else 100, 2 if q else 5),
        case_exact(10, 5, 20 if q else 100, 2 if q else 10),
        case_hausdorff(20 if q else 50),
        case_distances(200 if q else 1000, 50 if q else 200),
        case_decisions(60 if q else 200, 100 if q else 400),
        case_exact_decisions(100 if q else 400),
        case_infra(1000 if q else 10000),
        case_sweep(16 if q else 200),
        import_time(),
    ]
    for r in results:
        print(f"\n{r['case']}: credal {r['credal_s'] * 1e3:.1f} ms")
        for name, t in r.get("baselines", {}).items():
            print(f"  {name}: {t * 1e3:.1f} ms  -> ratio {t / r['credal_s']:.2f}")
        if "heavy modules imported" in r:
            print(f"  heavy modules imported by 'import credal': {r['heavy modules imported']}")
            for name, ms in r["importtime"]:
                print(f"  -X importtime, cumulative: {name}: {ms:.1f} ms")
        for note in r.get("notes", []):
            print(f"  {note}")
        for name, size in r.get("memory", {}).items():
            print(f"  {name}: {size / 2**20:.0f} MiB")
    if args.json:
        with open(args.json, "w") as fh:
            json.dump(results, fh, indent=2)


if __name__ == "__main__":
    main()

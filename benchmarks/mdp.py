"""Supra-MDPs: ``credal.mdp`` against the loops a user would write, and how its time grows.

Four parts, each result checked against its baseline before any time is printed:

1. A dense interval MDP (300 states, 4 actions, every successor possible; a Dirichlet
   distribution per pair widened to ``[p (1 - w), p (1 + w) + 1/1000]`` with ``w`` uniform
   in ``[0, 1/2]``), 50 discounted backups (discount 0.95). credal:
   ``SupraMDP.from_intervals(...).solve(horizon=50, discount=0.95)``; the baseline is the
   numpy loop a user would write (per step: sort ``V`` once, reorder the columns of the
   ``(S*A, S)`` gap matrix, greedy fill by cumulative sums, ``lower @ V + fill @ V_sorted``,
   the maximum over actions). The time of one ``solve`` is split into its backups and its
   fixed part (building the solution's dicts, among them the witness distributions of
   ``sol.kernel``): the backups are timed alone through ``credal.mdp`` internals, the
   fixed part is ``solve(horizon=1)`` less one backup; ``--profile`` prints where the time
   goes by cProfile.
2. H-form transition sets: 60 states, 3 actions, each ``T(s, a)`` the natural extension of
   6 random lower previsions (``G`` integers 0..9, ``c = G p0 - 1/2`` for a Dirichlet
   ``p0``), horizon 10: credal builds the model from fresh sets and solves it; the baseline
   is one ``scipy.optimize.linprog(method="highs")`` per state, action and step (the same
   backward induction). The backups alone (a fresh model, no solution dicts) are timed
   too.
3. How the time of one backup grows with the states, the actions and the successors per
   pair (interval models: every successor possible, given as ``(S, A, S)`` arrays, up to
   1000 states; ``k`` successors per pair given as ``scipy.sparse`` matrices up to 3000
   states), and the fixed part of a solve beside it.
4. Exact against float: a 30-state interval model with rational bounds (6 successors per
   pair), solved for the infinite discounted horizon (discount 9/10) and for reachability
   (state 0 before state 1, unbounded), exactly and as its float twin; the exact values are
   checked against the float ones.

Ratios are baseline time / credal time, from one run (higher is better for credal).
Run: ``python benchmarks/mdp.py`` (about two minutes; ``--quick`` for a smoke run,
``--profile`` for part 1's profile).
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import sys
import time
from collections.abc import Callable, Hashable, Mapping
from fractions import Fraction
from functools import partial
from pathlib import Path
from typing import Any

import numpy as np

import credal as cr

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import best_of  # noqa: E402


# --------------------------------------------------------------------------- models
def dense_intervals(S: int, A: int, seed: int = 0
                    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``(S, A, S)`` lower and upper bounds with every successor possible, ``(S, A)``
    rewards."""
    rng = np.random.default_rng(seed)
    p = rng.dirichlet(np.ones(S), size=(S, A))
    w = rng.uniform(0, 0.5, size=(S, A, S))
    lo = p * (1 - w)
    up = np.minimum(1.0, p * (1 + w) + 1e-3)
    return lo, up, rng.uniform(0, 1, size=(S, A))


def sparse_intervals(S: int, A: int, k: int, seed: int = 0) -> tuple[Any, Any, np.ndarray]:
    """``(S*A, S)`` CSR lower and upper bounds with ``k`` distinct successors per pair (a
    random start and random strides), ``(S, A)`` rewards."""
    import scipy.sparse as sp

    rng = np.random.default_rng(seed)
    P = S * A
    steps = rng.integers(1, max(2, (S - 1) // k + 1), size=(P, k))
    succ = (rng.integers(0, S, size=(P, 1)) + np.cumsum(steps, axis=1)) % S
    p = rng.dirichlet(np.ones(k), size=P)
    w = rng.uniform(0, 0.5, size=(P, k))
    rows = np.repeat(np.arange(P), k)
    lo = sp.csr_matrix(((p * (1 - w)).ravel(), (rows, succ.ravel())), shape=(P, S))
    up = sp.csr_matrix((np.minimum(1.0, p * (1 + w) + 1e-2).ravel(), (rows, succ.ravel())),
                       shape=(P, S))
    return lo, up, rng.uniform(0, 1, size=(S, A))


def interval_mdp(lo: Any, up: Any, R: np.ndarray) -> cr.mdp.SupraMDP:
    S, A = R.shape
    return cr.mdp.SupraMDP.from_intervals(lo, up, states=range(S), actions=range(A),
                                          rewards=R)


def values_of(sol: Any, S: int) -> np.ndarray:
    return np.array([sol.values[s] for s in range(S)], dtype=float)


# --------------------------------------------------------------------------- baselines
def numpy_backups(lo: np.ndarray, up: np.ndarray, R: np.ndarray, H: int,
                  gamma: float) -> np.ndarray:
    """The interval backup a user would vectorise by hand: ``H`` steps from ``V = 0``."""
    S, A = R.shape
    LO = lo.reshape(S * A, S)
    GAP = (up - lo).reshape(S * A, S)
    rem = 1 - LO.sum(axis=1)
    r = R.ravel()
    V = np.zeros(S)
    for _ in range(H):
        order = np.argsort(V)
        gap = GAP[:, order]
        below = np.cumsum(gap, axis=1) - gap
        fill = np.minimum(np.maximum(rem[:, None] - below, 0), gap)
        V = (r + gamma * (LO @ V + fill @ V[order])).reshape(S, A).max(axis=1)
    return V


def hform_data(S: int, A: int, seed: int = 0
               ) -> tuple[dict[tuple[int, int], tuple[np.ndarray, np.ndarray]], np.ndarray]:
    """Per pair ``(G, c)``: 6 lower previsions ``p·G[i] >= c[i]`` over the S states."""
    rng = np.random.default_rng(seed)
    data = {}
    for s in range(S):
        for a in range(A):
            G = rng.integers(0, 10, size=(6, S)).astype(float)
            c = G @ rng.dirichlet(np.ones(S)) - 0.5
            data[s, a] = (G, c)
    return data, rng.uniform(0, 1, size=(S, A))


def hform_sets(data: dict[tuple[int, int], tuple[np.ndarray, np.ndarray]], S: int, A: int
               ) -> dict[Hashable, Mapping[Hashable, cr.CredalSet]]:
    return {s: {a: cr.CredalSet.from_lower_previsions(list(zip(*data[s, a], strict=True)),
                                                      outcomes=range(S))
                for a in range(A)} for s in range(S)}


def linprog_backups(data: dict[tuple[int, int], tuple[np.ndarray, np.ndarray]],
                    R: np.ndarray, H: int) -> np.ndarray:
    """Backward induction with one linprog per state, action and step."""
    from scipy.optimize import linprog

    S, A = R.shape
    V = np.zeros(S)
    ones = np.ones((1, S))
    for _ in range(H):
        Q = np.empty((S, A))
        for s in range(S):
            for a in range(A):
                G, c = data[s, a]
                res = linprog(V, A_ub=-G, b_ub=-c, A_eq=ones, b_eq=[1.0], bounds=(0, None),
                              method="highs")
                assert res.status == 0, res.message
                Q[s, a] = R[s, a] + res.fun
        V = Q.max(axis=1)
    return V


# --------------------------------------------------------------------------- parts
def backups_only(M: cr.mdp.SupraMDP, H: int, gamma: float) -> np.ndarray:
    """``H`` backups of ``M`` as :meth:`~credal.mdp.SupraMDP.solve` runs them, without
    building the solution's dicts (reads ``credal.mdp`` internals: ``SupraMDP._game`` and
    ``_solve.backward_induction``)."""
    from credal.mdp import _solve

    game = M._game(True)
    values: np.ndarray = _solve.backward_induction(game, H, gamma, np.zeros(len(M.states)),
                                                   True).values
    return values


def kernel_read(solve: Callable[[], Any], repeat: int) -> tuple[float, int]:
    """Seconds to read every entry of ``sol.kernel`` (nature's distributions at the first
    decision) of a new ``solve()``, best of ``repeat``, and the number of entries: the time
    the solve left for the first access (if the entries are built on first access)."""
    best, n = float("inf"), 0
    for _ in range(repeat):
        sol = solve()
        t0 = time.perf_counter()
        n = sum(len(row) for row in sol.kernel.values())
        best = min(best, time.perf_counter() - t0)
    return best, n


def split(M: cr.mdp.SupraMDP, H: int, gamma: float, repeat: int) -> tuple[float, float]:
    """Seconds per backup (``H`` backups timed alone) and the fixed seconds of one solve
    (``solve(horizon=1)`` less one backup)."""
    t_b, _ = best_of(lambda: backups_only(M, H, gamma), repeat)
    t_1, _ = best_of(lambda: M.solve(horizon=1, discount=gamma), repeat)
    return t_b / H, max(t_1 - t_b / H, 0.0)


def part_dense(S: int, A: int, H: int, repeat: int, profile: bool) -> dict[str, Any]:
    gamma = 0.95
    lo, up, R = dense_intervals(S, A)
    interval_mdp(lo, up, R).solve(horizon=1, discount=gamma)  # imports, first-call setup
    t_np, ref = best_of(lambda: numpy_backups(lo, up, R, H, gamma), repeat)
    t_build, M = best_of(lambda: interval_mdp(lo, up, R), repeat)
    t_solve, sol = best_of(lambda: M.solve(horizon=H, discount=gamma), repeat)
    err = float(np.max(np.abs(values_of(sol, S) - ref)))
    assert err <= 1e-12 * max(1.0, float(np.max(np.abs(ref)))), f"values differ by {err:.2e}"
    per, fixed = split(M, H, gamma, repeat)
    assert np.array_equal(backups_only(M, H, gamma), values_of(sol, S))
    t_kernel, entries = kernel_read(lambda: M.solve(horizon=H, discount=gamma), repeat)
    out: dict[str, Any] = {
        "S": S, "A": A, "H": H, "numpy_s": t_np, "build_s": t_build, "solve_s": t_solve,
        "per_backup_s": per, "fixed_s": fixed, "kernel_s": t_kernel, "kernel_entries": entries}
    if profile:
        prof = cProfile.Profile()
        prof.enable()
        sum(len(row) for row in M.solve(horizon=H, discount=gamma).kernel.values())
        prof.disable()
        buf = io.StringIO()
        pstats.Stats(prof, stream=buf).sort_stats("tottime").print_stats(12)
        out["profile"] = buf.getvalue()
    return out


def part_hform(S: int, A: int, H: int, repeat: int) -> dict[str, Any]:
    data, R = hform_data(S, A)
    rewards = {s: {a: float(R[s, a]) for a in range(A)} for s in range(S)}
    import scipy.optimize  # noqa: F401  (the import is not timed)

    t_lp, ref = best_of(lambda: linprog_backups(data, R, H), 1)
    fresh = [hform_sets(data, S, A) for _ in range(2 * repeat + 1)]  # new: nothing cached

    def ours() -> Any:
        return cr.mdp.SupraMDP(fresh.pop(), rewards=rewards).solve(horizon=H)

    def backups() -> np.ndarray:
        return backups_only(cr.mdp.SupraMDP(fresh.pop(), rewards=rewards), H, 1.0)

    t_cr, sol = best_of(ours, repeat)
    t_b, values = best_of(backups, repeat)
    t_kernel, _ = kernel_read(ours, 1)
    err = float(np.max(np.abs(values_of(sol, S) - ref)))
    assert err <= 1e-7 * max(1.0, float(np.max(np.abs(ref)))), f"values differ by {err:.2e}"
    assert np.max(np.abs(values - ref)) <= 1e-7 * max(1.0, float(np.max(np.abs(ref))))
    return {"S": S, "A": A, "H": H, "linprog_s": t_lp, "credal_s": t_cr, "backups_s": t_b,
            "kernel_s": t_kernel, "lps": S * A * H, "err": err}


def part_scaling(cases: list[tuple[int, int, int | None]], budget: float, repeat: int
                 ) -> list[dict[str, Any]]:
    """Per case: seconds per backup (``H`` backups, ``H`` from 5 to 200 so that they take
    about ``budget`` seconds) and the fixed seconds of a solve."""
    rows = []
    for S, A, k in cases:
        if k is None:
            lo, up, R = dense_intervals(S, A, seed=1)
            nnz = S * A * S
        else:
            lo, up, R = sparse_intervals(S, A, k, seed=1)
            nnz = lo.nnz
        M = interval_mdp(lo, up, R)
        H = int(np.clip(budget / (nnz * 3e-8), 5, 200))
        t_np = None
        if k is None:  # the numpy loop as a check and a reference per backup
            t_np, ref = best_of(partial(numpy_backups, lo, up, R, H, 0.95), repeat)
            err = float(np.max(np.abs(backups_only(M, H, 0.95) - ref)))
            assert err <= 1e-12 * max(1.0, float(np.max(np.abs(ref)))), \
                f"values differ by {err:.2e} at S={S}, A={A}"
        per, fixed = split(M, H, 0.95, repeat)
        rows.append({"S": S, "A": A, "k": k, "nnz": nnz, "H": H, "per_backup_s": per,
                     "fixed_s": fixed, "numpy_per_backup_s": None if t_np is None else t_np / H})
    return rows


def exact_intervals(S: int, A: int, k: int, seed: int = 0
                    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Rational bounds ``[w/(2W), 3w/(2W)]`` on ``k`` successors per pair (integer weights
    ``w``, their sum ``W``) and integer rewards, as object arrays of Fractions."""
    rng = np.random.default_rng(seed)
    lo = np.full((S, A, S), Fraction(0), dtype=object)
    up = np.full((S, A, S), Fraction(0), dtype=object)
    for s in range(S):
        for a in range(A):
            succ = rng.choice(S, size=k, replace=False)
            w = rng.integers(1, 10, size=k)
            tot = int(w.sum())
            for j, wi in zip(succ, w, strict=True):
                lo[s, a, j] = Fraction(int(wi), 2 * tot)
                up[s, a, j] = min(Fraction(1), Fraction(3 * int(wi), 2 * tot))
    R = np.array(rng.integers(0, 10, size=(S, A)), dtype=object)
    return lo, up, R


def part_exact(S: int, A: int, k: int, repeat: int) -> list[dict[str, Any]]:
    lo, up, R = exact_intervals(S, A, k)
    exact = interval_mdp(lo, up, R)
    twin = interval_mdp(lo.astype(float), up.astype(float), R.astype(float))
    assert exact.is_exact and not twin.is_exact
    problems: tuple[tuple[str, Callable[[cr.mdp.SupraMDP], Any]], ...] = (
        ("discounted, infinite horizon (9/10)",
         lambda M: M.solve(discount=Fraction(9, 10) if M.is_exact else 0.9)),
        ("reachability, unbounded", lambda M: M.reachability({0}, avoid={1})),
    )
    rows = []
    for name, run in problems:
        t_ex, sol_ex = best_of(partial(run, exact), repeat)
        t_fl, sol_fl = best_of(partial(run, twin), repeat)
        assert all(isinstance(v, Fraction) for v in sol_ex.values.values())
        assert sol_ex.residual == 0
        err = float(np.max(np.abs(values_of(sol_ex, S) - values_of(sol_fl, S))))
        assert err <= 1e-9 * max(1.0, float(np.max(np.abs(values_of(sol_ex, S))))), \
            f"{name}: exact and float values differ by {err:.2e}"
        rows.append({"problem": name, "exact_s": t_ex, "float_s": t_fl, "err": err,
                     "exact_rounds": sol_ex.iterations, "float_iterations": sol_fl.iterations})
    return rows


# --------------------------------------------------------------------------- main
def ms(t: float) -> str:
    return f"{1e3 * t:8.2f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smaller sizes, a smoke run")
    parser.add_argument("--profile", action="store_true",
                        help="print cProfile's top functions of part 1's solve (and of "
                             "reading its sol.kernel)")
    args = parser.parse_args()
    q = args.quick
    repeat = 1 if q else 3
    print(f"credal {cr.__version__}")

    S, A, H = (100, 4, 20) if q else (300, 4, 50)
    r = part_dense(S, A, H, repeat, args.profile)
    print(f"\n1. Dense interval MDP, {S} states, {A} actions, {H} backups (discount 0.95); "
          f"values checked equal to the numpy loop's (1e-12). Target: x numpy >= 0.67")
    print(f"   {'numpy loop ms':>13} | {'credal solve ms':>15} | {'x numpy':>7} | "
          f"{'build ms':>8} | {'x numpy (build + solve)':>23}")
    print(f"   {ms(r['numpy_s']):>13} | {ms(r['solve_s']):>15} | "
          f"{r['numpy_s'] / r['solve_s']:7.2f} | {ms(r['build_s']):>8} | "
          f"{r['numpy_s'] / (r['build_s'] + r['solve_s']):23.2f}")
    print(f"   where credal's solve time goes: {H} backups {ms(H * r['per_backup_s']).strip()} "
          f"ms ({ms(r['per_backup_s']).strip()} ms each; the numpy loop "
          f"{ms(r['numpy_s'] / H).strip()} ms), the rest of the call "
          f"{ms(r['fixed_s']).strip()} ms (the solution's dicts); reading sol.kernel "
          f"({r['kernel_entries']:,} entries) afterwards {ms(r['kernel_s']).strip()} ms")
    if args.profile:
        print("   cProfile of a solve and the reading of its sol.kernel:")
        print(r["profile"].strip("\n"))

    S, A, H = (20, 3, 3) if q else (60, 3, 10)
    r = part_hform(S, A, H, repeat)
    print(f"\n2. H-form transition sets (6 lower previsions each), {S} states, {A} actions, "
          f"horizon {H}: {r['lps']} LPs; values checked equal (1e-7; max difference "
          f"{r['err']:.1e}). Target: x linprog >= 10")
    print(f"   {'linprog loop ms':>15} | {'credal ms (model + solve)':>25} | {'x linprog':>9} | "
          f"{'the backups alone ms':>20} | {'x linprog':>9}")
    print(f"   {ms(r['linprog_s']):>15} | {ms(r['credal_s']):>25} | "
          f"{r['linprog_s'] / r['credal_s']:9.2f} | {ms(r['backups_s']):>20} | "
          f"{r['linprog_s'] / r['backups_s']:9.2f}")
    print(f"   the rest of the solve call {ms(max(r['credal_s'] - r['backups_s'], 0.0)).strip()} "
          f"ms; reading sol.kernel afterwards (nature's distributions: one LP per pair) "
          f"{ms(r['kernel_s']).strip()} ms")

    if q:
        cases: list[tuple[int, int, int | None]] = [(100, 4, None), (300, 2, None),
                                                    (1000, 4, 10)]
        budget = 0.005
    else:
        cases = [(100, 4, None), (300, 4, None), (1000, 4, None),
                 (300, 2, None), (300, 8, None),
                 (300, 4, 10), (1000, 4, 10), (3000, 4, 10),
                 (3000, 4, 3), (3000, 4, 30), (3000, 2, 10), (3000, 8, 10)]
        budget = 0.2
    print("\n3. Interval models: time per backup (H backups timed alone) and the rest of a "
          "solve call (solve(horizon=1) less a backup); dense rows checked against the numpy "
          "loop")
    print(f"   {'states':>6} {'actions':>7} {'succ/pair':>9} {'entries':>10} {'H':>4} | "
          f"{'ms/backup':>9} {'ns/entry':>8} | {'numpy ms/backup':>15} | {'rest of call ms':>15}")
    for row in part_scaling(cases, budget, repeat):
        succ = "all" if row["k"] is None else str(row["k"])
        npb = "" if row["numpy_per_backup_s"] is None else ms(row["numpy_per_backup_s"])
        print(f"   {row['S']:>6} {row['A']:>7} {succ:>9} {row['nnz']:>10,} {row['H']:>4} | "
              f"{ms(row['per_backup_s']):>9} {1e9 * row['per_backup_s'] / row['nnz']:8.1f} | "
              f"{npb:>15} | {ms(row['fixed_s']):>15}")

    S, A, k = (12, 2, 4) if q else (30, 3, 6)
    print(f"\n4. Exact against its float twin: interval model, {S} states, {A} actions, "
          f"{k} successors per pair (exact values checked against the float ones, 1e-9)")
    print(f"   {'problem':<37} | {'exact ms':>8} | {'float ms':>8} | {'exact/float':>11} | "
          f"{'exact rounds':>12} | {'float iterations':>16}")
    for row in part_exact(S, A, k, repeat):
        print(f"   {row['problem']:<37} | {ms(row['exact_s'])} | {ms(row['float_s'])} | "
              f"{row['exact_s'] / row['float_s']:11.1f} | {row['exact_rounds']:12} | "
              f"{row['float_iterations']:16}")


if __name__ == "__main__":
    main()

"""H-form lower-expectation batches at every size, against the loops a user would write.

The family: n outcomes, k = 2n random lower previsions ``p·g_i >= c_i`` (integer gambles
0..9, ``c = G p0 - 1/20`` for a random interior ``p0``, so the set is nonempty) plus
probability bounds ``p0/2 <= p <= min(1, 2 p0)``; N(0, 1) gambles. For each size this
prints, per LP:

* credal: ``cr.lower_expectation(S, F)`` on a fresh set (no cached model), with its default
  threads and with one thread;
* a hand-written highspy loop: one model, only the costs changed, re-solved warm with the
  primal simplex and with the dual simplex (the better of the two is the baseline);
* a ``scipy.optimize.linprog(method="highs")`` loop;
* the simplex pivots per LP of each HiGHS strategy (the numbers the backend's choice is
  based on).

Every result is checked against the linprog loop first. Run: ``python benchmarks/lp_batches.py``
(``--quick`` for a smoke run).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import numpy as np

import credal as cr
from credal.lp import get_backend

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import best_of  # noqa: E402

SIZES = ((10, 400), (50, 400), (200, 100))  # (outcomes, gambles per batch)


def family(n: int, seed: int = 0) -> tuple[cr.CredalSet, dict[str, np.ndarray]]:
    rng = np.random.default_rng(seed)
    k = 2 * n
    G = rng.integers(0, 10, size=(k, n)).astype(float)
    p0 = rng.integers(1, 10, size=n).astype(float)
    p0 /= p0.sum()
    c = G @ p0 - 1 / 20
    lo, up = p0 / 2, np.minimum(1.0, 2 * p0)
    S = cr.intersection(cr.CredalSet.from_lower_previsions(list(zip(G, c, strict=True))),
                        cr.CredalSet.from_bounds(lo, up))
    return S, {"G": G, "c": c, "lo": lo, "up": up}


def gambles(n: int, m: int, seed: int = 1) -> np.ndarray:
    return np.random.default_rng(seed).standard_normal((m, n))


def highspy_model(d: dict[str, np.ndarray], options: dict[str, Any]) -> Any:
    """The one model a user would build: rows G p >= c and sum p = 1, bounds on p."""
    import highspy

    G, c = d["G"], d["c"]
    k, n = G.shape
    h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    for key, value in options.items():
        h.setOptionValue(key, value)
    inf = highspy.kHighsInf
    h.addVars(n, d["lo"], d["up"])
    A = np.vstack([G, np.ones((1, n))])
    lower = np.concatenate([c, [1.0]])
    upper = np.concatenate([np.full(k, inf), [1.0]])
    starts = np.arange(0, A.size, n, dtype=np.int32)
    idx = np.tile(np.arange(n, dtype=np.int32), k + 1)
    h.addRows(k + 1, lower, upper, A.size, starts, idx, A.ravel())
    return h


def highspy_loop(d: dict[str, np.ndarray], F: np.ndarray, strategy: int
                 ) -> tuple[np.ndarray, float]:
    """One model, the costs changed, re-solved warm; values and simplex pivots per LP."""
    import highspy

    n = F.shape[1]
    h = highspy_model(d, {"presolve": "off", "simplex_strategy": strategy})
    idx = np.arange(n, dtype=np.int32)
    out, pivots = np.empty(len(F)), 0
    for i, f in enumerate(F):
        h.changeColsCost(n, idx, f)
        h.run()
        assert h.getModelStatus() == highspy.HighsModelStatus.kOptimal
        pivots += h.getInfo().simplex_iteration_count
        out[i] = h.getObjectiveValue()
    return out, pivots / len(F)


def linprog_loop(d: dict[str, np.ndarray], F: np.ndarray) -> np.ndarray:
    from scipy.optimize import linprog

    n = F.shape[1]
    bounds = list(zip(d["lo"], d["up"], strict=True))
    out = np.empty(len(F))
    for i, f in enumerate(F):
        r = linprog(f, A_ub=-d["G"], b_ub=-d["c"], A_eq=np.ones((1, n)), b_eq=[1.0],
                    bounds=bounds, method="highs")
        assert r.status == 0
        out[i] = r.fun
    return out


def cold_presolve_pivots(d: dict[str, np.ndarray], F: np.ndarray) -> float:
    """Pivots per LP of a cold dual simplex with presolve (what linprog runs)."""
    n = F.shape[1]
    pivots = 0
    for f in F:
        h = highspy_model(d, {"presolve": "on"})
        h.changeColsCost(n, np.arange(n, dtype=np.int32), f)
        h.run()
        pivots += h.getInfo().simplex_iteration_count
    return pivots / len(F)


def credal_pivots(S: cr.CredalSet, F: np.ndarray) -> tuple[str, float]:
    """The strategy credal's backend picks for this set, and its pivots per LP (the same
    choice re-run on one thread with the pivots counted)."""
    import highspy

    from credal.lp.highs import BASIS_POOL, HighsBackend, uses_dual_form
    from credal.sets._lp import region_lp

    form = S.representation
    region = form.region()
    assert region is not None
    lp = region_lp(form, region)
    backend = HighsBackend(threads=1)
    n = lp.n_variables
    idx = np.arange(n, dtype=np.int32)
    dual = uses_dual_form(lp)
    if dual:
        h, dz = backend._dual_model(lp)
    else:
        h = backend._model(lp)
        h.setOptionValue("simplex_strategy", 4)
    pool_x: list[np.ndarray] = []
    pool_b: list[Any] = []
    pivots = 0
    G = (F - F.min(axis=1, keepdims=True)) / np.ptp(F, axis=1, keepdims=True)
    for f in G:
        if dual:
            lo, up, _ = dz.row_bounds(f)
            h.changeRowsBounds(n, idx, lo, up)
        else:
            h.changeColsCost(n, idx, f)
        if len(pool_x) > 1:
            h.setBasis(pool_b[int(np.argmin(np.array(pool_x) @ f))])
        h.run()
        assert h.getModelStatus() == highspy.HighsModelStatus.kOptimal
        pivots += h.getInfo().simplex_iteration_count
        sol = h.getSolution()
        x = dz.primal_point(-np.asarray(sol.row_dual)) if dual else np.asarray(sol.col_value)
        pool_x = [*pool_x, x][-BASIS_POOL:]
        pool_b = [*pool_b, h.getBasis()][-BASIS_POOL:]
    return ("dual form, dual simplex" if dual else "primal, primal simplex"), pivots / len(F)


def case(n: int, m: int, repeat: int) -> dict[str, Any]:
    S, d = family(n)
    F = gambles(n, m)
    m_lp = min(m, 40)
    linprog_loop(d, F[:1])  # scipy's first call imports and sets up
    t_lp, ref = best_of(lambda: linprog_loop(d, F[:m_lp]), 1)
    t_lp /= m_lp
    fresh = [family(n)[0] for _ in range(2 * repeat)]  # built outside the timing

    def ours() -> np.ndarray:  # a new set each time: no model cached from the last run
        return np.asarray(cr.lower_expectation(fresh.pop(), F))

    backend = get_backend("highs")
    saved = backend.threads  # type: ignore[attr-defined]
    t_ours, got = best_of(ours, repeat)
    backend.threads = 1  # type: ignore[attr-defined]
    try:
        t_one, got1 = best_of(ours, repeat)
    finally:
        backend.threads = saved  # type: ignore[attr-defined]
    t_prim, (v_prim, piv_prim) = best_of(lambda: highspy_loop(d, F, 4), repeat)
    t_dual, (v_dual, piv_dual) = best_of(lambda: highspy_loop(d, F, 1), repeat)
    scale = np.ptp(F, axis=1)[:m_lp]
    for name, v in (("credal", got), ("credal 1 thread", got1), ("highspy primal", v_prim),
                    ("highspy dual", v_dual)):
        err = float(np.max(np.abs(np.asarray(v, dtype=float)[:m_lp] - ref) / scale))
        assert err < 1e-7, f"{name} disagrees with linprog by {err:.2e} at n={n}"
    t_ours, t_one, t_prim, t_dual = t_ours / m, t_one / m, t_prim / m, t_dual / m
    t_hs = min(t_prim, t_dual)
    strategy, piv_ours = credal_pivots(S, F)
    return {
        "n": n, "k": 2 * n, "gambles": m, "credal_ms": 1e3 * t_ours,
        "credal_1thread_ms": 1e3 * t_one, "highspy_primal_ms": 1e3 * t_prim,
        "highspy_dual_ms": 1e3 * t_dual, "linprog_ms": 1e3 * t_lp,
        "vs_highspy": t_hs / t_ours, "vs_highspy_1thread": t_hs / t_one,
        "vs_linprog": t_lp / t_ours, "vs_linprog_1thread": t_lp / t_one,
        "strategy": strategy, "pivots_credal": piv_ours, "pivots_highspy_primal": piv_prim,
        "pivots_highspy_dual": piv_dual,
        "pivots_cold_presolve": cold_presolve_pivots(d, F[: min(m, 20)]),
    }


def main() -> None:
    quick = "--quick" in sys.argv
    sizes = ((10, 50), (50, 50), (100, 20)) if quick else SIZES
    repeat = 1 if quick else 3
    print(f"credal {cr.__version__}, threads {get_backend('highs').threads}")  # type: ignore[attr-defined]
    print("n    k    gambles | credal ms/LP (1 thread) | highspy primal / dual | linprog | "
          "x highspy (1 thread) | x linprog (1 thread) | pivots: credal / primal / dual / "
          "cold+presolve")
    for n, m in sizes:
        r = case(n, m, repeat)
        print(f"{r['n']:<4} {r['k']:<4} {r['gambles']:<7} | {r['credal_ms']:8.3f} "
              f"({r['credal_1thread_ms']:.3f}) | {r['highspy_primal_ms']:.3f} / "
              f"{r['highspy_dual_ms']:.3f} | {r['linprog_ms']:.3f} | "
              f"{r['vs_highspy']:.2f} ({r['vs_highspy_1thread']:.2f}) | "
              f"{r['vs_linprog']:.1f} ({r['vs_linprog_1thread']:.1f}) | "
              f"{r['pivots_credal']:.0f} / {r['pivots_highspy_primal']:.0f} / "
              f"{r['pivots_highspy_dual']:.0f} / {r['pivots_cold_presolve']:.0f}  "
              f"[{r['strategy']}]", flush=True)


if __name__ == "__main__":
    main()

"""E-admissibility on its own against the naive check a user would write: one feasibility LP
per act, "is there p in S with p·(f_d − f_e) >= 0 for every other act e?".

Run with ``python benchmarks/e_admissibility.py [--quick]``. Not part of the test suite.
Two families of acts, each over an H-form set (a natural extension of random lower
previsions, as in ``run.py``) and over a V-form set (random points):

* random acts: N(0, 1) payoffs;
* mixtures: each act a random convex combination of 3 to 5 of a few base acts (many acts
  nearly tied, so the pairwise comparisons of maximality settle little).

Baselines, timed in the same run on the same data: a ``scipy.optimize.linprog(method=
"highs")`` loop (one program per act) and a one-model ``highspy`` loop (the set's rows built
once; each act adds its rows, solves, and deletes them). Every answer is checked equal to
credal's first; the ratio is baseline time / credal time (higher is better for credal).
Credal's time includes building the set (no caches carried between runs). One exact case
(rational payoffs and set) is timed against credal's float path on the same problem.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from fractions import Fraction
from typing import Any

import numpy as np

# benchmarks/ is on sys.path when this file is run as a script
from run import best_of, hform_set

import credal as cr

Region = dict[str, np.ndarray]  # {"G", "c"} for G p >= c, or {"V"} for the hull of V


def random_acts(m: int, n: int, seed: int) -> np.ndarray:
    return np.random.default_rng(seed).normal(size=(m, n))


def mixture_acts(m: int, n: int, seed: int, n_base: int = 8) -> np.ndarray:
    """Each act a random convex combination (Dirichlet weights) of 3 to 5 of ``n_base``
    N(0, 1) base acts."""
    rng = np.random.default_rng(seed)
    base = rng.normal(size=(n_base, n))
    out = np.empty((m, n))
    for i in range(m):
        idx = rng.choice(n_base, size=int(rng.integers(3, 6)), replace=False)
        out[i] = rng.dirichlet(np.ones(len(idx))) @ base[idx]
    return out


def vform_points(n: int, k: int, seed: int) -> np.ndarray:
    return np.random.default_rng(seed).dirichlet(np.ones(n), size=k)


def make_set(region: Region) -> cr.CredalSet:
    if "V" in region:
        return cr.CredalSet.from_vertices(region["V"])
    return cr.CredalSet.from_lower_previsions(list(zip(region["G"], region["c"], strict=True)))


def rows_and_bounds(F: np.ndarray, region: Region) -> tuple[np.ndarray, np.ndarray, np.ndarray,
                                                             np.ndarray]:
    """The naive program's data: the variables are p (H-form) or the weights on the points
    (V-form); returns the acts' payoffs over the variables, and the set's rows
    ``A x >= b`` (empty for the V-form, whose only row is the sum)."""
    if "V" in region:
        V = region["V"]
        return F @ V.T, np.zeros((0, V.shape[0])), np.zeros(0), V
    return F, region["G"], region["c"], np.eye(F.shape[1])


def linprog_loop(F: np.ndarray, region: Region) -> list[str]:
    """One ``linprog`` feasibility program per act."""
    from scipy.optimize import linprog

    W, A, b, _ = rows_and_bounds(F, region)
    m, k = W.shape
    out = []
    for d in range(m):
        D = np.delete(W, d, axis=0) - W[d]  # (f_e − f_d)·x <= 0
        res = linprog(np.zeros(k), A_ub=np.vstack([-A, D]), b_ub=np.r_[-b, np.zeros(m - 1)],
                      A_eq=np.ones((1, k)), b_eq=[1.0], bounds=[(0, None)] * k,
                      method="highs")
        if res.status == 0:
            out.append(f"d{d}")
    return out


def highspy_loop(F: np.ndarray, region: Region) -> list[str]:
    """One highspy model: the set's rows once; per act, add its m − 1 rows, solve, delete."""
    import highspy

    W, A, b, _ = rows_and_bounds(F, region)
    m, k = W.shape
    h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    inf = highspy.kHighsInf
    h.addVars(k, np.zeros(k), np.full(k, inf))
    idx = np.arange(k, dtype=np.int32)
    for row, bi in zip(A, b, strict=True):
        h.addRow(float(bi), inf, k, idx, row)
    h.addRow(1.0, 1.0, k, idx, np.ones(k))
    first = h.getNumRow()
    starts = np.arange(0, (m - 1) * k, k, dtype=np.int32)
    added = np.arange(first, first + m - 1, dtype=np.int32)
    out = []
    for d in range(m):
        D = np.delete(W, d, axis=0) - W[d]
        h.addRows(m - 1, np.full(m - 1, -inf), np.zeros(m - 1), (m - 1) * k, starts,
                  np.tile(idx, m - 1), D.reshape(-1))
        h.run()
        if h.getModelStatus() == highspy.HighsModelStatus.kOptimal:
            out.append(f"d{d}")
        h.deleteRows(m - 1, added)
    return out


def case_float(family: str, F: np.ndarray, region: Region, form: str,
               repeat: int) -> dict[str, Any]:
    acts = {f"d{i}": F[i] for i in range(F.shape[0])}
    t_credal, ours = best_of(lambda: cr.e_admissibility(acts, make_set(region)), repeat)
    t_linprog, by_linprog = best_of(lambda: linprog_loop(F, region), repeat)
    t_highs, by_highs = best_of(lambda: highspy_loop(F, region), repeat)
    assert by_linprog == ours, (family, form, by_linprog, ours)
    assert by_highs == ours, (family, form, by_highs, ours)
    m, n = F.shape
    return {
        "case": f"{family} acts ({m} acts, {n} outcomes), {form}: {len(ours)} E-admissible",
        "credal_s": t_credal,
        "baselines": {"scipy linprog loop (one program per act)": t_linprog,
                      "highspy one-model loop (rows added and deleted per act)": t_highs},
    }


def case_exact(F: np.ndarray, n: int, m_constraints: int, seed: int) -> dict[str, Any]:
    """The random family with payoffs rounded to thousandths, over an exact H-form set:
    exact answers against credal's float path on the float image of the same problem."""
    exact = {f"d{i}": [Fraction(round(x * 1000), 1000) for x in F[i]] for i in range(len(F))}
    floats = {d: [float(x) for x in f] for d, f in exact.items()}

    def on(acts: dict[str, Any], exact_set: bool) -> Callable[[], list[Any]]:
        def run() -> list[Any]:
            S, _, _ = hform_set(n, m_constraints, seed, exact=exact_set)
            return cr.e_admissibility(acts, S)
        return run

    t_exact, ours = best_of(on(exact, True), 1)
    t_float, theirs = best_of(on(floats, False), 3)
    assert ours == theirs, (ours, theirs)
    return {
        "case": f"exact: random acts in thousandths ({len(F)} acts, {n} outcomes), exact "
                f"H-form set: {len(ours)} E-admissible",
        "credal_s": t_exact,
        "baselines": {"credal's float path on the same problem": t_float},
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="smaller sizes, for a smoke run")
    args = parser.parse_args()
    m = 20 if args.quick else 50
    n, m_constraints, seed = 30, 20, 9
    repeat = 1 if args.quick else 3
    _, G, c = hform_set(n, m_constraints, seed)
    regions = {f"H-form set ({m_constraints} lower previsions)": {"G": G, "c": c},
               "V-form set (20 random points)": {"V": vform_points(n, 20, seed)}}
    families = {"random": random_acts(m, n, 10), "mixture": mixture_acts(m, n, 11)}
    results = [case_float(family, F, region, form, repeat)
               for family, F in families.items() for form, region in regions.items()]
    results.append(case_exact(families["random"], n, m_constraints, seed))
    for r in results:
        print(f"\n{r['case']}: credal {r['credal_s'] * 1e3:.1f} ms")
        for name, t in r["baselines"].items():
            print(f"  {name}: {t * 1e3:.1f} ms  -> ratio {t / r['credal_s']:.2f}")


if __name__ == "__main__":
    main()

"""Hausdorff distances between two H-form sets: credal against Qhull plus an LP loop.

Run with ``python benchmarks/hausdorff.py [--quick]``. Not part of the test suite.

The sets: the simplex over ``n`` outcomes cut by two random planes (the family of
``benchmarks/vertices.py``), two seeds, at n = 10, 20 and 30. The baseline is what a user
would write without credal: the vertices of each set by scipy's Qhull
(``HalfspaceIntersection``), then one ``scipy.optimize.linprog`` per vertex for its
total-variation distance to the other set (``min (1/2) sum t`` over ``q`` in the other set
with ``-t <= p - q <= t``), and the largest. credal: ``cr.hausdorff_distance(S, T)`` on
fresh sets (vertices not cached), float, and for the exact sets (the floats' exact binary
values) ``cr.hausdorff_distance`` in rationals. The values are checked equal first; the
ratio printed is ``baseline_time / credal_time``.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

import credal as cr

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import best_of  # noqa: E402
from vertices import scipy_qhull, simplex_with_cuts  # noqa: E402


def tv_distance_lp(p: np.ndarray, A: np.ndarray, b: np.ndarray) -> float:
    from scipy.optimize import linprog

    n = p.shape[0]
    eye = np.eye(n)
    c = np.concatenate([np.zeros(n), np.full(n, 0.5)])
    A_ub = np.block([[eye, -eye], [-eye, -eye], [A, np.zeros_like(A)]])
    b_ub = np.concatenate([p, -p, b])
    A_eq = np.concatenate([np.ones(n), np.zeros(n)])[None, :]
    r = linprog(c, A_ub=A_ub, b_ub=b_ub, A_eq=A_eq, b_eq=[1.0], bounds=(0, None),
                method="highs")
    assert r.status == 0
    return float(r.fun)


def baseline(S: tuple[np.ndarray, np.ndarray], T: tuple[np.ndarray, np.ndarray]
             ) -> tuple[float, int]:
    VS, VT = scipy_qhull(*S), scipy_qhull(*T)
    d = max(max(tv_distance_lp(p, *T) for p in VS), max(tv_distance_lp(q, *S) for q in VT))
    return d, len(VS) + len(VT)


def case(n: int, quick: bool) -> str:
    S, T = simplex_with_cuts(n, 1), simplex_with_cuts(n, 2)

    def ours(exact: bool = False) -> float:
        a = cr.CredalSet.from_constraints(*S)
        b = cr.CredalSet.from_constraints(*T)
        if exact:
            a, b = a.to_exact(), b.to_exact()
        return cr.hausdorff_distance(a, b)

    t_base, (d_base, k) = best_of(lambda: baseline(S, T), 1)
    t_ours, d_ours = best_of(ours, 1 if quick else 3)
    assert abs(d_ours - d_base) <= 1e-8, (d_ours, d_base)
    t_exact, d_exact = best_of(lambda: ours(True), 1)
    assert abs(float(d_exact) - d_base) <= 1e-8, (d_exact, d_base)
    return (f"{n:<3} {k:<8} | {t_base:8.2f} | {t_ours:8.3f} ({t_base / t_ours:.1f}) | "
            f"{t_exact:8.2f} ({t_base / t_exact:.2f})")


def main() -> None:
    quick = "--quick" in sys.argv
    print("n   vertices | qhull + linprog loop s | credal float s (ratio) | credal exact s "
          "(ratio to the float baseline)")
    for n in (10, 15) if quick else (10, 20, 30):
        print(case(n, quick), flush=True)


if __name__ == "__main__":
    main()

"""Float vertex enumeration: credal against plain scipy Qhull, as ratios in one run.

Run with ``python benchmarks/vertices.py [--quick] [--dd] [--crossover]``. Not part of the
test suite. Two families of H-form sets:

* the simplex over ``n`` outcomes cut by 2 random planes ``a . p <= a . centre + 1/10``
  (``a`` integer in ``[-9, 9]``, ``centre`` uniform on the simplex), ``n`` = 10 .. 30;
* the natural extension of 20 random lower previsions over 10 outcomes
  (:func:`run.hform_set`, the family of ``benchmarks/run.py``).

For each set it times (best of a few) credal's ``float_vertices`` on the set's rows, and
``CredalSet.from_constraints(...).vertices`` end to end (a new set each time, so nothing is
cached), against scipy's ``HalfspaceIntersection`` written the way a user would: ``sum(p) =
1`` parametrised by ``scipy.linalg.null_space``, the Chebyshev centre by
``scipy.optimize.linprog``, the intersections mapped back. The vertex sets are checked
equal first; the ratio printed is ``qhull_time / credal_time`` (1 = as fast as plain Qhull;
the aim is at least 0.1).

``--dd`` adds credal's double description (the path ``float_vertices`` used before Qhull:
two float runs, timed once); ``--crossover`` times
``float_vertices`` with and without Qhull for n = 3 .. 10, the measurement behind
``credal._polyhedra.points.QHULL_FROM``.

An exact column (the exact certification of the float vertices) can be added by passing an
``exact`` function to :func:`measure` (see ``EXACT_PATH`` below).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

import credal as cr
from credal._core.arith import FLOAT, unit_rows
from credal._polyhedra import points
from credal._polyhedra.vertex_enumeration import enumerate_vertices

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import best_of, hform_set  # noqa: E402


def exact_vertices(A_ub: np.ndarray, b_ub: np.ndarray) -> np.ndarray:
    """The exact column: a new exact set of the rows' exact binary values, then its vertices
    (float vertices from Qhull, certified and completed in exact arithmetic)."""
    from credal._core.numbers import to_exact

    S = cr.CredalSet.from_constraints(A_ub=to_exact(A_ub), b_ub=to_exact(b_ub))
    V: np.ndarray = S.vertices
    return V


#: The exact column: ``EXACT_PATH(A_ub, b_ub)`` -> vertices (an object array of Fraction),
#: timed beside the float paths; None: no exact column.
EXACT_PATH: Callable[[np.ndarray, np.ndarray], np.ndarray] | None = exact_vertices


def simplex_with_cuts(n: int, seed: int, cuts: int = 2) -> tuple[np.ndarray, np.ndarray]:
    """``cuts`` planes ``a . p <= a . centre + 1/10``, ``a`` integer in [-9, 9]."""
    rng = np.random.default_rng(seed)
    centre = rng.dirichlet(np.ones(n))
    A = rng.integers(-9, 10, size=(cuts, n)).astype(float)
    return A, A @ centre + 0.1


def scipy_qhull(A_ub: np.ndarray, b_ub: np.ndarray) -> np.ndarray:
    """The vertices of {p >= 0, sum p = 1, A_ub p <= b_ub}, the way a scipy user would."""
    from scipy.linalg import null_space
    from scipy.optimize import linprog
    from scipy.spatial import HalfspaceIntersection

    n = A_ub.shape[1]
    G = np.vstack([A_ub, -np.eye(n)])
    h = np.concatenate([b_ub, np.zeros(n)])
    N = null_space(np.ones((1, n)))
    p0 = np.full(n, 1.0 / n)
    Gz, hz = G @ N, h - G @ p0
    norm = np.linalg.norm(Gz, axis=1)
    c = np.zeros(n)
    c[-1] = -1.0
    res = linprog(c, A_ub=np.hstack([Gz, norm[:, None]]), b_ub=hz,
                  bounds=[(None, None)] * (n - 1) + [(0, None)], method="highs")
    hs = HalfspaceIntersection(np.hstack([Gz, -hz[:, None]]), res.x[:-1])
    out: np.ndarray = p0 + hs.intersections @ N.T
    return out


def same_vertices(X: np.ndarray, Y: np.ndarray, tol: float = 1e-8) -> bool:
    """The same points up to ``tol`` (max-norm), duplicates within ``tol`` counted once."""
    from scipy.spatial import cKDTree

    X = points.sort_rows(np.asarray(X, dtype=float), FLOAT)
    Y = points.sort_rows(np.asarray(Y, dtype=float), FLOAT)
    if X.shape != Y.shape:
        return False
    for P, Q in ((X, Y), (Y, X)):
        d, _ = cKDTree(Q).query(P, p=np.inf)
        if not (d <= tol).all():
            return False
    return True


def float_vertices(A_ub: np.ndarray, b_ub: np.ndarray) -> np.ndarray:
    n = A_ub.shape[1]
    A, b = unit_rows(A_ub, b_ub)
    return points.float_vertices(A, b, np.zeros((0, n)), np.zeros(0), np.zeros(n), np.ones(n))


def double_description(A_ub: np.ndarray, b_ub: np.ndarray) -> np.ndarray:
    """credal's float path before Qhull: two double description runs, compared."""
    n = A_ub.shape[1]
    A, b = unit_rows(A_ub, b_ub)
    args = (A, b, np.zeros((0, n)), np.zeros(0), np.zeros(n), np.ones(n))
    V = enumerate_vertices(*args, ar=FLOAT, atol=points.DEFAULT_ATOL)
    enumerate_vertices(*args, ar=FLOAT, atol=points.CHECK_ATOL)
    return V


def end_to_end(A_ub: np.ndarray, b_ub: np.ndarray) -> np.ndarray:
    """A new float set (so nothing is cached), then its vertices."""
    V: np.ndarray = cr.CredalSet.from_constraints(A_ub=A_ub, b_ub=b_ub).vertices
    return V


def measure(name: str, A_ub: np.ndarray, b_ub: np.ndarray, repeat: int, dd: bool,
            exact: Callable[[np.ndarray, np.ndarray], np.ndarray] | None = None
            ) -> dict[str, Any]:
    t_qhull, Q = best_of(lambda: scipy_qhull(A_ub, b_ub), repeat)
    t_ours, V = best_of(lambda: float_vertices(A_ub, b_ub), repeat)
    t_e2e, W = best_of(lambda: end_to_end(A_ub, b_ub), repeat)
    assert same_vertices(V, Q), f"{name}: credal and scipy qhull disagree"
    assert same_vertices(W, Q), f"{name}: CredalSet.vertices and scipy qhull disagree"
    row: dict[str, Any] = {"case": name, "vertices": V.shape[0], "qhull_s": t_qhull,
                           "float_vertices_s": t_ours, "end_to_end_s": t_e2e}
    if dd:
        t_dd, D = best_of(lambda: double_description(A_ub, b_ub), 1)
        assert same_vertices(D, Q), f"{name}: the double description disagrees"
        row["dd_s"] = t_dd
    if exact is not None:
        t_ex, X = best_of(lambda: exact(A_ub, b_ub), min(repeat, 3))
        assert same_vertices(np.asarray(X, dtype=float), Q), f"{name}: exact disagrees"
        row["exact_s"] = t_ex
    return row


def crossover(repeat: int) -> None:
    """float_vertices with Qhull first against the double description alone, small n."""
    print("\nfloat_vertices, Qhull first against the double description only (ms):")
    print(f"{'n':>3} {'family':<28} {'vertices':>8} {'DD':>8} {'Qhull':>8}  DD/Qhull")
    saved = points.QHULL_FROM
    try:
        for n in range(3, 11):
            sets = [("simplex, 2 cuts", *simplex_with_cuts(n, seed=n)),
                    (f"{n} lower previsions", *hform_arrays(n, n, seed=n))]
            for label, A, b in sets:
                points.QHULL_FROM = 10**9
                t_dd, V = best_of(lambda A=A, b=b: float_vertices(A, b), repeat)
                points.QHULL_FROM = 0
                t_q, W = best_of(lambda A=A, b=b: float_vertices(A, b), repeat)
                assert same_vertices(V, W)
                print(f"{n:>3} {label:<28} {V.shape[0]:>8} {t_dd * 1e3:>8.2f} "
                      f"{t_q * 1e3:>8.2f}  {t_dd / t_q:.2f}")
    finally:
        points.QHULL_FROM = saved


def hform_arrays(n: int, m: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """:func:`run.hform_set`'s rows as ``A_ub p <= b_ub`` (its set has ``G p >= c``)."""
    _, G, c = hform_set(n, m, seed)
    return -np.asarray(G, dtype=float), -np.asarray(c, dtype=float)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="sizes up to 20, one run each")
    parser.add_argument("--dd", action="store_true",
                        help="also time the double description (credal's float path before "
                             "Qhull)")
    parser.add_argument("--crossover", action="store_true",
                        help="time float_vertices with and without Qhull for n = 3..10")
    args = parser.parse_args()
    repeat = 1 if args.quick else 5
    sizes = (10, 15, 20) if args.quick else (10, 15, 20, 25, 30)
    cases = [(f"simplex, 2 cuts, n={n}", *simplex_with_cuts(n, seed=n)) for n in sizes]
    cases.append(("hform_set(10, 20, seed=1)", *hform_arrays(10, 20, seed=1)))
    # warm up the imports (scipy.spatial, highspy) outside the timings
    measure("warm-up", *simplex_with_cuts(5, seed=0), repeat=1, dd=False)
    rows = []
    for name, A, b in cases:
        rows.append(measure(name, A, b, repeat, args.dd, EXACT_PATH))
    head = (f"{'case':<28} {'vertices':>8} {'qhull ms':>9} {'credal ms':>10} {'ratio':>6} "
            f"{'set.vertices ms':>16} {'ratio':>6}")
    extra = [k for k in ("dd_s", "exact_s") if any(k in r for r in rows)]
    print(head + "".join(f" {k[:-2] + ' ms':>10}" for k in extra)
          + (f" {'ratio':>6}" if "exact_s" in extra else ""))
    for r in rows:
        line = (f"{r['case']:<28} {r['vertices']:>8} {r['qhull_s'] * 1e3:>9.2f} "
                f"{r['float_vertices_s'] * 1e3:>10.2f} "
                f"{r['qhull_s'] / r['float_vertices_s']:>6.2f} "
                f"{r['end_to_end_s'] * 1e3:>16.2f} {r['qhull_s'] / r['end_to_end_s']:>6.2f}")
        for k in extra:
            line += f" {r[k] * 1e3:>10.1f}" if k in r else f" {'-':>10}"
        if "exact_s" in r:
            line += f" {r['qhull_s'] / r['exact_s']:>6.3f}"
        print(line)
    print("ratio = scipy qhull time / credal time (1: as fast as plain Qhull; aim >= 0.1 in "
          "floats); the last column is qhull time / exact time (aim >= 0.02)")
    if args.crossover:
        crossover(repeat)


if __name__ == "__main__":
    main()


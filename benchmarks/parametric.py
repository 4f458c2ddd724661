"""Exact one-parameter analysis (``credal.parametric``) against the grid sweeps users write
today, in one run.

Cases (each parametric answer is checked against the pointwise exact answer at every grid
point before any time is printed):

1. TV ball around (1/2, 1/3, 1/6), ``f = (0, 1, 2)``, radius in [0, 1]
   (``lower_expectation``: 3 pieces, breakpoints 1/6 and 1/2).
2. Counterfactual mugging as a DDT family, lower probability of heads ``h`` in [0, 1]
   (``ddt``: threshold 1/101).
3. Five acts over four outcomes, maximality on a contamination family, epsilon in [0, 1]
   (``decisions``: 20 parametric programs).
4. An irrational breakpoint: Γ-maximin with a lower bound ``t**2`` (``sqrt(2)/2``).

Baselines: a grid of 1,001 points with the float pointwise call (what a user plots), and
101 points with the exact pointwise call. A grid only brackets a breakpoint to within its
spacing (1/1000); the parametric answer has it exactly. The grid's time to reach the same
accuracy as bisection is not counted: only a plain sweep.

Run: ``python benchmarks/parametric.py`` (about a minute; ``--quick``: fewer points).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from collections.abc import Callable
from fractions import Fraction
from pathlib import Path
from typing import Any

import credal as cr

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import best_of  # noqa: E402

HEADS, TAILS = "heads", "tails"
WORLD = [(HEADS, "rewarded"), (HEADS, "not"), (TAILS, "pays"), (TAILS, "refuses")]
UTILITY = {WORLD[0]: 10_000, WORLD[2]: -100}


def omega(h: Any) -> dict[str, cr.CredalSet]:
    on_heads = {"pay": WORLD[0], "refuse": WORLD[1]}
    on_tails = {"pay": WORLD[2], "refuse": WORLD[3]}

    def point(pi: str, p: Any) -> dict[Any, Any]:
        d: dict[Any, Any] = dict.fromkeys(WORLD, 0)
        d[on_heads[pi]], d[on_tails[pi]] = p, 1 - p
        return d
    return {pi: cr.CredalSet.from_vertices([point(pi, h), point(pi, 1)], outcomes=WORLD)
            for pi in on_heads}


def mugging(h: Any) -> cr.DDTProblem:
    return cr.DDTProblem.from_counterfactuals(omega(h), UTILITY)


def tv(r: Any) -> cr.CredalSet:
    if isinstance(r, float):
        return cr.tv_ball([0.5, 1 / 3, 1 / 6], r)
    return cr.tv_ball(["1/2", "1/3", "1/6"], r)


def cont(e: Any) -> cr.CredalSet:
    p = [0.4, 0.3, 0.2, 0.1] if isinstance(e, float) else ["2/5", "3/10", "1/5", "1/10"]
    return cr.contamination(p, e)


ACTS = {"a": [4, 0, 0, 1], "b": [0, 3, 1, 1], "c": [1, 1, 1, 2], "d": [2, 2, 0, 0],
        "e": [0, 0, 4, 3]}


def square(t: Any) -> cr.CredalSet:
    return cr.CredalSet.from_bounds([t * t, 0], [1, 1], outcomes=["a", "b"])


def grid(n: int, exact: bool) -> list[Any]:
    return [Fraction(k, n - 1) if exact else k / (n - 1) for k in range(n)]


def case(name: str, ours: Callable[[], Any], point: Callable[[Any], Any],
         check: Callable[[Any, Fraction], None], n_float: int, n_exact: int,
         repeat: int) -> dict[str, Any]:
    t_ours, result = best_of(ours, repeat)
    for x in grid(n_exact, True):
        check(result, x)
    t_float, _ = best_of(lambda: [point(x) for x in grid(n_float, False)], 1)
    t_exact, _ = best_of(lambda: [point(x) for x in grid(n_exact, True)], 1)
    return {"case": name, "ours": t_ours, "float": t_float, "exact": t_exact}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    n_float, n_exact, repeat = (101, 11, 1) if args.quick else (1001, 101, 3)
    par = cr.parametric
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-c", "import credal.parametric"], check=True)
    t_import = time.perf_counter() - t0
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-c", "import credal"], check=True)
    t_base = time.perf_counter() - t0
    print(f"credal {cr.__version__}; a fresh `import credal.parametric` (sympy included) "
          f"{t_import:.2f} s against {t_base:.2f} s for `import credal` (once per process, "
          f"not counted below)")
    rows = []

    def check_value(r: Any, x: Fraction, family: Any, f: Any) -> None:
        assert r(x) == cr.lower_expectation(family(x), f), x

    rows.append(case(
        "TV ball, lower expectation (3 pieces)",
        lambda: par.lower_expectation(tv, [0, 1, 2], domain=(0, 1)),
        lambda x: cr.lower_expectation(tv(x), [0, 1, 2]),
        lambda r, x: check_value(r, x, tv, [0, 1, 2]), n_float, n_exact, repeat))
    rows.append(case(
        "counterfactual mugging, DDT (threshold 1/101)",
        lambda: par.ddt(mugging, domain=(0, 1)),
        lambda x: mugging(x).choose(),
        lambda r, x: None if r.chosen_at(x) == tuple(mugging(x).choose())
        else sys.exit(f"ddt differs at {x}"), n_float, n_exact, repeat))
    rows.append(case(
        "5 acts, 4 outcomes, maximality, contamination",
        lambda: par.decisions(cont, ACTS, rule="maximality", domain=(0, 1)),
        lambda x: cr.maximality(ACTS, cont(x)),
        lambda r, x: None if r.chosen_at(x) == tuple(cr.maximality(ACTS, cont(x)))
        else sys.exit(f"maximality differs at {x}"), n_float, n_exact, repeat))
    xy = {"x": [1, 0], "y": ["1/2", "1/2"]}
    xy_float = {"x": [1, 0], "y": [0.5, 0.5]}
    rows.append(case(
        "irrational breakpoint sqrt(2)/2, Γ-maximin",
        lambda: par.decisions(square, xy, rule="gamma_maximin", domain=(0, 1)),
        lambda x: cr.gamma_maximin(xy_float if isinstance(x, float) else xy, square(x)),
        lambda r, x: None if r.chosen_at(x) == tuple(cr.gamma_maximin(xy, square(x)))
        else sys.exit(f"gamma_maximin differs at {x}"), n_float, n_exact, repeat))

    print("\nparametric (exact, every breakpoint) against grid sweeps of the pointwise call; "
          "ratio = grid time / parametric time")
    print(f"{'case':48s} | {'parametric ms':>13s} | {f'float grid {n_float} ms':>18s} | "
          f"{'x':>6s} | {f'exact grid {n_exact} ms':>18s} | {'x':>6s}")
    for r in rows:
        print(f"{r['case']:48s} | {r['ours'] * 1e3:13.1f} | {r['float'] * 1e3:18.1f} | "
              f"{r['float'] / r['ours']:6.1f} | {r['exact'] * 1e3:18.1f} | "
              f"{r['exact'] / r['ours']:6.1f}")


if __name__ == "__main__":
    main()

"""Scaling curves: time per gamble of a lower expectation against the size of the problem.

Run with ``make scaling`` or ``python benchmarks/scaling.py [--quick] [--out DIR]``
(``--plot-only`` redraws the figures from the JSON without measuring). Not part of the test
suite. Five experiments, each one figure ``DIR/scaling_<name>.png`` (log-log):

* ``outcomes``: against the number of outcomes n, for an H-form set (a fixed number of
  lower previsions), a V-form set (a fixed number of points), a TV ball, probability
  intervals (``from_bounds``) and an ε-contamination, with a per-gamble
  ``scipy.optimize.linprog(method="highs")`` loop (H-form) and numpy's
  ``(F @ V.T).min(axis=1)`` (V-form) as baselines;
* ``constraints``: against the number of constraints of an H-form set (n fixed);
* ``vertices``: against the number of points of a V-form set (n fixed);
* ``batch``: against the number of gambles in one call (V-form and H-form): the fixed cost
  per call being amortised;
* ``exact``: the exact path (``Fraction`` in, ``Fraction`` out) against n, for a small exact
  H-form set, beside the float path on the same set.

Every credal result is checked against its baseline before it is reported. Times are the
best of a few runs, with the sets' caches warm (the LP of an H-form set is built on the
first call and reused); baselines that loop over gambles time a few and scale. The raw
numbers go to ``DIR/scaling.json`` and a table is printed. Default ``DIR``: ``docs/figures``.
"""

from __future__ import annotations

import argparse
import json
import platform
import time
from collections.abc import Callable
from datetime import date
from fractions import Fraction
from pathlib import Path
from typing import Any

import numpy as np

# benchmarks/ is on sys.path when this file is run as a script (python benchmarks/scaling.py)
from run import best_of, hform_set

import credal as cr

ROOT = Path(__file__).resolve().parent.parent

#: Sizes of the full run (about 1 minute on 2 cores) and of ``--quick`` (a few seconds).
SIZES: dict[str, dict[str, Any]] = {
    "full": {
        "outcomes": [10, 20, 50, 100, 200, 500, 1000], "outcomes_batch": 200,
        "constraints": [5, 10, 20, 50, 100, 200], "constraints_batch": 200,
        "vertices": [10, 30, 100, 300, 1000, 3000, 10000], "vertices_batch": 1000,
        "batch": [1, 10, 100, 1000, 10000, 100000],
        "exact": [5, 10, 20, 30, 40, 60], "exact_gambles": 10,
        "loop_gambles": 10,
    },
    "quick": {
        "outcomes": [10, 30, 100], "outcomes_batch": 50,
        "constraints": [5, 20], "constraints_batch": 50,
        "vertices": [10, 100, 1000], "vertices_batch": 200,
        "batch": [1, 10, 100, 1000],
        "exact": [5, 10], "exact_gambles": 3,
        "loop_gambles": 3,
    },
}

#: Problem parameters held fixed while another one varies.
M_FIXED = 20  # constraints of the H-form set in ``outcomes``
K_FIXED = 100  # points of the V-form set in ``outcomes``
N_FIXED = 50  # outcomes in ``constraints`` and ``vertices``
N_BATCH_V, K_BATCH = 50, 400  # V-form set in ``batch`` (as in benchmarks/run.py)
N_BATCH_H, M_BATCH = 40, 25  # H-form set in ``batch`` (as in benchmarks/run.py)
M_EXACT = 10  # constraints of the exact H-form set in ``exact``
RADIUS = 0.1  # TV ball
EPSILON = 0.1  # contamination
SPREAD = 0.2  # probability intervals [(1 - SPREAD) p, (1 + SPREAD) p]


# -- timing ------------------------------------------------------------------------------
def timed(fn: Callable[[], Any], *, budget: float = 0.3, max_repeat: int = 10
          ) -> tuple[float, Any]:
    """Best time of up to ``max_repeat`` runs; runs slower than ``budget`` are not repeated."""
    t, out = best_of(fn, 1)
    more = min(max_repeat - 1, int(budget / max(t, 1e-9)))
    if more > 0:
        t = min(t, best_of(fn, more)[0])
    return t, out


def gambles(size: int, n: int, seed: int) -> np.ndarray:
    return np.random.default_rng(seed).normal(size=(size, n))


def check(ours: Any, theirs: Any, F: np.ndarray, what: str, rtol: float = 1e-7) -> None:
    """Fail loudly when credal and a baseline disagree beyond the LP tolerance."""
    ours = np.asarray(ours, dtype=np.float64)[: len(theirs)]
    err = float(np.max(np.abs(ours - np.asarray(theirs, dtype=np.float64))))
    scale = 1.0 + float(np.abs(F).max())
    assert err <= rtol * scale, f"credal disagrees with {what}: max error {err:.3g}"


def linprog_loop(G: np.ndarray, c: np.ndarray, F: np.ndarray) -> np.ndarray:
    """What a user would write for ``{p : p >= 0, sum p = 1, G p >= c}``: one LP per gamble."""
    from scipy.optimize import linprog

    n = G.shape[1]
    out = []
    for f in F:
        r = linprog(f, A_ub=-G, b_ub=-c, A_eq=np.ones((1, n)), b_eq=[1.0], bounds=(0, None),
                    method="highs")
        out.append(r.fun)
    return np.array(out)


def per_gamble_lp(S: cr.CredalSet, G: np.ndarray, c: np.ndarray, F: np.ndarray,
                  loop: int) -> tuple[float, float]:
    """(credal, linprog loop) seconds per gamble on an H-form set; the loop times ``loop``
    gambles."""
    t, ours = timed(lambda: cr.lower_expectation(S, F))
    linprog_loop(G, c, F[:1])  # warm-up: scipy's first call imports its solvers
    t_lin, lin = best_of(lambda: linprog_loop(G, c, F[:loop]), 1)
    check(ours, lin, F, "linprog")
    return t / F.shape[0], t_lin / min(loop, F.shape[0])


def per_gamble_points(S: cr.CredalSet, V: np.ndarray, F: np.ndarray) -> tuple[float, float]:
    """(credal, numpy) seconds per gamble on a V-form set."""
    t, ours = timed(lambda: cr.lower_expectation(S, F))
    t_np, base = timed(lambda: (F @ V.T).min(axis=1))
    check(ours, base, F, "numpy", rtol=1e-12)
    return t / F.shape[0], t_np / F.shape[0]


def per_gamble(S: cr.CredalSet, F: np.ndarray) -> float:
    t, _ = timed(lambda: cr.lower_expectation(S, F))
    return t / F.shape[0]


# -- the sets --------------------------------------------------------------------------
def center(n: int, seed: int) -> np.ndarray:
    return np.random.default_rng(seed).dirichlet(np.ones(n))


def vform_set(n: int, k: int, seed: int) -> tuple[cr.CredalSet, np.ndarray]:
    V = np.random.default_rng(seed).dirichlet(np.ones(n), size=k)
    return cr.CredalSet.from_vertices(V), V


def intervals_set(n: int, seed: int) -> cr.CredalSet:
    p = center(n, seed)
    return cr.CredalSet.from_bounds((1 - SPREAD) * p, np.minimum(1.0, (1 + SPREAD) * p))


# -- experiments -----------------------------------------------------------------------
def series(name: str, x: list[int], y: list[float], of: str | None = None) -> dict[str, Any]:
    """One line of a figure; ``of`` names the credal line a baseline is the baseline of."""
    return {"name": name, "x": x, "seconds_per_gamble": y, "baseline": of is not None,
            "baseline_of": of}


def vs_outcomes(sz: dict[str, Any]) -> dict[str, Any]:
    ns, B, loop = sz["outcomes"], sz["outcomes_batch"], sz["loop_gambles"]
    cols: dict[str, list[float]] = {k: [] for k in (
        "hform", "linprog", "vform", "numpy", "tv", "intervals", "contamination")}
    for n in ns:
        F = gambles(B, n, seed=100 + n)
        S, G, c = hform_set(n, M_FIXED, seed=n)
        ours, lin = per_gamble_lp(S, G, c, F, loop)
        cols["hform"].append(ours)
        cols["linprog"].append(lin)
        Sv, V = vform_set(n, K_FIXED, seed=n)
        ours, base = per_gamble_points(Sv, V, F)
        cols["vform"].append(ours)
        cols["numpy"].append(base)
        cols["tv"].append(per_gamble(cr.tv_ball(center(n, n), RADIUS), F))
        cols["intervals"].append(per_gamble(intervals_set(n, n), F))
        cols["contamination"].append(per_gamble(cr.contamination(center(n, n), EPSILON), F))
    return {
        "title": (f"Lower expectation vs number of outcomes\n{B} N(0,1) gambles per call; "
                  f"H-form: {M_FIXED} lower previsions; V-form: {K_FIXED} points; "
                  f"TV radius {RADIUS}; ε = {EPSILON}"),
        "xlabel": "number of outcomes n",
        "series": [
            series(f"H-form ({M_FIXED} constraints)", ns, cols["hform"]),
            series(f"V-form ({K_FIXED} points)", ns, cols["vform"]),
            series(f"TV ball (radius {RADIUS})", ns, cols["tv"]),
            series("probability intervals (from_bounds)", ns, cols["intervals"]),
            series(f"contamination (ε = {EPSILON})", ns, cols["contamination"]),
            series("H-form: scipy linprog(highs) per gamble", ns, cols["linprog"],
                   of=f"H-form ({M_FIXED} constraints)"),
            series("V-form: numpy (F @ V.T).min(axis=1)", ns, cols["numpy"],
                   of=f"V-form ({K_FIXED} points)"),
        ],
    }


def vs_constraints(sz: dict[str, Any]) -> dict[str, Any]:
    ms, B, loop, n = sz["constraints"], sz["constraints_batch"], sz["loop_gambles"], N_FIXED
    ours_y, lin_y = [], []
    F = gambles(B, n, seed=200)
    for m in ms:
        S, G, c = hform_set(n, m, seed=m)
        ours, lin = per_gamble_lp(S, G, c, F, loop)
        ours_y.append(ours)
        lin_y.append(lin)
    return {
        "title": (f"H-form lower expectation vs number of constraints\n{n} outcomes, "
                  f"{B} N(0,1) gambles per call; constraints: random lower previsions"),
        "xlabel": "number of constraints m (lower previsions)",
        "series": [series("credal (H-form)", ms, ours_y),
                   series("scipy linprog(highs) per gamble", ms, lin_y, of="credal (H-form)")],
    }


def vs_vertices(sz: dict[str, Any]) -> dict[str, Any]:
    ks, B, n = sz["vertices"], sz["vertices_batch"], N_FIXED
    ours_y, np_y = [], []
    F = gambles(B, n, seed=300)
    for k in ks:
        S, V = vform_set(n, k, seed=k)
        ours, base = per_gamble_points(S, V, F)
        ours_y.append(ours)
        np_y.append(base)
    return {
        "title": (f"V-form lower expectation vs number of points\n{n} outcomes, {B} N(0,1) "
                  f"gambles per call; points: Dirichlet(1) samples"),
        "xlabel": "number of points k",
        "series": [series("credal (V-form)", ks, ours_y),
                   series("numpy (F @ V.T).min(axis=1)", ks, np_y, of="credal (V-form)")],
    }


def vs_batch(sz: dict[str, Any]) -> dict[str, Any]:
    bs, loop = sz["batch"], sz["loop_gambles"]
    Sv, V = vform_set(N_BATCH_V, K_BATCH, seed=3)
    Sh, G, c = hform_set(N_BATCH_H, M_BATCH, seed=1)
    cols: dict[str, list[float]] = {k: [] for k in ("vform", "numpy", "hform", "linprog")}
    big_v = gambles(max(bs), N_BATCH_V, seed=400)
    big_h = gambles(max(bs) + 20, N_BATCH_H, seed=401)
    shift = iter(range(10**9))
    for b in bs:
        ours, base = per_gamble_points(Sv, V, big_v[:b])
        cols["vform"].append(ours)
        cols["numpy"].append(base)
        # each repetition asks about other gambles: a re-solve of the last gamble would
        # start at its optimal basis (no pivots) and flatter small batches
        t, _ = timed(lambda b=b: cr.lower_expectation(
            Sh, big_h[(k := next(shift) % 20):k + b]), max_repeat=20)
        cols["hform"].append(t / b)
    # one loop timing, the same per gamble at every batch size (each call solves one LP)
    linprog_loop(G, c, big_h[:1])  # warm-up: scipy's first call imports its solvers
    t_lin, lin = best_of(lambda: linprog_loop(G, c, big_h[:loop]), 1)
    check(cr.lower_expectation(Sh, big_h[:loop]), lin, big_h[:loop], "linprog")
    cols["linprog"] = [t_lin / loop] * len(bs)
    return {
        "title": (f"Lower expectation vs gambles per call\nV-form: {K_BATCH} points over "
                  f"{N_BATCH_V} outcomes; H-form: {M_BATCH} lower previsions over "
                  f"{N_BATCH_H} outcomes; N(0,1) gambles"),
        "xlabel": "gambles per call (batch size)",
        "series": [
            series(f"V-form ({K_BATCH} points, n = {N_BATCH_V})", bs, cols["vform"]),
            series(f"H-form ({M_BATCH} constraints, n = {N_BATCH_H})", bs, cols["hform"]),
            series("V-form: numpy (F @ V.T).min(axis=1)", bs, cols["numpy"],
                   of=f"V-form ({K_BATCH} points, n = {N_BATCH_V})"),
            series("H-form: scipy linprog(highs) per gamble", bs, cols["linprog"],
                   of=f"H-form ({M_BATCH} constraints, n = {N_BATCH_H})"),
        ],
    }


def vs_exact(sz: dict[str, Any]) -> dict[str, Any]:
    ns, g = sz["exact"], sz["exact_gambles"]
    cols: dict[str, list[float]] = {k: [] for k in ("exact", "single", "batch")}
    for n in ns:
        S, _, _ = hform_set(n, M_EXACT, seed=500 + n, exact=True)
        Sf = S.to_float()
        F = np.random.default_rng(n).integers(-10, 11, size=(g, n))
        Ff = F.astype(float)
        t_ex, ex = timed(lambda S=S, F=F: cr.lower_expectation(S, F), max_repeat=3)
        assert all(isinstance(v, Fraction) for v in ex), "exact in, exact out"
        t_one, one = timed(lambda Sf=Sf, Ff=Ff: [cr.lower_expectation(Sf, f) for f in Ff])
        t_bat, bat = timed(lambda Sf=Sf, Ff=Ff: cr.lower_expectation(Sf, Ff))
        check(ex, one, Ff, "the float path (one call per gamble)")
        check(ex, bat, Ff, "the float path (one batch call)")
        cols["exact"].append(t_ex / g)
        cols["single"].append(t_one / g)
        cols["batch"].append(t_bat / g)
    return {
        "title": (f"Exact vs float lower expectation on an exact H-form set\n{M_EXACT} "
                  f"lower previsions (integer gambles, Fraction bounds); {g} integer gambles "
                  f"in [-10, 10]"),
        "xlabel": "number of outcomes n",
        "series": [
            series("exact (Fraction results), one batch call", ns, cols["exact"]),
            series("float64 (S.to_float()), one call per gamble", ns, cols["single"]),
            series("float64 (S.to_float()), one batch call", ns, cols["batch"]),
        ],
    }


EXPERIMENTS: dict[str, Callable[[dict[str, Any]], dict[str, Any]]] = {
    "outcomes": vs_outcomes,
    "constraints": vs_constraints,
    "vertices": vs_vertices,
    "batch": vs_batch,
    "exact": vs_exact,
}


# -- output ----------------------------------------------------------------------------
def table(name: str, fig: dict[str, Any]) -> str:
    """One row per x, one column per series: microseconds per gamble."""
    heads = ["x", *(s["name"] for s in fig["series"])]
    xs = fig["series"][0]["x"]
    rows = [[str(x), *(f"{s['seconds_per_gamble'][i] * 1e6:.3g}" for s in fig["series"])]
            for i, x in enumerate(xs)]
    widths = [max(len(r[j]) for r in [heads, *rows]) for j in range(len(heads))]
    lines = [f"\n== {name}: {fig['xlabel']} (µs per gamble) ==",
             "  ".join(h.ljust(w) for h, w in zip(heads, widths, strict=True))]
    lines += ["  ".join(c.rjust(w) for c, w in zip(r, widths, strict=True)) for r in rows]
    return "\n".join(lines)


def plot(results: dict[str, Any], out: Path) -> list[Path]:
    """Write one log-log PNG per experiment; matplotlib (the ``plot`` extra) is needed."""
    try:
        import matplotlib
    except ImportError as exc:
        raise SystemExit("the figures need matplotlib: pip install -e '.[plot]' "
                         "(or run make scaling)") from exc
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import matplotlib.ticker

    paths = []
    for name, fig in results["figures"].items():
        f, ax = plt.subplots(figsize=(7.5, 5.0), dpi=110)
        colors: dict[str, Any] = {}
        cycle = iter(plt.rcParams["axes.prop_cycle"].by_key()["color"])
        for s in fig["series"]:  # a baseline takes the colour of its credal line, dashed
            color = colors[s["baseline_of"]] if s["baseline"] else next(cycle)
            colors[s["name"]] = color
            ax.plot(s["x"], s["seconds_per_gamble"], marker="s" if s["baseline"] else "o",
                    linestyle="--" if s["baseline"] else "-", markersize=4, color=color,
                    label=s["name"])
        ax.set_xscale("log")
        ax.set_yscale("log")
        xs = fig["series"][0]["x"]  # label the measured sizes, in plain numbers
        ax.set_xticks(xs, [f"{x:,}" for x in xs])
        ax.xaxis.set_minor_formatter(matplotlib.ticker.NullFormatter())
        ax.set_xlabel(fig["xlabel"])
        ax.set_ylabel("time per gamble (seconds)")
        ax.set_title(fig["title"], fontsize=9)
        ax.grid(True, which="both", alpha=0.3)
        ax.legend(fontsize=7, loc="best")
        f.tight_layout()
        path = out / f"scaling_{name}.png"
        f.savefig(path)
        plt.close(f)
        paths.append(path)
    return paths


def environment() -> dict[str, Any]:
    import os
    from importlib.metadata import version

    import scipy

    return {"date": date.today().isoformat(), "python": platform.python_version(),
            "machine": platform.machine(), "cpu_count": os.cpu_count(),
            "credal": cr.__version__, "numpy": np.__version__, "scipy": scipy.__version__,
            "highspy": version("highspy"),
            "load_average_1min": round(os.getloadavg()[0], 2),  # other work on the machine
            "OPENBLAS_NUM_THREADS": os.environ.get("OPENBLAS_NUM_THREADS")}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="tiny sizes, for a smoke run")
    parser.add_argument("--out", metavar="DIR", type=Path, default=ROOT / "docs" / "figures",
                        help="where the PNGs and scaling.json go (default: docs/figures)")
    parser.add_argument("--only", metavar="NAME", action="append", choices=list(EXPERIMENTS),
                        help="run only this experiment (repeatable)")
    parser.add_argument("--plot-only", action="store_true",
                        help="measure nothing: redraw the figures from DIR/scaling.json")
    args = parser.parse_args()
    if args.plot_only:
        with open(args.out / "scaling.json") as fh:
            paths = plot(json.load(fh), args.out)
        print(f"redrew {len(paths)} figures from {args.out / 'scaling.json'}")
        return
    sz = SIZES["quick" if args.quick else "full"]
    args.out.mkdir(parents=True, exist_ok=True)
    env_before = environment()
    t0 = time.perf_counter()
    figures: dict[str, Any] = {}
    for name, fn in EXPERIMENTS.items():
        if args.only and name not in args.only:
            continue
        t1 = time.perf_counter()
        figures[name] = fn(sz)
        figures[name]["wall_seconds"] = round(time.perf_counter() - t1, 2)
        print(table(name, figures[name]), flush=True)
    env_before["load_average_1min_after"] = environment()["load_average_1min"]
    results = {"mode": "quick" if args.quick else "full", "environment": env_before,
               "figures": figures, "wall_seconds": round(time.perf_counter() - t0, 2)}
    with open(args.out / "scaling.json", "w") as fh:
        json.dump(results, fh, indent=2, ensure_ascii=False)
        fh.write("\n")
    paths = plot(results, args.out)
    print(f"\nwrote {args.out / 'scaling.json'} and {len(paths)} figures; "
          f"total {results['wall_seconds']:.1f} s")


if __name__ == "__main__":
    main()

"""``credal.learning`` at scale, in one run.

1. Policy search: the exact maximin and minimax-regret policies of a class of 4
   hypotheses over 5 states with 2 actions each (32 policies), against the brute force a
   user would write (every policy evaluated in every hypothesis), and exact against the
   float twin of the same class.
2. Regret curves: 3 agents x 2 true hypotheses x 100 seeds x 100 steps through
   ``credal.batch``, in this process and through a 2-process pool; the curves are
   checked equal.

Run: ``python benchmarks/learning.py`` (``--quick`` for a smoke run).
"""

from __future__ import annotations

import argparse
import sys
from concurrent.futures import ProcessPoolExecutor
from fractions import Fraction
from pathlib import Path
from typing import Any

import numpy as np

import credal as cr

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import best_of  # noqa: E402


def ring(n: int, stay: Fraction, reward: list[Fraction], exact: bool) -> cr.mdp.SupraMDP:
    """``n`` states on a ring: "move" goes to the next state with probability in
    ``[stay, 1]`` (an interval, nature picks), "wait" stays; rewards per state."""
    states = [f"s{i}" for i in range(n)]
    num = (lambda v: v) if exact else float  # noqa: E731
    lo = np.zeros((n, 2, n), dtype=object)
    up = np.zeros((n, 2, n), dtype=object)
    for i in range(n):
        j = (i + 1) % n
        lo[i, 0, j], up[i, 0, j] = num(stay), num(Fraction(1))
        lo[i, 0, i], up[i, 0, i] = num(Fraction(0)), num(1 - stay)
        lo[i, 1, i] = up[i, 1, i] = num(Fraction(1))
    R = np.array([[num(Fraction(0)), num(reward[i])] for i in range(n)], dtype=object)
    return cr.mdp.SupraMDP.from_intervals(lo, up, states=states, actions=["move", "wait"],
                                          rewards=R)


def hypothesis_class(exact: bool) -> cr.learning.HypothesisClass:
    rng = np.random.default_rng(0)
    models = {}
    for h in range(4):
        rewards = [Fraction(int(v), 10) for v in rng.integers(0, 10, size=5)]
        models[f"h{h}"] = ring(5, Fraction(1 + h, 6), rewards, exact)
    return cr.learning.HypothesisClass(models)


def brute_maximin(K: cr.learning.HypothesisClass, **kw: Any) -> Any:
    best = None
    for pol in K.policies():
        v = min(K.hypotheses[n].evaluate(pol, **{k: v for k, v in kw.items() if k != "start"})
                .values[kw["start"]] for n in K.names)
        if best is None or v > best[1]:
            best = (pol, v)
    return best


def chain(p: str) -> cr.mdp.SupraMDP:
    st = ["s", "g"]
    q = Fraction(p)
    return cr.mdp.SupraMDP({"s": {"risky": cr.precise([1 - q, q], outcomes=st),
                                  "safe": cr.precise([1, 0], outcomes=st)},
                            "g": {"stay": cr.precise([0, 1], outcomes=st)}},
                           rewards={"s": {"risky": 0, "safe": "1/2"}, "g": {"stay": 1}})


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    seeds, steps, repeat = (4, 10, 1) if args.quick else (100, 100, 3)
    print(f"credal {cr.__version__}")

    print("\n1. Policy search, 4 hypotheses, 5 states x 2 actions (32 policies), "
          "discount 9/10, from s0")
    obj = {"start": "s0", "discount": "9/10"}
    rows = []
    for exact in (True, False):
        def fresh(exact: bool = exact) -> cr.learning.HypothesisClass:
            return hypothesis_class(exact)

        t_ours, (pol, val) = best_of(lambda: fresh().maximin_policy(**obj), repeat)
        t_brute, (bpol, bval) = best_of(lambda: brute_maximin(fresh(), **obj), repeat)
        assert val == bval if exact else abs(val - bval) <= 1e-9, (val, bval)
        t_mr, _ = best_of(lambda: fresh().minimax_regret_policy(**obj), repeat)
        rows.append((exact, t_ours, t_brute, t_mr, val))
    print(f"{'numbers':8s} | {'maximin ms':>10s} | {'brute force ms':>14s} | {'x':>5s} | "
          f"{'minimax regret ms':>17s} | value")
    for exact, t_ours, t_brute, t_mr, val in rows:
        print(f"{'exact' if exact else 'float':8s} | {t_ours * 1e3:10.1f} | "
              f"{t_brute * 1e3:14.1f} | {t_brute / t_ours:5.1f} | {t_mr * 1e3:17.1f} | {val}")
    print(f"exact / float (maximin): {rows[0][1] / rows[1][1]:.1f}")

    print(f"\n2. Regret curves: 3 agents x 2 true hypotheses x {seeds} seeds x {steps} steps")
    K = cr.learning.HypothesisClass({"hi": chain("3/4"), "lo": chain("1/20")},
                                    prior={"hi": "1/2", "lo": "1/2"})
    agents = [cr.learning.RobustAgent, cr.learning.OptimisticAgent,
              cr.learning.PosteriorSamplingAgent]

    def serial() -> list[Any]:
        return [cr.learning.regret_curve(a, K, steps=steps, seeds=seeds, start="s")
                for a in agents]

    t_serial, here = best_of(serial, 1)
    with ProcessPoolExecutor(2) as pool:
        def pooled() -> list[Any]:
            return [cr.learning.regret_curve(a, K, steps=steps, seeds=seeds, start="s",
                                             executor=pool) for a in agents]
        pooled()  # start the workers
        t_pool, there = best_of(pooled, 1)
    for a, b in zip(here, there, strict=True):
        assert all((a[n] == b[n]).all() for n in a)
    runs = len(agents) * 2 * seeds
    print(f"in this process {t_serial:.2f} s ({t_serial / runs * 1e3:.1f} ms per run of "
          f"{steps} steps); 2-process pool {t_pool:.2f} s; x {t_serial / t_pool:.2f}")
    for a, c in zip(agents, here, strict=True):
        print(f"  {a.__name__:24s} mean final regret " + ", ".join(
            f"{n}: {c.mean(n)[-1]:+.3f}" for n in c))


if __name__ == "__main__":
    main()

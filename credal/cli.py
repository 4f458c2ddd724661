"""The ``credal`` command line.

``credal demo`` runs a worked example end to end (no arguments, no files). Problem files
and ``credal decide`` come with the decision rules.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from fractions import Fraction
from typing import Any

from .errors import CredalError


def _fmt(x: Any) -> str:
    return str(x) if isinstance(x, Fraction) else f"{x:.6g}"


def _table(rows: list[list[str]], header: list[str]) -> str:
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    line = "  ".join("-" * w for w in widths)
    out = ["  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)).rstrip(), line]
    out += ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in rows]
    return "\n".join(out)


def demo() -> str:
    """The text ``credal demo`` prints: Troffaes's six acts, then Ellsberg's urn."""
    from . import (
        CredalSet,
        lower_expectation,
        lower_probability,
        solve_lower,
        upper_expectation,
        upper_probability,
    )

    parts = []
    coin = CredalSet.from_bounds({"H": "0.28"}, {"H": "0.7"}, outcomes=["H", "T"])
    acts = {"d1": [4, 0], "d2": [0, 4], "d3": [3, 2], "d4": ["1/2", 3],
            "d5": ["2.35", "2.35"], "d6": ["4.1", "-0.3"]}
    parts.append("Troffaes (2007): a coin with P(H) in [0.28, 0.70], six acts (payoff on H, T).")
    parts.append("Belief: vertices " + ", ".join(
        "(" + ", ".join(str(v) for v in row) + ")" for row in coin.vertices))
    rows = []
    for name, f in acts.items():
        r = solve_lower(coin, f)
        rows.append([name, f"({', '.join(str(Fraction(v)) for v in f)})", _fmt(r.value),
                     _fmt(upper_expectation(coin, f)),
                     "(" + ", ".join(str(v) for v in r.minimizer) + ")"])
    parts.append(_table(rows, ["act", "gamble", "lower E", "upper E", "worst case (H, T)"]))
    best = max(acts, key=lambda a: lower_expectation(coin, acts[a]))
    parts.append(f"Highest lower expectation (Γ-maximin): {best}.")
    parts.append("")
    urn = CredalSet.from_constraints(A_eq=[[1, 0, 0]], b_eq=["1/3"], outcomes=["R", "B", "Y"])
    parts.append("Ellsberg: 1/3 red, 2/3 black or yellow in unknown proportion.")
    rows = []
    for label, event in (("R", ["R"]), ("B", ["B"]), ("R or Y", ["R", "Y"]),
                         ("B or Y", ["B", "Y"])):
        rows.append([f"bet on {label}", _fmt(lower_probability(urn, event)),
                     _fmt(upper_probability(urn, event))])
    parts.append(_table(rows, ["act", "lower E", "upper E"]))
    parts.append("Under Γ-maximin, R is preferred to B and 'B or Y' to 'R or Y': Ellsberg's "
                 "paradox is no paradox for a credal set.")
    return "\n".join(parts)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="credal",
        description="Decisions under Knightian uncertainty: credal sets, lower expectations, "
                    "exact arithmetic.")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.add_parser("demo", help="run a worked example end to end (no arguments needed)")
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return 0
    try:
        if args.command == "demo":
            print(demo())
    except CredalError as exc:  # pragma: no cover - the demo's data is fixed
        print(f"credal: error: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())

"""The ``credal`` command line.

* ``credal demo`` runs a worked example end to end (no arguments, no files);
* ``credal decide PROBLEM.toml`` runs every decision rule on a problem file's belief and
  acts and prints each rule's choice and each act's lower and upper expectation
  (``--json`` for machines);
* ``credal ddt PROBLEM.toml`` values the policies of the file's ``[ddt]`` problem under
  disambiguative decision theory.

Problem files are described in :mod:`credal.problem`. A malformed file or an impossible
question exits with status 1 and one line on standard error naming the file, the key and
the problem; a wrong command line exits with status 2.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections.abc import Hashable, Sequence
from fractions import Fraction
from typing import Any

from .errors import CredalError


def _fmt(x: Any) -> str:
    return str(x) if isinstance(x, Fraction | int) else f"{x:.6g}"


def _json_number(x: Any) -> Any:
    """Exact values as strings ``"28/25"`` (``fractions.Fraction`` reads them back), floats
    as JSON numbers, infinities as ``"inf"`` / ``"-inf"`` (JSON has no infinity)."""
    if isinstance(x, Fraction | int):
        return str(Fraction(x))
    x = float(x)
    if math.isinf(x):
        return "inf" if x > 0 else "-inf"
    return x


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
    acts: dict[str, list[Any]] = {
        "d1": [4, 0], "d2": [0, 4], "d3": [3, 2], "d4": ["1/2", 3], "d5": ["2.35", "2.35"],
        "d6": ["4.1", "-0.3"]}
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


#: The rules ``credal decide`` reports, in order, with their names in the text table.
RULES = {"gamma_maximin": "Γ-maximin", "gamma_maximax": "Γ-maximax", "hurwicz": "Hurwicz",
         "interval_dominance": "interval dominance", "maximality": "maximality",
         "e_admissibility": "E-admissibility", "minimax_regret": "minimax regret"}


def _names(xs: Sequence[Hashable]) -> str:
    return ", ".join(str(x) for x in xs) if xs else "(none)"


def decide_report(path: str) -> dict[str, Any]:
    """What ``credal decide PATH --json`` prints, as a dict.

    ``{"rules": {rule: [act, ...]}, "acts": {act: {"lower": x, "upper": y}}}`` with the
    seven rules of :data:`RULES`; exact values are strings such as ``"28/25"``.
    """
    problem, report = _decide(path)
    return {"rules": {rule: [str(a) for a in report.choices[rule]] for rule in RULES},
            "acts": {str(a): {"lower": _json_number(report.lower[a]),
                              "upper": _json_number(report.upper[a])} for a in problem.acts}}


def _decide(path: str) -> tuple[Any, Any]:
    from .decisions import decide
    from .errors import ProblemFileError
    from .problem import load_problem

    problem = load_problem(path)
    if problem.belief is None:
        raise ProblemFileError(path, "belief", "is missing: credal decide needs a [belief] "
                               "table")
    if not problem.acts:
        raise ProblemFileError(path, "acts", "is missing: credal decide needs an [acts] "
                               "table")
    kwargs: dict[str, Any] = {"alpha": problem.alpha}
    if problem.atol is not None:
        kwargs["atol"] = problem.atol
    try:
        acts: dict[Hashable, Any] = {name: f for name, f in problem.acts.items()}
        report = decide(acts, problem.belief, **kwargs)
    except CredalError as exc:
        raise ProblemFileError(path, "acts", " ".join(str(exc).split())) from None
    return problem, report


def decide_text(path: str) -> str:
    """What ``credal decide PATH`` prints: each rule's choice, then a table of the acts."""
    problem, report = _decide(path)
    S = problem.belief
    kind = "exact" if S.is_exact else "float"
    parts = [f"{problem.title}: {S.n_outcomes} outcomes ({_names(S.outcomes)}), "
             f"{len(problem.acts)} acts, {kind} arithmetic, Hurwicz alpha = "
             f"{_fmt(report.alpha)}."]
    parts.append(_table([[label, _names(report.choices[rule])]
                         for rule, label in RULES.items()], ["rule", "chosen acts"]))
    parts.append("")
    rows = []
    for a in problem.acts:
        note = ""
        if a in report.beaten_by:
            by, margin = report.beaten_by[a]
            note = f"not maximal: {by} beats it by {_fmt(margin)}"
        elif a in report.bayes_shortfall:
            note = "maximal, not E-admissible"
        rows.append([str(a), _fmt(report.lower[a]), _fmt(report.upper[a]), note])
    parts.append(_table(rows, ["act", "lower E", "upper E", "note"]))
    return "\n".join(parts)


def _ddt(path: str) -> tuple[Any, dict[Hashable, Any], list[Hashable]]:
    from .errors import ProblemFileError
    from .problem import load_problem

    problem = load_problem(path)
    if problem.ddt is None:
        raise ProblemFileError(path, "ddt", "is missing: credal ddt needs a [ddt] table "
                               "(utility and policies, or utility and counterfactuals)")
    kwargs = {} if problem.atol is None else {"atol": problem.atol}
    try:
        values = problem.ddt.values()
        choice = problem.ddt.choose(**kwargs)
    except CredalError as exc:
        raise ProblemFileError(path, "ddt", " ".join(str(exc).split())) from None
    return problem, values, choice


def ddt_report(path: str) -> dict[str, Any]:
    """What ``credal ddt PATH --json`` prints: ``{"values": {policy: v}, "choice": [...]}``."""
    _, values, choice = _ddt(path)
    return {"values": {str(k): _json_number(v) for k, v in values.items()},
            "choice": [str(c) for c in choice]}


def ddt_text(path: str) -> str:
    """What ``credal ddt PATH`` prints: each policy's DDT value and the choice."""
    problem, values, choice = _ddt(path)
    P = problem.ddt
    parts = [f"{problem.title}: disambiguative decision theory over {P.belief.n_outcomes} "
             f"outcomes, {len(values)} policies, empty disambiguation = {P.empty}."]
    rows = []
    for k, v in values.items():
        rows.append([str(k), _fmt(v), "empty disambiguation" if math.isinf(v) else ""])
    parts.append(_table(rows, ["policy", "value", "note"]))
    parts.append(f"DDT chooses: {_names(choice)}.")
    return "\n".join(parts)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="credal",
        description="Decisions under Knightian uncertainty: credal sets, lower expectations, "
                    "exact arithmetic.",
        epilog="examples:\n"
               "  credal demo\n"
               "  credal decide examples/problems/troffaes.toml\n"
               "  credal decide examples/problems/ellsberg.json --json\n"
               "  credal ddt examples/problems/newcomb.toml\n\n"
               "Problem files (TOML or JSON) are described in the docs' how-to 'Problem\n"
               "files and the command line' and in help(credal.problem). Numbers written\n"
               "as strings such as \"1/3\" are exact.",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    from . import __version__

    parser.add_argument("--version", action="version", version=f"credal {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.add_parser("demo", help="run a worked example end to end (no arguments needed)",
                   description="Troffaes's six acts and Ellsberg's urn, exactly.")
    for name, text in (("decide", "every decision rule's choice on a problem file's belief "
                                  "and acts, and each act's lower and upper expectation"),
                       ("ddt", "the DDT value of each policy of a problem file's [ddt] "
                               "problem, and the policies DDT chooses")):
        cmd = sub.add_parser(name, help=text, description=text[0].upper() + text[1:] + ".")
        cmd.add_argument("problem", metavar="PROBLEM",
                         help="a problem file: TOML, or JSON if its name ends in .json")
        cmd.add_argument("--json", action="store_true",
                         help="print JSON instead of tables (exact values as strings such "
                              "as \"28/25\")")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status (0 ok, 1 bad problem, 2 bad usage)."""
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return 0
    try:
        if args.command == "demo":
            print(demo())
        elif args.command == "decide":
            print(json.dumps(decide_report(args.problem), indent=2, ensure_ascii=False)
                  if args.json else decide_text(args.problem))
        else:
            print(json.dumps(ddt_report(args.problem), indent=2, ensure_ascii=False)
                  if args.json else ddt_text(args.problem))
    except CredalError as exc:
        print(f"credal: error: {' '.join(str(exc).split())}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())

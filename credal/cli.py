"""The ``credal`` command line.

* ``credal demo`` runs a worked example end to end (no arguments, no files);
* ``credal decide PROBLEM.toml`` runs every decision rule on a problem file's belief and
  acts and prints each rule's choice and each act's lower and upper expectation
  (``--json`` for machines);
* ``credal ddt PROBLEM.toml`` values the policies of the file's ``[ddt]`` problem under
  disambiguative decision theory;
* ``credal mdp PROBLEM.toml`` answers the objective of the file's ``[mdp]`` problem (a
  supra-MDP): each state's value and the policy, one column per step for a finite horizon
  (``--kernel`` adds nature's choice of distribution for every state-action pair);
* ``credal sweep PROBLEM.toml`` analyses the one-parameter family of a file's ``[sweep]``
  table exactly: each act's lower and upper expectation, piece by piece, and each rule's
  choice (or DDT's) on each region of the parameter, with exact breakpoints;
* ``credal examples`` lists the example problem files that ship with credal;
  ``credal decide --example troffaes`` (or ``credal ddt --example newcomb``) reads one.

Problem files are described in :mod:`credal.problem`. Exit statuses: 0 when all went
well; 1 for a malformed file or an impossible question, with one line on standard error
naming the file, the key and the problem; 2 for a wrong command line (a bare ``credal``
prints the help on standard error and exits 2); 130 when interrupted (Ctrl-C); 141 when
the reader of standard output went away (``credal decide FILE | head -1``): the rest of
the output is dropped quietly, as a program killed by ``SIGPIPE`` would end.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import sys
import time
from collections.abc import Hashable, Sequence
from fractions import Fraction
from functools import partial
from typing import TYPE_CHECKING, Any

from .errors import CredalError

if TYPE_CHECKING:  # the decision layer is imported only when a command needs it
    from .decisions import DecisionReport


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
    from ._core.numbers import parse_number

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
        rows.append([name, f"({', '.join(str(parse_number(v, name)) for v in f)})", _fmt(r.value),
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

    ``{"rules": {rule: [act, ...]}, "acts": {act: {...}}, "randomized_maximin": {...},
    "title": ..., "outcomes": [...], "exact": bool, "alpha": x}``: the seven rules of
    :data:`RULES`; for each act its ``"lower"`` and ``"upper"`` expectation, whether it is
    ``"maximal"`` and ``"e_admissible"``, ``"beaten_by"`` (``{"act": e, "margin": m}``, an
    act e with lower E(f_e − f_act) = m > 0, or ``null`` for a maximal act) and the text
    table's ``"note"``; the randomized Γ-maximin mixture's ``"weights"`` (every act, zeros
    included) and guaranteed ``"value"``. Exact values are strings such as ``"28/25"``.
    """
    problem, report = _decide(path)
    acts: dict[str, Any] = {}
    for a in problem.acts:
        beaten = report.beaten_by.get(a)
        acts[str(a)] = {
            "lower": _json_number(report.lower[a]),
            "upper": _json_number(report.upper[a]),
            "maximal": a in report.choices["maximality"],
            "e_admissible": a in report.choices["e_admissibility"],
            "beaten_by": None if beaten is None else {"act": str(beaten[0]),
                                                      "margin": _json_number(beaten[1])},
            "note": _note(report, a)}
    return {"rules": {rule: [str(a) for a in report.choices[rule]] for rule in RULES},
            "acts": acts,
            "randomized_maximin": {
                "weights": {str(a): _json_number(report.weights[a]) for a in problem.acts},
                "value": _json_number(report.value)},
            "title": problem.title,
            "outcomes": [str(x) for x in problem.outcomes],
            "exact": bool(problem.belief.is_exact),
            "alpha": _json_number(report.alpha)}


def _note(report: DecisionReport, act: Hashable) -> str:
    """The text table's note on ``act``: why it is not maximal, or not E-admissible."""
    if act in report.beaten_by:
        by, margin = report.beaten_by[act]
        return f"not maximal: {by} beats it by {_fmt(margin)}"
    if act in report.bayes_shortfall:
        return "maximal, not E-admissible"
    return ""


def _decide(path: str) -> tuple[Any, Any]:
    from .decisions import decide
    from .errors import ProblemFileError
    from .problem import load_problem

    problem = load_problem(path)
    if problem.mdp is not None:
        raise ProblemFileError(path, "mdp", f"is an MDP problem, which credal decide does not "
                               f"read: run credal mdp {path}")
    _refuse_sweep(problem, path, "decide")
    if problem.ddt is not None and (problem.belief is None or not problem.acts):
        missing = "belief" if problem.belief is None else "acts"
        raise ProblemFileError(path, missing, f"is missing: this file is a DDT problem "
                               f"(a [ddt] table and no [{missing}] table); run credal ddt "
                               f"{path}")
    if problem.belief is None:
        raise ProblemFileError(path, "belief", "is missing: credal decide needs a [belief] "
                               "table")
    if not problem.acts:
        raise ProblemFileError(path, "acts", "is missing: credal decide needs an [acts] "
                               "table")
    kwargs: dict[str, Any] = {"alpha": problem.alpha}
    if problem.atol is not None:
        kwargs["atol"] = problem.atol
    progress = _Progress(sys.stderr)
    if progress.shown and len(problem.acts) >= PROGRESS_MIN_ACTS:
        kwargs["progress"] = progress
    try:
        acts: dict[Hashable, Any] = {name: f for name, f in problem.acts.items()}
        report = decide(acts, problem.belief, **kwargs)
    except CredalError as exc:
        raise ProblemFileError(path, "acts", " ".join(str(exc).split())) from None
    finally:
        progress.close()
    return problem, report


#: ``credal decide`` shows its progress on a terminal from this many acts on.
PROGRESS_MIN_ACTS = 50


class _Progress:
    """``progress(stage, done, total)`` for :func:`credal.decide`: one line on standard
    error, rewritten at most every 0.2 s, and only when standard error is a terminal (so
    that logs and pipes stay clean)."""

    def __init__(self, stream: Any) -> None:
        self.stream = stream
        try:
            self.shown = bool(stream.isatty())
        except (AttributeError, ValueError):  # no isatty, or a closed stream
            self.shown = False
        self.last = 0.0
        self.written = False

    def __call__(self, stage: str, done: int, total: int) -> None:
        now = time.monotonic()
        if done < total and now - self.last < 0.2:
            return
        self.last = now
        self.stream.write(f"\r{stage}: {done}/{total} acts")
        self.stream.flush()
        self.written = True

    def close(self) -> None:
        if self.written:
            self.stream.write("\n")
            self.stream.flush()


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
    rows = [[str(a), _fmt(report.lower[a]), _fmt(report.upper[a]), _note(report, a)]
            for a in problem.acts]
    parts.append(_table(rows, ["act", "lower E", "upper E", "note"]))
    mix = ", ".join(f"{a} ({_fmt(report.weights[a])})"
                    for a in report.choices["randomized_maximin"])
    parts.append(f"Randomized Γ-maximin: {mix}; lower expectation {_fmt(report.value)}.")
    return "\n".join(parts)


def _refuse_sweep(problem: Any, path: str, command: str) -> None:
    from .errors import ProblemFileError

    if problem.family is not None:
        raise ProblemFileError(path, "sweep", f"makes a one-parameter family of problems, "
                               f"which credal {command} does not read: run credal sweep "
                               f"{path}")


def _ddt(path: str) -> tuple[Any, dict[Hashable, Any], list[Hashable]]:
    from .errors import ProblemFileError
    from .problem import load_problem

    problem = load_problem(path)
    if problem.mdp is not None:
        raise ProblemFileError(path, "mdp", f"is an MDP problem, which credal ddt does not "
                               f"read: run credal mdp {path}")
    _refuse_sweep(problem, path, "ddt")
    if problem.ddt is None:
        hint = f"; this file has acts: run credal decide {path}" if problem.acts else ""
        raise ProblemFileError(path, "ddt", "is missing: credal ddt needs a [ddt] table "
                               "(utility and policies, or utility and counterfactuals)" + hint)
    try:
        values = problem.ddt.values()
        choice = problem.ddt.choose() if problem.atol is None else \
            problem.ddt.choose(atol=problem.atol)
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


def _mdp(path: str) -> tuple[Any, Any]:
    from .errors import ProblemFileError
    from .problem import load_problem

    problem = load_problem(path)
    if problem.mdp is None:
        raise ProblemFileError(path, "mdp", f"is missing: credal mdp needs an [mdp] table; "
                               f"this file is for credal {problem.kind}: run credal "
                               f"{problem.kind} {path}")
    return problem, problem.run()


def _state_list(states: Sequence[Hashable]) -> str:
    return ", ".join(str(s) for s in states)


def _objective_text(objective: Any) -> str:
    """One sentence saying what an :class:`~credal.problem.MDPObjective` asks."""
    args = objective.arguments
    H = args["horizon"]
    steps = f"{H} step" + ("" if H == 1 else "s")
    if objective.name == "reachability":
        avoid = f" before {_state_list(args['avoid'])}" if args["avoid"] else ""
        when = f"within {steps}" if H is not None else "eventually"
        what = f"the highest probability of reaching {_state_list(args['target'])}{avoid} {when}"
    elif objective.name == "safety":
        when = f"for {steps}" if H is not None else "forever"
        what = f"the highest probability of staying out of {_state_list(args['avoid'])} {when}"
    else:
        g = args["discount"]
        total = "discounted reward" if g is not None and g != 1 else "total reward"
        disc = f", discount {_fmt(g)}" if g is not None and g != 1 else ""
        when = f"over {steps}" if H is not None else "over the infinite horizon"
        term = ", with terminal values" if args["terminal"] else ""
        what = (f"the highest expected {total} {when}{disc}{term}" if objective.name == "solve"
                else f"the expected {total} of the given policy {when}{disc}{term}")
    nature = args["nature"]
    side = "lower" if nature == "adversarial" else "upper"
    return f"{what[0].upper()}{what[1:]}; nature {nature} ({side} expectations)."


def mdp_report(path: str, *, kernel: bool = False) -> dict[str, Any]:
    """What ``credal mdp PATH --json`` prints, as a dict.

    ``{"title", "states", "exact", "objective", "arguments", "values", "float_values",
    "policy", "iterations", "residual"}``: the objective's name and its arguments as the
    file gave them (defaults filled in; ``horizon`` ``null`` for the infinite horizon); each
    state's value (exact values as strings such as ``"23/32"``, float ones as numbers) and
    the same values as floats; the policy (finite horizon: a list of ``{state: action}``,
    item 0 the first decision; infinite horizon: one ``{state: action}``). With ``kernel``,
    also ``"kernel": {state: {action: {"q": value, "distribution": {state: p}}}}``: nature's
    choice at the (first) decision and the action's value against it (nonzero
    probabilities only).
    """
    problem, sol = _mdp(path)
    obj = problem.objective

    def arg(name: str, v: Any) -> Any:
        if v is None or isinstance(v, bool | str) or name == "horizon":
            return v
        if isinstance(v, tuple):
            return [str(s) for s in v]
        if isinstance(v, dict):
            return {str(k): (x if name == "policy" else _json_number(x)) for k, x in v.items()}
        return _json_number(v)

    def policy(p: Any) -> dict[str, str]:
        return {str(s): str(a) for s, a in p.items()}

    out: dict[str, Any] = {
        "title": problem.title,
        "states": [str(s) for s in problem.mdp.states],
        "exact": bool(problem.mdp.is_exact),
        "objective": obj.name,
        "arguments": {k: arg(k, v) for k, v in obj.arguments.items()},
        "values": {str(s): _json_number(v) for s, v in sol.values.items()},
        "float_values": {str(s): _json_number(float(v)) for s, v in sol.values.items()},
        "policy": ([policy(p) for p in sol.policy] if isinstance(sol.policy, tuple)
                   else policy(sol.policy)),
        "iterations": sol.iterations,
        "residual": _json_number(sol.residual),
    }
    if kernel:
        table: dict[str, dict[str, Any]] = {}
        for (s, a), dist in sol.kernel.items():
            table.setdefault(str(s), {})[str(a)] = {
                "q": _json_number(sol.q_values[s, a]),
                "distribution": {str(t): _json_number(p) for t, p in dist.items()}}
        out["kernel"] = table
    return out


def mdp_text(path: str, *, kernel: bool = False) -> str:
    """What ``credal mdp PATH`` prints: the objective, then each state's value and action
    (finite horizon: one column per step, ``step 0`` the first decision); with ``kernel``,
    nature's distribution for every state-action pair."""
    problem, sol = _mdp(path)
    M, obj = problem.mdp, problem.objective
    kind = "exact" if M.is_exact else "float"
    parts = [f"{problem.title}: {len(M.states)} states ({_state_list(M.states)}), "
             f"{M.n_pairs} state-action pairs, {kind} arithmetic.",
             _objective_text(obj)]
    roles: dict[Hashable, str] = {}
    for role in ("target", "avoid"):
        for s in obj.arguments.get(role, ()):
            roles[s] = role
    finite = isinstance(sol.policy, tuple)
    steps = [f"step {k}" for k in range(len(sol.policy))] if finite else ["action"]
    rows = []
    for s in M.states:
        acts = [str(p[s]) for p in sol.policy] if finite else [str(sol.policy[s])]
        rows.append([str(s), _fmt(sol.values[s]), *acts, roles.get(s, "")])
    header = ["state", "value", *steps, "note"]
    if not roles:
        header, rows = header[:-1], [r[:-1] for r in rows]
    parts.append(_table(rows, header))
    if not finite:
        n = sol.iterations
        parts.append(f"Exact fixed point, certified after {n} round{'' if n == 1 else 's'} "
                     f"(residual 0)." if M.is_exact else
                     f"Value iteration: {n} sweep{'' if n == 1 else 's'}, last change "
                     f"{_fmt(sol.residual)}.")
    if kernel:
        parts.append("")
        if not sol.kernel:
            parts.append("Nature chooses nothing: with horizon 0 there is no decision.")
        else:
            at = " at the first decision" if finite else ""
            parts.append(f"Nature's choice{at} (Q = the action's value against it):")
            krows = [[str(s), str(a), _fmt(sol.q_values[s, a]),
                      ", ".join(f"{t}: {_fmt(p)}" for t, p in dist.items())]
                     for (s, a), dist in sol.kernel.items()]
            parts.append(_table(krows, ["state", "action", "Q", "distribution"]))
    return "\n".join(parts)


def _sweep(path: str) -> tuple[Any, Any]:
    from .errors import ProblemFileError
    from .problem import load_problem

    problem = load_problem(path)
    if problem.family is None:
        raise ProblemFileError(path, "sweep", f"is missing: credal sweep needs a [sweep] "
                               f"table (parameter and domain); this file is for credal "
                               f"{problem.kind}: run credal {problem.kind} {path}")
    return problem, problem.sweep()


def _approx(x: Any) -> float:
    """A float close to the sympy number ``x`` (rational or algebraic)."""
    import sympy

    return float(sympy.N(x, 30))


def _region_texts(regions: Any) -> list[str]:
    """Each region's text: ``at x`` for a point, else the interval, closed at an end of the
    domain that has no point region of its own (``[0, 1/6)``), open elsewhere."""
    points = {lo for lo, hi, _ in regions if lo == hi}
    d_lo, d_hi = regions.domain
    out = []
    for lo, hi, _ in regions:
        if lo == hi:
            out.append(f"at {lo}")
        else:
            left = "[" if lo == d_lo and lo not in points else "("
            right = "]" if hi == d_hi and hi not in points else ")"
            out.append(f"{left}{lo}, {hi}{right}")
    return out


def sweep_report(path: str) -> dict[str, Any]:
    """What ``credal sweep PATH --json`` prints, as a dict.

    ``{"title", "parameter", "domain", "outcomes", "acts", "rules", "ddt", "breakpoints"}``:
    ``domain`` ``[lo, hi]``; ``acts`` ``{act: {"lower": pieces, "upper": pieces}}``, where
    ``pieces`` is a list of ``{"lo", "hi", "value"}`` (the value on the closed interval
    ``[lo, hi]``, an expression in the parameter); ``rules`` ``{rule: regions}`` and ``ddt``
    (``null`` without a ``[ddt]`` table) the regions, a list of ``{"lo", "hi", "chosen"}``
    (``lo < hi``: the open interval; ``lo == hi``: that point); ``breakpoints`` every
    interior breakpoint, increasing, as ``{"value", "float"}``. Exact numbers and
    expressions are strings in sympy's syntax (``"1/6"``, ``"sqrt(2)/2"``,
    ``"2/3 - 2*r"``); ``float`` is a float approximation.
    """
    problem, result = _sweep(path)
    family = problem.family

    def pieces(value: Any) -> list[dict[str, str]]:
        return [{"lo": str(lo), "hi": str(hi), "value": str(e)} for lo, hi, e in value.pieces]

    def regions(rs: Any) -> list[dict[str, Any]]:
        return [{"lo": str(lo), "hi": str(hi), "chosen": [str(a) for a in chosen]}
                for lo, hi, chosen in rs]

    return {
        "title": problem.title,
        "parameter": family.parameter,
        "domain": [str(x) for x in family.domain],
        "outcomes": [str(x) for x in problem.outcomes],
        "acts": {str(a): {"lower": pieces(result.lower[a]), "upper": pieces(result.upper[a])}
                 for a in family.acts},
        "rules": {rule: regions(rs) for rule, rs in result.regions.items()},
        "ddt": None if result.ddt is None else regions(result.ddt),
        "breakpoints": [{"value": str(x), "float": _approx(x)} for x in result.breakpoints],
    }


def sweep_text(path: str) -> str:
    """What ``credal sweep PATH`` prints: the parameter and its domain; each act's lower and
    upper expectation piece by piece; each rule's chosen acts (and DDT's policies) region
    by region; the breakpoints, exactly and as decimals."""
    problem, result = _sweep(path)
    family = problem.family
    name = family.parameter
    lo, hi = family.domain
    counts = []
    if family.acts:
        counts.append(f"{len(family.acts)} act{'' if len(family.acts) == 1 else 's'}")
    if result.ddt is not None:
        n = len(result.ddt.acts)
        counts.append(f"{n} DDT polic{'y' if n == 1 else 'ies'}")
    parts = [f"{problem.title}: {name} in [{lo}, {hi}], {len(problem.outcomes)} outcomes "
             f"({_names(problem.outcomes)}), {', '.join(counts)}, exact arithmetic."]
    if family.acts:
        rows = []
        for a in family.acts:
            for bound, value in (("lower", result.lower[a]), ("upper", result.upper[a])):
                for k, (x, y, e) in enumerate(value.pieces):
                    rows.append([str(a) if bound == "lower" and k == 0 else "",
                                 bound if k == 0 else "", f"[{x}, {y}]", str(e)])
        parts.append("")
        parts.append(_table(rows, ["act", "E", f"{name} in", "value"]))
    if result.regions:
        rows = []
        for rule, rs in result.regions.items():
            for k, ((_, _, chosen), where) in enumerate(zip(rs, _region_texts(rs),
                                                             strict=True)):
                rows.append([RULES[rule] if k == 0 else "", where, _names(chosen)])
        parts.append("")
        parts.append(_table(rows, ["rule", f"{name} in", "chosen acts"]))
    if result.ddt is not None:
        rows = [[where, _names(chosen)] for (_, _, chosen), where in
                zip(result.ddt, _region_texts(result.ddt), strict=True)]
        parts.append("")
        parts.append("DDT chooses:")
        parts.append(_table(rows, [f"{name} in", "policies"]))
    points = result.breakpoints
    parts.append("")
    parts.append("Breakpoints: " + (", ".join(
        str(x) if x.is_Rational and x.q == 1 else f"{x} ≈ {_approx(x):.6g}" for x in points)
        if points else "none") + ".")
    return "\n".join(parts)


def examples_text() -> str:
    """What ``credal examples`` prints: each shipped problem file's name, command, title and
    path."""
    from .problem import example_problems, load_problem

    rows = []
    for name, path in example_problems().items():
        problem = load_problem(path)
        rows.append([name, problem.kind, problem.title])
    paths = "\n".join(f"  {path}" for path in example_problems().values())
    return (_table(rows, ["name", "command", "title"])
            + "\nRun one with credal COMMAND --example NAME, e.g. credal decide --example "
              "troffaes.\nThe files (copy one to start a problem of your own):\n" + paths)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="credal",
        description="Decisions under Knightian uncertainty: credal sets, lower expectations, "
                    "exact arithmetic.",
        epilog="examples:\n"
               "  credal demo\n"
               "  credal examples                       # the problem files shipped with "
               "credal\n"
               "  credal decide --example troffaes\n"
               "  credal decide --example ellsberg --json\n"
               "  credal ddt --example newcomb\n"
               "  credal decide my_problem.toml\n"
               "  credal mdp my_mdp.toml --kernel\n"
               "  credal sweep my_sweep.toml             # one parameter, exactly\n\n"
               "Problem files (TOML or JSON) are described in the docs' how-to 'Problem\n"
               "files and the command line' and in help(credal.problem). Numbers written\n"
               "as strings such as \"1/3\" are exact.",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    from . import __version__

    parser.add_argument("--version", action="version", version=f"credal {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.add_parser("demo", help="run a worked example end to end (no arguments needed)",
                   description="Troffaes's six acts and Ellsberg's urn, exactly.")
    sub.add_parser("examples", help="list the example problem files shipped with credal",
                   description="List the example problem files shipped with credal: their "
                               "names (for --example), titles and paths.")
    for name, text in (("decide", "every decision rule's choice on a problem file's belief "
                                  "and acts, and each act's lower and upper expectation"),
                       ("ddt", "the DDT value of each policy of a problem file's [ddt] "
                               "problem, and the policies DDT chooses"),
                       ("mdp", "the values and the policy that answer the objective of a "
                               "problem file's [mdp] problem (a supra-MDP)"),
                       ("sweep", "each act's lower and upper expectation and each rule's "
                                 "choice as exact functions of the parameter of a problem "
                                 "file's [sweep] table")):
        cmd = sub.add_parser(name, help=text, description=text[0].upper() + text[1:] + ".")
        which = cmd.add_mutually_exclusive_group(required=True)
        which.add_argument("problem", metavar="PROBLEM", nargs="?",
                           help="a problem file: TOML, or JSON if its name ends in .json")
        which.add_argument("--example", metavar="NAME",
                           help="an example problem shipped with credal instead of a file "
                                "(credal examples lists them)")
        cmd.add_argument("--json", action="store_true",
                         help="print JSON instead of tables (exact values as strings such "
                              "as \"28/25\")")
        if name == "mdp":
            cmd.add_argument("--kernel", action="store_true",
                             help="also print nature's distribution and the action's value "
                                  "for every state-action pair (at the first decision)")
    return parser


def _problem_path(parser: argparse.ArgumentParser, args: argparse.Namespace) -> str:
    if args.example is None:
        return str(args.problem)
    from .problem import example_problems

    examples = example_problems()
    if args.example not in examples:
        parser.error(f"argument --example: no example named {args.example!r}; the examples "
                     f"are {', '.join(examples)} (credal examples lists them)")
    return str(examples[args.example])


def _run(argv: Sequence[str] | None) -> int:
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit:  # --help, --version, a usage error: flush inside the pipe guard
        sys.stdout.flush()
        raise
    if args.command is None:
        parser.print_help(sys.stderr)
        return 2
    try:
        if args.command == "demo":
            print(demo())
        elif args.command == "examples":
            print(examples_text())
        else:
            path = _problem_path(parser, args)
            if args.command == "mdp":
                report: Any = partial(mdp_report, kernel=args.kernel)
                text: Any = partial(mdp_text, kernel=args.kernel)
            elif args.command == "sweep":
                report, text = sweep_report, sweep_text
            else:
                report, text = (decide_report, decide_text) if args.command == "decide" \
                    else (ddt_report, ddt_text)
            print(json.dumps(report(path), indent=2, ensure_ascii=False) if args.json
                  else text(path))
    except CredalError as exc:
        print(f"credal: error: {' '.join(str(exc).split())}", file=sys.stderr)
        return 1
    sys.stdout.flush()  # a closed pipe shows here, not at exit
    return 0


#: Exit statuses for an interrupt and a closed output pipe, as a shell reports a program
#: killed by SIGINT or SIGPIPE: 128 + the signal's number.
EXIT_INTERRUPTED = 130
EXIT_BROKEN_PIPE = 141


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status.

    0 ok, 1 bad problem, 2 bad usage (also a bare ``credal``, which prints the help on
    standard error), 130 interrupted by Ctrl-C, 141 standard output closed by its reader.
    Neither of the last two prints a traceback.
    """
    try:
        return _run(argv)
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # Python's documented recipe (signal module, "Note on SIGPIPE"): point standard
        # output at devnull, so that the flush at exit does not fail a second time.
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
        except (OSError, ValueError, AttributeError):  # not a real file (a test's capture)
            pass
        return EXIT_BROKEN_PIPE


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())

"""``[mdp]`` problem files and ``credal mdp``: parsing, known answers, the command's output
and every kind of bad input.

The known answers are worked by hand in the comments (backward induction, or the fixed
point of the Bellman equations solved as a linear system).
"""

from __future__ import annotations

import copy
import json
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import credal as cr
from credal.cli import main
from credal.errors import ProblemFileError
from credal.problem import example_problems

DATA = Path(__file__).resolve().parent / "data"
ROUTE = str(DATA / "mdp_route.toml")
MACHINE = str(DATA / "mdp_machine.toml")
F = Fraction


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    rc = main(list(argv))
    out, err = capsys.readouterr()
    return rc, out, err


def route(**objective: Any) -> dict[str, Any]:
    """``mdp_route.toml`` as parsed data, with its objective replaced by ``objective``."""
    return {"mdp": {
        "states": ["start", "goal", "crash"],
        "transitions": {
            "start": {"safe": {"start": ["1/2", "3/4"], "goal": ["1/4", "1/2"]},
                      "risky": {"goal": ["1/2", "2/3"],
                                "crash": {"lower": "1/3", "upper": "1/2"}}},
            "goal": {"stay": {"goal": 1}},
            "crash": {"stay": {"crash": 1}}},
        **objective}}


def machine(**objective: Any) -> dict[str, Any]:
    """``mdp_machine.toml`` as parsed data, with its objective replaced by ``objective``."""
    return {"mdp": {
        "states": ["ok", "broken"],
        "transitions": {
            "ok": {"run": {"tv_ball": {"center": {"ok": "3/4", "broken": "1/4"},
                                       "radius": "1/12"}},
                   "service": {"precise": [1, 0]}},
            "broken": {"repair": {"lower": {"ok": 1}, "upper": {"ok": 1, "broken": 0}}}},
        "rewards": {"ok": {"run": 1, "service": "1/2"}, "broken": -1},
        **objective}}


# -- known answers ------------------------------------------------------------------------
def test_route_file_reachability_three_steps() -> None:
    # V1(start) = max(safe 1/4, risky 1/2) = 1/2 (risky); V2 = safe: 3/4 * 1/2 + 1/4 = 5/8;
    # V3 = safe: 3/4 * 5/8 + 1/4 = 23/32 (nature keeps as much mass at start as it may)
    p = cr.load_problem(ROUTE)
    assert p.kind == "mdp" and p.title == "Safe or risky route"
    assert p.outcomes == ("start", "goal", "crash") and p.belief is None and not p.acts
    assert p.mdp is not None and p.mdp.is_exact and p.mdp.states == p.outcomes
    assert p.objective is not None and p.objective.name == "reachability"
    assert dict(p.objective.arguments) == {"horizon": 3, "target": ("goal",),
                                           "avoid": ("crash",), "nature": "adversarial"}
    sol = p.run()
    assert sol.values == {"start": F(23, 32), "goal": 1, "crash": 0}
    assert all(type(v) is Fraction for v in sol.values.values())
    assert [d["start"] for d in sol.policy] == ["safe", "safe", "risky"]
    assert sol.kernel["start", "safe"] == {"start": F(3, 4), "goal": F(1, 4)}
    assert sol.kernel["start", "risky"] == {"goal": F(1, 2), "crash": F(1, 2)}
    assert sol.q_values["start", "risky"] == F(1, 2)


@pytest.mark.parametrize(("objective", "start", "action"), [
    # cooperative nature, one step: risky reaches the goal with probability up to 2/3
    ({"target": ["goal"], "avoid": ["crash"], "horizon": 1, "nature": "cooperative"},
     F(2, 3), "risky"),
    # eventually: the safe route reaches the goal surely (least fixed point of
    # V = 3/4 V + 1/4 is 1); nature can only delay
    ({"target": ["goal"], "avoid": ["crash"]}, F(1), "safe"),
    # horizon 0: only the target counts
    ({"target": ["goal"], "horizon": 0}, F(0), None),
])
def test_route_reachability_variants(objective: dict[str, Any], start: Fraction,
                                     action: str | None) -> None:
    sol = cr.parse_problem(route(reachability=objective)).run()
    assert sol.values["start"] == start and type(sol.values["start"]) is Fraction
    first = sol.policy[0] if isinstance(sol.policy, tuple) and sol.policy else sol.policy
    assert (first["start"] if first else None) == action


def test_route_safety_and_evaluate() -> None:
    # staying out of crash: the safe route never crashes, forever or for two steps
    for horizon in (None, 2):
        sol = cr.parse_problem(route(safety={"avoid": ["crash"], "horizon": horizon}
                                     if horizon is not None else {"avoid": ["crash"]})).run()
        assert sol.values == {"start": 1, "goal": 1, "crash": 0}
    # the risky route for two steps, paid 1 in the goal at the end: 1/2 (crash with 1/2)
    policy = {"start": "risky", "goal": "stay", "crash": "stay"}
    sol = cr.parse_problem(route(evaluate={"policy": policy, "horizon": 2,
                                           "terminal": {"goal": 1}})).run()
    assert sol.values == {"start": F(1, 2), "goal": 1, "crash": 0}
    # solve with the same terminal values: 5/8 (safe, then risky), as reachability gives
    sol = cr.parse_problem(route(solve={"horizon": 2, "terminal": {"goal": 1}})).run()
    assert sol.values["start"] == F(5, 8)
    assert [d["start"] for d in sol.policy] == ["safe", "risky"]


def test_machine_file_discounted_infinite_horizon() -> None:
    # run earns 1, works on with p in [2/3, 5/6]; service earns 1/2; repair costs 1.
    # adversarial: x = 1 + (2/3 x + 1/3 y) / 2, y = -1 + x / 2  =>  x = 10/7, y = -2/7
    # (service would give 1/2 + x/2 = 17/14 < 10/7)
    p = cr.load_problem(MACHINE)
    sol = p.run()
    assert sol.values == {"ok": F(10, 7), "broken": F(-2, 7)}
    assert sol.policy == {"ok": "run", "broken": "repair"} and sol.residual == 0
    assert sol.kernel["ok", "run"] == {"ok": F(2, 3), "broken": F(1, 3)}
    assert sol.q_values["ok", "service"] == F(17, 14)
    assert p.mdp is not None
    assert p.mdp.transitions["ok"]["run"].equals(
        cr.CredalSet.from_bounds(["2/3", "1/6"], ["5/6", "1/3"], outcomes=["ok", "broken"]))


@pytest.mark.parametrize(("objective", "values", "policy"), [
    # cooperative: x = 1 + (5/6 x + 1/6 y) / 2, y = -1 + x / 2  =>  x = 22/13, y = -2/13
    ({"solve": {"discount": "1/2", "nature": "cooperative"}}, (F(22, 13), F(-2, 13)), "run"),
    # servicing for ever: x = 1/2 + x / 2 = 1, y = -1 + 1/2
    ({"evaluate": {"policy": {"ok": "service", "broken": "repair"}, "discount": "1/2"}},
     (F(1), F(-1, 2)), "service"),
    # two steps, undiscounted: V1 = (1, -1); V2(ok) = run: 1 + (2/3 - 1/3) = 4/3,
    # service: 1/2 + 1 = 3/2; V2(broken) = -1 + 1 = 0
    ({"solve": {"horizon": 2}}, (F(3, 2), F(0)), "service"),
    # two steps, discount 1/2: V2(ok) = run: 1 + 1/6 = 7/6 > service 1/2 + 1/2
    ({"solve": {"horizon": 2, "discount": "1/2"}}, (F(7, 6), F(-1, 2)), "run"),
])
def test_machine_objectives(objective: dict[str, Any], values: tuple[Fraction, Fraction],
                            policy: str) -> None:
    sol = cr.parse_problem(machine(**objective)).run()
    assert (sol.values["ok"], sol.values["broken"]) == values
    first = sol.policy[0] if isinstance(sol.policy, tuple) else sol.policy
    assert first["ok"] == policy


def test_float_numbers_give_a_float_problem() -> None:
    data = machine(solve={"discount": 0.5})
    data["mdp"]["transitions"]["ok"]["run"] = {"ok": [0.6, 0.8], "broken": [0.2, 0.4]}
    p = cr.parse_problem(data)
    assert p.mdp is not None and not p.mdp.is_exact
    sol = p.run()
    # x = 1 + (0.6 x + 0.4 y) / 2, y = -1 + x / 2  =>  x = 4/3, y = -1/3
    assert isinstance(sol.values["ok"], float)
    assert sol.values["ok"] == pytest.approx(4 / 3, abs=1e-9)
    assert sol.values["broken"] == pytest.approx(-1 / 3, abs=1e-9)


# -- every way of writing a transition --------------------------------------------------
S3 = ["s", "t", "u"]
SPELLINGS: dict[str, tuple[Any, cr.CredalSet]] = {
    "intervals": ({"s": ["1/4", "1/2"], "t": ["1/2", "3/4"]},
                  cr.CredalSet.from_bounds(["1/4", "1/2", 0], ["1/2", "3/4", 0], outcomes=S3)),
    "interval tables": ({"s": {"lower": "1/4"}, "t": {"upper": "3/4"}, "u": 0},
                        cr.CredalSet.from_bounds(["1/4", 0, 0], [1, "3/4", 0], outcomes=S3)),
    "numbers": ({"t": "1/3", "u": "2/3"}, cr.precise([0, "1/3", "2/3"], outcomes=S3)),
    "lower and upper": ({"lower": {"s": "1/4"}, "upper": ["1/2", 1, "1/4"]},
                        cr.CredalSet.from_bounds(["1/4", 0, 0], ["1/2", 1, "1/4"],
                                                 outcomes=S3)),
    "vertices": ({"vertices": [[1, 0, 0], {"s": 0, "t": "1/2", "u": "1/2"}]},
                 cr.CredalSet.from_vertices([[1, 0, 0], [0, "1/2", "1/2"]], outcomes=S3)),
    "tv_ball": ({"tv_ball": {"center": ["1/3", "1/3", "1/3"], "radius": "1/6"}},
                cr.tv_ball(["1/3", "1/3", "1/3"], "1/6", outcomes=S3)),
    "contamination": ({"contamination": {"center": [0, 1, 0], "epsilon": "1/5"}},
                      cr.contamination([0, 1, 0], "1/5", outcomes=S3)),
    "constraints": ({"constraints": {"A_eq": [[1, 0, 0]], "b_eq": ["1/3"]}},
                    cr.CredalSet.from_constraints(A_eq=[[1, 0, 0]], b_eq=["1/3"], outcomes=S3)),
    "precise": ({"precise": {"s": "1/2", "t": "1/2", "u": 0}},
                cr.precise(["1/2", "1/2", 0], outcomes=S3)),
    "vacuous": ({"vacuous": True}, cr.vacuous(S3)),
}


@pytest.mark.parametrize("name", list(SPELLINGS))
def test_every_transition_spelling(name: str) -> None:
    spec, expected = SPELLINGS[name]
    data = {"mdp": {"states": S3,
                    "transitions": {"s": {"go": spec}, "t": {"stay": {"t": 1}},
                                    "u": {"stay": {"u": 1}}},
                    "reachability": {"target": ["t"], "horizon": 1}}}
    p = cr.parse_problem(data)
    assert p.mdp is not None and p.mdp.is_exact
    assert p.mdp.transitions["s"]["go"].equals(expected)
    # one step: the lower probability of moving to t, as the set itself says
    assert p.run().values["s"] == cr.lower_probability(expected, ["t"])


def test_action_order_and_ties_follow_the_file() -> None:
    # two identical actions, listed in opposite orders: ties go to the first listed, so
    # the model cannot be reordered into one shared action list
    data = {"mdp": {"states": ["a", "b"],
                    "transitions": {"a": {"x": {"b": ["1/2", 1], "a": [0, "1/2"]},
                                          "y": {"b": ["1/2", 1], "a": [0, "1/2"]}},
                                    "b": {"y": {"a": ["1/2", 1], "b": [0, "1/2"]},
                                          "x": {"a": ["1/2", 1], "b": [0, "1/2"]}}},
                    "solve": {"horizon": 1, "terminal": {"a": 1}}}}
    p = cr.parse_problem(data)
    assert p.mdp is not None
    assert p.mdp.actions("a") == ("x", "y") and p.mdp.actions("b") == ("y", "x")
    sol = p.run()
    assert sol.values == {"a": 0, "b": F(1, 2)}
    assert sol.policy[0] == {"a": "x", "b": "y"}


def test_integer_states_and_state_rewards() -> None:
    data = {"mdp": {"states": [0, 1],
                    "transitions": {"0": {"go": {"1": 1}}, "1": {"stay": {"1": 1}}},
                    "rewards": {"0": 3, "1": {"stay": "1/2"}},
                    "solve": {"horizon": 2}}}
    p = cr.parse_problem(data)
    assert p.outcomes == (0, 1)
    assert p.run().values == {0: F(7, 2), 1: 1}


def test_json_file_reads_like_toml(tmp_path: Path) -> None:
    f = tmp_path / "route.json"
    f.write_text(json.dumps({"title": "Safe or risky route",
                             **route(reachability={"target": ["goal"], "avoid": ["crash"],
                                                   "horizon": 3})}))
    assert cr.load_problem(f).run().values == cr.load_problem(ROUTE).run().values


def test_kind_and_run_of_every_problem() -> None:
    kinds = {name: cr.load_problem(path).kind for name, path in example_problems().items()}
    assert kinds == {"counterfactual_mugging": "ddt", "ellsberg": "decide",
                     "newcomb": "ddt", "troffaes": "decide"}
    p = cr.load_problem(example_problems()["troffaes"])
    assert p.mdp is None and p.objective is None
    with pytest.raises(ProblemFileError) as info:
        p.run()
    assert info.value.key == "mdp"


def test_parsing_does_not_change_the_data() -> None:
    data = machine(evaluate={"policy": {"ok": "run", "broken": "repair"}, "horizon": 2})
    before = copy.deepcopy(data)
    cr.parse_problem(data).run()
    assert data == before


# -- two spellings of one model agree (property) ----------------------------------------
@st.composite
def interval_models(draw: st.DrawFn) -> tuple[list[str], dict[str, Any], dict[str, Any]]:
    """A random exact interval MDP written twice: intervals per successor (an interval
    model) and [belief] lower/upper tables (a credal set per pair)."""
    n = draw(st.integers(2, 3))
    states = [f"s{i}" for i in range(n)]
    grid = st.integers(0, 4).map(lambda k: Fraction(k, 4))
    by_interval: dict[str, Any] = {}
    by_bounds: dict[str, Any] = {}
    for s in states:
        by_interval[s], by_bounds[s] = {}, {}
        for a in ("a", "b")[:draw(st.integers(1, 2))]:
            p = [draw(grid) for _ in states]  # a point inside, so the intervals are feasible
            total = sum(p)
            p = [x / total for x in p] if total else [Fraction(1)] + [Fraction(0)] * (n - 1)
            lo = [max(Fraction(0), x - draw(grid) / 2) for x in p]
            up = [min(Fraction(1), x + draw(grid) / 2) for x in p]
            by_interval[s][a] = {t: [str(lo[i]), str(up[i])] for i, t in enumerate(states)}
            by_bounds[s][a] = {"lower": [str(x) for x in lo], "upper": [str(x) for x in up]}
    return states, by_interval, by_bounds


@settings(max_examples=25)
@given(interval_models(), st.integers(0, 3), st.sampled_from(["adversarial", "cooperative"]))
def test_intervals_and_bounds_spellings_agree(model: tuple[list[str], dict[str, Any],
                                                           dict[str, Any]],
                                              horizon: int, nature: str) -> None:
    states, by_interval, by_bounds = model
    objective = {"reachability": {"target": [states[-1]], "horizon": horizon,
                                  "nature": nature}}
    a = cr.parse_problem({"mdp": {"states": states, "transitions": by_interval, **objective}})
    b = cr.parse_problem({"mdp": {"states": states, "transitions": by_bounds, **objective}})
    assert "interval" in repr(a.mdp) and "credal-set" in repr(b.mdp)
    va, vb = a.run().values, b.run().values
    assert va == vb and all(type(v) is Fraction for v in va.values())
    assert all(0 <= v <= 1 for v in va.values())


# -- credal mdp ---------------------------------------------------------------------------
def test_mdp_text_finite_horizon(capsys: pytest.CaptureFixture[str]) -> None:
    rc, out, err = run(capsys, "mdp", ROUTE)
    assert rc == 0 and err == ""
    lines = out.splitlines()
    assert lines[0] == ("Safe or risky route: 3 states (start, goal, crash), 4 state-action "
                        "pairs, exact arithmetic.")
    assert lines[1] == ("The highest probability of reaching goal before crash within 3 steps; "
                        "nature adversarial (lower expectations).")
    assert lines[2].split() == ["state", "value", "step", "0", "step", "1", "step", "2", "note"]
    assert lines[4].split() == ["start", "23/32", "safe", "safe", "risky"]
    assert lines[5].split() == ["goal", "1", "stay", "stay", "stay", "target"]
    assert lines[6].split() == ["crash", "0", "stay", "stay", "stay", "avoid"]
    assert len(lines) == 7 and "Nature" not in out


def test_mdp_text_kernel_and_infinite_horizon(capsys: pytest.CaptureFixture[str]) -> None:
    rc, out, _ = run(capsys, "mdp", MACHINE, "--kernel")
    assert rc == 0
    lines = out.splitlines()
    assert lines[2].split() == ["state", "value", "action"]
    assert lines[4].split() == ["ok", "10/7", "run"]
    assert lines[5].split() == ["broken", "-2/7", "repair"]
    assert lines[6].startswith("Exact fixed point, certified") and "(residual 0)" in lines[6]
    at = lines.index("Nature's choice (Q = the action's value against it):")
    assert lines[at + 1].split() == ["state", "action", "Q", "distribution"]
    assert lines[at + 3].split() == ["ok", "run", "10/7", "ok:", "2/3,", "broken:", "1/3"]
    assert lines[at + 4].split() == ["ok", "service", "17/14", "ok:", "1"]
    rc, out, _ = run(capsys, "mdp", ROUTE, "--kernel")
    assert "Nature's choice at the first decision" in out
    assert "start  safe    23/32  start: 3/4, goal: 1/4" in out


def test_mdp_json(capsys: pytest.CaptureFixture[str]) -> None:
    rc, out, err = run(capsys, "mdp", ROUTE, "--json")
    assert rc == 0 and err == ""
    data = json.loads(out)
    assert data == {
        "title": "Safe or risky route", "states": ["start", "goal", "crash"], "exact": True,
        "objective": "reachability",
        "arguments": {"horizon": 3, "target": ["goal"], "avoid": ["crash"],
                      "nature": "adversarial"},
        "values": {"start": "23/32", "goal": "1", "crash": "0"},
        "float_values": {"start": 0.71875, "goal": 1.0, "crash": 0.0},
        "policy": [{"start": "safe", "goal": "stay", "crash": "stay"},
                   {"start": "safe", "goal": "stay", "crash": "stay"},
                   {"start": "risky", "goal": "stay", "crash": "stay"}],
        "iterations": 3, "residual": "0"}
    rc, out, _ = run(capsys, "mdp", MACHINE, "--json", "--kernel")
    data = json.loads(out)
    assert data["policy"] == {"ok": "run", "broken": "repair"}
    assert data["arguments"] == {"horizon": None, "discount": "1/2", "terminal": None,
                                 "nature": "adversarial"}
    assert data["kernel"]["ok"] == {
        "run": {"q": "10/7", "distribution": {"ok": "2/3", "broken": "1/3"}},
        "service": {"q": "17/14", "distribution": {"ok": "1"}}}
    assert Fraction(data["values"]["ok"]) == F(10, 7)
    assert data["float_values"]["ok"] == pytest.approx(10 / 7, abs=1e-12)


def test_mdp_json_float_and_horizon_zero(tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    f = tmp_path / "f.toml"
    f.write_text('[mdp]\nstates = ["a", "b"]\n[mdp.transitions.a]\ngo = {a = [0.5, 0.75], '
                 'b = [0.25, 0.5]}\n[mdp.transitions.b]\nstay = {b = 1}\n'
                 '[mdp.evaluate]\npolicy = {a = "go", b = "stay"}\nhorizon = 0\n'
                 'terminal = {b = 2}\n')
    rc, out, _ = run(capsys, "mdp", str(f), "--json", "--kernel")
    assert rc == 0
    data = json.loads(out)
    assert data["exact"] is False and data["values"] == {"a": 0.0, "b": 2.0}
    assert data["policy"] == [] and data["kernel"] == {}
    assert data["arguments"]["terminal"] == {"b": "2"}  # as the file wrote it
    rc, out, _ = run(capsys, "mdp", str(f), "--kernel")
    assert rc == 0 and "Nature chooses nothing: with horizon 0 there is no decision." in out


def test_each_command_points_to_the_right_one(capsys: pytest.CaptureFixture[str]) -> None:
    for command in ("decide", "ddt"):
        rc, out, err = run(capsys, command, MACHINE)
        assert rc == 1 and out == "" and err.count("\n") == 1
        assert err.startswith(f"credal: error: {MACHINE}: mdp: is an MDP problem")
        assert err.rstrip().endswith(f"run credal mdp {MACHINE}")
    troffaes = str(example_problems()["troffaes"])
    rc, _, err = run(capsys, "mdp", troffaes)
    assert rc == 1 and err.rstrip().endswith(f"run credal decide {troffaes}")
    assert f"{troffaes}: mdp: is missing" in err


# -- bad input: one line naming the file and the key, exit status 1 ---------------------
GOOD = """\
[mdp]
states = ["start", "goal", "crash"]

[mdp.transitions.start]
safe = {start = ["1/2", "3/4"], goal = ["1/4", "1/2"]}
risky = {goal = ["1/2", "2/3"], crash = ["1/3", "1/2"]}

[mdp.transitions.goal]
stay = {goal = 1}

[mdp.transitions.crash]
stay = {crash = 1}

[mdp.rewards]
start = {safe = -1}

[mdp.reachability]
target = ["goal"]
avoid = ["crash"]
horizon = 3
"""
REACH = '[mdp.reachability]\ntarget = ["goal"]\navoid = ["crash"]\nhorizon = 3\n'


def swap(old: str, new: str) -> str:
    assert old in GOOD
    return GOOD.replace(old, new, 1)


BAD: dict[str, tuple[str, str, str]] = {
    # unknown states
    "transitions of an unknown state": (swap("[mdp.transitions.crash]",
                                             "[mdp.transitions.nowhere]\nstay = {goal = 1}\n"
                                             "[mdp.transitions.crash]"),
                                        "mdp.transitions.nowhere", "is not a state"),
    "unknown successor": (swap('goal = ["1/4", "1/2"]}', 'gaol = ["1/4", "1/2"]}'),
                          "mdp.transitions.start.safe.gaol", "is not a state"),
    "unknown state in a set spelling": (swap("stay = {goal = 1}",
                                             'stay = {lower = {gaol = "1/2"}, upper = [1, 1, 1]}'),
                                        "mdp.transitions.goal.stay.lower.gaol",
                                        "is not a state; the states are start, goal, crash"),
    "unknown target": (swap('target = ["goal"]', 'target = ["gaol"]'),
                       "mdp.reachability.target[0]", "'gaol' is not a state"),
    "unknown avoid": (swap('avoid = ["crash"]', 'avoid = ["crash", "ditch"]'),
                      "mdp.reachability.avoid[1]", "is not a state"),
    "unknown terminal state": (swap(REACH, '[mdp.solve]\nhorizon = 2\nterminal = {gaol = 1}\n'),
                               "mdp.solve.terminal.gaol", "is not a state"),
    "unknown rewards state": (swap("start = {safe = -1}", "nowhere = 1"),
                              "mdp.rewards.nowhere", "is not a state"),
    "unknown rewards action": (swap("start = {safe = -1}", "start = {fly = 1}"),
                               "mdp.rewards.start.fly", "is not an action of state start"),
    # states and actions
    "a state with no actions": (swap("[mdp.transitions.crash]\nstay = {crash = 1}\n", ""),
                                "mdp.transitions.crash", "has no actions"),
    "a state with an empty table": (swap("stay = {crash = 1}\n", ""),
                                    "mdp.transitions.crash", "is empty"),
    "missing states": (swap('states = ["start", "goal", "crash"]\n', ""), "mdp.states",
                       "is missing"),
    "duplicate states": (swap('"crash"]', '"goal"]'), "mdp.states", "twice"),
    "missing transitions": ('[mdp]\nstates = ["a"]\n[mdp.safety]\navoid = []\n',
                            "mdp.transitions", "is missing"),
    # transitions over other outcomes than the states
    "vertices over four outcomes": (swap("stay = {goal = 1}",
                                         "stay = {vertices = [[0, 1, 0, 0]]}"),
                                    "mdp.transitions.goal.stay.vertices[0]",
                                    "has 4 entries but there are 3 states"),
    "precise over two outcomes": (swap("stay = {goal = 1}", "stay = {precise = [0, 1]}"),
                                  "mdp.transitions.goal.stay.precise",
                                  "has 2 entries but there are 3 states"),
    "a set key beside a state": (swap("stay = {goal = 1}",
                                      "stay = {vacuous = true, goal = 1}"),
                                 "mdp.transitions.goal.stay.goal", "not a known key"),
    "not a table": (swap("stay = {goal = 1}", 'stay = ["goal"]'),
                    "mdp.transitions.goal.stay", "must be a non-empty table"),
    # intervals
    "no distribution": (swap('safe = {start = ["1/2", "3/4"], goal = ["1/4", "1/2"]}',
                             'safe = {start = ["1/2", "1/2"], goal = ["1/8", "1/4"]}'),
                        "mdp.transitions.start.safe", "admits no distribution"),
    "interval above 1": (swap('goal = ["1/4", "1/2"]}', 'goal = ["1/4", "3/2"]}'),
                         "mdp.transitions.start.safe.goal", "0 <= lower <= upper <= 1"),
    "lower above upper": (swap('goal = ["1/4", "1/2"]}', 'goal = ["1/2", "1/4"]}'),
                          "mdp.transitions.start.safe.goal", "0 <= lower <= upper <= 1"),
    "interval of three": (swap('goal = ["1/4", "1/2"]}', 'goal = [0, "1/4", "1/2"]}'),
                          "mdp.transitions.start.safe.goal", "two numbers"),
    "interval not a number": (swap('goal = ["1/4", "1/2"]}', 'goal = ["1/4", "half"]}'),
                              "mdp.transitions.start.safe.goal[1]", "must be a number"),
    # the objective
    "discount 1 without a horizon": (swap(REACH, '[mdp.solve]\ndiscount = 1\n'),
                                     "mdp.solve.discount", "must be below 1 without a horizon"),
    "discount above 1": (swap(REACH, '[mdp.solve]\ndiscount = "3/2"\nhorizon = 2\n'),
                         "mdp.solve.discount", "must lie in [0, 1]"),
    "neither horizon nor discount": (swap(REACH, '[mdp.solve]\nnature = "cooperative"\n'),
                                     "mdp.solve", "needs a horizon, a discount below 1"),
    "negative horizon": (swap("horizon = 3", "horizon = -1"), "mdp.reachability.horizon",
                         "non-negative integer"),
    "fractional horizon": (swap("horizon = 3", "horizon = 2.5"), "mdp.reachability.horizon",
                           "non-negative integer"),
    "horizon as a string": (swap("horizon = 3", 'horizon = "3"'), "mdp.reachability.horizon",
                            "non-negative integer"),
    "unknown nature": (swap("horizon = 3", 'horizon = 3\nnature = "indifferent"'),
                       "mdp.reachability.nature", '"adversarial"'),
    "unknown objective": (swap("[mdp.reachability]", "[mdp.maximize]"), "mdp.maximize",
                          "is not a known key"),
    "no objective": (GOOD.split("[mdp.reachability]")[0], "mdp", "exactly one objective"),
    "two objectives": (GOOD + '[mdp.safety]\navoid = ["crash"]\n', "mdp",
                       "exactly one objective table (reachability, safety given)"),
    "a key of another objective": (swap("horizon = 3", 'horizon = 3\ndiscount = "1/2"'),
                                   "mdp.reachability.discount", "is not a known key"),
    "target and avoid share": (swap('avoid = ["crash"]', 'avoid = ["goal"]'),
                               "mdp.reachability.avoid", "also in target"),
    "empty target": (swap('target = ["goal"]', "target = []"), "mdp.reachability.target",
                     "is empty"),
    "missing target": (swap('target = ["goal"]\n', ""), "mdp.reachability.target",
                       "is missing"),
    "target not a list": (swap('target = ["goal"]', 'target = "goal"'),
                          "mdp.reachability.target", "must be a list of states"),
    "safety without avoid": (swap(REACH, "[mdp.safety]\nhorizon = 2\n"), "mdp.safety.avoid",
                             "is missing"),
    "policy with an unknown action": (swap(REACH, '[mdp.evaluate]\nhorizon = 1\npolicy = '
                                                  '{start = "fly", goal = "stay", '
                                                  'crash = "stay"}\n'),
                                      "mdp.evaluate.policy.start",
                                      "is not an action of state start"),
    "policy missing a state": (swap(REACH, '[mdp.evaluate]\nhorizon = 1\npolicy = '
                                           '{start = "safe", goal = "stay"}\n'),
                               "mdp.evaluate.policy", "gives no action for crash"),
    # the file around it
    "outcomes beside mdp": ('outcomes = ["H", "T"]\n' + GOOD, "outcomes",
                            "cannot stand beside an [mdp] table"),
    "unknown mdp key": (swap("[mdp.rewards]", "[mdp.reward]"), "mdp.reward",
                        "is not a known key"),
    "ambiguous state names": ('[mdp]\nstates = ["lower", "upper"]\n[mdp.transitions.lower]\n'
                              'go = {lower = "1/2", upper = "1/2"}\n[mdp.transitions.upper]\n'
                              'go = {upper = 1}\n[mdp.safety]\navoid = ["upper"]\n',
                              "mdp.transitions.lower.go", "is ambiguous"),
}


@pytest.mark.parametrize("case", list(BAD))
def test_bad_mdp_file_exits_1_with_one_line(case: str, tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    text, key, problem = BAD[case]
    f = tmp_path / "bad.toml"
    f.write_text(text)
    with pytest.raises(ProblemFileError) as info:
        cr.load_problem(f)
    assert (info.value.source, info.value.key) == (str(f), key), str(info.value)
    assert problem in info.value.problem, str(info.value)
    rc, out, err = run(capsys, "mdp", str(f))
    assert rc == 1 and out == ""
    assert err.count("\n") == 1 and err.startswith(f"credal: error: {f}: {key}: "), err


def test_the_good_file_of_the_bad_cases_is_good(tmp_path: Path) -> None:
    f = tmp_path / "good.toml"
    f.write_text(GOOD)
    assert cr.load_problem(f).run().values["start"] == F(23, 32)


# -- any mangled [mdp] table: a ProblemFileError or a problem that runs ----------------
LEAVES = st.one_of(st.none(), st.booleans(), st.integers(-2, 4), st.floats(),
                   st.sampled_from(["1/3", "abc", "", "start", "goal", "crash", "safe",
                                    "adversarial", "cooperative", "vacuous"]),
                   st.lists(st.sampled_from(["goal", "start", "1/2", 0]), max_size=3),
                   st.builds(dict), st.builds(list), st.builds(lambda: {"vacuous": True}))


def _paths(x: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [prefix]
    if isinstance(x, dict):
        for k, v in x.items():
            out += _paths(v, (*prefix, k))
    elif isinstance(x, list):
        for i, v in enumerate(x):
            out += _paths(v, (*prefix, i))
    return out


@settings(max_examples=120)
@given(st.data())
def test_mangled_mdp_problems_raise_problem_file_errors(data: st.DataObject) -> None:
    problem = json.loads(json.dumps(route(reachability={"target": ["goal"],
                                                        "avoid": ["crash"], "horizon": 2})))
    problem["mdp"]["rewards"] = {"start": {"safe": -1}}
    for _ in range(data.draw(st.integers(1, 3))):
        path = data.draw(st.sampled_from(_paths(problem)[1:]))
        target = problem
        try:
            for step in path[:-1]:
                target = target[step]
            target[path[-1]] = data.draw(LEAVES)
        except (KeyError, IndexError, TypeError):
            continue  # an earlier mangling removed this path
    try:
        p = cr.parse_problem(problem, source="mangled.toml")
        sol = p.run()
    except ProblemFileError as exc:
        assert str(exc).startswith("mangled.toml: ") and "\n" not in str(exc)
        return
    assert p.mdp is not None and set(sol.values) == set(p.mdp.states)

"""The command line and problem files: ``credal decide``, ``credal ddt``, ``load_problem``."""

from __future__ import annotations

import io
import json
import os
import pickle
import subprocess
import sys
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import credal as cr
from credal.cli import RULES, main
from credal.errors import ProblemFileError
from credal.problem import example_problems

PROBLEMS = Path(cr.__file__).resolve().parent / "data" / "problems"
TROFFAES = str(PROBLEMS / "troffaes.toml")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    rc = main(list(argv))
    out, err = capsys.readouterr()
    return rc, out, err


# -- credal decide -----------------------------------------------------------------------
def test_decide_json_troffaes_is_exact(capsys: pytest.CaptureFixture[str]) -> None:
    rc, out, err = run(capsys, "decide", TROFFAES, "--json")
    assert rc == 0 and err == ""
    data = json.loads(out)
    assert set(data) == {"rules", "acts", "randomized_maximin", "title", "outcomes", "exact",
                         "alpha"}
    assert list(data["rules"]) == list(RULES) == [
        "gamma_maximin", "gamma_maximax", "hurwicz", "interval_dominance", "maximality",
        "e_admissibility", "minimax_regret"]
    # Troffaes's (2007) worked example
    assert data["rules"]["gamma_maximin"] == ["d5"]
    assert data["rules"]["gamma_maximax"] == ["d2"]
    assert data["rules"]["interval_dominance"] == ["d1", "d2", "d3", "d5", "d6"]
    assert data["rules"]["maximality"] == ["d1", "d2", "d3", "d5"]
    assert data["rules"]["e_admissibility"] == ["d1", "d2", "d3"]
    assert list(data["acts"]) == ["d1", "d2", "d3", "d4", "d5", "d6"]
    lower = {a: Fraction(v["lower"]) for a, v in data["acts"].items()}
    assert lower == {"d1": Fraction(28, 25), "d2": Fraction(6, 5), "d3": Fraction(57, 25),
                     "d4": Fraction(5, 4), "d5": Fraction(47, 20), "d6": Fraction(233, 250)}
    assert Fraction(data["acts"]["d1"]["upper"]) == Fraction(14, 5)


def test_decide_json_agrees_with_the_library(capsys: pytest.CaptureFixture[str]) -> None:
    p = cr.load_problem(TROFFAES)
    rc, out, _ = run(capsys, "decide", TROFFAES, "--json")
    data = json.loads(out)
    assert data["rules"]["hurwicz"] == cr.hurwicz(p.acts, p.belief, alpha=p.alpha)
    assert data["rules"]["minimax_regret"] == cr.minimax_regret(p.acts, p.belief)
    for a, f in p.acts.items():
        assert Fraction(data["acts"][a]["upper"]) == cr.upper_expectation(p.belief, f)


def test_decide_text_lists_every_rule_and_act(capsys: pytest.CaptureFixture[str]) -> None:
    rc, out, err = run(capsys, "decide", TROFFAES)
    assert rc == 0 and err == ""
    for label in RULES.values():
        assert label in out
    assert "233/250" in out and "139/50" in out
    assert "not maximal: d5 beats it by 1/20" in out
    line = next(ln for ln in out.splitlines() if ln.startswith("Γ-maximin"))
    assert line.split()[-1] == "d5"


def test_decide_json_problem_file(capsys: pytest.CaptureFixture[str]) -> None:
    rc, out, _ = run(capsys, "decide", str(PROBLEMS / "ellsberg.json"), "--json")
    data = json.loads(out)
    assert rc == 0
    assert data["rules"]["gamma_maximin"] == ["bet on B or Y"]
    bounds = {a: {k: v[k] for k in ("lower", "upper")} for a, v in data["acts"].items()}
    assert bounds["bet on R"] == {"lower": "100/3", "upper": "100/3"}
    assert bounds["bet on B"] == {"lower": "0", "upper": "200/3"}


def test_float_problem_gives_json_numbers(tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    f = tmp_path / "coin.toml"
    f.write_text('outcomes = ["H", "T"]\n[belief]\nlower = [0.28, 0.3]\nupper = [0.7, 0.72]\n'
                 '[acts]\nd1 = [4, 0]\nd2 = [0, 4]\n')
    rc, out, _ = run(capsys, "decide", str(f), "--json")
    data = json.loads(out)
    assert rc == 0
    assert isinstance(data["acts"]["d1"]["lower"], float)
    assert abs(data["acts"]["d1"]["lower"] - 1.12) <= 1e-9 * 4
    assert data["rules"]["gamma_maximin"] == ["d2"]


# -- credal ddt --------------------------------------------------------------------------
def test_ddt_newcomb(capsys: pytest.CaptureFixture[str]) -> None:
    rc, out, _ = run(capsys, "ddt", str(PROBLEMS / "newcomb.toml"), "--json")
    assert rc == 0
    assert json.loads(out) == {"values": {"one-box": "900000", "two-box": "1000"},
                               "choice": ["one-box"]}
    rc, out, _ = run(capsys, "ddt", str(PROBLEMS / "newcomb.toml"))
    assert rc == 0 and "DDT chooses: one-box." in out


def test_ddt_counterfactual_mugging(capsys: pytest.CaptureFixture[str]) -> None:
    rc, out, _ = run(capsys, "ddt", str(PROBLEMS / "counterfactual_mugging.toml"), "--json")
    assert rc == 0
    # V(pay) = min over P(heads) in [1/4, 3/4] of 10,000 h - 100 (1 - h) = 2,425
    assert json.loads(out) == {"values": {"pay": "2425", "refuse": "0"}, "choice": ["pay"]}


def test_ddt_empty_disambiguation_is_inf_in_json(tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    f = tmp_path / "p.toml"
    f.write_text('outcomes = ["a", "b"]\n[belief]\nprecise = [1, 0]\n'
                 '[ddt]\nutility = [1, 2]\n[ddt.policies]\nx = ["a"]\ny = ["b"]\n')
    rc, out, _ = run(capsys, "ddt", str(f), "--json")
    assert rc == 0
    assert json.loads(out) == {"values": {"x": "1", "y": "inf"}, "choice": ["y"]}


# -- every way of giving a belief -----------------------------------------------------
BELIEFS: dict[str, tuple[dict[str, Any], cr.CredalSet]] = {
    "vertices": ({"vertices": [["1/2", "1/2", 0], [0, 0, 1]]},
                 cr.CredalSet.from_vertices([["1/2", "1/2", 0], [0, 0, 1]])),
    "bounds": ({"lower": [0, "1/4", 0], "upper": ["1/2", 1, 1]},
               cr.CredalSet.from_bounds([0, "1/4", 0], ["1/2", 1, 1])),
    "bounds as tables": ({"lower": {"1": "1/4"}, "upper": {"0": "1/2"}},
                         cr.CredalSet.from_bounds([0, "1/4", 0], ["1/2", 1, 1])),
    "constraints": ({"constraints": {"A_ub": [[1, -1, 0]], "b_ub": [0]}},
                    cr.CredalSet.from_constraints(A_ub=[[1, -1, 0]], b_ub=[0])),
    "tv_ball": ({"tv_ball": {"center": ["1/3", "1/3", "1/3"], "radius": "1/6"}},
                cr.tv_ball(["1/3", "1/3", "1/3"], "1/6")),
    "contamination": ({"contamination": {"center": [1, 0, 0], "epsilon": "1/5"}},
                      cr.contamination([1, 0, 0], "1/5")),
    "idm": ({"idm": {"counts": [3, 1, 0], "s": 2}}, cr.idm([3, 1, 0], 2)),
    "precise": ({"precise": ["1/2", "1/4", "1/4"]}, cr.precise(["1/2", "1/4", "1/4"])),
    "vacuous": ({"vacuous": True}, cr.vacuous(3)),
}


@pytest.mark.parametrize("name", list(BELIEFS))
def test_every_belief_form(name: str) -> None:
    table, expected = BELIEFS[name]
    p = cr.parse_problem({"outcomes": [0, 1, 2], "belief": table})
    assert p.belief is not None and p.belief.is_exact
    assert p.belief.equals(expected)


def test_problem_is_read_only() -> None:
    p = cr.load_problem(TROFFAES)
    with pytest.raises(TypeError):
        p.acts["d7"] = (1, 1)  # type: ignore[index]
    with pytest.raises(AttributeError):
        p.belief = None  # type: ignore[misc]
    q = pickle.loads(pickle.dumps(p))
    assert dict(q.acts) == dict(p.acts) and q.belief is not None and q.belief.equals(p.belief)
    with pytest.raises(TypeError):
        q.acts["d7"] = (1, 1)  # type: ignore[index]
    d = pickle.loads(pickle.dumps(cr.load_problem(PROBLEMS / "newcomb.toml")))
    assert d.ddt.values() == {"one-box": 900_000, "two-box": 1_000}
    err = pickle.loads(pickle.dumps(ProblemFileError("f.toml", "acts", "is empty")))
    assert (str(err), err.key) == ("f.toml: acts: is empty", "acts")


# -- malformed files: exit 1, one line naming the file, the key and the problem ---------
GOOD = 'outcomes = ["H", "T"]\n[belief]\nlower = ["0.28", 0]\nupper = ["0.7", 1]\n' \
       '[acts]\nd1 = [4, 0]\nd2 = [0, 4]\n'

MALFORMED = {
    "unknown top-level key": ('colour = "red"\n' + GOOD, "colour", "not a known key"),
    "unknown belief key": (GOOD.replace("upper =", "uper =").replace(
        '["0.28", 0]', '["0.28", 0]\nupper = [1, 1]'), "belief.uper", "not a known key"),
    "wrong length": (GOOD.replace("d1 = [4, 0]", "d1 = [4, 0, 1]"), "acts.d1",
                     "has 3 entries but there are 2 outcomes"),
    "empty belief": (GOOD.replace('lower = ["0.28", 0]\nupper = ["0.7", 1]\n', ""),
                     "belief", "exactly one way"),
    "two beliefs": (GOOD.replace("[acts]", "vacuous = true\n[acts]"), "belief",
                    "exactly one way"),
    "non-number": (GOOD.replace('"0.7"', '"seven tenths"'), "belief.upper[0]",
                   "is not one"),
    "boolean": (GOOD.replace("d2 = [0, 4]", "d2 = [0, true]"), "acts.d2[1]",
                "must be a number"),
    "nan": (GOOD.replace("d2 = [0, 4]", "d2 = [0, nan]"), "acts.d2[1]", "finite"),
    "unknown outcome": (GOOD.replace("d2 = [0, 4]", "d2 = {X = 1}"), "acts.d2.X",
                        "not an outcome"),
    "lower above upper": (GOOD.replace('"0.7"', '"0.2"'), "belief", "lower"),
    "no distribution": (GOOD.replace('upper = ["0.7", 1]', 'upper = ["0.7", "0.1"]'),
                        "belief", ""),
    "missing outcomes": (GOOD.replace('outcomes = ["H", "T"]\n', ""), "outcomes",
                         "missing"),
    "duplicate outcomes": (GOOD.replace('["H", "T"]', '["H", "H"]'), "outcomes", "twice"),
    "empty acts": (GOOD.split("[acts]")[0] + "[acts]\n", "acts", "empty"),
    "bad alpha": (GOOD + '[options]\nalpha = "3/2"\n', "options.alpha", "[0, 1]"),
    "not toml": ("outcomes = [\n", "(file)", "not valid TOML"),
    "tv ball without radius": ('outcomes = ["a", "b"]\n[belief]\ntv_ball = {center = [1, 0]}\n'
                               '[acts]\nx = [1, 0]\n', "belief.tv_ball.radius", "missing"),
    "radius not a number": ('outcomes = ["a", "b"]\n[belief]\n'
                            'tv_ball = {center = [1, 0], radius = [1]}\n[acts]\nx = [1, 0]\n',
                            "belief.tv_ball.radius", "must be a number"),
    "policy of unknown outcome": ('outcomes = ["a", "b"]\n[belief]\nvacuous = true\n'
                                  '[ddt]\nutility = [1, 0]\n[ddt.policies]\nx = ["c"]\n',
                                  "ddt.policies.x", "not an outcome"),
}


@pytest.mark.parametrize("case", list(MALFORMED))
def test_malformed_file_exits_1_with_one_line(case: str, tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    text, key, problem = MALFORMED[case]
    f = tmp_path / "bad.toml"
    f.write_text(text)
    command = "ddt" if "[ddt]" in text else "decide"
    rc, out, err = run(capsys, command, str(f))
    assert rc == 1 and out == ""
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith(f"credal: error: {f}: {key}:"), lines[0]
    assert problem in lines[0], lines[0]
    with pytest.raises(ProblemFileError) as info:
        cr.load_problem(f)
    assert (info.value.source, info.value.key) == (str(f), key)


def test_missing_file_and_bad_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rc, _, err = run(capsys, "decide", str(tmp_path / "nope.toml"))
    assert rc == 1 and "nope.toml: (file): cannot be read" in err
    f = tmp_path / "p.json"
    f.write_text('{"outcomes": ["a", "b"],')
    rc, _, err = run(capsys, "decide", str(f))
    assert rc == 1 and "p.json: (file): is not valid JSON" in err


def test_console_script_exit_codes(tmp_path: Path) -> None:
    """The installed ``credal`` script: --help, a good file, a bad file, a bad command."""
    script = Path(sys.executable).parent / "credal"
    cmd = [str(script)] if script.exists() else [sys.executable, "-m", "credal"]
    ok = subprocess.run([*cmd, "--help"], capture_output=True, text=True, timeout=120)
    assert ok.returncode == 0 and "decide" in ok.stdout and "ddt" in ok.stdout
    ok = subprocess.run([*cmd, "decide", TROFFAES, "--json"], capture_output=True, text=True,
                        timeout=120)
    assert ok.returncode == 0 and json.loads(ok.stdout)["rules"]["gamma_maximax"] == ["d2"]
    bad = tmp_path / "bad.toml"
    bad.write_text('outcomes = ["a"]\n[belief]\nvertices = [[1, 2]]\n[acts]\nx = [1]\n')
    out = subprocess.run([*cmd, "decide", str(bad)], capture_output=True, text=True,
                         timeout=120)
    assert out.returncode == 1 and out.stdout == ""
    assert out.stderr.count("\n") == 1 and "Traceback" not in out.stderr
    assert "belief.vertices[0]: has 2 entries but there are 1 outcomes" in out.stderr
    usage = subprocess.run([*cmd, "frobnicate"], capture_output=True, text=True, timeout=120)
    assert usage.returncode == 2


# -- any mangled problem: a ProblemFileError or a problem, never another exception ------
LEAVES = st.one_of(st.none(), st.booleans(), st.integers(-3, 3),
                   st.floats(allow_nan=True, allow_infinity=True), st.sampled_from(
                       ["1/3", "abc", "", "1/0", "H", "T", "nirvana"]),
                   st.lists(st.integers(-1, 2), max_size=3), st.just({}), st.just([]))
BASE_PROBLEM: dict[str, Any] = {
    "outcomes": ["H", "T"],
    "belief": {"lower": ["0.28", 0], "upper": ["0.7", 1]},
    "acts": {"d1": [4, 0], "d2": {"T": 4}},
    "options": {"alpha": "1/3"},
    "ddt": {"utility": [1, 0], "policies": {"x": ["H"], "y": ["T", "H"]}},
}


def _paths(x: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [prefix]
    if isinstance(x, dict):
        for k, v in x.items():
            out += _paths(v, (*prefix, k))
    elif isinstance(x, list):
        for i, v in enumerate(x):
            out += _paths(v, (*prefix, i))
    return out


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_mangled_problems_raise_problem_file_errors(data: st.DataObject) -> None:
    problem = json.loads(json.dumps(BASE_PROBLEM))
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
    except ProblemFileError as exc:
        assert str(exc).startswith("mangled.toml: ") and "\n" not in str(exc)
        return
    # what parses must answer
    if p.belief is not None and p.acts:
        assert set(cr.decide(dict(p.acts), p.belief).choices) >= set(RULES)
    if p.ddt is not None:
        assert set(p.ddt.values()) == set(p.ddt.policies)


# -- --json says what the text says ---------------------------------------------------------
def test_decide_json_explains_each_act_and_randomized_maximin(
        capsys: pytest.CaptureFixture[str]) -> None:
    rc, out, _ = run(capsys, "decide", TROFFAES, "--json")
    data = json.loads(out)
    assert rc == 0
    acts = data["acts"]
    # every act keeps its old keys, with the same values
    assert {a: (v["lower"], v["upper"]) for a, v in acts.items()}["d4"] == ("5/4", "23/10")
    assert acts["d4"]["beaten_by"] == {"act": "d5", "margin": "1/20"}
    assert acts["d6"]["beaten_by"] == {"act": "d1", "margin": "1/50"}
    assert acts["d4"]["note"] == "not maximal: d5 beats it by 1/20"
    assert acts["d5"] == {"lower": "47/20", "upper": "47/20", "maximal": True,
                          "e_admissible": False, "beaten_by": None,
                          "note": "maximal, not E-admissible"}
    assert acts["d1"]["note"] == "" and acts["d1"]["e_admissible"] is True
    assert [a for a, v in acts.items() if v["maximal"]] == data["rules"]["maximality"]
    assert [a for a, v in acts.items() if v["e_admissible"]] == data["rules"]["e_admissibility"]
    # randomized Γ-maximin: 1/5 d2 + 4/5 d3 guarantees 12/5, as the library says
    p = cr.load_problem(TROFFAES)
    weights, value = cr.randomized_maximin(p.acts, p.belief)
    assert data["randomized_maximin"] == {
        "weights": {a: str(w) for a, w in weights.items()}, "value": str(value)}
    assert data["randomized_maximin"]["weights"]["d3"] == "4/5" and value == Fraction(12, 5)
    assert (data["title"], data["outcomes"], data["exact"], data["alpha"]) == (
        "Troffaes's six acts", ["H", "T"], True, "1/2")
    rc, out, _ = run(capsys, "decide", TROFFAES)
    assert out.splitlines()[-1] == ("Randomized Γ-maximin: d2 (1/5), d3 (4/5); lower "
                                    "expectation 12/5.")


# -- the example problems shipped with the package ------------------------------------------
def test_examples_command_lists_the_shipped_files(capsys: pytest.CaptureFixture[str]) -> None:
    rc, out, err = run(capsys, "examples")
    assert rc == 0 and err == ""
    for name, path in example_problems().items():
        assert name in out and str(path) in out
    rows = {line.split()[0]: line.split()[1] for line in out.splitlines()[2:6]}
    assert rows == {"counterfactual_mugging": "ddt", "ellsberg": "decide", "newcomb": "ddt",
                    "troffaes": "decide"}


def test_example_option_reads_a_shipped_file(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "decide", "--example", "troffaes", "--json")[1] == \
        run(capsys, "decide", TROFFAES, "--json")[1]
    rc, out, _ = run(capsys, "ddt", "--example", "newcomb", "--json")
    assert rc == 0 and json.loads(out)["choice"] == ["one-box"]
    with pytest.raises(SystemExit) as info:
        main(["decide", "--example", "nope"])
    assert info.value.code == 2
    assert "no example named 'nope'; the examples are counterfactual_mugging, ellsberg" in \
        capsys.readouterr().err
    with pytest.raises(SystemExit) as info:
        main(["decide", TROFFAES, "--example", "troffaes"])
    assert info.value.code == 2


def test_decide_on_a_ddt_problem_says_to_run_credal_ddt(
        capsys: pytest.CaptureFixture[str]) -> None:
    for name, missing in (("newcomb", "acts"), ("counterfactual_mugging", "belief")):
        path = str(PROBLEMS / f"{name}.toml")
        rc, out, err = run(capsys, "decide", path)
        assert rc == 1 and out == ""
        assert err.startswith(f"credal: error: {path}: {missing}: is missing: this file is a "
                              f"DDT problem"), err
        assert err.rstrip().endswith(f"run credal ddt {path}") and err.count("\n") == 1
    rc, _, err = run(capsys, "ddt", TROFFAES)
    assert rc == 1 and err.rstrip().endswith(f"this file has acts: run credal decide {TROFFAES}")


# -- exit statuses: a bare credal, Ctrl-C, a closed pipe ------------------------------------
def test_bare_credal_prints_help_and_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    rc, out, err = run(capsys)
    assert rc == 2 and out == ""
    assert err.startswith("usage: credal") and "decide" in err and "examples" in err


def test_ctrl_c_exits_130_without_a_traceback(monkeypatch: pytest.MonkeyPatch,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    def interrupted(path: str) -> str:
        raise KeyboardInterrupt

    monkeypatch.setattr("credal.cli.decide_text", interrupted)
    try:
        rc, out, err = run(capsys, "decide", TROFFAES)
    except KeyboardInterrupt:  # would stop the test session itself
        pytest.fail("KeyboardInterrupt escaped credal.cli.main")
    assert (rc, out, err) == (130, "", "")


class _ClosedPipe(io.StringIO):
    """A standard output whose reader has gone away."""

    def write(self, s: str) -> int:
        raise BrokenPipeError(32, "Broken pipe")

    def flush(self) -> None:
        raise BrokenPipeError(32, "Broken pipe")


def test_closed_pipe_exits_141_quietly_in_process(monkeypatch: pytest.MonkeyPatch,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(sys, "stdout", _ClosedPipe())
    assert main(["decide", TROFFAES]) == 141
    assert main(["--help"]) == 141  # argparse's own output too
    assert main(["examples"]) == 141
    monkeypatch.undo()
    assert capsys.readouterr().err == ""


def _cli() -> list[str]:
    script = Path(sys.executable).parent / "credal"
    return [str(script)] if script.exists() else [sys.executable, "-m", "credal"]


def test_closed_pipe_exits_141_quietly_from_the_shell() -> None:
    """``credal decide FILE | head -0``: the reader is gone before credal writes."""
    proc = subprocess.Popen([*_cli(), "decide", TROFFAES], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()  # before the child has imported credal, let alone printed
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=120) == 141
    assert err == ""


def test_demo_runs_from_any_directory(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    out = subprocess.run([*_cli(), "demo"], capture_output=True, text=True, timeout=120,
                         cwd=tmp_path, env=env)
    assert out.returncode == 0 and out.stderr == "" and "233/250" in out.stdout
    out = subprocess.run([*_cli(), "decide", "--example", "ellsberg", "--json"],
                         capture_output=True, text=True, timeout=120, cwd=tmp_path, env=env)
    assert out.returncode == 0
    assert json.loads(out.stdout)["rules"]["gamma_maximin"] == ["bet on B or Y"]


# -- JSON files: a repeated key is refused, not reduced to its last value --------------------
GOOD_JSON = {"outcomes": ["H", "T"], "belief": {"lower": ["0.28", 0], "upper": ["0.7", 1]},
             "acts": {"d1": [4, 0], "d2": [0, 4]}}
REPEATED = {
    "act": ('"acts": {"d1": [4, 0], "d2": [0, 4]}',
            '"acts": {"d1": [4, 0], "d2": [0, 4], "d1": [0, 0]}', "acts.d1"),
    "top-level key": ('"acts": {', '"outcomes": ["a", "b"], "acts": {', "outcomes"),
    "belief key": ('"upper": ["0.7", 1]', '"upper": ["0.7", 1], "lower": [0, 0]',
                   "belief.lower"),
    "outcome in a gamble table": ('"d2": [0, 4]', '"d2": {"T": 4, "T": 1}', "acts.d2.T"),
    "table inside a list": ('"belief": {"lower": ["0.28", 0], "upper": ["0.7", 1]}',
                            '"belief": {"vertices": [{"H": 1, "T": 0}, {"H": 0, "T": 1, '
                            '"H": 1}]}', "belief.vertices[1].H"),
}


@pytest.mark.parametrize("case", list(REPEATED))
def test_json_repeated_key_is_refused(case: str, tmp_path: Path,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    old, new, key = REPEATED[case]
    text = json.dumps(GOOD_JSON)
    assert old in text
    f = tmp_path / "p.json"
    f.write_text(text.replace(old, new, 1))
    with pytest.raises(ProblemFileError) as info:
        cr.load_problem(f)
    assert (info.value.source, info.value.key) == (str(f), key)
    assert "more than once" in str(info.value) and "\n" not in str(info.value)
    rc, out, err = run(capsys, "decide", str(f))
    assert rc == 1 and out == "" and err.count("\n") == 1
    assert err.startswith(f"credal: error: {f}: {key}: is given more than once"), err


def test_json_without_repeats_still_reads(tmp_path: Path) -> None:
    f = tmp_path / "p.json"
    f.write_text(json.dumps({**GOOD_JSON, "belief": {"vertices": [{"H": 1, "T": 0},
                                                                  {"H": 0, "T": 1}]}}))
    p = cr.load_problem(f)
    assert dict(p.acts) == {"d1": (4, 0), "d2": (0, 4)} and p.belief is not None
    assert p.belief.equals(cr.vacuous(["H", "T"]))


# -- a file nested too deeply: one line, exit 1 ------------------------------------------
DEEP = {
    "json list": ("p.json", '{"outcomes": ["a"], "acts": {"x": ' + "[" * 5000 + "]" * 5000
                  + "}}"),
    "json object": ("p.json", '{"outcomes": ["a"], "acts": {"x": ' + '{"a": ' * 5000 + "1"
                    + "}" * 5000 + "}}"),
    "toml list": ("p.toml", 'outcomes = ["a"]\n[acts]\nx = ' + "[" * 5000 + "]" * 5000),
    "toml inline table": ("p.toml", 'outcomes = ["a"]\n[acts]\nx = ' + "{a = " * 5000 + "1"
                          + "}" * 5000),
}


@pytest.mark.parametrize("case", list(DEEP))
def test_deeply_nested_file_is_one_line_error(case: str, tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    name, text = DEEP[case]
    f = tmp_path / name
    f.write_text(text)
    with pytest.raises(ProblemFileError) as info:
        cr.load_problem(f)
    assert info.value.key == "(file)" and "nested too deeply" in str(info.value)
    rc, out, err = run(capsys, "decide", str(f))
    assert rc == 1 and out == "" and err.count("\n") == 1
    assert err.startswith(f"credal: error: {f}: (file): is nested too deeply"), err


@pytest.mark.parametrize("number", ['"1e9999999"', '"1e-99999999"', '"' + "7" * 5000 + '"'])
def test_a_number_string_beyond_the_limits_is_refused_at_once(
        number: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # Fraction("1e9999999") alone takes many seconds: the file is refused before any work.
    import time

    path = tmp_path / "huge.toml"
    path.write_text(f'outcomes = ["H", "T"]\n[belief]\nvacuous = true\n'
                    f'[acts]\nd1 = [{number}, 0]\n', encoding="utf-8")
    start = time.process_time()
    assert main(["decide", str(path)]) == 1
    assert time.process_time() - start < 2.0
    err = capsys.readouterr().err.strip()
    assert err.startswith(f"credal: error: {path}: acts.d1[0]: must be a number")
    assert len(err.splitlines()) == 1


def test_long_decisions_show_progress_on_a_terminal(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    # 400 exact incomparable acts ran for over 12 minutes without a word; now they take
    # about a second and say how far they are on a terminal (never into a pipe or a log).
    acts = "\n".join(f'd{i} = ["{i}/60", "{60 - i}/60"]' for i in range(61))
    path = tmp_path / "many.toml"
    path.write_text(f'outcomes = ["H", "T"]\n[belief]\nvacuous = true\n[acts]\n{acts}\n',
                    encoding="utf-8")
    assert main(["decide", str(path)]) == 0
    assert capsys.readouterr().err == ""  # not a terminal: nothing on stderr

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    term = Terminal()
    monkeypatch.setattr(sys, "stderr", term)
    assert main(["decide", str(path)]) == 0
    shown = term.getvalue()
    assert "\rmaximality: 61/61 acts" in shown and shown.endswith("\n")


@pytest.mark.parametrize("suffix", [".toml", ".json"])
def test_an_integer_beyond_the_parsers_digit_limit_is_a_one_line_error(
        suffix: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # TOML and JSON readers raise Python's own ValueError for integers over 4,300 digits.
    big = "7" * 5000
    path = tmp_path / f"big{suffix}"
    path.write_text(
        f'outcomes = ["H", "T"]\n[belief]\nvacuous = true\n[acts]\nd1 = [{big}, 0]\n'
        if suffix == ".toml" else
        f'{{"outcomes": ["H", "T"], "belief": {{"vacuous": true}}, "acts": {{"d1": [{big}, 0]}}}}',
        encoding="utf-8")
    assert main(["decide", str(path)]) == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith(f"credal: error: {path}: (file): holds a number")
    assert "4,300 digits" in err and len(err.splitlines()) == 1

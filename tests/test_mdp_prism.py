"""credal.mdp.prism: PRISM's explicit files (.tra, .sta, .lab, .srew, .trew) read and
written: known answers, round trips, every malformed input named by file and line, and a
large sparse model."""

from __future__ import annotations

import io
import tracemalloc
from fractions import Fraction as F
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings

import credal as cr
from credal.errors import InvalidArgumentError
from credal.mdp import SupraMDP
from credal.mdp._kernels import IntervalKernel
from credal.mdp.prism import PrismModel, load_prism, save_prism
from credal.strategies import interval_mdps

#: A small interval MDP: from state 0, "go" reaches 1 (the goal) with probability in
#: [1/4, 1/2] and 2 otherwise, "wait" stays; 1 stays; from 2 one can stay or go back.
TRA = """\
# Transitions (IMDP)
3 5 6
0 0 1 [1/4,1/2] go
0 0 2 [0.5, 0.75] go

0 1 0 1 wait
1 0 1 1 stay
2 1 0 1 back
2 0 2 [1,1] stay
"""
STA = "(x,b)\n0:(0,false)\n1:(1,true)\n2:(-2,false)\n"
LAB = '0="init" 1="deadlock" 2="goal" 3="far"\n0: 0\n1: 2\n2: 3\n'
SREW = '# Reward structure "r"\n# State rewards\n3 2\n0 1\n2 1/2\n'
TREW = "3 5 2\n0 0 1 3\n0 0 2 3\n"


def write(tmp_path: Path, **files: str) -> dict[str, Path]:
    out = {}
    for ext, text in files.items():
        path = tmp_path / f"model.{ext}"
        path.write_text(text)
        out[ext] = path
    return out


def bounds(M: SupraMDP) -> dict[tuple[Any, Any], tuple[list[Any], list[Any]]]:
    """Every pair's interval bounds, as stored (dense rows of length S)."""
    kernel = M._kernel
    assert isinstance(kernel, IntervalKernel)
    out = {}
    for i, s in enumerate(M.states):
        for k, a in enumerate(M.actions(s)):
            lo, up = kernel.bounds(int(M._start[i]) + k)
            out[(s, a)] = (list(lo), list(up))
    return out


def rewards(M: SupraMDP) -> dict[tuple[Any, Any], Any]:
    return {(s, a): M._rewards[int(M._start[i]) + k]
            for i, s in enumerate(M.states) for k, a in enumerate(M.actions(s))}


# ------------------------------------------------------------------ known answers
def test_reads_every_file(tmp_path: Path) -> None:
    f = write(tmp_path, tra=TRA, sta=STA, lab=LAB, srew=SREW, trew=TREW)
    P = load_prism(f["tra"], sta=f["sta"], lab=f["lab"], srew=f["srew"], trew=f["trew"])
    s0, s1, s2 = (0, False), (1, True), (-2, False)
    assert isinstance(P, PrismModel)
    assert P.states == (s0, s1, s2) and P.variables == ("x", "b")
    assert P.mdp.actions(s0) == ("go", "wait") and P.mdp.actions(s2) == ("stay", "back")
    assert P.labels == {"init": {s0}, "deadlock": set(), "goal": {s1}, "far": {s2}}
    assert P.initial == {s0} and P.deadlocks == frozenset()
    assert P.mdp.is_exact
    # reach the goal in 3 steps: 1/4 now, else (3/4) back from 2 and 1/4 then; nature
    # cooperating: 1/2 now, else (1/2) back from 2 and 1/2 then
    assert P.mdp.reachability({s1}, horizon=3).values[s0] == F(7, 16)
    assert P.mdp.reachability({s1}, horizon=3, nature="cooperative").values[s0] == F(3, 4)
    # rewards: srew(0) + trew(0, go) = 4, srew(0) = 1 for wait, 1/2 in state 2
    assert rewards(P.mdp) == {(s0, "go"): 4, (s0, "wait"): 1, (s1, "stay"): 0,
                              (s2, "stay"): F(1, 2), (s2, "back"): F(1, 2)}
    one = P.mdp.solve(horizon=1)
    assert one.values == {s0: 4, s1: 0, s2: F(1, 2)} and one.policy[0][s0] == "go"
    b = bounds(P.mdp)
    assert b[(s0, "go")] == ([0, F(1, 4), F(1, 2)], [0, F(1, 2), F(3, 4)])


def test_open_text_files_and_paths_agree(tmp_path: Path) -> None:
    f = write(tmp_path, tra=TRA, lab=LAB)
    by_path = load_prism(f["tra"], lab=str(f["lab"]))
    with open(f["tra"]) as tra, open(f["lab"]) as lab:
        by_file = load_prism(tra, lab=lab)
    by_text = load_prism(io.StringIO(TRA), lab=io.StringIO(LAB))
    for P in (by_file, by_text):
        assert bounds(P.mdp) == bounds(by_path.mdp) and P.labels == by_path.labels
    assert by_path.states == (0, 1, 2) and by_path.initial == {0}


def test_the_result_is_immutable_and_pickles() -> None:
    import dataclasses
    import pickle

    P = load_prism(io.StringIO(TRA), lab=io.StringIO(LAB))
    with pytest.raises(dataclasses.FrozenInstanceError):
        P.initial = frozenset()  # type: ignore[misc]
    with pytest.raises(TypeError):
        P.labels["new"] = frozenset()  # type: ignore[index]
    Q = pickle.loads(pickle.dumps(P))
    assert Q.labels == P.labels and Q.initial == P.initial and bounds(Q.mdp) == bounds(P.mdp)
    assert Q.mdp.reachability({1}, horizon=3).values == P.mdp.reachability({1}, horizon=3).values


def test_without_labels_state_zero_is_initial() -> None:
    P = load_prism(io.StringIO(TRA))
    assert P.initial == {0} and P.labels == {} and P.variables == ()


def test_a_markov_chain_file() -> None:
    """The two-number header: one choice per state, named 0; plain probabilities."""
    P = load_prism(io.StringIO("3 4\n0 1 0.5\n0 2 1/2\n1 1 1\n2 2 1\n"))
    assert P.mdp.actions(0) == (0,)
    assert P.mdp.reachability({1}).values == {0: F(1, 2), 1: 1, 2: 0}


@pytest.mark.parametrize("numbers", ["auto", "exact", "float"])
def test_numbers(numbers: str) -> None:
    P = load_prism(io.StringIO(TRA), numbers=numbers)
    value = P.mdp.reachability({1}, horizon=3).values[0]
    if numbers == "float":
        assert not P.mdp.is_exact and isinstance(value, float) and value == 0.4375
    else:
        assert P.mdp.is_exact and value == F(7, 16)


def test_rounded_decimals_are_read_as_floats_by_auto_only() -> None:
    """Three times 0.3333333333333333 sums to just below 1: no distribution exactly, one
    to within 1e-9. "auto" then reads the model in float64; "exact" refuses it."""
    text = "2 2 3\n0 0 0 0.3333333333333333\n0 0 1 0.6666666666666666\n1 0 1 1\n"
    P = load_prism(io.StringIO(text))
    assert not P.mdp.is_exact
    assert P.mdp.reachability({1}).values[0] == pytest.approx(1.0)
    with pytest.raises(InvalidArgumentError, match=r"<tra>:2-3: .*numbers='float'"):
        load_prism(io.StringIO(text), numbers="exact")


def test_actions_index_and_label() -> None:
    assert load_prism(io.StringIO(TRA), actions="index").mdp.actions(0) == (0, 1)
    assert load_prism(io.StringIO(TRA), actions="label").mdp.actions(2) == ("stay", "back")
    partly = "2 3 3\n0 0 1 1 a\n0 1 0 1\n1 0 1 1 a\n"
    assert load_prism(io.StringIO(partly)).mdp.actions(0) == (0, 1)  # not all labelled
    same = "2 3 3\n0 0 1 1 a\n0 1 0 1 a\n1 0 1 1 a\n"
    assert load_prism(io.StringIO(same), actions="index").mdp.actions(0) == (0, 1)


def test_deadlocks_get_a_self_loop() -> None:
    text = "3 2 2\n0 0 1 1 go\n1 0 0 1 go\n"
    P = load_prism(io.StringIO(text))
    assert P.deadlocks == {2} and P.mdp.actions(2) == (None,)
    assert P.mdp.transitions[2][None].is_exact
    assert P.mdp.reachability({2}).values == {0: 0, 1: 0, 2: 1}
    assert load_prism(io.StringIO(text), actions="index").mdp.actions(2) == (0,)
    with pytest.raises(InvalidArgumentError, match=r"^<tra>: state 2 has no transition"):
        load_prism(io.StringIO(text), deadlocks="error")
    # deadlocks before, between and after the states with choices; and no choice at all
    Q = load_prism(io.StringIO("4 2 2\n1 0 2 1 a\n1 1 0 [1/2,1] b\n1 1 3 [0,1/2] b\n"))
    assert Q.deadlocks == {0, 2, 3}
    assert [Q.mdp.actions(s) for s in Q.states] == [(None,), ("a", "b"), (None,), (None,)]
    one = Q.mdp.solve(horizon=1, terminal={0: 4, 2: 1, 3: 8})
    assert one.values == {0: 4, 1: 4, 2: 1, 3: 8} and one.policy[0][1] == "b"
    best = Q.mdp.solve(horizon=1, terminal={0: 4, 2: 1, 3: 8}, nature="cooperative")
    assert best.values[1] == 6
    assert load_prism(io.StringIO("2 0 0\n")).mdp.reachability({1}).values == {0: 0, 1: 1}


def test_zero_intervals_are_no_successor() -> None:
    P = load_prism(io.StringIO("2 2 3\n0 0 0 [0,0]\n0 0 1 1\n1 0 1 1\n"))
    assert P.mdp.solve(horizon=1, terminal={1: 1}).kernel[(0, 0)] == {1: 1}


# ------------------------------------------------------------------ bad input
#: (file, its text, the message's start, a phrase of it)
BAD_TRA = [
    ("", "<tra>: ", "is empty"),
    ("3 x 6\n", "<tra>:1: ", "must be 'n c m' or 'n m'"),
    ("3 4 6 1\n", "<tra>:1: ", "POMDP"),
    ("3\n", "<tra>:1: ", "must be 'n c m'"),
    ("0 0 0\n", "<tra>:1: ", "no states"),
    ("3 4 6\n0 0 1\n", "<tra>:2: ", "3 columns"),
    ("3 4 6\n0 0 1 1 a b\n", "<tra>:2: ", "6 columns"),
    ("3 4\n0 1 1 a b\n", "<tra>:2: ", "5 columns"),
    ("3 4 6\n# c\n0 0 3 1\n", "<tra>:3: ", "destination state 3 is out of range"),
    ("3 4 6\n7 0 1 1\n", "<tra>:2: ", "source state 7 is out of range"),
    ("3 4 6\n0 -1 1 1\n", "<tra>:2: ", "the choice '-1' is not an index"),
    ("3 4 6\nx 0 1 1\n", "<tra>:2: ", "the source state 'x' is not an index"),
    ("3 4 6\n0 0 1 [0.6,0.5]\n", "<tra>:2: ", "lower bound above its upper bound"),
    ("3 4 6\n0 0 1 [0.5,1.5]\n", "<tra>:2: ", "not inside [0, 1]"),
    ("3 4 6\n0 0 1 -0.5\n", "<tra>:2: ", "not inside [0, 1]"),
    ("3 4 6\n0 0 1 [0.5;0.6]\n", "<tra>:2: ", "is not an interval"),
    ("3 4 6\n0 0 1 [0.5,0.6\n", "<tra>:2: ", "is not an interval"),
    ("3 4 6\n0 0 1 abc\n", "<tra>:2: ", "the probability 'abc' is not a number"),
    ("3 4 6\n0 0 1 [x,1]\n", "<tra>:2: ", "the lower bound 'x' is not a number"),
    ("3 4 6\n0 0 1 1/0\n", "<tra>:2: ", "is not a number"),
    ("3 4 6\n0 0 1 0.5\n0 0 2 0.5\n0 0 1 0.5\n", "<tra>:4: ",
     "choice 0 of state 0 to state 1 is given twice (also on line 2)"),
    ("3 4\n0 1 0.5\n0 1 0.5\n", "<tra>:3: ", "from state 0 to state 1 is given twice"),
    ("3 4 6\n0 0 1 [0.1,0.2]\n1 0 1 1\n0 0 2 [0.1,0.3]\n", "<tra>:2-4: ",
     "upper bounds sum to 1/2 < 1"),
    ("3 4 6\n0 0 1 [0.6,1]\n0 0 2 [0.6,1]\n", "<tra>:2-3: ", "lower bounds sum to 6/5 > 1"),
    ("3 4 6\n0 0 1 [0.6,1]\n0 0 2 [0.6,1]\n", "<tra>:2-3: ", "choice 0 of state 0"),
    ("3 4 6\n0 1 1 1\n", "<tra>:2: ", "state 0 has choice 1 but no choice 0"),
    ("3 4 6\n0 0 1 1\n0 2 1 1\n", "<tra>:3: ", "state 0 has choice 2 but no choice 1"),
    ("3 4 6\n0 0 1 0.5 a\n0 0 2 0.5 b\n", "<tra>:3: ",
     "has the action label 'b' here but 'a' on line 2"),
    ("3 4 6\n0 0 1 0.5 a\n0 0 2 0.5\n", "<tra>:3: ", "here but 'a' on line 2"),
    ("2 3 3\n0 0 1 1 a\n0 1 0 1 a\n1 0 1 1 a\n", "<tra>:3: ",
     "state 0 has two choices labelled 'a'"),
    ("2 2 2\n0 0 1 1 a\n1 0 1 1\n", "<tra>:3: ", "no action label"),
    ("2 2 2\n- - 0 - 0\n", "<tra>:2: ", "initial-state lines"),
]


@pytest.mark.parametrize(("text", "where", "phrase"), BAD_TRA)
def test_bad_transitions_files(text: str, where: str, phrase: str) -> None:
    actions = "label" if "no action label" in phrase else "auto"
    with pytest.raises(InvalidArgumentError) as info:
        load_prism(io.StringIO(text), actions=actions)
    message = str(info.value)
    assert message.startswith(where) and phrase in message, message
    assert "\n" not in message


GOOD = "3 4 4\n0 0 1 1\n1 0 2 1\n2 0 0 1\n2 1 2 1\n"
BAD_SIDE = [
    ("sta", "", "<sta>: ", "is empty"),
    ("sta", "x,y\n", "<sta>:1: ", "in parentheses"),
    ("sta", "(x,)\n", "<sta>:1: ", "empty variable name"),
    ("sta", "(x)\n0:(0)\n1 (1)\n", "<sta>:3: ", "is not a state line"),
    ("sta", "(x)\n0:(0)\n3:(1)\n", "<sta>:3: ", "the state 3 is out of range"),
    ("sta", "(x)\n0:(0)\n0:(1)\n", "<sta>:3: ", "state 0 is listed twice"),
    ("sta", "(x,y)\n0:(0)\n", "<sta>:2: ", "1 values for the 2 variables"),
    ("sta", "(x)\n0:(0)\n1:(0)\n", "<sta>:3: ", "the same values"),
    ("sta", "(x)\n0:(0)\n2:(2)\n", "<sta>: ", "1 of the 3 states are not listed (states 1)"),
    ("lab", "", "<lab>: ", "is empty"),
    ("lab", "init deadlock\n", "<lab>:1: ", 'must list labels as i="name"'),
    ("lab", '0="init" 0="goal"\n', "<lab>:1: ", "label index 0 is used twice"),
    ("lab", '0="init" 1="init"\n', "<lab>:1: ", "'init' is named twice"),
    ("lab", '0="init" 1="deadlock"\n0: 0\n5: 1\n', "<lab>:3: ", "the state 5 is out of range"),
    ("lab", '0="init" 1="deadlock"\n0: 0 4\n', "<lab>:2: ", "label index 4 is not in the"),
    ("lab", '0="init"\n0 0\n', "<lab>:2: ", "is not a label line"),
    ("srew", "", "<srew>: ", "is empty"),
    ("srew", "3\n", "<srew>:1: ", "must be 'n m'"),
    ("srew", "4 1\n0 1\n", "<srew>:1: ", "declares 4 states but the transitions file has 3"),
    ("srew", "3 1\n0 1 2\n", "<srew>:2: ", "3 columns"),
    ("srew", "3 1\n3 1\n", "<srew>:2: ", "the state 3 is out of range"),
    ("srew", "3 2\n0 1\n0 2\n", "<srew>:3: ", "state 0 has a reward already (line 2)"),
    ("srew", "3 1\n0 one\n", "<srew>:2: ", "the reward 'one' is not a number"),
    ("trew", "3 4\n", "<trew>:1: ", "must be 'n c m'"),
    ("trew", "3 4 1\n0 0 1\n", "<trew>:2: ", "3 columns"),
    ("trew", "3 4 1\n0 1 1 2\n", "<trew>:2: ", "state 0 has no choice 1"),
    ("trew", "3 4 1\n0 0 9 2\n", "<trew>:2: ", "destination state 9 is out of range"),
    ("trew", "3 4 2\n2 1 2 2\n2 1 0 3\n", "<trew>:3: ", "differs from 2 on line 2"),
]


@pytest.mark.parametrize(("which", "text", "where", "phrase"), BAD_SIDE)
def test_bad_state_label_and_reward_files(which: str, text: str, where: str,
                                          phrase: str) -> None:
    with pytest.raises(InvalidArgumentError) as info:
        load_prism(io.StringIO(GOOD), **{which: io.StringIO(text)})
    message = str(info.value)
    assert message.startswith(where) and phrase in message, message
    assert "\n" not in message


def test_messages_name_the_path(tmp_path: Path) -> None:
    f = write(tmp_path, tra="3 4 6\n0 0 1 [0.7,0.6]\n")
    with pytest.raises(InvalidArgumentError, match=rf"^{str(f['tra'])}:2: "):
        load_prism(f["tra"])
    with pytest.raises(InvalidArgumentError, match="cannot read"):
        load_prism(tmp_path / "missing.tra")
    with pytest.raises(InvalidArgumentError, match="binary mode"):
        load_prism(io.BytesIO(b"1 1 1\n0 0 0 1\n"))
    with pytest.raises(InvalidArgumentError, match="path or an open text file"):
        load_prism(3)  # type: ignore[arg-type]
    for key, value in (("numbers", "exactly"), ("actions", "name"), ("deadlocks", "fix")):
        with pytest.raises(InvalidArgumentError, match=f"^{key} must be one of"):
            load_prism(io.StringIO(GOOD), **{key: value})
    with pytest.raises(InvalidArgumentError, match="Markov chain"):
        load_prism(io.StringIO("2 2\n0 1 1\n1 1 1\n"), actions="label")


# ------------------------------------------------------------------ round trips
def test_round_trip_of_every_file(tmp_path: Path) -> None:
    f = write(tmp_path, tra=TRA, sta=STA, lab=LAB, srew=SREW, trew=TREW)
    P = load_prism(f["tra"], sta=f["sta"], lab=f["lab"], srew=f["srew"], trew=f["trew"])
    written = save_prism(P, tmp_path / "copy")
    assert sorted(p.suffix for p in written) == [".lab", ".sta", ".tra", ".trew"]
    Q = load_prism(tmp_path / "copy.tra", sta=tmp_path / "copy.sta",
                   lab=tmp_path / "copy.lab", trew=tmp_path / "copy.trew")
    assert Q.states == P.states and Q.variables == P.variables
    assert Q.labels == P.labels and Q.initial == P.initial
    assert bounds(Q.mdp) == bounds(P.mdp) and rewards(Q.mdp) == rewards(P.mdp)
    text = (tmp_path / "copy.tra").read_text().splitlines()
    assert text[0] == "3 5 6" and text[1] == "0 0 1 [0.25,0.5] go"


def test_state_rewards_are_written_to_srew(tmp_path: Path) -> None:
    f = write(tmp_path, tra=TRA, srew=SREW)
    P = load_prism(f["tra"], srew=f["srew"])
    names = {p.suffix for p in save_prism(P.mdp, tmp_path / "copy")}
    assert names == {".tra", ".srew"}
    assert (tmp_path / "copy.srew").read_text() == "3 2\n0 1\n2 0.5\n"
    Q = load_prism(tmp_path / "copy.tra", srew=tmp_path / "copy.srew")
    assert rewards(Q.mdp) == rewards(P.mdp)


def test_numbers_are_written_exactly(tmp_path: Path) -> None:
    lo = [[[0, F(1, 3), F(1, 8)]], [[0, 1, 0]], [[0, 0, 1]]]
    up = [[[0, F(2, 3), F(5, 8)]], [[0, 1, 0]], [[0, 0, 1]]]
    M = SupraMDP.from_intervals(lo, up, states=[0, 1, 2], actions=[0],
                                rewards={0: {0: F(-5, 4)}})
    save_prism(M, tmp_path / "m")
    assert (tmp_path / "m.tra").read_text().splitlines()[1:3] == [
        "0 0 1 [1/3,2/3]", "0 0 2 [0.125,0.625]"]
    assert (tmp_path / "m.srew").read_text().splitlines()[1] == "0 -1.25"
    back = load_prism(tmp_path / "m.tra", srew=tmp_path / "m.srew")
    assert bounds(back.mdp) == bounds(M) and rewards(back.mdp) == rewards(M)


def test_float_models_round_trip_bit_for_bit(tmp_path: Path) -> None:
    lo = [[[0.1, 0.2]], [[0.0, 1.0]]]
    up = [[[0.7, 0.9]], [[0.0, 1.0]]]
    M = SupraMDP.from_intervals(lo, up, states=[0, 1], actions=[0])
    save_prism(M, tmp_path / "f")
    back = load_prism(tmp_path / "f.tra", numbers="float")
    assert bounds(back.mdp) == bounds(M) and not back.mdp.is_exact
    assert load_prism(tmp_path / "f.tra").mdp.is_exact  # 0.1 read as 1/10


def test_writer_refusals(tmp_path: Path) -> None:
    sets = SupraMDP({"s": {"a": cr.precise([1], outcomes=["s"])}})
    with pytest.raises(InvalidArgumentError, match="interval models"):
        save_prism(sets, tmp_path / "x")
    M = SupraMDP.from_intervals([[[1]]], [[[1]]], states=["s"], actions=["two words"])
    with pytest.raises(InvalidArgumentError, match="cannot be a PRISM action label"):
        save_prism(M, tmp_path / "x")
    with pytest.raises(InvalidArgumentError, match="not a state of the model"):
        save_prism(load_prism(io.StringIO(GOOD)), tmp_path / "y", labels={"goal": {7}})
    with pytest.raises(InvalidArgumentError, match="must be a SupraMDP or a PrismModel"):
        save_prism("model", tmp_path / "z")  # type: ignore[arg-type]


@settings(max_examples=25)
@given(M=interval_mdps(states=(1, 5), actions=(1, 3)))
def test_round_trip_of_any_interval_mdp(M: SupraMDP) -> None:
    """Any exact interval MDP (some actions unavailable, rewards) is written and read back
    with the same bounds, rewards and actions, so the same values."""
    import tempfile

    with tempfile.TemporaryDirectory() as d:
        stem = Path(d) / "m"
        paths = {p.suffix: p for p in save_prism(M, stem, labels={"goal": {0}})}
        P = load_prism(paths[".tra"], lab=paths[".lab"], srew=paths.get(".srew"),
                       trew=paths.get(".trew"))
    assert P.states == M.states and P.labels["goal"] == {0}
    assert bounds(P.mdp) == bounds(M)
    assert rewards(P.mdp) == rewards(M)
    assert P.mdp.solve(horizon=3).values == M.solve(horizon=3).values


@settings(max_examples=10)
@given(M=interval_mdps(states=(1, 4), actions=(1, 2), exact=False))
def test_round_trip_of_any_float_interval_mdp(M: SupraMDP) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as d:
        paths = {p.suffix: p for p in save_prism(M, Path(d) / "m")}
        P = load_prism(paths[".tra"], srew=paths.get(".srew"), trew=paths.get(".trew"),
                       numbers="float")
    assert bounds(P.mdp) == bounds(M) and rewards(P.mdp) == rewards(M)


# ------------------------------------------------------------------ a large sparse model
def big_tra(S: int) -> str:
    """``S`` states, 2 choices each, 3 successors per choice with intervals
    [0.2,0.5], [0.1,0.4], [0.3,0.6]."""
    rng = np.random.default_rng(7)
    src = np.repeat(np.arange(S), 6)
    choice = np.tile(np.repeat([0, 1], 3), S)
    dst = np.concatenate([rng.choice(S, 3, replace=False) for _ in range(2 * S)])
    iv = np.tile(["[0.2,0.5]", "[0.1,0.4]", "[0.3,0.6]"], 2 * S)
    body = "\n".join(f"{a} {b} {c} {d}" for a, b, c, d in zip(src, choice, dst, iv,
                                                              strict=True))
    return f"{S} {2 * S} {6 * S}\n{body}\n"


def test_a_large_sparse_model_loads_without_dense_memory() -> None:
    """20,000 states, 2 choices, 3 successors: 120,000 transitions. The kernel holds
    compressed rows (no array of pairs x states entries) and loading allocates at most a
    few hundred MB (Python objects included), where one dense S x A x S float array would
    take 6.4 GB."""
    S = 20_000
    text = big_tra(S)
    tracemalloc.start()
    try:
        P = load_prism(io.StringIO(text))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    kernel = P.mdp._kernel
    assert isinstance(kernel, IntervalKernel)
    assert len(kernel.succ) == 6 * S and P.mdp.n_pairs == 2 * S
    assert P.mdp.is_exact and kernel.lo[0] == F(1, 5)
    arrays = [v for v in vars(kernel).values() if isinstance(v, np.ndarray)]
    assert arrays and max(a.size for a in arrays) <= 6 * S + 1
    assert peak < 300 * 2 ** 20, f"peak {peak / 2 ** 20:.0f} MiB"
    fl = load_prism(io.StringIO(text), numbers="float").mdp
    one = fl.solve(horizon=1, terminal={0: 1.0})
    assert 0.0 <= min(one.values.values()) <= max(one.values.values()) <= 0.6 + 1e-12

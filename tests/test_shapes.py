"""Known answers for the Wasserstein ball, the CVaR set and the belief function: exact values
computed by hand, float agreement, the validation errors, repr / pickle / conversion round
trips, and the vertices and constraints of small cases."""

from __future__ import annotations

import pickle
from fractions import Fraction as Fr

import numpy as np
import pytest

import credal as cr
from credal.errors import InvalidArgumentError
from credal.sets.forms.belief import MAX_BELIEF_FACETS_N

LINE = [[0, 1, 2], [1, 0, 1], [2, 1, 0]]  # |i - j| on three points of a line


def W3() -> cr.CredalSet:
    return cr.wasserstein_ball(["1/2", "1/2", 0], LINE, "1/4")


def K3() -> cr.CredalSet:
    return cr.cvar_set(["1/2", "1/4", "1/4"], "1/2")


def B3() -> cr.CredalSet:
    return cr.belief_function({("a",): "1/2", ("b", "c"): "1/3", ("a", "b", "c"): "1/6"},
                              outcomes=["a", "b", "c"])


def rows(*points: list[object]) -> list[list[Fr]]:
    return [[Fr(v) for v in p] for p in points]


def as_lists(A: np.ndarray) -> list[list[Fr]]:
    return [list(r) for r in A]


# -- Wasserstein ball ----------------------------------------------------------------------
def test_wasserstein_known_answers() -> None:
    S = W3()
    assert S.form == "wasserstein_ball" and S.is_exact
    # f = (0, 1, 2): move 1/4 from outcome 1 to 0 (cost 1/4), E = 1/4
    assert cr.lower_expectation(S, [0, 1, 2]) == Fr(1, 4)
    # f = (2, 1, 0): every unit of cost lowers E by 1, from 3/2
    r = cr.solve_lower(S, [2, 1, 0])
    assert r.value == Fr(5, 4)
    assert sum(r.minimizer) == 1 and S.contains(r.minimizer)
    assert sum(a * b for a, b in zip(r.minimizer, [2, 1, 0], strict=True)) == Fr(5, 4)
    assert cr.upper_expectation(S, [2, 1, 0]) == Fr(7, 4)
    assert cr.lower_probability(S, [0]) == Fr(1, 4)


def test_wasserstein_vertices_and_containment() -> None:
    S = W3()
    # moving 1/4 one step (0 -> 1, 1 -> 0, 1 -> 2); 0 -> 2 costs twice as much and lands
    # between two of them
    assert as_lists(S.vertices) == rows([Fr(1, 4), Fr(3, 4), 0], [Fr(1, 2), Fr(1, 4), Fr(1, 4)],
                                        [Fr(3, 4), Fr(1, 4), 0])
    assert S.contains(["3/8", "1/2", "1/8"])
    assert not S.contains(["1/4", "1/2", "1/4"])  # costs 1/4 + 1/4
    assert cr.distance_to_set([0, 1, 0], S) == Fr(1, 4)


def test_wasserstein_constant_cost_is_a_tv_ball() -> None:
    c = ["1/2", "1/3", "1/6"]
    two = [[0, 2, 2], [2, 0, 2], [2, 2, 0]]
    S = cr.wasserstein_ball(c, two, "1/4")
    T = cr.tv_ball(c, "1/8")
    assert S.equals(T) and as_lists(S.vertices) == as_lists(T.vertices)
    f = [3, -1, 2]
    assert cr.lower_expectation(S, f) == cr.lower_expectation(T, f)
    assert cr.lower_expectation(S, f, backend="exact") == cr.lower_expectation(T, f)
    zero = cr.wasserstein_ball(c, np.zeros((3, 3), dtype=int), 0)  # free transport
    assert zero.equals(cr.vacuous(3))
    assert cr.wasserstein_ball(c, LINE, 0).equals(cr.precise(c))


def test_wasserstein_by_label() -> None:
    cost = {"x": {"y": 1, "z": 2}, "y": {"x": 1, "z": 1}, "z": {"x": 2, "y": 1}}
    S = cr.wasserstein_ball({"x": "1/2", "y": "1/2", "z": 0}, cost, "1/4")
    assert S.outcomes == ("x", "y", "z")
    assert cr.lower_expectation(S, {"x": 2, "y": 1}) == Fr(5, 4)
    pd = pytest.importorskip("pandas")
    frame = pd.DataFrame(LINE, index=["x", "y", "z"], columns=["x", "y", "z"])
    frame = frame[["z", "x", "y"]].iloc[[2, 0, 1]]  # read by label, not by position
    T = cr.wasserstein_ball([Fr(1, 2), Fr(1, 2), 0], frame, "1/4", outcomes=["x", "y", "z"])
    assert T.equals(S)


def test_wasserstein_float_agrees_with_exact() -> None:
    S = cr.wasserstein_ball(["1/5", "3/10", "1/2", 0], [[0, 1, 3, 2], [1, 0, 2, 5],
                                                       [3, 2, 0, 1], [2, 5, 1, 0]], "3/10")
    F = [[1, -2, 3, 0], [0, 0, 1, 5], ["1/3", 2, -1, 4]]
    exact = cr.lower_expectation(S, F)
    flt = cr.lower_expectation(S.to_float(), np.array([[float(Fr(v)) for v in r] for r in F]))
    assert np.abs(np.asarray(exact, dtype=float) - flt).max() <= 1e-12 * 10
    assert list(cr.lower_expectation(S, F, backend="exact")) == list(exact)


@pytest.mark.parametrize(("kwargs", "words"), [
    (dict(cost=[[0, 1], [1, 0]]), ["cost", "shape (3, 3)"]),
    (dict(cost=[[0, -1, 1], [1, 0, 1], [1, 1, 0]]), ["cost", "nonnegative"]),
    (dict(cost=[[1, 1, 1], [1, 0, 1], [1, 1, 0]]), ["cost", "zero diagonal"]),
    (dict(cost=[[0, float("nan"), 1], [1, 0, 1], [1, 1, 0]]), ["cost", "finite"]),
    (dict(cost=[[0, "x", 1], [1, 0, 1], [1, 1, 0]]), ["cost", "'x'"]),
    (dict(radius="-1/2"), ["radius", "nonnegative", "-1/2"]),
    (dict(radius=[1, 2]), ["radius", "single number"]),
    (dict(center=["1/2", "1/4", "1/8"]), ["center", "sums to 7/8"]),
])
def test_wasserstein_bad_input(kwargs: dict[str, object], words: list[str]) -> None:
    args: dict[str, object] = dict(center=["1/2", "1/2", 0], cost=LINE, radius="1/4")
    args.update(kwargs)
    with pytest.raises(InvalidArgumentError) as info:
        cr.wasserstein_ball(args["center"], args["cost"], args["radius"])
    for w in words:
        assert w in str(info.value)


def test_wasserstein_bad_labelled_cost() -> None:
    p = {"x": "1/2", "y": "1/2"}
    with pytest.raises(InvalidArgumentError, match="cost gives no value for moving mass "
                                                   "from 'y' to 'x'"):
        cr.wasserstein_ball(p, {"x": {"y": 1}}, 1)
    with pytest.raises(InvalidArgumentError, match="cost has the row 'w'"):
        cr.wasserstein_ball(p, {"x": {"y": 1}, "w": {"x": 1}}, 1)
    with pytest.raises(InvalidArgumentError, match=r"cost\['x'\] must be a mapping"):
        cr.wasserstein_ball(p, {"x": [0, 1], "y": {"x": 1}}, 1)


# -- CVaR set --------------------------------------------------------------------------------
def test_cvar_known_answers() -> None:
    S = cr.cvar_set(["1/2", "1/4", "1/4"], "3/4")
    assert S.form == "cvar_set"
    # the worst 3/4 of the mass: 1/2 at 0 and 1/4 at 4, averaged: (0 + 1) / (3/4)
    assert cr.lower_expectation(S, [0, 10, 4]) == Fr(4, 3)
    r = cr.solve_lower(S, [0, 10, 4])
    assert list(r.minimizer) == [Fr(2, 3), 0, Fr(1, 3)]
    # q <= p / alpha = (2/3, 1/3, 1/3): 1/3 on 10, 1/3 on 4, the rest on 0
    assert cr.upper_expectation(S, [0, 10, 4]) == Fr(14, 3)
    assert cr.lower_expectation(cr.cvar_set(["1/2", "1/2"], 1), [0, 10]) == 5


def test_cvar_vertices_and_constraints() -> None:
    S = K3()  # 0 <= q <= (1, 1/2, 1/2)
    assert as_lists(S.vertices) == rows([0, Fr(1, 2), Fr(1, 2)], [Fr(1, 2), 0, Fr(1, 2)],
                                        [Fr(1, 2), Fr(1, 2), 0], [1, 0, 0])
    assert S.equals(cr.CredalSet.from_bounds([0, 0, 0], [1, "1/2", "1/2"]))
    h = S.constraints
    b = sorted(zip(map(tuple, h.A_ub), h.b_ub, strict=True))
    assert (((0, 1, 0), Fr(1, 2)) in b) and (((0, 0, 1), Fr(1, 2)) in b)
    assert cr.cvar_set(["1/3", "2/3"], 1).equals(cr.precise(["1/3", "2/3"]))
    assert cr.cvar_set(["1/3", "2/3"], "1/3").equals(cr.vacuous(2))


def test_cvar_float_agrees_with_exact() -> None:
    S = cr.cvar_set(["1/10", "2/5", "3/10", "1/5"], "2/7")
    F = [[1, -2, 3, 0], [0, 0, 1, 5], [4, 4, -1, 2]]
    exact = np.asarray(cr.lower_expectation(S, F), dtype=float)
    flt = cr.lower_expectation(cr.cvar_set([0.1, 0.4, 0.3, 0.2], 2 / 7), np.array(F, float))
    assert np.abs(exact - flt).max() <= 1e-12 * 10
    assert cr.cvar_set([0.5, 0.5], 0.5).is_exact is False


@pytest.mark.parametrize(("alpha", "words"), [
    (0, ["alpha", "(0, 1]", "0"]), ("3/2", ["alpha", "3/2"]), (-0.5, ["alpha", "-0.5"]),
    ("half", ["alpha", "'half'"]),
])
def test_cvar_bad_alpha(alpha: object, words: list[str]) -> None:
    with pytest.raises(InvalidArgumentError) as info:
        cr.cvar_set(["1/2", "1/2"], alpha)
    for w in words:
        assert w in str(info.value)


def test_cvar_bad_p() -> None:
    with pytest.raises(InvalidArgumentError, match="p sums to 3/4"):
        cr.cvar_set(["1/2", "1/4"], "1/2")
    with pytest.raises(InvalidArgumentError, match="p has a negative probability"):
        cr.cvar_set(["3/2", "-1/2"], "1/2")


# -- belief function -----------------------------------------------------------------------
def test_belief_known_answers() -> None:
    S = B3()
    assert S.form == "belief_function" and S.outcomes == ("a", "b", "c")
    bel = {("a",): Fr(1, 2), ("b",): 0, ("c",): 0, ("a", "b"): Fr(1, 2),
           ("a", "c"): Fr(1, 2), ("b", "c"): Fr(1, 3), ("a", "b", "c"): 1}
    for event, value in bel.items():
        assert cr.lower_probability(S, list(event)) == value
    assert cr.upper_probability(S, ["b"]) == Fr(1, 2)  # 1 - Bel({a, c})
    r = cr.solve_lower(S, [4, 0, 2])  # 1/2 * 4 + 1/3 * 0 + 1/6 * 0
    assert r.value == 2 and list(r.minimizer) == [Fr(1, 2), Fr(1, 2), 0]
    assert cr.lower_expectation(S, [4, 0, 2], backend="exact") == 2


def test_belief_vertices_and_constraints() -> None:
    S = B3()
    # the marginal vectors: a first; b first; c first (a then b, a then c)
    assert as_lists(S.vertices) == rows([Fr(1, 2), 0, Fr(1, 2)], [Fr(1, 2), Fr(1, 2), 0],
                                        [Fr(2, 3), 0, Fr(1, 3)], [Fr(2, 3), Fr(1, 3), 0])
    h = S.representation.written_constraints()
    written = sorted((tuple(-a for a in row), -b) for row, b in zip(h.A_ub, h.b_ub,
                                                                     strict=True))
    assert written == sorted([((1, 0, 0), Fr(1, 2)), ((1, 1, 0), Fr(1, 2)),
                              ((1, 0, 1), Fr(1, 2)), ((0, 1, 1), Fr(1, 3))])
    assert S.equals(cr.CredalSet.from_lower_probabilities(
        {("a",): "1/2", ("b", "c"): "1/3"}, outcomes=["a", "b", "c"]))
    assert S.contains(["1/2", "1/4", "1/4"]) and not S.contains(["1/4", "1/2", "1/4"])


def test_belief_special_cases() -> None:
    vac = cr.belief_function({(0, 1, 2): 1}, outcomes=range(3))
    assert vac.equals(cr.vacuous(3))
    bayes = cr.belief_function({(0,): "1/4", (1,): "3/4"}, outcomes=[0, 1])
    assert bayes.equals(cr.precise(["1/4", "3/4"]))
    # zero masses are dropped; frozensets, sets and lists are events too
    S = cr.belief_function({frozenset({"x"}): "1/2", ("y",): 0, ("x", "y"): "1/2"},
                           outcomes=["x", "y"])
    assert len(S.representation.masses) == 2
    assert cr.lower_probability(S, ["x"]) == Fr(1, 2)


def test_belief_float_agrees_with_exact() -> None:
    ev = {(0,): "1/5", (1, 2): "3/10", (0, 2, 3): "1/10", (0, 1, 2, 3): "2/5"}
    S = cr.belief_function(ev, outcomes=range(4))
    T = cr.belief_function({k: float(Fr(v)) for k, v in ev.items()}, outcomes=range(4))
    assert not T.is_exact
    F = [[1, -2, 3, 0], [0, 0, 1, 5], [4, 4, -1, 2]]
    exact = np.asarray(cr.lower_expectation(S, F), dtype=float)
    assert np.abs(exact - cr.lower_expectation(T, F)).max() <= 1e-12 * 10
    assert np.abs(np.asarray(S.vertices, dtype=float) - T.vertices).max() <= 1e-12


@pytest.mark.parametrize(("masses", "words"), [
    ([("a", "1/2")], ["masses", "mapping"]),
    ({}, ["masses", "non-empty mapping"]),
    ({(): "1/2", ("a",): "1/2"}, ["masses", "empty event"]),
    ({"a": 1}, ["masses", "event 'a'", "['a']"]),
    ({("z",): 1}, ["masses", "'z'", "not an outcome"]),
    ({("a", "b"): "1/2", ("b", "a"): "1/2"}, ["masses", "twice", "merge"]),
    ({("a",): "-1/2", ("b",): "3/2"}, ["masses", "nonnegative", "-1/2"]),
    ({("a",): "1/2", ("b",): "1/4"}, ["masses", "sum to 1", "3/4"]),
    ({("a",): 0.5, ("b",): 0.4}, ["masses", "sum to 1", "atol"]),
    ({("a",): "half", ("b",): "1/2"}, ["masses", "'half'"]),
])
def test_belief_bad_input(masses: object, words: list[str]) -> None:
    with pytest.raises(InvalidArgumentError) as info:
        cr.belief_function(masses, outcomes=["a", "b"])  # type: ignore[arg-type]
    for w in words:
        assert w in str(info.value)


def test_belief_refuses_large_conversions() -> None:
    n = MAX_BELIEF_FACETS_N + 1
    S = cr.belief_function({tuple(range(n)): 1}, outcomes=range(n))
    with pytest.raises(InvalidArgumentError, match="constraint form"):
        S.representation.written_constraints()
    # the vacuous set over 9 outcomes: 9 marginal vectors, found without 9! orderings
    assert cr.belief_function({tuple(range(9)): 1}, outcomes=range(9)).vertices.shape == (9, 9)
    # every pair of 12 outcomes focal: more marginal vectors than enumerated
    pairs = {(i, j): Fr(1, 66) for i in range(12) for j in range(i + 1, 12)}
    with pytest.raises(cr.TooManyVerticesError, match="marginal vectors"):
        cr.belief_function(pairs, outcomes=range(12)).representation.vertices()
    with pytest.raises(cr.TooManyVerticesError, match="marginal vectors"):  # before any LP
        cr.hausdorff_distance(cr.belief_function(pairs, outcomes=range(12)), cr.vacuous(12))
    # ... while its closed forms answer at once
    assert cr.lower_probability(cr.belief_function(pairs, outcomes=range(12)),
                                [0, 1]) == Fr(1, 66)


# -- shared round trips --------------------------------------------------------------------
def _all_sets() -> list[cr.CredalSet]:
    return [W3(), cr.wasserstein_ball([0.5, 0.5, 0.0], LINE, 0.25, outcomes=list("xyz")),
            cr.wasserstein_ball(["1/2", "1/2"], [[0, 1], [1, 0]], "1/3"),
            K3(), cr.cvar_set([0.25, 0.75], 0.5, outcomes=["u", "v"]),
            B3(), cr.belief_function({(0,): 0.25, (0, 1): 0.75}, outcomes=[0, 1]),
            cr.belief_function({(("p", 1),): "1/3", (("p", 1), ("q", 2)): "2/3"},
                               outcomes=[("p", 1), ("q", 2)])]


@pytest.mark.parametrize("S", _all_sets(), ids=lambda S: repr(S)[:40])
def test_round_trips(S: cr.CredalSet) -> None:
    namespace: dict[str, object] = {}
    exec("from credal import *", namespace)
    again = eval(repr(S), namespace)
    assert again.form == S.form and again.outcomes == S.outcomes and again.equals(S)
    assert repr(again) == repr(S)
    back = pickle.loads(pickle.dumps(S))
    assert back.form == S.form and repr(back) == repr(S) and back.equals(S)
    f = np.arange(S.n_outcomes) % 3 - 1
    F, E = S.to_float(), S.to_exact()
    assert not F.is_exact and E.is_exact and F.form == E.form == S.form
    assert abs(float(cr.lower_expectation(F, f)) - float(cr.lower_expectation(S, f))) <= 1e-12
    assert E.to_float().equals(F)
    if S.is_exact:
        assert E.equals(S) and cr.lower_expectation(E, f) == cr.lower_expectation(S, f)


def test_to_exact_max_denominator_keeps_valid_sets() -> None:
    assert cr.cvar_set([0.5, 0.5], 1e-9).to_exact(max_denominator=10).representation.alpha \
        == Fr(1, 10)
    B = cr.belief_function({(0,): 0.3333333, (0, 1): 0.6666667}, outcomes=[0, 1])
    assert sum(B.to_exact(max_denominator=3).representation.masses) == 1


# -- problem files -----------------------------------------------------------------------------
def test_problem_file_spellings() -> None:
    base = {"outcomes": ["a", "b", "c"], "acts": {"d1": [2, 1, 0]}}
    W = cr.parse_problem({**base, "belief": {"wasserstein_ball": {
        "center": ["1/2", "1/2", 0], "cost": [[0, 1, 2], [1, 0, 1], {"a": 2, "b": 1, "c": 0}],
        "radius": "1/4"}}}).belief
    assert W is not None and W.form == "wasserstein_ball"
    assert cr.lower_expectation(W, [2, 1, 0]) == Fr(5, 4)
    K = cr.parse_problem({**base, "belief": {"cvar_set": {"center": ["1/2", "1/4", "1/4"],
                                                          "alpha": "3/4"}}}).belief
    assert K is not None and K.equals(cr.cvar_set(["1/2", "1/4", "1/4"], "3/4",
                                                   outcomes=["a", "b", "c"]))
    B = cr.parse_problem({**base, "belief": {"belief_function": [
        {"event": ["a"], "mass": "1/2"}, {"event": ["b", "c"], "mass": "1/3"},
        {"event": ["a", "b", "c"], "mass": "1/6"}]}}).belief
    assert B is not None and B.equals(B3()) and B.outcomes == ("a", "b", "c")


@pytest.mark.parametrize(("belief", "where"), [
    ({"wasserstein_ball": {"center": [1, 0, 0], "radius": 1}}, "belief.wasserstein_ball.cost"),
    ({"wasserstein_ball": {"center": [1, 0, 0], "cost": [[0, 1]], "radius": 1}},
     "belief.wasserstein_ball.cost"),
    ({"wasserstein_ball": {"center": [1, 0, 0], "cost": [[0, 1, 1], [1, 0, 1], [1, 1, 1]],
                           "radius": 1}}, "belief.wasserstein_ball: cost must have a zero"),
    ({"cvar_set": {"center": [1, 0, 0], "alpha": 2}}, "belief.cvar_set: alpha"),
    ({"cvar_set": {"center": [1, 0, 0], "level": 2}}, "belief.cvar_set.level"),
    ({"belief_function": []}, "belief.belief_function: must be a non-empty list"),
    ({"belief_function": [{"event": ["z"], "mass": 1}]}, "belief.belief_function[0].event"),
    ({"belief_function": [{"event": ["a"]}]}, "belief.belief_function[0].mass"),
    ({"belief_function": [{"event": ["a"], "mass": "1/2"}, {"event": ["a"], "mass": "1/2"}]},
     "belief.belief_function[1].event: repeats"),
    ({"belief_function": [{"event": ["a"], "mass": "1/2"}]},
     "belief.belief_function: masses must sum to 1"),
])
def test_problem_file_errors(belief: dict[str, object], where: str) -> None:
    with pytest.raises(cr.errors.ProblemFileError) as info:
        cr.parse_problem({"outcomes": ["a", "b", "c"], "belief": belief}, source="p.toml")
    assert f"p.toml: {where}" in str(info.value)

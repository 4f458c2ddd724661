"""Known answers and bad input for the set operations (credal.operations)."""

from __future__ import annotations

from fractions import Fraction as F

import numpy as np
import pytest

import credal as cr
from credal.errors import EmptySetError, InvalidArgumentError
from credal.sets.forms.contamination import ContaminationForm as Contamination
from credal.sets.forms.intervals import IntervalForm as Intervals

SEGMENT = cr.CredalSet.from_vertices([[1, 0, 0], [0, 1, 0]])
HALF = cr.CredalSet.from_bounds([0, 0, "1/2"], [1, 1, 1])  # p_2 >= 1/2
BALL = cr.tv_ball(["1/3", "1/3", "1/3"], "1/6")


# -- contains, issubset, equals ---------------------------------------------------------
@pytest.mark.parametrize("S, inside, outside", [
    (SEGMENT, ["1/2", "1/2", 0], ["1/2", "1/4", "1/4"]),
    (HALF, [0, "1/2", "1/2"], ["1/2", "1/2", 0]),
    (BALL, ["1/2", "1/3", "1/6"], ["1/2", "1/2", 0]),
], ids=["vertices", "constraints", "tv_ball"])
def test_contains_exact_and_float(S: cr.CredalSet, inside: list[str], outside: list[str]
                                  ) -> None:
    assert S.contains(inside) is True
    assert S.contains(outside) is False
    for v in S.vertices:
        assert S.contains(v)
    fin = np.array([float(F(x)) for x in inside])
    assert S.contains(fin) and S.to_float().contains(fin)
    # a point 1e-6 outside is outside at the default atol, inside at atol=1e-5
    v = np.array(S.to_float().vertices[0])
    out = cr.tv_projection(np.array([float(F(x)) for x in outside]), S.to_float()).point
    nudged = out + 1e-6 * (np.array([float(F(x)) for x in outside]) - out) / max(
        1e-300, cr.tv_distance([float(F(x)) for x in outside], out))
    assert S.contains(v)
    assert not S.contains(nudged)
    assert S.contains(nudged, atol=1e-5)


def test_contains_rejects_bad_points() -> None:
    with pytest.raises(InvalidArgumentError, match="sums to"):
        HALF.contains(["1/2", "1/2", "1/2"])
    with pytest.raises(InvalidArgumentError, match="batch"):
        HALF.contains([[1, 0, 0], [0, 1, 0]])
    with pytest.raises(InvalidArgumentError, match="shape"):
        HALF.contains([1, 0])
    with pytest.raises(InvalidArgumentError, match="atol"):
        HALF.contains([1, 0, 0], atol=-1)


def test_inclusion_and_equality_across_forms() -> None:
    V = cr.CredalSet.from_vertices(HALF.vertices)
    assert HALF.equals(V) and V.equals(HALF)
    assert HALF.issubset(cr.vacuous(3)) and not cr.vacuous(3).issubset(HALF)
    assert SEGMENT.issubset(cr.vacuous(3)) and not SEGMENT.issubset(HALF)
    assert cr.precise(["1/3", "1/3", "1/3"]).issubset(BALL)
    assert BALL.issubset(cr.CredalSet.from_vertices(BALL.vertices))
    assert cr.CredalSet.from_vertices(BALL.vertices).issubset(BALL)
    assert not cr.vacuous(3).issubset(BALL)
    assert HALF.equals(HALF.to_float()) and HALF.to_float().equals(V)
    # float inclusion up to atol: shrink a set by 1e-7 the other way
    lo = cr.CredalSet.from_bounds([0, 0, 0.5 - 1e-7], [1, 1, 1])
    assert not lo.issubset(HALF) and lo.issubset(HALF, atol=1e-6)


def test_inclusion_rejects_other_outcomes() -> None:
    with pytest.raises(InvalidArgumentError, match="same outcomes"):
        HALF.issubset(cr.vacuous(["a", "b", "c"]))
    with pytest.raises(InvalidArgumentError, match="CredalSet"):
        HALF.equals([[1, 0, 0]])  # type: ignore[arg-type]


# -- intersection and convex hull -------------------------------------------------------
def test_intersection_of_intervals_keeps_the_interval_structure() -> None:
    A = cr.CredalSet.from_bounds(["1/4", 0, 0], [1, 1, "1/2"])
    B = cr.CredalSet.from_bounds([0, "1/4", 0], [1, "1/2", 1])
    M = cr.intersection(A, B)
    assert isinstance(M.representation, Intervals)
    for f in ([3, -1, 2], [0, 1, 0], [-2, 5, 1]):
        assert cr.lower_expectation(M, f) >= max(cr.lower_expectation(A, f),
                                                 cr.lower_expectation(B, f))
    assert M.equals(cr.CredalSet.from_bounds(["1/4", "1/4", 0], [1, "1/2", "1/2"]))


def test_intersection_of_mixed_forms() -> None:
    T = cr.CredalSet.from_vertices([[1, 0, 0], [0, 0, 1]])
    M = cr.intersection(HALF, T, cr.tv_ball(["1/3", "1/3", "1/3"], "1/3"))
    want = cr.CredalSet.from_vertices([["1/2", 0, "1/2"], ["1/3", 0, "2/3"]])
    assert M.is_exact and M.equals(want)
    assert cr.intersection(HALF.to_float(), T).equals(cr.CredalSet.from_vertices(
        [[0.5, 0, 0.5], [0, 0, 1]]))


def test_empty_intersection_raises() -> None:
    with pytest.raises(EmptySetError, match="no distribution in common"):
        cr.intersection(HALF, SEGMENT)
    with pytest.raises(EmptySetError):
        cr.intersection(cr.CredalSet.from_bounds(["1/2", 0], [1, 1]),
                        cr.CredalSet.from_bounds([0, "2/3"], [1, 1]))


def test_intersection_refuses_a_huge_tv_ball_conversion() -> None:
    n = 13
    B = cr.tv_ball([F(1, n)] * n, "1/10")
    with pytest.raises(InvalidArgumentError, match="2\\^13 - 2"):
        cr.intersection(B, cr.vacuous(n))


def test_convex_hull_is_the_join() -> None:
    H = cr.convex_hull(SEGMENT, HALF)
    f = [2, -1, 5]
    assert cr.lower_expectation(H, f) == min(cr.lower_expectation(SEGMENT, f),
                                             cr.lower_expectation(HALF, f))
    assert SEGMENT.issubset(H) and HALF.issubset(H)
    assert cr.convex_hull(SEGMENT) is SEGMENT
    with pytest.raises(InvalidArgumentError, match="at least one"):
        cr.convex_hull()


# -- mixture ---------------------------------------------------------------------------
def test_mixture_known_answer_and_structure() -> None:
    M = cr.mixture([SEGMENT, HALF, BALL], ["1/2", "1/4", "1/4"])
    for f in ([1, 0, 0], [2, -3, 1], [0, 0, 1]):
        want = (F(1, 2) * cr.lower_expectation(SEGMENT, f) + F(1, 4) *
                cr.lower_expectation(HALF, f) + F(1, 4) * cr.lower_expectation(BALL, f))
        assert cr.lower_expectation(M, f) == want
    C = cr.mixture([cr.contamination([1, 0], "1/2"), cr.contamination([0, 1], "1/2")],
                   ["1/2", "1/2"])
    assert isinstance(C.representation, Contamination)
    assert cr.lower_probability(C, [0]) == F(1, 4)
    assert cr.mixture([HALF, SEGMENT], [1, 0]).equals(HALF)


@pytest.mark.parametrize("weights, words", [
    (["1/2", "1/4"], "sum to 1"),
    ([0.5, 0.6], "sum to 1"),
    (["3/2", "-1/2"], "nonnegative"),
    ([1], "one number per set"),
])
def test_mixture_rejects_bad_weights(weights: list[str], words: str) -> None:
    with pytest.raises(InvalidArgumentError, match=words):
        cr.mixture([SEGMENT, HALF], weights)


def test_mixture_rejects_bad_sets() -> None:
    with pytest.raises(InvalidArgumentError, match="list of credal sets"):
        cr.mixture(HALF, [1])  # type: ignore[arg-type]
    with pytest.raises(InvalidArgumentError, match="same outcomes"):
        cr.mixture([HALF, cr.vacuous(2)], ["1/2", "1/2"])


# -- pushforward and product -----------------------------------------------------------
def test_pushforward_known_answers() -> None:
    S = cr.CredalSet.from_vertices([["1/2", "1/4", "1/4"], [0, "1/2", "1/2"]],
                                   outcomes=["a", "b", "c"])
    M = cr.pushforward(S, {"a": "x", "b": "y", "c": "y"})
    assert M.outcomes == ("x", "y")
    g = {"x": 3, "y": -1}
    assert cr.lower_expectation(M, g) == cr.lower_expectation(S, {"a": 3, "b": -1, "c": -1})
    assert cr.pushforward(BALL, lambda x: x // 2).equals(cr.tv_ball(["2/3", "1/3"], "1/6"))
    assert cr.pushforward(cr.vacuous(4), lambda x: x % 2).equals(cr.vacuous(2))


@pytest.mark.parametrize("mapping, words", [
    ({0: "a", 1: "a"}, "no image for the outcome 2"),
    ({0: "a", 1: "a", 2: "b", 9: "c"}, "not an outcome"),
    (lambda x: 1 / (x - 1), "ZeroDivisionError"),
    (lambda x: [x], "not hashable"),
    ("abc", "dict outcome -> new outcome or a callable"),
])
def test_pushforward_rejects(mapping: object, words: str) -> None:
    with pytest.raises(InvalidArgumentError, match=words):
        cr.pushforward(HALF, mapping)  # type: ignore[arg-type]


def test_product_outcomes_vertices_and_marginals() -> None:
    S = cr.CredalSet.from_vertices([["1/2", "1/2"], [1, 0]], outcomes=["H", "T"])
    T = cr.vacuous(["a", "b", "c"])
    P = cr.product(S, T)
    assert P.outcomes == tuple((x, y) for x in "HT" for y in "abc")
    assert P.vertices.shape == (6, 6)
    assert cr.pushforward(P, lambda xy: xy[0]).equals(S)
    assert cr.pushforward(P, lambda xy: xy[1]).equals(T)
    # lower prevision of a gamble on X only is that of S
    g = {(x, y): (2 if x == "H" else -1) for x in "HT" for y in "abc"}
    assert cr.lower_expectation(P, g) == cr.lower_expectation(S, {"H": 2, "T": -1})
    assert not cr.product(S.to_float(), T).is_exact


# -- conditioning ----------------------------------------------------------------------
def test_generalized_bayes_rule_known_answer() -> None:
    S = cr.CredalSet.from_vertices([["1/2", "1/4", "1/4"], ["1/4", "1/4", "1/2"]])
    C = cr.condition(S, [0, 1])
    assert C.outcomes == S.outcomes
    assert cr.lower_probability(C, [0]) == F(1, 2)
    assert cr.upper_probability(C, [0]) == F(2, 3)
    assert cr.upper_probability(C, [2]) == 0
    # lower E(f | B) is the root x of lower E(1_B (f - x)) = 0
    f = [F(3), F(-1), F(7)]
    x = cr.lower_expectation(C, f)
    assert cr.lower_expectation(S, [f[0] - x, f[1] - x, 0]) == 0
    assert cr.condition(S, [0, 1], rule="regular").equals(C)


def test_regular_extension_skips_the_zero_probability_vertices() -> None:
    S = cr.CredalSet.from_vertices([[0, 0, 1], ["1/2", "1/2", 0], [1, 0, 0]])
    R = cr.condition(S, [0, 1], rule="regular")
    assert R.equals(cr.CredalSet.from_vertices([["1/2", "1/2", 0], [1, 0, 0]]))
    with pytest.raises(InvalidArgumentError, match="rule='regular'"):
        cr.condition(S, [0, 1])
    Rf = cr.condition(S.to_float(), [0, 1], rule="regular")
    assert Rf.equals(R.to_float())


@pytest.mark.parametrize("event, rule, error, words", [
    ([2], "bayes", EmptySetError, "leaves no distribution"),
    ([2], "regular", EmptySetError, "probability 0"),
    ([], "regular", EmptySetError, "leaves no distribution"),
    ([7], "bayes", InvalidArgumentError, "not an outcome"),
    (0, "bayes", InvalidArgumentError, "iterable of outcomes"),
    ([0], "gbr", InvalidArgumentError, "rule must be"),
])
def test_condition_rejects(event: object, rule: str, error: type, words: str) -> None:
    with pytest.raises(error, match=words):
        cr.condition(SEGMENT, event, rule=rule)  # type: ignore[arg-type]


def test_float_intervals_meeting_in_one_point_are_not_empty() -> None:
    # 0.1 + 0.2 + 0.7 is 1.0000000000000002 in floats: still one distribution
    A = cr.CredalSet.from_bounds([0.1, 0.2, 0.0], [1, 1, 1])
    B = cr.CredalSet.from_bounds([0, 0, 0.7], [1, 1, 1])
    M = cr.intersection(A, B)
    assert isinstance(M.representation, Intervals)
    assert np.abs(M.vertices - [[0.1, 0.2, 0.7]]).max() <= 1e-12
    with pytest.raises(EmptySetError):
        cr.intersection(A, cr.CredalSet.from_bounds([0, 0, 0.8], [1, 1, 1]))


def test_conversions_remove_redundancy() -> None:
    S = cr.CredalSet.from_lower_previsions([([1, 2, 3], 2), ([1, 2, 3], "3/2"),
                                            ([0, 1, 0], "1/4")])
    H = S.to_constraints()
    rows = H.representation.own_constraints()
    assert H.form == "constraints" and rows is not None
    assert rows.A_ub.shape[0] == 2  # the 3/2 row is implied
    assert H.equals(S)
    V = cr.CredalSet.from_vertices([[1, 0], [0, 1], ["1/2", "1/2"], [1, 0]]).to_vertices()
    assert V.representation.points().tolist() == [[0, 1], [1, 0]]
    B = cr.tv_ball(["1/2", "1/4", "1/4"], "1/8").to_constraints()
    assert B.form == "constraints" and B.equals(cr.tv_ball(["1/2", "1/4", "1/4"], "1/8"))

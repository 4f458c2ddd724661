"""Disambiguative decision theory: worked examples with known answers, the
labelled-counterfactual construction against worst-case choice per counterfactual set,
H-form beliefs against their V-form copies, validation, immutability."""

from __future__ import annotations

import copy
import math
import pickle
from fractions import Fraction as F

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from credal import CredalSet, lower_expectation, precise, tv_ball, vacuous
from credal.ddt import DDTProblem
from credal.errors import InvalidArgumentError
from credal.strategies import credal_sets

# --------------------------------------------------------------------------------------
# Newcomb: outcomes (prediction, action); action 1 one-boxes, action 2 two-boxes
# --------------------------------------------------------------------------------------
NEWCOMB_E = [(1, 1), (1, 2), (2, 1), (2, 2)]
NEWCOMB_U = {(1, 1): 1_000_000, (1, 2): 1_001_000, (2, 1): 0, (2, 2): 1_000}
NEWCOMB_POLICIES = {"one-box": [(1, 1), (2, 1)], "two-box": [(1, 2), (2, 2)]}


def tol(u: object) -> float:
    """Float tolerance scaled to the utility's size."""
    arr = np.abs(np.asarray(u, dtype=float))
    return 1e-8 * max(1.0, float(arr.max()))


def noisy_predictor(accuracies: list[object]) -> list[list[object]]:
    """Points of a predictor correct with each given probability, whatever the action."""
    points = []
    for a in accuracies:
        points.append([a, 0, 1 - a, 0])  # one-box: predicted 1 with probability a
        points.append([0, 1 - a, 0, a])  # two-box: predicted 2 with probability a
    return points


class TestNewcomb:
    @pytest.mark.parametrize("exact", [True, False])
    def test_perfect_predictor_one_boxes(self, exact: bool) -> None:
        one = 1 if exact else 1.0
        belief = CredalSet.from_vertices([[one, 0, 0, 0], [0, 0, 0, one]], outcomes=NEWCOMB_E)
        P = DDTProblem(belief, NEWCOMB_U, NEWCOMB_POLICIES)
        values = P.values()
        assert values == {"one-box": 1_000_000, "two-box": 1_000}
        assert all(type(v) is (F if exact else float) for v in values.values())
        assert P.is_exact is exact
        assert P.choose() == ["one-box"]

    def test_no_belief_about_the_predictor_two_boxes(self) -> None:
        P = DDTProblem(vacuous(NEWCOMB_E), NEWCOMB_U, NEWCOMB_POLICIES)
        assert P.values() == {"one-box": 0, "two-box": 1_000}
        assert P.choose() == ["two-box"]

    def test_noisy_predictor_exact(self) -> None:
        belief = CredalSet.from_vertices(noisy_predictor([F(9, 10)]), outcomes=NEWCOMB_E)
        P = DDTProblem(belief, NEWCOMB_U, NEWCOMB_POLICIES)
        # one-box: 9/10 * 1e6; two-box: 9/10 * 1000 + 1/10 * 1,001,000 = 101,000
        assert P.values() == {"one-box": 900_000, "two-box": 101_000}
        assert P.choose() == ["one-box"]

    def test_noisy_predictor_float(self) -> None:
        belief = CredalSet.from_vertices(noisy_predictor([0.9]), outcomes=NEWCOMB_E)
        P = DDTProblem(belief, NEWCOMB_U, NEWCOMB_POLICIES)
        values = P.values()
        assert abs(values["one-box"] - 900_000) <= tol(1_001_000)
        assert abs(values["two-box"] - 101_000) <= tol(1_001_000)
        assert P.choose() == ["one-box"]

    @pytest.mark.parametrize("form", ["vertices", "constraints"])
    def test_predictor_of_unknown_accuracy(self, form: str) -> None:
        # Accuracy anywhere in [2/5, 3/5]: V(one-box) = 2/5 * 1e6 = 400,000;
        # V(two-box) = min_a a*1000 + (1-a)*1,001,000 = 1,001,000 - 3/5 * 1e6 = 401,000.
        belief = CredalSet.from_vertices(noisy_predictor([F(2, 5), F(3, 5)]),
                                         outcomes=NEWCOMB_E)
        if form == "constraints":
            belief = belief.to_constraints()
        P = DDTProblem(belief, NEWCOMB_U, NEWCOMB_POLICIES)
        assert P.values() == {"one-box": 400_000, "two-box": 401_000}
        assert P.choose() == ["two-box"]
        face = P.disambiguate("one-box")
        assert face is not None and face.form == form
        assert face.equals(CredalSet.from_vertices(
            [[F(2, 5), 0, F(3, 5), 0], [F(3, 5), 0, F(2, 5), 0]], outcomes=NEWCOMB_E))


# --------------------------------------------------------------------------------------
# 5-and-10
# --------------------------------------------------------------------------------------
FIVE_TEN = {"take 5": [5], "take 10": [10]}


class TestFiveAndTen:
    def test_no_belief_takes_10(self) -> None:
        P = DDTProblem(vacuous([5, 10]), [5, 10], FIVE_TEN)
        assert P.values() == {"take 5": 5, "take 10": 10}
        assert P.choose() == ["take 10"]

    @pytest.mark.parametrize("exact", [True, False])
    def test_sure_of_5_nirvana_takes_10(self, exact: bool) -> None:
        sure = precise([1, 0] if exact else [1.0, 0.0], outcomes=[5, 10])
        P = DDTProblem(sure, [5, 10], FIVE_TEN)
        assert P.empty == "nirvana"
        assert P.values() == {"take 5": 5, "take 10": math.inf}
        assert P.choose() == ["take 10"]
        assert P.disambiguate("take 10") is None
        face = P.disambiguate("take 5")
        assert face is not None and face.equals(sure)

    @pytest.mark.parametrize("exact", [True, False])
    def test_sure_of_5_forbidden_takes_5(self, exact: bool) -> None:
        sure = precise([1, 0] if exact else [1.0, 0.0], outcomes=[5, 10])
        P = DDTProblem(sure, [5, 10], FIVE_TEN, empty="forbidden")
        assert P.values() == {"take 5": 5, "take 10": -math.inf}
        assert P.choose() == ["take 5"]

    def test_h_form_belief_empty_face(self) -> None:
        sure = CredalSet.from_bounds([1, 0], [1, 0], outcomes=[5, 10])
        P = DDTProblem(sure, [5, 10], FIVE_TEN)
        assert P.disambiguate("take 10") is None
        assert P.values() == {"take 5": 5, "take 10": math.inf}

    def test_tv_ball_belief_empty_face(self) -> None:
        P = DDTProblem(tv_ball([1, 0, 0], F(1, 10)), [0, 1, 2], {"a": [1, 2], "b": [0]})
        assert P.disambiguate("a") is None  # every point keeps at least 9/10 on outcome 0
        assert P.values() == {"a": math.inf, "b": 0}

    def test_every_value_minus_infinity_chooses_all(self) -> None:
        P = DDTProblem(precise([1, 0, 0]), [0, 1, 2], {"b": [1], "c": [2]}, empty="forbidden")
        assert P.values() == {"b": -math.inf, "c": -math.inf}
        assert P.choose() == ["b", "c"]

    def test_several_nirvana_policies_all_chosen(self) -> None:
        P = DDTProblem(precise([1, 0, 0]), [5, 1, 2], {"a": [0], "b": [1], "c": [2]})
        assert P.choose() == ["b", "c"]


# --------------------------------------------------------------------------------------
# Policy-labelled counterfactuals
# --------------------------------------------------------------------------------------
TN_W = [("full", 1), ("full", 2), ("empty", 1), ("empty", 2)]
TN_U = [1_000_000, 1_001_000, 0, 1_000]


def transparent_newcomb() -> dict[str, CredalSet]:
    """Policies: action on seeing a full box, then on seeing an empty one. The box is full
    iff the agent one-boxes on seeing it full."""
    full_1, empty_1, empty_2 = ([int(i == j) for j in range(4)] for i in (0, 2, 3))
    return {"11": precise(full_1, outcomes=TN_W), "12": precise(full_1, outcomes=TN_W),
            "21": precise(empty_1, outcomes=TN_W), "22": precise(empty_2, outcomes=TN_W)}


def placed(Q: CredalSet, P: DDTProblem, policy: object) -> CredalSet:
    """Q placed on policy's block of P's outcomes."""
    policies = list(P.policies)
    b, n = policies.index(policy), Q.n_outcomes
    V = Q.vertices
    points = np.zeros((V.shape[0], len(P.outcomes)), dtype=V.dtype)
    if V.dtype == object:
        points[:] = F(0)
    points[:, b * n:(b + 1) * n] = V
    return CredalSet.from_vertices(points, outcomes=P.outcomes)


class TestCounterfactuals:
    def test_transparent_newcomb_labelled(self) -> None:
        Q = transparent_newcomb()
        P = DDTProblem.from_counterfactuals(Q, TN_U)
        assert P.values() == {"11": 1_000_000, "12": 1_000_000, "21": 0, "22": 1_000}
        assert P.choose() == ["11", "12"]
        assert P.outcomes == tuple((p, w) for p in Q for w in TN_W)
        assert P.policies["21"] == tuple(("21", w) for w in TN_W)
        assert list(P.utility) == TN_U * 4

    def test_transparent_newcomb_unlabelled_pitfall(self) -> None:
        # Without labels, E_pi is the (seen box, action) pairs pi allows, and the belief
        # the hull of the counterfactual outcomes: "11" is also judged by "21"'s branch.
        belief = CredalSet.from_vertices([[1, 0, 0, 0], [0, 0, 1, 0], [0, 0, 0, 1]],
                                         outcomes=TN_W)
        policies = {f"{a}{b}": [("full", a), ("empty", b)] for a in (1, 2) for b in (1, 2)}
        P = DDTProblem(belief, TN_U, policies)
        assert P.values() == {"11": 0, "12": 1_000, "21": 0, "22": 1_000}
        assert P.choose() == ["12", "22"]  # not what the counterfactuals say

    @pytest.mark.parametrize("form", ["vertices", "constraints", "tv_ball", "mixed"])
    def test_faces_are_the_counterfactuals(self, form: str) -> None:
        sets = {
            "a": CredalSet.from_bounds([F(1, 5), 0, 0], [F(1, 2), 1, F(3, 5)]),
            "b": CredalSet.from_lower_previsions([([1, 2, 0], 1), ([0, 0, 1], F(1, 4))]),
            "c": CredalSet.from_constraints(A_eq=[[1, -1, 0]], b_eq=[0]),
        }
        if form == "vertices":
            sets = {k: S.to_vertices() for k, S in sets.items()}
        elif form == "tv_ball":
            sets = {"a": tv_ball([F(1, 2), F(1, 4), F(1, 4)], F(1, 3)),
                    "b": tv_ball([0, 0, 1], F(1, 2))}
        elif form == "mixed":
            sets["a"] = sets["a"].to_vertices()
            sets["d"] = tv_ball([F(1, 3)] * 3, F(1, 6))
        u = {0: 3, 1: -1, 2: F(1, 2)}
        P = DDTProblem.from_counterfactuals(sets, u)
        expected_form = "constraints" if form == "constraints" else "vertices"
        assert P.belief.form == expected_form
        values = P.values()
        for name, Q in sets.items():
            assert values[name] == lower_expectation(Q, u)
            face = P.disambiguate(name)
            assert face is not None and face.equals(placed(Q, P, name))

    def test_float_counterfactual_makes_a_float_problem(self) -> None:
        sets = {"a": precise([F(1, 2), F(1, 2)]), "b": precise([0.25, 0.75])}
        P = DDTProblem.from_counterfactuals(sets, [1, 0])
        assert not P.is_exact
        assert P.values() == {"a": 0.5, "b": 0.25}
        assert all(type(v) is float for v in P.values().values())


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data(), exact=st.booleans(), n_policies=st.integers(2, 3),
       n_world=st.integers(2, 3))
def test_labelled_hull_equals_worst_case_per_counterfactual(
        data: st.DataObject, exact: bool, n_policies: int, n_world: int) -> None:
    """DDT with a belief that is the hull of labelled counterfactuals equals worst-case
    choice per counterfactual set."""
    form = data.draw(st.sampled_from(["any", "constraints"]))
    sets = {f"pi{i}": data.draw(credal_sets(n_world, max_vertices=3, exact=exact, form=form))
            for i in range(n_policies)}
    u = data.draw(st.lists(st.integers(-10, 10), min_size=n_world, max_size=n_world))
    P = DDTProblem.from_counterfactuals(sets, u)
    values = P.values()
    expected = {name: lower_expectation(Q, u) for name, Q in sets.items()}
    if exact:
        assert values == expected
        best = max(expected.values())
        assert P.choose() == [k for k, v in expected.items() if v == best]
    else:
        for name in sets:
            assert abs(values[name] - expected[name]) <= tol(u)


# --------------------------------------------------------------------------------------
# Forms of the belief
# --------------------------------------------------------------------------------------
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data(), exact=st.booleans(), n=st.integers(2, 4))
def test_h_form_belief_matches_its_v_form_copy(data: st.DataObject, exact: bool,
                                                n: int) -> None:
    S = data.draw(credal_sets(n, max_vertices=4, exact=exact, form="constraints"))
    u = data.draw(st.lists(st.integers(-10, 10), min_size=n, max_size=n))
    events = data.draw(st.lists(st.sets(st.integers(0, n - 1), min_size=1), min_size=1,
                                max_size=3))
    policies = {i: sorted(event) for i, event in enumerate(events)}
    H = DDTProblem(S, u, policies)
    V = DDTProblem(CredalSet.from_vertices(S.vertices), u, policies)
    hv, vv = H.values(), V.values()
    for p in policies:
        if exact:
            assert hv[p] == vv[p]
        else:
            assert hv[p] == vv[p] or abs(hv[p] - vv[p]) <= 1e-6 * max(1, max(map(abs, u)))
    if exact:
        assert H.choose() == V.choose()


def test_tv_ball_belief_matches_its_v_form_copy() -> None:
    S = tv_ball([F(1, 2), F(1, 3), F(1, 6)], F(1, 4))
    policies = {"a": [0, 1], "b": [1, 2], "c": [0, 2], "d": [2]}
    u = [1, 5, -2]
    T = DDTProblem(S, u, policies)
    V = DDTProblem(CredalSet.from_vertices(S.vertices), u, policies)
    assert T.values() == V.values()
    assert T.values()["d"] == math.inf  # no point of the ball is sure of outcome 2


def test_float_points_with_tiny_mass_outside_are_kept_and_cleaned() -> None:
    belief = CredalSet.from_vertices([[1e-13, 1.0 - 1e-13, 0.0], [0.0, 0.0, 1.0]])
    P = DDTProblem(belief, [100.0, 1.0, 0.0], {"b": [1]})
    face = P.disambiguate("b")
    assert face is not None
    assert face.vertices.tolist() == [[0.0, 1.0, 0.0]]
    assert P.values() == {"b": 1.0}


def test_mixed_arithmetic_is_float() -> None:
    P = DDTProblem(vacuous([5, 10]), [5.0, 10], FIVE_TEN)
    assert not P.is_exact and P.utility.dtype == np.float64
    assert P.values() == {"take 5": 5.0, "take 10": 10.0}
    assert all(type(v) is float for v in P.values().values())


def test_float_ties_within_atol() -> None:
    belief = CredalSet.from_vertices([[0.5, 0.5, 0.0], [0.0, 0.0, 1.0]])
    u = [1.0, 1.0 + 1e-12, 1.0]  # both policies worth 1 up to 1e-12
    P = DDTProblem(belief, u, {"ab": [0, 1], "c": [2]})
    assert P.choose() == ["ab", "c"]
    assert P.choose(atol=0) == ["ab"]


# --------------------------------------------------------------------------------------
# Validation
# --------------------------------------------------------------------------------------
class TestValidation:
    def test_belief_not_a_credal_set(self) -> None:
        with pytest.raises(InvalidArgumentError, match=r"belief must be a CredalSet.*list"):
            DDTProblem([[1, 0]], [0, 1], {"a": [0]})  # type: ignore[arg-type]

    @pytest.mark.parametrize("utility, pattern", [
        ([1, 2, 3], r"utility must have shape \(2,\).*got shape \(3,\)"),
        ({"x": 1}, r"utility has the key 'x', which is not an outcome"),
        ([1.0, float("nan")], r"utility must be finite"),
        ([[1, 2]], r"utility must have shape \(2,\)"),
        (["a", 1], r"utility must hold numbers"),
    ])
    def test_bad_utility(self, utility: object, pattern: str) -> None:
        with pytest.raises(InvalidArgumentError, match=pattern):
            DDTProblem(vacuous(2), utility, {"a": [0]})

    @pytest.mark.parametrize("policies, pattern", [
        ([[0], [1]], r"policies must be a mapping policy -> event.*list"),
        ({}, r"policies must hold at least one policy"),
        ({"a": [0], "b": [7]}, r"policies\['b'\] contains 7, which is not an outcome"),
        ({"a": 0}, r"policies\['a'\] must be an iterable of outcomes.*write \[0\]"),
        ({"a": []}, r"policies\['a'\] holds no outcome"),
    ])
    def test_bad_policies(self, policies: object, pattern: str) -> None:
        with pytest.raises(InvalidArgumentError, match=pattern):
            DDTProblem(vacuous(2), [0, 1], policies)  # type: ignore[arg-type]

    def test_single_pair_outcome_as_event(self) -> None:
        with pytest.raises(InvalidArgumentError, match=r"write \[\(1, 1\)\]"):
            DDTProblem(vacuous(NEWCOMB_E), NEWCOMB_U, {"one-box": (1, 1)})

    @pytest.mark.parametrize("empty", ["Nirvana", "inf", None, 1])
    def test_bad_empty(self, empty: object) -> None:
        with pytest.raises(InvalidArgumentError, match=r"empty must be 'nirvana'.*or "
                                                       r"'forbidden'.*got"):
            DDTProblem(vacuous(2), [0, 1], {"a": [0]}, empty=empty)  # type: ignore[arg-type]
        with pytest.raises(InvalidArgumentError, match=r"empty must be 'nirvana'"):
            DDTProblem.from_counterfactuals({"a": vacuous(2)}, [0, 1],
                                            empty=empty)  # type: ignore[arg-type]

    @pytest.mark.parametrize("atol", [-1e-9, math.inf, math.nan, "small"])
    def test_bad_atol(self, atol: object) -> None:
        P = DDTProblem(vacuous(2), [0, 1], {"a": [0]})
        with pytest.raises(InvalidArgumentError, match=r"atol must be a nonnegative finite"):
            P.choose(atol=atol)  # type: ignore[arg-type]

    def test_unknown_policy(self) -> None:
        P = DDTProblem(vacuous(2), [0, 1], {"a": [0]})
        with pytest.raises(InvalidArgumentError, match=r"policy 'b' is not one of .*\['a'\]"):
            P.disambiguate("b")
        with pytest.raises(InvalidArgumentError, match=r"policy \[0\] is not one of"):
            P.disambiguate([0])  # type: ignore[arg-type]

    def test_bad_counterfactuals(self) -> None:
        with pytest.raises(InvalidArgumentError, match=r"counterfactuals must be a mapping"):
            DDTProblem.from_counterfactuals([vacuous(2)], [0, 1])  # type: ignore[arg-type]
        with pytest.raises(InvalidArgumentError, match=r"counterfactuals must hold at least"):
            DDTProblem.from_counterfactuals({}, [0, 1])
        with pytest.raises(InvalidArgumentError,
                           match=r"counterfactuals\['b'\] must be a CredalSet, got list"):
            DDTProblem.from_counterfactuals({"a": vacuous(2), "b": [[1, 0]]},  # type: ignore
                                            [0, 1])
        with pytest.raises(InvalidArgumentError,
                           match=r"counterfactuals\['b'\] is over the outcomes \['x', 'y'\].*"
                                 r"same world outcomes"):
            DDTProblem.from_counterfactuals({"a": vacuous(2), "b": vacuous(["x", "y"])}, [0, 1])
        with pytest.raises(InvalidArgumentError, match=r"utility must have shape \(2,\)"):
            DDTProblem.from_counterfactuals({"a": vacuous(2)}, [0, 1, 2])
        with pytest.raises(InvalidArgumentError, match=r"utility has the key \('a', 0\)"):
            DDTProblem.from_counterfactuals({"a": vacuous(2)}, {("a", 0): 1})


# --------------------------------------------------------------------------------------
# Immutability
# --------------------------------------------------------------------------------------
class TestImmutability:
    def test_results_are_immutable(self) -> None:
        P = DDTProblem(vacuous(NEWCOMB_E), NEWCOMB_U, NEWCOMB_POLICIES)
        with pytest.raises(AttributeError, match="immutable"):
            P.empty = "forbidden"  # type: ignore[misc]
        with pytest.raises(AttributeError, match="immutable"):
            P._values = {}
        with pytest.raises(ValueError, match="read-only"):
            P.utility[0] = 5
        P.values()["one-box"] = 99
        P.policies["one-box"] = ()
        assert P.values() == {"one-box": 0, "two-box": 1_000}
        assert P.policies["one-box"] == ((1, 1), (2, 1))
        face = P.disambiguate("one-box")
        assert face is P.disambiguate("one-box")  # cached

    def test_inputs_not_mutated(self) -> None:
        u = np.array([1_000_000.0, 1_001_000.0, 0.0, 1_000.0])
        policies = {k: list(v) for k, v in NEWCOMB_POLICIES.items()}
        belief = vacuous(NEWCOMB_E)
        before = (u.copy(), copy.deepcopy(policies), belief.vertices.copy())
        P = DDTProblem(belief, u, policies)
        P.values()
        P.choose()
        assert np.array_equal(u, before[0]) and u.flags.writeable
        assert policies == before[1]
        assert np.array_equal(belief.vertices, before[2])
        u[0] = -1.0  # the problem kept its own copy
        assert P.values()["one-box"] == 0.0

        sets = transparent_newcomb()
        sets_before = dict(sets)
        utility = list(TN_U)
        DDTProblem.from_counterfactuals(sets, utility).values()
        assert sets == sets_before and utility == TN_U

    def test_pickle_round_trip(self) -> None:
        P = DDTProblem.from_counterfactuals(transparent_newcomb(), TN_U, empty="forbidden")
        Q = pickle.loads(pickle.dumps(P))
        assert Q.values() == P.values() and Q.empty == "forbidden"
        assert Q.outcomes == P.outcomes and Q.policies == P.policies
        assert "DDTProblem" in repr(Q)


def test_h_form_beliefs_are_not_enumerated() -> None:
    belief = CredalSet.from_lower_previsions([([1, 0, 0, 0], F(1, 5)), ([0, 1, 1, 0], F(1, 4))])
    P = DDTProblem(belief, [4, 3, 2, 1], {"a": [0, 1], "b": [2, 3], "c": [0, 2, 3]})
    assert P.values() == {"a": F(16, 5), "b": math.inf, "c": F(37, 20)}
    assert P.disambiguate("a").form == "constraints"  # type: ignore[union-attr]
    assert not belief.vertices_known
    sets = {"x": belief, "y": CredalSet.from_bounds([0, F(1, 2), 0, 0], [1, 1, 1, 1])}
    Q = DDTProblem.from_counterfactuals(sets, [4, 3, 2, 1])
    assert Q.belief.form == "constraints"
    assert Q.values() == {"x": lower_expectation(sets["x"], [4, 3, 2, 1]), "y": 2}
    assert all(not S.vertices_known for S in (belief, sets["y"], Q.belief))


# -- backend= for the lower expectations on the faces ------------------------------------
def _h_newcomb(exact: bool) -> DDTProblem:
    """Newcomb with a noisy predictor as an H-form belief (its faces' lower expectations
    are LPs): the prediction matches the action with probability at least 9/10."""
    S = CredalSet.from_constraints(A_ub=[[0, 1, 1, 0]], b_ub=["1/10"], outcomes=NEWCOMB_E)
    return DDTProblem(S if exact else S.to_float(), NEWCOMB_U, NEWCOMB_POLICIES)


@pytest.mark.parametrize("exact, backend", [(True, "exact"), (False, "highs"),
                                            (False, "exact")])
def test_a_named_backend_gives_the_default_values(exact: bool, backend: str) -> None:
    P = _h_newcomb(exact)
    default = P.values()
    named = P.values(backend=backend)
    assert named.keys() == default.keys()
    for policy in default:
        if exact:
            assert named[policy] == default[policy]
        else:
            assert abs(named[policy] - default[policy]) <= tol(list(NEWCOMB_U.values()))
    assert P.choose(backend=backend) == P.choose() == ["one-box"]


def test_ddt_backend_is_checked() -> None:
    P = _h_newcomb(True)
    with pytest.raises(InvalidArgumentError, match="backend"):
        P.values(backend="no-such-solver")
    with pytest.raises(InvalidArgumentError, match="solves in floats"):
        P.choose(backend="highs")  # exact problem, float backend
    # every disambiguation empty: still checked, although no LP runs
    sure = DDTProblem(CredalSet.from_vertices([[1, 0]], outcomes=[5, 10]), [5, 10],
                      {"take 10": [10]})
    with pytest.raises(InvalidArgumentError, match="solves in floats"):
        sure.values(backend="highs")

"""Constructors of credal sets: hand-computed vertices, outcomes, forms, exactness,
immutability, input safety and pickling."""

from __future__ import annotations

import pickle
from fractions import Fraction
from fractions import Fraction as F

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import credal as cr
from credal import strategies as cst

RBY = ["R", "B", "Y"]
ELLSBERG_VERTICES = [[F(1, 3), F(0), F(2, 3)], [F(1, 3), F(2, 3), F(0)]]


def rows(S: cr.CredalSet) -> list[list[object]]:
    """Vertices as a list of lists (keeps the entries' own types)."""
    return [list(r) for r in S.vertices]


def frac_rows(*rs: tuple[str | int, ...]) -> list[list[F]]:
    return [[F(x) for x in r] for r in rs]


def assert_exact_vertices(S: cr.CredalSet, expected: list[list[F]]) -> None:
    got = rows(S)
    assert got == expected
    assert S.vertices.shape == (len(expected), len(expected[0]))
    assert all(type(x) is F for r in got for x in r), got


# --------------------------------------------------------------------------------------
# Hand-computed vertices, one constructor at a time
# --------------------------------------------------------------------------------------
class TestVertices:
    def test_ellsberg_from_constraints(self) -> None:
        S = cr.CredalSet.from_constraints(A_eq=[[1, 0, 0]], b_eq=["1/3"], outcomes=RBY)
        assert_exact_vertices(S, ELLSBERG_VERTICES)

    def test_ellsberg_from_vertices_reorders_lexicographically(self) -> None:
        S = cr.CredalSet.from_vertices([["1/3", "2/3", 0], ["1/3", 0, "2/3"]], outcomes=RBY)
        assert_exact_vertices(S, ELLSBERG_VERTICES)

    def test_ellsberg_from_bounds(self) -> None:
        S = cr.CredalSet.from_bounds(["1/3", 0, 0], ["1/3", "2/3", 1], outcomes=RBY)
        assert_exact_vertices(S, ELLSBERG_VERTICES)

    def test_ellsberg_from_lower_probabilities(self) -> None:
        S = cr.CredalSet.from_lower_probabilities(
            {("R",): "1/3", frozenset({"B", "Y"}): "2/3"}, outcomes=RBY)
        assert_exact_vertices(S, ELLSBERG_VERTICES)

    def test_ellsberg_from_lower_previsions(self) -> None:
        S = cr.CredalSet.from_lower_previsions(
            [([1, 0, 0], "1/3"), ([-1, 0, 0], "-1/3")], outcomes=RBY)
        assert_exact_vertices(S, ELLSBERG_VERTICES)

    def test_lower_previsions_general_gamble(self) -> None:
        # p0 - p1 >= 0 and p2 <= 1/2 (i.e. -p2 >= -1/2) over three outcomes.
        S = cr.CredalSet.from_lower_previsions([([1, -1, 0], 0), ([0, 0, -1], "-1/2")])
        # Vertices by hand: (1,0,0), (1/2,0,1/2), (1/4,1/4,1/2), (1/2,1/2,0).
        assert_exact_vertices(S, frac_rows(("1/4", "1/4", "1/2"), ("1/2", 0, "1/2"),
                                           ("1/2", "1/2", 0), (1, 0, 0)))

    def test_probability_intervals_with_unreachable_bounds(self) -> None:
        # upper(0) = 9/10 is unreachable (the others need at least 1/2), so is effectively 1/2.
        S = cr.CredalSet.from_bounds(["1/10", "1/5", "3/10"], ["9/10", "1/2", "1/2"])
        assert_exact_vertices(S, frac_rows(
            ("1/10", "2/5", "1/2"), ("1/10", "1/2", "2/5"), ("1/5", "1/2", "3/10"),
            ("3/10", "1/5", "1/2"), ("1/2", "1/5", "3/10")))
        assert cr.upper_probability(S, [0]) == F(1, 2)
        assert cr.lower_probability(S, [0]) == F(1, 10)

    def test_unreachable_lower_bound_is_tightened(self) -> None:
        # lower = 0 everywhere, upper = (1, 1/4, 1/4): p0 >= 1/2 in fact.
        S = cr.CredalSet.from_bounds([0, 0, 0], [1, "1/4", "1/4"])
        assert_exact_vertices(S, frac_rows(("1/2", "1/4", "1/4"), ("3/4", 0, "1/4"),
                                           ("3/4", "1/4", 0), (1, 0, 0)))
        assert cr.lower_probability(S, [0]) == F(1, 2)

    def test_tv_ball_small_radius(self) -> None:
        S = cr.tv_ball(["1/2", "1/4", "1/4"], "1/8")
        p = [F(1, 2), F(1, 4), F(1, 4)]
        expected = []
        for i in range(3):
            for j in range(3):
                if i != j:
                    q = list(p)
                    q[i] += F(1, 8)
                    q[j] -= F(1, 8)
                    expected.append(q)
        assert_exact_vertices(S, sorted(expected))
        assert len(expected) == 6
        assert rows(S) == frac_rows(("3/8", "1/4", "3/8"), ("3/8", "3/8", "1/4"),
                                    ("1/2", "1/8", "3/8"), ("1/2", "3/8", "1/8"),
                                    ("5/8", "1/8", "1/4"), ("5/8", "1/4", "1/8"))

    def test_tv_ball_clipped_at_simplex_boundary(self) -> None:
        # Radius 3/8 around (1/2, 1/4, 1/4): q(A) >= p(A) - 3/8 gives q0 in [1/8, 7/8],
        # q1, q2 in [0, 5/8]; the hexagon's corners p + 3/8(e_i - e_j) leave the simplex.
        S = cr.tv_ball(["1/2", "1/4", "1/4"], "3/8")
        assert_exact_vertices(S, frac_rows(
            ("1/8", "1/4", "5/8"), ("1/8", "5/8", "1/4"), ("3/8", 0, "5/8"),
            ("3/8", "5/8", 0), ("7/8", 0, "1/8"), ("7/8", "1/8", 0)))

    def test_tv_ball_radius_one_is_vacuous(self) -> None:
        S = cr.tv_ball(["1/2", "1/4", "1/4"], 1)
        assert_exact_vertices(S, frac_rows((0, 0, 1), (0, 1, 0), (1, 0, 0)))

    def test_tv_ball_radius_zero_is_the_centre(self) -> None:
        S = cr.tv_ball(["1/2", "1/4", "1/4"], 0)
        assert_exact_vertices(S, frac_rows(("1/2", "1/4", "1/4")))

    def test_contamination(self) -> None:
        # (1 - 1/4) p = (3/8, 1/4, 1/8); vertices add 1/4 to one coordinate.
        S = cr.contamination(["1/2", "1/3", "1/6"], "1/4")
        assert_exact_vertices(S, frac_rows(("3/8", "1/4", "3/8"), ("3/8", "1/2", "1/8"),
                                           ("5/8", "1/4", "1/8")))

    def test_contamination_epsilon_zero_is_precise(self) -> None:
        S = cr.contamination(["1/2", "1/3", "1/6"], 0)
        assert_exact_vertices(S, frac_rows(("1/2", "1/3", "1/6")))

    def test_idm(self) -> None:
        S = cr.idm([3, 1], s=2, outcomes=["H", "T"])
        assert_exact_vertices(S, frac_rows(("1/2", "1/2"), ("5/6", "1/6")))
        assert cr.lower_probability(S, ["H"]) == F(1, 2)
        assert cr.upper_probability(S, ["H"]) == F(5, 6)
        assert cr.lower_probability(S, ["T"]) == F(1, 6)
        assert cr.upper_probability(S, ["T"]) == F(1, 2)

    def test_idm_default_s_is_two(self) -> None:
        assert rows(cr.idm([3, 1])) == rows(cr.idm([3, 1], s=2))

    def test_idm_no_data_is_vacuous(self) -> None:
        assert_exact_vertices(cr.idm([0, 0, 0], s=1), frac_rows((0, 0, 1), (0, 1, 0), (1, 0, 0)))

    def test_vacuous(self) -> None:
        S = cr.vacuous(3)
        assert_exact_vertices(S, frac_rows((0, 0, 1), (0, 1, 0), (1, 0, 0)))
        assert S.outcomes == (0, 1, 2)
        assert S.n_outcomes == 3
        assert S.is_exact

    def test_vacuous_with_labels(self) -> None:
        S = cr.vacuous(RBY)
        assert S.outcomes == ("R", "B", "Y")
        assert_exact_vertices(S, frac_rows((0, 0, 1), (0, 1, 0), (1, 0, 0)))

    def test_vacuous_one_outcome(self) -> None:
        assert_exact_vertices(cr.vacuous(1), [[F(1)]])

    def test_precise(self) -> None:
        S = cr.precise(["1/4", "3/4"])
        assert_exact_vertices(S, frac_rows(("1/4", "3/4")))

    def test_from_vertices_drops_duplicates_and_non_extreme_points(self) -> None:
        S = cr.CredalSet.from_vertices([
            [0, 1, 0], [1, 0, 0], ["1/3", "1/3", "1/3"], [0, 0, 1],
            [1, 0, 0], ["1/2", "1/2", 0], [0, 1, 0],
        ])
        assert_exact_vertices(S, frac_rows((0, 0, 1), (0, 1, 0), (1, 0, 0)))

    def test_from_vertices_float_duplicates_removed(self) -> None:
        S = cr.CredalSet.from_vertices([[0.5, 0.5], [0.25, 0.75], [0.5, 0.5], [0.3, 0.7]])
        V = S.vertices
        assert V.dtype == np.float64
        assert V.shape == (2, 2)
        assert np.max(np.abs(V - np.array([[0.25, 0.75], [0.5, 0.5]]))) <= 1e-12

    def test_from_constraints_no_matrix_is_vacuous(self) -> None:
        S = cr.CredalSet.from_constraints(outcomes=["a", "b"])
        assert_exact_vertices(S, frac_rows((0, 1), (1, 0)))

    def test_from_constraints_inequality(self) -> None:
        # p0 >= p1 over three outcomes: vertices (1,0,0), (0,0,1), (1/2,1/2,0).
        S = cr.CredalSet.from_constraints(A_ub=[[-1, 1, 0]], b_ub=[0])
        assert_exact_vertices(S, frac_rows((0, 0, 1), ("1/2", "1/2", 0), (1, 0, 0)))

    def test_lexicographic_order_is_canonical(self) -> None:
        pts = [["1/2", "1/2", 0], [0, "1/2", "1/2"], ["1/2", 0, "1/2"]]
        S1 = cr.CredalSet.from_vertices(pts)
        S2 = cr.CredalSet.from_vertices(pts[::-1])
        assert rows(S1) == rows(S2)
        got = [tuple(r) for r in rows(S1)]
        assert got == sorted(got)
        assert got[0] == (F(0), F(1, 2), F(1, 2))


# --------------------------------------------------------------------------------------
# Outcomes and mapping inputs
# --------------------------------------------------------------------------------------
class TestOutcomes:
    def test_labelled_from_vertices(self) -> None:
        S = cr.CredalSet.from_vertices([["1/3", 0, "2/3"], ["1/3", "2/3", 0]], outcomes=RBY)
        assert S.outcomes == ("R", "B", "Y")
        assert S.n_outcomes == 3
        assert cr.lower_expectation(S, {"B": 1}) == 0
        assert cr.upper_expectation(S, {"B": 1}) == F(2, 3)

    def test_default_outcomes_are_positions(self) -> None:
        assert cr.precise(["1/2", "1/2"]).outcomes == (0, 1)
        assert cr.tv_ball([1, 0, 0], "1/2").outcomes == (0, 1, 2)

    def test_gamble_mapping_missing_outcomes_are_zero(self) -> None:
        S = cr.CredalSet.from_vertices(ELLSBERG_VERTICES, outcomes=RBY)
        assert cr.lower_expectation(S, {"Y": 3}) == 0
        assert cr.lower_expectation(S, {"R": 3}) == 1
        assert cr.lower_expectation(S, {"R": 3}) == cr.lower_expectation(S, [3, 0, 0])
        assert cr.upper_expectation(S, {"Y": 3}) == 2

    def test_from_vertices_mappings_outcomes_from_keys(self) -> None:
        S = cr.CredalSet.from_vertices([{"R": "1/3", "B": 0, "Y": "2/3"},
                                        {"Y": 0, "B": "2/3", "R": "1/3"}])
        assert S.outcomes == ("R", "B", "Y")
        assert_exact_vertices(S, ELLSBERG_VERTICES)

    def test_from_vertices_mapping_must_list_every_outcome(self) -> None:
        with pytest.raises(cr.InvalidArgumentError, match="Y"):
            cr.CredalSet.from_vertices([{"R": "1/3", "B": "2/3"}], outcomes=RBY)

    def test_precise_mapping(self) -> None:
        S = cr.precise({"a": "1/4", "b": "3/4"})
        assert S.outcomes == ("a", "b")
        assert rows(S) == [[F(1, 4), F(3, 4)]]

    def test_precise_mapping_with_outcomes_uses_their_order(self) -> None:
        S = cr.precise({"a": "1/4", "b": "3/4"}, outcomes=["b", "a"])
        assert S.outcomes == ("b", "a")
        assert rows(S) == [[F(3, 4), F(1, 4)]]

    def test_precise_mapping_missing_outcome_is_an_error(self) -> None:
        with pytest.raises(cr.InvalidArgumentError, match="'c'"):
            cr.precise({"a": "1/4", "b": "3/4"}, outcomes=["a", "b", "c"])

    def test_precise_mapping_zero_written_is_fine(self) -> None:
        S = cr.precise({"a": "1/4", "b": "3/4", "c": 0}, outcomes=["a", "b", "c"])
        assert rows(S) == [[F(1, 4), F(3, 4), F(0)]]

    def test_tv_ball_mapping_centre(self) -> None:
        S = cr.tv_ball({"x": "1/2", "y": "1/2"}, "1/10")
        assert S.outcomes == ("x", "y")
        assert cr.lower_probability(S, ["x"]) == F(2, 5)

    def test_contamination_mapping(self) -> None:
        S = cr.contamination({"x": "1/2", "y": "1/2"}, "1/5")
        assert S.outcomes == ("x", "y")
        assert rows(S) == frac_rows(("2/5", "3/5"), ("3/5", "2/5"))

    def test_idm_mapping(self) -> None:
        S = cr.idm({"H": 3, "T": 1}, s=2)
        assert S.outcomes == ("H", "T")
        assert rows(S) == frac_rows(("1/2", "1/2"), ("5/6", "1/6"))

    def test_from_bounds_mappings(self) -> None:
        # Missing lower bounds are 0 and missing upper bounds are 1.
        S = cr.CredalSet.from_bounds({"R": "1/3", "B": 0, "Y": 0}, {"R": "1/3", "B": "2/3"})
        assert S.outcomes == ("R", "B", "Y")
        assert_exact_vertices(S, ELLSBERG_VERTICES)

    def test_from_bounds_mapping_with_outcomes(self) -> None:
        S = cr.CredalSet.from_bounds({"R": "1/3"}, {"R": "1/3", "B": "2/3"}, outcomes=RBY)
        assert S.outcomes == ("R", "B", "Y")
        assert_exact_vertices(S, ELLSBERG_VERTICES)

    def test_from_lower_previsions_mapping_gambles(self) -> None:
        S = cr.CredalSet.from_lower_previsions([({"R": 1}, "1/3"), ({"R": -1}, "-1/3")],
                                               outcomes=RBY)
        assert_exact_vertices(S, ELLSBERG_VERTICES)

    def test_from_lower_previsions_outcomes_from_keys(self) -> None:
        S = cr.CredalSet.from_lower_previsions([({"a": 1, "b": 0}, "1/4")])
        assert S.outcomes == ("a", "b")
        assert_exact_vertices(S, frac_rows(("1/4", "3/4"), (1, 0)))

    def test_from_lower_probabilities_tuple_outcomes(self) -> None:
        outs = [(0, 0), (0, 1), (1, 0)]
        S = cr.CredalSet.from_lower_probabilities({((0, 1),): "1/2"}, outcomes=outs)
        assert S.outcomes == ((0, 0), (0, 1), (1, 0))
        assert cr.lower_probability(S, [(0, 1)]) == F(1, 2)
        assert cr.upper_probability(S, [(0, 0)]) == F(1, 2)


# --------------------------------------------------------------------------------------
# Forms and laziness
# --------------------------------------------------------------------------------------
class TestForm:
    @pytest.mark.parametrize("make, form", [
        (lambda: cr.CredalSet.from_vertices([[1, 0], [0, 1]]), "vertices"),
        (lambda: cr.precise(["1/2", "1/2"]), "vertices"),
        (lambda: cr.vacuous(2), "vertices"),
        (lambda: cr.contamination(["1/2", "1/2"], "1/5"), "vertices"),
        (lambda: cr.idm([3, 1]), "vertices"),
        (lambda: cr.CredalSet.from_constraints(A_ub=[[1, 0]], b_ub=["1/2"]), "constraints"),
        (lambda: cr.CredalSet.from_bounds([0, 0], ["1/2", 1]), "constraints"),
        (lambda: cr.CredalSet.from_lower_probabilities({(0,): "1/4"}, outcomes=[0, 1]),
         "constraints"),
        (lambda: cr.CredalSet.from_lower_previsions([([1, 0], "1/4")]), "constraints"),
        (lambda: cr.tv_ball(["1/2", "1/2"], "1/10"), "tv_ball"),
    ], ids=["from_vertices", "precise", "vacuous", "contamination", "idm",
            "from_constraints", "from_bounds", "from_lower_probabilities",
            "from_lower_previsions", "tv_ball"])
    def test_form(self, make, form) -> None:  # type: ignore[no-untyped-def]
        S = make()
        assert S.form == form

    @pytest.mark.parametrize("make", [
        lambda: cr.CredalSet.from_constraints(A_ub=[[-1, 1, 0], [0, 0, 1]], b_ub=[0, "1/2"]),
        lambda: cr.CredalSet.from_bounds([0, "1/5", 0], ["1/2", 1, "1/2"]),
        lambda: cr.CredalSet.from_lower_probabilities({(0, 1): "1/2", (2,): "1/5"},
                                                      outcomes=[0, 1, 2]),
        lambda: cr.CredalSet.from_lower_previsions([([1, -1, 0], 0)]),
        lambda: cr.CredalSet.from_constraints(A_ub=[[-1.0, 1.0, 0.0]], b_ub=[0.0]),
    ], ids=["constraints", "bounds", "lower_probabilities", "lower_previsions", "float"])
    def test_h_form_lower_expectation_does_not_enumerate_vertices(self, make) -> None:  # type: ignore[no-untyped-def]
        S = make()
        assert S.form == "constraints"
        cr.lower_expectation(S, [1, 2, 3])
        cr.upper_expectation(S, [[1, 2, 3], [3, -1, 0]])
        cr.solve_lower(S, [0, 1, 0])
        assert not S.vertices_known
        S.vertices  # noqa: B018 - asking for them does fill the cache
        assert S.vertices_known

    def test_tv_ball_lower_expectation_does_not_enumerate_vertices(self) -> None:
        S = cr.tv_ball(["1/2", "1/4", "1/4"], "1/8")
        assert cr.lower_expectation(S, [1, 0, 0]) == F(3, 8)
        assert not S.vertices_known


# --------------------------------------------------------------------------------------
# Exactness and conversions
# --------------------------------------------------------------------------------------
class TestExactness:
    def test_exact_inputs(self) -> None:
        import sympy

        sets = [
            cr.CredalSet.from_vertices([[1, 0], [0, 1]]),
            cr.CredalSet.from_vertices([[F(1, 3), F(2, 3)]]),
            cr.CredalSet.from_vertices([["1/3", "2/3"]]),
            cr.CredalSet.from_vertices([[sympy.Rational(1, 3), sympy.Rational(2, 3)]]),
            cr.precise([sympy.Rational(1, 4), "3/4"]),
            cr.CredalSet.from_bounds([sympy.Rational(1, 4), 0], ["3/4", F(1)]),
            cr.CredalSet.from_constraints(A_ub=[[1, 0]], b_ub=[sympy.Rational(1, 2)]),
            cr.tv_ball([F(1, 2), "1/2"], sympy.Rational(1, 10)),
            cr.contamination(["1/2", "1/2"], F(1, 5)),
            cr.idm([3, 1], s=2),
            cr.vacuous(2),
            cr.CredalSet.from_vertices(np.array([[1, 0], [0, 1]])),
        ]
        for S in sets:
            assert S.is_exact, S
            assert S.vertices.dtype == object
            assert all(type(x) is F for x in S.vertices.ravel()), S

    def test_sympy_rational_value(self) -> None:
        import sympy

        S = cr.CredalSet.from_vertices([[sympy.Rational(1, 3), sympy.Rational(2, 3)]])
        assert rows(S) == [[F(1, 3), F(2, 3)]]

    def test_any_float_makes_it_float(self) -> None:
        sets = [
            cr.CredalSet.from_vertices([[0.5, "1/2"], [0, 1]]),
            cr.CredalSet.from_vertices([[F(1, 2), F(1, 2)], [np.float64(0.25), 0.75]]),
            cr.precise([0.25, "3/4"]),
            cr.CredalSet.from_bounds([0.25, 0], ["3/4", 1]),
            cr.CredalSet.from_constraints(A_ub=[[1, 0]], b_ub=[0.5]),
            cr.tv_ball(["1/2", "1/2"], 0.1),
            cr.contamination(["1/2", "1/2"], 0.2),
            cr.idm([3, 1], s=2.0),
            cr.CredalSet.from_lower_previsions([([1.0, 0], "1/4")]),
        ]
        for S in sets:
            assert not S.is_exact, S
            assert S.vertices.dtype == np.float64

    def test_to_float_close_to_exact(self) -> None:
        S = cr.tv_ball(["1/2", "1/4", "1/4"], "3/8")
        Sf = S.to_float()
        assert not Sf.is_exact
        assert Sf.outcomes == S.outcomes
        Vf = Sf.vertices
        assert Vf.dtype == np.float64
        assert Vf.shape == S.vertices.shape
        assert np.max(np.abs(Vf - S.vertices.astype(float))) <= 1e-12
        assert Sf.to_float() is Sf

    @pytest.mark.parametrize("make", [
        lambda: cr.CredalSet.from_vertices([["1/3", 0, "2/3"], ["1/3", "2/3", 0]]),
        lambda: cr.CredalSet.from_bounds(["1/10", "1/5", "3/10"], ["9/10", "1/2", "1/2"]),
        lambda: cr.CredalSet.from_constraints(A_eq=[[1, 0, 0]], b_eq=["1/3"]),
        lambda: cr.tv_ball(["1/2", "1/4", "1/4"], "1/8"),
        lambda: cr.contamination(["1/2", "1/3", "1/6"], "1/4"),
        lambda: cr.idm([3, 1, 2], s=2),
    ], ids=["vertices", "bounds", "constraints", "tv_ball", "contamination", "idm"])
    def test_to_exact_round_trips(self, make) -> None:  # type: ignore[no-untyped-def]
        S = make()
        assert S.to_exact() is S
        back = S.to_float().to_exact(max_denominator=1000)
        assert back.is_exact
        assert back.form == S.form
        assert rows(back) == rows(S)
        f = [F(3), F(-1), F(1, 2)]
        assert cr.lower_expectation(back, f) == cr.lower_expectation(S, f)

    def test_to_exact_of_float_is_binary_value(self) -> None:
        S = cr.precise([0.25, 0.75]).to_exact()
        assert S.is_exact
        assert rows(S) == [[F(1, 4), F(3, 4)]]


# --------------------------------------------------------------------------------------
# Immutability, inputs not mutated, pickling
# --------------------------------------------------------------------------------------
class TestImmutable:
    def test_vertices_read_only(self) -> None:
        for S in (cr.vacuous(3), cr.CredalSet.from_bounds([0, 0], ["1/2", 1]),
                  cr.tv_ball([0.5, 0.5], 0.1)):
            V = S.vertices
            with pytest.raises(ValueError):
                V[0, 0] = 5
            assert V[0, 0] != 5

    def test_attributes_cannot_be_set(self) -> None:
        S = cr.vacuous(2)
        with pytest.raises(AttributeError):
            S.outcomes = ("a", "b")  # type: ignore[misc]
        with pytest.raises(AttributeError):
            S.vertices = np.eye(2)  # type: ignore[misc]
        with pytest.raises(AttributeError):
            S.anything = 1  # type: ignore[attr-defined]
        assert S.outcomes == (0, 1)

    def test_from_vertices_does_not_mutate_input(self) -> None:
        pts = np.array([[0.5 + 1e-12, 0.5], [-1e-12, 1.0]])
        before = pts.copy()
        S = cr.CredalSet.from_vertices(pts)
        S.vertices  # noqa: B018
        cr.lower_expectation(S, [1, 0])
        assert np.array_equal(pts, before)
        assert pts.flags.writeable
        assert S.vertices is not pts

    def test_exact_int_array_not_mutated(self) -> None:
        pts = np.array([[1, 0, 0], [0, 1, 0], [1, 0, 0]])
        before = pts.copy()
        S = cr.CredalSet.from_vertices(pts)
        assert S.vertices.shape == (2, 3)
        assert np.array_equal(pts, before)
        assert pts.flags.writeable

    def test_other_constructors_do_not_mutate_input(self) -> None:
        c = np.array([0.5, 0.25, 0.25])
        lo, up = np.array([0.1, 0.2, 0.3]), np.array([0.9, 0.5, 0.5])
        A, b = np.array([[-1.0, 1.0, 0.0]]), np.array([0.0])
        counts = np.array([3, 1, 0])
        gamble = np.array([1.0, -2.0, 3.0])
        saved = [x.copy() for x in (c, lo, up, A, b, counts, gamble)]
        sets = [cr.precise(c), cr.tv_ball(c, 0.1), cr.contamination(c, 0.2),
                cr.CredalSet.from_bounds(lo, up), cr.CredalSet.from_constraints(A, b),
                cr.idm(counts), cr.CredalSet.from_lower_previsions([(gamble, -1.0)])]
        for S in sets:
            S.vertices  # noqa: B018
            cr.lower_expectation(S, gamble)
            cr.solve_lower(S, gamble)
        for x, y in zip((c, lo, up, A, b, counts, gamble), saved, strict=True):
            assert np.array_equal(x, y)
            assert x.flags.writeable

    @pytest.mark.parametrize("make", [
        lambda: cr.CredalSet.from_vertices([["1/3", 0, "2/3"], ["1/3", "2/3", 0]],
                                           outcomes=RBY),
        lambda: cr.CredalSet.from_bounds(["1/10", "1/5", "3/10"], ["9/10", "1/2", "1/2"]),
        lambda: cr.CredalSet.from_constraints(A_ub=[[-1, 1, 0]], b_ub=[0]),
        lambda: cr.CredalSet.from_lower_probabilities({("R",): "1/3"}, outcomes=RBY),
        lambda: cr.tv_ball(["1/2", "1/4", "1/4"], "3/8"),
        lambda: cr.contamination(["1/2", "1/3", "1/6"], "1/4"),
        lambda: cr.idm([3, 1, 2]),
        lambda: cr.vacuous(3),
        lambda: cr.precise([0.2, 0.3, 0.5]),
        lambda: cr.CredalSet.from_constraints(A_ub=[[-1.0, 1.0, 0.0]], b_ub=[0.0]),
    ], ids=["vertices", "bounds", "constraints", "lower_probabilities", "tv_ball",
            "contamination", "idm", "vacuous", "precise_float", "constraints_float"])
    def test_pickle_round_trip(self, make) -> None:  # type: ignore[no-untyped-def]
        S = make()
        T = pickle.loads(pickle.dumps(S))
        assert isinstance(T, cr.CredalSet)
        assert T.outcomes == S.outcomes
        assert T.form == S.form
        assert T.is_exact == S.is_exact
        if S.is_exact:
            assert rows(T) == rows(S)
        else:
            assert np.max(np.abs(T.vertices - S.vertices)) <= 1e-12
        fs = [[1, 0, 0], [0, 1, 1], [3, -1, 2]]
        for f in fs:
            a, b = cr.lower_expectation(S, f), cr.lower_expectation(T, f)
            if S.is_exact:
                assert a == b and type(b) is F
            else:
                assert abs(a - b) <= 1e-9 * 4
        with pytest.raises(AttributeError):
            T.anything = 1  # type: ignore[attr-defined]
        with pytest.raises(ValueError):
            T.vertices[0, 0] = 1

    def test_pickle_after_vertices_computed(self) -> None:
        S = cr.CredalSet.from_constraints(A_eq=[[1, 0, 0]], b_eq=["1/3"])
        S.vertices  # noqa: B018
        T = pickle.loads(pickle.dumps(S))
        assert rows(T) == ELLSBERG_VERTICES


def test_to_exact_of_a_set_feasible_only_within_tolerance_raises() -> None:
    # 0.1 + 0.2 <= p0 <= 0.3 holds within float tolerance, but exactly 0.1 + 0.2 as a
    # double is above 0.3 as a double: the exact image is empty, so to_exact must say so.
    S = cr.CredalSet.from_constraints(A_ub=[[-1.0, 0.0], [1.0, 0.0]], b_ub=[-(0.1 + 0.2), 0.3])
    assert abs(cr.lower_probability(S, [0]) - 0.3) <= 1e-9
    with pytest.raises(cr.EmptySetError, match="tolerance"):
        S.to_exact()
    E = S.to_exact(max_denominator=10)  # both bounds round to 3/10: the point p0 = 3/10
    assert cr.lower_probability(E, [0]) == cr.upper_probability(E, [0]) == F(3, 10)


def test_a_row_with_tiny_coefficients_is_still_a_constraint() -> None:
    # 7.9e-121 * p0 <= 0 means p0 <= 0. The LP and the vertex enumeration must agree on
    # that, whatever the row's scale (float solvers' absolute tolerances would say "zero row").
    S = cr.CredalSet.from_constraints(A_ub=[[7.910420856556471e-121, 0.0]], b_ub=[0.0])
    assert S.vertices.tolist() == [[0.0, 1.0]]
    assert cr.lower_expectation(S, [-1.0, 0.0]) == 0.0
    # Rounding residue is not a constraint: 0.3 * sum(p) = 0.1 + 0.2 is the whole simplex.
    T = cr.CredalSet.from_constraints(A_eq=[[0.3, 0.3, 0.3]], b_eq=[0.1 + 0.2])
    assert T.vertices.shape == (3, 3)


def test_to_exact_with_max_denominator_rounds_each_row_relative_to_its_size() -> None:
    # -6.5e-195 * p0 <= -6.5e-195 is p0 >= 1; rounding the raw coefficients to
    # denominators <= 1e6 would turn it into 0 <= 0 and give the whole simplex.
    tiny = -6.4839934643069325e-195
    S = cr.CredalSet.from_constraints(A_ub=[[tiny, -0.0]], b_ub=[tiny])
    E = S.to_exact(max_denominator=10**6)
    assert E.vertices.tolist() == [[1, 0]]
    assert cr.lower_expectation(E, [0, "-1/4"]) == 0



# Nine vertices in general position over 7 outcomes, several with coordinates near 1e-7:
# their float facets are nearly degenerate at those vertices, and the float double
# description at atol=1e-9 alone loses two of them.
DEGENERATE_VERTICES = [
    [0.14942382116619812, 0.0030260433117672387, 0.033252796137603784,
     1.4736243484070442e-08, 0.7463341664628266,
     0.005592916284073712, 0.0623702419012872],
    [0.8119378807883424, 0.0007536542539156401, 0.00965451736573166,
     0.0005475683200664223, 0.122875697471058,
     0.00012023935525236406, 0.0541104424456334],
    [0.0777435479781901, 0.4312112266970692, 0.003900532438759051,
     0.45220622568333585, 0.03403788732402086,
     1.996753279430569e-07, 0.0009003802032969873],
    [0.010481547439916765, 0.3635049362338971, 0.07253053756356394,
     0.30034213464215537, 0.12788179586121826,
     0.0028858355286048723, 0.12237321273064355],
    [0.37612506516266064, 0.04885544285780493, 0.0001226615980385965,
     0.11485781636684367, 0.4021677067686809,
     6.1434395060221925e-06, 0.057865163806465475],
    [0.4137032531823319, 0.002441686006890528, 0.04790264966424625,
     0.3421113969235466, 0.04554315459929973,
     0.08150896746106485, 0.06678889216262018],
    [0.002173444820042993, 0.5588394273211785, 6.693852208875824e-05,
     0.021622721341214658, 0.10104245089611812,
     0.02914990541158598, 0.287105111687771],
    [2.326658345435531e-07, 4.5672222940240595e-05, 0.003173254385070082,
     0.8563424291099759, 0.034936768777079207,
     0.09838137483416443, 0.007120268004935473],
    [1.5800654010568654e-06, 0.28090252852800734, 0.5701107841234095,
     0.0014838398140031627, 7.076931900163106e-08,
     0.14738964736726606, 0.00011154933259401885],
]


def test_float_vertex_enumeration_keeps_every_vertex_of_a_degenerate_h_form() -> None:
    T = cr.CredalSet.from_vertices(DEGENERATE_VERTICES)
    c = T.constraints
    S = cr.CredalSet.from_constraints(c.A_ub, c.b_ub, c.A_eq, c.b_eq)  # fresh: no cache
    assert S.vertices.shape == (9, 7)
    assert cr.hausdorff_distance(S, T) <= 1e-9
    assert S.equals(T) and T.equals(S)


def test_float_set_empty_only_by_rounding_still_has_vertices() -> None:
    # The two equalities add up to 1 - 4e-17, not sum(p) = 1: the exact binary values admit
    # no distribution, the LP (tolerance 1e-9) accepts the set. Its vertices are found on
    # the rows loosened by DEFAULT_ATOL, never an empty array.
    S = cr.CredalSet.from_constraints(A_eq=[[0.0, 1.0, 0.0, 1.0], [1.0, 0.0, 1.0, 0.0]],
                                      b_eq=[3.9999999839999995e-09, 0.9999999959999999])
    V = S.vertices
    assert V.shape[0] >= 4
    assert np.abs(V @ [0.0, 1.0, 0.0, 1.0] - 4e-9).max() <= 2e-9
    assert abs(cr.diameter(S) - 1.0) <= 1e-8


# -- repr: a constructor call that rebuilds the set ----------------------------------
def _rebuilt(S: cr.CredalSet) -> cr.CredalSet:
    namespace: dict[str, object] = {}
    exec("from credal import *", namespace)
    return eval(repr(S), namespace)  # type: ignore[no-any-return]


@pytest.mark.parametrize("S", [
    cr.CredalSet.from_bounds(["0.28", 0], ["0.7", 1], outcomes=["H", "T"]),
    cr.vacuous(3), cr.vacuous(["a", "b"]), cr.precise([0.25, 0.75]),
    cr.tv_ball(["1/3", "1/3", "1/3"], "1/10"), cr.contamination([0.2, 0.3, 0.5], 0.1),
    cr.idm([1, 2, 3]), cr.CredalSet.from_constraints(A_ub=[[-1, 1, 0]], b_ub=[0],
                                                     outcomes=["R", "B", "Y"]),
    cr.CredalSet.from_lower_probabilities({("a",): "0.1"}, outcomes=["a", "b"]),
    cr.intersection(cr.CredalSet.from_bounds([0.1, 0, 0], [1, 1, 0.5]),
                    cr.CredalSet.from_constraints(A_ub=[[1.0, -1, 0]], b_ub=[0])),
    cr.CredalSet.from_constraints(A_eq=[[1, -1, 0]], b_eq=[0]),
    cr.CredalSet.from_vertices([[0.1, 0.2, 0.7], [1 / 3, 1 / 3, 1 / 3]], outcomes=[(0, 1), 2, "x"]),
])
def test_repr_is_a_call_that_rebuilds_the_set(S: cr.CredalSet) -> None:
    text = repr(S)
    assert not text.startswith("<") and "0 inequalities, 0 equalities" not in text
    T = _rebuilt(S)
    assert T.outcomes == S.outcomes and T.is_exact == S.is_exact and T.equals(S)
    assert repr(T) == text or T.form != S.form


def test_repr_of_a_bounds_set_shows_its_bounds() -> None:
    # It said "constraints, 0 inequalities, 0 equalities" and hid the bounds.
    assert repr(cr.CredalSet.from_bounds(["0.28", 0], ["0.7", 1], outcomes=["H", "T"])) == \
        "CredalSet.from_bounds(['7/25', '3/10'], ['7/10', '18/25'], outcomes=['H', 'T'])"


def test_repr_of_a_large_set_is_a_short_summary() -> None:
    S = cr.CredalSet.from_vertices(np.eye(40))
    text = repr(S)
    assert text.startswith("<CredalSet.from_vertices: 40 points over 40 outcomes")
    assert "float" in text and len(text) < 600
    huge = cr.CredalSet.from_vertices([[Fraction(1, 10**5000), 1 - Fraction(1, 10**5000)]])
    assert repr(huge).startswith("<CredalSet.from_vertices: 1 point over 2 outcomes")


@settings(max_examples=30, deadline=None)
@given(st.booleans().flatmap(lambda exact: cst.credal_sets(3, exact=exact, form="any")))
def test_repr_round_trips_on_drawn_sets(S: cr.CredalSet) -> None:
    T = _rebuilt(S)
    assert T.is_exact == S.is_exact
    assert T.equals(S, atol=1e-12) if not S.is_exact else T.equals(S)

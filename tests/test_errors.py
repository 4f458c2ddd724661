"""Bad input raises credal's own errors, with messages naming the argument; no raw numpy,
scipy or built-in exception escapes."""

from __future__ import annotations

import contextlib
import math
from collections.abc import Callable, Iterator
from fractions import Fraction as F
from typing import Any

import numpy as np
import pytest

import credal as cr

NAN, INF = math.nan, math.inf
RBY = ["R", "B", "Y"]


@contextlib.contextmanager
def credal_raises(exc: type[BaseException], match: str) -> Iterator[Any]:
    """pytest.raises that also checks the error really is credal's (not a raw numpy/scipy
    error that happens to subclass ValueError)."""
    with pytest.raises(exc, match=match) as info:
        yield info
    assert isinstance(info.value, cr.CredalError), repr(info.value)
    assert type(info.value).__module__.startswith("credal"), type(info.value)


def ellsberg() -> cr.CredalSet:
    return cr.CredalSet.from_vertices([["1/3", 0, "2/3"], ["1/3", "2/3", 0]], outcomes=RBY)


def h_form() -> cr.CredalSet:
    return cr.CredalSet.from_constraints(A_ub=[[-1, 0], [1, 0]], b_ub=["-7/25", "7/10"])


# --------------------------------------------------------------------------------------
# The error classes
# --------------------------------------------------------------------------------------
def test_error_hierarchy() -> None:
    assert issubclass(cr.InvalidArgumentError, cr.CredalError)
    assert issubclass(cr.InvalidArgumentError, ValueError)
    assert issubclass(cr.EmptySetError, cr.CredalError)
    assert issubclass(cr.EmptySetError, ValueError)
    assert not issubclass(cr.EmptySetError, cr.InvalidArgumentError)
    assert not issubclass(cr.InvalidArgumentError, cr.EmptySetError)
    assert issubclass(cr.SolverError, cr.CredalError)
    assert issubclass(cr.SolverError, RuntimeError)
    assert cr.errors.CredalError is cr.CredalError


def test_direct_instantiation_is_a_type_error() -> None:
    with pytest.raises(TypeError, match="constructor"):
        cr.CredalSet()
    with pytest.raises(TypeError):
        cr.CredalSet([[1, 0], [0, 1]])
    with pytest.raises(TypeError):
        cr.CredalSet(points=[[1, 0]])


# --------------------------------------------------------------------------------------
# Non-distributions
# --------------------------------------------------------------------------------------
DIST_MAKERS: dict[str, tuple[Callable[[Any], object], str]] = {
    "from_vertices": (lambda p: cr.CredalSet.from_vertices([p]), "points"),
    "precise": (lambda p: cr.precise(p), "p"),
    "tv_ball": (lambda p: cr.tv_ball(p, "1/10"), "center"),
    "contamination": (lambda p: cr.contamination(p, "1/10"), "p"),
}


@pytest.mark.parametrize("maker", DIST_MAKERS, ids=list(DIST_MAKERS))
class TestNonDistributions:
    def test_float_sum_off_by_more_than_atol(self, maker: str) -> None:
        make, name = DIST_MAKERS[maker]
        with credal_raises(cr.InvalidArgumentError, match=rf"^{name}\b.*sums to"):
            make([0.5, 0.4])
        with credal_raises(cr.InvalidArgumentError, match=rf"^{name}\b"):
            make([0.5, 0.5 + 1e-6])

    def test_float_sum_within_atol_is_accepted(self, maker: str) -> None:
        make, _ = DIST_MAKERS[maker]
        S = make([0.5, 0.5 + 1e-12])
        assert isinstance(S, cr.CredalSet)

    def test_exact_sum_must_be_exactly_one(self, maker: str) -> None:
        make, name = DIST_MAKERS[maker]
        with credal_raises(cr.InvalidArgumentError, match=rf"^{name}\b.*5/6"):
            make(["1/2", "1/3"])

    def test_negative(self, maker: str) -> None:
        make, name = DIST_MAKERS[maker]
        with credal_raises(cr.InvalidArgumentError, match=rf"^{name}\b.*negative"):
            make([-0.5, 1.5])
        with credal_raises(cr.InvalidArgumentError, match=rf"^{name}\b.*negative"):
            make(["-1/2", "3/2"])

    @pytest.mark.parametrize("bad", [[NAN, 1.0], [INF, 0.0], [0.5, -INF]])
    def test_nan_and_inf(self, maker: str, bad: list[float]) -> None:
        make, name = DIST_MAKERS[maker]
        with credal_raises(cr.InvalidArgumentError, match=rf"^{name}\b.*finite"):
            make(bad)

    def test_non_numbers(self, maker: str) -> None:
        make, name = DIST_MAKERS[maker]
        with credal_raises(cr.InvalidArgumentError, match=rf"^{name}\b"):
            make(["a", "b"])
        with credal_raises(cr.InvalidArgumentError, match=rf"^{name}\b"):
            make([None, 1])

    def test_empty(self, maker: str) -> None:
        make, name = DIST_MAKERS[maker]
        with credal_raises(cr.InvalidArgumentError, match=rf"^{name}\b"):
            make([])


class TestFromVerticesShapes:
    def test_empty_list(self) -> None:
        with credal_raises(cr.InvalidArgumentError, match="points"):
            cr.CredalSet.from_vertices([])

    def test_empty_array(self) -> None:
        with credal_raises(cr.InvalidArgumentError, match="points"):
            cr.CredalSet.from_vertices(np.empty((0, 3)))

    def test_ragged_rows(self) -> None:
        with credal_raises(cr.InvalidArgumentError, match="points"):
            cr.CredalSet.from_vertices([[1, 0], [1, 0, 0]])
        with credal_raises(cr.InvalidArgumentError, match="points"):
            cr.CredalSet.from_vertices([[0.5, 0.5], [1.0]])

    def test_one_dimensional(self) -> None:
        with credal_raises(cr.InvalidArgumentError, match="points.*2-D"):
            cr.CredalSet.from_vertices([0.5, 0.5])

    def test_three_dimensional(self) -> None:
        with credal_raises(cr.InvalidArgumentError, match="points"):
            cr.CredalSet.from_vertices([[[1, 0]]])

    def test_empty_rows(self) -> None:
        with credal_raises(cr.InvalidArgumentError, match="points"):
            cr.CredalSet.from_vertices([[]])

    def test_second_row_bad_names_the_row(self) -> None:
        with credal_raises(cr.InvalidArgumentError, match=r"points.*row 1"):
            cr.CredalSet.from_vertices([[0.5, 0.5], [0.7, 0.7]])

    def test_not_a_sequence(self) -> None:
        with credal_raises(cr.InvalidArgumentError, match="points"):
            cr.CredalSet.from_vertices({"R": 1})
        with credal_raises(cr.InvalidArgumentError, match="points"):
            cr.CredalSet.from_vertices("1/2")

    def test_scalar_points(self) -> None:
        # Wrong type: the API promises an InvalidArgumentError, not a raw TypeError.
        with credal_raises(cr.InvalidArgumentError, match="points"):
            cr.CredalSet.from_vertices(5)

    def test_outcomes_wrong_length(self) -> None:
        with credal_raises(cr.InvalidArgumentError, match="outcomes"):
            cr.CredalSet.from_vertices([[1, 0]], outcomes=["a", "b", "c"])

    def test_precise_wrong_shape(self) -> None:
        with credal_raises(cr.InvalidArgumentError, match=r"^p\b"):
            cr.precise([[0.5, 0.5]])
        with credal_raises(cr.InvalidArgumentError, match=r"^p\b"):
            cr.precise(0.5)


# --------------------------------------------------------------------------------------
# Constraints, bounds, lower probabilities and previsions
# --------------------------------------------------------------------------------------
class TestConstraints:
    def test_infeasible_exact(self) -> None:
        with credal_raises(cr.EmptySetError, match="no distribution"):
            cr.CredalSet.from_constraints(A_ub=[[1, 1]], b_ub=["1/2"])

    def test_infeasible_float(self) -> None:
        with credal_raises(cr.EmptySetError, match="no distribution"):
            cr.CredalSet.from_constraints(A_ub=[[1.0, 0.0], [0.0, 1.0]], b_ub=[0.3, 0.3])

    def test_infeasible_equalities(self) -> None:
        with credal_raises(cr.EmptySetError, match="no distribution"):
            cr.CredalSet.from_constraints(A_eq=[[1, 0, 0], [0, 1, 0]], b_eq=["2/3", "2/3"])

    def test_infeasible_barely(self) -> None:
        # p0 >= 1/2 + 1/10^6 and p1 >= 1/2: exactly empty.
        with credal_raises(cr.EmptySetError, match="no distribution"):
            cr.CredalSet.from_constraints(A_ub=[[-1, 0], [0, -1]],
                                          b_ub=[-(F(1, 2) + F(1, 10**6)), "-1/2"])

    def test_matrix_without_rhs(self) -> None:
        with credal_raises(cr.InvalidArgumentError, match="A_ub.*b_ub"):
            cr.CredalSet.from_constraints(A_ub=[[1, 1]])
        with credal_raises(cr.InvalidArgumentError, match="b_eq"):
            cr.CredalSet.from_constraints(b_eq=[1])

    def test_rhs_wrong_length(self) -> None:
        with credal_raises(cr.InvalidArgumentError, match="b_ub"):
            cr.CredalSet.from_constraints(A_ub=[[1, 1]], b_ub=[1, 2])

    def test_columns_disagree(self) -> None:
        with credal_raises(cr.InvalidArgumentError, match="A_eq"):
            cr.CredalSet.from_constraints(A_ub=[[1, 0]], b_ub=[1], A_eq=[[1, 0, 0]], b_eq=[1])
        with credal_raises(cr.InvalidArgumentError, match="A_ub"):
            cr.CredalSet.from_constraints(A_ub=[[1, 0]], b_ub=[1], outcomes=RBY)

    def test_nan(self) -> None:
        with credal_raises(cr.InvalidArgumentError, match="b_ub.*finite"):
            cr.CredalSet.from_constraints(A_ub=[[1, 1]], b_ub=[NAN])
        with credal_raises(cr.InvalidArgumentError, match="A_ub.*finite"):
            cr.CredalSet.from_constraints(A_ub=[[INF, 1]], b_ub=[1])

    def test_nothing_given(self) -> None:
        with credal_raises(cr.InvalidArgumentError, match="outcomes"):
            cr.CredalSet.from_constraints()


class TestBounds:
    def test_lower_above_upper(self) -> None:
        with credal_raises(cr.InvalidArgumentError, match="lower.*upper"):
            cr.CredalSet.from_bounds([0.5, 0], [0.4, 1])
        with credal_raises(cr.InvalidArgumentError, match="lower.*upper"):
            cr.CredalSet.from_bounds(["1/2", 0], ["2/5", 1], outcomes=["H", "T"])

    def test_sum_lower_above_one(self) -> None:
        with credal_raises(cr.EmptySetError, match=r"sum\(lower\)"):
            cr.CredalSet.from_bounds([0.6, 0.6], [1, 1])
        with credal_raises(cr.EmptySetError, match=r"sum\(lower\)"):
            cr.CredalSet.from_bounds(["1/2", "1/3", "1/5"], [1, 1, 1])

    def test_sum_upper_below_one(self) -> None:
        with credal_raises(cr.EmptySetError, match=r"sum\(upper\)"):
            cr.CredalSet.from_bounds([0, 0], ["2/5", "2/5"])

    def test_out_of_unit_interval(self) -> None:
        with credal_raises(cr.InvalidArgumentError, match="lower"):
            cr.CredalSet.from_bounds([-0.1, 0], [1, 1])
        with credal_raises(cr.InvalidArgumentError, match="upper"):
            cr.CredalSet.from_bounds([0, 0], ["3/2", 1])

    def test_lengths_disagree(self) -> None:
        with credal_raises(cr.InvalidArgumentError, match="upper"):
            cr.CredalSet.from_bounds([0, 0], [1, 1, 1])
        with credal_raises(cr.InvalidArgumentError, match="lower"):
            cr.CredalSet.from_bounds([0, 0], [1, 1], outcomes=RBY)

    def test_nan(self) -> None:
        with credal_raises(cr.InvalidArgumentError, match="lower.*finite"):
            cr.CredalSet.from_bounds([NAN, 0], [1, 1])

    def test_unknown_key(self) -> None:
        with credal_raises(cr.InvalidArgumentError, match="'Z'"):
            cr.CredalSet.from_bounds({"R": 0, "Z": 0}, [1, 1], outcomes=["R", "B"])
        with credal_raises(cr.InvalidArgumentError, match="upper.*'Z'"):
            cr.CredalSet.from_bounds({"R": 0, "B": 0}, {"Z": 1})


class TestLowerProbabilitiesAndPrevisions:
    def test_sure_loss(self) -> None:
        with credal_raises(cr.EmptySetError, match="sure loss"):
            cr.CredalSet.from_lower_probabilities({("R",): "2/3", ("B",): "1/2"},
                                                  outcomes=RBY)

    def test_sure_loss_float(self) -> None:
        with credal_raises(cr.EmptySetError, match="sure loss"):
            cr.CredalSet.from_lower_probabilities({("R",): 0.6, ("B", "Y"): 0.6},
                                                  outcomes=RBY)

    def test_lower_probability_above_one(self) -> None:
        with credal_raises(cr.EmptySetError, match="sure loss"):
            cr.CredalSet.from_lower_probabilities({("R",): 2}, outcomes=RBY)

    def test_previsions_sure_loss(self) -> None:
        with credal_raises(cr.EmptySetError, match="sure loss"):
            cr.CredalSet.from_lower_previsions([([1, 0], "1/2"), ([0, 1], "2/3")])
        with credal_raises(cr.EmptySetError, match="sure loss"):
            cr.CredalSet.from_lower_previsions([([1, -1], 0), ([-1, 1], "1/10")])

    def test_unknown_outcome_in_event(self) -> None:
        with credal_raises(cr.InvalidArgumentError, match="event.*'Z'"):
            cr.CredalSet.from_lower_probabilities({("R", "Z"): "1/3"}, outcomes=RBY)

    def test_event_given_as_single_label(self) -> None:
        with credal_raises(cr.InvalidArgumentError, match="event.*iterable"):
            cr.CredalSet.from_lower_probabilities({"R": "1/3"}, outcomes=RBY)

    def test_non_number_value(self) -> None:
        with credal_raises(cr.InvalidArgumentError, match="assessments"):
            cr.CredalSet.from_lower_probabilities({("R",): "x"}, outcomes=RBY)

    def test_not_a_mapping(self) -> None:
        with credal_raises(cr.InvalidArgumentError, match="assessments"):
            cr.CredalSet.from_lower_probabilities([(("R",), "1/3")], outcomes=RBY)

    def test_previsions_malformed(self) -> None:
        with credal_raises(cr.InvalidArgumentError, match="assessments"):
            cr.CredalSet.from_lower_previsions([])
        with credal_raises(cr.InvalidArgumentError, match=r"assessments\[0\]"):
            cr.CredalSet.from_lower_previsions([([1, 0], "1/2", 3)])
        with credal_raises(cr.InvalidArgumentError, match=r"assessments\[0\] gamble"):
            cr.CredalSet.from_lower_previsions([([1, 0, 0], "1/2")], outcomes=["a", "b"])
        with credal_raises(cr.InvalidArgumentError, match=r"assessments\[1\] gamble.*'Z'"):
            cr.CredalSet.from_lower_previsions([({"a": 1}, 0), ({"Z": 1}, 0)],
                                               outcomes=["a", "b"])
        with credal_raises(cr.InvalidArgumentError, match="assessments"):
            cr.CredalSet.from_lower_previsions({"a": 1})


# --------------------------------------------------------------------------------------
# tv_ball, contamination, idm, vacuous
# --------------------------------------------------------------------------------------
class TestParametricConstructors:
    @pytest.mark.parametrize("r", [-1, "-1/10", -0.1])
    def test_negative_radius(self, r: object) -> None:
        with credal_raises(cr.InvalidArgumentError, match="radius"):
            cr.tv_ball([0.5, 0.5], r)

    @pytest.mark.parametrize("r", [NAN, INF, "x", [0.1]])
    def test_bad_radius(self, r: object) -> None:
        with credal_raises(cr.InvalidArgumentError, match="radius"):
            cr.tv_ball([0.5, 0.5], r)

    @pytest.mark.parametrize("eps", [-0.1, "-1/10", "3/2", 1.5, 2])
    def test_epsilon_outside_unit_interval(self, eps: object) -> None:
        with credal_raises(cr.InvalidArgumentError, match="epsilon"):
            cr.contamination([0.5, 0.5], eps)

    @pytest.mark.parametrize("eps", [NAN, INF])
    def test_epsilon_not_finite(self, eps: float) -> None:
        with credal_raises(cr.InvalidArgumentError, match="epsilon"):
            cr.contamination([0.5, 0.5], eps)

    @pytest.mark.parametrize("counts", [[3, -1], ["-1/2", 2], [1.0, -0.5]])
    def test_idm_negative_counts(self, counts: list[object]) -> None:
        with credal_raises(cr.InvalidArgumentError, match="counts"):
            cr.idm(counts)

    def test_idm_negative_count_in_mapping(self) -> None:
        with credal_raises(cr.InvalidArgumentError, match="counts.*'T'"):
            cr.idm({"H": 3, "T": -1})

    @pytest.mark.parametrize("s", [0, -1, "-1/2", 0.0, -2.5])
    def test_idm_nonpositive_s(self, s: object) -> None:
        with credal_raises(cr.InvalidArgumentError, match=r"^s\b.*prior strength"):
            cr.idm([3, 1], s=s)

    def test_idm_s_message_names_s(self) -> None:
        with credal_raises(cr.InvalidArgumentError, match="prior strength|s must"):
            cr.idm([3, 1], s=0)

    @pytest.mark.parametrize("counts", [[], [[1, 2]], [NAN, 1]])
    def test_idm_bad_counts(self, counts: object) -> None:
        with credal_raises(cr.InvalidArgumentError, match="counts"):
            cr.idm(counts)

    def test_idm_unknown_key(self) -> None:
        with credal_raises(cr.InvalidArgumentError, match="'Z'"):
            cr.idm({"H": 3, "Z": 1}, outcomes=["H", "T"])

    def test_vacuous_bad(self) -> None:
        with credal_raises(cr.InvalidArgumentError, match="n_or_outcomes"):
            cr.vacuous(0)
        with credal_raises(cr.InvalidArgumentError, match="n_or_outcomes"):
            cr.vacuous(["a", "a"])
        with credal_raises(cr.InvalidArgumentError, match="n_or_outcomes"):
            cr.vacuous([])

    def test_unknown_key_in_distribution_mapping(self) -> None:
        with credal_raises(cr.InvalidArgumentError, match=r"^p\b.*'Z'"):
            cr.precise({"R": "1/2", "Z": "1/2"}, outcomes=["R", "B"])
        with credal_raises(cr.InvalidArgumentError, match="center.*'Z'"):
            cr.tv_ball({"R": "1/2", "Z": "1/2"}, "1/10", outcomes=["R", "B"])

    def test_unhashable_outcome_labels(self) -> None:
        with credal_raises(cr.InvalidArgumentError, match="outcomes.*hashable"):
            cr.precise(["1/2", "1/2"], outcomes=[[0], [1]])


# --------------------------------------------------------------------------------------
# Gambles, events, S, backend
# --------------------------------------------------------------------------------------
class TestExpectationArguments:
    @pytest.mark.parametrize("fn", [cr.lower_expectation, cr.upper_expectation,
                                    cr.solve_lower])
    def test_gamble_wrong_length(self, fn: Callable[..., Any]) -> None:
        with credal_raises(cr.InvalidArgumentError, match=r"^f\b.*shape"):
            fn(ellsberg(), [1, 0])
        with credal_raises(cr.InvalidArgumentError, match=r"^f\b.*shape"):
            fn(ellsberg(), [[1, 0, 0, 0]])
        with credal_raises(cr.InvalidArgumentError, match=r"^f\b.*shape"):
            fn(h_form(), [1, 0, 0])
        with credal_raises(cr.InvalidArgumentError, match=r"^f\b"):
            fn(ellsberg(), [])

    @pytest.mark.parametrize("fn", [cr.lower_expectation, cr.upper_expectation,
                                    cr.solve_lower])
    @pytest.mark.parametrize("bad", [[NAN, 0.0], [0.0, INF], [[1.0, 2.0], [NAN, 0.0]]])
    def test_gamble_nan_inf(self, fn: Callable[..., Any], bad: list[Any]) -> None:
        with credal_raises(cr.InvalidArgumentError, match=r"^f\b.*finite"):
            fn(h_form(), bad)
        with credal_raises(cr.InvalidArgumentError, match=r"^f\b.*finite"):
            fn(cr.vacuous(2), bad)

    def test_gamble_mapping_with_nan(self) -> None:
        with credal_raises(cr.InvalidArgumentError, match=r"^f\b"):
            cr.lower_expectation(ellsberg(), {"R": NAN})

    def test_gamble_mapping_unknown_key(self) -> None:
        with credal_raises(cr.InvalidArgumentError, match=r"^f\b.*'Z'"):
            cr.lower_expectation(ellsberg(), {"R": 1, "Z": 2})
        with credal_raises(cr.InvalidArgumentError, match="'Z'"):
            cr.solve_lower(ellsberg(), {"Z": 2})

    def test_gamble_non_numbers(self) -> None:
        with credal_raises(cr.InvalidArgumentError, match=r"^f\b"):
            cr.lower_expectation(ellsberg(), ["a", "b", "c"])
        with credal_raises(cr.InvalidArgumentError, match=r"^f\b"):
            cr.lower_expectation(ellsberg(), None)
        with credal_raises(cr.InvalidArgumentError, match=r"^f\b"):
            cr.lower_expectation(ellsberg(), [1, None, 0])

    def test_list_of_mappings_is_not_a_batch(self) -> None:
        with credal_raises(cr.InvalidArgumentError, match=r"^f\b"):
            cr.lower_expectation(ellsberg(), [{"R": 1}, {"B": 1}])

    @pytest.mark.parametrize("fn", [cr.lower_probability, cr.upper_probability])
    def test_unknown_outcome_in_event(self, fn: Callable[..., Any]) -> None:
        with credal_raises(cr.InvalidArgumentError, match="event.*'Z'"):
            fn(ellsberg(), ["R", "Z"])
        with credal_raises(cr.InvalidArgumentError, match="event.*3"):
            fn(cr.vacuous(3), [3])

    @pytest.mark.parametrize("fn", [cr.lower_probability, cr.upper_probability])
    def test_event_as_single_label(self, fn: Callable[..., Any]) -> None:
        with credal_raises(cr.InvalidArgumentError, match=r"event.*\['R'\]"):
            fn(ellsberg(), "R")
        with credal_raises(cr.InvalidArgumentError, match="event"):
            fn(cr.vacuous(3), 0)

    def test_event_as_a_list_of_lists(self) -> None:
        with credal_raises(cr.InvalidArgumentError, match="event"):
            cr.lower_probability(ellsberg(), [["R"]])

    def test_event_as_a_mapping(self) -> None:
        # A mapping is not an event; the API promises an InvalidArgumentError, not a raw
        # TypeError from hashing the dict.
        with credal_raises(cr.InvalidArgumentError, match="event"):
            cr.lower_probability(ellsberg(), {"R": 1})

    @pytest.mark.parametrize("fn", [cr.lower_expectation, cr.upper_expectation,
                                    cr.solve_lower])
    @pytest.mark.parametrize("not_a_set", [[[1, 0], [0, 1]], np.eye(2), None, "S", 3])
    def test_not_a_credal_set(self, fn: Callable[..., Any], not_a_set: Any) -> None:
        with credal_raises(cr.InvalidArgumentError, match="S must be a CredalSet"):
            fn(not_a_set, [1, 0])

    @pytest.mark.parametrize("fn", [cr.lower_probability, cr.upper_probability])
    def test_not_a_credal_set_probability(self, fn: Callable[..., Any]) -> None:
        with credal_raises(cr.InvalidArgumentError, match="S must be a CredalSet"):
            fn([[1, 0], [0, 1]], [0])

    @pytest.mark.parametrize("fn", [cr.lower_expectation, cr.upper_expectation,
                                    cr.solve_lower])
    def test_unknown_backend_h_form(self, fn: Callable[..., Any]) -> None:
        with credal_raises(cr.InvalidArgumentError, match="backend.*'nope'"):
            fn(h_form(), [1, 0], backend="nope")
        with credal_raises(cr.InvalidArgumentError, match="backend"):
            fn(h_form().to_float(), [1.0, 0.0], backend="nope")

    def test_unknown_backend_probability(self) -> None:
        with credal_raises(cr.InvalidArgumentError, match="backend"):
            cr.lower_probability(h_form(), [0], backend="nope")

    @pytest.mark.parametrize("make", [
        lambda: cr.vacuous(2),
        lambda: cr.CredalSet.from_bounds([0, 0], ["1/2", 1]),
        lambda: cr.tv_ball(["1/2", "1/2"], "1/10"),
    ], ids=["vertices", "bounds", "tv_ball"])
    def test_unknown_backend_other_forms(self, make: Callable[[], cr.CredalSet]) -> None:
        # The backend name is malformed input whatever form the set has; silently ignoring
        # it hides typos such as backend="higs".
        with credal_raises(cr.InvalidArgumentError, match="backend"):
            cr.lower_expectation(make(), [1, 0], backend="nope")

    def test_negative_atol(self) -> None:
        with credal_raises(cr.InvalidArgumentError, match="atol"):
            cr.CredalSet.from_vertices([[1, 0]], atol=-1)
        with credal_raises(cr.InvalidArgumentError, match="atol"):
            cr.precise([0.5, 0.5], atol=NAN)

    def test_solve_lower_negative_atol(self) -> None:
        with credal_raises(cr.InvalidArgumentError, match="atol"):
            cr.solve_lower(h_form().to_float(), [1.0, 0.0], atol=-1)


# --------------------------------------------------------------------------------------
# A sweep: every malformed call raises a CredalError (never a raw numpy / scipy / built-in
# exception) and says which argument was wrong.
# --------------------------------------------------------------------------------------
SWEEP: list[tuple[str, Callable[[], object], str]] = [
    ("points ragged", lambda: cr.CredalSet.from_vertices([[1, 0], [1]]), "points"),
    ("points object", lambda: cr.CredalSet.from_vertices([[object(), 1]]), "points"),
    ("points complex", lambda: cr.CredalSet.from_vertices([[1j, 1]]), "points"),
    ("p complex", lambda: cr.precise([0.5 + 0j, 0.5]), "p"),
    ("p string", lambda: cr.precise("1/2"), "p"),
    ("center nan", lambda: cr.tv_ball([NAN, 1.0], 0.1), "center"),
    ("A_ub ragged", lambda: cr.CredalSet.from_constraints(A_ub=[[1, 0], [1]], b_ub=[1, 1]),
     "A_ub"),
    ("A_ub 3d", lambda: cr.CredalSet.from_constraints(A_ub=[[[1, 0]]], b_ub=[1]), "A_ub"),
    ("lower ragged", lambda: cr.CredalSet.from_bounds([[0], [0, 0]], [1, 1]), "lower"),
    ("lower string", lambda: cr.CredalSet.from_bounds(["x", 0], [1, 1]), "lower"),
    ("counts string", lambda: cr.idm(["a", 1]), "counts"),
    ("s list", lambda: cr.idm([1, 1], s=[1, 2]), "s"),
    ("f object", lambda: cr.lower_expectation(cr.vacuous(2), [object(), 1]), "f"),
    ("f 3d", lambda: cr.lower_expectation(cr.vacuous(2), [[[1, 2]]]), "f"),
    ("f ragged", lambda: cr.lower_expectation(cr.vacuous(2), [[1, 2], [1]]), "f"),
    ("f h-form nan", lambda: cr.lower_expectation(h_form(), np.array([np.nan, 1.0])), "f"),
    ("event unhashable", lambda: cr.lower_probability(cr.vacuous(2), [[0]]), "event"),
]


@pytest.mark.parametrize("call, name", [(c, n) for _, c, n in SWEEP],
                         ids=[i for i, _, _ in SWEEP])
def test_sweep_only_credal_errors(call: Callable[[], object], name: str) -> None:
    with credal_raises(cr.InvalidArgumentError, match=rf"^{name}\b"):
        call()

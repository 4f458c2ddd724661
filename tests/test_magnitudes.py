"""Numbers of every size: float answers keep their documented accuracy at every magnitude,
and exact numbers beyond the float range stay exact (never an OverflowError)."""

from __future__ import annotations

import math
import warnings
from fractions import Fraction

import numpy as np
import pytest

import credal as cr
from credal import infra

# The documented float accuracy: about 1e-9 times the gamble's range, plus the rounding of
# the gamble's own entries (a few ulps of its largest magnitude).
REL = 1e-9


def _close(value: float, exact: Fraction, f: np.ndarray) -> bool:
    width = float(f.max() - f.min())
    return abs(value - float(exact)) <= REL * width + 8 * np.finfo(float).eps * np.abs(f).max()


A_UB = [[1, -2, 0, 0], [0, 1, 1, -3]]
FLOAT_SET = cr.CredalSet.from_constraints(A_ub=A_UB, b_ub=[0.2, 0])
EXACT_SET = cr.CredalSet.from_constraints(A_ub=A_UB, b_ub=[Fraction(0.2), 0])
G = np.array([1e-10, -2e-10, 3e-10, 0.5e-10])


def test_the_reported_tiny_gamble_gets_its_lower_not_its_upper_expectation() -> None:
    # Before: +2.375e-10 (the upper expectation); HiGHS's tolerances saw the costs as zero.
    exact = cr.lower_expectation(EXACT_SET, [Fraction(x) for x in G])
    assert float(exact) == pytest.approx(-1.375e-10, rel=1e-12)
    assert _close(cr.lower_expectation(FLOAT_SET, G), exact, G)
    assert _close(cr.lower_expectation(FLOAT_SET, G + 5), exact + 5, G + 5)


@pytest.mark.parametrize("power", range(-12, 13))
@pytest.mark.parametrize("shift", [0, 5, -3e6])
def test_lower_and_upper_expectations_hold_their_accuracy_from_1e_minus_12_to_1e12(
        power: int, shift: float) -> None:
    rng = np.random.default_rng(power + 100)
    F = rng.normal(size=(6, 4)) * 10.0 ** power + shift * 10.0 ** power
    values = cr.lower_expectation(FLOAT_SET, F)
    uppers = cr.upper_expectation(FLOAT_SET, F)
    for f, v, u in zip(F, values, uppers, strict=True):
        fe = [Fraction(x) for x in f]
        assert _close(v, cr.lower_expectation(EXACT_SET, fe), f)
        assert _close(u, cr.upper_expectation(EXACT_SET, fe), f)


def test_solve_lower_returns_the_vertex_that_attains_a_tiny_gamble() -> None:
    r = cr.solve_lower(FLOAT_SET, G)
    exact = cr.solve_lower(EXACT_SET, [Fraction(x) for x in G])
    np.testing.assert_allclose(r.minimizer, np.array(exact.minimizer, dtype=float), atol=1e-9)


def test_float_gambles_near_the_float_range_neither_overflow_nor_warn() -> None:
    f = np.array([1e300, -1e300, 1e308, 0.0])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        low = cr.lower_expectation(FLOAT_SET, f)
        high = cr.upper_expectation(FLOAT_SET, f)
    exact = [Fraction(x) for x in f]
    assert _close(low, cr.lower_expectation(EXACT_SET, exact), f)
    assert _close(high, cr.upper_expectation(EXACT_SET, exact), f)


# -- exact numbers beyond the float range ---------------------------------------------
BIG = 10**400


def test_exact_constraints_beyond_the_float_range() -> None:
    S = cr.CredalSet.from_constraints(A_ub=[[BIG, 0]], b_ub=[10**399])
    assert cr.lower_expectation(S, [-1, 0]) == Fraction(-1, 10)
    assert cr.lower_expectation(S.to_float(), [-1.0, 0.0]) == pytest.approx(-0.1, abs=1e-9)
    L = cr.CredalSet.from_lower_previsions([([BIG, 0, 1], 1)])  # BIG p0 + p2 >= 1
    assert cr.lower_expectation(L, [BIG, 0, 1]) == 1
    assert cr.upper_probability(L, [1]) == 1 - Fraction(1, BIG)


def test_exact_gambles_beyond_the_float_range_on_an_h_form_set() -> None:
    S = cr.CredalSet.from_constraints(A_ub=[[1, -2, 0], [0, 1, 1]], b_ub=[0, "9/10"])
    assert cr.lower_expectation(S, [BIG, 0, 1]) == Fraction(BIG, 10)
    assert cr.upper_expectation(S, [BIG, 0, 1]) == Fraction(BIG * 2, 3)
    tiny = Fraction(1, BIG)
    assert cr.lower_expectation(S, [tiny, 0, 0]) == tiny / 10
    assert cr.solve_lower(S, [tiny, 0, 0]).value == tiny / 10


def test_exact_decisions_and_distances_beyond_the_float_range() -> None:
    S = cr.CredalSet.from_constraints(A_ub=[[1, -2, 0], [0, 1, 1]], b_ub=[0, "9/10"])
    acts = {"a": [BIG, 0, 1], "b": [0, BIG, 0]}
    weights, value = cr.randomized_maximin(acts, S)
    assert sum(weights.values()) == 1 and value > 0
    report = cr.decide(acts, S)
    assert report.lower["a"] == Fraction(BIG, 10)
    eps = Fraction(1, BIG)
    assert cr.distance_to_set([eps, 1 - eps, 0], S) == Fraction(1, 10) - eps


def test_infra_expectation_beyond_the_float_range() -> None:
    H = infra.Infradistribution.from_credal_set(cr.vacuous(2))
    assert H.expectation([BIG, 1]) == 1


# -- to_float keeps constraints written with tiny or huge numbers -----------------------
@pytest.mark.parametrize("t", [Fraction(1, 10**400), Fraction(10**400), Fraction(1, 10**30)])
def test_to_float_keeps_a_constraint_written_small_or_large(t: Fraction) -> None:
    S = cr.CredalSet.from_constraints(A_ub=[[t, -t, 0]], b_ub=[0])  # p0 <= p1
    assert cr.lower_expectation(S, [-1, 0, 0]) == Fraction(-1, 2)
    # Before: the float set was the whole simplex (-1 instead of -1/2).
    assert cr.lower_expectation(S.to_float(), [-1.0, 0.0, 0.0]) == pytest.approx(-0.5, abs=1e-9)
    assert not S.to_float().contains([0.9, 0.1, 0.0])


def test_to_float_of_a_tv_ball_with_a_huge_exact_radius_is_the_simplex() -> None:
    T = cr.tv_ball([1, 0, 0], BIG)
    assert cr.lower_expectation(T.to_float(), [1.0, 0.0, 0.0]) == 0.0


# -- every public function that takes numbers, with exact numbers beyond the float range --
H_FORM = cr.CredalSet.from_constraints(A_ub=[[1, -2, 0], [0, 1, 1]], b_ub=[0, "9/10"])
SETS = [H_FORM, cr.CredalSet.from_vertices([["1/3", 0, "2/3"], ["1/3", "2/3", 0]]),
        cr.CredalSet.from_bounds([0, "1/10", 0], ["1/2", 1, 1]), cr.tv_ball([1, 0, 0], "1/10"),
        cr.contamination(["1/2", "1/2", 0], "1/10")]
TINY = Fraction(1, BIG)
HUGE_CALLS = [
    ("lower_expectation", lambda S: cr.lower_expectation(S, [BIG, -BIG, 1])),
    ("upper_expectation batch", lambda S: cr.upper_expectation(S, [[BIG, 0, TINY], [1, 2, 3]])),
    ("solve_lower", lambda S: cr.solve_lower(S, [TINY, -TINY, 0]).value),
    ("lower_probability", lambda S: cr.lower_probability(S, [0, 2])),
    ("gamma_maximin", lambda S: cr.gamma_maximin({"a": [BIG, 0, 1], "b": [0, BIG, 0]}, S)),
    ("maximality", lambda S: cr.maximality({"a": [BIG, 0, 1], "b": [0, BIG, 0]}, S)),
    ("e_admissibility", lambda S: cr.e_admissibility({"a": [BIG, 0, 1], "b": [0, BIG, 0]}, S)),
    ("minimax_regret", lambda S: cr.minimax_regret({"a": [BIG, 0, 1], "b": [0, BIG, 0]}, S)),
    ("hurwicz", lambda S: cr.hurwicz({"a": [BIG, 0, 1], "b": [0, BIG, 0]}, S, alpha=TINY)),
    ("randomized_maximin", lambda S: cr.randomized_maximin({"a": [BIG, 0, 1],
                                                            "b": [0, BIG, 0]}, S)[1]),
    ("decide", lambda S: cr.decide({"a": [BIG, 0, 1], "b": [-BIG, BIG, 0]}, S).lower["b"]),
    ("distance_to_set", lambda S: cr.distance_to_set([TINY, 1 - TINY, 0], S)),
    ("contains", lambda S: S.contains([TINY, 1 - TINY, 0])),
    ("mixture", lambda S: cr.lower_expectation(cr.mixture([S, cr.vacuous(3)], [TINY, 1 - TINY]),
                                               [BIG, 0, 0])),
    ("DDT", lambda S: cr.DDTProblem(S, [BIG, -BIG, TINY], {"x": [0, 1], "y": [1, 2]}).values()),
    ("infra expectation", lambda S: infra.Infradistribution.from_credal_set(S).expectation(
        [TINY, 0, 1])),
]


@pytest.mark.parametrize("name, call", HUGE_CALLS, ids=[c[0] for c in HUGE_CALLS])
@pytest.mark.parametrize("S", SETS, ids=[f"{S.form}-{i}" for i, S in enumerate(SETS)])
def test_exact_numbers_beyond_the_float_range_stay_exact(name: str, call: object,
                                                         S: cr.CredalSet) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        out = call(S)  # type: ignore[operator]
    values = out.values() if isinstance(out, dict) else \
        np.asarray(out, dtype=object).reshape(-1)
    for v in values:  # an empty DDT disambiguation is worth +-inf by convention
        assert isinstance(v, Fraction | bool | str) or v in (math.inf, -math.inf), (name, v)


def test_exact_programs_from_numpy_integers_hold_python_integers() -> None:
    # Fraction(np.int64(3)) keeps an int64 numerator, which overflows silently and has no
    # bit_length (the float guide's scaling needs it).
    from credal.lp import LinearProgram
    from credal.lp.exact import ExactBackend

    lp = LinearProgram.create(np.array([0, 0, -1]), np.array([[-1, 1, 1]]), np.array([0]),
                              np.array([[1, 1, 0]]), np.array([1]), lower=np.array([0, 0, -5]),
                              upper=[None, None, 0], exact=True)
    for arr in (lp.c, lp.A_ub, lp.b_ub, lp.A_eq, lp.b_eq):
        assert all(type(v.numerator) is int for v in arr.reshape(-1))
    assert all(v is None or type(v.numerator) is int for v in (*lp.lower, *lp.upper))
    assert ExactBackend().solve(lp).value == 0


# -- integers too long for Python to print: error messages still come out -------------
LONG = 10**5000  # str(LONG) raises ValueError: more than 4,300 digits
LONG_REFUSED = [
    ("bound", lambda: cr.CredalSet.from_bounds([0, 0], [LONG, 1])),
    ("lower bound", lambda: cr.CredalSet.from_bounds([-LONG, 0], [1, 1])),
    ("radius", lambda: cr.tv_ball([1, 0], -LONG)),
    ("epsilon", lambda: cr.contamination([1, 0], LONG)),
    ("idm s", lambda: cr.idm([1, 2], s=-LONG)),
    ("negative probability", lambda: cr.precise([LONG, 1 - LONG])),
    ("sum", lambda: cr.precise([LONG, 1])),
    ("vertices", lambda: cr.CredalSet.from_vertices([[LONG, 1 - LONG]])),
    ("alpha", lambda: cr.hurwicz({"a": [1, 0]}, cr.vacuous(2), alpha=LONG)),
    ("offset", lambda: infra.Infradistribution.from_points([([1, 0], -LONG)])),
    ("weights", lambda: cr.mixture([cr.vacuous(2)] * 2, [LONG, 1])),
    ("tv_distance", lambda: cr.tv_distance([LONG, 1 - LONG], [1, 0])),
    ("off_event", lambda: infra.update(infra.Infradistribution.from_credal_set(cr.vacuous(2)),
                                       [1], [LONG, 0])),
]


@pytest.mark.parametrize("name, call", LONG_REFUSED, ids=[c[0] for c in LONG_REFUSED])
def test_numbers_too_long_to_print_still_get_a_message(name: str, call: object) -> None:
    with pytest.raises(cr.CredalError) as info:
        call()  # type: ignore[operator]
    assert "digits" in str(info.value) or "..." in str(info.value)

"""Exact in, exact out: how inputs are classified and converted."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import numpy as np
import pytest
import sympy

from credal._core.numbers import as_numbers, as_scalar, to_exact
from credal.errors import InvalidArgumentError


@pytest.mark.parametrize(
    "values",
    [[1, 2], ["1/3", "2/3"], [Fraction(1, 3), 2], [sympy.Rational(1, 3), 1], [Decimal("0.25"), 1],
     np.array([1, 2], dtype=np.int64), [True, False], ["0.28", " 7/10 "]],
)
def test_exact_inputs_become_fractions(values: object) -> None:
    arr, exact = as_numbers(values, "f")
    assert exact
    assert arr.dtype == object
    assert all(type(v) is Fraction for v in arr)


def test_rational_strings_are_exact_values() -> None:
    arr, _ = as_numbers(["0.28", "1/3", "-2"], "f")
    assert list(arr) == [Fraction(7, 25), Fraction(1, 3), Fraction(-2)]


@pytest.mark.parametrize("values", [[1.0, 2], [Fraction(1, 3), 0.5], ["1/3", 0.5],
                                    np.array([0.5]), [sympy.Float(0.5)]])
def test_any_float_makes_the_input_float(values: object) -> None:
    arr, exact = as_numbers(values, "f")
    assert not exact
    assert arr.dtype == np.float64


def test_mixed_input_converts_strings_to_their_float_value() -> None:
    arr, exact = as_numbers(["1/4", 0.5], "f")
    assert not exact and list(arr) == [0.25, 0.5]


@pytest.mark.parametrize(
    ("values", "match"),
    [([1, [2, 3]], "rectangular"), (["x"], "'x' is not a number"), ([float("nan")], "finite"),
     ([1.0, float("inf")], "finite"), ([None], "real numbers"), ({1: 2}, "array-like"),
     ([1 + 2j], "real numbers"), (["1/0"], "not a number")],
)
def test_bad_numbers_raise_naming_the_argument(values: object, match: str) -> None:
    with pytest.raises(InvalidArgumentError, match=match) as info:
        as_numbers(values, "payoffs")
    assert "payoffs" in str(info.value)


def test_input_is_not_mutated_and_output_is_a_new_array() -> None:
    src = np.array([0.25, 0.75])
    out, _ = as_numbers(src, "p")
    out[0] = 9.0
    assert src[0] == 0.25


def test_scalar() -> None:
    assert as_scalar("1/3", "r") == (Fraction(1, 3), True)
    assert as_scalar(0.5, "r") == (0.5, False)
    with pytest.raises(InvalidArgumentError, match="single number"):
        as_scalar([1, 2], "r")


def test_to_exact_is_the_binary_value_or_the_bounded_fraction() -> None:
    arr = np.array([0.1])
    assert to_exact(arr)[0] == Fraction(0.1)
    assert to_exact(arr, max_denominator=100)[0] == Fraction(1, 10)


# -- what a number string may cost ----------------------------------------------------
@pytest.mark.parametrize("text", ["1e9999999", "1e99999999", "-2.5E+4301", "1e-4301",
                                  "1" * 4301, "0." + "0" * 4300 + "1"])
def test_number_strings_beyond_the_limits_are_refused_at_once(text: str) -> None:
    # Fraction("1e9999999") alone takes many seconds; the limits refuse it before any work.
    import time

    start = time.process_time()
    with pytest.raises(InvalidArgumentError, match="payoffs"):
        as_numbers([text, 1], "payoffs")
    assert time.process_time() - start < 1.0


def test_number_strings_within_the_limits_are_exact() -> None:
    arr, exact = as_numbers(["1e4300", "-1e-4300", "1_000", ".5", "5.", "+3/4"], "f")
    assert exact
    assert list(arr) == [Fraction(10**4300), Fraction(-1, 10**4300), 1000, Fraction(1, 2), 5,
                         Fraction(3, 4)]


@pytest.mark.parametrize("text", ["1 / 3", "abc", "", ".", "e5", "1/0", "0x10", "1e", "--1"])
def test_malformed_number_strings_are_refused(text: str) -> None:
    with pytest.raises(InvalidArgumentError, match="payoffs"):
        as_numbers([text], "payoffs")


def test_decimal_exponents_are_bounded_too() -> None:
    with pytest.raises(InvalidArgumentError, match="exponent"):
        as_numbers([Decimal("1e9999999")], "payoffs")


def test_an_exact_number_beyond_the_float_range_in_a_float_input_is_refused() -> None:
    with pytest.raises(InvalidArgumentError, match="too large for a float"):
        as_numbers([0.5, "1e400"], "payoffs")
    with pytest.raises(InvalidArgumentError, match="too large for a float"):
        as_numbers([0.5, 10**400], "payoffs")


def test_to_exact_with_a_tiny_denominator_is_an_error_not_a_division_by_zero() -> None:
    import credal as cr

    S = cr.CredalSet.from_vertices([[0.3, 0.3, 0.4]])
    with pytest.raises(InvalidArgumentError, match="max_denominator"):
        S.to_exact(max_denominator=1)


# -- atol ----------------------------------------------------------------------------
@pytest.mark.parametrize("atol", ["1e-9", b"1", 1j, np.complex128(1), 10**400, True, None,
                                  -1, float("nan"), float("inf"), Decimal("NaN"), [1e-9]])
def test_check_atol_refuses_what_is_not_a_nonnegative_real(atol: object) -> None:
    from credal.tolerance import check_atol

    with pytest.raises(InvalidArgumentError, match="atol"):
        check_atol(atol)


@pytest.mark.parametrize("atol", [0, 1e-9, Fraction(1, 10**9), Decimal("1e-9"), np.float32(1e-6),
                                  np.int64(0)])
def test_check_atol_accepts_real_numbers(atol: object) -> None:
    from credal.tolerance import check_atol

    assert check_atol(atol) == float(atol)  # type: ignore[arg-type]


def test_contains_uses_the_validated_atol() -> None:
    import credal as cr

    S = cr.CredalSet.from_vertices([[0.5, 0.5]])
    # 1/10 as a Fraction: validated, converted, and then used (not the raw object).
    assert S.contains([0.55, 0.45], atol=Fraction(1, 10))
    assert not S.contains([0.75, 0.25], atol=Fraction(1, 10))

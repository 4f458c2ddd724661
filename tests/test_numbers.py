"""Exact in, exact out: how inputs are classified and converted."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import numpy as np
import pytest
import sympy

from credal._numbers import as_numbers, as_scalar, to_exact
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

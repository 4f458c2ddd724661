"""Exact in, exact out: how inputs are classified and converted."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import numpy as np
import pytest
import sympy

from credal._core.numbers import as_numbers, as_scalar, parse_number, to_exact
from credal.errors import InvalidArgumentError

# -- the one number parser: every kind it accepts and refuses, once --------------------
#: (value, what it reads as). A Fraction is an exact number, a float a float number.
ACCEPTED = [
    (3, Fraction(3)),
    (-7, Fraction(-7)),
    (Fraction(1, 3), Fraction(1, 3)),
    (sympy.Rational(1, 3), Fraction(1, 3)),
    (sympy.Integer(2), Fraction(2)),
    (Decimal("0.25"), Fraction(1, 4)),
    ("1/3", Fraction(1, 3)),
    ("0.28", Fraction(7, 25)),
    ("1e-3", Fraction(1, 1000)),
    (" 7/10 ", Fraction(7, 10)),
    ("-2", Fraction(-2)),
    (np.int64(3), Fraction(3)),
    (np.uint8(3), Fraction(3)),
    (0.5, 0.5),
    (-0.25, -0.25),
    (np.float64(0.25), 0.25),
    (np.float32(0.5), 0.5),
    (sympy.Float(0.5), 0.5),
]
#: (value, what the message says).
REFUSED = [
    (True, "not booleans"),
    (False, "not booleans"),
    (np.bool_(True), "not booleans"),
    (float("nan"), "finite"),
    (float("inf"), "finite"),
    (-np.inf, "finite"),
    (np.float64("nan"), "finite"),
    ("x", "is not a number"),
    ("1/0", "not a number"),
    ("", "is not a number"),
    ("1 / 3", "is not a number"),
    ("1e99999", "exponent"),
    (Decimal("NaN"), "not a number"),
    (None, "real numbers"),
    (1 + 2j, "real numbers"),
    (b"1", "real numbers"),
]
_ids = [f"{type(v).__name__}:{v!r}" for v, _ in ACCEPTED]
_bad_ids = [f"{type(v).__name__}:{v!r}" for v, _ in REFUSED]


@pytest.mark.parametrize(("value", "expected"), ACCEPTED, ids=_ids)
def test_the_parser_accepts(value: object, expected: Fraction | float) -> None:
    got = parse_number(value, "payoffs")
    assert got == expected and type(got) is type(expected)
    arr, exact = as_numbers([value, value], "payoffs")
    assert exact is isinstance(expected, Fraction)
    assert list(arr) == [expected, expected]
    assert arr.dtype == (object if exact else np.float64)
    assert not exact or all(type(v) is Fraction for v in arr)
    assert as_scalar(value, "payoffs") == (expected, exact)


@pytest.mark.parametrize(("value", "match"), REFUSED, ids=_bad_ids)
def test_the_parser_refuses(value: object, match: str) -> None:
    for parse in (lambda: parse_number(value, "payoffs"),
                  lambda: as_numbers([value, 1], "payoffs"),
                  lambda: as_numbers([value, 0.5], "payoffs"),
                  lambda: as_scalar(value, "payoffs")):
        with pytest.raises(InvalidArgumentError, match=match) as info:
            parse()
        assert "payoffs" in str(info.value)


def test_booleans_are_refused_wherever_they_hide() -> None:
    for values in ([True, 2], [[1, 2], [0.5, False]], (np.True_, 1), [np.array([True])]):
        with pytest.raises(InvalidArgumentError, match="not booleans"):
            as_numbers(values, "gamble")
    mask = np.array([1, 0, 1]) == 1
    with pytest.raises(InvalidArgumentError, match=r"not booleans.*astype\(int\)"):
        as_numbers(mask, "gamble")
    assert as_numbers(mask.astype(int), "gamble")[0].tolist() == [1, 0, 1]


# -- every other entry point reads numbers by the same rule ----------------------------
def _vertices(value: object, exact: bool) -> np.ndarray:
    """The interval set 0 <= p_0 <= value over two outcomes, through enumerate_vertices."""
    from credal._core.arith import arithmetic_of
    from credal._polyhedra.vertex_enumeration import enumerate_vertices

    none = np.empty((0, 2), dtype=object), np.empty(0, dtype=object)
    return enumerate_vertices(*none, *none, [0, 0], [value, 1], ar=arithmetic_of(exact))


@pytest.mark.parametrize(("value", "expected"), ACCEPTED, ids=_ids)
def test_entry_points_accept_what_the_parser_accepts(value: object,
                                                     expected: Fraction | float) -> None:
    from credal.lp import LinearProgram

    exact = isinstance(expected, Fraction)
    V = _vertices(value, exact)
    top = min(expected, 1) if expected >= 0 else None
    if top is not None:
        assert max(V[:, 0]) == top
    lp = LinearProgram.create([value, 1], A_ub=[[value, 1]], b_ub=[value], upper=[value, None])
    assert lp.exact is exact
    assert lp.c[0] == expected and lp.A_ub[0, 0] == expected and lp.upper[0] == expected


@pytest.mark.parametrize(("value", "match"), REFUSED, ids=_bad_ids)
def test_entry_points_refuse_what_the_parser_refuses(value: object, match: str) -> None:
    from credal.lp import LinearProgram

    for exact in (True, False):
        with pytest.raises(InvalidArgumentError, match=match):
            _vertices(value, exact)
    makers = [lambda: LinearProgram.create([value, 1]),
              lambda: LinearProgram.create([1, 1], A_eq=[[1, value]], b_eq=[1])]
    if value is not None and not (isinstance(value, float) and np.isinf(value)):
        # (None and an infinite bound are no bound)
        makers.append(lambda: LinearProgram.create([1, 1], upper=[value, 1]))
    for make in makers:
        with pytest.raises(InvalidArgumentError, match=match):
            make()


#: The kinds a TOML problem file can spell, as TOML, with what they read as (or None when
#: refused).
FILE_NUMBERS = [("3", Fraction(3)), ("0.5", 0.5), ('"1/3"', Fraction(1, 3)),
                ('"0.28"', Fraction(7, 25)), ('"1e-3"', Fraction(1, 1000)),
                ("true", None), ("nan", None), ("inf", None), ('"x"', None), ('"1/0"', None),
                ('""', None), ('"1e99999"', None)]


@pytest.mark.parametrize(("toml", "expected"), FILE_NUMBERS)
def test_problem_files_read_numbers_by_the_same_rule(toml: str, expected: object) -> None:
    import credal as cr
    from credal.errors import ProblemFileError

    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10
        import tomli as tomllib  # type: ignore[no-redef]

    data = tomllib.loads(f'outcomes = ["H", "T"]\n[belief]\nvacuous = true\n'
                         f'[acts]\nd1 = [{toml}, 0]\n')
    value = data["acts"]["d1"][0]
    if expected is None:
        with pytest.raises(InvalidArgumentError):
            parse_number(value, "x")
        with pytest.raises(ProblemFileError, match=r"acts\.d1\[0\]"):
            cr.parse_problem(data)
        return
    assert parse_number(value, "x") == expected
    got = cr.parse_problem(data).acts["d1"][0]
    assert got == expected and type(got) is type(expected)


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

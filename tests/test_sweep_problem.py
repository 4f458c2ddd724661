"""``[sweep]`` problem files and ``credal sweep``: the expression parser, reading the
family, the exact analysis, the command's output and bad input.

Known answers are worked by hand in the comments.
"""

from __future__ import annotations

import copy
import json
import pickle
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import credal as cr
from credal.cli import main
from credal.errors import InvalidArgumentError, ProblemFileError
from credal.parametric._expressions import (
    MAX_DEGREE,
    ExpressionError,
    Polynomial,
    is_parameter_name,
    parse_polynomial,
)

DATA = Path(__file__).resolve().parent / "data"
TV_BALL = str(DATA / "sweep_tv_ball.toml")
MUGGING = str(DATA / "sweep_mugging.toml")
F = Fraction


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    rc = main(list(argv))
    out, err = capsys.readouterr()
    return rc, out, err


def coefficients(text: str, parameter: str = "r") -> tuple[Fraction, ...]:
    return parse_polynomial(text, parameter).coefficients


# -- the expression parser ---------------------------------------------------------------
@pytest.mark.parametrize(("text", "expected"), [
    ("1 - r", (1, -1)),
    ("r", (0, 1)),
    ("r^2/2", (0, 0, F(1, 2))),
    ("r**2/2", (0, 0, F(1, 2))),
    ("(1-r)*(1/3)", (F(1, 3), F(-1, 3))),
    ("(1 - r)^2", (1, -2, 1)),
    ("(r + 1)^2 - (r - 1)^2", (0, 4)),       # 4r
    ("-r^2", (0, 0, -1)),                    # -(r^2), not (-r)^2
    ("(-r)^2", (0, 0, 1)),
    ("2*r - -r", (0, 3)),
    ("--r", (0, 1)),
    ("0.25*r + 1e-1", (F(1, 10), F(1, 4))),  # decimals are exact
    ("1_000 * r", (0, 1000)),
    ("r/0.5", (0, 2)),                       # division by a number
    ("1/2/2", (F(1, 4),)),                   # left to right
    ("2^3*r", (0, 8)),
    ("r^0", (1,)),
    ("3/4", (F(3, 4),)),
    ("r - r", ()),                           # the zero polynomial
    ("((r))", (0, 1)),
    ("  1 -  r ", (1, -1)),
    ("r^64", (0,) * 64 + (1,)),
])
def test_known_polynomials(text: str, expected: tuple[Any, ...]) -> None:
    assert coefficients(text) == tuple(F(c) for c in expected)


def test_polynomial_values_are_exact_fractions() -> None:
    p = parse_polynomial("(1 - r)^2/2", "r")
    assert p(F(1, 3)) == F(2, 9) and type(p(F(1, 3))) is Fraction
    assert p(0) == F(1, 2) and p.degree == 2 and not p.is_constant
    assert parse_polynomial("7", "r").is_constant and parse_polynomial("7", "r").degree == 0
    # the text reads back to the same polynomial
    for text in ("(1 - r)^2/2", "-3*r^3 + r/7 - 2", "0", "r"):
        q = parse_polynomial(text, "r")
        assert parse_polynomial(q.text("r"), "r") == q
    assert parse_polynomial("(1 - r)^2/2", "r").text("r") == "1/2 - r + 1/2*r^2"


def test_value_at_a_sympy_number_is_sympy() -> None:
    import sympy

    p = parse_polynomial("2*x^2 - 1", "x")
    assert p(sympy.sqrt(2) / 2) == 0
    assert sympy.expand(p.as_expr(sympy.Symbol("x")) - (2 * sympy.Symbol("x") ** 2 - 1)) == 0


def test_other_parameter_names() -> None:
    assert coefficients("1 - eps", "eps") == (1, -1)
    assert coefficients("alpha_2 * 2", "alpha_2") == (0, 2)
    # with a parameter named e, 2e3 is still the number 2000 (no implied multiplication)
    assert coefficients("2e3 + e", "e") == (2000, 1)
    assert is_parameter_name("r") and is_parameter_name("_x1")
    assert not is_parameter_name("1r") and not is_parameter_name("r s")
    assert not is_parameter_name("") and not is_parameter_name(3)


@pytest.mark.parametrize(("text", "message"), [
    ("2r", "implied multiplication at position 2: write 2*r"),
    ("2 r", "implied multiplication at position 3: write 2*r"),
    ("r 2", "implied multiplication at position 3: write r*2"),
    ("2(1 - r)", "implied multiplication at position 2: write '*' between the two factors"),
    ("(1-r)(1+r)", "implied multiplication at position 6: write '*' between the two factors"),
    ("1 - x", "unknown name 'x' at position 5; the only name allowed is the parameter, r"),
    ("sqrt(r)", "unknown name 'sqrt' at position 1; the only name allowed is the parameter, "
                "r"),
    ("__import__('os')", "unexpected character \"'\" at position 12; an expression holds "
                         "numbers, the parameter, + - * / ^ and parentheses"),
    ("__import__", "unknown name '__import__' at position 1; the only name allowed is the "
                   "parameter, r"),
    ("1/r", "the '/' at position 2 divides by an expression in r; only division by a number "
            "keeps a polynomial"),
    ("1/(r - r)", "the '/' at position 2 divides by zero"),
    ("r/(2 - 2)", "the '/' at position 2 divides by zero"),
    ("r^-1", "the exponent after '^' at position 2 must be a non-negative integer such as 2, "
             "got '-' at position 3"),
    ("r^1.5", "the exponent after '^' at position 2 must be a non-negative integer such as 2, "
              "got '1.5' at position 3"),
    ("r**r", "the exponent after '**' at position 2 must be a non-negative integer such as 2, "
             "got 'r' at position 4"),
    ("r^2^3", "a power of a power at position 4: add parentheses, e.g. (r^2)^3"),
    ("r^65", "the exponent 65 at position 3 is above 64, the largest accepted"),
    ("(r^8)^9", "the degree passes 64, the highest accepted, at '^' (position 6)"),
    ("r^40*r^40", "the degree passes 64, the highest accepted, at '*' (position 5)"),
    ("((2^64)^64)^64", "the power at position 12 makes numbers of more than 100000 bits"),
    ("(1 - r", "the '(' at position 1 is never closed (found the end of the expression)"),
    ("1 - r)", "unmatched ')' at position 6"),
    ("", "it is empty"),
    ("   ", "it is empty"),
    ("1 +", "it ends where a number, the parameter or '(' was expected"),
    ("1 + * r", "unexpected '*' at position 5 where a number, the parameter or '(' was "
                "expected"),
    ("r // 2", "unexpected '/' at position 4 where a number, the parameter or '(' was "
               "expected"),
    ("1 − r", "unexpected character '−' at position 3; an expression holds numbers, the "
              "parameter, + - * / ^ and parentheses"),
    ("r; import os", "unexpected character ';' at position 2; an expression holds numbers, "
                     "the parameter, + - * / ^ and parentheses"),
    ("r*1e99999", "the number 1e99999 at position 3 cannot be read (the number: the exponent "
                  "of '1e99999' is beyond +-4300, the largest accepted in a number string; "
                  "pass a Python int or Fraction (such as 10**99999) if you mean it)"),
])
def test_bad_expressions_say_what_and_where(text: str, message: str) -> None:
    with pytest.raises(ExpressionError) as info:
        parse_polynomial(text, "r")
    assert str(info.value) == message


def test_limits_on_length_and_nesting() -> None:
    with pytest.raises(ExpressionError, match="^it is 4301 characters long, more than the "
                                              "4300 accepted$"):
        parse_polynomial("r" + " " * 4300, "r")
    # 50 levels of parentheses are fine, 51 are not (and no RecursionError either way)
    assert coefficients("(" * 50 + "r" + ")" * 50) == (0, 1)
    with pytest.raises(ExpressionError, match="^parentheses nested more than 50 deep at "
                                              "position 51$"):
        parse_polynomial("(" * 51 + "r" + ")" * 51, "r")
    with pytest.raises(ExpressionError, match="nested more than 50 deep"):
        parse_polynomial("(" * 2000, "r")
    # a long run of unary minus signs is read in a loop, not by recursion
    assert coefficients("-" * 4000 + "r") == (0, 1)


def test_bad_arguments_of_the_parser() -> None:
    with pytest.raises(InvalidArgumentError, match="text must be a str, got int"):
        parse_polynomial(3, "r")  # type: ignore[arg-type]
    with pytest.raises(InvalidArgumentError, match="parameter must be an identifier"):
        parse_polynomial("r", "2r")


@settings(deadline=None, max_examples=150)
@given(st.lists(st.fractions(max_denominator=50).filter(lambda x: abs(x) < 1000),
                min_size=0, max_size=5),
       st.fractions(min_value=-3, max_value=3, max_denominator=20))
def test_written_polynomials_read_back_and_evaluate(cs: list[Fraction], t: Fraction) -> None:
    p = Polynomial.of(cs)
    q = parse_polynomial(p.text("t"), "t")
    assert q == p
    assert q(t) == sum((c * t ** k for k, c in enumerate(cs)), Fraction(0))


@settings(deadline=None, max_examples=200)
@given(st.text(alphabet="r0123456789.+-*/^() xe_", max_size=30))
def test_any_text_parses_or_raises_expression_error(text: str) -> None:
    # never another exception (no ZeroDivisionError, RecursionError, ValueError, ...)
    try:
        p = parse_polynomial(text, "r")
    except ExpressionError:
        return
    assert p.degree <= MAX_DEGREE and all(type(c) is Fraction for c in p.coefficients)


# -- reading [sweep] files ---------------------------------------------------------------
def tv_ball(**changes: Any) -> dict[str, Any]:
    """``sweep_tv_ball.toml`` as parsed data, with top-level tables replaced by
    ``changes`` (a value of None removes the table)."""
    data: dict[str, Any] = {
        "outcomes": ["a", "b", "c"],
        "belief": {"tv_ball": {"center": ["1/2", "1/3", "1/6"], "radius": "r"}},
        "acts": {"f": [0, 1, 2], "g": [1, 1, "1 - r"]},
        "sweep": {"parameter": "r", "domain": [0, 1],
                  "rules": ["gamma_maximin", "maximality"]}}
    for k, v in changes.items():
        if v is None:
            data.pop(k)
        else:
            data[k] = v
    return data


def test_the_tv_ball_file_is_a_family() -> None:
    assert cr.load_problem(TV_BALL).kind == "sweep"
    p = cr.parse_problem(tv_ball())   # the file, with g = (1, 1, 1 - r)
    assert p.kind == "sweep" and p.belief is None and not p.acts and p.ddt is None
    assert p.outcomes == ("a", "b", "c")
    fam = p.family
    assert fam is not None
    assert fam.parameter == "r" and fam.domain == (0, 1)
    assert fam.rules == ("gamma_maximin", "maximality") and fam.acts == ("f", "g")
    assert fam.varying == {"belief.tv_ball.radius", "acts.g[2]"} and fam.degree == 1
    assert not fam.has_ddt
    # at r = 1/4: the ball of radius 1/4 around (1/2, 1/3, 1/6), and g = (1, 1, 3/4)
    at = fam.at("1/4")
    assert at.kind == "decide" and at.acts["g"] == (1, 1, F(3, 4))
    assert at.acts["f"] == (0, 1, 2)
    expected = cr.tv_ball(["1/2", "1/3", "1/6"], "1/4", outcomes=["a", "b", "c"])
    assert cr.lower_expectation(at.belief, [0, 1, 2]) == \
        cr.lower_expectation(expected, [0, 1, 2]) == F(1, 4)   # 1/2 - r
    assert fam.belief(F(1, 12)).n_outcomes == 3
    assert cr.lower_expectation(fam.belief(F(1, 12)), [0, 1, 2]) == F(1, 2)  # 2/3 - 2r
    # f does not depend on r, g does
    assert fam.gamble("f") == (0, 1, 2)
    g = fam.gamble("g")
    assert callable(g) and g(F(1, 3)) == (1, 1, F(2, 3))


def test_a_constant_family_is_allowed() -> None:
    p = cr.parse_problem(tv_ball(belief={"precise": ["1/2", "1/4", "1/4"]},
                                 acts={"f": [0, 1, 2]}))
    assert p.kind == "sweep" and p.family is not None
    assert p.family.varying == frozenset() and p.family.degree == 0
    assert p.family.at(0).acts == p.family.at(1).acts


def test_rules_default_to_every_rule_and_keep_the_files_order() -> None:
    sweep = {"parameter": "r", "domain": [0, 1]}
    assert cr.parse_problem(tv_ball(sweep=sweep)).family.rules == cr.problem.SWEEP_RULES  # type: ignore[union-attr]
    assert cr.problem.SWEEP_RULES == ("gamma_maximin", "gamma_maximax", "hurwicz",
                                      "interval_dominance", "maximality", "e_admissibility",
                                      "minimax_regret")
    sweep["rules"] = ["maximality", "hurwicz"]
    assert cr.parse_problem(tv_ball(sweep=sweep)).family.rules == ("maximality", "hurwicz")  # type: ignore[union-attr]


def test_expressions_everywhere_a_number_goes() -> None:
    data = {
        "outcomes": ["H", "T"],
        "belief": {"lower": {"H": "x/2"}, "upper": {"H": "1 - x^2"}},
        "acts": {"d": {"H": "3*x", "T": "(1 - x)*(1/3)"}},
        "options": {"alpha": "x/2"},
        "sweep": {"parameter": "x", "domain": ["1/4", "1/2"]}}
    fam = cr.parse_problem(data).family
    assert fam is not None
    at = fam.at(F(1, 2))
    assert at.acts["d"] == (F(3, 2), F(1, 6)) and at.alpha == F(1, 4)
    assert cr.lower_probability(at.belief, ["H"]) == F(1, 4)
    assert cr.upper_probability(at.belief, ["H"]) == F(3, 4)
    assert fam.varying == {"belief.lower.H", "belief.upper.H", "acts.d.H", "acts.d.T",
                           "options.alpha"}
    assert fam.degree == 2


def test_the_mugging_file_is_a_ddt_family() -> None:
    fam = cr.load_problem(MUGGING).family
    assert fam is not None and fam.has_ddt and fam.acts == () and fam.rules == ()
    # V(pay) = 10,100 h - 100 at the lower probability of heads h, V(refuse) = 0
    assert fam.ddt(F(1, 102)).choose() == ["refuse"]
    assert fam.ddt(F(1, 101)).choose() == ["pay", "refuse"]
    assert fam.ddt("1/4").values() == {"pay": 2_425, "refuse": 0}


def test_the_family_pickles_and_is_independent_of_the_data() -> None:
    data = tv_ball()
    p = cr.parse_problem(data)
    data["acts"]["f"][0] = 99          # the caller's dict changes afterwards
    assert p.family is not None and p.family.at(0).acts["f"] == (0, 1, 2)
    q = pickle.loads(pickle.dumps(p))
    assert q.family is not None and q.family.at("1/2").acts["g"] == (1, 1, F(1, 2))
    assert q.kind == "sweep"


def test_at_takes_exact_numbers_only() -> None:
    fam = cr.load_problem(TV_BALL).family
    assert fam is not None
    with pytest.raises(InvalidArgumentError, match="t must be exact"):
        fam.at(0.5)
    with pytest.raises(InvalidArgumentError, match="t must be a number"):
        fam.at("half")
    with pytest.raises(InvalidArgumentError, match="act must be one of f, g, got 'h'"):
        fam.gamble("h")


# -- bad [sweep] files --------------------------------------------------------------------
BAD: dict[str, tuple[dict[str, Any], str]] = {
    "expression": (tv_ball(acts={"f": [0, 1, 2], "g": [1, 1, "1 - x"]}),
                   "acts.g[2]: must be a number or a polynomial in r; the string '1 - x' is "
                   "neither: unknown name 'x' at position 5; the only name allowed is the "
                   "parameter, r"),
    "implied product": (
        tv_ball(belief={"tv_ball": {"center": ["1/2", "1/3", "1/6"], "radius": "2r"}}),
        "belief.tv_ball.radius: must be a number or a polynomial in r; the string '2r' is "
        "neither: implied multiplication at position 2: write 2*r"),
    "not polynomial": (tv_ball(acts={"f": [0, "1/r", 2]}),
                       "acts.f[1]: must be a number or a polynomial in r; the string '1/r' "
                       "is neither: the '/' at position 2 divides by an expression in r; "
                       "only division by a number keeps a polynomial"),
    "float": (tv_ball(acts={"f": [0, 0.5, 2]}),
              "acts.f[1]: is the float 0.5; a [sweep] file is solved exactly: write it as a "
              "string such as \"0.5\", or as a fraction"),
    "invalid at the end": (
        tv_ball(sweep={"parameter": "r", "domain": [-1, 0]}),
        "belief.tv_ball: radius must be nonnegative, got Fraction(-1, 1) (at r = -1)"),
    "no parameter": (tv_ball(sweep={"domain": [0, 1]}),
                     "sweep.parameter: is missing: name the parameter, e.g. parameter = "
                     "\"r\""),
    "bad parameter": (tv_ball(sweep={"parameter": "2r", "domain": [0, 1]}),
                      "sweep.parameter: must be a name (ASCII letters, digits and _, not "
                      "starting with a digit) such as \"r\", got '2r'"),
    "no domain": (tv_ball(sweep={"parameter": "r"}),
                  "sweep.domain: is missing: give the interval swept, e.g. domain = [0, "
                  "\"1/2\"]"),
    "short domain": (tv_ball(sweep={"parameter": "r", "domain": [0]}),
                     "sweep.domain: must be a list of two numbers [lo, hi], got [0]"),
    "empty domain": (tv_ball(sweep={"parameter": "r", "domain": ["1/2", "1/2"]}),
                     "sweep.domain: must be an interval [lo, hi] with lo < hi, got [1/2, 1/2]"),
    "float domain": (tv_ball(sweep={"parameter": "r", "domain": [0, 0.5]}),
                     "sweep.domain[1]: is the float 0.5; a [sweep] file is solved exactly: "
                     "write it as a string such as \"0.5\""),
    "expression domain": (tv_ball(sweep={"parameter": "r", "domain": [0, "r"]}),
                          "sweep.domain[1]: must be a number; the string 'r' is not one that "
                          "is accepted (the number must hold numbers; 'r' is not a number "
                          "(write rationals as ints, Fractions or strings like '1/3' or "
                          "'0.25'); write \"1/3\", \"0.25\" or \"2\")"),
    "unknown key": (tv_ball(sweep={"parameter": "r", "domain": [0, 1], "step": 1}),
                    "sweep.step: is not a known key; the keys here are parameter, domain, "
                    "rules"),
    "unknown rule": (tv_ball(sweep={"parameter": "r", "domain": [0, 1],
                                    "rules": ["maximality", "minimax"]}),
                     "sweep.rules[1]: 'minimax' is not a rule; the rules are gamma_maximin, "
                     "gamma_maximax, hurwicz, interval_dominance, maximality, "
                     "e_admissibility, minimax_regret"),
    "repeated rule": (tv_ball(sweep={"parameter": "r", "domain": [0, 1],
                                     "rules": ["maximality", "maximality"]}),
                      "sweep.rules: lists maximality twice; list each rule once"),
    "empty rules": (tv_ball(sweep={"parameter": "r", "domain": [0, 1], "rules": []}),
                    "sweep.rules: must be a non-empty list of rule names (some of "
                    "gamma_maximin, gamma_maximax, hurwicz, interval_dominance, maximality, "
                    "e_admissibility, minimax_regret), got []"),
    "nothing to sweep": (tv_ball(acts=None),
                         "sweep: has nothing to sweep: give an [acts] table (with a [belief]) "
                         "for the decision rules, a [ddt] table, or both"),
    "acts without belief": (tv_ball(belief=None),
                            "belief: is missing: the acts of a [sweep] file need a [belief] "
                            "table"),
    "atol": (tv_ball(options={"atol": "1e-9"}),
             "options.atol: has no use in a [sweep] file, which is solved exactly; remove "
             "it"),
    "alpha out of range": (tv_ball(options={"alpha": "r + 1/2"}),
                           "options.alpha: must lie in [0, 1], got Fraction(3, 2) (at r = 1)"),
    "sweep table": (tv_ball(sweep=[1]),
                    "sweep: must be a table (TOML [section] or JSON object), got list [1]"),
}


@pytest.mark.parametrize("case", list(BAD))
def test_bad_sweep_files_name_the_key(case: str) -> None:
    data, message = BAD[case]
    with pytest.raises(ProblemFileError) as info:
        cr.parse_problem(copy.deepcopy(data), source="s.toml")
    assert str(info.value) == f"s.toml: {message}"


def test_rules_without_acts_and_sweep_beside_mdp() -> None:
    mugging = cr.load_problem(MUGGING)
    assert mugging.family is not None
    data: dict[str, Any] = {
        "outcomes": ["h", "t"],
        "ddt": {"utility": [1, 0], "counterfactuals": {"p": {"precise": [1, 0]}}},
        "sweep": {"parameter": "r", "domain": [0, 1], "rules": ["maximality"]}}
    with pytest.raises(ProblemFileError, match="sweep.rules: needs an \\[acts\\] table"):
        cr.parse_problem(data)
    with pytest.raises(ProblemFileError, match="sweep: cannot stand beside an \\[mdp\\]"):
        cr.parse_problem({"mdp": {}, "sweep": {"parameter": "r", "domain": [0, 1]}})


def test_a_file_without_sweep_keeps_refusing_expressions() -> None:
    data = tv_ball(sweep=None)
    with pytest.raises(ProblemFileError, match="belief.tv_ball.radius: must be a number; the "
                                               "string 'r' is not one that is accepted"):
        cr.parse_problem(data)


def test_run_and_sweep_point_to_each_other() -> None:
    p = cr.load_problem(TV_BALL)
    with pytest.raises(ProblemFileError, match="this file has a \\[sweep\\] table: call "
                                               "sweep\\(\\)"):
        p.run()
    q = cr.load_problem(DATA / "mdp_route.toml")
    with pytest.raises(ProblemFileError, match="sweep: is missing: only a file with a "
                                               "\\[sweep\\] table has a parameter to sweep; "
                                               "this file has an \\[mdp\\] table"):
        q.sweep()


# -- the analysis ---------------------------------------------------------------------------
def exact(*values: Any) -> tuple[Any, ...]:
    """Sympy numbers or expressions in r, from their text."""
    import sympy

    r = sympy.Symbol("r")
    return tuple(sympy.sympify(v, locals={"r": r}) if isinstance(v, str) else sympy.S(v)
                 for v in values)


def same(pieces: Any, expected: list[tuple[Any, Any, Any]]) -> bool:
    import sympy

    got = list(pieces)
    return len(got) == len(expected) and all(
        sympy.simplify(a - b) == 0 for g, e in zip(got, expected, strict=True)
        for a, b in zip(g, exact(*e), strict=True))


def test_tv_ball_sweep_known_pieces_and_regions() -> None:
    result = cr.load_problem(TV_BALL).sweep()
    assert result.parameter == "r" and result.domain == (0, 1)
    # f = (0, 1, 2) at the centre (1/2, 1/3, 1/6): the ball moves mass r from c (worth 2)
    # to a (worth 0) until c is empty at r = 1/6, then from b (worth 1) until r = 1/2.
    assert same(result.lower["f"].pieces, [(0, "1/6", "2/3 - 2*r"), ("1/6", "1/2", "1/2 - r"),
                                           ("1/2", 1, 0)])
    # upwards: mass moves from a to c until a is empty at r = 1/2 (value 5/3), then from b
    # until r = 5/6
    assert same(result.upper["f"].pieces, [(0, "1/2", "2/3 + 2*r"), ("1/2", "5/6", "r + 7/6"),
                                           ("5/6", 1, 2)])
    # g = (1, 1, 1/2): mass moves onto c until it holds everything (r = 5/6), or off it
    assert same(result.lower["g"].pieces, [(0, "5/6", "11/12 - r/2"), ("5/6", 1, "1/2")])
    assert same(result.upper["g"].pieces, [(0, "1/6", "11/12 + r/2"), ("1/6", 1, 1)])
    # Γ-maximin: g's lower expectation is above f's everywhere
    assert list(result.regions) == ["gamma_maximin", "maximality"]
    assert [c for _, _, c in result.regions["gamma_maximin"]] == [("g",)]
    # maximality: g beats f while lower E(g - f) = 1/4 - 5r/2 > 0, i.e. below r = 1/10;
    # f never beats g (lower E(f - g) <= -1/4)
    m = result.regions["maximality"]
    assert [(lo, hi, c) for lo, hi, c in m] == [
        (*exact(0, "1/10"), ("g",)), (*exact("1/10", "1/10"), ("f", "g")),
        (*exact("1/10", 1), ("f", "g"))]
    assert result.breakpoints == exact("1/10", "1/6", "1/2", "5/6")
    assert result.ddt is None


@pytest.mark.parametrize("t", [F(0), F(1, 20), F(1, 10), F(1, 6), F(1, 3), F(1, 2), F(5, 6),
                               F(9, 10), F(1)])
def test_the_sweep_agrees_with_the_problem_at_each_point(t: Fraction) -> None:
    p = cr.load_problem(TV_BALL)
    assert p.family is not None
    result, at = p.sweep(), p.family.at(t)
    for a, f in at.acts.items():
        assert result.lower[a](t) == cr.lower_expectation(at.belief, f)
        assert result.upper[a](t) == cr.upper_expectation(at.belief, f)
    assert result.regions["gamma_maximin"].chosen_at(t) == \
        tuple(cr.gamma_maximin(at.acts, at.belief))
    assert result.regions["maximality"].chosen_at(t) == tuple(cr.maximality(at.acts, at.belief))


def test_an_algebraic_breakpoint_stays_exact() -> None:
    import sympy

    result = cr.load_problem(DATA / "sweep_quadratic.toml").sweep()
    # lower E(bet) = r^2 meets the safe 1/2 at r = sqrt(2)/2; upper E(bet) = r at r = 1/2
    half_root2 = sympy.sqrt(2) / 2
    assert [(lo, hi, c) for lo, hi, c in result.regions["gamma_maximin"]] == [
        (0, half_root2, ("safe",)), (half_root2, half_root2, ("bet", "safe")),
        (half_root2, 1, ("bet",))]
    assert [c for *_, c in result.regions["gamma_maximax"]] == [("safe",), ("bet", "safe"),
                                                               ("bet",)]
    assert result.breakpoints == (sympy.Rational(1, 2), half_root2)


def test_the_mugging_sweep_pays_above_one_in_101() -> None:
    result = cr.load_problem(MUGGING).sweep()
    assert result.regions == {} and result.lower == {}
    assert result.ddt is not None
    assert [(lo, hi, c) for lo, hi, c in result.ddt] == [
        (*exact(0, "1/101"), ("refuse",)), (*exact("1/101", "1/101"), ("pay", "refuse")),
        (*exact("1/101", "1/2"), ("pay",))]


def test_hurwicz_takes_the_files_alpha() -> None:
    # Hurwicz with alpha: alpha r^2 + (1 - alpha) r against 1/2 for the quadratic coin;
    # with alpha = 1 it is Γ-maximin (sqrt(2)/2), with alpha = 0 Γ-maximax (1/2)
    import sympy

    data = {"outcomes": ["H", "T"], "belief": {"lower": {"H": "r^2"}, "upper": {"H": "r"}},
            "acts": {"bet": [1, 0], "safe": ["1/2", "1/2"]},
            "sweep": {"parameter": "r", "domain": [0, 1], "rules": ["hurwicz"]}}
    for alpha, point in ((1, sympy.sqrt(2) / 2), (0, sympy.Rational(1, 2))):
        data["options"] = {"alpha": alpha}
        regions = cr.parse_problem(copy.deepcopy(data)).sweep().regions["hurwicz"]
        assert regions.breakpoints == (point,)


# -- the command line -------------------------------------------------------------------
def test_sweep_text(capsys: pytest.CaptureFixture[str]) -> None:
    rc, out, err = run(capsys, "sweep", TV_BALL)
    assert rc == 0 and err == ""
    assert out == """\
A growing total-variation ball: r in [0, 1], 3 outcomes (a, b, c), 2 acts, exact arithmetic.

act  E      r in        value
---  -----  ----------  -----------
f    lower  [0, 1/6]    2/3 - 2*r
            [1/6, 1/2]  1/2 - r
            [1/2, 1]    0
     upper  [0, 1/2]    2*r + 2/3
            [1/2, 5/6]  r + 7/6
            [5/6, 1]    2
g    lower  [0, 5/6]    11/12 - r/2
            [5/6, 1]    1/2
     upper  [0, 1/6]    r/2 + 11/12
            [1/6, 1]    1

rule        r in       chosen acts
----------  ---------  -----------
Γ-maximin   [0, 1]     g
maximality  [0, 1/10)  g
            at 1/10    f, g
            (1/10, 1]  f, g

Breakpoints: 1/10 ≈ 0.1, 1/6 ≈ 0.166667, 1/2 ≈ 0.5, 5/6 ≈ 0.833333.
"""


def test_sweep_text_keeps_algebraic_numbers_symbolic(capsys: pytest.CaptureFixture[str]
                                                     ) -> None:
    rc, out, _ = run(capsys, "sweep", str(DATA / "sweep_quadratic.toml"))
    assert rc == 0
    assert "Γ-maximin  [0, sqrt(2)/2)  safe\n           at sqrt(2)/2    bet, safe\n" \
           "           (sqrt(2)/2, 1]  bet\n" in out
    assert out.endswith("Breakpoints: 1/2 ≈ 0.5, sqrt(2)/2 ≈ 0.707107.\n")


def test_sweep_text_of_a_ddt_family(capsys: pytest.CaptureFixture[str]) -> None:
    rc, out, _ = run(capsys, "sweep", MUGGING)
    assert rc == 0
    assert out.endswith("""\
2 DDT policies, exact arithmetic.

DDT chooses:
h in          policies
------------  -----------
[0, 1/101)    refuse
at 1/101      pay, refuse
(1/101, 1/2]  pay

Breakpoints: 1/101 ≈ 0.00990099.
""")


def test_sweep_json(capsys: pytest.CaptureFixture[str]) -> None:
    rc, out, err = run(capsys, "sweep", TV_BALL, "--json")
    assert rc == 0 and err == ""
    data = json.loads(out)
    assert set(data) == {"title", "parameter", "domain", "outcomes", "acts", "rules", "ddt",
                         "breakpoints"}
    assert data["parameter"] == "r" and data["domain"] == ["0", "1"]
    assert data["outcomes"] == ["a", "b", "c"] and data["ddt"] is None
    assert data["acts"]["f"]["lower"] == [
        {"lo": "0", "hi": "1/6", "value": "2/3 - 2*r"},
        {"lo": "1/6", "hi": "1/2", "value": "1/2 - r"},
        {"lo": "1/2", "hi": "1", "value": "0"}]
    assert [p["value"] for p in data["acts"]["g"]["upper"]] == ["r/2 + 11/12", "1"]
    assert data["rules"] == {
        "gamma_maximin": [{"lo": "0", "hi": "1", "chosen": ["g"]}],
        "maximality": [{"lo": "0", "hi": "1/10", "chosen": ["g"]},
                       {"lo": "1/10", "hi": "1/10", "chosen": ["f", "g"]},
                       {"lo": "1/10", "hi": "1", "chosen": ["f", "g"]}]}
    assert [b["value"] for b in data["breakpoints"]] == ["1/10", "1/6", "1/2", "5/6"]
    assert [b["float"] for b in data["breakpoints"]] == [0.1, 1 / 6, 0.5, 5 / 6]
    # the exact strings read back
    assert [Fraction(b["value"]) for b in data["breakpoints"]] == [F(1, 10), F(1, 6), F(1, 2),
                                                                   F(5, 6)]


def test_sweep_json_algebraic_and_ddt(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "sweep", str(DATA / "sweep_quadratic.toml"), "--json")
    data = json.loads(out)
    assert data["breakpoints"][1]["value"] == "sqrt(2)/2"
    assert data["breakpoints"][1]["float"] == pytest.approx(2 ** 0.5 / 2, abs=1e-15)
    assert data["rules"]["gamma_maximin"][1] == {"lo": "sqrt(2)/2", "hi": "sqrt(2)/2",
                                                 "chosen": ["bet", "safe"]}
    _, out, _ = run(capsys, "sweep", MUGGING, "--json")
    data = json.loads(out)
    assert data["acts"] == {} and data["rules"] == {}
    assert data["ddt"] == [{"lo": "0", "hi": "1/101", "chosen": ["refuse"]},
                           {"lo": "1/101", "hi": "1/101", "chosen": ["pay", "refuse"]},
                           {"lo": "1/101", "hi": "1/2", "chosen": ["pay"]}]


def write(tmp_path: Path, text: str, name: str = "s.toml") -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


TV_TEXT = (DATA / "sweep_tv_ball.toml").read_text(encoding="utf-8")
BAD_FILES = {
    "expression": (TV_TEXT.replace('radius = "r"', 'radius = "r/(1 - r)"'),
                   "belief.tv_ball.radius: must be a number or a polynomial in r; the string "
                   "'r/(1 - r)' is neither: the '/' at position 2 divides by an expression in "
                   "r; only division by a number keeps a polynomial"),
    "alpha depends on r": (TV_TEXT + '[options]\nalpha = "r/2"\n',
                           "options.alpha: depends on the parameter r, but the sweep needs "
                           "Hurwicz's alpha to be a fixed number (the parameter may move the "
                           "[belief], the [acts] and the [ddt] table); write a number here"),
    "invalid at an end": (TV_TEXT.replace("domain = [0, 1]", 'domain = [-1, 1]'),
                          "belief.tv_ball: radius must be nonnegative, got Fraction(-1, 1) "
                          "(at r = -1)"),
    "empty domain": (TV_TEXT.replace("domain = [0, 1]", "domain = [1, 0]"),
                     "sweep.domain: must be an interval [lo, hi] with lo < hi, got [1, 0]"),
    "not polynomial": (
        'outcomes = ["a", "b"]\n[belief]\nidm = {counts = [1, 2], s = "r"}\n'
        '[acts]\nx = [1, 0]\n[sweep]\nparameter = "r"\ndomain = [1, 2]\n',
        "sweep: family is not polynomial in its parameter"),
}


@pytest.mark.parametrize("case", list(BAD_FILES))
def test_bad_sweep_file_exits_1_with_one_line(case: str, tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    text, message = BAD_FILES[case]
    path = write(tmp_path, text)
    for extra in ([], ["--json"]):
        rc, out, err = run(capsys, "sweep", path, *extra)
        assert rc == 1 and out == ""
        assert err.startswith(f"credal: error: {path}: {message}")
        assert err.count("\n") == 1


def test_an_interior_failure_names_the_value(tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    # radius r^2 - r + 1/8 is 1/8 at both ends but -1/8 at r = 1/2
    path = write(tmp_path, TV_TEXT.replace('radius = "r"', 'radius = "r^2 - r + 1/8"'))
    assert cr.load_problem(path).kind == "sweep"   # both ends are fine
    rc, _, err = run(capsys, "sweep", path)
    assert rc == 1
    assert err.startswith(f"credal: error: {path}: belief.tv_ball: radius must be "
                          f"nonnegative, got Fraction(-")
    assert "(at r = " in err and err.count("\n") == 1


def test_commands_point_to_each_other(capsys: pytest.CaptureFixture[str]) -> None:
    rc, _, err = run(capsys, "decide", TV_BALL)
    assert rc == 1 and err == (f"credal: error: {TV_BALL}: sweep: makes a one-parameter "
                               f"family of problems, which credal decide does not read: run "
                               f"credal sweep {TV_BALL}\n")
    rc, _, err = run(capsys, "ddt", MUGGING)
    assert rc == 1 and "which credal ddt does not read: run credal sweep" in err
    rc, _, err = run(capsys, "mdp", TV_BALL)
    assert rc == 1 and "this file is for credal sweep: run credal sweep" in err
    rc, _, err = run(capsys, "sweep", "--example", "troffaes")
    assert rc == 1 and err.endswith(
        "sweep: is missing: credal sweep needs a [sweep] table (parameter and domain); this "
        f"file is for credal decide: run credal decide {example_path('troffaes')}\n")


def example_path(name: str) -> str:
    from credal.problem import example_problems

    return str(example_problems()[name])


def test_sweep_help_lists_the_command(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["--help"])
    assert info.value.code == 0
    out, _ = capsys.readouterr()
    assert "sweep" in out and "credal sweep my_sweep.toml" in out
    with pytest.raises(SystemExit) as info:
        main(["sweep"])      # no file: a usage error
    assert info.value.code == 2


def test_a_json_sweep_file_and_a_swept_ddt_utility(tmp_path: Path) -> None:
    # the mugging with P(heads) in [1/4, 3/4] and the reward x swept: paying is worth
    # min(x/4 - 3*100/4, 3x/4 - 100/4) = x/4 - 75 for x >= -100, so DDT pays iff x > 300
    data = {
        "outcomes": ["heads/rewarded", "heads/not rewarded", "tails/pays", "tails/refuses"],
        "ddt": {"utility": {"heads/rewarded": "x", "tails/pays": -100},
                "counterfactuals": {
                    "pay": {"vertices": [["1/4", 0, "3/4", 0], ["3/4", 0, "1/4", 0]]},
                    "refuse": {"vertices": [[0, "1/4", 0, "3/4"], [0, "3/4", 0, "1/4"]]}}},
        "sweep": {"parameter": "x", "domain": [0, "10_000"]}}
    path = tmp_path / "reward.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    p = cr.load_problem(path)
    assert p.family is not None and p.family.varying == {"ddt.utility.heads/rewarded"}
    regions = p.sweep().ddt
    assert regions is not None
    assert [(lo, hi, c) for lo, hi, c in regions] == [
        (*exact(0, 300), ("refuse",)), (*exact(300, 300), ("pay", "refuse")),
        (*exact(300, 10_000), ("pay",))]


def test_every_rule_agrees_with_credal_decide_at_points() -> None:
    data = tv_ball(acts={"f": [0, 1, 2], "g": [1, 1, "1/2"], "h": [2, 0, "3/2"]},
                   sweep={"parameter": "r", "domain": [0, 1]})
    p = cr.parse_problem(data)
    assert p.family is not None and p.family.rules == cr.problem.SWEEP_RULES
    result = p.sweep()
    points = {F(0), F(1)} | {x for rs in result.regions.values() for x, y, _ in rs
                             if x == y and x.is_Rational}
    points |= {F(k, 13) for k in range(1, 13)}
    for t in sorted(Fraction(str(x)) for x in points):
        at = p.family.at(t)
        report = cr.decide(dict(at.acts), at.belief)
        for rule, regions in result.regions.items():
            assert regions.chosen_at(t) == tuple(report.choices[rule]), (rule, t)


def test_acts_may_depend_on_the_parameter(tmp_path: Path) -> None:
    """An act whose payoff is a polynomial in r is analysed as a moving gamble."""
    path = tmp_path / "moving.toml"
    path.write_text(TV_TEXT.replace('g = [1, 1, "1/2"]', 'g = [1, 1, "1 - r"]'))
    result = cr.load_problem(path).sweep()
    ball = lambda r: cr.tv_ball(["1/2", "1/3", "1/6"], r)  # noqa: E731
    for x in (Fraction(0), Fraction(1, 5), Fraction(1, 2), Fraction(1)):
        g = [1, 1, 1 - x]
        assert result.lower["g"](x) == cr.lower_expectation(ball(x), g)
        assert result.upper["g"](x) == cr.upper_expectation(ball(x), g)

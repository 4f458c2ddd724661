"""credal.parametric: known answers (exact), the result objects, bad input."""

from __future__ import annotations

import pickle
from fractions import Fraction as F

import pytest
import sympy

import credal as cr
from credal.errors import EmptySetError, InvalidArgumentError

par = cr.parametric
R = sympy.Rational


def inside(lo: sympy.Expr, hi: sympy.Expr) -> F | None:
    """A rational point of the region (lo, hi), or lo itself when it is a rational point
    region; None for an irrational point region."""
    if lo == hi:
        return F(str(lo)) if lo.is_Rational else None
    mid = sympy.Rational(str(sympy.N((lo + hi) / 2, 30)))
    return F(int(mid.p), int(mid.q))


def tv(e: F) -> cr.CredalSet:
    return cr.tv_ball(["1/2", "1/3", "1/6"], e)


# ------------------------------------------------------------------ known answers
def test_tv_ball_pieces_and_breakpoints() -> None:
    r = par.lower_expectation(tv, [0, 1, 2], domain=(0, 1), symbol="r")
    s = sympy.Symbol("r")
    assert r.pieces == ((0, R(1, 6), R(2, 3) - 2 * s), (R(1, 6), R(1, 2), R(1, 2) - s),
                        (R(1, 2), 1, 0))
    assert r.breakpoints == (R(1, 6), R(1, 2))
    assert r.symbol == s and r.domain == (0, 1)
    assert r(F(1, 4)) == F(1, 4) and isinstance(r(F(1, 4)), F)
    assert r("1/12") == F(1, 2) and r(0) == F(2, 3) and r(1) == 0
    # upper: mass moves onto outcome 2 (worth 2) from outcome 0 (worth 0) first
    u = par.upper_expectation(tv, [0, 1, 2], domain=(0, 1), symbol="r")
    assert u.pieces == ((0, R(1, 2), R(2, 3) + 2 * s), (R(1, 2), R(5, 6), R(7, 6) + s),
                        (R(5, 6), 1, 2))
    for x in (F(0), F(1, 7), F(1, 2), F(2, 3), F(1)):
        assert r(x) == cr.lower_expectation(tv(x), [0, 1, 2])
        assert u(x) == cr.upper_expectation(tv(x), [0, 1, 2])


def test_as_piecewise_and_mapping_gamble() -> None:
    r = par.lower_expectation(tv, {1: 1, 2: 2}, domain=("1/10", "1/3"))
    t = r.symbol
    pw = r.as_piecewise()
    assert pw.subs(t, R(1, 5)) == R(3, 10)
    assert [lo for lo, _, _ in r] == [R(1, 10), R(1, 6)] and len(r) == 2
    assert "PiecewiseValue" in repr(r)


def test_irrational_breakpoint_is_exact() -> None:
    def family(t: F) -> cr.CredalSet:
        return cr.CredalSet.from_bounds([t * t, 0], [1, 1], outcomes=["a", "b"])

    acts = {"x": [1, 0], "y": ["1/2", "1/2"]}
    regions = par.decisions(family, acts, rule="gamma_maximin", domain=(0, 1))
    root = sympy.sqrt(2) / 2
    assert regions == ((0, root, ("y",)), (root, root, ("x", "y")), (root, 1, ("x",)))
    assert regions.breakpoints == (root,) and regions.acts == ("x", "y")
    assert regions.chosen_at(root) == ("x", "y") and regions.chosen_at("0.9") == ("x",)
    r = par.lower_expectation(family, [1, 0], domain=(0, 1))
    assert r(root) == R(1, 2)


def test_cubic_breakpoint_is_a_root_object() -> None:
    def family(t: F) -> cr.CredalSet:
        return cr.CredalSet.from_bounds([t**3 / 2 + t / 4, 0], [1, 1])

    regions = par.decisions(family, {"x": [1, 0], "y": ["1/4", "1/4"]},
                            rule="gamma_maximin", domain=(0, 1))
    (b,) = regions.breakpoints
    assert sympy.simplify(b**3 / 2 + b / 4 - R(1, 4)) == 0 and 0 < b < 1
    assert regions.chosen_at(b) == ("x", "y")


def test_contamination_switch_every_rule() -> None:
    def family(e: F) -> cr.CredalSet:
        return cr.contamination(["1/2", "1/2"], e)

    acts = {"safe": [1, 1], "bet": [0, 3]}
    third = R(1, 3)
    expected = {
        "gamma_maximin": ((0, third, ("bet",)), (third, third, ("safe", "bet")),
                          (third, 1, ("safe",))),
        "gamma_maximax": ((0, 1, ("bet",)),),
        "hurwicz": ((0, 1, ("bet",)),),
        "interval_dominance": ((0, third, ("bet",)), (third, third, ("safe", "bet")),
                               (third, 1, ("safe", "bet"))),
        "maximality": ((0, third, ("bet",)), (third, third, ("safe", "bet")),
                       (third, 1, ("safe", "bet"))),
        "e_admissibility": ((0, third, ("bet",)), (third, third, ("safe", "bet")),
                            (third, 1, ("safe", "bet"))),
        "minimax_regret": ((0, 1, ("bet",)),),
    }
    for rule, want in expected.items():
        got = par.decisions(family, acts, rule=rule, domain=(0, 1), symbol="e")
        assert got == want, rule
        assert got.rule == rule
        for lo, hi, chosen in got:  # the pointwise rule agrees
            x = F(str(lo)) if lo == hi else (F(str(lo)) + F(str(hi))) / 2
            assert tuple(getattr(cr, rule)(acts, family(x))) == chosen, (rule, x)


def test_hurwicz_alpha_moves_the_switch() -> None:
    def family(e: F) -> cr.CredalSet:
        return cr.contamination(["1/2", "1/2"], e)

    acts = {"safe": [1, 1], "bet": [0, 3]}
    # alpha = 1 is Γ-maximin; alpha = 3/4: 3/2 - 3e/4 against 1 switches at e = 2/3
    got = par.decisions(family, acts, rule="hurwicz", alpha="3/4", domain=(0, 1))
    assert got.breakpoints == (R(2, 3),)
    assert got.chosen_at(F(9, 10)) == ("safe",)


def test_ddt_mugging_threshold() -> None:
    heads, tails = "heads", "tails"
    world = [(heads, "rewarded"), (heads, "not"), (tails, "pays"), (tails, "refuses")]
    utility = {world[0]: 10_000, world[2]: -100}
    on_heads = {"pay": world[0], "refuse": world[1]}
    on_tails = {"pay": world[2], "refuse": world[3]}

    def omega(h: F) -> dict[str, cr.CredalSet]:
        def point(pi: str, p: F) -> dict[tuple[str, str], F]:
            d = dict.fromkeys(world, F(0))
            d[on_heads[pi]], d[on_tails[pi]] = p, 1 - p
            return d
        return {pi: cr.CredalSet.from_vertices([point(pi, h), point(pi, F(1))],
                                               outcomes=world) for pi in on_heads}

    regions = par.ddt(lambda h: cr.DDTProblem.from_counterfactuals(omega(h), utility),
                      domain=(0, 1), symbol="h")
    b = R(1, 101)
    assert regions == ((0, b, ("refuse",)), (b, b, ("pay", "refuse")), (b, 1, ("pay",)))
    assert regions.rule == "ddt"


def test_empty_part_of_the_domain_is_named() -> None:
    with pytest.raises(EmptySetError, match=r"for t in \(1/2, 1\]"):
        par.lower_expectation(lambda t: cr.CredalSet.from_bounds([t, t], [1, 1]), [1, 0],
                              domain=(0, 1))


def test_constraint_rows_that_depend_on_the_parameter() -> None:
    """A lower prevision whose gamble moves: the value is a rational function."""
    def family(t: F) -> cr.CredalSet:
        return cr.CredalSet.from_lower_previsions([([t + 1, 0], "1/2")], outcomes=["a", "b"])

    r = par.lower_expectation(family, [1, 0], domain=(0, 1))
    for x in (F(0), F(1, 3), F(1, 2), F(9, 10), F(1)):
        assert r(x) == cr.lower_expectation(family(x), [1, 0]) == 1 / (2 + 2 * x)
    t = r.symbol
    ((lo, hi, e),) = r.pieces
    assert (lo, hi) == (0, 1) and sympy.simplify(e - 1 / (2 * t + 2)) == 0


def test_vertex_family_and_progress() -> None:
    calls: list[tuple[str, int, int]] = []

    def family(t: F) -> cr.CredalSet:
        return cr.CredalSet.from_vertices([[1 - t, t, 0], [0, 1 - t, t]])

    r = par.lower_expectation(family, [3, 1, 2], domain=(0, 1),
                              progress=lambda *a: calls.append(a))
    for x in (F(0), F(1, 4), F(1, 2), F(3, 4), F(1)):
        assert r(x) == cr.lower_expectation(family(x), [3, 1, 2])
    assert calls and all(stage == "bases" for stage, _, _ in calls)


def test_constant_family() -> None:
    r = par.lower_expectation(lambda t: cr.vacuous(3), [1, 2, 3], domain=(0, 1))
    assert r.pieces == ((0, 1, 1),) and r.breakpoints == ()


def test_results_are_immutable_and_pickle() -> None:
    r = par.lower_expectation(tv, [0, 1, 2], domain=(0, 1))
    with pytest.raises(AttributeError):
        r.pieces = ()  # type: ignore[misc]
    regions = par.decisions(tv, {"a": [0, 1, 2], "b": [1, 1, 1]}, domain=(0, 1))
    with pytest.raises(AttributeError):
        regions.rule = "x"
    back = pickle.loads(pickle.dumps(regions))
    assert back == regions and back.acts == regions.acts and back.rule == regions.rule


# ------------------------------------------------------------------ bad input
def test_bad_input_names_the_problem() -> None:
    f = [0, 1, 2]
    with pytest.raises(InvalidArgumentError, match="domain .* is reversed"):
        par.lower_expectation(tv, f, domain=(1, 0))
    with pytest.raises(InvalidArgumentError, match="domain .* is empty"):
        par.lower_expectation(tv, f, domain=(1, 1))
    with pytest.raises(InvalidArgumentError, match="exact numbers"):
        par.lower_expectation(tv, f, domain=(0, 0.5))
    with pytest.raises(InvalidArgumentError, match="pair"):
        par.lower_expectation(tv, f, domain=1)
    with pytest.raises(InvalidArgumentError, match="family must be a callable"):
        par.lower_expectation(tv(F(1, 3)), f, domain=(0, 1))
    with pytest.raises(InvalidArgumentError, match="family must return a CredalSet"):
        par.lower_expectation(lambda t: t, f, domain=(0, 1))
    with pytest.raises(InvalidArgumentError, match="float credal set"):
        par.lower_expectation(lambda t: cr.tv_ball([0.5, 0.5], float(t) / 2), [0, 1],
                              domain=(0, 1))
    with pytest.raises(InvalidArgumentError, match="f has float entries"):
        par.lower_expectation(tv, [0, 0.5, 1], domain=(0, 1))
    with pytest.raises(InvalidArgumentError, match="not polynomial"):
        par.lower_expectation(lambda t: cr.contamination(["1/2", "1/2"], 1 / (1 + t)),
                              [1, 0], domain=(0, 1))
    with pytest.raises(InvalidArgumentError, match="not polynomial"):  # piecewise
        par.lower_expectation(lambda t: cr.contamination(["1/2", "1/2"], min(t, F(1, 2))),
                              [1, 0], domain=(0, 1))
    with pytest.raises(InvalidArgumentError, match=r"family\(.*\) raised .*epsilon"):
        par.lower_expectation(lambda t: cr.contamination(["1/2", "1/2"], t), [1, 0],
                              domain=(0, 2))
    with pytest.raises(InvalidArgumentError, match="changes its outcomes"):
        par.lower_expectation(lambda t: cr.vacuous(["a", "b"] if t < F(1, 2) else
                                                   ["a", "c"]), [0, 1], domain=(0, 1))
    with pytest.raises(InvalidArgumentError, match="symbol"):
        par.lower_expectation(tv, f, domain=(0, 1), symbol="2x")
    with pytest.raises(InvalidArgumentError, match="max_degree"):
        par.lower_expectation(tv, f, domain=(0, 1), max_degree=-1)
    with pytest.raises(InvalidArgumentError, match="progress"):
        par.lower_expectation(tv, f, domain=(0, 1), progress=3)  # type: ignore[arg-type]
    with pytest.raises(InvalidArgumentError, match="rule must be one of"):
        par.decisions(tv, {"a": f}, rule="best", domain=(0, 1))
    with pytest.raises(InvalidArgumentError, match="non-empty mapping"):
        par.decisions(tv, {}, domain=(0, 1))
    with pytest.raises(InvalidArgumentError, match="takes no option beta"):
        par.decisions(tv, {"a": f}, rule="maximality", beta=1, domain=(0, 1))
    with pytest.raises(InvalidArgumentError, match="alpha must be"):
        par.decisions(tv, {"a": f}, rule="hurwicz", alpha=2, domain=(0, 1))
    with pytest.raises(InvalidArgumentError, match="family must return a DDTProblem"):
        par.ddt(tv, domain=(0, 1))
    r = par.lower_expectation(tv, f, domain=(0, 1))
    with pytest.raises(InvalidArgumentError, match="outside the domain"):
        r(2)


def test_gambles_may_depend_on_the_parameter() -> None:
    def family(e: F) -> cr.CredalSet:
        return cr.contamination(["1/2", "1/2"], e)

    r = par.lower_expectation(family, lambda t: [t, 1 - t], domain=(0, 1))
    for x in (F(0), F(1, 3), F(1, 2), F(1)):
        assert r(x) == cr.lower_expectation(family(x), [x, 1 - x])
    # bet pays 3 - 2t: its lower expectation (1 - t)(3 - 2t)/2 meets 1 at (5 - sqrt 17)/4
    acts = {"safe": [1, 1], "bet": lambda t: [0, 3 - 2 * t]}
    got = par.decisions(family, acts, rule="gamma_maximin", domain=(0, 1))
    assert got.breakpoints == (R(5, 4) - sympy.sqrt(17) / 4,)
    for rule in par.RULES:
        got = par.decisions(family, acts, rule=rule, domain=(0, 1))
        for lo, hi, chosen in got:
            x = inside(lo, hi)
            if x is None:
                continue
            pointwise = {"safe": [1, 1], "bet": [0, 3 - 2 * x]}
            assert tuple(getattr(cr, rule)(pointwise, family(x))) == chosen, (rule, x)


def test_dependent_equality_rows_are_not_lost_where_they_part() -> None:
    """Rows t·p_a = 0 and (1 - t)·p_a = 0 say the same for t strictly between 0 and 1;
    at t = 0 only the second says it."""
    def family(t: F) -> cr.CredalSet:
        return cr.CredalSet.from_constraints(A_eq=[[t, 0, 0], [1 - t, 0, 0]], b_eq=[0, 0])

    r = par.lower_expectation(family, [-1, 0, 0], domain=(0, 1))
    assert r.pieces == ((0, 1, 0),)
    assert r(0) == cr.lower_expectation(family(F(0)), [-1, 0, 0]) == 0


def test_value_at_an_algebraic_point_is_reduced() -> None:
    def family(t: F) -> cr.CredalSet:
        return cr.CredalSet.from_bounds([t**3 / 2 + t / 2, 0], [1, 1])

    r = par.lower_expectation(family, [1, 0], domain=(0, 1))
    x = sympy.Symbol("x")
    assert r(sympy.CRootOf(x**3 + x - 1, 0)) == R(1, 2)
    assert r(sympy.sqrt(2) / 2) == 3 * sympy.sqrt(2) / 8


def test_large_programs_are_refused_up_front() -> None:
    with pytest.raises(InvalidArgumentError, match=r"2047 rows.*refused above"):
        par.lower_expectation(lambda e: cr.tv_ball([1] + [0] * 10, e), list(range(11)),
                              domain=(0, 1))

"""Known answers and bad input for the decision rules (credal.decisions)."""

from __future__ import annotations

from fractions import Fraction as F

import numpy as np
import pytest

import credal as cr
from credal.errors import InvalidArgumentError

COIN = cr.CredalSet.from_bounds({"H": "0.28"}, {"H": "0.7"}, outcomes=["H", "T"])
ACTS = {"d1": [4, 0], "d2": [0, 4], "d3": [3, 2], "d4": ["1/2", 3],
        "d5": ["2.35", "2.35"], "d6": ["4.1", "-0.3"]}
FLOAT_ACTS = {k: [float(F(x)) for x in v] for k, v in ACTS.items()}

# Troffaes (2007), "Decision making under uncertainty using imprecise probabilities", plus
# E-admissibility {d1, d2, d3} from the same paper
TROFFAES = {
    "gamma_maximin": ["d5"],
    "gamma_maximax": ["d2"],
    "interval_dominance": ["d1", "d2", "d3", "d5", "d6"],
    "maximality": ["d1", "d2", "d3", "d5"],
    "e_admissibility": ["d1", "d2", "d3"],
}


@pytest.mark.parametrize("S", [COIN, cr.CredalSet.from_vertices(COIN.vertices),
                               COIN.to_float()], ids=["intervals", "vertices", "float"])
@pytest.mark.parametrize("float_acts", [False, True], ids=["exact-acts", "float-acts"])
def test_troffaes_example(S: cr.CredalSet, float_acts: bool) -> None:
    acts = FLOAT_ACTS if float_acts else ACTS
    for rule, want in TROFFAES.items():
        assert getattr(cr, rule)(acts, S) == want, rule
    r = cr.decide(acts, S)
    lows = [F(28, 25), F(6, 5), F(57, 25), F(5, 4), F(47, 20), F(233, 250)]
    for name, want in zip(ACTS, lows, strict=True):
        if S.is_exact and not float_acts:
            assert r.lower[name] == want
        else:
            assert abs(r.lower[name] - float(want)) <= 1e-9 * 5


def test_hurwicz_regret_and_mixture_exact() -> None:
    # Hurwicz 1/2: (lower + upper)/2 = d1 49/25, d2 51/25, d3 249/100, d4 71/40,
    # d5 47/20, d6 (233/250 + 139/50)/2 = 464/250 -> d3
    assert cr.hurwicz(ACTS, COIN) == ["d3"]
    assert cr.hurwicz(ACTS, COIN, alpha=1) == cr.gamma_maximin(ACTS, COIN)
    assert cr.hurwicz(ACTS, COIN, alpha=0) == cr.gamma_maximax(ACTS, COIN)
    # regret of d5 = max over e of upper E(f_e - f_d5); the largest is e = d2 or d1 ...
    r = cr.decide(ACTS, COIN)
    assert r.regret["d5"] == max(cr.upper_expectation(COIN, np.array(
        [F(x) for x in ACTS[e]], dtype=object) - np.array([F(x) for x in ACTS["d5"]],
                                                           dtype=object)) for e in ACTS)
    assert cr.minimax_regret(ACTS, COIN) == ["d5"]
    # randomized maximin: 1/5 d2 + 4/5 d3 pays 12/5 on both outcomes
    weights, value = cr.randomized_maximin(ACTS, COIN)
    assert value == F(12, 5)
    assert weights == {"d1": 0, "d2": F(1, 5), "d3": F(4, 5), "d4": 0, "d5": 0, "d6": 0}
    assert value >= max(r.lower.values())


def test_decide_explains_each_verdict() -> None:
    r = cr.decide(ACTS, COIN)
    assert r.choices["maximality"] == TROFFAES["maximality"]
    # d4 is beaten by d5 by lower E(f_d5 - f_d4) = 1/20; d6 by d1 by 1/50
    assert r.beaten_by == {"d4": ("d5", F(1, 20)), "d6": ("d1", F(1, 50))}
    for d, (e, margin) in r.beaten_by.items():
        diff = np.array([F(a) - F(b) for a, b in zip(ACTS[e], ACTS[d], strict=True)],
                        dtype=object)
        assert cr.lower_expectation(COIN, diff) == margin > 0
    # the E-admissible acts come with a distribution under which they are optimal
    for d, p in r.bayes_witness.items():
        assert COIN.contains(p)
        pay = {e: sum(F(x) * q for x, q in zip(f, p, strict=True)) for e, f in ACTS.items()}
        assert pay[d] == max(pay.values())
    # d5 is maximal but no distribution makes it optimal: its best margin is -1/20
    assert r.bayes_shortfall == {"d5": F(-1, 20)}
    assert "d5" in r.table() and "maximality" in r.table()


def test_randomized_maximin_h_form_matches_v_form() -> None:
    S = cr.CredalSet.from_lower_previsions([([1, 2, 0, 3], 1), ([0, 1, 1, 0], "1/3")])
    V = cr.CredalSet.from_vertices(S.vertices)
    acts = {"a": [3, 0, 1, 0], "b": [0, 2, 0, 3], "c": [1, 1, 1, 1], "d": [0, 0, 4, 0]}
    w1, v1 = cr.randomized_maximin(acts, S)
    w2, v2 = cr.randomized_maximin(acts, V)
    assert v1 == v2 and isinstance(v1, F)
    assert v1 >= max(cr.lower_expectation(S, f) for f in acts.values())
    mixed = sum(w1[k] * np.array(f, dtype=object) for k, f in acts.items())
    assert cr.lower_expectation(S, mixed) == v1 and sum(w1.values()) == 1
    w3, v3 = cr.randomized_maximin(acts, S.to_float())
    assert abs(v3 - float(v1)) <= 1e-8
    assert cr.e_admissibility(acts, S) == cr.e_admissibility(acts, V)
    assert cr.maximality(acts, S) == cr.maximality(acts, V)


def test_ellsberg_bets() -> None:
    urn = cr.CredalSet.from_constraints(A_eq=[[1, 0, 0]], b_eq=["1/3"], outcomes=list("RBY"))
    bets = {"R": {"R": 1}, "B": {"B": 1}}
    assert cr.gamma_maximin(bets, urn) == ["R"]
    assert cr.maximality(bets, urn) == ["R", "B"]  # incomparable
    assert cr.e_admissibility(bets, urn) == ["R", "B"]
    bets2 = {"R or Y": {"R": 1, "Y": 1}, "B or Y": {"B": 1, "Y": 1}}
    assert cr.gamma_maximin(bets2, urn) == ["B or Y"]


def test_ties_are_all_returned() -> None:
    S = cr.vacuous(2)
    acts = {"a": [1, 0], "b": [0, 1], "c": ["1/2", "1/2"]}
    assert cr.gamma_maximin(acts, S) == ["c"]
    assert cr.gamma_maximax(acts, S) == ["a", "b"]
    assert cr.maximality(acts, S) == ["a", "b", "c"]
    assert cr.e_admissibility(acts, S) == ["a", "b", "c"]  # c is optimal at p = (1/2, 1/2)
    f = {"a": [0.1 + 0.2, 0.0], "b": [0.3, 0.0]}  # equal up to rounding
    assert cr.gamma_maximin(f, S.to_float()) == ["a", "b"]
    big = {"a": [1e6 + 1e-7, 0.0], "b": [1e6, 0.0]}  # ties scale with the payoffs
    assert cr.gamma_maximax(big, S.to_float()) == ["a", "b"]
    assert cr.gamma_maximax(big, S.to_float(), atol=1e-15) == ["a"]
    assert cr.e_admissibility({"only": [1, 2]}, S) == ["only"]
    assert cr.randomized_maximin({"only": [1, 2]}, S) == ({"only": 1}, 1)


@pytest.mark.parametrize("acts, words", [
    ({}, "at least one act"),
    ([[1, 0]], "mapping name -> gamble"),
    ({"a": [1, 0, 0]}, "shape"),
    ({"a": {"Z": 1}}, "not an outcome"),
    ({"a": [float("nan"), 0]}, "finite"),
])
def test_bad_acts(acts: object, words: str) -> None:
    for rule in (cr.gamma_maximin, cr.maximality, cr.e_admissibility, cr.randomized_maximin,
                 cr.decide):
        with pytest.raises(InvalidArgumentError, match=words):
            rule(acts, COIN)  # type: ignore[arg-type]


@pytest.mark.parametrize("alpha", ["3/2", -0.1, "x", [1]])
def test_bad_alpha(alpha: object) -> None:
    with pytest.raises(InvalidArgumentError, match="alpha"):
        cr.hurwicz(ACTS, COIN, alpha=alpha)


def test_bad_set_and_atol() -> None:
    with pytest.raises(InvalidArgumentError, match="CredalSet"):
        cr.maximality(ACTS, [[1, 0]])  # type: ignore[arg-type]
    with pytest.raises(InvalidArgumentError, match="atol"):
        cr.maximality(ACTS, COIN, atol=-1)


@pytest.mark.parametrize("big", [2.56e11, 1e15])
def test_randomized_maximin_with_huge_float_payoffs(big: float) -> None:
    """Found by the problem-file fuzz test: payoffs near 1e11 made HiGHS call the mixture LP
    unbounded (a SolverError). Scaling the payoffs to unit size first is exact for the
    weights, and the pure act that wins in every distribution gets all the weight."""
    S = COIN.to_float()
    weights, value = cr.randomized_maximin({"d1": [4.0, 0.0], "d2": [0.0, big]}, S)
    assert weights == {"d1": 0.0, "d2": 1.0}
    assert abs(value - cr.lower_expectation(S, [0.0, big])) <= 1e-9 * big
    H = cr.CredalSet.from_constraints(A_ub=[[1.0, -3.0]], b_ub=[0.0])  # H-form path
    weights, value = cr.randomized_maximin({"d1": [4.0, 0.0], "d2": [0.0, big]}, H)
    assert abs(weights["d2"] - 1.0) <= 1e-9


# -- hurwicz's alpha is keyword-only; the positional form is deprecated ------------------
def test_hurwicz_alpha_is_keyword_only_and_positional_alpha_warns() -> None:
    with pytest.warns(DeprecationWarning, match="alpha="):
        old = cr.hurwicz(ACTS, COIN, F(1, 5))  # type: ignore[misc]
    assert old == cr.hurwicz(ACTS, COIN, alpha=F(1, 5))
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("error")  # the keyword form does not warn
        assert cr.hurwicz(ACTS, COIN, alpha="1/2") == ["d3"]
    with pytest.raises(TypeError, match="multiple values"):
        cr.hurwicz(ACTS, COIN, F(1, 5), alpha=F(1, 5))  # type: ignore[misc]
    with pytest.raises(TypeError, match="positional"):
        cr.hurwicz(ACTS, COIN, F(1, 5), 1e-9)  # type: ignore[misc]


def test_hurwicz_signature_shows_alpha_keyword_only() -> None:
    import inspect

    params = inspect.signature(cr.hurwicz).parameters
    assert params["alpha"].kind is inspect.Parameter.KEYWORD_ONLY
    assert params["alpha"].default == F(1, 2)
    assert params["backend"].kind is inspect.Parameter.KEYWORD_ONLY


# -- backend= wherever an LP is solved ----------------------------------------------------
#: An H-form set (its lower expectations and the E-admissibility and mixture LPs go
#: through an LP backend): p(H) in [0.28, 0.7] written as two rows.
H_COIN = cr.CredalSet.from_constraints(A_ub=[[-1, 0], [1, 0]], b_ub=["-0.28", "0.7"],
                                       outcomes=["H", "T"])
RULES = ["gamma_maximin", "gamma_maximax", "hurwicz", "interval_dominance", "maximality",
         "e_admissibility", "minimax_regret"]


@pytest.mark.parametrize("S, acts, backend", [
    (H_COIN, ACTS, "exact"), (COIN, ACTS, "exact"),
    (H_COIN.to_float(), FLOAT_ACTS, "highs"), (H_COIN.to_float(), FLOAT_ACTS, "exact"),
    (COIN.to_float(), FLOAT_ACTS, "highs"),
], ids=["hform-exact", "intervals-exact", "hform-highs", "float-exact", "intervals-highs"])
def test_a_named_backend_gives_the_default_answers(S: cr.CredalSet, acts: dict,
                                                   backend: str) -> None:
    for rule in RULES:
        fn = getattr(cr, rule)
        assert fn(acts, S, backend=backend) == fn(acts, S), rule
    assert cr.e_admissibility(acts, S, backend=backend) == TROFFAES["e_admissibility"]
    w, v = cr.randomized_maximin(acts, S, backend=backend)
    w0, v0 = cr.randomized_maximin(acts, S)
    r, r0 = cr.decide(acts, S, backend=backend), cr.decide(acts, S)
    assert r.choices == r0.choices
    if S.is_exact:
        assert (w, v) == (w0, v0) and r.lower == r0.lower and r.regret == r0.regret
    else:
        assert abs(v - v0) <= 1e-9 * 4
        assert all(abs(r.lower[d] - r0.lower[d]) <= 1e-9 * 4 for d in acts)


@pytest.mark.parametrize("rule", [*RULES, "randomized_maximin", "decide"])
def test_backend_is_checked(rule: str) -> None:
    fn = getattr(cr, rule)
    with pytest.raises(InvalidArgumentError, match="backend"):
        fn(ACTS, H_COIN, backend="no-such-solver")
    with pytest.raises(InvalidArgumentError, match="solves in floats"):
        fn(ACTS, H_COIN, backend="highs")  # exact problem, float backend
    fn(FLOAT_ACTS, H_COIN, backend="highs")  # a float problem takes it

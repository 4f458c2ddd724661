"""Known answers and bad input for credal.infra."""

from __future__ import annotations

import pickle
from fractions import Fraction as F

import numpy as np
import pytest

import credal as cr
from credal import infra
from credal.errors import InvalidArgumentError

Inf = infra.Infradistribution
S = cr.CredalSet.from_vertices([["1/2", "1/2", 0], [0, "1/2", "1/2"]])
CRISP = Inf.from_credal_set(S)


def test_crisp_agrees_with_lower_expectation() -> None:
    assert CRISP.is_crisp and CRISP.is_normalized and CRISP.is_exact
    for f in ([1, 0, 0], [0, 1, 3], [-2, 5, 1]):
        assert CRISP.expectation(f) == cr.lower_expectation(S, f)
    batch = CRISP.expectation([[1, 0, 0], [0, 0, 1]])
    assert list(batch) == [0, 0] and not batch.flags.writeable
    B = Inf.from_credal_set(cr.tv_ball(["1/3", "1/3", "1/3"], "1/6"))
    assert B.expectation([1, 0, 0]) == F(1, 6)


def test_points_minimal_sorted_and_exact() -> None:
    H = Inf.from_points([([1, 0], "1/2"), ([1, 0], 0), (["1/2", "1/2"], "1/4"),
                         ([2, 2], 0)])
    # (m, 1/2) is above (m, 0); (2, 2) is above (1, 0) + an sa-measure
    pts = [(list(m), b) for m, b in H.points]
    assert pts == [([F(1, 2), F(1, 2)], F(1, 4)), ([1, 0], 0)]
    with pytest.raises(ValueError):
        H.points[0][0][0] = 5
    assert pickle.loads(pickle.dumps(H)).points[0][1] == F(1, 4)
    Hf = Inf.from_points([([1.0, 0.0], 0.0), ([0.5, 0.5], 0.25)])
    assert not Hf.is_exact and abs(Hf.expectation([0.0, 1.0]) - 0.0) <= 1e-12
    M = Inf.from_points([({"a": 1}, 0)])
    assert M.outcomes == ("a",)


def test_normalize() -> None:
    H = Inf.from_points([([2, 0], 1), ([0, 2], 1)])
    assert not H.is_normalized
    N = H.normalize()
    assert N.is_normalized and N.expectation([1, 1]) == 1 and N.expectation([0, 0]) == 0
    assert N.expectation([1, 0]) == 0 and N.expectation(["1/2", "1/2"]) == F(1, 2)
    with pytest.raises(InvalidArgumentError, match="cannot be normalised"):
        Inf.from_points([([0, 0], "1/2")]).normalize()


def test_update_is_dynamically_consistent_and_not_crisp() -> None:
    g = [0, 0, F(1, 2)]
    L = [1, 1, 0]
    U = infra.update(CRISP, [0, 1], g)
    assert U.is_normalized and not U.is_crisp
    P = infra.event_probability(CRISP, [0, 1], g)
    assert P == F(3, 4)
    for f in ([1, 0, 0], [0, 1, 0], ["1/3", 1, "1/2"]):
        lf = [F(a) * F(x) + (1 - F(a)) * F(y) for a, x, y in zip(L, f, g, strict=True)]
        off = [(1 - F(a)) * F(y) for a, y in zip(L, g, strict=True)]
        assert CRISP.expectation(lf) == CRISP.expectation(off) + P * U.expectation(f)
    # the likelihood form with L = 1_B is the same update
    V = infra.update(CRISP, likelihood=L, off_event=g)
    assert [(list(m), b) for m, b in V.points] == [(list(m), b) for m, b in U.points]
    # never below the generalized Bayes rule (crisp H, f and g in [0, 1])
    for f in ([1, 0, 0], [0, 1, 0], [1, "1/2", 0]):
        assert U.expectation(f) >= cr.lower_expectation(cr.condition(S, [0, 1]), f)


def test_zero_infra_probability_raises() -> None:
    H = Inf.from_credal_set(cr.precise([0, 0, 1]))
    assert infra.event_probability(H, [0, 1], [0, 0, 0]) == 0
    with pytest.raises(InvalidArgumentError, match="infra-probability"):
        infra.update(H, [0, 1], [0, 0, 0])


def test_pushforward_mixture_products() -> None:
    Y = infra.pushforward(CRISP, lambda x: "low" if x < 2 else "high")
    assert Y.outcomes == ("low", "high")
    assert Y.expectation({"low": 1}) == CRISP.expectation([1, 1, 0])
    A = Inf.from_credal_set(cr.precise([1, 0]))
    B = Inf.from_credal_set(cr.vacuous(2))
    M = infra.mixture([A, B], ["1/4", "3/4"])
    for f in ([1, 0], [0, 1], ["1/2", 1]):
        assert M.expectation(f) == F(1, 4) * A.expectation(f) + F(3, 4) * B.expectation(f)
    K = {0: A, 1: B}
    H = Inf.from_credal_set(cr.CredalSet.from_vertices([["1/2", "1/2"], [1, 0]]))
    P = infra.semidirect_product(H, K)
    f = np.array([[F(1), F(0)], [F(1, 2), F(1)]], dtype=object)  # f(x, y)
    inner = [K[x].expectation(f[x]) for x in (0, 1)]
    assert P.expectation(f.reshape(-1)) == H.expectation(inner)
    Q = infra.product(H, B)
    assert Q.outcomes == ((0, 0), (0, 1), (1, 0), (1, 1))
    assert Q.expectation([1, 1, 0, 0]) == H.expectation([1, 0])


@pytest.mark.parametrize("points, words", [
    ([], "at least one"),
    ([([1, -1], 0)], "negative mass"),
    ([([1, 0], "-1/2")], "negative offset"),
    ([([1, 0], 0), ([1, 0, 0], 0)], "shape"),
    ([([float("nan"), 0], 0)], "finite"),
    ([[1, 0]], "pair"),
    ("nope", "sequence"),
])
def test_from_points_rejects(points: object, words: str) -> None:
    with pytest.raises(InvalidArgumentError, match=words):
        Inf.from_points(points)  # type: ignore[arg-type]


@pytest.mark.parametrize("kwargs, words", [
    ({"event": [0], "likelihood": [1, 0, 0], "off_event": [0, 0, 0]}, "exactly one"),
    ({"off_event": [0, 0, 0]}, "exactly one"),
    ({"likelihood": [2, 0, 0], "off_event": [0, 0, 0]}, r"\[0, 1\]"),
    ({"event": [7], "off_event": [0, 0, 0]}, "not an outcome"),
    ({"event": [0]}, "off_event is required"),
    ({"event": [0], "off_event": [0, 0, 2]}, r"\[0, 1\]"),
    ({"event": [0], "off_event": [0, 0]}, "shape"),
])
def test_update_rejects(kwargs: dict, words: str) -> None:
    with pytest.raises(InvalidArgumentError, match=words):
        infra.update(CRISP, **kwargs)


def test_other_bad_input() -> None:
    with pytest.raises(InvalidArgumentError, match="Infradistribution"):
        infra.update(S, [0], [0, 0, 0])  # type: ignore[arg-type]
    with pytest.raises(InvalidArgumentError, match="sum to 1"):
        infra.mixture([CRISP, CRISP], ["1/2", "1/4"])
    with pytest.raises(InvalidArgumentError, match="missing"):
        infra.semidirect_product(CRISP, {0: CRISP})
    with pytest.raises(InvalidArgumentError, match="CredalSet"):
        Inf.from_credal_set([[1, 0]])  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        Inf()


# -- functions outside [0, 1]: the defining formula, never a pruned point set's minimum ----
def _formula_update(H: Inf, L: list, g: list, f: list) -> F:
    """[E_H(L f + (1 − L) g) − E_H((1 − L) g)] / P^g_H(L), written out."""
    off = [(1 - F(a)) * F(y) for a, y in zip(L, g, strict=True)]
    lf = [F(a) * F(x) + o for a, x, o in zip(L, f, off, strict=True)]
    top = [F(a) + o for a, o in zip(L, off, strict=True)]
    base = H.expectation(off)
    return (H.expectation(lf) - base) / (H.expectation(top) - base)


def test_update_outside_the_unit_interval_is_the_formula() -> None:
    """Regression: the update pruned the point ((0, 1/2, 0), 1/2) as never minimal on
    [0, 1]-valued functions, and f = (2, 0, 0) then got 1 instead of the formula's 1/2."""
    U = infra.update(CRISP, [0, 1], [0, 0, 1])
    assert U.expectation([2, 0, 0]) == F(1, 2)
    assert len(U.points) == 1 and U.is_crisp  # on [0, 1]^n it is the credal set {(1/2, 1/2, 0)}
    for f in ([2, 0, 0], [-1, 0, 0], [3, -2, 7], ["1/2", "1/4", 0]):
        assert U.expectation(f) == _formula_update(CRISP, [1, 1, 0], [0, 0, 1], f)
    batch = U.expectation([[2, 0, 0], [1, 0, 0], [-1, 0, 5]])
    assert list(batch) == [F(1, 2), F(1, 2), _formula_update(CRISP, [1, 1, 0], [0, 0, 1],
                                                              [-1, 0, 5])]
    # floats agree with the same formula, and a second update composes
    Uf = infra.update(Inf.from_credal_set(S.to_float()), [0, 1], [0.0, 0.0, 1.0])
    assert abs(Uf.expectation([2.0, 0.0, 0.0]) - 0.5) <= 1e-12
    V = infra.update(U, [0], [0, 1, 0])
    want = _formula_update(U, [1, 0, 0], [0, 1, 0], [5, 0, 0])
    assert V.expectation([5, 0, 0]) == want


def test_mixture_pushforward_normalize_outside_the_unit_interval() -> None:
    """Regression: mixture and pushforward pruned points on [0, 1]-valued functions only,
    so functions outside [0, 1] got a larger value than their formulas."""
    A = Inf.from_points([(["1/2", 1], "1/2"), ([1, 1], "1/4")])
    B = Inf.from_points([([0, 1], 0), (["3/4", "1/4"], "1/2")])
    M = infra.mixture([A, B], ["1/2", "1/2"])
    f = ["3/4", "7/4"]
    assert M.expectation(f) == (A.expectation(f) + B.expectation(f)) / 2 == F(33, 16)
    C = Inf.from_points([([0, 1, 0], 0), ([1, 0, 1], 0)])
    P = infra.pushforward(C, {0: 0, 1: 1, 2: 1})
    assert len(P.points) == 1  # ((1, 1), 0) is ((0, 1), 0) plus an a-measure
    assert P.expectation([-1, 0]) == C.expectation([-1, 0, 0]) == -1
    N = infra.update(CRISP, [0, 1], [0, 0, 1]).normalize()
    assert N.expectation([2, 0, 0]) == F(1, 2)


def test_semidirect_product_outside_the_unit_interval() -> None:
    """A kernel whose expectations leave [0, 1] (E_K(1) = 2) feeds the head values outside
    [0, 1]: the product is the nested formula, and its points reproduce it on [0, 1]."""
    U = infra.update(CRISP, [0, 1], [0, 0, 1])
    K = Inf.from_points([([2], 0)])
    P = infra.semidirect_product(U, {0: K, 1: K, 2: K})
    assert P.expectation([1, 0, 0]) == U.expectation([2, 0, 0]) == F(1, 2)
    for f in ([1, 0, 0], [0, 1, "1/2"], ["1/4", 1, 1]):
        by_points = min(sum(F(a) * F(x) for a, x in zip(m, f, strict=True)) + b
                        for m, b in P.points)
        assert by_points == P.expectation(f)


# -- semidirect products: nested expectations, points on demand, a budget ---------------
def test_semidirect_product_builds_points_only_when_asked() -> None:
    """Regression: the 6-point TV balls composed over 3 outcomes wrote out and pruned all
    1,296 points before the first expectation (minutes); now nothing is built until
    ``points`` is read, and crisp factors need no pruning."""
    T = Inf.from_credal_set(cr.tv_ball(["1/3", "1/3", "1/3"], "1/6"))
    P = infra.semidirect_product(T, {x: T for x in T.outcomes})
    assert "not built" in repr(P)
    f = [1, 0, 0, 0, 1, 0, 0, 0, 1]
    assert P.expectation(f) == T.expectation([T.expectation(f[3 * x:3 * x + 3])
                                              for x in range(3)]) == F(1, 6)
    assert P.is_normalized and "not built" in repr(P)
    U = infra.update(P, [(0, 0), (0, 1)], [0, 0, 0, 1, 1, 1, 1, 1, 1])
    assert "not built" in repr(U) and U.is_normalized
    assert len(P.points) == 6 ** 4 and P.is_crisp
    assert min(sum(F(a) * F(x) for a, x in zip(m, f, strict=True)) for m, _ in P.points) \
        == F(1, 6)


def test_semidirect_product_budget() -> None:
    uniform = Inf.from_credal_set(cr.precise(["1/4"] * 4))
    unknown = Inf.from_credal_set(cr.vacuous(4))
    Q = infra.product(uniform, unknown, max_points=100)
    assert Q.expectation([1] * 16) == 1
    with pytest.raises(InvalidArgumentError, match=r"256 points, more than max_points = 100"):
        Q.points  # noqa: B018 - the property builds the points
    with pytest.raises(InvalidArgumentError, match="max_points"):
        infra.update(Q, [(0, y) for y in range(4)], [0] * 16).is_crisp  # noqa: B018
    assert len(infra.product(uniform, unknown, max_points=256).points) == 256
    for bad in (0, -1, 1.5, True, "10"):
        with pytest.raises(InvalidArgumentError, match="max_points"):
            infra.semidirect_product(uniform, {x: unknown for x in range(4)},
                                     max_points=bad)  # type: ignore[arg-type]


def test_lazy_products_pickle() -> None:
    fair = Inf.from_credal_set(cr.precise(["1/2", "1/2"]))
    P = infra.product(fair, Inf.from_credal_set(cr.vacuous(2)))
    Q = pickle.loads(pickle.dumps(P))
    assert "not built" in repr(Q) and Q.expectation([1, 0, 0, 1]) == 0
    assert [(list(m), b) for m, b in Q.points] == [(list(m), b) for m, b in P.points]


# -- the claims docs/infra.md makes ------------------------------------------------------
def test_zero_offset_update_is_not_the_generalized_bayes_rule() -> None:
    C = cr.CredalSet.from_vertices([["1/2", "1/4", "1/4"], ["1/4", "1/4", "1/2"],
                                    ["1/6", "2/3", "1/6"]])
    U = infra.update(Inf.from_credal_set(C), [0, 1], [0, 0, 0])
    assert U.expectation([1, 0, 0]) == F(1, 3)
    assert cr.lower_expectation(cr.condition(C, [0, 1]), [1, 0, 0]) == F(1, 5)
    # the g = 0 update of a credal set is E̲(L f) / E̲(L)
    assert U.expectation([1, 0, 0]) == (cr.lower_expectation(C, [1, 0, 0])
                                        / cr.lower_probability(C, [0, 1]))


def test_infra_product_is_not_the_strong_product() -> None:
    fair, vac = cr.precise(["1/2", "1/2"]), cr.vacuous(2)
    P = infra.product(Inf.from_credal_set(fair), Inf.from_credal_set(vac))
    assert P.expectation([1, 0, 0, 1]) == 0
    assert cr.lower_expectation(cr.product(fair, vac), [1, 0, 0, 1]) == F(1, 2)


@pytest.mark.parametrize("exact", [True, False])
def test_repr_of_a_given_infradistribution_rebuilds_it(exact: bool) -> None:
    from credal.infra import Infradistribution  # noqa: F401  (the repr's own name)

    pts = [([1, 0, 0], 0), (["1/2", "1/2", 0], "1/4")] if exact else \
        [([1.0, 0, 0], 0.0), ([0.5, 0.5, 0], 0.25)]
    H = infra.Infradistribution.from_points(pts, outcomes=["a", "b", "c"])
    T = eval(repr(H))
    assert T.is_normalized == H.is_normalized and T.outcomes == H.outcomes
    for f in ([1, 0, 0], [0, 1, 1], ["1/3", 2, -1]):
        assert T.expectation(f) == H.expectation(f)
    made = infra.update(H, ["a", "b"], [0, 0, 1])
    assert repr(made).startswith("<Infradistribution over 3 outcomes") and "operation" in \
        repr(made)


def test_mixture_weights_beyond_the_float_range_are_refused_not_overflowed() -> None:
    H = infra.Infradistribution.from_credal_set(cr.vacuous(2))
    with pytest.raises(InvalidArgumentError, match="too large for a float"):
        infra.mixture([H, H], [5e-324, "1e400"])
    with pytest.raises(InvalidArgumentError, match="points"):
        infra.Infradistribution.from_points(np.array(5, dtype=object))  # type: ignore[arg-type]


# -- update's call forms: off_event is required in both --------------------------------
def test_update_call_forms_agree() -> None:
    g = [0, 0, "1/2"]
    forms = [infra.update(CRISP, [0, 1], g), infra.update(CRISP, [0, 1], off_event=g),
             infra.update(CRISP, event=[0, 1], off_event=g),
             infra.update(CRISP, likelihood=[1, 1, 0], off_event=g)]
    f = [1, 0, "1/3"]
    assert len({U.expectation(f) for U in forms}) == 1
    probs = {infra.event_probability(CRISP, [0, 1], g),
             infra.event_probability(CRISP, event=[0, 1], off_event=g),
             infra.event_probability(CRISP, likelihood=[1, 1, 0], off_event=g)}
    assert probs == {F(3, 4)}  # min(1, 3/4) - min(0, 1/4) over the two vertices


@pytest.mark.parametrize("call", [
    lambda: infra.update(CRISP, [0, 1]),  # type: ignore[call-overload]
    lambda: infra.update(CRISP, likelihood=[1, 1, 0]),  # type: ignore[call-overload]
    lambda: infra.event_probability(CRISP, [0, 1]),  # type: ignore[call-overload]
    lambda: infra.event_probability(CRISP, likelihood=[1, 1, 0]),  # type: ignore[call-overload]
], ids=["update/event", "update/likelihood", "probability/event", "probability/likelihood"])
def test_missing_off_event_says_what_to_pass(call: object) -> None:
    with pytest.raises(InvalidArgumentError, match="off_event is required") as info:
        call()  # type: ignore[operator]
    assert "update(H, event, off_event)" in str(info.value)


def test_pickles_holding_a_bool_for_the_arithmetic_still_load() -> None:
    from credal.infra import _restore

    H = Inf.from_points([([1, 0], 0), (["1/2", 0], "1/4")])
    M = np.array([[F(1), F(0)]], dtype=object)
    old = _restore(H.outcomes, True, (M, np.array([F(0)], dtype=object)))
    assert old.is_exact and old.expectation([1, 1]) == F(1)
    assert not _restore(H.outcomes, False, None, lambda: (np.ones((1, 2)), np.zeros(1))
                        ).is_exact
    assert pickle.loads(pickle.dumps(H)).expectation([1, 1]) == H.expectation([1, 1])

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

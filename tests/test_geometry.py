"""Known answers and bad input for the TV geometry (credal.geometry)."""

from __future__ import annotations

from fractions import Fraction as F

import numpy as np
import pytest

import credal as cr
from credal.errors import InvalidArgumentError


def test_tv_distance_exact_float_and_mappings() -> None:
    assert cr.tv_distance(["1/2", "1/2", 0], ["1/4", "1/4", "1/2"]) == F(1, 2)
    assert cr.tv_distance([1, 0], [1, 0]) == 0
    d = cr.tv_distance([0.5, 0.5, 0.0], [0.25, 0.25, 0.5])
    assert isinstance(d, float) and abs(d - 0.5) <= 1e-15
    assert cr.tv_distance({"a": "1/3", "b": "2/3"}, {"b": 1, "a": 0}) == F(1, 3)
    assert cr.tv_distance({"a": "1/3", "b": "2/3"}, [0, 1]) == F(1, 3)


@pytest.mark.parametrize("p, q, words", [
    ([1, 0], [1, 0, 0], "same length"),
    ([1, 0], ["1/2", "1/4"], "sums to 3/4"),
    ([2, -1], [1, 0], "negative"),
    ({"a": 1}, {"b": 1}, "not an outcome"),
])
def test_tv_distance_rejects(p: object, q: object, words: str) -> None:
    with pytest.raises(InvalidArgumentError, match=words):
        cr.tv_distance(p, q)


SEGMENT = cr.CredalSet.from_vertices([[1, 0, 0], [0, 1, 0]])
HALF = cr.CredalSet.from_bounds([0, 0, "1/2"], [1, 1, 1])  # p_2 >= 1/2


@pytest.mark.parametrize("S", [SEGMENT, HALF, cr.tv_ball([0, 0, 1], "1/2")],
                         ids=["vertices", "constraints", "tv_ball"])
def test_distance_to_set_known_answers(S: cr.CredalSet) -> None:
    p = ["1/2", 0, "1/2"]
    want = {"vertices": F(1, 2), "constraints": F(0), "tv_ball": F(0)}[S.form]
    assert cr.distance_to_set(p, S) == want
    q = [1, 0, 0]
    want_q = {"vertices": F(0), "constraints": F(1, 2), "tv_ball": F(1, 2)}[S.form]
    assert cr.distance_to_set(q, S) == want_q
    batch = cr.distance_to_set([p, q], S)
    assert list(batch) == [want, want_q]
    with pytest.raises(ValueError):
        batch[0] = 1  # read-only result
    fl = cr.distance_to_set(np.array([[0.5, 0, 0.5], [1, 0, 0]]), S)
    assert fl.dtype == np.float64
    assert np.abs(fl - [float(want), float(want_q)]).max() <= 1e-9


def test_distance_to_set_float_batch_matches_single_calls() -> None:
    S = cr.CredalSet.from_lower_previsions([([1, 2, 0, 3], "1"), ([0, 1, 1, 0], "1/3")])
    P = np.random.default_rng(5).dirichlet(np.ones(4), size=30)
    batch = cr.distance_to_set(P, S)
    singles = [cr.distance_to_set(p, S.to_float()) for p in P]
    assert np.abs(batch - singles).max() <= 1e-9
    points = cr.CredalSet.from_vertices(P).to_exact().vertices[:5]
    exact = [cr.distance_to_set(p, S) for p in points]
    assert all(isinstance(v, F) for v in exact)


def test_tv_projection_is_a_nearest_point_in_the_set() -> None:
    for S in (SEGMENT, HALF, cr.tv_ball(["1/3", "1/3", "1/3"], "1/6")):
        for p in (["1/2", 0, "1/2"], [1, 0, 0], [0, 0, 1]):
            r = cr.tv_projection(p, S)
            assert S.contains(r.point)
            assert cr.tv_distance(p, r.point) == r.distance == cr.distance_to_set(p, S)
            assert not r.point.flags.writeable
    r = cr.tv_projection([0.5, 0.0, 0.5], SEGMENT)
    assert abs(r.distance - 0.5) <= 1e-9 and abs(r.point[2]) <= 1e-9


def test_tv_ball_distance_is_the_distance_to_the_centre_minus_the_radius() -> None:
    B = cr.tv_ball(["1/2", "1/2", 0, 0], "1/8")
    p = [0, 0, "1/2", "1/2"]
    assert cr.distance_to_set(p, B) == 1 - F(1, 8)
    r = cr.tv_projection(p, B)
    assert cr.tv_distance(r.point, ["1/2", "1/2", 0, 0]) == F(1, 8)


@pytest.mark.parametrize("p, words", [
    ([1, 0], "shape"),
    ([[1, 0, 0]] * 2 + [[1, 0]], "rectangular"),
    (["1/2", "1/2", "1/2"], "sums to 3/2"),
    ({"x": 1}, "not an outcome"),
])
def test_distance_to_set_rejects(p: object, words: str) -> None:
    with pytest.raises(InvalidArgumentError, match=words):
        cr.distance_to_set(p, SEGMENT)


def test_distance_to_set_rejects_float_backend_for_exact_input() -> None:
    with pytest.raises(InvalidArgumentError, match="exact"):
        cr.distance_to_set([1, 0, 0], HALF, backend="highs")
    with pytest.raises(InvalidArgumentError, match="unknown|backend"):
        cr.distance_to_set([1, 0, 0], HALF, backend="nope")
    assert cr.distance_to_set([1.0, 0, 0], HALF, backend="cvxpy") == pytest.approx(0.5, abs=1e-6)


def test_tv_projection_rejects_a_batch() -> None:
    with pytest.raises(InvalidArgumentError, match="distance_to_set"):
        cr.tv_projection([[1, 0, 0], [0, 1, 0]], SEGMENT)


def test_hausdorff_known_answers() -> None:
    assert cr.hausdorff_distance(SEGMENT, cr.vacuous(3)) == 1
    assert cr.hausdorff_distance(SEGMENT, SEGMENT) == 0
    B = cr.tv_ball(["1/3", "1/3", "1/3"], "1/6")
    assert cr.hausdorff_distance(B, cr.precise(["1/3", "1/3", "1/3"])) == F(1, 6)
    assert cr.hausdorff_distance(HALF, cr.precise([0, 0, 1])) == F(1, 2)
    # the same set in two forms
    assert cr.hausdorff_distance(HALF, cr.CredalSet.from_vertices(HALF.vertices)) == 0
    d = cr.hausdorff_distance(HALF.to_float(), SEGMENT)
    assert isinstance(d, float) and abs(d - 1.0) <= 1e-9


def test_hausdorff_needs_more_than_events_for_three_outcomes() -> None:
    # Events (0/1 gambles) do not suffice for n >= 3. Two segments whose lower
    # expectations differ by at most 1/4 on every event but by 3/8 on f = (1/2, 0, 1).
    S = cr.CredalSet.from_vertices([[0, 0, 1], ["1/4", "1/2", "1/4"]])
    T = cr.CredalSet.from_vertices([[0, "1/4", "3/4"], ["1/2", 0, "1/2"]])
    assert cr.hausdorff_distance(S, T) == F(3, 8)

    def gap(f: list[F]) -> F:
        return abs(cr.lower_expectation(S, f) - cr.lower_expectation(T, f))

    events = [[F(int(b)) for b in f"{k:03b}"] for k in range(8)]
    assert max(gap(f) for f in events) == F(1, 4)
    assert gap([F(1, 2), F(0), F(1)]) == F(3, 8)
    grid = [[F(a, 4), F(b, 4), F(c, 4)] for a in range(5) for b in range(5) for c in range(5)]
    assert max(gap(f) for f in grid) == F(3, 8)  # the support-function identity


def test_diameter_known_answers() -> None:
    assert cr.diameter(cr.vacuous(3)) == 1
    assert cr.diameter(cr.precise(["1/3", "2/3"])) == 0
    assert cr.diameter(cr.tv_ball(["1/2", "1/2", 0], "1/4")) == F(1, 2)
    assert cr.diameter(SEGMENT) == 1
    d = cr.diameter(cr.tv_ball([0.25, 0.25, 0.25, 0.25], 0.125))
    assert isinstance(d, float) and abs(d - 0.25) <= 1e-12


def test_geometry_rejects_non_sets_and_mismatched_outcomes() -> None:
    with pytest.raises(InvalidArgumentError, match="CredalSet"):
        cr.hausdorff_distance(SEGMENT, [[1, 0, 0]])  # type: ignore[arg-type]
    with pytest.raises(InvalidArgumentError, match="same outcomes"):
        cr.hausdorff_distance(SEGMENT, cr.vacuous(["a", "b", "c"]))
    with pytest.raises(InvalidArgumentError, match="CredalSet"):
        cr.diameter("S")  # type: ignore[arg-type]

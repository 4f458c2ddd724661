"""S.vertices / S.enumerate_vertices through the public API: exact sets give exactly the
vertices of the exact double description (certified Qhull vertices from 4 outcomes on),
float sets agree with them within the tolerance, and the budget and progress work."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import credal as cr
from credal._core.arith import EXACT
from credal._polyhedra.vertex_enumeration import enumerate_vertices


def lower_previsions(n: int, m: int, seed: int) -> cr.CredalSet:
    rng = np.random.default_rng(seed)
    G = rng.integers(0, 10, size=(m, n))
    p0 = rng.integers(1, 10, size=n)
    p = [Fraction(int(v), int(p0.sum())) for v in p0]
    c = [sum(int(g) * q for g, q in zip(row, p, strict=True)) - Fraction(1, 20) for row in G]
    return cr.CredalSet.from_lower_previsions(list(zip(G.tolist(), c, strict=True)))


def double_description(S: cr.CredalSet) -> set[tuple[Fraction, ...]]:
    h = S.representation.own_constraints()
    V = enumerate_vertices(h.A_ub, h.b_ub, h.A_eq, h.b_eq, h.lower, h.upper, ar=EXACT)
    return {tuple(r) for r in V}


@settings(max_examples=25)
@given(n=st.integers(2, 7), m=st.integers(1, 9), seed=st.integers(0, 2**32 - 1))
def test_exact_vertices_are_the_exact_double_description(n: int, m: int, seed: int) -> None:
    S = lower_previsions(n, m, seed)
    V = S.vertices
    assert all(isinstance(v, Fraction) for v in V.ravel())
    assert {tuple(r) for r in V} == double_description(S)
    F = S.to_float().vertices  # the float path: the same points within the tolerance
    assert F.shape == V.shape
    assert np.abs(F - V.astype(float)).max() <= 1e-9


def test_a_larger_exact_set() -> None:
    S = lower_previsions(10, 20, 1)
    V = S.enumerate_vertices()
    assert V.shape[0] > 1000
    assert {tuple(r) for r in V} == double_description(S)


def test_budget_and_progress() -> None:
    S = lower_previsions(8, 10, 3)
    k = len(double_description(S))
    calls: list[tuple[str, int, int]] = []
    with pytest.raises(cr.TooManyVerticesError) as info:
        lower_previsions(8, 10, 3).enumerate_vertices(max_vertices=k - 1)
    assert info.value.limit == k - 1 and info.value.count >= k
    V = S.enumerate_vertices(max_vertices=k, progress=lambda *a: calls.append(a))
    assert V.shape[0] == k
    assert calls and {c[0] for c in calls} <= {"vertices", "certify"}
    assert S.vertices_known  # cached: asking again with a budget checks the count only
    with pytest.raises(cr.TooManyVerticesError):
        S.enumerate_vertices(max_vertices=k - 1)


def test_a_progress_callback_can_stop_the_enumeration() -> None:
    class Stop(Exception):
        pass

    def stop(stage: str, done: int, total: int) -> None:
        raise Stop

    S = lower_previsions(8, 10, 4)
    with pytest.raises(Stop):
        S.enumerate_vertices(progress=stop)
    assert not S.vertices_known


def cut_simplex(n: int, seed: int) -> cr.CredalSet:
    rng = np.random.default_rng(seed)
    A = rng.integers(-9, 10, size=(2, n))
    centre = [Fraction(1, n)] * n
    b = [sum(int(a) * c for a, c in zip(row, centre, strict=True)) + Fraction(1, 10)
         for row in A]
    return cr.CredalSet.from_constraints(A.tolist(), b)


def test_hausdorff_between_h_form_sets_exact_float_and_through_points() -> None:
    """Between two H-form sets: the exact distance, the float one within the tolerance,
    and the same as between their vertex sets (V-form, no enumeration)."""
    S, T = cut_simplex(7, 1), cut_simplex(7, 2)
    d = cr.hausdorff_distance(S, T)
    assert isinstance(d, Fraction)
    assert d == cr.hausdorff_distance(cr.CredalSet.from_vertices(S.vertices),
                                      cr.CredalSet.from_vertices(T.vertices))
    assert abs(cr.hausdorff_distance(S.to_float(), T.to_float()) - float(d)) <= 1e-9
    r = cr.solve_hausdorff(S.to_float(), T.to_float())
    assert abs(r.distance - float(d)) <= 1e-9


def test_hausdorff_budget_and_progress() -> None:
    S, T = cut_simplex(8, 3).to_float(), cut_simplex(8, 4).to_float()
    k = S.vertices.shape[0] + T.vertices.shape[0]
    seen: list[tuple[str, int, int]] = []
    cr.hausdorff_distance(cut_simplex(8, 3).to_float(), cut_simplex(8, 4).to_float(),
                          progress=lambda *a: seen.append(a))
    distances = [c for c in seen if c[0] == "distances"]
    assert distances and distances[-1][1:] == (k, k)
    assert any(c[0] == "vertices" for c in seen)
    small = min(S.vertices.shape[0], T.vertices.shape[0]) - 1
    for fn in (cr.hausdorff_distance, cr.solve_hausdorff):
        with pytest.raises(cr.TooManyVerticesError):
            fn(cut_simplex(8, 3).to_float(), cut_simplex(8, 4).to_float(), max_vertices=small)

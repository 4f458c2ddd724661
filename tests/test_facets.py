"""Tests for credal._facets: V-form to H-form (facets_of_points) and H-form redundancy
removal (irredundant_constraints), exact and float."""

from __future__ import annotations

import itertools
from fractions import Fraction as F

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings

from credal import CredalSet
from credal._core.arith import EXACT, FLOAT, arithmetic_of
from credal._polyhedra.facets import facets_of_points, irredundant_constraints
from credal._polyhedra.points import minimal_points
from credal._polyhedra.vertex_enumeration import enumerate_vertices
from credal.errors import EmptySetError, InvalidArgumentError
from credal.strategies import credal_sets

# ----------------------------------------------------------------------------------------
# helpers
# ----------------------------------------------------------------------------------------


def obj(values, shape=None) -> np.ndarray:
    """Object array of Fractions from (nested) lists; ``shape`` for empty ones."""
    arr = np.asarray(values, dtype=object)
    if shape is not None:
        arr = arr.reshape(shape)
    out = np.empty(arr.shape, dtype=object)
    out.reshape(-1)[:] = [F(v) for v in arr.ravel()]
    return out


def fl(values) -> np.ndarray:
    return np.asarray(obj(values), dtype=np.float64)


def simplex_vertices(A_ub, b_ub, A_eq, b_eq, n, exact=True) -> set[tuple]:
    """Vertices of {p in simplex : A_ub p <= b_ub, A_eq p == b_eq}, as a set of tuples."""
    zero = obj([0] * n) if exact else np.zeros(n)
    one = obj([1] * n) if exact else np.ones(n)
    V = enumerate_vertices(A_ub, b_ub, A_eq, b_eq, zero, one, ar=arithmetic_of(exact))
    return set(map(tuple, V.tolist()))


def hull_vertices(points) -> set[tuple]:
    return set(map(tuple, minimal_points(points, EXACT).tolist()))


def exact_rank(rows) -> int:
    """Rank in exact arithmetic (sympy, an independent reference)."""
    import sympy

    rows = [[sympy.Rational(F(x).numerator, F(x).denominator) for x in r] for r in rows]
    return sympy.Matrix(rows).rank() if rows else 0


def strs(A, b):
    """Rows as strings, for readable exact comparisons."""
    return [([str(x) for x in row], str(r)) for row, r in zip(A, b, strict=True)]


def random_points(rng, n: int) -> np.ndarray:
    """An exact point set: generic, sparse (on faces), low-dimensional, or with duplicates."""
    kind = int(rng.integers(0, 4))
    k = int(rng.integers(1, 8))
    if kind == 2:  # convex combinations of a few base points: a low-dimensional hull
        b = int(rng.integers(1, 4))
        B = rng.integers(0, 5, size=(b, n))
        B[:, 0] += 1
        base = [[F(int(x), int(r.sum())) for x in r] for r in B]
        C = rng.integers(0, 4, size=(k, b))
        C[:, 0] += 1
        pts = [[sum(F(int(c[j]), int(c.sum())) * base[j][i] for j in range(b))
                for i in range(n)] for c in C]
        return obj(pts + pts[:1])
    W = rng.integers(0, 6 if kind == 0 else 4, size=(k, n))
    if kind == 1:
        W = W * (rng.random((k, n)) < 0.5)
    if kind == 3:
        W = np.vstack([W, W[:1]])
    W[W.sum(axis=1) == 0, 0] = 1
    return obj([[F(int(x), int(r.sum())) for x in r] for r in W])


def check_hform(points, A_ub, b_ub, A_eq, b_eq) -> None:
    """The H-form describes exactly conv(points), irredundantly, in the promised shape."""
    n = points.shape[1]
    truth = hull_vertices(points)
    assert simplex_vertices(A_ub, b_ub, A_eq, b_eq, n) == truth
    # no row is redundant: dropping any one of them changes the set
    for i in range(A_ub.shape[0]):
        keep = np.arange(A_ub.shape[0]) != i
        assert simplex_vertices(A_ub[keep], b_ub[keep], A_eq, b_eq, n) != truth
    # no inequality holds with equality everywhere (an equality split in two)
    V = np.array(sorted(truth), dtype=object)
    for a, b in zip(A_ub, b_ub, strict=True):
        assert any(sum(a * v) != b for v in V)
        assert max(abs(x) for x in a) == 1
    # equalities: independent with sum(p) == 1, and as many as the codimension
    dim = exact_rank([list(v) + [1] for v in V]) - 1
    assert A_eq.shape[0] == n - 1 - dim
    assert exact_rank([*A_eq.tolist(), [1] * n]) == A_eq.shape[0] + 1
    for g in A_eq:
        assert max(abs(x) for x in g) == 1
    for arr in (A_ub, b_ub, A_eq, b_eq):
        assert arr.dtype == object and all(type(x) is F for x in arr.ravel())
        assert not arr.flags.writeable


# ----------------------------------------------------------------------------------------
# facets_of_points: known answers
# ----------------------------------------------------------------------------------------


def test_triangle_has_one_facet_besides_the_simplex():
    V = obj([[1, 0, 0], [F(1, 2), F(1, 2), 0], [F(1, 2), 0, F(1, 2)]])
    A, b, Ae, be = facets_of_points(V, EXACT)
    assert strs(A, b) == [(["-1", "0", "0"], "-1/2")]  # p_0 >= 1/2
    assert Ae.shape == (0, 3) and be.shape == (0,)


def test_probability_intervals_give_their_bounds():
    V = obj([[F(1, 10), F(1, 5), F(7, 10)], [F(1, 10), F(1, 2), F(2, 5)],
             [F(1, 2), F(1, 5), F(3, 10)], [F(1, 2), F(1, 2), 0]])
    A, b, Ae, be = facets_of_points(V, EXACT)
    assert strs(A, b) == [(["-1", "0", "0"], "-1/10"), (["0", "-1", "0"], "-1/5"),
                          (["0", "1", "0"], "1/2"), (["1", "0", "0"], "1/2")]
    assert Ae.shape == (0, 3)
    Af, bf, Aef, _ = facets_of_points(V.astype(float), FLOAT)
    assert Af.dtype == np.float64 and Aef.shape == (0, 3)
    np.testing.assert_allclose(Af, A.astype(float), atol=1e-12)
    np.testing.assert_allclose(bf, b.astype(float), atol=1e-12)


def test_upper_bound_comes_out_as_a_unit_row():
    V = obj([[F(1, 2), F(1, 2), 0], [F(1, 2), 0, F(1, 2)], [0, 1, 0], [0, 0, 1]])
    A, b, Ae, _ = facets_of_points(V, EXACT)
    assert strs(A, b) == [(["1", "0", "0"], "1/2")]  # p_0 <= 1/2
    assert Ae.shape == (0, 3)


def test_set_on_an_edge():
    V = obj([[1, 0, 0], [F(1, 2), F(1, 2), 0]])
    A, b, Ae, be = facets_of_points(V, EXACT)
    assert strs(A, b) == [(["0", "1", "0"], "1/2")]
    assert strs(Ae, be) == [(["0", "0", "1"], "0")]  # p_2 == 0; p_1 >= 0 stays implicit


def test_single_point_is_pinned_by_equalities():
    A, b, Ae, be = facets_of_points(obj([[F(1, 3)] * 3]), EXACT)
    assert A.shape == (0, 3) and b.shape == (0,)
    assert strs(Ae, be) == [(["0", "0", "1"], "1/3"), (["0", "1", "0"], "1/3")]
    A, b, Ae, be = facets_of_points(obj([[0, 1, 0, 0]]), EXACT)
    assert A.shape == (0, 4)
    assert strs(Ae, be) == [(["0", "0", "0", "1"], "0"), (["0", "0", "1", "0"], "0"),
                            (["0", "1", "0", "0"], "1")]


def test_plane_equality_is_sparse():
    # p_0 == 2 p_1 on the whole hull
    V = obj([[F(2, 3), F(1, 3), 0, 0], [0, 0, 1, 0], [0, 0, 0, 1],
             [F(2, 5), F(1, 5), F(1, 5), F(1, 5)]])
    A, b, Ae, be = facets_of_points(V, EXACT)
    assert A.shape == (0, 4)
    assert strs(Ae, be) == [(["1/2", "-1", "0", "0"], "0")]


@pytest.mark.parametrize("exact", [True, False])
def test_whole_simplex_has_no_rows(exact):
    V = obj([[1, 0, 0], [0, 1, 0], [0, 0, 1], [F(1, 3)] * 3, [0, 1, 0]])
    A, b, Ae, be = facets_of_points(V if exact else V.astype(float), arithmetic_of(exact))
    assert A.shape == (0, 3) and b.shape == (0,) and Ae.shape == (0, 3) and be.shape == (0,)


def test_one_outcome_and_two_outcomes():
    A, b, Ae, be = facets_of_points(obj([[1]]), EXACT)
    assert A.shape == (0, 1) and Ae.shape == (0, 1)
    A, b, Ae, be = facets_of_points(obj([[F(1, 4), F(3, 4)], [F(1, 2), F(1, 2)]]), EXACT)
    assert strs(A, b) == [(["0", "1"], "3/4"), (["1", "0"], "1/2")]
    assert Ae.shape == (0, 2)


def test_redundant_and_repeated_points_change_nothing():
    V = obj([[F(1, 10), F(1, 5), F(7, 10)], [F(1, 10), F(1, 2), F(2, 5)],
             [F(1, 2), F(1, 5), F(3, 10)], [F(1, 2), F(1, 2), 0]])
    extra = np.vstack([V[::-1], V[:1], obj([[F(3, 10), F(7, 20), F(7, 20)]]),
                       obj([[F(1, 10), F(7, 20), F(11, 20)]])])  # centre, edge midpoint
    for got, want in zip(facets_of_points(extra, EXACT), facets_of_points(V, EXACT),
                         strict=True):
        assert got.shape == want.shape and (got == want).all()


def test_int_entries_are_accepted_in_exact_mode():
    V = np.array([[1, 0], [0, 1]], dtype=object)
    A, b, Ae, be = facets_of_points(V, EXACT)
    assert A.shape == (0, 2) and Ae.shape == (0, 2)


@pytest.mark.parametrize("bad", [np.empty((0, 3), dtype=object), obj([1, 0, 0]),
                                 obj([[F(1, 2), F(1, 4), 0]]), obj([[F(3, 2), F(-1, 2)]])])
def test_invalid_points(bad):
    with pytest.raises(InvalidArgumentError):
        facets_of_points(bad, EXACT)
    with pytest.raises(InvalidArgumentError):
        facets_of_points(bad.astype(float), FLOAT)


# ----------------------------------------------------------------------------------------
# facets_of_points: round trips
# ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("n", [2, 3, 4, 5])
def test_round_trip_random_exact(n):
    rng = np.random.default_rng(1000 + n)
    for _ in range(25):
        V = random_points(rng, n)
        A, b, Ae, be = facets_of_points(V, EXACT)
        check_hform(V, A, b, Ae, be)
        # the rows depend on the set only: order, repeats and inner points do not matter
        W = np.vstack([V[rng.permutation(V.shape[0])], (V.sum(axis=0) / V.shape[0])[None]])
        for got, want in zip(facets_of_points(W, EXACT), (A, b, Ae, be), strict=True):
            assert got.shape == want.shape and (got == want).all()


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(credal_sets(4, exact=True, form="vertices"))
def test_round_trip_through_credal_sets(S):
    A, b, Ae, be = facets_of_points(S.vertices, EXACT)
    H = CredalSet.from_constraints(A, b, Ae, be, outcomes=S.outcomes)
    assert set(map(tuple, H.vertices.tolist())) == set(map(tuple, S.vertices.tolist()))


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(credal_sets(3, exact=True, form="constraints"))
def test_round_trip_of_constraint_sets(S):
    A, b, Ae, be = facets_of_points(S.vertices, EXACT)
    check_hform(S.vertices, A, b, Ae, be)


@pytest.mark.parametrize("n", [2, 3, 4, 5])
def test_float_agrees_with_exact(n):
    rng = np.random.default_rng(2000 + n)
    for _ in range(20):
        V = random_points(rng, n)
        exact = facets_of_points(V, EXACT)
        approx = facets_of_points(V.astype(float), FLOAT)
        for got, want in zip(approx, exact, strict=True):
            assert got.dtype == np.float64 and not got.flags.writeable
            assert got.shape == want.shape
            np.testing.assert_allclose(got, want.astype(float), atol=1e-9)


@pytest.mark.parametrize("n", [3, 4, 5])
def test_float_generic_points(n):
    rng = np.random.default_rng(3000 + n)
    for _ in range(10):
        V = rng.random((int(rng.integers(n, n + 5)), n)) + 0.05
        V /= V.sum(axis=1, keepdims=True)
        A, b, Ae, be = facets_of_points(V, FLOAT)
        assert Ae.shape == (0, n)
        values = V @ A.T
        assert (values <= b + 1e-12).all()  # every point satisfies every row
        for j in range(A.shape[0]):  # every row is a facet: tight at >= n - 1 points
            tight = V[np.abs(values[:, j] - b[j]) <= 1e-9]
            assert np.linalg.matrix_rank(tight, tol=1e-9) == n - 1
        got = enumerate_vertices(A, b, Ae, be, np.zeros(n), np.ones(n), ar=FLOAT)
        want = minimal_points(V, FLOAT)
        assert got.shape == want.shape
        assert max(np.abs(want - g).max(axis=1).min() for g in got) <= 1e-9


def test_float_tolerance_merges_nearby_points_and_thin_directions():
    V = np.array([[1.0, 0.0, 0.0], [0.5, 0.5, 0.0], [0.5, 0.5 - 1e-12, 1e-12]])
    A, b, Ae, be = facets_of_points(V, FLOAT)
    np.testing.assert_allclose(A, [[0.0, 1.0, 0.0]], atol=1e-9)
    np.testing.assert_allclose(b, [0.5], atol=1e-9)
    np.testing.assert_allclose(Ae, [[0.0, 0.0, 1.0]], atol=1e-9)
    np.testing.assert_allclose(be, [0.0], atol=1e-9)
    A, b, Ae, be = facets_of_points(V, FLOAT, atol=1e-15)  # now the third point counts
    assert Ae.shape == (0, 3) and A.shape[0] >= 1


# ----------------------------------------------------------------------------------------
# irredundant_constraints
# ----------------------------------------------------------------------------------------

NO_ROWS = (obj([], (0, 3)), obj([], (0,)))


def test_redundant_rows_are_removed():
    # p_0 <= 1/4 and p_1 <= 1/4 force p_2 >= 1/2, so p_2 >= 1/3 is redundant; p_0 + p_1 <= 1
    # is implied by the simplex and 2 p_0 <= 1 by p_0 <= 1/4.
    A = obj([[1, 0, 0], [0, 1, 0], [0, 0, -1], [1, 1, 0], [2, 0, 0]])
    b = obj([F(1, 4), F(1, 4), F(-1, 3), 1, 1])
    A2, b2, Ae2, be2 = irredundant_constraints(A, b, *NO_ROWS, None, None, EXACT)
    assert strs(A2, b2) == [(["0", "1", "0"], "1/4"), (["1", "0", "0"], "1/4")]
    assert Ae2.shape == (0, 3) and be2.shape == (0,)
    for arr in (A2, b2, Ae2, be2):
        assert arr.dtype == object and not arr.flags.writeable


def test_repeated_rows_become_one():
    A = obj([[1, 0, 0], [2, 0, 0], [1, 0, 0], [F(1, 2), 0, 0], [1, -1, 0]])
    b = obj([F(1, 2), 1, F(3, 4), F(1, 5), 0])
    A2, b2, _, _ = irredundant_constraints(A, b, *NO_ROWS, None, None, EXACT)
    # the tightest copy of p_0 <= ... is p_0 <= 2/5; p_0 <= p_1 stays
    assert strs(A2, b2) == [(["1", "-1", "0"], "0"), (["1", "0", "0"], "2/5")]


def test_dependent_equalities_are_dropped():
    Ae = obj([[1, 0, 0], [2, 0, 0], [1, 1, 1], [0, 1, -1], [1, 1, -1]])
    be = obj([F(1, 4), F(1, 2), 1, 0, F(1, 4)])
    A2, b2, Ae2, be2 = irredundant_constraints(*NO_ROWS, Ae, be, None, None, EXACT)
    assert A2.shape == (0, 3)
    assert strs(Ae2, be2) == [(["0", "1", "-1"], "0"), (["1", "0", "0"], "1/4")]
    with pytest.raises(EmptySetError):  # 2 p_0 == 1 contradicts p_0 == 1/4
        irredundant_constraints(*NO_ROWS, obj([[1, 0, 0], [2, 0, 0]]), obj([F(1, 4), 1]),
                                None, None, EXACT)
    with pytest.raises(EmptySetError):  # contradicts sum(p) == 1
        irredundant_constraints(*NO_ROWS, obj([[3, 3, 3]]), obj([2]), None, None, EXACT)


def test_rows_implied_by_equalities_go():
    A = obj([[1, 0, 0], [0, -1, 0]])
    b = obj([F(1, 2), F(-1, 2)])
    Ae, be = obj([[1, 0, 0]]), obj([F(1, 2)])
    A2, b2, Ae2, be2 = irredundant_constraints(A, b, Ae, be, None, None, EXACT)
    assert strs(A2, b2) == [(["0", "-1", "0"], "-1/2")]
    assert strs(Ae2, be2) == [(["1", "0", "0"], "1/2")]


def test_bounds_become_rows_when_they_matter():
    lower = obj([F(1, 10), F(1, 5), 0])
    upper = obj([F(9, 10), F(1, 2), 1])  # p_0 <= 9/10 is implied by p_1 >= 1/5
    A2, b2, Ae2, _ = irredundant_constraints(*NO_ROWS, *NO_ROWS, lower, upper, EXACT)
    assert strs(A2, b2) == [(["-1", "0", "0"], "-1/10"), (["0", "-1", "0"], "-1/5"),
                            (["0", "1", "0"], "1/2")]
    assert Ae2.shape == (0, 3)
    # lower == upper: one equality, not two opposite inequalities
    A2, b2, Ae2, be2 = irredundant_constraints(*NO_ROWS, *NO_ROWS, obj([F(1, 3), 0, 0]),
                                               obj([F(1, 3), 1, 1]), EXACT)
    assert A2.shape == (0, 3)
    assert strs(Ae2, be2) == [(["1", "0", "0"], "1/3")]


def test_whole_simplex_and_empty_set():
    A2, b2, Ae2, be2 = irredundant_constraints(obj([[1, 1, 0]]), obj([1]), *NO_ROWS,
                                               obj([0, 0, 0]), obj([1, 1, 1]), EXACT)
    assert A2.shape == (0, 3) and Ae2.shape == (0, 3)
    for exact in (True, False):
        conv = (lambda x: x) if exact else (lambda x: np.asarray(x, dtype=float))
        with pytest.raises(EmptySetError, match="no distribution"):
            irredundant_constraints(conv(obj([[-1, 0, 0], [0, -1, 0]])),
                                    conv(obj([F(-3, 4), F(-1, 2)])),
                                    *(conv(x) for x in NO_ROWS), None, None, arithmetic_of(exact))
        with pytest.raises(EmptySetError):
            irredundant_constraints(conv(obj([[0, 0, 0]])), conv(obj([-1])),
                                    *(conv(x) for x in NO_ROWS), None, None, arithmetic_of(exact))


def test_invalid_shapes():
    with pytest.raises(InvalidArgumentError):
        irredundant_constraints(obj([[1, 0, 0]]), obj([1, 2]), *NO_ROWS, None, None, EXACT)
    with pytest.raises(InvalidArgumentError):
        irredundant_constraints(obj([[1, 0, 0]]), obj([1]), *NO_ROWS, obj([0, 0]), None,
                                EXACT)


def random_hform(rng, n: int):
    """A random exact H-form, usually nonempty: rows through a random distribution with
    some slack, scaled duplicates, equalities through another one, and bounds."""
    w = rng.integers(1, 5, size=n)
    p = [F(int(x), int(w.sum())) for x in w]
    m1, m2 = int(rng.integers(0, 7)), int(rng.integers(0, 3))
    A = obj(rng.integers(-3, 4, size=(m1, n)), (m1, n))
    b = obj([sum(A[i, j] * p[j] for j in range(n)) + F(int(rng.integers(-1, 4)), 4)
             for i in range(m1)], (m1,))
    if m1 and rng.random() < 0.5:
        A, b = np.vstack([A, 2 * A[:1]]), np.concatenate([b, 2 * b[:1]])
    Ae = obj(rng.integers(-2, 3, size=(m2, n)), (m2, n))
    be = obj([sum(Ae[i, j] * p[j] for j in range(n)) for i in range(m2)], (m2,))
    if m2 and rng.random() < 0.5:
        Ae = np.vstack([Ae, 3 * Ae[:1], obj([[1] * n])])
        be = np.concatenate([be, 3 * be[:1], obj([1])])
    lower = obj([F(int(x), 8) if rng.random() < 0.4 else 0 for x in rng.integers(0, 3, n)])
    upper = obj([F(int(x), 8) if rng.random() < 0.4 else 1 for x in rng.integers(4, 9, n)])
    return A, b, Ae, be, lower, upper


@pytest.mark.parametrize("n", [2, 3, 4, 5])
def test_irredundant_random_exact_and_float(n):
    rng = np.random.default_rng(4000 + n)
    nonempty = 0
    for _ in range(30):
        A, b, Ae, be, lower, upper = random_hform(rng, n)
        truth = set(map(tuple, enumerate_vertices(A, b, Ae, be, lower, upper,
                                                  ar=EXACT).tolist()))
        if not truth:
            with pytest.raises(EmptySetError):
                irredundant_constraints(A, b, Ae, be, lower, upper, EXACT)
            continue
        nonempty += 1
        A2, b2, Ae2, be2 = irredundant_constraints(A, b, Ae, be, lower, upper, EXACT)
        assert simplex_vertices(A2, b2, Ae2, be2, n) == truth
        for i in range(A2.shape[0]):
            keep = np.arange(A2.shape[0]) != i
            assert simplex_vertices(A2[keep], b2[keep], Ae2, be2, n) != truth
            assert max(abs(x) for x in A2[i]) == 1
        assert exact_rank([*Ae2.tolist(), [1] * n]) == Ae2.shape[0] + 1
        # float mode finds the same rows
        got = irredundant_constraints(*(x.astype(float) for x in (A, b, Ae, be, lower, upper)),
                                      FLOAT)
        for g, w in zip(got, (A2, b2, Ae2, be2), strict=True):
            assert g.dtype == np.float64 and g.shape == w.shape
            np.testing.assert_allclose(g, w.astype(float), atol=1e-9)
    assert nonempty >= 10


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(credal_sets(4, exact=True, form="constraints"))
def test_irredundant_agrees_with_facets(S):
    h = S.representation.own_constraints()  # the set's rows as given, redundant ones too
    A2, b2, Ae2, be2 = irredundant_constraints(h.A_ub, h.b_ub, h.A_eq, h.b_eq, h.lower,
                                               h.upper, EXACT)
    assert simplex_vertices(A2, b2, Ae2, be2, 4) == set(map(tuple, S.vertices.tolist()))
    # a full-dimensional set has one row per facet, whichever way it is computed
    A, b, Ae, be = facets_of_points(S.vertices, EXACT)
    if Ae.shape[0] == 0 and Ae2.shape[0] == 0:
        assert A2.shape[0] == A.shape[0]


def test_float_near_duplicates_and_tolerance():
    none = np.zeros((0, 3)), np.zeros(0)
    A = np.array([[1.0, 0.0, 0.0], [1.0, 1e-13, 0.0], [0.0, 1.0, 0.0], [1.0, 1.0, 0.0]])
    b = np.array([0.5, 0.5, 0.5, 0.9])
    A2, b2, Ae2, be2 = irredundant_constraints(A, b, *none, None, None, FLOAT)
    assert A2.dtype == np.float64 and not A2.flags.writeable and Ae2.shape == (0, 3)
    np.testing.assert_allclose(A2, [[0, 1, 0], [1, 0, 0], [1, 1, 0]], atol=1e-12)
    np.testing.assert_allclose(b2, [0.5, 0.5, 0.9], atol=1e-12)
    # p_0 + p_1 <= 1 - 1e-12 cuts off a sliver thinner than atol: redundant in float mode,
    # not in exact mode
    b[3] = 1 - 1e-12
    A2, _, _, _ = irredundant_constraints(A, b, *none, None, None, FLOAT)
    np.testing.assert_allclose(A2, [[0, 1, 0], [1, 0, 0]], atol=1e-12)
    A2, _, _, _ = irredundant_constraints(A, b, *none, None, None, FLOAT, atol=1e-14)
    assert A2.shape == (3, 3)
    A2, _, _, _ = irredundant_constraints(obj(A[[0, 2, 3]].tolist()), obj(b[[0, 2, 3]].tolist()),
                                          *NO_ROWS, None, None, EXACT)
    assert A2.shape == (3, 3)


def test_irredundant_then_facets_round_trip():
    """Every facet row of a V-form set is irredundant, and irredundant_constraints keeps
    all of them (the two functions agree on full-dimensional sets)."""
    rng = np.random.default_rng(5)
    for n, _ in itertools.product((3, 4), range(5)):
        V = random_points(rng, n)
        A, b, Ae, be = facets_of_points(V, EXACT)
        A2, b2, Ae2, be2 = irredundant_constraints(A, b, Ae, be, None, None, EXACT)
        assert strs(A2, b2) == strs(A, b)
        assert strs(Ae2, be2) == strs(Ae, be)

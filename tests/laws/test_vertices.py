"""``S.vertices`` is canonical: sorted rows, no duplicates, each a distribution in the set,
none a convex combination of the others."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.optimize import linprog

import credal as cr
from credal.strategies import distributions, gambles

from ._support import (
    BASE,
    EXACTNESS,
    FORMS,
    N_OUTCOMES,
    check_le,
    doc_tol,
    dot,
    draw_set,
    ex,
    unit_gambles,
)


def tolerant_less(a, b, tol: float = 1e-9) -> bool:
    """a < b lexicographically, coordinates within ``tol`` counting as equal."""
    for x, y in zip(a, b, strict=True):
        if abs(x - y) > tol:
            return x < y
    return False  # equal within tol: a duplicate


def distance_to_hull(v: np.ndarray, others: np.ndarray) -> float:
    """An upper bound on min_λ ||others.T λ − v||_∞ over λ in the simplex: the residual,
    recomputed in numpy, of the weights scipy's HiGHS LP finds. A small value is thus a
    certificate that v is (numerically) a convex combination of the others, whatever the
    LP's own tolerances."""
    k, n = others.shape
    # variables: λ (k), t (1); minimise t; -t <= others.T λ - v <= t; sum λ = 1; λ, t >= 0
    c = np.r_[np.zeros(k), 1.0]
    A = others.T
    A_ub = np.block([[A, -np.ones((n, 1))], [-A, -np.ones((n, 1))]])
    b_ub = np.r_[v, -v]
    A_eq = np.r_[np.ones(k), 0.0].reshape(1, -1)
    res = None
    for options in ({"primal_feasibility_tolerance": 1e-10, "dual_feasibility_tolerance": 1e-10},
                    {}):  # HiGHS may refuse the tight tolerances on tiny data; then defaults
        res = linprog(c, A_ub=A_ub, b_ub=b_ub, A_eq=A_eq, b_eq=[1.0], bounds=(0, None),
                      method="highs", options=options)
        if res.status == 0:
            break
    assert res is not None and res.status == 0, f"scipy linprog failed: {res.message}"
    lam = np.clip(res.x[:k], 0.0, None)
    lam = lam / lam.sum()
    return float(np.abs(A @ lam - v).max())


@pytest.mark.parametrize("form", FORMS)
@pytest.mark.parametrize("exact", EXACTNESS)
@settings(BASE, max_examples=ex(40))
@given(data=st.data())
def test_vertices_are_canonical(data, exact, form):
    S = draw_set(data, exact, form)
    n = S.n_outcomes
    V = S.vertices
    assert V.ndim == 2 and V.shape[1] == n and V.shape[0] >= 1
    assert not V.flags.writeable
    rows = [tuple(r) for r in V]
    if exact:
        assert V.dtype == object and all(type(x) is Fraction for r in rows for x in r)
        # strictly increasing in lexicographic order: sorted and without duplicates, exactly
        assert all(a < b for a, b in zip(rows, rows[1:], strict=False)), \
            f"not sorted/unique: {rows}"
        for r in rows:
            assert all(x >= 0 for x in r) and sum(r, Fraction(0)) == 1, f"not a distribution: {r}"
    else:
        assert V.dtype == np.float64
        # lexicographic order where coordinates within 1e-9 tie (the order credal's float
        # vertex enumeration uses), and no two rows equal within 1e-9
        for a, b in zip(rows, rows[1:], strict=False):
            assert tolerant_less(a, b), f"rows out of order or duplicated: {V.tolist()}"
        assert V.min() >= -1e-12 and np.abs(V.sum(axis=1) - 1).max() <= 1e-9, V
    # every row lies in the set: E̲g <= v·g for drawn gambles and ±indicators of outcomes
    tests = [*data.draw(st.lists(gambles(n, exact=exact), min_size=1, max_size=3),
                        label="test gambles"), *unit_gambles(n, exact)]
    lows = cr.lower_expectation(S, np.array(tests, dtype=object if exact else np.float64))
    for g, low in zip(tests, lows, strict=True):
        for v in V:
            check_le(low, dot(v, g, exact), exact, doc_tol(g, g), "vertex in the set")
    # no row is a convex combination of the others (float LP; exact data has distances
    # far above the threshold when the point is extreme)
    Vf = np.asarray(V, dtype=np.float64)
    if Vf.shape[0] >= 2:
        for i in range(Vf.shape[0]):
            d = distance_to_hull(Vf[i], np.delete(Vf, i, axis=0))
            assert d > 1e-10, (f"vertex {i} = {V[i].tolist()} is within {d:g} of the hull of "
                               f"the others: {V.tolist()}")


@pytest.mark.parametrize("form", FORMS)
@pytest.mark.parametrize("exact", EXACTNESS)
@settings(BASE, max_examples=ex(25))
@given(data=st.data())
def test_vertices_are_a_fixed_point(data, exact, form):
    """The hull of S.vertices has the same vertices (canonical form is idempotent)."""
    S = draw_set(data, exact, form)
    V = S.vertices
    W = cr.CredalSet.from_vertices(V, outcomes=S.outcomes).vertices
    assert W.shape == V.shape
    if exact:
        assert all(tuple(a) == tuple(b) for a, b in zip(V, W, strict=True)), (V, W)
    else:
        assert np.abs(np.asarray(V, float) - np.asarray(W, float)).max() <= 1e-9, \
            f"vertices {V.tolist()} became {W.tolist()}"


@pytest.mark.parametrize("exact", EXACTNESS)
@settings(BASE, max_examples=ex(40))
@given(data=st.data())
def test_hull_of_drawn_points_keeps_every_point(data, exact):
    """from_vertices: every given point is in conv(S.vertices), and S.vertices ⊆ the points."""
    n = data.draw(N_OUTCOMES, label="n_outcomes")
    pts = data.draw(st.lists(distributions(n, exact=exact), min_size=1, max_size=6),
                    label="points")
    S = cr.CredalSet.from_vertices(np.array(pts, dtype=object if exact else np.float64))
    V = S.vertices
    if exact:
        given_rows = {tuple(p) for p in pts}
        assert all(tuple(v) in given_rows for v in V), "a vertex that was not given"
    else:
        P = np.array(pts)
        assert all(np.abs(P - v).max(axis=1).min() <= 1e-9 for v in V)
    Vf = np.asarray(V, dtype=np.float64)
    for p in pts:
        d = distance_to_hull(np.asarray(p, dtype=np.float64), Vf)
        # a dropped point is inside within atol (TV distance), plus this LP's own accuracy
        assert d <= doc_tol(1, 1), f"point {p!r} dropped: at distance {d:g} from conv(vertices)"


def exact_rank(rows: list[list[Fraction]]) -> int:
    """Rank of a list of rows of Fractions (Gaussian elimination)."""
    M = [list(r) for r in rows]
    rank, cols = 0, len(M[0]) if M else 0
    for c in range(cols):
        piv = next((i for i in range(rank, len(M)) if M[i][c] != 0), None)
        if piv is None:
            continue
        M[rank], M[piv] = M[piv], M[rank]
        for i in range(len(M)):
            if i != rank and M[i][c] != 0:
                f = M[i][c] / M[rank][c]
                M[i] = [a - f * b for a, b in zip(M[i], M[rank], strict=True)]
        rank += 1
    return rank


@settings(BASE, max_examples=ex(40))
@given(data=st.data())
def test_hform_vertices_are_basic_feasible_points(data):
    """Exact H-form {p in Δ : g_j·p >= c_j}: each vertex satisfies every constraint and the
    constraints tight at it (including p_i >= 0 and Σp = 1) have rank n — the definition of
    a vertex; and every basic feasible point found by brute force is listed."""
    n = data.draw(st.integers(1, 4), label="n_outcomes")
    p = data.draw(distributions(n, exact=True), label="p")
    pairs = []
    for _ in range(data.draw(st.integers(1, 3), label="m")):
        g = data.draw(gambles(n, min_value=-3, max_value=3, exact=True), label="g")
        pairs.append((g, dot(p, g, True) - Fraction(data.draw(st.integers(0, 4)), 4)))
    S = cr.CredalSet.from_lower_previsions(pairs)
    V = S.vertices
    ones = [Fraction(1)] * n
    units = [[Fraction(int(i == j)) for j in range(n)] for i in range(n)]
    for v in V:
        for j, (g, c) in enumerate(pairs):
            assert dot(v, g, True) >= c, f"vertex {v} violates constraint {j}"
        tight = [ones] + [units[i] for i in range(n) if v[i] == 0] + \
            [list(g) for g, c in pairs if dot(v, g, True) == c]
        assert exact_rank(tight) == n, f"{v} is not a vertex: tight constraints of rank < {n}"
    # brute force: every point with n linearly independent tight constraints that is feasible
    from itertools import combinations

    cands = [(ones, Fraction(1))] + [(u, Fraction(0)) for u in units] + \
        [(list(g), c) for g, c in pairs]
    found = set()
    for combo in combinations(range(1, len(cands)), n - 1):
        rows = [cands[0]] + [cands[i] for i in combo]
        sol = _solve_square([r for r, _ in rows], [[b for _, b in rows]])
        if sol is None:
            continue
        x = sol[0]
        if all(xi >= 0 for xi in x) and all(dot(x, g, True) >= c for g, c in pairs):
            found.add(tuple(x))
    assert found == {tuple(v) for v in V}, (sorted(found), V)


@settings(BASE, max_examples=ex(60))
@given(data=st.data())
def test_float_duplicates_are_the_first_of_each_cluster(data: st.DataObject) -> None:
    """The sweep that finds near-duplicate float rows keeps exactly the rows the all-pairs
    rule keeps: row i goes when an earlier kept row is within atol in every coordinate.
    Rows are drawn on a coarse grid plus offsets around the tolerance, so clusters,
    chains and boundary cases all occur."""
    from credal._polyhedra.points import _first_of_near_duplicates

    k = data.draw(st.integers(1, 40), label="rows")
    n = data.draw(st.integers(1, 5), label="n")
    grid = data.draw(st.lists(st.lists(st.integers(0, 2), min_size=n, max_size=n),
                              min_size=k, max_size=k), label="grid")
    offsets = data.draw(st.lists(st.lists(st.sampled_from(
        [0.0, 3e-10, -5e-10, 1e-9, -1e-9, 1.5e-9, 2e-9]), min_size=n, max_size=n),
        min_size=k, max_size=k), label="offsets")
    pts = np.array(grid, dtype=float) / 3 + np.array(offsets)
    atol = cr.DEFAULT_ATOL
    expected = np.ones(k, dtype=bool)
    for i in range(1, k):
        near = np.abs(pts[:i] - pts[i]).max(axis=1) <= atol
        expected[i] = not (near & expected[:i]).any()
    assert np.array_equal(_first_of_near_duplicates(pts, atol), expected)


def test_diameter_uses_the_given_points() -> None:
    """Redundant points do not change the diameter, and no LP is needed to drop them."""
    S = cr.CredalSet.from_vertices([[1, 0, 0], [0, 1, 0], ["1/2", "1/2", 0], [0, 0, 1],
                                    ["1/3", "1/3", "1/3"]])
    assert cr.diameter(S) == 1
    assert not S.vertices_known


def _solve_square(K: list[list[Fraction]],
                  rhs: list[list[Fraction]]) -> list[list[Fraction]] | None:
    """Solve ``K X = RHS`` exactly (Gauss-Jordan on Fractions); ``None`` if singular. The
    brute-force reference of the vertex test above, independent of the library's solvers.

    ``K`` is k×k (rows), ``rhs`` is a list of right-hand-side columns, each of length k.
    """
    k = len(K)
    aug = [list(K[i]) + [col[i] for col in rhs] for i in range(k)]
    width = k + len(rhs)
    for col in range(k):
        pivot = next((r for r in range(col, k) if aug[r][col] != 0), None)
        if pivot is None:
            return None
        aug[col], aug[pivot] = aug[pivot], aug[col]
        prow = aug[col]
        inv = 1 / prow[col]
        if inv != 1:
            prow = aug[col] = [v * inv for v in prow]
        for r in range(k):
            if r != col:
                factor = aug[r][col]
                if factor != 0:
                    row = aug[r]
                    aug[r] = [row[j] - factor * prow[j] if prow[j] != 0 else row[j]
                              for j in range(width)]
    return [[aug[i][k + j] for i in range(k)] for j in range(len(rhs))]

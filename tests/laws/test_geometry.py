"""The total-variation geometry: d_TV, d(p, C), the TV projection, the Hausdorff
distance and the diameter.

Each law is checked in exact arithmetic (``==`` / ``<=`` exactly) and in float arithmetic
(with an explicit tolerance), over every set form of ``FORMS`` with 1..4 outcomes. The
Hausdorff distance is also checked against two independent brute forces written here:

* :func:`_lp_hausdorff`: one ``scipy.optimize.linprog`` per vertex (float);
* :func:`_support_hausdorff`: the support-function identity
  d_H(C, D) = max_{f ∈ [0,1]ⁿ} |E̲_C f − E̲_D f|, maximised exactly over every vertex of the
  hyperplane arrangement on which f ↦ E̲_C f − E̲_D f is piecewise linear.
"""

from __future__ import annotations

from fractions import Fraction
from itertools import combinations, product

import numpy as np
import pytest
from hypothesis import given, reject, settings
from hypothesis import strategies as st
from scipy.optimize import linprog

import credal as cr
from credal.strategies import distributions

from ._support import (
    BASE,
    EXACTNESS,
    FORMS,
    check_eq,
    check_le,
    check_type,
    doc_tol,
    draw_gamble,
    draw_set,
    ex,
    obj,
)

LE = cr.lower_expectation
N_SMALL = st.integers(1, 4)
#: Tolerance for comparing two float distances, at the documented accuracy: distances lie
#: in [0, 1], so each is within about 1e-9 of the truth.
TOL = doc_tol(1, 1)


def _n(data: st.DataObject, hi: int = 4) -> int:
    return data.draw(st.integers(1, hi), label="n_outcomes")


def _dist(data: st.DataObject, n: int, exact: bool, label: str) -> np.ndarray:
    return data.draw(distributions(n, exact=exact), label=label)


def _tv(p, q, exact: bool):
    """½ Σ |p_i − q_i|, computed here (exactly, or in float)."""
    if exact:
        return sum((abs(Fraction(a) - Fraction(b)) for a, b in zip(p, q, strict=True)),
                   Fraction(0)) / 2
    return 0.5 * float(np.abs(np.asarray(p, float) - np.asarray(q, float)).sum())


def _vmin(V, f, exact: bool):
    """min over the rows v of V of v·f (the lower expectation of a V-form set)."""
    if exact:
        return min(sum((Fraction(a) * Fraction(b) for a, b in zip(v, f, strict=True)),
                       Fraction(0)) for v in V)
    return float(np.min(np.asarray(V, float) @ np.asarray(f, float)))


def _lp_point_to_hull(p, V) -> float:
    """min over q ∈ conv(rows of V) of d_TV(p, q), by linprog: variables λ ∈ Δ, t ≥ p − Vᵀλ,
    t ≥ 0; d_TV = Σ t (both p and q sum to 1)."""
    V = np.asarray(V, float)
    p = np.asarray(p, float)
    k, n = V.shape
    c = np.r_[np.zeros(k), np.ones(n)]
    A_ub = np.c_[-V.T, -np.eye(n)]
    A_eq = np.r_[np.ones(k), np.zeros(n)][None]
    res = linprog(c, A_ub=A_ub, b_ub=-p, A_eq=A_eq, b_eq=[1.0],
                  bounds=[(0, None)] * (k + n), method="highs",
                  options={"primal_feasibility_tolerance": 1e-10,  # scipy's default: 1e-7
                           "dual_feasibility_tolerance": 1e-10})
    assert res.status == 0, res.message
    return float(res.fun)


def _lp_hausdorff(VC, VD) -> float:
    return max(max(_lp_point_to_hull(v, VD) for v in VC),
               max(_lp_point_to_hull(w, VC) for w in VD))


def _solve(rows, rhs):
    """Exact Gauss-Jordan; None when singular."""
    n = len(rows)
    M = [list(r) + [b] for r, b in zip(rows, rhs, strict=True)]
    for c in range(n):
        piv = next((r for r in range(c, n) if M[r][c] != 0), None)
        if piv is None:
            return None
        M[c], M[piv] = M[piv], M[c]
        for r in range(n):
            if r != c and M[r][c] != 0:
                k = M[r][c] / M[c][c]
                M[r] = [a - k * b for a, b in zip(M[r], M[c], strict=True)]
    return tuple(M[i][n] / M[i][i] for i in range(n))


def _arrangement_points(VC, VD, n: int) -> set[tuple[Fraction, ...]]:
    """Every point of [0,1]ⁿ where n independent hyperplanes among f_i = 0, f_i = 1,
    (v − v')·f = 0 (v, v' vertices of the same set) meet. f ↦ E̲_C f − E̲_D f is linear on
    each cell of that arrangement, so its maximum over the cube is at one of these points."""
    planes: set[tuple[tuple[Fraction, ...], Fraction]] = set()
    for i in range(n):
        e = tuple(Fraction(int(i == j)) for j in range(n))
        planes.add((e, Fraction(0)))
        planes.add((e, Fraction(1)))
    for V in (VC, VD):
        for a, b in combinations(V, 2):
            d = tuple(Fraction(x) - Fraction(y) for x, y in zip(a, b, strict=True))
            s = next(x for x in d if x != 0)
            planes.add((tuple(x / s for x in d), Fraction(0)))
    out = set()
    for combo in combinations(sorted(planes), n):
        sol = _solve([pl[0] for pl in combo], [pl[1] for pl in combo])
        if sol is not None and all(0 <= x <= 1 for x in sol):
            out.add(sol)
    return out


def _support_hausdorff(VC, VD, n: int) -> Fraction:
    """max_{f ∈ [0,1]ⁿ} |E̲_C f − E̲_D f|, exactly (V-forms of exact sets)."""
    return max(abs(_vmin(VC, f, True) - _vmin(VD, f, True))
               for f in _arrangement_points(VC, VD, n))


def _grid(n: int, k: int, exact: bool):
    vals = [Fraction(i, k) for i in range(k + 1)]
    for f in product(vals, repeat=n):
        yield obj(f) if exact else np.array(f, dtype=float)


# --------------------------------------------------------------------------------------
# 1. d_TV is a metric bounded by 1
# --------------------------------------------------------------------------------------
@pytest.mark.parametrize("exact", EXACTNESS)
@settings(BASE, max_examples=ex(30))
@given(data=st.data())
def test_tv_distance_is_a_metric(data, exact):
    """d(p,p) = 0; symmetry; triangle inequality; 0 <= d <= 1; d(p,q) = ½Σ|p−q|;
    exactly: d(p,q) = 0 iff p = q."""
    n = _n(data)
    p, q, r = (_dist(data, n, exact, lab) for lab in "pqr")
    d = cr.tv_distance
    pq, qr, pr = d(p, q), d(q, r), d(p, r)
    check_type(pq, exact)
    check_eq(d(p, p), 0, exact, TOL, "d(p, p) = 0")
    check_eq(pq, d(q, p), exact, TOL, "d(p, q) = d(q, p)")
    check_le(pr, pq + qr, exact, TOL, "d(p, r) <= d(p, q) + d(q, r)")
    check_le(0, pq, exact, TOL, "0 <= d")
    check_le(pq, 1, exact, TOL, "d <= 1")
    check_eq(pq, _tv(p, q, exact), exact, TOL, "d(p, q) = ½Σ|p − q|")
    if exact:
        assert (pq == 0) == all(a == b for a, b in zip(p, q, strict=True))


def test_tv_distance_known_values():
    F = Fraction
    assert cr.tv_distance([1, 0], [0, 1]) == 1
    assert cr.tv_distance(["1/2", "1/2", 0], [0, "1/2", "1/2"]) == F(1, 2)
    assert cr.tv_distance([F(1, 3)] * 3, [1, 0, 0]) == F(2, 3)
    assert type(cr.tv_distance([1, 0], [0, 1])) is Fraction
    got = cr.tv_distance([0.25, 0.75], [0.5, 0.5])
    assert isinstance(got, float) and abs(got - 0.25) <= 1e-15


# --------------------------------------------------------------------------------------
# 2. The Hausdorff distance is a metric on the sets
# --------------------------------------------------------------------------------------
@pytest.mark.parametrize("exact", EXACTNESS)
@pytest.mark.parametrize("form", FORMS)
@settings(BASE, max_examples=ex(12))
@given(data=st.data())
def test_hausdorff_is_a_metric(data, exact, form):
    """d_H(S, S) = 0; symmetry; triangle inequality over three sets; 0 <= d_H <= 1;
    d_H(S, V-form copy of S) = 0; exactly: d_H(S, T) = 0 iff S.equals(T)."""
    n = _n(data)
    S, T, U = (draw_set(data, exact, form, n) for _ in range(3))
    dH = cr.hausdorff_distance
    st_, tu, su = dH(S, T), dH(T, U), dH(S, U)
    check_type(st_, exact)
    check_eq(dH(S, S), 0, exact, TOL, "d_H(S, S) = 0")
    check_eq(dH(S, cr.CredalSet.from_vertices(S.vertices)), 0, exact, TOL,
             "d_H(S, conv(vertices of S)) = 0")
    check_eq(st_, dH(T, S), exact, TOL, "d_H(S, T) = d_H(T, S)")
    check_le(su, st_ + tu, exact, TOL, "d_H(S, U) <= d_H(S, T) + d_H(T, U)")
    check_le(0, st_, exact, TOL, "0 <= d_H")
    check_le(st_, 1, exact, TOL, "d_H <= 1")
    if exact:
        assert (st_ == 0) == S.equals(T), (st_, S.equals(T))
        assert (tu == 0) == T.equals(U), (tu, T.equals(U))


@pytest.mark.parametrize("exact", EXACTNESS)
@pytest.mark.parametrize("form", FORMS)
@settings(BASE, max_examples=ex(12))
@given(data=st.data())
def test_hausdorff_is_the_max_of_vertex_distances(data, exact, form):
    """d_H(S, T) = max(max_v d(v, T), max_w d(w, S)) over the vertices and agrees
    with a float linprog brute force on the vertices."""
    n = _n(data)
    S, T = (draw_set(data, exact, form, n) for _ in range(2))
    got = cr.hausdorff_distance(S, T)
    by_vertices = max(max(cr.distance_to_set(v, T) for v in S.vertices),
                      max(cr.distance_to_set(w, S) for w in T.vertices))
    check_eq(got, by_vertices, exact, TOL, "d_H vs max of vertex distances")
    check_eq(float(got), _lp_hausdorff(S.vertices, T.vertices), False, TOL,
             "d_H vs linprog brute force")


# --------------------------------------------------------------------------------------
# 3. Lower expectations are Lipschitz in d_H
# --------------------------------------------------------------------------------------
@pytest.mark.parametrize("exact", EXACTNESS)
@pytest.mark.parametrize("form", FORMS)
@settings(BASE, max_examples=ex(15))
@given(data=st.data())
def test_lower_expectation_is_lipschitz_in_hausdorff(data, exact, form):
    """|E̲_C f − E̲_D f| <= d_H(C, D)·(max f − min f)."""
    n = _n(data)
    C, D = (draw_set(data, exact, form, n) for _ in range(2))
    dH = cr.hausdorff_distance(C, D)
    for i in range(3):
        f = draw_gamble(data, n, exact, f"f{i}")
        diff = abs(LE(C, f) - LE(D, f))
        check_le(diff, dH * (max(f) - min(f)), exact, doc_tol(f, f, f),
                 "|E̲_C f − E̲_D f| <= d_H (max f − min f)")


# --------------------------------------------------------------------------------------
# 4. Support-function identity
# --------------------------------------------------------------------------------------
@pytest.mark.parametrize("form", FORMS)
@settings(BASE, max_examples=ex(10))
@given(data=st.data())
def test_support_function_identity_exact(data, form):
    """Exact sets, n <= 3: every f on the grid {0, 1/4, ..., 1}ⁿ has |E̲_C f − E̲_D f| <= d_H,
    and d_H equals max_{f ∈ [0,1]ⁿ} |E̲_C f − E̲_D f| computed exactly over the vertices of
    the arrangement where that function is piecewise linear (an independent brute force)."""
    n = _n(data, 3)
    C, D = (draw_set(data, True, form, n) for _ in range(2))
    VC, VD = C.vertices, D.vertices
    if len(VC) + len(VD) > 12:
        reject()  # the arrangement grows fast; keep the brute force cheap
    dH = cr.hausdorff_distance(C, D)
    check_type(dH, True)
    grid = np.array(list(_grid(n, 4, True)), dtype=object)
    for f, lc, ld in zip(grid, LE(C, grid), LE(D, grid), strict=True):
        assert abs(lc - ld) <= dH, (f, lc, ld, dH)
    assert dH == _support_hausdorff(VC, VD, n)


@pytest.mark.parametrize("form", FORMS)
@settings(BASE, max_examples=ex(10))
@given(data=st.data())
def test_support_function_identity_float(data, form):
    """Float sets, n <= 3: grid values of |E̲_C f − E̲_D f| stay below d_H (+tol), and d_H
    agrees with the linprog brute force."""
    n = _n(data, 3)
    C, D = (draw_set(data, False, form, n) for _ in range(2))
    dH = cr.hausdorff_distance(C, D)
    check_type(dH, False)
    grid = np.array(list(_grid(n, 4, False)))
    for f, lc, ld in zip(grid, LE(C, grid), LE(D, grid), strict=True):
        # three computed values: two lower expectations of f and d_H (range 1)
        assert abs(lc - ld) <= dH + doc_tol(f, f, 1), (f, lc, ld, dH)
    # The reference works from the float vertices, which vertex enumeration gives within its
    # own tolerance: on a thin set (a few 1e-9 wide) a vertex moves by that much.
    check_eq(dH, _lp_hausdorff(C.vertices, D.vertices), False, doc_tol(1, 1, factor=2),
             "d_H vs linprog")


def test_events_do_not_suffice_for_three_outcomes():
    """0/1 gambles do not attain d_H when n = 3. With a = (0, 1/3, 2/3) and its
    cyclic shifts b = (1/3, 2/3, 0), c = (2/3, 0, 1/3): C = conv{a, b}, D = conv{a, c} have
    d_H = 1/2 (attained by f = (0, 1, 1/2)) but every event gives at most 1/3."""
    F = Fraction
    a, b, c = [0, F(1, 3), F(2, 3)], [F(1, 3), F(2, 3), 0], [F(2, 3), 0, F(1, 3)]
    C = cr.CredalSet.from_vertices([a, b])
    D = cr.CredalSet.from_vertices([a, c])
    dH = cr.hausdorff_distance(C, D)
    assert dH == F(1, 2)
    # brute force, exactly: the support-function maximum and the vertex distances
    assert _support_hausdorff(C.vertices, D.vertices, 3) == F(1, 2)
    assert cr.distance_to_set(b, D) == F(1, 2)  # b is the farthest point of C from D
    f = [0, 1, F(1, 2)]
    assert LE(C, f) - LE(D, f) == F(1, 2)
    events = [[x for x, m in zip(range(3), mask, strict=True) if m]
              for mask in product([0, 1], repeat=3)]
    best = max(abs(cr.lower_probability(C, A) - cr.lower_probability(D, A)) for A in events)
    assert best == F(1, 3) < dH
    assert abs(_lp_hausdorff(C.vertices, D.vertices) - 0.5) <= 1e-9


@pytest.mark.parametrize("exact", EXACTNESS)
@pytest.mark.parametrize("form", FORMS)
@settings(BASE, max_examples=ex(12))
@given(data=st.data())
def test_solve_hausdorff_witnesses(data, exact, form):
    """solve_hausdorff: its distance is hausdorff_distance; ``point`` lies in the set named
    by ``side`` and ``nearest`` in the other, at TV distance ``distance``; the gamble lies in
    [0, 1]^n and its two lower expectations differ by exactly ``distance``."""
    n = _n(data)
    S, T = draw_set(data, exact, form, n), draw_set(data, exact, form, n)
    r = cr.solve_hausdorff(S, T)
    check_type(r.distance, exact)
    check_eq(r.distance, cr.hausdorff_distance(S, T), exact, TOL, "distance = d_H")
    home, other = (S, T) if r.side == "S" else (T, S)
    assert r.side in ("S", "T")
    assert home.contains(r.point, atol=TOL) and other.contains(r.nearest, atol=TOL)
    check_eq(_tv(r.point, r.nearest, exact), r.distance, exact, TOL, "d_TV(point, nearest)")
    check_le(0, min(r.gamble), exact, TOL, "gamble >= 0")
    check_le(max(r.gamble), 1, exact, TOL, "gamble <= 1")
    gap = abs(LE(S, r.gamble) - LE(T, r.gamble))
    # three float results: two lower expectations (of a gamble in [0, 1]) and the distance
    check_eq(gap, r.distance, exact, doc_tol(1, 1, 1), "|lower E_S g - lower E_T g| = d_H")
    for a in (r.point, r.nearest, r.gamble):
        assert not a.flags.writeable


def test_solve_hausdorff_finds_the_non_event_witness():
    """The pair of test_events_do_not_suffice_for_three_outcomes: the witness is not 0/1."""
    F = Fraction
    a, b, c = [0, F(1, 3), F(2, 3)], [F(1, 3), F(2, 3), 0], [F(2, 3), 0, F(1, 3)]
    C, D = cr.CredalSet.from_vertices([a, b]), cr.CredalSet.from_vertices([a, c])
    r = cr.solve_hausdorff(C, D)
    assert r.distance == F(1, 2)
    assert abs(LE(C, r.gamble) - LE(D, r.gamble)) == F(1, 2)
    assert any(v not in (0, 1) for v in r.gamble)
    # against a TV ball (closed-form distance, so the witness is built separately)
    ball = cr.tv_ball([1, 0, 0], F(1, 4))
    r = cr.solve_hausdorff(ball, cr.vacuous(3))
    assert (r.distance, r.side) == (F(3, 4), "T")
    assert abs(LE(ball, r.gamble) - LE(cr.vacuous(3), r.gamble)) == F(3, 4)


# --------------------------------------------------------------------------------------
# 5. Distance to a set and the TV projection
# --------------------------------------------------------------------------------------
@pytest.mark.parametrize("exact", EXACTNESS)
@pytest.mark.parametrize("form", FORMS)
@settings(BASE, max_examples=ex(15))
@given(data=st.data())
def test_distance_to_set_and_projection(data, exact, form):
    """d(v, S) = 0 for each vertex v of S; d(p, S) = d_TV(p, proj) with proj ∈ S;
    d(p, S) <= d_TV(p, v) for every vertex v; d(p, S) >= p·f − Ē_S f for f on a grid in
    [0,1]ⁿ (LP duality); d(p, S) agrees with linprog; exactly, d(p, S) = 0 iff p ∈ S."""
    n = _n(data)
    S = draw_set(data, exact, form, n)
    p = _dist(data, n, exact, "p")
    V = S.vertices
    for v in V:
        check_eq(cr.distance_to_set(v, S), 0, exact, TOL, "d(v, S) = 0 for a vertex")
    d = cr.distance_to_set(p, S)
    check_type(d, exact)
    proj = cr.tv_projection(p, S)
    check_eq(proj.distance, d, exact, TOL, "projection distance = d(p, S)")
    check_eq(cr.tv_distance(p, proj.point), d, exact, TOL, "d_TV(p, proj) = d(p, S)")
    assert S.contains(proj.point, **({} if exact else {"atol": TOL})), proj.point
    for v in V:
        check_le(d, cr.tv_distance(p, v), exact, TOL, "d(p, S) <= d_TV(p, v)")
    for f in _grid(n, 2, exact):
        lower_bound = sum(a * b for a, b in zip(p, f, strict=True)) - \
            cr.upper_expectation(S, f)
        check_le(lower_bound, d, exact, TOL, "p·f − Ē_S f <= d(p, S)")
    check_eq(float(d), _lp_point_to_hull(p, V), False, TOL, "d(p, S) vs linprog")
    if exact:
        assert (d == 0) == S.contains(p)


@pytest.mark.parametrize("exact", EXACTNESS)
@pytest.mark.parametrize("form", FORMS)
@settings(BASE, max_examples=ex(10))
@given(data=st.data())
def test_distance_to_set_batch_agrees_with_single_calls(data, exact, form):
    """distance_to_set on an (m, n) batch is the (m,) array of single calls."""
    n = _n(data)
    S = draw_set(data, exact, form, n)
    rows = data.draw(st.lists(distributions(n, exact=exact), min_size=1, max_size=4),
                     label="P")
    P = np.array(rows, dtype=object if exact else np.float64)
    got = cr.distance_to_set(P, S)
    assert np.shape(got) == (len(rows),)
    for g, p in zip(got, rows, strict=True):
        check_type(g, exact)
        check_eq(g, cr.distance_to_set(p, S), exact, TOL, "batch vs single")


@pytest.mark.parametrize("exact", EXACTNESS)
@settings(BASE, max_examples=ex(20))
@given(data=st.data())
def test_distance_to_tv_ball(data, exact):
    """d(p, ball(c, r)) = max(d_TV(p, c) − r, 0)."""
    n = _n(data)
    c, p = _dist(data, n, exact, "c"), _dist(data, n, exact, "p")
    k = data.draw(st.integers(0, 12), label="10r")
    r = Fraction(k, 10) if exact else k / 10
    ball = cr.tv_ball(c, r)
    d = cr.distance_to_set(p, ball)
    check_type(d, exact)
    check_eq(d, max(cr.tv_distance(p, c) - r, 0 * r), exact, TOL,
             "d(p, ball) = max(d(p, c) − r, 0)")
    proj = cr.tv_projection(p, ball)
    check_le(cr.tv_distance(proj.point, c), r, exact, TOL, "projection lies in the ball")


# --------------------------------------------------------------------------------------
# 6. Diameter
# --------------------------------------------------------------------------------------
@pytest.mark.parametrize("exact", EXACTNESS)
@pytest.mark.parametrize("form", FORMS)
@settings(BASE, max_examples=ex(15))
@given(data=st.data())
def test_diameter(data, exact, form):
    """diam S = max over vertex pairs of d_TV; for any p: d_H(S, {p}) = max_v d_TV(v, p);
    d_H(S, {v}) <= diam S for a vertex v; diam S <= 2 d_H(S, {p}); diam S <= 1."""
    n = _n(data)
    S = draw_set(data, exact, form, n)
    V = S.vertices
    diam = cr.diameter(S)
    check_type(diam, exact)
    want = max((_tv(v, w, exact) for v in V for w in V), default=0)
    check_eq(diam, want, exact, TOL, "diam = max over vertex pairs")
    check_le(diam, 1, exact, TOL, "diam <= 1")
    p = _dist(data, n, exact, "p")
    dHp = cr.hausdorff_distance(S, cr.precise(p))
    check_eq(dHp, max(_tv(v, p, exact) for v in V), exact, TOL,
             "d_H(S, {p}) = max_v d(v, p)")
    check_le(diam, 2 * dHp, exact, TOL, "diam S <= 2 d_H(S, {p})")
    i = data.draw(st.integers(0, len(V) - 1), label="vertex")
    check_le(cr.hausdorff_distance(S, cr.precise(V[i])), diam, exact, TOL,
             "d_H(S, {v}) <= diam S")


def test_diameter_known_values():
    F = Fraction
    assert cr.diameter(cr.precise([F(1, 3), F(2, 3)])) == 0
    for n in (2, 3, 4):
        assert cr.diameter(cr.vacuous(n)) == 1
    assert cr.diameter(cr.contamination([F(1, 2), F(1, 2)], F(1, 5))) == F(1, 5)
    assert cr.diameter(cr.tv_ball([F(1, 3)] * 3, F(1, 10))) == F(1, 5)
    assert cr.hausdorff_distance(cr.vacuous(3), cr.precise([1, 0, 0])) == 1

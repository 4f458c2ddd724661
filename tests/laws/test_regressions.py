"""Properties that pinned down real failures; each keeps its minimal example as an
``@example`` so the failure is reproduced on every run, not only when hypothesis finds it."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
from hypothesis import assume, example, given, settings
from hypothesis import strategies as st

import credal as cr
from credal.strategies import credal_sets, distributions

from ._support import BASE, N_OUTCOMES, check_eq, check_le, doc_tol, ex


@settings(BASE, max_examples=ex(100))
@example(A=[[0, -1, -1]], b=[0], f=[2, 3, 0])  # float HiGHS: SolverError, status 'error'
@given(
    A=st.integers(2, 4).flatmap(lambda n: st.lists(
        st.lists(st.integers(-1, 1), min_size=n, max_size=n), min_size=1, max_size=2)),
    b=st.lists(st.integers(-1, 1), min_size=2, max_size=2),
    f=st.lists(st.integers(0, 3), min_size=4, max_size=4),
)
def test_float_hform_lp_matches_exact_on_small_integer_data(A, b, f):
    """Small integer H-form sets: the float LP (HiGHS) gives the exact answer, never an
    error. E̲f over {p in Δ : A p <= b} in float equals the exact value."""
    n = len(A[0])
    b, f = b[:len(A)], f[:n]
    try:
        S = cr.CredalSet.from_constraints(A_ub=A, b_ub=b)
    except cr.EmptySetError:
        assume(False)
    exact = cr.lower_expectation(S, f)
    Sf = S.to_float()
    ff = [float(v) for v in f]
    check_eq(cr.lower_expectation(Sf, ff), float(exact), False, doc_tol(ff),
             "float H-form E̲f vs exact")
    check_eq(cr.upper_expectation(Sf, ff), float(cr.upper_expectation(S, f)), False,
             doc_tol(ff), "float H-form Ēf vs exact")


@settings(BASE, max_examples=ex(100))
@example(p=[0.7, 0.2, 0.1])  # sums to 0.9999999999999999 in float
@given(p=N_OUTCOMES.flatmap(lambda n: distributions(n, exact=False)).map(list))
def test_from_bounds_accepts_a_float_distribution_as_bounds(p):
    """lower = upper = p for a float distribution p is the set {p} (precise(p) accepts the
    same p), not an empty set."""
    S = cr.CredalSet.from_bounds(p, p)
    f = np.arange(len(p), dtype=np.float64)
    check_eq(cr.lower_expectation(S, f), float(np.dot(p, f)), False, doc_tol(f),
             "E̲f over from_bounds(p, p) = p·f")


@settings(BASE, max_examples=ex(150))
@given(data=st.data(), n=N_OUTCOMES, exact=st.booleans(),
       form=st.sampled_from(["constraints", "any"]))
def test_strategy_never_builds_an_empty_set(data, n, exact, form):
    """credal.strategies.credal_sets promises nonempty sets built constructively: drawing
    one never raises."""
    S = data.draw(credal_sets(n, exact=exact, form=form), label="S")
    assert S.n_outcomes == n and S.vertices.shape[0] >= 1
    assert all(sum(Fraction(x) for x in v) == 1 for v in S.vertices) if exact else True


@st.composite
def ulp_perturbed_points(draw):
    """Float distributions and a copy with every coordinate moved by at most 2 ulps."""
    n = draw(st.integers(2, 5), label="n_outcomes")
    pts = draw(st.lists(distributions(n, exact=False), min_size=1, max_size=5), label="points")
    moved = []
    for p in pts:
        q = np.array(p, dtype=np.float64)
        for i in range(n):
            for _ in range(draw(st.integers(0, 2))):
                q[i] = np.nextafter(q[i], draw(st.sampled_from([-1.0, 2.0])))
        moved.append(np.clip(q, 0.0, None).tolist())
    return [list(map(float, p)) for p in pts], moved


@settings(BASE, max_examples=ex(100))
@example(pair=([[0.3, 0.5, 0.2], [0.30000000000000004, 0.0, 0.7]],
               [[0.30000000000000004, 0.5, 0.19999999999999996], [0.3, 0.0, 0.7]]))
@given(pair=ulp_perturbed_points())
def test_float_vertex_order_is_stable_under_ulp_noise(pair):
    """The canonical vertex list of a float set does not depend on rounding noise: the
    same hull given with coordinates a couple of ulps apart has the same rows in the same
    order (within 1e-9), as float H-form vertex enumeration already guarantees."""
    pts, moved = pair
    V = cr.CredalSet.from_vertices(pts).vertices
    W = cr.CredalSet.from_vertices(moved).vertices
    assert V.shape == W.shape, (V.tolist(), W.tolist())
    assert np.abs(V - W).max() <= 1e-9, f"{V.tolist()} vs {W.tolist()}"


@settings(BASE, max_examples=ex(100))
@example(center=[0.1, 0.2, 0.7], radius=1.0)  # vertices: only [0, 0, 1]
@example(center=[0.2, 0.0, 0.799999998, 1e-09, 1e-09], radius=0.1)  # SolverError
@given(center=st.integers(2, 5).flatmap(lambda n: distributions(n, exact=False)).map(list),
       radius=st.sampled_from([0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 1.0, 1.5]))
def test_float_tv_ball_vertices_give_its_lower_expectations(center, radius):
    """A float TV ball: min over S.vertices of v·g equals the closed-form E̲g for the
    indicators of single outcomes and their negatives (so no vertex is missing)."""
    S = cr.tv_ball(center, radius)
    V = np.asarray(S.vertices, dtype=np.float64)
    n = len(center)
    for i in range(n):
        for sign in (1.0, -1.0):
            g = sign * np.eye(n)[i]
            check_eq(float((V @ g).min()), cr.lower_expectation(S, g), False, doc_tol(g, g),
                     f"min over vertices vs closed form for {g.tolist()}")


@st.composite
def float_intervals(draw):
    """Float probability intervals around a drawn distribution (which may have tiny
    entries), widths multiples of 1/8."""
    n = draw(st.integers(2, 5), label="n_outcomes")
    p = draw(distributions(n, exact=False), label="p")
    lower = [max(float(p[i]) - draw(st.integers(0, 4)) / 8, 0.0) for i in range(n)]
    upper = [min(float(p[i]) + draw(st.integers(0, 4)) / 8, 1.0) for i in range(n)]
    return lower, upper


@settings(BASE, max_examples=ex(150))
@example(bounds=([0.0, 0.0, 0.0], [0.25, 1e-9, 0.749999999]))  # S.vertices is empty
@given(bounds=float_intervals())
def test_float_interval_vertices_give_its_lower_expectations(bounds):
    """Float from_bounds: S.vertices is nonempty and its minimum of v·g equals the
    closed-form E̲g for the ± indicators of single outcomes."""
    lower, upper = bounds
    try:
        S = cr.CredalSet.from_bounds(lower, upper)
    except cr.EmptySetError:
        assume(False)  # the 1-ulp rejection is test_from_bounds_accepts_a_float_distribution...
    V = np.asarray(S.vertices, dtype=np.float64)
    n = len(lower)
    assert V.shape[0] >= 1, f"no vertices for the nonempty set from_bounds({lower}, {upper})"
    for a in range(V.shape[0]):
        for b in range(a):
            assert np.abs(V[a] - V[b]).max() > 1e-9, f"near-duplicate vertices: {V.tolist()}"
    for i in range(n):
        for sign in (1.0, -1.0):
            g = sign * np.eye(n)[i]
            check_eq(float((V @ g).min()), cr.lower_expectation(S, g), False, doc_tol(g, g),
                     f"min over vertices vs closed form for {g.tolist()}")


_SCALES = [0.0, 1e-11, 3.2e-11, 1.19e-7, 1e-4, 0.5, 1.0, 3.0]


@st.composite
def badly_scaled_previsions(draw):
    """One lower prevision (g, c) on 2..3 outcomes with coefficients of very different
    sizes (as credal.strategies' float gambles produce), satisfied by a drawn p exactly."""
    n = draw(st.integers(2, 3), label="n_outcomes")
    p = [float(x) for x in draw(distributions(n, exact=False), label="p")]
    g = [draw(st.sampled_from(_SCALES)) * draw(st.sampled_from([1.0, -1.0])) for _ in range(n)]
    c = float(np.dot(g, p)) - draw(st.sampled_from([0.0, 0.0, 1e-12, 0.25]))
    return g, c, p


@settings(BASE, max_examples=150)
@example(case=([3.209798765376767e-11, 1.192092896e-07], 3.2126401703688673e-11,
               [0.9999997615814777, 2.3841852234131743e-07]))  # E̲(-1_0) off by 2.7e-4
@example(case=([1e-11, -1.19e-07], 9.999999761980001e-12, [1.0, 0.0]))  # SolverError
@example(case=([-1.19e-07, 1e-11], 1e-11, [0.0, 1.0]))  # EmptySetError
@given(case=badly_scaled_previsions())
def test_float_lower_prevision_sets_with_badly_scaled_rows(case):
    """{q : g·q >= c} with g mixing sizes 1e-11 .. 3: a point p with g·p >= c (checked
    exactly) exists, so the float set builds; its float E̲ of ±indicators is within
    1e-6 of the exact E̲ over the same (exactly converted) data, and never raises."""
    g, c, p = case
    assume(sum(Fraction(a) * Fraction(b) for a, b in zip(g, p, strict=True)) >= Fraction(c))
    assume(sum(Fraction(x) for x in p) == 1)
    S = cr.CredalSet.from_lower_previsions([(g, c)])
    E = S.to_exact()
    n = len(g)
    for i in range(n):
        for sign in (1, -1):
            f = [sign * int(i == j) for j in range(n)]
            exact = float(cr.lower_expectation(E, f))
            ff = [float(v) for v in f]
            check_eq(cr.lower_expectation(S, ff), exact, False, doc_tol(ff),
                     f"float vs exact E̲ of {f}")


_MAGNITUDES = [1e-300, 1e-40, 1e-12, 1e-10, 1e-6, 1.0, 1e6, 1e12, 1e40, 1e300]


@st.composite
def scaled_hform_problems(draw):
    """Small integer rows {p : a·p <= b} (satisfied by a drawn p), an integer gamble, and a
    magnitude to multiply the gamble by."""
    n = draw(st.integers(1, 5), label="n_outcomes")
    p = draw(distributions(n, exact=True), label="p")
    rows = draw(st.lists(st.lists(st.integers(-2, 2), min_size=n, max_size=n), min_size=1,
                         max_size=2), label="rows")
    b = [sum((a * q for a, q in zip(row, p, strict=True)), Fraction(0)) +
         Fraction(draw(st.integers(0, 3)), 4) for row in rows]
    f = draw(st.lists(st.integers(-5, 5), min_size=n, max_size=n), label="f")
    return rows, b, f, draw(st.sampled_from(_MAGNITUDES), label="magnitude")


@settings(BASE, max_examples=ex(60))
# a fresh float H-form set (here the simplex, one all-zero row): E̲ of -1e-10 × 1_{0} came
# out 0.0 instead of -1e-10 (the LP's absolute tolerances swamped the tiny objective)
@example(case=([[0, 0, 0, 0, 0]], [Fraction(0)], [-1, 0, 0, 0, 0], 1e-10))
@example(case=([[0, 0, 0, 0, 0]], [Fraction(0)], [-1, 0, 0, 0, 0], 1.1754943508222875e-38))
@given(case=scaled_hform_problems())
def test_float_hform_lower_expectation_at_any_magnitude(case):
    """E̲(s·f) over a fresh float H-form set is s times the exact E̲f, at the documented
    accuracy (1e-9 × the range of s·f), for s from 1e-300 to 1e300."""
    rows, b, f, s = case
    exact = cr.lower_expectation(cr.CredalSet.from_constraints(A_ub=rows, b_ub=b), f)
    S = cr.CredalSet.from_constraints(A_ub=np.array(rows, dtype=np.float64),
                                      b_ub=np.array([float(v) for v in b]))
    sf = np.array(f, dtype=np.float64) * s
    check_eq(cr.lower_expectation(S, sf), float(exact) * s, False, doc_tol(sf),
             f"E̲ of {s:g} × {f} vs {s:g} × exact E̲f")


_COEFFICIENTS = [0.0, 0.5, 1.0, 2.0, 1e-9, 3e-9, 1e-11, -0.5, -1.0, -2.0, -1e-9, -1e-11]


@st.composite
def systems_through_a_point(draw):
    """Float rows with coefficients of very different sizes (1e-11 .. 2) and a distribution
    p on a grid of quarters that satisfies them: inequalities a·p <= b with b = fl(a·p) +
    slack, equalities a·p = fl(a·p) (exact up to the rounding of one product)."""
    n = draw(st.integers(2, 4), label="n_outcomes")
    cuts = sorted(draw(st.lists(st.integers(0, 4), min_size=n - 1, max_size=n - 1)))
    p = [(b - a) / 4 for a, b in zip([0, *cuts], [*cuts, 4], strict=True)]
    row = st.lists(st.sampled_from(_COEFFICIENTS), min_size=n, max_size=n)
    A_ub = draw(st.lists(row, min_size=0, max_size=3), label="A_ub")
    b_ub = [float(np.dot(a, p)) + draw(st.sampled_from([0.0, 0.0, 0.25])) for a in A_ub]
    A_eq = draw(st.lists(row, min_size=0, max_size=2), label="A_eq")
    b_eq = [float(np.dot(a, p)) for a in A_eq]
    return A_ub, b_ub, A_eq, b_eq, p


@settings(BASE, max_examples=ex(100))
# p = (0, 1/4, 3/4) satisfies every row (the first equality up to 5e-26), yet the float set
# was reported empty: its 1e-9 coefficient is at HiGHS's default small_matrix_value (1e-9),
# under which matrix entries are dropped, leaving p_0 = 7.5e-10, infeasible by 2.25e-9
@example(case=([[0.0, 0.0, 0.0], [0.0, 0.0, 0.0], [0.0, 1.0, 0.0]], [0.0, 0.0, 0.25],
               [[1.0, 0.0, 1e-9], [-2.0, 0.0, -0.5]], [7.5e-10, -0.375], [0.0, 0.25, 0.75]))
@example(case=([], [], [[-1e-11, 0.5, 1e-9, -1e-11]], [-1e-11], [0.0, 0.0, 0.0, 1.0]))  # empty
@example(case=([[-1.0, -1e-9], [1.0, -1.0], [1.0, 0.0]], [-0.25000000075, -0.5, 0.25],
               [[1.0, 0.0]], [0.25], [0.25, 0.75]))  # reported empty
@given(case=systems_through_a_point())
def test_float_hform_set_through_a_point_is_not_empty(case):
    """A float H-form set satisfied by a distribution p (up to the rounding of one float
    product) builds, and contains p: it is nonempty within the solver's tolerance."""
    A_ub, b_ub, A_eq, b_eq, p = case
    n = len(p)
    kw = {"outcomes": range(n)}
    if A_ub:
        kw.update(A_ub=np.array(A_ub, dtype=np.float64).reshape(-1, n), b_ub=np.array(b_ub))
    if A_eq:
        kw.update(A_eq=np.array(A_eq, dtype=np.float64).reshape(-1, n), b_eq=np.array(b_eq))
    assume(len(kw) > 1)  # no rows at all is the exact simplex, tested elsewhere
    S = cr.CredalSet.from_constraints(**kw)
    assert S.contains(np.array(p, dtype=np.float64)), f"{p} not in {S!r}"


#: Float H-form sets that from_constraints accepts but that are nonempty only within the LP
#: tolerance (here p_1 is pinned to an interval about 1e-16 wide by a row with a 1e-7
#: coefficient).
THIN_FLOAT_SETS = [
    pytest.param([[-0.0, -0.0, 1.0], [-0.0, -1.0, -0.0], [-0.0, 1.5, -1e-07]],
                 [0.2532981530343008, -0.5065963060686016, 0.7598944337730871], id="1e-7-row"),
]


@pytest.mark.parametrize(("A_ub", "b_ub"), THIN_FLOAT_SETS)
@settings(BASE, max_examples=ex(20))
@example(f=[0.0, 0.0, 1.0])  # SolverError: highs status 'infeasible' for objective 0
@given(f=st.lists(st.floats(-5, 5, allow_nan=False, allow_subnormal=False), min_size=3,
                  max_size=3))
def test_a_float_hform_set_that_builds_answers_every_gamble(A_ub, b_ub, f):
    """A set that from_constraints accepted answers its lower and upper expectations (no
    SolverError), and E̲f <= Ēf at the documented accuracy."""
    S = cr.CredalSet.from_constraints(A_ub=A_ub, b_ub=b_ub)
    check_le(cr.lower_expectation(S, f), cr.upper_expectation(S, f), False, doc_tol(f, f),
             "E̲f <= Ēf")

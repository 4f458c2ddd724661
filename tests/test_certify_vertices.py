"""Tests for credal._polyhedra.certify.certify_vertices: exact vertices from float hints.

The reference is the exact double description, ``enumerate_vertices(..., ar=EXACT)``; the
hints come from the float one, ``enumerate_vertices(..., ar=FLOAT)``, or from scipy's qhull,
and are then thinned, repeated, spoiled or dropped: the answer must stay exactly the same.
"""

from __future__ import annotations

from fractions import Fraction as F

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from credal._core.arith import EXACT, FLOAT
from credal._polyhedra.certify import certify_vertices
from credal._polyhedra.vertex_enumeration import enumerate_vertices
from credal.errors import InvalidArgumentError, TooManyVerticesError

# ----------------------------------------------------------------------------------------
# helpers
# ----------------------------------------------------------------------------------------


def obj(values, shape) -> np.ndarray:
    """An object array of Fractions of the given shape."""
    out = np.empty(shape, dtype=object)
    out.reshape(-1)[:] = [F(v) for v in np.ravel(np.asarray(values, dtype=object))]
    return out


def hform(n, A_ub=(), b_ub=(), A_eq=(), b_eq=(), lower=None, upper=None):
    """Exact enumerate_vertices arguments."""
    lower = [0] * n if lower is None else lower
    upper = [1] * n if upper is None else upper
    return (obj(A_ub, (len(A_ub), n)), obj(b_ub, (len(b_ub),)), obj(A_eq, (len(A_eq), n)),
            obj(b_eq, (len(b_eq),)), obj(lower, (n,)), obj(upper, (n,)))


def exact_vertices(args) -> np.ndarray:
    return enumerate_vertices(*args, ar=EXACT)


def float_vertices(args) -> np.ndarray:
    return enumerate_vertices(*(np.asarray(a, dtype=np.float64) for a in args), ar=FLOAT)


def assert_same(V: np.ndarray, W: np.ndarray) -> None:
    """Equal exactly: same shape, same Fractions, same order."""
    assert V.shape == W.shape
    assert V.dtype == object
    assert all(isinstance(x, F) for x in V.reshape(-1))
    assert V.tolist() == W.tolist()


def check(args, candidates=None) -> np.ndarray:
    """certify_vertices with the given hints (default: the float vertices) equals the exact
    double description; returns the vertices."""
    W = exact_vertices(args)
    X = float_vertices(args) if candidates is None else candidates
    V = certify_vertices(*args, X)
    assert_same(V, W)
    return V


def simplex_with_cuts(n: int, seed: int, cuts: int = 2):
    """The simplex cut by planes a p <= a c + 1/10, integer a in [-9, 9], c the centre."""
    rng = np.random.default_rng(seed)
    A = rng.integers(-9, 10, size=(cuts, n)).tolist()
    b = [F(sum(A[i]), n) + F(1, 10) for i in range(cuts)]
    return hform(n, A, b)


# ----------------------------------------------------------------------------------------
# known answers
# ----------------------------------------------------------------------------------------


def test_docstring_example_and_exact_types():
    args = hform(3, [[1, 0, 0]], [F(1, 2)])
    V = certify_vertices(*args, [[0.5, 0.5, 0.0], [0.0, 1.0, 0.0], [0.3, 0.3, 0.4]])
    assert V.tolist() == [[0, 0, 1], [0, 1, 0], [F(1, 2), 0, F(1, 2)], [F(1, 2), F(1, 2), 0]]
    assert all(type(x) is F for x in V.reshape(-1))


@pytest.mark.parametrize("n", [2, 3, 5])
def test_simplex(n):
    V = check(hform(n))
    assert V.tolist() == np.eye(n, dtype=int)[::-1].tolist()


@pytest.mark.parametrize("n, seed", [(4, 0), (6, 1), (8, 2), (10, 3)])
def test_simplex_with_two_cuts(n, seed):
    args = simplex_with_cuts(n, seed)
    V = check(args)
    assert V.shape[0] > n  # the cuts make new vertices


def test_probability_intervals_degenerate_vertices():
    # upper bounds 1/2: the vertices (1/2, 1/2, 0) have 3 tight rows in dimension 2
    V = check(hform(3, upper=[F(1, 2)] * 3))
    assert V.tolist() == [[0, F(1, 2), F(1, 2)], [F(1, 2), 0, F(1, 2)], [F(1, 2), F(1, 2), 0]]


@pytest.mark.parametrize("n, lo, up", [(4, F(1, 8), F(1, 2)), (5, F(1, 10), F(2, 5)),
                                       (5, F(0), F(1, 4)), (6, F(1, 12), F(1, 4))])
def test_cube_like_interval_sets(n, lo, up):
    check(hform(n, lower=[lo] * n, upper=[up] * n))


def test_pyramid_apex():
    # the simplex vertex e_4 is also on p_1 - p_2 <= 0 and p_1 - p_3 <= 0: five rows tight
    # in dimension 3
    args = hform(4, [[1, -1, 0, 0], [1, 0, -1, 0]], [0, 0])
    V = check(args)
    assert [0, 0, 0, 1] in V.tolist()


def test_many_rows_through_one_vertex():
    # eight rows through the centre of the simplex, plus the simplex: a degenerate vertex
    rows = [[1, -1, 0, 0], [0, 1, -1, 0], [0, 0, 1, -1], [1, 1, -1, -1], [1, -1, 1, -1],
            [2, -1, -1, 0], [0, 2, -1, -1], [-1, 0, 2, -1]]
    args = hform(4, rows, [0] * len(rows))
    V = check(args)
    assert [F(1, 4)] * 4 in V.tolist()


def test_implicit_equalities_from_inequalities():
    # p_1 <= 1/3 and p_1 >= 1/3; p_2 + p_3 <= 1/2 and >= 1/2
    args = hform(5, [[1, 0, 0, 0, 0], [-1, 0, 0, 0, 0], [0, 1, 1, 0, 0], [0, -1, -1, 0, 0]],
                 [F(1, 3), F(-1, 3), F(1, 2), F(-1, 2)])
    V = check(args)
    assert all(row[0] == F(1, 3) and row[1] + row[2] == F(1, 2) for row in V.tolist())


def test_equalities_and_bounds():
    args = hform(5, [[1, 2, 0, -1, 0]], [F(1, 2)], [[1, -1, 1, 0, 0]], [F(1, 5)],
                 lower=[0, F(1, 10), 0, 0, F(1, 20)], upper=[1, 1, F(1, 2), F(3, 5), 1])
    check(args)


def test_equality_made_dependent_by_bounds():
    # p_1 + p_2 = 1/2 (so p_3 = 1/2), p_2 <= 1/2: at (0, 1/2, 1/2) the unit rows p_1 >= 0 and
    # p_2 <= 1/2 and the equality are dependent
    args = hform(3, A_eq=[[1, 1, 0]], b_eq=[F(1, 2)], upper=[1, F(1, 2), 1])
    V = check(args)
    assert V.tolist() == [[0, F(1, 2), F(1, 2)], [F(1, 2), 0, F(1, 2)]]


@pytest.mark.parametrize("args", [
    hform(3, A_eq=[[1, 0, 0], [0, 1, 0]], b_eq=[F(1, 2), F(1, 3)]),  # equalities
    hform(3, lower=[F(1, 2), F(1, 3), F(1, 6)]),  # lower bounds summing to 1
    hform(3, lower=[F(1, 2), 0, 0], upper=[F(1, 2), F(1, 3), 1],  # bounds and rows
          A_ub=[[0, -1, 0]], b_ub=[F(-1, 3)]),
    hform(1),  # one outcome
], ids=["equalities", "lower-bounds", "mixed", "one-outcome"])
def test_single_point(args):
    V = check(args)
    assert V.shape[0] == 1


@pytest.mark.parametrize("args", [
    hform(2),
    hform(3, A_eq=[[0, 0, 1]], b_eq=[0]),
    hform(4, [[1, 1, 0, 0], [-1, -1, 0, 0]], [F(1, 2), F(-1, 2)], upper=[1, 1, 1, 0]),
    # 25 equalities p_j = p_(j+1): a vertex with 26 free coordinates (a system above
    # linalg.SMALL_K rows, solved by lifting and checked for rank)
    hform(27, A_eq=[[int(i == j) - int(i == j + 1) for i in range(27)] for j in range(25)],
          b_eq=[0] * 25),
], ids=["two-outcomes", "face-of-simplex", "implicit", "long"])
def test_segment(args):
    V = check(args)
    assert V.shape[0] == 2


@pytest.mark.parametrize("args", [
    hform(3, lower=[F(1, 2), F(1, 2), F(1, 10)]),  # lower bounds sum above 1
    hform(3, [[1, 0, 0]], [-1]),  # p_1 <= -1
    hform(3, [[1, 1, 0], [0, 0, 1]], [F(1, 3), F(1, 3)]),  # p_1 + p_2 + p_3 <= 2/3
    hform(3, A_eq=[[2, 2, 2]], b_eq=[1]),  # 2 sum(p) = 1
    hform(3, A_eq=[[1, 0, 0], [1, 0, 0]], b_eq=[0, F(1, 2)]),  # contradictory equalities
    hform(3, upper=[F(1, 4), F(1, 2), F(1, 5)]),  # upper bounds sum below 1
    hform(3, lower=[F(1, 2), 0, 0], upper=[F(1, 3), 1, 1]),  # lower above upper
    hform(1, [[1]], [0]),  # p_1 = 1 > 0
], ids=["lower", "row", "rows", "scaled-sum", "equalities", "upper", "bounds", "one"])
def test_empty(args):
    n = args[4].shape[0]
    for X in (np.zeros((0, n)), np.full((2, n), 1.0 / n)):
        V = certify_vertices(*args, X)
        assert V.shape == (0, n) and V.dtype == object
    assert exact_vertices(args).shape == (0, n)


def test_no_outcomes():
    args = hform(0)
    assert certify_vertices(*args, None).shape == (0, 0)


# ----------------------------------------------------------------------------------------
# completeness and repair: bad hints, same answer
# ----------------------------------------------------------------------------------------

HARD_CASES = {
    "cuts": simplex_with_cuts(7, 5),
    "intervals": hform(5, lower=[F(1, 10)] * 5, upper=[F(2, 5)] * 5),
    "mixed": hform(5, [[1, 2, 0, -1, 0], [0, 1, -1, 1, 1]], [F(1, 2), F(2, 3)], [[1, -1, 1, 0, 0]],
                   [F(1, 5)], lower=[0, F(1, 10), 0, 0, F(1, 20)], upper=[1, 1, F(1, 2), 1, 1]),
    "pyramid": hform(4, [[1, -1, 0, 0], [1, 0, -1, 0]], [0, 0]),
}


@pytest.mark.parametrize("name", sorted(HARD_CASES))
@pytest.mark.parametrize("spoil", ["half", "one", "none", "junk-and-duplicates", "perturbed"])
def test_repair(name, spoil):
    args = HARD_CASES[name]
    X = float_vertices(args)
    n = X.shape[1]
    rng = np.random.default_rng(7)
    if spoil == "half":
        X = X[::2]
    elif spoil == "one":
        X = X[-1:]
    elif spoil == "none":
        X = np.zeros((0, n))
    elif spoil == "junk-and-duplicates":
        junk = rng.random((5, n))
        X = np.vstack([X[1::3], X[1::3], junk, junk / junk.sum(axis=1, keepdims=True),
                       np.full((1, n), np.nan), -X[:1]])
    else:  # a little off, beyond the tightness tolerance for some
        X = X + rng.normal(scale=1e-4, size=X.shape)
    check(args, X)


def test_hints_in_any_order_and_list_form():
    args = simplex_with_cuts(5, 11)
    X = float_vertices(args)
    W = exact_vertices(args)
    assert_same(certify_vertices(*args, X[::-1].tolist()), W)


# ----------------------------------------------------------------------------------------
# random H-forms
# ----------------------------------------------------------------------------------------


@st.composite
def random_hforms(draw):
    n = draw(st.integers(2, 6))
    m1 = draw(st.integers(0, 4))
    m2 = draw(st.integers(0, 1))
    small = st.integers(-3, 3)
    A_ub = [[draw(small) for _ in range(n)] for _ in range(m1)]
    b_ub = [F(draw(st.integers(-2, 4)), draw(st.integers(1, 4))) for _ in range(m1)]
    A_eq = [[draw(st.integers(-2, 2)) for _ in range(n)] for _ in range(m2)]
    b_eq = [F(draw(st.integers(0, 3)), draw(st.integers(1, 4))) for _ in range(m2)]
    lower = [F(draw(st.sampled_from([0, 0, 1])), draw(st.integers(2, 2 * n))) for _ in range(n)]
    upper = [F(draw(st.sampled_from([1, 1, 1, 2, 3])), draw(st.integers(1, 3)))
             for _ in range(n)]
    return hform(n, A_ub, b_ub, A_eq, b_eq, lower, upper)


@settings(max_examples=60)
@given(random_hforms(), st.sampled_from(["all", "half", "none"]))
def test_random_hforms(args, hints):
    X = float_vertices(args)
    if hints == "half":
        X = X[1::2]
    elif hints == "none":
        X = X[:0]
    check(args, X)


# ----------------------------------------------------------------------------------------
# max_vertices, progress, bad input
# ----------------------------------------------------------------------------------------


def test_max_vertices():
    args = simplex_with_cuts(6, 3)
    X = float_vertices(args)
    k = X.shape[0]
    assert certify_vertices(*args, X, max_vertices=k).shape[0] == k
    with pytest.raises(TooManyVerticesError, match=f"more than max_vertices={k - 1}"):
        certify_vertices(*args, X, max_vertices=k - 1)
    with pytest.raises(TooManyVerticesError, match="more than max_vertices=2"):
        certify_vertices(*args, X[:1], max_vertices=2)  # found by the search, not the hints


def test_progress_reports():
    args = hform(6, lower=[F(1, 12)] * 6, upper=[F(1, 4)] * 6)
    calls = []
    V = certify_vertices(*args, float_vertices(args)[:3],
                         progress=lambda *a: calls.append(a))
    assert calls and all(stage == "certify" for stage, _, _ in calls)
    assert calls[-1] == ("certify", V.shape[0], V.shape[0])
    assert all(done <= known for _, done, known in calls)


@pytest.mark.parametrize("bad", [0, -1, 1.5, True, "3"])
def test_bad_max_vertices(bad):
    args = hform(3)
    with pytest.raises(InvalidArgumentError, match="max_vertices"):
        certify_vertices(*args, np.eye(3), max_vertices=bad)


@pytest.mark.parametrize("bad", [np.ones((2, 4)), np.ones(3), [["a", "b", "c"]],
                                 np.ones((1, 2, 3))])
def test_bad_candidates(bad):
    with pytest.raises(InvalidArgumentError, match="candidates"):
        certify_vertices(*hform(3), bad)


def test_float_data_refused():
    args = list(hform(3, [[1, 0, 0]], [F(1, 2)]))
    args[1] = np.array([0.5])
    with pytest.raises(InvalidArgumentError, match="b_ub must hold exact numbers"):
        certify_vertices(*args, np.eye(3))


def test_inputs_not_mutated():
    args = simplex_with_cuts(5, 2)
    X = float_vertices(args)
    copies = [a.copy() for a in args], X.copy()
    certify_vertices(*args, X)
    assert all((a == b).all() for a, b in zip(args, copies[0], strict=True))
    assert (X == copies[1]).all()


def test_near_degenerate_rows():
    # a cut 1e-8 away from two simplex vertices: float tightness (1e-6) takes too many rows
    # there, and the exact check sorts it out
    eps = F(1, 10**8)
    args = hform(3, [[1, 1, 0], [0, 1, 1]], [1 - eps, 1 - 2 * eps])
    V = check(args)
    assert [1 - eps, 0, eps] in V.tolist()


def test_walk_from_a_point_to_a_vertex():
    from credal._polyhedra.certify import _Form

    args = simplex_with_cuts(5, 4)
    form = _Form.build(*args)
    assert form is not None
    V = form.to_vertex([F(1, 5)] * 5)  # the centre: slack 1/10 in both cuts
    s = sum(V)
    assert [F(x, s) for x in V] in exact_vertices(args).tolist()


def test_order_is_exact_where_floats_tie():
    # a segment from (1/3, 2/3, 0) to (1/3 + d, 0, 2/3 - d): the first coordinates round to
    # the same float, and the exact order must not fall back on the second ones
    d = F(1, 10**20)
    args = hform(3, A_eq=[[-(F(2, 3) - d), 0, d]], b_eq=[-(F(2, 3) - d) / 3])
    V = check(args, np.array([[1 / 3, 2 / 3, 0.0], [1 / 3, 0.0, 2 / 3]]))
    assert V.tolist() == [[F(1, 3), F(2, 3), 0], [F(1, 3) + d, 0, F(2, 3) - d]]


# ----------------------------------------------------------------------------------------
# hints from qhull, as the fast float enumeration gives them
# ----------------------------------------------------------------------------------------


def qhull_vertices(A_ub, b_ub) -> np.ndarray:
    """Float vertices of {p >= 0, sum(p) = 1, A_ub p <= b_ub} by scipy's qhull on the
    parametrisation p = 1/n + Z y of the hyperplane sum(p) = 1 (Z an orthonormal basis of
    its directions), from a Chebyshev centre found by linprog."""
    from scipy.linalg import null_space
    from scipy.optimize import linprog
    from scipy.spatial import HalfspaceIntersection

    n = A_ub.shape[1]
    A = np.vstack([np.asarray(A_ub, dtype=float), -np.eye(n)])
    b = np.concatenate([np.asarray(b_ub, dtype=float), np.zeros(n)])
    p0 = np.full(n, 1.0 / n)
    Z = null_space(np.ones((1, n)))
    Ay, by = A @ Z, b - A @ p0
    norms = np.linalg.norm(Ay, axis=1)
    centre = linprog(np.r_[np.zeros(n - 1), -1.0], A_ub=np.c_[Ay, norms], b_ub=by,
                     bounds=[(None, None)] * (n - 1) + [(0, None)], method="highs").x[:-1]
    return p0 + HalfspaceIntersection(np.c_[Ay, -by], centre).intersections @ Z.T


def lower_previsions(n: int, m: int, seed: int):
    """m random lower previsions G p >= c, c = G p0 - 1/20 (so p0 is inside)."""
    rng = np.random.default_rng(seed)
    G = rng.integers(0, 10, size=(m, n)).tolist()
    w = rng.integers(1, 10, size=n).tolist()
    p0 = [F(x, sum(w)) for x in w]
    c = [sum((F(g) * x for g, x in zip(row, p0, strict=True)), F(0)) - F(1, 20) for row in G]
    return hform(n, [[-g for g in row] for row in G], [-x for x in c])


@pytest.mark.parametrize("args", [simplex_with_cuts(8, 9), simplex_with_cuts(12, 10),
                                  lower_previsions(5, 8, 0), lower_previsions(6, 10, 1)],
                         ids=["cuts-8", "cuts-12", "previsions-5", "previsions-6"])
def test_qhull_hints(args):
    X = qhull_vertices(args[0], args[1])
    check(args, X)
    check(args, X[::3])

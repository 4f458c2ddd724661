"""Float vertex enumeration by Qhull (credal._polyhedra.qhull) against the exact double
description, on exact (small integer and rational) data: the same vertex sets.

Each set is given exactly; the exact answer is ``enumerate_vertices(..., ar=EXACT)`` on that
data, and the float paths (``try_qhull_vertices``: Qhull alone, ``qhull_vertices``: with the
double description fallback, ``float_vertices``: credal's float path) see the same rows in
float64, scaled as credal scales them (``unit_rows``).
"""

from __future__ import annotations

from fractions import Fraction as F

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import credal as cr
from credal._core.arith import EXACT, unit_rows
from credal._polyhedra import points
from credal._polyhedra.qhull import (
    inequality_rows,
    mcmullen_bound,
    qhull_vertices,
    try_qhull_vertices,
)
from credal._polyhedra.vertex_enumeration import enumerate_vertices, tolerant_lex_order
from credal.errors import EmptySetError, InvalidArgumentError, TooManyVerticesError

ATOL = 1e-9


class HSet:
    """``{p in simplex : A_ub p <= b_ub, A_eq p = b_eq, lower <= p <= upper}``, exactly."""

    def __init__(self, n: int, A_ub=(), b_ub=(), A_eq=(), b_eq=(), lower=None, upper=None):
        self.n = n
        self.A_ub = [[F(x) for x in row] for row in A_ub]
        self.b_ub = [F(x) for x in b_ub]
        self.A_eq = [[F(x) for x in row] for row in A_eq]
        self.b_eq = [F(x) for x in b_eq]
        self.lower = [F(x) for x in (lower if lower is not None else [0] * n)]
        self.upper = [F(x) for x in (upper if upper is not None else [1] * n)]

    def exact_args(self) -> tuple[np.ndarray, ...]:
        def mat(rows: list[list[F]]) -> np.ndarray:
            out = np.empty((len(rows), self.n), dtype=object)
            for i, r in enumerate(rows):
                out[i] = r
            return out

        def vec(v: list[F]) -> np.ndarray:
            out = np.empty(len(v), dtype=object)
            out[:] = v
            return out

        return (mat(self.A_ub), vec(self.b_ub), mat(self.A_eq), vec(self.b_eq),
                vec(self.lower), vec(self.upper))

    def float_args(self) -> tuple[np.ndarray, ...]:
        """The rows in float64, scaled as credal scales them before enumerating; read-only,
        so that a write to an input would fail."""
        n = self.n
        A, b = unit_rows(np.array(self.A_ub, dtype=float).reshape(-1, n),
                         np.array(self.b_ub, dtype=float))
        Ae, be = unit_rows(np.array(self.A_eq, dtype=float).reshape(-1, n),
                           np.array(self.b_eq, dtype=float))
        out = tuple(np.array(a, dtype=float) for a in
                    (A, b, Ae, be, [float(x) for x in self.lower],
                     [float(x) for x in self.upper]))
        for a in out:
            a.flags.writeable = False
        return out

    def exact_vertices(self) -> np.ndarray:
        """The exact vertices in lexicographic order, as floats."""
        V = enumerate_vertices(*self.exact_args(), ar=EXACT)
        return np.array(V, dtype=float).reshape(-1, self.n)


def assert_same(V: np.ndarray | None, E: np.ndarray, tol: float = 1e-9) -> None:
    """``V`` is ``E`` (the exact vertices as floats): as many rows, each within ``tol`` of
    one of the other's (max-norm), float64, C-contiguous, in lexicographic order with
    values within ``ATOL`` tying (the exact order, unless two vertices have coordinates
    closer than ``ATOL``)."""
    from scipy.spatial import cKDTree

    assert V is not None, "the Qhull path gave no answer"
    assert V.dtype == np.float64 and V.flags.c_contiguous
    assert V.shape == E.shape, f"{V.shape[0]} vertices, exactly {E.shape[0]}:\n{V}\n{E}"
    if E.size == 0:
        return
    for P, Q in ((V, E), (E, V)):
        d, _ = cKDTree(Q).query(P, p=np.inf)
        assert d.max() <= tol, f"\n{V}\n{E}"
    assert (tolerant_lex_order(V, ATOL) == np.arange(V.shape[0])).all()


def check_all_paths(S: HSet, qhull_used: bool = True) -> np.ndarray:
    """All float paths give the exact vertices; with ``qhull_used`` Qhull alone does."""
    E = S.exact_vertices()
    args = S.float_args()
    V = try_qhull_vertices(*args, atol=ATOL)
    if qhull_used:
        assert_same(V, E)
    elif V is not None:  # Qhull's answer, when it gives one, is right too
        assert_same(V, E)
    assert_same(qhull_vertices(*args, atol=ATOL), E)
    assert_same(points.float_vertices(*args), E)
    return E


def rational_centre(rng: np.random.Generator, n: int) -> list[F]:
    w = rng.integers(1, 10, size=n)
    return [F(int(x), int(w.sum())) for x in w]


def dot(a, p) -> F:
    return sum((F(int(x)) * y for x, y in zip(a, p, strict=True)), F(0))


def simplex_with_cuts(n: int, seed: int, cuts: int = 2, margin: F = F(1, 10)) -> HSet:
    """Cuts ``a . p <= a . c + margin``, ``a`` integer in [-9, 9], ``c`` a distribution."""
    rng = np.random.default_rng(seed)
    c = rational_centre(rng, n)
    A = rng.integers(-9, 10, size=(cuts, n))
    return HSet(n, A_ub=A.tolist(), b_ub=[dot(a, c) + margin for a in A])


# -- known answers ---------------------------------------------------------------------------


def test_the_docstring_example_exactly() -> None:
    S = HSet(3, lower=[F(1, 10), F(1, 5), 0], upper=[F(1, 2), F(1, 2), 1])
    E = check_all_paths(S)
    assert E.tolist() == [[0.1, 0.2, 0.7], [0.1, 0.5, 0.4], [0.5, 0.2, 0.3], [0.5, 0.5, 0.0]]


@pytest.mark.parametrize("n", [3, 4, 5, 6, 8, 10])
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_random_simplex_with_cuts(n: int, seed: int) -> None:
    check_all_paths(simplex_with_cuts(n, seed, cuts=1 + seed))


@pytest.mark.parametrize("n", [3, 5, 7])
def test_probability_intervals(n: int) -> None:
    rng = np.random.default_rng(n)
    c = rational_centre(rng, n)
    lower = [max(F(0), x - F(int(k), 20)) for x, k in zip(c, rng.integers(0, 4, n),
                                                            strict=True)]
    upper = [min(F(1), x + F(int(k), 20)) for x, k in zip(c, rng.integers(0, 4, n),
                                                            strict=True)]
    check_all_paths(HSet(n, lower=lower, upper=upper))


def test_a_box_cut_by_a_plane() -> None:
    n = 6
    check_all_paths(HSet(n, A_ub=[[3, -2, 0, 1, 0, -1]], b_ub=[F(1, 7)],
                         lower=[F(1, 20)] * n, upper=[F(1, 4)] * n))


@pytest.mark.parametrize("case", [
    # p0 = p1 written as two inequalities
    HSet(4, A_ub=[[1, -1, 0, 0], [-1, 1, 0, 0]], b_ub=[0, 0]),
    # ... with a cut
    HSet(5, A_ub=[[1, -1, 0, 0, 0], [-1, 1, 0, 0, 0], [1, 2, 3, -4, 0]], b_ub=[0, 0, F(1, 3)]),
    # p0 = p1 = p2 as a chain of inequalities
    HSet(5, A_ub=[[1, -1, 0, 0, 0], [0, 1, -1, 0, 0], [-1, 0, 1, 0, 0], [0, 0, 0, 1, -2]],
         b_ub=[0, 0, 0, F(1, 10)]),
    # a bound with lower == upper
    HSet(4, lower=[F(1, 4), 0, 0, 0], upper=[F(1, 4), 1, 1, 1]),
    # two of them, and a cut
    HSet(6, A_ub=[[1, 1, -2, 0, 0, 3]], b_ub=[F(1, 2)], lower=[F(1, 8), 0, 0, F(1, 5), 0, 0],
         upper=[F(1, 8), 1, 1, F(1, 5), 1, 1]),
    # an upper bound of 0
    HSet(5, A_ub=[[2, -1, 1, 0, -3]], b_ub=[F(1, 4)], upper=[1, 0, 1, 1, 1]),
    # a cut and its reverse: a hyperplane through the simplex
    HSet(5, A_ub=[[3, -1, 2, 0, 1], [-3, 1, -2, 0, -1]], b_ub=[F(6, 5), F(-6, 5)]),
    # an equality given as one, with an implicit one
    HSet(5, A_ub=[[0, 0, 1, -1, 0], [0, 0, -1, 1, 0]], b_ub=[0, 0], A_eq=[[1, 2, 0, 0, -1]],
         b_eq=[F(1, 3)]),
    # an equality the simplex implies (sum p = 1 again)
    HSet(4, A_ub=[[1, -2, 0, 1]], b_ub=[F(1, 5)], A_eq=[[2, 2, 2, 2]], b_eq=[2]),
], ids=["p0=p1", "p0=p1-cut", "chain", "lower=upper", "two-fixed", "upper=0", "hyperplane",
        "eq+implicit", "eq-implied"])
def test_implicit_equalities(case: HSet) -> None:
    check_all_paths(case)


@pytest.mark.parametrize("k", [2, 4, 6, 8])
def test_thin_sets(k: int) -> None:
    """A slab of width 10**-k across the simplex, with a cut: Qhull where the set is not
    too thin for it, the double description below; the same answer either way."""
    a = [1, 2, -1, 0, 3]
    S = HSet(5, A_ub=[a, [-x for x in a], [2, -3, 0, 1, 1]],
             b_ub=[F(1, 2), -F(1, 2) + F(1, 10**k), F(1, 3)])
    check_all_paths(S, qhull_used=k <= 4)


def test_a_single_point() -> None:
    E = check_all_paths(HSet(3, lower=[F(1, 2), F(1, 4), F(1, 4)],
                             upper=[F(1, 2), F(1, 4), F(1, 4)]))
    assert E.tolist() == [[0.5, 0.25, 0.25]]
    # a vertex of the simplex cut off from the rest
    E = check_all_paths(HSet(4, A_ub=[[-1, 0, 0, 0]], b_ub=[-1]))
    assert E.tolist() == [[1.0, 0.0, 0.0, 0.0]]


def test_segments() -> None:
    E = check_all_paths(HSet(3, lower=[F(1, 4), 0, 0], upper=[1, 1, 0]))
    assert E.tolist() == [[0.25, 0.75, 0.0], [1.0, 0.0, 0.0]]
    check_all_paths(HSet(4, A_ub=[[1, -1, 0, 0], [-1, 1, 0, 0]], b_ub=[0, 0],
                         lower=[0, 0, 0, F(1, 5)], upper=[1, 1, 0, 1]))
    check_all_paths(HSet(2, lower=[F(1, 3), 0]))


def test_one_outcome() -> None:
    E = check_all_paths(HSet(1))
    assert E.tolist() == [[1.0]]


@pytest.mark.parametrize("case", [
    HSet(3, lower=[F(3, 5), F(3, 5), 0]),
    HSet(3, A_eq=[[1, 1, 0]], b_eq=[F(1, 2)], lower=[0, 0, F(3, 5)]),
    HSet(4, A_ub=[[1, 1, 1, 1]], b_ub=[F(1, 2)]),
    HSet(5, A_ub=[[1, -1, 0, 0, 0], [-1, 1, 0, 0, 0]], b_ub=[F(-1, 10), 0]),
], ids=["bounds", "equality", "sum", "opposite"])
def test_empty_sets(case: HSet) -> None:
    assert case.exact_vertices().shape == (0, case.n)
    args = case.float_args()
    for V in (try_qhull_vertices(*args, atol=ATOL), qhull_vertices(*args, atol=ATOL)):
        assert V is not None and V.shape == (0, case.n) and V.dtype == np.float64
    with pytest.raises(EmptySetError):
        points.float_vertices(*args)


@pytest.mark.parametrize("n", [4, 6, 8])
def test_many_rows_through_a_vertex_of_the_simplex(n: int) -> None:
    """Cuts ``a . p <= a_0`` with ``a_0`` the median of the other ``a_j``: all tight at
    ``e_0``, which stays a vertex (a degenerate one, with more than ``n - 1`` rows)."""
    rng = np.random.default_rng(n)
    A = rng.integers(-9, 10, size=(2 * n, n))
    A[:, 0] = np.median(A[:, 1:], axis=1).astype(int)
    S = HSet(n, A_ub=A.tolist(), b_ub=A[:, 0].tolist())
    E = check_all_paths(S)
    assert [1.0] + [0.0] * (n - 1) in E.tolist()


@pytest.mark.parametrize("n", [4, 5, 6])
def test_many_rows_through_an_inner_point(n: int) -> None:
    """A cone of cuts through ``c``, closed by a cut that keeps ``c``: ``c`` is a vertex
    with many rows through it (or the set is just ``c``)."""
    rng = np.random.default_rng(10 + n)
    c = rational_centre(rng, n)
    A = rng.integers(-3, 4, size=(2 * n, n))
    d = [1] * (n - 1) + [-1]
    S = HSet(n, A_ub=[*A.tolist(), d], b_ub=[dot(a, c) for a in A] + [dot(d, c) + F(1, 4)])
    check_all_paths(S)


def test_a_vertex_on_two_cuts_and_two_bounds() -> None:
    """The cuts cross exactly on a face of the simplex: a degenerate vertex there."""
    check_all_paths(HSet(4, A_ub=[[1, -1, 0, 0], [1, 0, -1, 0], [0, 1, -1, 1]],
                         b_ub=[0, 0, F(1, 3)], upper=[F(1, 3), 1, 1, F(1, 2)]))


# -- property: random small integer data -----------------------------------------------------


@st.composite
def small_sets(draw: st.DrawFn) -> HSet:
    """Sets over 2..8 outcomes with rows of small integers through or near a rational
    distribution ``c`` (so nonempty), some equalities and bounds: thin, lower-dimensional
    and degenerate sets come up often."""
    n = draw(st.integers(2, 8))
    weights = draw(st.lists(st.integers(0, 4), min_size=n, max_size=n).filter(any))
    c = [F(w, sum(weights)) for w in weights]
    k = draw(st.integers(0, 4))
    rows = draw(st.lists(st.lists(st.integers(-3, 3), min_size=n, max_size=n),
                         min_size=k, max_size=k))
    slack = draw(st.lists(st.sampled_from([F(0), F(1, 8), F(1, 3), F(1)]), min_size=k,
                          max_size=k))
    n_eq = draw(st.integers(0, 1))
    eq = draw(st.lists(st.lists(st.integers(-3, 3), min_size=n, max_size=n),
                       min_size=n_eq, max_size=n_eq))
    lower, upper = [], []
    for x in c:
        lo = draw(st.sampled_from([F(0), x, x - F(1, 10), x / 2]))
        up = draw(st.sampled_from([F(1), x, x + F(1, 10), (1 + x) / 2]))
        lower.append(max(F(0), lo))
        upper.append(min(F(1), up))
    return HSet(n, A_ub=rows, b_ub=[dot(a, c) + s for a, s in zip(rows, slack, strict=True)],
                A_eq=eq, b_eq=[dot(a, c) for a in eq], lower=lower, upper=upper)


@settings(max_examples=80)
@given(S=small_sets())
def test_small_integer_sets_match_the_exact_double_description(S: HSet) -> None:
    check_all_paths(S, qhull_used=False)


@settings(max_examples=40)
@given(S=small_sets())
def test_the_answer_is_canonical(S: HSet) -> None:
    """Sorted (lexicographically, values within atol tying), no two rows within atol, every
    row a distribution satisfying the rows within a few atol."""
    args = S.float_args()
    V = qhull_vertices(*args, atol=ATOL)
    assert V.shape[0] >= 1
    assert (tolerant_lex_order(V, ATOL) == np.arange(V.shape[0])).all()
    for i in range(V.shape[0]):
        assert (np.abs(V[i + 1:] - V[i]).max(axis=1, initial=np.inf) > ATOL).all()
    assert (V >= 0).all() and np.allclose(V.sum(axis=1), 1.0, atol=1e-12, rtol=0)
    A, b, Ae, be, lo, up = args
    tol = 10 * ATOL
    assert (V @ A.T <= b + tol).all() and (np.abs(V @ Ae.T - be) <= tol).all()
    assert (V >= lo - tol).all() and (V <= up + tol).all()


# -- the budget and progress -----------------------------------------------------------------


def box(n: int) -> HSet:
    """Probability intervals [1/(2n), 2/n]: many vertices (each outcome at a bound but
    one)."""
    return HSet(n, lower=[F(1, 2 * n)] * n, upper=[F(2, n)] * n)


def test_max_vertices_refuses_a_larger_set_with_a_clear_message() -> None:
    S = box(8)
    count = S.exact_vertices().shape[0]
    assert count > 50
    args = S.float_args()
    for fn in (qhull_vertices, try_qhull_vertices):
        with pytest.raises(TooManyVerticesError, match=r"max_vertices=50\b") as info:
            fn(*args, atol=ATOL, max_vertices=50)
        message = str(info.value)
        assert "raise max_vertices" in message and "linear programs" in message
    with pytest.raises(TooManyVerticesError, match=r"more than max_vertices=50\b"):
        points.float_vertices(*args, max_vertices=50)


def test_max_vertices_lets_a_set_within_it_through() -> None:
    S = simplex_with_cuts(6, seed=3, cuts=2)
    E = S.exact_vertices()
    args = S.float_args()
    assert mcmullen_bound(2 + 6, 5) > E.shape[0]  # Qhull adds the rows one by one here
    for budget in (E.shape[0], E.shape[0] + 1, None):
        assert_same(try_qhull_vertices(*args, atol=ATOL, max_vertices=budget), E)
        assert_same(points.float_vertices(*args, max_vertices=budget), E)
    with pytest.raises(InvalidArgumentError, match="max_vertices"):
        qhull_vertices(*args, atol=ATOL, max_vertices=E.shape[0] - 1)


def test_max_vertices_in_the_double_description_fallback() -> None:
    """A set too thin for Qhull: the double description answers, and the budget holds."""
    a = [1, 2, -1, 0, 3]
    S = HSet(5, A_ub=[a, [-x for x in a]], b_ub=[F(1, 2), -F(1, 2) + F(1, 10**8)])
    args = S.float_args()
    assert try_qhull_vertices(*args, atol=ATOL) is None
    count = S.exact_vertices().shape[0]
    with pytest.raises(TooManyVerticesError, match=rf"more than max_vertices={count - 1}\b"):
        qhull_vertices(*args, atol=ATOL, max_vertices=count - 1)
    with pytest.raises(TooManyVerticesError, match=rf"max_vertices={count - 1}\b"):
        points.float_vertices(*args, max_vertices=count - 1)
    assert qhull_vertices(*args, atol=ATOL, max_vertices=count).shape[0] == count


@pytest.mark.parametrize("bad", [0, -3, 2.5, True, "10"])
def test_max_vertices_must_be_a_positive_int(bad: object) -> None:
    args = box(4).float_args()
    for fn in (qhull_vertices, try_qhull_vertices):
        with pytest.raises(InvalidArgumentError, match="max_vertices must be a positive int"):
            fn(*args, atol=ATOL, max_vertices=bad)
    with pytest.raises(InvalidArgumentError, match="max_vertices must be a positive int"):
        points.float_vertices(*args, max_vertices=bad)


def test_max_vertices_accepts_numpy_ints() -> None:
    S = box(4)
    V = qhull_vertices(*S.float_args(), atol=ATOL, max_vertices=np.int64(1000))
    assert_same(V, S.exact_vertices())


def record() -> tuple[list[tuple[str, int, int]], object]:
    calls: list[tuple[str, int, int]] = []

    def progress(stage: str, done: int, total: int) -> None:
        calls.append((stage, done, total))

    return calls, progress


def assert_progress(calls: list[tuple[str, int, int]], total: int, at_least: int = 2) -> None:
    assert len(calls) >= at_least
    assert calls[0] == ("vertices", 0, total) and calls[-1] == ("vertices", total, total)
    assert all(stage == "vertices" and t == total for stage, _, t in calls)
    done = [d for _, d, _ in calls]
    assert done == sorted(done) and 0 <= min(done) and max(done) <= total


def test_progress_is_called_at_the_start_and_the_end() -> None:
    S = simplex_with_cuts(7, seed=1)
    args = S.float_args()
    total = inequality_rows(args[0], args[5])
    assert total == 2 + 7
    for fn in (qhull_vertices, try_qhull_vertices):
        calls, progress = record()
        fn(*args, atol=ATOL, progress=progress)
        assert_progress(calls, total)
    calls, progress = record()
    points.float_vertices(*args, progress=progress)
    assert_progress(calls, total)


def test_progress_row_by_row() -> None:
    """Under a budget the upper bound theorem does not guarantee, Qhull adds the rows one
    at a time and reports after each."""
    S = box(6)
    args = S.float_args()
    total = inequality_rows(args[0], args[5])
    assert total == 12
    assert mcmullen_bound(total, 5) > 50
    calls, progress = record()
    V = qhull_vertices(*args, atol=ATOL, max_vertices=50, progress=progress)
    assert_same(V, S.exact_vertices())
    assert_progress(calls, total, at_least=4)


def test_max_vertices_counts_the_polytopes_on_the_way() -> None:
    """Row by row, the polytope cut out by the rows added so far contains the set and may
    have more vertices: over the budget, it stops the enumeration, and the message says
    so."""
    S = box(6)
    count = S.exact_vertices().shape[0]
    with pytest.raises(TooManyVerticesError, match="a polytope containing the set"):
        try_qhull_vertices(*S.float_args(), atol=ATOL, max_vertices=count)


def test_progress_in_the_fallbacks() -> None:
    a = [1, 2, -1, 0, 3]
    thin = HSet(5, A_ub=[a, [-x for x in a]], b_ub=[F(1, 2), -F(1, 2) + F(1, 10**8)])
    small = simplex_with_cuts(3, seed=0)  # below QHULL_FROM: the double description only
    assert small.n < points.QHULL_FROM
    for S in (thin, small):
        args = S.float_args()
        total = inequality_rows(args[0], args[5])
        calls, progress = record()
        qhull_vertices(*args, atol=ATOL, progress=progress)
        assert_progress(calls, total)
        calls, progress = record()
        points.float_vertices(*args, progress=progress)
        assert_progress(calls, total)


# -- the bound -------------------------------------------------------------------------------


def test_mcmullen_bound_known_values() -> None:
    assert [mcmullen_bound(f, 2) for f in (3, 4, 7)] == [3, 4, 7]  # polygons
    assert [mcmullen_bound(f, 3) for f in (4, 6, 10)] == [4, 8, 16]  # 2f - 4
    assert mcmullen_bound(5, 4) == 5  # the 4-simplex
    assert mcmullen_bound(8, 4) == 20  # the dual of the cyclic polytope C(8, 4)
    assert mcmullen_bound(3, 3) == 0 and mcmullen_bound(5, 1) == 2


@settings(max_examples=30)
@given(S=small_sets())
def test_mcmullen_bound_bounds_the_count(S: HSet) -> None:
    E = S.exact_vertices()
    n = S.n
    f = len(S.A_ub) + n + sum(1 for u in S.upper if u < 1)
    assert E.shape[0] <= max(mcmullen_bound(f, d) for d in range(n))


def test_float_vertices_answers_through_qhull() -> None:
    """The float path answers through Qhull at QHULL_FROM outcomes and beyond, exactly as
    the exact double description."""
    n = max(points.QHULL_FROM, 3)
    S = simplex_with_cuts(n, seed=5)
    args = S.float_args()
    assert try_qhull_vertices(*args, atol=ATOL) is not None
    assert_same(points.float_vertices(*args), S.exact_vertices())


def test_float_matches_exact_values_of_the_floats() -> None:
    """Rows that are not exact in binary (1/3, 1/10): the float answer agrees with the
    exact double description of the floats' exact values."""
    from credal._core.numbers import to_exact

    S = simplex_with_cuts(6, seed=7, cuts=3, margin=F(1, 3))
    args = S.float_args()
    E = enumerate_vertices(*(to_exact(np.array(a)) for a in args), ar=EXACT)
    assert_same(qhull_vertices(*args, atol=ATOL), np.array(E, dtype=float), tol=1e-12)


def test_the_check_catches_a_missing_vertex() -> None:
    """The safety net under Qhull: drop any one vertex of Qhull's answer and the check
    refuses it (every edge from a simple vertex must end at a vertex found)."""
    from scipy.spatial import HalfspaceIntersection

    from credal._polyhedra import qhull

    S = simplex_with_cuts(6, seed=2, cuts=2)
    hull = qhull._affine_hull(qhull._rows(*S.float_args()), ATOL)
    assert hull is not None and hull.dim == 5
    H = np.hstack([hull.Gz, -hull.hz[:, None]])
    Z = HalfspaceIntersection(H, hull.centre).intersections
    qhull._check(Z, hull.Gz, hull.hz, ATOL)  # the whole answer passes
    for i in range(Z.shape[0]):
        with pytest.raises(qhull._Unreliable):
            qhull._check(np.delete(Z, i, axis=0), hull.Gz, hull.hz, ATOL)
    with pytest.raises(qhull._Unreliable):  # a point outside the set
        qhull._check(np.vstack([Z, Z[0] + 1e-3 * hull.Gz[0]]), hull.Gz, hull.hz, ATOL)
    with pytest.raises(qhull._Unreliable):  # a point that is not a vertex
        qhull._check(np.vstack([Z, Z.mean(axis=0)]), hull.Gz, hull.hz, ATOL)


def test_a_row_nearly_through_vertices_is_left_to_the_double_description() -> None:
    """``p3 + 6.1e-5 p4 >= 3.6e-11`` cuts ``e0``, ``e1``, ``e2`` off by 3.6e-11: the exact
    polytope has vertices within 4e-11 of the hull of the others, which a float answer must
    not list. Qhull declines; the double description (a row violated by at most atol
    holds) gives the simplex."""
    n = 5
    A = np.array([[0.0, 0.0, 0.0, -1.0, -6.103515625e-05]])
    b = np.array([-3.637976640190696e-11])
    args = (A, b, np.zeros((0, n)), np.zeros(0), np.zeros(n), np.ones(n))
    assert try_qhull_vertices(*args, atol=ATOL) is None
    for V in (qhull_vertices(*args, atol=ATOL), points.float_vertices(*args)):
        assert V.shape == (n, n) and np.abs(V - np.eye(n)[::-1]).max() <= ATOL


def test_degenerate_sets_are_recognised_and_go_to_the_double_description() -> None:
    """Rows p_i + p_i+1 <= 1/4 make every vertex degenerate; Qhull is slow there (minutes at
    24 outcomes), so the probe sends them to the double description, with the same answer."""
    from credal._polyhedra.qhull import degenerate_vertex

    n, k = 12, 8
    pairs = np.eye(n)[:k] + np.eye(n, k=1)[:k]
    args = (pairs, np.full(k, 0.25), np.zeros((0, n)), np.zeros(0), np.zeros(n), np.ones(n))
    assert degenerate_vertex(*args, atol=1e-9)
    rng = np.random.default_rng(0)
    G = rng.integers(0, 10, size=(2 * n, n)).astype(float)
    c = G @ rng.dirichlet(np.ones(n)) - 0.05
    generic = (-G / 9, -c / 9, np.zeros((0, n)), np.zeros(0), np.zeros(n), np.ones(n))
    assert not degenerate_vertex(*generic, atol=1e-9)
    from credal._core.numbers import to_exact

    exact = enumerate_vertices(*(to_exact(a) for a in args), ar=EXACT)
    S = cr.CredalSet.from_constraints(A_ub=pairs.astype(int).tolist(), b_ub=["1/4"] * k)
    assert {tuple(r) for r in S.vertices} == {tuple(r) for r in exact}
    assert_same(points.float_vertices(*args), exact.astype(float))

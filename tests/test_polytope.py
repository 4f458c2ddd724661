"""Tests for credal._polytope.enumerate_vertices (double description vertex enumeration)."""

from __future__ import annotations

import itertools
import random
import time
from fractions import Fraction as F

import numpy as np
import pytest

from credal._core.arith import EXACT, FLOAT, arithmetic_of
from credal._polyhedra.vertex_enumeration import enumerate_vertices
from credal.errors import InvalidArgumentError

# ----------------------------------------------------------------------------------------
# helpers
# ----------------------------------------------------------------------------------------


def obj(values, shape=None) -> np.ndarray:
    """Object array of Fractions from (nested) lists."""
    arr = np.asarray(values, dtype=object)
    if shape is not None:
        arr = arr.reshape(shape)
    out = np.empty(arr.shape, dtype=object)
    out.reshape(-1)[:] = [F(v) for v in arr.ravel()]
    return out


class Problem:
    """An H-form credal set, stored exactly; ``args(exact)`` gives enumerate_vertices input."""

    def __init__(self, n, A_ub=(), b_ub=(), A_eq=(), b_eq=(), lower=None, upper=None):
        self.n = n
        self.A_ub = [[F(x) for x in row] for row in A_ub]
        self.b_ub = [F(x) for x in b_ub]
        self.A_eq = [[F(x) for x in row] for row in A_eq]
        self.b_eq = [F(x) for x in b_eq]
        self.lower = [F(x) for x in (lower if lower is not None else [0] * n)]
        self.upper = [F(x) for x in (upper if upper is not None else [1] * n)]

    def args(self, exact: bool):
        n = self.n
        if exact:
            conv = obj
        else:
            def conv(v, shape=None):
                arr = np.array([float(x) for x in np.ravel(np.asarray(v, dtype=object))])
                return arr.reshape(shape) if shape is not None else arr
        return (
            conv(self.A_ub, (len(self.A_ub), n)),
            conv(self.b_ub, (len(self.b_ub),)),
            conv(self.A_eq, (len(self.A_eq), n)),
            conv(self.b_eq, (len(self.b_eq),)),
            conv(self.lower, (n,)),
            conv(self.upper, (n,)),
        )

    def vertices(self, exact: bool = True, **kw) -> np.ndarray:
        return enumerate_vertices(*self.args(exact), ar=arithmetic_of(exact), **kw)

    # constraints as (a, b, is_equality) meaning a @ p <= b, or a @ p == b
    def constraints(self):
        n = self.n
        unit = [[F(int(i == j)) for i in range(n)] for j in range(n)]
        out = [([-x for x in unit[j]], F(0), False) for j in range(n)]
        out += [([-x for x in unit[j]], -self.lower[j], False) for j in range(n)]
        out += [(unit[j], self.upper[j], False) for j in range(n)]
        out += [(a, b, False) for a, b in zip(self.A_ub, self.b_ub, strict=True)]
        out += [(a, b, True) for a, b in zip(self.A_eq, self.b_eq, strict=True)]
        return out

    def feasible(self, p) -> bool:
        if sum(p) != 1:
            return False
        for a, b, eq in self.constraints():
            v = dot(a, p)
            if (eq and v != b) or v > b:
                return False
        return True

    def tight_rank(self, p) -> int:
        """Rank of the constraints (and sum(p) == 1) tight at ``p``."""
        rows = [a for a, b, _ in self.constraints() if dot(a, p) == b]
        return exact_rank(rows + [[F(1)] * self.n])


def dot(a, p):
    return sum(x * y for x, y in zip(a, p, strict=True))


def count_tight(problem: Problem, p) -> int:
    """Number of constraints tight at ``p``: orthant, inequality rows and bounds that are
    not implied by the simplex (lower > 0, upper < 1)."""
    n = problem.n
    count = sum(1 for x in p if x == 0)
    count += sum(1 for a, b in zip(problem.A_ub, problem.b_ub, strict=True) if dot(a, p) == b)
    count += sum(1 for j in range(n) if 0 < problem.lower[j] == p[j])
    count += sum(1 for j in range(n) if 1 > problem.upper[j] == p[j])
    return count


def exact_rank(rows) -> int:
    mat = [list(r) for r in rows]
    rank = 0
    ncols = len(mat[0]) if mat else 0
    for col in range(ncols):
        piv = next((i for i in range(rank, len(mat)) if mat[i][col] != 0), None)
        if piv is None:
            continue
        mat[rank], mat[piv] = mat[piv], mat[rank]
        for i in range(len(mat)):
            if i != rank and mat[i][col] != 0:
                f = mat[i][col] / mat[rank][col]
                mat[i] = [x - f * y for x, y in zip(mat[i], mat[rank], strict=True)]
        rank += 1
    return rank


def exact_solve(M, rhs):
    """Solution of the square system M x = rhs in Fractions, or None if singular."""
    k = len(M)
    aug = [list(M[i]) + [rhs[i]] for i in range(k)]
    for col in range(k):
        piv = next((i for i in range(col, k) if aug[i][col] != 0), None)
        if piv is None:
            return None
        aug[col], aug[piv] = aug[piv], aug[col]
        pr = aug[col]
        for i in range(k):
            if i != col and aug[i][col] != 0:
                f = aug[i][col] / pr[col]
                aug[i] = [x - f * y for x, y in zip(aug[i], pr, strict=True)]
    return tuple(aug[i][k] / aug[i][i] for i in range(k))


def brute_force(problem: Problem) -> list[tuple[F, ...]]:
    """Vertices by trying every set of n - 1 constraints made tight together with sum 1.

    Square systems are solved in floats first only to skip ones that are certainly singular
    (integer matrices with float determinant below 1/2) or clearly nonsingular and clearly
    infeasible; every reported vertex is solved and checked exactly.
    """
    n = problem.n
    cons = problem.constraints()
    if n == 1:
        p = (F(1),)
        return [p] if problem.feasible(p) else []
    A = np.array([[float(x) for x in a] for a, _, _ in cons])
    b = np.array([float(v) for _, v, _ in cons])
    is_eq = np.array([e for _, _, e in cons])
    subsets = np.array(list(itertools.combinations(range(len(cons)), n - 1)), dtype=np.intp)
    M = np.concatenate([A[subsets], np.ones((len(subsets), 1, n))], axis=1)
    rhs = np.concatenate([b[subsets], np.ones((len(subsets), 1))], axis=1)
    # Floats are trusted only for moderate numbers (Hadamard's bound on the determinant
    # below 1e6, so float determinants are accurate to far better than 1/2).
    moderate = (np.abs(A).max() * np.sqrt(n)) ** n < 1e6 and np.abs(b).max() < 1e6
    if not moderate:
        candidates = list(range(len(subsets)))
    else:
        det = np.abs(np.linalg.det(M))
        sure = det > 0.5
        integral = all(x.denominator == 1 for a, _, _ in cons for x in a)
        # an integer matrix has an integer determinant: below 1/2 here means exactly 0
        candidates = [] if integral else np.flatnonzero(~sure).tolist()
        if sure.any():
            sol = np.linalg.solve(M[sure], rhs[sure][..., None])[..., 0]
            val = sol @ A.T - b
            viol = np.where(is_eq, np.abs(val), val).max(axis=1)
            candidates += np.flatnonzero(sure)[viol <= 1e-6].tolist()
    found = set()
    for s in candidates:
        rows = [cons[i] for i in subsets[s]]
        p = exact_solve([a for a, _, _ in rows] + [[F(1)] * n], [v for _, v, _ in rows] + [F(1)])
        if p is not None and problem.feasible(p):
            found.add(p)
    return sorted(found)


def as_rows(V: np.ndarray) -> list[tuple]:
    return [tuple(row) for row in V]


def interval_vertices(lower, upper) -> list[tuple[F, ...]]:
    """Vertices of a probability-interval set from its structure: at a vertex at most one
    coordinate lies strictly between its bounds."""
    n = len(lower)
    found = set()
    for free in range(n):
        others = [j for j in range(n) if j != free]
        for choice in itertools.product((0, 1), repeat=n - 1):
            p = [F(0)] * n
            for j, c in zip(others, choice, strict=True):
                p[j] = upper[j] if c else lower[j]
            p[free] = 1 - sum(p)
            if lower[free] <= p[free] <= upper[free]:
                found.add(tuple(p))
    return sorted(found)


# ----------------------------------------------------------------------------------------
# known answers, exact
# ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("n", [1, 2, 3, 5])
def test_simplex_gives_identity_rows(n):
    V = Problem(n).vertices()
    assert V.dtype == object and V.shape == (n, n)
    assert all(isinstance(x, F) for x in V.ravel())
    # sorted lexicographically: e_n first, e_1 last
    expected = [tuple(F(int(i == j)) for i in range(n)) for j in reversed(range(n))]
    assert as_rows(V) == expected


def test_probability_intervals_hand_computed():
    prob = Problem(3, lower=[F(1, 10), F(1, 5), 0], upper=[F(1, 2), F(1, 2), 1])
    assert as_rows(prob.vertices()) == [
        (F(1, 10), F(1, 5), F(7, 10)),
        (F(1, 10), F(1, 2), F(2, 5)),
        (F(1, 2), F(1, 5), F(3, 10)),
        (F(1, 2), F(1, 2), F(0)),
    ]


def test_probability_intervals_four_outcomes():
    lower = [F(1, 10), F(1, 10), F(1, 5), 0]
    upper = [F(2, 5), F(1, 2), F(1, 2), F(3, 10)]
    prob = Problem(4, lower=lower, upper=upper)
    expected = interval_vertices([F(x) for x in lower], [F(x) for x in upper])
    assert len(expected) > 6
    assert as_rows(prob.vertices()) == expected == brute_force(prob)


def test_equality_constraint():
    prob = Problem(3, A_eq=[[1, -1, 0]], b_eq=[0])  # p0 == p1
    assert as_rows(prob.vertices()) == [(0, 0, 1), (F(1, 2), F(1, 2), 0)]


def test_equality_written_with_nonzero_right_hand_side():
    # 2 p0 + p1 == 1 with sum(p) == 1 gives p = (x, 1 - 2x, x) for 0 <= x <= 1/2
    prob = Problem(3, A_eq=[[2, 1, 0]], b_eq=[1])
    assert as_rows(prob.vertices()) == [(0, 1, 0), (F(1, 2), 0, F(1, 2))]
    assert as_rows(prob.vertices()) == brute_force(prob)


def test_empty_set_has_shape_zero_by_n():
    prob = Problem(3, lower=[F(3, 4), F(3, 4), 0])
    V = prob.vertices()
    assert V.shape == (0, 3) and V.dtype == object
    Vf = prob.vertices(exact=False)
    assert Vf.shape == (0, 3) and Vf.dtype == np.float64


def test_empty_set_from_inequalities_and_equalities():
    prob = Problem(3, A_ub=[[1, 0, 0]], b_ub=[F(1, 4)], A_eq=[[1, 0, 0]], b_eq=[F(1, 2)])
    assert prob.vertices().shape == (0, 3)
    assert prob.vertices(exact=False).shape == (0, 3)


def test_single_point_from_lower_bound_one():
    prob = Problem(4, lower=[1, 0, 0, 0])
    assert as_rows(prob.vertices()) == [(1, 0, 0, 0)]
    assert prob.vertices(exact=False).tolist() == [[1.0, 0.0, 0.0, 0.0]]


def test_single_interior_point_from_equalities():
    prob = Problem(3, A_eq=[[1, -1, 0], [0, 1, -1]], b_eq=[0, 0])
    assert as_rows(prob.vertices()) == [(F(1, 3), F(1, 3), F(1, 3))]


def test_duplicated_and_redundant_constraints_do_not_change_the_result():
    base = Problem(3, A_ub=[[1, 1, 0]], b_ub=[F(3, 4)], lower=[F(1, 10), 0, 0],
                   upper=[F(1, 2), 1, 1])
    expected = as_rows(base.vertices())
    assert expected == brute_force(base)
    noisy = Problem(
        3,
        A_ub=[
            [1, 1, 0],
            [2, 2, 0],  # same as the first, scaled
            [1, 1, 0],  # exact duplicate
            [1, 0, 0],  # p0 <= 1/2, the upper bound again
            [1, 0, 0],  # p0 <= 9/10, redundant
            [1, 1, 1],  # sum <= 1, implied
            [-1, 0, 0],  # p0 >= 1/20, redundant
            [1, 1, 0],  # p0 + p1 <= 1, redundant
        ],
        b_ub=[F(3, 4), F(3, 2), F(3, 4), F(1, 2), F(9, 10), 1, F(-1, 20), 1],
        A_eq=[[1, 1, 1], [2, 2, 2]],  # sum(p) == 1 again, twice
        b_eq=[1, 2],
        lower=[F(1, 10), 0, 0],
        upper=[F(1, 2), 1, 1],
    )
    assert as_rows(noisy.vertices()) == expected
    assert np.allclose(noisy.vertices(exact=False), base.vertices().astype(float), atol=1e-12)
    # a repeated equality (also written scaled and negated) changes nothing either
    eq1 = Problem(3, A_eq=[[1, -1, 0]], b_eq=[0])
    eq3 = Problem(3, A_eq=[[1, -1, 0], [-2, 2, 0], [3, -3, 0]], b_eq=[0, 0, 0])
    assert as_rows(eq3.vertices()) == as_rows(eq1.vertices())


def test_degenerate_vertices_with_more_than_n_minus_1_tight_constraints():
    # p0 <= p1 over 4 outcomes: at e_3 and e_4 four constraints are tight (3-dim polytope)
    prob = Problem(4, A_ub=[[1, -1, 0, 0]], b_ub=[0])
    V = as_rows(prob.vertices())
    assert V == [(0, 0, 0, 1), (0, 0, 1, 0), (0, 1, 0, 0), (F(1, 2), F(1, 2), 0, 0)]
    assert [count_tight(prob, p) for p in V] == [4, 4, 3, 3]
    # lower bounds summing to 3/4 and caps: each vertex has 3 tight bounds in a 2-dim set
    prob2 = Problem(3, lower=[F(1, 4)] * 3, upper=[F(1, 2)] * 3)
    assert as_rows(prob2.vertices()) == [
        (F(1, 4), F(1, 4), F(1, 2)),
        (F(1, 4), F(1, 2), F(1, 4)),
        (F(1, 2), F(1, 4), F(1, 4)),
    ]
    # p0 <= p1 and p2 <= p1 over 4 outcomes: 5 constraints are tight at e_4
    prob3 = Problem(4, A_ub=[[1, -1, 0, 0], [0, -1, 1, 0]], b_ub=[0, 0])
    V3 = as_rows(prob3.vertices())
    assert V3 == brute_force(prob3)
    assert V3 == [
        (0, 0, 0, 1),
        (0, F(1, 2), F(1, 2), 0),
        (0, 1, 0, 0),
        (F(1, 3), F(1, 3), F(1, 3), 0),
        (F(1, 2), F(1, 2), 0, 0),
    ]
    assert count_tight(prob3, (0, 0, 0, 1)) == 5


def test_implicit_equality_from_opposite_inequalities():
    prob = Problem(3, A_ub=[[1, -1, 0], [-1, 1, 0]], b_ub=[0, 0])
    assert as_rows(prob.vertices()) == [(0, 0, 1), (F(1, 2), F(1, 2), 0)]


def test_trivially_implied_bounds_are_ignored():
    prob = Problem(3, lower=[0, 0, 0], upper=[1, 1, 1])
    assert as_rows(prob.vertices()) == as_rows(Problem(3).vertices())


def test_integer_entries_are_accepted_in_exact_mode():
    A = np.array([[1, 1, 0]], dtype=object)
    V = enumerate_vertices(A, np.array([0], dtype=object), np.empty((0, 3), dtype=object),
                           np.empty(0, dtype=object), [0, 0, 0], [1, 1, 1], ar=EXACT)
    assert as_rows(V) == [(0, 0, 1)]
    assert isinstance(V[0, 0], F)


# ----------------------------------------------------------------------------------------
# input validation
# ----------------------------------------------------------------------------------------


def test_float_entry_rejected_in_exact_mode():
    A, b, Ae, be, lo, up = Problem(3).args(exact=True)
    lo = np.array([0.1, F(0), F(0)], dtype=object)
    with pytest.raises(InvalidArgumentError, match="lower"):
        enumerate_vertices(A, b, Ae, be, lo, up, ar=EXACT)


def test_bad_shapes_rejected():
    A, b, Ae, be, lo, up = Problem(3).args(exact=False)
    with pytest.raises(InvalidArgumentError, match="A_ub"):
        enumerate_vertices(np.zeros((2, 4)), np.zeros(2), Ae, be, lo, up, ar=FLOAT)
    with pytest.raises(InvalidArgumentError, match="b_ub"):
        enumerate_vertices(np.zeros((2, 3)), np.zeros(3), Ae, be, lo, up, ar=FLOAT)
    with pytest.raises(InvalidArgumentError, match="upper"):
        enumerate_vertices(A, b, Ae, be, lo, np.ones(2), ar=FLOAT)


def test_nan_and_negative_atol_rejected():
    A, b, Ae, be, lo, up = Problem(3).args(exact=False)
    with pytest.raises(InvalidArgumentError):
        enumerate_vertices(A, b, Ae, be, np.array([np.nan, 0, 0]), up, ar=FLOAT)
    with pytest.raises(InvalidArgumentError):
        enumerate_vertices(A, b, Ae, be, lo, up, ar=FLOAT, atol=-1.0)


# ----------------------------------------------------------------------------------------
# random problems against brute force, and float against exact
# ----------------------------------------------------------------------------------------


def _random_simplex_point(rng: random.Random, n: int) -> list[F]:
    w = [rng.randint(0, 4) for _ in range(n)]
    if sum(w) == 0:
        w[rng.randrange(n)] = 1
    return [F(x, sum(w)) for x in w]


def random_problem(seed: int) -> Problem:
    rng = random.Random(seed)
    n = rng.randint(2, 5)
    q = _random_simplex_point(rng, n)
    A_ub, b_ub = [], []
    for _ in range(rng.randint(0, 5)):
        a = [F(rng.randint(-3, 3)) for _ in range(n)]
        if rng.random() < 0.85:  # keeps q feasible
            b = dot(a, q) + F(rng.randint(0, 2), rng.randint(1, 4))
        else:
            b = F(rng.randint(-3, 3), rng.randint(1, 3))
        A_ub.append(a)
        b_ub.append(b)
    if seed % 7 == 5:  # a pair of opposite inequalities: an implicit equality
        a = [F(rng.randint(-2, 2)) for _ in range(n)]
        v = dot(a, q)
        A_ub += [a, [-x for x in a]]
        b_ub += [v, -v]
    A_eq, b_eq = [], []
    if seed % 4 == 0:  # equalities through q: lower-dimensional, usually nonempty
        for _ in range(rng.randint(1, 2)):
            a = [F(rng.randint(-2, 2)) for _ in range(n)]
            A_eq.append(a)
            b_eq.append(dot(a, q))
    lower, upper = [F(0)] * n, [F(1)] * n
    for j in range(n):
        # bounds mostly around q (so q stays feasible), sometimes anywhere
        wild = rng.random() < 0.1
        if rng.random() < 0.35:
            lower[j] = F(rng.randint(0, 2), rng.randint(3, 6))
            if not wild:
                lower[j] = min(lower[j], q[j])
        if rng.random() < 0.35:
            upper[j] = min(F(1), lower[j] + F(rng.randint(0, 3), rng.randint(3, 6)))
            if not wild:
                upper[j] = max(upper[j], q[j])
    if seed % 10 == 3:  # lower bounds summing past 1: empty
        lower = [F(2, 3)] * n
    return Problem(n, A_ub, b_ub, A_eq, b_eq, lower, upper)


def affine_dimension(V: np.ndarray) -> int:
    if len(V) == 0:
        return -1
    return exact_rank([[x - y for x, y in zip(row, V[0], strict=True)] for row in V[1:]])


RANDOM_SEEDS = range(100)


@pytest.fixture(scope="module")
def random_results():
    out = []
    for seed in RANDOM_SEEDS:
        prob = random_problem(seed)
        out.append((seed, prob, prob.vertices(exact=True)))
    return out


def test_random_problems_match_brute_force(random_results):
    kinds = {"empty": 0, "equalities": 0, "lower_dim": 0, "full_dim": 0}
    for seed, prob, V in random_results:
        assert V.shape[1] == prob.n and V.dtype == object
        assert as_rows(V) == brute_force(prob), f"seed {seed}"
        dim = affine_dimension(V)
        kinds["empty"] += dim < 0
        kinds["equalities"] += bool(prob.A_eq)
        kinds["lower_dim"] += 0 <= dim < prob.n - 1
        kinds["full_dim"] += dim == prob.n - 1
    # the generator covers the interesting cases
    assert kinds["empty"] >= 8, kinds
    assert kinds["equalities"] >= 20, kinds
    assert kinds["lower_dim"] >= 15, kinds
    assert kinds["full_dim"] >= 30, kinds


def test_random_problems_float_matches_exact(random_results):
    for seed, prob, V in random_results:
        Vf = prob.vertices(exact=False)
        assert Vf.dtype == np.float64
        assert Vf.shape == V.shape, f"seed {seed}"
        assert np.allclose(Vf, V.astype(float), rtol=0, atol=1e-9), f"seed {seed}"


def test_random_problem_rows_are_vertices_exactly():
    rng = random.Random(12345)
    n = 7
    q = _random_simplex_point(rng, n)
    A_ub, b_ub = [], []
    for _ in range(8):
        a = [F(rng.randint(-3, 3)) for _ in range(n)]
        A_ub.append(a)
        b_ub.append(dot(a, q) + F(1, rng.randint(2, 5)))
    prob = Problem(n, A_ub, b_ub, lower=[F(1, 50)] * n, upper=[F(1, 3)] * n)
    V = as_rows(prob.vertices())
    assert len(V) > n
    assert len(set(V)) == len(V) and V == sorted(V)
    for p in V:
        assert prob.feasible(p)
        assert prob.tight_rank(p) == n  # n - 1 independent tight constraints plus sum


# ----------------------------------------------------------------------------------------
# larger probability-interval sets and float tolerance handling
# ----------------------------------------------------------------------------------------


def test_eight_outcome_probability_intervals_exact_and_float():
    n = 8
    lower, upper = [F(1, 16)] * n, [F(1, 4)] * n
    prob = Problem(n, lower=lower, upper=upper)
    expected = interval_vertices(lower, upper)
    # one coordinate at 3/16, two at 1/4, five at 1/16
    assert len(expected) == 8 * 21
    # CPU time, not wall-clock time: a loaded machine must not fail this test; the bound
    # only catches an enumeration that has become exponential (it takes about 0.1 s).
    start = time.process_time()
    V = prob.vertices(exact=True)
    exact_time = time.process_time() - start
    assert as_rows(V) == expected
    start = time.process_time()
    Vf = prob.vertices(exact=False)
    float_time = time.process_time() - start
    assert np.allclose(Vf, V.astype(float), rtol=0, atol=1e-12)
    assert exact_time < 20 and float_time < 20


def test_asymmetric_probability_intervals_against_structure():
    lower = [F(1, 20), F(1, 10), 0, F(1, 12), F(1, 8), 0, F(1, 30)]
    upper = [F(1, 4), F(1, 3), F(1, 5), F(1, 2), F(1, 4), F(1, 6), F(1, 3)]
    prob = Problem(7, lower=lower, upper=upper)
    expected = interval_vertices([F(x) for x in lower], [F(x) for x in upper])
    assert len(expected) > 20
    assert as_rows(prob.vertices()) == expected
    assert np.allclose(prob.vertices(exact=False), np.array(expected, dtype=float), atol=1e-12)


def test_float_constraints_equal_within_atol_give_no_near_duplicate_vertices():
    A = np.array([[1.0, 0.0, 0.0], [1.0, 0.0, 0.0]])
    b = np.array([0.5, 0.5 + 1e-13])
    Ae, be = np.empty((0, 3)), np.empty(0)
    V2 = enumerate_vertices(A, b, Ae, be, np.zeros(3), np.ones(3), ar=FLOAT)
    V1 = enumerate_vertices(A[:1], b[:1], Ae, be, np.zeros(3), np.ones(3), ar=FLOAT)
    assert V1.shape == V2.shape == (4, 3)
    assert np.allclose(V1, V2, atol=1e-12)


def test_float_rounded_equality_is_not_mistaken_for_a_constraint():
    # 0.1 + 0.2 != 0.3 in binary; the row is sum(p) == 1 scaled, up to rounding
    A_eq = np.array([[0.3, 0.3, 0.3]])
    b_eq = np.array([0.1 + 0.2])
    V = enumerate_vertices(np.empty((0, 3)), np.empty(0), A_eq, b_eq, np.zeros(3), np.ones(3),
                           ar=FLOAT)
    assert np.array_equal(V, np.eye(3)[::-1])


def test_float_rows_are_sorted_lexicographically_despite_rounding():
    V = enumerate_vertices(np.empty((0, 3)), np.empty(0), np.empty((0, 3)), np.empty(0),
                           [0.1, 0.2, 0.0], [0.5, 0.5, 1.0], ar=FLOAT)
    assert np.allclose(V, [[0.1, 0.2, 0.7], [0.1, 0.5, 0.4], [0.5, 0.2, 0.3], [0.5, 0.5, 0.0]],
                       atol=1e-12)


def test_huge_numbers_stay_exact():
    # denominators far beyond int64: the exact arithmetic must fall back to Python ints
    big = 10**30 + 57
    lower = [F(1, big), F(2, 7), F(10**25, big), F(0), F(1, 3 * big)]
    upper = [F(big // 3, big), F(1, 2), F(1, 2), F(1, 5), F(7, 9)]
    prob = Problem(5, A_ub=[[1, -1, big, 0, 0]], b_ub=[F(big, 2)], lower=lower, upper=upper)
    V = as_rows(prob.vertices())
    assert V == brute_force(prob)
    assert any(max(x.denominator for x in p) > 2**63 for p in V)
    assert as_rows(Problem(5, lower=lower, upper=upper).vertices()) == interval_vertices(
        lower, upper)


@pytest.mark.parametrize("exact", [True, False])
def test_in_order_gives_the_same_vertices_as_max_cutoff(exact: bool) -> None:
    rng = np.random.default_rng(11)
    n = 5
    p = rng.dirichlet(np.ones(n))
    A = rng.integers(-3, 4, size=(8, n))
    b = A @ p + rng.integers(1, 4, size=8) / 8
    if exact:
        A = np.array([[F(int(x)) for x in row] for row in A], dtype=object)
        b = np.array([F(float(x)).limit_denominator(1000) for x in b],
                     dtype=object)
        zeros, ones = np.array([F(0)] * n, dtype=object), \
            np.array([F(1)] * n, dtype=object)
        none_A, none_b = np.empty((0, n), dtype=object), np.empty(0, dtype=object)
    else:
        A = A.astype(float)
        zeros, ones = np.zeros(n), np.ones(n)
        none_A, none_b = np.empty((0, n)), np.empty(0)
    V1 = enumerate_vertices(A, b, none_A, none_b, zeros, ones, ar=arithmetic_of(exact))
    V2 = enumerate_vertices(A, b, none_A, none_b, zeros, ones, ar=arithmetic_of(exact),
                            in_order=True)
    assert V1.shape == V2.shape and V1.shape[0] > 3
    if exact:
        assert (V1 == V2).all()
    else:
        assert np.abs(V1 - V2).max() <= 1e-9

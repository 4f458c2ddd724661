"""Tests of the exact rational simplex, :func:`credal.lp._simplex.rational_simplex`.

Every optimal answer is checked with an exact optimality certificate (primal
feasibility, dual feasibility, complementary slackness, strong duality), and random
problems are compared against HiGHS through ``scipy.optimize.linprog``.
"""

from __future__ import annotations

import copy
import threading
from fractions import Fraction as F

import numpy as np
import pytest
from scipy.optimize import linprog

from credal.errors import InvalidArgumentError
from credal.lp._simplex import SimplexOutcome, rational_simplex

# --------------------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------------------


def solve(c, A_ub=(), b_ub=(), A_eq=(), b_eq=(), lower=None, upper=None) -> SimplexOutcome:
    """``rational_simplex`` with linprog-like defaults (x >= 0) and a certificate check."""
    n = len(c)
    lower = [F(0)] * n if lower is None else lower
    upper = [None] * n if upper is None else upper
    res = rational_simplex(c, A_ub, b_ub, A_eq, b_eq, lower, upper)
    assert res.status in ("optimal", "infeasible", "unbounded")
    if res.status == "optimal":
        assert_certificate(c, A_ub, b_ub, A_eq, b_eq, lower, upper, res)
    else:
        assert res.x is None and res.value is None
        assert res.dual_ub is None and res.dual_eq is None
    return res


def dot(u, v) -> F:
    return sum((F(a) * F(b) for a, b in zip(u, v, strict=True)), F(0))


def assert_certificate(c, A_ub, b_ub, A_eq, b_eq, lower, upper, res: SimplexOutcome) -> None:
    """Exact LP optimality certificate for an ``"optimal"`` outcome."""
    n = len(c)
    x, y_ub, y_eq = res.x, res.dual_ub, res.dual_eq
    assert len(x) == n and len(y_ub) == len(A_ub) and len(y_eq) == len(A_eq)
    assert all(type(v) is F for v in (*x, *y_ub, *y_eq, res.value))
    assert res.value == dot(c, x)
    # Primal feasibility, exactly.
    for j in range(n):
        assert lower[j] is None or x[j] >= lower[j]
        assert upper[j] is None or x[j] <= upper[j]
    for row, b, y in zip(A_ub, b_ub, y_ub, strict=True):
        assert dot(row, x) <= b
        assert y <= 0
        if dot(row, x) < b:
            assert y == 0, "complementary slackness: slack row must have zero dual"
    for row, b in zip(A_eq, b_eq, strict=True):
        assert dot(row, x) == b
    # Reduced costs r = c - A_ub^T y_ub - A_eq^T y_eq and their signs.
    r = [
        F(c[j])
        - sum((F(row[j]) * y for row, y in zip(A_ub, y_ub, strict=True)), F(0))
        - sum((F(row[j]) * y for row, y in zip(A_eq, y_eq, strict=True)), F(0))
        for j in range(n)
    ]
    for j in range(n):
        at_lo = lower[j] is not None and x[j] == lower[j]
        at_up = upper[j] is not None and x[j] == upper[j]
        if at_lo and not at_up:
            assert r[j] >= 0
        elif at_up and not at_lo:
            assert r[j] <= 0
        elif not at_lo and not at_up:
            assert r[j] == 0
    # Strong duality in the form c.x = b_ub.y_ub + b_eq.y_eq + sum_j r_j x_j.
    assert dot(c, x) == dot(b_ub, y_ub) + dot(b_eq, y_eq) + dot(r, x)


def solve_with_deadline(seconds, c, A_ub, b_ub, A_eq=(), b_eq=(), lower=None, upper=None):
    """``solve`` in a daemon thread, failing (instead of hanging) if it cycles."""
    box = {}

    def run():
        box["res"] = solve(c, A_ub, b_ub, A_eq, b_eq, lower, upper)

    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    worker.join(seconds)
    assert not worker.is_alive(), "rational_simplex did not terminate: is it cycling?"
    assert "res" in box, "rational_simplex raised (see the thread's traceback)"
    return box["res"]


def dantzig_cycles(c, A, b, max_iter=50) -> bool:
    """Textbook tableau simplex for ``min c.x, A x <= b, x >= 0`` from the slack basis,
    with Dantzig's rule (most negative reduced cost) and the smallest basic index among
    ratio ties. Returns True when it revisits a basis (cycles)."""
    m, n = len(A), len(c)
    T = [[F(v) for v in A[i]] + [F(int(i == k)) for k in range(m)] + [F(b[i])] for i in range(m)]
    d = [F(v) for v in c] + [F(0)] * m
    basis = [n + i for i in range(m)]
    seen = {tuple(basis)}
    for _ in range(max_iter):
        q = min(range(n + m), key=lambda j: (d[j], j))
        if d[q] >= 0:
            return False
        rows = [i for i in range(m) if T[i][q] > 0]
        if not rows:
            return False
        r = min(rows, key=lambda i: (T[i][-1] / T[i][q], basis[i]))
        T[r] = [v / T[r][q] for v in T[r]]
        for i in range(m):
            if i != r and T[i][q]:
                f = T[i][q]
                T[i] = [a - f * p for a, p in zip(T[i], T[r], strict=True)]
        f = d[q]
        d = [a - f * p for a, p in zip(d, T[r][:-1], strict=True)]
        basis[r] = q
        if tuple(basis) in seen:
            return True
        seen.add(tuple(basis))
    return False


# --------------------------------------------------------------------------------------
# Known answers
# --------------------------------------------------------------------------------------


def test_tiny_two_variable_lp_by_hand():
    # max x + y  s.t.  x + 2y <= 4,  3x + y <= 6,  x, y >= 0: vertex (8/5, 6/5).
    res = solve([F(-1), F(-1)], [[F(1), F(2)], [F(3), F(1)]], [F(4), F(6)])
    assert res.status == "optimal"
    assert res.x == (F(8, 5), F(6, 5))
    assert res.value == F(-14, 5)
    # Shadow prices solve y1 + 3 y2 = -1, 2 y1 + y2 = -1.
    assert res.dual_ub == (F(-2, 5), F(-1, 5))
    assert res.dual_eq == ()


def test_infeasible_inequalities():
    # x + y <= 1 and x + y >= 3.
    res = solve([F(1), F(1)], [[F(1), F(1)], [F(-1), F(-1)]], [F(1), F(-3)])
    assert res == SimplexOutcome("infeasible")


def test_infeasible_equalities_with_bounds():
    # x + y = 1, x - y = 3 forces y = -1 < 0.
    res = solve([F(0), F(0)], A_eq=[[F(1), F(1)], [F(1), F(-1)]], b_eq=[F(1), F(3)])
    assert res.status == "infeasible"


def test_lower_above_upper_is_infeasible():
    res = solve([F(1), F(1)], lower=[F(0), F(2)], upper=[F(1), F(1)])
    assert res.status == "infeasible"


def test_unbounded():
    # min -x  s.t.  x - y <= 1,  x, y >= 0: x = 1 + y grows forever.
    res = solve([F(-1), F(0)], [[F(1), F(-1)]], [F(1)])
    assert res.status == "unbounded"


def test_unbounded_free_variable_without_constraints():
    assert solve([F(1)], lower=[None], upper=[None]).status == "unbounded"
    assert solve([F(1)], lower=[None], upper=[F(3)]).status == "unbounded"


BEALE_A = [[F(1, 4), F(-60), F(-1, 25), F(9)], [F(1, 2), F(-90), F(-1, 50), F(3)], [0, 0, 1, 0]]
BEALE_C = [F(-3, 4), F(150), F(-1, 50), F(6)]
# The variant in Bertsimas & Tsitsiklis, Example 3.6.
BT_A = [[F(1, 4), F(-8), F(-1), F(9)], [F(1, 2), F(-12), F(-1, 2), F(3)], [0, 0, 1, 0]]
BT_C = [F(-3, 4), F(20), F(-1, 2), F(6)]


def test_beale_examples_really_cycle_under_dantzigs_rule():
    assert dantzig_cycles(BEALE_C, BEALE_A, [0, 0, 1])
    assert dantzig_cycles(BT_C, BT_A, [0, 0, 1])


def test_beale_cycling_example():
    # min -3/4 x4 + 150 x5 - 1/50 x6 + 6 x7 (Beale 1955): optimum -1/20.
    res = solve_with_deadline(10, BEALE_C, BEALE_A, [F(0), F(0), F(1)])
    assert res.status == "optimal"
    assert res.value == F(-1, 20)
    assert res.x == (F(1, 25), F(0), F(1), F(0))


def test_beale_cycling_example_bertsimas_tsitsiklis_variant():
    # min -3/4 x4 + 20 x5 - 1/2 x6 + 6 x7: optimum -5/4 at (1, 0, 1, 0).
    res = solve_with_deadline(10, BT_C, BT_A, [F(0), F(0), F(1)])
    assert res.status == "optimal"
    assert res.value == F(-5, 4)
    assert res.x == (F(1), F(0), F(1), F(0))


@pytest.mark.parametrize(
    "c, A_ub, expected",
    [
        # Found by search: these cycle when ratio-test ties are not broken by the
        # smallest basic index (the first two with the largest index instead, the third
        # with the last tied row).
        (
            [-1, 2, -5, -4, -3, -5, 2],
            [
                [1, 4, -4, -3, 2, 0, -2],
                [-2, -1, -1, 2, 0, -3, 2],
                [4, -2, 1, 0, -1, 2, 0],
                [1, 3, 4, 2, 3, 2, 1],
                [4, 1, 2, -4, 2, -4, -2],
            ],
            "optimal",
        ),
        (
            [3, 2, 0, 0, -3, -4, 5],
            [
                [4, 4, 0, -4, 1, -4, 4],
                [3, 1, -2, 4, 2, 3, -2],
                [-2, 3, -3, -4, -1, -1, 0],
                [-3, -2, -3, -2, 1, -1, 2],
                [-2, -1, -4, 4, -3, 0, -3],
            ],
            "unbounded",
        ),
        (
            [4, 3, -2, 0, -4, -2, -2],
            [
                [0, -1, 3, 4, -1, 3, 3],
                [-4, 3, 1, 0, 3, -1, 3],
                [1, -3, 3, -1, -4, 4, -1],
                [-4, 4, 3, 3, -2, 4, 1],
                [-3, 2, 2, 0, -1, 3, -4],
            ],
            "unbounded",
        ),
    ],
)
def test_fully_degenerate_problems_terminate(c, A_ub, expected):
    c = [F(v) for v in c]
    A_ub = [[F(v) for v in row] for row in A_ub]
    res = solve_with_deadline(10, c, A_ub, [F(0)] * len(A_ub))
    assert res.status == expected
    if expected == "optimal":
        assert res.value == 0 and res.x == (F(0),) * len(c)


def test_duplicated_equality_rows():
    # min x1 + 2 x2 + 3 x3  s.t.  x1 + x2 + x3 = 1 (three times, once scaled), x1 <= x2.
    one = [F(1), F(1), F(1)]
    res = solve(
        [F(1), F(2), F(3)],
        A_ub=[[F(1), F(-1), F(0)]],
        b_ub=[F(0)],
        A_eq=[one, one, [F(2), F(2), F(2)]],
        b_eq=[F(1), F(1), F(2)],
    )
    assert res.status == "optimal"
    assert res.x == (F(1, 2), F(1, 2), F(0))
    assert res.value == F(3, 2)
    # Individual equality duals are not unique, their combined effect is.
    y = res.dual_eq
    assert y[0] + y[1] + 2 * y[2] == F(3, 2)
    assert res.dual_ub == (F(-1, 2),)


def test_all_zero_equality_rows():
    ok = solve([F(1)], A_eq=[[F(0)], [F(1)], [F(0)]], b_eq=[F(0), F(2), F(0)])
    assert ok.status == "optimal" and ok.x == (F(2),) and ok.dual_eq[1] == 1
    bad = solve([F(1)], A_eq=[[F(0)], [F(1)]], b_eq=[F(1), F(2)])
    assert bad.status == "infeasible"


def test_free_variables():
    # min x + 2y  s.t.  x + y >= 1,  x - y <= 3,  x, y free: vertex (2, -1), value 0.
    res = solve(
        [F(1), F(2)],
        A_ub=[[F(-1), F(-1)], [F(1), F(-1)]],
        b_ub=[F(-1), F(3)],
        lower=[None, None],
        upper=[None, None],
    )
    assert res.status == "optimal"
    assert res.x == (F(2), F(-1))
    assert res.value == 0
    assert res.dual_ub == (F(-3, 2), F(-1, 2))


def test_free_variable_in_equality_and_idle_free_variable():
    # min x2  s.t.  x1 - x2 = -3 with x1 in [0, 5], x2 free, x3 free and unused.
    res = solve(
        [F(0), F(1), F(0)],
        A_eq=[[F(1), F(-1), F(0)]],
        b_eq=[F(-3)],
        lower=[F(0), None, None],
        upper=[F(5), None, None],
    )
    assert res.status == "optimal"
    assert res.x[:2] == (F(0), F(3))
    assert res.value == 3
    assert res.dual_eq == (F(-1),)


def test_finite_upper_bounds():
    # min -x1 - 2 x2  s.t.  x1 + x2 <= 3,  0 <= x1, x2 <= 2.
    res = solve([F(-1), F(-2)], [[F(1), F(1)]], [F(3)], lower=[F(0), F(0)], upper=[F(2), F(2)])
    assert res.status == "optimal"
    assert res.x == (F(1), F(2))
    assert res.value == -5
    assert res.dual_ub == (F(-1),)


def test_optimum_at_upper_bounds_without_constraints():
    # Shifted and upper-only bounds, no rows at all.
    res = solve(
        [F(-1), F(1), F(-2)],
        lower=[F(-1), F(-2), None],
        upper=[F(4), F(7), F(5, 3)],
    )
    assert res.status == "optimal"
    assert res.x == (F(4), F(-2), F(5, 3))
    assert res.value == F(-28, 3)
    assert res.dual_ub == () and res.dual_eq == ()


def test_optimum_at_upper_bound_with_a_binding_row():
    # Probability simplex with bounds: min -3 p1 - 2 p2 - p3, p1 <= 1/4, p2 <= 1/2.
    res = solve(
        [F(-3), F(-2), F(-1)],
        A_eq=[[F(1), F(1), F(1)]],
        b_eq=[F(1)],
        lower=[F(0)] * 3,
        upper=[F(1, 4), F(1, 2), F(1)],
    )
    assert res.status == "optimal"
    assert res.x == (F(1, 4), F(1, 2), F(1, 4))
    assert res.value == F(-2)
    assert res.dual_eq == (F(-1),)


def test_fixed_variable():
    res = solve([F(1), F(1)], [[F(-1), F(-1)]], [F(-3)], lower=[F(2), F(0)], upper=[F(2), F(9)])
    assert res.status == "optimal"
    assert res.x == (F(2), F(1))
    assert res.value == 3


def test_no_variables():
    assert solve([]).value == 0
    assert solve([], A_ub=[[]], b_ub=[F(-1)]).status == "infeasible"


def test_accepts_ints_tuples_and_numpy_object_arrays_without_mutating():
    c = np.array([F(-1), -1], dtype=object)
    A_ub = np.array([[1, 2], [F(3), 1]], dtype=object)
    b_ub = (4, F(6))
    A_eq = np.empty((0, 2), dtype=object)
    b_eq = np.empty(0, dtype=object)
    lower = np.array([0, 0], dtype=object)
    upper = np.array([None, None], dtype=object)
    args = (c, A_ub, b_ub, A_eq, b_eq, lower, upper)
    before = copy.deepcopy(args)
    res = rational_simplex(*args)
    assert res.value == F(-14, 5) and res.x == (F(8, 5), F(6, 5))
    for a, b in zip(args, before, strict=True):
        assert type(a) is type(b)
        assert np.array_equal(np.asarray(a, dtype=object), np.asarray(b, dtype=object))


def test_deterministic():
    args = ([F(1), F(1), F(1)], [[F(-1), F(-1), F(-1)]], [F(-1)], [], [], [F(0)] * 3, [None] * 3)
    first = rational_simplex(*args)
    assert all(rational_simplex(*args) == first for _ in range(3))
    assert first.value == 1


def test_bad_shapes_raise():
    with pytest.raises(InvalidArgumentError):
        rational_simplex([1, 2], [[1]], [1], [], [], [0, 0], [None, None])
    with pytest.raises(InvalidArgumentError):
        rational_simplex([1, 2], [[1, 1]], [], [], [], [0, 0], [None, None])
    with pytest.raises(InvalidArgumentError):
        rational_simplex([1, 2], [], [], [], [], [0], [None, None])
    with pytest.raises(ValueError):
        rational_simplex([float("nan")], [], [], [], [], [0], [None])


# --------------------------------------------------------------------------------------
# Randomised comparison with HiGHS
# --------------------------------------------------------------------------------------


def random_problem(rng: np.random.Generator, *, finite_bounds: bool):
    """A feasible-by-construction LP with small integer data (often degenerate)."""
    n = int(rng.integers(1, 9))
    m1 = int(rng.integers(0, 7))
    m2 = int(rng.integers(0, min(n, 3) + 1))
    point = rng.integers(-3, 4, size=n)
    lower, upper = [], []
    for j in range(n):
        lo = point[j] - int(rng.choice([0, 0, 1, 2]))
        up = point[j] + int(rng.choice([0, 0, 1, 3]))
        if not finite_bounds:
            kind = rng.integers(0, 4)
            lo = None if kind in (1, 3) else lo
            up = None if kind in (2, 3) else up
        lower.append(None if lo is None else F(int(lo)))
        upper.append(None if up is None else F(int(up)))
    A_ub = rng.integers(-4, 5, size=(m1, n))
    b_ub = A_ub @ point + rng.choice([0, 0, 1, 2], size=m1)  # zero slack: degeneracy
    A_eq = rng.integers(-3, 4, size=(m2, n))
    if m2 and rng.random() < 0.3:  # a redundant row: sum of the others
        A_eq = np.vstack([A_eq, A_eq.sum(axis=0)])
    b_eq = A_eq @ point
    c = rng.integers(-5, 6, size=n)
    to_f = lambda a: [[F(int(v)) for v in row] for row in a]  # noqa: E731
    return (
        [F(int(v)) for v in c],
        to_f(A_ub),
        [F(int(v)) for v in b_ub],
        to_f(A_eq),
        [F(int(v)) for v in b_eq],
        lower,
        upper,
    )


def highs(c, A_ub, b_ub, A_eq, b_eq, lower, upper):
    """HiGHS through linprog. HiGHS's presolve can call an unbounded problem
    "infeasible" (it detects dual infeasibility only), so that verdict is re-checked
    without presolve."""
    fl = lambda a: np.array(a, dtype=float).reshape(len(a), len(c))  # noqa: E731
    kwargs = dict(
        A_ub=fl(A_ub) if A_ub else None,
        b_ub=np.array(b_ub, dtype=float) if b_ub else None,
        A_eq=fl(A_eq) if A_eq else None,
        b_eq=np.array(b_eq, dtype=float) if b_eq else None,
        bounds=[
            (None if lo is None else float(lo), None if up is None else float(up))
            for lo, up in zip(lower, upper, strict=True)
        ],
        method="highs",
    )
    res = linprog(np.array(c, dtype=float), **kwargs)
    if res.status == 2:
        res = linprog(np.array(c, dtype=float), options={"presolve": False}, **kwargs)
    return res


@pytest.mark.parametrize("finite_bounds, seed, count", [(True, 20240601, 200), (False, 7, 100)])
def test_random_problems_agree_with_highs(finite_bounds, seed, count):
    rng = np.random.default_rng(seed)
    statuses = []
    for _ in range(count):
        problem = random_problem(rng, finite_bounds=finite_bounds)
        ours = solve(*problem)  # also checks the exact certificate when optimal
        ref = highs(*problem)
        expected = {0: "optimal", 2: "infeasible", 3: "unbounded"}[ref.status]
        assert ours.status == expected, (problem, ref.message)
        if expected == "optimal":
            assert abs(float(ours.value) - ref.fun) <= 1e-7 * max(1.0, abs(ref.fun))
        statuses.append(ours.status)
    if finite_bounds:
        assert statuses == ["optimal"] * count
    else:  # the family really exercises both outcomes
        assert {"optimal", "unbounded"} <= set(statuses)

"""credal.lp._batched: many small float LPs solved in lockstep by a batched revised
simplex. Every certified answer agrees with HiGHS (to 1e-9 relative) and its point is
feasible with ``c·x`` equal to the value; warm re-solves with new costs agree too; programs
that are infeasible, unbounded, past the iteration limit or not batchable are reported so,
never answered."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from credal.errors import InvalidArgumentError
from credal.lp import LinearProgram, get_backend
from credal.lp._batched import LockstepSimplex, lockstep_groups, standard_form

HIGHS = get_backend("highs")


def highs_values(lps: list[LinearProgram], C: np.ndarray) -> np.ndarray:
    return np.array([HIGHS.solve_many(lp, C[i:i + 1])[0][0] for i, lp in enumerate(lps)])


def assert_agrees(lps: list[LinearProgram], C: np.ndarray, values: np.ndarray,
                  x: np.ndarray, certified: np.ndarray) -> None:
    """Certified answers equal HiGHS's to 1e-9 relative, at feasible points attaining
    them; uncertified ones are NaN."""
    ref = highs_values(lps, C)
    for i, lp in enumerate(lps):
        if not certified[i]:
            assert np.isnan(values[i]) and np.isnan(x[i]).all()
            continue
        assert abs(values[i] - ref[i]) <= 1e-9 * max(1.0, abs(ref[i])), (i, values[i], ref[i])
        xi = x[i]
        assert abs(C[i] @ xi - values[i]) <= 1e-12 * max(1.0, abs(values[i]))
        tol = 1e-8 * (1.0 + np.abs(xi).max())
        assert (lp.A_ub @ xi <= lp.b_ub + tol).all()
        assert (np.abs(lp.A_eq @ xi - lp.b_eq) <= tol).all()
        assert (xi >= lp.lower - tol).all() and (xi <= lp.upper + tol).all()


def random_lp(rng: np.random.Generator, n: int, m1: int, m2: int, *,
              degenerate: bool = False, integer: bool = False) -> LinearProgram:
    """A feasible, bounded program: rows through an interior (or, degenerate, a boundary)
    point ``x0`` of a box; degenerate ones also repeat rows."""
    lower = rng.uniform(-2.0, 0.0, n)
    upper = lower + rng.uniform(0.5, 3.0, n)
    x0 = lower + rng.uniform(0.2, 0.8, n) * (upper - lower)
    draw = (lambda shape: rng.integers(-3, 4, shape).astype(np.float64)) if integer else \
        (lambda shape: rng.normal(size=shape))
    A_ub, A_eq = draw((m1, n)), draw((m2, n))
    slack = np.zeros(m1) if degenerate else rng.uniform(0.0, 1.0, m1)
    if degenerate and m1:
        x0 = lower.copy()  # a vertex of the box where every bound and row is tight
        A_ub = np.vstack([A_ub, A_ub[:1]])
        slack = np.zeros(m1 + 1)
    if degenerate and m2:
        A_eq = np.vstack([A_eq, A_eq[:1], 2.0 * A_eq[:1]])
    return LinearProgram.create(np.zeros(n), A_ub, A_ub @ x0 + slack, A_eq, A_eq @ x0,
                                lower=lower, upper=upper)


def simplex_lp(rng: np.random.Generator, n: int, rows: int) -> LinearProgram:
    """``{p in simplex : G p >= c}`` as credal's H-forms give it (upper bounds of 1)."""
    G = rng.integers(0, 10, (rows, n)).astype(np.float64)
    c = G @ rng.dirichlet(np.ones(n)) - 0.3
    return LinearProgram.create(np.zeros(n), -G, -c, np.ones((1, n)), [1.0], lower=0.0,
                                upper=1.0)


def solve_all(lps: list[LinearProgram], C: np.ndarray,
              groups: list[tuple[np.ndarray, LockstepSimplex]] | None = None
              ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    if groups is None:
        groups, others = lockstep_groups(lps)
        assert others.size == 0
    values = np.full(len(lps), np.nan)
    x = np.full(C.shape, np.nan)
    certified = np.zeros(len(lps), dtype=bool)
    for idx, solver in groups:
        v, xs, ok = solver.solve(C[idx])
        values[idx], x[idx], certified[idx] = v, xs, ok
    return values, x, certified


# -- known answers -----------------------------------------------------------------------
def test_known_answer() -> None:
    # min -x - y : x + 2y <= 4, 3x + y <= 6, x, y >= 0  ->  (8/5, 6/5), value -14/5
    lp = LinearProgram.create([0.0, 0.0], [[1.0, 2.0], [3.0, 1.0]], [4.0, 6.0])
    (idx, solver), = lockstep_groups([lp])[0]
    values, x, certified = solver.solve(np.array([[-1.0, -1.0]]))
    assert certified[0]
    assert values[0] == pytest.approx(-14 / 5, abs=1e-14)
    np.testing.assert_allclose(x[0], [8 / 5, 6 / 5], atol=1e-14)
    assert solver.pivots[0] >= 2


def test_bounds_of_every_kind() -> None:
    # x0 in [1, 3] (shifted), x1 <= 2 with no lower bound (negated), x2 >= -1;
    # x0 + x1 + x2 = 2, x1 >= -5 as a row.
    lp = LinearProgram.create([0.0] * 3, [[0.0, -1.0, 0.0]], [5.0], [[1.0, 1.0, 1.0]], [2.0],
                              lower=[1.0, None, -1.0], upper=[3.0, 2.0, None])
    sf = standard_form(lp)
    assert sf is not None and sf.shape == (3, 3, 5)  # one row for x0 <= 3
    (_, solver), = lockstep_groups([lp])[0]
    C = np.array([[1.0, 2.0, 3.0], [-1.0, -2.0, -3.0], [0.0, 1.0, 0.0]])
    for c, want in zip(C, [1 + 2 * (-5) + 3 * 6, -(1 + 2 * 2 + 3 * -1) - 2 * 0, -5.0],
                       strict=True):
        values, x, certified = solver.solve(c[None, :])
        ref = highs_values([lp], c[None, :])[0]
        assert certified[0] and values[0] == pytest.approx(ref, abs=1e-12)
        if c[1] == 1.0:
            assert values[0] == pytest.approx(want, abs=1e-12)


def test_implied_upper_bounds_add_no_rows() -> None:
    sf = standard_form(simplex_lp(np.random.default_rng(0), 8, 3))
    assert sf is not None and sf.shape == (8, 4, 11)  # 3 rows + sum(p) = 1, 3 slacks


# -- agreement with HiGHS ----------------------------------------------------------------
@pytest.mark.parametrize("degenerate", [False, True])
@pytest.mark.parametrize("integer", [False, True])
def test_random_lps_agree_with_highs_cold_and_warm(degenerate: bool, integer: bool) -> None:
    rng = np.random.default_rng(10 + 2 * degenerate + integer)
    lps = [random_lp(rng, 6, 4, 2, degenerate=degenerate, integer=integer)
           for _ in range(40)]
    groups, others = lockstep_groups(lps)
    assert others.size == 0
    for step in range(5):
        if integer:  # many ties
            C = rng.integers(-1, 2, (40, 6)).astype(np.float64)
        else:
            C = rng.normal(size=(40, 6))
        C[0] = 0.0
        values, x, certified = solve_all(lps, C, groups)
        assert_agrees(lps, C, values, x, certified)
        assert certified.all(), (step, np.flatnonzero(~certified))


def test_warm_resolves_take_few_pivots_and_agree() -> None:
    rng = np.random.default_rng(3)
    lps = [simplex_lp(rng, 30, 6) for _ in range(50)]
    groups, _ = lockstep_groups(lps)
    (_, solver), = groups
    V = rng.normal(size=30)
    first = None
    for _ in range(6):
        C = V[None, :] + 0.05 * rng.normal(size=(50, 30))
        values, x, certified = solve_all(lps, C, groups)
        assert certified.all()
        assert_agrees(lps, C, values, x, certified)
        if first is None:
            first = solver.pivots.copy()
        V = V + 0.1 * rng.normal(size=30)
    assert first is not None and solver.pivots.mean() < first.mean()


def test_groups_by_shape_and_others() -> None:
    rng = np.random.default_rng(4)
    free = LinearProgram.create([1.0, 0.0], A_eq=[[1.0, 1.0]], b_eq=[1.0],
                                lower=[None, 0.0], upper=[None, 1.0])
    exact = LinearProgram.create([1, 0], A_eq=[[1, 1]], b_eq=[1])
    lps = [simplex_lp(rng, 5, 2), free, simplex_lp(rng, 5, 3), exact, simplex_lp(rng, 5, 2)]
    groups, others = lockstep_groups(lps)
    assert others.tolist() == [1, 3]
    assert sorted(g.tolist() for g, _ in groups) == [[0, 4], [2]]
    C = rng.normal(size=(5, 5))
    for idx, solver in groups:
        values, x, certified = solver.solve(C[idx])
        assert certified.all()
        assert_agrees([lps[i] for i in idx], C[idx], values, x, certified)


def test_large_programs_left_to_the_backend_and_groups_split(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from credal.lp import _batched

    rng = np.random.default_rng(7)
    big = simplex_lp(rng, 4, _batched.LOCKSTEP_MAX_ROWS)  # one more row with sum(p) = 1
    lps = [simplex_lp(rng, 4, 2) for _ in range(5)]
    no_rows = LinearProgram.create([1.0, 2.0])
    assert lockstep_groups([big, *lps, no_rows])[1].tolist() == [0, 6]
    monkeypatch.setattr(_batched, "GROUP_MAX_ENTRIES", 2 * 3 * (6 + 3))  # two per solver
    groups, _ = lockstep_groups(lps)
    assert [g.tolist() for g, _ in groups] == [[0, 1], [2, 3], [4]]
    C = rng.normal(size=(5, 4))
    values, x, certified = solve_all(lps, C, groups)
    assert certified.all()
    assert_agrees(lps, C, values, x, certified)


def test_free_variable_not_batchable() -> None:
    lp = LinearProgram.create([1.0, 1.0], A_ub=[[-1.0, -1.0]], b_ub=[-1.0],
                              lower=[0.0, None], upper=[None, None])
    assert standard_form(lp) is None
    assert lockstep_groups([lp])[1].tolist() == [0]


# -- what is not certified ---------------------------------------------------------------
def test_infeasible_and_unbounded_are_not_certified() -> None:
    ok = LinearProgram.create([0.0, 0.0], [[1.0, 1.0]], [1.0])
    infeasible = LinearProgram.create([0.0, 0.0], [[1.0, 1.0]], [-1.0])
    unbounded = LinearProgram.create([0.0, 0.0], [[1.0, -1.0]], [1.0])
    groups, _ = lockstep_groups([ok, infeasible, unbounded])
    (_, solver), = groups
    for _ in range(2):  # the second call starts the certified one warm
        values, x, certified = solver.solve(np.array([[-1.0, 0.0]] * 3))
        assert certified.tolist() == [True, False, False]
        assert values[0] == pytest.approx(-1.0) and np.isnan(values[1:]).all()
        assert np.isnan(x[1:]).all()


def test_iteration_limit_is_not_certified() -> None:
    rng = np.random.default_rng(5)
    lps = [simplex_lp(rng, 20, 5) for _ in range(10)]
    forms = [standard_form(lp) for lp in lps]
    solver = LockstepSimplex([f for f in forms if f is not None], max_iterations=1)
    C = rng.normal(size=(10, 20))
    values, x, certified = solver.solve(C)
    assert not certified.all()
    assert_agrees(lps, C, values, x, certified)


# -- bad input ---------------------------------------------------------------------------
def test_bad_input_refused() -> None:
    rng = np.random.default_rng(6)
    a, b = standard_form(simplex_lp(rng, 5, 2)), standard_form(simplex_lp(rng, 5, 3))
    assert a is not None and b is not None
    with pytest.raises(InvalidArgumentError, match="one shape"):
        LockstepSimplex([a, b])
    with pytest.raises(InvalidArgumentError, match="at least one"):
        LockstepSimplex([])
    with pytest.raises(InvalidArgumentError, match="max_iterations"):
        LockstepSimplex([a], max_iterations=0)
    bare = standard_form(LinearProgram.create([1.0, 2.0]))
    assert bare is not None
    with pytest.raises(InvalidArgumentError, match="no rows"):
        LockstepSimplex([bare])
    solver = LockstepSimplex([a, a])
    with pytest.raises(InvalidArgumentError, match=r"costs must have shape \(2, 5\)"):
        solver.solve(np.zeros((2, 4)))
    with pytest.raises(InvalidArgumentError, match="finite"):
        solver.solve(np.full((2, 5), np.nan))
    assert standard_form(LinearProgram.create([Fraction(1)], A_ub=[[1]], b_ub=[1])) is None


# -- property ----------------------------------------------------------------------------
@settings(max_examples=25)
@given(seed=st.integers(0, 2**32 - 1), n=st.integers(1, 7), m1=st.integers(0, 5),
       m2=st.integers(0, 3), degenerate=st.booleans(), integer=st.booleans())
def test_property_certified_answers_agree_with_highs(seed: int, n: int, m1: int, m2: int,
                                                     degenerate: bool, integer: bool) -> None:
    rng = np.random.default_rng(seed)
    lps = [random_lp(rng, n, m1, min(m2, n), degenerate=degenerate, integer=integer)
           for _ in range(8)]
    groups, others = lockstep_groups(lps)
    assert others.size == 0
    for _ in range(3):
        C = rng.integers(-2, 3, (8, n)).astype(np.float64) if integer else \
            rng.normal(size=(8, n))
        values, x, certified = solve_all(lps, C, groups)
        assert_agrees(lps, C, values, x, certified)
        assert certified.mean() >= 0.5

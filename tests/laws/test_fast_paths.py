"""Every fast path agrees with the plain LP.

The default answer for an H-form set may come from a closed form (rows that bound single
outcomes), from its vertices (already enumerated, or within the batch's vertex budget), or
from warm-started HiGHS re-solves that start from the best remembered basis. Naming a
backend forces one LP per gamble, the reference here. Exact problems must agree exactly;
float ones within a tolerance scaled to the gambles.
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.optimize import linprog

import credal as cr
from credal._core.arith import EXACT, arithmetic_of
from credal._polyhedra.points import vertex_count_bound as _bound
from credal.sets import _answers as expectations
from credal.sets.forms.constraints import ConstraintForm
from credal.strategies import credal_sets, gambles

from ._support import BASE, EXACTNESS, check_eq, doc_tol, ex

LP_REFERENCE = {True: "exact", False: "highs"}


def batch(data: st.DataObject, n: int, exact: bool, size: int) -> np.ndarray:
    rows = data.draw(st.lists(gambles(n, exact=exact), min_size=size, max_size=size),
                     label="F")
    return np.array(rows, dtype=object if exact else np.float64)


def agree(fast: np.ndarray, slow: np.ndarray, F: np.ndarray, exact: bool) -> None:
    for a, b, f in zip(fast, slow, F, strict=True):
        check_eq(a, b, exact, doc_tol(f, f), "fast path vs one LP per gamble")


@pytest.mark.parametrize("exact", EXACTNESS)
@settings(BASE, max_examples=ex(30))
@given(data=st.data())
def test_vertex_path_agrees_with_lps(data: st.DataObject, exact: bool) -> None:
    """A batch large enough for the vertex path (when the estimate allows it) gives the
    LP's values; so does a batch after the vertices were enumerated for another reason."""
    n = data.draw(st.integers(1, 5), label="n")
    S = data.draw(credal_sets(n, exact=exact, form="constraints"), label="S")
    F = batch(data, n, exact, expectations.VERTEX_BATCH_MIN)
    slow = cr.lower_expectation(S, F, backend=LP_REFERENCE[exact])
    assert not S.vertices_known  # a named backend solves LPs
    agree(cr.lower_expectation(S, F), slow, F, exact)
    took = S.vertices_known
    budget = expectations.vertex_budget(F.shape[0], n, arithmetic_of(exact))
    if isinstance(S.representation, ConstraintForm) and _bound_rows_only(S) is None:
        # the vertex path is taken exactly when the set has few enough vertices
        assert took == (S.vertices.shape[0] <= budget)
    S.vertices  # noqa: B018 - enumerate, so that the cached vertices are used
    agree(cr.lower_expectation(S, F[:2]), slow[:2], F[:2], exact)
    r = cr.solve_lower(S, F)
    agree(r.value, slow, F, exact)
    for x, f, v in zip(r.minimizer, F, r.value, strict=True):  # a witness in S
        assert S.contains(x)
        check_eq(sum(a * b for a, b in zip(x, f, strict=True)), v, exact, doc_tol(f, f))


@pytest.mark.parametrize("exact", EXACTNESS)
@settings(BASE, max_examples=ex(25))
@given(data=st.data())
def test_vertex_count_bound_is_a_bound(data: st.DataObject, exact: bool) -> None:
    n = data.draw(st.integers(1, 5), label="n")
    S = data.draw(credal_sets(n, exact=exact, form="constraints"), label="S")
    assert vertex_count_bound(S) >= S.vertices.shape[0]


def test_vertex_count_bound_known_values() -> None:
    # the cube [0, 1/2]^3 inside the simplex of 4 outcomes: d = 3, f = 4 + 3 facets
    S = cr.CredalSet.from_bounds([0, 0, 0, 0], ["1/2", "1/2", "1/2", 1])
    assert vertex_count_bound(cr.CredalSet.from_constraints(
        A_ub=S.constraints.A_ub, b_ub=S.constraints.b_ub)) >= S.vertices.shape[0]
    # the simplex itself: n facets in dimension n - 1, n vertices
    simplex = cr.CredalSet.from_constraints(A_ub=[[0, 0, 0]], b_ub=[1])
    assert vertex_count_bound(simplex) >= 3
    # 40 outcomes and 25 rows: far too many to enumerate
    big = cr.CredalSet.from_constraints(A_ub=np.eye(40)[:25], b_ub=np.full(25, 0.5))
    assert vertex_count_bound(big) > 10**9


def test_a_batch_does_not_enumerate_too_many_vertices() -> None:
    """A set with far more vertices than a batch can pay for is answered by LPs; the
    budgeted enumeration stops early, and is not tried again for a smaller batch."""
    pairs = np.eye(30, dtype=int)[:20] + np.eye(30, k=1, dtype=int)[:20]  # p_i + p_i+1 <= 1/4
    big = cr.CredalSet.from_constraints(A_ub=pairs.tolist(), b_ub=["1/4"] * 20)  # 13,689
    F = np.random.default_rng(0).integers(-5, 6, size=(100, 30))
    values = cr.lower_expectation(big, F.tolist())
    assert not big.vertices_known
    assert list(values) == list(cr.lower_expectation(big, F.tolist(), backend="exact"))
    failed = big.representation._known("vertex_budget_failed")
    assert failed == expectations.vertex_budget(100, 30, EXACT) == 666  # 20,000 // 30


def test_a_batch_enumerates_few_vertices() -> None:
    """The benchmark family's 2,118-vertex set: a batch of 2,000 gambles enumerates them
    (the upper bound theorem allows 10^5 and would not have)."""
    rng = np.random.default_rng(1)
    G = rng.integers(0, 10, size=(20, 10)).astype(float)
    p0 = rng.integers(1, 10, size=10)
    c = G @ (p0 / p0.sum()) - 1 / 20
    S = cr.CredalSet.from_lower_previsions(list(zip(G, c, strict=True)))
    F = rng.normal(size=(2000, 10))
    fast = cr.lower_expectation(S, F)
    assert S.vertices_known
    slow = cr.lower_expectation(S, F, backend="highs")
    assert np.max(np.abs(fast - slow) / np.ptp(F, axis=1)) <= 1e-9


@pytest.mark.parametrize("exact", EXACTNESS)
@settings(BASE, max_examples=ex(30))
@given(data=st.data())
def test_bound_rows_closed_form_agrees_with_lps(data: st.DataObject, exact: bool) -> None:
    """from_constraints with rows a p_i <= b (either sign, and equalities) is answered by
    the Choquet closed form of its probability intervals."""
    n = data.draw(st.integers(1, 5), label="n")
    from credal.strategies import distributions

    p = data.draw(distributions(n, exact=exact), label="p")
    rows, rhs, eq_rows, eq_rhs = [], [], [], []
    for _ in range(data.draw(st.integers(1, 2 * n), label="m")):
        i = data.draw(st.integers(0, n - 1), label="i")
        a = data.draw(st.sampled_from([-3, -1, 1, 2]), label="a")
        slack = Fraction(data.draw(st.integers(0, 3)), 8)
        row = [Fraction(0)] * n
        row[i] = Fraction(a)
        rows.append(row)
        rhs.append(a * Fraction(p[i]) + slack)
    if n > 1 and data.draw(st.booleans(), label="equality"):
        i = data.draw(st.integers(0, n - 1))
        eq_rows.append([Fraction(int(j == i)) for j in range(n)])
        eq_rhs.append(Fraction(p[i]))
    kind = object if exact else np.float64
    kw = {"A_ub": np.array(rows, dtype=kind), "b_ub": np.array(rhs, dtype=kind)}
    if eq_rows:
        kw.update(A_eq=np.array(eq_rows, dtype=kind), b_eq=np.array(eq_rhs, dtype=kind))
    S = cr.CredalSet.from_constraints(**kw)
    assert _bound_rows_only(S) is not None
    F = batch(data, n, exact, 3)
    agree(cr.lower_expectation(S, F), cr.lower_expectation(S, F, backend=LP_REFERENCE[exact]),
          F, exact)
    agree(cr.upper_expectation(S, F), cr.upper_expectation(S, F, backend=LP_REFERENCE[exact]),
          F, exact)


def test_rows_over_two_outcomes_are_not_intervals() -> None:
    S = cr.CredalSet.from_constraints(A_ub=[[1, 1, 0]], b_ub=["1/2"])
    assert _bound_rows_only(S) is None
    assert cr.lower_expectation(S, [0, 0, 1]) == Fraction(1, 2)


@settings(BASE, max_examples=ex(8))
@given(seed=st.integers(0, 2**32 - 1))
def test_warm_started_batch_agrees_with_linprog(seed: int) -> None:
    """Hundreds of random gambles over one float H-form set, solved by re-solves that warm
    start from the best remembered basis (and over threads), against scipy's linprog run
    cold on each gamble."""
    rng = np.random.default_rng(seed)
    n, m = int(rng.integers(5, 25)), int(rng.integers(1, 15))
    G = rng.integers(-5, 10, size=(m, n)).astype(float)
    p0 = rng.dirichlet(np.ones(n))
    c = G @ p0 - rng.uniform(0, 0.1, size=m)
    S = cr.CredalSet.from_lower_previsions(list(zip(G, c, strict=True)))
    F = rng.normal(size=(200, n)) * rng.uniform(0.1, 100)
    ours = cr.lower_expectation(S, F)
    for f, v in zip(F, ours, strict=True):
        ref = linprog(f, A_ub=-G, b_ub=-c, A_eq=np.ones((1, n)), b_eq=[1.0], bounds=(0, None),
                      method="highs", options={"primal_feasibility_tolerance": 1e-10,
                                               "dual_feasibility_tolerance": 1e-10})
        assert ref.status == 0
        check_eq(v, ref.fun, False, doc_tol(f, f), "warm-started batch vs linprog")


def vertex_count_bound(S: cr.CredalSet) -> int:
    h = S.representation.own_constraints()
    assert h is not None
    return _bound(h)


def _bound_rows_only(S: cr.CredalSet) -> object:
    h = S.representation.own_constraints()
    if h is None:
        return None
    return expectations.intervals_of_rows(h, S.arithmetic)


def test_no_enumeration_is_tried_above_the_dimension_cap() -> None:
    n = expectations.VERTEX_ENUMERATION_MAX_N + 1
    assert expectations.vertex_budget(10**6, n, EXACT) == 0
    rng = np.random.default_rng(2)
    G = rng.integers(0, 10, size=(n, n)).astype(float)
    c = G @ np.full(n, 1 / n) - 0.05
    S = cr.CredalSet.from_lower_previsions(list(zip(G, c, strict=True)))
    cr.lower_expectation(S, rng.normal(size=(200, n)))
    assert not S.vertices_known

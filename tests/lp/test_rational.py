"""Exact integer linear systems by numeric lifting, :mod:`credal.lp._rational`.

Every answer is compared exactly with Gauss-Jordan elimination on ``Fraction``s, which is
independent of the lifting; the cases cover int64 and big-integer arithmetic, singular and
ill-conditioned matrices, and the certificate built on top (an exact batch agrees with the
rational simplex on every gamble).
"""

from __future__ import annotations

import math
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from credal._core.linalg import _bareiss, _lift, as_int_objects, solve_integer
from credal.lp import LinearProgram
from credal.lp.exact import ExactBackend, certify_basis


def fractions(U: np.ndarray, d: int) -> list[Fraction]:
    return [Fraction(int(u), d) for u in U]


def reference(K: np.ndarray, r: np.ndarray) -> list[Fraction] | None:
    """Gauss-Jordan elimination on Fractions: slow, plain, independent of the code under
    test. ``None`` for a singular ``K``."""
    k = len(r)
    aug = [[Fraction(int(K[i][j])) for j in range(k)] + [Fraction(int(r[i]))]
           for i in range(k)]
    for col in range(k):
        pivot = next((i for i in range(col, k) if aug[i][col] != 0), None)
        if pivot is None:
            return None
        aug[col], aug[pivot] = aug[pivot], aug[col]
        aug[col] = [v / aug[col][col] for v in aug[col]]
        for i in range(k):
            if i != col and aug[i][col] != 0:
                factor = aug[i][col]
                aug[i] = [a - factor * b for a, b in zip(aug[i], aug[col], strict=True)]
    return [aug[i][k] for i in range(k)]


@st.composite
def systems(draw: st.DrawFn, max_k: int = 8, max_bits: int = 20) -> tuple[np.ndarray, ...]:
    k = draw(st.integers(1, max_k))
    bound = 2 ** draw(st.integers(1, max_bits))
    entries = st.integers(-bound, bound)
    K = np.array(draw(st.lists(st.lists(entries, min_size=k, max_size=k), min_size=k,
                               max_size=k)), dtype=object)
    r = np.array(draw(st.lists(entries, min_size=k, max_size=k)), dtype=object)
    return K, r


def _by_lifting(K: np.ndarray, r: np.ndarray) -> tuple[np.ndarray, int] | None:
    K, r = as_int_objects(K), as_int_objects(r)
    return _lift(K, K, r)


def _by_elimination(K: np.ndarray, r: np.ndarray) -> tuple[np.ndarray, int] | None:
    return _bareiss(as_int_objects(K).tolist(), as_int_objects(r).tolist())


SOLVERS = [pytest.param(solve_integer, id="solve_integer"),
           pytest.param(_by_lifting, id="lifting"),
           pytest.param(_by_elimination, id="bareiss")]


def check_solution(solve, K: np.ndarray, r: np.ndarray) -> None:
    """``solve`` answers exactly: ``K U = d r`` with ``d > 0``, equal to the reference; for a
    singular ``K`` no answer or some exact solution. Lifting may give up (``None``: the
    caller eliminates), never answer wrongly."""
    out = solve(K, r)
    if out is None and solve is _by_lifting:
        return
    expected = reference(K, r)
    if expected is None:
        assert out is None or list(K.dot(out[0])) == list(r * out[1])
        return
    assert out is not None
    U, d = out
    assert d > 0
    assert list(K.dot(U)) == list(r * d)  # K U = d r in integers
    assert fractions(U, d) == expected


@pytest.mark.parametrize("solve", SOLVERS)
@settings(max_examples=60, deadline=None)
@given(system=systems(max_k=30))
def test_solution_is_exact(solve, system: tuple[np.ndarray, np.ndarray]) -> None:
    check_solution(solve, *system)


@pytest.mark.parametrize("solve", SOLVERS)
@settings(max_examples=40, deadline=None)
@given(system=systems(max_k=5, max_bits=120))
def test_big_integers_beyond_int64(solve, system: tuple[np.ndarray, np.ndarray]) -> None:
    check_solution(solve, *system)


def test_int64_input_gives_python_ints() -> None:
    K = np.array([[2, 1], [1, 3]], dtype=np.int64)
    r = np.array([1, 2], dtype=np.int64)
    U, d = solve_integer(K, r)
    assert fractions(U, d) == [Fraction(1, 5), Fraction(3, 5)]
    assert all(type(u) is int for u in U) and type(d) is int


def test_singular_matrix_gives_none() -> None:
    K = as_int_objects([[1, 2, 3], [2, 4, 6], [0, 1, 1]])
    assert solve_integer(K, as_int_objects([1, 2, 3])) is None
    assert solve_integer(np.zeros((2, 2), dtype=object), as_int_objects([0, 0])) is None


def test_empty_system() -> None:
    U, d = solve_integer(np.zeros((0, 0), dtype=object), np.zeros(0, dtype=object))
    assert U.shape == (0,) and d == 1


@pytest.mark.parametrize("k", [6, 10, 30])
def test_ill_conditioned_hilbert_matrix(k: int) -> None:
    """The scaled Hilbert matrix: condition number ~1e13 at k = 10 (far beyond float range
    at 30), so each float solve gives few correct bits; lifting must still end exact (or
    hand over to elimination)."""
    L = math.lcm(*range(1, 2 * k))
    K = np.array([[L // (i + j + 1) for j in range(k)] for i in range(k)], dtype=object)
    r = as_int_objects(range(1, k + 1))
    U, d = solve_integer(K, r)
    assert fractions(U, d) == reference(K, r)
    lifted = _by_lifting(K, r)
    assert lifted is None or fractions(*lifted) == fractions(U, d)


def test_solution_with_large_denominator() -> None:
    """A denominator of about 2**200 needs several lifting steps."""
    p = 2**200 + 235  # the solution of p u = 1 is 1/p
    K = np.array([[p]], dtype=object)
    U, d = solve_integer(K, as_int_objects([1]))
    assert fractions(U, d) == [Fraction(1, p)]


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_certified_batch_agrees_with_rational_simplex(data: st.DataObject) -> None:
    """An exact batch (float bases certified in integers) equals, gamble by gamble, the
    rational simplex that does not use floats at all."""
    n = data.draw(st.integers(2, 6))
    m = data.draw(st.integers(1, 5))
    ints = st.integers(-6, 6)
    G = np.array(data.draw(st.lists(st.lists(ints, min_size=n, max_size=n),
                                    min_size=m, max_size=m)))
    p0 = np.array(data.draw(st.lists(st.integers(0, 5), min_size=n, max_size=n))) + 1
    p0 = [Fraction(int(v), int(p0.sum())) for v in p0]
    slack = data.draw(st.sampled_from([Fraction(0), Fraction(1, 7), Fraction(1, 3)]))
    b = [-(sum(Fraction(int(g)) * q for g, q in zip(row, p0, strict=True)) - slack)
         for row in G]
    A_ub = [[Fraction(int(-g)) for g in row] for row in G]
    lp = LinearProgram.create([Fraction(0)] * n, A_ub, b, [[Fraction(1)] * n], [Fraction(1)],
                              lower=0, exact=True)
    costs = np.array(data.draw(st.lists(st.lists(st.fractions(-5, 5, max_denominator=7),
                                                 min_size=n, max_size=n),
                                        min_size=1, max_size=6)), dtype=object)
    backend = ExactBackend()
    values, points = backend.solve_many(lp, costs)
    for c, v, x in zip(costs, values, points, strict=True):
        ref = backend._simplex(lp.with_cost(c))
        assert v == ref.value
        assert sum(ci * xi for ci, xi in zip(c, x, strict=True)) == v
        assert all(xi >= 0 for xi in x) and sum(x) == 1


def test_certificate_reuses_basic_solutions_per_region() -> None:
    """The basic solution depends on the basis only: two costs with the same optimal basis
    share one cached primal solve, and each still gets its own exact value."""
    lp = LinearProgram.create([Fraction(0)] * 2, A_ub=[[Fraction(1), Fraction(2)]],
                              b_ub=[Fraction(3, 2)], A_eq=[[Fraction(1), Fraction(1)]],
                              b_eq=[Fraction(1)], lower=0, exact=True)
    cols = np.array([1, 1], dtype=np.int8)  # both basic, both rows tight
    rows = np.array([2, 2], dtype=np.int8)
    first = certify_basis(lp.with_cost([Fraction(-1), Fraction(-2)]), cols, rows)
    assert first is not None and list(first.x) == [Fraction(1, 2), Fraction(1, 2)]
    assert len(lp.region_cache["primal"]) == 1
    second = certify_basis(lp.with_cost([Fraction(-2), Fraction(-3)]), cols, rows)
    assert second is not None and second.value == Fraction(-5, 2)
    assert len(lp.region_cache["primal"]) == 1

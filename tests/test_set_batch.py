"""credal.sets.SetBatch: lower and upper expectations of many credal sets, one gamble each,
asked again and again. Every answer agrees with ``cr.lower_expectation`` per set (floats
within 1e-9 times the gamble's range, exact sets exactly); bad input is refused."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import credal as cr
from credal.errors import InvalidArgumentError
from credal.sets import SetBatch

N = 5


def hform(rng: np.random.Generator, n: int, rows: int, slack: float = 0.3) -> cr.CredalSet:
    """A float H-form set from lower previsions around a random interior point."""
    G = rng.integers(0, 10, (rows, n)).astype(np.float64)
    p0 = rng.dirichlet(np.ones(n))
    c = G @ p0 - slack
    return cr.CredalSet.from_lower_previsions(list(zip(G, c, strict=True)))


def float_sets(rng: np.random.Generator, n: int = N) -> list[cr.CredalSet]:
    """One of each form, float, over ``n`` outcomes, with several LP-path H-forms."""
    p = rng.dirichlet(np.ones(n))
    lo = p * 0.5
    up = np.minimum(p * 1.5 + 0.05, 1.0)
    prev = hform(rng, n, 3)
    both = cr.intersection(prev, cr.CredalSet.from_bounds(lo * 0.2, np.ones(n)))
    return [
        hform(rng, n, 4),
        cr.CredalSet.from_bounds(lo, up),
        cr.contamination(p, 0.2),
        cr.tv_ball(p, 0.15),
        cr.CredalSet.from_vertices(rng.dirichlet(np.ones(n), size=4)),
        both,
        hform(rng, n, 6, slack=0.05),
        hform(rng, n, 2),
    ]


def exact_sets() -> list[cr.CredalSet]:
    third = Fraction(1, 3)
    return [
        cr.CredalSet.from_lower_previsions([([1, 0, 2, 0, 1], 1), ([0, 3, 1, 1, 0], "2/3")]),
        cr.CredalSet.from_bounds(["1/10", 0, "1/5", 0, 0], ["1/2", 1, "3/4", 1, 1]),
        cr.contamination([third, third, "1/6", "1/6", 0], "1/4"),
        cr.tv_ball(["1/5"] * 5, "1/10"),
        cr.CredalSet.from_vertices([[1, 0, 0, 0, 0], ["1/2", "1/2", 0, 0, 0],
                                    ["1/5"] * 5]),
        cr.intersection(
            cr.CredalSet.from_lower_previsions([([1, 1, 0, 0, 0], "1/4")]),
            cr.CredalSet.from_bounds([0, 0, "1/10", 0, 0], [1, 1, 1, "1/2", 1])),
    ]


def expected_lower(sets: list[cr.CredalSet], G: np.ndarray) -> list[object]:
    return [cr.lower_expectation(S, G[i]) for i, S in enumerate(sets)]


def assert_close(got: np.ndarray, want: list[object], G: np.ndarray) -> None:
    assert got.dtype == np.float64 and got.shape == (len(want),)
    for i, w in enumerate(want):
        scale = max(float(np.ptp(G[i])), 1e-300)
        assert abs(float(got[i]) - float(w)) <= 1e-9 * scale + 1e-12, (i, got[i], w)


# -- known answers -----------------------------------------------------------------------
def test_known_exact_answers() -> None:
    B = SetBatch([cr.vacuous(2), cr.CredalSet.from_bounds(["1/4", 0], [1, 1])])
    G = np.array([[1, 0], [1, 0]], dtype=object)
    assert list(B.lower(G)) == [0, Fraction(1, 4)]
    assert list(B.upper(G)) == [1, 1]
    assert all(type(v) is Fraction for v in B.lower(G))


def test_known_float_answers() -> None:
    B = SetBatch([cr.vacuous(2).to_float(), cr.contamination([0.5, 0.5], 0.5)])
    got = B.lower(np.array([[1.0, 0.0], [4.0, 0.0]]))
    assert got.dtype == np.float64
    np.testing.assert_allclose(got, [0.0, 1.0], atol=1e-12)


# -- agreement with cr.lower_expectation -------------------------------------------------
def test_float_mixture_agrees_per_set_over_repeated_calls() -> None:
    rng = np.random.default_rng(1)
    sets = float_sets(rng)
    B = SetBatch(sets)
    V = rng.normal(size=N)
    for _ in range(6):  # correlated gambles, as value iteration asks them
        G = V[None, :] + 0.1 * rng.normal(size=(len(sets), N))
        assert_close(B.lower(G), expected_lower(sets, G), G)
        up = B.upper(G)
        assert_close(-up, expected_lower(sets, -G), G)
        V = V + 0.3 * rng.normal(size=N)


def test_exact_mixture_is_exactly_right() -> None:
    sets = exact_sets()
    B = SetBatch(sets)
    rng = np.random.default_rng(2)
    for _ in range(3):
        G = np.array([[Fraction(int(v), 7) for v in row]
                      for row in rng.integers(-20, 20, (len(sets), N))], dtype=object)
        got = B.lower(G)
        assert got.dtype == object
        assert list(got) == expected_lower(sets, G)
        assert all(type(v) is Fraction for v in got)
        assert list(B.upper(G)) == [cr.upper_expectation(S, G[i]) for i, S in enumerate(sets)]


def test_float_gambles_over_exact_sets_are_float() -> None:
    sets = exact_sets()
    B = SetBatch(sets)
    G = np.random.default_rng(3).normal(size=(len(sets), N))
    got = B.lower(G)
    assert_close(got, expected_lower(sets, G), G)


def test_many_lp_sets_larger_than_one_group() -> None:
    """Many H-forms with the same shape (they share one lockstep group on the fast path),
    on gambles of very different sizes and one constant gamble."""
    rng = np.random.default_rng(4)
    sets = [hform(rng, 12, 5) for _ in range(30)]
    B = SetBatch(sets)
    for step in range(4):
        G = rng.normal(size=(30, 12)) * (10.0 ** rng.integers(-6, 6, (30, 1)))
        G[0] = 2.5  # constant
        G[1] = 3.0 + 1e-7 * rng.normal(size=12) * (step + 1)  # tiny differences
        assert_close(B.lower(G), expected_lower(sets, G), G)


@settings(max_examples=15)
@given(seed=st.integers(0, 2**32 - 1), steps=st.integers(1, 4))
def test_property_agrees_with_lower_expectation(seed: int, steps: int) -> None:
    rng = np.random.default_rng(seed)
    n = int(rng.integers(2, 8))
    sets = [hform(rng, n, int(rng.integers(1, 5)), slack=float(rng.uniform(0.0, 0.5)))
            for _ in range(6)] + float_sets(rng, n)[1:4]
    B = SetBatch(sets)
    for _ in range(steps):
        G = np.round(rng.normal(size=(len(sets), n)), int(rng.integers(0, 3)))
        assert_close(B.lower(G), expected_lower(sets, G), G)


def test_lp_sets_go_through_the_lockstep_simplex() -> None:
    rng = np.random.default_rng(6)
    sets = float_sets(rng)
    B = SetBatch(sets)
    G = rng.normal(size=(len(sets), N))
    B.lower(G)
    lp_sets = [0, 5, 6, 7]  # the H-forms without closed forms
    assert (B.last_pivots[lp_sets] > 0).all()
    assert (np.delete(B.last_pivots, lp_sets) == 0).all()


def test_known_vertices_are_used() -> None:
    rng = np.random.default_rng(7)
    S = hform(rng, N, 4)
    T = hform(rng, N, 4)
    _ = T.vertices  # enumerated: answered over them, no LP
    B = SetBatch([S, T])
    G = rng.normal(size=(2, N))
    assert_close(B.lower(G), expected_lower([S, T], G), G)
    assert B.last_pivots[0] > 0 and B.last_pivots[1] == 0


def test_uncertified_answers_fall_back(monkeypatch: pytest.MonkeyPatch) -> None:
    """What the lockstep simplex does not certify is answered by the set's own path."""
    from credal.lp import _batched

    solve = _batched.LockstepSimplex.solve

    def half_certified(self: _batched.LockstepSimplex,
                       costs: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        values, x, certified = solve(self, costs)
        values[::2], certified[::2] = 123.0, False  # a wrong number, not certified
        return values, x, certified

    monkeypatch.setattr(_batched.LockstepSimplex, "solve", half_certified)
    rng = np.random.default_rng(8)
    sets = [hform(rng, N, 3) for _ in range(7)]
    B = SetBatch(sets)
    for _ in range(2):
        G = rng.normal(size=(7, N))
        assert_close(B.lower(G), expected_lower(sets, G), G)


def test_thin_set_agrees() -> None:
    """A set that is a single point up to rounding: phase 1 may not certify it; the
    answer is still the set's own."""
    p = np.array([0.1, 0.2, 0.3, 0.4, 0.0])
    rows = [(np.eye(N)[i], p[i]) for i in range(N - 1)] + [(-np.eye(N)[0], -0.1)]
    rows += [(np.array([1.0, 1.0, 0.0, 0.0, 0.0]), 0.3), (np.array([0.0, 0.0, 1.0, 1.0, 0]), 0.7)]
    S = cr.CredalSet.from_lower_previsions(rows)
    T = hform(np.random.default_rng(9), N, 3)
    B = SetBatch([S, T])
    G = np.random.default_rng(10).normal(size=(2, N))
    assert_close(B.lower(G), expected_lower([S, T], G), G)


def test_input_not_mutated() -> None:
    rng = np.random.default_rng(5)
    sets = float_sets(rng)
    G = rng.normal(size=(len(sets), N))
    keep = G.copy()
    SetBatch(sets).lower(G)
    SetBatch(sets).upper(G)
    np.testing.assert_array_equal(G, keep)


def test_properties() -> None:
    B = SetBatch(exact_sets())
    assert len(B) == B.n_sets == 6 and B.n_outcomes == N and B.is_exact
    assert "6 exact sets over 5 outcomes" in repr(B)


# -- bad input ---------------------------------------------------------------------------
def test_different_outcome_counts_refused() -> None:
    with pytest.raises(InvalidArgumentError, match=r"sets\[1\] has 3"):
        SetBatch([cr.vacuous(2), cr.vacuous(3)])


def test_mixed_arithmetic_refused() -> None:
    with pytest.raises(InvalidArgumentError, match="one arithmetic"):
        SetBatch([cr.vacuous(2), cr.vacuous(2).to_float()])


@pytest.mark.parametrize("bad", [[], "sets", [cr.vacuous(2), "x"]])
def test_not_sets_refused(bad: object) -> None:
    with pytest.raises(InvalidArgumentError, match="sets"):
        SetBatch(bad)  # type: ignore[arg-type]


def test_single_set_not_in_a_list_refused() -> None:
    with pytest.raises(InvalidArgumentError, match="wrap a single set"):
        SetBatch(cr.vacuous(2))  # type: ignore[arg-type]


@pytest.mark.parametrize("shape", [(2,), (3, 2), (2, 3), (2, 2, 1)])
def test_wrong_gamble_shape_refused(shape: tuple[int, ...]) -> None:
    B = SetBatch([cr.vacuous(2), cr.vacuous(2)])
    with pytest.raises(InvalidArgumentError, match=r"G must have shape \(2, 2\)"):
        B.lower(np.zeros(shape))
    with pytest.raises(InvalidArgumentError, match=r"G must have shape \(2, 2\)"):
        B.upper(np.zeros(shape))


def test_non_finite_gamble_refused() -> None:
    B = SetBatch([cr.vacuous(2).to_float()])
    with pytest.raises(InvalidArgumentError, match="finite"):
        B.lower(np.array([[np.nan, 0.0]]))

"""Total variation is the largest disagreement on an event.

For distributions p, q on n outcomes,

    d_TV(p, q) = ½ Σ_i |p_i − q_i| = max_{A ⊆ X} |p(A) − q(A)| = max_{f ∈ [0,1]ⁿ} |p·f − q·f|,

the maximum over events being attained at A = {i : p_i > q_i}. These tests enumerate all 2ⁿ
events for n ≤ 5 and compare with ``cr.tv_distance`` exactly (``==`` on Fractions); the
float versions use a tolerance scaled to the data (every quantity lies in [0, 1], so the
rounding error of a sum of n terms is a few n·eps).
"""

from __future__ import annotations

from fractions import Fraction
from itertools import product

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import credal as cr
from credal.strategies import distributions

from ._support import BASE, ex

#: Float tolerance: d_TV and event probabilities are sums of at most 5 terms in [0, 1].
FLOAT_TOL = 1e-12
N_OUTCOMES = st.integers(1, 5)


def _events(n: int) -> list[tuple[int, ...]]:
    """Every event A ⊆ {0, ..., n−1}, as a 0/1 indicator tuple (2ⁿ of them)."""
    return list(product((0, 1), repeat=n))


def _prob(p: np.ndarray, event: tuple[int, ...], exact: bool) -> Fraction | float:
    """p(A) = Σ_{i ∈ A} p_i, exactly or in float."""
    if exact:
        return sum((Fraction(v) for v, m in zip(p, event, strict=True) if m), Fraction(0))
    return float(sum(float(v) for v, m in zip(p, event, strict=True) if m))


@st.composite
def _pairs(draw: st.DrawFn, exact: bool) -> tuple[np.ndarray, np.ndarray]:
    n = draw(N_OUTCOMES, label="n_outcomes")
    p = draw(distributions(n, exact=exact), label="p")
    # Half the time q is a relabelling of p's entries: many equal and near-equal entries.
    if draw(st.booleans(), label="permute p"):
        q = np.array(draw(st.permutations(list(p)), label="q"), dtype=p.dtype)
    else:
        q = draw(distributions(n, exact=exact), label="q")
    return p, q


@settings(BASE, max_examples=ex(100))
@given(_pairs(exact=True))
def test_tv_distance_is_the_largest_event_gap_exact(pq: tuple[np.ndarray, np.ndarray]) -> None:
    p, q = pq
    d = cr.tv_distance(p, q)
    assert isinstance(d, Fraction)
    gaps = [abs(_prob(p, A, True) - _prob(q, A, True)) for A in _events(len(p))]
    assert d == max(gaps)
    # ... attained at A = {i : p_i > q_i} (and at its complement, with the sign flipped).
    best = tuple(int(a > b) for a, b in zip(p, q, strict=True))
    assert _prob(p, best, True) - _prob(q, best, True) == d
    # The halved l1 form.
    assert d == sum((abs(Fraction(a) - Fraction(b)) for a, b in zip(p, q, strict=True)),
                    Fraction(0)) / 2


@settings(BASE, max_examples=ex(100))
@given(_pairs(exact=False))
def test_tv_distance_is_the_largest_event_gap_float(pq: tuple[np.ndarray, np.ndarray]) -> None:
    p, q = pq
    d = cr.tv_distance(p, q)
    assert isinstance(d, float)
    best = max(abs(_prob(p, A, False) - _prob(q, A, False)) for A in _events(len(p)))
    assert abs(d - best) <= FLOAT_TOL


@settings(BASE, max_examples=ex(50))
@given(_pairs(exact=True), st.data())
def test_no_gamble_in_the_unit_cube_separates_more(pq: tuple[np.ndarray, np.ndarray],
                                                  data: st.DataObject) -> None:
    """|p·f − q·f| ≤ d_TV(p, q) for every f with values in [0, 1]: events are the cube's
    vertices and f ↦ p·f − q·f is linear, so the maximum over the cube is at an event."""
    p, q = pq
    n = len(p)
    grid = st.integers(0, 12).map(lambda k: Fraction(k, 12))
    f = data.draw(st.lists(grid, min_size=n, max_size=n), label="f")
    gap = abs(sum((Fraction(a) - Fraction(b)) * v for a, b, v in zip(p, q, f, strict=True)))
    assert gap <= cr.tv_distance(p, q)


@settings(BASE, max_examples=ex(30))
@given(_pairs(exact=True))
def test_singletons_are_as_far_apart_as_their_points(pq: tuple[np.ndarray, np.ndarray]) -> None:
    """Through the credal-set API: the Hausdorff distance of {p} and {q}, and the largest
    gap between their lower probabilities over all events, are both d_TV(p, q)."""
    p, q = pq
    P, Q = cr.precise(p), cr.precise(q)
    d = cr.tv_distance(p, q)
    assert cr.hausdorff_distance(P, Q) == d
    events = [[i for i, m in enumerate(A) if m] for A in _events(len(p))]
    assert max(abs(cr.lower_probability(P, A) - cr.lower_probability(Q, A))
               for A in events) == d


@pytest.mark.parametrize(("p", "q", "d"), [
    (["1/2", "1/2", 0], [0, "1/2", "1/2"], Fraction(1, 2)),
    ([1, 0, 0, 0, 0], [0, 0, 0, 0, 1], Fraction(1)),
    (["1/5"] * 5, ["1/5"] * 5, Fraction(0)),
    (["1/3", "1/3", "1/3"], ["1/2", "1/4", "1/4"], Fraction(1, 6)),
])
def test_known_values(p: list[object], q: list[object], d: Fraction) -> None:
    assert cr.tv_distance(p, q) == d
    n = len(p)
    pf = np.array([Fraction(v) for v in p], dtype=object)  # type: ignore[arg-type]
    qf = np.array([Fraction(v) for v in q], dtype=object)  # type: ignore[arg-type]
    assert max(abs(_prob(pf, A, True) - _prob(qf, A, True)) for A in _events(n)) == d

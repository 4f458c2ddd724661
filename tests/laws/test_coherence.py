"""The coherence laws (Walley 1991) for lower (and upper) expectations and probabilities.

Each law is checked in exact arithmetic (asserted with ``==`` / ``<=`` exactly) and in
float arithmetic (at credal's documented accuracy, :func:`~tests.laws._support.doc_tol`:
1e-9 times the range of each gamble whose expectation is compared), over V-form, H-form
and any credal sets with 1..5 outcomes.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import credal as cr

from ._support import (
    BASE,
    EXACTNESS,
    FORMS,
    check_eq,
    check_le,
    check_type,
    constants,
    doc_tol,
    draw_gamble,
    draw_set,
    ex,
    lambdas,
)

pytestmark = [pytest.mark.parametrize("exact", EXACTNESS),
              pytest.mark.parametrize("form", FORMS)]

LE = cr.lower_expectation
UE = cr.upper_expectation


@settings(BASE, max_examples=ex(40))
@given(data=st.data())
def test_lower_expectation_is_at_least_the_minimum(data, exact, form):
    """E̲f >= min f (and, dually, Ēf <= max f)."""
    S = draw_set(data, exact, form)
    f = draw_gamble(data, S.n_outcomes, exact)
    lo, up = LE(S, f), UE(S, f)
    check_type(lo, exact)
    check_type(up, exact)
    tol = doc_tol(f)
    check_le(min(f), lo, exact, tol, "min f <= E̲f")
    check_le(up, max(f), exact, tol, "Ēf <= max f")


@settings(BASE, max_examples=ex(40))
@given(data=st.data())
def test_positive_homogeneity(data, exact, form):
    """E̲(λf) = λ E̲f for λ >= 0."""
    S = draw_set(data, exact, form)
    f = draw_gamble(data, S.n_outcomes, exact)
    lam = data.draw(lambdas(exact), label="lambda")
    lf = f * lam
    check_eq(LE(S, lf), lam * LE(S, f), exact, doc_tol(lf, lf), "E̲(λf) = λE̲f")


@settings(BASE, max_examples=ex(40))
@given(data=st.data())
def test_superadditivity(data, exact, form):
    """E̲(f + g) >= E̲f + E̲g (and Ē(f + g) <= Ēf + Ēg)."""
    S = draw_set(data, exact, form)
    f = draw_gamble(data, S.n_outcomes, exact, "f")
    g = draw_gamble(data, S.n_outcomes, exact, "g")
    tol = doc_tol(f, g, f + g)
    check_le(LE(S, f) + LE(S, g), LE(S, f + g), exact, tol, "E̲f + E̲g <= E̲(f+g)")
    check_le(UE(S, f + g), UE(S, f) + UE(S, g), exact, tol, "Ē(f+g) <= Ēf + Ēg")


@settings(BASE, max_examples=ex(40))
@given(data=st.data())
def test_constant_additivity(data, exact, form):
    """E̲(f + c) = E̲f + c for every real c."""
    S = draw_set(data, exact, form)
    f = draw_gamble(data, S.n_outcomes, exact)
    c = data.draw(constants(exact), label="c")
    fc = f + c
    tol = doc_tol(f, fc)
    check_eq(LE(S, fc), LE(S, f) + c, exact, tol, "E̲(f+c) = E̲f + c")
    check_eq(UE(S, fc), UE(S, f) + c, exact, tol, "Ē(f+c) = Ēf + c")


@settings(BASE, max_examples=ex(40))
@given(data=st.data())
def test_monotonicity(data, exact, form):
    """f <= g  implies  E̲f <= E̲g (and Ēf <= Ēg)."""
    S = draw_set(data, exact, form)
    f = draw_gamble(data, S.n_outcomes, exact, "f")
    h = draw_gamble(data, S.n_outcomes, exact, "h", min_value=0, max_value=10)
    g = f + h
    assert all(a <= b for a, b in zip(f, g, strict=True))
    tol = doc_tol(f, g)
    check_le(LE(S, f), LE(S, g), exact, tol, "E̲f <= E̲g")
    check_le(UE(S, f), UE(S, g), exact, tol, "Ēf <= Ēg")


@settings(BASE, max_examples=ex(40))
@given(data=st.data())
def test_lower_at_most_upper(data, exact, form):
    """E̲f <= Ēf."""
    S = draw_set(data, exact, form)
    f = draw_gamble(data, S.n_outcomes, exact)
    check_le(LE(S, f), UE(S, f), exact, doc_tol(f, f), "E̲f <= Ēf")


@settings(BASE, max_examples=ex(40))
@given(data=st.data())
def test_conjugacy(data, exact, form):
    """Ēf = −E̲(−f), for single gambles and batches."""
    S = draw_set(data, exact, form)
    f = draw_gamble(data, S.n_outcomes, exact)
    tol = doc_tol(f, f)
    check_eq(UE(S, f), -LE(S, -f), exact, tol, "Ēf = -E̲(-f)")
    check_eq(LE(S, f), -UE(S, -f), exact, tol, "E̲f = -Ē(-f)")


@settings(BASE, max_examples=ex(40))
@given(data=st.data())
def test_probabilities_of_empty_and_whole_space(data, exact, form):
    """P̲(∅) = P̄(∅) = 0, P̲(X) = P̄(X) = 1; 0 <= P̲(A) <= P̄(A) <= 1; P̲(A) = 1 − P̄(Aᶜ)."""
    S = draw_set(data, exact, form)
    n = S.n_outcomes
    tol = doc_tol(1, 1)  # probabilities: range 1
    whole = list(S.outcomes)
    for value, want, what in ((cr.lower_probability(S, []), 0, "P̲(∅)"),
                              (cr.upper_probability(S, []), 0, "P̄(∅)"),
                              (cr.lower_probability(S, whole), 1, "P̲(X)"),
                              (cr.upper_probability(S, whole), 1, "P̄(X)")):
        check_type(value, exact)
        check_eq(value, want, exact, tol, what)
    mask = data.draw(st.lists(st.booleans(), min_size=n, max_size=n), label="event mask")
    A = [x for x, m in zip(S.outcomes, mask, strict=True) if m]
    Ac = [x for x, m in zip(S.outcomes, mask, strict=True) if not m]
    lo, up = cr.lower_probability(S, A), cr.upper_probability(S, A)
    check_le(0, lo, exact, tol, "0 <= P̲(A)")
    check_le(lo, up, exact, tol, "P̲(A) <= P̄(A)")
    check_le(up, 1, exact, tol, "P̄(A) <= 1")
    check_eq(lo, 1 - cr.upper_probability(S, Ac), exact, tol, "P̲(A) = 1 - P̄(Aᶜ)")
    # an event is its indicator gamble
    ind = np.array([1 if m else 0 for m in mask], dtype=object)
    check_eq(lo, LE(S, ind), exact, tol, "P̲(A) = E̲ 1_A")

"""Different paths to the same lower expectation agree.

* float vs exact arithmetic on the same set and gamble;
* closed forms / LPs vs the minimum over the enumerated vertices ``S.vertices``;
* a batch ``(m, n)`` vs one-at-a-time calls;
* H-form LP backends: ``highs`` vs ``cvxpy`` vs exact.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, reject, settings
from hypothesis import strategies as st

import credal as cr
from credal.strategies import credal_sets

from ._support import (
    BASE,
    EXACTNESS,
    FORMS,
    N_OUTCOMES,
    check_eq,
    check_type,
    doc_tol,
    dot,
    draw_batch,
    draw_gamble,
    draw_set,
    ex,
)

LE = cr.lower_expectation
UE = cr.upper_expectation
#: How much less accurate than the documented accuracy the cvxpy cross-check backend may be.
CVXPY_FACTOR = 100.0


@pytest.mark.parametrize("form", FORMS)
@settings(BASE, max_examples=ex(40))
@given(data=st.data())
def test_float_path_agrees_with_exact(data, form):
    """S.to_float() and float(f) give a value within tol of the exact value."""
    S = draw_set(data, True, form)
    f = draw_gamble(data, S.n_outcomes, True)
    ff = f.astype(np.float64)
    Sf = S.to_float()
    assert S.is_exact and not Sf.is_exact and Sf.form == S.form
    tol = doc_tol(f)  # one float result against the exact value
    exact_lo, exact_up = LE(S, f), UE(S, f)
    check_type(exact_lo, True)
    for T, g in ((Sf, ff), (Sf, f), (S, ff)):  # any float input makes the problem float
        lo, up = LE(T, g), UE(T, g)
        check_type(lo, False)
        check_eq(lo, float(exact_lo), False, tol, "float E̲f vs exact")
        check_eq(up, float(exact_up), False, tol, "float Ēf vs exact")


@pytest.mark.parametrize("form", FORMS)
@settings(BASE, max_examples=ex(25))
@given(data=st.data())
def test_to_exact_of_a_float_set_agrees_with_it(data, form):
    """A float set and its exact image give the same lower expectation (within tol)."""
    S = draw_set(data, False, form, n=data.draw(st.integers(1, 4), label="n_outcomes"))
    f = draw_gamble(data, S.n_outcomes, True)
    try:
        E = S.to_exact(max_denominator=10**6)
    except cr.EmptySetError as err:
        # Only an H-form set that is nonempty within the solver's tolerance (e.g. a
        # constraint through a point, rounded) may become exactly empty; it must say so.
        assert S.form == "constraints" and "tolerance" in str(err)
        reject()
    assert E.is_exact and E.form == S.form
    lo = LE(E, f)
    check_type(lo, True)
    # not an accuracy question: the rounding to denominators <= 1e6 moves the set by about
    # 1e-6 per coordinate, so E̲ moves by about that times the range
    check_eq(float(lo), LE(S, f.astype(np.float64)), False, doc_tol(f, factor=1e4),
             "E̲ over to_exact(S) vs over S")


@pytest.mark.parametrize("form", FORMS)
@pytest.mark.parametrize("exact", EXACTNESS)
@settings(BASE, max_examples=ex(40))
@given(data=st.data())
def test_lower_expectation_is_the_minimum_over_the_vertices(data, exact, form):
    """E̲f = min_v v·f and Ēf = max_v v·f over S.vertices (vertex enumeration vs LP /
    closed form)."""
    S = draw_set(data, exact, form)
    f = draw_gamble(data, S.n_outcomes, exact)
    V = S.vertices
    assert V.ndim == 2 and V.shape[0] >= 1 and V.shape[1] == S.n_outcomes
    values = [dot(v, f, exact) for v in V]
    tol = doc_tol(f, f)  # the float vertices carry the documented accuracy too
    check_eq(LE(S, f), min(values), exact, tol, "E̲f = min over vertices")
    check_eq(UE(S, f), max(values), exact, tol, "Ēf = max over vertices")


@pytest.mark.parametrize("form", FORMS)
@pytest.mark.parametrize("exact", EXACTNESS)
@settings(BASE, max_examples=ex(30))
@given(data=st.data())
def test_batch_matches_single_calls(data, exact, form):
    S = draw_set(data, exact, form)
    n = S.n_outcomes
    rows, F = draw_batch(data, n, exact, 5)
    lo, up = LE(S, F), UE(S, F)
    assert lo.shape == (len(rows),) and up.shape == (len(rows),)
    assert lo.dtype == (object if exact else np.float64)
    for i, f in enumerate(rows):
        tol = doc_tol(f, f)
        check_type(lo[i] if exact else float(lo[i]), exact)
        check_eq(lo[i], LE(S, f), exact, tol, f"batch row {i} lower")
        check_eq(up[i], UE(S, f), exact, tol, f"batch row {i} upper")
    events = [[x for x, b in zip(S.outcomes, f > 0, strict=True) if b] for f in rows]
    for i, A in enumerate(events):
        ind = np.array([[1 if x in A else 0 for x in S.outcomes]], dtype=object)
        check_eq(LE(S, ind)[0], cr.lower_probability(S, A), exact, doc_tol(1, 1),
                 f"batch of one indicator vs lower_probability, row {i}")


@pytest.mark.parametrize("exact", EXACTNESS)
@settings(BASE, max_examples=ex(25))
@given(data=st.data())
def test_mapping_gamble_matches_array(data, exact):
    """A gamble given as {outcome: value} (zeros may be left out) equals the array."""
    S = draw_set(data, exact, "any")
    f = draw_gamble(data, S.n_outcomes, exact)
    mapping = {x: v for x, v in zip(S.outcomes, f, strict=True) if v != 0}
    tol = doc_tol(f, f)
    check_eq(LE(S, mapping), LE(S, f), exact, tol, "mapping vs array")
    check_eq(UE(S, mapping), UE(S, f), exact, tol, "mapping vs array (upper)")


@settings(BASE, max_examples=ex(15))
@given(n=N_OUTCOMES, data=st.data())
def test_hform_backends_agree(n, data):
    """H-form LPs: highs vs cvxpy vs exact agree: highs at the documented accuracy, cvxpy at
CVXPY_FACTOR times it (cvxpy's default LP solver is an interior-point method stopped at
its own default tolerances, about 1e-8, which credal does not tighten)."""
    S = data.draw(credal_sets(n, exact=True, form="constraints"), label="S")
    assert S.form == "constraints"
    f = draw_gamble(data, n, True)
    exact_value = LE(S, f)
    exact_backend = LE(S, f, backend="exact")
    check_type(exact_value, True)
    assert exact_backend == exact_value
    Sf, ff = S.to_float(), f.astype(np.float64)
    highs = LE(Sf, ff, backend="highs")
    cvx = LE(Sf, ff, backend="cvxpy")
    check_eq(highs, float(exact_value), False, doc_tol(f), "highs vs exact")
    check_eq(cvx, float(exact_value), False, doc_tol(f, factor=CVXPY_FACTOR), "cvxpy vs exact")
    check_eq(cvx, highs, False, doc_tol(f, f, factor=CVXPY_FACTOR), "cvxpy vs highs")
    up = UE(Sf, ff, backend="cvxpy")
    check_eq(up, float(UE(S, f)), False, doc_tol(f, factor=CVXPY_FACTOR),
             "cvxpy upper vs exact")

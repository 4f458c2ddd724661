"""``solve_lower``: its minimiser is a distribution in the set that attains the value."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, reject, settings
from hypothesis import strategies as st

import credal as cr
from credal.strategies import distributions, gambles

from ._support import (
    BASE,
    EXACTNESS,
    FORMS,
    N_OUTCOMES,
    check_eq,
    check_le,
    check_type,
    dot,
    draw_batch,
    draw_gamble,
    draw_set,
    ex,
    scaled_tol,
    unit_gambles,
)


def check_distribution(p, n, exact):
    assert p.shape == (n,)
    if exact:
        assert all(type(v) is Fraction for v in p), f"minimiser not exact: {p!r}"
        assert all(v >= 0 for v in p), f"negative mass in {p!r}"
        assert sum(p, Fraction(0)) == 1, f"minimiser sums to {sum(p)}: {p!r}"
    else:
        p = np.asarray(p, dtype=np.float64)
        assert p.min() >= -1e-9, f"negative mass in {p!r}"
        assert abs(p.sum() - 1.0) <= 1e-9, f"minimiser sums to {p.sum()!r}"


def check_in_set(S, p, tests, exact, what="minimiser"):
    """For each test gamble g: E̲g <= p·g and min over vertices of v·g <= p·g."""
    V = S.vertices
    lows = cr.lower_expectation(S, np.array(tests, dtype=object if exact else np.float64))
    for g, low in zip(tests, lows, strict=True):
        tol = scaled_tol(g)
        pg = dot(p, g, exact)
        check_le(low, pg, exact, tol, f"E̲g <= {what}·g")
        check_le(min(dot(v, g, exact) for v in V), pg, exact, tol,
                 f"min_v v·g <= {what}·g (in the hull of S.vertices)")


@pytest.mark.parametrize("form", FORMS)
@pytest.mark.parametrize("exact", EXACTNESS)
@settings(BASE, max_examples=ex(40))
@given(data=st.data())
def test_minimizer_is_in_the_set_and_attains_the_value(data, exact, form):
    S = draw_set(data, exact, form)
    n = S.n_outcomes
    f = draw_gamble(data, n, exact)
    others = data.draw(st.lists(gambles(n, exact=exact), min_size=1, max_size=3),
                       label="other gambles")
    r = cr.solve_lower(S, f)
    check_type(r.value, exact)
    tol = scaled_tol(f)
    check_eq(r.value, cr.lower_expectation(S, f), exact, tol, "solve_lower value = E̲f")
    check_distribution(r.minimizer, n, exact)
    check_eq(dot(r.minimizer, f, exact), r.value, exact, tol, "minimiser·f = value")
    check_in_set(S, r.minimizer, [f, *others, *unit_gambles(n, exact)], exact)
    if S.form == "constraints":
        assert isinstance(r.binding, tuple)
        for b in r.binding:
            assert isinstance(b, int) or (isinstance(b, tuple) and len(b) == 2 and
                                          b[0] in ("lower", "upper") and b[1] in S.outcomes), b
    else:
        assert r.binding is None


@pytest.mark.parametrize("form", FORMS)
@pytest.mark.parametrize("exact", EXACTNESS)
@settings(BASE, max_examples=ex(25))
@given(data=st.data())
def test_batch_solve_lower_gives_a_minimiser_per_row(data, exact, form):
    S = draw_set(data, exact, form)
    n = S.n_outcomes
    rows, F = draw_batch(data, n, exact, 4)
    r = cr.solve_lower(S, F)
    assert r.value.shape == (len(rows),) and r.minimizer.shape == (len(rows), n)
    for i, f in enumerate(rows):
        tol = scaled_tol(f)
        check_eq(r.value[i], cr.lower_expectation(S, f), exact, tol, f"row {i} value")
        check_distribution(r.minimizer[i], n, exact)
        check_eq(dot(r.minimizer[i], f, exact), r.value[i], exact, tol, f"row {i} attained")
        check_in_set(S, r.minimizer[i], [f, *unit_gambles(n, exact)], exact, f"minimiser {i}")


@st.composite
def lower_prevision_sets(draw, exact):
    """An H-form set with known constraints: p and pairs (g_j, g_j·p − slack_j)."""
    n = draw(N_OUTCOMES, label="n_outcomes")
    p = draw(distributions(n, exact=exact), label="p")
    m = draw(st.integers(1, 4))
    pairs = []
    for _ in range(m):
        g = draw(gambles(n, min_value=-3, max_value=3, exact=exact))
        k = draw(st.integers(0, 4))
        slack = Fraction(k, 4) if exact else k / 4
        pairs.append((g, dot(p, g, exact) - slack))
    return cr.CredalSet.from_lower_previsions(pairs), pairs


@pytest.mark.parametrize("exact", EXACTNESS)
@settings(BASE, max_examples=ex(40))
@given(data=st.data())
def test_binding_lists_exactly_the_tight_constraints(data, exact):
    """For {p : g_j·p >= c_j}: j is binding iff g_j·minimiser = c_j; all constraints hold."""
    S, pairs = data.draw(lower_prevision_sets(exact), label="S, pairs")
    f = draw_gamble(data, S.n_outcomes, exact)
    r = cr.solve_lower(S, f)
    assert S.form == "constraints"
    assert list(r.binding) == sorted(set(r.binding))
    assert all(0 <= j < len(pairs) for j in r.binding)
    for j, (g, c) in enumerate(pairs):
        tol = scaled_tol(g, c)
        slack = dot(r.minimizer, g, exact) - c
        check_le(0, slack, exact, tol, f"constraint {j} holds at the minimiser")
        if exact:
            assert (j in r.binding) == (slack == 0), \
                f"constraint {j}: slack {slack}, binding {r.binding}"
        elif j in r.binding:
            assert abs(slack) <= tol, f"constraint {j} listed binding with slack {slack}"
        else:
            assert slack > 1e-12, f"constraint {j} tight (slack {slack}) but not listed"


@st.composite
def interval_sets(draw, exact):
    """Probability intervals with known bounds around a drawn distribution."""
    n = draw(N_OUTCOMES, label="n_outcomes")
    p = draw(distributions(n, exact=exact), label="p")
    one = Fraction(1) if exact else 1.0

    def step():
        k = draw(st.integers(0, 4))
        return Fraction(k, 8) if exact else k / 8

    lower = [max(p[i] - step(), 0 * one) for i in range(n)]
    upper = [min(p[i] + step(), one) for i in range(n)]
    dtype = object if exact else np.float64
    try:
        S = cr.CredalSet.from_bounds(np.array(lower, dtype=dtype), np.array(upper, dtype=dtype))
    except cr.EmptySetError:
        # float bounds around p can sum to 1 - 1ulp; that from_bounds failure has its own
        # test (test_regressions.py::test_from_bounds_accepts_a_float_distribution_as_bounds)
        reject()
    return S, lower, upper


@pytest.mark.parametrize("exact", EXACTNESS)
@settings(BASE, max_examples=ex(40))
@given(data=st.data())
def test_interval_binding_lists_exactly_the_tight_bounds(data, exact):
    """from_bounds: ("lower", x) is binding iff 0 < l_x = minimiser_x; likewise "upper"."""
    S, lower, upper = data.draw(interval_sets(exact), label="S, lower, upper")
    n = S.n_outcomes
    f = draw_gamble(data, n, exact)
    r = cr.solve_lower(S, f)
    check_distribution(r.minimizer, n, exact)
    tol = scaled_tol(1.0)
    for i, x in enumerate(S.outcomes):
        m = r.minimizer[i]
        check_le(lower[i], m, exact, tol, f"lower bound of {x} holds")
        check_le(m, upper[i], exact, tol, f"upper bound of {x} holds")
        for kind, bound, trivial in (("lower", lower[i], 0), ("upper", upper[i], 1)):
            listed = (kind, x) in r.binding
            if exact:
                assert listed == (bound != trivial and m == bound), \
                    f"{kind} bound {bound} of {x}, minimiser {m}, binding {r.binding}"
            elif listed:
                assert abs(m - bound) <= tol and bound != trivial, (kind, x, m, bound)
            elif bound != trivial:
                assert abs(m - bound) > 1e-12, f"{kind} bound of {x} tight but not listed"
    assert all(isinstance(b, tuple) for b in r.binding)  # from_bounds has no A_ub rows

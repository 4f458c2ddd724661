"""Identities of the Wasserstein ball, the CVaR set and the belief function.

* With the 0/1 ground cost, ``W(c, q) = d_TV(c, q)``: the Wasserstein ball is the TV ball
  of the same radius.
* ``cvar_set(p, 1) = {p}``, and the CVaR set's lower expectation is the mean of the worst
  ``alpha``-tail of the gamble under ``p`` (Rockafellar & Uryasev 2000).
* A belief function's lower probability of ``A`` is ``Bel(A)``, the sum of the masses of
  the focal sets inside ``A`` (Shafer 1976).
* Each contains its centre (the belief function: every allocation of its masses); each
  lower expectation is coherent; each closed form agrees with the LP over the form's
  lifted region (``backend="exact"``) or with the set's vertices, and its witness is a
  distribution in the set attaining it.

Exact arithmetic throughout, so every comparison is ``==``.
"""

from __future__ import annotations

from fractions import Fraction
from itertools import product
from typing import Any

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

import credal as cr
from credal.strategies import belief_functions, cvar_sets, distributions, gambles, wasserstein_balls

from ._support import BASE, constants, dot, ex, lambdas, obj

N = st.integers(1, 4)


def _events(n: int) -> list[list[int]]:
    return [[i for i in range(n) if bits[i]] for bits in product((0, 1), repeat=n)]


@st.composite
def _shapes(draw: Any) -> tuple[cr.CredalSet, np.ndarray]:
    """A shape, with a distribution it must contain (its centre, or an allocation)."""
    n = draw(N, label="n_outcomes")
    kind = draw(st.sampled_from(["wasserstein", "cvar", "belief"]), label="shape")
    if kind == "belief":
        S = draw(belief_functions(n, exact=True), label="S")
        form = S.representation
        inside = obj(Fraction(0) for _ in range(n))
        for mask, m in zip(form.focal, form.masses, strict=True):
            inside[draw(st.sampled_from(list(np.flatnonzero(mask))))] += m
        return S, inside
    S = draw((wasserstein_balls if kind == "wasserstein" else cvar_sets)(n, exact=True),
             label="S")
    return S, S.representation.center


@settings(BASE, max_examples=ex(40))
@given(st.data())
def test_wasserstein_ball_with_the_0_1_cost_is_the_tv_ball(data: st.DataObject) -> None:
    n = data.draw(N, label="n_outcomes")
    c = data.draw(distributions(n, exact=True), label="center")
    r = Fraction(data.draw(st.integers(0, 8), label="8 r"), 8)
    cost = [[int(i != j) for j in range(n)] for i in range(n)]
    W, T = cr.wasserstein_ball(c, cost, r), cr.tv_ball(c, r)
    assert W.equals(T)
    F = np.array([data.draw(gambles(n, exact=True), label="f") for _ in range(3)])
    assert list(cr.lower_expectation(W, F)) == list(cr.lower_expectation(T, F))
    # ... and the LP over the couplings says the same
    assert list(cr.lower_expectation(W, F, backend="exact")) == \
        list(cr.lower_expectation(T, F))


@settings(BASE, max_examples=ex(30))
@given(st.data())
def test_cvar_at_level_1_is_the_precise_set(data: st.DataObject) -> None:
    n = data.draw(N, label="n_outcomes")
    p = data.draw(distributions(n, exact=True), label="p")
    S = cr.cvar_set(p, 1)
    assert S.equals(cr.precise(p))
    f = data.draw(gambles(n, exact=True), label="f")
    assert cr.lower_expectation(S, f) == dot(p, f, True)


def _direct_cvar(p: Any, f: Any, alpha: Fraction) -> Fraction:
    """The mean of the worst alpha-tail of f under p: sort by f, take mass alpha."""
    left, total = alpha, Fraction(0)
    for i in sorted(range(len(f)), key=lambda i: f[i]):
        take = min(p[i], left)
        total += take * f[i]
        left -= take
    return total / alpha


@settings(BASE, max_examples=ex(60))
@given(st.data())
def test_cvar_lower_expectation_is_the_mean_of_the_worst_tail(data: st.DataObject) -> None:
    n = data.draw(N, label="n_outcomes")
    p = data.draw(distributions(n, exact=True), label="p")
    alpha = Fraction(data.draw(st.integers(1, 12), label="12 alpha"), 12)
    f = data.draw(gambles(n, exact=True), label="f")
    assert cr.lower_expectation(cr.cvar_set(p, alpha), f) == _direct_cvar(p, f, alpha)


@settings(BASE, max_examples=ex(40))
@given(st.data())
def test_belief_lower_probability_is_the_mass_of_the_focal_sets_inside(
        data: st.DataObject) -> None:
    n = data.draw(N, label="n_outcomes")
    S = data.draw(belief_functions(n, exact=True), label="S")
    form = S.representation
    for A in _events(n):
        inside = [m for mask, m in zip(form.focal, form.masses, strict=True)
                  if set(np.flatnonzero(mask)) <= set(A)]
        assert cr.lower_probability(S, A) == sum(inside, Fraction(0))


@settings(BASE, max_examples=ex(60))
@given(_shapes())
def test_each_shape_contains_its_centre(case: tuple[cr.CredalSet, np.ndarray]) -> None:
    S, p = case
    assert S.contains(p)
    assert cr.distance_to_set(p, S) == 0


@settings(BASE, max_examples=ex(60))
@given(_shapes(), st.data())
def test_coherence(case: tuple[cr.CredalSet, np.ndarray], data: st.DataObject) -> None:
    S, _ = case
    n = S.n_outcomes
    f = data.draw(gambles(n, exact=True), label="f")
    g = data.draw(gambles(n, exact=True), label="g")
    lam = data.draw(lambdas(True), label="lambda")
    c = data.draw(constants(True), label="c")
    E = cr.lower_expectation
    lo = E(S, f)
    assert min(f) <= lo <= cr.upper_expectation(S, f) <= max(f)
    assert E(S, f + g) >= lo + E(S, g)
    assert E(S, f * lam) == lam * lo
    assert E(S, f + c) == lo + c


@settings(BASE, max_examples=ex(40))
@given(_shapes(), st.data())
def test_closed_form_agrees_with_the_lp_and_the_vertices(
        case: tuple[cr.CredalSet, np.ndarray], data: st.DataObject) -> None:
    S, _ = case
    n = S.n_outcomes
    F = np.array([data.draw(gambles(n, exact=True), label="f") for _ in range(3)])
    closed = cr.lower_expectation(S, F)
    assert list(closed) == list(cr.lower_expectation(S, F, backend="exact"))
    V = S.vertices
    assert list(closed) == [min(dot(v, f, True) for v in V) for f in F]
    for f, value in zip(F, closed, strict=True):
        r = cr.solve_lower(S, f)
        assert r.value == value and dot(r.minimizer, f, True) == value
        assert sum(r.minimizer) == 1 and S.contains(r.minimizer)


@settings(BASE, max_examples=ex(30))
@given(_shapes(), st.data())
def test_float_shapes_agree_with_exact(case: tuple[cr.CredalSet, np.ndarray],
                                       data: st.DataObject) -> None:
    S, _ = case
    f = data.draw(gambles(S.n_outcomes, exact=True), label="f")
    exact = cr.lower_expectation(S, f)
    flt = cr.lower_expectation(S.to_float(), np.array([float(v) for v in f]))
    spread = float(max(f) - min(f))
    assert abs(float(exact) - flt) <= 1e-9 * spread + 1e-12

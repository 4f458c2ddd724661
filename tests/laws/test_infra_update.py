"""Laws of the infra-Bayesian update and product that follow from their formulas.

- **Chain rule.** From ``E_{H|L,g}(f) = [E_H(L f + (1 − L) g) − E_H((1 − L) g)] / P^g_H(L)``:
  updating on ``L1`` with off-event utility ``g1``, then on ``L2`` with ``g2``, is one
  update on ``L = L1 L2`` with the ``g`` that pays ``(1 − L) g = L1 (1 − L2) g2 + (1 − L1) g1``
  (a mixture of ``g2`` and ``g1``, so in ``[0, 1]``); for events, ``g = g2`` on ``B1`` and
  ``g1`` off it, the update on ``B1 ∩ B2``. The infra-probabilities multiply:
  ``P^g_H(L) = P^{g1}_H(L1) · P^{g2}_{H|L1,g1}(L2)``. Substituting the first update's
  formula into the second's gives both, for every function ``f`` (not only ``[0, 1]``-valued).
- **A precise belief updates by Bayes's rule for every g**: for ``H = {p}`` with
  ``p(B) > 0``, ``E_{H|B,g}(f) = p(f 1_B) / p(B)`` and ``P^g_H(B) = p(B)``.
- **The infra-Bayesian product is below the strong product**: for credal sets C and D,
  ``infra.product(C, D)`` holds ``p(x) q_x(y)`` with one ``q_x`` in D per ``x``, a superset
  of the strong product's ``p ⊗ q``, so its expectation is at most the strong product's
  lower expectation (fair coin × vacuous, ``f = [1, 0, 0, 1]``: 0 against 1/2); equal when
  D is precise.

Exact cases are asserted with ``==``; float ones within a tolerance scaled to the functions
and divided by the infra-probabilities that the updates divide by.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import numpy as np
import pytest
from hypothesis import given, reject, settings
from hypothesis import strategies as st

import credal as cr
from credal import infra
from credal.strategies import distributions

from ._support import BASE, EXACTNESS, check_eq, check_le, draw_gamble, draw_set, ex, obj
from .test_infra import (
    draw_any,
    draw_event,
    draw_h,
    draw_unit,
    indicator,
    size,
    tol_for,
)

Inf = infra.Infradistribution
N_OUTCOMES = st.integers(1, 4)
EXACT = pytest.mark.parametrize("exact", EXACTNESS)
#: Float infra-probabilities below this are skipped: the float update divides by them.
SMALL = 1e-3


def _positive(prob: Any, exact: bool) -> bool:
    return bool(prob > 0) if exact else bool(prob > SMALL)


def _merged_off_event(L1: Any, L2: Any, g1: Any, g2: Any, exact: bool) -> Any:
    """g with (1 − L1 L2) g = L1 (1 − L2) g2 + (1 − L1) g1 (any value where L1 L2 = 1)."""
    one = Fraction(1) if exact else 1.0
    out = []
    for a1, a2, y1, y2 in zip(L1, L2, g1, g2, strict=True):
        rest = one - a1 * a2
        out.append((a1 * (one - a2) * y2 + (one - a1) * y1) / rest if rest != 0 else 0 * one)
    return obj(out) if exact else np.clip(np.array(out, dtype=float), 0.0, 1.0)


@EXACT
@settings(BASE, max_examples=ex(60))
@given(data=st.data())
def test_update_chain_rule(data, exact):
    """update(update(H, L1, g1), L2, g2) = update(H, L1 L2, g), with g as in the module
    docstring, on functions inside and outside [0, 1]^n; the infra-probabilities multiply.
    Events (B1 then B2 is B1 ∩ B2, g = g2 on B1 and g1 off it) or likelihoods."""
    n = data.draw(N_OUTCOMES, label="n_outcomes")
    if data.draw(st.booleans(), label="crisp"):
        H = Inf.from_credal_set(draw_set(data, exact, "any", n))
    else:
        H = draw_h(data, n, exact)
    g1, g2 = draw_unit(data, n, exact, "g1"), draw_unit(data, n, exact, "g2")
    by_event = data.draw(st.booleans(), label="events")
    if by_event:
        B1, B2 = draw_event(data, H.outcomes), draw_event(data, H.outcomes)
        L1, L2 = indicator(B1, H.outcomes, exact), indicator(B2, H.outcomes, exact)
        first, second = dict(event=B1, off_event=g1), dict(event=B2, off_event=g2)
        both = [x for x in H.outcomes if x in B1 and x in B2]
        g = obj(b if a == 1 else c for a, b, c in zip(L1, g2, g1, strict=True)) if exact \
            else np.where(L1 == 1, g2, g1)
        once = dict(event=both, off_event=g)
    else:
        L1, L2 = draw_unit(data, n, exact, "L1"), draw_unit(data, n, exact, "L2")
        first, second = dict(likelihood=L1, off_event=g1), dict(likelihood=L2, off_event=g2)
        g = _merged_off_event(L1, L2, g1, g2, exact)
        once = dict(likelihood=L1 * L2, off_event=g)
    p1 = infra.event_probability(H, **first)
    if not _positive(p1, exact):
        reject()
    U1 = infra.update(H, **first)
    p2 = infra.event_probability(U1, **second)
    if not _positive(p2, exact):
        reject()
    U12 = infra.update(U1, **second)
    p = infra.event_probability(H, **once)
    tol = tol_for(H, 1.0) / float(p1 * p2)
    check_eq(p, p1 * p2, exact, tol, "P^g_H(L1 L2) = P^{g1}_H(L1) · P^{g2}_{H|L1,g1}(L2)")
    if not _positive(p, exact):
        reject()
    V = infra.update(H, **once)
    f = draw_unit(data, n, exact, "f")
    check_eq(U12.expectation(f), V.expectation(f), exact, tol, "chain rule, f in [0, 1]^n")
    wide = draw_any(data, n, exact, "f outside [0, 1]")
    check_eq(U12.expectation(wide), V.expectation(wide), exact, tol * (1 + size(wide)),
             "chain rule, f outside [0, 1]^n")


@EXACT
@settings(BASE, max_examples=ex(60))
@given(data=st.data())
def test_precise_belief_updates_by_bayes_for_every_off_event_utility(data, exact):
    """For H = {p} and p(B) > 0: P^g_H(B) = p(B) and E_{H|B,g}(f) = p(f 1_B) / p(B) for
    every g in [0, 1]^n and every f (inside [0, 1]^n or not)."""
    n = data.draw(N_OUTCOMES, label="n_outcomes")
    p = data.draw(distributions(n, exact=exact), label="p")
    H = Inf.from_credal_set(cr.precise(p))
    B = draw_event(data, H.outcomes)
    B = sorted(set(B) | {int(np.argmax(np.asarray(p, dtype=float)))})  # p(B) > 0
    L = indicator(B, H.outcomes, exact)
    pB = sum((a * b for a, b in zip(p, L, strict=True)), Fraction(0) if exact else 0.0)
    if not _positive(pB, exact):
        reject()
    g = draw_unit(data, n, exact, "g")
    tol = tol_for(1.0) / float(pB)
    check_eq(infra.event_probability(H, B, g), pB, exact, tol, "P^g_H(B) = p(B)")
    post = infra.update(H, B, g)
    for f in (draw_unit(data, n, exact, "f"), draw_any(data, n, exact, "f outside [0, 1]")):
        want = sum((a * b * c for a, b, c in zip(p, f, L, strict=True)),
                   Fraction(0) if exact else 0.0) / pB
        check_eq(post.expectation(f), want, exact, tol * (1 + size(f)),
                 "E_{H|B,g}(f) = p(f 1_B) / p(B)")


@EXACT
@settings(BASE, max_examples=ex(40))
@given(data=st.data())
def test_infra_product_is_below_the_strong_product(data, exact):
    """E_{C × D}(f) <= E̲_{C ⊠ D}(f) for credal sets C, D, on f in [0, 1]^(n m) and on any
    gamble (the infra-Bayesian product holds the strong product); equal when D is
    precise."""
    n_x = data.draw(st.integers(1, 3), label="n_x")
    n_y = data.draw(st.integers(1, 3), label="n_y")
    C = draw_set(data, exact, "any", n_x)
    precise_d = data.draw(st.booleans(), label="D precise")
    if precise_d:
        D = cr.precise(data.draw(distributions(n_y, exact=exact), label="q"))
    else:
        D = draw_set(data, exact, "any", n_y)
    P = infra.product(Inf.from_credal_set(C), Inf.from_credal_set(D))
    strong = cr.product(C, D)
    for f in (draw_unit(data, n_x * n_y, exact, "f"),
              draw_gamble(data, n_x * n_y, exact, "gamble")):
        tol = tol_for(f)
        got, bound = P.expectation(f), cr.lower_expectation(strong, f)
        check_le(got, bound, exact, tol, "E_{C×D}(f) <= E̲_{C⊠D}(f)")
        if precise_d:
            check_eq(got, bound, exact, tol, "E_{C×D}(f) = E̲_{C⊠D}(f) for precise D")


def test_fair_coin_times_vacuous():
    """The example of the module docstring, both ways round."""
    fair = Inf.from_credal_set(cr.precise(["1/2", "1/2"]))
    vac = Inf.from_credal_set(cr.vacuous(2))
    f = [1, 0, 0, 1]
    assert infra.product(fair, vac).expectation(f) == 0
    assert cr.lower_expectation(cr.product(cr.precise(["1/2", "1/2"]), cr.vacuous(2)),
                                f) == Fraction(1, 2)
    assert infra.product(vac, fair).expectation(f) == Fraction(1, 2)

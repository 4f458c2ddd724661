"""The laws of infradistributions on finite sets (``credal.infra``).

Each law is checked in exact arithmetic (asserted with ``==`` / ``<=`` exactly) and in
float arithmetic (with an explicit tolerance scaled to the size of the points and functions
involved), over 1..4 outcomes, on infradistributions drawn by
:func:`credal.strategies.infradistributions` (normalised or raw) and on the crisp ones of
credal sets drawn by :func:`credal.strategies.credal_sets`. Most functions fed to the
expectations lie in ``[0, 1]^n``, the domain the theory gives them; functions outside it
(drawn by :func:`anywhere`) check that an operation's result follows the operation's
defining formula there too (credal documents that it does), and a crisp infradistribution
is compared with a lower expectation on any gamble.
"""

from __future__ import annotations

import itertools
from fractions import Fraction
from typing import Any

import numpy as np
import pytest
from hypothesis import assume, given, reject, settings
from hypothesis import strategies as st

import credal as cr
from credal import infra
from credal.strategies import distributions, infradistributions

from ._support import (
    BASE,
    EXACTNESS,
    check_eq,
    check_le,
    check_type,
    constants,
    draw_gamble,
    draw_set,
    ex,
    obj,
)

Inf = infra.Infradistribution
N_OUTCOMES = st.integers(1, 4)
#: Float infra-probabilities at most this are zero to the library (its DEFAULT_ATOL).
FLOAT_ZERO = 1e-9
EXACT = pytest.mark.parametrize("exact", EXACTNESS)


# -- helpers ---------------------------------------------------------------------------
def units(n: int, exact: bool) -> st.SearchStrategy[np.ndarray]:
    """Functions in [0, 1]^n: multiples of 1/12 (exact) or float64 values in [0, 1]."""
    if exact:
        elem: st.SearchStrategy[Any] = st.integers(0, 12).map(lambda k: Fraction(k, 12))
        return st.lists(elem, min_size=n, max_size=n).map(obj)
    elem = st.floats(0.0, 1.0, allow_nan=False, allow_subnormal=False)
    return st.lists(elem, min_size=n, max_size=n).map(lambda v: np.array(v, dtype=float))


def weights01(exact: bool) -> st.SearchStrategy[Any]:
    """A number in [0, 1]."""
    if exact:
        return st.integers(0, 12).map(lambda k: Fraction(k, 12))
    return st.floats(0.0, 1.0, allow_nan=False, allow_subnormal=False)


def draw_h(data: st.DataObject, n: int, exact: bool, label: str = "H", *,
           normalized: bool | None = None, max_points: int = 4) -> Inf:
    """An infradistribution; normalised or raw (drawn) when ``normalized`` is None."""
    if normalized is None:
        normalized = data.draw(st.booleans(), label=f"{label} normalized")
    return data.draw(infradistributions(n, max_points=max_points, exact=exact,
                                        normalized=normalized), label=label)


def draw_unit(data: st.DataObject, n: int, exact: bool, label: str) -> np.ndarray:
    return data.draw(units(n, exact), label=label)


def anywhere(n: int, exact: bool) -> st.SearchStrategy[np.ndarray]:
    """Functions with values in [-2, 3], most of them outside [0, 1]^n: multiples of 1/4
    (exact) or float64 values."""
    if exact:
        elem: st.SearchStrategy[Any] = st.integers(-8, 12).map(lambda k: Fraction(k, 4))
        return st.lists(elem, min_size=n, max_size=n).map(obj)
    elem = st.floats(-2.0, 3.0, allow_nan=False, allow_subnormal=False)
    return st.lists(elem, min_size=n, max_size=n).map(lambda v: np.array(v, dtype=float))


def draw_any(data: st.DataObject, n: int, exact: bool, label: str) -> np.ndarray:
    return data.draw(anywhere(n, exact), label=label)


def size(*things: Any) -> float:
    """Sum of the sizes of infradistributions (max over points of Σ|m| + b) and arrays or
    numbers (max |entry|): what float errors scale with."""
    total = 0.0
    for t in things:
        if isinstance(t, Inf):
            total += max(float(np.sum(np.abs(np.asarray(m, dtype=float)))) + float(b)
                         for m, b in t.points)
        else:
            a = np.abs(np.asarray(t, dtype=np.float64))
            total += float(a.max()) if a.size else 0.0
    return total


def tol_for(*things: Any, rel: float = 1e-7) -> float:
    """``rel * (1 + size)``: the float tolerance for values built from ``things``."""
    return rel * (1.0 + size(*things))


def zero(exact: bool) -> Any:
    return Fraction(0) if exact else 0.0


def constant(n: int, c: Any, exact: bool) -> np.ndarray:
    return obj([Fraction(c)] * n) if exact else np.full(n, float(c))


def draw_event(data: st.DataObject, outcomes: tuple[Any, ...]) -> list[Any]:
    mask = data.draw(st.lists(st.booleans(), min_size=len(outcomes), max_size=len(outcomes)),
                     label="event mask")
    return [x for x, keep in zip(outcomes, mask, strict=True) if keep]


def indicator(event: list[Any], outcomes: tuple[Any, ...], exact: bool) -> np.ndarray:
    chosen = set(event)
    if exact:
        return obj(Fraction(int(x in chosen)) for x in outcomes)
    return np.array([float(x in chosen) for x in outcomes])


def affine(m: Any, b: Any, f: Any, exact: bool) -> Any:
    """``m·f + b``, exactly or in floats."""
    if exact:
        return sum((Fraction(a) * Fraction(v) for a, v in zip(m, f, strict=True)),
                   Fraction(0)) + Fraction(b)
    return float(np.dot(np.asarray(m, dtype=float), np.asarray(f, dtype=float))) + float(b)


def by_points(H: Inf, f: Any, exact: bool) -> Any:
    """``min_k (m_k·f + b_k)`` written out from ``H.points``."""
    return min(affine(m, b, f, exact) for m, b in H.points)


# -- the strategy ----------------------------------------------------------------------
@EXACT
@settings(BASE, max_examples=ex(30))
@given(data=st.data())
def test_strategy_draws_valid_infradistributions(data, exact):
    """infradistributions() gives infradistributions of the asked size and exactness, with
    nonnegative points, at most max_points of them, normalised when asked."""
    n = data.draw(N_OUTCOMES, label="n_outcomes")
    max_points = data.draw(st.integers(1, 4), label="max_points")
    normalized = data.draw(st.booleans(), label="normalized")
    H = data.draw(infradistributions(n, max_points=max_points, exact=exact,
                                     normalized=normalized), label="H")
    assert isinstance(H, Inf)
    assert H.n_outcomes == n and H.outcomes == tuple(range(n))
    assert H.is_exact == exact
    assert 1 <= len(H.points) <= max_points
    for m, b in H.points:
        assert np.shape(m) == (n,)
        assert all(v >= 0 for v in m) and b >= 0
        if exact:
            assert all(type(v) is Fraction for v in m) and type(b) is Fraction
    if normalized:
        assert H.is_normalized
        tol = tol_for(H)
        check_eq(H.expectation(constant(n, 0, exact)), zero(exact), exact, tol, "E(0) = 0")
        check_eq(H.expectation(constant(n, 1, exact)), 1 + zero(exact), exact, tol,
                 "E(1) = 1")


@pytest.mark.parametrize("bad", [dict(n_outcomes=0), dict(n_outcomes=True),
                                 dict(n_outcomes=2, max_points=0),
                                 dict(n_outcomes=2, max_points=1.5)])
def test_strategy_rejects_bad_arguments(bad):
    """Bad sizes are refused when the strategy is built, not when it is drawn from."""
    n = bad.pop("n_outcomes")
    with pytest.raises(cr.InvalidArgumentError):
        infradistributions(n, **bad)


# -- the expectation functional ---------------------------------------------------------
@EXACT
@settings(BASE, max_examples=ex(40))
@given(data=st.data())
def test_expectation_is_the_minimum_over_the_points(data, exact):
    """E_H(f) = min_k (m_k·f + b_k) over H.points, for single functions and batches; exact in,
    exact out; is_crisp is judged on the points (every b is 0, every m sums to 1)."""
    n = data.draw(N_OUTCOMES, label="n_outcomes")
    H = draw_h(data, n, exact)
    gap = max(max(abs(float(b)), abs(float(sum(m)) - 1.0)) for m, b in H.points)
    if exact:
        assert H.is_crisp == (gap == 0), f"is_crisp is {H.is_crisp}, points {H.points}"
    elif gap <= 1e-12 or gap >= 1e-6:  # floats: only where the answer is clear
        assert H.is_crisp == (gap <= 1e-12), f"is_crisp is {H.is_crisp}, points {H.points}"
    fs = data.draw(st.lists(units(n, exact), min_size=1, max_size=3), label="F")
    batch = np.array(fs, dtype=object if exact else np.float64)
    values = H.expectation(batch)
    assert np.shape(values) == (len(fs),)
    tol = tol_for(H, 1.0)
    for f, v in zip(fs, values, strict=True):
        e = H.expectation(f)
        check_type(e, exact)
        check_eq(e, by_points(H, f, exact), exact, tol, "E_H(f) = min_k (m_k·f + b_k)")
        check_eq(v, e, exact, tol, "batch row = single")


@EXACT
@settings(BASE, max_examples=ex(40))
@given(data=st.data())
def test_expectation_is_concave(data, exact):
    """E(λf + (1−λ)g) >= λE(f) + (1−λ)E(g) for λ in [0, 1]."""
    n = data.draw(N_OUTCOMES, label="n_outcomes")
    H = draw_h(data, n, exact)
    f, g = draw_unit(data, n, exact, "f"), draw_unit(data, n, exact, "g")
    lam = data.draw(weights01(exact), label="lambda")
    mixed = lam * f + (1 - lam) * g
    check_le(lam * H.expectation(f) + (1 - lam) * H.expectation(g), H.expectation(mixed),
             exact, tol_for(H, 1.0), "λE(f) + (1−λ)E(g) <= E(λf + (1−λ)g)")


@EXACT
@settings(BASE, max_examples=ex(40))
@given(data=st.data())
def test_expectation_is_monotone(data, exact):
    """f <= g implies E(f) <= E(g)."""
    n = data.draw(N_OUTCOMES, label="n_outcomes")
    H = draw_h(data, n, exact)
    f, h = draw_unit(data, n, exact, "f"), draw_unit(data, n, exact, "h")
    g = np.maximum(f, h) if not exact else obj(max(a, b) for a, b in zip(f, h, strict=True))
    assert all(a <= b for a, b in zip(f, g, strict=True))
    check_le(H.expectation(f), H.expectation(g), exact, tol_for(H, 1.0), "E(f) <= E(g)")


@EXACT
@settings(BASE, max_examples=ex(40))
@given(data=st.data())
def test_normalised_expectation_fixes_0_and_1(data, exact):
    """A normalised H has E(0) = 0 and E(1) = 1, min_k b_k = 0 and min_k (Σm_k + b_k) = 1;
    hence (monotone, concave) min f <= E(f) <= 1 for f in [0, 1]^n."""
    n = data.draw(N_OUTCOMES, label="n_outcomes")
    H = draw_h(data, n, exact, normalized=True)
    assert H.is_normalized
    tol = tol_for(H, 1.0)
    e0, e1 = H.expectation(constant(n, 0, exact)), H.expectation(constant(n, 1, exact))
    check_type(e0, exact)
    check_type(e1, exact)
    check_eq(e0, zero(exact), exact, tol, "E(0) = 0")
    check_eq(e1, 1 + zero(exact), exact, tol, "E(1) = 1")
    check_eq(min(b for _, b in H.points), zero(exact), exact, tol, "min_k b_k = 0")
    check_eq(min(sum(m) + b for m, b in H.points), 1 + zero(exact), exact, tol,
             "min_k (Σm_k + b_k) = 1")
    f = draw_unit(data, n, exact, "f")
    e = H.expectation(f)
    check_le(min(f), e, exact, tol, "min f <= E(f)")
    check_le(e, 1 + zero(exact), exact, tol, "E(f) <= 1")


@EXACT
@settings(BASE, max_examples=ex(40))
@given(data=st.data())
def test_normalize(data, exact):
    """normalize() gives (E − E(0)) / (E(1) − E(0)), is normalised, leaves a normalised H's
    expectations unchanged, and raises a CredalError when E(1) == E(0)."""
    n = data.draw(N_OUTCOMES, label="n_outcomes")
    H = draw_h(data, n, exact)
    e0, e1 = H.expectation(constant(n, 0, exact)), H.expectation(constant(n, 1, exact))
    if e1 == e0:  # the strategy's grid makes E(1) − E(0) either 0 or at least ~1/8
        with pytest.raises(cr.CredalError):
            H.normalize()
        reject()
    N = H.normalize()
    assert N.is_normalized and N.is_exact == exact and N.outcomes == H.outcomes
    f = draw_unit(data, n, exact, "f")
    tol = tol_for(H, N, 1.0)
    check_eq(N.expectation(f), (H.expectation(f) - e0) / (e1 - e0), exact, tol,
             "E_norm(f) = (E(f) − E(0)) / (E(1) − E(0))")
    wide = draw_any(data, n, exact, "f outside [0, 1]")
    check_eq(N.expectation(wide), (H.expectation(wide) - e0) / (e1 - e0), exact,
             tol * (1 + size(wide)), "f outside [0, 1]: E_norm(f) = (E(f) − E(0)) / (E(1) − E(0))")
    if H.is_normalized:
        check_eq(N.expectation(f), H.expectation(f), exact, tol, "normalize() of normalised H")
        check_eq(N.normalize().expectation(f), N.expectation(f), exact, tol, "idempotent")


@EXACT
@settings(BASE, max_examples=ex(40))
@given(data=st.data())
def test_crisp_is_the_lower_expectation(data, exact):
    """from_credal_set(S) is crisp and normalised, its expectation is E̲_S on any gamble
    (singly and in a batch), and E(f + c) = E(f) + c."""
    S = draw_set(data, exact, "any", data.draw(N_OUTCOMES, label="n_outcomes"))
    H = Inf.from_credal_set(S)
    assert H.is_crisp and H.is_normalized and H.is_exact == exact
    assert H.outcomes == S.outcomes
    n = S.n_outcomes
    f = draw_gamble(data, n, exact, "f")
    g = draw_gamble(data, n, exact, "g")
    c = data.draw(constants(exact), label="c")
    tol = tol_for(f, g, c)
    e = H.expectation(f)
    check_type(e, exact)
    check_eq(e, cr.lower_expectation(S, f), exact, tol, "E_H(f) = E̲_S(f)")
    batch = np.array([f, g], dtype=object if exact else np.float64)
    for got, want in zip(H.expectation(batch), cr.lower_expectation(S, batch), strict=True):
        check_eq(got, want, exact, tol, "batch: E_H = E̲_S")
    check_eq(H.expectation(f + c), e + c, exact, tol, "E(f + c) = E(f) + c (crisp)")


# -- updates ---------------------------------------------------------------------------
def _check_update(H: Inf, exact: bool, f: Any, g: Any, L: Any, kw: dict[str, Any],
                  wide: Any = None) -> None:
    """Dynamic consistency for the update ``infra.update(H, **kw)`` with likelihood L, for
    f in [0, 1]^n and (if given) for ``wide``, a function outside it."""
    n = H.n_outcomes
    prob = infra.event_probability(H, **kw)
    check_type(prob, exact)
    one = constant(n, 1, exact)
    off = (one - L) * g
    tol = tol_for(H, 1.0)
    check_eq(prob, H.expectation(L + off) - H.expectation(off), exact, tol,
             "P^g_H(L) = E_H(L + (1 − L)g) − E_H((1 − L)g)")
    check_le(zero(exact), prob, exact, tol, "P^g_H(L) >= 0")
    if prob == 0 or (not exact and prob <= FLOAT_ZERO):
        if exact:
            with pytest.raises(cr.CredalError):
                infra.update(H, **kw)
        reject()
    post = infra.update(H, **kw)
    assert post.is_exact == exact and post.outcomes == H.outcomes
    assert post.is_normalized, f"update not normalised: {post.points}"
    lhs = H.expectation(L * f + off)
    rhs = H.expectation(off) + prob * post.expectation(f)
    check_eq(lhs, rhs, exact, tol_for(H, post, 1.0),
             "E_H(Lf + (1−L)g) = E_H((1−L)g) + P^g_H(L) · E_{H|L,g}(f)")
    if wide is not None:  # the formula holds outside [0, 1]^n too, not only on the points
        lhs = H.expectation(L * wide + off)
        rhs = H.expectation(off) + prob * post.expectation(wide)
        check_eq(lhs, rhs, exact, tol_for(H, post, wide, 1.0) * (1 + size(wide)),
                 "f outside [0, 1]: E_H(Lf + (1−L)g) = E_H((1−L)g) + P^g_H(L) · E_{H|L,g}(f)")


@EXACT
@settings(BASE, max_examples=ex(60))
@given(data=st.data())
def test_update_on_a_likelihood_is_dynamically_consistent(data, exact):
    """E_H(L f + (1 − L)g) = E_H((1 − L)g) + P^g_H(L) · E_{H|L,g}(f) for f, g, L in [0, 1]^n
    whenever P^g_H(L) > 0, and for f outside [0, 1]^n too (the update's formula, not a
    minimum over points pruned for [0, 1]-valued functions);
    P^g_H(L) = E_H(L + (1 − L)g) − E_H((1 − L)g); the update is normalised; a zero
    infra-probability is an error."""
    n = data.draw(N_OUTCOMES, label="n_outcomes")
    H = draw_h(data, n, exact)
    f, g = draw_unit(data, n, exact, "f"), draw_unit(data, n, exact, "g")
    L = draw_unit(data, n, exact, "L")
    _check_update(H, exact, f, g, L, dict(likelihood=L, off_event=g),
                  draw_any(data, n, exact, "f outside [0, 1]"))


@EXACT
@settings(BASE, max_examples=ex(60))
@given(data=st.data())
def test_update_on_an_event_is_dynamically_consistent(data, exact):
    """The same law for an event B (L = 1_B), crisp or not; the event form and the
    likelihood 1_B give the same probability and the same update."""
    n = data.draw(N_OUTCOMES, label="n_outcomes")
    if data.draw(st.booleans(), label="crisp"):
        H = Inf.from_credal_set(draw_set(data, exact, "any", n))
    else:
        H = draw_h(data, n, exact)
    f, g = draw_unit(data, n, exact, "f"), draw_unit(data, n, exact, "g")
    B = draw_event(data, H.outcomes)
    L = indicator(B, H.outcomes, exact)
    by_event = infra.event_probability(H, B, g)
    by_likelihood = infra.event_probability(H, likelihood=L, off_event=g)
    tol = tol_for(H, 1.0)
    check_eq(by_event, by_likelihood, exact, tol, "P^g_H(B) = P^g_H(1_B)")
    if by_event > (0 if exact else FLOAT_ZERO) and by_likelihood > (0 if exact else FLOAT_ZERO):
        post_b = infra.update(H, B, g)
        post_l = infra.update(H, likelihood=L, off_event=g)
        check_eq(post_b.expectation(f), post_l.expectation(f), exact, tol_for(post_b, 1.0),
                 "update on B = update on 1_B")
    _check_update(H, exact, f, g, L, dict(event=B, off_event=g),
                  draw_any(data, n, exact, "f outside [0, 1]"))


@EXACT
@settings(BASE, max_examples=ex(60))
@given(data=st.data())
def test_crisp_update_is_at_least_the_generalized_bayes_rule(data, exact):
    """For crisp H (a credal set S), f, g in [0, 1]^n and P̲_S(B) > 0:
    E_{H|B,g}(f) >= E̲_GBR(f | B) = E̲_{condition(S, B)}(f); also P^g_H(B) >= P̲_S(B)."""
    n = data.draw(N_OUTCOMES, label="n_outcomes")
    S = draw_set(data, exact, "any", n)
    H = Inf.from_credal_set(S)
    B = draw_event(data, S.outcomes)
    low = cr.lower_probability(S, B)
    assume(low > (0 if exact else 1e-6))
    f, g = draw_unit(data, n, exact, "f"), draw_unit(data, n, exact, "g")
    tol = tol_for(1.0) / float(low)  # float conditioning divides by P̲(B)
    check_le(low, infra.event_probability(H, B, g), exact, tol, "P̲_S(B) <= P^g_H(B)")
    post = infra.update(H, B, g)
    gbr = cr.lower_expectation(cr.condition(S, B), f)
    check_le(gbr, post.expectation(f), exact, tol, "E̲_GBR(f | B) <= E_{H|B,g}(f)")


def test_float_update_of_an_unlikely_event_is_normalised():
    """update() promises a normalised result; in floats that holds within DEFAULT_ATOL even
    when the observation's infra-probability is small (here 1e-8, above the default atol).

    The exact posterior is the point ([1, 0], 0); its float E(1) must be 1 up to rounding,
    not up to the cancellation in E_H(L + (1 − L)g) − E_H((1 − L)g) (both ≈ 1 here)."""
    H = Inf.from_credal_set(cr.precise([1e-8, 1 - 1e-8]))
    post = infra.update(H, [0], [0.0, 1.0])
    assert abs(post.expectation([1.0, 1.0]) - 1.0) <= 1e-9  # DEFAULT_ATOL
    assert post.is_normalized


# -- changes of outcome space ----------------------------------------------------------
@EXACT
@settings(BASE, max_examples=ex(40))
@given(data=st.data())
def test_pushforward(data, exact):
    """E_{φ*H}(f) = E_H(f ∘ φ), with the images in order of first appearance, for φ given
    as a dict or a callable."""
    n = data.draw(N_OUTCOMES, label="n_outcomes")
    H = draw_h(data, n, exact)
    images = data.draw(st.lists(st.sampled_from("abcd"), min_size=n, max_size=n),
                       label="images")
    phi = dict(zip(H.outcomes, images, strict=True))
    mapping = phi if data.draw(st.booleans(), label="as dict") else phi.__getitem__
    P = infra.pushforward(H, mapping)
    labels = tuple(dict.fromkeys(images))
    assert P.outcomes == labels and P.is_exact == exact
    f = draw_unit(data, len(labels), exact, "f")
    value = dict(zip(labels, f, strict=True))
    pulled = obj(value[phi[x]] for x in H.outcomes) if exact else \
        np.array([value[phi[x]] for x in H.outcomes])
    check_eq(P.expectation(f), H.expectation(pulled), exact, tol_for(H, 1.0),
             "E_{φ*H}(f) = E_H(f ∘ φ)")
    # outside [0, 1], on a pushforward of an update (whose points alone do not give it)
    L, g = draw_unit(data, n, exact, "L"), draw_unit(data, n, exact, "g")
    prob = infra.event_probability(H, likelihood=L, off_event=g)
    U = infra.update(H, likelihood=L, off_event=g) if prob > (0 if exact else 1e-3) else H
    Q = infra.pushforward(U, mapping)
    wide = draw_any(data, len(labels), exact, "f outside [0, 1]")
    value = dict(zip(labels, wide, strict=True))
    pulled = obj(value[phi[x]] for x in H.outcomes) if exact else \
        np.array([value[phi[x]] for x in H.outcomes])
    check_eq(Q.expectation(wide), U.expectation(pulled), exact,
             tol_for(U, wide, 1.0) * (1 + size(wide)), "f outside [0, 1]: E_{φ*H}(f) = E_H(f ∘ φ)")


@EXACT
@settings(BASE, max_examples=ex(40))
@given(data=st.data())
def test_mixture(data, exact):
    """E_{Σζ_i H_i}(f) = Σ ζ_i E_{H_i}(f)."""
    n = data.draw(N_OUTCOMES, label="n_outcomes")
    k = data.draw(st.integers(1, 3), label="k")
    hs = [draw_h(data, n, exact, f"H{i}", max_points=3) for i in range(k)]
    zeta = data.draw(distributions(k, exact=exact), label="zeta")
    M = infra.mixture(hs, zeta)
    assert M.outcomes == hs[0].outcomes and M.is_exact == exact
    f = draw_unit(data, n, exact, "f")
    want = sum((z * h.expectation(f) for z, h in zip(zeta, hs, strict=True)), zero(exact))
    check_eq(M.expectation(f), want, exact, tol_for(*hs, 1.0), "E_mix(f) = Σ ζ_i E_{H_i}(f)")
    wide = draw_any(data, n, exact, "f outside [0, 1]")
    want = sum((z * h.expectation(wide) for z, h in zip(zeta, hs, strict=True)), zero(exact))
    check_eq(M.expectation(wide), want, exact, tol_for(*hs, wide, 1.0) * (1 + size(wide)),
             "f outside [0, 1]: E_mix(f) = Σ ζ_i E_{H_i}(f)")


def _by_selections(H: Inf, kernels: list[Inf], f: Any, n_y: int, exact: bool) -> Any:
    """min over the points (m, b) of H and the selections σ of one point of each K(x) of
    b + Σ_x m(x) (m'_σ(x)·f(x, ·) + b'_σ(x)): the semidirect product by brute force."""
    best = None
    for m, b in H.points:
        for sel in itertools.product(*(K.points for K in kernels)):
            total = Fraction(b) if exact else float(b)
            for x, (mk, bk) in enumerate(sel):
                inner = affine(mk, bk, f[x * n_y:(x + 1) * n_y], exact)
                total = total + (Fraction(m[x]) if exact else float(m[x])) * inner
            best = total if best is None or total < best else best
    return best


def _nested(H: Inf, kernels: list[Inf], f: Any, n_y: int, exact: bool) -> Any:
    """E_H(x ↦ E_{K(x)}(y ↦ f(x, y))) from the expectation functionals."""
    inner = [K.expectation(f[x * n_y:(x + 1) * n_y]) for x, K in enumerate(kernels)]
    return H.expectation(obj(inner) if exact else np.array(inner, dtype=float))


@EXACT
@settings(BASE, max_examples=ex(30))
@given(data=st.data())
def test_semidirect_product(data, exact):
    """E_{H⋉K}(f) = E_H(x ↦ E_{K(x)}(f(x, ·))), which is also the brute-force minimum over the
    points of H and the selections of kernel points; the outcomes are the pairs (x, y) in
    row-major order."""
    n_x = data.draw(st.integers(1, 3), label="n_x")
    n_y = data.draw(st.integers(1, 3), label="n_y")
    H = draw_h(data, n_x, exact, max_points=3)
    kernels = [draw_h(data, n_y, exact, f"K({x})", max_points=2) for x in range(n_x)]
    P = infra.semidirect_product(H, dict(zip(H.outcomes, kernels, strict=True)))
    assert P.outcomes == tuple((x, y) for x in H.outcomes for y in range(n_y))
    assert P.is_exact == exact
    f = draw_unit(data, n_x * n_y, exact, "f")
    tol = tol_for(H, *kernels, 1.0) * (1.0 + size(H))
    got = P.expectation(f)
    check_type(got, exact)
    check_eq(got, _nested(H, kernels, f, n_y, exact), exact, tol,
             "E_{H⋉K}(f) = E_H(x ↦ E_{K(x)}(f(x, ·)))")
    check_eq(got, _by_selections(H, kernels, f, n_y, exact), exact, tol,
             "E_{H⋉K}(f) = brute force over selections")
    check_eq(min(affine(m, b, f, exact) for m, b in P.points), got, exact, tol,
             "E_{H⋉K}(f) = min over the product's points")
    wide = draw_any(data, n_x * n_y, exact, "f outside [0, 1]")
    check_eq(P.expectation(wide), _nested(H, kernels, wide, n_y, exact), exact,
             tol * (1 + size(wide)), "f outside [0, 1]: E_{H⋉K}(f) = E_H(x ↦ E_{K(x)}(f(x, ·)))")


@EXACT
@settings(BASE, max_examples=ex(30))
@given(data=st.data())
def test_product(data, exact):
    """H × G is the constant-kernel semidirect product:
    E_{H×G}(f) = E_H(x ↦ E_G(f(x, ·))) (and brute force over selections)."""
    n_x = data.draw(st.integers(1, 3), label="n_x")
    n_y = data.draw(st.integers(1, 3), label="n_y")
    H = draw_h(data, n_x, exact, max_points=3)
    G = draw_h(data, n_y, exact, "G", max_points=2)
    P = infra.product(H, G)
    assert P.outcomes == tuple((x, y) for x in H.outcomes for y in G.outcomes)
    f = draw_unit(data, n_x * n_y, exact, "f")
    tol = tol_for(H, G, 1.0) * (1.0 + size(H))
    got = P.expectation(f)
    check_eq(got, _nested(H, [G] * n_x, f, n_y, exact), exact, tol,
             "E_{H×G}(f) = E_H(x ↦ E_G(f(x, ·)))")
    check_eq(got, _by_selections(H, [G] * n_x, f, n_y, exact), exact, tol,
             "E_{H×G}(f) = brute force over selections")
    wide = draw_any(data, n_x * n_y, exact, "f outside [0, 1]")
    check_eq(P.expectation(wide), _nested(H, [G] * n_x, wide, n_y, exact), exact,
             tol * (1 + size(wide)), "f outside [0, 1]: E_{H×G}(f) = E_H(x ↦ E_G(f(x, ·)))")


# -- bad input -------------------------------------------------------------------------
_H2 = Inf.from_points([([Fraction(1, 2), Fraction(1, 2)], 0)])
_G2 = [0, 0]
_BAD_INPUT = {
    "negative mass": lambda: Inf.from_points([([-1, 2], 0)]),
    "negative float mass": lambda: Inf.from_points([([1.5, -0.5], 0.0)]),
    "negative offset": lambda: Inf.from_points([([1, 0], -1)]),
    "NaN mass": lambda: Inf.from_points([([float("nan"), 1.0], 0.0)]),
    "no points": lambda: Inf.from_points([]),
    "measures of different lengths": lambda: Inf.from_points([([1, 0], 0), ([1, 0, 0], 0)]),
    "measure longer than outcomes": lambda: Inf.from_points([([1, 0, 0], 0)],
                                                            outcomes=["a", "b"]),
    "f of the wrong length": lambda: _H2.expectation([1, 0, 0]),
    "likelihood above 1": lambda: infra.update(_H2, likelihood=[2, 0], off_event=_G2),
    "likelihood below 0": lambda: infra.update(_H2, likelihood=["-1/2", 1], off_event=_G2),
    "probability with likelihood above 1":
        lambda: infra.event_probability(_H2, likelihood=[1, "3/2"], off_event=_G2),
    "event and likelihood": lambda: infra.update(_H2, [0], _G2, likelihood=[1, 0]),
    "neither event nor likelihood": lambda: infra.update(_H2, off_event=_G2),
    "probability with event and likelihood":
        lambda: infra.event_probability(_H2, [0], _G2, likelihood=[1, 0]),
    "probability with neither": lambda: infra.event_probability(_H2, off_event=_G2),
    "unknown outcome in event": lambda: infra.update(_H2, [7], _G2),
    "off_event of the wrong length": lambda: infra.update(_H2, [0], [0, 0, 0]),
    "mixture weights not summing to 1": lambda: infra.mixture([_H2, _H2], ["1/2", "1/4"]),
    "negative mixture weight": lambda: infra.mixture([_H2, _H2], [2, -1]),
    "no mixture components": lambda: infra.mixture([], []),
    "kernel missing an outcome": lambda: infra.semidirect_product(_H2, {0: _H2}),
}


@pytest.mark.parametrize("case", list(_BAD_INPUT))
def test_bad_input_raises_invalid_argument_error(case):
    """Malformed input raises credal.InvalidArgumentError."""
    with pytest.raises(cr.InvalidArgumentError):
        _BAD_INPUT[case]()


def test_impossible_normalisation_and_update_raise_credal_errors():
    """normalize() with E(1) == E(0), and an update on an observation of infra-probability
    0, raise a CredalError (not some other exception)."""
    flat = Inf.from_points([([0, 0], "1/4"), (["1/2", 0], "1/4")])  # E(1) = E(0) = 1/4
    assert flat.expectation([1, 1]) == flat.expectation([0, 0])
    with pytest.raises(cr.CredalError):
        flat.normalize()
    vac = Inf.from_credal_set(cr.vacuous(2))
    assert infra.event_probability(vac, [0], [0, 0]) == 0
    with pytest.raises(cr.CredalError):
        infra.update(vac, [0], [0, 0])

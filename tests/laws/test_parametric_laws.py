"""Laws of the exact one-parameter analysis, :mod:`credal.parametric`.

The families are drawn at random, *polynomial in t* (degree <= 2, small rational
coefficients) over a domain inside [0, 1], over 2..4 outcomes, and are credal sets on the
whole domain by construction (no filtering):

* ``bounds``: ``from_bounds`` with ``lower_i = p_i (1 - a_i(t))`` and
  ``upper_i = p_i + (1 - p_i) b_i(t)``, for a distribution ``p`` and polynomials ``a_i``,
  ``b_i`` with values in [0, 1] on [0, 1]: so ``lower <= p <= upper``;
* ``vertices``: ``from_vertices`` with vertices ``v_j(t) = a_j + m_j(t) (b_j - a_j)``
  between two distributions, ``m_j`` with values in [0, 1];
* ``tv`` / ``contamination``: a TV ball or an epsilon-contamination whose radius or
  epsilon is a polynomial with values in [0, 1];
* ``previsions``: ``from_lower_previsions`` with fixed gambles ``g_k`` and values
  ``g_k . p(t) - s_k(t)``, where ``p(t) = a + t (b - a)`` and ``s_k >= 0``: ``p(t)``
  satisfies every constraint.

A polynomial with values in [0, 1] on [0, 1] is drawn in Bernstein form with coefficients
in {0, 1/4, ..., 1} (the values are convex combinations of the coefficients). Every family
is written as Python source (``lambda t: cr....``) and evaluated, so the ``repr`` that
hypothesis prints for a failing example is a runnable reproducer.

All these families are continuous in t (fixed constraint rows with a continuous right-hand
side give a Hausdorff-continuous polytope while it is nonempty; vertices move
continuously), so the lower expectation is continuous: neighbouring pieces agree at their
common end, and no piece is a single point.

Everything is exact (Fractions and sympy numbers, compared with ``==``). Rational points
are checked against the pointwise ``cr.lower_expectation`` / rules / ``DDTProblem.choose``
of ``family(x)``; algebraic ends (``sqrt(2)/2``, ...) are checked by the expressions alone.

The laws:

1. every piece of ``lower_expectation`` / ``upper_expectation`` is the pointwise value, at
   the rational ends and at rationals inside every piece (and ``r(x)``, ``as_piecewise``);
2. E̲ <= Ē; E̲(f + c) is E̲f + c piece by piece; Ēf = -E̲(-f) piece by piece;
3. data affine in t: E̲ convex (fixed rows, moving right-hand side) or concave (moving
   vertices), every piece affine;
4. ``decisions`` agrees with every pointwise rule inside every region and at its rational
   point regions; the regions cover the domain in order;
5. E-admissible ⊆ maximal ⊆ interval-dominant, Γ-maximin ⊆ maximal, Γ-maximax ⊆
   E-admissible, at every boundary and inside every cell (Γ-maximin ⊆ E-admissible is not
   a law: a compromise act can be Γ-maximin and Bayes for no p);
6. ``ddt`` agrees with ``DDTProblem.choose()`` (beliefs with polynomial bounds or
   vertices, and ``from_counterfactuals`` problems).

Two bugs of ``ddt`` over V-form beliefs these laws found (SolverError at an irrational
point) are regression tests with their minimal reproducers.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from fractions import Fraction
from typing import Any

import pytest
import sympy
from hypothesis import event, given, settings
from hypothesis import strategies as st

import credal as cr
from credal.strategies import gambles

from ._support import BASE, ex

par = cr.parametric
KINDS = ("bounds", "vertices", "tv", "contamination", "previsions")
#: Domains inside [0, 1], where every drawn family is a credal set.
#: (0, 1) most often: the drawn data move most over it, so pieces change inside it.
DOMAINS = ((Fraction(0), Fraction(1)), (Fraction(0), Fraction(1)), (Fraction(0), Fraction(1)),
           (Fraction(0), Fraction(1, 2)), (Fraction(1, 4), Fraction(1)),
           (Fraction(1, 3), Fraction(3, 4)))
#: Inclusions between the rules on a credal set, as tests/laws/test_decisions.py states them.
INCLUSIONS = (("e_admissibility", "maximality"), ("maximality", "interval_dominance"),
              ("gamma_maximin", "maximality"), ("gamma_maximax", "e_admissibility"))


# ------------------------------------------------------------------------ polynomials
class Poly:
    """A polynomial with Fraction coefficients ``c[0] + c[1] t + ...``."""

    def __init__(self, coeffs: Iterable[Any]) -> None:
        c = [Fraction(v) for v in coeffs]
        while len(c) > 1 and c[-1] == 0:
            c.pop()
        self.c = tuple(c) or (Fraction(0),)

    @classmethod
    def const(cls, v: Any) -> Poly:
        return cls([v])

    def __add__(self, other: Poly) -> Poly:
        n = max(len(self.c), len(other.c))
        return Poly([(self.c[i] if i < len(self.c) else 0) +
                     (other.c[i] if i < len(other.c) else 0) for i in range(n)])

    def __sub__(self, other: Poly) -> Poly:
        return self + other.scale(-1)

    def __mul__(self, other: Poly) -> Poly:
        out = [Fraction(0)] * (len(self.c) + len(other.c) - 1)
        for i, a in enumerate(self.c):
            for j, b in enumerate(other.c):
                out[i + j] += a * b
        return Poly(out)

    def scale(self, k: Any) -> Poly:
        return Poly([Fraction(k) * v for v in self.c])

    @property
    def degree(self) -> int:
        return len(self.c) - 1

    def code(self) -> str:
        """Python source in ``t``, exact for a Fraction ``t``."""
        terms = []
        for k, v in enumerate(self.c):
            if v == 0 and len(self.c) > 1:
                continue
            num = f"F({v.numerator}, {v.denominator})" if v.denominator != 1 else \
                f"F({v.numerator})"
            terms.append(num if k == 0 else f"{num}*t" if k == 1 else f"{num}*t**{k}")
        return " + ".join(terms)


T_POLY = Poly([0, 1])
ONE = Poly.const(1)


#: Bernstein coefficients, extremes first: polynomials such as t, 1 - t and 4t(1 - t) move
#: the data across the whole of [0, 1], so that pieces change inside the domain.
_BERNSTEIN = [Fraction(k, 4) for k in (4, 0, 2, 1, 3)]


@st.composite
def unit_polys(draw: st.DrawFn, max_degree: int = 2) -> Poly:
    """A polynomial of degree <= max_degree with values in [0, 1] on [0, 1]: Bernstein
    coefficients in {0, 1/4, ..., 1} (the values are convex combinations of them)."""
    d = draw(st.sampled_from([max_degree, 1, max_degree, 1, 0]))
    b = [draw(st.sampled_from(_BERNSTEIN)) for _ in range(d + 1)]
    if d and b[-1] == b[0]:  # a moving polynomial: its ends at least 1/2 apart
        b[-1] = 1 - b[0] if b[0] != Fraction(1, 2) else Fraction(0)
    if d == 0:
        return Poly(b)
    if d == 1:
        return Poly([b[0], b[1] - b[0]])
    return Poly([b[0], 2 * (b[1] - b[0]), b[0] - 2 * b[1] + b[2]])


@st.composite
def small_distributions(draw: st.DrawFn, n: int, zeros: bool = False) -> list[Fraction]:
    """Distributions over n outcomes with integer weights 0..4 (small denominators),
    mostly positive (``zeros=True``: zero weights two times in five)."""
    weights = [0, 1, 0, 2, 4] if zeros else [1, 2, 3, 4, 0]
    w = draw(st.lists(st.sampled_from(weights), min_size=n, max_size=n))
    w[draw(st.integers(0, n - 1))] += 1
    return [Fraction(v, sum(w)) for v in w]


# ------------------------------------------------------------------------ families
class Family:
    """``t -> CredalSet``, built from its Python source (its repr is a reproducer)."""

    def __init__(self, kind: str, n: int, source: str, domain: tuple[Fraction, Fraction],
                 affine: bool, supports: Sequence[frozenset[int]] = ()) -> None:
        self.kind, self.n, self.source, self.domain, self.affine = \
            kind, n, source, domain, affine
        #: Outcome sets E such that family(t) has a point supported in E for every t.
        self.supports = tuple(supports)
        self._fn = eval(source, {"cr": cr, "F": Fraction})  # noqa: S307 - our own source

    def __call__(self, x: Any) -> Any:
        return self._fn(x)

    def __repr__(self) -> str:
        return f"{self.source}  # {self.kind}, domain={tuple(map(str, self.domain))}"


def _vec(polys: Sequence[Poly]) -> str:
    return "[" + ", ".join(p.code() for p in polys) + "]"


def _frac_vec(values: Sequence[Fraction]) -> str:
    return "[" + ", ".join(f"F({v.numerator}, {v.denominator})" for v in values) + "]"


def _gamble_code(g: Sequence[Any]) -> str:
    return _frac_vec([Fraction(v) for v in g])


@st.composite
def families(draw: st.DrawFn, kind: str | None = None, *, affine: bool = False,
             n: int | None = None, zeros: bool = False) -> Family:
    """A polynomial family of credal sets (see the module docstring). ``affine=True``:
    every datum is affine in t (the convexity laws); ``zeros=True``: ``p`` and the
    vertices with more zero coordinates (a vertex keeps its zeros as t moves), for
    nonempty DDT faces."""
    if kind is None:
        kind = draw(st.sampled_from(KINDS), label="kind")
    if n is None:
        n = draw(st.integers(2, 4), label="n_outcomes")
    domain = draw(st.sampled_from(DOMAINS), label="domain")
    supports: list[frozenset[int]] = []
    deg = 1 if affine else 2
    unit = unit_polys(deg)
    if kind == "bounds":
        p = draw(small_distributions(n, zeros), label="p")
        supports.append(frozenset(i for i in range(n) if p[i]))  # p is in every set
        lower = [Poly.const(pi) * (ONE - draw(unit)) for pi in p]
        upper = [Poly.const(pi) + draw(unit).scale(1 - pi) for pi in p]
        src = f"cr.CredalSet.from_bounds({_vec(lower)}, {_vec(upper)})"
    elif kind == "vertices":
        k = draw(st.sampled_from([2, 3, 1]), label="n_vertices")
        verts = []
        for _ in range(k):
            a, b = draw(small_distributions(n, zeros)), draw(small_distributions(n))
            if zeros:  # b on a's support: the vertex keeps a's zeros
                b = [bi if ai else Fraction(0) for ai, bi in zip(a, b, strict=True)]
                b = [bi / sum(b) for bi in b] if sum(b) else list(a)
            m = draw(unit)
            supports.append(frozenset(i for i in range(n) if a[i] or b[i]))
            verts.append([Poly.const(ai) + m.scale(bi - ai) for ai, bi in
                          zip(a, b, strict=True)])
        src = "cr.CredalSet.from_vertices([" + ", ".join(_vec(v) for v in verts) + "])"
    elif kind in ("tv", "contamination"):
        p = draw(small_distributions(n), label="center")
        r = draw(unit)
        fn = "tv_ball" if kind == "tv" else "contamination"
        src = f"cr.{fn}({_frac_vec(p)}, {r.code()})"
    else:
        assert kind == "previsions"
        a, b = draw(small_distributions(n)), draw(small_distributions(n))
        pt = [Poly.const(ai) + T_POLY.scale(bi - ai) for ai, bi in zip(a, b, strict=True)]
        rows = []
        for _ in range(draw(st.sampled_from([2, 3, 1]), label="n_previsions")):
            g = draw(st.lists(st.integers(-2, 2), min_size=n, max_size=n))
            value = Poly.const(0)
            for gi, pi in zip(g, pt, strict=True):
                value = value + pi.scale(gi)
            value = value - draw(unit).scale(Fraction(1, 4))
            rows.append(f"({_gamble_code(g)}, {value.code()})")
        src = f"cr.CredalSet.from_lower_previsions([{', '.join(rows)}], outcomes=range({n}))"
    return Family(kind, n, "lambda t: " + src, domain, affine, supports)


# ------------------------------------------------------------------------ exact points
def frac(v: Any) -> Fraction | None:
    """A sympy number as a Fraction, or None when it is irrational."""
    v = sympy.nsimplify(v) if isinstance(v, sympy.Float) else sympy.sympify(v)
    if v.is_Rational:
        return Fraction(int(v.p), int(v.q))
    return None


def approx(v: Any) -> Fraction:
    """A rational within 1e-40 of the real number v."""
    q = frac(v)
    return q if q is not None else Fraction(str(sympy.N(v, 50)))


def inside(lo: Any, hi: Any) -> list[Fraction]:
    """Two rationals strictly inside (lo, hi) (exact or algebraic ends, lo < hi)."""
    a, b = approx(lo), approx(hi)
    out = [a + (b - a) / 2, a + (b - a) / 3]
    for x in out:
        assert sympy.Rational(x.numerator, x.denominator) > lo
        assert sympy.Rational(x.numerator, x.denominator) < hi
    return out


def same_number(a: Any, b: Any) -> bool:
    """a == b for exact sympy numbers (algebraic ones through simplification)."""
    d = sympy.simplify(sympy.sympify(a) - sympy.sympify(b))
    return bool(d == 0) or bool(d.equals(0))


def at(expr: Any, sym: sympy.Symbol, x: Any) -> Any:
    return sympy.simplify(sympy.sympify(expr).subs(sym, x))


def check_pieces(r: Any, domain: tuple[Fraction, Fraction]) -> None:
    """The pieces cover the closed domain in order, with ends shared; breakpoints are the
    interior ends; the value is continuous (the drawn families are, see the docstring)."""
    lo, hi = domain
    assert r.domain == (sympy.Rational(lo), sympy.Rational(hi))
    pieces = r.pieces
    assert pieces, r
    assert pieces[0][0] == r.domain[0] and pieces[-1][1] == r.domain[1], r
    for (_, b, _), (c, _, _) in zip(pieces, pieces[1:], strict=False):
        assert b == c, f"pieces do not meet: {r}"
    for a, b, _ in pieces:
        assert a < b, f"a one-point piece in a continuous family: {r}"
    assert tuple(r.breakpoints) == tuple(b for _, b, _ in pieces[:-1]), r
    for (_, b, e1), (_, _, e2) in zip(pieces, pieces[1:], strict=False):
        v1 = at(e1, r.symbol, b)
        assert same_number(v1, at(e2, r.symbol, b)), \
            f"the value jumps at {b}: {e1} vs {e2} in {r}"
        if frac(b) is None:  # r at an algebraic point (rational ones: against the set)
            assert same_number(r(b), v1), (b, r(b), v1, r)
        assert not same_number(sympy.simplify(e1 - e2), 0), \
            f"neighbouring pieces with the same expression {e1} at {b}: {r}"


def rational_points(r_pieces: Iterable[tuple[Any, Any, Any]]) -> list[Fraction]:
    """Every rational end and two rationals inside every piece, increasing."""
    pts: set[Fraction] = set()
    for lo, hi, _ in r_pieces:
        for e in (lo, hi):
            q = frac(e)
            if q is not None:
                pts.add(q)
        if lo != hi:
            pts.update(inside(lo, hi))
    return sorted(pts)


def pieces_at(r: Any, x: Fraction) -> list[Any]:
    """The expressions of the pieces whose closed interval holds x."""
    X = sympy.Rational(x.numerator, x.denominator)
    return [e for lo, hi, e in r.pieces if lo <= X <= hi]


def describe(parts: Sequence[Any], breakpoints: Sequence[Any]) -> None:
    """Hypothesis statistics (``--hypothesis-show-statistics``): how many pieces or
    regions, and whether a breakpoint is irrational."""
    event(f"{min(len(parts), 5)}{'+' if len(parts) >= 5 else ''} pieces/regions")
    if any(frac(b) is None for b in breakpoints):
        event("an irrational breakpoint")


# ------------------------------------------------------------------------ law 1
@pytest.mark.parametrize("kind", KINDS)
@settings(BASE, max_examples=ex(20))
@given(data=st.data())
def test_every_piece_agrees_with_the_pointwise_value(data: st.DataObject, kind: str) -> None:
    """r(x) == cr.lower_expectation(family(x), f) at the rational ends and at rationals
    inside every piece, and so does every piece's expression on its closed interval (same
    for the upper expectation); at an algebraic end the two pieces meeting there agree."""
    fam = data.draw(families(kind), label="family")
    f = data.draw(gambles(fam.n, min_value=-3, max_value=3, exact=True), label="f")
    for parametric, pointwise in ((par.lower_expectation, cr.lower_expectation),
                                  (par.upper_expectation, cr.upper_expectation)):
        r = parametric(fam, f, domain=fam.domain)
        check_pieces(r, fam.domain)
        describe(r.pieces, r.breakpoints)
        for x in rational_points(r.pieces):
            want = pointwise(fam(x), f)
            got = r(x)
            assert type(got) is Fraction and got == want, \
                (parametric.__name__, x, got, want, r)
            for e in pieces_at(r, x):
                assert at(e, r.symbol, x) == want, (parametric.__name__, x, e, want, r)
            X = sympy.Rational(x.numerator, x.denominator)
            assert r.as_piecewise().subs(r.symbol, X) == want, (x, r.as_piecewise())


# ------------------------------------------------------------------------ law 2
@settings(BASE, max_examples=ex(30))
@given(data=st.data())
def test_order_constant_additivity_and_conjugacy(data: st.DataObject) -> None:
    """E̲ <= Ē; E̲(f + c) is E̲f + c piece by piece (same ends); Ēf = -E̲(-f) piece by
    piece."""
    fam = data.draw(families(), label="family")
    f = data.draw(gambles(fam.n, min_value=-3, max_value=3, exact=True), label="f")
    c = data.draw(st.builds(Fraction, st.integers(-8, 8), st.integers(1, 4)), label="c")
    dom = fam.domain
    lo = par.lower_expectation(fam, f, domain=dom)
    up = par.upper_expectation(fam, f, domain=dom)
    for x in rational_points(list(lo.pieces) + list(up.pieces)):
        assert lo(x) <= up(x), (x, lo, up)
    # at algebraic ends too (sympy numbers)
    for b in set(lo.breakpoints) | set(up.breakpoints):
        if frac(b) is None:
            assert sympy.simplify(up(b) - lo(b)) >= 0, (b, lo, up)
    shifted = par.lower_expectation(fam, [v + c for v in f], domain=dom)
    assert len(shifted.pieces) == len(lo.pieces), (lo, shifted)
    for (a1, b1, e1), (a2, b2, e2) in zip(lo.pieces, shifted.pieces, strict=True):
        assert (a1, b1) == (a2, b2), (lo, shifted)
        assert sympy.simplify(e2 - e1 - sympy.Rational(c.numerator, c.denominator)) == 0, \
            (e1, e2, c)
    neg = par.lower_expectation(fam, [-v for v in f], domain=dom)
    assert len(neg.pieces) == len(up.pieces), (up, neg)
    for (a1, b1, e1), (a2, b2, e2) in zip(up.pieces, neg.pieces, strict=True):
        assert (a1, b1) == (a2, b2), (up, neg)
        assert sympy.simplify(e1 + e2) == 0, (e1, e2)


# ------------------------------------------------------------------------ law 3
@pytest.mark.parametrize("kind", KINDS)
@settings(BASE, max_examples=ex(15))
@given(data=st.data())
def test_affine_families_give_convex_or_concave_values(data: st.DataObject,
                                                       kind: str) -> None:
    """Data affine in t: for fixed constraint rows with a right-hand side affine in t
    (bounds, TV radius, contamination epsilon, lower previsions' values),
    ``min {f.p : A p <= b(t)}`` is convex in t (an LP's value is convex in its right-hand
    side), so E̲ is convex and Ē concave; for vertices affine in t, E̲ is a minimum of
    affine functions, so concave (Ē convex). Either way every piece is affine."""
    fam = data.draw(families(kind, affine=True), label="family")
    f = data.draw(gambles(fam.n, min_value=-3, max_value=3, exact=True), label="f")
    lo = par.lower_expectation(fam, f, domain=fam.domain)
    up = par.upper_expectation(fam, f, domain=fam.domain)
    lower_sense = -1 if kind == "vertices" else 1  # +1 convex, -1 concave
    for r, sense in ((lo, lower_sense), (up, -lower_sense)):
        slopes = []
        for a, b, e in r.pieces:
            poly = sympy.Poly(sympy.sympify(e), r.symbol)
            assert poly.degree() <= 1, f"a piece of degree {poly.degree()}: {r}"
            assert frac(a) is not None and frac(b) is not None, r  # roots of affine data
            slopes.append(poly.coeff_monomial(r.symbol))
        for s1, s2 in zip(slopes, slopes[1:], strict=False):
            assert sense * (s2 - s1) >= 0, (sense, slopes, r)
        # midpoint inequality at drawn rationals
        d0, d1 = fam.domain
        u = data.draw(st.lists(st.integers(0, 12), min_size=2, max_size=2), label="u")
        x, y = (d0 + (d1 - d0) * Fraction(k, 12) for k in u)
        assert sense * ((r(x) + r(y)) / 2 - r((x + y) / 2)) >= 0, (x, y, r)


# ------------------------------------------------------------------------ decisions
@st.composite
def act_sets(draw: st.DrawFn, n: int) -> dict[str, list[Fraction]]:
    """2..3 acts with entries in {0, 1/2, ..., 3}: the second often the first reversed
    (neither dominates, so the choice can switch as the set moves), sometimes the last a
    copy of the first (an exact tie)."""
    m = draw(st.integers(2, 3), label="n_acts")
    acts = {f"a{i}": [Fraction(v, 2) for v in
                      draw(st.lists(st.integers(0, 6), min_size=n, max_size=n))]
            for i in range(m)}
    if draw(st.booleans()):
        acts["a1"] = acts["a0"][::-1]
    if draw(st.integers(0, 4)) == 0:
        acts[f"a{m - 1}"] = list(acts["a0"])
    return acts


def check_regions(regions: Any, domain: tuple[Fraction, Fraction],
                  acts: Sequence[Any]) -> None:
    """Regions cover the closed domain in order, ends shared; a point region at each
    boundary between two intervals; chosen: nonempty, in the acts' order."""
    lo, hi = sympy.Rational(domain[0]), sympy.Rational(domain[1])
    assert regions.domain == (lo, hi)
    assert tuple(regions.acts) == tuple(acts)
    assert regions[0][0] == lo and regions[-1][1] == hi, regions
    for (_, b, _), (c, _, _) in zip(regions, regions[1:], strict=False):
        assert b == c, f"regions do not meet: {regions}"
    order = {a: i for i, a in enumerate(acts)}
    for a, b, chosen in regions:
        assert a <= b, regions
        assert chosen, f"nothing chosen on ({a}, {b}): {regions}"
        idx = [order[c] for c in chosen]
        assert idx == sorted(set(idx)), regions
    for i, (a, b, ch) in enumerate(regions):
        if i + 1 < len(regions) and a < b:
            a2, b2, ch2 = regions[i + 1]
            assert a2 == b2, f"two intervals meet at {b} with no point region: {regions}"
        if a == b and 0 < i < len(regions) - 1:
            prev, nxt = regions[i - 1], regions[i + 1]
            assert prev[0] < prev[1] and nxt[0] < nxt[1], f"two point regions: {regions}"
            assert not (prev[2] == ch == nxt[2]), \
                f"a boundary at {a} where nothing changes: {regions}"
    interior = tuple(a for a, b, _ in regions if a == b and lo < a < hi)
    assert tuple(regions.breakpoints) == interior, regions


def region_points(regions: Any) -> list[tuple[Fraction, tuple[Any, ...]]]:
    """(x, chosen) at a rational inside every open region and at every rational point
    region."""
    out = []
    for a, b, chosen in regions:
        if a == b:
            q = frac(a)
            if q is not None:
                out.append((q, chosen))
        else:
            out.extend((x, chosen) for x in inside(a, b))
    return out


@settings(BASE, max_examples=ex(20))
@given(data=st.data())
def test_decision_regions_agree_with_the_pointwise_rules(data: st.DataObject) -> None:
    """For every rule R: at a rational inside every open region and at every rational point
    region, the region's choice is R(acts, family(x)); the regions cover the domain
    in order with a point region at each boundary. Hurwicz: alpha 1/2 (the default of
    both) and a drawn alpha."""
    fam = data.draw(families(n=data.draw(st.integers(2, 3), label="n")), label="family")
    acts = data.draw(act_sets(fam.n), label="acts")
    alpha = data.draw(st.sampled_from([Fraction(1, 4), Fraction(0), Fraction(1),
                                       Fraction(3, 4)]), label="alpha")
    sets: dict[Fraction, cr.CredalSet] = {}
    for rule, options in [(r, {}) for r in par.RULES] + [("hurwicz", {"alpha": alpha})]:
        regions = par.decisions(fam, acts, rule=rule, domain=fam.domain, **options)
        assert regions.rule == rule
        check_regions(regions, fam.domain, list(acts))
        describe(regions, regions.breakpoints)
        for x, chosen in region_points(regions):
            S = sets.setdefault(x, fam(x))
            want = tuple(getattr(cr, rule)(acts, S, **options))
            assert regions.chosen_at(x) == chosen, (rule, x, regions)
            assert chosen == want, (rule, x, chosen, want, regions)


@settings(BASE, max_examples=ex(20))
@given(data=st.data())
def test_inclusions_between_the_rules_hold_region_by_region(data: st.DataObject) -> None:
    """E-admissible ⊆ maximal ⊆ interval-dominant, Γ-maximin ⊆ maximal, Γ-maximax ⊆
    E-admissible, at every boundary of every rule's regions (algebraic ones too) and
    inside every cell between two consecutive boundaries."""
    fam = data.draw(families(n=data.draw(st.integers(2, 3), label="n")), label="family")
    acts = data.draw(act_sets(fam.n), label="acts")
    rules = {r for pair in INCLUSIONS for r in pair}
    regions = {r: par.decisions(fam, acts, rule=r, domain=fam.domain) for r in rules}
    ends = sorted({e for reg in regions.values() for a, b, _ in reg for e in (a, b)},
                  key=lambda v: sympy.N(v, 50))
    cells = list(ends) + [x for a, b in zip(ends, ends[1:], strict=False)
                          for x in inside(a, b)[:1]]
    for x in cells:
        chosen = {r: set(reg.chosen_at(x)) for r, reg in regions.items()}
        for a, b in INCLUSIONS:
            assert chosen[a] <= chosen[b], (x, a, chosen[a], b, chosen[b], regions)


# ------------------------------------------------------------------------ ddt
class DDTFamily:
    """``t -> DDTProblem``, built from its Python source (its repr is a reproducer)."""

    def __init__(self, source: str, domain: tuple[Fraction, Fraction],
                 policies: Sequence[str]) -> None:
        self.source, self.domain, self.policies = source, domain, tuple(policies)
        self._fn = eval(source, {"cr": cr, "F": Fraction})  # noqa: S307 - our own source

    def __call__(self, x: Any) -> cr.DDTProblem:
        return self._fn(x)  # type: ignore[no-any-return]

    def __repr__(self) -> str:
        return f"{self.source}  # domain={tuple(map(str, self.domain))}"


@st.composite
def utilities(draw: st.DrawFn, n: int) -> list[Poly]:
    """Entries in {-2, ..., 4}, half the time plus t times a slope in {-3, ..., 3} (values
    then cross more often)."""
    u = [Poly.const(v) for v in draw(st.lists(st.integers(-2, 4), min_size=n, max_size=n),
                                     label="utility")]
    if draw(st.booleans(), label="moving utility"):
        v = draw(st.lists(st.integers(-3, 3), min_size=n, max_size=n), label="slope")
        u = [ui + T_POLY.scale(vi) for ui, vi in zip(u, v, strict=True)]
    return u


@st.composite
def ddt_families(draw: st.DrawFn, belief_kind: str) -> DDTFamily:
    """A belief family of the given kind over 3..4 outcomes, a utility
    (:func:`utilities`), 2..3 policies with nonempty events, empty faces worth +inf or
    -inf. Most events are the support of a point of every set (bounds: ``p``; vertices: a
    vertex's two ends), maybe with one more outcome, so that their faces are nonempty."""
    n = draw(st.integers(3, 4), label="n_outcomes")
    belief = draw(families(belief_kind, n=n, zeros=True), label="belief")
    u = draw(utilities(n))
    policies = {}
    order = draw(st.permutations(belief.supports))  # different policies, different faces
    for j in range(draw(st.integers(2, 3), label="n_policies")):
        if draw(st.integers(0, 3)):  # a support, maybe with one more outcome
            event = set(order[j % len(order)])
            if draw(st.booleans()):
                event.add(draw(st.integers(0, n - 1)))
        else:  # any nonempty event
            mask = draw(st.lists(st.booleans(), min_size=n, max_size=n))
            mask[draw(st.integers(0, n - 1))] = True
            event = {i for i in range(n) if mask[i]}
        policies[f"π{j}"] = sorted(event)
    empty = draw(st.sampled_from(["nirvana", "forbidden"]), label="empty")
    source = (f"lambda t: cr.DDTProblem(({belief.source})(t), {_vec(u)}, {policies!r}, "
              f"empty={empty!r})")
    return DDTFamily(source, belief.domain, list(policies))


@st.composite
def counterfactual_families(draw: st.DrawFn) -> DDTFamily:
    """``DDTProblem.from_counterfactuals``: 2..3 policies, each with its own family over
    2..3 world outcomes, and a utility (:func:`utilities`): each policy's value is the
    lower expectation of the utility over its own set. All bounds (an H-form labelled
    belief) or all vertices (V-form); not mixed, since H-form sets among V-form ones are
    vertex-enumerated, and their number of vertices changes with t (refused)."""
    n = draw(st.integers(2, 3), label="n_world")
    k = draw(st.integers(2, 3), label="n_policies")
    kind = draw(st.sampled_from(["bounds", "vertices"]), label="kind")
    sets = [draw(families(kind, n=n), label=f"Q(π{j})") for j in range(k)]
    u = draw(utilities(n))
    omega = ", ".join(f"'π{j}': ({Q.source})(t)" for j, Q in enumerate(sets))
    source = f"lambda t: cr.DDTProblem.from_counterfactuals({{{omega}}}, {_vec(u)})"
    return DDTFamily(source, sets[0].domain, [f"π{j}" for j in range(k)])


def ddt_parts(fam: DDTFamily) -> list[Any]:
    """``par.ddt`` over the family's domain (a list, one part)."""
    return [par.ddt(fam, domain=fam.domain)]


def check_ddt(fam: DDTFamily) -> None:
    """At a rational inside every open region and at every rational point region, the
    region's policies are family(x).choose()."""
    for regions in ddt_parts(fam):
        assert regions.rule == "ddt"
        dom = tuple(Fraction(int(v.p), int(v.q)) for v in regions.domain)
        check_regions(regions, dom, list(fam.policies))
        describe(regions, regions.breakpoints)
        for x, chosen in region_points(regions):
            want = tuple(fam(x).choose())
            assert regions.chosen_at(x) == chosen, (x, regions)
            assert chosen == want, (x, chosen, want, regions)


@settings(BASE, max_examples=ex(20))
@given(data=st.data())
def test_ddt_regions_agree_with_choose(data: st.DataObject) -> None:
    """DDT regions against ``choose()`` pointwise, beliefs with bounds polynomial in t."""
    check_ddt(data.draw(ddt_families("bounds"), label="family"))


@settings(BASE, max_examples=ex(20))
@given(data=st.data())
def test_ddt_regions_agree_with_choose_vertex_beliefs(data: st.DataObject) -> None:
    """DDT regions against ``choose()`` pointwise, beliefs with vertices polynomial in t
    """
    check_ddt(data.draw(ddt_families("vertices"), label="family"))


@settings(BASE, max_examples=ex(20))
@given(data=st.data())
def test_ddt_regions_agree_with_choose_counterfactuals(data: st.DataObject) -> None:
    """DDT regions against ``choose()`` pointwise, policy-labelled problems built with
    ``from_counterfactuals`` from one family per policy."""
    check_ddt(data.draw(counterfactual_families(), label="family"))


def test_vertices_meeting_at_an_irrational_point() -> None:
    """Q(a)'s two vertices meet at t = sqrt(2)/2; the value of a is min(1 - t^2, 1/2).
    (It raised SolverError while a face was one equality row per outcome outside it: the
    rows lost rank there. A face is now one row, the total mass outside.)"""
    def problem(t: Fraction) -> cr.DDTProblem:
        Q = cr.CredalSet.from_vertices([[t * t, 1 - t * t], ["1/2", "1/2"]])
        return cr.DDTProblem.from_counterfactuals(
            {"a": Q, "b": cr.precise(["1/2", "1/2"])}, [0, 1])

    assert problem(Fraction(7, 10)).choose() == ["a", "b"]
    assert problem(Fraction(1)).choose() == ["b"]
    root = sympy.sqrt(2) / 2
    assert par.ddt(problem, domain=(0, 1)) == (
        (0, root, ("a", "b")), (root, root, ("a", "b")), (root, 1, ("b",)))


def test_ddt_face_empty_at_an_isolated_point() -> None:
    """Both faces are empty at t = 0 (the vertex (0, 1/2, 1/2) has mass outside {0} and
    outside {1}): both policies are worth +inf there, so both are chosen.

    Found by test_ddt_regions_agree_with_choose_vertex_beliefs: the equality row of
    outcome 0 (mass t) was kept as independent at a generic t and the row of outcome 2
    dropped, so at t = 0 the face of "a" looked nonempty (fixed in ff437fb: dropped rows
    are re-checked at the roots of the kept rows' determinant)."""
    def problem(t: Fraction) -> cr.DDTProblem:
        S = cr.CredalSet.from_vertices([[t, (1 - t) / 2, (1 - t) / 2]])
        return cr.DDTProblem(S, [0, 0, 0], {"a": [1], "b": [0]})

    assert tuple(problem(Fraction(0)).choose()) == ("a", "b")
    regions = par.ddt(problem, domain=(0, 1))
    assert regions.chosen_at(0) == ("a", "b"), regions
    assert regions == ((0, 1, ("a", "b")), (1, 1, ("a",))), regions


def test_face_rows_degenerate_at_an_irrational_point() -> None:
    """The face of "a" (mass 0 on outcomes 0 and 1) is empty for t > 0: the vertex
    coordinates there are positive. Outcome 1's row is twice outcome 0's, so it is dropped;
    the kept rows (sum, outcome 0) lose rank where the two vertices' outcome-0 masses meet,
    t = sqrt(2)/2, yet are inconsistent there too (mass 3/4 on outcome 0 and 1 wanted 0)."""
    def problem(t: Fraction) -> cr.DDTProblem:
        S = cr.CredalSet.from_vertices([[t * t / 6, t * t / 3, 1 - t * t / 2],
                                        [Fraction(1, 12), Fraction(1, 6), Fraction(3, 4)]])
        return cr.DDTProblem(S, [0, 0, 1], {"a": [2], "b": [0, 1, 2]})

    for x in (Fraction(0), Fraction(7, 10), Fraction(1)):
        assert problem(x).choose() == ["a"]
    assert par.ddt(problem, domain=(0, 1)) == ((0, 1, ("a",)),)


def test_equality_row_that_vanishes_at_a_point() -> None:
    """At t = 0 the first row is 0 = 0 but the second still says p_0 = 0 (the bug of
    test_ddt_face_empty_at_an_isolated_point, for a set family: the value at 0 was -1)."""
    def family(t: Fraction) -> cr.CredalSet:
        return cr.CredalSet.from_constraints(A_eq=[[t, 0, 0], [1, 0, 0]], b_eq=[0, 0])

    assert cr.lower_expectation(family(Fraction(0)), [-1, 0, 0]) == 0
    r = par.lower_expectation(family, [-1, 0, 0], domain=(0, 1))
    assert r(0) == 0, r
    assert r.pieces == ((0, 1, 0),), r


# ------------------------------------------------------------------------ the strategies
@settings(BASE, max_examples=ex(30))
@given(data=st.data())
def test_drawn_families_are_credal_sets_of_the_promised_degree(data: st.DataObject) -> None:
    """Every drawn family is a credal set of one form at the domain's ends and middle
    (no EmptySetError), and unit_polys stay in [0, 1] on [0, 1]."""
    affine = data.draw(st.booleans(), label="affine")
    fam = data.draw(families(affine=affine), label="family")
    lo, hi = fam.domain
    forms = {fam(x).form for x in (lo, (lo + hi) / 2, hi)}
    assert len(forms) == 1, (forms, fam)
    assert all(fam(x).n_outcomes == fam.n for x in (lo, hi))
    p = data.draw(unit_polys(1 if affine else 2), label="unit poly")
    assert p.degree <= (1 if affine else 2)
    for k in range(11):
        x = Fraction(k, 10)
        v = sum(c * x**i for i, c in enumerate(p.c))
        assert 0 <= v <= 1, (p.c, x, v)

"""Exact real numbers and polynomials in one parameter, for the parametric analysis.

Polynomials are elements of ``QQ[t]`` (sympy's sparse polynomial ring, fast for the small
degrees met here). Points of the parameter line are :class:`Point`: a rational number, or
a real algebraic number (a root of a polynomial with rational coefficients) held as the
sympy number that :func:`sympy.real_roots` gives (radicals up to degree 2, ``CRootOf``
beyond), with a 60-digit approximation for ordering.

Exactness
    Rational points are compared and evaluated in ``Fraction`` arithmetic. An algebraic
    point is a zero of a polynomial ``p`` exactly when its minimal polynomial divides
    ``p``; otherwise the sign of ``p`` there is read from a 60-digit evaluation, which is
    certain because the value is known to be nonzero and the evaluation's error is far
    below any value a polynomial of the sizes met here can take at an algebraic number of
    small degree. Two algebraic points are equal when their sympy forms are (both come
    from :func:`sympy.real_roots` on irreducible factors, which are canonical).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from functools import lru_cache
from typing import Any

import sympy
from sympy import QQ

#: The internal parameter symbol; results are written in the user's symbol.
T = sympy.Symbol("t")
#: The polynomial ring QQ[t] and its ring of elements.
K = QQ.poly_ring(T)
R = K.ring
Poly = Any  # a PolyElement of R (sympy has no public type for it)

_DIGITS = 60


def qq(x: Fraction | int) -> Any:
    x = Fraction(x)
    return QQ(x.numerator, x.denominator)


def to_fraction(v: Any) -> Fraction:
    return Fraction(int(v.numerator), int(v.denominator))


def poly(coeffs: Sequence[Fraction]) -> Poly:
    """The polynomial ``sum coeffs[k] t^k``."""
    return R.from_dict({(k,): qq(c) for k, c in enumerate(coeffs) if c})


def evaluate(p: Poly, x: Fraction) -> Fraction:
    return to_fraction(p(qq(x))) if p else Fraction(0)


def to_expr(p: Poly, symbol: sympy.Symbol) -> sympy.Expr:
    return K.to_sympy(p).subs(T, symbol) if p else sympy.Integer(0)


@dataclass(frozen=True, eq=False)
class Point:
    """A point of the parameter line: ``exact`` is a Fraction for a rational point, else
    None; ``value`` is the sympy number."""

    value: sympy.Expr
    exact: Fraction | None
    approx: sympy.Float = field(repr=False)

    @staticmethod
    def rational(x: Fraction | int) -> Point:
        x = Fraction(x)
        return Point(sympy.Rational(x.numerator, x.denominator), x,
                     sympy.Float(sympy.Rational(x.numerator, x.denominator), _DIGITS))

    @staticmethod
    def of(value: sympy.Expr) -> Point:
        if value.is_Rational:
            return Point.rational(Fraction(int(value.p), int(value.q)))
        return Point(value, None, sympy.N(value, _DIGITS))

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Point):
            return NotImplemented
        if self.exact is not None or other.exact is not None:
            return self.exact == other.exact
        return bool(self.value == other.value)

    def __hash__(self) -> int:
        return hash(self.exact) if self.exact is not None else hash(self.value)

    def __lt__(self, other: Point) -> bool:
        if self.exact is not None and other.exact is not None:
            return self.exact < other.exact
        if self == other:
            return False
        return bool(self.approx < other.approx)

    def __le__(self, other: Point) -> bool:
        return self == other or self < other

    def __repr__(self) -> str:
        return str(self.value)


@lru_cache(maxsize=4096)
def _minimal_polynomial(value: sympy.Expr) -> sympy.Poly:
    return sympy.Poly(sympy.minimal_polynomial(value, T), T)


def sign_at(p: Poly, x: Point) -> int:
    """The sign (-1, 0, 1) of ``p`` at ``x``, exactly."""
    if not p:
        return 0
    if x.exact is not None:
        v = evaluate(p, x.exact)
        return (v > 0) - (v < 0)
    m = _minimal_polynomial(x.value)
    if sympy.Poly(K.to_sympy(p), T).rem(m).is_zero:
        return 0
    v = K.to_sympy(p).subs(T, x.approx)
    return 1 if v > 0 else -1


@lru_cache(maxsize=4096)
def _real_roots(p: Poly) -> tuple[sympy.Expr, ...]:
    return tuple(dict.fromkeys(sympy.Poly(K.to_sympy(p), T).real_roots()))


def roots_between(p: Poly, lo: Point, hi: Point) -> list[Point]:
    """The distinct real roots of ``p`` strictly between ``lo`` and ``hi``, increasing.
    ``p`` must not be the zero polynomial."""
    if p.degree() <= 0:
        return []
    if p.degree() == 1:  # a rational root, without sympy's root isolation
        c1, c0 = _linear(p)
        x = Point.rational(-c0 / c1)
        return [x] if lo < x < hi else []
    out = []
    for r in _real_roots(p):
        x = Point.of(r)
        if lo < x < hi:
            out.append(x)
    return out


def _linear(p: Poly) -> tuple[Fraction, Fraction]:
    terms = dict(p.terms())
    return (to_fraction(terms.get((1,), QQ(0))), to_fraction(terms.get((0,), QQ(0))))


#: Where :func:`rational_between` looks first, as fractions of the way (not 1/2: round
#: numbers are where families tend to have their special points).
_WEIGHTS = (Fraction(29, 64), Fraction(37, 64), Fraction(13, 64), Fraction(51, 64),
            Fraction(5, 64), Fraction(59, 64))


def rational_between(lo: Point, hi: Point, attempt: int = 0) -> Fraction:
    """A rational strictly between ``lo < hi``, with a small denominator; ``attempt``
    picks another one."""
    w = _WEIGHTS[attempt % len(_WEIGHTS)] / (1 + attempt // len(_WEIGHTS))
    if lo.exact is not None and hi.exact is not None:
        q = lo.exact + (hi.exact - lo.exact) * w
        for limit in (10, 100, 1000, 10**6):
            simple = q.limit_denominator(limit)
            if lo.exact < simple < hi.exact:
                return simple
        return q
    a = Fraction(str(lo.approx))
    b = Fraction(str(hi.approx))
    q = a + (b - a) * w
    for limit in (10, 100, 10**4, 10**8, 10**16, 10**32):
        simple = q.limit_denominator(limit)
        if lo < Point.rational(simple) < hi:
            return simple
    return q


def sorted_points(points: Iterable[Point]) -> list[Point]:
    out: list[Point] = []
    for x in sorted(set(points), key=lambda x: x.approx):
        if not out or not x == out[-1]:
            out.append(x)
    return out


def expr_of(num: Poly, den: Poly, symbol: sympy.Symbol) -> sympy.Expr:
    """The rational function ``num / den`` as a sympy expression in ``symbol``: a
    polynomial when ``den`` divides ``num``."""
    q, r = num.div(den)
    if not r:
        return sympy.expand(to_expr(q, symbol))
    g = num.gcd(den)
    n, d = num.quo(g), den.quo(g)
    lc = d.LC
    return to_expr(n.quo_ground(lc), symbol) / to_expr(d.quo_ground(lc), symbol)


def value_at(num: Poly, den: Poly, x: Point) -> sympy.Expr:
    """``num / den`` at ``x``, exactly (``den(x) != 0``)."""
    if x.exact is not None:
        v = evaluate(num, x.exact) / evaluate(den, x.exact)
        return sympy.Rational(v.numerator, v.denominator)
    m = _minimal_polynomial(x.value)
    n = sympy.Poly(K.to_sympy(num), T).rem(m)
    d = sympy.Poly(K.to_sympy(den), T).rem(m)
    v = (n * sympy.invert(d, m)).rem(m)  # num/den reduced modulo the minimal polynomial
    return sympy.expand(v.as_expr().subs(T, x.value))


__all__ = ["K", "Point", "R", "T", "evaluate", "expr_of", "poly", "qq", "rational_between",
           "roots_between", "sign_at", "sorted_points", "to_expr", "value_at"]

"""Exact one-parameter analysis: piecewise lower and upper expectations, decision regions
of every decision rule, and of disambiguative decision theory."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np
import sympy

from .._core import numbers as nums
from .._core.outcomes import gamble_array
from .._core.progress import Progress, check_progress
from .._core.types import NDArray
from ..errors import EmptySetError, InvalidArgumentError
from ..sets import CredalSet
from ._algebra import (
    Point,
    Poly,
    R,
    expr_of,
    qq,
    rational_between,
    roots_between,
    sign_at,
    sorted_points,
    value_at,
)
from ._program import MAX_DEGREE, ParametricLP, Snapshot, build, call_family, snapshot
from ._solve import Piece, analyse, merge

RULES = ("gamma_maximin", "gamma_maximax", "hurwicz", "interval_dominance", "maximality",
         "e_admissibility", "minimax_regret")


# --------------------------------------------------------------------------------------
# Arguments
# --------------------------------------------------------------------------------------
def _domain(domain: Any) -> tuple[Fraction, Fraction]:
    if isinstance(domain, (str, bytes)) or not isinstance(domain, Sequence) or \
            len(domain) != 2:
        raise InvalidArgumentError(
            f"domain must be a pair (lo, hi) of exact numbers, got {nums.show(domain)}")
    lo, hi = (nums.parse_number(v, "domain") for v in domain)
    if isinstance(lo, float) or isinstance(hi, float):
        raise InvalidArgumentError(
            f"domain must hold exact numbers (ints, Fractions or strings such as "
            f"\"1/3\"): the analysis is exact; got {nums.show(domain)}")
    if not lo < hi:
        raise InvalidArgumentError(
            f"domain ({nums.show(lo)}, {nums.show(hi)}) is "
            f"{'empty' if lo == hi else 'reversed'}: give (lo, hi) with lo < hi")
    return lo, hi


def _symbol(symbol: Any) -> sympy.Symbol:
    if isinstance(symbol, sympy.Symbol):
        return symbol
    if isinstance(symbol, str) and symbol.isidentifier():
        return sympy.Symbol(symbol)
    raise InvalidArgumentError(
        f"symbol must be a name such as \"t\" (or a sympy Symbol), got {nums.show(symbol)}")


def _family(family: Any) -> Callable[[Any], Any]:
    if not callable(family):
        raise InvalidArgumentError(
            f"family must be a callable from a number to a CredalSet (for example "
            f"lambda e: cr.contamination(p, e)), got {type(family).__name__}: "
            f"{nums.show(family)}")
    return family  # type: ignore[no-any-return]


def _degree(max_degree: Any) -> int:
    if isinstance(max_degree, bool) or not isinstance(max_degree, int) or max_degree < 0:
        raise InvalidArgumentError(
            f"max_degree must be a nonnegative int, got {nums.show(max_degree)}")
    return max_degree


def _exact_set(S: CredalSet, x: Fraction) -> CredalSet:
    if not S.is_exact:
        raise InvalidArgumentError(
            f"family({x}) is a float credal set; the analysis is exact: write "
            f"the family's numbers as ints, Fractions or strings such as \"1/3\"")
    return S


def _gambles(F: Any, outcomes: tuple[Hashable, ...], name: str,
             x: Fraction | None = None) -> NDArray:
    """Exact gambles over ``outcomes``; a callable entry is called with ``x``."""
    rows = []
    for f in F:
        if callable(f):
            f = f(x)
        arr, exact, _ = gamble_array(f, outcomes, name, batch=False)
        if not exact:
            raise InvalidArgumentError(
                f"{name} has float entries ({nums.show(f)}); the analysis is exact: write "
                f"them as ints, Fractions or strings such as \"1/3\"")
        rows.append(arr[0])
    out = np.empty((len(rows), len(outcomes)), dtype=object)
    for i, row in enumerate(rows):
        out[i] = [Fraction(v) for v in row]
    return out


# --------------------------------------------------------------------------------------
# Results
# --------------------------------------------------------------------------------------
@dataclass(frozen=True, eq=False)
class PiecewiseValue:
    """An exact piecewise value over a closed interval of the parameter.

    Attributes
    ----------
    pieces : tuple of (lo, hi, expr)
        On the closed interval ``[lo, hi]`` the value is ``expr``, a sympy expression in
        :attr:`symbol` (a polynomial, or a rational function when the family's constraint
        rows themselves depend on the parameter). ``lo`` and ``hi`` are sympy numbers:
        rational, or algebraic (``sqrt(2)/2``, ``CRootOf(...)``). Consecutive pieces share
        their ends; an end shared by two different expressions is a breakpoint.
    breakpoints : tuple
        The interior ends, increasing.
    symbol : sympy.Symbol
    domain : (sympy.Rational, sympy.Rational)
    """

    pieces: tuple[tuple[sympy.Expr, sympy.Expr, sympy.Expr], ...]
    breakpoints: tuple[sympy.Expr, ...]
    symbol: sympy.Symbol
    domain: tuple[sympy.Expr, sympy.Expr]
    _pieces: tuple[Piece, ...]
    _sign: int

    def __call__(self, x: Any) -> Any:
        """The exact value at ``x`` (a ``Fraction`` for a rational ``x``, a sympy number
        for an algebraic one)."""
        p = _point(x, self.domain)
        piece = _piece_at(self._pieces, p)
        assert piece.num is not None and piece.den is not None
        v = value_at(piece.num, piece.den, p)
        v = v * self._sign
        if p.exact is not None:
            return Fraction(int(v.p), int(v.q))
        return v

    def as_piecewise(self) -> sympy.Piecewise:
        """The value as a :class:`sympy.Piecewise` over the domain (undefined outside)."""
        t = self.symbol
        return sympy.Piecewise(*[(e, (t >= lo) & (t <= hi)) for lo, hi, e in self.pieces],
                               (sympy.nan, True))

    def __iter__(self) -> Iterator[tuple[sympy.Expr, sympy.Expr, sympy.Expr]]:
        return iter(self.pieces)

    def __len__(self) -> int:
        return len(self.pieces)

    def __repr__(self) -> str:
        inner = ", ".join(f"[{lo}, {hi}]: {e}" for lo, hi, e in self.pieces)
        return f"PiecewiseValue({inner})"


class Regions(tuple):  # type: ignore[type-arg]
    """Decision regions over the parameter: a tuple of ``(lo, hi, chosen)``, increasing.

    ``lo < hi``: ``chosen`` (a tuple of names, in the acts' order) on the open interval
    ``(lo, hi)``; ``lo == hi``: ``chosen`` at that single point. A point region is listed
    at every boundary between two intervals, and at an end of the domain when the choice
    there differs from the interval next to it; together the regions cover the closed
    domain. Attributes: ``symbol``, ``domain``, ``acts`` (every name, in order),
    ``breakpoints`` (the boundaries, increasing), ``rule``.
    """

    symbol: sympy.Symbol
    domain: tuple[sympy.Expr, sympy.Expr]
    acts: tuple[Hashable, ...]
    breakpoints: tuple[sympy.Expr, ...]
    rule: str

    def __new__(cls, regions: Sequence[tuple[Any, Any, tuple[Hashable, ...]]],
                symbol: sympy.Symbol, domain: tuple[sympy.Expr, sympy.Expr],
                acts: tuple[Hashable, ...], rule: str) -> Regions:
        self = super().__new__(cls, tuple(regions))
        self.symbol = symbol
        self.domain = domain
        self.acts = acts
        self.rule = rule
        self.breakpoints = tuple(lo for lo, hi, _ in self if lo == hi
                                 and domain[0] != lo and domain[1] != lo)
        return self

    def chosen_at(self, x: Any) -> tuple[Hashable, ...]:
        """The chosen names at ``x``."""
        p = _point(x, self.domain)
        for lo, hi, chosen in self:
            a, b = Point.of(lo), Point.of(hi)
            if a == b and p == a:
                return chosen  # type: ignore[no-any-return]
        for lo, hi, chosen in self:
            a, b = Point.of(lo), Point.of(hi)
            if a <= p <= b:
                return chosen  # type: ignore[no-any-return]
        raise AssertionError("regions cover the domain")

    def __setattr__(self, name: str, value: Any) -> None:
        if name in self.__dict__:
            raise AttributeError(f"Regions.{name} cannot be changed")
        super().__setattr__(name, value)

    def __repr__(self) -> str:
        parts = [(f"at {lo}" if lo == hi else f"({lo}, {hi})") + f": {list(chosen)}"
                 for lo, hi, chosen in self]
        return f"Regions({self.rule}; " + "; ".join(parts) + ")"

    def __reduce__(self) -> Any:
        return (Regions, (tuple(self), self.symbol, self.domain, self.acts, self.rule))


def _point(x: Any, domain: tuple[sympy.Expr, sympy.Expr]) -> Point:
    if isinstance(x, sympy.Basic):
        if not (x.is_real and x.is_number):
            raise InvalidArgumentError(f"x must be a real number, got {x}")
        p = Point.of(sympy.nsimplify(x) if x.is_Float else x)
    else:
        v = nums.parse_number(x, "x")
        if isinstance(v, float):
            v = Fraction(v)
        p = Point.rational(v)
    lo, hi = Point.of(domain[0]), Point.of(domain[1])
    if p < lo or hi < p:
        raise InvalidArgumentError(
            f"x = {p.value} is outside the domain [{domain[0]}, {domain[1]}]")
    return p


def _piece_at(pieces: Sequence[Piece], p: Point) -> Piece:
    for piece in pieces:
        inside_lo = piece.lo < p or (piece.lo == p and piece.lo_closed)
        inside_hi = p < piece.hi or (piece.hi == p and piece.hi_closed)
        if inside_lo and inside_hi:
            return piece
    for piece in pieces:  # an open end: the value by continuity
        if piece.lo <= p <= piece.hi:
            return piece
    raise AssertionError("pieces cover the domain")


def _value(pieces: list[Piece], symbol: sympy.Symbol, lo: Fraction, hi: Fraction,
           sign: int) -> PiecewiseValue:
    out = []
    for p in pieces:
        assert p.num is not None and p.den is not None
        out.append((p.lo.value, p.hi.value, expr_of(p.num * sign, p.den, symbol)))
    breaks = tuple(p.hi.value for p in pieces[:-1])
    dom = (sympy.Rational(lo.numerator, lo.denominator),
           sympy.Rational(hi.numerator, hi.denominator))
    return PiecewiseValue(tuple(out), breaks, symbol, dom, tuple(pieces), sign)


def _empty_error(pieces: list[Piece], symbol: sympy.Symbol) -> EmptySetError:
    parts = []
    for p in pieces:
        if p.num is None:
            parts.append(f"{'[' if p.lo_closed else '('}{p.lo.value}, {p.hi.value}"
                         f"{']' if p.hi_closed else ')'}")
    return EmptySetError(
        f"family is empty (no distribution satisfies its constraints) for {symbol} in "
        f"{', '.join(parts)}; shrink the domain to where it is a credal set")


# --------------------------------------------------------------------------------------
# Lower and upper expectations
# --------------------------------------------------------------------------------------
def _set_program(family: Callable[[Any], Any],
                 gambles: Callable[[tuple[Hashable, ...], Fraction], NDArray], lo: Fraction,
                 hi: Fraction, max_degree: int, **kw: Any) -> ParametricLP:
    """The parametric program of the lower expectations of ``gambles(outcomes, t)`` over
    ``family(t)``."""
    cache: dict[str, Any] = {}

    def read(x: Fraction) -> Snapshot:
        S = _exact_set(call_family(family, x, CredalSet, "a CredalSet"), x)
        if "outcomes" not in cache:
            cache["outcomes"] = S.outcomes
        elif S.outcomes != cache["outcomes"]:
            raise InvalidArgumentError(
                f"family changes its outcomes: {nums.show(list(cache['outcomes']))} "
                f"elsewhere, {nums.show(list(S.outcomes))} at {x}")
        return snapshot(S, gambles(S.outcomes, x), **kw)

    return build(read, lo, hi, max_degree)


def lower_expectation(family: Any, f: Any, *, domain: Any, symbol: Any = "t",
                      max_degree: int = MAX_DEGREE,
                      progress: Progress | None = None) -> PiecewiseValue:
    r"""The lower expectation of ``f`` over ``family(t)``, exactly, as a piecewise function
    of ``t`` over the closed ``domain``.

    .. math:: \underline{E}_t f = \min_{p \in \mathcal{S}(t)} p \cdot f

    Parameters
    ----------
    family : callable
        ``t -> CredalSet`` (exact), whose data (bounds, constraint rows and right-hand
        sides, vertices, radius, epsilon, masses, ...) are polynomials in ``t`` of degree
        at most ``max_degree``, with the same outcomes and the same form over the domain.
        It is called with ``Fraction`` arguments.
    f : (n,) array_like, mapping outcome -> number, or callable
        The gamble, exact; a callable ``t -> gamble`` when the payoffs move with the
        parameter too (polynomially, like the family's data).
    domain : (lo, hi)
        Exact numbers, ``lo < hi``.
    symbol : str or sympy.Symbol, default ``"t"``
        The name of the parameter in the expressions.
    max_degree : int, default 6
        The largest degree the family's data may have.
    progress : callable, optional
        ``progress("bases", done, total)`` after each exact solve.

    Returns
    -------
    PiecewiseValue
        ``pieces`` ``(lo, hi, expr)``, ``breakpoints``, ``r(x)``, ``as_piecewise()``.

    Raises
    ------
    InvalidArgumentError
        ``family`` not callable, not returning exact credal sets of one form and set of
        outcomes, or not polynomial in ``t``; a reversed or empty domain.
    EmptySetError
        When the family's constraints leave no distribution somewhere in the domain
        (the message gives where, exactly).

    Notes
    -----
    How it works, and what it costs: the family is read at ``max_degree + 3`` points and
    its linear program interpolated exactly; then every optimal basis met is solved once
    in rational arithmetic at a point of its piece, and its piece found from the real roots
    of ``O(n + m)`` polynomials (see :mod:`credal.parametric`). The cost grows with the
    number of pieces and the size of the set's program; the examples take milliseconds to
    a fraction of a second.

    Examples
    --------
    >>> import credal as cr
    >>> r = cr.parametric.lower_expectation(lambda e: cr.tv_ball(["1/2", "1/3", "1/6"], e),
    ...                                     [0, 1, 2], domain=(0, 1), symbol="r")
    >>> r.pieces
    ((0, 1/6, 2/3 - 2*r), (1/6, 1/2, 1/2 - r), (1/2, 1, 0))
    >>> r.breakpoints, r("1/4")
    ((1/6, 1/2), Fraction(1, 4))
    """
    fam = _family(family)
    lo, hi = _domain(domain)
    sym = _symbol(symbol)
    deg = _degree(max_degree)
    prog = check_progress(progress)
    lp = _set_program(fam, lambda out, x: _gambles([f], out, "f", x), lo, hi, deg)
    pieces = analyse(lp, 0, lo, hi, progress=prog)
    if any(p.num is None for p in pieces):
        raise _empty_error(pieces, sym)
    return _value(pieces, sym, lo, hi, 1)


def upper_expectation(family: Any, f: Any, *, domain: Any, symbol: Any = "t",
                      max_degree: int = MAX_DEGREE,
                      progress: Progress | None = None) -> PiecewiseValue:
    r"""The upper expectation :math:`\max_{p \in \mathcal{S}(t)} p \cdot f`, as
    :func:`lower_expectation` (``-`` the lower expectation of ``-f``).

    Examples
    --------
    >>> import credal as cr
    >>> r = cr.parametric.upper_expectation(lambda e: cr.contamination(["1/2", "1/2"], e),
    ...                                     [0, 1], domain=(0, 1), symbol="e")
    >>> r.pieces
    ((0, 1, e/2 + 1/2),)
    """
    fam = _family(family)
    lo, hi = _domain(domain)
    sym = _symbol(symbol)
    deg = _degree(max_degree)
    prog = check_progress(progress)
    lp = _set_program(fam, lambda out, x: -_gambles([f], out, "f", x), lo, hi, deg)
    pieces = analyse(lp, 0, lo, hi, progress=prog)
    if any(p.num is None for p in pieces):
        raise _empty_error(pieces, sym)
    return _value(pieces, sym, lo, hi, -1)


# --------------------------------------------------------------------------------------
# Piecewise functions with infinities, for decisions
# --------------------------------------------------------------------------------------
@dataclass(frozen=True)
class _Fn:
    """A piecewise rational function; a piece with ``num is None`` has the value
    ``inf_sign * infinity``."""

    pieces: tuple[Piece, ...]
    inf_sign: int = 1

    def at(self, p: Point) -> tuple[Poly | None, Poly | None]:
        piece = _piece_at(self.pieces, p)
        return piece.num, piece.den

    def ends(self) -> list[Point]:
        return [q.lo for q in self.pieces] + [q.hi for q in self.pieces]

    def scaled(self, k: Fraction) -> _Fn:
        return _Fn(tuple(Piece(p.lo, p.lo_closed, p.hi, p.hi_closed,
                               None if p.num is None else p.num * qq(k), p.den)
                         for p in self.pieces), self.inf_sign * (1 if k > 0 else -1))


def _fn_pieces(lp: ParametricLP, j: int, lo: Fraction, hi: Fraction, sign: int,
               prog: Progress | None, inf_sign: int = 1) -> _Fn:
    pieces = analyse(lp, j, lo, hi, progress=prog)
    if sign != 1:
        pieces = [Piece(p.lo, p.lo_closed, p.hi, p.hi_closed,
                        None if p.num is None else -p.num, p.den) for p in pieces]
    return _Fn(tuple(pieces), inf_sign)


def _cmp(a: tuple[Poly | None, Poly | None, int], b: tuple[Poly | None, Poly | None, int],
         p: Point) -> int:
    """sign(a - b) at ``p``; each value is ``(num, den, inf_sign)``."""
    an, ad, ai = a
    bn, bd, bi = b
    if an is None or bn is None:
        va = ai if an is None else 0
        vb = bi if bn is None else 0
        return (va > vb) - (va < vb)
    assert ad is not None and bd is not None
    return sign_at(an * bd - bn * ad, p) * sign_at(ad * bd, p)


def _combine(fns: Sequence[_Fn], weights: Sequence[Fraction], lo: Point, hi: Point) -> _Fn:
    """``sum weights[i] * fns[i]`` (finite pieces only)."""

    cuts = sorted_points([e for f in fns for e in f.ends()])
    out = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        mid = Point.rational(_between(a, b))
        num, den = R.zero, R.one
        for f, w in zip(fns, weights, strict=True):
            n, d = f.at(mid)
            assert n is not None and d is not None
            num, den = num * d + n * den * qq(w), den * d
        out.append(Piece(a, True, b, True, num, den))
    return _Fn(tuple(out))


def _between(a: Point, b: Point) -> Fraction:
    return rational_between(a, b)


def _max(fns: Sequence[_Fn], lo: Point, hi: Point) -> _Fn:
    """The pointwise maximum (finite pieces only)."""
    cuts = sorted_points([e for f in fns for e in f.ends()])
    out = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        mid = Point.rational(_between(a, b))
        vals = [f.at(mid) for f in fns]
        extra: list[Point] = []
        for i in range(len(vals)):
            for k in range(i + 1, len(vals)):
                ni, di = vals[i]
                nk, dk = vals[k]
                assert ni is not None and di is not None and nk is not None and dk is not None
                diff = ni * dk - nk * di
                if diff:
                    extra.extend(roots_between(diff, a, b))
        sub = sorted_points([a, b, *extra])
        for c, d in zip(sub, sub[1:], strict=False):
            m = Point.rational(_between(c, d))
            best_i = 0
            for i in range(1, len(vals)):
                if _cmp((*vals[i], 1), (*vals[best_i], 1), m) > 0:
                    best_i = i
            out.append(Piece(c, True, d, True, vals[best_i][0], vals[best_i][1]))
    return _Fn(tuple(merge(out)))


def _constant(value: int, lo: Point, hi: Point) -> _Fn:
    return _Fn((Piece(lo, True, hi, True, R(value), R.one),))


def _crossings(f: _Fn, g: _Fn) -> list[Point]:
    """Points where ``f - g`` may change sign: both functions' ends and the real roots of
    the difference on every common piece."""
    cuts = sorted_points(f.ends() + g.ends())
    out = list(cuts)
    for a, b in zip(cuts, cuts[1:], strict=False):
        mid = Point.rational(_between(a, b))
        (fn, fd), (gn, gd) = f.at(mid), g.at(mid)
        if fn is None or gn is None:
            continue
        assert fd is not None and gd is not None
        diff = fn * gd - gn * fd
        if diff:
            out.extend(roots_between(diff, a, b))
    return out


@dataclass(frozen=True)
class _Rule:
    """Functions, the pairs whose order matters, and the choice at a point."""

    fns: dict[str, _Fn]
    pairs: list[tuple[str, str]]
    choose: Callable[[Callable[[str, str], int]], tuple[int, ...]]


def _argbest(keys: Sequence[str], cmp: Callable[[str, str], int], sense: int) -> tuple[int, ...]:
    best = keys[0]
    for k in keys[1:]:
        if cmp(k, best) * sense > 0:
            best = k
    return tuple(i for i, k in enumerate(keys) if cmp(k, best) == 0)


def _rule(rule: str, fam: Callable[[Any], Any], acts: Mapping[Any, Any],
          options: dict[str, Any], lo: Fraction, hi: Fraction, deg: int,
          prog: Progress | None) -> _Rule:
    names = list(acts)
    m = len(names)
    P_lo, P_hi = Point.rational(lo), Point.rational(hi)

    def G(out: tuple[Hashable, ...], x: Fraction) -> NDArray:
        return _gambles(list(acts.values()), out, "acts", x)

    fns: dict[str, _Fn] = {"0": _constant(0, P_lo, P_hi)}
    pairs: list[tuple[str, str]] = []
    idx = range(m)
    if rule in ("gamma_maximin", "gamma_maximax", "hurwicz", "interval_dominance"):
        lp = _set_program(fam, lambda out, x: np.vstack([G(out, x), -G(out, x)]), lo, hi,
                          deg)
        for a in idx:
            if rule != "gamma_maximax":
                fns[f"L{a}"] = _fn_pieces(lp, a, lo, hi, 1, prog)
            if rule != "gamma_maximin":
                fns[f"U{a}"] = _fn_pieces(lp, m + a, lo, hi, -1, prog)
        if rule == "hurwicz":
            alpha = options["alpha"]
            for a in idx:
                fns[f"H{a}"] = _combine([fns[f"L{a}"], fns[f"U{a}"]], [alpha, 1 - alpha],
                                        P_lo, P_hi)
        key = {"gamma_maximin": "L", "gamma_maximax": "U", "hurwicz": "H"}.get(rule)
        if key is not None:
            keys = [f"{key}{a}" for a in idx]
            pairs = [(x, y) for i, x in enumerate(keys) for y in keys[i + 1:]]
            return _Rule(fns, pairs, lambda cmp: _argbest(keys, cmp, 1))
        pairs = [(f"L{b}", f"U{a}") for a in idx for b in idx if a != b]
        return _Rule(fns, pairs, lambda cmp: tuple(
            a for a in idx if all(cmp(f"L{b}", f"U{a}") <= 0 for b in idx if b != a)))
    if rule in ("maximality", "minimax_regret"):
        ordered = [(a, b) for a in idx for b in idx if a != b]
        sign = 1 if rule == "maximality" else -1

        def diffs(out: tuple[Hashable, ...], x: Fraction) -> NDArray:
            g = G(out, x)
            rows = [sign * (g[b] - g[a]) for a, b in ordered]
            return np.array(rows, dtype=object).reshape(len(ordered), len(out))

        lp = _set_program(fam, diffs, lo, hi, deg)
        for j, (a, b) in enumerate(ordered):
            fns[f"D{a},{b}"] = _fn_pieces(lp, j, lo, hi, sign, prog)
        if rule == "maximality":  # D{a,b} = lower E(f_b - f_a)
            pairs = [(f"D{a},{b}", "0") for a, b in ordered]
            return _Rule(fns, pairs, lambda cmp: tuple(
                a for a in idx if all(cmp(f"D{a},{b}", "0") <= 0 for b in idx if b != a)))
        for a in idx:  # D{a,b} = upper E(f_b - f_a); regret = max(0, those)
            fns[f"R{a}"] = _max([fns["0"]] + [fns[f"D{a},{b}"] for b in idx if b != a],
                                P_lo, P_hi)
        keys = [f"R{a}" for a in idx]
        pairs = [(x, y) for i, x in enumerate(keys) for y in keys[i + 1:]]
        return _Rule(fns, pairs, lambda cmp: _argbest(keys, cmp, -1))
    assert rule == "e_admissibility"
    for a in idx:
        lp = _set_program(fam, G, lo, hi, deg, extra=_admissibility(a))
        fns[f"E{a}"] = _fn_pieces(lp, 0, lo, hi, 1, prog)
    pairs = [(f"E{a}", "0") for a in idx]
    return _Rule(fns, pairs, lambda cmp: tuple(a for a in idx if cmp(f"E{a}", "0") <= 0))


def _admissibility(a: int) -> Callable[[Snapshot, NDArray], Snapshot]:
    """The program ``min -s`` subject to ``s <= p·(f_a - f_b)`` for every ``b``, ``p`` in
    the set (``s = s+ - s-``), from the program whose objectives are the acts: its value
    is ``<= 0`` exactly when ``f_a`` is a Bayes act for some ``p`` in the set."""

    def extra(s: Snapshot, image: NDArray) -> Snapshot:
        N = s.c.shape[1]
        g = s.c  # (m, N): the acts over the program's variables
        others = [b for b in range(len(g)) if b != a]
        z = Fraction(0)
        rows = [list(-(g[a] - g[b])) + [Fraction(1), Fraction(-1)] for b in others]
        A_ub = np.array([list(r) + [z, z] for r in s.A_ub] + rows,
                        dtype=object).reshape(-1, N + 2)
        b_ub = np.array(list(s.b_ub) + [z] * len(others), dtype=object)
        A_eq = np.array([list(r) + [z, z] for r in s.A_eq], dtype=object).reshape(-1, N + 2)
        c = np.array([[z] * N + [Fraction(-1), Fraction(1)]], dtype=object)
        return Snapshot(s.kind, c, A_ub, b_ub, A_eq, s.b_eq, s.lower + (z, z),
                        s.upper + (None, None))

    return extra


def _regions(rule: _Rule, names: tuple[Hashable, ...], lo: Fraction, hi: Fraction,
             sym: sympy.Symbol, rule_name: str) -> Regions:
    P_lo, P_hi = Point.rational(lo), Point.rational(hi)
    cands: list[Point] = [P_lo, P_hi]
    for f in rule.fns.values():
        cands.extend(f.ends())
    for x, y in rule.pairs:
        cands.extend(_crossings(rule.fns[x], rule.fns[y]))
    pts = [p for p in sorted_points(cands) if P_lo <= p <= P_hi]

    def decide(p: Point) -> tuple[Hashable, ...]:
        vals = {k: (*f.at(p), f.inf_sign) for k, f in rule.fns.items()}
        chosen = rule.choose(lambda x, y: _cmp(vals[x], vals[y], p))
        return tuple(names[i] for i in sorted(chosen))

    at_points = [decide(p) for p in pts]
    in_cells = [decide(Point.rational(_between(a, b))) for a, b in zip(pts, pts[1:],
                                                                         strict=False)]
    # merge cells whose choice, and the choice at the point between them, agree
    merged: list[list[Any]] = []  # [lo_index, hi_index, chosen]
    for i, ch in enumerate(in_cells):
        if merged and merged[-1][2] == ch and at_points[i] == ch:
            merged[-1][1] = i + 1
        else:
            merged.append([i, i + 1, ch])
    out: list[tuple[Any, Any, tuple[Hashable, ...]]] = []
    for k, (i, j, ch) in enumerate(merged):
        if k == 0 and at_points[i] != ch:
            out.append((pts[i].value, pts[i].value, at_points[i]))
        elif k > 0:
            out.append((pts[i].value, pts[i].value, at_points[i]))
        out.append((pts[i].value, pts[j].value, ch))
    last_i, last_j, last_ch = merged[-1]
    if at_points[last_j] != last_ch:
        out.append((pts[last_j].value, pts[last_j].value, at_points[last_j]))
    dom = (sympy.Rational(lo.numerator, lo.denominator),
           sympy.Rational(hi.numerator, hi.denominator))
    return Regions(out, sym, dom, names, rule_name)


def decisions(family: Any, acts: Mapping[Any, Any], *, rule: str = "maximality",
              domain: Any, symbol: Any = "t", max_degree: int = MAX_DEGREE,
              progress: Progress | None = None, **rule_options: Any) -> Regions:
    r"""Where each act is chosen, exactly, as the parameter runs over ``domain``.

    Parameters
    ----------
    family : callable
        ``t -> CredalSet``, as in :func:`lower_expectation`.
    acts : mapping name -> gamble
        Exact gambles over the family's outcomes; an act may be a callable
        ``t -> gamble`` whose payoffs are polynomial in ``t``.
    rule : str, default ``"maximality"``
        ``"gamma_maximin"``, ``"gamma_maximax"``, ``"hurwicz"`` (option ``alpha``, the
        weight on the lower expectation, default 1/2), ``"interval_dominance"``,
        ``"maximality"``, ``"e_admissibility"`` or ``"minimax_regret"``: the rules of
        :func:`credal.gamma_maximin` and its siblings, with exact ties.
    domain, symbol, max_degree, progress
        As in :func:`lower_expectation`.

    Returns
    -------
    Regions
        ``(lo, hi, chosen)`` triples covering the closed domain: ``chosen`` (names in the
        acts' order) on the open interval ``(lo, hi)``, or at the point ``lo == hi``.

    Notes
    -----
    Each rule is decided by the signs of finitely many piecewise functions of the
    parameter: lower (and upper) expectations of the acts (Γ-maximin, Γ-maximax,
    Hurwicz, interval dominance), of their differences (maximality, minimax regret), or
    the optimal value of the program ``max s`` subject to ``s <= p·(f_a - f_b)`` over the
    set (E-admissibility). Each is computed exactly as in :func:`lower_expectation`; the
    choice can change only at their breakpoints and at the real roots of the differences
    compared, so it is decided exactly at each of those points and at one rational point
    between each two. Cost: ``m`` (Γ-maximin), ``2m`` or ``m(m - 1)`` (maximality,
    minimax regret) parametric programs for ``m`` acts, ``m`` for E-admissibility.

    Examples
    --------
    >>> import credal as cr
    >>> acts = {"safe": [1, 1], "bet": [0, 3]}
    >>> regions = cr.parametric.decisions(lambda e: cr.contamination(["1/2", "1/2"], e),
    ...                                   acts, rule="gamma_maximin", domain=(0, 1),
    ...                                   symbol="e")
    >>> regions
    Regions(gamma_maximin; (0, 1/3): ['bet']; at 1/3: ['safe', 'bet']; (1/3, 1): ['safe'])
    """
    fam = _family(family)
    lo, hi = _domain(domain)
    sym = _symbol(symbol)
    deg = _degree(max_degree)
    prog = check_progress(progress)
    if not isinstance(rule, str) or rule not in RULES:
        raise InvalidArgumentError(
            f"rule must be one of {', '.join(RULES)}, got {nums.show(rule)}")
    if not isinstance(acts, Mapping) or not acts:
        raise InvalidArgumentError(
            f"acts must be a non-empty mapping name -> gamble, got {nums.show(acts)}")
    allowed = {"alpha"} if rule == "hurwicz" else set()
    unknown = set(rule_options) - allowed - {"atol"}
    if unknown:
        raise InvalidArgumentError(
            f"{rule} takes no option {', '.join(sorted(unknown))}"
            + (" (its option is alpha)" if allowed else ""))
    options: dict[str, Any] = {}
    if rule == "hurwicz":
        a = nums.parse_number(rule_options.get("alpha", Fraction(1, 2)), "alpha")
        if isinstance(a, float) or not 0 <= a <= 1:
            raise InvalidArgumentError(
                f"alpha must be an exact number in [0, 1], got {nums.show(a)}")
        options["alpha"] = a
    r = _rule(rule, fam, acts, options, lo, hi, deg, prog)
    return _regions(r, tuple(acts), lo, hi, sym, rule)


def ddt(family: Any, *, domain: Any, symbol: Any = "t", max_degree: int = MAX_DEGREE,
        progress: Progress | None = None) -> Regions:
    r"""Where each policy is chosen by disambiguative decision theory, exactly.

    ``family(t)`` is a :class:`credal.DDTProblem` whose belief and utility are polynomial
    in ``t`` (the policies and their events fixed). Each policy's value
    :math:`V_t(\pi) = \min_{\mu \in \Phi_\pi(t)} \mu \cdot u_t` is a parametric program
    over the face of the belief where the policy's inconsistent outcomes have mass 0; an
    empty face has the value ``+inf`` (``empty="nirvana"``) or ``-inf`` (``"forbidden"``)
    there. The regions are those of :meth:`credal.DDTProblem.choose` (exact ties).

    Examples
    --------
    A counterfactual mugging: paying 1 on tails is rewarded with 100 on heads, and the
    chance of heads is only known to be at least ``h``.

    >>> import credal as cr
    >>> W = ["reward", "none", "pays", "refuses"]
    >>> def problem(h):
    ...     omega = {"pay": cr.CredalSet.from_vertices([[h, 0, 1 - h, 0], [1, 0, 0, 0]],
    ...                                                outcomes=W),
    ...              "refuse": cr.CredalSet.from_vertices([[0, h, 0, 1 - h], [0, 1, 0, 0]],
    ...                                                   outcomes=W)}
    ...     return cr.DDTProblem.from_counterfactuals(omega, {"reward": 100, "pays": -1})
    >>> cr.parametric.ddt(problem, domain=(0, 1), symbol="h")
    Regions(ddt; (0, 1/101): ['refuse']; at 1/101: ['pay', 'refuse']; (1/101, 1): ['pay'])
    """
    from ..ddt import DDTProblem

    fam = _family(family)
    lo, hi = _domain(domain)
    sym = _symbol(symbol)
    deg = _degree(max_degree)
    prog = check_progress(progress)
    first = call_family(fam, lo + (hi - lo) / 3, DDTProblem, "a DDTProblem")
    policies = tuple(first.policies)
    sign = 1 if first.empty == "nirvana" else -1
    fns: dict[str, _Fn] = {}
    for k, pi in enumerate(policies):
        def read(x: Fraction, pi: Hashable = pi) -> Snapshot:
            P = call_family(fam, x, DDTProblem, "a DDTProblem")
            if tuple(P.policies) != policies or P.policies[pi] != first.policies[pi]:
                raise InvalidArgumentError(
                    f"family changes the policies or their events: at {x} "
                    f"they are {nums.show(P.policies)}, elsewhere "
                    f"{nums.show(first.policies)}")
            S = _exact_set(P.belief, x)
            consistent = set(P.policies[pi])
            mask = np.array([o not in consistent for o in S.outcomes], dtype=bool)
            F = _gambles([P.utility], S.outcomes, "utility")
            return snapshot(S, F, zero_outcomes=mask)

        lp = build(read, lo, hi, deg)
        fns[f"V{k}"] = _fn_pieces(lp, 0, lo, hi, 1, prog, inf_sign=sign)
    keys = [f"V{k}" for k in range(len(policies))]
    rule = _Rule(fns, [(x, y) for i, x in enumerate(keys) for y in keys[i + 1:]],
                 lambda cmp: _argbest(keys, cmp, 1))
    return _regions(rule, policies, lo, hi, sym, "ddt")


__all__ = ["PiecewiseValue", "RULES", "Regions", "ddt", "decisions", "lower_expectation",
           "upper_expectation"]

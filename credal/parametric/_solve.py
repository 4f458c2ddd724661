"""The parametric simplex: the optimal value of ``min c(t)·x, M(t) x = r(t), x >= 0`` as
an exact piecewise rational function of ``t`` over a closed interval.

An optimal basis ``B`` found at a rational point stays optimal exactly where its basic
solution is feasible and its reduced costs are nonnegative. With ``D(t) = det M_B(t)`` and
the adjugate ``adj M_B(t)``, those conditions are signs of polynomials:
``(adj M_B r)_i · D >= 0`` for every basic variable and
``(c_k D - c_B^T adj M_B M_k) · D >= 0`` for every nonbasic column ``k``, with
``D != 0``; on that set the value is ``c_B^T adj M_B r / D``. Its connected piece around
the point is found from the real roots of those polynomials (exact, algebraic where they
must be) and a sign test in each cell between them. The domain is covered piece by piece:
a rational point not yet covered is solved exactly (a rational simplex), and its basis'
piece added, until nothing is left (Gal & Nedoma's multiparametric approach, 1972, in one
parameter). Where the program is infeasible, the same is done for the phase-one program
``min 1·(a+ + a-), M x + a+ - a- = r``, whose value is positive exactly there.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction

import numpy as np
from sympy.polys.matrices import DomainMatrix

from .._core.types import NDArray
from ..errors import SolverError
from ..lp._simplex import rational_simplex
from ._algebra import K, Point, Poly, R, poly, rational_between, roots_between, sign_at
from ._program import ParametricLP, horner

#: Other rational points tried in a gap before a basis valid at one point only is kept.
RETRIES = 6


@dataclass(frozen=True)
class Piece:
    """The value ``num / den`` on the interval from ``lo`` to ``hi`` (ends included as
    flagged); ``num is None`` where the program is infeasible."""

    lo: Point
    lo_closed: bool
    hi: Point
    hi_closed: bool
    num: Poly | None
    den: Poly | None

    def same_value(self, other: Piece) -> bool:
        if self.num is None or other.num is None:
            return self.num is None and other.num is None
        return bool(self.num * other.den == other.num * self.den)


def _coeff_poly(C: NDArray, index: tuple[int, ...]) -> Poly:
    return poly([C[(k,) + index] for k in range(C.shape[0])])


@dataclass
class _Basis:
    """A basis' conditions and value as polynomials."""

    D: Poly
    conditions: list[Poly]  # each must have the sign of D (or be 0)
    strict: list[Poly]      # each must have the sign of D strictly
    num: Poly

    def valid_at(self, x: Point) -> bool:
        d = sign_at(self.D, x)
        if d == 0:
            return False
        return all(sign_at(p, x) * d >= 0 for p in self.conditions) and \
            all(sign_at(p, x) * d > 0 for p in self.strict)

    def critical(self, lo: Point, hi: Point) -> list[Point]:
        pts: list[Point] = []
        for p in [self.D, *self.conditions, *self.strict]:
            if p:
                pts.extend(roots_between(p, lo, hi))
        from ._algebra import sorted_points

        return sorted_points(pts)


def _adj_det(MB: DomainMatrix) -> tuple[DomainMatrix, Poly]:
    """The adjugate and the determinant of a nonsingular polynomial matrix (through the
    inverse over the field of rational functions: sympy's own ``adj_det`` fails on some
    matrices)."""
    field = K.get_field()
    D = MB.det()
    inv = MB.convert_to(field).inv()
    rows = []
    for row in (inv * field.convert(D)).to_list():
        out = []
        for e in row:
            assert e.denom.is_ground
            out.append(e.numer.quo_ground(e.denom.LC))
        rows.append(out)
    return DomainMatrix(rows, MB.shape, K), D


def _basis_polys(c: NDArray, M: NDArray, r: NDArray, basis: tuple[int, ...],
                 strict_value: bool) -> _Basis:
    m, N = M.shape[1], M.shape[2]
    MB = DomainMatrix([[_coeff_poly(M, (i, b)) for b in basis] for i in range(m)], (m, m), K)
    adj, D = _adj_det(MB)
    rv = DomainMatrix([[_coeff_poly(r, (i,))] for i in range(m)], (m, 1), K)
    cB = DomainMatrix([[_coeff_poly(c, (b,)) for b in basis]], (1, m), K)
    xD = [row[0] for row in (adj * rv).to_list()]
    yD = (cB * adj).to_list()[0]
    num = sum((cb * x for cb, x in zip(cB.to_list()[0], xD, strict=True)), R.zero)
    conditions = list(xD)
    in_basis = set(basis)
    for k in range(N):
        if k in in_basis:
            continue
        col = [_coeff_poly(M, (i, k)) for i in range(m)]
        rc = _coeff_poly(c, (k,)) * D - sum((y * a for y, a in zip(yD, col, strict=True)),
                                             R.zero)
        conditions.append(rc)
    strict = [num] if strict_value else []
    return _Basis(D, conditions, strict, num)


def _component(b: _Basis, q: Fraction, lo: Point, hi: Point) -> tuple[Point, bool, Point, bool]:
    """The connected part of ``b``'s validity set in ``[lo, hi]`` containing ``q``."""
    xq = Point.rational(q)
    pts = [lo] + b.critical(lo, hi) + [hi]
    pts = [p for i, p in enumerate(pts) if i == 0 or not p == pts[i - 1]]
    at = next((i for i, p in enumerate(pts) if p == xq), None)
    memo: dict[int, bool] = {}

    def cell_ok(i: int) -> bool:  # the open cell (pts[i], pts[i+1])
        if i not in memo:
            memo[i] = b.valid_at(Point.rational(rational_between(pts[i], pts[i + 1])))
        return memo[i]

    def walk(i: int, step: int, in_cell: bool) -> tuple[Point, bool]:
        # from point pts[i] (or from inside the cell next to it on the walking side)
        last = len(pts) - 1
        while True:
            if not in_cell:
                nxt = i + step
                if nxt < 0 or nxt > last:
                    return pts[i], True
                if not cell_ok(min(i, nxt)):
                    return pts[i], True
                i = nxt
            else:
                in_cell = False
            if not b.valid_at(pts[i]):
                return pts[i], False

    if at is not None:
        lo_end = walk(at, -1, False)
        hi_end = walk(at, 1, False)
    else:
        i = next(i for i in range(len(pts) - 1) if pts[i] < xq < pts[i + 1])
        lo_end = walk(i, -1, True)
        hi_end = walk(i + 1, 1, True)
    return lo_end[0], lo_end[1], hi_end[0], hi_end[1]


def _phase_one(lp: ParametricLP) -> tuple[NDArray, NDArray, NDArray]:
    """The phase-one program's data: ``[M, I, -I]``, costs ``[0, 1, 1]``."""
    D1, m, N = lp.M.shape
    M1 = np.full((D1, m, N + 2 * m), Fraction(0), dtype=object)
    M1[:, :, :N] = lp.M
    for i in range(m):
        M1[0, i, N + i] = Fraction(1)
        M1[0, i, N + m + i] = Fraction(-1)
    c1 = np.full((1, N + 2 * m), Fraction(0), dtype=object)
    c1[0, N:] = Fraction(1)
    return c1, M1, lp.r


def _solve_point(c: NDArray, M: NDArray, r: NDArray
                 ) -> tuple[str, tuple[int, ...] | None, Fraction | None]:
    N = M.shape[1]
    out = rational_simplex(c, [], [], M, r, [0] * N, [None] * N)
    if out.status != "optimal":
        return out.status, None, None
    assert out.basis is not None
    if any(j >= N for j in out.basis):  # a row redundant at this point only
        return "degenerate", None, out.value
    return "optimal", out.basis, out.value


def analyse(lp: ParametricLP, j: int, lo: Fraction, hi: Fraction, *,
            progress: Callable[[str, int, int], object] | None = None) -> list[Piece]:
    """Pieces covering ``[lo, hi]``, increasing, with the optimal value of objective
    ``j`` (None where infeasible); adjacent pieces with the same value are merged."""
    c_all, M, r = lp.c, lp.M, lp.r
    c = c_all[:, j]
    phase1 = _phase_one(lp)
    P_lo, P_hi = Point.rational(lo), Point.rational(hi)
    gaps: list[tuple[Point, bool, Point, bool, int]] = [(P_lo, True, P_hi, True, 0)]
    pieces: list[Piece] = []
    solved = 0
    while gaps:
        a, a_in, b, b_in, attempt = gaps.pop()
        if a == b:
            if a.exact is None:
                raise SolverError(
                    f"the value at the irrational point {a.value}, where no basis "
                    f"optimal nearby stays nonsingular, cannot be computed exactly")
            q = a.exact
        else:
            q = rational_between(a, b, attempt)
        solved += 1
        if progress is not None:
            progress("bases", solved, solved + len(gaps))
        cq, Mq, rq, family_empty = lp.checked_at(q)
        status, basis, value = _solve_point(cq[j], Mq, rq)
        if family_empty and status != "infeasible":
            lp.read(q)  # the family's own error: it is empty where its program is not
        if a == b:  # one point: its value is all that is needed
            assert a_in and b_in
            pieces.append(Piece(a, True, a, True,
                                None if value is None else poly([value]),
                                None if value is None else R.one))
            continue
        if status == "optimal":
            assert basis is not None
            bp = _basis_polys(c, M, r, basis, False)
        elif status == "infeasible":
            c1, M1, r1 = phase1
            status1, basis1, _ = _solve_point(c1[0], horner(M1, q), rq)
            if basis1 is None:
                raise SolverError(f"the phase-one program at {q} has no basis ({status1})")
            bp = _basis_polys(np.array([c1[0]], dtype=object), M1, r1, basis1, True)
        else:
            if attempt + 1 >= RETRIES * 4:
                raise SolverError(f"no nondegenerate basis found at {q} ({status})")
            gaps.append((a, a_in, b, b_in, attempt + 1))
            continue
        p_lo, p_lo_in, p_hi, p_hi_in = _component(bp, q, P_lo, P_hi)
        if p_lo == p_hi and attempt + 1 < RETRIES:
            gaps.append((a, a_in, b, b_in, attempt + 1))
            continue
        # clip to the gap
        if p_lo < a or (p_lo == a and not a_in):
            p_lo, p_lo_in = a, a_in
        if b < p_hi or (p_hi == b and not b_in):
            p_hi, p_hi_in = b, b_in
        num, den = (None, None) if status == "infeasible" else _reduced(bp.num, bp.D)
        pieces.append(Piece(p_lo, p_lo_in, p_hi, p_hi_in, num, den))
        if a < p_lo or (a == p_lo and a_in and not p_lo_in):
            gaps.append((a, a_in, p_lo, not p_lo_in, 0))
        if p_hi < b or (p_hi == b and b_in and not p_hi_in):
            gaps.append((p_hi, not p_hi_in, b, b_in, 0))
    return merge(sorted(pieces, key=lambda p: (p.lo.approx, not p.lo_closed)))


def _reduced(num: Poly, den: Poly) -> tuple[Poly, Poly]:
    """``num / den`` in lowest terms, ``den`` with leading coefficient 1."""
    if not num:
        return R.zero, R.one
    g = num.gcd(den)
    num, den = num.quo(g), den.quo(g)
    lc = den.LC
    return num.quo_ground(lc), den.quo_ground(lc)


def merge(pieces: list[Piece]) -> list[Piece]:
    """Adjacent pieces with the same value joined; a single point whose value the
    neighbouring expression takes there is absorbed into it."""
    out: list[Piece] = []
    for p in pieces:
        if out:
            last = out[-1]
            if last.same_value(p) or (p.lo == p.hi and _takes(last, p)):
                out[-1] = Piece(last.lo, last.lo_closed, p.hi, p.hi_closed, last.num,
                                last.den)
                continue
            if last.lo == last.hi and _takes(p, last):
                out[-1] = Piece(last.lo, True, p.hi, p.hi_closed, p.num, p.den)
                continue
        out.append(p)
    return out


def _takes(piece: Piece, point: Piece) -> bool:
    """Whether ``piece``'s expression, at the single point of ``point``, is finite and
    equal to its value."""
    if piece.num is None or point.num is None:
        return piece.num is None and point.num is None
    x = point.lo
    assert piece.den is not None and point.den is not None
    if sign_at(piece.den, x) == 0:
        return False
    return sign_at(piece.num * point.den - point.num * piece.den, x) == 0


__all__ = ["Piece", "analyse"]

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
from typing import Any

import numpy as np
from sympy.polys.matrices import DomainMatrix

from .._core.types import NDArray
from ..errors import SolverError
from ..lp import rational_simplex
from ._algebra import (
    K,
    Point,
    Poly,
    R,
    poly,
    rational_between,
    roots_between,
    sign_at,
    sorted_points,
)
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


class _Data:
    """The program's polynomials, column by column (sparse): ``cols[k]`` lists the
    nonzero ``(row, polynomial)`` of column ``k``; ``unit[k]`` is ``(row, sign)`` when
    column ``k`` is a constant ``±1`` in one row (a slack), else None."""

    def __init__(self, c: NDArray, M: NDArray, r: NDArray) -> None:
        D1, m, N = M.shape
        self.m, self.N = m, N
        self.c = [_coeff_poly(c, (k,)) for k in range(N)]
        self.r = [_coeff_poly(r, (i,)) for i in range(m)]
        self.cols: list[list[tuple[int, Poly]]] = []
        self.unit: list[tuple[int, int] | None] = []
        nonzero = (M != 0).any(axis=0)
        for k in range(N):
            rows = [int(i) for i in np.flatnonzero(nonzero[:, k])]
            entries = [(i, _coeff_poly(M, (i, k))) for i in rows]
            self.cols.append(entries)
            unit = None
            if len(entries) == 1 and entries[0][1].is_ground and \
                    entries[0][1] in (R.one, -R.one):
                unit = (entries[0][0], 1 if entries[0][1] == R.one else -1)
            self.unit.append(unit)


def _basis_polys(data: _Data, basis: tuple[int, ...], strict_value: bool) -> _Basis:
    """Conditions and value of ``basis``. Basic slack columns are eliminated first, so
    that only the core (the structural basic columns on the rows no basic slack covers)
    is inverted: a few rows even when the program has hundreds."""
    units = {b: data.unit[b] for b in basis if data.unit[b] is not None}
    covered: dict[int, tuple[int, int]] = {}
    for b, (i, sgn) in units.items():  # type: ignore[misc]
        covered[i] = (b, sgn)
    core_cols = [b for b in basis if b not in units]
    core_rows = [i for i in range(data.m) if i not in covered]
    k = len(core_cols)
    assert k == len(core_rows)
    pos = {i: a for a, i in enumerate(core_rows)}
    C = [[R.zero] * k for _ in range(k)]
    for a, b in enumerate(core_cols):
        for i, pol in data.cols[b]:
            if i in pos:
                C[pos[i]][a] = pol
    if k:
        adj_m, D = _adj_det(DomainMatrix(C, (k, k), K))
        adj = adj_m.to_list()
    else:
        adj, D = [], R.one
    # basic values times D: the core first, then the slacks
    rc_core = [data.r[i] for i in core_rows]
    x: dict[int, Poly] = {}
    for a, b in enumerate(core_cols):
        x[b] = sum((adj[a][e] * rc_core[e] for e in range(k) if adj[a][e]), R.zero)
    for i, (b, sgn) in covered.items():
        acc = data.r[i] * D
        for bc in core_cols:
            for row, pol in data.cols[bc]:
                if row == i:
                    acc -= pol * x[bc]
        x[b] = acc if sgn == 1 else -acc
    # duals times D: y_i = sgn * c_u on covered rows; the core from the rest
    y: dict[int, Poly] = {i: (data.c[b] * D if sgn == 1 else -data.c[b] * D)
                          for i, (b, sgn) in covered.items()}
    rhs = []
    for b in core_cols:
        v = data.c[b]
        for i, pol in data.cols[b]:
            if i in covered:
                yi = data.c[covered[i][0]] * covered[i][1]
                v -= yi * pol
        rhs.append(v)
    for e, i in enumerate(core_rows):
        y[i] = sum((rhs[a] * adj[a][e] for a in range(k) if adj[a][e]), R.zero)
    num = sum((data.c[b] * x[b] for b in basis if data.c[b]), R.zero)
    conditions = [x[b] for b in basis]
    in_basis = set(basis)
    for col in range(data.N):
        if col in in_basis:
            continue
        rc = data.c[col] * D
        for i, pol in data.cols[col]:
            if y[i]:
                rc -= y[i] * pol
        conditions.append(rc)
    strict = [num] if strict_value else []
    return _Basis(D, _distinct(conditions), strict, num)


def _distinct(polys: list[Poly]) -> list[Poly]:
    """The conditions up to positive factors: each made primitive with a positive leading
    coefficient, repeats and constants of the right sign dropped, zero ones dropped."""
    out: dict[Any, Poly] = {}
    for p in polys:
        if not p:
            continue
        q = p.quo_ground(abs(p.LC))  # sign kept: only a positive factor removed
        out.setdefault(q, q)
    return list(out.values())


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


def _float_basis(data: _Data, c: NDArray, M: NDArray, r: NDArray) -> tuple[int, ...] | None:
    """A guess of the optimal basis of ``min c x, M x = r, x >= 0`` from HiGHS (to be
    checked exactly), or None. Slack columns are given to HiGHS as inequality rows, so
    that its row statuses say which slacks are basic."""
    from ..lp import LinearProgram, LPStatus, get_backend

    m, N = M.shape
    struct = [k for k in range(N) if data.unit[k] is None]
    slack: dict[int, tuple[int, int]] = {}
    for k in range(N):
        u = data.unit[k]
        if u is not None and u[0] not in slack:
            slack[u[0]] = (k, u[1])
    ub = [i for i in range(m) if i in slack]
    eq = [i for i in range(m) if i not in slack]
    if not struct:
        return None
    Mf = np.asarray(M[:, struct], dtype=np.float64)
    rf = np.asarray(r, dtype=np.float64)
    sign = np.array([slack[i][1] for i in ub], dtype=np.float64).reshape(-1, 1)
    lp = LinearProgram.create(np.asarray(c[struct], dtype=np.float64),
                              A_ub=(Mf[ub] * sign) if ub else None,
                              b_ub=(rf[ub] * sign.ravel()) if ub else None,
                              A_eq=Mf[eq] if eq else None, b_eq=rf[eq] if eq else None,
                              lower=0)
    guess = get_backend("highs").solve(lp)
    if guess.status is not LPStatus.OPTIMAL or guess.basis is None:
        return None
    cols, rows = (np.asarray(a) for a in guess.basis)
    basic = [struct[k] for k in np.flatnonzero(cols == 1)]
    basic += [slack[i][0] for i, st in zip(ub, rows[:len(ub)], strict=True) if st == 1]
    if len(basic) != m or (rows[len(ub):] == 1).any():
        return None
    return tuple(sorted(basic))


def analyse(lp: ParametricLP, j: int, lo: Fraction, hi: Fraction, *,
            progress: Callable[[str, int, int], object] | None = None) -> list[Piece]:
    """Pieces covering ``[lo, hi]``, increasing, with the optimal value of objective
    ``j`` (None where infeasible); adjacent pieces with the same value are merged."""
    data = _Data(lp.c[:, j], lp.M, lp.r)
    phase1 = _phase_one(lp)
    data1: _Data | None = None
    P_lo, P_hi = Point.rational(lo), Point.rational(hi)
    gaps: list[tuple[Point, bool, Point, bool, int]] = [(P_lo, True, P_hi, True, 0)]
    pieces: list[Piece] = []
    solved = 0
    while gaps:
        a, a_in, b, b_in, attempt = gaps.pop()
        if a == b:
            if a.exact is None:
                pieces.append(_irrational_point(lp, j, data, a))
                continue
            q = a.exact
        else:
            q = rational_between(a, b, attempt)
        solved += 1
        if progress is not None:
            progress("bases", solved, solved + len(gaps))
        cq, Mq, rq, family_empty = lp.checked_at(q)
        bp: _Basis | None = None
        basis: tuple[int, ...] | None
        value: Fraction | None
        guess = None if a == b else _float_basis(data, cq[j], Mq, rq)
        if guess is not None:  # HiGHS's basis, kept when exactly optimal at q
            bp = _basis_polys(data, guess, False)
            if bp.valid_at(Point.rational(q)):
                status, basis, value = "optimal", guess, None
            else:
                bp = None
        if bp is None:
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
            if bp is None:
                bp = _basis_polys(data, basis, False)
        elif status == "infeasible":
            c1, M1, r1 = phase1
            status1, basis1, _ = _solve_point(c1[0], horner(M1, q), rq)
            if basis1 is None:
                raise SolverError(f"the phase-one program at {q} has no basis ({status1})")
            if data1 is None:
                data1 = _Data(c1, M1, r1)
            bp = _basis_polys(data1, basis1, True)
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
    pieces = sorted(pieces, key=lambda p: (p.lo.approx, not p.lo_closed))
    for x in lp.special:
        pieces = _special(lp, j, pieces, x)
    return merge(pieces)


def _irrational_point(lp: ParametricLP, j: int, data: _Data, x: Point) -> Piece:
    """The value at an irrational point that no piece around it covers (every basis
    optimal nearby is singular there): bases optimal at rational points ever closer to
    ``x`` are tried until one is checked, exactly, to be optimal (or, for the phase-one
    program, infeasible) at ``x`` itself."""
    data1: _Data | None = None
    for digits in (None, 10, 20, 40):
        for side in ((0,) if digits is None else (-1, 1)):
            q = Fraction(str(x.approx))
            if digits is not None:
                q += side * Fraction(1, 10**digits)
            cq, Mq, rq = lp.at(q)
            candidates = [_float_basis(data, cq[j], Mq, rq), _solve_point(cq[j], Mq, rq)[1]]
            for basis in candidates:
                if basis is not None:
                    bp = _basis_polys(data, basis, False)
                    if bp.valid_at(x):
                        num, den = _reduced(bp.num, bp.D)
                        return Piece(x, True, x, True, num, den)
            c1, M1, r1 = _phase_one(lp)
            basis1 = _solve_point(c1[0], horner(M1, q), rq)[1]
            if basis1 is not None:
                if data1 is None:
                    data1 = _Data(c1, M1, r1)
                if _basis_polys(data1, basis1, True).valid_at(x):
                    return Piece(x, True, x, True, None, None)
    raise SolverError(
        f"the value at the irrational point {x.value}, where no basis optimal nearby stays "
        f"nonsingular, cannot be computed exactly; split the domain there")


def _special(lp: ParametricLP, j: int, pieces: list[Piece], x: Point) -> list[Piece]:
    """``pieces`` with the value at ``x`` computed from every row of the program."""
    if x.exact is None:
        around = [p for p in pieces if p.lo <= x <= p.hi]
        if around and all(p.num is None for p in around):
            return pieces  # infeasible with the kept rows: more rows cannot help
        raise SolverError(
            f"the family's equality constraints degenerate at the irrational point "
            f"{x.value}, where the value cannot be computed exactly; split the domain there")
    assert lp.M_all is not None and lp.r_all is not None
    q = x.exact
    M, r = horner(lp.M_all, q), horner(lp.r_all, q)
    status, _, value = _solve_point(horner(lp.c[:, j], q), M, r)
    if status == "degenerate":
        status = "optimal"
    num = None if status == "infeasible" else poly([Fraction(value or 0)])
    den = None if status == "infeasible" else R.one
    out = []
    for p in pieces:
        inside = (p.lo < x or (p.lo == x and p.lo_closed)) and \
            (x < p.hi or (x == p.hi and p.hi_closed))
        if not inside:
            out.append(p)
            continue
        if p.lo < x:
            out.append(Piece(p.lo, p.lo_closed, x, False, p.num, p.den))
        out.append(Piece(x, True, x, True, num, den))
        if x < p.hi:
            out.append(Piece(x, False, p.hi, p.hi_closed, p.num, p.den))
    return out


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

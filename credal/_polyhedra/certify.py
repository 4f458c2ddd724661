r"""Exact vertices of an H-form credal set from approximate ones, certified complete.

:func:`certify_vertices` takes float approximations of the vertices of

.. math::

    P = \{p \in \mathbb{Q}^n : p \ge 0,\ \textstyle\sum_j p_j = 1,\ A_{ub} p \le b_{ub},\
    A_{eq} p = b_{eq},\ \mathrm{lower} \le p \le \mathrm{upper}\}

(from a fast float enumeration such as qhull, possibly with vertices missing, repeated or
wrong) and returns the exact vertex set of ``P``: every vertex is computed in exact
arithmetic, and the list is *proved* complete, also in exact arithmetic. No float is
trusted: the floats only guess which constraints are tight, and every guess is checked.

The constraints
    Every constraint is homogenised as in :mod:`credal._polyhedra.vertex_enumeration`: with
    ``sum(p) = 1`` the row ``a p <= b`` is ``c p <= 0`` for ``c = a - b 1``, kept as the
    primitive integer vector on its half-line. The bounds become rows too (``-p_j <= 0``,
    or ``-p_j + lower_j sum(p) <= 0`` when ``lower_j > 0``, and ``p_j - upper_j sum(p) <= 0``
    when ``upper_j < 1``; ``lower_j = upper_j`` is an equality). Equalities are kept
    linearly independent of each other and of ``1``; an equality or inequality in their span
    is constant on the affine hull ``H = {p : E p = 0, sum(p) = 1}`` and is either dropped
    or proves ``P`` empty. Rows implied by ``p >= 0`` and repeated rows are dropped. Each
    inequality is also written ``a' p <= rho`` with a small primitive integer row ``a'``
    (``c`` minus its most common entry times ``1``); a row whose ``a'`` is ``+-e_q`` is a
    *unit* row, fixing ``p_q`` when tight. ``d = n - 1 - rank(E)`` is the dimension of
    ``H``.

A point is a vertex
    A point ``v`` (held as the primitive integer vector ``V = v * L``, ``L`` the common
    denominator) is feasible when every ``c V <= 0`` and ``E V = 0`` (exact integer
    products); its *tight set* ``T(v)`` is the bitmask of the rows with ``c V = 0``. A
    feasible ``v`` is a vertex iff ``T(v)`` and the equalities have rank ``n`` together with
    ``1``. For each candidate the rows tight within a relative ``1e-6`` give a guess; the
    unit rows among them fix their coordinates and ``|F|`` independent rows among ``1``, the
    equalities and the other guessed rows (those of smallest float slack, the rest chosen
    greedily for float independence) give a square system on the free coordinates ``F``,
    solved exactly (:func:`credal._core.linalg.solve_integer`). A solution exists only for
    a nonsingular system (fraction-free elimination finds a zero pivot otherwise; above
    :data:`~credal._core.linalg.SMALL_K` rows the rank is checked exactly), so its tight
    rows have rank ``n``: a feasible solution is a vertex. Candidates that fail are dropped.
    ``v`` is *nondegenerate* when ``|T(v)| = d`` (its tight rows and the equalities are then
    independent).

Proof of completeness
    1. *Every returned point is a vertex*: as above, or as the endpoint of an edge of
       ``P`` found by the exact ratio test (an endpoint of an edge is a vertex), or as the
       vertex reached from an exact LP optimum by exact steps that each add an independent
       tight row.
    2. *Every edge of every returned vertex ends at a returned vertex.* For a
       nondegenerate vertex ``v`` the edges are exactly the segments
       ``P_j = {p in P : c_t p = 0, t in T(v) - {j}}``, one for each ``j in T(v)``: these
       ``d - 1`` independent equations cut a line out of ``H``, ``P_j`` is a face of ``P``
       (cut out by valid inequalities), and it contains ``v + t r_j`` for small ``t > 0``
       along the direction ``r_j`` that keeps ``T(v) - {j}`` tight and leaves row ``j``,
       since the other rows have slack at ``v``; ``P`` is bounded, so ``P_j`` is an edge.
       There are no others: an edge through ``v`` is cut out by tight rows of ``v`` of
       rank ``d - 1``, and the only such subsets of the ``d`` independent rows ``T(v)``
       are the ``T(v) - {j}``.
       So when another returned nondegenerate vertex ``w`` has ``T(w) - {i} = T(v) - {j}``,
       ``w`` lies on ``P_j`` and, being a vertex, is its other endpoint: that edge is
       closed *by the tight sets alone*. A dictionary keyed on the bitmasks
       ``T(w) - {i}`` finds all such pairs in ``O(d)`` per vertex, with no arithmetic.
       Every other edge is followed exactly: its direction ``r`` (``r_j``, from one exact
       square solve, or, for a degenerate vertex, each extreme ray of the tangent cone
       ``{r : E r = 0, sum(r) = 0, c_t r <= 0 (t in T(v))}``, found by the exact double
       description of a small cone, below) and the ratio test
       ``t* = min {-(c_i v) / (c_i r) : c_i r > 0}`` over the rows give the neighbour
       ``v + t* r`` exactly, which is added when it is new (a missing vertex is *repaired*
       by an exact pivot) and then searched in turn.
    3. *The graph of a polytope is connected* (Balinski, "On the graph structure of convex
       polyhedra in n-space", Pacific J. Math. 11, 1961; Ziegler, *Lectures on Polytopes*,
       1995, sect. 3.5). The search ends with a nonempty set of vertices closed under
       adjacency, which is therefore the whole vertex set.
    4. *Emptiness.* When no candidate gives a vertex, an exact LP
       (``get_backend("exact")``) decides whether ``P`` is empty; if not, its optimal
       point is moved to a vertex by exact steps and the search starts there.

The tangent cone of a degenerate vertex
    ``d`` of its tight rows are chosen as a basis ``I`` (the unit rows, then general rows
    independent on the free coordinates, by exact elimination on those columns), with
    directions ``R_i`` (``a'_i R_i = -d_i < 0``, ``a'_u R_i = 0`` for the other basis rows,
    ``sum(R_i) = 0``, ``E R_i = 0``; one exact square solve each). Every ``r`` with
    ``E r = 0`` and ``sum(r) = 0`` is ``sum_i w_i R_i / d_i`` with ``w_i = -a'_i r``, and each
    other tight row's ``w_x = -a'_x r`` is a fixed combination ``sum_i lambda_xi w_i``. So
    ``r -> w`` maps the tangent cone one-to-one onto
    ``{w >= 0 : w_x = sum_i lambda_xi w_i}``, where ``sum(w) > 0`` except at 0 (the tight
    rows of a vertex leave no direction free); its extreme rays are the vertices of that
    cone cut by ``sum(w) = 1``: a small credal set, enumerated exactly by
    :func:`~credal._polyhedra.vertex_enumeration.enumerate_vertices`. When no such basis
    exists (an equality made dependent by the unit rows) the same is done with
    ``s = -C_T Z u``, the columns of ``Z`` spanning ``{r : E r = 0, sum(r) = 0}``, on
    ``{s >= 0, sum(s) = 1, N s = 0}`` with ``N`` spanning the orthogonal complement of
    ``range(C_T Z)``.

Cost
    One small exact solve per distinct candidate (the unit rows fix their coordinates and
    ``sum(p) = 1`` substitutes one more, so the system is often tiny), one exact integer
    product ``C V`` for all vertices at once (int64 when a bound proves it safe), ``O(d)``
    dictionary operations per nondegenerate vertex, and one exact solve plus one ratio
    test (``O(m n)`` integer operations) per edge that the tight sets do not close.
    Degenerate vertices cost a small exact double description each.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from fractions import Fraction
from typing import Any

import numpy as np

from .._core.arith import EXACT
from .._core.linalg import (
    SMALL_K,
    int_matrix,
    int_products,
    null_space,
    primitive_row,
    rank,
    reduce_row,
    rref,
    rref_add,
    solve_integer,
)
from .._core.types import NDArray
from ..errors import InvalidArgumentError, SolverError
from ..lp import LinearProgram, LPStatus, check_optimal, get_backend
from .budget import Progress, check_budget, check_max_vertices
from .vertex_enumeration import enumerate_vertices, read_hform

__all__ = ["certify_vertices", "TIGHT_RTOL"]

#: A candidate's row counts as tight (for the guess only) when its float slack is at most
#: this, relative to the row's largest coefficient. Every guess is checked exactly.
TIGHT_RTOL = 1e-6
#: Float Gram-Schmidt: a row is independent of the chosen ones when its residual keeps more
#: than this fraction of its norm (a float guide to the choice; the exact solve decides).
_INDEPENDENT = 1e-9
#: How many vertices are searched between two progress reports.
_REPORT_EVERY = 256

#: A row ``a' p = num / den`` (or ``<=``): small integer coefficients, right-hand side.
_Row = tuple[tuple[int, ...], int, int]


def certify_vertices(
    A_ub: Any,
    b_ub: Any,
    A_eq: Any,
    b_eq: Any,
    lower: Any,
    upper: Any,
    candidates: Any,
    *,
    max_vertices: int | None = None,
    progress: Progress | None = None,
) -> NDArray:
    r"""The exact vertices of an H-form credal set, from approximate ones, proved complete.

    The set is the polytope

    .. math::

        P = \{p : p \ge 0,\ \textstyle\sum_j p_j = 1,\ A_{ub} p \le b_{ub},\
        A_{eq} p = b_{eq},\ \mathrm{lower} \le p \le \mathrm{upper}\}

    with exact data. ``candidates`` are hints only: vertices may be missing, repeated or
    wrong, and the answer is the exact vertex set whatever they are (the module docstring
    gives the proof); good hints make it fast.

    Parameters
    ----------
    A_ub : array_like, shape (m1, n)
    b_ub : array_like, shape (m1,)
        Inequalities ``A_ub @ p <= b_ub`` (``m1`` may be 0).
    A_eq : array_like, shape (m2, n)
    b_eq : array_like, shape (m2,)
        Equalities ``A_eq @ p == b_eq`` (``m2`` may be 0).
    lower, upper : array_like, shape (n,)
        Bounds on each probability (``lower <= 0`` and ``upper >= 1`` add nothing).
        Every entry of the data must be exact (ints, ``Fraction``, strings such as
        ``"1/3"``), as for ``enumerate_vertices(..., ar=EXACT)``.
    candidates : array_like of float, shape (k, n)
        Approximate vertices, e.g. from a float enumeration. ``k`` may be 0 (or ``None``);
        rows with a NaN or an infinity are skipped like any other wrong hint.
    max_vertices : int, optional
        A positive int: stop with :class:`~credal.errors.TooManyVerticesError` as soon as
        more than this many vertices are found. ``None`` (the default): no limit.
    progress : callable, optional
        Called as ``progress("certify", done, known)`` every few hundred vertices and at
        the end: ``done`` vertices have had all their edges checked out of ``known`` found.

    Returns
    -------
    numpy.ndarray, shape (k, n)
        An object array of ``Fraction``: each vertex of ``P`` exactly once, rows in
        lexicographic order; shape ``(0, n)`` exactly when ``P`` is empty.

    Raises
    ------
    InvalidArgumentError
        For malformed data (as ``enumerate_vertices(..., ar=EXACT)`` refuses it: wrong
        shapes, non-numbers, floats), candidates that are not a ``(k, n)`` array of numbers,
        a bad ``max_vertices``, or more than ``max_vertices`` vertices.
    SolverError
        If the exact LP that decides emptiness fails.

    Examples
    --------
    The simplex over three outcomes cut by ``p_0 <= 1/2``, from rough hints that miss a
    vertex and hold a point that is no vertex:

    >>> import numpy as np
    >>> from fractions import Fraction as F
    >>> none_A, none_b = np.empty((0, 3), dtype=object), np.empty(0, dtype=object)
    >>> hints = [[0.5, 0.5, 0.0], [0.0, 1.0, 0.0], [0.3, 0.3, 0.4]]
    >>> V = certify_vertices([[1, 0, 0]], [F(1, 2)], none_A, none_b, [0, 0, 0], [1, 1, 1],
    ...                      hints)
    >>> for row in V:
    ...     print(*row)
    0 0 1
    0 1 0
    1/2 0 1/2
    1/2 1/2 0
    """
    A_ub_a, b_ub_a, A_eq_a, b_eq_a, lower_a, upper_a = read_hform(
        A_ub, b_ub, A_eq, b_eq, lower, upper, EXACT)
    n = lower_a.shape[0]
    X = _as_candidates(candidates, n)
    check_max_vertices(max_vertices)
    if n == 0:
        return np.empty((0, 0), dtype=object)
    form = _Form.build(A_ub_a, b_ub_a, A_eq_a, b_eq_a, lower_a, upper_a)
    if form is None:
        return np.empty((0, n), dtype=object)
    search = _Search(form, None if max_vertices is None else int(max_vertices), progress)
    return search.run(X)


# ----------------------------------------------------------------------------------------
# input
# ----------------------------------------------------------------------------------------


def _as_candidates(candidates: Any, n: int) -> NDArray:
    """The finite rows of ``candidates`` as a float64 ``(k, n)`` array."""
    if candidates is None:
        return np.zeros((0, n))
    try:
        X = np.array(candidates, dtype=np.float64)
    except (TypeError, ValueError):
        raise InvalidArgumentError(
            f"candidates must be a (k, {n}) array of floats (approximate vertices), got "
            f"{type(candidates).__name__}") from None
    if X.size == 0:
        return np.zeros((0, n))
    if X.ndim != 2 or X.shape[1] != n:
        raise InvalidArgumentError(
            f"candidates must have shape (k, {n}), one approximate vertex per row, got shape "
            f"{X.shape}")
    out: NDArray = X[np.isfinite(X).all(axis=1)]
    return out


# ----------------------------------------------------------------------------------------
# the constraints, exactly
# ----------------------------------------------------------------------------------------


def _split(c: Sequence[int]) -> tuple[tuple[int, ...], Fraction]:
    """``c = g a' + beta 1`` with ``beta`` the most common entry of ``c`` and ``a'`` primitive
    (``g > 0``): the row ``c p <= 0`` on ``sum(p) = 1`` is ``a' p <= rho = -beta / g``."""
    beta = Counter(c).most_common(1)[0][0]
    diff = [x - beta for x in c]
    g = math.gcd(*diff)
    return tuple(x // g for x in diff), Fraction(-beta, g)


class _Form:
    """The constraints of ``P``, homogenised and scaled to integers (module docstring)."""

    def __init__(self, n: int, ineqs: list[tuple[int, ...]], eqs: list[tuple[int, ...]],
                 x0: list[Fraction]) -> None:
        self.n = n
        self.m = len(ineqs)
        self.ineqs = ineqs
        self.eqs = eqs
        self.x0 = x0  # the point of H when d == 0
        self.d = n - 1 - len(eqs)
        self.C = int_matrix(ineqs, n)
        self.E = int_matrix(eqs, n)
        split = [_split(c) for c in ineqs]
        self.a = [s[0] for s in split]
        self.rho = [s[1] for s in split]
        self.rows: list[_Row] = [(a, rho.numerator, rho.denominator) for a, rho in split]
        self.unit = [-1] * self.m  # the coordinate of a unit row, else -1
        self.unit_value: list[Fraction] = [Fraction(0)] * self.m  # p_q when tight
        for i, (a, rho) in enumerate(split):
            nz = [q for q, x in enumerate(a) if x]
            if len(nz) == 1:
                self.unit[i] = nz[0]
                self.unit_value[i] = rho * a[nz[0]]  # a' = +-e_q
        # equalities: unit ones fix a coordinate, the others (and sum(p) = 1) stay rows
        self.eq_fixed: dict[int, Fraction] = {}
        self.eq_rows: list[_Row] = [((1,) * n, 1, 1)]  # sum(p) = 1 first
        for c in eqs:
            a, rho = _split(c)
            nz = [q for q, x in enumerate(a) if x]
            if len(nz) == 1:
                self.eq_fixed[nz[0]] = rho * a[nz[0]]
            else:
                self.eq_rows.append((a, rho.numerator, rho.denominator))
        # float images of a' p <= rho, each row scaled to largest coefficient 1
        if self.m:
            Af = np.array(self.a, dtype=np.float64)
            scale = np.abs(Af).max(axis=1)
            self.Af = Af / scale[:, None]
            self.rhof = np.array([float(r) for r in self.rho]) / scale
        else:
            self.Af = np.zeros((0, n))
            self.rhof = np.zeros(0)
        self._Z: NDArray | None = None

    @classmethod
    def build(cls, A_ub: NDArray, b_ub: NDArray, A_eq: NDArray, b_eq: NDArray,
              lower: NDArray, upper: NDArray) -> _Form | None:
        """The integer form, or ``None`` when ``P`` is empty for a reason seen here."""
        n = lower.shape[0]
        zero, one = Fraction(0), Fraction(1)
        unit = [[zero] * n for _ in range(n)]
        for j in range(n):
            unit[j][j] = one
        eq_raw: list[tuple[Sequence[Fraction], Fraction]] = list(zip(A_eq, b_eq, strict=True))
        ineq_raw: list[tuple[Sequence[Fraction], Fraction]] = list(zip(A_ub, b_ub, strict=True))
        for j in range(n):
            lo, up = max(lower[j], zero), min(upper[j], one)
            if up < lo:
                return None
            if up == lo:
                eq_raw.append((unit[j], lo))
                continue
            ineq_raw.append(([-x for x in unit[j]], -lo))
            if up < 1:
                ineq_raw.append((unit[j], up))

        # equalities: independent of sum(p) = 1 and of each other
        basis: list[list[Fraction]] = []
        pivots: list[int] = []
        rref_add([one] * n, basis, pivots)
        eqs: list[tuple[int, ...]] = []
        dependent: list[tuple[int, ...]] = []
        for a, b in eq_raw:
            prim = primitive_row([x - b for x in a])
            if prim is None:
                continue
            if rref_add([Fraction(x) for x in prim], basis, pivots):
                eqs.append(prim)
            else:
                dependent.append(prim)
        # a point of H: E x0 = 0, sum(x0) = 1 (pivot variables of the reduced system)
        R, piv = rref([[one] * n + [one]] + [[Fraction(x) for x in e] + [zero] for e in eqs])
        x0 = [zero] * n
        for row, p in zip(R, piv, strict=True):
            x0[p] = row[n]

        def on_hull(c: Sequence[int]) -> Fraction:
            return sum((Fraction(x) * y for x, y in zip(c, x0, strict=True) if x), zero)

        if any(on_hull(c) != 0 for c in dependent):
            return None  # an equality contradicts the others
        ineqs: dict[tuple[int, ...], None] = {}
        for a, b in ineq_raw:
            prim = primitive_row([x - b for x in a])
            if prim is None:
                continue  # 0 <= 0
            if not any(reduce_row([Fraction(x) for x in prim], basis, pivots)):
                # constant on H: never tight, always tight (implied), or infeasible
                if on_hull(prim) > 0:
                    return None
                continue
            if max(prim) <= 0 and sum(1 for x in prim if x) > 1:
                continue  # implied by p >= 0 (the rows -e_j, or lower bounds, or E)
            ineqs[prim] = None
        return cls(n, list(ineqs), eqs, x0)

    # -- exact evaluation ----------------------------------------------------------------
    def evaluate(self, Vs: Sequence[Sequence[int]]) -> tuple[NDArray, NDArray]:
        """``C V`` (m, k) and whether ``E V = 0`` (k,), exactly, for integer points ``Vs``."""
        Vm = int_matrix(Vs, self.n)
        CV = int_products(self.C, Vm)
        EV = int_products(self.E, Vm)
        if EV.shape[0] == 0:
            return CV, np.ones(len(Vs), dtype=bool)
        return CV, np.asarray(np.asarray(EV == 0, dtype=bool).all(axis=0), dtype=bool)

    def tight_sets(self, Vs: Sequence[Sequence[int]]) -> list[int | None]:
        """The tight-set bitmask of each point, ``None`` for an infeasible one."""
        if not Vs:
            return []
        CV, eq_ok = self.evaluate(Vs)
        feasible = eq_ok & np.asarray(CV <= 0, dtype=bool).all(axis=0) if self.m else eq_ok
        zero = np.asarray(CV == 0, dtype=bool)
        out: list[int | None] = []
        if self.m:
            packed = np.packbits(zero.T, axis=1, bitorder="little")
            for k, ok in enumerate(feasible.tolist()):
                out.append(int.from_bytes(packed[k].tobytes(), "little") if ok else None)
        else:
            out = [0 if ok else None for ok in feasible.tolist()]
        return out

    # -- vertices from square systems ----------------------------------------------------
    def solve(self, fixed: dict[int, Fraction], rows: Sequence[_Row],
              subst: bool) -> tuple[int, ...] | None:
        """The primitive integer vector of the point with the ``fixed`` coordinates and
        ``a' p = rho`` for the ``rows`` (as many as free coordinates), or ``None`` when the
        system is singular or misses ``sum(p) = 1``.

        With ``subst`` the first row is ``sum(p) = 1``: it substitutes the first free
        coordinate, ``p_f = S - (the other free ones)`` with ``S = 1 - sum(fixed)``, and the
        other rows are solved for the rest, a system one smaller."""
        n = self.n
        F = [q for q in range(n) if q not in fixed]
        if len(rows) != len(F):
            return None
        nz = [(q, v) for q, v in fixed.items() if v]
        # everything over one denominator L: rows' right-hand sides and the fixed values
        L = math.lcm(*(den for _, _, den in rows), *(v.denominator for _, v in nz))
        fixed_L = [(q, v.numerator * (L // v.denominator)) for q, v in nz]
        S_L = L - sum(x for _, x in fixed_L)  # (1 - sum(fixed)) * L
        f, F_rest = (F[0], F[1:]) if subst else (-1, F)
        K: list[list[int]] = []
        r: list[int] = []
        for a, num, den in rows[1:] if subst else rows:
            x = num * (L // den)
            for q, v in fixed_L:
                if a[q]:
                    x -= a[q] * v
            af = a[f] if subst else 0
            if af:
                K.append([a[q] - af for q in F_rest])
                r.append(x - af * S_L)
            else:
                K.append([a[q] for q in F_rest])
                r.append(x)
        d, U = 1, []  # the solved coordinates are U / (d L)
        if K:
            k = len(K)
            sol = solve_integer(np.array(K, dtype=object).reshape(k, k),
                                np.array(r, dtype=object))
            if sol is None:
                return None
            if k > SMALL_K and rank([[Fraction(x) for x in row] for row in K], bound=k) < k:
                return None  # lifting may solve a consistent singular system: not a vertex
            U = sol[0].tolist()
            d = sol[1]
        V = [0] * n
        for q, v in fixed_L:
            V[q] = v * d
        for q, u in zip(F_rest, U, strict=True):
            V[q] = int(u)
        if subst:  # p_f = (1 - sum(fixed)) - (the other free ones)
            V[f] = S_L * d - sum(V[q] for q in F_rest)
        if sum(V) != d * L:  # sum(p) = 1 was not among the rows and fails
            return None
        g = math.gcd(*V)
        return tuple(x // g for x in V)

    def plan(self, tight: list[int]) -> tuple[int, dict[int, Fraction] | None, list[_Row],
                                               bool]:
        """A square system guessed from the rows tight at one candidate (within
        :data:`TIGHT_RTOL`, by increasing float slack): the bitmask of the rows used, the
        fixed coordinates (``None`` when the guess fails), the rows for :meth:`solve` and
        whether the first is ``sum(p) = 1``."""
        fixed = dict(self.eq_fixed)
        used = 0
        general: list[int] = []
        unit, unit_value = self.unit, self.unit_value
        for i in tight:
            q = unit[i]
            if q < 0:
                general.append(i)
            elif q not in fixed:
                fixed[q] = unit_value[i]
                used |= 1 << i
        k = self.n - len(fixed)
        if k == 0:  # every coordinate fixed: sum(p) = 1 is checked by solve
            return used, fixed, [], False
        pool = self.eq_rows + [self.rows[i] for i in general]
        if len(pool) < k:
            return used, None, [], False
        chosen = (list(range(k)) if len(pool) == k else
                  _independent(pool, [q for q in range(self.n) if q not in fixed], k))
        if chosen is None:
            return used, None, [], False
        base = len(self.eq_rows)
        for c in chosen:
            if c >= base:
                used |= 1 << general[c - base]
        return used, fixed, [pool[c] for c in chosen], chosen[0] == 0

    # -- edges ---------------------------------------------------------------------------
    def basis(self, T: int) -> _Basis | None:
        """``d`` rows of the tight set ``T`` of a vertex that, with ``1`` and the
        equalities, are independent: every unit row (one per coordinate), then general rows
        independent on the free coordinates (exact elimination on those columns only).
        ``None`` when that choice is impossible (an equality that the unit rows make
        dependent); the caller then takes the general route."""
        fixed = set(self.eq_fixed)
        units: dict[int, int] = {}
        general: list[int] = []
        extra: list[int] = []
        for t in _bits(T):
            q = self.unit[t]
            if q < 0:
                general.append(t)
            elif q in fixed:
                extra.append(t)
            else:
                fixed.add(q)
                units[t] = q
        F = [q for q in range(self.n) if q not in fixed]
        k = len(F)
        rows: list[Sequence[int]] = [a for a, _, _ in self.eq_rows]
        need = k - len(rows)
        if need < 0:
            return None
        if len(general) > need or extra:
            basis: list[list[Fraction]] = []
            pivots: list[int] = []
            for a in rows:
                if not rref_add([Fraction(a[q]) for q in F], basis, pivots):
                    return None
            chosen: list[int] = []
            for t in general:
                if len(chosen) < need and rref_add([Fraction(self.a[t][q]) for q in F],
                                                   basis, pivots):
                    chosen.append(t)
                else:
                    extra.append(t)
            general = chosen
        if len(general) != need:
            return None
        pos = {t: len(rows) + c for c, t in enumerate(general)}
        rows += [self.a[t] for t in general]
        K = np.empty((k, k), dtype=object)
        K[:] = [[a[q] for q in F] for a in rows]
        return _Basis(F, K, rows, units, pos, extra)

    def direction(self, B: _Basis, t: int) -> tuple[list[int], int]:
        """The integer direction ``R`` and ``d > 0`` with ``a'_t R = -d``, ``a'_u R = 0`` for
        the basis's other rows, ``sum(R) = 0`` and ``E R = 0``: the edge direction that
        leaves row ``t`` of the basis ``B`` and keeps the others tight."""
        k = len(B.F)
        q = B.units.get(t, -1)
        r = np.empty(k, dtype=object)
        if q >= 0:  # a' = s e_q: R_q = -s, and the other rows keep a' R = 0
            s = self.a[t][q]
            r[:] = [s * a[q] for a in B.rows]
        else:
            r[:] = [0] * k
            r[B.pos[t]] = -1
        sol = solve_integer(B.K, r)
        if sol is None:  # pragma: no cover - the basis of a vertex is nonsingular
            raise SolverError("internal error: a singular basis at a vertex",
                              backend="certify", status=LPStatus.ERROR)
        U, d = sol
        R = [0] * self.n
        for qq, u in zip(B.F, U.tolist(), strict=True):
            R[qq] = int(u)
        if q >= 0:
            R[q] = -self.a[t][q] * d
        return R, d

    def hull_basis(self) -> NDArray:
        """Integer vectors (d, n) spanning ``{r : E r = 0, sum(r) = 0}``."""
        if self._Z is None:
            rows = [[Fraction(1)] * self.n] + [[Fraction(x) for x in e] for e in self.eqs]
            vecs = [primitive_row(v) for v in null_space(rows, self.n)]
            self._Z = int_matrix([v for v in vecs if v is not None], self.n)
        return self._Z

    def cone_rays(self, T: int) -> list[list[int]]:
        """The extreme rays (integer, ``sum(r) = 0``) of the tangent cone at a degenerate
        vertex with tight set ``T`` (module docstring).

        With a basis ``I`` of ``T`` (:meth:`basis`) and its directions ``R_i``, every
        direction of the cone is ``r = sum_i w_i R_i / d_i`` with ``w_i = -a'_i r``, and each
        other tight row's ``w_x = -a'_x r`` is a fixed combination of them: the cone is
        ``{w >= 0 : w_x = sum_i lambda_xi w_i}``, cut by ``sum(w) = 1``."""
        B = self.basis(T)
        if B is None:
            return self._cone_rays_general(T)
        basis_rows = [*B.units, *B.pos]
        dirs = [self.direction(B, i) for i in basis_rows]
        t = len(basis_rows) + len(B.extra)
        A_eq = np.empty((len(B.extra), t), dtype=object)
        for row, x in enumerate(B.extra):
            ax = self.a[x]
            A_eq[row, :] = [Fraction(sum(a * r for a, r in zip(ax, R, strict=True) if r), d)
                            for R, d in dirs] + [Fraction(int(c == row)) for c in
                                                 range(len(B.extra))]
        W = _cone_section(A_eq)
        scale = math.lcm(*(d for _, d in dirs))
        Rs = np.empty((len(basis_rows), self.n), dtype=object)
        Rs[:] = [[x * (scale // d) for x in R] for R, d in dirs]
        rays = []
        for w in W:
            w_b = w[: len(basis_rows)]
            den = math.lcm(*(v.denominator for v in w_b))
            wi = np.empty(len(w_b), dtype=object)
            wi[:] = [v.numerator * (den // v.denominator) for v in w_b]
            prim = primitive_row([Fraction(x) for x in wi.dot(Rs).tolist()])
            if prim is not None:
                rays.append(list(prim))
        return rays

    def _cone_rays_general(self, T: int) -> list[list[int]]:
        """:meth:`cone_rays` without a basis: on ``Z``, a basis of ``{E r = 0, sum(r) = 0}``,
        with ``M = C_T Z`` and ``s = -M u`` (module docstring)."""
        ts = _bits(T)
        Z = self.hull_basis()
        M = int_products(self.C[ts], Z).tolist()  # (|T|, d)
        t, d = len(ts), self.d
        N = null_space([[Fraction(M[i][k]) for i in range(t)] for k in range(d)], t)
        A_eq = np.empty((len(N), t), dtype=object)
        A_eq[:] = N
        Zl = Z.tolist()
        rays = []
        for s in _cone_section(A_eq):
            red, piv = rref([[Fraction(x) for x in M[i]] + [-s[i]] for i in range(t)])
            u = [Fraction(0)] * d
            for row, p in zip(red, piv, strict=True):
                if p < d:
                    u[p] = row[d]
            r = [sum((u[k] * Zl[k][j] for k in range(d) if u[k]), Fraction(0))
                 for j in range(self.n)]
            prim = primitive_row(r)
            if prim is not None:
                rays.append(list(prim))
        return rays

    def pivot(self, V: Sequence[int], R: Sequence[int]) -> tuple[int, ...]:
        """The other end of the edge leaving the vertex ``V`` along ``R`` (exact ratio
        test ``min -(c V) / (c R)`` over the rows with ``c R > 0``)."""
        CV = int_products(self.C, int_matrix([V, R], self.n)).tolist()
        best_num, best_den = -1, 0
        for cv, cr in CV:
            if cr > 0 and cv < 0 and (best_den == 0 or -cv * best_den < best_num * cr):
                best_num, best_den = -cv, cr
        if best_den == 0:  # pragma: no cover - P is bounded
            raise SolverError("internal error: an edge direction left no row to meet",
                              backend="certify", status=LPStatus.ERROR)
        W = [best_den * v - (-best_num) * r for v, r in zip(V, R, strict=True)]
        g = math.gcd(*W)
        return tuple(x // g for x in W)

    # -- a first vertex, exactly ---------------------------------------------------------
    def lp_vertex(self) -> tuple[int, ...] | None:
        """A vertex of ``P`` from an exact LP, or ``None`` when ``P`` is empty."""
        n = self.n
        A_ub = [[Fraction(x) for x in a] for a in self.a] or None
        A_eq = [[Fraction(x) for x in a] for a, _, _ in self.eq_rows]
        b_eq = [Fraction(num, den) for _, num, den in self.eq_rows]
        for q, v in self.eq_fixed.items():
            A_eq.append([Fraction(int(j == q)) for j in range(n)])
            b_eq.append(v)
        lp = LinearProgram.create([Fraction(0)] * n, A_ub=A_ub,
                                  b_ub=self.rho if A_ub else None, A_eq=A_eq, b_eq=b_eq,
                                  lower=0, upper=None, exact=True)
        result = get_backend("exact").solve(lp)
        if result.status is LPStatus.INFEASIBLE:
            return None
        x = check_optimal(result).x
        assert x is not None
        return self.to_vertex([Fraction(v) for v in x])

    def to_vertex(self, p: list[Fraction]) -> tuple[int, ...]:
        """From a feasible point, a vertex: while the tight rows leave a direction ``r``
        free, move along ``r`` or ``-r`` to the first row met (one more independent tight
        row each time, so at most ``n`` steps)."""
        n = self.n
        base = [[Fraction(1)] * n] + [[Fraction(x) for x in e] for e in self.eqs]
        while True:
            D = math.lcm(*(v.denominator for v in p))
            V = [v.numerator * (D // v.denominator) for v in p]
            (T,) = self.tight_sets([V])
            if T is None:
                raise SolverError("the exact LP returned a point outside the set",
                                  backend="exact", status=LPStatus.ERROR)
            free = null_space(base + [[Fraction(x) for x in self.ineqs[i]] for i in _bits(T)],
                              n)
            if not free:
                g = math.gcd(*V)
                return tuple(x // g for x in V)
            r = free[0]
            rates = [sum((x * y for x, y in zip(c, r, strict=True) if x), Fraction(0))
                     for c in self.ineqs]
            if not any(v > 0 for v in rates):
                r, rates = [-x for x in r], [-v for v in rates]
            vals = [sum((x * y for x, y in zip(c, p, strict=True) if x), Fraction(0))
                    for c in self.ineqs]
            t = min(-v / w for v, w in zip(vals, rates, strict=True) if w > 0)
            p = [x + t * y for x, y in zip(p, r, strict=True)]


class _Basis:
    """Basis rows at a vertex: the free coordinates ``F``, the square integer matrix ``K``
    of the rows (``1``, the general equalities, the general basis rows) on ``F``, the unit
    basis rows (row -> coordinate), each general basis row's position in ``rows``, and the
    tight rows left out (``extra``)."""

    __slots__ = ("F", "K", "rows", "units", "pos", "extra")

    def __init__(self, F: list[int], K: NDArray, rows: list[Sequence[int]],
                 units: dict[int, int], pos: dict[int, int], extra: list[int]) -> None:
        self.F, self.K, self.rows = F, K, rows
        self.units, self.pos, self.extra = units, pos, extra


def _cone_section(A_eq: NDArray) -> NDArray:
    """The vertices of ``{w >= 0, sum(w) = 1, A_eq w = 0}`` (exact double description)."""
    t = A_eq.shape[1]
    zeros = np.full(t, Fraction(0), dtype=object)
    return enumerate_vertices(np.empty((0, t), dtype=object), np.empty(0, dtype=object),
                              A_eq, np.full(A_eq.shape[0], Fraction(0), dtype=object), zeros,
                              np.full(t, Fraction(1), dtype=object), ar=EXACT)


def _bits(mask: int) -> list[int]:
    """The positions of the set bits of ``mask``, lowest first."""
    return [i for i, ch in enumerate(bin(mask)[:1:-1]) if ch == "1"]


def _independent(pool: Sequence[_Row], F: list[int],
                 k: int) -> list[int] | None:
    """``k`` rows of ``pool`` (restricted to the columns ``F``), taken in order when they
    are independent of those taken before in float Gram-Schmidt; ``None`` if fewer."""
    Q: list[NDArray] = []
    chosen: list[int] = []
    for c, (a, _, _) in enumerate(pool):
        v = np.array([a[q] for q in F], dtype=np.float64)
        norm = float(np.linalg.norm(v))
        if norm == 0:
            continue
        for b in Q:
            v = v - float(b @ v) * b
        res = float(np.linalg.norm(v))
        if res > _INDEPENDENT * norm:
            Q.append(v / res)
            chosen.append(c)
            if len(chosen) == k:
                return chosen
    return None


# ----------------------------------------------------------------------------------------
# the graph search
# ----------------------------------------------------------------------------------------


class _Search:
    """Vertices found so far and the closure of their edges (module docstring)."""

    def __init__(self, form: _Form, max_vertices: int | None,
                 progress: Progress | None) -> None:
        self.form = form
        self.max_vertices = max_vertices
        self.progress = progress
        self.V: list[tuple[int, ...]] = []
        self.T: list[int] = []
        self.index: dict[tuple[int, ...], int] = {}
        self.owner: dict[int, int] = {}  # T(w) - {i} -> w, for nondegenerate w
        self.closed: set[int] = set()  # keys met at two vertices: edges found both ends

    def add(self, V: tuple[int, ...], T: int) -> None:
        k = len(self.V)
        self.V.append(V)
        self.T.append(T)
        self.index[V] = k
        check_budget(len(self.V), self.max_vertices, None)
        if T.bit_count() == self.form.d:
            for i in _bits(T):
                key = T ^ (1 << i)
                if key in self.owner:
                    self.closed.add(key)
                else:
                    self.owner[key] = k

    def add_new(self, points: Sequence[tuple[int, ...]]) -> None:
        """Add the points not known yet, checking each exactly (tight sets, feasibility)."""
        fresh = list(dict.fromkeys(p for p in points if p not in self.index))
        for V, T in zip(fresh, self.form.tight_sets(fresh), strict=True):
            if T is not None:
                self.add(V, T)

    def run(self, X: NDArray) -> NDArray:
        form = self.form
        if form.d == 0:  # H is one point
            D = math.lcm(*(v.denominator for v in form.x0))
            self.add_new([tuple(v.numerator * (D // v.denominator) for v in form.x0)])
        else:
            self.add_candidates(X)
            if not self.V:
                start = form.lp_vertex()
                if start is not None:
                    self.add_new([start])
        done = 0
        while done < len(self.V):
            V, T = self.V[done], self.T[done]
            if T.bit_count() == form.d:
                open_ = [j for j in _bits(T) if T ^ (1 << j) not in self.closed]
                B = form.basis(T) if open_ else None
                for j in open_:
                    assert B is not None  # a nondegenerate vertex's T is its basis
                    self.add_new([form.pivot(V, form.direction(B, j)[0])])
            else:
                self.add_new([form.pivot(V, R) for R in form.cone_rays(T)])
            done += 1
            if self.progress is not None and done % _REPORT_EVERY == 0:
                self.progress("certify", done, len(self.V))
        if self.progress is not None:
            self.progress("certify", done, len(self.V))
        return self.result()

    def add_candidates(self, X: NDArray) -> None:
        """The vertices that the candidates' guesses give (checked exactly), added in
        chunks so that ``max_vertices`` and the progress reports apply early."""
        if not X.shape[0]:
            return
        form = self.form
        slacks = np.abs(form.rhof[:, None] - form.Af @ X.T)  # (m, k)
        order = np.argsort(slacks, axis=0, kind="stable").T.tolist()
        counts = np.count_nonzero(slacks <= TIGHT_RTOL, axis=0).tolist()
        seen: set[int] = set()
        points = []
        for col in range(X.shape[0]):
            used, fixed, rows, subst = form.plan(order[col][: counts[col]])
            if used in seen:
                continue  # the same system as an earlier candidate
            seen.add(used)
            V = None if fixed is None else form.solve(fixed, rows, subst)
            if V is not None:
                points.append(V)
                if len(points) == _REPORT_EVERY:
                    self.add_new(points)
                    points = []
                    if self.progress is not None:
                        self.progress("certify", 0, len(self.V))
        self.add_new(points)

    def result(self) -> NDArray:
        """The vertices as Fractions in lexicographic order.

        The rows are sorted on their coordinates rounded to floats (``int / int`` rounds
        correctly, so ``x < y`` gives ``float(x) <= float(y)``), and the result is checked
        exactly, pair by pair (``x_j / s < y_j / t`` as ``x_j t < y_j s``). Only when two
        rounded coordinates tie and hide the exact order are they sorted again on the key
        ``(float(x_1), x_1, float(x_2), x_2, ...)``, which compares the exact ``x_j`` exactly
        when the floats tie."""
        n = self.form.n
        zero = Fraction(0)  # one object for the many zeros
        sums = [sum(V) for V in self.V]
        floats = [tuple(x / s for x in V) for V, s in zip(self.V, sums, strict=True)]
        order = sorted(range(len(floats)), key=floats.__getitem__)
        if not all(_lex_le(self.V[i], sums[i], self.V[k], sums[k])
                   for i, k in zip(order, order[1:], strict=False)):
            keys = [tuple(z for x, f in zip(V, row, strict=True) for z in (f, Fraction(x, s)))
                    for V, s, row in zip(self.V, sums, floats, strict=True)]
            order = sorted(range(len(keys)), key=keys.__getitem__)
        out = np.empty((len(order), n), dtype=object)
        for i, k in enumerate(order):
            s = sums[k]
            out[i, :] = [Fraction(x, s) if x else zero for x in self.V[k]]
        return out


def _lex_le(X: Sequence[int], s: int, Y: Sequence[int], t: int) -> bool:
    """Whether ``X / s <= Y / t`` lexicographically (``s, t > 0``), in integers."""
    for x, y in zip(X, Y, strict=True):
        a, b = x * t, y * s
        if a != b:
            return a < b
    return True

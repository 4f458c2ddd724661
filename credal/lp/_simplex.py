"""Exact rational linear programming by the simplex method.

This module is the pure-Python fallback of credal's exact LP backend. It solves small
linear programs over :class:`fractions.Fraction` without any rounding and returns an
exact optimal point together with exact dual values (shadow prices), so that lower and
upper expectations can be certified rather than merely approximated.

The method is a two-phase, bounded-variable primal simplex on a dense tableau:

* variable bounds are handled directly (a non-basic variable sits at one of its finite
  bounds, or at zero when it is free), so finite upper bounds cost no extra rows;
* Phase I minimises the sum of artificial variables, one per row that the slack
  variables cannot cover; artificials left in the basis at zero afterwards are pivoted
  out, and rows where that is impossible are redundant and are simply kept, inert;
* entering and leaving variables are chosen by Bland's smallest-index rule, so
  degenerate problems cannot make the method cycle, and the result is deterministic;
* the tableau is kept fraction-free ("integer pivoting", as in Edmonds' and Bareiss'
  elimination): integer entries over one common denominator, the basis determinant,
  so a pivot needs only integer multiplications and exact divisions, no gcds.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from .._core.linalg import common_denominator
from .._core.numbers import parse_number
from ..errors import InvalidArgumentError

__all__ = ["SimplexOutcome", "rational_simplex"]

_ZERO = Fraction(0)

_Bound = Fraction | None


@dataclass(frozen=True)
class SimplexOutcome:
    """Result of :func:`rational_simplex`.

    Attributes
    ----------
    status : str
        ``"optimal"``, ``"infeasible"`` or ``"unbounded"``.
    x : tuple of Fraction or None
        An optimal point (one entry per variable) when ``status == "optimal"``.
    value : Fraction or None
        The optimal value ``c @ x`` when ``status == "optimal"``.
    dual_ub : tuple of Fraction or None
        One dual value per inequality row, ``d(value) / d(b_ub[i])`` (so ``<= 0``).
    dual_eq : tuple of Fraction or None
        One dual value per equality row, ``d(value) / d(b_eq[i])``.
    basis : tuple of int or None
        The optimal basis: per row (``A_ub`` rows, then ``A_eq`` rows), its basic column.
        Columns ``0 .. n-1`` are the variables, ``n .. n+m1-1`` the slacks of the
        inequality rows, higher ones the artificial variable of a redundant equality row.
    """

    status: str
    x: tuple[Fraction, ...] | None = None
    value: Fraction | None = None
    dual_ub: tuple[Fraction, ...] | None = None
    dual_eq: tuple[Fraction, ...] | None = None
    basis: tuple[int, ...] | None = None


# --------------------------------------------------------------------------------------
# Input conversion
# --------------------------------------------------------------------------------------


def _fraction(value: Any, name: str) -> Fraction:
    """One number by credal's parser; a float is taken at its exact binary value."""
    if type(value) is Fraction:
        return value
    x = parse_number(value, name)
    return x if isinstance(x, Fraction) else Fraction(x)


def _vector(values: Iterable[Any] | None, name: str) -> list[Fraction]:
    if values is None:
        return []
    return [_fraction(v, f"{name}[{i}]") for i, v in enumerate(values)]


def _matrix(rows: Iterable[Iterable[Any]] | None, n: int, name: str) -> list[list[Fraction]]:
    if rows is None:
        return []
    out = []
    for i, row in enumerate(rows):
        vec = _vector(row, f"{name}[{i}]")
        if len(vec) != n:
            raise InvalidArgumentError(
                f"{name}[{i}] has {len(vec)} entries but c has {n}; every row of {name} "
                f"needs one coefficient per variable"
            )
        out.append(vec)
    return out


def _bounds(values: Iterable[Any] | None, n: int, name: str) -> list[_Bound]:
    if values is None:
        return [None] * n
    out = [None if v is None else _fraction(v, f"{name}[{j}]") for j, v in enumerate(values)]
    if len(out) != n:
        raise InvalidArgumentError(
            f"{name} has {len(out)} entries but c has {n}; give one bound (or None) per variable"
        )
    return out


def _integer_scale(values: Sequence[Fraction]) -> tuple[int, list[int]]:
    """The smallest ``s > 0`` making ``s * values`` integral, and those integers."""
    s = common_denominator(values)
    return s, [int(v * s) for v in values]


# --------------------------------------------------------------------------------------
# The bounded-variable tableau
# --------------------------------------------------------------------------------------


class _Tableau:
    """Dense simplex tableau ``B^-1 M`` with bounded columns, stored fraction-free.

    The tableau entry in row ``i`` and column ``j`` is ``rows[i][j] / den``: the rows
    hold integers and ``den > 0`` is the absolute determinant of the current basis of
    the (integer) constraint matrix, whose initial basis is the identity. Cost rows
    (reduced costs) in ``cost_rows`` use the same denominator and are updated on
    every pivot; their signs are the signs of the reduced costs.

    Column ``j`` has bounds ``lo[j] <= x_j <= hi[j]`` (``None`` = infinite). Row ``i``
    has basic column ``basis[i]`` with current value ``beta[i]``; a non-basic column
    ``j`` has current value ``val[j]`` (a finite bound, or zero if free).
    """

    def __init__(
        self,
        rows: list[list[int]],
        basis: list[int],
        beta: list[Fraction],
        lo: list[_Bound],
        hi: list[_Bound],
        val: list[Fraction],
    ) -> None:
        self.rows = rows
        self.den = 1
        self.basis = basis
        self.beta = beta
        self.lo = lo
        self.hi = hi
        self.val = val
        self.row_of = [-1] * len(lo)
        for i, j in enumerate(basis):
            self.row_of[j] = i
        self.cost_rows: list[list[int]] = []

    def value(self, j: int) -> Fraction:
        r = self.row_of[j]
        return self.val[j] if r < 0 else self.beta[r]

    def entering(self, d: list[int], allowed: list[bool]) -> tuple[int, int] | None:
        """Bland's rule: the first improving column, as ``(column, direction)``."""
        lo, hi, val, row_of = self.lo, self.hi, self.val, self.row_of
        for j, dj in enumerate(d):
            if not dj or row_of[j] >= 0 or not allowed[j]:
                continue
            if dj < 0:
                hj = hi[j]
                if hj is None or val[j] < hj:
                    return j, 1
            else:
                lj = lo[j]
                if lj is None or val[j] > lj:
                    return j, -1
        return None

    def ratio_test(self, q: int, direction: int) -> tuple[Fraction | None, int, _Bound]:
        """Longest step along column ``q``, ties to the smallest basic index (Bland).

        Returns ``(step, row, bound)``. ``row == -1`` means column ``q`` reaches its own
        opposite bound first (a bound flip); ``step is None`` means the step is
        unlimited. ``bound`` is the value at which the leaving basic variable ends up.
        """
        lo, hi, beta, basis, den = self.lo, self.hi, self.beta, self.basis, self.den
        step: Fraction | None = None
        hq, lq = hi[q], lo[q]
        if direction > 0 and hq is not None:
            step = hq - self.val[q]
        elif direction < 0 and lq is not None:
            step = self.val[q] - lq
        best_row = -1
        best_bound: _Bound = None
        for i, row in enumerate(self.rows):
            a = row[q]
            if not a:
                continue
            b = basis[i]
            rate = -a if direction > 0 else a  # den * (change of x_b per unit step)
            if rate > 0:
                bound = hi[b]
                if bound is None:
                    continue
                limit = (bound - beta[i]) * den / rate
            else:
                bound = lo[b]
                if bound is None:
                    continue
                limit = (beta[i] - bound) * den / -rate
            if (
                step is None
                or limit < step
                or (limit == step and best_row >= 0 and b < basis[best_row])
            ):
                step, best_row, best_bound = limit, i, bound
        return step, best_row, best_bound

    def pivot(self, r: int, q: int) -> None:
        """Make column ``q`` basic in row ``r`` (tableau and cost rows only).

        Integer pivoting: with pivot ``p = rows[r][q]`` every other row becomes
        ``(row * p - row[q] * rows[r]) / den``, an exact division, and the new
        denominator is ``|p|`` (rows are negated when ``p < 0`` to keep it positive).
        """
        prow = self.rows[r]
        p = prow[q]
        div = self.den if p > 0 else -self.den
        for row in (*self.rows, *self.cost_rows):
            if row is prow:
                continue
            f = row[q]
            if f:
                row[:] = [(a * p - f * b) // div for a, b in zip(row, prow, strict=True)]
            elif p != div:
                row[:] = [a * p // div for a in row]
        if p < 0:
            prow[:] = [-a for a in prow]
        self.den = abs(p)
        self.row_of[self.basis[r]] = -1
        self.basis[r] = q
        self.row_of[q] = r

    def step(self, q: int, direction: int, step: Fraction, r: int, bound: _Bound) -> None:
        """Move column ``q`` by ``step`` and, unless ``r == -1``, pivot it into row ``r``."""
        new_value = self.val[q]
        if step:
            delta = step / self.den if direction > 0 else -step / self.den
            beta = self.beta
            for i, row in enumerate(self.rows):
                a = row[q]
                if a:
                    beta[i] -= delta * a
            new_value += step if direction > 0 else -step
        if r < 0:
            self.val[q] = new_value
            return
        leaving = self.basis[r]
        assert bound is not None and self.beta[r] == bound
        self.val[leaving] = bound
        self.beta[r] = new_value
        self.pivot(r, q)

    def optimise(self, d: list[int], allowed: list[bool]) -> str:
        """Run simplex iterations on cost row ``d``; ``"optimal"`` or ``"unbounded"``."""
        while True:
            choice = self.entering(d, allowed)
            if choice is None:
                return "optimal"
            q, direction = choice
            step, r, bound = self.ratio_test(q, direction)
            if step is None:
                return "unbounded"
            self.step(q, direction, step, r, bound)


# --------------------------------------------------------------------------------------
# Public entry point
# --------------------------------------------------------------------------------------


def rational_simplex(
    c: Iterable[Fraction | int],
    A_ub: Iterable[Iterable[Fraction | int]],
    b_ub: Iterable[Fraction | int],
    A_eq: Iterable[Iterable[Fraction | int]],
    b_eq: Iterable[Fraction | int],
    lower: Iterable[Fraction | int | None],
    upper: Iterable[Fraction | int | None],
) -> SimplexOutcome:
    """Solve a linear program exactly over the rationals.

    minimise ``c @ x`` subject to ``A_ub @ x <= b_ub``, ``A_eq @ x == b_eq`` and
    ``lower[j] <= x[j] <= upper[j]``.

    Parameters
    ----------
    c : sequence of Fraction
        Objective coefficients, one per variable (``n`` of them).
    A_ub : sequence of sequences of Fraction
        Inequality rows (``m1`` rows of ``n`` entries); may be empty.
    b_ub : sequence of Fraction
        Right-hand sides of the inequality rows (``m1`` entries).
    A_eq : sequence of sequences of Fraction
        Equality rows (``m2`` rows of ``n`` entries); may be empty. Redundant rows
        (duplicates, linear combinations of other rows) are allowed.
    b_eq : sequence of Fraction
        Right-hand sides of the equality rows (``m2`` entries).
    lower, upper : sequence of Fraction or None
        Bounds per variable; ``None`` means ``-inf`` (lower) or ``+inf`` (upper).

    Any entry may also be an ``int`` (or another exact rational); lists, tuples and
    numpy object arrays are accepted. The inputs are not modified.

    Returns
    -------
    SimplexOutcome
        ``status`` is ``"optimal"``, ``"infeasible"`` or ``"unbounded"``. When optimal,
        ``x`` is an optimal vertex, ``value == c @ x``, and ``dual_ub`` / ``dual_eq``
        are the dual values in the sign convention of ``scipy.optimize.linprog``
        marginals: ``dual_ub[i]`` is the derivative of the optimal value with respect to
        ``b_ub[i]`` (hence ``<= 0``) and ``dual_eq[i]`` that with respect to
        ``b_eq[i]``. They satisfy dual feasibility and complementary slackness exactly.
        A redundant equality row may get dual value 0.

    Raises
    ------
    InvalidArgumentError
        If the shapes disagree or an entry is not a finite rational number.

    Notes
    -----
    Two-phase bounded-variable primal simplex on a dense, fraction-free tableau, with
    Bland's smallest-index rule for both the entering and the leaving variable, so it
    terminates on degenerate problems and is deterministic. Bland's rule can take many
    pivots; the method is meant for problems of at most a few dozen rows and variables.

    Examples
    --------
    >>> res = rational_simplex([-1, -1], [[1, 2], [3, 1]], [4, 6], [], [], [0, 0],
    ...                        [None, None])
    >>> res.status, res.value, res.x
    ('optimal', Fraction(-14, 5), (Fraction(8, 5), Fraction(6, 5)))
    >>> res.dual_ub
    (Fraction(-2, 5), Fraction(-1, 5))
    """
    cost = _vector(c, "c")
    n = len(cost)
    a_ub = _matrix(A_ub, n, "A_ub")
    a_eq = _matrix(A_eq, n, "A_eq")
    rhs_ub = _vector(b_ub, "b_ub")
    rhs_eq = _vector(b_eq, "b_eq")
    if len(rhs_ub) != len(a_ub):
        raise InvalidArgumentError(
            f"b_ub has {len(rhs_ub)} entries but A_ub has {len(a_ub)} rows; they must match"
        )
    if len(rhs_eq) != len(a_eq):
        raise InvalidArgumentError(
            f"b_eq has {len(rhs_eq)} entries but A_eq has {len(a_eq)} rows; they must match"
        )
    lo_x = _bounds(lower, n, "lower")
    hi_x = _bounds(upper, n, "upper")
    if any(
        lb is not None and ub is not None and lb > ub for lb, ub in zip(lo_x, hi_x, strict=True)
    ):
        return SimplexOutcome("infeasible")

    m1, m2 = len(a_ub), len(a_eq)
    m = m1 + m2
    raw = a_ub + a_eq
    rhs = rhs_ub + rhs_eq

    # Start every variable at a finite bound (or zero when free).
    x0 = [
        lb if lb is not None else (ub if ub is not None else _ZERO)
        for lb, ub in zip(lo_x, hi_x, strict=True)
    ]
    residual = [
        b - sum((a * v for a, v in zip(row, x0, strict=True) if a and v), _ZERO)
        for row, b in zip(raw, rhs, strict=True)
    ]

    # Columns: n structural, m1 slacks, then one artificial per row the slacks cannot
    # cover (inequality rows with negative residual, and every equality row).
    art_rows = [i for i in range(m) if i >= m1 or residual[i] < 0]
    n_art = len(art_rows)
    n_cols = n + m1 + n_art
    art_col = {i: n + m1 + k for k, i in enumerate(art_rows)}
    # Row i is scaled by scale[i] > 0 to integer coefficients; its unit column (slack or
    # artificial) gets coefficient sign[i] = +-1, so that the scaled residual is >= 0
    # for its initial basic variable. Multiplying row i by sign[i] makes the initial
    # basis the identity.
    scale: list[int] = []
    sign = [-1 if residual[i] < 0 else 1 for i in range(m)]
    rows: list[list[int]] = []
    basis: list[int] = []
    beta: list[Fraction] = []
    for i in range(m):
        s, ints = _integer_scale(raw[i])
        scale.append(s)
        row = [sign[i] * v for v in ints] + [0] * (m1 + n_art)
        if i < m1:
            row[n + i] = sign[i]
        if i in art_col:
            row[art_col[i]] = 1
            basis.append(art_col[i])
        else:
            basis.append(n + i)
        rows.append(row)
        beta.append(sign[i] * s * residual[i])

    lo: list[_Bound] = lo_x + [_ZERO] * (m1 + n_art)
    hi: list[_Bound] = hi_x + [None] * (m1 + n_art)
    val = x0 + [_ZERO] * (m1 + n_art)
    tab = _Tableau(rows, basis, beta, lo, hi, val)
    allowed = [True] * (n + m1) + [False] * n_art  # artificials never (re-)enter

    # Phase II reduced costs w.r.t. the initial basis (all basic costs are zero),
    # scaled by cost_scale to integers.
    cost_scale, int_cost = _integer_scale(cost)
    d2 = int_cost + [0] * (m1 + n_art)
    tab.cost_rows.append(d2)

    if n_art:
        # Phase I: minimise the sum of the artificials.
        d1 = [0] * (n + m1) + [1] * n_art
        for i in art_rows:
            for j, v in enumerate(rows[i]):
                if v:
                    d1[j] -= v
        tab.cost_rows.append(d1)
        tab.optimise(d1, allowed)  # bounded below by zero, so always "optimal"
        tab.cost_rows.pop()
        if any(tab.beta[i] for i, j in enumerate(tab.basis) if j >= n + m1):
            return SimplexOutcome("infeasible")
        for j in range(n + m1, n_cols):
            hi[j] = _ZERO
        # Pivot zero-valued artificials out of the basis where possible; a row in which
        # no real column has a nonzero entry is redundant and stays inert (its
        # artificial is stuck at zero and never limits a step).
        for r in range(m):
            if tab.basis[r] < n + m1:
                continue
            row = tab.rows[r]
            for j in range(n + m1):
                if row[j] and tab.row_of[j] < 0:
                    leaving = tab.basis[r]
                    tab.beta[r] = tab.val[j]
                    tab.val[leaving] = _ZERO
                    tab.pivot(r, j)
                    break

    if tab.optimise(d2, allowed) == "unbounded":
        return SimplexOutcome("unbounded")

    x = tuple(tab.value(j) for j in range(n))
    value = sum((a * v for a, v in zip(cost, x, strict=True) if a and v), _ZERO)
    # Read the duals off the reduced costs of unit columns. Row i of the tableau's
    # matrix is sign[i] * scale[i] * (original row i); if y'_i is its dual, the dual of
    # the original row is y_i = sign[i] * scale[i] * y'_i. A slack column is
    # sign[i] * e_i there, with reduced cost -sign[i] * y'_i; an artificial column is
    # e_i, with reduced cost -y'_i. Reduced costs are stored times den * cost_scale.
    unit = [(n + i, 1) if i < m1 else (art_col[i], sign[i]) for i in range(m)]
    dual = [Fraction(-s * scale[i] * d2[j], tab.den * cost_scale) for i, (j, s) in enumerate(unit)]
    return SimplexOutcome("optimal", x, value, tuple(dual[:m1]), tuple(dual[m1:]),
                          tuple(tab.basis))

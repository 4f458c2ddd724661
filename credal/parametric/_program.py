"""From a family of credal sets to one linear program whose data are polynomials.

A family ``t -> CredalSet`` is read at sample points of the domain. At each point the set
is written as a linear program over its own representation (the same one every lower
expectation of the set uses): a lifted or plain H-form (variables ``z >= 0``, rows
``A_ub z <= b_ub``, ``A_eq z = b_eq``, bounds) or a V-form (mixture weights of its
points). That program is brought to standard form ``min c·x, M x = r, x >= 0`` (slack
variables, bound rows, linearly dependent equality rows dropped), and every number of
``c``, ``M`` and ``r`` is interpolated exactly (Newton's divided differences over
``Fraction``) as a polynomial in ``t``.

How polynomial dependence is detected
    ``max_degree + 3`` sample points (inside the domain, not at round numbers) are read;
    an entry is accepted when its divided differences of orders ``max_degree + 1`` and
    ``max_degree + 2`` vanish, that is when its interpolant through ``max_degree + 1``
    points predicts the other two exactly. The family is read again, and compared with
    the interpolant, at every point where the analysis later solves a linear program.
    A family whose data are rational but not polynomial functions of ``t`` (``1/t``),
    or not functions of the representation's data at all, fails one of these checks and
    is refused with :class:`~credal.errors.InvalidArgumentError`; a family that agrees
    with a polynomial at every point read but not in between (a piecewise definition
    whose pieces all fall between the samples) cannot be told apart and is not
    supported.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np

from .._core import numbers as nums
from .._core.linalg import rref_add
from .._core.types import NDArray
from ..errors import CredalError, EmptySetError, InvalidArgumentError
from ..sets import CredalSet
from ._algebra import Point

#: The family's data may be polynomials of at most this degree unless told otherwise.
MAX_DEGREE = 6
#: Programs with more rows are refused up front: at 1,023 rows (a TV ball over 10
#: outcomes, 2^n - 2 event rows) one analysis takes about 10 s, at 4,095 three minutes.
MAX_ROWS = 1_100


@dataclass(frozen=True)
class Snapshot:
    """One program before standard form, at one parameter value: objectives ``c``
    (``(k, N)``), rows over ``N`` nonnegative variables, and bounds (``upper`` entries
    may be None)."""

    kind: str
    c: NDArray
    A_ub: NDArray
    b_ub: NDArray
    A_eq: NDArray
    b_eq: NDArray
    lower: tuple[Any, ...]
    upper: tuple[Any, ...]

    @property
    def shape(self) -> tuple[Any, ...]:
        return (self.kind, self.c.shape, self.A_ub.shape, self.A_eq.shape,
                tuple(u is None for u in self.upper))


def _obj(values: Any, shape: tuple[int, ...]) -> NDArray:
    out = np.empty(shape, dtype=object)
    flat = [Fraction(v) for v in np.asarray(values, dtype=object).ravel()]
    out.ravel()[:] = flat if flat else out.ravel()
    return out


def snapshot(S: CredalSet, F: NDArray, *, zero_outcomes: NDArray | None = None,
             extra: Callable[[Snapshot, NDArray], Snapshot] | None = None) -> Snapshot:
    """The program of lower expectations of the gambles ``F`` (``(k, n)``) over ``S``.

    ``zero_outcomes`` (a boolean ``(n,)`` mask) adds rows forcing those outcomes' mass to
    0 (a face of the set); ``extra(snapshot, image)`` may add variables and rows, given
    the ``(n, N)`` map from variables to outcome masses."""
    form = S.representation
    n = S.n_outcomes
    region = form.region()
    if region is not None or form.constraint_rows() is not None:
        if region is not None:
            image = np.eye(n, dtype=object) if region.image is None else region.image
            A_ub, b_ub, A_eq, b_eq = region.A_ub, region.b_ub, region.A_eq, region.b_eq
            lower, upper = tuple(region.lower), tuple(region.upper)
            kind = f"{form.form_name}: region"
        else:
            h = form.constraint_rows()
            assert h is not None
            image = np.eye(n, dtype=object)
            A_ub, b_ub = h.A_ub, h.b_ub
            A_eq = np.vstack([h.A_eq.reshape(-1, n), np.ones((1, n), dtype=object)])
            b_eq = np.concatenate([h.b_eq, [Fraction(1)]])
            lower, upper = tuple(h.lower), tuple(h.upper)
            kind = f"{form.form_name}: constraints"
        N = image.shape[1]
    else:
        P = form.points()
        if P is None:
            raise InvalidArgumentError(
                f"a {form.form_name} set has neither constraints nor points to analyse; "
                f"write the family with CredalSet.from_constraints or from_vertices")
        image = np.asarray(P, dtype=object).T
        N = image.shape[1]
        A_ub, b_ub = np.zeros((0, N), dtype=object), np.zeros(0, dtype=object)
        A_eq, b_eq = np.ones((1, N), dtype=object), np.array([Fraction(1)], dtype=object)
        lower, upper = (Fraction(0),) * N, (None,) * N
        kind = f"{form.form_name}: points"
    c = _obj(np.asarray(F, dtype=object) @ image, (F.shape[0], N))
    if zero_outcomes is not None and zero_outcomes.any():
        # One row: the total mass outside. Every variable's image is nonnegative, so it
        # says the same as one row per outcome, and cannot be dependent on itself.
        outside = np.asarray(image[zero_outcomes], dtype=object).sum(axis=0).reshape(1, N)
        A_eq = np.vstack([np.asarray(A_eq, dtype=object).reshape(-1, N), outside])
        b_eq = np.concatenate([np.asarray(b_eq, dtype=object), [Fraction(0)]])
    snap = Snapshot(kind, c, _obj(A_ub, (len(b_ub), N)), _obj(b_ub, (len(b_ub),)),
                    _obj(A_eq, (len(b_eq), N)), _obj(b_eq, (len(b_eq),)),
                    tuple(None if v is None else Fraction(v) for v in lower),
                    tuple(None if v is None else Fraction(v) for v in upper))
    return snap if extra is None else extra(snap, _obj(image, image.shape))


@dataclass(frozen=True)
class Layout:
    """Which bound rows the standard form has and which equality rows it keeps: fixed
    once for the whole family, so that every point has the same standard form."""

    lower_rows: tuple[int, ...]
    upper_rows: tuple[int, ...]
    keep: tuple[int, ...] | None = None


def layout(snaps: Sequence[Snapshot]) -> Layout:
    N = snaps[0].c.shape[1]
    low = tuple(j for j in range(N) if any(s.lower[j] != 0 for s in snaps))
    up = tuple(j for j in range(N) if snaps[0].upper[j] is not None
               and any(s.upper[j] != 1 for s in snaps))
    return Layout(low, up)


def standard_form(s: Snapshot, lay: Layout) -> tuple[NDArray, NDArray, NDArray]:
    """``(c, M, r)``: ``min c[i]·x, M x = r, x >= 0``; columns are the variables, then a
    slack per ``A_ub`` row, a surplus per lower-bound row, a slack per upper-bound row."""
    N = s.c.shape[1]
    m1, m2 = len(s.b_ub), len(s.b_eq)
    nl, nu = len(lay.lower_rows), len(lay.upper_rows)
    cols = N + m1 + nl + nu
    M = np.full((m1 + m2 + nl + nu, cols), Fraction(0), dtype=object)
    M[:m1, :N] = s.A_ub
    M[:m1, N:N + m1] = _eye(m1)
    M[m1:m1 + m2, :N] = s.A_eq
    for k, j in enumerate(lay.lower_rows):
        M[m1 + m2 + k, j] = Fraction(1)
        M[m1 + m2 + k, N + m1 + k] = Fraction(-1)
    for k, j in enumerate(lay.upper_rows):
        M[m1 + m2 + nl + k, j] = Fraction(1)
        M[m1 + m2 + nl + k, N + m1 + nl + k] = Fraction(1)
    r = np.array(list(s.b_ub) + list(s.b_eq) + [s.lower[j] for j in lay.lower_rows]
                 + [s.upper[j] for j in lay.upper_rows], dtype=object)
    c = np.full((s.c.shape[0], cols), Fraction(0), dtype=object)
    c[:, :N] = s.c
    if lay.keep is not None:
        M, r = M[list(lay.keep)], r[list(lay.keep)]
    return c, M, r


def _eye(m: int) -> NDArray:
    E = np.full((m, m), Fraction(0), dtype=object)
    for i in range(m):
        E[i, i] = Fraction(1)
    return E


# --------------------------------------------------------------------------------------
# Interpolation
# --------------------------------------------------------------------------------------
def sample_points(lo: Fraction, hi: Fraction, count: int) -> list[Fraction]:
    """``count`` distinct rationals strictly inside ``(lo, hi)``, spread out, away from
    round numbers."""
    out = []
    for k in range(count):
        w = Fraction(2 * k + 1, 2 * count) + Fraction(1, 101 * (k + 2))
        out.append(lo + (hi - lo) * w)
    return out


def newton_coefficients(xs: Sequence[Fraction], Y: NDArray) -> NDArray:
    """Divided differences: row ``k`` of the result is ``[x_0, ..., x_k]`` of every
    column of ``Y`` (``(len(xs), E)`` object array)."""
    D = Y.copy()
    out = [D[0].copy()]
    for k in range(1, len(xs)):
        D = np.array([(D[i + 1] - D[i]) / (xs[i + k] - xs[i]) for i in range(len(D) - 1)],
                     dtype=object)
        out.append(D[0].copy())
    return np.array(out, dtype=object)


def monomial_coefficients(xs: Sequence[Fraction], newton: NDArray) -> NDArray:
    """Coefficients (lowest degree first) of the Newton form with nodes ``xs``."""
    d = len(newton) - 1
    E = newton.shape[1]
    C = np.full((d + 1, E), Fraction(0), dtype=object)
    for k in range(d, -1, -1):  # Horner: C <- C * (t - x_k) + newton[k]
        shifted = np.full((d + 1, E), Fraction(0), dtype=object)
        shifted[1:] = C[:-1]
        C = shifted - C * xs[k]
        C[0] = C[0] + newton[k]
    return C


@dataclass(frozen=True)
class ParametricLP:
    """``min c[i](t)·x, M(t) x = r(t), x >= 0`` with polynomial data, coefficient arrays
    lowest degree first: ``c`` ``(D+1, k, N)``, ``M`` ``(D+1, m, N)``, ``r`` ``(D+1, m)``.
    ``read(q)`` reads the family again at ``q`` and returns its standard form."""

    c: NDArray
    M: NDArray
    r: NDArray
    read: Callable[[Fraction], tuple[NDArray, NDArray, NDArray]]
    #: Points where equality rows dropped as dependent may not be (solved separately,
    #: with every row), and the data with every row.
    special: tuple[Point, ...] = ()
    M_all: NDArray | None = None
    r_all: NDArray | None = None

    @property
    def shape(self) -> tuple[int, int]:
        return int(self.M.shape[1]), int(self.M.shape[2])

    def at(self, q: Fraction) -> tuple[NDArray, NDArray, NDArray]:
        return horner(self.c, q), horner(self.M, q), horner(self.r, q)

    def checked_at(self, q: Fraction) -> tuple[NDArray, NDArray, NDArray, bool]:
        """The data at ``q``, after checking the family itself gives the same there; the
        last item says the family found its set empty at ``q`` (then nothing is
        compared: the program's own feasibility decides)."""
        mine = self.at(q)
        try:
            theirs = self.read(q)
        except EmptySetError:
            return (*mine, True)
        for a, b, name in zip(mine, theirs, ("objective", "constraint matrix",
                                             "right-hand side"), strict=True):
            if a.shape != b.shape or not (a == b).all():
                raise InvalidArgumentError(
                    f"family is not polynomial in its parameter: its {name} at "
                    f"{q} differs from the polynomial through the sample "
                    f"points. Write the family's numbers as polynomials in the "
                    f"parameter (or raise max_degree=)")
        return (*mine, False)


def horner(C: NDArray, q: Fraction) -> NDArray:
    """``sum_k C[k] q^k`` (coefficient arrays lowest degree first); only the entries
    that are not constant are evaluated."""
    out: NDArray = C[0].copy()
    if len(C) == 1:
        return out
    moving = (C[1:] != 0).any(axis=0)
    if moving.any():
        sub = C[:, moving]
        val = sub[-1]
        for k in range(len(C) - 2, -1, -1):
            val = val * q + sub[k]
        out[moving] = val
    return out


def build(read_snapshot: Callable[[Fraction], Snapshot], lo: Fraction, hi: Fraction,
          max_degree: int) -> ParametricLP:
    """Sample, lay out and interpolate a family of programs over ``[lo, hi]``."""
    need = max_degree + 3
    pool = sample_points(lo, hi, 4 * need)
    order = [i for k in range(4) for i in range(k, len(pool), 4)]  # spread out first
    xs, snaps = [], []
    failure: EmptySetError | None = None
    for i in order:  # points where the family is empty are skipped (it may be empty
        try:         # on part of the domain: the analysis then says exactly where)
            snaps.append(read_snapshot(pool[i]))
            xs.append(pool[i])
        except EmptySetError as exc:
            failure = exc
        if len(xs) == need:
            break
    if len(xs) < need:
        assert failure is not None
        raise failure
    pairs = sorted(zip(xs, snaps, strict=True), key=lambda p: p[0])
    xs = [x for x, _ in pairs]
    snaps = [s for _, s in pairs]
    first = snaps[0]
    for x, s in zip(xs, snaps, strict=True):
        if s.shape != first.shape:
            raise InvalidArgumentError(
                f"family changes the form or size of its sets inside the domain: at "
                f"{xs[0]} it gives {first.kind} with {first.c.shape[1]} "
                f"variables, at {x} {s.kind} with {s.c.shape[1]}; split the "
                f"domain where the form changes")
    lay = layout(snaps)
    rows = len(first.b_ub) + len(first.b_eq) + len(lay.lower_rows) + len(lay.upper_rows)
    if rows > MAX_ROWS:
        raise InvalidArgumentError(
            f"family's sets ({first.kind}) need a linear program of {rows} rows; the "
            f"exact analysis is refused above {MAX_ROWS} rows (at 1,023 rows it takes "
            f"about 10 s, at 4,095 minutes). Use fewer outcomes, or a form with fewer "
            f"constraints (a TV ball over n outcomes has 2^n - 2 event rows; contamination "
            f"and probability intervals have n)")
    forms = [standard_form(s, lay) for s in snaps]  # every row
    shapes = [a.shape for a in forms[0]]
    Y = np.array([np.concatenate([a.ravel() for a in f]) for f in forms], dtype=object)
    C = _interpolate(xs, Y, max_degree, lo, hi)
    parts = []
    start = 0
    for shape in shapes:
        size = int(np.prod(shape))
        parts.append(C[:, start:start + size].reshape((len(C),) + tuple(shape)))
        start += size
    c_all, M_all, r_all = parts
    # Equality rows dependent at a generic point (the first sample) are dropped: the
    # other rows (inequalities, bounds) have their own slack columns and cannot be.
    m1, m2 = len(first.b_ub), len(first.b_eq)
    n_var = first.c.shape[1]
    M0, r0 = forms[0][1], forms[0][2]
    eq = list(range(m1, m1 + m2))
    basis: list[list[Fraction]] = []
    pivots: list[int] = []
    kept_eq = [i for i in eq if rref_add(list(M0[i, :n_var]) + [r0[i]], basis, pivots)]
    dropped = len(kept_eq) < len(eq)
    keep = tuple(i for i in range(M0.shape[0]) if i not in eq or i in kept_eq)
    lay = Layout(lay.lower_rows, lay.upper_rows, keep)
    special: tuple[Point, ...] = ()
    if dropped:
        special = _special_points(M_all, r_all, kept_eq, pivots, n_var, lo, hi)

    def read(q: Fraction) -> tuple[NDArray, NDArray, NDArray]:
        s = read_snapshot(q)
        if s.shape != first.shape:
            raise InvalidArgumentError(
                f"family changes the form or size of its sets inside the domain: at "
                f"{q} it gives {s.kind} with {s.c.shape[1]} variables and "
                f"{len(s.b_ub) + len(s.b_eq)} rows, elsewhere {first.kind} with "
                f"{first.c.shape[1]} and {len(first.b_ub) + len(first.b_eq)}; write every "
                f"set of the family in one form whose size does not change (a set given by "
                f"constraints may have a number of vertices that changes with t)")
        return standard_form(s, lay)

    idx = list(keep)
    return ParametricLP(c_all, M_all[:, idx], r_all[:, idx], read, special, M_all, r_all)


def _interpolate(xs: Sequence[Fraction], Y: NDArray, max_degree: int, lo: Fraction,
                 hi: Fraction) -> NDArray:
    """Monomial coefficients ``(D+1, E)`` of the columns of ``Y`` (``(len(xs), E)``),
    refused unless every column is a polynomial of degree at most ``max_degree``."""
    E = Y.shape[1]
    moving = np.flatnonzero(~(Y == Y[0]).all(axis=0))
    C = np.full((1, E), Fraction(0), dtype=object)
    C[0] = Y[0]
    if len(moving) == 0:
        return C
    newton = newton_coefficients(xs, Y[:, moving])
    if any(v != 0 for v in newton[max_degree + 1:].ravel()):
        raise InvalidArgumentError(
            f"family is not polynomial in its parameter: the numbers of its sets at "
            f"{len(xs)} points of [{lo}, {hi}] (from {xs[0]} to {xs[-1]}) are not the "
            f"values of polynomials of degree at most {max_degree}. Write them as "
            f"polynomials in the parameter (ints, Fractions and the parameter, with + - * "
            f"and integer powers), or pass a larger max_degree=")
    Cm = monomial_coefficients(xs[:max_degree + 1], newton[:max_degree + 1])
    while len(Cm) > 1 and all(v == 0 for v in Cm[-1]):
        Cm = Cm[:-1]
    out = np.full((len(Cm), E), Fraction(0), dtype=object)
    out[0] = Y[0]
    out[:, moving] = Cm
    return out


def _special_points(M: NDArray, r: NDArray, rows: list[int], pivots: list[int], n_var: int,
                    lo: Fraction, hi: Fraction) -> tuple[Point, ...]:
    """Where the kept equality rows may stop implying the dropped ones: the real roots in
    ``[lo, hi]`` of the determinant of the kept rows on their pivot columns (``r`` as the
    column after the variables)."""
    from sympy.polys.matrices import DomainMatrix

    from ._algebra import K, poly, roots_between, sign_at

    def entry(i: int, j: int) -> Any:
        C = M[:, i, j] if j < n_var else r[:, i]
        return poly(list(C))

    k = len(rows)
    mu = DomainMatrix([[entry(i, j) for j in pivots] for i in rows], (k, k), K).det()
    P_lo, P_hi = Point.rational(lo), Point.rational(hi)
    ends = [x for x in (P_lo, P_hi) if sign_at(mu, x) == 0]
    return tuple(ends + roots_between(mu, P_lo, P_hi))


def call_family(family: Callable[[Any], Any], x: Fraction, want: type, what: str) -> Any:
    """``family(x)``, which must be a ``want``; errors name the point."""
    try:
        out = family(x)
    except CredalError as exc:
        kind = EmptySetError if isinstance(exc, EmptySetError) else InvalidArgumentError
        raise kind(
            f"family({x}) raised {type(exc).__name__}: {exc}. The family must "
            f"give {what} at every point of the domain; shrink the domain") from None
    if not isinstance(out, want):
        raise InvalidArgumentError(
            f"family must return {what}, but family({x}) returned "
            f"{type(out).__name__}: {nums.show(out)}")
    return out


__all__ = ["MAX_DEGREE", "ParametricLP", "Snapshot", "build", "call_family", "horner",
           "snapshot"]

"""Many small float LPs advanced in lockstep by one batched dense revised simplex.

A sequential decision problem asks the same ``L`` small programs again and again with new
costs (one program per state-action pair, a new cost at every step of value iteration).
One HiGHS re-solve per program costs a fraction of a millisecond, almost all of it
per-call overhead; one block-diagonal program per step is no faster (its pivots dominate).
Here the ``L`` programs, brought to the standard form

    minimise c'·z   subject to   A z = b,   z >= 0,

are stacked into ``(L, m, N)`` arrays and every step of the revised primal simplex is
taken for all of them at once with numpy: the reduced costs, the pricing, the ratio test
and a rank-one update of each program's explicit basis inverse (the revised simplex method:
V. Chvátal, *Linear Programming*, Freeman, 1983). Each program starts from its last optimal basis,
which stays primal feasible when only the cost changes, so a re-solve after a small change
of the costs takes a few pivots. Programs that reach their optimum drop out of the batch.

Nothing is handed back on trust: every answer is *certified* afterwards with a freshly
computed basis inverse (:meth:`LockstepSimplex.solve`), and the caller re-solves whatever is
not certified with an ordinary backend. The module knows nothing about credal sets, and
solves float programs only.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from .._core.frozen import readonly
from .._core.numbers import show
from .._core.types import NDArray
from ..errors import InvalidArgumentError
from ..tolerance import LP_TOLERANCE
from ._problem import LinearProgram

__all__ = ["LockstepSimplex", "StandardForm", "lockstep_groups", "standard_form"]

#: A column enters only through a pivot element larger than this times the largest entry
#: of its transformed column (and than this in absolute value).
PIVOT_TOLERANCE = 1e-9
#: The basis inverses are recomputed from the basis every ``m`` pivots (``m`` rows), which
#: bounds the error the rank-one updates accumulate.
REFACTOR_EVERY_ROWS = 1

#: Programs with more rows (in standard form) than this are left to an ordinary backend:
#: the dense inverses cost O(m^3) each to recompute, and a cold start takes O(m) pivots of
#: O(m N) each. Measured on natural extensions of k random lower previsions over n
#: outcomes (m = k + 1 rows), re-solved with correlated costs: the lockstep simplex takes
#: 3 to 15 times less per program than one warm HiGHS re-solve each at m <= 31, twice less
#: at m = 51 to 65, and far more at m = 101 (where numpy's inverses dominate).
LOCKSTEP_MAX_ROWS = 64
#: At most this many entries of ``[A | I]`` (L m (N + m) float64) per solver: larger
#: groups are split into several solvers (32 MB each).
GROUP_MAX_ENTRIES = 1 << 22

_OPTIMAL, _UNBOUNDED, _LIMIT, _SINGULAR = 0, 1, 2, 3


@dataclass(frozen=True)
class StandardForm:
    """A float :class:`LinearProgram` ``min c·x : A_ub x <= b_ub, A_eq x = b_eq, lower <= x
    <= upper`` written as ``min c'·z : A z = b, z >= 0``.

    Each variable is shifted onto its finite bound, ``x = offset + sign * z[:n]``
    (``sign = 1`` and ``offset = lower`` when the lower bound is finite, ``sign = -1`` and
    ``offset = upper`` when only the upper one is); each ``A_ub`` row gets a slack; a
    finite upper bound of a variable with a finite lower bound becomes a row with a slack,
    unless a row whose coefficients are all nonnegative already implies it (``a·z <= b``,
    ``a >= 0``, so ``z_j <= b / a_j``; ``sum(p) = 1`` implies ``p_j <= 1``). So
    ``c' = (sign * c, 0, ..., 0)`` and ``c·x = c'·z + c·offset``.

    Attributes
    ----------
    A : (m, N) float64
        Rows: the ``A_ub`` rows, the ``A_eq`` rows, the upper-bound rows.
    b : (m,) float64
    sign, offset : (n,) float64
    lower, upper : (n,) float64
        The program's own bounds (``±inf`` where there is none), against which the
        answers are checked.
    """

    A: NDArray
    b: NDArray
    sign: NDArray
    offset: NDArray
    lower: NDArray
    upper: NDArray

    @property
    def shape(self) -> tuple[int, int, int]:
        """``(n, m, N)``: original variables, rows, standard-form variables."""
        return int(self.sign.shape[0]), int(self.A.shape[0]), int(self.A.shape[1])


def standard_form(lp: LinearProgram) -> StandardForm | None:
    """The standard form of a float program (see :class:`StandardForm`), or ``None`` when
    it is not one this module solves: an exact program, or one with a free variable.
    O((m + n) n)."""
    if lp.exact:
        return None
    n = lp.n_variables
    lower, upper = lp.lower, lp.upper  # float64, +-inf where unbounded
    lo_ok = lower > -np.inf
    A_ub, b_ub, A_eq, b_eq = lp.A_ub, lp.b_ub, lp.A_eq, lp.b_eq
    if lo_ok.all():  # the common case: no variable to negate
        sign, offset = np.ones(n), lower
    else:
        up_ok = upper < np.inf
        if not (lo_ok | up_ok).all():
            return None
        sign = np.where(lo_ok, 1.0, -1.0)
        offset = np.where(lo_ok, lower, upper)
        A_ub, A_eq = A_ub * sign, A_eq * sign
    if offset.any():
        b_ub, b_eq = b_ub - lp.A_ub @ offset, b_eq - lp.A_eq @ offset
    m1, m2 = A_ub.shape[0], A_eq.shape[0]
    # Upper bounds z_j <= upper_j - lower_j, kept unless a row implies them.
    width = upper - offset if lo_ok.all() else np.where(lo_ok, upper - lower, np.inf)
    bounded = np.flatnonzero(width < np.inf)
    if bounded.size:
        rows = np.concatenate([A_ub, A_eq]) if m1 and m2 else (A_ub if m1 else A_eq)
        rhs = np.concatenate([b_ub, b_eq])
        nonneg = (rows >= 0).all(axis=1) & (rhs >= 0)
        if nonneg.any():
            R = rows[nonneg][:, bounded]
            with np.errstate(divide="ignore", invalid="ignore"):
                implied = np.where(R > 0, rhs[nonneg][:, None] / R, np.inf).min(axis=0)
            bounded = bounded[width[bounded] < implied]
    k = bounded.shape[0]
    m, N = m1 + m2 + k, n + m1 + k
    A = np.zeros((m, N))
    A[:m1, :n] = A_ub
    A[m1:m1 + m2, :n] = A_eq
    if k:
        A[m1 + m2 + np.arange(k), bounded] = 1.0
        A[m1 + m2 + np.arange(k), n + m1 + np.arange(k)] = 1.0
    A[np.arange(m1), n + np.arange(m1)] = 1.0
    b = np.concatenate([b_ub, b_eq, width[bounded]])
    if not (np.isfinite(A).all() and np.isfinite(b).all()):
        return None
    return StandardForm(readonly(A), readonly(b), readonly(sign), readonly(offset),
                        readonly(lower), readonly(upper))


def lockstep_groups(programs: Sequence[LinearProgram]) -> tuple[
        list[tuple[NDArray, LockstepSimplex]], NDArray]:
    """The programs that :class:`LockstepSimplex` solves, grouped by the shape of their
    standard form (a group of more than :data:`GROUP_MAX_ENTRIES` entries is split).

    Returns
    -------
    groups : list of ((k,) int array, LockstepSimplex)
        The positions in ``programs`` of each group's programs, in order, and their solver.
    others : (r,) int array
        The positions of the programs left to an ordinary backend: exact ones, those with
        a free variable, and those with no rows or more than :data:`LOCKSTEP_MAX_ROWS` rows
        in standard form.
    """
    by_shape: dict[tuple[int, int, int], list[tuple[int, StandardForm]]] = {}
    others: list[int] = []
    for i, lp in enumerate(programs):
        sf = standard_form(lp)
        if sf is None or not 0 < sf.shape[1] <= LOCKSTEP_MAX_ROWS:
            others.append(i)
        else:
            by_shape.setdefault(sf.shape, []).append((i, sf))
    groups = []
    for (_, m, N), members in by_shape.items():
        size = max(1, GROUP_MAX_ENTRIES // (m * (N + m)))
        for start in range(0, len(members), size):
            chunk = members[start:start + size]
            groups.append((np.array([i for i, _ in chunk], dtype=np.intp),
                           LockstepSimplex([sf for _, sf in chunk])))
    return groups, np.array(others, dtype=np.intp)


class LockstepSimplex:
    """``L`` programs in standard form of one shape, solved together for new costs.

    Parameters
    ----------
    forms : sequence of StandardForm, length L >= 1
        All of one :attr:`StandardForm.shape` ``(n, m, N)``.
    max_iterations : int, optional
        Pivots per phase and call after which the programs not yet optimal are given up
        (not certified). Default ``20 (m + N) + 100``.

    Notes
    -----
    Revised primal simplex, all programs at once, each with its own explicit basis
    inverse ``B^-1`` (an ``(L, m, m)`` array):

    * pricing: ``y = c_B B^-1``, reduced costs ``d = c - y A``; the entering column is the
      most negative ``d_j`` (Dantzig's rule), or, for a program whose last step was
      degenerate (a step of length 0), the first negative one, with ties in the ratio test
      broken by the smallest basic index (Bland's rule, which cannot cycle: R. G. Bland,
      New finite pivoting rules for the simplex method, *Math. Oper. Res.* 2, 1977);
    * the ratio test in two passes (P. M. J. Harris, Pivot selection methods of the Devex
      LP code, *Math. Programming* 5, 1973): the largest step that keeps every basic
      variable above ``-tol_p``, then among the rows that bound it the largest pivot;
    * ``B^-1`` is updated by a rank-one product-form step and recomputed with
      :func:`numpy.linalg.inv` every ``m`` pivots.

    A program with no basis yet (the first call, or after an answer that was not
    certified) starts with phase 1: artificial variables on the rows without a usable
    slack, their sum minimised; artificials left basic at level zero are pivoted out where
    a real column allows it (otherwise the row is redundant and the artificial stays, at
    zero: artificials never re-enter). Later calls start from the last optimal basis.

    The answer of a program is *certified* when, with ``B^-1`` recomputed from its final
    basis, ``x_B = B^-1 b`` has no entry below ``-tol_p``, the point ``z`` (``x_B`` clipped
    at 0) satisfies ``|A z - b| <= tol_p`` and the program's own bounds within ``tol_p``,
    the reduced costs ``d = c' - y A`` with ``y = c_B B^-1`` are all ``>= -tol_d``, and the
    duality gap ``|c'·z - y·b| <= tol_d max(1, |z|_1)``; here ``tol_p = LP_TOLERANCE
    max(1, |b|_inf)`` and ``tol_d = LP_TOLERANCE max(1, |c'|_inf)``
    (:data:`credal.tolerance.LP_TOLERANCE`, 1e-9). Every check is made on the data itself,
    not through ``B^-1``, so a poor inverse cannot certify a wrong answer: by weak duality
    every feasible ``z*`` has ``c'·z* = y·b + d·z* >= y·b - tol_d |z*|_1``, so a certified
    value is above the optimum by at most the gap plus ``tol_d |z*|_1``, for a point
    feasible within ``tol_p``.

    Cost per pivot: O(L m N) for the pricing, O(L m^2) for the update; the programs that
    are optimal are dropped from the arrays. Memory O(L m (N + m)).
    """

    def __init__(self, forms: Sequence[StandardForm], *,
                 max_iterations: int | None = None) -> None:
        forms = list(forms)
        if not forms:
            raise InvalidArgumentError(
                "forms must hold at least one StandardForm, got an empty sequence")
        shape = forms[0].shape
        for i, sf in enumerate(forms):
            if sf.shape != shape:
                raise InvalidArgumentError(
                    f"forms must all have one shape (n, m, N): forms[0] has {shape} and "
                    f"forms[{i}] has {sf.shape}; group them with lockstep_groups")
        n, m, N = shape
        if m == 0:
            raise InvalidArgumentError(
                "forms have no rows: a program with bounds only needs no simplex; solve it "
                "with an ordinary backend (lockstep_groups leaves it out)")
        L = len(forms)
        if max_iterations is None:
            max_iterations = 20 * (m + N) + 100
        elif isinstance(max_iterations, bool) or not isinstance(max_iterations, int) or \
                max_iterations < 1:
            raise InvalidArgumentError(
                f"max_iterations must be a positive int, got {show(max_iterations)}")
        self.n, self.m, self.N, self.L = n, m, N, L
        self.max_iterations = max_iterations
        A = np.stack([sf.A for sf in forms])
        b = np.stack([sf.b for sf in forms])
        flip = np.where(b < 0, -1.0, 1.0)  # rows with b >= 0, for phase 1
        A *= flip[:, :, None]
        b *= flip
        # The columns [A | I]: the last m are the artificials.
        self._A = np.concatenate([A, np.broadcast_to(np.eye(m), (L, m, m))], axis=2)
        self._b = b
        self._sign = np.stack([sf.sign for sf in forms])
        self._offset = np.stack([sf.offset for sf in forms])
        self._lower = np.stack([sf.lower for sf in forms])
        self._upper = np.stack([sf.upper for sf in forms])
        self._tol_p = LP_TOLERANCE * np.maximum(1.0, np.abs(b).max(axis=1, initial=0.0))
        # A unit column (one entry, 1.0) can start phase 1 basic in its row.
        start = N + np.tile(np.arange(m), (L, 1))
        unit = ((A != 0).sum(axis=1) == 1) & (A.max(axis=1) == 1.0)  # (L, N)
        ls, js = np.nonzero(unit)  # by program, then column
        rs = A[ls, :, js].argmax(axis=1)
        _, first = np.unique(ls * m + rs, return_index=True)  # the first column per row
        start[ls[first], rs[first]] = js[first]
        self._start = start
        self._basis = start.copy()
        self._warm = np.zeros(L, dtype=bool)
        #: Pivots each program took in the last call of :meth:`solve` (both phases).
        self.pivots = np.zeros(L, dtype=np.int64)

    # -- the public call ---------------------------------------------------------------
    def solve(self, costs: NDArray) -> tuple[NDArray, NDArray, NDArray]:
        """Minimise ``costs[i]·x`` over program ``i``, for every ``i`` at once.

        Parameters
        ----------
        costs : (L, n) array_like of float
            One cost vector per program, over its original variables.

        Returns
        -------
        values : (L,) float64
            ``costs[i]·x[i]``; NaN where not certified.
        x : (L, n) float64
            A certified optimal point of each program; NaN rows where not certified.
        certified : (L,) bool
            Which answers passed the certification (see the class notes); the others
            (an infeasible or unbounded program, an iteration limit, a numerical failure)
            are for an ordinary backend to solve or to report.

        Raises
        ------
        InvalidArgumentError
            ``costs`` not of shape ``(L, n)`` or not finite.
        """
        C = np.asarray(costs, dtype=np.float64)
        if C.shape != (self.L, self.n):
            raise InvalidArgumentError(
                f"costs must have shape ({self.L}, {self.n}): one cost vector over the "
                f"{self.n} variables for each of the {self.L} programs, got shape {C.shape}")
        if not np.isfinite(C).all():
            raise InvalidArgumentError(
                f"costs must be finite, got {show(C, 80)}: remove NaN and infinite entries")
        n, m, N = self.n, self.m, self.N
        cost = np.zeros((self.L, N + m))
        cost[:, :n] = C * self._sign
        self.pivots[:] = 0
        feasible = np.ones(self.L, dtype=bool)
        cold = np.flatnonzero(~self._warm)
        if cold.size:
            feasible[cold] = self._phase1(cold)
        run = np.flatnonzero(feasible)
        values = np.full(self.L, np.nan)
        x = np.full((self.L, n), np.nan)
        certified = np.zeros(self.L, dtype=bool)
        self._warm[:] = False
        if run.size:
            tol_d = LP_TOLERANCE * np.maximum(1.0, np.abs(cost[run]).max(axis=1))
            basis, status = _simplex(self._A[run], self._b[run], cost[run],
                                     self._basis[run], N, tol_d, self._tol_p[run],
                                     self.max_iterations, self.pivots, run)
            self._basis[run] = basis
            done = run[status == _OPTIMAL]
            if done.size:
                ok, z = self._certify(done, cost[done])
                good = done[ok]
                x[good] = self._offset[good] + self._sign[good] * z[ok, :n]
                values[good] = np.einsum("ij,ij->i", C[good], x[good])
                certified[good] = True
                self._warm[good] = True
        return values, x, certified

    # -- phases ------------------------------------------------------------------------
    def _phase1(self, idx: NDArray) -> NDArray:
        """Bring the programs ``idx`` to a feasible basis (stored); which ones have one."""
        N, m = self.N, self.m
        A, b = self._A[idx], self._b[idx]
        cost = np.zeros((idx.size, N + m))
        cost[:, N:] = 1.0
        tol_p = self._tol_p[idx]
        basis, status = _simplex(A, b, cost, self._start[idx].copy(), N,
                                 np.full(idx.size, LP_TOLERANCE), tol_p,
                                 self.max_iterations, self.pivots, idx)
        Binv, ok = _inverses(_columns(A, basis))
        xB = _matvec(Binv, b)
        art = basis >= N
        infeasibility = np.where(art, np.abs(xB), 0.0).sum(axis=1)
        ok &= (status == _OPTIMAL) & (infeasibility <= m * tol_p)
        # Pivot artificials left basic (at level zero) out where a real column allows it;
        # one that cannot leave marks a redundant row and stays, at zero.
        stuck = np.zeros(basis.shape, dtype=bool)
        for _ in range(m):
            art = (basis >= N) & ~stuck & ok[:, None]
            rows = np.flatnonzero(art.any(axis=1))
            if not rows.size:
                break
            r = art[rows].argmax(axis=1)
            T = np.einsum("ki,kin->kn", Binv[rows, r], A[rows, :, :N])
            isbasic = np.zeros((rows.size, N + m), dtype=bool)
            np.put_along_axis(isbasic, basis[rows], True, axis=1)
            T[isbasic[:, :N]] = 0.0
            j = np.abs(T).argmax(axis=1)
            big = np.abs(T[np.arange(rows.size), j]) > 1e3 * PIVOT_TOLERANCE
            stuck[rows[~big], r[~big]] = True
            moved = rows[big]
            if moved.size:
                basis[moved, r[big]] = j[big]
                Binv[moved], inv_ok = _inverses(_columns(A[moved], basis[moved]))
                ok[moved[~inv_ok]] = False
        self._basis[idx] = basis
        return ok

    def _certify(self, idx: NDArray, cost: NDArray) -> tuple[NDArray, NDArray]:
        """Check the final bases of the programs ``idx`` (see the class notes); which are
        certified, and the points ``z`` ``(k, N)``."""
        N, n = self.N, self.n
        A, b, basis = self._A[idx], self._b[idx], self._basis[idx]
        tol_p = self._tol_p[idx]
        tol_d = LP_TOLERANCE * np.maximum(1.0, np.abs(cost).max(axis=1))
        Binv, ok = _inverses(_columns(A, basis))
        xB = _matvec(Binv, b)
        ok &= (xB >= -tol_p[:, None]).all(axis=1)
        z = np.zeros((idx.size, N + self.m))
        np.put_along_axis(z, basis, np.maximum(xB, 0.0), axis=1)
        zr = z[:, :N]
        residual = np.abs(_matvec(A[:, :, :N], zr) - b).max(axis=1)
        ok &= residual <= tol_p
        y = np.einsum("ki,kij->kj", np.take_along_axis(cost, basis, axis=1), Binv)
        d = cost[:, :N] - np.einsum("ki,kin->kn", y, A[:, :, :N])
        ok &= (d >= -tol_d[:, None]).all(axis=1)
        gap = np.abs(np.einsum("ij,ij->i", cost[:, :N], zr) - np.einsum("ij,ij->i", y, b))
        ok &= gap <= tol_d * np.maximum(1.0, zr.sum(axis=1))
        x = self._offset[idx] + self._sign[idx] * zr[:, :n]
        slack_p = tol_p[:, None] * np.maximum(1.0, np.abs(x))
        with np.errstate(invalid="ignore"):
            ok &= ((x >= self._lower[idx] - slack_p) & (x <= self._upper[idx] + slack_p)).all(
                axis=1)
        ok &= np.isfinite(zr).all(axis=1)
        return ok, zr


# -- the batched simplex ---------------------------------------------------------------
def _columns(A: NDArray, basis: NDArray) -> NDArray:
    """The basis matrices ``A[k][:, basis[k]]``: ``(k, m, m)``."""
    B: NDArray = np.take_along_axis(A, basis[:, None, :], axis=2)
    return B


def _matvec(M: NDArray, v: NDArray) -> NDArray:
    out: NDArray = np.einsum("kij,kj->ki", M, v)
    return out


def _inverses(B: NDArray) -> tuple[NDArray, NDArray]:
    """``B^-1`` for each matrix of the stack, and which were invertible (finite, and not
    singular to working precision)."""
    k, m, _ = B.shape
    ok = np.ones(k, dtype=bool)
    try:
        Binv: NDArray = np.linalg.inv(B)
    except np.linalg.LinAlgError:
        Binv = np.zeros_like(B)
        for i in range(k):
            try:
                Binv[i] = np.linalg.inv(B[i])
            except np.linalg.LinAlgError:
                ok[i] = False
                Binv[i] = np.eye(m)
    ok &= np.isfinite(Binv).all(axis=(1, 2))
    Binv[~ok] = np.eye(m)
    return Binv, ok


def _simplex(A: NDArray, b: NDArray, cost: NDArray, basis: NDArray, n_real: int,
             tol_d: NDArray, tol_p: NDArray, max_iterations: int, pivots: NDArray,
             origin: NDArray) -> tuple[NDArray, NDArray]:
    """Run the revised primal simplex on ``k`` programs at once from the feasible bases
    ``basis`` ``(k, m)``: ``A`` ``(k, m, n_real + m)`` (the last ``m`` columns are
    artificials, which never enter), ``b`` ``(k, m)``, ``cost`` ``(k, n_real + m)``.
    Returns the final bases and a status per program; adds the pivots taken to
    ``pivots[origin]``."""
    k, m, _ = A.shape
    out_basis = basis.copy()
    status = np.full(k, _LIMIT, dtype=np.int8)
    pos = np.arange(k)  # local row -> position in the inputs
    basis = basis.copy()
    Binv, inv_ok = _inverses(_columns(A, basis))
    if not inv_ok.all():
        status[~inv_ok] = _SINGULAR
        keep = np.flatnonzero(inv_ok)
        A, b, cost, basis, Binv = A[keep], b[keep], cost[keep], basis[keep], Binv[keep]
        tol_d, tol_p, pos = tol_d[keep], tol_p[keep], pos[keep]
    xB = np.maximum(_matvec(Binv, b), 0.0)
    isbasic = np.zeros((pos.size, n_real), dtype=bool)
    real = basis < n_real
    isbasic[np.nonzero(real)[0], basis[real]] = True
    bland = np.zeros(pos.size, dtype=bool)
    taken = np.zeros(k, dtype=np.int64)
    since_refactor = 0
    for _ in range(max_iterations):
        if not pos.size:
            break
        kk = pos.size
        ar = np.arange(kk)
        cB = np.take_along_axis(cost, basis, axis=1)
        y = np.einsum("ki,kij->kj", cB, Binv)
        Ar = A[:, :, :n_real]
        d = cost[:, :n_real] - np.einsum("ki,kin->kn", y, Ar)
        d[isbasic] = np.inf
        improving = d < -tol_d[:, None]
        optimal = ~improving.any(axis=1)
        q = np.where(bland, improving.argmax(axis=1), d.argmin(axis=1))
        col = A[ar, :, q]
        alpha = _matvec(Binv, col)
        ptol = PIVOT_TOLERANCE * np.maximum(1.0, np.abs(alpha).max(axis=1))
        eligible = alpha > ptol[:, None]
        unbounded = ~eligible.any(axis=1) & ~optimal
        safe = np.where(eligible, alpha, 1.0)
        # Harris's two passes: the largest step keeping x_B >= -tol_p, then the largest
        # pivot among the rows that block before it; Bland: the smallest ratio, ties to
        # the smallest basic index.
        bound = np.where(eligible, (xB + tol_p[:, None]) / safe, np.inf).min(axis=1)
        ratio = np.where(eligible, xB / safe, np.inf)
        harris_r = np.where(eligible & (ratio <= bound[:, None]), alpha, -np.inf).argmax(axis=1)
        least = ratio.min(axis=1)
        ties = ratio <= least[:, None] * (1 + 1e-12) + 1e-300
        bland_r = np.where(ties, basis, np.iinfo(np.int64).max).argmin(axis=1)
        r = np.where(bland, bland_r, harris_r)
        step = ~(optimal | unbounded)
        s = np.flatnonzero(step)
        if s.size:
            rs, qs, al = r[s], q[s], alpha[s]
            piv = al[np.arange(s.size), rs]
            theta = xB[s, rs] / piv
            xB[s] = np.maximum(xB[s] - theta[:, None] * al, 0.0)
            xB[s, rs] = theta
            prow = Binv[s, rs, :] / piv[:, None]
            Binv[s] -= al[:, :, None] * prow[:, None, :]
            Binv[s, rs, :] = prow
            leaving = basis[s, rs]
            lr = leaving < n_real
            isbasic[s[lr], leaving[lr]] = False
            isbasic[s, qs] = True
            basis[s, rs] = qs
            bland[s] = theta <= 0.0
            taken[pos[s]] += 1
        since_refactor += 1
        finished = np.flatnonzero(~step)
        if finished.size:
            status[pos[finished]] = np.where(optimal[finished], _OPTIMAL, _UNBOUNDED)
            out_basis[pos[finished]] = basis[finished]
            keep = np.flatnonzero(step)
            A, b, cost, basis, Binv, xB = (A[keep], b[keep], cost[keep], basis[keep],
                                           Binv[keep], xB[keep])
            isbasic, bland, tol_d, tol_p, pos = (isbasic[keep], bland[keep], tol_d[keep],
                                                 tol_p[keep], pos[keep])
        if since_refactor >= REFACTOR_EVERY_ROWS * m and pos.size:
            since_refactor = 0
            Binv, inv_ok = _inverses(_columns(A, basis))
            xB = np.maximum(_matvec(Binv, b), 0.0)
            if not inv_ok.all():
                bad = np.flatnonzero(~inv_ok)
                status[pos[bad]] = _SINGULAR
                out_basis[pos[bad]] = basis[bad]
                keep = np.flatnonzero(inv_ok)
                A, b, cost, basis, Binv, xB = (A[keep], b[keep], cost[keep], basis[keep],
                                               Binv[keep], xB[keep])
                isbasic, bland, tol_d, tol_p, pos = (isbasic[keep], bland[keep],
                                                     tol_d[keep], tol_p[keep], pos[keep])
    if pos.size:  # the iteration limit: keep where they got to
        out_basis[pos] = basis
    pivots[origin] += taken
    return out_basis, status

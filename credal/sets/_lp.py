"""Translate questions about H-form credal sets into the LP layer's standard form.

This is the only place where the credal layers meet :mod:`credal.lp`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from .._core.numbers import filled
from ..lp import LinearProgram, LPStatus, check_optimal, get_backend

if TYPE_CHECKING:
    from . import CredalSet

NDArray = np.ndarray


def region_lp(S: CredalSet, exact: bool) -> LinearProgram:
    """The LP whose feasible region is the H-form set ``S`` (cost zero), cached on ``S``."""
    key = "lp_exact" if exact else "lp_float"
    lp = S._cache.get(key)
    if lp is None:
        h = S._hform
        assert h is not None
        n = S.n_outcomes
        ones, one, zero = filled((1, n), 1, exact), filled(1, 1, exact), filled(n, 0, exact)
        A_ub, b_ub, A_eq0, b_eq0 = h.A_ub, h.b_ub, h.A_eq, h.b_eq
        if not exact:
            A_ub, b_ub = unit_rows(A_ub, b_ub)
            A_eq0, b_eq0 = unit_rows(A_eq0, b_eq0)
        A_eq = np.vstack([A_eq0, ones]) if A_eq0.shape[0] else ones
        b_eq = np.concatenate([b_eq0, one]) if b_eq0.shape[0] else one
        lp = LinearProgram.create(zero, A_ub, b_ub, A_eq, b_eq, lower=h.lower,
                                  upper=h.upper, exact=exact)
        S._cache[key] = lp
    return lp


def relaxed_region_lp(S: CredalSet, tol: float) -> LinearProgram:
    """The exact LP of the float H-form set ``S`` with every row loosened by ``tol`` (each
    row scaled first so its largest coefficient is 1; an equality becomes two inequalities),
    ``sum(p) = 1`` and the bounds kept: the set as the float tolerance reads it, in exact
    arithmetic. Used when a float solver calls a thin set infeasible that was accepted as
    nonempty within the tolerance."""
    from fractions import Fraction

    lp = region_lp(S, False).to_exact()  # unit rows; the last equality is sum(p) = 1
    t = Fraction(tol)
    A_eq, b_eq = lp.A_eq[:-1], lp.b_eq[:-1]
    A_ub = np.vstack([lp.A_ub, A_eq, -A_eq]) if A_eq.shape[0] else lp.A_ub
    b_ub = np.concatenate([lp.b_ub + t, b_eq + t, -b_eq + t]) if A_eq.shape[0] else \
        lp.b_ub + t
    return LinearProgram.create(lp.c, A_ub, b_ub, lp.A_eq[-1:], lp.b_eq[-1:],
                                lower=list(lp.lower), upper=list(lp.upper), exact=True)


def unit_rows(A: NDArray, b: NDArray) -> tuple[NDArray, NDArray]:
    """Scale each row (and its right-hand side) so its largest absolute coefficient is 1.

    The constraint is the same, but a solver's absolute tolerances (about 1e-9) then mean
    the same thing for every row: a row with coefficients near 1e-11 would otherwise be
    satisfied by anything. An all-zero row is kept as it is (it reads 0 <= b). Exact rows
    (object arrays of ``Fraction``) are divided exactly, so that a row written with tiny
    (1e-400) or huge (1e400) numbers can then be rounded to floats as the same constraint;
    anything else comes back as float64.
    """
    if A.dtype == object and A.shape[0]:
        A_out = np.empty(A.shape, dtype=object)
        b_out = np.empty(b.shape, dtype=object)
        for i in range(A.shape[0]):
            big = max(abs(v) for v in A[i])
            k = big if big != 0 else 1
            A_out[i] = [v / k for v in A[i]]
            b_out[i] = b[i] / k
        return A_out, b_out
    A = np.asarray(A, dtype=np.float64)
    b = np.asarray(b, dtype=np.float64)
    if A.shape[0] == 0:
        return A, b
    scale = np.abs(A).max(axis=1)
    scale[scale == 0] = 1.0
    return A / scale[:, None], b / scale


def feasible_point(S: CredalSet) -> NDArray | None:
    """A distribution in the H-form set ``S``, or ``None`` when it is empty (decided
    exactly for an exact set)."""
    lp = region_lp(S, S.is_exact)
    result = get_backend(None, exact=S.is_exact).solve(lp)
    if result.status is LPStatus.OPTIMAL:
        return result.x
    if result.status is LPStatus.INFEASIBLE:
        return None
    check_optimal(result)  # raises SolverError naming the backend and status
    return None  # pragma: no cover

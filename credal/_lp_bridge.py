"""Translate questions about H-form credal sets into the LP layer's standard form.

This is the only place where the credal layers meet :mod:`credal.lp`.
"""

from __future__ import annotations

from fractions import Fraction
from typing import TYPE_CHECKING

import numpy as np

from .lp import LinearProgram, LPStatus, check_optimal, get_backend

if TYPE_CHECKING:
    from .sets import CredalSet

NDArray = np.ndarray


def region_lp(S: CredalSet, exact: bool) -> LinearProgram:
    """The LP whose feasible region is the H-form set ``S`` (cost zero), cached on ``S``."""
    key = "lp_exact" if exact else "lp_float"
    lp = S._cache.get(key)
    if lp is None:
        h = S._hform
        assert h is not None
        n = S.n_outcomes
        if exact:
            ones = np.empty((1, n), dtype=object)
            ones.fill(Fraction(1))
            one = np.array([Fraction(1)], dtype=object)
            zero = np.empty(n, dtype=object)
            zero.fill(Fraction(0))
        else:
            ones, one, zero = np.ones((1, n)), np.ones(1), np.zeros(n)
        A_eq = np.vstack([h.A_eq, ones]) if h.A_eq.shape[0] else ones
        b_eq = np.concatenate([h.b_eq, one]) if h.b_eq.shape[0] else one
        lp = LinearProgram.create(zero, h.A_ub, h.b_ub, A_eq, b_eq, lower=h.lower,
                                  upper=h.upper, exact=exact)
        S._cache[key] = lp
    return lp


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

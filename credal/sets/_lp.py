"""Translate a form's region into the LP layer's standard form.

This is where the credal layers meet :mod:`credal.lp` for feasibility regions: the LP
layer knows nothing about credal sets, and forms hand it their (possibly lifted) H-form.
"""

from __future__ import annotations

from fractions import Fraction
from typing import TYPE_CHECKING

import numpy as np

from .._core.arith import unit_rows
from .._core.types import NDArray
from ..lp import LinearProgram, LPStatus, check_optimal, get_backend

if TYPE_CHECKING:
    from ._form import Form, Region


def region_lp(form: Form, region: Region) -> LinearProgram:
    """The LP whose feasible region is ``region`` (cost zero), memoised on the form. Float
    rows are scaled to unit size (see :func:`credal._core.arith.unit_rows`)."""
    def build() -> LinearProgram:
        ar = form.ar
        A_ub, b_ub, A_eq, b_eq = region.A_ub, region.b_ub, region.A_eq, region.b_eq
        if not ar.exact:
            A_ub, b_ub = unit_rows(A_ub, b_ub)
            A_eq, b_eq = unit_rows(A_eq, b_eq)
        return LinearProgram.create(ar.filled(region.n_variables, 0), A_ub, b_ub, A_eq, b_eq,
                                    lower=list(region.lower), upper=list(region.upper),
                                    exact=ar.exact)

    lp: LinearProgram = form._memo("region_lp", build)
    return lp


def relaxed_region_lp(form: Form, tol: float) -> LinearProgram:
    """The exact LP of the float form's region with every row loosened by ``tol`` (each row
    scaled first so its largest coefficient is 1; an equality becomes two inequalities),
    ``sum(p) = 1`` (the last equality) and the bounds kept: the set as the float tolerance
    reads it, in exact arithmetic. Used when a float solver calls a thin set infeasible that
    was accepted as nonempty within the tolerance."""
    region = form.region()
    assert region is not None
    lp = region_lp(form, region).to_exact()  # unit rows; the last equality is sum(p) = 1
    t = Fraction(tol)
    A_eq, b_eq = lp.A_eq[:-1], lp.b_eq[:-1]
    A_ub = np.vstack([lp.A_ub, A_eq, -A_eq]) if A_eq.shape[0] else lp.A_ub
    b_ub = np.concatenate([lp.b_ub + t, b_eq + t, -b_eq + t]) if A_eq.shape[0] else \
        lp.b_ub + t
    return LinearProgram.create(lp.c, A_ub, b_ub, lp.A_eq[-1:], lp.b_eq[-1:],
                                lower=list(lp.lower), upper=list(lp.upper), exact=True)


def feasible_point(form: Form) -> NDArray | None:
    """A distribution in the form's region, or ``None`` when it is empty (decided exactly
    for an exact form)."""
    region = form.region()
    assert region is not None
    lp = region_lp(form, region)
    result = get_backend(None, exact=form.ar.exact).solve(lp)
    if result.status is LPStatus.OPTIMAL:
        assert result.x is not None
        x: NDArray = result.x[: form.n]
        return x
    if result.status is LPStatus.INFEASIBLE:
        return None
    check_optimal(result)  # raises SolverError naming the backend and status
    return None  # pragma: no cover

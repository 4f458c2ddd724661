"""The LP layer: one standard form, backends behind one protocol, a registry.

It knows nothing about credal sets. Programs are

    minimise c·x  subject to  A_ub x <= b_ub,  A_eq x == b_eq,  lower <= x <= upper.

Backends: ``"highs"`` (HiGHS through highspy, the float default), ``"cvxpy"`` (any
installed cvxpy solver; cvxpy comes with the optional ``credalkit[cvxpy]`` extra) and
``"exact"`` (a HiGHS basis certified in rational arithmetic, with a rational simplex as the
fallback). Any non-optimal status raises
:class:`~credal.errors.SolverError` naming the backend.

Examples
--------
>>> from fractions import Fraction
>>> from credal.lp import LinearProgram, solve
>>> lp = LinearProgram.create([Fraction(1), Fraction(2)], A_eq=[[Fraction(1), Fraction(1)]],
...                           b_eq=[Fraction(1, 3)])
>>> solve(lp).value
Fraction(1, 3)
"""

from ._problem import BasisStatus, LinearProgram, LPResult, LPStatus
from ._registry import (
    LPBackend,
    available_backends,
    check_optimal,
    get_backend,
    register_backend,
    solve,
    solve_many,
)
from ._simplex import SimplexOutcome, rational_simplex

__all__ = [
    "BasisStatus",
    "LinearProgram",
    "LPResult",
    "LPStatus",
    "LPBackend",
    "available_backends",
    "check_optimal",
    "get_backend",
    "register_backend",
    "solve",
    "solve_many",
    "rational_simplex",
    "SimplexOutcome",
]

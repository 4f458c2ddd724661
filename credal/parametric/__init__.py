"""Exact one-parameter analysis (uses sympy): how lower and upper expectations, and the
choices of decision rules and of disambiguative decision theory, change as one number of
the belief moves.

A *family* is a callable ``t -> CredalSet`` (or ``t -> DDTProblem``) whose data are
polynomials in ``t``. Its linear program is read at a few points and interpolated exactly;
every optimal basis met is then followed over the piece of the domain where it stays
optimal, whose ends are real roots of polynomials found exactly. The results are exact:
pieces as sympy expressions, breakpoints as rational or algebraic numbers.

>>> import credal as cr
>>> r = cr.parametric.lower_expectation(lambda e: cr.tv_ball(["1/2", "1/3", "1/6"], e),
...                                     [0, 1, 2], domain=(0, 1), symbol="r")
>>> r.breakpoints
(1/6, 1/2)
"""

from ._api import (
    RULES,
    PiecewiseValue,
    Regions,
    ddt,
    decisions,
    lower_expectation,
    upper_expectation,
)
from ._program import MAX_DEGREE

__all__ = ["MAX_DEGREE", "RULES", "PiecewiseValue", "Regions", "ddt", "decisions",
           "lower_expectation", "upper_expectation"]

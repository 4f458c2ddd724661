"""H-form: ``{p in simplex : A_ub p <= b_ub, A_eq p = b_eq, lower <= p <= upper}``.

Lower expectations are LPs (HiGHS warm-started for floats, a certified basis for exact
data), unless every row bounds one outcome (then the interval closed form applies) or the
vertices are known or certainly few (then a minimum over them)."""

from __future__ import annotations

from collections.abc import Iterable
from fractions import Fraction
from typing import Any

import numpy as np

from ..._core import numbers as nums
from ..._core.arith import Arithmetic, unit_rows
from ..._core.types import NDArray
from ..._polyhedra.budget import Progress
from .._form import Constraints, Form


class ConstraintForm(Form):
    """A :class:`~credal.sets.Constraints` (redundant rows allowed)."""

    name = "constraints"
    h: Constraints

    def __init__(self, ar: Arithmetic, h: Constraints) -> None:
        object.__setattr__(self, "h", h)
        self._init(ar, h.n_outcomes)

    def state(self) -> tuple[Any, ...]:
        return (self.ar, self.h)

    def arrays(self) -> Iterable[NDArray]:
        return ()  # Constraints keeps its own arrays read-only

    def convert(self, ar: Arithmetic, max_denominator: int | None) -> Form:
        h = self.h
        assert h.lower is not None and h.upper is not None
        A_ub, b_ub, A_eq, b_eq = h.A_ub, h.b_ub, h.A_eq, h.b_eq
        lower, upper = h.lower, h.upper
        if not ar.exact or (max_denominator is not None and A_ub.dtype != object):
            # Round each row relative to its own size (to floats, or to fractions of
            # bounded denominator): a row written with tiny (1e-400, 1e-195) or huge
            # numbers is still the same constraint, not 0 <= 0 or an overflow.
            A_ub, b_ub = unit_rows(A_ub, b_ub)
            A_eq, b_eq = unit_rows(A_eq, b_eq)
        if not ar.exact:  # bounds clipped to [0, 1], which every probability satisfies
            lower = np.array([max(v, 0) for v in lower], dtype=object)
            upper = np.array([min(v, 1) for v in upper], dtype=object)
        return ConstraintForm(ar, Constraints(*(ar.convert(np.asarray(a), max_denominator)
                                                for a in (A_ub, b_ub, A_eq, b_eq, lower,
                                                          upper))))

    def call(self) -> tuple[str, str, list[str]]:
        h = self.h
        assert h.lower is not None and h.upper is not None
        n = self.n
        A_ub, b_ub = list(h.A_ub), list(h.b_ub)
        one = Fraction(1) if self.ar.exact else 1.0
        for i in range(n):  # bounds other than the simplex's own, written as rows
            unit = [one * (j == i) for j in range(n)]
            if h.lower[i] > 0:
                A_ub.append([-v for v in unit])
                b_ub.append(-h.lower[i])
            if h.upper[i] < 1:
                A_ub.append(unit)
                b_ub.append(h.upper[i])
        args = []
        if A_ub:
            args += [f"A_ub={nums.rows_literal(A_ub)}", f"b_ub={nums.row_literal(b_ub)}"]
        if h.A_eq.shape[0]:
            args += [f"A_eq={nums.rows_literal(h.A_eq)}", f"b_eq={nums.row_literal(h.b_eq)}"]
        if not args:  # no constraint at all: the simplex
            args = [f"A_ub={nums.rows_literal([[0] * n])}", "b_ub=[0]"]
        return "CredalSet.from_constraints", \
            f"{len(A_ub)} inequalities, {h.A_eq.shape[0]} equalities", args

    def own_constraints(self) -> Constraints:
        return self.h

    def binding(self, x: NDArray, atol: float, outcomes: tuple[Any, ...]) -> tuple[Any, ...]:
        from .._answers import binding_rows

        return binding_rows(self.h, x, self.ar, atol, outcomes)

    def _vertices(self, max_vertices: int | None, progress: Progress | None) -> NDArray:
        from ..._polyhedra.points import constraint_vertices

        h = self.h
        assert h.lower is not None and h.upper is not None
        return nums.readonly(constraint_vertices(h.A_ub, h.b_ub, h.A_eq, h.b_eq, h.lower,
                                                 h.upper, self.ar, max_vertices=max_vertices,
                                                 progress=progress))

"""Probability intervals ``{p in simplex : lower_i <= p_i <= upper_i}``.

The given bounds need not be reachable; the form keeps them (they are what the user wrote)
and answers from the tightened, reachable ones
``l'_i = max(l_i, 1 - sum_{j != i} u_j)``, ``u'_i = min(u_i, 1 - sum_{j != i} l_j)``,
whose lower probability is 2-monotone: a lower expectation is a Choquet integral, a greedy
fill in increasing order of the gamble (de Campos, Huete & Moral 1994), O(n log n).

Sets listed by their points (the vacuous set, the IDM) can carry the intervals too: they
report ``form == "vertices"`` and keep their points, and still use the closed form.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ..._core import numbers as nums
from ..._core.arith import Arithmetic
from ..._core.types import NDArray
from .._form import Constraints, Form
from .._kernels import interval_greedy, reachable


class IntervalForm(Form):
    """Bounds ``lower <= p <= upper`` (the reachable ones are :attr:`reachable_lower`,
    :attr:`reachable_upper`), optionally with listed ``points`` whose hull is the set."""

    name = "constraints"

    lower: NDArray
    upper: NDArray
    listed: NDArray | None
    reachable_lower: NDArray
    reachable_upper: NDArray

    def __init__(self, ar: Arithmetic, lower: NDArray, upper: NDArray,
                 listed: NDArray | None = None) -> None:
        r_lo, r_up = reachable(lower, upper, ar)
        for key, value in (("lower", lower), ("upper", upper), ("listed", listed),
                           ("reachable_lower", r_lo), ("reachable_upper", r_up)):
            object.__setattr__(self, key, value)
        self._init(ar, lower.shape[0])

    @property
    def form_name(self) -> str:
        return "vertices" if self.listed is not None else "constraints"

    def state(self) -> tuple[Any, ...]:
        return (self.ar, self.lower, self.upper, self.listed)

    def arrays(self) -> Iterable[NDArray]:
        out = [self.lower, self.upper, self.reachable_lower, self.reachable_upper]
        return out + ([self.listed] if self.listed is not None else [])

    def convert(self, ar: Arithmetic, max_denominator: int | None) -> Form:
        listed = None
        if self.listed is not None:
            listed = ar.convert(self.listed, max_denominator)
            if ar.exact:
                listed = ar.rows_to_distributions(listed)
        lower = ar.convert(self.lower, max_denominator)
        upper = ar.convert(self.upper, max_denominator)
        if not ar.exact:  # bounds clipped to [0, 1], which every probability satisfies
            lower, upper = lower.clip(0.0, 1.0), upper.clip(0.0, 1.0)
        return type(self)(ar, lower, upper, listed)

    def call(self) -> tuple[str, str, list[str]]:
        if self.ar.exact and all(v == 0 for v in self.reachable_lower) and \
                all(v == 1 for v in self.reachable_upper) and self.listed is not None:
            return "vacuous", "the whole simplex", []  # the set adds the outcomes
        return "CredalSet.from_bounds", "probability intervals", [
            nums.row_literal(self.reachable_lower), nums.row_literal(self.reachable_upper)]

    def points(self) -> NDArray | None:
        return self.listed

    def own_constraints(self) -> Constraints | None:
        if self.listed is not None:
            return None
        h: Constraints = self._memo("constraints", lambda: Constraints.build(
            self.n, self.ar, lower=self.lower, upper=self.upper))
        return h

    def lower_batch(self, F: NDArray, *, witness: bool,
                    backend: str | None) -> tuple[NDArray, NDArray | None]:
        return interval_greedy(F, self.reachable_lower, self.reachable_upper, self.ar,
                               witness)

    def binding(self, x: NDArray, atol: float, outcomes: tuple[Any, ...]) -> tuple[Any, ...] | None:
        h = self.own_constraints()
        if h is None:
            return None
        from .._answers import binding_rows

        return binding_rows(h, x, self.ar, atol, outcomes)

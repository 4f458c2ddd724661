"""V-form: the convex hull of finitely many points (redundant ones allowed until the
vertices are asked for). Lower expectations are a minimum over the points (one chunked
matrix product per batch)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ..._core import numbers as nums
from ..._core.arith import Arithmetic
from ..._core.types import NDArray
from .._form import Form


class VertexForm(Form):
    """Points (``(k, n)``, each a distribution) whose convex hull is the set."""

    name = "vertices"
    given: NDArray

    def __init__(self, ar: Arithmetic, points: NDArray) -> None:
        object.__setattr__(self, "given", points)
        self._init(ar, points.shape[1])

    def state(self) -> tuple[Any, ...]:
        return (self.ar, self.given)

    def arrays(self) -> Iterable[NDArray]:
        return (self.given,)

    def convert(self, ar: Arithmetic, max_denominator: int | None) -> Form:
        return VertexForm(ar, converted_points(self.given, ar, max_denominator))

    def call(self) -> tuple[str, str, list[str]]:
        k = self.given.shape[0]
        return "CredalSet.from_vertices", f"{k} point{'s' if k != 1 else ''}", \
            [nums.rows_literal(self.given)]

    def points(self) -> NDArray:
        return self.given


def converted_points(P: NDArray, ar: Arithmetic, max_denominator: int | None) -> NDArray:
    """Distributions in arithmetic ``ar``; rounded exact rows are rescaled to sum to 1."""
    from ...errors import InvalidArgumentError

    out = ar.convert(P, max_denominator)
    if ar.exact:
        for row in out.reshape(-1, out.shape[-1]):
            if sum(row) <= 0:
                raise InvalidArgumentError(
                    f"max_denominator={max_denominator} rounds the point {nums.show(row)} "
                    f"to all zeros; pass a larger max_denominator (or None for the exact "
                    f"binary values)")
        out = ar.rows_to_distributions(out)
    return out

"""The ε-contamination (linear-vacuous) set ``{(1 - ε) p + ε q : q in simplex}``.

Closed form (Walley 1991, §2.9.2): ``lower E f = (1 - ε) p·f + ε min f``; its vertices are
``(1 - ε) p + ε δ_i``, one per outcome. A mixture of contaminations with one ``ε`` is a
contamination, and so is its image along an outcome map."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

import numpy as np

from ..._core import numbers as nums
from ..._core.arith import Arithmetic
from ..._core.types import NDArray, Value
from .._form import Form
from .vertices import converted_points


class ContaminationForm(Form):
    """A centre ``p`` and ``0 <= epsilon <= 1``; its ``n`` points are stored."""

    name = "vertices"
    center: NDArray
    epsilon: Value
    listed: NDArray

    def __init__(self, ar: Arithmetic, center: NDArray, epsilon: Value) -> None:
        object.__setattr__(self, "center", center)
        object.__setattr__(self, "epsilon", epsilon)
        object.__setattr__(self, "listed", _points(center, epsilon, ar))
        self._init(ar, center.shape[0])

    def state(self) -> tuple[Any, ...]:
        return (self.ar, self.center, self.epsilon)

    def arrays(self) -> Iterable[NDArray]:
        return (self.center, self.listed)

    def convert(self, ar: Arithmetic, max_denominator: int | None) -> Form:
        eps: Any = ar.scalar(self.epsilon)
        if ar.exact and max_denominator:
            eps = eps.limit_denominator(max_denominator)
        return ContaminationForm(ar, converted_points(self.center, ar, max_denominator), eps)

    def call(self) -> tuple[str, str, list[str]]:
        return "contamination", "contamination", [nums.row_literal(self.center),
                                                  nums.literal(self.epsilon)]

    def points(self) -> NDArray:
        return self.listed

    def lower_batch(self, F: NDArray, *, witness: bool,
                    backend: str | None) -> tuple[NDArray, NDArray | None]:
        eps = self.epsilon
        low = F.argmin(axis=1)
        values = (1 - eps) * (F @ self.center) + eps * F[np.arange(F.shape[0]), low]
        if not witness:
            return values, None
        mins = np.tile((1 - eps) * self.center, (F.shape[0], 1))
        mins[np.arange(F.shape[0]), low] += eps
        return values, mins

    def pushforward(self, push: Callable[[NDArray], NDArray], n_images: int) -> Form:
        return ContaminationForm(self.ar, push(self.center[None, :])[0], self.epsilon)

    @classmethod
    def mixture(cls, forms: list[Form], weights: list[Any]) -> Form | None:
        # (1 - e) sum w_i c_i + e simplex: still a contamination when every e is the same
        if not all(isinstance(f, ContaminationForm) for f in forms):
            return None
        eps = {f.epsilon for f in forms if isinstance(f, ContaminationForm)}
        if len(eps) != 1:
            return None
        first = forms[0]
        assert isinstance(first, ContaminationForm)
        center = sum(w * f.center for f, w in zip(forms, weights, strict=True)
                     if isinstance(f, ContaminationForm))
        return ContaminationForm(first.ar, np.asarray(center, dtype=first.ar.dtype),
                                 eps.pop())


def _points(c: NDArray, eps: Value, ar: Arithmetic) -> NDArray:
    n = c.shape[0]
    if ar.exact:
        pts = np.empty((n, n), dtype=object)
        for i in range(n):
            pts[i] = [(1 - eps) * c[j] + (eps if i == j else 0) for j in range(n)]
        return pts
    out: NDArray = (1.0 - float(eps)) * np.tile(c, (n, 1)) + float(eps) * np.eye(n)
    return out

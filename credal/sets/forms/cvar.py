"""The CVaR set ``{q in simplex : q <= p / alpha}`` of a distribution ``p`` at a level
``0 < alpha <= 1``.

Its lower expectation is the conditional value at risk of the gamble under ``p`` at level
``alpha``: the mean of the worst ``alpha``-tail of ``f`` (Rockafellar & Uryasev 2000, who
write it as ``max_t [t - E_p (t - f)^+ / alpha]`` for a reward ``f``). The set is a set of
probability intervals, ``0 <= q_i <= min(p_i / alpha, 1)``, so the greedy (Choquet)
closed form of :class:`~credal.sets.forms.intervals.IntervalForm` answers it: pour the
mass 1 into the outcomes in increasing order of ``f``, each up to ``p_i / alpha``.
``alpha = 1`` is the precise set ``{p}``; as ``alpha`` falls to ``min p_i`` (and below) the
set grows to the whole simplex over the support of ``p``.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from fractions import Fraction
from typing import TYPE_CHECKING, Any

import numpy as np

from ..._core import numbers as nums
from ..._core.arith import Arithmetic, arithmetic_of
from ..._core.outcomes import distribution_array, make_outcomes
from ..._core.types import NDArray, Value
from ...errors import InvalidArgumentError
from ...tolerance import DEFAULT_ATOL, check_atol
from .._form import Form
from .intervals import IntervalForm

if TYPE_CHECKING:
    from .._set import CredalSet


def cvar_bounds(p: NDArray, alpha: Value, ar: Arithmetic) -> tuple[NDArray, NDArray]:
    """The probability intervals ``0 <= q_i <= min(p_i / alpha, 1)`` of a CVaR set."""
    lower = ar.filled(p.shape[0], 0)
    if ar.exact:
        one = Fraction(1)
        upper = np.array([min(v / alpha, one) for v in p], dtype=object)
    else:
        upper = np.minimum(np.asarray(p, dtype=np.float64) / float(alpha), 1.0)
    return lower, upper


class CVaRForm(IntervalForm):
    """A distribution ``p`` and a level ``0 < alpha <= 1``, answered as the probability
    intervals ``0 <= q_i <= min(p_i / alpha, 1)``."""

    name = "cvar_set"

    center: NDArray
    alpha: Value

    def __init__(self, ar: Arithmetic, center: NDArray, alpha: Value) -> None:
        object.__setattr__(self, "center", center)
        object.__setattr__(self, "alpha", alpha)
        lower, upper = cvar_bounds(center, alpha, ar)
        super().__init__(ar, lower, upper)

    @property
    def form_name(self) -> str:
        return self.name

    def state(self) -> tuple[Any, ...]:
        return (self.ar, self.center, self.alpha)

    def arrays(self) -> Iterable[NDArray]:
        return [self.center, *super().arrays()]

    def convert(self, ar: Arithmetic, max_denominator: int | None) -> Form:
        center = ar.convert(self.center, max_denominator)
        if ar.exact:  # rounded masses must still sum to 1 exactly
            center = ar.rows_to_distributions(center)
        alpha: Any = ar.scalar(self.alpha)
        if ar.exact and max_denominator:
            # the nearest fraction, kept positive (a tiny level must not round to 0)
            alpha = max(alpha.limit_denominator(max_denominator),
                        Fraction(1, max_denominator))
        return CVaRForm(ar, center, alpha)

    def call(self) -> tuple[str, str, list[str]]:
        return "cvar_set", "CVaR set", [nums.row_literal(self.center),
                                        nums.literal(self.alpha)]

    def pushforward(self, push: Any, n_images: int) -> Form:
        # q <= p / alpha maps to pushed q <= pushed p / alpha, and every such image is
        # reached: split each image's mass back over its preimages in proportion to p
        return CVaRForm(self.ar, push(self.center[None, :])[0], self.alpha)


def cvar_set(p: Any, alpha: Any, *, outcomes: Iterable[Hashable] | None = None,
             atol: float = DEFAULT_ATOL) -> CredalSet:
    r"""The CVaR set ``{q in simplex : q <= p / alpha}``: the distributions whose density
    with respect to ``p`` is at most ``1 / alpha``.

    .. math::

        \underline{E} f = \min_{q \in \Delta,\ q \le p / \alpha} q \cdot f
        = \mathrm{CVaR}_\alpha(f)
        = \max_t \Big[t - \tfrac{1}{\alpha} E_p (t - f)^+\Big],

    the mean of the worst ``alpha``-tail of ``f`` under ``p`` (Rockafellar & Uryasev 2000).

    Parameters
    ----------
    p : (n_outcomes,) array_like or mapping
        A distribution.
    alpha : number
        The level, ``0 < alpha <= 1``; ``alpha = 1`` gives the precise set ``{p}``.
    outcomes : sequence of hashable, optional
    atol : float
        A float ``p`` must be a distribution within ``atol``.

    Returns
    -------
    CredalSet
        In the form ``"cvar_set"``.

    Raises
    ------
    InvalidArgumentError
        ``p`` not a distribution; ``alpha`` not a number in ``(0, 1]``.

    Notes
    -----
    Cost: O(n) to build. A lower expectation is the greedy closed form of probability
    intervals, O(n log n) per gamble (no LP); the set is an H-form with the ``n`` bounds
    ``q_i <= p_i / alpha``.

    References
    ----------
    R. T. Rockafellar and S. Uryasev, "Optimization of conditional value-at-risk",
    *Journal of Risk* 2(3), 2000.

    Examples
    --------
    >>> import credal as cr
    >>> S = cr.cvar_set(["1/2", "1/4", "1/4"], "3/4")
    >>> cr.lower_expectation(S, [0, 10, 4])      # 1/2 at 0 and 1/4 at 4, over 3/4
    Fraction(4, 3)
    >>> cr.lower_expectation(cr.cvar_set(["1/2", "1/2"], 1), [0, 10])   # alpha = 1: E_p f
    Fraction(5, 1)
    """
    from .._set import CredalSet

    labels = None if outcomes is None else make_outcomes(outcomes, None)
    c, c_ex, labels = distribution_array(p, labels, "p", atol=check_atol(atol))
    a, a_ex = nums.as_scalar(alpha, "alpha")
    if not 0 < a <= 1:
        raise InvalidArgumentError(
            f"alpha must lie in (0, 1] (the probability of the tail averaged), got "
            f"{nums.show(alpha)}; alpha = 1 gives the precise set {{p}}")
    ar = arithmetic_of(c_ex, a_ex)
    return CredalSet._of(labels, CVaRForm(ar, ar.array(c), ar.scalar(a)))


__all__ = ["CVaRForm", "cvar_set", "cvar_bounds"]

"""Infra-Bayesianism on finite outcome sets.

Sources: Diffractor and Kosoy, "Basic Inframeasure Theory" (2020; a-measures, minimal points,
the expectation functional, the update in its section "Updating"), "Belief Functions and
Decision Theory" (2020; the update's dynamic consistency) and "Less Basic Inframeasure
Theory" (2020; infrakernels and semidirect products); Gelb (2025), "An Introduction to Credal
Sets and Infra-Bayes Learnability".

An **infradistribution** is held by its finite set of minimal points ``(m, b)``: ``m`` a
nonnegative measure over the outcomes and ``b >= 0`` an offset. The set it stands for is
their convex hull plus every sa-measure (its upper completion); its expectation functional
is ``E_H(f) = min_k (m_k·f + b_k)`` for ``f in [0, 1]^n``. A credal set is the *crisp*
infradistribution with points ``(v, 0)`` for its vertices ``v``.

**Functions outside** ``[0, 1]^n``. The theory evaluates infradistributions on functions
into ``[0, 1]``, and the minimal points are what those functions see: a point that is another
one plus an sa-measure never gives the minimum there, but may for a function with a value
above 1 or below 0. Every function is accepted, and its value is the defining formula:

- for ``from_points`` and ``from_credal_set``, ``min_k (m_k·f + b_k)`` over the minimal
  points (for a credal set, the lower expectation of any gamble);
- for an infradistribution made by an operation (``update``, ``normalize``,
  ``pushforward``, ``mixture``, ``semidirect_product``, ``product``), the operation's
  formula applied to the expectations of its inputs, e.g.
  ``E_{H|L,g}(f) = [E_H(L f + (1 − L) g) − E_H((1 − L) g)] / P^g_H(L)`` for every ``f``.

So such an infradistribution remembers how it was made; its ``points`` alone give its values
on ``[0, 1]^n`` (and ``Infradistribution.from_points(H.points)`` agrees with ``H`` there, not
necessarily elsewhere).

The update on a likelihood ``L`` (``1_B`` for an observed event ``B``) with off-event
utility ``g`` (what the agent's policy earns where ``B`` did not happen) maps the points to
``(L·m, b + m·((1 − L) g))`` and renormalises; it is dynamically consistent:
``E_H(L f + (1 − L) g) = E_H((1 − L) g) + P^g_H(L) · E_{H|L,g}(f)``. Updating a crisp belief
generally gives a non-crisp one (the offsets differ), so the result is an
:class:`Infradistribution`, never a credal set.

Exact in, exact out, as for credal sets.
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar, overload

import numpy as np

from ._core import numbers as nums
from ._core.arith import EXACT, Arithmetic, arithmetic_of
from ._core.frozen import Immutable
from ._core.outcomes import Outcomes, event_mask, gamble_array, make_outcomes
from ._core.types import NDArray, Value
from .errors import InvalidArgumentError
from .lp import LinearProgram, LPStatus, check_optimal, get_backend
from .sets import CredalSet
from .tolerance import DEFAULT_ATOL, check_atol

__all__ = ["Infradistribution", "update", "event_probability", "pushforward", "mixture",
           "semidirect_product", "product"]

Points = tuple[NDArray, NDArray]

#: The default budget of a semidirect product's points (``max_points=`` of
#: :func:`semidirect_product` and :func:`product`): writing out more is refused at once,
#: before any is built. Expectations never need the points.
MAX_PRODUCT_POINTS = 20_000

#: Rows of a float expectation batch handled per matrix product (bounds memory).
_CHUNK_ELEMENTS = 1 << 21


class Infradistribution(Immutable):
    """A finite infradistribution: the upper completion of the hull of its minimal points.

    Build it with :meth:`from_points` or :meth:`from_credal_set`, or from others with
    :func:`update`, :func:`pushforward`, :func:`mixture`, :func:`semidirect_product`,
    :func:`product` and :meth:`normalize`; it is immutable.

    Attributes
    ----------
    points : tuple of (m, b)
        The minimal points: ``m`` a read-only ``(n_outcomes,)`` array (nonnegative), ``b`` a
        number ``>= 0``; in lexicographic order, never-minimal points dropped. A semidirect
        product (and what is made from one) builds them on first use.
    outcomes : tuple
    n_outcomes : int
    is_exact : bool

    Examples
    --------
    >>> from credal import infra
    >>> H = infra.Infradistribution.from_points([([1, 0], 0), (["1/2", 0], "1/4")])
    >>> H.expectation([1, 1]), H.expectation([0, 0])
    (Fraction(3, 4), Fraction(0, 1))
    >>> H.is_normalized
    False
    """

    __slots__ = ("_outcomes", "_ar", "_points", "_build", "_formula", "__weakref__")

    _outcomes: Outcomes
    _ar: Arithmetic  # EXACT or FLOAT, chosen once from the inputs
    _points: Points | None
    _build: Callable[[], Points] | None
    _formula: _Formula | None

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        raise TypeError("build an Infradistribution with Infradistribution.from_points(...) "
                        "or Infradistribution.from_credal_set(S)")

    @classmethod
    def _new(cls, outcomes: Outcomes, ar: Arithmetic, points: Points | None,
             build: Callable[[], Points] | None, formula: _Formula | None
             ) -> Infradistribution:
        self = object.__new__(cls)
        for name, value in (("_outcomes", outcomes), ("_ar", ar), ("_points", points),
                            ("_build", build), ("_formula", formula)):
            object.__setattr__(self, name, value)
        return self

    @classmethod
    def _make(cls, outcomes: Outcomes, ar: Arithmetic, M: NDArray, b: NDArray, *,
              prune: bool = True, formula: _Formula | None = None) -> Infradistribution:
        return cls._new(outcomes, ar, _canonical(M, b, ar, prune), None, formula)

    @classmethod
    def _derived(cls, outcomes: Outcomes, ar: Arithmetic, build: Callable[[], Points],
                 formula: _Formula, *, eager: bool) -> Infradistribution:
        """Made by an operation: its points from ``build`` (now, or on first use)."""
        if eager:
            return cls._new(outcomes, ar, build(), None, formula)
        return cls._new(outcomes, ar, None, build, formula)

    def _pts(self) -> Points:
        """The minimal points, built now if they were left for later."""
        pts = self._points
        if pts is None:
            assert self._build is not None  # an infradistribution has points or a builder
            pts = self._build()
            # a race builds the same points twice; either copy is right
            object.__setattr__(self, "_points", pts)
        return pts

    @property
    def _M(self) -> NDArray:
        return self._pts()[0]

    @property
    def _b(self) -> NDArray:
        return self._pts()[1]



    def __reduce__(self) -> tuple[Any, ...]:
        return (_restore, (self._outcomes, self._ar, self._points, self._build,
                           self._formula))

    def __repr__(self) -> str:
        """``Infradistribution.from_points([(m, b), ...], outcomes=...)`` for one given by
        its points (exact numbers written as ``'p/q'`` strings, floats in full), which
        rebuilds it after ``from credal.infra import Infradistribution``; a summary in angle
        brackets for one made by an operation (its expectations follow the operation's
        formula, not only its points) or too large to write out."""
        kind = self._ar.name
        pts = self._points
        if pts is not None and self._formula is None:
            pairs = ", ".join(f"({nums.row_literal(m)}, {nums.literal(b)})"
                              for m, b in zip(pts[0], pts[1], strict=True))
            labels = "" if self._outcomes == tuple(range(self.n_outcomes)) else \
                f", outcomes={list(self._outcomes)!r}"
            text = f"Infradistribution.from_points([{pairs}]{labels})"
            if len(text) <= 800 and nums.UNPRINTABLE not in text:
                return text
        count = ("minimal points not built yet" if pts is None
                 else f"{pts[0].shape[0]} minimal points")
        made = "" if self._formula is None else ", made by an operation"
        return (f"<Infradistribution over {self.n_outcomes} outcomes "
                f"{nums.show(list(self._outcomes), 60)}: {count}{made}, {kind}>")

    # -- constructors -------------------------------------------------------------------
    @classmethod
    def from_points(cls, points: Iterable[tuple[Any, Any]], *,
                    outcomes: Iterable[Hashable] | None = None) -> Infradistribution:
        """The infradistribution generated by a-measures ``(m, b)``.

        Parameters
        ----------
        points : sequence of (m, b)
            ``m``: a ``(n_outcomes,)`` array-like (or a mapping outcome -> mass, missing
            outcomes 0) of nonnegative masses; ``b``: a number ``>= 0``.
        outcomes : sequence of hashable, optional
            Default ``0..n-1``, or the keys of the first mapping.

        Raises
        ------
        InvalidArgumentError
            No points, a negative mass or offset, mismatched lengths, NaN.

        Notes
        -----
        Cost: O(k n) to validate k points, then one LP per point (up to k + n variables
        and n + 2 rows; exact for exact points) to drop the never-minimal ones.

        Examples
        --------
        >>> from credal import infra
        >>> H = infra.Infradistribution.from_points([([1, 0], 0), ([1, 0], "1/2")])
        >>> len(H.points)        # (m, 1/2) is never minimal: (m, 0) is below it
        1
        """
        if isinstance(points, Mapping | str | bytes) or not isinstance(points, Iterable) or \
                (isinstance(points, np.ndarray) and points.ndim == 0):
            raise InvalidArgumentError(
                f"points must be a sequence of (m, b) pairs, got {nums.show(points)}")
        pts = list(points)
        if not pts:
            raise InvalidArgumentError("points must hold at least one (m, b) pair, got none")
        labels = None if outcomes is None else make_outcomes(outcomes, None)
        rows, offs, flags = [], [], []
        for i, p in enumerate(pts):
            if not (isinstance(p, tuple | list) and len(p) == 2):
                raise InvalidArgumentError(
                    f"points[{i}] must be a pair (m, b), got {nums.show(p)}")
            m, b = p
            if not isinstance(m, Mapping) and np.ndim(np.asarray(m, dtype=object)) != 1:
                raise InvalidArgumentError(
                    f"points[{i}] must be a pair (m, b) with m a measure over the outcomes "
                    f"(one mass per outcome), got {nums.show(p)}")
            if labels is None:
                labels = make_outcomes(list(m.keys()), None) if isinstance(m, Mapping) else \
                    make_outcomes(None, len(np.asarray(m, dtype=object).reshape(-1)))
            row, r_exact, _ = gamble_array(m, labels, f"points[{i}] measure", batch=False)
            off, o_exact = nums.as_scalar(b, f"points[{i}] offset")
            if any(v < 0 for v in row[0]):
                raise InvalidArgumentError(
                    f"points[{i}] has a negative mass: {nums.show(row[0])}; an a-measure's "
                    f"measure is nonnegative")
            if off < 0:
                raise InvalidArgumentError(
                    f"points[{i}] has a negative offset b = {nums.number_str(off)}; b must be >= 0")
            rows.append(row[0])
            offs.append(off)
            flags += [r_exact, o_exact]
        assert labels is not None
        ar = arithmetic_of(*flags)
        M = ar.array(rows).reshape(len(rows), len(labels))
        return cls._make(labels, ar, M, ar.array(offs))

    @classmethod
    def from_credal_set(cls, S: CredalSet) -> Infradistribution:
        """The crisp infradistribution of a credal set: points ``(v, 0)`` for its vertices.

        Its expectation is the lower expectation of ``S``.

        Notes
        -----
        Cost: :attr:`CredalSet.vertices` (vertex enumeration for an H-form set, one LP per
        point for a V-form set; cached on ``S``), then O(k n log k) to sort; no pruning LP.

        Examples
        --------
        >>> import credal as cr
        >>> from credal import infra
        >>> H = infra.Infradistribution.from_credal_set(cr.vacuous(2))
        >>> H.is_crisp, H.expectation(["1/4", 1])
        (True, Fraction(1, 4))
        """
        if not isinstance(S, CredalSet):
            raise InvalidArgumentError(
                f"S must be a CredalSet, got {type(S).__name__}: {nums.show(S)}")
        V = np.array(S.vertices)
        ar = arithmetic_of(S.is_exact)
        return cls._make(S.outcomes, ar, V, ar.filled(V.shape[0], 0), prune=False)

    # -- properties ---------------------------------------------------------------------
    @property
    def points(self) -> tuple[tuple[NDArray, Value], ...]:
        """The minimal points ``(m, b)``.

        Raises
        ------
        InvalidArgumentError
            For a semidirect product (or something made from one) with more points than
            its ``max_points`` budget.

        Notes
        -----
        Cost: O(k n) (fresh read-only copies on every access); a semidirect product builds
        its points on first use (see :func:`semidirect_product`).
        """
        M, b = self._pts()
        return tuple((nums.readonly(np.array(m)), self._ar.scalar(v))
                     for m, v in zip(M, b, strict=True))

    @property
    def outcomes(self) -> Outcomes:
        return self._outcomes

    @property
    def n_outcomes(self) -> int:
        return len(self._outcomes)

    @property
    def is_exact(self) -> bool:
        return self._ar.exact

    def _bounds01(self) -> tuple[Value, Value]:
        """``(E(0), E(1))``: from the points when they are built, else by the formula."""
        if self._points is not None:
            M, b = self._points
            return min(b), min(M.sum(axis=1) + b)
        ar, n = self._ar, self.n_outcomes
        values = self._values(np.vstack([ar.filled(n, 0), ar.filled(n, 1)]), ar)
        return values[0], values[1]

    @property
    def is_normalized(self) -> bool:
        """``E(0) == 0`` and ``E(1) == 1`` (for floats within ``DEFAULT_ATOL``).

        Notes
        -----
        Cost: O(k n); two nested expectations for a semidirect product.
        """
        e0, e1 = self._bounds01()
        return self._ar.is_zero(e0, DEFAULT_ATOL) and self._ar.is_zero(e1 - 1, DEFAULT_ATOL)

    @property
    def is_crisp(self) -> bool:
        """Every minimal point has ``b == 0`` and a probability measure (``sum m == 1``):
        the infradistribution of a credal set (floats within ``DEFAULT_ATOL``).

        Notes
        -----
        Cost: O(k n), after building the points of a semidirect product.
        """
        M, b = self._pts()
        return _crisp_points(M, b, self._ar)

    # -- the expectation functional -----------------------------------------------------
    @overload
    def expectation(self, f: list[list[Any]] | NDArray) -> NDArray | Value: ...
    @overload
    def expectation(self, f: Any) -> Value: ...
    def expectation(self, f: Any) -> Any:
        """``E_H(f) = min_k (m_k·f + b_k)``, or the formula that made ``H``.

        Parameters
        ----------
        f : (n_outcomes,) or (k, n_outcomes) array_like, or a mapping outcome -> value
            One function or a batch, any real values. On ``[0, 1]^n`` (the domain the
            theory gives infradistributions) the value is ``min_k (m_k·f + b_k)`` over the
            minimal points. Elsewhere it is the defining formula: the same minimum for an
            infradistribution from :meth:`from_points` or :meth:`from_credal_set` (for a
            crisp one, the lower expectation of any gamble), and for one made by an
            operation, that operation's formula on the expectations of its inputs (see
            :func:`update`), which points that never give the minimum on ``[0, 1]^n``
            can lower.

        Returns
        -------
        Fraction, float, or (k,) ndarray
            Exact when ``H`` and ``f`` are exact.

        Notes
        -----
        Cost: O(k n) per function for k minimal points (one chunked matrix product for a
        float batch); no LP. Outside ``[0, 1]^n``, or for a semidirect product, the
        formula's inputs are evaluated instead (a semidirect product: one expectation of
        each kernel, then one of ``H``).

        Examples
        --------
        >>> from credal import infra
        >>> H = infra.Infradistribution.from_points([([1, 0], 0), ([0, "1/2"], "1/2")])
        >>> H.expectation([["1/2", "1/2"], [1, 0]])
        array([Fraction(1, 2), Fraction(1, 2)], dtype=object)
        """
        F, f_exact, single = gamble_array(f, self._outcomes, "f")
        values = self._values(F, arithmetic_of(f_exact))
        if single:
            return values[0]
        return nums.readonly(values)

    def _values(self, F: NDArray, ar: Arithmetic) -> NDArray:
        """The expectations of the rows of ``F`` (exact only when ``ar`` and ``H`` are)."""
        ar = arithmetic_of(ar.exact, self._ar.exact)
        if not ar.exact:
            F = np.asarray(F, dtype=np.float64)
        form = self._formula
        if form is None:
            M, b = self._pts()
            return _evaluate(M, b, F, ar)
        pts = self._points
        if pts is None or not form.points_first:
            return form.values(F, ar)
        inside = _in_unit(F)
        if inside.all():
            return _evaluate(pts[0], pts[1], F, ar)
        out = np.empty(F.shape[0], dtype=ar.dtype)
        if inside.any():
            out[inside] = _evaluate(pts[0], pts[1], F[inside], ar)
        out[~inside] = form.values(F[~inside], ar)
        return out

    def normalize(self) -> Infradistribution:
        """``(E − E(0)) / (E(1) − E(0))``, applied to the points as
        ``(m, b) -> (m, b − E(0)) / (E(1) − E(0))``.

        Raises
        ------
        InvalidArgumentError
            When ``E(1) == E(0)`` (for floats: within ``DEFAULT_ATOL``): nothing to
            normalise by.

        Notes
        -----
        Cost: O(k n) (plus O(k n log k) to sort); no pruning LP (minimal points stay
        minimal under an affine rescaling). The points of a semidirect product stay
        unbuilt until asked for.

        Examples
        --------
        >>> from credal import infra
        >>> H = infra.Infradistribution.from_points([([2, 0], 1), ([0, 2], 1)]).normalize()
        >>> H.is_normalized, H.expectation([1, 0])
        (True, Fraction(0, 1))
        """
        e0, e1 = self._bounds01()
        span = e1 - e0
        if self._ar.le(span, 0, DEFAULT_ATOL):
            raise InvalidArgumentError(
                f"the infradistribution cannot be normalised: E(1) = {nums.number_str(e1)} "
                f"equals E(0) = {nums.number_str(e0)} "
                f"(every minimal point has measure 0)")
        n, ar = self.n_outcomes, self._ar
        formula = _compose(self, np.arange(n), ar.filled(n, 1), ar.filled(n, 0), span, e0, ar)
        return Infradistribution._derived(
            self._outcomes, ar, functools.partial(_build_rescaled, self, e0, span),
            formula, eager=self._points is not None)


# -- how an infradistribution made by an operation evaluates any function ---------------
@dataclass(frozen=True, eq=False)
class _Affine:
    """``E(f) = (E_base(scale ⊙ f[index] + shift) − beta) / alpha`` with ``alpha > 0``:
    an update, a normalisation, a pushforward, or a composition of them (kept flat, so a
    long chain of updates costs one evaluation of ``base``)."""

    base: Infradistribution
    index: NDArray  # (n_base,) ints: base outcome i reads f at index[i]
    scale: NDArray  # (n_base,)
    shift: NDArray  # (n_base,)
    alpha: Value
    beta: Value
    points_first: ClassVar[bool] = True

    def values(self, F: NDArray, ar: Arithmetic) -> NDArray:
        scale, shift = ar.convert(self.scale), ar.convert(self.shift)
        alpha, beta = ar.scalar(self.alpha), ar.scalar(self.beta)
        G = F[:, self.index] * scale + shift
        out: NDArray = (self.base._values(G, ar) - beta) / alpha  # type: ignore[operator]
        return out


@dataclass(frozen=True, eq=False)
class _Mixture:
    """``E(f) = Σ_i w_i E_{H_i}(f)``."""

    components: tuple[Infradistribution, ...]
    weights: tuple[Value, ...]
    points_first: ClassVar[bool] = True

    def values(self, F: NDArray, ar: Arithmetic) -> NDArray:
        total: NDArray | None = None
        for h, w in zip(self.components, self.weights, strict=True):
            part = h._values(F, ar) * ar.scalar(w)
            total = part if total is None else total + part
        assert total is not None  # a mixture has a component of positive weight
        return total


@dataclass(frozen=True, eq=False)
class _Semidirect:
    """``E(f) = E_head(x ↦ E_{K(x)}(y ↦ f(x, y)))``: always evaluated this way (it is
    cheaper than the points)."""

    head: Infradistribution
    kernels: tuple[Infradistribution, ...]
    points_first: ClassVar[bool] = False

    def values(self, F: NDArray, ar: Arithmetic) -> NDArray:
        n_y = self.kernels[0].n_outcomes
        inner = np.empty((F.shape[0], len(self.kernels)), dtype=ar.dtype)
        for x, k in enumerate(self.kernels):
            inner[:, x] = k._values(F[:, x * n_y:(x + 1) * n_y], ar)
        return self.head._values(inner, ar)


_Formula = _Affine | _Mixture | _Semidirect


def _compose(H: Infradistribution, index: NDArray, scale: NDArray, shift: NDArray,
             alpha: Value, beta: Value, ar: Arithmetic) -> _Affine:
    """The formula ``f ↦ (E_H(scale ⊙ f[index] + shift) − beta) / alpha``, written over the
    base of ``H`` when ``H`` is itself affine in another infradistribution."""
    form = H._formula
    if isinstance(form, _Affine):
        base, idx, s, c, a, b = (form.base, form.index, form.scale, form.shift, form.alpha,
                                 form.beta)
    else:
        n = H.n_outcomes
        base, idx, s, c = H, np.arange(n), ar.filled(n, 1), ar.filled(n, 0)
        a, b = ar.one(), ar.zero()
    s, c, scale, shift = (ar.convert(v) for v in (s, c, scale, shift))
    a, b, alpha, beta = (ar.scalar(v) for v in (a, b, alpha, beta))
    return _Affine(base, np.asarray(index)[idx], nums.readonly(s * scale[idx]),
                   nums.readonly(s * shift[idx] + c), alpha * a, b + a * beta)


def _restore(outcomes: Outcomes, arithmetic: Arithmetic | bool,
             points: Points | NDArray | None,
             build: Callable[[], Points] | NDArray | None = None,
             formula: _Formula | None = None) -> Infradistribution:
    # pickles before the Arithmetic object hold a bool (True: exact)
    ar = arithmetic if isinstance(arithmetic, Arithmetic) else arithmetic_of(bool(arithmetic))
    pts: Points | None = None
    if isinstance(points, np.ndarray) and isinstance(build, np.ndarray):
        points, build = (points, build), None  # pickled by 0.1.0: (outcomes, exact, M, b)
    if isinstance(points, tuple):
        pts = (nums.readonly(np.array(points[0])), nums.readonly(np.array(points[1])))
    builder = None if isinstance(build, np.ndarray) else build
    return Infradistribution._new(outcomes, ar, pts, builder, formula)


def _check(H: Any, name: str = "H") -> Infradistribution:
    if not isinstance(H, Infradistribution):
        raise InvalidArgumentError(
            f"{name} must be an Infradistribution, got {type(H).__name__}: {nums.show(H)}; "
            f"build one with Infradistribution.from_points or .from_credal_set")
    return H


def _in_unit(F: NDArray) -> NDArray:
    """Which rows of ``F`` (exact or float) lie in ``[0, 1]^n``."""
    return np.asarray(((F >= 0) & (F <= 1)).all(axis=1), dtype=bool)


def _crisp_points(M: NDArray, b: NDArray, ar: Arithmetic) -> bool:
    """Every ``b`` is 0 and every ``m`` sums to 1 (floats: within ``DEFAULT_ATOL``)."""
    mass = M.sum(axis=1)
    return ar.is_zero(np.abs(b).max(), DEFAULT_ATOL) and \
        ar.is_zero(np.abs(mass - 1).max(), DEFAULT_ATOL)


def _canonical(M: NDArray, b: NDArray, ar: Arithmetic, prune: bool) -> Points:
    """Clipped (floats), never-minimal points dropped (``prune``), sorted, read-only."""
    if not ar.exact:  # rounding can leave tiny negative masses and offsets
        M = np.clip(np.asarray(M, dtype=np.float64), 0.0, None)
        b = np.clip(np.asarray(b, dtype=np.float64), 0.0, None)
    if prune:
        M, b = _minimal(M, b, ar)
    order = sorted(range(M.shape[0]), key=lambda i: (tuple(M[i]), b[i]))
    return nums.readonly(np.array(M[order])), nums.readonly(np.array(b[order]))


def _evaluate(M: NDArray, b: NDArray, F: NDArray, ar: Arithmetic) -> NDArray:
    """``min_k (M_k·f + b_k)`` for each row f of F (floats: in chunks, bounding memory)."""
    if ar.exact:
        G = F @ M.T + b
        return np.array([min(row) for row in G], dtype=object)
    M = np.asarray(M, dtype=np.float64)
    b = np.asarray(b, dtype=np.float64)
    F = np.asarray(F, dtype=np.float64)
    out = np.empty(F.shape[0])
    MT = np.ascontiguousarray(M.T)
    step = max(1, _CHUNK_ELEMENTS // max(M.shape[0], 1))
    for start in range(0, F.shape[0], step):
        G = F[start:start + step] @ MT
        G += b
        G.min(axis=1, out=out[start:start + step])
    return out


def _minimal(M: NDArray, b: NDArray, ar: Arithmetic) -> tuple[NDArray, NDArray]:
    """Drop the points that are never minimal: ``(m_i, b_i)`` in the hull of the others plus
    an sa-measure, i.e. ``b_i − Σλ b_k + Σ_j min(0, m_ij − Σλ m_kj) >= 0`` for some
    ``λ`` in the simplex. One LP per point: exact for exact points; for floats the point
    goes when the smallest violation is at most ``DEFAULT_ATOL``."""
    k, n = M.shape
    keep = list(range(k))
    backend = get_backend(None, exact=ar.exact)
    for i in range(k):
        others = [j for j in keep if j != i]
        if not others:
            continue
        q = len(others)
        Mo, bo = M[others], b[others]
        # variables (lambda (q), t (n), s): t_j + Σ λ m_kj <= m_ij ; Σ λ b_k − Σ t − s <= b_i
        A_ub = np.vstack([
            np.hstack([Mo.T, ar.eye(n), ar.filled((n, 1), 0)]),
            np.concatenate([bo, ar.filled(n, -1), ar.filled(1, -1)])[None]])
        b_ub = np.concatenate([M[i], b[i:i + 1]])
        A_eq = np.concatenate([ar.filled(q, 1), ar.filled(n + 1, 0)])[None]
        c = np.concatenate([ar.filled(q + n, 0), ar.filled(1, 1)])
        lp = LinearProgram.create(c, A_ub, b_ub, A_eq, ar.filled(1, 1),
                                  lower=[0] * q + [None] * n + [0],
                                  upper=[None] * q + [0] * n + [None], exact=ar.exact)
        result = backend.solve(lp)
        if result.status is not LPStatus.OPTIMAL:
            check_optimal(result)  # always feasible and bounded: a failure is the solver's
        slack = result.value
        assert slack is not None  # the status is optimal here
        if ar.le(slack, 0, DEFAULT_ATOL):  # slack >= 0: exactly 0, or within the tolerance
            keep.remove(i)
    return np.array(M[keep]), np.array(b[keep])


# -- updates ---------------------------------------------------------------------------
def _likelihood(H: Infradistribution, event: Any, likelihood: Any
                ) -> tuple[NDArray, Arithmetic]:
    if (event is None) == (likelihood is None):
        raise InvalidArgumentError(
            "give exactly one of event (an iterable of outcomes) and likelihood (values in "
            f"[0, 1] per outcome); got {'both' if event is not None else 'neither'}")
    if event is not None:
        mask = event_mask(event, H.outcomes, "event")
        return nums.fraction_array(mask.astype(np.int64)), EXACT
    L, l_exact, _ = gamble_array(likelihood, H.outcomes, "likelihood", batch=False)
    L = L[0]
    if any(v < 0 or v > 1 for v in L):
        raise InvalidArgumentError(
            f"likelihood must lie in [0, 1] for every outcome, got {nums.show(L)}")
    return L, arithmetic_of(l_exact)


def _off_event(H: Infradistribution, off_event: Any) -> tuple[NDArray, Arithmetic]:
    if off_event is None:
        raise InvalidArgumentError(
            "off_event is required: the utility g in [0, 1] that the agent's policy earns "
            "where the event did not happen (pass 0s for none); the update depends on it. "
            "Write update(H, event, off_event) or update(H, likelihood=L, off_event=g)")
    g, g_exact, _ = gamble_array(off_event, H.outcomes, "off_event", batch=False)
    g = g[0]
    if any(v < 0 or v > 1 for v in g):
        raise InvalidArgumentError(
            f"off_event must lie in [0, 1] for every outcome, got {nums.show(g)}")
    return g, arithmetic_of(g_exact)


def _update_parts(H: Infradistribution, event: Any, off_event: Any, likelihood: Any
                  ) -> tuple[NDArray, NDArray, Value, Value, Arithmetic]:
    """(L, (1 − L) g, E_H((1 − L) g), P^g_H(L), the arithmetic)."""
    H = _check(H)
    L, l_ar = _likelihood(H, event, likelihood)
    g, g_ar = _off_event(H, off_event)
    ar = arithmetic_of(H.is_exact, l_ar.exact, g_ar.exact)
    L, g = ar.convert(L), ar.convert(g)
    off = (1 - L) * g
    base, top = H._values(np.array([off, L + off], dtype=off.dtype), ar)
    return L, off, base, top - base, ar


@overload
def event_probability(H: Infradistribution, event: Iterable[Hashable], off_event: Any
                      ) -> Value: ...


@overload
def event_probability(H: Infradistribution, *, likelihood: Any, off_event: Any) -> Value: ...


def event_probability(H: Infradistribution, event: Any = None, off_event: Any = None, *,
                      likelihood: Any = None) -> Value:
    r"""The infra-probability ``P^g_H(L) = E_H(L + (1 − L) g) − E_H((1 − L) g)``.

    Called as ``event_probability(H, event, off_event)`` or
    ``event_probability(H, likelihood=L, off_event=g)``; ``off_event`` is required in both
    (see :func:`update` for why the signature cannot say so on its own).

    .. math::

        P^g_H(L) = E_H(L + (1 - L) g) - E_H((1 - L) g)

    Parameters
    ----------
    H : Infradistribution
    event : iterable of outcomes, optional
        The observation ``B`` (``L = 1_B``); give this or ``likelihood``.
    off_event : (n_outcomes,) array_like or mapping, values in [0, 1]
        The off-event utility ``g``. Required.
    likelihood : (n_outcomes,) array_like or mapping, values in [0, 1], optional

    Returns
    -------
    Fraction or float
        Exact when ``H``, the likelihood and ``g`` are exact.

    Raises
    ------
    InvalidArgumentError
        Both or neither of ``event`` and ``likelihood``; no ``off_event``; values outside
        [0, 1]; unknown outcomes.

    Notes
    -----
    Cost: two expectations, O(k n) for k minimal points; no LP.

    Examples
    --------
    >>> import credal as cr
    >>> from credal import infra
    >>> H = infra.Infradistribution.from_credal_set(cr.vacuous(2))
    >>> infra.event_probability(H, [0], [0, 0]), infra.event_probability(H, [0], [0, 1])
    (Fraction(0, 1), Fraction(1, 1))
    """
    *_, prob, _ar = _update_parts(H, event, off_event, likelihood)
    return prob


@overload
def update(H: Infradistribution, event: Iterable[Hashable], off_event: Any, *,
           atol: float = DEFAULT_ATOL) -> Infradistribution: ...


@overload
def update(H: Infradistribution, *, likelihood: Any, off_event: Any,
           atol: float = DEFAULT_ATOL) -> Infradistribution: ...


def update(H: Infradistribution, event: Any = None, off_event: Any = None, *,
           likelihood: Any = None, atol: float = DEFAULT_ATOL) -> Infradistribution:
    r"""The infra-Bayesian update of ``H`` on an event (or a likelihood), with off-event
    utility ``g``.

    Two call forms, ``off_event`` required in both::

        update(H, event, off_event)                 # event: an iterable of outcomes
        update(H, likelihood=L, off_event=g)        # L: values in [0, 1] per outcome

    The update has no neutral off-event utility (``g = 0`` is a choice, not a default), so
    ``off_event`` has no default. Python cannot state "required" for a parameter that
    follows the optional ``event`` and must also be passable by position, so the two
    forms are declared as typed overloads (a type checker rejects a call without
    ``off_event``) and a call without it raises :class:`InvalidArgumentError` at once.

    .. math::

        P^g_H(L) = E_H(L + (1 - L) g) - E_H((1 - L) g), \qquad
        E_{H|L,g}(f) = \frac{E_H(L f + (1 - L) g) - E_H((1 - L) g)}{P^g_H(L)}.

    On the points: ``(m, b) ↦ (L·m, b + m·((1 − L) g) − E_H((1 − L) g)) / P^g_H(L)``.
    Rearranged, the update is dynamically consistent:
    ``E_H(L f + (1 − L) g) = E_H((1 − L) g) + P^g_H(L) · E_{H|L,g}(f)``, so among the plans
    that earn ``g`` off the event, the updated belief ranks the continuations ``f`` as the
    prior ranked the plans ``L f + (1 − L) g``. With ``g = 0`` the offsets stay 0 and the
    update of a credal set ``C`` is ``f ↦ E̲_C(L f) / E̲_C(L)``, which is not the
    generalized Bayes rule in general.

    Parameters
    ----------
    H : Infradistribution
    event : iterable of outcomes, optional
        Give this or ``likelihood``, not both.
    off_event : (n_outcomes,) array_like or mapping, values in [0, 1]
        What the agent's policy earns where the event did not happen (its values on the
        event do not matter). Required.
    likelihood : (n_outcomes,) array_like or mapping, values in [0, 1], optional
    atol : float
        For floats, an infra-probability at most ``atol`` counts as zero.

    Returns
    -------
    Infradistribution
        Normalised, over the same outcomes. Updating a crisp belief generally gives a
        non-crisp one (its offsets differ): not a credal set. Its expectation of any ``f``
        (inside ``[0, 1]^n`` or not) is the formula above.

    Raises
    ------
    InvalidArgumentError
        Both or neither of ``event`` and ``likelihood``; values outside [0, 1]; unknown
        outcomes; a zero infra-probability ``P^g_H(L)`` (nothing to condition on).

    Notes
    -----
    Cost: O(k n) for the k updated points, then one LP per point to drop the ones that
    are no longer minimal (as in :meth:`Infradistribution.from_points`). The update of a
    semidirect product whose points are not built yet is not built either.

    References
    ----------
    Diffractor and V. Kosoy, "Basic Inframeasure Theory" (2020), section "Updating";
    "Belief Functions and Decision Theory" (2020), for dynamic consistency.

    Examples
    --------
    >>> import credal as cr
    >>> from credal import infra
    >>> S = cr.CredalSet.from_vertices([["1/2", "1/2", 0], [0, "1/2", "1/2"]])
    >>> H = infra.update(infra.Infradistribution.from_credal_set(S), [0, 1], [0, 0, "1/2"])
    >>> H.expectation([1, 0, 0]), H.is_crisp
    (Fraction(1, 3), False)
    >>> cr.lower_expectation(cr.condition(S, [0, 1]), [1, 0, 0])   # the GBR, for contrast
    Fraction(0, 1)
    """
    atol = check_atol(atol)
    L, off, base, prob, ar = _update_parts(H, event, off_event, likelihood)
    if ar.le(prob, 0, atol):
        raise InvalidArgumentError(
            f"the infra-probability of the observation is {nums.number_str(prob)} "
            f"(P^g_H(L) = E_H(L + (1 - L)g)"
            f" - E_H((1 - L)g)); the update needs it positive: the belief says the "
            f"observation cannot happen (given this off-event utility)")
    n = H.n_outcomes
    formula = _compose(H, np.arange(n), L, off, prob, base, ar)
    build = functools.partial(_build_update, H, L, off, base, prob, ar)
    return Infradistribution._derived(H.outcomes, ar, build, formula,
                                      eager=H._points is not None)


def _build_update(H: Infradistribution, L: NDArray, off: NDArray, base: Value, prob: Value,
                  ar: Arithmetic) -> Points:
    M, b = H._pts()
    if not ar.exact:
        M, b = np.asarray(M, dtype=np.float64), np.asarray(b, dtype=np.float64)
    p: Any = prob  # numpy's stubs reject a Fraction divisor, which object arrays accept
    M, b = M * L / p, (b + M @ off - base) / p
    M, b = _canonical(M, b, ar, prune=True)
    if ar.exact:
        return M, b
    # float: P is a difference whose rounding error grows like 1 / P; normalising the
    # points once more makes E(0) = 0 and E(1) = 1 to rounding, as the update promises
    e0, e1 = min(b), min(M.sum(axis=1) + b)
    if e1 - e0 <= DEFAULT_ATOL:
        return M, b
    return _canonical(M / (e1 - e0), (b - e0) / (e1 - e0), ar, prune=False)


def _build_rescaled(H: Infradistribution, e0: Value, span: Value) -> Points:
    M, b = H._pts()
    # numpy's stubs reject a Fraction divisor, which object arrays accept
    return _canonical(M / span, (b - e0) / span, H._ar,  # type: ignore[operator]
                      prune=False)


# -- changes of outcome space ----------------------------------------------------------
def pushforward(H: Infradistribution,
                mapping: Mapping[Hashable, Hashable] | Callable[[Hashable], Hashable]
                ) -> Infradistribution:
    """``E_{φ*H}(f) = E_H(f ∘ φ)``: measures pushed along ``φ``, offsets kept.

    ``mapping`` as in :func:`credal.pushforward` (a dict over every outcome, or a callable);
    the new outcomes are the images in order of first appearance.

    Notes
    -----
    Cost: O(k n) to push the k points, then one LP per point to drop the ones that are no
    longer minimal.

    Examples
    --------
    >>> from credal import infra
    >>> H = infra.Infradistribution.from_points([(["1/2", "1/4", "1/4"], 0)])
    >>> infra.pushforward(H, {0: "a", 1: "b", 2: "b"}).points[0][0]
    array([Fraction(1, 2), Fraction(1, 2)], dtype=object)
    """
    from .operations import _images

    H = _check(H)
    images = _images(H.outcomes, mapping)
    labels = make_outcomes(list(dict.fromkeys(images)), None, "images")
    where = {y: j for j, y in enumerate(labels)}
    index = np.array([where[y] for y in images], dtype=np.intp)
    n, ar = H.n_outcomes, H._ar
    formula = _compose(H, index, ar.filled(n, 1), ar.filled(n, 0), ar.one(), ar.zero(), ar)
    build = functools.partial(_build_pushforward, H, index, len(labels))
    return Infradistribution._derived(labels, ar, build, formula,
                                      eager=H._points is not None)


def _build_pushforward(H: Infradistribution, index: NDArray, n_new: int) -> Points:
    M0, b = H._pts()
    M = H._ar.filled((M0.shape[0], n_new), 0)
    for i, j in enumerate(index):
        M[:, j] = M[:, j] + M0[:, i]
    return _canonical(M, np.array(b), H._ar, prune=True)


def mixture(components: Sequence[Infradistribution], weights: Any, *,
            atol: float = DEFAULT_ATOL) -> Infradistribution:
    """The mixture ``Σ ζ_i E_{H_i}`` under an infra-prior ``ζ`` (a distribution).

    Its points are the weighted sums of one point of each component (never-minimal ones
    dropped as they appear); its expectation of any ``f`` is ``Σ ζ_i E_{H_i}(f)``.

    Notes
    -----
    Cost: per component a step with c = k k_i candidate sums (the k points so far times its
    k_i points) and one pruning LP per candidate (each with up to c + n variables); up to
    Π k_i points, so it can blow up. A mixture of a semidirect product whose points are not
    built yet is not built either.

    Examples
    --------
    >>> import credal as cr
    >>> from credal import infra
    >>> A = infra.Infradistribution.from_credal_set(cr.precise([1, 0]))
    >>> B = infra.Infradistribution.from_credal_set(cr.vacuous(2))
    >>> infra.mixture([A, B], ["1/2", "1/2"]).expectation([1, 0])
    Fraction(1, 2)
    """
    atol = check_atol(atol)
    if isinstance(components, Infradistribution) or not isinstance(components, Iterable):
        raise InvalidArgumentError(
            f"components must be a list of infradistributions, got {nums.show(components)}")
    hs = [_check(h, f"components[{i}]") for i, h in enumerate(components)]
    if not hs:
        raise InvalidArgumentError("components must hold at least one infradistribution")
    for i, h in enumerate(hs[1:], start=1):
        if h.outcomes != hs[0].outcomes:
            raise InvalidArgumentError(
                f"components[{i}] is over other outcomes than components[0]; all components "
                f"must share one outcome space")
    w, w_exact = nums.weight_vector(weights, len(hs), "component", atol)
    ar = arithmetic_of(w_exact, *(h.is_exact for h in hs))
    live = [(h, ar.scalar(wi)) for h, wi in zip(hs, w, strict=True) if wi != 0]
    formula = _Mixture(tuple(h for h, _ in live), tuple(wi for _, wi in live))
    build = functools.partial(_build_mixture, formula, ar)
    return Infradistribution._derived(hs[0].outcomes, ar, build, formula,
                                      eager=all(h._points is not None for h, _ in live))


def _build_mixture(formula: _Mixture, ar: Arithmetic) -> Points:
    parts = [h._pts() for h in formula.components]
    M, b = _weighted_sums(parts, formula.weights, ar, prune=True)
    return _canonical(M, b, ar, prune=True)


def _weighted_sums(parts: Sequence[Points], weights: Any, ar: Arithmetic, *,
                   prune: bool) -> Points:
    """Every sum ``Σ w_i (m_i, b_i)`` with one point from each part (the points of a
    mixture); with ``prune`` the points dominated on ``[0, 1]`` are dropped after each
    part, which keeps the count down but is sound only for ``[0, 1]``-valued functions."""
    M: NDArray | None = None
    b: NDArray | None = None
    for (Mi, bi), wi in zip(parts, weights, strict=True):
        if not ar.exact:
            Mi, bi = np.asarray(Mi, dtype=np.float64), np.asarray(bi, dtype=np.float64)
        if M is None or b is None:
            M, b = wi * Mi, wi * bi
            continue
        M = (M[:, None, :] + wi * Mi[None, :, :]).reshape(-1, Mi.shape[1])
        b = (b[:, None] + wi * bi[None, :]).reshape(-1)
        if prune:
            M, b = _minimal(M, b, ar)
    assert M is not None and b is not None
    return M, b


def semidirect_product(H: Infradistribution, kernel: Mapping[Hashable, Infradistribution],
                       *, max_points: int = MAX_PRODUCT_POINTS) -> Infradistribution:
    r"""The semidirect product ``H ⋉ K`` of ``H`` and an infrakernel ``K``, over the pairs
    ``(x, y)``.

    .. math::

        E_{H \ltimes K}(f) = E_H\bigl(x \mapsto E_{K(x)}(y \mapsto f(x, y))\bigr)

    Parameters
    ----------
    H : Infradistribution over X
    kernel : mapping x -> Infradistribution over Y
        One infradistribution for every outcome of ``H``, all over the same outcomes Y.
    max_points : int, default ``MAX_PRODUCT_POINTS`` (20,000)
        The most points the product may write out when they are asked for (see Notes);
        expectations never need them.

    Returns
    -------
    Infradistribution
        Over the pairs ``(x, y)`` in row-major order. Its expectations are computed as the
        nested expectation above, for any function. Its points are
        ``(m(x) m'_{x,σ(x)}(y), b + Σ_x m(x) b'_{x,σ(x)})`` over the points ``(m, b)`` of
        ``H`` and the selections ``σ`` of one point of each ``K(x)`` (only the ``x`` with
        ``m(x) > 0`` matter), never-minimal ones dropped; they are built on first use
        (``points``, ``is_crisp``, an update or a mixture of the product), not here.

    Raises
    ------
    InvalidArgumentError
        A missing or extra outcome in ``kernel``, kernels over different outcomes,
        ``max_points`` not a positive int. When the points are asked for: more than
        ``max_points`` of them to write out (counted before any is built).

    Notes
    -----
    Cost: here O(n_X) checks. An expectation: one of each ``K(x)`` on its block of
    ``f``, then one of ``H``: O(k_H n_X + Σ_x k_x n_Y) per function. The points (when asked
    for): K = Σ_(m, b) Π_{x : m(x) > 0} k_x of them over n_X n_Y pairs (exponential in the
    support of m), written in O(K n_X n_Y), then, unless ``H`` and every ``K(x)`` are
    crisp (when every written point is a vertex), one pruning LP per point, each with up to
    K + n_X n_Y variables (quadratic in K or worse).

    References
    ----------
    Diffractor and V. Kosoy, "Less Basic Inframeasure Theory" (2020): infrakernels and
    semidirect products.

    Examples
    --------
    >>> import credal as cr
    >>> from credal import infra
    >>> H = infra.Infradistribution.from_credal_set(cr.precise(["1/2", "1/2"]))
    >>> K = {0: infra.Infradistribution.from_credal_set(cr.precise([1, 0])),
    ...      1: infra.Infradistribution.from_credal_set(cr.vacuous(2))}
    >>> P = infra.semidirect_product(H, K)
    >>> P.outcomes, P.expectation([0, 0, 1, 0])
    (((0, 0), (0, 1), (1, 0), (1, 1)), Fraction(0, 1))
    >>> len(P.points)                                    # built now, when asked for
    2
    >>> uniform = infra.Infradistribution.from_credal_set(cr.precise(["1/4"] * 4))
    >>> unknown = infra.Infradistribution.from_credal_set(cr.vacuous(4))
    >>> Q = infra.product(uniform, unknown, max_points=100)   # 4 ** 4 = 256 points
    >>> Q.expectation([1] * 16)                           # fine: no points needed
    Fraction(1, 1)
    >>> Q.points
    Traceback (most recent call last):
        ...
    credal.errors.InvalidArgumentError: the semidirect product would write out 256 points, ...
    """
    H = _check(H)
    if isinstance(max_points, bool) or not isinstance(max_points, int | np.integer) or \
            max_points < 1:
        raise InvalidArgumentError(
            f"max_points must be a positive int (the most points the product may write "
            f"out), got {nums.show(max_points)}")
    if not isinstance(kernel, Mapping):
        raise InvalidArgumentError(
            f"kernel must be a mapping outcome -> Infradistribution, got {nums.show(kernel)}")
    missing = [x for x in H.outcomes if x not in kernel]
    extra = [x for x in kernel if x not in set(H.outcomes)]
    if missing or extra:
        raise InvalidArgumentError(
            f"kernel must give one infradistribution for every outcome of H "
            f"{nums.show(list(H.outcomes))}; " +
            (f"missing {missing[0]!r}" if missing else f"{extra[0]!r} is not an outcome"))
    ks = tuple(_check(kernel[x], f"kernel[{x!r}]") for x in H.outcomes)
    Y = ks[0].outcomes
    for x, k in zip(H.outcomes, ks, strict=True):
        if k.outcomes != Y:
            raise InvalidArgumentError(
                f"kernel[{x!r}] is over other outcomes than the others; every kernel "
                f"infradistribution must share one outcome space")
    ar = arithmetic_of(H.is_exact, *(k.is_exact for k in ks))
    labels = tuple((x, y) for x in H.outcomes for y in Y)
    formula = _Semidirect(H, ks)
    build = functools.partial(_build_semidirect, formula, ar, int(max_points))
    return Infradistribution._derived(labels, ar, build, formula, eager=False)


def _build_semidirect(formula: _Semidirect, ar: Arithmetic, max_points: int) -> Points:
    H, ks = formula.head, formula.kernels
    kernel_points = [k._pts() for k in ks]
    # The selections use H's minimal points when they give E_H on every function the inner
    # expectations can produce: functions into [0, 1] (kernels with E_K(1) <= 1) or any
    # (H given by its points). Otherwise H's points for every function (``_all_points``).
    inner_unit = all(k._bounds01()[1] <= 1 for k in ks)
    if inner_unit or H._formula is None:
        HM, Hb = H._pts()
    else:
        HM, Hb = _all_points(H, max_points)
    count = sum(_selection_count(m, [len(p[1]) for p in kernel_points]) for m in HM)
    if count > max_points:
        raise InvalidArgumentError(
            f"the semidirect product would write out {count} points, more than max_points "
            f"= {max_points}; pass a larger max_points= to semidirect_product (or product), "
            f"or use expectations only, which never need the points")
    M, b = _selection_points(HM, Hb, kernel_points, ar)
    crisp = _crisp_points(HM, Hb, ar) and all(_crisp_points(p[0], p[1], ar)
                                               for p in kernel_points)
    # crisp factors: every written point is a vertex (its X-marginal is a vertex of H and
    # its conditionals where that marginal is positive are vertices of the K(x)), so no
    # pruning LP is needed
    return _canonical(M, b, ar, prune=not crisp)


def _selection_count(m: NDArray, sizes: list[int]) -> int:
    count = 1
    for x, size in enumerate(sizes):
        if m[x] > 0:
            count *= size
    return count


def _selection_points(HM: NDArray, Hb: NDArray, kernel_points: list[Points],
                      ar: Arithmetic) -> Points:
    """The points ``(m(x) m'_{x,σ(x)}(y), b + Σ_x m(x) b'_{x,σ(x)})``, unpruned."""
    n_x, n_y = HM.shape[1], kernel_points[0][0].shape[1]
    if not ar.exact:
        HM, Hb = np.asarray(HM, dtype=np.float64), np.asarray(Hb, dtype=np.float64)
        kernel_points = [(np.asarray(M, dtype=np.float64), np.asarray(b, dtype=np.float64))
                         for M, b in kernel_points]
    rows, offs = [], []
    for m, b0 in zip(HM, Hb, strict=True):
        live = [x for x in range(n_x) if m[x] > 0]
        choices = [list(zip(*kernel_points[x], strict=True)) for x in live]
        for sel in itertools.product(*choices):
            row = ar.filled(n_x * n_y, 0)
            off = b0
            for x, (mk, bk) in zip(live, sel, strict=True):
                row[x * n_y:(x + 1) * n_y] = m[x] * mk
                off = off + m[x] * bk
            rows.append(row)
            offs.append(off)
    M = np.array(rows, dtype=ar.dtype).reshape(len(rows), n_x * n_y)
    return M, np.array(offs, dtype=ar.dtype)


def _all_points(H: Infradistribution, limit: int) -> Points:
    """Points whose ``min_k (m_k·f + b_k)`` is ``E_H(f)`` for every ``f``, not only on
    ``[0, 1]^n`` (unpruned; refused above ``limit`` of them)."""
    form, ar = H._formula, H._ar
    if form is None:
        return H._pts()
    if isinstance(form, _Affine):
        M0, b0 = _all_points(form.base, limit)
        if not ar.exact:
            M0, b0 = np.asarray(M0, dtype=np.float64), np.asarray(b0, dtype=np.float64)
        scale, shift = ar.convert(form.scale), ar.convert(form.shift)
        # Any: numpy's stubs reject a Fraction divisor, which object arrays accept
        alpha: Any = ar.scalar(form.alpha)
        beta: Any = ar.scalar(form.beta)
        M = ar.filled((M0.shape[0], H.n_outcomes), 0)
        for i, j in enumerate(form.index):
            M[:, j] = M[:, j] + M0[:, i] * scale[i] / alpha
        return M, (M0 @ shift + b0 - beta) / alpha
    if isinstance(form, _Mixture):
        parts = [_all_points(h, limit) for h in form.components]
        count = int(np.prod([len(p[1]) for p in parts]))
        if count > limit:
            raise InvalidArgumentError(
                f"a semidirect product over this mixture needs its {count} points for "
                f"functions outside [0, 1], more than max_points = {limit}; pass a larger "
                f"max_points=")
        return _weighted_sums(parts, form.weights, ar, prune=False)
    kernel_points = [_all_points(k, limit) for k in form.kernels]
    HM, Hb = _all_points(form.head, limit)
    count = sum(_selection_count(m, [len(p[1]) for p in kernel_points]) for m in HM)
    if count > limit:
        raise InvalidArgumentError(
            f"a semidirect product over this one needs its {count} points for functions "
            f"outside [0, 1], more than max_points = {limit}; pass a larger max_points=")
    return _selection_points(HM, Hb, kernel_points, ar)


def product(H: Infradistribution, G: Infradistribution, *,
            max_points: int = MAX_PRODUCT_POINTS) -> Infradistribution:
    """The infra-Bayesian product ``H × G``: the semidirect product with the constant kernel
    ``x -> G``, ``E_{H×G}(f) = E_H(x ↦ E_G(y ↦ f(x, y)))``.

    For two credal sets this is **not** the strong product :func:`credal.product`: the
    infra-Bayesian product lets the distribution over Y depend on x (one point of ``G`` per
    ``x``), so it holds more distributions and its expectations are at most the strong
    product's lower expectations (for a fair coin and a vacuous one, ``f = [1, 0, 0, 1]``:
    0 against 1/2). The order matters for the same reason.

    Parameters
    ----------
    H, G : Infradistribution
    max_points : int, default ``MAX_PRODUCT_POINTS``
        As in :func:`semidirect_product`.

    Notes
    -----
    Cost: that of :func:`semidirect_product`, with K = Σ_(m, b) k_G^s(m) points, where
    k_G is the number of points of ``G`` and s(m) the number of outcomes where m > 0.

    References
    ----------
    Diffractor and V. Kosoy, "Less Basic Inframeasure Theory" (2020).

    Examples
    --------
    >>> import credal as cr
    >>> from credal import infra
    >>> fair = infra.Infradistribution.from_credal_set(cr.precise(["1/2", "1/2"]))
    >>> coin = infra.Infradistribution.from_credal_set(cr.vacuous(2))
    >>> infra.product(fair, coin).expectation([1, 0, 0, 1])
    Fraction(0, 1)
    >>> cr.lower_expectation(cr.product(cr.precise(["1/2", "1/2"]), cr.vacuous(2)),
    ...                      [1, 0, 0, 1])
    Fraction(1, 2)
    """
    H, G = _check(H), _check(G, "G")
    return semidirect_product(H, {x: G for x in H.outcomes}, max_points=max_points)

"""Infra-Bayesianism on finite outcome sets (SPEC §3).

Sources: Diffractor and Kosoy, "Basic Inframeasure Theory" and "Belief Functions and
Decision Theory"; Gelb (2025), "An Introduction to Credal Sets and Infra-Bayes Learnability".

An **infradistribution** is held by its finite set of minimal points ``(m, b)``: ``m`` a
nonnegative measure over the outcomes and ``b >= 0`` an offset. The set it stands for is
their convex hull plus every sa-measure (its upper completion); its expectation functional
is ``E_H(f) = min_k (m_k·f + b_k)`` for ``f in [0, 1]^n``. A credal set is the *crisp*
infradistribution with points ``(v, 0)`` for its vertices ``v``.

The update on a likelihood ``L`` (``1_B`` for an observed event ``B``) with off-event
utility ``g`` (what the agent's policy earns where ``B`` did not happen) maps the points to
``(L·m, b + m·((1 − L) g))`` and renormalises; it is dynamically consistent:
``E_H(L f + (1 − L) g) = E_H((1 − L) g) + P^g_H(L) · E_{H|L,g}(f)``. Updating a crisp belief
generally gives a non-crisp one (the offsets differ), so the result is an
:class:`Infradistribution`, never a credal set.

Exact in, exact out, as for credal sets.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from fractions import Fraction
from typing import Any

import numpy as np

from . import _numbers as nums
from ._outcomes import Outcomes, event_mask, gamble_array, make_outcomes
from .errors import InvalidArgumentError
from .lp import LinearProgram, LPStatus, check_optimal, get_backend
from .sets import CredalSet
from .tolerance import DEFAULT_ATOL, check_atol

__all__ = ["Infradistribution", "update", "event_probability", "pushforward", "mixture",
           "semidirect_product", "product"]

NDArray = np.ndarray
Value = Fraction | float

#: Semidirect products write out one point per selection of kernel points; above this many
#: the construction is refused rather than run for a very long time.
MAX_PRODUCT_POINTS = 20_000

#: Rows of a float expectation batch handled per matrix product (bounds memory).
_CHUNK_ELEMENTS = 1 << 21


class Infradistribution:
    """A finite infradistribution: the upper completion of the hull of its minimal points.

    Build it with :meth:`from_points` or :meth:`from_credal_set`; it is immutable.

    Attributes
    ----------
    points : tuple of (m, b)
        The minimal points: ``m`` a read-only ``(n_outcomes,)`` array (nonnegative), ``b`` a
        number ``>= 0``; in lexicographic order, never-minimal points dropped.
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

    __slots__ = ("_outcomes", "_exact", "_M", "_b", "__weakref__")

    _outcomes: Outcomes
    _exact: bool
    _M: NDArray
    _b: NDArray

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        raise TypeError("build an Infradistribution with Infradistribution.from_points(...) "
                        "or Infradistribution.from_credal_set(S)")

    @classmethod
    def _make(cls, outcomes: Outcomes, exact: bool, M: NDArray, b: NDArray, *,
              prune: bool = True) -> Infradistribution:
        if not exact:
            M = np.clip(np.asarray(M, dtype=np.float64), 0.0, None)
            b = np.clip(np.asarray(b, dtype=np.float64), 0.0, None)
        if prune:
            M, b = _minimal(M, b, exact)
        order = sorted(range(M.shape[0]), key=lambda i: (tuple(M[i]), b[i]))
        M, b = np.array(M[order]), np.array(b[order])
        self = object.__new__(cls)
        for name, value in (("_outcomes", outcomes), ("_exact", exact),
                            ("_M", nums.readonly(M)), ("_b", nums.readonly(b))):
            object.__setattr__(self, name, value)
        return self

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"Infradistribution is immutable; cannot set {name!r}")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"Infradistribution is immutable; cannot delete {name!r}")

    def __reduce__(self) -> tuple[Any, ...]:
        return (_restore, (self._outcomes, self._exact, self._M, self._b))

    def __repr__(self) -> str:
        kind = "exact" if self._exact else "float"
        return (f"<Infradistribution over {self.n_outcomes} outcomes "
                f"{nums.show(list(self._outcomes), 60)}: {self._M.shape[0]} minimal points, "
                f"{kind}>")

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
        if isinstance(points, Mapping | str | bytes) or not isinstance(points, Iterable):
            raise InvalidArgumentError(
                f"points must be a sequence of (m, b) pairs, got {nums.show(points)}")
        pts = list(points)
        if not pts:
            raise InvalidArgumentError("points must hold at least one (m, b) pair, got none")
        labels = None if outcomes is None else make_outcomes(outcomes, None)
        rows, offs, exact = [], [], True
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
                    f"points[{i}] has a negative offset b = {off}; b must be >= 0")
            rows.append(row[0])
            offs.append(off)
            exact = exact and r_exact and o_exact
        assert labels is not None
        if exact:
            M = np.array(rows, dtype=object).reshape(len(rows), len(labels))
            b = np.array(offs, dtype=object)
        else:
            M = np.array([nums.to_float(r) for r in rows])
            b = np.array([float(v) for v in offs])
        return cls._make(labels, exact, M, b)

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
        return cls._make(S.outcomes, S.is_exact, V,
                         nums.filled(V.shape[0], 0, S.is_exact), prune=False)

    # -- properties ---------------------------------------------------------------------
    @property
    def points(self) -> tuple[tuple[NDArray, Value], ...]:
        """The minimal points ``(m, b)``.

        Notes
        -----
        Cost: O(k n) (fresh read-only copies on every access).
        """
        return tuple((nums.readonly(np.array(m)), (v if self._exact else float(v)))
                     for m, v in zip(self._M, self._b, strict=True))

    @property
    def outcomes(self) -> Outcomes:
        return self._outcomes

    @property
    def n_outcomes(self) -> int:
        return len(self._outcomes)

    @property
    def is_exact(self) -> bool:
        return self._exact

    def _bounds01(self) -> tuple[Value, Value]:
        """``(E(0), E(1))``."""
        return min(self._b), min(self._M.sum(axis=1) + self._b)

    @property
    def is_normalized(self) -> bool:
        """``E(0) == 0`` and ``E(1) == 1`` (for floats within ``DEFAULT_ATOL``).

        Notes
        -----
        Cost: O(k n).
        """
        e0, e1 = self._bounds01()
        if self._exact:
            return bool(e0 == 0 and e1 == 1)
        return bool(abs(float(e0)) <= DEFAULT_ATOL and abs(float(e1) - 1) <= DEFAULT_ATOL)

    @property
    def is_crisp(self) -> bool:
        """Every minimal point has ``b == 0`` and a probability measure (``sum m == 1``):
        the infradistribution of a credal set (floats within ``DEFAULT_ATOL``).

        Notes
        -----
        Cost: O(k n).
        """
        mass = self._M.sum(axis=1)
        if self._exact:
            return bool(all(v == 0 for v in self._b) and all(s == 1 for s in mass))
        return bool(np.abs(self._b).max() <= DEFAULT_ATOL and
                    np.abs(mass - 1).max() <= DEFAULT_ATOL)

    # -- the expectation functional -----------------------------------------------------
    def expectation(self, f: Any) -> Any:
        """``E_H(f) = min_k (m_k·f + b_k)``.

        Parameters
        ----------
        f : (n_outcomes,) or (k, n_outcomes) array_like, or a mapping outcome -> value
            One function or a batch. The theory uses ``f`` in ``[0, 1]^n``; other values
            are evaluated by the same formula over the minimal points (for a crisp
            infradistribution: the lower expectation).

        Returns
        -------
        Fraction, float, or (k,) ndarray
            Exact when ``H`` and ``f`` are exact.

        Notes
        -----
        Cost: O(k n) per function for k minimal points (one chunked matrix product for a
        float batch); no LP.

        Examples
        --------
        >>> from credal import infra
        >>> H = infra.Infradistribution.from_points([([1, 0], 0), ([0, "1/2"], "1/2")])
        >>> H.expectation([["1/2", "1/2"], [1, 0]])
        array([Fraction(1, 2), Fraction(1, 2)], dtype=object)
        """
        F, f_exact, single = gamble_array(f, self._outcomes, "f")
        values = _evaluate(self._M, self._b, F, self._exact and f_exact)
        if single:
            return values[0]
        return nums.readonly(values)

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
        minimal under an affine rescaling).

        Examples
        --------
        >>> from credal import infra
        >>> H = infra.Infradistribution.from_points([([2, 0], 1), ([0, 2], 1)]).normalize()
        >>> H.is_normalized, H.expectation([1, 0])
        (True, Fraction(0, 1))
        """
        e0, e1 = self._bounds01()
        span = e1 - e0
        if span == 0 or (not self._exact and span <= DEFAULT_ATOL):
            raise InvalidArgumentError(
                f"the infradistribution cannot be normalised: E(1) = {e1} equals E(0) = {e0} "
                f"(every minimal point has measure 0)")
        return Infradistribution._make(self._outcomes, self._exact, self._M / span,
                                       # numpy's stubs reject a Fraction divisor, which
                                       # object arrays accept
                                       (self._b - e0) / span,  # type: ignore[operator]
                                       prune=False)


def _restore(outcomes: Outcomes, exact: bool, M: NDArray, b: NDArray) -> Infradistribution:
    return Infradistribution._make(outcomes, exact, M, b, prune=False)


def _check(H: Any, name: str = "H") -> Infradistribution:
    if not isinstance(H, Infradistribution):
        raise InvalidArgumentError(
            f"{name} must be an Infradistribution, got {type(H).__name__}: {nums.show(H)}; "
            f"build one with Infradistribution.from_points or .from_credal_set")
    return H


def _evaluate(M: NDArray, b: NDArray, F: NDArray, exact: bool) -> NDArray:
    """``min_k (M_k·f + b_k)`` for each row f of F."""
    if exact:
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


def _minimal(M: NDArray, b: NDArray, exact: bool) -> tuple[NDArray, NDArray]:
    """Drop the points that are never minimal: ``(m_i, b_i)`` in the hull of the others plus
    an sa-measure, i.e. ``b_i − Σλ b_k + Σ_j min(0, m_ij − Σλ m_kj) >= 0`` for some
    ``λ`` in the simplex. One LP per point: exact for exact points; for floats the point
    goes when the smallest violation is at most ``DEFAULT_ATOL``."""
    k, n = M.shape
    keep = list(range(k))
    backend = get_backend(None, exact=exact)
    for i in range(k):
        others = [j for j in keep if j != i]
        if not others:
            continue
        q = len(others)
        Mo, bo = M[others], b[others]
        # variables (lambda (q), t (n), s): t_j + Σ λ m_kj <= m_ij ; Σ λ b_k − Σ t − s <= b_i
        A_ub = np.vstack([
            np.hstack([Mo.T, nums.fraction_array(np.eye(n, dtype=np.int64)) if exact
                       else np.eye(n), nums.filled((n, 1), 0, exact)]),
            np.concatenate([bo, nums.filled(n, -1, exact), nums.filled(1, -1, exact)])[None]])
        b_ub = np.concatenate([M[i], b[i:i + 1]])
        A_eq = np.concatenate([nums.filled(q, 1, exact), nums.filled(n + 1, 0, exact)])[None]
        c = np.concatenate([nums.filled(q + n, 0, exact), nums.filled(1, 1, exact)])
        lp = LinearProgram.create(c, A_ub, b_ub, A_eq, nums.filled(1, 1, exact),
                                  lower=[0] * q + [None] * n + [0],
                                  upper=[None] * q + [0] * n + [None], exact=exact)
        result = backend.solve(lp)
        if result.status is not LPStatus.OPTIMAL:
            check_optimal(result)  # always feasible and bounded: a failure is the solver's
        slack = result.value
        assert slack is not None  # the status is optimal here
        if (exact and slack == 0) or (not exact and slack <= DEFAULT_ATOL):
            keep.remove(i)
    return np.array(M[keep]), np.array(b[keep])


# -- updates ---------------------------------------------------------------------------
def _likelihood(H: Infradistribution, event: Any, likelihood: Any) -> tuple[NDArray, bool]:
    if (event is None) == (likelihood is None):
        raise InvalidArgumentError(
            "give exactly one of event (an iterable of outcomes) and likelihood (values in "
            f"[0, 1] per outcome); got {'both' if event is not None else 'neither'}")
    if event is not None:
        mask = event_mask(event, H.outcomes, "event")
        return nums.fraction_array(mask.astype(np.int64)), True
    L, exact, _ = gamble_array(likelihood, H.outcomes, "likelihood", batch=False)
    L = L[0]
    if any(v < 0 or v > 1 for v in L):
        raise InvalidArgumentError(
            f"likelihood must lie in [0, 1] for every outcome, got {nums.show(L)}")
    return L, exact


def _off_event(H: Infradistribution, off_event: Any) -> tuple[NDArray, bool]:
    if off_event is None:
        raise InvalidArgumentError(
            "off_event is required: the utility g in [0, 1] that the agent's policy earns "
            "where the event did not happen (pass 0s for none); the update depends on it")
    g, exact, _ = gamble_array(off_event, H.outcomes, "off_event", batch=False)
    g = g[0]
    if any(v < 0 or v > 1 for v in g):
        raise InvalidArgumentError(
            f"off_event must lie in [0, 1] for every outcome, got {nums.show(g)}")
    return g, exact


def _update_parts(H: Infradistribution, event: Any, off_event: Any, likelihood: Any
                  ) -> tuple[NDArray, NDArray, NDArray, Value, Value, bool]:
    """(L, raw M, raw b, E_H((1 − L) g), P^g_H(L), exact)."""
    H = _check(H)
    L, l_exact = _likelihood(H, event, likelihood)
    g, g_exact = _off_event(H, off_event)
    exact = H.is_exact and l_exact and g_exact
    M, b = H._M, H._b
    if not exact:
        L, g = nums.to_float(L), nums.to_float(g)
        M, b = np.asarray(M, dtype=np.float64), np.asarray(b, dtype=np.float64)
    off = (1 - L) * g
    base = _evaluate(M, b, off[None, :], exact)[0]
    prob = _evaluate(M, b, (L + off)[None, :], exact)[0] - base
    return L, M * L, b + M @ off, base, prob, exact


def event_probability(H: Infradistribution, event: Any = None, off_event: Any = None, *,
                      likelihood: Any = None) -> Value:
    """The infra-probability ``P^g_H(L) = E_H(L + (1 − L) g) − E_H((1 − L) g)``.

    Parameters
    ----------
    H : Infradistribution
    event : iterable of outcomes, optional
        The observation ``B`` (``L = 1_B``); give this or ``likelihood``.
    off_event : (n_outcomes,) array_like or mapping, values in [0, 1]
        The off-event utility ``g``.
    likelihood : (n_outcomes,) array_like or mapping, values in [0, 1], optional

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
    *_, prob, _exact = _update_parts(H, event, off_event, likelihood)
    return prob


def update(H: Infradistribution, event: Any = None, off_event: Any = None, *,
           likelihood: Any = None, atol: float = DEFAULT_ATOL) -> Infradistribution:
    """The infra-Bayesian update of ``H`` on an event (or a likelihood), with off-event
    utility ``g``.

    The points map to ``(L·m, b + m·((1 − L) g) − E_H((1 − L) g)) / P^g_H(L)``, so that
    ``E_{H|L,g}(f) = [E_H(L f + (1 − L) g) − E_H((1 − L) g)] / P^g_H(L)`` and the update is
    dynamically consistent:
    ``E_H(L f + (1 − L) g) = E_H((1 − L) g) + P^g_H(L) · E_{H|L,g}(f)``.

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
        non-crisp one (its offsets differ): not a credal set.

    Raises
    ------
    InvalidArgumentError
        Both or neither of ``event`` and ``likelihood``; values outside [0, 1]; unknown
        outcomes; a zero infra-probability ``P^g_H(L)`` (nothing to condition on).

    Notes
    -----
    Cost: O(k n) for the k updated points, then one LP per point to drop the ones that
    are no longer minimal (as in :meth:`Infradistribution.from_points`).

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
    L, M, b, base, prob, exact = _update_parts(H, event, off_event, likelihood)
    if prob <= 0 or (not exact and prob <= atol):
        raise InvalidArgumentError(
            f"the infra-probability of the observation is {prob} (P^g_H(L) = E_H(L + (1 - L)g)"
            f" - E_H((1 - L)g)); the update needs it positive: the belief says the "
            f"observation cannot happen (given this off-event utility)")
    # numpy's stubs reject a Fraction divisor, which object arrays accept
    post = Infradistribution._make(H.outcomes, exact, M / prob,
                                   (b - base) / prob)  # type: ignore[operator]
    # float: P is a difference whose rounding error grows like 1 / P; normalising the
    # result once more makes E(0) = 0 and E(1) = 1 to rounding, as the update promises
    return post if exact else post.normalize()


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
    index = {y: j for j, y in enumerate(labels)}
    M = nums.filled((H._M.shape[0], len(labels)), 0, H.is_exact)
    for i, y in enumerate(images):
        M[:, index[y]] = M[:, index[y]] + H._M[:, i]
    return Infradistribution._make(labels, H.is_exact, M, np.array(H._b))


def mixture(components: Sequence[Infradistribution], weights: Any, *,
            atol: float = DEFAULT_ATOL) -> Infradistribution:
    """The mixture ``Σ ζ_i E_{H_i}`` under an infra-prior ``ζ`` (a distribution).

    Its points are the weighted sums of one point of each component (never-minimal ones
    dropped as they appear).

    Notes
    -----
    Cost: per component a step with c = k k_i candidate sums (the k points so far times its
    k_i points) and one pruning LP per candidate (each with up to c + n variables); up to
    Π k_i points, so it can blow up.

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
    exact = w_exact and all(h.is_exact for h in hs)
    M: NDArray | None = None
    b: NDArray | None = None
    for h, wi in zip(hs, w, strict=True):
        if wi == 0:
            continue
        Mi, bi = (h._M, h._b) if exact else (np.asarray(h._M, dtype=np.float64),
                                              np.asarray(h._b, dtype=np.float64))
        wi = wi if exact else float(wi)
        if M is None or b is None:
            M, b = wi * Mi, wi * bi
            continue
        M = (M[:, None, :] + wi * Mi[None, :, :]).reshape(-1, Mi.shape[1])
        b = (b[:, None] + wi * bi[None, :]).reshape(-1)
        M, b = _minimal(M, b, exact)
    assert M is not None and b is not None
    return Infradistribution._make(hs[0].outcomes, exact, M, b)


def semidirect_product(H: Infradistribution, kernel: Mapping[Hashable, Infradistribution]
                       ) -> Infradistribution:
    """``E_{H⋉K}(f) = E_H(x ↦ E_{K(x)}(y ↦ f(x, y)))`` over the pairs ``(x, y)``.

    Parameters
    ----------
    H : Infradistribution over X
    kernel : mapping x -> Infradistribution over Y
        One infradistribution for every outcome of ``H``, all over the same outcomes Y.

    Returns
    -------
    Infradistribution
        Over the pairs ``(x, y)`` in row-major order. Since every ``m`` is nonnegative,
        the points are ``(m(x) m'_{x,σ(x)}(y), b + Σ_x m(x) b'_{x,σ(x)})`` over the points
        ``(m, b)`` of ``H`` and the selections ``σ`` of one point of each ``K(x)`` (only
        the ``x`` with ``m(x) > 0`` matter); never-minimal ones are dropped.

    Raises
    ------
    InvalidArgumentError
        A missing or extra outcome in ``kernel``, kernels over different outcomes, or more
        than ``MAX_PRODUCT_POINTS`` points to write out.

    Notes
    -----
    Cost: K = Σ_(m, b) Π_{x : m(x) > 0} k_x points over n_X n_Y pairs (exponential in the
    support of m; refused above ``MAX_PRODUCT_POINTS``), written in O(K n_X n_Y), then one
    pruning LP per point, each with up to K + n_X n_Y variables.

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
    """
    H = _check(H)
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
    ks = [_check(kernel[x], f"kernel[{x!r}]") for x in H.outcomes]
    Y = ks[0].outcomes
    for x, k in zip(H.outcomes, ks, strict=True):
        if k.outcomes != Y:
            raise InvalidArgumentError(
                f"kernel[{x!r}] is over other outcomes than the others; every kernel "
                f"infradistribution must share one outcome space")
    exact = H.is_exact and all(k.is_exact for k in ks)

    def arr(a: NDArray) -> NDArray:
        return a if exact else np.asarray(a, dtype=np.float64)

    n_x, n_y = H.n_outcomes, len(Y)
    count = 0
    for m in H._M:
        size = 1
        for x in range(n_x):
            if m[x] > 0:
                size *= ks[x]._M.shape[0]
        count += size
    if count > MAX_PRODUCT_POINTS:
        raise InvalidArgumentError(
            f"the semidirect product would write out {count} points (more than "
            f"MAX_PRODUCT_POINTS = {MAX_PRODUCT_POINTS}); use fewer kernel points")
    rows, offs = [], []
    zero = Fraction(0) if exact else 0.0
    for m, b0 in zip(arr(H._M), arr(H._b), strict=True):
        live = [x for x in range(n_x) if m[x] > 0]
        choices = [[(arr(ks[x]._M)[j], arr(ks[x]._b)[j]) for j in range(ks[x]._M.shape[0])]
                   for x in live]
        for sel in _selections(choices):
            row = nums.filled(n_x * n_y, 0, exact)
            off = b0
            for x, (mk, bk) in zip(live, sel, strict=True):
                row[x * n_y:(x + 1) * n_y] = m[x] * mk
                off = off + m[x] * bk
            rows.append(row)
            offs.append(off if off != 0 else zero)
    labels = tuple((x, y) for x in H.outcomes for y in Y)
    M = np.array(rows, dtype=object if exact else np.float64).reshape(len(rows), len(labels))
    b = np.array(offs, dtype=object if exact else np.float64)
    return Infradistribution._make(labels, exact, M, b)


def _selections(choices: list[list[Any]]) -> Iterable[tuple[Any, ...]]:
    if not choices:
        yield ()
        return
    import itertools

    yield from itertools.product(*choices)


def product(H: Infradistribution, G: Infradistribution) -> Infradistribution:
    """The product ``H × G``: the semidirect product with the constant kernel ``x -> G``.

    Notes
    -----
    Cost: that of :func:`semidirect_product`, with K = Σ_(m, b) k_G^s(m) points, where
    k_G is the number of points of ``G`` and s(m) the number of outcomes where m > 0.

    Examples
    --------
    >>> import credal as cr
    >>> from credal import infra
    >>> H = infra.Infradistribution.from_credal_set(cr.vacuous(2))
    >>> infra.product(H, H).expectation([1, 0, 0, 1])
    Fraction(0, 1)
    """
    H, G = _check(H), _check(G, "G")
    return semidirect_product(H, {x: G for x in H.outcomes})

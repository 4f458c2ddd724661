"""Disambiguative decision theory: counterfactuals by disambiguating one belief.

An agent holds a single **belief** ``Φ``, a credal set over an outcome space ``E`` that is
deliberately ambiguous about which policy the agent follows. Each policy ``π`` names the
event ``E_π ⊆ E`` of outcomes consistent with following it. Disambiguating the belief by a
policy keeps the distributions that put all their mass on ``E_π``::

    Φ_π = {μ ∈ Φ : μ(E ∖ E_π) = 0} = Φ ∩ Δ(E_π)      (a face of Φ)
    V(π) = min_{μ ∈ Φ_π} μ·u                           (worst case over the face)

and the agent chooses the policies of largest value. When ``Φ_π`` is empty (the belief
says "I never do π") the value is a convention: ``+∞`` by default (``"nirvana"``), or
``−∞`` (``"forbidden"``).

The formalisation is our **reconstruction**; see the Notes of :class:`DDTProblem`.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Iterable, Mapping
from typing import Any, Literal

import numpy as np

from ._core import numbers as nums
from ._core.arith import Arithmetic, arithmetic_of
from ._core.frozen import Immutable
from ._core.numbers import readonly, show
from ._core.outcomes import Outcomes, event_mask, gamble_array, index_of
from ._core.types import NDArray, Value
from .decisions import _check_backend
from .errors import EmptySetError, InvalidArgumentError
from .expectations import lower_expectation
from .operations import intersection
from .sets import Constraints, CredalSet
from .sets._relations import generating_points, set_of_constraints, set_of_points
from .tolerance import DEFAULT_ATOL, check_atol

__all__ = ["DDTProblem"]

Empty = Literal["nirvana", "forbidden"]

_EMPTY_CONVENTIONS = ("nirvana", "forbidden")


class DDTProblem(Immutable):
    """A decision problem of disambiguative decision theory (DDT).

    Parameters
    ----------
    belief : CredalSet
        The belief ``Φ`` over the outcome space ``E`` (``n_outcomes = |E|``), ambiguous
        about which policy the agent follows.
    utility : (n_outcomes,) array_like or mapping outcome -> payoff
        The utility ``u`` on ``E`` (in a mapping, a missing outcome is worth 0).
    policies : mapping policy -> iterable of outcomes
        For each policy ``π`` (any hashable name) the event ``E_π``: the outcomes
        consistent with following ``π``. An event is an iterable of outcomes, never a single
        outcome (in a space of pairs write ``[(0, 1)]``, not ``(0, 1)``). The mapping's
        order is the order of :meth:`values` and :meth:`choose`.
    empty : {"nirvana", "forbidden"}, default "nirvana"
        The value of a policy whose disambiguation is empty: ``+inf`` (``"nirvana"``, the
        infra-Bayesian convention) or ``-inf`` (``"forbidden"``).

    Attributes
    ----------
    belief : CredalSet
        The belief, as given.
    utility : (n_outcomes,) ndarray
        Read-only; ``Fraction`` entries (object dtype) for an exact problem, float64
        otherwise.
    policies : dict
        Policy -> tuple of the outcomes of ``E_π``, in the belief's outcome order (a new
        dict on every access).
    empty : str
    outcomes : tuple
        The outcome space ``E`` (the belief's outcomes).
    is_exact : bool
        True when the belief and the utility are exact; values are then ``Fraction``\\ s
        (or ``math.inf`` / ``-math.inf`` for an empty disambiguation).

    Raises
    ------
    InvalidArgumentError
        ``belief`` not a credal set; ``utility`` of the wrong length, with an unknown
        outcome, NaN or infinity; ``policies`` not a mapping, empty, or with an event that
        is a single outcome, names an unknown outcome or holds no outcome; ``empty`` not
        ``"nirvana"`` or ``"forbidden"``; an exact ``utility`` beyond the float range
        (such as ``10**400``) with a float belief, which makes the problem a float one
        (exact problems take utilities of any size).

    See Also
    --------
    DDTProblem.from_counterfactuals : builds the policy-labelled problem from per-policy
        counterfactual credal sets.

    Notes
    -----
    **This formalisation is our reconstruction.** Kosoy (2025, "Vanessa Kosoy's
    Shortform", presented at Agent Foundations 2025) names the decision theory of
    infra-Bayesianism *disambiguative*: its counterfactuals come from disambiguating one
    belief instead of from a separately given counterfactual map (the comment is at
    https://www.lesswrong.com/posts/dPmmuaz9szk26BkmD/vanessa-kosoy-s-shortform?commentId=yLwtjqeTCnSNnEXbX;
    its formulas were not legible in the copy we worked from). The definitions here are
    ours, chosen to be consistent with the infra-Bayesian "Nirvana" construction: ``V(π)``
    equals the infra-Bayesian worst case ``min_{μ ∈ Φ} μ·u_π`` where ``u_π`` is ``u`` on
    ``E_π`` and ``+∞`` outside (with ``0·∞ = 0``). This is the ``+∞`` reading of Nirvana;
    the "reward 1 forever" reading, which the sources leave open, is discussed in the
    documentation's page on disambiguative decision theory.

    *How Φ_π is computed.* In the belief's own form. For a V-form belief (and a TV ball,
    whose generating points are written down directly), ``Φ_π`` is the hull of the points
    with no mass outside ``E_π`` -- a convex combination has no mass outside ``E_π`` exactly
    when each of its points has none. Exact sets are compared exactly; float points count
    as having no mass outside when it is at most :data:`credal.tolerance.DEFAULT_ATOL`, and
    that mass is then set to 0 (the point renormalised). For an H-form belief ``Φ_π`` is
    :func:`credal.intersection` with the bounds ``0 <= μ_e <= [e ∈ E_π]``, with no vertex
    enumeration.

    *Why "nirvana" is the default.* With ``"forbidden"`` an agent that is sure it takes
    $5 in the 5-and-10 problem gives the policy "take $10" the value ``-inf`` and so takes
    $5, confirming its own belief: the 5-and-10 failure. Under ``"nirvana"`` a policy the
    belief rules out refutes the belief; it is worth ``+inf`` and the agent takes $10.
    ``"forbidden"`` is kept to show that failure.

    *The labelled-outcomes pitfall.* When a predictor reacts to what the agent *would* do
    (transparent Newcomb, counterfactual mugging, XOR blackmail), the outcomes must record
    the policy. Otherwise two policies that act alike on the branch that happens share
    outcomes, the face of one contains the other's counterfactual, and the worst case over
    it can be wrong. In transparent Newcomb on unlabelled outcomes (seen box, action),
    "always one-box" is also judged by the empty-box branch of "two-box on a full box,
    one-box on an empty one" and scores 0, and "one-box on a full box, two-box on an empty
    one" scores 1,000, where both earn 1,000,000. :meth:`from_counterfactuals` builds the
    labelled space ``E = Π × W``, ``E_π = {π} × W``, on which ``Φ_π`` is exactly the given
    ``Q(π)``; it is the safe way to state such problems.

    *Cost.* Construction is O(p n) for p policies (one event mask per policy; a float copy
    of an exact belief when the utility is float). :meth:`values` costs one disambiguation and one
    lower expectation per policy, computed on first use and then cached.

    Examples
    --------
    Newcomb's problem with a perfect predictor. Outcomes are (prediction, action) pairs;
    action 1 takes only the opaque box, action 2 both:

    >>> from credal import CredalSet
    >>> from credal.ddt import DDTProblem
    >>> E = [(1, 1), (1, 2), (2, 1), (2, 2)]
    >>> u = {(1, 1): 1_000_000, (1, 2): 1_001_000, (2, 1): 0, (2, 2): 1_000}
    >>> belief = CredalSet.from_vertices([[1, 0, 0, 0], [0, 0, 0, 1]], outcomes=E)
    >>> P = DDTProblem(belief, u, {"one-box": [(1, 1), (2, 1)], "two-box": [(1, 2), (2, 2)]})
    >>> P.values()
    {'one-box': Fraction(1000000, 1), 'two-box': Fraction(1000, 1)}
    >>> P.choose()
    ['one-box']

    The 5-and-10 problem with a belief sure of taking $5:

    >>> sure_of_5 = CredalSet.from_vertices([[1, 0]], outcomes=[5, 10])
    >>> P = DDTProblem(sure_of_5, [5, 10], {"take 5": [5], "take 10": [10]})
    >>> P.values(), P.choose()
    ({'take 5': Fraction(5, 1), 'take 10': inf}, ['take 10'])
    >>> DDTProblem(sure_of_5, [5, 10], {"take 5": [5], "take 10": [10]},
    ...            empty="forbidden").choose()
    ['take 5']
    """

    __slots__ = ("_belief", "_work", "_utility", "_masks", "_policies", "_empty", "_ar",
                 "_faces", "_values")

    _belief: CredalSet
    _work: CredalSet
    _utility: NDArray
    _masks: dict[Hashable, NDArray]
    _policies: dict[Hashable, tuple[Hashable, ...]]
    _empty: Empty
    _ar: Arithmetic  # EXACT or FLOAT, chosen once from the belief and the utility
    _faces: dict[Hashable, CredalSet | None]
    _values: dict[Hashable, Value] | None

    def __init__(self, belief: CredalSet, utility: Any,
                 policies: Mapping[Hashable, Iterable[Hashable]], *,
                 empty: Empty = "nirvana") -> None:
        empty = _check_empty(empty)
        if not isinstance(belief, CredalSet):
            raise InvalidArgumentError(
                f"belief must be a CredalSet, got {type(belief).__name__}: {show(belief)}; "
                f"build one with CredalSet.from_vertices, credal.vacuous, ...")
        outcomes = belief.outcomes
        U, u_exact, _ = gamble_array(utility, outcomes, "utility", batch=False)
        ar = arithmetic_of(belief.is_exact, u_exact)
        u = U[0].copy() if ar.exact else _float_utility(U[0], "belief")
        masks, events = _policy_events(policies, outcomes)
        work = belief if ar.exact else belief.to_float()
        for name, value in (("_belief", belief), ("_work", work), ("_utility", readonly(u)),
                            ("_masks", masks), ("_policies", events), ("_empty", empty),
                            ("_ar", ar), ("_faces", {}), ("_values", None)):
            object.__setattr__(self, name, value)



    def __reduce__(self) -> tuple[Any, ...]:
        return (_restore, (self._belief, self._utility, self._policies, self._empty))

    def __repr__(self) -> str:
        kind = self._ar.name
        return (f"<DDTProblem: {len(self._policies)} policies "
                f"{show(list(self._policies), 60)} over {len(self.outcomes)} outcomes, "
                f"empty={self._empty!r}, {kind}>")

    # -- constructors -------------------------------------------------------------------
    @classmethod
    def from_counterfactuals(cls, counterfactuals: Mapping[Hashable, CredalSet],
                             utility: Any, *, empty: Empty = "nirvana") -> DDTProblem:
        """The policy-labelled DDT problem of per-policy counterfactual credal sets.

        Parameters
        ----------
        counterfactuals : mapping policy -> CredalSet
            For each policy ``π`` the credal set ``Q(π)`` over the world outcomes ``W``
            (every set over the same outcomes, ``n_world = |W|``), as an FDT-style problem
            gives it.
        utility : (n_world,) array_like or mapping world outcome -> payoff
            The utility ``u`` on ``W``.
        empty : {"nirvana", "forbidden"}, default "nirvana"
            Kept for uniformity: no disambiguation of a labelled problem is empty.

        Returns
        -------
        DDTProblem
            Over the outcomes ``Π × W``: the pairs ``(π, w)`` in row-major order (policies
            in the mapping's order, then ``W``'s order), so ``n_outcomes = |Π| n_world``.
            The belief is ``conv ⋃_π {π} × Q(π)``, ``E_π = {(π, w) : w ∈ W}`` and
            ``u(π, w) = u(w)``. Then ``disambiguate(π)`` is ``Q(π)`` placed on ``π``'s block
            and ``values()[π] == lower_expectation(Q(π), u)``. Exact when every ``Q(π)``
            and ``u`` are exact.

        Raises
        ------
        InvalidArgumentError
            ``counterfactuals`` not a mapping or empty, a value that is not a credal set or
            is over other outcomes than the first, a bad ``utility`` or ``empty``.

        Notes
        -----
        The belief is in V-form (each generating point of ``Q(π)`` placed on ``π``'s
        block; H-form sets among V-form ones are enumerated) unless every ``Q(π)`` is given
        by constraints; then it is in H-form, with no vertex enumeration:
        ``{μ : A_π μ_π <= b_π m_π, A_eq,π μ_π = b_eq,π m_π, l_π m_π <= μ_π <= u_π m_π}``
        where ``μ_π`` is ``μ`` on ``π``'s block and ``m_π`` its total mass.

        Cost, for p policies: O((R + p) p n_world) for the R rows (or generating points) of
        all the ``Q(π)``, each written over the p n_world labelled outcomes; no LP unless an
        H-form ``Q(π)`` among V-form ones must be vertex-enumerated.

        Examples
        --------
        Transparent Newcomb: the predictor fills the big box iff the agent would one-box
        on seeing it full. A policy says what to do on seeing a full and an empty box:

        >>> from credal import precise
        >>> from credal.ddt import DDTProblem
        >>> W = [("full", 1), ("full", 2), ("empty", 1), ("empty", 2)]
        >>> u = [1_000_000, 1_001_000, 0, 1_000]
        >>> Q = {"11": precise([1, 0, 0, 0], outcomes=W), "12": precise([1, 0, 0, 0], outcomes=W),
        ...      "21": precise([0, 0, 1, 0], outcomes=W), "22": precise([0, 0, 0, 1], outcomes=W)}
        >>> P = DDTProblem.from_counterfactuals(Q, u)
        >>> P.choose()
        ['11', '12']
        >>> P.outcomes[:2]
        (('11', ('full', 1)), ('11', ('full', 2)))
        """
        empty = _check_empty(empty)
        if not isinstance(counterfactuals, Mapping):
            raise InvalidArgumentError(
                f"counterfactuals must be a mapping policy -> CredalSet, got "
                f"{type(counterfactuals).__name__}: {show(counterfactuals)}")
        if len(counterfactuals) == 0:
            raise InvalidArgumentError(
                "counterfactuals must hold at least one policy -> CredalSet entry, got an "
                "empty mapping")
        sets = list(counterfactuals.items())
        first_name, first = sets[0]
        for name, Q in sets:
            if not isinstance(Q, CredalSet):
                raise InvalidArgumentError(
                    f"counterfactuals[{name!r}] must be a CredalSet, got {type(Q).__name__}: "
                    f"{show(Q)}")
            if Q.outcomes != first.outcomes:
                raise InvalidArgumentError(
                    f"counterfactuals[{name!r}] is over the outcomes {show(list(Q.outcomes))}"
                    f" but counterfactuals[{first_name!r}] is over "
                    f"{show(list(first.outcomes))}; give every counterfactual set over the "
                    f"same world outcomes W")
        world = first.outcomes
        U, u_exact, _ = gamble_array(utility, world, "utility", batch=False)
        ar = arithmetic_of(u_exact, *(Q.is_exact for _, Q in sets))
        u = U[0] if ar.exact else _float_utility(U[0], "counterfactual sets")
        qs = [Q if ar.exact else Q.to_float() for _, Q in sets]
        names = [name for name, _ in sets]
        outcomes = tuple((name, w) for name in names for w in world)
        n = len(world)
        if all(Q.form == "constraints" for Q in qs):
            belief = _labelled_hform(qs, outcomes, ar)
        else:
            belief = _labelled_vform(qs, outcomes, ar)
        full_u = np.concatenate([u] * len(names))
        policies = {name: outcomes[b * n:(b + 1) * n] for b, name in enumerate(names)}
        return cls(belief, full_u, policies, empty=empty)

    # -- read-only properties -----------------------------------------------------------
    @property
    def belief(self) -> CredalSet:
        return self._belief

    @property
    def utility(self) -> NDArray:
        return self._utility

    @property
    def policies(self) -> dict[Hashable, tuple[Hashable, ...]]:
        return dict(self._policies)

    @property
    def empty(self) -> Empty:
        return self._empty

    @property
    def outcomes(self) -> Outcomes:
        return self._belief.outcomes

    @property
    def is_exact(self) -> bool:
        return self._ar.exact

    # -- the theory ---------------------------------------------------------------------
    def disambiguate(self, policy: Hashable) -> CredalSet | None:
        """The disambiguation ``Φ_π = {μ ∈ Φ : μ(E ∖ E_π) = 0}`` of the belief by a policy.

        Parameters
        ----------
        policy : hashable
            One of the problem's policies.

        Returns
        -------
        CredalSet or None
            Over the problem's outcomes (all of ``E``, mass 0 outside ``E_π``), in the
            problem's arithmetic: a V-form set for a V-form belief or a TV ball, an H-form
            set for an H-form belief. ``None`` when ``Φ_π`` is empty.

        Raises
        ------
        InvalidArgumentError
            ``policy`` is not one of the problem's policies.

        Notes
        -----
        Cost, on first use per policy (then cached): O(k n) to filter the k generating
        points of a V-form belief or a TV ball; one feasibility LP for an H-form belief (no
        vertex enumeration).

        Examples
        --------
        >>> from credal import CredalSet
        >>> from credal.ddt import DDTProblem
        >>> belief = CredalSet.from_vertices([[1, 0, 0], ["1/2", "1/2", 0], [0, 0, 1]],
        ...                                  outcomes=["a", "b", "c"])
        >>> P = DDTProblem(belief, [1, 2, 3], {"x": ["a", "b"], "y": ["b"]})
        >>> P.disambiguate("x").vertices
        array([[Fraction(1, 2), Fraction(1, 2), Fraction(0, 1)],
               [Fraction(1, 1), Fraction(0, 1), Fraction(0, 1)]], dtype=object)
        >>> P.disambiguate("y") is None
        True
        """
        mask = self._mask_of(policy)
        if policy in self._faces:
            return self._faces[policy]
        face = self._face(mask)
        self._faces[policy] = face
        return face

    def values(self, *, backend: str | None = None) -> dict[Hashable, Value]:
        r"""The value ``V(π) = min_{μ ∈ Φ_π} μ·u`` of every policy.

        .. math::

            \Phi_\pi = \{\mu \in \Phi : \mu(E \setminus E_\pi) = 0\}, \qquad
            V(\pi) = \begin{cases}
                \min_{\mu \in \Phi_\pi} \sum_{e \in E} \mu(e)\, u(e)
                    & \Phi_\pi \neq \emptyset, \\
                +\infty \ (\text{"nirvana"}) \text{ or } -\infty \ (\text{"forbidden"})
                    & \Phi_\pi = \emptyset.
            \end{cases}

        Under ``"nirvana"`` this is the infra-Bayesian worst case
        :math:`\min_{\mu \in \Phi} \mu \cdot u_\pi` with :math:`u_\pi = u` on
        :math:`E_\pi` and :math:`+\infty` outside (and :math:`0 \cdot \infty = 0`).

        Parameters
        ----------
        backend : str, optional
            The LP backend for the lower expectations on H-form faces (``"highs"``,
            ``"cvxpy"``, ``"exact"``), as in :func:`credal.lower_expectation`; by default
            ``"exact"`` for an exact problem and ``"highs"`` for a float one. Values computed
            with a named backend are not cached.

        Returns
        -------
        dict
            Policy -> value, in the order of ``policies``: a ``Fraction`` for an exact
            problem, a float otherwise; ``math.inf`` (``empty="nirvana"``) or ``-math.inf``
            (``empty="forbidden"``) when ``Φ_π`` is empty. A new dict on every call.

        Raises
        ------
        InvalidArgumentError
            ``backend`` not a registered name, or a float backend for an exact problem.

        Notes
        -----
        Cost on the first call: per policy, :meth:`disambiguate` and one lower expectation
        on the face (O(k n) for points, one LP for an H-form face); then cached, O(p) for p
        policies.

        References
        ----------
        V. Kosoy, "Vanessa Kosoy's Shortform" (LessWrong, 2025), on disambiguative decision
        theory; Diffractor and V. Kosoy, "Introduction to the Infra-Bayesianism Sequence" and
        "Basic Inframeasure Theory" (2020), for the Nirvana convention. The formalisation
        above is our reconstruction (see :class:`DDTProblem`).

        Examples
        --------
        >>> from credal import vacuous
        >>> from credal.ddt import DDTProblem
        >>> DDTProblem(vacuous([5, 10]), [5, 10], {"5": [5], "10": [10]}).values()
        {'5': Fraction(5, 1), '10': Fraction(10, 1)}
        """
        backend = _check_backend(backend, self._ar, "the belief and the utility")
        if self._values is not None and backend is None:
            return dict(self._values)
        out: dict[Hashable, Value] = {}
        for policy in self._policies:
            face = self.disambiguate(policy)
            if face is None:
                out[policy] = math.inf if self._empty == "nirvana" else -math.inf
            else:
                out[policy] = _lower_scaled(face, self._utility, self._ar, backend)
        if backend is None:
            object.__setattr__(self, "_values", out)
        return dict(out)

    def choose(self, *, atol: float = DEFAULT_ATOL,
               backend: str | None = None) -> list[Hashable]:
        """The policies of largest value ``V(π)``, all of them, in input order.

        Parameters
        ----------
        atol : float
            Float problems: values within ``atol × max(1, max |u|)`` of the largest count
            as ties. Exact problems compare exactly (``atol`` is only validated).

        Returns
        -------
        list
            Every optimal policy. Infinite values compare as numbers: under ``"nirvana"``
            the policies with an empty disambiguation (value ``+inf``) are chosen whenever
            there are any; when every value is ``-inf`` (``"forbidden"`` with every
            disambiguation empty) every policy is optimal and all are returned.

        Raises
        ------
        InvalidArgumentError
            ``atol`` negative, infinite or not a number.

        Notes
        -----
        Cost: :meth:`values` (cached after the first call), then O(p) for p policies.

        Examples
        --------
        >>> from credal import vacuous
        >>> from credal.ddt import DDTProblem
        >>> DDTProblem(vacuous([5, 10]), [5, 10], {"5": [5], "10": [10]}).choose()
        ['10']
        """
        atol = check_atol(atol)
        values = self.values(backend=backend)
        best = max(values.values())
        if self._ar.exact or math.isinf(best):
            return [p for p, v in values.items() if v == best]
        u = self._utility
        tol = atol * max(1.0, float(np.abs(u).max()))
        return [p for p, v in values.items() if v >= best - tol]

    # -- helpers ------------------------------------------------------------------------
    def _mask_of(self, policy: Hashable) -> NDArray:
        try:
            return self._masks[policy]
        except (KeyError, TypeError):
            raise InvalidArgumentError(
                f"policy {show(policy)} is not one of the problem's policies "
                f"{show(list(self._policies))}") from None

    def _face(self, mask: NDArray) -> CredalSet | None:
        S = self._work
        ar = S.arithmetic
        outside = ~mask
        if S.form == "constraints":
            bounds = CredalSet.from_bounds([0] * len(mask), [int(v) for v in mask],
                                           outcomes=S.outcomes)
            try:
                return intersection(S, bounds)
            except EmptySetError:
                return None
        points = generating_points(S)
        if ar.exact:
            keep = [r for r in range(points.shape[0]) if all(v == 0 for v in points[r, outside])]
            if not keep:
                return None
            kept = np.array(points[keep], dtype=object)
        else:  # mass outside within the tolerance counts as none: set to 0, renormalised
            P = np.asarray(points, dtype=np.float64)
            rows = P[:, outside].sum(axis=1) <= DEFAULT_ATOL
            if not rows.any():
                return None
            kept = P[rows].copy()
            kept[:, outside] = 0.0
            kept = ar.rows_to_distributions(kept)
        return set_of_points(S.outcomes, kept, ar)


# --------------------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------------------
def _float_utility(u: NDArray, what: str) -> NDArray:
    """The float image of a utility for a float problem; exact entries beyond the float
    range are refused (the problem's values would not be floats)."""
    if u.dtype != object:
        return nums.to_float(u)
    try:
        return np.array([float(v) for v in u], dtype=np.float64)
    except OverflowError:
        big = max(u, key=abs)
        raise InvalidArgumentError(
            f"utility holds {show(big, 60)}, beyond the float range, but the {what} "
            f"{'is' if what == 'belief' else 'are'} given in floats, which makes the problem "
            f"a float one; give the {what} exactly (ints, Fractions or strings) to keep the "
            f"problem exact, or scale the utility (a positive factor does not change the "
            f"choice)") from None


def _lower_scaled(face: CredalSet, u: NDArray, ar: Arithmetic, backend: str | None) -> Value:
    """``min_{μ in face} μ·u``, computed on ``u`` divided by a power of two when its size is
    far from 1 (exactly, so the value is the same): float utilities near ``1e308`` cannot
    overflow, and exact ones of any size stay exact. Only exact utilities are scaled up
    (a float one far below 1 loses nothing)."""
    limit = nums.SAFE_BITS
    e = nums.binary_exponent(u)
    if e is None or (abs(e) <= limit if ar.exact else e <= limit):
        return ar.scalar(lower_expectation(face, u, backend=backend))
    scaled = u * nums.pow2(-e) if ar.exact else np.ldexp(u, -e)
    return ar.times_pow2(lower_expectation(face, scaled, backend=backend), e)


def _check_empty(empty: Any) -> Empty:
    if not isinstance(empty, str) or empty not in _EMPTY_CONVENTIONS:
        raise InvalidArgumentError(
            f"empty must be 'nirvana' (an empty disambiguation is worth +inf) or 'forbidden' "
            f"(worth -inf), got {show(empty)}")
    return empty  # type: ignore[return-value]


def _policy_events(policies: Any, outcomes: Outcomes
                   ) -> tuple[dict[Hashable, NDArray], dict[Hashable, tuple[Hashable, ...]]]:
    """Validate ``policies``; return each policy's read-only mask and its outcomes."""
    if not isinstance(policies, Mapping):
        raise InvalidArgumentError(
            f"policies must be a mapping policy -> event (an iterable of outcomes), got "
            f"{type(policies).__name__}: {show(policies)}")
    if len(policies) == 0:
        raise InvalidArgumentError(
            "policies must hold at least one policy -> event entry, got an empty mapping")
    index = index_of(outcomes)
    masks: dict[Hashable, NDArray] = {}
    events: dict[Hashable, tuple[Hashable, ...]] = {}
    for policy, event in policies.items():
        name = f"policies[{policy!r}]"
        try:
            mask = event_mask(event, outcomes, name)
        except InvalidArgumentError as exc:
            try:
                is_label = event in index
            except TypeError:
                is_label = False
            if is_label and "write [" not in str(exc):
                raise InvalidArgumentError(
                    f"{exc}; {show(event)} is itself an outcome: an event is an iterable of "
                    f"outcomes, so write [{event!r}] for the event holding only it") from None
            raise
        if not mask.any():
            raise InvalidArgumentError(
                f"{name} holds no outcome: every policy must be consistent with at least one "
                f"outcome (drop the policy, or list its outcomes)")
        masks[policy] = readonly(mask)
        events[policy] = tuple(x for x, m in zip(outcomes, mask, strict=True) if m)
    return masks, events


def _labelled_vform(qs: list[CredalSet], outcomes: Outcomes, ar: Arithmetic) -> CredalSet:
    n = qs[0].n_outcomes
    N = len(outcomes)
    blocks = []
    for b, Q in enumerate(qs):
        pts = generating_points(Q)
        block = ar.filled((pts.shape[0], N), 0)
        block[:, b * n:(b + 1) * n] = pts
        blocks.append(block)
    return set_of_points(outcomes, np.vstack(blocks), ar)


def _labelled_hform(qs: list[CredalSet], outcomes: Outcomes, ar: Arithmetic) -> CredalSet:
    """``conv ⋃ {π} × Q(π)`` for H-form ``Q(π)``: each block's constraints homogenised by
    the block's mass (a cone over a polytope is closed, so this is the hull exactly)."""
    n = qs[0].n_outcomes
    N = len(outcomes)
    ub_rows: list[NDArray] = []
    eq_rows: list[NDArray] = []

    def row(b: int, coeffs: NDArray, rhs: Any) -> NDArray:
        r = ar.filled(N, 0)
        r[b * n:(b + 1) * n] = coeffs - rhs
        return r

    for b, Q in enumerate(qs):
        h = Q.representation.own_constraints()
        assert h is not None and h.lower is not None and h.upper is not None
        for a, c in zip(h.A_ub, h.b_ub, strict=True):
            ub_rows.append(row(b, a, c))
        for a, c in zip(h.A_eq, h.b_eq, strict=True):
            eq_rows.append(row(b, a, c))
        unit = ar.filled(n, 0)
        for i in range(n):
            e = unit.copy()
            e[i] = 1
            if h.lower[i] > 0:  # lower_i m <= mu_i
                ub_rows.append(row(b, -e, -h.lower[i]))
            if h.upper[i] < 1:  # mu_i <= upper_i m
                ub_rows.append(row(b, e, h.upper[i]))

    def stack(rows: list[NDArray]) -> NDArray:
        return np.vstack(rows) if rows else ar.filled((0, N), 0)

    A_ub, A_eq = stack(ub_rows), stack(eq_rows)
    hform = Constraints.build(N, ar, A_ub=A_ub, b_ub=ar.filled(A_ub.shape[0], 0),
                              A_eq=A_eq, b_eq=ar.filled(A_eq.shape[0], 0))
    return set_of_constraints(outcomes, hform, ar)


def _restore(belief: CredalSet, utility: NDArray,
             policies: dict[Hashable, tuple[Hashable, ...]], empty: Empty) -> DDTProblem:
    return DDTProblem(belief, utility, policies, empty=empty)

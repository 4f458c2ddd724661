"""Operations on credal sets: containment and inclusion, meets and joins,
mixtures, pushforwards, strong products and conditioning.

Every operation answers in the forms its inputs already have where it can:

* ``contains`` checks a point against the set's own constraints, vertices or ball;
* ``issubset`` asks the *smaller* set for upper expectations of the larger set's
  constraint rows when the larger one is in H-form (no vertex enumeration of either), and
  otherwise checks the smaller set's vertices against the larger one;
* ``intersection`` stacks constraints (V-form inputs are converted by exact facet
  enumeration); ``convex_hull``, ``mixture``, ``pushforward``, ``product`` and ``condition``
  work on vertices and return V-form sets.

Results are exact when every input is exact.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from fractions import Fraction
from typing import Any

import numpy as np

from ._core import numbers as nums
from ._core.arith import Arithmetic, arithmetic_of
from ._core.outcomes import event_mask, make_outcomes
from ._core.types import NDArray
from .errors import EmptySetError, InvalidArgumentError
from .expectations import lower_probability, upper_probability
from .sets import Constraints, CredalSet, Form
from .sets._relations import check_set as _check_set
from .sets._relations import contains, equals, issubset, set_of_constraints, set_of_points
from .sets._relations import same_outcomes as _same_outcomes
from .tolerance import DEFAULT_ATOL, check_atol

__all__ = ["contains", "issubset", "equals", "intersection", "convex_hull", "mixture",
           "pushforward", "product", "condition"]


# -- containment and inclusion: answered in the sets layer (credal.sets._relations) -----
# -- meets and joins -------------------------------------------------------------------
def _sets(sets: Sequence[Any], name: str) -> tuple[list[CredalSet], Arithmetic]:
    if len(sets) == 0:
        raise InvalidArgumentError(f"{name} needs at least one credal set, got none")
    out = []
    for i, S in enumerate(sets):
        if not isinstance(S, CredalSet):
            raise InvalidArgumentError(
                f"{name}: argument {i} must be a CredalSet, got {type(S).__name__}: "
                f"{nums.show(S)}")
        out.append(S)
    for i, S in enumerate(out[1:], start=1):
        _same_outcomes(out[0], S, ("the first set", f"set {i}"))
    ar = arithmetic_of(*(S.is_exact for S in out))
    return (out if ar.exact else [S.to_float() for S in out]), ar


def intersection(*sets: CredalSet) -> CredalSet:
    """The meet ``S ∩ T ∩ ...`` of credal sets over the same outcomes.

    Parameters
    ----------
    *sets : CredalSet
        One or more sets over the same outcomes.

    Returns
    -------
    CredalSet
        In H-form: the constraints of every input stacked (a V-form input contributes its
        facets, found by exact facet enumeration for an exact set; a TV ball its
        ``2^n − 2`` event constraints). Exact when every input is exact. The intersection of
        probability-interval sets keeps the interval structure (and its closed form).

    Raises
    ------
    EmptySetError
        When the sets have no distribution in common (decided exactly for exact sets).
    InvalidArgumentError
        Not credal sets, different outcomes, or a TV ball over more than 12 outcomes
        (its facets would be too many).

    Notes
    -----
    Cost: O(M n) to stack M rows in all, and one feasibility LP. A V-form input first costs
    its facet enumeration (:attr:`CredalSet.constraints`: possibly exponential in n;
    cached on it); a TV ball writes its ``2^n − 2`` rows.

    Examples
    --------
    >>> import credal as cr
    >>> S = cr.CredalSet.from_bounds(["1/4", 0], [1, 1])
    >>> T = cr.CredalSet.from_vertices([[0, 1], ["1/2", "1/2"]])
    >>> cr.intersection(S, T).vertices
    array([[Fraction(1, 4), Fraction(3, 4)],
           [Fraction(1, 2), Fraction(1, 2)]], dtype=object)
    """
    ss, ar = _sets(sets, "intersection")
    if len(ss) == 1:
        return ss[0]
    forms = [S.representation.written_constraints() for S in ss]
    lower = forms[0].lower
    upper = forms[0].upper
    for h in forms[1:]:
        lower = np.array([max(a, b) for a, b in zip(lower, h.lower, strict=True)],
                         dtype=lower.dtype)
        upper = np.array([min(a, b) for a, b in zip(upper, h.upper, strict=True)],
                         dtype=upper.dtype)
    n = ss[0].n_outcomes
    hform = Constraints.build(n, ar, A_ub=np.vstack([h.A_ub for h in forms]),
                              b_ub=np.concatenate([h.b_ub for h in forms]),
                              A_eq=np.vstack([h.A_eq for h in forms]),
                              b_eq=np.concatenate([h.b_eq for h in forms]),
                              lower=lower, upper=upper)
    if hform.A_ub.shape[0] == 0 and hform.A_eq.shape[0] == 0:  # intervals meet as intervals
        from .sets._set import bounds_set

        return bounds_set(ss[0].outcomes, lower, upper, ar, _EMPTY_MEET)
    return set_of_constraints(ss[0].outcomes, hform, ar, check=_EMPTY_MEET)


_EMPTY_MEET = ("the credal sets have no distribution in common: their intersection is empty "
               "(the assessments together incur sure loss)")


def convex_hull(*sets: CredalSet) -> CredalSet:
    """The join ``conv(S ∪ T ∪ ...)`` of credal sets over the same outcomes.

    Its lower expectation is the minimum of the inputs' lower expectations.

    Returns
    -------
    CredalSet
        In V-form: the vertices of every input (H-form inputs are enumerated). Exact when
        every input is exact.

    Notes
    -----
    Cost: :attr:`CredalSet.vertices` of every input (vertex enumeration for an H-form one,
    one LP per point for a V-form one; cached), then O(Σ k n) to stack them.

    Examples
    --------
    >>> import credal as cr
    >>> S = cr.convex_hull(cr.precise([1, 0]), cr.precise(["1/2", "1/2"]))
    >>> cr.lower_expectation(S, [0, 1])
    Fraction(0, 1)
    """
    ss, ar = _sets(sets, "convex_hull")
    if len(ss) == 1:
        return ss[0]
    points = np.vstack([S.vertices for S in ss])
    return set_of_points(ss[0].outcomes, points.copy(), ar)


def mixture(sets: Sequence[CredalSet], weights: Any, *,
            atol: float = DEFAULT_ATOL) -> CredalSet:
    """The Minkowski mixture ``Σ w_i S_i = {Σ w_i p_i : p_i in S_i}``.

    Parameters
    ----------
    sets : sequence of CredalSet
        Over the same outcomes.
    weights : (len(sets),) array_like
        Nonnegative, summing to 1 (exactly for exact weights, within ``atol`` for floats).
    atol : float

    Returns
    -------
    CredalSet
        ``lower E_mix f = Σ w_i lower E_{S_i} f``. A mixture of contaminations with one
        ``ε`` is a contamination (its closed form is kept); otherwise a V-form set whose
        points are the weighted sums of vertices. Exact when the sets and the weights are.

    Raises
    ------
    InvalidArgumentError
        Weights negative, not summing to 1, or not one per set; sets over different
        outcomes.

    Notes
    -----
    Cost: O(len(sets) n) for contaminations with one ε. Otherwise every input's vertices, then
    per set a step with c = k k_i candidates (the k points so far times its k_i vertices),
    pruned with O(c² n) work and one LP per candidate; up to Π k_i points, so it can blow up.

    Examples
    --------
    >>> import credal as cr
    >>> M = cr.mixture([cr.vacuous(2), cr.precise([1, 0])], ["1/4", "3/4"])
    >>> cr.lower_expectation(M, [1, 0])
    Fraction(3, 4)
    """
    atol = check_atol(atol)
    if isinstance(sets, CredalSet) or not isinstance(sets, Iterable):
        raise InvalidArgumentError(
            f"sets must be a list of credal sets, got {nums.show(sets)}")
    ss, sets_ar = _sets(list(sets), "mixture")
    w, w_exact = nums.weight_vector(weights, len(ss), "set", atol)
    exact = sets_ar.exact and w_exact
    ar = arithmetic_of(exact)
    if not exact:
        ss = [S.to_float() for S in ss]
        w = nums.to_float(w)
        w = w / w.sum()
    pairs = [(S, wi) for S, wi in zip(ss, w, strict=True) if wi > 0]
    labels = ss[0].outcomes
    forms: list[Form] = [S.representation for S, _ in pairs]
    closed = type(forms[0]).mixture(forms, [wi for _, wi in pairs])
    if closed is not None:  # e.g. contaminations with one epsilon: still a contamination
        return _of_form(labels, closed)
    from ._polyhedra.points import minimal_points

    acc, mass = pairs[0][0].vertices, pairs[0][1]
    for S, wi in pairs[1:]:
        t = wi / (mass + wi)
        V = S.vertices
        acc = ((1 - t) * acc[:, None, :] + t * V[None, :, :]).reshape(-1, acc.shape[1])
        acc = minimal_points(acc, ar)
        mass = mass + wi
    if not exact:
        acc = np.clip(np.asarray(acc, dtype=np.float64), 0.0, None)
        acc = acc / acc.sum(axis=1, keepdims=True)
    return set_of_points(labels, np.array(acc), ar)


# -- changes of outcome space ----------------------------------------------------------
def pushforward(S: CredalSet,
                mapping: Mapping[Hashable, Hashable] | Callable[[Hashable], Hashable]
                ) -> CredalSet:
    """The image ``{φ_* p : p in S}`` of a credal set along ``φ: outcomes -> new outcomes``.

    Marginals are pushforwards: ``pushforward(S, lambda xy: xy[0])`` on pair outcomes.

    Parameters
    ----------
    S : CredalSet
    mapping : mapping outcome -> new outcome, or callable
        Must give an image for every outcome of ``S``. The new outcomes are the images in
        order of first appearance.

    Returns
    -------
    CredalSet
        ``lower E_{φ*S} g = lower E_S (g ∘ φ)``. A TV ball or a contamination maps to one
        of the same radius around the image of its centre; other sets map their vertices
        (V-form). Exact when ``S`` is.

    Raises
    ------
    InvalidArgumentError
        An outcome with no image, a key that is not an outcome, an unhashable image, or a
        callable that raises.

    Notes
    -----
    Cost: O(n) for a TV ball or a contamination, O(k n) for a V-form set (its given points);
    an H-form set is first vertex-enumerated (:attr:`CredalSet.vertices`; cached).

    Examples
    --------
    >>> import credal as cr
    >>> S = cr.CredalSet.from_vertices([["1/2", "1/4", "1/4"], [0, "1/2", "1/2"]],
    ...                                outcomes=["a", "b", "c"])
    >>> M = cr.pushforward(S, {"a": "x", "b": "y", "c": "y"})
    >>> M.outcomes, cr.lower_probability(M, ["x"])
    (('x', 'y'), Fraction(0, 1))
    """
    S = _check_set(S)
    images = _images(S.outcomes, mapping)
    labels = make_outcomes(list(dict.fromkeys(images)), None, "images")
    index = {y: j for j, y in enumerate(labels)}
    cols = [index[y] for y in images]

    def push(P: NDArray) -> NDArray:
        out = S.arithmetic.filled((P.shape[0], len(labels)), 0)
        for i, j in enumerate(cols):
            out[:, j] = out[:, j] + P[:, i]
        return out

    form = S.representation
    closed = form.pushforward(push, len(labels))
    if closed is not None:  # a TV ball or a contamination: the same shape
        return _of_form(labels, closed)
    points = form.points()
    return set_of_points(labels, push(S.vertices if points is None else points),
                         S.arithmetic)


def _images(outcomes: tuple[Hashable, ...], mapping: Any) -> list[Hashable]:
    if isinstance(mapping, Mapping):
        unknown = [k for k in mapping if k not in set(outcomes)]
        if unknown:
            raise InvalidArgumentError(
                f"mapping has the key {unknown[0]!r}, which is not an outcome; the outcomes "
                f"are {nums.show(list(outcomes))}")
        missing = [x for x in outcomes if x not in mapping]
        if missing:
            raise InvalidArgumentError(
                f"mapping gives no image for the outcome {missing[0]!r}; map every outcome")
        images = [mapping[x] for x in outcomes]
    elif callable(mapping):
        images = []
        for x in outcomes:
            try:
                images.append(mapping(x))
            except Exception as exc:
                raise InvalidArgumentError(
                    f"mapping raised {type(exc).__name__}: {exc} for the outcome {x!r}; it "
                    f"must map every outcome") from exc
    else:
        raise InvalidArgumentError(
            f"mapping must be a dict outcome -> new outcome or a callable, got "
            f"{nums.show(mapping)}")
    for x, y in zip(outcomes, images, strict=True):
        try:
            hash(y)
        except TypeError:
            raise InvalidArgumentError(
                f"mapping sends {x!r} to {y!r}, which is not hashable; outcomes must be "
                f"hashable (use a tuple instead of a list)") from None
    return images


def product(S: CredalSet, T: CredalSet) -> CredalSet:
    """The strong product ``S ⊠ T = conv{p ⊗ q : p vertex of S, q vertex of T}``.

    Parameters
    ----------
    S, T : CredalSet
        Over outcomes ``X`` and ``Y``.

    Returns
    -------
    CredalSet
        Over the pairs ``(x, y)`` in row-major order, in V-form. Every product of two
        vertices is a vertex (its marginals are the two vertices), so the result has
        ``k_S · k_T`` vertices. Its marginals are ``S`` and ``T``. Exact when both are.

    Notes
    -----
    Cost: the vertices of both sets (enumerated for H-form ones), then O(K N) for the
    K = k_S k_T products over N = n_S n_T pairs, and sorting them: O(K log K · N) exact,
    O(K² N) float (a pairwise duplicate check; about 10 s for K = 3,600, N = 100).

    Examples
    --------
    >>> import credal as cr
    >>> P = cr.product(cr.precise(["1/2", "1/2"], outcomes=["H", "T"]), cr.vacuous(["a", "b"]))
    >>> P.outcomes
    (('H', 'a'), ('H', 'b'), ('T', 'a'), ('T', 'b'))
    >>> cr.lower_probability(P, [("H", "a"), ("T", "a")])
    Fraction(0, 1)
    """
    S, T = _check_set(S), _check_set(T)
    exact = S.is_exact and T.is_exact
    if not exact:
        S, T = S.to_float(), T.to_float()
    labels = tuple((x, y) for x in S.outcomes for y in T.outcomes)
    A, B = S.vertices, T.vertices
    points = (A[:, None, :, None] * B[None, :, None, :]).reshape(
        A.shape[0] * B.shape[0], len(labels))
    from ._polyhedra.points import sort_rows

    ar = arithmetic_of(exact)
    return set_of_points(labels, np.array(points), ar,
                         vertices=nums.readonly(sort_rows(points, ar)))


# -- conditioning ----------------------------------------------------------------------
RULES = ("bayes", "regular")


def condition(S: CredalSet, event: Iterable[Hashable], *, rule: str = "bayes",
              atol: float = DEFAULT_ATOL) -> CredalSet:
    """Condition a credal set on an event.

    Parameters
    ----------
    S : CredalSet
    event : iterable of outcomes
        The observed event ``B``.
    rule : {"bayes", "regular"}
        ``"bayes"``: the generalized Bayes rule ``{p(· | B) : p in S}``, defined when the
        lower probability ``P̲(B) > 0``. ``"regular"``: the regular extension, conditioning
        only the ``p`` with ``p(B) > 0``; defined when ``P̄(B) > 0``, and equal to the
        generalized Bayes rule when ``P̲(B) > 0``.
    atol : float
        For float sets, probabilities at most ``atol`` count as zero.

    Returns
    -------
    CredalSet
        Over the same outcomes (mass 0 outside ``B``), in V-form: the convex hull of the
        conditioned vertices (those with ``p(B) > 0`` for the regular extension). Its lower
        expectation of ``f`` is the root ``x`` of ``lower E(1_B (f − x)) = 0``. Exact when
        ``S`` is.

    Raises
    ------
    InvalidArgumentError
        An unknown rule or outcome; ``rule="bayes"`` when ``P̲(B) = 0 < P̄(B)`` (the message
        suggests ``rule="regular"``).
    EmptySetError
        When ``P̄(B) = 0``: no distribution in ``S`` gives ``B`` positive probability.

    Notes
    -----
    Cost: one upper (and for ``"bayes"`` one lower) probability, then ``S.vertices``
    (vertex enumeration for an H-form set, one LP per point for a V-form set; cached) and
    O(k n) to condition them.

    Examples
    --------
    >>> import credal as cr
    >>> S = cr.CredalSet.from_vertices([["1/2", "1/4", "1/4"], ["1/4", "1/4", "1/2"]])
    >>> C = cr.condition(S, [0, 1])
    >>> cr.lower_probability(C, [0]), cr.upper_probability(C, [0])
    (Fraction(1, 2), Fraction(2, 3))
    """
    S = _check_set(S)
    atol = check_atol(atol)
    if not isinstance(rule, str) or rule not in RULES:
        raise InvalidArgumentError(
            f"rule must be 'bayes' (generalized Bayes rule) or 'regular' (regular "
            f"extension), got {rule!r}")
    mask = event_mask(event, S.outcomes, "event")
    members = [x for x, m in zip(S.outcomes, mask, strict=True) if m]
    exact = S.is_exact
    zero = Fraction(0) if exact else atol
    upper = upper_probability(S, members) if members else zero
    if upper <= zero:
        raise EmptySetError(
            f"every distribution in S gives the event {nums.show(members, 60)} probability "
            f"{'0' if exact else f'at most atol={atol}'} (its upper probability is "
            f"{nums.number_str(upper)}); "
            f"conditioning on it leaves no distribution")
    if rule == "bayes":
        lower = lower_probability(S, members)
        if lower <= zero:
            raise InvalidArgumentError(
                f"the generalized Bayes rule needs a positive lower probability of the event "
                f"{nums.show(members, 60)}, but it is {nums.number_str(lower)}"
                f"{'' if exact else f' (at most atol={atol})'}; use rule='regular' (the "
                f"regular extension, defined since the upper probability is {upper} > 0)")
    V = S.vertices
    weights = np.array([sum(row[mask]) for row in V], dtype=object if exact else np.float64)
    keep = np.array([w > zero for w in weights], dtype=bool)
    V, weights = V[keep], weights[keep]
    C = V * mask[None, :]
    C = C / weights[:, None]
    if not exact:
        C = np.asarray(C, dtype=np.float64)
        C = C / C.sum(axis=1, keepdims=True)
    return set_of_points(S.outcomes, np.array(C), S.arithmetic)


def _of_form(outcomes: tuple[Any, ...], form: Form) -> CredalSet:
    """The set of a form an operation built in closed form."""
    from .sets._set import CredalSet as _Set

    return _Set._of(outcomes, form)

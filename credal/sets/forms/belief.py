"""The credal set of a Dempster–Shafer belief function, given by its Möbius masses.

A *mass function* ``m`` puts nonnegative masses summing to 1 on non-empty events, its
*focal sets*; its belief function is ``Bel(A) = sum_{F subset of A} m(F)`` (Shafer 1976).
The credal set is ``{p : p(A) >= Bel(A) for every event A}``, and it is also the set of
the distributions reached by *allocating* each focal mass over the outcomes of its focal
set (Dempster 1967): that allocation polytope, mapped to the outcomes, is the lifted
H-form :meth:`BeliefForm.region`.

Closed forms:

* a lower expectation is the Choquet integral ``sum_F m(F) min_{x in F} f(x)``: each focal
  set puts its mass on an outcome where the gamble is smallest in it (which is also the
  minimiser), O(sum |F|) per gamble;
* the vertices are the marginal vectors: for an ordering of the outcomes, each focal set
  gives its mass to the first of its outcomes; they are enumerated as distinct
  allocations, not over the ``n!`` orderings;
* the image along an outcome map is the belief function of the images of the focal sets.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Hashable, Iterable, Mapping
from fractions import Fraction
from typing import TYPE_CHECKING, Any

import numpy as np

from ..._core import numbers as nums
from ..._core.arith import Arithmetic, arithmetic_of
from ..._core.outcomes import event_mask, make_outcomes, pandas_kind, series_mapping
from ..._core.types import NDArray
from ..._polyhedra.budget import Progress
from ...errors import InvalidArgumentError, TooManyVerticesError
from ...tolerance import DEFAULT_ATOL, check_atol
from .._form import Constraints, Form, Region

if TYPE_CHECKING:
    from .._set import CredalSet

#: The largest belief function (in outcomes) whose event constraints are written out.
MAX_BELIEF_FACETS_N = 12
#: The largest bound ``min(n!, prod |F|)`` on the number of marginal vectors for which
#: :meth:`BeliefForm.vertices` enumerates them (above it, it refuses at once).
MAX_BELIEF_POINTS = 100_000


class BeliefForm(Form):
    """Focal sets (an ``(k, n)`` boolean array, one row per focal set, none empty) and their
    masses (``(k,)``, positive, summing to 1)."""

    name = "belief_function"

    focal: NDArray
    masses: NDArray

    def __init__(self, ar: Arithmetic, focal: NDArray, masses: NDArray) -> None:
        object.__setattr__(self, "focal", focal)
        object.__setattr__(self, "masses", masses)
        self._init(ar, focal.shape[1])

    def state(self) -> tuple[Any, ...]:
        return (self.ar, self.focal, self.masses)

    def arrays(self) -> Iterable[NDArray]:
        return (self.focal, self.masses)

    def convert(self, ar: Arithmetic, max_denominator: int | None) -> Form:
        masses = ar.convert(self.masses, max_denominator)
        if ar.exact:  # rounded masses must still sum to 1 exactly
            if sum(masses) <= 0:
                raise InvalidArgumentError(
                    f"max_denominator={max_denominator} rounds the masses "
                    f"{nums.show(self.masses)} to all zeros; pass a larger max_denominator")
            masses = ar.rows_to_distributions(masses)
        keep = masses > 0
        return BeliefForm(ar, self.focal[keep].copy(), masses[keep].copy())

    def call(self) -> tuple[str, str, list[str]]:
        return self.labelled_call(tuple(range(self.n)))

    def labelled_call(self, outcomes: tuple[Hashable, ...]) -> tuple[str, str, list[str]]:
        """:meth:`call` over labelled outcomes: the events are written with the labels, and
        ``outcomes=`` is among the arguments (the constructor requires it)."""
        events = [_event_literal(row, outcomes) for row in self.focal]
        return "belief_function", "belief function", [
            "{" + ", ".join(f"{e}: {nums.literal(v)}"
                            for e, v in zip(events, self.masses, strict=True)) + "}",
            f"outcomes={list(outcomes)!r}"]

    # -- closed forms -----------------------------------------------------------------------
    def lower_batch(self, F: NDArray, *, witness: bool,
                    backend: str | None) -> tuple[NDArray, NDArray | None]:
        if backend is not None:  # a named backend is a request for its LPs
            return super().lower_batch(F, witness=witness, backend=backend)
        return choquet_lower(F, self.focal, self.masses, self.ar, witness)

    def region(self) -> Region:
        region: Region = self._memo("region", lambda: allocation_region(
            self.focal, self.masses, self.ar))
        return region

    def written_constraints(self) -> Constraints:
        h: Constraints = self._memo("written", lambda: belief_constraints(
            self.focal, self.masses, self.ar))
        return h

    def _vertices(self, max_vertices: int | None, progress: Progress | None) -> NDArray:
        from ..._polyhedra.points import sort_rows

        # every marginal vector of a belief function is a vertex of its credal set
        # (Shapley 1971, convex games): only duplicates go
        return nums.readonly(sort_rows(marginal_vectors(self.focal, self.masses, self.ar),
                                       self.ar))

    def contains_all(self, P: NDArray, atol: float) -> bool | None:
        if self.n > MAX_BELIEF_FACETS_N:
            return None  # an LP over the allocations (the shared distance path)
        h = self.written_constraints()
        if self.ar.exact:
            return bool(all((h.A_ub @ p <= h.b_ub).all() for p in P))
        return bool((np.asarray(P, dtype=np.float64) @ h.A_ub.T <= h.b_ub + atol).all())

    def pushforward(self, push: Callable[[NDArray], NDArray], n_images: int) -> Form:
        # each outcome's image: push the point masses
        image = push(self.ar.eye(self.n))
        target = np.array([int(np.flatnonzero(np.asarray(row != 0))[0]) for row in image])
        focal = np.zeros((self.focal.shape[0], n_images), dtype=bool)
        for k, row in enumerate(self.focal):
            focal[k, target[row]] = True
        return belief_form(self.ar, focal, self.masses)

    def belief(self, mask: NDArray) -> Any:
        """``Bel(A)`` of the event with boolean mask ``mask``."""
        inside = ~(self.focal & ~mask[None, :]).any(axis=1)
        return sum(self.masses[inside], self.ar.zero())


# --------------------------------------------------------------------------------------
# Kernels (plain arrays)
# --------------------------------------------------------------------------------------
def choquet_lower(F: NDArray, focal: NDArray, masses: NDArray, ar: Arithmetic,
                  witness: bool) -> tuple[NDArray, NDArray | None]:
    """``sum_F m(F) min_{x in F} f(x)`` for each row of ``F`` (the Choquet integral of the
    belief function), and a minimiser: each focal mass on the first outcome where the row
    is smallest in its focal set. O(sum |F|) per row, vectorised over the rows."""
    m = F.shape[0]
    rows = np.arange(m)
    values = ar.filled(m, 0)
    q = ar.filled((m, F.shape[1]), 0) if witness else None
    for mask, w in zip(focal, masses, strict=True):
        cols = np.flatnonzero(mask)
        sub = F[:, cols]
        if witness or ar.exact:
            j = sub.argmin(axis=1)
            low = sub[rows, j]
            if q is not None:
                q[rows, cols[j]] = q[rows, cols[j]] + w
        else:
            low = sub.min(axis=1)
        values = values + w * low
    return values, q


def allocation_region(focal: NDArray, masses: NDArray, ar: Arithmetic) -> Region:
    """The allocations ``x_{F,i} >= 0`` (``i`` in ``F``) with ``sum_i x_{F,i} = m(F)``,
    mapped to the outcomes by ``p_i = sum_F x_{F,i}``: a lifted H-form of the set."""
    k, n = focal.shape
    owner, outcome = np.nonzero(focal)  # one variable per (focal set, outcome in it)
    v = owner.shape[0]
    A_eq = np.zeros((k + 1, v), dtype=np.int64)
    A_eq[owner, np.arange(v)] = 1
    A_eq[k] = 1  # sum(z) = 1, last
    image = np.zeros((n, v), dtype=np.int64)
    image[outcome, np.arange(v)] = 1
    b_eq = np.concatenate([masses, ar.filled(1, 1)])
    zero, one = ar.zero(), ar.one()
    return Region(n, ar.filled((0, v), 0), ar.filled(0, 0), ar.array(A_eq), b_eq,
                  (zero,) * v, (one,) * v, ar.array(image))


def belief_constraints(focal: NDArray, masses: NDArray, ar: Arithmetic) -> Constraints:
    """The rows ``-p(A) <= -Bel(A)`` for the events ``A != X`` with ``Bel(A) > 0`` (the others
    say ``p(A) >= 0``); refused above :data:`MAX_BELIEF_FACETS_N` outcomes.

    Notes
    -----
    Cost: O(2^n k n) to find the events (no LP; some rows may be redundant).
    """
    k, n = focal.shape
    if n > MAX_BELIEF_FACETS_N:
        raise InvalidArgumentError(
            f"this needs the belief function over {n} outcomes in constraint form, which has "
            f"up to 2^{n} - 2 = {2 ** n - 2} event constraints p(A) >= Bel(A); above "
            f"{MAX_BELIEF_FACETS_N} outcomes that conversion is refused. Ask in the belief "
            f"function's own form (lower expectations, lower probabilities, containment)")
    events = ((np.arange(1, 2 ** n - 1)[:, None] >> np.arange(n)[None, :]) & 1).astype(bool)
    # Bel(A) > 0 iff A contains a focal set
    contains = ~(focal[None, :, :] & ~events[:, None, :]).any(axis=2)  # (events, k)
    useful = contains.any(axis=1)
    events, contains = events[useful], contains[useful]
    bel = np.array([sum(masses[c], ar.zero()) for c in contains], dtype=ar.dtype) \
        if ar.exact else contains.astype(np.float64) @ np.asarray(masses, dtype=np.float64)
    A = -ar.array(events.astype(np.int64)).reshape(-1, n)
    return Constraints.build(n, ar, A_ub=A, b_ub=-ar.array(bel).reshape(-1))


def marginal_vector_bound(focal: NDArray) -> int:
    """An upper bound on the number of distinct marginal vectors: ``min(n!, prod |F|)``
    (each is fixed by one outcome chosen per focal set). O(k + n)."""
    sizes = [int(s) for s in focal.sum(axis=1) if s > 1]
    n = focal.shape[1]
    limit = MAX_BELIEF_POINTS + 1
    product = 1
    for s in sizes:
        product = min(product * s, limit)
    return min(product, math.factorial(n) if n < 12 else limit)


def marginal_vectors(focal: NDArray, masses: NDArray, ar: Arithmetic) -> NDArray:
    """The distinct marginal vectors of the belief function: for an ordering of the
    outcomes, each focal set gives its mass to the first of its outcomes in the ordering.

    Enumerated as partial allocations, not over the ``n!`` orderings: a state is the set of
    focal sets not yet allocated and the masses given so far; its successors pick a next
    outcome among those that take at least one unallocated focal set (an outcome in none of
    them changes nothing), and equal states are merged. Refused up front with
    :class:`~credal.errors.TooManyVerticesError` when the bound ``min(n!, prod |F|)`` on
    their number exceeds :data:`MAX_BELIEF_POINTS`.
    """
    k, n = focal.shape
    bound = marginal_vector_bound(focal)
    if bound > MAX_BELIEF_POINTS:
        raise TooManyVerticesError(
            f"the belief function over {n} outcomes with {k} focal sets may have up to "
            f"min(n!, prod |F|) > {MAX_BELIEF_POINTS:,} marginal vectors (the vertices of its "
            f"credal set), more than are enumerated; ask in its own form (lower expectations "
            f"and probabilities are closed forms), or coarsen it", limit=MAX_BELIEF_POINTS,
            count=bound)

    full = (1 << k) - 1
    members = [sum(1 << j for j in range(k) if focal[j, i]) for i in range(n)]
    zero = ar.zero()
    states: dict[tuple[int, tuple[Any, ...]], None] = {(full, (zero,) * n): None}
    done: dict[tuple[Any, ...], None] = {}
    while states:
        nxt: dict[tuple[int, tuple[Any, ...]], None] = {}
        for left, alloc in states:
            if left == 0:
                done[alloc] = None
                continue
            for i in range(n):
                take = members[i] & left
                if not take:
                    continue
                mass = sum((masses[j] for j in range(k) if take >> j & 1), zero)
                new = alloc[:i] + (alloc[i] + mass,) + alloc[i + 1:]
                nxt[(left & ~take, new)] = None
        states = nxt
    out = np.empty((len(done), n), dtype=ar.dtype)
    for r, alloc in enumerate(done):
        out[r] = alloc
    return out


def _event_literal(row: NDArray, outcomes: tuple[Hashable, ...]) -> str:
    labels = [repr(outcomes[i]) for i in np.flatnonzero(row)]
    return "(" + ", ".join(labels) + ("," if len(labels) == 1 else "") + ")"


def belief_form(ar: Arithmetic, focal: NDArray, masses: NDArray) -> BeliefForm:
    """A form with equal focal sets merged (their masses added) and zero masses dropped."""
    index: dict[bytes, int] = {}
    rows: list[NDArray] = []
    total: list[Any] = []
    for row, w in zip(focal, masses, strict=True):
        key = row.tobytes()
        if key in index:
            total[index[key]] += w
        else:
            index[key] = len(rows)
            rows.append(row)
            total.append(w)
    keep = [j for j in range(len(rows)) if total[j] > 0]
    F = np.array([rows[j] for j in keep], dtype=bool).reshape(len(keep), focal.shape[1])
    return BeliefForm(ar, F, ar.array([total[j] for j in keep]))


# --------------------------------------------------------------------------------------
# The public constructor
# --------------------------------------------------------------------------------------
def belief_function(masses: Mapping[Any, Any], *, outcomes: Iterable[Hashable],
                    atol: float = DEFAULT_ATOL) -> CredalSet:
    r"""The credal set of the belief function with Möbius masses ``masses``.

    .. math::

        \mathrm{Bel}(A) = \sum_{F \subseteq A} m(F), \qquad
        \mathcal{C} = \{p : p(A) \ge \mathrm{Bel}(A) \text{ for every event } A\},
        \qquad \underline{E} f = \sum_F m(F) \min_{x \in F} f(x).

    Parameters
    ----------
    masses : mapping event -> number
        The Möbius masses of the focal sets: each key an event (a non-empty iterable of
        outcomes such as a tuple or frozenset; a single outcome is not an event, write
        ``("a",)``), each value nonnegative, summing to 1. Events with mass 0 are dropped.
        A pandas Series (its index holding the events) is read like a mapping.
    outcomes : sequence of hashable
        The outcomes (required: the events do not say which outcomes have no mass).
    atol : float
        Float masses must sum to 1 within ``atol`` (they are then renormalised).

    Returns
    -------
    CredalSet
        In the form ``"belief_function"``. Lower expectations are Choquet integrals and
        lower probabilities belief values (closed forms, no LP).

    Raises
    ------
    InvalidArgumentError
        ``masses`` not a non-empty mapping; an event that is empty, not an iterable of
        outcomes, or named by two keys (such as ``("a", "b")`` and ``("b", "a")``: merge
        them, adding their masses); a mass that is negative or not a number; masses not
        summing to 1.

    Notes
    -----
    Cost: O(k n) to build for ``k`` focal sets. A lower expectation is O(sum |F|) per
    gamble. The vertices (the marginal vectors) number at most ``min(n!, prod |F|)`` and
    are refused beyond :data:`MAX_BELIEF_POINTS`; the event constraints (up to ``2^n - 2``)
    are refused above :data:`MAX_BELIEF_FACETS_N` outcomes. Distances and containment above
    that size use an LP over the mass allocations.

    References
    ----------
    G. Shafer, *A Mathematical Theory of Evidence*, Princeton University Press, 1976.
    A. P. Dempster, "Upper and lower probabilities induced by a multivalued mapping",
    *Annals of Mathematical Statistics* 38(2), 1967.

    Examples
    --------
    >>> import credal as cr
    >>> S = cr.belief_function({("a",): "1/2", ("b", "c"): "1/3", ("a", "b", "c"): "1/6"},
    ...                        outcomes=["a", "b", "c"])
    >>> cr.lower_probability(S, ["a", "b"]), cr.lower_probability(S, ["b", "c"])
    (Fraction(1, 2), Fraction(1, 3))
    >>> cr.lower_expectation(S, [4, 0, 2])       # 1/2 * 4 + 1/3 * 0 + 1/6 * 0
    Fraction(2, 1)
    """
    from .._set import CredalSet

    labels = make_outcomes(outcomes, None)
    if pandas_kind(masses) == "series":
        masses = series_mapping(masses, "masses")
    if not isinstance(masses, Mapping) or not masses:
        raise InvalidArgumentError(
            f"masses must be a non-empty mapping event -> mass, such as "
            f"{{('a',): '1/2', ('a', 'b'): '1/2'}}, got {nums.show(masses)}")
    n = len(labels)
    keys = list(masses)
    focal = np.zeros((len(keys), n), dtype=bool)
    seen: dict[bytes, Any] = {}
    for r, key in enumerate(keys):
        mask = event_mask(key, labels, f"masses: the event {nums.show(key, 60)}")
        if not mask.any():
            raise InvalidArgumentError(
                f"masses gives mass to the empty event {nums.show(key)}; a belief function's "
                f"focal sets are non-empty (m(empty) = 0): drop it")
        if mask.tobytes() in seen:
            raise InvalidArgumentError(
                f"masses names one event twice, as {nums.show(seen[mask.tobytes()])} and as "
                f"{nums.show(key)}; merge them into one key with the sum of their masses")
        seen[mask.tobytes()] = key
        focal[r] = mask
    w, exact = nums.as_numbers(np.array([masses[k] for k in keys], dtype=object), "masses")
    if w.ndim != 1:
        raise InvalidArgumentError(f"masses must map each event to one number, got "
                                   f"{nums.show(masses)}")
    tol = check_atol(atol)
    neg = [(k, v) for k, v in zip(keys, w, strict=True) if v < (0 if exact else -tol)]
    if neg:
        raise InvalidArgumentError(
            f"masses must be nonnegative; the event {nums.show(neg[0][0])} has mass "
            f"{nums.number_str(neg[0][1])}")
    total = sum(w, Fraction(0)) if exact else float(w.sum())
    if (exact and total != 1) or (not exact and abs(total - 1.0) > tol):
        raise InvalidArgumentError(
            f"masses must sum to 1, got {nums.show(w)} summing to {nums.number_str(total)}; "
            f"normalise them" + ("" if exact else f" (float masses within atol={tol})"))
    if not exact:
        w = np.clip(w, 0.0, None)
        w = w / w.sum()
    ar = arithmetic_of(exact)
    return CredalSet._of(labels, belief_form(ar, focal, ar.array(w)))


__all__ = ["BeliefForm", "belief_function", "MAX_BELIEF_FACETS_N", "MAX_BELIEF_POINTS"]

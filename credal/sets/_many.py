"""Lower expectations of many credal sets over the same outcomes, one gamble each, asked
again and again: the backups of a sequential decision problem (value iteration over a
supra-MDP asks ``E_{T(s, a)} V`` for every state-action pair at every step)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from .._core import numbers as nums
from .._core.types import NDArray
from ..errors import InvalidArgumentError
from ..lp._batched import LockstepSimplex, lockstep_groups
from ._answers import VERTEX_WORK_MAX, intervals_of_rows
from ._form import Form, Region
from ._lp import region_lp
from ._set import CredalSet

__all__ = ["SetBatch"]


class SetBatch:
    """Lower expectations of many credal sets over the same outcomes, one gamble each,
    asked again and again (the backups of a sequential decision problem).

    Parameters
    ----------
    sets : sequence of CredalSet, length L >= 1
        All over the same number ``n`` of outcomes and in the same arithmetic (all exact
        or all float).

    Raises
    ------
    InvalidArgumentError
        No sets, something that is not a credal set, different outcome counts, or exact
        sets mixed with float ones.

    Notes
    -----
    ``lower(G)[i] = min_{p in S_i} p·G[i]``, as :func:`credal.lower_expectation` gives it:
    exact sets and gambles give exactly right ``Fraction`` values (each set's own exact
    path), float ones float64 values within ``1e-9 * (max G[i] - min G[i])``.

    Float sets are answered, in one pass per call:

    * sets with a closed form (contamination, TV balls, probability intervals, belief
      functions, ...) by it, one set at a time (O(n log n) each);
    * sets given by points (or whose few vertices are already enumerated) by one product
      over all their points together;
    * plain H-form sets, which would otherwise take one LP each, by the lockstep simplex
      (:class:`credal.lp._batched.LockstepSimplex`): one batched revised simplex over all
      their LPs, each gamble first mapped onto ``[0, 1]`` (so the LP tolerance is relative
      to its range), each LP warm-started from its optimal basis of the previous call. An
      answer it does not certify (and any set with more than
      :data:`credal.lp._batched.LOCKSTEP_MAX_ROWS` constraint rows) is found by the set's
      own path (a HiGHS LP). When the gambles change little from call to call, as in value
      iteration, a call costs a few pivots per LP.

    A batch is meant to be used by one thread: it keeps the LPs' bases between calls.

    Examples
    --------
    >>> import credal as cr
    >>> from credal.sets import SetBatch
    >>> B = SetBatch([cr.vacuous(2), cr.CredalSet.from_bounds(["1/4", 0], [1, 1])])
    >>> B.lower(np.array([[1, 0], [1, 0]], dtype=object))
    array([Fraction(0, 1), Fraction(1, 4)], dtype=object)
    """

    def __init__(self, sets: Sequence[CredalSet]) -> None:
        if isinstance(sets, CredalSet) or not isinstance(sets, Sequence):
            raise InvalidArgumentError(
                f"sets must be a sequence (list or tuple) of CredalSet, got "
                f"{type(sets).__name__}: {nums.show(sets, 80)}; wrap a single set in a list")
        sets = list(sets)
        if not sets:
            raise InvalidArgumentError(
                "sets must hold at least one CredalSet, got an empty sequence")
        for i, S in enumerate(sets):
            if not isinstance(S, CredalSet):
                raise InvalidArgumentError(
                    f"sets[{i}] must be a CredalSet, got {type(S).__name__}: "
                    f"{nums.show(S, 80)}; build one with CredalSet.from_vertices, "
                    f"credal.vacuous, ...")
        n = sets[0].n_outcomes
        for i, S in enumerate(sets):
            if S.n_outcomes != n:
                raise InvalidArgumentError(
                    f"sets must all be over the same number of outcomes: sets[0] has {n} "
                    f"and sets[{i}] has {S.n_outcomes}; give every set over the same "
                    f"outcomes")
        exact = sets[0].is_exact
        for i, S in enumerate(sets):
            if S.is_exact != exact:
                kind = ("exact", "float")
                raise InvalidArgumentError(
                    f"sets must all be in one arithmetic: sets[0] is "
                    f"{kind[0 if exact else 1]} and sets[{i}] is "
                    f"{kind[0 if S.is_exact else 1]}; convert them with S.to_float() "
                    f"(or S.to_exact()) first")
        self._sets = tuple(sets)
        self._n = n
        self._exact = exact
        self._float_twin: SetBatch | None = None
        self._plan: _Plan | None = None  # the float fast path, built at the first call
        self._pivots = np.zeros(len(sets), dtype=np.int64)

    # -- properties ------------------------------------------------------------------------
    @property
    def n_sets(self) -> int:
        """The number ``L`` of sets."""
        return len(self._sets)

    @property
    def n_outcomes(self) -> int:
        """The number ``n`` of outcomes every set is over."""
        return self._n

    @property
    def is_exact(self) -> bool:
        """Whether the sets are exact (exact gambles then give ``Fraction`` answers)."""
        return self._exact

    @property
    def sets(self) -> tuple[CredalSet, ...]:
        """The sets, in order."""
        return self._sets

    @property
    def last_pivots(self) -> NDArray:
        """``(L,)`` int: the simplex pivots each set's LP took in the last call of
        :meth:`lower` or :meth:`upper` (0 for a set answered in closed form, over its
        points, or exactly)."""
        out: NDArray = self._pivots.copy()
        out.flags.writeable = False
        return out

    def __len__(self) -> int:
        return len(self._sets)

    def __repr__(self) -> str:
        kind = "exact" if self._exact else "float"
        return f"SetBatch({len(self._sets)} {kind} sets over {self._n} outcomes)"

    # -- answers ---------------------------------------------------------------------------
    def lower(self, G: NDArray) -> NDArray:
        """Lower expectations ``min_{p in S_i} p·G[i]``, one gamble per set.

        Parameters
        ----------
        G : (L, n) array_like
            Row ``i`` is the gamble asked of set ``i``: float64, or exact numbers (ints,
            ``Fraction``) for exact sets.

        Returns
        -------
        (L,) ndarray
            Object array of ``Fraction`` (exactly right) when the sets and ``G`` are exact;
            float64 otherwise (exact sets are then read as floats), each within
            ``1e-9 * (max G[i] - min G[i])``.

        Raises
        ------
        InvalidArgumentError
            ``G`` not of shape ``(L, n)``, not numbers, or with NaN or infinity.
        """
        F, exact = self._gambles(G, "G")
        if self._exact and not exact:
            twin = self._floats()
            out = twin.lower(F)
            self._pivots[:] = twin._pivots
            return out
        if exact and not self._exact:
            F = nums.to_float(F)
        return self._lower(F)

    def upper(self, G: NDArray) -> NDArray:
        """Upper expectations ``max_{p in S_i} p·G[i] = -lower(-G)[i]`` (see :meth:`lower`).
        """
        F, _ = self._gambles(G, "G")
        return self._negate(self.lower(-F))

    # -- internals -------------------------------------------------------------------------
    def _gambles(self, G: Any, name: str) -> tuple[NDArray, bool]:
        if not self._exact and isinstance(G, np.ndarray) and G.dtype.kind in "iu":
            G = G.astype(np.float64)  # the problem is float: no detour through Fractions
        F, exact = nums.as_numbers(G, name, copy=False)
        L, n = len(self._sets), self._n
        if F.shape != (L, n):
            raise InvalidArgumentError(
                f"{name} must have shape ({L}, {n}): one gamble over the {n} outcomes for "
                f"each of the {L} sets, got shape {F.shape}")
        return F, exact

    @staticmethod
    def _negate(values: NDArray) -> NDArray:
        out: NDArray = -values
        return out

    def _floats(self) -> SetBatch:
        """The same sets read as floats (for float gambles over exact sets)."""
        if self._float_twin is None:
            self._float_twin = SetBatch([S.to_float() for S in self._sets])
        return self._float_twin

    def _lower(self, F: NDArray) -> NDArray:
        """Lower expectations of the rows of ``F`` (already in the sets' arithmetic)."""
        self._pivots[:] = 0
        if self._exact:
            out = np.empty(len(self._sets), dtype=object)
            for i, S in enumerate(self._sets):
                out[i] = _own_lower(S.representation, F[i:i + 1])
            return out
        if self._plan is None:
            self._plan = _Plan(self._sets)
        return self._plan.lower(F, self._pivots)


def _own_lower(form: Form, F: NDArray) -> Any:
    """The form's own answer for the one gamble ``F`` ``(1, n)``."""
    values, _ = form.lower_batch(F, witness=False, backend=None)
    return values[0]


class _Plan:
    """How a batch of float sets is answered: the sets with points by one product over all
    of them, the plain H-forms (one LP per gamble otherwise) by the lockstep simplex, the
    closed forms (and anything the lockstep simplex did not certify) by their own path."""

    def __init__(self, sets: Sequence[CredalSet]) -> None:
        own: list[int] = []
        point_sets: list[tuple[int, NDArray]] = []
        lp_sets: list[tuple[int, Form, Region]] = []
        for i, S in enumerate(sets):
            form = S.representation
            kind = _kind(form)
            if isinstance(kind, np.ndarray):
                point_sets.append((i, kind))
            elif isinstance(kind, Region):
                lp_sets.append((i, form, kind))
            else:
                own.append(i)
        self.forms = [S.representation for S in sets]
        self.own = np.array(own, dtype=np.intp)
        # every set's points stacked; owner[k] is the set of point k
        self.point_sets = np.array([i for i, _ in point_sets], dtype=np.intp)
        if point_sets:
            self.points = np.vstack([P for _, P in point_sets])
            counts = [P.shape[0] for _, P in point_sets]
            self.owner = np.repeat(self.point_sets, counts)
            self.starts = np.concatenate([[0], np.cumsum(counts)[:-1]]).astype(np.intp)
        self.regions = {i: region for i, _, region in lp_sets}
        programs = [region_lp(form, region) for _, form, region in lp_sets]
        positions = np.array([i for i, _, _ in lp_sets], dtype=np.intp)
        groups, others = lockstep_groups(programs)
        self.groups: list[tuple[NDArray, LockstepSimplex]] = [
            (positions[g], solver) for g, solver in groups]
        self.own = np.sort(np.concatenate([self.own, positions[others]]))

    def lower(self, F: NDArray, pivots: NDArray) -> NDArray:
        out = np.empty(F.shape[0])
        if self.point_sets.size:
            products = np.einsum("kn,kn->k", self.points, F[self.owner])
            out[self.point_sets] = np.minimum.reduceat(products, self.starts)
        fallback = [self.own]
        for rows, solver in self.groups:
            values, certified = self._lockstep(F[rows], rows, solver)
            out[rows[certified]] = values[certified]
            pivots[rows] = solver.pivots
            fallback.append(rows[~certified])
        for i in np.concatenate(fallback):
            out[i] = _own_lower(self.forms[i], F[i:i + 1])
        return out

    def _lockstep(self, F: NDArray, rows: NDArray,
                  solver: LockstepSimplex) -> tuple[NDArray, NDArray]:
        """Lower expectations of the rows of ``F`` over the sets ``rows`` by the lockstep
        simplex, each gamble first mapped onto ``[0, 1]`` as
        :func:`credal.sets._answers.solve_normalized` does (``E f = min f + (max f -
        min f) E g``, ``g = (f - min f) / (max f - min f)``, after dividing ``f`` by its
        largest magnitude), so that the LP tolerance is relative to the gamble's range."""
        size = np.abs(F).max(axis=1)
        size[size == 0] = 1.0
        U = F / size[:, None]
        lo = U.min(axis=1)
        width = U.max(axis=1) - lo
        safe = np.where(width > 0, width, 1.0)
        G = (U - lo[:, None]) / safe[:, None]
        images = [self.regions[int(i)] for i in rows]
        if all(r.image is None for r in images):
            costs = G
        else:
            costs = np.stack([r.outcome_costs(g[None, :])[0]
                              for r, g in zip(images, G, strict=True)])
        values, _, certified = solver.solve(costs)
        return size * (lo + width * values), certified


def _kind(form: Form) -> NDArray | Region | None:
    """How a float form's lower expectation of one gamble is found: its points (or its
    known vertices, when few; a ``(k, n)`` array), an LP over its region (the
    :class:`Region`), or its own closed form (None). Mirrors
    :func:`credal.sets._answers.lower_batch` for one gamble."""
    if type(form).lower_batch is not Form.lower_batch:
        return None
    P = form.points()
    if P is not None:
        return np.asarray(P, dtype=np.float64)
    h = form.own_constraints()
    if h is not None:
        intervals = form._memo("bound_rows", lambda: intervals_of_rows(h, form.ar) or False)
        if intervals:
            return None
        V = form.known_vertices()
        if V is not None and V.shape[0] * form.n <= VERTEX_WORK_MAX[0]:
            return np.asarray(V, dtype=np.float64)
    region = form.region()
    return region

r"""Transition kernels: the credal sets ``T(s, a)`` of a supra-MDP, asked for all pairs at once.

A kernel holds one credal set over the ``S`` states per state-action *pair* (pairs are
numbered ``0 .. P-1``, grouped by state) and answers, for a value vector ``V`` over the
states, the lower expectation :math:`\underline{E}_{T(s,a)} V` of every pair in one call,
with a distribution attaining it when asked. Two kinds:

* :class:`IntervalKernel`: probability intervals ``lo <= p <= up``, ``sum p = 1`` (an
  interval MDP). The lower expectation is the greedy fill: start from ``lo`` and give the
  remaining mass ``1 - sum lo`` to the successors in increasing order of ``V``, each up to
  its ``up`` (Givan, Leach & Dean 2000; Nilim & El Ghaoui 2005, sec. 6). One sort of ``V``
  serves every pair; dense rows are filled by cumulative sums over all pairs at once, sparse
  ones (few possible successors) are held as compressed rows and sorted per backup by
  ``(pair, rank of V)``. The same code runs on float64 and on exact ``Fraction`` arrays.
* :class:`SetKernel`: any credal sets, answered together by :class:`credal.sets.SetBatch`
  (a closed form where the set's form has one, such as contamination and TV balls; for
  plain H-forms one lockstep simplex over all their LPs, each warm-started from its
  optimal basis of the previous backup).

The upper expectation is :math:`\overline{E} V = -\underline{E}(-V)` (conjugacy).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from .._core.arith import EXACT, FLOAT, Arithmetic
from .._core.types import NDArray
from ..expectations import solve_lower, solve_upper
from ..sets import CredalSet, SetBatch

#: An interval kernel is held dense (pairs x states) when at least this fraction of the
#: entries are possible successors, or when pairs x states is at most DENSE_ALWAYS.
DENSE_FRACTION = 0.25
DENSE_ALWAYS = 1 << 16


class Kernel:
    """The protocol of a kernel (see the module docstring)."""

    ar: Arithmetic
    n_states: int
    n_pairs: int

    def lower(self, V: NDArray) -> NDArray:
        """``(P,)`` lower expectations of ``V`` (``(S,)``) over every pair's set."""
        raise NotImplementedError

    def upper(self, V: NDArray) -> NDArray:
        return -self.lower(-V)

    def witnesses(self, V: NDArray, pairs: NDArray, *, lower: bool = True) -> NDArray:
        """``(len(pairs), S)``: for each pair a distribution in its set attaining the lower
        (``lower``) or upper expectation of ``V``."""
        raise NotImplementedError

    def witness_entries(self, V: NDArray, *, lower: bool = True
                        ) -> tuple[NDArray, NDArray, NDArray]:
        """The witnesses of every pair as nonzero entries ``(pair, successor,
        probability)``, pairs in increasing order (no dense ``(P, S)`` array for sparse
        kernels)."""
        pairs, succ, prob = [], [], []
        chunk = max(1, (1 << 21) // max(1, self.n_states))
        for lo in range(0, self.n_pairs, chunk):
            idx = np.arange(lo, min(lo + chunk, self.n_pairs))
            W = self.witnesses(V, idx, lower=lower)
            i, j = np.nonzero(W != 0)
            pairs.append(idx[i])
            succ.append(j)
            prob.append(W[i, j])
        return np.concatenate(pairs), np.concatenate(succ), np.concatenate(prob)

    def select(self, pairs: NDArray) -> Kernel:
        """The kernel of the listed pairs, in that order."""
        raise NotImplementedError

    def to_float(self) -> Kernel:
        raise NotImplementedError

    def credal_set(self, pair: int, outcomes: Sequence[Any]) -> CredalSet:
        """Pair ``pair``'s set as a :class:`CredalSet` over ``outcomes``."""
        raise NotImplementedError


class IntervalKernel(Kernel):
    """Interval transitions in compressed rows.

    Parameters
    ----------
    indptr : (P+1,) int ndarray
        Pair ``i``'s possible successors are ``succ[indptr[i]:indptr[i+1]]``.
    succ : (nnz,) int ndarray
    lo, up : (nnz,) ndarray
        The bounds of those successors (float64, or object arrays of Fraction); a successor
        not listed has the interval ``[0, 0]``.
    n_states : int
    ar : Arithmetic
    """

    def __init__(self, indptr: NDArray, succ: NDArray, lo: NDArray, up: NDArray,
                 n_states: int, ar: Arithmetic) -> None:
        self.ar = ar
        self.n_states = n_states
        self.n_pairs = len(indptr) - 1
        self.indptr = indptr
        self.succ = succ
        self.lo = lo
        self.up = up
        self.row = np.repeat(np.arange(self.n_pairs), np.diff(indptr))
        self.rem = 1 - np.add.reduceat(lo, indptr[:-1])  # mass left above the lower bounds
        P, S = self.n_pairs, n_states
        nnz = len(succ)
        self.dense = P * S <= DENSE_ALWAYS or nnz >= DENSE_FRACTION * P * S
        if self.dense:
            self.LO = ar.filled((P, S), 0)
            self.GAP = ar.filled((P, S), 0)
            self.LO[self.row, succ] = lo
            self.GAP[self.row, succ] = up - lo

    def lower(self, V: NDArray) -> NDArray:
        return self._greedy(V, witness=False)[0]

    def witnesses(self, V: NDArray, pairs: NDArray, *, lower: bool = True) -> NDArray:
        sub = self.select(np.asarray(pairs))
        if lower:
            W = sub._greedy(V, witness=True)[1]
        else:
            W = sub._greedy(-V, witness=True)[1]
        assert W is not None
        return W

    def witness_entries(self, V: NDArray, *, lower: bool = True
                        ) -> tuple[NDArray, NDArray, NDArray]:
        if self.dense:
            return super().witness_entries(V, lower=lower)
        key, fill = self._sparse_fill(V if lower else -V)
        prob = self.lo[key] + fill
        keep = np.flatnonzero(np.asarray(prob != 0, dtype=bool))
        pair, succ = self.row[key][keep], self.succ[key][keep]
        return pair, succ, prob[keep]

    def _sparse_fill(self, V: NDArray) -> tuple[NDArray, NDArray]:
        """For compressed rows: the entries in order ``(pair, rank of V)`` and the mass the
        greedy fill adds to each above its lower bound."""
        order = np.argsort(V, kind="stable")
        rank = np.empty(self.n_states, dtype=np.int64)
        rank[order] = np.arange(self.n_states)
        key = np.argsort(self.row * self.n_states + rank[self.succ], kind="stable")
        gap = (self.up - self.lo)[key]
        cum = np.cumsum(gap)
        start = self.indptr[:-1]
        before = np.concatenate([self.ar.filled(1, 0), cum])[start]  # earlier pairs' mass
        below = cum - gap - np.repeat(before, np.diff(self.indptr))
        rem = np.repeat(self.rem, np.diff(self.indptr))
        return key, np.minimum(np.maximum(rem - below, 0), gap)

    def _greedy(self, V: NDArray, *, witness: bool) -> tuple[NDArray, NDArray | None]:
        """The greedy fill for every pair: values, and with ``witness`` the ``(P, S)``
        distributions."""
        ar = self.ar
        if self.dense:
            order = np.argsort(V, kind="stable")
            gap = self.GAP[:, order]
            below = np.cumsum(gap, axis=1) - gap  # mass the cheaper successors can take
            fill = np.minimum(np.maximum(self.rem[:, None] - below, 0), gap)
            values = self.LO @ V + fill @ V[order]
            if not witness:
                return values, None
            W = self.LO.copy()
            W[:, order] += fill
            return values, W
        key, fill = self._sparse_fill(V)
        start = self.indptr[:-1]
        values = np.add.reduceat(self.lo * V[self.succ], start) + \
            np.add.reduceat(fill * V[self.succ[key]], start)
        if not witness:
            return values, None
        W = ar.filled((self.n_pairs, self.n_states), 0)
        W[self.row, self.succ] = self.lo
        W[self.row[key], self.succ[key]] += fill
        return values, W

    def select(self, pairs: NDArray) -> IntervalKernel:
        pairs = np.asarray(pairs, dtype=np.int64)
        counts = np.diff(self.indptr)[pairs]
        indptr = np.concatenate([[0], np.cumsum(counts)]).astype(np.int64)
        take = np.repeat(self.indptr[pairs] - indptr[:-1], counts) + np.arange(indptr[-1])
        return IntervalKernel(indptr, self.succ[take], self.lo[take], self.up[take],
                              self.n_states, self.ar)

    def to_float(self) -> IntervalKernel:
        if not self.ar.exact:
            return self
        return IntervalKernel(self.indptr, self.succ, self.lo.astype(np.float64),
                              self.up.astype(np.float64), self.n_states, FLOAT)

    def bounds(self, pair: int) -> tuple[NDArray, NDArray]:
        """Pair ``pair``'s dense ``(S,)`` lower and upper bounds."""
        lo = self.ar.filled(self.n_states, 0)
        up = self.ar.filled(self.n_states, 0)
        sl = slice(self.indptr[pair], self.indptr[pair + 1])
        lo[self.succ[sl]] = self.lo[sl]
        up[self.succ[sl]] = self.up[sl]
        return lo, up

    def credal_set(self, pair: int, outcomes: Sequence[Any]) -> CredalSet:
        lo, up = self.bounds(pair)
        return CredalSet.from_bounds(lo, up, outcomes=outcomes)


class SetKernel(Kernel):
    """Transitions given as :class:`CredalSet` objects, one per pair, all over the states
    (in their order) and in one arithmetic."""

    def __init__(self, sets: Sequence[CredalSet], n_states: int, ar: Arithmetic) -> None:
        self.ar = ar
        self.n_states = n_states
        self.n_pairs = len(sets)
        self.sets = tuple(sets)
        self._batch: SetBatch | None = None

    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        state["_batch"] = None  # warm solver state is rebuilt on first use
        return state

    def _sets_batch(self) -> SetBatch:
        """The batch answering every pair at once, built on first use and kept (its LPs
        warm-start from their last optimal bases, which suits value iteration)."""
        if self._batch is None:
            self._batch = SetBatch(self.sets)
        return self._batch

    def lower(self, V: NDArray) -> NDArray:
        G = np.broadcast_to(V, (self.n_pairs, self.n_states))
        return self._sets_batch().lower(G)

    def upper(self, V: NDArray) -> NDArray:
        G = np.broadcast_to(V, (self.n_pairs, self.n_states))
        return self._sets_batch().upper(G)

    def witnesses(self, V: NDArray, pairs: NDArray, *, lower: bool = True) -> NDArray:
        solve = solve_lower if lower else solve_upper
        W = self.ar.filled((len(pairs), self.n_states), 0)
        for i, p in enumerate(pairs):
            r = solve(self.sets[int(p)], V)
            W[i] = r.minimizer if lower else r.maximizer  # type: ignore[union-attr]
        return W

    def select(self, pairs: NDArray) -> SetKernel:
        return SetKernel([self.sets[int(p)] for p in pairs], self.n_states, self.ar)

    def to_float(self) -> SetKernel:
        if not self.ar.exact:
            return self
        return SetKernel([S.to_float() for S in self.sets], self.n_states, FLOAT)

    def credal_set(self, pair: int, outcomes: Sequence[Any]) -> CredalSet:
        return self.sets[pair]


__all__ = ["EXACT", "FLOAT", "IntervalKernel", "Kernel", "SetKernel"]

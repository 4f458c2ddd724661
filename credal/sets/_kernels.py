"""Array kernels the forms share: a minimum over points, the greedy (Choquet) closed form of
2-monotone lower probabilities, TV distances. Plain arrays in, plain arrays out."""

from __future__ import annotations

from fractions import Fraction

import numpy as np

from .._core import numbers as nums
from .._core.arith import Arithmetic
from .._core.types import NDArray, Value

#: Rows of a V-form batch handled per matrix product (bounds the temporary (rows, k) array).
CHUNK_ELEMENTS = 1 << 21
#: The same bound for exact batches, whose products are Python integers (about 50 times
#: the size of a float64 each when they do not fit in int64).
EXACT_CHUNK_ELEMENTS = 1 << 16


def tv_distances(P: NDArray, q: NDArray, ar: Arithmetic) -> NDArray:
    """``d_TV`` of each row of ``P`` to ``q``."""
    if ar.exact:
        out = np.empty(P.shape[0], dtype=object)
        out[:] = [sum((abs(a - b) for a, b in zip(row, q, strict=True)), Fraction(0)) / 2
                  for row in P]
        return out
    distances: NDArray = 0.5 * np.abs(P - q).sum(axis=1)
    return distances


def over_points(P: NDArray, F: NDArray, ar: Arithmetic,
                witness: bool) -> tuple[NDArray, NDArray | None]:
    """``min_k P_k · f`` for each row ``f`` of ``F``, and the minimising rows of ``P``.

    Exact: over a common denominator, ``W = P L`` and ``F_i d_i`` are integers, so the argmin
    of each row of ``F_int @ W.T`` (int64 when it cannot overflow) is exact, and so is its
    value over ``d_i L``: about 20x fewer big-number operations than on Fractions. Batches go
    through in chunks (:data:`CHUNK_ELEMENTS`, :data:`EXACT_CHUNK_ELEMENTS`), so memory stays
    O(m n + k n) however many gambles there are.
    """
    m = F.shape[0]
    k = P.shape[0]
    idx: NDArray | None
    if ar.exact:
        W, L = nums.integer_rows(P, common=True)
        w_bits = nums.max_bits(W) + int(P.shape[1]).bit_length()
        W64 = W.astype(np.int64).T if w_bits < 62 else None
        values = np.empty(m, dtype=object)
        idx = np.empty(m, dtype=np.intp)
        step = max(1, EXACT_CHUNK_ELEMENTS // max(k, 1))
        for start in range(0, m, step):
            F_int, d = nums.integer_rows(F[start:start + step], common=False)
            if W64 is not None and w_bits + nums.max_bits(F_int) < 62:
                G = F_int.astype(np.int64) @ W64
            else:
                G = F_int.dot(W.T)
            j = np.asarray(G.argmin(axis=1), dtype=np.intp)
            idx[start:start + step] = j
            best = G[np.arange(G.shape[0]), j]
            values[start:start + step] = [Fraction(int(g), int(di) * L)
                                          for g, di in zip(best, d, strict=True)]
    else:
        PT = np.ascontiguousarray(P.T)
        values = np.empty(m)
        idx = np.empty(m, dtype=np.intp) if witness else None
        step = max(1, CHUNK_ELEMENTS // max(k, 1))
        for start in range(0, m, step):
            G = F[start:start + step] @ PT
            if witness:
                assert idx is not None
                j = G.argmin(axis=1)
                idx[start:start + step] = j
                values[start:start + step] = G[np.arange(G.shape[0]), j]
            else:
                G.min(axis=1, out=values[start:start + step])
    return values, (P[idx] if witness else None)


def reachable(lo: NDArray, up: NDArray, ar: Arithmetic) -> tuple[NDArray, NDArray]:
    """Tightened (reachable) probability intervals:
    ``l'_i = max(l_i, 1 - sum_{j != i} u_j)``, ``u'_i = min(u_i, 1 - sum_{j != i} l_j)``."""
    one = ar.one()
    s_lo, s_up = sum(lo), sum(up)
    n = len(lo)
    r_lo = np.array([max(lo[i], one - (s_up - up[i])) for i in range(n)], dtype=ar.dtype)
    r_up = np.array([min(up[i], one - (s_lo - lo[i])) for i in range(n)], dtype=ar.dtype)
    if not ar.exact:
        r_lo = np.clip(r_lo, 0.0, 1.0)
        r_up = np.clip(np.maximum(r_up, r_lo), 0.0, 1.0)
    return r_lo, r_up


def _fill(F: NDArray, base: NDArray, capacity: NDArray, amount: NDArray | Value,
          fill_order: NDArray, sign: int, ar: Arithmetic, witness: bool,
          extra: tuple[NDArray, NDArray] | None) -> tuple[NDArray, NDArray | None]:
    """Pour ``amount`` into (sign 1) or out of (sign -1) ``base`` along ``fill_order``, each
    position up to its ``capacity``; ``extra = (columns, masses)`` adds a mass per row."""
    m = F.shape[0]
    rows = np.arange(m)[:, None]
    before = np.cumsum(capacity, axis=1) - capacity  # mass handled before each position
    take = np.minimum(np.maximum(amount - before, 0), capacity)
    if not witness and not ar.exact:  # the value alone: no (m, n) minimisers to fill in
        values = F @ np.asarray(base, dtype=np.float64) + sign * np.einsum(
            "ij,ij->i", take, np.take_along_axis(F, fill_order, axis=1))
        if extra is not None:
            values += extra[1] * F[np.arange(m), extra[0]]
        return values, None
    q = np.tile(base, (m, 1))
    q = q if ar.exact else q.astype(np.float64)
    q[rows, fill_order] = q[rows, fill_order] + sign * take
    if extra is not None:
        q[np.arange(m), extra[0]] = q[np.arange(m), extra[0]] + extra[1]
    values = (q * F).sum(axis=1)
    return values, (q if witness else None)


def _order(F: NDArray, ar: Arithmetic, witness: bool) -> NDArray:
    # Ties change the minimiser, not the value: the witness needs a stable order.
    return np.argsort(F, axis=1, kind="stable" if witness or ar.exact else None)


def interval_greedy(F: NDArray, lower: NDArray, upper: NDArray, ar: Arithmetic,
                    witness: bool) -> tuple[NDArray, NDArray | None]:
    """Lower expectations over reachable probability intervals (the Choquet integral of
    their 2-monotone lower probability, de Campos, Huete & Moral 1994): start from the
    lower bounds and pour the free mass ``1 - sum(lower)`` into the outcomes in increasing
    order of ``f``, each up to its width. O(n log n) per gamble."""
    order = _order(F, ar, witness)
    capacity = (upper - lower)[order]
    return _fill(F, lower, capacity, 1 - sum(lower), order, 1, ar, witness, None)


def tv_greedy(F: NDArray, center: NDArray, radius: Value, ar: Arithmetic,
              witness: bool) -> tuple[NDArray, NDArray | None]:
    """Lower expectations over a TV ball: pour ``min(radius, 1 - c_low)`` onto the lowest
    outcome, taken from the outcomes in decreasing order of ``f``, each down to 0."""
    order = _order(F, ar, witness)
    low = order[:, 0]
    desc = order[:, ::-1]
    capacity = center[desc]
    move = np.minimum(float(radius), 1 - center[low]) if not ar.exact else np.array(
        [min(radius, 1 - center[j]) for j in low], dtype=object)
    return _fill(F, center, capacity, move[:, None], desc, -1, ar, witness, (low, move))

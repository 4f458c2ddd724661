"""Exact solutions of square integer linear systems.

:func:`solve_integer` answers ``K u = r`` for an integer matrix ``K`` and an integer vector
``r`` in one of two exact ways:

* up to :data:`SMALL_K` rows, **fraction-free (Bareiss) elimination** on Python integers:
  every division is exact, the numbers never exceed the size of the minors of ``K``, and
  the result is Cramer's rule, ``U = det(K) K^{-1} r`` over ``d = det K``;
* above that, **numeric lifting** (iterative refinement with exact residuals): a float
  solve gives about 30 correct bits of ``u``; the residual of their integer rounding is
  computed exactly and solved again in floats, each step gaining about 30 bits. Continued
  fractions then recover the rational solution, which is *checked exactly* (``K U == d r``
  in integers). The check is what makes the answer right: the estimates (the float
  log-determinant, the Hadamard bound) only decide how much work is tried before falling
  back to elimination.

Cost: elimination O(k^3) operations on integers of up to the size of ``det K``; lifting one
O(k^3) float inverse, then O(k^2) per 30 bits of the answer (int64 while the numbers fit),
O(k) continued fractions and one O(k^2) integer check. This module knows nothing about
credal sets or LPs.
"""

from __future__ import annotations

import math
from fractions import Fraction

import numpy as np

from .numbers import max_bits

NDArray = np.ndarray

#: Bits gained per refinement step at most (the float solve has 53).
STEP_BITS = 30
#: int64 arithmetic is used while every intermediate stays below 2**INT64_BITS.
INT64_BITS = 62
#: Systems up to this size are solved by fraction-free elimination instead: measured
#: faster than lifting up to about 30 rows, even dense with 400-bit determinants.
SMALL_K = 24


def as_int_objects(values: object) -> NDArray:
    """An object array of Python ints (from ints, int64 or an object array of ints)."""
    arr = np.asarray(values)
    if arr.dtype != object:
        return arr.astype(np.int64).astype(object)
    out = np.empty(arr.shape, dtype=object)
    out.reshape(-1)[:] = [int(v) for v in arr.reshape(-1)]
    return out


def solve_integer(K: NDArray, r: NDArray) -> tuple[NDArray, int] | None:
    """Exact solution of ``K u = r``: ``(U, d)`` with ``d > 0`` and ``K U == d r``.

    Parameters
    ----------
    K : (k, k) int64 ndarray, or object ndarray of int
    r : (k,) int64 ndarray, or object ndarray of int

    Returns
    -------
    (U, d) or None
        ``U`` an object array of ints and ``d`` a positive int, so that ``u = U / d``
        solves the system exactly. A nonsingular ``K`` always gets its unique solution; a
        singular one gets ``None``, or a solution if one turns up on the way (``r = 0``).
    """
    k = r.shape[0]
    if k == 0:
        return np.empty(0, dtype=object), 1
    if k <= SMALL_K:
        return _bareiss(K.tolist(), r.tolist())
    K_obj = as_int_objects(K)
    r_obj = as_int_objects(r)
    lifted = _lift(K, K_obj, r_obj)
    if lifted is not None:
        return lifted
    return _bareiss(K_obj.tolist(), r_obj.tolist())


def _lift(K: NDArray, K_obj: NDArray, r: NDArray) -> tuple[NDArray, int] | None:
    """Numeric lifting; ``None`` when it cannot conclude (the caller eliminates)."""
    k = r.shape[0]
    k_bits = max_bits(K)
    if k_bits > 1000:  # far outside float range
        return None
    Kf = K.astype(np.float64)
    with np.errstate(all="ignore"):  # overflow shows up as inf and is refused below
        try:
            Kinv = np.linalg.inv(Kf)
        except np.linalg.LinAlgError:
            return None
        sign, logdet = np.linalg.slogdet(Kf)
        # Row norms bound every determinant of K with one column replaced (Hadamard).
        hadamard_bits = float(np.sum(np.log2(np.maximum(np.linalg.norm(Kf, axis=1), 1.0))))
        inv_bits = math.log2(float(np.abs(Kinv).sum(axis=1).max()) + 1)
    if sign == 0 or not all(map(math.isfinite, (logdet, hadamard_bits, inv_bits))):
        return None
    det_bits = max(0.0, logdet / math.log(2))  # |det K| >= 1 for a nonsingular K
    row_sum_bits = k_bits + k.bit_length()
    K64 = (K if K.dtype != object else K.astype(np.int64)) if k_bits <= 31 else None

    N = np.zeros(k, dtype=object)  # u ~ N / 2**den_bits
    den_bits = 0
    res: NDArray = r  # the scaled residual 2**den_bits r - K N, exactly
    res_bits = max_bits(res)
    # Denominators divide det K, and |det K| <= 2**hadamard_bits. Reconstruction is tried
    # for denominators up to 2**16, 2**32, ... (most bases have denominators far below
    # their determinant), then up to the estimated det K, then up to the Hadamard bound.
    levels = sorted({*(2.0**i for i in range(4, 11) if 2**i < det_bits), det_bits,
                     max(hadamard_bits, det_bits)})
    level = 0
    while level < len(levels):
        if res_bits == 0:  # N / 2**den_bits is exact
            return _check(K_obj, N, 1 << den_bits, r)
        # The error of N / 2**den_bits is below 2**(inv_bits + res_bits - den_bits);
        # recovering denominators up to 2**b needs it below 2**(-2 b) (with a margin).
        if den_bits - res_bits - inv_bits - 16 >= 2 * levels[level]:
            checked = _check(K_obj, *_reconstruct(N, den_bits, levels[level]), r)
            if checked is not None:
                return checked
            level += 1
            continue
        xh = Kinv @ res.astype(np.float64)
        mx = float(np.abs(xh).max())
        if not math.isfinite(mx):
            return None
        step = STEP_BITS
        room = INT64_BITS - row_sum_bits - math.ceil(math.log2(mx + 1)) - 1
        use64 = K64 is not None and res_bits + STEP_BITS < INT64_BITS and room >= 8
        if use64:  # keeps |res << step| and |K @ x~| below 2**62
            step = min(step, room)
        for _ in range(4):  # shrink the step if the residual grows
            scaled = np.rint(xh * float(2 ** step))
            if use64:
                assert K64 is not None
                xt = scaled.astype(np.int64)
                new = (res.astype(np.int64) << step) - K64 @ xt
            else:
                xt = np.array([int(v) for v in scaled], dtype=object)
                new = res.astype(object) * (1 << step) - K_obj.dot(xt)
            new_bits = max_bits(new)
            if new_bits <= max(res_bits, row_sum_bits) + 1:
                break
            step //= 2
            if step == 0:
                return None
        else:
            return None
        N = N * (1 << step) + xt.astype(object)
        den_bits += step
        res, res_bits = new, new_bits
    return None


def _reconstruct(N: NDArray, den_bits: int, bound_bits: float) -> tuple[NDArray, int]:
    """Rational approximations ``U / q`` of ``N / 2**den_bits`` with one common ``q``,
    assuming every denominator is below ``max_q = 2**(bound_bits + 2)`` and the error of
    ``N / 2**den_bits`` is below ``1 / (2 max_q**2)``.

    Components are taken in turn: ``t = q N_j / 2**den_bits`` approximates ``q u_j``. When
    ``t`` is within ``1 / (2 max_q)`` of an integer it is that integer (a fraction with a
    denominator above 1 but below ``max_q / q`` would be farther away); otherwise the best
    approximation of ``t`` with a denominator up to ``max_q / q`` (continued fractions) is
    ``q u_j``, and its denominator joins ``q``.
    """
    den = 1 << den_bits
    max_q = 1 << (int(bound_bits) + 2)
    q = 1
    U: list[int] = []
    for v in N:
        t_num = int(v) * q  # t = t_num / den approximates q * u_j
        near = (2 * t_num + den) // (2 * den)
        if abs(t_num - near * den) * 2 * max_q < den:
            U.append(near)
            continue
        f = Fraction(t_num, den).limit_denominator(max(1, max_q // q))
        g = f.denominator
        if g > 1:
            U = [u * g for u in U]
            q *= g
        U.append(f.numerator)
    arr = np.empty(len(U), dtype=object)
    arr[:] = U
    return arr, q


def _check(K: NDArray, U: NDArray, d: int, r: NDArray) -> tuple[NDArray, int] | None:
    """``(U, d)`` reduced to lowest terms when ``K U == d r`` exactly, else ``None``."""
    if not all(int(a) == int(b) for a, b in zip(K.dot(U), r * d, strict=True)):
        return None
    g = d
    for u in U:
        g = math.gcd(g, int(u))
        if g == 1:
            break
    if g > 1:
        U = np.array([int(u) // g for u in U], dtype=object)
        d //= g
    return U, d


def _bareiss(K: list[list[int]], r: list[int]) -> tuple[NDArray, int] | None:
    """Fraction-free (Bareiss) elimination on Python ints, then fraction-free back
    substitution: ``U = det(K) K^{-1} r`` (Cramer's numerators, integers), exact."""
    k = len(r)
    M = [[int(v) for v in row] + [int(b)] for row, b in zip(K, r, strict=True)]
    prev = 1
    for p in range(k):
        pivot = next((i for i in range(p, k) if M[i][p] != 0), None)
        if pivot is None:
            return None
        M[p], M[pivot] = M[pivot], M[p]
        mp, mpp = M[p], M[p][p]
        for i in range(p + 1, k):
            mi = M[i]
            f = mi[p]
            for j in range(p + 1, k + 1):
                mi[j] = (mi[j] * mpp - f * mp[j]) // prev
            mi[p] = 0
        prev = mpp
    D = M[k - 1][k - 1]  # +-det K
    X = [0] * k
    for i in range(k - 1, -1, -1):
        row = M[i]
        total = D * row[k] - sum(row[j] * X[j] for j in range(i + 1, k))
        X[i] = total // row[i]
    if D < 0:
        X, D = [-x for x in X], -D
    g = D
    for x in X:
        g = math.gcd(g, x)
    U = np.empty(k, dtype=object)
    U[:] = [x // g for x in X]
    return U, D // g

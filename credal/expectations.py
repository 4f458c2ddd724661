"""Lower and upper expectations (lower and upper previsions) of gambles over credal sets.

``lower E_C f = min_{p in C} p·f``. Each set is answered in the cheapest exact way its form
allows:

* a known structure uses its closed form: ε-contamination
  ``(1 - ε) p·f + ε min f``; the TV ball moves up to ``radius`` of mass from the highest
  outcomes onto the lowest; probability intervals (and the IDM, the vacuous set) use the
  Choquet integral of their reachable bounds. O(n log n) per gamble.
* a V-form set is a minimum over its points: one matrix product, chunked to bound memory.
* an H-form set is a linear program per gamble: HiGHS warm-started from the previous
  optimal basis (float), or a HiGHS basis certified in rational arithmetic (exact).

Exact in, exact out: an exact set and an exact gamble give ``Fraction`` results that are
exactly right. Otherwise results are float64, within about ``1e-9 * (max f - min f)`` of the
true value (the LP tolerance scaled by the gamble's range).
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Literal

import numpy as np

from ._core import numbers as nums
from ._core.outcomes import gamble_array, indicator
from .errors import InvalidArgumentError, SolverError
from .lp import LPStatus, get_backend
from .sets import Contamination, CredalSet, Intervals, TVBall
from .sets._lp import region_lp, relaxed_region_lp
from .tolerance import DEFAULT_ATOL, LP_TOLERANCE, check_atol

__all__ = [
    "LowerExpectation",
    "lower_expectation",
    "upper_expectation",
    "lower_probability",
    "upper_probability",
    "solve_lower",
]

NDArray = np.ndarray
Value = Fraction | float

#: Rows of a V-form batch handled per matrix product (bounds the temporary (rows, k) array).
CHUNK_ELEMENTS = 1 << 21
#: The same bound for exact batches, whose products are Python integers (about 50 times
#: the size of a float64 each when they do not fit in int64).
EXACT_CHUNK_ELEMENTS = 1 << 16


@dataclass(frozen=True)
class LowerExpectation:
    """The answer of :func:`solve_lower`, with its witness.

    Attributes
    ----------
    value : Fraction, float, or (m,) ndarray
        The lower expectation(s).
    minimizer : (n_outcomes,) or (m, n_outcomes) ndarray
        A distribution in the set attaining each value (read-only).
    binding : tuple, tuple of tuples, or None
        For an H-form set, the constraints tight at the minimiser: the index of each tight
        ``A_ub`` row (for ``from_lower_previsions`` and ``from_lower_probabilities``, the
        position of the assessment), then ``("lower", outcome)`` / ``("upper", outcome)``
        for each tight bound of ``from_bounds`` (bounds of 0 and 1 are left out: they are
        the simplex). ``None`` for V-form sets and TV balls.
    """

    value: Any
    minimizer: NDArray
    binding: tuple[Any, ...] | None = None

    def __post_init__(self) -> None:  # read-only arrays, also after unpickling
        object.__setattr__(self, "value", nums.frozen(self.value))
        object.__setattr__(self, "minimizer", nums.frozen(self.minimizer))

    def __reduce__(self) -> tuple[Any, ...]:
        return nums.reduce_dataclass(self)


def _check_set(S: Any) -> CredalSet:
    if not isinstance(S, CredalSet):
        raise InvalidArgumentError(
            f"S must be a CredalSet, got {type(S).__name__}: {nums.show(S)}; build one with "
            f"CredalSet.from_vertices, credal.vacuous, ...")
    return S


def _prepare(S: Any, f: Any, backend: str | None) -> tuple[CredalSet, NDArray, bool, bool]:
    """Common coercion: returns (set in the right arithmetic, F (m, n), exact, single)."""
    S = _check_set(S)
    if not S.is_exact and isinstance(f, np.ndarray) and f.dtype.kind in "iub":
        f = f.astype(np.float64)  # the problem is float: no detour through Fractions
    F, f_exact, single = gamble_array(f, S.outcomes, "f", copy=False)
    exact = S.is_exact and f_exact
    if backend is not None:
        chosen = get_backend(backend)  # an unknown name raises, whatever the set's form
        if exact and not chosen.exact:
            raise InvalidArgumentError(
                f"backend={backend!r} solves in floats, but S and f are exact and exact inputs "
                f"give exact results; omit backend (or pass backend='exact'), or ask about "
                f"S.to_float() to solve in floats")
    if not exact:
        S = S.to_float()
        if f_exact:
            F = nums.to_float(F)
    return S, F, exact, single


def _lower_batch(S: CredalSet, F: NDArray, exact: bool, *, witness: bool,
                 backend: str | None) -> tuple[NDArray, NDArray | None]:
    """Lower expectations of the rows of F; with ``witness`` also the minimisers."""
    st = S._structure
    if isinstance(st, Contamination):
        return _contamination(st, F, exact, witness)
    if isinstance(st, TVBall):
        return _greedy(F, exact, witness, tv=st)
    if isinstance(st, Intervals):
        return _greedy(F, exact, witness, intervals=st)
    if S._points is not None:
        return _over_points(S._points, F, exact, witness)
    if backend is None:  # a named backend is a request for its LPs
        intervals = _bound_rows_only(S)
        if intervals is not None:
            return _greedy(F, exact, witness, intervals=intervals)
        V = _vertices_worth_using(S, F.shape[0], exact)
        if V is not None:
            return _over_points(V, F, exact, witness)
    return _solve_normalized(S, F, exact, backend)


def _solve_normalized(S: CredalSet, F: NDArray, exact: bool,
                      backend: str | None) -> tuple[NDArray, NDArray]:
    """One LP per row of ``F`` over the H-form set ``S``, each gamble first mapped onto
    ``[0, 1]``: ``E(f) = min f + (max f - min f) E((f - min f) / (max f - min f))`` (lower
    expectations are affine-equivariant; the minimisers are unchanged).

    A float solver's tolerances (about 1e-9) are absolute: a gamble of size 1e-10, or one
    such as ``5 + 1e-10 g`` whose differences are that small, would otherwise look constant
    to it and come back with a wrong vertex. Float rows are divided by their largest
    magnitude first, so that gambles near the float range neither overflow nor lose their
    differences. Exact gambles are solved as they are: the exact solver certifies its
    answer, and shifts the float guide of each objective along ``sum(p) = 1`` itself."""
    lp = region_lp(S, exact)
    solver = get_backend(backend, exact=exact)
    if exact:  # the exact solver maps its float guide the same way itself
        return solver.solve_many(lp, F)
    size = np.abs(F).max(axis=1)
    size[size == 0] = 1.0
    U = F / size[:, None]
    lo_u = U.min(axis=1)
    width_u = U.max(axis=1) - lo_u
    safe = np.where(width_u > 0, width_u, 1.0)
    G = (U - lo_u[:, None]) / safe[:, None]
    try:
        values, points = solver.solve_many(lp, G)
    except SolverError as exc:
        if exc.status is not LPStatus.INFEASIBLE or backend is not None:
            raise
        values, points = _within_tolerance(S, G)
    return size * (lo_u + width_u * np.asarray(values, dtype=np.float64)), points


def _within_tolerance(S: CredalSet, G: NDArray) -> tuple[NDArray, NDArray]:
    """Lower expectations over a thin float set that the float solver calls infeasible
    although it was accepted as nonempty within the LP tolerance: solved exactly over the
    set as that tolerance reads it (every row loosened by it), then rounded. Raises
    :class:`SolverError` when even that set is empty."""
    lp = relaxed_region_lp(S, LP_TOLERANCE)
    try:
        values, points = get_backend("exact").solve_many(lp, nums.to_exact(G))
    except SolverError:
        raise SolverError(
            f"the float set's constraints admit no distribution even loosened by the LP "
            f"tolerance ({LP_TOLERANCE}): the set was accepted as nonempty "
            f"only within that tolerance, and is too thin to compute with in floats; give "
            f"its constraints exactly, or loosen them slightly", backend="highs",
            status=LPStatus.INFEASIBLE) from None
    return nums.to_float(values), nums.to_float(points)


#: Use an H-form set's vertices (a matrix product per batch) instead of one LP per gamble
#: when there are at most this many multiply-adds per gamble: float, exact.
VERTEX_WORK_MAX = (200_000, 20_000)
#: Enumerate the vertices of an H-form set for a batch of m >= VERTEX_BATCH_MIN gambles when
#: the upper bound theorem allows at most min(VERTEX_ESTIMATE_MAX, VERTEX_PER_GAMBLE * m)
#: vertices (float, exact): an exact LP costs more than a float one, and exact enumeration
#: of a few hundred vertices costs about as much as 20 exact LPs.
VERTEX_ESTIMATE_MAX = (256, 1024)
VERTEX_PER_GAMBLE = 8
VERTEX_BATCH_MIN = 16


def enumeration_pays(bound: int, m: int, exact: bool) -> bool:
    """Whether a batch of ``m`` gambles over an H-form set with at most ``bound`` vertices
    is answered over its enumerated vertices (see :data:`VERTEX_ESTIMATE_MAX`)."""
    return m >= VERTEX_BATCH_MIN and \
        bound <= min(VERTEX_ESTIMATE_MAX[1 if exact else 0], VERTEX_PER_GAMBLE * m)


def _vertices_worth_using(S: CredalSet, m: int, exact: bool) -> NDArray | None:
    """The vertices of the H-form set ``S`` when answering ``m`` gambles over them is
    cheaper than ``m`` LPs: already enumerated and few enough, or certain to be few (the
    upper bound theorem, an O(n) estimate) and the batch large enough to pay for the
    enumeration. Never enumerates just to find out."""
    work_max = VERTEX_WORK_MAX[1 if exact else 0]
    V = S._cache.get("vertices")
    if V is None:
        if m < VERTEX_BATCH_MIN:
            return None
        bound = S._cache.get("vertex_bound")
        if bound is None:
            from ._polyhedra.points import vertex_count_bound

            bound = S._cache["vertex_bound"] = vertex_count_bound(S)
        if not enumeration_pays(bound, m, exact) or bound * S.n_outcomes > work_max:
            return None
        V = S.vertices
    if V.shape[0] * S.n_outcomes > work_max:
        return None
    return V if exact else np.asarray(V, dtype=np.float64)


def _bound_rows_only(S: CredalSet) -> Intervals | None:
    """Probability intervals equal to the H-form set ``S`` when each of its rows bounds one
    outcome (``a p_i <= b``), so that the Choquet closed form applies; cached. O(m n)."""
    found: Intervals | Literal[False] | None = S._cache.get("bound_rows")
    if found is None:
        found = S._cache["bound_rows"] = _intervals_of_rows(S) or False
    return found or None


def _intervals_of_rows(S: CredalSet) -> Intervals | None:
    from .sets import _reachable

    h = S._hform
    assert h is not None
    exact = S.is_exact
    lo, up = list(h.lower), list(h.upper)
    rows = [(a, b, True) for a, b in zip(h.A_ub, h.b_ub, strict=True)]
    rows += [(a, b, False) for a, b in zip(h.A_eq, h.b_eq, strict=True)]
    for a, b, inequality in rows:
        nz = [j for j in range(len(a)) if a[j] != 0]
        if len(nz) != 1:
            return None
        j = nz[0]
        v = b / a[j]
        if a[j] > 0 or not inequality:
            up[j] = min(up[j], v)
        if a[j] < 0 or not inequality:
            lo[j] = max(lo[j], v)
    kind = object if exact else np.float64
    r_lo, r_up = _reachable(np.array(lo, dtype=kind), np.array(up, dtype=kind), exact)
    return Intervals(r_lo, r_up)


# -- closed forms ----------------------------------------------------------------------
def _contamination(st: Contamination, F: NDArray, exact: bool,
                   witness: bool) -> tuple[NDArray, NDArray | None]:
    eps = st.epsilon
    low = F.argmin(axis=1)
    values = (1 - eps) * (F @ st.center) + eps * F[np.arange(F.shape[0]), low]
    if not witness:
        return values, None
    mins = np.tile((1 - eps) * st.center, (F.shape[0], 1))
    mins[np.arange(F.shape[0]), low] += eps
    return values, mins


def _greedy(F: NDArray, exact: bool, witness: bool, *, tv: TVBall | None = None,
            intervals: Intervals | None = None) -> tuple[NDArray, NDArray | None]:
    """Shared greedy solution of the two 2-monotone closed forms.

    Intervals: start from the reachable lower bounds and pour the free mass
    ``1 - sum(lower)`` into the outcomes in increasing order of f, each up to its width.
    TV ball: pour ``min(radius, 1 - c_low)`` onto the lowest outcome, taken from the
    outcomes in decreasing order of f, each down to 0.
    """
    m, n = F.shape
    rows = np.arange(m)[:, None]
    # Ties change the minimiser, not the value: the witness needs a stable order.
    order = np.argsort(F, axis=1, kind="stable" if witness or exact else None)  # increasing
    if intervals is not None:
        base = np.tile(intervals.lower, (m, 1))
        capacity = (intervals.upper - intervals.lower)[order]
        amount = 1 - sum(intervals.lower)
        fill_order = order
        sign = 1
    else:
        assert tv is not None
        base = np.tile(tv.center, (m, 1))
        low = order[:, 0]
        desc = order[:, ::-1]
        capacity = tv.center[desc]
        move = np.minimum(float(tv.radius), 1 - tv.center[low]) if not exact else np.array(
            [min(tv.radius, 1 - tv.center[j]) for j in low], dtype=object)
        amount = move[:, None]
        fill_order = desc
        sign = -1
    before = np.cumsum(capacity, axis=1) - capacity  # mass handled before each position
    take = np.minimum(np.maximum(amount - before, 0), capacity)
    if not witness and not exact:  # the value alone: no (m, n) minimisers to fill in
        values = F @ np.asarray(base[0], dtype=np.float64) + sign * np.einsum(
            "ij,ij->i", take, np.take_along_axis(F, fill_order, axis=1))
        if tv is not None:
            values += move * F[np.arange(m), low]
        return values, None
    q = base.copy() if exact else base.astype(np.float64)
    q[rows, fill_order] = q[rows, fill_order] + sign * take
    if tv is not None:
        q[np.arange(m), low] = q[np.arange(m), low] + move
    values = (q * F).sum(axis=1)
    return values, (q if witness else None)


def _over_points(P: NDArray, F: NDArray, exact: bool,
                 witness: bool) -> tuple[NDArray, NDArray | None]:
    m = F.shape[0]
    k = P.shape[0]
    if exact:
        # p·f over a common denominator: W = P L and F_i d_i are integers, so the argmin of
        # each row of F_int @ W.T (int64 when it cannot overflow) is exact, and so is its
        # value over d_i L. About 20x fewer big-number operations than on Fractions. The
        # batch goes through in chunks of at most EXACT_CHUNK_ELEMENTS products, so memory
        # stays O(m n + k n) however many gambles there are.
        W, L = nums.integer_rows(P, common=True)
        w_bits = nums.max_bits(W) + int(P.shape[1]).bit_length()
        W64 = W.astype(np.int64).T if w_bits < 62 else None
        values = np.empty(m, dtype=object)
        idx: NDArray | None = np.empty(m, dtype=np.intp)
        assert idx is not None
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


# -- public functions ------------------------------------------------------------------
def _finish(values: NDArray, exact: bool, single: bool) -> Any:
    if single:
        v = values[0]
        return v if exact else float(v)
    out = values if exact else np.asarray(values, dtype=np.float64)
    return nums.readonly(out)


def lower_expectation(S: CredalSet, f: Any, *, backend: str | None = None) -> Any:
    """Lower expectation ``min_{p in S} p·f`` of a gamble, or of each gamble in a batch.

    Parameters
    ----------
    S : CredalSet
    f : (n_outcomes,) array_like, mapping outcome -> payoff, or (m, n_outcomes) array_like
        A gamble (missing outcomes of a mapping pay 0) or a batch of gambles.
    backend : str, optional
        LP backend for H-form sets (``"highs"``, ``"cvxpy"``, ``"exact"``); by default
        ``"exact"`` for exact problems and ``"highs"`` for float ones. A float backend on an
        exact problem is an error (ask about ``S.to_float()`` instead): the type of the
        result depends only on the inputs.

    Returns
    -------
    Fraction, float, or (m,) ndarray
        A ``Fraction`` (object array for a batch) when ``S`` and ``f`` are exact; float64
        otherwise. Batch results are read-only.

    Raises
    ------
    InvalidArgumentError
        ``f`` of the wrong shape, with NaN/inf, or with an unknown outcome.
    SolverError
        An LP backend did not reach a certified optimum.

    Notes
    -----
    Cost per gamble, n = n_outcomes: O(n log n) for the closed forms (contamination, TV
    balls, probability intervals, and H-form sets whose rows each bound one outcome);
    O(k n) for a set given by k points, or an H-form set whose k vertices are already
    enumerated or few by the upper bound theorem (O(n) to decide); otherwise one
    warm-started LP with n columns and one row per constraint (simplex: polynomial in
    practice, typically a few dozen pivots of O(m n) each). Exact H-form answers add a
    certificate: two k×k integer systems, k <= m + 1, solved exactly in integers
    (fraction-free elimination, O(k^3); numeric lifting above 24 rows). Memory: O(m)
    beyond the input for any batch size (V-form batches are chunked).

    Examples
    --------
    >>> import credal as cr
    >>> S = cr.CredalSet.from_bounds(["0.28", 0], ["0.7", 1])
    >>> cr.lower_expectation(S, [4, 0])
    Fraction(28, 25)
    >>> cr.lower_expectation(S, [[4, 0], [0, 4]])
    array([Fraction(28, 25), Fraction(6, 5)], dtype=object)
    """
    S, F, exact, single = _prepare(S, f, backend)
    values, _ = _lower_batch(S, F, exact, witness=False, backend=backend)
    return _finish(values, exact, single)


def upper_expectation(S: CredalSet, f: Any, *, backend: str | None = None) -> Any:
    """Upper expectation ``max_{p in S} p·f = -lower_expectation(S, -f)``.

    Same parameters, returns and cost as :func:`lower_expectation`.

    Examples
    --------
    >>> import credal as cr
    >>> cr.upper_expectation(cr.CredalSet.from_bounds(["0.28", 0], ["0.7", 1]), [4, 0])
    Fraction(14, 5)
    """
    S, F, exact, single = _prepare(S, f, backend)
    values, _ = _lower_batch(S, -F, exact, witness=False, backend=backend)
    return _finish(-values, exact, single)


def lower_probability(S: CredalSet, event: Any, *, backend: str | None = None) -> Any:
    """Lower probability of an event (an iterable of outcomes): ``lower E 1_A``.

    One lower expectation (see :func:`lower_expectation` for its cost).

    Examples
    --------
    >>> import credal as cr
    >>> cr.lower_probability(cr.idm({"H": 3, "T": 1}), ["H"])
    Fraction(1, 2)
    """
    S = _check_set(S)
    return lower_expectation(S, indicator(event, S.outcomes), backend=backend)


def upper_probability(S: CredalSet, event: Any, *, backend: str | None = None) -> Any:
    """Upper probability of an event (an iterable of outcomes): ``upper E 1_A``.

    One upper expectation (see :func:`lower_expectation` for its cost).

    Examples
    --------
    >>> import credal as cr
    >>> cr.upper_probability(cr.idm({"H": 3, "T": 1}), ["H"])
    Fraction(5, 6)
    """
    S = _check_set(S)
    return upper_expectation(S, indicator(event, S.outcomes), backend=backend)


def solve_lower(S: CredalSet, f: Any, *, backend: str | None = None,
                atol: float = DEFAULT_ATOL) -> LowerExpectation:
    """Lower expectation with its witness: a distribution in ``S`` attaining it.

    Parameters
    ----------
    S, f, backend
        As for :func:`lower_expectation`.
    atol : float
        For float H-form sets, how close to its bound a constraint must be to count as
        binding: a row ``a·p <= b`` binds when ``|b − a·p| <= 10 * atol * max(1, max|a|)``
        (ten times ``atol``, as the solver's own feasibility tolerance is ``1e-9``). Exact
        sets compare exactly.

    Returns
    -------
    LowerExpectation
        ``value``, ``minimizer`` (a distribution in ``S`` with ``minimizer·f == value``) and,
        for H-form sets, ``binding``.

    Notes
    -----
    Cost: as :func:`lower_expectation`, plus O(m n) per gamble for the binding rows of an
    H-form set with m rows.

    Examples
    --------
    >>> import credal as cr
    >>> r = cr.solve_lower(cr.CredalSet.from_bounds(["0.28", 0], ["0.7", 1]), [4, 0])
    >>> r.value, list(r.minimizer)
    (Fraction(28, 25), [Fraction(7, 25), Fraction(18, 25)])
    """
    atol = check_atol(atol)
    S, F, exact, single = _prepare(S, f, backend)
    values, mins = _lower_batch(S, F, exact, witness=True, backend=backend)
    assert mins is not None
    mins = mins if exact else np.asarray(mins, dtype=np.float64)
    binding = None
    if S.form == "constraints" and S._hform is not None:
        binding = tuple(_binding(S, x, exact, atol) for x in mins)
        if single:
            binding = binding[0]
    minimizer = mins[0] if single else mins
    return LowerExpectation(value=_finish(values, exact, single),
                            minimizer=nums.readonly(np.array(minimizer)), binding=binding)


def _binding(S: CredalSet, x: NDArray, exact: bool, atol: float) -> tuple[Any, ...]:
    h = S._hform
    assert h is not None
    if exact:
        slack = h.b_ub - h.A_ub @ x if h.A_ub.shape[0] else np.zeros(0)
        rows = [int(i) for i in range(len(slack)) if slack[i] == 0]
        lo = [i for i in range(len(x)) if 0 < h.lower[i] == x[i]]
        up = [i for i in range(len(x)) if x[i] == h.upper[i] < 1]
    else:
        A = np.asarray(h.A_ub, dtype=np.float64)
        slack = np.asarray(h.b_ub, dtype=np.float64) - A @ x
        scale = np.maximum(1.0, np.abs(A).max(axis=1)) if A.shape[0] else np.ones(0)
        rows = [int(i) for i in np.flatnonzero(np.abs(slack) <= atol * 10 * scale)]
        lower = np.asarray(h.lower, dtype=np.float64)
        upper = np.asarray(h.upper, dtype=np.float64)
        lo = [int(i) for i in np.flatnonzero((lower > 0) & (np.abs(x - lower) <= atol * 10))]
        up = [int(i) for i in np.flatnonzero((upper < 1) & (np.abs(x - upper) <= atol * 10))]
    return (*rows, *(("lower", S.outcomes[i]) for i in lo),
            *(("upper", S.outcomes[i]) for i in up))

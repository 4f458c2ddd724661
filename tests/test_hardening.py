"""The hardening sweep: every public function refuses malformed input with credal's own
errors, never mutates its inputs, and returns immutable results that survive pickling.

* Malformed input: one table, :data:`CASES`, names each public function or method and the
  argument slot being spoiled, with a hypothesis strategy of malformed values for that slot
  (wrong types, shapes, NaN / inf, empty input, mismatched or unknown outcomes, negative
  probabilities, bad keyword values). :func:`test_cases_cover_the_public_api` derives the
  public API from ``__all__`` and the classes' own methods, so a new public function fails
  that test until it has a row here.
* Inputs are never mutated: writeable numpy arrays, lists and dicts compare equal to deep
  copies taken before the call (values, dtypes and writeable flags).
* Results are immutable and pickle: attributes cannot be set, arrays are read-only, and both
  stay so after a pickle round trip.
"""

from __future__ import annotations

import copy
import inspect
import math
import os
import pickle
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import credal as cr
from credal import batch, infra
from credal.errors import CredalError
from credal.sets import Constraints

NAN, INF = math.nan, math.inf
RBY = ("R", "B", "Y")

#: CREDAL_HARDENING_SCALE=20 multiplies the example counts for a deeper bug hunt.
SCALE = max(1, int(os.environ.get("CREDAL_HARDENING_SCALE", "1")))
SETTINGS = settings(max_examples=12 * SCALE, deadline=None, database=None,
                    suppress_health_check=[HealthCheck.too_slow])


# --------------------------------------------------------------------------------------
# Valid objects the malformed calls are built around (every set over RBY)
# --------------------------------------------------------------------------------------
def _sets3() -> list[cr.CredalSet]:
    return [
        cr.CredalSet.from_vertices([["1/3", 0, "2/3"], ["1/3", "2/3", 0]], outcomes=RBY),
        cr.CredalSet.from_vertices([[0.2, 0.3, 0.5], [0.6, 0.2, 0.2]], outcomes=RBY),
        cr.CredalSet.from_bounds([0.1, 0.2, 0.1], [0.6, 0.7, 0.5], outcomes=RBY),
        cr.CredalSet.from_constraints(A_ub=[[-1, 1, 0]], b_ub=[0], outcomes=RBY),
        cr.tv_ball(["1/3", "1/3", "1/3"], "1/10", outcomes=RBY),
        cr.contamination([0.2, 0.3, 0.5], 0.1, outcomes=RBY),
    ]


SETS3 = _sets3()
EXACT3 = SETS3[0]
S4 = cr.vacuous(4)  # four outcomes
S_ABC = cr.vacuous(["a", "b", "c"])  # three outcomes, other labels
H3 = infra.Infradistribution.from_credal_set(EXACT3)
H_ABC = infra.Infradistribution.from_credal_set(S_ABC)
DDT = cr.DDTProblem(EXACT3, [1, 2, 3], {"x": ["R", "B"], "y": ["Y"]})
ACTS = {"d1": [1, 0, 0], "d2": [0, 1, 1]}


def _raises_value_error(x: Any) -> Any:
    raise ValueError("boom")


# --------------------------------------------------------------------------------------
# Strategies of malformed values, by kind of argument
# --------------------------------------------------------------------------------------
WRONG_TYPES: list[Any] = [None, "abc", object(), {"a": "x"}, 1j, b"xy", "1e9999999"]
#: Containers that are no array of numbers (a 0-d array is a valid *scalar*, so these go
#: only where a vector or matrix is expected).
ODD_CONTAINERS: list[Any] = [np.array(5, dtype=object), np.array(0.5), {1, 2, 3},
                             frozenset({0.5}), range(0), np.array([[1, 2], [3, 4]])[None]]
#: Numbers out of any range a string or a float may carry: refused at once, never expanded
#: (``Fraction("1e9999999")`` alone takes seconds) and never an OverflowError.
OUT_OF_RANGE = ["1e9999999", "-1e-99999999", "7" * 5000, Decimal("1e9999999")]
FINITE = st.floats(-5, 5, allow_nan=False, allow_infinity=False)
NONFINITE = st.sampled_from([NAN, INF, -INF])
NON_NUMBERS = st.sampled_from([None, "abc", object(), [1, 2], {}, 1j, "nan", "inf", "1/0",
                               Decimal("NaN"), Decimal("-Infinity"), np.datetime64("2020"),
                               "1e9999999", "7" * 5000, Decimal("1e-9999999"),
                               np.array(1.0, dtype=complex), b"1", "1 / 3"])


def _put(values: list[Any], i: int, x: Any) -> list[Any]:
    out = list(values)
    out[i % len(out)] = x
    return out


def _wrong_length(n: int, elements: st.SearchStrategy[Any] = FINITE) -> st.SearchStrategy[Any]:
    return st.sampled_from([k for k in range(0, 7) if k != n]).flatmap(
        lambda k: st.lists(elements, min_size=k, max_size=k))


def _as_array(values: st.SearchStrategy[list[Any]]) -> st.SearchStrategy[Any]:
    """The same malformed lists, sometimes as writeable numpy arrays."""
    return values.flatmap(lambda v: st.sampled_from([v, np.array(v, dtype=object)]))


def bad_vectors(n: int = 3, extra: tuple[Any, ...] = (), *,
                mappings: bool = True) -> st.SearchStrategy[Any]:
    """Anything but an ``(n,)`` array-like of finite numbers (or a mapping over RBY; with
    ``mappings=False`` no mapping that would be valid where its keys become the outcomes)."""
    keyed = [{"Z": 1}, {0: 1}] if mappings else []
    fixed = [*WRONG_TYPES, *ODD_CONTAINERS, [], np.array([]), np.zeros((0, n)), [[1, 2], [3]],
             np.zeros((2, 2, n)), [[[0.0] * n]], *keyed, 5, np.float64(1.0),
             np.array(["a"] * n), np.zeros(n, dtype=complex),
             np.zeros(n, dtype="datetime64[D]"), *extra]
    with_nonfinite = st.tuples(st.lists(FINITE, min_size=n, max_size=n), st.integers(0, n),
                               NONFINITE).map(lambda t: _put(*t))
    with_non_number = st.tuples(st.lists(FINITE, min_size=n, max_size=n), st.integers(0, n),
                                NON_NUMBERS).map(lambda t: _put(*t))
    return st.one_of(st.sampled_from(fixed), _wrong_length(n),
                     _as_array(with_nonfinite), with_non_number,
                     with_nonfinite.map(lambda v: np.array(v, dtype=np.float64)))


def bad_gambles(n: int = 3) -> st.SearchStrategy[Any]:
    """Malformed single gambles or batches (a ragged or NaN batch, a wrong width)."""
    return st.one_of(bad_vectors(n), st.sampled_from([
        [[1, 2, 3], [1, 2]], [[1, 2, 3, 4]], np.full((2, n), NAN), [{"R": 1}, {"B": 2}],
        [[1, 2, 3], None]]))


def _distribution(n: int) -> st.SearchStrategy[list[float]]:
    return st.lists(st.integers(1, 10), min_size=n, max_size=n).map(
        lambda w: [x / sum(w) for x in w])


def bad_distributions(n: int = 3, *, mappings: bool = True) -> st.SearchStrategy[Any]:
    """Not a distribution over n outcomes: malformed vectors, negative entries, wrong sums,
    mappings with a missing or unknown outcome."""
    shift = st.floats(0.01, 0.5)
    negative = st.tuples(_distribution(n), st.integers(0, n - 1), shift).map(
        lambda t: [-t[2] if i == t[1] else v + (t[0][t[1]] + t[2] if i == (t[1] + 1) % n else 0)
                   for i, v in enumerate(t[0])])
    wrong_sum = st.tuples(_distribution(n), st.sampled_from([0.0, 0.5, 0.9, 1.1, 2.0])).map(
        lambda t: [v * t[1] for v in t[0]])
    exact_wrong_sum = st.lists(st.integers(0, 5), min_size=n, max_size=n).filter(
        lambda w: sum(w) != 7).map(lambda w: [f"{x}/7" for x in w])
    keyed = ({"R": 1}, {"R": 0.5, "B": 0.5, "Y": 0, "Z": 0}) if mappings else ()
    return st.one_of(bad_vectors(n, extra=keyed, mappings=mappings),
                     _as_array(negative), wrong_sum, exact_wrong_sum)


def bad_matrices(n: int = 3) -> st.SearchStrategy[Any]:
    """Anything but a ``(k, n)`` array-like of finite numbers."""
    return st.one_of(
        st.sampled_from([*WRONG_TYPES, *ODD_CONTAINERS, [], [[]], [[1, 2], [3]],
                         np.zeros((2, n + 1)),
                         np.zeros((1, 2, n)), [[NAN] * n], [[INF] * n], [["x"] * n]]),
        st.integers(1, 3).flatmap(lambda k: st.lists(
            st.lists(FINITE, min_size=n + 1, max_size=n + 1), min_size=k, max_size=k)))


def bad_points(n: int = 3, *, mappings: bool = True) -> st.SearchStrategy[Any]:
    """Not a non-empty list of distributions over n outcomes."""
    return st.one_of(
        st.sampled_from([*WRONG_TYPES, *ODD_CONTAINERS, [], [[]], [[1, 2], [3]],
                         np.zeros((0, n)),
                         np.zeros((1, 2, n)), [[1, 0, 0], {"R": 1}], [{"R": 1}, {"Z": 1}]]),
        bad_distributions(n, mappings=mappings).map(lambda p: [p]),
        st.tuples(_distribution(n), bad_distributions(n, mappings=mappings)).map(list))


def bad_scalars(low: float, high: float, *, closed_low: bool = True,
                extra: tuple[Any, ...] = ()) -> st.SearchStrategy[Any]:
    """Anything but one finite number in ``[low, high]`` (``(low, high]`` unless
    ``closed_low``)."""
    below = st.floats(low - 100, low, exclude_max=closed_low, allow_nan=False)
    parts = [st.sampled_from([*WRONG_TYPES, NAN, INF, -INF, [0.5], [], np.array([0.5, 0.5]),
                              "nan", "inf", "1/0", Decimal("NaN"), Decimal("Infinity"),
                              np.float64(NAN), *OUT_OF_RANGE, *extra]), below]
    if high < INF:
        parts.append(st.floats(high, high + 100, exclude_min=True, allow_nan=False))
    return st.one_of(*parts)


BAD_ATOL = st.one_of(st.sampled_from([-1, -1e-12, NAN, INF, None, "abc", object(), [1e-9],
                                      "1e-9", b"1", 1j, np.complex128(1e-9), 10**400, True,
                                      np.array([1e-9]), Decimal("NaN")]),
                     st.floats(-1e6, 0, exclude_max=True))
BAD_TIMEOUTS = st.sampled_from([0, -1, NAN, INF, 10**400, True, "1", b"1", 1j, [1],
                                Decimal("1"), object()])
BAD_EVENTS = st.sampled_from(["R", "RB", 0, None, 1.5, object(), ["Z"], [["R"]], {"R": 1},
                              ["R", "Z"], [None], b"R"])
BAD_OUTCOMES = st.sampled_from(["abc", 3, [], ["a", "a", "b"], [["a"], ["b"], ["c"]],
                                object(), ["a", "b"], ["a", "b", "c", "d"], 1.5])
BAD_SETS = st.sampled_from([*WRONG_TYPES, [[1, 0, 0]], np.array([[1.0, 0, 0]]), S4, S_ABC,
                            H3, [EXACT3]])
LINE3 = [[0, 1, 2], [1, 0, 1], [2, 1, 0]]  # a ground cost on three outcomes
BAD_SET_TYPES = st.sampled_from([*WRONG_TYPES, [[1, 0, 0]], H3, [EXACT3], DDT])
BAD_WEIGHTS_2 = st.one_of(
    st.sampled_from([*WRONG_TYPES, [], [1], [1, 0, 0], [-1, 2], [0.5, 0.6], [NAN, 1],
                     [[0.5, 0.5]], ["1/2", "1/3"], [INF, 0]]),
    st.tuples(st.floats(0.05, 0.95), st.floats(0.01, 0.5)).map(
        lambda t: [t[0], 1 - t[0] + t[1]]))
BAD_ACTS = st.one_of(
    st.sampled_from([*WRONG_TYPES, [], {}, [[1, 0, 0]], {"a": "abc"}, {"a": [[1, 0, 0]]}]),
    bad_vectors(3).map(lambda f: {"ok": [1, 2, 3], "bad": f}))
BAD_MAPPINGS = st.sampled_from([None, "abc", 5, object(), [("R", "x")], {}, {"R": "x"},
                                {"R": 1, "B": 1, "Y": 1, "Z": 1}, {"R": [1], "B": 1, "Y": 1},
                                _raises_value_error, lambda x: [x], lambda x: {x}])
# (backends are checked before any solving; "highs" is malformed on an exact problem)
BAD_BACKENDS = st.sampled_from(["foo", "", 1, object(), ["highs"], {"highs": 1}, "highs"])
BAD_RULES = st.sampled_from(["foo", "Bayes", "", None, 1, ["bayes"], object()])
BAD_EMPTY = st.sampled_from(["foo", "Nirvana", "", None, 1, ["nirvana"], object(), math.inf])
BAD_MAX_DENOMINATOR = st.one_of(
    st.sampled_from([0, -1, 1.5, NAN, INF, "abc", object(), [10], True, Fraction(1, 2)]),
    st.integers(-10**6, 0))
BAD_COUNTS = st.one_of(bad_vectors(3), st.sampled_from([[-1, 2, 3], [0, -0.5, 1],
                                                         {"R": -1, "B": 1}, {"R": "x"}]))
BAD_LIKELIHOODS = st.one_of(
    bad_vectors(3),
    st.tuples(st.lists(st.floats(0, 1), min_size=3, max_size=3), st.integers(0, 2),
              st.one_of(st.floats(1, 10, exclude_min=True), st.floats(-10, 0, exclude_max=True))
              ).map(lambda t: _put(*t)))
BAD_INFRA = st.sampled_from([*WRONG_TYPES, EXACT3, [([1, 0, 0], 0)], [[1, 0, 0]]])
BAD_INFRA_POINTS = st.one_of(
    st.sampled_from([*WRONG_TYPES, *ODD_CONTAINERS, [], [([1, 0],)], [([1, 0], 0, 1)],
                     [([-1, 1], 0)],
                     [([1, 0], -1)], [([NAN, 0], 0)], [([1, 0], 0), ([1, 0, 0], 0)],
                     [(5, 0)], [([[1, 0]], 0)], [([1, 0], "abc")], [([1, 0], [1, 2])],
                     [(None, 0)], [([1, 0], None)], [([1, 0], INF)], [[1, 0]],
                     [({"a": 1, "Z": 1}, 0)]]),
    bad_vectors(2).map(lambda m: [(m, 0)]))
BAD_FUNCTIONS = st.sampled_from([None, "abc", 5, object(), [len]])
BAD_CHUNKSIZES = st.sampled_from([0, -1, 1.5, "abc", True, object(), [2]])
BAD_EXECUTORS = st.sampled_from(["abc", 5, object(), [1], dict])


# --------------------------------------------------------------------------------------
# The table: public name, the slot spoiled, the call, its malformed values
# --------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Case:
    name: str  # the public name covered, e.g. "lower_expectation", "CredalSet.contains"
    slot: str  # the argument spoiled
    call: Callable[[Any, cr.CredalSet], object]  # (malformed value, a valid set over RBY)
    bad: st.SearchStrategy[Any]

    @property
    def id(self) -> str:
        return f"{self.name}:{self.slot}"


CV = cr.CredalSet
CASES: list[Case] = [
    # -- constructors ---------------------------------------------------------------------
    Case("CredalSet.from_vertices", "points", lambda x, S: CV.from_vertices(x),
         bad_points(mappings=False)),
    Case("CredalSet.from_vertices", "points/outcomes",
         lambda x, S: CV.from_vertices(x, outcomes=RBY), bad_points()),
    Case("CredalSet.from_vertices", "outcomes",
         lambda x, S: CV.from_vertices([[1, 0, 0]], outcomes=x), BAD_OUTCOMES),
    Case("CredalSet.from_vertices", "atol",
         lambda x, S: CV.from_vertices([[1, 0, 0]], atol=x), BAD_ATOL),
    Case("CredalSet.from_constraints", "A_ub",
         lambda x, S: CV.from_constraints(A_ub=x, b_ub=[0], outcomes=RBY), bad_matrices()),
    Case("CredalSet.from_constraints", "b_ub",
         lambda x, S: CV.from_constraints(A_ub=[[1, 0, 0]], b_ub=x),
         st.one_of(bad_vectors(1), st.just([-1]))),
    Case("CredalSet.from_constraints", "A_eq",
         lambda x, S: CV.from_constraints(A_eq=x, b_eq=[0], outcomes=RBY), bad_matrices()),
    Case("CredalSet.from_constraints", "b_eq",
         lambda x, S: CV.from_constraints(A_eq=[[1, 0, 0]], b_eq=x),
         st.one_of(bad_vectors(1), st.just([2]))),
    Case("CredalSet.from_constraints", "outcomes",
         lambda x, S: CV.from_constraints(A_ub=[[1, 0, 0]], b_ub=[1], outcomes=x),
         st.one_of(BAD_OUTCOMES, st.just(None).map(lambda _: ["a", "b"]))),
    Case("CredalSet.from_bounds", "lower",
         lambda x, S: CV.from_bounds(x, [1, 1, 1], outcomes=RBY),
         st.one_of(bad_vectors(3, extra=([2, 0, 0], ["1/2", "1/2", "1/2"])),
                   st.just([0.6, 0.6, 0.0]))),
    Case("CredalSet.from_bounds", "upper",
         lambda x, S: CV.from_bounds([0.1, 0.1, 0.1], x, outcomes=RBY),
         st.one_of(bad_vectors(3, extra=([0.05, 1, 1], [0.2, 0.2, 0.2], [-1, 1, 1])))),
    Case("CredalSet.from_bounds", "outcomes",
         lambda x, S: CV.from_bounds([0, 0, 0], [1, 1, 1], outcomes=x), BAD_OUTCOMES),
    Case("CredalSet.from_bounds", "atol",
         lambda x, S: CV.from_bounds([0, 0, 0], [1, 1, 1], atol=x), BAD_ATOL),
    Case("CredalSet.from_lower_probabilities", "assessments",
         lambda x, S: CV.from_lower_probabilities(x, outcomes=RBY),
         st.sampled_from([*WRONG_TYPES[:3], [], {}, {("Z",): 0.1}, {"R": 0.1}, {0: 0.1},
                          {("R",): NAN}, {("R",): "abc"}, {("R",): [0.1]}, {("R",): None},
                          {("R",): 0.9, ("B",): 0.9}, {("R",): INF}, {(("R",),): 0.1}])),
    Case("CredalSet.from_lower_probabilities", "outcomes",
         lambda x, S: CV.from_lower_probabilities({("a",): 0.1}, outcomes=x),
         st.sampled_from([None, "abc", 3, [], ["a", "a", "b"], [["a"], ["b"]], object(), 1.5,
                          ["b", "c"]])),
    Case("CredalSet.from_lower_previsions", "assessments",
         lambda x, S: CV.from_lower_previsions(x, outcomes=RBY),
         st.one_of(st.sampled_from([*WRONG_TYPES[:3], [], {"a": 1}, [([1, 0, 0],)],
                                    [([1, 0, 0], 0.1, 2)], [([1, 0, 0], NAN)],
                                    [([1, 0, 0], "abc")], [([1, 0, 0], [1, 2])],
                                    [(None, 0)], [([1, 0, 0], 2)], [({"Z": 1}, 0)],
                                    [(5, 0)], [[1, 0, 0]], [([1, 0, 0], None)]]),
                   bad_vectors(3).map(lambda g: [(g, 0)]))),
    Case("CredalSet.from_lower_previsions", "assessments/no outcomes",
         lambda x, S: CV.from_lower_previsions(x),
         st.sampled_from([[([1, 0, 0], 0), ([1, 0], 0)], [(5, 0)], [([[1, 0]], 0)],
                          [([], 0)], [(np.zeros((0,)), 0)]])),
    Case("CredalSet.from_lower_previsions", "outcomes",
         lambda x, S: CV.from_lower_previsions([([1, 0, 0], 0)], outcomes=x), BAD_OUTCOMES),
    Case("vacuous", "n_or_outcomes", lambda x, S: cr.vacuous(x),
         st.one_of(st.sampled_from([0, -1, None, "abc", 1.5, [], ["a", "a"], object(), NAN,
                                    True, [["a"]], {}]), st.integers(-100, 0))),
    Case("precise", "p", lambda x, S: cr.precise(x, outcomes=RBY), bad_distributions()),
    Case("precise", "outcomes", lambda x, S: cr.precise([1, 0, 0], outcomes=x), BAD_OUTCOMES),
    Case("precise", "atol", lambda x, S: cr.precise([1, 0, 0], atol=x), BAD_ATOL),
    Case("tv_ball", "center", lambda x, S: cr.tv_ball(x, 0.1, outcomes=RBY),
         bad_distributions()),
    Case("tv_ball", "radius", lambda x, S: cr.tv_ball([1, 0, 0], x),
         bad_scalars(0, INF)),
    Case("tv_ball", "outcomes", lambda x, S: cr.tv_ball([1, 0, 0], 0.1, outcomes=x),
         BAD_OUTCOMES),
    Case("tv_ball", "atol", lambda x, S: cr.tv_ball([1, 0, 0], 0.1, atol=x), BAD_ATOL),
    Case("contamination", "p", lambda x, S: cr.contamination(x, 0.1, outcomes=RBY),
         bad_distributions()),
    Case("contamination", "epsilon", lambda x, S: cr.contamination([1, 0, 0], x),
         bad_scalars(0, 1, extra=(2, "3/2"))),
    Case("contamination", "outcomes",
         lambda x, S: cr.contamination([1, 0, 0], 0.1, outcomes=x), BAD_OUTCOMES),
    Case("contamination", "atol", lambda x, S: cr.contamination([1, 0, 0], 0.1, atol=x),
         BAD_ATOL),
    Case("wasserstein_ball", "center",
         lambda x, S: cr.wasserstein_ball(x, LINE3, "1/4", outcomes=RBY), bad_distributions()),
    Case("wasserstein_ball", "cost", lambda x, S: cr.wasserstein_ball([1, 0, 0], x, "1/4"),
         st.sampled_from([[[0, 1], [1, 0]], [[1, 1, 1], [1, 0, 1], [1, 1, 0]],
                          [[0, -1, 2], [1, 0, 1], [2, 1, 0]], [[0, NAN, 2], [1, 0, 1], [2, 1, 0]],
                          "abc", None, 3, [[0, INF, 1], [1, 0, 1], [1, 1, 0]]])),
    Case("wasserstein_ball", "radius",
         lambda x, S: cr.wasserstein_ball([1, 0, 0], LINE3, x), bad_scalars(0, INF)),
    Case("wasserstein_ball", "outcomes",
         lambda x, S: cr.wasserstein_ball([1, 0, 0], LINE3, "1/4", outcomes=x), BAD_OUTCOMES),
    Case("wasserstein_ball", "atol",
         lambda x, S: cr.wasserstein_ball([1, 0, 0], LINE3, "1/4", atol=x), BAD_ATOL),
    Case("cvar_set", "p", lambda x, S: cr.cvar_set(x, "1/2", outcomes=RBY), bad_distributions()),
    Case("cvar_set", "alpha", lambda x, S: cr.cvar_set([1, 0, 0], x),
         bad_scalars(0, 1, closed_low=False, extra=(2, "3/2"))),
    Case("cvar_set", "outcomes", lambda x, S: cr.cvar_set([1, 0, 0], "1/2", outcomes=x),
         BAD_OUTCOMES),
    Case("cvar_set", "atol", lambda x, S: cr.cvar_set([1, 0, 0], "1/2", atol=x), BAD_ATOL),
    Case("belief_function", "masses", lambda x, S: cr.belief_function(x, outcomes=RBY),
         st.sampled_from([{}, {("R",): 2}, {("R",): "1/2"}, {("Q",): 1}, {"R": 1}, {(): 1},
                          {("R",): -1, ("B",): 2}, {("R",): NAN}, None, [("R", 1)], "abc",
                          {("R", "B"): "1/2", ("B", "R"): "1/2"}])),
    Case("belief_function", "outcomes",
         lambda x, S: cr.belief_function({(0,): 1}, outcomes=x), BAD_OUTCOMES),
    Case("ProgressBar", "width", lambda x, S: cr.ProgressBar(width=x),
         st.sampled_from([0, -1, 1.5, "abc", True, None, object(), [2]])),
    Case("idm", "counts", lambda x, S: cr.idm(x, outcomes=RBY), BAD_COUNTS),
    Case("idm", "s", lambda x, S: cr.idm([1, 2, 3], s=x),
         bad_scalars(0, INF, closed_low=False, extra=(0, "0", Fraction(0)))),
    Case("idm", "outcomes", lambda x, S: cr.idm([1, 2, 3], outcomes=x), BAD_OUTCOMES),
    # -- methods of a set -----------------------------------------------------------------
    Case("CredalSet.contains", "p", lambda x, S: S.contains(x), bad_distributions()),
    Case("CredalSet.contains", "atol", lambda x, S: S.contains([0.2, 0.3, 0.5], atol=x),
         BAD_ATOL),
    Case("CredalSet.issubset", "other", lambda x, S: S.issubset(x), BAD_SETS),
    Case("CredalSet.issubset", "atol", lambda x, S: S.issubset(EXACT3, atol=x), BAD_ATOL),
    Case("CredalSet.equals", "other", lambda x, S: S.equals(x), BAD_SETS),
    Case("CredalSet.equals", "atol", lambda x, S: S.equals(S, atol=x), BAD_ATOL),
    Case("CredalSet.to_exact", "max_denominator",
         lambda x, S: S.to_exact(max_denominator=x), BAD_MAX_DENOMINATOR),
    # -- expectations ---------------------------------------------------------------------
    Case("lower_expectation", "S", lambda x, S: cr.lower_expectation(x, [1, 2, 3]),
         BAD_SET_TYPES),
    Case("lower_expectation", "f", lambda x, S: cr.lower_expectation(S, x), bad_gambles()),
    Case("lower_expectation", "backend",
         lambda x, S: cr.lower_expectation(EXACT3, [1, 0, 0], backend=x), BAD_BACKENDS),
    Case("upper_expectation", "S", lambda x, S: cr.upper_expectation(x, [1, 2, 3]),
         BAD_SET_TYPES),
    Case("upper_expectation", "f", lambda x, S: cr.upper_expectation(S, x), bad_gambles()),
    Case("upper_expectation", "backend",
         lambda x, S: cr.upper_expectation(EXACT3, [1, 0, 0], backend=x), BAD_BACKENDS),
    Case("lower_probability", "S", lambda x, S: cr.lower_probability(x, ["R"]),
         BAD_SET_TYPES),
    Case("lower_probability", "event", lambda x, S: cr.lower_probability(S, x), BAD_EVENTS),
    Case("lower_probability", "backend",
         lambda x, S: cr.lower_probability(EXACT3, ["R"], backend=x), BAD_BACKENDS),
    Case("upper_probability", "S", lambda x, S: cr.upper_probability(x, ["R"]),
         BAD_SET_TYPES),
    Case("upper_probability", "event", lambda x, S: cr.upper_probability(S, x), BAD_EVENTS),
    Case("upper_probability", "backend",
         lambda x, S: cr.upper_probability(EXACT3, ["R"], backend=x), BAD_BACKENDS),
    Case("solve_lower", "S", lambda x, S: cr.solve_lower(x, [1, 2, 3]), BAD_SET_TYPES),
    Case("solve_lower", "f", lambda x, S: cr.solve_lower(S, x), bad_gambles()),
    Case("solve_lower", "backend", lambda x, S: cr.solve_lower(EXACT3, [1, 0, 0], backend=x),
         BAD_BACKENDS),
    Case("solve_lower", "atol", lambda x, S: cr.solve_lower(S, [1, 0, 0], atol=x), BAD_ATOL),
    Case("solve_upper", "S", lambda x, S: cr.solve_upper(x, [1, 2, 3]), BAD_SET_TYPES),
    Case("solve_upper", "f", lambda x, S: cr.solve_upper(S, x), bad_gambles()),
    Case("solve_upper", "backend", lambda x, S: cr.solve_upper(EXACT3, [1, 0, 0], backend=x),
         BAD_BACKENDS),
    Case("solve_upper", "atol", lambda x, S: cr.solve_upper(S, [1, 0, 0], atol=x), BAD_ATOL),
    # -- geometry -------------------------------------------------------------------------
    Case("tv_projection", "backend",
         lambda x, S: cr.tv_projection([1, 0, 0], EXACT3, backend=x), BAD_BACKENDS),
    Case("hausdorff_distance", "backend",
         lambda x, S: cr.hausdorff_distance(EXACT3, EXACT3.to_vertices(), backend=x),
         BAD_BACKENDS),
    Case("solve_hausdorff", "backend",
         lambda x, S: cr.solve_hausdorff(EXACT3, EXACT3.to_vertices(), backend=x),
         BAD_BACKENDS),
    Case("tv_distance", "p", lambda x, S: cr.tv_distance(x, [1, 0, 0]), bad_distributions()),
    Case("tv_distance", "q", lambda x, S: cr.tv_distance([1, 0, 0], x), bad_distributions()),
    Case("tv_distance", "outcomes",
         lambda x, S: cr.tv_distance([1, 0, 0], [0, 1, 0], outcomes=x), BAD_OUTCOMES),
    Case("tv_distance", "atol", lambda x, S: cr.tv_distance([1, 0], [0, 1], atol=x),
         BAD_ATOL),
    Case("distance_to_set", "p", lambda x, S: cr.distance_to_set(x, S),
         st.one_of(bad_distributions(), bad_points())),
    Case("distance_to_set", "S", lambda x, S: cr.distance_to_set([1, 0, 0], x),
         BAD_SET_TYPES),
    Case("distance_to_set", "atol", lambda x, S: cr.distance_to_set([1, 0, 0], S, atol=x),
         BAD_ATOL),
    Case("distance_to_set", "backend",
         lambda x, S: cr.distance_to_set([1, 0, 0], EXACT3, backend=x), BAD_BACKENDS),
    Case("tv_projection", "p", lambda x, S: cr.tv_projection(x, S),
         st.one_of(bad_distributions(), st.just([[1, 0, 0], [0, 1, 0]]))),
    Case("tv_projection", "S", lambda x, S: cr.tv_projection([1, 0, 0], x), BAD_SET_TYPES),
    Case("tv_projection", "atol", lambda x, S: cr.tv_projection([1, 0, 0], S, atol=x),
         BAD_ATOL),
    Case("hausdorff_distance", "S", lambda x, S: cr.hausdorff_distance(x, S), BAD_SETS),
    Case("hausdorff_distance", "T", lambda x, S: cr.hausdorff_distance(S, x), BAD_SETS),
    Case("solve_hausdorff", "S", lambda x, S: cr.solve_hausdorff(x, S), BAD_SETS),
    Case("solve_hausdorff", "T", lambda x, S: cr.solve_hausdorff(S, x), BAD_SETS),
    Case("diameter", "S", lambda x, S: cr.diameter(x), BAD_SET_TYPES),
    # -- operations -----------------------------------------------------------------------
    Case("intersection", "*sets", lambda x, S: cr.intersection(*x),
         st.sampled_from([(), (None,), ("abc",), ([EXACT3],), (EXACT3, S4), (EXACT3, S_ABC),
                          (EXACT3, None), (EXACT3, H3),
                          (cr.precise([1, 0, 0], outcomes=RBY),
                           cr.precise([0, 1, 0], outcomes=RBY))])),
    Case("convex_hull", "*sets", lambda x, S: cr.convex_hull(*x),
         st.sampled_from([(), (None,), ("abc",), ([EXACT3],), (EXACT3, S4), (EXACT3, S_ABC),
                          (EXACT3, None), (EXACT3, H3), (EXACT3, object())])),
    Case("mixture", "sets", lambda x, S: cr.mixture(x, [1]),
         st.sampled_from([None, [], EXACT3, "abc", 5, [None], [H3], {"a": EXACT3}])),
    Case("mixture", "sets/mismatched", lambda x, S: cr.mixture(x, ["1/2", "1/2"]),
         st.sampled_from([[EXACT3, S4], [EXACT3, S_ABC], [EXACT3, None], [EXACT3, "abc"]])),
    Case("mixture", "weights", lambda x, S: cr.mixture([S, EXACT3], x), BAD_WEIGHTS_2),
    Case("mixture", "atol", lambda x, S: cr.mixture([S], [1], atol=x), BAD_ATOL),
    Case("product", "S", lambda x, S: cr.product(x, S), BAD_SET_TYPES),
    Case("product", "T", lambda x, S: cr.product(S, x), BAD_SET_TYPES),
    Case("pushforward", "S", lambda x, S: cr.pushforward(x, {"R": 1, "B": 1, "Y": 2}),
         BAD_SET_TYPES),
    Case("pushforward", "mapping", lambda x, S: cr.pushforward(S, x), BAD_MAPPINGS),
    Case("condition", "S", lambda x, S: cr.condition(x, ["R"]), BAD_SET_TYPES),
    Case("condition", "event", lambda x, S: cr.condition(S, x),
         st.one_of(BAD_EVENTS, st.just([]))),
    Case("condition", "event/null", lambda x, S: cr.condition(x, ["B"]),
         st.sampled_from([cr.precise([1, 0, 0], outcomes=RBY),
                          cr.CredalSet.from_vertices([[1, 0, 0], [0, 1, 0]], outcomes=RBY),
                          cr.CredalSet.from_vertices([[1.0, 0, 0], [0.0, 1, 0]])])),
    Case("condition", "rule", lambda x, S: cr.condition(S, ["R", "B"], rule=x), BAD_RULES),
    Case("condition", "atol", lambda x, S: cr.condition(S, ["R", "B"], atol=x), BAD_ATOL),
]

DECISION_RULES = ["gamma_maximin", "gamma_maximax", "hurwicz", "interval_dominance",
                  "maximality", "e_admissibility", "minimax_regret", "randomized_maximin",
                  "decide"]


def _rule(name: str) -> Callable[..., object]:
    fn: Callable[..., object] = getattr(cr, name)
    return fn


def _rule_cases(name: str) -> list[Case]:
    f = _rule(name)
    return [
        Case(name, "acts", lambda x, S: f(x, S), BAD_ACTS),
        Case(name, "S", lambda x, S: f(ACTS, x), BAD_SET_TYPES),
        Case(name, "S/mismatched", lambda x, S: f(x, S),
             st.sampled_from([{"a": [1, 2, 3, 4]}, {"a": {"a": 1}}, {"a": [1, 2]}])),
        Case(name, "atol", lambda x, S: f(ACTS, S, atol=x), BAD_ATOL),
        Case(name, "backend", lambda x, S: f(ACTS, EXACT3, backend=x), BAD_BACKENDS),
    ]


for _name in DECISION_RULES:
    CASES += _rule_cases(_name)
BAD_PROGRESS = st.sampled_from([1, "abc", object(), [print], True])

def _progress_case(name: str) -> Case:
    f = _rule(name)
    return Case(name, "progress", lambda x, S: f(ACTS, S, progress=x), BAD_PROGRESS)


CASES += [_progress_case(n) for n in ("maximality", "e_admissibility", "minimax_regret",
                                      "decide")]
CASES += [
    *(Case(name, slot, call, bad) for name, fn in (("hausdorff_distance", cr.hausdorff_distance),
                                                  ("solve_hausdorff", cr.solve_hausdorff))
      for slot, call, bad in (
          ("progress", lambda x, S, fn=fn: fn(EXACT3, EXACT3.to_vertices(), progress=x),
           BAD_PROGRESS),
          ("max_vertices", lambda x, S, fn=fn: fn(EXACT3, EXACT3.to_vertices(), max_vertices=x),
           st.sampled_from([0, -1, 1.5, "3", True, NAN, object(), [3]])))),
    Case("CredalSet.enumerate_vertices", "progress",
         lambda x, S: S.enumerate_vertices(progress=x), BAD_PROGRESS),
    Case("CredalSet.enumerate_vertices", "max_vertices",
         lambda x, S: S.enumerate_vertices(max_vertices=x),
         st.sampled_from([0, -1, 1.5, "3", True, NAN, object(), [3]])),
]
CASES += [
    Case("hurwicz", "alpha", lambda x, S: cr.hurwicz(ACTS, S, alpha=x),
         bad_scalars(0, 1, extra=(2, "3/2", "-1/2"))),
    Case("decide", "alpha", lambda x, S: cr.decide(ACTS, S, alpha=x),
         bad_scalars(0, 1, extra=(2, "3/2"))),
    # -- DDT ------------------------------------------------------------------------------
    Case("DDTProblem", "belief", lambda x, S: cr.DDTProblem(x, [1, 2, 3], {"p": ["R"]}),
         BAD_SET_TYPES),
    Case("DDTProblem", "utility", lambda x, S: cr.DDTProblem(S, x, {"p": ["R"]}),
         bad_vectors(3, extra=([[1, 2, 3]],))),
    Case("DDTProblem", "policies", lambda x, S: cr.DDTProblem(S, [1, 2, 3], x),
         st.sampled_from([*WRONG_TYPES, [], {}, [["R"]], {"p": "R"}, {"p": ["Z"]},
                          {"p": []}, {"p": None}, {"p": 5}, {"p": [["R"]]}, {"p": {"R": 1}}])),
    Case("DDTProblem", "empty", lambda x, S: cr.DDTProblem(S, [1, 2, 3], {"p": ["R"]}, empty=x),
         BAD_EMPTY),
    Case("DDTProblem.from_counterfactuals", "counterfactuals",
         lambda x, S: cr.DDTProblem.from_counterfactuals(x, [1, 2, 3]),
         st.sampled_from([*WRONG_TYPES, {}, [EXACT3], {"a": None}, {"a": EXACT3, "b": S4},
                          {"a": EXACT3, "b": S_ABC}, {"a": H3}, {"a": [[1, 0, 0]]}])),
    Case("DDTProblem.from_counterfactuals", "utility",
         lambda x, S: cr.DDTProblem.from_counterfactuals({"a": S, "b": EXACT3}, x),
         bad_vectors(3)),
    Case("DDTProblem.from_counterfactuals", "empty",
         lambda x, S: cr.DDTProblem.from_counterfactuals({"a": S}, [1, 2, 3], empty=x),
         BAD_EMPTY),
    Case("DDTProblem.disambiguate", "policy", lambda x, S: DDT.disambiguate(x),
         st.sampled_from(["z", None, ["x"], {"x": 1}, 0, object(), ("x",)])),
    Case("DDTProblem.choose", "atol", lambda x, S: DDT.choose(atol=x), BAD_ATOL),
    Case("DDTProblem.choose", "backend", lambda x, S: DDT.choose(backend=x), BAD_BACKENDS),
    Case("DDTProblem.values", "backend", lambda x, S: DDT.values(backend=x), BAD_BACKENDS),
    # -- infra-Bayes ----------------------------------------------------------------------
    Case("infra.Infradistribution.from_points", "points",
         lambda x, S: infra.Infradistribution.from_points(x, outcomes=["a", "b"]),
         BAD_INFRA_POINTS),
    Case("infra.Infradistribution.from_points", "points/no outcomes",
         lambda x, S: infra.Infradistribution.from_points(x),
         st.sampled_from([[([1, 0], 0), ([1, 0, 0], 0)], [(5, 0)], [([], 0)],
                          [({}, 0)], [({"a": -1}, 0)]])),
    Case("infra.Infradistribution.from_points", "outcomes",
         lambda x, S: infra.Infradistribution.from_points([([1, 0, 0], 0)], outcomes=x),
         BAD_OUTCOMES),
    Case("infra.Infradistribution.from_credal_set", "S",
         lambda x, S: infra.Infradistribution.from_credal_set(x), BAD_SET_TYPES),
    Case("infra.Infradistribution.expectation", "f", lambda x, S: H3.expectation(x),
         bad_gambles()),
    Case("infra.update", "H", lambda x, S: infra.update(x, ["R"], [0, 0, 0]), BAD_INFRA),
    Case("infra.update", "event", lambda x, S: infra.update(H3, x, [0, 0, 0]), BAD_EVENTS),
    Case("infra.update", "event/null", lambda x, S: infra.update(H3, x, [0, 0, 0]),
         st.sampled_from([[], ["B"], ["Y"]])),
    Case("infra.update", "off_event", lambda x, S: infra.update(H3, ["R"], x),
         st.one_of(BAD_LIKELIHOODS, st.just(None))),
    Case("infra.update", "likelihood",
         lambda x, S: infra.update(H3, off_event=[0, 0, 0], likelihood=x), BAD_LIKELIHOODS),
    Case("infra.update", "event+likelihood",
         lambda x, S: infra.update(H3, x, [0, 0, 0], likelihood=[1, 0, 0]),
         st.sampled_from([["R"], ["R", "B"], []])),
    Case("infra.update", "atol", lambda x, S: infra.update(H3, ["R"], [0, 0, 0], atol=x),
         BAD_ATOL),
    Case("infra.event_probability", "H",
         lambda x, S: infra.event_probability(x, ["R"], [0, 0, 0]), BAD_INFRA),
    Case("infra.event_probability", "event",
         lambda x, S: infra.event_probability(H3, x, [0, 0, 0]), BAD_EVENTS),
    Case("infra.event_probability", "off_event",
         lambda x, S: infra.event_probability(H3, ["R"], x),
         st.one_of(BAD_LIKELIHOODS, st.just(None))),
    Case("infra.event_probability", "likelihood",
         lambda x, S: infra.event_probability(H3, off_event=[0, 0, 0], likelihood=x),
         BAD_LIKELIHOODS),
    Case("infra.pushforward", "H", lambda x, S: infra.pushforward(x, {"R": 1, "B": 1, "Y": 1}),
         BAD_INFRA),
    Case("infra.pushforward", "mapping", lambda x, S: infra.pushforward(H3, x), BAD_MAPPINGS),
    Case("infra.mixture", "components", lambda x, S: infra.mixture(x, [1]),
         st.sampled_from([None, [], H3, "abc", 5, [None], [EXACT3], {"a": H3}])),
    Case("infra.mixture", "components/mismatched",
         lambda x, S: infra.mixture(x, ["1/2", "1/2"]),
         st.sampled_from([[H3, H_ABC], [H3, None], [H3, EXACT3]])),
    Case("infra.mixture", "weights", lambda x, S: infra.mixture([H3, H3], x), BAD_WEIGHTS_2),
    Case("infra.mixture", "atol", lambda x, S: infra.mixture([H3], [1], atol=x), BAD_ATOL),
    Case("infra.semidirect_product", "H",
         lambda x, S: infra.semidirect_product(x, {"R": H3, "B": H3, "Y": H3}), BAD_INFRA),
    Case("infra.semidirect_product", "kernel", lambda x, S: infra.semidirect_product(H3, x),
         st.sampled_from([*WRONG_TYPES, {}, [H3, H3, H3], {"R": H3, "B": H3},
                          {"R": H3, "B": H3, "Y": H3, "Z": H3}, {"R": H3, "B": H3, "Y": None},
                          {"R": H3, "B": H3, "Y": H_ABC}, {"R": H3, "B": H3, "Y": EXACT3}])),
    Case("infra.product", "H", lambda x, S: infra.product(x, H3), BAD_INFRA),
    Case("infra.product", "G", lambda x, S: infra.product(H3, x), BAD_INFRA),
    # -- problem files --------------------------------------------------------------------
    Case("load_problem", "path", lambda x, S: cr.load_problem(x),
         st.sampled_from(["", "/", "/nonexistent/coin.toml", "/nonexistent/coin.json",
                          __file__, None, 3, object(), [1], b"coin.toml"])),
    Case("parse_problem", "data", lambda x, S: cr.parse_problem(x),
         st.sampled_from([*WRONG_TYPES, [], {}, {"outcomes": []}, {"outcomes": "HT"},
                          {"outcomes": ["H", "T"], "belief": {"vertices": [[NAN, 1]]}},
                          {"outcomes": ["H", "T"], "belief": {"vertices": [[0.5, 0.6]]}},
                          {"outcomes": ["H", "T"], "belief": {"vacuous": True},
                           "acts": {"d": [1]}},
                          {"outcomes": ["H", "T"], "belief": {"vacuous": True},
                           "acts": {"d": {"Z": 1}}},
                          {"outcomes": ["H", "T"], "belief": {"vacuous": True},
                           "options": {"alpha": 2}},
                          {"outcomes": ["H", "T"],
                           "belief": {"tv_ball": {"center": [1, 0], "radius": -1}}},
                          {"outcomes": ["H", "T"], "belief": {"lower": [0.9, 0.9]}},
                          {"outcomes": ["H", "T"], "unknown": 1}])),
    Case("parse_problem", "source",
         lambda x, S: cr.parse_problem({"outcomes": []}, source=x),
         st.sampled_from([None, 5, object(), ["a"]])),
    # -- batches --------------------------------------------------------------------------
    Case("batch.map", "fn", lambda x, S: batch.map(x, [1, 2]), BAD_FUNCTIONS),
    Case("batch.map", "iterables", lambda x, S: batch.map(abs, *x),
         st.sampled_from([(), (5,), ([1, 2], [1]), (None,), ([1], object())])),
    Case("batch.map", "executor", lambda x, S: batch.map(abs, [1, 2], executor=x),
         BAD_EXECUTORS),
    Case("batch.map", "chunksize",
         lambda x, S: batch.map(abs, [1, 2], executor=_Serial(), chunksize=x),
         BAD_CHUNKSIZES),
    Case("batch.run", "tasks", lambda x, S: batch.run(x),
         st.sampled_from([None, 5, batch.Task(abs, args=(1,)), [None], [abs], "abc"])),
    Case("batch.run", "executor",
         lambda x, S: batch.run([batch.Task(abs, args=(1,))], executor=x), BAD_EXECUTORS),
    Case("batch.run", "chunksize",
         lambda x, S: batch.run([batch.Task(abs, args=(1,))], chunksize=x), BAD_CHUNKSIZES),
    Case("batch.map", "timeout", lambda x, S: batch.map(abs, [1, 2], timeout=x), BAD_TIMEOUTS),
    Case("batch.run", "timeout",
         lambda x, S: batch.run([batch.Task(abs, args=(1,))], timeout=x), BAD_TIMEOUTS),
    Case("batch.Task", "fn", lambda x, S: batch.Task(x), BAD_FUNCTIONS),
    Case("batch.Task", "args", lambda x, S: batch.Task(abs, args=x),
         st.sampled_from([None, 5, "abc", {"a": 1}, object()])),
    Case("batch.Task", "kwargs", lambda x, S: batch.Task(abs, kwargs=x),
         st.sampled_from([None, 5, "abc", [("a", 1)], {1: 2}, object()])),
]


class _Serial:
    """A minimal executor: ``submit`` runs at once."""

    def submit(self, fn: Callable[..., Any], *args: Any) -> Any:
        from concurrent.futures import Future

        fut: Future[Any] = Future()
        fut.set_result(fn(*args))
        return fut


# --------------------------------------------------------------------------------------
# The public API, derived from __all__, and the table's coverage of it
# --------------------------------------------------------------------------------------
#: Value types returned by the library (their constructors are not an input boundary; the
#: immutability tests below cover them), and classes built only by their classmethods.
RESULT_TYPES = {"LowerExpectation", "UpperExpectation", "TVProjection", "HausdorffResult",
                "DecisionReport", "Problem", "batch.TaskResult", "batch.BatchResult"}
CLASSMETHOD_BUILT = {"CredalSet", "infra.Infradistribution"}


def _own_methods(cls: type) -> list[str]:
    """Public methods (not properties) that credal's classes define themselves."""
    out = []
    for klass in cls.__mro__:
        if not klass.__module__.startswith("credal"):
            continue
        for attr, value in vars(klass).items():
            if attr.startswith("_") or isinstance(value, property):
                continue
            if callable(value) or isinstance(value, classmethod | staticmethod):
                out.append(attr)
    return sorted(set(out))


def public_api() -> dict[str, object]:
    """Every public function, constructor and method: name -> the callable."""
    api: dict[str, object] = {}
    for prefix, module in (("", cr), ("infra.", infra), ("batch.", batch)):
        for name in module.__all__:
            obj = getattr(module, name)
            if inspect.ismodule(obj) or not callable(obj):
                continue  # submodules (walked here themselves), constants
            if isinstance(obj, type) and issubclass(obj, BaseException):
                continue  # the error classes
            full = prefix + name
            if isinstance(obj, type):
                if full not in RESULT_TYPES and full not in CLASSMETHOD_BUILT:
                    api[full] = obj
                for attr in _own_methods(obj):
                    api[f"{full}.{attr}"] = getattr(obj, attr)
            else:
                api[full] = obj
    return api


def _takes_no_arguments(fn: object) -> bool:
    params = list(inspect.signature(fn).parameters.values())  # type: ignore[arg-type]
    return [p.name for p in params] in ([], ["self"])


def test_cases_cover_the_public_api() -> None:
    api = public_api()
    assert {"lower_expectation", "CredalSet.from_vertices", "CredalSet.contains",
            "DDTProblem", "DDTProblem.choose", "infra.update", "batch.map",
            "infra.Infradistribution.expectation"} <= set(api)
    covered = {c.name for c in CASES}
    assert covered <= set(api), f"cases for names that are not public: {covered - set(api)}"
    missing = set(api) - covered
    # Only methods without any argument cannot be given a malformed one.
    assert all(_takes_no_arguments(api[name]) for name in missing), sorted(
        name for name in missing if not _takes_no_arguments(api[name]))
    assert missing == {"CredalSet.to_constraints", "CredalSet.to_vertices", "CredalSet.to_float",
                       "infra.Infradistribution.normalize",
                       "DecisionReport.table", "batch.BatchResult.values",
                       "Problem.run", "Problem.sweep"}, sorted(missing)


def test_direct_construction_is_refused() -> None:
    for cls in (cr.CredalSet, infra.Infradistribution):
        with pytest.raises(TypeError, match="build"):
            cls()


# --------------------------------------------------------------------------------------
# Malformed input raises credal's errors
# --------------------------------------------------------------------------------------
def check_refused(case: Case, bad: Any, S: cr.CredalSet) -> CredalError:
    """The call raises a CredalError with a message; nothing else escapes, and it does not
    return."""
    try:
        out = case.call(bad, S)
    except CredalError as exc:
        assert type(exc).__module__.startswith("credal"), type(exc)
        assert str(exc).strip(), f"{case.id}: empty message for {bad!r}"
        return exc
    except Exception as exc:  # the failure under test: another exception type escaped
        pytest.fail(f"{case.id}: {type(exc).__name__} escaped for {bad!r} on {S!r}: {exc}")
    pytest.fail(f"{case.id}: returned {out!r} for the malformed {bad!r} on {S!r}")


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_malformed_input_raises_a_credal_error(case: Case) -> None:
    @SETTINGS
    @given(bad=case.bad, S=st.sampled_from(SETS3))
    def run(bad: Any, S: cr.CredalSet) -> None:
        check_refused(case, bad, S)

    run()


def test_messages_name_the_argument() -> None:
    exc = check_refused(CASES[0], [[0.5, 0.6]], EXACT3)
    assert "points" in str(exc)
    atol = next(c for c in CASES if c.id == "solve_lower:atol")
    assert "atol" in str(check_refused(atol, -1, EXACT3))
    md = next(c for c in CASES if c.id == "CredalSet.to_exact:max_denominator")
    msg = str(check_refused(md, 0, SETS3[1]))
    assert "max_denominator" in msg and "0" in msg


# --------------------------------------------------------------------------------------
# Inputs are never mutated
# --------------------------------------------------------------------------------------
def _snapshot(x: Any) -> Any:
    """A deep copy that also records every array's dtype and writeable flag."""
    if isinstance(x, np.ndarray):
        return ("ndarray", x.copy(), x.dtype, x.flags.writeable)
    if isinstance(x, dict):
        return ("dict", [(k, _snapshot(v)) for k, v in x.items()])
    if isinstance(x, list | tuple):
        return (type(x).__name__, [_snapshot(v) for v in x])
    if isinstance(x, int | float | complex | str | bytes | Fraction | type(None)):
        return ("value", copy.deepcopy(x))
    return ("object", id(x))  # sets, functions, infradistributions: immutable themselves


def _same(a: Any, b: Any) -> bool:
    if a[0] != b[0]:
        return False
    if a[0] == "ndarray":
        return bool(a[2] == b[2] and a[3] == b[3] and a[1].shape == b[1].shape
                    and (a[1] == b[1]).all())
    if a[0] == "dict":
        return len(a[1]) == len(b[1]) and all(
            ka == kb and _same(va, vb) for (ka, va), (kb, vb) in zip(a[1], b[1], strict=True))
    if a[0] in ("list", "tuple"):
        return len(a[1]) == len(b[1]) and all(
            _same(u, v) for u, v in zip(a[1], b[1], strict=True))
    return bool(a[1] == b[1])


def _f(*values: float) -> np.ndarray:
    return np.array(values, dtype=np.float64)  # writeable, float64


def _mutation_calls() -> list[tuple[str, Callable[..., object], tuple[Any, ...], dict[str, Any]]]:
    S = SETS3[2]
    V = cr.CredalSet.from_vertices(_f(0.2, 0.3, 0.5, 0.6, 0.2, 0.2).reshape(2, 3), outcomes=RBY)
    H = infra.Infradistribution.from_credal_set(V)
    unnormalised = _f(0.2 + 5e-11, 0.3, 0.5)  # within atol: projected, but not in place
    return [
        ("from_vertices", CV.from_vertices, (_f(0.2, 0.3, 0.5, 1, 0, 0).reshape(2, 3),), {}),
        ("from_vertices/near", CV.from_vertices, ([unnormalised, [1.0, 0, 0]],), {}),
        ("from_vertices/dicts", CV.from_vertices, ([{"a": 0.5, "b": 0.5}, {"a": 1.0, "b": 0}],),
         {}),
        ("from_constraints", CV.from_constraints, (_f(-1, 1, 0).reshape(1, 3), _f(0),
                                                   _f(1, 1, 0).reshape(1, 3), _f(0.5)), {}),
        ("from_bounds", CV.from_bounds, (_f(0.1, 0.2, 0.1), [0.6, 0.7, 0.5]), {}),
        ("from_bounds/dict", CV.from_bounds, ({"a": 0.1}, {"a": 0.5, "b": 1.0}),
         {"outcomes": ["a", "b"]}),
        ("from_lower_probabilities", CV.from_lower_probabilities,
         ({("R",): 0.1, ("B", "Y"): 0.2},), {"outcomes": list(RBY)}),
        ("from_lower_previsions", CV.from_lower_previsions,
         ([(_f(1, 0, 0), 0.1), ([0.0, 1, 1], _f(0.2)[0])],), {}),
        ("precise", cr.precise, (unnormalised,), {"outcomes": ["a", "b", "c"]}),
        ("tv_ball", cr.tv_ball, (_f(0.2, 0.3, 0.5), 0.1), {}),
        ("contamination", cr.contamination, ({"a": 0.5, "b": 0.5}, 0.1), {}),
        ("idm", cr.idm, (_f(1, 2, 3),), {"s": 2.0}),
        ("vacuous", cr.vacuous, (list(RBY),), {}),
        ("contains", S.contains, (unnormalised,), {}),
        ("lower_expectation", cr.lower_expectation, (S, _f(1, 2, 3)), {}),
        ("lower_expectation/batch", cr.lower_expectation, (V, _f(1, 2, 3, 3, 2, 1).reshape(2, 3)),
         {}),
        ("upper_expectation/dict", cr.upper_expectation, (S, {"R": 1.0, "Y": -2.0}), {}),
        ("lower_probability", cr.lower_probability, (S, ["R", "B"]), {}),
        ("solve_lower", cr.solve_lower, (S, _f(1, 2, 3, 0, 0, 1).reshape(2, 3)), {}),
        ("tv_distance", cr.tv_distance, (_f(0.2, 0.3, 0.5), [0.5, 0.5, 0.0]), {}),
        ("distance_to_set", cr.distance_to_set, (_f(1, 0, 0, 0, 1, 0).reshape(2, 3), V), {}),
        ("tv_projection", cr.tv_projection, (_f(1, 0, 0), S), {}),
        ("mixture", cr.mixture, ([S, V], _f(0.25, 0.75)), {}),
        ("pushforward", cr.pushforward, (S, {"R": "x", "B": "x", "Y": "y"}), {}),
        ("condition", cr.condition, (S, ["R", "B"]), {}),
        ("intersection", cr.intersection, (S, V), {}),
        *[(rule, _rule(rule), ({"a": _f(1, 0, 0), "b": [0.0, 1, 0], "c": {"Y": 0.5}}, S), {})
          for rule in DECISION_RULES],
        ("DDTProblem", cr.DDTProblem, (S, _f(1, 2, 3), {"x": ["R", "B"], "y": ["Y"]}), {}),
        ("from_counterfactuals", cr.DDTProblem.from_counterfactuals,
         ({"a": S, "b": V}, _f(1, 2, 3)), {}),
        ("from_points", infra.Infradistribution.from_points,
         ([(_f(0.5, 0.5), 0.0), ([0.2, 0.1], _f(0.25)[0])],), {}),
        ("expectation", H.expectation, (_f(1, 0, 0.5, 0, 1, 0).reshape(2, 3),), {}),
        ("update", infra.update, (H,), {"off_event": _f(0, 0, 0.5),
                                        "likelihood": _f(1, 0.5, 0)}),
        ("event_probability", infra.event_probability, (H, ["R", "B"], [0.0, 0, 0.5]), {}),
        ("infra.mixture", infra.mixture, ([H, H], _f(0.5, 0.5)), {}),
        ("semidirect_product", infra.semidirect_product, (H, {"R": H, "B": H, "Y": H}), {}),
        ("batch.map", batch.map, (abs, [-1, 2]), {}),
    ]


MUTATION_CALLS = _mutation_calls()


@pytest.mark.parametrize("name, fn, args, kwargs", MUTATION_CALLS,
                         ids=[c[0] for c in MUTATION_CALLS])
def test_inputs_are_not_mutated(name: str, fn: Callable[..., object], args: tuple[Any, ...],
                                kwargs: dict[str, Any]) -> None:
    before = _snapshot((args, kwargs))
    fn(*args, **kwargs)
    assert _same(before, _snapshot((args, kwargs))), name


@SETTINGS
@given(F=st.lists(st.lists(st.floats(-1e6, 1e6), min_size=3, max_size=3), min_size=1,
                  max_size=4),
       S=st.sampled_from(SETS3))
def test_gamble_batches_are_not_mutated(F: list[list[float]], S: cr.CredalSet) -> None:
    arr = np.array(F)
    before = arr.copy()
    cr.lower_expectation(S, arr)
    cr.solve_lower(S, arr)
    cr.upper_expectation(S, arr)
    assert arr.flags.writeable and (arr == before).all()


# --------------------------------------------------------------------------------------
# Results are immutable, and stay so after pickling
# --------------------------------------------------------------------------------------
def _assert_read_only(arr: Any, what: str) -> None:
    assert isinstance(arr, np.ndarray), what
    assert not arr.flags.writeable, f"{what} is writeable"
    with pytest.raises(ValueError, match="read-only"):
        arr[(0,) * arr.ndim] = 0


def _round_trip(x: Any) -> Any:
    return pickle.loads(pickle.dumps(x))


ALL_FORMS = [*SETS3, cr.vacuous(2), cr.idm([1, 2, 3]), S4.to_constraints(),
             cr.CredalSet.from_lower_previsions([([1, 0, 0], "1/3")]),
             cr.CredalSet.from_bounds([0.1, 0.2], [0.8, 0.9]).to_exact(max_denominator=100)]


@pytest.mark.parametrize("S", ALL_FORMS, ids=[f"{S.form}-{i}" for i, S in enumerate(ALL_FORMS)])
def test_credal_sets_are_immutable_and_pickle(S: cr.CredalSet) -> None:
    for T in (S, _round_trip(S)):
        with pytest.raises(AttributeError):
            T.outcomes = ("x",)  # type: ignore[misc]
        with pytest.raises(AttributeError):
            T._points = None
        _assert_read_only(T.vertices, "vertices")
        for part in ("A_ub", "b_ub", "A_eq", "b_eq"):
            assert not getattr(T.constraints, part).flags.writeable, part
    T = _round_trip(S)
    assert (T.outcomes, T.is_exact, T.form) == (S.outcomes, S.is_exact, S.form)
    assert T.equals(S) and S.equals(T)
    assert (T.vertices.shape == S.vertices.shape and
            np.array_equal(np.asarray(T.vertices, float), np.asarray(S.vertices, float)))
    if S.is_exact:
        assert (T.vertices == S.vertices).all()


@pytest.mark.parametrize("S", [SETS3[0], SETS3[2], SETS3[3]], ids=["exact", "float", "hform"])
def test_constraints_stay_read_only_after_pickling(S: cr.CredalSet) -> None:
    c = _round_trip(S.constraints)
    assert isinstance(c, Constraints)
    for part in ("A_ub", "b_ub", "A_eq", "b_eq"):
        assert not getattr(c, part).flags.writeable, part
        if getattr(c, part).size:
            _assert_read_only(getattr(c, part), part)
        assert np.array_equal(np.asarray(getattr(c, part), float),
                              np.asarray(getattr(S.constraints, part), float))


@pytest.mark.parametrize("S", SETS3, ids=[f"{S.form}-{i}" for i, S in enumerate(SETS3)])
def test_solve_lower_results_are_read_only_and_pickle(S: cr.CredalSet) -> None:
    for f in ([1, 2, 3], [[1, 2, 3], [0, -1, 1]]):
        r = cr.solve_lower(S, f)
        for x in (r, _round_trip(r)):
            _assert_read_only(x.minimizer, "minimizer")
            if isinstance(x.value, np.ndarray):
                _assert_read_only(x.value, "value")
            with pytest.raises(AttributeError):
                x.value = 0  # type: ignore[misc]
        r2 = _round_trip(r)
        assert np.array_equal(np.asarray(r2.value, float), np.asarray(r.value, float))
        assert np.array_equal(np.asarray(r2.minimizer, float), np.asarray(r.minimizer, float))
        assert r2.binding == r.binding


def test_result_types_do_not_freeze_a_callers_array() -> None:
    mine = np.array([0.5, 0.5])
    r = cr.LowerExpectation(value=0.5, minimizer=mine)
    p = cr.TVProjection(0.0, mine)
    assert mine.flags.writeable
    _assert_read_only(r.minimizer, "minimizer")
    _assert_read_only(p.point, "point")


@pytest.mark.parametrize("S", SETS3, ids=[f"{S.form}-{i}" for i, S in enumerate(SETS3)])
def test_tv_projections_are_read_only_and_pickle(S: cr.CredalSet) -> None:
    r = cr.tv_projection([1, 0, 0], S)
    for x in (r, _round_trip(r)):
        _assert_read_only(x.point, "point")
        with pytest.raises(AttributeError):
            x.distance = 0  # type: ignore[misc]
    r2 = _round_trip(r)
    assert r2.distance == r.distance
    assert np.array_equal(np.asarray(r2.point, float), np.asarray(r.point, float))


@pytest.mark.parametrize("S", [SETS3[0], SETS3[2]], ids=["exact", "float"])
def test_decision_reports_are_immutable_and_pickle(S: cr.CredalSet) -> None:
    acts = {"a": [1, 0, 0], "b": [0, 1, 0], "c": ["1/3", "1/3", "1/3"], "d": [0, 0, 1]}
    r = cr.decide(acts, S)
    assert r.bayes_witness
    for x in (r, _round_trip(r)):
        with pytest.raises(AttributeError):
            x.value = 0  # type: ignore[misc]
        for name, p in x.bayes_witness.items():
            _assert_read_only(p, f"bayes_witness[{name!r}]")
    r2 = _round_trip(r)
    assert (r2.lower, r2.upper, r2.choices, r2.beaten_by, r2.regret, r2.weights, r2.value,
            r2.alpha, r2.bayes_shortfall) == (r.lower, r.upper, r.choices, r.beaten_by,
                                              r.regret, r.weights, r.value, r.alpha,
                                              r.bayes_shortfall)
    assert r2.bayes_witness.keys() == r.bayes_witness.keys()
    assert r2.table() == r.table()
    w, v = cr.randomized_maximin(acts, S)
    assert _round_trip((w, v)) == (w, v)


@pytest.mark.parametrize("S", [SETS3[0], SETS3[2]], ids=["exact", "float"])
def test_ddt_problems_are_immutable_and_pickle(S: cr.CredalSet) -> None:
    P = cr.DDTProblem(S, [1, 2, 3], {"x": list(RBY), "y": ["Y"]})
    values = P.values()
    for Q in (P, _round_trip(P)):
        with pytest.raises(AttributeError):
            Q.empty = "forbidden"  # type: ignore[misc]
        _assert_read_only(Q.utility, "utility")
        assert Q.values() == values and Q.choose() == P.choose()
        face = Q.disambiguate("x")
        assert face is not None
        _assert_read_only(face.vertices, "face vertices")
    Q = _round_trip(P)
    assert (Q.outcomes, Q.policies, Q.empty, Q.is_exact) == (P.outcomes, P.policies, P.empty,
                                                             P.is_exact)
    P.values()["x"] = 99  # a new dict each call: the problem's own stays as it was
    assert P.values() == values
    assert _round_trip(values) == values


@pytest.mark.parametrize("exact", [True, False], ids=["exact", "float"])
def test_infradistributions_are_immutable_and_pickle(exact: bool) -> None:
    S = SETS3[0] if exact else SETS3[1]
    H = infra.update(infra.Infradistribution.from_credal_set(S), ["R", "B"], [0, 0, "1/2"])
    for G in (H, _round_trip(H)):
        with pytest.raises(AttributeError):
            G._M = None
        for m, _ in G.points:
            _assert_read_only(m, "points m")
        _assert_read_only(G._M, "_M")
        _assert_read_only(G._b, "_b")
    G = _round_trip(H)
    assert (G.outcomes, G.is_exact, G.is_normalized, G.is_crisp) == (
        H.outcomes, H.is_exact, H.is_normalized, H.is_crisp)
    f = [[1, 0, 0], [0, 1, "1/2"], [1, 1, 1]]
    assert np.array_equal(np.asarray(G.expectation(f), float), np.asarray(H.expectation(f), float))


@pytest.mark.parametrize("T", [cr.vacuous(RBY), SETS3[2]], ids=["exact", "float"])
def test_hausdorff_results_are_read_only_and_pickle(T: cr.CredalSet) -> None:
    r = cr.solve_hausdorff(EXACT3, T)
    for x in (r, _round_trip(r)):
        for name in ("point", "nearest", "gamble"):
            _assert_read_only(getattr(x, name), name)
        with pytest.raises(AttributeError):
            x.distance = 0  # type: ignore[misc]
    r2 = _round_trip(r)
    assert (r2.distance, r2.side) == (r.distance, r.side)
    for name in ("point", "nearest", "gamble"):
        assert np.array_equal(np.asarray(getattr(r2, name), float),
                              np.asarray(getattr(r, name), float))


def test_batch_results_pickle() -> None:
    r = batch.map(cr.lower_expectation, [EXACT3, SETS3[2]], [[1, 0, 0], [0, 1, 0]])
    r2 = _round_trip(r)
    assert r2.values() == r.values() and len(r2) == 2 and r2.ok
    with pytest.raises(AttributeError):
        r2[0].value = 1  # type: ignore[misc]

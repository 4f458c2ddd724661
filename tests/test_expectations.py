"""Lower and upper expectations: worked examples with exact answers, closed forms against
linear programs, solve_lower's witness, backends and result types."""

from __future__ import annotations

import itertools
from fractions import Fraction
from fractions import Fraction as F

import numpy as np
import pytest

import credal as cr

# --------------------------------------------------------------------------------------
# Troffaes (2007): X = {H, T}, p(H) in [0.28, 0.70]
# --------------------------------------------------------------------------------------
HT = ["H", "T"]
ACTS = [("4", "0"), ("0", "4"), ("3", "2"), ("1/2", "3"), ("2.35", "2.35"), ("4.1", "-0.3")]
ACTS_FLOAT = [(4.0, 0.0), (0.0, 4.0), (3.0, 2.0), (0.5, 3.0), (2.35, 2.35), (4.1, -0.3)]
LOWER = [F(28, 25), F(6, 5), F(57, 25), F(5, 4), F(47, 20), F(233, 250)]
# By hand: E_p = p(H) f(H) + (1 - p(H)) f(T) is linear in p(H), so the extremes are at
# p(H) = 7/25 and 7/10: d1 4*7/10; d2 4*18/25; d3 2 + 7/10; d4 3 - (5/2)(7/25);
# d5 47/20; d6 -3/10 + (44/10)(7/10).
UPPER = [F(14, 5), F(72, 25), F(27, 10), F(23, 10), F(47, 20), F(139, 50)]


def troffaes_sets(exact: bool = True) -> dict[str, cr.CredalSet]:
    if exact:
        lo, hi = "0.28", "0.70"
        return {
            "from_bounds": cr.CredalSet.from_bounds([lo, 0], [hi, 1], outcomes=HT),
            "from_vertices": cr.CredalSet.from_vertices(
                [[lo, "0.72"], [hi, "0.30"]], outcomes=HT),
            "from_constraints": cr.CredalSet.from_constraints(
                A_ub=[[-1, 0], [1, 0]], b_ub=["-0.28", hi], outcomes=HT),
        }
    return {
        "from_bounds": cr.CredalSet.from_bounds([0.28, 0.0], [0.70, 1.0], outcomes=HT),
        "from_vertices": cr.CredalSet.from_vertices([[0.28, 0.72], [0.70, 0.30]], outcomes=HT),
        "from_constraints": cr.CredalSet.from_constraints(
            A_ub=[[-1.0, 0.0], [1.0, 0.0]], b_ub=[-0.28, 0.70], outcomes=HT),
    }


def tol(f: object) -> float:
    """Float tolerance scaled to the gamble's range."""
    arr = np.asarray(f, dtype=float)
    return 1e-8 * max(1.0, float(arr.max() - arr.min()))


class TestTroffaes:
    @pytest.mark.parametrize("form", ["from_bounds", "from_vertices", "from_constraints"])
    def test_exact_single_gambles(self, form: str) -> None:
        S = troffaes_sets()[form]
        for act, low, up in zip(ACTS, LOWER, UPPER, strict=True):
            v = cr.lower_expectation(S, list(act))
            assert v == low, (form, act, v)
            assert type(v) is F
            w = cr.upper_expectation(S, list(act))
            assert w == up, (form, act, w)
            assert type(w) is F

    @pytest.mark.parametrize("form", ["from_bounds", "from_vertices", "from_constraints"])
    def test_exact_mapping_gambles(self, form: str) -> None:
        S = troffaes_sets()[form]
        for (h, t), low in zip(ACTS, LOWER, strict=True):
            assert cr.lower_expectation(S, {"H": h, "T": t}) == low

    @pytest.mark.parametrize("form", ["from_bounds", "from_vertices", "from_constraints"])
    def test_exact_batch(self, form: str) -> None:
        S = troffaes_sets()[form]
        batch = [list(a) for a in ACTS]
        v = cr.lower_expectation(S, batch)
        assert isinstance(v, np.ndarray)
        assert v.shape == (6,)
        assert v.dtype == object
        assert list(v) == LOWER
        assert all(type(x) is F for x in v)
        w = cr.upper_expectation(S, batch)
        assert w.shape == (6,)
        assert list(w) == UPPER
        assert all(type(x) is F for x in w)

    def test_exact_batch_as_object_array(self) -> None:
        S = troffaes_sets()["from_bounds"]
        batch = np.array([[F(a), F(b)] for a, b in ACTS], dtype=object)
        assert batch.shape == (6, 2)
        assert list(cr.lower_expectation(S, batch)) == LOWER

    def test_batch_result_is_read_only(self) -> None:
        S = troffaes_sets()["from_vertices"]
        v = cr.lower_expectation(S, [list(a) for a in ACTS])
        with pytest.raises(ValueError):
            v[0] = 0

    @pytest.mark.parametrize("form", ["from_bounds", "from_vertices", "from_constraints"])
    def test_float_single_and_batch(self, form: str) -> None:
        S = troffaes_sets(exact=False)[form]
        assert not S.is_exact
        for act, low, up in zip(ACTS_FLOAT, LOWER, UPPER, strict=True):
            v = cr.lower_expectation(S, list(act))
            assert type(v) is float
            assert abs(v - float(low)) <= tol(act), (form, act, v)
            w = cr.upper_expectation(S, list(act))
            assert type(w) is float
            assert abs(w - float(up)) <= tol(act), (form, act, w)
        batch = np.array(ACTS_FLOAT)
        v = cr.lower_expectation(S, batch)
        assert isinstance(v, np.ndarray) and v.dtype == np.float64 and v.shape == (6,)
        assert np.max(np.abs(v - np.array([float(x) for x in LOWER]))) <= tol(batch)
        w = cr.upper_expectation(S, batch)
        assert w.dtype == np.float64 and w.shape == (6,)
        assert np.max(np.abs(w - np.array([float(x) for x in UPPER]))) <= tol(batch)

    def test_exact_set_float_gamble_is_float(self) -> None:
        S = troffaes_sets()["from_bounds"]
        v = cr.lower_expectation(S, [4.0, 0.0])
        assert type(v) is float
        assert abs(v - 1.12) <= tol([4, 0])

    def test_float_set_exact_gamble_is_float(self) -> None:
        S = troffaes_sets(exact=False)["from_vertices"]
        v = cr.lower_expectation(S, ["4", "0"])
        assert type(v) is float
        assert abs(v - 1.12) <= tol([4, 0])


# --------------------------------------------------------------------------------------
# Ellsberg: X = {R, B, Y}, P(R) = 1/3, P(B) in [0, 2/3]
# --------------------------------------------------------------------------------------
RBY = ["R", "B", "Y"]
EVENTS = [["R"], ["B"], ["R", "Y"], ["B", "Y"]]
ELLSBERG_LOWER = [F(1, 3), F(0), F(1, 3), F(2, 3)]
ELLSBERG_UPPER = [F(1, 3), F(2, 3), F(1), F(2, 3)]


def ellsberg_sets() -> list[cr.CredalSet]:
    return [
        cr.CredalSet.from_vertices([["1/3", 0, "2/3"], ["1/3", "2/3", 0]], outcomes=RBY),
        cr.CredalSet.from_constraints(A_eq=[[1, 0, 0]], b_eq=["1/3"], outcomes=RBY),
        cr.CredalSet.from_bounds(["1/3", 0, 0], ["1/3", "2/3", 1], outcomes=RBY),
        cr.CredalSet.from_lower_probabilities({("R",): "1/3", ("B", "Y"): "2/3"},
                                              outcomes=RBY),
    ]


class TestEllsberg:
    @pytest.mark.parametrize("i", range(4), ids=["vertices", "constraints", "bounds",
                                                 "lower_probabilities"])
    def test_lower_and_upper_probabilities(self, i: int) -> None:
        S = ellsberg_sets()[i]
        for event, low, up in zip(EVENTS, ELLSBERG_LOWER, ELLSBERG_UPPER, strict=True):
            lp = cr.lower_probability(S, event)
            assert lp == low, (event, lp)
            assert type(lp) is F
            upv = cr.upper_probability(S, event)
            assert upv == up, (event, upv)
            assert type(upv) is F

    def test_events_as_other_iterables(self) -> None:
        S = ellsberg_sets()[0]
        assert cr.lower_probability(S, ("B", "Y")) == F(2, 3)
        assert cr.lower_probability(S, {"Y", "B"}) == F(2, 3)
        assert cr.lower_probability(S, frozenset({"R"})) == F(1, 3)
        assert cr.upper_probability(S, iter(["B"])) == F(2, 3)

    def test_trivial_events(self) -> None:
        S = ellsberg_sets()[1]
        assert cr.lower_probability(S, []) == 0
        assert cr.upper_probability(S, []) == 0
        assert cr.lower_probability(S, RBY) == 1
        assert cr.upper_probability(S, RBY) == 1

    def test_lower_probability_equals_lower_expectation_of_indicator(self) -> None:
        S = ellsberg_sets()[0]
        assert cr.lower_probability(S, ["R", "Y"]) == cr.lower_expectation(S, [1, 0, 1])
        assert cr.upper_probability(S, ["R", "Y"]) == cr.upper_expectation(S, {"R": 1, "Y": 1})

    def test_gamma_maximin_preferences(self) -> None:
        S = ellsberg_sets()[0]
        assert cr.lower_probability(S, ["R"]) > cr.lower_probability(S, ["B"])
        assert cr.lower_probability(S, ["B", "Y"]) > cr.lower_probability(S, ["R", "Y"])


# --------------------------------------------------------------------------------------
# Closed forms against linear programs on the same set
# --------------------------------------------------------------------------------------
GAMBLES3 = [
    [F(1), F(0), F(0)], [F(0), F(1), F(0)], [F(0), F(0), F(1)],
    [F(3), F(-1), F(2)], [F(-2), F(5), F(1, 2)], [F(1, 3), F(1, 3), F(1, 3)],
    [F(7), F(7), F(-3)], [F(0), F(0), F(0)], [F(-1, 7), F(2, 9), F(4)],
]
GAMBLES4 = [list(map(F, g)) for g in itertools.product([-1, 0, 2], repeat=4)][::5]


def nonempty_proper_events(n: int) -> list[tuple[int, ...]]:
    return [A for k in range(1, n) for A in itertools.combinations(range(n), k)]


def tv_constraints(p: list[F], r: F) -> cr.CredalSet:
    """The TV ball as an H-form set: q(A) >= p(A) - r for every proper event A."""
    n = len(p)
    A_ub, b_ub = [], []
    for A in nonempty_proper_events(n):
        A_ub.append([-1 if i in A else 0 for i in range(n)])
        b_ub.append(-(sum(p[i] for i in A) - r))
    return cr.CredalSet.from_constraints(A_ub=A_ub, b_ub=b_ub)


def identity(n: int) -> list[list[int]]:
    return [[int(i == j) for j in range(n)] for i in range(n)]


class TestClosedFormsAgainstLP:
    @pytest.mark.parametrize("p, eps", [
        ([F(1, 2), F(1, 3), F(1, 6)], F(1, 4)),
        ([F(1), F(0), F(0)], F(1, 2)),
        ([F(1, 5), F(1, 5), F(3, 5)], F(1)),
    ])
    def test_contamination(self, p: list[F], eps: F) -> None:
        S = cr.contamination(p, eps)
        H = cr.CredalSet.from_constraints(
            A_ub=[[-x for x in row] for row in identity(3)],
            b_ub=[-(1 - eps) * pi for pi in p])
        V = cr.CredalSet.from_vertices(
            [[(1 - eps) * p[j] + (eps if i == j else 0) for j in range(3)] for i in range(3)])
        for f in GAMBLES3:
            closed = (1 - eps) * sum(a * b for a, b in zip(p, f, strict=True)) + eps * min(f)
            assert cr.lower_expectation(S, f) == closed
            assert cr.lower_expectation(H, f) == closed
            assert cr.lower_expectation(V, f) == closed
            assert cr.upper_expectation(S, f) == cr.upper_expectation(H, f)
        assert list(cr.lower_expectation(S, GAMBLES3)) == list(cr.lower_expectation(H, GAMBLES3))

    @pytest.mark.parametrize("p, r", [
        ([F(1, 2), F(1, 4), F(1, 4)], F(1, 8)),
        ([F(1, 2), F(1, 4), F(1, 4)], F(3, 8)),
        ([F(1, 2), F(1, 4), F(1, 4)], F(2)),
        ([F(1, 10), F(0), F(9, 10)], F(1, 5)),
        ([F(1, 4), F(1, 4), F(1, 4), F(1, 4)], F(1, 3)),
        ([F(1, 2), F(1, 6), F(1, 3), F(0)], F(1, 5)),
    ])
    def test_tv_ball(self, p: list[F], r: F) -> None:
        S = cr.tv_ball(p, r)
        H = tv_constraints(p, r)
        gambles = GAMBLES3 if len(p) == 3 else GAMBLES4
        for f in gambles:
            a = cr.lower_expectation(S, f)
            assert a == cr.lower_expectation(H, f), f
            assert type(a) is F
            assert cr.upper_expectation(S, f) == cr.upper_expectation(H, f), f
        assert list(cr.lower_expectation(S, gambles)) == list(cr.lower_expectation(H, gambles))
        # and the TV ball's enumerated vertices agree with the LP's
        assert [list(v) for v in S.vertices] == [list(v) for v in H.vertices]

    def test_tv_ball_known_values(self) -> None:
        S = cr.tv_ball(["1/2", "1/4", "1/4"], "1/8")
        # f = (3, -1, 2): move 1/8 from outcome 0 (highest) to outcome 1 (lowest):
        # p·f - (1/8)(3 - (-1)) = 7/4 - 1/2 = 5/4 (q = (3/8, 3/8, 1/4)).
        assert cr.lower_expectation(S, [3, -1, 2]) == F(5, 4)
        # f = (1, 2, 3): the lowest outcome 0 takes 1/8 from outcome 2: 7/4 - 1/4 = 3/2
        assert cr.lower_expectation(S, [1, 2, 3]) == F(3, 2)
        assert cr.upper_expectation(S, [1, 2, 3]) == F(7, 4) + F(1, 4)

    @pytest.mark.parametrize("lo, up", [
        (["1/10", "1/5", "3/10"], ["9/10", "1/2", "1/2"]),
        ([0, 0, 0], [1, "1/4", "1/4"]),
        (["1/3", 0, 0], ["1/3", "2/3", 1]),
        ([0, "1/5", "1/10"], ["1/2", "1/2", "2/5"]),
    ])
    def test_probability_intervals(self, lo: list[object], up: list[object]) -> None:
        S = cr.CredalSet.from_bounds(lo, up)
        lf, uf = [F(x) for x in lo], [F(x) for x in up]
        H = cr.CredalSet.from_constraints(A_ub=identity(3) + [[-1 if i == j else 0
                                                              for j in range(3)]
                                                             for i in range(3)],
                                          b_ub=uf + [-x for x in lf])
        for f in GAMBLES3:
            assert cr.lower_expectation(S, f) == cr.lower_expectation(H, f), f
            assert cr.upper_expectation(S, f) == cr.upper_expectation(H, f), f
            # and the V-form minimum over the enumerated vertices
            m = min(sum(a * b for a, b in zip(v, f, strict=True)) for v in H.vertices)
            assert cr.lower_expectation(S, f) == m
        assert list(cr.lower_expectation(S, GAMBLES3)) == list(cr.lower_expectation(H, GAMBLES3))

    def test_idm_against_constraints(self) -> None:
        S = cr.idm([3, 1, 2], s=2)  # N + s = 8
        H = cr.CredalSet.from_bounds(["3/8", "1/8", "1/4"], ["5/8", "3/8", "1/2"])
        H2 = cr.CredalSet.from_constraints(A_ub=[[-1, 0, 0], [0, -1, 0], [0, 0, -1]],
                                           b_ub=["-3/8", "-1/8", "-1/4"])
        for f in GAMBLES3:
            assert cr.lower_expectation(S, f) == cr.lower_expectation(H, f) \
                == cr.lower_expectation(H2, f), f

    def test_float_closed_forms_close_to_lp(self) -> None:
        p = [0.5, 0.3, 0.2]
        S = cr.contamination(p, 0.3)
        H = cr.CredalSet.from_constraints(A_ub=[[-1.0, 0, 0], [0, -1.0, 0], [0, 0, -1.0]],
                                          b_ub=[-0.35, -0.21, -0.14])
        T = cr.tv_ball(p, 0.15)
        HT_ = tv_constraints([F(1, 2), F(3, 10), F(1, 5)], F(3, 20)).to_float()
        for f in GAMBLES3:
            ff = [float(x) for x in f]
            assert abs(cr.lower_expectation(S, ff) - cr.lower_expectation(H, ff)) <= tol(ff)
            assert abs(cr.lower_expectation(T, ff) - cr.lower_expectation(HT_, ff)) <= tol(ff)


# --------------------------------------------------------------------------------------
# solve_lower
# --------------------------------------------------------------------------------------
def three_constraints(exact: bool = True) -> cr.CredalSet:
    # rows: p0 >= 1/4, p1 >= 1/4, p2 <= 1/2
    if exact:
        return cr.CredalSet.from_constraints(A_ub=[[-1, 0, 0], [0, -1, 0], [0, 0, 1]],
                                             b_ub=["-1/4", "-1/4", "1/2"])
    return cr.CredalSet.from_constraints(A_ub=[[-1.0, 0, 0], [0, -1.0, 0], [0, 0, 1.0]],
                                         b_ub=[-0.25, -0.25, 0.5])


class TestSolveLower:
    def test_v_form_value_and_minimizer(self) -> None:
        S = cr.CredalSet.from_vertices([["1/3", 0, "2/3"], ["1/3", "2/3", 0]], outcomes=RBY)
        r = cr.solve_lower(S, {"B": 1})
        assert r.value == 0 and type(r.value) is F
        assert list(r.minimizer) == [F(1, 3), F(0), F(2, 3)]
        assert all(type(x) is F for x in r.minimizer)
        assert r.binding is None

    def test_troffaes_minimizers_every_form(self) -> None:
        for form, S in troffaes_sets().items():
            r = cr.solve_lower(S, ["4", "0"])
            assert r.value == F(28, 25), form
            assert list(r.minimizer) == [F(7, 25), F(18, 25)], form
            r = cr.solve_lower(S, ["0", "4"])
            assert r.value == F(6, 5), form
            assert list(r.minimizer) == [F(7, 10), F(3, 10)], form

    def test_closed_form_minimizers(self) -> None:
        r = cr.solve_lower(cr.contamination(["1/2", "1/3", "1/6"], "1/4"), [3, -1, 2])
        assert list(r.minimizer) == [F(3, 8), F(1, 2), F(1, 8)]
        assert r.value == F(9, 8) - F(1, 2) + F(1, 4)
        r = cr.solve_lower(cr.tv_ball(["1/2", "1/4", "1/4"], "1/8"), [3, -1, 2])
        assert list(r.minimizer) == [F(3, 8), F(3, 8), F(1, 4)]
        assert r.value == F(5, 4)
        r = cr.solve_lower(cr.idm([3, 1], s=2), [1, 0])
        assert list(r.minimizer) == [F(1, 2), F(1, 2)]
        assert r.value == F(1, 2)

    def test_binding_constraints_single(self) -> None:
        S = three_constraints()
        r = cr.solve_lower(S, [1, 1, 0])
        # minimise p0 + p1 = 1 - p2: p2 = 1/2, then p0 = p1 = 1/4; all three rows tight
        assert r.value == F(1, 2)
        assert list(r.minimizer) == [F(1, 4), F(1, 4), F(1, 2)]
        assert tuple(r.binding) == (0, 1, 2)
        r = cr.solve_lower(S, [0, 1, 2])
        # minimise p1 + 2 p2: p1 = 1/4, p2 = 0, p0 = 3/4; only row 1 tight
        assert r.value == F(1, 4)
        assert list(r.minimizer) == [F(3, 4), F(1, 4), F(0)]
        assert tuple(r.binding) == (1,)

    def test_binding_troffaes(self) -> None:
        S = cr.CredalSet.from_constraints(A_ub=[[-1, 0], [1, 0], [0, 1]],
                                          b_ub=["-7/25", "7/10", 1])
        assert tuple(cr.solve_lower(S, [4, 0]).binding) == (0,)
        assert tuple(cr.solve_lower(S, [0, 4]).binding) == (1,)
        # a constant gamble: any point is a minimiser, value exact
        r = cr.solve_lower(S, [2, 2])
        assert r.value == 2

    def test_binding_float(self) -> None:
        S = three_constraints(exact=False)
        r = cr.solve_lower(S, [1.0, 1.0, 0.0])
        assert abs(r.value - 0.5) <= tol([1, 1, 0])
        assert np.max(np.abs(r.minimizer - np.array([0.25, 0.25, 0.5]))) <= 1e-8
        assert r.minimizer.dtype == np.float64
        assert tuple(r.binding) == (0, 1, 2)
        r = cr.solve_lower(S, [0.0, 1.0, 2.0])
        assert tuple(r.binding) == (1,)

    def test_batch(self) -> None:
        S = three_constraints()
        r = cr.solve_lower(S, [[1, 1, 0], [0, 1, 2]])
        assert isinstance(r.value, np.ndarray) and r.value.shape == (2,)
        assert list(r.value) == [F(1, 2), F(1, 4)]
        assert r.minimizer.shape == (2, 3)
        assert [list(x) for x in r.minimizer] == [[F(1, 4), F(1, 4), F(1, 2)],
                                                  [F(3, 4), F(1, 4), F(0)]]
        assert [tuple(b) for b in r.binding] == [(0, 1, 2), (1,)]

    def test_batch_v_form_and_float(self) -> None:
        S = troffaes_sets(exact=False)["from_vertices"]
        r = cr.solve_lower(S, np.array(ACTS_FLOAT))
        assert r.value.shape == (6,) and r.value.dtype == np.float64
        assert r.minimizer.shape == (6, 2) and r.minimizer.dtype == np.float64
        assert np.max(np.abs(r.value - np.array([float(x) for x in LOWER]))) <= 1e-8 * 4.4
        # each minimiser attains its value and lies in the set
        for f, x, v in zip(ACTS_FLOAT, r.minimizer, r.value, strict=True):
            assert abs(float(np.dot(f, x)) - v) <= tol(f)
            assert 0.28 - 1e-9 <= x[0] <= 0.70 + 1e-9
            assert abs(x.sum() - 1.0) <= 1e-9

    def test_minimizer_is_read_only(self) -> None:
        r = cr.solve_lower(three_constraints(), [1, 1, 0])
        with pytest.raises(ValueError):
            r.minimizer[0] = 0

    def test_minimizer_attains_value_h_form(self) -> None:
        S = tv_constraints([F(1, 2), F(1, 4), F(1, 4)], F(3, 8))
        for f in GAMBLES3:
            r = cr.solve_lower(S, f)
            assert sum(a * b for a, b in zip(r.minimizer, f, strict=True)) == r.value
            assert sum(r.minimizer) == 1
            assert all(x >= 0 for x in r.minimizer)


# --------------------------------------------------------------------------------------
# Backends
# --------------------------------------------------------------------------------------
class TestBackends:
    def test_float_h_form_backends_agree(self) -> None:
        S = three_constraints(exact=False)
        gambles = np.array([[float(x) for x in f] for f in GAMBLES3])
        ref = np.array([float(x) for x in cr.lower_expectation(three_constraints(),
                                                               GAMBLES3)])
        for backend, atol in (("highs", 1e-9), ("exact", 1e-9), ("cvxpy", 1e-6)):
            v = cr.lower_expectation(S, gambles, backend=backend)
            assert v.dtype == np.float64 and v.shape == (len(GAMBLES3),)
            scale = np.maximum(1.0, np.ptp(gambles, axis=1))
            assert np.all(np.abs(v - ref) <= atol * scale), backend
            single = cr.lower_expectation(S, gambles[3], backend=backend)
            assert abs(single - ref[3]) <= atol * scale[3]
            w = cr.upper_expectation(S, gambles, backend=backend)
            ref_up = -np.array([float(x) for x in cr.lower_expectation(
                three_constraints(), [[-x for x in f] for f in GAMBLES3])])
            assert np.all(np.abs(w - ref_up) <= atol * scale), backend

    def test_exact_h_form_exact_backend(self) -> None:
        S = troffaes_sets()["from_constraints"]
        v = cr.lower_expectation(S, [list(a) for a in ACTS], backend="exact")
        assert list(v) == LOWER
        assert all(type(x) is F for x in v)

    @pytest.mark.parametrize("backend, atol", [("highs", 1e-9), ("cvxpy", 1e-6)])
    def test_float_image_of_exact_set_agrees_with_exact(self, backend: str, atol: float) -> None:
        S = troffaes_sets()["from_constraints"].to_float()
        v = cr.lower_expectation(S, [list(a) for a in ACTS], backend=backend)
        assert v.shape == (6,) and v.dtype == np.float64
        for x, low, act in zip(v, LOWER, ACTS_FLOAT, strict=True):
            assert abs(float(x) - float(low)) <= atol * max(1.0, max(act) - min(act)), \
                (backend, act)

    @pytest.mark.parametrize("backend, atol", [("highs", 1e-9), ("cvxpy", 1e-6)])
    def test_float_backend_binding(self, backend: str, atol: float) -> None:
        # The minimiser (7/25, 18/25) makes row 0 (p(H) >= 7/25) tight whatever backend
        # found it, given a tolerance that matches the backend's accuracy.
        S = troffaes_sets()["from_constraints"].to_float()
        r = cr.solve_lower(S, [4, 0], backend=backend, atol=atol)
        assert abs(float(r.value) - 1.12) <= atol * 4
        assert tuple(r.binding) == (0,)

    @pytest.mark.parametrize("backend", ["highs", "cvxpy"])
    def test_float_backend_on_exact_problem_is_refused(self, backend: str) -> None:
        # Exact in, exact out: the result type depends only on the inputs, so asking a
        # float backend for an exact answer is an impossible combination.
        S = troffaes_sets()["from_constraints"]
        with pytest.raises(cr.InvalidArgumentError, match="to_float"):
            cr.lower_expectation(S, [4, 0], backend=backend)
        with pytest.raises(cr.InvalidArgumentError, match="to_float"):
            cr.solve_lower(S, [4, 0], backend=backend)
        # The same backend answers the float question, in floats.
        v = cr.lower_expectation(S, [4.0, 0.0], backend=backend)
        assert type(v) is float and abs(v - 1.12) <= 1e-6 * 4

    def test_backend_is_unused_but_checked_for_closed_forms(self) -> None:
        S = troffaes_sets()["from_bounds"]
        assert cr.lower_expectation(S, [4, 0], backend="exact") == F(28, 25)
        for backend in ("highs", "cvxpy"):
            assert cr.lower_expectation(S.to_float(), [4, 0], backend=backend) == \
                pytest.approx(1.12, abs=1e-12)


# --------------------------------------------------------------------------------------
# Result types and simple laws with known answers
# --------------------------------------------------------------------------------------
class TestTypes:
    @pytest.mark.parametrize("S", [
        cr.vacuous(3),
        cr.precise(["1/2", "1/4", "1/4"]),
        cr.CredalSet.from_vertices([[1, 0, 0], [0, 1, 0]]),
        cr.CredalSet.from_bounds([0, 0, 0], [1, 1, 1]),
        cr.CredalSet.from_constraints(A_ub=[[1, 0, 0]], b_ub=[1]),
        cr.tv_ball([1, 0, 0], 1),
        cr.contamination([1, 0, 0], 1),
        cr.idm([0, 0, 0], s=1),
    ], ids=["vacuous", "precise", "vertices", "bounds", "constraints", "tv", "contam", "idm"])
    def test_integer_gamble_gives_fraction_not_int(self, S: cr.CredalSet) -> None:
        for f in ([2, 5, 7], [7, 5, 2]):
            v = cr.lower_expectation(S, f)
            assert type(v) is F
            w = cr.upper_expectation(S, f)
            assert type(w) is F
        for fn in (cr.lower_probability, cr.upper_probability):
            assert type(fn(S, [0])) is F
        b = cr.lower_expectation(S, [[2, 5, 7], [7, 5, 2]])
        assert b.dtype == object and all(type(x) is F for x in b)

    def test_vacuous_is_min_and_max(self) -> None:
        S = cr.vacuous(["a", "b", "c"])
        assert cr.lower_expectation(S, {"a": 3, "b": -1, "c": 2}) == -1
        assert cr.upper_expectation(S, {"a": 3, "b": -1, "c": 2}) == 3

    def test_precise_is_expectation(self) -> None:
        S = cr.precise(["1/2", "1/3", "1/6"])
        assert cr.lower_expectation(S, [6, 3, -6]) == 3 + 1 - 1
        assert cr.upper_expectation(S, [6, 3, -6]) == 3

    def test_float_precise_types(self) -> None:
        S = cr.precise([0.5, 0.5])
        v = cr.lower_expectation(S, [1, 3])
        assert type(v) is float and abs(v - 2.0) <= tol([1, 3])
        b = cr.lower_expectation(S, [[1, 3], [0, 2]])
        assert b.dtype == np.float64
        assert np.max(np.abs(b - np.array([2.0, 1.0]))) <= tol([0, 3])

    def test_upper_is_minus_lower_of_minus(self) -> None:
        for S in ellsberg_sets():
            for f in ([3, -1, 2], [F(1, 3), 0, F(-5, 2)]):
                assert cr.upper_expectation(S, f) == -cr.lower_expectation(S, [-x for x in f])

    def test_lower_expectation_class_exported(self) -> None:
        r = cr.solve_lower(cr.vacuous(2), [1, 0])
        assert isinstance(r, cr.LowerExpectation)
        assert r.value == 0
        assert list(r.minimizer) == [F(0), F(1)]


def test_float_batches_are_read_in_place_and_left_alone() -> None:
    """A float64 batch is read through a read-only view (no copy of a large batch): the
    caller's array stays writeable and unchanged, and results do not alias it."""
    rng = np.random.default_rng(0)
    S = cr.CredalSet.from_vertices(rng.dirichlet(np.ones(4), size=5))
    H = cr.CredalSet.from_lower_previsions([([1.0, 0, 0, 0], 0.1)])
    F = rng.normal(size=(20, 4))
    before = F.copy()
    for T in (S, H):
        for fn in (cr.lower_expectation, cr.upper_expectation):
            out = fn(T, F)
            assert not np.shares_memory(out, F)
        r = cr.solve_lower(T, F)
        assert not np.shares_memory(r.minimizer, F)
    assert F.flags.writeable and np.array_equal(F, before)


def test_integer_gambles_over_float_sets_are_floats() -> None:
    S = cr.CredalSet.from_vertices([[0.25, 0.75], [0.5, 0.5]])
    out = cr.lower_expectation(S, np.array([[4, 0], [0, 4]]))
    assert out.dtype == np.float64 and list(out) == [1.0, 2.0]


def test_exact_vertex_batches_go_through_in_chunks(monkeypatch: pytest.MonkeyPatch) -> None:
    # Memory stays O(m n + k n): the (m, k) products are formed a chunk of rows at a time
    # (200 points x 100,000 exact gambles reached 1.5 GB unchunked, 110 MB chunked).
    import credal.sets._kernels as ex

    rng = np.random.default_rng(7)
    P = [[Fraction(int(x), int(r.sum())) for x in r] for r in rng.integers(1, 9, size=(6, 3))]
    S = cr.CredalSet.from_vertices(P)
    F = np.array([[Fraction(int(x), 3) for x in row] for row in
                  rng.integers(-20, 20, size=(23, 3))], dtype=object)
    F[5] = [Fraction(10**30), 0, Fraction(-1, 10**30)]  # beyond int64: the object-dot path
    seen: list[int] = []
    original = ex.nums.integer_rows

    def spy(X: np.ndarray, *, common: bool) -> tuple[np.ndarray, object]:
        if not common:
            seen.append(X.shape[0])
        return original(X, common=common)

    monkeypatch.setattr(ex, "EXACT_CHUNK_ELEMENTS", 4 * 6)  # four gambles per chunk
    monkeypatch.setattr(ex.nums, "integer_rows", spy)
    r = cr.solve_lower(S, F)
    assert seen == [4, 4, 4, 4, 4, 3]
    for f, v, q in zip(F, r.value, r.minimizer, strict=True):
        assert v == min(sum(a * b for a, b in zip(p, f, strict=True)) for p in P)
        assert sum(a * b for a, b in zip(q, f, strict=True)) == v

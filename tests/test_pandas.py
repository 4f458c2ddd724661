"""Labelled containers are read by their labels, never by position.

A pandas ``Series`` is read like a mapping (index = outcomes), a ``DataFrame`` as a batch
(columns = outcomes, one gamble or distribution per row). pandas is never imported by credal
itself; these tests import it because they build the containers.
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pandas as pd
import pytest

import credal as cr
from credal import infra
from credal.errors import InvalidArgumentError

COIN = cr.CredalSet.from_bounds(["0.28", 0], ["0.7", 1], outcomes=["H", "T"])


def test_a_series_gamble_is_read_by_label() -> None:
    # Read by position this was 6/5; by label it is 28/25.
    assert cr.lower_expectation(COIN, pd.Series({"T": 0, "H": 4})) == Fraction(28, 25)
    assert cr.upper_expectation(COIN, pd.Series({"T": 0, "H": 4})) == Fraction(14, 5)
    r = cr.solve_lower(COIN, pd.Series({"T": 4, "H": 0}))
    assert r.value == Fraction(6, 5)


def test_a_series_gamble_missing_an_outcome_pays_zero_and_an_unknown_label_is_refused() -> None:
    assert cr.lower_expectation(COIN, pd.Series({"H": 4})) == Fraction(28, 25)
    with pytest.raises(InvalidArgumentError, match="'X', which is not an outcome"):
        cr.lower_expectation(COIN, pd.Series({"X": 1, "H": 4}))
    with pytest.raises(InvalidArgumentError, match="more than once"):
        cr.lower_expectation(COIN, pd.Series([1, 2], index=["H", "H"]))


def test_a_dataframe_batch_is_read_by_column_in_row_order() -> None:
    frame = pd.DataFrame({"T": [0, 4, 2], "H": [4, 0, 2]}, index=["d1", "d2", "d5"])
    values = cr.lower_expectation(COIN, frame)
    assert isinstance(values, np.ndarray)
    assert list(values) == [Fraction(28, 25), Fraction(6, 5), 2]
    # A missing column pays 0; an unknown column is refused.
    assert list(cr.lower_expectation(COIN, frame[["H"]])) == [Fraction(28, 25), 0, Fraction(14, 25)]
    with pytest.raises(InvalidArgumentError, match="column 'X'"):
        cr.lower_expectation(COIN, frame.rename(columns={"T": "X"}))


def test_float_frames_agree_with_the_arrays_they_stand_for() -> None:
    rng = np.random.default_rng(0)
    F = rng.normal(size=(50, 2))
    frame = pd.DataFrame(F[:, ::-1], columns=["T", "H"])
    S = COIN.to_float()
    np.testing.assert_allclose(cr.lower_expectation(S, frame), cr.lower_expectation(S, F),
                               rtol=0, atol=1e-12)


def test_a_dataframe_is_not_one_gamble() -> None:
    frame = pd.DataFrame({"T": [0], "H": [4]})
    with pytest.raises(InvalidArgumentError, match="one gamble"):
        cr.maximality({"a": frame}, COIN)  # type: ignore[dict-item]


def test_distributions_as_series_are_read_by_label() -> None:
    p = pd.Series({"T": "0.75", "H": "0.25"})
    assert COIN.contains(p) is False and COIN.contains(pd.Series({"T": "0.5", "H": "0.5"}))
    assert cr.distance_to_set(p, COIN) == Fraction(3, 100)
    q = pd.Series({"H": "0.25", "T": "0.75"})
    assert cr.tv_distance(p, q) == 0
    assert cr.tv_distance(p, {"T": "0.75", "H": "0.25"}) == 0
    S = cr.precise(pd.Series({"b": "1/4", "a": "3/4"}))
    assert S.outcomes == ("b", "a") and S.vertices.tolist() == [[Fraction(1, 4), Fraction(3, 4)]]


def test_distance_batches_as_dataframes_are_read_by_column() -> None:
    frame = pd.DataFrame({"T": ["0.75", 0], "H": ["0.25", 1]})
    assert list(cr.distance_to_set(frame, COIN)) == [Fraction(3, 100), Fraction(3, 10)]


def test_constructors_read_labels() -> None:
    V = cr.CredalSet.from_vertices(pd.DataFrame({"T": ["1/2", 0], "H": ["1/2", 1]}))
    assert V.outcomes == ("T", "H")
    V2 = cr.CredalSet.from_vertices(pd.DataFrame({"T": ["1/2", 0], "H": ["1/2", 1]}),
                                    outcomes=["H", "T"])
    assert V2.vertices.tolist() == [[Fraction(1, 2), Fraction(1, 2)], [1, 0]]
    B = cr.CredalSet.from_bounds(pd.Series({"T": 0, "H": "0.28"}), pd.Series({"H": "0.7", "T": 1}),
                                 outcomes=["H", "T"])
    assert B.equals(COIN)
    A = pd.DataFrame({"T": [1], "H": [-1]}, index=["r"])
    C = cr.CredalSet.from_constraints(A_ub=A, b_ub=pd.Series({"r": 0}), outcomes=["H", "T"])
    assert cr.lower_expectation(C, {"H": 1}) == Fraction(1, 2)
    with pytest.raises(InvalidArgumentError, match="index"):
        cr.CredalSet.from_constraints(A_ub=A, b_ub=pd.Series({"s": 0}), outcomes=["H", "T"])
    idm = cr.idm(pd.Series({"T": 1, "H": 3}), outcomes=["H", "T"])
    assert cr.lower_probability(idm, ["H"]) == Fraction(1, 2)
    L = cr.CredalSet.from_lower_previsions([(pd.Series({"T": 0, "H": 1}), "0.28")],
                                           outcomes=["H", "T"])
    assert cr.lower_probability(L, ["H"]) == Fraction(7, 25)


def test_decisions_and_infra_read_series_by_label() -> None:
    acts = {"d1": pd.Series({"T": 0, "H": 4}), "d2": pd.Series({"H": 0, "T": 4})}
    assert cr.gamma_maximin(acts, COIN) == ["d2"]
    H = infra.Infradistribution.from_credal_set(COIN)
    assert H.expectation(pd.Series({"T": 0, "H": 1})) == Fraction(7, 25)


def test_labelled_containers_where_no_outcome_labels_apply_are_refused() -> None:
    # Reading these by position would be a guess; the error says how to mean it.
    with pytest.raises(InvalidArgumentError, match="by position"):
        cr.mixture([COIN, COIN], pd.Series([0.5, 0.5], index=["x", "y"]))
    with pytest.raises(InvalidArgumentError, match="inside a list"):
        cr.lower_expectation(COIN, [pd.Series({"T": 0, "H": 4})])

"""The hypothesis strategies build what they promise, constructively."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import credal as cr
from credal.strategies import credal_sets, distributions, gambles


@settings(max_examples=60, deadline=None)
@given(st.data(), st.integers(1, 6), st.booleans())
def test_distributions_are_distributions(data: st.DataObject, n: int, exact: bool) -> None:
    p = data.draw(distributions(n, exact=exact))
    assert p.shape == (n,)
    if exact:
        assert all(type(v) is Fraction and v >= 0 for v in p) and sum(p) == 1
    else:
        assert p.dtype == np.float64 and (p >= 0).all() and abs(p.sum() - 1) <= 1e-12


@settings(max_examples=60, deadline=None)
@given(st.data(), st.integers(1, 6), st.booleans())
def test_gambles_respect_their_range(data: st.DataObject, n: int, exact: bool) -> None:
    f = data.draw(gambles(n, min_value=-2, max_value=3, exact=exact))
    assert f.shape == (n,)
    assert all(-2 <= v <= 3 for v in f)
    assert all(type(v) is Fraction for v in f) if exact else f.dtype == np.float64


@settings(max_examples=60, deadline=None)
@given(st.data(), st.integers(1, 5), st.booleans(),
       st.sampled_from(["vertices", "constraints", "any"]))
def test_credal_sets_have_the_asked_form_and_exactness(
        data: st.DataObject, n: int, exact: bool, form: str) -> None:
    S = data.draw(credal_sets(n, exact=exact, form=form))  # type: ignore[arg-type]
    assert isinstance(S, cr.CredalSet) and S.n_outcomes == n and S.is_exact == exact
    if form != "any":
        assert S.form == form
    assert S.vertices.shape[0] >= 1


@pytest.mark.parametrize(
    ("call", "match"),
    [(lambda: distributions(0), "n_outcomes"), (lambda: gambles(2, min_value=3, max_value=1),
                                                "min_value"),
     (lambda: credal_sets(3, form="hull"), "form"),  # type: ignore[arg-type]
     (lambda: credal_sets(3, max_vertices=0), "max_vertices")],
)
def test_impossible_arguments_raise_at_once(call: object, match: str) -> None:
    with pytest.raises(cr.InvalidArgumentError, match=match):
        call()  # type: ignore[operator]


def test_the_loaded_profile_does_not_depend_on_timing():
    """Whichever profile the root conftest.py loaded (``ci`` or the local ``dev``): no deadline,
    no timing health check, no example database, so a loaded machine or an earlier run
    cannot change a result; only ``ci`` is derandomized."""
    from hypothesis import HealthCheck

    current = settings.default
    assert current.deadline is None
    assert HealthCheck.too_slow in current.suppress_health_check
    assert current.database is None
    assert current.print_blob
    for name in ("ci", "dev"):
        profile = settings.get_profile(name)
        assert profile.deadline is None and profile.database is None
        assert profile.derandomize == (name == "ci")


@settings(max_examples=25, deadline=None)
@given(data=st.data())
@pytest.mark.parametrize("prior", [None, "precise", "credal", "any"])
def test_hypothesis_classes_share_states_and_actions(data: st.DataObject,
                                                     prior: str | None) -> None:
    from credal.strategies import hypothesis_classes

    K = data.draw(hypothesis_classes(hypotheses=(1, 3), prior=prior))
    assert 1 <= len(K) <= 3 and K.names == tuple(f"h{i}" for i in range(len(K)))
    first = K.hypotheses[K.names[0]]
    for M in K.hypotheses.values():
        assert M.is_exact and M.states == K.states
        assert all(M.actions(s) == first.actions(s) for s in K.states)
    if prior is None:
        assert K.prior is None
    elif prior == "precise":
        assert sum(K.prior.values()) == 1  # type: ignore[union-attr]
    elif prior == "credal":
        assert isinstance(K.prior, cr.CredalSet) and set(K.prior.outcomes) == set(K.names)
    policy = {s: K.actions(s)[0] for s in K.states}
    assert min(K.regret(policy, start=K.states[0], horizon=2).values()) >= 0


def test_hypothesis_classes_refuse_bad_arguments() -> None:
    from credal.strategies import hypothesis_classes

    with pytest.raises(cr.errors.InvalidArgumentError, match="prior must be None"):
        hypothesis_classes(prior="flat")
    with pytest.raises(cr.errors.InvalidArgumentError, match="hypotheses"):
        hypothesis_classes(hypotheses=0)

"""Shared helpers for the law tests: tolerances, comparisons, small strategies.

Exact problems are compared exactly. Float problems are compared at credal's documented
accuracy: a float result is "within about ``1e-9 × (max f − min f)`` of the true value"
(``docs/explanation.md``), and :func:`doc_tol` turns that promise into the tolerance of one
comparison. A law test never loosens it silently: where a case has to be excused (a float
near-tie that either verdict answers correctly), it is recorded with :func:`excuse`, shown
in hypothesis's statistics, and :func:`check_excuses_are_rare` bounds how often it happens.
"""

from __future__ import annotations

import os
from collections import Counter
from fractions import Fraction
from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, event, settings
from hypothesis import strategies as st

from credal.strategies import credal_sets, gambles

#: Common settings: no deadline (LPs vary in time), no example database written to disk.
BASE = settings(deadline=None, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

#: Multiplies every test's example count: CREDAL_LAWS_SCALE=20 for a deep bug hunt.
SCALE = max(1, int(os.environ.get("CREDAL_LAWS_SCALE", "1")))


def ex(k: int) -> int:
    """Example count k, times CREDAL_LAWS_SCALE."""
    return k * SCALE


EXACTNESS = [pytest.param(True, id="exact"), pytest.param(False, id="float")]
#: "vertices" / "constraints" / "any" are credal.strategies.credal_sets forms; "extra" draws
#: the constructors that strategy does not use (see :func:`extra_sets`).
FORMS = ["vertices", "constraints", "any", "extra"]
N_OUTCOMES = st.integers(1, 5)

#: The documented accuracy of a float result, per unit of the gamble's range: "within about
#: 1e-9 × (max f − min f) of the true value" (docs/explanation.md, credal/expectations.py).
ACCURACY = 1e-9
#: Rounding allowance, per unit of the values' magnitude: the laws add and scale float
#: results (E̲f + c, λE̲f), which rounds at the last few bits of the largest value involved.
ROUNDING = 64 * float(np.finfo(np.float64).eps)


def doc_tol(*results_about: Any, factor: float = 1.0) -> float:
    """The tolerance of one float comparison at credal's documented accuracy.

    Each argument stands for one float result in the comparison and contributes the error
    the documentation allows it: ``ACCURACY × (max g − min g)`` for a gamble ``g`` (an
    array), ``ACCURACY × |x|`` for a number ``x`` naming the range directly (``1`` for
    distances, probabilities and other quantities in [0, 1]). A comparison of two computed
    values lists the gambles of both (each carries its own error). ``ROUNDING × max|g|``
    is added for the float arithmetic the law itself does. ``factor`` > 1 is only for
    comparisons against a reference that is itself less accurate (say so where it is used).
    """
    spread = magnitude = 0.0
    for g in results_about:
        a = np.asarray(g, dtype=np.float64)
        if a.ndim == 0:
            spread += abs(float(a))
            magnitude += abs(float(a))
        elif a.size:
            spread += float(a.max() - a.min())
            magnitude += float(np.abs(a).max())
    return factor * ACCURACY * spread + ROUNDING * magnitude


#: Excused checks and all checks, per law: see :func:`excuse` and :func:`count_check`.
EXCUSED: Counter[str] = Counter()
CHECKED: Counter[str] = Counter()


def count_check(law: str) -> None:
    """Count one check of ``law`` (the denominator of its excused fraction)."""
    CHECKED[law] += 1


def excuse(law: str, why: str) -> None:
    """Record that one check of ``law`` was excused (never drop it silently): the case is
    counted for :func:`check_excuses_are_rare` and shown in hypothesis's statistics
    (``pytest --hypothesis-show-statistics``)."""
    EXCUSED[law] += 1
    event(f"excused: {why}")


def check_excuses_are_rare(law: str, bound: float) -> None:
    """Assert that at most ``bound`` of the checks of ``law`` run so far were excused.

    Called from the last test of a module, after the law tests that count; skips when
    they did not run (a ``-k`` selection)."""
    if CHECKED[law] == 0:
        pytest.skip(f"no check of {law!r} ran in this session")
    frac = EXCUSED[law] / CHECKED[law]
    print(f"{law}: {EXCUSED[law]} of {CHECKED[law]} checks excused ({frac:.2%})")
    assert frac <= bound, (f"{law}: {EXCUSED[law]} of {CHECKED[law]} checks excused "
                           f"({frac:.1%} > {bound:.0%}): the tie tolerance hides too much")


def dot(p: Any, g: Any, exact: bool) -> Any:
    """p·g, exactly (a Fraction) or as a float."""
    if exact:
        return sum((Fraction(a) * Fraction(b) for a, b in zip(p, g, strict=True)), Fraction(0))
    return float(np.dot(np.asarray(p, dtype=np.float64), np.asarray(g, dtype=np.float64)))


def obj(values: Any) -> np.ndarray:
    """A numpy object array holding the given values."""
    values = list(values)
    out = np.empty(len(values), dtype=object)
    out[:] = values
    return out


def check_le(a: Any, b: Any, exact: bool, tol: float, what: str = "") -> None:
    """Assert a <= b (exactly, or up to tol, usually :func:`doc_tol`)."""
    if exact:
        assert a <= b, f"{what}: expected {a!r} <= {b!r}"
    else:
        assert a <= b + tol, f"{what}: expected {a!r} <= {b!r} (tol {tol:g}, excess {a - b:g})"


def check_eq(a: Any, b: Any, exact: bool, tol: float, what: str = "") -> None:
    """Assert a == b (exactly, or up to tol, usually :func:`doc_tol`)."""
    if exact:
        assert a == b, f"{what}: expected {a!r} == {b!r}"
    else:
        assert abs(a - b) <= tol, f"{what}: {a!r} vs {b!r} differ by {abs(a - b):g} > {tol:g}"


def check_type(value: Any, exact: bool) -> None:
    """Exact in, exact out: a Fraction for exact problems, a float otherwise."""
    if exact:
        assert type(value) is Fraction, f"expected a Fraction, got {type(value).__name__}"
    else:
        assert isinstance(value, float) and not isinstance(value, Fraction), \
            f"expected a float, got {type(value).__name__}"


def lambdas(exact: bool) -> st.SearchStrategy[Any]:
    """Nonnegative scalars: small Fractions, or floats in [0, 50]."""
    if exact:
        return st.builds(Fraction, st.integers(0, 30), st.integers(1, 6))
    return st.floats(0.0, 50.0, allow_nan=False, allow_infinity=False, allow_subnormal=False)


def constants(exact: bool) -> st.SearchStrategy[Any]:
    """Real constants: small Fractions, or floats in [-20, 20]."""
    if exact:
        return st.builds(Fraction, st.integers(-60, 60), st.integers(1, 6))
    return st.floats(-20.0, 20.0, allow_nan=False, allow_infinity=False, allow_subnormal=False)


def draw_set(data: st.DataObject, exact: bool, form: str, n: int | None = None) -> Any:
    if n is None:
        n = data.draw(N_OUTCOMES, label="n_outcomes")
    if form == "extra":
        return data.draw(extra_sets(n, exact), label="S")
    # credal.strategies builds nonempty sets constructively: an EmptySetError here is a bug
    # (it once was: float bounds summing to 1 - 1ulp; see test_regressions.py), not skipped
    return data.draw(credal_sets(n, exact=exact, form=form), label="S")  # type: ignore[arg-type]


def draw_gamble(data: st.DataObject, n: int, exact: bool, label: str = "f", **kw: Any) -> Any:
    return data.draw(gambles(n, exact=exact, **kw), label=label)


def unit_gambles(n: int, exact: bool) -> list[np.ndarray]:
    """The indicators of single outcomes and their negatives (checks 0 <= p_i <= 1)."""
    out = []
    for i in range(n):
        e = obj(Fraction(int(i == j)) for j in range(n)) if exact else \
            np.eye(n)[i].astype(np.float64)
        out += [e, -e]
    return out


def _num(k: int, den: int, exact: bool) -> Any:
    return Fraction(k, den) if exact else k / den


@st.composite
def extra_sets(draw: Any, n: int, exact: bool) -> Any:
    """Sets from the constructors ``credal_sets`` does not draw: vacuous, precise, idm,
    from_lower_probabilities, from_constraints with equalities, TV balls of any radius.
    All nonempty by construction (a drawn p satisfies every constraint)."""
    import credal as cr
    from credal.strategies import distributions

    kind = draw(st.sampled_from(["vacuous", "precise", "idm", "lower_probabilities",
                                 "constraints_eq", "tv_ball"]), label="constructor")
    dtype = object if exact else np.float64
    if kind == "vacuous":
        S = cr.vacuous(n)
        return S if exact else S.to_float()
    p = draw(distributions(n, exact=exact), label="p")
    if kind == "precise":
        return cr.precise(p)
    if kind == "idm":
        counts = draw(st.lists(st.integers(0, 6), min_size=n, max_size=n), label="counts")
        s = _num(draw(st.integers(1, 8)), 2, exact)
        return cr.idm(counts, s)
    if kind == "tv_ball":
        return cr.tv_ball(p, _num(draw(st.integers(0, 12)), 10, exact))
    if kind == "lower_probabilities":
        masks = draw(st.lists(st.lists(st.booleans(), min_size=n, max_size=n), min_size=1,
                              max_size=4), label="events")
        assessments = {}
        for mask in masks:
            event = tuple(i for i in range(n) if mask[i])
            pA = sum((p[i] for i in event), Fraction(0) if exact else 0.0)
            slack = _num(draw(st.integers(0, 3)), 8, exact)
            assessments[event] = max(pA - slack, 0 * pA)
        return cr.CredalSet.from_lower_probabilities(assessments, outcomes=range(n))
    # H-form with equalities and inequalities, satisfied by p
    m_ub = draw(st.integers(0, 3))
    m_eq = draw(st.integers(0, min(2, n - 1)))
    A_ub = [draw(gambles(n, min_value=-2, max_value=2, exact=exact)) for _ in range(m_ub)]
    b_ub = [sum(a * q for a, q in zip(row, p, strict=True)) +
            _num(draw(st.integers(0, 3)), 4, exact) for row in A_ub]
    A_eq = [draw(gambles(n, min_value=-2, max_value=2, exact=exact)) for _ in range(m_eq)]
    b_eq = [sum(a * q for a, q in zip(row, p, strict=True)) for row in A_eq]
    kw: dict[str, Any] = {"outcomes": range(n)}
    if m_ub:
        kw.update(A_ub=np.array(A_ub, dtype=dtype), b_ub=np.array(b_ub, dtype=dtype))
    if m_eq:
        kw.update(A_eq=np.array(A_eq, dtype=dtype), b_eq=np.array(b_eq, dtype=dtype))
    S = cr.CredalSet.from_constraints(**kw)
    return S if exact else S.to_float()  # no matrices at all gives an exact simplex


def draw_batch(data: Any, n: int, exact: bool, max_size: int) -> tuple[list[Any], np.ndarray]:
    """Draw 1..max_size gambles; return them as a list and as an (m, n) batch array."""
    rows = data.draw(st.lists(gambles(n, exact=exact), min_size=1, max_size=max_size),
                     label="F")
    return rows, np.array(rows, dtype=object if exact else np.float64)

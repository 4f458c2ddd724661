"""The LP layer's public functions raise CredalErrors for bad input and failed solves."""

from __future__ import annotations

from collections.abc import Callable
from fractions import Fraction
from typing import Any

import numpy as np
import pytest

from credal.errors import CredalError, InvalidArgumentError, SolverError
from credal.lp import (
    LinearProgram,
    LPResult,
    LPStatus,
    check_optimal,
    get_backend,
    register_backend,
    solve,
    solve_many,
)
from credal.lp.highs import HighsBackend

GOOD = LinearProgram.create([1, 1], A_eq=[[1, 1]], b_eq=[1])


class NoName:
    exact = False

    def solve(self, lp: LinearProgram) -> LPResult:
        raise NotImplementedError

    def solve_many(self, lp: LinearProgram, costs: Any) -> Any:
        raise NotImplementedError


BAD_INPUT: dict[str, Callable[[], object]] = {
    "c not 1-d": lambda: LinearProgram.create([[1, 2]]),
    "c a scalar": lambda: LinearProgram.create(3),
    "c not numbers": lambda: LinearProgram.create(["x", 1]),
    "c a bool": lambda: LinearProgram.create([True, 1]),
    "c NaN": lambda: LinearProgram.create([np.nan, 1]),
    "A_ub too wide": lambda: LinearProgram.create([1, 1], A_ub=[[1, 1, 1]], b_ub=[1]),
    "b_ub too long": lambda: LinearProgram.create([1, 1], A_ub=[[1, 1]], b_ub=[1, 2]),
    "A_eq 1-d": lambda: LinearProgram.create([1, 1], A_eq=[1, 1], b_eq=[1]),
    "ragged A_eq": lambda: LinearProgram.create([1, 1], A_eq=[[1, 1], [1]], b_eq=[1, 1]),
    "bounds too short": lambda: LinearProgram.create([1, 1], lower=[0]),
    "bound not a number": lambda: LinearProgram.create([1, 1], upper=["big", 1]),
    "bounds a dict": lambda: LinearProgram.create([1, 1], lower={0: 1}),
    "exact not a bool": lambda: LinearProgram.create([1, 1], exact="yes"),  # type: ignore
    "with_cost of the wrong length": lambda: GOOD.with_cost(np.array([1, 2, 3])),
    "unknown backend": lambda: solve(GOOD, backend="simplex9000"),
    "unhashable backend": lambda: get_backend(["highs"]),  # type: ignore[arg-type]
    "solve of a non-program": lambda: solve("min x"),  # type: ignore[arg-type]
    "solve_many of a non-program": lambda: solve_many(None, np.ones((1, 2))),  # type: ignore
    "costs of the wrong width": lambda: solve_many(GOOD, np.ones((2, 3))),
    "costs 1-d": lambda: solve_many(GOOD, np.ones(2)),
    "costs not numbers": lambda: solve_many(GOOD, [["a", 1]]),
    "register a class": lambda: register_backend(HighsBackend),  # type: ignore[arg-type]
    "register a non-backend": lambda: register_backend("highs"),  # type: ignore[arg-type]
    "register without a name": lambda: register_backend(NoName()),  # type: ignore[arg-type]
    "check_optimal of a non-result": lambda: check_optimal("optimal"),  # type: ignore
}


@pytest.mark.parametrize("call", BAD_INPUT.values(), ids=BAD_INPUT.keys())
def test_bad_input_to_the_lp_layer_is_an_invalid_argument_error(call: Callable[[],
                                                                             object]) -> None:
    with pytest.raises(InvalidArgumentError):
        call()


@pytest.mark.parametrize("backend", ["highs", "exact"])
@pytest.mark.parametrize(("lp", "status"), [
    (LinearProgram.create([1, 1], A_ub=[[1, 1]], b_ub=[-1]), LPStatus.INFEASIBLE),
    (LinearProgram.create([-1, 0], lower=None), LPStatus.UNBOUNDED),
], ids=["infeasible", "unbounded"])
def test_failed_solves_are_solver_errors(lp: LinearProgram, status: LPStatus,
                                         backend: str) -> None:
    with pytest.raises(SolverError) as info:
        solve(lp, backend=backend)
    assert isinstance(info.value, CredalError)
    assert info.value.backend == backend
    assert info.value.status in (status, LPStatus.INFEASIBLE_OR_UNBOUNDED)
    with pytest.raises(SolverError):
        solve_many(lp, np.array([[1, 1], [0, -1]]), backend=backend)


def test_the_messages_name_the_argument_and_show_the_value() -> None:
    with pytest.raises(InvalidArgumentError, match=r"A_ub must have shape \(m, 2\)"):
        LinearProgram.create([1, 1], A_ub=[[1, 1, 1]], b_ub=[1])
    with pytest.raises(InvalidArgumentError, match=r"upper\[0\].*'big'"):
        LinearProgram.create([1, 1], upper=["big", 1])
    with pytest.raises(InvalidArgumentError, match="lower has 1 entries but there are 2"):
        LinearProgram.create([1, 1], lower=[0])
    with pytest.raises(InvalidArgumentError, match=r"class HighsBackend.*HighsBackend\(\)"):
        register_backend(HighsBackend)  # type: ignore[arg-type]


def test_programs_read_numbers_like_the_rest_of_credal() -> None:
    exact = LinearProgram.create(["1/2", 1], A_eq=[[1, 1]], b_eq=["0.3"], upper=["1/3", None])
    assert exact.exact and exact.c.tolist() == [Fraction(1, 2), 1]
    assert exact.b_eq[0] == Fraction(3, 10) and exact.upper.tolist() == [Fraction(1, 3), None]
    assert solve(exact).value == Fraction(3, 20)  # all of 3/10 on the cheaper variable
    assert not LinearProgram.create([0.5, 1]).exact
    # the program's arrays are read-only and a caller's array is neither kept nor frozen
    c = np.array([1.0, 2.0])
    lp = LinearProgram.create(c)
    assert not lp.c.flags.writeable and c.flags.writeable
    c[0] = 9.0
    assert lp.c[0] == 1.0


def test_results_are_read_only() -> None:
    result = solve(GOOD)
    assert result.x is not None and not result.x.flags.writeable

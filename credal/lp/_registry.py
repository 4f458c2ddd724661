"""Backend protocol, registry and the two entry points :func:`solve` / :func:`solve_many`."""

from __future__ import annotations

import threading
from typing import Any, Protocol, runtime_checkable

from .._core.numbers import as_numbers, show
from .._core.types import NDArray
from ..errors import InvalidArgumentError, SolverError
from ._problem import LinearProgram, LPResult, LPStatus


@runtime_checkable
class LPBackend(Protocol):
    """What every backend adapter provides.

    ``solve`` returns an :class:`LPResult` whatever the status (it raises only when the
    backend itself breaks). ``solve_many`` re-solves one feasible region for each row of
    ``costs`` and returns ``(values (m,), points (m, n))``; it raises :class:`SolverError`
    when any of them is not optimal.
    """

    name: str
    exact: bool

    def solve(self, lp: LinearProgram) -> LPResult: ...

    def solve_many(self, lp: LinearProgram, costs: NDArray) -> tuple[NDArray, NDArray]: ...


_REGISTRY: dict[str, LPBackend] = {}
# The default backends are registered once, on first use, under this lock; the flag is set
# only after all of them are in, so a thread that sees it set finds every default (a
# thread that does not waits on the lock). A backend registered by the user before first
# use is kept: the defaults never replace a name already taken.
_LOCK = threading.RLock()
_defaults_loaded = False


def register_backend(backend: LPBackend) -> None:
    """Add (or replace) a backend under ``backend.name``.

    Raises :class:`InvalidArgumentError` unless ``backend`` is an instance (not a class)
    with a non-empty string ``name``, a boolean ``exact`` and the methods ``solve`` and
    ``solve_many`` (see :class:`LPBackend`).
    """
    if isinstance(backend, type) or not isinstance(backend, LPBackend):
        if isinstance(backend, type):
            raise InvalidArgumentError(
                f"backend must be an LP backend instance, got the class {backend.__name__}; "
                f"create one, e.g. register_backend({backend.__name__}())")
        raise InvalidArgumentError(
            f"backend must be an LP backend instance with name, exact, solve and solve_many "
            f"(see credal.lp.LPBackend), got {type(backend).__name__}: {show(backend)}")
    name = getattr(backend, "name", None)
    if not isinstance(name, str) or not name:
        raise InvalidArgumentError(
            f"backend.name must be a non-empty string (the name solve(..., backend=...) "
            f"takes), got {show(name)}")
    if not isinstance(getattr(backend, "exact", None), bool):
        raise InvalidArgumentError(
            f"backend.exact must be True or False (whether it answers exact programs "
            f"exactly), got {show(getattr(backend, 'exact', None))}")
    with _LOCK:
        _REGISTRY[backend.name] = backend


def available_backends() -> tuple[str, ...]:
    """Names of the registered backends."""
    _ensure_defaults()
    return tuple(_REGISTRY)


def get_backend(name: str | None, *, exact: bool = False) -> LPBackend:
    """The backend registered as ``name``; ``None`` picks ``"exact"`` for exact programs
    and ``"highs"`` otherwise.

    Raises :class:`InvalidArgumentError` for a name that is not registered (or is not a
    string), and for a
    registered backend whose optional dependency is not installed (``"cvxpy"`` needs the
    ``credalkit[cvxpy]`` extra): the argument asks for something this installation cannot
    do, and the message says what to install or which backend to choose instead.
    """
    _ensure_defaults()
    if name is None:
        name = "exact" if exact else "highs"
    try:
        backend = _REGISTRY[name]
    except (KeyError, TypeError):  # TypeError: an unhashable name such as ["highs"]
        raise InvalidArgumentError(
            f"backend must be one of {sorted(_REGISTRY)}, got {name!r}"
        ) from None
    check = getattr(backend, "check_available", None)
    if callable(check):
        check()
    return backend


def _ensure_defaults() -> None:
    global _defaults_loaded
    if _defaults_loaded:
        return
    with _LOCK:
        if _defaults_loaded:  # another thread loaded them while this one waited
            return
        from .cvxpy_backend import CvxpyBackend
        from .exact import ExactBackend
        from .highs import HighsBackend

        for backend in (HighsBackend(), CvxpyBackend(), ExactBackend()):
            _REGISTRY.setdefault(backend.name, backend)
        _defaults_loaded = True


def check_optimal(result: LPResult) -> LPResult:
    """Return ``result`` if optimal, otherwise raise :class:`SolverError` naming the backend."""
    if not isinstance(result, LPResult):
        raise InvalidArgumentError(
            f"result must be an LPResult (what a backend's solve returns), got "
            f"{type(result).__name__}: {show(result)}")
    if result.status is not LPStatus.OPTIMAL:
        raise SolverError(
            f"LP backend {result.backend!r} did not reach a certified optimum: status "
            f"{result.status.value!r}",
            backend=result.backend,
            status=result.status,
        )
    return result


def solve(lp: LinearProgram, *, backend: str | None = None) -> LPResult:
    """Solve ``lp``; raise :class:`SolverError` unless the backend reports an optimum.

    Parameters
    ----------
    lp : LinearProgram
    backend : str, optional
        A registered backend name (``"highs"``, ``"cvxpy"``, ``"exact"``). Default: ``"exact"``
        for an exact program, ``"highs"`` for a float one.

    Raises
    ------
    SolverError
        With ``.status`` set to the :class:`LPStatus` (infeasible, unbounded, ...).
    InvalidArgumentError
        When ``lp`` is not a :class:`LinearProgram` or ``backend`` is not registered.

    Notes
    -----
    Cost: one simplex solve (HiGHS; typically a few dozen pivots, each O(nnz)); for an
    exact program, plus a certificate of the basis in integer arithmetic (two square
    systems of the basis's size), or the rational simplex when the float basis fails it.
    """
    _check_program(lp)
    return check_optimal(get_backend(backend, exact=lp.exact).solve(lp))


def solve_many(
    lp: LinearProgram, costs: NDArray, *, backend: str | None = None
) -> tuple[NDArray, NDArray]:
    """Minimise each row of ``costs`` (shape ``(m, n)``) over the feasible region of ``lp``.

    Returns ``(values, points)`` of shapes ``(m,)`` and ``(m, n)``. Raises
    :class:`InvalidArgumentError` for costs that are not an ``(m, n)`` array of numbers (or a
    backend that is not registered), :class:`SolverError` when a row has no optimum.

    Cost: the model is built once; each row re-solves it with only the costs changed,
    warm-started from the best of the recent optimal bases, over a few threads for large
    batches (``"highs"``); exact programs certify each float basis (see :func:`solve`).
    """
    _check_program(lp)
    arr, _ = as_numbers(costs, "costs", copy=False)
    if arr.ndim != 2 or arr.shape[1] != lp.n_variables:
        raise InvalidArgumentError(
            f"costs must have shape (m, {lp.n_variables}), one objective per row, got shape "
            f"{arr.shape}")
    return get_backend(backend, exact=lp.exact).solve_many(lp, arr)


def _check_program(lp: Any) -> None:
    if not isinstance(lp, LinearProgram):
        raise InvalidArgumentError(
            f"lp must be a LinearProgram (build one with LinearProgram.create), got "
            f"{type(lp).__name__}: {show(lp)}")

"""Experiments at scale: cumulative regret curves over many seeds, through credal.batch."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np

from .._core import numbers as nums
from .._core.frozen import FrozenDict
from .._core.progress import Progress, check_progress
from .._core.types import NDArray
from ..errors import InvalidArgumentError
from ._hypotheses import HypothesisClass


def optimal_curve(K: HypothesisClass, name: Hashable, start: Hashable, steps: int) -> list[Any]:
    """``V*_t(start)`` for ``t = 1 .. steps``: the robust optimal value of ``t`` steps
    (undiscounted) in hypothesis ``name``, one backup per step."""
    M = K.hypotheses[name]
    out = []
    terminal: dict[Hashable, Any] | None = None
    for _ in range(steps):
        sol = M.solve(horizon=1, terminal=terminal)
        terminal = dict(sol.values)
        out.append(sol.values[start])
    return out


def _runs(make_agent: Callable[[HypothesisClass], Any], K: HypothesisClass, true: Hashable,
          nature: Any, steps: int, start: Hashable, seeds: Sequence[int]) -> list[list[Any]]:
    """The rewards of the runs with ``seeds`` (a module-level function, so process pools
    can pickle it; several seeds per task, so that the agents' plans, cached per class,
    are shared by the runs of a worker)."""
    from ._env import Environment, run

    env = Environment(K.hypotheses[true], nature=nature)
    return [list(run(make_agent(K), env, steps, start=start, seed=seed).rewards)
            for seed in seeds]


@dataclass(frozen=True)
class RegretCurves(Mapping[Hashable, NDArray]):
    """Cumulative regret curves: a read-only mapping from each true hypothesis to an array
    ``(n_seeds, steps)`` whose entry ``[i, t - 1]`` is the regret after ``t`` steps of the
    run with ``seeds[i]``: ``V*_t(start) - (r_0 + ... + r_{t-1})``. Object arrays of
    ``Fraction`` for an exact class, float64 otherwise. ``optimal[name]`` holds the
    ``V*_t(start)``, ``rewards[name]`` the ``(n_seeds, steps)`` rewards."""

    curves: Mapping[Hashable, NDArray]
    optimal: Mapping[Hashable, tuple[Any, ...]]
    rewards: Mapping[Hashable, NDArray]
    seeds: tuple[int, ...]
    start: Hashable

    def __getitem__(self, name: Hashable) -> NDArray:
        return self.curves[name]

    def __iter__(self) -> Iterator[Hashable]:
        return iter(self.curves)

    def __len__(self) -> int:
        return len(self.curves)

    def mean(self, name: Hashable) -> NDArray:
        """The mean curve over the seeds, ``(steps,)`` floats."""
        return np.asarray(self.curves[name], dtype=np.float64).mean(axis=0)  # type: ignore[no-any-return]


def regret_curve(make_agent: Callable[[HypothesisClass], Any], K: HypothesisClass,
                 true: Any = None, *, steps: int, seeds: Sequence[int] | int,
                 start: Hashable, nature: Any = "adversarial", executor: Any = None,
                 progress: Progress | None = None) -> RegretCurves:
    r"""Cumulative regret of an agent against each true hypothesis, over many seeded runs.

    For each name in ``true`` and each seed, the agent ``make_agent(K)`` runs ``steps``
    steps in the environment of that hypothesis (:class:`Environment` with ``nature``)
    from ``start``; its cumulative regret after ``t`` steps is

    .. math:: \mathrm{Reg}_t = V^*_t(s_0) - \sum_{u < t} r_u,

    with :math:`V^*_t` the robust optimal ``t``-step value of the true hypothesis (what an
    agent knowing it is guaranteed against any nature). Against a nature that is not the
    worst case the rewards can beat the guarantee, so the regret can be negative.

    Parameters
    ----------
    make_agent : callable
        ``K -> agent``, called once per run (for a process pool it must pickle: a
        module-level function or a class).
    K : HypothesisClass
    true : name, sequence of names, or None
        The true hypotheses (default: every one).
    steps : int
        Steps per run, positive.
    seeds : sequence of int, or int
        The seeds (an int ``k`` means ``range(k)``).
    start : state
    nature : str or callable, default ``"adversarial"``
        As in :class:`Environment` (``"random"``: a random vertex of each set per step).
    executor : optional
        Anything :func:`credal.batch.map` accepts (a ``concurrent.futures`` executor, a Dask
        or Ray client's executor); ``None`` runs here.
    progress : callable, optional
        ``progress("runs", done, total)`` after each chunk of runs.

    Returns
    -------
    RegretCurves
        name -> ``(n_seeds, steps)`` array.

    Examples
    --------
    >>> import credal as cr
    >>> one = {"s": {"a": cr.precise([1], outcomes=["s"])}}
    >>> K = cr.learning.HypothesisClass({"h": cr.mdp.SupraMDP(one, rewards={"s": {"a": 1}})})
    >>> curves = cr.learning.regret_curve(cr.learning.RobustAgent, K, steps=3, seeds=2,
    ...                                   start="s")
    >>> curves["h"].shape, curves["h"][0].tolist()
    ((2, 3), [Fraction(0, 1), Fraction(0, 1), Fraction(0, 1)])
    """
    from .. import batch

    if not isinstance(K, HypothesisClass):
        raise InvalidArgumentError(f"K must be a HypothesisClass, got {type(K).__name__}")
    if not callable(make_agent):
        raise InvalidArgumentError(
            f"make_agent must be a callable K -> agent (e.g. cr.learning.RobustAgent), got "
            f"{nums.show(make_agent)}")
    if isinstance(steps, bool) or not isinstance(steps, int) or steps <= 0:
        raise InvalidArgumentError(f"steps must be a positive int, got {nums.show(steps)}")
    seed_list: list[Any] = list(range(seeds)) if isinstance(seeds, int) and \
        not isinstance(seeds, bool) else list(seeds) if isinstance(seeds, Sequence) else []
    if not seed_list or not all(isinstance(s, int) and not isinstance(s, bool)
                                for s in seed_list):
        raise InvalidArgumentError(
            f"seeds must be a positive int or a non-empty sequence of ints, got "
            f"{nums.show(seeds)}")
    names = K.names if true is None else K._known(true, "true")  # noqa: SLF001
    if start not in K.states:
        raise InvalidArgumentError(
            f"start must be a state; {start!r} is not one of {nums.show(list(K.states))}")
    report = check_progress(progress)
    # tasks of several seeds each: about 8 per true hypothesis, fewer when seeds are few
    size = max(1, -(-len(seed_list) // 8))
    tasks = [(name, seed_list[i:i + size]) for name in names
             for i in range(0, len(seed_list), size)]
    per_call = len(tasks) if report is None else max(1, len(tasks) // 20)
    results: list[list[Any]] = []
    for i in range(0, len(tasks), per_call):
        part = tasks[i:i + per_call]
        n = len(part)
        out = batch.map(_runs, [make_agent] * n, [K] * n, [t[0] for t in part],
                        [nature] * n, [steps] * n, [start] * n, [t[1] for t in part],
                        executor=executor)
        for chunk_rewards in out.values():
            results.extend(chunk_rewards)
        if report is not None:
            report("runs", len(results), len(names) * len(seed_list))
    exact = all(K.hypotheses[n].is_exact for n in names)
    curves: dict[Hashable, NDArray] = {}
    optimal: dict[Hashable, tuple[Any, ...]] = {}
    rewards: dict[Hashable, NDArray] = {}
    k = 0
    for name in names:
        opt = optimal_curve(K, name, start, steps)
        R = np.empty((len(seed_list), steps), dtype=object if exact else np.float64)
        for i in range(len(seed_list)):
            R[i] = [Fraction(v) if exact else float(v) for v in results[k]]
            k += 1
        cum = np.cumsum(R, axis=1)
        opt_arr = np.array([Fraction(v) if exact else float(v) for v in opt],
                           dtype=object if exact else np.float64)
        C = opt_arr[None, :] - cum
        for a in (R, C):
            a.setflags(write=False)
        curves[name], optimal[name], rewards[name] = C, tuple(opt), R
    return RegretCurves(FrozenDict(curves), FrozenDict(optimal), FrozenDict(rewards),
                        tuple(seed_list), start)


__all__ = ["RegretCurves", "optimal_curve", "regret_curve"]

"""Many independent problems through any executor: :func:`map` and :func:`run`.

credal depends on no executor library. Pass whatever runs your work:

* ``executor=None``: serially, in this process;
* any :class:`concurrent.futures.Executor` (``ProcessPoolExecutor``,
  ``ThreadPoolExecutor``, a Dask ``distributed`` client's ``client.get_executor()``), or any
  object with ``submit(fn, *args)`` returning a future with ``.result()``;
* a ``multiprocessing.Pool``-compatible object, with ``apply_async(fn, args)`` returning an
  object with ``.get()`` (``multiprocessing.Pool``, Ray's ``ray.util.multiprocessing.Pool``).

Tasks are sent in chunks, one submission per chunk, to amortise the cost of a submission,
and collected as they complete. Each task's exception is caught where it runs, so one
failing task loses nothing else; a chunk that fails as a whole (its arguments do not
pickle, the pool broke) is reported on each of its tasks, and ``timeout=`` bounds the
wait for the whole batch. Results come back in input order, as a :class:`BatchResult`.

>>> import itertools
>>> import credal as cr
>>> from credal import batch
>>> sets = [cr.tv_ball(["1/2", "1/2"], r) for r in ("0", "1/10", "1/4")]
>>> batch.map(cr.lower_expectation, sets, itertools.repeat([1, 0])).values()
[Fraction(1, 2), Fraction(2, 5), Fraction(1, 4)]
"""

from __future__ import annotations

import math
import numbers
import os
import pickle
import time
import traceback as _traceback
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence, Sized
from dataclasses import KW_ONLY, dataclass, field
from typing import Any, overload

from ._core.numbers import show
from .errors import BatchError, InvalidArgumentError, RemoteTaskError

__all__ = ["map", "run", "Task", "TaskResult", "BatchResult"]

#: The default chunking aims at this many chunks at least (and at 4 per local core):
#: enough for load balance over a pool of up to 16 workers.
MIN_CHUNKS = 64


# --------------------------------------------------------------------------------------
# Value types
# --------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Task:
    """One problem of a batch: the call ``fn(*args, **kwargs)``.

    Parameters
    ----------
    fn : callable
        Sent to another process, it must pickle. With the standard library's pickle
        (``ProcessPoolExecutor``, ``multiprocessing.Pool``) that means a module-level
        function (such as ``credal.lower_expectation``), a method of a class
        (``credal.DDTProblem.values``), a bound method of a picklable object, or a
        :func:`functools.partial` of these — not a lambda or a function defined inside
        another function. Dask and Ray pickle with cloudpickle, which sends lambdas and
        local functions by value, so any function goes to them.
    args : tuple or list, default ()
        The positional arguments (stored as a tuple). For one argument write ``(x,)``.
    kwargs : mapping str -> object, optional
        The keyword arguments (stored as a dict copy).

    Raises
    ------
    InvalidArgumentError
        ``fn`` not callable, ``args`` not a tuple or list, ``kwargs`` not a mapping with
        string keys.

    Notes
    -----
    Cost: ``O(len(args) + len(kwargs))`` to build (the arguments are not copied, only the
    containers). Not hashable when ``kwargs`` is not empty.

    Examples
    --------
    >>> import credal as cr
    >>> from credal import batch
    >>> S = cr.vacuous(2)
    >>> t = batch.Task(cr.hurwicz, args=({"a": [1, 0], "b": ["1/3", "1/3"]}, S),
    ...                kwargs={"alpha": "1/2"})
    >>> t.fn(*t.args, **t.kwargs)
    ['a']
    """

    fn: Callable[..., Any]
    _: KW_ONLY
    args: tuple[Any, ...] = ()
    kwargs: Mapping[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        _check_callable(self.fn, "fn")
        if not isinstance(self.args, tuple | list):
            raise InvalidArgumentError(
                f"args must be a tuple (or list) of positional arguments, got "
                f"{type(self.args).__name__}: {show(self.args)}; for a single argument x "
                f"write args=(x,)")
        if not isinstance(self.kwargs, Mapping):
            raise InvalidArgumentError(
                f"kwargs must be a mapping name -> value, got {type(self.kwargs).__name__}: "
                f"{show(self.kwargs)}")
        bad = [k for k in self.kwargs if not isinstance(k, str)]
        if bad:
            raise InvalidArgumentError(
                f"kwargs keys must be argument names (str), got the key {bad[0]!r}")
        object.__setattr__(self, "args", tuple(self.args))
        object.__setattr__(self, "kwargs", dict(self.kwargs))


@dataclass(frozen=True)
class TaskResult:
    """What became of one task of a batch.

    Attributes
    ----------
    index : int
        The task's position in the input.
    value : object
        What the task returned (``None`` when it failed).
    error : BaseException or None
        The exception the task raised, or the failure of its chunk as a whole (an argument
        that does not pickle, a broken pool), or ``None`` when it succeeded. When the
        exception raised in another process cannot be pickled back, a
        :class:`credal.errors.RemoteTaskError` stands in for it.
    traceback : str or None
        The formatted traceback of ``error``, taken where it was raised (so it survives the
        trip back from a worker process).
    ok : bool
        ``error is None``.

    Notes
    -----
    Cost: ``O(1)``. A result from a worker process was pickled on its own, so a value or
    exception that does not pickle spoils only its own result.

    Examples
    --------
    >>> import math
    >>> from credal import batch
    >>> r = batch.map(math.sqrt, [4, -1])
    >>> r[0], r[1].ok, type(r[1].error).__name__
    (TaskResult(index=0, value=2.0, error=None), False, 'ValueError')
    """

    index: int
    value: Any = None
    error: BaseException | None = None
    traceback: str | None = field(default=None, repr=False)

    @property
    def ok(self) -> bool:
        return self.error is None


@dataclass(frozen=True)
class BatchResult(Sequence[TaskResult]):
    """The results of a batch, in input order: a read-only sequence of :class:`TaskResult`.

    ``result[i]`` is task ``i``'s :class:`TaskResult` (a slice gives a tuple of them);
    iterating gives them in index order.

    Attributes
    ----------
    results : tuple of TaskResult
        One per task, ``results[i].index == i``.
    ok : bool
        Whether every task succeeded (True for an empty batch).
    errors : tuple of TaskResult
        The failed tasks, in index order.

    Raises
    ------
    InvalidArgumentError
        When built by hand from ``results`` that are not :class:`TaskResult`\\ s with
        ``results[i].index == i``.

    Notes
    -----
    Cost: indexing ``O(1)``; ``ok``, ``errors`` and :meth:`values` ``O(n_tasks)``.

    Examples
    --------
    >>> import credal as cr
    >>> from credal import batch
    >>> r = batch.map(cr.lower_expectation, [cr.vacuous(2), cr.vacuous(3)], [[1, 2], [1, 2]])
    >>> r.ok, r[0].value, r.errors[0].index, type(r.errors[0].error).__name__
    (False, Fraction(1, 1), 1, 'InvalidArgumentError')
    """

    results: tuple[TaskResult, ...]

    def __post_init__(self) -> None:
        results = tuple(self.results)
        for i, r in enumerate(results):
            if not isinstance(r, TaskResult) or r.index != i:
                raise InvalidArgumentError(
                    f"results[{i}] must be the TaskResult of task {i}, got {show(r)}")
        object.__setattr__(self, "results", tuple(results))

    @overload
    def __getitem__(self, i: int) -> TaskResult: ...

    @overload
    def __getitem__(self, i: slice) -> tuple[TaskResult, ...]: ...

    def __getitem__(self, i: int | slice) -> TaskResult | tuple[TaskResult, ...]:
        return self.results[i]

    def __len__(self) -> int:
        return len(self.results)

    def __iter__(self) -> Iterator[TaskResult]:
        return iter(self.results)

    def __repr__(self) -> str:
        failed = [r.index for r in self.results if not r.ok]
        tail = f", {len(failed)} failed at {_indices_text(failed)}" if failed else ", all ok"
        return f"<BatchResult: {len(self.results)} tasks{tail}>"

    @property
    def ok(self) -> bool:
        return all(r.ok for r in self.results)

    @property
    def errors(self) -> tuple[TaskResult, ...]:
        return tuple(r for r in self.results if not r.ok)

    def values(self) -> list[Any]:
        """Every task's value, in input order.

        Returns
        -------
        list
            ``[r.value for r in self]``.

        Raises
        ------
        BatchError
            When any task failed: the message names the failed indices and the first
            failure's type and message, ``BatchError.errors`` holds the failed results and
            the first failure's exception is the ``__cause__``.

        Notes
        -----
        Cost: ``O(n_tasks)``.

        Examples
        --------
        >>> import credal as cr
        >>> from credal import batch
        >>> batch.map(cr.lower_expectation, [cr.vacuous(2)], [[3, 1]]).values()
        [Fraction(1, 1)]
        >>> batch.map(cr.lower_expectation, [cr.vacuous(2)], [[3, 1, 0]]).values()
        Traceback (most recent call last):
        ...
        credal.errors.BatchError: 1 of 1 tasks failed, at index [0]; the first (task 0) ...
        """
        failed = self.errors
        if not failed:
            return [r.value for r in self.results]
        first = failed[0]
        error = first.error
        assert error is not None
        kind = type(error).__name__
        if isinstance(error, RemoteTaskError):
            kind = error.type_name
            text = error.message
        else:
            text = str(error)
        noun = "index" if len(failed) == 1 else "indices"
        raise BatchError(
            f"{len(failed)} of {len(self.results)} tasks failed, at {noun} "
            f"{_indices_text([r.index for r in failed])}; the first (task {first.index}) "
            f"raised {kind}: {text}. Each failure's exception and traceback are on "
            f"result.errors; the successful values are [r.value for r in result if r.ok]",
            errors=failed) from error


# --------------------------------------------------------------------------------------
# Public functions
# --------------------------------------------------------------------------------------
def map(fn: Callable[..., Any], *iterables: Iterable[Any], executor: Any = None,
        chunksize: int | None = None, timeout: float | None = None) -> BatchResult:
    """Run ``fn(a_i, b_i, ...)`` for each ``i`` through ``executor``, like ``Executor.map``.

    Parameters
    ----------
    fn : callable
        Called once per task; for a process pool it must pickle (see :class:`Task`).
    *iterables : iterable
        One per argument of ``fn``: task ``i`` is ``fn(iterables[0][i], iterables[1][i],
        ...)``. Iterables with a length (lists, tuples, arrays, ranges) must all have the
        same length, which is the number of tasks. An iterable without one (a generator,
        ``itertools.repeat(f)``) is read in step with them; it may be longer (so
        ``itertools.repeat(f)`` passes ``f`` to every task) but must not run out first.
        When no iterable has a length, the tasks end with the shortest, as with ``zip``.
    executor : Executor, Pool or None, optional
        ``None`` (default) runs the tasks one after another in this process. Otherwise an
        object with ``submit(fn, *args)`` returning a future with ``.result()`` (every
        :class:`concurrent.futures.Executor`, Dask's ``client.get_executor(pure=False)``,
        Ray remote tasks behind a small ``submit`` adapter), or with
        ``apply_async(fn, args)`` returning an object with ``.get()``
        (``multiprocessing.Pool``, ``ray.util.multiprocessing.Pool``). credal does not shut
        it down.
    chunksize : int, optional
        Tasks per submission, at least 1. Default: the tasks split into
        ``max(64, 4 * os.cpu_count())`` chunks (4 per worker for a local pool, and for up to
        16 workers elsewhere), i.e. ``ceil(n_tasks / that)`` tasks each. Ignored when
        ``executor`` is ``None``.
    timeout : float, optional
        Seconds for the whole batch, from the call; ``None`` (default) waits as long as the
        tasks take. At the deadline ``map`` returns: the tasks that finished keep their
        values, every other task fails with a :class:`TimeoutError` saying that the batch
        timed out after ``timeout`` s, and its chunk is cancelled if it has not started
        (``Future.cancel``; a task already running on a worker runs on, and its result is
        dropped). Serially, the deadline is checked between tasks. A duck-typed future
        whose ``result()`` takes no ``timeout`` and that has no ``done()`` cannot be
        bounded: it is waited for, and the deadline checked after it.

    Returns
    -------
    BatchResult
        One :class:`TaskResult` per task, in input order whatever order they finished in;
        :meth:`BatchResult.values` gives the values or raises
        :class:`~credal.errors.BatchError`.

    Raises
    ------
    InvalidArgumentError
        ``fn`` not callable, no iterable, an argument that is not iterable, iterables of
        different lengths (or one without a length that runs out first), ``executor`` of
        an unknown kind, ``chunksize`` not a positive int, ``timeout`` not ``None`` or a
        positive finite number. A task's own failure, a broken executor and the deadline
        are never raised here: they are reported on the tasks' results.

    See Also
    --------
    run : heterogeneous tasks, keyword arguments.

    Notes
    -----
    Cost: ``ceil(n_tasks / chunksize)`` submissions; each pickles its chunk of arguments
    once (shared objects, such as the gamble repeated by ``itertools.repeat``, once per
    chunk) and sends back one result per task. The chunks are collected as they complete,
    not in submission order.

    A chunk that fails as a whole is reported on each of its tasks, and credal never sends
    a task again once it may have run. The one exception is a chunk that could not be
    pickled: each of its tasks that does not pickle on its own gets that error, and the
    others, which never left this process, are sent once more. A broken executor
    (:class:`concurrent.futures.BrokenExecutor`: a worker process died) does not recover,
    so the first sign of one ends the wait: every unfinished task fails with an error of
    the same type that says so, and nothing is resubmitted. Objects sent to a process come
    back only as return values: a query's cache filled in a worker does not reach the
    parent's object.

    Examples
    --------
    >>> import itertools
    >>> from concurrent.futures import ThreadPoolExecutor
    >>> import credal as cr
    >>> from credal import batch
    >>> S = cr.CredalSet.from_bounds(["1/10", "1/5"], ["1/2", 1])
    >>> gambles = [[1, 0], [0, 1], [2, 3]]
    >>> with ThreadPoolExecutor(max_workers=2) as pool:
    ...     r = batch.map(cr.lower_expectation, itertools.repeat(S), gambles, executor=pool,
    ...                   timeout=60)
    >>> r.values()
    [Fraction(1, 10), Fraction(1, 2), Fraction(5, 2)]

    A task that never completes (here, a future nobody will ever resolve) fails at the
    deadline; the others keep their values:

    >>> from concurrent.futures import Future
    >>> class OneStuck:
    ...     # runs each chunk at once, except the one starting at task 1
    ...     def submit(self, fn, *args):
    ...         future = Future()
    ...         if args[0] != 1:
    ...             future.set_result(fn(*args))
    ...         return future
    >>> r = batch.map(abs, [-1, -2, -3], executor=OneStuck(), chunksize=1, timeout=0.2)
    >>> [t.value for t in r], type(r[1].error).__name__
    ([1, None, 3], 'TimeoutError')
    >>> str(r[1].error)[:40]
    'the batch timed out after 0.2 s (timeout'
    """
    _check_callable(fn, "fn")
    if not iterables:
        raise InvalidArgumentError(
            "map needs at least one iterable of arguments: task i is fn(iterables[0][i], "
            "...); for calls without arguments use batch.run([batch.Task(fn)] * n)")
    tasks = [Task(fn, args=a) for a in _zip_checked(iterables)]
    return _execute(tasks, executor, chunksize, timeout)


def run(tasks: Iterable[Task], *, executor: Any = None, chunksize: int | None = None,
        timeout: float | None = None) -> BatchResult:
    """Run heterogeneous tasks (each its own function and arguments) through ``executor``.

    Parameters
    ----------
    tasks : iterable of Task
        Task ``i`` is ``tasks[i].fn(*tasks[i].args, **tasks[i].kwargs)``.
    executor : Executor, Pool or None, optional
        As in :func:`map`.
    chunksize : int, optional
        As in :func:`map`.
    timeout : float, optional
        As in :func:`map`: seconds for the whole batch, after which the unfinished tasks
        fail with a :class:`TimeoutError` and the finished ones keep their values.

    Returns
    -------
    BatchResult
        One :class:`TaskResult` per task, in input order.

    Raises
    ------
    InvalidArgumentError
        ``tasks`` not an iterable of :class:`Task`, ``executor`` of an unknown kind,
        ``chunksize`` not a positive int, ``timeout`` not ``None`` or a positive finite
        number.

    Notes
    -----
    Cost: as :func:`map`, ``ceil(n_tasks / chunksize)`` submissions, collected as they
    complete; a failed chunk is not resubmitted (see :func:`map`).

    Examples
    --------
    >>> import credal as cr
    >>> from credal import batch
    >>> S = cr.CredalSet.from_bounds({"H": "0.28"}, {"H": "0.7"}, outcomes=["H", "T"])
    >>> acts = {"d1": [4, 0], "d5": ["2.35", "2.35"]}
    >>> r = batch.run([batch.Task(cr.upper_expectation, args=(S, [4, 0])),
    ...                batch.Task(cr.hurwicz, args=(acts, S), kwargs={"alpha": 1}),
    ...                batch.Task(cr.maximality, args=(acts, S))])
    >>> r.values()
    [Fraction(14, 5), ['d5'], ['d1', 'd5']]
    """
    if isinstance(tasks, Task) or not isinstance(tasks, Iterable):
        raise InvalidArgumentError(
            f"tasks must be an iterable of batch.Task, got {type(tasks).__name__}: "
            f"{show(tasks)}")
    listed = list(tasks)
    for i, t in enumerate(listed):
        if not isinstance(t, Task):
            raise InvalidArgumentError(
                f"tasks[{i}] must be a batch.Task, got {type(t).__name__}: {show(t)}; write "
                f"batch.Task(fn, args=(...), kwargs={{...}})")
    return _execute(listed, executor, chunksize, timeout)


# --------------------------------------------------------------------------------------
# Validation
# --------------------------------------------------------------------------------------
def _check_callable(fn: Any, name: str) -> None:
    if not callable(fn):
        raise InvalidArgumentError(
            f"{name} must be callable (a function or method to run on each task), got "
            f"{type(fn).__name__}: {show(fn)}")


def _zip_checked(iterables: tuple[Iterable[Any], ...]) -> list[tuple[Any, ...]]:
    """The argument tuples of :func:`map`, with the length rules of its docstring."""
    iterators = []
    lengths: list[tuple[int, int]] = []  # (position, length) of the sized iterables
    for j, it in enumerate(iterables):
        try:
            iterators.append(iter(it))
        except TypeError:
            raise InvalidArgumentError(
                f"iterables[{j}] must be iterable (one argument per task), got "
                f"{type(it).__name__}: {show(it)}; to pass the same x to every task use "
                f"itertools.repeat(x)") from None
        if isinstance(it, Sized):
            try:
                lengths.append((j, len(it)))
            except TypeError:  # e.g. a 0-d array: iter() has already refused it
                pass
    if not lengths:
        return list(zip(*iterators, strict=False))
    j0, n = lengths[0]
    for j, m in lengths[1:]:
        if m != n:
            raise InvalidArgumentError(
                f"the iterables must have the same length (task i takes item i of each), but "
                f"iterables[{j0}] has {n} items and iterables[{j}] has {m}; to pass the same "
                f"x to every task use itertools.repeat(x)")
    rows: list[tuple[Any, ...]] = []
    for i in range(n):
        row = []
        for j, it in enumerate(iterators):
            try:
                row.append(next(it))
            except StopIteration:
                raise InvalidArgumentError(
                    f"iterables[{j}] ran out after {i} items, but iterables[{j0}] has {n}; "
                    f"every iterable must supply one item per task") from None
        rows.append(tuple(row))
    return rows


def _check_chunksize(chunksize: Any) -> int | None:
    if chunksize is None:
        return None
    if isinstance(chunksize, bool) or not hasattr(chunksize, "__index__"):
        raise InvalidArgumentError(
            f"chunksize must be a positive int (tasks per submission) or None for the "
            f"default, got {type(chunksize).__name__}: {show(chunksize)}")
    value = chunksize.__index__()
    if value < 1:
        raise InvalidArgumentError(
            f"chunksize must be at least 1 (tasks per submission), got {value}; omit it for "
            f"the default")
    return int(value)


def _check_timeout(timeout: Any) -> float | None:
    if timeout is None:
        return None
    if isinstance(timeout, bool) or not isinstance(timeout, numbers.Real):
        raise InvalidArgumentError(
            f"timeout must be a positive number of seconds for the whole batch, or None for "
            f"no limit, got {type(timeout).__name__}: {show(timeout)}")
    try:
        value = float(timeout)
    except OverflowError:
        value = math.inf
    if not value > 0 or not math.isfinite(value):
        raise InvalidArgumentError(
            f"timeout must be a positive, finite number of seconds for the whole batch, got "
            f"{show(timeout)}; pass timeout=None for no limit")
    return value


def _default_chunksize(n_tasks: int) -> int:
    chunks = max(MIN_CHUNKS, 4 * (os.cpu_count() or 1))
    return max(1, math.ceil(n_tasks / chunks))


def _submitter(executor: Any) -> Callable[[int, list[Task]], Any] | None:
    """A function sending one chunk to ``executor`` and returning a handle with ``.wait()``
    semantics (``result`` or ``get``); ``None`` for serial runs."""
    if executor is None:
        return None
    if isinstance(executor, type):
        raise InvalidArgumentError(
            f"executor must be an executor instance, got the class {executor.__name__}; "
            f"create one, e.g. executor={executor.__name__}(max_workers=2), or pass "
            f"executor=None to run serially")
    submit = getattr(executor, "submit", None)
    if callable(submit):
        return lambda start, chunk: _Handle(submit(_run_chunk, start, chunk), "result")
    apply_async = getattr(executor, "apply_async", None)
    if callable(apply_async):
        return lambda start, chunk: _Handle(apply_async(_run_chunk, (start, chunk)), "get")
    raise InvalidArgumentError(
        f"executor must be None (run serially), a concurrent.futures.Executor (or any object "
        f"with submit(fn, *args) returning a future), or a multiprocessing.Pool-like object "
        f"(with apply_async(fn, args)); got {type(executor).__name__}: {show(executor)}")


# --------------------------------------------------------------------------------------
# Execution
# --------------------------------------------------------------------------------------
def _execute(tasks: list[Task], executor: Any, chunksize: Any, timeout: Any) -> BatchResult:
    size = _check_chunksize(chunksize)
    clock = _Clock(_check_timeout(timeout))
    send = _submitter(executor)
    out: list[TaskResult | None] = [None] * len(tasks)
    if send is None:
        for i, t in enumerate(tasks):
            if clock.expired():
                error = clock.error("started")
                out[i] = TaskResult(i, error=error, traceback=_format(error))
            else:
                out[i] = _call(i, t)
        return _finish(out)
    if size is None:
        size = _default_chunksize(len(tasks))
    chunks = [(s, tasks[s:s + size]) for s in range(0, len(tasks), size)]
    retry: list[tuple[int, list[Task]]] = []
    for (start, chunk), outcome in zip(chunks, _collect(send, chunks, clock), strict=True):
        if (isinstance(outcome, Exception) and not clock.made(outcome)
                and not isinstance(outcome, _broken_type())):
            runs = _pin_unpicklable(out, start, chunk, outcome)
            if runs is not None:  # those that do not pickle are reported, the others resent
                retry.extend(runs)
                continue
        _place(out, start, chunk, outcome)
    # Only tasks that were never sent (their chunk did not pickle) are sent again, once.
    for (start, chunk), outcome in zip(retry, _collect(send, retry, clock), strict=True):
        _place(out, start, chunk, outcome)
    return _finish(out)


def _finish(out: list[TaskResult | None]) -> BatchResult:
    assert all(r is not None for r in out)
    return BatchResult(tuple(out))  # type: ignore[arg-type]


# What became of a chunk: its results, the exception that lost it as a whole, or a
# TimeoutError made by credal when the deadline passed first.
_Outcome = list[TaskResult] | BaseException


def _collect(send: Callable[[int, list[Task]], _Handle],
             chunks: list[tuple[int, list[Task]]], clock: _Clock) -> list[_Outcome]:
    """Submit every chunk, then take the outcomes as the chunks complete, until all are in,
    the executor is found broken, or the deadline passes; in input order."""
    outcomes: list[_Outcome | None] = [None] * len(chunks)
    handles: dict[int, _Handle] = {}
    for ci, (start, chunk) in enumerate(chunks):
        if clock.expired():
            for cj in range(ci, len(chunks)):
                outcomes[cj] = clock.error("submitted")
            break
        try:
            handles[ci] = send(start, chunk)
        except Exception as e:  # the executor refused it (shut down, arguments unpicklable)
            outcomes[ci] = e
    try:
        broken = _wait(handles, outcomes, clock)
    except BaseException:  # KeyboardInterrupt: withdraw what has not started
        for h in handles.values():
            h.cancel()
        raise
    if handles:  # unfinished: the deadline passed, or the pool broke first
        unfinished = clock.error("finished") if broken is None else _explain_broken(
            broken, "this task had not finished when it broke")
        for ci, h in handles.items():
            h.cancel()
            outcomes[ci] = unfinished
    if broken is not None:
        explained: dict[int, BaseException] = {}
        for ci, o in enumerate(outcomes):
            if isinstance(o, _broken_type()):
                if id(o) not in explained:
                    explained[id(o)] = _explain_broken(o, "this task was lost with it")
                outcomes[ci] = explained[id(o)]
    assert all(o is not None for o in outcomes)
    return outcomes  # type: ignore[return-value]


def _wait(handles: dict[int, _Handle], outcomes: list[_Outcome | None],
          clock: _Clock) -> BaseException | None:
    """Move finished chunks from ``handles`` to ``outcomes`` as they complete. Stops when
    none is left, at the deadline, or at the first sign of a broken executor, which it
    returns (no later chunk can then finish)."""
    import concurrent.futures as cf  # not at import: `import credal` stays quick

    broken: BaseException | None = None

    def take(ci: int, outcome: _Outcome) -> None:
        nonlocal broken
        del handles[ci]
        outcomes[ci] = outcome
        if broken is None and isinstance(outcome, _broken_type()):
            broken = outcome

    by_future = {id(h.pending): ci for ci, h in handles.items()}
    if all(isinstance(h.pending, cf.Future) for h in handles.values()):
        # concurrent.futures, Dask's client.get_executor(), Ray's ObjectRef.future()
        try:
            for f in cf.as_completed([h.pending for h in handles.values()],
                                     timeout=clock.remaining()):
                ci = by_future[id(f)]
                take(ci, handles[ci].outcome())
                if broken is not None:
                    break
        except cf.TimeoutError:
            pass
    elif all(h.poll() is not None for h in handles.values()):
        # futures with done() (Dask's own), AsyncResults with ready() (multiprocessing, Ray)
        pause = _POLL_FIRST
        while handles and broken is None:
            finished = [ci for ci, h in handles.items() if h.poll()]
            for ci in finished:
                take(ci, handles[ci].outcome())
            remaining = clock.remaining()
            if finished:
                pause = _POLL_FIRST
            elif remaining is not None and remaining <= 0:
                break
            else:
                time.sleep(pause if remaining is None else min(pause, remaining))
                pause = min(2 * pause, _POLL_MAX)
    else:  # futures that can only be waited on: in submission order
        for ci in sorted(handles):
            outcome = handles[ci].outcome_by(clock)
            if outcome is not None:  # else the deadline passed: see whether the next is in
                take(ci, outcome)
            if broken is not None:
                break
    for ci, h in list(handles.items()):  # finished meanwhile (at the deadline, say)
        if h.poll():
            take(ci, h.outcome())
    return broken


#: Polling of futures that cannot be waited on together: first pause and longest pause (s).
_POLL_FIRST = 0.001
_POLL_MAX = 0.05


def _broken_type() -> type[BaseException]:
    from concurrent.futures import BrokenExecutor  # not at import: `import credal` stays quick

    return BrokenExecutor


def _explain_broken(error: BaseException, what: str) -> BaseException:
    """``error`` (a BrokenExecutor) with a message that says what happened and what to do,
    of the same type, caused by the original."""
    message = (
        f"{error} [the executor is broken ({what}): a worker died or could not start (for "
        f"a process pool, typically a process killed for lack of memory or by a crash in "
        f"native code) and the executor does not recover. credal sent nothing again; "
        f"create a new executor and rerun the failed tasks, whose indices are in "
        f"[r.index for r in result.errors]]")
    try:
        clear = type(error)(message)
    except Exception:  # pragma: no cover - a BrokenExecutor subclass with another signature
        return error
    clear.__cause__ = error
    return clear


def _pin_unpicklable(out: list[TaskResult | None], start: int, chunk: list[Task],
                     error: BaseException) -> list[tuple[int, list[Task]]] | None:
    """When ``chunk`` failed as a whole because it does not pickle, report each task that
    does not pickle on its own and return the runs of the others, which were never sent,
    to be sent once more. ``None`` when that is not the cause (the chunk may have run)."""
    if len(chunk) < 2:
        return None
    try:
        pickle.dumps((start, chunk), protocol=pickle.HIGHEST_PROTOCOL)
        return None  # it pickles here: the executor failed for another reason
    except Exception as local:
        if not isinstance(local, type(error)) and not isinstance(error, type(local)):
            return None
    runs: list[tuple[int, list[Task]]] = []
    failures: list[tuple[int, Exception]] = []
    for k, t in enumerate(chunk):
        try:
            pickle.dumps(t, protocol=pickle.HIGHEST_PROTOCOL)
        except Exception as e:
            failures.append((start + k, e))
            continue
        if runs and runs[-1][0] + len(runs[-1][1]) == start + k:
            runs[-1][1].append(t)
        else:
            runs.append((start + k, [t]))
    if not failures:
        return None  # every task pickles alone: the failure is the chunk's
    for i, failure in failures:
        out[i] = TaskResult(i, error=failure, traceback=_format(failure))
    return runs


def _place(out: list[TaskResult | None], start: int, chunk: list[Task],
           outcome: _Outcome) -> None:
    if isinstance(outcome, BaseException):
        text = _format(outcome)
        for k in range(len(chunk)):
            out[start + k] = TaskResult(start + k, error=outcome, traceback=text)
        return
    for r in outcome:
        out[r.index] = r


class _Clock:
    """The batch's deadline (``limit`` seconds from its start, or none)."""

    __slots__ = ("limit", "_end", "_errors")

    def __init__(self, limit: float | None) -> None:
        self.limit = limit
        self._end = None if limit is None else time.monotonic() + limit
        self._errors: dict[str, TimeoutError] = {}

    def made(self, error: BaseException) -> bool:
        """Whether ``error`` is one of this clock's timeouts."""
        return any(error is e for e in self._errors.values())

    def remaining(self) -> float | None:
        return None if self._end is None else max(0.0, self._end - time.monotonic())

    def expired(self) -> bool:
        return self._end is not None and time.monotonic() >= self._end

    def error(self, before: str) -> TimeoutError:
        """The error of a task that had not ``before`` (started, been submitted, finished)
        when the deadline passed (one instance per kind, shared by those tasks)."""
        if before not in self._errors:
            self._errors[before] = TimeoutError(
                f"the batch timed out after {self.limit:g} s (timeout={self.limit:g}) before "
                f"this task {before}; the tasks that finished kept their values. Give a "
                f"larger timeout, or rerun the failed tasks, whose indices are in "
                f"[r.index for r in result.errors]")
        return self._errors[before]


class _Handle:
    """A submitted chunk: a future (``result``/``done``/``cancel``) or an AsyncResult
    (``get``/``ready``)."""

    __slots__ = ("pending", "_method")

    def __init__(self, pending: Any, method: str) -> None:
        self.pending = pending
        self._method = method

    def poll(self) -> bool | None:
        """Whether the chunk is finished; ``None`` when the handle cannot tell."""
        check = getattr(self.pending, "done" if self._method == "result" else "ready", None)
        if not callable(check):
            return None
        try:
            return bool(check())
        except Exception:  # let outcome() report it
            return True

    def outcome(self) -> _Outcome:
        """Wait for the chunk: its results, or the exception that lost it."""
        try:
            return getattr(self.pending, self._method)().results()  # type: ignore[no-any-return]
        except Exception as e:  # pickling on the way, a broken pool, a cancelled future
            return e

    def outcome_by(self, clock: _Clock) -> _Outcome | None:
        """As :meth:`outcome`, or ``None`` when the deadline passes first (past it, a
        finished chunk is still taken). A handle whose wait takes no timeout is waited for
        if the deadline has not passed: it cannot be bounded."""
        wait = getattr(self.pending, self._method)
        if clock.limit is None:
            return self.outcome()
        if not _takes_timeout(wait):
            return None if clock.expired() else self.outcome()
        import concurrent.futures as cf

        try:
            return wait(timeout=clock.remaining()).results()  # type: ignore[no-any-return]
        except (TimeoutError, cf.TimeoutError):  # distinct classes before Python 3.11
            return None
        except Exception as e:
            return e

    def cancel(self) -> None:
        """Cancel the chunk if it has not started (futures only; best effort)."""
        cancel = getattr(self.pending, "cancel", None)
        if self._method == "result" and callable(cancel):
            try:
                cancel()
            except Exception:  # pragma: no cover - a duck-typed future's own failure
                pass


def _takes_timeout(wait: Callable[..., Any]) -> bool:
    import inspect

    try:
        return "timeout" in inspect.signature(wait).parameters
    except (TypeError, ValueError):
        return False


def _format(error: BaseException) -> str:
    return "".join(_traceback.format_exception(type(error), error, error.__traceback__))


def _call(index: int, task: Task) -> TaskResult:
    try:
        return TaskResult(index, value=task.fn(*task.args, **task.kwargs))
    except Exception as e:
        return TaskResult(index, error=e, traceback=_format(e))


def _run_chunk(start: int, tasks: list[Task]) -> _Chunk:
    """The worker side: run a chunk, catching each task's exception."""
    return _Chunk([_call(start + k, t) for k, t in enumerate(tasks)])


class _Chunk:
    """A chunk's results. In-process (serial, threads) they are used as they are; pickled
    (sent back from a worker process) each result is pickled on its own, so one value or
    exception that does not pickle loses only its own task (see :class:`_Packed`)."""

    __slots__ = ("_results",)

    def __init__(self, results: list[TaskResult]) -> None:
        self._results = results

    def results(self) -> list[TaskResult]:
        return self._results

    def __reduce__(self) -> tuple[Any, ...]:
        return (_Packed, ([_pack(r) for r in self._results],))


def _pack(r: TaskResult) -> tuple[int, bytes | None, tuple[str, str, str] | None]:
    """(index, pickled TaskResult or None, (type name, message, traceback) of its error)."""
    summary = None if r.ok else _summary(r)
    try:
        return r.index, pickle.dumps(r, protocol=pickle.HIGHEST_PROTOCOL), summary
    except Exception as e:
        if r.ok:  # the value does not pickle: report that as the task's error
            failed = TaskResult(r.index, error=e, traceback=_format(e))
            try:
                return r.index, pickle.dumps(failed, protocol=pickle.HIGHEST_PROTOCOL), None
            except Exception:
                return r.index, None, _summary(failed)
        return r.index, None, summary


def _summary(r: TaskResult) -> tuple[str, str, str]:
    e = r.error
    assert e is not None
    kind = type(e)
    try:
        text = str(e)
    except Exception:  # pragma: no cover - a broken __str__
        text = object.__repr__(e)
    return f"{kind.__module__}.{kind.__qualname__}", text, r.traceback or ""


class _Packed:
    """A chunk's results as they arrive from a worker process: decoded one at a time."""

    __slots__ = ("_items",)

    def __init__(self, items: list[tuple[int, bytes | None, tuple[str, str, str] | None]]
                 ) -> None:
        self._items = items

    def results(self) -> list[TaskResult]:
        out = []
        for index, blob, summary in self._items:
            if blob is not None:
                try:
                    out.append(pickle.loads(blob))
                    continue
                except Exception as e:
                    if summary is None:  # a value that pickled but does not unpickle here
                        out.append(TaskResult(index, error=e, traceback=_format(e)))
                        continue
            assert summary is not None
            out.append(TaskResult(index, error=RemoteTaskError(*summary), traceback=summary[2]))
        return out


def _indices_text(indices: list[int], limit: int = 10) -> str:
    if len(indices) <= limit:
        return str(indices)
    return "[" + ", ".join(str(i) for i in indices[:limit]) + f", ... ({len(indices)} in all)]"

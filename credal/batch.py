"""Many independent problems through any executor: :func:`map` and :func:`run`.

credal depends on no executor library. Pass whatever runs your work:

* ``executor=None``: serially, in this process;
* any :class:`concurrent.futures.Executor` (``ProcessPoolExecutor``,
  ``ThreadPoolExecutor``, a Dask ``distributed`` client's ``client.get_executor()``), or any
  object with ``submit(fn, *args)`` returning a future with ``.result()``;
* a ``multiprocessing.Pool``-compatible object, with ``apply_async(fn, args)`` returning an
  object with ``.get()`` (``multiprocessing.Pool``, Ray's ``ray.util.multiprocessing.Pool``).

Tasks are sent in chunks, one submission per chunk, to amortise the cost of a submission.
Each task's exception is caught where it runs, so one failing task loses nothing else; a
chunk that fails as a whole (its arguments do not pickle, the pool broke) is reported on
each of its tasks. Results come back in input order, as a :class:`BatchResult`.

>>> import itertools
>>> import credal as cr
>>> from credal import batch
>>> sets = [cr.tv_ball(["1/2", "1/2"], r) for r in ("0", "1/10", "1/4")]
>>> batch.map(cr.lower_expectation, sets, itertools.repeat([1, 0])).values()
[Fraction(1, 2), Fraction(2, 5), Fraction(1, 4)]
"""

from __future__ import annotations

import math
import os
import pickle
import traceback as _traceback
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence, Sized
from dataclasses import KW_ONLY, dataclass, field
from typing import Any, overload

from ._numbers import show
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
        Sent to a process pool, it must pickle: a module-level function (such as
        ``credal.lower_expectation``), a method of a class (``credal.DDTProblem.values``),
        a bound method of a picklable object, or a :func:`functools.partial` of these —
        not a lambda or a function defined inside another function.
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
        chunksize: int | None = None) -> BatchResult:
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
        :class:`concurrent.futures.Executor`, Dask's ``client.get_executor()``), or with
        ``apply_async(fn, args)`` returning an object with ``.get()``
        (``multiprocessing.Pool``, ``ray.util.multiprocessing.Pool``). credal does not shut
        it down.
    chunksize : int, optional
        Tasks per submission, at least 1. Default: the tasks split into
        ``max(64, 4 * os.cpu_count())`` chunks (4 per worker for a local pool, and for up to
        16 workers elsewhere), i.e. ``ceil(n_tasks / that)`` tasks each. Ignored when
        ``executor`` is ``None``.

    Returns
    -------
    BatchResult
        One :class:`TaskResult` per task, in input order; :meth:`BatchResult.values` gives
        the values or raises :class:`~credal.errors.BatchError`.

    Raises
    ------
    InvalidArgumentError
        ``fn`` not callable, no iterable, an argument that is not iterable, iterables of
        different lengths (or one without a length that runs out first), ``executor`` of
        an unknown kind, ``chunksize`` not a positive int. A task's own failure is never
        raised here: it is reported on its :class:`TaskResult`.

    See Also
    --------
    run : heterogeneous tasks, keyword arguments.

    Notes
    -----
    Cost: ``ceil(n_tasks / chunksize)`` submissions; each pickles its chunk of arguments
    once (shared objects, such as the gamble repeated by ``itertools.repeat``, once per
    chunk) and sends back one result per task. A chunk that fails as a whole is submitted
    again one task at a time, to pin the failure on its task (unless the executor is
    broken, :class:`concurrent.futures.BrokenExecutor`); tasks should therefore have no
    side effects. Objects sent to a process come back only as return values: a query's
    cache filled in a worker does not reach the parent's object.

    Examples
    --------
    >>> import itertools
    >>> from concurrent.futures import ThreadPoolExecutor
    >>> import credal as cr
    >>> from credal import batch
    >>> S = cr.CredalSet.from_bounds(["1/10", "1/5"], ["1/2", 1])
    >>> gambles = [[1, 0], [0, 1], [2, 3]]
    >>> with ThreadPoolExecutor(max_workers=2) as pool:
    ...     r = batch.map(cr.lower_expectation, itertools.repeat(S), gambles, executor=pool)
    >>> r.values()
    [Fraction(1, 10), Fraction(1, 2), Fraction(5, 2)]
    """
    _check_callable(fn, "fn")
    if not iterables:
        raise InvalidArgumentError(
            "map needs at least one iterable of arguments: task i is fn(iterables[0][i], "
            "...); for calls without arguments use batch.run([batch.Task(fn)] * n)")
    tasks = [Task(fn, args=a) for a in _zip_checked(iterables)]
    return _execute(tasks, executor, chunksize)


def run(tasks: Iterable[Task], *, executor: Any = None,
        chunksize: int | None = None) -> BatchResult:
    """Run heterogeneous tasks (each its own function and arguments) through ``executor``.

    Parameters
    ----------
    tasks : iterable of Task
        Task ``i`` is ``tasks[i].fn(*tasks[i].args, **tasks[i].kwargs)``.
    executor : Executor, Pool or None, optional
        As in :func:`map`.
    chunksize : int, optional
        As in :func:`map`.

    Returns
    -------
    BatchResult
        One :class:`TaskResult` per task, in input order.

    Raises
    ------
    InvalidArgumentError
        ``tasks`` not an iterable of :class:`Task`, ``executor`` of an unknown kind,
        ``chunksize`` not a positive int.

    Notes
    -----
    Cost: as :func:`map`, ``ceil(n_tasks / chunksize)`` submissions.

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
    return _execute(listed, executor, chunksize)


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
def _execute(tasks: list[Task], executor: Any, chunksize: Any) -> BatchResult:
    from concurrent.futures import BrokenExecutor  # not at import: `import credal` stays quick

    size = _check_chunksize(chunksize)
    send = _submitter(executor)
    if send is None:
        return BatchResult(tuple(_call(i, t) for i, t in enumerate(tasks)))
    if size is None:
        size = _default_chunksize(len(tasks))
    chunks = [(s, tasks[s:s + size]) for s in range(0, len(tasks), size)]
    out: list[TaskResult | None] = [None] * len(tasks)
    retry: list[tuple[int, list[Task]]] = []
    for (start, chunk), outcome in zip(chunks, _gather(send, chunks), strict=True):
        if (isinstance(outcome, BaseException) and len(chunk) > 1
                and not isinstance(outcome, BrokenExecutor)):  # a broken pool stays broken
            retry.extend((start + k, [t]) for k, t in enumerate(chunk))
        else:
            _place(out, start, chunk, outcome)
    for (start, chunk), outcome in zip(retry, _gather(send, retry), strict=True):
        _place(out, start, chunk, outcome)
    assert all(r is not None for r in out)
    return BatchResult(tuple(out))  # type: ignore[arg-type]


def _gather(send: Callable[[int, list[Task]], Any],
            chunks: list[tuple[int, list[Task]]]) -> list[list[TaskResult] | BaseException]:
    """Submit every chunk, then wait for each: its results, or the exception that lost it."""
    handles: list[Any] = []
    for start, chunk in chunks:
        try:
            handles.append(send(start, chunk))
        except Exception as e:  # the executor refused it (shut down, arguments unpicklable)
            handles.append(e)
    outcomes: list[list[TaskResult] | BaseException] = []
    for h in handles:
        if isinstance(h, BaseException):
            outcomes.append(h)
            continue
        try:
            outcomes.append(h.wait().results())
        except Exception as e:  # pickling on the way, a broken pool, a cancelled future
            outcomes.append(e)
    return outcomes


def _place(out: list[TaskResult | None], start: int, chunk: list[Task],
           outcome: list[TaskResult] | BaseException) -> None:
    if isinstance(outcome, BaseException):
        text = _format(outcome)
        for k in range(len(chunk)):
            out[start + k] = TaskResult(start + k, error=outcome, traceback=text)
        return
    for r in outcome:
        out[r.index] = r


class _Handle:
    __slots__ = ("_pending", "_method")

    def __init__(self, pending: Any, method: str) -> None:
        self._pending = pending
        self._method = method

    def wait(self) -> Any:
        return getattr(self._pending, self._method)()


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

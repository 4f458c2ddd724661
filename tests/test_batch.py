"""credal.batch: many independent problems through serial runs, thread and process pools,
multiprocessing.Pool (apply_async) and duck-typed executors; input order, per-task errors,
chunking, validation; timeout=, collection as chunks complete, broken pools (no resubmission);
and the pickling that sending problems to processes relies on."""

from __future__ import annotations

import itertools
import math
import multiprocessing
import os
import pickle
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import BrokenExecutor, Future, ProcessPoolExecutor, ThreadPoolExecutor
from fractions import Fraction as F
from typing import Any

import numpy as np
import pytest

import credal as cr
from credal import batch, infra
from credal.errors import BatchError, CredalError, InvalidArgumentError, RemoteTaskError

# --------------------------------------------------------------------------------------
# Problems (module-level, built from credal's own functions, so they pickle by reference
# in any start method)
# --------------------------------------------------------------------------------------
G3 = [3, -1, "1/2"]


def exact_sets() -> list[cr.CredalSet]:
    """Exact sets of every form: V-form, H-form (LP path), TV ball, intervals."""
    return [
        cr.CredalSet.from_vertices([[1, 0, 0], ["1/2", "1/2", 0], ["1/3", "1/3", "1/3"]]),
        cr.CredalSet.from_lower_previsions([([1, 0, 0], "1/3"), ([0, 1, 1], "1/2")]),
        cr.CredalSet.from_constraints(A_ub=[[1, -1, 0]], b_ub=["1/5"]),
        cr.tv_ball(["1/2", "1/4", "1/4"], "1/10"),
        cr.CredalSet.from_bounds(["1/10", 0, 0], ["1/2", 1, 1]),
        cr.idm([3, 1, 0]),
        cr.vacuous(3),
    ]


def newcomb(accuracy: Any) -> cr.DDTProblem:
    E = [(1, 1), (1, 2), (2, 1), (2, 2)]
    u = {(1, 1): 1_000_000, (1, 2): 1_001_000, (2, 1): 0, (2, 2): 1_000}
    belief = cr.CredalSet.from_vertices(
        [[accuracy, 0, 1 - F(accuracy), 0], [0, 1 - F(accuracy), 0, accuracy]], outcomes=E)
    return cr.DDTProblem(belief, u, {"one-box": [(1, 1), (2, 1)], "two-box": [(1, 2), (2, 2)]})


ACTS = {"d1": [4, 0], "d4": ["1/2", 3], "d5": ["2.35", "2.35"]}


def coin(lower: str, upper: str) -> cr.CredalSet:
    return cr.CredalSet.from_bounds({"H": lower}, {"H": upper}, outcomes=["H", "T"])


@pytest.fixture(scope="module")
def process_pool() -> Iterator[ProcessPoolExecutor]:
    """Two spawned worker processes (spawn: the strictest start method; nothing is
    inherited, so every task must pickle)."""
    with ProcessPoolExecutor(max_workers=2,
                             mp_context=multiprocessing.get_context("spawn")) as pool:
        yield pool


# --------------------------------------------------------------------------------------
# Duck-typed executors
# --------------------------------------------------------------------------------------
class _Done:
    def __init__(self, fn: Callable[..., Any], args: tuple[Any, ...]) -> None:
        self._fn, self._args = fn, args

    def result(self) -> Any:
        return self._fn(*self._args)


class SubmitOnly:
    """Only ``submit(fn, *args)``; runs at ``result()``. Counts submissions."""

    def __init__(self) -> None:
        self.submissions: list[int] = []

    def submit(self, fn: Callable[..., Any], *args: Any) -> _Done:
        self.submissions.append(len(args[1]))  # args = (start, chunk)
        return _Done(fn, args)


class Pickling(SubmitOnly):
    """Round-trips the submission and the result through pickle, as a process pool does."""

    def submit(self, fn: Callable[..., Any], *args: Any) -> _Done:
        self.submissions.append(len(args[1]))
        fn, args = pickle.loads(pickle.dumps((fn, args)))
        return _Done(lambda: pickle.loads(pickle.dumps(fn(*args))), ())


class _Raises:
    """A future whose result is an exception."""

    def __init__(self, error: Exception) -> None:
        self._error = error

    def result(self) -> Any:
        raise self._error


class BreaksOnSecondChunk(SubmitOnly):
    """Chunk starting at index 2 fails as a whole at .result(), however it is submitted."""

    def submit(self, fn: Callable[..., Any], *args: Any) -> Any:
        start, chunk = args
        self.submissions.append(len(chunk))
        if start <= 2 < start + len(chunk):
            return _Raises(RuntimeError("the pool broke"))
        return _Done(fn, args)


# --------------------------------------------------------------------------------------
# Serial and threads
# --------------------------------------------------------------------------------------
def test_serial_map_matches_direct_calls() -> None:
    sets = exact_sets()
    r = batch.map(cr.lower_expectation, sets, itertools.repeat(G3))
    assert isinstance(r, batch.BatchResult)
    assert r.ok and len(r) == len(sets) and r.errors == ()
    assert [t.index for t in r] == list(range(len(sets)))
    assert r.values() == [cr.lower_expectation(S, G3) for S in sets]
    assert all(type(v) is F for v in r.values())


def test_map_pairs_items_like_executor_map() -> None:
    sets = [coin("1/4", "1/2"), coin("0", "1")]
    r = batch.map(cr.upper_expectation, sets, [[4, 0], [0, 2]])
    assert r.values() == [F(2), F(2)]
    assert batch.map(cr.gamma_maximin, [ACTS, ACTS], sets).values() == [
        cr.gamma_maximin(ACTS, sets[0]), cr.gamma_maximin(ACTS, sets[1])]


def test_thread_pool_keeps_input_order_whatever_finishes_first() -> None:
    def slow_identity(x: int, delay: float) -> int:
        time.sleep(delay)
        return x

    delays = [0.06, 0.0, 0.04, 0.0, 0.02, 0.0]
    with ThreadPoolExecutor(max_workers=3) as pool:
        r = batch.map(slow_identity, range(6), delays, executor=pool, chunksize=1)
    assert r.values() == list(range(6))
    assert [t.index for t in r] == list(range(6))


def test_thread_pool_failure_in_the_middle_keeps_the_original_exception() -> None:
    gambles = [[1, 0], [2, 2], [1, 0, 0], [0, 1], [5, 5]]  # index 2 has the wrong length
    with ThreadPoolExecutor(max_workers=2) as pool:
        r = batch.map(cr.lower_expectation, itertools.repeat(coin("1/4", "1/2")), gambles,
                      executor=pool, chunksize=2)
    assert not r.ok
    assert [t.index for t in r.errors] == [2]
    bad = r[2]
    assert not bad.ok and bad.value is None
    assert isinstance(bad.error, InvalidArgumentError)
    assert bad.error.__traceback__ is not None  # the very exception, not a copy
    assert bad.traceback is not None and "InvalidArgumentError" in bad.traceback
    assert [t.value for t in r if t.ok] == [F(1, 4), F(2), F(1, 2), F(5)]


def test_run_heterogeneous_tasks_with_keyword_arguments() -> None:
    S = coin("0.28", "0.7")
    tasks = [batch.Task(cr.upper_expectation, args=(S, [4, 0])),
             batch.Task(cr.hurwicz, args=(ACTS, S), kwargs={"alpha": 1}),
             batch.Task(cr.maximality, args=[ACTS, S]),
             batch.Task(cr.decide, args=(ACTS,), kwargs={"S": S})]
    r = batch.run(tasks)
    up, hw, mx, report = r.values()
    assert up == F(14, 5)
    assert hw == cr.gamma_maximin(ACTS, S) == ["d5"]
    assert mx == ["d1", "d5"]
    assert report.choices["maximality"] == ["d1", "d5"]
    assert tasks[2].args == (ACTS, S)  # a list of args is stored as a tuple


def test_empty_batch() -> None:
    r = batch.map(cr.lower_expectation, [], [])
    assert len(r) == 0 and r.ok and r.values() == []
    r = batch.run([], executor=SubmitOnly())
    assert len(r) == 0 and r.values() == []


# --------------------------------------------------------------------------------------
# Results and BatchError
# --------------------------------------------------------------------------------------
def test_values_raises_batch_error_naming_indices_and_first_error() -> None:
    gambles = [[1, 0], [1, 0, 0], [0, 1], [float("nan"), 0]]
    r = batch.map(cr.lower_expectation, itertools.repeat(cr.vacuous(2)), gambles)
    assert [t.index for t in r.errors] == [1, 3]
    with pytest.raises(BatchError) as info:
        r.values()
    err = info.value
    assert isinstance(err, CredalError) and isinstance(err, RuntimeError)
    msg = str(err)
    assert "2 of 4 tasks failed" in msg and "[1, 3]" in msg
    assert "task 1" in msg and "InvalidArgumentError" in msg and "shape" in msg
    assert err.errors == r.errors and err.indices == (1, 3)
    assert err.__cause__ is r[1].error
    assert cr.BatchError is BatchError


def test_batch_result_is_an_immutable_sequence() -> None:
    r = batch.map(abs, [-1, 2, -3])
    assert list(r) == [batch.TaskResult(0, 1), batch.TaskResult(1, 2), batch.TaskResult(2, 3)]
    assert r[-1].value == 3 and [t.value for t in r[1:]] == [2, 3]
    assert isinstance(r.results, tuple)
    with pytest.raises(AttributeError):
        r.results = ()  # type: ignore[misc]
    with pytest.raises(AttributeError):
        r[0].value = 5  # type: ignore[misc]
    assert repr(r) == "<BatchResult: 3 tasks, all ok>"


def test_many_failures_are_listed_briefly() -> None:
    r = batch.map(math.sqrt, [-1] * 30)
    with pytest.raises(BatchError, match=r"30 of 30 tasks failed.*\(30 in all\).*ValueError"):
        r.values()


# --------------------------------------------------------------------------------------
# Duck-typed executors, chunking, whole-chunk failures
# --------------------------------------------------------------------------------------
def test_duck_typed_submit_only_executor_and_chunking() -> None:
    ex = SubmitOnly()
    r = batch.map(abs, range(-10, 0), executor=ex, chunksize=4)
    assert r.values() == list(range(10, 0, -1))
    assert ex.submissions == [4, 4, 2]


def test_default_chunksize_gives_enough_chunks_for_balance() -> None:
    ex = SubmitOnly()
    n = 1000
    r = batch.map(abs, range(n), executor=ex)
    assert r.values() == list(range(n))
    target = max(batch.MIN_CHUNKS, 4 * (os.cpu_count() or 1))
    assert len(ex.submissions) == math.ceil(n / math.ceil(n / target))
    assert len(ex.submissions) >= min(n, batch.MIN_CHUNKS) * 0.9
    few = SubmitOnly()
    batch.map(abs, range(5), executor=few)
    assert few.submissions == [1] * 5  # fewer tasks than chunks: one per submission


def test_unpicklable_argument_is_pinned_on_its_task() -> None:
    ex = Pickling()
    r = batch.map(abs, [1, -2, lambda: 0, 4, -5], executor=ex, chunksize=2)
    assert [t.index for t in r.errors] == [2]
    assert isinstance(r[2].error, pickle.PicklingError | AttributeError | TypeError)
    assert [t.value for t in r if t.ok] == [1, 2, 4, 5]
    # chunks [0, 1], [2, 3] (does not pickle: task 2 is found here, task 3 alone sent
    # again, once), [4]
    assert ex.submissions == [2, 2, 1, 1]


def test_unpicklable_tasks_of_a_chunk_are_all_pinned_and_the_rest_sent_once() -> None:
    ex = Pickling()
    lock = threading.Lock()
    r = batch.map(abs, [lock, -1, lock, -2, -3, lock], executor=ex, chunksize=6)
    assert [t.index for t in r.errors] == [0, 2, 5]
    assert all(isinstance(t.error, TypeError) and "pickle" in str(t.error) for t in r.errors)
    assert [t.value for t in r if t.ok] == [1, 2, 3]
    assert ex.submissions == [6, 1, 2]  # the chunk, then the runs [1] and [3, 4]
    everything_bad = Pickling()
    r = batch.map(abs, [lock, lock], executor=everything_bad, chunksize=2)
    assert len(r.errors) == 2 and everything_bad.submissions == [2]


def test_chunk_failing_at_result_is_reported_on_each_of_its_tasks() -> None:
    ex = BreaksOnSecondChunk()
    r = batch.map(abs, [-1, -2, -3, -4, -5, -6], executor=ex, chunksize=2)
    assert [t.index for t in r.errors] == [2, 3]  # it may have run: not sent again
    assert r[2].error is r[3].error
    assert isinstance(r[2].error, RuntimeError) and "the pool broke" in str(r[2].error)
    assert r[2].traceback is not None and "the pool broke" in r[2].traceback
    assert [t.value for t in r if t.ok] == [1, 2, 5, 6]
    assert ex.submissions == [2, 2, 2]


class _Failed:
    """An AsyncResult (``multiprocessing.Pool.apply_async``'s) that is ready and failed."""

    def __init__(self, error: Exception) -> None:
        self._error = error

    def ready(self) -> bool:
        return True

    def get(self, timeout: float | None = None) -> Any:
        raise self._error


class _Ready:
    """An AsyncResult that is ready with its value."""

    def __init__(self, value: Any) -> None:
        self._value = value

    def ready(self) -> bool:
        return True

    def get(self, timeout: float | None = None) -> Any:
        return self._value


class ActorDiedError(RuntimeError):
    """What Ray's multiprocessing.Pool raises once an actor has died: it is not replaced."""


class DeadActorPool:
    """A Pool-like object whose actor died after the first chunk: every later chunk fails."""

    def __init__(self) -> None:
        self.submissions: list[int] = []

    def apply_async(self, fn: Callable[..., Any], args: tuple[Any, ...]) -> Any:
        self.submissions.append(len(args[1]))
        if len(self.submissions) == 1:
            return _Ready(fn(*args))
        return _Failed(ActorDiedError("the actor died unexpectedly"))


def test_a_pool_that_does_not_heal_is_not_retried_task_by_task() -> None:
    ex = DeadActorPool()
    r = batch.map(abs, range(-8, 0), executor=ex, chunksize=4)
    assert ex.submissions == [4, 4]  # formerly [4, 4, 1, 1, 1, 1]: one dead call per task
    assert [t.value for t in r[:4]] == [8, 7, 6, 5]
    assert [t.index for t in r.errors] == [4, 5, 6, 7]
    assert all(isinstance(t.error, ActorDiedError) for t in r.errors)


class BrokenPool(SubmitOnly):
    def submit(self, fn: Callable[..., Any], *args: Any) -> Any:
        self.submissions.append(len(args[1]))
        return _Raises(BrokenExecutor("a worker died"))


def test_broken_executor_is_not_retried() -> None:
    ex = BrokenPool()
    r = batch.map(abs, range(6), executor=ex, chunksize=3)
    assert ex.submissions == [3, 3]
    assert len(r.errors) == 6 and all(isinstance(t.error, BrokenExecutor) for t in r)


def test_executor_refusing_submissions_fails_every_task() -> None:
    pool = ThreadPoolExecutor(max_workers=1)
    pool.shutdown()
    r = batch.map(abs, [1, 2, 3], executor=pool, chunksize=2)
    assert len(r.errors) == 3
    assert all(isinstance(t.error, RuntimeError) for t in r.errors)
    with pytest.raises(BatchError, match="0, 1, 2"):
        r.values()


class _Unpicklable(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.lock = threading.Lock()


class _NeedsTwoArgs(Exception):
    def __init__(self, a: int, b: int) -> None:
        super().__init__(f"{a} and {b}")


class _FailsToUnpickle:
    def __reduce__(self) -> tuple[Any, ...]:
        return (int, ("not a number",))


def _round_trip(results: list[batch.TaskResult]) -> list[batch.TaskResult]:
    """What a worker process's chunk turns into on arrival."""
    from credal.batch import _Chunk

    return pickle.loads(pickle.dumps(_Chunk(results))).results()


def test_exceptions_and_values_that_do_not_pickle_lose_only_their_task() -> None:
    def raise_(e: Exception) -> None:
        raise e

    serial = batch.map(raise_, [ValueError("plain"), _Unpicklable("locked"),
                                _NeedsTwoArgs(1, 2)])
    results = [*serial, batch.TaskResult(3, value=threading.Lock()),
               batch.TaskResult(4, value=_FailsToUnpickle()), batch.TaskResult(5, value=F(1, 3))]
    back = _round_trip(results)
    assert [t.index for t in back] == [0, 1, 2, 3, 4, 5]
    assert type(back[0].error) is ValueError and str(back[0].error) == "plain"
    for i, name, text in ((1, "_Unpicklable", "locked"), (2, "_NeedsTwoArgs", "1 and 2")):
        e = back[i].error
        assert isinstance(e, RemoteTaskError), (i, e)
        assert e.type_name.endswith(name) and e.message == text
        assert "raise e" in e.remote_traceback and back[i].traceback == e.remote_traceback
        assert str(e) == f"{e.type_name}: {text}"
    assert isinstance(back[3].error, TypeError) and "pickle" in str(back[3].error)
    assert isinstance(back[4].error, ValueError) and back[4].value is None
    assert back[5].ok and back[5].value == F(1, 3)
    with pytest.raises(BatchError, match=r"indices \[0, 1, 2, 3, 4\].*ValueError: plain"):
        batch.BatchResult(tuple(back)).values()
    with pytest.raises(BatchError, match=r"raised \S*_Unpicklable: locked"):  # its own name
        batch.BatchResult((batch.TaskResult(0, error=back[1].error),)).values()


def test_batch_result_checks_its_results() -> None:
    with pytest.raises(InvalidArgumentError, match=r"results\[0\] must be the TaskResult of"):
        batch.BatchResult((batch.TaskResult(1, 5),))
    with pytest.raises(InvalidArgumentError, match=r"results\[1\]"):
        batch.BatchResult((batch.TaskResult(0, 5), 7))  # type: ignore[arg-type]


# --------------------------------------------------------------------------------------
# Processes
# --------------------------------------------------------------------------------------
def test_process_pool_exact_results_equal_serial(process_pool: ProcessPoolExecutor) -> None:
    sets = exact_sets() * 2
    gambles = [[i, -1, F(1, i + 1)] for i in range(len(sets))]
    serial = batch.map(cr.lower_expectation, sets, gambles).values()
    r = batch.map(cr.lower_expectation, sets, gambles, executor=process_pool, chunksize=3)
    assert r.values() == serial
    assert all(type(v) is F for v in r.values())
    witnesses = batch.map(cr.solve_lower, sets, gambles, executor=process_pool).values()
    assert [w.value for w in witnesses] == serial
    assert all(S.contains(w.minimizer) for S, w in zip(sets, witnesses, strict=True))


def test_process_pool_failure_in_the_middle(process_pool: ProcessPoolExecutor) -> None:
    S = coin("1/4", "1/2")
    gambles = [[1, 0], [0, 1], [1, 2, 3], [2, 2], [4, 0]]
    r = batch.map(cr.lower_expectation, itertools.repeat(S), gambles, executor=process_pool,
                  chunksize=5)  # one chunk: the failure must not lose the others
    assert [t.index for t in r.errors] == [2]
    assert isinstance(r[2].error, InvalidArgumentError) and "shape" in str(r[2].error)
    assert r[2].traceback is not None and "gamble_array" in r[2].traceback
    assert [t.value for t in r if t.ok] == [F(1, 4), F(1, 2), F(2), F(1)]
    with pytest.raises(BatchError, match=r"at index \[2\]"):
        r.values()


def test_process_pool_ddt_and_decide(process_pool: ProcessPoolExecutor) -> None:
    problems = [newcomb(a) for a in ("1", "9/10", "1/2", "1/10")]
    for P in problems[:2]:
        P.values()  # filled caches must not stop a problem from pickling
    r = batch.map(cr.DDTProblem.values, problems, executor=process_pool)
    assert r.values() == [P.values() for P in problems]
    sets = [coin("0.28", "0.7"), coin("0", "1"), coin("1/2", "1/2")]
    reports = batch.map(cr.decide, itertools.repeat(ACTS), sets, executor=process_pool).values()
    assert [rep.choices for rep in reports] == [cr.decide(ACTS, S).choices for S in sets]
    assert [rep.lower for rep in reports] == [cr.decide(ACTS, S).lower for S in sets]


def test_multiprocessing_pool_apply_async() -> None:
    sets = exact_sets()
    with multiprocessing.get_context("spawn").Pool(2) as pool:
        r = batch.map(cr.upper_expectation, sets, itertools.repeat(G3), executor=pool,
                      chunksize=2)
        bad = batch.run([batch.Task(cr.lower_expectation, args=(sets[0], [1, 2])),
                         batch.Task(cr.lower_expectation, args=(sets[0], [1, 2, 3]))],
                        executor=pool)
    assert r.values() == [cr.upper_expectation(S, G3) for S in sets]
    assert [t.index for t in bad.errors] == [0]
    assert isinstance(bad[0].error, InvalidArgumentError)
    assert bad[1].value == F(1)


# --------------------------------------------------------------------------------------
# Validation
# --------------------------------------------------------------------------------------
@pytest.mark.parametrize("executor", ["threads", 4, object(), ThreadPoolExecutor])
def test_executor_of_the_wrong_kind(executor: Any) -> None:
    with pytest.raises(InvalidArgumentError, match="executor"):
        batch.map(abs, [1], executor=executor)
    with pytest.raises(InvalidArgumentError, match="executor"):
        batch.run([batch.Task(abs, args=(1,))], executor=executor)


@pytest.mark.parametrize("chunksize", [0, -3, 1.5, 2.0, "2", True])
def test_bad_chunksize(chunksize: Any) -> None:
    with pytest.raises(InvalidArgumentError, match=rf"chunksize.*{chunksize!r}"):
        batch.map(abs, [1, 2], executor=SubmitOnly(), chunksize=chunksize)
    with pytest.raises(InvalidArgumentError, match="chunksize"):  # even when serial
        batch.map(abs, [1, 2], chunksize=chunksize)


def test_numpy_integer_chunksize_is_accepted() -> None:
    ex = SubmitOnly()
    assert batch.map(abs, [-1, -2, -3], executor=ex, chunksize=np.int64(2)).values() == [1, 2, 3]
    assert ex.submissions == [2, 1]


def test_fn_not_callable() -> None:
    with pytest.raises(InvalidArgumentError, match=r"fn must be callable.*'lower'"):
        batch.map("lower", [1])
    with pytest.raises(InvalidArgumentError, match="fn must be callable"):
        batch.Task(42)  # type: ignore[arg-type]


def test_iterables_of_different_lengths_raise() -> None:
    with pytest.raises(InvalidArgumentError,
                       match=r"iterables\[0\] has 3 items and iterables\[1\] has 2"):
        batch.map(cr.lower_expectation, exact_sets()[:3], [G3, G3])
    with pytest.raises(InvalidArgumentError, match=r"iterables\[1\] ran out after 1 items"):
        batch.map(cr.lower_expectation, exact_sets()[:3], (g for g in [G3]))


def test_unsized_iterables_may_be_longer_or_all_unsized() -> None:
    r = batch.map(pow, [2, 3], itertools.count(2))  # count is read in step, never ends
    assert r.values() == [4, 27]
    r = batch.map(pow, (x for x in [2, 3, 4]), iter([1, 2]))  # no lengths: as zip
    assert r.values() == [2, 9]


def test_map_needs_iterables() -> None:
    with pytest.raises(InvalidArgumentError, match="at least one iterable"):
        batch.map(abs)
    with pytest.raises(InvalidArgumentError, match=r"iterables\[1\] must be iterable.*repeat"):
        batch.map(cr.lower_expectation, exact_sets(), 3)


def test_run_validates_tasks() -> None:
    with pytest.raises(InvalidArgumentError, match=r"tasks\[1\] must be a batch.Task"):
        batch.run([batch.Task(abs, args=(1,)), (abs, (1,))])  # type: ignore[list-item]
    with pytest.raises(InvalidArgumentError, match="tasks must be an iterable"):
        batch.run(batch.Task(abs, args=(1,)))  # type: ignore[arg-type]
    S = cr.vacuous(2)
    with pytest.raises(InvalidArgumentError, match=r"args must be a tuple.*args=\(x,\)"):
        batch.Task(cr.diameter, args=S)  # type: ignore[arg-type]
    with pytest.raises(InvalidArgumentError, match="args must be a tuple"):
        batch.Task(len, args="abc")  # type: ignore[arg-type]
    with pytest.raises(InvalidArgumentError, match="kwargs must be a mapping"):
        batch.Task(cr.diameter, args=(S,), kwargs=[("atol", 1e-9)])  # type: ignore[arg-type]
    with pytest.raises(InvalidArgumentError, match="kwargs keys"):
        batch.Task(cr.diameter, args=(S,), kwargs={1: 2})  # type: ignore[dict-item]
    with pytest.raises(TypeError):
        batch.Task(cr.diameter, (S,))  # type: ignore[misc]  # args is keyword-only


def test_tasks_own_failures_are_not_raised_by_map() -> None:
    r = batch.map(cr.diameter, ["not a set"])
    assert isinstance(r[0].error, InvalidArgumentError)


# --------------------------------------------------------------------------------------
# Pickling of what batches send and receive (after queries have filled the caches)
# --------------------------------------------------------------------------------------
def all_forms() -> list[cr.CredalSet]:
    return [
        *exact_sets(),
        cr.CredalSet.from_vertices([[1.0, 0, 0], [0.5, 0.5, 0], [0.2, 0.3, 0.5]]),
        cr.CredalSet.from_lower_previsions([([1.0, 0, 0], 0.3), ([0, 1, 1], 0.5)]),
        cr.CredalSet.from_constraints(A_ub=[[1.0, -1, 0]], b_ub=[0.2]),
        cr.CredalSet.from_lower_probabilities({("a",): "1/4", ("b", "c"): "1/3"},
                                              outcomes=["a", "b", "c"]),
        cr.tv_ball([0.5, 0.25, 0.25], 0.1),
        cr.CredalSet.from_bounds([0.1, 0, 0], [0.5, 1, 1]),
        cr.contamination(["1/2", "1/4", "1/4"], "1/5"),
    ]


@pytest.mark.parametrize("S", all_forms(), ids=repr)
def test_credal_sets_pickle_after_their_caches_fill(S: cr.CredalSet) -> None:
    G = [[3, -1, 2], [0, 1, 0], [1, 1, 1]]
    before = cr.lower_expectation(S, G)
    V = S.vertices
    C = S.constraints
    S.to_float()
    cr.distance_to_set([F(1, 3)] * 3 if S.is_exact else [1 / 3] * 3, S)
    cr.solve_lower(S, G)
    assert S.vertices_known  # the queries above did fill the caches
    T = pickle.loads(pickle.dumps(S))
    assert (T.outcomes, T.is_exact, T.form) == (S.outcomes, S.is_exact, S.form)
    assert T.equals(S)
    after = cr.lower_expectation(T, G)
    if S.is_exact:
        assert list(after) == list(before) and all(type(v) is F for v in after)
        assert (T.vertices == V).all()
    else:
        assert np.max(np.abs(after - before)) <= 1e-9 * 3
        assert np.max(np.abs(T.vertices - V)) <= 1e-9
    assert T.constraints.A_ub.shape == C.A_ub.shape
    assert not T.vertices.flags.writeable
    with pytest.raises(AttributeError):
        T._form = "vertices"  # type: ignore[misc]


def test_ddt_problems_and_infradistributions_pickle() -> None:
    for P in (newcomb("9/10"), cr.DDTProblem(cr.vacuous(3), [1, 2, 3], {"a": [0], "b": [1, 2]},
                                             empty="forbidden")):
        values, choice = P.values(), P.choose()
        Q = pickle.loads(pickle.dumps(P))
        assert Q.values() == values and Q.choose() == choice
        assert (Q.empty, Q.is_exact, Q.outcomes) == (P.empty, P.is_exact, P.outcomes)
    W = [0, 1]
    L = cr.DDTProblem.from_counterfactuals({"a": cr.precise([1, 0], outcomes=W),
                                            "b": cr.vacuous(W)}, [1, 5])
    assert pickle.loads(pickle.dumps(L)).values() == L.values() == {"a": F(1), "b": F(1)}
    for H in (infra.Infradistribution.from_points([([1, 0], 0), (["1/2", 0], "1/4")]),
              infra.Infradistribution.from_credal_set(all_forms()[7])):
        value = H.expectation([1, 2, 3][:H.n_outcomes])
        K = pickle.loads(pickle.dumps(H))
        assert K.expectation([1, 2, 3][:H.n_outcomes]) == value
        assert K.is_exact == H.is_exact and len(K.points) == len(H.points)


def test_result_types_pickle() -> None:
    S = coin("0.28", "0.7")
    report = cr.decide(ACTS, S)
    back = pickle.loads(pickle.dumps(report))
    assert back.choices == report.choices and back.table() == report.table()
    assert back.beaten_by == report.beaten_by and back.value == report.value
    low = cr.solve_lower(exact_sets()[1], G3)
    low2 = pickle.loads(pickle.dumps(low))
    assert low2.value == low.value and low2.binding == low.binding
    assert list(low2.minimizer) == list(low.minimizer)
    proj = cr.tv_projection([1, 0, 0], exact_sets()[2])
    proj2 = pickle.loads(pickle.dumps(proj))
    assert proj2.distance == proj.distance and list(proj2.point) == list(proj.point)
    r = batch.map(cr.lower_expectation, [cr.vacuous(2)] * 2, [[1, 2], [1, 2, 3]])
    r2 = pickle.loads(pickle.dumps(r))
    assert r2[0] == r[0] and isinstance(r2[1].error, InvalidArgumentError)
    assert str(r2[1].error) == str(r[1].error) and r2[1].traceback == r[1].traceback


# --------------------------------------------------------------------------------------
# timeout=, completion order, broken pools
# --------------------------------------------------------------------------------------
class NeverResolves:
    """``submit`` returns a concurrent.futures.Future: resolved at once for every chunk but
    those starting at an index in ``stuck``, whose futures nobody will ever resolve (no
    thread waits behind them)."""

    def __init__(self, stuck: set[int]) -> None:
        self.stuck = stuck
        self.futures: dict[int, Future[Any]] = {}

    def submit(self, fn: Callable[..., Any], *args: Any) -> Future[Any]:
        future: Future[Any] = Future()
        self.futures[args[0]] = future
        if args[0] not in self.stuck:
            future.set_result(fn(*args))
        return future


def _assert_timed_out(t: batch.TaskResult, seconds: str) -> None:
    assert isinstance(t.error, TimeoutError), t
    assert f"timed out after {seconds} s" in str(t.error)
    assert t.traceback is not None and "TimeoutError" in t.traceback


def test_timeout_returns_with_finished_values_kept_and_the_rest_failed() -> None:
    ex = NeverResolves(stuck={2, 6})
    started = time.monotonic()
    r = batch.map(abs, range(-8, 0), executor=ex, chunksize=2, timeout=0.5)
    assert time.monotonic() - started < 30  # it returns (generous bound for a loaded machine)
    assert [t.index for t in r.errors] == [2, 3, 6, 7]
    assert [r[i].value for i in (0, 1, 4, 5)] == [8, 7, 4, 3]
    for t in r.errors:
        _assert_timed_out(t, "0.5")
        assert "before this task finished" in str(t.error)
    assert ex.futures[2].cancelled() and ex.futures[6].cancelled()  # its chunks were withdrawn
    with pytest.raises(BatchError, match=r"4 of 8 tasks failed.*TimeoutError: the batch timed"):
        r.values()
    tasks = [batch.Task(abs, args=(-i,)) for i in range(4)]
    r = batch.run(tasks, executor=NeverResolves(stuck={0}), chunksize=1, timeout=F(1, 4))
    assert [t.index for t in r.errors] == [0] and [t.value for t in r[1:]] == [1, 2, 3]
    _assert_timed_out(r[0], "0.25")


def test_timeout_on_a_thread_pool_with_a_task_that_never_ends() -> None:
    gate = threading.Event()

    def wait_for_gate(x: int) -> int:
        if x == 1:
            gate.wait()  # released at the end of the test, so no thread is left behind
        return x

    pool = ThreadPoolExecutor(max_workers=2)
    try:
        # 3 s: ample for the four trivial tasks even on a loaded machine
        r = batch.map(wait_for_gate, range(5), executor=pool, chunksize=1, timeout=3)
        assert [t.index for t in r.errors] == [1]
        _assert_timed_out(r[1], "3")
        assert [t.value for t in r if t.ok] == [0, 2, 3, 4]
    finally:
        gate.set()
        pool.shutdown(wait=True)


def test_timeout_on_a_multiprocessing_pool_whose_task_never_ends() -> None:
    # time.sleep pickles by reference under spawn; the pool's exit terminates the sleeper
    with multiprocessing.get_context("spawn").Pool(2) as pool:
        assert batch.map(abs, [-1, -2], executor=pool).values() == [1, 2]  # workers up
        r = batch.map(time.sleep, [0, 3600, 0, 0], executor=pool, chunksize=1, timeout=2)
    assert [t.index for t in r.errors] == [1]
    _assert_timed_out(r[1], "2")
    assert [t.value for t in r if t.ok] == [None, None, None]


class _Waitable:
    """A duck-typed future without done(): result(timeout) waits on an Event."""

    def __init__(self, value: Any, event: threading.Event) -> None:
        self._value, self._event = value, event

    def result(self, timeout: float | None = None) -> Any:
        if not self._event.wait(timeout):
            raise TimeoutError("not yet")
        return self._value


class _Polled:
    """A duck-typed future with done() but not a concurrent.futures.Future."""

    def __init__(self, value: Any, done: bool) -> None:
        self._value, self._done = value, done
        self.cancelled = False

    def done(self) -> bool:
        return self._done

    def result(self) -> Any:
        return self._value

    def cancel(self) -> bool:
        self.cancelled = True
        return True


def test_timeout_with_duck_typed_futures() -> None:
    never = threading.Event()  # never set: result(timeout) gives up, no thread is blocked

    class WaitOnly:
        def submit(self, fn: Callable[..., Any], *args: Any) -> _Waitable:
            ready = threading.Event()
            if args[0] != 1:
                ready.set()
            return _Waitable(fn(*args), ready if args[0] != 1 else never)

    r = batch.map(abs, [-1, -2, -3], executor=WaitOnly(), chunksize=1, timeout=0.5)
    assert [t.index for t in r.errors] == [1] and [r[0].value, r[2].value] == [1, 3]
    _assert_timed_out(r[1], "0.5")

    handed: list[_Polled] = []

    class Polled:
        def submit(self, fn: Callable[..., Any], *args: Any) -> _Polled:
            handed.append(_Polled(fn(*args), done=args[0] != 0))
            return handed[-1]

    r = batch.map(abs, [-1, -2, -3], executor=Polled(), chunksize=1, timeout=0.5)
    assert [t.index for t in r.errors] == [0] and [r[1].value, r[2].value] == [2, 3]
    _assert_timed_out(r[0], "0.5")
    assert [h.cancelled for h in handed] == [True, False, False]


def test_serial_timeout_is_checked_between_tasks() -> None:
    r = batch.map(time.sleep, [0, 0.7, 0, 0], timeout=0.5)
    assert r[0].ok and r[1].ok  # a task that has started runs to its end
    assert [t.index for t in r.errors] == [2, 3]
    _assert_timed_out(r[2], "0.5")
    assert "before this task started" in str(r[2].error)


def test_results_are_taken_as_they_complete_so_a_broken_pool_ends_the_wait() -> None:
    """Chunk 0 never completes; chunk 1 reports a broken pool: the batch must return at
    once with chunk 0 failed as lost with the pool, not wait (for ever) on chunk 0."""

    class BrokenAfterOne:
        def __init__(self) -> None:
            self.submissions = 0

        def submit(self, fn: Callable[..., Any], *args: Any) -> Future[Any]:
            self.submissions += 1
            future: Future[Any] = Future()
            if args[0] == 2:
                future.set_exception(BrokenExecutor("a worker died"))
            elif args[0] == 4:
                future.set_result(fn(*args))
            return future

    ex = BrokenAfterOne()
    r = batch.map(abs, range(-6, 0), executor=ex, chunksize=2, timeout=60)
    assert ex.submissions == 3
    assert [t.value for t in r[4:]] == [2, 1]
    assert [t.index for t in r.errors] == [0, 1, 2, 3]
    for t in r.errors:
        assert isinstance(t.error, BrokenExecutor) and not isinstance(t.error, TimeoutError)
        assert "the executor is broken" in str(t.error) and "new executor" in str(t.error)
    assert "had not finished when it broke" in str(r[0].error)
    assert "a worker died" in str(r[2].error) and r[2].error.__cause__ is not None


def test_a_dead_worker_process_fails_the_unfinished_tasks_clearly() -> None:
    submitted: list[int] = []

    class Counting:
        def __init__(self, pool: ProcessPoolExecutor) -> None:
            self.pool = pool

        def submit(self, fn: Callable[..., Any], *args: Any) -> Any:
            submitted.append(args[0])
            return self.pool.submit(fn, *args)

    from concurrent.futures.process import BrokenProcessPool

    tasks = [batch.Task(abs, args=(0,)), batch.Task(os._exit, args=(3,)),
             *[batch.Task(abs, args=(-i,)) for i in range(2, 8)]]
    with ProcessPoolExecutor(max_workers=2,
                             mp_context=multiprocessing.get_context("spawn")) as pool:
        r = batch.run(tasks, executor=Counting(pool), chunksize=1, timeout=120)
    assert submitted == list(range(8))  # nothing was sent again
    assert not r[1].ok
    for t in r:
        if t.ok:
            assert t.value == t.index
        else:
            assert isinstance(t.error, BrokenProcessPool)
            assert "the executor is broken" in str(t.error)
            assert "rerun the failed tasks" in str(t.error)


@pytest.mark.parametrize("timeout", [0, -1, 0.0, float("nan"), float("inf"),
                                     pytest.param(10**400, id="10**400"), True, "1", b"1", 1j,
                                     [1]])
def test_bad_timeout(timeout: Any) -> None:
    with pytest.raises(InvalidArgumentError, match=r"timeout must be a positive"):
        batch.map(abs, [1], timeout=timeout)
    with pytest.raises(InvalidArgumentError, match=r"timeout"):
        batch.run([batch.Task(abs, args=(1,))], executor=SubmitOnly(), timeout=timeout)


@pytest.mark.parametrize("timeout", [None, 30, 0.5, F(1, 2), np.float64(30), np.int64(30)])
def test_good_timeouts(timeout: Any) -> None:
    assert batch.map(abs, [-1, 2], timeout=timeout).values() == [1, 2]
    assert batch.map(abs, [-1, 2], executor=SubmitOnly(), timeout=timeout).values() == [1, 2]


def test_an_interrupt_while_waiting_withdraws_the_queued_chunks() -> None:
    handed: list[_Polled] = []

    class Interrupting(_Polled):
        def result(self) -> Any:
            raise KeyboardInterrupt

    class Polled:
        def submit(self, fn: Callable[..., Any], *args: Any) -> _Polled:
            kind = Interrupting if args[0] == 0 else _Polled
            handed.append(kind(None, done=args[0] == 0))
            return handed[-1]

    with pytest.raises(KeyboardInterrupt):
        batch.map(abs, [-1, -2, -3], executor=Polled(), chunksize=1)
    assert [h.cancelled for h in handed[1:]] == [True, True]

"""Work spread over the machine's cores, for stages that are pure computation over data already loaded.

Workers are forks of the calling process, so they start with the loaded dossier in memory instead of
receiving it pickled; only each item (an id, a language) goes out and each result comes back
(`fork_map`), or only a failure (`Forked`, one task begun while this process goes on). Used where the
work is Python code over plain data (validating records, rendering pages, reading sources, writing
the exports), never where a library keeps native state across a fork (the PDFs use fresh
interpreters instead).
"""
from __future__ import annotations

import concurrent.futures
import functools
import multiprocessing
import os
import pickle
import select
import signal
from collections.abc import Callable, Iterable, Iterator
from typing import TypeVar

from generator.errors import Superseded

Item = TypeVar("Item")
Result = TypeVar("Result")

_task: Callable[[object], object] | None = None   # set just before the fork: what each worker runs


def _run(item: object) -> object:
    assert _task is not None
    return _task(item)


def fork_map(task: Callable[[Item], Result], items: Iterable[Item], workers: int | None = None) -> Iterator[Result]:
    """`task` over `items`, results in the items' order as they are ready; in this process alone when
    there is one core or one item (the same results, without the cost of a fork)."""
    todo = list(items)
    count = min(workers or os.cpu_count() or 1, len(todo))
    if count < 2:
        yield from (task(item) for item in todo)
        return
    global _task
    _task = task  # type: ignore[assignment]
    try:
        context = multiprocessing.get_context("fork")
        with concurrent.futures.ProcessPoolExecutor(max_workers=count, mp_context=context) as pool:
            yield from pool.map(_run, todo, chunksize=max(1, len(todo) // (count * 8)))  # type: ignore[misc]
    finally:
        _task = None


class Forked:
    """`task()` started at once in a forked child, while this process goes on with other work: for a stage
    whose result is only files, begun before it is known whether the build will want them (the exports,
    while the dossier is being checked), or one a newer edit may make pointless (a preview's pages). `wait`
    returns what the child's task returned, or raises what it raised; `stop` ends it unfinished (the caller
    removes what it had written)."""

    def __init__(self, task: Callable[[], object]) -> None:
        read, write = os.pipe()
        pid = os.fork()
        if pid == 0:   # the child: run, send back the result or the failure, and leave without running this
            os.close(read)   # process's exit code
            status = 0
            try:
                payload = pickle.dumps(task())
            except BaseException as exc:  # noqa: BLE001 - re-raised in the parent
                status, payload = 1, _pickled(exc)
            try:
                with os.fdopen(write, "wb") as pipe:
                    pipe.write(payload)
            finally:
                os._exit(status)
        os.close(write)
        self._pid, self._read = pid, read

    def wait(self, stop: Callable[[], bool] | None = None) -> object:
        """The task's result; with `stop`, asked every few hundredths of a second, the child is ended as soon
        as it says so, and `Superseded` raised."""
        while stop is not None and not select.select([self._read], [], [], LOOK)[0]:
            if stop():
                self.stop()
                raise Superseded
        with os.fdopen(self._read, "rb") as pipe:
            payload = pipe.read()
        _, status = os.waitpid(self._pid, 0)
        self._pid = 0
        if os.waitstatus_to_exitcode(status) != 0:
            raise pickle.loads(payload) if payload else RuntimeError(  # noqa: S301 (our own child's)
                f"a worker process ended with status {os.waitstatus_to_exitcode(status)}")
        return pickle.loads(payload)  # noqa: S301 (our own child's)

    def stop(self) -> None:
        """End the child if it is still there; nothing once `wait` has returned."""
        if not self._pid:
            return
        os.kill(self._pid, signal.SIGKILL)
        os.close(self._read)
        os.waitpid(self._pid, 0)
        self._pid = 0


# How often a wait asks whether to give way (`Forked.wait`, and the search index's `site.search.make_index`), in
# seconds.
LOOK = 0.05


# How much less of the machine work done behind the preview's pages takes (`os.nice`), so that the next edit's
# first pages, and the look for it, are never slowed by it.
BEHIND = 10


def behind() -> None:
    """Lower this process's priority to `BEHIND` (in a child that does work a preview may throw away)."""
    os.nice(BEHIND)


def fork_each(task: Callable[[Item], Result], items: Iterable[Item], stop: Callable[[], bool]) -> list[Result]:
    """`task` over a few `items` (a dossier's languages), each in a child of its own begun at once, at a lower
    priority (`BEHIND`); the results in the items' order. When `stop` says so before they are all done, every
    child is ended and `Superseded` raised: a preview's build that a newer edit has made pointless gives way
    at once."""

    def behind_then(item: Item) -> Result:
        behind()
        return task(item)

    children = [Forked(functools.partial(behind_then, item)) for item in items]
    try:
        return [child.wait(stop) for child in children]  # type: ignore[misc]
    finally:
        for child in children:
            child.stop()


def _pickled(exc: BaseException) -> bytes:
    try:
        return pickle.dumps(exc)
    except Exception:  # noqa: BLE001 - an exception that cannot travel travels as its text
        return pickle.dumps(RuntimeError(f"{type(exc).__name__}: {exc}"))

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
import multiprocessing
import os
import pickle
import signal
from collections.abc import Callable, Iterable, Iterator
from typing import TypeVar

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
    while the dossier is being checked). `wait` returns when the child is done and raises what it raised;
    `stop` ends it unfinished (the caller removes what it had written)."""

    def __init__(self, task: Callable[[], object]) -> None:
        read, write = os.pipe()
        pid = os.fork()
        if pid == 0:   # the child: run, send back a failure, and leave without running this process's exit code
            os.close(read)
            status, payload = 0, b""
            try:
                task()
            except BaseException as exc:  # noqa: BLE001 - re-raised in the parent
                status, payload = 1, _pickled(exc)
            try:
                with os.fdopen(write, "wb") as pipe:
                    pipe.write(payload)
            finally:
                os._exit(status)
        os.close(write)
        self._pid, self._read = pid, read

    def wait(self) -> None:
        with os.fdopen(self._read, "rb") as pipe:
            payload = pipe.read()
        _, status = os.waitpid(self._pid, 0)
        self._pid = 0
        if os.waitstatus_to_exitcode(status) != 0:
            raise pickle.loads(payload) if payload else RuntimeError(  # noqa: S301 (our own child's)
                f"a worker process ended with status {os.waitstatus_to_exitcode(status)}")

    def stop(self) -> None:
        """End the child if it is still there; nothing once `wait` has returned."""
        if not self._pid:
            return
        os.kill(self._pid, signal.SIGKILL)
        os.close(self._read)
        os.waitpid(self._pid, 0)
        self._pid = 0


def _pickled(exc: BaseException) -> bytes:
    try:
        return pickle.dumps(exc)
    except Exception:  # noqa: BLE001 - an exception that cannot travel travels as its text
        return pickle.dumps(RuntimeError(f"{type(exc).__name__}: {exc}"))

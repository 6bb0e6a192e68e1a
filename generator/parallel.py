"""Work spread over the machine's cores, for stages that are pure computation over data already loaded.

Workers are forks of the calling process, so they start with the loaded, checked dossier in memory
instead of receiving it pickled; only each item (an id, a language) goes out and each result comes
back. Used where the work is Python code over plain data (rendering pages, reading sources), never
where a library keeps native state across a fork (the PDFs use fresh interpreters instead).
"""
from __future__ import annotations

import concurrent.futures
import multiprocessing
import os
from typing import Callable, Iterable, Iterator, TypeVar

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

"""Spread CPU-bound work (Markdown, templates) over worker processes, keeping input order.

Workers are forked, so they inherit the work list and the function to apply and only
results travel back. Small jobs stay in this process: forking costs more than it saves.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
from collections.abc import Callable, Collection, Iterator, Sequence
from typing import Any, TypeVar

from sitegen.core.beside import can_fork

T = TypeVar("T")
R = TypeVar("R")

MIN_ITEMS_PER_WORKER = 40
_task: tuple[Callable[[Any], Any], Sequence[Any]] | None = None


def default_workers() -> int:
    """SITEGEN_WORKERS if set, else one per core."""
    configured = os.environ.get("SITEGEN_WORKERS", "").strip()
    if configured.isdigit() and int(configured) > 0:
        return int(configured)
    return os.cpu_count() or 1


def map_in_workers(
    func: Callable[[T], R],
    items: Sequence[T],
    workers: int,
    progress: Callable[[int], None] | None = None,
    here_first: Collection[int] = (),
) -> list[R]:
    """`[func(item) for item in items]`, on up to `workers` processes, in one pool; `progress`
    hears how many are done now and then (after each chunk), and once more at the end.

    `here_first`: the indexes of items to do in this process before the workers are forked, when
    there are workers: what those leave behind (the templates a page compiles) every worker then
    inherits, instead of each making it again."""
    workers = min(workers, len(items) // MIN_ITEMS_PER_WORKER)
    chunk = max(1, len(items) // (max(workers, 1) * 8))
    if workers <= 1 or not can_fork():
        return _gathered(map(func, items), chunk, progress)
    done = {index: func(items[index]) for index in sorted(here_first)}
    global _task
    _task = (func, items)
    try:
        context = multiprocessing.get_context("fork")
        with context.Pool(workers, initializer=_default_signals) as pool:
            rest = pool.imap(_run, [index for index in range(len(items)) if index not in done], chunksize=chunk)
            return _gathered(_in_order(done, rest, len(items)), chunk, progress)
    finally:
        _task = None


def _in_order(done: dict[int, R], rest: Iterator[R], count: int) -> Iterator[R]:
    """The `count` results in order: those `done` already (by index), and the others from `rest`."""
    for index in range(count):
        yield done[index] if index in done else next(rest)


def _gathered(results: Iterator[R], every: int, progress: Callable[[int], None] | None) -> list[R]:
    """The results in order, with `progress` told the count every `every` results and at the end."""
    gathered: list[R] = []
    for result in results:
        gathered.append(result)
        if progress and len(gathered) % every == 0:
            progress(len(gathered))
    if progress and len(gathered) % every:
        progress(len(gathered))
    return gathered


def _default_signals() -> None:
    """Workers stop on SIGTERM and leave Ctrl-C to the parent, whatever handlers it had."""
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _run(index: int) -> Any:
    assert _task is not None
    func, items = _task
    return func(items[index])

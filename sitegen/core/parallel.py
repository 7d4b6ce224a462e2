"""Spread CPU-bound work (Markdown, templates) over worker processes, keeping input order;
or run one task beside the build, in a process of its own (`Beside`).

Workers are forked, so they inherit the work list and the function to apply and only
results travel back. Small jobs stay in this process: forking costs more than it saves.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import signal
import threading
from collections.abc import Callable, Iterator, Sequence
from typing import Any, NoReturn, TypeVar

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
    func: Callable[[T], R], items: Sequence[T], workers: int, progress: Callable[[int], None] | None = None
) -> list[R]:
    """`[func(item) for item in items]`, on up to `workers` processes, in one pool; `progress`
    hears how many are done now and then (after each chunk), and once more at the end."""
    workers = min(workers, len(items) // MIN_ITEMS_PER_WORKER)
    chunk = max(1, len(items) // (max(workers, 1) * 8))
    if workers <= 1 or not can_fork():
        return _gathered(map(func, items), chunk, progress)
    global _task
    _task = (func, items)
    try:
        context = multiprocessing.get_context("fork")
        with context.Pool(workers, initializer=_default_signals) as pool:
            return _gathered(pool.imap(_run, range(len(items)), chunksize=chunk), chunk, progress)
    finally:
        _task = None


def can_fork() -> bool:
    """Whether this process may fork now: where the system can, and from the main thread only (the
    preview server rebuilds from a watcher thread while its event loop runs, and a forked copy
    of that state misbehaves)."""
    return "fork" in multiprocessing.get_all_start_methods() and threading.current_thread() is threading.main_thread()


class Beside:
    """A task running in a forked process of its own, whose bytes `result()` waits for."""

    def __init__(self, task: Callable[[], bytes]) -> None:
        reader, writer = os.pipe()
        try:
            self._pid = os.fork()
        except OSError:
            os.close(reader)
            os.close(writer)
            raise
        if self._pid == 0:  # the child: only its pipe open, so it holds no lock of the parent's
            _run_beside(task, reader, writer)
        os.close(writer)
        self._reader: int | None = reader

    def result(self) -> bytes | None:
        """The task's bytes, once it has finished; None if it failed (or was stopped)."""
        if self._reader is None:
            return None
        reader, self._reader = self._reader, None
        try:
            with os.fdopen(reader, "rb") as pipe:
                data = pipe.read()
        finally:
            _, status = os.waitpid(self._pid, 0)
        return data if os.waitstatus_to_exitcode(status) == 0 else None

    def stop(self) -> None:
        """Stop the task if its result was never asked for (nothing is left running)."""
        if self._reader is None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.kill(self._pid, signal.SIGKILL)
        self.result()


def _run_beside(task: Callable[[], bytes], reader: int, writer: int) -> NoReturn:
    code = 1
    try:
        _default_signals()
        os.close(reader)
        os.closerange(3, writer)
        os.closerange(writer + 1, _MAX_DESCRIPTORS)
        data = task()
        with os.fdopen(writer, "wb") as pipe:
            pipe.write(data)
        code = 0
    finally:
        os._exit(code)  # never the parent's clean-up: its atexit handlers, its open files


_MAX_DESCRIPTORS = 1 << 16


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

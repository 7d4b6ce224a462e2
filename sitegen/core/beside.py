"""One task run beside the caller, in a forked process of its own, whose bytes the caller takes
when it needs them: work that needs nothing the caller is about to make (a look at the disk)
done on another core meanwhile. Only the standard library is imported here: the command line
uses it before the pipeline is imported."""

from __future__ import annotations

import contextlib
import os
import signal
import threading
from collections.abc import Callable
from typing import NoReturn


def can_fork() -> bool:
    """Whether this process may fork now: where the system can, and from the main thread only (the
    preview server rebuilds from a watcher thread while its event loop runs, and a forked copy
    of that state misbehaves)."""
    return hasattr(os, "fork") and threading.current_thread() is threading.main_thread()


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
        signal.signal(signal.SIGTERM, signal.SIG_DFL)  # stopped by SIGTERM; Ctrl-C is the parent's
        signal.signal(signal.SIGINT, signal.SIG_IGN)
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

"""Keep Python's cycle collector off the content while a build reads and plans it.

Reading a large site makes millions of small, long-lived objects (articles, their pages'
contexts) and none of them form cycles: reference counting frees them. Yet each time the
collector's oldest generation runs it walks every one of them, and while the heap grows it
runs again and again (at 10,000 articles, about a second of a one-article edit). So the
collector pauses while the plan is made, and what the plan holds is then set aside
(`gc.freeze`), never walked again. The next plan first hands the last one's objects back
(`gc.unfreeze`), so a process that builds again and again (the preview) collects them as usual.

The command line, whose process ends once the build is done, keeps those objects to the end
and then ends without freeing them (`ended_after`).
"""

from __future__ import annotations

import gc
import logging
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from typing import NoReturn


@contextmanager
def settled_heap() -> Iterator[None]:
    """The cycle collector off while the block makes long-lived objects, which are then frozen."""
    gc.unfreeze()
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if was_enabled:
            gc.enable()


@contextmanager
def collector_paused() -> Iterator[None]:
    """The cycle collector off while the block makes many short-lived objects without cycles (a
    listing of every file of the site), which reference counting frees: a collection would only
    walk them. Unlike settled_heap, nothing is frozen."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


_HELD: list[object] | None = None
"""What the command's work left for the process's end, while the command line runs it (`ended_after`)."""


def held_to_the_end(*objects: object) -> None:
    """Keep `objects` (a build's plan and pages) until the process ends, when it ends straight
    after the command (`ended_after`): at 10,000 articles, freeing them one by one as the build
    returns costs 30 ms of an edit's second. Elsewhere (the preview, the tests) nothing is kept."""
    if _HELD is not None:
        _HELD.extend(objects)


def ended_after(command: Callable[[], int]) -> NoReturn:
    """Run the command line's `command`, then end the process with its exit code.

    A command that succeeded and kept objects to the end (a build) ends the process at once: its
    printing flushed and its log closed, but with no object freed one by one, which at 10,000
    articles cost another 20 ms. Any other ending is Python's usual one, with every clean-up
    left for the exit (a failed command's temporary folders)."""
    global _HELD
    _HELD = []
    code = command()
    if code == 0 and _HELD:
        logging.shutdown()
        for stream in (sys.stdout, sys.stderr):
            with suppress(OSError, ValueError):  # closed, or a pipe whose reader has gone: as at any exit
                stream.flush()
        os._exit(0)
    raise SystemExit(code)

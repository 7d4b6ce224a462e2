"""Keep Python's cycle collector off the content while a build reads and plans it.

Reading a large site makes millions of small, long-lived objects (articles, their pages'
contexts) and none of them form cycles: reference counting frees them. Yet each time the
collector's oldest generation runs it walks every one of them, and while the heap grows it
runs again and again (at 10,000 articles, about a second of a one-article edit). So the
collector pauses while the plan is made, and what the plan holds is then set aside
(`gc.freeze`), never walked again. The next plan first hands the last one's objects back
(`gc.unfreeze`), so a process that builds again and again (the preview) collects them as usual.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


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

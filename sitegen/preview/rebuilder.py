"""The preview's rebuilds, in a thread of their own: one after a burst of saves, one more for
saves made meanwhile, and the garbage collected once the saves stop (collecting.py)."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

from sitegen.preview import collecting

HOLD_OFF_S = 0.1
"""How long a rebuild waits after a saved page was written ahead, so that open pages load it
without sharing Python with the rebuild."""


class Rebuilder:
    """Runs `rebuild` in a thread of its own whenever woken; wakes during a run make one more run."""

    def __init__(self, rebuild: Callable[[], None]) -> None:
        self._rebuild = rebuild
        self._wanted = threading.Event()
        self._stopping = threading.Event()
        self._not_before = 0.0
        self._thread = threading.Thread(target=self._run, name="sitegen-rebuild", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def wake(self, hold_off: float = 0.0) -> None:
        """Rebuild soon: once a rebuild in progress is done, and not for `hold_off` seconds."""
        self._not_before = max(self._not_before, time.monotonic() + hold_off)
        self._wanted.set()

    def stop(self, timeout: float | None = None) -> None:
        """Run no more; waits for a rebuild in progress to finish (up to `timeout`)."""
        self._stopping.set()
        self._wanted.set()
        if self._thread.is_alive():
            self._thread.join(timeout)

    def _run(self) -> None:
        untidy = True  # since the first build
        while True:
            if not self._wanted.wait(collecting.IDLE_S if untidy else None):
                collecting.collect_all()
                untidy = False
                continue
            pause = self._not_before - time.monotonic()
            if self._stopping.is_set() or (pause > 0 and self._stopping.wait(pause)):
                return
            self._wanted.clear()
            self._rebuild()
            collecting.after_build()
            untidy = True

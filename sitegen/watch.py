"""Notice saves to a project's sources, and turn a burst of them into one rebuild.

Polling file stamps needs no platform support and catches every way editors save
(in place, write-then-rename, delete-then-create); a project's sources are few
enough that a stat of each, a few times a second, costs next to nothing.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Callable, Iterable
from pathlib import Path

log = logging.getLogger(__name__)

WATCHED = ("content", "site.yaml", "templates", "static", "themes")
"""What a build reads, relative to the project root."""

Stamp = tuple[int, int, int]
Snapshot = dict[Path, Stamp]


def is_scratch_file(name: str) -> bool:
    """Editor and system leftovers that never change the site: dotfiles, backups, swap files."""
    return name.startswith((".", "#")) or name.endswith(("~", ".swp", ".swx", ".tmp")) or name == "4913"


def snapshot(root: Path, watched: Iterable[str] = WATCHED) -> Snapshot:
    """The stamp (modified time, size, inode) of every source file under the watched paths."""
    stamps: Snapshot = {}
    for name in watched:
        top = root / name
        if top.is_file():
            _stamp_into(stamps, top)
            continue
        for folder, dirs, files in os.walk(top):
            dirs[:] = sorted(d for d in dirs if not is_scratch_file(d) and d != "__pycache__")
            for file in files:
                if not is_scratch_file(file):
                    _stamp_into(stamps, Path(folder) / file)
    return stamps


def _stamp_into(stamps: Snapshot, path: Path) -> None:
    try:
        info = path.stat()
    except OSError:  # deleted between listing and stat: it is simply not there
        return
    stamps[path] = (info.st_mtime_ns, info.st_size, info.st_ino)


def changed_paths(before: Snapshot, after: Snapshot) -> frozenset[Path]:
    """Files added, removed or modified between two snapshots."""
    return frozenset(p for p in before.keys() | after.keys() if before.get(p) != after.get(p))


class Debouncer:
    """Collects changes until none has arrived for `quiet` seconds (or `longest` has passed since the first).

    Time is passed in, so the rule can be checked without waiting.
    """

    def __init__(self, quiet: float = 0.1, longest: float = 2.0) -> None:
        self.quiet = quiet
        self.longest = longest
        self._pending: set[Path] = set()
        self._first = 0.0
        self._last = 0.0

    def add(self, paths: Iterable[Path], now: float) -> None:
        paths = set(paths)
        if not paths:
            return
        if not self._pending:
            self._first = now
        self._pending |= paths
        self._last = now

    def due(self, now: float) -> frozenset[Path]:
        """The changes of a finished burst (and forget them), or nothing while the burst goes on."""
        if not self._pending:
            return frozenset()
        if now - self._last < self.quiet and now - self._first < self.longest:
            return frozenset()
        burst = frozenset(self._pending)
        self._pending.clear()
        return burst


class Watcher:
    """Polls the project in a background thread and calls `on_change` once per burst of saves.

    `on_change` runs in the watcher's thread, so rebuilds never overlap; saves made while it
    runs are noticed by the next poll and become the next burst.
    """

    def __init__(
        self,
        root: Path,
        on_change: Callable[[frozenset[Path]], None],
        quiet: float = 0.1,
        interval: float = 0.05,
    ) -> None:
        self.root = root
        self.on_change = on_change
        self.interval = interval
        self._debouncer = Debouncer(quiet)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="sitegen-watch", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self, timeout: float | None = None) -> None:
        """Stop polling; waits for a rebuild in progress to finish (up to `timeout`)."""
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(timeout)

    def _run(self) -> None:
        before = snapshot(self.root)
        while not self._stop.wait(self.interval):
            after = snapshot(self.root)
            now = time.monotonic()
            self._debouncer.add(changed_paths(before, after), now)
            before = after
            burst = self._debouncer.due(now)
            if burst:
                log.debug("changed: %s", ", ".join(sorted(str(p) for p in burst)))
                self.on_change(burst)

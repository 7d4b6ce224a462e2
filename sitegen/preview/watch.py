"""Notice saves to a project's sources, and turn a burst of them into one rebuild.

The source folders are watched with the operating system's change notification
(inotify on Linux, through watchfiles), so a save is seen within milliseconds and an
idle preview costs no CPU. A burst of events (an editor's write-then-rename, a `git
checkout`) becomes one rebuild once nothing has changed for QUIET_MS. The few things
at the project's top level (site.yaml, and whether each source folder exists) are
checked by their stamps several times a second, as a single file's watch does not
survive an editor replacing the file.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from pathlib import Path

import watchfiles

from sitegen.core import layout

log = logging.getLogger(__name__)

FOLDERS = layout.SOURCE_FOLDERS
FILES = ("site.yaml",)
WATCHED = FOLDERS + FILES
"""What a build reads, relative to the project root."""

QUIET_MS = 10
"""A burst ends when nothing has changed for this long."""
LONGEST_MS = 2000
"""Endless saves (a log written into content/) still rebuild this often."""
TOP_LEVEL_MS = 100
"""How often the top-level files and folders are looked at."""
READY_S = 10.0
"""How long `start` waits for the watches to be in place before going on regardless."""

Stamp = tuple[int, int, int, int] | None


def is_scratch_file(name: str) -> bool:
    """Editor and system leftovers that never change the site: dotfiles, backups, swap files."""
    return name.startswith((".", "#")) or name.endswith(("~", ".swp", ".swx", ".tmp")) or name == "4913"


def top_level(root: Path) -> dict[Path, Stamp]:
    """site.yaml's stamp (modified and changed times, size, inode), and which source folders exist."""
    found: dict[Path, Stamp] = {}
    for name in WATCHED:
        path = root / name
        try:
            info = path.stat()
        except OSError:
            found[path] = None
            continue
        found[path] = (
            (0, 0, 0, 0) if name in FOLDERS else (info.st_mtime_ns, info.st_ctime_ns, info.st_size, info.st_ino)
        )
    return found


class Watcher:
    """Watches the project in a background thread and calls `on_change` once per burst of saves.

    `on_change` runs in the watcher's thread, so rebuilds never overlap; saves made while it
    runs are collected and become the next burst. `start` returns once the watches are in
    place, so a save made after it returns is never missed.
    """

    def __init__(self, root: Path, on_change: Callable[[frozenset[Path]], None]) -> None:
        self.root = root.resolve()
        self.on_change = on_change
        self._stop = threading.Event()
        self._polling = False
        self._ready = threading.Event()
        self._thread = threading.Thread(target=self._run, name="sitegen-watch", daemon=True)

    def start(self) -> None:
        """Start watching; returns when the watches are in place (or after READY_S, with a warning)."""
        self._thread.start()
        if not self._ready.wait(READY_S):
            log.warning("the watches took over %.0fs to set up; saves made meanwhile may be missed", READY_S)

    def stop(self, timeout: float | None = None) -> None:
        """Stop watching; waits for a rebuild in progress to finish (up to `timeout`)."""
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(timeout)

    def _run(self) -> None:
        top = top_level(self.root)
        watched = self._folders(top)  # those here from the start need no second look
        while not self._stop.is_set():
            folders = self._folders(top)
            if not folders:  # nothing to watch yet: look for the folders to appear
                self._ready.set()
                self._stop.wait(TOP_LEVEL_MS / 1000)
                top = self._notice_top_level(top)
                continue
            try:
                top = self._watch(folders, top, new=frozenset(folders) - frozenset(watched))
                watched = folders
            except (FileNotFoundError, NotADirectoryError):  # a folder went as watching began: look again
                top = self._notice_top_level(top)
            except OSError as exc:  # no notifications here (a network drive, a full watch limit): poll instead
                if not self._polling:
                    log.warning("watching by polling, as change notifications failed: %s", exc)
                    self._polling = True
                else:  # the preview must keep watching whatever happens: try again shortly
                    log.warning("watching failed, trying again: %s", exc)
                    self._stop.wait(1.0)
                top = self._notice_top_level(top)

    def _watch(self, folders: list[Path], top: dict[Path, Stamp], new: frozenset[Path]) -> dict[Path, Stamp]:
        """Report bursts of changes until a source folder appears or goes; return the top level then.

        Files saved into a folder that appeared (`new`) before its watch was in place would go
        unseen, so once the watch is in place, the new folders are reported again.
        """
        armed = False
        for changes in watchfiles.watch(
            *folders,
            watch_filter=self._wanted,
            debounce=LONGEST_MS,
            step=QUIET_MS,
            stop_event=self._stop,
            rust_timeout=TOP_LEVEL_MS,
            yield_on_timeout=True,
            raise_interrupt=False,
            force_polling=self._polling or None,
        ):
            # The generator yields first after its watches are set up (at the latest after
            # rust_timeout), so from here on nothing is missed.
            found = frozenset(Path(path) for _, path in changes)
            if not armed:
                armed = True
                self._ready.set()
                found |= new
            if found:
                self._report(found)
            before = top
            top = self._notice_top_level(top)
            if [p for p in before if before[p] is None] != [p for p in top if top[p] is None]:
                break  # a source folder appeared or went: watch the new set
        return top

    @staticmethod
    def _folders(top: dict[Path, Stamp]) -> list[Path]:
        return [path for path, stamp in top.items() if stamp is not None and path.name in FOLDERS]

    def _notice_top_level(self, before: dict[Path, Stamp]) -> dict[Path, Stamp]:
        after = top_level(self.root)
        changed = frozenset(path for path in after if after[path] != before.get(path))
        if changed:
            self._report(changed)
        return after

    def _report(self, paths: frozenset[Path]) -> None:
        log.debug("changed: %s", ", ".join(sorted(str(p) for p in paths)))
        self.on_change(paths)

    def _wanted(self, change: watchfiles.Change, path: str) -> bool:
        """Changes that can alter the site: not scratch files, nothing inside a dot-folder."""
        try:
            parts = Path(path).relative_to(self.root).parts
        except ValueError:
            return False
        return bool(parts) and not any(is_scratch_file(part) or part == "__pycache__" for part in parts)

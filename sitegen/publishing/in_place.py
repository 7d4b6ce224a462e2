"""Bring a folder the same build made up to date in place: the preview's output after a save.

A staged build writes a whole new tree and swaps it in. For a preview that rewrites a
page or two per save, that costs more than the save: so after its first build, the
preview's output is updated in place. It takes the same calls as StagedOutput, from the
same build, but keeps every write until publish(): a build that fails part-way leaves
the folder exactly as it was. publish() then replaces each changed file in one step
(the server never sends half a page) and removes the files the site no longer has.

The preview may also write the page a save was for ahead of the rebuild (WrittenAhead,
see preview/quick.py). A rebuild that began reading the sources before that page was
written rendered it from the older sources: its publish() leaves the newer page alone.
"""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path

from sitegen.publishing.disk_survey import Survey
from sitegen.publishing.file_steps import safe_join
from sitegen.rendering.page_cache import FileFacts, Stamp


class WrittenAhead:
    """The pages the preview wrote ahead of its rebuilds, each with the count of writes ahead so far.

    A write ahead and a rebuild's publish() take turns, so that each sees the other whole."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._writes = 0
        self._when: dict[str, int] = {}

    def mark(self) -> int:
        """Where things stand now: a rebuild takes it before it reads a single source."""
        with self._lock:
            return self._writes

    def since(self, mark: int) -> frozenset[str]:
        """The pages written ahead after `mark` was taken."""
        with self._lock:
            return self._since(mark)

    def write(self, output: Path, pages: Iterable[tuple[str, bytes]]) -> list[str]:
        """Replace each page whose bytes differ in one step, before the rebuild gets to it; those
        replaced. A rebuild begun before leaves every one of `pages` alone, replaced or not."""
        replaced = []
        with self._lock:
            self._writes += 1
            for relative, data in pages:
                if _write_if_changed(safe_join(output, relative), data):
                    replaced.append(relative)
                self._when[relative] = self._writes
        return replaced

    @contextlib.contextmanager
    def publishing(self, mark: int) -> Iterator[frozenset[str]]:
        """Hold off writes ahead while a rebuild publishes; yields the pages it must leave alone."""
        with self._lock:
            yield self._since(mark)

    def _since(self, mark: int) -> frozenset[str]:
        return frozenset(page for page, when in self._when.items() if when > mark)


class InPlaceOutput:
    """The folder `output`, last published with `previous` (site-relative paths), updated in place;
    with `ahead`, the pages written ahead of this build and the mark it took before reading."""

    writes_at_once = False
    """Files reach the folder only at publish(), so none can be linked into a store before."""

    def __init__(self, output: Path, previous: frozenset[str], ahead: tuple[WrittenAhead, int] | None = None) -> None:
        self.output = output
        self._ahead = ahead
        self.staging = output  # where a search index would be made: the preview refreshes it itself
        self._previous = previous
        self._pending: dict[str, bytes | Path] = {}
        self._written: set[str] = set()
        self.survey: Survey | None = None  # a build in place (the preview's, from a thread) surveys nothing
        self.vouched_parts: frozenset[bytes] = frozenset()
        self.published_digest: str | None = None  # the preview keeps no stamp

    def __enter__(self) -> InPlaceOutput:
        return self

    def __exit__(self, *exc: object) -> None:
        self._pending.clear()

    def path_for(self, relative: str) -> Path:
        return safe_join(self.output, relative)

    def write(self, relative: str, data: bytes) -> None:
        self.path_for(relative)  # an address outside the folder fails now, before anything is written
        self._pending[relative] = data
        self._written.add(relative)

    def copy(self, relative: str, source: Path) -> None:
        self.path_for(relative)
        self._pending[relative] = source
        self._written.add(relative)

    def link(self, relative: str, source: Path | str, info: FileFacts | None = None) -> bool:
        """Keep a file known to hold the right bytes: nothing to do if it is already in place
        (then it is left as it was)."""
        in_place = Path(source) == self.path_for(relative)
        if not in_place:
            self._pending[relative] = Path(source)
        self._written.add(relative)
        return in_place

    def keep_in_place(self, stamps: Mapping[str, Stamp], device: int) -> list[str]:
        """None at once: each page is settled by link(), which finds whether it is in place."""
        return []

    def count_written(self, relatives: Iterable[str]) -> None:
        self._written.update(relatives)

    def reuse_tree(self, relative: str) -> None:
        """A folder carried over unchanged: in place, it is simply left where it is."""

    def remove_unwritten(self) -> None:
        """In place, files the site no longer has are removed at publish(), with the rest."""

    @property
    def written_files(self) -> frozenset[str]:
        return frozenset(self._written)

    def publish(self, known: Mapping[str, Stamp] | None = None) -> None:
        ahead, mark = self._ahead or (WrittenAhead(), 0)
        with ahead.publishing(mark) as newer:
            for relative, content in sorted(self._pending.items()):
                if relative not in newer:
                    data = content.read_bytes() if isinstance(content, Path) else content
                    _write_if_changed(self.path_for(relative), data)
            for relative in sorted(self._previous - self._written - newer):
                _remove(self.output, relative)


def _write_if_changed(target: Path, data: bytes) -> bool:
    """Replace the file in one step, and only when its bytes differ; whether it did."""
    try:
        if target.stat().st_size == len(data) and target.read_bytes() == data:
            return False
    except OSError:
        pass
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(f".{target.name}.tmp{os.getpid()}")
    temporary.write_bytes(data)
    os.replace(temporary, target)
    return True


def _remove(output: Path, relative: str) -> None:
    """Remove a file the site no longer has, and the folders that leaves empty."""
    with contextlib.suppress(ValueError, OSError):
        target = safe_join(output, relative)
        target.unlink()
        folder = target.parent
        while folder != output and not any(folder.iterdir()):
            folder.rmdir()
            folder = folder.parent

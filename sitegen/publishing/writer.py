"""Write the built site into a staging folder, then swap it in as `output/` in one step.

The previous output stays byte-identical until the swap: a failed or killed build
leaves it alone, and the next build clears whatever a killed one left behind.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import filecmp
import os
import shutil
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Protocol

from sitegen.core.output_folder import MARKER, MARKER_TEXT, UnsafeOutput, is_owned

_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


class UnsafePath(ValueError):
    """A path that would land outside the output folder."""


class SiteOutput(Protocol):
    """Where a build writes the site: a staged folder swapped in whole, or (the preview, after its
    first build) the output itself, updated in place (see in_place.py)."""

    output: Path
    staging: Path
    writes_at_once: bool

    def __enter__(self) -> SiteOutput: ...
    def __exit__(self, *exc: object) -> None: ...
    def path_for(self, relative: str) -> Path: ...
    def write(self, relative: str, data: bytes) -> None: ...
    def copy(self, relative: str, source: Path) -> None: ...
    def link(self, relative: str, source: Path) -> None: ...
    def count_written(self, relatives: Iterable[str]) -> None: ...
    def reuse_tree(self, relative: str) -> None: ...
    def publish(self) -> None: ...

    @property
    def written_files(self) -> frozenset[str]: ...


class StagedOutput:
    """A fresh folder beside `output` that becomes `output` only when the build succeeds."""

    writes_at_once = True
    """Each file is in the staging folder as soon as it is written (the page store links it)."""

    def __init__(self, output: Path) -> None:
        self.output = output
        self.staging = output.parent / f".{output.name}.staging"
        self.previous = output.parent / f".{output.name}.previous"
        self._written: set[str] = set()

    def __enter__(self) -> StagedOutput:
        recover(self.output)
        if self.staging.exists() or self.staging.is_symlink():
            _remove_own(self.staging)  # what a killed build left behind
        self.staging.mkdir(parents=True)
        _write_new(self.staging / MARKER, MARKER_TEXT)
        return self

    def __exit__(self, *exc: object) -> None:
        if exc[0] is not None and self.staging.exists():
            shutil.rmtree(self.staging, ignore_errors=True)

    def path_for(self, relative: str) -> Path:
        """The staging file for a site-relative path; refuses anything that would escape."""
        return safe_join(self.staging, relative)

    def write(self, relative: str, data: bytes) -> None:
        """Write a file; one whose bytes are unchanged since the last build keeps its old file (and date)."""
        target = self.path_for(relative)
        target.parent.mkdir(parents=True, exist_ok=True)
        if not self._reuse(relative, target, len(data), lambda old: old.read_bytes() == data):
            _write_new(target, data)
        self._written.add(relative)

    def copy(self, relative: str, source: Path) -> None:
        target = self.path_for(relative)
        target.parent.mkdir(parents=True, exist_ok=True)
        size = source.stat().st_size
        if not self._reuse(relative, target, size, lambda old: filecmp.cmp(old, source, shallow=False)):
            temporary = _temporary(target)
            shutil.copyfile(source, temporary)
            os.replace(temporary, target)
        self._written.add(relative)

    def _reuse(self, relative: str, target: Path, size: int, same: Callable[[Path], bool]) -> bool:
        """Hard-link the previous output's file when it already holds these bytes.

        Deploy tools that compare dates (rsync, most hosts' uploaders) then see only real changes.
        """
        previous = self.output.joinpath(*relative.split("/"))
        try:
            if previous.is_file() and not previous.is_symlink() and previous.stat().st_size == size and same(previous):
                _link_new(previous, target)
                return True
        except OSError:
            return False
        return False

    def count_written(self, relatives: Iterable[str]) -> None:
        """Record files written by worker processes, which cannot update this object."""
        self._written.update(relatives)

    def link(self, relative: str, source: Path) -> None:
        """Carry over a file known to hold the right bytes (the previous output's, or a cached copy)."""
        target = self.path_for(relative)
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            _link_new(source, target)
        except OSError:  # not on the same file system
            temporary = _temporary(target)
            shutil.copyfile(source, temporary)
            os.replace(temporary, target)
        self._written.add(relative)

    def reuse_tree(self, relative: str) -> None:
        """Carry a folder of the previous output over unchanged (hard links, no copying)."""
        shutil.copytree(self.output / relative, self.path_for(relative), copy_function=os.link)

    @property
    def written(self) -> int:
        return len(self._written)

    @property
    def written_files(self) -> frozenset[str]:
        """Every file this build wrote or carried over, by site-relative path (the search bundle aside)."""
        return frozenset(self._written)

    def publish(self) -> None:
        """Make the staged site the output, atomically where the system allows."""
        if not self.output.exists():
            os.rename(self.staging, self.output)
            return
        if _exchange(self.staging, self.output):
            shutil.rmtree(self.staging)
            return
        os.rename(self.output, self.previous)  # fallback: two renames, repaired by recover()
        os.rename(self.staging, self.output)
        shutil.rmtree(self.previous)


def safe_join(folder: Path, relative: str) -> Path:
    """The file for a site-relative path inside `folder`; raises UnsafePath for anything that would escape."""
    if not relative or "\x00" in relative or "\\" in relative or relative.startswith("/"):
        raise UnsafePath(relative)
    parts = relative.split("/")
    if any(part in ("", ".", "..") for part in parts):
        raise UnsafePath(relative)
    target = folder.joinpath(*parts)
    if os.path.commonpath([folder, target]) != str(folder):
        raise UnsafePath(relative)
    return target


def recover(output: Path) -> None:
    """Undo what a build killed part-way left: restore output if it went missing mid-swap."""
    previous = output.parent / f".{output.name}.previous"
    if previous.exists() or previous.is_symlink():
        if output.exists() or output.is_symlink():
            _remove_own(previous)
        else:
            os.rename(previous, output)


def _remove_own(folder: Path) -> None:
    """Remove a staging or previous folder an earlier build left, but only if a build made it:
    it carries the marker, or is empty. Anything else is someone's, and is refused."""
    if folder.is_dir() and not folder.is_symlink():
        if is_owned(folder):
            shutil.rmtree(folder)
            return
        with contextlib.suppress(OSError):
            folder.rmdir()  # made, but killed before its marker was written
            return
    raise UnsafeOutput(folder, "a build needs this name for its work, and it was not made by sitegen", "move it away")


def _temporary(target: Path) -> Path:
    """A name beside `target` for a file being written (unique per process: pages are written by workers)."""
    return target.with_name(f".{target.name}.tmp{os.getpid()}")


def _write_new(target: Path, data: bytes) -> None:
    """Write `target` as a new file, never into an existing one (which may be linked to the live site)."""
    temporary = _temporary(target)
    temporary.write_bytes(data)
    os.replace(temporary, target)


def _link_new(source: Path, target: Path) -> None:
    """Link `source` at `target`, replacing whatever is there in one step."""
    temporary = _temporary(target)
    with contextlib.suppress(FileNotFoundError):
        temporary.unlink()
    os.link(source, temporary)
    os.replace(temporary, target)


def _exchange(a: Path, b: Path) -> bool:
    """Swap two folders in one system call (Linux renameat2 RENAME_EXCHANGE)."""
    libc_name = ctypes.util.find_library("c")
    if not libc_name:
        return False
    libc = ctypes.CDLL(libc_name, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    result = renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    return bool(result == 0)

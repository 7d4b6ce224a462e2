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

from sitegen.core.errors import ContentError
from sitegen.core.output_folder import MARKER, MARKER_TEXT, UnsafeOutput, is_owned
from sitegen.core.urls import BUNDLE_DIR
from sitegen.core.workspace import discard
from sitegen.publishing.spare_tree import (
    TreeContents,
    add_branch,
    contents_of,
    read_tree,
    record_tree,
    remove_stale,
    set_aside,
    spare_slot,
    take_spare,
)

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
    def remove_unwritten(self) -> None: ...
    def publish(self) -> None: ...

    @property
    def written_files(self) -> frozenset[str]: ...


class StagedOutput:
    """A staging folder beside `output` that becomes `output` only when the build succeeds.

    With a project `cache` on the output's file system, the tree each swap puts aside is kept
    there, and the next build stages into it (spare_tree.py): only what changed is written,
    linked or removed."""

    writes_at_once = True
    """Each file is in the staging folder as soon as it is written (the page store links it)."""

    def __init__(self, output: Path, cache: Path | None = None) -> None:
        self.output = output
        self.staging = output.parent / f".{output.name}.staging"
        self.previous = output.parent / f".{output.name}.previous"
        self._written: set[str] = set()
        self._slot = spare_slot(cache, output) if cache else None
        self._held = TreeContents()
        """What the staging folder held before this build wrote to it (nothing, if made afresh)."""

    def __enter__(self) -> StagedOutput:
        recover(self.output)
        owned = self.staging.is_dir() and not self.staging.is_symlink() and is_owned(self.staging)
        if not owned and (self.staging.exists() or self.staging.is_symlink()):
            _remove_own(self.staging)  # an empty folder a killed build made; anything else is refused
        if owned or (self._slot and take_spare(self._slot, self.staging)):
            self._held = read_tree(self._slot, self.staging)  # a spare tree, or what a killed build left
        else:
            self.staging.mkdir(parents=True)
        marker = self.staging / MARKER
        if not (self._held.holds(MARKER) and marker.is_file() and marker.read_bytes() == MARKER_TEXT):
            _write_new(marker, MARKER_TEXT)
        return self

    def __exit__(self, *exc: object) -> None:
        if exc[0] is None or not self.staging.exists():
            return
        try:
            if self._slot:
                set_aside(self._slot, self.staging, self.output)  # kept for the next build
                return
        except OSError:
            pass
        shutil.rmtree(self.staging, ignore_errors=True)

    def path_for(self, relative: str) -> Path:
        """The staging file for a site-relative path; refuses anything that would escape."""
        return safe_join(self.staging, relative)

    def _prepared(self, relative: str) -> Path:
        """The staging file for `relative`, its folder made (a file in the way of it removed)."""
        target = self.path_for(relative)
        folder = relative.rpartition("/")[0]
        if folder and folder not in self._held.folders:
            _make_folder(self.staging, folder)
            self._held.folders[folder] = set()
        return target

    def write(self, relative: str, data: bytes) -> None:
        """Write a file; one whose bytes are unchanged since the last build keeps its old file (and date)."""
        target = self._prepared(relative)
        if not self._reuse(relative, target, len(data), lambda old: old.read_bytes() == data):
            _write_new(target, data)
        self._written.add(relative)

    def copy(self, relative: str, source: Path) -> None:
        target = self._prepared(relative)
        size = source.stat().st_size
        if not self._reuse(relative, target, size, lambda old: filecmp.cmp(old, source, shallow=False)):
            temporary = _temporary(target)
            shutil.copyfile(source, temporary)
            _replace(temporary, target)
        self._written.add(relative)

    def _reuse(self, relative: str, target: Path, size: int, same: Callable[[Path], bool]) -> bool:
        """Hard-link the previous output's file when it already holds these bytes.

        Deploy tools that compare dates (rsync, most hosts' uploaders) then see only real changes.
        """
        previous = self.output.joinpath(*relative.split("/"))
        try:
            if previous.is_file() and not previous.is_symlink() and previous.stat().st_size == size and same(previous):
                self._carry(relative, previous, target)
                return True
        except OSError:
            return False
        return False

    def _carry(self, relative: str, source: Path, target: Path) -> None:
        """Make `target` the file `source` is, unless it already is (a spare tree's unchanged file)."""
        if self._held.holds(relative):
            with contextlib.suppress(OSError):
                if os.path.samestat(os.lstat(target), os.stat(source)):
                    return
        _link_new(source, target)

    def count_written(self, relatives: Iterable[str]) -> None:
        """Record files written by worker processes, which cannot update this object."""
        self._written.update(relatives)

    def link(self, relative: str, source: Path) -> None:
        """Carry over a file known to hold the right bytes (the previous output's, or a cached copy)."""
        target = self._prepared(relative)
        try:
            self._carry(relative, source, target)
        except OSError:  # not on the same file system
            temporary = _temporary(target)
            shutil.copyfile(source, temporary)
            _replace(temporary, target)
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

    def remove_unwritten(self) -> None:
        """Remove whatever the staging folder held (a spare tree) that this build has not written:
        called once every page is written, before Pagefind indexes the folder. The search index's
        folders stay, for the search index to keep those it still has (each checked file by file)
        and remove the rest."""
        now = contents_of(self._written | {MARKER})
        for folder, names in self._held.folders.items():
            if folder == BUNDLE_DIR or folder.startswith(BUNDLE_DIR + "/"):
                now.folders[folder] = names
        remove_stale(self.staging, self._held, now)
        self._held = now

    def publish(self) -> None:
        """Make the staged site the output, atomically where the system allows; what a spare tree
        held that this build did not write is removed first."""
        now = contents_of(self._written | {MARKER})
        if (self.staging / BUNDLE_DIR).is_dir():  # the search index, made whole by Pagefind
            add_branch(self.staging, BUNDLE_DIR, now)
        remove_stale(self.staging, self._held, now)
        if self._slot:
            record_tree(self._slot, self.staging, now)
        if not self.output.exists():
            os.rename(self.staging, self.output)
            return
        if _exchange(self.staging, self.output):
            self._put_aside(self.staging)
            return
        os.rename(self.output, self.previous)  # fallback: two renames, repaired by recover()
        os.rename(self.staging, self.output)
        self._put_aside(self.previous)

    def _put_aside(self, old: Path) -> None:
        """The tree the swap replaced: the next build's staging folder, or deleted when it has no place."""
        if self._slot:
            with contextlib.suppress(OSError):
                set_aside(self._slot, old, self.output)
                return
        shutil.rmtree(old)


def address_outside(source: str, address: str) -> ContentError:
    """The problem of a page whose address would put it outside the output folder."""
    return ContentError(source, 0, f"the address '{address}' would leave the output folder", "use a plain slug")


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
    _replace(temporary, target)


def _link_new(source: Path, target: Path) -> None:
    """Link `source` at `target`, replacing whatever is there in one step."""
    temporary = _temporary(target)
    with contextlib.suppress(FileNotFoundError):
        temporary.unlink()
    os.link(source, temporary)
    _replace(temporary, target)


def _replace(temporary: Path, target: Path) -> None:
    """Rename `temporary` to `target`; a folder in its place (in a spare tree) is removed first."""
    try:
        os.replace(temporary, target)
    except IsADirectoryError:
        discard(target)
        os.replace(temporary, target)


def _make_folder(top: Path, relative: str) -> None:
    """Make the folder `relative` under `top`, removing any file or link that stands in its way."""
    try:
        top.joinpath(relative).mkdir(parents=True, exist_ok=True)
        return
    except (FileExistsError, NotADirectoryError):
        pass
    folder = top
    for part in relative.split("/"):
        folder = folder / part
        if folder.is_symlink() or (folder.exists() and not folder.is_dir()):
            folder.unlink()
        folder.mkdir(exist_ok=True)


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

"""The single steps a staged build takes on the file system, each whole or not at all: a file
written or linked under a temporary name and renamed into place, a folder made through
whatever stands in its way, and two folders swapped in one system call."""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import os
from pathlib import Path
from typing import Any

from sitegen.core.errors import ContentError
from sitegen.core.workspace import discard

_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def temporary_name(target: str) -> str:
    """A name beside `target` for a file being written (unique per process: pages are written by workers)."""
    folder, _, name = target.rpartition("/")
    return f"{folder}/.{name}.tmp{os.getpid()}"


def read_bytes(path: str) -> bytes:
    with open(path, "rb") as handle:
        return handle.read()


def write_new(target: str, data: bytes, fresh: bool = False) -> os.stat_result:
    """Write `target` as a new file, never into an existing one (which may be linked to the live site).
    A `fresh` name (nothing was there) is written as it is, else a temporary one is renamed over it.
    Returns what the system says of it (its size and date go into the no-op stamp)."""
    if fresh:
        with contextlib.suppress(FileExistsError):
            return _written(os.open(target, _NEW, 0o666), data)
    temporary = temporary_name(target)
    info = _written(os.open(temporary, _REWRITTEN, 0o666), data)
    replace(temporary, target)
    return info


_NEW = os.O_WRONLY | os.O_CREAT | os.O_EXCL
_REWRITTEN = os.O_WRONLY | os.O_CREAT | os.O_TRUNC


def _written(descriptor: int, data: bytes) -> os.stat_result:
    """Write all of `data` to a file just opened, and close it. Straight to the system, not through
    a buffered file, which asks three more questions of every new file (a build writes thousands)."""
    try:
        left = memoryview(data)
        while left:
            left = left[os.write(descriptor, left) :]
        return os.fstat(descriptor)
    finally:
        os.close(descriptor)


def link_new(source: Path | str, target: str, fresh: bool = False) -> None:
    """Link `source` at `target`, replacing whatever is there in one step (at a `fresh` name, directly)."""
    if fresh:
        with contextlib.suppress(FileExistsError):
            os.link(source, target)
            return
    temporary = temporary_name(target)
    with contextlib.suppress(FileNotFoundError):
        os.unlink(temporary)
    os.link(source, temporary)
    replace(temporary, target)


def replace(temporary: str, target: str) -> None:
    """Rename `temporary` to `target`; a folder in its place (in a spare tree) is removed first."""
    try:
        os.replace(temporary, target)
    except IsADirectoryError:
        discard(Path(target))
        os.replace(temporary, target)


def make_folder(top: Path, relative: str, in_real_folder: bool = False) -> None:
    """Make the folder `relative` under `top`, removing any file or link that stands in its way.
    When the folder it goes in is known to be a real one (`in_real_folder`), it is simply made."""
    if in_real_folder:
        with contextlib.suppress(OSError):
            os.mkdir(f"{top}/{relative}")
            return
    folder = top  # else each part in turn, a link in the way removed (never followed)
    for part in relative.split("/"):
        folder = folder / part
        if folder.is_symlink() or (folder.exists() and not folder.is_dir()):
            folder.unlink()
        folder.mkdir(exist_ok=True)


def exchange(a: Path, b: Path) -> bool:
    """Swap two folders in one system call (Linux renameat2 RENAME_EXCHANGE)."""
    renameat2 = _renameat2()
    if renameat2 is None:
        return False
    result = renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    return bool(result == 0)


def _renameat2() -> Any:
    """The C library's renameat2, if it has one: looked up first among the symbols the interpreter
    has loaded already (the C library's among them), since finding the library by name runs
    `ldconfig -p` in a process of its own, a few milliseconds of every build."""
    found = getattr(ctypes.CDLL(None, use_errno=True), "renameat2", None)
    if found is None:
        name = ctypes.util.find_library("c")
        found = getattr(ctypes.CDLL(name, use_errno=True), "renameat2", None) if name else None
    return found


class UnsafePath(ValueError):
    """A path that would land outside the output folder."""


def address_outside(source: str, address: str) -> ContentError:
    """The problem of a page whose address would put it outside the output folder."""
    return ContentError(source, 0, f"the address '{address}' would leave the output folder", "use a plain slug")


def safe_join(folder: Path, relative: str) -> Path:
    """The file for a site-relative path inside `folder`; raises UnsafePath for anything that would escape."""
    check_relative(relative)
    return folder.joinpath(*relative.split("/"))


def check_relative(relative: str) -> None:
    """Raise UnsafePath for a site-relative path that could name anything outside its folder. Every
    part is a plain name (none empty, '.' or '..'), so joined to a folder it stays below it."""
    wrapped = f"/{relative}/"  # a part that is empty, '.' or '..' shows as '//', '/./' or '/../'
    if not relative or "\x00" in relative or "\\" in relative:
        raise UnsafePath(relative)
    if "//" in wrapped or "/./" in wrapped or "/../" in wrapped:
        raise UnsafePath(relative)

"""The folders sitegen keeps inside a project, `.sitegen-cache/` and `.sitegen-preview/`:
checked before each use, and locked while a build runs.

Nothing in them is followed through a symlink. A part that is a link, or a file where a
folder belongs (or the reverse), is discarded and made again, and removing it never
reaches outside: a link is unlinked, never followed. One build runs at a time per project,
by an `fcntl` lock on `.sitegen-cache/lock` that the system releases when the process
ends, so a killed build never leaves a stale lock.

Only the standard library is imported: the command line uses this before the pipeline.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import logging
import os
import shutil
import stat
from collections.abc import Callable, Iterator
from pathlib import Path

log = logging.getLogger(__name__)

CACHE_DIR = ".sitegen-cache"
PREVIEW_DIR = ".sitegen-preview"
LOCK = "lock"
SEARCH_LOCK = "search.lock"
SPARE = "spare"
"""The output tree the last swap put aside (publishing/spare_tree.py). Not walked here with the
other parts: that would read the whole site on every build. Its user checks it itself, and
never follows a link in it."""
_FOLDERS = frozenset({"pages", "templates", "images", "pagefind", "site"})

OnBusy = Callable[[], bool]
"""Called when another build holds the lock: True to wait for it, False to give up."""


class ProjectBusy(Exception):
    """Another build of this project is running, and the caller chose not to wait."""


def wait_quietly() -> bool:
    return True


def own_folder(folder: Path) -> Path:
    """`folder` as a real folder: a link or file in its place is removed (never followed) first."""
    try:
        info = folder.lstat()
    except FileNotFoundError:
        folder.mkdir(parents=True, exist_ok=True)
        return folder
    if not stat.S_ISDIR(info.st_mode):
        log.warning("%s was not a folder (a link or a file): it was replaced by an empty one", folder.name)
        folder.unlink()
        folder.mkdir()
    return folder


def discard_unsafe_parts(folder: Path, keep: frozenset[str] = frozenset()) -> list[str]:
    """Remove every top-level part of `folder` that holds a link, a special file, or a file where
    a folder belongs (or the reverse). Returns the names removed."""
    removed = []
    with os.scandir(folder) as entries:
        parts = sorted(entries, key=lambda entry: entry.name)
    for entry in parts:
        if entry.name in keep or _is_sound(entry):
            continue
        log.warning("discarded %s/%s: it held a link or something of the wrong kind", folder.name, entry.name)
        _remove(Path(entry.path))
        removed.append(entry.name)
    return removed


def _is_sound(entry: os.DirEntry[str]) -> bool:
    if entry.is_symlink():
        return False
    if entry.is_dir(follow_symlinks=False):
        return entry.name in _FOLDERS and _walk_is_plain(entry.path)
    return entry.is_file(follow_symlinks=False) and entry.name not in _FOLDERS


def _walk_is_plain(folder: str) -> bool:
    """Whether `folder` holds only folders and regular files, all the way down (no link followed)."""
    stack = [folder]
    while stack:
        try:
            entries = list(os.scandir(stack.pop()))
        except FileNotFoundError:  # the preview's search refresh replaced it meanwhile: nothing to judge
            continue
        for entry in entries:
            if entry.is_symlink():
                return False
            if entry.is_dir(follow_symlinks=False):
                stack.append(entry.path)
            elif not entry.is_file(follow_symlinks=False):
                return False
    return True


def discard(path: Path) -> None:
    """Remove whatever is at `path`, file, link or folder (a cache part of the wrong kind), if anything."""
    with contextlib.suppress(FileNotFoundError):
        _remove(path)


def _remove(path: Path) -> None:
    """Remove `path` without following any link in or at it."""
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)  # rmtree unlinks the links inside a tree, it never follows them
    else:
        path.unlink()


@contextlib.contextmanager
def project_lock(root: Path, on_busy: OnBusy = wait_quietly) -> Iterator[Path]:
    """Hold the project's build lock, with its cache folder checked; yields that folder."""
    cache = own_folder(root / CACHE_DIR)
    with _locked(cache / LOCK, on_busy, root):
        discard_unsafe_parts(cache, keep=frozenset({LOCK, SEARCH_LOCK, SPARE}))
        yield cache


@contextlib.contextmanager
def search_cache_lock(cache: Path) -> Iterator[None]:
    """Hold the lock of the search index's cache: the preview refreshes it beside the builds."""
    with _locked(own_folder(cache) / SEARCH_LOCK, wait_quietly, cache):
        yield


@contextlib.contextmanager
def _locked(path: Path, on_busy: OnBusy, owner: Path) -> Iterator[None]:
    descriptor = _open_lock(path)
    try:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if not on_busy():
                raise ProjectBusy(owner) from None
            fcntl.flock(descriptor, fcntl.LOCK_EX)
        yield
    finally:
        os.close(descriptor)  # the lock goes with it


def _open_lock(path: Path) -> int:
    flags = os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC
    try:
        return os.open(path, flags, 0o600)
    except OSError as exc:
        if exc.errno not in (errno.ELOOP, errno.EISDIR):
            raise
    _remove(path)  # a link or a folder in the lock's place
    return os.open(path, flags, 0o600)

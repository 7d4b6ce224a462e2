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
LARGE_PARTS = ("pages", "pagefind")
"""The parts holding a file for each page, or each file of the search index: some 25,000 at
10,000 articles, 20 ms to walk. A build that looks at the disk beside its plan walks them
there (`unsound_parts`) and discards what it found before it uses them (`discard_parts`)."""

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


def discard_unsafe_parts(
    folder: Path, keep: frozenset[str] = frozenset(), walked_later: frozenset[str] = frozenset()
) -> list[str]:
    """Remove every top-level part of `folder` that holds a link, a special file, or a file where
    a folder belongs (or the reverse); of the folders `walked_later`, only what they are. Returns
    the names removed."""
    with os.scandir(folder) as entries:
        parts = sorted(entries, key=lambda entry: entry.name)
    unsound = [entry.name for entry in parts if entry.name not in keep and not _is_sound(entry, walked_later)]
    return discard_parts(folder, unsound)


def unsound_parts(folder: Path, names: tuple[str, ...] = LARGE_PARTS) -> list[str]:
    """Which of the folders `names` in `folder` hold a link or something of the wrong kind (all
    the way down; one that is missing holds nothing)."""
    return [name for name in names if not _walk_is_plain(os.path.join(folder, name))]


def discard_parts(folder: Path, names: list[str]) -> list[str]:
    """Remove the parts `names` of `folder`, each found to hold something of the wrong kind."""
    for name in names:
        log.warning("discarded %s/%s: it held a link or something of the wrong kind", folder.name, name)
        discard(folder / name)
    return names


def _is_sound(entry: os.DirEntry[str], walked_later: frozenset[str]) -> bool:
    if entry.is_symlink():
        return False
    if entry.is_dir(follow_symlinks=False):
        return entry.name in _FOLDERS and (entry.name in walked_later or _walk_is_plain(entry.path))
    return entry.is_file(follow_symlinks=False) and entry.name not in _FOLDERS


def _walk_is_plain(folder: str) -> bool:
    """Whether `folder` holds only folders and regular files, all the way down (no link followed)."""
    stack = [folder]
    while stack:
        try:
            entries = list(os.scandir(stack.pop()))
        except FileNotFoundError:  # the preview's search refresh replaced it meanwhile: nothing to judge
            continue
        except NotADirectoryError:  # a file put in its place since it was found a folder
            return False
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
def project_lock(root: Path, on_busy: OnBusy = wait_quietly, walks_later: bool = False) -> Iterator[Path]:
    """Hold the project's build lock, with its cache folder checked; yields that folder. A caller
    that `walks_later` the large parts (LARGE_PARTS) walks them itself before it uses them."""
    cache = own_folder(root / CACHE_DIR)
    with _locked(cache / LOCK, on_busy, root):
        later = frozenset(LARGE_PARTS if walks_later else ())
        discard_unsafe_parts(cache, keep=frozenset({LOCK, SEARCH_LOCK, SPARE}), walked_later=later)
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

"""Deploy into a folder on this machine or a mounted one (an nginx root, a shared drive).

The new site is put together in a sibling folder: changed files copied from output/, the others
hard-linked from the folder as it is, so only changed files are written. Then the two folders
trade places in one step (Linux's renameat2 with RENAME_EXCHANGE), so a web server reading the
folder sees the old site or the new one, never a mixture, and a deploy that stops part-way leaves
the folder as it was. Where the filesystem cannot trade folders, each changed file replaces its old
copy by an atomic rename, every upload before any deletion.

A folder that is not empty is published to only if a deploy left its mark in it, so a mistyped
address never deletes somebody's files.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import os
import shutil
from pathlib import Path

from sitegen.commands.deploy.failure import DeployFailed
from sitegen.commands.deploy.plan import Plan, SiteFile, md5_of

MARK = ".sitegen-deploy"
MARK_TEXT = b"sitegen deploy publishes this folder: each deploy replaces what it holds with the built site.\n"
_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


class FolderTarget:
    def __init__(self, folder: Path, forbidden: tuple[Path, ...]) -> None:
        self.folder = Path(os.path.abspath(folder))
        self.staged = self.folder.with_name(f".{self.folder.name}.sitegen-deploy")
        self._check(forbidden)

    def _check(self, forbidden: tuple[Path, ...]) -> None:
        real = self.folder.resolve()
        for folder in forbidden:
            if real == folder or folder in real.parents or real in folder.parents:
                message = f"cannot deploy into {self.folder}: it overlaps {folder}"
                raise DeployFailed(message, "choose a folder of its own")
        if self.folder.is_symlink() or (self.folder.exists() and not self.folder.is_dir()):
            raise DeployFailed(f"cannot deploy into {self.folder}: it is not a folder", "choose a folder of its own")
        if self.folder.is_dir() and not (self.folder / MARK).is_file() and any(self.folder.iterdir()):
            hint = "deploy replaces everything in it: choose an empty or new folder, or empty this one"
            raise DeployFailed(f"cannot deploy into {self.folder}: it holds files sitegen did not put there", hint)

    def extras(self) -> dict[str, bytes]:
        return {}

    def files_there(self) -> dict[str, str]:
        found: dict[str, str] = {}
        if not self.folder.is_dir():
            return found
        for directory, folders, files in os.walk(self.folder):
            folders.sort()
            for name in files:
                path = Path(directory) / name
                relative = path.relative_to(self.folder).as_posix()
                if relative != MARK:
                    found[relative] = "" if path.is_symlink() else md5_of(path.read_bytes())
        return found

    def apply(self, plan: Plan) -> None:
        if plan.changes_nothing and self.folder.is_dir():
            return
        self._discard_staged()
        try:
            self._stage(plan)
            if not self.folder.exists():
                self.folder.parent.mkdir(parents=True, exist_ok=True)
                os.rename(self.staged, self.folder)
                return
            if not _exchange(self.staged, self.folder):
                self._discard_staged()
                self._in_place(plan)
        finally:
            self._discard_staged()

    def _stage(self, plan: Plan) -> None:
        self.staged.mkdir(parents=True)
        if self.folder.is_dir():
            shutil.copymode(self.folder, self.staged)
        for upload in plan.uploads:
            _copy_in(upload, self.staged / upload.path)
        for path in (*plan.unchanged, *plan.kept):
            _link_or_copy(self.folder / path, self.staged / path)
        (self.staged / MARK).write_bytes(MARK_TEXT)

    def _in_place(self, plan: Plan) -> None:
        """One file at a time, each by an atomic rename: every upload first, then the deletions."""
        for upload in plan.uploads:
            target = self.folder / upload.path
            temporary = target.with_name(f".{target.name}.sitegen-deploy")
            _copy_in(upload, temporary)
            os.replace(temporary, target)
        (self.folder / MARK).write_bytes(MARK_TEXT)
        for path in plan.deletions:
            with contextlib.suppress(FileNotFoundError):
                (self.folder / path).unlink()
            _remove_empty_parents(self.folder, self.folder / path)

    def _discard_staged(self) -> None:
        if self.staged.is_dir() and not self.staged.is_symlink():
            shutil.rmtree(self.staged)
        elif self.staged.is_symlink() or self.staged.exists():
            self.staged.unlink()


def _copy_in(upload: SiteFile, target: Path) -> None:
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(upload.read())
    except OSError as exc:
        raise DeployFailed(f"could not copy {upload.path} into {target.parent}: {exc.strerror}") from None


def _link_or_copy(source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(source, target, follow_symlinks=False)
    except OSError:  # a filesystem without hard links: a copy is as good
        shutil.copy2(source, target, follow_symlinks=False)


def _remove_empty_parents(top: Path, path: Path) -> None:
    folder = path.parent
    while folder != top and top in folder.parents:
        try:
            folder.rmdir()
        except OSError:
            return
        folder = folder.parent


def _exchange(first: Path, second: Path) -> bool:
    """Swap two folders in one step; False where the system or filesystem cannot."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    done = renameat2(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE)
    if done == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP, errno.EXDEV, errno.EBUSY):
        return False
    raise DeployFailed(f"could not switch {second} to the new site: {os.strerror(code)}")

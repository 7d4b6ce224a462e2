"""Where a new site may go, and putting it there whole or not at all.

A new site only ever lands in a folder that does not exist yet, an empty folder, or a
fresh clone with nothing but `.git` and what a git host adds when it creates a repository
(a README, a licence, a .gitignore): anything else may be someone's work, and init never
mixes its files with it. A host's README and .gitignore are kept, with init's text added
after theirs. The files are first written into a hidden folder of their
own on the same disk and then moved into place, so a failure part-way leaves the target
as it was.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Callable, Mapping
from pathlib import Path

GIT = ".git"
_SHOWN_ENTRIES = 5
HOST_STARTER_FILES = frozenset(
    {"README.md", "README", "LICENSE", "LICENSE.md", "LICENSE.txt", "COPYING", ".gitignore", ".gitattributes"}
)
"""What GitHub, GitLab or Codeberg put in a repository they create: a clone holding only these is fresh."""


class TargetRefused(Exception):
    """Why the folder cannot receive a new site; nothing was written."""


def check_target(target: Path) -> None:
    """Raise TargetRefused unless `target` is missing, empty, or a fresh clone."""
    if target.is_symlink() and not target.exists():
        raise TargetRefused(f"{target} is a link to something that does not exist; choose another folder")
    if not target.exists():
        return
    if not target.is_dir():
        raise TargetRefused(f"{target} is a file, not a folder; choose a new folder name")
    clone = (target / GIT).is_dir()
    entries = sorted(
        entry.name
        for entry in target.iterdir()
        if entry.name != GIT and not (clone and entry.name in HOST_STARTER_FILES and entry.is_file())
    )
    if entries:
        shown = ", ".join(entries[:_SHOWN_ENTRIES]) + (", …" if len(entries) > _SHOWN_ENTRIES else "")
        raise TargetRefused(
            f"{target} is not empty (it holds {shown}); init only starts a site in a new or empty "
            "folder, or a fresh git clone (with at most a README, a licence and a .gitignore), "
            "so it never mixes with your files"
        )


def with_host_files(target: Path, files: Mapping[str, str]) -> dict[str, str]:
    """`files`, with a fresh clone's own README or .gitignore kept in front of init's text."""
    combined = dict(files)
    for name, text in files.items():
        existing = target / name
        if name in HOST_STARTER_FILES and existing.is_file() and not existing.is_symlink():
            theirs = existing.read_text(encoding="utf-8", errors="replace").rstrip("\n")
            combined[name] = f"{theirs}\n\n{text}" if theirs else text
    return combined


Verify = Callable[[Path], None]
"""Looks at the written folder before it is moved into place, and raises to stop it."""


def write_all(target: Path, files: Mapping[str, str], verify: Verify) -> None:
    """Write `files` (relative path → text) into `target` in one step; on any failure, nothing stays."""
    check_target(target)
    if target.exists():
        _write_into_existing(target, files, verify)
    else:
        _write_new(target, files, verify)


def _write_new(target: Path, files: Mapping[str, str], verify: Verify) -> None:
    made = _missing_parents(target.parent)
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".sitegen-init", dir=target.parent))
    try:
        _write_files(staging, files)
        verify(staging)
        os.rename(staging, target)  # fails, leaving nothing, if a folder appeared there meanwhile with files in it
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        for folder in made:
            _remove_if_empty(folder)
        raise


def _write_into_existing(target: Path, files: Mapping[str, str], verify: Verify) -> None:
    """Into an empty folder (or a clone): the folder itself stays, as a shell may be standing in it."""
    staging = Path(tempfile.mkdtemp(prefix=".sitegen-init.", dir=target))
    moved: list[Path] = []
    replaced: dict[Path, bytes] = {}
    try:
        _write_files(staging, files)
        verify(staging)
        for entry in sorted(staging.iterdir()):
            destination = target / entry.name
            if entry.name in HOST_STARTER_FILES and destination.is_file() and not destination.is_symlink():
                replaced[destination] = destination.read_bytes()  # a host's README: init's text follows theirs
            elif destination.exists() or destination.is_symlink():
                raise FileExistsError(f"{destination} appeared while init was writing")
            entry.replace(destination)
            moved.append(destination)
    except BaseException:
        for path in moved:
            if path in replaced:
                path.write_bytes(replaced[path])
            elif path.is_dir():
                shutil.rmtree(path, ignore_errors=True)
            else:
                path.unlink(missing_ok=True)
        raise
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _write_files(folder: Path, files: Mapping[str, str]) -> None:
    for relative, text in sorted(files.items()):
        path = folder / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("x", encoding="utf-8", newline="\n") as handle:
            handle.write(text)


def _missing_parents(folder: Path) -> list[Path]:
    """The folders above the target that do not exist yet, deepest first, to remove on failure."""
    missing: list[Path] = []
    while not folder.exists() and folder != folder.parent:
        missing.append(folder)
        folder = folder.parent
    return missing


def _remove_if_empty(folder: Path) -> None:
    with contextlib.suppress(OSError):  # something else was put there meanwhile: it stays
        folder.rmdir()

"""Which folder a build may replace: one that is new, empty, or marked as sitegen's own.

A build replaces its output folder whole, so a mistyped `--output` (`.`, `content`,
the parent folder, a folder of someone's files) would delete what the user wrote. This
module decides, before anything is touched, whether a folder is safe to replace. Every
finished build leaves a marker file in its output; a folder without one is never replaced
unless it is empty.
"""

from __future__ import annotations

import os
from pathlib import Path

from sitegen.core import layout

MARKER = ".sitegen-output"
MARKER_TEXT = (
    b"This folder is built by sitegen. Every build replaces all of it:\n"
    b"keep nothing of your own here, and edit the project's sources instead.\n"
)
SOURCE_FOLDERS = (*layout.SOURCE_FOLDERS, ".git", ".sitegen-cache")


class UnsafeOutput(Exception):
    """The output folder must not be replaced; nothing has been touched."""

    def __init__(self, output: Path, reason: str, hint: str) -> None:
        self.output, self.reason, self.hint = output, reason, hint
        super().__init__(f"refusing to build into {output}: {reason} ({hint})")


def checked_output(root: Path, output: Path, follow_link: bool = False) -> Path:
    """The real folder to build into, or UnsafeOutput saying why `output` must not be replaced."""
    root = root.resolve()
    given = Path(os.path.abspath(output))
    if given.is_symlink():
        if not follow_link:
            target = os.readlink(given)
            hint = "give the real folder with --output, or pass --follow-output-link to build where it points"
            raise UnsafeOutput(given, f"it is a link (to {target})", hint)
        given = given.resolve()
    real = given.resolve()
    if real == root or real in root.parents:
        raise UnsafeOutput(real, "it holds the project itself", "build into a new folder such as output/")
    for name in SOURCE_FOLDERS:
        folder = (root / name).resolve()
        if real == folder or folder in real.parents:
            raise UnsafeOutput(real, f"it is inside the project's {name}/", "build into a new folder such as output/")
    if real.exists() or real.is_symlink():
        _check_replaceable(real)
    return real


def _check_replaceable(folder: Path) -> None:
    if not folder.is_dir():
        raise UnsafeOutput(folder, "it is a file, not a folder", "choose a folder name that is not taken")
    if is_owned(folder):
        return
    with os.scandir(folder) as entries:
        if next(entries, None) is not None:
            hint = (
                "a build replaces the whole folder, so choose an empty or new one; "
                "if an older sitegen built it, delete it and build again"
            )
            raise UnsafeOutput(folder, "it is not empty and was not built by sitegen", hint)


def is_owned(folder: Path) -> bool:
    """Whether `folder` carries the marker a build leaves (a regular file, not a link)."""
    try:
        return (folder / MARKER).is_file() and not (folder / MARKER).is_symlink()
    except OSError:
        return False

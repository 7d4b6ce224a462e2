"""Symbolic links in the project's own folders, checked before a build reads through them.

A link in `static/` to a private file elsewhere on disk would otherwise be published as
if it were part of the site. So every link in the folders a build reads is checked once:
with `follow_symlinks: inside` (the default) it must lead to something inside the project;
with `follow_symlinks: false` there must be none. The built-in theme is sitegen's own and
is not walked.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterator
from pathlib import Path

from sitegen.config.site_config import FOLLOW_INSIDE, SiteConfig
from sitegen.core import layout
from sitegen.core.errors import ContentError, display_path

SOURCE_FOLDERS = layout.SOURCE_FOLDERS


def linked_sources(root: Path, config: SiteConfig) -> list[ContentError]:
    """One problem per link that is refused, in one walk of the source folders.

    The walk never goes through a link (os.walk(followlinks=False)); a folder link that is
    accepted has its target walked instead, once, since a build reads what lies there.
    """
    root = root.resolve()
    allow_inside = config.follow_symlinks == FOLLOW_INSIDE
    errors: list[ContentError] = []
    pending: list[Path] = []
    for name in SOURCE_FOLDERS:
        top = root / name
        if top.is_symlink():
            problem, target = _check_link(top, root, allow_inside)
            errors += [problem] if problem else []
            pending += [target] if target else []
        elif top.is_dir():
            pending.append(top)
    walked: set[Path] = set()
    while pending:
        folder = pending.pop()
        if folder in walked:
            continue
        for link in _links_under(folder, walked):
            problem, target = _check_link(link, root, allow_inside)
            errors += [problem] if problem else []
            pending += [target] if target else []
    return sorted(errors)


def _links_under(top: Path, walked: set[Path]) -> Iterator[Path]:
    """Every link in `top` and the folders below it (not through a link, nor into a folder walked
    already), from each folder's entries, which know their kind: no stat per file."""
    folders = [top]
    while folders:
        folder = folders.pop()
        walked.add(folder)
        try:
            entries = list(os.scandir(folder))
        except OSError:  # unreadable, or gone: as os.walk, passed over
            continue
        for entry in entries:
            if entry.is_symlink():
                yield Path(entry.path)
            elif entry.is_dir(follow_symlinks=False):
                below = Path(entry.path)
                if below not in walked:
                    folders.append(below)


def _check_link(link: Path, root: Path, allow_inside: bool) -> tuple[ContentError | None, Path | None]:
    """The problem with one link, if any; else the folder it leads to (None for a file)."""
    shown = display_path(link, root)
    if not allow_inside:
        return ContentError(
            shown,
            0,
            f"a link to {os.readlink(link)}, and site.yaml says 'follow_symlinks: false'",
            "put the file or folder itself here, or set 'follow_symlinks: inside' to accept links within the project",
        ), None
    try:
        is_folder = stat.S_ISDIR(os.stat(link).st_mode)
    except OSError as exc:
        return _unfollowable(shown, link, exc), None
    target = Path(os.path.realpath(link))
    kind = "folder" if is_folder else "file"
    if not target.is_relative_to(root):
        hint = f"copy the {kind} into the project, or remove the link"
        return ContentError(shown, 0, f"a link to a {kind} outside the project ({target})", hint), None
    if is_folder and link.parent.is_relative_to(target):
        where = "the project folder" if target == root else display_path(target, root)
        hint = "link to the folder you mean, or remove the link"
        return ContentError(shown, 0, f"a link to a folder that holds it ({where}), so it loops", hint), None
    return None, target if is_folder else None


def _unfollowable(shown: str, link: Path, exc: OSError) -> ContentError:
    """A link that leads nowhere: broken, looping, or unreadable."""
    if exc.errno == errno.ELOOP:
        return ContentError(shown, 0, "a link that loops back on itself", "remove the link")
    if exc.errno in (errno.ENOENT, errno.ENOTDIR):
        message = f"a broken link: {os.readlink(link)} does not exist"
        return ContentError(shown, 0, message, "remove the link, or point it at a file inside the project")
    return ContentError(shown, 0, f"a link that cannot be followed ({exc.strerror})", "remove the link")

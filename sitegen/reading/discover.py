"""Find the content files of a project, in a stable order."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import msgspec

from sitegen.core import layout


class ContentFiles(msgspec.Struct, frozen=True):
    articles: tuple[str, ...]
    """As text, not Paths: at 10,000 articles, making a Path of each cost a quarter of reading
    them from the parse cache. A Path is made of the few that are parsed."""
    journeys: tuple[Path, ...]
    pages: tuple[Path, ...]
    team: tuple[Path, ...]


def _markdown_in(folder: Path) -> tuple[Path, ...]:
    return tuple(folder / name for name in _markdown_names(folder))


def _markdown_names(folder: str | Path) -> list[str]:
    """The Markdown files' names in `folder`, sorted by name (one folder: as their Paths sort)."""
    try:
        entries = list(os.scandir(folder))  # its entries know their kind: no stat per file
    except OSError:  # not a folder (or gone)
        return []
    found = [
        entry.name
        for entry in entries
        if entry.name.endswith(".md")
        and not entry.name.startswith((".", "_"))
        and (entry.is_file() or is_special(Path(entry.path)))
    ]
    return sorted(found)


def is_special(path: Path) -> bool:
    """A named pipe, socket or device: not content, but reported as such rather than read (which
    could wait for ever) or passed over in silence."""
    try:
        mode = path.lstat().st_mode
    except OSError:
        return False
    return stat.S_ISFIFO(mode) or stat.S_ISSOCK(mode) or stat.S_ISCHR(mode) or stat.S_ISBLK(mode)


def discover(root: Path) -> ContentFiles:
    articles = os.fspath(root / layout.ARTICLES)  # a Path's text: never ending in "/"
    folder = root / layout.JOURNEYS
    journeys = list(_markdown_in(folder))
    if folder.is_dir():
        journeys += [
            p / layout.JOURNEY_FILE
            for p in sorted(folder.iterdir())
            if p.is_dir() and not p.name.startswith((".", "_")) and (p / layout.JOURNEY_FILE).is_file()
        ]
    return ContentFiles(
        articles=tuple([f"{articles}/{name}" for name in _markdown_names(articles)]),
        journeys=tuple(sorted(journeys)),
        pages=_markdown_in(root / layout.PAGES),
        team=_markdown_in(root / layout.TEAM),
    )

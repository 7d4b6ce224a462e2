"""Find the content files of a project, in a stable order."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class ContentFiles:
    articles: tuple[Path, ...]
    journeys: tuple[Path, ...]
    pages: tuple[Path, ...]
    team: tuple[Path, ...]


def _markdown_in(folder: Path) -> tuple[Path, ...]:
    if not folder.is_dir():
        return ()
    return tuple(sorted(p for p in folder.glob("*.md") if not p.name.startswith((".", "_")) and p.is_file()))


def discover(root: Path) -> ContentFiles:
    content = root / "content"
    journeys = list(_markdown_in(content / "journeys"))
    folder = content / "journeys"
    if folder.is_dir():
        journeys += [
            p / "journey.md"
            for p in sorted(folder.iterdir())
            if p.is_dir() and not p.name.startswith((".", "_")) and (p / "journey.md").is_file()
        ]
    return ContentFiles(
        articles=_markdown_in(content / "articles"),
        journeys=tuple(sorted(journeys)),
        pages=_markdown_in(content / "pages"),
        team=_markdown_in(content / "team"),
    )

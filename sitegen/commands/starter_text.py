"""`sitegen check`'s reminder of the starter text `sitegen init` left for the practice to replace.

init marks every placeholder with a "Replace:" line (in English and Spanish alike), so a site
can build as it stands on its first day. Before it goes live each one should be gone: above all
on the crisis page of a country sitegen has no services for, where a reader in crisis would
otherwise meet a placeholder instead of a number to call.
"""

from __future__ import annotations

from pathlib import Path

from sitegen.config.site_config import CONFIG_FILE
from sitegen.core import layout
from sitegen.core.errors import ContentError

MARKER = "Replace:"
LEAD = "*Replace "
"""The italic line at the top of a starter page ("*Replace the details in [square brackets]…")."""
CRISIS_PAGE = f"{layout.PAGES}/crisis.md"


def starter_text_notes(root: Path) -> list[ContentError]:
    """One note per file that still holds init's starter text, at its first placeholder."""
    files = [root / CONFIG_FILE, *sorted((root / layout.CONTENT).rglob("*.md"))]
    notes = []
    for path in files:
        line, count = _placeholders(path)
        if not count:
            continue
        shown = path.relative_to(root).as_posix()
        if shown == CRISIS_PAGE:
            message = "the crisis page still holds starter text instead of the crisis services your readers can call"
            hint = "list your country's crisis lines and emergency number, checked on each service's own page"
        else:
            places = "1 place" if count == 1 else f"{count} places"
            message = f"starter text from 'sitegen init' is still here ({places} marked \"Replace\")"
            hint = "replace it with your own words, or remove it, before the site goes live"
        notes.append(ContentError(shown, line, message, hint))
    return notes


def _placeholders(path: Path) -> tuple[int, int]:
    """The line of the first placeholder in `path` and how many there are; comments in site.yaml
    (the notes init writes above each key) are not placeholders."""
    try:
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return 0, 0
    found = [
        n
        for n, text in enumerate(lines, 1)
        if (MARKER in text and not text.lstrip().startswith("#")) or text.startswith(LEAD)
    ]
    return (found[0], len(found)) if found else (0, 0)

"""Footnotes on pages made of parts rendered one by one: a journey day's sections and its overview.

Each part numbers its notes from 1, so without care two parts on one page both hold `fn:1`:
an invalid page, where a reader's tap on the second note jumps to the first part's note.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from bs4 import BeautifulSoup

from conftest import copy_sample
from sitegen.build import build

JOURNEY = "content/journeys/reconnecting-as-a-couple"
DAY = "journeys/reconnecting-as-a-couple/day-2/index.html"
WORKBOOK = "journeys/reconnecting-as-a-couple/workbook/index.html"


def _with_notes(root: Path) -> Path:
    day = root / JOURNEY / "day-02.md"
    text = day.read_text(encoding="utf-8")
    text = text.replace("the thank-yous fade.", "the thank-yous fade.[^1]", 1)
    text = text.replace("### Why This", "[^1]: A note on the learning.\n\n### Why This", 1)
    text = text.replace("the attention they deserve.", "the attention they deserve.[^1]", 1)
    text = text.replace("### Today's Activity", "[^1]: A note on why it matters.\n\n### Today's Activity", 1)
    day.write_text(text, encoding="utf-8")
    return root


def _notes(html: str) -> tuple[Counter[str], list[tuple[str, str]]]:
    """Every id on the page, counted, and each footnote link with the text of what it points at."""
    soup = BeautifulSoup(html, "html.parser")
    ids = Counter(str(tag["id"]) for tag in soup.find_all(id=True))
    links = []
    for link in soup.select("sup.footnote-ref a"):
        target = soup.find(id=str(link["href"])[1:])
        links.append((str(link["href"]), target.get_text(" ", strip=True) if target else "(missing)"))
    return ids, links


def test_two_sections_notes_each_keep_their_own_id_and_target(tmp_path: Path) -> None:
    root = _with_notes(copy_sample(tmp_path / "site"))
    build(root, workers=1)
    ids, links = _notes((root / "output" / DAY).read_text(encoding="utf-8"))
    assert [name for name, count in ids.items() if count > 1] == []
    assert [text.split(" ")[0:4] for _, text in links] == [["A", "note", "on", "the"], ["A", "note", "on", "why"]]
    assert len({href for href, _ in links}) == 2


def test_the_workbook_keeps_every_note_apart_too(tmp_path: Path) -> None:
    root = _with_notes(copy_sample(tmp_path / "site"))
    build(root, workers=1)
    ids, links = _notes((root / "output" / WORKBOOK).read_text(encoding="utf-8"))
    assert [name for name, count in ids.items() if count > 1] == []
    assert [text.startswith("A note on") for _, text in links] == [True, True]

"""What a writer's Markdown becomes on a built page: footnotes, heading ids, tables, raw HTML.

Each test builds a small site and reads the page a reader gets.
"""

from __future__ import annotations

from pathlib import Path
from xml.etree import ElementTree

from bs4 import BeautifulSoup, Tag

from conftest import MINIMAL_SITE_YAML, MakeSite
from sitegen.build import build

ATOM = "{http://www.w3.org/2005/Atom}"

HEAD = "---\ntitle: Calm\ndate: 2025-01-02\ncategory: Anxiety\n---\n"


def built_page(make_site: MakeSite, body: str, page: str = "articles/calm") -> BeautifulSoup:
    root = make_site({"content/articles/calm.md": HEAD + body})
    build(root)
    return BeautifulSoup((root / "output" / page / "index.html").read_text(encoding="utf-8"), "html.parser")


def prose(page: BeautifulSoup) -> Tag:
    found = page.select_one(".prose")
    assert found is not None
    return found


def target(page: BeautifulSoup, link: Tag) -> Tag:
    href = str(link["href"])
    assert href.startswith("#"), href
    found = page.find(id=href[1:])
    assert isinstance(found, Tag), f"nothing on the page has the id {href[1:]!r}"
    return found


def unique_ids(page: BeautifulSoup) -> list[str]:
    ids = [str(tag["id"]) for tag in page.find_all(id=True)]
    assert len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)
    return ids


def test_footnotes_link_to_their_notes_and_back(make_site: MakeSite) -> None:
    body = (
        "Sleep comes in waves.[^waves] Light matters too.[^1] And the waves again.[^waves]\n\n"
        "[^waves]: Each about ninety minutes long.\n"
        "[^1]: Morning light most of all.\n"
    )
    page = built_page(make_site, body)
    unique_ids(page)
    references = prose(page).select("sup.footnote-ref > a")
    assert [words.get_text() for words in references] == ["1", "2", "1"]
    notes = [target(page, reference) for reference in references]
    assert [note.name for note in notes] == ["li", "li", "li"]
    assert notes[0] is notes[2], "two citations of one note lead to the same note"
    assert notes[0].get_text(" ", strip=True).startswith("Each about ninety minutes long.")
    assert notes[1].get_text(" ", strip=True).startswith("Morning light most of all.")
    section = prose(page).select_one("section.footnotes")
    assert section is not None and all(note in section.find_all("li") for note in notes)
    back_links = section.select("a.footnote-backref")
    assert len(back_links) == 3, "a way back to each of the three citations"
    assert {target(page, back) for back in back_links} == set(references)
    assert all(str(back["aria-label"]).startswith("Back to reference") for back in back_links)



def test_a_footnotes_way_back_is_named_in_the_sites_language(make_site: MakeSite) -> None:
    """cmark names each back-link in English; a screen reader on a Spanish site hears Spanish."""
    body = "Duerme a ratos.[^1] Y otra vez.[^1]\n\n[^1]: Una nota.\n"
    root = make_site({"content/articles/calm.md": HEAD + body}, site_yaml=MINIMAL_SITE_YAML + "language: es\n")
    build(root)
    page = BeautifulSoup((root / "output/articles/calm/index.html").read_text(encoding="utf-8"), "html.parser")
    labels = [str(back["aria-label"]) for back in page.select("a.footnote-backref")]
    assert labels == ["Volver a la referencia 1", "Volver a la referencia 1-2"]
    feed = ElementTree.parse(root / "output/feed.xml").getroot()
    entries = feed.findall(f"{ATOM}entry/{ATOM}content")
    assert len(entries) == 1, "the article is in the site's feed"
    in_feed = BeautifulSoup(entries[0].text or "", "html.parser")
    assert [str(back["aria-label"]) for back in in_feed.select("a.footnote-backref")] == labels, "and reads alike there"

def test_a_journey_days_footnotes_keep_their_ids_apart_from_the_overviews(make_site: MakeSite) -> None:
    journey = (
        "---\ntitle: Quiet Steps\nduration: 1 week\ncategory: Anxiety\ndays_per_week: 2\n---\n\n"
        "# Quiet Steps Journey\n\nIntro.\n\n"
        "## Day 1: Noticing\n\n### Today's Learning\n\nA first thought.[^1]\n\n[^1]: The learning's note.\n\n"
        "### Why This Matters\n\nA second thought.[^1]\n\n[^1]: The reason's note.\n\n"
        "## Your Journey Plan\n\n### Week 1: Starting\n- Noticing\n- Resting\n"
    )
    root = make_site({"content/journeys/quiet-steps.md": journey})
    build(root)
    html = (root / "output/journeys/quiet-steps/day-1/index.html").read_text(encoding="utf-8")
    page = BeautifulSoup(html, "html.parser")
    unique_ids(page)
    references = page.select("sup.footnote-ref > a")
    assert [target(page, r).get_text(" ", strip=True)[:14] for r in references] == ["The learning’s", "The reason’s n"]
    for back in page.select("a.footnote-backref"):
        assert target(page, back) in references


def test_heading_ids_are_slugs_made_unique_and_an_anchor_can_be_chosen(make_site: MakeSite) -> None:
    body = (
        "## Breathing\n\nIn.\n\n## Breathing\n\nOut.\n\n## Where to start {#start}\n\nHere.\n\n"
        "## Breathing\n\nAgain.\n\n## Don't rush it\n\nSlowly.\n\n## كيف تهدأ\n\nبهدوء.\n\n"
        "# A top heading in the body\n\nText. [Back to the start](#start)\n"
    )
    page = built_page(make_site, body)
    headings = [(h.name, h.get("id"), h.get_text()) for h in prose(page).find_all(["h1", "h2", "h3"])]
    assert headings == [
        ("h2", "breathing", "Breathing"),
        ("h2", "breathing_1", "Breathing"),
        ("h2", "start", "Where to start"),
        ("h2", "breathing_2", "Breathing"),
        ("h2", "dont-rush-it", "Don’t rush it"),
        ("h2", "كيف-تهدأ", "كيف تهدأ"),
        ("h2", "a-top-heading-in-the-body", "A top heading in the body"),
    ]
    unique_ids(page)


def test_an_aligned_table_aligns_by_class_not_style(make_site: MakeSite) -> None:
    body = "| Day | Minutes | Done |\n|:----|:-------:|-----:|\n| Monday | 10 | yes |\n| Tuesday | 15 | no |\n"
    page = built_page(make_site, body)
    table = prose(page).find("table")
    assert isinstance(table, Tag)
    classes = [[str(c) for c in cell.get("class") or []] for cell in table.find_all(["th", "td"])]
    assert classes == [["align-left"], ["align-center"], ["align-right"]] * 3
    assert table.find(style=True) is None
    assert [td.get_text() for td in table.find_all("td")] == ["Monday", "10", "yes", "Tuesday", "15", "no"]


def test_raw_html_keeps_its_text_but_loses_scripts_and_handlers(make_site: MakeSite) -> None:
    body = (
        'A <mark onclick="steal()">highlighted</mark> word.\n\n<script>alert("hi")</script>\n\n'
        '<div class="note" style="color: red" onmouseover="steal()">A kept note.</div>\n\n'
        '<iframe src="https://example.org/"></iframe>\n\n[a link](javascript:steal())\n'
    )
    page = built_page(make_site, body)
    text = prose(page)
    assert text.find("script") is None and "alert" not in str(text)
    assert text.find("iframe") is None
    mark = text.find("mark")
    assert isinstance(mark, Tag) and mark.get_text() == "highlighted" and not mark.attrs
    note = text.find("div", class_="note")
    assert isinstance(note, Tag) and note.get_text() == "A kept note."
    assert set(note.attrs) == {"class"}
    link = text.find("a", string="a link")
    assert isinstance(link, Tag) and not link.get("href")


def test_a_body_of_ten_thousand_unclosed_brackets_renders_as_text(make_site: MakeSite, tmp_path: Path) -> None:
    """Python-Markdown took minutes over these and sitegen refused them; cmark reads them at once."""
    page = built_page(make_site, "Before.\n\n" + "[a](" * 10_000 + "\n\nAfter.\n")
    text = prose(page).get_text()
    assert "[a](" * 10_000 in text and text.strip().endswith("After.")

"""A clinician's page shows their latest articles and links to a listing of every one; a
clinician who writes has a feed of their own."""

from __future__ import annotations

from pathlib import Path

import feedparser
from bs4 import BeautifulSoup

from conftest import MINIMAL_SITE_YAML, MakeSite, run_sitegen

SITE = MINIMAL_SITE_YAML + "articles_per_page: 5\n"

TEAM = "---\nname: Sam Rivera\ncredentials: LPC\nrole: Counselor\n---\nSam works gently.\n"


def articles_by_sam(count: int) -> dict[str, str]:
    """`count` articles by Sam, a day apart: number 1 is the oldest, and the highest the newest."""
    return {
        f"content/articles/note-{n:02}.md": f"---\ntitle: Note {n}\ndate: 2025-03-{n:02}\ncategory: Anxiety\n"
        f"author: sam-rivera\n---\nBody {n}.\n"
        for n in range(1, count + 1)
    }


def soup(root: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((root / "output" / path / "index.html").read_text(encoding="utf-8"), "html.parser")


def card_titles(page: BeautifulSoup) -> list[str]:
    return [title.get_text(strip=True) for title in page.select("main .card-title")]


def build(root: Path) -> None:
    result = run_sitegen("build", cwd=root)
    assert result.code == 0, result.err


def test_a_clinician_with_few_articles_has_them_all_on_their_page(make_site: MakeSite) -> None:
    root = make_site({"content/team/sam-rivera.md": TEAM, **articles_by_sam(4)}, site_yaml=SITE)
    build(root)
    profile = soup(root, "team/sam-rivera")
    assert profile.select_one("#clinician-articles").get_text() == "Articles by Sam Rivera"
    assert card_titles(profile) == ["Note 4", "Note 3", "Note 2", "Note 1"]
    assert profile.find("a", href="/team/sam-rivera/articles/") is None
    assert not (root / "output/team/sam-rivera/articles").exists()


def test_a_clinician_with_many_articles_shows_the_latest_and_links_to_every_one(make_site: MakeSite) -> None:
    root = make_site({"content/team/sam-rivera.md": TEAM, **articles_by_sam(12)}, site_yaml=SITE)
    build(root)
    profile = soup(root, "team/sam-rivera")
    assert profile.select_one("#clinician-articles").get_text() == "Latest articles by Sam Rivera"
    assert card_titles(profile) == ["Note 12", "Note 11", "Note 10", "Note 9"]
    assert profile.find("a", href="/team/sam-rivera/articles/").get_text() == "All 12 articles by Sam Rivera"

    first, second, third = (
        soup(root, p) for p in ("team/sam-rivera/articles", *(f"team/sam-rivera/articles/page/{n}" for n in (2, 3)))
    )
    assert first.find("h1").get_text() == "Articles by Sam Rivera"
    assert card_titles(first) == [f"Note {n}" for n in range(12, 7, -1)]
    assert card_titles(second) == [f"Note {n}" for n in range(7, 2, -1)]
    assert card_titles(third) == ["Note 2", "Note 1"]
    assert third.find("title").get_text().startswith("Articles by Sam Rivera (page 3 of 3)")
    assert second.find("a", href="/team/sam-rivera/articles/page/3/") is not None
    crumbs = [(a.get_text(), a["href"]) for a in first.select("nav.breadcrumbs a")]
    assert crumbs == [("Our team", "/team/"), ("Sam Rivera, LPC", "/team/sam-rivera/")]
    sitemap = (root / "output/sitemap.xml").read_text(encoding="utf-8")
    assert "https://example.org/team/sam-rivera/articles/page/3/" in sitemap


def test_the_listing_comes_and_goes_with_the_articles(make_site: MakeSite) -> None:
    """A rebuild in place (with its cache) adds the listing at the fifth article and removes it,
    every page of it, when the articles are fewer again."""
    root = make_site({"content/team/sam-rivera.md": TEAM, **articles_by_sam(4)}, site_yaml=SITE)
    build(root)
    more = articles_by_sam(7)
    for name in list(more)[4:]:
        (root / name).write_text(more[name], encoding="utf-8")
    build(root)
    assert card_titles(soup(root, "team/sam-rivera/articles/page/2")) == ["Note 2", "Note 1"]
    assert "All 7 articles" in soup(root, "team/sam-rivera").get_text()
    for name in list(more)[4:]:
        (root / name).unlink()
    build(root)
    assert not (root / "output/team/sam-rivera/articles").exists()
    assert soup(root, "team/sam-rivera").select_one("#clinician-articles").get_text() == "Articles by Sam Rivera"


def test_spanish_sites_say_it_in_spanish(make_site: MakeSite) -> None:
    root = make_site({"content/team/sam-rivera.md": TEAM, **articles_by_sam(6)}, site_yaml=SITE + "language: es\n")
    build(root)
    link = soup(root, "team/sam-rivera").find("a", href="/team/sam-rivera/articles/")
    assert link.get_text() == "Los 6 artículos de Sam Rivera"
    assert soup(root, "team/sam-rivera/articles").find("h1").get_text() == "Artículos de Sam Rivera"


def feeds_in_head(page: BeautifulSoup) -> list[str]:
    return [link["href"] for link in page.find("head").find_all("link", type="application/atom+xml")]


def test_a_clinician_who_writes_has_a_feed_of_their_articles_alone(make_site: MakeSite) -> None:
    other = "---\ntitle: By someone else\ndate: 2025-03-30\ncategory: Anxiety\n---\nBody.\n"
    draft = "---\ntitle: Unfinished\ndate: 2025-03-31\ncategory: Anxiety\nauthor: sam-rivera\ndraft: true\n---\nBody.\n"
    files = {"content/team/sam-rivera.md": TEAM, **articles_by_sam(6), "content/articles/other.md": other}
    root = make_site({**files, "content/articles/unfinished.md": draft}, site_yaml=SITE)
    build(root)
    feed = feedparser.parse((root / "output/team/sam-rivera/feed.xml").read_bytes())
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.feed.title == "Test Practice: Sam Rivera"
    assert [e.title for e in feed.entries] == [f"Note {n}" for n in range(6, 0, -1)]
    assert {link.href for link in feed.feed.links} == {
        "https://example.org/team/sam-rivera/feed.xml",
        "https://example.org/team/sam-rivera/",
    }
    for page in ("team/sam-rivera", "team/sam-rivera/articles", "team/sam-rivera/articles/page/2"):
        assert feeds_in_head(soup(root, page)) == ["/feed.xml", "/team/sam-rivera/feed.xml"], page


def test_a_clinician_with_only_a_draft_has_no_feed(make_site: MakeSite) -> None:
    draft = "---\ntitle: Unfinished\ndate: 2025-03-31\ncategory: Anxiety\nauthor: sam-rivera\ndraft: true\n---\nBody.\n"
    root = make_site({"content/team/sam-rivera.md": TEAM, "content/articles/unfinished.md": draft}, site_yaml=SITE)
    build(root)
    assert not (root / "output/team/sam-rivera/feed.xml").exists()
    assert feeds_in_head(soup(root, "team/sam-rivera")) == ["/feed.xml"]

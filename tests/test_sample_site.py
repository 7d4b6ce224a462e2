"""The bundled sample practice, built as `make build` builds it."""

from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup


def pages(output: Path) -> list[Path]:
    return sorted(output.rglob("*.html"))


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def test_sample_has_the_promised_size(sample_output: Path) -> None:
    assert len(pages(sample_output)) >= 40
    articles = [p for p in (sample_output / "articles").glob("*/index.html") if p.parent.name != "page"]
    assert len(articles) >= 12
    assert len(list((sample_output / "categories").glob("*/index.html"))) >= 5
    assert len(list((sample_output / "team").glob("*/index.html"))) == 4
    for page in ("about", "fees-insurance", "contact", "privacy"):
        assert (sample_output / page / "index.html").is_file()
    assert {p.name for p in (sample_output / "journeys").iterdir() if p.is_dir()} == {
        "steadier-days",
        "reconnecting-as-a-couple",
    }


def test_every_page_has_one_h1_a_skip_link_and_the_crisis_notice_in_one_place(sample_output: Path) -> None:
    for path in pages(sample_output):
        page = soup(path)
        assert len(page.find_all("h1")) == 1, path
        assert page.body.find("a").get("href") == "#main", f"{path}: the skip link must come first"
        assert page.find("main", id="main") is not None, path
        crisis = page.select("body > section.crisis[aria-label='Crisis support']")
        assert len(crisis) == 1, path
        assert "988" in crisis[0].get_text(), path
        assert page.select_one(".site-header .book-link").get_text(strip=True) == "Book a session", path


def test_articles_days_and_overviews_end_main_with_a_booking_link(sample_output: Path) -> None:
    candidates = [p for p in (sample_output / "articles").glob("*/index.html") if p.parent.name != "page"]
    candidates += list((sample_output / "journeys").glob("*/index.html"))
    candidates += list((sample_output / "journeys").glob("*/day-*/index.html"))
    checked = 0
    for path in candidates:
        main = soup(path).find("main")
        last = main.find_all(recursive=False)[-1]
        if path.parent.name == "grief-support-group-this-fall":  # the one article with `cta: false`
            assert not main.select("aside.booking"), "cta: false must remove the block"
            continue
        assert last.name == "aside" and "booking" in last.get("class", []), path
        assert "book" in last.find("a").get_text().lower(), path
        checked += 1
    assert checked >= 20


def test_no_internal_link_is_broken(sample_output: Path) -> None:
    checked = 0
    for path in pages(sample_output):
        for tag in soup(path).find_all(["a", "link", "script", "img"]):
            url = tag.get("href") or tag.get("src") or ""
            if not url.startswith("/"):
                continue
            target = sample_output / url.split("#")[0].split("?")[0].lstrip("/")
            assert target.is_file() or (target / "index.html").is_file(), f"{path}: broken link {url}"
            checked += 1
    assert checked > 1000


def test_nothing_loads_from_another_origin(sample_output: Path) -> None:
    for path in pages(sample_output):
        page = soup(path)
        for tag in page.find_all(["script", "img", "iframe", "source", "video", "audio"]):
            assert not (tag.get("src") or "").startswith(("http:", "https:", "//")), path
        for tag in page.find_all("link", rel="stylesheet"):
            assert tag["href"].startswith("/"), path
    css = (sample_output / "static/site.css").read_text()
    assert "url(" not in css and "@import" not in css


def test_articles_carry_byline_review_and_educational_note(sample_output: Path) -> None:
    page = soup(sample_output / "articles/shorter-days-lower-mood/index.html")
    header = page.select_one(".article-header").get_text(" ", strip=True)
    assert "By Priya Natarajan, LCSW" in header
    assert "Clinically reviewed by Daniel Reyes, PsyD, Psychologist on February 1, 2026" in header
    assert page.select_one(".article-header a[href='/team/priya-natarajan/']") is not None
    assert "not a substitute" in page.select_one(".educational-note").get_text()

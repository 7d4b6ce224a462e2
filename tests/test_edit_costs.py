"""A build after a small edit renders again exactly the pages that show it, and its output
equals a clean build of the same sources byte for byte."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from conftest import SAMPLE_EPOCH, MakeSite, clean_build, many_articles, snapshot, written_by
from sitegen.build import build as build_site
from sitegen.planning import page_kit
from sitegen.reading import parse_cache
from sitegen.reading.models import Article

THEME_ARTICLE = Path(__file__).parent.parent / "themes" / "default" / "templates" / "article.html"
CLINICIAN = """---
name: Robin Vale
credentials: LCSW
role: Licensed Clinical Social Worker
---

Robin listens first.
"""


@pytest.fixture
def site(make_site: MakeSite, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", SAMPLE_EPOCH)
    files = written_by(many_articles(24), "robin-vale", 3, 11)
    root = make_site({**files, "content/team/robin-vale.md": CLINICIAN})
    build_site(root)
    return root


def pages(root: Path) -> dict[str, int]:
    """Every page of the output by its path, with its inode: a page rendered again gets a new file."""
    output = root / "output"
    return {p.relative_to(output).as_posix(): p.stat().st_ino for p in output.rglob("*.html")}


def rendered_again(before: dict[str, int], after: dict[str, int]) -> set[str]:
    return {page for page, inode in after.items() if before.get(page) != inode}


def test_a_new_title_renders_again_only_the_pages_that_show_it(site: Path) -> None:
    article = site / "content/articles/post-0005.md"
    article.write_text(article.read_text().replace("title: Post 5\n", "title: Post five, retitled\n"))
    before = pages(site)
    report = build_site(site)
    after = pages(site)
    showing = {page for page in after if "Post five, retitled" in (site / "output" / page).read_text()}
    assert "articles/post-0005/index.html" in showing and len(showing) >= 3  # its page, listings, its tag
    assert rendered_again(before, after) - {"search/index.html"} == showing
    assert report.rendered == len(rendered_again(before, after))
    incremental = snapshot(site / "output")
    assert clean_build(site) == incremental


def test_an_edited_body_renders_again_only_its_own_page(site: Path) -> None:
    article = site / "content/articles/post-0007.md"
    article.write_text(article.read_text() + "\nOne more sentence, written today.\n")
    before = pages(site)
    build_site(site)
    assert rendered_again(before, pages(site)) - {"search/index.html"} == {"articles/post-0007/index.html"}
    incremental = snapshot(site / "output")
    assert clean_build(site) == incremental


def test_a_new_article_renders_again_only_the_pages_that_change(site: Path) -> None:
    """Every page names the categories, but only the categories index and a category's own
    pages count its articles: a new article leaves the pages of the others alone."""
    output = site / "output"
    before, bytes_before = pages(site), snapshot(output)
    (site / "content/articles/a-new-post.md").write_text(
        "---\ntitle: A new post\ndate: 2024-02-03\ncategory: Anxiety\ntags: [tag3]\n---\nA first gentle step.\n"
    )
    report = build_site(site)
    after, bytes_after = pages(site), snapshot(output)
    changed = {page for page in after if bytes_before.get(page) != bytes_after[page]}
    assert {"articles/a-new-post/index.html", "categories/index.html"} <= changed
    assert not any(page.startswith("articles/post-") for page in changed)
    assert rendered_again(before, after) == changed
    counting = {page for page in after if page.startswith("categories/anxiety/")}
    assert report.rendered == len(changed | counting | {"search/index.html"}), "no other page rendered again"
    assert clean_build(site) == bytes_after


def test_an_edit_digests_the_card_of_the_edited_article_alone(
    site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The parse cache keeps each article's card digest (what listings show of it) with the article,
    so the planner does not digest the cards of every article again for each build."""
    digested: list[str] = []
    card_digest = page_kit.card_digest

    def counted(article: Article) -> bytes:
        digested.append(article.slug)
        return card_digest(article)

    monkeypatch.setattr(parse_cache, "card_digest", counted)
    monkeypatch.setattr(page_kit, "card_digest", counted)
    article = site / "content/articles/post-0009.md"
    article.write_text(article.read_text().replace("title: Post 9\n", "title: Post nine, retitled\n"))
    build_site(site)
    assert digested == ["post-0009"]
    assert "Post nine, retitled" in (site / "output/articles/index.html").read_text()
    assert clean_build(site) == snapshot(site / "output")


def test_a_template_edit_renders_again_every_page_made_from_it(site: Path) -> None:
    override = site / "templates/article.html"
    override.parent.mkdir()
    text = THEME_ARTICLE.read_text(encoding="utf-8")
    override.write_text(text.replace("{% block main %}", "{% block main %}\n<!-- edited template -->", 1))
    before = pages(site)
    build_site(site)
    after = pages(site)
    articles = {page for page in after if page.startswith("articles/post-")}
    assert len(articles) == 24 and articles <= rendered_again(before, after)
    assert all("<!-- edited template -->" in (site / "output" / page).read_text() for page in articles)
    incremental = snapshot(site / "output")
    assert clean_build(site) == incremental


def test_a_clinicians_new_name_reaches_every_byline(site: Path) -> None:
    clinician = site / "content/team/robin-vale.md"
    clinician.write_text(clinician.read_text().replace("name: Robin Vale", "name: Robin Vale-Okoro"))
    build_site(site)
    for name in ("post-0003", "post-0011"):
        assert "Robin Vale-Okoro" in (site / f"output/articles/{name}/index.html").read_text()
    assert "Robin Vale-Okoro" in (site / "output/team/robin-vale/index.html").read_text()
    incremental = snapshot(site / "output")
    assert clean_build(site) == incremental


def test_a_page_changed_in_the_output_keeping_its_size_and_date_is_made_again(site: Path) -> None:
    page = site / "output/articles/post-0002/index.html"
    original, stamp = page.read_bytes(), page.stat()
    with page.open("r+b") as handle:  # the same file, the same length, other bytes
        handle.write(b"<!-- someone wrote here -->")
    os.utime(page, ns=(stamp.st_atime_ns, stamp.st_mtime_ns))
    assert (page.stat().st_size, page.stat().st_mtime_ns) == (stamp.st_size, stamp.st_mtime_ns)
    build_site(site)
    assert (site / "output/articles/post-0002/index.html").read_bytes() == original


def test_an_article_changed_keeping_its_size_and_date_is_read_again(
    site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(parse_cache, "_SETTLED_NS", 0)  # this test's files count as long saved
    build_site(site)  # the articles are stamped now
    article = site / "content/articles/post-0004.md"
    text, stamp = article.read_text(), article.stat()
    article.write_text(text.replace("title: Post 4\n", "title: Post X\n"))
    os.utime(article, ns=(stamp.st_atime_ns, stamp.st_mtime_ns))
    assert (article.stat().st_size, article.stat().st_mtime_ns) == (stamp.st_size, stamp.st_mtime_ns)
    build_site(site)
    assert "Post X" in (site / "output/articles/post-0004/index.html").read_text()

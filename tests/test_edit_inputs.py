"""An edit is checked against what each page is made from (its article, and what every page
shares), not against every page's whole context: an article's page whose inputs are unchanged
is not even planned in full. Whatever the edit, the output equals a clean build's."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import msgspec
import pytest

from conftest import SAMPLE_EPOCH, MakeSite, clean_build, many_articles, snapshot, written_by
from sitegen.build import build as build_site
from sitegen.core import sealed
from sitegen.core.clock import today
from sitegen.planning import article_pages
from sitegen.publishing import uptodate
from sitegen.reading import parse_cache

REVIEWER = """---
name: Robin Vale
credentials: LCSW
role: Licensed Clinical Social Worker
---

Robin listens first.
"""
SEARCH_PAGE = "search/index.html"


@pytest.fixture
def site(make_site: MakeSite, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", SAMPLE_EPOCH)
    files = written_by(many_articles(30), "robin-vale", 9)
    root = make_site({**files, "content/team/robin-vale.md": REVIEWER})
    build_site(root)
    return root


def page_bytes(root: Path) -> dict[str, bytes]:
    output = root / "output"
    return {p.relative_to(output).as_posix(): p.read_bytes() for p in output.rglob("*.html")}


def changed_pages(before: dict[str, bytes], after: dict[str, bytes]) -> set[str]:
    return {page for page, data in after.items() if before.get(page) != data} - {SEARCH_PAGE}


def write(root: Path, relative: str, text: str) -> None:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def edit(root: Path, relative: str, old: str, new: str) -> None:
    path = root / relative
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_an_edited_body_renders_and_plans_only_its_own_page(site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    made: list[str] = []
    make = article_pages.article_context
    monkeypatch.setattr(article_pages, "article_context", lambda kit, a, cta: made.append(a.slug) or make(kit, a, cta))
    article = site / "content/articles/post-0007.md"
    article.write_text(article.read_text() + "\nOne more sentence, written today.\n")
    report = build_site(site, workers=1)
    assert made == ["post-0007"]  # the other 29 articles' pages were not planned in full
    assert report.rendered == 2  # the article's page, and the search page naming the new index
    assert report.reused == report.pages - 2
    incremental = snapshot(site / "output")
    assert clean_build(site) == incremental


def test_a_new_title_renders_the_pages_that_list_it_and_no_other(site: Path) -> None:
    before = page_bytes(site)
    edit(site, "content/articles/post-0005.md", "title: Post 5\n", "title: Post five, retitled\n")
    report = build_site(site)
    after = page_bytes(site)
    showing = {page for page, data in after.items() if b"Post five, retitled" in data}
    assert {"articles/post-0005/index.html", "tags/tag5/index.html"} <= showing
    assert any(page.startswith("articles/page/") or page == "articles/index.html" for page in showing)
    assert changed_pages(before, after) == showing
    assert report.rendered == len(showing) + 1  # and the search page
    incremental = snapshot(site / "output")
    assert clean_build(site) == incremental


EDITS: dict[str, Callable[[Path], None]] = {
    "a reviewer's new name": lambda root: edit(root, "content/team/robin-vale.md", "Robin Vale", "Robin Vale-Okoro"),
    "a new tag": lambda root: edit(root, "content/articles/post-0003.md", "tags: [tag3]", "tags: [tag3, brand-new]"),
    "a new category": lambda root: edit(
        root, "content/articles/post-0004.md", "category: Anxiety", "category: Relationships"
    ),
    "a new date": lambda root: edit(root, "content/articles/post-0006.md", "date: 2024-07-07", "date: 2020-01-01"),
    "a clinician's own booking link": lambda root: edit(
        root, "content/team/robin-vale.md", "role:", "booking_url: https://example.org/robin/\nrole:"
    ),
    "a stylesheet of its own": lambda root: write(root, "static/site.css", "body { margin: 0 }\n"),
    "a new article": lambda root: (root / "content/articles/post-0100.md").write_text(
        many_articles(101)["content/articles/post-0100.md"], encoding="utf-8"
    ),
    "an article removed": lambda root: (root / "content/articles/post-0002.md").unlink(),
    "a page of its own": lambda root: (root / "content/pages/privacy.md").write_text(
        "---\ntitle: Privacy\n---\nWe keep nothing.\n", encoding="utf-8"
    ),
    "a new description for the site": lambda root: edit(
        root, "site.yaml", "title: Test Practice\n", "title: Test Practice\ndescription: Calm, kind care.\n"
    ),
}


@pytest.mark.parametrize("name", EDITS)
def test_every_page_an_edit_changes_is_rendered_and_the_output_is_a_clean_builds(site: Path, name: str) -> None:
    (site / "content/pages").mkdir(exist_ok=True)
    before = page_bytes(site)
    EDITS[name](site)
    report = build_site(site)
    after = page_bytes(site)
    assert changed_pages(before, after), "the edit shows somewhere"
    assert report.rendered >= len(changed_pages(before, after))
    incremental = snapshot(site / "output")
    assert clean_build(site) == incremental


def test_two_articles_with_the_same_bytes_stay_two_articles(make_site: MakeSite) -> None:
    text = many_articles(1)["content/articles/post-0000.md"]
    files = {"content/articles/one.md": text, "content/articles/two.md": text, **many_articles(3)}
    root = make_site(files)
    build_site(root)
    (root / "content/articles/post-0001.md").unlink()  # any edit: the two come from the cache now
    build_site(root)
    for slug in ("one", "two"):
        assert (root / f"output/articles/{slug}/index.html").is_file()


def test_an_edit_adds_to_the_parse_cache_without_writing_it_all_again(site: Path) -> None:
    main = site / ".sitegen-cache/articles.msgpack"
    written = main.stat().st_mtime_ns, main.stat().st_ino
    for n in range(3):
        edit(site, "content/articles/post-0008.md", "## Part two", f"## Part two, take {n}")
        build_site(site)
        assert (main.stat().st_mtime_ns, main.stat().st_ino) == written
    assert "Part two, take 2" in (site / "output/articles/post-0008/index.html").read_text()
    incremental = snapshot(site / "output")
    assert clean_build(site) == incremental


def test_an_edit_keeps_beside_the_parse_cache_only_the_stamps_that_changed(
    site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The main file holds every article's stamp; the small file beside it, written by an edit,
    holds those that differ (at 10,000 articles all of them took 3 ms to write and 4 ms to read)."""
    monkeypatch.setattr(parse_cache, "_SETTLED_NS", 0)  # this test's files count as long saved
    for name in sorted((site / "content/articles").glob("*.md"))[:20]:  # the main file anew, every file stamped
        name.write_text(name.read_text() + "\nA closing thought.\n")
    build_site(site)
    edit(site, "content/articles/post-0008.md", "## Part two", "## Part two, taken again")
    build_site(site)
    recent = sealed.read_sealed(site / ".sitegen-cache/articles.recent.msgpack")
    assert recent is not None
    _, entries, stamps, *_ = msgspec.msgpack.decode(recent)
    assert len(entries) == 1
    assert [Path(named).name for named in stamps] == ["post-0008.md"]
    read: list[str] = []
    real_key = parse_cache.ParseCache.key

    def reading(cache: parse_cache.ParseCache[object], path: Path, data: bytes) -> bytes:
        read.append(path.name)
        return real_key(cache, path, data)

    monkeypatch.setattr(parse_cache.ParseCache, "key", reading)
    edit(site, "content/articles/post-0009.md", "## Part two", "## Part two, taken again")
    build_site(site)
    assert read == ["post-0009.md"], "the first edit's stamp was read back from beside the main file"
    (site / "content/articles/post-0010.md").unlink()  # its stamp, still in the main file, is no longer kept
    build_site(site)
    _, _, stamps, *_ = msgspec.msgpack.decode(sealed.read_sealed(site / ".sitegen-cache/articles.recent.msgpack"))
    assert stamps[str(site / "content/articles/post-0010.md")][1] == b"", "its key is no entry's"
    incremental = snapshot(site / "output")
    assert clean_build(site) == incremental


def test_many_edits_write_the_parse_cache_anew_with_only_what_is_used(site: Path) -> None:
    for name in sorted((site / "content/articles").glob("*.md"))[:20]:
        name.write_text(name.read_text() + "\nA closing thought.\n")
    main = site / ".sitegen-cache/articles.msgpack"
    written = main.stat().st_mtime_ns, main.stat().st_ino
    build_site(site)
    assert (main.stat().st_mtime_ns, main.stat().st_ino) != written
    assert not (site / ".sitegen-cache/articles.recent.msgpack").exists()
    incremental = snapshot(site / "output")
    assert clean_build(site) == incremental


def test_an_edit_saved_after_the_inputs_were_checked_is_built_next_time(
    site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The command line checks the inputs before it waits for another build to finish; the build
    then reads each file by the stamp that check took. A save in between is the next build's."""
    monkeypatch.setattr(parse_cache, "_SETTLED_NS", 0)  # this test's files count as long saved
    monkeypatch.setattr(uptodate, "_SETTLED_NS", 0)
    build_site(site)  # the articles are stamped now
    output = (site / "output").resolve()
    inputs = uptodate.input_digest(site.resolve(), uptodate.options_key(False, today().isoformat(), output))
    edit(site, "content/articles/post-0012.md", "## Part two", "## Part two, saved meanwhile")
    build_site(site, inputs=inputs)
    build_site(site)
    assert "saved meanwhile" in (site / "output/articles/post-0012/index.html").read_text()
    incremental = snapshot(site / "output")
    assert clean_build(site) == incremental

"""The search index costs what changed for Pagefind: a template edit it cannot see (a comment
in the body, the footer) indexes no part again, and an edit indexes and links only its own
part; while anything Pagefind reads (text, an id, a data-pagefind attribute) indexes its part
again. Whatever is reused, the output is the same as a clean build's, byte for byte."""

from __future__ import annotations

import fcntl
import os
import shutil
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from conftest import REPO, SAMPLE_EPOCH, MakeSite, clean_build, snapshot
from sitegen.build import build as build_site
from sitegen.publishing import pagefind_runs, rendered_pages, search_index

THEMES = REPO / "themes/default/templates"
ARTICLE = "---\ntitle: Calm {n}\ndate: 2025-01-0{n}\ncategory: Anxiety\n---\nSteady breathing, part {n}.\n"
FILES = {f"content/articles/calm-{n}.md": ARTICLE.format(n=n) for n in range(1, 7)}
PARTS = 2  # six articles: a part of two and one of four (search_layout.py: by each path's hash)


@pytest.fixture
def site(make_site: MakeSite, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", SAMPLE_EPOCH)
    monkeypatch.setenv("SITEGEN_SEARCH_CHUNK", "2")
    root = make_site(FILES)
    assert build_site(root).search_parts_indexed == PARTS
    return root


def as_a_clean_build(site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The output equals a clean build's, made with every patch undone (the fixture's settings kept)."""
    monkeypatch.undo()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", SAMPLE_EPOCH)
    monkeypatch.setenv("SITEGEN_SEARCH_CHUNK", "2")
    incremental = snapshot(site / "output")
    assert clean_build(site) == incremental


def override(site: Path, template: str, old: str, new: str) -> None:
    """The project's own copy of a theme template, with `old` replaced by `new`."""
    text = (THEMES / template).read_text(encoding="utf-8")
    assert old in text
    target = site / "templates" / template
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text.replace(old, new, 1), encoding="utf-8")


def a_comment_in_the_body(site: Path) -> None:
    override(site, "article.html", "{% block main %}", "{% block main %}\n<!-- a note for whoever edits this next -->")


def a_line_in_the_footer(site: Path) -> None:
    footer = '{% include "partials/footer.html" %}'
    override(site, "base.html", footer, "<p>Open on Saturdays.</p>\n" + footer)


@pytest.mark.parametrize("edit", [a_comment_in_the_body, a_line_in_the_footer])
def test_a_template_edit_pagefind_cannot_see_indexes_no_part_again(site: Path, edit: Callable[[Path], None]) -> None:
    edit(site)
    report = build_site(site)
    assert report.rendered >= 6, "every article page changed"
    assert report.search_parts_indexed == 0
    incremental = snapshot(site / "output")
    assert clean_build(site) == incremental, "the same bytes as indexing everything afresh"


def more_text(site: Path) -> None:
    article = site / "content/articles/calm-3.md"
    article.write_text(article.read_text() + "\nA new word: lanternfish.\n")


def only_calm_3(site: Path, attribute: str) -> None:
    """An attribute on the article element of one page (inside the body Pagefind reads)."""
    tag = '<article class="article">'
    condition = '{% if article.summary.title == "Calm 3" %} '
    override(site, "article.html", tag, tag[:-1] + condition + attribute + "{% endif %}>")


def an_id(site: Path) -> None:
    only_calm_3(site, 'id="third"')


def a_weight(site: Path) -> None:
    only_calm_3(site, 'data-pagefind-weight="3"')


def a_filter(site: Path) -> None:
    only_calm_3(site, 'data-pagefind-filter="mood:calm"')


@pytest.mark.parametrize("edit", [more_text, an_id, a_weight, a_filter])
def test_an_edit_pagefind_reads_indexes_its_part_again(site: Path, edit: Callable[[Path], None]) -> None:
    edit(site)
    assert build_site(site).search_parts_indexed == 1
    incremental = snapshot(site / "output")
    assert clean_build(site) == incremental


def test_an_edit_links_only_its_own_part_of_the_index(site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for n in (1, 2):  # after two builds, the spare tree holds an index too
        (site / "content/articles/calm-3.md").write_text(ARTICLE.format(n=3) + f"\nEdit {n}.\n")
        build_site(site)
    index_files = len([path for path in (site / "output/pagefind").rglob("*") if path.is_file()])
    linked: list[str] = []
    real_link = os.link

    def counting(source: str | Path, target: str | Path, *args: object, **kwargs: object) -> None:
        if "pagefind" in str(target):
            linked.append(str(target))
        real_link(source, target)

    monkeypatch.setattr(os, "link", counting)
    (site / "content/articles/calm-3.md").write_text(ARTICLE.format(n=3) + "\nEdit 3.\n")
    assert build_site(site).search_parts_indexed == 1
    assert 0 < len(linked) < index_files / 2, "the new part is kept in the cache; the other parts stay where they are"
    as_a_clean_build(site, monkeypatch)


def test_an_index_file_changed_in_place_is_never_published_again(site: Path) -> None:
    (site / "content/articles/calm-1.md").write_text(ARTICLE.format(n=1) + "\nEdited.\n")
    build_site(site)  # the spare tree now holds the first build's index, linked to the same files
    for path in sorted((site / "output/pagefind").rglob("pagefind-entry.json")):
        with path.open("r+b") as entry:  # in place: the output, the spare tree and the cache share this file
            entry.write(b"[")
    (site / "content/articles/calm-6.md").write_text(ARTICLE.format(n=6) + "\nEdited too.\n")
    assert build_site(site).search_parts_indexed == PARTS, "each damaged part is made again"
    incremental = snapshot(site / "output")
    assert clean_build(site) == incremental


def test_a_stray_file_or_folder_in_a_part_is_never_published(site: Path) -> None:
    (site / "content/articles/calm-1.md").write_text(ARTICLE.format(n=1) + "\nEdited.\n")
    build_site(site)  # the spare tree now holds the first build's index, linked to the same files
    trees = [site / "output", *(site / ".sitegen-cache/spare").glob("*.tree")]
    parts = [part for tree in trees for part in (tree / "pagefind").iterdir()]
    assert len(parts) >= 2 * PARTS
    for part in parts:
        (part / "fragment" / "stray.pf_fragment").write_bytes(b"not made by Pagefind")
        (part / "stray").mkdir()
    (site / "content/articles/calm-6.md").write_text(ARTICLE.format(n=6) + "\nEdited too.\n")
    assert build_site(site).search_parts_indexed == 1, "the other parts are linked again from the cache"
    assert not list((site / "output").rglob("stray*"))
    incremental = snapshot(site / "output")
    assert clean_build(site) == incremental


def test_pages_read_from_a_folder_of_their_own_make_the_same_index(
    make_site: MakeSite, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A large site's parts are indexed from folders holding their pages alone (Pagefind then
    walks no other folder), a small site's from the site itself: the bytes are the same."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", SAMPLE_EPOCH)
    monkeypatch.setenv("SITEGEN_SEARCH_CHUNK", "2")
    own = make_site(FILES)
    walked = shutil.copytree(own, tmp_path / "walked")
    linked: list[Path] = []
    real_link_all = pagefind_runs.link_all

    def linking(source: Path, files: list[str], target: Path) -> None:
        linked.append(target)
        real_link_all(source, files, target)

    monkeypatch.setattr(pagefind_runs, "link_all", linking)
    monkeypatch.setattr(search_index, "reads_own_folder", lambda searchable, part: True)
    assert build_site(own).search_parts_indexed == PARTS
    assert len(linked) == PARTS, "each part's pages were linked into a folder of their own"
    monkeypatch.setattr(search_index, "reads_own_folder", lambda searchable, part: False)
    assert build_site(walked).search_parts_indexed == PARTS
    assert len(linked) == PARTS
    assert snapshot(own / "output") == snapshot(walked / "output")
    assert not list((own / "output").rglob("*-pages")), "the folders of pages are not published"


def test_a_damaged_page_beside_an_edit_is_rendered_again_before_its_part_is_indexed(
    site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An edit's part is indexed while the unchanged pages settle: a page of that part found
    changed behind the build's back is rendered again first, so Pagefind reads the right bytes.
    Here the other pages settle only once Pagefind has started on the edited part."""
    (site / "content/articles/calm-1.md").write_text(ARTICLE.format(n=1) + "\nEdited.\n")
    build_site(site)  # the spare tree now holds pages too
    with (site / "output/articles/calm-4/index.html").open("r+b") as page:  # the output and the store share it
        page.write(b"<p>Not what sitegen wrote: lanternfish.</p>")
    (site / "content/articles/calm-3.md").write_text(ARTICLE.format(n=3) + "\nEdited too.\n")
    read: dict[str, bytes] = {}
    started = threading.Event()
    real_run, real_finished = search_index.run_pagefind, rendered_pages.PageRendering.finished

    def run(site: Path, language: str, bundle: str, pages: list[str] | None, own: bool, reading: Any = None) -> None:
        read.update((page, (site / page).read_bytes()) for page in pages or [])
        started.set()
        real_run(site, language, bundle, pages, own, reading)

    def finished(self: rendered_pages.PageRendering, workers: int = 1) -> object:
        assert started.wait(60), "Pagefind started on the edited part before the other pages settled"
        return real_finished(self, workers)

    monkeypatch.setattr(search_index, "run_pagefind", run)
    monkeypatch.setattr(rendered_pages.PageRendering, "finished", finished)
    report = build_site(site)
    assert b"lanternfish" not in read["articles/calm-4/index.html"]
    assert report.search_parts_indexed == 1
    assert report.rendered == 3, "the edited page, its damaged neighbour and the search page"
    as_a_clean_build(site, monkeypatch)


def test_an_edit_reads_the_keys_it_lost_from_pages_put_in_place_first(site: Path) -> None:
    """Without the record of what Pagefind reads of each page, every page is read again, from the
    site: each is put there before it is read, while the others wait to be settled."""
    (site / "content/articles/calm-1.md").write_text(ARTICLE.format(n=1) + "\nEdited.\n")
    build_site(site)
    (site / ".sitegen-cache/pagefind/pages.keys").unlink()
    (site / "content/articles/calm-3.md").write_text(ARTICLE.format(n=3) + "\nEdited too.\n")
    assert build_site(site).search_parts_indexed == 1
    incremental = snapshot(site / "output")
    assert clean_build(site) == incremental


def test_an_article_added_or_removed_indexes_only_the_part_it_joins_or_leaves(
    make_site: MakeSite, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Which part holds a page depends on its path alone: a new article, listed first, moves no
    other page into another part, and neither does one removed."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", SAMPLE_EPOCH)
    monkeypatch.setenv("SITEGEN_SEARCH_CHUNK", "2")
    root = make_site({f"content/articles/calm-{n}.md": ARTICLE.format(n=n) for n in range(1, 9)})
    assert build_site(root).search_parts_indexed == 4, "eight articles, at most two to a part on average"
    (root / "content/articles/a-new-day.md").write_text(
        "---\ntitle: A new day\ndate: 2025-02-01\ncategory: Anxiety\n---\nMorning light, softly.\n"
    )
    assert build_site(root).search_parts_indexed == 1
    assert clean_build(root) == snapshot(root / "output")
    (root / "content/articles/calm-2.md").unlink()
    assert build_site(root).search_parts_indexed == 1
    assert clean_build(root) == snapshot(root / "output")


def test_a_failure_while_the_index_is_prepared_lets_go_of_its_lock(
    site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The preview builds again in the same process: a lock on the search cache kept after a
    failed build would hold its next build for ever."""
    (site / "content/articles/calm-1.md").write_text(ARTICLE.format(n=1) + "\nEdited.\n")

    def no_room(*args: object) -> object:
        raise OSError("no room to link the pages")

    with monkeypatch.context() as patched:
        patched.setattr(search_index, "pages_to_read", no_room)
        failed = pytest.raises(OSError)
        with failed:
            build_site(site)
        lock = os.open(site / ".sitegen-cache/search.lock", os.O_RDWR)
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)  # BlockingIOError while the failed build holds it
        finally:
            os.close(lock)
    assert failed.excinfo is not None  # the failure is still at hand, as a preview's log keeps it
    assert build_site(site).search_parts_indexed == 1

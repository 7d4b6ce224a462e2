"""The cache and the worker processes are only optimisations: the output never depends on them."""

from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path

import pytest

from conftest import SAMPLE_EPOCH, MakeSite, copy_sample, many_articles, run_sitegen, snapshot
from sitegen.build import build as build_site
from sitegen.rendering.page_cache import Found, PageCache


def build(root: Path, **env: str) -> dict[str, str]:
    result = run_sitegen("build", "-q", cwd=root, env=env)
    assert result.code == 0, result.err
    return snapshot(root / "output")


def test_cold_warm_corrupt_and_incremental_builds_are_byte_identical(tmp_path: Path) -> None:
    root = copy_sample(tmp_path / "site")
    cold = build(root)
    cache = root / ".sitegen-cache"
    assert any(cache.iterdir()), "a successful build keeps a cache"
    shutil.rmtree(root / "output")
    assert build(root) == cold, "warm build (cache present, output removed)"
    corrupted = [entry for entry in cache.rglob("*") if entry.is_file()]
    assert len(corrupted) >= 3
    for entry in corrupted:
        entry.write_bytes(b"\x80\x04 not a cache entry")
    assert build(root) == cold, "a corrupt cache is ignored"
    shutil.rmtree(root / "output")
    assert build(root) == cold, "and rebuilt"

    article = root / "content/articles/the-reassurance-trap.md"
    original = article.read_text()
    article.write_text(original.replace("Most of us seek reassurance", "Most of us look for reassurance"))
    edited_incremental = build(root)
    assert edited_incremental != cold
    shutil.rmtree(cache)
    shutil.rmtree(root / "output")
    assert build(root) == edited_incremental, "incremental build equals a cold build of the same input"

    article.write_text(original)
    assert build(root) == cold, "undoing the edit gives the original bytes back"


def test_single_process_and_parallel_builds_are_identical(make_site: MakeSite) -> None:
    root = make_site(many_articles(300))  # enough pages that work is spread over processes
    parallel = build(root, SITEGEN_WORKERS="2")
    shutil.rmtree(root / ".sitegen-cache")
    shutil.rmtree(root / "output")
    assert build(root, SITEGEN_WORKERS="1") == parallel


def test_a_build_with_nothing_changed_does_nothing(make_site: MakeSite) -> None:
    root = make_site(many_articles(3))
    assert run_sitegen("build", cwd=root).code == 0
    again = run_sitegen("build", cwd=root)
    assert again.code == 0 and "nothing changed" in again.out
    (root / "output/stray.html").write_text("x")  # the output no longer matches what was built
    repaired = run_sitegen("build", cwd=root)
    assert repaired.code == 0 and "built" in repaired.out
    assert not (root / "output/stray.html").exists()
    forced = run_sitegen("build", "--force", cwd=root)
    assert forced.code == 0 and "built" in forced.out


def test_unchanged_files_keep_their_file_and_date_after_an_edit(make_site: MakeSite) -> None:
    root = make_site(many_articles(3))
    assert run_sitegen("build", cwd=root).code == 0
    untouched = root / "output/articles/post-0002/index.html"
    before = untouched.stat()
    article = root / "content/articles/post-0001.md"
    article.write_text(article.read_text().replace("title: Post 1", "title: Post one"))
    assert run_sitegen("build", cwd=root).code == 0
    assert "Post one" in (root / "output/articles/post-0001/index.html").read_text()
    after = untouched.stat()
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)


def test_an_edit_renders_only_the_pages_it_changes(make_site: MakeSite, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", SAMPLE_EPOCH)
    root = make_site(many_articles(30))
    assert build_site(root).rendered > 30
    article = root / "content/articles/post-0005.md"
    article.write_text(article.read_text().replace("## Part two", "## Part two, revised"))
    edited = build_site(root)
    # only the edited article's own page shows its body; the search page names the index it changed
    assert edited.rendered == 2
    assert edited.reused > 30
    assert "Part two, revised" in (root / "output/articles/post-0005/index.html").read_text()


def test_a_tampered_output_file_is_rendered_again(make_site: MakeSite) -> None:
    root = make_site(many_articles(3))
    assert run_sitegen("build", cwd=root).code == 0
    page = root / "output/articles/post-0001/index.html"
    original = page.read_text()
    page.write_text(original.replace("Post 1", "Tampered"))
    assert run_sitegen("build", cwd=root).code == 0
    assert (root / "output/articles/post-0001/index.html").read_text() == original


def test_a_warm_build_links_every_page_from_the_store_instead_of_rendering(
    make_site: MakeSite, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", SAMPLE_EPOCH)
    root = make_site(many_articles(30))
    assert build_site(root).rendered > 30
    cold = snapshot(root / "output")
    shutil.rmtree(root / "output")
    warm = build_site(root)
    assert (warm.rendered, warm.reused > 30) == (0, True)
    assert snapshot(root / "output") == cold


def test_an_edit_re_indexes_only_its_part_of_the_search_index(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", SAMPLE_EPOCH)
    monkeypatch.setenv("SITEGEN_SEARCH_CHUNK", "4")  # the sample's ~30 searchable pages make 8 parts
    root = copy_sample(tmp_path / "site")
    assert build_site(root).search_parts_indexed >= 6, "a first build indexes every part"
    article = root / "content/articles/the-reassurance-trap.md"
    article.write_text(article.read_text().replace("Most of us seek reassurance", "Most of us look for reassurance"))
    assert build_site(root).search_parts_indexed == 1
    incremental = snapshot(root / "output")
    shutil.rmtree(root / ".sitegen-cache")
    shutil.rmtree(root / "output")
    assert build_site(root).search_parts_indexed >= 6
    assert snapshot(root / "output") == incremental, "the same bytes as indexing everything afresh"


def test_a_stored_page_that_vanishes_before_it_is_linked_is_rendered(
    make_site: MakeSite, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A preview and a build share the page store; one may tidy it while the other links from it.
    root = make_site(many_articles(5))
    assert run_sitegen("build", cwd=root).code == 0
    cold = snapshot(root / "output")
    shutil.rmtree(root / "output")
    real_reusable = PageCache.reusable

    def vanishing(self: PageCache, relative: str, digest: bytes, previous: str) -> Found | None:
        found = real_reusable(self, relative, digest, previous)
        if found is not None:
            os.unlink(found[0])
        return found

    monkeypatch.setattr(PageCache, "reusable", vanishing)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", SAMPLE_EPOCH)
    build_site(root, workers=1)
    assert snapshot(root / "output") == cold


def test_journeys_parsed_beside_the_articles_give_the_same_site_and_problems(tmp_path: Path) -> None:
    """Journeys are parsed in the articles' worker processes: the site and the problems reported,
    in their order, are those of a build in one process."""
    root = copy_sample(tmp_path / "site")
    for name, text in many_articles(120).items():  # enough that the work is spread over processes
        (root / name).write_text(text.replace("category: Anxiety", "category: Relationships"), encoding="utf-8")
    parallel = build(root, SITEGEN_WORKERS="2")
    shutil.rmtree(root / ".sitegen-cache")
    shutil.rmtree(root / "output")
    assert build(root, SITEGEN_WORKERS="1") == parallel
    journey = root / "content/journeys/reconnecting-as-a-couple/journey.md"
    journey.write_text(journey.read_text(encoding="utf-8").replace("duration: 3 weeks", "duration: soon"))
    article = root / "content/articles/post-0117.md"
    article.write_text(article.read_text(encoding="utf-8").replace("date: ", "date: 2025-02-30 #"))
    shutil.rmtree(root / ".sitegen-cache")
    failed = [run_sitegen("build", "-q", cwd=root, env={"SITEGEN_WORKERS": w}) for w in ("2", "1")]
    assert [run.code for run in failed] == [1, 1]
    assert failed[0].err == failed[1].err
    problems = failed[0].err
    assert "content/articles/post-0117.md:3: 2025-02-30 is not a day in the calendar" in problems
    assert problems.index("post-0117.md") < problems.index("reconnecting-as-a-couple/journey.md")


def test_the_page_store_keeps_just_the_pages_of_the_last_build(make_site: MakeSite) -> None:
    root = make_site(many_articles(6))

    def edit(number: int, words: str) -> None:
        article = root / f"content/articles/post-{number:04d}.md"
        article.write_text(article.read_text() + f"\n{words}\n")

    def store_holds_just_the_output() -> None:
        stored = {entry.name for entry in (root / ".sitegen-cache/pages").iterdir()}
        pages = {hashlib.sha256(page.read_bytes()).hexdigest() for page in (root / "output").rglob("*.html")}
        assert stored == pages

    assert run_sitegen("build", "-q", cwd=root).code == 0
    for words in ("First edit.", "Second edit."):
        edit(1, words)
        assert run_sitegen("build", "-q", cwd=root).code == 0
        store_holds_just_the_output()
    edited, broken = root / "content/articles/post-0002.md", root / "content/articles/post-0003.md"
    originals = edited.read_text(), broken.read_text()
    edit(2, "An edit whose page a build puts in the store, and then fails.")
    broken.write_text(originals[1] + "\n![A view](https://images.example/v.jpg)\n")
    assert run_sitegen("build", "-q", cwd=root).code == 1
    edited.write_text(originals[0])  # both undone: no page has that edit's bytes any more
    broken.write_text(originals[1])
    edit(4, "Another edit, so that there is something to build.")
    assert run_sitegen("build", "-q", cwd=root).code == 0
    store_holds_just_the_output()

"""The preview writes the page a save was for before it rebuilds the rest: the same bytes the
rebuild writes, never more than that page's own files, and never put back by an older rebuild."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

import sitegen.build
from conftest import SAMPLE_ARTICLE, SAMPLE_ARTICLE_SOURCE, SAMPLE_EPOCH, copy_sample, snapshot, start_serve, stop
from sitegen.build import build
from sitegen.core.errors import BuildFailed
from sitegen.preview.builder import PreviewBuilder
from sitegen.preview.handlers import PreviewState, Shown
from sitegen.preview.serve import PREVIEW_FOLDER, Previewer

ARTICLE = SAMPLE_ARTICLE_SOURCE
PAGE = f"articles/{SAMPLE_ARTICLE}/index.html"
OLD_ADDRESS = "blog/racing-mind-at-night/index.html"  # the article's alias: a page naming its title


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", SAMPLE_EPOCH)
    return copy_sample(tmp_path / "site")


def preview_of(project: Path) -> PreviewBuilder:
    preview = PreviewBuilder(project, project / ".sitegen-preview" / "site")
    preview.build()
    return preview


def pages(project: Path) -> dict[str, str]:
    """The preview's files but its search index (the preview refreshes that on its own)."""
    site = project / ".sitegen-preview" / "site"
    return {name: digest for name, digest in snapshot(site).items() if not name.startswith("pagefind/")}


def page_text(project: Path, page: str = PAGE) -> str:
    return (project / ".sitegen-preview" / "site" / page).read_text(encoding="utf-8")


def edit(project: Path, old: str, new: str) -> frozenset[Path]:
    """Save the article with `old` replaced by `new`; the path as the watcher reports it."""
    path = (project / ARTICLE).resolve()
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return frozenset({path})


def full_build(project: Path, into: Path) -> dict[str, str]:
    build(project, into, drafts=True, use_cache=False)
    return {name: digest for name, digest in snapshot(into).items() if not name.startswith("pagefind/")}


def test_a_saved_article_is_written_ahead_with_the_bytes_the_rebuild_writes(project: Path, tmp_path: Path) -> None:
    preview = preview_of(project)
    before = pages(project)
    saved = edit(project, "Five Ways to Settle a Racing Mind", "Five Kind Ways to Settle a Racing Mind")
    saved |= edit(project, "Many people know the feeling", "Plenty of us know the feeling")

    assert sorted(preview.write_ahead(saved)) == sorted([PAGE, OLD_ADDRESS])
    assert "Plenty of us know the feeling" in page_text(project)
    assert "Five Kind Ways" in page_text(project, OLD_ADDRESS)
    after = pages(project)
    assert {name for name in after if after[name] != before.get(name)} == {PAGE, OLD_ADDRESS}
    assert "Five Kind Ways" not in page_text(project, "articles/index.html"), "the rebuild's to do"

    preview.build(saved)
    preview.refresh_search()  # the search page names the index the preview makes after a rebuild
    assert pages(project) == full_build(project, tmp_path / "fresh")


SavedBy = Callable[[Path], frozenset[Path]]


def new_article(project: Path) -> frozenset[Path]:
    path = project.resolve() / "content/articles/a-new-note.md"
    path.write_text(
        "---\ntitle: A New Note\ndate: 2025-02-02\ncategory: Anxiety & Stress\ntags: [sleep]\n---\nA kind note.\n",
        encoding="utf-8",
    )
    return frozenset({path})


def with_template(project: Path) -> frozenset[Path]:
    footer = project.resolve() / "themes/default/templates/partials/footer.html"
    footer.write_text(footer.read_text(encoding="utf-8") + "<!-- edited -->\n", encoding="utf-8")
    return edit(project, "Many people know the feeling", "Plenty of us know the feeling") | {footer}


LEFT_TO_THE_REBUILD: list[tuple[str, SavedBy]] = [
    ("a new article", new_article),
    ("a new address", lambda p: edit(p, "aliases:", "slug: racing-mind\naliases:")),
    ("another tag", lambda p: edit(p, "tags: [sleep, anxiety, grounding]", "tags: [sleep, anxiety]")),
    ("another category", lambda p: edit(p, "category: Anxiety & Stress", "category: Mood & Depression")),
    ("other old addresses", lambda p: edit(p, '["/blog/racing-mind-at-night/"]', '["/blog/racing-mind/"]')),
    ("a mistake", lambda p: edit(p, "category: Anxiety & Stress", "category: Anxiety")),
    ("a template saved with it", with_template),
]


@pytest.mark.parametrize(("what", "save"), LEFT_TO_THE_REBUILD, ids=[what for what, _ in LEFT_TO_THE_REBUILD])
def test_a_save_that_reaches_other_files_is_left_to_the_rebuild(project: Path, what: str, save: SavedBy) -> None:
    preview = preview_of(project)
    before = pages(project)
    assert preview.write_ahead(save(project)) == []
    assert pages(project) == before


def test_a_rebuild_that_read_the_sources_before_a_later_save_leaves_its_newer_page(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    preview = preview_of(project)
    first = edit(project, "Many people know the feeling", "First words")
    plan_site = sitegen.build.plan_site

    def then_saved_again(*args: object, **kwargs: object) -> sitegen.build.Planned:
        planned = plan_site(*args, **kwargs)  # type: ignore[arg-type]
        assert preview.write_ahead(edit(project, "First words", "Second words")) == [PAGE]
        return planned

    monkeypatch.setattr(sitegen.build, "plan_site", then_saved_again)
    preview.build(first)  # rendered "First words", while "Second words" was written ahead
    monkeypatch.setattr(sitegen.build, "plan_site", plan_site)
    assert "Second words" in page_text(project)

    preview.build(first)
    preview.refresh_search()
    assert pages(project) == full_build(project, tmp_path / "fresh")


def test_a_page_written_ahead_of_a_failed_rebuild_follows_the_fix(project: Path, tmp_path: Path) -> None:
    preview = preview_of(project)
    saved = edit(project, "Many people know the feeling", "Words soon taken back")
    assert preview.write_ahead(saved) == [PAGE]
    edit(project, "category: Anxiety & Stress", "category: Anxiety")
    with pytest.raises(BuildFailed):
        preview.build(saved)
    edit(project, "Words soon taken back", "Many people know the feeling")
    edit(project, "category: Anxiety", "category: Anxiety & Stress")  # back as the last good build had it

    preview.build(saved)
    assert "Words soon taken back" not in page_text(project)
    assert pages(project) == full_build(project, tmp_path / "fresh")


def test_the_served_preview_shows_the_saved_page_and_then_the_rest(tmp_path: Path) -> None:
    server = start_serve(copy_sample(tmp_path / "site"))
    try:
        edit(server.root, "Five Ways to Settle a Racing Mind", "Five Quiet Ways to Settle a Racing Mind")
        server.wait_for(f"/articles/{SAMPLE_ARTICLE}/", "Five Quiet Ways")
        assert server.out.wait_for("updated 2 pages", timeout=30), server.stdout()
        server.wait_for("/articles/", "Five Quiet Ways")  # the listing, once the rest is rebuilt
    finally:
        stop(server)


def test_open_pages_reload_after_the_rebuild_only_if_it_changed_more_than_was_written_ahead(
    project: Path,
) -> None:
    previewer = Previewer(project, PreviewState(Shown(project / PREVIEW_FOLDER)), say=print, warn=print)
    assert previewer.rebuild()

    saved = edit(project, "Many people know the feeling", "Many people know this feeling")  # as many words
    assert previewer.saved(saved) == [PAGE]
    assert previewer.finish()
    assert not previewer.reload_wanted, "every page the rebuild changed was written ahead, and reloaded"

    saved = edit(project, "Five Ways to Settle", "Five Gentle Ways to Settle")  # listings show the title
    assert sorted(previewer.saved(saved)) == sorted([PAGE, OLD_ADDRESS])
    assert previewer.finish()
    assert previewer.reload_wanted

    stylesheet = project.resolve() / "themes/default/static/site.css"
    stylesheet.write_text(stylesheet.read_text(encoding="utf-8") + "\n.calm { color: teal; }\n", encoding="utf-8")
    saved = edit(project, "Many people know this feeling", "Many people know the feeling") | {stylesheet}
    assert previewer.saved(saved) == []
    assert previewer.finish()
    assert previewer.reload_wanted

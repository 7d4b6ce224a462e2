"""The preview's in-place rebuilds write exactly what a full build writes, and only what changed."""

from __future__ import annotations

import gzip
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import SAMPLE_EPOCH, MakeSite, copy_sample, run_sitegen, snapshot
from sitegen.build import build
from sitegen.core.errors import BuildFailed
from sitegen.preview.builder import PreviewBuilder

ARTICLE = "content/articles/grief-does-not-keep-a-schedule.md"


def served_pages(folder: Path) -> dict[str, str]:
    """Every file but the search index (the preview keeps the one before the last too, for a search
    page still open), by digest. The search page names the index, so it matches when they do."""
    return {name: digest for name, digest in snapshot(folder).items() if not name.startswith("pagefind/")}


def append(relative: str, text: str) -> Callable[[Path], None]:
    def edit(root: Path) -> None:
        with (root / relative).open("a", encoding="utf-8") as handle:
            handle.write(text)

    return edit


def replace_text(relative: str, old: str, new: str) -> Callable[[Path], None]:
    def edit(root: Path) -> None:
        path = root / relative
        text = path.read_text(encoding="utf-8")
        assert old in text
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    return edit


def remove(relative: str) -> Callable[[Path], None]:
    return lambda root: (root / relative).unlink()


def add_article(root: Path) -> None:
    (root / "content/articles/a-new-note.md").write_text(
        "---\ntitle: A New Note\ndate: 2026-02-02\ncategory: Anxiety & Stress\ntags: [sleep]\n---\n"
        "A short, kind note.\n",
        encoding="utf-8",
    )


def add_file(relative: str, text: str) -> Callable[[Path], None]:
    def edit(root: Path) -> None:
        (root / relative).parent.mkdir(parents=True, exist_ok=True)
        (root / relative).write_text(text, encoding="utf-8")

    return edit


def override_footer(root: Path) -> None:
    """A file in templates/ placed before the theme's file of the same name."""
    theme_footer = (root / "themes/default/templates/partials/footer.html").read_text(encoding="utf-8")
    add_file("templates/partials/footer.html", theme_footer + "<!-- the project's own footer -->\n")(root)


EDITS: list[tuple[str, Callable[[Path], None]]] = [
    ("the theme's stylesheet", append("themes/default/static/site.css", "\n.calm { color: teal; }\n")),
    ("a stylesheet's font", add_file("static/site.css", "@font-face { font-family: C; src: url(c.woff2); }\n")),
    ("the font itself", add_file("static/c.woff2", "not really a font\n")),
    ("an article's body", append(ARTICLE, "\nOne more gentle sentence for the preview.\n")),
    (
        "an article's title",
        replace_text(ARTICLE, 'title: "Grief Doesn\'t Keep a Schedule"', "title: Grief Has No Timetable"),
    ),
    ("a new article", add_article),
    ("a removed article", remove("content/articles/co-parenting-through-a-separation.md")),
    ("a journey", append("content/journeys/steadier-days.md", "\nA closing thought for the week.\n")),
    ("a template", append("themes/default/templates/partials/footer.html", "<!-- edited -->\n")),
    ("a project templates folder", add_file("templates/unused.html", "<p>not used by any page</p>\n")),
    ("an override of a theme template", override_footer),
    ("site.yaml", replace_text("site.yaml", "title: Willow Path Counseling", "title: Willow Path Counselling")),
]


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", SAMPLE_EPOCH)
    return copy_sample(tmp_path / "site")


def test_every_rebuild_matches_a_full_build_of_the_same_sources(project: Path, tmp_path: Path) -> None:
    preview = PreviewBuilder(project, project / ".sitegen-preview" / "site")
    preview.build()
    for number, (what, edit) in enumerate(EDITS):
        edit(project)
        preview.build()
        preview.refresh_search()  # the search page names the new index once the preview has made it
        fresh = tmp_path / f"fresh-{number}"
        build(project, fresh, drafts=True, use_cache=False)
        assert served_pages(project / ".sitegen-preview" / "site") == served_pages(fresh), f"after editing {what}"


def test_a_body_edit_renders_only_that_page_and_a_no_op_renders_nothing(project: Path) -> None:
    preview = PreviewBuilder(project, project / ".sitegen-preview" / "site")
    assert preview.build().pages == preview.rendered > 50  # the first build renders everything
    preview.build()
    assert preview.rendered == 0
    append(ARTICLE, "\nA sentence only the article page shows.\n")(project)
    preview.build()
    assert preview.rendered == 1
    page = project / ".sitegen-preview/site/articles/grief-does-not-keep-a-schedule/index.html"
    assert "A sentence only the article page shows." in page.read_text(encoding="utf-8")


def test_a_failed_rebuild_leaves_the_preview_as_it_was(project: Path) -> None:
    preview = PreviewBuilder(project, project / ".sitegen-preview" / "site")
    preview.build()
    before = served_pages(project / ".sitegen-preview" / "site")
    append(ARTICLE, "\nThis sentence must not appear while the theme is broken.\n")(project)
    append("themes/default/templates/article.html", "{% if %}\n")(project)
    with pytest.raises(BuildFailed) as failure:
        preview.build()
    assert "article.html" in str(failure.value.errors[0])
    assert served_pages(project / ".sitegen-preview" / "site") == before
    replace_text("themes/default/templates/article.html", "{% if %}\n", "")(project)
    preview.build()
    page = project / ".sitegen-preview/site/articles/grief-does-not-keep-a-schedule/index.html"
    assert "This sentence must not appear while the theme is broken." in page.read_text(encoding="utf-8")


def indexed_text(site: Path) -> str:
    """Every page's text as the preview's search index holds it (Pagefind's gzipped fragments)."""
    fragments = sorted((site / "pagefind").rglob("*.pf_fragment"))
    return "\n".join(gzip.decompress(f.read_bytes()).decode("utf-8", "replace") for f in fragments)


def test_the_search_index_follows_edits_part_by_part(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SITEGEN_SEARCH_CHUNK", "4")  # the sample's searchable pages make 8 parts
    site = project / ".sitegen-preview" / "site"
    preview = PreviewBuilder(project, site)
    first = preview.build()
    assert first.search_parts_indexed >= 5, "a new project's first build indexes every part"
    preview.refresh_search()  # whatever the first build left to do
    assert not preview.refresh_search(), "nothing to do when nothing changed"
    append(ARTICLE, "\nA marmalade-coloured word only this edit adds.\n")(project)
    preview.build()
    assert "marmalade" not in indexed_text(site), "the rebuild itself leaves search alone"
    assert preview.refresh_search()
    assert "marmalade" in indexed_text(site)
    assert preview.search_parts_indexed == 1


def test_refreshing_the_preview_search_never_touches_the_built_site(
    make_site: MakeSite, monkeypatch: pytest.MonkeyPatch
) -> None:
    # With no drafts, the preview's pages equal the built site's, so the search cache hands
    # both the same files (hard links); re-indexing the preview must not write into them.
    monkeypatch.setenv("SOURCE_DATE_EPOCH", SAMPLE_EPOCH)
    article = "---\ntitle: Calm {n}\ndate: 2025-01-0{n}\ncategory: Anxiety\n---\nSteady breathing, part {n}.\n"
    root = make_site({f"content/articles/calm-{n}.md": article.format(n=n) for n in range(1, 4)})
    assert run_sitegen("build", cwd=root).code == 0
    built = snapshot(root / "output")
    preview = PreviewBuilder(root, root / ".sitegen-preview" / "site")
    preview.build()
    preview.refresh_search()
    (root / "content/articles/calm-1.md").write_text(article.format(n=1) + "\nA new word: lanternfish.\n")
    preview.build()
    assert preview.refresh_search()
    assert "lanternfish" in indexed_text(root / ".sitegen-preview" / "site")
    assert snapshot(root / "output") == built


def test_a_save_the_watcher_reports_is_read_even_when_its_stamp_looks_unchanged(project: Path) -> None:
    """On a file system with coarse timestamps (or a clock behind the file server's), two saves
    of the same size can leave a file's stamp as it was. The stamp memo would then keep the
    old text; the paths the watcher reports are read again regardless."""
    preview = PreviewBuilder(project, project / ".sitegen-preview" / "site")
    preview.build()
    source = (project / ARTICLE).resolve()
    text = source.read_text(encoding="utf-8")
    assert "Grief" in text
    source.write_text(text.replace("Grief", "GRIEF", 1), encoding="utf-8")  # the same size
    caches = preview._continued.caches
    assert caches is not None
    stamps = caches.articles._stamps
    old_key = stamps[str(source)][1] if str(source) in stamps else caches.articles.key(source, text.encode("utf-8"))
    info = source.stat()
    stamp = (info.st_mtime_ns, info.st_ctime_ns, info.st_size, info.st_ino)
    stamps[str(source)] = (stamp, old_key)  # as if the save had not moved the stamp

    page = project / ".sitegen-preview/site/articles/grief-does-not-keep-a-schedule/index.html"
    preview.build()
    assert "GRIEF" not in page.read_text(encoding="utf-8")  # the hazard: the stamp hides the save
    preview.build(frozenset({source}))
    assert "GRIEF" in page.read_text(encoding="utf-8")


def test_a_reported_folder_has_every_file_in_it_read_again(project: Path) -> None:
    preview = PreviewBuilder(project, project / ".sitegen-preview" / "site")
    preview.build()
    caches = preview._continued.caches
    assert caches is not None
    articles = (project / "content/articles").resolve()
    caches.articles._stamps[str(articles / "x.md")] = ((0, 0, 0, 0), b"")
    caches.articles._stamps[str(articles) + "-elsewhere.md"] = ((0, 0, 0, 0), b"")
    caches.articles._stamps[str(project.resolve() / "elsewhere.md")] = ((0, 0, 0, 0), b"")
    caches.forget(frozenset({articles}))
    assert sorted(caches.articles._stamps) == [str(articles) + "-elsewhere.md", str(project.resolve() / "elsewhere.md")]

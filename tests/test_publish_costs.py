"""What a build after a small edit leaves alone: the inputs it need not read again, the output
it need not walk for its stamp, and the feeds the edit does not reach. Each leaves the output
exactly a clean build's."""

from __future__ import annotations

import builtins
import io
import os
import shutil
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from conftest import SAMPLE_EPOCH, MakeSite, full_tree, many_articles
from sitegen.cli import main
from sitegen.core.clock import today
from sitegen.publishing import feeds, sitemap, spare_tree, uptodate
from sitegen.reading import parse_cache


@pytest.fixture
def site(make_site: MakeSite, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", SAMPLE_EPOCH)
    monkeypatch.setenv("SITEGEN_WORKERS", "1")  # every file the build reads is read in this process
    monkeypatch.setattr(uptodate, "_SETTLED_NS", 0, raising=False)  # this test's files count as long saved
    monkeypatch.setattr(parse_cache, "_SETTLED_NS", 0)
    root = make_site(many_articles(8))
    assert sitegen(root) == 0
    return root


def sitegen(root: Path, *args: str) -> int:
    return main(["--root", str(root), "build", "-q", *args])


def edit(root: Path, number: int) -> None:
    article = root / f"content/articles/post-{number:04d}.md"
    article.write_text(article.read_text() + "\nOne more sentence, written today.\n")


def clean_build(root: Path, where: Path) -> dict[str, str]:
    where.mkdir()
    shutil.copy(root / "site.yaml", where / "site.yaml")
    shutil.copytree(root / "content", where / "content")
    assert sitegen(where) == 0
    return full_tree(where / "output")


def refusing(what: str) -> Callable[..., Any]:
    def refuse(*args: object, **kwargs: object) -> Any:
        raise AssertionError(f"{what} was called")

    return refuse


def built_without(site: Path, monkeypatch: pytest.MonkeyPatch, owner: object, name: str, what: str) -> None:
    """Build `site`, successfully, with `owner.name` (some step of the build) refusing to be called."""
    with monkeypatch.context() as patched:
        patched.setattr(owner, name, refusing(what))
        assert sitegen(site) == 0


def looks_while_building(root: Path, monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """How many times each path was looked at (stat or lstat) while `root` was built, successfully."""
    looks: Counter[str] = Counter()

    def counting(real: Callable[..., os.stat_result]) -> Callable[..., os.stat_result]:
        def look(path: Any, *args: Any, **kwargs: Any) -> os.stat_result:
            looks[os.fspath(path)] += 1
            return real(path, *args, **kwargs)

        return look

    with monkeypatch.context() as patched:
        patched.setattr(os, "stat", counting(os.stat))
        patched.setattr(os, "lstat", counting(os.lstat))
        assert sitegen(root) == 0
    return looks


def test_an_edit_reads_again_only_the_input_that_changed(site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    edit(site, 3)
    opened: list[str] = []
    real_open = io.open

    def counting_open(file: Any, *args: Any, **kwargs: Any) -> Any:
        if isinstance(file, (str, os.PathLike)):
            opened.append(os.fspath(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", counting_open)
    monkeypatch.setattr(io, "open", counting_open)
    assert sitegen(site) == 0
    monkeypatch.undo()
    articles = {Path(path).name for path in opened if "content/articles/" in path}
    assert articles == {"post-0003.md"}
    assert "One more sentence" in (site / "output/articles/post-0003/index.html").read_text()


def test_an_edit_takes_its_stamp_without_walking_the_output(
    site: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    edit(site, 3)
    built_without(site, monkeypatch, uptodate, "output_digest", "a walk of the whole output")
    key = uptodate.options_key(False, today().isoformat(), site / "output")
    assert uptodate.is_up_to_date(site, site / "output", key, uptodate.input_digest(site, key))
    assert full_tree(site / "output") == clean_build(site, tmp_path / "clean")


def test_an_edit_no_feed_shows_makes_no_feed(site: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(feeds, "FEED_SIZE", 3)
    assert sitegen(site, "--force") == 0  # the feeds, three articles each
    edit(site, 0)  # the oldest article, in no feed
    built_without(site, monkeypatch, feeds, "_feed", "making a feed")
    assert "One more sentence" in (site / "output/articles/post-0000/index.html").read_text()
    assert full_tree(site / "output") == clean_build(site, tmp_path / "clean")
    edit(site, 5)  # the newest: its feed is made again
    assert sitegen(site) == 0
    assert b"One more sentence" in (site / "output/feed.xml").read_bytes()


def test_an_edit_that_moves_no_address_makes_no_sitemap(
    site: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    edit(site, 3)
    built_without(site, monkeypatch, sitemap, "_sitemap_xml", "making the sitemap")
    assert "One more sentence" in (site / "output/articles/post-0003/index.html").read_text()
    assert full_tree(site / "output") == clean_build(site, tmp_path / "clean")
    (site / "content/articles/post-0003.md").rename(site / "content/articles/post-0099.md")  # a new address
    assert sitegen(site) == 0
    shown = (site / "output/sitemap.xml").read_text()
    assert "/articles/post-0099/" in shown and "/articles/post-0003/" not in shown
    assert full_tree(site / "output") == clean_build(site, tmp_path / "clean-again")


def test_the_spare_trees_old_search_index_is_cleared_away(site: Path, tmp_path: Path) -> None:
    for number in (1, 2, 3):  # from the second edit on, each build stages into a spare tree
        edit(site, number)
        assert sitegen(site) == 0
    spare = site / ".sitegen-cache/spare"
    assert spare.is_dir() and not [p.name for p in spare.iterdir() if p.name.endswith(".bin")]
    assert full_tree(site / "output") == clean_build(site, tmp_path / "clean")


def test_a_folder_of_the_live_output_replaced_by_a_link_is_never_written_through(site: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    shutil.rmtree(site / "output/articles")
    (site / "output/articles").symlink_to(elsewhere, target_is_directory=True)
    for number in (1, 2):  # the tampered tree is set aside, then staged into
        edit(site, number)
        assert sitegen(site) == 0
    assert list(elsewhere.iterdir()) == []
    assert full_tree(site / "output") == clean_build(site, tmp_path / "clean")


def test_a_broken_link_left_in_the_output_is_cleared_by_the_next_build(site: Path) -> None:
    (site / "output/gone.html").symlink_to(site / "nowhere.html")
    assert sitegen(site) == 0  # the output is not as recorded: it builds, and the link goes
    assert not (site / "output/gone.html").is_symlink()


def test_an_edit_looks_once_at_each_page_it_keeps(site: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(spare_tree, "_RACY_NS", 0)  # this test's folders count as long made, as a real site's are
    for _ in range(2):  # from the second edit on, each build stages into the tree the last one set aside
        edit(site, 1)
        assert sitegen(site) == 0
    edit(site, 3)
    looks = looks_while_building(site, monkeypatch)
    kept = [f"articles/post-{number:04d}/index.html" for number in range(8) if number not in (1, 3)]
    assert {page: sum(n for path, n in looks.items() if path.endswith(page)) for page in kept} == dict.fromkeys(kept, 1)
    assert "One more sentence" in (site / "output/articles/post-0003/index.html").read_text()
    assert full_tree(site / "output") == clean_build(site, tmp_path / "clean")


def test_a_kept_page_changed_behind_the_builds_back_is_written_again(site: Path, tmp_path: Path) -> None:
    for number in (1, 2):  # the kept pages' stamps now come from the look that kept them
        edit(site, number)
        assert sitegen(site) == 0
    page = site / "output/articles/post-0005/index.html"
    before = page.stat()
    text = page.read_text()
    page.write_text(text.replace("Post 5", "Post X"))  # the same size; then its old modification time back
    os.utime(page, ns=(before.st_atime_ns, before.st_mtime_ns))
    edit(site, 3)
    assert sitegen(site) == 0
    assert page.read_text() == text
    assert full_tree(site / "output") == clean_build(site, tmp_path / "clean")


def test_an_edit_looks_once_at_each_file_of_the_search_index_it_keeps(
    site: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("SITEGEN_SEARCH_CHUNK", "2")  # parts of about two pages: an edit leaves the others as they were
    monkeypatch.setattr(spare_tree, "_RACY_NS", 0)
    edit(site, 1)
    assert sitegen(site) == 0
    staged_into = {path for path in full_tree(site / "output") if path.startswith("pagefind/")}
    edit(site, 2)  # this build stages into the tree before; the next one into the tree just snapshotted
    assert sitegen(site) == 0
    edit(site, 3)
    looks = looks_while_building(site, monkeypatch)
    tree = full_tree(site / "output")
    published = {path for path, kind in tree.items() if path.startswith("pagefind/") and kind != "folder"}
    kept = published & staged_into
    assert kept, "some parts of the index stayed as they were"
    staging = f"{site / '.output.staging'}/"
    assert {path: looks[staging + path] for path in published} == {path: int(path in kept) for path in published}
    assert full_tree(site / "output") == clean_build(site, tmp_path / "clean")


def test_a_spare_tree_changed_behind_the_builds_back_publishes_a_clean_builds_output(
    site: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(spare_tree, "_RACY_NS", 0)  # every folder as listed is believed, unless its time moved
    for _ in range(2):  # the spare tree's page of post 1 is now a file of its own, not the live one
        edit(site, 1)
        assert sitegen(site) == 0
    (spare,) = (site / ".sitegen-cache/spare").glob("*.tree")
    page = spare / "articles/post-0001/index.html"
    before = page.stat()
    page.write_text(page.read_text().replace("Post 1", "Post X"))  # in place: no folder's time moves
    os.utime(page, ns=(before.st_atime_ns, before.st_mtime_ns))
    edit(site, 3)
    built_without(site, monkeypatch, spare_tree, "_read_again", "reading a folder again")
    assert full_tree(site / "output") == clean_build(site, tmp_path / "clean")
    (spare,) = (site / ".sitegen-cache/spare").glob("*.tree")
    (spare / "articles/post-0004/notes.txt").write_text("left in the spare by hand")
    (spare / "articles/post-0002").rename(spare / "articles/post-0002-moved")
    elsewhere = tmp_path / "elsewhere"
    shutil.copytree(spare / "articles", elsewhere)  # the same folders, with their times: believed through a link
    shutil.rmtree(spare / "articles")
    (spare / "articles").symlink_to(elsewhere, target_is_directory=True)
    copied = full_tree(elsewhere)
    edit(site, 3)
    assert sitegen(site) == 0
    assert full_tree(site / "output") == clean_build(site, tmp_path / "clean-again")
    assert full_tree(elsewhere) == copied, "nothing was written through the link"


def test_a_moved_or_copied_project_keeps_no_spare_tree_for_its_old_place(site: Path, tmp_path: Path) -> None:
    """Each output's spare tree is kept for its next build; a tree kept for an output that moved
    away with its project, or for the original of a copied project, would be kept for ever."""

    def slots(root: Path) -> dict[str, set[str]]:
        """The names in the spare folder, by the output they are kept for (its key)."""
        found: dict[str, set[str]] = {}
        for path in (root / ".sitegen-cache/spare").iterdir():
            found.setdefault(path.name.partition(".")[0], set()).add(path.name)
        return found

    def trees(root: Path) -> set[str]:
        return {key for key, names in slots(root).items() if f"{key}.tree" in names}

    edit(site, 1)
    assert sitegen(site) == 0  # the first build's tree is now the spare
    (first,) = trees(site)
    moved = tmp_path / "moved"
    shutil.move(site, moved)
    edit(moved, 2)
    assert sitegen(moved) == 0
    assert first not in slots(moved), "the tree kept for the old place is gone, with its listings"
    (second,) = trees(moved)
    copied = shutil.copytree(moved, tmp_path / "copied", symlinks=True)
    edit(copied, 3)
    assert sitegen(copied) == 0
    assert second not in slots(copied), "the copy keeps no tree for the original's output"
    assert len(trees(copied)) == 1
    elsewhere = ["--output", str(moved / "elsewhere")]
    for number in (4, 5):  # the second build sets the first one's tree aside
        edit(moved, number)
        assert sitegen(moved, *elsewhere) == 0
    edit(moved, 6)
    assert sitegen(moved) == 0
    assert len(trees(moved)) == 2, "a second output of the same project keeps its own tree"

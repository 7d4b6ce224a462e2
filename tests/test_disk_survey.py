"""The survey beside the plan: a staged build's checks of the files it keeps (the live output's
pages, the spare tree's folders, the search index's parts) are made by a forked process while
the build plans, and the build takes its word for what it found as recorded. Whatever it found
out of place is checked again, and the output is a clean build's, byte for byte."""

from __future__ import annotations

import fcntl
import os
import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import SAMPLE_EPOCH, MakeSite, clean_build, many_articles, snapshot
from sitegen.build import build as build_site
from sitegen.core.beside import Beside
from sitegen.publishing import disk_survey, search_index, spare_tree
from sitegen.rendering import page_cache


@pytest.fixture
def site(make_site: MakeSite, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", SAMPLE_EPOCH)
    monkeypatch.setenv("SITEGEN_WORKERS", "2")  # the survey runs beside a build of two processes
    monkeypatch.setenv("SITEGEN_SEARCH_CHUNK", "2")  # a few parts (four), each kept in the spare tree
    monkeypatch.setattr(spare_tree, "_RACY_NS", 0)  # this test's folders count as long made, as a real site's are
    root = make_site(many_articles(8))
    for number in (1, 2, 1):  # from the second build on, each one stages into the tree the last set aside
        edit(root, number)
        build_site(root)
    for _ in range(2):  # and the spare tree holds the search index's parts as they are now
        build_site(root)
    return root


def edit(root: Path, number: int) -> None:
    article = root / f"content/articles/post-{number:04d}.md"
    article.write_text(article.read_text() + "\nOne more sentence, written today.\n")


class RunsHere:
    """Beside's stand-in: the survey runs in this process, at once (so a test sees what it does)."""

    def __init__(self, task: Callable[[], bytes]) -> None:
        self.data: bytes | None = task()

    def result(self) -> bytes | None:
        return self.data

    def stop(self) -> None:
        pass


def refusing(what: str) -> Callable[..., object]:
    def refuse(*args: object, **kwargs: object) -> object:
        raise AssertionError(f"the build looked again itself: {what}")

    return refuse


def test_an_edit_takes_the_surveys_word_for_every_file_it_keeps(site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    edit(site, 3)
    surveyed: list[disk_survey.Survey] = []
    real_survey = disk_survey.survey

    def survey(*args: object) -> bytes:
        data = real_survey(*args)  # type: ignore[arg-type]
        surveyed.append(disk_survey._SURVEY.decode(data))
        return data

    with monkeypatch.context() as patched:
        patched.setattr(disk_survey, "Beside", RunsHere)
        patched.setattr(disk_survey, "survey", survey)
        patched.setattr(page_cache, "_holding", refusing("a kept page"))
        patched.setattr(spare_tree, "moved_folders", refusing("the spare tree's folders"))
        patched.setattr(search_index, "intact", refusing("a part of the search index"))
        build_site(site)
    [found] = surveyed
    assert found.record is not None and found.tree is not None
    assert found.unlike == frozenset() and found.moved == {}
    assert len(found.parts) >= 3, "every part the spare tree holds, found whole"
    incremental = snapshot(site / "output")
    assert clean_build(site) == incremental


def test_a_kept_page_changed_behind_the_builds_back_is_found_by_the_survey(site: Path) -> None:
    page = site / "output/articles/post-0005/index.html"
    with page.open("r+b") as handle:  # the output, the spare tree and the page store share it
        handle.write(b"<p>Not what sitegen wrote: lanternfish.</p>")
    edit(site, 3)
    build_site(site)
    assert b"lanternfish" not in page.read_bytes()
    incremental = snapshot(site / "output")
    assert clean_build(site) == incremental


def test_the_spare_trees_stray_files_and_damaged_parts_are_found_by_the_survey(site: Path) -> None:
    spare = next((site / ".sitegen-cache/spare").glob("*.tree"))
    (spare / "articles/post-0004/stray.html").write_text("left in the spare tree")
    part = next(p for p in (spare / "pagefind").iterdir() if p.is_dir() and (p / "pagefind-entry.json").exists())
    entry = part / "pagefind-entry.json"
    os.unlink(entry)
    entry.write_text("{}")  # a new file in place of the part's own
    edit(site, 3)
    build_site(site)
    output = site / "output"
    assert not (output / "articles/post-0004/stray.html").exists()
    incremental = snapshot(output)
    assert clean_build(site) == incremental


def test_a_task_beside_hands_back_its_bytes_and_holds_none_of_the_parents_files(tmp_path: Path) -> None:
    lock = os.open(tmp_path / "lock", os.O_RDWR | os.O_CREAT, 0o600)
    fcntl.flock(lock, fcntl.LOCK_EX)

    def look() -> bytes:
        try:
            os.fstat(lock)
        except OSError:
            return b"closed"
        return b"still open"

    try:
        assert Beside(look).result() == b"closed"
    finally:
        os.close(lock)


def test_a_task_beside_that_fails_or_is_stopped_gives_nothing() -> None:
    def fail() -> bytes:
        raise RuntimeError("the survey could not look")

    assert Beside(fail).result() is None

    def wait_for_ever() -> bytes:
        threading.Event().wait()
        return b"never"

    waiting = Beside(wait_for_ever)
    waiting.stop()  # returns once the child is gone (it waits for it)
    assert waiting.result() is None

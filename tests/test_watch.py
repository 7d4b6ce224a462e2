"""The preview's watcher: real files, real change notifications, one call per burst of saves."""

from __future__ import annotations

import contextlib
import os
import shutil
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import watchfiles

from sitegen.preview import watch
from sitegen.preview.watch import Watcher


class Calls:
    def __init__(self) -> None:
        self.bursts: list[frozenset[Path]] = []
        self._arrived = threading.Condition()

    def __call__(self, paths: frozenset[Path]) -> None:
        with self._arrived:
            self.bursts.append(paths)
            self._arrived.notify_all()

    def wait_for(self, count: int, timeout: float = 10.0) -> list[frozenset[Path]]:
        with self._arrived:
            self._arrived.wait_for(lambda: len(self.bursts) >= count, timeout)
            return list(self.bursts)

    def wait_for_count(self, path: Path, count: int, timeout: float = 10.0) -> bool:
        """Wait until `count` bursts have named `path`; whether they did."""
        with self._arrived:
            return self._arrived.wait_for(lambda: sum(path in burst for burst in self.bursts) >= count, timeout)

    def wait_for_path(self, path: Path, timeout: float = 10.0) -> bool:
        """Wait until a burst names `path`; whether one did."""
        with self._arrived:
            return self._arrived.wait_for(lambda: any(path in burst for burst in self.bursts), timeout)


@contextlib.contextmanager
def watching(project: Path, calls: Calls | None = None) -> Iterator[Calls]:
    """A running watcher on `project`, stopped afterwards. No pause after `start`: it returns
    once the watches are in place, and every test here relies on that."""
    found = calls or Calls()
    watcher = Watcher(project, found)
    watcher.start()
    try:
        yield found
    finally:
        watcher.stop(timeout=10)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "content" / "articles").mkdir(parents=True)
    (tmp_path / "site.yaml").write_text("title: Calm\n")
    return tmp_path


@pytest.fixture
def calls(project: Path) -> Iterator[Calls]:
    with watching(project) as found:
        yield found


def test_a_burst_of_saves_is_one_call_naming_every_file(project: Path, calls: Calls) -> None:
    articles = project / "content" / "articles"
    for name in ("a.md", "b.md", "a.md", "c.md"):
        (articles / name).write_text(f"saved {name}\n")
    bursts = calls.wait_for(1)
    time.sleep(0.3)  # not a wait for anything: a window in which a second call, if any, would come
    assert calls.bursts == bursts
    assert bursts == [frozenset(articles.resolve() / n for n in ("a.md", "b.md", "c.md"))]


def test_scratch_files_and_dot_folders_are_ignored(project: Path, calls: Calls) -> None:
    articles = project / "content" / "articles"
    (articles / ".a.md.swp").write_text("x")
    (articles / "a.md~").write_text("x")
    (articles / ".git").mkdir()
    (articles / ".git" / "index").write_text("x")
    (articles / "real.md").write_text("x")
    bursts = calls.wait_for(1)
    time.sleep(0.3)  # not a wait for anything: a window in which a call for an ignored file, if any, would come
    assert calls.bursts == bursts == [frozenset({articles.resolve() / "real.md"})]


def test_site_yaml_replaced_by_an_editor_is_noticed_every_time(project: Path, calls: Calls) -> None:
    for number in (1, 2):
        replacement = project / f".site.yaml.new{number}"
        replacement.write_text(f"title: Calm {number}\n")
        os.replace(replacement, project / "site.yaml")  # write-then-rename, as many editors save
        bursts = calls.wait_for(number)
        assert (project / "site.yaml") in bursts[number - 1]


def test_a_save_made_as_soon_as_watching_starts_is_reported(project: Path) -> None:
    for number in range(5):  # the race is with the watcher's own start-up: try it a few times
        saved = project / "content" / "articles" / f"first-{number}.md"
        with watching(project) as found:
            saved.write_text("x")
            assert found.wait_for_path(saved.resolve(), timeout=5)


def test_a_templates_folder_made_later_is_watched_too(project: Path, calls: Calls) -> None:
    (project / "templates").mkdir()
    assert (project / "templates") in calls.wait_for(1)[0]
    # The new folder is reported once more when its watch is in place (see Watcher._watch).
    assert calls.wait_for_count(project / "templates", 2), "the new folder was never reported as watched"
    (project / "templates" / "base.html").write_text("<html></html>\n")
    assert calls.wait_for_path((project / "templates" / "base.html").resolve())


def test_a_file_saved_into_a_new_folder_before_it_is_watched_still_brings_a_call(project: Path) -> None:
    """The new folder is reported, its rebuild runs, and a file lands in it during that rebuild,
    before the folder's watch is in place: another call must follow, or the save is lost."""
    templates = project / "templates"

    class SaveDuringTheFirstCall(Calls):
        def __call__(self, paths: frozenset[Path]) -> None:
            if not self.bursts:
                (templates / "base.html").write_text("<html></html>\n")
            super().__call__(paths)

    with watching(project, SaveDuringTheFirstCall()) as found:
        templates.mkdir()
        bursts = found.wait_for(2)
    assert templates in bursts[0]
    assert len(bursts) >= 2, "the save made during the first call was never followed by another"
    assert bursts[1] & {templates, templates.resolve(), (templates / "base.html").resolve()}


def test_without_change_notifications_it_falls_back_to_polling(
    project: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    real_watch = watchfiles.watch

    def no_inotify(*paths: Path, **options: Any) -> Any:
        if not options.get("force_polling"):
            raise OSError(28, "inotify watch limit reached")
        return real_watch(*paths, **{**options, "poll_delay_ms": 20})

    monkeypatch.setattr(watchfiles, "watch", no_inotify)
    saved = project / "content" / "articles" / "polled.md"
    with watching(project) as found:
        saved.write_text("x")
        assert found.wait_for_path(saved.resolve())
    assert "watching by polling" in caplog.text


def test_a_folder_removed_as_watching_begins_does_not_stop_the_watcher(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (project / "static").mkdir()
    real_top_level = watch.top_level
    looks = []

    def static_goes_right_after_the_first_look(root: Path) -> dict[Path, watch.Stamp]:
        found = real_top_level(root)
        looks.append(found)
        if len(looks) == 1:
            shutil.rmtree(project / "static")  # say, a tool regenerating it, or a git checkout
        return found

    monkeypatch.setattr(watch, "top_level", static_goes_right_after_the_first_look)
    saved = project / "content" / "articles" / "later.md"
    with watching(project) as found:
        saved.write_text("x")
        assert found.wait_for_path(saved.resolve())

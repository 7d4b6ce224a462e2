"""Pagefind runs made at the same time each keep to a core of their own (pagefind_runs.one_core_each):
two runs each spread over both cores cost a cold build of 1,000 articles 0.1 s of its 2 s, most
of it in the kernel. A run made alone keeps every core. The build's own work beside the runs (the
feeds, the sitemap) waits for the core the last run leaves idle (Indexing.wait_for_a_core)."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

from conftest import SAMPLE_EPOCH, MakeSite, clean_build, snapshot
from sitegen.build import Planned
from sitegen.build import build as build_site
from sitegen.core.errors import BuildFailed
from sitegen.publishing.pagefind_runs import RunsLeft, one_core_each
from sitegen.publishing.search_parts import PartCache

ARTICLE = "---\ntitle: Calm {n}\ndate: 2025-01-0{n}\ncategory: Anxiety\n---\nSteady breathing, part {n}.\n"
FILES = {f"content/articles/calm-{n}.md": ARTICLE.format(n=n) for n in range(1, 7)}
CORES = sorted(os.sched_getaffinity(0))


def cores_of_each_run(monkeypatch: pytest.MonkeyPatch) -> list[list[int]]:
    """The cores each Pagefind run may use, as the build starts it (the starting thread's, which
    the run inherits: test_a_process_started_by_a_pinned_thread_keeps_to_its_core)."""
    seen: list[list[int]] = []
    real = subprocess.run

    def run(command: Any, *args: Any, **kwargs: Any) -> Any:
        if "--output-path" in command:
            seen.append(sorted(os.sched_getaffinity(0)))
        return real(command, *args, **kwargs)

    monkeypatch.setattr(subprocess, "run", run)
    return seen


@pytest.fixture
def site(make_site: MakeSite, monkeypatch: pytest.MonkeyPatch) -> Path:
    assert len(CORES) >= 2, "these tests need a machine with two cores"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", SAMPLE_EPOCH)
    monkeypatch.setenv("SITEGEN_SEARCH_CHUNK", "2")  # six articles: two parts
    monkeypatch.setenv("SITEGEN_WORKERS", "2")
    return make_site(FILES)


def test_runs_made_two_at_a_time_each_keep_to_a_core_of_their_own(site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seen = cores_of_each_run(monkeypatch)
    assert build_site(site).search_parts_indexed == 2
    assert len(seen) == 2
    assert all(len(cores) == 1 for cores in seen)
    assert seen[0] != seen[1]
    assert sorted(os.sched_getaffinity(0)) == CORES  # the build's own threads were never held to one
    monkeypatch.undo()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", SAMPLE_EPOCH)
    monkeypatch.setenv("SITEGEN_SEARCH_CHUNK", "2")
    assert clean_build(site) == snapshot(site / "output")  # the same index as runs spread over every core


def test_a_run_made_alone_keeps_every_core(site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    build_site(site)
    seen = cores_of_each_run(monkeypatch)
    article = site / "content/articles/calm-3.md"
    article.write_text(article.read_text(encoding="utf-8") + "\nA second breath.\n", encoding="utf-8")
    assert build_site(site).search_parts_indexed == 1
    assert seen == [CORES]


def test_a_process_started_by_a_pinned_thread_keeps_to_its_core() -> None:
    pinned = one_core_each(runs=2, at_once=2)
    assert pinned is not None
    probe = [sys.executable, "-c", "import os; print(sorted(os.sched_getaffinity(0)))"]

    def cores_of_child() -> str:
        return subprocess.run(probe, capture_output=True, text=True, check=True).stdout.strip()

    together = threading.Barrier(2)  # each thread holds one probe until the other has its own

    def one_probe(_: int) -> str:
        together.wait(timeout=30)
        return cores_of_child()

    with ThreadPoolExecutor(2, initializer=pinned) as pool:
        found = sorted(pool.map(one_probe, range(2)))
    assert found == sorted(str([core]) for core in CORES[:2])


@pytest.mark.parametrize(("runs", "at_once"), [(1, 2), (3, 1), (64, 64)])
def test_no_core_is_taken_for_a_run_alone_one_thread_or_more_threads_than_cores(runs: int, at_once: int) -> None:
    assert one_core_each(runs, at_once) is None


def runs_ended(monkeypatch: pytest.MonkeyPatch, fail: bool = False) -> tuple[list[str], list[int]]:
    """The Pagefind runs' ends, in order, and how many had ended each time the build made its
    feeds and sitemap; with `fail`, each run fails at once, as a broken Pagefind would."""
    ended: list[str] = []
    seen: list[int] = []
    real_run, real_extra = subprocess.run, Planned.extra_files

    def run(command: Any, *args: Any, **kwargs: Any) -> Any:
        if "--output-path" not in command:
            return real_run(command, *args, **kwargs)
        done = subprocess.CompletedProcess(command, 1, "", "boom") if fail else real_run(command, *args, **kwargs)
        ended.append(command[command.index("--output-path") + 1])
        return done

    def extra_files(self: Planned, *args: Any, **kwargs: Any) -> Any:
        seen.append(len(ended))
        return real_extra(self, *args, **kwargs)

    monkeypatch.setattr(subprocess, "run", run)
    monkeypatch.setattr(Planned, "extra_files", extra_files)
    return ended, seen


def test_the_feeds_wait_until_the_last_run_is_left_alone(site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    ended, seen = runs_ended(monkeypatch)
    assert build_site(site).search_parts_indexed == 2
    assert len(ended) == 2
    assert len(seen) == 1
    assert seen[0] >= 1  # at most one run still going (the other's core idle but for the feeds)
    assert (site / "output" / "feed.xml").is_file()


def test_an_edits_single_run_leaves_the_feeds_no_wait(site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    build_site(site)
    ended, seen = runs_ended(monkeypatch)
    article = site / "content/articles/calm-2.md"
    article.write_text(article.read_text(encoding="utf-8") + "\nAnother breath.\n", encoding="utf-8")
    assert build_site(site).search_parts_indexed == 1
    assert seen == [0]  # made beside the run, which holds every core but one of its own
    assert len(ended) == 1


def ended_within_a_minute(site: Path) -> BaseException | None:
    """What stopped a build of `site`, run in a thread that is given a minute to end: a guard
    against a build left waiting for good, not a pause."""
    stopped: list[BaseException | None] = []

    def build() -> None:
        try:
            build_site(site)
            stopped.append(None)
        except Exception as exc:  # whatever it is, the test reports it
            stopped.append(exc)

    builder = threading.Thread(target=build, daemon=True)
    builder.start()
    builder.join(timeout=60)
    assert not builder.is_alive(), "the build waited for a core that no run would ever free"
    return stopped[0]


def test_failing_runs_stop_the_build_and_leave_no_one_waiting(site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    runs_ended(monkeypatch, fail=True)
    stopped = ended_within_a_minute(site)
    assert isinstance(stopped, BuildFailed)
    assert "search indexing failed: boom" in str(stopped)
    assert not (site / "output").exists()  # nothing published


def test_an_index_that_fails_before_any_run_leaves_no_one_waiting(site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    ended, seen = runs_ended(monkeypatch)

    def retire(*_: Any) -> Path:
        raise PermissionError("the cache is read-only")

    monkeypatch.setattr(PartCache, "retire", retire)
    stopped = ended_within_a_minute(site)
    assert isinstance(stopped, PermissionError)
    assert ended == []  # no run was started, so none could free a core
    assert seen == [0]
    assert not (site / "output").exists()


@pytest.mark.parametrize(("runs", "cores", "free_after"), [(1, 2, 0), (2, 2, 1), (3, 2, 2), (5, 1, 5)])
def test_a_core_is_free_once_fewer_runs_are_left_than_cores(runs: int, cores: int, free_after: int) -> None:
    free = threading.Event()
    left = RunsLeft(runs, cores, free)
    for ended in range(runs):
        assert free.is_set() == (ended >= free_after)
        left.one_ended(None)
    assert free.is_set()

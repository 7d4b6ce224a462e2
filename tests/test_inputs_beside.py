"""A large site's inputs, and whether the output is already their build, are looked at in a
process of its own while `sitegen build` imports the pipeline. The build then uses what that
process found (the digest, the files' stamps) as if it had looked itself; if that process
fails, it looks itself. Whichever looked, the build is the same."""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from conftest import SAMPLE_EPOCH, MakeSite, clean_build, many_articles, snapshot
from sitegen import cli
from sitegen.core import code_version
from sitegen.publishing import uptodate


@pytest.fixture
def site(make_site: MakeSite, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", SAMPLE_EPOCH)
    monkeypatch.setattr(uptodate, "_SETTLED_NS", 0)  # this test's files count as long saved
    root = make_site(many_articles(8))
    assert sitegen(root) == 0
    monkeypatch.setattr(uptodate, "_BESIDE_FROM", 0)  # as large as a site whose inputs are looked at beside
    return root


def sitegen(root: Path) -> int:
    return cli.main(["--root", str(root), "build"])


def edit(root: Path) -> Path:
    article = root / "content/articles/post-0003.md"
    article.write_text(article.read_text() + "\nOne more sentence, written today.\n")
    return article


def counted(calls: Counter[str], name: str, real: Callable[..., Any]) -> Callable[..., Any]:
    def count(*args: Any, **kwargs: Any) -> Any:
        calls[name] += 1
        return real(*args, **kwargs)

    return count


def looks_here(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """How many times this process takes the inputs' digest, reads the output or reads its own
    code's version itself (a forked process counts in its own copy of the counter, which this one
    never sees)."""
    calls: Counter[str] = Counter()
    digest = counted(calls, "input_digest", uptodate.input_digest)
    up_to_date = counted(calls, "is_up_to_date", uptodate.is_up_to_date)
    monkeypatch.setattr(uptodate, "input_digest", digest)
    monkeypatch.setattr(uptodate, "is_up_to_date", up_to_date)
    monkeypatch.setattr(code_version, "_known", [])  # as in a new process: the code version not yet read
    monkeypatch.setattr(code_version, "_read", counted(calls, "code_version", code_version._read))
    return calls


def test_an_edit_to_a_large_site_is_found_beside_the_import(
    site: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    edit(site)
    calls = looks_here(monkeypatch)
    stats: Counter[str] = Counter()
    real_stat = os.stat
    monkeypatch.setattr(os, "stat", lambda path, *a, **k: stats.update([os.fspath(path)]) or real_stat(path, *a, **k))
    assert sitegen(site) == 0
    monkeypatch.setattr(os, "stat", real_stat)
    assert "built" in capsys.readouterr().out
    assert calls == Counter(), "the digest and the up-to-date check came from the process beside"
    unchanged = [path for path in stats if path.endswith(".md") and not path.endswith("post-0003.md")]
    assert unchanged == [], "the plan used the stamps that process took"
    assert "One more sentence" in (site / "output/articles/post-0003/index.html").read_text()
    incremental = snapshot(site / "output")
    assert clean_build(site) == incremental


def test_a_large_site_found_unchanged_beside_the_import_is_not_built(
    site: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    calls = looks_here(monkeypatch)
    assert sitegen(site) == 0
    assert "nothing changed" in capsys.readouterr().out
    assert calls == Counter()
    edit(site)
    assert sitegen(site) == 0
    assert "built" in capsys.readouterr().out


def test_when_the_process_beside_fails_the_build_looks_itself(
    site: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def fail(*args: object) -> bytes:
        raise OSError("no room to look")

    monkeypatch.setattr(uptodate, "_digest_told", fail)
    edit(site)
    calls = looks_here(monkeypatch)
    assert sitegen(site) == 0
    assert "built" in capsys.readouterr().out
    assert calls == Counter({"input_digest": 1, "is_up_to_date": 1, "code_version": 1})
    assert sitegen(site) == 0
    assert "nothing changed" in capsys.readouterr().out
    incremental = snapshot(site / "output")
    assert clean_build(site) == incremental


def test_a_small_sites_inputs_are_looked_at_here(
    site: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A build of a small site that finds nothing changed never waits for the pipeline's import."""
    monkeypatch.setattr(uptodate, "_BESIDE_FROM", 1 << 20)
    calls = looks_here(monkeypatch)
    assert sitegen(site) == 0
    assert "nothing changed" in capsys.readouterr().out
    assert calls == Counter({"input_digest": 1, "is_up_to_date": 1, "code_version": 1})


def test_a_site_never_built_here_is_looked_at_beside_the_import(
    make_site: MakeSite, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With no digests kept, nothing can be found unchanged: the inputs are read beside the
    import, however few, and the build is the one a build that looked itself makes."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", SAMPLE_EPOCH)
    root = make_site(many_articles(3))
    calls = looks_here(monkeypatch)
    assert sitegen(root) == 0
    assert calls["input_digest"] == 0 and calls["is_up_to_date"] == 0
    built = snapshot(root / "output")
    assert built and clean_build(root) == built


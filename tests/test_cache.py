"""The cache and the worker processes are only optimisations: the output never depends on them."""

from __future__ import annotations

import shutil
from pathlib import Path

from test_output import many_articles, snapshot

from conftest import MakeSite, copy_sample, run_sitegen


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
    for entry in cache.iterdir():
        entry.write_bytes(b"\x80\x04 not a pickle")
    assert build(root) == cold, "a corrupt cache is ignored"

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

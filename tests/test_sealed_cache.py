"""A cache folder sitegen did not write for this user is never believed: no pickle of it is loaded."""

from __future__ import annotations

import pickle
import re
import shutil
import stat
from pathlib import Path

import jinja2.bccache
from test_output import snapshot

from conftest import copy_sample, run_sitegen


class CreatesFileWhenLoaded:
    """A pickle that, if anything ever unpickled it, would leave a file behind."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, tuple[str, str]]:
        return (open, (str(self.marker), "w"))


def build(root: Path, secrets: Path, *args: str) -> str:
    result = run_sitegen("build", *args, cwd=root, env={"XDG_CACHE_HOME": str(secrets)})
    assert result.code == 0, result.err
    return result.err


def test_planted_pickles_and_compiled_templates_are_never_loaded(tmp_path: Path) -> None:
    root = copy_sample(tmp_path / "site")
    secrets = tmp_path / "home-cache"
    build(root, secrets)
    built = snapshot(root / "output")
    marker = tmp_path / "the-planted-pickle-ran"
    planted = pickle.dumps(CreatesFileWhenLoaded(marker))
    cache = root / ".sitegen-cache"
    targets = [cache / "articles.pickle", cache / "journeys.pickle", cache / "pages.pickle"]
    templates = sorted((cache / "templates").iterdir())
    assert all(t.is_file() for t in targets) and templates
    for target in targets:
        target.write_bytes(planted)
    for template in templates:
        template.write_bytes(jinja2.bccache.bc_magic + planted)
    shutil.rmtree(root / "output")
    build(root, secrets)
    assert not marker.exists()
    assert snapshot(root / "output") == built


def test_another_users_cache_is_redone_and_gives_the_same_output(tmp_path: Path) -> None:
    root = copy_sample(tmp_path / "site")
    build(root, tmp_path / "someone-else")
    built = snapshot(root / "output")
    log = build(root, tmp_path / "this-user", "-v", "--force")
    counts = re.search(r"rendered (\d+) pages, reused (\d+) unchanged", log)
    assert counts and int(counts[1]) > 50 and int(counts[2]) == 0, log
    assert re.search(r"search index: (\d+) of \1 parts indexed", log), log
    assert snapshot(root / "output") == built


def test_a_stamp_from_elsewhere_does_not_make_a_build_skip_itself(tmp_path: Path) -> None:
    root = copy_sample(tmp_path / "site")
    build(root, tmp_path / "someone-else")
    log = build(root, tmp_path / "this-user", "-v")
    assert "up to date" not in log.lower()
    assert "rendered" in log


def test_the_secret_is_readable_by_this_user_only(tmp_path: Path) -> None:
    root = copy_sample(tmp_path / "site")
    build(root, tmp_path / "home-cache")
    secret = tmp_path / "home-cache" / "sitegen" / "secret"
    assert len(secret.read_bytes()) == 32
    assert stat.S_IMODE(secret.stat().st_mode) == 0o600


def test_an_empty_secret_is_replaced_not_used(tmp_path: Path) -> None:
    root = copy_sample(tmp_path / "site")
    secret = tmp_path / "home-cache" / "sitegen" / "secret"
    secret.parent.mkdir(parents=True)
    secret.write_bytes(b"")  # say, cut short by a crash
    build(root, tmp_path / "home-cache")
    assert len(secret.read_bytes()) == 32
    shutil.rmtree(root / "output")
    log = build(root, tmp_path / "home-cache", "-v")
    assert re.search(r"rendered 0 pages", log), "caches sealed under the new secret are trusted next time"

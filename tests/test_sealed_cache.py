"""A cache folder sitegen did not write for this user is never believed, and no cache entry is more than data."""

from __future__ import annotations

import pickle
import shutil
import stat
from pathlib import Path

import jinja2.bccache
import msgspec
import pytest

from conftest import SAMPLE_EPOCH, copy_sample, run_sitegen, snapshot
from sitegen.build import BuildReport
from sitegen.build import build as build_site
from sitegen.core import sealed


class CreatesFileWhenLoaded:
    """A pickle that, if anything ever unpickled it, would leave a file behind."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, tuple[str, str]]:
        return (open, (str(self.marker), "w"))


def build(root: Path, secrets: Path, *args: str) -> str:
    """A build by the CLI, as the user whose cache secret is kept in `secrets`; what it printed."""
    result = run_sitegen("build", *args, cwd=root, env={"XDG_CACHE_HOME": str(secrets)})
    assert result.code == 0, result.err
    return result.out


def build_here(root: Path, secrets: Path, monkeypatch: pytest.MonkeyPatch) -> BuildReport:
    """A build in this process, as the user whose cache secret is kept in `secrets`."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", SAMPLE_EPOCH)
    monkeypatch.setenv("XDG_CACHE_HOME", str(secrets))
    monkeypatch.setattr(sealed, "_secret", None)  # read from `secrets` again, not kept from an earlier build
    return build_site(root)


def test_planted_pickles_and_compiled_templates_are_never_loaded(tmp_path: Path) -> None:
    """The records are data (msgpack) now; a pickle planted in their place must still never run."""
    root = copy_sample(tmp_path / "site")
    secrets = tmp_path / "home-cache"
    build(root, secrets)
    built = snapshot(root / "output")
    marker = tmp_path / "the-planted-pickle-ran"
    planted = pickle.dumps(CreatesFileWhenLoaded(marker))
    cache = root / ".sitegen-cache"
    targets = [cache / "articles.msgpack", cache / "journeys.msgpack", cache / "pages.msgpack"]
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


def test_another_users_cache_is_redone_and_gives_the_same_output(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = copy_sample(tmp_path / "site")
    theirs = build_here(root, tmp_path / "someone-else", monkeypatch)
    assert theirs.search_parts_indexed >= 1, "a first build indexes every part"
    built = snapshot(root / "output")
    ours = build_here(root, tmp_path / "this-user", monkeypatch)
    assert ours.pages > 50
    assert (ours.rendered, ours.reused) == (ours.pages, 0)
    assert ours.search_parts_indexed == theirs.search_parts_indexed, "every part of the search index made anew"
    assert snapshot(root / "output") == built


def test_a_stamp_from_elsewhere_does_not_make_a_build_skip_itself(tmp_path: Path) -> None:
    root = copy_sample(tmp_path / "site")
    build(root, tmp_path / "someone-else")
    printed = build(root, tmp_path / "this-user")
    assert "nothing changed" not in printed
    assert printed.startswith("built ")


def test_the_secret_is_readable_by_this_user_only(tmp_path: Path) -> None:
    root = copy_sample(tmp_path / "site")
    build(root, tmp_path / "home-cache")
    secret = tmp_path / "home-cache" / "sitegen" / "secret"
    assert len(secret.read_bytes()) == 32
    assert stat.S_IMODE(secret.stat().st_mode) == 0o600


def test_an_empty_secret_is_replaced_not_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = copy_sample(tmp_path / "site")
    secret = tmp_path / "home-cache" / "sitegen" / "secret"
    secret.parent.mkdir(parents=True)
    secret.write_bytes(b"")  # say, cut short by a crash
    build(root, tmp_path / "home-cache")
    assert len(secret.read_bytes()) == 32
    shutil.rmtree(root / "output")
    report = build_here(root, tmp_path / "home-cache", monkeypatch)
    assert report.pages > 50
    assert report.rendered == 0, "caches sealed under the new secret are trusted next time"


def test_truncated_misshapen_and_stale_entries_are_rebuilt_never_believed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = copy_sample(tmp_path / "site")
    secrets = tmp_path / "home-cache"
    build(root, secrets)
    built = snapshot(root / "output")
    monkeypatch.setenv("XDG_CACHE_HOME", str(secrets))
    monkeypatch.setattr(sealed, "_secret", None)  # this process seals with the same user's secret
    cache = root / ".sitegen-cache"
    records = {name: sealed.read_sealed(cache / f"{name}.msgpack") for name in ("articles", "journeys", "pages")}
    assert all(records.values()), "a build keeps its records, sealed"
    for kind in ("truncated", "misshapen", "stale"):
        for name, data in records.items():
            assert data is not None
            plant(kind, cache / f"{name}.msgpack", data)
        shutil.rmtree(root / "output")
        build(root, secrets)
        assert snapshot(root / "output") == built, f"a {kind} cache changed the output"
        pages = "".join(p.read_text() for p in (root / "output").rglob("*.html"))
        assert "PLANTED" not in pages


def plant(kind: str, path: Path, data: bytes) -> None:
    """Put a bad record of one kind where a good one was."""
    if kind == "truncated":
        path.write_bytes(path.read_bytes()[:-40])
    elif kind == "misshapen":
        sealed.write_sealed(path, msgspec.msgpack.encode({"salt": 1, "entries": [1, 2]}))
    else:
        sealed.write_sealed(path, planted_under_old_salt(data))


def planted_under_old_salt(data: bytes) -> bytes:
    """The same record under another salt, with every title it holds changed, so believing it would show."""
    salt, entries, *stamps = msgspec.msgpack.decode(data)  # the files' stamps, kept beside the entries
    for entry in entries.values():
        if isinstance(entry, list) and entry and isinstance(entry[0], dict) and "title" in entry[0]:
            entry[0]["title"] = "PLANTED"
    assert isinstance(salt, bytes)
    return msgspec.msgpack.encode((b"stale" + salt, entries, *stamps))

"""The articles' bodies, which the parse cache keeps apart from what planning reads, are used
only while they are the bytes sitegen wrote with the sealed record that points into them."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from conftest import SAMPLE_EPOCH, MakeSite, copy_sample, many_articles, run_sitegen, snapshot
from sitegen.build import build
from sitegen.preview.builder import PreviewBuilder
from sitegen.publishing import feeds
from sitegen.reading import cached_bodies, load

THEME = Path(__file__).parent.parent / "themes" / "default"

WORDS = b"unspoken idea"
"""Words of one article's body (content/articles/grief-does-not-keep-a-schedule.md)."""
PLANTED = b"PLANTED IDEA!"
"""As many bytes, which a page showing them would show a body sitegen did not write."""
OLDEST = "---\ntitle: The oldest\ndate: 2020-01-01\ncategory: Anxiety\n---\nAn unspoken idea, kept.\n"
"""An article older than any other, with the words."""


def build_by_cli(root: Path, secrets: Path) -> None:
    result = run_sitegen("build", cwd=root, env={"XDG_CACHE_HOME": str(secrets)})
    assert result.code == 0, result.err


def forget_rendered(root: Path) -> None:
    """Remove the output, the page store and the feeds kept, so every page and feed is made from its article."""
    cache = root / ".sitegen-cache"
    shutil.rmtree(root / "output")
    shutil.rmtree(cache / "pages", ignore_errors=True)
    for kept in ("pages.msgpack", "feeds.msgpack"):
        (cache / kept).unlink(missing_ok=True)


def changed_in_place(bodies: Path) -> None:
    data = bodies.read_bytes()
    with bodies.open("r+b") as handle:
        handle.seek(data.index(WORDS))
        handle.write(PLANTED)


def replaced(bodies: Path) -> None:
    planted = bodies.with_name("planted")
    planted.write_bytes(bodies.read_bytes().replace(WORDS, PLANTED))
    os.replace(planted, bodies)


def removed(bodies: Path) -> None:
    bodies.unlink()


@pytest.mark.parametrize("damage", [changed_in_place, replaced, removed])
def test_bodies_changed_replaced_or_gone_are_parsed_again_never_believed(tmp_path: Path, damage: object) -> None:
    root = copy_sample(tmp_path / "site")
    secrets = tmp_path / "home-cache"
    build_by_cli(root, secrets)
    built = snapshot(root / "output")
    bodies = root / ".sitegen-cache" / "articles.bodies"
    assert WORDS in bodies.read_bytes(), "the bodies are kept apart from the record"
    assert callable(damage)
    damage(bodies)
    forget_rendered(root)
    build_by_cli(root, secrets)
    assert snapshot(root / "output") == built
    assert not any(PLANTED in page.read_bytes() for page in (root / "output").rglob("*.html"))


def test_bodies_changed_keeping_their_size_and_time_fail_the_build_once_never_shown(
    make_site: MakeSite, tmp_path: Path
) -> None:
    """A change no stamp shows is caught by the body's digest: the build stops, and the next reads the articles anew."""
    root = make_site({**many_articles(12), "content/articles/oldest.md": OLDEST})
    secrets = tmp_path / "home-cache"
    build_by_cli(root, secrets)
    built = snapshot(root / "output")
    bodies = root / ".sitegen-cache" / "articles.bodies"
    written = bodies.stat()
    changed_in_place(bodies)
    os.utime(bodies, ns=(written.st_atime_ns, written.st_mtime_ns))
    forget_rendered(root)
    (root / "output").mkdir()
    failed = run_sitegen("build", cwd=root, env={"XDG_CACHE_HOME": str(secrets)})
    assert failed.code == 1 and "Traceback" not in failed.err
    assert ".sitegen-cache/articles.bodies: this cache file was changed by something other than sitegen" in failed.err
    assert not any(PLANTED in page.read_bytes() for page in (root / "output").rglob("*"))
    build_by_cli(root, secrets)
    assert snapshot(root / "output") == built


def test_a_preview_reads_the_bodies_it_opened_when_another_build_replaces_them(
    make_site: MakeSite, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The preview keeps its parse cache from build to build, and reads a body only when a page
    shows it anew. Meanwhile a build from the command line may write the bodies file anew,
    which moves every body (here: plants another)."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", SAMPLE_EPOCH)
    monkeypatch.setattr(feeds, "FEED_SIZE", 2)  # the oldest article is in no feed, whose key would read its body
    root = make_site({**many_articles(12), "content/articles/oldest.md": OLDEST})
    build(root)
    site = root / ".sitegen-preview" / "site"
    preview = PreviewBuilder(root, site)
    preview.build()
    replaced(root / ".sitegen-cache" / "articles.bodies")
    (root / "templates").mkdir()
    template = (THEME / "templates/article.html").read_text(encoding="utf-8")
    edited = template.replace("{% block main %}", "{% block main %}<!-- every article page made again -->", 1)
    (root / "templates/article.html").write_text(edited, encoding="utf-8")
    preview.build()
    page = (site / "articles/oldest/index.html").read_text(encoding="utf-8")
    assert "every article page made again" in page and "An unspoken idea, kept." in page
    fresh = tmp_path / "fresh"
    build(root, fresh, drafts=True, use_cache=False)
    shown = {page: digest for page, digest in snapshot(site).items() if not page.startswith("pagefind/")}
    assert shown == {page: digest for page, digest in snapshot(fresh).items() if not page.startswith("pagefind/")}


def test_a_copy_of_the_project_that_keeps_file_times_keeps_its_parse_cache(
    make_site: MakeSite, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A copy (here shutil's, as `cp -a` or rsync would) has new inodes and change times, yet
    the same bodies, at the same size and modification time: no article is parsed again."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", SAMPLE_EPOCH)
    root = make_site(many_articles(12))
    build(root)
    copy = shutil.copytree(root, tmp_path / "copy", symlinks=True)
    parse_article, parsed = load.parse_article, []

    def counted(path: Path, *args: object) -> object:
        parsed.append(path)
        return parse_article(path, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(load, "parse_article", counted)
    build(copy)
    assert parsed == []
    assert snapshot(copy / "output") == snapshot(root / "output")


def test_an_edit_reads_no_body_to_know_the_feeds_are_unchanged(
    make_site: MakeSite, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A feed's key names each article's body by the digest of its parse, which covers it: the
    bodies the feeds show (350 at 10,000 articles) are not read back to find them unchanged."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", SAMPLE_EPOCH)
    monkeypatch.setattr(feeds, "FEED_SIZE", 2)  # the oldest article is in no feed
    root = make_site({**many_articles(20), "content/articles/oldest.md": OLDEST})  # enough that an edit adds beside
    build(root)
    oldest = root / "content/articles/oldest.md"
    oldest.write_text(oldest.read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")
    read, real = [], cached_bodies.BodiesFile._read

    def reading(bodies: cached_bodies.BodiesFile, number: int) -> str:
        read.append(number)
        return real(bodies, number)

    with monkeypatch.context() as patched:
        patched.setattr(cached_bodies.BodiesFile, "_read", reading)
        build(root)
    assert read == []
    assert "One more line." in (root / "output/articles/oldest/index.html").read_text(encoding="utf-8")
    fresh = tmp_path / "fresh"
    build(root, fresh, use_cache=False)
    assert snapshot(root / "output") == snapshot(fresh)

"""A build never loses a user's file: a wrong --output, a tampered cache, two builds at once,
an alias over a generated file. Each case here deleted or overwrote something before."""

from __future__ import annotations

import fcntl
import hashlib
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import SAMPLE_EPOCH, MakeSite, full_tree, run_sitegen
from sitegen.core.errors import BuildFailed
from sitegen.preview.builder import PreviewBuilder
from sitegen.publishing.writer import StagedOutput

ARTICLE = "---\ntitle: Breathing Room\ndate: 2025-01-01\ncategory: Anxiety\n{extra}---\nA slow breath out helps.\n"


def site_files(output: Path) -> dict[str, str]:
    return {name: digest for name, digest in full_tree(output).items() if digest != "folder"}


@pytest.fixture
def project(make_site: MakeSite) -> Path:
    root = make_site({"content/articles/breathing.md": ARTICLE.format(extra="")})
    (root / ".git").mkdir()
    (root / ".git/HEAD").write_text("ref: refs/heads/main\n")
    return root


@pytest.mark.parametrize("output", [".", "content", "content/articles", ".git", "..", ".sitegen-cache"])
def test_an_output_that_holds_or_is_inside_the_project_sources_is_refused(project: Path, output: str) -> None:
    (project.parent / "sibling").mkdir()
    (project.parent / "sibling/notes.md").write_text("a neighbour's file\n")
    before = full_tree(project.parent)
    result = run_sitegen("build", "--output", output, cwd=project)
    assert result.code == 1, result.err
    assert "refusing to build into" in result.err
    assert "Traceback" not in result.err and "crashed" not in result.err
    assert full_tree(project.parent) == before


def test_a_folder_of_someone_elses_files_is_never_replaced(project: Path, tmp_path: Path) -> None:
    folder = tmp_path / "documents"
    folder.mkdir()
    (folder / "tax-return.pdf").write_bytes(b"%PDF precious")
    result = run_sitegen("build", "--output", str(folder), cwd=project)
    assert result.code == 1
    assert "not empty and was not built by sitegen" in result.err
    assert full_tree(folder) == {"tax-return.pdf": hashlib.sha256(b"%PDF precious").hexdigest()}


def test_a_file_in_the_outputs_place_is_refused(project: Path) -> None:
    (project / "output").write_text("my notes\n")
    result = run_sitegen("build", cwd=project)
    assert result.code == 1
    assert "it is a file" in result.err
    assert (project / "output").read_text() == "my notes\n"


def test_an_empty_or_new_folder_is_built_into_and_then_owned(project: Path, tmp_path: Path) -> None:
    empty = tmp_path / "public"
    empty.mkdir()
    assert run_sitegen("build", "--output", str(empty), cwd=project).code == 0
    assert (empty / "articles/breathing/index.html").is_file()
    assert (empty / ".sitegen-output").is_file()
    (project / "content/articles/breathing.md").write_text(ARTICLE.format(extra="description: Rest.\n"))
    second = run_sitegen("build", "--output", str(empty), cwd=project)
    assert second.code == 0, second.err
    assert "Rest." in (empty / "articles/breathing/index.html").read_text()


def test_an_output_link_is_refused_unless_asked_for(project: Path, tmp_path: Path) -> None:
    (project.parent / "sibling").mkdir()
    (project.parent / "sibling/site.yaml").write_text("title: Another practice\n")
    (project / "output").symlink_to("..")
    before = full_tree(project.parent)
    refused = run_sitegen("build", cwd=project)
    assert refused.code == 1
    assert "it is a link" in refused.err and "--follow-output-link" in refused.err
    assert full_tree(project.parent) == before
    asked = run_sitegen("build", "--follow-output-link", cwd=project)
    assert asked.code == 1, "following the link must still never replace the project's parent"
    assert "holds the project itself" in asked.err
    assert full_tree(project.parent) == before

    (project / "output").unlink()
    (tmp_path / "served").mkdir()
    (project / "output").symlink_to(tmp_path / "served")
    assert run_sitegen("build", "--follow-output-link", cwd=project).code == 0
    assert (tmp_path / "served/articles/breathing/index.html").is_file()
    assert (project / "output").is_symlink()


def clean_build(make_site: MakeSite, tmp_path: Path) -> dict[str, str]:
    """What a build of the `project` fixture's sources gives in a fresh folder."""
    fresh = tmp_path / "fresh"
    fresh.mkdir()
    (fresh / "site.yaml").write_bytes((tmp_path / "site/site.yaml").read_bytes())
    (fresh / "content/articles").mkdir(parents=True)
    (fresh / "content/articles/breathing.md").write_text(ARTICLE.format(extra=""))
    assert run_sitegen("build", "-q", cwd=fresh).code == 0
    return site_files(fresh / "output")


def test_links_planted_in_the_cache_never_reach_outside_it(project: Path, tmp_path: Path, make_site: MakeSite) -> None:
    assert run_sitegen("build", "-q", cwd=project).code == 0
    elsewhere = tmp_path / "elsewhere"
    for part in ("pages", "templates", "images", "pagefind"):
        (elsewhere / part).mkdir(parents=True)
        (elsewhere / part / "keep.txt").write_text(f"{part} is someone's\n")
    before = full_tree(elsewhere)
    cache = project / ".sitegen-cache"
    for part in ("pages", "templates", "images", "pagefind"):
        target = cache / part
        if target.is_dir():
            for child in sorted(target.rglob("*"), reverse=True):
                child.rmdir() if child.is_dir() else child.unlink()
            target.rmdir()
        target.symlink_to(elsewhere / part)
    (cache / "stamp").unlink()
    (cache / "stamp").symlink_to(elsewhere / "pages/keep.txt")
    result = run_sitegen("build", "-q", "--force", cwd=project)
    assert result.code == 0, result.err
    assert full_tree(elsewhere) == before
    assert not any(p.is_symlink() for p in cache.rglob("*"))
    assert site_files(project / "output") == clean_build(make_site, tmp_path)


@pytest.mark.parametrize("workers", ["1", "2"])  # the large parts walked here, or beside the plan
def test_a_link_planted_deep_in_the_page_store_or_the_search_cache_is_discarded_unfollowed(
    project: Path, tmp_path: Path, make_site: MakeSite, workers: str
) -> None:
    env = {"SITEGEN_WORKERS": workers}
    assert run_sitegen("build", "-q", cwd=project, env=env).code == 0
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "keep.txt").write_text("someone's\n")
    cache = project / ".sitegen-cache"
    stored = next(path for path in sorted((cache / "pages").rglob("*")) if path.is_file())
    stored.unlink()
    stored.symlink_to(elsewhere / "keep.txt")  # a stored page: now a link to someone's file
    part = next(path for path in sorted((cache / "pagefind").iterdir()) if path.is_dir())
    (part / "planted").symlink_to(elsewhere, target_is_directory=True)
    shutil.rmtree(project / "output")  # every page is then taken from the store, or made again
    result = run_sitegen("build", "-q", cwd=project, env=env)
    assert result.code == 0, result.err
    assert "discarded .sitegen-cache/pages" in result.err and "discarded .sitegen-cache/pagefind" in result.err
    assert (elsewhere / "keep.txt").read_text() == "someone's\n"
    assert sorted(elsewhere.iterdir()) == [elsewhere / "keep.txt"]
    assert not any(path.is_symlink() for path in cache.rglob("*"))
    assert not any(path.is_symlink() for path in (project / "output").rglob("*"))
    assert site_files(project / "output") == clean_build(make_site, tmp_path)


def test_a_cache_folder_that_is_a_link_or_has_parts_of_the_wrong_kind_is_rebuilt(
    project: Path, tmp_path: Path, make_site: MakeSite
) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "pages.msgpack").write_text("someone's\n")
    (project / ".sitegen-cache").symlink_to(elsewhere)
    assert run_sitegen("build", "-q", cwd=project).code == 0
    assert full_tree(elsewhere) == {"pages.msgpack": hashlib.sha256(b"someone's\n").hexdigest()}
    cache = project / ".sitegen-cache"
    assert cache.is_dir() and not cache.is_symlink()

    for part in ("pages", "templates"):  # files where folders belong, and the reverse
        for child in sorted((cache / part).rglob("*"), reverse=True):
            child.rmdir() if child.is_dir() else child.unlink()
        (cache / part).rmdir()
        (cache / part).write_text("not a folder\n")
    (cache / "articles.msgpack").unlink()
    (cache / "articles.msgpack").mkdir()
    (cache / "lock").unlink()
    (cache / "lock").symlink_to(elsewhere / "pages.msgpack")
    result = run_sitegen("build", "-q", "--force", cwd=project)
    assert result.code == 0, result.err
    assert not (cache / "pages").is_file() and (cache / "templates").is_dir()
    assert (cache / "articles.msgpack").is_file() and not (cache / "lock").is_symlink()
    assert (elsewhere / "pages.msgpack").read_text() == "someone's\n"
    assert site_files(project / "output") == clean_build(make_site, tmp_path)


def test_a_preview_folder_that_is_a_link_is_replaced_not_followed(project: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    (elsewhere / "site").mkdir(parents=True)
    (elsewhere / "site/index.html").write_text("someone's page\n")
    (project / ".sitegen-preview").symlink_to(elsewhere)
    before = full_tree(elsewhere)
    preview = PreviewBuilder(project, project / ".sitegen-preview" / "site")
    preview.build()
    assert full_tree(elsewhere) == before
    assert not (project / ".sitegen-preview").is_symlink()
    assert (project / ".sitegen-preview/site/articles/breathing/index.html").is_file()


def add_posts(root: Path, count: int) -> None:
    for i in range(count):
        text = ARTICLE.format(extra="").replace("Breathing Room", f"Post {i}")
        (root / f"content/articles/post-{i}.md").write_text(text)


def hold_lock(root: Path) -> int:
    (root / ".sitegen-cache").mkdir(exist_ok=True)
    descriptor = os.open(root / ".sitegen-cache/lock", os.O_RDWR | os.O_CREAT)
    fcntl.flock(descriptor, fcntl.LOCK_EX)
    return descriptor


def is_locked(root: Path) -> bool:
    """Whether a build holds the project's lock now (looked at without waiting for it)."""
    try:
        descriptor = os.open(root / ".sitegen-cache/lock", os.O_RDONLY)
    except FileNotFoundError:
        return False
    try:
        fcntl.flock(descriptor, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    finally:
        os.close(descriptor)
    return False


def test_no_wait_gives_up_while_another_build_holds_the_lock(project: Path) -> None:
    descriptor = hold_lock(project)
    try:
        result = run_sitegen("build", "--no-wait", cwd=project)
    finally:
        os.close(descriptor)
    assert result.code == 1
    assert "another sitegen build of this project is running" in result.err
    assert not (project / "output").exists()
    assert run_sitegen("build", "--no-wait", cwd=project).code == 0


def test_a_killed_builds_lock_never_blocks_the_next(project: Path) -> None:
    add_posts(project, 40)
    env = {**os.environ, "SOURCE_DATE_EPOCH": SAMPLE_EPOCH}
    proc = subprocess.Popen([sys.executable, "-m", "sitegen", "build", "-q"], cwd=project, env=env)
    deadline = time.monotonic() + 60
    while not is_locked(project) and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.002)  # no event says when a build has taken its lock: look again, up to the deadline
    assert is_locked(project), "the build never held the lock"
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert proc.returncode == -signal.SIGKILL, "the build finished before it could be killed"
    result = run_sitegen("build", "--no-wait", cwd=project)
    assert result.code == 0, result.err


def test_two_builds_started_together_leave_a_complete_site(project: Path, tmp_path: Path) -> None:
    add_posts(project, 30)
    fresh = tmp_path / "reference"
    fresh.mkdir()
    (fresh / "site.yaml").write_bytes((project / "site.yaml").read_bytes())
    shutil.copytree(project / "content", fresh / "content")
    assert run_sitegen("build", "-q", cwd=fresh).code == 0
    reference = site_files(fresh / "output")
    env = {**os.environ, "SOURCE_DATE_EPOCH": SAMPLE_EPOCH}
    command = [sys.executable, "-m", "sitegen", "build", "--force"]
    for _ in range(10):
        # Both builds are started while the project's lock is held, and each has said it waits,
        # before the lock is let go: then one builds while the other waits for it, however fast
        # a build is (a build of this site takes less time than starting Python).
        held = hold_lock(project)
        builds = []
        for _ in range(2):
            build = subprocess.Popen(command, cwd=project, env=env, stderr=subprocess.PIPE, text=True)
            assert build.stderr is not None
            said = build.stderr.readline()
            assert "waiting for it to finish" in said, said + build.stderr.read()
            builds.append((build, said))
        os.close(held)
        for build, said in builds:
            _, rest = build.communicate(timeout=300)
            assert build.returncode == 0, said + rest
        assert site_files(project / "output") == reference
        check = run_sitegen("check", "--no-build", "-q", cwd=project)
        assert check.code == 0, check.err
        assert "nothing changed" in run_sitegen("build", cwd=project).out


def test_an_alias_over_a_static_file_fails_and_the_live_stylesheet_is_untouched(project: Path) -> None:
    assert run_sitegen("build", "-q", cwd=project).code == 0
    before = full_tree(project / "output")
    stylesheet = next((project / "output/static").glob("site.css"))
    article = project / "content/articles/breathing.md"
    article.write_text(ARTICLE.format(extra="aliases: [/static/site.css]\n"))
    (project / "content/articles/broken.md").write_text("---\ntitle: Broken\ncategory: Nope\n---\n")
    failed = run_sitegen("build", cwd=project)
    assert failed.code == 1
    assert full_tree(project / "output") == before
    assert "redirect" not in stylesheet.read_text().lower()
    (project / "content/articles/broken.md").unlink()
    alone = run_sitegen("build", cwd=project)
    assert alone.code == 1, "an alias over the stylesheet must fail even with nothing else wrong"
    assert "/static/site.css" in alone.err and "the static file" in alone.err
    assert full_tree(project / "output") == before


def test_aliases_over_generated_files_and_dotfiles_are_all_reported(make_site: MakeSite) -> None:
    taken = [
        "/.htaccess",
        "/blog/.well-known/security.txt",
        "/feed.xml",
        "/categories/anxiety/feed.xml",
        "/sitemap.xml",
        "/robots.txt",
        "/pagefind/pagefind.js",
        "/pagefind/0123456789/pagefind.js",  # the index's folder is named for its bytes
        "/_headers",
        "/_redirects",
        "/.sitegen-output",
    ]
    aliases = "aliases:\n" + "".join(f"  - {alias}\n" for alias in taken)
    root = make_site({"content/articles/breathing.md": ARTICLE.format(extra=aliases)})
    with pytest.raises(BuildFailed) as failure:
        from sitegen.build import build

        build(root)
    messages = [str(error) for error in failure.value.errors]
    for alias in taken:
        assert any(f"(alias '{alias}') wants the address" in m for m in messages), alias
    assert not (root / "output").exists()


def test_an_alias_over_a_resized_image_is_an_error(make_site: MakeSite) -> None:
    import hashlib
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (1000, 600), (90, 140, 170)).save(buffer, "JPEG")
    variant = f"/images/lake-480w-{hashlib.sha256(buffer.getvalue()).hexdigest()[:10]}.jpg"
    root = make_site({"content/articles/breathing.md": ARTICLE.format(extra=f"aliases: [{variant}]\n")})
    (root / "content/images").mkdir(parents=True)
    (root / "content/images/lake.jpg").write_bytes(buffer.getvalue())
    article = root / "content/articles/breathing.md"
    article.write_text(article.read_text() + "\n![A still lake](/images/lake.jpg)\n")
    result = run_sitegen("build", cwd=root)
    assert result.code == 1
    assert "a resized copy of content/images/lake.jpg is written there" in result.err


def test_staging_never_writes_through_a_link_to_the_live_site(tmp_path: Path) -> None:
    output = tmp_path / "output"
    with StagedOutput(output) as staged:
        staged.write("static/site.css", b"body { color: black }")
        staged.publish()
    live = output / "static/site.css"
    with StagedOutput(output) as staged:
        staged.write("static/site.css", b"body { color: black }")  # unchanged: linked from the live site
        staged.write("static/site.css", b"<meta http-equiv=refresh>")
        assert live.read_bytes() == b"body { color: black }"
    assert live.read_bytes() == b"body { color: black }", "a build that did not publish changed the live site"

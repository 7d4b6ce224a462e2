"""A build after a small edit stages into the tree the last swap set aside, and touches only what
changed; the output is still exactly a clean build's, and a killed build still leaves it as it was."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from conftest import SAMPLE_EPOCH, MakeSite, full_tree, many_articles, run_sitegen
from sitegen.publishing.uptodate import output_digest
from sitegen.publishing.writer import StagedOutput


def clean_build(root: Path, where: Path) -> dict[str, str]:
    """What a first build of `root`'s sources gives in a fresh folder."""
    if where.exists():
        shutil.rmtree(where)
    where.mkdir(parents=True)
    shutil.copy(root / "site.yaml", where / "site.yaml")
    shutil.copytree(root / "content", where / "content")
    assert run_sitegen("build", "-q", cwd=where).code == 0
    return full_tree(where / "output")


def edit(root: Path, number: int, words: str) -> None:
    article = root / f"content/articles/post-{number:04d}.md"
    article.write_text(article.read_text() + f"\n{words}\n")


def build(root: Path) -> None:
    result = run_sitegen("build", "-q", cwd=root)
    assert result.code == 0, result.err


def test_edits_and_a_deletion_give_exactly_a_clean_builds_output(make_site: MakeSite, tmp_path: Path) -> None:
    root = make_site(many_articles(12))
    build(root)
    for round_ in range(3):  # the second and third builds stage into a tree set aside before
        edit(root, 5, f"Breathing practice, round {round_}.")
        build(root)
    assert "round 2" in (root / "output/articles/post-0005/index.html").read_text()
    assert full_tree(root / "output") == clean_build(root, tmp_path / "clean")
    (root / "content/articles/post-0007.md").unlink()
    build(root)
    assert not (root / "output/articles/post-0007").exists()
    assert "post-0007" not in (root / "output/sitemap.xml").read_text()
    build(root)  # nothing changed: nothing to do
    edit(root, 3, "One more line.")
    build(root)
    assert not (root / "output/articles/post-0007").exists(), "a deleted article came back from the spare tree"
    assert full_tree(root / "output") == clean_build(root, tmp_path / "clean")
    assert not any(p.name.startswith(".output") for p in root.iterdir())


def test_an_edit_leaves_the_folders_of_unchanged_pages_alone(make_site: MakeSite) -> None:
    root = make_site(many_articles(6))
    build(root)
    untouched = root / "output/articles/post-0002"
    before = untouched.stat()
    edit(root, 1, "First edit.")
    build(root)
    edit(root, 1, "Second edit.")
    build(root)
    assert "Second edit." in (root / "output/articles/post-0001/index.html").read_text()
    after = untouched.stat()
    # The folder is the one the first build made, not made again: the build wrote what changed.
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)


def test_what_was_added_or_changed_in_a_live_output_never_survives_its_reuse(
    make_site: MakeSite, tmp_path: Path
) -> None:
    root = make_site(many_articles(6))
    build(root)
    output = root / "output"
    outside = tmp_path / "outside.txt"
    outside.write_text("someone's file\n")
    (output / "stray.html").write_text("left here by hand")
    (output / "articles/post-0001/notes.txt").write_text("a note")
    (output / "articles/post-0002/index.html").write_text("changed in place")  # the same file, new bytes
    (output / "articles/post-0003/index.html").unlink()
    (output / "articles/post-0003/index.html").symlink_to(outside)
    (output / "empty/deeper").mkdir(parents=True)
    shutil.rmtree(output / "articles/post-0004")
    (output / "articles/post-0004").write_text("a file where a folder was")
    edit(root, 5, "First edit.")
    build(root)  # the tampered tree is set aside now
    edit(root, 5, "Second edit.")
    build(root)  # and staged into again
    assert full_tree(output) == clean_build(root, tmp_path / "clean")
    assert outside.read_text() == "someone's file\n"


def test_a_build_killed_while_it_stages_into_the_spare_tree_leaves_the_output_as_it_was(
    make_site: MakeSite, tmp_path: Path
) -> None:
    root = make_site(many_articles(150))
    build(root)
    edit(root, 5, "First edit.")
    build(root)  # from now on, each build stages into the tree the previous one set aside
    before = full_tree(root / "output")
    edit(root, 5, "Edited once more.")
    staging = root / ".output.staging"
    page = "articles/post-0005/index.html"

    def shows_edit(folder: Path) -> Callable[[], bool]:
        def check() -> bool:
            try:
                return "Edited once more." in (folder / page).read_text()
            except OSError:
                return False

        return check

    env = {**os.environ, "SOURCE_DATE_EPOCH": SAMPLE_EPOCH}
    moments = {"the spare tree taken": staging.is_dir, "the edited page staged": shows_edit(staging)}
    for moment, reached in moments.items():
        proc = subprocess.Popen([sys.executable, "-m", "sitegen", "build", "-q"], cwd=root, env=env)
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline and proc.poll() is None and not reached():
            time.sleep(0.002)  # no event says how far a build has got: look again, up to the deadline
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        assert proc.returncode == -signal.SIGKILL, f"the build finished before {moment}"
        assert full_tree(root / "output") == before, f"a kill after {moment} changed the output"
    build(root)
    assert full_tree(root / "output") == clean_build(root, tmp_path / "clean")
    assert not any(p.name.startswith(".output") for p in root.iterdir())


def test_a_file_written_again_after_the_rest_were_looked_up_is_recorded_as_it_ends(tmp_path: Path) -> None:
    """The writer looks up what it will record of its files when it removes the rest (while
    Pagefind runs); a file written again after that is recorded as published, not as first written."""
    output = tmp_path / "output"
    with StagedOutput(output, tmp_path / "cache") as staged:
        staged.write("index.html", b"<p>first words</p>")
        staged.write("about/index.html", b"<p>about</p>")
        staged.remove_unwritten()
        staged.write("index.html", b"<p>second, longer words</p>")
        staged.write("_headers", b"/*\n")
        staged.publish()
    assert (output / "index.html").read_bytes() == b"<p>second, longer words</p>"
    assert staged.published_digest == output_digest(output)

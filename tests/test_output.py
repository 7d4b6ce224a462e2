"""The output folder: replaced in one step, never half-written, identical for identical input."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from conftest import SAMPLE_EPOCH, MakeSite, copy_sample, many_articles, run_sitegen, snapshot


def test_three_broken_files_are_all_reported_and_output_is_untouched(make_site: MakeSite) -> None:
    root = make_site({"content/articles/good.md": "---\ntitle: Good\ndate: 2025-01-01\ncategory: Anxiety\n---\nOk\n"})
    assert run_sitegen("build", cwd=root).code == 0
    before = snapshot(root / "output")
    (root / "content/articles/quote.md").write_text('---\ntitle: "Unclosed\ndate: 2025-01-01\ncategory: Anxiety\n---\n')
    (root / "content/articles/untitled.md").write_text("---\ndate: 2025-01-01\ncategory: Anxiety\n---\nBody\n")
    (root / "content/journeys").mkdir(parents=True)
    (root / "content/journeys/twice.md").write_text(
        "---\ntitle: Twice\nduration: 1 week\ncategory: Anxiety\n---\n# Twice\n\n"
        "## Day 1: One\nText\n\n## Day 1: Again\nText\n\n## Your Journey Plan\n### Week 1: W\n- a\n- b\n"
    )
    result = run_sitegen("build", cwd=root)
    assert result.code == 1
    assert "content/articles/quote.md:2: invalid YAML: a quoted value is never closed" in result.err
    assert "content/articles/untitled.md:1: missing required key 'title'" in result.err
    assert "content/journeys/twice.md:11: Day 1 is written twice" in result.err
    assert "Traceback" not in result.err
    assert snapshot(root / "output") == before


def test_a_failed_build_leaves_no_staging_behind(make_site: MakeSite) -> None:
    root = make_site({"content/articles/a.md": "---\ntitle: A\ncategory: Nope\ndate: 2025-01-01\n---\n"})
    assert run_sitegen("build", cwd=root).code == 1
    assert sorted(p.name for p in root.iterdir()) == [".sitegen-cache", "content", "site.yaml"]
    assert sorted(p.name for p in (root / ".sitegen-cache").iterdir()) == ["last-build", "lock"]  # for deploy


def test_a_finished_build_leaves_no_stale_files(make_site: MakeSite) -> None:
    root = make_site(many_articles(3))
    assert run_sitegen("build", cwd=root).code == 0
    (root / "output/stray.html").write_text("old")
    (root / "content/articles/post-0001.md").unlink()
    assert run_sitegen("build", cwd=root).code == 0
    assert not (root / "output/stray.html").exists()
    assert not (root / "output/articles/post-0001").exists()
    assert not any(p.name.startswith(".output") for p in root.iterdir())


def count_files(folder: Path) -> int:
    return sum(len(files) for _, _, files in os.walk(folder))


def test_build_killed_part_way_keeps_previous_output(make_site: MakeSite) -> None:
    root = make_site(many_articles(1500))
    assert run_sitegen("build", "-q", cwd=root).code == 0
    before = snapshot(root / "output")
    target = root / "content/articles/post-0000.md"
    target.write_text(target.read_text().replace("title: Post 0", "title: Post zero, revised"))
    # And every page changes (the site's title is on each): the build writes for long enough to
    # be killed part way, however quickly it now settles what one article's edit leaves alone.
    config = root / "site.yaml"
    config.write_text(config.read_text().replace("title: Test Practice", "title: Test Practice, renamed", 1))
    env = {**os.environ, "SOURCE_DATE_EPOCH": SAMPLE_EPOCH}
    seen: list[tuple[float, dict[str, str]]] = []
    for fraction in (0.3, 0.6, 0.9):
        # Progress is measured by what the build has written so far, not by the clock,
        # so the kill lands at that point of the run however busy the machine is.
        proc = subprocess.Popen([sys.executable, "-m", "sitegen", "build", "-q"], cwd=root, env=env)
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and proc.poll() is None:
            staging = [p for p in root.iterdir() if p.is_dir() and p.name.startswith(".output")]
            if staging and count_files(staging[0]) >= fraction * len(before):
                break
            time.sleep(0.005)  # no event says how far a build has got: look again, up to the deadline
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        assert proc.returncode == -signal.SIGKILL, "the build finished before it could be killed"
        seen.append((fraction, snapshot(root / "output")))
    assert run_sitegen("build", "-q", cwd=root).code == 0
    after = snapshot(root / "output")
    # A kill just after the swap, while the old copy is being removed, leaves the new output
    # complete; at any other moment the previous one stays. Never anything in between.
    assert seen[0][1] == before, "a kill at 30% changed the output"
    for fraction, found in seen:
        assert found in (before, after), f"output half-written after a kill at {fraction:.0%}"
    assert "Post zero, revised" in (root / "output/articles/post-0000/index.html").read_text()
    assert not any(p.name.startswith(".output") for p in root.iterdir())


def test_builds_are_byte_identical_across_folders_time_zones_and_hash_seeds(tmp_path: Path) -> None:
    first = copy_sample(tmp_path / "one" / "practice")
    second = copy_sample(tmp_path / "elsewhere" / "deeper" / "copy")
    assert run_sitegen("build", "-q", cwd=first, env={"TZ": "UTC", "PYTHONHASHSEED": "1", "LC_ALL": "C"}).code == 0
    assert (
        run_sitegen(
            "build", "-q", cwd=second, env={"TZ": "Pacific/Kiritimati", "PYTHONHASHSEED": "4242", "LC_ALL": "C.UTF-8"}
        ).code
        == 0
    )
    one, two = snapshot(first / "output"), snapshot(second / "output")
    assert len(one) > 40
    assert one == two
    for path in (first / "output").rglob("*.html"):
        assert str(first) not in path.read_text(), f"{path} contains the project's absolute path"


def test_output_option_builds_elsewhere(make_site: MakeSite, tmp_path: Path) -> None:
    root = make_site(many_articles(1))
    result = run_sitegen("build", "--output", str(tmp_path / "public"), cwd=root)
    assert result.code == 0, result.err
    assert (tmp_path / "public/articles/post-0000/index.html").is_file()
    assert not (root / "output").exists()

"""Markdown that Python-Markdown would read in minutes, or not at all, is a located error.

Each hostile body is 60 KB; on the old code `[[[…x…]]](y)` alone took over 90 seconds.
Now each build ends within a generous deadline with the file and line to fix, and text
a writer actually writes (code blocks full of brackets, hundreds of links) builds as before.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import time

import pytest

from conftest import SAMPLE_EPOCH, MakeSite

SIZE = 60_000
HEAD = "---\ntitle: Hostile\ndate: 2025-01-02\ncategory: Anxiety\n---\nA first paragraph.\n\n"


def sized(piece: str, tail: str = "") -> str:
    return piece * ((SIZE - len(tail)) // len(piece)) + tail


HOSTILE = {
    "nested brackets": "[" * (SIZE // 2 - 3) + "x" + "]" * (SIZE // 2 - 3) + "(y)",
    "unclosed brackets": sized("["),
    "unclosed images": sized("!["),
    "reference chains": sized("[a]["),
    "open link addresses": sized("[a]("),
    "open tags": sized("<a "),
    "quoted open tags": sized("<a x='>' "),
    "backslashes": sized("\\"),
    "deep emphasis": "*a " * 9_000 + "x" + " b*" * 9_000,
    "deep strong": "*" * 20_000 + "x" + "*" * 20_000,
    "headings without blank lines": sized("# x\n"),
    "attribute braces": sized("# h {: "),
    "deep list": "".join("    " * depth + "- x\n" for depth in range(160)),
    # Fences that Python-Markdown does not read as code, so what they hold is Markdown:
    "an indented fence": " ~~~\n" + sized("[", "\n ~~~"),
    "a longer closing fence": "~~~\n" + sized("[", "\n~~~~"),
    "a fence with words after its language": "~~~ python extra\n" + sized("[", "\n~~~"),
    "a fence closed by a carriage return": "~~~\nx\n~~~\r" + sized("[", "\n~~~"),
}


@pytest.mark.parametrize("shape", HOSTILE)
def test_a_hostile_body_is_refused_at_its_line_quickly(make_site: MakeSite, shape: str) -> None:
    root = make_site({"content/articles/a.md": HEAD + HOSTILE[shape] + "\n"})
    started, cpu_before = time.perf_counter(), resource.getrusage(resource.RUSAGE_CHILDREN).ru_utime
    proc = subprocess.run(
        [sys.executable, "-m", "sitegen", "build"],
        cwd=root,
        env={**os.environ, "SOURCE_DATE_EPOCH": SAMPLE_EPOCH},
        capture_output=True,
        text=True,
        timeout=30,  # generous: the old code took minutes; this is no measure of speed
    )
    cpu = resource.getrusage(resource.RUSAGE_CHILDREN).ru_utime - cpu_before
    print(f"{shape}: {time.perf_counter() - started:.1f} s, {cpu:.2f} s of CPU")
    assert proc.returncode == 1, proc.stderr[-500:]
    first = proc.stderr.splitlines()[0]
    assert first.startswith("content/articles/a.md:"), first
    assert int(first.split(":")[1]) >= 8  # in the body, not at the top of the file
    assert "Traceback" not in proc.stderr
    assert not (root / "output").exists()


def test_where_the_trouble_starts_is_the_line_reported(make_site: MakeSite) -> None:
    body = "Calm words.\n\nMore calm words.\n\n" + "[" * 2_000 + "\n"
    root = make_site({"content/articles/a.md": HEAD + body})
    proc = subprocess.run(
        [sys.executable, "-m", "sitegen", "build"], cwd=root, capture_output=True, text=True, timeout=60
    )
    assert proc.stderr.splitlines()[0] == (
        "content/articles/a.md:12: too many '[' never close or nest deeply: this text would take minutes to read "
        "(close each '[' with ']', or write '\\[' for one that is text)"
    )


def test_what_writers_write_builds_as_before(make_site: MakeSite) -> None:
    code = "```\n" + "[" * 5_000 + "<a " * 2_000 + "\\" * 3_000 + "\n```\n"
    links = " ".join(f"[source {n}](https://example.org/{n} 'title {n}')" for n in range(300))
    emphasis = " ".join("*one* **two** _three_ `four` &amp; \\*" for _ in range(100))
    lists = "".join("    " * depth + "- level\n" for depth in range(12))
    files = {
        "content/articles/a.md": HEAD + code + "\n" + links + "\n\n" + emphasis + "\n\n" + lists,
        "content/pages/p.md": "---\ntitle: P\n---\n" + "[" * 300 + "\n",
    }
    root = make_site(files)
    proc = subprocess.run(
        [sys.executable, "-m", "sitegen", "build"], cwd=root, capture_output=True, text=True, timeout=120
    )
    assert proc.returncode == 0, proc.stderr[-1000:]
    html = (root / "output/articles/a/index.html").read_text(encoding="utf-8")
    assert html.count('title="title ') == 300
    assert "[" * 5_000 in html
    assert html.count("<strong>two</strong>") == 100

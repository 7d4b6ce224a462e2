"""Markdown that would keep a build busy for minutes is a located error; the rest renders, quickly.

cmark-gfm reads any text in time proportional to its length, so the shapes that once took
Python-Markdown minutes (60 KB of `[[[…x…]]](y)` took over 90 seconds) now simply render.
What stays refused is what would cost the HTML sanitiser time in the square of its size:
quotes, lists or HTML elements nested thousands deep, tables padded out to millions of
cells, and paragraphs made of thousands of characters HTML must escape.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import SAMPLE_EPOCH, MakeSite

SIZE = 60_000
HEAD = "---\ntitle: Hostile\ndate: 2025-01-02\ncategory: Anxiety\n---\nA first paragraph.\n\n"


def sized(piece: str, tail: str = "", size: int = SIZE) -> str:
    return piece * ((size - len(tail)) // len(piece)) + tail


REFUSED = {
    "deep list": "".join("    " * depth + "- x\n" for depth in range(160)),
    "deep quotes": sized(">"),
    "deep quotes, a line each": "".join(">" * depth + " x\n" for depth in range(340)),
    "lists inside lists on one line": sized("- ") + "x",
    "deep HTML": sized("<div>"),
    "deep HTML with attributes": sized('<blockquote class="a>b"><p>'),
    "a wide table padded over many rows": "|" + "a|" * 10_000 + "\n|" + "-|" * 10_000 + "\n" + "|b\n" * 2_000,
    "a 600 KB paragraph of ampersands": sized("&", size=10 * SIZE),
    "a 600 KB paragraph of quotes": sized('"', size=10 * SIZE),
}

RENDERED = {
    # What took Python-Markdown minutes, or its whole stack, and takes cmark-gfm milliseconds:
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
    "an indented fence": " ~~~\n" + sized("[", "\n ~~~"),
    "a longer closing fence": "~~~\n" + sized("[", "\n~~~~"),
    "a fence with words after its language": "~~~ python extra\n" + sized("[", "\n~~~"),
    "a fence closed by a carriage return": "~~~\nx\n~~~\r" + sized("[", "\n~~~"),
    # And what could have been slow in sitegen's own passes over cmark's HTML:
    "ten thousand headings alike": sized("## Same\n\n"),
    "numbered headings alike": "".join(f"## x_{n}\n\n## x\n\n" for n in range(2_000)),
    "footnotes": "".join(f"x[^{n}]\n" for n in range(3_000)) + "\n" + "".join(f"[^{n}]: n\n" for n in range(3_000)),
    "a paragraph of ampersands": sized("&"),
    "a long table": "|a|b|\n|-|-|\n" + "|x|\n" * 10_000,
    "600 KB of raw headings that never close": sized("<h2>" + "y" * 91 + "</h3>", size=10 * SIZE),
    "an HTML block of 600 KB with a '<' in every twenty": "<div\n" + sized("<" + "y" * 19, size=10 * SIZE),
}


def build_cpu(root: Path) -> tuple[subprocess.CompletedProcess[str], float]:
    cpu_before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_utime
    proc = subprocess.run(
        [sys.executable, "-m", "sitegen", "build"],
        cwd=root,
        env={**os.environ, "SOURCE_DATE_EPOCH": SAMPLE_EPOCH},
        capture_output=True,
        text=True,
        timeout=60,  # generous: no measure of speed, only a guard against a hang
    )
    return proc, resource.getrusage(resource.RUSAGE_CHILDREN).ru_utime - cpu_before


@pytest.mark.parametrize("shape", REFUSED)
def test_a_hostile_body_is_refused_at_its_line_quickly(make_site: MakeSite, shape: str) -> None:
    root = make_site({"content/articles/a.md": HEAD + REFUSED[shape] + "\n"})
    proc, cpu = build_cpu(root)
    print(f"{shape}: {cpu:.2f} s of CPU")
    assert proc.returncode == 1, proc.stderr[-500:]
    first = proc.stderr.splitlines()[0]
    assert first.startswith("content/articles/a.md:"), first
    assert int(first.split(":")[1]) >= 8  # in the body, not at the top of the file
    assert "Traceback" not in proc.stderr
    assert not (root / "output").exists()


@pytest.mark.parametrize("shape", RENDERED)
def test_text_that_once_took_minutes_now_renders_in_moments(make_site: MakeSite, shape: str) -> None:
    root = make_site({"content/articles/a.md": HEAD + RENDERED[shape] + "\n"})
    proc, cpu = build_cpu(root)
    print(f"{shape}: {cpu:.2f} s of CPU")
    assert proc.returncode == 0, proc.stderr[-1000:]
    assert cpu < 5, f"{cpu:.1f} s of CPU: a build of one small site takes half a second"
    page = (root / "output/articles/a/index.html").read_text(encoding="utf-8")
    assert "A first paragraph." in page


def test_where_the_trouble_starts_is_the_line_reported(make_site: MakeSite) -> None:
    body = "Calm words.\n\nMore calm words.\n\n> A quote,\n" + ">" * 2_000 + " then far too many.\n"
    root = make_site({"content/articles/a.md": HEAD + body})
    proc = subprocess.run(
        [sys.executable, "-m", "sitegen", "build"], cwd=root, capture_output=True, text=True, timeout=60
    )
    assert proc.stderr.splitlines()[0] == (
        "content/articles/a.md:13: quotes ('>') or lists are nested more than 100 levels deep "
        "(start fewer quotes or lists inside one another, or write '\\>' or '\\-' for one that is only text)"
    ), proc.stderr[-500:]


def test_what_writers_write_builds_as_before(make_site: MakeSite) -> None:
    code = "```\n" + "[" * 5_000 + "<a " * 2_000 + "<div>" * 500 + "\\" * 3_000 + "\n```\n"
    links = " ".join(f"[source {n}](https://example.org/{n} 'title {n}')" for n in range(300))
    emphasis = " ".join("*one* **two** _three_ `four` &amp; \\*" for _ in range(100))
    lists = "".join("    " * depth + "- level\n" for depth in range(12))
    quotes = "> > > > > Five quotes deep, and a list:\n> > > > > - one\n> > > > > - two\n"
    table = "| a | b |\n|:--|--:|\n" + "| left | right |\n" * 2_000
    files = {
        "content/articles/a.md": HEAD + "\n\n".join((code, links, emphasis, lists, quotes, table)),
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
    assert "&lt;div&gt;" * 500 in html
    assert html.count("<strong>two</strong>") == 100
    assert html.count("<blockquote>") == 5
    assert html.count('<td class="align-right">right</td>') == 2_000

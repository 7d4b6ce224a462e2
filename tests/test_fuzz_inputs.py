"""A few thousand clumsy front matters and bodies, generated from a fixed seed: every build ends
in a site or in BuildFailed with located errors, never a traceback.

Valid files are mutated the ways people and pasted text get them wrong: wrong types, odd
Unicode, control characters, unbalanced quotes and brackets, huge numbers, impossible
dates, nesting, YAML tags, blank values, byte-order marks, CRLF, tabs, Markdown oddities.
Inputs stay small: the cost of YAML aliases and of deep Markdown brackets is tested elsewhere.
"""

from __future__ import annotations

import random
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import MINIMAL_SITE_YAML
from sitegen.build import build
from sitegen.core.errors import BuildFailed

SEED = 17
BATCHES = 10
ARTICLES_PER_BATCH = 200
SITE_VARIANTS = 300

# fmt: off
ODD_TEXT = [
    "\x00", "\x07", "\x08", "\x0b", "\x0c", "\x1b", "\x1b[31m", "\x7f", "\x85", "\x9f", "\ufeff", "\u200b", "\u200f",
    "\u202e", "\u2028", "\u2029", "\ufffd", "\ufffe", "e\u0301\u0301", "😀",
    "👩\u200d👧", "日本語", "القلق", "Ελληνικά", "'", '"', "[",
    "]", "{", "}", ":", ": ", " #", "#", "&", "*", "!", "%", "@", "`", "|", ">", "- ", "? ", ",", "\\", "\t", "  ",
    "\r", "<b>", "&amp;", "&#11;", "{{ x }}", "{% raw %}",
]
YAML_VALUES = [
    '""', "''", "   ", "~", "null", "true", "no", "0", "-1", "1e309", "-1e309", ".nan", ".inf",
    "99999999999999999999999", "-99999999999999999999", "9" * 5000, "0x1F", "0o17", "1_000", "12:30:00", "2025-02-30",
    "2025-13-01", "0000-01-01", "9999-12-31", "2024-02-29", "2025-02-29", "2025-1-1", "2025-01-02T25:00:00",
    "2025-01-02 10:00:00 +99:00", "2025-01-02T10:00:00Z", "20250102", "-2025-01-02", "[]", "{}", "[a, [b, [c]]]",
    "{a: {b: {c: d}}}", "[[[[", "{a: ", "'unclosed", '"unclosed', "a: b: c", "!!python/object:os.system x",
    "!!python/name:os.system ''", "!!binary aGVsbG8=", "!!binary '@@'", "!!int abc", "!!float ''", "!!bool maybe",
    "!!timestamp soon", "!!set {a, b}", "!!omap [a: 1]", "!!str [x]", "!custom x", "!!null x", "&a x", "*nope",
    "&a [*a]", "|\n  block text\n  more", ">-\n  folded", "\n  - a\n  - b", "\n  a: 1\n  b: [2]", "@reserved",
    "`tick", "%percent", "# a comment", '"\\x1b[31mred"', '"\\0"', '"\\v"', '"\\ud800"', '"\\U0010FFFF"', '"\\uFFFE"',
    '"\\N"', '"\\_"', '"\\L"', '"tab\\there"', "[" * 40 + "]" * 40,
    "\n" + "".join("  " * (i + 1) + "- x\n" for i in range(40)).rstrip(),
    "\u202eRTL", "😀😀", "日本語", "Ünïcödé", "C++", "a/b", "../..", "https://example.org/x", "javascript:alert(1)",
    "https://[x", "//[y",
]
MARKDOWN = [
    "```\nunclosed fence", "~~~python\ncode", "<script>alert(1)</script>", "<img src=x onerror=alert(1)>",
    "<iframe src=//evil.example>", "| a | b |\n|---|\n| 1 | 2 | 3 |", "[^1]", "[^gone]\n\n[^1]: a note",
    "[[booking]]", "####### seven", "# A heading one", "## Heading {#id .class}", "{#anchor}",
    "[link](javascript:alert(1))", "[a](<>)", "<https://example.org>", "&#0; &#x110000; &#xD800; &#99999999; &#11;",
    "***bold _ital**_", "> quote\n>> nested", "- a\n  - b\n    - c", "1) one\n2) two", "\t\tindented code", "---",
    "***", "<!-- open comment", "<div>", "</div></div>", "\x00\x0b\x1b\x0c\x7f\x85", "\u2028\u2029", "\r", "\ufeff",
    "[[[x]]](y)", "`` ` ``", "<br/>", "&amp;&lt;", "\\", "*" * 20, "_" * 20, "word " * 200,
    "![a calm lake](/images/none.png)", "![](https://evil.example/p.png)", "<a href='//evil.example'>x</a>",
    "[x](//[bad)", "[x](http://[::1)", "<a href='https://[x'>x</a>", "<img src='//[x' alt='x'>",
    "Step 1: breathe.", "## Day 3: Late",
    "### Week 9: Extra", "**Example:** a sigh",
]
ARTICLE_LINES = [
    "title: A calm article", "date: 2025-01-02", "category: Anxiety", "description: Worry, gently.",
    "tags: [sleep, worry]", "updated: 2025-03-04", "draft: false", "cta: true", "content_note: mentions panic",
]
PAGE_LINES = ["title: About us", "description: Who we are.", "nav_label: About", "cta: false"]
CLINICIAN_LINES = ["name: Dana Reyes", "credentials: LCSW", "regions: [Oregon]", "order: 2", "photo_alt: Dana"]
KEYS = [
    "title", "date", "category", "description", "tags", "updated", "draft", "cta", "content_note", "image_alt",
    "author", "reviewed_by", "last_reviewed", "name", "order", "regions", "nav_label", "Title", "titel", "",
    "duration", "days_per_week", "sequence", "day", "image", "photo", "booking_url", "slug", "aliases",
]
# fmt: on
JOURNEY_LINES = ["title: Steady", "duration: 1 week", "category: Anxiety", "days_per_week: 2", "sequence: 1"]
JOURNEY_BODY = (
    "# Steady\n\nA short journey.\n\n## Your Journey Plan\n\n### Week 1: Starting\n- Noticing\n- Naming\n\n"
    "## Day 1: Noticing\n\n### Today's Learning\n\n**Worry is loud.** Notice it.\n\n"
    "### Reflection Questions\n\n1. What did you notice?\n"
)
DAY_LINES = ["day: 2", "title: Naming"]
BODY = "Gentle, steady practice helps.\n\n## Part one\n\nBreathe slowly, and notice your feet.\n\n- one\n- two\n"


def mutated_file(rng: random.Random, lines: list[str], body: str) -> str:
    """A valid file, put through one to three mistakes."""
    meta = list(lines)
    for _ in range(rng.randint(1, 3)):
        meta = rng.choice(_LINE_MISTAKES)(rng, meta)
    text = "---\n" + "\n".join(meta) + "\n---\n" + _mutated_body(rng, body)
    if rng.random() < 0.1:
        text = rng.choice(_FILE_MISTAKES)(text)
    return text


def _set_value(rng: random.Random, meta: list[str]) -> list[str]:
    key = rng.choice(KEYS)
    return [*meta, f"{key}: {rng.choice(YAML_VALUES)}"]


def _odd_character(rng: random.Random, meta: list[str]) -> list[str]:
    at = rng.randrange(len(meta)) if meta else 0
    line = meta[at] if meta else "title: x"
    cut = rng.randint(0, len(line))
    return [*meta[:at], line[:cut] + rng.choice(ODD_TEXT) + line[cut:], *meta[at + 1 :]]


def _drop_line(rng: random.Random, meta: list[str]) -> list[str]:
    at = rng.randrange(len(meta) or 1)
    return [line for i, line in enumerate(meta) if i != at]


def _twice(rng: random.Random, meta: list[str]) -> list[str]:
    return [*meta, rng.choice(meta)] if meta else meta


def _indent(rng: random.Random, meta: list[str]) -> list[str]:
    at = rng.randrange(len(meta) or 1)
    return [rng.choice(["\t", " ", "   ", " \t"]) + line if i == at else line for i, line in enumerate(meta)]


def _unbalance(rng: random.Random, meta: list[str]) -> list[str]:
    at = rng.randrange(len(meta) or 1)
    opener = rng.choice(["'", '"', "[", "{", "[[", '"\\'])
    return [line.replace(": ", ": " + opener, 1) if i == at else line for i, line in enumerate(meta)]


_LINE_MISTAKES: list[Callable[[random.Random, list[str]], list[str]]] = [
    _set_value,
    _set_value,
    _odd_character,
    _odd_character,
    _drop_line,
    _twice,
    _indent,
    _unbalance,
]
_FILE_MISTAKES: list[Callable[[str], str]] = [
    lambda text: "\ufeff" + text,
    lambda text: text.replace("\n", "\r\n"),
    lambda text: text.replace("\n", "\r"),
    lambda text: text.replace("\n---\n", "\n", 1),
    lambda text: "stray words\n" + text,
    lambda text: text.replace("---\n", "--- \n", 1),
    lambda text: text.replace("\n---\n", "\n...\n", 1),
    lambda text: text.replace("---", "----"),
    lambda text: text[: len(text) // 2],
]


def _mutated_body(rng: random.Random, body: str) -> str:
    parts = body.split("\n")
    for _ in range(rng.randint(0, 4)):
        parts.insert(rng.randint(0, len(parts)), rng.choice(MARKDOWN + ODD_TEXT))
    return "\n".join(parts)


def batch(rng: random.Random, number: int) -> dict[str, str]:
    """One site's content: many articles, a few pages and clinicians, mostly mistaken."""
    files = {}
    for i in range(ARTICLES_PER_BATCH):
        lines = [line.replace("A calm article", f"A calm article {number}-{i}") for line in ARTICLE_LINES]
        files[f"content/articles/post-{i:03d}.md"] = mutated_file(rng, lines, BODY)
    for i in range(10):
        files[f"content/pages/page-{i}.md"] = mutated_file(rng, PAGE_LINES, BODY)
        files[f"content/team/person-{i}.md"] = mutated_file(rng, CLINICIAN_LINES, BODY)
        files[f"content/journeys/steady-{i}.md"] = mutated_file(rng, JOURNEY_LINES, JOURNEY_BODY)
        files[f"content/journeys/folder-{i}/journey.md"] = mutated_file(rng, JOURNEY_LINES, JOURNEY_BODY)
        files[f"content/journeys/folder-{i}/day-02.md"] = mutated_file(rng, DAY_LINES, BODY)
    return files


FORBIDDEN_IN_OUTPUT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def build_what_builds(root: Path) -> tuple[int, int]:
    """Build; after each failure, check every error is located, set aside the files named and build
    the rest, so the valid pages are rendered and published too. The errors seen, and the pages built."""
    seen = 0
    for _ in range(6):
        try:
            report = build(root, drafts=True, workers=1, refresh_search=False)
        except BuildFailed as failure:
            named = located_files(root, failure)
            seen += len(failure.errors)
            if not named:
                return seen, 0
            for path in named:
                (root / path).unlink()
            continue
        for path in (root / "output").rglob("*"):
            if path.suffix in (".html", ".xml", ".txt", ".json"):
                found = FORBIDDEN_IN_OUTPUT.search(path.read_text(encoding="utf-8"))
                assert found is None, f"{path.name} holds {found.group()!r}"
        return seen, report.pages
    return seen, 0


def located_files(root: Path, failure: BuildFailed) -> set[str]:
    """The content files the errors point at, each error checked for a message and a line."""
    assert failure.errors, "BuildFailed with no error"
    named = set()
    for error in failure.errors:
        assert error.message.strip(), error
        if error.path.startswith("content/") and (root / error.path).is_file():
            assert error.line >= 1, f"no line: {error}"
            named.add(error.path)
    return named


@pytest.fixture
def fuzz_root(tmp_path: Path) -> Path:
    """A project that has built once, so later builds reuse its search index instead of indexing again."""
    root = tmp_path / "site"
    (root / "content/articles").mkdir(parents=True)
    (root / "site.yaml").write_text(MINIMAL_SITE_YAML, encoding="utf-8")
    (root / "content/articles/first.md").write_text("---\n" + "\n".join(ARTICLE_LINES) + "\n---\nHi.\n")
    build(root, workers=1)
    return root


def test_generated_content_never_crashes_a_build(fuzz_root: Path) -> None:
    rng = random.Random(SEED)
    errors = pages = 0
    for number in range(BATCHES):
        shutil.rmtree(fuzz_root / "content")
        for name, text in batch(rng, number).items():
            path = fuzz_root / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8", errors="surrogatepass", newline="")
        found, built = build_what_builds(fuzz_root)
        errors, pages = errors + found, pages + built
    assert errors > BATCHES * ARTICLES_PER_BATCH // 2, "most mistakes are caught"
    assert pages > BATCHES * ARTICLES_PER_BATCH // 10, "and what survives them is rendered"


def test_generated_site_yaml_never_crashes_a_build(fuzz_root: Path) -> None:
    rng = random.Random(SEED + 1)
    lines = MINIMAL_SITE_YAML.splitlines()
    failed = 0
    for _ in range(SITE_VARIANTS):
        site = "\n".join(_site_mistake(rng, list(lines))) + "\n"
        (fuzz_root / "site.yaml").write_text(site, encoding="utf-8", errors="surrogatepass", newline="")
        try:
            build(fuzz_root, workers=1, refresh_search=False)
        except BuildFailed as failure:
            failed += 1
            for error in failure.errors:
                assert error.message.strip(), error
                if error.path == "site.yaml":
                    assert error.line >= 1, f"no line: {error}"
    assert failed > SITE_VARIANTS // 4


def _site_mistake(rng: random.Random, lines: list[str]) -> list[str]:
    for _ in range(rng.randint(1, 3)):
        choice = rng.random()
        if choice < 0.35:
            key = rng.choice(
                [
                    "title",
                    "description",
                    "language",
                    "articles_per_page",
                    "navigation",
                    "strings",
                    "crisis",
                    "practice",
                    "allowed_origins",
                    "themes",
                    "booking",
                    "base_url",
                ]
            )
            lines.append(f"{key}: {rng.choice(YAML_VALUES)}")
        elif choice < 0.7:
            lines = _odd_character(rng, lines)
        elif choice < 0.8:
            lines = _indent(rng, lines)
        elif choice < 0.9:
            lines = _unbalance(rng, lines)
        else:
            lines = _drop_line(rng, lines)
    return lines

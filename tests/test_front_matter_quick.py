"""Simple front matter is read without the YAML parser, and must mean exactly what the parser reads.

load_located reads the usual shapes (`key: value` lines, quoted text, `[a, b]` and `- item`
lists) itself and hands every other document to the parser. Each document below, from the
sample site, the test suite's own files, a generated bench corpus and a list of tricky cases,
must give the same values (types included), the same line for every key and list item, and
the same error, whichever way it was read.
"""

from __future__ import annotations

import ast
import datetime as dt
import random
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from frontmatter.default_handlers import YAMLHandler

from conftest import MINIMAL_SITE_YAML, REPO, MakeSite, many_articles, run_sitegen
from sitegen.build import build
from sitegen.core import yamlsource
from sitegen.core.yaml_quick import read_simple
from sitegen.core.yamlsource import LocatedYaml, load_located, parse_located

TRICKY = [
    "",
    "\n",
    "# only a comment\n",
    "\ntitle: Plain words\n",
    "\ntitle: 'It''s fine'\n",
    '\ntitle: "Quoted: with a colon"\n',
    '\ntitle: "Escaped \\" quote"\n',
    '\ntitle: "tab\\there"\n',
    "\ntitle: 'unclosed\n",
    '\ntitle: "unclosed\n',
    "\ntitle: a: b\n",
    "\ntitle: ends with a colon:\n",
    "\ntitle: http://example.org/a#b\n",
    "\ntitle: C# and F# # a comment\n",
    "\ntitle: text#not a comment\n",
    "\ntitle: # only a comment\n",
    "\ntitle:\n",
    "\ntitle:   \n",
    "\ntitle: ~\n",
    "\ntitle: null\n",
    "\ntitle: Null\n",
    "\ntitle: x\ntitle: y\n",
    "\ntitle: x\n\ntitle: y\n",
    "\ndraft: yes\n",
    "\ndraft: no\n",
    "\ndraft: on\n",
    "\ndraft: off\n",
    "\ndraft: Off\n",
    "\ndraft: y\n",
    "\ndraft: n\n",
    "\ndraft: TRUE\n",
    "\ndraft: tRUE\n",
    "\ndate: 2024-01-01\n",
    "\ndate: 2024-1-1\n",
    "\ndate: 2025-02-30\n",
    "\ndate: 2024-13-01\n",
    "\ndate: 2024-01-01 10:30:00\n",
    "\ndate: 2024-01-01T10:30:00Z\n",
    "\ndate: 2024-01-01T10:30:00+02:00\n",
    "\ndate: '2024-01-01'\n",
    "\ndate: 2024-01-01 # the day\n",
    "\norder: 1\n",
    "\norder: -1\n",
    "\norder: +1\n",
    "\norder: 010\n",
    "\norder: 0o10\n",
    "\norder: 0x1F\n",
    "\norder: 0b101\n",
    "\norder: 1_000\n",
    "\norder: 1:30\n",
    "\norder: 1.5\n",
    "\norder: 1e3\n",
    "\norder: 1.0e+3\n",
    "\norder: .inf\n",
    "\norder: -.inf\n",
    "\norder: .nan\n",
    "\norder: 99999999999999999999999999\n",
    "\norder: 1.\n",
    "\ntags: [a, b]\n",
    "\ntags: [a,b]\n",
    "\ntags: []\n",
    "\ntags: [ ]\n",
    "\ntags: [a, b,]\n",
    "\ntags: [a, , b]\n",
    "\ntags: [yes, 1, 2024-01-01, ~, 'q', \"d\"]\n",
    "\ntags: [a b, c]\n",
    "\ntags: [a:b]\n",
    "\ntags: [a: b]\n",
    "\ntags: [it's]\n",
    "\ntags: ['it''s', \"a, b\", \"c]\"]\n",
    "\ntags: [a, [b]]\n",
    "\ntags: [{a: b}]\n",
    "\ntags: [a, b] # a comment\n",
    "\ntags: [a, b]#no space\n",
    "\ntags: [a, b] trailing\n",
    "\ntags: [a,\n  b]\n",
    "\ntags: [a\n",
    "\ntags:\n- a\n- b\n",
    "\ntags:\n  - a\n  - b\n",
    "\ntags:\n  - a\n   - b\n",
    "\ntags:\n  - a\n - b\n",
    "\ntags:\n  - a\n\n  - 'b'\n# a comment\n  - \"c\" # and another\ntitle: x\n",
    "\ntags:\n  - a\n  # an indented comment\n  - b\n",
    "\ntags:\n  - a\n    continued\n",
    "\ntags:\n  -\n",
    "\ntags:\n  - \n",
    "\ntags:\n  - - a\n",
    "\ntags:\n  - [a]\n",
    "\ntags:\n  - a: b\n",
    "\ntags:\n  - yes\n  - 2024-01-01\n  - 3\n",
    "\ntags:\n-a\n",
    "\ntags: - a\n",
    "\ncta:\n  url: /book/\n  label: Book\n",
    "\ncta:\n  url: /book/\n  url: /again/\n",
    "\ndescription: >\n  Folded\n  text\n",
    "\ndescription: |\n  Literal\n  text\n",
    "\ndescription: first line\n  continued line\n",
    "\ndescription: first line\n\n  after a blank line\n",
    "\ndescription: first\nsecond\n",
    "\nbase: &b calm\ntitle: *b\n",
    "\ntitle: !!str 2024\n",
    "\ntitle: !custom x\n",
    "\ntitle: @handle\n",
    "\ntitle: `tick`\n",
    "\ntitle: %percent\n",
    "\ntitle: |pipe\n",
    "\ntitle: >more\n",
    "\ntitle: -dash\n",
    "\ntitle: - dash\n",
    "\ntitle: ?question\n",
    "\ntitle: :colon\n",
    "\ntitle: ,comma\n",
    "\ntitle: {braces}\n",
    "\ntitle: a [b] {c}\n",
    "\ntitle: 'a' b\n",
    '\ntitle: "a"b\n',
    '\ntitle: "a" # fine\n',
    "\ntitle: Café, naïve — “curly” ‘quotes’ …\n",
    "\ntitle: 心の健康\n",
    "\ntitle: emoji 🌿 leaf\n",
    "\ntitle: \u00a0no-break space\n",
    "\ntitle: line\u2028separator\n",
    "\ntitle: next\x85line\n",
    "\ntitle: bom\ufeff\n",
    "\ntitle: bell\x07\n",
    "\ntitle: delete\x7f\n",
    "\ntitle: c1\x9b\n",
    "\ntitle:\ttab\n",
    "\ntitle: a\tb\n",
    "\ttitle: x\n",
    "\ntitle: x \n",
    "\ntitle: x\r\ndate: 2024-01-01\r\n",
    "\n  title: indented\n",
    "\ntitle : space before the colon\n",
    "\ntitle:no space\n",
    "\nTitle: capital\n",
    "\nyes: key\n",
    "\non: key\n",
    "\nnull: key\n",
    "\n1: key\n",
    "\n2024-01-01: key\n",
    '\n"title": quoted key\n',
    "\n? title\n: complex\n",
    "\n<<: {a: b}\n",
    "\nkey-with-dash: x\nkey_with_underscore: y\n",
    "\nnaïve: key\n",
    "\n" + "k" * 1100 + ": long key\n",
    "\ntitle: x\n---\nmore: y\n",
    "\ntitle: x\n...\n",
    "\n%YAML 1.1\n",
    "\n- a\n- b\n",
    "\njust a sentence\n",
    "\n[a, b]\n",
    "\ntitle: x\n- a\n",
    "\ntitle: x\n  # an indented comment\n",
    "\n# before\ntitle: x # after\n# between\ndate: 2024-01-01\n\n\n# at the end\n",
    '\nreviewed_by: a\nlast_reviewed: 2024-05-06\ncontent_note: "Mentions loss"\n',
    *(
        f"\n{key}: {value}\n"
        for key in ("title", "tags")
        for value in (
            "back\\slash",
            "a'b",
            '"a\'b"',
            "'a\"b'",
            'a "b" c',
            "50%",
            "a|b",
            "a>b",
            "a & b",
            "a * b",
            "a ! b",
            "@",
            "' '",
            "''",
            '""',
            "['']",
            '[""]',
            "['a' , 'b']",
            "[ a , b ]",
            "[a]   # c",
            "True",
            "FALSE",
            "Yes",
            "NO",
            "On",
            "[~, null, yes, No]",
            "1_0.5",
            "+.inf",
            "0.",
            ".5",
            "+12",
            "-0",
            "1__0",
            "0_",
            "_1",
            "2024-01-01t10:00:00",
            "2024-01-01 10:00:00.123456",
            "2024-01-01  10:00",
            "2024-1-01 1:00:00",
            "10:30",
            "1:30:00",
            "190:20:30",
            "1:70",
            "0x_1",
            "0b",
            "0o8",
            "012345678",
            "1,000",
            "$5",
            "€5",
            "=",
            "<<",
            "!",
            "&",
            "*",
            "|",
            ">",
            "#",
            "-",
            "?",
            ":",
            "--",
            "?x",
            ":x",
            "a:",
            "a::b",
            "[a]b",
        )
    ),
    *(
        text.format(c=char)
        for char in "\x00\x08\x1f\x7f\x80\x9f\xa0\u2027\u2028\u2029\u202a\ud7ff\ue000\ufdd0\ufefe\ufeff\ufffd\ufffe"
        "\U00010000\U0001f33f\U0001fffe\U0010ffff"
        for text in ("\ntitle: a{c}b\n", "\ntitle: '{c}'\n", '\ntitle: "{c}"\n', "\ntags: [a{c}, b]\n", "\n{c}: x\n")
    ),
]


_SPLITTER = YAMLHandler()


def _typed(value: Any) -> Any:
    """A value with every type spelled out, so 1, 1.0 and True (or a date and a datetime) differ."""
    if isinstance(value, dict):
        return ("dict", [(_typed(k), _typed(v)) for k, v in value.items()])
    if isinstance(value, list):
        return ("list", [_typed(v) for v in value])
    return (type(value).__name__, repr(value))


def _outcome(result: tuple[LocatedYaml | None, Any]) -> Any:
    located, error = result
    if located is None:
        return ("error", error)
    return ("data", _typed(located.data), located.key_lines(), located.first_line)


def _front_matter(text: str) -> str | None:
    """The front matter of a content file as split_source hands it to the YAML reader."""
    text = text.lstrip("\ufeff")
    if not _SPLITTER.detect(text):
        return None
    try:
        return _SPLITTER.split(text)[0]
    except ValueError:
        return None


def _front_matters_in(folder: Path) -> list[str]:
    found = []
    for path in sorted(folder.rglob("*.md")):
        text = path.read_text(encoding="utf-8", errors="replace")
        matter = _front_matter(text)
        if matter is not None:
            found.append(matter)
    return found


def _yaml_files(folder: Path) -> list[str]:
    return [path.read_text(encoding="utf-8", errors="replace") for path in sorted(folder.rglob("*.yaml"))]


def _front_matters_in_test_code() -> list[str]:
    """Every string in the test suite that is a content file (starts with '---'): the odd shapes
    its authors wrote to test other things."""
    found = []
    for path in sorted((REPO / "tests").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value.startswith("---"):
                matter = _front_matter(node.value)
                if matter is not None:
                    found.append(matter)
    return found


def _combined(count: int) -> list[str]:
    """Documents of several keys, each written in one of many ways, in a repeatable shuffle."""
    keys = ["title", "date", "tags", "draft", "order", "title", "slug", "aliases"]
    values = [
        " plain", " 'single'", ' "double"', " yes", " off", " 2024-02-29", " 2023-02-29", " 12", " 0x1f",
        " 1:20", " 3.5", " ~", "", " # note", " [a, 'b', 3]", " []", "\n- a\n- 2024-01-01",
        "\n  - x\n  - 'y'", "\n  - x\n  - y: z", " a: b", " x #c", ' "x" y', " [a,\n b]", "\n  nested: 1",
        " long words, with commas; and semicolons", " 'it''s'", " café", " -3",
    ]  # fmt: skip
    shuffle = random.Random(23)
    documents = []
    for _ in range(count):
        lines = [f"{shuffle.choice(keys)}:{shuffle.choice(values)}" for _ in range(shuffle.randint(1, 6))]
        if shuffle.random() < 0.2:
            lines.insert(shuffle.randint(0, len(lines)), shuffle.choice(["", "# comment", "  # indented"]))
        documents.append("\n" + "\n".join(lines) + "\n")
    return documents


@pytest.fixture(scope="module")
def bench_front_matters(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    out = tmp_path_factory.mktemp("synth")
    subprocess.run(
        [sys.executable, str(REPO / "bench" / "synth.py"), "--articles", "120", "--out", str(out)],
        check=True,
        capture_output=True,
    )
    return _front_matters_in(out)


def _documents(bench: list[str]) -> list[str]:
    return [
        *TRICKY,
        *_front_matters_in(REPO / "content"),
        *_front_matters_in(REPO / "tests"),
        *_front_matters_in_test_code(),
        *bench,
        *_yaml_files(REPO / "tests"),
        *_yaml_files(REPO / "themes"),
        (REPO / "site.yaml").read_text(encoding="utf-8"),
        *_combined(3000),
    ]


def test_every_document_reads_the_same_with_or_without_the_parser(bench_front_matters: list[str]) -> None:
    documents = _documents(bench_front_matters)
    differ = [
        text
        for text in documents
        for offset in (0, 7)
        if _outcome(load_located(text, "x.md", offset)) != _outcome(parse_located(text, "x.md", offset))
    ]
    assert differ == []
    assert len(documents) > 3500


def test_the_usual_front_matter_is_read_without_the_parser(bench_front_matters: list[str]) -> None:
    """Otherwise the comparison above would prove nothing: the quick reader must take the usual shapes."""
    assert len(bench_front_matters) > 100
    assert all(read_simple(text) is not None for text in bench_front_matters)
    simple = [text for text in TRICKY if read_simple(text) is not None]
    assert len(simple) > 60


def test_the_quick_reader_leaves_what_it_cannot_read_to_the_parser() -> None:
    for text in ("\ntitle: x\ntitle: y\n", "\ndate: 2025-02-30\n", '\ntitle: "a\\"b"\n', "\ntags: [a,\n  b]\n"):
        assert read_simple(text) is None


ODD_BUT_FINE = """\
---
# written by hand, with comments
title: 'It''s okay: a "calm" start' # the title
date: 2024-02-29
category: Anxiety

tags:
  - sleep
  - 'rest, and quiet'
description: Café talk — “curly” quotes, C# and a colon:in the middle
draft: no
---
Body text.
"""


def test_odd_but_valid_front_matter_builds_as_written(make_site: MakeSite) -> None:
    root = make_site({"content/articles/odd.md": ODD_BUT_FINE})
    result = run_sitegen("build", cwd=root)
    assert result.code == 0, result.err
    page = (root / "output" / "articles" / "odd" / "index.html").read_text(encoding="utf-8")
    assert (
        "It’s okay: a “calm” start" in page or "It&#39;s okay: a &#34;calm&#34; start" in page or ("It's okay" in page)
    )
    assert "Café talk — “curly” quotes, C# and a colon:in the middle" in page
    assert "2024-02-29" in page
    assert (root / "output" / "tags" / "rest-and-quiet" / "index.html").is_file()


@pytest.mark.parametrize(
    ("front_matter", "expected"),
    [
        ("tags:\n  - sleep\n  - '!!!'\n", "content/articles/a.md:7: the tag '!!!'"),
        ("tags: [sleep, '???']\n", "content/articles/a.md:5: the tag '???'"),
        ("draft: maybe\n", "content/articles/a.md:5: 'draft' should be true or false, not 'maybe'"),
        ("updated: 2025-02-30\n", "content/articles/a.md:5: 2025-02-30 is not a day in the calendar"),
        ("author: yes\n", "content/articles/a.md:5: 'author' should be text, not true"),
        ("title: again\n", "content/articles/a.md:5: 'title' is written twice (first on line 2)"),
        ("\nslug: 'a/b'\n", "content/articles/a.md:6: the slug 'a/b'"),
    ],
)
def test_front_matter_problems_are_reported_at_their_line(
    make_site: MakeSite, front_matter: str, expected: str
) -> None:
    article = "---\ntitle: Calm\ndate: 2024-01-02\ncategory: Anxiety\n" + front_matter + "---\nBody.\n"
    root = make_site({"content/articles/a.md": article}, site_yaml=MINIMAL_SITE_YAML)
    result = run_sitegen("build", cwd=root)
    assert result.code == 1
    assert any(line.startswith(expected) for line in result.err.splitlines()), result.err
    assert "Traceback" not in result.err
    assert not (root / "output").exists()


def test_dates_and_lists_keep_their_types() -> None:
    located, error = load_located("\ndate: 2024-01-01\ntags: [1, yes, x]\nat: 2024-01-01 10:30:00\n", "x.md")
    assert error is None and located is not None
    assert located.data == {
        "date": dt.date(2024, 1, 1),
        "tags": [1, True, "x"],
        "at": dt.datetime(2024, 1, 1, 10, 30),
    }
    assert located.line_of(("tags", 2)) == 3


def test_a_build_reads_simple_front_matter_without_the_parser(
    make_site: MakeSite, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The point of it all: the usual article costs no YAML parse, nor a second one for its tags' lines."""
    root = make_site(many_articles(6))
    parsed: list[str] = []
    parser = yamlsource._Loader

    def watched(text: str) -> Any:
        parsed.append(text)
        return parser(text)

    monkeypatch.setattr(yamlsource, "_Loader", watched)
    report = build(root, workers=1)
    assert report.pages > 6
    assert any("booking:" in text for text in parsed), "site.yaml nests a mapping: the parser reads it"
    assert [text for text in parsed if "title: Post" in text] == []

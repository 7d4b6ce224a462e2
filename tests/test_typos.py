"""Typos and pasted text never crash a build: each is a `path:line` error with a hint, and output/
is left as it was. Bodies lose the invisible characters a web page cannot carry."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

from conftest import MINIMAL_SITE_YAML, MakeSite, copy_sample, run_sitegen, snapshot
from sitegen.build import build
from sitegen.core.errors import BuildFailed

ARTICLE = "content/articles/calm.md"
PAGE = "content/pages/about.md"
CLINICIAN = "content/team/dana.md"
DAY = "content/journeys/steady/day-01.md"

JOURNEY = """\
---
title: Steady
duration: 1 week
category: Anxiety
---

# Steady

A short journey.

## Your Journey Plan

### Week 1: Starting
- Noticing
"""


def article(title: str = "A calm article", extra: str = "", body: str = "Body text.") -> str:
    return f"---\ntitle: {title}\ndate: 2025-01-02\ncategory: Anxiety\n{extra}---\n{body}\n"


def nested(depth: int) -> str:
    return "[" * depth + "x" + "]" * depth


VALID = {
    ARTICLE: article(),
    PAGE: "---\ntitle: About us\n---\nWho we are.\n",
    CLINICIAN: "---\nname: Dana Reyes\n---\nDana works with worry.\n",
    "content/journeys/steady/journey.md": JOURNEY,
    DAY: "---\nday: 1\ntitle: Noticing\n---\n\nText.\n",
}

PASTED = "it usually comes with pasted text"

# (what is wrong, the file and its new text, the error's start, a word of its hint)
CASES = [
    (
        "impossible date",
        {ARTICLE: article(extra="updated: 2025-02-30\n")},
        "content/articles/calm.md:5: 2025-02-30 is not a day in the calendar",
        "February 2025 has 28 days",
    ),
    (
        "month 13",
        {ARTICLE: article().replace("2025-01-02", "2025-13-01")},
        "content/articles/calm.md:3: 2025-13-01 is not a day in the calendar",
        "there is no month 13",
    ),
    (
        "empty title",
        {ARTICLE: article(title='""')},
        "content/articles/calm.md:2: 'title' is empty",
        "write the title after 'title:'",
    ),
    (
        "blank page title",
        {PAGE: "---\ntitle: '   '\n---\nText.\n"},
        "content/pages/about.md:2: 'title' is empty",
        "write the title",
    ),
    (
        "empty clinician name",
        {CLINICIAN: "---\nname: ''\n---\nText.\n"},
        "content/team/dana.md:2: 'name' is empty",
        "write the name",
    ),
    (
        "escaped vertical tab in a title",
        {ARTICLE: article(title='"Calm\\vnights"')},
        "content/articles/calm.md:2: 'title' contains U+000B (a vertical tab)",
        PASTED,
    ),
    (
        "escaped escape in a description",
        {ARTICLE: article(extra='description: "Sleep \\e better"\n')},
        "content/articles/calm.md:5: 'description' contains U+001B (an escape)",
        PASTED,
    ),
    (
        "escaped NUL in a tag",
        {ARTICLE: article(extra='tags: [sleep, "wor\\0ry"]\n')},
        "content/articles/calm.md:5: 'tags[1]' contains U+0000 (a NUL)",
        PASTED,
    ),
    (
        "form feed pasted into a title",
        {ARTICLE: article(title="Calm\fnights")},
        "content/articles/calm.md:2: this line contains U+000C (a form feed)",
        PASTED,
    ),
    (
        "vertical tab pasted into a page title",
        {PAGE: "---\ntitle: About\vus\n---\nText.\n"},
        "content/pages/about.md:2: this line contains U+000B (a vertical tab)",
        PASTED,
    ),
    (
        "NUL pasted into a day's title",
        {DAY: "---\nday: 1\ntitle: Notic\x00ing\n---\n\nText.\n"},
        "content/journeys/steady/day-01.md:3: this line contains U+0000 (a NUL)",
        PASTED,
    ),
    (
        "escape in a journey's description",
        {"content/journeys/steady/journey.md": JOURNEY.replace("---\n\n", 'description: "a\\eb"\n---\n\n', 1)},
        "content/journeys/steady/journey.md:5: 'description' contains U+001B (an escape)",
        PASTED,
    ),
    (
        "a list nested 300 deep",
        {ARTICLE: article(extra=f"tags: {nested(300)}\n")},
        "content/articles/calm.md:5: values are nested more than 32 levels deep",
        "a stray '['",
    ),
    (
        "a list nested 990 deep under an unknown key",
        {ARTICLE: article(extra=f"mood: {nested(990)}\n")},
        "content/articles/calm.md:5: values are nested more than 32 levels deep",
        "a stray '['",
    ),
    (
        "a list inside itself",
        {ARTICLE: article(extra="tags: &loop [sleep, *loop]\n")},
        "content/articles/calm.md:5: values are nested more than 32 levels deep",
        "an alias inside its own anchor",
    ),
    (
        "a number too long to read",
        {CLINICIAN: f"---\nname: Dana\norder: {'9' * 5000}\n---\nText.\n"},
        "content/team/dana.md:3: '99999",
        "write a plain number",
    ),
    (
        "a tag that cannot hold its value",
        {ARTICLE: article(extra="draft: !!bool perhaps\n")},
        "content/articles/calm.md:5: 'perhaps' is not true or false",
        "write true or false",
    ),
    (
        "an empty tagged number",
        {CLINICIAN: "---\nname: Dana\norder: !!int ''\n---\nText.\n"},
        "content/team/dana.md:3: '' is not a number sitegen can read",
        "write a plain number",
    ),
]

SITE_CASES = [
    (
        "an unclosed bracket in base_url (found by the fuzz test)",
        MINIMAL_SITE_YAML.replace("https://example.org/\n", "https://[example.org/\n", 1),
        "site.yaml:2: base_url 'https://[example.org/' is not a full web address",
        "write it like https://example.org/",
    ),
    (
        "escaped vertical tab in the site title",
        MINIMAL_SITE_YAML.replace("title: Test Practice", 'title: "Test\\vPractice"'),
        "site.yaml:1: 'title' contains U+000B (a vertical tab)",
        PASTED,
    ),
    (
        "escape pasted into the site title",
        MINIMAL_SITE_YAML.replace("title: Test Practice", "title: Test\x1bPractice"),
        "site.yaml:1: this line contains U+001B (an escape)",
        PASTED,
    ),
    (
        "an empty category name",
        MINIMAL_SITE_YAML.replace("- name: Relationships", "- name: ''"),
        "site.yaml:8: 'categories[1].name' is empty",
        "write the name",
    ),
    (
        "a list nested 300 deep",
        MINIMAL_SITE_YAML + f"navigation: {nested(300)}\n",
        "site.yaml:9: values are nested more than 32 levels deep",
        "a stray '['",
    ),
    (
        "a string key with an escape",
        MINIMAL_SITE_YAML + 'strings:\n  "read\\e_more": Read on\n',
        "site.yaml:10: 'strings.read\\x1b_more' contains U+001B (an escape)",
        PASTED,
    ),
]


def failing_build(root: Path) -> BuildFailed:
    with pytest.raises(BuildFailed) as failure:
        build(root)
    return failure.value


@pytest.mark.parametrize(("files", "expected", "hint"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_a_mistake_in_content_is_a_located_error(
    make_site: MakeSite, files: dict[str, str], expected: str, hint: str
) -> None:
    root = make_site(VALID)
    build(root)
    before = snapshot(root / "output")
    for name, text in files.items():
        (root / name).write_text(text, encoding="utf-8")
    [error] = failing_build(root).errors
    assert str(error).startswith(expected), str(error)
    assert hint in error.hint
    assert snapshot(root / "output") == before


@pytest.mark.parametrize(("site_yaml", "expected", "hint"), [c[1:] for c in SITE_CASES], ids=[c[0] for c in SITE_CASES])
def test_a_mistake_in_site_yaml_is_a_located_error(
    make_site: MakeSite, site_yaml: str, expected: str, hint: str
) -> None:
    root = make_site({ARTICLE: article()})
    build(root)
    before = snapshot(root / "output")
    (root / "site.yaml").write_text(site_yaml, encoding="utf-8")
    [error] = failing_build(root).errors
    assert str(error).startswith(expected), str(error)
    assert hint in error.hint
    assert snapshot(root / "output") == before


def test_site_yaml_that_is_not_utf8_is_a_located_error(make_site: MakeSite) -> None:
    root = make_site({ARTICLE: article()})
    (root / "site.yaml").write_bytes(MINIMAL_SITE_YAML.replace("Test", "Caf\xe9").encode("latin-1"))
    [error] = failing_build(root).errors
    assert (error.path, error.line) == ("site.yaml", 1)
    assert "not valid UTF-8" in error.message and "UTF-8" in error.hint


def test_the_command_line_reports_them_with_exit_code_1(make_site: MakeSite) -> None:
    root = make_site(
        {
            ARTICLE: article().replace("2025-01-02", "2025-02-30"),
            PAGE: '---\ntitle: ""\n---\nText.\n',
            CLINICIAN: f"---\nname: Dana\nregions: {nested(300)}\n---\nText.\n",
        }
    )
    result = run_sitegen("build", cwd=root)
    assert result.code == 1, result.err
    assert "Traceback" not in result.err and "crashed" not in result.err
    assert "content/articles/calm.md:3: 2025-02-30 is not a day in the calendar" in result.err
    assert "content/pages/about.md:2: 'title' is empty" in result.err
    assert "content/team/dana.md:3: values are nested more than 32 levels deep" in result.err
    assert not (root / "output").exists()


def test_every_problem_in_one_file_is_reported_in_one_build(make_site: MakeSite) -> None:
    """A front-matter mistake no longer hides the file's other mistakes: a writer fixing one
    problem per build would build five times here."""
    missing = "![A quiet room](/images/room.jpg)"
    root = make_site(
        {
            ARTICLE: article(extra="tags: 5\n", body=missing).replace("category: Anxiety", "category: Anxeity"),
            PAGE: f"---\ntitle: About us\nnav_label: [1, 2]\n---\n{missing}\n",
            CLINICIAN: f"---\nname: Dana\norder: soon\n---\n{missing}\n",
        }
    )
    found = sorted((e.path, e.line, e.message.split(" ")[0:3]) for e in failing_build(root).errors)
    assert found == [
        (ARTICLE, 4, ["unknown", "category", "'Anxeity'"]),
        (ARTICLE, 5, ["'tags'", "should", "be"]),
        (ARTICLE, 7, ["the", "image", "/images/room.jpg"]),
        (PAGE, 3, ["'nav_label'", "should", "be"]),
        (PAGE, 5, ["the", "image", "/images/room.jpg"]),
        (CLINICIAN, 3, ["'order'", "should", "be"]),
        (CLINICIAN, 5, ["the", "image", "/images/room.jpg"]),
    ]


FORBIDDEN_IN_OUTPUT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff\U0001fffe\U0010ffff]")


def test_a_body_with_pasted_control_characters_builds_without_them(make_site: MakeSite) -> None:
    body = (
        "Breathe\x0bslowly.\x00 Notice\x1b[31m the\x0cfeet.\x07\x7f\n\n"
        "Entities too: a&#11;b &#0; c&#x1b;d &#xFFFE; e&#128;f.\n\n"
        "## Tab\x08le\n\n- one\x0e\n- two\x1f\n\n"
        "Beyond the first plane: a leaf \U0001f343 and a noncharacter\U0001fffe gone, too\U0010ffff.\n"
    )
    root = make_site({ARTICLE: article(body=body), DAY: VALID[DAY], "content/journeys/steady/journey.md": JOURNEY})
    (root / DAY).write_text(VALID[DAY].replace("Text.", "Te\x00xt\x0b here."), encoding="utf-8")
    build(root)
    output = root / "output"
    page = (output / "articles/calm/index.html").read_text(encoding="utf-8")
    assert "Breathe slowly. Notice[31m the feet." in page
    assert '<h2 id="table">Table</h2>' in page
    assert "a leaf \U0001f343 and a noncharacter gone, too." in page
    assert "Text  here." in (output / "journeys/steady/day-1/index.html").read_text(encoding="utf-8")
    for path in output.rglob("*"):
        if path.suffix in (".html", ".xml", ".json", ".txt"):
            found = FORBIDDEN_IN_OUTPUT.search(path.read_text(encoding="utf-8"))
            assert found is None, f"{path.relative_to(output)} holds {found.group()!r}"


def test_sitegen_new_drops_invisible_characters_from_a_pasted_title(make_site: MakeSite) -> None:
    root = make_site()
    result = run_sitegen("new", "article", "Calm\x0bnights\x1b", cwd=root)
    assert result.code == 0, result.err
    written = (root / "content/articles/calm-nights.md").read_text(encoding="utf-8")
    assert 'title: "Calm nights"' in written
    assert run_sitegen("build", "--drafts", cwd=root).code == 0


def test_import_drops_invisible_characters_from_a_pasted_post(make_site: MakeSite, tmp_path: Path) -> None:
    root = make_site()
    post = tmp_path / "post.html"
    post.write_text(
        "<html><head><title>x</title></head><body><article><h1>Hello&#27; there\x0b</h1>"
        "<p>Para&#11; one, with a bell\x07.</p><p>And a second paragraph.</p></article></body></html>",
        encoding="utf-8",
    )
    result = run_sitegen("import", str(post), cwd=root)
    assert result.code == 0, result.err + result.out
    written = (root / "content/articles/hello-there.md").read_text(encoding="utf-8")
    assert 'title: "Hello there"' in written and "Para one, with a bell." in written
    assert FORBIDDEN_IN_OUTPUT.search(written) is None
    assert run_sitegen("build", cwd=root).code == 0


# --- The cache: a part of the wrong kind is replaced, as other cache damage is --------------


def built_with_images(make_site: MakeSite) -> Path:
    from PIL import Image

    root = make_site({ARTICLE: article(body="![A calm lake](/images/lake.png)")})
    (root / "content/images").mkdir(parents=True)
    Image.new("RGB", (1600, 900), (40, 90, 140)).save(root / "content/images/lake.png")
    build(root)
    return root


def swap_kind(path: Path) -> None:
    """A folder where a file was, or a file where a folder was."""
    if path.is_dir():
        shutil.rmtree(path)
        path.write_text("not a folder")
    else:
        path.unlink()
        path.mkdir()
        (path / "stray").write_text("not a file")


CACHE_PARTS = ["images/*", "pagefind/0.part", "pagefind/0", "pagefind/pages.keys", "pages/*", "templates/*", "stamp"]


@pytest.mark.parametrize("part", CACHE_PARTS)
def test_a_cache_part_of_the_wrong_kind_is_replaced(make_site: MakeSite, part: str) -> None:
    root = built_with_images(make_site)
    cache = root / ".sitegen-cache"
    clean = snapshot(root / "output")
    [victim, *_] = sorted(cache.glob(part))
    swap_kind(victim)
    (root / ARTICLE).write_text(article(body="![A calm lake](/images/lake.png)\n\nMore."), encoding="utf-8")
    result = run_sitegen("build", "-q", cwd=root)
    assert result.code == 0, result.err
    (root / ARTICLE).write_text(article(body="![A calm lake](/images/lake.png)"), encoding="utf-8")
    assert run_sitegen("build", "-q", cwd=root).code == 0
    assert snapshot(root / "output") == clean


def test_check_reports_an_address_no_browser_can_follow(make_site: MakeSite) -> None:
    root = make_site({ARTICLE: article(body="See [the notes](//[notes) for more.")})
    result = run_sitegen("check", cwd=root)
    assert result.code == 1, result.err
    assert "crashed" not in result.err
    # CommonMark percent-encodes the '[' in a link's address: the page holds `//%5Bnotes`.
    assert "content/articles/calm.md:6: unreadable address: //%5Bnotes" in result.out + result.err


def test_an_image_address_no_browser_can_follow_is_not_a_crash(make_site: MakeSite) -> None:
    root = make_site({ARTICLE: article(body='A lake.\n\n<img src="//[lake" alt="A lake">')})
    build(root)
    assert 'src="//[lake"' in (root / "output/articles/calm/index.html").read_text(encoding="utf-8")


def test_a_theme_text_with_an_invisible_character_is_a_located_error(make_site: MakeSite) -> None:
    site_yaml = MINIMAL_SITE_YAML + "theme: calm\n"
    root = make_site(
        {ARTICLE: article(), "themes/calm/strings/en.yaml": 'topics: Themes\nlatest_articles: "New\\e"\n'},
        site_yaml=site_yaml,
    )
    [error] = failing_build(root).errors
    assert (error.path, error.line) == ("themes/calm/strings/en.yaml", 2)
    assert "contains U+001B (an escape), which a web page cannot show" in error.message


def test_a_named_pipe_among_the_content_is_a_located_error_not_a_wait(tmp_path: Path) -> None:
    """A pipe left where a Markdown file belongs would make reading it wait for ever."""
    root = copy_sample(tmp_path / "site")
    day = root / "content/journeys/reconnecting-as-a-couple/day-03.md"
    day.unlink()
    pipes = [day, root / "content/articles/pipe.md", root / "content/pages/pipe.md", root / "content/team/pipe.md"]
    for pipe in pipes:
        os.mkfifo(pipe)
    result = run_sitegen("build", cwd=root)
    assert result.code == 1
    for pipe in pipes:
        assert f"{pipe.relative_to(root).as_posix()}:1: this is not an ordinary file" in result.err
    assert not (root / "output").exists()

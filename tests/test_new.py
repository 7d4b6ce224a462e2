"""`sitegen new`: each kind writes a file that builds as it stands, named after its title, never overwriting.

The CLI runs in-process here (it is the same `main` the `sitegen` script calls) to keep these fast.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from sitegen.build import build
from sitegen.cli import main

EPOCH = "1795000000"  # 2026-11-18
SITE_YAML = """\
title: Test Practice
base_url: https://example.org/
booking:
  url: https://example.org/book/
categories:
  - name: Mood & Depression
  - name: Anxiety
"""


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "site"
    root.mkdir()
    (root / "site.yaml").write_text(SITE_YAML, encoding="utf-8")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    return root


def new(root: Path, *args: str) -> int:
    return main(["--root", str(root), "new", *args])


def front_matter(path: Path) -> dict[str, object]:
    text = path.read_text(encoding="utf-8")
    assert text.startswith("---\n")
    data = yaml.safe_load(text.split("---\n")[1])
    assert isinstance(data, dict)
    return data


def heading(page: Path) -> str:
    h1s = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").find_all("h1")
    assert len(h1s) == 1, h1s
    return str(h1s[0].get_text(strip=True))


KINDS = [
    ("article", "Café & Calm: Week 1", "content/articles/café-calm-week-1.md", "articles/café-calm-week-1"),
    ("journey", "Steady Steps", "content/journeys/steady-steps.md", "journeys/steady-steps"),
    ("page", "Fees & Insurance", "content/pages/fees-insurance.md", "fees-insurance"),
    ("clinician", "Dr. Ana Ruiz", "content/team/dr-ana-ruiz.md", "team/dr-ana-ruiz"),
]


@pytest.mark.parametrize(("kind", "title", "source", "address"), KINDS, ids=[k[0] for k in KINDS])
def test_each_kind_writes_a_file_that_builds_as_it_stands(
    project: Path, capsys: pytest.CaptureFixture[str], kind: str, title: str, source: str, address: str
) -> None:
    assert new(project, kind, title) == 0
    assert (project / source).is_file()
    assert capsys.readouterr().out.strip().endswith(source)

    assert main(["--root", str(project), "build", "-q"]) == 0, capsys.readouterr().err
    page = project / "output" / address / "index.html"
    assert page.is_file()
    assert heading(page) == title


def test_an_article_is_dated_today_in_the_first_category_and_published(project: Path) -> None:
    assert new(project, "article", "Café & Calm: Week 1") == 0
    meta = front_matter(project / "content/articles/café-calm-week-1.md")
    assert str(meta["date"]) == "2026-11-18"  # SOURCE_DATE_EPOCH's day, not the clock's
    assert meta["category"] == "Mood & Depression"  # declared first, though not first alphabetically
    assert "draft" not in meta
    assert meta["tags"] == []
    assert meta["description"] == ""
    report = build(project)  # without drafts: it is visible as it stands
    assert (report.output / "articles/café-calm-week-1/index.html").is_file()


def test_a_journey_is_one_week_with_day_one_written_and_the_rest_planned(project: Path) -> None:
    assert new(project, "journey", "Steady Steps") == 0
    meta = front_matter(project / "content/journeys/steady-steps.md")
    assert meta["duration"] == "1 week"
    out = build(project).output / "journeys/steady-steps"
    assert (out / "week-1/index.html").is_file()
    assert heading(out / "day-1/index.html") == "Day 1: Getting Started"
    assert not (out / "day-2").exists()  # planned, not written
    week = (out / "week-1/index.html").read_text(encoding="utf-8")
    assert "Day 7" in week


ODD_TITLES = [
    "He said \"yes\": #1 'maybe'",
    "Worry: what it is # and isn't",
    "- starts like a list & ends with a colon:",
    "yes",
    "Ünïcödé — “curly” quotes ‘too’",
]


SECTIONS = {
    "article": ("articles", "articles/"),
    "page": ("pages", ""),
    "clinician": ("team", "team/"),
    "journey": ("journeys", "journeys/"),
}


@pytest.mark.parametrize("title", ODD_TITLES)
def test_odd_titles_round_trip_into_the_built_heading(project: Path, title: str) -> None:
    for kind in SECTIONS:
        assert new(project, kind, title) == 0
    output = build(project).output
    for kind, (folder, section) in SECTIONS.items():
        (written,) = (project / "content" / folder).glob("*.md")
        assert front_matter(written)["name" if kind == "clinician" else "title"] == title
        assert heading(output / f"{section}{written.stem}" / "index.html") == title, kind


def test_it_refuses_to_overwrite_an_existing_file(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert new(project, "article", "Café & Calm: Week 1") == 0
    path = project / "content/articles/café-calm-week-1.md"
    path.write_text("my edits", encoding="utf-8")
    capsys.readouterr()

    assert new(project, "article", "CAFÉ Calm, Week 1!") == 1  # a different title, the same slug
    assert path.read_text(encoding="utf-8") == "my edits"
    err = capsys.readouterr().err
    assert "content/articles/café-calm-week-1.md already exists" in err


def test_a_journey_folder_of_the_same_name_is_not_shadowed(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "content/journeys/steady-steps").mkdir(parents=True)
    assert new(project, "journey", "Steady Steps") == 1
    assert not (project / "content/journeys/steady-steps.md").exists()
    assert "already exists" in capsys.readouterr().err


def test_a_title_without_letters_or_digits_writes_nothing(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert new(project, "page", "?!") == 1
    assert not (project / "content").exists()
    assert "no letters or digits" in capsys.readouterr().err


def test_a_broken_site_yaml_is_reported_and_nothing_written(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "site.yaml").write_text(textwrap.dedent(SITE_YAML) + "colour: blue\n", encoding="utf-8")
    assert new(project, "article", "Hello") == 1
    assert not (project / "content").exists()
    assert "site.yaml" in capsys.readouterr().err

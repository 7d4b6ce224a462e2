"""The journal's markup, built: every reflection question and activity step of a written day carries a stable
`data-answer` id (the journal script keys answers by it), and `audience:` reaches the page."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import MakeSite
from sitegen.build import build
from sitegen.core.errors import BuildFailed

HEAD = (
    "---\ntitle: Steady Steps\nduration: 1 week\ncategory: Anxiety\n{meta}---\n\n# Steady Steps Journey\n\nIntro.\n\n"
)
PLAN = "## Your Journey Plan\n\n### Week 1: Starting\n- One\n- Two\n"
DAY_PARTS = (
    "### Today's Activity\n\nStep 1: Breathe.\n- slowly\n\nStep 2: Notice.\n\n"
    "### Reflection Questions\n\n1. What changed?\n2. What stayed?\n\n"
    "### More Questions to Journal On\n\n1. And tomorrow?\n"
)


def day_page(output: Path, journey: str, day: int) -> BeautifulSoup:
    html = (output / f"journeys/{journey}/day-{day}/index.html").read_text(encoding="utf-8")
    return BeautifulSoup(html, "html.parser")


def answer_ids(output: Path, day: int) -> list[str]:
    page = day_page(output, "steady-steps", day)
    return [str(item["data-answer"]) for item in page.select("main [data-answer]")]


def built(make_site: MakeSite, files: dict[str, str]) -> Path:
    root = make_site(files)
    build(root)
    return root / "output"


def test_questions_and_steps_are_numbered_in_page_order_across_a_days_sections(make_site: MakeSite) -> None:
    days = f"## Day 1: First\n\n{DAY_PARTS}\n## Day 2: Second\n\n### Reflection Questions\n\n1. Only one?\n\n"
    output = built(make_site, {"content/journeys/steady-steps.md": HEAD.format(meta="") + days + PLAN})
    assert answer_ids(output, 1) == ["d1-s1", "d1-s2", "d1-q1", "d1-q2", "d1-q3"]
    assert answer_ids(output, 2) == ["d2-q1"]


def test_a_folder_journeys_days_carry_the_same_ids(make_site: MakeSite) -> None:
    output = built(
        make_site,
        {
            "content/journeys/steady-steps/journey.md": HEAD.format(meta="") + PLAN,
            "content/journeys/steady-steps/day-02.md": f"---\nday: 2\ntitle: Second\n---\n\n{DAY_PARTS}",
        },
    )
    assert answer_ids(output, 2) == ["d2-s1", "d2-s2", "d2-q1", "d2-q2", "d2-q3"]


@pytest.mark.parametrize(("meta", "audience"), [("", "individual"), ("audience: couples\n", "couples")])
def test_the_day_page_tells_the_journal_who_the_journey_is_for(make_site: MakeSite, meta: str, audience: str) -> None:
    text = HEAD.format(meta=meta) + f"## Day 1: A\n\n{DAY_PARTS}" + PLAN
    page = day_page(built(make_site, {"content/journeys/steady-steps.md": text}), "steady-steps", 1)
    controls = page.select_one("[data-journal]")
    assert controls is not None and controls.has_attr("hidden")
    assert (controls["data-journal"], controls["data-audience"]) == ("/journeys/steady-steps/", audience)
    assert len(page.select(".journal-names input")) == (2 if audience == "couples" else 0)


def test_an_unknown_audience_is_a_located_error_with_a_hint(make_site: MakeSite) -> None:
    root = make_site({"content/journeys/steady-steps.md": HEAD.format(meta="audience: Couples\n") + PLAN})
    with pytest.raises(BuildFailed) as failure:
        build(root)
    [error] = failure.value.errors
    assert (error.path, error.line) == ("content/journeys/steady-steps.md", 5)
    assert error.message == "'audience: Couples' is not a kind of reader sitegen knows"
    assert error.hint.startswith("did you mean 'couples'?") and "'audience: individual'" in error.hint
    assert not (root / "output").exists()


def test_the_sample_couples_journey_offers_two_columns(sample_output: Path) -> None:
    page = day_page(sample_output, "reconnecting-as-a-couple", 1)
    controls = page.select_one("[data-journal]")
    assert controls is not None and controls["data-audience"] == "couples"
    names = [label.get_text() for label in page.select(".journal-names label")]
    assert names == ["Partner 1's name", "Partner 2's name"]

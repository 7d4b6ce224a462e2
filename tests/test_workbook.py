"""The workbook (every written day of a journey on one page, to print) and how long a day takes
(`minutes:`): checked on built output, the sample's and small projects' of their own."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag

from conftest import MINIMAL_SITE_YAML, MakeSite
from sitegen.build import build
from sitegen.core.errors import BuildFailed

SAMPLE_JOURNEYS = ("steadier-days", "reconnecting-as-a-couple")


def read_html(output: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((output / path / "index.html").read_text(encoding="utf-8"), "html.parser")


def words(tag: Tag) -> str:
    return " ".join(tag.get_text().split())


def main_of(page: BeautifulSoup) -> Tag:
    main = page.find("main")
    assert isinstance(main, Tag)
    return main


def section_bodies(container: Tag) -> list[str]:
    """Each day section's own HTML, without its heading: what the day page and the workbook share
    (and so the answer ids a script fills in)."""
    bodies = []
    for section in container.select("section.day-section"):
        parts = [c for c in section.children if not (isinstance(c, Tag) and c.name in ("h2", "h3"))]
        bodies.append("".join(str(c) for c in parts if str(c).strip()))
    return bodies


def plan_days(overview: BeautifulSoup) -> tuple[list[int], list[int]]:
    """The day numbers of the overview's plan: those written (linked) and those only planned."""
    items = overview.select("li.day-item")
    written = [int(str(li["data-day"])) for li in items if li.get("data-url")]
    planned = [int(str(li["data-day"])) for li in items if not li.get("data-url")]
    return written, planned


# --- The workbook -------------------------------------------------------------------------


@pytest.mark.parametrize("slug", SAMPLE_JOURNEYS)
def test_the_workbook_holds_every_written_day_in_order_and_no_planned_day(sample_output: Path, slug: str) -> None:
    overview = read_html(sample_output, f"journeys/{slug}/")
    written, planned = plan_days(overview)
    assert written and planned, "the sample journey should have written and planned days"
    workbook = main_of(read_html(sample_output, f"journeys/{slug}/workbook/"))
    days = workbook.select("section.workbook-day")
    headings = [words(day.find("h2")) for day in days]  # type: ignore[arg-type]
    expected = [words(main_of(read_html(sample_output, f"journeys/{slug}/day-{n}/")).h1) for n in written]  # type: ignore[arg-type]
    assert headings == expected
    assert all(h.startswith(f"Day {n}: ") for h, n in zip(headings, written, strict=True))
    text = words(workbook)
    for number in planned:
        assert f"Day {number}:" not in text and f"Day {number} " not in text, f"planned Day {number} is in the workbook"


@pytest.mark.parametrize("slug", SAMPLE_JOURNEYS)
def test_each_workbook_day_carries_its_page_s_sections_and_its_week(sample_output: Path, slug: str) -> None:
    workbook = main_of(read_html(sample_output, f"journeys/{slug}/workbook/"))
    for day in workbook.select("section.workbook-day"):
        number = int(str(day["aria-labelledby"]).removeprefix("day-"))
        page = main_of(read_html(sample_output, f"journeys/{slug}/day-{number}/"))
        for part in ("ol.reflection-questions > li", "ol.steps > li", ".example", "p.key-point"):
            assert [words(t) for t in day.select(part)] == [words(t) for t in page.select(part)], (number, part)
        assert section_bodies(day) == section_bodies(page), f"Day {number}'s sections differ from its page's"
        assert [words(h) for h in day.select("h3")] == [words(h) for h in page.select(".prose h2")]
        week = day.select_one(".workbook-week")
        position = page.select_one(".day-position a")
        assert week is not None and position is not None and words(week) == words(position)
    assert workbook.select("ol.reflection-questions > li") and workbook.select("ol.steps > li")


def test_the_workbook_is_titled_for_its_journey_and_sits_under_it_in_the_breadcrumbs(sample_output: Path) -> None:
    page = read_html(sample_output, "journeys/reconnecting-as-a-couple/workbook/")
    assert words(main_of(page).h1) == "Reconnecting as a Couple workbook"  # type: ignore[arg-type]
    assert page.title is not None and page.title.get_text().startswith("Reconnecting as a Couple workbook · ")
    crumbs = page.select("nav.breadcrumbs li")
    assert [words(c) for c in crumbs] == ["Journeys", "Reconnecting as a Couple", "Workbook"]
    assert crumbs[1].a is not None and crumbs[1].a["href"] == "/journeys/reconnecting-as-a-couple/"


def test_the_workbook_is_linked_from_the_overview_and_every_day(sample_output: Path) -> None:
    for slug in SAMPLE_JOURNEYS:
        target = f"/journeys/{slug}/workbook/"
        overview = read_html(sample_output, f"journeys/{slug}/")
        written, _ = plan_days(overview)
        for path in [f"journeys/{slug}/", *(f"journeys/{slug}/day-{n}/" for n in written)]:
            assert main_of(read_html(sample_output, path)).select(f'a[href="{target}"]'), f"{path} has no workbook link"


def test_the_workbook_is_left_out_of_search_and_the_sitemap(sample_output: Path) -> None:
    """It repeats the days, which search and the sitemap already hold."""
    page = read_html(sample_output, "journeys/steadier-days/workbook/")
    assert main_of(page).get("data-pagefind-body") is None
    assert page.select_one('meta[name="robots"][content="noindex"]') is not None
    sitemap = (sample_output / "sitemap.xml").read_text(encoding="utf-8")
    assert "/journeys/steadier-days/day-1/" in sitemap and "/workbook/" not in sitemap
    day = read_html(sample_output, "journeys/steadier-days/day-1/")
    assert main_of(day).get("data-pagefind-body") is not None


def test_the_workbook_keeps_the_crisis_line_and_the_educational_note(sample_output: Path) -> None:
    page = read_html(sample_output, "journeys/steadier-days/workbook/")
    crisis = page.select_one("section.crisis")
    assert crisis is not None and "call or text 988" in words(crisis)
    note = main_of(page).select_one(".educational-note")
    assert note is not None and words(note)


JOURNEY = """\
---
title: Quiet Steps
duration: 1 week
category: Anxiety
days_per_week: 3
---

# Quiet Steps Journey

Intro.

{days}
## Your Journey Plan

### Week 1: Starting
- Noticing
- Breathing
- Resting
"""

DAY_1 = "## Day 1: Noticing\n{marker}\n### Reflection Questions\n\n1. What did you notice?\n\n"
DAY_3 = "## Day 3: Resting\n\n### Today's Activity\n\nStep 1: Rest.\n\n"


def build_journey(make_site: MakeSite, days: str, site_yaml: str = MINIMAL_SITE_YAML) -> Path:
    root = make_site({"content/journeys/quiet-steps.md": JOURNEY.format(days=days)}, site_yaml=site_yaml)
    build(root)
    return root / "output"


def test_a_journey_with_no_written_day_has_no_workbook(make_site: MakeSite) -> None:
    out = build_journey(make_site, "")
    assert not (out / "journeys/quiet-steps/workbook").exists()
    assert "workbook" not in (out / "journeys/quiet-steps/index.html").read_text(encoding="utf-8")


def test_workbook_headings_and_ids_are_unique_per_day(make_site: MakeSite) -> None:
    out = build_journey(make_site, DAY_1.format(marker="") + DAY_3)
    page = read_html(out, "journeys/quiet-steps/workbook/")
    ids = [str(t["id"]) for t in page.find_all(id=True)]
    assert len(ids) == len(set(ids)), ids
    assert [words(h) for h in main_of(page).select(".workbook-day h2")] == ["Day 1: Noticing", "Day 3: Resting"]


WITH_IDS = """\
## Day {n}: Day {n}

### Today's Learning

A thought worth keeping.[^1] And a second one.[^note]

#### A small tip

Go slowly. See [the tip](#a-small-tip) and [the questions](#reflection-questions).

[^1]: Note one of day {n}.
[^note]: Note two of day {n}.

### Reflection Questions

1. What did you notice?

"""


def test_workbook_days_with_sub_headings_and_footnotes_keep_their_ids_apart(make_site: MakeSite) -> None:
    out = build_journey(make_site, "".join(WITH_IDS.format(n=n) for n in (1, 2, 3)))
    page = read_html(out, "journeys/quiet-steps/workbook/")
    ids = [str(t["id"]) for t in page.find_all(id=True)]
    assert len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)
    for day in main_of(page).select("section.workbook-day"):
        number = str(day["aria-labelledby"]).removeprefix("day-")
        notes = {str(t["id"]): words(t) for t in day.select("[id]")}
        links = [str(link["href"])[1:] for link in day.select('a[href^="#"]')]
        assert len(links) == 6 and f"day-{number}-reflection-questions" in links, links
        for target in links:
            assert target in notes and target.startswith(f"day-{number}-"), f"Day {number} links to {target}"
        footnote_links = day.select("sup.footnote-ref > a")
        assert len(footnote_links) == 2
        assert notes[str(footnote_links[0]["href"])[1:]].startswith(f"Note one of day {number}.")
        tip = day.select_one("h4")
        assert tip is not None and tip["id"] == f"day-{number}-a-small-tip"
    # The day's own page keeps its own ids: the "day-2-" prefix is the workbook's alone (a note's
    # id names its section, so two sections' first notes differ on the day's page too).
    day_page = read_html(out, "journeys/quiet-steps/day-2/")
    assert day_page.select_one("h4#a-small-tip") is not None
    assert day_page.select_one('sup.footnote-ref > a[href="#fn-s-today-s-learning-1"]') is not None


# --- How long a day takes ------------------------------------------------------------------


def test_sample_overview_totals_each_week_honestly(sample_output: Path) -> None:
    """Every day of the couple's first week gives its minutes; Steadier Days' first week writes 5 of its 7."""
    couple = read_html(sample_output, "journeys/reconnecting-as-a-couple/")
    week_1, week_2 = couple.select("section.plan-week")[:2]
    assert words(week_1.select_one(".week-time")) == "About 1 hour 25 minutes this week"  # type: ignore[arg-type]
    assert week_2.select_one(".week-time") is None
    steadier = read_html(sample_output, "journeys/steadier-days/").select_one("section.plan-week")
    assert steadier is not None
    assert words(steadier.select_one(".week-time")) == "About 1 hour 15 minutes for 5 of this week’s 7 days"  # type: ignore[arg-type]
    minutes = [int(str(li["data-minutes"])) for li in steadier.select("li.day-item[data-minutes]")]
    assert minutes == [15, 10, 20, 15, 15]
    assert not steadier.select("li.day-item.planned[data-minutes]")
    first = steadier.select_one("li.day-item")
    assert first is not None and words(first.select_one(".day-minutes")) == "About 15 minutes"  # type: ignore[arg-type]
    week_page = read_html(sample_output, "journeys/reconnecting-as-a-couple/week-1/")
    assert words(main_of(week_page).select_one(".week-time")) == "About 1 hour 25 minutes this week"  # type: ignore[arg-type]


def test_sample_day_says_about_how_long_it_takes(sample_output: Path) -> None:
    for path, expected in (
        ("journeys/steadier-days/day-2/", "About 10 minutes"),
        ("journeys/reconnecting-as-a-couple/day-3/", "About 20 minutes"),
        ("journeys/reconnecting-as-a-couple/workbook/", "About 15 minutes"),
    ):
        time = main_of(read_html(sample_output, path)).select_one(".day-time")
        assert time is not None and words(time) == expected, path


def test_a_marker_under_a_day_heading_gives_its_minutes_and_is_not_published(make_site: MakeSite) -> None:
    out = build_journey(make_site, DAY_1.format(marker="<!-- minutes: 1 -->\n") + DAY_3)
    day = (out / "journeys/quiet-steps/day-1/index.html").read_text(encoding="utf-8")
    assert "About 1 minute<" in day and "minutes:" not in day
    overview = read_html(out, "journeys/quiet-steps/")
    assert words(overview.select_one(".week-time")) == "About 1 minute for 1 of this week’s 3 days"  # type: ignore[arg-type]
    day_3 = read_html(out, "journeys/quiet-steps/day-3/")
    assert main_of(day_3).select_one(".day-time") is None


def test_minutes_are_said_in_the_site_s_language(make_site: MakeSite) -> None:
    out = build_journey(
        make_site, DAY_1.format(marker="<!-- minutes: 12 -->"), site_yaml=MINIMAL_SITE_YAML + "language: es\n"
    )
    day = main_of(read_html(out, "journeys/quiet-steps/day-1/"))
    assert words(day.select_one(".day-time")) == "Unos 12 minutos"  # type: ignore[arg-type]
    workbook = read_html(out, "journeys/quiet-steps/workbook/")
    assert words(main_of(workbook).h1) == "Cuaderno de Quiet Steps"  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("language", "minutes", "expected"),
    [
        ("en", (30, 29), "About 59 minutes this week"),
        ("en", (30, 30), "About 1 hour this week"),
        ("en", (60, 1), "About 1 hour 1 minute this week"),
        ("en", (120, 5), "About 2 hours 5 minutes this week"),
        ("es", (30, 29), "Alrededor de 59 minutos esta semana"),
        ("es", (60, 1), "Alrededor de 1 hora y 1 minuto esta semana"),
        ("es", (200, 40), "Alrededor de 4 horas esta semana"),
        ("es", (100, 25), "Alrededor de 2 horas y 5 minutos esta semana"),
    ],
)
def test_a_week_of_an_hour_or_more_is_said_in_hours_and_minutes(
    make_site: MakeSite, language: str, minutes: tuple[int, int], expected: str
) -> None:
    days = "".join(
        f"## Day {n}: Part {n}\n<!-- minutes: {m} -->\n\nText.\n\n" for n, m in zip((1, 2), minutes, strict=True)
    )
    journey = JOURNEY.replace("days_per_week: 3", "days_per_week: 2")
    root = make_site(
        {"content/journeys/quiet-steps.md": journey.format(days=days)},
        site_yaml=MINIMAL_SITE_YAML + f"language: {language}\n",
    )
    build(root)
    overview = read_html(root / "output", "journeys/quiet-steps/")
    assert words(overview.select_one(".week-time")) == expected  # type: ignore[arg-type]


def test_a_day_file_gives_its_minutes_in_front_matter(make_site: MakeSite) -> None:
    root = make_site(
        {
            "content/journeys/quiet-steps/journey.md": JOURNEY.format(days=""),
            "content/journeys/quiet-steps/day-02.md": "---\nday: 2\ntitle: Breathing\nminutes: 240\n---\n\nBreathe.\n",
        }
    )
    build(root)
    overview = read_html(root / "output", "journeys/quiet-steps/")
    item = overview.select_one('li.day-item[data-day="2"]')
    assert item is not None and item["data-minutes"] == "240"


@pytest.mark.parametrize(
    ("marker", "line", "message"),
    [
        ("<!-- minutes: 241 -->", 13, "241 is not a number of minutes from 1 to 240"),
        ("<!-- minutes: 1.5 -->", 13, "cannot read '1.5' as the minutes this day takes"),
        ("<!-- minutes = 15 -->", 13, "cannot read this minutes marker"),
        ("<!-- minutes: ² -->", 13, "cannot read '²' as the minutes this day takes"),
        ("<!-- minutes: ① -->", 13, "cannot read '①' as the minutes this day takes"),
        ("<!-- minutes: ３ -->", 13, "cannot read '３' as the minutes this day takes"),
    ],
)
def test_a_bad_marker_fails_the_build_at_its_line(make_site: MakeSite, marker: str, line: int, message: str) -> None:
    root = make_site({"content/journeys/quiet-steps.md": JOURNEY.format(days=DAY_1.format(marker=marker + "\n"))})
    with pytest.raises(BuildFailed) as failure:
        build(root)
    [error] = failure.value.errors
    assert (error.path, error.line, error.message) == ("content/journeys/quiet-steps.md", line, message)
    assert "<!-- minutes: 15 -->" in error.hint
    assert not (root / "output").exists()


@pytest.mark.parametrize("value", ['"15"', "'15'", "' 15 '"])
def test_minutes_written_as_quoted_text_in_a_day_file_read_as_that_number(make_site: MakeSite, value: str) -> None:
    root = make_site(
        {
            "content/journeys/quiet-steps/journey.md": JOURNEY.format(days=""),
            "content/journeys/quiet-steps/day-01.md": f"---\nday: 1\ntitle: Noticing\nminutes: {value}\n---\n\nText.\n",
        }
    )
    build(root)
    day = main_of(read_html(root / "output", "journeys/quiet-steps/day-1/"))
    assert words(day.select_one(".day-time")) == "About 15 minutes"  # type: ignore[arg-type]


@pytest.mark.parametrize("value", ["0", "true", "'0'", "'²'", "15 minutes", "[15]"])
def test_a_bad_minutes_value_in_a_day_file_fails_the_build_at_its_line(make_site: MakeSite, value: str) -> None:
    root = make_site(
        {
            "content/journeys/quiet-steps/journey.md": JOURNEY.format(days=""),
            "content/journeys/quiet-steps/day-01.md": f"---\nday: 1\ntitle: Noticing\nminutes: {value}\n---\n\nText.\n",
        }
    )
    with pytest.raises(BuildFailed) as failure:
        build(root)
    [error] = failure.value.errors
    assert (error.path, error.line) == ("content/journeys/quiet-steps/day-01.md", 4)
    assert "minutes" in error.message and "'minutes: 15'" in error.hint

"""Printing: a journey day prints as a worksheet (no site chrome, a title, room to write under each
question), and every printed page keeps the crisis line and, where the screen has it, the educational note."""

from __future__ import annotations

from typing import Literal

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, expect

pytestmark = pytest.mark.browser

DAY = "/journeys/steadier-days/day-1/"
CRISIS_TEXT = "call or text 988"
"""From the sample's site.yaml (crisis.text)."""
WORKBOOKS = ("/journeys/steadier-days/workbook/", "/journeys/reconnecting-as-a-couple/workbook/")
WITH_NOTE = {
    *("/articles/settle-a-racing-mind-at-night/", "/journeys/steadier-days/", "/journeys/steadier-days/week-1/", DAY),
    WORKBOOKS[0],
}
"""The pages among conftest's PAGE_KINDS whose screen shows the educational note (not a substitute for care)."""
COMPACT_CRISIS_PX = 60
MIN_WRITING_SPACE_PX = 40
CHROME = {
    "site navigation": ".site-header nav",
    "breadcrumbs": "nav.breadcrumbs",
    "pager": "nav.pager",
    "booking block": "aside.booking",
}
WRITING_SPACE = "ol => Array.from(ol.querySelectorAll(':scope > li'), li => getComputedStyle(li, '::after').height)"


def test_day_on_screen_shows_site_chrome_not_worksheet_title(page: Page) -> None:
    page.goto(DAY)
    for name, selector in CHROME.items():
        expect(page.locator(selector), f"{name} on screen").to_be_visible()
    expect(page.locator(".worksheet-title")).to_be_hidden()


def test_day_prints_as_worksheet(page: Page) -> None:
    page.emulate_media(media="print")
    page.goto(DAY)
    assert page.evaluate("matchMedia('print').matches")
    for name, selector in CHROME.items():
        assert page.locator(selector).count() == 1, f"no {name} ({selector}) on the page"
        assert not page.locator(selector).is_visible(), f"the {name} ({selector}) is printed"
    title = page.locator(".worksheet-title")
    expect(title).to_be_visible()
    expect(title).to_have_text("Steadier Days · Week 1: Getting to Know Your Anxiety")
    questions = page.locator("ol.reflection-questions")
    expect(questions).to_be_visible()
    heights = questions.evaluate(WRITING_SPACE)
    assert len(heights) == 4, heights
    for index, height in enumerate(heights, start=1):
        assert height.endswith("px") and float(height.removesuffix("px")) >= MIN_WRITING_SPACE_PX, (
            f"question {index} leaves {height} to write in; want at least {MIN_WRITING_SPACE_PX}px"
        )


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_printed_day_has_readable_contrast(page: Page, scheme: Literal["light", "dark"]) -> None:
    """Printing from a browser set to dark mode must not put pale text on white paper (or dark boxes behind ink)."""
    page.emulate_media(media="print", color_scheme=scheme)
    page.goto(DAY)
    results = Axe().run(
        page, options={"runOnly": {"type": "rule", "values": ["color-contrast"]}, "resultTypes": ["violations"]}
    )
    assert results.violations_count == 0, f"printed {DAY} ({scheme}):\n{results.generate_report()}"


def test_every_printed_page_keeps_the_crisis_line_and_the_educational_note(page: Page, kind_path: str) -> None:
    page.goto(kind_path)
    notes = page.locator(".educational-note")
    on_screen = [index for index in range(notes.count()) if notes.nth(index).is_visible()]
    assert bool(on_screen) == (kind_path in WITH_NOTE), f"{kind_path}: the note on screen is {on_screen}"
    page.emulate_media(media="print")
    assert page.evaluate("matchMedia('print').matches")
    crisis = page.locator(".crisis")
    expect(crisis).to_be_visible()
    expect(crisis).to_contain_text(CRISIS_TEXT)
    box = crisis.bounding_box()
    assert box is not None and box["height"] <= COMPACT_CRISIS_PX, f"{kind_path}: the crisis line takes {box}"
    for index in on_screen:
        expect(notes.nth(index)).to_be_visible()


def test_every_printed_page_has_readable_contrast_from_dark_mode(page: Page, kind_path: str) -> None:
    """The crisis line and the note, printed now, must be ink on paper like the rest."""
    page.emulate_media(media="print", color_scheme="dark")
    page.goto(kind_path)
    results = Axe().run(
        page, options={"runOnly": {"type": "rule", "values": ["color-contrast"]}, "resultTypes": ["violations"]}
    )
    assert results.violations_count == 0, f"printed {kind_path} (dark):\n{results.generate_report()}"


DAY_STARTS = """days => days.map(day => ({
    heading: day.querySelector('h2').textContent.trim(),
    breakBefore: getComputedStyle(day).breakBefore,
}))"""


@pytest.mark.parametrize("path", WORKBOOKS)
def test_workbook_prints_each_day_on_a_new_page_with_the_crisis_line_and_the_note(
    page: Page, site_url: str, path: str
) -> None:
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.emulate_media(media="print")
    page.goto(path, wait_until="networkidle")
    assert requested and all(url.startswith(site_url + "/") for url in requested), requested
    assert site_url.startswith("http://127.0.0.1:")
    assert page.evaluate("matchMedia('print').matches")
    for name, selector in CHROME.items():
        if page.locator(selector).count():
            assert not page.locator(selector).first.is_visible(), f"the {name} ({selector}) is printed"
    crisis = page.locator(".crisis")
    expect(crisis).to_be_visible()
    expect(crisis).to_contain_text(CRISIS_TEXT)
    expect(page.locator("main .educational-note")).to_be_visible()
    expect(page.locator(".workbook-link")).to_have_count(0)
    days = page.locator("section.workbook-day").evaluate_all(DAY_STARTS)
    assert len(days) == 5, days
    assert [d["heading"].split(":")[0] for d in days] == [f"Day {n}" for n in range(1, 6)]
    first, *later = days
    assert first["breakBefore"] == "auto", "Day 1 follows the workbook's title on its first page"
    for day in later:
        assert day["breakBefore"] == "page", f"{day['heading']} does not start a new page"


ROOM_TO_WRITE = """items => items.map(li => {
  const lines = getComputedStyle(li, '::after');
  const visible = el => el.getClientRects().length > 0;
  return {
    answer: li.getAttribute('data-answer'),
    lines: lines.display === 'none' ? 0 : parseFloat(lines.height),
    boxes: Array.from(li.querySelectorAll('textarea')).filter(visible).length,
    printed: Array.from(li.querySelectorAll('.journal-print')).filter(visible).map(el => ({
      text: el.textContent, height: el.getBoundingClientRect().height,
      label: el.parentElement.querySelector('label').textContent })),
  };
})"""
ITEMS = "section.workbook-day ol.reflection-questions > li, section.workbook-day ol.steps > li"


@pytest.mark.parametrize("path", WORKBOOKS)
def test_on_screen_an_answer_box_replaces_the_workbook_s_ruled_lines(page: Page, path: str) -> None:
    page.goto(path)
    rooms = page.locator(ITEMS).evaluate_all(ROOM_TO_WRITE)
    assert len(rooms) >= 5 * 6, f"only {len(rooms)} questions and steps found"
    columns = 2 if "couple" in path else 1
    for room in rooms:
        assert room["lines"] == 0, f"{room['answer']}: ruled lines under its answer box on screen"
        assert room["boxes"] == columns, f"{room['answer']}: {room['boxes']} answer boxes"


def test_a_printed_workbook_shows_an_answer_alone_and_lines_once_where_there_is_none(page: Page) -> None:
    page.goto(WORKBOOKS[0])
    page.get_by_role("textbox", name="Day 2, your answer to question 1").fill("My shoulders dropped.")
    page.emulate_media(media="print")
    rooms = {room["answer"]: room for room in page.locator(ITEMS).evaluate_all(ROOM_TO_WRITE)}
    answered = rooms.pop("d2-q1")
    assert answered["lines"] == 0, f"blank lines printed after the answer: {answered}"
    assert [p["text"] for p in answered["printed"]] == ["My shoulders dropped."]
    assert len(rooms) >= 5 * 6 - 1
    for room in rooms.values():
        assert room["lines"] >= MIN_WRITING_SPACE_PX, f"{room['answer']}: {room['lines']}px to write in"
        assert room["printed"] == [] and room["boxes"] == 0, f"{room['answer']}: lines printed twice: {room}"


def test_a_printed_couples_workbook_shows_two_labelled_columns_and_nothing_more(page: Page) -> None:
    page.goto(WORKBOOKS[1])
    page.get_by_role("textbox", name="Partner 1's name").fill("Jordan")
    page.get_by_role("textbox", name="Day 1, Jordan's answer to question 1").fill("Jokes, mostly.")
    page.emulate_media(media="print")
    rooms = page.locator(ITEMS).evaluate_all(ROOM_TO_WRITE)
    assert len(rooms) >= 5 * 6
    for room in rooms:
        assert room["lines"] == 0, f"{room['answer']}: a third, unlabelled block of lines under the two columns"
        day = room["answer"][1:].split("-")[0]
        labels = [column["label"].split("'s answer to ")[0] for column in room["printed"]]
        assert labels == [f"Day {day}, Jordan", f"Day {day}, Partner 2"], f"{room['answer']}: {room['printed']}"
        for column in room["printed"]:
            assert column["text"] or column["height"] >= MIN_WRITING_SPACE_PX, f"{room['answer']}: {column}"
    first = next(room for room in rooms if room["answer"] == "d1-q1")
    assert [column["text"] for column in first["printed"]] == ["Jokes, mostly.", ""]


def test_without_javascript_the_workbook_prints_ruled_lines_under_every_question_and_step(
    browser: Browser, site_url: str
) -> None:
    context = browser.new_context(base_url=site_url, java_script_enabled=False)
    try:
        page = context.new_page()
        page.emulate_media(media="print")
        page.goto(WORKBOOKS[1])
        rooms = page.locator(ITEMS).evaluate_all(ROOM_TO_WRITE)
        assert len(rooms) >= 5 * 6
        for room in rooms:
            assert room["lines"] >= MIN_WRITING_SPACE_PX, f"{room['answer']}: {room['lines']}px to write in"
    finally:
        context.close()

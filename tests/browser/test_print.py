"""A journey day prints as a worksheet: no site chrome, a title, and room to write under each question."""

from __future__ import annotations

from typing import Literal

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser

DAY = "/journeys/steadier-days/day-1/"
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

"""Journey progress lives in localStorage: marked days show on the overview, can be cleared, and need no JavaScript
to browse."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

pytestmark = pytest.mark.browser

DAY = "/journeys/steadier-days/day-1/"
OVERVIEW = "/journeys/steadier-days/"


@pytest.fixture
def no_js_page(browser: Browser, site_url: str) -> Iterator[Page]:
    context: BrowserContext = browser.new_context(base_url=site_url, java_script_enabled=False)
    try:
        yield context.new_page()
    finally:
        context.close()


def test_marked_day_shows_on_overview_until_cleared(page: Page) -> None:
    page.goto(DAY)
    mark = page.get_by_role("button", name="Mark Day 1 as done")
    expect(mark).to_have_attribute("aria-pressed", "false")
    mark.click()
    expect(page.locator("button.mark-done")).to_have_attribute("aria-pressed", "true")

    page.goto(OVERVIEW)
    page.reload()
    done = page.locator('.day-item[data-day="1"] .day-done')
    expect(done).to_be_visible()
    expect(done).to_have_text("Done")
    expect(page.locator('.day-item[data-day="2"] .day-done')).to_be_hidden()
    cont = page.get_by_role("link", name="Continue with Day 2")
    expect(cont).to_be_visible()
    expect(cont).to_have_attribute("href", "/journeys/steadier-days/day-2/")
    start = page.get_by_role("link", name="Start Day 1")
    expect(start).to_be_hidden()

    page.get_by_role("button", name="Clear my progress").click()
    expect(done).to_be_hidden()
    expect(start).to_be_visible()
    expect(cont).to_be_hidden()
    page.reload()
    expect(done).to_be_hidden()
    expect(start).to_be_visible()


def test_without_javascript_progress_controls_are_hidden_and_days_still_open(no_js_page: Page, site_url: str) -> None:
    page = no_js_page
    page.goto(DAY)
    assert page.locator("button.mark-done").count() == 1
    expect(page.locator("button.mark-done")).to_be_hidden()
    expect(page.locator(".progress-controls")).to_be_hidden()

    page.goto(OVERVIEW)
    assert page.locator("button.clear-progress").count() == 1
    expect(page.locator(".progress-controls")).to_be_hidden()
    expect(page.locator(".continue-link")).to_be_hidden()
    expect(page.locator(".day-done")).to_have_count(page.locator(".day-item a").count())
    for badge in page.locator(".day-done").all():
        expect(badge).to_be_hidden()

    page.get_by_role("link", name="Start Day 1").click()
    expect(page).to_have_url(f"{site_url}{DAY}")
    expect(page.get_by_role("heading", level=1)).to_have_text("Day 1: Noticing What Anxiety Feels Like")

    page.goto(OVERVIEW)
    page.locator('.day-item[data-day="2"] a').click()
    expect(page).to_have_url(f"{site_url}/journeys/steadier-days/day-2/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Day 2")

"""Site search (Pagefind, served by the site itself): keyboard use, accessible results, no other origin."""

from __future__ import annotations

from typing import Literal
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, Request, expect

pytestmark = pytest.mark.browser

AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]},
    "resultTypes": ["violations"],
}


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_search_by_keyboard_shows_accessible_local_results(
    page: Page, site_url: str, scheme: Literal["light", "dark"]
) -> None:
    requested: list[str] = []

    def record(request: Request) -> None:
        requested.append(request.url)

    page.on("request", record)
    page.emulate_media(color_scheme=scheme)
    page.goto("/search/")
    for _ in range(100):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "search-input":
            break
    expect(page.get_by_role("searchbox", name="Search articles and journeys")).to_be_focused()
    page.keyboard.type("racing")
    page.keyboard.press("Enter")

    results = page.locator("#search-results > li a")
    expect(results.first).to_be_visible()
    expect(page.locator("#search-status")).to_contain_text("for “racing”")
    assert urlsplit(page.url).query == "q=racing"
    hrefs = results.evaluate_all("links => links.map(a => a.getAttribute('href'))")
    assert "/articles/settle-a-racing-mind-at-night/" in hrefs, hrefs

    report = Axe().run(page, options=AXE_OPTIONS)
    assert report.violations_count == 0, f"search results ({scheme}):\n{report.generate_report()}"
    assert any("/pagefind/" in url for url in requested), "the search index was not loaded"
    foreign = [url for url in requested if not url.startswith(("data:", f"{site_url}/"))]
    assert not foreign, f"search contacted other origins: {foreign}"


def test_a_word_only_in_an_articles_body_finds_it(page: Page) -> None:
    page.goto("/search/?q=stomachache")  # appears in one article's text, not in any title or description
    expect(page.get_by_text("Search needs JavaScript")).to_be_hidden()
    results = page.locator("#search-results > li a")
    expect(results).to_have_count(1)
    assert results.first.get_attribute("href") == "/articles/when-your-child-is-anxious/"


def test_without_javascript_search_says_so_and_links_to_listings(browser: Browser, site_url: str) -> None:
    context = browser.new_context(java_script_enabled=False, base_url=site_url)
    try:
        page = context.new_page()
        page.goto("/search/")
        notice = page.get_by_text("Search needs JavaScript")
        expect(notice).to_be_visible()
        expect(page.locator("main a[href='/articles/']")).to_be_visible()
        expect(page.locator("main a[href='/journeys/']")).to_be_visible()
    finally:
        context.close()


def test_an_old_address_lands_on_the_article(page: Page, site_url: str) -> None:
    page.goto("/blog/racing-mind-at-night/")
    page.wait_for_url(f"{site_url}/articles/settle-a-racing-mind-at-night/")
    expect(page.locator("h1")).to_have_text("Five Ways to Settle a Racing Mind at Night")

"""On a phone the page's own title comes first: at 390×844 the <h1> starts in the top 35% of the
screen, while the crisis notice and a way to book stay on the first screen, without scrolling."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Locator, Page, expect

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
H1_TOP_MAX_PX = 0.35 * PHONE["height"]
PAGES = {
    "home": "/",
    "article": "/articles/settle-a-racing-mind-at-night/",
    "day": "/journeys/steadier-days/day-1/",
}
BOOKING_URLS = ("/contact/#book", "/contact/#couples")
"""The sample's booking links (site.yaml's booking.url and its couples variant)."""


@pytest.fixture(scope="module")
def phone(browser: Browser, site_url: str) -> Iterator[Page]:
    context = browser.new_context(base_url=site_url, viewport=PHONE, device_scale_factor=1)
    try:
        yield context.new_page()
    finally:
        context.close()


def on_first_screen(locator: Locator) -> bool:
    """Whether the element is shown and lies wholly inside the first screen of the page."""
    if not locator.is_visible():
        return False
    box = locator.bounding_box()
    assert box is not None
    return box["y"] >= 0 and box["y"] + box["height"] <= PHONE["height"] and box["width"] > 0


@pytest.mark.parametrize("path", list(PAGES.values()), ids=list(PAGES))
def test_h1_starts_in_the_top_third_of_a_phone_screen(phone: Page, path: str) -> None:
    phone.goto(path)
    assert phone.evaluate("scrollY") == 0
    heading = phone.locator("h1")
    assert heading.count() == 1
    box = heading.bounding_box()
    assert box is not None
    assert box["y"] <= H1_TOP_MAX_PX, (
        f"{path}: the <h1> starts {box['y']:.0f}px down a {PHONE['height']}px screen; "
        f"want at most {H1_TOP_MAX_PX:.0f}px (35%)"
    )


@pytest.mark.parametrize("path", list(PAGES.values()), ids=list(PAGES))
def test_crisis_notice_and_booking_link_on_the_first_phone_screen(phone: Page, path: str) -> None:
    phone.goto(path)
    notice = phone.locator(".crisis")
    assert notice.count() == 1
    assert on_first_screen(notice), f"{path}: the crisis notice is not wholly on the first screen"
    assert on_first_screen(notice.locator("a")), f"{path}: the crisis notice's link is off the first screen"
    assert "988" in notice.inner_text(), "the crisis notice lost its number"
    booking = phone.locator(", ".join(f'a[href="{url}"]' for url in BOOKING_URLS))
    assert booking.count() >= 1, f"{path}: no booking link at all"
    shown = [i for i in range(booking.count()) if on_first_screen(booking.nth(i))]
    assert shown, f"{path}: no booking link is on the first screen"


def test_phone_menu_opens_and_closes_from_the_keyboard(phone: Page) -> None:
    phone.goto("/")
    button = phone.locator(".site-header button.menu-button")
    about = phone.locator('#site-menu a[href="/about/"]')
    expect(about).to_be_hidden()
    for _ in range(10):
        phone.keyboard.press("Tab")
        if button.evaluate("el => el === document.activeElement"):
            break
    expect(button).to_be_focused()
    phone.keyboard.press("Enter")
    expect(about).to_be_visible()
    assert on_first_screen(about)
    phone.keyboard.press("Tab")
    expect(phone.locator("#site-menu a").first).to_be_focused()
    phone.keyboard.press("Escape")
    expect(about).to_be_hidden()
    expect(button).to_be_focused()


def test_wide_screen_shows_the_menu_links_without_a_menu_button(browser: Browser, site_url: str) -> None:
    context = browser.new_context(base_url=site_url, viewport={"width": 1280, "height": 800})
    try:
        page = context.new_page()
        page.goto("/")
        expect(page.locator(".site-header button")).to_have_count(2)
        for button in page.locator(".site-header button").all():
            expect(button).to_be_hidden()
        links = page.locator("#site-menu a")
        assert links.count() >= 3
        for link in links.all():
            expect(link).to_be_visible()
        page.locator("a.site-title").focus()
        page.keyboard.press("Tab")
        expect(links.first).to_be_focused()
    finally:
        context.close()

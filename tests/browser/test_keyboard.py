"""Keyboard use: the skip link, visible focus, and the journey and search controls reached and used by Tab and keys."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser

DAY = "/journeys/steadier-days/day-1/"
OVERVIEW = "/journeys/steadier-days/"
MAX_TABS = 200
# Sighted users see the pressed state too: a check mark before the label.
MARK_LOOKS_PRESSED = "el => getComputedStyle(el, '::before').content.includes('✓')"

# What the focused element is and how its focus is drawn.
FOCUSED = """() => {
  const el = document.activeElement;
  if (!el || el === document.body || el === document.documentElement) return null;
  const s = getComputedStyle(el);
  return {
    tag: el.tagName.toLowerCase(),
    id: el.id,
    classes: el.className,
    label: (el.getAttribute("aria-label") || el.textContent || el.getAttribute("name") || "").trim().slice(0, 50),
    outlineStyle: s.outlineStyle,
    outlineWidth: parseFloat(s.outlineWidth) || 0,
    boxShadow: s.boxShadow,
    afterMainStart: !!(document.querySelector("main").compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING),
  };
}"""


def focused(page: Page) -> dict[str, Any] | None:
    result: dict[str, Any] | None = page.evaluate(FOCUSED)
    return result


def tab_to(page: Page, selector: str) -> list[dict[str, Any] | None]:
    """Press Tab until the element matching `selector` has focus; return every stop passed on the way."""
    stops = []
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        stops.append(focused(page))
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return stops
    labels = [stop and stop["label"] for stop in stops]
    raise AssertionError(f"{selector} was not reached in {MAX_TABS} Tab presses; focus went to {labels}")


def all_tab_stops(page: Page) -> list[dict[str, Any]]:
    """Every element Tab reaches, from the top of the page until focus leaves the document."""
    stops: list[dict[str, Any]] = []
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        stop = focused(page)
        if stop is None or (stops and stop == stops[0]):
            return stops
        stops.append(stop)
    raise AssertionError(f"Tab never left the page after {MAX_TABS} presses")


def focus_is_drawn(stop: dict[str, Any]) -> bool:
    outline = stop["outlineStyle"] != "none" and stop["outlineWidth"] > 0
    return bool(outline or stop["boxShadow"] != "none")


def test_skip_link_is_first_tab_stop_visible_and_moves_focus_to_main(page: Page, kind_path: str) -> None:
    page.goto(kind_path)
    skip = page.locator("a.skip-link")
    expect(skip).not_to_be_in_viewport()
    page.keyboard.press("Tab")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport(ratio=1)
    expect(skip).to_have_text("Skip to content")
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()
    expect(skip).not_to_be_in_viewport()
    page.keyboard.press("Tab")
    after = focused(page)
    assert after is not None and after["afterMainStart"], f"after the skip link, Tab went back to {after}"


@pytest.mark.parametrize("path", ["/", DAY, OVERVIEW, "/search/", "/articles/settle-a-racing-mind-at-night/"])
def test_every_tab_stop_shows_focus(page: Page, path: str) -> None:
    page.goto(path)
    stops = all_tab_stops(page)
    tags = {stop["tag"] for stop in stops}
    assert "a" in tags, f"no links reached by Tab on {path}"
    if path in (DAY, OVERVIEW, "/search/"):
        assert "button" in tags, f"no button reached by Tab on {path}"
    hidden = [stop for stop in stops if not focus_is_drawn(stop)]
    assert not hidden, f"focus is not visible on {path} for: {hidden}"


@pytest.mark.parametrize("key", ["Enter", "Space"])
def test_mark_day_done_by_keyboard(page: Page, key: str) -> None:
    page.goto(DAY)
    button = page.get_by_role("button", name="Mark Day 1 as done")
    tab_to(page, "button.mark-done")
    expect(button).to_be_focused()
    expect(button).to_have_attribute("aria-pressed", "false")
    page.keyboard.press(key)
    # A toggle button keeps its name; only its pressed state changes.
    expect(button).to_have_attribute("aria-pressed", "true")
    expect(button).to_be_focused()
    assert page.locator("button.mark-done").evaluate(MARK_LOOKS_PRESSED)
    page.keyboard.press(key)
    expect(button).to_have_attribute("aria-pressed", "false")
    assert not page.locator("button.mark-done").evaluate(MARK_LOOKS_PRESSED)


@pytest.mark.parametrize("key", ["Enter", "Space"])
def test_clear_progress_by_keyboard(page: Page, key: str) -> None:
    page.goto(DAY)
    tab_to(page, "button.mark-done")
    page.keyboard.press(key)
    expect(page.locator("button.mark-done")).to_have_attribute("aria-pressed", "true")

    page.goto(OVERVIEW)
    done = page.locator('.day-item[data-day="1"] .day-done')
    expect(done).to_be_visible()
    expect(page.locator(".progress-summary")).to_have_text("You have marked 1 of 28 days as done.")
    tab_to(page, "button.clear-progress")
    expect(page.get_by_role("button", name="Clear my progress")).to_be_focused()
    page.keyboard.press(key)
    expect(done).to_be_hidden()
    expect(page.locator(".progress-summary")).to_have_text("No days marked as done yet.")
    page.reload()
    expect(done).to_be_hidden()


def test_search_input_is_reachable_by_tab(page: Page) -> None:
    page.goto("/search/")
    tab_to(page, "input#search-input")
    expect(page.get_by_role("searchbox", name="Search articles and journeys")).to_be_focused()

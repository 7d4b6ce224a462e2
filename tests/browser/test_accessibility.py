"""axe-core (WCAG 2.0/2.1/2.2 A and AA rules) on one page of every kind, light and dark, phone and desktop."""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, BrowserContext, Page, expect

pytestmark = pytest.mark.browser

AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]},
    "resultTypes": ["violations"],
}
AXE = Axe()


@pytest.mark.parametrize("width", [375, 1280])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_axe_violations(
    context_for_width: Callable[[int], BrowserContext], kind_path: str, scheme: Literal["light", "dark"], width: int
) -> None:
    _assert_no_violations(context_for_width(width), kind_path, scheme, width)


@pytest.mark.parametrize("width", [375, 1280])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_a_site_made_by_init_has_no_axe_violations(
    init_context_for_width: Callable[[int], BrowserContext],
    init_kind_path: str,
    scheme: Literal["light", "dark"],
    width: int,
) -> None:
    """init's own pages (placeholders in brackets, starter notes in italics) meet the same rules."""
    _assert_no_violations(init_context_for_width(width), init_kind_path, scheme, width)


JOURNAL_DAYS = {"single": "/journeys/steadier-days/day-1/", "couples": "/journeys/reconnecting-as-a-couple/day-1/"}
"""A day of each audience, for the journal's controls (shown only with JavaScript, which these pages run)."""


@pytest.mark.parametrize("width", [375, 1280])
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("audience", list(JOURNAL_DAYS))
def test_a_day_with_the_journal_shown_and_kept_has_no_axe_violations(
    browser: Browser, site_url: str, audience: str, scheme: Literal["light", "dark"], width: int
) -> None:
    """The journal's answer spaces, opted in, with an answer written and the erase question open."""
    context = browser.new_context(base_url=site_url, viewport={"width": width, "height": 800})
    try:
        _assert_no_violations(context, JOURNAL_DAYS[audience], scheme, width, _use_the_journal)
    finally:
        context.close()


def _use_the_journal(page: Page) -> None:
    page.get_by_role("checkbox", name="Keep my answers on this device").check()
    page.locator("textarea").first.fill("Something I noticed today.")
    page.get_by_role("button", name="Erase my answers").click()
    expect(page.locator("textarea")).not_to_have_count(0)
    expect(page.get_by_role("button", name="No, keep them")).to_be_focused()


def _assert_no_violations(
    context: BrowserContext,
    path: str,
    scheme: Literal["light", "dark"],
    width: int,
    prepare: Callable[[Page], None] | None = None,
) -> None:
    page = context.new_page()
    try:
        page.emulate_media(color_scheme=scheme)
        response = page.goto(path)
        assert response is not None and response.ok, f"{path} did not load"
        assert page.evaluate(f"matchMedia('(prefers-color-scheme: {scheme})').matches")
        if prepare:
            prepare(page)
        results = AXE.run(page, options=AXE_OPTIONS)
        if results.violations_count:
            print(results.generate_report())
        assert results.violations_count == 0, f"{path} ({scheme}, {width}px):\n{results.generate_report()}"
    finally:
        page.close()


def test_no_axe_best_practice_violations(context_for_width: Callable[[int], BrowserContext], kind_path: str) -> None:
    """Structure beyond the WCAG minimum: heading levels in order, one main landmark, all content in landmarks."""
    page = context_for_width(1280).new_page()
    try:
        page.goto(kind_path)
        results = AXE.run(
            page, options={"runOnly": {"type": "tag", "values": ["best-practice"]}, "resultTypes": ["violations"]}
        )
        assert results.violations_count == 0, f"{kind_path}:\n{results.generate_report()}"
    finally:
        page.close()


@pytest.mark.parametrize("width", [375, 1280])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_overview_with_its_keep_panel_in_use_has_no_axe_violations(
    context_for_width: Callable[[int], BrowserContext], scheme: Literal["light", "dark"], width: int
) -> None:
    """The journey overview's "Keep your progress" panel, shown (it needs JavaScript) and with its messages filled."""
    page = context_for_width(width).new_page()
    try:
        page.emulate_media(color_scheme=scheme)
        page.goto("/journeys/steadier-days/")
        expect(page.locator(".keep-panel")).to_be_visible()
        page.get_by_label("Restore from a file").set_input_files(
            {"name": "not-a-journey.json", "mimeType": "application/json", "buffer": b"{}"}
        )
        expect(page.locator(".keep-status")).to_contain_text("Nothing was changed")
        page.get_by_label("Start date").fill("")
        page.get_by_role("button", name="Add reminders to my calendar").click()
        expect(page.locator(".reminders-status")).to_have_text("Choose a start date first.")
        results = AXE.run(page, options=AXE_OPTIONS)
        assert results.violations_count == 0, f"overview ({scheme}, {width}px):\n{results.generate_report()}"
    finally:
        page.close()

"""axe-core (WCAG 2.0/2.1/2.2 A and AA rules) on one page of every kind, light and dark, phone and desktop."""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import BrowserContext, expect

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


def _assert_no_violations(context: BrowserContext, path: str, scheme: Literal["light", "dark"], width: int) -> None:
    page = context.new_page()
    try:
        page.emulate_media(color_scheme=scheme)
        response = page.goto(path)
        assert response is not None and response.ok, f"{path} did not load"
        assert page.evaluate(f"matchMedia('(prefers-color-scheme: {scheme})').matches")
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

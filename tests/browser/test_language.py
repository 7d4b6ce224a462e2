"""A site in another language: the script speaks it too (its texts come from the page), and a
language written right to left mirrors the layout."""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, BrowserContext, Page, expect

from conftest import copy_sample, run_sitegen, serving

pytestmark = pytest.mark.browser

AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]},
    "resultTypes": ["violations"],
}


def sample_in(language: str, folder: Path) -> Path:
    """The sample practice with `language: <language>`, built into folder/output."""
    root = copy_sample(folder)
    config = root / "site.yaml"
    config.write_text(re.sub(r"(?m)^language: .*$", f"language: {language}", config.read_text(encoding="utf-8")))
    assert f"language: {language}\n" in config.read_text(encoding="utf-8")
    result = run_sitegen("build", "-q", cwd=root)
    assert result.code == 0, result.err
    return root / "output"


@contextlib.contextmanager
def page_at(browser: Browser, url: str) -> Iterator[Page]:
    context: BrowserContext = browser.new_context(base_url=url, viewport={"width": 1280, "height": 900})
    try:
        yield context.new_page()
    finally:
        context.close()


@pytest.fixture(scope="module")
def spanish_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with serving(sample_in("es", tmp_path_factory.mktemp("spanish"))) as url:
        yield url


@pytest.fixture
def spanish(browser: Browser, spanish_url: str) -> Iterator[Page]:
    with page_at(browser, spanish_url) as page:
        yield page


@pytest.fixture
def arabic(browser: Browser, tmp_path: Path) -> Iterator[Page]:
    """A language written right to left (the theme has no Arabic texts: its words stay English)."""
    with serving(sample_in("ar", tmp_path)) as url, page_at(browser, url) as page:
        yield page


def test_journey_progress_is_told_in_spanish(spanish: Page) -> None:
    spanish.goto("/journeys/steadier-days/")
    expect(spanish.locator(".progress-summary")).to_have_text("Todavía no ha marcado ningún día como completado.")
    spanish.goto("/journeys/steadier-days/day-1/")
    spanish.get_by_role("button", name="Marcar el día 1 como completado").click()
    spanish.goto("/journeys/steadier-days/")
    expect(spanish.get_by_role("link", name="Continuar con el día 2")).to_be_visible()
    expect(spanish.locator(".progress-summary")).to_have_text("Ha marcado 1 de 28 días como completado.")
    spanish.goto("/journeys/steadier-days/day-2/")
    spanish.get_by_role("button", name="Marcar el día 2 como completado").click()
    spanish.goto("/journeys/steadier-days/")
    expect(spanish.locator(".progress-summary")).to_have_text("Ha marcado 2 de 28 días como completados.")
    report = Axe().run(spanish, options=AXE_OPTIONS)
    assert report.violations_count == 0, report.generate_report()


def test_search_messages_are_in_spanish(spanish: Page) -> None:
    spanish.goto("/search/?q=stomachache")
    expect(spanish.locator("#search-results > li a")).to_have_count(1)
    expect(spanish.locator("#search-status")).to_have_text("1 resultado para «stomachache».")
    spanish.goto("/search/?q=zzqqxxvv")
    expect(spanish.locator("#search-status")).to_have_text(
        "No se encontró nada para «zzqqxxvv». Pruebe con otra palabra, o explore los artículos y recorridos."
    )
    expect(spanish.get_by_role("searchbox", name="Buscar artículos y recorridos")).to_be_visible()


def test_a_right_to_left_language_mirrors_the_layout(arabic: Page) -> None:
    arabic.goto("/articles/settle-a-racing-mind-at-night/")
    expect(arabic.locator("html")).to_have_attribute("dir", "rtl")
    booking = arabic.locator("main aside.booking").first
    widths = booking.evaluate("el => [getComputedStyle(el).borderRightWidth, getComputedStyle(el).borderLeftWidth]")
    assert widths == ["5px", "1px"], widths  # the accent edge is where reading starts: the right
    separator = arabic.locator(".breadcrumbs li + li").first.evaluate("el => getComputedStyle(el, '::before').content")
    assert separator == '"‹"'
    box = arabic.locator(".site-title").bounding_box()
    viewport = arabic.viewport_size
    assert box is not None and viewport is not None and box["x"] > viewport["width"] / 2  # the title sits on the right
    report = Axe().run(arabic, options=AXE_OPTIONS)
    assert report.violations_count == 0, report.generate_report()

"""A practice's own look in a real browser: the branded fixture site (logo, hero image, a purple
accent, Atkinson Hyperlegible) passes axe light and dark, on a phone and a desktop, loads its
font from its own server, and asks nothing of any other."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Literal
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser

from conftest import run_sitegen, serving

pytestmark = pytest.mark.browser

FIXTURE = Path(__file__).parent.parent / "fixtures" / "branded"
PAGES = {"home": "/", "article": "/articles/first-steps/", "page": "/about/"}
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]},
    "resultTypes": ["violations"],
}
AXE = Axe()


@pytest.fixture(scope="module")
def branded_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = tmp_path_factory.mktemp("branded") / "site"
    shutil.copytree(FIXTURE, root)
    result = run_sitegen("build", "-q", cwd=root)
    assert result.code == 0, result.err
    with serving(root / "output") as url:
        yield url


@pytest.mark.parametrize("width", [375, 1280])
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", list(PAGES.values()), ids=list(PAGES))
def test_a_branded_site_has_no_axe_violations(
    browser: Browser, branded_url: str, path: str, scheme: Literal["light", "dark"], width: int
) -> None:
    context = browser.new_context(base_url=branded_url, viewport={"width": width, "height": 800})
    try:
        page = context.new_page()
        page.emulate_media(color_scheme=scheme)
        response = page.goto(path)
        assert response is not None and response.ok
        results = AXE.run(page, options=AXE_OPTIONS)
        assert results.violations_count == 0, f"{path} ({scheme}, {width}px):\n{results.generate_report()}"
    finally:
        context.close()


def test_the_brand_loads_from_the_site_alone(browser: Browser, branded_url: str) -> None:
    context = browser.new_context(base_url=branded_url, viewport={"width": 1280, "height": 900})
    requested: list[str] = []
    try:
        page = context.new_page()
        page.on("request", lambda request: requested.append(request.url))
        page.goto("/", wait_until="networkidle")
        page.evaluate("document.fonts.ready.then(() => true)")
        loaded = page.evaluate(
            "[...document.fonts].filter(f => f.status === 'loaded').map(f => f.family.replace(/\"/g, ''))"
        )
        assert "Atkinson Hyperlegible" in loaded, loaded
        body_font = page.evaluate("getComputedStyle(document.body).fontFamily")
        assert body_font.startswith('"Atkinson Hyperlegible"'), body_font
        logo = page.locator(".site-title img.site-logo")
        assert logo.evaluate("img => img.complete && img.naturalWidth > 0")
        hero = page.locator("img.hero-image")
        assert hero.evaluate("img => img.complete && img.naturalWidth > 0")
        accent = page.evaluate("getComputedStyle(document.documentElement).getPropertyValue('--accent').trim()")
        assert accent == "#7a3e8c"
    finally:
        context.close()
    origin = urlsplit(branded_url)
    assert any(url.endswith(".woff2") for url in requested), requested
    elsewhere = [url for url in requested if urlsplit(url).netloc != origin.netloc and not url.startswith("data:")]
    assert elsewhere == [], elsewhere
    assert all(urlsplit(url).hostname == "127.0.0.1" for url in requested if not url.startswith("data:"))


@pytest.mark.parametrize("text_size", ["100%", "200%"])
@pytest.mark.parametrize("path", list(PAGES.values()), ids=list(PAGES))
def test_a_branded_site_reflows_at_320px(browser: Browser, branded_url: str, path: str, text_size: str) -> None:
    """The logo beside the title and the hero image must not push the page sideways (WCAG 1.4.10)."""
    context = browser.new_context(base_url=branded_url, viewport={"width": 320, "height": 640})
    try:
        page = context.new_page()
        page.goto(path)
        page.evaluate("size => { document.documentElement.style.fontSize = size; }", text_size)
        scroll, inner = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
        assert inner == 320
        assert scroll <= inner, f"{path} scrolls sideways at 320px with text at {text_size}: {scroll}px wide"
    finally:
        context.close()


def test_a_branded_home_keeps_its_title_high_on_a_phone(browser: Browser, branded_url: str) -> None:
    """With a logo in the header, the home page's h1 still starts in the top 35% of a 390×844 phone."""
    context = browser.new_context(base_url=branded_url, viewport={"width": 390, "height": 844})
    try:
        page = context.new_page()
        page.goto("/")
        top = page.locator("h1").first.bounding_box()
        logo = page.locator(".site-logo").bounding_box()
        assert logo is not None and logo["height"] > 0, "the logo shows in the header"
        assert top is not None and top["y"] <= 0.35 * 844, f"the h1 starts at {top}"
    finally:
        context.close()

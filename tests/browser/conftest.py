"""Real-browser fixtures: Debian's chromium driven by Playwright (sync API), the sample site served locally.

One browser and one HTTP server per test session; pages are cheap and made per test.
"""

from __future__ import annotations

import contextlib
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright

from conftest import serving

CHROMIUM_MISSING = (
    "Chromium is needed for the browser tests: install it with 'sudo apt-get install chromium' "
    "(Debian/Ubuntu) or put a chromium executable on PATH."
)
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

# One page of each kind the theme renders, by the label used in test ids.
PAGE_KINDS: dict[str, str] = {
    "home": "/",
    "articles": "/articles/",
    "article": "/articles/settle-a-racing-mind-at-night/",
    "categories": "/categories/",
    "category": "/categories/anxiety-stress/",
    "tag": "/tags/anxiety/",
    "journeys": "/journeys/",
    "journey": "/journeys/steadier-days/",
    "week": "/journeys/steadier-days/week-1/",
    "day": "/journeys/steadier-days/day-1/",
    "workbook": "/journeys/steadier-days/workbook/",
    "team": "/team/",
    "clinician": "/team/maya-okafor/",
    "author": "/team/maya-okafor/articles/",
    "page": "/about/",
    "search": "/search/",
    "good-faith-estimate": "/good-faith-estimate/",
    "accessibility": "/accessibility/",
    "404": "/404.html",
}


# The page kinds of a site made by `sitegen init` whose content is init's own (the others show
# the same templates with the sample's content, checked above).
INIT_PAGE_KINDS: dict[str, str] = {
    "home": "/",
    "article": "/articles/welcome/",
    "journey": "/journeys/a-calmer-week/",
    "day": "/journeys/a-calmer-week/day-1/",
    "clinician": "/team/ana-ruiz/",
    "about": "/about/",
    "fees": "/fees/",
}


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "browser: runs in a real browser (Debian's chromium, via Playwright)")


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """A test that takes `kind_path` runs once for each page kind in PAGE_KINDS (ids are the kinds);
    one that takes `init_kind_path`, once for each in INIT_PAGE_KINDS."""
    if "kind_path" in metafunc.fixturenames:
        metafunc.parametrize("kind_path", list(PAGE_KINDS.values()), ids=list(PAGE_KINDS))
    if "init_kind_path" in metafunc.fixturenames:
        metafunc.parametrize("init_kind_path", list(INIT_PAGE_KINDS.values()), ids=list(INIT_PAGE_KINDS))


@pytest.fixture(scope="session")
def site_url(sample_output: Path) -> Iterator[str]:
    """The built sample site, served locally; the origin, without a trailing slash."""
    with serving(sample_output) as url:
        yield url


@pytest.fixture(scope="session")
def chromium_path() -> str:
    path = shutil.which("chromium")
    if path is None:
        pytest.fail(CHROMIUM_MISSING, pytrace=False)
    return path


@pytest.fixture(scope="session")
def browser(chromium_path: str) -> Iterator[Browser]:
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture
def context(browser: Browser, site_url: str) -> Iterator[BrowserContext]:
    """A fresh context (empty localStorage) at a desktop width, with relative URLs resolved against the server."""
    ctx = browser.new_context(base_url=site_url, viewport={"width": 1280, "height": 900})
    try:
        yield ctx
    finally:
        ctx.close()


@pytest.fixture
def page(context: BrowserContext) -> Page:
    return context.new_page()


ContextForWidth = Callable[[int], BrowserContext]


@pytest.fixture(scope="session")
def context_for_width(browser: Browser, site_url: str) -> Iterator[ContextForWidth]:
    """Shared contexts, one per viewport width, for the many read-only page checks (axe, reflow)."""
    with _contexts_by_width(browser, site_url) as get:
        yield get


@pytest.fixture(scope="session")
def init_site_url(init_output: Path) -> Iterator[str]:
    """The site `sitegen init` makes (conftest's init_output), served locally."""
    with serving(init_output) as url:
        yield url


@pytest.fixture(scope="session")
def init_context_for_width(browser: Browser, init_site_url: str) -> Iterator[ContextForWidth]:
    """Like context_for_width, for the site `sitegen init` makes."""
    with _contexts_by_width(browser, init_site_url) as get:
        yield get


@contextlib.contextmanager
def _contexts_by_width(browser: Browser, url: str) -> Iterator[ContextForWidth]:
    contexts: dict[int, BrowserContext] = {}

    def get(width: int) -> BrowserContext:
        if width not in contexts:
            contexts[width] = browser.new_context(base_url=url, viewport={"width": width, "height": 800})
        return contexts[width]

    try:
        yield get
    finally:
        for ctx in contexts.values():
            ctx.close()

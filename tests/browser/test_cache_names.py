"""What Chromium fetches while a reader browses and searches: besides the pages themselves,
only files named for their bytes, and the search index Pagefind names itself."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, Request, expect

from sitegen.core.urls import IMMUTABLE, cache_control

pytestmark = pytest.mark.browser

PATHS = ["/", "/articles/settle-a-racing-mind-at-night/", "/journeys/steadier-days/day-1/", "/team/"]


def test_a_reader_fetches_only_digest_named_files_besides_pages_and_the_search_index(
    page: Page, site_url: str
) -> None:
    fetched: list[tuple[str, str]] = []

    def record(request: Request) -> None:
        fetched.append((request.resource_type, request.url))

    page.on("request", record)
    for path in PATHS:
        page.goto(path)
        page.wait_for_load_state("networkidle")
    page.goto("/search/?q=racing")
    expect(page.locator("#search-results > li a").first).to_be_visible()
    page.wait_for_load_state("networkidle")

    files = [urlsplit(url).path for kind, url in fetched if kind != "document" and url.startswith(f"{site_url}/")]
    assert any(path.startswith("/pagefind/") for path in files), "the search index was not loaded"
    assets = [path for path in files if not path.startswith("/pagefind/")]
    assert any(path.endswith(".jpg") for path in assets), f"no image was fetched: {assets}"
    assert any(path.endswith(".css") for path in assets) and any(path.endswith(".js") for path in assets), assets
    kept = {path: cache_control(path.lstrip("/")) for path in assets}
    assert {path for path, rule in kept.items() if rule != IMMUTABLE} == set(), "fetched, not named for its bytes"

"""What Chromium fetches while a reader browses and searches: besides the pages themselves, only
files named for their bytes, the search index included, each of which `_headers` lets hosts keep
for a year.

Measured here rather than assumed: Pagefind 1.x fetches pagefind.js, pagefind-worker.js,
pagefind-entry.json, wasm.<language>.pagefind under fixed names, and its index chunks and
fragments under names of its own; all of them live in the folder of their part of the index,
named for that part's bytes."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, Request, expect

from sitegen.core.urls import IMMUTABLE, cache_control

pytestmark = pytest.mark.browser

PATHS = ["/", "/articles/settle-a-racing-mind-at-night/", "/journeys/steadier-days/day-1/", "/team/"]
PAGEFIND_FIXED_NAMES = ("pagefind.js", "pagefind-entry.json", "wasm.en.pagefind")


def kept_for_a_year(headers: str) -> list[str]:
    """The path rules of a `_headers` file whose Cache-Control is immutable ('/static/*', '/a.css')."""
    rules, current = [], ""
    for line in headers.splitlines():
        if line.startswith("/"):
            current = line.strip()
        elif line.strip() == f"Cache-Control: {IMMUTABLE}":
            rules.append(current)
    return rules


def matches(rule: str, path: str) -> bool:
    return path.startswith(rule[:-1]) if rule.endswith("*") else path == rule


def test_a_reader_fetches_only_pages_and_files_named_for_their_bytes(
    page: Page, site_url: str, sample_output: Path
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
    page.fill("#search-input", "sleep")
    page.keyboard.press("Enter")
    expect(page.locator("#search-status")).to_contain_text("for “sleep”")
    page.wait_for_load_state("networkidle")

    ours = [(kind, urlsplit(url).path) for kind, url in fetched if url.startswith(f"{site_url}/")]
    pages = [path for kind, path in ours if kind == "document"]
    assert pages and all(path.endswith(("/", ".html")) for path in pages), pages
    files = [path for kind, path in ours if kind != "document"]
    index = [path for path in files if path.startswith("/pagefind/")]
    for name in PAGEFIND_FIXED_NAMES:
        assert any(path.endswith("/" + name) for path in index), f"{name} was not fetched: {index}"
    assert any(path.endswith(".jpg") for path in files), f"no image was fetched: {files}"
    assert any(path.endswith(".css") for path in files) and any(path.endswith(".js") for path in files), files

    not_named = sorted({path for path in files if cache_control(path.lstrip("/")) != IMMUTABLE})
    assert not_named == [], "fetched, but not named for its bytes"
    rules = kept_for_a_year((sample_output / "_headers").read_text(encoding="utf-8"))
    not_kept = sorted({path for path in files if not any(matches(rule, path) for rule in rules)})
    assert not_kept == [], f"_headers does not let hosts keep these for a year: {rules}"

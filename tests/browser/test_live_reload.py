"""Live preview in a real browser: an open page follows edits, shows a broken build, and recovers.

Nothing here reloads the page by hand: every change must arrive through `sitegen serve`.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, expect

from conftest import SAMPLE_ARTICLE, SAMPLE_ARTICLE_SOURCE, ServeProcess, copy_sample, start_serve, stop

WAIT_MS = 60_000  # generous: a rebuild takes about a second, a loaded CI machine much longer


@pytest.fixture
def served(tmp_path: Path) -> Iterator[ServeProcess]:
    server = start_serve(copy_sample(tmp_path / "site"))
    try:
        yield server
    finally:
        stop(server)


@pytest.fixture
def preview(browser: Browser, served: ServeProcess) -> Iterator[BrowserContext]:
    context = browser.new_context(base_url=served.origin)
    try:
        yield context
    finally:
        context.close()


@pytest.mark.browser
def test_open_pages_follow_edits_and_show_a_broken_build(served: ServeProcess, preview: BrowserContext) -> None:
    article = preview.new_page()
    article.goto(f"/articles/{SAMPLE_ARTICLE}/")
    home = preview.new_page()
    home.goto("/")
    expect(article.locator("h1")).to_have_text("Five Ways to Settle a Racing Mind at Night")

    source = served.root / SAMPLE_ARTICLE_SOURCE
    good = source.read_text(encoding="utf-8")
    edited = good.replace("Many people know the feeling", "Fresh words from the writer")
    source.write_text(edited, encoding="utf-8")
    expect(article.locator("main")).to_contain_text("Fresh words from the writer", timeout=WAIT_MS)

    source.write_text(edited.replace('at Night"\n', "at Night\n", 1), encoding="utf-8")  # an unclosed quote
    for page in (article, home):
        overlay = page.locator("#sitegen-build-errors")
        expect(overlay).to_be_visible(timeout=WAIT_MS)
        expect(overlay).to_contain_text(f"{SAMPLE_ARTICLE_SOURCE}:")
    expect(article.locator("main")).to_contain_text("Fresh words from the writer")  # the last good build

    source.write_text(edited.replace("Fresh words from the writer", "Fixed and saved"), encoding="utf-8")
    for page in (article, home):
        expect(page.locator("#sitegen-build-errors")).to_have_count(0, timeout=WAIT_MS)
    expect(article.locator("main")).to_contain_text("Fixed and saved", timeout=WAIT_MS)

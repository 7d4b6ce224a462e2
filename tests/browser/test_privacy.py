"""Privacy: no page of the sample site makes the browser contact anything but the site's own server."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import BrowserContext, Page, Request

pytestmark = pytest.mark.browser

PARALLEL_PAGES = 6
# Scroll to the end once loaded, so anything lazy-loaded further down the page is requested too.
SCROLL_TO_END = "addEventListener('load', () => window.scrollTo(0, document.documentElement.scrollHeight));"


def url_path(output: Path, html: Path) -> str:
    relative = html.relative_to(output).as_posix()
    if relative == "index.html":
        return "/"
    if relative.endswith("/index.html"):
        return "/" + relative.removesuffix("index.html")
    return "/" + relative


def origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def test_every_page_requests_only_its_own_origin(context: BrowserContext, sample_output: Path, site_url: str) -> None:
    paths = sorted(url_path(sample_output, html) for html in sample_output.rglob("*.html"))
    assert len(paths) > 30 and "/" in paths and "/404.html" in paths
    requested: list[tuple[str, str]] = []
    context.add_init_script(SCROLL_TO_END)
    tabs: list[tuple[Page, dict[str, str]]] = []
    for _ in range(PARALLEL_PAGES):
        page, loading = context.new_page(), {"path": ""}

        def record(request: Request, loading: dict[str, str] = loading) -> None:
            requested.append((loading["path"], request.url))

        page.on("request", record)
        tabs.append((page, loading))

    # Load the pages a few at a time: start each navigation, then wait until every tab's network is quiet.
    for start in range(0, len(paths), PARALLEL_PAGES):
        batch = list(zip(tabs, paths[start : start + PARALLEL_PAGES], strict=False))
        for (page, loading), path in batch:
            loading["path"] = path
            response = page.goto(path, wait_until="commit")
            assert response is not None and response.ok, f"{path} did not load"
        for (page, _), _path in batch:
            page.wait_for_load_state("networkidle")

    visited = {path for path, _ in requested}
    assert visited == set(paths), f"no requests recorded for {set(paths) - visited}"
    assert any(url.startswith(f"{site_url}/static/site.css") for _, url in requested), "the stylesheet was not seen"
    assert any(url.startswith(f"{site_url}/static/site.js") for _, url in requested), "the script was not seen"
    foreign = [(path, url) for path, url in requested if not url.startswith("data:") and origin(url) != site_url]
    assert not foreign, "pages contacted other origins:\n" + "\n".join(f"{path}: {url}" for path, url in foreign)

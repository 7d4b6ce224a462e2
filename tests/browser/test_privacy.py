"""Privacy: no page of the sample site makes the browser contact anything but the site's own server."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, Request

pytestmark = pytest.mark.browser


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


def test_every_page_requests_only_its_own_origin(page: Page, sample_output: Path, site_url: str) -> None:
    paths = sorted(url_path(sample_output, html) for html in sample_output.rglob("*.html"))
    assert len(paths) > 30 and "/" in paths and "/404.html" in paths
    requested: list[tuple[str, str]] = []
    current = {"path": ""}

    def record(request: Request) -> None:
        requested.append((current["path"], request.url))

    page.on("request", record)
    for path in paths:
        current["path"] = path
        response = page.goto(path, wait_until="load")
        assert response is not None and response.ok, f"{path} did not load"
        # Bring anything lazy into view, then let late requests (scripts, fetches) happen before moving on.
        page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")
        page.wait_for_load_state("networkidle")
    visited = {path for path, _ in requested}
    assert visited == set(paths), f"no requests recorded for {set(paths) - visited}"
    assert any(url.startswith(f"{site_url}/static/site.css") for _, url in requested), "the stylesheet was not seen"
    foreign = [(path, url) for path, url in requested if not url.startswith("data:") and origin(url) != site_url]
    assert not foreign, "pages contacted other origins:\n" + "\n".join(f"{path}: {url}" for path, url in foreign)

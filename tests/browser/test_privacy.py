"""Privacy: no page of the sample site makes the browser contact anything but the site's own server."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, Request, Route

from conftest import MINIMAL_SITE_YAML, MakeSite, run_sitegen, serving
from privacy_snippets import HARMLESS_CSS, HARMLESS_HTML, HARMLESS_TEMPLATE, HOSTILE_HTML, HOSTILE_MARKDOWN

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
    assert any(re.match(rf"{site_url}/static/site\.[0-9a-f]{{10}}\.css$", url) for _, url in requested), "no stylesheet"
    assert any(re.match(rf"{site_url}/static/site\.[0-9a-f]{{10}}\.js$", url) for _, url in requested), "no script"
    foreign = [(path, url) for path, url in requested if not url.startswith("data:") and origin(url) != site_url]
    assert not foreign, "pages contacted other origins:\n" + "\n".join(f"{path}: {url}" for path, url in foreign)


# --- The snippet tables, checked against Chromium itself ---------------------------------------
# Each site is built with evil.example allowed, so it builds, and served; Chromium opens its
# pages while every request that is not to the local server is answered on the spot (nothing
# leaves the machine) and recorded. What Chromium fetches from evil.example, the guard must name.

EVIL_ALLOWED = MINIMAL_SITE_YAML + (
    "allowed_origins: [https://evil.example, http://evil.example, http://evil.example:443,"
    " https://example.org.evil.example, http://example.org.evil.example]\n"
)
ARTICLE = "---\ntitle: Snippet {m}\ndate: 2025-01-01\ncategory: Anxiety\n---\nBefore.\n\n{body}\n"
MARKER = re.compile(r"\b([pmc]\d\d)\b")


def requests_elsewhere(browser: Browser, site: str, paths: list[str]) -> list[str]:
    """Every URL Chromium asks for, off the local server (which stands for example.org), while it
    opens `paths` one by one."""
    asked: list[str] = []
    context = browser.new_context(base_url=site, viewport={"width": 1280, "height": 900})

    def answer(route: Route) -> None:
        url = route.request.url
        if url.startswith(site + "/"):
            route.continue_()
        elif urlsplit(url).hostname == "example.org":
            route.fulfill(status=204, body="")
        else:
            asked.append(url)
            route.fulfill(status=204, body="")

    try:
        context.route("**/*", answer)
        tabs = [context.new_page() for _ in range(PARALLEL_PAGES)]
        for start in range(0, len(paths), PARALLEL_PAGES):
            batch = list(zip(tabs, paths[start : start + PARALLEL_PAGES], strict=False))
            for tab, path in batch:
                tab.goto(path, wait_until="commit")
            for tab, _ in batch:
                tab.wait_for_load_state("networkidle")
    finally:
        context.close()
    return asked


def markers_fetched(asked: list[str]) -> set[str]:
    return {found.group(1) for url in asked if "evil.example" in url and (found := MARKER.search(url))}


def test_what_chromium_fetches_from_a_static_page_the_guard_names(browser: Browser, make_site: MakeSite) -> None:
    # Meta refresh leaves the page, so it is opened on a page of its own.
    refreshes = [s for s in HOSTILE_HTML if "refresh" in s.lower()]
    files = {"static/hostile.html": "\n".join(s for s in HOSTILE_HTML if s not in refreshes) + "\n"}
    files |= {f"static/refresh-{MARKER.search(s).group(1)}.html": s for s in refreshes}  # type: ignore[union-attr]
    root = make_site({"content/articles/a.md": ARTICLE.format(m="a", body="Hello"), **files})
    guarded = run_sitegen("build", "-q", cwd=root)
    assert guarded.code == 1
    named = {m for m in map(marker_of, HOSTILE_HTML) if m in guarded.err}
    make_site({}, site_yaml=EVIL_ALLOWED)
    assert run_sitegen("build", "-q", cwd=root).code == 0
    with serving(root / "output") as site:
        fetched = markers_fetched(requests_elsewhere(browser, site, ["/" + name for name in files]))
    # The reproductions in static HTML, and the forms that load on every browser.
    assert {"p03", "p04", "p05", "p07", "p08", "p09", "p27", "p30", "p31", "p48", "p52", "p68"} <= fetched
    assert fetched <= named


def test_what_chromium_fetches_from_an_article_the_guard_names(browser: Browser, make_site: MakeSite) -> None:
    snippets = {marker_of(s): s for s in HOSTILE_HTML + HOSTILE_MARKDOWN}
    root = make_site({f"content/articles/{m}.md": ARTICLE.format(m=m, body=s) for m, s in snippets.items()})
    guarded = run_sitegen("build", "-q", cwd=root)
    assert guarded.code == 1
    named = {m for m in snippets if f"content/articles/{m}.md:" in guarded.err}
    make_site({}, site_yaml=EVIL_ALLOWED)
    assert run_sitegen("build", "-q", cwd=root).code == 0
    with serving(root / "output") as site:
        asked = requests_elsewhere(browser, site, [f"/articles/{m}/" for m in snippets])
    fetched = markers_fetched(asked)
    assert {"m01", "m02", "m03", "m04", "p03", "p05"} <= fetched
    assert "m05" not in fetched  # CommonMark reads its backslash as text: a path on this site, dropped
    assert fetched <= named
    assert all("evil.example" in url for url in asked), asked


def test_harmless_snippets_make_chromium_fetch_nothing_from_elsewhere(browser: Browser, make_site: MakeSite) -> None:
    everywhere = "\n".join(HARMLESS_HTML + HARMLESS_TEMPLATE) + "\n"
    root = make_site(
        {
            "content/articles/a.md": ARTICLE.format(m="a", body="\n\n".join(HARMLESS_HTML)),
            "templates/partials/footer.html": everywhere,
            "static/harmless.html": everywhere,
            "static/harmless.css": "\n".join(HARMLESS_CSS) + "\n",
        }
    )
    result = run_sitegen("build", "-q", cwd=root)
    assert result.code == 0, result.err
    with serving(root / "output") as site:
        asked = requests_elsewhere(browser, site, ["/articles/a/", "/static/harmless.html"])
    assert asked == []


def marker_of(snippet: str) -> str:
    found = MARKER.search(snippet)
    assert found, snippet
    return found.group(1)

"""The site's Content-Security-Policy holds in Chromium: every page kind, search and journey
progress work under it with no violation, on a host that sends `_headers`, and in the preview.

A server here reads the built `_headers` as Netlify or Cloudflare Pages would and sends what
it says, so the test covers the file a host reads, not only sitegen's idea of it. Chromium
reports each blocked script, style or fetch as a `securitypolicyviolation` event, which an
init script (run before any of the page's own) records, and as a console error.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, BrowserContext, ConsoleMessage, Page, expect

from conftest import (
    SAMPLE_ARTICLE,
    SAMPLE_ARTICLE_SOURCE,
    QuietHandler,
    copy_sample,
    run_sitegen,
    serving,
    start_serve,
    stop,
)

pytestmark = pytest.mark.browser

WAIT_MS = 60_000
RECORD_VIOLATIONS = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", function (event) {
  window.__violations.push(event.effectiveDirective + " blocked " + (event.blockedURI || "inline") +
    " at " + (event.sourceFile || location.href) + ":" + event.lineNumber);
});
"""
POLICY_WORDS = ("Content Security Policy", "Content-Security-Policy", "Permissions-Policy", "Permissions policy")


def header_rules(text: str) -> list[tuple[str, list[tuple[str, str]]]]:
    """The rules of a `_headers` file: a path line, then its indented `Name: value` lines."""
    rules: ClassVar[list[tuple[str, list[tuple[str, str]]]]] = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        if not line[0].isspace():
            rules.append((line.strip(), []))
        else:
            name, _, value = line.strip().partition(":")
            rules[-1][1].append((name.strip(), value.strip()))
    return rules


def matches(pattern: str, path: str) -> bool:
    return path.startswith(pattern[:-1]) if pattern.endswith("*") else path == pattern


class HostHandler(QuietHandler):
    """Serves a built site with the headers its `_headers` gives each path, as a host would."""

    rules: ClassVar[list[tuple[str, list[tuple[str, str]]]]] = []

    def end_headers(self) -> None:
        path = urlsplit(self.path).path
        for pattern, headers in self.rules:
            if matches(pattern, path):
                for name, value in headers:
                    self.send_header(name, value)
        super().end_headers()


@contextlib.contextmanager
def hosting(folder: Path, with_headers: bool = True) -> Iterator[str]:
    """`folder` served on 127.0.0.1 with its `_headers` applied (or none, as GitHub Pages serves)."""
    rules = header_rules((folder / "_headers").read_text(encoding="utf-8")) if with_headers else []
    with serving(folder, type("Host", (HostHandler,), {"rules": rules})) as origin:
        yield origin


class Watched:
    """A browser context whose pages record policy violations and policy messages in the console."""

    def __init__(self, browser: Browser, origin: str) -> None:
        self.context: BrowserContext = browser.new_context(base_url=origin)
        self.context.add_init_script(RECORD_VIOLATIONS)
        self.console: list[str] = []

    def page(self) -> Page:
        page = self.context.new_page()
        page.on("console", self._note)
        return page

    def _note(self, message: ConsoleMessage) -> None:
        if any(word in message.text for word in POLICY_WORDS):
            self.console.append(message.text)

    @staticmethod
    def violations(page: Page) -> list[str]:
        page.wait_for_load_state("networkidle")
        return list(page.evaluate("window.__violations"))


@pytest.fixture(scope="module")
def hosted(sample_output: Path) -> Iterator[str]:
    with hosting(sample_output) as origin:
        yield origin


@pytest.fixture
def watched(browser: Browser, hosted: str) -> Iterator[Watched]:
    watched = Watched(browser, hosted)
    try:
        yield watched
    finally:
        watched.context.close()


def test_each_page_kind_runs_under_the_policy(watched: Watched, kind_path: str) -> None:
    page = watched.page()
    response = page.goto(kind_path)
    assert response is not None
    assert "frame-ancestors 'none'" in response.headers["content-security-policy"]
    assert page.locator('meta[http-equiv="Content-Security-Policy"]').count() == 1
    assert watched.violations(page) == []
    assert not watched.console, "\n".join(watched.console)


def test_an_old_address_moves_on_under_the_policy(watched: Watched, hosted: str) -> None:
    page = watched.page()
    page.goto("/blog/racing-mind-at-night/")  # an alias's small page, which moves on by itself
    expect(page).to_have_url(f"{hosted}/articles/settle-a-racing-mind-at-night/")
    assert watched.violations(page) == []
    assert not watched.console, "\n".join(watched.console)


def test_search_and_journey_progress_run_under_the_policy(watched: Watched) -> None:
    page = watched.page()
    seen: dict[str, list[str]] = {}
    page.goto("/search/")
    page.get_by_role("searchbox").fill("racing")
    page.keyboard.press("Enter")
    expect(page.locator("#search-results > li a").first).to_be_visible()
    seen["search used"] = watched.violations(page)

    page.goto("/journeys/steadier-days/day-1/")
    page.get_by_role("button", name="Mark Day 1 as done").click()
    expect(page.locator("button.mark-done")).to_have_attribute("aria-pressed", "true")
    seen["day marked"] = watched.violations(page)
    page.goto("/journeys/steadier-days/")
    expect(page.get_by_role("link", name="Continue with Day 2")).to_be_visible()
    page.get_by_role("button", name="Clear my progress").click()
    expect(page.get_by_role("link", name="Start Day 1")).to_be_visible()
    seen["progress cleared"] = watched.violations(page)

    blocked = {step: found for step, found in seen.items() if found}
    assert not blocked, f"the policy blocked something: {blocked}"
    assert not watched.console, "\n".join(watched.console)


@pytest.mark.parametrize("with_headers", [True, False], ids=["_headers", "meta only"])
def test_an_inline_script_in_a_project_template_is_blocked_and_seen(
    browser: Browser, tmp_path: Path, with_headers: bool
) -> None:
    """The check above can fail: a script written into a template is stopped and reported, by
    the header and, on a host that sends none, by the page's own `<meta>` policy."""
    root = copy_sample(tmp_path / "site")
    footer = root / "templates/partials/footer.html"
    footer.parent.mkdir(parents=True, exist_ok=True)
    theme_footer = Path(__file__).parents[2] / "themes/default/templates/partials/footer.html"
    footer.write_text(
        theme_footer.read_text(encoding="utf-8") + '<script>document.title = "ran";</script>\n', encoding="utf-8"
    )
    result = run_sitegen("build", "-q", cwd=root)
    assert result.code == 0, result.err
    with hosting(root / "output", with_headers) as origin:
        watched = Watched(browser, origin)
        try:
            page = watched.page()
            page.goto("/about/")
            found = watched.violations(page)
            assert page.title() != "ran"
        finally:
            watched.context.close()
    assert found and found[0].startswith("script-src"), found
    assert any("inline script" in text for text in watched.console), watched.console


def test_the_preview_sends_the_policy_and_still_reloads_and_shows_errors(browser: Browser, tmp_path: Path) -> None:
    """Live reload (its script and websocket) and the error overlay (its own stylesheet) work
    under the site's policy, which the preview sends, so a page blocked on the host is blocked here."""
    served = start_serve(copy_sample(tmp_path / "site"))
    watched = Watched(browser, served.origin)
    try:
        page = watched.page()
        response = page.goto(f"/articles/{SAMPLE_ARTICLE}/")
        assert response is not None
        policy = response.headers["content-security-policy"]
        assert f"connect-src 'self' ws://127.0.0.1:{served.port}" in policy
        source = served.root / SAMPLE_ARTICLE_SOURCE
        good = source.read_text(encoding="utf-8")
        source.write_text(good.replace('at Night"\n', "at Night\n", 1), encoding="utf-8")  # an unclosed quote
        overlay = page.locator("#sitegen-build-errors")
        expect(overlay).to_be_visible(timeout=WAIT_MS)
        assert overlay.evaluate("element => getComputedStyle(element).position") == "fixed"
        source.write_text(good, encoding="utf-8")
        expect(overlay).to_have_count(0, timeout=WAIT_MS)
        assert watched.violations(page) == []
        assert not watched.console, "\n".join(watched.console)
    finally:
        watched.context.close()
        stop(served)

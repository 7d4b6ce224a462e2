"""Pictures of the theme for a person to look at: the home page, an article, a journey day and the team
page, at a phone's width and a desktop's, light and dark, saved under screenshots/ (git-ignored)."""

from __future__ import annotations

import struct
from typing import Literal

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Response

from conftest import REPO

pytestmark = pytest.mark.browser

SHOTS = REPO / "screenshots"
PAGES = {
    "home": "/",
    "article": "/articles/settle-a-racing-mind-at-night/",
    "day": "/journeys/steadier-days/day-1/",
    "team": "/team/",
}
WIDTHS = {"phone": 390, "desktop": 1280}
MIN_PNG_BYTES = 10_000


def png_size(data: bytes) -> tuple[int, int]:
    """A PNG's width and height, read from its IHDR chunk."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", list(WIDTHS))
@pytest.mark.parametrize("name", list(PAGES))
def test_screenshot(browser: Browser, site_url: str, name: str, width: str, scheme: Literal["light", "dark"]) -> None:
    pixels = WIDTHS[width]
    context = browser.new_context(
        base_url=site_url, viewport={"width": pixels, "height": 844}, color_scheme=scheme, device_scale_factor=1
    )
    problems: list[str] = []
    try:
        page = context.new_page()

        def note(message: ConsoleMessage) -> None:
            # A missing file is reported below with its address; the console's copy of it names none.
            if message.type in ("error", "warning") and not message.text.startswith("Failed to load resource"):
                problems.append(f"console {message.type}: {message.text}")

        def check(response: Response) -> None:
            # Browsers ask for /favicon.ico on their own when a page names no icon.
            if response.status >= 400 and not response.url.endswith("/favicon.ico"):
                problems.append(f"{response.status} for {response.url}")

        page.on("console", note)
        page.on("response", check)
        page.on("pageerror", lambda error: problems.append(f"script error: {error}"))
        page.on("requestfailed", lambda request: problems.append(f"failed to load {request.url}"))
        page.goto(PAGES[name], wait_until="load")
        page.evaluate("document.fonts.ready.then(() => true)")
        SHOTS.mkdir(exist_ok=True)
        path = SHOTS / f"{name}-{width}-{scheme}.png"
        data = page.screenshot(path=path, full_page=True, animations="disabled")
    finally:
        context.close()
    assert problems == [], f"{PAGES[name]} at {pixels}px ({scheme}): {problems}"
    assert path.read_bytes() == data
    assert len(data) >= MIN_PNG_BYTES, f"{path.name} is only {len(data)} bytes: a blank page?"
    shot_width, shot_height = png_size(data)
    assert shot_width == pixels
    assert shot_height >= 844

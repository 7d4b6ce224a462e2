"""Reflow (WCAG 1.4.10) and resized text (1.4.4): at 320 CSS px nothing scrolls sideways, even with text at 200%."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import BrowserContext

pytestmark = pytest.mark.browser

# Elements that stick out past the viewport's right edge, to say what causes sideways scrolling.
OVERFLOWING = """() => Array.from(document.querySelectorAll("body *"))
  .filter(el => el.getBoundingClientRect().right > window.innerWidth + 0.5)
  .slice(0, 8)
  .map(el => el.tagName.toLowerCase() + (el.className ? "." + String(el.className).split(" ").join(".") : "")
             + " right=" + Math.round(el.getBoundingClientRect().right))"""


@pytest.mark.parametrize("text_size", ["100%", "200%"])
def test_no_horizontal_scrolling_at_320px(
    context_for_width: Callable[[int], BrowserContext], kind_path: str, text_size: str
) -> None:
    page = context_for_width(320).new_page()
    try:
        page.goto(kind_path)
        page.evaluate("size => { document.documentElement.style.fontSize = size; }", text_size)
        sizes = page.evaluate("""() => ({
            scroll: document.documentElement.scrollWidth,
            inner: window.innerWidth,
            rootFont: parseFloat(getComputedStyle(document.documentElement).fontSize),
        })""")
        assert sizes["inner"] == 320
        assert sizes["rootFont"] == 16 * int(text_size.rstrip("%")) / 100
        assert sizes["scroll"] <= sizes["inner"], (
            f"{kind_path} scrolls sideways at 320px with text at {text_size}: "
            f"content is {sizes['scroll']}px wide; overflowing: {page.evaluate(OVERFLOWING)}"
        )
    finally:
        page.close()

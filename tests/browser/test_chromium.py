"""The browser tests need Debian's chromium; without it they fail with a clear hint rather than being skipped."""

from __future__ import annotations

import shutil

import pytest
from playwright.sync_api import Browser

pytestmark = pytest.mark.browser


def test_chromium_is_on_path() -> None:
    assert shutil.which("chromium") is not None, (
        "Chromium is needed for the browser tests: install it with 'sudo apt-get install chromium' "
        "(Debian/Ubuntu) or put a chromium executable on PATH."
    )


def test_browser_is_chromium(browser: Browser) -> None:
    assert browser.browser_type.name == "chromium"
    assert browser.is_connected()

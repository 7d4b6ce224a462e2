"""Addresses in six scripts, opened in Chromium: the six-language practice in tests/fixtures/scripts/.

The practice is published under /practice/, so it is served from a folder of that name.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from conftest import run_sitegen, serving

pytestmark = pytest.mark.browser

SCRIPTS_SITE = Path(__file__).parent.parent / "fixtures" / "scripts"

# Per language: its category's address and name, its article's title, and its tag's name.
LANGUAGES = {
    "Arabic": ("categories/القلق/", "القلق", "كيف تهدأ قبل النوم", "نوم"),
    "Russian": ("categories/тревога/", "Тревога", "Как успокоиться перед сном", "Сон"),
    "Greek": ("categories/άγχος/", "Άγχος", "Πώς να ηρεμήσετε πριν τον ύπνο", "Ύπνος"),
    "Japanese": ("categories/不安/", "不安", "眠る前に心を落ち着ける方法", "よく眠る"),
    "Chinese": ("categories/焦虑/", "焦虑", "睡前如何放松", "睡眠"),
    "Spanish": ("categories/ansiedad/", "Ansiedad", "Cómo calmarse antes de dormir", "Sueño"),
}


@pytest.fixture(scope="module")
def scripts_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The practice built and served; the URL of its base path, /practice/."""
    root = tmp_path_factory.mktemp("scripts") / "site"
    shutil.copytree(SCRIPTS_SITE, root)
    result = run_sitegen("build", "-q", cwd=root)
    assert result.code == 0, result.err
    www = root.parent / "www"
    www.mkdir()
    (root / "output").rename(www / "practice")
    with serving(www) as origin:
        yield f"{origin}/practice/"


@pytest.fixture
def scripts_page(browser: Browser) -> Iterator[Page]:
    context: BrowserContext = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        yield context.new_page()
    finally:
        context.close()


@pytest.mark.parametrize("language", list(LANGUAGES))
def test_a_category_opens_by_its_address_and_its_links_lead_on(
    scripts_page: Page, scripts_url: str, language: str
) -> None:
    address, category, title, tag = LANGUAGES[language]
    response = scripts_page.goto(scripts_url + address)
    assert response is not None and response.status == 200
    assert scripts_page.url == scripts_url + quote(address)  # the browser holds it percent-encoded
    expect(scripts_page.locator("h1")).to_have_text(category)

    scripts_page.get_by_role("link", name=title).first.click()
    expect(scripts_page.locator("h1")).to_have_text(title)

    scripts_page.locator("main").get_by_role("link", name=tag, exact=True).first.click()
    expect(scripts_page.locator("h1")).to_contain_text(tag)
    assert "/practice/tags/" in scripts_page.url


def test_a_search_result_leads_to_an_address_in_another_script(scripts_page: Page, scripts_url: str) -> None:
    scripts_page.goto(scripts_url + "search/?q=calmarse")
    scripts_page.get_by_role("searchbox").fill("calmarse")
    scripts_page.get_by_role("searchbox").press("Enter")
    result = scripts_page.locator("#search-results > li a").first
    expect(result).to_have_text("Cómo calmarse antes de dormir")
    assert result.evaluate("a => a.href") == scripts_url + "articles/c%C3%B3mo-calmarse/"
    result.click()
    expect(scripts_page.locator("h1")).to_have_text("Cómo calmarse antes de dormir")
    assert scripts_page.url == scripts_url + "articles/c%C3%B3mo-calmarse/"

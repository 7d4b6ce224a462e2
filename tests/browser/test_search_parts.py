"""A large site's search index is built in parts (to bound Pagefind's memory) and merged by the page."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, expect

from conftest import MakeSite, run_sitegen, serving

pytestmark = pytest.mark.browser


def test_a_word_in_the_last_part_of_the_index_is_found(make_site: MakeSite, browser: Browser) -> None:
    words = [
        "lighthouse",
        "meadow",
        "harbour",
        "orchard",
        "lantern",
        "willow",
        "pebble",
        "compass",
        "riverbank",
        "sparrow",
        "thistle",
        "juniper",
    ]
    files = {
        f"content/articles/a{i:02d}.md": f"---\ntitle: Article {i}\ndate: 2025-01-{i + 1:02d}\ncategory: Anxiety\n"
        f"---\nA gentle note about the {word}.\n"
        for i, word in enumerate(words)
    }
    root = make_site(files)
    result = run_sitegen("build", cwd=root, env={"SITEGEN_SEARCH_CHUNK": "3"})  # twelve pages: four parts
    assert result.code == 0, result.err
    output = root / "output"
    parts = list((output / "pagefind").iterdir())  # a folder for each part, named for its bytes
    assert len(parts) == 4 and all((part / "pagefind-entry.json").is_file() for part in parts)
    first = re.search(r'data-bundle="/pagefind/(\w+)/pagefind\.js"', (output / "search/index.html").read_text())
    assert first, "the search page names Pagefind's script in the first part"
    with_script = [part.name for part in parts if (part / "pagefind.js").exists()]
    assert with_script == [first.group(1)], "the parts merged into the first keep only what merging reads"

    with serving(output) as origin:
        context = browser.new_context(base_url=origin)
        try:
            page = context.new_page()
            for word, index in (("lighthouse", 0), ("juniper", 11), ("compass", 7)):
                page.goto(f"/search/?q={word}")
                results = page.locator("#search-results > li a")
                expect(results).to_have_count(1)
                assert results.first.get_attribute("href") == f"/articles/a{index:02d}/"
        finally:
            context.close()

"""A partial that comes out the same on many pages is rendered once and reused (see
sitegen/rendering/shared_partials.py). These tests hold it to what a theme author expects: a
partial of their own, whatever it reads, shows on each page exactly as if rendered there."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import SAMPLE_EPOCH, MakeSite, many_articles
from sitegen.build import build

ARTICLES = 60


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", SAMPLE_EPOCH)


def pages(root: Path) -> dict[str, str]:
    """Each article page's HTML, by its address."""
    folder = root / "output" / "articles"
    return {
        f"/articles/{page.parent.name}/": page.read_text(encoding="utf-8")
        for page in folder.glob("post-*/index.html")
    }


@pytest.mark.parametrize("workers", [1, 2])
def test_a_footer_that_reads_the_page_shows_each_pages_own(make_site: MakeSite, workers: int) -> None:
    root = make_site(
        {
            **many_articles(ARTICLES),
            "templates/partials/footer.html": '<footer>{% include "partials/where.html" %}'
            "<p>{{ t('footer_note') }}</p></footer>\n",
            "templates/partials/where.html": '<p class="where">{{ page.url }} · {{ page.title }}</p>\n',
        }
    )
    build(root, workers=workers)
    found = pages(root)
    assert len(found) == ARTICLES
    for address, html in found.items():
        number = int(address.rstrip("/").rsplit("-", 1)[1])
        assert f'<p class="where">{address} · Post {number}</p>' in html


FOOTERS = {
    "a partial in a loop sees each turn": (
        "<footer>{% for word in ('one', 'two', 'one', 'three') %}"
        '{% include "partials/word.html" %}{% endfor %}</footer>',
        "<i>{{ word }}</i>",
        "<footer><i>one</i><i>two</i><i>one</i><i>three</i></footer>",
    ),
    "a value changed between two includes shows as changed": (
        "<footer>{% set ns = namespace(count=1) %}{% include \"partials/word.html\" %}{% set ns.count = 2 %}"
        "{% include \"partials/word.html\" %}</footer>",
        "<i>{{ ns.count }}</i>",
        "<footer><i>1</i><i>2</i></footer>",
    ),
    "a name that hides one of the theme's functions is seen": (
        "<footer>{% for t in ('first', 'second') %}{% include \"partials/word.html\" %}{% endfor %}</footer>",
        "<i>{{ t }}</i>",
        "<footer><i>first</i><i>second</i></footer>",
    ),
}
"""A footer including a partial whose values change within one page: (footer, partial, what every page shows)."""


@pytest.mark.parametrize("case", FOOTERS)
def test_a_partial_whose_values_change_within_a_page_shows_each_change(make_site: MakeSite, case: str) -> None:
    footer, partial, shown = FOOTERS[case]
    files = {"templates/partials/footer.html": footer + "\n", "templates/partials/word.html": partial}
    root = make_site({**many_articles(3), **files})
    build(root, workers=1)
    for html in pages(root).values():
        assert shown in html


def test_a_theme_footer_edited_between_builds_shows_on_every_page(make_site: MakeSite) -> None:
    root = make_site({**many_articles(5), "templates/partials/footer.html": "<footer>first words</footer>\n"})
    build(root, workers=1)
    (root / "templates/partials/footer.html").write_text("<footer>second words</footer>\n", encoding="utf-8")
    build(root, workers=1)
    for html in pages(root).values():
        assert "<footer>second words</footer>" in html
        assert "first words" not in html


def test_a_partial_edited_to_read_the_page_shows_each_pages_own_in_the_next_build(make_site: MakeSite) -> None:
    """What each partial reads is kept between builds, for its source: an edit that makes a shared
    partial read the page must be seen, or every page would show the first page's values."""
    footer = "templates/partials/footer.html"
    root = make_site({**many_articles(5), footer: '<footer>{% include "partials/where.html" %}</footer>\n'})
    where = root / "templates/partials/where.html"
    where.write_text("<p class=\"where\">{{ t('footer_note') }}</p>\n", encoding="utf-8")
    build(root, workers=1)
    kept = sorted(path.name for path in (root / ".sitegen-cache/templates").glob("reads-*"))
    assert kept  # one file for each partial the pages include
    where.write_text('<p class="where">{{ page.url }}</p>\n', encoding="utf-8")
    build(root, workers=1)
    for address, html in pages(root).items():
        assert f'<p class="where">{address}</p>' in html
    assert sorted(path.name for path in (root / ".sitegen-cache/templates").glob("reads-*")) == kept


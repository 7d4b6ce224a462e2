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


def test_a_partial_in_a_loop_sees_each_turn(make_site: MakeSite) -> None:
    root = make_site(
        {
            **many_articles(3),
            "templates/partials/footer.html": "<footer>{% for word in ('one', 'two', 'one', 'three') %}"
            '{% include "partials/word.html" %}{% endfor %}</footer>\n',
            "templates/partials/word.html": "<i>{{ word }}</i>",
        }
    )
    build(root, workers=1)
    for html in pages(root).values():
        assert "<footer><i>one</i><i>two</i><i>one</i><i>three</i></footer>" in html


def test_a_value_changed_between_two_includes_shows_as_changed(make_site: MakeSite) -> None:
    root = make_site(
        {
            **many_articles(3),
            "templates/partials/footer.html": "<footer>{% set ns = namespace(count=1) %}"
            '{% include "partials/count.html" %}{% set ns.count = 2 %}{% include "partials/count.html" %}'
            "</footer>\n",
            "templates/partials/count.html": "<i>{{ ns.count }}</i>",
        }
    )
    build(root, workers=1)
    for html in pages(root).values():
        assert "<footer><i>1</i><i>2</i></footer>" in html


def test_a_theme_footer_edited_between_builds_shows_on_every_page(make_site: MakeSite) -> None:
    root = make_site({**many_articles(5), "templates/partials/footer.html": "<footer>first words</footer>\n"})
    build(root, workers=1)
    (root / "templates/partials/footer.html").write_text("<footer>second words</footer>\n", encoding="utf-8")
    build(root, workers=1)
    for html in pages(root).values():
        assert "<footer>second words</footer>" in html
        assert "first words" not in html


def test_a_partial_sees_a_name_that_hides_one_of_the_themes_functions(make_site: MakeSite) -> None:
    root = make_site(
        {
            **many_articles(3),
            "templates/partials/footer.html": "<footer>{% for t in ('first', 'second') %}"
            '{% include "partials/hidden.html" %}{% endfor %}</footer>\n',
            "templates/partials/hidden.html": "<i>{{ t }}</i>",
        }
    )
    build(root, workers=1)
    for html in pages(root).values():
        assert "<footer><i>first</i><i>second</i></footer>" in html

"""The build refuses anything that would make a reader's browser contact another website."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import MINIMAL_SITE_YAML, MakeSite, run_sitegen
from privacy_snippets import (
    HARMLESS_CSS,
    HARMLESS_HTML,
    HARMLESS_TEMPLATE,
    HOSTILE_CSS,
    HOSTILE_HTML,
    HOSTILE_MARKDOWN,
    REPRODUCED_IN_MARKDOWN,
)
from sitegen.rendering.privacy import PrivacyGuard
from sitegen.theming.lookup import BUILTIN_THEME

ARTICLE = "---\ntitle: A\ndate: 2025-01-01\ncategory: Anxiety\n---\n{body}\n"


def test_template_adding_a_remote_script_fails_naming_the_template(make_site: MakeSite) -> None:
    root = make_site(
        {
            "content/articles/a.md": ARTICLE.format(body="Hello"),
            "templates/partials/footer.html": '<footer>\n<script src="https://cdn.tracker.example/t.js"></script>\n</footer>\n',
        }
    )
    result = run_sitegen("build", cwd=root)
    assert result.code == 1
    assert (
        "templates/partials/footer.html:2: <script src> loads https://cdn.tracker.example/t.js from another website"
    ) in result.err
    assert "allowed_origins: [https://cdn.tracker.example]" in result.err
    assert not (root / "output").exists()


def test_remote_image_in_content_fails_naming_the_article(make_site: MakeSite) -> None:
    root = make_site({"content/articles/a.md": ARTICLE.format(body="Intro\n\n![A view](https://images.example/v.jpg)")})
    result = run_sitegen("build", cwd=root)
    assert result.code == 1
    assert "content/articles/a.md:8: <img src> loads https://images.example/v.jpg" in result.err


def test_remote_font_in_project_css_fails(make_site: MakeSite) -> None:
    root = make_site(
        {
            "content/articles/a.md": ARTICLE.format(body="Hello"),
            "static/site.css": 'body { color: black; }\n@import url("https://fonts.example/css?family=Calm");\n',
        }
    )
    result = run_sitegen("build", cwd=root)
    assert result.code == 1
    assert "static/site.css:2: CSS url() loads https://fonts.example/css?family=Calm" in result.err


def test_each_load_is_blamed_on_the_file_that_writes_it(make_site: MakeSite) -> None:
    # The article names evil.example too, but only the template writes the form's address.
    root = make_site(
        {
            "content/articles/a.md": ARTICLE.format(body="![A view](https://evil.example/a.png)"),
            "templates/partials/footer.html": '<footer>\n<form action="//evil.example/send"></form>\n</footer>\n',
        }
    )
    result = run_sitegen("build", cwd=root)
    assert result.code == 1
    assert "content/articles/a.md:6: <img src> loads https://evil.example/a.png from another website" in result.err
    assert (
        "templates/partials/footer.html:2: <form action> sends readers to //evil.example/send on another website"
        " (https://evil.example), which tells that site who is reading (point it at a page of this site"
    ) in result.err


def test_an_allowed_origin_may_be_used(make_site: MakeSite) -> None:
    site_yaml = MINIMAL_SITE_YAML + "allowed_origins: [https://images.example]\n"
    root = make_site(
        {"content/articles/a.md": ARTICLE.format(body="![A view](https://images.example/v.jpg)")}, site_yaml=site_yaml
    )
    result = run_sitegen("build", cwd=root)
    assert result.code == 0, result.err


def test_plain_links_to_other_sites_are_fine(make_site: MakeSite) -> None:
    root = make_site({"content/articles/a.md": ARTICLE.format(body="See [the lifeline](https://988lifeline.org/).")})
    assert run_sitegen("build", cwd=root).code == 0


@pytest.mark.parametrize(
    "tag",
    [
        '<img src="https://images.example.evil.test/x.png">',
        '<img src="//tracker.example/p.gif">',
        '<img src="http://calm.example/plain-http.png">',
        '<IMG SRC="HTTPS://Tracker.Example/p.gif">',
        "<img src='https://images.example\t.evil.test/x.png'>",
        '<img srcset="/a.jpg 1x, https://tracker.example/b.jpg 2x">',
        '<div style="background: url(https://tracker.example/bg.png)"></div>',
        '<script type="application/ld+json">{"@context":"https://schema.org"}</script><img src="https://schema.org/a.png">',
        # Structured data is set aside by the quick pass only whole and tag-free, never what follows it.
        '<script type="application/ld+json">{"name":"Mood \\u0026 Sleep"}</script><img src="https://tracker.example/x.png">',
        '<script type="application/ld+json">{"a":"</script><img src=https://tracker.example/x.png>"}</script>',
        '<script type="application/ld+json">{"a":"b"}</script><img src="/\\tracker.example/x.png">',
        # Read as a browser reads a URL: on past a quote to a host after "@", without tabs or
        # newlines, with character references decoded and backslashes as slashes.
        '<img src="https://images.example\'@tracker.example/x.png">',
        "<style>a{background:url(https://images.example>@tracker.example/x.png)}</style>",
        '<img src="https:/\t/tracker.example/x.png">',
        '<img src="ht\ttps://tracker.example/x.png">',
        '<img src="https:&#47;&#47;tracker.example/x.png">',
        '<img src="https:\\\\tracker.example/x.png">',
        '<img src="/\\tracker.example/x.png">',
    ],
)
def test_a_page_naming_an_allowed_origin_still_has_every_remote_load_found(tag: str) -> None:
    # The guard first skips pages whose every `//host` is allowed; a look-alike must not slip through.
    guard = PrivacyGuard("https://calm.example", ["https://images.example"], Path("/nowhere"), [])
    page = f'<link rel="canonical" href="https://calm.example/a/"><img src="https://images.example/ok.png">{tag}'
    assert len(guard.check_page(page, "", "a/index.html")) == 1


def test_a_page_naming_only_allowed_origins_passes() -> None:
    guard = PrivacyGuard("https://calm.example", ["https://images.example"], Path("/nowhere"), [])
    page = '<link rel="canonical" href="https://calm.example/a/"><img src="//images.example/ok.png" alt="">'
    assert guard.check_page(page, "", "a/index.html") == []


# --- Tables of hostile and harmless snippets (tests/privacy_snippets.py) ----------------------

EVIL_ALLOWED = MINIMAL_SITE_YAML + "allowed_origins: [https://evil.example, http://evil.example]\n"


def marker(snippet: str) -> str:
    found = re.search(r"\b([pmc]\d\d)\b", snippet)
    assert found, snippet
    return found.group(1)


def lines_of(snippets: list[str]) -> dict[str, range]:
    """The lines each snippet spans when they are written one after another, one per line."""
    spans, line = {}, 1
    for snippet in snippets:
        spans[marker(snippet)] = range(line, line + snippet.count("\n") + 1)
        line += snippet.count("\n") + 1
    return spans


def markup_of(page: str) -> list[str]:
    """Every attribute value, style and script in a page, read by the standard library's parser
    (not the guard's): the places a URL makes the browser fetch something."""

    class Collect(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.found: list[str] = []
            self.raw = ""

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            if tag == "meta" and ("http-equiv", "Content-Security-Policy") in attrs:
                return  # the site's own policy names its allowed origins; it loads nothing
            self.found += [value or "" for _, value in attrs]
            self.raw = tag if tag in ("style", "script") else ""

        def handle_data(self, data: str) -> None:
            if self.raw:
                self.found.append(data)

    collect = Collect()
    collect.feed(page)
    return collect.found


def named_at(err: str, path: str, spans: dict[str, range]) -> set[str]:
    return {m for m, span in spans.items() if any(f"{path}:{n}: " in err for n in span)}


def test_the_hostile_snippet_tables_are_large_and_distinct() -> None:
    markers = [marker(s) for s in HOSTILE_HTML + HOSTILE_MARKDOWN + HOSTILE_CSS]
    assert len(markers) == len(set(markers))
    assert len(HOSTILE_HTML) >= 40 and len(HOSTILE_CSS) >= 10 and len(HOSTILE_MARKDOWN) >= 5


@pytest.mark.parametrize("snippet", HOSTILE_HTML, ids=marker)
def test_each_hostile_snippet_is_found_beside_allowed_origins(snippet: str) -> None:
    guard = PrivacyGuard("https://example.org", ["https://images.example"], Path("/nowhere"), [])
    page = f'<link rel="canonical" href="https://example.org/a/"><img src="https://images.example/ok.png">{snippet}'
    problems = guard.check_page(page, "", "a/index.html")
    assert problems and all("evil.example" in p.hint for p in problems), problems


@pytest.mark.parametrize("snippet", HARMLESS_HTML + HARMLESS_TEMPLATE)
def test_each_harmless_snippet_passes(snippet: str) -> None:
    guard = PrivacyGuard("https://example.org", [], Path("/nowhere"), [])
    assert guard.check_page(f"<!doctype html><title>t</title>{snippet}", "", "a/index.html") == []


def test_hostile_snippets_in_markdown_fail_naming_the_article_or_are_removed(make_site: MakeSite) -> None:
    snippets = {marker(s): s for s in HOSTILE_HTML + HOSTILE_MARKDOWN}
    articles = {
        f"content/articles/{m}.md": ARTICLE.replace("title: A", f"title: Snippet {m}").format(body=f"Before.\n\n{s}\n")
        for m, s in snippets.items()
    }
    root = make_site(articles)
    result = run_sitegen("build", cwd=root)
    assert result.code == 1
    assert not (root / "output").exists()
    named = {m for m in snippets if f"content/articles/{m}.md:" in result.err}
    assert set(REPRODUCED_IN_MARKDOWN) <= named, result.err
    # The rest never reach a page: with evil.example allowed the guard lets everything through,
    # so only the sanitiser stands between them and the output.
    for m in named:
        (root / f"content/articles/{m}.md").unlink()
    root = make_site({}, site_yaml=EVIL_ALLOWED)
    result = run_sitegen("build", cwd=root)
    assert result.code == 0, result.err
    surviving = set()
    for m in set(snippets) - named:
        page = (root / f"output/articles/{m}/index.html").read_text()
        if any("evil.example" in value.lower() for value in markup_of(page)):
            surviving.add(m)
    assert surviving == set()
    assert "p12" in named, "CommonMark keeps the tab in `h<tab>ttps://`, which a browser drops: the guard names it"


def test_hostile_snippets_in_a_template_fail_naming_their_lines(make_site: MakeSite) -> None:
    footer = "\n".join(HOSTILE_HTML) + "\n"
    root = make_site({"content/articles/a.md": ARTICLE.format(body="Hello"), "templates/partials/footer.html": footer})
    result = run_sitegen("build", cwd=root)
    assert result.code == 1
    spans = lines_of(HOSTILE_HTML)
    assert set(spans) - named_at(result.err, "templates/partials/footer.html", spans) == set(), result.err
    assert not (root / "output").exists()


def test_hostile_snippets_in_static_files_fail_naming_their_lines(make_site: MakeSite) -> None:
    root = make_site(
        {
            "content/articles/a.md": ARTICLE.format(body="Hello"),
            "static/hostile.html": "\n".join(HOSTILE_HTML) + "\n",
            "static/hostile.css": "\n".join(HOSTILE_CSS) + "\n",
            "static/logo.svg": '<svg>\n<image href="//evil.example/s01.png"/>\n</svg>\n',
        }
    )
    result = run_sitegen("build", cwd=root)
    assert result.code == 1
    html_spans, css_spans = lines_of(HOSTILE_HTML), lines_of(HOSTILE_CSS)
    assert set(html_spans) - named_at(result.err, "static/hostile.html", html_spans) == set(), result.err
    assert set(css_spans) - named_at(result.err, "static/hostile.css", css_spans) == set(), result.err
    assert "static/logo.svg:2: <image href> loads //evil.example/s01.png" in result.err
    assert not (root / "output").exists()


@pytest.mark.parametrize("snippet", HOSTILE_CSS, ids=marker)
def test_each_hostile_stylesheet_line_is_found_alone(snippet: str, tmp_path: Path) -> None:
    """A stylesheet is glanced at before it is tokenized: each way of naming a URL, alone in a
    file of otherwise plain CSS, still has the file read."""
    css = tmp_path / "site.css"
    css.write_text(f"body {{ color: rgb(0 0 0); background-image: none }}\n{snippet}\n", encoding="utf-8")
    guard = PrivacyGuard("https://example.org", [], tmp_path, [])
    guard.check_static("site.css", css)
    assert guard.errors and all("evil.example" in error.hint for error in guard.errors), guard.errors


def test_a_stylesheet_naming_no_url_is_cleared_without_the_tokenizer(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every build checks the theme's stylesheet, which names no URL: a glance at its text clears
    it, rather than a tokenizer's pass (17 ms at each edit)."""
    import tinycss2

    def tokenizing(*args: object, **kwargs: object) -> None:
        raise AssertionError("the stylesheet was tokenized")

    monkeypatch.setattr(tinycss2, "parse_component_value_list", tokenizing)
    stylesheet = BUILTIN_THEME / "static" / "site.css"
    assert "(" in stylesheet.read_text(encoding="utf-8") and "@media" in stylesheet.read_text(encoding="utf-8")
    guard = PrivacyGuard("https://example.org", [], BUILTIN_THEME, [])
    guard.check_static("site.css", stylesheet)
    assert guard.errors == []


def test_harmless_snippets_build_everywhere(make_site: MakeSite) -> None:
    everywhere = "\n".join(HARMLESS_HTML + HARMLESS_TEMPLATE) + "\n"
    root = make_site(
        {
            "content/articles/a.md": ARTICLE.format(body="\n\n".join(HARMLESS_HTML)),
            "templates/partials/footer.html": everywhere,
            "static/harmless.html": everywhere,
            "static/harmless.css": "\n".join(HARMLESS_CSS) + "\n",
        }
    )
    result = run_sitegen("build", cwd=root)
    assert result.code == 0, result.err
    page = (root / "output/articles/a/index.html").read_text()
    assert 'href="https://other.example/page"' in page and 'src="data:image/png;base64,iVBORw0KGgo="' in page


def test_problems_in_static_files_and_pages_are_reported_together(make_site: MakeSite) -> None:
    root = make_site(
        {
            "content/articles/a.md": ARTICLE.format(body="![x](https://images.example/v.jpg)"),
            "static/extra.css": 'body { background: url("https://fonts.example/bg.png"); }\n',
        }
    )
    result = run_sitegen("build", cwd=root)
    assert result.code == 1
    assert "content/articles/a.md:" in result.err and "https://images.example/v.jpg" in result.err
    assert "static/extra.css:1:" in result.err and "https://fonts.example/bg.png" in result.err

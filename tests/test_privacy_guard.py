"""The build refuses anything that would make a reader's browser contact another website."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import MINIMAL_SITE_YAML, MakeSite, run_sitegen
from sitegen.rendering.privacy import PrivacyGuard

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

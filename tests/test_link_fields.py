"""Link fields (booking, navigation, a clinician's booking link, a page's `cta`) take only safe schemes.

Each of them becomes `href` on every page that shows it, so a `javascript:` or `data:`
address there is a located error, however it is spelled; web, mail and phone links and
the site's own paths build as before.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import MakeSite
from sitegen.build import build
from sitegen.core.errors import BuildFailed

HOSTILE = [
    "javascript:alert(1)",
    "JavaScript:alert(1)",
    "  javascript:alert(1)",
    "\tjavascript:alert(1)",
    "java\tscript:alert(1)",
    "java\nscript:alert(1)",
    "\x01javascript:alert(1)",
    "&#106;avascript:alert(1)",
    "&#x6A;avascript:alert(1)",
    "javascript&colon;alert(1)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "DATA:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "file:///etc/passwd",
    "blob:https://example.org/1",
]

HARMLESS = [
    "https://booking.example/therapist",
    "HTTP://booking.example/",
    "mailto:hello@example.org",
    "tel:+15035550142",
    "/contact/#book",
    "contact/",
    "#book",
    "?booking=1",
    "//booking.example/visit",
]

SITE_YAML = """\
title: Test Practice
base_url: https://example.org/
booking:
  url: {url}
  variants:
    couples:
      url: {url}
categories:
  - name: Anxiety
navigation:
  - articles
  - label: Visit
    url: {url}
"""

ARTICLE = """\
---
title: A calm article
date: 2025-01-02
category: Anxiety
author: ana
cta:
  url: {url}
---
Body text.
"""

CLINICIAN = """\
---
name: Ana Ruiz
booking_url: {url}
---
Ana's bio.
"""


def site_with_links(make_site: MakeSite, url: str, in_config: str | None = None) -> Path:
    """A project with `url` in every link field of its content, and `in_config` (or `url`) in site.yaml's."""
    written = json.dumps(url)  # a JSON string is a YAML string: tabs and control characters stay as they are
    return make_site(
        {
            "content/articles/a.md": ARTICLE.format(url=written),
            "content/team/ana.md": CLINICIAN.format(url=written),
        },
        site_yaml=SITE_YAML.format(url=json.dumps(url if in_config is None else in_config)),
    )


def link_errors(root: Path) -> set[tuple[str, int]]:
    with pytest.raises(BuildFailed) as failure:
        build(root, workers=1)
    assert not (root / "output").exists()
    assert all("https://" in e.hint for e in failure.value.errors if "a link cannot start with" in e.message)
    # A control character before the scheme is refused as such, at the same line, before the scheme is read.
    refused = ("a link cannot start with", "which a web page cannot show")
    return {(e.path, e.line) for e in failure.value.errors if any(words in e.message for words in refused)}


@pytest.mark.parametrize("url", HOSTILE)
def test_an_unsafe_scheme_in_any_link_field_is_a_located_error(make_site: MakeSite, url: str) -> None:
    assert link_errors(site_with_links(make_site, url)) == {("site.yaml", 4), ("site.yaml", 7), ("site.yaml", 13)}
    content = site_with_links(make_site, url, in_config="/contact/")
    assert link_errors(content) == {("content/articles/a.md", 7), ("content/team/ana.md", 3)}


def test_the_message_names_the_field_and_the_scheme(make_site: MakeSite) -> None:
    for in_config, expected in [
        (None, "site.yaml:4: 'booking.url': a link cannot start with 'javascript:' (a link may be a web address"),
        ("/contact/", "content/team/ana.md:3: 'booking_url': a link cannot start with 'javascript:' (a link may"),
    ]:
        root = site_with_links(make_site, " JavaScript:alert(1)", in_config)
        with pytest.raises(BuildFailed) as failure:
            build(root, workers=1)
        assert any(str(e).startswith(expected) for e in failure.value.errors), failure.value.errors


@pytest.mark.parametrize("url", HARMLESS)
def test_web_mail_phone_and_site_links_build(make_site: MakeSite, url: str) -> None:
    root = site_with_links(make_site, url)
    build(root, workers=1)
    for page in ("index.html", "articles/a/index.html", "team/ana/index.html"):
        html = (root / "output" / page).read_text(encoding="utf-8")
        assert f'href="{url}"' in html, page


def test_a_byline_naming_a_clinician_whose_file_is_refused_is_no_second_problem(make_site: MakeSite) -> None:
    root = site_with_links(make_site, "javascript:alert(1)", in_config="/contact/")
    (root / "content/articles/a.md").write_text(ARTICLE.format(url="/contact/"), encoding="utf-8")
    with pytest.raises(BuildFailed) as failure:
        build(root, workers=1)
    found = {(e.path, e.line, e.message) for e in failure.value.errors}
    assert any(path == "content/team/ana.md" and line == 3 for path, line, _ in found), found
    assert not any("unknown author" in message for _, _, message in found), found

"""The files hosts read from the site (`_headers`, `_redirects`), the policy in every page's
`<meta>`, and the preview's headers: all made from site.yaml by one module, compared here
with text written out by hand."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

from conftest import MINIMAL_SITE_YAML, MakeSite, run_sitegen, start_serve, stop
from sitegen.core import urls as u

INTRO = """\
# Written by sitegen for Netlify and Cloudflare Pages: the security headers of every file,
# and a year's caching for files named for their content. Other files are revalidated
# each time (Cache-Control: public, max-age=0, must-revalidate), as these hosts do by default.
"""
PERMISSIONS = (
    "accelerometer=(), autoplay=(), browsing-topics=(), camera=(), display-capture=(), encrypted-media=(), "
    "fullscreen=(), geolocation=(), gyroscope=(), hid=(), magnetometer=(), microphone=(), midi=(), payment=(), "
    "picture-in-picture=(), publickey-credentials-get=(), screen-wake-lock=(), serial=(), usb=(), "
    "xr-spatial-tracking=()"
)
REDIRECTS_INTRO = """\
# Written by sitegen for Netlify and Cloudflare Pages: each old address (aliases:) moves
# for good (301) to its article. The small pages at these addresses stay, for other hosts.
"""

THEME_FILES = (
    "/static/journal.48e2c6c6ef.js",
    "/static/keep.d492cc9060.js",
    "/static/site.1317d535a0.css",
    "/static/site.d395e9a125.js",
)
"""The default theme's stylesheet and scripts under their digest names (listed in name order in _headers)."""
SAMPLE_HEADERS = (
    INTRO
    + "\n/*\n"
    + "  Content-Security-Policy: default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; object-src 'none'; "
    "base-uri 'self'; form-action 'self'; frame-ancestors 'none'\n"
    "  X-Content-Type-Options: nosniff\n"
    "  Referrer-Policy: no-referrer\n"
    f"  Permissions-Policy: {PERMISSIONS}\n"
    "  Strict-Transport-Security: max-age=31536000\n"
    "\n"
    "/images/*\n"
    "  Cache-Control: public, max-age=31536000, immutable\n"
    + "".join(
        f"\n{name}\n  Cache-Control: public, max-age=31536000, immutable\n"
        for name in sorted(("/pagefind/*", *THEME_FILES))
    )
)
SAMPLE_REDIRECTS = REDIRECTS_INTRO + (
    "/blog/racing-mind-at-night /articles/settle-a-racing-mind-at-night/ 301\n"
    "/blog/racing-mind-at-night/ /articles/settle-a-racing-mind-at-night/ 301\n"
    "/blog/same-fight-different-day /articles/the-same-argument-again/ 301\n"
    "/blog/same-fight-different-day/ /articles/the-same-argument-again/ 301\n"
)


def test_the_sample_has_its_headers_and_redirects(sample_output: Path) -> None:
    assert (sample_output / "_headers").read_text(encoding="utf-8") == SAMPLE_HEADERS
    assert (sample_output / "_redirects").read_text(encoding="utf-8") == SAMPLE_REDIRECTS
    home = (sample_output / "index.html").read_text(encoding="utf-8")
    meta = (
        '<meta charset="utf-8">\n<meta http-equiv="Content-Security-Policy" content="default-src &#39;self&#39;; '
        "script-src &#39;self&#39; &#39;wasm-unsafe-eval&#39;; object-src &#39;none&#39;; "
        'base-uri &#39;self&#39;; form-action &#39;self&#39;">\n'
    )
    assert meta in home
    assert '<meta name="referrer" content="no-referrer">' in home


ORIGINS_SITE = MINIMAL_SITE_YAML.replace("https://example.org/", "http://example.org/practice/", 1) + (
    "allowed_origins: [https://Fonts.Example.net/, 'http://media.example.com:8080']\n"
    "referrer_policy: strict-origin-when-cross-origin\n"
)
ARTICLE = """\
---
title: Calm
date: 2025-01-01
category: Anxiety
aliases: ["/blog/calm", "/old/نوم/", "/notes/calm.html"]
---
A table:

| Fee | Amount |
|:---|---:|
| Session | 150 |
"""


def test_a_site_with_allowed_origins_and_aliases(make_site: MakeSite) -> None:
    root = make_site(
        {
            "content/articles/calm.md": ARTICLE,
            "static/fonts/calm.0123456789.woff2": "font",
            "static/fonts/calm-licence.txt": "licence",
            "static/print.css": "body { color: black; }",
        },
        site_yaml=ORIGINS_SITE,
    )
    result = run_sitegen("build", cwd=root)
    assert result.code == 0, result.err
    output = root / "output"
    origins = " https://fonts.example.net http://media.example.com:8080"
    assert (output / "_headers").read_text(encoding="utf-8") == (
        INTRO + "\n/*\n"
        f"  Content-Security-Policy: default-src 'self'{origins}; script-src 'self' 'wasm-unsafe-eval'{origins}; "
        f"object-src 'none'; base-uri 'self'; form-action 'self'{origins}; frame-ancestors 'none'\n"
        "  X-Content-Type-Options: nosniff\n"
        "  Referrer-Policy: strict-origin-when-cross-origin\n"
        f"  Permissions-Policy: {PERMISSIONS}\n"
        + "".join(
            f"\n{name}\n  Cache-Control: public, max-age=31536000, immutable\n"
            for name in sorted(
                (
                    "/pagefind/*",  # the search index, in a folder named for its bytes
                    "/static/fonts/calm-licence.8178ac72b2.txt",  # sha256 of b"licence"
                    "/static/fonts/calm.0123456789.795ea3efa4.woff2",  # of b"font"
                    "/static/fonts/calm.0123456789.woff2",  # its own name already looks content-named
                    "/static/print.06bead3bcb.css",  # of the stylesheet's bytes
                    *THEME_FILES,
                )
            )
        )
    )
    assert (output / "_redirects").read_text(encoding="utf-8") == REDIRECTS_INTRO + (
        "/blog/calm /practice/articles/calm/ 301\n"
        "/blog/calm/ /practice/articles/calm/ 301\n"
        "/notes/calm.html /practice/articles/calm/ 301\n"
        "/old/%D9%86%D9%88%D9%85 /practice/articles/calm/ 301\n"
        "/old/%D9%86%D9%88%D9%85/ /practice/articles/calm/ 301\n"
    )
    page = (output / "articles/calm/index.html").read_text(encoding="utf-8")
    meta_origins = " https://fonts.example.net http://media.example.com:8080"
    assert (
        '<meta http-equiv="Content-Security-Policy" content="default-src &#39;self&#39;'
        f"{meta_origins}; script-src &#39;self&#39; &#39;wasm-unsafe-eval&#39;{meta_origins}; "
        f'object-src &#39;none&#39;; base-uri &#39;self&#39;; form-action &#39;self&#39;{meta_origins}">'
    ) in page
    assert '<meta name="referrer" content="strict-origin-when-cross-origin">' in page
    assert '<th class="align-left">Fee</th>' in page and '<td class="align-right">150</td>' in page
    assert (output / "old/نوم/index.html").is_file()  # the small page stays, for hosts without _redirects


def test_an_allowed_origin_or_referrer_policy_no_browser_reads_is_a_located_error(make_site: MakeSite) -> None:
    site_yaml = MINIMAL_SITE_YAML + (
        "allowed_origins:\n  - https://cdn.example\n  - https://cdn.example/fonts/\n"
        "  - 'https://a.example; script-src *'\n"
        "referrer_policy: no-referer\n"
    )
    root = make_site({}, site_yaml=site_yaml)
    result = run_sitegen("build", cwd=root)
    assert result.code == 1
    assert "site.yaml:11: 'https://cdn.example/fonts/' is not an origin" in result.err
    assert "site.yaml:12: 'https://a.example; script-src *' is not an origin" in result.err
    assert "site.yaml:13: referrer_policy cannot be 'no-referer' (did you mean 'no-referrer'?)" in result.err
    assert "Traceback" not in result.err
    assert not (root / "output").exists()


class InlineCode(HTMLParser):
    """Whatever a strict policy would stop: inline scripts (JSON-LD is data, not script),
    event handler attributes, style attributes and style elements."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        names = dict(attrs)
        if tag == "script" and "src" not in names and names.get("type") != "application/ld+json":
            self.found.append("<script> without src")
        if tag == "style":
            self.found.append("<style>")
        self.found += [f"<{tag} {name}>" for name in names if name == "style" or name.startswith("on")]


def test_no_page_of_the_sample_carries_inline_script_or_style(sample_output: Path) -> None:
    found = {}
    for page in sorted(sample_output.rglob("*.html")):
        parser = InlineCode()
        parser.feed(page.read_text(encoding="utf-8"))
        if parser.found:
            found[page.relative_to(sample_output).as_posix()] = parser.found
    assert not found


def test_the_preview_sends_the_sites_headers_with_its_socket_allowed(make_site: MakeSite) -> None:
    root = make_site({"content/articles/calm.md": ARTICLE}, site_yaml=ORIGINS_SITE)
    server = start_serve(root, status=302)  # '/' leads to /practice/
    try:
        for path in ("/practice/", "/practice/articles/calm/", "/practice/static/site.css", "/practice/nowhere/"):
            headers = server.request(path).headers
            origins = " https://fonts.example.net http://media.example.com:8080"
            assert headers["content-security-policy"] == (
                f"default-src 'self'{origins}; script-src 'self' 'wasm-unsafe-eval'{origins}; "
                f"connect-src 'self'{origins} ws://127.0.0.1:{server.port}; object-src 'none'; base-uri 'self'; "
                f"form-action 'self'{origins}; frame-ancestors 'none'"
            ), path
            assert headers["referrer-policy"] == "strict-origin-when-cross-origin"
            assert headers["permissions-policy"] == PERMISSIONS
            assert headers["x-content-type-options"] == "nosniff"
            assert "strict-transport-security" not in headers
    finally:
        stop(server)


def test_files_kept_for_a_year_are_those_cache_control_names() -> None:
    """The headers file asks once for each folder of the search index: its answer for every file
    is still cache_control()'s, whichever file of a folder comes first."""
    paths = [
        "pagefind/pagefind-entry.json",
        "pagefind/0123456789/pagefind.js",
        "pagefind/0123456789/fragment/en_1.pf_fragment",
        "pagefind/0123456789.json",
        "pagefind/01234567zz/pagefind.js",
        "pagefind/abcdef0123/index/en_1.pf_index",
        "static/site.0123456789.css",
        "static/site.css",
        "images/lake-960w-0123456789.jpg",
        "articles/entry-0123456789.html",
        "articles/x/index.html",
    ]
    for order in (paths, paths[::-1]):
        expected = [path for path in order if u.cache_control(path) == u.IMMUTABLE]
        assert u.immutable_files(order) == expected
    assert len(expected) == 5

"""Every file a page loads from the site is named for its bytes, so a host may keep it for a year.

The pages are read with the standard library's HTML parser and the stylesheets with tinycss2,
not with sitegen's own code, and each digest is worked out here again from the bytes.
"""

from __future__ import annotations

import hashlib
import posixpath
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import tinycss2

from conftest import MINIMAL_SITE_YAML, MakeSite, copy_sample, run_sitegen
from sitegen.core.urls import IMMUTABLE, cache_control

DIGEST_NAMED = re.compile(r"[.-]([0-9a-f]{10})\.[A-Za-z0-9]+$")
VARIANT = re.compile(r"^images/(?P<stem>.+)-\d+w-(?P<digest>[0-9a-f]{10})\.(?P<suffix>[a-z0-9]+)$")
LOADING_RELS = {"stylesheet", "icon", "apple-touch-icon", "preload", "modulepreload", "manifest", "prefetch"}
LOADING_META = {"og:image", "og:image:url", "og:image:secure_url", "twitter:image", "og:video", "og:audio"}


class LoadedUrls(HTMLParser):
    """The URLs a browser (or a link preview) fetches to show a page."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if tag == "link" and LOADING_RELS & set(values.get("rel", "").lower().split()):
            self.urls += [values.get("href", "")]
        if tag in {"script", "img", "iframe", "audio", "video", "source", "track", "embed", "input"}:
            self.urls += [values[name] for name in ("src", "poster") if values.get(name)]
        if tag in {"img", "source"} and values.get("srcset"):
            self.urls += [item.strip().split()[0] for item in values["srcset"].split(",") if item.strip()]
        if tag == "object" and values.get("data"):
            self.urls.append(values["data"])
        if tag == "meta" and (values.get("property") or values.get("name", "")).lower() in LOADING_META:
            self.urls.append(values.get("content", ""))


def loaded_by(html: str) -> list[str]:
    parser = LoadedUrls()
    parser.feed(html)
    parser.close()
    return [url for url in parser.urls if url]


def css_urls(css: str) -> list[str]:
    """Every URL in a stylesheet: url() and @import, as the CSS tokenizer reads them."""
    found: list[str] = []

    def walk(nodes: list[tinycss2.ast.Node]) -> None:
        for node in nodes:
            if node.type == "url":
                found.append(node.value)
            elif node.type == "function" and node.lower_name in {"url", "src"}:
                found.extend(arg.value for arg in node.arguments if arg.type == "string")
            elif node.type == "at-rule" and node.lower_at_keyword == "import":
                found.extend(tok.value for tok in node.prelude if tok.type in {"string", "url"})
            for child in ("arguments", "prelude", "content"):
                inner = getattr(node, child, None)
                if isinstance(inner, list):
                    walk(inner)

    walk(tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=False))
    return found


def site_file(url: str, page_url: str, origin: str, base_path: str) -> str | None:
    """The output file a same-site URL names, or None for another origin or data."""
    absolute = urljoin(origin + page_url, url)
    parts = urlsplit(absolute)
    if f"{parts.scheme}://{parts.netloc}" != origin:
        return None
    assert parts.path.startswith(base_path), f"{url} leaves the site's folder"
    assert not parts.query, f"{url} is told apart by a query, not by its name"
    return unquote(parts.path[len(base_path) :])


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:10]


def check_named_for_content(output: Path, relative: str, images: Path, where: str) -> None:
    """The file exists, its name carries a digest, the digest is of its bytes (a resized image's,
    of the image it was made from), and a host is told to keep it."""
    named = DIGEST_NAMED.search(relative)
    assert named, f"{where} loads {relative}, which is not named for its content"
    assert (output / relative).is_file(), f"{where} loads {relative}, which was not published"
    variant = VARIANT.match(relative)
    if variant:
        stem, suffix = variant["stem"], variant["suffix"]
        sources = [p for p in images.iterdir() if p.stem == stem and p.suffix.lower()[1:] == suffix]
        assert [digest(p.read_bytes()) for p in sources] == [named.group(1)], f"{relative}: not its image's digest"
    else:
        assert digest((output / relative).read_bytes()) == named.group(1), f"{relative}: the name is not its digest"
    assert cache_control(relative) == IMMUTABLE


def check_every_load(root: Path, origin: str, base_path: str) -> set[str]:
    """Check every file each page loads and every file those stylesheets load; returns them all."""
    output, images = root / "output", root / "content/images"
    seen: set[str] = set()
    for page in sorted(output.rglob("*.html")):
        relative_page = page.relative_to(output).as_posix()
        page_url = base_path + (relative_page[: -len("index.html")] if page.name == "index.html" else relative_page)
        for url in loaded_by(page.read_text(encoding="utf-8")):
            relative = site_file(url, page_url, origin, base_path)
            if relative is not None:
                check_named_for_content(output, relative, images, relative_page)
                seen.add(relative)
    stylesheets = sorted(name for name in seen if name.endswith(".css"))
    while stylesheets:
        stylesheet = stylesheets.pop()
        for url in css_urls((output / stylesheet).read_text(encoding="utf-8")):
            relative = site_file(url, base_path + stylesheet, origin, base_path)
            if relative is not None and relative not in seen:
                check_named_for_content(output, relative, images, stylesheet)
                seen.add(relative)
                stylesheets += [relative] if relative.endswith(".css") else []
    return seen


def test_every_file_the_samples_pages_load_is_named_for_its_bytes(tmp_path: Path) -> None:
    root = copy_sample(tmp_path / "sample")
    result = run_sitegen("build", "-q", cwd=root)
    assert result.code == 0, result.err
    base_url = urlsplit(re.search(r"^base_url: (\S+)$", (root / "site.yaml").read_text(encoding="utf-8"), re.M)[1])
    seen = check_every_load(root, f"{base_url.scheme}://{base_url.netloc}", base_url.path)
    kinds = {posixpath.splitext(name)[1] for name in seen}
    assert {".css", ".js", ".jpg"} <= kinds, f"expected the stylesheet, the script and images among {sorted(seen)}"
    assert any(name.startswith("images/") and "1440w" in name for name in seen), "og:image was not seen"


STYLESHEET = """\
    @import "parts/extra.css";
    @font-face { font-family: Calm; src: url(fonts/calm.woff2) format("woff2"); }
    .leaf { background: url('/practice/static/icons/leaf.svg#shape') no-repeat; }
    .logo { background: url("https://example.org/practice/static/icons/leaf.svg"); }
    body { color: teal; }
"""

FOOTER = """\
    <footer><img src="{{ site.static_urls['icons/logo.png'] }}" alt="" width="16" height="16"></footer>
"""


def test_a_stylesheets_fonts_and_icons_are_loaded_by_their_digest_names(make_site: MakeSite) -> None:
    root = make_site(
        {
            "static/site.css": STYLESHEET,
            "static/parts/extra.css": '.x { background-image: url("../icons/leaf.svg"); }\n',
            "static/icons/leaf.svg": '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"></svg>\n',
            "static/icons/logo.png": "not really a picture\n",
            "templates/partials/footer.html": FOOTER,
        },
        site_yaml=MINIMAL_SITE_YAML.replace("https://example.org/\n", "https://example.org/practice/\n", 1),
    )
    (root / "static/fonts").mkdir()
    (root / "static/fonts/calm.woff2").write_bytes(b"wOF2 not really a font")
    result = run_sitegen("build", "-q", cwd=root)
    assert result.code == 0, result.err
    seen = check_every_load(root, "https://example.org", "/practice/")
    loaded = {re.sub(r"\.[0-9a-f]{10}\.", ".", name) for name in seen}
    assert loaded == {
        "static/site.css",
        "static/site.js",
        "static/parts/extra.css",
        "static/fonts/calm.woff2",
        "static/icons/leaf.svg",
        "static/icons/logo.png",
    }, seen
    published = (root / "output/static/site.css").read_text(encoding="utf-8")
    assert "#shape') no-repeat" in published, "what follows a reference is kept as written"


def stylesheet_link(root: Path) -> str:
    html = (root / "output/index.html").read_text(encoding="utf-8")
    return re.search(r'<link rel="stylesheet" href="([^"]+)"', html)[1]  # type: ignore[index]


def test_a_changed_font_gives_the_stylesheet_that_loads_it_a_new_name(make_site: MakeSite) -> None:
    root = make_site({"static/site.css": "@font-face { font-family: Calm; src: url(calm.woff2); }\n"})
    (root / "static/calm.woff2").write_bytes(b"first font")
    assert run_sitegen("build", "-q", cwd=root).code == 0
    first = stylesheet_link(root)
    (root / "static/calm.woff2").write_bytes(b"second font")
    assert run_sitegen("build", "-q", cwd=root).code == 0
    assert stylesheet_link(root) != first, "a cached stylesheet would keep loading the old font"
    assert sorted(p.name for p in (root / "output/static").glob("calm.*.woff2")) == [
        f"calm.{digest(b'second font')}.woff2"
    ], "the old font's copy is gone from the fresh output"

"""The privacy guard: the built site must not make the browser load anything from another origin.

Fonts, scripts, stylesheets, images, frames and CSS `url()`/`@import` all reveal a reader
of a therapy site to a third party. The build fails on any such load, naming the file
it came from, unless `allowed_origins` in site.yaml names that origin.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from sitegen.core.errors import ContentError, display_path

_TAG = re.compile(
    r"<(script|img|iframe|frame|source|video|audio|embed|object|track|link|image|use)\b([^>]*)>", re.IGNORECASE
)
_ATTR = re.compile(r"""\b(src|href|srcset|data|poster|xlink:href)\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)""", re.IGNORECASE)
_REL = re.compile(r"""\brel\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)""", re.IGNORECASE)
_CSS_URL = re.compile(r"""url\(\s*(["']?)([^"')]+)\1\s*\)|@import\s+(["'])([^"']+)\3""", re.IGNORECASE)
_STYLE_BLOCK = re.compile(r"<style\b[^>]*>(.*?)</style>", re.IGNORECASE | re.DOTALL)
_STYLE_ATTR = re.compile(r"""\bstyle\s*=\s*("[^"]*"|'[^']*')""", re.IGNORECASE)
_ANY_ORIGIN = re.compile(r"""//([^/?#\s"'<>),]*)(?=(.?))""", re.DOTALL)
_JSON_LD_CONTEXT = '"@context":"'
_LOADING_RELS = {
    "stylesheet",
    "icon",
    "preload",
    "modulepreload",
    "prefetch",
    "preconnect",
    "dns-prefetch",
    "apple-touch-icon",
    "manifest",
    "shortcut",
}


@dataclass(frozen=True)
class RemoteLoad:
    url: str
    what: str


_TELLING_REFERENCE = re.compile(r"&(?!(?:amp|lt|gt|quot|nbsp|#34|#39|#x22|#x27);)", re.IGNORECASE)
_C0_AND_SPACE = "".join(chr(code) for code in range(0x21))


def as_browser_reads(text: str) -> str:
    """Text as a browser reads a URL in it: character references decoded, tabs and newlines
    dropped, and backslashes taken as slashes (so `https:&#47;&#47;x`, `https:/\t/x` and
    `https:\\x` all load from x)."""
    return _without_noise(html.unescape(text))


def _without_noise(text: str) -> str:
    return text.replace("\t", "").replace("\n", "").replace("\r", "").replace("\\", "/")


def _origin(url: str) -> str | None:
    url = as_browser_reads(url).strip(_C0_AND_SPACE)
    if url.startswith("//"):
        url = "https:" + url
    try:
        parts = urlsplit(url)
    except ValueError:  # '//[host' and the like: no browser can load from it
        return None
    if parts.scheme in ("http", "https") and parts.netloc:
        return f"{parts.scheme}://{parts.netloc}".lower()
    return None


def remote_loads_in_html(html: str) -> list[RemoteLoad]:
    """Every URL in the page that the browser would fetch without the reader asking."""
    found: list[RemoteLoad] = []
    for tag in _TAG.finditer(html):
        name, attrs = tag.group(1).lower(), tag.group(2)
        if name == "link":
            rel = _REL.search(attrs)
            rels = set(rel.group(1).strip("\"'").lower().split()) if rel else set()
            if not rels & _LOADING_RELS:
                continue
        for attr in _ATTR.finditer(attrs):
            value = attr.group(2).strip("\"'")
            urls = [part.strip().split(" ")[0] for part in value.split(",")] if attr.group(1) == "srcset" else [value]
            found += [RemoteLoad(url, f"<{name} {attr.group(1).lower()}>") for url in urls if _origin(url)]
    for block in _STYLE_BLOCK.finditer(html):
        found += remote_loads_in_css(block.group(1))
    for style in _STYLE_ATTR.finditer(html):
        found += remote_loads_in_css(style.group(1).strip("\"'"))
    return found


def remote_loads_in_css(css: str) -> list[RemoteLoad]:
    found = []
    for match in _CSS_URL.finditer(css):
        url = match.group(2) or match.group(4) or ""
        if _origin(url):
            found.append(RemoteLoad(url, "CSS @import" if match.group(4) else "CSS url()"))
    return found


def _names_vocabulary(text: str, match: re.Match[str]) -> bool:
    """JSON-LD's `"@context":"https://schema.org"` names a vocabulary; the browser fetches nothing."""
    context = _JSON_LD_CONTEXT + "https:"
    start = match.start() - len(context)
    return match.group(1) == "schema.org" and match.group(2) == '"' and start >= 0 and text.startswith(context, start)


class PrivacyGuard:
    """Checks rendered pages and static files; knows where to look for the origin of a URL."""

    def __init__(self, site_origin: str, allowed: Iterable[str], root: Path, search_dirs: list[Path]) -> None:
        self.allowed = {site_origin.lower(), *(_origin(a) or a.lower().rstrip("/") for a in allowed)}
        self.root = root
        self.search_dirs = search_dirs
        self.errors: list[ContentError] = []

    def check_page(self, html: str, source_path: str, page: str) -> list[ContentError]:
        """Problems in one rendered page (returned, so pages can be checked in worker processes)."""
        if self._names_only_allowed_origins(html):
            return []
        return [
            self._error(load, source_path, page)
            for load in remote_loads_in_html(html)
            if _origin(load.url) not in self.allowed
        ]

    def _names_only_allowed_origins(self, text: str) -> bool:
        """A quick pass that rules out most pages: every `//host` in them is an allowed origin.

        Any URL the full scan could flag has an http(s) origin, so, read as a browser reads
        it, it contains `//`. The host must be followed by `/`, `?`, `#` or the end: anything
        else (a quote, say, after which a browser reads on to a host after an `@`) sends the
        page to the full scan.
        """
        # Decoding every character reference is slow; pages mostly hold only escaped quotes,
        # brackets and ampersands, which can never form a `//`, a scheme or a host's end.
        text = as_browser_reads(text) if _TELLING_REFERENCE.search(text) else _without_noise(text)
        for match in _ANY_ORIGIN.finditer(text):
            if _names_vocabulary(text, match):
                continue
            host, after = match.groups()
            if after and after not in "/?#":
                return False
            before = text[max(0, match.start() - 6) : match.start()].lower()
            scheme = "http:" if before.endswith("http:") else "https:"
            if f"{scheme}//{host.lower()}" not in self.allowed:
                return False
        return True

    def check_static(self, name: str, path: Path) -> None:
        if not name.endswith((".css", ".html", ".svg")):
            return
        text = path.read_text(encoding="utf-8", errors="replace")
        loads = remote_loads_in_css(text) + (remote_loads_in_html(text) if not name.endswith(".css") else [])
        for load in loads:
            if _origin(load.url) not in self.allowed:
                shown = display_path(path, self.root)
                self.errors.append(ContentError(shown, _line_of(text, load.url), _message(load), _hint(load.url)))

    def _error(self, load: RemoteLoad, source_path: str, page: str) -> ContentError:
        """Blame the content file if the URL is written there, else the template that holds it."""
        candidates = [self.root / source_path] if source_path and (self.root / source_path).is_file() else []
        for folder in self.search_dirs:
            candidates += sorted(folder.rglob("*.html"))
        for candidate in candidates:
            text = candidate.read_text(encoding="utf-8", errors="replace")
            if load.url in text:
                return ContentError(
                    display_path(candidate, self.root), _line_of(text, load.url), _message(load), _hint(load.url)
                )
        return ContentError(page, 0, _message(load), _hint(load.url))


def _message(load: RemoteLoad) -> str:
    return f"{load.what} loads {load.url} from another website, which tells that site who is reading"


def _hint(url: str) -> str:
    origin = _origin(url) or url
    return f"copy the file into static/, or allow it with 'allowed_origins: [{origin}]' in site.yaml"


def _line_of(text: str, needle: str) -> int:
    index = text.find(needle)
    return text.count("\n", 0, index) + 1 if index >= 0 else 0

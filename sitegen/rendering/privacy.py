"""The privacy guard: the built site must not make the browser load anything from another origin.

Fonts, scripts, stylesheets, images, frames and CSS `url()`/`@import` all reveal a reader
of a therapy site to a third party. The build fails on any such load, naming the file
it came from, unless `allowed_origins` in site.yaml names that origin.

Pages are read as a browser reads them: HTML by an HTML5 parser (privacy_html), CSS by a
CSS tokenizer (privacy_css), URLs by the WHATWG URL parser (privacy_urls). Most pages name
no other origin, so a quick pass over the text clears them first (privacy_quick).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from html import unescape
from pathlib import Path

from sitegen.core.errors import ContentError, display_path
from sitegen.rendering.privacy_css import urls_in_css
from sitegen.rendering.privacy_html import Reference, references_in_html
from sitegen.rendering.privacy_quick import names_only_allowed_origins
from sitegen.rendering.privacy_urls import SiteOrigins, origin_of


class PrivacyGuard:
    """Checks rendered pages and static files; knows where to look for the origin of a URL."""

    def __init__(self, site_origin: str, allowed: Iterable[str], root: Path, search_dirs: list[Path]) -> None:
        self.origins = SiteOrigins(site_origin, tuple(allowed))
        self.root = root
        self.search_dirs = search_dirs
        self.errors: list[ContentError] = []

    def check_page(self, html: str, source_path: str, page: str) -> list[ContentError]:
        """Problems in one rendered page (returned, so pages can be checked in worker processes)."""
        if names_only_allowed_origins(html, self.origins):
            return []
        problems = [self._error(load, target, source_path, page) for load, target in self._offsite(html)]
        return sorted(set(problems))

    def check_static(self, name: str, path: Path) -> None:
        if not name.endswith((".css", ".html", ".htm", ".svg")):
            return
        text = path.read_text(encoding="utf-8", errors="replace")
        shown = display_path(path, self.root)
        if name.endswith(".css"):
            for css in urls_in_css(text):
                target = self.origins.elsewhere(css.url)
                if target:
                    self.errors.append(_located(shown, css.line, Reference(css.url, css.what), target))
            return
        for load, target in self._offsite(text):
            self.errors.append(_located(shown, _line_of(text, load, target), load, target))

    def _offsite(self, html: str) -> Iterator[tuple[Reference, str]]:
        """Each load in the page that leaves the site, and where it goes, resolved."""
        found = references_in_html(html)
        for load in found.loads:
            target = self.origins.elsewhere(load.url, None if load.sets_base else found.base)
            if target:
                yield load, target

    def _error(self, load: Reference, target: str, source_path: str, page: str) -> ContentError:
        """Blame the content file if the URL is written there, else the template that holds it;
        failing the URL as written, as resolved, then by its host alone."""
        candidates = [self.root / source_path] if source_path and (self.root / source_path).is_file() else []
        for folder in self.search_dirs:
            candidates += sorted(folder.rglob("*.html"))
        texts = [(c, c.read_text(encoding="utf-8", errors="replace").lower()) for c in candidates]
        for needle in _needles(load, target):
            for candidate, text in texts:
                line = _line_holding(text, needle)
                if line:
                    return _located(display_path(candidate, self.root), line, load, target)
        return _located(page, 0, load, target)


def _located(path: str, line: int, load: Reference, target: str) -> ContentError:
    return ContentError(path, line, _message(load, target), _hint(load, target))


# Attributes that send the reader (or word of them) somewhere, rather than fetch a file.
_SENDING = ("action", "formaction", "ping", "attributionsrc")


def _message(load: Reference, target: str) -> str:
    shown = load.url.strip() if load.url.strip().isprintable() else repr(load.url)
    origin = origin_of(target) or target
    where = "another website" if shown.lower().startswith(origin) else f"another website ({origin})"
    does = f"sends readers to {shown} on" if _sends(load) else f"loads {shown} from"
    return f"{load.what} {does} {where}, which tells that site who is reading"


def _sends(load: Reference) -> bool:
    return any(f" {name}>" in load.what for name in _SENDING) or "refresh" in load.what


def _hint(load: Reference, target: str) -> str:
    origin = origin_of(target) or target
    fix = "point it at a page of this site" if _sends(load) else "copy the file into static/"
    return f"{fix}, or allow it with 'allowed_origins: [{origin}]' in site.yaml"


def _line_of(text: str, load: Reference, target: str) -> int:
    """The line of `text` that holds the URL (see _needles); 0 if none does."""
    text = text.lower()
    return next(filter(None, (_line_holding(text, needle) for needle in _needles(load, target))), 0)


def _needles(load: Reference, target: str) -> list[str]:
    """How the URL may be written in a source: as the page has it, as resolved (a CSS escape or
    Markdown's own syntax spelt it another way), or by its host alone."""
    host = (origin_of(target) or target).split("://", 1)[-1].split(":")[0]
    return [n for n in (load.url.strip().lower(), target.split("://", 1)[-1].lower(), host) if n]


def _line_holding(lowered: str, needle: str) -> int:
    """The first line of a (lower-cased) text holding `needle`, as written or with character
    references decoded; 0 if none does."""
    index = lowered.find(needle)
    if index >= 0:
        return lowered.count("\n", 0, index) + 1
    if "&" in lowered:
        for number, line in enumerate(lowered.split("\n"), start=1):
            if "&" in line and needle in unescape(line):
                return number
    return 0

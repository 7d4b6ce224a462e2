"""Every URL in a page that makes the browser fetch or send something without a click on a link.

The page is read by selectolax's Lexbor engine, an HTML5 parser that tokenizes as browsers
do: `<img alt="a>b" src=…>`, `<img/src=…>`, unquoted values and character references all come
out as the browser sees them. Each element's loading attributes, the `style` attributes and
`<style>` blocks (through privacy_css), `<meta http-equiv=refresh>`, and the pages within a page
(`<iframe srcdoc>`, a `data:` URL in a frame, object or embed, `<template>` contents) are read;
so is the first `<base href>`, which moves every relative URL.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from urllib.parse import unquote_to_bytes

import msgspec
from selectolax.lexbor import LexborHTMLParser, LexborNode

from sitegen.rendering.privacy_css import urls_in_css

# On any element: each of these loads, or sends the reader's data, by itself.
_LOADING = frozenset({"src", "poster", "background", "action", "formaction", "manifest", "lowsrc", "dynsrc"})
_URL_LISTS = frozenset({"srcset", "imagesrcset", "ping", "attributionsrc"})
# `href` loads only on these (SVG's own, and <link> with a rel that fetches).
_HREF_LOADS = frozenset({"image", "use", "feimage", "script", "link"})
_HREFS = ("href", "xlink:href")
# SVG presentation attributes that take CSS values with url().
_CSS_VALUED = frozenset(
    {"fill", "stroke", "filter", "mask", "clip-path", "marker-start", "marker-mid", "marker-end", "cursor"}
)
# Link relations that name a resource but fetch nothing; any other rel is taken to load.
_QUIET_RELS = frozenset(
    {"alternate", "author", "bookmark", "canonical", "external", "help", "license", "me", "next", "nofollow"}
    | {"noopener", "noreferrer", "opener", "prev", "privacy-policy", "tag", "terms-of-service", "webmention"}
)
_REFRESH = re.compile(
    r"[\t\n\f\r ]*[\d.]*[\t\n\f\r ]*[;,]?[\t\n\f\r ]*(?:url[\t\n\f\r ]*=[\t\n\f\r ]*)?", re.IGNORECASE
)
_LIST_SEPARATORS = re.compile(r"[\t\n\f\r ,]+")
# Where a `data:` URL becomes a page of its own, which may load anything.
_DOCUMENT_LOADERS = {"iframe": "src", "frame": "src", "embed": "src", "object": "data"}
# SVG animation: the values an attribute is given while the page shows.
_ANIMATIONS = frozenset({"set", "animate"})
_ANIMATED_VALUES = frozenset({"to", "from", "by", "values"})
_C0_AND_SPACE = "".join(chr(code) for code in range(0x21))


class Reference(msgspec.Struct, frozen=True):
    """A URL the page loads, and what loads it (`<img src>`, `CSS url()`)."""

    url: str
    what: str
    sets_base: bool = False
    """A `<base href>`: resolved against the page's own address, not against itself."""


@dataclass
class PageReferences:
    base: str | None = None
    """The first `<base href>`, against which the page's relative URLs resolve."""
    loads: list[Reference] = field(default_factory=list)


def references_in_html(html: str) -> PageReferences:
    found = PageReferences()
    _read(html, found, "")
    return found


def _read(html: str, found: PageReferences, within: str) -> None:
    root = LexborHTMLParser(html).root if html else None
    for node in root.traverse(include_text=False) if root else ():
        tag = (node.tag or "").lower()
        if tag == "base" and found.base is None and node.attributes.get("href") is not None:
            found.base = node.attributes["href"] or ""
            found.loads.append(Reference(found.base, f"{within}<base href>", sets_base=True))
        found.loads.extend(Reference(url, within + what) for url, what in _loads_of(tag, node))
        if tag == "style":
            found.loads.extend(Reference(c.url, within + c.what) for c in urls_in_css(node.text(deep=True)))
        elif tag == "script" and (node.attributes.get("type") or "").strip().lower() == "speculationrules":
            rules = _speculation_urls(node.text(deep=True))
            found.loads.extend(Reference(url, f"{within}<script type=speculationrules>") for url in rules)
        elif tag == "template":
            _read(node.html.replace("<template", "<div", 1) if node.html else "", found, within)
        srcdoc = node.attributes.get("srcdoc") if tag in ("iframe", "frame") else None
        if srcdoc:
            _read(srcdoc, found, f"{within}<{tag} srcdoc> ")
        loader = _DOCUMENT_LOADERS.get(tag)
        document = _data_url_text(node.attributes.get(loader) or "") if loader else ""
        if document:
            _read(document, found, f"{within}<{tag} {loader}=data:> ")


def _loads_of(tag: str, node: LexborNode) -> Iterator[tuple[str, str]]:
    """(URL, what) for each loading attribute of one element."""
    attributes = node.attributes
    for name, value in attributes.items():
        name = name.lower()
        if value is None:
            continue
        if name in _LOADING or (name == "data" and tag == "object"):
            yield value, f"<{tag} {name}>"
        elif name in _URL_LISTS:
            yield from ((url, f"<{tag} {name}>") for url in _LIST_SEPARATORS.split(value) if url)
        elif name in _HREFS and tag in _HREF_LOADS and (tag != "link" or _loads_by_rel(attributes.get("rel"))):
            yield value, f"<{tag} {name}>"
        elif name == "style" or (name in _CSS_VALUED and "(" in value):
            yield from ((css.url, f"<{tag} {name}> {css.what}") for css in urls_in_css(value))
        elif name == "content" and tag == "meta" and (attributes.get("http-equiv") or "").strip().lower() == "refresh":
            yield _refresh_target(value), "<meta http-equiv=refresh>"
        elif tag in _ANIMATIONS and name in _ANIMATED_VALUES:
            yield from _animated_loads(tag, name, value, attributes)


def _animated_loads(tag: str, name: str, value: str, attributes: dict[str, str | None]) -> Iterator[tuple[str, str]]:
    """SVG's `<set attributeName=href to=…>` and `<animate … values=…>` give an element a new
    address (or a `url()` paint) while the page shows, and the browser fetches it."""
    target = next((v for k, v in attributes.items() if k.lower() == "attributename"), None) or ""
    pieces = [piece.strip() for piece in (value.split(";") if name == "values" else [value])]
    for piece in filter(None, pieces):
        if target.strip().lower() in (*_HREFS, "src"):
            yield piece, f"<{tag} {name}>"
        else:
            yield from ((css.url, f"<{tag} {name}> {css.what}") for css in urls_in_css(piece))


def _speculation_urls(rules: str) -> Iterator[str]:
    """The addresses `<script type=speculationrules>` tells the browser to prefetch or prerender."""
    try:
        stack: list[object] = [json.loads(rules)]
    except ValueError:
        return
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            for key, value in item.items():
                if key == "urls" and isinstance(value, list):
                    yield from (url for url in value if isinstance(url, str))
                else:
                    stack.append(value)
        elif isinstance(item, list):
            stack.extend(item)


def _data_url_text(url: str) -> str:
    """The text a `data:` URL holds (percent- or base64-encoded), or '' for any other URL."""
    url = url.strip(_C0_AND_SPACE).replace("\t", "").replace("\n", "").replace("\r", "")
    if url[:5].lower() != "data:" or "," not in url:
        return ""
    header, _, body = url[5:].partition(",")
    data = unquote_to_bytes(body)
    if header.lower().replace(" ", "").endswith(";base64"):
        try:
            data = base64.b64decode(b"".join(data.split()), validate=False)
        except (binascii.Error, ValueError):
            return ""
    return data.decode("utf-8", errors="replace")


def _loads_by_rel(rel: str | None) -> bool:
    return bool(set((rel or "").lower().split()) - _QUIET_RELS)


def _refresh_target(content: str) -> str:
    """The URL in a refresh's `content` (`5; url='…'`), as the HTML standard reads it."""
    rest = content[_REFRESH.match(content).end() :]  # type: ignore[union-attr]
    if rest[:1] in ("'", '"'):
        rest = rest[1:].split(rest[0], 1)[0]
    return rest

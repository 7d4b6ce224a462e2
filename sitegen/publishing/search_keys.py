"""What Pagefind reads from a page, as a digest: a part of the search index is made again only
when this changes for one of its pages.

Pagefind indexes the element marked `data-pagefind-body`, and from the rest of the page takes
only a little: the language, the title, a first heading and image, the elements that hold the
body (a `<div>` around it adds a full stop), and anything marked for it. So a template edit
elsewhere (the footer, the head, a comment in the body) leaves every part as it was, and with
it the minutes of indexing. The key is made carefully: the body's bytes as they are (only
comments are dropped, with the white space around them, which Pagefind reads as one space),
plus all of the rest Pagefind could read. A page whose markup is unusual in any way (a comment
or a script inside the body, a stray `<`, an element left open) is keyed by all of its bytes,
as every page used to be: a key may be too careful, never too lax.
"""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path

import msgspec

from sitegen.core.parallel import map_in_workers
from sitegen.core.sealed import read_sealed, write_sealed

KEYS_VERSION = "pagefind-reads-1"
"""Changed whenever page_key changes what it reads, so that no key of the old kind is trusted."""
BODY, NO_BODY, WHOLE = b"b", b"n", b"w"
"""The kind of a page's key: what Pagefind reads from its body; a page without one (which
Pagefind leaves out, when another page has one); or every byte (anything unusual)."""

_MARK = b"data-pagefind-body"
_RAW = re.compile(
    rb"<(?:(script|style|title|textarea|xmp|iframe|noembed|noframes|noscript|template)(?=[\s/>])"
    rb"|!---?>|!\[cdata\[|plaintext|svg|math)"
)
"""A raw-text element's start; or markup whose reading only a whole HTML parser gets right."""
_RAW_INSIDE = re.compile(rb"<(?:script|style|title|textarea|xmp|iframe|noembed|noframes|noscript)")
_TOKEN = re.compile(rb"""<[^<>"'=]*(?:=[ \t\n\r\f]*(?:"[^"<>]*"|'[^'<>]*'|[^ \t\n\r\f<>"'=`]*)[^<>"'=]*)*>""")
"""A tag, comment or doctype with no `<` or `>` in it but its own, and quotes only around an
attribute's value: on a page where these account for every `<`, simple searches find the same
elements an HTML parser does."""
_STRAY = re.compile(rb"<(?!" + _TOKEN.pattern[1:] + rb")")
"""A `<` that starts no such tag. A token holds no `<` but its first, so a page has one exactly
when taking out every token would leave a `<`: found without making that copy of the page."""
_ATTRIBUTE = re.compile(rb"""([^\s"'<>/=]+)(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?""")
"""An attribute's name, and its value (which is passed over)."""
_TAG_NAME = re.compile(rb"<(/?)([a-z][a-z0-9-]*)")
_TAG = re.compile(rb"</?[a-z][a-z0-9-]*")
_SELF_CLOSING = re.compile(rb"<([a-z][a-z0-9-]*)[^<>]*/>")
_COMMENT = re.compile(rb"<!--.*?-->", re.S)
_COMMENTS = re.compile(rb"<!--.*?-->(?:[ \t\n\r\f]*<!--.*?-->)*[ \t\n\r\f]*", re.S)
"""Comments one after another, with the white space after each."""
_SPACE = frozenset(b" \t\n\r\f")
_HEADING = re.compile(rb"<h1[\s>].*?</h1\s*>", re.S)
_IMAGE_OR_ROOT = re.compile(rb"<(?:img|html)[\s/>][^<>]*>")
_VOID = frozenset(
    b"area base br col embed hr img input link meta source track wbr param keygen basefont bgsound frame".split()
)


def page_key(page: bytes, digest: bytes | None = None) -> bytes:
    """The kind of key (one byte) and the SHA-256 of what Pagefind reads from `page` (whose
    own SHA-256, when the caller has it, is `digest`)."""
    low = page.lower()
    found = low.count(_MARK)
    if found == 0:
        return NO_BODY + (digest or hashlib.sha256(page).digest())
    read = _what_pagefind_reads(page, low) if found == 1 else None
    if read is None:
        return WHOLE + (digest or hashlib.sha256(page).digest())
    return BODY + hashlib.sha256(b"\0\0".join(read)).digest()


def _what_pagefind_reads(page: bytes, low: bytes) -> list[bytes] | None:
    """The pieces of the page that Pagefind's index of it depends on, or None when the page is unusual."""
    if b"--!>" in low or b"\0" in low:
        return None
    emptied = _without_raw_text(page, low)
    if emptied is None:
        return None
    page, low, raw = emptied
    if _STRAY.search(low):
        return None  # a `<` that starts no well-formed tag
    body = _body(low)
    if body is None:
        return None
    start, inner, closed, end = body
    before, after = _uncommented(low[:start]), _uncommented(low[end:])
    outside = before + b"\0" + after
    headings = list(_HEADING.finditer(outside))
    if b"pagefind" in outside or outside.count(b"<h1") != len(headings):
        return None
    holding = _holding(before, after)
    if holding is None:
        return None
    cased = _uncommented(page[:start]) + b"\0" + _uncommented(page[end:])  # as `outside`, letter for letter
    tags = b"\0".join(cased[found.start() : found.end()] for found in _IMAGE_OR_ROOT.finditer(outside))
    text = [cased[found.start() : found.end()] for found in headings]
    return [page[start:inner], _without_comments(page[inner:closed]), holding, tags, *raw, *text]


def _uncommented(markup: bytes) -> bytes:
    return _COMMENT.sub(b"", markup) if b"<!--" in markup else markup


def _without_raw_text(page: bytes, low: bytes) -> tuple[bytes, bytes, list[bytes]] | None:
    """The page with the text of each raw-text element (script, style, title: text that may hold
    any `<`) taken out, and that text where Pagefind may read it (all but scripts and styles);
    None if such an element is left open, or the page has markup only a whole parser reads right."""
    pieces, lows, raw, at = [], [], [], 0
    for found in _RAW.finditer(low):
        if found.start() < at:
            continue  # inside the text of the element before
        name = found.group(1)
        if name is None:
            return None  # an abrupt comment, CDATA, plaintext, SVG or MathML
        opened = low.find(b">", found.end()) + 1
        closed = low.find(b"</" + name, opened)
        if opened == 0 or closed < 0 or low[closed + 2 + len(name) : closed + 3 + len(name)] not in b" \t\n\r\f/>":
            return None
        pieces.append(page[at:opened])
        lows.append(low[at:opened])
        if name not in (b"script", b"style"):
            raw.append(page[found.start() : opened] + page[opened:closed])
        at = closed
    pieces.append(page[at:])
    lows.append(low[at:])
    return b"".join(pieces), b"".join(lows), raw


def _body(low: bytes) -> tuple[int, int, int, int] | None:
    """Where the body element starts, where its content starts and ends, and where its end tag
    ends; None unless it is a plain element, closed, with no other of its name or raw text inside."""
    mark = low.find(_MARK)
    start, inner = low.rfind(b"<", 0, mark), low.find(b">", mark) + 1
    if start < 0 or low.find(b">", start, mark) >= 0:
        return None  # the mark is in text, not in a tag
    named = _TAG_NAME.match(low, start)
    if named is None or named.group(1):
        return None
    name = named.group(2)
    if not name.isalnum() or name in _VOID or _MARK not in _ATTRIBUTE.findall(low, named.end(), inner - 1):
        return None
    closed = low.find(b"</" + name, inner)
    if closed < 0:
        return None
    end = low.find(b">", closed) + 1
    if low[closed + 2 + len(name) : end - 1].strip() or _TAG_NAME.match(low, closed).group(2) != name:  # type: ignore[union-attr]
        return None
    content = low[inner:closed]
    if _RAW_INSIDE.search(content) or re.search(b"<" + name + rb"[\s/>]", content):
        return None
    return start, inner, closed, end


def _without_comments(inner: bytes) -> bytes:
    """The body's content without its comments. White space on both sides of a comment becomes one
    line break, which Pagefind reads as it reads any run of white space; unless the page takes
    some element's text exactly as written (data-pagefind-meta or -sort): then only comments go."""
    if b"<!--" not in inner:
        return inner
    low = inner.lower()
    if b"data-pagefind-meta" in low or b"data-pagefind-default-meta" in low or b"data-pagefind-sort" in low:
        return _COMMENT.sub(b"", inner)

    pieces, at = [], 0
    for found in _COMMENTS.finditer(inner):
        start = found.start()
        while start > at and inner[start - 1] in _SPACE:
            start -= 1
        space = inner[start : found.start()] + _COMMENT.sub(b"", found.group(0))
        pieces += [inner[at:start], b"\n" if len(space) > 1 else space]
        at = found.end()
    pieces.append(inner[at:])
    return b"".join(pieces)


def _holding(before: bytes, after: bytes) -> bytes | None:
    """The names of the elements that hold the body, if each is closed after it, in order; None
    for any nesting that only an HTML parser could work out."""
    if (b"/>" in before or b"/>" in after) and any(name not in _VOID for name in _SELF_CLOSING.findall(before + after)):
        return None
    tags = b" ".join(_TAG.findall(before)), b" ".join(_TAG.findall(after))
    if tags not in _nestings:
        if len(_nestings) > 1000:
            _nestings.clear()
        _nestings[tags] = _nesting(*tags)
    return _nestings[tags]


_nestings: dict[tuple[bytes, bytes], bytes | None] = {}
"""Pages of one kind share the tags around their body: each nesting is worked out once."""


def _nesting(before: bytes, after: bytes) -> bytes | None:
    open_elements: list[bytes] = []
    holding = b""
    for part in (before, after):
        for tag in part.split():
            name = tag[2:] if tag.startswith(b"</") else tag[1:]
            if tag.startswith(b"</"):
                if not open_elements or open_elements.pop() != name:
                    return None
            elif name not in _VOID:
                open_elements.append(name)
        if not holding:
            holding = b" ".join(open_elements) or b"-"
    return None if open_elements else holding


class PageKeys:
    """Each page's key by the SHA-256 of its bytes, kept in the cache (`path`): a page whose bytes
    are as before is not read again, and one with new bytes is read once."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        sealed = read_sealed(path) if path is not None else None
        try:
            version, known = _KEYS.decode(sealed) if sealed is not None else ("", {})
        except (msgspec.DecodeError, msgspec.ValidationError):
            version, known = "", {}
        self._kept = known if version == KEYS_VERSION else {}  # keys made another way are never used
        self._known = dict(self._kept)
        self._used: dict[bytes, bytes] = {}

    def learn(self, keys: dict[bytes, bytes]) -> None:
        """Keys made just now, from the bytes of pages as they were written (by their SHA-256)."""
        self._known.update(keys)

    def unread(self, pages: list[str], contents: dict[str, bytes]) -> list[str]:
        """The `pages` whose keys must be read from their files (their bytes' SHA-256 by path in
        `contents`): those whose bytes are unknown, or new to the record."""
        known = self._known
        return [page for page in pages if contents.get(page) not in known]

    def of(self, site: Path, pages: list[tuple[str, bytes | None]], workers: int) -> list[bytes]:
        """The key of each page (its path in `site`, and the SHA-256 of its bytes if known),
        reading only the pages whose bytes are new, on up to `workers` processes."""
        contents = [content for _, content in pages]
        keys = [self._known.get(content) if content is not None else None for content in contents]
        unknown = [index for index, key in enumerate(keys) if key is None]
        read = map_in_workers(_read, [os.path.join(site, pages[index][0]) for index in unknown], workers)
        for index, (digest, key) in zip(unknown, read, strict=True):
            contents[index] = contents[index] or digest
            keys[index] = key
        found: list[bytes] = []
        for content, found_key in zip(contents, keys, strict=True):
            assert content is not None and found_key is not None
            self._used[content] = found_key
            found.append(found_key)
        return found

    def save(self) -> None:
        """Keep the keys of this run's pages (only those: the record never grows past the site)."""
        if self.path is not None and self._used != self._kept:
            write_sealed(self.path, msgspec.msgpack.encode((KEYS_VERSION, self._used)))


_KEYS = msgspec.msgpack.Decoder(tuple[str, dict[bytes, bytes]])


def _read(page: str) -> tuple[bytes, bytes]:
    """The SHA-256 of a page's bytes, and its key."""
    with open(page, "rb") as handle:
        data = handle.read()
    return hashlib.sha256(data).digest(), page_key(data)

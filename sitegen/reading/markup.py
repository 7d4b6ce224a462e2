"""Markdown to safe HTML: CommonMark with GitHub's tables, footnotes and strikethrough, then nh3.

The engine is cmark-gfm (C, linear in its input, fuzzed, GitHub's own; see commonmark.py):
a thousand articles take a twentieth of a second. What sitegen adds (documented in README):
heading ids made as slugs are, with `{#anchor}` to fix one (heading_ids.py); typographic
quotes and dashes (typography.py); a `[[booking]]` line; "•" bullets. Raw HTML is allowed
in Markdown but passed through nh3 with an allow-list, so a script, an event handler or an
iframe never reaches the page.
"""

from __future__ import annotations

import re

import msgspec
import nh3

from sitegen.core import urls as u
from sitegen.core.characters import without_forbidden
from sitegen.reading.commonmark import commonmark_to_html
from sitegen.reading.heading_ids import with_heading_ids
from sitegen.reading.typography import smarten

BOOKING_MARKER = "[[booking]]"
"""A line of its own in Markdown where the booking call-to-action block is placed."""

BOOKING_PLACEHOLDER = '<div class="sitegen-booking-marker"></div>'

# The ids cmark gives footnotes and their references ("fn-1", "fnref-1", "fnref-1-2"), and the
# links to them: only inside the elements it writes for them, so a writer's own ids stay.
_FOOTNOTE_PARTS = re.compile(
    r'<sup class="footnote-ref"><a href="#fn-|" id="fnref-|<li id="fn-'
    r'|<a href="#fnref-(?=[^"]*" class="footnote-backref")'
)

_ALLOWED_TAGS = {
    "a",
    "abbr",
    "b",
    "blockquote",
    "br",
    "code",
    "dd",
    "del",
    "details",
    "div",
    "dl",
    "dt",
    "em",
    "figcaption",
    "figure",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "img",
    "ins",
    "kbd",
    "li",
    "mark",
    "ol",
    "p",
    "pre",
    "s",
    "section",
    "small",
    "span",
    "strong",
    "sub",
    "summary",
    "sup",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "u",
    "ul",
}
_ALLOWED_ATTRIBUTES = {
    "*": {"id", "class", "title", "lang", "dir"},
    "a": {"href", "rel", "aria-label"},
    "img": {"src", "alt", "width", "height", "loading"},
    "ol": {"start", "reversed"},
    "td": {"style", "colspan", "rowspan"},
    "th": {"style", "colspan", "rowspan", "scope"},
    "abbr": {"title"},
}
"""A table cell's `style` may only align its text (as Markdown's tables write it); it leaves
as a class (`align-center`), because the site's Content-Security-Policy runs no style attribute."""
_URL_SCHEMES = {"http", "https", "mailto", "tel"}
_WORD = re.compile(r"\w+")
_ASCII_WORDS = bytes(ord("w" if re.fullmatch(r"\w", chr(byte), re.ASCII) else " ") for byte in range(256))
"""A table that turns each ASCII word character into `w` and every other byte into a space."""
_ALIGNED_CELL = re.compile(
    r'<(td|th)((?: [a-z-]+="[^"]*")*) style="text-align: ?(left|right|center);?"((?: [a-z-]+="[^"]*")*)>'
)
_CLASS = re.compile(r' class="([^"]*)"')
_MARKER_LINE = re.compile(r"^[ \t]*\[\[booking\]\][ \t]*$", re.MULTILINE)
_BULLET = re.compile(r"^[ \t]*•[ \t]+\S")
_FENCE = re.compile(r"^[ \t]*(```|~~~)")


class Rendered(msgspec.Struct, frozen=True):
    html: str
    word_count: int


def render_markdown(text: str, base_path: str = "/", notes: str = "") -> Rendered:
    """Convert Markdown, sanitise it, and point site-absolute links under `base_path`.

    A page made of parts rendered one by one (a journey's sections) names each part's footnotes
    with its own `notes` prefix, so two parts' first notes are not both `fn-1` on one page."""
    html = commonmark_to_html(_prepared(text))
    if notes and "footnote-ref" in html:
        html = _FOOTNOTE_PARTS.sub(lambda part: f"{part.group()}{notes}-", html)
    html = sanitise(smarten(with_heading_ids(html.removesuffix("\n"))), base_path)
    return Rendered(html, count_words(text))


def _prepared(text: str) -> str:
    """The booking marker as an HTML block of its own, and "•" bullets (common in text pasted
    from websites) as "-", except in fenced code."""
    if BOOKING_MARKER in text:
        text = _MARKER_LINE.sub("\n" + BOOKING_PLACEHOLDER + "\n", text)
    if "•" not in text:
        return text
    out: list[str] = []
    in_fence = False
    for line in text.split("\n"):
        if _FENCE.match(line):
            in_fence = not in_fence
        elif not in_fence and _BULLET.match(line):
            line = line.replace("•", "-", 1)
        out.append(line)
    return "\n".join(out)


def count_words(text: str) -> int:
    """The number of runs of word characters (`\\w+`) in `text`. An ASCII text (most are) is
    counted without making a string of each word: its word characters become `w` and the rest
    spaces, and each word is where a `w` follows a space (or starts the text): the same count,
    six times quicker (a tenth of a second of a cold build at 1,000 articles)."""
    if not text.isascii():
        return len(_WORD.findall(text))
    marked = text.encode("ascii").translate(_ASCII_WORDS)
    return marked.count(b" w") + marked.startswith(b"w")


def sanitise(html: str, base_path: str = "/") -> str:
    """Allow-list sanitising of HTML that came from a writer."""

    def rebase(tag: str, attribute: str, value: str) -> str | None:
        if attribute in ("href", "src"):
            return u.rebase(base_path, value)
        if attribute == "style":
            return value if re.fullmatch(r"text-align:\s*(left|right|center);?", value) else None
        return value

    cleaned = nh3.clean(
        html,
        tags=_ALLOWED_TAGS,
        attributes=_ALLOWED_ATTRIBUTES,
        url_schemes=_URL_SCHEMES,
        link_rel=None,
        attribute_filter=rebase,
        strip_comments=True,
    )
    cleaned = _ALIGNED_CELL.sub(_aligned_by_class, cleaned)
    return without_forbidden(cleaned)  # `&#11;` and the like come out of nh3 as the characters themselves


def _aligned_by_class(cell: re.Match[str]) -> str:
    """A cell's alignment as a class the theme styles (nh3 writes every attribute as name="value")."""
    tag, before, align, after = cell.groups()
    attributes = before + after
    classes = _CLASS.search(attributes)
    if classes is None:
        return f'<{tag}{attributes} class="align-{align}">'
    joined = f' class="{classes.group(1)} align-{align}"'
    return f"<{tag}{attributes[: classes.start()]}{joined}{attributes[classes.end() :]}>"

"""Markdown to safe HTML: one fixed set of Python-Markdown extensions, then nh3.

Extensions (documented in README): tables, footnotes, heading ids (toc), typographic
quotes (our own one-pass postprocessor, see typography.py), attribute lists (for
`{#anchor}` on headings), fenced code, sane lists.
Raw HTML is allowed in Markdown but passed through nh3 with an allow-list, so a script,
an event handler or an iframe never reaches the page.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass

import markdown
import nh3
from markdown import Extension

from sitegen.core import urls as u
from sitegen.core.characters import without_forbidden
from sitegen.core.slugs import slugify
from sitegen.reading.quick_inline import speed_up_inline
from sitegen.reading.typography import TypographyExtension

BOOKING_MARKER = "[[booking]]"
"""A line of its own in Markdown where the booking call-to-action block is placed."""

BOOKING_PLACEHOLDER = '<div class="sitegen-booking-marker"></div>'

_EXTENSIONS: list[str | Extension] = ["tables", "footnotes", "toc", "attr_list", "fenced_code", "sane_lists"]


def _heading_id(text: str, separator: str) -> str:
    """A heading's id, made as slugs are, so a heading in any script gets a readable anchor
    ('#كيف-تهدأ', not Markdown's '#_1'); a heading with no letters still gets Markdown's '_N'."""
    return slugify(text)


# The ids Python-Markdown gives footnotes and their references ("fn:1", "fnref:1", "fnref2:1"),
# and the links to them.
_FOOTNOTE_ID = re.compile(r'((?:id|href)="#?)(fn|fnref\d*):')

_EXTENSION_CONFIGS = {"toc": {"permalink": False, "slugify": _heading_id}}

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
    "a": {"href", "rel"},
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
_ALIGNED_CELL = re.compile(
    r'<(td|th)((?: [a-z-]+="[^"]*")*) style="text-align: ?(left|right|center);?"((?: [a-z-]+="[^"]*")*)>'
)
_CLASS = re.compile(r' class="([^"]*)"')
_H1 = re.compile(r"<(/?)h1([ >])")
_MARKER_LINE = re.compile(r"^[ \t]*\[\[booking\]\][ \t]*$", re.MULTILINE)
_LIST_ITEM = re.compile(r"^[ \t]{0,3}(?:[-*+•]|1[.)])[ \t]+\S")
_ANY_ITEM = re.compile(r"^[ \t]*(?:[-*+•]|\d+[.)])[ \t]+")
_FENCE = re.compile(r"^[ \t]*(```|~~~)")

_local = threading.local()


@dataclass(frozen=True)
class Rendered:
    html: str
    word_count: int


def _converter() -> markdown.Markdown:
    md: markdown.Markdown | None = getattr(_local, "md", None)
    if md is None:
        md = markdown.Markdown(
            extensions=[*_EXTENSIONS, TypographyExtension()],
            extension_configs=_EXTENSION_CONFIGS,
            output_format="html",
        )
        speed_up_inline(md)
        _local.md = md
    return md


def render_markdown(text: str, base_path: str = "/", notes: str = "") -> Rendered:
    """Convert Markdown, sanitise it, and point site-absolute links under `base_path`.

    A page made of parts rendered one by one (a journey's sections) names each part's footnotes
    with its own `notes` prefix, so two parts' first notes are not both `fn:1` on one page."""
    text = _MARKER_LINE.sub("\n" + BOOKING_PLACEHOLDER + "\n", text)
    text = let_lists_interrupt_paragraphs(text)
    md = _converter()
    md.reset()
    html = md.convert(text)
    html = sanitise(html, base_path)
    html = _H1.sub(r"<\1h2\2", html)
    if notes and "fn" in html:
        html = _FOOTNOTE_ID.sub(lambda m: f"{m.group(1)}{m.group(2)}:{notes}-", html)
    return Rendered(html, count_words(text))


def let_lists_interrupt_paragraphs(text: str) -> str:
    """Writers put a list straight under its lead-in line ("Try this:" then "- ...").

    CommonMark allows that; Python-Markdown needs a blank line first, so add one.
    A "•" bullet, common in text pasted from websites, is read as "-".
    """
    lines = text.split("\n")
    out: list[str] = []
    in_fence = False
    for line in lines:
        if _FENCE.match(line):
            in_fence = not in_fence
        if not in_fence and _LIST_ITEM.match(line):
            previous = out[-1] if out else ""
            if previous.strip() and not _ANY_ITEM.match(previous) and not previous.startswith((" ", "\t", ">")):
                out.append("")
            line = line.replace("•", "-", 1) if line.lstrip().startswith("•") else line
        out.append(line)
    return "\n".join(out)


def count_words(text: str) -> int:
    return len(_WORD.findall(text))


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

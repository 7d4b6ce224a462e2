"""A WordPress export (WXR, .xml): every published post becomes an article; the old URL an alias.

The XML is parsed with defusedxml and any DTD is refused, so an export cannot make the
importer read local files or expand entities without end. WXR versions 1.0–1.2 differ
only in their namespace's version number, so elements are matched by local name.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import Counter
from urllib.parse import unquote, urlsplit

import defusedxml.ElementTree as SafeET
from defusedxml.common import DefusedXmlException

from sitegen.commands.importer.blocks import Note
from sitegen.commands.importer.dates import FoundDate, parse_machine_date
from sitegen.commands.importer.html import Converter, NestedTooDeep, parse_html
from sitegen.commands.importer.page import tidy_blocks
from sitegen.commands.importer.post import PostDraft, take_terms
from sitegen.commands.importer.site import SiteFacts
from sitegen.core.slugs import slugify
from sitegen.planning.addresses import OWN_SECTIONS, alias_problem

_WP = "http://wordpress.org/export/"
_CONTENT = "http://purl.org/rss/1.0/modules/content/"
_DC = "http://purl.org/dc/elements/1.1/"
_SHORTCODE = re.compile(r"\[(/?)([a-z][a-z0-9_-]*)((?:\s[^\]\n]*)?)\]")
_KNOWN_SHORTCODES = {
    "caption",
    "gallery",
    "embed",
    "video",
    "audio",
    "playlist",
    "contact-form-7",
    "wpforms",
    "contact-form",
    "youtube",
    "vimeo",
    "button",
}
_BLOCK_TAG = re.compile(r"<(?:p|h[1-6]|ul|ol|li|blockquote|div|figure|table|pre|hr|section)\b", re.IGNORECASE)
_CAPTION = re.compile(r"\[caption[^\]]*\](.*?)\[/caption\]", re.DOTALL)
_CAPTIONED = re.compile(r"(\s*(?:<a\b[^>]*>)?\s*<img\b[^>]*>\s*(?:</a>)?)(.*)", re.DOTALL | re.IGNORECASE)


class WxrError(Exception):
    """Why a file cannot be read as a WordPress export."""


def read_wxr(data: bytes, facts: SiteFacts) -> tuple[list[PostDraft], list[Note]]:
    """The drafts of the export's published posts, and notes on what was skipped."""
    try:
        root = SafeET.fromstring(data, forbid_dtd=True)
    except DefusedXmlException:
        raise WxrError("refused: the XML declares a DTD or entities, which a WordPress export never needs") from None
    except ET.ParseError as exc:
        raise WxrError(f"not well-formed XML ({exc})") from None
    channel = root.find("channel")
    if root.tag != "rss" or channel is None or _child(channel, "wxr_version", _WP) is None:
        raise WxrError("not a WordPress export (expected <rss> with a <channel> holding <wp:wxr_version>)")
    raw = data.decode("utf-8", errors="replace")
    item_offsets = [m.start() for m in re.finditer(r"<item[\s>]", raw)]
    authors = _authors(channel)
    drafts: list[PostDraft] = []
    notes: list[Note] = []
    skipped: Counter[str] = Counter()
    for index, item in enumerate(channel.findall("item")):
        offset = item_offsets[index] if index < len(item_offsets) else 0
        line = raw.count("\n", 0, offset) + 1
        kind, status = _text(item, "post_type", _WP) or "post", _text(item, "status", _WP) or "publish"
        title = (item.findtext("title") or "").strip()
        if kind != "post":
            skipped[kind] += 1
            if kind == "page":
                notes.append(Note(line, "skipped a page: only posts are imported", title))
            continue
        if status != "publish":
            skipped[status] += 1
            notes.append(Note(line, f"skipped a post that is not published ({status})", title))
            continue
        content_at = raw.find("<content:encoded", offset)
        content_line = raw.count("\n", 0, content_at) + 1 if content_at >= 0 else line
        drafts.append(_post(item, title, line, content_line, authors, facts))
    if skipped:
        counted = ", ".join(f"{n} {kind}" for kind, n in sorted(skipped.items()))
        notes.append(Note(0, f"imported {len(drafts)} published posts; skipped {counted}"))
    return drafts, notes


def _post(
    item: ET.Element, title: str, line: int, content_line: int, authors: dict[str, str], facts: SiteFacts
) -> PostDraft:
    notes: list[Note] = []
    html = _autop(_strip_shortcodes(_text(item, "encoded", _CONTENT, strip=False), content_line, notes))
    converter = Converter(facts, line_offset=content_line - 1)
    excerpt = _text(item, "encoded", _WP)
    description = failure = ""
    try:
        blocks = tidy_blocks(converter.convert(parse_html(html)), converter.notes)
        if excerpt:
            description = " ".join(parse_html(excerpt).get_text(" ").split())
    except NestedTooDeep as exc:
        blocks, failure = [], str(exc)
    draft = PostDraft(title=title, title_line=line, blocks=blocks, notes=notes + converter.notes, failure=failure)
    draft.description = description
    for value in (_text(item, "post_date", _WP), _text(item, "post_date_gmt", _WP), item.findtext("pubDate") or ""):
        date = parse_machine_date(value) if value and not value.startswith("0000") else None
        if date:
            draft.date, draft.date_line, draft.date_text = FoundDate(date.year, date.month, date.day, 0, 0), line, value
            break
    login = _text(item, "creator", _DC)
    draft.author, draft.author_line = authors.get(login, login), line
    categories = [(c.text or "").strip() for c in item.findall("category") if c.get("domain") == "category"]
    tags = [(c.text or "").strip() for c in item.findall("category") if c.get("domain") == "post_tag"]
    take_terms(draft, [c for c in categories if c], [t for t in tags if t], line, facts)
    draft.slug = slugify(unquote(_text(item, "post_name", _WP))) or slugify(title)
    alias = _alias((item.findtext("link") or "").strip(), draft.slug, facts)
    if alias.startswith("/"):
        draft.aliases.append(alias)
    elif alias:
        draft.notes.append(Note(line, alias, item.findtext("link") or ""))
    return draft


def _alias(link: str, slug: str, facts: SiteFacts) -> str:
    """The old address as a site path ('/2025/11/quiet-mind/'), or why it cannot be one."""
    if not link:
        return ""
    parts = urlsplit(link)
    path = parts.path or "/"
    if path == "/" or "\\" in path or ".." in path.split("/"):
        return "the old address has no path of its own, so no redirect was made from it"
    if "." not in path.rsplit("/", 1)[-1] and not path.endswith("/"):
        path += "/"
    problem = alias_problem(path)
    if problem:
        return f"{problem[0]} ({problem[1]}), so no redirect was made from it"
    first = unquote(path.strip("/").split("/")[0])
    if path == f"/articles/{slug}/":
        return ""
    if any(unquote(part).startswith(".") for part in path.split("/")):
        hidden = f"the old address {path} names a hidden file, which web servers keep for themselves"
        return hidden + ", so no redirect was made from it"
    if first in OWN_SECTIONS or first in facts.page_slugs:
        return f"the old address {path} belongs to this site's own pages, so no redirect was made from it"
    return path


def _authors(channel: ET.Element) -> dict[str, str]:
    """WordPress logins → display names ('jdoe' → 'Jane Doe')."""
    names = {}
    for author in channel:
        if not _matches(author.tag, "author", _WP):
            continue
        login = _text(author, "author_login", _WP)
        full = " ".join(
            p for p in (_text(author, "author_first_name", _WP), _text(author, "author_last_name", _WP)) if p
        )
        names[login] = _text(author, "author_display_name", _WP) or full or login
    return names


def _strip_shortcodes(html: str, line: int, notes: list[Note]) -> str:
    html = _CAPTION.sub(_figure, html)

    def replace(match: re.Match[str]) -> str:
        name, attributes = match.group(2), match.group(3)
        if name not in _KNOWN_SHORTCODES and "=" not in attributes and not match.group(1):
            return match.group(0)
        if name != "caption" and not match.group(1):
            notes.append(
                Note(line + html.count("\n", 0, match.start()), "dropped a WordPress shortcode", match.group(0))
            )
        return ""

    return _SHORTCODE.sub(replace, html)


def _figure(match: re.Match[str]) -> str:
    """[caption]<img …> Text[/caption] -> a <figure>, so the caption goes wherever its image goes."""
    parts = _CAPTIONED.match(match.group(1))
    if parts is None:
        return match.group(1)
    return f"<figure>{parts.group(1)}<figcaption>{parts.group(2).strip()}</figcaption></figure>"


def _autop(html: str) -> str:
    """WordPress keeps paragraphs as blank-line-separated text; give each its <p>, keeping line numbers."""
    parts = re.split(r"(\n[ \t]*\n\s*)", html)
    for index in range(0, len(parts), 2):
        chunk = parts[index]
        if chunk.strip() and not _BLOCK_TAG.search(chunk) and not chunk.lstrip().startswith("<!--"):
            parts[index] = "<p>" + chunk.replace("\n", "<br>\n") + "</p>"
    return "".join(parts)


def _child(element: ET.Element, name: str, namespace: str) -> ET.Element | None:
    return next((c for c in element if _matches(c.tag, name, namespace)), None)


def _matches(tag: str, name: str, namespace: str) -> bool:
    tag_namespace, local = _split(tag)
    return local == name and tag_namespace.startswith(namespace)


def _text(element: ET.Element, name: str, namespace: str, strip: bool = True) -> str:
    child = _child(element, name, namespace)
    text = (child.text or "") if child is not None else ""
    return text.strip() if strip else text


def _split(tag: str) -> tuple[str, str]:
    namespace, _, local = tag[1:].partition("}") if tag.startswith("{") else ("", "", tag)
    return namespace, local

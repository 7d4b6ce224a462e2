"""HTML to blocks: headings, paragraphs, lists, links, emphasis, quotes, tables and images as Markdown.

Used for the article of a saved page and for WordPress post bodies. Images are kept only
when they have alt text and the file is already in content/images/: sitegen loads nothing
from other sites, so a remote image is dropped and its alt text goes into the report.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field
from urllib.parse import unquote, urlsplit

from bs4 import BeautifulSoup, Tag
from bs4.element import Comment, Declaration, Doctype, NavigableString, ProcessingInstruction

from sitegen.commands.importer.blocks import Block, Note, escape_inline, escape_line_start
from sitegen.commands.importer.site import SiteFacts

DROPPED_TAGS = {
    "script", "style", "noscript", "template", "iframe", "frame", "form", "input", "button", "select", "textarea",
    "svg", "canvas", "object", "embed", "video", "audio", "source", "track", "map", "link", "meta", "nav", "dialog",
}  # fmt: skip
_HEADINGS = {"h1": 2, "h2": 2, "h3": 3, "h4": 4, "h5": 4, "h6": 4}
_CONTAINERS = {
    "div", "section", "article", "main", "header", "footer", "aside", "body", "html", "span", "center", "address",
    "details", "summary", "dl", "dd", "dt", "figure", "figcaption", "picture", "font", "tbody",
}  # fmt: skip
_BLOCKS = {"p", "ul", "ol", "blockquote", "pre", "hr", "table", "img", *_HEADINGS, *_CONTAINERS} - {"span", "font"}
_MAX_NESTING = 200  # levels: the walk below recurses once or twice a level, and Python stops near 1,000 frames
_TRACKER = re.compile(r"pixel|track|beacon|analytics|doubleclick|facebook\.com/tr|/collect\b|\.gif\?", re.I)
_BREAK = "\x00"


class NestedTooDeep(Exception):
    """HTML nested deeper than the conversion follows: the post is refused, with its depth."""

    def __init__(self, depth: int) -> None:
        super().__init__(
            f"its HTML is nested {depth} levels deep, more than the {_MAX_NESTING} the import follows: "
            "save only the post's article part (or copy its text into a .txt file) and import that"
        )


@dataclass
class Converter:
    """Walks one element; `line_offset` maps the HTML's own line numbers to the input file's."""

    facts: SiteFacts
    line_offset: int = 0
    blocks: list[Block] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    _text: list[str] = field(default_factory=list)
    _plain: list[str] = field(default_factory=list)
    _images: list[Block] = field(default_factory=list)  # images met inside the pending paragraph
    _line: int = 0

    def convert(self, node: Tag) -> list[Block]:
        self._walk(node)
        self._flush()
        return self.blocks

    def _walk(self, node: Tag) -> None:
        for child in node.children:
            if isinstance(child, Comment | Doctype | Declaration | ProcessingInstruction):
                continue
            if isinstance(child, NavigableString):
                self._add_inline(_escaped_text(str(child)), _spaced(str(child)), node)
            elif isinstance(child, Tag) and child.name not in DROPPED_TAGS:
                self._element(child)

    def _element(self, tag: Tag) -> None:
        name = tag.name
        if name == "br":  # a line break straight inside a <div> (Blogger, Weebly) ends a paragraph
            self._add_inline(_BREAK, _BREAK, tag)
            return
        if name not in _BLOCKS:
            markdown, plain, images = self._inline(tag)
            self._add_inline(_wrap(tag, markdown), plain, tag)
            self._images.extend(images)
            if not self._text:
                self._flush()
            return
        self._flush()
        line = self._line_of(tag)
        if name == "p":
            self._paragraph(tag)
        elif name in _HEADINGS:
            markdown, plain, images = self._inline(tag)
            if plain.strip():
                self.blocks.append(
                    Block("heading", markdown.replace(_BREAK, " ").strip(), plain.strip(), line, _HEADINGS[name])
                )
            self.blocks.extend(images)
        elif name in ("ul", "ol"):
            self._list(tag, 0)
        elif name == "blockquote":
            parts = [self._inline(p)[:2] for p in (tag.find_all("p") or [tag])]
            text = "\n\n".join(m.replace(_BREAK, " ").strip() for m, _ in parts if m.strip())
            if text:
                self.blocks.append(Block("quote", text, " ".join(p for _, p in parts), line))
        elif name == "pre":
            code = tag.get_text().strip("\n")
            fence = "~~~" if "```" in code else "```"
            self.blocks.append(Block("code", f"{fence}\n{code}\n{fence}", code, line))
        elif name == "hr":
            self.blocks.append(Block("rule", "", "", line))
        elif name == "img":
            self.blocks.extend(self._image(tag))
        elif name == "figure":
            self._figure(tag)
        elif name == "table" and not self._table(tag):
            self._walk(tag)
        elif name != "table":
            self._walk(tag)
            self._flush()

    def _figure(self, tag: Tag) -> None:
        """An image and its caption: the caption is kept only if the image is."""
        caption = tag.find("figcaption")
        if isinstance(caption, Tag):
            caption.extract()
        images = [block for img in tag.find_all("img") if isinstance(img, Tag) for block in self._image(img)]
        if not tag.find("img"):
            self._walk(tag)
            self._flush()
        self.blocks.extend(images)
        if images and isinstance(caption, Tag):
            markdown, plain, _ = self._inline(caption)
            if plain.strip():
                self.blocks.append(Block("para", f"*{markdown.strip()}*", plain.strip(), self._line_of(caption)))

    def _paragraph(self, tag: Tag) -> None:
        markdown, plain, images = self._inline(tag)
        self._add_paragraphs(markdown, plain, self._line_of(tag))
        self.blocks.extend(images)

    def _list(self, tag: Tag, level: int) -> None:
        kind = "ordered" if tag.name == "ol" else "item"
        for li in tag.find_all("li", recursive=False):
            nested = [c for c in li.children if isinstance(c, Tag) and c.name in ("ul", "ol")]
            for sub in nested:
                sub.extract()
            markdown, plain, images = self._inline(li)
            if plain.strip():
                text = " ".join(markdown.replace(_BREAK, " ").split())
                self.blocks.append(Block(kind, text, plain.strip(), self._line_of(li), min(level, 2)))
            self.blocks.extend(images)
            for sub in nested:
                self._list(sub, level + 1)

    def _table(self, tag: Tag) -> bool:
        rows = [
            [self._inline(c)[0].replace(_BREAK, " ").replace("|", "\\|").strip() for c in tr.find_all(["th", "td"])]
            for tr in tag.find_all("tr")
        ]
        rows = [r for r in rows if r]
        if len(rows) < 2 or max(len(r) for r in rows) < 2:
            return False
        width = max(len(r) for r in rows)
        rows = [r + [""] * (width - len(r)) for r in rows]
        lines = ["| " + " | ".join(rows[0]) + " |", "|" + " --- |" * width]
        lines += ["| " + " | ".join(r) + " |" for r in rows[1:]]
        self.blocks.append(Block("table", "\n".join(lines), " ".join(" ".join(r) for r in rows), self._line_of(tag)))
        return True

    def _inline(self, node: Tag) -> tuple[str, str, list[Block]]:
        """The Markdown and plain text of an element's content, and the images found inside it."""
        markdown: list[str] = []
        plain: list[str] = []
        images: list[Block] = []
        for child in node.children:
            if isinstance(child, Comment | Doctype | Declaration | ProcessingInstruction):
                continue
            if isinstance(child, NavigableString):
                markdown.append(_escaped_text(str(child)))
                plain.append(_spaced(str(child)))
                continue
            if not isinstance(child, Tag) or child.name in DROPPED_TAGS:
                continue
            if child.name == "br":
                markdown.append(_BREAK)
                plain.append(_BREAK)
                continue
            if child.name == "img":
                images.extend(self._image(child))
                continue
            inner_md, inner_plain, inner_images = self._inline(child)
            images.extend(inner_images)
            markdown.append(_wrap(child, inner_md))
            plain.append(inner_plain)
            if child.name in _BLOCKS:
                markdown.append(_BREAK if child.name in ("p", "div", "li") else " ")
                plain.append(_BREAK if child.name in ("p", "div", "li") else " ")
        return _collapse("".join(markdown)), _collapse("".join(plain)), images

    def _image(self, img: Tag) -> list[Block]:
        src = str(img.get("src") or img.get("data-src") or img.get("data-lazy-src") or "").strip()
        alt = " ".join(str(img.get("alt") or "").split())
        line = self._line_of(img)
        if str(img.get("width", "")) in ("0", "1") or str(img.get("height", "")) in ("0", "1") or _TRACKER.search(src):
            return []
        parts = urlsplit(src)
        if not alt:
            self.notes.append(Note(line, f"dropped an image without alt text: {_shown_src(src)}"))
            return []
        if parts.scheme in ("http", "https") or src.startswith("//"):
            self.notes.append(
                Note(
                    line,
                    f"dropped the remote image {_shown_src(src)} (sitegen loads nothing from "
                    f"other sites); its alt text: '{alt}'",
                )
            )
            return []
        name = posixpath.basename(unquote(parts.path))
        if parts.scheme or not name or name not in self.facts.images:
            self.notes.append(
                Note(
                    line,
                    f"dropped the image {_shown_src(src)}: it is not in content/images/ (alt text "
                    f"'{alt}'); copy it there and write ![{alt}](/images/{name or 'name'})",
                )
            )
            return []
        alt_md = alt.replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]")
        return [Block("image", f"![{alt_md}](/images/{_safe_href(name)})", alt, line)]

    def _add_inline(self, markdown: str, plain: str, tag: Tag) -> None:
        if not plain.strip() and not self._text:
            return
        if not self._text:
            self._line = self._line_of(tag)
        self._text.append(markdown)
        self._plain.append(plain)

    def _flush(self) -> None:
        markdown, plain = _collapse("".join(self._text)), _collapse("".join(self._plain))
        self._text.clear()
        self._plain.clear()
        self._add_paragraphs(markdown, plain, self._line)
        self.blocks.extend(self._images)
        self._images.clear()

    def _add_paragraphs(self, markdown: str, plain: str, line: int) -> None:
        """One paragraph per run of text between <br>s: each is a line of its own in the page."""
        for part_md, part_plain in zip(markdown.split(_BREAK), plain.split(_BREAK), strict=True):
            if part_plain.strip():
                self.blocks.append(Block("para", escape_line_start(part_md.strip()), part_plain.strip(), line))

    def _line_of(self, tag: Tag) -> int:
        return self.line_offset + (tag.sourceline or 1)


def parse_html(text: str) -> BeautifulSoup:
    """The parsed HTML, refused if nested too deeply: the conversion recurses, and bs4 slows down with depth."""
    soup = BeautifulSoup(text, "html.parser")
    depth = _nesting_depth(soup)
    if depth > _MAX_NESTING:
        raise NestedTooDeep(depth)
    return soup


def _nesting_depth(node: Tag) -> int:
    """How many levels of elements lie inside `node`, counted without recursion."""
    deepest = 0
    pending = [(node, 0)]
    while pending:
        tag, depth = pending.pop()
        deepest = max(deepest, depth)
        pending.extend((child, depth + 1) for child in tag.contents if isinstance(child, Tag))
    return deepest


def _wrap(tag: Tag, inner: str) -> str:
    """Emphasis, links and code around already-converted content, keeping its outer spaces outside."""
    core = inner.strip()
    if not core or core == _BREAK:
        return inner
    if _BREAK in core:  # a <br> inside <strong>: each line gets its own emphasis
        return _BREAK.join(_wrap(tag, part) for part in inner.split(_BREAK))
    lead, trail = inner[: len(inner) - len(inner.lstrip())], inner[len(inner.rstrip()) :]
    name = tag.name
    if name in ("strong", "b"):
        core = f"**{core}**"
    elif name in ("em", "i", "cite"):
        core = f"*{core}*"
    elif name == "code":
        core = f"`{tag.get_text()}`"
    elif name == "a":
        href = str(tag.get("href") or "").strip()
        if href and not href.lower().startswith(("javascript:", "#", "data:")):
            core = f"[{core}]({_safe_href(href)})"
    return lead + core + trail


def _safe_href(href: str) -> str:
    return href.replace(" ", "%20").replace("(", "%28").replace(")", "%29").replace("<", "%3C").replace(">", "%3E")


def _escaped_text(text: str) -> str:
    spaced = _spaced(text)
    core = spaced.strip()
    if not core:
        return spaced
    escaped = escape_inline(core)
    return spaced[: len(spaced) - len(spaced.lstrip())] + escaped + spaced[len(spaced.rstrip()) :]


def _spaced(text: str) -> str:
    return re.sub(r"[ \t\n\r\f\v\u00a0\u200b]+", " ", text.replace("\u200b", ""))


def _collapse(text: str) -> str:
    text = re.sub(r" *\x00 *", _BREAK, text)
    return re.sub(r" {2,}", " ", text)


def _shown_src(src: str) -> str:
    return src if len(src) <= 80 else src[:79] + "…"

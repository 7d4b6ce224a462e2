"""The shape every reader produces: a list of blocks (paragraphs, headings, list items…) and notes.

A block keeps its Markdown (`text`), the plain words the heuristics look at (`plain`) and the
line of the input it came from, so every note in the report can point at that line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from sitegen.reading.markup import BOOKING_MARKER

BLOCK_KINDS = ("para", "heading", "item", "ordered", "quote", "image", "code", "table", "rule", "booking")
_LIST_KINDS = ("item", "ordered")
_INLINE_SPECIALS = re.compile(r"([\\`*_\[\]{}])")
_TILDES = re.compile(r"~~+")
"""Two tildes strike text through; one ("~30 minutes") is only text, and stays as written."""
_LINE_START = re.compile(r"^(#|>|[-+*](?=\s)|\d+(?=[.)]\s))")


@dataclass(frozen=True)
class Block:
    kind: str
    text: str
    plain: str
    line: int
    level: int = 0

    def with_kind(self, kind: str, level: int = 0) -> Block:
        return replace(self, kind=kind, level=level)


@dataclass(frozen=True)
class Note:
    """Something the importer decided on a guess, or could not decide: the line it looked at, and why."""

    line: int
    message: str
    text: str = ""

    def render(self, shown_path: str) -> str:
        where = f"{shown_path}:{self.line}" if self.line else shown_path
        looked_at = f' (line: "{_short(self.text)}")' if self.text else ""
        return f"{where}: {self.message}{looked_at}"


def text_block(kind: str, plain: str, line: int, level: int = 0) -> Block:
    """A block from plain text, escaped so Markdown shows it as written."""
    return Block(kind, escape_markdown(plain), plain, line, level)


def escape_markdown(text: str) -> str:
    """Plain text that Markdown renders as exactly these characters."""
    return escape_line_start(escape_inline(text))


def escape_inline(text: str) -> str:
    """Text whose marks (`*`, `_`, brackets, `~~`, `<`…) Markdown shows as written, wherever in a line."""
    escaped = _INLINE_SPECIALS.sub(r"\\\1", text).replace("<", "&lt;")
    return _TILDES.sub(lambda run: "\\~" * len(run.group()), escaped) if "~~" in escaped else escaped


def escape_line_start(text: str) -> str:
    """Keep a paragraph that starts like a heading, a quote or a list item ('#1 tip', '2. Then') a paragraph."""
    match = _LINE_START.match(text)
    if not match:
        return text
    mark = match.group(1)
    return (mark + "\\" + text[len(mark) :]) if mark[0].isdigit() else "\\" + text


def render_blocks(blocks: list[Block]) -> str:
    """The Markdown body: blank lines between blocks, none inside a list."""
    out: list[str] = []
    previous: Block | None = None
    number = 0
    for block in blocks:
        same_list = previous is not None and previous.kind in _LIST_KINDS and block.kind in _LIST_KINDS
        if out and not same_list:
            out.append("")
        if block.kind == "ordered":
            number = number + 1 if previous is not None and previous.kind == "ordered" else 1
        out.append(_render_one(block, number))
        previous = block
    return "\n".join(out).strip("\n") + "\n" if out else ""


def _render_one(block: Block, number: int) -> str:
    indent = "    " * block.level
    if block.kind == "heading":
        return "#" * max(2, min(block.level, 4)) + " " + block.text
    if block.kind == "item":
        return f"{indent}- {block.text}"
    if block.kind == "ordered":
        return f"{indent}{number}. {block.text}"
    if block.kind == "quote":
        return "\n".join("> " + line for line in block.text.split("\n"))
    if block.kind == "rule":
        return "* * *"
    if block.kind == "booking":
        return BOOKING_MARKER
    return block.text


def _short(text: str, limit: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"

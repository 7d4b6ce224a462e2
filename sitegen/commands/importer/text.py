"""Copied text (.txt): one paragraph a line, as a browser copies a blog post.

Lines become blocks: "•", "-" or indented lines are list items, and a short line without
a final full stop that is followed by a paragraph is a section title. What is left of
images is dropped; what only might be is kept and reported.
"""

from __future__ import annotations

import re
from dataclasses import replace

from sitegen.commands.importer.blocks import Block, Note, text_block
from sitegen.commands.importer.chrome import drop_boxes, split_tail, strip_head
from sitegen.commands.importer.header import (
    PAGE_LINE,
    Header,
    classify,
    is_reading_time,
    read_date_line,
    read_header,
    take_tail_facts,
)
from sitegen.commands.importer.leftovers import (
    describes_a_scene,
    is_image_leftover,
    is_title_case,
    looks_like_alt_text,
    starts_lowercase,
)
from sitegen.commands.importer.repeats import drop_pull_quotes, drop_table_of_contents
from sitegen.commands.importer.sections import find_headings, heading_like
from sitegen.commands.importer.site import SiteFacts

BULLET = re.compile(r"^(?:([•◦▪▫●○■□‣⁃∙►▸➢➤✓✔→·★☆✅])\ufe0f?\s*|([-*+–—])\s+)(?=\S)")
_EMOJI = re.compile(
    r"^(?:[\U0001F000-\U0001FAFF\u2600-\u27BF\u2B00-\u2BFF][\uFE0F\u200D\U0001F3FB-\U0001F3FF]*)+\s+(?=\S)"
)
_SUB_BULLETS = "◦○▫□‣"
_DASH = re.compile("^[–—] ")
COVER_ALT = "dropped the short line under the date: it reads as the alt text of the post's cover image"
_LOWERCASE_ALT = "dropped a line in lower case with no full stop between sentences: it reads as an image's description"
_POINTS_BACK = re.compile(r"^(?:that|this|it|these|those|they)\b", re.IGNORECASE)
_NUMBERED = re.compile(r"^(\d{1,2})[.)]\s+(?=\S)")


def read_text(text: str, facts: SiteFacts) -> tuple[Header, list[Block], list[Note]]:
    notes: list[Note] = []
    blocks, tail = split_tail(_line_blocks(text), facts, notes)
    blocks = drop_boxes(blocks, notes)
    blocks = drop_pull_quotes(drop_table_of_contents(blocks, notes), notes)
    blocks = strip_head(blocks, lambda line: classify(line, facts), notes)
    header, blocks = read_header(blocks, facts, title_known=False)
    notes.extend(Note(line.line, PAGE_LINE, line.plain) for line in header.page_lines)
    blocks = _drop_leftovers(blocks, header, notes)
    take_tail_facts(header, tail, facts)
    return header, find_headings(blocks, notes), notes


def _inside_a_thought(blocks: list[Block], index: int) -> bool:
    """A line between two paragraphs, the second of which points back ('That is…'): no section starts there."""
    if not 0 < index < len(blocks) - 1 or blocks[index - 1].kind != "para" or blocks[index + 1].kind != "para":
        return False
    return bool(_POINTS_BACK.match(blocks[index + 1].plain.strip()))


def _line_blocks(text: str) -> list[Block]:
    lines = text.split("\n")
    widths = [_indent(line) for line in lines if line.strip()]
    base = min(widths) if widths else 0
    dashed = _dash_bullets(lines)
    emoji = _dash_bullets(lines, _EMOJI)
    blocks: list[Block] = []
    list_indent: int | None = None
    for number, raw in enumerate(lines, start=1):
        stripped = re.sub(r"^(\d{1,2})\\([.)])", r"\1\2", " ".join(raw.split()))  # '2\. Name' from a Markdown copy
        if not stripped:
            continue
        indent = _indent(raw) - base
        bullet = BULLET.match(stripped) or (_EMOJI.match(stripped) if number in emoji else None)
        if bullet and bullet.re is BULLET and bullet.group(2) in ("–", "—") and number not in dashed:
            bullet = None  # '— Maya Angelou' under a quotation, not a one-item list
        numbered = _NUMBERED.match(stripped)
        previous_is_item = bool(blocks) and blocks[-1].kind in ("item", "ordered")
        if bullet:
            list_indent = indent if not previous_is_item or list_indent is None else list_indent
            sub = bullet.re is BULLET and bool(bullet.group(1)) and bullet.group(1) in _SUB_BULLETS
            deeper = sub or indent > list_indent
            blocks.append(text_block("item", stripped[bullet.end() :], number, 1 if deeper else 0))
        elif numbered:
            list_indent = indent if not previous_is_item or list_indent is None else list_indent
            item = text_block("ordered", stripped[numbered.end() :], number, 1 if indent > list_indent else 0)
            blocks.append(replace(item, plain=stripped))  # the number stays in `plain`, for headings
        elif blocks and indent >= 2 and not (len(stripped) > 150 and stripped.count(". ") >= 1):
            list_indent = indent if not previous_is_item or list_indent is None else list_indent
            blocks.append(text_block("item", stripped, number, 1 if indent > list_indent else 0))
        else:
            blocks.append(text_block("para", stripped, number))
    return blocks


def _dash_bullets(lines: list[str], mark: re.Pattern[str] = _DASH) -> set[int]:
    """Line numbers of '– '/'— ' (or emoji) lines that have another such line next to them: those are a list."""
    filled = [(n, line.strip()) for n, line in enumerate(lines, start=1) if line.strip()]
    dash = [bool(mark.match(text)) for _, text in filled]
    return {
        n
        for i, (n, _) in enumerate(filled)
        if dash[i] and ((i > 0 and dash[i - 1]) or (i + 1 < len(dash) and dash[i + 1]))
    }


def _drop_leftovers(blocks: list[Block], header: Header, notes: list[Note]) -> list[Block]:
    """Image leftovers and stray date or reading-time lines go; possible image descriptions are reported."""
    dropped = [is_image_leftover(b.plain) for b in blocks]
    twice = _repeated_captions(blocks)
    first = next((i for i, gone in enumerate(dropped) if not gone), len(blocks))
    kept: list[Block] = []
    for index, block in enumerate(blocks):
        text = block.plain.strip()
        following = blocks[index + 1] if index + 1 < len(blocks) else None
        if dropped[index]:
            notes.append(Note(block.line, "dropped a leftover of an image", text))
        elif index in twice:
            notes.append(Note(block.line, "dropped a short line printed twice in a row: an image's caption", text))
        elif block.kind == "para" and (is_reading_time(text) or _is_pure_date_line(text)):
            _take_stray_date(header, block)
        elif index == first and header.ends_with_metadata and cover_caption(block, following):
            notes.append(Note(block.line, COVER_ALT, text))
        elif block.kind == "para" and looks_like_alt_text(text):
            beside = any(dropped[i] for i in (index - 1, index + 1) if 0 <= i < len(blocks))
            if beside or starts_lowercase(text) or _inside_a_thought(blocks, index):
                notes.append(Note(block.line, "dropped an image description left from the page", text))
                continue
            notes.append(Note(block.line, "may be a leftover image description: kept as a paragraph", text))
            kept.append(block.with_kind("para-kept"))
        elif block.kind == "para" and starts_lowercase(text) and heading_like(block.with_kind("para"), lowercase=True):
            if _alone_in_lowercase(blocks, index):
                notes.append(Note(block.line, _LOWERCASE_ALT, text))
                continue
            notes.append(Note(block.line, "may be a leftover image description: kept as a paragraph", text))
            kept.append(block.with_kind("para-kept"))
        else:
            kept.append(block)
    return kept


def _repeated_captions(blocks: list[Block]) -> set[int]:
    """The same short line twice in a row ('two hands holding a paper heart'): a caption the builder printed twice."""
    same = set()
    for index in range(len(blocks) - 1):
        one, two = blocks[index], blocks[index + 1]
        if one.kind == two.kind == "para" and one.plain.strip() == two.plain.strip() and len(one.plain.split()) <= 20:
            same |= {index, index + 1}
    return same


def _alone_in_lowercase(blocks: list[Block], index: int) -> bool:
    """A lower-case line between sentences, not one of a list of them under a line ending in ':'."""
    before = blocks[index - 1].plain.rstrip() if index > 0 else ""
    after = blocks[index + 1].plain if index + 1 < len(blocks) else ""
    return not before.endswith(":") and not starts_lowercase(before) and not starts_lowercase(after)


def _is_pure_date_line(text: str) -> bool:
    """'Updated: Nov 20, 2025' or 'Nov 15, 2025 · 3 min read' on its own, not a sentence that has a date in it."""
    line = read_date_line(text)
    return line is not None and not line.terms


def _take_stray_date(header: Header, block: Block) -> None:
    line = read_date_line(block.plain.strip())
    if line is not None and header.date is None and not line.updated:
        header.date, header.date_line, header.date_text = line.date, block.line, block.plain.strip()
    elif line is not None and line.updated and header.updated is None:
        header.updated = line.date


def cover_caption(block: Block, following: Block | None) -> bool:
    """A short sentence-case line between the date line and the first paragraph: the cover image's alt text.

    Not a question, not one or two words ("Introduction"): those read as a first section title.
    """
    text = block.plain.strip()
    return (
        block.kind == "para"
        and len(text.split()) >= 3
        and not text.endswith("?")
        and following is not None
        and following.kind == "para"
        and not heading_like(following)
        and len(text.split()) <= 16
        and not text.endswith((".", "!", ":", ";", ","))
        and text[:1].isupper()
        and (not is_title_case(text) or describes_a_scene(text))
    )


def _indent(line: str) -> int:
    width = 0
    for ch in line:
        if ch == " ":
            width += 1
        elif ch == "\t":
            width += 4
        else:
            break
    return width

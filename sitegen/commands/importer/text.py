"""Copied text (.txt): one paragraph a line, as a browser copies a blog post.

Lines become blocks: "•", "-" or indented lines are list items, and a short line without
a final full stop that is followed by a paragraph is a section title. What is left of
images is dropped; what only might be is kept and reported.
"""

from __future__ import annotations

import re
from dataclasses import replace

from sitegen.commands.importer.blocks import Block, Note, text_block
from sitegen.commands.importer.chrome import split_tail, strip_head
from sitegen.commands.importer.header import (
    METADATA,
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
from sitegen.commands.importer.site import SiteFacts

BULLET = re.compile(r"^(?:([•◦▪▫●○■□‣⁃∙►▸➢➤✓✔→])\s*|([-*+–—])\s+)(?=\S)")
_SUB_BULLETS = "◦○▫□‣"
_NUMBERED = re.compile(r"^(\d{1,2})[.)]\s+(?=\S)")
_HEADING_MAX = 70
_NOT_HEADING_END = (".", ",", ";", ":", "!", "…")


def read_text(text: str, facts: SiteFacts) -> tuple[Header, list[Block], list[Note]]:
    notes: list[Note] = []
    blocks, tail = split_tail(_line_blocks(text), facts, notes)
    blocks = strip_head(blocks, lambda line: classify(line, facts) in METADATA, notes)
    header, blocks = read_header(blocks, facts, title_known=False)
    take_tail_facts(header, tail, facts)
    blocks = _drop_leftovers(blocks, header, notes)
    return header, _find_headings(blocks, notes), notes


def _line_blocks(text: str) -> list[Block]:
    lines = text.split("\n")
    widths = [_indent(line) for line in lines if line.strip()]
    base = min(widths) if widths else 0
    dashed = _dash_bullets(lines)
    blocks: list[Block] = []
    list_indent: int | None = None
    for number, raw in enumerate(lines, start=1):
        stripped = " ".join(raw.split())
        if not stripped:
            continue
        indent = _indent(raw) - base
        bullet = BULLET.match(stripped)
        if bullet and bullet.group(2) in ("–", "—") and number not in dashed:
            bullet = None  # '— Maya Angelou' under a quotation, not a one-item list
        numbered = _NUMBERED.match(stripped)
        previous_is_item = bool(blocks) and blocks[-1].kind in ("item", "ordered")
        if bullet:
            list_indent = indent if not previous_is_item or list_indent is None else list_indent
            deeper = (bool(bullet.group(1)) and bullet.group(1) in _SUB_BULLETS) or indent > list_indent
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


def _dash_bullets(lines: list[str]) -> set[int]:
    """Line numbers of '– '/'— ' lines that have another such line next to them: those are a list."""
    filled = [(n, line.strip()) for n, line in enumerate(lines, start=1) if line.strip()]
    dash = [text.startswith(("– ", "— ")) for _, text in filled]
    return {
        n
        for i, (n, _) in enumerate(filled)
        if dash[i] and ((i > 0 and dash[i - 1]) or (i + 1 < len(dash) and dash[i + 1]))
    }


def _drop_leftovers(blocks: list[Block], header: Header, notes: list[Note]) -> list[Block]:
    """Image leftovers and stray date or reading-time lines go; possible image descriptions are reported."""
    dropped = [is_image_leftover(b.plain) for b in blocks]
    first = next((i for i, gone in enumerate(dropped) if not gone), len(blocks))
    kept: list[Block] = []
    for index, block in enumerate(blocks):
        text = block.plain.strip()
        following = blocks[index + 1] if index + 1 < len(blocks) else None
        if dropped[index]:
            notes.append(Note(block.line, "dropped a leftover of an image", text))
        elif block.kind == "para" and (is_reading_time(text) or _is_pure_date_line(text)):
            _take_stray_date(header, block)
        elif index == first and header.ends_with_metadata and _cover_caption(block, following):
            notes.append(
                Note(
                    block.line,
                    "dropped the short line under the date: it reads as the alt text of the post's cover image",
                    text,
                )
            )
        elif block.kind == "para" and looks_like_alt_text(text):
            beside = any(dropped[i] for i in (index - 1, index + 1) if 0 <= i < len(blocks))
            if beside or starts_lowercase(text):
                notes.append(Note(block.line, "dropped an image description left from the page", text))
                continue
            notes.append(Note(block.line, "may be a leftover image description: kept as a paragraph", text))
            kept.append(block.with_kind("para-kept"))
        elif block.kind == "para" and starts_lowercase(text) and _heading_like(block.with_kind("para"), lowercase=True):
            notes.append(Note(block.line, "may be a leftover image description: kept as a paragraph", text))
            kept.append(block.with_kind("para-kept"))
        else:
            kept.append(block)
    return kept


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


def _cover_caption(block: Block, following: Block | None) -> bool:
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
        and not _heading_like(following)
        and _heading_like(block)
        and (not is_title_case(text) or describes_a_scene(text))
    )


def _find_headings(blocks: list[Block], notes: list[Note]) -> list[Block]:
    """Short lines followed by a paragraph become `##`; runs of them are reported as ambiguous."""
    listed = {i for i, b in enumerate(blocks) if b.kind == "ordered" and _in_numbered_list(blocks, i)}
    like = [i not in listed and _heading_like(b) for i, b in enumerate(blocks)]
    out: list[Block] = []
    index = 0
    while index < len(blocks):
        block = blocks[index]
        if not like[index]:
            out.append(_settle(block, blocks, index))
            index += 1
            continue
        end = index
        while end + 1 < len(blocks) and like[end + 1]:
            end += 1
        run = blocks[index : end + 1]
        following = blocks[end + 1] if end + 1 < len(blocks) else None
        lead_in = out[-1].plain.rstrip().endswith(":") if out and out[-1].kind == "para" else False
        if lead_in and len(run) >= 2:
            last_is_title = following is not None and _title_after_items(run)
            out.extend(b.with_kind("item") for b in (run[:-1] if last_is_title else run))
            if last_is_title:
                out.append(_heading(run[-1]))
        elif following is None or (lead_in and len(run) == 1):
            out.extend(b.with_kind("para") for b in run)
        else:
            for earlier in run[:-1]:
                notes.append(
                    Note(
                        earlier.line,
                        "ambiguous heading: a short line before another one, kept as a paragraph",
                        earlier.plain,
                    )
                )
            out.extend(b.with_kind("para") for b in run[:-1])
            out.append(_heading(run[-1]))
        index = end + 1
    return out


def _title_after_items(run: list[Block]) -> bool:
    """'Trouble sleeping', 'Stomachaches', then 'How Parents Can Help': the list ended; a section begins."""
    return is_title_case(run[-1].plain) and not all(is_title_case(b.plain) for b in run[:-1])


def _heading_like(block: Block, lowercase: bool = False) -> bool:
    if block.kind not in ("para", "ordered"):
        return False
    text = block.plain.strip().rstrip("\"'”’)")
    if not text or len(text) > _HEADING_MAX or len(text.split()) > 12 or text.endswith(_NOT_HEADING_END):
        return False
    if "://" in text or "@" in text or sum(ch.isalpha() for ch in text) < 2:
        return False
    if block.plain.strip()[0] in "\"“‘'" and block.plain.strip()[-1] in "\"”’'":
        return False  # a quotation on a line of its own
    first = block.plain.strip()[0]
    return first.isupper() or first.isdigit() or first in "\"“‘'" or (lowercase and first.islower())


def _heading(block: Block) -> Block:
    if block.kind == "ordered":
        return text_block("heading", block.plain, block.line, 2)
    return block.with_kind("heading", 2)


def _settle(block: Block, blocks: list[Block], index: int) -> Block:
    """A kept maybe-image line is a paragraph; a lone numbered line is text, not a one-item list."""
    if block.kind == "para-kept":
        return block.with_kind("para")
    if block.kind == "ordered" and not _in_numbered_list(blocks, index):
        return text_block("para", block.plain, block.line)
    return block


def _in_numbered_list(blocks: list[Block], index: int) -> bool:
    return any(blocks[i].kind == "ordered" for i in (index - 1, index + 1) if 0 <= i < len(blocks))


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

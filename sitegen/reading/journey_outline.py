"""The outline of a journey file: its headings as a tree, and the patterns that name its parts."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from sitegen.reading.models import Section

HEADING = re.compile(r"^(#{1,6})[ \t]+(.*?)[ \t]*#*[ \t]*$")
FENCE = re.compile(r"^[ \t]*(```|~~~)")
DAY = re.compile(r"^day[ \t]+(\d+)[ \t]*(?:[:\-–—][ \t]*(.*))?$", re.IGNORECASE)
WEEK = re.compile(r"^week[ \t]+(\d+)[ \t]*(?:[:\-–—][ \t]*(.*))?$", re.IGNORECASE)
PLAN = re.compile(r"^(?:your[ \t]+)?journey[ \t]+plan$", re.IGNORECASE)
DURATION = re.compile(r"^\s*(\d+)\s*(week|day)s?\s*$", re.IGNORECASE)
BULLET = re.compile(r"^[ \t]{0,3}(?:[-*+•]|\d+[.)])[ \t]+(.*)$")
REMEMBER = re.compile(r"^[*_]*remember\b", re.IGNORECASE)
DAY_FILE = re.compile(r"^day-(\d+)\.md$")
DAY_LIKE = re.compile(r"^day[ \t]*(\d+)\b", re.IGNORECASE)


@dataclass
class Block:
    """A heading and the lines under it, up to the next heading of the same or higher level."""

    level: int
    title: str
    line: int
    lines: list[str] = field(default_factory=list)
    children: list[Block] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


@dataclass
class WrittenDay:
    number: int
    title: str
    sections: tuple[Section, ...]
    line: int
    path: str
    minutes: int | None = None


def outline(body: str, first_line: int, section_level: int = 2) -> tuple[Block, list[Block]]:
    """The lead (before any section heading) and the section blocks, with their children."""
    lead = Block(0, "", first_line)
    blocks: list[Block] = []
    in_fence = False
    for offset, line in enumerate(body.split("\n")):
        number = first_line + offset
        if FENCE.match(line):
            in_fence = not in_fence
        match = None if in_fence else HEADING.match(line)
        level = len(match.group(1)) if match else 0
        if match and level == section_level:
            blocks.append(Block(level, match.group(2), number))
            continue
        if match and level == section_level + 1 and blocks:
            blocks[-1].children.append(Block(level, match.group(2), number))
            continue
        if match and level < section_level and not blocks and not lead.title:
            lead.title, lead.line = match.group(2), number
            continue
        target = blocks[-1].children[-1] if blocks and blocks[-1].children else (blocks[-1] if blocks else lead)
        target.lines.append(line)
    return lead, blocks


def take_closing(blocks: list[Block]) -> str:
    """Remove and return the final 'Remember: ...' paragraph, wherever the last section ends."""
    if not blocks:
        return ""
    last = blocks[-1].children[-1] if blocks[-1].children else blocks[-1]
    lines = last.lines
    end = len(lines)
    while end and not lines[end - 1].strip():
        end -= 1
    start = end
    while start and lines[start - 1].strip() and not BULLET.match(lines[start - 1]):
        start -= 1
    paragraph = "\n".join(lines[start:end])
    if not REMEMBER.match(paragraph.strip()):
        return ""
    del lines[start:]
    return paragraph

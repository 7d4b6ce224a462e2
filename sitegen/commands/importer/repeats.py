"""Lines that repeat the post's own text: a table of contents, and pull quotes.

A table of contents comes with its title, its 'Toggle' button and its entries. The entries are
told apart from a run of short paragraphs by the document: each repeats a line further down, the
section title it points to. The line that names the table ('Table of Contents', 'In this
article') never belongs to the writer's prose. A pull quote is a sentence or two of a paragraph
set apart in large type; copied, it reads as a paragraph of its own that says again, word for
word, what a longer paragraph of the post already says.
"""

from __future__ import annotations

import re

from sitegen.commands.importer.blocks import Block, Note
from sitegen.commands.importer.site import loose

_TABLE = re.compile(
    r"^(?:table of contents?|contents|in this (?:article|post)|on this page|jump to(?: section)?|article contents)"
    r"\s*:?$",
    re.IGNORECASE,
)
_BUTTON = re.compile(r"^\[?(?:toggle|hide|show|open|close)\]?$", re.IGNORECASE)
_ENTRY_WORDS = 14
_SENTENCE_END = (".", "!", "?", "…", "”", '"')
_PULL_QUOTE = "dropped a pull quote: a longer paragraph of the post says it word for word"
_QUOTE_WORDS = 8  # a shorter line said twice may be a refrain, not a pull quote


def drop_table_of_contents(blocks: list[Block], notes: list[Note]) -> list[Block]:
    """The post without its table of contents; each dropped line is reported."""
    gone: set[int] = set()
    for index, block in enumerate(blocks):
        if block.kind in ("para", "heading") and _TABLE.match(block.plain.strip()):
            gone |= _table_at(blocks, index)
    for index in sorted(gone):
        notes.append(Note(blocks[index].line, "dropped a line of the post's table of contents", blocks[index].plain))
    return [b for i, b in enumerate(blocks) if i not in gone]


def _table_at(blocks: list[Block], start: int) -> set[int]:
    """The title at `start`, a button just below it, and the entries that repeat a later line."""
    table = {start}
    index = start + 1
    while index < len(blocks) and _BUTTON.match(blocks[index].plain.strip()):
        table.add(index)
        index += 1
    while index < len(blocks) and _is_entry(blocks, index):
        table.add(index)
        index += 1
    return table


def _is_entry(blocks: list[Block], index: int) -> bool:
    text = blocks[index].plain.strip()
    if blocks[index].kind not in ("para", "item", "heading") or len(text.split()) > _ENTRY_WORDS:
        return False
    key = loose(text)
    return bool(key) and any(loose(b.plain) == key for b in blocks[index + 1 :])


def drop_pull_quotes(blocks: list[Block], notes: list[Note]) -> list[Block]:
    """The post without paragraphs that a longer paragraph of it holds word for word."""
    prose = [loose(b.plain) if b.kind in ("para", "quote") else "" for b in blocks]
    gone = {
        index
        for index, block in enumerate(blocks)
        if prose[index]
        and len(block.plain.split()) >= _QUOTE_WORDS
        and block.plain.rstrip().endswith(_SENTENCE_END)
        and any(prose[index] in other and len(other) > len(prose[index]) for other in prose)
    }
    for index in sorted(gone):
        notes.append(Note(blocks[index].line, _PULL_QUOTE, blocks[index].plain))
    return [b for i, b in enumerate(blocks) if i not in gone]

"""Markdown whose HTML would take the sanitiser minutes, found before it is read.

cmark-gfm reads any text in time proportional to its length, but the HTML it writes can
still cost the HTML parser behind nh3 time in the square of something: it looks through
every open element for some tags, so thousands of quotes, lists or HTML elements inside
one another (60 KB of `>` took 12 s, a larger file hours); it copies a run of text again
for each `&`, `<`, `>` or `"` in it; and a table's rows are padded to its header's width,
so a wide header over many short rows writes megabytes. No page a writer makes comes near
the bounds below: a file past one is refused with the line where the trouble starts.
"""

from __future__ import annotations

import re

import msgspec

MAX_NESTING = 100
"""Quotes, lists or HTML elements inside one another; at this depth sanitising takes a
millisecond, and a list indented by four spaces a level may go fifty levels deep."""

ESCAPES_BUDGET = 30_000_000_000
"""Characters escaped as entities in a paragraph times its length, summed over a file: about
a quarter of a second of sanitising. A long article's paragraphs come to a few million."""

TABLE_CELLS = 200_000
"""Cells in a file's tables, empty ones padded out included: a few megabytes of HTML."""

_ESCAPED = '&<>"\u00a0'
_BLANK_LINE = re.compile(r"\n[ \t]*\n")
_DELIMITER_ROW = re.compile(r"\n[ \t]*\|?(?:[ \t]*:?-+:?[ \t]*\|)+(?:[ \t]*:?-+:?)?[ \t]*(?=\n|\Z)")

_DASHES = re.compile(r"-+")
_LONG_PREFIX = re.compile(rf"\n[ \t>*+\-.)0-9]{{{MAX_NESTING},}}")
"""A line whose start is long enough to open that many quotes or lists (each takes a `>`, a
list marker, or two spaces of indent): the only lines worth measuring. Found from the line
break before it (the text is searched with a "\n" in front), many times quicker than `^`."""
_CONTAINER = re.compile(r">|(?<![^ \t>])(?:[-*+]|\d{1,9}[.)])(?=[ \t])")
_FENCED_CODE = re.compile(r"^ {0,3}(`{3,}|~{3,}).*?(?:^ {0,3}\1[`~]*[ \t]*$|\Z)", re.MULTILINE | re.DOTALL)
_TAG = re.compile(r"""<(/?)([A-Za-z][A-Za-z0-9-]*)(?:\s(?:[^<>"']|"[^"]*"|'[^']*')*)?>""")
_NOT_NESTING = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
    | {"p", "li", "dt", "dd", "tr", "td", "th", "thead", "tbody", "tfoot", "option", "rt", "rp"}
)
"""Elements that hold nothing, or that HTML closes by itself when the next one starts."""


class CostlyMarkup(msgspec.Struct, frozen=True):
    offset: int
    """Where the trouble starts, as an index into the text."""
    message: str
    hint: str


def costly_markup(text: str) -> CostlyMarkup | None:
    """Where `text` nests quotes, lists or HTML elements too deep; None for everything a writer
    actually writes."""
    return _too_deep_containers(text) or _too_deep_html(text) or _too_many_escapes(text) or _too_many_cells(text)


def _too_deep_containers(text: str) -> CostlyMarkup | None:
    for line in _LONG_PREFIX.finditer("\n" + text):
        prefix = line.group()[1:]
        indent = len(prefix.expandtabs(4)) - len(prefix.expandtabs(4).lstrip(" "))
        containers = len(_CONTAINER.findall(prefix))
        if containers and containers + indent // 2 > MAX_NESTING:
            return CostlyMarkup(
                line.start(),
                f"quotes ('>') or lists are nested more than {MAX_NESTING} levels deep",
                "start fewer quotes or lists inside one another, or write '\\>' or '\\-' for one that is only text",
            )
    return None


def _too_deep_html(text: str) -> CostlyMarkup | None:
    if text.count("<") <= MAX_NESTING:
        return None
    text = _FENCED_CODE.sub(lambda code: " " * len(code.group()), text)  # HTML written there is only shown
    depth = 0
    for tag in _TAG.finditer(text):
        closing, name = tag.groups()
        if name.lower() in _NOT_NESTING or tag.group().endswith("/>"):
            continue
        depth = max(0, depth - 1) if closing else depth + 1
        if depth > MAX_NESTING:
            return CostlyMarkup(
                tag.start(),
                f"HTML elements are nested more than {MAX_NESTING} levels deep",
                f"close each HTML tag you open (<{name}> with </{name}>)",
            )
    return None


def _too_many_escapes(text: str) -> CostlyMarkup | None:
    if sum(text.count(char) for char in _ESCAPED) * len(text) <= ESCAPES_BUDGET:
        return None
    work, start = 0, 0
    for gap in (*_BLANK_LINE.finditer(text), None):
        end = gap.start() if gap else len(text)
        block = text[start:end]
        work += sum(block.count(char) for char in _ESCAPED) * len(block)
        if work > ESCAPES_BUDGET:
            return CostlyMarkup(
                start,
                "too many '&', '<', '>' or '\"' in one paragraph",
                "split the text into paragraphs with blank lines",
            )
        start = gap.end() if gap else end
    return None


def _too_many_cells(text: str) -> CostlyMarkup | None:
    if "-|" not in text and "|-" not in text and ":|" not in text and "|:" not in text:
        return None
    cells = 0
    text = "\n" + text
    for row in _DELIMITER_ROW.finditer(text):
        if "|" not in row.group():
            continue
        gap = _BLANK_LINE.search(text, row.end())
        rows = 2 + text.count("\n", row.end(), gap.start() if gap else len(text))
        cells += len(_DASHES.findall(row.group())) * rows
        if cells > TABLE_CELLS:
            return CostlyMarkup(
                row.start(),
                f"the tables here have more than {TABLE_CELLS:,} cells",
                "give a table fewer columns, or split it into smaller tables",
            )
    return None

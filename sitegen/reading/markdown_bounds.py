"""Markdown whose reading time or depth would run away, found before Python-Markdown reads it.

Python-Markdown scans forward from each `[` for its `]`, from each link's `(` for its
`)`, and from each `<` that could open an HTML tag for its `>`. Text where many of these
never close, or nest hundreds deep, makes every scan run to the end: a 60 KB file of
`[[[[…` took minutes. Emphasis and lists nested hundreds deep exhaust Python's stack.

So before rendering, the scans' total length is worked out (in time proportional to
the number of brackets, not their product), and the nesting of emphasis and lists is
measured. Past the bounds below, no real page goes: the file is refused with the line
where the trouble starts. Everything within them renders exactly as before.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from markdown.extensions.fenced_code import FencedBlockPreprocessor

WORK_BUDGET = 300_000
"""Characters Python-Markdown may scan for one kind of closing mark in a file: at worst
(each `[` is tried by several link patterns) about a third of a second. A long article
with hundreds of links needs a few tens of thousands."""

INLINE_BUDGET = 250_000_000
"""Characters Python-Markdown may copy while it marks up one file's inline text: each mark
it replaces (an escape, an entity, a code span, emphasis, a link) copies the rest of its
paragraph, so a paragraph of thousands of marks copies gigabytes. A long article copies a
few million; at this bound the copying takes well under a second."""

_INLINE_MARKS = "\\&`*_[<"

LINE_BUDGET = 20_000_000
"""Characters Python-Markdown may re-read line by line in one file (a few tenths of a second):
a heading or rule in the middle of a paragraph is split off and the rest of the paragraph
read again, and an attribute list (`{: .class}`) is looked for from every '{' of a heading."""

MAX_NESTING = 100
"""Emphasis or list levels inside one another; Python's stack gives out at about 250."""

_BLANK_LINE = re.compile(r"\n[ \t]*(?=\n)")
_FENCE = FencedBlockPreprocessor.FENCED_BLOCK_RE
"""Python-Markdown's own pattern: what it reads as code, and nothing more, is skipped."""
_BRACKET = re.compile(r"[\[\]]")
_PAREN = re.compile(r"[()]")
_QUOTE = re.compile(r"['\"]")
_TAG_OPEN = re.compile(r"<[a-zA-Z]")
_TAG_STOP = re.compile(r"""[>`]|=\s*(['"])""")
_SPLIT_OFF = re.compile(r"^ {0,3}(?:#|([-*_])(?: *\1){2,} *$)", re.MULTILINE)
_EMPHASIS = re.compile(r"[*_]+")
_DEEP_INDENT = re.compile(rf"^[ \t]{{{MAX_NESTING // 2},}}", re.MULTILINE)
_LIST_ITEM = re.compile(r"^([ \t]*)(?:[-*+]|\d+[.)])[ \t]", re.MULTILINE)


@dataclass(frozen=True)
class CostlyMarkup:
    offset: int
    """Where the trouble starts, as an index into the text."""
    message: str
    hint: str


def costly_markup(text: str) -> CostlyMarkup | None:
    """The first shape in `text` that Python-Markdown could not read in reasonable time and
    stack; None for everything a writer actually writes."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").expandtabs(4)  # as Python-Markdown first reads it
    text = _FENCE.sub(lambda code: " " * len(code.group()), text)  # code is never scanned for marks
    blocks = _blocks(text)
    for work_of, budget, message, hint in _SCANS:
        total = 0
        for start, block in blocks:
            total += work_of(block)
            if total > budget:
                return CostlyMarkup(start, f"{message}: this text would take minutes to read", hint)
    tag_work, first_open = _tag_work(text)
    if tag_work > WORK_BUDGET:
        return CostlyMarkup(
            first_open,
            "too many '<' start an HTML tag that never ends: this text would take minutes to read",
            "end each HTML tag with '>', or write '&lt;' for a '<' that is only text",
        )
    return _too_deep_emphasis(blocks) or _too_deep_list(text)


def _blocks(text: str) -> list[tuple[int, str]]:
    """Paragraph-like stretches between blank lines, with where each starts: no inline
    scan in Python-Markdown crosses a blank line."""
    blocks, start = [], 0
    for gap in _BLANK_LINE.finditer(text):
        blocks.append((start, text[start : gap.start()]))
        start = gap.end() + 1
    blocks.append((start, text[start:]))
    return blocks


def _inline_copying(block: str) -> int:
    """At most how many characters marking up `block` copies: each possible mark copies the
    paragraph, which grows by a placeholder of about ten characters per mark replaced."""
    if 11 * len(block) ** 2 <= INLINE_BUDGET // 100:
        return 0  # even if every character were a mark, a hundred such blocks stay within the bound
    marks = sum(block.count(mark) for mark in _INLINE_MARKS)
    return marks * (len(block) + 10 * marks)


def _line_work(block: str) -> int:
    """Characters read again for the headings and rules split off `block` one at a time, and
    for the attribute lists looked for from each '{' of a line."""
    split_off = len(_SPLIT_OFF.findall(block))
    braces = sum(line.count("{") * len(line) for line in block.split("\n") if "{" in line)
    return split_off * len(block) + braces


def _bracket_work(block: str) -> int:
    """Characters scanned for the `]` of every `[`: to its match, or to the block's end."""
    work, opened = 0, []
    for mark in _BRACKET.finditer(block):
        if mark.group() == "[":
            opened.append(mark.start())
        elif opened:
            work += mark.start() - opened.pop()
    return work + sum(len(block) - at for at in opened)


def _link_work(block: str) -> int:
    """Characters scanned for the `)` after every `](`: to its match or, when a quote starts a
    title first, to where that quote is followed by `)`; to the block's end if neither comes."""
    starts = [found.start() + 1 for found in re.finditer(r"\]\(", block)]
    if not starts:
        return 0
    closes: dict[int, int] = {}
    opened: list[int] = []
    for mark in _PAREN.finditer(block):
        if mark.group() == "(":
            opened.append(mark.start())
        elif opened:
            closes[opened.pop()] = mark.start()
    quotes = [found.start() for found in _QUOTE.finditer(block)]
    work = 0
    for start in starts:
        end = closes.get(start, len(block))
        first_quote = bisect.bisect_left(quotes, start)
        if first_quote < len(quotes) and quotes[first_quote] < end:  # a title: it ends at its quote and ')'
            quote_at = quotes[first_quote]
            end = block.find(block[quote_at] + ")", quote_at + 1)
            end = len(block) if end < 0 else end + 1
        work += end - start
        if work > WORK_BUDGET:
            break
    return work


def _tag_work(text: str) -> tuple[int, int]:
    """Characters the HTML reader scans from each `<` that may open a tag, and where the first
    such `<` is. A scan ends at `>` (the tag is whole and skipped), at a backtick (not a tag),
    or at the end; a quoted attribute value carries it past any `>` inside the quotes."""
    if not _TAG_OPEN.search(text):
        return 0, 0
    stops = [(found.start(), found.group(1) or found.group()) for found in _TAG_STOP.finditer(text)]
    positions = [at for at, _ in stops]
    ends: dict[int, tuple[int, bool]] = {}

    def scan_end(start: int) -> tuple[int, bool]:
        path, at = [], start
        while at not in ends:
            path.append(at)
            index = bisect.bisect_left(positions, at)
            if index == len(stops):
                ends[at] = (len(text), False)
                break
            where, mark = stops[index]
            if mark in "'\"":
                quote_at = text.index(mark, where)
                closing = text.find(mark, quote_at + 1)
                if closing < 0:
                    ends[at] = (quote_at, False)
                    break
                at = closing + 1
                continue
            ends[at] = (where, mark == ">")
            break
        for visited in path:
            ends[visited] = ends[at]
        return ends[at]

    work, resume, first = 0, 0, -1
    for found in _TAG_OPEN.finditer(text):
        if found.start() < resume:
            continue
        end, whole = scan_end(found.start())
        work += end - found.start()
        if whole:
            resume = end
        elif first < 0:
            first = found.start()
        if work > WORK_BUDGET:
            break
    return work, max(first, 0)


def _too_deep_emphasis(blocks: list[tuple[int, str]]) -> CostlyMarkup | None:
    """Emphasis nested too deep: a `*` or `_` before a word opens, one after a word closes the
    latest still open; only pairs that close nest (`*a *b *c` is flat text)."""
    for start, block in blocks:
        if block.count("*") + block.count("_") <= 2 * MAX_NESTING:
            continue  # each level takes a mark to open and one to close
        opened: list[int] = []
        changes: list[tuple[int, int]] = []
        for run in _EMPHASIS.finditer(block):
            before = block[run.start() - 1] if run.start() else " "
            after = block[run.end()] if run.end() < len(block) else " "
            if not after.isspace() and not before.isalnum():
                opened.extend(range(run.start(), run.end()))
            elif not before.isspace() and not after.isalnum():
                for _ in range(min(len(opened), len(run.group()))):
                    changes += [(opened.pop(), 1), (run.start(), -1)]
        depth = 0
        for at, change in sorted(changes):
            depth += change
            if depth > MAX_NESTING:
                return CostlyMarkup(
                    start + at,
                    f"emphasis ('*' or '_') is nested more than {MAX_NESTING} levels deep",
                    "close each '*' or '_' sooner, or write '\\*' for one that is only text",
                )
    return None


def _too_deep_list(text: str) -> CostlyMarkup | None:
    if not _DEEP_INDENT.search(text):
        return None
    for item in _LIST_ITEM.finditer(text):
        if len(item.group(1).expandtabs(4)) // 4 > MAX_NESTING // 2:
            return CostlyMarkup(
                item.start(),
                f"a list is nested more than {MAX_NESTING // 2} levels deep",
                "indent a list item by at most a few levels of four spaces",
            )
    return None


_SCANS = (
    (
        _bracket_work,
        WORK_BUDGET,
        "too many '[' never close or nest deeply",
        "close each '[' with ']', or write '\\[' for one that is text",
    ),
    (_link_work, WORK_BUDGET, "too many links leave their '(' open", "end each link's address with ')'"),
    (
        _inline_copying,
        INLINE_BUDGET,
        "too many Markdown marks (\\ & ` * _ [ <) in one paragraph",
        "split it into paragraphs with blank lines, or remove marks that are only text",
    ),
    (
        _line_work,
        LINE_BUDGET,
        "too many headings, rules or '{' in one paragraph",
        "put a blank line after each heading, or write '\\{' for a brace that is only text",
    ),
)

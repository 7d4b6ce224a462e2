"""Which short lines of copied text are section titles, list items or plain paragraphs, decided per document.

A short line alone says little; its neighbours and siblings say more. A short line followed by a
paragraph is a section title, unless it is one of a run: a run of questions or quotations stays
paragraphs, and a run of fragments under a line ending in ':' is a list. Sibling titles are made
alike: when "Anxious Attachment" and "Avoidant Attachment" are section titles, so is
"Disorganized Attachment", and when "1. Know your limits" is one, so are 2, 3 and 4. Every
decision taken on such a guess is reported with its line.
"""

from __future__ import annotations

import re

from sitegen.commands.importer.blocks import Block, Note, escape_markdown, text_block
from sitegen.commands.importer.leftovers import is_title_case

_HEADING_MAX = 70
_NOT_HEADING_END = (".", ",", ";", ":", "!", "…")
_ITEM_MAX = 160
_SENTENCE_END = (".", "!", "?", "…", ":", ";")
_QUOTED = ("\"“‘'", "\"”’'")
_SUMMARY = re.compile(r"^(?:key (?:points|takeaways)|takeaways|in brief|at a glance|in short)$", re.IGNORECASE)
_REFERENCES = re.compile(r"^(?:references|sources|further reading|works cited|citations)$", re.IGNORECASE)
_CITATION = re.compile(r"\(\d{4}[a-z]?\)\.|\b\d{4}\.\s|doi\.org|\bdoi:", re.IGNORECASE)
_NUMBER = re.compile(
    r"^(?:(?:tip|step|part|day|week|rule|sign|reason|way|question|lesson)\s*)?#?(\d{1,2})\s*[.):]\s*", re.IGNORECASE
)


def find_headings(blocks: list[Block], notes: list[Note]) -> list[Block]:
    """Short lines followed by a paragraph become `##`; runs are decided as a whole; siblings are made alike."""
    listed = _numbered_lists(blocks)
    like = [i not in listed and heading_like(b) for i, b in enumerate(blocks)]
    out: list[Block] = []
    index = 0
    while index < len(blocks):
        block = blocks[index]
        fragments = _sentence_list(blocks, index, out) or _fragment_run(blocks, index, out)
        if fragments:
            above = out[-1].plain.strip()
            notes.append(Note(block.line, f"read the lines under '{above}' as a list", block.plain))
            out.extend(fragments)
            index += len(fragments)
            continue
        if not like[index]:
            out.append(_settle(block, blocks, index))
            index += 1
            continue
        end = index
        while end + 1 < len(blocks) and like[end + 1]:
            end += 1
        run = blocks[index : end + 1]
        if len(run) == 2 and end + 1 < len(blocks) and _opens_subsections(run, blocks[end + 1 :], like[end + 1 :]):
            notes.append(Note(run[1].line, "read as the first part of the section above it (###)", run[1].plain))
            out.extend([_heading(run[0]), _heading(run[1]).with_kind("heading", 3)])
        else:
            out.extend(_decide_run(run, blocks[end + 1] if end + 1 < len(blocks) else None, out, notes))
        index = end + 1
    return _nest_subsections(_alike_siblings(out, notes))


def _opens_subsections(run: list[Block], rest: list[Block], like: list[bool]) -> bool:
    """'Three places to start', then 'Light': a section whose parts ('Movement', 'Connection') follow."""
    parent, first = run[0].plain.split(), run[1].plain.split()
    if len(first) >= len(parent) or _asks_or_quotes(run[1].plain):
        return False
    later = [b for i, b in enumerate(rest[:-1]) if like[i] and not like[i + 1]]
    return any(_subsection_siblings(run[1].plain, b.plain) for b in later)


def _subsection_siblings(one: str, other: str) -> bool:
    a, b = one.split(), other.split()
    return bool(a and b) and (
        a[0] == b[0] or (len(a) <= 2 and len(b) <= 2 and one[:1].isupper() and other[:1].isupper())
    )


def _nest_subsections(blocks: list[Block]) -> list[Block]:
    """After a `###` part, the section titles shaped like it are parts too, until one is not."""
    out: list[Block] = []
    part = ""
    for block in blocks:
        if block.kind == "heading" and block.level == 3:
            part = block.plain
        elif block.kind == "heading" and part and _subsection_siblings(part, block.plain):
            block = block.with_kind("heading", 3)
        elif block.kind == "heading":
            part = ""
        out.append(block)
    return out


def _numbered_lists(blocks: list[Block]) -> set[int]:
    """Numbered lines that are a list; not the last of a list when it carries on the numbered titles around it.

    '3. Offer specific help', a list '1.' '2.' '3.', then '4. Make room for every feeling' over a paragraph:
    the 4 follows the titles' 3, so it is the next title, not the list's fourth item.
    """
    listed = {i for i, b in enumerate(blocks) if b.kind == "ordered" and _in_numbered_list(blocks, i)}
    titles = [i for i, b in enumerate(blocks) if b.kind == "ordered" and i not in listed]
    for index in sorted(listed):
        ends_list = index + 1 < len(blocks) and blocks[index + 1].kind == "para" and index + 1 not in listed
        earlier = [i for i in titles if i < index]
        carries_on = bool(earlier) and _number(blocks[index]) == _number(blocks[earlier[-1]]) + 1
        if ends_list and carries_on and heading_like(blocks[index]) and not heading_like(blocks[index + 1]):
            listed.discard(index)
    return listed


def _number(block: Block) -> int:
    match = re.match(r"\s*(\d+)", block.plain)
    return int(match.group(1)) if match else -1


def _decide_run(run: list[Block], following: Block | None, out: list[Block], notes: list[Note]) -> list[Block]:
    lead_in = out[-1].plain.rstrip().endswith(":") if out and out[-1].kind == "para" else False
    if len(run) >= 2 and all(_asks_or_quotes(b.plain) for b in run):
        notes.append(Note(run[0].line, "a run of short questions or quotations: kept as paragraphs", run[0].plain))
        return [_settle_para(b) for b in run]
    if len(run) >= 3 and not lead_in and all(_asks_or_quotes(b.plain) for b in run[1:]):
        notes.append(Note(run[1].line, "a run of short questions or quotations: kept as paragraphs", run[1].plain))
        return [_heading(run[0]), *(_settle_para(b) for b in run[1:])]
    if lead_in and len(run) >= 2:
        last_is_title = following is not None and _title_after_items(run)
        items = [b.with_kind("item") for b in (run[:-1] if last_is_title else run)]
        return [*items, _heading(run[-1])] if last_is_title else items
    if following is None or (lead_in and len(run) == 1):
        return [_settle_para(b) for b in run]
    for earlier in run[:-1]:
        notes.append(
            Note(earlier.line, "ambiguous heading: a short line before another one, kept as a paragraph", earlier.plain)
        )
    return [*(_settle_para(b) for b in run[:-1]), _heading(run[-1])]


def lists_under_headings(blocks: list[Block]) -> list[Block]:
    """A saved page's 'Key points' and 'References' set as paragraphs become lists, and top-level sections."""
    out: list[Block] = []
    index = 0
    while index < len(blocks):
        block = blocks[index]
        if block.kind == "heading" and (_REFERENCES.match(block.plain.strip()) or _SUMMARY.match(block.plain.strip())):
            block = block.with_kind("heading", 2)  # never part of the section above it
        items = _sentence_list(blocks, index, out) if out and out[-1].kind == "heading" else []
        out.extend(items or [block])
        index += len(items) or 1
    return out


def _sentence_list(blocks: list[Block], index: int, out: list[Block]) -> list[Block]:
    """Under 'Key points' or 'Some ideas people have found useful:', a run of one-sentence lines is a list;
    under 'References', so are the citations."""
    before = out[-1] if out else None
    if before is None or before.kind not in ("para", "heading"):
        return []
    if before.kind == "heading" and _REFERENCES.match(before.plain.strip()):
        end = index
        while end < len(blocks) and blocks[end].kind == "para" and _CITATION.search(blocks[end].plain):
            end += 1
        return [b.with_kind("item") for b in blocks[index:end]]
    summary = before.kind == "heading" and bool(_SUMMARY.match(before.plain.strip()))
    if not summary and not (before.kind == "para" and before.plain.rstrip().endswith(":")):
        return []
    end = index
    while end < len(blocks) and blocks[end].kind == "para" and _one_sentence(blocks[end].plain):
        end += 1
    return [b.with_kind("item") for b in blocks[index:end]] if end - index >= (2 if summary else 3) else []


def _one_sentence(text: str) -> bool:
    text = text.strip()
    return text.endswith(".") and len(text.split()) <= 35 and ". " not in text[:-1] and text[:1].isupper()


def _fragment_run(blocks: list[Block], index: int, out: list[Block]) -> list[Block]:
    """Under 'Some signs to watch for:', unpunctuated lines up to the next sentence are the list it announces."""
    after_heading = bool(out) and out[-1].kind == "heading"
    if not out or not (after_heading or (out[-1].kind == "para" and out[-1].plain.rstrip().endswith(":"))):
        return []
    end = index
    while end < len(blocks) and _is_fragment(blocks[end]):
        end += 1
    run = blocks[index:end]
    if len(run) < (3 if after_heading else 2) or all(heading_like(b) for b in run):
        return []  # all short: the run rules decide
    if end < len(blocks) and (_title_after_items(run) or _short_after_items(run)):
        return [*(b.with_kind("item") for b in run[:-1]), _heading(run[-1])]
    return [b.with_kind("item") for b in run]


def _is_fragment(block: Block) -> bool:
    text = block.plain.strip()
    return (
        block.kind == "para"
        and 0 < len(text) <= _ITEM_MAX
        and not text.endswith(_SENTENCE_END)
        and (text[0].isupper() or text[0].isdigit())
    )


def _asks_or_quotes(text: str) -> bool:
    text = text.strip()
    quoted = text[:1] in _QUOTED[0] and text.rstrip(".!?,")[-1:] in _QUOTED[1]
    return text.endswith("?") or text.endswith(("?”", '?"')) or quoted


def _alike_siblings(blocks: list[Block], notes: list[Note]) -> list[Block]:
    """Paragraphs shaped like the section titles around them ('3. Have a few phrases ready') become titles too."""
    titles = [b for b in blocks if b.kind == "heading"]
    out: list[Block] = []
    for index, block in enumerate(blocks):
        following = blocks[index + 1] if index + 1 < len(blocks) else None
        sibling = next((t for t in titles if _siblings(t.plain, block.plain)), None)
        if (
            block.kind == "para"
            and sibling is not None
            and following is not None
            and following.kind != "heading"
            and heading_like(block, sentence_end=False)
        ):
            notes.append(
                Note(block.line, f"made a section title, like its sibling '{sibling.plain.strip()}'", block.plain)
            )
            out.append(_heading(block))
        else:
            out.append(block)
    return out


def _siblings(title: str, line: str) -> bool:
    """'2. Plan your exit' and '3. Have phrases ready'; 'Anxious Attachment' and 'Avoidant Attachment'."""
    title, line = title.strip(), line.strip()
    if title == line:
        return False
    numbered = _NUMBER.match(title), _NUMBER.match(line)
    if numbered[0] and numbered[1]:
        return _number_shape(title, numbered[0]) == _number_shape(line, numbered[1])
    words, other = title.split(), line.split()
    return (
        2 <= len(words) <= 4
        and len(words) == len(other)
        and words[-1] == other[-1]
        and is_title_case(title)
        and is_title_case(line)
    )


def _number_shape(text: str, match: re.Match[str]) -> str:
    """'Tip #2: Slow down' -> 'tip #:': what surrounds the number, which siblings share."""
    return (text[: match.start(1)] + text[match.end(1) : match.end()]).lower().replace(" ", "")


def _short_after_items(run: list[Block]) -> bool:
    """'Softening its grip' after four long items, with a paragraph under it: the next section's title."""
    lengths = sorted(len(b.plain.split()) for b in run[:-1])
    words = len(run[-1].plain.split())
    return len(run) >= 3 and heading_like(run[-1]) and words <= 4 and words * 3 <= lengths[len(lengths) // 2]


def _title_after_items(run: list[Block]) -> bool:
    """'Trouble sleeping', 'Stomachaches', then 'How Parents Can Help': the list ended; a section begins."""
    return is_title_case(run[-1].plain) and not all(is_title_case(b.plain) for b in run[:-1])


def heading_like(block: Block, lowercase: bool = False, sentence_end: bool = True) -> bool:
    """Short, unpunctuated, starting with a capital or a number: a line that could be a section title."""
    if block.kind not in ("para", "ordered"):
        return False
    text = block.plain.strip().rstrip("\"'”’)")
    if not text or len(text) > _HEADING_MAX or len(text.split()) > 12:
        return False
    if sentence_end and text.endswith(_NOT_HEADING_END):
        return False
    if "://" in text or "@" in text or sum(ch.isalpha() for ch in text) < 2:
        return False
    if block.plain.strip()[0] in _QUOTED[0] and block.plain.strip()[-1] in _QUOTED[1]:
        return False  # a quotation on a line of its own
    first = block.plain.strip()[0]
    return first.isupper() or first.isdigit() or first in "\"“‘'" or (lowercase and first.islower())


def _heading(block: Block) -> Block:
    """A section title keeps its words and its number as written: '## 2. Name the feeling', never '2\\.'."""
    if block.kind == "heading":
        return block
    text = escape_markdown(block.plain.strip())
    number = re.match(r"^(\d+)\\([.)])", text)
    if number:
        text = number.group(1) + number.group(2) + text[number.end() :]
    elif text.startswith("\\#"):
        text = text[1:]
    return Block("heading", text, block.plain, block.line, 2)


def _settle_para(block: Block) -> Block:
    if block.kind == "ordered":
        return text_block("para", block.plain, block.line)
    return block.with_kind("para")


def _settle(block: Block, blocks: list[Block], index: int) -> Block:
    """A kept maybe-image line is a paragraph; a lone numbered line is text, not a one-item list."""
    if block.kind == "para-kept":
        return block.with_kind("para")
    if block.kind == "ordered" and not _in_numbered_list(blocks, index):
        return text_block("para", block.plain, block.line)
    return block


def _in_numbered_list(blocks: list[Block], index: int) -> bool:
    return any(blocks[i].kind == "ordered" for i in (index - 1, index + 1) if 0 <= i < len(blocks))

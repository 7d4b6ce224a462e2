"""The top of a copied post: title, teaser, category line, author line, date line, in any order.

Each of the first lines is classified on its own (a date, a reading time, "By …", a
run-together category line…); lines that only *might* be an author or a category
(a bare name, a line in capitals) count as one when they sit next to a line that surely is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from sitegen.commands.importer.blocks import Block
from sitegen.commands.importer.chrome import TailFacts
from sitegen.commands.importer.dates import READING_TIME, FoundDate, find_date, unglue_reading_time
from sitegen.commands.importer.leftovers import is_image_leftover, is_leading_widget, is_title_case
from sitegen.commands.importer.site import Segment, SiteFacts, loose, without_credentials

WINDOW = 12
_META = frozenset({"date", "reading", "author", "category"})
_UNDECIDED = ("other", "maybe-category", "maybe-glued", "maybe-name")
_BY_PREFIX = re.compile(
    r"^(?:(?:written|posted|published|authored)\s+by|by|author:|writer:)\s*\S|^(?:writer|author)['’]?s?\s+(?:picture|photo)",
    re.IGNORECASE,
)
_NAME_WORD = r"(?:[A-Z][a-z]+(?:[-'’][A-Za-z]+)*|[A-Z]\.|Dr\.?|[A-Z][a-z]*[A-Z][a-z]+)"
_NAME = re.compile(rf"^{_NAME_WORD}(?:\s+{_NAME_WORD}){{1,3}}$")
_NAME_WITH_CREDENTIALS = re.compile(
    rf"^{_NAME_WORD}(?:\s+{_NAME_WORD}){{1,3}},\s*[A-Z][A-Za-z.-]{{1,7}}(?:,?\s*[A-Z][A-Za-z.-]{{1,7}})*$"
)
_DATE_WORDS = re.compile(
    r"\b(?:updated|published|posted|on|date|last|at \d{1,2}:\d{2}(?:\s*[ap]\.?m\.?)?|"
    r"(?:mon|tues|wednes|thurs|fri|satur|sun)day)\b:?",
    re.IGNORECASE,
)
_REVIEWED = re.compile(r"\b(?:medically |clinically )?reviewed by\s+[^|·•]*", re.IGNORECASE)
PAGE_LINE = "dropped a line of the page around the byline: it reads as the blog's name, motto or column"
_RELATIVE_DATE = re.compile(
    r"^(?:(?:\d+|an?|one|two|three|four|five|six)\s+(?:second|minute|hour|day|week|month|year)s?\s+ago|"
    r"yesterday|today|just now)$",
    re.IGNORECASE,
)
_GLUED = re.compile(r"[a-z][A-Z]")
_SEPARATOR_CHARS = "·•|,-–—:/()"
_TERMINAL = (".", "!", "?", "…", ":", ";")


@dataclass(frozen=True)
class DateLine:
    date: FoundDate
    updated: bool
    author: str
    terms: str = ""  # 'Nov 15, 2025 · Anxiety': what else the line names, read as categories


@dataclass
class Header:
    """What the top of a post said about it, with the line each fact came from."""

    title: str = ""
    title_line: int = 0
    teaser: str = ""
    date: FoundDate | None = None
    date_line: int = 0
    date_text: str = ""
    updated: FoundDate | None = None
    author: str = ""
    author_line: int = 0
    author_text: str = ""  # the whole line the author was read from
    category_text: str = ""
    category_line: int = 0
    segments: list[Segment] = field(default_factory=list)
    ends_with_metadata: bool = False  # the body starts right under the date (or author, category) line
    page_lines: list[Block] = field(default_factory=list)  # the blog's name and motto, above the post's date


def read_date_line(text: str) -> DateLine | None:
    """'11/15/2025 3 min read', 'Updated: Nov 20, 2025', 'Jane Doe · Nov 15, 2025 · 4 min read'."""
    text = unglue_reading_time(text)
    found = find_date(text)
    if found is None:
        return None
    rest = text[: found.start] + " " + text[found.end :]
    rest = READING_TIME.sub(" ", rest)
    rest = _REVIEWED.sub(" ", rest)
    updated = bool(re.search(r"\bupdated\b", rest, re.IGNORECASE))
    rest = _DATE_WORDS.sub(" ", rest)
    parts = [_bare(part) for part in re.split(r"\s[·•|]\s", f" {rest} ")]
    parts = [part for part in parts if part]
    if len(parts) > 1:  # 'by Maya Chen · Grief & Loss': the author and the category are apart
        authors = [part for part in parts if _BY_PREFIX.match(part) or _NAME.match(without_credentials(part))]
        terms = " · ".join(part for part in parts if part not in authors[:1])
        if authors and len(terms.split()) <= 6 and not terms.endswith(_TERMINAL):
            return DateLine(found, updated, authors[0], terms)
    rest = _bare(rest)
    if not rest:
        return DateLine(found, updated, "")
    if _BY_PREFIX.match(rest) or _NAME.match(without_credentials(rest)):
        return DateLine(found, updated, rest)
    if len(rest.split()) <= 6 and not rest.endswith(_TERMINAL):
        return DateLine(found, updated, "", rest)
    return None


def _bare(text: str) -> str:
    return " ".join(text.translate({ord(ch): " " for ch in _SEPARATOR_CHARS}).split())


def is_reading_time(text: str) -> bool:
    rest = READING_TIME.sub(" ", text)
    return rest != text and not rest.translate({ord(ch): " " for ch in _SEPARATOR_CHARS}).strip()


def classify(text: str, facts: SiteFacts) -> str:
    """One header line: date, reading, author, category, leftover, maybe-category (capitals), maybe-glued
    ('AnxietyCouples'), maybe-name or other."""
    text = text.strip()
    if is_image_leftover(text) or is_leading_widget(text):
        return "leftover"
    if read_date_line(text):
        return "date"
    if is_reading_time(text) or _RELATIVE_DATE.match(text):
        return "reading"  # says how long or how long ago, nothing to keep
    if _BY_PREFIX.match(text) or (len(text) <= 60 and facts.author_for(text)):
        return "author"
    if _is_category_line(text, facts):
        return "category"
    bare = without_credentials(text)
    if _NAME_WITH_CREDENTIALS.match(text) or (bare != text and _NAME.match(bare)):
        return "author"  # 'Ruth Adeyemi, PhD' or 'Ruth Adeyemi Ph.D.'

    if not text.endswith(_TERMINAL) and len(text) <= 150:
        letters = [ch for ch in text if ch.isalpha()]
        if len(letters) >= 3 and all(ch.isupper() for ch in letters):
            return "maybe-category"
        if len(text) <= 80 and _GLUED.search(text) and not _NAME.match(text):
            return "maybe-glued"
    if _NAME.match(text):
        return "maybe-name"
    return "other"


def read_header(blocks: list[Block], facts: SiteFacts, title_known: bool) -> tuple[Header, list[Block]]:
    """Take the header lines off the top of `blocks`; return what they said and the blocks left."""
    window: list[Block] = []
    for block in blocks[:WINDOW]:
        if block.kind != "para" and not (block.kind == "item" and classify(block.plain, facts) in _META):
            break  # a date and a reading time set as a list (Wix) are still the byline
        window.append(block.with_kind("para"))
    texts = [b.plain.strip() for b in window]
    kinds, title_index = _promote([classify(text, facts) for text in texts], title_known, texts)
    header = Header()
    others: list[int] = []
    last_meta = -1
    for index, (block, kind) in enumerate(zip(window, kinds, strict=True)):
        if index == title_index:
            header.title, header.title_line = block.plain.strip(), block.line
            continue
        if kind == "page":
            header.page_lines.append(block)
            continue
        if kind in _UNDECIDED:
            others.append(index)
            if len(others) > 2:
                break
            continue
        if kind in _META:
            last_meta = index
            _take(header, block, kind, facts)
    if header.date is None and header.updated is not None:  # only 'Updated: …' was printed: that is the date
        header.date, header.updated = header.updated, None
    end = max(last_meta, title_index if title_index is not None else -1)
    teaser = [i for i in others if i < last_meta]
    if teaser:
        header.teaser = window[teaser[0]].plain.strip()
    between = [i for i in teaser[1:] if any(kinds[j] in _META for j in range(i)) and i < last_meta]
    header.page_lines.extend(window[i] for i in between)  # 'Notes From the Clinic' between byline and date
    kept = [window[i] for i in teaser[1:] if i not in between]
    images = [b for b in window[: end + 1] if is_image_leftover(b.plain)]  # reported by the caller; widgets are not
    header.ends_with_metadata = last_meta >= 0 and last_meta == end
    return header, images + kept + blocks[end + 1 :]


def take_tail_facts(header: Header, tail: TailFacts, facts: SiteFacts) -> None:
    """Facts from below the post ('Categories: Grief & Loss', 'Posted by …') count when the top had none."""
    if tail.category_text and not header.category_text:
        header.category_text, header.category_line = tail.category_text, tail.category_line
        header.segments = facts.segment_categories(tail.category_text)
    if tail.author and not header.author:
        header.author, header.author_line = tail.author, tail.author_line
    if tail.dated is not None and header.date is None:
        header.date = find_date(unglue_reading_time(tail.dated.plain))
        header.date_line, header.date_text = tail.dated.line, tail.dated.plain.strip()


def _take(header: Header, block: Block, kind: str, facts: SiteFacts) -> None:
    text = block.plain.strip()
    if kind == "date":
        line = read_date_line(text)
        assert line is not None
        if line.updated and header.updated is None:
            header.updated = line.date  # 'Updated: Jun 20' above 'Jun 12' (Wix): the post is still from the 12th
        elif not line.updated and header.date is None:
            header.date, header.date_line, header.date_text = line.date, block.line, text
        if line.author and not header.author:
            header.author, header.author_line, header.author_text = line.author, block.line, text
        if line.terms and not header.category_text:
            header.category_text, header.category_line = line.terms, block.line
            header.segments = facts.segment_categories(line.terms)
    elif kind == "author" and not header.author:
        header.author, header.author_line = text, block.line
    elif kind == "category" and not header.category_text:
        header.category_text, header.category_line = text, block.line
        header.segments = facts.segment_categories(text)


def _promote(kinds: list[str], title_known: bool, texts: list[str]) -> tuple[list[str], int | None]:
    """Decide the lines that only might be metadata, and find the title among the rest.

    A bare name next to a date or reading time is the author (even above the title, as
    some builders print it); after the title, a line in capitals or a short Title Case
    line next to other metadata is the category line, and so is a line in capitals
    directly under the title or its teaser.
    """
    result = list(kinds)
    prose = next((i for i, text in enumerate(texts) if result[i] == "other" and not _title_like(text)), len(texts))
    titles = [i for i, k in enumerate(result[:prose]) if k in _UNDECIDED and _title_like(texts[i])]
    for index, kind in enumerate(result):
        near = {result[i] for i in (index - 1, index + 1) if 0 <= i < len(result)}
        only_title = not title_known and titles[:1] == [index] and len(titles) == 1
        if kind == "maybe-name" and near & {"date", "reading"} and not only_title:
            result[index] = "author"
    undecided = [i for i, k in enumerate(result) if k in _UNDECIDED]
    title = -1 if title_known else (undecided[0] if undecided else None)
    below = None if title_known else (_title_below_metadata(result, texts) or _title_over_teaser(result, texts))
    if below is not None and title is not None and below > title:
        for index in range(below):
            result[index] = "page" if result[index] in _UNDECIDED else result[index]
        title = below
    above = title is not None and title >= 0 and result[title] == "maybe-category" and title + 1 in undecided
    capitals_above = above and title is not None and result[title + 1] != "maybe-category"
    if title is not None and (capitals_above or (title >= 0 and _topic_above(texts, result, title))):
        result[title], title = "category", title + 1  # categories printed above the title
    for _ in range(2):
        for index, kind in enumerate(result):
            near = {result[i] for i in (index - 1, index + 1) if 0 <= i < len(result)}
            if not kind.startswith("maybe-") or title is None or index <= title:
                continue
            if kind == "maybe-name" and near & _META:  # 'Jane Doe' by a category line, or 'Self Care' by 'By …'
                result[index] = "category" if "author" in result else "author"
            elif near & _META or (kind == "maybe-category" and index - title <= 2):
                result[index] = "category"
    return result, title


def _topic_above(texts: list[str], kinds: list[str], title: int) -> bool:
    """'Caregiving' over 'Caring for the Carer': a topic label of a word or two printed above a longer title."""
    if title + 1 >= len(texts) or kinds[title + 1] not in _UNDECIDED:
        return False
    label, below = texts[title].split(), texts[title + 1].split()
    return len(label) <= 2 and len(below) >= 3 and _title_like(texts[title + 1]) and texts[title][:1].isupper()


def _title_like(text: str) -> bool:
    return 0 < len(text.split()) <= 15 and not text.endswith((".", ",", ";", ":")) and not text.islower()


def _title_below_metadata(kinds: list[str], texts: list[str]) -> int | None:
    """The title under a date, when the lines above that date are the blog's own name and motto.

    Blogger prints 'Steady Ground Notes', its motto, 'Saturday, November 15, 2025', then the title:
    a Title Case line of three words or more, between the date and the post's first paragraph.
    """
    for index in range(1, len(kinds)):
        following = kinds[index + 1] if index + 1 < len(kinds) else "other"
        if (
            kinds[index] in _UNDECIDED
            and kinds[index - 1] in _META
            and following not in _META
            and any(k in _UNDECIDED for k in kinds[: index - 1])
            and len(texts[index].split()) >= 3
            and _title_like(texts[index])
            and is_title_case(texts[index])
            and not (index + 1 < len(texts) and _title_like(texts[index + 1]))
        ):
            return index
    return None


def _title_over_teaser(kinds: list[str], texts: list[str]) -> int | None:
    """The title right above a one-sentence teaser and the date line, under a column's name and topic.

    Psychology Today prints 'Steady Ground' (the column), 'PTSD' (the topic), the title, its
    teaser, then 'Posted November 4, 2025': the line over the teaser is the title, not the first.
    """
    for index in range(1, len(kinds) - 2):
        if (
            kinds[index] in _UNDECIDED
            and kinds[index + 1] in _UNDECIDED
            and kinds[index + 2] == "date"
            and any(k in _UNDECIDED for k in kinds[:index])
            and _title_like(texts[index])
            and texts[index + 1].endswith((".", "?", "!"))
            and len(texts[index + 1].split()) >= 6
        ):
            return index
    return None


def _is_category_line(text: str, facts: SiteFacts) -> bool:
    """Known category or tag names, run together or separated, covering most of the line."""
    if len(text) > 150 or text.endswith(_TERMINAL) or not loose(text):
        return False
    segments = facts.segment_categories(text)
    known = sum(len(loose(s.raw)) for s in segments if s.known)
    if known * 2 < len(loose(text)):
        return False
    letters = [ch for ch in text if ch.isalpha()]
    shouty = all(ch.isupper() for ch in letters)
    separated = any(ch in text for ch in ",|•·/")
    whole = len(segments) == 1 and segments[0].known
    return shouty or separated or whole or bool(_GLUED.search(text))

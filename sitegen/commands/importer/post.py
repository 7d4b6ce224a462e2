"""From what a reader found to an article that builds: decide category, author and date, tidy the end.

Every guess and every default is a note, so the report says what to check.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass, field

from sitegen.commands.importer.blocks import Block, Note, render_blocks
from sitegen.commands.importer.chrome import is_body_paragraph
from sitegen.commands.importer.dates import FoundDate
from sitegen.commands.importer.header import Header
from sitegen.commands.importer.leftovers import is_trailing_widget
from sitegen.commands.importer.site import Segment, SiteFacts, author_name, loose
from sitegen.commands.scaffold import yaml_string
from sitegen.core.characters import without_forbidden
from sitegen.core.slugs import NAME_LIMIT, shorten, slugify

_MEETING = (
    r"(?:a|an|your)\s+(?:free\s+|first\s+|initial\s+|quick\s+|introductory\s+|short\s+|\d+[- ]?minute\s+)*"
    r"(?:session|appointment|consult\w*|call|visit|time|meeting|intake|conversation|chat)"
)
_BOOKING = re.compile(
    rf"\b(?:(?:book(?:ing)?|schedul\w*)\s+(?:{_MEETING}|now|online|today|with)\b|contact\s+(?:us|me|our)\b|"
    r"call\s+(?:us|me|our|today)\b|reach out to (?:us|me|our)\b|get in touch|free\s+\d+[- ]?min\w*|"
    r"accepting new clients|work with (?:me|us|one of)\b)",
    re.IGNORECASE,
)
_MAYBE_BOOKING = re.compile(r"\b(?:consultations?|appointments?|reach out)\b", re.IGNORECASE)
_CARE = re.compile(r"\b(?:therapy|therapist|counsel\w*|sessions?|support)\b", re.IGNORECASE)
_PHONE_OR_EMAIL = re.compile(r"\(?\b\d{3}\)?[\s.-]?\d{3}[\s.-]\d{4}\b|@[\w-]+\.\w")
_SIGNAL = re.compile(
    _PHONE_OR_EMAIL.pattern + r"|https?://|www\.|\]\(|\b(?:today|online|us|our|we|me|click|link|below)\b", re.I
)
_CONTACT_ONLY = re.compile(
    r"^(?:(?:phone|call|text|tel|email|e-mail|web|website|online)\s*:?\s*)?"
    r"(?:\+?[\d\s().-]{7,}|\S+@\S+\.\w+|https?://\S+|www\.\S+)$",
    re.IGNORECASE,
)
_CTA_LOOKBACK = 4
_TERMINAL = (".", "!", "?", "…", ":", ";", "”", '"', ")")
_SLUG_LIMIT = 80  # characters: a file name may have 255 bytes, and old blogs made addresses of 400


@dataclass
class PostDraft:
    """What a reader found in one post, before anything is decided."""

    title: str
    title_line: int
    blocks: list[Block]
    notes: list[Note] = field(default_factory=list)
    description: str = ""
    date: FoundDate | None = None
    date_line: int = 0
    date_text: str = ""
    updated: FoundDate | None = None
    author: str = ""
    author_line: int = 0
    author_text: str = ""
    category_text: str = ""
    category_line: int = 0
    segments: list[Segment] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    slug: str = ""
    aliases: list[str] = field(default_factory=list)
    failure: str = ""  # why the reader could not read this post, though it found it


@dataclass(frozen=True)
class Finished:
    """An article ready to write (`slug`, `text`), or why there is none (`failure`); notes either way."""

    slug: str
    text: str
    notes: tuple[Note, ...]
    failure: str = ""


def draft_from_header(header: Header, blocks: list[Block], notes: list[Note]) -> PostDraft:
    return PostDraft(
        title=header.title,
        title_line=header.title_line,
        blocks=blocks,
        notes=notes,
        description=header.teaser,
        date=header.date,
        date_line=header.date_line,
        date_text=header.date_text,
        updated=header.updated,
        author=header.author,
        author_line=header.author_line,
        author_text=header.author_text,
        category_text=header.category_text,
        category_line=header.category_line,
        segments=header.segments,
    )


def take_terms(draft: PostDraft, categories: list[str], tags: list[str], line: int, facts: SiteFacts) -> None:
    """Categories and tags named in markup (WordPress, rel="category"): clean names, matched one by one.

    A category the site does not have is kept as a tag, so the old grouping is not lost.
    """
    draft.category_text, draft.category_line = ", ".join(categories), line
    for name in categories:
        category = facts.category_for(name)
        if category:
            draft.segments.append(Segment(name, category))
        elif loose(name) not in ("uncategorized", "uncategorised", "general", "blog"):
            draft.tags.append(facts.tag_for(name) or name)
            draft.notes.append(Note(line, f"the category '{name}' is not one of the site's: kept as a tag", name))
    draft.tags.extend(facts.tag_for(t) or t for t in tags)


def finish(draft: PostDraft, facts: SiteFacts, file_date: dt.date, today: dt.date) -> Finished:
    notes = list(draft.notes)
    if draft.failure:
        return Finished("", "", tuple(notes), draft.failure)
    title = " ".join(without_forbidden(draft.title).split())
    if not title:
        return Finished("", "", tuple(notes), "no title found")
    whole = slugify(draft.slug, facts.slug_style) or slugify(title, facts.slug_style)
    if not whole:
        return Finished("", "", tuple(notes), f"the title '{title}' has no letters or digits to name the file")
    slug = _fitting_slug(whole)
    if slug != whole:
        message = f"the address was shortened to /articles/{slug}/: the whole one, {len(whole)} characters, "
        notes.append(Note(draft.title_line, message + "is too long to name a file"))
    blocks = _without_edge_rules(_drop_repeated_title(draft.blocks, title))
    blocks = _drop_trailing_widgets(blocks, notes)
    blocks = _replace_closing_call(blocks, notes)
    blocks = _top_headings_at_level_two(blocks)
    if not any(b.kind not in ("booking", "rule") for b in blocks):
        return Finished("", "", tuple(notes), "no article text found under the title")
    category, tags = _decide_category(draft, facts, notes)
    date = _decide_date(draft, facts, file_date, today, notes)
    author = _decide_author(draft, facts, notes)
    updated = draft.updated.resolve(date.year) if draft.updated else None
    lines = ["---", f"title: {yaml_string(title)}", f"date: {date.isoformat()}"]
    if updated and updated > date:
        lines.append(f"updated: {updated.isoformat()}")
    lines.append(f"category: {yaml_string(category)}")
    if tags:
        lines.append("tags: [" + ", ".join(yaml_string(without_forbidden(t)) for t in tags) + "]")
    if author:
        lines.append(f"author: {author}")
    description = " ".join(without_forbidden(draft.description).split())
    if description:
        lines.append(f"description: {yaml_string(description)}")
    if draft.aliases:
        lines.append("aliases: [" + ", ".join(yaml_string(a) for a in draft.aliases) + "]")
    lines.append("---")
    notes.sort(key=lambda note: note.line)
    body = without_forbidden(render_blocks(blocks))  # pasted or saved posts bring invisible characters
    return Finished(slug, "\n".join(lines) + "\n\n" + body, tuple(notes))


def _fitting_slug(slug: str) -> str:
    """A slug of at most 80 characters (_SLUG_LIMIT), cut after a word where it can.

    A cut slug ends with a digest of the whole one: two long addresses that begin alike stay
    apart, and importing the same post again gives the same name.
    """
    if len(slug) <= _SLUG_LIMIT and len(slug.encode("utf-8")) <= NAME_LIMIT:
        return slug
    digest = hashlib.sha256(slug.encode("utf-8")).hexdigest()[:8]
    room = _SLUG_LIMIT - len(digest) - 1
    cut = slug.rfind("-", 0, room + 1)
    head = slug[:cut] if cut >= room // 2 else slug[:room].rstrip("-")
    return f"{shorten(head, NAME_LIMIT - len(digest) - 1)}-{digest}"  # 80 Chinese letters take 240 bytes


def _decide_category(draft: PostDraft, facts: SiteFacts, notes: list[Note]) -> tuple[str, list[str]]:
    line, text = draft.category_line, draft.category_text
    category = ""
    tags = list(draft.tags)
    for segment in draft.segments:
        if segment.category and not category:
            category = segment.category
        elif segment.category and segment.category != category:
            notes.append(
                Note(
                    line,
                    f"also filed under '{segment.raw}' ({segment.category}): an article has one "
                    f"category, so it is in '{category}'",
                    text,
                )
            )
        elif segment.tag:
            tags.append(segment.tag)
        elif not segment.known:
            notes.append(
                Note(
                    line, f"unknown category '{segment.raw}': it matches no category or tag of the site, left out", text
                )
            )
    if not category:
        category = facts.default_category
        where = (
            "import_category in site.yaml"
            if facts.default_category != facts.categories[0]
            else ("the first category in site.yaml; set import_category to choose another")
        )
        notes.append(Note(line, f"no category could be decided: used '{category}' ({where})", text))
    unique: dict[str, str] = {}
    for tag in tags:
        unique.setdefault(loose(tag), tag)
    return category, [t for k, t in unique.items() if k]


def _decide_date(draft: PostDraft, facts: SiteFacts, file_date: dt.date, today: dt.date, notes: list[Note]) -> dt.date:
    found = draft.date
    date = found.resolve(file_date.year) if found else None
    if found is not None and found.year is None and date is not None and date > file_date:
        date = found.resolve(file_date.year - 1)  # "Dec 20" in a file saved in March: last December
    if found is not None and date is not None:
        if found.year is None:
            notes.append(
                Note(
                    draft.date_line,
                    f"the date has no year: used {date.year}, going by the file's modification date",
                    draft.date_text,
                )
            )
        elif found.order_guessed and facts.language.lower() not in ("en", "en-us"):
            notes.append(Note(draft.date_line, f"read the date as month/day: {date.isoformat()}", draft.date_text))
    else:
        date = file_date
        notes.append(Note(0, f"no date found: used the file's modification date, {date.isoformat()}"))
    if date > today:
        notes.append(
            Note(
                draft.date_line,
                f"dated {date.isoformat()}, after today: it stays unpublished until then",
                draft.date_text,
            )
        )
    return date


def _decide_author(draft: PostDraft, facts: SiteFacts, notes: list[Note]) -> str:
    if not draft.author:
        return ""
    slug = facts.author_for(draft.author)
    if slug is None:
        notes.append(
            Note(
                draft.author_line,
                f"the author '{author_name(draft.author)}' is not on the team (content/team/): "
                "left out of the front matter",
                draft.author_text or draft.author,
            )
        )
    return slug or ""


def _top_headings_at_level_two(blocks: list[Block]) -> list[Block]:
    """A post whose sections are <h3>s gets `##` sections: the page's <h1> is the title."""
    levels = [b.level for b in blocks if b.kind == "heading"]
    shift = max(min(levels) - 2, 0) if levels else 0
    out, above = [], 1
    for block in blocks:
        if block.kind == "heading":  # and a part is never two levels below its section: no ### before any ##
            block = block.with_kind("heading", min(block.level - shift, above + 1))
            above = block.level
        out.append(block)
    return out


def _drop_repeated_title(blocks: list[Block], title: str) -> list[Block]:
    if blocks and blocks[0].kind in ("para", "heading") and loose(blocks[0].plain) == loose(title):
        return blocks[1:]
    return blocks


def _without_edge_rules(blocks: list[Block]) -> list[Block]:
    """A rule ('--', '***', dashes copied as text) above the first line or below the last divides nothing."""
    start, end = 0, len(blocks)
    while start < end and _is_rule(blocks[start]):
        start += 1
    while end > start and _is_rule(blocks[end - 1]):
        end -= 1
    return blocks[start:end]


def _is_rule(block: Block) -> bool:
    return block.kind == "rule" or (block.kind == "para" and not any(ch.isalnum() for ch in block.plain))


def _drop_trailing_widgets(blocks: list[Block], notes: list[Note]) -> list[Block]:
    """'Share this post', '12 views', 'Recent Posts'… copied from below the post."""
    end = len(blocks)
    while end > 0 and blocks[end - 1].kind in ("para", "item", "heading") and is_trailing_widget(blocks[end - 1].plain):
        end -= 1
        notes.append(Note(blocks[end].line, "dropped a line of the blog page below the post", blocks[end].plain))
    return blocks[:end]


def _replace_closing_call(blocks: list[Block], notes: list[Note]) -> list[Block]:
    """The post's own closing invitation to book becomes the site's booking block.

    The invitation is the last paragraph of the writer's prose, with the buttons and contact lines
    next to it. Only one paragraph of prose goes: the one above it stays even when it mentions
    calling someone (a crisis line is not a call to book), so no section of the writer's is lost.
    Short fragments left below the invitation that are not sentences ('Self Compassion', '12 Likes')
    are the page's, and go with a note.
    """
    replaced = _replace_call_at_end(blocks, notes)
    if replaced is not blocks:
        return replaced
    last = max((i for i, b in enumerate(blocks) if b.kind == "para" and is_body_paragraph(b.plain)), default=-1)
    after = blocks[last + 1 :]
    if last < 0 or not after or not all(_is_fragment(b) for b in after):
        return blocks
    replaced = _replace_call_at_end(blocks[: last + 1], notes)
    if replaced is blocks[: last + 1] or not _is_call_to_book(blocks[last]):
        return blocks
    for block in after:
        notes.append(Note(block.line, "dropped a short line below the closing call to book", block.plain))
    return replaced


def _is_fragment(block: Block) -> bool:
    """A few words that are no sentence: a tag, a count, a button."""
    text = block.plain.strip()
    if block.kind == "rule":
        return True
    return block.kind in ("para", "heading", "item") and len(text.split()) <= 4 and not text.endswith(_TERMINAL)


def _replace_call_at_end(blocks: list[Block], notes: list[Note]) -> list[Block]:
    start, prose = len(blocks), 0
    while start > 0 and len(blocks) - start < _CTA_LOOKBACK and _is_call_to_book(blocks[start - 1]):
        if blocks[start - 1].kind == "para" and is_body_paragraph(blocks[start - 1].plain):
            if prose:
                break
            prose += 1
        start -= 1
    closing = blocks[start:]
    if not any(b.kind != "item" and not _CONTACT_ONLY.match(b.plain.strip()) for b in closing):
        return blocks
    kept = blocks[:start]
    if kept and kept[-1].kind == "heading":  # its section held only the call to book
        closing = [kept.pop(), *closing]
    main = next((b for b in closing if b.kind == "para" and _is_call_to_book(b)), closing[-1])
    notes.append(
        Note(main.line, "replaced the closing call to book with [[booking]], the site's booking block", main.plain)
    )
    return [*kept, Block("booking", "", "", main.line)]


def _is_call_to_book(block: Block) -> bool:
    """An invitation to book: 'Schedule a free consultation today…', a 'Book Now' button, a phone number."""
    text = block.plain.strip()
    if block.kind not in ("para", "item", "heading", "quote"):
        return False
    if _CONTACT_ONLY.match(text):
        return True
    if block.kind == "item":
        return False
    if len(text.split()) <= 8 and _BOOKING.match(text):
        return True
    marked_up = f"{block.text} {text}"  # links survive only in the Markdown
    if _BOOKING.search(text) or (_MAYBE_BOOKING.search(text) and _SIGNAL.search(marked_up)):
        return True
    return bool(_CARE.search(text) and _PHONE_OR_EMAIL.search(text))

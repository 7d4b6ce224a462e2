"""The site's content as plain frozen values, built by parsing and never changed by rendering."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cached_property

import msgspec

from sitegen.config.site_config import BookingVariant
from sitegen.reading.audio_files import AudioInfo
from sitegen.reading.images import ImageInfo

CtaSetting = bool | str | BookingVariant
"""A page's `cta` front matter: True (default), False (off), a variant name, or a mapping."""


class Source(msgspec.Struct, frozen=True, array_like=True, gc=False):
    """Where a piece of content came from, for messages and collision reports."""

    path: str
    line: int = 1

    def __str__(self) -> str:
        return f"{self.path}:{self.line}"


@dataclass(frozen=True)
class Licence:
    """One licence a clinician holds: its type ('LMFT'), number and region (a state's or
    province's full name when sitegen knows it, as written otherwise); `line` is where it was written."""

    type: str
    number: str
    region: str
    line: int = 0


@dataclass(frozen=True)
class Clinician:
    slug: str
    name: str
    credentials: str
    pronouns: str
    role: str
    regions: tuple[str, ...]
    specialties: tuple[str, ...]
    photo: ImageInfo | None
    photo_alt: str
    booking_url: str
    booking_label: str
    order: int
    bio_html: str
    source: Source
    images: tuple[ImageInfo, ...] = ()
    audio: tuple[AudioInfo, ...] = ()
    licences: tuple[Licence, ...] = ()
    supervisor: str = ""
    """The slug of the clinician who supervises this associate, intern or trainee."""
    supervised: bool = False
    """Whether the role or a licence names an associate, intern, trainee or resident."""
    lines: tuple[tuple[str, int], ...] = ()
    """Where `licenses`, `supervisor` and `role` were written, for warnings that point there."""

    @property
    def display_name(self) -> str:
        """'Name, PhD, LMFT': the credentials, then each licence type they do not already name."""
        parts = [p.strip() for p in self.credentials.split(",") if p.strip()]
        for licence in self.licences:
            if licence.type.casefold() not in {p.casefold() for p in parts}:
                parts.append(licence.type)
        return ", ".join([self.name, *parts])

    def line_of(self, *keys: str) -> int:
        """The line of the first of `keys` the front matter has; else the file's first line."""
        written = dict(self.lines)
        return next((written[key] for key in keys if written.get(key)), self.source.line)


class Body:
    """An article's body as HTML. Planning never reads it (a card shows the title, not the body):
    only a page rendered anew and a feed made anew do. So a body the parse cache kept is read
    from disk when first asked for (`read`), not with the other 10,000 when the cache is opened."""

    __slots__ = ("_html", "_read")

    def __init__(self, html: str = "", read: Callable[[], str] | None = None) -> None:
        self._html = html
        self._read = read

    @property
    def html(self) -> str:
        if self._read is not None:
            self._html, self._read = self._read(), None
        return self._html

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Body) and self.html == other.html

    def __hash__(self) -> int:
        return hash(self.html)

    def __repr__(self) -> str:
        return f"Body({self.html!r})"

    def __reduce__(self) -> tuple[type[Body], tuple[str]]:
        return Body, (self.html,)  # a worker process gets the text, never the way to read it


class Article(msgspec.Struct, frozen=True, array_like=True, gc=False):
    """An article as parsed. A msgspec Struct, not a dataclass: the parse cache holds 10,000 of
    them, and a build after an edit decodes them all, as arrays, in a fifth of the time a
    dataclass took from a map of names (at 10,000 articles, 13 against 85 ms). It holds no
    cycle, so the collector need not track it (`gc=False`)."""

    slug: str
    title: str
    date: dt.date | None
    category: str
    tags: tuple[str, ...]
    author: str
    description: str
    updated: dt.date | None
    image: str
    image_alt: str
    draft: bool
    cta: CtaSetting
    aliases: tuple[str, ...]
    reviewed_by: str
    last_reviewed: dt.date | None
    content_note: str
    body: Body
    word_count: int
    source: Source
    scheduled: bool = False
    hero: ImageInfo | None = None
    images: tuple[ImageInfo, ...] = ()
    audio: tuple[AudioInfo, ...] = ()
    """The recordings its body plays (see reading/audio.py)."""
    alias_lines: tuple[int, ...] = ()
    """The line of each entry of `aliases`, for messages (the rules are in planning/addresses.py)."""
    tag_lines: tuple[int, ...] = ()
    """The line of each entry of `tags`, for messages (two names at one address: planning/addresses.py)."""
    cta_line: int = 0
    """The line of `cta:`, for messages (a variant's name is checked in planning/booking.py)."""

    @property
    def published(self) -> bool:
        """Neither a draft nor dated in the future: on the built site, and in its feeds (the
        preview with drafts shows the others on its pages, never in a feed)."""
        return not self.draft and not self.scheduled

    @property
    def body_html(self) -> str:
        return self.body.html

    @property
    def reading_minutes(self) -> int:
        return max(1, round(self.word_count / 220))

    @property
    def sort_key(self) -> tuple[dt.date, str]:
        """Newest first, then by slug, so listings never depend on file system order."""
        return (self.date or dt.date.max, self.slug)


@dataclass(frozen=True)
class Page:
    slug: str
    title: str
    description: str
    body_html: str
    cta: CtaSetting
    source: Source
    images: tuple[ImageInfo, ...] = ()
    nav_label: str = ""
    cta_line: int = 0
    audio: tuple[AudioInfo, ...] = ()


@dataclass(frozen=True)
class Section:
    """A titled block of a journey (an overview section, or a part of a day)."""

    title: str
    anchor: str
    html: str
    kind: str = ""


@dataclass(frozen=True)
class Day:
    number: int
    week: int
    title: str
    topic: str
    sections: tuple[Section, ...]
    written: bool
    source: Source
    minutes: int | None = None
    """About how long the day takes (`minutes:`); None when the writer did not say."""


@dataclass(frozen=True)
class Week:
    number: int
    title: str
    days: tuple[Day, ...]


@dataclass(frozen=True)
class Journey:
    slug: str
    title: str
    description: str
    category: str
    sequence: int
    duration_label: str
    days_per_week: int
    total_days: int
    intro_html: str
    sections_before: tuple[Section, ...]
    sections_after: tuple[Section, ...]
    closing_html: str
    plan_intro_html: str
    weeks: tuple[Week, ...]
    cta: CtaSetting
    author: str
    source: Source
    word_count: int = 0
    images: tuple[ImageInfo, ...] = ()
    audio: tuple[AudioInfo, ...] = ()
    cta_line: int = 0
    featured_line: int = 0
    """Where `featured: true` was written (the journey the home page shows); 0 when it was not."""
    audience: str = "individual"
    """'individual', or 'couples': the journal then gives each partner an answer column."""

    @property
    def featured(self) -> bool:
        return self.featured_line > 0

    @cached_property
    def days(self) -> tuple[Day, ...]:
        return tuple(day for week in self.weeks for day in week.days)

    @cached_property
    def written_days(self) -> tuple[Day, ...]:
        return tuple(day for day in self.days if day.written)


@dataclass(frozen=True)
class Content:
    """Everything the parsing stage produced, before URLs and navigation."""

    articles: tuple[Article, ...] = ()
    journeys: tuple[Journey, ...] = ()
    pages: tuple[Page, ...] = ()
    clinicians: tuple[Clinician, ...] = ()
    article_digests: Mapping[str, bytes] = field(default_factory=dict)
    """Each article's SHA-256 by its source file, when the parse cache knows it: a page made from an
    article (and the site) is made again only when this changes."""
    card_digests: Mapping[str, bytes] = field(default_factory=dict)
    """Each article's card digest (reading/cards.py) by its source file, when the parse cache kept it."""

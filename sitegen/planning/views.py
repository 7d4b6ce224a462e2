"""The values templates receive: models joined with their URLs, dates and booking blocks.

Templates only display these; every URL, date text and call-to-action is decided here
or in the modules this one calls, never in a template.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

import msgspec
from babel.core import Locale, UnknownLocaleError
from babel.dates import format_date
from markupsafe import Markup

from sitegen.planning.booking import BookingCta
from sitegen.reading.models import Clinician, Licence, Section


class Link(msgspec.Struct, frozen=True):
    label: str
    url: str


class DateText(msgspec.Struct, frozen=True):
    """A date as machine-readable ISO and as words in the site's language."""

    iso: str
    text: str


class PersonView(msgspec.Struct, frozen=True):
    name: str
    credentials: str
    display_name: str
    pronouns: str
    role: str
    url: str
    supervisor: PersonView | None = None
    """Who supervises this associate, intern or trainee: their pages and bylines say so."""


class ArticleSummary(msgspec.Struct, frozen=True):
    title: str
    url: str
    description: str
    date: DateText | None
    reading_minutes: int
    category: Link
    author: PersonView | None
    draft: bool
    scheduled: bool


class ArticleView(msgspec.Struct, frozen=True):
    summary: ArticleSummary
    body_html: Markup
    tags: tuple[Link, ...]
    reviewer: PersonView | None
    last_reviewed: DateText | None
    updated: DateText | None
    content_note: str
    cta: BookingCta | None
    hero_html: Markup


class CrisisNotice(msgspec.Struct, frozen=True):
    """The crisis notice as every page shows it, in the site's words or the theme's."""

    text: str
    link_label: str
    is_us_default: bool
    """Whether it is the theme's US wording, which the built-in crisis page's US services match."""


class CrisisServiceView(msgspec.Struct, frozen=True):
    """One service on the built-in /crisis/ page, worded in the site's language."""

    name: str
    situations: str
    """Whom it is for, as a sentence ('For thoughts of suicide and emotional distress.')."""
    ways: tuple[Markup, ...]
    """Each way to reach it, its number linked (tel: to call, sms: to text)."""
    hours: str
    """'Open any time, day or night.' when the service states it; else empty."""


class CrisisServicesView(msgspec.Struct, frozen=True):
    """The services of the site's country (`crisis.country` or `practice.country`)."""

    country: str
    """Its name in the site's language."""
    intro: str
    """The practice's own notice, when it words one; else empty (the services say it all)."""
    emergency: Markup
    services: tuple[CrisisServiceView, ...]


class GoodFaithEstimateView(msgspec.Struct, frozen=True):
    """The No Surprises Act notice of the built-in /good-faith-estimate/ page, each part a
    paragraph in the site's language with its amounts, days and CMS contacts filled in."""

    intro: Markup
    covers: Markup
    ask: Markup
    timing: Markup
    dispute: Markup
    keep: Markup
    learn_more: Markup


class DayView(msgspec.Struct, frozen=True):
    number: int
    week: int
    title: str
    topic: str
    written: bool
    url: str | None
    heading: str
    """'Day 3: Title', or just 'Day 3' when neither the day nor the plan names it."""
    minutes: int | None = None
    """About how long the day takes, as its writer said (`minutes:`); None when they did not."""


class WeekView(msgspec.Struct, frozen=True):
    number: int
    title: str
    url: str
    days: tuple[DayView, ...]

    @property
    def written_count(self) -> int:
        return sum(1 for d in self.days if d.written)

    @property
    def minutes(self) -> int:
        """The minutes of the week's days that give them; 0 when none does."""
        return sum(d.minutes or 0 for d in self.days)

    @property
    def timed_count(self) -> int:
        """How many of the week's days give their minutes: the total is the whole week's only
        when this is every day."""
        return sum(1 for d in self.days if d.minutes)


class JourneySummary(msgspec.Struct, frozen=True):
    slug: str
    title: str
    url: str
    description: str
    duration_label: str
    total_days: int
    written_count: int
    category: Link
    start: DayView | None
    audience: str = "individual"
    """'couples' gives the journal two answer columns, one per partner."""
    workbook_url: str | None = None
    """The page with every written day, to print; None when no day is written yet."""


class SectionView(msgspec.Struct, frozen=True):
    title: str
    anchor: str
    html: Markup
    kind: str


class JourneyView(msgspec.Struct, frozen=True):
    summary: JourneySummary
    intro_html: Markup
    sections_before: tuple[SectionView, ...]
    plan_intro_html: Markup
    weeks: tuple[WeekView, ...]
    sections_after: tuple[SectionView, ...]
    closing_html: Markup
    author: PersonView | None
    cta: BookingCta | None


class DayPageView(msgspec.Struct, frozen=True):
    journey: JourneySummary
    week: WeekView
    day: DayView
    sections: tuple[SectionView, ...]
    previous: DayView | None
    next: DayView | None
    cta: BookingCta | None


class WorkbookDayView(msgspec.Struct, frozen=True):
    """One written day on the workbook page, with the week it belongs to."""

    day: DayView
    week: WeekView
    sections: tuple[SectionView, ...]


class WorkbookView(msgspec.Struct, frozen=True):
    journey: JourneySummary
    days: tuple[WorkbookDayView, ...]
    """Every written day, in order."""


class CategoryLink(msgspec.Struct, frozen=True):
    """A category as every page may name it (`site.categories`): what it is and where it lives.
    Its counts are left to the pages that show them, so that adding an article changes no page
    that names its category without counting."""

    name: str
    slug: str
    description: str
    url: str


class CategoryView(msgspec.Struct, frozen=True):
    """A category as its own page and the categories index show it, counted."""

    name: str
    slug: str
    description: str
    url: str
    article_count: int
    journey_count: int


class ClinicianView(msgspec.Struct, frozen=True):
    person: PersonView
    regions: tuple[str, ...]
    specialties: tuple[str, ...]
    photo_html: Markup
    bio_html: Markup
    booking: BookingCta | None
    licences: tuple[Licence, ...] = ()
    """Each licence's `type`, `number` and `region` (any may be empty but the type)."""


def person_view(clinician: Clinician, url: str, supervisor: PersonView | None = None) -> PersonView:
    return PersonView(
        clinician.name,
        clinician.credentials,
        clinician.display_name,
        clinician.pronouns,
        clinician.role,
        url,
        supervisor,
    )


def section_view(section: Section) -> SectionView:
    return SectionView(section.title, section.anchor, Markup(section.html), section.kind)


@lru_cache(maxsize=8)
def site_locale(language: str) -> Locale:
    """The site's language as babel knows it (English when babel does not)."""
    try:
        return Locale.parse(language.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return Locale.parse("en")


def date_text(date: dt.date | None, language: str) -> DateText | None:
    return None if date is None else _date_text(date, language)


@lru_cache(maxsize=1 << 16)  # a large site has thousands of dates, and babel takes its time
def _date_text(date: dt.date, language: str) -> DateText:
    return DateText(date.isoformat(), format_date(date, format="long", locale=site_locale(language)))

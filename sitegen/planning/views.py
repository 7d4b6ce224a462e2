"""The values templates receive: models joined with their URLs, dates and booking blocks.

Templates only display these; every URL, date text and call-to-action is decided here
or in the modules this one calls, never in a template.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache

from babel.core import Locale, UnknownLocaleError
from babel.dates import format_date
from markupsafe import Markup

from sitegen.planning.booking import BookingCta
from sitegen.reading.models import Clinician, Licence, Section


@dataclass(frozen=True)
class Link:
    label: str
    url: str


@dataclass(frozen=True)
class DateText:
    """A date as machine-readable ISO and as words in the site's language."""

    iso: str
    text: str


@dataclass(frozen=True)
class PersonView:
    name: str
    credentials: str
    display_name: str
    pronouns: str
    role: str
    url: str
    supervisor: PersonView | None = None
    """Who supervises this associate, intern or trainee: their pages and bylines say so."""


@dataclass(frozen=True)
class ArticleSummary:
    title: str
    url: str
    description: str
    date: DateText | None
    reading_minutes: int
    category: Link
    author: PersonView | None
    draft: bool
    scheduled: bool


@dataclass(frozen=True)
class ArticleView:
    summary: ArticleSummary
    body_html: Markup
    tags: tuple[Link, ...]
    reviewer: PersonView | None
    last_reviewed: DateText | None
    updated: DateText | None
    content_note: str
    cta: BookingCta | None
    hero_html: Markup


@dataclass(frozen=True)
class CrisisNotice:
    """The crisis notice as every page shows it, in the site's words or the theme's."""

    text: str
    link_label: str
    is_us_default: bool
    """Whether it is the theme's US wording, which the built-in crisis page's US services match."""


@dataclass(frozen=True)
class CrisisServiceView:
    """One service on the built-in /crisis/ page, worded in the site's language."""

    name: str
    situations: str
    """Whom it is for, as a sentence ('For thoughts of suicide and emotional distress.')."""
    ways: tuple[Markup, ...]
    """Each way to reach it, its number linked (tel: to call, sms: to text)."""
    hours: str
    """'Open any time, day or night.' when the service states it; else empty."""


@dataclass(frozen=True)
class CrisisServicesView:
    """The services of the site's country (`crisis.country` or `practice.country`)."""

    country: str
    """Its name in the site's language."""
    intro: str
    """The practice's own notice, when it words one; else empty (the services say it all)."""
    emergency: Markup
    services: tuple[CrisisServiceView, ...]


@dataclass(frozen=True)
class GoodFaithEstimateView:
    """The No Surprises Act notice of the built-in /good-faith-estimate/ page, each part a
    paragraph in the site's language with its amounts, days and CMS contacts filled in."""

    intro: Markup
    covers: Markup
    ask: Markup
    timing: Markup
    dispute: Markup
    keep: Markup
    learn_more: Markup


@dataclass(frozen=True)
class DayView:
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


@dataclass(frozen=True)
class WeekView:
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


@dataclass(frozen=True)
class JourneySummary:
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


@dataclass(frozen=True)
class SectionView:
    title: str
    anchor: str
    html: Markup
    kind: str


@dataclass(frozen=True)
class JourneyView:
    summary: JourneySummary
    intro_html: Markup
    sections_before: tuple[SectionView, ...]
    plan_intro_html: Markup
    weeks: tuple[WeekView, ...]
    sections_after: tuple[SectionView, ...]
    closing_html: Markup
    author: PersonView | None
    cta: BookingCta | None


@dataclass(frozen=True)
class DayPageView:
    journey: JourneySummary
    week: WeekView
    day: DayView
    sections: tuple[SectionView, ...]
    previous: DayView | None
    next: DayView | None
    cta: BookingCta | None


@dataclass(frozen=True)
class WorkbookDayView:
    """One written day on the workbook page, with the week it belongs to."""

    day: DayView
    week: WeekView
    sections: tuple[SectionView, ...]


@dataclass(frozen=True)
class WorkbookView:
    journey: JourneySummary
    days: tuple[WorkbookDayView, ...]
    """Every written day, in order."""


@dataclass(frozen=True)
class CategoryLink:
    """A category as every page may name it (`site.categories`): what it is and where it lives.
    Its counts are left to the pages that show them, so that adding an article changes no page
    that names its category without counting."""

    name: str
    slug: str
    description: str
    url: str


@dataclass(frozen=True)
class CategoryView:
    """A category as its own page and the categories index show it, counted."""

    name: str
    slug: str
    description: str
    url: str
    article_count: int
    journey_count: int


@dataclass(frozen=True)
class ClinicianView:
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

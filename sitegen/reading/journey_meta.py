"""A journey's front matter, and the checks on it that need the site (categories, authors).

Kept apart from the outline reader in journeys.py: these are the author's settings,
checked once per journey file, whatever the body holds.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sitegen.config.site_config import BookingVariant, SiteConfig
from sitegen.core.errors import ContentError, did_you_mean
from sitegen.reading.frontmatter_source import SourceFile, meta_line
from sitegen.reading.journey_outline import DURATION

AUDIENCES = ("individual", "couples")
"""Who a journey is written for: one reader, or two partners who each answer (two answer columns)."""


@dataclass(frozen=True)
class JourneyMeta:
    title: str = field(metadata={"hint": "add 'title: Your journey's name'"})
    duration: str = field(metadata={"hint": "add 'duration: 4 weeks' (or 'N days')"})
    category: str = field(metadata={"hint": "add 'category:' with one of the categories in site.yaml"})
    sequence: int = 100
    description: str = ""
    days_per_week: int | None = None
    slug: str = ""
    author: str = ""
    cta: bool | str | BookingVariant = True
    featured: bool = False
    audience: str = "individual"


@dataclass(frozen=True)
class DayMeta:
    day: int = field(metadata={"hint": "add 'day: N' with the day's number"})
    title: str = ""
    minutes: object = None


def front_matter_problems(
    source: SourceFile, meta: JourneyMeta, config: SiteConfig, clinicians: frozenset[str]
) -> list[ContentError]:
    """What is wrong in a journey's front matter: its category, author, booking, duration and days a week."""
    errors: list[ContentError] = []
    categories = [c.name for c in config.categories]
    if meta.category not in categories:
        errors.append(
            ContentError(
                source.path,
                meta_line(source, "category"),
                f"unknown category '{meta.category}'",
                did_you_mean(meta.category, categories),
            )
        )
    if meta.author and meta.author not in clinicians:
        errors.append(
            ContentError(
                source.path,
                meta_line(source, "author"),
                f"unknown author '{meta.author}'",
                did_you_mean(meta.author, clinicians) or "add them under content/team/",
            )
        )
    duration = DURATION.match(meta.duration)
    if not duration or int(duration.group(1)) < 1:
        errors.append(
            ContentError(
                source.path,
                meta_line(source, "duration"),
                f"cannot read the duration '{meta.duration}'",
                "write it like '4 weeks' or '30 days'",
            )
        )

    if meta.days_per_week is not None and not 1 <= meta.days_per_week <= 7:
        errors.append(
            ContentError(
                source.path,
                meta_line(source, "days_per_week"),
                f"'days_per_week: {meta.days_per_week}' is not a number of days in a week",
                "use a number from 1 to 7, or leave it out to count the plan's bullets",
            )
        )
    if meta.audience not in AUDIENCES:
        errors.append(
            ContentError(
                source.path,
                meta_line(source, "audience"),
                f"'audience: {meta.audience}' is not a kind of reader sitegen knows",
                _audience_hint(meta.audience),
            )
        )
    return errors


def _audience_hint(written: str) -> str:
    """The closest spelling when there is one, then both choices and what each gives the reader."""
    choices = "'audience: individual' for one reader, or 'audience: couples' for two partners answering side by side"
    close = did_you_mean(written, AUDIENCES)
    return f"{close} Write {choices}" if close.startswith("did") else f"write {choices}"

"""Navigation: the site menu, and moving between journey days."""

from __future__ import annotations

from pathlib import Path

from sitegen.config.site_config import CONFIG_FILE, NavLink, SiteConfig
from sitegen.core import urls as u
from sitegen.core.errors import ContentError, did_you_mean
from sitegen.core.urls import Urls
from sitegen.planning.views import Link
from sitegen.reading.models import Day, Journey, Page
from sitegen.theming.strings import Strings

FOOTER_ONLY = frozenset({"crisis", "accessibility", u.GOOD_FAITH_ESTIMATE_SLUG})
"""Pages of the practice's own that the footer links to, so the default header menu leaves them out."""
SECTIONS = {
    "home": ("home", u.home()),
    "articles": ("articles", u.articles()),
    "journeys": ("journeys", u.journeys()),
    "team": ("our_team", u.team()),
    "categories": ("topics", u.categories()),
    "tags": ("tags", u.tags()),
    "search": ("search", u.search()),
}
"""Section names usable in `navigation:`, with the key of their label in the theme's texts."""


def site_navigation(
    config: SiteConfig, strings: Strings, pages: tuple[Page, ...], hrefs: Urls, root: Path
) -> tuple[tuple[Link, ...], list[ContentError]]:
    """The header menu, from `navigation:` in site.yaml or, without it, a sensible default."""
    by_slug = {p.slug: p for p in pages}
    own_pages = (p.slug for p in pages if p.slug not in FOOTER_ONLY)
    entries = config.navigation or ("articles", "journeys", "team", *own_pages)
    links: list[Link] = []
    errors: list[ContentError] = []
    for index, entry in enumerate(entries):
        if isinstance(entry, NavLink):
            links.append(Link(entry.label, hrefs.rebase(entry.url)))
        elif entry in SECTIONS:
            key, path = SECTIONS[entry]
            links.append(Link(strings.text(key), hrefs.href(path)))
        elif entry in by_slug:
            links.append(Link(by_slug[entry].nav_label or by_slug[entry].title, hrefs.href(u.page(entry))))
        else:
            errors.append(
                ContentError(
                    CONFIG_FILE,
                    config.line_of("navigation", index),
                    f"navigation names '{entry}', which is not a page",
                    did_you_mean(entry, [*SECTIONS, *by_slug])
                    or "use a section name, a page's slug, or {label: ..., url: ...}",
                )
            )
    return tuple(links), errors


def day_neighbours(journey: Journey, number: int) -> tuple[Day | None, Day | None]:
    """The previous and next *written* days, across week boundaries."""
    written = journey.written_days
    before = [d for d in written if d.number < number]
    after = [d for d in written if d.number > number]
    return (before[-1] if before else None), (after[0] if after else None)

"""The pieces every family of pages is planned with: the site view, links, cards, booking.

Each family (articles, journeys, categories and tags, the team…) is a function of a
PageKit, so the families and the planner that gathers them never import each other.
"""

from __future__ import annotations

import contextlib
import hashlib
from collections import defaultdict
from collections.abc import Callable
from functools import cached_property
from pathlib import Path
from typing import Any

from babel.lists import format_list

from sitegen.config.headers import content_security_policy
from sitegen.config.site_config import SiteConfig
from sitegen.core import urls as u
from sitegen.core.errors import ContentError
from sitegen.core.urls import Urls
from sitegen.planning import structured_data as ld
from sitegen.planning.addresses import feed_writers
from sitegen.planning.booking import BookingCta, cta_problem, phone_href, resolve_booking_cta, site_booking
from sitegen.planning.brand import plan_brand
from sitegen.planning.context import BaseContext, PageInfo, SiteView
from sitegen.planning.crisis import plan_crisis
from sitegen.planning.nav import site_navigation
from sitegen.planning.page_job import DIGESTIBLE, LazyContext, PageJob
from sitegen.planning.views import (
    ArticleSummary,
    CategoryLink,
    CategoryView,
    DayView,
    JourneySummary,
    Link,
    PersonView,
    WeekView,
    date_text,
    person_view,
    site_locale,
)
from sitegen.reading.cards import Card, card_digest
from sitegen.reading.models import Article, Clinician, Content, Journey
from sitegen.theming.assets import StaticAssets
from sitegen.theming.strings import load_strings, text_direction

SEARCHABLE_KINDS = frozenset({"article", "journey", "day"})
"""The kinds of page the search index covers: articles, journey overviews and written days.
Decided here and only here."""
MakeContext = Callable[[], dict[str, Any]]


class PageKit:
    """What every family of pages is planned with: the site's lookups, links and shared views."""

    def __init__(self, config: SiteConfig, content: Content, root: Path, assets: StaticAssets) -> None:
        self.config = config
        self.content = content
        self.page_slugs = frozenset(p.slug for p in content.pages)
        """The practice's own pages (content/pages), each of which replaces a built-in page at its address."""
        self.brand = plan_brand(config, root, assets)
        self.assets = assets = self.brand.assets
        self.hrefs = Urls.for_site(config)
        self.errors: list[ContentError] = list(self.brand.errors)
        self.strings, strings_errors = load_strings(root, config)
        self.errors += strings_errors
        crisis = plan_crisis(config, self.strings, self.has_page("crisis"))
        self.crisis, self.crisis_services = crisis.notice, crisis.services
        self.errors += crisis.errors
        self._summaries: dict[str, ArticleSummary] = {}
        self._tag_links: dict[str, Link] = {}
        self._people: dict[tuple[str, bool], PersonView | None] = {}
        self._ctas: dict[tuple[str | None, str, Any], BookingCta | None] = {}
        self.clinicians = {c.slug: c for c in content.clinicians}
        self.category_slugs = {c.name: c.slug for c in config.categories}
        navigation, nav_errors = site_navigation(config, self.strings, content.pages, self.hrefs, root)
        self.errors += nav_errors
        page_slugs = self.page_slugs
        self.site = SiteView(
            title=config.title,
            description=config.description,
            language=config.language,
            direction=text_direction(config.language),
            practice=config.practice,
            phone_href=phone_href(config.practice.phone),
            home_url=self.hrefs.href(u.home()),
            search_url=self.hrefs.href(u.search()),
            articles_url=self.hrefs.href(u.articles()),
            journeys_url=self.hrefs.href(u.journeys()),
            categories_url=self.hrefs.href(u.categories()),
            tags_url=self.hrefs.href(u.tags()),
            crisis_url=self.hrefs.href(u.crisis()),
            accessibility_url=(
                self.hrefs.href(u.accessibility()) if config.accessibility or "accessibility" in page_slugs else None
            ),
            privacy_url=self.hrefs.href(u.page("privacy")) if "privacy" in page_slugs else None,
            good_faith_estimate_url=self.hrefs.href(u.good_faith_estimate())
            if config.shows_good_faith_estimate or (config.is_us and u.GOOD_FAITH_ESTIMATE_SLUG in page_slugs)
            else None,
            navigation=navigation,
            feed_url=self.hrefs.href(u.feed()),
            stylesheet_url=u.static_href(config.base_path, assets.hashed("site.css")),
            script_url=u.static_href(config.base_path, assets.hashed("site.js")),
            static_urls={f.name: u.static_href(config.base_path, f.hashed) for f in assets.files},
            categories=tuple(CategoryLink(c.name, c.slug, c.description, c.url) for c in self.category_views),
            content_security_policy=content_security_policy(config, meta=True),
            referrer_policy=config.referrer_policy,
            brand=self.brand.view,
            telehealth_regions=format_list(list(config.practice.telehealth), locale=site_locale(config.language)),
        )
        self.booking = site_booking(config, self.strings, self.hrefs)
        self.site_feed = Link(self.strings.text("site_feed", site=config.title), self.hrefs.href(u.feed()))
        self.publisher = ld.organization(config, self.hrefs.absolute(u.home()))

    # --- shared pieces -------------------------------------------------------------------

    @cached_property
    def shared_inputs(self) -> bytes:
        """A digest of what this kit lends a page beyond the configuration, theme texts and
        templates (which the page record's salt covers): the site view, the booking and crisis
        blocks, the feed link, the practice's JSON-LD and the team, bylines and booking links
        included. A page made from this kit and one article is as its article and this say."""
        shared = (self.site, self.booking, self.crisis, self.site_feed, self.publisher, self.content.clinicians)
        return hashlib.sha256(DIGESTIBLE.encode(shared)).digest()

    def inputs(self, *parts: object) -> bytes:
        """The inputs of a page made from this kit and `parts` (digests, names, numbers, views)."""
        return hashlib.sha256(self.shared_inputs + DIGESTIBLE.encode(parts)).digest()

    def job(self, path: str, template: str, kind: str, make: MakeContext, source: str, *inputs: object) -> PageJob:
        """A page whose context `make()` gives from this kit and `inputs` alone, made only if the
        page is rendered."""
        context = LazyContext(make, kind in SEARCHABLE_KINDS)
        return PageJob(path, template, context, source, inputs=self.inputs(template, kind, path, *inputs))

    def has_page(self, slug: str) -> bool:
        """Whether content/pages gives a page at /<slug>/, which then replaces a built-in one."""
        return slug in self.page_slugs

    def base(
        self,
        title: str,
        path: str,
        kind: str,
        description: str = "",
        breadcrumbs: tuple[Link, ...] = (),
        **meta: Any,
    ) -> BaseContext:
        meta.setdefault("feeds", (self.site_feed,))
        meta["searchable"] = kind in SEARCHABLE_KINDS
        info = PageInfo(
            title,
            description or self.config.description,
            self.hrefs.href(path),
            self.hrefs.absolute(path),
            kind,
            breadcrumbs,
            **meta,
        )
        return {"site": self.site, "page": info, "booking": self.booking, "crisis": self.crisis}

    def person(self, slug: str, with_supervisor: bool = True) -> PersonView | None:
        """A clinician as bylines show them, with their supervisor (whose own is not followed);
        made once per plan, as every article by them has a byline."""
        if (slug, with_supervisor) not in self._people:
            self._people[slug, with_supervisor] = self._make_person(slug, with_supervisor)
        return self._people[slug, with_supervisor]

    def _make_person(self, slug: str, with_supervisor: bool) -> PersonView | None:
        clinician = self.clinicians.get(slug)
        if clinician is None:
            return None
        supervisor = self.person(clinician.supervisor, False) if with_supervisor and clinician.supervisor else None
        return person_view(clinician, self.hrefs.href(u.clinician(slug)), supervisor)

    def tag_link(self, name: str) -> Link:
        found = self._tag_links.get(name)
        if found is None:
            found = self._tag_links[name] = Link(name, self.hrefs.href(u.tag(self.config.slug_of(name))))
        return found

    def category_link(self, name: str) -> Link:
        return Link(name, self.hrefs.href(u.category(self.category_slugs[name])))

    def summary(self, article: Article) -> ArticleSummary:
        """An article's card; made once per plan, as an article appears on several listings."""
        found = self._summaries.get(article.source.path)
        if found is None:
            found = self._summaries[article.source.path] = self._make_summary(Card.of(article))
        return found

    def cards(self, articles: tuple[Article, ...]) -> tuple[bytes, ...]:
        """The digests of what the cards of these articles (this plan's) are made from: a listing's inputs."""
        digests = self._card_digests
        return tuple([digests[id(article)] for article in articles])

    @cached_property
    def _card_digests(self) -> dict[int, bytes]:
        """Each article's card digest, by the article's identity (the content this kit holds keeps
        each one alive): as the parse cache kept it, else made here. Made once, as an article is on
        several listings (at 10,000 articles, 40,000 places, where finding each by its source's
        path took three times as long: two more objects read, scattered over the heap)."""
        kept = self.content.card_digests
        return {id(a): kept.get(a.source.path) or card_digest(a) for a in self.content.articles}

    def _make_summary(self, card: Card) -> ArticleSummary:
        return ArticleSummary(
            card.title,
            self.hrefs.href(u.article(card.slug)),
            card.description,
            date_text(card.date, self.config.language),
            card.reading_minutes,
            self.category_link(card.category),
            self.person(card.author),
            card.draft,
            card.scheduled,
        )

    def day_view(self, journey: Journey, number: int) -> DayView:
        day = journey.days[number - 1]
        url = self.hrefs.href(u.journey_day(journey.slug, number)) if day.written else None
        heading = (
            self.strings.text("day_heading", number=day.number, title=day.title)
            if day.title
            else self.strings.text("day", number=day.number)
        )
        return DayView(day.number, day.week, day.title, day.topic, day.written, url, heading, day.minutes)

    def week_view(self, journey: Journey, number: int) -> WeekView:
        week = journey.weeks[number - 1]
        return WeekView(
            week.number,
            week.title,
            self.hrefs.href(u.journey_week(journey.slug, number)),
            tuple(self.day_view(journey, d.number) for d in week.days),
        )

    def journey_summary(self, journey: Journey) -> JourneySummary:
        first = journey.written_days[0] if journey.written_days else None
        return JourneySummary(
            journey.slug,
            journey.title,
            self.hrefs.href(u.journey(journey.slug)),
            journey.description,
            journey.duration_label,
            journey.total_days,
            len(journey.written_days),
            self.category_link(journey.category),
            self.day_view(journey, first.number) if first else None,
            journey.audience,
            self.hrefs.href(u.journey_workbook(journey.slug)) if first else None,
        )

    def cta(
        self, category: str | None, author: str, setting: Any, path: str = "site.yaml", line: int = 0
    ) -> BookingCta | None:
        """The booking block of a page; a `cta` naming no variant is a problem at `path`:`line`, and
        the page gets the block it would have had without it. A few blocks are shared by thousands
        of pages, each kept under a setting found sound: a kept one needs no check."""
        try:
            return self._ctas[category, author, setting]
        except (KeyError, TypeError):  # TypeError: a setting that cannot be a key, made each time
            pass
        problem = cta_problem(setting, self.config)
        if problem:
            self.errors.append(ContentError(path, line, *problem))
            setting = True
        cta = resolve_booking_cta(self.config, self.strings, self.hrefs, category, self.clinicians.get(author), setting)
        with contextlib.suppress(TypeError):
            return self._ctas.setdefault((category, author, setting), cta)
        return cta

    @cached_property
    def category_views(self) -> tuple[CategoryView, ...]:
        """Every category with its counts, in site.yaml's order."""
        articles: dict[str, int] = defaultdict(int)
        journeys: dict[str, int] = defaultdict(int)
        for article in self.content.articles:
            articles[article.category] += 1
        for journey in self.content.journeys:
            journeys[journey.category] += 1
        return tuple(
            CategoryView(
                c.name, c.slug, c.description, self.hrefs.href(u.category(c.slug)), articles[c.name], journeys[c.name]
            )
            for c in self.config.sorted_categories()
        )

    def category_feed(self, name: str) -> Link:
        return Link(f"{self.config.title}: {name}", self.hrefs.href(u.category_feed(self.category_slugs[name])))

    @cached_property
    def feed_writers(self) -> frozenset[str]:
        return feed_writers(self.content.articles)

    def clinician_feeds(self, clinician: Clinician) -> tuple[Link, ...]:
        """The site's feed, and the clinician's own when they have written (publishing/feeds.py)."""
        if clinician.slug not in self.feed_writers:
            return (self.site_feed,)
        own = Link(f"{self.config.title}: {clinician.name}", self.hrefs.href(u.clinician_feed(clinician.slug)))
        return (self.site_feed, own)

"""Plan every page of the site: its path, its template and its context.

Planning is separate from rendering so that URL collisions are found, all together
and naming both sources, before a single file is written.
"""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path
from typing import Any

from markupsafe import Markup

from sitegen import structured_data as ld
from sitegen import urls as u
from sitegen.assets import StaticAssets
from sitegen.booking import BookingCta, phone_href, resolve_booking_cta, site_booking
from sitegen.config import SiteConfig
from sitegen.context import BaseContext, PageInfo, SiteView
from sitegen.errors import ContentError
from sitegen.generated_files import generated_files, taken_addresses
from sitegen.images import img_tag
from sitegen.journey_pages import journey_pages
from sitegen.models import Article, Clinician, Content, Journey, Source
from sitegen.nav import site_navigation
from sitegen.page_job import PageJob
from sitegen.slugs import slugify
from sitegen.strings import Strings, load_strings, text_direction
from sitegen.taxonomy_pages import category_pages, listing_pages, tag_pages
from sitegen.urls import Urls
from sitegen.views import (
    ArticleSummary,
    ArticleView,
    CategoryView,
    ClinicianView,
    CrisisNotice,
    DayView,
    JourneySummary,
    Link,
    PersonView,
    WeekView,
    date_text,
    person_view,
)

HOME_LATEST = 6


class SitePlanner:
    """Joins content with URLs into page jobs; holds lookups shared by every kind of page."""

    def __init__(self, config: SiteConfig, content: Content, root: Path, assets: StaticAssets) -> None:
        self.config = config
        self.content = content
        self.assets = assets
        self.hrefs = Urls.for_site(config)
        self.errors: list[ContentError] = []
        self.strings, strings_errors = load_strings(root, config)
        self.errors += strings_errors
        self.crisis = crisis_view(config, self.strings)
        self._summaries: dict[Source, ArticleSummary] = {}
        self._tag_links: dict[str, Link] = {}
        self.clinicians = {c.slug: c for c in content.clinicians}
        self.category_slugs = {c.name: c.slug for c in config.categories}
        navigation, nav_errors = site_navigation(config, self.strings, content.pages, self.hrefs, root)
        self.errors += nav_errors
        page_slugs = {p.slug for p in content.pages}
        self.site = SiteView(
            title=config.title,
            description=config.description,
            language=config.language,
            direction=text_direction(config.language),
            practice=config.practice,
            phone_href=phone_href(config.practice.phone),
            home_url=self.hrefs.href(u.home()),
            search_url=self.hrefs.href(u.search()),
            search_bundle_url=self.hrefs.href(u.search_bundle()),
            search_part_urls=self._search_parts(),
            articles_url=self.hrefs.href(u.articles()),
            journeys_url=self.hrefs.href(u.journeys()),
            categories_url=self.hrefs.href(u.categories()),
            tags_url=self.hrefs.href(u.tags()),
            crisis_url=self.hrefs.href(u.crisis()),
            privacy_url=self.hrefs.href(u.page("privacy")) if "privacy" in page_slugs else None,
            navigation=navigation,
            feed_url=self.hrefs.href(u.feed()),
            stylesheet_url=u.static_href(config.base_path, "site.css", assets.versions.get("site.css", "")),
            script_url=u.static_href(config.base_path, "site.js", assets.versions.get("site.js", "")),
            categories=self._category_views(),
        )
        self.booking = site_booking(config, self.strings, self.hrefs)
        self.site_feed = Link(self.strings.text("site_feed", site=config.title), self.hrefs.href(u.feed()))
        self.publisher = ld.organization(config, self.hrefs.absolute(u.home()))

    # --- shared pieces -------------------------------------------------------------------

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

    def person(self, slug: str) -> PersonView | None:
        clinician = self.clinicians.get(slug)
        return person_view(clinician, self.hrefs.href(u.clinician(slug))) if clinician else None

    def tag_link(self, name: str) -> Link:
        found = self._tag_links.get(name)
        if found is None:
            found = self._tag_links[name] = Link(name, self.hrefs.href(u.tag(slugify(name))))
        return found

    def category_link(self, name: str) -> Link:
        return Link(name, self.hrefs.href(u.category(self.category_slugs[name])))

    def summary(self, article: Article) -> ArticleSummary:
        """An article's card; made once per plan, as an article appears on several listings."""
        found = self._summaries.get(article.source)
        if found is None:
            found = self._summaries[article.source] = self._make_summary(article)
        return found

    def _make_summary(self, article: Article) -> ArticleSummary:
        return ArticleSummary(
            article.title,
            self.hrefs.href(u.article(article.slug)),
            article.description,
            date_text(article.date, self.config.language),
            article.reading_minutes,
            self.category_link(article.category),
            self.person(article.author),
            article.draft,
            article.scheduled,
        )

    def day_view(self, journey: Journey, number: int) -> DayView:
        day = journey.days[number - 1]
        url = self.hrefs.href(u.journey_day(journey.slug, number)) if day.written else None
        heading = (
            self.strings.text("day_heading", number=day.number, title=day.title)
            if day.title
            else self.strings.text("day", number=day.number)
        )
        return DayView(day.number, day.week, day.title, day.topic, day.written, url, heading)

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
        )

    def cta(self, category: str | None, author: str, setting: Any) -> BookingCta | None:
        return resolve_booking_cta(
            self.config, self.strings, self.hrefs, category, self.clinicians.get(author), setting
        )

    def _search_parts(self) -> tuple[str, ...]:
        """The extra index parts the search page merges: articles, journeys and written days, in parts."""
        searchable = len(self.content.articles) + sum(1 + len(j.written_days) for j in self.content.journeys)
        return tuple(self.hrefs.href(u.part_dir(i) + "/") for i in range(1, u.part_count(searchable)))

    def _category_views(self) -> tuple[CategoryView, ...]:
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

    # --- the plan ----------------------------------------------------------------------------

    def plan(self) -> list[PageJob]:
        jobs = [
            self.home(),
            *self.article_listing(),
            *self.articles(),
            *category_pages(self),
            *tag_pages(self),
            *self.journeys(),
            *self.team(),
            *self.content_pages(),
            *self.fixed_pages(),
        ]
        self.errors += find_collisions(jobs)
        self.errors += taken_addresses(jobs, generated_files(self.config, self.content, self.assets))
        return jobs

    def home(self) -> PageJob:
        ctx: dict[str, Any] = dict(
            self.base(self.config.title, u.home(), "home", json_ld=ld.script_json(ld.with_context(self.publisher)))
        )
        ctx.update(
            latest=tuple(self.summary(a) for a in self.content.articles[:HOME_LATEST]),
            journeys=tuple(self.journey_summary(j) for j in self.content.journeys),
            articles_url=self.hrefs.href(u.articles()),
            journeys_url=self.hrefs.href(u.journeys()),
        )
        return PageJob(u.home(), "home.html", ctx, "the home page")

    def article_listing(self) -> list[PageJob]:
        return listing_pages(
            self,
            self.content.articles,
            u.articles,
            self.strings.text("articles"),
            self.strings.text("articles_description"),
            "articles",
            "the article listing",
        )

    def articles(self) -> list[PageJob]:
        jobs = []
        for article in self.content.articles:
            cta = self.cta(article.category, article.author, article.cta)
            view = ArticleView(
                summary=self.summary(article),
                body_html=Markup(article.body_html),
                tags=tuple(self.tag_link(t) for t in article.tags),
                reviewer=self.person(article.reviewed_by),
                last_reviewed=date_text(article.last_reviewed, self.config.language),
                updated=date_text(article.updated, self.config.language),
                content_note=article.content_note,
                cta=cta,
                hero_html=Markup(img_tag(article.hero, self.hrefs.base_path, article.image_alt, lazy=False))
                if article.hero
                else Markup(),
            )
            crumbs = (
                Link(self.strings.text("articles"), self.hrefs.href(u.articles())),
                self.category_link(article.category),
            )
            ctx: dict[str, Any] = dict(
                self.base(
                    article.title,
                    u.article(article.slug),
                    "article",
                    article.description,
                    crumbs,
                    og_type="article",
                    image=self.hrefs.absolute(article.hero.largest) if article.hero else "",
                    json_ld=ld.script_json(ld.with_context(self.article_data(article))),
                    feeds=(self.site_feed, self.category_feed(article.category)),
                    searchable=True,
                )
            )
            ctx["article"] = view
            jobs.append(
                PageJob(
                    u.article(article.slug),
                    "article.html",
                    ctx,
                    str(article.source),
                    cta,
                    lastmod=article.updated or article.date,
                )
            )
            jobs += self.redirects(article)
        return jobs

    def article_data(self, article: Article) -> ld.JsonObject:
        author = self.clinicians.get(article.author)
        reviewer = self.clinicians.get(article.reviewed_by)
        return ld.article(
            article,
            self.hrefs.absolute(u.article(article.slug)),
            ld.person(author, self.hrefs.absolute(u.clinician(author.slug))) if author else None,
            ld.person(reviewer, self.hrefs.absolute(u.clinician(reviewer.slug))) if reviewer else None,
            self.publisher,
            self.hrefs.absolute(article.hero.largest) if article.hero else "",
        )

    def category_feed(self, name: str) -> Link:
        return Link(f"{self.config.title}: {name}", self.hrefs.href(u.category_feed(self.category_slugs[name])))

    def redirects(self, article: Article) -> list[PageJob]:
        """A small page at each old address, sending the reader to the article."""
        jobs = []
        target = Link(article.title, self.hrefs.href(u.article(article.slug)))
        for alias in article.aliases:
            path = u.alias_path(alias)
            if path is None:
                self.errors.append(
                    ContentError(article.source.path, 1, f"the alias '{alias}' is not a path on this site")
                )
                continue
            ctx: dict[str, Any] = dict(
                self.base(
                    self.strings.text("moved_title", title=article.title),
                    u.article(article.slug),
                    "redirect",
                    noindex=True,
                )
            )
            ctx["target"] = target
            jobs.append(
                PageJob(path, "redirect.html", ctx, f"{article.source.path}:1 (alias '{alias}')", in_sitemap=False)
            )
        return jobs

    def journeys(self) -> list[PageJob]:
        ctx: dict[str, Any] = dict(
            self.base(
                self.strings.text("journeys"), u.journeys(), "journeys", self.strings.text("journeys_description")
            )
        )
        ctx["journeys"] = tuple(self.journey_summary(j) for j in self.content.journeys)
        jobs = [PageJob(u.journeys(), "journeys.html", ctx, "the journeys listing")]
        for journey in self.content.journeys:
            jobs += journey_pages(self, journey)
        return jobs

    def team(self) -> list[PageJob]:
        views = {c.slug: self.clinician_view(c) for c in self.content.clinicians}
        team = self.strings.text("our_team")
        about = self.strings.text("team_description", site=self.config.title)
        ctx: dict[str, Any] = dict(self.base(team, u.team(), "team", about))
        ctx["clinicians"] = tuple(views.values())
        jobs = [PageJob(u.team(), "team.html", ctx, "the team page")]
        for clinician in self.content.clinicians:
            crumbs = (Link(team, self.hrefs.href(u.team())),)
            cctx: dict[str, Any] = dict(
                self.base(
                    clinician.display_name,
                    u.clinician(clinician.slug),
                    "clinician",
                    clinician.role,
                    crumbs,
                    og_type="profile",
                    json_ld=ld.script_json(
                        ld.with_context(ld.person(clinician, self.hrefs.absolute(u.clinician(clinician.slug))))
                    ),
                )
            )
            cctx.update(
                clinician=views[clinician.slug],
                articles=tuple(self.summary(a) for a in self.content.articles if a.author == clinician.slug),
                journeys=tuple(self.journey_summary(j) for j in self.content.journeys if j.author == clinician.slug),
            )
            jobs.append(PageJob(u.clinician(clinician.slug), "clinician.html", cctx, str(clinician.source)))
        return jobs

    def clinician_view(self, clinician: Clinician) -> ClinicianView:
        person = self.person(clinician.slug)
        assert person is not None
        booking = self.cta(None, clinician.slug, True)
        return ClinicianView(
            person,
            clinician.regions,
            clinician.specialties,
            Markup(img_tag(clinician.photo, self.hrefs.base_path, clinician.photo_alt, lazy=False))
            if clinician.photo
            else Markup(),
            Markup(clinician.bio_html),
            booking,
        )

    def content_pages(self) -> list[PageJob]:
        jobs = []
        for page in self.content.pages:
            cta = self.cta(None, "", page.cta)
            ctx: dict[str, Any] = dict(self.base(page.title, u.page(page.slug), "page", page.description))
            ctx.update(body_html=Markup(page.body_html), cta=cta)
            jobs.append(PageJob(u.page(page.slug), "page.html", ctx, str(page.source), cta))
        return jobs

    def fixed_pages(self) -> list[PageJob]:
        jobs = [
            PageJob(
                u.search(),
                "search.html",
                dict(self.base(self.strings.text("search"), u.search(), "search")),
                "the search page",
            ),
            PageJob(
                u.not_found(),
                "404.html",
                dict(self.base(self.strings.text("not_found_title"), u.not_found(), "404", noindex=True)),
                "the 404 page",
                in_sitemap=False,
            ),
        ]
        if not any(p.slug == "crisis" for p in self.content.pages):
            jobs.append(
                PageJob(
                    u.crisis(),
                    "crisis.html",
                    dict(self.base(self.strings.text("crisis_title"), u.crisis(), "crisis")),
                    "the built-in crisis page",
                )
            )
        return jobs


def crisis_view(config: SiteConfig, strings: Strings) -> CrisisNotice | None:
    """The notice on every page: the site's own words, or the theme's in the site's language."""
    notice = config.crisis_notice
    if notice is None:
        return None
    text = notice.text or strings.text("crisis_notice")
    # US services match the notice only if nothing reworded it: not crisis.text, and not the
    # theme's 'crisis_notice' (in site.yaml's strings: or a project theme's catalogue).
    us_default = notice.is_us_default and "crisis_notice" in strings.builtin
    return CrisisNotice(text, notice.link_label or strings.text("crisis_link"), us_default)


def find_collisions(jobs: list[PageJob]) -> list[ContentError]:
    """Two sources that would write the same file are reported together, naming both."""
    owners: dict[str, PageJob] = {}
    errors = []
    for job in jobs:
        out = u.output_path_for(job.path)
        if out in owners:
            first = owners[out]
            located = re.match(r"^(.+?):(\d+)", job.source)
            path, line = (located.group(1), int(located.group(2))) if located else ("site.yaml", 0)
            errors.append(
                ContentError(
                    path,
                    line,
                    f"{job.source} and {first.source} both want the address /{job.path}",
                    "give one of them a different slug",
                )
            )
        else:
            owners[out] = job
    return errors

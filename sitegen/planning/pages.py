"""Plan every page of the site: its path, its template and its context.

Planning is separate from rendering so that URL collisions are found, all together
and naming both sources, before a single file is written.
"""

from __future__ import annotations

from collections import defaultdict
from functools import partial
from typing import Any

from markupsafe import Markup

from sitegen.core import urls as u
from sitegen.planning import structured_data as ld
from sitegen.planning.addresses import find_collisions, generated_files, taken_addresses
from sitegen.planning.article_pages import article_pages
from sitegen.planning.context import CrisisContext, GoodFaithEstimateContext
from sitegen.planning.good_faith_estimate import builtin_page_wanted, notice_view
from sitegen.planning.journey_pages import journey_pages
from sitegen.planning.page_job import PageJob
from sitegen.planning.page_kit import PageKit
from sitegen.planning.taxonomy_pages import category_pages, listing_pages, tag_pages
from sitegen.planning.views import ClinicianView, JourneySummary, Link
from sitegen.reading.images import img_tag
from sitegen.reading.models import Article, Clinician

HOME_LATEST = 3
CLINICIAN_LATEST = 4  # a clinician's own page shows their latest articles, and links to the rest


class SitePlanner(PageKit):
    """Gathers every family of pages into the site's plan, and checks that no two share an address."""

    # --- the plan ----------------------------------------------------------------------------

    def plan(self) -> list[PageJob]:
        jobs = [
            self.home(),
            *self.article_listing(),
            *article_pages(self),
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
        journeys = self.content.journeys
        featured = next((j for j in journeys if j.featured), journeys[0] if journeys else None)
        ctx.update(
            latest=tuple(self.summary(a) for a in self.content.articles[:HOME_LATEST]),
            journeys=tuple(self.journey_summary(j) for j in journeys),
            featured_journey=self.journey_summary(featured) if featured else None,
            clinicians=tuple(self.clinician_view(c) for c in self.content.clinicians),
            articles_url=self.hrefs.href(u.articles()),
            journeys_url=self.hrefs.href(u.journeys()),
            team_url=self.hrefs.href(u.team()),
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
        by_author: dict[str, list[Article]] = defaultdict(list)
        for article in self.content.articles:
            by_author[article.author].append(article)
        for clinician in self.content.clinicians:
            articles = tuple(by_author[clinician.slug])
            journeys = tuple(self.journey_summary(j) for j in self.content.journeys if j.author == clinician.slug)
            make = partial(self.clinician_context, clinician, views[clinician.slug], articles, journeys)
            feeds = self.clinician_feeds(clinician)
            inputs = (clinician.slug, journeys, feeds, len(articles), self.cards(articles[:CLINICIAN_LATEST]))
            path, source = u.clinician(clinician.slug), str(clinician.source)
            jobs.append(self.job(path, "clinician.html", "clinician", make, source, *inputs))
            if len(articles) > CLINICIAN_LATEST:
                jobs += self.clinician_articles(clinician, articles)
        return jobs

    def clinician_articles(self, clinician: Clinician, articles: tuple[Article, ...]) -> list[PageJob]:
        """Every article by a clinician whose own page shows only their latest, at /team/<slug>/articles/."""
        crumbs = (
            Link(self.strings.text("our_team"), self.hrefs.href(u.team())),
            Link(clinician.display_name, self.hrefs.href(u.clinician(clinician.slug))),
        )
        title = self.strings.text("articles_by", name=clinician.name)
        path_for = partial(u.clinician_articles, clinician.slug)
        source, feeds = str(clinician.source), self.clinician_feeds(clinician)
        return listing_pages(self, articles, path_for, title, "", "author", source, crumbs, feeds)

    def clinician_context(
        self,
        clinician: Clinician,
        view: ClinicianView,
        articles: tuple[Article, ...],
        journeys: tuple[JourneySummary, ...],
    ) -> dict[str, Any]:
        """A clinician's page: made from the team (which every page's inputs hold), their articles and journeys."""
        crumbs = (Link(self.strings.text("our_team"), self.hrefs.href(u.team())),)
        cctx: dict[str, Any] = dict(
            self.base(
                clinician.display_name,
                u.clinician(clinician.slug),
                "clinician",
                clinician.role,
                crumbs,
                feeds=self.clinician_feeds(clinician),
                og_type="profile",
                json_ld=ld.script_json(
                    ld.with_context(ld.person(clinician, self.hrefs.absolute(u.clinician(clinician.slug))))
                ),
            )
        )
        more = len(articles) > CLINICIAN_LATEST
        cctx.update(
            clinician=view,
            articles=tuple(self.summary(a) for a in articles[:CLINICIAN_LATEST]),
            article_count=len(articles),
            all_articles_url=self.hrefs.href(u.clinician_articles(clinician.slug)) if more else None,
            journeys=journeys,
        )
        return cctx

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
            clinician.licences,
        )

    def content_pages(self) -> list[PageJob]:
        jobs = []
        for page in self.content.pages:
            cta = self.cta(None, "", page.cta, page.source.path, page.cta_line)
            ctx: dict[str, Any] = dict(self.base(page.title, u.page(page.slug), "page", page.description))
            ctx.update(body_html=Markup(page.body_html), cta=cta)
            jobs.append(PageJob(u.page(page.slug), "page.html", ctx, str(page.source), cta))
        return jobs

    def fixed_pages(self) -> list[PageJob]:
        jobs = [
            PageJob(
                u.search(),
                "search.html",
                {**self.base(self.strings.text("search"), u.search(), "search"), "search_bundle": None},
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
        if not self.has_page("crisis"):
            jobs.append(
                PageJob(
                    u.crisis(),
                    "crisis.html",
                    dict(
                        CrisisContext(
                            **self.base(self.strings.text("crisis_title"), u.crisis(), "crisis"),
                            services=self.crisis_services,
                        )
                    ),
                    "the built-in crisis page",
                )
            )
        if builtin_page_wanted(self.config, self.has_page(u.GOOD_FAITH_ESTIMATE_SLUG)):
            jobs.append(self.good_faith_estimate())
        if self.config.accessibility and not self.has_page("accessibility"):
            title = self.strings.text("accessibility_title")
            jobs.append(
                PageJob(
                    u.accessibility(),
                    "accessibility.html",
                    dict(self.base(title, u.accessibility(), "accessibility")),
                    "the built-in accessibility statement",
                )
            )
        return jobs

    def good_faith_estimate(self) -> PageJob:
        path, about = u.good_faith_estimate(), self.strings.text("gfe_description")
        base = self.base(self.strings.text("gfe_title"), path, "good-faith-estimate", about)
        context = GoodFaithEstimateContext(**base, notice=notice_view(self.strings))
        return PageJob(path, "good-faith-estimate.html", dict(context), "the built-in Good Faith Estimate page")

"""The template context, declared once. This is the contract with theme authors.

Every template receives `BaseContext`; each page kind adds the keys of its own
TypedDict below. All URLs are ready to use as `href`; all HTML values are already safe.

Template            Page                              Extra keys
home.html           /                                 HomeContext
articles.html       /articles/, /articles/page/N/     ListingContext
article.html        /articles/<slug>/                 ArticleContext
categories.html     /categories/                      CategoriesContext
category.html       /categories/<slug>/[page/N/]      CategoryContext
tags.html           /tags/                            TagsContext
tag.html            /tags/<slug>/[page/N/]            ListingContext
author.html         /team/<slug>/articles/[page/N/]   ListingContext (a clinician with more
                                                      articles than their page shows)
journeys.html       /journeys/                        JourneysContext
journey.html        /journeys/<slug>/                 JourneyContext
week.html           /journeys/<slug>/week-N/          WeekContext
day.html            /journeys/<slug>/day-N/           DayContext
workbook.html       /journeys/<slug>/workbook/        WorkbookContext
team.html           /team/                            TeamContext
clinician.html      /team/<slug>/                     ClinicianContext
page.html           /<slug>/ (content/pages)          PageContext
crisis.html         /crisis/ (when no crisis page)    CrisisContext
good-faith-estimate.html  /good-faith-estimate/ (US practices, when no page of their own)
                                                      GoodFaithEstimateContext
accessibility.html  /accessibility/ (when no such     BaseContext
                    page and not `accessibility: false`)
search.html         /search/                          SearchContext
404.html            /404.html                         BaseContext
redirect.html       each `aliases:` entry             RedirectContext

Every template can also call (see sitegen/rendering/render.py):
  t("<key>", name=value)  the theme's text `key` in the site's language (strings/<lang>.yaml),
                          escaped; a value that is markup (a `link(...)`) is kept as is
  link(url, label)        <a href="url">label</a>, for a link inside a text
  time_tag(date)          <time datetime="...">...</time> for a DateText
  code(text)              <code>text</code>
  js_strings("<key>", …)  texts for the theme's script, as JSON for a data-strings attribute
"""

from __future__ import annotations

from typing import TypedDict

import msgspec
from markupsafe import Markup

from sitegen.config.site_config import Practice
from sitegen.core import urls as u
from sitegen.core.urls import Urls
from sitegen.planning.booking import BookingCta
from sitegen.planning.brand import BrandView
from sitegen.planning.views import (
    ArticleSummary,
    ArticleView,
    CategoryLink,
    CategoryView,
    ClinicianView,
    CrisisNotice,
    CrisisServicesView,
    DayPageView,
    GoodFaithEstimateView,
    JourneySummary,
    JourneyView,
    Link,
    WeekView,
    WorkbookView,
)


class SiteView(msgspec.Struct, frozen=True):
    """What every page knows about the site."""

    title: str
    description: str
    language: str
    direction: str
    """'rtl' for a language written right to left (Arabic, Hebrew, Persian, Urdu…), else 'ltr'."""
    practice: Practice
    phone_href: str
    home_url: str
    search_url: str
    articles_url: str
    journeys_url: str
    categories_url: str
    tags_url: str
    crisis_url: str
    accessibility_url: str | None
    """The accessibility statement, the built-in one or content/pages/accessibility.md; None
    when the site said `accessibility: false` and wrote none of its own."""
    privacy_url: str | None
    good_faith_estimate_url: str | None
    """A US practice's Good Faith Estimate page (built in or its own); None elsewhere, or when
    site.yaml says `good_faith_estimate: false`."""
    navigation: tuple[Link, ...]
    stylesheet_url: str
    feed_url: str
    script_url: str
    static_urls: dict[str, str]
    """Each static file's address by its name in static/ ('icons/leaf.svg' →
    '/static/icons/leaf.1a2b3c4d5e.svg'): named for its bytes, so hosts may keep it for a year.
    A template that loads a file of its own writes `site.static_urls["icons/leaf.svg"]`."""
    categories: tuple[CategoryLink, ...]
    """Every category, in site.yaml's order: `name`, `slug`, `description` and `url`. How many
    articles and journeys each holds is on the categories index (`categories`) and on a category's
    own page (`category`): a page that shows no count is not rendered again when one changes."""
    content_security_policy: str
    """The site's Content-Security-Policy as a `<meta http-equiv>` can carry it, for hosts that
    send no headers: put it in the head before any script or stylesheet."""
    referrer_policy: str
    """site.yaml's `referrer_policy`, for `<meta name="referrer">`."""
    brand: BrandView
    """site.yaml's `brand:`: `brand.stylesheet_url` (link it after `stylesheet_url` when set),
    `brand.logo` (url, width, height, alt; see partials/logo.html), `brand.hero_html` (the home
    page's hero `<img>`, see partials/hero_image.html), `brand.icons` (each favicon's rel, url and
    sizes) and `brand.font_family` (empty for the system font). See sitegen/planning/brand.py."""
    telehealth_regions: str = ""
    """`practice.telehealth` as a list in the site's language ('Oregon and Washington'), for
    the notice of where clients may be while they meet by telehealth."""


class PageInfo(msgspec.Struct, frozen=True):
    """The page being rendered."""

    title: str
    description: str
    url: str
    canonical: str
    kind: str
    breadcrumbs: tuple[Link, ...] = ()
    og_type: str = "website"
    image: str = ""
    json_ld: Markup = msgspec.field(default_factory=Markup)
    feeds: tuple[Link, ...] = ()
    noindex: bool = False
    searchable: bool = False


class Pagination(msgspec.Struct, frozen=True):
    page: int
    pages: int
    previous_url: str | None
    next_url: str | None


class BaseContext(TypedDict):
    site: SiteView
    page: PageInfo
    booking: BookingCta
    crisis: CrisisNotice | None


class HomeContext(BaseContext):
    latest: tuple[ArticleSummary, ...]
    """The newest articles, newest first."""
    journeys: tuple[JourneySummary, ...]
    """Every journey, in journey order (`sequence`, then title)."""
    featured_journey: JourneySummary | None
    """The journey marked `featured: true`, else the first in journey order; None with no journeys."""
    clinicians: tuple[ClinicianView, ...]
    """The team, in the team page's order, each linking to their profile."""
    articles_url: str
    journeys_url: str
    team_url: str


class ListingContext(BaseContext):
    heading: str
    intro: str
    articles: tuple[ArticleSummary, ...]
    pagination: Pagination | None


class ArticleContext(BaseContext):
    article: ArticleView


class CategoriesContext(BaseContext):
    categories: tuple[CategoryView, ...]


class CategoryContext(BaseContext):
    category: CategoryView
    articles: tuple[ArticleSummary, ...]
    journeys: tuple[JourneySummary, ...]
    pagination: Pagination | None


class TagsContext(BaseContext):
    tags: tuple[tuple[Link, int], ...]


class JourneysContext(BaseContext):
    journeys: tuple[JourneySummary, ...]


class JourneyContext(BaseContext):
    journey: JourneyView


class WeekContext(BaseContext):
    journey: JourneySummary
    week: WeekView
    previous_week: Link | None
    next_week: Link | None


class DayContext(BaseContext):
    view: DayPageView


class WorkbookContext(BaseContext):
    workbook: WorkbookView
    """The journey and every written day in order, each with its week and its sections (the
    same HTML as the day's own page). Only journeys with a written day have a workbook."""


class TeamContext(BaseContext):
    clinicians: tuple[ClinicianView, ...]


class ClinicianContext(BaseContext):
    clinician: ClinicianView
    articles: tuple[ArticleSummary, ...]
    """Their latest articles, at most four; `article_count` counts them all."""
    article_count: int
    all_articles_url: str | None
    """Their listing of every article (author.html); None when `articles` holds them all."""
    journeys: tuple[JourneySummary, ...]


class PageContext(BaseContext):
    body_html: Markup
    cta: BookingCta | None


class CrisisContext(BaseContext):
    services: CrisisServicesView | None
    """The country's services (crisis.country or practice.country); None: the notice's own
    words, or with no country at all the theme's US services."""


class GoodFaithEstimateContext(BaseContext):
    notice: GoodFaithEstimateView


class RedirectContext(BaseContext):
    target: Link


class SearchBundle(msgspec.Struct, frozen=True):
    """The search index the search page loads: Pagefind's script, in the first part of the index,
    and the other parts of a large site's index, which it merges (each a folder's address). Each
    part lives in a folder named for its bytes, so they are known only once the index is made:
    the search page is rendered last."""

    script_url: str
    part_urls: tuple[str, ...] = ()

    @classmethod
    def at(cls, hrefs: Urls, digests: tuple[str, ...]) -> SearchBundle:
        """The index whose parts are in the folders named `digests`, the first holding the script."""
        parts_at = tuple(hrefs.href(u.search_bundle(digest)) for digest in digests[1:])
        return cls(hrefs.href(u.search_script(digests[0])), parts_at)


class SearchContext(BaseContext):
    search_bundle: SearchBundle | None
    """None only when the site was built without its search index."""

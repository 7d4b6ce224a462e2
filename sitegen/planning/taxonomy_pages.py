"""Listing pages: the paginated article listing, the category pages, the tag pages and each
clinician's articles."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from functools import partial
from typing import Any

from sitegen.core import urls as u
from sitegen.planning.addresses import tag_collisions
from sitegen.planning.context import Pagination
from sitegen.planning.page_job import PageJob
from sitegen.planning.page_kit import PageKit
from sitegen.planning.views import CategoryView, JourneySummary, Link
from sitegen.reading.models import Article

PathFor = Callable[[int], str]

# The template of each kind of listing made by listing_pages.
LISTING_TEMPLATES = {"articles": "articles.html", "tag": "tag.html", "author": "author.html"}


def pages_of(articles: tuple[Article, ...], per_page: int) -> list[tuple[Article, ...]]:
    """Articles split into pages; an empty listing is still one page."""
    return [articles[i : i + per_page] for i in range(0, len(articles), per_page)] or [()]


def pagination(planner: PageKit, number: int, count: int, path_for: PathFor) -> Pagination | None:
    if count == 1:
        return None
    previous = planner.hrefs.href(path_for(number - 1)) if number > 1 else None
    following = planner.hrefs.href(path_for(number + 1)) if number < count else None
    return Pagination(number, count, previous, following)


def listing_pages(
    planner: PageKit,
    articles: tuple[Article, ...],
    path_for: PathFor,
    title: str,
    intro: str,
    kind: str,
    source: str,
    crumbs: tuple[Link, ...] = (),
    feeds: tuple[Link, ...] = (),
) -> list[PageJob]:
    """A listing's pages, each made from its articles, its number and its neighbours' addresses;
    its head links to `feeds`, or to the site's feed alone."""
    feeds = feeds or (planner.site_feed,)
    chunks = pages_of(articles, planner.config.articles_per_page)
    template = LISTING_TEMPLATES[kind]
    jobs = []
    for number, chunk in enumerate(chunks, start=1):
        count = len(chunks)
        make = partial(_listing_context, planner, chunk, path_for, title, intro, kind, (number, count), crumbs, feeds)
        neighbours = _neighbours(path_for, number, count)
        inputs = (title, intro, crumbs, feeds, number, count, neighbours, planner.cards(chunk))
        jobs.append(planner.job(path_for(number), template, kind, make, source, *inputs))
    return jobs


def _listing_context(
    planner: PageKit,
    chunk: tuple[Article, ...],
    path_for: PathFor,
    title: str,
    intro: str,
    kind: str,
    place: tuple[int, int],
    crumbs: tuple[Link, ...],
    feeds: tuple[Link, ...],
) -> dict[str, Any]:
    number, count = place
    numbered = _numbered(planner, title, number, count)
    ctx: dict[str, Any] = dict(planner.base(numbered, path_for(number), kind, intro, crumbs, feeds=feeds))
    ctx.update(
        heading=title,
        intro=intro,
        articles=tuple(planner.summary(a) for a in chunk),
        pagination=pagination(planner, number, count, path_for),
    )
    return ctx


def _neighbours(path_for: PathFor, number: int, count: int) -> tuple[str | None, str | None]:
    """The addresses a listing's page links to as the previous and the next."""
    return (path_for(number - 1) if number > 1 else None, path_for(number + 1) if number < count else None)


def _numbered(planner: PageKit, title: str, number: int, count: int) -> str:
    """A listing's title; its later pages say which page they are."""
    return title if number == 1 else planner.strings.text("listing_page_title", title=title, page=number, pages=count)


def category_pages(planner: PageKit) -> list[PageJob]:
    content = planner.content
    ctx: dict[str, Any] = dict(planner.base(planner.strings.text("topics"), u.categories(), "categories"))
    ctx["categories"] = planner.category_views
    jobs = [PageJob(u.categories(), "categories.html", ctx, "the category index")]
    by_category: dict[str, list[Article]] = defaultdict(list)
    for article in content.articles:
        by_category[article.category].append(article)
    for view in planner.category_views:
        chunks = pages_of(tuple(by_category[view.name]), planner.config.articles_per_page)
        journeys = tuple(planner.journey_summary(j) for j in content.journeys if j.category == view.name)
        for number, chunk in enumerate(chunks, start=1):
            count, shown = len(chunks), journeys if number == 1 else ()
            make = partial(_category_context, planner, view, chunk, shown, number, count)
            neighbours = _neighbours(partial(u.category, view.slug), number, count)
            inputs = (view, shown, number, count, neighbours, planner.cards(chunk))
            path, source = u.category(view.slug, number), f"category '{view.name}' in site.yaml"
            jobs.append(planner.job(path, "category.html", "category", make, source, *inputs))
    return jobs


def _category_context(
    planner: PageKit,
    view: CategoryView,
    chunk: tuple[Article, ...],
    journeys: tuple[JourneySummary, ...],
    number: int,
    count: int,
) -> dict[str, Any]:
    topics = planner.strings.text("topics")
    crumbs = (Link(topics, planner.hrefs.href(u.categories())),)
    title = _numbered(planner, view.name, number, count)
    feeds = (planner.site_feed, planner.category_feed(view.name))
    path = u.category(view.slug, number)
    ctx: dict[str, Any] = dict(planner.base(title, path, "category", view.description, crumbs, feeds=feeds))
    ctx.update(
        category=view,
        articles=tuple(planner.summary(a) for a in chunk),
        journeys=journeys,
        pagination=pagination(planner, number, count, partial(u.category, view.slug)),
    )
    return ctx


def tag_pages(planner: PageKit) -> list[PageJob]:
    """One listing per tag; tags that differ only in case share it, under the first spelling met."""
    by_slug: dict[str, list[Article]] = defaultdict(list)
    names: dict[str, str] = {}
    slugs: dict[str, str] = {}  # each spelling's slug, made once: a tag is on hundreds of articles
    for article in planner.content.articles:
        for tag in article.tags:
            slug = slugs.get(tag)
            if slug is None:  # a spelling met for the first time
                slug = slugs[tag] = planner.config.slug_of(tag)
                names.setdefault(slug, tag)
            tagged = by_slug[slug]
            if not tagged or tagged[-1] is not article:
                tagged.append(article)
    planner.errors += tag_collisions(planner.content.articles, slugs)
    ordered = sorted(by_slug, key=lambda s: names[s].lower())
    ctx: dict[str, Any] = dict(planner.base(planner.strings.text("tags"), u.tags(), "tags"))
    ctx["tags"] = tuple((Link(names[s], planner.hrefs.href(u.tag(s))), len(by_slug[s])) for s in ordered)
    jobs = [PageJob(u.tags(), "tags.html", ctx, "the tag index")]
    for slug in ordered:
        jobs += listing_pages(
            planner,
            tuple(by_slug[slug]),
            partial(u.tag, slug),
            planner.strings.text("tagged", tag=names[slug]),
            "",
            "tag",
            f"tag '{names[slug]}'",
        )
    return jobs

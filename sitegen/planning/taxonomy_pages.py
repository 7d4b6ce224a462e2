"""Listing pages: the paginated article listing, the category pages and the tag pages."""

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
from sitegen.planning.views import Link
from sitegen.reading.models import Article

PathFor = Callable[[int], str]


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
) -> list[PageJob]:
    chunks = pages_of(articles, planner.config.articles_per_page)
    jobs = []
    for number, chunk in enumerate(chunks, start=1):
        page_title = _numbered(planner, title, number, len(chunks))
        ctx: dict[str, Any] = dict(planner.base(page_title, path_for(number), kind, intro))
        ctx.update(
            heading=title,
            intro=intro,
            articles=tuple(planner.summary(a) for a in chunk),
            pagination=pagination(planner, number, len(chunks), path_for),
        )
        jobs.append(PageJob(path_for(number), "articles.html" if kind == "articles" else "tag.html", ctx, source))
    return jobs


def _numbered(planner: PageKit, title: str, number: int, count: int) -> str:
    """A listing's title; its later pages say which page they are."""
    return title if number == 1 else planner.strings.text("listing_page_title", title=title, page=number, pages=count)


def category_pages(planner: PageKit) -> list[PageJob]:
    hrefs, content = planner.hrefs, planner.content
    topics = planner.strings.text("topics")
    ctx: dict[str, Any] = dict(planner.base(topics, u.categories(), "categories"))
    ctx["categories"] = planner.site.categories
    jobs = [PageJob(u.categories(), "categories.html", ctx, "the category index")]
    for view in planner.site.categories:
        crumbs = (Link(topics, hrefs.href(u.categories())),)
        chosen = tuple(a for a in content.articles if a.category == view.name)
        chunks = pages_of(chosen, planner.config.articles_per_page)
        for number, chunk in enumerate(chunks, start=1):
            title = _numbered(planner, view.name, number, len(chunks))
            path = u.category(view.slug, number)
            feeds = (planner.site_feed, planner.category_feed(view.name))
            cctx: dict[str, Any] = dict(planner.base(title, path, "category", view.description, crumbs, feeds=feeds))
            cctx.update(
                category=view,
                articles=tuple(planner.summary(a) for a in chunk),
                journeys=tuple(planner.journey_summary(j) for j in content.journeys if j.category == view.name)
                if number == 1
                else (),
                pagination=pagination(planner, number, len(chunks), partial(u.category, view.slug)),
            )
            jobs.append(PageJob(path, "category.html", cctx, f"category '{view.name}' in site.yaml"))
    return jobs


def tag_pages(planner: PageKit) -> list[PageJob]:
    """One listing per tag; tags that differ only in case share it, under the first spelling met."""
    by_slug: dict[str, list[Article]] = defaultdict(list)
    names: dict[str, str] = {}
    for article in planner.content.articles:
        for tag in article.tags:
            slug = planner.config.slug_of(tag)
            if not by_slug[slug] or by_slug[slug][-1] is not article:
                by_slug[slug].append(article)
            names.setdefault(slug, tag)
    planner.errors += tag_collisions(planner.content.articles, planner.config.slug_of)
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

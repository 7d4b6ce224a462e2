"""The pages of articles: one per article, with a small redirect page at each old address."""

from __future__ import annotations

from collections.abc import Mapping
from functools import partial
from typing import Any

from markupsafe import Markup

from sitegen.core import urls as u
from sitegen.core.errors import ContentError
from sitegen.planning import structured_data as ld
from sitegen.planning.addresses import alias_problem
from sitegen.planning.booking import BookingCta
from sitegen.planning.page_job import LazyContext, PageJob
from sitegen.planning.page_kit import SEARCHABLE_KINDS, PageKit
from sitegen.planning.views import ArticleView, Link, date_text
from sitegen.reading.images import img_tag
from sitegen.reading.models import Article


def article_pages(kit: PageKit) -> list[PageJob]:
    """Each article's page, and its redirects. When the parse cache knows an article's digest, its
    page's inputs are that digest and the kit's shared inputs, and its context is made only if
    the page is rendered."""
    jobs = []
    digests = kit.content.article_digests
    searchable = "article" in SEARCHABLE_KINDS
    for article in kit.content.articles:
        source = article.source
        cta = kit.cta(article.category, article.author, article.cta, source.path, article.cta_line)
        digest = digests.get(source.path)
        if digest is None:
            context: Mapping[str, Any] = article_context(kit, article, cta)
            inputs = None
        else:
            context = LazyContext(partial(article_context, kit, article, cta), searchable)
            inputs = kit.inputs("article", digest)
        lastmod = article.updated or article.date
        path = u.article(article.slug)
        jobs.append(PageJob(path, "article.html", context, f"{source.path}:{source.line}", cta, lastmod, inputs=inputs))
        if article.aliases:
            jobs += redirects(kit, article)
    return jobs


def article_context(kit: PageKit, article: Article, cta: BookingCta | None) -> dict[str, Any]:
    """What article.html receives: a function of the kit's shared inputs and the article alone."""
    view = ArticleView(
        summary=kit.summary(article),
        body_html=Markup(article.body_html),
        tags=tuple(kit.tag_link(t) for t in article.tags),
        reviewer=kit.person(article.reviewed_by),
        last_reviewed=date_text(article.last_reviewed, kit.config.language),
        updated=date_text(article.updated, kit.config.language),
        content_note=article.content_note,
        cta=cta,
        hero_html=Markup(img_tag(article.hero, kit.hrefs.base_path, article.image_alt, lazy=False))
        if article.hero
        else Markup(),
    )
    crumbs = (
        Link(kit.strings.text("articles"), kit.hrefs.href(u.articles())),
        kit.category_link(article.category),
    )
    ctx: dict[str, Any] = dict(
        kit.base(
            article.title,
            u.article(article.slug),
            "article",
            article.description,
            crumbs,
            og_type="article",
            image=kit.hrefs.absolute(article.hero.largest) if article.hero else "",
            json_ld=ld.script_json(ld.with_context(article_data(kit, article))),
            feeds=(kit.site_feed, kit.category_feed(article.category)),
        )
    )
    ctx["article"] = view
    return ctx


def article_data(kit: PageKit, article: Article) -> ld.JsonObject:
    author = kit.clinicians.get(article.author)
    reviewer = kit.clinicians.get(article.reviewed_by)
    return ld.article(
        article,
        kit.hrefs.absolute(u.article(article.slug)),
        ld.person(author, kit.hrefs.absolute(u.clinician(author.slug))) if author else None,
        ld.person(reviewer, kit.hrefs.absolute(u.clinician(reviewer.slug))) if reviewer else None,
        kit.publisher,
        kit.hrefs.absolute(article.hero.largest) if article.hero else "",
    )


def redirects(kit: PageKit, article: Article) -> list[PageJob]:
    """A small page at each old address, sending the reader to the article."""
    jobs: list[PageJob] = []
    if not article.aliases:
        return jobs
    target = Link(article.title, kit.hrefs.href(u.article(article.slug)))
    lines = article.alias_lines or (1,) * len(article.aliases)
    for alias, line in zip(article.aliases, lines, strict=True):
        problem = alias_problem(alias)
        path = u.alias_path(alias)
        if problem or path is None:  # alias_problem() covers every alias that has no path
            kit.errors.append(ContentError(article.source.path, line, *(problem or ("", ""))))
            continue
        ctx: dict[str, Any] = dict(
            kit.base(
                kit.strings.text("moved_title", title=article.title),
                u.article(article.slug),
                "redirect",
                noindex=True,
            )
        )
        ctx["target"] = target
        jobs.append(
            PageJob(path, "redirect.html", ctx, f"{article.source.path}:{line} (alias '{alias}')", in_sitemap=False)
        )
    return jobs

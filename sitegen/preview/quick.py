"""The page a save was for, written before the rebuild that brings the rest of the preview up to date.

A writer who saves an article wants to see that article. Re-planning and checking the
whole site first costs far more than the page itself on a large site, so when every
save since the last finished rebuild is to an article the site already has, and the
save changes nothing beyond that article's own pages, those pages are planned here as
the whole plan would plan them: from the last plan's content with the saved articles
read again, by the same planner, rendered with the kept templates and checked like any
page. The rebuild that follows writes the rest (listings, feeds, the search index) and
finds these pages already as it would write them.

"Nothing beyond its own pages" means the article keeps its address, old addresses,
category, tags, byline, images and recordings: each of those reaches other files (a
redirect page, a tag page, a resized image), which would be missing or stale until the
rebuild wrote them. A new or removed article, a template, site.yaml or anything else
saved, or any problem at all, and there is no quick page: the rebuild does it all.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from sitegen.build import Planned
from sitegen.core import layout
from sitegen.core.clock import today
from sitegen.core.urls import Urls
from sitegen.planning.article_pages import article_pages
from sitegen.planning.pages import SitePlanner
from sitegen.reading.content import parse_article
from sitegen.reading.models import Article
from sitegen.rendering.render import Renderer, render_page
from sitegen.theming.assets import collect_static

Page = tuple[str, bytes]
"""A page's site-relative path and its bytes."""


class QuickPages:
    """Writing saved articles' pages ahead, from one plan and the renderer it was rendered with.
    Made once per plan, in the rebuild's thread, so that a save costs only its own pages."""

    def __init__(self, planned: Planned, renderer: Renderer) -> None:
        self.planned = planned
        self.renderer = renderer
        self._articles = {article.source.path: article for article in planned.content.articles}

    def pages(self, saved: frozenset[Path]) -> list[Page] | None:
        """The pages of the saved articles as the rebuild will write them, or None if the saves
        may change anything else (or have any problem: the rebuild reports it)."""
        planned, root = self.planned, self.planned.root
        if not saved or planned.options.today != today():  # a new day can publish a scheduled article
            return None
        fresh: dict[str, Article] = {}
        for path in saved:
            article = self._read_again(path)
            if article is None:
                return None
            fresh[article.source.path] = article
        # The last plan's content has the same categories, so the same counts on every page.
        assets = collect_static(root, planned.config.theme, Urls.for_site(planned.config))
        kit = SitePlanner(planned.config, planned.content, root, assets)
        kit.content = dataclasses.replace(planned.content, articles=tuple(fresh[name] for name in sorted(fresh)))
        jobs = article_pages(kit)
        if kit.errors:
            return None
        guard = planned.guard()
        pages = []
        for job in jobs:
            html, problems = render_page(job, self.renderer, guard, root)
            if html is None or problems or guard.errors:
                return None
            pages.append((job.output, html.encode("utf-8")))
        return pages

    def _read_again(self, path: Path) -> Article | None:
        """The saved article read again, if the plan has it and the save keeps every file around
        its page as it was."""
        planned, root = self.planned, self.planned.root
        if path.parent != root / layout.ARTICLES or path.suffix != ".md" or path.name.startswith((".", "_")):
            return None
        if path.is_symlink() or not path.is_file():
            return None
        article, problems = parse_article(path, root, planned.config, planned.options.today)
        before = self._articles.get(article.source.path) if article else None
        if article is None or before is None or problems or not _same_surroundings(before, article):
            return None
        return article


def _same_surroundings(before: Article, after: Article) -> bool:
    """Whether every file but the article's own page stays as it links to it."""
    kept = ("slug", "aliases", "category", "tags", "author", "reviewed_by", "hero", "images", "audio")
    return all(getattr(before, name) == getattr(after, name) for name in kept)

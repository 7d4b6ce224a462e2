"""Atom feeds of the whole site and of each category, made with feedgen."""

from __future__ import annotations

import datetime as dt
import re
from functools import partial

from sitegen import __version__
from sitegen.config.site_config import SiteConfig
from sitegen.core import urls as u
from sitegen.core.memo import Memo, remembered
from sitegen.core.urls import Urls
from sitegen.reading.markup import BOOKING_PLACEHOLDER
from sitegen.reading.models import Article, Clinician

FEED_SIZE = 50
_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)


def site_feeds(
    config: SiteConfig, articles: tuple[Article, ...], clinicians: tuple[Clinician, ...], memo: Memo | None = None
) -> dict[str, bytes]:
    """Every feed file by its site path: the whole site's and one per category."""
    hrefs = Urls.for_site(config)
    people = {c.slug: c for c in clinicians}
    published = [a for a in articles if not a.draft and not a.scheduled]
    wanted = [(u.feed(), config.title, u.articles(), published)]
    for category in config.sorted_categories():
        chosen = [a for a in published if a.category == category.name]
        wanted.append(
            (u.category_feed(category.slug), f"{config.title}: {category.name}", u.category(category.slug), chosen)
        )
    feeds = {}
    for path, title, page, chosen in wanted:
        newest = chosen[:FEED_SIZE]
        key = (config, title, page, tuple(newest), tuple(people.get(a.author) for a in newest))
        feeds[path] = remembered(memo, path, key, partial(_feed, config, hrefs, people, newest, title, path, page))
    return feeds


def _feed(
    config: SiteConfig,
    hrefs: Urls,
    people: dict[str, Clinician],
    newest: list[Article],
    title: str,
    path: str,
    page: str,
) -> bytes:
    from feedgen.feed import FeedGenerator  # with lxml, 30 ms to import: not when feeds are remembered

    fg = FeedGenerator()
    fg.id(hrefs.absolute(path))
    fg.title(title)
    fg.subtitle(config.description or title)
    fg.link(href=hrefs.absolute(path), rel="self", type="application/atom+xml")
    fg.link(href=hrefs.absolute(page), rel="alternate", type="text/html")
    fg.language(config.language)
    fg.author({"name": config.practice.name or config.title})
    fg.generator("sitegen", version=__version__)
    fg.updated(max((_stamp(a.updated or a.date) for a in newest), default=_EPOCH))
    for article in newest:
        url = hrefs.absolute(u.article(article.slug))
        entry = fg.add_entry(order="append")
        entry.id(url)
        entry.title(article.title)
        entry.link(href=url, rel="alternate", type="text/html")
        entry.published(_stamp(article.date))
        entry.updated(_stamp(article.updated or article.date))
        author = people.get(article.author)
        entry.author({"name": author.display_name if author else (config.practice.name or config.title)})
        if article.description:
            entry.summary(article.description)
        entry.category(term=article.category)
        entry.content(_absolute_links(article.body_html.replace(BOOKING_PLACEHOLDER, ""), hrefs), type="html")
    data: bytes = fg.atom_str(pretty=True)
    return data


def _stamp(date: dt.date | None) -> dt.datetime:
    if date is None:
        return _EPOCH
    return dt.datetime(date.year, date.month, date.day, tzinfo=dt.UTC)


def _absolute_links(html: str, hrefs: Urls) -> str:
    """Feed readers show content away from the site, so site links must be absolute."""
    return re.sub(r'(href|src)="' + re.escape(hrefs.base_path), lambda m: f'{m.group(1)}="{hrefs.base_url}', html)

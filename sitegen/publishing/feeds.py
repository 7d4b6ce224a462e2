"""Atom feeds of the whole site, of each category and of each clinician who writes, made with feedgen.

A feed shows only its newest articles, so most edits change no feed. Between builds the
feeds are kept in the cache (`feeds.msgpack`), each with a digest of everything that
appears in it (and of this module and the libraries that write it): a feed whose digest is
unchanged is not made again.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cached_property, partial
from pathlib import Path

import msgspec

from sitegen import __version__
from sitegen.config.site_config import SiteConfig
from sitegen.core import urls as u
from sitegen.core.installed import NotInstalled, installed_version
from sitegen.core.memo import Memo, remembered
from sitegen.core.sealed import read_sealed, write_sealed
from sitegen.core.urls import Urls
from sitegen.planning.addresses import feed_writers
from sitegen.reading.commonmark import name_back_links
from sitegen.reading.markup import BOOKING_PLACEHOLDER
from sitegen.reading.models import Article, Clinician

FEED_SIZE = 50
_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
_KEPT = msgspec.msgpack.Decoder(dict[str, tuple[bytes, bytes]])


def site_feeds(
    config: SiteConfig,
    articles: tuple[Article, ...],
    clinicians: tuple[Clinician, ...],
    back_label: Callable[[str], str],
    memo: Memo | None = None,
    kept: Path | None = None,
    digests: Mapping[str, bytes] | None = None,
) -> dict[str, bytes]:
    """Every feed file by its site path: the whole site's, one per category and one per clinician
    with a published article. `back_label`
    names a footnote's way back in the site's language, as its pages do. `memo` remembers
    them in memory (the preview); else `kept` is the cache file that keeps them between builds,
    each with a digest of what appears in it, where an article's body is named by the digest of
    its parse (`digests`, by source file, when the parse cache knows it) rather than read."""
    hrefs = Urls.for_site(config)
    words = Words(back_label)
    people = {c.slug: c for c in clinicians}
    published = [a for a in articles if a.published]
    wanted = [(u.feed(), config.title, u.articles(), published[:FEED_SIZE])]
    by_category, by_author = _newest_by(published, lambda a: a.category), _newest_by(published, lambda a: a.author)
    for category in config.sorted_categories():
        chosen = by_category.get(category.name, [])
        wanted.append(
            (u.category_feed(category.slug), f"{config.title}: {category.name}", u.category(category.slug), chosen)
        )
    writers = feed_writers(articles)
    for person in clinicians:
        if person.slug in writers:
            feed = (u.clinician_feed(person.slug), f"{config.title}: {person.name}", u.clinician(person.slug))
            wanted.append((*feed, by_author[person.slug]))
    if kept is not None and memo is None:
        return _kept_feeds(config, hrefs, people, words, wanted, kept, digests or {})
    feeds = {}
    for path, title, page, newest in wanted:
        key = (config, words.sample, title, page, tuple(newest), tuple(people.get(a.author) for a in newest))
        made = partial(_feed, config, hrefs, people, words, newest, title, path, page)
        feeds[path] = remembered(memo, path, key, made)
    return feeds


def _newest_by(published: list[Article], key: Callable[[Article], str]) -> dict[str, list[Article]]:
    """The newest FEED_SIZE articles of each value of `key`, in one pass: a site may have 10,000."""
    newest: dict[str, list[Article]] = {}
    for article in published:
        chosen = newest.setdefault(key(article), [])
        if len(chosen) < FEED_SIZE:
            chosen.append(article)
    return newest


@dataclass(frozen=True)
class Words:
    """The site's words a feed's entries carry: how a footnote's way back is named."""

    back_label: Callable[[str], str]

    @cached_property
    def sample(self) -> str:
        """The words as they read for one reference: enough to tell one site's wording from another's."""
        return self.back_label("1")


def _kept_feeds(
    config: SiteConfig,
    hrefs: Urls,
    people: dict[str, Clinician],
    words: Words,
    wanted: list[tuple[str, str, str, list[Article]]],
    kept: Path,
    digests: Mapping[str, bytes],
) -> dict[str, bytes]:
    """The feeds, each made again only when something that appears in it changed since the last build."""
    sealed = read_sealed(kept)  # only this user's sitegen wrote it: a feed planted there is never published
    try:
        before = _KEPT.decode(sealed) if sealed is not None else {}
    except (msgspec.DecodeError, msgspec.ValidationError):
        before = {}
    salt, now = _salt(), {}
    for path, title, page, newest in wanted:
        key = _appearing(salt, config, hrefs, people, (path, title, page, words.sample), newest, digests)
        found = before.get(path)
        made = found if found and found[0] == key else None
        now[path] = made or (key, _feed(config, hrefs, people, words, newest, title, path, page))
    if now != before:
        write_sealed(kept, msgspec.msgpack.encode(now))
    return {path: data for path, (_, data) in now.items()}


def _appearing(
    salt: bytes,
    config: SiteConfig,
    hrefs: Urls,
    people: dict[str, Clinician],
    feed: tuple[str, str, str, str],
    newest: list[Article],
    digests: Mapping[str, bytes],
) -> bytes:
    """A digest of everything _feed() puts in a feed. An article's body is named by the digest of
    its parse, which covers it, when there is one: a body is read from the cache's file of bodies,
    and the feeds at 10,000 articles show 350 of them."""
    shown: list[object] = [salt, hrefs.base_url, hrefs.base_path, *feed]
    shown += [config.title, config.description, config.language, config.practice.name]
    for article in newest:
        author = people.get(article.author)
        body = digests.get(article.source.path) or article.body_html  # bytes and text never encode alike
        shown += [article.slug, article.title, article.category, article.description, body]
        shown += [str(article.date), str(article.updated), author.display_name if author else None]
    return hashlib.sha256(msgspec.msgpack.encode(shown)).digest()


def _salt() -> bytes:
    """What shapes every feed besides its contents: sitegen, this module's code, and the libraries that write XML."""
    versions = [__version__]
    for library in ("feedgen", "lxml"):
        try:
            versions.append(installed_version(library))
        except NotInstalled:
            versions.append("-")
    return hashlib.sha256("\0".join(versions).encode() + b"\0" + Path(__file__).read_bytes()).digest()


def _feed(
    config: SiteConfig,
    hrefs: Urls,
    people: dict[str, Clinician],
    words: Words,
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
        body = name_back_links(article.body_html.replace(BOOKING_PLACEHOLDER, ""), words.back_label)
        entry.content(_absolute_links(body, hrefs), type="html")
    data: bytes = fg.atom_str(pretty=True)
    return data


def _stamp(date: dt.date | None) -> dt.datetime:
    if date is None:
        return _EPOCH
    return dt.datetime(date.year, date.month, date.day, tzinfo=dt.UTC)


def _absolute_links(html: str, hrefs: Urls) -> str:
    """Feed readers show content away from the site, so site links must be absolute."""
    return re.sub(r'(href|src)="' + re.escape(hrefs.base_path), lambda m: f'{m.group(1)}="{hrefs.base_url}', html)

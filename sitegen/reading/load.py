"""Parse every content file and assemble the site's content, with cross-checks between files."""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Mapping
from pathlib import Path
from typing import TypeVar, cast

import msgspec

from sitegen.config.site_config import SiteConfig
from sitegen.core import layout
from sitegen.core.errors import ContentError, did_you_mean
from sitegen.core.parallel import map_in_workers
from sitegen.reading.content import parse_article, parse_clinician, parse_page, read_source
from sitegen.reading.discover import ContentFiles, discover
from sitegen.reading.frontmatter_source import meta_line
from sitegen.reading.journeys import parse_journey
from sitegen.reading.licences import supervisor_problems
from sitegen.reading.models import Article, Clinician, Content, Journey, Page
from sitegen.reading.parse_cache import ArticleResult, ContentCaches, JourneyResult, ParseCache, TakenStamp
from sitegen.reading.source_links import linked_sources

T = TypeVar("T")


class BuildOptions(msgspec.Struct, frozen=True):
    """How to build: `drafts` also publishes drafts and scheduled articles (the preview)."""

    drafts: bool = False
    today: dt.date = dt.date(1970, 1, 1)
    workers: int = 1


def load_content(
    root: Path,
    config: SiteConfig,
    options: BuildOptions,
    caches: ContentCaches | None = None,
    stamps: Mapping[str, TakenStamp] | None = None,
) -> tuple[Content, list[ContentError]]:
    """Every article, journey, page and clinician, or every problem found in them (a refused
    link among them: see sitegen/reading/source_links.py). `stamps`: the files' stamps as this
    build's check of its inputs took them, which the parse cache then need not take again."""
    errors = linked_sources(root, config)
    files = discover(root)
    clinicians: list[Clinician] = []
    refused: set[str] = set()
    for path in files.team:
        clinician, problems = parse_clinician(path, root, config)
        errors += problems
        if clinician:
            clinicians.append(clinician)
        else:
            refused.add(unicodedata.normalize("NFC", path.stem))
    # A byline naming a clinician whose file has its own problems is no second problem.
    known = frozenset(c.slug for c in clinicians) | refused
    named = known | {""}  # a byline or reviewer that names no one needs no clinician
    errors += supervisor_problems(clinicians, known)
    articles: list[Article] = []
    digests: dict[str, bytes] = {}
    cards: dict[str, bytes] = {}
    parsed_articles, parsed_journeys = _parse_files(files, root, config, options, known, caches, stamps)
    for named_file, ((article, problems), digest, card) in zip(files.articles, parsed_articles, strict=True):
        errors += problems
        if article:
            if article.author not in named or article.reviewed_by not in named:
                errors += _check_people(Path(named_file), root, article, known)
            articles.append(article)
            if digest is not None:
                digests[article.source.path] = digest
            if card is not None:
                cards[article.source.path] = card
    journeys: list[Journey] = []
    for journey, problems in parsed_journeys:
        errors += problems
        if journey:
            journeys.append(journey)
    pages: list[Page] = []
    for path in files.pages:
        page, problems = parse_page(path, root, config)
        errors += problems
        if page:
            pages.append(page)
    errors += _one_featured(journeys)
    published = [a for a in articles if options.drafts or a.published]
    return Content(
        articles=tuple(sorted(published, key=lambda a: a.sort_key, reverse=True)),
        journeys=tuple(sorted(journeys, key=lambda j: (j.sequence, j.title.lower(), j.slug))),
        pages=tuple(sorted(pages, key=lambda p: p.slug)),
        clinicians=tuple(sorted(clinicians, key=lambda c: (c.order, c.name.lower(), c.slug))),
        article_digests=digests,
        card_digests=cards,
    ), errors


def _one_featured(journeys: list[Journey]) -> list[ContentError]:
    """The home page shows one featured journey, so `featured: true` may be on one journey only."""
    featured = sorted((j for j in journeys if j.featured), key=lambda j: str(j.source.path))
    return [
        ContentError(
            j.source.path,
            j.featured_line,
            "more than one journey is marked 'featured: true'",
            f"the home page features one journey: keep 'featured: true' in {featured[0].source.path} or here, not both",
        )
        for j in featured[1:]
    ]


def _parse_files(
    files: ContentFiles,
    root: Path,
    config: SiteConfig,
    options: BuildOptions,
    known: frozenset[str],
    caches: ContentCaches | None,
    stamps: Mapping[str, TakenStamp] | None,
) -> tuple[list[tuple[ArticleResult, bytes | None, bytes | None]], list[JourneyResult]]:
    """Every article (with its digest and card digest when there is a cache) and journey, each from the cache or
    parsed. Those to parse are spread over worker processes together, so the journeys (each
    costing as much as dozens of articles) no longer wait for the articles to finish; they go
    first, so no worker is left with one at the end."""
    article_cache = caches.articles if caches else None
    journey_cache = caches.journeys if caches else None
    article_keys = [article_cache.file_key(path, stamps) for path in files.articles] if article_cache else []
    journey_keys = [_journey_key(path, known, journey_cache) for path in files.journeys] if journey_cache else []
    articles = _cached(article_cache, article_keys, len(files.articles))
    journeys = _cached(journey_cache, journey_keys, len(files.journeys))
    work = [(True, i) for i, r in enumerate(journeys) if r is None]
    work += [(False, i) for i, r in enumerate(articles) if r is None]

    def parse(item: tuple[bool, int]) -> ArticleResult | JourneyResult:
        is_journey, index = item
        if is_journey:
            return parse_journey(files.journeys[index], root, config, known)
        return parse_article(Path(files.articles[index]), root, config, options.today)

    for (is_journey, index), result in zip(work, map_in_workers(parse, work, options.workers), strict=True):
        if is_journey:
            journeys[index] = journey = cast(JourneyResult, result)
            if journey_cache:
                journey_cache.put(journey_keys[index], journey)
        else:
            articles[index] = article = cast(ArticleResult, result)
            if article_cache:
                article_cache.put(article_keys[index], article)
    digests = [article_cache.digest(key) for key in article_keys] if article_cache else [None] * len(articles)
    cards = [article_cache.card(key) for key in article_keys] if article_cache else [None] * len(articles)
    found = [(r, d, c) for r, d, c in zip(articles, digests, cards, strict=True) if r is not None]
    return found, [r for r in journeys if r is not None]


def _cached(cache: ParseCache[T] | None, keys: list[bytes], count: int) -> list[T | None]:
    return [cache.get(key) for key in keys] if cache else [None] * count


def _journey_key(path: Path, known: frozenset[str], cache: ParseCache[JourneyResult]) -> bytes:
    """A journey depends on its file, its day files, its images and the team: all are in the key."""
    parts = [path] if path.name != layout.JOURNEY_FILE else sorted(path.parent.glob("*.md"))
    texts = (p.read_bytes() if p.is_file() else b"\0-\0" for p in parts)  # a pipe is reported, never read
    data = b"\0".join(p.name.encode() + b"\0" + text for p, text in zip(parts, texts, strict=True))
    data += repr(sorted(known)).encode()
    return cache.key(path, data)


def _check_people(path: Path, root: Path, article: Article, known: frozenset[str]) -> list[ContentError]:
    """Bylines and reviewers must name a clinician in content/team/."""
    errors: list[ContentError] = []
    wanted = [("author", article.author), ("reviewed_by", article.reviewed_by)]
    if not any(slug and slug not in known for _, slug in wanted):
        return errors
    source, _ = read_source(path, root)
    assert source is not None
    for key, slug in wanted:
        if slug and slug not in known:
            hint = did_you_mean(slug, known) or "add them as content/team/<slug>.md"
            errors.append(
                ContentError(source.path, meta_line(source, key), f"unknown {key.replace('_', ' ')} '{slug}'", hint)
            )
    return errors

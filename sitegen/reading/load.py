"""Parse every content file and assemble the site's content, with cross-checks between files."""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from sitegen.config.site_config import SiteConfig
from sitegen.core import layout
from sitegen.core.errors import ContentError, did_you_mean
from sitegen.core.parallel import map_in_workers
from sitegen.reading.content import parse_article, parse_clinician, parse_page, read_source
from sitegen.reading.discover import discover
from sitegen.reading.frontmatter_source import meta_line
from sitegen.reading.journeys import parse_journey
from sitegen.reading.licences import supervisor_problems
from sitegen.reading.models import Article, Clinician, Content, Journey, Page
from sitegen.reading.parse_cache import ArticleResult, ContentCaches, JourneyResult, ParseCache
from sitegen.reading.source_links import linked_sources


@dataclass(frozen=True)
class BuildOptions:
    """How to build: `drafts` also publishes drafts and scheduled articles (the preview)."""

    drafts: bool = False
    today: dt.date = dt.date(1970, 1, 1)
    workers: int = 1


def load_content(
    root: Path, config: SiteConfig, options: BuildOptions, caches: ContentCaches | None = None
) -> tuple[Content, list[ContentError]]:
    """Every article, journey, page and clinician, or every problem found in them (a refused
    link among them: see sitegen/reading/source_links.py)."""
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
    errors += supervisor_problems(clinicians, known)
    articles: list[Article] = []
    digests: dict[str, bytes] = {}
    for path, ((article, problems), digest) in zip(
        files.articles,
        _parse_articles(files.articles, root, config, options, caches.articles if caches else None),
        strict=True,
    ):
        errors += problems
        if article:
            errors += _check_people(path, root, article, known)
            articles.append(article)
            if digest is not None:
                digests[article.source.path] = digest
    journeys: list[Journey] = []
    journey_cache = caches.journeys if caches else None
    for path in files.journeys:
        journey, problems = _parse_journey_cached(path, root, config, known, journey_cache)
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
    published = [a for a in articles if options.drafts or (not a.draft and not a.scheduled)]
    return Content(
        articles=tuple(sorted(published, key=lambda a: a.sort_key, reverse=True)),
        journeys=tuple(sorted(journeys, key=lambda j: (j.sequence, j.title.lower(), j.slug))),
        pages=tuple(sorted(pages, key=lambda p: p.slug)),
        clinicians=tuple(sorted(clinicians, key=lambda c: (c.order, c.name.lower(), c.slug))),
        article_digests=digests,
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


def _parse_articles(
    paths: tuple[Path, ...],
    root: Path,
    config: SiteConfig,
    options: BuildOptions,
    cache: ParseCache[ArticleResult] | None,
) -> list[tuple[ArticleResult, bytes | None]]:
    """Parse articles, reusing cached results and spreading the rest over worker processes; each
    with its digest when there is a cache."""
    keys = [cache.file_key(path) for path in paths] if cache else []
    results: list[ArticleResult | None] = [cache.get(k) for k in keys] if cache else [None] * len(paths)
    missing = [i for i, result in enumerate(results) if result is None]

    def parse(index: int) -> ArticleResult:
        return parse_article(paths[index], root, config, options.today)

    for index, result in zip(missing, map_in_workers(parse, missing, options.workers), strict=True):
        results[index] = result
        if cache:
            cache.put(keys[index], result)
    digests = [cache.digest(key) for key in keys] if cache else [None] * len(paths)
    return [(r, d) for r, d in zip(results, digests, strict=True) if r is not None]


def _parse_journey_cached(
    path: Path, root: Path, config: SiteConfig, known: frozenset[str], cache: ParseCache[JourneyResult] | None
) -> JourneyResult:
    """A journey depends on its file, its day files, its images and the team: all are in the key."""
    if cache is None:
        return parse_journey(path, root, config, known)
    parts = [path] if path.name != layout.JOURNEY_FILE else sorted(path.parent.glob("*.md"))
    texts = (p.read_bytes() if p.is_file() else b"\0-\0" for p in parts)  # a pipe is reported, never read
    data = b"\0".join(p.name.encode() + b"\0" + text for p, text in zip(parts, texts, strict=True))
    data += repr(sorted(known)).encode()
    key = cache.key(path, data)
    found = cache.get(key)
    if found is None:
        found = parse_journey(path, root, config, known)
        cache.put(key, found)
    return found


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

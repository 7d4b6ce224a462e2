"""Who owns each address of the built site: two sources never share one, and no page or old
address takes the place of a file the build writes besides pages.

An alias such as `/static/site.css`, `/feed.xml` or `/.htaccess` would otherwise put a
redirect page where a stylesheet, a feed or a server's own settings file belongs.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping

from sitegen.config.site_config import SiteConfig
from sitegen.core import urls as u
from sitegen.core.errors import ContentError
from sitegen.core.output_folder import MARKER
from sitegen.core.slugs import NAME_LIMIT, name_key
from sitegen.planning.page_job import PageJob
from sitegen.reading.audio_files import AudioInfo
from sitegen.reading.images import ImageInfo
from sitegen.reading.models import Article, Content
from sitegen.theming.assets import StaticAssets

SEARCH_BUNDLE = u.BUNDLE_DIR + "/"
HOST_FILES = {"_headers": "the hosting headers file", "_redirects": "the hosting redirects file"}
OWN_SECTIONS = frozenset(
    {"", "articles", "journeys", "team", "categories", "tags", "search", "static", "images", "audio", "crisis"}
    | {"index.html"}
    | {u.GOOD_FAITH_ESTIMATE_SLUG, "accessibility"}
    | {u.BUNDLE_DIR, u.feed(), u.sitemap(), u.robots(), u.not_found(), MARKER, *HOST_FILES}
)
"""The first parts of addresses the site's own pages and files use: an imported old address
that starts with one is left without a redirect rather than taking a page's place."""


def alias_problem(alias: str) -> tuple[str, str] | None:
    """Why an old address (an `aliases:` entry) cannot be a redirect on this site: (message, hint).
    Whether its address is free is checked with the whole plan, by taken_addresses()."""
    decoded = u.decode_path(alias)
    if any(unicodedata.category(char) == "Cc" for char in decoded):
        shown = alias.encode("unicode_escape").decode("ascii")
        return f"the alias '{shown}' holds a control character", "write the old address on one line, as a path"
    if "?" in alias or "#" in alias:  # '/?p=12': the host picks a file by the path alone
        return (
            f"the alias '{alias}' has a '?' or '#' part, which no redirect page can answer",
            "keep its path only (e.g. /blog/old-post/); an address like /?p=12 needs a redirect rule at your host",
        )
    if not alias.startswith("/") or ".." in decoded.split("/") or "\\" in decoded:
        return f"the alias '{alias}' is not a path on this site", "write old addresses as paths, e.g. /blog/old-post/"
    if u.alias_path(alias) is None:
        return f"the alias '{alias}' is the home page itself", "write the old address of this article"
    longest = max(decoded.split("/"), key=lambda part: len(part.encode("utf-8")))
    size = len(longest.encode("utf-8"))
    if size > NAME_LIMIT:
        return f"a part of the alias is {size} bytes long, too long to name a folder", "shorten or remove that alias"
    return None


def used_images(content: Content) -> dict[str, ImageInfo]:
    """Every image the published content shows, by name, each once."""
    used: dict[str, ImageInfo] = {}
    listed = [a.images for a in content.articles] + [p.images for p in content.pages]
    listed += [j.images for j in content.journeys] + [c.images for c in content.clinicians]
    listed += [(a.hero,) for a in content.articles if a.hero] + [(c.photo,) for c in content.clinicians if c.photo]
    for images in listed:
        for info in images:
            used.setdefault(info.name, info)
    return dict(sorted(used.items()))


def used_audio(content: Content) -> dict[str, AudioInfo]:
    """Every recording the published content plays, by name, each once."""
    listed = [a.audio for a in content.articles] + [p.audio for p in content.pages]
    listed += [j.audio for j in content.journeys] + [c.audio for c in content.clinicians]
    return dict(sorted({info.name: info for played in listed for info in played}.items()))


def feed_writers(articles: tuple[Article, ...]) -> frozenset[str]:
    """The clinicians (by slug) with a feed of their own: those who wrote a published article."""
    return frozenset(a.author for a in articles if a.author and a.published)


def generated_files(config: SiteConfig, content: Content, assets: StaticAssets) -> dict[str, str]:
    """Every file a build writes that is not a page, by output path, with what makes it."""
    files = {u.feed(): "the site's feed", u.sitemap(): "the sitemap", u.robots(): "robots.txt", **HOST_FILES}
    files[MARKER] = "sitegen's output marker"
    for category in config.sorted_categories():
        files[u.category_feed(category.slug)] = f"the feed of category '{category.name}'"
    writers = feed_writers(content.articles)
    for clinician in content.clinicians:
        if clinician.slug in writers:
            files[u.clinician_feed(clinician.slug)] = f"the feed of {clinician.source}"
    for static in assets.files:
        for name in static.published:
            files[u.static(name)] = f"the static file {static.source.parent.name}/{static.name}"
    for name, info in used_images(content).items():
        for _, variant in info.variants:
            files[variant] = f"a resized copy of content/images/{name}"
    for name, audio in used_audio(content).items():
        files[audio.path] = f"the recording content/audio/{name}"
    return files


def taken_addresses(jobs: list[PageJob], generated: dict[str, str]) -> list[ContentError]:
    """Pages (old addresses included) that would land on a generated file, the search bundle or a dotfile."""
    errors = []
    for job in jobs:
        out = job.output
        bare = job.path.rstrip("/")  # '/_headers' is read as the folder _headers/, yet hosts want the file
        if out in generated or bare in generated:
            taken = f"{generated.get(out) or generated[bare]} is written there"
        elif out.startswith(SEARCH_BUNDLE):
            taken = "the search index is written under /pagefind/"
        elif "/." in f"/{out}":  # a name in it starts with '.'
            taken = "a name starting with '.' is a hidden file, which web servers treat as their own settings"
        else:
            continue
        path, line = _where(job)
        errors.append(ContentError(path, line, f"{job.source} wants the address /{job.path}, but {taken}", _hint(job)))
    return errors


def moved_addresses(jobs: list[PageJob]) -> list[tuple[str, str]]:
    """Each old address that has a redirect page, and the link that page sends readers to:
    what a host's own redirects (`_redirects`) repeat as real 301s."""
    return [(job.path, job.context["target"].url) for job in jobs if job.template == "redirect.html"]


def tag_collisions(articles: tuple[Article, ...], slugs: Mapping[str, str]) -> list[ContentError]:
    """Two different tags at one address ('C' and 'C++' are both /tags/c/), each named with
    where it was written. Tags that differ only in case are one tag, and share it rightly.
    `slugs`: the slug of every spelling of a tag the articles hold."""
    spellings: dict[str, set[str]] = {}
    for tag, slug in slugs.items():
        spellings.setdefault(slug, set()).add(name_key(tag))
    if all(len(names) == 1 for names in spellings.values()):
        return []  # each address has one tag: nothing to point at, in each of 10,000 articles
    first: dict[str, tuple[str, str, int]] = {}
    reported: set[tuple[str, str]] = set()
    errors = []
    for article in articles:
        lines = article.tag_lines or (article.source.line,) * len(article.tags)
        for tag, line in zip(article.tags, lines, strict=True):
            slug = slugs[tag]
            owner = first.setdefault(slug, (tag, article.source.path, line))
            if tag == owner[0]:  # the same spelling: the same tag (most of them, at no cost)
                continue
            pair = (name_key(owner[0]), name_key(tag))
            if pair[0] == pair[1] or pair in reported:
                continue
            reported.add(pair)
            errors.append(
                ContentError(
                    article.source.path,
                    line,
                    f"the tags '{tag}' and '{owner[0]}' ({owner[1]}:{owner[2]}) share the address /tags/{slug}/",
                    "spell them alike if they are one topic, or rename one so its letters differ",
                )
            )
    return errors


def _hint(job: PageJob) -> str:
    if job.template == "redirect.html":
        return "remove that alias: this address already serves a file of the site"
    return "give it a different slug"


def find_collisions(jobs: list[PageJob]) -> list[ContentError]:
    """Two sources that would write the same file are reported together, naming both."""
    owners: dict[str, PageJob] = {}
    errors = []
    for job in jobs:
        out = job.output
        if out in owners:
            first = owners[out]
            path, line = _where(job)
            errors.append(
                ContentError(
                    path,
                    line,
                    f"{job.source} and {first.source} both want the address /{job.path}",
                    "give one of them a different slug",
                )
            )
        else:
            owners[out] = job
    return errors


def _where(job: PageJob) -> tuple[str, int]:
    """The file and line a page comes from, for a message ('content/a.md:5 (alias …)' → both)."""
    located = re.match(r"^(.+?):(\d+)", job.source)
    return (located.group(1), int(located.group(2))) if located else ("site.yaml", 0)

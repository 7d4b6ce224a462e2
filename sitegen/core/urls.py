"""Every URL and output path of the site, computed here and nowhere else.

A page's *path* is relative to the site root ('' for home, 'articles/x/'); its href
is that path under base_url's path, so every link keeps working when the site is
published in a sub-folder; its output file is the path plus index.html.

Paths are kept as written ('tags/نوم/'), which is also how their folders are named on disk;
every href and absolute URL made here carries them percent-encoded ('tags/%D9%86%D9%88%D9%85/'),
as sitemaps, feeds and some servers require. Whatever reads a URL back (`sitegen check`, the
preview) decodes it with `decode_path`.
"""

from __future__ import annotations

import hashlib
import os
import posixpath
import re
from collections.abc import Iterable
from functools import lru_cache
from typing import Protocol
from urllib.parse import quote, unquote, urlsplit

import msgspec

NOT_FOUND = "404.html"
BUNDLE_DIR = "pagefind"
IMAGES_PREFIX = "images/"
AUDIO_PREFIX = "audio/"


class Published(Protocol):
    """Where a site is published (SiteConfig is one): all this module needs of the configuration."""

    @property
    def base_url(self) -> str: ...

    @property
    def base_path(self) -> str: ...


class Urls(msgspec.Struct, frozen=True):
    base_path: str
    base_url: str

    @classmethod
    def for_site(cls, config: Published) -> Urls:
        base_url = config.base_url if config.base_url.endswith("/") else config.base_url + "/"
        parts = urlsplit(base_url)
        base_path = encode_path(config.base_path)
        return cls(base_path, f"{parts.scheme}://{parts.netloc}{base_path}")

    def href(self, path: str) -> str:
        """The link to a site path, as written in the built HTML."""
        return href(self.base_path, path)

    def absolute(self, path: str) -> str:
        return self.base_url + encode_path(path)

    def rebase(self, url: str) -> str:
        return rebase(self.base_path, url)


def href(base_path: str, path: str) -> str:
    """The link to a site path under base_url's path (`base_path`, which starts and ends with '/')."""
    return encode_path(base_path) + encode_path(path)


@lru_cache(maxsize=1 << 16)
def encode_path(path: str) -> str:
    """A site path as it travels in a URL: every byte that is not plain ASCII, and every
    character with a meaning of its own in URLs ('?', '#', '%', spaces), percent-encoded.
    A path already encoded (a base_url written with %XX) is left as it is. Remembered: a
    plan asks for each page's link many times (every listing, card and breadcrumb holding it)."""
    return quote(unquote(path), safe="/")


def decode_path(url_path: str) -> str:
    """A URL's path as the folders on disk name it: the inverse of `encode_path`."""
    return unquote(url_path)


_PLAIN_PATH = re.compile(r"^[^/\s\\:?#][^\s\\:?#]*$")
"""A path a writer types: no scheme, query, backslash or space, which the privacy guard judges instead."""


def beside_source(src: str, source_path: str) -> str | None:
    """The project path that a path relative to the Markdown file `source_path` leads to, as an
    editor's preview writes it (`../images/calm.jpg` from content/articles/ is content/images/calm.jpg);
    None for any other address."""
    if not _PLAIN_PATH.match(src):
        return None
    return posixpath.normpath(posixpath.join(posixpath.dirname(source_path), decode_path(src)))


def rebase(base_path: str, url: str) -> str:
    """A writer's own link: site-absolute paths move under base_url's path, others stay."""
    if url.startswith("/") and not url.startswith("//"):
        return encode_path(base_path) + url[1:]
    return url


def image_variant(name: str, width: int, digest: str) -> str:
    """The site path of an image from content/images/, resized to `width`, named for its content
    ('lake.jpg' with digest '1a2b3c4d' → 'images/lake-960w-1a2b3c4d.jpg'): 'photo.jpg' and
    'photo.JPG' never share a file, even on a file system that ignores case."""
    stem, suffix = name.rsplit(".", 1)
    return f"{IMAGES_PREFIX}{stem}-{width}w-{digest}.{suffix.lower()}"


def image_name(url: str, base_path: str) -> str | None:
    """The name under content/images/ that a link within the site refers to, if it refers to one."""
    prefix, url = base_path + IMAGES_PREFIX, decode_path(url)  # '/images/quiet%20morning.jpg' is 'quiet morning.jpg'
    return url[len(prefix) :] if url.startswith(prefix) else None


def audio_file(name: str, digest: str) -> str:
    """The site path of a recording from content/audio/, named for its bytes ('breathing.mp3' with
    digest '1a2b3c4d5e' → 'audio/breathing.1a2b3c4d5e.mp3'), its extension in lower case."""
    stem, suffix = name.rsplit(".", 1)
    return content_addressed(f"{AUDIO_PREFIX}{stem}.{suffix.lower()}", digest)


def audio_name(url: str, base_path: str) -> str | None:
    """The name under content/audio/ that a link within the site refers to ('/audio/breathing.mp3'
    is 'breathing.mp3'), if it refers to one."""
    prefix, url = base_path + AUDIO_PREFIX, decode_path(url)
    return url[len(prefix) :] if url.startswith(prefix) else None


def home() -> str:
    return ""


def articles(page: int = 1) -> str:
    return "articles/" if page == 1 else f"articles/page/{page}/"


def article(slug: str) -> str:
    return f"articles/{slug}/"


def categories() -> str:
    return "categories/"


def category(slug: str, page: int = 1) -> str:
    return f"categories/{slug}/" if page == 1 else f"categories/{slug}/page/{page}/"


def tag(slug: str, page: int = 1) -> str:
    return f"tags/{slug}/" if page == 1 else f"tags/{slug}/page/{page}/"


def tags() -> str:
    return "tags/"


def journeys() -> str:
    return "journeys/"


def journey(slug: str) -> str:
    return f"journeys/{slug}/"


def journey_week(slug: str, week: int) -> str:
    return f"journeys/{slug}/week-{week}/"


def journey_day(slug: str, day: int) -> str:
    return f"journeys/{slug}/day-{day}/"


def journey_workbook(slug: str) -> str:
    """Every written day of a journey on one page, to print and write on."""
    return f"journeys/{slug}/workbook/"


def team() -> str:
    return "team/"


def clinician(slug: str) -> str:
    return f"team/{slug}/"


def clinician_articles(slug: str, page: int = 1) -> str:
    """Every article a clinician wrote, when their own page shows only the latest."""
    return f"team/{slug}/articles/" if page == 1 else f"team/{slug}/articles/page/{page}/"


def page(slug: str) -> str:
    return f"{slug}/"


def search() -> str:
    return "search/"


def crisis() -> str:
    return "crisis/"


GOOD_FAITH_ESTIMATE_SLUG = "good-faith-estimate"
"""A US practice's No Surprises Act notice; content/pages/good-faith-estimate.md replaces it."""


def good_faith_estimate() -> str:
    return page(GOOD_FAITH_ESTIMATE_SLUG)


def accessibility() -> str:
    return "accessibility/"


def not_found() -> str:
    return NOT_FOUND


def static(name: str) -> str:
    return f"static/{name}"


def static_href(base_path: str, name: str) -> str:
    """The link to a static file, by the name it is published under (see `content_addressed`)."""
    return href(base_path, static(name))


DIGEST_LENGTH = 10


def content_digest(data: bytes) -> str:
    """The short digest of a file's bytes that names it: the first ten hex digits of its SHA-256."""
    return hashlib.sha256(data).hexdigest()[:DIGEST_LENGTH]


def content_addressed(name: str, digest: str) -> str:
    """The name a file is published under so that it can be cached for good ('site.css' →
    'site.1a2b3c4d5e.css'): new bytes make a new name. A name without a suffix keeps its name,
    as it could not carry the digest where `cache_control` looks for it."""
    folder, _, file_name = name.rpartition("/")
    stem, dot, suffix = file_name.rpartition(".")
    if not dot or not stem:
        return name
    return f"{folder}/{stem}.{digest}.{suffix}" if folder else f"{stem}.{digest}.{suffix}"


def alias_path(alias: str) -> str | None:
    """The site path an old address occupies, or None if it would leave the site.
    An address written percent-encoded ('/blog/%D9%86%D9%88%D9%85/') means its decoded folder."""
    alias = decode_path(alias)
    if "\\" in alias or "\x00" in alias or ".." in alias.split("/"):
        return None
    cleaned = posixpath.normpath("/" + alias.strip().lstrip("/"))
    path = cleaned.lstrip("/")
    if not path:
        return None
    if alias.endswith("/") or "." not in path.rsplit("/", 1)[-1]:
        return path + "/"
    return path


def output_path_for(path: str) -> str:
    """The file, relative to output/, that serves a site path."""
    return path + "index.html" if path == "" or path.endswith("/") else path


def feed() -> str:
    return "feed.xml"


def category_feed(slug: str) -> str:
    return f"categories/{slug}/feed.xml"


def clinician_feed(slug: str) -> str:
    return f"team/{slug}/feed.xml"


def sitemap() -> str:
    return "sitemap.xml"


def robots() -> str:
    return "robots.txt"


def search_bundle(digest: str) -> str:
    """The folder of one part of the search index, named for its bytes ('pagefind/1a2b3c4d5e/'): a
    changed part is a new folder, so every file in it may be kept for a year, Pagefind's own fixed
    names (pagefind.js, pagefind-entry.json, wasm.en.pagefind, pagefind-worker.js) included."""
    return f"{BUNDLE_DIR}/{digest}/"


def search_script(digest: str) -> str:
    """The script the search page imports, from the first part of the index: it merges the rest."""
    return search_bundle(digest) + "pagefind.js"


BUNDLE_BUILDING = f"{BUNDLE_DIR}/next"
"""Where the parts of the search index are made, before each is named for its bytes."""


DEFAULT_CHUNK = 100
"""Pages per part of the search index, on average: each part is one Pagefind run, and its own
folder. The pages are spread over the power of two of parts nearest to holding this many each,
by their paths' hashes (publishing/search_layout.py), so that an article added or removed
changes one part; the parts hold between 0.7 and 1.4 times this size, on average.

An edit indexes again the whole part that holds the page, so the part's size is most of what
an edit costs in search: at 10,000 articles a part of 500 took about 0.8 s, 200 about 0.37 s,
and 100 about 0.15 s (0.22 s of CPU on a busy machine), which the build hides behind the other
files it writes meanwhile. With one second for the whole edit, only the last fits.

The reader pays for each part instead: the search page merges them all (at once), fetching
each part's entry file and metadata at the first search and an index chunk per part for each
word, and Pagefind searches each part on its own. Measured in Chromium at 10,000 articles on
a busy machine (86 parts of 100 against 18 of 500; served over HTTP/2 with 40 ms a request,
as Netlify and Cloudflare Pages serve): the first search asks for 281 files (2.4 MB) against
77 (0.7 MB) and shows results in 2.1 s against 1.0 s, or 1.1 s against 0.6 s when the page
has fetched what it can while the query was typed (it starts when the reader comes to the
search box); a later search, 0.8 s against 0.6 s. Over HTTP/1.1, six requests at a time, the
first search takes 4.4 s against 1.5 s. (Spread by hash, the bench's 10,080 searchable pages make 128
parts of 79 on average.) A site with no more than 100 searchable pages has one part, indexed in one run over
the whole site.

Smaller parts also use less memory (Pagefind holds a run's whole index: about 0.2 GiB per
1,000 articles). The size is fixed, not tied to the number of cores, so the output is the same
on every machine."""


def chunk_size() -> int:
    """SITEGEN_SEARCH_CHUNK if set (fewer pages per run: less memory, more files), else DEFAULT_CHUNK."""
    configured = os.environ.get("SITEGEN_SEARCH_CHUNK", "").strip()
    return int(configured) if configured.isdigit() and int(configured) > 0 else DEFAULT_CHUNK


CONTENT_ADDRESSED = re.compile(r"[.-][0-9a-f]{10}\.[A-Za-z0-9]+$")
"""A published file named for its bytes ('site.1a2b3c4d5e.css', 'lake-960w-1a2b3c4d5e.jpg'):
under that name it never changes."""
BUNDLE_NAMED = re.compile(rf"{BUNDLE_DIR}/[0-9a-f]{{{DIGEST_LENGTH}}}/")
"""A file of the search index, in the folder of its part, named for the part's bytes."""
IMMUTABLE = "public, max-age=31536000, immutable"
BUNDLE_PREFIX = f"{BUNDLE_DIR}/"
NAMED_FOLDERS = (static(""), IMAGES_PREFIX, AUDIO_PREFIX)
"""The folders whose files are each named for their bytes ('site.1a2b3c4d5e.css')."""
KEPT_FOLDERS = (*NAMED_FOLDERS, BUNDLE_PREFIX)
"""The only folders whose files may be kept for a year: every other file is asked for again."""
REVALIDATE = "public, max-age=0, must-revalidate"


def immutable_files(paths: Iterable[str]) -> list[str]:
    """The paths among `paths` that cache_control() calls immutable, asking it once for each
    folder of the search index (whose name alone decides) rather than for each of its files."""
    found: list[str] = []
    parts: dict[str, bool] = {}
    end = len(BUNDLE_DIR) + DIGEST_LENGTH + 2  # 'pagefind/<digest>/'
    for path in paths:
        if not path.startswith(KEPT_FOLDERS):
            continue
        if path.startswith(BUNDLE_PREFIX):
            part = path[:end]
            immutable = parts.get(part)
            if immutable is None:
                immutable = parts[part] = cache_control(path) == IMMUTABLE
        else:
            immutable = cache_control(path) == IMMUTABLE
        if immutable:
            found.append(path)
    return found


def cache_control(path: str) -> str:
    """How long hosts and browsers may keep a published file: a year for a static file, a
    resized image or a recording named for its content, and for every file of a search index in a folder named
    for its content; anything else (pages, feeds) is asked for again each time. Only those
    folders count: an old address kept as a redirect page may look digest-named
    ('blog/entry-2019010203.html') and still change."""
    if not path.startswith(KEPT_FOLDERS):
        return REVALIDATE
    named = path.startswith(NAMED_FOLDERS) and CONTENT_ADDRESSED.search(path)
    return IMMUTABLE if named or BUNDLE_NAMED.match(path) else REVALIDATE

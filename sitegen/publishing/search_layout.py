"""Which part of the search index each page is in, and what each part is made from (its key).

A page's part is chosen by its path alone, so adding or removing an article changes only the
part it joins or leaves. Cutting the list of pages into runs of a hundred moved every page after
the one added into another part, and each of those parts was indexed again: adding one article
to 10,000 (8,446 of them published) indexed some 80 parts again, 3.8 s of a 5.3 s build.

The pages are spread over the power of two of parts nearest to the size asked for on average
(between 0.7 and 1.4 times it), each page by a hash of its path. So the number of parts changes
only when the site doubles or halves in size (and then every part is made again, once), and the
parts' sizes stay close to one another: the bench's 10,080 searchable pages make 128 parts of 79
on average, the largest 108, and its 1,080 make 8 of 135. A tiny site whose spread would leave a
part empty gets fewer parts instead.

Each Pagefind run costs about 14 ms of CPU besides its pages, so the parts are not smaller than
they need be: at 1,080 pages, the fewest parts holding at most 100 each (16 of 68) took 0.1 s
longer to build cold than 8 of 135 (6 pairs: 2.45 against 2.35 s, 0.19 s more CPU), and an edit
there indexes 135 pages again instead of 68 (about 0.07 s more).
"""

from __future__ import annotations

import hashlib
import math
import zlib
from pathlib import Path

from sitegen.core.urls import chunk_size
from sitegen.publishing.pagefind_runs import LAYOUT, pagefind_version
from sitegen.publishing.search_keys import BODY, KEYS_VERSION, NO_BODY, PageKeys

_GOLDEN = 0x9E3779B1
"""Fibonacci hashing's multiplier: it spreads every bit of the path's CRC into the top bits, which pick the part."""


def parts_of(pages: list[str], size: int) -> list[list[str]]:
    """`pages` (site paths, each once) in parts of about `size`, each part's pages in path order."""
    count = 1 << max(0, math.floor(math.log2(max(len(pages), 1) / size) + 0.5))
    while count > 1:
        parts: list[list[str]] = [[] for _ in range(count)]
        shift = 32 - count.bit_length() + 1
        for page in pages:
            parts[((zlib.crc32(page.encode()) * _GOLDEN) & 0xFFFFFFFF) >> shift].append(page)
        if all(parts):
            return [sorted(part) for part in parts]
        count //= 2
    return [sorted(pages)]


def part_keys(
    site: Path, language: str, pages: list[str], known: dict[str, bytes], page_keys: PageKeys, workers: int
) -> list[tuple[str, list[str] | None]]:
    """Each part's cache key and its pages (None: the whole site, when one part holds every page).

    A part's index depends only on what Pagefind reads of its own pages, so an edit re-indexes
    just the part holding it, and a template edit that Pagefind cannot see re-indexes none; and
    which part holds a page depends on its path alone (search_layout.py), so a page added or
    removed re-indexes just the part it joins or leaves.
    """
    size = chunk_size()
    salt = f"{pagefind_version()}\0{language}\0{size}\0{KEYS_VERSION}\0{LAYOUT}\0"
    whole_site = reads_whole_site(pages)
    if whole_site:
        pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))
    keys = dict(zip(pages, page_keys.of(site, [(page, known.get(page)) for page in pages], workers), strict=True))
    if whole_site:
        return [(_digest(salt, pages, keys), None)]
    chunks = parts_of(pages, size)
    return [(_digest(f"{salt}{len(chunks)}\0{i}\0", chunk, keys), chunk) for i, chunk in enumerate(chunks)]


def reads_whole_site(pages: list[str]) -> bool:
    """Whether Pagefind reads every page in the site, not just the searchable `pages`: so it does
    when one part holds them all."""
    return len(pages) <= chunk_size()


def _digest(salt: str, pages: list[str], keys: dict[str, bytes]) -> str:
    """The key of a part: each page's path and what Pagefind reads of it. A page without a
    body counts only by its path when another page has one: Pagefind then leaves it out."""
    with_body = any(keys[page][:1] == BODY for page in pages)
    digest = hashlib.sha256(salt.encode())
    for page in pages:
        key = keys[page]
        digest.update(page.encode() + b"\0" + (NO_BODY if with_body and key[:1] == NO_BODY else key))
    return digest.hexdigest()

"""Which part of the search index each page is in.

A page's part is chosen by its path alone, so adding or removing an article changes only the
part it joins or leaves. Cutting the list of pages into runs of a hundred moved every page after
the one added into another part, and each of those parts was indexed again: adding one article
to 10,000 (8,446 of them published) indexed some 80 parts again, 3.8 s of a 5.3 s build.

The pages are spread over the fewest parts, a power of two, that hold no more than the size
asked for on average (between half of it and all of it), each page by a hash of its path. So the
number of parts changes only when the site doubles or halves in size (and then every part is
made again, once), and the parts' sizes stay close to one another: the bench's 10,080 searchable
pages make 128 parts of 79 on average, the largest 108. A tiny site whose spread would leave a
part empty gets fewer parts instead.
"""

from __future__ import annotations

import math
import zlib

_GOLDEN = 0x9E3779B1
"""Fibonacci hashing's multiplier: it spreads every bit of the path's CRC into the top bits, which pick the part."""


def parts_of(pages: list[str], size: int) -> list[list[str]]:
    """`pages` (site paths, each once) in parts of about `size`, each part's pages in path order."""
    count = 1 << max(0, math.ceil(math.log2(max(len(pages), 1) / size)))
    while count > 1:
        parts: list[list[str]] = [[] for _ in range(count)]
        shift = 32 - count.bit_length() + 1
        for page in pages:
            parts[((zlib.crc32(page.encode()) * _GOLDEN) & 0xFFFFFFFF) >> shift].append(page)
        if all(parts):
            return [sorted(part) for part in parts]
        count //= 2
    return [sorted(pages)]

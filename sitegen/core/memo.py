"""Remember generated files between the builds of one preview session.

A file made from a few inputs (a feed from its newest articles, the sitemap from the page
addresses) is made again only when those inputs compare unequal to last time's. Unchanged
content is the very same objects from the parse cache, so the comparison is cheap.
"""

from __future__ import annotations

from collections.abc import Callable

Memo = dict[str, tuple[object, bytes]]


def remembered(memo: Memo | None, name: str, key: object, make: Callable[[], bytes]) -> bytes:
    """`make()`, or the bytes made last time under `name` when `key` equals last time's key."""
    if memo is not None:
        found = memo.get(name)
        if found is not None and found[0] == key:
            return found[1]
    data = make()
    if memo is not None:
        memo[name] = (key, data)
    return data

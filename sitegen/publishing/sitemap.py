"""sitemap.xml and robots.txt, from the page plan.

An edit to an article's body changes no address and no date in the sitemap, so between
builds it is kept in the cache (`sitemap.msgpack`) with a digest of everything in it (and
of sitegen's code): while that digest holds, it is not made again.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import msgspec

from sitegen.core import urls as u
from sitegen.core.code_version import code_version
from sitegen.core.memo import Memo, remembered
from sitegen.core.sealed import read_sealed_view, write_sealed
from sitegen.core.urls import Urls
from sitegen.planning.page_job import PageJob

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
_KEPT = msgspec.msgpack.Decoder(tuple[bytes, bytes])


def sitemap_xml(jobs: list[PageJob], hrefs: Urls, memo: Memo | None = None, kept: Path | None = None) -> bytes:
    """Every published page except the 404 and redirects, with lastmod where content has a date.
    `memo` remembers it in memory (the preview); else `kept` is the cache file that keeps it between builds."""
    listed = tuple((j.path, j.lastmod) for j in jobs if j.in_sitemap)
    if kept is not None and memo is None:
        return _kept_sitemap(listed, hrefs, kept)
    return remembered(memo, "sitemap", (hrefs, listed), lambda: _sitemap_xml(listed, hrefs))


def _kept_sitemap(listed: tuple[tuple[str, dt.date | None], ...], hrefs: Urls, kept: Path) -> bytes:
    """The sitemap kept in the cache if everything in it is as it was, else made again and kept."""
    key = hashlib.sha256(msgspec.msgpack.encode((code_version(), hrefs.base_url, listed))).digest()
    sealed = read_sealed_view(kept)  # only this user's sitegen wrote it: a sitemap planted there is never published
    try:
        before = _KEPT.decode(sealed) if sealed is not None else None
    except (msgspec.DecodeError, msgspec.ValidationError):
        before = None
    if before is not None and before[0] == key:
        return before[1]
    data = _sitemap_xml(listed, hrefs)
    write_sealed(kept, msgspec.msgpack.encode((key, data)))
    return data


def _sitemap_xml(listed: tuple[tuple[str, dt.date | None], ...], hrefs: Urls) -> bytes:
    """The bytes ElementTree would write for this urlset (indented by two spaces a level), put
    together as text: at 10,000 pages a tree of elements costs a quarter of a second."""
    lines = ["<?xml version='1.0' encoding='utf-8'?>", f'<urlset xmlns="{SITEMAP_NS}">']
    for path, lastmod in sorted(listed, key=lambda page: page[0]):
        lines += ["  <url>", f"    <loc>{_escaped(hrefs.absolute(path))}</loc>"]
        if lastmod:
            lines.append(f"    <lastmod>{lastmod.isoformat()}</lastmod>")
        lines.append("  </url>")
    if len(lines) == 2:
        return f'{lines[0]}\n<urlset xmlns="{SITEMAP_NS}" />\n'.encode()
    lines.append("</urlset>\n")
    return "\n".join(lines).encode("utf-8")


def _escaped(text: str) -> str:
    """Text as XML character data, escaped as ElementTree escapes it."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def robots_txt(hrefs: Urls) -> bytes:
    return f"User-agent: *\nAllow: /\n\nSitemap: {hrefs.absolute(u.sitemap())}\n".encode()

"""sitemap.xml and robots.txt, from the page plan."""

from __future__ import annotations

from sitegen.core import urls as u
from sitegen.core.memo import Memo, remembered
from sitegen.core.urls import Urls
from sitegen.planning.page_job import PageJob

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"


def sitemap_xml(jobs: list[PageJob], hrefs: Urls, memo: Memo | None = None) -> bytes:
    """Every published page except the 404 and redirects, with lastmod where content has a date."""
    key = (hrefs, tuple((j.path, j.lastmod) for j in jobs if j.in_sitemap))
    return remembered(memo, "sitemap", key, lambda: _sitemap_xml(jobs, hrefs))


def _sitemap_xml(jobs: list[PageJob], hrefs: Urls) -> bytes:
    """The bytes ElementTree would write for this urlset (indented by two spaces a level), put
    together as text: at 10,000 pages a tree of elements costs a quarter of a second."""
    lines = ["<?xml version='1.0' encoding='utf-8'?>", f'<urlset xmlns="{SITEMAP_NS}">']
    for job in sorted((j for j in jobs if j.in_sitemap), key=lambda j: j.path):
        lines += ["  <url>", f"    <loc>{_escaped(hrefs.absolute(job.path))}</loc>"]
        if job.lastmod:
            lines.append(f"    <lastmod>{job.lastmod.isoformat()}</lastmod>")
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

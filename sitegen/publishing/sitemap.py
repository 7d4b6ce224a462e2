"""sitemap.xml and robots.txt, from the page plan."""

from __future__ import annotations

import xml.etree.ElementTree as ET

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
    ET.register_namespace("", SITEMAP_NS)
    urlset = ET.Element(f"{{{SITEMAP_NS}}}urlset")
    for job in sorted((j for j in jobs if j.in_sitemap), key=lambda j: j.path):
        entry = ET.SubElement(urlset, f"{{{SITEMAP_NS}}}url")
        ET.SubElement(entry, f"{{{SITEMAP_NS}}}loc").text = hrefs.absolute(job.path)
        if job.lastmod:
            ET.SubElement(entry, f"{{{SITEMAP_NS}}}lastmod").text = job.lastmod.isoformat()
    ET.indent(urlset)
    body: bytes = ET.tostring(urlset, encoding="utf-8", xml_declaration=True)
    return body + b"\n"


def robots_txt(hrefs: Urls) -> bytes:
    return f"User-agent: *\nAllow: /\n\nSitemap: {hrefs.absolute(u.sitemap())}\n".encode()

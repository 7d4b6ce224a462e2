"""`sitegen check`: broken internal links, missing anchors and images, orphan pages, external links.

Reads a built site. Each problem is reported against the content file that holds the
link when it can be found there, otherwise against the built page and its line. It also
warns when the crisis services the site names were checked more than a year ago.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import SplitResult, unquote, urlsplit

from ada_url import URL
from bs4 import BeautifulSoup, Tag

from sitegen.config.crisis_services import STALE_AFTER_MONTHS, is_stale, services_for
from sitegen.config.site_config import CONFIG_FILE, SiteConfig
from sitegen.core import layout
from sitegen.core.errors import ContentError, display_path

_SKIP_DIRS = {"pagefind", "static"}


@dataclass
class CheckReport:
    problems: list[ContentError] = field(default_factory=list)
    external: dict[str, list[str]] = field(default_factory=dict)
    pages: int = 0


@dataclass
class _Page:
    path: str
    ids: set[str]
    links: list[tuple[str, int, str]]
    redirect: bool


def check_site(output: Path, base_path: str, root: Path, sources: dict[str, str] | None = None) -> CheckReport:
    """Check every HTML page under `output`; `sources` maps output files to the content that made them."""
    sources = sources or {}
    pages: dict[str, _Page] = {}
    for file in sorted(output.rglob("*.html")):
        rel = file.relative_to(output).as_posix()
        if rel.split("/")[0] in _SKIP_DIRS:
            continue
        pages[rel] = _read_page(file, rel)
    report = CheckReport(pages=len(pages))
    inbound: dict[str, int] = defaultdict(int)
    external: dict[str, set[str]] = defaultdict(set)
    for page in pages.values():
        for url, line, attribute in page.links:
            parts = _split(url)
            if parts is None:
                report.problems.append(_locate(root, sources, output, page.path, line, url, "unreadable address"))
                continue
            if parts.scheme in ("http", "https") or url.startswith("//"):
                external[url].add(page.path)
                continue
            if parts.scheme or (url.startswith("#") and not url[1:]):
                continue
            target, problem = _resolve(output, page.path, parts.path, base_path)
            if problem and attribute == "src":
                problem = "missing image or script"
            if problem:
                report.problems.append(_locate(root, sources, output, page.path, line, url, problem))
                continue
            if target in pages and target != page.path:
                inbound[target] += 1
            fragment = unquote(parts.fragment)
            if fragment and target in pages and fragment not in pages[target].ids:
                report.problems.append(
                    _locate(root, sources, output, page.path, line, url, f"missing anchor '#{fragment}'")
                )
    for rel, page in pages.items():
        if rel in ("index.html", "404.html") or page.redirect or inbound[rel]:
            continue
        report.problems.append(
            ContentError(
                sources.get(rel, display_path(output / rel, root)),
                0,
                f"orphan page: nothing links to /{rel.removesuffix('index.html')}",
                "link to it from a listing, the navigation or another page",
            )
        )
    report.external = {url: sorted(where) for url, where in sorted(external.items())}
    return report


def _split(url: str) -> SplitResult | None:
    """The parts of `url`, or None for one no browser can follow (such as '//[host', an unclosed IPv6 address,
    or '//%5Bhost', as Markdown writes that link)."""
    try:
        URL(url, "https://example.org/")  # as a browser reads it, whatever the page's own address
        return urlsplit(url)
    except ValueError:
        return None


def _read_page(file: Path, rel: str) -> _Page:
    soup = BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser")
    ids = {str(tag["id"]) for tag in soup.find_all(id=True)} | {
        str(a["name"]) for a in soup.find_all("a", attrs={"name": True})
    }
    links: list[tuple[str, int, str]] = []
    for tag in soup.find_all(["a", "img", "link", "script", "source"]):
        assert isinstance(tag, Tag)
        attribute = "href" if tag.name in ("a", "link") else "src"
        value = tag.get(attribute)
        if isinstance(value, str) and value.strip():
            if tag.name == "link" and "canonical" in (tag.get("rel") or []):
                continue
            links.append((value.strip(), tag.sourceline or 0, attribute))
    redirect = soup.find("meta", attrs={"http-equiv": "refresh"}) is not None
    return _Page(rel, ids, links, redirect)


def _resolve(output: Path, page: str, url_path: str, base_path: str) -> tuple[str | None, str]:
    """The output file a link reaches, or a problem."""
    if not url_path:
        return page, ""
    path = unquote(url_path)
    base_path = unquote(base_path)
    if path.startswith("/"):
        if not path.startswith(base_path):
            return None, f"link outside the site's base path {base_path}"
        rel = path[len(base_path) :]
    else:
        rel = (Path(page).parent / path).as_posix()
    target = output / rel
    if target.is_dir() or path.endswith("/"):
        index = target / "index.html"
        if index.is_file():
            return index.relative_to(output).as_posix(), ""
        return None, "broken link"
    if target.is_file():
        return target.relative_to(output).as_posix(), ""
    return None, "missing file" if Path(path).suffix else "broken link"


def _locate(
    root: Path, sources: dict[str, str], output: Path, page: str, line: int, url: str, problem: str
) -> ContentError:
    source = sources.get(page, "")
    if source and (root / source).is_file():
        text = (root / source).read_text(encoding="utf-8", errors="replace")
        parts = _split(url)
        for candidate in (url, parts.path if parts else "", unquote(url)):
            index = text.find(f"({candidate}") if candidate else -1
            if index >= 0:
                return ContentError(source, text.count("\n", 0, index) + 1, f"{problem}: {url}")
    return ContentError(
        display_path(output / page, root), line, f"{problem}: {url}", f"made from {source}" if source else ""
    )


def crisis_data_warning(config: SiteConfig, today: dt.date, root: Path) -> ContentError | None:
    """A warning when the crisis services of the site's country were checked too long ago:
    numbers change, and a reader in crisis must not be sent to one that no longer answers.
    Quiet when the practice words both the notice and the crisis page itself, as the hint asks:
    then no page shows sitegen's list."""
    country = services_for(config.crisis_country) if config.crisis_country else None
    if country is None or not is_stale(country, today):
        return None
    own_notice = config.crisis_notice is not None and bool(config.crisis_notice.text)
    if own_notice and (root / layout.PAGES / "crisis.md").is_file():
        return None
    return ContentError(
        CONFIG_FILE,
        config.line_of(*config.crisis_country_key()),
        f"the crisis services sitegen lists for {country.name} were last checked on "
        f"{country.oldest_check.isoformat()}, more than {STALE_AFTER_MONTHS} months ago",
        "update sitegen for newer ones, or check each number on the service's own page "
        "and write your own content/pages/crisis.md and crisis: text:",
    )

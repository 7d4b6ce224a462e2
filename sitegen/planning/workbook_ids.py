"""The workbook shows every written day on one page, so the ids inside each day's sections (a
`####` heading's anchor, a footnote's `fn:1`) would repeat from day to day. Each day's ids get the
day's own prefix, and the links and references inside that day follow them."""

from __future__ import annotations

from markupsafe import Markup

from sitegen.planning.views import SectionView
from sitegen.reading.models import Section

# Attributes that name other elements by id, each a space-separated list.
_ID_REFERENCES = ("for", "headers", "list", "aria-labelledby", "aria-describedby", "aria-controls", "aria-details")


def workbook_sections(sections: tuple[Section, ...], day: int) -> tuple[SectionView, ...]:
    """A day's sections as the workbook shows them: every id in them starts with "day-<day>-", as
    their titles' do, so a link to a section's title still finds it."""
    titles = frozenset(s.anchor for s in sections if s.title and s.anchor)
    prefix = f"day-{day}-"
    return tuple(SectionView(s.title, s.anchor, Markup(prefix_ids(s.html, prefix, titles)), s.kind) for s in sections)


def prefix_ids(html: str, prefix: str, outside: frozenset[str] = frozenset()) -> str:
    """`html` with `prefix` before every id, and before every `#id` link and id reference that
    points inside it or at one of the `outside` ids (which get the same prefix elsewhere).
    Links to anything else (another page, another day) are left as they are."""
    if " id=" not in html and 'href="#' not in html:
        return html
    from bs4 import BeautifulSoup  # only workbooks with ids inside their days need it

    soup = BeautifulSoup(html, "html.parser")
    tagged = soup.find_all(id=True)
    ids = {str(tag["id"]) for tag in tagged} | outside
    for tag in tagged:
        tag["id"] = prefix + str(tag["id"])
    for link in soup.find_all(href=True):
        href = str(link["href"])
        if href.startswith("#") and href[1:] in ids:
            link["href"] = "#" + prefix + href[1:]
    for tag in soup.find_all(True):
        for name in _ID_REFERENCES:
            if tag.has_attr(name):
                value = tag[name]
                tokens = value if isinstance(value, list) else str(value).split()
                tag[name] = " ".join(prefix + token if token in ids else token for token in tokens)
    return str(soup)

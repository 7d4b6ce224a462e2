"""Ids for a body's headings, so a link can point at any section of a page.

A heading's id is made as slugs are ('#كيف-تهدأ' for an Arabic heading, not '#_1'), from
its text as a reader sees it, curly apostrophe and all ("Don't" gives 'dont', as before).
A writer who wants a fixed anchor ends the heading line with `{#anchor}`. Two headings
with the same text on one page get `_1`, `_2` after the second and third ids, as
Python-Markdown's `toc` gave them, so anchors other sites already link to stay. A body's
`# h1` becomes an `h2`: the page's title is its only main heading.
"""

from __future__ import annotations

import html as html_text
import re

from sitegen.core.slugs import slugify
from sitegen.reading.typography import smarten

_HEADING = re.compile(r"<h([1-6])>([^<]*(?:<(?!/?h[1-6][\s>])[^<]*)*)</h\1>")
"""A heading and its content, which holds no other heading's tag: so a search from a raw `<h2>`
that never closes stops at the next heading, not the end of the text (which made ten thousand
of them take seconds)."""
_ANCHOR = re.compile(r"[ \t]*\{:?[ \t]*#([^\s{}\"'<>]+)[ \t]*\}[ \t]*$")
_TAG = re.compile(r"<[^<>]*>")
_ANY_ID = re.compile(r' id="([^"]*)"')
_NUMBERED = re.compile(r"^(.*)_([0-9]+)$")


def with_heading_ids(html: str) -> str:
    """`html` (as cmark writes it: headings carry no attributes) with an id on every heading."""
    if "<h" not in html:
        return html
    headings = list(_HEADING.finditer(html))
    if not headings:
        return html
    anchors = [_ANCHOR.search(found.group(2)) for found in headings]
    used = set(_ANY_ID.findall(html)) | {html_text.unescape(anchor.group(1)) for anchor in anchors if anchor}
    unique = _Unique(used)
    out: list[str] = []
    done = 0
    for found, anchor in zip(headings, anchors, strict=True):
        level = max(2, int(found.group(1)))
        inner = found.group(2)
        if anchor:
            inner, name = inner[: anchor.start()], html_text.unescape(anchor.group(1))
        else:
            text = smarten(inner) if "'" in inner else inner  # only apostrophes change a slug
            name = unique.name(slugify(html_text.unescape(_TAG.sub("", text) if "<" in text else text)))
        out += [html[done : found.start()], f'<h{level} id="{html_text.escape(name)}">{inner}</h{level}>']
        done = found.end()
    out.append(html[done:])
    return "".join(out)


class _Unique:
    """Python-Markdown's rule for a taken name (`name` becomes `name_1`; `name_1` becomes `name_2`,
    and so on to the first free one), in time linear in the headings: the numbers found taken
    under each base name are remembered, so a page of ten thousand same headings counts up once."""

    def __init__(self, used: set[str]) -> None:
        self.used = used
        self.taken_from: dict[tuple[str, int], int] = {}

    def name(self, wanted: str) -> str:
        if wanted and wanted not in self.used:
            self.used.add(wanted)
            return wanted
        numbered = _NUMBERED.match(wanted)
        base, number = (numbered.group(1), int(numbered.group(2)) + 1) if numbered else (wanted, 1)
        number = self._first_free(base, number)
        name = f"{base}_{number}"
        self.used.add(name)
        return name

    def _first_free(self, base: str, number: int) -> int:
        passed = []
        while True:
            onward = self.taken_from.get((base, number))
            if onward is None and f"{base}_{number}" not in self.used:
                break
            passed.append(number)
            number = onward if onward is not None else number + 1
        for at in passed:
            self.taken_from[(base, at)] = number
        return number

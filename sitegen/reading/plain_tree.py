"""A small tree of plain markup, for the changes journey_sections.py makes to a day's text.

Plain markup is HTML whose every tag is a bare start or end tag (no attribute) of an element
that holds text (`<p>`, `<li>`, `<em>`...), properly nested, with no comment and no character
reference but `&amp;`, `&lt;` and `&gt;`. Most of what a journey's writer puts in a day's
Markdown comes out so. BeautifulSoup reads such markup and writes it back as the very same
bytes, so a change made on this tree and written out here reads exactly as BeautifulSoup
writes the same change. Anything else is left to BeautifulSoup, whose import alone took 50 ms
in each worker process of a cold build, and its reading and writing as long again for the
bench's 20 journeys.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_TOKEN = re.compile(r"<([^<>]*)>|[<>]")
"""A tag; or a `<` or `>` that starts or ends none (the markup is then not plain)."""
_BARE = re.compile(r"(/?)([a-z][a-z0-9]*)")
_OTHER_REFERENCE = re.compile(r"&(?!(?:amp|lt|gt);)")
_HOLDS_TEXT = frozenset(
    {"p", "ul", "ol", "li", "em", "strong", "code", "blockquote", "del", "sup", "sub"}
    | {"h1", "h2", "h3", "h4", "h5", "h6", "table", "thead", "tbody", "tr", "th", "td"}
)
"""Elements that are never void, which BeautifulSoup's reader nests exactly as their tags do."""
_SAFE_VALUE = re.compile(r"[a-z0-9-]*")


@dataclass
class Element:
    name: str
    attributes: list[tuple[str, str]] = field(default_factory=list)
    children: list[Node] = field(default_factory=list)
    """Its elements, and its text as written (escaped)."""

    @property
    def text(self) -> str:
        """Its text, read as BeautifulSoup's get_text() reads it."""
        return "".join(_unescaped(child) if isinstance(child, str) else child.text for child in self.children)

    def set(self, name: str, value: str) -> None:
        """Give it the attribute, in place of one of that name (as setting it on a BeautifulSoup tag
        does): only values of letters, digits and hyphens, which need no escaping."""
        assert _SAFE_VALUE.fullmatch(value), value
        for index, (known, _) in enumerate(self.attributes):
            if known == name:
                self.attributes[index] = (name, value)
                return
        self.attributes.append((name, value))

    def html(self) -> str:
        attributes = "".join(f' {name}="{value}"' for name, value in self.attributes)
        inner = "".join(child if isinstance(child, str) else child.html() for child in self.children)
        return f"<{self.name}{attributes}>{inner}</{self.name}>"


Node = Element | str


def plain_tree(html: str) -> list[Node] | None:
    """The top-level nodes of `html` when it is plain markup; else None."""
    if "&" in html and _OTHER_REFERENCE.search(html):
        return None
    top: list[Node] = []
    open_elements: list[Element] = []
    at = 0
    for found in _TOKEN.finditer(html):
        tag = found.group(1)
        bare = _BARE.fullmatch(tag) if tag is not None else None
        if bare is None or bare.group(2) not in _HOLDS_TEXT:
            return None
        here = open_elements[-1].children if open_elements else top
        if found.start() > at:
            here.append(html[at : found.start()])
        at = found.end()
        if bare.group(1):  # an end tag: of the element last opened, or the markup is not plain
            if not open_elements or open_elements.pop().name != bare.group(2):
                return None
        else:
            element = Element(bare.group(2))
            here.append(element)
            open_elements.append(element)
    if open_elements:
        return None
    if at < len(html):
        top.append(html[at:])
    return top


def written(nodes: list[Node]) -> str:
    return "".join(node if isinstance(node, str) else node.html() for node in nodes)


def _unescaped(text: str) -> str:
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&") if "&" in text else text

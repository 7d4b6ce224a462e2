"""Give a journey day's parts the structure their Markdown implies.

Writers mark structure by convention, not syntax: `**Bold lead.** text`, `*Example:* a
story`, `Step 1: ...` paragraphs each followed by a list, and numbered reflection
questions. These become classed elements the theme can set apart and print well.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol, TypeVar

from sitegen.reading.markup import render_markdown
from sitegen.reading.models import Section
from sitegen.reading.plain_tree import Element, plain_tree, written
from sitegen.reading.typography import smarten

if TYPE_CHECKING:
    from bs4 import BeautifulSoup
    from bs4.element import PageElement

N = TypeVar("N")
"""A node of either tree the structure rules work on (Nodes)."""

# The conventions in English and in Spanish (the languages the theme speaks), so a journey
# written in Spanish gets the same structure: "Paso 1:", "*Ejemplo:*", "Preguntas para reflexionar".
_STEP = re.compile(r"^\s*(?:step|paso)\s+\d+\s*[:.\-–—]", re.IGNORECASE)
_EXAMPLE = re.compile(r"^\s*(?:example|ejemplo)\b", re.IGNORECASE)
_KINDS = (
    ("learning", re.compile(r"learning|aprend", re.IGNORECASE)),
    ("why", re.compile(r"^(?:why|¿?por qué)\b", re.IGNORECASE)),
    ("activity", re.compile(r"activit|exercise|practice|actividad|ejercicio|práctica", re.IGNORECASE)),
    ("reflection", re.compile(r"reflect|journal|questions|reflexi|preguntas", re.IGNORECASE)),
)


@dataclass
class AnswerIds:
    """Names a day's answerable items, reflection questions and activity steps, in page order
    across all its sections: `d3-q2` is day 3's second question, `d3-s1` its first step. The
    journal script keys answers by these, so they are stable while the day's text keeps its order.
    Mutable on purpose: one counter is carried through the day's sections as they are rendered."""

    day: int
    questions: int = 0
    steps: int = 0

    def next_question(self) -> str:
        self.questions += 1
        return f"d{self.day}-q{self.questions}"

    def next_step(self) -> str:
        self.steps += 1
        return f"d{self.day}-s{self.steps}"


def section_kind(title: str) -> str:
    return next((kind for kind, pattern in _KINDS if pattern.search(title)), "other")


def _notes(anchor: str) -> str:
    """A titled section's footnote prefix (see render_markdown): from its anchor, which is unique
    on the page; "s-" keeps it apart from the overview's own parts ("plan", "closing")."""
    return f"s-{anchor}" if anchor else ""


def render_section(title: str, anchor: str, text: str, base_path: str) -> Section:
    html = render_markdown(text, base_path, _notes(anchor)).html
    return Section(smarten(title), anchor, _structure(html, "", None), "overview")


def render_day_section(title: str, anchor: str, text: str, base_path: str, answers: AnswerIds) -> Section:
    kind = section_kind(title) if title else "lead"
    html = render_markdown(text, base_path, _notes(anchor)).html
    return Section(smarten(title), anchor, _structure(html, kind, answers), kind)


def _structure(html: str, kind: str, answers: AnswerIds | None) -> str:
    if "<p" not in html and "<ol" not in html:
        return html
    top = plain_tree(html)
    if top is not None:  # plain markup, changed without BeautifulSoup (plain_tree.py)
        return written(_structured(top, PlainNodes(), kind, answers))
    from bs4 import BeautifulSoup  # only journeys need it, and it costs 50 ms to import

    soup = BeautifulSoup(html, "html.parser")
    changed = _structured(list(soup.contents), SoupNodes(soup), kind, answers)
    soup.clear()
    for node in changed:
        soup.append(node)
    return str(soup)


def _structured(top: list[N], nodes: Nodes[N], kind: str, answers: AnswerIds | None) -> list[N]:
    """The day's top-level nodes with the structure their conventions imply: key points, examples,
    steps (each with the lists after it), and reflection questions; on either kind of tree."""
    marked: list[N] = []
    for node in top:
        if nodes.name(node) == "p":
            first = nodes.first(node)
            if first is not None and nodes.name(first) == "em" and _EXAMPLE.match(nodes.text(first)):
                node = nodes.element("div", [("class", "example")], [node])
            elif first is not None and nodes.name(first) == "strong" and not _STEP.match(nodes.text(first)):
                nodes.set(node, "class", "key-point")
        marked.append(node)
    grouped = _steps(marked, nodes, answers)
    if kind == "reflection":
        for ordered in grouped:
            if nodes.name(ordered) == "ol":
                nodes.set(ordered, "class", "reflection-questions")
                for question in nodes.children(ordered):
                    if answers is not None and nodes.name(question) == "li":
                        nodes.set(question, "data-answer", answers.next_question())
    return grouped


def _steps(top: list[N], nodes: Nodes[N], answers: AnswerIds | None) -> list[N]:
    """'Step N:' paragraphs, each with the lists that follow it, made one ordered list where the
    first step was; the text between them (white space) stays where it was, after the list."""
    grouped: list[N] = []
    steps: N | None = None
    for node in top:
        name = nodes.name(node)
        if name is None:
            grouped.append(node)
        elif name == "p" and _STEP.match(nodes.text(node)):
            if steps is None:
                steps = nodes.element("ol", [("class", "steps")], [])
                grouped.append(steps)
            numbered = [("data-answer", answers.next_step())] if answers else []
            nodes.append(steps, nodes.element("li", numbered, [node]))
        elif steps is not None and name in ("ul", "ol") and nodes.children(steps):
            nodes.append(nodes.children(steps)[-1], node)
        else:
            steps = None
            grouped.append(node)
    return grouped


class Nodes(Protocol[N]):
    """What the structure rules (_structured) ask of a tree's nodes, so that they are written once
    for both trees: plain_tree's, and BeautifulSoup's for any other markup."""

    def name(self, node: N) -> str | None:
        """The element's tag name; None for text."""

    def text(self, node: N) -> str: ...

    def first(self, node: N) -> N | None:
        """The element's first child (an element or text), if it has any."""

    def children(self, node: N) -> list[N]: ...

    def set(self, node: N, name: str, value: str) -> None: ...

    def element(self, name: str, attributes: list[tuple[str, str]], children: list[N]) -> N:
        """A new element holding `children`, each taken from where it was."""

    def append(self, parent: N, child: N) -> None:
        """`child` taken from where it was and put last in `parent`."""


class PlainNodes:
    """Nodes of plain_tree: its Elements, and its text as strings. A node moves by being left out
    of the new list the rules build, so nothing here takes it from its old place."""

    def name(self, node: Element | str) -> str | None:
        return node.name if isinstance(node, Element) else None

    def text(self, node: Element | str) -> str:
        return node.text if isinstance(node, Element) else node

    def first(self, node: Element | str) -> Element | str | None:
        return node.children[0] if isinstance(node, Element) and node.children else None

    def children(self, node: Element | str) -> list[Element | str]:
        return node.children if isinstance(node, Element) else []

    def set(self, node: Element | str, name: str, value: str) -> None:
        assert isinstance(node, Element)
        node.set(name, value)

    def element(self, name: str, attributes: list[tuple[str, str]], children: list[Element | str]) -> Element:
        return Element(name, attributes, children)

    def append(self, parent: Element | str, child: Element | str) -> None:
        assert isinstance(parent, Element)
        parent.children.append(child)


class SoupNodes:
    """Nodes of a BeautifulSoup tree: its Tags, and its text (NavigableStrings and the like)."""

    def __init__(self, soup: BeautifulSoup) -> None:
        from bs4 import Tag

        self.soup, self.tag = soup, Tag

    def name(self, node: PageElement) -> str | None:
        return node.name if isinstance(node, self.tag) else None

    def text(self, node: PageElement) -> str:
        return node.get_text()

    def first(self, node: PageElement) -> PageElement | None:
        return node.contents[0] if isinstance(node, self.tag) and node.contents else None

    def children(self, node: PageElement) -> list[PageElement]:
        return list(node.contents) if isinstance(node, self.tag) else []

    def set(self, node: PageElement, name: str, value: str) -> None:
        assert isinstance(node, self.tag)
        node[name] = value

    def element(self, name: str, attributes: list[tuple[str, str]], children: list[PageElement]) -> PageElement:
        made = self.soup.new_tag(name, attrs=dict(attributes))
        for child in children:
            made.append(child.extract())
        return made

    def append(self, parent: PageElement, child: PageElement) -> None:
        assert isinstance(parent, self.tag)
        parent.append(child.extract())

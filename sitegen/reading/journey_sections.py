"""Give a journey day's parts the structure their Markdown implies.

Writers mark structure by convention, not syntax: `**Bold lead.** text`, `*Example:* a
story`, `Step 1: ...` paragraphs each followed by a list, and numbered reflection
questions. These become classed elements the theme can set apart and print well.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sitegen.reading.markup import render_markdown
from sitegen.reading.models import Section
from sitegen.reading.plain_tree import Element, Node, plain_tree, written
from sitegen.reading.typography import smarten

if TYPE_CHECKING:
    from bs4 import BeautifulSoup

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
    if top is not None:  # the same change, made without BeautifulSoup (plain_tree.py)
        return _plain_structure(top, kind, answers)
    from bs4 import BeautifulSoup, Tag  # only journeys need it, and it costs 50 ms to import

    soup = BeautifulSoup(html, "html.parser")
    for paragraph in soup.find_all("p", recursive=False):
        first = paragraph.contents[0] if paragraph.contents else None
        if isinstance(first, Tag) and first.name == "em" and _EXAMPLE.match(first.get_text()):
            wrapper = soup.new_tag("div", attrs={"class": "example"})
            paragraph.wrap(wrapper)
        elif isinstance(first, Tag) and first.name == "strong" and not _STEP.match(first.get_text()):
            paragraph["class"] = "key-point"
    _group_steps(soup, answers)
    if kind == "reflection":
        for ordered in soup.find_all("ol", recursive=False):
            ordered["class"] = "reflection-questions"
            if answers is not None:
                for question in ordered.find_all("li", recursive=False):
                    question["data-answer"] = answers.next_question()
    return str(soup)


def _plain_structure(top: list[Node], kind: str, answers: AnswerIds | None) -> str:
    """What _structure makes of plain markup, step for step as it does with BeautifulSoup."""
    for index, node in enumerate(top):
        if isinstance(node, Element) and node.name == "p":
            first = node.children[0] if node.children else None
            if isinstance(first, Element) and first.name == "em" and _EXAMPLE.match(first.text):
                top[index] = Element("div", [("class", "example")], [node])
            elif isinstance(first, Element) and first.name == "strong" and not _STEP.match(first.text):
                node.set("class", "key-point")
    top = _plain_steps(top, answers)
    if kind == "reflection":
        for ordered in top:
            if isinstance(ordered, Element) and ordered.name == "ol":
                ordered.set("class", "reflection-questions")
                for question in ordered.children:
                    if answers is not None and isinstance(question, Element) and question.name == "li":
                        question.set("data-answer", answers.next_question())
    return written(top)


def _plain_steps(top: list[Node], answers: AnswerIds | None) -> list[Node]:
    """_group_steps on plain markup: the text between the steps stays where it was, after them."""
    grouped: list[Node] = []
    steps: Element | None = None
    for node in top:
        if not isinstance(node, Element):
            grouped.append(node)
        elif node.name == "p" and _STEP.match(node.text):
            if steps is None:
                steps = Element("ol", [("class", "steps")])
                grouped.append(steps)
            steps.children.append(Element("li", [("data-answer", answers.next_step())] if answers else [], [node]))
        elif steps is not None and node.name in ("ul", "ol") and steps.children:
            last = steps.children[-1]
            assert isinstance(last, Element)
            last.children.append(node)
        else:
            steps = None
            grouped.append(node)
    return grouped


def _group_steps(soup: BeautifulSoup, answers: AnswerIds | None) -> None:
    """Turn 'Step N:' paragraphs, each with the lists that follow it, into one ordered list."""
    from bs4 import Tag

    steps_list: Tag | None = None
    for node in list(soup.children):
        if not isinstance(node, Tag):
            continue
        if node.name == "p" and _STEP.match(node.get_text()):
            if steps_list is None:
                steps_list = soup.new_tag("ol", attrs={"class": "steps"})
                node.insert_before(steps_list)
            item = soup.new_tag("li", attrs={"data-answer": answers.next_step()} if answers else {})
            steps_list.append(item)
            item.append(node.extract())
        elif steps_list is not None and node.name in ("ul", "ol") and steps_list.contents:
            last = steps_list.contents[-1]
            assert isinstance(last, Tag)
            last.append(node.extract())
        else:
            steps_list = None

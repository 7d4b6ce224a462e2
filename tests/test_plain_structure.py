"""A journey day's structure (key points, examples, steps, reflection questions) comes out the same
whether its markup is plain, and so changed without BeautifulSoup (sitegen/reading/plain_tree.py),
or BeautifulSoup reads and writes it.

The rules are written once (journey_sections._structured) over either tree. Each case is rendered
twice through the day's own renderer: as a build renders it, and with the plain path turned off,
which leaves the tree to BeautifulSoup; the two must be the same bytes, and the plain path must
have been taken where the markup is plain. What the rules make is kept by the golden journey
pages and tests/test_journeys.py.
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Callable
from functools import partial

import pytest

from sitegen.reading import journey_sections
from sitegen.reading.journey_sections import AnswerIds, render_day_section, render_section
from sitegen.reading.markup import render_markdown
from sitegen.reading.models import Section
from sitegen.reading.plain_tree import plain_tree

BLOCKS = [
    "A plain paragraph, with 'quotes', \"double ones\", & an ampersand, 3 < 4 and 5 > 4.",
    "**Key idea.** Noticing is already a kind of care.",
    "**Step 1:** Sit somewhere you will not be interrupted.",
    "Step 2: Breathe out for longer than you breathe in.",
    "Paso 3: Escribe una frase sobre lo que notaste.",
    "*Example:* Ana noticed her shoulders rise before every call.",
    "*Ejemplo:* Luis camina diez minutos después de cenar.",
    "*A gentle aside* that is not an example.",
    "- one small thing\n- another, *gently*\n- a third with **weight**",
    "1. What did you notice first?\n2. What helped, even a **little**?",
    "> A quoted line to come back to.",
    "Some `code` and ~~a crossed-out word~~ in one line.",
    "Café, naïve, 東京 and “curly” quotes…",
    "**Step four** without a number is a key point.",
]
NOT_PLAIN = [
    "A [link](https://example.org/) in the text.",
    "Line one  \nline two.",
    "## A heading",
    "Spaces&nbsp;held together.",
    "A footnote.[^1]\n\n[^1]: The note.",
]
KINDS = ["Learning", "Why it helps", "Activity", "Reflection questions", ""]


def _texts() -> list[str]:
    pairs = ["\n\n".join(pair) for pair in itertools.product(BLOCKS, repeat=2)]
    chooser = random.Random(20261126)  # fixed: the same cases on every run
    longer = ["\n\n".join(chooser.choices(BLOCKS + NOT_PLAIN, k=chooser.randint(3, 6))) for _ in range(250)]
    return BLOCKS + NOT_PLAIN + pairs + longer


TEXTS = _texts()


def _both(monkeypatch: pytest.MonkeyPatch, render: Callable[[], Section]) -> tuple[Section, Section]:
    """What `render` makes as a build makes it, and with BeautifulSoup alone."""
    made = render()
    with monkeypatch.context() as patched:
        patched.setattr(journey_sections, "plain_tree", lambda html: None)
        reference = render()
    return made, reference


@pytest.mark.parametrize("title", KINDS)
def test_a_days_sections_come_out_as_beautifulsoup_makes_them(monkeypatch: pytest.MonkeyPatch, title: str) -> None:
    plain = 0
    for day, text in enumerate(TEXTS, start=1):
        render = partial(render_day_section, title, "part", text, "/")
        made, reference = _both(monkeypatch, lambda r=render, d=day: r(AnswerIds(d)))
        assert made == reference, text
        plain += plain_tree(render_markdown(text, "/", "s-part").html) is not None
    assert plain > len(TEXTS) // 2  # the plain path was taken, for most of the cases


def test_an_overviews_sections_come_out_as_beautifulsoup_makes_them(monkeypatch: pytest.MonkeyPatch) -> None:
    for text in TEXTS:
        made, reference = _both(monkeypatch, lambda t=text: render_section("Plan", "plan", t, "/"))
        assert made == reference, text


def test_the_answer_ids_run_on_across_a_days_sections_on_either_path(monkeypatch: pytest.MonkeyPatch) -> None:
    def day() -> Section:
        answers = AnswerIds(4)
        steps = render_day_section("Activity", "a", "Step 1: Pause.\n\n- breathe\n\nStep 2: Notice.", "/", answers)
        questions = render_day_section("Reflection", "r", "1. What came up?\n2. What helped?", "/", answers)
        return Section("", "", steps.html + questions.html, "")

    made, reference = _both(monkeypatch, day)
    assert made == reference
    assert '<ol class="steps"><li data-answer="d4-s1"><p>Step 1: Pause.</p><ul>' in made.html
    assert '<li data-answer="d4-s2"><p>Step 2: Notice.</p></li></ol>' in made.html
    assert '<ol class="reflection-questions">\n<li data-answer="d4-q1">What came up?</li>' in made.html
    assert '<li data-answer="d4-q2">What helped?</li>' in made.html


@pytest.mark.parametrize(
    "html",
    [
        '<p><a href="/x/">a link</a></p>',
        "<p>one<br>two</p>",
        "<p>held&nbsp;together</p>",
        "<p>an &quot;entity&quot;</p>",
        "<p>a stray > sign</p>",
        "<p>unclosed <em>emphasis</p>",
        "<p>crossed <em>tags</p></em>",
        "<!-- a comment --><p>text</p>",
        '<p class="lead">a class</p>',
        "<div><p>a division</p></div>",
        "<pre><code>kept as written</code></pre>",
    ],
)
def test_markup_that_is_not_plain_is_left_to_beautifulsoup(html: str) -> None:
    assert plain_tree(html) is None


def test_plain_markup_is_read_as_its_tags_nest() -> None:
    top = plain_tree("<p><strong>Key.</strong> a &amp; b</p>\n<ul>\n<li>one</li>\n</ul>\n")
    assert top is not None
    assert [getattr(node, "name", node) for node in top] == ["p", "\n", "ul", "\n"]
    first = top[0]
    assert not isinstance(first, str)
    assert first.text == "Key. a & b"


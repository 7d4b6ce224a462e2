"""A screen reader names each answer box by the number the reader sees beside it (a step's own
"Step 2", a question's place in its numbered list), and on the workbook, by its day too."""

from __future__ import annotations

import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from conftest import MINIMAL_SITE_YAML, run_sitegen, serving

pytestmark = pytest.mark.browser

DAY = """\
## Day {n}: Day {n}

### Today's Learning

{step} 1: A step inside the learning, which is not the activity's.

### Today's Activity

{step} 1: Sit down.

{step} 2: Breathe out slowly.

### Reflection Questions

1. What did you notice?
2. What surprised you?

One more, after a pause:

1. What changed?

"""

JOURNEY = """\
---
title: Small Steps
duration: 1 week
category: Anxiety
days_per_week: 2
---

# Small Steps Journey

Intro.

{days}
## Your Journey Plan

### Week 1: Starting
- One
- Two
"""


def built(folder: Path, language: str, step: str) -> Path:
    root = folder / "site"
    (root / "content/journeys").mkdir(parents=True)
    (root / "site.yaml").write_text(MINIMAL_SITE_YAML + f"language: {language}\n", encoding="utf-8")
    days = "".join(DAY.format(n=n, step=step) for n in (1, 2))
    (root / "content/journeys/small-steps.md").write_text(textwrap.dedent(JOURNEY.format(days=days)), encoding="utf-8")
    result = run_sitegen("build", "-q", cwd=root)
    assert result.code == 0, result.err
    return root / "output"


@pytest.fixture(scope="module", params=[("en", "Step"), ("es", "Paso")], ids=["en", "es"])
def site(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    language, step = request.param
    with serving(built(tmp_path_factory.mktemp(language), language, step)) as url:
        yield url, language


@pytest.fixture
def page_of(browser: Browser, site: tuple[str, str]) -> Iterator[tuple[Page, str]]:
    url, language = site
    context = browser.new_context(base_url=url)
    try:
        yield context.new_page(), language
    finally:
        context.close()


LABELS = {
    "en": {
        "d1-s1": "Your answer to step 1",
        "d1-s2": "Your answer to step 1",
        "d1-s3": "Your answer to step 2",
        "d1-q2": "Your answer to question 2",
        "d1-q3": "Your answer to question 1",
    },
    "es": {
        "d1-s1": "Su respuesta al paso 1",
        "d1-s2": "Su respuesta al paso 1",
        "d1-s3": "Su respuesta al paso 2",
        "d1-q2": "Su respuesta a la pregunta 2",
        "d1-q3": "Su respuesta a la pregunta 1",
    },
}
WORKBOOK_LABELS = {
    "en": {"d2-s3": "Day 2, your answer to step 2", "d2-q3": "Day 2, your answer to question 1"},
    "es": {"d2-s3": "Día 2, su respuesta al paso 2", "d2-q3": "Día 2, su respuesta a la pregunta 1"},
}


def test_a_day_labels_each_answer_by_the_number_beside_it(page_of: tuple[Page, str]) -> None:
    page, language = page_of
    page.goto("/journeys/small-steps/day-1/")
    for answer, label in LABELS[language].items():
        expect(page.locator(f'[data-answer="{answer}"] label')).to_have_text(label)


def test_the_workbook_names_the_day_in_each_label(page_of: tuple[Page, str]) -> None:
    page, language = page_of
    page.goto("/journeys/small-steps/workbook/")
    for answer, label in WORKBOOK_LABELS[language].items():
        expect(page.locator(f'[data-answer="{answer}"] label')).to_have_text(label)
    names = page.locator("textarea").evaluate_all("boxes => boxes.map(box => box.labels[0].textContent)")
    assert len(names) == 2 * 6
    # Each day shows "step 1" twice (learning, activity) and "1." twice (two lists), as its page does.
    assert len(set(names)) == 2 * 4, names
    assert [name.split(",")[0] for name in names] == [("Day" if language == "en" else "Día") + " 1"] * 6 + [
        ("Day" if language == "en" else "Día") + " 2"
    ] * 6


def test_a_couple_s_workbook_names_the_day_and_the_partner(browser: Browser, site_url: str) -> None:
    context = browser.new_context(base_url=site_url)
    try:
        page = context.new_page()
        page.goto("/journeys/reconnecting-as-a-couple/workbook/")
        page.get_by_role("textbox", name="Partner 2's name").fill("Alex")
        expect(page.locator('[data-answer="d2-q1"] label')).to_have_text(
            ["Day 2, Partner 1's answer to question 1", "Day 2, Alex's answer to question 1"]
        )
    finally:
        context.close()

"""The journal's pages always show what is kept: after Back, beside another tab, after a restored
file; and no control removes kept answers without asking first and saying so."""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import BrowserContext, Page, expect

pytestmark = pytest.mark.browser

JOURNEY = "/journeys/steadier-days/"
KEY = "sitegen-journal:/journeys/steadier-days/"
KEEP = "Keep my answers on this device"
STOP_CONFIRM = (
    "Stop keeping your answers? The answers kept for every day of this journey are removed from this device. "
    "What you wrote stays on this page until you leave it."
)


def kept(page: Page) -> dict[str, list[str]] | None:
    raw = page.evaluate("key => localStorage.getItem(key)", KEY)
    return None if raw is None else dict(json.loads(raw)["answers"])


def test_back_after_erasing_shows_no_erased_answer_and_no_ticked_box(page: Page) -> None:
    page.goto(JOURNEY + "day-1/")
    page.get_by_role("checkbox", name=KEEP).check()
    page.get_by_role("textbox", name="Your answer to question 1").fill("something private")
    page.goto(JOURNEY + "day-2/")
    page.get_by_role("button", name="Erase my answers").click()
    page.get_by_role("button", name="Yes, erase them").click()
    assert kept(page) is None

    page.go_back()
    assert page.url.endswith(JOURNEY + "day-1/")
    answer = page.get_by_role("textbox", name="Your answer to question 1")
    expect(answer).to_have_value("")
    expect(page.get_by_role("checkbox", name=KEEP)).not_to_be_checked()
    page.get_by_role("checkbox", name=KEEP).check()
    assert kept(page) == {}, "ticking again must not bring the erased answers back"


def test_a_page_brought_back_from_the_back_forward_cache_reads_what_is_kept_again(page: Page) -> None:
    """A browser may keep a page whole on Back; then no script runs again, only 'pageshow' (persisted)."""
    page.goto(JOURNEY + "day-1/")
    page.get_by_role("checkbox", name=KEEP).check()
    page.get_by_role("textbox", name="Your answer to question 1").fill("something private")
    page.evaluate(
        "key => { localStorage.removeItem(key);"
        " dispatchEvent(new PageTransitionEvent('pageshow', {persisted: true})); }",
        KEY,
    )
    expect(page.get_by_role("textbox", name="Your answer to question 1")).to_have_value("")
    expect(page.get_by_role("checkbox", name=KEEP)).not_to_be_checked()
    expect(page.get_by_role("status")).to_have_text(
        "Your answers were removed from this device on another page, so this page no longer keeps them."
    )


def test_unticking_asks_first_and_no_leaves_every_day_kept(page: Page) -> None:
    page.goto(JOURNEY + "day-1/")
    page.get_by_role("checkbox", name=KEEP).check()
    page.get_by_role("textbox", name="Your answer to question 1").fill("Day one, written with care")
    page.goto(JOURNEY + "day-2/")
    keep = page.get_by_role("checkbox", name=KEEP)
    keep.click()
    confirm = page.get_by_role("group", name="Stop keeping your answers?")
    expect(confirm).to_have_accessible_name(STOP_CONFIRM)
    expect(page.get_by_role("button", name="No, keep them")).to_be_focused()
    expect(keep).to_be_checked()
    assert kept(page) == {"d1-q1": ["Day one, written with care", ""]}, "nothing is removed before the answer"

    page.keyboard.press("Escape")
    expect(confirm).to_be_hidden()
    expect(keep).to_be_focused()
    expect(keep).to_be_checked()
    keep.click()
    page.get_by_role("button", name="No, keep them").click()
    expect(keep).to_be_checked()
    page.goto(JOURNEY + "day-1/")
    expect(page.get_by_role("textbox", name="Your answer to question 1")).to_have_value("Day one, written with care")


def test_unticking_then_yes_removes_every_day_and_says_so_but_leaves_the_page(page: Page) -> None:
    page.goto(JOURNEY + "day-1/")
    page.get_by_role("checkbox", name=KEEP).check()
    page.get_by_role("textbox", name="Your answer to question 1").fill("Day one.")
    page.goto(JOURNEY + "day-2/")
    page.get_by_role("textbox", name="Your answer to question 2").fill("Day two.")
    keep = page.get_by_role("checkbox", name=KEEP)
    keep.click()
    page.get_by_role("button", name="Yes, stop keeping them").click()
    expect(keep).not_to_be_checked()
    expect(keep).to_be_focused()
    expect(page.get_by_role("status")).to_have_text(
        "Your answers are no longer kept, and the answers of every day are removed from this device. "
        "What you wrote stays on this page until you leave it."
    )
    assert kept(page) is None
    expect(page.get_by_role("textbox", name="Your answer to question 2")).to_have_value("Day two.")


def test_two_tabs_keep_each_other_s_answers(context: BrowserContext) -> None:
    day = context.new_page()
    day.goto(JOURNEY + "day-1/")
    day.get_by_role("checkbox", name=KEEP).check()
    day.get_by_role("textbox", name="Your answer to question 1").fill("v1")
    workbook = context.new_page()
    workbook.goto(JOURNEY + "workbook/")
    in_workbook = workbook.get_by_role("textbox", name="Day 1, your answer to question 1")
    expect(in_workbook).to_have_value("v1")

    day.get_by_role("textbox", name="Your answer to question 1").fill("v2, edited on the day page")
    expect(in_workbook).to_have_value("v2, edited on the day page")
    workbook.get_by_role("textbox", name="Day 3, your answer to question 1").fill("typed in the workbook")
    # Another tab's write reaches this tab's view of localStorage a moment later (Chromium keeps a
    # copy per renderer): wait for it there, then compare the whole of what is kept.
    day.wait_for_function("([key, id]) => (localStorage.getItem(key) || '').includes(id)", arg=[KEY, '"d3-q1"'])
    assert kept(day) == {"d1-q1": ["v2, edited on the day page", ""], "d3-q1": ["typed in the workbook", ""]}
    day.reload()
    expect(day.get_by_role("textbox", name="Your answer to question 1")).to_have_value("v2, edited on the day page")


def test_another_tab_does_not_overwrite_the_field_being_typed_in(context: BrowserContext) -> None:
    first = context.new_page()
    first.goto(JOURNEY + "day-1/")
    first.get_by_role("checkbox", name=KEEP).check()
    second = context.new_page()
    second.goto(JOURNEY + "day-1/")
    typing = second.get_by_role("textbox", name="Your answer to question 2")
    typing.fill("half a thought")
    typing.focus()
    first.get_by_role("textbox", name="Your answer to question 1").fill("from the first tab")
    expect(second.get_by_role("textbox", name="Your answer to question 1")).to_have_value("from the first tab")
    expect(typing).to_have_value("half a thought")
    expect(typing).to_be_focused()


def test_erasing_in_one_tab_empties_the_other_and_unticks_its_box(context: BrowserContext) -> None:
    first = context.new_page()
    first.goto(JOURNEY + "day-1/")
    first.get_by_role("checkbox", name=KEEP).check()
    first.get_by_role("textbox", name="Your answer to question 1").fill("private")
    second = context.new_page()
    second.goto(JOURNEY + "day-1/")
    expect(second.get_by_role("textbox", name="Your answer to question 1")).to_have_value("private")
    first.get_by_role("button", name="Erase my answers").click()
    first.get_by_role("button", name="Yes, erase them").click()
    expect(second.get_by_role("textbox", name="Your answer to question 1")).to_have_value("")
    expect(second.get_by_role("checkbox", name=KEEP)).not_to_be_checked()
    expect(second.get_by_role("status")).to_have_text(
        "Your answers were removed from this device on another page, so this page no longer keeps them."
    )


def test_a_restored_file_that_ticks_the_box_says_so(page: Page) -> None:
    page.goto(JOURNEY + "day-1/")
    expect(page.get_by_role("checkbox", name=KEEP)).not_to_be_checked()
    restored = {"v": 1, "names": ["", ""], "answers": {"d1-q3": ["Evenings.", ""]}}
    page.evaluate(
        "([key, value]) => { localStorage.setItem(key, value);"
        " document.dispatchEvent(new CustomEvent('sitegen:journey-restored')); }",
        [KEY, json.dumps(restored)],
    )
    expect(page.get_by_role("checkbox", name=KEEP)).to_be_checked()
    expect(page.get_by_role("textbox", name="Your answer to question 3")).to_have_value("Evenings.")
    expect(page.locator(".journal-status")).to_have_text(
        'The answers from your file are now kept on this device, so “Keep my answers on this device” is ticked. '
        "Untick it to remove them."
    )


def test_only_one_question_is_asked_at_a_time(page: Page) -> None:
    page.goto(JOURNEY + "day-1/")
    keep = page.get_by_role("checkbox", name=KEEP)
    keep.check()
    page.get_by_role("button", name="Erase my answers").click()
    expect(page.get_by_role("group", name="Erase every answer")).to_be_visible()
    keep.click()
    expect(page.get_by_role("group", name="Erase every answer")).to_be_hidden()
    expect(page.get_by_role("button", name="Erase my answers")).to_be_visible()
    expect(page.get_by_role("button", name="No, keep them")).to_have_count(1)
    expect(page.get_by_role("button", name="No, keep them")).to_be_focused()

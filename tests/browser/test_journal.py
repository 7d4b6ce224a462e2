"""The private journal: answers under each step and question, kept in this browser only after the reader opts in,
erasable, printable; and couples mode, with a named column for each partner."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

pytestmark = pytest.mark.browser

DAY = "/journeys/steadier-days/day-1/"
COUPLES_DAY = "/journeys/reconnecting-as-a-couple/day-1/"
KEY = "sitegen-journal:/journeys/steadier-days/"
COUPLES_KEY = "sitegen-journal:/journeys/reconnecting-as-a-couple/"
KEEP = "Keep my answers on this device"
ANSWER = "Tight shoulders, before anything else."


def stored(page: Page) -> dict[str, str]:
    """Everything this origin keeps in localStorage."""
    return json.loads(page.evaluate("JSON.stringify(Object.assign({}, localStorage))"))


@pytest.fixture
def no_js_page(browser: Browser, site_url: str) -> Iterator[Page]:
    context: BrowserContext = browser.new_context(base_url=site_url, java_script_enabled=False)
    try:
        yield context.new_page()
    finally:
        context.close()


def test_an_answer_typed_after_opting_in_is_there_after_a_reload(page: Page) -> None:
    page.goto(DAY)
    keep = page.get_by_role("checkbox", name=KEEP)
    expect(keep).not_to_be_checked()
    expect(keep).to_have_accessible_description(
        "They are kept only in this browser and never sent anywhere. Anyone who uses this browser can read them, "
        "so on a shared or work device, leave this off."
    )
    keep.check()
    expect(page.get_by_role("status")).to_have_text("Your answers are now kept in this browser as you type.")
    page.get_by_role("textbox", name="Your answer to question 2").fill(ANSWER)
    page.get_by_role("textbox", name="Your answer to step 3").fill("Circled: my jaw.")

    page.reload()
    expect(page.get_by_role("checkbox", name=KEEP)).to_be_checked()
    expect(page.get_by_role("textbox", name="Your answer to question 2")).to_have_value(ANSWER)
    expect(page.get_by_role("textbox", name="Your answer to step 3")).to_have_value("Circled: my jaw.")
    expect(page.get_by_role("textbox", name="Your answer to question 1")).to_have_value("")
    kept = json.loads(stored(page)[KEY])
    assert kept == {"v": 1, "names": ["", ""], "answers": {"d1-q2": [ANSWER, ""], "d1-s3": ["Circled: my jaw.", ""]}}


def test_answers_written_before_opting_in_are_kept_once_the_reader_opts_in(page: Page) -> None:
    page.goto(DAY)
    page.get_by_role("textbox", name="Your answer to question 1").fill("My stomach.")
    page.get_by_role("checkbox", name=KEEP).check()
    page.reload()
    expect(page.get_by_role("textbox", name="Your answer to question 1")).to_have_value("My stomach.")


def test_without_opting_in_nothing_is_stored_and_the_answer_is_gone_after_a_reload(page: Page) -> None:
    page.goto(DAY)
    answer = page.get_by_role("textbox", name="Your answer to question 2")
    answer.press_sequentially("Only here for now")
    expect(answer).to_have_value("Only here for now")
    assert stored(page) == {}
    page.reload()
    expect(page.get_by_role("textbox", name="Your answer to question 2")).to_have_value("")
    assert stored(page) == {}


def test_opting_out_forgets_what_was_kept_but_leaves_the_page_as_it_is(page: Page) -> None:
    page.goto(DAY)
    keep = page.get_by_role("checkbox", name=KEEP)
    keep.check()
    page.get_by_role("textbox", name="Your answer to question 4").fill("Kinder than usual.")
    assert KEY in stored(page)
    keep.click()
    page.get_by_role("button", name="Yes, stop keeping them").click()
    expect(page.get_by_role("status")).to_contain_text("no longer kept")
    assert KEY not in stored(page)
    expect(page.get_by_role("textbox", name="Your answer to question 4")).to_have_value("Kinder than usual.")


def test_erase_asks_first_then_clears_answers_and_the_opt_in_but_not_progress(page: Page) -> None:
    page.goto(DAY)
    page.get_by_role("button", name="Mark Day 1 as done").click()
    page.get_by_role("checkbox", name=KEEP).check()
    answer = page.get_by_role("textbox", name="Your answer to question 3")
    answer.fill("Evenings, mostly.")

    page.get_by_role("button", name="Erase my answers").click()
    keep_them = page.get_by_role("button", name="No, keep them")
    expect(keep_them).to_be_focused()
    expect(page.get_by_role("group", name="Erase every answer")).to_be_visible()
    keep_them.click()
    expect(answer).to_have_value("Evenings, mostly.")
    assert KEY in stored(page)
    expect(page.get_by_role("button", name="Erase my answers")).to_be_focused()

    page.get_by_role("button", name="Erase my answers").click()
    page.get_by_role("button", name="Yes, erase them").click()
    expect(page.get_by_role("status")).to_have_text("Your answers are erased.")
    expect(answer).to_have_value("")
    expect(page.get_by_role("checkbox", name=KEEP)).not_to_be_checked()
    assert KEY not in stored(page)
    assert "sitegen-progress:/journeys/steadier-days/" in stored(page)
    page.reload()
    expect(page.get_by_role("textbox", name="Your answer to question 3")).to_have_value("")
    expect(page.get_by_role("checkbox", name=KEEP)).not_to_be_checked()


def test_answers_of_other_days_are_left_alone(page: Page) -> None:
    page.goto(DAY)
    page.get_by_role("checkbox", name=KEEP).check()
    page.get_by_role("textbox", name="Your answer to question 1").fill("Day one.")
    page.goto("/journeys/steadier-days/day-2/")
    expect(page.get_by_role("checkbox", name=KEEP)).to_be_checked()
    page.get_by_role("textbox", name="Your answer to question 1").fill("Day two.")
    answers = json.loads(stored(page)[KEY])["answers"]
    assert answers == {"d1-q1": ["Day one.", ""], "d2-q1": ["Day two.", ""]}


def test_couples_mode_gives_each_partner_a_named_column_and_keeps_the_names(page: Page) -> None:
    page.goto(COUPLES_DAY)
    expect(page.get_by_role("textbox", name="Partner 1's answer to question 1")).to_be_visible()
    expect(page.get_by_role("textbox", name="Partner 2's answer to question 1")).to_be_visible()
    expect(page.get_by_role("textbox", name="Partner 2's answer to step 4")).to_be_visible()
    expect(page.get_by_role("textbox", name="Your answer to question 1")).to_have_count(0)
    page.get_by_role("checkbox", name=KEEP).check()
    page.get_by_role("textbox", name="Partner 1's name").fill("Jordan")
    page.get_by_role("textbox", name="Partner 2's name").fill("Alex")
    page.get_by_role("textbox", name="Alex's answer to question 2").fill("A hand on the shoulder.")

    page.reload()
    expect(page.get_by_role("textbox", name="Partner 1's name")).to_have_value("Jordan")
    expect(page.get_by_role("textbox", name="Partner 2's name")).to_have_value("Alex")
    expect(page.get_by_role("textbox", name="Alex's answer to question 2")).to_have_value("A hand on the shoulder.")
    expect(page.get_by_role("textbox", name="Jordan's answer to question 2")).to_have_value("")
    expect(page.locator('[data-answer="d1-q2"] label')).to_have_text(
        ["Jordan's answer to question 2", "Alex's answer to question 2"]
    )
    kept = json.loads(stored(page)[COUPLES_KEY])
    assert kept == {"v": 1, "names": ["Jordan", "Alex"], "answers": {"d1-q2": ["", "A hand on the shoulder."]}}


@pytest.mark.parametrize("width", [320, 375])
def test_couples_columns_stack_on_a_phone_without_sideways_scrolling(
    browser: Browser, site_url: str, width: int
) -> None:
    context = browser.new_context(base_url=site_url, viewport={"width": width, "height": 800})
    try:
        page = context.new_page()
        page.goto(COUPLES_DAY)
        first = page.get_by_role("textbox", name="Partner 1's answer to question 1").bounding_box()
        second = page.get_by_role("textbox", name="Partner 2's answer to question 1").bounding_box()
        assert first and second
        assert second["y"] > first["y"] + first["height"], "the two columns should stack on a phone"
        assert page.evaluate("document.documentElement.scrollWidth") <= width
    finally:
        context.close()


def test_couples_columns_sit_side_by_side_on_a_desktop(page: Page) -> None:
    page.goto(COUPLES_DAY)
    first = page.get_by_role("textbox", name="Partner 1's answer to step 1").bounding_box()
    second = page.get_by_role("textbox", name="Partner 2's answer to step 1").bounding_box()
    assert first and second
    assert abs(first["y"] - second["y"]) < 1 and second["x"] > first["x"] + first["width"]


def test_every_journal_control_is_reached_by_tab_and_works_by_keyboard(page: Page) -> None:
    page.goto(COUPLES_DAY)
    reached: list[str] = []
    for _ in range(60):
        page.keyboard.press("Tab")
        name = page.evaluate(
            "(() => { const el = document.activeElement;"
            " return el.labels && el.labels.length ? el.labels[0].textContent : el.textContent.trim(); })()"
        )
        reached.append(name)
        if name == "Partner 2's answer to question 1":
            break
    for expected in ("Partner 1's name", "Partner 2's name", KEEP, "Erase my answers", "Partner 2's answer to step 1"):
        assert expected in reached, f"Tab never reached {expected!r}: {reached}"
    assert reached.index(KEEP) < reached.index("Erase my answers") < reached.index("Partner 1's answer to step 1")

    keep = page.get_by_role("checkbox", name=KEEP)
    keep.focus()
    page.keyboard.press("Space")
    expect(keep).to_be_checked()
    page.get_by_role("textbox", name="Partner 1's answer to step 1").focus()
    page.keyboard.type("Typed by keyboard")
    page.get_by_role("button", name="Erase my answers").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("button", name="No, keep them")).to_be_focused()
    page.keyboard.press("Escape")
    expect(page.get_by_role("button", name="Erase my answers")).to_be_focused()
    expect(page.get_by_role("textbox", name="Partner 1's answer to step 1")).to_have_value("Typed by keyboard")
    page.keyboard.press("Enter")
    page.keyboard.press("Shift+Tab")
    expect(page.get_by_role("button", name="Yes, erase them")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.get_by_role("textbox", name="Partner 1's answer to step 1")).to_have_value("")
    assert COUPLES_KEY not in stored(page)


def test_without_javascript_there_are_no_journal_controls_and_print_leaves_room_to_write(no_js_page: Page) -> None:
    page = no_js_page
    page.goto(DAY)
    assert page.locator(".journal-controls").count() == 1
    expect(page.locator(".journal-controls")).to_be_hidden()
    expect(page.locator("textarea")).to_have_count(0)
    page.emulate_media(media="print")
    for item in page.locator("[data-answer]").all():
        height = item.evaluate("li => getComputedStyle(li, '::after').height")
        assert float(height.removesuffix("px")) >= 40, f"{item.get_attribute('data-answer')}: {height} to write in"


def test_print_shows_typed_answers_and_blank_lines_where_there_are_none(page: Page) -> None:
    page.goto(DAY)
    page.get_by_role("textbox", name="Your answer to question 2").fill("Shoulders.\nThen my breath.")
    page.emulate_media(media="print")
    expect(page.locator(".journal-controls")).to_be_hidden()
    expect(page.locator("textarea")).to_have_count(8)
    for textarea in page.locator("textarea").all():
        expect(textarea).to_be_hidden()
    answered = page.locator('[data-answer="d1-q2"] .journal-print')
    expect(answered).to_be_visible()
    expect(answered).to_have_text("Shoulders.\nThen my breath.")
    assert page.locator('[data-answer="d1-q2"]').evaluate("li => getComputedStyle(li, '::after').display") == "none"
    for blank in ("d1-q1", "d1-q3", "d1-s1"):
        item = page.locator(f'[data-answer="{blank}"]')
        expect(item.locator(".journal-print")).to_be_hidden()
        height = item.evaluate("li => getComputedStyle(li, '::after').height")
        assert float(height.removesuffix("px")) >= 40, f"{blank}: {height} to write in"


def test_a_couple_prints_both_columns_with_blank_lines_under_the_partner_who_did_not_write(page: Page) -> None:
    page.goto(COUPLES_DAY)
    page.get_by_role("textbox", name="Partner 1's name").fill("Jordan")
    page.get_by_role("textbox", name="Jordan's answer to question 1").fill("Jokes, mostly.")
    page.emulate_media(media="print")
    columns = page.locator('[data-answer="d1-q1"] .journal-column')
    expect(columns.locator("label")).to_have_text(["Jordan's answer to question 1", "Partner 2's answer to question 1"])
    expect(columns.nth(0).locator(".journal-print")).to_have_text("Jokes, mostly.")
    blank = columns.nth(1).locator(".journal-print")
    expect(blank).to_be_visible()
    assert float(blank.evaluate("el => getComputedStyle(el).height").removesuffix("px")) >= 40


def test_a_couple_with_no_answers_prints_two_named_columns_of_blank_lines(page: Page) -> None:
    page.goto(COUPLES_DAY)
    page.get_by_role("textbox", name="Partner 2's name").fill("Alex")
    page.emulate_media(media="print")
    item = page.locator('[data-answer="d1-s2"]')
    expect(item.locator("label")).to_have_text(["Partner 1's answer to step 2", "Alex's answer to step 2"])
    for blank in item.locator(".journal-print").all():
        expect(blank).to_be_visible()
        assert float(blank.evaluate("el => getComputedStyle(el).height").removesuffix("px")) >= 40
    assert item.evaluate("li => getComputedStyle(li, '::after').display") == "none"


def test_using_the_journal_asks_nothing_of_anyone_but_the_site(page: Page, site_url: str) -> None:
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(COUPLES_DAY)
    page.get_by_role("checkbox", name=KEEP).check()
    page.get_by_role("textbox", name="Partner 1's name").fill("Jordan")
    page.get_by_role("textbox", name="Jordan's answer to question 1").fill("Jokes, mostly.")
    page.reload()
    expect(page.get_by_role("textbox", name="Jordan's answer to question 1")).to_have_value("Jokes, mostly.")
    page.get_by_role("button", name="Erase my answers").click()
    page.get_by_role("button", name="Yes, erase them").click()
    page.emulate_media(media="print")
    page.wait_for_load_state("networkidle")
    assert any("/static/journal." in url for url in requested), requested
    elsewhere = [url for url in requested if not url.startswith(site_url + "/")]
    assert elsewhere == []


def test_answers_restored_by_another_script_show_at_once(page: Page) -> None:
    """keep.js writes a restored journal and says so with 'sitegen:journey-restored'; the page then shows it."""
    page.goto(COUPLES_DAY)
    expect(page.get_by_role("checkbox", name=KEEP)).not_to_be_checked()
    restored = {"v": 1, "names": ["Sam", ""], "answers": {"d1-q3": ["Work email.", "The phone."]}}
    page.evaluate(
        "([key, value]) => { localStorage.setItem(key, value);"
        " document.dispatchEvent(new CustomEvent('sitegen:journey-restored')); }",
        [COUPLES_KEY, json.dumps(restored)],
    )
    expect(page.get_by_role("checkbox", name=KEEP)).to_be_checked()
    expect(page.get_by_role("textbox", name="Partner 1's name")).to_have_value("Sam")
    expect(page.get_by_role("textbox", name="Sam's answer to question 3")).to_have_value("Work email.")
    expect(page.get_by_role("textbox", name="Partner 2's answer to question 3")).to_have_value("The phone.")


def test_a_damaged_kept_journal_still_counts_as_opted_in_and_is_written_afresh(page: Page) -> None:
    page.goto(DAY)
    page.evaluate("key => localStorage.setItem(key, '{not json')", KEY)
    page.reload()
    expect(page.get_by_role("checkbox", name=KEEP)).to_be_checked()
    expect(page.get_by_role("textbox", name="Your answer to question 1")).to_have_value("")
    page.get_by_role("textbox", name="Your answer to question 1").fill("Fresh start.")
    assert json.loads(stored(page)[KEY]) == {"v": 1, "names": ["", ""], "answers": {"d1-q1": ["Fresh start.", ""]}}

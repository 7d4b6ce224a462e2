"""Keeping a journey (issue 21): progress and answers saved to a file and restored in another browser,
bad files refused without a change, and calendar reminders made in the browser, all without a request
leaving the site."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import icalendar
import pytest
from playwright.sync_api import Browser, BrowserContext, Download, Locator, Page, Request, expect

from conftest import MINIMAL_SITE_YAML, MakeSite, run_sitegen, serving

pytestmark = pytest.mark.browser

OVERVIEW = "/journeys/steadier-days/"
COUPLES = "/journeys/reconnecting-as-a-couple/"
PROGRESS_KEY = f"sitegen-progress:{OVERVIEW}"
JOURNAL_KEY = f"sitegen-journal:{OVERVIEW}"
# Answers in the format journal.js keeps them, put straight into storage: the journal itself is not tested here.
JOURNAL = {
    "v": 1,
    "names": ["", ""],
    "answers": {"d1-q1": ["My shoulders, mostly; “tight”, then calm."], "d3-s2": ["Yes"]},
}
OTHER_JOURNAL = json.dumps({"v": 1, "names": [""], "answers": {}})
STORAGE = "() => Object.fromEntries(Object.keys(localStorage).map(k => [k, localStorage.getItem(k)]))"
# Counts the restore event, so a refused file can be shown to send none.
COUNT_RESTORES = (
    "window.restores = 0; document.addEventListener('sitegen:journey-restored', () => { window.restores += 1; });"
)


@pytest.fixture
def requests_seen(context: BrowserContext) -> list[str]:
    seen: list[str] = []

    def record(request: Request) -> None:
        seen.append(request.url)

    context.on("request", record)
    return seen


@pytest.fixture
def berlin_page(browser: Browser, site_url: str) -> Iterator[tuple[Page, list[str]]]:
    """A browser whose clocks go forward on 2027-03-28, and every request it makes."""
    ctx = browser.new_context(base_url=site_url, timezone_id="Europe/Berlin")
    seen: list[str] = []
    ctx.on("request", lambda request: seen.append(request.url))
    try:
        yield ctx.new_page(), seen
    finally:
        ctx.close()


@pytest.fixture
def fresh_context(browser: Browser, site_url: str) -> Iterator[BrowserContext]:
    """A second browser: its own, empty storage."""
    ctx = browser.new_context(base_url=site_url, viewport={"width": 1280, "height": 900})
    try:
        yield ctx
    finally:
        ctx.close()


def only_local(requests: list[str], site_url: str) -> None:
    foreign = [url for url in requests if urlsplit(url).scheme not in ("blob", "data") and not url.startswith(site_url)]
    assert requests and not foreign, foreign


def save_file(page: Page, tmp_path: Path) -> tuple[Download, Path]:
    with page.expect_download() as info:
        page.get_by_role("button", name="Save to a file").click()
    download = info.value
    path = tmp_path / download.suggested_filename
    download.save_as(path)
    return download, path


def restore(page: Page, name: str, content: bytes) -> None:
    page.get_by_label("Restore from a file").set_input_files(
        {"name": name, "mimeType": "application/json", "buffer": content}
    )


def test_a_saved_file_brings_progress_and_answers_back_in_a_fresh_browser(
    page: Page, fresh_context: BrowserContext, tmp_path: Path, site_url: str, requests_seen: list[str]
) -> None:
    for day in (1, 3):
        page.goto(f"{OVERVIEW}day-{day}/")
        page.get_by_role("button", name=f"Mark Day {day} as done").click()
    page.evaluate("([key, value]) => localStorage.setItem(key, value)", [JOURNAL_KEY, json.dumps(JOURNAL)])
    page.goto(OVERVIEW)
    expect(page.get_by_role("heading", name="Keep your progress")).to_be_visible()

    download, path = save_file(page, tmp_path)
    today = page.evaluate("() => new Date().toLocaleDateString('sv')")  # YYYY-MM-DD, the browser's own day
    assert download.suggested_filename == f"steadier-days-{today}.json"
    saved = json.loads(path.read_text(encoding="utf-8"))
    assert {k: v for k, v in saved.items() if k != "saved"} == {
        "format": "sitegen-journey",
        "version": 1,
        "journey": OVERVIEW,
        "title": "Steadier Days",
        "progress": [1, 3],
        "journal": JOURNAL,
    }
    assert abs(datetime.fromisoformat(saved["saved"]) - datetime.now().astimezone()) < timedelta(minutes=5)
    assert path.read_text(encoding="utf-8").startswith('{\n  "format"'), "pretty-printed, readable"
    expect(page.locator(".keep-status")).to_have_text(
        f"Saved steadier-days-{today}.json. It holds your answers too, so keep it somewhere private."
    )

    other = fresh_context.new_page()
    other.add_init_script(COUNT_RESTORES)
    other.goto(OVERVIEW)
    expect(other.locator(".progress-summary")).to_have_text("No days marked as done yet.")
    restore(other, path.name, path.read_bytes())
    expect(other.locator(".keep-status")).to_have_text(
        f"Restored from {path.name}: 2 days marked as done. Your answers are back too."
    )
    # The progress on the page follows at once, without a reload (site.js hears the restore event).
    expect(other.locator(".progress-summary")).to_have_text("You have marked 2 of 28 days as done.")
    expect(other.locator('.day-item[data-day="3"] .day-done')).to_be_visible()
    expect(other.locator('.day-item[data-day="2"] .day-done')).to_be_hidden()
    expect(other.get_by_role("link", name="Continue with Day 2")).to_be_visible()
    assert other.evaluate("window.restores") == 1
    stored = other.evaluate(STORAGE)
    assert json.loads(stored[PROGRESS_KEY]) == [1, 3]
    assert json.loads(stored[JOURNAL_KEY]) == JOURNAL
    other.reload()
    expect(other.locator('.day-item[data-day="1"] .day-done')).to_be_visible()
    only_local(requests_seen, site_url)


def test_a_file_without_answers_restores_progress_and_leaves_the_answers_here(page: Page, tmp_path: Path) -> None:
    page.goto(f"{OVERVIEW}day-2/")
    page.get_by_role("button", name="Mark Day 2 as done").click()
    page.goto(OVERVIEW)
    _, path = save_file(page, tmp_path)
    assert json.loads(path.read_text(encoding="utf-8"))["journal"] is None
    expect(page.locator(".keep-status")).to_have_text(re.compile(r"^Saved steadier-days-[\d-]+\.json\.$"))

    page.evaluate(
        "([p, j, journal]) => { localStorage.setItem(p, '[5,6]'); localStorage.setItem(j, journal); }",
        [PROGRESS_KEY, JOURNAL_KEY, json.dumps(JOURNAL)],
    )
    restore(page, path.name, path.read_bytes())
    expect(page.locator(".keep-status")).to_have_text(f"Restored from {path.name}: 1 day marked as done.")
    stored = page.evaluate(STORAGE)
    assert json.loads(stored[PROGRESS_KEY]) == [2]
    assert json.loads(stored[JOURNAL_KEY]) == JOURNAL


def test_days_the_journey_no_longer_has_are_not_counted_saved_or_restored(
    page: Page, fresh_context: BrowserContext, tmp_path: Path
) -> None:
    """The writer shortened the journey after the reader marked and answered a later day."""
    journal = {
        "v": 1,
        "names": ["", ""],
        "answers": {"d1-q1": ["Kept"], "d29-q1": ["From a day that is gone"], "d40-s1": ["Also gone"]},
    }
    page.goto(OVERVIEW)
    page.evaluate(
        "([p, j, journal]) => { localStorage.setItem(p, '[1,3,29]'); localStorage.setItem(j, journal); }",
        [PROGRESS_KEY, JOURNAL_KEY, json.dumps(journal)],
    )
    page.reload()
    expect(page.locator(".progress-summary")).to_have_text("You have marked 2 of 28 days as done.")
    _, path = save_file(page, tmp_path)
    kept = json.loads(path.read_text(encoding="utf-8"))
    assert (kept["progress"], kept["journal"]) == ([1, 3], {**journal, "answers": {"d1-q1": ["Kept"]}})
    stored = page.evaluate(STORAGE)
    assert (json.loads(stored[PROGRESS_KEY]), json.loads(stored[JOURNAL_KEY])) == ([1, 3, 29], journal), "left alone"

    other = fresh_context.new_page()
    other.goto(OVERVIEW)
    restore(other, path.name, path.read_bytes())
    expect(other.locator(".keep-status")).to_have_text(
        f"Restored from {path.name}: 2 days marked as done. Your answers are back too."
    )
    # A file saved before the journey was shortened brings back what still fits, and says what did not.
    restore(other, "older.json", saved(progress=[2, 29, 30, 29], journal=journal))
    expect(other.locator(".keep-status")).to_have_text(
        "Restored from older.json: 1 day marked as done. 3 days in the file are no longer part of this journey,"
        " so they were left out. Your answers are back too."
    )
    expect(other.locator(".progress-summary")).to_have_text("You have marked 1 of 28 days as done.")
    stored = other.evaluate(STORAGE)
    assert json.loads(stored[PROGRESS_KEY]) == [2]
    assert json.loads(stored[JOURNAL_KEY]) == {**journal, "answers": {"d1-q1": ["Kept"]}}


def saved(**changes: Any) -> bytes:
    data: dict[str, Any] = {
        "format": "sitegen-journey",
        "version": 1,
        "journey": OVERVIEW,
        "title": "Steadier Days",
        "saved": "2026-11-20T19:00:00.000Z",
        "progress": [1, 2],
        "journal": JOURNAL,
    }
    data.update(changes)
    return json.dumps(data).encode()


REFUSED = {
    "not-json": (b'{"format": "sitegen-journey", "version": 1,', "is not a saved journey (it is not a JSON file)"),
    "a-picture": (b"\x89PNG\r\n\x1a\n\x00\x00", "is not a saved journey (it is not a JSON file)"),
    "another-format": (saved(format="other-app-backup"), "is not a file saved from a journey on this site"),
    "a-list": (b"[1, 2]", "is not a file saved from a journey on this site"),
    "newer-version": (saved(version=2), "was saved by a newer version of this site"),
    "newer-journal": (saved(journal={**JOURNAL, "v": 2}), "was saved by a newer version of this site"),
    "another-journey": (
        saved(journey=COUPLES, title="Reconnecting as a Couple"),
        "holds your progress in another journey, “Reconnecting as a Couple”",
    ),
    "day-zero": (saved(progress=[0, 1]), "the days marked as done in"),
    "day-too-large-to-count": (saved(progress=[1, 2**60]), "the days marked as done in"),
    "day-as-text": (saved(progress=["1"]), "the days marked as done in"),
    "day-with-a-fraction": (saved(progress=[1.5]), "the days marked as done in"),
    "progress-missing": (saved(progress=None), "the days marked as done in"),
    "answer-a-number": (saved(journal={**JOURNAL, "answers": {"d1-q1": [5]}}), "the answers in"),
    "answer-a-string": (saved(journal={**JOURNAL, "answers": {"d1-q1": "text"}}), "the answers in"),
    "answer-for-day-zero": (saved(journal={**JOURNAL, "answers": {"d0-q1": ["x"]}}), "the answers in"),
    "answer-odd-id": (saved(journal={**JOURNAL, "answers": {"__proto__x": ["x"]}}), "the answers in"),
    "names-a-number": (saved(journal={**JOURNAL, "names": [1, ""]}), "the answers in"),
    "journal-a-list": (saved(journal=[]), "the answers in"),
    "too-large": (b" " * (5 * 1024 * 1024 + 1), "is too large to be a saved journey"),
}


@pytest.mark.parametrize(("content", "says"), REFUSED.values(), ids=REFUSED.keys())
def test_a_bad_or_foreign_file_is_refused_with_a_message_and_changes_nothing(
    page: Page, content: bytes, says: str
) -> None:
    page.add_init_script(COUNT_RESTORES)
    page.goto(OVERVIEW)
    page.evaluate(
        "([p, j, journal]) => { localStorage.setItem(p, '[4]'); localStorage.setItem(j, journal); }",
        [PROGRESS_KEY, JOURNAL_KEY, OTHER_JOURNAL],
    )
    page.reload()
    before = page.evaluate(STORAGE)

    restore(page, "backup.json", content)
    status = page.get_by_role("status").filter(has_text="Nothing was changed")
    expect(status).to_contain_text(says)
    expect(status).to_contain_text("backup.json")
    assert page.evaluate(STORAGE) == before
    assert page.evaluate("window.restores") == 0
    expect(page.locator(".progress-summary")).to_have_text("You have marked 1 of 28 days as done.")


def make_reminders(page: Page, tmp_path: Path, start: str, time: str, alert: str) -> tuple[str, bytes]:
    page.get_by_label("Start date").fill(start)
    page.get_by_label("Time", exact=True).fill(time)
    page.get_by_label("Alert").select_option(label=alert)
    with page.expect_download() as info:
        page.get_by_role("button", name="Add reminders to my calendar").click()
    path = tmp_path / info.value.suggested_filename
    info.value.save_as(path)
    return info.value.suggested_filename, path.read_bytes()


def plan(page: Page) -> list[dict[str, Any]]:
    """Each day of the overview's plan: its number, topic and link (None for a planned day)."""
    days: list[dict[str, Any]] = page.evaluate(
        """() => [...document.querySelectorAll('.day-item')].map(li => ({
            number: Number(li.dataset.day), url: li.dataset.url || null,
            minutes: Number(li.dataset.minutes) || null,
            topic: (li.querySelector('a') || li).textContent
                .replace(li.querySelector('.day-number').textContent, '').replace(/Coming soon|Done/g, '')
                .replace(/\\s+/g, ' ').trim()}))"""
    )
    return days


@pytest.mark.parametrize(
    ("journey", "title", "alert", "trigger"),
    [
        (OVERVIEW, "Steadier Days", "10 minutes before", timedelta(minutes=-10)),
        (COUPLES, "Reconnecting as a Couple", "No alert", None),
        (COUPLES, "Reconnecting as a Couple", "1 hour before", timedelta(hours=-1)),
        (OVERVIEW, "Steadier Days", "At the start", timedelta(0)),
    ],
)
def test_reminders_hold_one_event_per_day_at_the_chosen_date_and_time(
    berlin_page: tuple[Page, list[str]],
    tmp_path: Path,
    site_url: str,
    journey: str,
    title: str,
    alert: str,
    trigger: timedelta | None,
) -> None:
    page, requests_seen = berlin_page
    page.goto(journey)
    total = int(page.locator("[data-journey]").first.get_attribute("data-total") or 0)
    days = plan(page)
    assert [d["number"] for d in days] == list(range(1, total + 1))
    assert total in (28, 15)

    name, raw = make_reminders(page, tmp_path, "2027-03-28", "07:30", alert)
    slug = journey.strip("/").split("/")[-1]
    assert name == f"{slug}-reminders.ics"
    expect(page.locator(".reminders-status")).to_have_text(
        f"Made {name} with {total} reminders. Open it with your calendar app to add them."
    )

    assert raw.endswith(b"\r\n") and b"\n" not in raw.replace(b"\r\n", b"")
    for line in raw.split(b"\r\n"):
        assert len(line) <= 75, line
        line.decode("utf-8")  # folding never splits a character
    calendar = icalendar.Calendar.from_ical(raw)
    assert str(calendar["VERSION"]) == "2.0" and calendar["PRODID"]
    events = calendar.walk("VEVENT")
    assert len(events) == total
    assert len({str(e["UID"]) for e in events}) == total
    per_week = 5 if journey == COUPLES else 7  # the couples' journey has five days a week, then two free
    for day, event in zip(days, events, strict=True):
        start = event.decoded("DTSTART")
        # Floating local time (no zone): 07:30 wherever the reader is, on either side of the clock change.
        week, place = divmod(day["number"] - 1, per_week)
        assert start == datetime(2027, 3, 28, 7, 30) + timedelta(days=week * 7 + place)
        assert start.tzinfo is None
        assert event.decoded("DURATION") == timedelta(minutes=day["minutes"] or 15)
        link = f"{site_url}{day['url'] or journey}"
        assert str(event["URL"]) == link
        assert link in str(event["DESCRIPTION"])
        assert str(event["SUMMARY"]) == f"Day {day['number']}: {day['topic']} · {title}"
        assert isinstance(event.get("DTSTAMP").dt, datetime)
        alarms = event.walk("VALARM")
        if trigger is None:
            assert alarms == []
        else:
            assert len(alarms) == 1 and str(alarms[0]["ACTION"]) == "DISPLAY"
            assert alarms[0].decoded("TRIGGER") == trigger
    planned = [event for day, event in zip(days, events, strict=True) if day["url"] is None]
    assert 0 < len(planned) < total
    assert 0 < len([d for d in days if d["minutes"]]) < total, "days with and without minutes"
    only_local(requests_seen, site_url)


def test_a_day_that_says_how_long_it_takes_gets_an_event_that_long(page: Page, tmp_path: Path) -> None:
    """A plan item's `data-minutes` (written by the build for a day with `minutes:`) sets its event's DURATION."""
    page.goto(OVERVIEW)
    page.evaluate(
        """() => {
        document.querySelector('.day-item[data-day="1"]').setAttribute('data-minutes', '40');
        document.querySelector('.day-item[data-day="2"]').setAttribute('data-minutes', '25');
        document.querySelector('.day-item[data-day="3"]').removeAttribute('data-minutes');
    }"""
    )
    _, raw = make_reminders(page, tmp_path, "2027-05-01", "19:00", "No alert")
    events = icalendar.Calendar.from_ical(raw).walk("VEVENT")
    assert [e.decoded("DURATION") for e in events[:3]] == [timedelta(minutes=m) for m in (40, 25, 15)]


def test_reminders_made_again_with_a_new_start_date_replace_the_earlier_ones(page: Page, tmp_path: Path) -> None:
    """A calendar app updates an event it has when a new one comes with its UID and a higher SEQUENCE
    (RFC 5545, section 3.8.7.4); a new UID would add a second set of reminders beside the first."""
    page.clock.install(time=datetime(2026, 11, 20, 9, 0))
    page.goto(OVERVIEW)
    made = []
    for start in ("2026-12-01", "2026-12-08"):
        _, raw = make_reminders(page, tmp_path, start, "19:00", "No alert")
        made.append(icalendar.Calendar.from_ical(raw).walk("VEVENT"))
        page.clock.fast_forward("00:05")  # five seconds later
    first, second = made
    assert [str(e["UID"]) for e in first] == [str(e["UID"]) for e in second]
    assert second[0].decoded("DTSTART") - first[0].decoded("DTSTART") == timedelta(days=7)
    first_revision = {int(e["SEQUENCE"]) for e in first}
    second_revision = {int(e["SEQUENCE"]) for e in second}
    assert len(first_revision) == len(second_revision) == 1
    assert 0 < first_revision.pop() < second_revision.pop() < 2**31


def test_reminders_need_a_date_and_say_so(page: Page) -> None:
    page.goto(OVERVIEW)
    expect(page.get_by_label("Start date")).to_have_value(page.evaluate("() => new Date().toLocaleDateString('sv')"))
    expect(page.get_by_label("Time", exact=True)).to_have_value("19:00")
    page.get_by_label("Start date").fill("")
    page.get_by_role("button", name="Add reminders to my calendar").click()
    expect(page.locator(".reminders-status")).to_have_text("Choose a start date first.")
    expect(page.get_by_label("Start date")).to_be_focused()


def tab_past_the_fields_parts(page: Page, target: Locator) -> None:
    """Tab through a date or time field's parts (month, day, year; hour, minute...) to the next control."""
    for _ in range(4):
        page.keyboard.press("Tab")
        if target.evaluate("el => el === document.activeElement"):
            return
    raise AssertionError("the next control was not reached")


def test_the_panel_works_from_the_keyboard(page: Page, tmp_path: Path) -> None:
    # Playwright asks the browser to intercept file choosers only once a listener waits for one,
    # without waiting for its answer: under load a key press could beat it. One listens from now.
    page.on("filechooser", lambda chooser: None)
    page.goto(OVERVIEW)
    page.get_by_role("heading", name="Keep your progress").scroll_into_view_if_needed()
    page.locator(".clear-progress").focus()
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Save to a file")).to_be_focused()
    with page.expect_download() as saving:
        page.keyboard.press("Enter")
    assert saving.value.suggested_filename.startswith("steadier-days-")

    page.keyboard.press("Tab")
    expect(page.get_by_label("Restore from a file")).to_be_focused()
    with page.expect_file_chooser() as choosing:
        page.keyboard.press("Space")
    choosing.value.set_files({"name": "x.json", "mimeType": "application/json", "buffer": b"nope"})
    expect(page.locator(".keep-status")).to_contain_text("Nothing was changed")

    page.keyboard.press("Tab")
    expect(page.get_by_label("Start date")).to_be_focused()
    page.keyboard.type("01022027")  # month, day, year in Chromium's en-US date field
    tab_past_the_fields_parts(page, page.get_by_label("Time", exact=True))
    page.keyboard.press("ArrowUp")  # the hour, from 19:00 to 20:00
    tab_past_the_fields_parts(page, page.get_by_label("Alert"))
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")  # 10 minutes before
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Add reminders to my calendar")).to_be_focused()
    with page.expect_download() as making:
        page.keyboard.press("Enter")
    path = tmp_path / "r.ics"
    making.value.save_as(path)
    first = icalendar.Calendar.from_ical(path.read_bytes()).walk("VEVENT")[0]
    assert first.decoded("DTSTART") == datetime(2027, 1, 2, 20, 0)
    assert first.walk("VALARM")[0].decoded("TRIGGER") == timedelta(minutes=-10)


def test_day_pages_note_the_week_away_and_link_to_the_panel(page: Page, site_url: str) -> None:
    page.goto(f"{OVERVIEW}day-2/")
    note = page.locator(".keep-note")
    expect(note).to_have_text("Some browsers clear stored progress after a week away. Keep a copy in a file.")
    note.get_by_role("link", name="Keep a copy in a file").click()
    expect(page).to_have_url(f"{site_url}{OVERVIEW}#keep")
    expect(page.get_by_role("heading", name="Keep your progress")).to_be_in_viewport()


def test_without_javascript_or_on_paper_the_panel_is_not_shown(browser: Browser, site_url: str, page: Page) -> None:
    page.goto(OVERVIEW)
    expect(page.locator(".keep-panel")).to_be_visible()
    page.emulate_media(media="print")
    expect(page.locator(".keep-panel")).to_be_hidden()

    context = browser.new_context(base_url=site_url, java_script_enabled=False)
    try:
        no_js = context.new_page()
        no_js.goto(OVERVIEW)
        assert no_js.locator(".keep-panel").count() == 1
        expect(no_js.locator(".keep-panel")).to_be_hidden()
        no_js.goto(f"{OVERVIEW}day-1/")
        expect(no_js.locator(".keep-note")).to_be_hidden()
    finally:
        context.close()


SPANISH_JOURNEY = """\
---
title: Calma, paso a paso; día a día
duration: 1 week
category: Anxiety
---
Una introducción.

## Your Journey Plan

### Week 1: Empezar
- Respiración lenta, pausada y atenta; cuando el día se hace largo, ñandú incluido
- Señales del cuerpo \\ emociones y pensamientos que acompañan a la ansiedad 🌿
- Descanso

## Day 1: Respiración lenta, pausada y atenta; cuando el día se hace largo, ñandú incluido
Respire.
"""


def test_reminders_keep_every_character_of_a_spanish_journey(
    make_site: MakeSite, tmp_path: Path, browser: Browser
) -> None:
    """Accents, commas, semicolons and backslashes survive: escaped as RFC 5545 TEXT, folded between characters."""
    root = make_site(
        {"content/journeys/calma.md": SPANISH_JOURNEY}, site_yaml=MINIMAL_SITE_YAML + "language: es\n"
    )
    built = run_sitegen("build", "-q", cwd=root)
    assert built.code == 0, built.err
    with serving(root / "output") as url:
        context = browser.new_context(base_url=url)
        try:
            page = context.new_page()
            page.goto("/journeys/calma/")
            expect(page.get_by_role("heading", name="Conserve su progreso")).to_be_visible()
            page.get_by_label("Fecha de inicio").fill("2027-01-31")
            page.get_by_label("Aviso").select_option(label="Al empezar")
            with page.expect_download() as info:
                page.get_by_role("button", name="Añadir recordatorios a mi calendario").click()
            path = tmp_path / "calma.ics"
            info.value.save_as(path)
            expect(page.locator(".reminders-status")).to_have_text(
                "Se ha creado calma-reminders.ics con 3 recordatorios. "
                "Ábralo con su aplicación de calendario para añadirlos."
            )
        finally:
            context.close()
    raw = path.read_bytes()
    lines = raw.split(b"\r\n")
    assert max(len(line) for line in lines) == 75, "long lines are folded, and only as far as they must be"
    for line in lines:
        line.decode("utf-8")
    assert b"Calma\\, paso a paso\\; d" in raw.replace(b"\r\n ", b"")
    events = icalendar.Calendar.from_ical(raw).walk("VEVENT")
    assert len(events) == 3
    title = "Calma, paso a paso; día a día"
    assert [str(e["SUMMARY"]) for e in events[:2]] == [
        f"Día 1: Respiración lenta, pausada y atenta; cuando el día se hace largo, ñandú incluido · {title}",
        f"Día 2: Señales del cuerpo \\ emociones y pensamientos que acompañan a la ansiedad 🌿 · {title}",
    ]
    assert [e.decoded("DTSTART") for e in events] == [
        datetime(2027, 1, 31, 19, 0),
        datetime(2027, 2, 1, 19, 0),
        datetime(2027, 2, 2, 19, 0),
    ]
    assert str(events[1]["URL"]) == f"{url}/journeys/calma/"
    assert str(events[1]["DESCRIPTION"]).startswith("El día 2 de Calma, paso a paso; día a día todavía se está")

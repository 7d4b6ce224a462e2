"""A recording in a real browser: the native player loads it from the site itself under the
site's own Content-Security-Policy, its transcript opens from the keyboard, and axe-core finds
nothing to fix on a journey day that carries one."""

from __future__ import annotations

import io
import shutil
import wave
from collections.abc import Iterator
from pathlib import Path
from typing import Literal

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, BrowserContext, Page, expect

from conftest import SAMPLE_EPOCH, run_sitegen, serving, start_serve, stop

pytestmark = pytest.mark.browser

FIXTURE = Path(__file__).parent.parent / "fixtures" / "audio"
DAY = "/journeys/steady-breath/day-1/"
FOLDER_DAY = "/journeys/body-scan/day-1/"
ARTICLE = "/articles/slow-breathing/"
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]},
    "resultTypes": ["violations"],
}


def one_second_of_tone(seconds: int = 1) -> bytes:
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(8000)
        samples = ((600 if (i // 20) % 2 else -600) for i in range(8000))
        out.writeframes(b"".join(sample.to_bytes(2, "little", signed=True) for sample in samples) * seconds)
    return buffer.getvalue()


@pytest.fixture(scope="module")
def audio_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = tmp_path_factory.mktemp("audio") / "site"
    shutil.copytree(FIXTURE, root)
    (root / "content/audio/breathing.wav").write_bytes(one_second_of_tone())
    built = run_sitegen("build", "-q", cwd=root, env={"SOURCE_DATE_EPOCH": SAMPLE_EPOCH})
    assert built.code == 0, built.err
    with serving(root / "output") as url:
        yield url


@pytest.fixture
def audio_context(browser: Browser, audio_url: str) -> Iterator[BrowserContext]:
    context = browser.new_context(base_url=audio_url, viewport={"width": 1280, "height": 900})
    try:
        yield context
    finally:
        context.close()


def open_page(context: BrowserContext, path: str) -> Page:
    page = context.new_page()
    response = page.goto(path)
    assert response is not None and response.ok, f"{path} did not load"
    return page


@pytest.mark.parametrize("path", [DAY, FOLDER_DAY, ARTICLE])
def test_the_recording_plays_from_the_site_itself(audio_context: BrowserContext, audio_url: str, path: str) -> None:
    requested: list[str] = []
    audio_context.on("request", lambda request: requested.append(request.url))
    violations: list[str] = []
    page = open_page(audio_context, path)
    page.on("console", lambda message: violations.append(message.text) if message.type == "error" else None)
    player = page.locator("main figure.audio audio")
    assert player.count() == 1
    assert player.evaluate("audio => audio.controls && audio.preload") == "none"
    assert not any("/audio/" in url for url in requested), "nothing is fetched before the reader asks"
    player.evaluate("audio => { audio.preload = 'metadata'; audio.load(); }")
    page.wait_for_function(
        "() => { const a = document.querySelector('main figure.audio audio'); return a.readyState >= 1 || a.error; }"
    )
    assert player.evaluate("audio => audio.error === null && Math.round(audio.duration)") == 1, violations
    assert any(url.startswith(f"{audio_url}/audio/breathing.") for url in requested)
    foreign = [url for url in requested if not url.startswith(audio_url + "/") and not url.startswith("data:")]
    assert not foreign, f"requests left the site: {foreign}"
    assert not [text for text in violations if "Content Security Policy" in text], violations


def test_the_transcript_opens_and_closes_from_the_keyboard(audio_context: BrowserContext) -> None:
    page = open_page(audio_context, DAY)
    details = page.locator("main figure.audio details")
    assert not details.evaluate("d => d.open")
    assert not page.get_by_text("count of four").is_visible()
    for _ in range(80):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('figure.audio summary')"):
            break
    else:
        pytest.fail("Tab never reached the transcript's summary")
    page.keyboard.press("Enter")
    assert details.evaluate("d => d.open")
    assert page.get_by_text("count of four").is_visible()
    page.keyboard.press("Space")
    assert not details.evaluate("d => d.open")


# Plays the day's recording, waits until the player knows its length, asks for a point near its
# end and resolves to where the player landed and what it says it can seek to.
SEEK = """async (target) => {
  const audio = document.querySelector("main figure.audio audio");
  audio.muted = true;
  audio.preload = "metadata";
  audio.load();
  await new Promise(done => {
    if (audio.readyState >= 1) done(); else audio.addEventListener("loadedmetadata", done, {once: true});
  });
  const seeked = new Promise(done => audio.addEventListener("seeked", done, {once: true}));
  audio.currentTime = target;
  await seeked;
  return {at: audio.currentTime, seekable: audio.seekable.length ? audio.seekable.end(0) : 0};
}"""


def test_the_preview_lets_a_writer_skip_ahead_in_a_long_recording(browser: Browser, tmp_path: Path) -> None:
    root = tmp_path / "site"
    shutil.copytree(FIXTURE, root)
    (root / "content/audio/breathing.wav").write_bytes(one_second_of_tone(seconds=180))  # 2.9 MB
    server = start_serve(root)
    context = browser.new_context(base_url=server.origin)
    try:
        page = open_page(context, DAY)
        landed = page.evaluate(SEEK, 150)
        assert landed["seekable"] >= 179, landed
        assert abs(landed["at"] - 150) < 1, landed
    finally:
        context.close()
        stop(server)


# Records whether each transcript is open when the browser says it is about to print; added after
# site.js's own listener, so it sees what site.js made of the page.
WATCH_PRINTING = """() => {
  window.openAtPrint = [];
  addEventListener("beforeprint", () => {
    window.openAtPrint.push(Array.from(document.querySelectorAll("details.transcript"), d => d.open));
  });
}"""


@pytest.mark.parametrize("path", [DAY, ARTICLE])
def test_a_printed_page_carries_the_transcript_and_the_screen_keeps_it_folded(
    audio_context: BrowserContext, path: str
) -> None:
    page = open_page(audio_context, path)
    details = page.locator("main figure.audio details.transcript")
    words = page.locator("main figure.audio .transcript-text")
    page.evaluate(WATCH_PRINTING)
    page.pdf()  # Chromium prints for real: beforeprint, the page laid out for paper, afterprint
    assert page.evaluate("window.openAtPrint") == [[True]], "the transcript was folded while printing"
    assert not details.evaluate("d => d.open"), "the transcript stays open on screen after printing"

    page.emulate_media(media="print")
    expect(words).to_be_hidden()
    page.evaluate("dispatchEvent(new Event('beforeprint'))")
    expect(words).to_be_visible()
    expect(words).to_contain_text("Breathe in through your nose for a count of four.")
    expect(page.locator("main figure.audio audio")).to_be_hidden()
    page.evaluate("dispatchEvent(new Event('afterprint'))")
    page.emulate_media(media="screen")
    expect(words).to_be_hidden()

    page.locator("main figure.audio summary").click()  # opened by the reader: still open after printing
    page.pdf()
    assert details.evaluate("d => d.open")


@pytest.mark.parametrize("width", [375, 1280])
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("opened", [False, True], ids=["closed", "open"])
def test_a_day_with_a_recording_has_no_axe_violations(
    browser: Browser, audio_url: str, scheme: Literal["light", "dark"], width: int, opened: bool
) -> None:
    context = browser.new_context(base_url=audio_url, viewport={"width": width, "height": 800})
    try:
        page = open_page(context, DAY)
        page.emulate_media(color_scheme=scheme)
        assert page.locator("main figure.audio audio[controls]").count() == 1
        if opened:
            page.locator("main figure.audio summary").click()
        results = Axe().run(page, options=AXE_OPTIONS)
        assert results.violations_count == 0, f"{DAY} ({scheme}, {width}px):\n{results.generate_report()}"
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"the player makes the page scroll sideways at {width}px"
    finally:
        context.close()


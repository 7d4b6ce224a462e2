"""Recordings for guided exercises: a native player with its transcript, published under a name
made from its bytes; a recording without a transcript (WCAG 1.2.1), or one that cannot be
published, is a build error at the line that refers to it.

The practice in tests/fixtures/audio/ refers to content/audio/breathing.wav from an article, a
journey day in each form and a page; the WAV itself is made here with Python's `wave` module.
"""

from __future__ import annotations

import hashlib
import http.client
import io
import os
import shutil
import wave
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag
from test_html_validity import OLDER_CSP_GRAMMAR, validate

from conftest import SAMPLE_EPOCH, MakeSite, ServeProcess, run_sitegen, snapshot, start_serve, stop
from sitegen.build import build
from sitegen.commands.deploy.content_types import content_type
from sitegen.core.errors import BuildFailed
from sitegen.core.urls import cache_control
from sitegen.preview.builder import PreviewBuilder

FIXTURE = Path(__file__).parent / "fixtures" / "audio"
PAGES_WITH_AUDIO = {
    "article": "articles/slow-breathing/",
    "journey day": "journeys/steady-breath/day-1/",
    "day in a folder": "journeys/body-scan/day-1/",
    "page": "exercises/",
}
TRANSCRIPT_WORDS = "Breathe in through your nose for a count of four."


def wav(seconds: float = 0.5, pitch: int = 0) -> bytes:
    """A short mono WAV: a gentle square wave, so two pitches make two different files."""
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(8000)
        period = 40 + pitch
        frames = b"".join(
            (800 if (i // (period // 2)) % 2 else -800).to_bytes(2, "little", signed=True)
            for i in range(int(8000 * seconds))
        )
        out.writeframes(frames)
    return buffer.getvalue()


def audio_site(folder: Path) -> Path:
    root = folder / "site"
    shutil.copytree(FIXTURE, root)
    (root / "content/audio/breathing.wav").write_bytes(wav())
    return root


@pytest.fixture
def root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", SAMPLE_EPOCH)
    return audio_site(tmp_path)


def page_at(output: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((output / path / "index.html").read_text(encoding="utf-8"), "html.parser")


def player(output: Path, path: str) -> Tag:
    figure = page_at(output, path).select_one("main figure.audio")
    assert isinstance(figure, Tag), f"no audio figure on {path}"
    return figure


def digest_name(data: bytes) -> str:
    return f"/audio/breathing.{hashlib.sha256(data).hexdigest()[:10]}.wav"


# --- The player ----------------------------------------------------------------------------------


@pytest.mark.parametrize("path", PAGES_WITH_AUDIO.values(), ids=PAGES_WITH_AUDIO.keys())
def test_a_recording_plays_in_native_controls_with_its_transcript_below(root: Path, path: str) -> None:
    build(root)
    figure = player(root / "output", path)
    assert [child.name for child in figure.find_all(recursive=False)] == ["figcaption", "audio", "details"]
    assert figure.figcaption.get_text() == "Guided breathing, 5 minutes"
    audio = figure.audio
    assert audio.has_attr("controls") and audio["preload"] == "none"
    source = audio.find("source")
    assert source["type"] == "audio/wav"
    assert source["src"] == digest_name(wav())
    fallback = audio.find("a")
    assert fallback["href"] == source["src"] and fallback.has_attr("download")
    assert fallback.get_text() == "Download the recording (WAV)"
    details = figure.details
    assert details.summary.get_text() == "Transcript"
    assert not details.has_attr("open"), "the transcript waits to be asked for"
    assert TRANSCRIPT_WORDS in details.get_text()
    assert details.find("em").get_text() == "Pause for three breaths.", "the transcript is Markdown"


def test_pages_with_a_player_are_valid_html(root: Path) -> None:
    build(root)
    pages = [root / "output" / path / "index.html" for path in PAGES_WITH_AUDIO.values()]
    assert all(player(root / "output", path).audio for path in PAGES_WITH_AUDIO.values())
    result = validate(pages, "--format", "gnu", f"--ignore-re={OLDER_CSP_GRAMMAR}")
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_recording_is_published_as_it_is_under_a_name_made_from_its_bytes(root: Path) -> None:
    build(root)
    published = root / "output" / digest_name(wav()).lstrip("/")
    assert published.read_bytes() == wav()
    assert sorted(p.name for p in (root / "output/audio").iterdir()) == [published.name], "one file, however many pages"
    assert cache_control(f"audio/{published.name}") == "public, max-age=31536000, immutable"
    headers = (root / "output/_headers").read_text(encoding="utf-8")
    assert "/audio/*\n  Cache-Control: public, max-age=31536000, immutable" in headers


def test_hosts_and_the_preview_are_told_each_format_s_type() -> None:
    expected = {
        "a.mp3": "audio/mpeg",
        "a.m4a": "audio/mp4",
        "a.ogg": "audio/ogg",
        "a.oga": "audio/ogg",
        "a.opus": "audio/ogg",
        "a.wav": "audio/wav",
        "a.webm": "audio/webm",
    }
    assert {name: content_type(f"audio/{name}") for name in expected} == expected


def test_the_preview_serves_the_recording_with_its_type(root: Path) -> None:
    server = start_serve(root)
    try:
        day = server.request("/" + PAGES_WITH_AUDIO["journey day"])
        src = BeautifulSoup(day.body, "html.parser").select_one("figure.audio source")["src"]
        served = server.request(src)
        assert (served.status, served.headers["content-type"]) == (200, "audio/wav")
        assert served.headers["content-length"] == str(len(wav()))
    finally:
        stop(server)


def ask_for_part(server: ServeProcess, path: str, wanted: str) -> tuple[int, dict[str, str], bytes]:
    """A GET with `Range: <wanted>`, as a player sends it to seek; the status, headers and raw body."""
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
    try:
        conn.request("GET", path, headers={"Host": f"127.0.0.1:{server.port}", "Range": wanted})
        response = conn.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        conn.close()


def test_the_preview_sends_the_part_of_a_recording_a_player_asks_for_so_it_can_seek(root: Path) -> None:
    whole = wav()
    size = len(whole)
    server = start_serve(root)
    try:
        day = server.request("/" + PAGES_WITH_AUDIO["journey day"])
        src = BeautifulSoup(day.body, "html.parser").select_one("figure.audio source")["src"]
        for wanted, (first, last) in {
            "bytes=100-": (100, size - 1),
            "bytes=100-199": (100, 199),
            "bytes=0-0": (0, 0),
            "bytes=-50": (size - 50, size - 1),
            f"bytes=10-{size * 2}": (10, size - 1),
            f"bytes=-{size * 2}": (0, size - 1),
        }.items():
            status, headers, body = ask_for_part(server, src, wanted)
            assert status == 206, wanted
            assert headers["content-range"] == f"bytes {first}-{last}/{size}", wanted
            assert headers["content-length"] == str(last - first + 1), wanted
            assert headers["content-type"] == "audio/wav"
            assert body == whole[first : last + 1], wanted
        for past_the_end in (f"bytes={size}-", f"bytes={size + 5}-{size + 10}", "bytes=-0"):
            status, headers, _ = ask_for_part(server, src, past_the_end)
            assert (status, headers["content-range"]) == (416, f"bytes */{size}"), past_the_end
        for not_one_range in ("bytes=0-1,5-6", "bytes=9-2", "pages=1-2", "bytes=²-"):
            status, headers, body = ask_for_part(server, src, not_one_range)
            assert (status, body, headers["accept-ranges"]) == (200, whole, "bytes"), not_one_range
        status, _, page = ask_for_part(server, "/" + PAGES_WITH_AUDIO["journey day"], "bytes=0-9")
        assert status == 200 and b"livereload.js" in page, "a page is sent whole, with the preview's script"
    finally:
        stop(server)


def test_a_site_in_a_sub_folder_plays_from_there_and_check_finds_every_file(root: Path) -> None:
    config = root / "site.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace("https://example.org/\n", "https://example.org/p/\n"))
    checked = run_sitegen("check", cwd=root)
    assert checked.code == 0, checked.err
    assert "no broken links" in checked.out
    source = player(root / "output", PAGES_WITH_AUDIO["journey day"]).source
    assert source["src"] == "/p" + digest_name(wav())
    assert (root / "output" / source["src"].removeprefix("/p/")).read_bytes() == wav()


def test_a_caption_is_the_writer_s_own_words(root: Path) -> None:
    article = root / "content/articles/slow-breathing.md"
    text = article.read_text(encoding="utf-8")
    article.write_text(text.replace("![Guided breathing, 5 minutes]", "![Breathing > 5 minutes, <slowly> & gently]"))
    build(root)
    figure = player(root / "output", PAGES_WITH_AUDIO["article"])
    assert figure.figcaption.get_text() == "Breathing > 5 minutes, <slowly> & gently"


def test_a_spanish_site_names_the_transcript_in_spanish(root: Path) -> None:
    config = root / "site.yaml"
    config.write_text(config.read_text(encoding="utf-8") + "language: es\n", encoding="utf-8")
    build(root)
    figure = player(root / "output", PAGES_WITH_AUDIO["article"])
    assert figure.details.summary.get_text() == "Transcripción"
    assert figure.audio.find("a").get_text() == "Descargar la grabación (WAV)"


def test_a_transcript_s_headings_do_not_take_the_page_s_anchors(root: Path) -> None:
    transcript = root / "content/audio/breathing.md"
    transcript.write_text("## Before you start\n\nSit comfortably.\n", encoding="utf-8")
    article = root / "content/articles/slow-breathing.md"
    article.write_text(article.read_text(encoding="utf-8") + "\n## Before you start\n\nRead this.\n")
    build(root)
    page = page_at(root / "output", PAGES_WITH_AUDIO["article"])
    ids = [tag["id"] for tag in page.find_all(id=True)]
    assert len(ids) == len(set(ids))
    assert page.select_one("main .prose > h2")["id"] == "before-you-start"
    assert page.select_one("main figure.audio details h2").get_text() == "Before you start"


# --- Errors ----------------------------------------------------------------------------------


def test_a_missing_transcript_fails_the_build_at_the_line_and_leaves_output_alone(root: Path) -> None:
    first = run_sitegen("build", cwd=root)
    assert first.code == 0, first.err
    before = snapshot(root / "output")
    (root / "content/audio/breathing.md").unlink()
    result = run_sitegen("build", cwd=root)
    assert result.code == 1
    assert "Traceback" not in result.err
    for path, line in [
        ("content/articles/slow-breathing.md", 9),
        ("content/journeys/steady-breath.md", 23),
        ("content/journeys/body-scan/day-01.md", 10),
        ("content/pages/exercises.md", 7),
    ]:
        assert f"{path}:{line}: the recording /audio/breathing.wav has no transcript" in result.err
    assert "content/audio/breathing.md" in result.err and "WCAG 1.2.1" in result.err
    assert snapshot(root / "output") == before


ARTICLE_HEAD = "---\ntitle: Sounds\ndate: 2025-01-01\ncategory: Anxiety\n---\n"


def test_every_problem_with_a_recording_is_reported_at_once_at_its_line(make_site: MakeSite) -> None:
    body = [
        "A first paragraph.",  # line 6
        "",
        "![Missing](/audio/gone.mp3)",  # 8
        "",
        "![Beside images](/images/talk.mp3)",  # 10
        "",
        "![Climbing out](/audio/../secret.wav)",  # 12
        "",
        "![Lossless](/audio/song.flac)",  # 14
        "",
        "![Not an MP3](/audio/pretend.mp3)",  # 16
        "",
        "![](/audio/quiet.wav)",  # 18
        "",
        "Listen: ![Inline](/audio/quiet.wav) here.",  # 20
        "",
        "![Blank transcript](/audio/blank.wav)",  # 22
        "",
        "![Beside images, as a preview writes it](../images/talk.mp3)",  # 24
    ]
    root = make_site({"content/articles/sounds.md": ARTICLE_HEAD + "\n".join(body) + "\n"})
    audio = root / "content/audio"
    audio.mkdir(parents=True)
    for name in ("song.flac", "pretend.mp3", "quiet.wav", "blank.wav"):
        (audio / name).write_bytes(wav())
    for name in ("song.md", "pretend.md", "quiet.md"):
        (audio / name).write_text("What the recording says.\n", encoding="utf-8")
    (audio / "blank.md").write_text("\n  \n", encoding="utf-8")

    result = run_sitegen("build", cwd=root)
    assert result.code == 1 and "Traceback" not in result.err
    expected = [
        (8, "the recording content/audio/gone.mp3 was not found", "put it at content/audio/gone.mp3"),
        (10, "the recording /images/talk.mp3 is not in content/audio/", "write ![What it is](/audio/"),
        (12, "the recording /audio/../secret.wav points outside content/audio/", "keep recordings in"),
        (14, "sitegen cannot publish '.flac' files as recordings", "MP3, M4A, Ogg, Opus, WAV or WebM"),
        (16, "content/audio/pretend.mp3 does not look like an MP3 file", "export it again as MP3"),
        (18, "the recording /audio/quiet.wav has no caption", "inside the brackets"),
        (20, "the recording /audio/quiet.wav shares its paragraph with other text", "a line of its own"),
        (22, "the transcript content/audio/blank.md is empty", "what the recording says"),
        (
            24,
            "the recording ../images/talk.mp3 is not in content/audio/"
            " (from this file, it leads to content/images/talk.mp3)",
            "write ![What it is](/audio/",
        ),
    ]
    lines = [line for line in result.err.splitlines() if line.startswith("content/articles/sounds.md:")]
    assert len(lines) == len(expected), result.err
    for (line, message, hint), reported in zip(expected, lines, strict=True):
        assert reported.startswith(f"content/articles/sounds.md:{line}: {message}"), reported
        assert hint in reported
    assert not (root / "output").exists()


@pytest.mark.parametrize(
    ("source", "written", "shown"),
    [
        ("content/articles/slow-breathing.md", "../audio/breathing.wav", PAGES_WITH_AUDIO["article"]),
        ("content/journeys/body-scan/day-01.md", "../../audio/breathing.wav", PAGES_WITH_AUDIO["day in a folder"]),
        ("content/pages/exercises.md", "../audio/./breathing.wav", PAGES_WITH_AUDIO["page"]),
    ],
)
def test_a_path_from_the_markdown_file_into_content_audio_plays_that_recording(
    root: Path, source: str, written: str, shown: str
) -> None:
    """The path an editor's preview of the Markdown file plays, as images accept it too."""
    path = root / source
    path.write_text(path.read_text(encoding="utf-8").replace("/audio/breathing.wav", written), encoding="utf-8")
    build(root)
    figure = player(root / "output", shown)
    assert figure.source["src"] == digest_name(wav())  # type: ignore[index]
    assert TRANSCRIPT_WORDS in figure.get_text()


def test_a_transcript_is_words_only(make_site: MakeSite) -> None:
    root = make_site(
        {
            "content/articles/sounds.md": ARTICLE_HEAD + "![Calm](/audio/calm.wav)\n",
            "content/audio/calm.md": "Breathe.\n\n![A picture](/images/lake.jpg)\n",
        }
    )
    (root / "content/audio/calm.wav").write_bytes(wav())
    with pytest.raises(BuildFailed) as failure:
        build(root)
    assert [str(e) for e in failure.value.errors] == [
        "content/articles/sounds.md:6: the transcript content/audio/calm.md holds an image or a recording "
        "(a transcript is words only: describe it)"
    ]


def test_an_ordinary_image_is_left_to_the_images(make_site: MakeSite) -> None:
    root = make_site({"content/articles/sounds.md": ARTICLE_HEAD + "![A lake](/images/lake.jpg)\n"})
    with pytest.raises(BuildFailed) as failure:
        build(root)
    assert [e.message for e in failure.value.errors] == ["the image /images/lake.jpg was not found"]


# --- Incremental builds ------------------------------------------------------------------------


def test_a_warm_build_follows_an_edited_transcript_and_a_new_recording(root: Path) -> None:
    build(root)
    day = PAGES_WITH_AUDIO["journey day"]
    transcript = root / "content/audio/breathing.md"
    transcript.write_text(transcript.read_text(encoding="utf-8").replace("count of four", "count of five"))
    build(root)
    for path in PAGES_WITH_AUDIO.values():
        text = player(root / "output", path).details.get_text()
        assert "count of five" in text and "count of four" not in text, path

    (root / "content/audio/breathing.wav").write_bytes(wav(pitch=10))
    build(root)
    assert player(root / "output", day).source["src"] == digest_name(wav(pitch=10))
    assert sorted(p.name for p in (root / "output/audio").iterdir()) == [digest_name(wav(pitch=10)).split("/")[-1]]


def test_a_warm_build_follows_the_theme_s_new_words_for_the_player(root: Path) -> None:
    config = root / "site.yaml"
    config.write_text(config.read_text(encoding="utf-8") + "theme: harbour\n", encoding="utf-8")
    words = root / "themes/harbour/strings/en.yaml"
    words.parent.mkdir(parents=True)
    words.write_text("audio_transcript: What the recording says\n", encoding="utf-8")
    build(root)
    words.write_text("audio_transcript: Read it instead\n", encoding="utf-8")
    build(root)
    for path in PAGES_WITH_AUDIO.values():
        assert player(root / "output", path).details.summary.get_text() == "Read it instead", path


def test_the_preview_follows_an_edited_transcript_of_the_same_size_and_a_new_recording(root: Path) -> None:
    site = root / ".sitegen-preview" / "site"
    preview = PreviewBuilder(root, site)
    preview.build()
    transcript = root / "content/audio/breathing.md"
    text = transcript.read_text(encoding="utf-8")
    stamp = transcript.stat()
    transcript.write_text(text.replace("count of four", "count of nine"), encoding="utf-8")
    os.utime(transcript, ns=(stamp.st_atime_ns, stamp.st_mtime_ns))  # a save its time cannot tell apart
    preview.build()
    workbooks = 2  # each journey's workbook repeats its day with the recording
    assert preview.rendered == len(PAGES_WITH_AUDIO) + workbooks
    for path in PAGES_WITH_AUDIO.values():
        assert "count of nine" in player(site, path).details.get_text(), path

    (root / "content/audio/breathing.wav").write_bytes(wav(pitch=10))
    preview.build()
    src = player(site, PAGES_WITH_AUDIO["journey day"]).source["src"]
    assert src == digest_name(wav(pitch=10))
    assert (site / src.lstrip("/")).read_bytes() == wav(pitch=10)

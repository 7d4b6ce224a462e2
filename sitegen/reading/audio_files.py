"""Recordings in `content/audio/` and their transcripts: found, checked, and named for their bytes.

A recording is published as it is, under a name made from its bytes, so a host may keep it for
a year. Its transcript is a Markdown file beside it with the same stem (`breathing.mp3`,
`breathing.md`): without one, readers who cannot hear the recording would miss what it says
(WCAG 1.2.1), so a recording without a transcript is never published.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path, PurePosixPath

from sitegen.core import layout
from sitegen.core import urls as u
from sitegen.core.audio_formats import AUDIO_FORMATS, SNIFF_LENGTH, format_list, looks_like
from sitegen.core.characters import without_forbidden
from sitegen.reading.markdown_bounds import costly_markup
from sitegen.reading.markup import render_markdown

AUDIO_DIR = layout.AUDIO
_HEADING_ID = re.compile(r'<(h[2-6])((?: [a-z-]+="[^"]*")*?) id="[^"]*"')

Problem = tuple[str, str]
"""What is wrong and what to do about it, for a message at the line that refers to the file."""


@dataclass(frozen=True)
class AudioInfo:
    """A recording from content/audio/ as the page plays it."""

    name: str
    """Its name under content/audio/ ('breathing.mp3', 'week-1/body-scan.ogg')."""
    path: str
    """The site path it is published at, named for its bytes."""
    media_type: str
    label: str
    """The format as writers know it ('MP3'), for the download link."""


@lru_cache(maxsize=1024)
def _probe(path: Path, mtime_ns: int, size: int) -> tuple[str, bytes] | None:
    """The digest that names the file, and its first bytes; None when it cannot be read."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    return u.content_digest(data), data[:SNIFF_LENGTH]


def escapes_folder(name: str) -> bool:
    """Whether a name under content/audio/ climbs out of it ('../private.mp3')."""
    return name.startswith("/") or "\\" in name or "\x00" in name or ".." in name.split("/")


def find_audio(root: Path, name: str) -> AudioInfo | Problem:
    """The recording `content/audio/<name>`, or what keeps it from being published."""
    shown = f"{AUDIO_DIR}/{name}"
    if escapes_folder(name):
        return f"the recording /audio/{name} points outside {AUDIO_DIR}/", _keep_inside()
    suffix = PurePosixPath(name).suffix.lower()
    audio_format = AUDIO_FORMATS.get(suffix)
    if audio_format is None:
        what = f"'{suffix}' files" if suffix else "a file without an extension"
        return f"sitegen cannot publish {what} as recordings ({shown})", f"save the recording as {format_list()}"
    path = root / AUDIO_DIR / name
    if not path.is_file():
        return f"the recording {shown} was not found", f"put it at {shown}, or correct the name"
    info = path.stat()
    probed = _probe(path, info.st_mtime_ns, info.st_size)
    if probed is None:
        return f"the recording {shown} cannot be read", "check that the file is not open elsewhere and can be read"
    digest, head = probed
    if not looks_like(audio_format, head):
        return (
            f"{shown} does not look like an {audio_format.label} file",
            f"export it again as {audio_format.label}, or give it the extension of the format it is in",
        )
    return AudioInfo(name, u.audio_file(name, digest), audio_format.media_type, audio_format.label)


def transcript_name(name: str) -> str:
    """Where a recording's transcript is kept, under content/audio/: its name with '.md'."""
    return str(PurePosixPath(name).with_suffix(".md"))


def read_transcript(root: Path, name: str, base_path: str) -> str | Problem:
    """The transcript of `content/audio/<name>` as safe HTML, or why it cannot be shown."""
    shown = f"{AUDIO_DIR}/{transcript_name(name)}"
    path = root / AUDIO_DIR / transcript_name(name)
    if not path.is_file():
        return (
            f"the recording /audio/{name} has no transcript",
            f"write what it says in {shown}, beside it, so that readers who cannot hear it can read it; "
            "WCAG 1.2.1 asks this of every recording",
        )
    try:
        text = without_forbidden(path.read_text(encoding="utf-8").lstrip("\ufeff"))
    except (OSError, UnicodeDecodeError):
        return f"the transcript {shown} cannot be read as text", "save it as UTF-8 Markdown"
    if not text.strip():
        return f"the transcript {shown} is empty", "write in it what the recording says, in the order it says it"
    costly = costly_markup(text)
    if costly:
        return f"the transcript {shown}: {costly.message}", costly.hint
    html = render_markdown(text, base_path).html
    if "<img" in html:
        return f"the transcript {shown} holds an image or a recording", "a transcript is words only: describe it"
    return _HEADING_ID.sub(r"<\1\2", html)  # the page's own headings keep their anchors to themselves


def _keep_inside() -> str:
    return f"keep recordings in {AUDIO_DIR}/ and write ![What it is](/audio/<file name>)"

"""Recordings in Markdown: `![Guided breathing, 5 minutes](/audio/breathing.mp3)` on a line
of its own becomes a captioned, native audio player with its transcript in a disclosure below.

Markdown writes the reference as an `<img>`; this runs before images are sized and turns each
one that points at a sound file into a `<figure class="audio">`, or into a located error: a
missing transcript, a missing file, a file outside content/audio/, a format no browser is sure
to play. The words it adds ("Transcript") are the theme's, in the site's language.
"""

from __future__ import annotations

import html as html_text
import re
from pathlib import Path, PurePosixPath

import msgspec
from markupsafe import escape

from sitegen.config.site_config import SiteConfig
from sitegen.core import urls as u
from sitegen.core.audio_formats import AUDIO_FORMATS, OTHER_AUDIO
from sitegen.core.errors import ContentError
from sitegen.reading.audio_files import AUDIO_DIR, AudioInfo, find_audio, read_transcript
from sitegen.reading.folder_stamps import folder_stamps
from sitegen.theming.strings import load_strings

_IMG = re.compile(r"(<p>\s*)?<img\b([^>]*?)\s*/?>(\s*</p>)?", re.IGNORECASE)
_ATTR = re.compile(r"""([a-zA-Z-]+)\s*=\s*("[^"]*"|'[^']*')""")


class AudioWords(msgspec.Struct, frozen=True):
    """The theme's words around a player, in the site's language."""

    transcript: str
    downloads: tuple[tuple[str, str], ...]
    """The download link's words for each format ('MP3', 'Download the recording (MP3)')."""

    def download(self, label: str) -> str:
        return dict(self.downloads)[label]


def audio_words(root: Path, config: SiteConfig) -> AudioWords:
    """The words from the theme's catalogues; their problems are reported when pages are planned."""
    strings, _ = load_strings(root, config)
    labels = dict.fromkeys(f.label for f in AUDIO_FORMATS.values())
    downloads = tuple((label, strings.text("audio_download", format=label)) for label in labels)
    return AudioWords(strings.text("audio_transcript"), downloads)


def is_audio_reference(src: str, base_path: str) -> bool:
    """Whether an image reference means a recording: it is under /audio/, or names a sound file."""
    suffix = PurePosixPath(src.split("#", 1)[0].split("?", 1)[0]).suffix.lower()  # '//[x' is no URL to split
    return u.audio_name(src, base_path) is not None or suffix in AUDIO_FORMATS or suffix in OTHER_AUDIO


def rewrite_audio(
    body: str, root: Path, config: SiteConfig, source_path: str, source_text: str, first_line: int
) -> tuple[str, list[ContentError], list[AudioInfo]]:
    """Turn every audio reference into a player with its transcript; report each one that cannot be."""
    if "<img" not in body:
        return body, [], []
    errors: list[ContentError] = []
    used: list[AudioInfo] = []
    words: list[AudioWords] = []
    seen: dict[str, int] = {}

    def replace(match: re.Match[str]) -> str:
        attrs = {k.lower(): html_text.unescape(v[1:-1]) for k, v in _ATTR.findall(match.group(2))}
        src = attrs.get("src", "")
        if not is_audio_reference(src, config.base_path):
            return match.group(0)
        line = _line_of(source_text, src, first_line, seen)
        found = _player(match, attrs, root, config, source_path)
        if isinstance(found, tuple):
            errors.append(ContentError(source_path, line, *found))
            return ""
        used.append(found.info)
        if not words:
            words.append(audio_words(root, config))
        return figure(found, words[0], config.base_path)

    return _IMG.sub(replace, body), errors, used


class Player(msgspec.Struct, frozen=True):
    """What one reference plays, and the words beside it."""

    info: AudioInfo
    caption: str
    transcript: str
    """The transcript as safe HTML."""


def _player(
    match: re.Match[str], attrs: dict[str, str], root: Path, config: SiteConfig, source_path: str
) -> Player | tuple[str, str]:
    """The recording, its caption and its transcript's HTML; or what is wrong, and what to do."""
    src, caption = attrs.get("src", ""), attrs.get("alt", "").strip()
    shown = u.decode_path(src)
    if match.group(1) is None or match.group(3) is None:
        return (
            f"the recording {shown} shares its paragraph with other text",
            "put the reference on a line of its own, with a blank line before and after it",
        )
    name = u.audio_name(src, config.base_path)
    beside = u.beside_source(src, source_path)
    if name is None and beside is not None and beside.startswith(AUDIO_DIR + "/"):
        name = beside.removeprefix(AUDIO_DIR + "/")  # `../audio/x.mp3`, as an editor's preview writes it
    if name is None:
        leads = f" (from this file, it leads to {beside})" if beside else ""
        return (
            f"the recording {shown} is not in {AUDIO_DIR}/{leads}",
            f"keep recordings in {AUDIO_DIR}/ and write ![What it is](/audio/<file name>)",
        )
    if not caption:
        return (
            f"the recording {shown} has no caption",
            "say what it is inside the brackets, for everyone: ![Guided breathing, 5 minutes](...)",
        )
    info = find_audio(root, name)
    if isinstance(info, tuple):
        return info
    transcript = read_transcript(root, name, config.base_path)
    if isinstance(transcript, tuple):
        return transcript
    return Player(info, caption, transcript)


def figure(player: Player, words: AudioWords, base_path: str) -> str:
    """The player: the caption, the native controls (with a download link where audio cannot
    play), and the transcript, closed until asked for. Nothing loads until the reader presses play."""
    info = player.info
    href = u.href(base_path, info.path)
    download = escape(words.download(info.label))
    return (
        '<figure class="audio">\n'
        f"<figcaption>{escape(player.caption)}</figcaption>\n"
        f'<audio controls preload="none">\n<source src="{href}" type="{info.media_type}">\n'
        f'<a href="{href}" download>{download}</a>\n</audio>\n'
        f'<details class="transcript">\n<summary>{escape(words.transcript)}</summary>\n'
        f'<div class="transcript-text">\n{player.transcript}</div>\n</details>\n</figure>'
    )


def audio_signature(root: Path, config: SiteConfig) -> str:
    """What the audio folder looks like, for the parse caches: each recording's size, times and
    inode (a recording can be large, and is read only when its stamp moves), each transcript's
    bytes (small, and often saved twice within a clock tick), and the words a player shows.
    Any change there parses the content again."""
    if not (root / AUDIO_DIR).is_dir():
        return ""
    return "\n".join([*folder_stamps(root / AUDIO_DIR, hash_suffix=".md"), repr(audio_words(root, config))])


def _line_of(text: str, src: str, first_line: int, seen: dict[str, int]) -> int:
    """The line of this reference in the source: the next place its file name is written."""
    tail = u.decode_path(src).split("/")[-1]
    start = seen.get(tail, 0)
    index = text.find(tail, start) if tail else -1
    if index < 0:
        index = text.find(tail) if tail else -1
    seen[tail] = index + len(tail) if index >= 0 else start
    return first_line + text.count("\n", 0, index) if index >= 0 else first_line

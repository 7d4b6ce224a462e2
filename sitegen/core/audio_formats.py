"""The recordings a page may play: each format's file extension, its media type, and how its
first bytes look.

One table serves the `<source type>` a page names, the Content-Type a deployed file is sent
with and the preview's answer alike, so a browser is told the same thing everywhere.
"""

from __future__ import annotations

import msgspec


class AudioFormat(msgspec.Struct, frozen=True):
    """One format: how writers know it ('MP3'), its media type, and its first bytes' test."""

    label: str
    media_type: str
    magic: tuple[tuple[int, bytes], ...]
    """Byte strings the file holds at these offsets; any one of them passing is enough."""


_MP3 = AudioFormat("MP3", "audio/mpeg", ((0, b"ID3"),))
_OGG = AudioFormat("Ogg", "audio/ogg", ((0, b"OggS"),))
AUDIO_FORMATS = {
    ".mp3": _MP3,
    ".m4a": AudioFormat("M4A", "audio/mp4", ((4, b"ftyp"),)),
    ".ogg": _OGG,
    ".oga": _OGG,
    ".opus": AudioFormat("Opus", "audio/ogg", ((0, b"OggS"),)),
    ".wav": AudioFormat("WAV", "audio/wav", ((0, b"RIFF"),)),
    ".webm": AudioFormat("WebM", "audio/webm", ((0, b"\x1a\x45\xdf\xa3"),)),
}
"""What sitegen publishes, by lower-case extension."""

OTHER_AUDIO = frozenset({".aac", ".aif", ".aiff", ".alac", ".amr", ".flac", ".mid", ".midi", ".wma"})
"""Extensions of sound files sitegen does not publish: named in messages, never guessed at."""

SNIFF_LENGTH = 12


def looks_like(audio_format: AudioFormat, head: bytes) -> bool:
    """Whether a file's first bytes fit its format: an MP3 file without tags starts with a
    frame's eleven set sync bits; a WAV file also says 'WAVE' at byte 8."""
    if audio_format.label == "MP3" and len(head) > 1 and head[0] == 0xFF and head[1] & 0xE0 == 0xE0:
        return True
    if audio_format.label == "WAV" and head[8:12] != b"WAVE":
        return False
    return any(head[offset : offset + len(magic)] == magic for offset, magic in audio_format.magic)


def format_list() -> str:
    """The formats as a writer reads them: 'MP3, M4A, Ogg, Opus, WAV or WebM'."""
    labels = list(dict.fromkeys(f.label for f in AUDIO_FORMATS.values()))
    return ", ".join(labels[:-1]) + " or " + labels[-1]

"""The recordings the pages play, published as they are under names made from their bytes."""

from __future__ import annotations

from pathlib import Path

from sitegen.core import urls as u
from sitegen.core.errors import BuildFailed, ContentError
from sitegen.planning.addresses import used_audio
from sitegen.reading.audio_files import AUDIO_DIR
from sitegen.reading.models import Content


def recordings(root: Path, content: Content) -> list[tuple[str, bytes]]:
    """Each recording once, at the path its pages name. A file changed or gone since it was read
    (its bytes no longer match the name the pages were given) stops the build: a host would keep the
    wrong bytes under that name for a year."""
    files = []
    for name, info in used_audio(content).items():
        shown = f"{AUDIO_DIR}/{name}"
        try:
            data = (root / AUDIO_DIR / name).read_bytes()
        except OSError:
            data = b""
        if u.audio_file(name, u.content_digest(data)) != info.path:
            raise BuildFailed([ContentError(shown, 1, f"{shown} changed during the build", "build again")])
        files.append((info.path, data))
    return files

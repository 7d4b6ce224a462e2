"""The bodies of the articles in the main parse-cache file, kept beside it in a file of their own.

At 10,000 articles the bodies are 56 of the cache's 62 MB, yet a build after an edit reads
a handful: those of the pages it renders anew and of the feeds it makes anew. Kept apart,
they are not read, checked and decoded with the rest each time the cache is opened, but
one by one, when asked for. The sealed main file says where each body lies and its SHA-256,
and a body is never used unless its bytes match their digest. It also holds the bodies
file's size and modification time as written: a bodies file that is plainly not the one
written with it (replaced, changed since) makes the main file count as missing at once, so
the articles are parsed again, rather than found out body by body. A copy of the project that
keeps modification times (`cp -a`, rsync, tar) keeps its parse cache.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
from functools import partial
from pathlib import Path
from typing import BinaryIO

from sitegen.core.errors import BuildFailed, ContentError
from sitegen.core.sealed import write_whole
from sitegen.reading.models import Body

BodyPlace = tuple[int, int, bytes]
"""Where a body lies in the bodies file (offset, length) and the SHA-256 of its bytes."""
FileStamp = tuple[int, int]
KeptBodies = tuple[FileStamp, list[BodyPlace]]
"""What the sealed main file records of its bodies file."""


def _stamp(info: os.stat_result) -> FileStamp:
    return (info.st_size, info.st_mtime_ns)


class BodiesWriter:
    """Gathers the bodies while the main file's entries are encoded (`apart` is the encoder's
    hook: each body becomes its number), then writes them."""

    def __init__(self) -> None:
        self._data = bytearray()
        self._places: list[BodyPlace] = []

    def apart(self, value: object) -> int:
        if not isinstance(value, Body):
            raise NotImplementedError(f"a parse result holds a {type(value).__name__}, which is never cached")
        data = value.html.encode("utf-8")
        self._places.append((len(self._data), len(data), hashlib.sha256(data).digest()))
        self._data += data
        return len(self._places) - 1

    def write(self, path: Path) -> KeptBodies | None:
        """Write the bodies to `path` (nothing, when there were none) and say what the main file must record."""
        if not self._places:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(path)
            return None
        write_whole(path, self._data)
        return _stamp(os.stat(path, follow_symlinks=False)), self._places


def inline(value: object) -> str:
    """An encoder's hook that keeps each body in the entry itself (the small file of recent entries)."""
    if not isinstance(value, Body):
        raise NotImplementedError(f"a parse result holds a {type(value).__name__}, which is never cached")
    return value.html


class BodiesFile:
    """The bodies file beside one main file, as its entries are decoded (`body` is the decoder's
    hook: a body written in the entry, or its number in this file), then opened once and kept
    open: a later build that replaces the file leaves this one readable (the preview keeps its
    entries from build to build)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._highest = -1
        self._places: list[BodyPlace] = []
        self._file: BinaryIO | None = None

    def body(self, kind: type, value: object) -> Body:
        if kind is not Body:
            raise NotImplementedError(f"no cached {kind.__name__}")
        if isinstance(value, str):
            return Body(value)
        if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
            self._highest = max(self._highest, value)
            return Body(read=partial(self._read, value))
        raise ValueError("neither a body nor the number of one")

    def attach(self, kept: KeptBodies | None) -> bool:
        """Whether every body the entries name can be read: the file is the one written with them."""
        if self._highest < 0:
            return True
        if kept is None or len(kept[1]) <= self._highest:
            return False
        try:
            descriptor = os.open(self.path, os.O_RDONLY | os.O_NOFOLLOW)
        except OSError:
            return False
        opened = os.fdopen(descriptor, "rb", buffering=0)  # closed with this object
        if _stamp(os.fstat(descriptor)) != kept[0]:
            opened.close()
            return False
        self._file, self._places = opened, kept[1]
        return True

    def _read(self, number: int) -> str:
        offset, length, digest = self._places[number]
        assert self._file is not None  # attach() opened it, or the entries were never used
        data = os.pread(self._file.fileno(), length, offset)
        if hashlib.sha256(data).digest() != digest:  # changed, keeping its size and time: never trusted
            self._set_aside()
            shown = f"{self.path.parent.name}/{self.path.name}"
            message = "this cache file was changed by something other than sitegen, so it was removed"
            raise BuildFailed([ContentError(shown, 0, message, "build again: the articles will be read anew")])
        return data.decode("utf-8")

    def _set_aside(self) -> None:
        """Remove the damaged file, so the next build parses the articles again; unless a later
        build has written another there since (this one is still open, by its inode)."""
        assert self._file is not None
        with contextlib.suppress(OSError):
            if os.stat(self.path, follow_symlinks=False).st_ino == os.fstat(self._file.fileno()).st_ino:
                os.unlink(self.path)

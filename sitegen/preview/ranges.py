"""Part of a file, as a browser asks for it with `Range: bytes=...` (RFC 9110, section 14).

A browser seeks in a recording by asking for the bytes from that point on; a server that
always sends the whole file leaves the player unable to skip ahead. The preview answers one
range per request. Anything else (several ranges, a unit other than bytes, a header it cannot
read) gets the whole file, as the RFC allows a server to do.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_ONE_RANGE = re.compile(r"bytes\s*=\s*([0-9]{0,18})\s*-\s*([0-9]{0,18})", re.IGNORECASE)
"""ASCII digits only, and few enough of them for `int()`; a longer number is no file's size."""


@dataclass(frozen=True)
class ByteRange:
    """Bytes `start` to `end` of a file of `size` bytes, both ends included as in the header."""

    start: int
    end: int
    size: int

    @property
    def length(self) -> int:
        return self.end - self.start + 1

    @property
    def content_range(self) -> str:
        return f"bytes {self.start}-{self.end}/{self.size}"


@dataclass(frozen=True)
class Unsatisfiable:
    """A range that lies wholly past the end of the file: answered with 416 and the file's size."""

    size: int

    @property
    def content_range(self) -> str:
        return f"bytes */{self.size}"


def requested_range(header: str | None, size: int) -> ByteRange | Unsatisfiable | None:
    """The one range `header` asks for in a file of `size` bytes; None means send the whole file."""
    match = _ONE_RANGE.fullmatch(header.strip()) if header else None
    if match is None:
        return None
    first, last = match.groups()
    if not first and not last:
        return None
    if not first:  # `bytes=-500`: the last 500 bytes
        wanted = int(last)
        return ByteRange(max(size - wanted, 0), size - 1, size) if wanted and size else Unsatisfiable(size)
    start = int(first)
    if last and int(last) < start:
        return None  # not a valid range, so the header is ignored
    if start >= size:
        return Unsatisfiable(size)
    return ByteRange(start, min(int(last), size - 1) if last else size - 1, size)

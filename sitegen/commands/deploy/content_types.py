"""The Content-Type a published file is served with, from its name alone.

The table is Python's own (never the machine's /etc/mime.types), so a file gets the same type
wherever sitegen runs; text is marked UTF-8, which every file a build writes is.
"""

from __future__ import annotations

import mimetypes

from sitegen.core.audio_formats import AUDIO_FORMATS

_TYPES = mimetypes.MimeTypes()  # Python's built-in table only
_TYPES.add_type("application/manifest+json", ".webmanifest")
_TYPES.add_type("font/woff2", ".woff2")
_TYPES.add_type("application/wasm", ".wasm")
_TYPES.add_type("text/javascript", ".js")
_TYPES.add_type("text/javascript", ".mjs")
_TYPES.add_type("application/atom+xml", ".atom")
for _suffix, _format in AUDIO_FORMATS.items():  # the type each page's <source> names, everywhere
    _TYPES.add_type(_format.media_type, _suffix)
_TEXT_LIKE = ("application/javascript", "application/json", "application/xml", "application/atom+xml", "image/svg+xml")


def content_type(path: str) -> str:
    kind, _ = _TYPES.guess_type(path, strict=False)
    if kind is None:
        return "application/octet-stream"
    if kind.startswith("text/") or kind in _TEXT_LIKE or kind.endswith("+json"):
        return f"{kind}; charset=utf-8"
    return kind

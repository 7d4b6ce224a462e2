"""The rules for site.yaml's addresses and names that every page repeats: base_url, the
language tag and allowed_origins. A slip in any of them is published on every page, or
silently never matches, so each is a located error with the spelling that works."""

from __future__ import annotations

import re
from collections.abc import Iterable
from urllib.parse import urlsplit

from sitegen.config.headers import origin_problem
from sitegen.core.schema import SchemaReader

_LANGUAGE_TAG = re.compile(r"^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8}){0,4}$")
_BASE_EXAMPLE = "write it like https://example.org/ or https://example.org/practice/"


def check_base_url(base_url: str, reader: SchemaReader) -> None:
    problem, hint = _base_url_problem(base_url)
    if problem:
        reader.error(("base_url",), f"base_url '{base_url}' {problem}", hint)


def _base_url_problem(base_url: str) -> tuple[str, str]:
    if any(c.isspace() or c == "\\" for c in base_url):
        return "contains a space or a backslash", _BASE_EXAMPLE
    try:
        parts = urlsplit(base_url)
        port_ok = parts.port is None or parts.port > 0
    except ValueError:  # an unclosed '[' (an IPv6 address), a port over 65535
        return "is not a full web address", _BASE_EXAMPLE
    if parts.scheme not in ("http", "https") or not parts.hostname or not port_ok:
        return "is not a full web address", _BASE_EXAMPLE
    if "@" in parts.netloc:
        return "holds a user name or password, which every page would publish", "leave out the part before '@'"
    if parts.query or parts.fragment or base_url.endswith(("?", "#")):
        return "has a '?' or '#' part, which no page address can carry", _BASE_EXAMPLE
    if any(segment in (".", "..") for segment in parts.path.split("/")):
        return "has '.' or '..' in its path", "write the folder the site is published in, plainly"
    if not parts.hostname.isascii():
        ascii_host = _ascii_host(parts.hostname)
        hint = f"write the host as browsers send it: {ascii_host}" if ascii_host else "check the host name"
        return "has a host name in letters outside ASCII", hint
    return "", ""


def _ascii_host(host: str) -> str:
    try:
        return host.encode("idna").decode("ascii")
    except UnicodeError:
        return ""


def check_language(language: str, reader: SchemaReader) -> None:
    """A language tag names the theme's texts file and is written into every page's `lang`."""
    if not _LANGUAGE_TAG.match(language):
        reader.error(
            ("language",),
            f"language '{language}' is not a language tag",
            "write a tag like en, en-GB, es or pt-BR",
        )


def check_allowed_origins(origins: Iterable[object], reader: SchemaReader) -> None:
    """Each entry is compared with a URL's origin (scheme, host and port), so anything else
    would either never match or allow more than it says."""
    for index, origin in enumerate(origins):
        if not _is_origin(origin):
            reader.error(
                ("allowed_origins", index),
                f"'{origin}' is not an origin (a scheme and a host, with no path)",
                "write the scheme and host only, like https://cdn.example (a path would allow the whole site)",
            )


def _is_origin(origin: object) -> bool:
    if not isinstance(origin, str) or _base_url_problem(origin)[0] or origin_problem(origin):
        return False
    parts = urlsplit(origin)
    return parts.path in ("", "/")

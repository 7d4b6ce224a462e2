"""Which addresses a link field may hold: a web page, an email, a phone number, or a page here.

Fields such as `booking.url` go into `href` on every page, so a `javascript:` or `data:`
address there would run or show whatever it carries when a reader clicks. The scheme is
read the way a browser reads it: spaces and control characters around the address are
dropped, tabs and line breaks inside it are ignored, and character references such as
`&#106;` count as the characters they stand for.
"""

from __future__ import annotations

import html
import re
from typing import Annotated

from sitegen.core.schema import Checked

SAFE_SCHEMES = frozenset({"http", "https", "mailto", "tel"})

_SCHEME = re.compile(r"([a-zA-Z][a-zA-Z0-9+.\-]*):")
_AROUND = "".join(chr(c) for c in range(0x21))  # what a browser strips from both ends of an address
_INSIDE = re.compile(r"[\t\n\r]")  # what a browser removes anywhere in an address

LINK_HINT = (
    "a link may be a web address (https://…), mailto: or tel:, "
    "or a page on this site such as /contact/ or #booking"
)


def link_scheme(url: str) -> str | None:
    """The scheme a browser would follow for `url`, lowercased; None for a path within the site.

    When the text and its character references decoded read differently, the one that
    is not a safe scheme wins, so `&#106;avascript:` counts as `javascript`.
    """
    schemes = {_scheme_of(candidate) for candidate in (url, html.unescape(url))}
    unsafe = sorted(s for s in schemes if s is not None and s not in SAFE_SCHEMES)
    if unsafe:
        return unsafe[0]
    return next((s for s in schemes if s is not None), None)


def link_problem(url: str) -> tuple[str, str] | None:
    """Why `url` cannot stand in a link field, as (message, hint); None when it can."""
    scheme = link_scheme(url)
    if scheme is None or scheme in SAFE_SCHEMES:
        return None
    return f"a link cannot start with '{scheme}:'", LINK_HINT


def _scheme_of(url: str) -> str | None:
    found = _SCHEME.match(_INSIDE.sub("", url.strip(_AROUND)))
    return found.group(1).lower() if found else None


LinkUrl = Annotated[str, Checked(link_problem)]
"""A link field: text that must pass `link_problem` (checked by the schema reader)."""

"""Characters a web page or a feed cannot carry, which arrive unseen with pasted text.

Control characters (a vertical tab, an escape, a NUL), lone surrogates and Unicode's
noncharacters are errors in HTML and forbidden in XML, so one in a feed stops the build.
Text fields name the first one found, so the writer can delete it; a body simply loses them.
"""

from __future__ import annotations

import re

_NONCHARACTERS = "".join(chr(plane * 0x10000 + last) for plane in range(17) for last in (0xFFFE, 0xFFFF))
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef" + _NONCHARACTERS + "]")
_SPACES = re.compile("[\x0b\x0c]")
# A class naming astral characters makes the search ten times slower on every text, so most texts
# (those with no character beyond U+FFFF) are searched with the plane-0 part of it alone.
_FORBIDDEN_BMP = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]")
_ASTRAL = re.compile("[\U00010000-\U0010FFFF]")

_NAMES = {
    0x00: "a NUL",
    0x07: "a bell",
    0x08: "a backspace",
    0x0B: "a vertical tab",
    0x0C: "a form feed",
    0x1B: "an escape",
    0x7F: "a delete",
}


def _first(text: str) -> re.Match[str] | None:
    if text.isascii() or _ASTRAL.search(text) is None:
        return _FORBIDDEN_BMP.search(text)
    return _FORBIDDEN.search(text)


def first_forbidden(text: str) -> int | None:
    """Where the first character a page cannot carry is in `text`, if there is one."""
    found = _first(text)
    return found.start() if found else None


def describe(char: str) -> str:
    """A character named so a writer can find it: 'U+000B (a vertical tab)'."""
    point = ord(char)
    if point in _NAMES:
        name = _NAMES[point]
    elif 0xD800 <= point <= 0xDFFF:
        name = "half of a character pair, on its own"
    elif point <= 0x9F:
        name = "an invisible control character"
    else:
        name = "a character Unicode reserves as never used"
    return f"U+{point:04X} ({name})"


def without_forbidden(text: str) -> str:
    """`text` with those characters gone; a vertical tab or form feed becomes a space."""
    if _first(text) is None:
        return text
    return _FORBIDDEN.sub("", _SPACES.sub(" ", text))


def printable(text: str) -> str:
    """`text` safe to print in a message: each such character written as its escape, as Python would."""
    if _first(text) is None:
        return text
    return _FORBIDDEN.sub(lambda found: repr(found.group())[1:-1], text)


PASTED_HINT = "it usually comes with pasted text: delete it, or retype the words around it"

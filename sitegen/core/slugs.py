"""Slugs: the names of articles, categories, tags and pages as they appear in addresses.

A slug keeps the letters and digits of every script, lower-cased and normalised, with
words joined by hyphens, so 'القلق' stays 'القلق' and 'Ύπνος & όνειρα' becomes 'ύπνος-όνειρα'
(Hugo and Zola make theirs the same way). Links carry them percent-encoded (core/urls.py);
output folders carry them as they are. A site that wants plain ASCII addresses says
`slugs: ascii`, and names are transliterated first ('Тревога' → 'trevoga').

Names are normalised with NFKC, whose output is also NFC: a ligature 'ﬁ' is 'fi', full-width
'Ｃａｌｍ' is 'calm', half-width katakana are full-width, so two spellings that look alike
share an address rather than making two.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from anyascii import anyascii

UNICODE = "unicode"
ASCII = "ascii"
STYLES = (UNICODE, ASCII)

NAME_LIMIT = 200
"""Bytes (UTF-8) in one part of an address: each part names a folder of output/, and file
systems allow 255, less what a host or a copy adds (a '.tmp', an 'index.html' beside it)."""

_ASCII_NON_WORD = re.compile(r"[^a-z0-9]+")
_HYPHENS = re.compile(r"-{2,}")


@lru_cache(maxsize=8192)
def slugify(text: str, style: str = UNICODE) -> str:
    """'Café & Calm: Week 1' -> 'café-calm-week-1' ('cafe-calm-week-1' in the ASCII style)."""
    text = unicodedata.normalize("NFKC", text).replace("\u2019", "")  # won’t → wont, as slugs always had it
    if style == ASCII:
        return _ASCII_NON_WORD.sub("-", anyascii(text).lower()).strip("-")
    lowered = unicodedata.normalize("NFKC", text.lower())
    if lowered.isascii():  # the common case, and the same answer, five times faster
        return _ASCII_NON_WORD.sub("-", lowered).strip("-")
    kept = "".join(_slug_char(char) for char in lowered)
    return _HYPHENS.sub("-", kept).strip("-")


def _slug_char(char: str) -> str:
    """Letters, digits and the marks that complete them (Devanagari vowel signs, Arabic
    harakat) stay; invisible format characters (a Persian zero-width non-joiner) vanish;
    everything else separates words."""
    kind = unicodedata.category(char)
    if kind[0] in "LNM":
        return char
    return "" if kind == "Cf" else "-"


def is_safe_slug(slug: str, style: str = UNICODE) -> bool:
    """A slug that can only ever name one folder directly inside its section."""
    return slug_problem(slug, style) is None


def slug_problem(slug: str, style: str = UNICODE) -> str | None:
    """Why `slug` cannot be used as written, in words for a message; None if it can."""
    if not slug.strip():
        return "is empty"
    if any(unicodedata.category(char) == "Cc" for char in slug):
        return "holds a control character (a line break, a tab or the like)"
    size = len(slug.encode("utf-8"))
    if size > NAME_LIMIT:
        return f"is {size} bytes long, more than the {NAME_LIMIT} a folder name may take"
    if slugify(slug, style) != slug:
        return "cannot be used in an address"
    return None


def name_problem(slug: str) -> tuple[str, str] | None:
    """Why the slug made from a category's or tag's name cannot be its address: (message, hint)."""
    if not slug:
        return (
            "has no letters or digits to make its address from",
            "give it a name with letters or digits, in any script",
        )
    size = len(slug.encode("utf-8"))
    if size > NAME_LIMIT:
        return (
            f"makes an address part of {size} bytes, more than the {NAME_LIMIT} a folder name may take",
            "give it a shorter name",
        )
    return None


def slug_hint(slug: str, style: str = UNICODE) -> str:
    """How to write a slug that works, with this one mended when it can be."""
    mended = slugify(slug, style)
    if len(mended.encode("utf-8")) > NAME_LIMIT:
        return f"keep a few words of it, e.g. '{shorten(mended, 60)}'"
    script = "ASCII letters" if style == ASCII else "lowercase letters (of any script)"
    suggestion = f", e.g. '{mended}'" if mended and mended != slug else ", e.g. 'managing-worry'"
    return f"use {script}, digits and hyphens only{suggestion}"


def shorten(slug: str, limit: int) -> str:
    """A slug cut to at most `limit` bytes, at the end of a word when one ends in reach."""
    if len(slug.encode("utf-8")) <= limit:
        return slug
    cut = slug.encode("utf-8")[:limit].decode("utf-8", "ignore")
    if slug[len(cut)] == "-":
        return cut.strip("-")
    word_end = cut.rfind("-")
    return (cut[:word_end] if word_end > len(cut) // 2 else cut).strip("-")


def name_key(name: str) -> str:
    """What makes two names the same tag: they differ only in case, spacing or normalisation."""
    return " ".join(unicodedata.normalize("NFKC", name).casefold().split())

"""Slugs: the URL-safe names of articles, categories, tags and pages."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_NON_WORD = re.compile(r"[^a-z0-9]+")
SLUG_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@lru_cache(maxsize=4096)
def slugify(text: str) -> str:
    """'Café & Calm: Week 1' -> 'cafe-calm-week-1'."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return _NON_WORD.sub("-", ascii_text.lower()).strip("-")


def is_safe_slug(slug: str) -> bool:
    """A slug that can only ever name one folder directly inside its section."""
    return bool(SLUG_PATTERN.match(slug))

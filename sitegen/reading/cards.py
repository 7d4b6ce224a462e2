"""What an article's card shows (a listing's entry for it), and the digest of that.

A listing page changes only when one of its articles' cards does, not when a body does, so
its inputs hold its cards' digests. The parse cache keeps each article's card digest beside
the article, so a build after an edit digests the card of the edited article alone, not of
each of 10,000.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import NamedTuple

import msgspec

from sitegen.reading.models import Article

_ENCODE = msgspec.msgpack.Encoder().encode


class Card(NamedTuple):
    """All an article's card may show of it (a listing's ArticleSummary is made from this alone)."""

    title: str
    slug: str
    description: str
    date: dt.date | None
    reading_minutes: int
    category: str
    author: str
    draft: bool
    scheduled: bool

    @classmethod
    def of(cls, article: Article) -> Card:
        return cls(
            article.title,
            article.slug,
            article.description,
            article.date,
            article.reading_minutes,
            article.category,
            article.author,
            article.draft,
            article.scheduled,
        )


def card_digest(article: Article) -> bytes:
    """The SHA-256 of what the article's card shows: equal digests, equal cards."""
    return hashlib.sha256(_ENCODE(Card.of(article))).digest()

"""Dates as blogs print them: 11/15/2025, Nov 15, 2025, 15 November 2025, 2025-11-15, often with
"3 min read" glued on ("11/15/20253 min read"), sometimes without a year ("Nov 15")."""

from __future__ import annotations

import datetime as dt
import email.utils
import re
from dataclasses import dataclass

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for name in names
}
_MONTH = (
    r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|"
    r"nov(?:ember)?|dec(?:ember)?)\.?"
)
_ISO = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})")
_SLASHED = re.compile(r"(?<!\d)(\d{1,2})/(\d{1,2})/(\d{4}|\d{2}(?!\d))")
_DOTTED = re.compile(r"(?<!\d)(\d{1,2})\.(\d{1,2})\.(\d{4})")
_MONTH_START = r"(?:\b|(?<=[a-z])(?=[A-Z]))(?i:"  # a word start, or glued on: 'Maya OkaforNov 15, 2025'
_MONTH_FIRST = re.compile(_MONTH_START + _MONTH + r")\s+(\d{1,2})(?:st|nd|rd|th)?(?!\d)(?:,?\s*(\d{4}))?")
_DAY_FIRST = re.compile(r"(?<!\d)(\d{1,2})(?:st|nd|rd|th)?\s+" + _MONTH + r",?\s+(\d{4})", re.IGNORECASE)
_GLUED_DAY = re.compile("(" + _MONTH_START + _MONTH + r")\s+\d{1,2})(?=\d{1,2}\s*(?i:min))")
READING_TIME = re.compile(
    r"(?:reading\s+time:?\s*)?\d+\s*(?:-\s*)?min(?:ute)?s?\.?(?:\s+(?:read|reading(?:\s+time)?))?\b|"
    r"\bless than a minute(?:\s+read)?",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class FoundDate:
    """A date found in a line; `year` is None when the blog printed none ("Nov 15")."""

    year: int | None
    month: int
    day: int
    start: int
    end: int
    order_guessed: bool = False  # 03/04/2025: read month first, as US blogs print it

    def resolve(self, fallback_year: int) -> dt.date | None:
        try:
            return dt.date(self.year or fallback_year, self.month, self.day)
        except ValueError:
            return None


def find_date(text: str) -> FoundDate | None:
    """The first date in `text` that is a real calendar day."""
    found: list[FoundDate] = []
    for match in _ISO.finditer(text):
        found.append(FoundDate(int(match[1]), int(match[2]), int(match[3]), match.start(), match.end()))
    for match in _SLASHED.finditer(text):
        first, second, year = int(match[1]), int(match[2]), _full_year(match[3])
        month, day = (second, first) if first > 12 else (first, second)
        guessed = first <= 12 and second <= 12 and first != second
        found.append(FoundDate(year, month, day, match.start(), match.end(), guessed))
    for match in _DOTTED.finditer(text):
        found.append(FoundDate(int(match[3]), int(match[2]), int(match[1]), match.start(), match.end()))
    for match in _MONTH_FIRST.finditer(text):
        found.append(
            FoundDate(
                int(match[3]) if match[3] else None,
                _MONTHS[match[1].lower()],
                int(match[2]),
                match.start(),
                match.end(),
            )
        )
    for match in _DAY_FIRST.finditer(text):
        found.append(FoundDate(int(match[3]), _MONTHS[match[2].lower()], int(match[1]), match.start(), match.end()))
    valid = [d for d in sorted(found, key=lambda d: (d.start, -d.end)) if d.resolve(2000) is not None]
    return valid[0] if valid else None


def unglue_reading_time(text: str) -> str:
    """'Nov 153 min read' -> 'Nov 15 3 min read' (a year, being four digits, needs no help)."""
    return _GLUED_DAY.sub(r"\1 ", text)


def parse_machine_date(value: str) -> dt.date | None:
    """A date from markup: ISO 8601 (`<time datetime>`, WordPress) or RFC 822 (RSS pubDate)."""
    value = value.strip()
    match = re.match(r"(\d{4})-(\d{2})-(\d{2})", value)
    if match:
        try:
            return dt.date(int(match[1]), int(match[2]), int(match[3]))
        except ValueError:
            return None
    try:
        return email.utils.parsedate_to_datetime(value).date()
    except (TypeError, ValueError, IndexError):
        return None


def _full_year(text: str) -> int:
    return int(text) if len(text) == 4 else 2000 + int(text)

"""How long a journey day takes: `minutes: 15` in a day file's front matter, or a
`<!-- minutes: 15 -->` line directly under a `## Day N: ...` heading in a single-file journey.

A comment is invisible in any Markdown preview, so a marker in the wrong place, or one the
build cannot read, would silently show nothing; each is a located error instead.
"""

from __future__ import annotations

import re

from sitegen.core.errors import ContentError
from sitegen.reading.frontmatter_source import SourceFile
from sitegen.reading.journey_outline import DAY, FENCE, Block

MOST_MINUTES = 240
"""Four hours: more than any day of a self-paced journey should ask, so a bigger number is a typo."""

_LOOKS_LIKE_MARKER = re.compile(r"^\s*<!--\s*minutes?\b[^<>]{0,40}-->\s*$", re.IGNORECASE)
_MARKER = re.compile(r"^\s*<!--\s*minutes\s*:\s*(.*?)\s*-->\s*$", re.IGNORECASE)
_MARKER_FORM = "<!-- minutes: 15 -->"
_WHOLE_NUMBER = re.compile(r"[0-9]{1,9}")
"""ASCII digits only (`str.isdigit()` also takes '²' or '①', which `int()` refuses), and few of
them: `int()` refuses a text of thousands of digits too."""


def read_minutes(value: object, path: str, line: int, written: str) -> tuple[int | None, list[ContentError]]:
    """A day's minutes from `value` (None when not given); `written` shows the reader how to write it.

    A number written as text (`minutes: "15"` in front matter, or a marker's words) counts as
    that number: the writer means fifteen either way."""
    if value is None:
        return None, []
    if isinstance(value, str) and _WHOLE_NUMBER.fullmatch(value.strip()):
        value = int(value.strip())
    if isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= MOST_MINUTES:
        return value, []
    hint = f"write the time the day takes as a whole number of minutes from 1 to {MOST_MINUTES}, like '{written}'"
    if isinstance(value, int) and not isinstance(value, bool):
        message = f"{value} is not a number of minutes from 1 to {MOST_MINUTES}"
    else:
        shown = f"'{value}'" if isinstance(value, str) else str(value).lower()
        message = f"cannot read {shown} as the minutes this day takes"
    return None, [ContentError(path, line, message, hint)]


def day_file_minutes(value: object, source: SourceFile, line: int) -> tuple[int | None, list[ContentError]]:
    """A day file's `minutes:` (written on `line`); a marker in its body belongs in the front matter."""
    minutes, errors = read_minutes(value, source.path, line, "minutes: 15")
    hint = "in a day file, write 'minutes: 15' in its front matter instead"
    return minutes, errors + stray_markers(source.body, source.body_line, source.path, set(), hint)


def day_minutes(source: SourceFile, blocks: list[Block]) -> tuple[dict[int, int], list[ContentError]]:
    """Each written day's minutes by its heading's line, taking its marker out of the text.

    Every other marker-like line in the body is an error: under a day's part, after its first
    paragraph, or in a journey with no day headings, it would otherwise be silently ignored."""
    path = source.path
    found: dict[int, int] = {}
    errors: list[ContentError] = []
    taken: set[int] = set()
    for block in blocks:
        if not DAY.match(block.title):
            continue
        index = next((i for i, line in enumerate(block.lines) if line.strip()), None)
        if index is None or not _LOOKS_LIKE_MARKER.match(block.lines[index]):
            continue
        line = block.line + 1 + index
        taken.add(line)
        marker = _MARKER.match(block.lines.pop(index))
        if marker is None:
            errors.append(_unreadable(path, line))
            continue
        minutes, problems = read_minutes(marker.group(1), path, line, _MARKER_FORM)
        errors += problems
        if minutes is not None:
            found[block.line] = minutes
    hint = f"put '{_MARKER_FORM}' on the line directly under the day's '## Day N: Title' heading"
    return found, errors + stray_markers(source.body, source.body_line, path, taken, hint)


def stray_markers(body: str, first_line: int, path: str, taken: set[int], hint: str) -> list[ContentError]:
    """Marker-like lines outside code that no day took (for a day file: every one of them)."""
    errors: list[ContentError] = []
    in_fence = False
    for offset, line in enumerate(body.split("\n")):
        if FENCE.match(line):
            in_fence = not in_fence
        number = first_line + offset
        if not in_fence and number not in taken and _LOOKS_LIKE_MARKER.match(line):
            errors.append(ContentError(path, number, "this minutes marker is not directly under a day's heading", hint))
    return errors


def _unreadable(path: str, line: int) -> ContentError:
    return ContentError(
        path,
        line,
        "cannot read this minutes marker",
        f"write it as '{_MARKER_FORM}': the word minutes, a colon and a whole number",
    )

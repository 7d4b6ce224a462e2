"""Typographic quotes and dashes, in one pass over the text of finished HTML.

A Markdown engine's own "smart punctuation" would also curl quotes in places we keep
as written, and titles and other plain text need the same treatment; this pass does it
for the cases writers meet: “double” and ‘single’ quotes, apostrophes (don’t,
’90s), -- and --- as en and em dashes, and ... as an ellipsis. Code, preformatted text,
and tags with their attributes are left exactly as written.
"""

from __future__ import annotations

import re

_TAG_OR_TEXT = re.compile(r"(<[^<>]*>)")  # not across another "<": a stray one costs no second scan
_RAW_START = re.compile(r"<(code|pre|kbd|script|style)\b", re.IGNORECASE)
_RAW_END = re.compile(r"</(code|pre|kbd|script|style)\s*>", re.IGNORECASE)
_RAW_INITIALS = frozenset("cpksCPKS")
_OPENS_AFTER = set(" \t\n\r([{<-–—/\u00a0") | {""}
_DASHES = ((re.compile(r"(?<!-)---(?!-)"), "—"), (re.compile(r"(?<!-)--(?!-)"), "–"), (re.compile(r"\.\.\."), "…"))


def smarten(html: str) -> str:
    """Curl quotes and set dashes in the text of an HTML fragment."""
    out: list[str] = []
    raw_depth = 0
    previous = ""
    for part in _TAG_OR_TEXT.split(html):
        if not part:
            continue
        if part[0] == "<":
            out.append(part)
            initial = part[1:2]
            if initial == "/":
                if raw_depth and _RAW_END.match(part):
                    raw_depth -= 1
            elif initial in _RAW_INITIALS and _RAW_START.match(part):  # most tags start otherwise
                raw_depth += 1
            continue
        if raw_depth:
            out.append(part)
            previous = part[-1]
            continue
        text = part.replace("&quot;", '"') if "&quot;" in part else part  # cmark writes text's '"' so
        if "--" in text or "..." in text:  # most text has neither: three substitutions saved
            for pattern, replacement in _DASHES:
                text = pattern.sub(replacement, text)
        out.append(_quotes(text, previous))
        previous = text[-1]
    return "".join(out)


def _quotes(text: str, before: str) -> str:
    if '"' not in text and "'" not in text:
        return text
    chars = list(text)
    for index, char in enumerate(chars):
        if char not in "\"'":
            continue
        prev = chars[index - 1] if index else before
        nxt = chars[index + 1] if index + 1 < len(chars) else ""
        opening = prev in _OPENS_AFTER or prev == "“" or prev == "‘"
        if char == '"':
            chars[index] = "“" if opening and nxt != " " else "”"
        elif (prev.isalnum() and (nxt.isalpha() or nxt == "")) or (opening and nxt.isdigit()):
            chars[index] = "’"
        else:
            chars[index] = "‘" if opening and nxt != " " else "’"
    return "".join(chars)

"""`sitegen new`: start an article, journey, page or clinician from a file that builds as it stands.

Every template is valid content on purpose: a writer sees the new page in the preview
at once and edits from there, instead of first fixing a skeleton the build rejects.
"""

from __future__ import annotations

import json
from pathlib import Path

from sitegen.config.site_config import load_config
from sitegen.core import layout
from sitegen.core.characters import without_forbidden
from sitegen.core.clock import today
from sitegen.core.slugs import shorten, slugify
from sitegen.reading.content import shown_name

KINDS = tuple(layout.FOLDER_OF)
NEW_SLUG_LIMIT = 100
"""Bytes of a slug made from a title: a long title keeps its first words, so the file name and
the address stay readable (and well within what a folder name may take)."""


class ScaffoldError(Exception):
    """Why no file was written, in words for the writer."""


def new_content(root: Path, kind: str, title: str) -> Path:
    """Write a ready-to-edit `kind` file named after `title`; return its path. Never overwrites."""
    if kind not in KINDS:
        raise ScaffoldError(f"unknown kind '{kind}' (expected one of: {', '.join(KINDS)})")
    given, title = title, " ".join(without_forbidden(title).split())  # pasted titles bring invisible characters
    config = load_config(root)
    slug = shorten(slugify(title, config.slugs), NEW_SLUG_LIMIT)
    if not slug:
        raise ScaffoldError(f"the title '{shown_name(given)}' has no letters or digits to make an address from")
    folder = root / layout.FOLDER_OF[kind]
    path = folder / f"{slug}.md"
    if kind == "journey" and (folder / slug).exists():
        raise ScaffoldError(f"{_shown(folder / slug, root)}/ already exists; choose another title or edit it")
    category = config.categories[0].name
    text = _TEMPLATES[kind].format(
        title=yaml_string(title),
        heading=title,
        date=today().isoformat(),
        category=yaml_string(category),
    )
    folder.mkdir(parents=True, exist_ok=True)
    try:
        with path.open("x", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
    except FileExistsError:
        raise ScaffoldError(f"{_shown(path, root)} already exists; choose another title or edit that file") from None
    return path


def yaml_string(text: str) -> str:
    """A double-quoted YAML scalar that reads back as exactly `text` (colons, quotes and '#' included)."""
    quoted = json.dumps(text, ensure_ascii=False)
    for char, escape in (("\u2028", "\\u2028"), ("\u2029", "\\u2029"), ("\x85", "\\x85")):
        quoted = quoted.replace(char, escape)  # YAML reads these as line breaks
    return quoted


MARKDOWN_ESCAPES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", **{c: "\\" + c for c in "\\`*_[]#!"}}


def markdown_text(text: str) -> str:
    """`text` as it should read in a Markdown body: a name such as 'Therapy *Plus* [North]' or
    'Dr. <Kim>' shows as written, not as emphasis, a link or an HTML tag the sanitiser drops."""
    return "".join(MARKDOWN_ESCAPES.get(char, char) for char in text)


def _shown(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return str(path)


_ARTICLE = """\
---
title: {title}
date: {date}
category: {category}
description: ""   # one sentence shown in listings and search results
tags: []          # e.g. [sleep, anxiety]
---

Start with a sentence or two that tells the reader what this article offers.

## A first heading

Write here, in Markdown. Put [[booking]] on a line of its own to place the booking block
inside the text; otherwise it appears at the end.
"""

_JOURNEY = """\
---
title: {title}
duration: 1 week
category: {category}
description: ""   # one sentence shown in listings and search results
---

# {heading}

A short welcome: who this journey is for and what the reader will practise.

## How to Use This Journey

Each day takes about ten minutes:
- Choose a regular time of day.
- Go at your own pace; repeating a day is fine.

## Day 1: Getting Started

### Today's Learning

**A bold lead.** What the reader learns today.

*Example:* a short, everyday story.

### Why This Matters

Why this helps, in a few sentences.

### Today's Activity

Step 1: The first thing to do.

Step 2: The next thing to do:
- a detail

### Reflection Questions

1. What did you notice today?
2. What would you like to try tomorrow?

## Your Journey Plan

### Week 1: Getting Started
- Getting started
- Day 2's topic
- Day 3's topic
- Day 4's topic
- Day 5's topic
- Day 6's topic
- Day 7's topic

## Expected Outcomes

What a reader can expect after this week.

Remember: a kind closing sentence.
"""

_PAGE = """\
---
title: {title}
description: ""   # one sentence shown in search results
---

Write this page here, in Markdown.
"""

_CLINICIAN = """\
---
name: {title}
credentials: ""   # e.g. LMFT, PsyD
role: ""          # e.g. Licensed Marriage and Family Therapist
regions: []       # where they are licensed, e.g. [Oregon, Washington]
licenses: []      # each licence, e.g. [{{type: LMFT, number: T-1234, region: Oregon}}]
supervisor: ""    # an associate, intern or trainee: their supervisor's file name in content/team/
specialties: []   # e.g. [Couples therapy, Anxiety]
---

A short bio in Markdown: how they work, and what a first session is like.
"""

_TEMPLATES = {"article": _ARTICLE, "journey": _JOURNEY, "page": _PAGE, "clinician": _CLINICIAN}

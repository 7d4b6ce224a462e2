"""Where things live in a project: the one description of its folders.

Discovery reads content from here, `sitegen new` and `sitegen import` write into it, the
watcher and the up-to-date check watch it, and the output checks keep builds out of it.
"""

from __future__ import annotations

CONFIG_FILE = "site.yaml"
CONTENT = "content"
ARTICLES = "content/articles"
JOURNEYS = "content/journeys"
PAGES = "content/pages"
TEAM = "content/team"
IMAGES = "content/images"
AUDIO = "content/audio"
"""Recordings for guided exercises, each with its transcript beside it (breathing.mp3, breathing.md)."""
FOLDER_OF = {"article": ARTICLES, "journey": JOURNEYS, "page": PAGES, "clinician": TEAM}
"""Where each kind of content file goes."""
THEMES = "themes"
"""A project's own themes, one folder each: themes/<name>/ (templates/, static/, strings/)."""
SOURCE_FOLDERS = (CONTENT, "templates", "static", THEMES)
"""The folders a build reads, besides site.yaml."""
JOURNEY_FILE = "journey.md"
"""A journey written as a folder: `content/journeys/<slug>/journey.md` plus its day files."""


def article_file(slug: str) -> str:
    """The file, relative to the project, that holds the article with this slug."""
    return f"{ARTICLES}/{slug}.md"

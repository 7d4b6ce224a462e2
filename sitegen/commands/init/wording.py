"""The words a new site starts with, in its own language: what each language's module fills in.

A site in Spanish gets its categories, pages and first writing in Spanish, so every page's
`lang` tells the truth about its text (and a screen reader reads it in the right voice).
The files' names stay the same in every language: the theme finds the privacy page by its
name, and the menu in site.yaml names them.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Wording:
    language: str
    categories: tuple[tuple[str, str], ...]
    """(name, description) of each starting category, in order: the welcome article is filed under
    the first, the journey under the second."""
    description: str
    """site.yaml's placeholder description, with {name} for the practice."""
    about_title: str
    team_note: str
    """A line of the about page when no clinician was named, leading to the team page."""
    book_by_phone: str
    book_by_link: str
    welcome_title: str
    welcome_slug: str
    journey_slug: str
    about: str
    contact: str
    fees: str
    fees_good_faith_estimate: str
    """The fees page's paragraph for a US practice, leading to its /good-faith-estimate/ page."""
    privacy: str
    crisis: str
    welcome: str
    journey: str
    clinician: str

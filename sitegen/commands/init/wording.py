"""The words a new site starts with that depend on its language: its categories and description.

The starter pages themselves are written in English for now (see pages.py); a site in
another language gets its categories in that language, so the addresses and menus a
reader sees first match the theme's words, and the pages say to rewrite them.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Wording:
    language: str
    categories: tuple[tuple[str, str], ...]
    """(name, description) of each starting category, in order."""
    description_text: str
    """site.yaml's placeholder description, with `{name}` for the practice."""

    def description(self, name: str) -> str:
        return self.description_text.format(name=name)

    @property
    def first_steps(self) -> str:
        """The category of the welcome article."""
        return self.categories[0][0]

    @property
    def calmer(self) -> str:
        """The category of the starter journey."""
        return self.categories[1][0]


ENGLISH = Wording(
    "en",
    (
        ("Starting Therapy", "What therapy is like, and how to take the first step."),
        ("Anxiety & Stress", "Worry, panic and pressure, and ways to feel steadier."),
        ("Low Mood", "Depression, low energy and the small steps that help."),
        ("Relationships", "Partners, family and the people who matter to you."),
        ("Life Changes", "Loss, transitions and new beginnings."),
    ),
    "Replace: a sentence or two saying who {name} helps, and where and how you meet clients.",
)

SPANISH = Wording(
    "es",
    (
        ("Empezar terapia", "Cómo es la terapia y cómo dar el primer paso."),
        ("Ansiedad y estrés", "Preocupación, pánico y presión, y maneras de sentirse más estable."),
        ("Ánimo bajo", "Depresión, cansancio y los pequeños pasos que ayudan."),
        ("Relaciones", "La pareja, la familia y las personas que le importan."),
        ("Cambios de vida", "Pérdidas, transiciones y nuevos comienzos."),
    ),
    "Replace: una o dos frases sobre a quién ayuda {name}, y dónde y cómo atiende.",
)

WORDING = {wording.language: wording for wording in (ENGLISH, SPANISH)}

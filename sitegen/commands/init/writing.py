"""The new site's first writing: a welcome article, a one-week journey, and a team file per clinician.

They are real examples of each format rather than empty skeletons, so the owner sees how
an article, a journey day and a clinician's page look before writing their own, and each
says at its top what to replace.
"""

from __future__ import annotations

import datetime as dt

from sitegen.commands.init.answers import Answers
from sitegen.commands.init.wording import Wording
from sitegen.commands.scaffold import markdown_text, yaml_string
from sitegen.core import layout


def writing_files(answers: Answers, words: Wording, today: dt.date) -> dict[str, str]:
    first_steps, calmer = words.categories[0][0], words.categories[1][0]
    files = {
        layout.article_file(words.welcome_slug): words.welcome.format(
            title=yaml_string(words.welcome_title.format(name=answers.name)),
            date=today.isoformat(),
            category=yaml_string(first_steps),
            name=markdown_text(answers.name),
        ),
        f"{layout.JOURNEYS}/{words.journey_slug}.md": words.journey.format(category=yaml_string(calmer)),
    }
    for order, clinician in enumerate(answers.clinicians, start=1):
        files[f"{layout.TEAM}/{clinician.slug}.md"] = words.clinician.format(
            name=yaml_string(clinician.name), shown=markdown_text(clinician.name), order=order
        )
    return files

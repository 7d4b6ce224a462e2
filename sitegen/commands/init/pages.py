"""The new site's content pages: about, contact, fees and privacy (and crisis, when init cannot name services).

Each builds as it stands and says, in its own text, what the practice should put in its
place: a visible "Replace" line at the top and [square brackets] around each detail, so
the preview shows at a glance what is still a placeholder.
"""

from __future__ import annotations

from sitegen.commands.init.answers import Answers
from sitegen.commands.init.wording import Wording
from sitegen.commands.scaffold import markdown_text, yaml_string
from sitegen.core import layout


def page_files(answers: Answers, words: Wording) -> dict[str, str]:
    name = markdown_text(answers.name)
    quoted_name = yaml_string(answers.name)[1:-1]  # inside a front matter value's own double quotes
    booking = _how_to_book(answers, words)
    estimate = _good_faith_estimate(answers, words)
    files = {
        "about": words.about.format(
            title=yaml_string(words.about_title.format(name=answers.name)), name=name, team=_team_note(answers, words)
        ),
        "contact": words.contact.format(name=name, quoted_name=quoted_name, booking=booking),
        "fees": words.fees.format(name=name, quoted_name=quoted_name, booking=booking, good_faith_estimate=estimate),
        "privacy": words.privacy.format(name=name, quoted_name=quoted_name),
    }
    if not answers.country_known:
        files["crisis"] = words.crisis.format(country=answers.country, notice=answers.crisis_text)
    return {f"{layout.PAGES}/{slug}.md": text for slug, text in files.items()}


def _good_faith_estimate(answers: Answers, words: Wording) -> str:
    """A US practice's fees page leads to its Good Faith Estimate page, as the law's notice should be easy to find."""
    return words.fees_good_faith_estimate if answers.country == "US" else ""


def _team_note(answers: Answers, words: Wording) -> str:
    """With no clinicians named yet, the team page is linked from the about page (the menu leaves
    it out until it has someone on it), so it is never a page nothing leads to."""
    return "" if answers.clinicians else f"\n{words.team_note}\n"


def _how_to_book(answers: Answers, words: Wording) -> str:
    url = answers.booking.url
    if url.startswith("tel:"):
        return words.book_by_phone.format(phone=answers.booking.phone or url[4:], url=url)
    return words.book_by_link.format(url=url)

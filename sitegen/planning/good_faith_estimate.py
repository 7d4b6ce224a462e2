"""A US practice's Good Faith Estimate notice (No Surprises Act): the built-in page's words, and
the warning when a practice switches it off.

Who decides, most specific first: `good_faith_estimate: false` (no page, no links, a warning),
the practice's own content/pages/good-faith-estimate.md (its page, the same links), then the
theme's `gfe_*` strings filled with the facts in config/good_faith_estimate.py. A practice
outside the US gets nothing: the notice is a US law's.
"""

from __future__ import annotations

from markupsafe import Markup

from sitegen.config.good_faith_estimate import FACTS
from sitegen.config.site_config import CONFIG_FILE, SiteConfig
from sitegen.core.errors import ContentError
from sitegen.planning.views import GoodFaithEstimateView
from sitegen.theming.strings import Strings


def builtin_page_wanted(config: SiteConfig, own_page: bool) -> bool:
    """Whether the built-in page is made: a US practice that kept it and wrote none of its own."""
    return config.shows_good_faith_estimate and not own_page


def notice_view(strings: Strings) -> GoodFaithEstimateView:
    """The notice's paragraphs in the site's language; amounts and contacts come from the facts,
    never from a translation."""
    (near, near_due), (far, far_due) = FACTS.scheduled_ahead_days
    website = _link(FACTS.website, FACTS.website.removeprefix("https://"))
    return GoodFaithEstimateView(
        intro=strings.t("gfe_intro"),
        covers=strings.t("gfe_covers"),
        ask=strings.t("gfe_ask"),
        timing=strings.t(
            "gfe_timing", near=near, near_due=near_due, far=far, far_due=far_due, asked_due=FACTS.asked_within_days
        ),
        dispute=strings.t("gfe_dispute", amount=f"${FACTS.dispute_threshold}", days=FACTS.dispute_days),
        keep=strings.t("gfe_keep"),
        learn_more=strings.t(
            "gfe_learn_more",
            website=website,
            email=_link(f"mailto:{FACTS.email}", FACTS.email),
            phone=_link(f"tel:+1{FACTS.phone_digits.removeprefix('1')}", FACTS.phone),
        ),
    )


def switched_off_warning(config: SiteConfig, own_page: bool) -> str | None:
    """A located warning when a US practice said `good_faith_estimate: false` and wrote no page
    of its own (content/pages/good-faith-estimate.md, which is then published and linked), or
    when a practice outside the US asked for the page, which only US law defines; else None."""
    if not config.is_us and config.good_faith_estimate and config.wrote("good_faith_estimate"):
        country = config.practice.country.strip().upper() or "not set"
        return str(
            ContentError(
                CONFIG_FILE,
                config.line_of("good_faith_estimate"),
                f"'good_faith_estimate: true' makes no page here: the notice is the United States' "
                f"(No Surprises Act), and practice.country is {country}",
                "remove the line; a US practice sets practice.country: US and gets the page without it",
            )
        )
    if not config.is_us or config.good_faith_estimate or own_page:
        return None
    return str(
        ContentError(
            CONFIG_FILE,
            config.line_of("good_faith_estimate"),
            "'good_faith_estimate: false' leaves the site without the No Surprises Act notice for clients "
            "who pay for themselves",
            "US law asks for it on your website; remove that line for the built-in page, "
            "or write your own in content/pages/good-faith-estimate.md (without either, remove the links "
            "to /good-faith-estimate/ from your pages, such as the fees page)",
        )
    )


def _link(url: str, label: str) -> Markup:
    return Markup('<a href="{}">{}</a>').format(url, label)

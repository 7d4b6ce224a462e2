"""The new site's content pages: about, contact, fees and privacy (and crisis, when init cannot name services).

Each builds as it stands and says, in its own text, what the practice should put in its
place: a visible "Replace" line at the top and [square brackets] around each detail, so
the preview shows at a glance what is still a placeholder.
"""

from __future__ import annotations

from sitegen.commands.init.answers import Answers
from sitegen.commands.scaffold import yaml_string
from sitegen.core import layout


def page_files(answers: Answers) -> dict[str, str]:
    name = answers.name
    booking = _how_to_book(answers)
    files = {
        "about": _ABOUT.format(title=yaml_string(f"About {name}"), name=name, team=_team_note(answers)),
        "contact": _CONTACT.format(name=name, booking=booking),
        "fees": _FEES.format(name=name, booking=booking),
        "privacy": _PRIVACY.format(name=name),
    }
    if not answers.country_known:
        files["crisis"] = _CRISIS.format(country=answers.country, notice=answers.crisis_text)
    return {f"{layout.PAGES}/{slug}.md": text for slug, text in files.items()}


def _team_note(answers: Answers) -> str:
    """With no clinicians named yet, the team page is linked from here (the menu leaves it out until
    it has someone on it), so it is never a page nothing leads to."""
    if answers.clinicians:
        return ""
    return (
        "\n[Introduce the people clients would see. Add each one with `sitegen new clinician \"Their Name\"`:\n"
        "they are listed on [the team page](/team/), which you can then add to the menu in site.yaml.]\n"
    )


def _how_to_book(answers: Answers) -> str:
    url = answers.booking.url
    if url.startswith("tel:"):
        return f"call us on [{answers.booking.phone or url[4:]}]({url})"
    return f"use [our booking page]({url})"


_ABOUT = """\
---
title: {title}
nav_label: About
description: "Replace: one sentence about the practice, shown in search results."
---

*Replace this page's text with your own words. It is the page people read to decide
whether you feel like the right place, so write it as you would speak to them.*

{name} is [a short description: who you are, where you see clients, in person or online].
{team}
## How we work

[A few sentences about your approach: what a session is like, the kinds of therapy you
draw on, and how you and a client decide together what to work on.]

## Who we see

[Who you help: adults, teenagers, couples, families; and the concerns you work with most.]

We are not an emergency service. If you need help right away, the crisis notice at the
top of every page says who to call.

## Getting started

[How a first contact works: a free call, a form, an email. Say how soon people can
expect to hear back.]
"""

_CONTACT = """\
---
title: Contact
nav_label: Contact
description: "How to reach {name} and book a first session."
---

*Replace the details in [square brackets] with your own, and remove this line.*

To book a first session, {booking}. If you would like to ask something first, you are
welcome to get in touch:

- Phone: [your phone number, and the hours you answer it]
- Email: [your email address]
- Address: [where you see clients, or "online only"]

We usually reply within [two working days]. Please keep messages short and leave out
health details: email is convenient, but not private.

If you are in crisis, please do not wait for our reply: the notice at the top of this
page says who to call now.
"""

_FEES = """\
---
title: Fees
nav_label: Fees
description: "What sessions with {name} cost, and how payment works."
---

*Replace every amount and detail in [square brackets] with your own, and remove this line.*

Knowing the cost before you start makes the first step easier. Here is what sessions cost
at {name}:

- First consultation: [free, 15 minutes by phone]
- Individual session: [amount] for [50] minutes
- Couples or family session: [amount] for [75] minutes

## Insurance

[Which insurers you work with, or how clients can claim the cost back themselves.]

## Cancelling

[How much notice you ask for when someone cannot come, and what happens otherwise.]

## Reduced fees

[Whether you keep some places at a lower fee, and how to ask for one.]

To book, {booking}.
"""

_PRIVACY = """\
---
title: Privacy
nav_label: Privacy
description: "This website sets no cookies and uses no trackers. Here is how {name} handles your information."
---

*Check this page against how your practice really works, replace the parts in
[square brackets], and remove this line.*

Looking for help is personal, so this website is made to be read without anyone
watching.

## What this website does not do

- It sets no cookies.
- It uses no analytics, advertising or tracking of any kind: we do not know which pages
  you read.
- Everything it shows, fonts and images included, comes from this website itself, so no
  other company learns that you visited.

The company that hosts the site may keep brief technical records of requests, for
security. We do not use them to find out who you are.

## Your progress stays with you

The guided journeys on this site can remember which days you have finished. That note
is kept in your own browser only, never sent to us, and you can clear it on any journey
page.

## When you contact us

[What you do with the details people send you, how long you keep them, and where your
clinical records are kept once someone becomes a client.]

Questions about privacy are welcome: [your email address].
"""

_CRISIS = """\
---
title: Crisis Support
description: "Who to contact when you need help right away."
---

*Replace: list here the crisis lines, text services and emergency numbers your readers
in {country} can reach, each with its hours and who it is for. Check every number
yourself before publishing, then remove this line.*

{notice}

If you are in danger right now, call your local emergency number.

[A crisis line: its name, its number, and when it answers.]

[A text or chat service, if there is one.]
"""

"""The new site's `site.yaml`: every key the practice starts with, each with a note saying what it does.

The owner reads this file before any other, so the notes are written for them: what the key
changes on the site, and whether it still holds a placeholder ("Replace").
"""

from __future__ import annotations

from sitegen.commands.init.answers import Answers
from sitegen.commands.init.wording import Wording
from sitegen.commands.scaffold import yaml_string
from sitegen.config.crisis_services import known_countries

PLACEHOLDER_BASE_URL = "https://www.example.org/"


def site_yaml(answers: Answers, words: Wording) -> str:
    name = answers.name
    parts = [
        _HEAD.format(name=answers.name, title=yaml_string(answers.name), base_url=PLACEHOLDER_BASE_URL),
        _LANGUAGE.format(language=answers.language, description=yaml_string(words.description.format(name=name))),
        _practice(answers),
        _booking(answers),
        _crisis(answers),
        _categories(words),
        _navigation(answers),
        _DEPLOY,
    ]
    return "\n".join(parts)


_HEAD = """\
# The settings of {name}'s website. A line starting with "#" is a note, or an example
# to copy: sitegen ignores it. Search for "Replace" to find what still needs your own details.
# Every key is described in sitegen's README ("site.yaml keys").

# The site's name, shown in every page's header and in the browser's tab.
title: {title}

# Replace: the address the site will be published at, ending with "/". Links to your pages,
# the sitemap and previews shared on social media are made from it. A site in a folder of
# another site works too, e.g. https://www.example.org/practice/
base_url: {base_url}
"""

_LANGUAGE = """\
# The language the pages are written in: en (English) or es (Spanish), alone or with a
# region (es-MX). The theme's own words (menus, buttons, the crisis notice's link) follow it.
language: {language}

# Replace: a sentence or two about the practice, shown by search engines and link previews.
description: {description}
"""


def _practice(answers: Answers) -> str:
    country_name = known_countries().get(answers.country, answers.country)
    phone = f"  phone: {yaml_string(answers.booking.phone)}" if answers.booking.phone else '  # phone: "555-0100"'
    email = f"  email: {yaml_string(answers.email)}" if answers.email else "  # email: hello@example.org"
    return f"""\
# Who runs the site. Phone, email and address appear at the foot of every page once
# filled in: replace the examples and remove the "# " in front of each line you use.
practice:
  name: {yaml_string(answers.name)}
  # The country you practise in, as its two-letter code ({country_name}). It decides which
  # crisis services the pages name.
  country: {answers.country}
{phone}
{email}
  # address: "1 Example Street, Example Town"
  # The places where you offer sessions online, e.g. [Oregon, Washington]
  # telehealth: [Example State]
"""


def _booking(answers: Answers) -> str:
    return f"""\
# The booking button in the header, and the invitation at the end of articles and journeys.
booking:
  # Where it leads: your booking page (https://…), a phone number as a tel: link
  # (tel:+15550100, which a phone dials when tapped), or a page of this site (/contact/).
  url: {yaml_string(answers.booking.url)}
  # The button's words and the sentence beside it. Left out, the theme's own are used:
  # label: Book a free consultation
  # text: A first conversation is an easy place to start.
"""


def _crisis(answers: Answers) -> str:
    if not answers.country_known:
        return f"""\
# The crisis notice shown at the top of every page, in your own words: sitegen does not yet
# know the crisis services of {answers.country}, so it shows exactly this. Check the numbers with care.
# content/pages/crisis.md, linked from the notice, lists the services in more detail.
crisis:
  text: {yaml_string(answers.crisis_text)}
"""
    code, country = answers.country, known_countries()[answers.country]
    if answers.crisis_text:
        return f"""\
# The crisis notice shown at the top of every page, in your own words. Without it, sitegen
# would name the crisis services it knows for {code} ({country}): remove these lines to use them.
crisis:
  text: {yaml_string(answers.crisis_text)}
"""
    return f"""\
# The crisis notice shown at the top of every page. practice.country chooses it: sitegen
# names the crisis services it knows for {code} ({country}), so nothing more is needed here.
# To word it yourself, remove the "# " in front of the two lines below and write your own:
# crisis:
#   text: "If you are in crisis, call or text ... In an emergency, call ..."
"""


def _categories(words: Wording) -> str:
    lines = [
        "# The topics articles and journeys are filed under; each article names one in its",
        '# "category:". Rename, add or remove them to fit your practice. "order" sets their order.',
        "categories:",
    ]
    for order, (name, description) in enumerate(words.categories, start=1):
        lines += [f"  - name: {yaml_string(name)}", f"    description: {yaml_string(description)}"]
        lines.append(f"    order: {order}")
    return "\n".join(lines) + "\n"


def _navigation(answers: Answers) -> str:
    entries = ["about", *(["team"] if answers.clinicians else []), "articles", "journeys", "fees", "contact"]
    listed = "\n".join(f"  - {entry}" for entry in entries)
    return f"""\
# The menu in the header, in this order. Each entry is a page in content/pages/ (its file
# name without .md) or a section: articles, journeys, team, categories or search.
navigation:
{listed}
"""


_DEPLOY = """\
# Where `sitegen deploy` publishes the site (the first one, unless you name another).
# Remove the "# " in front of the lines of the one you use. Passwords and keys never go
# here: see README.md.
# deploy:
#   - name: live
#     url: s3://my-bucket/site?endpoint=https://ACCOUNT.r2.cloudflarestorage.com&region=auto
#   - name: pages
#     url: git+https://github.com/you/your-site.git#gh-pages
#   - name: server
#     url: file:///srv/www/your-site
"""

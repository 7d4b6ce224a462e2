"""The answers `sitegen init` needs, and the rules each one must pass before anything is written.

Every rule here is used twice: on a flag (where a bad answer ends the run with the reason)
and on a typed answer (where the question is asked again). So each check takes the raw
text and returns either the cleaned answer or a `Refusal` that says why, in words for a
practice owner rather than for a programmer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from sitegen.config.crisis_services import known_countries
from sitegen.core.characters import without_forbidden
from sitegen.core.links import link_scheme
from sitegen.core.slugs import UNICODE, shorten, slugify

LANGUAGES = ("en", "es")
"""The languages the built-in theme speaks today (themes/default/strings/)."""
DEFAULT_LANGUAGE = "en"
TEAM_SLUG_LIMIT = 100

_COUNTRY = re.compile(r"^[A-Za-z]{2}$")
_PHONE = re.compile(r"^\+?[\d\s().\-/]+$")
_PHONE_DIGITS = 5
_LOOKS_LIKE_HOST = re.compile(r"^(www\.)?[\w-]+(\.[\w-]+)+(/.*)?$")
_COMMON_MIX_UPS = {"UK": "GB", "EN": "GB"}
"""Codes people reach for that ISO 3166 spells otherwise."""
_THREE_LETTER = {"USA": "US", "CAN": "CA", "GBR": "GB", "IRL": "IE", "AUS": "AU", "NZL": "NZ"}
"""The three-letter codes (ISO 3166 alpha-3) of the countries whose crisis services sitegen knows."""
_NAMES_PEOPLE_USE = {
    "united states of america": "US",
    "america": "US",
    "england": "GB",
    "scotland": "GB",
    "wales": "GB",
    "northern ireland": "GB",
    "britain": "GB",
    "great britain": "GB",
    "aotearoa": "NZ",
}
_LANGUAGE_TAG = re.compile(r"^([A-Za-z]{2})(?:[-_]([A-Za-z]{2}|\d{3}))?$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


@dataclass(frozen=True)
class Refusal:
    """Why an answer cannot be used, and what would work."""

    message: str
    hint: str


@dataclass(frozen=True)
class Booking:
    """Where the booking button goes, and the phone number to show if the answer was one."""

    url: str
    phone: str = ""


@dataclass(frozen=True)
class Clinician:
    name: str
    slug: str


@dataclass(frozen=True)
class Answers:
    """Everything the new site is made from; each field has passed its check."""

    name: str
    country: str
    language: str
    """A language tag: `en`, or with a region, `es-MX`."""
    booking: Booking
    clinicians: tuple[Clinician, ...] = ()
    crisis_text: str = ""
    """The practice's own crisis wording; only for a country sitegen knows no services for."""
    email: str = ""
    """Where readers may write; the accessibility statement and the footer name it."""

    @property
    def base_language(self) -> str:
        """The language without its region (`es` for `es-MX`): the starter text's language."""
        return self.language.split("-")[0]

    @property
    def country_known(self) -> bool:
        return self.country in known_countries()


def one_line(text: str) -> str:
    """Text as one tidy line: invisible pasted characters gone, runs of spaces and breaks made one space."""
    return " ".join(without_forbidden(text).split())


def check_name(text: str) -> str | Refusal:
    name = one_line(text)
    if not name:
        return Refusal("the practice needs a name", "it is the site's title, e.g. Harbor Light Therapy")
    return name


def check_country(text: str) -> str | Refusal:
    code = text.strip().upper()
    if not _COUNTRY.match(code):
        meant = _THREE_LETTER.get(code) or _country_named(one_line(text))
        return Refusal(
            f"'{one_line(text)}' is not a two-letter country code",
            f"the code for {_called(meant)} is {meant}"
            if meant
            else "write the ISO 3166 code, e.g. US, CA, GB, IE, AU or NZ",
        )
    if code in _COMMON_MIX_UPS:
        right = _COMMON_MIX_UPS[code]
        return Refusal(f"'{code}' is not a country code", f"the code for {_called(right)} is {right}")
    return code


def _called(code: str) -> str:
    """A known country's name as a sentence says it: "the United Kingdom", but "Canada"."""
    name = known_countries()[code]
    return f"the {name}" if name.startswith("United") else name


def _country_named(name: str) -> str | None:
    """The code of a known country written out by name ("United Kingdom", "england")."""
    lowered = name.lower().removeprefix("the ")
    by_name = {country.lower(): code for code, country in known_countries().items()}
    return by_name.get(lowered) or _NAMES_PEOPLE_USE.get(lowered)


def check_language(text: str) -> str | Refusal:
    """`en` or `es`, alone or with a region (`es-MX`, `en_GB`), which is kept for the pages' `lang`."""
    tag = _LANGUAGE_TAG.match(text.strip() or DEFAULT_LANGUAGE)
    if tag is None or tag.group(1).lower() not in LANGUAGES:
        return Refusal(
            f"the theme does not speak '{one_line(text)}' yet",
            f"choose one of: {', '.join(LANGUAGES)}, alone or with a region such as es-MX "
            "(you can translate the theme's words later, see README)",
        )
    language, region = tag.group(1).lower(), tag.group(2)
    return f"{language}-{region.upper()}" if region else language


def check_email(text: str) -> str | Refusal:
    """An address readers may write to, or nothing (the question may be skipped)."""
    email = text.strip().removeprefix("mailto:")
    if email and not _EMAIL.match(email):
        return Refusal(
            f"'{one_line(text)}' is not an email address", "write it like hello@example.org, or leave it empty"
        )
    return email


def check_booking(text: str) -> Booking | Refusal:
    """A web address, a phone number (made a tel: link a phone can dial) or a page of this site."""
    answer = text.strip()
    if not answer:
        return Refusal("the site needs a way to book", _BOOKING_HINT)
    if answer.startswith("/") and not answer.startswith("//"):
        return _site_booking(answer)
    scheme = link_scheme(answer)
    if scheme in ("http", "https"):
        return _web_booking(answer)
    if scheme == "tel":
        digits = re.sub(r"[^\d+]", "", answer[4:])
        return Booking(f"tel:{digits}") if len(digits) >= _PHONE_DIGITS else Refusal(_NO_NUMBER, _BOOKING_HINT)
    if scheme is None and _PHONE.match(answer) and sum(c.isdigit() for c in answer) >= _PHONE_DIGITS:
        return Booking("tel:" + re.sub(r"[^\d+]", "", answer), phone=answer)
    if scheme is None and _LOOKS_LIKE_HOST.match(answer):
        return Refusal(f"'{answer}' has no https:// in front", f"did you mean https://{answer} ?")
    if scheme == "mailto":
        return Refusal(
            "init takes a booking page or a phone number, not an email address",
            "give a web address or a phone number now; to book by email, put the mailto: address "
            "in booking.url in site.yaml afterwards",
        )
    if scheme is not None:
        return Refusal(f"a booking link cannot start with '{scheme}:'", _BOOKING_HINT)
    return Refusal(f"'{answer}' is not a web address, a phone number or a page of the site", _BOOKING_HINT)


_BOOKING_HINT = (
    "give the web address where clients book (https://…), a phone number (it becomes a tel: link "
    "that a phone can dial), or a page of this site such as /contact/"
)
_NO_NUMBER = "that tel: link has no phone number in it"


STARTER_PAGES = ("/contact/", "/about/", "/fees/", "/team/")
"""The pages of the new site a booking link may lead to: a page init does not write would be a
broken link on every page until the practice wrote it."""


def _site_booking(answer: str) -> Booking | Refusal:
    if " " in answer:
        return Refusal(f"'{answer}' has a space in it", _BOOKING_HINT)
    path, mark, section = answer.partition("#")
    path = path if path.endswith("/") else path + "/"
    if mark:
        return Refusal(
            f"the new site's {path} page has no '#{section}' section yet",
            f"lead to the page alone ({path}); once you add that section, put '#{section}' back in site.yaml",
        )
    if path not in STARTER_PAGES:
        return Refusal(
            f"the new site has no page at {path}",
            f"lead to one of the pages init writes ({', '.join(STARTER_PAGES)}), e.g. /contact/, "
            "or to your booking page's https:// address; you can change it in site.yaml later",
        )
    return Booking(path)


def _web_booking(answer: str) -> Booking | Refusal:
    try:
        host = urlsplit(answer).hostname
    except ValueError:
        host = None
    if not host or any(c.isspace() for c in answer):
        return Refusal(f"'{answer}' is not a complete web address", "write it like https://example.org/book")
    return Booking(answer)


def check_clinicians(names: list[str]) -> tuple[Clinician, ...] | Refusal:
    """Each name gets a team file named after it, so two names may not share one file."""
    clinicians: list[Clinician] = []
    seen: dict[str, str] = {}
    for raw in names:
        name = one_line(raw)
        if not name:
            continue
        slug = shorten(slugify(name, UNICODE), TEAM_SLUG_LIMIT)
        if not slug:
            return Refusal(f"the name '{name}' has no letters or digits", "write the clinician's name as it is spelt")
        if slug in seen:
            return Refusal(f"'{seen[slug]}' and '{name}' would share one team file", "give each clinician once")
        seen[slug] = name
        clinicians.append(Clinician(name, slug))
    return tuple(clinicians)


def split_names(text: str) -> list[str]:
    """'Ana Ruiz, Ben Li' or one name per line: the list of names, blanks dropped."""
    return [part for line in text.splitlines() for part in line.split(",") if part.strip()]


def check_crisis_text(text: str) -> str | Refusal:
    wording = one_line(text)
    if not wording:
        return Refusal("the crisis notice needs your own words", _CRISIS_HINT)
    return wording


_CRISIS_HINT = (
    "write the sentence every page should show, naming the crisis line and the emergency number your readers can call"
)


def unknown_country_refusal(country: str) -> Refusal:
    known = ", ".join(known_countries())
    return Refusal(
        f"sitegen does not know the crisis services of '{country}' yet, and it will not guess them",
        f'give the notice in your own words with --crisis-text "..." (it knows {known})',
    )

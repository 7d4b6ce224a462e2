"""Getting the answers: from flags, for scripts, or by asking the questions one at a time.

Flags are checked first and a bad one ends the run, since whoever typed it is not
necessarily there to answer again. A typed answer that does not pass is explained and the
question asked again. Without a person to ask, a missing answer is an error naming the flag
that gives it; every such problem is reported together.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from sitegen.commands.init import answers as a
from sitegen.config.crisis_services import known_countries

Ask = Callable[[str], str]
"""Shows a prompt and returns the line typed (without its line break); EOFError when input ends."""
Say = Callable[[str], None]

T = TypeVar("T")


@dataclass(frozen=True)
class Given:
    """What the flags said; None where a flag was not given."""

    name: str | None = None
    country: str | None = None
    language: str | None = None
    booking: str | None = None
    clinicians: tuple[str, ...] | None = None
    crisis_text: str | None = None
    email: str | None = None


class InitRefused(Exception):
    """Answers that cannot make a site; nothing was written."""

    def __init__(self, refusals: list[a.Refusal]) -> None:
        super().__init__("; ".join(r.message for r in refusals))
        self.refusals = refusals


def answers_from_flags(given: Given) -> a.Answers:
    """The answers given as flags alone; InitRefused listing each missing or bad one."""
    refusals: list[a.Refusal] = []

    def need(value: str | None, check: Callable[[str], T | a.Refusal], flag: str, example: str) -> T | None:
        if value is None:
            refusals.append(a.Refusal(f"no answer for {flag}", f"pass {flag} {example}"))
            return None
        return _kept(check(value), refusals)

    name = need(given.name, a.check_name, "--name", '"Your Practice Name"')
    country = need(given.country, a.check_country, "--country", "US (the two-letter code of your country)")
    language = _kept(a.check_language(given.language or ""), refusals)
    booking = need(given.booking, a.check_booking, "--booking-url", "https://… (or a phone number, or /contact/)")
    clinicians = _kept(a.check_clinicians(list(given.clinicians or ())), refusals)
    crisis_text = ""
    if given.crisis_text is not None:
        crisis_text = _kept(a.check_crisis_text(given.crisis_text), refusals) or ""
    elif country and country not in known_countries():
        refusals.append(a.unknown_country_refusal(country))
    email = _kept(a.check_email(given.email or ""), refusals)
    if refusals:
        raise InitRefused(refusals)
    assert name and country and language and booking is not None and clinicians is not None and email is not None
    return a.Answers(name, country, language, booking, clinicians, crisis_text, email)


def _kept(result: T | a.Refusal, refusals: list[a.Refusal]) -> T | None:
    if isinstance(result, a.Refusal):
        refusals.append(result)
        return None
    return result


def ask_answers(given: Given, ask: Ask, say: Say) -> a.Answers:
    """Ask for every answer the flags did not give; a bad flag still refuses at once."""
    flagged = _flags_only(given)
    say("A few questions about the practice. Everything can be changed later in site.yaml.")
    name = flagged.name or _ask_until(ask, say, "Practice name: ", a.check_name)
    country = flagged.country or _ask_until(ask, say, "Country, as its two-letter code (e.g. US): ", a.check_country)
    crisis_text = flagged.crisis_text
    if country not in known_countries() and not crisis_text:
        say(_unknown_country_note(country))
        crisis_text = _ask_until(ask, say, "Crisis notice: ", a.check_crisis_text)
    language = flagged.language or _ask_until(ask, say, _LANGUAGE_PROMPT, a.check_language)
    booking = flagged.booking or _ask_until(
        ask, say, "Booking link (https://…), phone number, or a page such as /contact/: ", a.check_booking
    )
    email = flagged.email if given.email is not None else _ask_until(ask, say, _EMAIL_PROMPT, a.check_email)
    clinicians = flagged.clinicians if given.clinicians is not None else _ask_clinicians(ask, say)
    return a.Answers(name, country, language, booking, clinicians, crisis_text, email)


_LANGUAGE_PROMPT = (
    f"Language of the site ({' or '.join(a.LANGUAGES)}, or with a region: es-MX) [{a.DEFAULT_LANGUAGE}]: "
)
_EMAIL_PROMPT = "Email address readers may write to (shown in the footer; Enter to skip): "


@dataclass(frozen=True)
class _Flagged:
    name: str = ""
    country: str = ""
    language: str = ""
    booking: a.Booking | None = None
    clinicians: tuple[a.Clinician, ...] = ()
    crisis_text: str = ""
    email: str = ""


def _flags_only(given: Given) -> _Flagged:
    """The flags that were given, checked; InitRefused for any that does not pass."""
    refusals: list[a.Refusal] = []

    def checked(value: str | None, check: Callable[[str], T | a.Refusal]) -> T | None:
        return None if value is None else _kept(check(value), refusals)

    flagged = _Flagged(
        checked(given.name, a.check_name) or "",
        checked(given.country, a.check_country) or "",
        checked(given.language, a.check_language) or "",
        checked(given.booking, a.check_booking),
        _kept(a.check_clinicians(list(given.clinicians or ())), refusals) or (),
        checked(given.crisis_text, a.check_crisis_text) or "",
        checked(given.email, a.check_email) or "",
    )
    if refusals:
        raise InitRefused(refusals)
    return flagged


def _ask_until(ask: Ask, say: Say, prompt: str, check: Callable[[str], T | a.Refusal]) -> T:
    while True:
        result = check(_read(ask, prompt))
        if not isinstance(result, a.Refusal):
            return result
        say(f"  {result.message}: {result.hint}")


def _ask_clinicians(ask: Ask, say: Say) -> tuple[a.Clinician, ...]:
    say("The clinicians' names, separated by commas or one per line. An empty line ends the list")
    say("(press Enter straight away if you would rather add them later).")
    while True:
        lines: list[str] = []
        while line := _read(ask, "  Name(s): ").strip():
            lines.append(line)
        result = a.check_clinicians(a.split_names("\n".join(lines)))
        if not isinstance(result, a.Refusal):
            return result
        say(f"  {result.message}: {result.hint}. Please give the list again.")


def _read(ask: Ask, prompt: str) -> str:
    try:
        return ask(prompt)
    except EOFError:
        raise InitRefused(
            [a.Refusal(f"the answers ended at the question '{prompt.strip()}'", "answer every question, or use flags")]
        ) from None


def _unknown_country_note(country: str) -> str:
    return (
        f"sitegen does not know the crisis services of {country} yet, and it will not guess them.\n"
        "Please write the crisis notice every page will show, in your own words: the crisis line\n"
        "and the emergency number your readers can call. It goes into site.yaml as crisis.text."
    )

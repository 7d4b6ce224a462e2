"""The crisis services of each country sitegen knows, read from `crisis/<code>.yaml` beside this module.

The files hold facts only: names, numbers, the ways to reach each one, stated hours, the
situations a service is for, and for every number the page that states it and the day it
was checked there. The words a reader sees around them are the theme's (`crisis_*` strings),
so a number never comes from a translation. `sitegen init` lists `known_countries()`;
planning builds the notice and the /crisis/ page from `services_for()`; `sitegen check`
warns through `is_stale()` when the checks grow old.
"""

from __future__ import annotations

import datetime as dt
from functools import cache
from pathlib import Path
from typing import Any

import msgspec
import yaml

DATA_DIR = Path(__file__).with_name("crisis")
WAYS = ("call", "text")
SITUATIONS = ("suicidal_thoughts", "emotional_distress", "worried_about_someone", "urgent_mental_health")
OPTIONS = ("mental_health",)
HOURS = ("always",)
STALE_AFTER_MONTHS = 12


class Checked(msgspec.Struct, frozen=True):
    """Where a fact was confirmed (an https address) and the day it was."""

    source: str
    checked: dt.date


class Contact(msgspec.Struct, frozen=True):
    """One number and the ways to reach it: 'call', 'text', or both."""

    number: str
    ways: tuple[str, ...]
    checked: Checked
    keyword: str = ""
    """What to send, when the service asks for a word ('SHOUT')."""
    option: str = ""
    """A menu choice to make once through ('mental_health'), worded by the theme."""
    press: tuple[tuple[str, str], ...] = ()
    """(language, key) pairs: the key to press for a reader of that language ('es', '2')."""

    @property
    def digits(self) -> str:
        """The number as a phone dials it, for tel: and sms: links."""
        return "".join(ch for ch in self.number if ch.isdigit() or ch == "+")

    def press_for(self, language: str) -> str:
        base = language.split("-")[0].lower()
        return next((key for lang, key in self.press if lang == base), "")


class Service(msgspec.Struct, frozen=True):
    name: str
    situations: tuple[str, ...]
    contacts: tuple[Contact, ...]
    hours: str = ""
    hours_checked: Checked | None = None
    notice: bool = False
    """The service the short notice on every page names (one per country)."""


class CountryServices(msgspec.Struct, frozen=True):
    code: str
    name: str
    emergency: tuple[Contact, ...]
    services: tuple[Service, ...]

    @property
    def notice_service(self) -> Service:
        return next(s for s in self.services if s.notice)

    def checks(self) -> tuple[Checked, ...]:
        """Every recorded check: each number's, and each stated opening time's."""
        numbers = [c.checked for c in self.emergency] + [c.checked for s in self.services for c in s.contacts]
        hours = [s.hours_checked for s in self.services if s.hours_checked]
        return (*numbers, *hours)

    @property
    def oldest_check(self) -> dt.date:
        return min(check.checked for check in self.checks())


def known_countries() -> dict[str, str]:
    """Every country with a data file: its ISO 3166 code -> its English name, sorted by code."""
    return {code: _load(code).name for code in _codes()}


def services_for(code: str) -> CountryServices | None:
    """The country's services, or None when sitegen has no data for `code` (any case)."""
    code = code.strip().upper()
    return _load(code) if code in _codes() else None


def is_stale(country: CountryServices, today: dt.date) -> bool:
    """Whether the country's oldest check is more than twelve months before `today`."""
    oldest = country.oldest_check
    try:
        a_year_on = oldest.replace(year=oldest.year + 1)
    except ValueError:  # checked on 29 February
        a_year_on = oldest.replace(year=oldest.year + 1, day=28)
    return today > a_year_on


@cache
def _codes() -> tuple[str, ...]:
    return tuple(sorted(path.stem.upper() for path in DATA_DIR.glob("*.yaml")))


@cache
def _load(code: str) -> CountryServices:
    """One country's file. The files ship with sitegen and are tested, so a mistake in one is a
    bug in sitegen: it raises, naming the file, rather than being reported as the user's."""
    path = DATA_DIR / f"{code.lower()}.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    try:
        country = CountryServices(
            code=_text(data, "code"),
            name=_text(data, "name"),
            emergency=tuple(_contact(item) for item in data["emergency"]),
            services=tuple(_service(item) for item in data["services"]),
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise ValueError(f"{path}: {exc}") from exc
    if country.code != code or sum(s.notice for s in country.services) != 1 or not country.emergency:
        raise ValueError(f"{path}: needs code {code}, an emergency number and exactly one 'notice: true' service")
    return country


def _service(item: dict[str, Any]) -> Service:
    situations = tuple(item["situations"])
    hours = item.get("hours", "")
    if not set(situations) <= set(SITUATIONS) or (hours and hours not in HOURS):
        raise ValueError(f"{item.get('name')}: unknown situation or hours")
    hours_checked = _checked(item["hours_source"], item["hours_checked"]) if hours else None
    return Service(
        name=_text(item, "name"),
        situations=situations,
        contacts=tuple(_contact(contact) for contact in item["contacts"]),
        hours=hours,
        hours_checked=hours_checked,
        notice=bool(item.get("notice", False)),
    )


def _contact(item: dict[str, Any]) -> Contact:
    ways = tuple(item.get("ways", ["call"]))
    option = item.get("option", "")
    if not ways or not set(ways) <= set(WAYS) or (option and option not in OPTIONS):
        raise ValueError(f"{item.get('number')}: unknown way or option")
    return Contact(
        number=_text(item, "number"),
        ways=ways,
        checked=_checked(item["source"], item["checked"]),
        keyword=item.get("keyword", ""),
        option=option,
        press=tuple(sorted((str(k), str(v)) for k, v in item.get("press", {}).items())),
    )


def _checked(source: object, checked: object) -> Checked:
    if not isinstance(source, str) or not source.startswith("https://"):
        raise ValueError(f"source {source!r} is not an https address")
    if not isinstance(checked, dt.date):
        raise ValueError(f"checked {checked!r} is not a date (YYYY-MM-DD)")
    return Checked(source, checked)


def _text(item: dict[str, Any], key: str) -> str:
    value = item[key]
    if not isinstance(value, str | int) or not str(value).strip():
        raise ValueError(f"{key} is empty")
    return str(value)

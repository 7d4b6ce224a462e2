"""The facts behind the built-in /good-faith-estimate/ page of a US practice.

The No Surprises Act asks US providers to tell clients who pay for themselves (no insurance,
or not using it) that they may have a Good Faith Estimate of the expected charges, and to
show that notice prominently on their website. CMS publishes a standard notice, "Right to
Receive a Good Faith Estimate of Expected Charges". The page follows its substance in the
theme's own words (`gfe_*` strings, English and Spanish); the amounts, days, and the ways to
reach CMS live here, with where they were read and when, so no translation can change them
and `sitegen check` could one day tell when they grow old.
"""

from __future__ import annotations

import datetime as dt

import msgspec


class GoodFaithEstimateFacts(msgspec.Struct, frozen=True):
    dispute_threshold: int
    """In US dollars: a bill this much or more above the estimate may be disputed."""
    dispute_days: int
    """Calendar days from the date on the bill within which a dispute must be started."""
    scheduled_ahead_days: tuple[tuple[int, int], ...]
    """(booked at least N business days ahead, estimate due within M business days of booking)."""
    asked_within_days: int
    """Business days within which an estimate asked for before booking is due."""
    website: str
    email: str
    phone: str
    sources: tuple[str, ...]
    """Where these facts and the notice's wording were read: the CMS page the standard notice
    sends readers to, then public copies of the standard notice itself."""
    checked: dt.date

    @property
    def phone_digits(self) -> str:
        return "".join(ch for ch in self.phone if ch.isdigit())


FACTS = GoodFaithEstimateFacts(
    dispute_threshold=400,
    dispute_days=120,
    scheduled_ahead_days=((3, 1), (10, 3)),
    asked_within_days=3,
    website="https://www.cms.gov/nosurprises/consumers",
    email="FederalPPDRQuestions@cms.hhs.gov",
    phone="1-800-985-3059",
    sources=(
        "https://www.cms.gov/nosurprises/consumers",
        "https://twinsighttherapy.com/good-faith-estimate",
        "https://www.bcog.com/good-faith-estimate-no-surprise-act/",
        "https://enaesthetics.com/good-faith-estimate/",
    ),
    checked=dt.date(2026, 11, 26),
)

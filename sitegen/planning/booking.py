"""The booking call-to-action, resolved in one place for every page that shows it."""

from __future__ import annotations

import re

import msgspec

from sitegen.config.site_config import BookingVariant, SiteConfig
from sitegen.core.errors import did_you_mean
from sitegen.core.urls import Urls
from sitegen.reading.models import Clinician, CtaSetting
from sitegen.theming.strings import Strings


class BookingCta(msgspec.Struct, frozen=True):
    """What the booking block shows: always a plain link, optionally a phone number."""

    url: str
    label: str
    text: str
    phone: str
    phone_href: str


def resolve_booking_cta(
    config: SiteConfig,
    strings: Strings,
    urls: Urls,
    category: str | None,
    author: Clinician | None,
    setting: CtaSetting,
) -> BookingCta | None:
    """Site default, then the category's variant, then the author's own link, then the page's `cta`.

    Returns None when the page switched the block off with `cta: false`.
    """
    if setting is False:
        return None
    booking = config.booking
    label = booking.label or strings.text("book_a_session")
    chosen = BookingVariant(booking.url, label, booking.text or strings.text("booking_text"), booking.phone)
    variant_name = booking.categories.get(category or "")
    if variant_name:
        chosen = _overlay(chosen, booking.variants[variant_name])
    if author is not None and author.booking_url:
        own = author.booking_label or strings.text("book_with", name=author.name.split()[0])
        chosen = _overlay(chosen, BookingVariant(url=author.booking_url, label=own))
    if isinstance(setting, str):
        chosen = _overlay(chosen, booking.variants[setting])
    elif isinstance(setting, BookingVariant):
        chosen = _overlay(chosen, setting)
    return BookingCta(urls.rebase(chosen.url), chosen.label, chosen.text, chosen.phone, phone_href(chosen.phone))


def cta_problem(setting: CtaSetting, config: SiteConfig) -> tuple[str, str] | None:
    """What is wrong with a page's `cta` front matter, as (message, hint): a variant site.yaml lacks."""
    variants = config.booking.variants
    if isinstance(setting, str) and setting not in variants:
        hint = did_you_mean(setting, variants) or "declare it under booking.variants in site.yaml"
        return f"unknown booking variant '{setting}'", hint
    return None


def site_booking(config: SiteConfig, strings: Strings, urls: Urls) -> BookingCta:
    """The header link: the site's default booking, the same on every page."""
    cta = resolve_booking_cta(config, strings, urls, None, None, True)
    assert cta is not None
    return cta


def phone_href(phone: str) -> str:
    digits = re.sub(r"[^\d+]", "", phone)
    return f"tel:{digits}" if digits else ""


def _overlay(base: BookingVariant, top: BookingVariant) -> BookingVariant:
    return BookingVariant(
        url=top.url or base.url,
        label=top.label or base.label,
        text=top.text or base.text,
        phone=top.phone or base.phone,
    )

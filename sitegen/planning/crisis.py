"""The crisis notice on every page and the services the built-in /crisis/ page lists.

Who decides, most specific first: the practice's own page (content/pages/crisis.md replaces
/crisis/), its own words (`crisis.text`, or `crisis_notice` reworded under `strings:`), the
country it names (`crisis.country`, else `practice.country`: the services in
config/crisis/<code>.yaml, worded by the theme's `crisis_*` strings), and last the theme's
US wording. Numbers always come from the data, never from a translation.
"""

from __future__ import annotations

import msgspec
from babel.lists import format_list
from markupsafe import Markup

from sitegen.config.crisis_services import Contact, CountryServices, Service, known_countries, services_for
from sitegen.config.site_config import CONFIG_FILE, SiteConfig
from sitegen.core.errors import ContentError
from sitegen.planning.views import CrisisNotice, CrisisServicesView, CrisisServiceView, site_locale
from sitegen.theming.strings import Strings


class CrisisPlan(msgspec.Struct, frozen=True):
    notice: CrisisNotice | None
    """None only when the site said `crisis: false`."""
    services: CrisisServicesView | None
    """The country's services for the built-in /crisis/ page; None when no known country is given."""
    errors: tuple[ContentError, ...] = ()


def plan_crisis(config: SiteConfig, strings: Strings, has_own_page: bool) -> CrisisPlan:
    """The notice and the /crisis/ page's services, or a located error for a country sitegen
    does not know: unless the practice words the notice itself, it would otherwise name US
    services to readers elsewhere (a page of its own does not change the notice)."""
    settings = config.crisis_notice
    own_words = settings is not None and not (settings.is_us_default and "crisis_notice" in strings.builtin)
    code = config.crisis_country
    country = services_for(code) if code else None
    errors: tuple[ContentError, ...] = ()
    if code and country is None and not own_words:
        errors = (_unknown_country(config, code),)
    notice: CrisisNotice | None = None
    if settings is not None:
        label = settings.link_label or strings.text("crisis_link")
        if own_words or country is None:
            notice = CrisisNotice(settings.text or strings.text("crisis_notice"), label, not own_words)
        else:
            notice = CrisisNotice(country_notice(country, strings), label, False)
    services = None
    if country is not None and not has_own_page:
        services = services_view(country, strings, notice.text if notice and own_words else "")
    return CrisisPlan(notice, services, errors)


def country_notice(country: CountryServices, strings: Strings) -> str:
    """The short notice: one service and the emergency number, in plain text (every page carries it)."""
    service = country.notice_service
    contact = service.contacts[0]
    return strings.text(
        "crisis_country_notice",
        reach=strings.text(_reach_key(contact), number=contact.number, keyword=contact.keyword),
        service=_name_beside(service.name, contact.number),
        emergency=_either(strings.language, [c.number for c in country.emergency]),
    )


def _name_beside(name: str, number: str) -> str:
    """A service's name as the notice puts it after its number: '1737, Need to talk?' reads
    'call or text 1737 (Need to talk?)', not '1737 (1737, Need to talk?)'."""
    if name.startswith(number):
        rest = name[len(number) :].lstrip(" ,:–—-")
        return rest or name
    return name


def services_view(country: CountryServices, strings: Strings, intro: str) -> CrisisServicesView:
    """Every service with each way to reach it, numbers linked with tel: and sms:."""
    numbers = [str(_number_link(c, "tel")) for c in country.emergency]
    return CrisisServicesView(
        country=_country_name(country, strings.language),
        intro=intro,
        emergency=strings.t("crisis_country_emergency", numbers=Markup(_either(strings.language, numbers))),
        services=tuple(_service_view(service, strings) for service in country.services),
    )


def _service_view(service: Service, strings: Strings) -> CrisisServiceView:
    situations = [strings.text(f"crisis_for_{situation}") for situation in service.situations]
    ways: list[Markup] = []
    for contact in service.contacts:
        ways += _ways(contact, strings)
    return CrisisServiceView(
        name=service.name,
        situations=strings.text("crisis_for", situations=format_list(situations, locale=site_locale(strings.language))),
        ways=tuple(ways),
        hours=strings.text(f"crisis_hours_{service.hours}") if service.hours else "",
    )


def _ways(contact: Contact, strings: Strings) -> list[Markup]:
    found = []
    if "call" in contact.ways:
        call = _number_link(contact, "tel")
        if contact.option:
            option = strings.text(f"crisis_option_{contact.option}")
            found.append(strings.t("crisis_way_call_then", number=call, option=option))
        else:
            found.append(strings.t("crisis_way_call", number=call))
        press = contact.press_for(strings.language)
        if press:
            found[-1] = Markup(f"{found[-1]} {strings.t('crisis_press_for_language', key=press)}")
    if "text" in contact.ways:
        text = _number_link(contact, "sms")
        key = "crisis_way_text_keyword" if contact.keyword else "crisis_way_text"
        found.append(strings.t(key, number=text, keyword=contact.keyword))
    return found


def _reach_key(contact: Contact) -> str:
    if set(contact.ways) == {"call", "text"}:
        return "crisis_reach_call_or_text"
    if contact.ways == ("text",):
        return "crisis_reach_text_keyword" if contact.keyword else "crisis_reach_text"
    return "crisis_reach_call"


def _number_link(contact: Contact, scheme: str) -> Markup:
    return Markup('<a href="{}:{}">{}</a>').format(scheme, contact.digits, contact.number)


def _either(language: str, items: list[str]) -> str:
    """'112 or 999' in the site's language."""
    return items[0] if len(items) == 1 else format_list(items, style="or", locale=site_locale(language))


def _country_name(country: CountryServices, language: str) -> str:
    return str(site_locale(language).territories.get(country.code, country.name))


def _unknown_country(config: SiteConfig, code: str) -> ContentError:
    known = ", ".join(f"{c} ({name})" for c, name in known_countries().items())
    hint = f"sitegen knows the crisis services of {known}"
    if code == "UK":
        hint = f"the code for the United Kingdom is GB; {hint}"
    hint += "; for another country, write the notice under crisis: text: and a page in content/pages/crisis.md"
    return ContentError(
        CONFIG_FILE,
        config.line_of(*config.crisis_country_key()),
        f"sitegen has no crisis services for the country '{code}'",
        hint,
    )


def crisis_warning(notice: CrisisNotice | None, services: CrisisServicesView | None, has_own_page: bool) -> str:
    """What the build should say about the notice as planned: that it was switched off, or that
    the practice's own words would sit above a built-in page with nothing of its region; or ''."""
    if notice is None:
        return "site.yaml: 'crisis: false' removes the crisis notice from every page"
    if not notice.is_us_default and services is None and not has_own_page:
        return (
            "site.yaml: the crisis notice has your own wording, but there is no content/pages/crisis.md, "
            "so the built-in /crisis/ page repeats your notice rather than list US services; "
            "write content/pages/crisis.md with the services for your readers' region"
        )
    return ""

"""Crisis services by country: practice.country (or crisis.country) names its services in the
notice on every page and on /crisis/, and never a US number to a reader elsewhere."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from conftest import MINIMAL_SITE_YAML, REPO, MakeSite, run_sitegen
from sitegen.config.crisis_services import known_countries

DATA = REPO / "sitegen/config/crisis"
ARTICLE = "---\ntitle: Breathing out\ndate: 2025-02-03\ncategory: Anxiety\n---\nA short article.\n"
FILES = {"content/articles/breathing-out.md": ARTICLE}
US_NAME = "Suicide & Crisis Lifeline"


def site_in(country: str, extra: str = "") -> str:
    return MINIMAL_SITE_YAML + f"practice:\n  name: Quiet Rooms\n  country: {country}\n" + extra


def built(make_site: MakeSite, site_yaml: str, files: dict[str, str] | None = None) -> tuple[Path, str]:
    root = make_site(files or FILES, site_yaml=site_yaml)
    result = run_sitegen("build", cwd=root)
    assert result.code == 0, result.err
    return root, result.err


def soup(root: Path, page: str) -> BeautifulSoup:
    return BeautifulSoup((root / "output" / page / "index.html").read_text(encoding="utf-8"), "html.parser")


def words(found: BeautifulSoup, selector: str) -> str:
    tag = found.select_one(selector)
    assert tag is not None, selector
    return " ".join(tag.get_text().split())


# country: (what the notice says, what /crisis/ says, the links /crisis/ offers)
COUNTRIES = {
    "GB": (
        ["call 116 123 (Samaritans)", "call 999"],
        ["Samaritans", "Shout", "Text SHOUT to 85258", "Call 111, then choose the mental health option", "999"],
        ["tel:116123", "sms:85258", "tel:111", "tel:999"],
    ),
    "CA": (
        ["call or text 9-8-8", "call 9-1-1"],
        ["9-8-8: Suicide Crisis Helpline", "Call 9-8-8", "Text 9-8-8", "9-1-1"],
        ["tel:988", "sms:988", "tel:911"],
    ),
    "IE": (
        ["call 116 123 (Samaritans)", "call 112 or 999"],
        ["Samaritans", "Call 116 123", "112 or 999"],
        ["tel:116123", "tel:112", "tel:999"],
    ),
    "AU": (
        ["call 13 11 14 (Lifeline)", "call 000"],
        ["Lifeline", "Call 13 11 14", "000"],
        ["tel:131114", "tel:000"],
    ),
    "NZ": (
        ["call or text 1737 (Need to talk?)", "call 111"],
        ["1737, Need to talk?", "Call 1737", "Text 1737", "111"],
        ["tel:1737", "sms:1737", "tel:111"],
    ),
}


@pytest.mark.parametrize("country", sorted(COUNTRIES))
def test_a_practice_abroad_names_its_own_countrys_services_and_no_us_number(make_site: MakeSite, country: str) -> None:
    notice_says, page_says, page_links = COUNTRIES[country]
    root, warnings = built(make_site, site_in(country))
    assert "crisis" not in warnings  # the /crisis/ page lists the country's services: nothing to write
    for path in (root / "output").rglob("*.html"):
        page = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        text = " ".join(page.get_text().split())
        # Canada's own lines are 9-8-8 and 9-1-1, written so; the US's 988 and 911 appear nowhere
        assert not re.search(r"\b(988|911)\b", text), path
        assert US_NAME not in text and "988lifeline" not in str(page), path
        if country != "CA":
            hrefs = {str(a.get("href")) for a in page.find_all("a")}
            assert not hrefs & {"tel:988", "sms:988", "tel:911"}, path
        notice = page.select_one("section.crisis")
        assert notice is not None, path
        for said in notice_says:
            assert said in " ".join(notice.get_text().split()), (path, said)
    crisis = soup(root, "crisis")
    main = words(crisis, "main")
    for said in page_says:
        assert said in main, said
    links = {str(a["href"]) for a in crisis.select("main a")}
    assert set(page_links) <= links
    assert "not an emergency service" in main


def test_crisis_country_wins_over_the_practices(make_site: MakeSite) -> None:
    root, _ = built(make_site, site_in("US", "crisis:\n  country: gb\n"))
    assert "call 116 123 (Samaritans)" in words(soup(root, ""), "section.crisis")
    assert "988" not in words(soup(root, "crisis"), "main")


def test_an_explicit_us_practice_gets_the_lifeline_and_911_from_the_data(make_site: MakeSite) -> None:
    root, _ = built(make_site, site_in("US"))
    notice = words(soup(root, ""), "section.crisis")
    assert "call or text 988 (Suicide & Crisis Lifeline)" in notice and "call 911" in notice
    crisis = soup(root, "crisis")
    assert {"tel:988", "sms:988", "tel:911"} <= {str(a["href"]) for a in crisis.select("main a")}


def test_the_services_are_worded_in_the_sites_language_with_the_datas_numbers(make_site: MakeSite) -> None:
    root, _ = built(make_site, site_in("IE", "language: es\n"))
    notice = words(soup(root, ""), "section.crisis")
    assert "llame al 116 123 (Samaritans)" in notice and "llame al 112 o 999" in notice
    main = words(soup(root, "crisis"), "main")
    assert "Llame al 116 123" in main and "Para pensamientos de suicidio" in main
    root, _ = built(make_site, site_in("US", "language: es\n"))
    assert "Llame al 988 (marque 2 para español)" in words(soup(root, "crisis"), "main")


def test_an_unknown_country_is_an_error_at_its_line_listing_the_known_ones(make_site: MakeSite) -> None:
    root = make_site(FILES, site_yaml=site_in("FR"))
    result = run_sitegen("build", cwd=root)
    assert result.code == 1
    assert "site.yaml:11: sitegen has no crisis services for the country 'FR'" in result.err
    assert "GB (United Kingdom)" in result.err and "NZ (New Zealand)" in result.err
    assert "Traceback" not in result.err and not (root / "output").exists()
    root = make_site(FILES, site_yaml=MINIMAL_SITE_YAML + "crisis:\n  country: UK\n")
    result = run_sitegen("build", cwd=root)
    assert result.code == 1
    assert "site.yaml:10: sitegen has no crisis services for the country 'UK'" in result.err
    assert "the code for the United Kingdom is GB" in result.err


def test_the_practices_own_notice_still_wins(make_site: MakeSite) -> None:
    own = "crisis:\n  text: Call our on-call line on 0800 000 0000, or Samaritans on 116 123.\n"
    root, warnings = built(make_site, site_in("GB", own))
    assert "crisis" not in warnings
    assert "Call our on-call line" in words(soup(root, ""), "section.crisis")
    main = words(soup(root, "crisis"), "main")
    assert main.count("Call our on-call line") == 1 and "Text SHOUT to 85258" in main
    # a country sitegen does not know is no error once the practice words its notice itself
    root, warnings = built(make_site, site_in("FR", "crisis:\n  text: Appelez le 3114.\n"))
    assert "Appelez le 3114." in words(soup(root, "crisis"), "main")
    assert "the crisis notice has your own wording" in warnings


def test_the_practices_own_crisis_page_still_wins(make_site: MakeSite) -> None:
    page = "---\ntitle: Urgent help\n---\nOur own list of services.\n"
    root, _ = built(make_site, site_in("NZ"), {**FILES, "content/pages/crisis.md": page})
    assert "Our own list of services." in words(soup(root, "crisis"), "main")
    assert "call or text 1737" in words(soup(root, ""), "section.crisis")


STALE = str(int(dt.datetime(2028, 1, 10, tzinfo=dt.UTC).timestamp()))


def test_check_warns_when_the_countrys_services_were_checked_over_a_year_ago(make_site: MakeSite) -> None:
    root = make_site(FILES, site_yaml=site_in("GB"))
    fresh = run_sitegen("check", cwd=root)
    assert fresh.code == 0, fresh.err
    assert "were last checked" not in fresh.err
    stale = run_sitegen("check", cwd=root, env={"SOURCE_DATE_EPOCH": STALE})
    assert stale.code == 0, stale.err
    assert "warning: site.yaml:11: the crisis services sitegen lists for United Kingdom were last checked on" in (
        stale.err
    )
    assert "more than 12 months ago" in stale.err
    no_country = make_site(FILES, site_yaml=MINIMAL_SITE_YAML)
    assert "were last checked" not in run_sitegen("check", cwd=no_country, env={"SOURCE_DATE_EPOCH": STALE}).err
    own_words = site_in("GB", 'crisis:\n  text: "Call us, or 999 in an emergency."\n')
    half = make_site(FILES, site_yaml=own_words)
    assert "were last checked" in run_sitegen("check", cwd=half, env={"SOURCE_DATE_EPOCH": STALE}).err, (
        "the built-in /crisis/ page still lists the data"
    )
    page = "---\ntitle: Crisis support\n---\nOur own list, checked this month.\n"
    whole = make_site({**FILES, "content/pages/crisis.md": page}, site_yaml=own_words)
    assert "were last checked" not in run_sitegen("check", cwd=whole, env={"SOURCE_DATE_EPOCH": STALE}).err


def numbers_in(data: dict[str, object]) -> list[dict[str, object]]:
    entries = list(data["emergency"])  # type: ignore[call-overload]
    for service in data["services"]:  # type: ignore[attr-defined]
        entries += service["contacts"]
    return entries


def test_every_number_in_the_data_has_its_source_and_the_day_it_was_checked() -> None:
    files = sorted(DATA.glob("*.yaml"))
    assert {f.stem.upper() for f in files} >= {"US", "CA", "GB", "IE", "AU", "NZ"}
    assert set(known_countries()) == {f.stem.upper() for f in files}
    for file in files:
        data = yaml.safe_load(file.read_text(encoding="utf-8"))
        assert data["code"] == file.stem.upper()
        entries = numbers_in(data)
        assert entries, file
        for entry in entries:
            assert str(entry["source"]).startswith("https://"), (file, entry)
            assert isinstance(entry["checked"], dt.date), (file, entry)
            assert re.fullmatch(r"\+?[\d -]+", str(entry["number"])), (file, entry)
        for service in data["services"]:
            if "hours" in service:
                assert str(service["hours_source"]).startswith("https://"), (file, service["name"])
                assert isinstance(service["hours_checked"], dt.date), (file, service["name"])

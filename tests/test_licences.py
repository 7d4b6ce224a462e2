"""Licences and supervision: bylines name the licence, the profile shows it, an associate's
supervisor is named, and what a board would find missing is a warning (an error when strict)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from test_journeys import journey, topics, written_day

from conftest import MINIMAL_SITE_YAML, MakeSite, copy_sample, run_sitegen

MAYA = """\
---
name: Maya Okafor
credentials: LMFT
role: Licensed Marriage and Family Therapist
licenses:
  - {type: LMFT, number: T-1482, region: OR}
  - {type: LMFT, number: LF-7731, region: Washington}
---
Maya works with couples.
"""
SAM = """\
---
name: Sam Whitfield
role: Associate Marriage and Family Therapist
licenses:
  - {type: MFT Associate, number: R-3360, region: Oregon}
supervisor: maya-okafor
---
Sam works with couples too.
"""
ARTICLE = "---\ntitle: Small repairs\ndate: 2025-02-03\ncategory: Relationships\nauthor: {author}\n---\nShort.\n"
TEAM = {
    "content/team/maya-okafor.md": MAYA,
    "content/team/sam-whitfield.md": SAM,
    "content/articles/small-repairs.md": ARTICLE.format(author="sam-whitfield"),
    "content/articles/listening.md": ARTICLE.format(author="maya-okafor").replace("Small repairs", "Listening"),
}
US = MINIMAL_SITE_YAML + "practice:\n  country: US\n  telehealth: [Oregon, WA]\n"


def page(root: Path, address: str) -> BeautifulSoup:
    return BeautifulSoup((root / "output" / address / "index.html").read_text(encoding="utf-8"), "html.parser")


def text_of(found: BeautifulSoup, selector: str) -> str:
    tag = found.select_one(selector)
    assert tag is not None, selector
    return " ".join(tag.get_text().split())


def build_ok(make_site: MakeSite, files: dict[str, str], site_yaml: str = US) -> tuple[Path, str]:
    root = make_site(files, site_yaml=site_yaml)
    result = run_sitegen("build", cwd=root)
    assert result.code == 0, result.err
    return root, result.err


def test_bylines_name_the_licence_type_once(make_site: MakeSite) -> None:
    root, err = build_ok(make_site, TEAM)
    assert err == ""
    assert text_of(page(root, "articles/listening"), ".article-header .meta a") == "Maya Okafor, LMFT"
    assert text_of(page(root, "team/maya-okafor"), "h1") == "Maya Okafor, LMFT"
    assert text_of(page(root, "team/sam-whitfield"), "h1") == "Sam Whitfield, MFT Associate"


def test_the_profile_shows_each_licence_with_its_number_and_region(make_site: MakeSite) -> None:
    root, _ = build_ok(make_site, TEAM)
    profile = page(root, "team/maya-okafor")
    licences = [" ".join(dd.get_text().split()) for dd in profile.select(".facts dt:-soup-contains('Licenses') ~ dd")]
    assert licences[:2] == ["LMFT, Oregon, License #T-1482", "LMFT, Washington, License #LF-7731"]
    data = json.loads(text_of(profile, "script[type='application/ld+json']"))
    assert {c["identifier"] for c in data["hasCredential"]} == {"T-1482", "LF-7731"}


def test_an_associate_names_their_supervisor_on_profile_and_articles(make_site: MakeSite) -> None:
    steady = journey("1 week", topics([2]), written_day(1), extra_meta="author: sam-whitfield\n")
    root, _ = build_ok(make_site, {**TEAM, "content/journeys/steady.md": steady})
    for address in ("team/sam-whitfield", "articles/small-repairs", "journeys/steady"):
        found = page(root, address)
        line = found.select_one(".supervision")
        assert line is not None
        assert " ".join(line.get_text().split()) == "Under the supervision of Maya Okafor, LMFT"
        link = line.select_one("a")
        assert link is not None and link["href"] == "/team/maya-okafor/"
    assert page(root, "articles/listening").select_one(".supervision") is None


def test_the_telehealth_notice_says_where_clients_may_be(make_site: MakeSite) -> None:
    root, _ = build_ok(make_site, TEAM)
    expected = "Telehealth is available to clients located in Oregon and WA during sessions."
    assert expected in text_of(page(root, ""), ".site-footer")
    spanish = US.replace("title: Test Practice", "title: Test Practice\nlanguage: es")
    root, _ = build_ok(make_site, TEAM, spanish)
    expected = "La telesalud está disponible para clientes que se encuentren en Oregon y WA durante las sesiones."
    assert expected in text_of(page(root, ""), ".site-footer")


NO_NUMBER = MAYA.replace(", number: LF-7731", "")
NO_SUPERVISOR = SAM.replace("supervisor: maya-okafor\n", "")
CASES = {
    "missing licence number": (
        {"content/team/maya-okafor.md": NO_NUMBER},
        US,
        "content/team/maya-okafor.md:7: the LMFT licence of Maya Okafor has no number",
    ),
    "no licences at all": (
        {"content/team/maya-okafor.md": "---\nname: Maya Okafor\ncredentials: LMFT\n---\nHello.\n"},
        US.replace("[Oregon, WA]", "[]"),
        "content/team/maya-okafor.md:2: Maya Okafor has no licence number, and the practice is in US",
    ),
    "associate without a supervisor": (
        {"content/team/sam-whitfield.md": NO_SUPERVISOR},
        US,
        "content/team/sam-whitfield.md:3: Sam Whitfield is an associate, intern or trainee but names no supervisor",
    ),
    "telehealth region nobody is licensed in": (
        {},
        US.replace("[Oregon, WA]", "[Oregon, WA, Idaho]"),
        "site.yaml:11: telehealth is offered in Idaho, but no clinician holds a licence there",
    ),
}


@pytest.mark.parametrize("case", list(CASES))
def test_each_gap_is_a_located_warning_and_an_error_when_strict(make_site: MakeSite, case: str) -> None:
    changed, site_yaml, expected = CASES[case]
    root = make_site({**TEAM, **changed}, site_yaml=site_yaml)
    warned = run_sitegen("build", cwd=root)
    assert warned.code == 0, warned.err
    assert f"warning: {expected}" in warned.err
    checked = run_sitegen("check", cwd=root)
    assert f"warning: {expected}" in checked.err
    before = (root / "output/index.html").read_bytes()
    (root / "site.yaml").write_text(site_yaml + "strict: true\n", encoding="utf-8")
    failed = run_sitegen("build", cwd=root)
    assert failed.code == 1, failed.err
    assert expected in failed.err and "warning:" not in failed.err
    assert (root / "output/index.html").read_bytes() == before


def test_a_practice_outside_the_us_and_canada_needs_no_licence_number(make_site: MakeSite) -> None:
    files = {"content/team/maya-okafor.md": "---\nname: Maya Okafor\n---\nHello.\n"}
    _, err = build_ok(make_site, files, MINIMAL_SITE_YAML + "practice:\n  country: GB\nstrict: true\n")
    assert err == ""


def test_an_unknown_supervisor_is_a_located_error_with_a_suggestion(make_site: MakeSite) -> None:
    root = make_site({**TEAM, "content/team/sam-whitfield.md": SAM.replace("maya-okafor", "maya-okafr")}, site_yaml=US)
    result = run_sitegen("build", cwd=root)
    assert result.code == 1
    expected = "content/team/sam-whitfield.md:6: unknown supervisor 'maya-okafr' (did you mean 'maya-okafor'?)"
    assert expected in result.err
    assert "Traceback" not in result.err


def test_an_unknown_region_in_a_us_practice_is_a_located_error(make_site: MakeSite) -> None:
    root = make_site({**TEAM, "content/team/maya-okafor.md": MAYA.replace("region: OR", "region: Oregn")}, site_yaml=US)
    result = run_sitegen("build", cwd=root)
    assert result.code == 1
    expected = "content/team/maya-okafor.md:6: unknown region 'Oregn' for this licence (did you mean 'Oregon'?)"
    assert expected in result.err


def test_the_sample_practice_as_a_us_practice_has_nothing_missing(tmp_path: Path) -> None:
    root = copy_sample(tmp_path / "sample")
    site = (root / "site.yaml").read_text(encoding="utf-8")
    assert "country: US" in site, "the sample is a US practice"
    (root / "site.yaml").write_text(site + "strict: true\n")
    result = run_sitegen("build", cwd=root)
    assert result.code == 0, result.err
    assert result.err == ""


def test_a_region_code_is_spelled_out_only_for_north_america(make_site: MakeSite) -> None:
    perth = "---\nname: Ruby Hart\nlicenses:\n  - {type: Psychologist, number: PSY0001234567, region: WA}\n---\nHi.\n"
    australia = MINIMAL_SITE_YAML + "practice:\n  country: AU\n  telehealth: [WA]\nstrict: true\n"
    root, err = build_ok(make_site, {"content/team/ruby-hart.md": perth}, australia)
    assert err == ""
    assert text_of(page(root, "team/ruby-hart"), ".facts dd") == "Psychologist, WA, License #PSY0001234567"


def test_ontario_written_bare_is_read_by_yaml_as_true_and_the_hint_says_to_quote_it(make_site: MakeSite) -> None:
    ontario = MAYA.replace("region: OR", "region: ON")
    root = make_site({**TEAM, "content/team/maya-okafor.md": ontario}, site_yaml=MINIMAL_SITE_YAML)
    result = run_sitegen("build", cwd=root)
    assert result.code == 1 and "Traceback" not in result.err
    expected = "content/team/maya-okafor.md:6: 'licenses[0].region' should be text, not true (YAML reads a bare yes, no"
    assert expected in result.err and 'region: "ON" for Ontario' in result.err

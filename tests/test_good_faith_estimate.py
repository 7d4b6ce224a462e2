"""A US practice's Good Faith Estimate page (No Surprises Act): built in, linked from the footer
and the fees page, replaced by the practice's own, switched off with a warning, and absent
outside the US."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from bs4 import BeautifulSoup

from conftest import INIT_ANSWERS, MINIMAL_SITE_YAML, REPO, MakeSite, run_sitegen
from sitegen.config.good_faith_estimate import FACTS

ARTICLE = "---\ntitle: Breathing out\ndate: 2025-02-03\ncategory: Anxiety\n---\nA short article.\n"
FILES = {"content/articles/breathing-out.md": ARTICLE}
PAGE = "good-faith-estimate"


def site_in(country: str, extra: str = "") -> str:
    return MINIMAL_SITE_YAML + f"practice:\n  name: Quiet Rooms\n  country: {country}\n" + extra


def built(make_site: MakeSite, site_yaml: str, files: dict[str, str] | None = None) -> tuple[Path, str]:
    root = make_site({**FILES, **(files or {})}, site_yaml=site_yaml)
    result = run_sitegen("build", cwd=root)
    assert result.code == 0, result.err
    return root / "output", result.err


def soup(output: Path, page: str) -> BeautifulSoup:
    return BeautifulSoup((output / page / "index.html").read_text(encoding="utf-8"), "html.parser")


def main_text(found: BeautifulSoup) -> str:
    main = found.select_one("main")
    assert main is not None
    return " ".join(main.get_text().split())


def footer_links(found: BeautifulSoup) -> set[str]:
    return {str(a["href"]) for a in found.select("footer a")}


def test_a_us_practice_has_the_notice_with_the_400_dollar_dispute_and_how_to_reach_cms(make_site: MakeSite) -> None:
    output, warnings = built(make_site, site_in("US"))
    page = soup(output, PAGE)
    text = main_text(page)
    assert "Good Faith Estimate" in text and "No Surprises Act" in text
    assert "If you are billed $400 or more above your Good Faith Estimate, you can dispute the bill" in text
    assert "within 120 days of the date on the bill" in text
    assert "in writing" in text and "You can ask us for a Good Faith Estimate at any time" in text
    links = {str(a["href"]) for a in page.select("main a")}
    assert {"https://www.cms.gov/nosurprises/consumers", "tel:+18009853059"} <= links
    assert "mailto:FederalPPDRQuestions@cms.hhs.gov" in links
    assert "good_faith_estimate" not in warnings
    for built_page in [output / "index.html", *output.glob("*/index.html"), *output.glob("articles/*/index.html")]:
        found = BeautifulSoup(built_page.read_text(encoding="utf-8"), "html.parser")
        assert "/good-faith-estimate/" in footer_links(found), built_page
    header = soup(output, "").select_one("header")
    assert header is not None and "/good-faith-estimate/" not in str(header)


def test_the_notice_is_in_spanish_with_the_same_amounts(make_site: MakeSite) -> None:
    output, _ = built(make_site, site_in("US", "language: es\n"))
    text = main_text(soup(output, PAGE))
    assert "Si le facturan $400 o más por encima de su Estimado de Buena Fe, puede disputar la factura" in text
    assert "dentro de los 120 días" in text and "1-800-985-3059" in text
    assert "Estimado de Buena Fe" in " ".join(soup(output, "").select_one("footer").get_text().split())  # type: ignore[union-attr]


def test_the_sample_practice_links_its_fees_page_and_footer_to_the_notice(sample_output: Path) -> None:
    assert "$400" in main_text(soup(sample_output, PAGE))
    fees = soup(sample_output, "fees-insurance")
    assert "/good-faith-estimate/" in {str(a["href"]) for a in fees.select("main a")}
    assert "/good-faith-estimate/" in footer_links(fees)
    assert "/good-faith-estimate/" in footer_links(soup(sample_output, ""))


def test_a_practice_outside_the_us_has_no_page_and_no_link(make_site: MakeSite) -> None:
    for site_yaml in (site_in("GB"), MINIMAL_SITE_YAML):
        output, warnings = built(make_site, site_yaml)
        assert not (output / PAGE).exists()
        for path in output.rglob("*.html"):
            assert "good-faith-estimate" not in path.read_text(encoding="utf-8"), path
        assert "good-faith-estimate" not in (output / "sitemap.xml").read_text(encoding="utf-8")
        assert "good_faith_estimate" not in warnings


def test_asking_for_the_notice_outside_the_us_makes_no_page_and_says_why_at_its_line(make_site: MakeSite) -> None:
    output, warnings = built(make_site, site_in("GB", "good_faith_estimate: true\n"))
    assert not (output / PAGE).exists()
    assert "warning: site.yaml:12: 'good_faith_estimate: true' makes no page here" in warnings
    assert "practice.country is GB" in warnings


def test_switching_it_off_removes_page_and_links_and_warns_at_its_line(make_site: MakeSite) -> None:
    output, warnings = built(make_site, site_in("US", "good_faith_estimate: false\n"))
    assert not (output / PAGE).exists()
    assert "/good-faith-estimate/" not in footer_links(soup(output, ""))
    assert "warning: site.yaml:12: 'good_faith_estimate: false' leaves the site without the No Surprises Act" in (
        warnings
    )
    assert "content/pages/good-faith-estimate.md" in warnings  # the hint says how to word it yourself


def test_a_value_that_is_not_true_or_false_is_an_error_at_its_line(make_site: MakeSite) -> None:
    root = make_site(FILES, site_yaml=site_in("US", "good_faith_estimate: sometimes\n"))
    result = run_sitegen("build", cwd=root)
    assert result.code == 1
    assert "site.yaml:12: 'good_faith_estimate' should be true or false, not 'sometimes'" in result.err
    assert "Traceback" not in result.err and not (root / "output").exists()


def test_the_practices_own_page_wins_and_stays_linked_from_the_footer(make_site: MakeSite) -> None:
    own = "---\ntitle: Good Faith Estimate\n---\nOur own notice, with our own fee list.\n"
    output, warnings = built(make_site, site_in("US"), {"content/pages/good-faith-estimate.md": own})
    text = main_text(soup(output, PAGE))
    assert "Our own notice, with our own fee list." in text and "$400" not in text
    assert "/good-faith-estimate/" in footer_links(soup(output, ""))
    header = soup(output, "").select_one("header")
    assert header is not None and "/good-faith-estimate/" not in str(header)
    assert "good-faith-estimate" not in warnings


def test_switching_the_built_in_off_keeps_the_practices_own_page_linked_and_quiet(make_site: MakeSite) -> None:
    own = "---\ntitle: Good Faith Estimate\n---\nOur own notice, with our own fee list.\n"
    site_yaml = site_in("US", "good_faith_estimate: false\n")
    output, warnings = built(make_site, site_yaml, {"content/pages/good-faith-estimate.md": own})
    assert "Our own notice, with our own fee list." in main_text(soup(output, PAGE))
    assert "/good-faith-estimate/" in footer_links(soup(output, ""))
    assert "good_faith_estimate" not in warnings


def test_the_wording_records_its_sources_and_the_day_they_were_checked() -> None:
    assert FACTS.checked == dt.date(2026, 11, 26)
    assert FACTS.sources[0] == "https://www.cms.gov/nosurprises/consumers"
    assert all(source.startswith("https://") for source in FACTS.sources)
    assert FACTS.dispute_threshold == 400 and FACTS.phone == "1-800-985-3059"
    template = (REPO / "themes/default/templates/good-faith-estimate.html").read_text(encoding="utf-8")
    assert "Right to Receive a Good Faith Estimate of Expected Charges" in template
    assert "sitegen/config/good_faith_estimate.py" in template


def test_a_us_site_made_by_init_links_its_fees_page_to_the_notice(init_output: Path) -> None:
    fees = soup(init_output, "fees")
    assert "/good-faith-estimate/" in {str(a["href"]) for a in fees.select("main a")}
    assert "$400" in main_text(soup(init_output, PAGE))


def test_a_site_made_by_init_elsewhere_has_no_notice_on_its_fees_page(tmp_path: Path) -> None:
    answers = [("GB" if arg == "US" else arg) for arg in INIT_ANSWERS]
    assert run_sitegen("init", "site", *answers, "--language", "es", cwd=tmp_path).code == 0
    fees = (tmp_path / "site/content/pages/fees.md").read_text(encoding="utf-8")
    assert "good-faith-estimate" not in fees and "Buena Fe" not in fees
    assert "Para reservar" in fees


FEES = "---\ntitle: Fees\n---\nSessions are $150.\n"


def test_check_notes_a_us_fees_page_that_does_not_link_to_the_notice(make_site: MakeSite) -> None:
    root = make_site({**FILES, "content/pages/fees.md": FEES}, site_yaml=site_in("US"))
    result = run_sitegen("check", cwd=root)
    assert result.code == 0, result.err
    assert "warning: content/pages/fees.md: this fees page does not link to your Good Faith Estimate page" in (
        result.err
    )
    assert "(/good-faith-estimate/)" in result.err
    linked = FEES + "\n[Your right to a Good Faith Estimate](/good-faith-estimate/)\n"
    (root / "content/pages/fees.md").write_text(linked, encoding="utf-8")
    assert "Good Faith Estimate" not in run_sitegen("check", cwd=root).err
    elsewhere = make_site({**FILES, "content/pages/fees.md": FEES}, site_yaml=site_in("GB"))
    assert "Good Faith Estimate" not in run_sitegen("check", cwd=elsewhere).err


def test_check_stays_quiet_on_the_sample_site(sample_output: Path) -> None:
    result = run_sitegen("check", "--no-build", cwd=sample_output.parent)
    assert result.code == 0, result.err
    assert "warning" not in result.err

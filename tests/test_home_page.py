"""The home page introduces the practice: who it helps, who works there, a journey to begin with and
the newest articles. A journey may be marked `featured: true` to be the one shown; one at most."""

from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup

from conftest import MakeSite, run_sitegen

CLINICIAN = "---\nname: Ada Quinn\ncredentials: LCSW\nrole: Clinical Social Worker\nspecialties: [Anxiety]\n---\nAda.\n"


def journey(title: str, sequence: int, extra: str = "") -> str:
    return (
        f"---\ntitle: {title}\nduration: 1 week\ncategory: Anxiety\nsequence: {sequence}\n{extra}---\n"
        "An introduction.\n\n## Your Journey Plan\n\n### Week 1: Settling\n- Arriving\n\n"
        "## Day 1: Arriving\nArrive as you are.\n"
    )


def home(root: Path) -> BeautifulSoup:
    return BeautifulSoup((root / "output" / "index.html").read_text(encoding="utf-8"), "html.parser")


def test_sample_home_shows_who_the_practice_helps_its_team_a_journey_and_new_articles(sample_output: Path) -> None:
    page = BeautifulSoup((sample_output / "index.html").read_text(encoding="utf-8"), "html.parser")
    hero = page.select_one("main .hero")
    assert hero is not None and hero.select_one("h1") is not None
    assert hero.select_one('a.button[href="/contact/#book"]') is not None
    helps = page.select(".help-item")
    assert [h.select_one("a").get_text() for h in helps][:2] == ["Anxiety & Stress", "Mood & Depression"]
    assert "practical ways to feel steadier" in helps[0].get_text()
    team = {a.get_text(): a["href"] for a in page.select(".team-member .team-name a")}
    assert team == {
        "Maya Okafor, LMFT": "/team/maya-okafor/",
        "Daniel Reyes, PsyD, Psychologist": "/team/daniel-reyes/",
        "Priya Natarajan, LCSW": "/team/priya-natarajan/",
        "Sam Whitfield, MA, MFT Associate": "/team/sam-whitfield/",
    }
    featured = page.select_one(".featured-journey")
    assert featured is not None
    assert featured.select_one(".featured-title a")["href"] == "/journeys/steadier-days/"  # first by sequence
    assert featured.select_one('a.button[href="/journeys/steadier-days/day-1/"]') is not None
    assert len(page.select("#home-latest + .cards .card")) == 3


def test_a_featured_journey_is_shown_before_the_first_in_order(make_site: MakeSite) -> None:
    root = make_site(
        {
            "content/journeys/first.md": journey("First Steps", 1),
            "content/journeys/quiet.md": journey("Quiet Evenings", 5, "featured: true\n"),
            "content/team/ada-quinn.md": CLINICIAN,
        }
    )
    result = run_sitegen("build", cwd=root)
    assert result.code == 0, result.err
    page = home(root)
    assert page.select_one(".featured-journey .featured-title").get_text(strip=True) == "Quiet Evenings"
    assert page.select_one(".team-member .team-name a")["href"] == "/team/ada-quinn/"


def test_two_featured_journeys_fail_the_build_naming_both(make_site: MakeSite) -> None:
    root = make_site(
        {
            "content/journeys/first.md": journey("First Steps", 1, "featured: true\n"),
            "content/journeys/quiet.md": journey("Quiet Evenings", 5, "featured: true\n"),
        }
    )
    result = run_sitegen("build", cwd=root)
    assert result.code == 1
    assert "content/journeys/quiet.md:6: more than one journey is marked 'featured: true'" in result.err, result.err
    assert "keep 'featured: true' in content/journeys/first.md" in result.err
    assert "Traceback" not in result.err
    assert not (root / "output").exists()


def test_featured_must_be_true_or_false(make_site: MakeSite) -> None:
    root = make_site({"content/journeys/quiet.md": journey("Quiet Evenings", 5, "featured: often\n")})
    result = run_sitegen("build", cwd=root)
    assert result.code == 1
    assert "content/journeys/quiet.md:6: 'featured' should be true or false, not 'often'" in result.err, result.err
    assert "Traceback" not in result.err


def test_a_site_without_journeys_or_team_has_a_home_without_those_sections(make_site: MakeSite) -> None:
    root = make_site({"content/articles/a.md": "---\ntitle: A\ndate: 2025-01-02\ncategory: Anxiety\n---\nText.\n"})
    result = run_sitegen("build", cwd=root)
    assert result.code == 0, result.err
    page = home(root)
    assert page.select_one(".featured-journey") is None
    assert page.select_one(".team-list") is None
    assert [h.get_text() for h in page.select(".help-name")] == ["Anxiety", "Relationships"]


def test_a_site_without_articles_has_no_empty_latest_articles_section(make_site: MakeSite) -> None:
    root = make_site({"content/pages/about.md": "---\ntitle: About\n---\nWho we are.\n"})
    result = run_sitegen("build", cwd=root)
    assert result.code == 0, result.err
    page = home(root)
    assert page.select_one("#home-latest") is None
    assert page.select_one(".hero h1") is not None

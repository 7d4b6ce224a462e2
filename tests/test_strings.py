"""The theme's own words: one catalogue per language, reworded per site in site.yaml."""

from __future__ import annotations

import re
from pathlib import Path

import yaml
from bs4 import BeautifulSoup

from conftest import MINIMAL_SITE_YAML, REPO, MakeSite, run_sitegen
from sitegen.theming.strings import entry_problem, placeholders

THEME = REPO / "themes" / "default"
ENGLISH = yaml.safe_load((THEME / "strings" / "en.yaml").read_text(encoding="utf-8"))

ARTICLE = "---\ntitle: Breathing out\ndate: 2025-02-03\ncategory: Anxiety\n---\nA short article.\n"
JOURNEY = """\
---
title: Ten quiet days
duration: 2 weeks
category: Anxiety
---
An introduction.

## Your Journey Plan

### Week 1: Settling
- Day 1: Arriving
- Day 2: Noticing

### Week 2: Steadying
- Day 3: Breathing

## Day 1: Arriving
Arrive as you are.
"""


SITE_FILES = {"content/articles/breathing-out.md": ARTICLE, "content/journeys/ten-quiet-days.md": JOURNEY}


def built(make_site: MakeSite, site_yaml: str, files: dict[str, str] | None = None) -> tuple[Path, str]:
    """A project with `files` (an article and a journey by default), built; its root and warnings."""
    root = make_site(SITE_FILES if files is None else files, site_yaml=site_yaml)
    result = run_sitegen("build", cwd=root)
    assert result.code == 0, result.err
    return root, result.err


def page(root: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((root / "output" / path / "index.html").read_text(encoding="utf-8"), "html.parser")


def text_of(soup: BeautifulSoup, selector: str) -> str:
    found = soup.select_one(selector)
    assert found is not None, selector
    return " ".join(found.get_text().split())


def used_keys() -> dict[str, set[str]]:
    """Every key the theme's templates and code ask for, with where."""
    found: dict[str, set[str]] = {}
    sources = [*THEME.joinpath("templates").rglob("*.html"), *(REPO / "sitegen").rglob("*.py")]
    for source in sources:
        text = source.read_text(encoding="utf-8")
        for key in re.findall(r"""\bt(?:ext)?\(\s*["']([a-z_]*[a-z])["']""", text):
            found.setdefault(key, set()).add(source.name)
        for handed in re.findall(r"js_strings\(([^)]*)\)", text):
            for key in re.findall(r"""["']([a-z_]+)["']""", handed):
                found.setdefault(key, set()).add(source.name)
    for what in ("article", "journey"):  # educational.html builds these keys from `what`
        found.setdefault(f"educational_{what}", set()).add("educational.html")
    from sitegen.planning.nav import SECTIONS

    for key, _ in SECTIONS.values():
        found.setdefault(key, set()).add("nav.py")
    # planning/crisis.py words each country's data: keys named in it, and keys made from the
    # data's own vocabulary (a service's situations, hours and menu options)
    from sitegen.config.crisis_services import HOURS, OPTIONS, SITUATIONS

    crisis = (REPO / "sitegen/planning/crisis.py").read_text(encoding="utf-8")
    made = [f"crisis_for_{s}" for s in SITUATIONS] + [f"crisis_hours_{h}" for h in HOURS]
    for key in [
        *re.findall(r"""["'](crisis_[a-z_]*[a-z])["']""", crisis),
        *made,
        *(f"crisis_option_{o}" for o in OPTIONS),
    ]:
        found.setdefault(key, set()).add("crisis.py")
    return found


def test_every_text_the_theme_uses_is_in_the_english_catalogue_and_none_is_left_over() -> None:
    used = used_keys()
    assert sorted(set(used) - set(ENGLISH)) == []
    assert sorted(set(ENGLISH) - set(used)) == []


def test_the_scripts_are_handed_every_text_they_use() -> None:
    said: set[str] = set()
    for script in (THEME / "static").glob("*.js"):
        said |= set(re.findall(r'say\((?:\w+, )?"([a-z_]+)"', script.read_text(encoding="utf-8")))
    handed = set()
    for template in THEME.joinpath("templates").rglob("*.html"):
        for call in re.findall(r"js_strings\(([^)]*)\)", template.read_text(encoding="utf-8")):
            handed |= set(re.findall(r"""["']([a-z_]+)["']""", call))
    assert {"progress_none", "search_results", "journal_kept", "journal_partner_answer_step", "reminders_made"} <= said
    assert said == handed


def test_site_yaml_rewords_texts_including_plural_forms(make_site: MakeSite) -> None:
    site_yaml = MINIMAL_SITE_YAML + (
        "strings:\n"
        "  latest_articles: New from our clinicians\n"
        "  reading_time:\n"
        "    one: a {count}-minute read\n"
        "    other: a {count}-minute read\n"
        "  book_a_session: Arrange a first talk\n"
        "  day_count:\n"
        "    one: '{count} day'\n"
        "    other: '{count} days in all'\n"
    )
    root, _ = built(make_site, site_yaml)
    home = page(root, "")
    assert text_of(home, "#home-latest") == "New from our clinicians"
    assert "a 1-minute read" in text_of(home, "#home-latest + .cards .meta")
    assert text_of(home, "header .book-link") == "Arrange a first talk"
    journey = page(root, "journeys/ten-quiet-days")
    assert "14 days in all" in text_of(journey, "article.journey header .meta")


def test_reworded_texts_are_escaped_and_links_inside_them_still_work(make_site: MakeSite) -> None:
    site_yaml = MINIMAL_SITE_YAML + (
        "strings:\n"
        "  latest_articles: <script>alert(1)</script> & more\n"
        "  browse_by: 'Find <b>more</b> by {topic}, or by {tag}'\n"
    )
    root, _ = built(make_site, site_yaml)
    html = (root / "output/index.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; more" in html
    listing = page(root, "articles")
    browse = listing.select_one("p.browse")
    assert browse is not None and browse.find("b") is None and "<b>more</b>" in browse.get_text()
    assert [a["href"] for a in browse.find_all("a")] == ["/categories/", "/tags/"]


def test_every_mistake_in_strings_is_reported_at_once_with_its_line(make_site: MakeSite) -> None:
    site_yaml = MINIMAL_SITE_YAML + (
        "strings:\n"
        "  latest_article: Newest\n"  # line 10: a typo
        "  start_day: Begin day {day}\n"  # line 11: a placeholder the text does not have
        "  mark_done: 'Done with {number'\n"  # line 12: a broken brace
        "  reading_time:\n"  # line 13: no 'other' form
        "    one: '{count} minute'\n"
    )
    root = make_site({"content/articles/breathing-out.md": ARTICLE}, site_yaml=site_yaml)
    result = run_sitegen("build", cwd=root)
    assert result.code == 1
    assert "site.yaml:10: strings: 'latest_article': unknown text (did you mean 'latest_articles'?)" in result.err
    assert "site.yaml:11: strings: 'start_day': uses {day}, which this text cannot fill (it can use {number})" in (
        result.err
    )
    assert "site.yaml:12: strings: 'mark_done': an unmatched brace" in result.err
    assert "site.yaml:13: strings: 'reading_time': a text with plural forms needs an 'other' form" in result.err
    assert "Traceback" not in result.err
    assert not (root / "output").exists()


def test_a_projects_theme_can_carry_its_own_texts_and_a_broken_one_is_named(make_site: MakeSite) -> None:
    site_yaml = MINIMAL_SITE_YAML + "theme: calm\n"
    theme_texts = {"themes/calm/strings/en.yaml": "latest_articles: Fresh reading\n"}
    root, _ = built(make_site, site_yaml, {**SITE_FILES, **theme_texts})
    assert text_of(page(root, ""), "#home-latest") == "Fresh reading"
    assert text_of(page(root, ""), "#home-helps") == ENGLISH["who_we_help"]  # the rest still from the built-in theme

    (root / "themes/calm/strings/en.yaml").write_text("topics: Themes\nlatest_articles: Fresh: reading\n")
    result = run_sitegen("build", cwd=root)
    assert result.code == 1
    assert re.search(r"themes/calm/strings/en\.yaml:2: invalid YAML", result.err), result.err
    assert text_of(page(root, ""), "#home-latest") == "Fresh reading"  # the last good build is kept


def test_a_changed_text_reaches_pages_kept_from_the_last_build(make_site: MakeSite) -> None:
    """Pages are kept between builds (the page store); a theme text is part of what they depend on."""
    site_yaml = MINIMAL_SITE_YAML + "theme: calm\n"
    root, _ = built(make_site, site_yaml, {**SITE_FILES, "themes/calm/strings/en.yaml": "educational_article: One.\n"})
    assert text_of(page(root, "articles/breathing-out"), ".educational-note") == "One."
    (root / "themes/calm/strings/en.yaml").write_text("educational_article: Two.\n")
    assert run_sitegen("build", cwd=root).code == 0
    assert text_of(page(root, "articles/breathing-out"), ".educational-note") == "Two."


def test_placeholders_name_what_each_text_is_given() -> None:
    assert placeholders(ENGLISH["day_heading"]) == {"number", "title"}
    assert placeholders(ENGLISH["reading_time"]) == {"count"}
    assert placeholders(ENGLISH["skip_link"]) == set()


def test_every_translation_has_every_key_with_only_the_placeholders_english_has() -> None:
    translations = sorted(p for p in (THEME / "strings").glob("*.yaml") if p.name != "en.yaml")
    assert [p.name for p in translations] == ["es.yaml"]
    for path in translations:
        table = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert sorted(table) == sorted(ENGLISH), path.name
        for key, entry in table.items():
            assert entry_problem(entry) == "", (path.name, key)
            assert placeholders(entry) == placeholders(ENGLISH[key]), (path.name, key)


SPANISH_SITE = MINIMAL_SITE_YAML + "language: es\n"


def test_a_site_in_spanish_has_the_themes_words_in_spanish(make_site: MakeSite) -> None:
    second = {"content/articles/second.md": ARTICLE.replace("Breathing out", "Second")}
    root, warnings = built(make_site, SPANISH_SITE, {**SITE_FILES, **second})
    assert "warning" not in warnings
    home = page(root, "")
    assert home.html is not None and home.html["lang"] == "es"
    assert text_of(home, "#home-latest") == "Artículos recientes"
    assert text_of(home, "header .book-link") == "Reservar una sesión"  # site.yaml gives no label of its own
    assert text_of(home, ".skip-link") == "Saltar al contenido"
    notice = text_of(home, "section.crisis")
    assert "llame al 988 (marque 2 para español)" in notice and "llame al 911" in notice
    assert "Más recursos para crisis" in notice
    journey = page(root, "journeys/ten-quiet-days")
    assert "14 días · 1 escrito hasta ahora" in text_of(journey, "article.journey header .meta")
    assert text_of(journey, ".start-link") == "Empezar el día 1"
    assert "Próximamente" in text_of(journey, ".day-item.planned")
    day = page(root, "journeys/ten-quiet-days/day-1")
    assert day.title is not None and day.title.get_text() == "Día 1: Arriving – Ten quiet days · Test Practice"
    assert text_of(day, ".day-position") == "Día 1 de 14 · Semana 1: Settling"
    topics = text_of(page(root, "categories"), ".topic-list")
    assert "2 artículos · 1 recorrido" in topics
    article = page(root, "articles/breathing-out")
    assert "1 min de lectura" in text_of(article, ".article-header .meta")
    assert "No sustituye la atención" in text_of(article, ".educational-note")
    english = {ENGLISH[key] for key in ("skip_link", "latest_articles", "journey_plan", "footer_note")}
    for path in (root / "output").rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        assert not [words for words in english if words in html], path


def test_a_regional_language_reads_its_languages_texts(make_site: MakeSite) -> None:
    root, warnings = built(make_site, MINIMAL_SITE_YAML + "language: es-MX\n")
    assert "warning" not in warnings
    home = page(root, "")
    assert home.html is not None and home.html["lang"] == "es-MX"
    assert text_of(home, "#home-latest") == "Artículos recientes"


def test_a_language_no_theme_speaks_keeps_english_and_says_how_to_translate(make_site: MakeSite) -> None:
    french = "language: fr\nstrings:\n  latest_articles: Articles récents\n"
    root, warnings = built(make_site, MINIMAL_SITE_YAML + french)
    assert "warning: site.yaml: no theme has texts in 'fr'" in warnings
    assert "under 'strings:' in site.yaml" in warnings
    home = page(root, "")
    assert text_of(home, "#home-latest") == "Articles récents"
    assert text_of(home, "#home-helps") == ENGLISH["who_we_help"]


def test_a_brace_is_written_doubled_and_shows_once(make_site: MakeSite) -> None:
    site_yaml = MINIMAL_SITE_YAML + (
        "strings:\n  latest_articles: 'New {{this week}}'\n  start_day: 'Day {number} {{go}}'\n"
    )
    root, _ = built(make_site, site_yaml)
    assert text_of(page(root, ""), "#home-latest") == "New {this week}"
    assert text_of(page(root, "journeys/ten-quiet-days"), ".start-link") == "Day 1 {go}"


def test_a_notice_reworded_through_strings_also_keeps_us_services_off_the_crisis_page(make_site: MakeSite) -> None:
    reworded = "strings:\n  crisis_notice: In an emergency, call 999, or Samaritans on 116 123.\n"
    root, warnings = built(make_site, MINIMAL_SITE_YAML + reworded)
    assert "warning: site.yaml: the crisis notice has your own wording" in warnings
    said = text_of(page(root, "crisis"), "main")
    assert "Samaritans on 116 123" in said and "911" not in said and "988" not in said
    assert "Samaritans on 116 123" in text_of(page(root, ""), "section.crisis")


def test_an_empty_text_is_an_error_so_the_crisis_notice_cannot_vanish_quietly(make_site: MakeSite) -> None:
    root = make_site(SITE_FILES, site_yaml=MINIMAL_SITE_YAML + "strings:\n  crisis_notice: ''\n  crisis_link: ' '\n")
    result = run_sitegen("build", cwd=root)
    assert result.code == 1
    assert "site.yaml:10: strings: 'crisis_notice': is empty" in result.err
    assert "site.yaml:11: strings: 'crisis_link': is empty" in result.err


def test_the_sites_language_wins_over_a_project_themes_english(make_site: MakeSite) -> None:
    """A project theme rewording an English text must not put English on a Spanish site."""
    theme_texts = {
        "themes/calm/strings/en.yaml": "search: Find\nlatest_articles: Fresh reading\n",
        "themes/calm/strings/es.yaml": "latest_articles: Lecturas nuevas\n",
    }
    root, _ = built(make_site, SPANISH_SITE + "theme: calm\n", {**SITE_FILES, **theme_texts})
    home = page(root, "")
    assert text_of(home, ".site-nav li:last-child") == "Buscar"
    assert text_of(home, "#home-latest") == "Lecturas nuevas"


def test_every_problem_in_a_project_themes_texts_is_named_with_content_problems_too(make_site: MakeSite) -> None:
    theme_texts = {
        "themes/calm/strings/en.yaml": "search: Find {what}\nmy_own_label: Mine\n",  # a new key is fine in en.yaml
        "themes/calm/strings/es.yaml": "buscar: Buscar\nsearch:\n  one: a\n  other: b\n",
        "content/articles/broken.md": "---\ntitle: [unclosed\n---\nBody.\n",
    }
    root = make_site({**SITE_FILES, **theme_texts}, site_yaml=SPANISH_SITE + "theme: calm\n")
    (root / "themes/calm/strings/fr.yaml").write_bytes(b"search: Rechercher \xe9\n")
    result = run_sitegen("build", cwd=root)
    assert result.code == 1
    assert "Traceback" not in result.err
    assert "themes/calm/strings/en.yaml:1: 'search': uses {what}, which this text cannot fill" in result.err
    assert "themes/calm/strings/es.yaml:1: 'buscar': unknown text" in result.err
    assert "themes/calm/strings/es.yaml:2: 'search': has plural forms, but this text is given no count" in result.err
    assert "content/articles/broken.md:3: invalid YAML" in result.err  # content problems come in the same list
    assert "my_own_label" not in result.err
    assert "fr.yaml" not in result.err  # only the site's language is read

    (root / "site.yaml").write_text(MINIMAL_SITE_YAML + "language: fr\ntheme: calm\n", encoding="utf-8")
    result = run_sitegen("build", cwd=root)
    assert "themes/calm/strings/fr.yaml:1: not UTF-8 text" in result.err
    assert "Traceback" not in result.err


def test_a_language_written_right_to_left_sets_the_pages_direction(make_site: MakeSite) -> None:
    root, warnings = built(make_site, MINIMAL_SITE_YAML + "language: fa\n")
    assert "no theme has texts in 'fa'" in warnings
    for path in (root / "output").rglob("*.html"):
        html = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").html
        assert html is not None and html.get("dir") == "rtl", path
    english = page(built(make_site, MINIMAL_SITE_YAML)[0], "")
    assert english.html is not None and english.html.get("dir") is None

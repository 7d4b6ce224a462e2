"""site.yaml: every problem reported at once, each with its line and a hint."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import MINIMAL_SITE_YAML, MakeSite, run_sitegen

ARTICLE = """\
---
title: A calm article
date: 2025-01-02
category: Anxiety
---
Body text.
"""


def test_every_config_problem_is_reported_with_its_line(make_site: MakeSite) -> None:
    root = make_site(
        {"content/articles/a.md": ARTICLE},
        site_yaml="""\
title: Test Practice
base_url: example.org
tittle: typo
booking:
  url: https://example.org/book/
  lable: Book
categories:
  - name: Anxiety
    order: first
""",
    )
    result = run_sitegen("build", cwd=root)
    assert result.code == 1
    lines = result.err.splitlines()
    assert "site.yaml:3: unknown key 'tittle' (did you mean 'title'?)" in lines
    assert "site.yaml:6: unknown key 'lable' in 'booking' (did you mean 'label'?)" in lines
    assert "site.yaml:9: 'categories[0].order' should be a whole number, not 'first'" in lines
    assert "Traceback" not in result.err


def test_base_url_without_scheme_is_reported(make_site: MakeSite) -> None:
    root = make_site(
        {"content/articles/a.md": ARTICLE},
        site_yaml="title: T\nbase_url: example.org\nbooking: {url: /book/}\ncategories: [{name: Anxiety}]\n",
    )
    result = run_sitegen("build", cwd=root)
    assert result.code == 1
    assert "site.yaml:2: base_url 'example.org' is not a full web address" in result.err


def test_missing_required_keys_are_named(make_site: MakeSite) -> None:
    root = make_site({}, site_yaml="title: T\n")
    result = run_sitegen("build", cwd=root)
    assert result.code == 1
    for key in ("base_url", "categories", "booking"):
        assert f"missing required key '{key}'" in result.err


def test_yaml_syntax_error_in_config_points_at_line(make_site: MakeSite) -> None:
    root = make_site({}, site_yaml='title: "Unclosed\nbase_url: https://example.org/\n')
    result = run_sitegen("build", cwd=root)
    assert result.code == 1
    assert result.err.startswith("site.yaml:1: invalid YAML")
    assert "Traceback" not in result.err


def test_no_site_yaml_gives_a_hint(make_site: MakeSite) -> None:
    root = make_site({}, site_yaml=None)
    result = run_sitegen("build", cwd=root)
    assert result.code == 1
    assert "no site.yaml found" in result.err


def test_unknown_booking_variant_for_category(make_site: MakeSite) -> None:
    root = make_site(
        {"content/articles/a.md": ARTICLE},
        site_yaml="""\
title: T
base_url: https://example.org/
booking:
  url: /book/
  variants:
    couples: {url: /couples/}
  categories:
    Anxiety: coupls
categories: [{name: Anxiety}]
""",
    )
    result = run_sitegen("build", cwd=root)
    assert result.code == 1
    assert "site.yaml:8: unknown booking variant 'coupls' (did you mean 'couples'?)" in result.err


def test_navigation_entry_naming_nothing(make_site: MakeSite) -> None:
    root = make_site(
        {"content/articles/a.md": ARTICLE, "content/pages/about.md": "---\ntitle: About\n---\nHi\n"},
        site_yaml="""\
title: T
base_url: https://example.org/
booking: {url: /book/}
categories: [{name: Anxiety}]
navigation:
  - articles
  - abuot
""",
    )
    result = run_sitegen("build", cwd=root)
    assert result.code == 1
    assert "site.yaml:7: navigation names 'abuot', which is not a page (did you mean 'about'?)" in result.err


def test_valid_minimal_site_builds(make_site: MakeSite) -> None:
    root = make_site({"content/articles/a.md": ARTICLE})
    result = run_sitegen("build", cwd=root)
    assert result.code == 0, result.err
    assert (root / "output" / "articles" / "a" / "index.html").is_file()
    assert Path(root / "output" / "index.html").is_file()


@pytest.mark.parametrize(
    ("theme", "hint"),
    [
        ("clam", "did you mean 'calm'?"),
        ("../..", "a theme is a folder in themes/; the themes here are: calm, default"),
        ("calm/../..", "a theme is a folder in themes/; the themes here are: calm, default"),
        ("", "a theme is a folder in themes/; the themes here are: calm, default"),
        ("missing", "a theme is a folder in themes/; the themes here are: calm, default"),
    ],
)
def test_an_unknown_theme_is_an_error_naming_the_themes_found(make_site: MakeSite, theme: str, hint: str) -> None:
    root = make_site(
        {"content/articles/a.md": ARTICLE, "themes/calm/strings/en.yaml": "topics: Themes\n"},
        site_yaml=MINIMAL_SITE_YAML + f"theme: '{theme}'\n",
    )
    result = run_sitegen("build", cwd=root)
    assert result.code == 1
    assert f"site.yaml:9: there is no theme '{theme}' ({hint})" in result.err.splitlines()
    assert not (root / "output").exists()


@pytest.mark.parametrize("theme", ["calm", "default"])
def test_a_theme_folder_or_the_default_builds(make_site: MakeSite, theme: str) -> None:
    root = make_site(
        {"content/articles/a.md": ARTICLE, "themes/calm/strings/en.yaml": "topics: Themes\n"},
        site_yaml=MINIMAL_SITE_YAML + f"theme: {theme}\n",
    )
    assert run_sitegen("build", cwd=root).code == 0


ADDRESS_SITE = "title: T\nbase_url: {base}\nlanguage: {language}\nallowed_origins: {origins}\n"
ADDRESS_SITE += "booking: {{url: /book/}}\ncategories: [{{name: Anxiety}}]\n"


@pytest.mark.parametrize(
    ("base", "language", "origins", "expected"),
    [
        ('"https://example.org\\\\evil/"', "en", "[]", "site.yaml:2: base_url 'https://example.org\\evil/' contains"),
        ("https://example.org/a/../../b/", "en", "[]", "base_url 'https://example.org/a/../../b/' has '.'"),
        ("' https://example.org/ '", "en", "[]", "site.yaml:2: base_url ' https://example.org/ ' contains a space"),
        ("https://u:p@example.org/", "en", "[]", "site.yaml:2: base_url 'https://u:p@example.org/' holds a user"),
        ("https://example.org:99999/", "en", "[]", "site.yaml:2: base_url 'https://example.org:99999/' is not a full"),
        ("https://example.org/?p=1", "en", "[]", "site.yaml:2: base_url 'https://example.org/?p=1' has a '?'"),
        ("https://bücher.example/", "en", "[]", "write the host as browsers send it: xn--bcher-kva.example"),
        ("https://example.org/", "en-" + "a" * 300, "[]", "site.yaml:3: language 'en-aaaa"),
        ("https://example.org/", "../strings/en", "[]", "site.yaml:3: language '../strings/en' is not a language tag"),
        ("https://example.org/", "'x y'", "[]", "site.yaml:3: language 'x y' is not a language tag"),
        ("https://example.org/", "en", "['*']", "site.yaml:4: '*' is not an origin"),
        ("https://example.org/", "en", "[cdn.example]", "site.yaml:4: 'cdn.example' is not an origin"),
        ("https://example.org/", "en", "[5]", "site.yaml:4: '5' is not an origin"),
        ("https://example.org/", "en", '["https://[cdn"]', "site.yaml:4: 'https://[cdn' is not an origin"),
        ("https://example.org/", "en", "['https://cdn.example/only/']", "'https://cdn.example/only/' is not an"),
    ],
)
def test_an_address_or_name_every_page_repeats_is_checked(
    make_site: MakeSite, base: str, language: str, origins: str, expected: str
) -> None:
    site = ADDRESS_SITE.format(base=base, language=language, origins=origins)
    root = make_site({"content/articles/a.md": ARTICLE}, site_yaml=site)
    result = run_sitegen("build", cwd=root)
    assert result.code == 1, result.err
    assert expected in result.err
    assert "Traceback" not in result.err and "crashed" not in result.err
    assert not (root / "output").exists()


@pytest.mark.parametrize(
    ("base", "language", "origins"),
    [
        ("https://example.org/practice/", "en-GB", "[https://cdn.example]"),
        ("http://127.0.0.1:8000/", "pt-BR", "['https://cdn.example:8443/']"),
        ("https://xn--bcher-kva.example/", "zh-Hant-TW", "[]"),
    ],
)
def test_good_addresses_and_tags_build(make_site: MakeSite, base: str, language: str, origins: str) -> None:
    site = ADDRESS_SITE.format(base=base, language=language, origins=origins)
    root = make_site({"content/articles/a.md": ARTICLE}, site_yaml=site)
    result = run_sitegen("build", cwd=root)
    assert result.code == 0, result.err

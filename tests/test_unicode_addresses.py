"""Names in every script make working addresses; names that cannot are located errors.

The six-language practice in tests/fixtures/scripts/ is built once; the smaller cases are the
reproductions from issue #17, each run through the real CLI.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

import pytest
from bs4 import BeautifulSoup

from conftest import MakeSite, ServeProcess, run_sitegen, snapshot, start_serve, stop

SCRIPTS_SITE = Path(__file__).parent / "fixtures" / "scripts"

# One category and one tag per language, as written in the fixture, with its folder on disk.
NAMES = {
    "Arabic": ("القلق", "نوم"),
    "Russian": ("Тревога", "Сон"),
    "Greek": ("Άγχος", "Ύπνος"),
    "Japanese": ("不安", "よく眠る"),
    "Chinese": ("焦虑", "睡眠"),
    "Spanish": ("Ansiedad", "Sueño"),
}
FOLDERS = {
    "Arabic": ("القلق", "نوم"),
    "Russian": ("тревога", "сон"),
    "Greek": ("άγχος", "ύπνος"),
    "Japanese": ("不安", "よく眠る"),
    "Chinese": ("焦虑", "睡眠"),
    "Spanish": ("ansiedad", "sueño"),
}


def article(extra: str = "", category: str = "Anxiety", title: str = "A calm article") -> str:
    return f"---\ntitle: {title}\ndate: 2025-01-02\ncategory: {category}\n{extra}---\nBody text.\n"


def site_yaml(categories: list[str], extra: str = "") -> str:
    listed = "".join(f"  - name: {name}\n" for name in categories)
    return f"title: Test\nbase_url: https://example.org/\nbooking:\n  url: https://example.org/book/\n{extra}categories:\n{listed}"


@pytest.fixture(scope="module")
def scripts_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("scripts") / "site"
    shutil.copytree(SCRIPTS_SITE, root)
    result = run_sitegen("build", "-q", cwd=root)
    assert result.code == 0, result.err
    return root


def links_in(page: Path) -> list[str]:
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    return [str(tag.get("href") or tag.get("src")) for tag in soup.find_all(["a", "link", "script", "img"])]


# --- the six-language practice ---------------------------------------------------------------


@pytest.mark.parametrize("language", list(NAMES))
def test_each_language_has_its_category_and_tag_pages_in_folders_named_in_its_script(
    scripts_site: Path, language: str
) -> None:
    category, tag = NAMES[language]
    category_folder, tag_folder = FOLDERS[language]
    output = scripts_site / "output"
    for page, heading in (
        (output / "categories" / category_folder / "index.html", category),
        (output / "tags" / tag_folder / "index.html", tag),
    ):
        assert page.is_file(), sorted(p.name for p in page.parent.parent.iterdir())
        h1 = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").find("h1")
        assert h1 is not None and heading in h1.get_text()


def test_sitegen_check_finds_no_broken_links(scripts_site: Path) -> None:
    result = run_sitegen("check", cwd=scripts_site)
    assert result.code == 0, result.out + result.err
    assert "no broken links, missing anchors or orphan pages" in result.out


def test_every_link_the_site_writes_is_percent_encoded_and_reaches_a_folder(scripts_site: Path) -> None:
    output = scripts_site / "output"
    seen_encoded = 0
    for page in output.rglob("*.html"):
        if "pagefind" in page.parts:
            continue
        for link in links_in(page):
            if link.startswith("/practice/"):
                assert link.isascii(), f"{page.relative_to(output)}: {link}"
                seen_encoded += "%" in link
                target = output / unquote(urlsplit(link).path).removeprefix("/practice/")
                assert target.exists(), f"{page.relative_to(output)}: {link}"
    assert seen_encoded > 20


def test_sitemap_feeds_and_canonical_urls_are_encoded(scripts_site: Path) -> None:
    output = scripts_site / "output"
    sitemap = (output / "sitemap.xml").read_text(encoding="utf-8")
    locations = re.findall(r"<loc>([^<]+)</loc>", sitemap)
    assert "https://example.org/practice/categories/%D8%A7%D9%84%D9%82%D9%84%D9%82/" in locations
    assert all(loc.isascii() for loc in locations), locations
    feed = (output / "categories" / "тревога" / "feed.xml").read_text(encoding="utf-8")
    feed_links = re.findall(r'<link href="([^"]+)"', feed)
    assert "https://example.org/practice/categories/%D1%82%D1%80%D0%B5%D0%B2%D0%BE%D0%B3%D0%B0/" in feed_links
    assert all(link.isascii() for link in feed_links), feed_links
    page = (output / "articles" / "ηρεμία-πριν-τον-ύπνο" / "index.html").read_text(encoding="utf-8")
    canonical = re.search(r'<link rel="canonical" href="([^"]+)"', page)
    assert canonical is not None
    assert unquote(canonical.group(1)) == "https://example.org/practice/articles/ηρεμία-πριν-τον-ύπνο/"
    assert canonical.group(1).isascii()


def test_an_old_address_in_another_script_redirects_from_its_own_folder(scripts_site: Path) -> None:
    redirect = scripts_site / "output" / "старое" / "сон" / "index.html"
    assert redirect.is_file()
    assert 'href="https://example.org/practice/articles/russian/"' in redirect.read_text(encoding="utf-8")


def test_a_file_named_in_its_own_script_gives_the_address(scripts_site: Path) -> None:
    assert (scripts_site / "output" / "articles" / "cómo-calmarse" / "index.html").is_file()


def test_tags_that_differ_only_in_case_are_one_tag(scripts_site: Path) -> None:
    index = (scripts_site / "output" / "tags" / "index.html").read_text(encoding="utf-8")
    assert index.count("/practice/tags/sue%C3%B1o/") == 1
    article = scripts_site / "output" / "articles" / "cómo-calmarse" / "index.html"
    assert links_in(article).count("/practice/tags/sue%C3%B1o/") == 1  # tags: [Sueño, sueño]


@pytest.fixture(scope="module")
def served_scripts(scripts_site: Path) -> Iterator[ServeProcess]:
    server = start_serve(scripts_site, status=302)  # '/' redirects to the base path, /practice/
    try:
        yield server
    finally:
        stop(server)


@pytest.mark.parametrize("language", list(NAMES))
def test_the_preview_serves_each_encoded_address(served_scripts: ServeProcess, language: str) -> None:
    category, tag = NAMES[language]
    category_folder, tag_folder = FOLDERS[language]
    for folder, heading in ((f"categories/{category_folder}", category), (f"tags/{tag_folder}", tag)):
        encoded = quote(f"/practice/{folder}/")
        answer = served_scripts.request(encoded)
        assert answer.status == 200, (encoded, answer.status)
        assert heading in answer.body


# --- the reproductions -------------------------------------------------------------------------


def test_a_category_in_arabic_builds(make_site: MakeSite) -> None:
    root = make_site({"content/articles/a.md": article(category="القلق")}, site_yaml=site_yaml(["القلق"]))
    result = run_sitegen("build", "-q", cwd=root)
    assert result.code == 0, result.err
    assert (root / "output/categories/القلق/index.html").is_file()


@pytest.mark.parametrize("tag", ["日本語", "نوم", "Сон", "Ύπνος", "睡眠"])
def test_a_tag_in_another_script_builds(make_site: MakeSite, tag: str) -> None:
    root = make_site({"content/articles/a.md": article(f"tags: [{tag}]\n")})
    result = run_sitegen("build", "-q", cwd=root)
    assert result.code == 0, result.err
    assert (root / "output/tags" / tag.lower() / "index.html").is_file()


def test_two_tags_at_one_address_are_an_error_naming_both(make_site: MakeSite) -> None:
    root = make_site({"content/articles/a.md": article("tags:\n  - calm\n  - C\n")})
    assert run_sitegen("build", "-q", cwd=root).code == 0
    before = snapshot(root / "output")
    (root / "content/articles/b.md").write_text(article("tags: [C++]\n", title="Another"), encoding="utf-8")
    result = run_sitegen("build", "-q", cwd=root)
    assert result.code == 1
    both = re.compile(
        r"content/articles/(a\.md:7|b\.md:5): the tags '(C|C\+\+)' and '(C|C\+\+)' "
        r"\(content/articles/(a\.md:7|b\.md:5)\) share the address /tags/c/ \(spell them alike"
    )
    found = both.search(result.err)
    assert found is not None, result.err
    assert found.group(1) != found.group(4) and found.group(2) != found.group(3)
    assert snapshot(root / "output") == before


def test_an_old_address_with_a_hidden_name_in_it_is_an_error(make_site: MakeSite) -> None:
    root = make_site({"content/articles/a.md": article('aliases: ["/notes/.calm/"]\n')})
    result = run_sitegen("build", "-q", cwd=root)
    assert result.code == 1
    assert "wants the address /notes/.calm/, but a name starting with '.' is a hidden file" in result.err


def test_two_categories_at_one_address_are_an_error_naming_both(make_site: MakeSite) -> None:
    root = make_site({"content/articles/a.md": article(category="C")}, site_yaml=site_yaml(["C", "C++"]))
    result = run_sitegen("build", "-q", cwd=root)
    assert result.code == 1
    assert "site.yaml:7: categories 'C' (line 6) and 'C++' share the address /categories/c/" in result.err


@pytest.mark.parametrize(
    ("slug_line", "message"),
    [
        ('slug: "abc\\n"', "the slug 'abc\\n' holds a control character"),
        ('slug: "a\\tb"', "the slug 'a\\tb' holds a control character"),
        ('slug: ""', "the slug '' is empty"),
        ("slug: " + "a" * 300, "the slug 'aaaa"),
        ("slug: " + "ن" * 150, "the slug 'نننن"),
        ("slug: Calm-Mind", "the slug 'Calm-Mind' cannot be used in an address (use lowercase letters"),
    ],
    ids=["newline", "tab", "empty", "long-ascii", "long-arabic", "capitals"],
)
def test_a_slug_that_cannot_be_a_folder_is_a_located_error(make_site: MakeSite, slug_line: str, message: str) -> None:
    root = make_site({"content/articles/a.md": article(slug_line + "\n")})
    result = run_sitegen("build", "-q", cwd=root)
    assert result.code == 1, result.err
    assert f"content/articles/a.md:5: {message}" in result.err
    if len(slug_line) > 100:
        assert "is 300 bytes long, more than the 200 a folder name may take" in result.err
        assert len(result.err) < 400  # the message quotes a long slug cut short
    assert not (root / "output").exists()


def test_a_slug_with_capitals_is_shown_how_to_write_it(make_site: MakeSite) -> None:
    root = make_site({"content/articles/a.md": article("slug: Ύπνος-Καλός\n")})
    result = run_sitegen("build", "-q", cwd=root)
    assert result.code == 1
    assert "e.g. 'ύπνος-καλός'" in result.err


@pytest.mark.parametrize(
    ("tags", "message"),
    [
        ("[calm, '!!!']", "content/articles/a.md:5: the tag '!!!' has no letters or digits"),
        ("\n  - calm\n  - '" + "ب" * 150 + "'", "content/articles/a.md:7: the tag '"),
    ],
    ids=["no-letters", "too-long"],
)
def test_a_tag_that_cannot_have_an_address_is_a_located_error(make_site: MakeSite, tags: str, message: str) -> None:
    root = make_site({"content/articles/a.md": article(f"tags: {tags}\n")})
    result = run_sitegen("build", "-q", cwd=root)
    assert result.code == 1
    assert message in result.err
    assert "Traceback" not in result.err and "would leave the output folder" not in result.err


@pytest.mark.parametrize(
    ("alias", "message"),
    [
        ('"/old\\npost/"', "holds a control character"),
        ("/" + "ж" * 150 + "/", "a part of the alias is 300 bytes long"),
    ],
    ids=["control", "too-long"],
)
def test_an_alias_that_cannot_be_a_folder_is_a_located_error(make_site: MakeSite, alias: str, message: str) -> None:
    root = make_site({"content/articles/a.md": article(f"aliases: [{alias}]\n")})
    result = run_sitegen("build", "-q", cwd=root)
    assert result.code == 1, result.err
    assert "content/articles/a.md:5:" in result.err and message in result.err


def test_a_category_too_long_for_a_folder_is_a_located_error(make_site: MakeSite) -> None:
    long_name = "Тревога " * 30
    root = make_site(
        {"content/articles/a.md": article(category=long_name.strip())}, site_yaml=site_yaml([long_name.strip()])
    )
    result = run_sitegen("build", "-q", cwd=root)
    assert result.code == 1
    assert "site.yaml:6: the category" in result.err and "more than the 200" in result.err


def test_a_journey_slug_with_a_line_break_is_a_located_error(make_site: MakeSite) -> None:
    journey = (
        '---\ntitle: Steady\nduration: 1 week\ncategory: Anxiety\nslug: "steady\\n"\n---\n'
        "# Steady\n\nIntro.\n\n## Your Journey Plan\n### Week 1: Start\n- Breathe\n"
    )
    root = make_site({"content/journeys/steady.md": journey})
    result = run_sitegen("build", "-q", cwd=root)
    assert result.code == 1
    assert "content/journeys/steady.md:5: the journey slug 'steady\\n' holds a control character" in result.err


# --- `slugs: ascii` ----------------------------------------------------------------------------


def test_a_site_can_ask_for_transliterated_ascii_addresses(make_site: MakeSite) -> None:
    root = make_site(
        {"content/articles/a.md": article("tags: [Сон, Ύπνος]\n", category="Тревога")},
        site_yaml=site_yaml(["Тревога"], "slugs: ascii\n"),
    )
    result = run_sitegen("build", "-q", cwd=root)
    assert result.code == 0, result.err
    assert (root / "output/categories/trevoga/index.html").is_file()
    assert (root / "output/tags/son/index.html").is_file()
    assert (root / "output/tags/ypnos/index.html").is_file()
    assert all(path.name.isascii() for path in (root / "output").rglob("*"))


def test_an_ascii_site_refuses_a_slug_in_another_script(make_site: MakeSite) -> None:
    root = make_site(
        {"content/articles/a.md": article("slug: сон\n")}, site_yaml=site_yaml(["Anxiety"], "slugs: ascii\n")
    )
    result = run_sitegen("build", "-q", cwd=root)
    assert result.code == 1
    assert "content/articles/a.md:5: the slug 'сон' cannot be used in an address (use ASCII letters" in result.err
    assert "e.g. 'son'" in result.err


def test_an_unknown_slug_style_is_an_error(make_site: MakeSite) -> None:
    root = make_site({"content/articles/a.md": article()}, site_yaml=site_yaml(["Anxiety"], "slugs: latin\n"))
    result = run_sitegen("build", "-q", cwd=root)
    assert result.code == 1
    assert "site.yaml:5: slugs cannot be 'latin'" in result.err


# --- `sitegen new` -----------------------------------------------------------------------------


def test_new_names_the_file_in_the_titles_own_script(make_site: MakeSite) -> None:
    root = make_site()
    result = run_sitegen("new", "article", "Как успокоиться перед сном", cwd=root)
    assert result.code == 0, result.err
    assert (root / "content/articles/как-успокоиться-перед-сном.md").is_file()
    assert run_sitegen("build", "-q", cwd=root).code == 0
    assert (root / "output/articles/как-успокоиться-перед-сном/index.html").is_file()


def test_new_shortens_a_title_too_long_for_a_file_name(make_site: MakeSite) -> None:
    root = make_site()
    title = "Sleep gently and " * 30 + "wake rested"
    result = run_sitegen("new", "article", title, cwd=root)
    assert result.code == 0, result.err
    (written,) = (root / "content/articles").glob("*.md")
    assert written.stem.startswith("sleep-gently-and-sleep")
    assert len(written.stem.encode("utf-8")) <= 100 and not written.stem.endswith("-")
    build = run_sitegen("build", "-q", cwd=root)
    assert build.code == 0, build.err


def test_headings_in_any_script_get_readable_anchors_that_links_reach(make_site: MakeSite) -> None:
    root = make_site(
        {
            "content/articles/calm.md": article(title="Calm").replace("Body text.", "## كيف تهدأ\n\nتنفس ببطء.\n"),
            "content/articles/more.md": article(title="More").replace(
                "Body text.", "See [how to calm down](/articles/calm/#كيف-تهدأ) and [the list](/tags/)."
            ),
        }
    )
    assert run_sitegen("build", "-q", cwd=root).code == 0
    page = BeautifulSoup((root / "output/articles/calm/index.html").read_text(encoding="utf-8"), "html.parser")
    assert page.find("h2", id="كيف-تهدأ") is not None
    result = run_sitegen("check", cwd=root)
    assert result.code == 0, result.out + result.err
    assert "missing anchor '#" not in result.out + result.err


def test_new_refuses_a_title_of_control_characters_and_shows_them(make_site: MakeSite) -> None:
    root = make_site()
    result = run_sitegen("new", "article", "\x1b\x07", cwd=root)
    assert result.code == 1
    assert "the title '\\x1b\\x07' has no letters or digits" in result.err
    assert not (root / "content/articles").exists()


@pytest.mark.parametrize("base_url", ["https://example.org/práctica/", "https://example.org/pr%C3%A1ctica/"])
def test_a_base_path_in_another_script_is_encoded_once_and_served(tmp_path: Path, base_url: str) -> None:
    root = tmp_path / "site"
    shutil.copytree(SCRIPTS_SITE, root)
    config = root / "site.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace("https://example.org/practice/", base_url))
    assert run_sitegen("build", "-q", cwd=root).code == 0
    sitemap = (root / "output/sitemap.xml").read_text(encoding="utf-8")
    assert "<loc>https://example.org/pr%C3%A1ctica/tags/%D9%86%D9%88%D9%85/</loc>" in sitemap
    check = run_sitegen("check", cwd=root)
    assert check.code == 0, check.out + check.err
    server = start_serve(root, status=302)
    try:
        assert server.request("/").headers["location"] == "/pr%C3%A1ctica/"
        answer = server.request("/pr%C3%A1ctica/tags/%D9%86%D9%88%D9%85/")
        assert answer.status == 200 and "نوم" in answer.body
    finally:
        stop(server)

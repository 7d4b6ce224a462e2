"""Booking calls-to-action, the crisis notice, clinicians, content notes and content pages."""

from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup

from conftest import MakeSite, run_sitegen

SITE = """\
title: Practice
base_url: https://example.org/
practice:
  name: Harbour Practice
  phone: "(555) 010-0199"
  email: hello@example.org
  address: 1 Quay Street
  telehealth: [Oregon]
booking:
  url: /book/
  label: Book a session
  text: Default booking text.
  variants:
    couples:
      url: /book/couples/
      label: Book a couples session
      text: Couples text.
    group:
      url: /book/group/
      label: Join the group
  categories:
    Relationships: couples
categories:
  - name: Anxiety
  - name: Relationships
"""

TEAM = """\
---
name: Sam Rivera
credentials: LPC
pronouns: they/them
role: Counselor
regions: [Oregon]
specialties: [Anxiety]
booking_url: /book/sam/
booking_label: Book with Sam
---
Sam works gently.
"""


def article(category: str = "Anxiety", extra: str = "", body: str = "Body.") -> str:
    return f"---\ntitle: An article\ndate: 2025-02-03\ncategory: {category}\n{extra}---\n{body}\n"


def booking_block(root: Path, slug: str) -> BeautifulSoup | None:
    page = BeautifulSoup((root / f"output/articles/{slug}/index.html").read_text(), "html.parser")
    return page.find("main").find("aside", class_="booking", recursive=False)


def build(root: Path) -> None:
    result = run_sitegen("build", cwd=root)
    assert result.code == 0, result.err


def test_site_default_booking(make_site: MakeSite) -> None:
    root = make_site({"content/articles/plain.md": article()}, site_yaml=SITE)
    build(root)
    block = booking_block(root, "plain")
    assert block is not None
    assert block.find("a", class_="button")["href"] == "/book/"
    assert "Default booking text." in block.get_text()
    assert block.find("a", href="tel:5550100199") is None  # no phone set for booking


def test_category_variant_changes_only_that_categorys_articles(make_site: MakeSite) -> None:
    root = make_site(
        {"content/articles/plain.md": article(), "content/articles/couple.md": article("Relationships")}, site_yaml=SITE
    )
    build(root)
    couple = booking_block(root, "couple")
    assert couple is not None and couple.find("a", class_="button")["href"] == "/book/couples/"
    assert "Couples text." in couple.get_text()
    plain = booking_block(root, "plain")
    assert plain is not None and plain.find("a", class_="button")["href"] == "/book/"


def test_clinicians_own_link_wins_on_their_articles(make_site: MakeSite) -> None:
    root = make_site(
        {
            "content/team/sam-rivera.md": TEAM,
            "content/articles/by-sam.md": article("Relationships", "author: sam-rivera\n"),
            "content/articles/other.md": article(),
        },
        site_yaml=SITE,
    )
    build(root)
    sams = booking_block(root, "by-sam")
    assert sams is not None
    link = sams.find("a", class_="button")
    assert (link["href"], link.get_text()) == ("/book/sam/", "Book with Sam")
    other = booking_block(root, "other")
    assert other is not None and other.find("a", class_="button")["href"] == "/book/"


def test_cta_false_removes_the_block_from_one_article_only(make_site: MakeSite) -> None:
    root = make_site(
        {"content/articles/quiet.md": article(extra="cta: false\n"), "content/articles/plain.md": article()},
        site_yaml=SITE,
    )
    build(root)
    assert booking_block(root, "quiet") is None
    assert booking_block(root, "plain") is not None
    header = BeautifulSoup((root / "output/articles/quiet/index.html").read_text(), "html.parser")
    assert header.select_one(".site-header .book-link")["href"] == "/book/", "the header link stays"


def test_cta_can_name_a_variant_or_give_a_mapping(make_site: MakeSite) -> None:
    root = make_site(
        {
            "content/articles/named.md": article(extra="cta: group\n"),
            "content/articles/mapped.md": article(extra="cta:\n  label: Call us today\n  phone: 555 0101\n"),
        },
        site_yaml=SITE,
    )
    build(root)
    named = booking_block(root, "named")
    assert named is not None and named.find("a", class_="button")["href"] == "/book/group/"
    mapped = booking_block(root, "mapped")
    assert mapped is not None
    assert mapped.find("a", class_="button").get_text() == "Call us today"
    assert mapped.find("a", href="tel:5550101") is not None


def test_inline_marker_places_the_block_where_it_stands(make_site: MakeSite) -> None:
    body = "First paragraph.\n\n[[booking]]\n\nLast paragraph."
    root = make_site({"content/articles/inline.md": article(body=body)}, site_yaml=SITE)
    build(root)
    page = BeautifulSoup((root / "output/articles/inline/index.html").read_text(), "html.parser")
    prose = page.select_one(".prose")
    children = [c for c in prose.find_all(recursive=False)]
    assert [c.name for c in children] == ["p", "aside", "p"]
    assert children[1].find("a", class_="button")["href"] == "/book/"
    assert "[[booking]]" not in page.get_text()


def test_unknown_author_and_unknown_variant_fail_with_lines(make_site: MakeSite) -> None:
    root = make_site(
        {
            "content/team/sam-rivera.md": TEAM,
            "content/articles/a.md": article(extra="author: sam-rivra\n"),
            "content/articles/b.md": article(extra="cta: coupels\n"),
            "content/articles/c.md": article(extra="author: sam-rivera\nreviewed_by: nobody\n"),
        },
        site_yaml=SITE,
    )
    result = run_sitegen("build", cwd=root)
    assert result.code == 1
    assert "content/articles/a.md:5: unknown author 'sam-rivra' (did you mean 'sam-rivera'?)" in result.err
    assert "content/articles/b.md:5: unknown booking variant 'coupels' (did you mean 'couples'?)" in result.err
    assert "content/articles/c.md:6: unknown reviewed by 'nobody'" in result.err
    assert not (root / "output").exists()


def test_crisis_notice_defaults_to_988_and_links_to_a_crisis_page(make_site: MakeSite) -> None:
    root = make_site({"content/articles/a.md": article()}, site_yaml=SITE)
    build(root)
    for page_path in (root / "output").rglob("*.html"):
        page = BeautifulSoup(page_path.read_text(), "html.parser")
        notice = page.select_one("section.crisis")
        assert notice is not None and "988" in notice.get_text() and "911" in notice.get_text(), page_path
        assert notice.find("a")["href"] == "/crisis/"
    said = BeautifulSoup((root / "output/crisis/index.html").read_text(), "html.parser").select_one("main")
    assert said is not None and "call 911" in said.get_text() and "call or text 988" in said.get_text()


def test_crisis_false_removes_the_notice_and_warns(make_site: MakeSite) -> None:
    root = make_site({"content/articles/a.md": article()}, site_yaml=SITE + "crisis: false\n")
    result = run_sitegen("build", cwd=root)
    assert result.code == 0
    assert "warning:" in result.err and "crisis" in result.err
    page = BeautifulSoup((root / "output/articles/a/index.html").read_text(), "html.parser")
    assert page.select_one("section.crisis") is None


UK_CRISIS = """crisis:
  text: In an emergency, call 999. To talk any time, call Samaritans free on 116 123.
  link_label: Where to find help
"""


def test_a_notice_in_the_sites_own_words_is_what_the_built_in_crisis_page_says(make_site: MakeSite) -> None:
    """A practice outside the US that rewrites the notice must not get a crisis page naming
    911 and 988, contradicting its own notice; the build says how to write a proper page."""
    root = make_site({"content/articles/a.md": article()}, site_yaml=SITE + UK_CRISIS)
    result = run_sitegen("build", cwd=root)
    assert result.code == 0, result.err
    assert "warning: site.yaml: the crisis notice has your own wording" in result.err
    assert "content/pages/crisis.md" in result.err
    crisis_page = BeautifulSoup((root / "output/crisis/index.html").read_text(), "html.parser")
    said = crisis_page.select_one("main").get_text()
    assert "Samaritans free on 116 123" in said
    assert "911" not in said and "988" not in said
    assert "not an emergency service" in said
    notice = crisis_page.select_one("section.crisis")
    assert notice is not None and "call 999" in notice.get_text() and "Where to find help" in notice.get_text()


def test_a_crisis_page_of_the_sites_own_stops_the_warning(make_site: MakeSite) -> None:
    crisis_md = "---\ntitle: Urgent help\n---\nIn the UK, call 999 or Samaritans on 116 123.\n"
    root = make_site(
        {"content/articles/a.md": article(), "content/pages/crisis.md": crisis_md}, site_yaml=SITE + UK_CRISIS
    )
    result = run_sitegen("build", cwd=root)
    assert result.code == 0, result.err
    assert "crisis" not in result.err
    said = BeautifulSoup((root / "output/crisis/index.html").read_text(), "html.parser").select_one("main")
    assert said is not None and "Samaritans on 116 123" in said.get_text() and "911" not in said.get_text()


def test_content_note_appears_before_the_body(make_site: MakeSite) -> None:
    root = make_site(
        {"content/articles/a.md": article(extra="content_note: This article discusses loss.\n")}, site_yaml=SITE
    )
    build(root)
    page = BeautifulSoup((root / "output/articles/a/index.html").read_text(), "html.parser")
    note = page.select_one(".content-note")
    assert note is not None and "This article discusses loss." in note.get_text()
    assert note.find_next_sibling("div", class_="prose") is not None


def test_clinician_pages_and_bylines(make_site: MakeSite) -> None:
    root = make_site(
        {"content/team/sam-rivera.md": TEAM, "content/articles/by-sam.md": article(extra="author: sam-rivera\n")},
        site_yaml=SITE,
    )
    build(root)
    team = BeautifulSoup((root / "output/team/index.html").read_text(), "html.parser")
    assert team.find("a", href="/team/sam-rivera/").get_text() == "Sam Rivera, LPC"
    profile = BeautifulSoup((root / "output/team/sam-rivera/index.html").read_text(), "html.parser")
    text = profile.find("main").get_text(" ", strip=True)
    assert "they/them" in text and "Oregon" in text and "Sam works gently." in text
    assert profile.find("a", href="/articles/by-sam/") is not None
    byline = BeautifulSoup((root / "output/articles/by-sam/index.html").read_text(), "html.parser")
    assert byline.select_one(".article-header a")["href"] == "/team/sam-rivera/"


def test_practice_details_are_in_every_footer(make_site: MakeSite) -> None:
    root = make_site(
        {"content/articles/a.md": article(), "content/pages/fees.md": "---\ntitle: Fees\n---\nFees.\n"}, site_yaml=SITE
    )
    build(root)
    for name in ("index.html", "fees/index.html", "404.html"):
        footer = BeautifulSoup((root / "output" / name).read_text(), "html.parser").find("footer")
        text = footer.get_text(" ", strip=True)
        assert "Harbour Practice" in text and "1 Quay Street" in text and "hello@example.org" in text
        assert footer.find("a", href="tel:5550100199") is not None


def test_marker_at_the_very_end_does_not_double_the_block(make_site: MakeSite) -> None:
    root = make_site({"content/articles/end.md": article(body="Text.\n\n[[booking]]\n")}, site_yaml=SITE)
    build(root)
    page = BeautifulSoup((root / "output/articles/end/index.html").read_text(), "html.parser")
    assert len(page.select("main aside.booking")) == 1
    assert page.find("main").find_all(recursive=False)[-1].name == "aside"

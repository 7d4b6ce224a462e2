"""`sitegen check`'s professional checks (issue #20, item 4): client testimonials, and the
accessibility statement every site gets at /accessibility/."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import MINIMAL_SITE_YAML, MakeSite, copy_sample, run_sitegen

PAGE_HEAD = "---\ntitle: {title}\n---\n\n"
CONTACT = "practice:\n  name: Calm Practice\n  email: hello@example.org\n  phone: 555-0100\n"
SITE = MINIMAL_SITE_YAML + CONTACT


def _page(body: str, title: str = "About") -> str:
    return PAGE_HEAD.format(title=title) + body


def _warnings(run_err: str, code: str = "") -> list[str]:
    return [line for line in run_err.splitlines() if line.startswith("warning:") and code in line]


@pytest.mark.parametrize(
    ("body", "line"),
    [
        ("Intro.\n\n## Testimonials\n\nThey were kind.\n", 7),
        ("Intro.\n\n### What clients say\n", 7),
        ("Intro.\n\n## What our clients are saying about us\n", 7),
        ("Intro.\n\n## Client reviews\n", 7),
        ("Intro.\n\n## Reviews from our clients:\n", 7),
        ("Intro.\n\n## Kind words\n", 7),
        ("Intro.\n\n## Testimonios\n", 7),
        ("Intro.\n\n## Lo que dicen nuestros clientes\n", 7),
        ("Intro.\n\n<h2>Opiniones de pacientes</h2>\n", 7),
        ("Intro.\n\n> She helped me find my feet again.\n>\n> — J., client\n", 9),
        ("Intro.\n\n> I finally sleep through the night.\n\n– a client\n", 9),
        ("Intro.\n\n> Worth every minute.\n> ~ former client\n", 8),
        ('Intro.\n\n"Me escuchó de verdad." — Ana, paciente\n', 7),
        ("Intro.\n\n> Kind and clear.\n>\n> — **a former client**\n", 9),
    ],
)
def test_each_form_of_testimonial_is_flagged_at_its_line(make_site: MakeSite, body: str, line: int) -> None:
    root = make_site({"content/pages/about.md": _page(body)}, site_yaml=SITE)
    run = run_sitegen("check", cwd=root)
    assert run.code == 0, run.err
    found = _warnings(run.err, "testimonials")
    assert found == [found[0]] and found[0].startswith(f"warning: content/pages/about.md:{line}: "), run.err
    assert "APA Ethics Code (5.05)" in found[0] and "ACA Code of Ethics (C.3.b)" in found[0] and "CRPO" in found[0]


def test_a_page_titled_testimonials_is_flagged_at_its_title(make_site: MakeSite) -> None:
    root = make_site(
        {"content/pages/kind.md": _page("They said lovely things.\n", title="Testimonials")}, site_yaml=SITE
    )
    run = run_sitegen("check", cwd=root)
    assert _warnings(run.err, "content/pages/kind.md:2: this reads as client testimonials"), run.err


def test_check_testimonials_off_silences_it(make_site: MakeSite) -> None:
    files = {"content/pages/about.md": _page("## Testimonials\n\n> Lovely.\n>\n> — J., client\n")}
    root = make_site(files, site_yaml=SITE + "check:\n  testimonials: off\n")
    run = run_sitegen("check", cwd=root)
    assert run.code == 0 and not _warnings(run.err, "testimonials"), run.err
    quoted = make_site(files, site_yaml=SITE + 'check:\n  testimonials: "off"\n')
    assert not _warnings(run_sitegen("check", cwd=quoted).err, "testimonials")


def test_check_testimonials_with_an_unknown_value_is_an_error(make_site: MakeSite) -> None:
    root = make_site(site_yaml=SITE + "check:\n  testimonials: sometimes\n")
    run = run_sitegen("check", cwd=root)
    assert run.code == 1
    assert "site.yaml:14: check.testimonials cannot be 'sometimes'" in run.err, run.err


ARTICLE = """\
---
title: Three books for a long winter
date: 2025-01-10
category: Anxiety
---

## Book reviews for winter evenings

Reviews of three books on worry, and what readers found in them.

> The curious paradox is that when I accept myself just as I am, then I can change.
>
> — Carl Rogers

> What is most personal is most universal.
> — Carl Rogers, Client-Centered Therapy

- "Anxiety" is a word many of our clients use for it.
"""


def test_an_article_about_book_reviews_quoting_an_author_is_not_flagged(make_site: MakeSite) -> None:
    root = make_site({"content/articles/books.md": ARTICLE}, site_yaml=SITE)
    run = run_sitegen("check", cwd=root)
    assert run.code == 0, run.err
    assert _warnings(run.err) == [], run.err


@pytest.mark.parametrize(
    "body",
    [
        "Intro.\n\n### Review\n\nLook back over the week.\n",
        "Intro.\n\n## Reviews\n\nWhat online reviews of therapists can and cannot tell you.\n",
        "Intro.\n\n## Reseñas\n\nQué dicen y qué no dicen las reseñas en internet.\n",
    ],
    ids=["weekly-review", "about-online-reviews", "resenas"],
)
def test_a_bare_review_heading_is_not_taken_for_testimonials(make_site: MakeSite, body: str) -> None:
    article = "---\ntitle: A\ndate: 2025-01-10\ncategory: Anxiety\n---\n" + body
    root = make_site({"content/articles/a.md": article}, site_yaml=SITE)
    run = run_sitegen("check", cwd=root)
    assert run.code == 0, run.err
    assert "testimonial" not in run.err, run.err


def test_the_sample_site_is_quiet(tmp_path: Path) -> None:
    root = copy_sample(tmp_path / "sample")
    run = run_sitegen("check", cwd=root)
    assert run.code == 0, run.err
    assert _warnings(run.err) == [], run.err


def _text(root: Path, rel: str) -> BeautifulSoup:
    return BeautifulSoup((root / "output" / rel).read_text(encoding="utf-8"), "html.parser")


def test_the_built_in_accessibility_statement_names_the_standard_and_whom_to_contact(make_site: MakeSite) -> None:
    root = make_site(site_yaml=SITE)
    run = run_sitegen("build", cwd=root)
    assert run.code == 0, run.err
    page = _text(root, "accessibility/index.html")
    text = page.get_text(" ")
    assert "WCAG) 2.2 at level AA" in text and "axe-core" in text
    assert page.find("a", href="mailto:hello@example.org") and page.find("a", href="tel:5550100")
    footer = _text(root, "index.html").find("footer")
    assert footer is not None and footer.find("a", href="/accessibility/", string="Accessibility")


def test_the_statement_is_in_spanish_on_a_spanish_site(make_site: MakeSite) -> None:
    root = make_site(site_yaml=SITE + "language: es\n")
    assert run_sitegen("build", cwd=root).code == 0
    assert "Declaración de accesibilidad" in _text(root, "accessibility/index.html").get_text()
    footer = _text(root, "index.html").find("footer")
    assert footer is not None and footer.find("a", href="/accessibility/", string="Accesibilidad")


def test_the_practices_own_statement_replaces_the_built_in_one(make_site: MakeSite) -> None:
    own = _page("Write to us at access@example.org for any page in large print.\n", title="Accessibility")
    root = make_site({"content/pages/accessibility.md": own}, site_yaml=MINIMAL_SITE_YAML)
    run = run_sitegen("check", cwd=root)
    assert run.code == 0, run.err
    text = _text(root, "accessibility/index.html").get_text()
    assert "large print" in text and "axe-core" not in text
    assert _warnings(run.err) == [], run.err
    menu = _text(root, "index.html").find("nav", class_="site-nav")
    assert menu is None or not menu.find("a", href="/accessibility/")


def test_switching_the_statement_off_warns_in_check(make_site: MakeSite) -> None:
    root = make_site(site_yaml=SITE + "accessibility: false\n")
    run = run_sitegen("check", cwd=root)
    assert run.code == 0, run.err
    assert not (root / "output/accessibility").exists()
    assert "/accessibility/" not in (root / "output/index.html").read_text(encoding="utf-8")
    assert _warnings(run.err) == [
        "warning: site.yaml:13: the site has no accessibility statement: 'accessibility: false' removes the "
        "built-in /accessibility/ page (remove that line to publish the built-in statement, or write your own "
        "in content/pages/accessibility.md)"
    ], run.err


def test_a_statement_with_no_way_to_contact_the_practice_warns(make_site: MakeSite) -> None:
    root = make_site(site_yaml=MINIMAL_SITE_YAML)
    run = run_sitegen("check", cwd=root)
    assert run.code == 0, run.err
    found = _warnings(run.err, "accessibility")
    assert len(found) == 1 and "cannot say whom to contact" in found[0] and "practice: email:" in found[0], run.err
    assert "tell us when you get in touch" in _text(root, "accessibility/index.html").get_text()


def test_an_alias_cannot_take_the_statements_address(make_site: MakeSite) -> None:
    article = "---\ntitle: Old\ndate: 2025-01-10\ncategory: Anxiety\naliases: [/accessibility/]\n---\n\nText.\n"
    root = make_site({"content/articles/old.md": article}, site_yaml=SITE)
    run = run_sitegen("build", cwd=root)
    assert run.code == 1
    assert "content/articles/old.md" in run.err and "/accessibility/" in run.err, run.err

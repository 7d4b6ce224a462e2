"""`sitegen import`: copied posts, saved pages and WordPress exports become articles that build.

The fixtures in tests/fixtures/import/ were written for these tests in the shapes blogs
produce (copied text with run-together category lines and date lines, a saved page with
its menus and trackers, a WXR export). Everything runs through the real CLI, then the
real build, and the checks read the built pages.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup, Tag

from conftest import MINIMAL_SITE_YAML, MakeSite, copy_sample, run_sitegen, snapshot

FIXTURES = Path(__file__).parent / "fixtures" / "import"
TEXT_POSTS = {
    "racing-thoughts.txt": "finding-calm-when-your-thoughts-wont-slow-down",
    "same-argument.txt": "when-you-keep-having-the-same-argument",
    "burnout.txt": "noticing-burnout-before-it-spreads",
}
TITLES = {  # the title line of each copied post: the first line, except in the Wix shape (author and date first)
    "racing-thoughts.txt": "Finding Calm When Your Thoughts Won’t Slow Down",
    "same-argument.txt": "When You Keep Having the Same Argument",
    "burnout.txt": "Noticing Burnout Before It Spreads",
}
ALL_INPUTS = [*TEXT_POSTS, "gentle-boundaries.html", "wordpress-export.xml"]


def posts_folder(root: Path) -> Path:
    folder = root / "posts"
    shutil.copytree(FIXTURES, folder)
    return folder


def front_matter(root: Path, slug: str) -> dict[str, object]:
    text = (root / "content" / "articles" / f"{slug}.md").read_text(encoding="utf-8")
    data = yaml.safe_load(text.split("---\n")[1])
    assert isinstance(data, dict)
    return data


def page(root: Path, slug: str) -> BeautifulSoup:
    return BeautifulSoup((root / "output/articles" / slug / "index.html").read_text(encoding="utf-8"), "html.parser")


def prose(soup: BeautifulSoup) -> Tag:
    found = soup.select_one(".prose")
    assert found is not None
    return found


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """The sample practice with all five fixtures imported in one run, then built."""
    root = copy_sample(tmp_path_factory.mktemp("imported"))
    posts_folder(root)
    result = run_sitegen("import", *(f"posts/{name}" for name in ALL_INPUTS), cwd=root)
    assert result.code == 0, result.out + result.err
    built = run_sitegen("build", "-q", cwd=root)
    assert built.code == 0, built.err
    return root, result.out


@pytest.mark.parametrize("name", list(TEXT_POSTS))
def test_each_copied_post_builds_with_its_title_line_as_the_h1(imported: tuple[Path, str], name: str) -> None:
    root, _ = imported
    assert TITLES[name] in (FIXTURES / name).read_text(encoding="utf-8").splitlines()
    h1 = page(root, TEXT_POSTS[name]).find_all("h1")
    assert [h.get_text(strip=True) for h in h1] == [TITLES[name]]


def test_section_titles_become_headings_and_bullets_list_items(imported: tuple[Path, str]) -> None:
    root, _ = imported
    racing = prose(page(root, TEXT_POSTS["racing-thoughts.txt"]))
    assert [h.get_text() for h in racing.find_all("h2")] == [
        "Why thoughts speed up at night",
        "Giving worry a time slot",
        "When to ask for support",
    ]
    assert [li.get_text() for li in racing.select("ul > li")] == [
        "Writing the worries down an hour before bed, then closing the notebook",
        "A short, slow walk after dinner",
        "Breathing out for longer than you breathe in, for two or three minutes",
    ]
    argument = prose(page(root, TEXT_POSTS["same-argument.txt"]))
    headings = [h.get_text() for h in argument.find_all("h2")]
    assert headings == ["What the argument is really about", "A different way in"]
    outer = argument.select_one("ul")
    assert outer is not None
    assert len(outer.find_all("li", recursive=False)) == 3  # the indented bullets
    nested = outer.select("li > ul > li")
    assert [li.get_text() for li in nested] == ["Sometimes it ends the moment one of you leaves the room"]
    burnout = prose(page(root, TEXT_POSTS["burnout.txt"]))
    assert [h.get_text() for h in burnout.find_all("h2")] == ["Early signs", "Three small experiments"]
    assert len(burnout.select("ul > li")) == 3
    numbered = [li.get_text() for li in burnout.select("ol > li")]
    assert numbered[0] == "Protect one evening a week with no work at all" and len(numbered) == 3


def test_no_leftover_lines_remain(imported: tuple[Path, str]) -> None:
    root, _ = imported
    leftovers = [
        "Image",
        "IMG_4471.jpg",
        "A person sitting on a bed holding a mug of tea",
        "ANXIETY & STRESSSELF CARESLEEP",
        "11/15/2025",
        "3 min read",
        "By Daniel Reyes",
        "Writer’s picture",
        "Nov 3, 2025",
        "4 min read",
        "RelationshipsCommunication",
        "Photo by Sam Ortiz",
        "Book Now",
        "BURNOUTWORK LIFE",
        "Written by Jordan Ellis",
        "5 min read",
    ]
    for slug in TEXT_POSTS.values():
        text = prose(page(root, slug)).get_text("\n")
        lines = {line.strip() for line in text.splitlines()}
        assert "Image" not in lines
        for leftover in leftovers[1:]:
            assert leftover not in text, (slug, leftover)


def test_dates_become_the_articles_dates(imported: tuple[Path, str]) -> None:
    root, _ = imported
    expected = {
        TEXT_POSTS["racing-thoughts.txt"]: "2025-11-15",  # 11/15/2025 3 min read
        TEXT_POSTS["same-argument.txt"]: "2025-11-03",  # Nov 3, 2025
        TEXT_POSTS["burnout.txt"]: "2025-10-02",  # October 2, 2025 · 5 min read
        "setting-gentle-boundaries-with-family": "2025-11-15",  # <time datetime>
    }
    for slug, iso in expected.items():
        time = page(root, slug).select_one("article header time")
        assert time is not None and time.get("datetime") == iso, slug
        assert str(front_matter(root, slug)["date"]) == iso


def test_front_matter_decisions(imported: tuple[Path, str]) -> None:
    root, _ = imported
    racing = front_matter(root, TEXT_POSTS["racing-thoughts.txt"])
    assert racing["category"] == "Anxiety & Stress"
    assert racing["author"] == "daniel-reyes"
    assert racing["tags"] == ["sleep"]  # SLEEP is a tag of the site; SELF CARE matches nothing
    assert racing["description"].startswith("A few gentle, practical ways")  # type: ignore[union-attr]
    argument = front_matter(root, TEXT_POSTS["same-argument.txt"])
    assert (argument["category"], argument["author"]) == ("Relationships", "maya-okafor")
    burnout = front_matter(root, TEXT_POSTS["burnout.txt"])
    assert burnout["category"] == "Anxiety & Stress"  # unknown category: the first one in site.yaml
    assert "author" not in burnout  # Jordan Ellis is not on the team


def test_closing_call_to_book_becomes_the_booking_block(imported: tuple[Path, str]) -> None:
    root, _ = imported
    text = (root / "content/articles" / f"{TEXT_POSTS['racing-thoughts.txt']}.md").read_text(encoding="utf-8")
    assert text.rstrip().endswith("\n[[booking]]")
    built = page(root, TEXT_POSTS["racing-thoughts.txt"])
    body = prose(built)
    blocks = built.select("main aside.booking")
    assert len(blocks) == 1, "the marker at the end stands where the page's own block is: shown once"
    assert built.find("main").find_all(recursive=False)[-1] is blocks[0]
    assert "Schedule a free 15-minute consultation" not in body.get_text()
    argument = prose(page(root, TEXT_POSTS["same-argument.txt"])).get_text()
    assert "Ready to talk it through together?" not in argument and "Reach out to book" not in argument
    burnout = (root / "content/articles" / f"{TEXT_POSTS['burnout.txt']}.md").read_text(encoding="utf-8")
    assert "[[booking]]" not in burnout  # it ends with a thought, not a call to book


def test_report_names_each_undecided_thing_with_its_line(imported: tuple[Path, str]) -> None:
    _, report = imported
    assert (
        "posts/racing-thoughts.txt:3: unknown category 'SELF CARE': it matches no category or tag of the site, "
        'left out (line: "ANXIETY & STRESSSELF CARESLEEP")' in report
    )
    assert "posts/burnout.txt:3: no category could be decided: used 'Anxiety & Stress'" in report
    assert (
        "posts/burnout.txt:4: the author 'Jordan Ellis' is not on the team (content/team/): left out of "
        'the front matter (line: "Written by Jordan Ellis")' in report
    )
    assert (
        'posts/burnout.txt:16: may be a leftover image description: kept as a paragraph (line: "A woman sitting by '
        in report
    )
    assert 'posts/racing-thoughts.txt:6: dropped a leftover of an image (line: "Image")' in report
    assert "-> content/articles/noticing-burnout-before-it-spreads.md (new)" in report
    assert "5 of 5 files imported: 6 new" in report


def test_saved_page_keeps_the_article_and_drops_the_page_around_it(imported: tuple[Path, str]) -> None:
    root, report = imported
    soup = page(root, "setting-gentle-boundaries-with-family")
    assert [h.get_text() for h in soup.find_all("h1")] == ["Setting Gentle Boundaries With Family"]
    body = prose(soup)
    assert [h.get_text() for h in body.find_all(["h2", "h3"])] == [
        "What a boundary is (and isn’t)",
        "Three phrases to practise",
        "When it doesn’t go well",
    ]
    assert body.find("h3") is not None
    assert len(body.select("ul > li")) == 3 and len(body.select("ol > li")) == 3
    assert body.select_one("em") is not None and body.select_one("strong") is not None
    link = body.select_one('a[href="https://www.example.org/boundaries-guide"]')
    assert link is not None and link.get_text() == "boundaries guide from a national counselling charity"
    images = body.find_all("img")
    assert [img.get("alt") for img in images] == ["Morning light over quiet hills"]  # the local one, with alt text
    whole = soup.get_text()
    for furniture in ("Services", "Leave a comment", "Subscribe", "Recent posts", "Share on Facebook", "12 Elm Street"):
        assert furniture not in whole, furniture
    html = (root / "output/articles/setting-gentle-boundaries-with-family/index.html").read_text(encoding="utf-8")
    for remote in ("example-tracker.io", "dataLayer", "images.example-cdn.net", "fonts.example-cdn.net"):
        assert remote not in html, remote
    meta = front_matter(root, "setting-gentle-boundaries-with-family")
    assert (meta["category"], meta["author"], meta["tags"]) == ("Family & Parenting", "priya-natarajan", ["boundaries"])
    assert (
        "dropped the remote image https://images.example-cdn.net/family-table.jpg (sitegen loads nothing from other "
        "sites); its alt text: 'A family sharing a meal around a long table'" in report
    )


def test_wordpress_export_imports_published_posts_with_their_old_urls_as_redirects(
    imported: tuple[Path, str],
) -> None:
    root, report = imported
    articles = root / "content" / "articles"
    assert not (articles / "unfinished-thoughts-on-sleep.md").exists()  # a draft
    assert not (articles / "office-hours.md").exists() and not (articles / "our-office-hours.md").exists()  # a page
    grief = front_matter(root, "grief-has-no-deadline")
    assert grief["category"] == "Grief & Life Changes"
    assert grief["tags"] == ["loss", "grief"]
    assert (str(grief["date"]), grief["author"]) == ("2025-09-09", "priya-natarajan")
    assert grief["aliases"] == ["/2025/09/grief-has-no-deadline/"]
    move = front_matter(root, "helping-kids-through-a-big-move")
    assert move["category"] == "Family & Parenting"
    assert move["tags"] == ["Life Transitions", "transitions"]
    assert "author" not in move  # Sam Rivers is not on the team
    for old, slug in (
        ("2025/09/grief-has-no-deadline", "grief-has-no-deadline"),
        ("helping-kids-through-a-big-move", "helping-kids-through-a-big-move"),
    ):
        redirect = (root / "output" / old / "index.html").read_text(encoding="utf-8")
        assert f"/articles/{slug}/" in redirect
    body = prose(page(root, "grief-has-no-deadline"))
    assert [h.get_text() for h in body.find_all("h2")] == ["Grief comes in waves"]
    assert len(body.select("ul > li")) == 3
    assert "A quiet moment" not in body.get_text()  # the caption of a dropped remote image goes with it
    assert "skipped a post that is not published (draft)" in report
    assert 'skipped a page: only posts are imported (line: "Our Office Hours")' in report


def test_importing_the_same_files_again_changes_nothing(imported: tuple[Path, str]) -> None:
    root, _ = imported
    before = snapshot(root / "content" / "articles")
    record = (root / ".sitegen-cache" / "imported.json").read_bytes()
    again = run_sitegen("import", *(f"posts/{name}" for name in ALL_INPUTS), cwd=root)
    assert again.code == 0, again.out + again.err
    assert "5 of 5 files imported: 6 unchanged" in again.out
    assert snapshot(root / "content" / "articles") == before
    assert (root / ".sitegen-cache" / "imported.json").read_bytes() == record


def test_dry_run_reports_and_writes_nothing(tmp_path: Path) -> None:
    root = copy_sample(tmp_path / "site")
    posts_folder(root)
    before = snapshot(root / "content" / "articles")
    result = run_sitegen("import", "--dry-run", "posts", cwd=root)
    assert result.code == 0, result.err
    assert "-> content/articles/grief-has-no-deadline.md (would be new)" in result.out
    assert "dry run: nothing was written" in result.out
    assert snapshot(root / "content" / "articles") == before
    assert not (root / ".sitegen-cache").exists()


def test_force_replaces_only_what_the_import_wrote(tmp_path: Path) -> None:
    root = copy_sample(tmp_path / "site")
    posts_folder(root)
    target = root / "content/articles/noticing-burnout-before-it-spreads.md"
    assert run_sitegen("import", "posts/burnout.txt", cwd=root).code == 0
    imported_text = target.read_text(encoding="utf-8")
    target.write_text(imported_text + "\nA line the writer added.\n", encoding="utf-8")

    kept = run_sitegen("import", "posts/burnout.txt", cwd=root)
    assert kept.code == 1
    assert "not written: the file exists (edited since it was imported; use --force to replace it)" in kept.out
    assert target.read_text(encoding="utf-8").endswith("A line the writer added.\n")

    forced = run_sitegen("import", "--force", "posts/burnout.txt", cwd=root)
    assert forced.code == 0, forced.out
    assert "(replaced)" in forced.out
    assert target.read_text(encoding="utf-8") == imported_text

    hand_written = root / "content/articles/finding-calm-when-your-thoughts-wont-slow-down.md"
    hand_written.write_text("---\ntitle: Mine\ndate: 2025-01-01\ncategory: Relationships\n---\nMine.\n", "utf-8")
    refused = run_sitegen("import", "--force", "posts/racing-thoughts.txt", cwd=root)
    assert refused.code == 1
    assert "was not made by import, so --force does not replace it" in refused.out
    assert hand_written.read_text(encoding="utf-8").endswith("Mine.\n")


def test_empty_and_unreadable_files_are_reported_and_skipped(tmp_path: Path) -> None:
    root = copy_sample(tmp_path / "site")
    posts = root / "posts"
    posts.mkdir()
    shutil.copy(FIXTURES / "burnout.txt", posts / "burnout.txt")
    (posts / "empty.txt").write_text("  \n\n", encoding="utf-8")
    (posts / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    (posts / "latin1.txt").write_bytes("Caf\xe9 notes\nA paragraph.\n".encode("latin-1"))
    result = run_sitegen("import", "posts", cwd=root)
    assert result.code == 1
    assert "posts/empty.txt\n  not imported: the file is empty" in result.out
    assert "posts/binary.txt\n  not imported: this is binary data, not text" in result.out
    assert "posts/latin1.txt\n  not imported: not UTF-8 text (byte 0xe9 at position 3)" in result.out
    assert "-> content/articles/noticing-burnout-before-it-spreads.md (new)" in result.out
    assert "1 of 4 files imported" in result.out
    assert run_sitegen("build", "-q", cwd=root).code == 0


def test_unknown_category_takes_import_category_and_missing_date_the_file_date(make_site: MakeSite) -> None:
    root = make_site(site_yaml=MINIMAL_SITE_YAML + "import_category: Relationships\n")
    post = root / "undated.txt"
    post.write_text(
        "Small Rituals for Hard Evenings\n"
        "GARDENINGCOOKING\n"
        "Evenings can feel long. A small ritual gives them a shape.\n"
        "Try one thing\n"
        "Light a lamp, make tea, and write down one thing that went well today.\n",
        encoding="utf-8",
    )
    noon = 1709640000  # 2024-03-05 12:00 UTC
    os.utime(post, (noon, noon))
    result = run_sitegen("import", "undated.txt", cwd=root)
    assert result.code == 0, result.out + result.err
    meta = front_matter(root, "small-rituals-for-hard-evenings")
    assert (meta["category"], str(meta["date"])) == ("Relationships", "2024-03-05")
    assert "no date found: used the file's modification date, 2024-03-05" in result.out
    assert (
        "undated.txt:2: no category could be decided: used 'Relationships' (import_category in site.yaml) "
        '(line: "GARDENINGCOOKING")' in result.out
    )
    assert run_sitegen("build", "-q", cwd=root).code == 0


def test_dates_in_the_shapes_blogs_print_them(make_site: MakeSite) -> None:
    root = make_site()
    shapes = {
        "slashed-glued.txt": "11/15/20253 min read",
        "month-name.txt": "November 15, 2025",
        "short-month.txt": "Nov 15, 2025 · 6 min read",
        "iso.txt": "2025-11-15",
        "day-first.txt": "15 November 2025",
    }
    for name, date_line in shapes.items():
        title = name.removesuffix(".txt").replace("-", " ").title()
        text = f"{title}\nBy Someone\n{date_line}\nA first paragraph of the post, long enough to be a paragraph.\n"
        (root / name).write_text(text, encoding="utf-8")
    result = run_sitegen("import", *shapes, cwd=root)
    assert result.code == 0, result.out + result.err
    for name in shapes:
        slug = name.removesuffix(".txt")
        assert str(front_matter(root, slug)["date"]) == "2025-11-15", name
        body = (root / "content/articles" / f"{slug}.md").read_text(encoding="utf-8").split("---\n", 2)[2]
        assert "2025" not in body and "min read" not in body


def test_wordpress_export_with_entities_is_refused(make_site: MakeSite) -> None:
    root = make_site()
    (root / "secret.txt").write_text("do not read me", encoding="utf-8")
    (root / "evil.xml").write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE rss [<!ENTITY leak SYSTEM "secret.txt">]>\n'
        '<rss xmlns:wp="http://wordpress.org/export/1.2/"><channel><wp:wxr_version>1.2</wp:wxr_version>'
        "<item><title>&leak;</title><wp:post_type>post</wp:post_type><wp:status>publish</wp:status></item>"
        "</channel></rss>\n",
        encoding="utf-8",
    )
    result = run_sitegen("import", "evil.xml", cwd=root)
    assert result.code == 1
    assert "not imported: refused: the XML declares a DTD or entities" in result.out
    assert not (root / "content" / "articles").exists() or not any((root / "content" / "articles").iterdir())

"""`sitegen import` decides per document: the failures found by importing real practices' posts.

Each test is one of issue 22's reported failures, rebuilt from original text of the same shape:
a title taken from "top of page" or from menu words run together, a doubled "Writer:" byline, a
lone first name above the date, image descriptions left in the text, sibling sections made half
headings, a run of questions whose first became a heading, numbered titles that lost or escaped
their number, and "· " left at the start of bullets. Everything runs through the real CLI.
The whole corpus (tests/import_corpus/) is then imported and built, twice.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

from conftest import MakeSite, run_sitegen

CORPUS = Path(__file__).parent / "import_corpus"
SITE_YAML = (CORPUS / "site" / "site.yaml").read_text(encoding="utf-8")
TEAM = {p.name: p.read_text(encoding="utf-8") for p in (CORPUS / "site" / "content" / "team").glob("*.md")}


def imported(make_site: MakeSite, text: str) -> tuple[dict[str, object], str, str]:
    """Import one copied post into the scoring site: its front matter, its Markdown body, and the report."""
    root = make_site({f"content/team/{name}": body for name, body in TEAM.items()}, site_yaml=SITE_YAML)
    (root / "post.txt").write_text(text, encoding="utf-8")
    result = run_sitegen("import", "post.txt", cwd=root)
    assert result.code == 0, result.out + result.err
    [article] = (root / "content" / "articles").glob("*.md")
    _, head, body = article.read_text(encoding="utf-8").split("---\n", 2)
    meta = yaml.safe_load(head)
    assert isinstance(meta, dict)
    return meta, body, result.out


def test_top_of_page_and_a_doubled_writer_line_are_not_the_title(make_site: MakeSite) -> None:
    meta, body, _ = imported(
        make_site,
        "top of page\nLog In\nAll Posts\nSearch\nWriter: Maya ChenMaya Chen\nMar 3, 20253 min read\n"
        "Learning to Argue Kindly\n"
        "Most couples argue. What matters is how you come back to each other once the voices are quiet again.\n",
    )
    assert meta["title"] == "Learning to Argue Kindly"
    assert meta["author"] == "maya-chen"
    assert str(meta["date"]) == "2025-03-03"
    assert "top of page" not in body and "Writer" not in body and "Log In" not in body


def test_menu_words_run_together_are_not_the_title(make_site: MakeSite) -> None:
    meta, body, _ = imported(
        make_site,
        "Skip to Content\nhomeour practicesupportheadlinesget in touch\nOpen Menu Close Menu\n"
        "Quiet Mornings for Busy Minds\nJanuary 9, 2025\nWritten By Priya Nair\n"
        "A slow first hour can set the tone for the whole day, even when the rest of it is full.\n",
    )
    assert meta["title"] == "Quiet Mornings for Busy Minds"
    assert meta["author"] == "priya-nair"
    assert "get in touch" not in body and "Open Menu" not in body


def test_a_lone_first_name_above_the_date_is_the_byline(make_site: MakeSite) -> None:
    meta, body, _ = imported(
        make_site,
        "Grief & Loss\nWhen a Friend Is Grieving\nAmara\nFeb 2, 2025\n"
        "You do not need the perfect words. Showing up, and keeping on showing up, matters far more.\n",
    )
    assert meta["title"] == "When a Friend Is Grieving"
    assert meta["author"] == "amara-osei"
    assert meta["category"] == "Grief & Loss"
    assert "description" not in meta
    assert "Amara" not in body


def test_image_descriptions_and_a_caption_printed_twice_are_dropped(make_site: MakeSite) -> None:
    _, body, report = imported(
        make_site,
        "Making Room for Rest\nBy Lena Fischer\nApril 4, 2025\nbanner image\n"
        "Rest is not a reward for finishing everything. It is part of what lets you keep going at all.\n"
        "paper lanterns over a quiet garden path\n"
        "Some people find rest easier when it is planned, the same way meetings are.\n"
        "A hammock strung between two old trees\nA hammock strung between two old trees\n"
        "Others need permission more than a plan. Both are fine.\n",
    )
    assert "banner image" not in body and "lanterns" not in body and "hammock" not in body
    assert "Others need permission more than a plan. Both are fine." in body
    assert "post.txt:6: dropped a line in lower case with no full stop between sentences" in report
    assert "post.txt:8: dropped a short line printed twice in a row: an image's caption" in report


def test_three_sibling_sections_are_all_headings(make_site: MakeSite) -> None:
    _, body, report = imported(
        make_site,
        "Three Ways We Protect Ourselves in Love\nBy Maya Chen\nMay 1, 2025\n"
        "Attachment styles describe how we reach for closeness, and what we do when it feels out of reach.\n"
        "There are three patterns people often recognise:\n"
        "Anxious Attachment\nA worry that closeness could vanish, and a pull to check that it has not.\n"
        "Avoidant Attachment\nA habit of stepping back when things get close, to stay safe.\n"
        "Disorganized Attachment\nWanting closeness and fearing it at once, which can feel confusing.\n",
    )
    assert "## Anxious Attachment" in body
    assert "## Avoidant Attachment" in body
    assert "## Disorganized Attachment" in body
    assert "made a section title, like its sibling" in report


def test_a_run_of_short_questions_stays_paragraphs(make_site: MakeSite) -> None:
    _, body, report = imported(
        make_site,
        "Checking In With Yourself\nBy Tom Okafor\nJune 2, 2025\n"
        "A quick check-in can tell you more than a long day of pushing through. Try asking yourself:\n"
        "How is my body feeling?\nWhen did I last eat?\nWho could I talk to today?\n"
        "There are no wrong answers. Noticing is the whole point.\n",
    )
    assert "\nHow is my body feeling?\n\nWhen did I last eat?\n\nWho could I talk to today?\n" in body
    assert "## How" not in body and "- How" not in body
    assert "a run of short questions or quotations: kept as paragraphs" in report


def test_numbered_section_titles_keep_their_numbers_unescaped(make_site: MakeSite) -> None:
    _, body, _ = imported(
        make_site,
        "Three Steps Back to Calm\nBy Daniel Reyes\nJuly 7, 2025\n"
        "When worry spikes, small concrete steps help more than big plans.\n"
        "1. Slow your breathing\nBreathe out for longer than you breathe in, a few times.\n"
        "2\\. Name what you feel\nA word like tense or scared can take a little of the edge off.\n"
        "3. Choose one next thing\nSomething small and doable: a glass of water, a short walk.\n",
    )
    assert "## 1. Slow your breathing" in body
    assert "## 2. Name what you feel" in body
    assert "## 3. Choose one next thing" in body
    assert "\\." not in body



def test_tildes_in_a_copied_post_stay_as_written(make_site: MakeSite) -> None:
    """Two tildes strike text through in sitegen's Markdown; a post copied from a site meant them as text."""
    root = make_site({f"content/team/{name}": body for name, body in TEAM.items()}, site_yaml=SITE_YAML)
    (root / "post.txt").write_text(
        "A Slower Morning\nBy Daniel Reyes\nJuly 9, 2025\n"
        "Give yourself ~30 minutes before the day starts asking things of you.\n"
        "One reader marked the hard step ~~skip~~ and came back to it later.\n",
        encoding="utf-8",
    )
    assert run_sitegen("import", "post.txt", cwd=root).code == 0
    built = run_sitegen("build", cwd=root)
    assert built.code == 0, built.err
    [page] = (root / "output" / "articles").glob("*/index.html")
    html = page.read_text(encoding="utf-8")
    assert "~30 minutes" in html
    assert "step ~~skip~~ and" in html
    assert "<del>" not in html

def test_middle_dot_bullets_are_list_items(make_site: MakeSite) -> None:
    _, body, _ = imported(
        make_site,
        "Small Comforts for Long Evenings\nBy Sofia Márquez\nAugust 8, 2025\n"
        "Evenings can feel long when your mood is low. A few small comforts can make them gentler:\n"
        "· A warm drink you enjoy\n· A short call with a friend\n· Music you used to love\n"
        "None of these fix everything, and they are not meant to.\n",
    )
    assert "- A warm drink you enjoy\n- A short call with a friend\n- Music you used to love\n" in body
    assert "·" not in body


def test_the_whole_corpus_imports_builds_and_imports_again_unchanged(tmp_path: Path) -> None:
    """Every corpus post becomes an article that builds; importing again changes nothing."""
    posts = sorted(p for p in CORPUS.glob("*/*") if p.suffix in (".txt", ".html") and p.parent.name != "site")
    titles: dict[str, list[Path]] = {}
    for post in posts:
        titles.setdefault(post.with_suffix(".md").read_text(encoding="utf-8").split("\n")[1], []).append(post)
    groups = [[p for same in titles.values() for p in same[i : i + 1]] for i in range(max(map(len, titles.values())))]
    for number, group in enumerate(groups):  # posts with the same title go to different sites
        root = tmp_path / f"site{number}"
        shutil.copytree(CORPUS / "site", root)
        for post in group:
            shutil.copyfile(post, root / f"{post.parent.name}-{post.name}")
        names = sorted(p.name for p in root.iterdir() if p.suffix in (".txt", ".html"))
        first = run_sitegen("import", *names, cwd=root)
        assert first.code == 0, first.out + first.err
        assert f"{len(group)} of {len(group)} files imported: {len(group)} new" in first.out
        built = run_sitegen("build", "-q", cwd=root)
        assert built.code == 0, built.err
        again = run_sitegen("import", *names, cwd=root)
        assert f"{len(group)} of {len(group)} files imported: {len(group)} unchanged" in again.out


def test_a_section_named_like_a_menu_entry_stays_in_the_post(make_site: MakeSite) -> None:
    """'Resources' over a paragraph is the post's own section: a menu's words count only as a menu."""
    meta, body, _ = imported(
        make_site,
        "Finding a Therapist Who Fits\nBy Lena Fischer\nSeptember 9, 2025\n"
        "Looking for a therapist can feel like one more task when you are already tired.\n"
        "It gets easier with a plan.\n"
        "Resources\nMany insurers list therapists on their websites, and directories can be searched by area.\n"
        "Trying someone new when the first match is not right is part of the work, not a failure.\n",
    )
    assert meta["title"] == "Finding a Therapist Who Fits"
    assert body.startswith("\nLooking for a therapist can feel like one more task")
    assert "## Resources\n" in body


def test_a_posted_on_line_below_the_post_gives_its_date_category_and_author(make_site: MakeSite) -> None:
    meta, body, report = imported(
        make_site,
        "Little Ways to Ease Into Mornings\n"
        "Mornings can be the hardest part of the day when you are anxious, and the mind wakes before the body.\n"
        "A softer start\nTry leaving your phone in another room overnight, so the first thing you see is not news.\n"
        "This entry was posted on March 3, 2025 in Anxiety & Stress by Maya Chen.\nLeave a Reply\n",
    )
    assert (str(meta["date"]), meta["category"], meta["author"]) == ("2025-03-03", "Anxiety & Stress", "maya-chen")
    assert "This entry" not in body and "Leave a Reply" not in body
    assert 'post.txt:5: dropped the 2 lines of the page below the post (line: "This entry was posted' in report

"""Articles: publishing rules, escaping, sanitising, URLs under a base path."""

from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup

from conftest import MakeSite, run_sitegen


def article(
    title: str = "A calm article",
    date: str = "2025-01-02",
    category: str = "Anxiety",
    extra: str = "",
    body: str = "Body text.",
) -> str:
    date_line = f"date: {date}\n" if date else ""
    return f"---\ntitle: {title}\n{date_line}category: {category}\n{extra}---\n{body}\n"


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def test_drafts_are_left_out_unless_asked_for(make_site: MakeSite) -> None:
    root = make_site(
        {
            "content/articles/done.md": article(),
            "content/articles/wip.md": article(title="Unfinished", date="", extra="draft: true\n"),
        }
    )
    assert run_sitegen("build", cwd=root).code == 0
    assert not (root / "output/articles/wip").exists()
    assert "Unfinished" not in (root / "output/articles/index.html").read_text()
    assert run_sitegen("build", "--drafts", cwd=root).code == 0
    page = soup(root / "output/articles/wip/index.html")
    assert "will not be published" in page.select_one(".preview-banner").get_text()


def test_future_date_is_scheduled_until_that_day(make_site: MakeSite) -> None:
    root = make_site({"content/articles/later.md": article(date="2030-05-01")})
    before = run_sitegen("build", cwd=root, env={"SOURCE_DATE_EPOCH": "1893456000"})  # 2030-01-01
    assert before.code == 0
    assert not (root / "output/articles/later").exists()
    on_the_day = run_sitegen("build", cwd=root, env={"SOURCE_DATE_EPOCH": "1903910400"})  # 2030-05-01
    assert on_the_day.code == 0
    assert (root / "output/articles/later/index.html").is_file()


def test_undeclared_category_hints_the_closest(make_site: MakeSite) -> None:
    root = make_site({"content/articles/a.md": article(category="Anxeity")})
    result = run_sitegen("build", cwd=root)
    assert result.code == 1
    assert "content/articles/a.md:4: unknown category 'Anxeity' (did you mean 'Anxiety'?)" in result.err


def test_missing_date_suggests_draft(make_site: MakeSite) -> None:
    root = make_site({"content/articles/a.md": article(date="")})
    result = run_sitegen("build", cwd=root)
    assert result.code == 1
    assert "content/articles/a.md:1: missing required key 'date'" in result.err
    assert "draft: true" in result.err


def test_front_matter_text_is_escaped(make_site: MakeSite) -> None:
    root = make_site(
        {
            "content/articles/a.md": article(
                title='"<script>alert(1)</script> & more"', extra='description: "<img src=x onerror=alert(1)>"\n'
            )
        }
    )
    assert run_sitegen("build", cwd=root).code == 0
    html = (root / "output/articles/a/index.html").read_text()
    assert "<script>alert(1)" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; more" in html
    assert "<img src=x" not in html


def test_raw_html_in_markdown_is_sanitised(make_site: MakeSite) -> None:
    body = (
        'Hello <b>bold</b>.\n\n<script>steal()</script>\n\n<a href="javascript:alert(1)" onclick="x()">link</a>\n\n'
        '<iframe src="https://tracker.example/"></iframe>\n'
    )
    root = make_site({"content/articles/a.md": article(body=body)})
    assert run_sitegen("build", cwd=root).code == 0
    prose = soup(root / "output/articles/a/index.html").select_one(".prose")
    assert prose.find("b").get_text() == "bold"
    assert prose.find("script") is None
    assert prose.find("iframe") is None
    link = prose.find("a", string="link")
    assert link is not None and not link.get("href") and not link.get("onclick")


def test_markdown_extensions(make_site: MakeSite) -> None:
    body = (
        "## A heading\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\nA note.[^1]\n\n[^1]: The footnote.\n\n"
        '"Quoted" -- text\n\n# A second top heading\n'
    )
    root = make_site({"content/articles/a.md": article(body=body)})
    assert run_sitegen("build", cwd=root).code == 0
    page = soup(root / "output/articles/a/index.html")
    prose = page.select_one(".prose")
    assert prose.find("h2", id="a-heading") is not None
    assert prose.find("table") is not None
    assert prose.select_one(".footnotes") is not None
    assert "“Quoted”" in prose.get_text()
    assert len(page.find_all("h1")) == 1, "a '#' heading in the body must not become a second <h1>"
    assert prose.find("h2", id="a-second-top-heading") is not None, "it becomes an <h2>"


def test_one_h1_and_reading_time(make_site: MakeSite) -> None:
    words = " ".join(["word"] * 660)
    root = make_site({"content/articles/a.md": article(body="# A calm article\n\n" + words)})
    assert run_sitegen("build", cwd=root).code == 0
    page = soup(root / "output/articles/a/index.html")
    assert [h.get_text() for h in page.find_all("h1")] == ["A calm article"]
    assert "3 min read" in page.select_one(".article-header").get_text()


def test_every_link_works_under_a_base_path(make_site: MakeSite) -> None:
    site_yaml = """\
title: T
base_url: https://example.org/practice/
booking: {url: /contact/}
categories: [{name: Anxiety}]
"""
    root = make_site(
        {
            "content/articles/a.md": article(extra="tags: [sleep]\n", body="See [about](/about/)."),
            "content/pages/about.md": "---\ntitle: About\n---\nHello\n",
            "content/pages/contact.md": "---\ntitle: Contact\n---\nHello\n",
        },
        site_yaml=site_yaml,
    )
    assert run_sitegen("build", cwd=root).code == 0
    output = root / "output"
    checked = 0
    for html_file in output.rglob("*.html"):
        for tag in soup(html_file).find_all(["a", "link", "script"]):
            url = tag.get("href") or tag.get("src")
            if not url or not url.startswith("/"):
                continue
            assert url.startswith("/practice/"), f"{html_file}: {url} is outside the base path"
            target = output / url.split("#")[0].split("?")[0].removeprefix("/practice/")
            assert target.is_file() or (target / "index.html").is_file(), f"{html_file}: broken {url}"
            checked += 1
    assert checked > 50
    canonical = soup(output / "articles/a/index.html").find("link", rel="canonical")["href"]
    assert canonical == "https://example.org/practice/articles/a/"


def test_slug_that_would_escape_output_is_an_error(make_site: MakeSite) -> None:
    root = make_site({"content/articles/a.md": article(extra="slug: ../../etc\n")})
    result = run_sitegen("build", cwd=root)
    assert result.code == 1
    assert "content/articles/a.md:5: the slug '../../etc' cannot be used in an address" in result.err
    assert not (root.parent / "etc").exists()


def test_two_sources_for_one_url_name_both(make_site: MakeSite) -> None:
    root = make_site(
        {
            "content/articles/a.md": article(),
            "content/articles/b.md": article(title="Other", extra="slug: a\n"),
        }
    )
    result = run_sitegen("build", cwd=root)
    assert result.code == 1
    assert "content/articles/a.md" in result.err and "content/articles/b.md" in result.err
    assert "both want the address /articles/a/" in result.err


def test_page_slug_colliding_with_a_section(make_site: MakeSite) -> None:
    root = make_site({"content/articles/a.md": article(), "content/pages/articles.md": "---\ntitle: X\n---\nx\n"})
    result = run_sitegen("build", cwd=root)
    assert result.code == 1
    assert "content/pages/articles.md:1 and the article listing both want the address /articles/" in result.err


def test_articles_listing_is_paginated(make_site: MakeSite) -> None:
    files = {
        f"content/articles/a{i:02d}.md": article(title=f"Article {i}", date=f"2025-01-{i + 1:02d}") for i in range(23)
    }
    root = make_site(files)
    assert run_sitegen("build", cwd=root).code == 0
    first = soup(root / "output/articles/index.html")
    assert len(first.select(".cards .card")) == 10
    assert first.select_one(".cards .card-title").get_text(strip=True) == "Article 22"
    third = soup(root / "output/articles/page/3/index.html")
    assert [c.get_text(strip=True) for c in third.select(".card-title")] == ["Article 2", "Article 1", "Article 0"]
    assert not (root / "output/articles/page/4").exists()


def test_unknown_front_matter_key_hints_spelling(make_site: MakeSite) -> None:
    root = make_site({"content/articles/a.md": article(extra="descripton: hi\n")})
    result = run_sitegen("build", cwd=root)
    assert result.code == 1
    assert "content/articles/a.md:5: unknown key 'descripton' (did you mean 'description'?)" in result.err


def test_category_and_tag_pages_are_paginated(make_site: MakeSite) -> None:
    files = {
        f"content/articles/a{i:02d}.md": article(
            title=f"Article {i}", date=f"2025-01-{i + 1:02d}", extra="tags: [calm]\n"
        )
        for i in range(23)
    }
    root = make_site(files)
    assert run_sitegen("build", cwd=root).code == 0
    for base in ("categories/anxiety", "tags/calm"):
        first = soup(root / f"output/{base}/index.html")
        assert len(first.select(".card-title")) == 10
        assert first.find("a", rel="next")["href"] == f"/{base}/page/2/"
        last = soup(root / f"output/{base}/page/3/index.html")
        assert [c.get_text(strip=True) for c in last.select(".card-title")] == ["Article 2", "Article 1", "Article 0"]
        assert not (root / f"output/{base}/page/4").exists()

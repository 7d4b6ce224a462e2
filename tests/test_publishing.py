"""What a deployed site needs to be found and shared: feeds, sitemap, robots, redirects, metadata."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import feedparser
from bs4 import BeautifulSoup

from conftest import MakeSite, run_sitegen

SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def test_site_and_category_feeds_are_valid_atom_with_the_expected_entries(sample_output: Path) -> None:
    site = feedparser.parse((sample_output / "feed.xml").read_bytes())
    assert not site.bozo, site.get("bozo_exception")
    assert site.version == "atom10"
    articles = [p.parent.name for p in (sample_output / "articles").glob("*/index.html") if p.parent.name != "page"]
    assert sorted(e.link.rsplit("/", 2)[-2] for e in site.entries) == sorted(articles)
    first = site.entries[0]
    assert first.author and first.updated and first.content[0].value
    dates = [e.published for e in site.entries]
    assert dates == sorted(dates, reverse=True)

    grief = feedparser.parse((sample_output / "categories/grief-life-changes/feed.xml").read_bytes())
    assert not grief.bozo
    assert {e.link for e in grief.entries} == {
        "https://willowpath.example/articles/grief-does-not-keep-a-schedule/",
        "https://willowpath.example/articles/grief-support-group-this-fall/",
    }


def test_every_page_links_its_feeds_in_head(sample_output: Path) -> None:
    for path in sample_output.rglob("*.html"):
        if "pagefind" in path.parts:
            continue
        feeds = [link["href"] for link in soup(path).find("head").find_all("link", type="application/atom+xml")]
        assert "/feed.xml" in feeds, path
    article = soup(sample_output / "articles/the-reassurance-trap/index.html")
    hrefs = [link["href"] for link in article.find_all("link", type="application/atom+xml")]
    assert "/categories/anxiety-stress/feed.xml" in hrefs


def test_sitemap_lists_every_page_but_404_redirects_and_workbooks(sample_output: Path) -> None:
    """A workbook repeats its journey's days, which the sitemap lists, and asks not to be indexed."""
    root = ET.fromstring((sample_output / "sitemap.xml").read_bytes())
    locs = {url.findtext(f"{SITEMAP_NS}loc") for url in root}
    expected = set()
    workbooks = set()
    for path in sample_output.rglob("*.html"):
        rel = path.relative_to(sample_output).as_posix()
        if rel == "404.html" or rel.startswith(("blog/", "pagefind/")):
            continue
        if rel.endswith("/workbook/index.html"):
            assert soup(path).find("meta", attrs={"name": "robots", "content": "noindex"}), rel
            workbooks.add(rel)
            continue
        expected.add("https://willowpath.example/" + rel.removesuffix("index.html"))
    assert locs == expected
    assert len(workbooks) == 2
    lastmods = {url.findtext(f"{SITEMAP_NS}loc"): url.findtext(f"{SITEMAP_NS}lastmod") for url in root}
    assert lastmods["https://willowpath.example/articles/the-same-argument-again/"] == "2025-08-04"  # `updated`
    robots = (sample_output / "robots.txt").read_text()
    assert "Sitemap: https://willowpath.example/sitemap.xml" in robots


def test_alias_becomes_a_redirect_page(sample_output: Path) -> None:
    page = soup(sample_output / "blog/racing-mind-at-night/index.html")
    refresh = page.find("meta", attrs={"http-equiv": "refresh"})
    assert refresh["content"] == "0; url=/articles/settle-a-racing-mind-at-night/"
    assert page.find("link", rel="canonical")["href"] == (
        "https://willowpath.example/articles/settle-a-racing-mind-at-night/"
    )
    assert page.find("main").find("a", href="/articles/settle-a-racing-mind-at-night/") is not None


def test_alias_colliding_with_a_real_page_names_both(make_site: MakeSite) -> None:
    root = make_site(
        {
            "content/articles/a.md": "---\ntitle: A\ndate: 2025-01-01\ncategory: Anxiety\naliases: [/about/]\n---\nx\n",
            "content/pages/about.md": "---\ntitle: About\n---\nx\n",
        }
    )
    result = run_sitegen("build", cwd=root)
    assert result.code == 1
    assert "content/articles/a.md" in result.err and "content/pages/about.md" in result.err
    assert "/about/" in result.err


def test_alias_that_escapes_the_site_is_refused(make_site: MakeSite) -> None:
    root = make_site(
        {
            "content/articles/a.md": "---\ntitle: A\ndate: 2025-01-01\ncategory: Anxiety\naliases: [../../x/]\n---\n",
        }
    )
    result = run_sitegen("build", cwd=root)
    assert result.code == 1
    assert "content/articles/a.md:5: the alias '../../x/' is not a path on this site" in result.err
    assert not (root.parent.parent / "x").exists()


def json_ld(path: Path) -> dict[str, object]:
    script = soup(path).find("script", type="application/ld+json")
    assert script is not None, path
    data: dict[str, object] = json.loads(script.string)
    return data


def test_structured_data(sample_output: Path) -> None:
    home = json_ld(sample_output / "index.html")
    assert home["@type"] == "Organization" and home["telephone"] == "(503) 555-0142"
    article = json_ld(sample_output / "articles/shorter-days-lower-mood/index.html")
    assert article["@type"] == "Article"
    assert article["author"] == {
        "@type": "Person",
        "name": "Priya Natarajan",
        "honorificSuffix": "LCSW",
        "jobTitle": "Licensed Clinical Social Worker",
        "knowsAbout": article["author"]["knowsAbout"],  # type: ignore[index]
        "url": "https://willowpath.example/team/priya-natarajan/",
        "hasCredential": [
            {
                "@type": "EducationalOccupationalCredential",
                "credentialCategory": "license",
                "identifier": "L-0000-5528",
                "name": "LCSW",
                "validIn": {"@type": "AdministrativeArea", "name": "Oregon"},
            }
        ],
    }
    assert article["reviewedBy"]["name"] == "Daniel Reyes"  # type: ignore[index]
    course = json_ld(sample_output / "journeys/steadier-days/index.html")
    assert course["@type"] == "Course" and course["name"] == "Steadier Days"
    person = json_ld(sample_output / "team/maya-okafor/index.html")
    assert person["@type"] == "Person" and person["honorificSuffix"] == "LMFT"
    crumbs = json_ld(sample_output / "journeys/steadier-days/day-2/index.html")
    assert crumbs["@type"] == "BreadcrumbList"
    names = [item["name"] for item in crumbs["itemListElement"]]  # type: ignore[attr-defined]
    assert names == ["Journeys", "Steadier Days", "Week 1", "Day 2: Slowing Your Breath"]


def test_json_ld_cannot_be_broken_out_of(make_site: MakeSite) -> None:
    root = make_site(
        {
            "content/articles/a.md": '---\ntitle: "Hello </script><script>alert(1)</script>"\n'
            "date: 2025-01-01\ncategory: Anxiety\n---\nx\n"
        }
    )
    assert run_sitegen("build", cwd=root).code == 0
    html = (root / "output/articles/a/index.html").read_text()
    assert "</script><script>alert(1)" not in html
    data = json.loads(soup(root / "output/articles/a/index.html").find("script", type="application/ld+json").string)
    assert data["headline"] == "Hello </script><script>alert(1)</script>"


def test_open_graph_and_canonical_on_every_page(sample_output: Path) -> None:
    for path in sample_output.rglob("*.html"):
        if "pagefind" in path.parts:
            continue
        page = soup(path)
        canonical = page.find("link", rel="canonical")["href"]
        assert canonical.startswith("https://willowpath.example/"), path
        assert page.find("meta", property="og:title")["content"], path
        assert page.find("meta", attrs={"name": "twitter:card"}) is not None, path
        assert page.find("meta", attrs={"name": "description"})["content"], path


def test_every_bad_alias_is_reported_at_its_own_line(make_site: MakeSite) -> None:
    long_part = "a" * 230
    front = (
        "---\ntitle: A\ndate: 2025-01-01\ncategory: Anxiety\naliases:\n"
        f"  - /old/fine/\n  - /\n  - /{long_part}/\n  - no-slash\n  - /?p=12\n  - /old/#part\n---\n"
    )
    root = make_site({"content/articles/a.md": front})
    result = run_sitegen("build", cwd=root)
    assert result.code == 1
    assert "content/articles/a.md:7: the alias '/' is the home page itself" in result.err
    assert "content/articles/a.md:8: a part of the alias is 230 bytes long, too long to name a folder" in result.err
    assert "content/articles/a.md:9: the alias 'no-slash' is not a path on this site" in result.err
    assert "content/articles/a.md:10: the alias '/?p=12' has a '?' or '#' part" in result.err
    assert "content/articles/a.md:11: the alias '/old/#part' has a '?' or '#' part" in result.err
    assert "Traceback" not in result.err and ":6:" not in result.err

"""`sitegen import` at its limits: names too long for a file, HTML nested too deep, a stop
part-way. Every input is tried, each failure is reported with its file, and the record of
what was written survives."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path
from urllib.parse import quote

import pytest
import yaml

from conftest import MakeSite, run_sitegen
from sitegen.commands.importer import import_posts


def wxr_export(*posts: tuple[str, str, str]) -> str:
    """A small WordPress export of published posts, each (title, slug, body HTML), filed under Anxiety."""
    items = "".join(
        f"""
	<item>
		<title><![CDATA[{title}]]></title>
		<link>https://oldblog.example/{slug}/</link>
		<content:encoded><![CDATA[{body}]]></content:encoded>
		<wp:post_date><![CDATA[2025-06-02 09:00:00]]></wp:post_date>
		<wp:post_name><![CDATA[{slug}]]></wp:post_name>
		<wp:status><![CDATA[publish]]></wp:status>
		<wp:post_type><![CDATA[post]]></wp:post_type>
		<category domain="category" nicename="anxiety"><![CDATA[Anxiety]]></category>
	</item>"""
        for title, slug, body in posts
    )
    return (
        '<?xml version="1.0" encoding="UTF-8" ?>\n<rss version="2.0"'
        ' xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:wp="http://wordpress.org/export/1.2/">\n'
        f"<channel>\n\t<wp:wxr_version>1.2</wp:wxr_version>{items}\n</channel>\n</rss>\n"
    )


def front_matter(root: Path, slug: str) -> dict[str, object]:
    text = (root / "content" / "articles" / f"{slug}.md").read_text(encoding="utf-8")
    data = yaml.safe_load(text.split("---\n")[1])
    assert isinstance(data, dict)
    return data


def recorded(root: Path) -> dict[str, str]:
    """imported.json as article file -> SHA-256 of the text the import wrote there."""
    data = json.loads((root / ".sitegen-cache" / "imported.json").read_text(encoding="utf-8"))
    return {name: entry["sha256"] for name, entry in data["articles"].items()}


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_400_character_address_is_shortened_and_the_posts_around_it_imported(make_site: MakeSite) -> None:
    root = make_site()
    long_slugs = ["slow-mornings-" * 28 + "and-calm", "slow-mornings-" * 28 + "and-rest"]  # 400 characters each
    (root / "export.xml").write_text(
        wxr_export(
            ("Before a Hard Conversation", "before-a-hard-conversation", "<p>Take a breath and name one hope.</p>"),
            ("Slow Mornings", long_slugs[0], "<p>A quiet cup of tea can be a small act of care.</p>"),
            ("Slow Mornings, Again", long_slugs[1], "<p>Rest is not a reward; it is part of the work.</p>"),
            ("After a Hard Conversation", "after-a-hard-conversation", "<p>Be as kind to yourself as to them.</p>"),
        ),
        encoding="utf-8",
    )
    result = run_sitegen("import", "export.xml", cwd=root)
    assert result.code == 0, result.out + result.err
    articles = root / "content" / "articles"
    names = {p.name for p in articles.iterdir()}
    shortened = sorted(names - {"before-a-hard-conversation.md", "after-a-hard-conversation.md"})
    assert len(names) == 4 and len(shortened) == 2, names  # two long addresses that begin alike stay apart
    for name in shortened:
        assert name.startswith("slow-mornings-slow-mornings-") and len(name) <= 83, name
        assert f"the address was shortened to /articles/{name.removesuffix('.md')}/" in result.out
        assert "aliases" not in front_matter(root, name.removesuffix(".md"))
    assert result.out.count("too long to name a folder (shorten or remove that alias), so no redirect was made") == 2
    assert recorded(root) == {f"content/articles/{name}": digest(articles / name) for name in names}

    again = run_sitegen("import", "export.xml", cwd=root)
    assert "1 of 1 files imported: 4 unchanged" in again.out, again.out + again.err
    assert run_sitegen("build", "-q", cwd=root).code == 0
    for name in shortened:
        assert (root / "output" / "articles" / name.removesuffix(".md") / "index.html").is_file()


def test_deeply_nested_html_is_refused_post_by_post_and_the_rest_imported(make_site: MakeSite) -> None:
    root = make_site()
    posts = root / "posts"
    posts.mkdir()
    (posts / "a-calm.txt").write_text(
        "Three Breaths Before You Answer\nWhen a message stings, pause for three slow breaths first.\n",
        encoding="utf-8",
    )
    nested = "<div>" * 5000 + "<p>Under all these layers, a kind word.</p>" + "</div>" * 5000
    (posts / "b-deep.html").write_text(f"<html><body><h1>Layers</h1>{nested}</body></html>", encoding="utf-8")
    (posts / "c-export.xml").write_text(
        wxr_export(
            ("Deep Roots", "deep-roots", nested),
            ("Making Room for Worry", "making-room-for-worry", "<p>Give worry ten minutes, then a walk.</p>"),
        ),
        encoding="utf-8",
    )
    (posts / "d-later.html").write_text(
        "<html><body><article><h1>Small Kindnesses at Home</h1>"
        "<p>A note on the fridge can say what is hard to say aloud.</p></article></body></html>",
        encoding="utf-8",
    )
    result = run_sitegen("import", "posts", cwd=root)
    assert result.code == 1, result.out + result.err
    assert (
        "posts/b-deep.html\n  not imported: its HTML is nested 5003 levels deep, more than the 200 the import "
        "follows: save only the post's article part" in result.out
    )
    assert "  -> Deep Roots (not written: its HTML is nested 5001 levels deep" in result.out
    assert "2 of 4 files imported: 3 new" in result.out
    written = {p.name for p in (root / "content" / "articles").iterdir()}
    assert written == {
        "three-breaths-before-you-answer.md",
        "making-room-for-worry.md",
        "small-kindnesses-at-home.md",
    }


def test_the_record_keeps_what_was_written_when_a_later_post_fails(make_site: MakeSite) -> None:
    root = make_site()
    posts = root / "posts"
    posts.mkdir()
    for name, title in (("a.txt", "Naming the Feeling"), ("b.txt", "Sleep After Loss"), ("c.txt", "A Walk Outside")):
        (posts / name).write_text(f"{title}\nA few gentle words about {title.lower()}.\n", encoding="utf-8")
    articles = root / "content" / "articles"
    (articles / "sleep-after-loss.md").mkdir(parents=True)  # in the way: reading it fails as writing would
    result = run_sitegen("import", "posts", cwd=root)
    assert result.code == 1, result.out + result.err
    assert "-> content/articles/sleep-after-loss.md (not written: the file there cannot be read (Is a directory))" in (
        result.out
    )
    assert recorded(root) == {
        f"content/articles/{name}": digest(articles / name) for name in ("naming-the-feeling.md", "a-walk-outside.md")
    }


def test_an_import_stopped_part_way_keeps_the_record_of_what_it_wrote(make_site: MakeSite) -> None:
    root = make_site()
    titles = {"a.txt": "Naming the Feeling", "b.txt": "A Walk Outside", "c.txt": "Sleep After Loss"}
    for name, title in titles.items():
        (root / name).write_text(f"{title}\nA few gentle words about {title.lower()}.\n", encoding="utf-8")

    def shown(path: Path) -> str:
        if path.name == "c.txt":
            raise KeyboardInterrupt  # as if the writer pressed Ctrl-C before the third post
        return path.name

    with pytest.raises(KeyboardInterrupt):
        import_posts(root, [root / name for name in titles], today=dt.date(2026, 1, 5), shown=shown)
    articles = root / "content" / "articles"
    assert recorded(root) == {
        f"content/articles/{name}": digest(articles / name) for name in ("naming-the-feeling.md", "a-walk-outside.md")
    }


def test_an_old_address_on_a_hidden_or_hosting_file_gets_no_redirect(make_site: MakeSite) -> None:
    root = make_site()
    export = wxr_export(
        ("Winter Light", "winter-light", "<p>Short days ask for gentle plans.</p>"),
        ("Rest Notes", "rest-notes", "<p>Sleep comes more easily to a body that feels safe.</p>"),
    )
    export = export.replace("https://oldblog.example/winter-light/", "https://oldblog.example/.htaccess")
    export = export.replace("https://oldblog.example/rest-notes/", "https://oldblog.example/_redirects")
    (root / "export.xml").write_text(export, encoding="utf-8")
    result = run_sitegen("import", "export.xml", cwd=root)
    assert result.code == 0, result.out + result.err
    assert "the old address /.htaccess names a hidden file" in result.out
    assert "the old address /_redirects/ belongs to this site's own pages" in result.out
    assert "aliases" not in front_matter(root, "winter-light")
    assert "aliases" not in front_matter(root, "rest-notes")
    built = run_sitegen("build", "-q", cwd=root)
    assert built.code == 0, built.err
    assert not (root / "output" / ".htaccess").exists()


def test_a_long_address_in_chinese_is_cut_to_what_a_folder_name_can_take(make_site: MakeSite) -> None:
    root = make_site()
    title = "慢慢地深呼吸让肩膀放松下来" * 7  # 91 letters, 273 bytes: within 80 characters' reach, not a folder's
    slug = quote(title)
    export = wxr_export((title, slug, "<p>Breathe slowly, and let your shoulders soften.</p>"))
    (root / "export.xml").write_text(export, encoding="utf-8")
    result = run_sitegen("import", "export.xml", cwd=root)
    assert result.code == 0, result.out + result.err
    (written,) = (root / "content" / "articles").iterdir()
    assert written.stem.startswith("慢慢地深呼吸") and len(written.stem.encode("utf-8")) <= 200, written.stem
    build = run_sitegen("build", "-q", cwd=root)
    assert build.code == 0, build.err
    assert (root / "output" / "articles" / written.stem / "index.html").is_file()


def test_categories_and_tags_in_other_scripts_are_kept(make_site: MakeSite) -> None:
    site = "title: T\nbase_url: https://example.org/\nbooking: {url: /book/}\n"
    site += "categories: [{name: Anxiety}, {name: القلق}]\n"
    root = make_site(site_yaml=site)
    export = wxr_export(("Ruhig werden", "ruhig-werden", "<p>Atme langsam und spüre den Boden.</p>"))
    export = export.replace(
        '<category domain="category" nicename="anxiety"><![CDATA[Anxiety]]></category>',
        '<category domain="category" nicename="qalaq"><![CDATA[القلق]]></category>'
        '<category domain="post_tag" nicename="nihongo"><![CDATA[日本語]]></category>'
        '<category domain="post_tag" nicename="trevoga"><![CDATA[Тревога]]></category>',
    )
    (root / "export.xml").write_text(export, encoding="utf-8")
    result = run_sitegen("import", "export.xml", cwd=root)
    assert result.code == 0, result.out + result.err
    meta = front_matter(root, "ruhig-werden")
    assert meta["category"] == "القلق"
    assert meta["tags"] == ["日本語", "Тревога"]
    assert run_sitegen("build", "-q", cwd=root).code == 0

"""Each part of the search index lives in a folder named for its bytes, `/pagefind/<digest>/`,
which the search page names: the same input names the same folders, a change search covers
names a new one for the part it is in, and the folder before it leaves the output."""

from __future__ import annotations

import gzip
import hashlib
import re
import shutil
from pathlib import Path

import pytest

from conftest import SAMPLE_EPOCH, MakeSite, run_sitegen, snapshot
from sitegen.core.urls import IMMUTABLE, cache_control
from sitegen.preview.builder import PreviewBuilder

ARTICLE = "---\ntitle: Calm {n}\ndate: 2025-01-0{n}\ncategory: Anxiety\n---\nSteady breathing, part {n}.\n"
FILES = {
    **{f"content/articles/calm-{n}.md": ARTICLE.format(n=n) for n in range(1, 6)},
    "content/pages/about.md": "---\ntitle: About\n---\nWho we are.\n",
}


def named_index(site: Path) -> tuple[str, list[str]]:
    """The index folder the search page names, and the parts it merges (as site paths)."""
    page = (site / "search/index.html").read_text(encoding="utf-8")
    found = re.search(r'data-bundle="/pagefind/([0-9a-f]{10})/pagefind\.js" data-parts="([^"]*)"', page)
    assert found, "the search page names no index folder"
    return found[1], found[2].split()


def folders(site: Path) -> list[str]:
    return sorted(p.name for p in (site / "pagefind").iterdir())


def indexed_text(folder: Path) -> str:
    return "\n".join(gzip.decompress(f.read_bytes()).decode("utf-8", "replace") for f in folder.rglob("*.pf_fragment"))


def build(root: Path, **env: str) -> None:
    result = run_sitegen("build", cwd=root, env=env)
    assert result.code == 0, result.err


def test_the_search_page_names_each_part_in_a_folder_named_for_its_bytes(make_site: MakeSite) -> None:
    root = make_site(FILES)
    build(root, SITEGEN_SEARCH_CHUNK="2")  # five articles, about two to a part: two parts
    output = root / "output"
    first, others = named_index(output)
    digests = [first] + [part.removeprefix("/pagefind/").removesuffix("/") for part in others]
    assert others == [f"/pagefind/{digest}/" for digest in digests[1:]]
    assert len(set(digests)) == 2
    assert folders(output) == sorted(digests)
    for digest in digests:
        part = output / "pagefind" / digest
        assert (part / "pagefind-entry.json").is_file()
        assert (part / "pagefind.js").is_file() == (digest == first), "Pagefind's script is loaded from the first part"
        files = sorted(p for p in part.rglob("*") if p.is_file())
        bytes_digest = hashlib.sha256()
        for path in files:
            data = path.read_bytes()
            bytes_digest.update(f"{path.relative_to(part).as_posix()}\0{len(data)}\0".encode())
            bytes_digest.update(data)
        assert digest == bytes_digest.hexdigest()[:10]
        assert {cache_control(p.relative_to(output).as_posix()) for p in files} == {IMMUTABLE}
    assert "/pagefind/*\n  Cache-Control: public, max-age=31536000, immutable\n" in (output / "_headers").read_text()


def test_two_builds_of_the_same_input_name_the_same_index(make_site: MakeSite, tmp_path: Path) -> None:
    root = make_site(FILES)
    twin = shutil.copytree(root, tmp_path / "twin")
    build(root)
    build(twin)
    assert named_index(root / "output") == named_index(twin / "output")
    assert snapshot(root / "output") == snapshot(twin / "output")


def test_an_edit_search_covers_names_a_new_folder_and_the_old_one_goes(make_site: MakeSite) -> None:
    root = make_site(FILES)
    build(root)
    first, _ = named_index(root / "output")
    (root / "content/pages/about.md").write_text("---\ntitle: About\n---\nWho we are, and where.\n")
    build(root)
    assert named_index(root / "output")[0] == first, "a page search does not cover leaves the index as it was"
    (root / "content/articles/calm-3.md").write_text(ARTICLE.format(n=3) + "\nA new word: lanternfish.\n")
    build(root)
    second, _ = named_index(root / "output")
    assert second != first
    assert folders(root / "output") == [second], "the index before the edit is gone"
    assert "lanternfish" in indexed_text(root / "output/pagefind" / second)


def test_the_preview_names_each_new_index_and_keeps_only_the_one_before(
    make_site: MakeSite, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", SAMPLE_EPOCH)
    root = make_site(FILES)
    site = root / ".sitegen-preview" / "site"
    preview = PreviewBuilder(root, site)
    preview.build()
    preview.refresh_search()
    first, _ = named_index(site)
    seen = [first]
    for word in ("lanternfish", "marmalade"):
        with (root / "content/articles/calm-2.md").open("a", encoding="utf-8") as article:
            article.write(f"\nA new word: {word}.\n")
        preview.build()
        assert named_index(site)[0] == seen[-1], "until the index is remade, the search page names the last one"
        assert preview.refresh_search()
        current, _ = named_index(site)
        assert current not in seen
        assert word in indexed_text(site / "pagefind" / current)
        seen.append(current)
        assert folders(site) == sorted(seen[-2:]), "the index before stays for a search page still open"
        preview.build()
        assert preview.rendered == 0, "the search page, rewritten to name the new index, is as the build would make it"

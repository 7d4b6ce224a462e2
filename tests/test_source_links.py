"""Symbolic links in content/, static/, templates/ and themes/ never publish a file from outside the project."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import MINIMAL_SITE_YAML, MakeSite, snapshot
from sitegen.build import build
from sitegen.cli import main
from sitegen.core.errors import BuildFailed

ARTICLE = "---\ntitle: A calm article\ndate: 2025-01-02\ncategory: Anxiety\n---\nBody text.\n"
SECRET = b"PRIVATE-NOTES-4f1c9e: client session log"
LOGO = b"\x89PNG\r\n\x1a\n not really a logo 7d2e"


def link(path: Path, target: str | Path) -> None:
    """`path` made a symbolic link to `target`, exactly as written (relative targets stay relative)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.symlink_to(target)


def private_file(tmp_path: Path, data: bytes = SECRET) -> Path:
    """A file beside the project folder, not inside it."""
    secret = tmp_path / "home" / "secrets.txt"
    secret.parent.mkdir(parents=True, exist_ok=True)
    secret.write_bytes(data)
    return secret


def refused(root: Path) -> list[str]:
    """The problems a build of `root` fails with."""
    with pytest.raises(BuildFailed) as failure:
        build(root, workers=1)
    return [str(error) for error in failure.value.errors]


def test_a_static_file_linked_outside_fails_the_build_and_leaves_output_alone(
    make_site: MakeSite, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_site({"content/articles/a.md": ARTICLE})
    assert main(["--root", str(root), "build", "-q"]) == 0
    before = snapshot(root / "output")
    secret = private_file(tmp_path)
    link(root / "static/leak.txt", secret)
    capsys.readouterr()

    assert main(["--root", str(root), "build"]) == 1
    err = capsys.readouterr().err
    assert (
        f"static/leak.txt: a link to a file outside the project ({secret}) "
        "(copy the file into the project, or remove the link)"
    ) in err.splitlines()
    assert snapshot(root / "output") == before
    assert not any(SECRET in p.read_bytes() for p in root.rglob("*") if p.is_file() and not p.is_symlink())


def test_an_article_linked_outside_fails_the_build(make_site: MakeSite, tmp_path: Path) -> None:
    root = make_site({"content/articles/a.md": ARTICLE})
    link(root / "content/articles/private.md", private_file(tmp_path, ARTICLE.encode()))
    problems = refused(root)
    assert [p for p in problems if p.startswith("content/articles/private.md: a link to a file outside")] != []
    assert not (root / "output").exists()


@pytest.mark.parametrize("linked", ["themes/calm", "templates"])
def test_a_folder_linked_outside_fails_the_build(make_site: MakeSite, tmp_path: Path, linked: str) -> None:
    theme = "theme: calm\n" if linked.startswith("themes/") else ""
    root = make_site({"content/articles/a.md": ARTICLE}, site_yaml=MINIMAL_SITE_YAML + theme)
    outside = tmp_path / "elsewhere"
    (outside / "static").mkdir(parents=True)
    (outside / "static/private.txt").write_bytes(SECRET)
    link(root / linked, outside)
    assert f"{linked}: a link to a folder outside the project ({outside}) " in " ".join(refused(root))
    assert not (root / "output").exists()


def test_links_that_stay_inside_the_project_are_published(make_site: MakeSite) -> None:
    root = make_site({"content/articles/a.md": ARTICLE}, site_yaml=MINIMAL_SITE_YAML + "theme: calm\n")
    (root / "content/images").mkdir(parents=True)
    (root / "content/images/logo.png").write_bytes(LOGO)
    link(root / "static/logo.png", "../content/images/logo.png")
    (root / "design/calm/static").mkdir(parents=True)
    (root / "design/calm/static/calm.css").write_text("body { color: teal; }\n", encoding="utf-8")
    link(root / "themes/calm", "../design/calm")

    build(root, workers=1)
    assert (root / "output/static/logo.png").read_bytes() == LOGO
    assert (root / "output/static/calm.css").read_text(encoding="utf-8") == "body { color: teal; }\n"


def test_a_link_inside_a_linked_folder_is_checked_too(make_site: MakeSite, tmp_path: Path) -> None:
    root = make_site({"content/articles/a.md": ARTICLE}, site_yaml=MINIMAL_SITE_YAML + "theme: calm\n")
    link(root / "design/calm/static/leak.txt", private_file(tmp_path))
    link(root / "themes/calm", "../design/calm")
    assert [p for p in refused(root) if p.startswith("design/calm/static/leak.txt: a link to a file outside")] != []
    assert not (root / "output").exists()


def test_follow_symlinks_false_refuses_even_a_link_inside_the_project(make_site: MakeSite) -> None:
    root = make_site({"content/articles/a.md": ARTICLE}, site_yaml=MINIMAL_SITE_YAML + "follow_symlinks: false\n")
    (root / "content/images").mkdir(parents=True)
    (root / "content/images/logo.png").write_bytes(LOGO)
    link(root / "static/logo.png", "../content/images/logo.png")
    assert refused(root) == [
        "static/logo.png: a link to ../content/images/logo.png, and site.yaml says 'follow_symlinks: false' "
        "(put the file or folder itself here, or set 'follow_symlinks: inside' to accept links within the project)"
    ]


def test_a_folder_link_back_to_the_project_is_refused_as_a_loop(make_site: MakeSite) -> None:
    root = make_site({"content/articles/a.md": ARTICLE})
    link(root / "content/everything", "..")
    assert refused(root) == [
        "content/everything: a link to a folder that holds it (the project folder), so it loops "
        "(link to the folder you mean, or remove the link)"
    ]


def test_a_broken_link_is_refused(make_site: MakeSite, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_site({"content/articles/a.md": ARTICLE})
    link(root / "static/gone.png", "../content/images/gone.png")
    assert main(["--root", str(root), "build"]) == 1
    assert (
        "static/gone.png: a broken link: ../content/images/gone.png does not exist "
        "(remove the link, or point it at a file inside the project)"
    ) in capsys.readouterr().err.splitlines()


@pytest.mark.parametrize(("value", "shown"), [("yes please", "'yes please'"), ("true", "true")])
def test_a_wrong_follow_symlinks_value_is_a_located_error(
    make_site: MakeSite, capsys: pytest.CaptureFixture[str], value: str, shown: str
) -> None:
    root = make_site({"content/articles/a.md": ARTICLE}, site_yaml=MINIMAL_SITE_YAML + f"follow_symlinks: {value}\n")
    assert main(["--root", str(root), "build"]) == 1
    assert (
        f"site.yaml:9: follow_symlinks cannot be {shown} "
        "(expected 'inside', to accept links that stay inside the project, or false, to refuse every link)"
    ) in capsys.readouterr().err.splitlines()

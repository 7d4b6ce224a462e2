"""The no-op check: a build says "nothing changed" only when a full build would write the same output.

Everything that shapes the output must reach the stamp: the options, the environment
variables the build reads, sitegen's own code, its built-in theme and the project's
themes, and the libraries that render, index and resize.
"""

from __future__ import annotations

import re
import shutil
from importlib import metadata
from pathlib import Path

from conftest import REPO, MakeSite, copy_sample, many_articles, run_sitegen, snapshot

NOTHING = "nothing changed"


def built(root: Path, *args: str, **env: str) -> bool:
    """Build; True when it built, False when it found nothing to do."""
    result = run_sitegen("build", *args, cwd=root, env=env)
    assert result.code == 0, result.err
    return NOTHING not in result.out


def test_a_smaller_search_chunk_after_a_normal_build_rebuilds(make_site: MakeSite) -> None:
    root = make_site(many_articles(10))
    assert built(root)
    assert len(list((root / "output/pagefind").iterdir())) == 1
    assert built(root, SITEGEN_SEARCH_CHUNK="3"), "the search index is now made in parts: the output changes"
    assert len(list((root / "output/pagefind").iterdir())) == 4, "ten articles, about three to a part: four"
    assert not built(root, SITEGEN_SEARCH_CHUNK="3")
    assert built(root), "and back"


def test_every_variable_the_build_reads_rebuilds_or_changes_nothing(make_site: MakeSite, tmp_path: Path) -> None:
    """A variable the stamp leaves out must not change the output; one that changes it must rebuild."""
    read = set()
    for module in (REPO / "sitegen").rglob("*.py"):
        read |= set(re.findall(r'(?:\.get\(|getenv\(|environ\[)"([A-Z][A-Z0-9_]+)"', module.read_text()))
    trial_values = {
        "SITEGEN_SEARCH_CHUNK": "4",
        "SITEGEN_WORKERS": "1",
        "SOURCE_DATE_EPOCH": "1600000000",
        "XDG_CACHE_HOME": str(tmp_path / "elsewhere"),
    }
    assert read == trial_values.keys(), "a new variable: give it a trial value here, and a place in the stamp"
    root = make_site(many_articles(10))
    for name, value in trial_values.items():
        assert built(root, "--force")
        usual = snapshot(root / "output")
        if not built(root, **{name: value}):
            assert built(root, "--force", **{name: value})
            assert snapshot(root / "output") == usual, f"{name}={value} changes the output, but the stamp missed it"


def fake_distribution(folder: Path, name: str, version: str) -> Path:
    """A distribution's metadata only, found before the installed one on PYTHONPATH: its version is what changes."""
    info = folder / f"{name}-{version}.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n")
    entry_points = metadata.distribution(name).read_text("entry_points.txt")  # some libraries find their plugins there
    if entry_points:
        (info / "entry_points.txt").write_text(entry_points)
    return folder


def test_a_new_version_of_markdown_jinja_or_pagefind_rebuilds(make_site: MakeSite, tmp_path: Path) -> None:
    root = make_site(many_articles(2))
    assert built(root)
    for library in ("cmarkgfm", "jinja2", "pagefind_bin"):
        newer = fake_distribution(tmp_path / library, library, "99.0")
        assert built(root, PYTHONPATH=str(newer)), f"a new version of {library} may render differently"
        assert not built(root, PYTHONPATH=str(newer))
        assert built(root), f"and back to the installed {library}"


def test_the_no_op_check_reads_library_versions_without_importlib_metadata(make_site: MakeSite) -> None:
    """The versions come from the installed metadata, read directly: importing importlib.metadata
    (and the email package with it) took 23 ms of the 35 ms the code version cost each build."""
    root = make_site(many_articles(2))
    assert built(root)
    result = run_sitegen("build", cwd=root, env={"PYTHONPROFILEIMPORTTIME": "1"})
    assert result.code == 0 and NOTHING in result.out, result.err
    imported = {line.rsplit("|", 1)[-1].strip() for line in result.err.splitlines() if line.startswith("import time:")}
    assert "sitegen.core.code_version" in imported, "every import is listed"
    assert "importlib.metadata" not in imported


def test_an_edit_to_sitegen_or_its_built_in_theme_rebuilds(make_site: MakeSite, tmp_path: Path) -> None:
    """An updated checkout keeps its version number: the stamp follows the code itself."""
    source = tmp_path / "source"
    shutil.copytree(REPO / "sitegen", source / "sitegen", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(REPO / "themes", source / "themes")
    root = make_site(many_articles(2))
    copy = {"PYTHONPATH": str(source)}
    assert built(root, **copy)
    assert not built(root, **copy)
    with (source / "sitegen/planning/nav.py").open("a") as module:
        module.write("\n# a change in a newer sitegen\n")
    assert built(root, **copy), "sitegen's code changed"
    with (source / "themes/default/static/site.css").open("a") as css:
        css.write("\n.newer { color: inherit }\n")
    assert built(root, **copy), "the built-in theme changed"
    assert ".newer" in (root / "output/static/site.css").read_text()


def test_an_edit_to_the_projects_theme_rebuilds(tmp_path: Path) -> None:
    root = copy_sample(tmp_path / "site")
    assert built(root)
    theme = root / "themes/default"
    for path in (theme / "templates/base.html", theme / "static/site.css", theme / "strings/en.yaml"):
        assert not built(root)
        with path.open("ab") as theme_file:
            theme_file.write(b"\n")
        assert built(root), f"{path.relative_to(root)} changed"


def test_pagefinds_own_settings_do_not_change_the_site(make_site: MakeSite) -> None:
    """sitegen says how the index is made: neither a PAGEFIND_ variable nor a pagefind.yml changes it."""
    root = make_site(many_articles(3))
    assert built(root)
    usual = snapshot(root / "output")
    shutil.rmtree(root / ".sitegen-cache")  # so Pagefind runs again, rather than its cached index being used
    (root / "pagefind.yml").write_text("exclude_selectors: ['main']\n")
    assert built(root, "--force", PAGEFIND_EXCLUDE_SELECTORS="main", PAGEFIND_ROOT_SELECTOR="footer")
    assert snapshot(root / "output") == usual

"""A first build's templates, compiled in a process beside the command line's import
(sitegen/rendering/templates_beside.py): the site comes out as one whose build compiled them
itself, a template changed since is compiled again, and a broken one is reported as before."""

from __future__ import annotations

from pathlib import Path

import jinja2
import pytest

from sitegen.config.site_config import load_config
from sitegen.rendering.render import make_environment
from sitegen.rendering.templates_beside import Prepared, prepared, templates_beside
from sitegen.theming.strings import load_strings
from tests.conftest import MakeSite, clean_build, copy_sample, run_sitegen, snapshot

MARK = "<!-- the practice's own article page -->"


def _own_article_template(root: Path) -> None:
    theme = (root / "themes" / "default" / "templates" / "article.html").read_text(encoding="utf-8")
    assert "{% block main %}" in theme
    (root / "templates").mkdir()
    own = theme.replace("{% block main %}", "{% block main %}\n" + MARK, 1)
    (root / "templates" / "article.html").write_text(own, encoding="utf-8")


def test_a_first_build_renders_with_templates_compiled_beside_as_one_that_compiles_them(tmp_path: Path) -> None:
    root = copy_sample(tmp_path / "site")
    _own_article_template(root)  # a project's own template, in front of the theme's of the same name

    first = run_sitegen("build", cwd=root)

    assert first.code == 0, first.err
    kept = [path.name for path in (root / ".sitegen-cache" / "templates").iterdir()]
    assert len([name for name in kept if name.startswith("__jinja2_")]) >= 20, kept  # for the next build
    assert any(name.startswith("reads-") for name in kept), kept
    built = snapshot(root / "output")
    pages = [path for path in (root / "output" / "articles").glob("*/index.html")]
    assert pages and all(MARK in page.read_text(encoding="utf-8") for page in pages)
    assert built == clean_build(root)  # compiled here, in one process


def test_a_first_build_uses_the_theme_site_yaml_names_of_the_several_a_project_has(tmp_path: Path) -> None:
    root = copy_sample(tmp_path / "site")
    default = root / "themes" / "default" / "templates" / "article.html"
    for name, mark in (("calm", "<!-- calm -->"), ("plain", "<!-- plain -->")):
        own = root / "themes" / name / "templates" / "article.html"
        own.parent.mkdir(parents=True)
        own.write_text(default.read_text(encoding="utf-8").replace("{% block main %}", "{% block main %}" + mark, 1))
    site_yaml = root / "site.yaml"
    site_yaml.write_text(site_yaml.read_text(encoding="utf-8").replace("theme: default", "theme: plain"), "utf-8")

    assert run_sitegen("build", cwd=root).code == 0

    page = next((root / "output" / "articles").glob("*/index.html")).read_text(encoding="utf-8")
    assert "<!-- plain -->" in page and "<!-- calm -->" not in page
    assert snapshot(root / "output") == clean_build(root)


def _environment(root: Path, cache: Path, made: Prepared) -> jinja2.Environment:
    config = load_config(root)
    strings, problems = load_strings(root, config)
    assert problems == []
    return make_environment(root, config.theme, strings, cache, made)


def _made_beside(root: Path) -> Prepared:
    with templates_beside(root) as beside:
        assert beside is not None, "a project with no compiled templates kept gets them compiled beside"
        made = prepared(beside.result())
    assert made is not None
    bytecode, reads = made
    assert len(bytecode) >= 30 and len(reads) >= 30  # the theme's pages and partials, and the project's own
    return made


def test_the_renderer_compiles_none_of_the_templates_compiled_beside(
    make_site: MakeSite, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_site({"templates/hello.html": "Hello {{ name }}"})
    made = _made_beside(root)

    def refused(*args: object, **kwargs: object) -> None:
        raise AssertionError("compiled again")

    monkeypatch.setattr(jinja2.Environment, "compile", refused)
    monkeypatch.setattr(jinja2.Environment, "parse", refused)
    env = _environment(root, tmp_path / "kept", made)

    assert env.get_template("hello.html").render(name="Sam") == "Hello Sam"
    for name in ("article.html", "base.html"):
        env.get_template(name)
    env.get_template("partials/footer.html", parent="base.html")  # an include: what it reads is found too
    assert any((tmp_path / "kept").iterdir()), "kept for the next build, as a template compiled here is"


def test_a_template_changed_after_it_was_compiled_beside_renders_as_it_is_now(
    make_site: MakeSite, tmp_path: Path
) -> None:
    root = make_site({"templates/hello.html": "Hello {{ name }}"})
    made = _made_beside(root)
    (root / "templates" / "hello.html").write_text("Goodbye {{ name }}", encoding="utf-8")

    env = _environment(root, tmp_path / "kept", made)

    assert env.get_template("hello.html").render(name="Sam") == "Goodbye Sam"


def test_no_process_is_started_once_the_project_keeps_its_compiled_templates(make_site: MakeSite) -> None:
    root = make_site()
    assert run_sitegen("build", cwd=root).code == 0

    with templates_beside(root) as beside:
        assert beside is None


def test_a_broken_template_is_reported_by_a_first_build_as_by_any(make_site: MakeSite) -> None:
    root = make_site({"templates/base.html": "<html>\n<p>{{ page.title </p>\n</html>\n"})

    failed = run_sitegen("build", cwd=root)

    assert failed.code != 0
    assert "templates/base.html:2" in failed.err, failed.err
    assert "template error" in failed.err
    assert "Traceback" not in failed.err
    assert not (root / "output").exists()

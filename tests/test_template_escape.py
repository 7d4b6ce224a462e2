"""What a template prints is escaped exactly as markupsafe escapes it, by sitegen's quicker
`escape` (rendering/environment.py), in templates compiled here, read from files, or loaded
from the bytecode a build keeps."""

from __future__ import annotations

from pathlib import Path

import jinja2
import markupsafe
import pytest
from markupsafe import Markup

from sitegen.rendering.environment import escape, theme_environment


class Shown:
    def __html__(self) -> str:
        return "<em>shown as it is</em>"


class Named(str):
    pass


VALUES = [
    "plain words",
    "",
    "Tom & Jerry <script>alert('x')</script> \"quoted\"",
    "ünïcödé ✓ & 中文 <",
    Named("a str of another class <b>"),
    Markup("<strong>already markup</strong> & kept"),
    Shown(),
    42,
    3.5,
    None,
]


@pytest.mark.parametrize("value", VALUES, ids=lambda value: type(value).__name__)
def test_escape_is_markupsafes_for_every_kind_of_value(value: object) -> None:
    expected = markupsafe.escape(value)
    found = escape(value)
    assert type(found) is Markup
    assert found == expected
    assert str(found) == str(expected)


def test_a_template_compiled_here_prints_through_it() -> None:
    env = theme_environment([], None)
    template = env.from_string("<p>{{ value }}</p>{% macro m(x) %}[{{ x }}]{% endmacro %}{{ m(value) }}")
    assert template.root_render_func.__globals__["escape"] is escape
    shown = template.render(value="Tom & <Jerry>")
    assert shown == "<p>Tom &amp; &lt;Jerry&gt;</p>[Tom &amp; &lt;Jerry&gt;]"


def test_templates_from_files_and_from_kept_bytecode_print_through_it(tmp_path: Path) -> None:
    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / "page.html").write_text(
        '{% extends "base.html" %}{% block main %}{{ title }}{% include "part.html" %}{% endblock %}', encoding="utf-8"
    )
    (folder / "base.html").write_text("<main>{% block main %}{% endblock %}</main>", encoding="utf-8")
    (folder / "part.html").write_text("<i>{{ title }}</i>", encoding="utf-8")
    kept = tmp_path / "bytecode"
    kept.mkdir()
    for _ in ("compiled", "loaded from the bytecode"):
        env = theme_environment([folder], jinja2.FileSystemBytecodeCache(str(kept)))
        page = env.get_template("page.html")
        for name in ("page.html", "base.html"):
            assert env.get_template(name).root_render_func.__globals__["escape"] is escape
        assert page.render(title="Q&A <now>") == "<main>Q&amp;A &lt;now&gt;<i>Q&amp;A &lt;now&gt;</i></main>"
    assert len(list(kept.iterdir())) == 3

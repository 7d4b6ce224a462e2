"""Another sitegen over the same cache: an upgrade (or an edit to sitegen's code in a checkout)
never publishes a page parsed or rendered by the code that was there before, even when the
version number stayed the same.

Each test builds with the installed sitegen, then with a copy of its code changed in one place,
run from that copy (PYTHONPATH puts it first), over the same project and cache.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

import sitegen
from conftest import MakeSite, run_sitegen
from sitegen.theming.lookup import BUILTIN_THEME

ARTICLE = """\
---
title: Slow Breathing
date: 2024-03-01
category: Anxiety
---
Breathe out for longer than you breathe in.
"""

CHANGES = {
    "parse": ("reading/markup.py", "    return Rendered(html, count_words(text))", "    html += '<p>new-code</p>'\n"),
    "render": (
        "rendering/render.py",
        "        return name_back_links(html, self._back_label)\n",
        "        html = html.replace('</main>', '<p>new-code</p></main>')\n",
    ),
}


def _changed_copy(where: Path, change: tuple[str, str, str]) -> Path:
    module, anchor, added = change
    package = where / "sitegen"
    shutil.copytree(Path(sitegen.__file__).parent, package, ignore=shutil.ignore_patterns("__pycache__"))
    if not BUILTIN_THEME.is_relative_to(Path(sitegen.__file__).parent):  # a checkout: the theme sits beside
        shutil.copytree(BUILTIN_THEME, where / "themes" / "default")
    path = package / module
    text = path.read_text(encoding="utf-8")
    assert text.count(anchor) == 1, f"{module} no longer has the line this test changes"
    path.write_text(text.replace(anchor, added + anchor), encoding="utf-8")
    return where


@pytest.mark.parametrize("stage", sorted(CHANGES))
def test_a_changed_sitegen_rebuilds_what_its_code_shapes(make_site: MakeSite, tmp_path: Path, stage: str) -> None:
    root = make_site({"content/articles/slow-breathing.md": ARTICLE})
    first = run_sitegen("build", cwd=root)
    assert first.code == 0, first.err
    page = root / "output" / "articles" / "slow-breathing" / "index.html"
    assert "new-code" not in page.read_text(encoding="utf-8")

    code = _changed_copy(tmp_path / "code", CHANGES[stage])
    second = run_sitegen(
        "build", cwd=root, env={"PYTHONPATH": os.pathsep.join([str(code), os.environ.get("PYTHONPATH", "")])}
    )
    assert second.code == 0, second.err
    assert "new-code" in page.read_text(encoding="utf-8")

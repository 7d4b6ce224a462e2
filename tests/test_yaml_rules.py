"""YAML that would mislead or overwhelm: a key written twice, and aliases that multiply.

A repeated key is a located error wherever YAML is read (site.yaml, front matter, the
theme's texts), naming the line of the second one. A few hundred bytes of aliases to
aliases is refused at its line, and costs little time and memory on the way.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import MINIMAL_SITE_YAML, MakeSite, run_sitegen
from sitegen.build import build
from sitegen.core.errors import BuildFailed

ARTICLE = "---\ntitle: A calm article\ndate: 2025-01-02\ncategory: Anxiety\n{extra}---\nBody text.\n"


def problems(root: Path) -> list[str]:
    with pytest.raises(BuildFailed) as failure:
        build(root, workers=1)
    assert not (root / "output").exists()
    return [str(error) for error in failure.value.errors]


def test_a_key_written_twice_in_site_yaml_is_an_error_at_the_second(make_site: MakeSite) -> None:
    root = make_site(
        {"content/articles/a.md": ARTICLE.format(extra="")}, site_yaml=MINIMAL_SITE_YAML + "title: Other\n"
    )
    result = run_sitegen("build", cwd=root)
    assert result.code == 1
    assert (
        "site.yaml:9: 'title' is written twice (first on line 1) (keep one of them: only the last one would count)"
        in result.err.splitlines()
    )
    assert "Traceback" not in result.err


@pytest.mark.parametrize(
    ("path", "text", "expected"),
    [
        (
            "content/articles/a.md",
            ARTICLE.format(extra="title: Again\n"),
            "content/articles/a.md:5: 'title' is written",
        ),
        (
            "content/articles/a.md",
            ARTICLE.format(extra="cta:\n  url: /a/\n  label: Book\n  url: /b/\n"),
            "content/articles/a.md:8: 'url' is written twice (first on line 6)",
        ),
        ("content/pages/about.md", "---\ntitle: About\nslug: about\nslug: us\n---\nHi.\n", "content/pages/about.md:4:"),
        ("content/team/ana.md", "---\nname: Ana\nrole: A\nrole: B\n---\nBio.\n", "content/team/ana.md:4: 'role' is"),
        (
            "content/journeys/calm.md",
            "---\ntitle: Calm\nduration: 1 week\nduration: 2 weeks\ncategory: Anxiety\n---\n# Calm\n",
            "content/journeys/calm.md:4: 'duration' is written twice (first on line 3)",
        ),
    ],
)
def test_a_key_written_twice_in_front_matter_is_an_error_at_the_second(
    make_site: MakeSite, path: str, text: str, expected: str
) -> None:
    files = {"content/articles/a.md": ARTICLE.format(extra=""), path: text}
    assert any(problem.startswith(expected) for problem in problems(make_site(files))), expected


def test_a_key_written_twice_in_the_themes_words_is_an_error(make_site: MakeSite) -> None:
    root = make_site(
        {
            "content/articles/a.md": ARTICLE.format(extra=""),
            "themes/calm/strings/en.yaml": "topics: Themes\nsearch: Look\ntopics: Subjects\n",
        },
        site_yaml=MINIMAL_SITE_YAML + "theme: calm\n",
    )
    assert "themes/calm/strings/en.yaml:3: 'topics' is written twice (first on line 1)" in " ".join(problems(root))


def test_an_alias_merged_then_overridden_is_not_a_repeated_key(make_site: MakeSite) -> None:
    site_yaml = MINIMAL_SITE_YAML.replace(
        "  url: https://example.org/book/\n",
        "  url: https://example.org/book/\n  variants:\n    base: &base {url: /book/, label: Book}\n"
        "    couples:\n      <<: *base\n      label: Book together\n",
    )
    root = make_site({"content/articles/a.md": ARTICLE.format(extra="cta: couples\n")}, site_yaml=site_yaml)
    build(root, workers=1)
    assert "Book together" in (root / "output/articles/a/index.html").read_text(encoding="utf-8")


def laughs(levels: int) -> str:
    """Anchors of nine aliases to the anchor before: `levels` lines that stand for 9**levels values."""
    lines = ["a0: &a0 [x,x,x,x,x,x,x,x,x]"]
    lines += [f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, levels)]
    return "\n".join(lines) + "\n"


MEASURED = """\
import json, resource, sys, time, tracemalloc
resource.setrlimit(resource.RLIMIT_AS, (3 << 30, 3 << 30))  # the old code fails here instead of swapping
from sitegen.build import build
from sitegen.core.errors import BuildFailed
tracemalloc.start()
started = time.perf_counter()
try:
    build(__import__("pathlib").Path(sys.argv[1]), workers=1)
    errors = []
except BuildFailed as failure:
    errors = [str(e) for e in failure.errors]
except MemoryError:
    errors = ["MemoryError"]
peak = tracemalloc.get_traced_memory()[1]
print(json.dumps({"errors": errors, "peak": peak, "seconds": time.perf_counter() - started}))
"""


def measured_build(root: Path) -> dict[str, object]:
    """Build `root` in a child process, reporting its problems and the peak memory Python allocated."""
    proc = subprocess.run(
        [sys.executable, "-c", MEASURED, str(root)], capture_output=True, text=True, timeout=240, cwd=root
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    result: dict[str, object] = json.loads(proc.stdout.splitlines()[-1])
    print(f"aliases: {result['seconds']:.2f} s, peak {int(result['peak']) / 1e6:.1f} MB")  # type: ignore[call-overload]
    return result


@pytest.mark.parametrize("levels", [7, 8])
def test_aliases_that_multiply_are_refused_at_their_line_in_little_memory(make_site: MakeSite, levels: int) -> None:
    front_matter = laughs(levels) + "unknown: key\n"
    assert len(front_matter.encode()) < 450  # the 338-byte file that took 6.5 s and 1.1 GB, and one level more
    root = make_site(
        {"content/articles/a.md": "---\ntitle: T\ndate: 2025-01-02\ncategory: Anxiety\n" + front_matter + "---\nHi.\n"}
    )
    result = measured_build(root)
    assert result["errors"] == [
        "content/articles/a.md:8: these aliases repeat other aliases so often that they stand for over 1,000 values "
        "(write the values out, or repeat a '*name' only a few times)"
    ]
    assert int(result["peak"]) < 100_000_000  # type: ignore[call-overload]


def test_aliases_that_multiply_in_site_yaml_are_refused_at_their_line(make_site: MakeSite) -> None:
    root = make_site({"content/articles/a.md": ARTICLE.format(extra="")}, site_yaml=MINIMAL_SITE_YAML + laughs(9))
    result = measured_build(root)
    assert result["errors"] == [
        "site.yaml:12: these aliases repeat other aliases so often that they stand for over 1,000 values "
        "(write the values out, or repeat a '*name' only a few times)"
    ]
    assert int(result["peak"]) < 100_000_000  # type: ignore[call-overload]


def test_a_few_aliases_build_and_a_problem_inside_them_points_at_where_it_is_written(make_site: MakeSite) -> None:
    variants = "  variants:\n    one: &same {url: /book/, label: Book once}\n    two: *same\n"
    site_yaml = MINIMAL_SITE_YAML.replace("  url: https://example.org/book/\n", "  url: /book/\n" + variants)
    root = make_site({"content/articles/a.md": ARTICLE.format(extra="cta: two\n")}, site_yaml=site_yaml)
    build(root, workers=1)
    assert "Book once" in (root / "output/articles/a/index.html").read_text(encoding="utf-8")

    broken = site_yaml.replace("label: Book once}", "label: [Book]}")
    root.joinpath("site.yaml").write_text(broken, encoding="utf-8")
    result = run_sitegen("build", cwd=root)
    assert result.code == 1
    assert "site.yaml:6: 'booking.variants.one.label' should be text, not a list" in result.err
    assert "site.yaml:6: 'booking.variants.two.label' should be text, not a list" in result.err
    assert "Traceback" not in result.err

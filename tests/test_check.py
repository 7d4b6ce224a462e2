"""`sitegen check`: broken links, missing anchors and images, orphans, external links listed."""

from __future__ import annotations

from pathlib import Path

from conftest import MINIMAL_SITE_YAML, MakeSite, copy_sample, run_sitegen

BODY = """\
Read [the other article](/articles/b/) and [a missing one](/articles/nope/).

Jump to [a section](/articles/b/#no-such-heading) or [a real one](/articles/b/#a-heading).

![A calm lake](/static/lake.jpg)

See [the lifeline](https://988lifeline.org/).
"""


def test_check_reports_every_problem_with_its_source_line(make_site: MakeSite) -> None:
    site_yaml = MINIMAL_SITE_YAML + "navigation: [articles]\n"
    root = make_site(
        {
            "content/articles/a.md": "---\ntitle: A\ndate: 2025-01-02\ncategory: Anxiety\n---\n" + BODY,
            "content/articles/b.md": "---\ntitle: B\ndate: 2025-01-01\ncategory: Anxiety\n---\n## A heading\n",
            "content/pages/hidden.md": "---\ntitle: Hidden\n---\nNobody links here.\n",
        },
        site_yaml=site_yaml,
    )
    result = run_sitegen("check", cwd=root)
    assert result.code == 1
    assert "content/articles/a.md:6: broken link: /articles/nope/" in result.err
    assert "content/articles/a.md:8: missing anchor '#no-such-heading': /articles/b/#no-such-heading" in result.err
    assert "#a-heading" not in result.err
    assert "content/articles/a.md:10: missing image or script: /static/lake.jpg" in result.err
    assert "content/pages/hidden.md: orphan page: nothing links to /hidden/" in result.err
    assert "https://988lifeline.org/" in result.out
    assert "2 external links (not fetched)" in result.out  # the lifeline and the booking page
    assert "content/team" not in result.err and "orphan page: nothing links to /team/" in result.err
    assert "check failed: 5 problems" in result.err


def test_check_passes_on_the_sample_under_a_base_path(tmp_path: Path) -> None:
    root = copy_sample(tmp_path / "practice")
    site_yaml = root / "site.yaml"
    site_yaml.write_text(site_yaml.read_text().replace("https://willowpath.example/", "https://example.org/practice/"))
    result = run_sitegen("check", cwd=root)
    assert result.code == 0, result.err
    assert "no broken links, missing anchors or orphan pages" in result.out


def test_check_without_build_reads_output(make_site: MakeSite) -> None:
    root = make_site({"content/articles/a.md": "---\ntitle: A\ndate: 2025-01-02\ncategory: Anxiety\n---\nHi\n"})
    missing = run_sitegen("check", "--no-build", cwd=root)
    assert missing.code == 1 and "run 'sitegen build' first" in missing.err
    assert run_sitegen("build", cwd=root).code == 0
    (root / "output/articles/a/index.html").write_text('<a href="/gone/">x</a><a href="/">home</a>')
    result = run_sitegen("check", "--no-build", cwd=root)
    assert result.code == 1
    assert "output/articles/a/index.html:1: broken link: /gone/" in result.err

"""The README tells the truth about the numbers it shows and the Markdown a writer gets."""

from __future__ import annotations

import re

from conftest import REPO, MakeSite, run_sitegen

README = (REPO / "README.md").read_text(encoding="utf-8")


def test_the_benchmark_block_is_the_latest_results_and_names_their_commit() -> None:
    latest = (REPO / "bench/results/latest.md").read_text(encoding="utf-8")
    body = latest.split("\n", 2)[2].split("\nThe whole run took")[0].rstrip("\n")
    commit = re.search(r"sitegen \S+ at commit (\w+)", body)
    assert commit is not None, "latest.md says which commit it measured"
    block = README.split("<!-- bench:start -->\n", 1)[1].split("<!-- bench:end -->", 1)[0].rstrip("\n")
    lead, _, shown = block.partition("\n\n")
    assert f"at commit {commit.group(1)}" in lead, "the block's first line names the commit measured"
    assert shown == body, "the README shows bench/results/latest.md as it is"


def test_typographic_quotes_are_described_as_sitegens_own_pass(make_site: MakeSite) -> None:
    """The README lists no "smart punctuation" among the engine's extensions; sitegen's pass does what it says."""
    listed = README.split("with GitHub's tables,", 1)[1].split("A bare web address", 1)[0]
    assert "footnotes" in listed and "smart" not in listed
    root = make_site(
        {
            "content/articles/a.md": "---\ntitle: A\ndate: 2025-01-01\ncategory: Anxiety\n---\n"
            "\"Quoted\" -- don't... `keep \"this\"`\n"
        }
    )
    assert run_sitegen("build", cwd=root).code == 0
    page = (root / "output/articles/a/index.html").read_text(encoding="utf-8")
    assert "“Quoted” – don’t…" in page
    assert '<code>keep "this"</code>' in page or "<code>keep &quot;this&quot;</code>" in page


def test_starting_your_own_site_comes_right_after_the_two_commands() -> None:
    """A practice owner reads the top first: make build and make test, what they need, then how to start."""
    commands, rest = README.split("make test", 1)
    assert "```sh\nmake build" in commands
    after_block = rest.split("```\n", 1)[1]
    first_heading = re.search(r"^## .*$", after_block, re.M)
    assert first_heading is not None and first_heading.group(0) == "## Start your own practice site"
    between = after_block[: first_heading.start()].strip()
    assert between.startswith("Both need") and between.count("\n\n") == 0, "only the requirements note comes between"


def test_the_flags_the_start_section_names_are_inits_own() -> None:
    section = README.split("## Start your own practice site", 1)[1].split("\n## ", 1)[0]
    flags = set(re.findall(r"--[a-z][a-z-]+", section))
    assert {"--name", "--country", "--booking-url", "--non-interactive", "--crisis-text"} <= flags
    helped = run_sitegen("init", "--help", cwd=REPO)
    for flag in flags - {"--root"}:
        assert flag in helped.out, flag

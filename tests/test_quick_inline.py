"""The quick inline pass gives exactly Python-Markdown's own output, on tricky text and on all sample content."""

from __future__ import annotations

from pathlib import Path

import markdown
import pytest

from sitegen.reading.quick_inline import speed_up_inline
from sitegen.reading.typography import TypographyExtension

REPO = Path(__file__).resolve().parent.parent
EXTENSIONS = ["tables", "footnotes", "toc", "attr_list", "fenced_code", "sane_lists"]

TRICKY = [
    "Plain words with nothing special at all.",
    "Code `a * b` and ``double `tick` code`` and an escaped \\`tick\\`.",
    "Escapes: \\*not em\\*, \\_not em\\_, \\[not a link\\], \\\\ backslash, 1\\. not a list.",
    "A [link](https://example.org/a_b*c*) and [another][ref] and [short] and [ref].\n\n[ref]: /x\n[short]: /y",
    'An image ![alt *text*](/i.png "Title") and a reference image ![pic][img].\n\n[img]: /p.png',
    "Footnote here[^1] and there[^note].\n\n[^1]: One *emph*.\n[^note]: Two with `code`.",
    "Autolinks <https://example.org/?a=1&b=2> and <someone@example.org>, and a < b > c.",
    "Line one with two spaces  \nline two.",
    'Raw <span class="x">html *inside*</span>, <!-- a comment -->, &amp; &copy; &#169; &#xA9; & lone.',
    "*em* **strong** ***both*** _em_ __strong__ ___both___ snake_case_word 2*3*4 * spaced * _ spaced _",
    "Nested **bold with *em* inside** and *em with **bold** inside* and **[link](/l) in bold**.",
    "Quotes \"double\" and 'single', it's -- dashes --- and ellipsis...",
    "| a | b |\n|---|---|\n| `x` | *y* |",
    "# Heading with *em* {#custom-id}\n\nText.",
    "- item *one*\n- item [two](/2)\n    - nested `three`",
    "```\ncode *not em* [not link]\n```",
    "Mixed ***[strong em link](/x)*** and `code with <html> & entity` and \\<not html>.",
    # One feature per paragraph, so no other pattern's character is present:
    "only _em_ here",
    "only __strong__ here",
    "only *em* here",
    "only `code` here",
    "only \\*escaped\\* here",
    "only [a short reference] here\n\n[a short reference]: /r",
    "only ![an image reference] here\n\n[an image reference]: /i.png",
    "only a footnote[^n] here\n\n[^n]: The note.",
    "only [a full][reference] here\n\n[reference]: /r",
    "only ![a full][picture] here\n\n[picture]: /p.png",
    "only &copy; here",
    "only <b>html</b> here",
    "only <https://example.org> here",
    "only <someone@example.org> here",
    "only a break  \nhere",
]


def converters() -> tuple[markdown.Markdown, markdown.Markdown]:
    plain, quick = (
        markdown.Markdown(
            extensions=[*EXTENSIONS, TypographyExtension()],
            extension_configs={"toc": {"permalink": False}},
            output_format="html",
        )
        for _ in range(2)
    )
    assert speed_up_inline(quick), "this Python-Markdown lacks what the quick pass relies on"
    return plain, quick


def sample_texts() -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted((REPO / "content").rglob("*.md"))]


@pytest.mark.parametrize("text", TRICKY + sample_texts())
def test_the_quick_pass_converts_exactly_as_python_markdown_does(text: str) -> None:
    plain, quick = converters()
    assert quick.convert(text) == plain.convert(text)


def test_the_quick_pass_really_skips_patterns() -> None:
    plain, quick = converters()
    calls = {"plain": 0, "quick": 0}
    for name, md in (("plain", plain), ("quick", quick)):
        inline = md.treeprocessors["inline"]
        apply = inline._InlineProcessor__applyPattern  # type: ignore[attr-defined]

        def counted(*args: object, _apply: object = apply, _name: str = name) -> object:
            calls[_name] += 1
            return _apply(*args)  # type: ignore[operator]

        inline._InlineProcessor__applyPattern = counted  # type: ignore[attr-defined]
        md.convert("Plain words, then one *emphasised* word.")
    assert 0 < calls["quick"] < calls["plain"] / 3

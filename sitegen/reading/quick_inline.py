"""A faster pass over inline Markdown that gives exactly Python-Markdown's output.

Python-Markdown tries every inline pattern (code, escapes, links, images, references,
footnotes, autolinks, line breaks, raw HTML, entities, emphasis) on every piece of
text, one regular-expression search per pattern: on ~900-word articles that was the
largest single cost of a build. Each of these patterns can only match text holding a
particular character (a link needs `[`, an entity `&`), so a pattern is skipped when
its character is absent; the pass then does exactly what Python-Markdown would, as a
skipped pattern could not have matched. Patterns not listed here are always tried.

This relies on a private method of Python-Markdown's InlineProcessor; when a version
lacks it, the converter is left as it is (correct, only slower).
"""

from __future__ import annotations

from typing import Any

import markdown
from markdown import treeprocessors, util

NEEDS: dict[str, str] = {
    "backtick": "`",
    "escape": "\\",
    "footnote": "[",
    "reference": "[",
    "link": "[",
    "image_link": "[",
    "image_reference": "[",
    "short_reference": "[",
    "short_image_ref": "[",
    "autolink": "<",
    "automail": "<",
    "linebreak": "\n",
    "html": "<",
    "entity": "&",
    "em_strong": "*_",
    "em_strong2": "_",
    "not_strong": "*_",
}
"""Inline pattern name -> characters of which its matches contain at least one."""


class QuickInlineProcessor(treeprocessors.InlineProcessor):
    _needs: list[str | None] | None = None

    def _InlineProcessor__handleInline(self, data: str, patternIndex: int = 0) -> str:
        """Python-Markdown's loop, skipping patterns that cannot match `data`."""
        if isinstance(data, util.AtomicString):
            return data
        patterns = self.inlinePatterns
        needs = self._needs
        if needs is None or len(needs) != len(patterns):
            needs = self._needs = _needs_by_index(patterns)
        apply = self._InlineProcessor__applyPattern  # type: ignore[attr-defined]
        start = 0
        count = len(patterns)
        while patternIndex < count:
            wanted = needs[patternIndex]
            if wanted is not None and not any(char in data for char in wanted):
                patternIndex += 1
                start = 0  # what a pattern that does not match hands on
                continue
            data, matched, start = apply(patterns[patternIndex], data, patternIndex, start)
            if not matched:
                patternIndex += 1
        return data


def _needs_by_index(patterns: util.Registry[Any]) -> list[str | None]:
    needs: list[str | None] = [None] * len(patterns)
    for name, chars in NEEDS.items():
        if name in patterns:
            needs[patterns.get_index_for_name(name)] = chars
    return needs


def speed_up_inline(md: markdown.Markdown) -> bool:
    """Use the quick pass in `md`, if this version of Python-Markdown has what it relies on."""
    inline = md.treeprocessors["inline"] if "inline" in md.treeprocessors else None  # noqa: SIM401
    usable = (
        type(inline) is treeprocessors.InlineProcessor
        and hasattr(treeprocessors.InlineProcessor, "_InlineProcessor__handleInline")
        and hasattr(treeprocessors.InlineProcessor, "_InlineProcessor__applyPattern")
    )
    if usable:
        inline.__class__ = QuickInlineProcessor
    return usable

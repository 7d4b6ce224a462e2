"""Every URL a piece of CSS makes the browser fetch: `url()`, `@import` and `image-set()`.

The CSS is read by tinycss2, a tokenizer that follows CSS Syntax Level 3, so comments
(`@import/**/"…"`) and escapes (`u\\72l(…)`, `\\2f\\2f host`) hide nothing: each URL comes
out as the browser would read it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

import msgspec

if TYPE_CHECKING:
    from tinycss2.ast import Node

_URL_FUNCTIONS = frozenset({"url", "src"})
_IMAGE_LISTS = frozenset({"image-set", "-webkit-image-set", "image", "cross-fade", "-webkit-cross-fade"})


class CssUrl(msgspec.Struct, frozen=True):
    url: str
    what: str
    line: int
    """The line within the CSS text, counting from 1."""


_NAMING = ("url(", "src(", "image(", "image-set(", "cross-fade(", "@import")
"""What CSS must spell out to name a URL, unless it uses an escape: a `url(` token, a function
that takes one (each of _IMAGE_LISTS ends in one of these) or an `@import`, in any ASCII case."""


def urls_in_css(css: str) -> list[CssUrl]:
    if not could_name_urls(css):
        return []
    import tinycss2  # only for CSS that may name a URL: most stylesheets, and most pages, name none

    return list(_urls_in(tinycss2.parse_component_value_list(css, skip_comments=True), in_function=""))


def could_name_urls(css: str) -> bool:
    """Whether `css` may name a URL at all. Without a backslash nothing is escaped, so every way
    to name one shows in its text (a comment cannot split a name from its parenthesis); this
    spares a site's stylesheet, which names none, a tokenizer's pass on every build."""
    if "\\" in css:
        return True
    lowered = css.lower()
    return any(spelt in lowered for spelt in _NAMING)


def _urls_in(tokens: Iterable[Node], in_function: str) -> Iterator[CssUrl]:
    after_import = False
    for token in tokens:
        if token.type in ("whitespace", "comment"):
            continue
        if token.type == "url":
            yield CssUrl(token.value, "CSS url()", token.source_line)
        elif token.type == "string" and (after_import or in_function):
            what = "CSS @import" if after_import else f"CSS {in_function}()"
            yield CssUrl(token.value, what, token.source_line)
        elif token.type == "function":
            name = token.lower_name
            yield from _urls_in(token.arguments, name if name in _URL_FUNCTIONS | _IMAGE_LISTS else "")
        elif token.type.endswith("block"):
            yield from _urls_in(token.content, "")
        after_import = token.type == "at-keyword" and token.lower_value == "import"

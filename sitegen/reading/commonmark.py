"""CommonMark with GitHub's tables, footnotes and strikethrough, through cmark-gfm's C library.

cmarkgfm's own one-call conversion never frees what the C library allocates (the parsed tree and
the HTML text: about six times the size of the Markdown, every call), which a thousand-article
build or a preview left running for a day cannot afford. So the conversion is made here from
cmarkgfm's direct wrappers, and both are handed back to the library when the HTML is read.
The HTML is read leniently: cmark writes the entity `&#xFFFE;` as a byte that is not UTF-8.
"""

from __future__ import annotations

import ctypes
import re
from collections.abc import Callable
from typing import Any

from cmarkgfm import cmark
from cmarkgfm.cmark import Options

OPTIONS = (
    Options.CMARK_OPT_UNSAFE  # raw HTML reaches nh3, which keeps what is safe
    | Options.CMARK_OPT_FOOTNOTES
    | Options.CMARK_OPT_TABLE_PREFER_STYLE_ATTRIBUTES  # an aligned cell's style becomes a class later
    | Options.CMARK_OPT_STRIKETHROUGH_DOUBLE_TILDE  # "~30 to ~40 minutes" is not struck through
    | Options.CMARK_OPT_VALIDATE_UTF8
)
EXTENSIONS = ("table", "strikethrough")
BACK_LINK_MARK = 'class="footnote-backref"'
_BACK_LINK = re.compile(r'(class="footnote-backref" )aria-label="Back to reference ([0-9]+(?:-[0-9]+)?)"')

_c: Any = cmark._cmark  # cffi's handle on the library: its functions, and its pointers' addresses
_library = ctypes.CDLL(_c.__file__)  # the same library, already loaded: for the two functions cffi lacks
_library.cmark_node_free.argtypes = [ctypes.c_void_p]
_library.cmark_node_free.restype = None
_library.free.argtypes = [ctypes.c_void_p]  # the C library's own `free`, as cmark allocates with its malloc
_library.free.restype = None


def commonmark_to_html(text: str) -> str:
    """`text` as HTML: raw HTML kept as written (for the sanitiser), each heading without attributes."""
    cmark.core_extensions_ensure_registered()
    parser = cmark.parser_new(OPTIONS)
    try:
        for name in EXTENSIONS:
            cmark.parser_attach_syntax_extension(parser, cmark.find_syntax_extension(name))
        cmark.parser_feed(parser, text)
        root = cmark.parser_finish(parser)
        try:
            html = _c.lib.cmark_render_html(root, OPTIONS, cmark.parser_get_syntax_extensions(parser))
            try:
                return str(_c.ffi.string(html).decode("utf-8", errors="replace"))
            finally:
                _library.free(_address(html))
        finally:
            _library.cmark_node_free(_address(root))
    finally:
        cmark.parser_free(parser)


def _address(pointer: object) -> int:
    return int(_c.ffi.cast("uintptr_t", pointer))


def name_back_links(html: str, label: Callable[[str], str]) -> str:
    """`html` with each footnote's way back named by `label` (given the reference's number, it
    returns escaped text in the site's language): cmark names them in English."""
    if BACK_LINK_MARK not in html:
        return html
    return _BACK_LINK.sub(lambda found: f'{found.group(1)}aria-label="{label(found.group(2))}"', html)

"""A quick pass that clears most pages before the full read: every host they name is allowed.

Parsing every page costs more than the rest of the guard, and most pages load nothing from
elsewhere. A URL can reach another host only by spelling out an authority, so a page is
clear when, with character references decoded and tabs and newlines dropped, it holds:
- no `\\` (`/\\host`, or a CSS escape that might spell anything),
- no special scheme without `//` after it (`https:host`, which is a host under http),
- no `<base` (which moves every relative URL), and no frame, object or embed (whose `srcdoc`
  or `data:` URL may hold a page, its URLs encoded),
- and no `//host` (or `///host`, any number of slashes) whose host, taken with the scheme
  written before it or under either of the site's schemes, is off the site and not allowed.
Anything else goes to the full read; being wrong here in the cautious direction costs time only.

Structured data (`<script type="application/ld+json">`, which no browser loads anything from) is
left out first: its JSON writes `&` as `\\u0026`, and that backslash alone would send every page
of a category such as "Mood & Depression" to the full read. The block is left out only when it
holds no `<` at all, so it cannot hide a tag.
"""

from __future__ import annotations

import html
import re

from sitegen.rendering.privacy_urls import SiteOrigins

# Only these references can spell a URL's syntax; pages mostly hold just escaped quotes,
# brackets and ampersands, and decoding every reference of a page is slow.
_TELLING_REFERENCE = re.compile(r"&(?!(?:amp|lt|gt|quot|nbsp|#34|#39|#x22|#x27);)", re.IGNORECASE)
# Each pattern starts with a plain character, which the regular expression engine finds fast.
# A look ahead at the letter after `<` first: most of a page's `<` are then passed over at once.
_MOVING_TAG = re.compile(
    r"<(?=[bBiIfFoOeE])(?:[bB][aA][sS][eE]|[iI]?[fF][rR][aA][mM][eE]|[oO][bB][jJ][eE][cC][tT]|[eE][mM][bB][eE][dD])"
)
# Every special scheme ends in p or s before its colon, so only those colons need a closer look.
_COLON_WITHOUT_SLASHES = re.compile(r":(?!//)(?<=[pPsS]:)")
_AUTHORITY = re.compile(r"""//+([^/?#\s"'<>),]*)(?=(.?))""", re.DOTALL)
_SPECIAL_SCHEMES = ("http:", "https:", "ws:", "wss:", "ftp:")
_JSON_LD_CONTEXT = '"@context":"https://schema.org"'
_STRUCTURED_DATA = re.compile(r'<script type="application/ld\+json">[^<]*</script>')


def names_only_allowed_origins(text: str, origins: SiteOrigins) -> bool:
    if "application/ld+json" in text:
        text = _STRUCTURED_DATA.sub("", text)
    if _TELLING_REFERENCE.search(text):
        text = html.unescape(text)
    for space in "\t\n\r":
        if space in text:  # a look costs less than a copy
            text = text.replace(space, "")
    if "\\" in text or _MOVING_TAG.search(text) or any(map(_ends_with_scheme, _COLON_WITHOUT_SLASHES.finditer(text))):
        return False
    for match in _AUTHORITY.finditer(text):
        host, after = match.groups()
        if not host:
            if after.isspace() or not after:
                continue  # `// ` or a lone `//` at the end: no host, so nothing loads
            return False
        before = text[max(0, match.start() - 6) : match.start()].lower()
        scheme = next((s for s in _SPECIAL_SCHEMES if before.endswith(s)), "")
        if host == "schema.org" and text.startswith(_JSON_LD_CONTEXT, match.start() - len('"@context":"https:')):
            continue  # JSON-LD names its vocabulary; the browser fetches nothing
        if after not in ("", "/", "?", "#"):
            return False  # a quote, say, after which a browser may read on to a host after an `@`
        if origins.elsewhere(f"{scheme}//{host}/"):
            return False
    return True


def _ends_with_scheme(colon: re.Match[str]) -> bool:
    """Whether a special scheme ends at this colon: `https:host` is the host under http."""
    at = colon.end()
    return colon.string[max(0, at - 6) : at].lower().endswith(_SPECIAL_SCHEMES)

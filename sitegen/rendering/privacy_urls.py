"""Where a URL takes the browser, read as a browser reads it (the WHATWG URL Standard).

Python's urllib splits URLs by RFC 3986, so it sees a path in `///evil.example/x`,
`/\\evil.example/x` and `https:evil.example`, where a browser sees the host evil.example.
ada-url implements the WHATWG parser itself, quirks and all. A page of the site may be
served over https or http, and some spellings change meaning between the two (`https:x`
is a relative path under an https page but the host x under an http one), so each URL is
resolved under both, and it is a remote load if either takes it off the site. Under http, a
scheme-relative URL to an allowed https origin goes to the same party over http, so it stays
allowed; an explicit `http://` to it does not, as it is flagged under https.
"""

from __future__ import annotations

from ada_url import URL

_OPAQUE = "null"


def origin_of(url: str) -> str | None:
    """`scheme://host[:port]` of an absolute URL, lower-cased, default port dropped; None for
    a URL without one (relative, `data:`, `mailto:`, unparseable)."""
    try:
        origin = str(URL(url).origin)
    except ValueError:
        return None
    return None if origin == _OPAQUE else origin


class SiteOrigins:
    """The site's own origins and the allowed ones, and which URLs load from elsewhere."""

    def __init__(self, site_origin: str, allowed: tuple[str, ...]) -> None:
        canonical = origin_of(site_origin) or site_origin.lower().rstrip("/")
        chosen = frozenset({canonical, *(origin_of(a) or a.lower().rstrip("/") for a in allowed)})
        plain = frozenset("http://" + o.removeprefix("https://") for o in chosen if o.startswith("https://"))
        host = canonical.split("://", 1)[-1]
        self.bases = {f"https://{host}/": chosen, f"http://{host}/": chosen | plain}
        self._seen: dict[tuple[str, str | None], str | None] = {}

    def elsewhere(self, url: str, base: str | None = None) -> str | None:
        """Where `url` loads from, resolved, if that is off the site and not allowed under either
        scheme, given the page's `<base href>`; None if it stays on the site (or loads nothing)."""
        key = (url, base)
        if key not in self._seen:
            self._seen[key] = next(
                filter(None, (self._elsewhere_from(url, base, page, ok) for page, ok in self.bases.items())), None
            )
        return self._seen[key]

    def _elsewhere_from(self, url: str, base: str | None, page: str, allowed: frozenset[str]) -> str | None:
        effective = _resolved(base, page) if base else None
        if effective is None or origin_of(effective) is None:
            effective = page  # a <base href> that does not parse, or gives no origin, is ignored
        target = _resolved(url, effective)
        origin = origin_of(target) if target else None
        if origin is None or origin == page.rstrip("/") or origin in allowed:
            return None
        return target


def _resolved(url: str, base: str) -> str | None:
    try:
        return str(URL(url, base).href)
    except ValueError:
        return None

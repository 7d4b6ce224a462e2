"""The security headers a site asks its host to send, made from site.yaml and nowhere else.

The published `_headers` file, the `<meta http-equiv="Content-Security-Policy">` in every page
(for hosts that cannot send headers) and the preview all take their values from here, so a
policy that blocks something in the preview blocks it on the host too.

The policy allows what the theme needs and nothing more: files from the site itself, the
search index's WebAssembly ('wasm-unsafe-eval', which runs compiled code but never a string
as script), and the origins site.yaml lists in `allowed_origins` wherever the privacy guard
lets a page load from or send to them (any file, scripts, form submissions). No inline
script, event handler or style attribute runs.
"""

from __future__ import annotations

import re
from typing import Protocol
from urllib.parse import urlsplit

REFERRER_POLICIES = (
    "no-referrer",
    "no-referrer-when-downgrade",
    "origin",
    "origin-when-cross-origin",
    "same-origin",
    "strict-origin",
    "strict-origin-when-cross-origin",
    "unsafe-url",
)
DEFAULT_REFERRER_POLICY = "no-referrer"

NOT_IN_META = frozenset({"frame-ancestors", "report-uri", "sandbox"})
"""Directives a `<meta>` policy cannot carry: browsers ignore them there (and say so)."""

PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "autoplay",
        "browsing-topics",
        "camera",
        "display-capture",
        "encrypted-media",
        "fullscreen",
        "geolocation",
        "gyroscope",
        "hid",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "picture-in-picture",
        "publickey-credentials-get",
        "screen-wake-lock",
        "serial",
        "usb",
        "xr-spatial-tracking",
    )
)
"""Every powerful feature switched off: a page of articles and journeys needs none of them."""

HSTS = "max-age=31536000"
"""A year of https only, for this host alone: `includeSubDomains` could lock out another
service of the practice's domain that has no certificate, which sitegen cannot know."""

_ORIGIN = re.compile(r"(https?)://([a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*)(:\d{1,5})?/?")


class SecuredSite(Protocol):
    """What the headers depend on (SiteConfig is one)."""

    @property
    def base_url(self) -> str: ...

    @property
    def allowed_origins(self) -> tuple[str, ...]: ...

    @property
    def referrer_policy(self) -> str: ...


def origin_problem(origin: str) -> str | None:
    """Why an `allowed_origins` entry cannot stand in a policy, or None when it can."""
    if _ORIGIN.fullmatch(origin.lower()) is None:
        return f"'{origin}' is not an origin (a scheme and a host, with no path)"
    return None


def source_of(origin: str) -> str:
    """An allowed origin as a policy names it: lower case, no trailing '/'."""
    return origin.lower().rstrip("/")


def content_security_policy(site: SecuredSite, meta: bool = False, connect_also: tuple[str, ...] = ()) -> str:
    """The policy as a header value; `meta=True` leaves out what a `<meta>` cannot carry;
    `connect_also` adds sources to connect to (the preview's live-reload socket)."""
    allowed = "".join(f" {source_of(origin)}" for origin in site.allowed_origins)
    directives = [
        ("default-src", f"'self'{allowed}"),
        ("script-src", f"'self' 'wasm-unsafe-eval'{allowed}"),
    ]
    if connect_also:
        directives.append(("connect-src", f"'self'{allowed} {' '.join(connect_also)}"))
    directives += [
        ("object-src", "'none'"),
        ("base-uri", "'self'"),
        ("form-action", f"'self'{allowed}"),
        ("frame-ancestors", "'none'"),
    ]
    return "; ".join(f"{name} {sources}" for name, sources in directives if not (meta and name in NOT_IN_META))


def security_headers(site: SecuredSite, connect_also: tuple[str, ...] = ()) -> tuple[tuple[str, str], ...]:
    """Every header a page and file of the site should be sent with, in a fixed order.
    Strict-Transport-Security only when the site is published over https."""
    headers = [
        ("Content-Security-Policy", content_security_policy(site, connect_also=connect_also)),
        ("X-Content-Type-Options", "nosniff"),
        ("Referrer-Policy", site.referrer_policy),
        ("Permissions-Policy", PERMISSIONS_POLICY),
    ]
    if urlsplit(site.base_url).scheme == "https":
        headers.append(("Strict-Transport-Security", HSTS))
    return tuple(headers)

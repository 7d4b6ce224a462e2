"""What the preview may serve, and to whom: the safety rules of `sitegen serve`, as pure functions.

A request is answered from the preview folder or not at all. Paths that try to climb
out (`..`, `%2e%2e`, `%2f`, `\\`, NUL), dotfiles and anything not built are refused;
so is a request whose Host header is not the served address, which stops a web page
elsewhere from reaching the preview through DNS rebinding.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, unquote

LOOPBACK_NAMES = frozenset({"localhost", "127.0.0.1", "::1"})
WILDCARD_HOSTS = frozenset({"0.0.0.0", "::", ""})


@dataclass(frozen=True)
class Found:
    file: Path


@dataclass(frozen=True)
class Redirect:
    location: str


@dataclass(frozen=True)
class Refused:
    status: int  # 400 for a malformed path, 404 for anything that is not part of the site


Resolution = Found | Redirect | Refused


def resolve_request(folder: Path, base_path: str, raw_path: str) -> Resolution:
    """Map a raw request path (still percent-encoded) to a file of the built site, or refuse it."""
    if not raw_path.startswith("/") or _unsafe(raw_path) or any(e in raw_path.lower() for e in ("%2f", "%5c", "%00")):
        return Refused(400)
    try:
        path = unquote(raw_path, errors="strict")
    except UnicodeDecodeError:
        return Refused(400)
    if _unsafe(path):
        return Refused(400)
    base = unquote(base_path)  # a base_url may be written percent-encoded, or not
    if not path.startswith(base):
        return Redirect(quote(base)) if path in ("/", base.rstrip("/")) else Refused(404)
    parts = path[len(base) :].split("/")
    wants_folder = parts[-1] == ""
    if wants_folder:
        parts.pop()
    if any(part == "" or part.startswith(".") for part in parts):  # '//', '.', '..', dotfiles
        return Refused(404)
    site = folder.resolve()
    target = site.joinpath(*parts)
    try:
        real = target.resolve(strict=True)
    except (OSError, RuntimeError):
        return Refused(404)
    if not real.is_relative_to(site):  # a symlink pointing out of the site
        return Refused(404)
    if real.is_dir():
        if not wants_folder:
            return Redirect(raw_path + "/")
        real = real / "index.html"
    elif wants_folder:
        return Refused(404)
    return Found(real) if real.is_file() else Refused(404)


def _unsafe(path: str) -> bool:
    return "\\" in path or any(ord(c) < 0x20 or ord(c) == 0x7F for c in path)


def host_allowed(header: str | None, bind_host: str, port: int) -> bool:
    """Whether a Host header names the served address (DNS-rebinding protection)."""
    parsed = split_host(header or "")
    if parsed is None:
        return False
    name, header_port = parsed
    if (header_port if header_port is not None else 80) != port:
        return False
    name = name.lower()
    ip = _ip(name)
    if name in LOOPBACK_NAMES or (ip is not None and ip.is_loopback):
        return True
    if name == bind_host.lower().strip("[]"):
        return True
    return bind_host in WILDCARD_HOSTS and ip is not None


def split_host(header: str) -> tuple[str, int | None] | None:
    if header.startswith("["):
        end = header.find("]")
        if end < 0:
            return None
        name, rest = header[1:end], header[end + 1 :]
        if rest and not (rest.startswith(":") and rest[1:].isdigit()):
            return None
        return name, int(rest[1:]) if rest else None
    name, colon, port = header.partition(":")
    if not name or (colon and not port.isdigit()):
        return None
    return name, int(port) if colon else None


def _ip(name: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(name)
    except ValueError:
        return None


def is_loopback(host: str) -> bool:
    ip = _ip(host.strip("[]"))
    return host.lower() == "localhost" or (ip is not None and ip.is_loopback)

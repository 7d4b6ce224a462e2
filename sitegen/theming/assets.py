"""The theme's static files, each published under a name made from its bytes, so hosts and
browsers may keep it for a year: a changed file is a new name, never a stale copy.

Every file is also published under the name it has in `static/`, for links from elsewhere
and for templates written before; the pages themselves load only the digest-named copy.
A stylesheet's `url()` and `@import` of another static file are rewritten to that file's
digest-named copy first, so the stylesheet's own name covers what it loads.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from urllib.parse import quote, unquote

import msgspec

from sitegen.core import urls as u
from sitegen.theming.lookup import static_dirs

_URL = re.compile(r"""(url\(\s*)(["']?)([^"')\s]+)\2""", re.IGNORECASE)
_IMPORT = re.compile(r"""(@import\s+)(["'])([^"']+)\2""", re.IGNORECASE)
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


class StaticFile(msgspec.Struct, frozen=True):
    name: str
    """Its name under static/ ('site.css', 'fonts/calm.woff2')."""
    source: Path
    hashed: str
    """The name its bytes give it ('site.1a2b3c4d5e.css'): the one pages load."""
    rewritten: bytes | None = None
    """A stylesheet's bytes with its references to other static files rewritten; None: the source's bytes."""

    @property
    def published(self) -> tuple[str, ...]:
        """Every name it is published under, within static/."""
        return (self.name,) if self.hashed == self.name else (self.name, self.hashed)


@dataclass(frozen=True)
class StaticAssets:
    files: tuple[StaticFile, ...]

    def hashed(self, name: str) -> str:
        """The digest-named copy of a static file (the name itself for a file the site lacks)."""
        return next((f.hashed for f in self.files if f.name == name), name)


def collect_static(root: Path, theme: str, site: u.Urls) -> StaticAssets:
    """Static files by name; a file in an earlier folder overrides one of the same name later.
    `site` says where the site is published, to recognise a stylesheet's links to static files."""
    chosen: dict[str, Path] = {}
    for folder in static_dirs(root, theme):
        for path in sorted(folder.rglob("*")):
            name = path.relative_to(folder).as_posix()
            if path.is_file() and not any(part.startswith(".") for part in name.split("/")):
                chosen.setdefault(name, path)
    made: dict[str, StaticFile] = {}
    for name in sorted(chosen):
        _static_file(name, chosen, made, site, frozenset())
    return StaticAssets(tuple(made[name] for name in sorted(made)))


def _static_file(
    name: str, chosen: dict[str, Path], made: dict[str, StaticFile], site: u.Urls, visiting: frozenset[str]
) -> StaticFile:
    """The file `name`, digest-named; a stylesheet after the files it refers to (a loop of
    stylesheets importing each other is left as written where it closes)."""
    if name in made:
        return made[name]
    source = chosen[name]
    if not name.endswith(".css"):
        stat = source.stat()
        made[name] = StaticFile(name, source, _digest_named(name, source, stat.st_mtime_ns, stat.st_size))
        return made[name]
    data = source.read_bytes()
    inside = visiting | {name}

    def hashed_target(target: str) -> str | None:
        if target not in chosen or target in inside:
            return None
        return _static_file(target, chosen, made, site, inside).hashed

    css = _rewrite_references(data.decode("utf-8", "surrogateescape"), name, site, hashed_target)
    changed = css.encode("utf-8", "surrogateescape")
    rewritten = changed if changed != data else None
    made[name] = StaticFile(name, source, u.content_addressed(name, u.content_digest(changed)), rewritten)
    return made[name]


@lru_cache(maxsize=4096)
def _digest_named(name: str, source: Path, mtime_ns: int, size: int) -> str:
    """A file's digest name, worked out once while it is unchanged (the preview plans every save)."""
    return u.content_addressed(name, u.content_digest(source.read_bytes()))


def _rewrite_references(css: str, name: str, site: u.Urls, hashed_target: Callable[[str], str | None]) -> str:
    """The stylesheet with each reference to another static file pointing at its digest-named copy.
    A relative reference stays relative; one written from the site's root or with its origin
    keeps that form."""
    folder = posixpath.dirname(name)
    prefixes = (site.href(u.static("")), site.absolute(u.static("")))

    def replace(match: re.Match[str]) -> str:
        head, quote_mark, reference = match.groups()
        address, mark, rest = _split_reference(reference)
        prefix = next((p for p in prefixes if address.startswith(p)), "")
        if not prefix and (_SCHEME.match(address) or address.startswith("/") or not address):
            return match.group(0)
        decoded = unquote(address[len(prefix) :])
        target = decoded if prefix else posixpath.normpath(posixpath.join(folder, decoded))
        hashed = hashed_target(target) if not target.startswith("../") else None
        if hashed is None:
            return match.group(0)
        new = prefix + u.encode_path(hashed) if prefix else quote(posixpath.relpath(hashed, folder or "."), safe="/")
        return f"{head}{quote_mark}{new}{mark}{rest}{quote_mark}"

    return _IMPORT.sub(replace, _URL.sub(replace, css))


def _split_reference(reference: str) -> tuple[str, str, str]:
    """A reference's address, and what follows it ('?…' or '#…', kept as written)."""
    cut = min((i for i in (reference.find("?"), reference.find("#")) if i >= 0), default=len(reference))
    return reference[:cut], reference[cut : cut + 1], reference[cut + 1 :]

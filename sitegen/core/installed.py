"""Which version of a library is installed, read the way `importlib.metadata` finds it.

Every build asks for the versions of the libraries that shape its output (code_version.py,
the feeds), and importing `importlib.metadata` costs more than all the answers (it brings
the `email` package, for headers a version line does not need). So the folders on `sys.path`
are listed here once, and the first `<name>-<version>.dist-info` (or `.egg-info`) that
matches the library's normalised name gives its `Version:` line, exactly where
`importlib.metadata` would look first. A path this reader cannot list (a zip file), a finder
besides Python's own, or metadata it cannot read, hands the question to `importlib.metadata`.

Only the standard library is imported: the no-op check uses this before the pipeline.
"""

from __future__ import annotations

import functools
import os
import re
import sys

_INFO_SUFFIXES = (".dist-info", ".egg-info")
_METADATA_FILES = ("METADATA", "PKG-INFO")


class NotInstalled(Exception):
    """No distribution of that name is installed."""


def installed_version(name: str) -> str:
    """The installed version of the distribution `name` (NotInstalled if none is)."""
    found = _quick_version(name)
    if found is not None:
        return found
    from importlib import metadata  # a case this reader does not cover: the standard answer

    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        raise NotInstalled(name) from None


def _quick_version(name: str) -> str | None:
    """The version as read from the first matching metadata folder, or None when the answer
    must come from importlib.metadata."""
    if not _only_path_finders():
        return None
    wanted = _normalised(name)
    for entry in sys.path:
        if entry.lower().endswith(".egg"):
            return None  # an egg keeps its metadata in its own way
        children = _children(entry, _mtime(entry))
        if children is None:
            return None  # not a folder this reader can list (a zip file): importlib.metadata reads it
        folder = children.get(wanted)
        if folder is not None:
            return _version_in(os.path.join(entry or ".", folder))
    return None  # not found here: importlib.metadata says so in its own words


def _only_path_finders() -> bool:
    """Whether only Python's own path finder could know of distributions (no other finder on
    `sys.meta_path` offers any)."""
    from importlib.machinery import PathFinder

    return all(finder is PathFinder or not hasattr(finder, "find_distributions") for finder in sys.meta_path)


def _mtime(entry: str) -> int | None:
    try:
        return os.stat(entry or ".").st_mtime_ns
    except OSError:
        return None


@functools.cache
def _children(entry: str, mtime: int | None) -> dict[str, str] | None:
    """The metadata folders directly in `entry` (a sys.path folder), by normalised name, the
    first listed of each name kept (as importlib.metadata takes the first); {} for a path that
    does not exist; None for one that is not a folder (it may be a zip file)."""
    if mtime is None:
        return {}
    try:
        names = os.listdir(entry or ".")
    except NotADirectoryError:
        return None
    except OSError:
        return {}
    found: dict[str, str] = {}
    for child in names:
        low = child.lower()
        if low.endswith(_INFO_SUFFIXES):
            found.setdefault(_normalised(low.rpartition(".")[0].partition("-")[0]), child)
    return found


def _normalised(name: str) -> str:
    """PEP 503's normal form, with dashes as underscores (importlib.metadata's `Prepared.normalize`)."""
    return re.sub(r"[-_.]+", "-", name).lower().replace("-", "_")


def _version_in(folder: str) -> str | None:
    """The `Version:` header of a metadata folder, or None if it has none this reader can read."""
    for file in _METADATA_FILES:
        try:
            with open(os.path.join(folder, file), encoding="utf-8") as handle:
                text = handle.read()
        except OSError:
            continue
        for line in text.splitlines():
            if not line.strip():
                return None  # the headers ended without one
            key, colon, value = line.partition(":")
            if colon and key.strip().lower() == "version":
                return value.strip()
        return None
    return None

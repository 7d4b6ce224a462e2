"""Which sitegen made a cached result: its version, its own code, and the libraries that shape
what it writes.

The parse cache and the page store are keyed by this, so installing another sitegen (or
editing its code, in a checkout) never serves a page parsed or rendered the old way, even
when the version number stayed the same. Only standard-library modules are imported here: the
no-op check uses it too, before the pipeline is imported.
"""

from __future__ import annotations

import hashlib
import os
import sys
from pathlib import Path

from sitegen import __version__
from sitegen.core.installed import NotInstalled, installed_version

SHAPING_LIBRARIES = (
    *("jinja2", "markupsafe", "cmarkgfm", "nh3", "pyyaml", "python-frontmatter", "beautifulsoup4"),
    *("babel", "feedgen", "pillow", "pagefind", "pagefind_bin"),
)
"""The libraries whose versions change what a build writes."""

_CODE = Path(__file__).parent.parent


_known: list[bytes] = []
"""The code version, once this process knows it."""


def code_version() -> bytes:
    """A digest of sitegen's version, its own modules, Python's version and the shaping
    libraries' versions: read once per process (about 200 small files, 10 ms)."""
    if not _known:
        _known.append(_read())
    return _known[0]


def code_version_found(digest: bytes) -> None:
    """Take the code version a process forked from this one read (the same files, the same
    libraries): the command line's look at a large site's inputs reads it beside the import."""
    if not _known and len(digest) == hashlib.sha256().digest_size:
        _known.append(digest)


def _read() -> bytes:
    digest = hashlib.sha256(f"{__version__}\0{sys.version}\0".encode())
    for library in SHAPING_LIBRARIES:
        try:
            digest.update(f"{library}={installed_version(library)}\0".encode())
        except NotInstalled:
            digest.update(f"{library}=-\0".encode())
    for relative in _modules():
        with open(os.path.join(_CODE, relative), "rb") as module:
            digest.update(relative.encode() + b"\0" + module.read())
    return digest.digest()


def _modules() -> list[str]:
    """sitegen's modules, by their paths within it (with '/'), in order: os.walk and strings, as a
    Path for each module cost more than reading them."""
    found = []
    for folder, _, files in os.walk(_CODE):
        within = os.path.relpath(folder, _CODE).replace(os.sep, "/")
        prefix = "" if within == "." else within + "/"
        found += [prefix + name for name in files if name.endswith(".py")]
    return sorted(found)

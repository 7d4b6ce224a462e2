"""The site search index, built by Pagefind over the staged site and served from it.

Pagefind (the PyPI package ships its binary) indexes pages marked `data-pagefind-body`:
articles, journey overviews and written days. The index lives in `/pagefind/` on the
site itself, so searching never contacts another origin.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from importlib import metadata
from pathlib import Path

from sitegen.errors import BuildFailed, ContentError

BUNDLE_DIR = "pagefind"


def index_site(site: Path, language: str, cache_dir: Path | None = None) -> None:
    """Index the staged site, reusing the cached index when the pages are byte-identical."""
    if cache_dir is None:
        _run_pagefind(site, language)
        return
    key = _pages_digest(site, language)
    cached, key_file = cache_dir / "pagefind", cache_dir / "pagefind.key"
    try:
        recorded = key_file.read_bytes().decode("ascii").split()
    except (OSError, UnicodeDecodeError):
        recorded = []
    if recorded and recorded[0] == key and cached.is_dir() and recorded[1:] == [_tree_digest(cached)]:
        shutil.copytree(cached, site / BUNDLE_DIR, copy_function=_link_or_copy)
        return
    _run_pagefind(site, language)
    key_file.unlink(missing_ok=True)
    shutil.rmtree(cached, ignore_errors=True)
    cache_dir.mkdir(parents=True, exist_ok=True)
    shutil.copytree(site / BUNDLE_DIR, cached)
    key_file.write_text(f"{key}\n{_tree_digest(cached)}\n", encoding="ascii")


def _tree_digest(folder: Path) -> str:
    """Proof that a cached bundle is intact before it is published."""
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        digest.update(path.relative_to(folder).as_posix().encode() + b"\0")
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _pages_digest(site: Path, language: str) -> str:
    digest = hashlib.sha256(f"{_pagefind_version()}\0{language}\0".encode())
    for path in sorted(site.rglob("*.html")):
        digest.update(path.relative_to(site).as_posix().encode() + b"\0")
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _pagefind_version() -> str:
    try:
        return metadata.version("pagefind")
    except metadata.PackageNotFoundError:
        return "?"


def _link_or_copy(source: str, target: str) -> None:
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def _run_pagefind(site: Path, language: str) -> None:
    """Index the site in place; a missing or failing Pagefind stops the build clearly."""
    command = [
        sys.executable,
        "-m",
        "pagefind",
        "--site",
        str(site),
        "--output-subdir",
        BUNDLE_DIR,
        "--silent",
        "--force-language",
        language.split("-")[0].lower(),
    ]
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=600, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise BuildFailed(
            [
                ContentError(
                    "pagefind",
                    0,
                    f"search indexing failed: {exc}",
                    "reinstall sitegen so its 'pagefind[bin]' dependency is present",
                )
            ]
        ) from None
    if result.returncode != 0:
        detail = (result.stderr or result.stdout).strip().splitlines()
        raise BuildFailed(
            [
                ContentError(
                    "pagefind",
                    0,
                    "search indexing failed: " + (detail[-1] if detail else "?"),
                    "reinstall sitegen so its 'pagefind[bin]' dependency is present",
                )
            ]
        )

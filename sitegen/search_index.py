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
from concurrent.futures import ThreadPoolExecutor
from importlib import metadata
from pathlib import Path

from sitegen.errors import BuildFailed, ContentError

BUNDLE_DIR = "pagefind"
DEFAULT_CHUNK = 500
"""Pages per Pagefind run. Pagefind holds a run's whole index in memory (about 0.2 GiB
per 1,000 articles) and uses one core, so a large site is indexed in parts, several at
once, and the search page merges them. The size is fixed, not tied to the number of
cores, so the output is the same on every machine."""


def chunk_size() -> int:
    """SITEGEN_SEARCH_CHUNK if set (fewer pages per run: less memory, more files), else 500."""
    configured = os.environ.get("SITEGEN_SEARCH_CHUNK", "").strip()
    return int(configured) if configured.isdigit() and int(configured) > 0 else DEFAULT_CHUNK


def part_count(pages: int) -> int:
    return max(1, -(-pages // chunk_size()))


def part_dir(index: int) -> str:
    """Where part `index` (from 0) of the index lives: the first is the main bundle."""
    return BUNDLE_DIR if index == 0 else f"{BUNDLE_DIR}/part-{index + 1}"


def index_site(
    site: Path,
    language: str,
    pages: list[str],
    cache_dir: Path | None = None,
    workers: int = 1,
    known: dict[str, bytes] | None = None,
) -> None:
    """Index the searchable `pages` of the staged site, reusing the cached index when they are unchanged.

    `known` gives the SHA-256 of files just written, by site path, so they need not be read again.
    """
    if cache_dir is None:
        _index_in_parts(site, language, pages, workers)
        return
    key = _pages_digest(site, language, known or {})
    cached, key_file = cache_dir / "pagefind", cache_dir / "pagefind.key"
    try:
        recorded = key_file.read_bytes().decode("ascii").split()
    except (OSError, UnicodeDecodeError):
        recorded = []
    if recorded and recorded[0] == key and cached.is_dir() and recorded[1:] == [_tree_digest(cached)]:
        shutil.copytree(cached, site / BUNDLE_DIR, copy_function=_link_or_copy)
        return
    _index_in_parts(site, language, pages, workers)
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


def _pages_digest(site: Path, language: str, known: dict[str, bytes]) -> str:
    """A digest of every HTML file of the site: what Pagefind reads."""
    digest = hashlib.sha256(f"{_pagefind_version()}\0{language}\0{chunk_size()}\0".encode())
    for path in sorted(site.rglob("*.html")):
        relative = path.relative_to(site).as_posix()
        content = known.get(relative) or hashlib.sha256(path.read_bytes()).digest()
        digest.update(relative.encode() + b"\0" + content)
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


def _index_in_parts(site: Path, language: str, pages: list[str], workers: int) -> None:
    size = chunk_size()
    if len(pages) <= size:
        _run_pagefind(site, language, BUNDLE_DIR, None)
        return
    globs = ["{" + ",".join(pages[i * size : (i + 1) * size]) + "}" for i in range(part_count(len(pages)))]
    with ThreadPoolExecutor(max(1, workers)) as pool:  # each thread waits on one Pagefind process
        running = [pool.submit(_run_pagefind, site, language, part_dir(i), glob) for i, glob in enumerate(globs)]
        for done in running:
            done.result()


def _run_pagefind(site: Path, language: str, bundle: str, glob: str | None) -> None:
    """Index the site (or the pages matching `glob`) into `bundle`; a failing Pagefind stops the build clearly."""
    command = [sys.executable, "-m", "pagefind", "--site", str(site), "--output-subdir", bundle, "--silent"]
    command += ["--force-language", language.split("-")[0].lower()]
    if glob is not None:
        command += ["--glob", glob]
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

"""The site search index, built by Pagefind over the staged site and served from it.

Pagefind (the PyPI package ships its binary) indexes pages marked `data-pagefind-body`:
articles, journey overviews and written days. The index lives on the site itself, so
searching never contacts another origin, in `/pagefind/<digest>/`: a folder named for the
index's bytes, so that hosts may keep every file in it for a year, as they keep the static
files. Pagefind's own names inside it (pagefind.js, pagefind-entry.json, wasm.en.pagefind)
never change, and the browser fetches them all (measured in tests/browser/test_cache_names.py).
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from sitegen.core.errors import BuildFailed, ContentError
from sitegen.core.sealed import read_sealed, write_sealed
from sitegen.core.urls import BUNDLE_BUILDING, BUNDLE_DIR, DIGEST_LENGTH, Urls, chunk_size, part_dir, search_bundle
from sitegen.core.workspace import discard, search_cache_lock
from sitegen.planning.context import SearchBundle

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class SearchIndex:
    """The index in the site's `/pagefind/<digest>/`: that digest (of its bytes), every part's key
    (what it was made from), and how many parts this run indexed anew."""

    digest: str
    keys: dict[int, str]
    indexed: int = 0

    @property
    def folder(self) -> str:
        return search_bundle(self.digest)

    def named(self, hrefs: Urls) -> SearchBundle:
        """What the search page names: Pagefind's script, and the folders of the other parts."""
        return SearchBundle.at(hrefs, self.digest, len(self.keys))


def index_site(
    site: Path,
    language: str,
    pages: list[str],
    cache_dir: Path | None = None,
    workers: int = 1,
    known: dict[str, bytes] | None = None,
    in_place: SearchIndex | None = None,
) -> SearchIndex:
    """Index the searchable `pages` of the site into a folder named for the index's bytes,
    reusing each cached part whose pages are unchanged.

    `known` gives the SHA-256 of files just written, by site path, so they need not be read
    again. `in_place` is the index already in `site` (a preview updated in place): its parts
    made from the same pages are carried over, and it is left where it is, for the pages
    that still name it.
    """
    if cache_dir is None:
        return _index(site, language, pages, None, workers, known, in_place)
    with search_cache_lock(cache_dir):  # the preview refreshes its index beside the builds
        return _index(site, language, pages, cache_dir, workers, known, in_place)


def _index(
    site: Path,
    language: str,
    pages: list[str],
    cache_dir: Path | None,
    workers: int,
    known: dict[str, bytes] | None,
    in_place: SearchIndex | None,
) -> SearchIndex:
    parts = _parts(site, language, pages, known or {})
    keys = {index: key for index, (key, _) in enumerate(parts)}
    building = site / BUNDLE_BUILDING
    discard(building)  # what an interrupted run left
    old = site / in_place.folder if in_place is not None else None
    kept = [i for i in keys if old is not None and old.is_dir() and in_place and in_place.keys.get(i) == keys[i]]
    todo = [index for index in keys if index not in kept]
    cached = {index: _cached(cache_dir, index, keys[index]) if cache_dir else None for index in todo}
    stale = [index for index in todo if cached[index] is None]
    log.info("search index: %d of %d parts indexed, the rest unchanged", len(stale), len(parts))
    with ThreadPoolExecutor(max(1, min(workers, len(stale)))) as pool:  # each thread waits on one Pagefind run
        running = [pool.submit(_run_pagefind, site, language, _subdir(i), parts[i][1]) for i in stale]
        for done in running:
            done.result()
    for index in todo:  # after the runs, so no run can disturb a restored part
        found = cached[index]
        if found is not None:
            _restore(found, building / part_dir(index))
        elif cache_dir is not None:
            _store(cache_dir, index, keys[index], building)
    for index in kept:
        assert old is not None
        _link_all(old / part_dir(index), _own_files(old / part_dir(index), index), building / part_dir(index))
    digest = _bundle_digest(building)
    named = site / search_bundle(digest)
    if named.is_dir():  # in place, with the same bytes as before: nothing changed
        discard(building)
    else:
        os.rename(building, named)
    return SearchIndex(digest, keys, len(stale))


def remove_other_indexes(site: Path, keep: set[str]) -> None:
    """Remove every index folder in the site but those with the digests in `keep`."""
    folder = site / BUNDLE_DIR
    for found in sorted(folder.iterdir()) if folder.is_dir() else []:
        if found.name not in keep:
            discard(found)


def index_files(site: Path, index: SearchIndex) -> frozenset[str]:
    """Every file of the index, by its path in the site."""
    folder = site / index.folder
    return frozenset(f"{index.folder}{p.relative_to(folder).as_posix()}" for p in folder.rglob("*") if p.is_file())


def _subdir(index: int) -> str:
    """Where Pagefind writes part `index`, relative to the site."""
    return (BUNDLE_BUILDING + "/" + part_dir(index)).rstrip("/")


def _bundle_digest(folder: Path) -> str:
    """The digest that names the index: of every file's path, length and bytes."""
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        data = path.read_bytes()
        digest.update(f"{path.relative_to(folder).as_posix()}\0{len(data)}\0".encode())
        digest.update(data)
    return digest.hexdigest()[:DIGEST_LENGTH]


def _parts(site: Path, language: str, pages: list[str], known: dict[str, bytes]) -> list[tuple[str, str | None]]:
    """Each part's cache key and its Pagefind glob (None: the whole site, when one part holds every page).

    A part's index depends only on its own pages, so an edit re-indexes just the part holding it.
    """
    size = chunk_size()
    salt = f"{_pagefind_version()}\0{language}\0{size}\0"
    if len(pages) <= size:
        every = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))
        return [(_digest(salt, site, every, known), None)]
    chunks = [pages[i : i + size] for i in range(0, len(pages), size)]
    return [
        (_digest(f"{salt}{i}\0", site, chunk, known), "{" + ",".join(chunk) + "}") for i, chunk in enumerate(chunks)
    ]


def _digest(salt: str, site: Path, pages: list[str], known: dict[str, bytes]) -> str:
    digest = hashlib.sha256(salt.encode())
    for relative in pages:
        content = known.get(relative) or hashlib.sha256(site.joinpath(*relative.split("/")).read_bytes()).digest()
        digest.update(relative.encode() + b"\0" + content)
    return digest.hexdigest()


def _own_files(folder: Path, index: int) -> list[Path]:
    """The files of one part's bundle: the first part's folder also holds the others' folders."""
    found = sorted(p for p in folder.rglob("*") if p.is_file())
    if index == 0:
        found = [p for p in found if not p.relative_to(folder).parts[0].startswith("part-")]
    return found


def _tree_digest(folder: Path, files: list[Path]) -> str:
    """Proof that a cached part is intact before it is published."""
    digest = hashlib.sha256()
    for path in files:
        digest.update(path.relative_to(folder).as_posix().encode() + b"\0")
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _cached(cache_dir: Path, index: int, key: str) -> tuple[Path, list[Path]] | None:
    """Part `index` in the cache, with its files, if it was made from these pages and is intact."""
    folder, key_file = cache_dir / "pagefind" / str(index), cache_dir / "pagefind" / f"{index}.key"
    sealed = read_sealed(key_file)  # a part another user's cache offers is never published
    recorded = sealed.decode("ascii", "replace").split() if sealed is not None else []
    files = _own_files(folder, index) if folder.is_dir() else []
    if not files or recorded != [key, _tree_digest(folder, files)]:
        return None
    return folder, files


def _restore(found: tuple[Path, list[Path]], target: Path) -> None:
    folder, files = found
    _link_all(folder, files, target)


def _link_all(folder: Path, files: list[Path], target: Path) -> None:
    """Hard-link `files` (inside `folder`) to the same places under `target`."""
    made: set[Path] = set()
    for path in files:
        destination = target / path.relative_to(folder)
        if destination.parent not in made:
            destination.parent.mkdir(parents=True, exist_ok=True)
            made.add(destination.parent)
        _link_or_copy(str(path), str(destination))


def _store(cache_dir: Path, index: int, key: str, bundle: Path) -> None:
    cached, key_file = cache_dir / "pagefind" / str(index), cache_dir / "pagefind" / f"{index}.key"
    discard(key_file)
    discard(cached)  # a file or a folder, whichever damage left there
    source = bundle / part_dir(index)
    _link_all(source, _own_files(source, index), cached)
    write_sealed(key_file, f"{key}\n{_tree_digest(cached, _own_files(cached, index))}\n".encode("ascii"))


def _pagefind_version() -> str:
    try:
        return metadata.version("pagefind")
    except metadata.PackageNotFoundError:
        return "?"


def _link_or_copy(source: str, target: str) -> None:
    """Link `source` at `target`, replacing what is there (never writing into a linked file)."""
    with contextlib.suppress(FileNotFoundError):
        os.unlink(target)
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def _pagefind_env() -> dict[str, str]:
    """The environment without Pagefind's own settings (PAGEFIND_*): sitegen alone says how the
    index is made, so a variable left in a shell cannot change the site behind the stamp's back.
    For the same reason Pagefind runs in an empty folder, where it finds no pagefind.yml."""
    return {name: value for name, value in os.environ.items() if not name.upper().startswith("PAGEFIND_")}


def _run_pagefind(site: Path, language: str, bundle: str, glob: str | None) -> None:
    """Index the site (or the pages matching `glob`) into `bundle`; a failing Pagefind stops the build clearly."""
    command = [sys.executable, "-m", "pagefind", "--site", str(site), "--output-subdir", bundle, "--silent"]
    command += ["--force-language", language.split("-")[0].lower()]
    if glob is not None:
        command += ["--glob", glob]
    try:
        with tempfile.TemporaryDirectory(prefix="sitegen-pagefind-") as neutral:
            result = subprocess.run(
                command, capture_output=True, text=True, timeout=600, check=False, cwd=neutral, env=_pagefind_env()
            )
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

"""The site search index, built by Pagefind over the staged site and served from it.

Pagefind (the PyPI package ships its binary) indexes pages marked `data-pagefind-body`:
articles, journey overviews and written days. The index lives on the site itself, so
searching never contacts another origin. A large site's index is made in parts (Pagefind
holds a run's whole index in memory), and the search page merges them. Each part is in a
folder named for that part's bytes, `/pagefind/<digest>/`, so that hosts may keep every file
in it for a year, as they keep the static files: Pagefind's own names inside it (pagefind.js,
pagefind-entry.json, wasm.en.pagefind) never change, and the browser fetches them all
(measured in tests/browser/test_cache_names.py). An edit changes one part's name only: the
other parts' folders stay as they are, in the spare tree and in hosts' caches alike.
"""

from __future__ import annotations

import contextlib
import logging
import os
import threading
from collections.abc import Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

import msgspec

from sitegen.core.urls import BUNDLE_BUILDING, BUNDLE_DIR, DIGEST_LENGTH, Urls, chunk_size, search_bundle
from sitegen.core.workspace import discard, search_cache_lock
from sitegen.planning.context import SearchBundle
from sitegen.publishing.pagefind_runs import (
    Reading,
    RunsLeft,
    one_core_each,
    pages_folder,
    pages_to_read,
    reads_own_folder,
    run_pagefind,
    trim_for_merging,
)
from sitegen.publishing.search_keys import PageKeys
from sitegen.publishing.search_layout import part_keys
from sitegen.publishing.search_parts import (
    PARTS_FOLDER,
    Part,
    PartCache,
    Stamp,
    contents_digest,
    intact,
    link_all,
    listing,
)

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class SearchIndex:
    """The index in the site: each part in its own folder, `/pagefind/<digest>/`, named for that
    part's bytes; each part's key (what it was made from); every file, by its path in the site;
    and how many parts this run indexed anew."""

    digests: tuple[str, ...]
    keys: dict[int, str]
    files: frozenset[str] = frozenset()
    indexed: int = 0
    stamps: dict[str, Stamp] = field(default_factory=dict, compare=False)
    """What this run learned of its files in the site, by path (checked or made by it), for the
    writer to publish them without a look of its own."""

    @property
    def folders(self) -> list[str]:
        return [search_bundle(digest) for digest in self.digests]

    def named(self, hrefs: Urls) -> SearchBundle:
        """What the search page names: Pagefind's script in the first part, and the other parts."""
        return SearchBundle.at(hrefs, self.digests)


class Settling(Protocol):
    """The pages of a build still being settled into the site (publishing.rendered_pages)."""

    def pending(self, relative: str) -> bool:
        """Whether the page is not in the site yet."""

    def settle(self, relatives: Iterable[str], workers: int = 1) -> None:
        """Put these pages in the site now."""


def start_index(
    site: Path,
    language: str,
    pages: list[str],
    cache_dir: Path | None = None,
    workers: int = 1,
    known: dict[str, bytes] | None = None,
    in_place: SearchIndex | None = None,
    only: bool = False,
    learned: dict[bytes, bytes] | None = None,
    settling: Settling | None = None,
    vouched: frozenset[bytes] = frozenset(),
) -> Indexing:
    """Index the searchable `pages` of the site, each part into a folder named for its bytes,
    reusing each part whose pages read as before (to Pagefind); `result()` is the index.

    Each part's key is worked out now (reading a page, if need be, on up to `workers` processes),
    and the rest goes on in a thread of its own, Pagefind's runs first, while the caller writes
    what does not need the index. Pagefind reads the pages of each part now, and with one part for
    the whole site, every page in `site`: the caller writes no page meanwhile.

    `known` gives the SHA-256 of files just written, by site path, and `learned` the keys made as
    they were written (by that SHA-256), so they need not be read again. `in_place` is the index
    already in `site` (a preview updated in place): its parts made from the same pages stay where
    they are. With `only` (a staged build), every other folder in the site's `pagefind/` is
    removed, while Pagefind runs; without it, they are left for the caller (remove_other_indexes):
    the preview keeps the index before for a while.

    With `settling`, some pages are not in the site yet. Those whose keys must be read, and those
    of each part holding a page already there (a changed one, likely to be indexed anew), are put
    there now; a part made only of pages still to come is indexed (if need be) once the caller
    says every page is there (`Indexing.pages_settled`). `vouched`: the parts a survey found whole
    in the site (disk_survey.py), not looked at again."""
    with contextlib.ExitStack() as holding:
        if cache_dir:
            holding.enter_context(search_cache_lock(cache_dir))  # the preview refreshes its index beside the builds
        page_keys = PageKeys(cache_dir / PARTS_FOLDER / "pages.keys" if cache_dir else None)
        page_keys.learn(learned or {})
        if settling:
            settling.settle(page_keys.unread(pages, known or {}))
        parts = part_keys(site, language, pages, known or {}, page_keys, workers)
        ready, settled = _settled_parts(parts, settling)
        cache, kept, recorded = _known_parts(site, cache_dir, parts, in_place)
        own_folders = reads_own_folder(len(pages), chunk_size())
        run = _Run(site, language, parts, cache, workers, own_folders, settled, ready, vouched, kept, recorded, {})
        run.make_ready_first()
        held = holding.pop_all()  # let go of by the thread, when the index is made (not if anything above fails)
        held.callback(run.core_free.set)  # however the index ends: no caller waits for a core forever

    def finish() -> SearchIndex:
        with held:
            index = run.index(only)
            page_keys.save()
            return index

    thread = ThreadPoolExecutor(1, "search-index")
    indexing = Indexing(running=thread.submit(finish), settled=settled, core_free=run.core_free)
    thread.shutdown(wait=False)
    return indexing


def _known_parts(
    site: Path, cache_dir: Path | None, parts: list[tuple[str, list[str] | None]], in_place: SearchIndex | None
) -> tuple[PartCache | None, dict[int, tuple[str, list[str]] | None], dict[int, Part | None]]:
    """The parts' cache; each part already in the site (`in_place`: a preview's index); and each
    other part's record in the cache, if made from the same pages. Read before the index's thread
    starts: while the caller settles pages, a thread reading 128 small files waits its turn for
    the interpreter at each one (Pagefind started 0.1 s later at 10,000 articles)."""
    discard(site / BUNDLE_BUILDING)  # what an interrupted run left
    cache = PartCache(cache_dir / PARTS_FOLDER) if cache_dir else None
    kept = {i: _in_place(site, in_place, i, key) for i, (key, _) in enumerate(parts)}
    recorded = {i: cache.recorded(i, key) for i, (key, _) in enumerate(parts) if not kept[i]} if cache else {}
    return cache, kept, recorded


def _settled_parts(
    parts: list[tuple[str, list[str] | None]], settling: Settling | None
) -> tuple[frozenset[int] | None, threading.Event]:
    """The parts holding a page already in the site, each of their pages now put there too (None:
    every page is there); and the event set once every page is."""
    settled = threading.Event()
    if settling is None:
        settled.set()
        return None, settled
    ready = set()
    for number, (_, chunk) in enumerate(parts):
        pending = [page for page in chunk or [] if settling.pending(page)]
        if len(pending) < len(chunk or []):
            settling.settle(pending)
            ready.add(number)
    return frozenset(ready), settled


@dataclass(frozen=True)
class Indexing:
    """The search index on its way (`running`), or one at hand (`ready`: kept, or none wanted).
    `settled` is set once every page is in the site: until then a part some of whose pages may be
    missing waits."""

    running: Future[SearchIndex] | None = None
    ready: SearchIndex | None = None
    settled: threading.Event = field(default_factory=threading.Event, compare=False)
    core_free: threading.Event = field(default_factory=threading.Event, compare=False)
    """Set once Pagefind's runs leave a core free for other work (or the index has ended)."""

    def pages_settled(self) -> None:
        """Say that every page is in the site now."""
        self.settled.set()

    def wait_for_a_core(self) -> None:
        """Wait until Pagefind's runs leave a core free: the last run alone, or fewer runs than
        cores from the start. A caller with work that need not be done sooner (the feeds, the
        sitemap, the caches) does it then, on the core the last run leaves idle, instead of
        taking turns with the runs on both: cold 1,000, 32 pairs, about 26 ms less time."""
        if self.running is not None:
            self.core_free.wait()

    def result(self) -> SearchIndex | None:
        """The index, once made (or what stopped it, raised)."""
        return self.running.result() if self.running else self.ready

    def abandon(self) -> None:
        """Wait for the index to stop, its failure aside (the build failed elsewhere): until then
        Pagefind may be writing in the site."""
        self.settled.set()  # a part waiting for its pages goes on, to fail or finish
        with contextlib.suppress(Exception):
            self.result()


class _Run(msgspec.Struct, frozen=True):
    """One making of the index: the parts (their keys and pages), where they are kept, and whether
    Pagefind reads each part's pages from a folder of their own (a large site) or from the site."""

    site: Path
    language: str
    parts: list[tuple[str, list[str] | None]]
    cache: PartCache | None
    workers: int
    own_folders: bool
    settled: threading.Event
    """Set once every page is in the site."""
    ready: frozenset[int] | None
    """The parts whose pages are all in the site already (None: all)."""
    vouched: frozenset[bytes]
    """The parts found whole in the site by a survey, by their identity."""
    kept: dict[int, tuple[str, list[str]] | None]
    recorded: dict[int, Part | None]
    """Each part in the site already, with its digest and files; each other's record (_known_parts)."""
    reading: dict[int, Reading]
    """Where Pagefind reads the first parts, made ready before the thread started (a thread waiting
    on a busy caller took 0.11 s to link a part's 80 pages, 0.02 s there)."""
    core_free: threading.Event = msgspec.field(default_factory=threading.Event)
    """Set once fewer runs are left than there are workers (Indexing.wait_for_a_core)."""

    def make_ready_first(self) -> None:
        """Make ready what the first runs read (their pages linked), here, while no thread waits."""
        for i in [i for i in self.fresh()[: self.workers] if not self.waits(i)]:
            self.reading[i] = pages_to_read(self.site, _subdir(i), self.parts[i][1], self.own_folders)

    def fresh(self) -> list[int]:
        """The parts to make: those neither in the site nor in the cache, those whose pages are all
        in the site first."""
        made = [i for i in range(len(self.parts)) if not self.kept[i] and not self.recorded.get(i)]
        return sorted(made, key=self.waits)

    def index(self, only: bool) -> SearchIndex:
        """Start Pagefind for each part the cache has no record of, then look for the others
        (each checked file by file, which takes a while at 10,000 pages) while it runs."""
        site, parts, cache, kept, recorded = self.site, self.parts, self.cache, self.kept, self.recorded
        building = site / BUNDLE_BUILDING
        fresh = self.fresh()
        pinned = one_core_each(len(fresh), self.workers)
        with ThreadPoolExecutor(self.workers, initializer=pinned) as runs, ThreadPoolExecutor(1) as removing:
            running: dict[int, Future[None]] = {}
            retired: list[Path] = []
            left = RunsLeft(len(fresh), self.workers, self.core_free)
            for i in fresh:
                running[i] = self._start(runs, i, retired)
                running[i].add_done_callback(left.one_ended)
            placed: dict[int, tuple[str, list[str]]] = {}
            stamps: dict[str, Stamp] = {}
            for i in range(len(parts)):
                part = recorded.get(i)
                found = kept[i] or (_placed(site, cache, i, part, stamps, self.vouched) if cache and part else None)
                if found:
                    placed[i] = found
                elif i not in running:
                    running[i] = self._start(runs, i, retired)  # its copies were damaged
            log.info("search index: %d of %d parts indexed, the rest unchanged", len(running), len(parts))
            doomed = _others(site, {name for name, _ in placed.values()}) if only else []
            removed = [removing.submit(_discard_all, doomed + retired)]  # slow on some disks: meanwhile
            for i in sorted(running):
                running[i].result()
                removed.append(removing.submit(discard, site / pages_folder(_subdir(i))))
                placed[i] = _publish_part(site, cache, i, parts[i][0], building / str(i), stamps)
            for done in removed:
                done.result()
        discard(building)
        digests = tuple(placed[i][0] for i in range(len(parts)))
        files = frozenset(search_bundle(digest) + name for digest, names in placed.values() for name in names)
        return SearchIndex(digests, {i: key for i, (key, _) in enumerate(parts)}, files, len(running), stamps)

    def waits(self, i: int) -> bool:
        """Whether part `i` must wait for its pages to be in the site."""
        return self.ready is not None and i not in self.ready

    def _start(self, runs: ThreadPoolExecutor, i: int, retired: list[Path]) -> Future[None]:
        """Run Pagefind over part `i` (each thread waits on one run), its old copy taken out of the
        cache first (into `retired`, to be removed)."""
        if self.cache:
            retired.append(self.cache.retire(i))
        if self.waits(i):
            self.settled.wait()  # some of its pages are still to come
        pages, reading = self.parts[i][1], self.reading.get(i)
        return runs.submit(run_pagefind, self.site, self.language, _subdir(i), pages, self.own_folders, reading)


def _in_place(site: Path, index: SearchIndex | None, number: int, key: str) -> tuple[str, list[str]] | None:
    """Part `number` of the index already in the site (its digest and files), if made from the same pages."""
    if index is None or index.keys.get(number) != key or number >= len(index.digests):
        return None
    digest = index.digests[number]
    files = listing(site / search_bundle(digest))
    return (digest, files) if files else None


def _placed(
    site: Path, cache: PartCache, index: int, part: Part, stamps: dict[str, Stamp], vouched: frozenset[bytes]
) -> tuple[str, list[str]] | None:
    """Part `index` as recorded (`part`), now in the site (its name and files, their `stamps` added):
    the copy already there if it is whole (a spare tree's, checked by its files' stamps, or found
    so by a survey: `vouched` holds the identities of the parts it found whole), else
    linked anew from the cache; None if the cache's own copy is not whole."""
    folder = site / part.bundle
    if part.identity in vouched or intact(folder, part):
        _stamped(part, stamps)
        return part.name, part.files  # the very files the cache holds, untouched since they were stamped
    whole = cache.whole(index, part)
    if whole is None:
        return None
    discard(folder)
    arriving = site / BUNDLE_BUILDING / f"{index}-linked"
    link_all(cache.files_of(index), whole.files, arriving)
    os.rename(arriving, folder)
    _stamped(cache.restamp(index, whole), stamps)  # the links moved every file's change time
    return whole.name, whole.files


def _publish_part(
    site: Path, cache: PartCache | None, index: int, key: str, made: Path, stamps: dict[str, Stamp]
) -> tuple[str, list[str]]:
    """Name the part Pagefind just made for its bytes, keeping it in the cache too (its files'
    `stamps` added, as the cache took them)."""
    if index > 0:
        trim_for_merging(made)
    if cache is not None:
        part = cache.store(index, key, made)
        _stamped(part, stamps)
        name, files = part.name, part.files
    else:
        files = listing(made)
        name = contents_digest(made, files)[:DIGEST_LENGTH]
    folder = site / search_bundle(name)
    discard(folder)
    os.rename(made, folder)
    return name, files


def _stamped(part: Part, stamps: dict[str, Stamp]) -> None:
    """Add the stamps of a part's files (the same files in the site as in the cache), by site path."""
    folder = search_bundle(part.name)
    stamps.update(zip([folder + name for name in part.files], part.stamps, strict=True))


def carry_index(output: Path, staging: Path, index: SearchIndex) -> None:
    """Carry the index in `output` over to `staging` unchanged (hard links), in place of any other."""
    remove_other_indexes(staging, set())
    for folder in index.folders:
        link_all(output / folder, listing(output / folder), staging / folder)


def _others(site: Path, keep: set[str]) -> list[Path]:
    """The folders in the site's `pagefind/` but those named in `keep` and the one parts are made in."""
    folder = site / BUNDLE_DIR
    return [found for found in folder.iterdir() if found.name not in keep | {BUILDING_NAME}] if folder.is_dir() else []


def _discard_all(paths: list[Path]) -> None:
    for path in paths:
        discard(path)


def remove_other_indexes(site: Path, keep: set[str]) -> None:
    """Remove every index folder in the site but those with the digests in `keep`."""
    folder = site / BUNDLE_DIR
    for found in sorted(folder.iterdir()) if folder.is_dir() else []:
        if found.name not in keep:
            discard(found)


BUILDING_NAME = BUNDLE_BUILDING.rpartition("/")[2]


def _subdir(index: int) -> str:
    """Where Pagefind writes part `index`, relative to the site."""
    return f"{BUNDLE_BUILDING}/{index}"

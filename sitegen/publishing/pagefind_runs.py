"""Pagefind's runs: its binary, run over the pages of one part of the search index, and what of
its output a part keeps.

Each run gets the pages of its part in a folder of their own, and its output is trimmed: the
search page loads Pagefind's script and WebAssembly from the first part only and merges the
others into it, which read nothing but their entry file, metadata, index chunks and fragments.
"""

from __future__ import annotations

import contextlib
import functools
import importlib
import itertools
import os
import subprocess
import sys
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path

from sitegen.core.errors import BuildFailed, ContentError
from sitegen.core.installed import NotInstalled, installed_version
from sitegen.core.workspace import discard
from sitegen.publishing.search_parts import link_all

LAYOUT = "merged-parts-trimmed-1"
"""Changed whenever what a part keeps of Pagefind's output changes, so that no part kept the old way is reused."""


def trim_for_merging(made: Path) -> None:
    """Leave in a part that the search page merges into the first only what a merged index
    reads (Pagefind's mergeIndex: the entry file, then the metadata, index chunks, fragments and
    filters): its own copies of Pagefind's script, WebAssembly and interfaces are never fetched.
    At 100 pages a part, they were more than half of its bytes and most of its files."""
    with os.scandir(made) as entries:
        for entry in entries:
            if entry.is_dir(follow_symlinks=False) or entry.name == "pagefind-entry.json":
                continue
            if not entry.name.endswith(".pf_meta"):
                os.unlink(entry.path)


def one_core_each(runs: int, at_once: int) -> Callable[[], None] | None:
    """For a pool of `at_once` threads that will start `runs` Pagefind runs: a start for each thread
    that keeps it, and so the runs it starts, on a core of its own; None when they should not be.

    Pagefind spreads each run's threads over every core. Two runs at once on two cores cost more
    that way, most of it in the kernel (likely their threads waking each other across the cores,
    which a virtual machine makes dear): 8 parts of 135 pages, two at a time, took 1.05 s (1.95 s
    of CPU, 0.65 s of it in the kernel) against 0.90 s (1.75 s, 0.5 s) with each run on one core.
    A run alone keeps every core (an edit's one part), and so does a pool larger than the cores
    it may use."""
    cores = sorted(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else []
    if runs < at_once or at_once < 2 or len(cores) < at_once:
        return None
    taken = itertools.count()
    lock = threading.Lock()

    def pinned() -> None:
        with lock:
            core = cores[next(taken) % len(cores)]
        with contextlib.suppress(OSError):  # the thread, and what it starts: a thread's mask is its own
            os.sched_setaffinity(0, {core})

    return pinned


class RunsLeft:
    """The runs started and not ended yet: `free` is set once fewer are left than `cores`, so a
    core is idle but for other work (search_index.Indexing.wait_for_a_core)."""

    def __init__(self, runs: int, cores: int, free: threading.Event) -> None:
        self.left, self.cores, self.free = runs, cores, free
        self.lock = threading.Lock()
        if runs < cores:
            free.set()

    def one_ended(self, _: object) -> None:
        """A run ended (a future's done callback, in the thread that ran it)."""
        with self.lock:
            self.left -= 1
            if self.left < self.cores:
                self.free.set()


def pagefind_version() -> str:
    try:
        return installed_version("pagefind")
    except NotInstalled:
        return "?"


ALLOCATOR = "_RJEM_MALLOC_CONF"
"""The variable that Pagefind's memory allocator (jemalloc, built into its binary with this
prefix) reads its settings from."""
HUGE_PAGES = "thp:always,metadata_thp:always"
"""Pagefind's memory in huge pages (2 MiB) where the kernel gives them on request. A run of 135
pages otherwise takes 14,000 page faults, one for each 4 KiB it touches first; with huge pages
2,900. On 2 cores, a run held to one core took 0.205 s (0.030 s in the kernel) against 0.222 s
(0.049 s), 20 runs each; a cold build of 1,000 articles 1.85-1.89 s against 1.93-1.97 s (12
pairs), 0.14 s less CPU. Each run holds about 5 MiB more. The allocator changes no byte of the
index; a kernel without huge pages leaves it without effect, and a Pagefind built with another
allocator never reads it."""


def _pagefind_env() -> dict[str, str]:
    """The environment without Pagefind's own settings (PAGEFIND_*): sitegen alone says how the
    index is made, so a variable left in a shell cannot change the site behind the stamp's back.
    For the same reason Pagefind runs in an empty folder, where it finds no pagefind.yml. Its
    allocator is asked for huge pages (HUGE_PAGES), unless the shell set it otherwise."""
    env = {name: value for name, value in os.environ.items() if not name.upper().startswith("PAGEFIND_")}
    env.setdefault(ALLOCATOR, HUGE_PAGES)
    return env


@functools.cache
def pagefind_binary() -> list[str]:
    """Pagefind's binary, found as `python -m pagefind` finds it (the extended build first), and
    run directly: the wrapper's own start costs 0.04-0.1 s a run (more on a busy machine), which
    an edit's one run feels. The bench runs the peers' Pagefind through this too."""
    for package in ("pagefind_bin_extended", "pagefind_bin"):
        try:
            found = importlib.import_module(package).get_executable()
        except (ImportError, OSError):
            continue
        if isinstance(found, Path) and found.is_file():
            return [str(found)]
    return [sys.executable, "-m", "pagefind"]


Reading = tuple[Path, str | None]
"""Where Pagefind reads a part's pages, and which of them there (a glob; None: every page)."""


def run_pagefind(
    site: Path, language: str, bundle: str, pages: list[str] | None, own_folder: bool, reading: Reading | None = None
) -> None:
    """Index the site (or just `pages`) into `bundle`; a failing Pagefind stops the build clearly.
    `reading`: where it reads them, if the caller made that ready (`pages_to_read`)."""
    folder, glob = reading or pages_to_read(site, bundle, pages, own_folder)
    _pagefind_over(folder, site / bundle, language, glob)


def pages_to_read(site: Path, bundle: str, pages: list[str] | None, own_folder: bool) -> Reading:
    """Where Pagefind is to read the pages of the part made in `bundle`: the site (or `pages` of it).

    With `own_folder`, the pages are linked into a folder of their own, beside the bundle:
    looking for them in the whole site, Pagefind walks every folder of it."""
    if pages is None:
        return site, None
    glob = "{" + ",".join(pages) + "}"
    if not own_folder:
        return site, glob
    own = site / pages_folder(bundle)  # removed by the caller, once the part is made
    discard(own)
    link_all(site, pages, own)
    return own, glob


def reads_own_folder(searchable: int, part: int) -> bool:
    """Whether Pagefind should read a part of `part` pages from a folder of their own, in a site
    of `searchable` pages: so it costs less, once the site is 20 times larger than the part. At
    10,000 articles, walking the site took 0.12 s of CPU a run (a part of 100: 0.34 s, against
    0.22 s from its own folder; the same bytes made); at 1,000, making and removing a folder for
    each page cost more than the walk it saved (0.3 s of CPU more in a cold build)."""
    return searchable >= 20 * part


def pages_folder(bundle: str) -> str:
    """The folder where the pages of the part made in `bundle` are linked for Pagefind."""
    return f"{bundle}-pages"


def _pagefind_over(site: Path, bundle: Path, language: str, glob: str | None) -> None:
    command = [*pagefind_binary(), "--site", str(site), "--output-path", str(bundle), "--silent"]
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

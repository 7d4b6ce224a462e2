"""Render the planned pages and write them into the output: the pages a build or the preview
publishes, each checked by the privacy guard, an unchanged one linked or left in place."""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable, Iterable
from pathlib import Path

from sitegen.core.errors import BuildFailed, ContentError
from sitegen.core.parallel import map_in_workers
from sitegen.planning.page_job import PageJob
from sitegen.publishing.file_steps import UnsafePath, address_outside
from sitegen.publishing.search_keys import page_key
from sitegen.publishing.writer import SiteOutput
from sitegen.rendering.page_cache import Entry, PageCache
from sitegen.rendering.privacy import PrivacyGuard
from sitegen.rendering.render import Renderer, render_page

log = logging.getLogger(__name__)

Progress = Callable[[int, int], None]
"""Told how many pages of how many are done."""


def render_all(
    jobs: list[PageJob],
    renderer: Renderer,
    staged: SiteOutput,
    guard: PrivacyGuard,
    root: Path,
    progress: Progress | None,
    workers: int,
    pages: PageCache | None,
    search_keys: dict[bytes, bytes] | None = None,
) -> tuple[dict[str, Entry], frozenset[str]]:
    """Render and write every page that changed, on all cores, and settle the others; every problem
    is collected. Returns each page's record and the pages rendered (the rest were unchanged). The
    preview calls it too, to name a new search index on the search page."""
    rendering = PageRendering(jobs, renderer, staged, guard, root, pages, search_keys)
    rendering.render_changed(progress, workers)
    return rendering.finished(workers)


class PageRendering:
    """The pages of a build: those that changed are rendered first (`render_changed`), and the
    unchanged ones settled after (a look at the record, a link), some at once if asked (`settle`),
    the rest when `finished`. A build starts Pagefind on the part of the search index that changed
    in between, so the 12,000 unchanged pages of an edit at 10,000 articles settle while it runs.

    `record` holds every page's entry all along: an unchanged page's is its last one, which a
    page found damaged, and so rendered again, repeats (the same digest renders the same bytes).
    With `search_keys`, each rendered page's key for the search index (what Pagefind reads of
    it) is added there, by the SHA-256 of its bytes, made from the bytes in hand, so the index
    never reads the page again."""

    def __init__(
        self,
        jobs: list[PageJob],
        renderer: Renderer,
        staged: SiteOutput,
        guard: PrivacyGuard,
        root: Path,
        pages: PageCache | None,
        search_keys: dict[bytes, bytes] | None = None,
    ) -> None:
        self.jobs, self.renderer, self.staged, self.guard, self.root = jobs, renderer, staged, guard, root
        self.pages, self.search_keys = pages, search_keys
        self.record: dict[str, Entry] = {}
        self.rendered: set[str] = set()
        self.errors: list[ContentError] = []
        self._waiting: dict[str, tuple[PageJob, bytes]] = {}
        """The unchanged pages not yet settled, by path: each with its digest."""

    def render_changed(self, progress: Progress | None, workers: int) -> None:
        """Render the pages whose inputs changed (only these go to worker processes)."""
        todo = self._sorted_out()
        settled, total = len(self.jobs) - len(todo), len(self.jobs)
        told = (lambda done: progress(settled + done, total)) if progress else None
        if told and self.jobs and not todo:
            told(0)  # every page was in place already: the count is whole at once
        self._render(todo, workers, told)

    def pending(self, relative: str) -> bool:
        """Whether `relative` is an unchanged page not yet settled."""
        return relative in self._waiting

    def settle(self, relatives: Iterable[str], workers: int = 1) -> None:
        """Settle the unchanged pages among `relatives` now, each from the file that holds it; one
        whose file is gone or changed is rendered again, on up to `workers` processes (one while
        another thread runs: a process forked then may inherit a lock that thread held)."""
        again: list[tuple[PageJob, bytes]] = []
        waiting = self._waiting
        for relative in self._in_place([relative for relative in relatives if relative in waiting]):
            del waiting[relative]
        for relative in relatives:
            item = waiting.pop(relative, None)
            if item is not None and not self._linked(relative, item[1]):
                again.append(item)
        self._render(again, workers, None)

    def _in_place(self, relatives: list[str]) -> list[str]:
        """Those of these unchanged pages that the staging folder holds already, as the very files
        a survey found published: settled at once, not one by one (at 10,000 articles, an edit
        leaves 14,000 pages so, and looking at each alone took a twelfth of its build)."""
        pages = self.pages
        if pages is None or not relatives:
            return []
        stamps, device = pages.vouched_stamps(relatives, str(self.staged.output))
        kept = self.staged.keep_in_place(stamps, device) if stamps else []
        pages.settled_as({relative: stamps[relative] for relative in kept})
        return kept

    def finished(self, workers: int = 1) -> tuple[dict[str, Entry], frozenset[str]]:
        """Settle every page left (see `settle`), and return the record and the pages rendered;
        or raise BuildFailed with every problem, the privacy guard's too."""
        self.settle(list(self._waiting), workers)
        if self.errors or self.guard.errors:
            raise BuildFailed(self.guard.errors + self.errors)  # the static files' problems too: all at once
        log.info("rendered %d pages, reused %d unchanged", len(self.rendered), len(self.jobs) - len(self.rendered))
        return self.record, frozenset(self.rendered)

    def _sorted_out(self) -> list[tuple[PageJob, bytes]]:
        """The pages to render, each with its digest; the others are recorded, and those not left
        in place (the preview's) wait to be settled."""
        pages, record, waiting = self.pages, self.record, self._waiting
        if pages is None:
            return [(job, b"") for job in self.jobs]
        todo: list[tuple[PageJob, bytes]] = []
        in_place: list[str] = []
        for job in self.jobs:
            relative = job.output
            unchanged = pages.unchanged(job)
            if unchanged:
                record[relative] = unchanged  # already in place, as it would render
                in_place.append(relative)
                continue
            digest = PageCache.digest(job)
            entry = pages.previous.get(relative)
            if entry is not None and entry[0] == digest:
                record[relative] = entry
                waiting[relative] = (job, digest)
            else:
                todo.append((job, digest))
        self.staged.count_written(in_place)
        return todo

    def _linked(self, relative: str, digest: bytes) -> bool:
        """Whether the page was linked in from the previous output or the page store (or was there)."""
        pages = self.pages
        assert pages is not None
        kept = pages.reusable(relative, digest, str(self.staged.output))
        if not kept:
            return False
        try:
            if self.staged.link(relative, *kept):
                pages.settled(relative, kept[1])
        except OSError:  # another build (a preview) tidied the store meanwhile: render it
            return False
        return True

    def _render(self, todo: list[tuple[PageJob, bytes]], workers: int, told: Callable[[int], None] | None) -> None:
        if not todo:
            return
        if self.pages and self.staged.writes_at_once:
            self.pages.adding()  # before the workers put a page in the store
        # Each template's first page is rendered here, before the workers fork: they inherit the
        # templates it compiled, which each of them compiled again before (60 ms of a cold build).
        first: dict[str, int] = {}
        for index, (job, _) in enumerate(todo):
            first.setdefault(job.template, index)
        rendered = map_in_workers(self._render_one, todo, workers, told, here_first=first.values())
        for problems, relative, entry, key in rendered:
            self.errors += problems
            if entry is not None and not problems:
                self.record[relative] = entry
                if self.search_keys is not None:
                    self.search_keys[entry[1]] = key
        self.rendered.update(job.output for job, _ in todo)
        self.staged.count_written([job.output for job, _ in todo])  # the others were linked, and counted

    def _render_one(self, item: tuple[PageJob, bytes]) -> tuple[list[ContentError], str, Entry | None, bytes]:
        job, digest = item
        relative = job.output
        html, problems = render_page(job, self.renderer, self.guard, self.root)
        if html is None:
            return problems, relative, None, b""
        data = html.encode("utf-8")
        content = hashlib.sha256(data).digest()
        key = page_key(data, content) if self.search_keys is not None else b""
        try:
            self.staged.write(relative, data)
        except UnsafePath:
            problems.append(address_outside(job.source, job.path))
        if self.pages and not problems and self.staged.writes_at_once:
            self.pages.keep(self.staged.path_for(relative), content)
        return problems, relative, (digest, content), key

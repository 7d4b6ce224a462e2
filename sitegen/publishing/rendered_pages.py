"""Render the planned pages and write them into the output: the pages a build or the preview
publishes, each checked by the privacy guard, an unchanged one linked or left in place."""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable
from pathlib import Path

from sitegen.core.errors import BuildFailed, ContentError
from sitegen.core.parallel import map_in_workers
from sitegen.planning.page_job import PageJob
from sitegen.publishing.search_keys import page_key
from sitegen.publishing.writer import SiteOutput, UnsafePath, address_outside
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
    """Render and write every page that changed, on all cores; every problem is collected.
    Returns each page's record and the pages rendered (the rest were unchanged). The preview
    calls it too, to name a new search index on the search page. With `search_keys`, each
    rendered page's key for the search index (what Pagefind reads of it) is added there, by the
    SHA-256 of its bytes, made from the bytes in hand, so the index never reads the page again.

    Unchanged pages are settled here first (a look at the record, a link): cheap, and after an
    edit nearly every page, so worker processes are started only for what must be rendered."""

    def render_one(item: tuple[PageJob, bytes]) -> tuple[list[ContentError], str, Entry | None, bytes]:
        job, digest = item
        relative = job.output
        html, problems = render_page(job, renderer, guard, root)
        if html is None:
            return problems, relative, None, b""
        data = html.encode("utf-8")
        content = hashlib.sha256(data).digest()
        key = page_key(data, content) if search_keys is not None else b""
        try:
            staged.write(relative, data)
        except UnsafePath:
            problems.append(address_outside(job.source, job.path))
        if pages and not problems and staged.writes_at_once:
            pages.keep(staged.path_for(relative), content)
        return problems, relative, (digest, content), key

    errors: list[ContentError] = []
    record, todo, in_place = _settled(jobs, pages, staged)
    settled = len(jobs) - len(todo)
    told = (lambda done: progress(settled + done, len(jobs))) if progress else None
    if pages and todo and staged.writes_at_once:
        pages.adding()  # before the workers put a page in the store
    if told and jobs and not todo:
        told(0)  # every page was in place already: the count is whole at once
    for problems, relative, entry, key in map_in_workers(render_one, todo, workers, told):
        errors += problems
        if entry is not None and not problems:
            record[relative] = entry
            if search_keys is not None:
                search_keys[entry[1]] = key
    rendered = {job.output for job, _ in todo}
    staged.count_written(in_place + [job.output for job, _ in todo])  # the others were linked, and counted
    if errors:
        raise BuildFailed(guard.errors + errors)  # the static files' problems too: all at once
    log.info("rendered %d pages, reused %d unchanged", len(rendered), settled)
    return record, frozenset(rendered)


def _settled(
    jobs: list[PageJob], pages: PageCache | None, staged: SiteOutput
) -> tuple[dict[str, Entry], list[tuple[PageJob, bytes]], list[str]]:
    """The record of each page already in place or linked in from the page store, the pages left
    to render, each with its digest, and the pages left in place as they were (the preview's)."""
    record: dict[str, Entry] = {}
    todo: list[tuple[PageJob, bytes]] = []
    in_place: list[str] = []
    if pages is None:
        return record, [(job, b"") for job in jobs], in_place
    previous = str(staged.output)
    for job in jobs:
        relative = job.output
        unchanged = pages.unchanged(job)
        if unchanged:
            record[relative] = unchanged  # already in place, as it would render
            in_place.append(relative)
            continue
        digest = PageCache.digest(job)
        kept = pages.reusable(relative, digest, previous)
        if kept:
            try:
                if staged.link(relative, *kept):
                    pages.settled(relative, kept[1])
                record[relative] = pages.previous[relative]
                continue
            except OSError:  # another build (a preview) tidied the store meanwhile: render it
                pass
        todo.append((job, digest))
    return record, todo, in_place

"""Rebuild a preview in place, rendering only the pages a save changed.

The first build of a preview is an ordinary staged build. After it, the session keeps
in memory what a rebuild needs: the parse caches, the compiled templates, and what
every served page was rendered from (its template and context). A save re-plans the
site, renders only the pages whose context changed (every page, when a template or
site.yaml changed), checks them, and only when all of that succeeded writes the changed
files in place, each one atomically. Files the site no longer has are removed. The
search index is brought up to date afterwards, by refresh_search(), part by part.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sitegen.build import BuildReport, Continued, Planned, address_outside, build, plan_site, render_page
from sitegen.core.clock import today
from sitegen.core.errors import BuildFailed, ContentError
from sitegen.core.memo import Memo
from sitegen.core.output_folder import is_owned
from sitegen.core.workspace import discard_unsafe_parts, own_folder, project_lock
from sitegen.planning import urls as u
from sitegen.planning.booking import BookingCta
from sitegen.planning.page_job import PageJob
from sitegen.publishing.search_index import index_site
from sitegen.publishing.writer import UnsafePath, safe_join
from sitegen.reading.load import BuildOptions
from sitegen.reading.parse_cache import CACHE_DIR, ContentCaches
from sitegen.rendering.render import Renderer, make_environment

RenderedFrom = tuple[str, dict[str, Any], BookingCta | None]


@dataclass(frozen=True)
class _Served:
    salt: bytes
    pages: dict[str, RenderedFrom]
    files: frozenset[str]


class PreviewBuilder:
    """Builds the preview of `root` into `output`, incrementally after the first build."""

    def __init__(self, root: Path, output: Path) -> None:
        self.root = root.resolve()
        self.output = Path(os.path.abspath(output))  # not resolved: a link in its place is replaced, not followed
        self._caches: ContentCaches | None = None
        self._renderer: tuple[bytes, Renderer] | None = None
        self._served: _Served | None = None
        self._memo: Memo = {}
        self._digests: dict[str, bytes] = {}
        self._searchable: list[str] = []
        self._search_lock = threading.Lock()  # guards the two fields below, briefly
        self._indexing = threading.Lock()  # one refresh at a time; rebuilds never wait for it
        self._search_keys: dict[int, str] | None = None
        self._search_wanted: tuple[str, list[str], dict[str, bytes]] | None = None
        self.rendered = 0
        """How many pages the last build rendered (the rest were unchanged)."""

    def build(self, changed: frozenset[Path] = frozenset()) -> BuildReport:
        """Bring the preview up to date with the sources, or raise BuildFailed and leave it as it was.

        `changed` are the paths the watcher saw change: they are read again even if their
        stamps look as before."""
        if self._caches:
            self._caches.forget(changed)
        if self._served is None or not self.output.is_dir():
            with self._indexing:  # a whole new folder: let a search refresh in the old one finish first
                return self._build_staged()
        return self._update_in_place()

    def _build_staged(self) -> BuildReport:
        # The session's first build indexes the site for search; later ones carry that index
        # over, as indexing takes seconds.
        first = self._caches is None
        self._served = None
        if first:
            self._own_preview_folder()
        continued = Continued(self._caches, self._memo)
        report = build(self.root, self.output, drafts=True, refresh_search=first, continued=continued)
        planned = continued.planned
        assert planned is not None
        self._caches = continued.caches
        self._remember(planned, continued.files)
        self._digests = dict(continued.digests)
        with self._search_lock:
            self._search_keys = continued.search_keys
            self._want_search(planned, force=continued.search_keys is None)
        # Compile the templates now, so the first save is as quick as the ones after it.
        renderer = self._renderer_for(planned)
        for template in sorted({job.template for job in planned.jobs} | {"partials/booking.html"}):
            renderer.env.get_template(template)
        self.rendered = report.pages
        return report

    def _own_preview_folder(self) -> None:
        """The preview's folder is sitegen's own: whatever in it is a link, of the wrong kind, or
        left by an older sitegen without the output marker is discarded (never followed)."""
        with project_lock(self.root):
            folder = own_folder(self.output.parent)
            discard_unsafe_parts(folder)
            if self.output.is_dir() and not is_owned(self.output):
                shutil.rmtree(self.output)

    def _update_in_place(self) -> BuildReport:
        with project_lock(self.root):  # a `sitegen build` of the project meanwhile waits, and vice versa
            return self._update_locked()

    def _update_locked(self) -> BuildReport:
        assert self._served is not None
        started = time.perf_counter()
        options = BuildOptions(drafts=True, today=today(), workers=1)
        planned = plan_site(self.root, options, True, self._caches)
        self._caches = planned.caches
        salt = planned.rendering_salt
        served = self._served if salt == self._served.salt else _Served(salt, {}, self._served.files)
        renderer, guard = self._renderer_for(planned), planned.guard()
        for name, path in planned.assets.files:
            guard.check_static(name, path)
        errors: list[ContentError] = list(guard.errors)
        writes: list[tuple[str, bytes]] = []
        for job in planned.jobs:
            relative = u.output_path_for(job.path)
            if served.pages.get(relative) == _rendered_from(job):
                continue
            html, problems = render_page(job, renderer, guard, self.root)
            errors += problems
            if html is not None:
                writes.append((relative, html.encode("utf-8")))
        if errors:
            raise BuildFailed(errors)
        self.rendered = len(writes)
        pages_written = {relative for relative, _ in writes}
        self._digests.update((relative, hashlib.sha256(data).digest()) for relative, data in writes)
        writes += planned.extra_files(self._memo)
        writes += [(u.static(name), path.read_bytes()) for name, path in planned.assets.files]
        targets = self._targets([relative for relative, _ in writes])
        for (_, data), target in zip(writes, targets, strict=True):
            _write_if_changed(target, data)
        files = frozenset(relative for relative, _ in writes) | frozenset(
            u.output_path_for(job.path) for job in planned.jobs
        )
        for relative in sorted(served.files - files):
            _remove(self.output, relative)
            self._digests.pop(relative, None)
        self._remember(planned, files)
        with self._search_lock:
            self._want_search(planned, force=False, written=pages_written)
        if self._caches:
            self._caches.roll()
        seconds = time.perf_counter() - started
        return BuildReport(
            len(planned.jobs), len(files), seconds, self.output, tuple(planned.warnings), planned.source_map()
        )

    def refresh_search(self) -> bool:
        """Bring the preview's search index up to date with the last build; False if it was.

        This takes a Pagefind run per changed part (a second or so), so the preview calls it
        after the pages have reloaded, away from the rebuild.
        """
        with self._indexing:
            with self._search_lock:
                wanted, self._search_wanted = self._search_wanted, None
                in_place = self._search_keys
            if wanted is None:
                return False
            language, pages, known = wanted
            keys = index_site(self.output, language, pages, self.root / CACHE_DIR, 1, known, in_place)
            with self._search_lock:
                self._search_keys = keys
            return True

    def _want_search(self, planned: Planned, force: bool, written: set[str] | None = None) -> None:
        """Note what the search index should cover, if a searchable page (or the set of them) changed."""
        searchable = [u.output_path_for(job.path) for job in planned.jobs if job.context["page"].searchable]
        if force or searchable != self._searchable or any(page in (written or ()) for page in searchable):
            known = {page: self._digests[page] for page in searchable if page in self._digests}
            self._search_wanted = (planned.config.language, searchable, known)
        self._searchable = searchable

    def _targets(self, relatives: list[str]) -> list[Path]:
        """Where each file goes; an address that would leave the preview folder fails the build."""
        targets, errors = [], []
        for relative in relatives:
            try:
                targets.append(safe_join(self.output, relative))
            except UnsafePath:
                errors.append(address_outside(relative, relative))
        if errors:
            raise BuildFailed(errors)
        return targets

    def _renderer_for(self, planned: Planned) -> Renderer:
        """The session's renderer, made afresh whenever any template or theme text changed (the
        plan's rendering salt covers them all).

        Jinja's own check would miss a new override placed before the theme's file of the
        same name, and two saves within one tick of the file clock.
        """
        salt = planned.rendering_salt
        if self._renderer is None or self._renderer[0] != salt:
            bytecode = self.root / CACHE_DIR / "templates"
            environment = make_environment(self.root, planned.config.theme, planned.strings, bytecode)
            self._renderer = (salt, Renderer(environment))
        return self._renderer[1]

    def _remember(self, planned: Planned, files: frozenset[str]) -> None:
        pages = {u.output_path_for(job.path): _rendered_from(job) for job in planned.jobs}
        self._served = _Served(planned.rendering_salt, pages, files)


def _rendered_from(job: PageJob) -> RenderedFrom:
    return (job.template, job.context, job.inline_cta)


def _write_if_changed(target: Path, data: bytes) -> None:
    """Replace the file in one step, and only when its bytes differ, so the server never sends half a page."""
    try:
        if target.stat().st_size == len(data) and target.read_bytes() == data:
            return
    except OSError:
        pass
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(f".{target.name}.tmp{os.getpid()}")
    temporary.write_bytes(data)
    os.replace(temporary, target)


def _remove(output: Path, relative: str) -> None:
    """Remove a file the site no longer has, and the folders that leaves empty."""
    with contextlib.suppress(UnsafePath, OSError):
        target = safe_join(output, relative)
        target.unlink()
        folder = target.parent
        while folder != output and not any(folder.iterdir()):
            folder.rmdir()
            folder = folder.parent

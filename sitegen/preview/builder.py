"""The preview's builds: the same build() as `sitegen build`, told to continue from the last.

The first build of a preview is an ordinary staged build, and indexes the site for search.
After it, build() is handed what it kept (the parse caches, the compiled templates, the
record of what each page was rendered from) and updates the preview's folder in place:
it renders only the pages whose context changed (every page, when a template or
site.yaml changed), checks them, and only when all of that succeeded writes the changed
files, each one atomically, and removes those the site no longer has. The search index
is brought up to date afterwards, by refresh_search(): each changed part in a new folder
named for its bytes; the search page is then rewritten to name them. The index before it
stays too, for a search page that is open (and loaded it) while the new one is made.

Between two builds, write_ahead() may write the pages a save was for (see quick.py), so
that the writer sees them before the rest is rebuilt. A build that began reading before
such a write leaves the newer page as it is, and the next build (which the save asks
for anyway) brings its record and the search index up to date.
"""

from __future__ import annotations

import os
import shutil
import threading
from pathlib import Path

from sitegen.build import BuildReport, Continued, Planned, build
from sitegen.config.site_config import SiteConfig
from sitegen.core.memo import Memo
from sitegen.core.output_folder import is_owned
from sitegen.core.urls import Urls
from sitegen.core.workspace import CACHE_DIR, discard_unsafe_parts, own_folder, project_lock
from sitegen.preview.quick import QuickPages
from sitegen.publishing.in_place import InPlaceOutput, WrittenAhead
from sitegen.publishing.rendered_pages import render_all
from sitegen.publishing.search_index import SearchIndex, remove_other_indexes, start_index


class PreviewBuilder:
    """Builds the preview of `root` into `output`, incrementally after the first build."""

    def __init__(self, root: Path, output: Path) -> None:
        self.root = root.resolve()
        self.output = Path(os.path.abspath(output))  # not resolved: a link in its place is replaced, not followed
        self._memo: Memo = {}
        self._continued = Continued(memo=self._memo)
        self._searchable: list[str] = []
        self._search_lock = threading.Lock()  # guards the field below, briefly
        self._indexing = threading.Lock()  # one refresh at a time; rebuilds wait only while it names a new index
        self._search_wanted: tuple[str, list[str], dict[str, bytes]] | None = None
        self._ahead = WrittenAhead()
        self._quick: QuickPages | None = None
        self.rendered = 0
        """How many pages the last build rendered (the rest were unchanged)."""
        self.search_parts_indexed = 0
        """How many parts of the search index the last refresh made anew."""
        self.pages_changed: frozenset[str] = frozenset()
        """The pages whose bytes the last build changed, added or removed (against the build before)."""

    def build(self, changed: frozenset[Path] = frozenset()) -> BuildReport:
        """Bring the preview up to date with the sources, or raise BuildFailed and leave it as it was.

        `changed` are the paths the watcher saw change: they are read again even if their
        stamps look as before."""
        continued = self._continued
        first, index_before = continued.planned is None, continued.search
        continued.in_place = not first and self.output.is_dir()
        mark, digests_before = self._ahead.mark(), continued.digests
        continued.ahead = (self._ahead, mark)
        if continued.in_place:
            report = build(
                self.root, self.output, drafts=True, refresh_search=False, continued=continued, changed=changed
            )
        else:
            if first:
                self._own_preview_folder()
            with self._indexing:  # a whole new folder: let a search refresh in the old one finish first
                report = build(
                    self.root, self.output, drafts=True, refresh_search=first, continued=continued, changed=changed
                )
        planned, kept = continued.planned, continued.renderer
        assert planned is not None
        self.rendered = report.rendered
        digests = continued.digests
        self.pages_changed = frozenset(
            [page for page, digest in digests.items() if digests_before.get(page) != digest]
            + [page for page in digests_before if page not in digests]
        )
        self._quick = QuickPages(planned, kept[1]) if kept and kept[0] == planned.rendering_salt else None
        overtaken = self._ahead.since(mark)
        self._forget_rendering(overtaken)  # this build rendered them from older sources, and left them
        if not overtaken:  # else the next build, which those saves asked for, says what search should cover
            with self._search_lock:
                if continued.in_place:
                    self._want_search(planned, force=False, written=continued.rendered_pages)
                else:  # a staged build made the index, unless it carried the last one over
                    self._want_search(planned, force=continued.search is index_before)
        if first and continued.renderer:  # compile the templates now, so the first save is as quick as the rest
            for template in sorted({job.template for job in planned.jobs} | {"partials/booking.html"}):
                continued.renderer[1].env.get_template(template)
        return report

    def write_ahead(self, saved: frozenset[Path]) -> list[str]:
        """Write the pages `saved` (every save since the last build finished) were for, ahead of
        the next build, if those pages are all the saves change (see quick.py). The pages whose
        bytes changed: none when the build must do it all."""
        quick = self._quick
        pages = quick.pages(saved) if quick and self.output.is_dir() else None
        if not pages:
            return []
        replaced = self._ahead.write(self.output, pages)
        self._forget_rendering([page for page, _ in pages])
        return replaced

    def _forget_rendering(self, pages: list[str] | frozenset[str]) -> None:
        """Pages written otherwise than as the last build recorded: the next build looks at them again."""
        if self._continued.pages:
            for page in pages:
                self._continued.pages.rendered_from.pop(page, None)

    @property
    def config(self) -> SiteConfig | None:
        """The configuration the last successful build followed."""
        planned = self._continued.planned
        return planned.config if planned else None

    def _own_preview_folder(self) -> None:
        """The preview's folder is sitegen's own: whatever in it is a link, of the wrong kind, or
        left by an older sitegen without the output marker is discarded (never followed)."""
        with project_lock(self.root):
            folder = own_folder(self.output.parent)
            discard_unsafe_parts(folder)
            if self.output.is_dir() and not is_owned(self.output):
                shutil.rmtree(self.output)

    def refresh_search(self) -> bool:
        """Bring the preview's search index up to date with the last build; False if it was.

        This takes a Pagefind run per changed part (a second or so), so the preview calls it
        after the pages have reloaded, away from the rebuild.
        """
        with self._indexing:
            with self._search_lock:
                wanted, self._search_wanted = self._search_wanted, None
            if wanted is None:
                return False
            language, pages, known = wanted
            before = self._continued.search
            index = start_index(self.output, language, pages, self.root / CACHE_DIR, 1, known, before).result()
            assert index is not None  # a run of the index always gives one
            with project_lock(self.root):  # between two builds, so that each names the index it finds
                self._name_index(index)
                remove_other_indexes(self.output, {*index.digests, *(before.digests if before else ())})
            self.search_parts_indexed = index.indexed
            return True

    def _name_index(self, index: SearchIndex) -> None:
        """Rewrite the search page to name `index`, which the next builds name too."""
        continued = self._continued
        continued.search = index
        planned, kept = continued.planned, continued.renderer
        if planned is None or kept is None:
            return
        bundle = index.named(Urls.for_site(planned.config))
        naming = [job.naming(bundle) for job in planned.jobs if job.names_search_index]
        with InPlaceOutput(self.output, frozenset()) as out:
            record, _ = render_all(naming, kept[1], out, planned.guard(), planned.root, None, 1, continued.pages)
            out.publish()
        for job in naming:  # so that the next build finds the search page as it would render it
            if continued.pages and job.output in record:
                continued.pages.note(job, record[job.output])
                continued.digests = {**continued.digests, job.output: record[job.output][1]}

    def _want_search(self, planned: Planned, force: bool, written: frozenset[str] = frozenset()) -> None:
        """Note what the search index should cover, if a searchable page (or the set of them) changed."""
        searchable = [job.output for job in planned.jobs if job.searchable]
        if force or searchable != self._searchable or any(page in written for page in searchable):
            digests = self._continued.digests
            known = {page: digests[page] for page in searchable if page in digests}
            self._search_wanted = (planned.config.language, searchable, known)
        self._searchable = searchable

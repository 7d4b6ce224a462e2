"""The build, as a list of phases: config, content, plan, render, publish."""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path

import msgspec

from sitegen.config.site_config import SiteConfig, load_config
from sitegen.core import urls as u
from sitegen.core.beside import Beside
from sitegen.core.clock import today
from sitegen.core.errors import BuildFailed
from sitegen.core.heap import held_to_the_end, settled_heap
from sitegen.core.memo import Memo
from sitegen.core.output_folder import checked_output
from sitegen.core.parallel import default_workers
from sitegen.core.urls import Urls
from sitegen.core.workspace import OnBusy, discard_parts, project_lock, unsound_parts, wait_quietly
from sitegen.planning.addresses import moved_addresses
from sitegen.planning.crisis import crisis_warning
from sitegen.planning.good_faith_estimate import switched_off_warning
from sitegen.planning.licence_checks import licence_findings
from sitegen.planning.page_job import PageJob
from sitegen.planning.pages import SitePlanner
from sitegen.publishing.disk_survey import SurveyRun
from sitegen.publishing.feeds import site_feeds
from sitegen.publishing.host_files import HEADERS_FILE, REDIRECTS_FILE, headers_file, redirects_file
from sitegen.publishing.image_variants import image_variants, resized_variants
from sitegen.publishing.in_place import InPlaceOutput, WrittenAhead
from sitegen.publishing.recordings import recordings
from sitegen.publishing.rendered_pages import PageRendering, Progress, render_all
from sitegen.publishing.search_index import Indexing, SearchIndex, carry_index, start_index
from sitegen.publishing.search_layout import reads_whole_site
from sitegen.publishing.sitemap import robots_txt, sitemap_xml
from sitegen.publishing.uptodate import input_digest, options_key, record, stamps_taken
from sitegen.publishing.writer import SiteOutput, StagedOutput
from sitegen.reading.images import ImageInfo
from sitegen.reading.load import BuildOptions, load_content
from sitegen.reading.models import Content
from sitegen.reading.parse_cache import CACHE_DIR, ContentCaches
from sitegen.rendering.page_cache import PAGE_RECORD, Entry, PageCache, rendering_salt
from sitegen.rendering.privacy import PrivacyGuard
from sitegen.rendering.render import Renderer, make_environment
from sitegen.rendering.templates_beside import prepared
from sitegen.theming.assets import StaticAssets, collect_static
from sitegen.theming.lookup import rendering_dirs, theme_dirs
from sitegen.theming.strings import Strings, unknown_language_warning

log = logging.getLogger(__name__)


class BuildReport(msgspec.Struct, frozen=True):
    pages: int
    files: int
    seconds: float
    output: Path
    warnings: tuple[str, ...] = ()
    sources: dict[str, str] = msgspec.field(default_factory=dict)
    rendered: int = 0
    """Pages rendered by this build; the rest were unchanged, and kept or linked."""
    reused: int = 0
    search_parts_indexed: int = 0
    """Parts of the search index this build made anew (the rest came from the cache, or stayed)."""


@dataclass
class Planned:
    """Everything decided before a byte is written: the content, its pages and the theme."""

    root: Path
    config: SiteConfig
    options: BuildOptions
    content: Content
    assets: StaticAssets
    jobs: list[PageJob]
    warnings: list[str]
    caches: ContentCaches | None
    strings: Strings
    hero: ImageInfo | None = None
    """The home page's hero image from site.yaml's `brand:`, resized like the content's images."""

    @cached_property
    def rendering_salt(self) -> bytes:
        """What shapes every page alike (templates, theme texts, configuration): worked out
        once per plan, for the page store and the preview alike."""
        return rendering_salt(self.config, rendering_dirs(self.root, self.config.theme))

    def extra_files(self, memo: Memo | None = None) -> list[tuple[str, bytes]]:
        """Feeds, sitemap, robots.txt, resized images and recordings: every file that is not a page
        or a static file."""
        hrefs = Urls.for_site(self.config)
        cache = self.root / CACHE_DIR if self.caches else None
        kept = cache / "feeds.msgpack" if cache else None
        articles, clinicians = self.content.articles, self.content.clinicians
        digests = self.content.article_digests
        files = list(site_feeds(self.config, articles, clinicians, self.back_label, memo, kept, digests).items())
        sitemap = sitemap_xml(self.jobs, hrefs, memo, cache / "sitemap.msgpack" if cache else None)
        files += [(u.sitemap(), sitemap), (u.robots(), robots_txt(hrefs))]
        images_cache = self.root / CACHE_DIR / "images" if self.caches else None
        images = dict(image_variants(self.root, self.content, images_cache))
        images.update(resized_variants(self.root, self.hero, images_cache) if self.hero else [])
        return files + list(images.items()) + recordings(self.root, self.content)

    def back_label(self, number: str) -> str:
        """A footnote's way back, named in the site's language (in a feed, as on its page)."""
        return str(self.strings.t("footnote_back", number=number))

    def host_files(self, written: frozenset[str]) -> list[tuple[str, bytes]]:
        """`_headers` (whose caching rules follow the files `written`) and `_redirects`."""
        headers = headers_file(self.config, written | {HEADERS_FILE, REDIRECTS_FILE})
        return [(HEADERS_FILE, headers), (REDIRECTS_FILE, redirects_file(moved_addresses(self.jobs)))]

    def guard(self) -> PrivacyGuard:
        theme = theme_dirs(self.root, self.config.theme)
        return PrivacyGuard(self.config.origin, self.config.allowed_origins, self.root, theme)

    def source_map(self) -> dict[str, str]:
        return {j.output: j.source.split(":")[0] for j in self.jobs if j.source.startswith("content/")}


def plan_site(
    root: Path,
    options: BuildOptions,
    use_cache: bool,
    caches: ContentCaches | None = None,
    inputs: str | None = None,
) -> Planned:
    """Read the configuration and content and plan every page, or raise BuildFailed with every
    problem. `inputs`: the digest of this build's check of its inputs, whose stamps of the files
    are then read rather than taken again (10,000 stat() at 10,000 articles)."""
    stamps = stamps_taken(root, inputs) if inputs else None
    config = load_config(root)
    if use_cache and (caches is None or not caches.fits(root, config, options.today)):
        caches = ContentCaches(root, config, options.today)
    content, errors = load_content(root, config, options, caches if use_cache else None, stamps)
    assets = collect_static(root, config.theme, Urls.for_site(config))
    with settled_heap():  # a plan is many small objects without cycles, which the cycle collector would walk
        planner = SitePlanner(config, content, root, assets)
        jobs = planner.plan()
    errors += planner.errors
    findings = licence_findings(config, content.clinicians)
    if errors or (findings and config.strict):
        raise BuildFailed(errors + findings if config.strict else errors)
    warnings = [str(finding) for finding in sorted(findings)]
    crisis = crisis_warning(planner.crisis, planner.crisis_services, planner.has_page("crisis"))
    own_estimate = planner.has_page(u.GOOD_FAITH_ESTIMATE_SLUG)
    warnings += filter(None, [crisis, switched_off_warning(config, own_estimate)])
    language = unknown_language_warning(root, config)
    if language:
        warnings.append(language)
    cached = caches if use_cache else None
    hero = planner.brand.hero
    return Planned(root, config, options, content, planner.assets, jobs, warnings, cached, planner.strings, hero)


@dataclass
class Continued:
    """What a caller that builds again and again (the preview) hands to build() and gets back.

    Before the build: the parse caches to keep using, where to remember feeds and the
    sitemap, and whether to update the output in place (`in_place`: the preview after its
    first build, which then renders only the pages whose context changed and writes only
    the files whose bytes did). After a successful build: the plan it followed, every file
    it wrote (the search bundle aside), each page's SHA-256 and the pages it rendered.
    Throughout, the search index in the output (`search`), which the search page names,
    and the pages the caller wrote ahead of the build (`ahead`, with the mark it took
    before this build read anything), which an in-place build leaves as they are.
    """

    caches: ContentCaches | None = None
    memo: Memo | None = None
    in_place: bool = False
    planned: Planned | None = None
    files: frozenset[str] = frozenset()
    digests: dict[str, bytes] = field(default_factory=dict)
    search: SearchIndex | None = None
    rendered_pages: frozenset[str] = frozenset()
    renderer: tuple[bytes, Renderer] | None = None
    pages: PageCache | None = None
    ahead: tuple[WrittenAhead, int] | None = None


class Published(msgspec.Struct, frozen=True):
    files: frozenset[str]
    record: dict[str, Entry]
    rendered: frozenset[str]
    page_cache: PageCache | None
    search_parts_indexed: int
    jobs: list[PageJob]  # as rendered: the search page naming the index


def build(
    root: Path,
    output: Path | None = None,
    drafts: bool = False,
    progress: Progress | None = None,
    workers: int | None = None,
    use_cache: bool = True,
    refresh_search: bool = True,
    inputs: str | None = None,
    continued: Continued | None = None,
    on_busy: OnBusy = wait_quietly,
    follow_output_link: bool = False,
    changed: frozenset[Path] = frozenset(),
    templates: Beside | None = None,
) -> BuildReport:
    """Build the site at `root` into a staging folder that replaces `output` (default `root/output`)
    only when the whole build succeeded; or raise BuildFailed. A caller that builds again and
    asks for it (`continued.in_place`, the preview after its first build) has `output` updated
    in place instead, still all or nothing.

    One build runs at a time per project: `on_busy` says whether to wait for another
    (ProjectBusy if not). An output folder that is not safe to replace raises UnsafeOutput
    before anything is touched. A caller that builds again (`continued`, the preview) says
    which paths `changed`: they are read again, whatever their stamps say. `templates`: a process
    compiling the templates meanwhile (rendering/templates_beside.py), for a first build."""
    started = time.perf_counter()
    root = root.resolve()
    with project_lock(root, on_busy, walks_later=True) as cache:
        output = checked_output(root, output or root / "output", follow_output_link)
        in_place = continued is not None and continued.in_place and continued.planned is not None and output.is_dir()
        workers = 1 if in_place else workers or default_workers()  # in place: the preview's watcher thread
        options = BuildOptions(drafts=drafts, today=today(), workers=workers)
        stamp_key = options_key(drafts, options.today.isoformat(), output)
        if not in_place:  # the stamp's digest (the CLI took it already, for its up-to-date check)
            inputs = inputs or input_digest(root, stamp_key)
        if continued and continued.caches:
            continued.caches.forget(changed)
        with SurveyRun(output, cache, beside=workers > 1) as surveying:  # the files it keeps, looked at meanwhile
            planned = plan_site(root, options, use_cache, continued.caches if continued else None, inputs)
            survey = surveying.result()
        discard_parts(cache, list(survey.unsound) if survey else unsound_parts(cache))  # before they are used
        done, ahead = (continued.files, continued.ahead) if continued else (frozenset[str](), None)
        writer: SiteOutput = InPlaceOutput(output, done, ahead) if in_place else StagedOutput(output, cache, survey)
        published = _publish(planned, writer, progress, refresh_search and not in_place, continued, templates)
        _keep_caches(planned, published, in_place, continued is not None)
        if inputs and not in_place:  # only now: the stamp covers what was published
            record(root, output, stamp_key, inputs, writer.published_digest)
    if continued:
        continued.caches, continued.planned, continued.files = planned.caches, planned, published.files
        continued.digests = {relative: content for relative, (_, content) in published.record.items()}
        continued.rendered_pages, continued.pages = published.rendered, published.page_cache
    else:
        held_to_the_end(planned, published, writer, survey)  # the command line's: freed by the process's end
    seconds = time.perf_counter() - started
    pages, rendered = len(planned.jobs), len(published.rendered)
    warnings, sources = tuple(planned.warnings), planned.source_map()
    counts = (rendered, pages - rendered, published.search_parts_indexed)
    return BuildReport(pages, len(published.files), seconds, output, warnings, sources, *counts)


def _keep_caches(planned: Planned, published: Published, in_place: bool, continues: bool) -> None:
    """Save what the next build may reuse: on disk after a whole build; in memory too when the
    caller builds again (the preview). A build nobody continues saved its parse caches while its
    search index was made (_index_beside)."""
    if planned.caches and continues:
        planned.caches.roll() if in_place else planned.caches.save()
    if published.page_cache:
        if not in_place:
            published.page_cache.save(published.record)
        if continues:
            published.page_cache.remember(published.jobs, published.record)


def _publish(
    planned: Planned, out: SiteOutput, progress: Progress | None, refresh_search: bool, continued: Continued | None,
    templates: Beside | None = None,
) -> Published:
    """Render and write the planned site into `out` (staged, or in place), then publish it.
    The search page is rendered last: it names the search index, whose folders are named
    for their bytes, and the index is made from the other pages."""
    root, jobs = planned.root, planned.jobs
    renderer = _renderer(planned, continued, templates)
    guard = planned.guard()
    with out:
        for static in planned.assets.files:
            guard.check_static(static.name, static.source)
            for name in static.published:
                if static.rewritten is None:
                    out.copy(u.static(name), static.source)
                else:
                    out.write(u.static(name), static.rewritten)
        page_cache = _page_cache(planned, out, continued)
        pages = [job for job in jobs if not job.names_search_index]
        keys: dict[bytes, bytes] = {}  # what Pagefind reads of each page rendered, by its bytes' SHA-256
        rendering = PageRendering(pages, renderer, out, guard, root, page_cache, keys)
        rendering.render_changed(progress, planned.options.workers)
        index, (record, rendered) = _index_beside(planned, out, refresh_search, continued, rendering, keys)
        bundle = index.named(Urls.for_site(planned.config)) if index else None
        naming = [job.naming(bundle) for job in jobs if job.names_search_index]
        last, last_rendered = render_all(naming, renderer, out, guard, root, None, 1, page_cache)
        record, rendered = record | last, rendered | last_rendered
        index_paths = index.files if index else frozenset()
        for relative, data in planned.host_files(out.written_files | index_paths):
            out.write(relative, data)
        out.publish(index.stamps if index else None)
        log.info("published %s", out.output)
    indexed = index.indexed if index else 0
    return Published(out.written_files, record, rendered, page_cache, indexed, pages + naming)


def _index_beside(
    planned: Planned,
    out: SiteOutput,
    refresh: bool,
    continued: Continued | None,
    rendering: PageRendering,
    keys: dict[bytes, bytes],
) -> tuple[SearchIndex | None, tuple[dict[str, Entry], frozenset[str]]]:
    """Settle the unchanged pages and write the files that are not pages (feeds, sitemap, images)
    while Pagefind indexes the pages; remove what this build did not write; and return the search
    index, with the pages' record and those rendered. Pagefind starts once the changed pages are
    rendered when it reads only the searchable pages (those of the parts it makes settled first),
    or after the removal when it reads the whole site."""
    searchable = [job.output for job in planned.jobs if job.searchable]
    early = not reads_whole_site(searchable) and not rendering.errors and not rendering.guard.errors
    record = rendering.record
    indexing = _search_index(planned, out, refresh, continued, record, keys, searchable, rendering) if early else None
    try:
        alone = indexing is None or indexing.running is None  # no thread of the index's running
        pages = rendering.finished(planned.options.workers if alone else 1)
        if indexing:
            indexing.pages_settled()
            indexing.wait_for_a_core()  # the feeds and the rest on the core the last run leaves idle
        for relative, data in planned.extra_files(continued.memo if continued else None):
            out.write(relative, data)
        out.remove_unwritten()  # what the folder held and this build did not write
        indexing = indexing or _search_index(planned, out, refresh, continued, record, keys, searchable)
        if continued is None and planned.caches:  # while the index is made (the preview's are kept after)
            planned.caches.save()  # what the next build may reuse of the sources
        index = indexing.result()
    except BaseException:
        if indexing:
            indexing.abandon()
        raise
    if continued and indexing.running:
        continued.search = index
    return index, pages


def _search_index(
    planned: Planned,
    out: SiteOutput,
    refresh: bool,
    continued: Continued | None,
    record: dict[str, Entry],
    keys: dict[bytes, bytes],
    searchable: list[str],
    settling: PageRendering | None = None,
) -> Indexing:
    """The search index the search page names: made now from the staged pages; or the one the
    preview has (updated in place, the preview brings it up to date itself, after the reload)."""
    kept = continued.search if continued else None
    in_output = kept is not None and all((out.output / folder).is_dir() for folder in kept.folders)
    if kept and in_output and (isinstance(out, InPlaceOutput) or not refresh):
        if not isinstance(out, InPlaceOutput):
            carry_index(out.output, out.staging, kept)  # the preview keeps its last index: a re-index takes seconds
        return Indexing(ready=replace(kept, indexed=0, stamps={}))  # its files' stamps are of another run
    if isinstance(out, InPlaceOutput):
        return Indexing()
    search_cache = planned.root / CACHE_DIR if planned.caches else None
    digests = {relative: content for relative, (_, content) in record.items()}
    language, workers = planned.config.language, planned.options.workers
    return start_index(out.staging, language, searchable, search_cache, workers, digests, only=True, learned=keys,
                       settling=settling, vouched=out.vouched_parts)


def _renderer(planned: Planned, continued: Continued | None, templates: Beside | None = None) -> Renderer:
    """A renderer for this plan; one a caller kept is reused while every template and theme text
    is as it was (the plan's rendering salt covers them all, and the templates it loaded are still
    the files it read: an edit undone while a build read them is not missed)."""
    salt = planned.rendering_salt
    kept = continued.renderer if continued else None
    if kept and kept[0] == salt and kept[1].templates_unchanged():
        return kept[1]
    bytecode = planned.root / CACHE_DIR / "templates" if planned.caches else None
    made = prepared(templates.result()) if templates and bytecode else None
    renderer = Renderer(make_environment(planned.root, planned.config.theme, planned.strings, bytecode, made))
    if continued:
        continued.renderer = (salt, renderer)
    return renderer


def _page_cache(planned: Planned, out: SiteOutput, continued: Continued | None) -> PageCache | None:
    """The record of what each page was rendered from: kept in memory by a caller that builds
    again, else read from the cache folder (with what a survey found of its pages)."""
    if planned.caches is None:
        return None
    salt = planned.rendering_salt
    kept = continued.pages if continued and continued.pages and continued.pages.salt == salt else None
    pages = kept or PageCache(planned.root / CACHE_DIR / PAGE_RECORD, salt)
    pages.start(out.output, continued.files if continued and isinstance(out, InPlaceOutput) else frozenset())
    if out.survey:
        pages.vouch(out.survey.output, out.survey.record, out.survey.device, out.survey.unlike)
    return pages

"""The build, as a list of phases: config, content, plan, render, publish."""

from __future__ import annotations

import hashlib
import logging
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import jinja2

from sitegen.config.site_config import SiteConfig, load_config
from sitegen.core.clock import today
from sitegen.core.errors import BuildFailed, ContentError, display_path
from sitegen.core.memo import Memo
from sitegen.core.output_folder import checked_output
from sitegen.core.parallel import default_workers, map_in_workers
from sitegen.core.workspace import OnBusy, project_lock, wait_quietly
from sitegen.planning import urls as u
from sitegen.planning.addresses import used_images
from sitegen.planning.page_job import PageJob
from sitegen.planning.pages import SitePlanner
from sitegen.planning.urls import Urls
from sitegen.publishing.feeds import site_feeds
from sitegen.publishing.image_variants import resized_variants
from sitegen.publishing.search_index import index_site
from sitegen.publishing.sitemap import robots_txt, sitemap_xml
from sitegen.publishing.uptodate import input_digest, options_key, record
from sitegen.publishing.writer import StagedOutput, UnsafePath
from sitegen.reading.load import BuildOptions, load_content
from sitegen.reading.models import Content
from sitegen.reading.parse_cache import CACHE_DIR, ContentCaches
from sitegen.rendering.page_cache import Entry, PageCache, rendering_salt
from sitegen.rendering.privacy import PrivacyGuard
from sitegen.rendering.render import Renderer, make_environment
from sitegen.theming.assets import StaticAssets, collect_static
from sitegen.theming.lookup import rendering_dirs, theme_dirs
from sitegen.theming.strings import Strings, unknown_language_warning

log = logging.getLogger(__name__)

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class BuildReport:
    pages: int
    files: int
    seconds: float
    output: Path
    warnings: tuple[str, ...] = ()
    sources: dict[str, str] = field(default_factory=dict)


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

    @cached_property
    def rendering_salt(self) -> bytes:
        """What shapes every page alike (templates, theme texts, configuration): worked out
        once per plan, for the page store and the preview alike."""
        return rendering_salt(self.config, rendering_dirs(self.root, self.config.theme))

    def extra_files(self, memo: Memo | None = None) -> list[tuple[str, bytes]]:
        """Feeds, sitemap, robots.txt and resized images: every file that is not a page or a static file."""
        hrefs = Urls.for_site(self.config)
        files = list(site_feeds(self.config, self.content.articles, self.content.clinicians, memo).items())
        files += [(u.sitemap(), sitemap_xml(self.jobs, hrefs, memo)), (u.robots(), robots_txt(hrefs))]
        images_cache = self.root / CACHE_DIR / "images" if self.caches else None
        return files + image_variants(self.root, self.content, images_cache)

    def guard(self) -> PrivacyGuard:
        theme = theme_dirs(self.root, self.config.theme)
        return PrivacyGuard(self.config.origin, self.config.allowed_origins, self.root, theme)

    def source_map(self) -> dict[str, str]:
        jobs = self.jobs
        return {u.output_path_for(j.path): j.source.split(":")[0] for j in jobs if j.source.startswith("content/")}


def plan_site(root: Path, options: BuildOptions, use_cache: bool, caches: ContentCaches | None = None) -> Planned:
    """Read the configuration and content and plan every page, or raise BuildFailed with every problem."""
    config = load_config(root)
    if use_cache and (caches is None or not caches.fits(root, config, options.today)):
        caches = ContentCaches(root, config, options.today)
    content, errors = load_content(root, config, options, caches if use_cache else None)
    assets = collect_static(root, config.theme)
    planner = SitePlanner(config, content, root, assets)
    jobs = planner.plan()
    errors += planner.errors
    if errors:
        raise BuildFailed(errors)
    warnings = []
    if planner.crisis is None:
        warnings.append("site.yaml: 'crisis: false' removes the crisis notice from every page")
    elif not planner.crisis.is_us_default and not any(page.slug == "crisis" for page in content.pages):
        warnings.append(
            "site.yaml: the crisis notice has your own wording, but there is no content/pages/crisis.md, "
            "so the built-in /crisis/ page repeats your notice rather than list US services; "
            "write content/pages/crisis.md with the services for your readers' region"
        )
    language = unknown_language_warning(root, config)
    if language:
        warnings.append(language)
    cached = caches if use_cache else None
    return Planned(root, config, options, content, assets, jobs, warnings, cached, planner.strings)


@dataclass
class Continued:
    """What a caller that builds again and again (the preview) hands to build() and gets back.

    Before the build: the parse caches to keep using, and where to remember feeds and the
    sitemap. After a successful build: the plan it followed, every file it wrote (the
    search bundle aside), each page's SHA-256, and the keys of the search index's parts
    (None when the search index was carried over rather than made).
    """

    caches: ContentCaches | None = None
    memo: Memo | None = None
    planned: Planned | None = None
    files: frozenset[str] = frozenset()
    digests: dict[str, bytes] = field(default_factory=dict)
    search_keys: dict[int, str] | None = None


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
) -> BuildReport:
    """Build the site at `root` into a staging folder that replaces `output` (default `root/output`)
    only when the whole build succeeded; or raise BuildFailed.

    One build runs at a time per project: `on_busy` says whether to wait for another
    (ProjectBusy if not). An output folder that is not safe to replace raises UnsafeOutput
    before anything is touched."""
    started = time.perf_counter()
    root = root.resolve()
    with project_lock(root, on_busy):
        output = checked_output(root, output or root / "output", follow_output_link)
        options = BuildOptions(drafts=drafts, today=today(), workers=workers or default_workers())
        stamp_key = options_key(drafts, options.today.isoformat(), output)
        inputs = inputs or input_digest(root, stamp_key)  # the CLI already took it for its up-to-date check
        planned = plan_site(root, options, use_cache, continued.caches if continued else None)
        files, digests, rendered, page_cache = _publish(planned, output, progress, refresh_search, continued)
        if planned.caches:
            planned.caches.save()
        if page_cache:
            page_cache.save(rendered)
        record(root, output, stamp_key, inputs)  # only now: the stamp covers what was published
    if continued:
        continued.caches, continued.planned, continued.files = planned.caches, planned, files
        continued.digests = digests
    seconds = time.perf_counter() - started
    jobs = planned.jobs
    return BuildReport(len(jobs), len(files), seconds, output, tuple(planned.warnings), planned.source_map())


def _publish(
    planned: Planned, output: Path, progress: Progress | None, refresh_search: bool, continued: Continued | None
) -> tuple[frozenset[str], dict[str, bytes], dict[str, Entry], PageCache | None]:
    """Render and write the planned site into staging, then swap it in as `output`."""
    root, config, jobs, use_cache = planned.root, planned.config, planned.jobs, planned.caches is not None
    bytecode = root / CACHE_DIR / "templates" if use_cache else None
    renderer = Renderer(make_environment(root, config.theme, planned.strings, bytecode))
    guard = planned.guard()
    with StagedOutput(output) as staged:
        for name, path in planned.assets.files:
            guard.check_static(name, path)
            staged.copy(u.static(name), path)
        page_cache = PageCache(root / CACHE_DIR / "pages.msgpack", planned.rendering_salt) if use_cache else None
        rendered = _render_all(jobs, renderer, staged, guard, root, progress, planned.options.workers, page_cache)
        digests = {relative: content for relative, (_, content) in rendered.items()}
        if guard.errors:
            raise BuildFailed(guard.errors)
        for relative, data in planned.extra_files(continued.memo if continued else None):
            staged.write(relative, data)
        if not refresh_search and (output / u.BUNDLE_DIR).is_dir():
            staged.reuse_tree(u.BUNDLE_DIR)  # the preview keeps its last index: a re-index takes seconds
        else:
            searchable = [u.output_path_for(job.path) for job in jobs if job.context["page"].searchable]
            search_cache = root / CACHE_DIR if use_cache else None
            workers = planned.options.workers
            keys = index_site(staged.staging, config.language, searchable, search_cache, workers, digests)
            if continued:
                continued.search_keys = keys
        staged.publish()
        log.info("published %s", output)
    return staged.written_files, digests, rendered, page_cache


def render_page(
    job: PageJob, renderer: Renderer, guard: PrivacyGuard, root: Path
) -> tuple[str | None, list[ContentError]]:
    """One page's HTML and the problems in it: a template error (then no HTML) or a remote load."""
    try:
        html = renderer.render(job)
    except jinja2.TemplateSyntaxError as exc:
        hint = "check the template's {% %} and {{ }} tags"
        return None, [
            ContentError(_template_path(exc.filename, root), exc.lineno, f"template error: {exc.message}", hint)
        ]
    except jinja2.TemplateError as exc:
        return None, [_template_error(exc, job, root)]
    return html, guard.check_page(html, job.source.split(":")[0], u.output_path_for(job.path))


def _render_all(
    jobs: list[PageJob],
    renderer: Renderer,
    staged: StagedOutput,
    guard: PrivacyGuard,
    root: Path,
    progress: Progress | None,
    workers: int,
    pages: PageCache | None,
) -> dict[str, Entry]:
    """Render and write every page that changed, on all cores; every problem is collected."""

    def render_one(job: PageJob) -> tuple[list[ContentError], str, Entry | None, bool]:
        relative = u.output_path_for(job.path)
        digest = PageCache.digest(job) if pages else b""
        kept = pages.reusable(relative, digest, staged.output) if pages else None
        if pages and kept:
            try:
                staged.link(relative, kept)
                return [], relative, pages.previous[relative], True
            except OSError:  # another build (a preview) tidied the store meanwhile: render it
                pass
        html, problems = render_page(job, renderer, guard, root)
        if html is None:
            return problems, relative, None, False
        data = html.encode("utf-8")
        content = hashlib.sha256(data).digest()
        try:
            staged.write(relative, data)
        except UnsafePath:
            problems.append(address_outside(job.source, job.path))
        if pages and not problems:
            pages.keep(staged.path_for(relative), content)
        return problems, relative, (digest, content), False

    errors: list[ContentError] = []
    record: dict[str, Entry] = {}
    reused = 0
    batch = max(200, len(jobs) // 10)
    for start in range(0, len(jobs), batch):
        for problems, relative, entry, was_reused in map_in_workers(render_one, jobs[start : start + batch], workers):
            errors += problems
            reused += was_reused
            if entry is not None and not problems:
                record[relative] = entry
        if progress:
            progress(min(start + batch, len(jobs)), len(jobs))
    staged.count_written(u.output_path_for(job.path) for job in jobs)
    if errors:
        raise BuildFailed(errors)
    log.info("rendered %d pages, reused %d unchanged", len(jobs) - reused, reused)
    return record


def image_variants(root: Path, content: Content, cache_dir: Path | None) -> list[tuple[str, bytes]]:
    """Every resized image the published content uses, each made once."""
    used = used_images(content)
    return [variant for name in used for variant in resized_variants(root, used[name], cache_dir)]


def address_outside(source: str, address: str) -> ContentError:
    """The problem of a page whose address would put it outside the output folder."""
    return ContentError(source, 0, f"the address '{address}' would leave the output folder", "use a plain slug")


def _template_error(exc: jinja2.TemplateError, job: PageJob, root: Path) -> ContentError:
    """Point at the template line that failed, found in the traceback Jinja rewrites for us."""
    tb = exc.__traceback__
    path, line = job.template, 0
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename.endswith(".html"):
            path, line = _template_path(filename, root), tb.tb_lineno
        tb = tb.tb_next
    return ContentError(
        path,
        line,
        f"template error while rendering /{job.path}: {exc}",
        "the template context is documented in sitegen/planning/context.py",
    )


def _template_path(filename: str | None, root: Path) -> str:
    if not filename:
        return "template"
    path = Path(filename)
    shown = display_path(path, root)
    return shown if not shown.startswith("/") else "sitegen-theme/" + path.name


def stderr_progress(done: int, total: int) -> None:
    sys.stderr.write(f"\r  rendering {done}/{total} pages")
    if done == total:
        sys.stderr.write("\n")
    sys.stderr.flush()

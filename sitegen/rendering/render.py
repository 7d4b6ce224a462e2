"""Render page jobs with Jinja2: strict, autoescaped, with a layered theme lookup.

Lookup order: the project's own `templates/`, then `themes/<theme>/templates/`, then
the default theme shipped inside sitegen. A theme author overrides one partial by
placing a file of the same name earlier in that order.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import cast

import jinja2
import jinja2.bccache
from markupsafe import Markup, escape

from sitegen.core.errors import ContentError, display_path
from sitegen.core.sealed import read_sealed, write_sealed
from sitegen.planning.booking import BookingCta
from sitegen.planning.page_job import PageJob
from sitegen.planning.views import DateText
from sitegen.reading.commonmark import name_back_links
from sitegen.reading.markup import BOOKING_PLACEHOLDER
from sitegen.rendering.environment import theme_environment
from sitegen.rendering.privacy import PrivacyGuard
from sitegen.rendering.shared_partials import SharingEnvironment
from sitegen.rendering.templates_beside import Prepared
from sitegen.theming.lookup import theme_dirs
from sitegen.theming.strings import Strings


def make_environment(
    root: Path, theme: str, strings: Strings, bytecode_dir: Path | None = None, prepared: Prepared | None = None
) -> SharingEnvironment:
    """A strict, autoescaping environment; compiled templates are kept in `bytecode_dir` between builds.

    Templates get the theme's texts in the site's language from `t(key, name=value)`. A template,
    once loaded, is not looked at again on every page (`auto_reload` off): a build's templates
    do not change under it, and a renderer kept between builds is used again only while they
    are as they were (Renderer.templates_unchanged). `prepared`: templates another process
    compiled meanwhile (templates_beside.py), used where their sources are these.
    """
    bytecode, reads = prepared or ({}, {})
    cache = None
    if bytecode_dir is not None:
        bytecode_dir.mkdir(parents=True, exist_ok=True)
        cache = SealedBytecodeCache(str(bytecode_dir), bytecode)
    env = theme_environment(theme_dirs(root, theme), cache, reads_dir=bytecode_dir, prepared_reads=reads)
    env.globals.update(t=strings.t, js_strings=strings.for_script, link=link, time_tag=time_tag, code=code)
    return env


def link(url: str, label: str) -> Markup:
    """`<a href="url">label</a>`, both escaped (unless already markup): for links inside a text."""
    return Markup(f'<a href="{escape(url)}">{escape(label)}</a>')


def time_tag(date: DateText) -> Markup:
    return Markup(f'<time datetime="{escape(date.iso)}">{escape(date.text)}</time>')


def code(text: str) -> Markup:
    return Markup(f"<code>{escape(text)}</code>")


class SealedBytecodeCache(jinja2.FileSystemBytecodeCache):
    """Compiled templates kept between builds; one this user's sitegen did not write is never run.
    A template another process compiled meanwhile (`prepared`, by Jinja's key) is used, and kept,
    as one compiled here: Jinja checks it was compiled from the source it has now."""

    def __init__(self, directory: str, prepared: Mapping[str, bytes] | None = None) -> None:
        super().__init__(directory)
        self._prepared = prepared or {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        data = read_sealed(Path(self._get_cache_filename(bucket)))
        if data is not None:
            bucket.bytecode_from_string(data)
        elif bucket.key in self._prepared:
            bucket.bytecode_from_string(self._prepared[bucket.key])
            if bucket.code is not None:
                self.dump_bytecode(bucket)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        with contextlib.suppress(OSError):  # a cache that cannot be written only costs speed
            write_sealed(Path(self._get_cache_filename(bucket)), bucket.bytecode_to_string())


class Renderer:
    def __init__(self, env: SharingEnvironment) -> None:
        self.env = env

    def templates_unchanged(self) -> bool:
        """Whether every template loaded so far is as it was loaded (one look at each file)."""
        return all(template.is_up_to_date for template in self.env.loaded())

    def render(self, job: PageJob) -> str:
        html = self.env.get_template(job.template).render(job.context)
        if BOOKING_PLACEHOLDER in html:
            html = html.replace(BOOKING_PLACEHOLDER, self.booking_block(job.inline_cta, job.context))
        return name_back_links(html, self._back_label)

    def _back_label(self, number: str) -> str:
        t = cast(Callable[..., Markup], self.env.globals["t"])
        return str(t("footnote_back", number=number))

    def booking_block(self, cta: BookingCta | None, context: Mapping[str, object]) -> str:
        if cta is None:
            return ""
        return self.env.get_template("partials/booking.html").render({**context, "cta": cta, "inline": True})


def render_page(
    job: PageJob, renderer: Renderer, guard: PrivacyGuard, root: Path
) -> tuple[str | None, list[ContentError]]:
    """One page's HTML and the problems in it: a template error (then no HTML) or a remote load."""
    try:
        html = renderer.render(job)
    except jinja2.TemplateSyntaxError as exc:
        hint = "check the template's {% %} and {{ }} tags"
        return None, [
            ContentError(template_path(exc.filename, root), exc.lineno, f"template error: {exc.message}", hint)
        ]
    except jinja2.TemplateError as exc:
        return None, [template_error(exc, job, root)]
    return html, guard.check_page(html, job.source.split(":")[0], job.output)


def template_error(exc: jinja2.TemplateError, job: PageJob, root: Path) -> ContentError:
    """Point at the template line that failed, found in the traceback Jinja rewrites for us."""
    tb = exc.__traceback__
    path, line = job.template, 0
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename.endswith(".html"):
            path, line = template_path(filename, root), tb.tb_lineno
        tb = tb.tb_next
    return ContentError(
        path,
        line,
        f"template error while rendering /{job.path}: {exc}",
        "the template context is documented in sitegen/planning/context.py",
    )


def template_path(filename: str | None, root: Path) -> str:
    if not filename:
        return "template"
    path = Path(filename)
    shown = display_path(path, root)
    return shown if not shown.startswith("/") else "sitegen-theme/" + path.name

"""Read articles, content pages and clinicians from `content/` into models."""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from sitegen.config.site_config import BookingVariant, SiteConfig
from sitegen.core.errors import ContentError, did_you_mean
from sitegen.core.links import LinkUrl
from sitegen.core.slugs import name_key, name_problem, slug_hint, slug_problem
from sitegen.reading.audio import rewrite_audio
from sitegen.reading.audio_files import AudioInfo
from sitegen.reading.frontmatter_source import SourceFile, meta_line, raw, read_meta, split_source
from sitegen.reading.images import (
    IMAGES_DIR,
    ImageInfo,
    image_info,
    image_problem,
    local_image_name,
    rewrite_images,
)
from sitegen.reading.licences import LicenceMeta, is_supervised, read_licences
from sitegen.reading.markup import BOOKING_PLACEHOLDER, render_markdown
from sitegen.reading.models import Article, Body, Clinician, Page, Source

T = TypeVar("T")


@dataclass(frozen=True)
class ArticleMeta:
    title: str = field(metadata={"hint": "add a line 'title: Your title' to the front matter"})
    category: str = field(metadata={"hint": "add 'category:' with one of the categories in site.yaml"})
    date: dt.date | None = None
    description: str = ""
    tags: tuple[str, ...] = ()
    author: str = ""
    updated: dt.date | None = None
    slug: str = ""
    image: str = ""
    image_alt: str = ""
    draft: bool = False
    cta: bool | str | BookingVariant = True
    aliases: tuple[str, ...] = ()
    reviewed_by: str = ""
    last_reviewed: dt.date | None = None
    content_note: str = ""


@dataclass(frozen=True)
class PageMeta:
    title: str = field(metadata={"hint": "add a line 'title: Your title' to the front matter"})
    description: str = ""
    slug: str = ""
    nav_label: str = ""
    cta: bool | str | BookingVariant = False


@dataclass(frozen=True)
class ClinicianMeta:
    name: str = field(metadata={"hint": "add 'name: Full Name' to the front matter"})
    credentials: str = ""
    pronouns: str = ""
    role: str = ""
    regions: tuple[str, ...] = ()
    specialties: tuple[str, ...] = ()
    photo: str = ""
    photo_alt: str = ""
    booking_url: LinkUrl = ""
    booking_label: str = ""
    order: int = 100
    licenses: tuple[LicenceMeta, ...] = ()
    supervisor: str = ""


_LOCATED_KEYS = ("licenses", "supervisor", "role", "name")
"""The clinician's keys a later warning may point at (see planning/licence_checks.py)."""

_NOT_A_FILE = "replace it with a plain Markdown file, or move it out of content/"


def read_source(path: Path, root: Path) -> tuple[SourceFile | None, list[ContentError]]:
    shown = path.relative_to(root).as_posix()
    if not path.is_file():  # a named pipe would make the build wait for ever; a folder cannot be read
        return None, [ContentError(shown, 1, "this is not an ordinary file, so sitegen cannot read it", _NOT_A_FILE)]
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        return None, [ContentError(shown, 1, f"not valid UTF-8 text ({exc.reason})", "save the file as UTF-8")]
    return split_source(shown, text)


def read_front_matter(path: Path, root: Path, cls: type[T]) -> tuple[SourceFile | None, T | None, list[ContentError]]:
    """A content file's source and validated front matter, or the problems that stop either."""
    source, errors = read_source(path, root)
    if source is None:
        return None, None, errors
    meta, reader = read_meta(source, cls)
    return source, meta, errors + reader.errors


def chosen_slug(
    source: SourceFile, file_name: str, config: SiteConfig, errors: list[ContentError], what: str = "slug"
) -> str:
    """The slug a file asks for with `slug:`, else its file name's (NFC, as macOS may hand
    over names decomposed); a slug that cannot make an address is a located error."""
    written = raw(source, "slug")
    explicit = isinstance(written, str)
    slug = written if isinstance(written, str) else unicodedata.normalize("NFC", file_name)
    problem = slug_problem(slug, config.slugs)
    if problem:
        where = meta_line(source, "slug") if explicit else 1
        named = what if explicit else "file name"
        message = f"the {named} '{shown_name(slug)}' {problem}"
        errors.append(ContentError(source.path, where, message, slug_hint(slug, config.slugs)))
    return slug


def shown_name(name: str) -> str:
    """A name as a message quotes it: invisible characters spelled out, a long one cut."""
    shown = "".join(c if c.isprintable() else c.encode("unicode_escape").decode("ascii") for c in name)
    return shown if len(shown) <= 60 else shown[:57] + "..."


def article_tags(
    source: SourceFile, tags: tuple[str, ...], config: SiteConfig, errors: list[ContentError]
) -> tuple[tuple[str, ...], tuple[int, ...]]:
    """An article's tags, each once ('Sleep' and 'sleep' are one), with the line each was written
    on. A tag needs an address of its own: a name with no letters or digits, or one too long for
    a folder, is a located error."""
    kept: dict[str, tuple[str, int]] = {}
    for index, tag in enumerate(tags):
        name = unicodedata.normalize("NFC", tag.strip())
        if not name:
            continue
        line = source.meta.line_of(("tags", index)) or meta_line(source, "tags")
        problem = name_problem(config.slug_of(name))
        if problem:
            message, hint = problem
            errors.append(ContentError(source.path, line, f"the tag '{shown_name(name)}' {message}", hint))
        else:
            kept.setdefault(name_key(name), (name, line))
    return tuple(name for name, _ in kept.values()), tuple(line for _, line in kept.values())


def parse_article(
    path: Path, root: Path, config: SiteConfig, today: dt.date
) -> tuple[Article | None, list[ContentError]]:
    source, meta, errors = read_front_matter(path, root, ArticleMeta)
    if source is None:
        return None, errors
    written = raw(source, "category")
    if isinstance(written, str):
        errors += category_problems(source, written, config)
    if meta is None:  # what the front matter's problems leave checkable is checked too: all at once
        return None, errors + body_problems(source, raw(source, "title"), root, config)
    if meta.date is None and not meta.draft:
        hint = "add 'date: YYYY-MM-DD', or 'draft: true' while it is unfinished"
        errors.append(ContentError(source.path, 1, "missing required key 'date'", hint))
    slug = chosen_slug(source, path.stem, config, errors)
    tags, tag_lines = article_tags(source, meta.tags, config, errors)
    hero = front_matter_image(source, "image", meta.image, meta.image_alt, root, config, errors)
    if errors:
        return None, errors + body_problems(source, meta.title, root, config)
    body = render_body(source, meta.title, root, config)
    if isinstance(body, list):
        return None, body
    body_html, word_count, images, audio = body
    scheduled = meta.date is not None and meta.date > today
    return Article(
        slug=slug,
        title=meta.title,
        date=meta.date,
        category=meta.category,
        tags=tags,
        tag_lines=tag_lines,
        author=meta.author,
        description=meta.description,
        updated=meta.updated,
        image=meta.image,
        image_alt=meta.image_alt,
        draft=meta.draft,
        cta=meta.cta,
        aliases=meta.aliases,
        alias_lines=tuple(source.meta.line_of(("aliases", index)) for index in range(len(meta.aliases))),
        cta_line=meta_line(source, "cta") if isinstance(meta.cta, str) else 0,
        reviewed_by=meta.reviewed_by,
        last_reviewed=meta.last_reviewed,
        content_note=meta.content_note,
        body=Body(body_html),
        hero=hero,
        images=images,
        audio=audio,
        word_count=word_count,
        source=Source(source.path, 1),
        scheduled=scheduled,
    ), []


def parse_page(path: Path, root: Path, config: SiteConfig) -> tuple[Page | None, list[ContentError]]:
    source, meta, errors = read_front_matter(path, root, PageMeta)
    if source is None:
        return None, errors
    if meta is None:
        return None, errors + body_problems(source, raw(source, "title"), root, config)
    slug = chosen_slug(source, path.stem, config, errors)
    if errors:
        return None, errors + body_problems(source, meta.title, root, config)
    body = render_body(source, meta.title, root, config)
    if isinstance(body, list):
        return None, body
    body_html, _, images, audio = body
    cta_line = meta_line(source, "cta") if isinstance(meta.cta, str) else 0  # only a variant's name is checked
    page = Page(
        slug,
        meta.title,
        meta.description,
        body_html,
        meta.cta,
        Source(source.path, 1),
        images,
        meta.nav_label,
        cta_line,
        audio,
    )
    return page, []


def parse_clinician(path: Path, root: Path, config: SiteConfig) -> tuple[Clinician | None, list[ContentError]]:
    source, meta, errors = read_front_matter(path, root, ClinicianMeta)
    if source is None:
        return None, errors
    if meta is None:
        return None, errors + body_problems(source, "", root, config)
    slug = chosen_slug(source, path.stem, config, errors)
    photo = front_matter_image(source, "photo", meta.photo, meta.photo_alt, root, config, errors)
    licences = read_licences(source, meta.licenses, config, errors)
    if errors:
        return None, errors + body_problems(source, "", root, config)
    body = render_body(source, "", root, config)
    if isinstance(body, list):
        return None, body
    bio, _, images, audio = body
    return Clinician(
        slug=slug,
        name=meta.name,
        credentials=meta.credentials,
        pronouns=meta.pronouns,
        role=meta.role,
        regions=meta.regions,
        specialties=meta.specialties,
        photo=photo,
        photo_alt=meta.photo_alt,
        images=images,
        audio=audio,
        booking_url=meta.booking_url,
        booking_label=meta.booking_label,
        order=meta.order,
        bio_html=bio,
        source=Source(source.path, 1),
        licences=licences,
        supervisor=meta.supervisor.strip(),
        supervised=is_supervised(meta.role, licences) or bool(meta.supervisor.strip()),
        lines=tuple((k, meta_line(source, k)) for k in _LOCATED_KEYS if raw(source, k) is not None),
    ), []


def category_problems(source: SourceFile, category: str, config: SiteConfig) -> list[ContentError]:
    """A category site.yaml does not declare, at the line that names it, with the nearest that it does."""
    categories = [c.name for c in config.categories]
    if category in categories:
        return []
    hint = did_you_mean(category, categories) or "declare it under 'categories:' in site.yaml"
    return [ContentError(source.path, meta_line(source, "category"), f"unknown category '{category}'", hint)]


def body_problems(source: SourceFile, title: object, root: Path, config: SiteConfig) -> list[ContentError]:
    """The body's own problems (an image or recording it names that is missing, say), for a file
    whose front matter has problems too, so the writer hears of all of them in one build."""
    body = render_body(source, title if isinstance(title, str) else "", root, config)
    return body if isinstance(body, list) else []


def render_body(
    source: SourceFile, title: str, root: Path, config: SiteConfig
) -> tuple[str, int, tuple[ImageInfo, ...], tuple[AudioInfo, ...]] | list[ContentError]:
    """A file's Markdown body as safe HTML with sized images and audio players, its word count,
    images and recordings; or its problems."""
    rendered = render_markdown(strip_title_line(source.body, title) if title else source.body, config.base_path)
    where = (source.path, source.body, source.body_line)
    html, errors, audio = rewrite_audio(rendered.html, root, config, *where)
    html, image_errors, images = rewrite_images(html, root, config.base_path, *where)
    errors += image_errors
    if html.rstrip().endswith(BOOKING_PLACEHOLDER):  # the block at the end of the page already stands there
        html = html.rstrip().removesuffix(BOOKING_PLACEHOLDER).rstrip() + "\n"
    return errors if errors else (html, rendered.word_count, tuple(images), tuple(audio))


def front_matter_image(
    source: SourceFile, key: str, value: str, alt: str, root: Path, config: SiteConfig, errors: list[ContentError]
) -> ImageInfo | None:
    """An `image:` or `photo:` from front matter: a file in content/images/ with alt text."""
    if not value:
        return None
    line = meta_line(source, key)
    if not alt.strip():
        errors.append(
            ContentError(
                source.path, line, f"the {key} has no '{key}_alt' text", "describe it for readers who cannot see it"
            )
        )
    name = local_image_name(config.base_path + value.lstrip("/"), config.base_path) if value.startswith("/") else None
    info = image_info(root, name) if name else None
    problem = image_problem(root, name) if name and info is None else None
    if problem is not None and problem.what != "was not found":
        errors.append(ContentError(source.path, line, f"the {key} {value} {problem.what}", problem.hint))
    elif info is None:
        errors.append(
            ContentError(
                source.path,
                line,
                f"the {key} {value} was not found",
                f"put the file in {IMAGES_DIR}/ and write '{key}: /images/<file name>'",
            )
        )
    return info


def strip_title_line(body: str, title: str) -> str:
    """Drop a leading '# Title' line: the page template already shows the title as its only <h1>."""
    stripped = body.lstrip("\n")
    first, _, rest = stripped.partition("\n")
    if first.startswith("# ") and _loose(first[2:]).startswith(_loose(title)[:20]):
        return "\n" * (len(body) - len(stripped) + 1) + rest
    return body


def _loose(text: str) -> str:
    return "".join(ch for ch in text.lower() if ch.isalnum())

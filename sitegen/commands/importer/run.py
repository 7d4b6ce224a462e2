"""Import files and folders into content/articles/, never overwriting what a writer made.

Re-running an import is safe: an article whose file already holds exactly the text the
import would write is "unchanged". A file that differs is left alone unless `--force`
is given *and* the import wrote that file before. What the import wrote is kept in
`.sitegen-cache/imported.json` (file → source and a SHA-256 of the text written), so
`--force` can never replace an article a writer created by hand. The record is saved after
each article written, so an import stopped part-way still knows what it wrote; if the record
is lost, `--force` falls back to refusing, the safe side.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sitegen.commands.importer.blocks import Note
from sitegen.commands.importer.html import NestedTooDeep
from sitegen.commands.importer.inputs import ReadError, collect, decode, read_input
from sitegen.commands.importer.page import read_page
from sitegen.commands.importer.post import PostDraft, draft_from_header, finish
from sitegen.commands.importer.site import SiteFacts, load_site_facts
from sitegen.commands.importer.text import read_text
from sitegen.commands.importer.wxr import WxrError, read_wxr
from sitegen.config.site_config import load_config
from sitegen.core import layout
from sitegen.core.errors import BuildFailed, ContentError
from sitegen.core.workspace import CACHE_DIR, project_lock

RECORD = f"{CACHE_DIR}/imported.json"


@dataclass(frozen=True)
class ArticleResult:
    path: str  # relative to the project, e.g. content/articles/quiet-mind.md
    status: str  # new, replaced, unchanged, or not written
    notes: tuple[Note, ...]
    reason: str = ""


@dataclass(frozen=True)
class FileResult:
    shown: str
    articles: tuple[ArticleResult, ...] = ()
    notes: tuple[Note, ...] = ()
    failure: str = ""

    @property
    def ok(self) -> bool:
        return not self.failure and all(a.status != "not written" for a in self.articles)


@dataclass(frozen=True)
class ImportReport:
    files: tuple[FileResult, ...]
    dry_run: bool

    @property
    def ok(self) -> bool:
        return all(f.ok for f in self.files)

    def lines(self) -> list[str]:
        out: list[str] = []
        for file in self.files:
            out.append(file.shown)
            out.extend("  " + note.render(file.shown) for note in file.notes)
            if file.failure:
                out.append(f"  not imported: {file.failure}")
            for article in file.articles:
                status = f"not written: {article.reason}" if article.reason else self._status(article.status)
                out.append(f"  -> {article.path} ({status})")
                out.extend("     " + note.render(file.shown) for note in article.notes)
        articles = [a for f in self.files for a in f.articles]
        counts = {s: sum(a.status == s for a in articles) for s in ("new", "replaced", "unchanged", "not written")}
        failed = sum(not f.ok for f in self.files)
        summary = ", ".join(f"{n} {self._status(s)}" for s, n in counts.items() if n) or "no articles"
        out.append(f"{len(self.files) - failed} of {len(self.files)} files imported: {summary}")
        if self.dry_run:
            out.append("dry run: nothing was written")
        return out

    def _status(self, status: str) -> str:
        if self.dry_run:
            return {"new": "would be new", "replaced": "would be replaced"}.get(status, status)
        return status


def import_posts(
    root: Path,
    inputs: list[Path],
    *,
    force: bool = False,
    dry_run: bool = False,
    today: dt.date,
    shown: Callable[[Path], str] = str,
) -> ImportReport:
    """Import every post in `inputs` (files, or folders searched for .txt, .html and .xml files).

    Every input is tried: one that cannot be read or written is a line of the report, and the
    record of what was written is saved after each article, so it survives a stop part-way.
    """
    facts = load_site_facts(root, load_config(root))
    if not facts.categories:
        hint = "every article needs one: declare them under 'categories:'"
        raise BuildFailed([ContentError("site.yaml", 0, "no categories are declared", hint)])
    results = []
    # The record lives in the cache, which a build checks and tidies; a dry run writes nothing at all.
    with contextlib.nullcontext() if dry_run else project_lock(root):
        run = _Run(root, facts, _load_record(root), {}, force=force, dry_run=dry_run)
        for path, failure in collect(inputs):
            if failure:
                results.append(FileResult(shown(path), failure=failure))
            else:
                results.append(_import_file(path, shown(path), run, today))
    return ImportReport(tuple(results), dry_run)


@dataclass(frozen=True)
class _Run:
    """Where one import writes, what the site has, and what it wrote (`record`) or means to (`planned`)."""

    root: Path
    facts: SiteFacts
    record: dict[str, Any]
    planned: dict[str, str]  # article file -> the input that makes it
    force: bool
    dry_run: bool


def _import_file(path: Path, source: str, run: _Run, today: dt.date) -> FileResult:
    try:
        drafts, notes = _read(path, run.facts)
        file_date = dt.datetime.fromtimestamp(path.stat().st_mtime, dt.UTC).date()
    except ReadError as exc:
        return FileResult(source, failure=str(exc))
    except OSError as exc:
        return FileResult(source, failure=f"cannot be read ({exc.strerror or exc})")
    articles = []
    for draft in drafts:
        done = finish(draft, run.facts, file_date, today)
        if done.failure:
            articles.append(ArticleResult(draft.title or "(untitled)", "not written", done.notes, done.failure))
        else:
            articles.append(_place(run, done.slug, done.text, done.notes, source))
    return FileResult(source, tuple(articles), tuple(notes))


def _read(path: Path, facts: SiteFacts) -> tuple[list[PostDraft], list[Note]]:
    kind, data = read_input(path)
    if kind == "wxr":
        try:
            return read_wxr(data, facts)
        except WxrError as exc:
            raise ReadError(str(exc)) from None
    text = decode(data, kind)
    if kind == "html":
        try:
            return [read_page(text, facts)], []
        except NestedTooDeep as exc:
            raise ReadError(str(exc)) from None
    header, blocks, notes = read_text(text, facts)
    return [draft_from_header(header, blocks, notes)], []


def _place(run: _Run, slug: str, text: str, notes: tuple[Note, ...], source: str) -> ArticleResult:
    """Write one article unless that would overwrite something the import did not write (or was not told to)."""
    relative = layout.article_file(slug)
    if relative in run.planned:
        same_name = f"{run.planned[relative]} makes an article of the same name"
        return ArticleResult(relative, "not written", notes, same_name)
    run.planned[relative] = source
    owner = run.facts.article_slugs.get(slug)
    if owner and owner != relative:
        return ArticleResult(relative, "not written", notes, f"its address /articles/{slug}/ is taken by {owner}")
    data = text.encode("utf-8")
    try:
        current = (run.root / relative).read_bytes()
    except FileNotFoundError:
        current = None
    except OSError as exc:
        return ArticleResult(relative, "not written", notes, f"the file there cannot be read ({exc.strerror or exc})")
    if current == data:
        return ArticleResult(relative, "unchanged", notes)
    refusal = _refusal(current, run.record.get(relative), force=run.force)
    if refusal:
        return ArticleResult(relative, "not written", notes, refusal)
    status = "new" if current is None else "replaced"
    if run.dry_run:
        return ArticleResult(relative, status, notes)
    try:
        _write_atomically(run.root / relative, data)
    except OSError as exc:
        return ArticleResult(relative, "not written", notes, f"the file cannot be written ({exc.strerror or exc})")
    run.record[relative] = {"source": source, "sha256": _digest(data)}
    return ArticleResult(relative, status, (*notes, *_save_record(run.root, run.record)))


def _refusal(current: bytes | None, written: Any, *, force: bool) -> str:
    """Why an existing file that differs from the import's text stays as it is; empty if it may be replaced."""
    if current is None:
        return ""
    if not force:
        edited = written and written.get("sha256") != _digest(current)
        why = "edited since it was imported; " if edited else ""
        hint = "use --force to replace it" if written else "it was not made by import; rename or remove it first"
        return f"the file exists ({why}{hint})"
    if not written:
        return "the file exists and was not made by import, so --force does not replace it"
    return ""


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _load_record(root: Path) -> dict[str, Any]:
    try:
        data = json.loads((root / RECORD).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    articles = data.get("articles") if isinstance(data, dict) else None
    return {k: v for k, v in articles.items() if isinstance(v, dict)} if isinstance(articles, dict) else {}


def _save_record(root: Path, record: dict[str, Any]) -> tuple[Note, ...]:
    """Save the record of what was written; if it cannot be, say what that means for the article just written."""
    data = json.dumps({"version": 1, "articles": record}, indent=1, sort_keys=True) + "\n"
    try:
        _write_atomically(root / RECORD, data.encode("utf-8"))
    except OSError as exc:
        why = f"written, but {RECORD} cannot be saved ({exc.strerror or exc})"
        return (Note(0, why + ": --force will not replace this article, as if a writer had made it"),)
    return ()


def _write_atomically(path: Path, data: bytes) -> None:
    """A temporary file renamed into place: a stop part-way leaves the old file or the new one, never half."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.tmp{os.getpid()}")
    try:
        temporary.write_bytes(data)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            temporary.unlink(missing_ok=True)
        raise

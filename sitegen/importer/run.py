"""Import files and folders into content/articles/, never overwriting what a writer made.

Re-running an import is safe: an article whose file already holds exactly the text the
import would write is "unchanged". A file that differs is left alone unless `--force`
is given *and* the import wrote that file before. What the import wrote is kept in
`.sitegen-cache/imported.json` (file → source and a SHA-256 of the text written), so
`--force` can never replace an article a writer created by hand. If that record is lost,
`--force` falls back to refusing, the safe side.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sitegen.cache import CACHE_DIR
from sitegen.config import load_config
from sitegen.errors import BuildFailed, ContentError
from sitegen.importer.blocks import Note
from sitegen.importer.inputs import ReadError, collect, decode, read_input
from sitegen.importer.page import read_page
from sitegen.importer.post import PostDraft, draft_from_header, finish
from sitegen.importer.site import SiteFacts, load_site_facts
from sitegen.importer.text import read_text
from sitegen.importer.wxr import WxrError, read_wxr

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
    """Import every post in `inputs` (files, or folders searched for .txt, .html and .xml files)."""
    facts = load_site_facts(root, load_config(root))
    if not facts.categories:
        hint = "every article needs one: declare them under 'categories:'"
        raise BuildFailed([ContentError("site.yaml", 0, "no categories are declared", hint)])
    record = _load_record(root)
    before = json.dumps(record, sort_keys=True)
    planned: dict[str, str] = {}
    results = []
    for path, failure in collect(inputs):
        if failure:
            results.append(FileResult(shown(path), failure=failure))
            continue
        try:
            drafts, notes = _read(path, facts)
        except ReadError as exc:
            results.append(FileResult(shown(path), failure=str(exc)))
            continue
        file_date = dt.datetime.fromtimestamp(path.stat().st_mtime, dt.UTC).date()
        articles = []
        for draft in drafts:
            done = finish(draft, facts, file_date, today)
            if done.failure:
                articles.append(ArticleResult(draft.title or "(untitled)", "not written", done.notes, done.failure))
                continue
            articles.append(
                _place(
                    root,
                    done.slug,
                    done.text,
                    done.notes,
                    shown(path),
                    facts,
                    record,
                    planned,
                    force=force,
                    dry_run=dry_run,
                )
            )
        results.append(FileResult(shown(path), tuple(articles), tuple(notes)))
    if not dry_run and json.dumps(record, sort_keys=True) != before:
        _save_record(root, record)
    return ImportReport(tuple(results), dry_run)


def _read(path: Path, facts: SiteFacts) -> tuple[list[PostDraft], list[Note]]:
    kind, data = read_input(path)
    if kind == "wxr":
        try:
            return read_wxr(data, facts)
        except WxrError as exc:
            raise ReadError(str(exc)) from None
    text = decode(data, kind)
    if kind == "html":
        return [read_page(text, facts)], []
    header, blocks, notes = read_text(text, facts)
    return [draft_from_header(header, blocks, notes)], []


def _place(
    root: Path,
    slug: str,
    text: str,
    notes: tuple[Note, ...],
    source: str,
    facts: SiteFacts,
    record: dict[str, Any],
    planned: dict[str, str],
    *,
    force: bool,
    dry_run: bool,
) -> ArticleResult:
    """Write one article unless that would overwrite something the import did not write (or was not told to)."""
    relative = f"content/articles/{slug}.md"
    target = root / relative
    if relative in planned:
        return ArticleResult(relative, "not written", notes, f"{planned[relative]} makes an article of the same name")
    planned[relative] = source
    owner = facts.article_slugs.get(slug)
    if owner and owner != relative:
        return ArticleResult(relative, "not written", notes, f"its address /articles/{slug}/ is taken by {owner}")
    status = "new"
    if target.exists():
        current = target.read_bytes()
        if current == text.encode("utf-8"):
            return ArticleResult(relative, "unchanged", notes)
        written = record.get(relative)
        if not force:
            edited = written and written.get("sha256") != _digest(current)
            why = "edited since it was imported; " if edited else ""
            hint = "use --force to replace it" if written else "it was not made by import; rename or remove it first"
            return ArticleResult(relative, "not written", notes, f"the file exists ({why}{hint})")
        if not written:
            return ArticleResult(
                relative,
                "not written",
                notes,
                "the file exists and was not made by import, so --force does not replace it",
            )
        status = "replaced"
    if not dry_run:
        target.parent.mkdir(parents=True, exist_ok=True)
        temporary = target.with_name(f".{target.name}.tmp{os.getpid()}")
        temporary.write_bytes(text.encode("utf-8"))
        os.replace(temporary, target)
        record[relative] = {"source": source, "sha256": _digest(text.encode("utf-8"))}
    return ArticleResult(relative, status, notes)


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _load_record(root: Path) -> dict[str, Any]:
    try:
        data = json.loads((root / RECORD).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    articles = data.get("articles") if isinstance(data, dict) else None
    return {k: v for k, v in articles.items() if isinstance(v, dict)} if isinstance(articles, dict) else {}


def _save_record(root: Path, record: dict[str, Any]) -> None:
    path = root / RECORD
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(f".tmp{os.getpid()}")
    temporary.write_text(
        json.dumps({"version": 1, "articles": record}, indent=1, sort_keys=True) + "\n", encoding="utf-8"
    )
    os.replace(temporary, path)

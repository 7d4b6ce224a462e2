"""Skip re-rendering pages whose inputs did not change since the last build.

A page's output is a pure function of its template set and its context. Each build
records, per output file, a digest of what it was rendered from and a digest of the bytes
written: its template and inputs when its planner can tell them (an article's page: the
article's digest and what every page shares; a listing: its articles' cards), so that its
context need not even be made; else its template and whole context. The next build
renders a page only when that digest changed; otherwise it links
the previous output's file, or, when `output/` was removed, the copy kept in the page
store (`.sitegen-cache/pages/`, files named by the digest of their bytes, hard-linked so
they cost no space while the output exists). Either is used only if its bytes still
have the recorded digest; a file whose inode, size and times are those recorded when the
output was published (untouched since: a write moves its change time) is known to without
reading it.
Anything else that shapes rendering (sitegen's version, every template file, the
configuration) goes into a salt that must match for any reuse at all.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import shutil
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any, Protocol

import msgspec

from sitegen.config.site_config import SiteConfig
from sitegen.core.code_version import code_version
from sitegen.core.heap import settled_heap
from sitegen.core.sealed import read_sealed_view, write_sealed
from sitegen.planning.page_job import DIGESTIBLE, PageJob

log = logging.getLogger(__name__)
PAGE_RECORD = "pages.msgpack"
"""The record of the last build's pages, in the project's cache."""
Entry = tuple[bytes, bytes]
"""A page's record: the digest of what it was rendered from, and the SHA-256 of its bytes."""
Stamp = tuple[int, int, int, int]
"""A published page's inode, size, modification and change times: while they hold, so do its bytes."""
_RECORD = msgspec.msgpack.Decoder(tuple[bytes, dict[str, Entry], dict[str, Stamp]])
RenderedFrom = tuple[str, object, Any]


class FileFacts(Protocol):
    """What a build reads of a file's stat(): os.stat_result has it, and so does Vouched."""

    @property
    def st_ino(self) -> int: ...
    @property
    def st_dev(self) -> int: ...
    @property
    def st_size(self) -> int: ...
    @property
    def st_mtime_ns(self) -> int: ...
    @property
    def st_ctime_ns(self) -> int: ...


class Vouched:
    """The stat() facts of a page a survey found with its recorded stamp, on `device`: the build
    takes them without a call (and without making an os.stat_result, 2 µs a page)."""

    __slots__ = ("st_ctime_ns", "st_dev", "st_ino", "st_mtime_ns", "st_size")

    def __init__(self, stamp: Stamp, device: int) -> None:
        self.st_ino, self.st_size, self.st_mtime_ns, self.st_ctime_ns = stamp
        self.st_dev = device


Found = tuple[str, FileFacts]
"""A file holding a page's bytes, and what the system said of it when it was checked."""


def rendered_from(job: PageJob) -> RenderedFrom:
    """What a page is rendered from: its template with its inputs when its planner knows them, else
    with its context and booking block."""
    if job.inputs is not None:
        return (job.template, job.inputs, None)
    return (job.template, job.context, job.inline_cta)


def rendering_salt(config: SiteConfig, template_dirs: list[Path]) -> bytes:
    """A digest of what shapes every page alike: which sitegen renders it, the configuration, every
    template and the theme's texts."""
    salt = hashlib.sha256(code_version() + f"\0{config!r}\0".encode())
    for folder in template_dirs:
        for file in sorted(folder.rglob("*")):
            if file.is_file():
                name = f"{folder.name}/{file.relative_to(folder).as_posix()}"
                salt.update(name.encode() + b"\0" + file.read_bytes())
    return salt.digest()


class PageCache:
    def __init__(self, path: Path, salt: bytes) -> None:
        self.path = path
        self.store = path.with_suffix("")
        self._store_made = False
        self._mark = path.with_suffix(".adding")
        """Present while a build may be adding pages to the store that no record names yet: one
        that is there when no build is under way was left by a build that was killed or failed."""
        self._added = False
        self._stored: set[bytes] | None = None
        """The pages the store holds, as this process knows them (None: not known, so read it)."""
        self._record: Stamp | None = None
        """The record file as this process last read or wrote it: if another wrote it since, what
        the store holds is read again."""
        self.salt = salt  # rendering_salt() of the plan: no page is reused under another
        self.previous: dict[str, Entry] = {}
        self.stamps: dict[str, Stamp] = {}
        """Each page's file as the last build published it (see Stamp)."""
        self.published_to: Path | None = None
        """The output folder this build publishes to, whose pages save() stamps."""
        self.in_place: frozenset[str] = frozenset()
        """Pages of the output this process published itself, and is now updating in place."""
        self.rendered_from: dict[str, RenderedFrom] = {}
        """What each of those pages was rendered from, kept in memory between one process's builds."""
        self.checked: dict[str, Stamp] = {}
        """This build's pages whose published file was looked at, and left as it was (see settled())."""
        self._vouched: tuple[str, int, frozenset[str]] | None = None
        """A survey's word for the pages of an output (see vouch())."""
        sealed = read_sealed_view(path)  # a record copied in from elsewhere never decides what is reused
        try:
            with settled_heap():
                salt, pages, stamps = _RECORD.decode(sealed) if sealed is not None else (b"", {}, {})
        except (msgspec.DecodeError, msgspec.ValidationError) as exc:  # another version's: render everything
            log.info("ignoring unreadable page record %s: %s", path, exc)
            salt, pages, stamps = b"", {}, {}
        if salt == self.salt:
            self.previous, self.stamps = pages, stamps
            self._stored = {content for _, content in pages.values()}
            self._record = stamp_of(path)

    def vouch(self, output: str, record: Stamp | None, device: int, unlike: frozenset[str]) -> None:
        """Take a survey's word (publishing/disk_survey.py) that every page of `output` (on `device`)
        but those `unlike` was found with its recorded stamp, when it read this very record."""
        self._vouched = (output, device, unlike) if record is not None and record == self._record else None

    def start(self, published_to: Path, in_place: frozenset[str]) -> None:
        """Begin a build that publishes to `published_to` (updating the pages `in_place` there, for
        the preview): what an earlier build of this process found (one that failed, say) is forgotten."""
        self.published_to, self.in_place = published_to, in_place
        self.checked, self._added = {}, False

    def unchanged(self, job: PageJob) -> Entry | None:
        """The record of a page in the output being updated in place, if it would render as it is:
        its template and context equal those it was last rendered from (cheaper than a digest,
        as most of a context is the very objects the last plan held)."""
        relative = job.output
        if relative in self.in_place and self.rendered_from.get(relative) == rendered_from(job):
            return self.previous.get(relative)
        return None

    def remember(self, jobs: list[PageJob], record: dict[str, Entry]) -> None:
        """Keep this build's record, and what each page was rendered from, for the next build in place."""
        self.previous = record
        self.rendered_from = {job.output: rendered_from(job) for job in jobs}

    def note(self, job: PageJob, entry: Entry) -> None:
        """A page rewritten between two builds in place (the preview's search page, naming a new index)."""
        self.previous = {**self.previous, job.output: entry}
        self.rendered_from[job.output] = rendered_from(job)

    @staticmethod
    def digest(job: PageJob) -> bytes:
        """What the page is rendered from, digested: its template and inputs, when its planner knows
        them (then its context need not be made), else its template, context and booking block."""
        if job.inputs is not None:
            return hashlib.sha256(DIGESTIBLE.encode(("inputs", job.template, job.inputs))).digest()
        payload = DIGESTIBLE.encode((job.template, job.context, job.inline_cta))
        return hashlib.sha256(payload).digest()

    def reusable(self, relative: str, digest: bytes, previous_output: str) -> Found | None:
        """A file holding exactly what rendering this page would write (the previous output's or the
        store's), with what the system said of it when it was checked."""
        entry = self.previous.get(relative)
        if entry is None or entry[0] != digest:
            return None
        stamp = self.stamps.get(relative)
        candidate = f"{previous_output}/{relative}"  # strings, not Paths: once per page
        vouched = self._vouched
        if vouched and stamp is not None and vouched[0] == previous_output and relative not in vouched[2]:
            return candidate, Vouched(stamp, vouched[1])  # found with its stamp by the survey
        found = _holding(candidate, stamp, entry[1])
        if found is None:  # a store copy shares the published file's inode, and so its stamp
            found = _holding(os.path.join(self.store, entry[1].hex()), stamp, entry[1])
        return found

    def vouched_stamps(self, relatives: Iterable[str], previous_output: str) -> tuple[dict[str, Stamp], int]:
        """Of `relatives` (pages whose digest is their last one), those a survey found in
        `previous_output` with their recorded stamps, by path, and the device it found them on:
        what reusable() says of each of them, for thousands at once."""
        vouched = self._vouched
        if not vouched or vouched[0] != previous_output:
            return {}, -1
        stamps, unlike = self.stamps, vouched[2]
        found = {r: stamp for r in relatives if r not in unlike and (stamp := stamps.get(r)) is not None}
        return found, vouched[1]

    def settled_as(self, stamps: Mapping[str, Stamp]) -> None:
        """settled() for many pages at once, each left as the file its stamp describes."""
        self.checked.update(stamps)

    def settled(self, relative: str, info: FileFacts) -> None:
        """Note that the file a page was found in (`info`) is the very file this build publishes,
        left as it was: its stamp is known, and save() need not look at it again."""
        self.checked[relative] = _stamp(info)

    def adding(self) -> None:
        """Say, before any page is put in the store, that this build may add some (pages that
        a killed or failed build added are then found and removed by the next save())."""
        if self._added:
            return
        self._added = True
        try:
            self._mark.parent.mkdir(parents=True, exist_ok=True)
            os.close(os.open(self._mark, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600))
        except FileExistsError:  # left by a build that never saved
            self._stored = None
        except OSError:
            self._stored = None

    def keep(self, written: Path, content_digest: bytes) -> None:
        """Put a freshly written page in the store (a hard link where the file system allows)."""
        kept = self.store / content_digest.hex()
        if not self._store_made:
            self.store.mkdir(parents=True, exist_ok=True)
            self._store_made = True
        try:
            os.link(written, kept)
        except FileExistsError:
            pass
        except OSError:  # another file system: keep a copy, written whole before it gets its name
            temporary = kept.with_name(f".{kept.name}.tmp{os.getpid()}")
            shutil.copyfile(written, temporary)
            os.replace(temporary, kept)

    def save(self, pages: dict[str, Entry]) -> None:
        """Record this build's pages, and drop stored pages no page has any more."""
        wanted = {content for _, content in pages.values()}
        self._tidy(wanted)
        stamps = {}
        if self.published_to is not None:
            folder, checked = str(self.published_to), self.checked
            for relative in pages:
                stamp = checked.get(relative)
                if stamp is None:  # written or linked by this build: looked at now, as published
                    with contextlib.suppress(OSError):
                        stamps[relative] = _stamp(os.stat(f"{folder}/{relative}"))
                else:
                    stamps[relative] = stamp
        self.checked = {}
        self.stamps = stamps
        write_sealed(self.path, msgspec.msgpack.encode((self.salt, pages, stamps)))
        self._stored, self._record = wanted, stamp_of(self.path)
        if self._added or self._mark.exists():
            with contextlib.suppress(OSError):
                os.unlink(self._mark)
        self._added = False

    def _tidy(self, wanted: set[bytes]) -> None:
        """Remove the stored pages not `wanted`: those the last record named that this one does
        not, when the store is known to hold just those; else each one read from the folder."""
        known = self._stored
        if known is None or stamp_of(self.path) != self._record or (not self._added and self._mark.exists()):
            with contextlib.suppress(OSError):
                keep = {content.hex() for content in wanted}
                for stored in os.scandir(self.store):
                    if stored.name not in keep:
                        os.unlink(stored.path)
            return
        for content in known - wanted:
            with contextlib.suppress(OSError):
                os.unlink(os.path.join(self.store, content.hex()))


def _holding(candidate: str, stamp: Stamp | None, content: bytes) -> Found | None:
    """The file `candidate` with what the system says of it, if it holds the bytes whose SHA-256 is
    `content`: known without reading it when it still has the `stamp` recorded at publish."""
    try:
        info = os.stat(candidate)
        if stamp is not None and _stamp(info) == stamp:
            return candidate, info  # the very file published, untouched since
        with open(candidate, "rb") as kept:
            if hashlib.sha256(kept.read()).digest() == content:
                return candidate, info
    except OSError:
        pass
    return None


def recorded_stamps(path: Path) -> dict[str, Stamp]:
    """The stamps of the pages the record at `path` names, as the build that wrote it published them."""
    sealed = read_sealed_view(path)
    try:
        return _RECORD.decode(sealed)[2] if sealed is not None else {}
    except (msgspec.DecodeError, msgspec.ValidationError):
        return {}


def unlike_stamps(output: str, stamps: dict[str, Stamp], device: int) -> list[str]:
    """The pages whose file in `output` is not the one with the recorded stamp on `device` (the
    very check reusable() makes before it believes a file without reading it)."""
    unlike = []
    for relative, stamp in stamps.items():
        try:
            info = os.stat(f"{output}/{relative}")
        except OSError:
            unlike.append(relative)
            continue
        if _stamp(info) != stamp or info.st_dev != device:
            unlike.append(relative)
    return unlike


def stamp_of(path: Path) -> Stamp | None:
    try:
        return _stamp(os.stat(path, follow_symlinks=False))
    except OSError:
        return None


def _stamp(info: FileFacts) -> Stamp:
    return (info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns)

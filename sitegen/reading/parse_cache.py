"""A persistent cache of parsed articles and journeys in `.sitegen-cache/`, only ever an optimisation.

Each entry is keyed by the file's bytes together with everything else that shapes its
parse (sitegen's version, the configuration, the images folder, "today"), so a stale
entry can never be found. Entries are plain data (msgpack, decoded into the models'
own types by msgspec, which checks every field): reading one never runs code. A
missing, unreadable, corrupt or foreign cache is simply rebuilt, and the output is
byte-identical either way.

Beside the entries, each article file's stamp (modification and change times, size, inode)
is kept with its key, so the next build reads only the files whose stamp changed: any write
moves a file's change time, which no program can set back.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import hashlib
import logging
import os
import stat
import time
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Generic, TypeVar

import msgspec

from sitegen.config.site_config import BookingVariant, SiteConfig
from sitegen.core.code_version import code_version
from sitegen.core.errors import ContentError
from sitegen.core.heap import settled_heap
from sitegen.core.sealed import read_sealed_view, write_sealed
from sitegen.core.workspace import CACHE_DIR as CACHE_DIR
from sitegen.reading.audio import audio_signature
from sitegen.reading.audio_files import AudioInfo
from sitegen.reading.cached_bodies import BodiesFile, BodiesWriter, KeptBodies, inline
from sitegen.reading.cards import card_digest
from sitegen.reading.folder_stamps import folder_stamps
from sitegen.reading.images import IMAGES_DIR, ImageInfo
from sitegen.reading.models import Article, Body, Day, Journey, Section, Source, Week

_SETTLED_NS = 2_000_000_000
_FEW_IN = 16
"""While at most one entry in this many was added since the main file was written, and at most
as many of its own are unused, the new ones are kept in the file beside it; more, and the main
file is written anew."""
log = logging.getLogger(__name__)

_MODELS = repr(
    [
        (model.__name__, [(f.name, str(f.type)) for f in dataclasses.fields(model)])
        for model in (Journey, Week, Day, Section, ImageInfo, AudioInfo, BookingVariant, ContentError)
    ]
    + [(m.__name__, [(f.name, str(f.type)) for f in msgspec.structs.fields(m)]) for m in (Article, Source)]
    + [Body.__name__, "bodies apart"]
)
"""The shape of what is cached: an entry written before a model gained a field is never read."""
_INLINE = msgspec.msgpack.Encoder(enc_hook=inline)
"""Entries with their bodies in them: their digests, and the small file of recent entries."""
ArticleResult = tuple[Article | None, list[ContentError]]
JourneyResult = tuple[Journey | None, list[ContentError]]
T = TypeVar("T")
FileStamp = tuple[int, int, int, int]
TakenStamp = tuple[int, int, int, int, int]
"""A stamp the input check took (publishing/uptodate.py's InputStamp): the file's mode, then its FileStamp."""
Stamps = dict[str, tuple[FileStamp, bytes]]


class ParseCache(Generic[T]):
    """Parse results of one kind (`entry`: the type each entry decodes to), by key."""

    def __init__(
        self,
        root: Path,
        name: str,
        config: SiteConfig,
        today: dt.date,
        entry: object,
        card: Callable[[T], bytes | None] | None = None,
    ) -> None:
        self.root = root
        self.path = root / CACHE_DIR / f"{name}.msgpack"
        self.recent_path = root / CACHE_DIR / f"{name}.recent.msgpack"
        """The entries added since the main file was written, beside it: an edit writes a few
        entries, not every article again (at 10,000 articles, 60 MB encoded, sealed and written)."""
        self._in_main: frozenset[bytes] = frozenset()
        """The keys the main file holds, when its salt is this cache's."""
        self.salt = parse_salt(root, config, today)
        self.entries: dict[bytes, T] = {}
        self.used: dict[bytes, T] = {}
        self.digests: dict[bytes, bytes] = {}
        """Each entry's SHA-256, by key: what a page made from it depends on, however it was found."""
        self._card = card
        self.cards: dict[bytes, bytes] = {}
        """Each entry's card digest (`card` of it), by key: made when it is put, kept with it."""
        self.bodies_path = root / CACHE_DIR / f"{name}.bodies"
        """The bodies of the main file's articles (cached_bodies.py): most builds read few of them."""
        self._shape = tuple[
            bytes,
            dict[bytes, entry],  # type: ignore[valid-type]
            dict[str, tuple[FileStamp, bytes]],
            dict[bytes, bytes],
            dict[bytes, bytes],
            KeptBodies | None,
        ]
        self._stamps: dict[str, tuple[FileStamp, bytes]] = {}
        """Each file's stamp and key, by its path as text: a Path for each of 10,000 files costs a tenth of a second."""
        self._saved_stamps: dict[str, tuple[FileStamp, bytes]] = {}
        self._main_stamps: Stamps = {}
        """The stamps the main file holds: the file beside it keeps only those that differ."""
        self._load()

    def key(self, path: Path, data: bytes) -> bytes:
        """The key of what `path` holds: two files with the same bytes are still two entries (each
        knows its own file and slug)."""
        try:
            named = path.relative_to(self.root).as_posix()
        except ValueError:
            named = path.as_posix()
        return hashlib.sha256(self.salt + named.encode("utf-8", "surrogateescape") + b"\0" + data).digest()

    def file_key(self, path: str | Path, taken: Mapping[str, TakenStamp] | None = None) -> bytes:
        """The key of a file's bytes. A file whose stamp is unchanged since it was last read (in
        this process, or by the build that saved the cache) is not read again, unless it was
        modified too recently for its stamp to prove anything (a second save within one clock
        tick keeps the time). `taken`: stamps this build took already, by path (uptodate.py)."""
        named = os.fspath(path)
        found = taken.get(named) if taken else None
        if found is None:
            info = os.stat(named)
            found = (info.st_mode, info.st_mtime_ns, info.st_ctime_ns, info.st_size, info.st_ino)
        mode, stamp = found[0], found[1:]
        known = self._stamps.get(named)
        if known is not None and known[0] == stamp:
            return known[1]
        file = Path(path)
        key = self.key(file, file.read_bytes() if stat.S_ISREG(mode) else b"")  # a pipe could block for ever
        if time.time_ns() - max(stamp[0], stamp[1]) > _SETTLED_NS:
            self._stamps[named] = (stamp, key)
        return key

    def forget(self, changed: frozenset[Path]) -> None:
        """Read these files again, whatever their stamps say (the preview's watcher saw them
        change): covers clocks and file systems whose stamps cannot tell two saves apart."""
        folders = []
        for path in changed:
            if self._stamps.pop(os.fspath(path), None) is None and not path.is_file():
                folders.append(os.path.join(path, ""))  # a folder (or something gone): forget what was inside it
        if folders:
            for named in [n for n in self._stamps if n.startswith(tuple(folders))]:
                del self._stamps[named]

    def get(self, key: bytes) -> T | None:
        found = self.entries.get(key)
        if found is not None:
            self.used[key] = found
        return found

    def put(self, key: bytes, value: T) -> None:
        self.used[key] = value
        self.digests[key] = hashlib.sha256(_INLINE.encode(value)).digest()
        card = self._card(value) if self._card else None
        if card is not None:
            self.cards[key] = card

    def digest(self, key: bytes) -> bytes | None:
        """The SHA-256 of the entry under `key` (found or put by this build): equal digests, equal entries."""
        return self.digests.get(key)

    def card(self, key: bytes) -> bytes | None:
        """The card digest of the entry under `key` (found or put by this build), if it has a card."""
        return self.cards.get(key)

    def roll(self) -> None:
        """Look up, from now on, exactly the entries this build used (a preview keeps the cache open)."""
        self.entries, self.used = self.used, {}
        self.digests = {key: self.digests[key] for key in self.entries if key in self.digests}
        self.cards = {key: self.cards[key] for key in self.entries if key in self.cards}

    def save(self) -> None:
        """Keep exactly the entries this build used, and the stamps of the files they came from,
        written atomically."""
        stamps = {path: found for path, found in self._stamps.items() if found[1] in self.used}
        if self.used.keys() == self.entries.keys() and stamps == self._saved_stamps:
            self.roll()
            return
        added = {key: entry for key, entry in self.used.items() if key not in self._in_main}
        unused = len(self._in_main) - (len(self.used) - len(added))
        few = len(self.used) // _FEW_IN
        if self._in_main and len(added) <= few and unused <= few:
            self._write(self.recent_path, added, _changed(self._main_stamps, stamps), None)
        else:  # the main file anew, with exactly what this build used
            self._write(self.path, self.used, stamps, BodiesWriter())
            with contextlib.suppress(FileNotFoundError):
                os.unlink(self.recent_path)  # a killed build may leave it: its entries are still sound
            self._in_main, self._main_stamps = frozenset(self.used), stamps
        self._stamps = self._saved_stamps = stamps
        self.roll()

    def _write(self, path: Path, entries: dict[bytes, T], stamps: Stamps, apart: BodiesWriter | None) -> None:
        """Write `entries` sealed, with their bodies in the bodies file (`apart`), written first, or inline."""
        digests = {key: self.digests[key] for key in entries if key in self.digests}
        cards = {key: self.cards[key] for key in entries if key in self.cards}
        encoded = msgspec.msgpack.Encoder(enc_hook=apart.apart).encode(entries) if apart else _INLINE.encode(entries)
        kept = apart.write(self.bodies_path) if apart else None
        write_sealed(path, msgspec.msgpack.encode((self.salt, msgspec.Raw(encoded), stamps, digests, cards, kept)))

    def _load(self) -> None:
        """The main file's entries, then those added since (the stamps are the newer file's)."""
        main = self._read(self.path)
        if main is None:
            return
        entries, stamps, self.digests, self.cards = main
        self._in_main, self._main_stamps = frozenset(entries), stamps
        recent = self._read(self.recent_path)
        if recent is not None:
            entries.update(recent[0])
            self.digests.update(recent[2])
            self.cards.update(recent[3])
            stamps = {**stamps, **recent[1]}  # a file no longer kept has the key of no entry: dropped below
        self.entries = entries
        self._stamps = {named: found for named, found in stamps.items() if found[1] in entries}
        self._saved_stamps = dict(self._stamps)

    def _read(
        self, path: Path
    ) -> tuple[dict[bytes, T], dict[str, tuple[FileStamp, bytes]], dict[bytes, bytes], dict[bytes, bytes]] | None:
        # The seal keeps a cache copied in from elsewhere from changing what is built.
        sealed = read_sealed_view(path)
        if sealed is None:
            return None
        bodies = BodiesFile(self.bodies_path)
        decoder = msgspec.msgpack.Decoder(self._shape, dec_hook=bodies.body)
        try:
            with settled_heap():
                salt, entries, stamps, digests, cards, kept = decoder.decode(sealed)
        except (msgspec.DecodeError, msgspec.ValidationError) as exc:  # another version's, or damaged: rebuilt
            log.info("ignoring unreadable cache %s: %s", path, exc)
            return None
        if salt != self.salt or not bodies.attach(kept):
            return None
        return entries, stamps, digests, cards


_NOT_KEPT = ((0, 0, 0, 0), b"")
"""The stamp, in the file beside the main one, of a file whose stamp the main file still holds
but this build did not keep: its key is no entry's, so it is dropped when the stamps are read."""


def _changed(main: Stamps, now: Stamps) -> Stamps:
    """The stamps that differ from the main file's (at 10,000 articles an edit changes one, and
    writing all of them beside the main file took 3 ms, and reading them back 4 ms)."""
    changed = {named: found for named, found in now.items() if main.get(named) != found}
    changed.update(dict.fromkeys(main.keys() - now.keys(), _NOT_KEPT))
    return changed


def _article_card(result: ArticleResult) -> bytes | None:
    return card_digest(result[0]) if result[0] is not None else None


def parse_salt(root: Path, config: SiteConfig, today: dt.date) -> bytes:
    """Everything besides a file's own bytes that shapes how it parses: the images and the
    recordings it may refer to among them."""
    salt = hashlib.sha256(code_version())
    media = (_images_signature(root), audio_signature(root, config))
    for part in (_MODELS, repr(config), today.isoformat(), *media):
        salt.update(part.encode("utf-8"))
        salt.update(b"\0")
    return salt.digest()


def _images_signature(root: Path) -> str:
    return "\n".join(folder_stamps(root / IMAGES_DIR))


class ContentCaches:
    """The parse caches a build uses, opened and saved together."""

    def __init__(self, root: Path, config: SiteConfig, today: dt.date) -> None:
        self.articles: ParseCache[ArticleResult] = ParseCache(
            root, "articles", config, today, ArticleResult, _article_card
        )
        self.journeys: ParseCache[JourneyResult] = ParseCache(root, "journeys", config, today, JourneyResult)

    def fits(self, root: Path, config: SiteConfig, today: dt.date) -> bool:
        """Whether these caches still apply (same configuration, day, images and recordings), so can stay open."""
        return self.articles.salt == parse_salt(root, config, today)

    def save(self) -> None:
        self.articles.save()
        self.journeys.save()

    def roll(self) -> None:
        self.articles.roll()
        self.journeys.roll()

    def forget(self, changed: frozenset[Path]) -> None:
        self.articles.forget(changed)
        self.journeys.forget(changed)

"""The parts of the search index kept in the project's cache, and the proof that a copy of one
in the site is whole.

Each part lives in the cache (`.sitegen-cache/pagefind/<n>/`) with a sealed record of what it
was made from (its key), the digest of its bytes (which names its folder in the site), its
files, and each file's inode, size and times. The site's copy of a part is hard links to the
same files. A copy whose every file still has the recorded inode, size and times is known to
hold the recorded bytes without reading them (writing to a file, or linking or unlinking it,
moves its change time), so an unchanged part costs a `stat` per file, not a read; anything
else is checked byte for byte, or made again.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import stat
from pathlib import Path

import msgspec

from sitegen.core.sealed import read_sealed, write_sealed
from sitegen.core.urls import DIGEST_LENGTH, search_bundle
from sitegen.core.workspace import discard

Stamp = tuple[int, int, int, int]
"""A file's inode, size, modification and change times: while they hold, so do its bytes."""
PARTS_FOLDER = "pagefind"
"""Where the parts are kept, in the project's cache."""


class Part(msgspec.Struct, frozen=True):
    """One part of the index: what it was made from, the SHA-256 of its bytes, and its files."""

    key: str
    digest: str
    files: list[str]
    stamps: list[Stamp]

    @property
    def name(self) -> str:
        """Its folder's name in the site: the digest, as short as every other name made from bytes."""
        return self.digest[:DIGEST_LENGTH]

    @property
    def bundle(self) -> str:
        """Its folder in the site, by site path."""
        return search_bundle(self.name)

    @property
    def identity(self) -> bytes:
        """Its record, digested: what a survey found of a part (disk_survey.py) holds for the part
        recorded exactly so."""
        return hashlib.blake2b(msgspec.msgpack.encode(self), digest_size=16).digest()


_PART = msgspec.msgpack.Decoder(Part)


class PartCache(msgspec.Struct, frozen=True):
    """The parts kept in `folder` (the cache's `pagefind/`), by number."""

    folder: Path

    def files_of(self, index: int) -> Path:
        return self.folder / str(index)

    def record_of(self, index: int) -> Path:
        return self.folder / f"{index}.part"

    def recorded(self, index: int, key: str) -> Part | None:
        """The record of part `index`, if it was made from `key` (its files not yet checked)."""
        sealed = read_sealed(self.record_of(index))  # a part another user's cache offers is never published
        try:
            part = _PART.decode(sealed) if sealed is not None else None
        except (msgspec.DecodeError, msgspec.ValidationError):
            return None
        return part if part is not None and part.key == key else None

    def whole(self, index: int, part: Part) -> Part | None:
        """The recorded part, if the cache's files of it are whole (restamped if they were touched)."""
        folder = self.files_of(index)
        if intact(folder, part):
            return part
        if listing(folder) != part.files or contents_digest(folder, part.files) != part.digest:
            return None
        return self.restamp(index, part)  # whole, but touched since (linked elsewhere, say)

    def store(self, index: int, key: str, made: Path) -> Part:
        """Keep the part Pagefind just made in `made` (its files linked, not copied)."""
        files = listing(made)
        digest = contents_digest(made, files)
        discard(self.record_of(index))
        discard(self.files_of(index))  # a file or a folder, whichever damage left there
        link_all(made, files, self.files_of(index))
        return self.restamp(index, Part(key, digest, files, []))

    def retire(self, index: int) -> Path:
        """Take part `index` out of the cache (it is to be made again); returns where its files
        went, to be removed."""
        discard(self.record_of(index))
        retired = self.folder / f"{index}.retired"
        discard(retired)
        with contextlib.suppress(FileNotFoundError):
            os.rename(self.files_of(index), retired)
        return retired

    def restamp(self, index: int, part: Part) -> Part:
        """Record the files' stamps as they are now (after every link made to them)."""
        folder = self.files_of(index)
        stamped = Part(part.key, part.digest, part.files, [_stamp(folder / name) for name in part.files])
        write_sealed(self.record_of(index), msgspec.msgpack.encode(stamped))
        return stamped


def recorded_parts(folder: Path) -> list[Part]:
    """Every part the cache at `folder` has a record of, whatever it was made from."""
    parts = []
    with contextlib.suppress(OSError), os.scandir(folder) as entries:
        for entry in entries:
            sealed = read_sealed(Path(entry.path)) if entry.name.endswith(".part") else None
            if sealed is not None:
                with contextlib.suppress(msgspec.DecodeError, msgspec.ValidationError):
                    parts.append(_PART.decode(sealed))
    return parts


def intact(folder: Path, part: Part) -> bool:
    """Whether `folder` holds exactly the part's files, each untouched since it was stamped.

    Every recorded file is there, with its stamp (so a regular file, and not a link); each
    folder holding them is a folder (not a link); and those folders hold as many entries as
    the part has files and folders beneath the top: anything more, of any kind, is counted.
    Names are counted rather than compared: at 10,000 pages that halves the cost."""
    top = f"{folder}/"  # plain strings: a Path per file costs more than its stat
    try:
        for name, stamp in zip(part.files, part.stamps, strict=True):
            info = os.stat(top + name, follow_symlinks=False)
            if (info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns) != stamp:
                return False
        folders = _folders(part.files)
        entries = len(os.listdir(folder))
        for inner in folders:
            if not stat.S_ISDIR(os.stat(top + inner, follow_symlinks=False).st_mode):
                return False
            entries += len(os.listdir(top + inner))
    except (OSError, ValueError):
        return False
    return entries == len(part.files) + len(folders)


def _folders(files: list[str]) -> set[str]:
    """The folders (below the top) that hold `files`, and the folders that hold those."""
    found: set[str] = set()
    for name in files:
        inner = name.rpartition("/")[0]
        while inner and inner not in found:
            found.add(inner)
            inner = inner.rpartition("/")[0]
    return found


def listing(folder: Path) -> list[str]:
    """The files under `folder`, by relative path, sorted; a link anywhere makes it unusable (empty)."""
    found: list[str] = []
    pending = [""]
    while pending:
        relative = pending.pop()
        try:
            entries = list(os.scandir(folder / relative if relative else folder))
        except OSError:
            return []
        for entry in entries:
            name = f"{relative}/{entry.name}" if relative else entry.name
            if entry.is_dir(follow_symlinks=False):
                pending.append(name)
            elif entry.is_file(follow_symlinks=False):
                found.append(name)
            else:
                return []
    return sorted(found)


def contents_digest(folder: Path, files: list[str]) -> str:
    """The SHA-256 of every file's path, length and bytes: the part's name in the site comes from it."""
    digest = hashlib.sha256()
    for name in files:
        data = (folder / name).read_bytes()
        digest.update(f"{name}\0{len(data)}\0".encode())
        digest.update(data)
    return digest.hexdigest()


def link_all(source: Path, files: list[str], target: Path) -> None:
    """Hard-link `files` (inside `source`) to the same places under `target`."""
    made: set[Path] = set()
    for name in files:
        destination = target / name
        if destination.parent not in made:
            destination.parent.mkdir(parents=True, exist_ok=True)
            made.add(destination.parent)
        with contextlib.suppress(FileNotFoundError):
            os.unlink(destination)
        try:
            os.link(source / name, destination)
        except OSError:
            shutil.copy2(source / name, destination)


def _stamp(path: Path) -> Stamp:
    info = os.stat(path, follow_symlinks=False)
    return (info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns)

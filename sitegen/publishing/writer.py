"""Write the built site into a staging folder, then swap it in as `output/` in one step.

The previous output stays byte-identical until the swap: a failed or killed build
leaves it alone, and the next build clears whatever a killed one left behind.
"""

from __future__ import annotations

import contextlib
import filecmp
import os
import shutil
import stat
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Protocol

from sitegen.core.heap import collector_paused
from sitegen.core.output_folder import MARKER, MARKER_TEXT, UnsafeOutput, is_owned
from sitegen.core.urls import BUNDLE_DIR
from sitegen.publishing.disk_survey import Survey
from sitegen.publishing.file_steps import (
    check_relative,
    exchange,
    link_new,
    make_folder,
    read_bytes,
    replace,
    safe_join,
    temporary_name,
    write_new,
)
from sitegen.publishing.spare_tree import (
    Ahead,
    TreeContents,
    add_branch,
    contents_of,
    read_tree,
    record_tree,
    remove_stale,
    set_aside,
    spare_slot,
    take_spare,
)
from sitegen.publishing.uptodate import digest_lines, digest_of
from sitegen.rendering.page_cache import FileFacts, Stamp, Vouched


class SiteOutput(Protocol):
    """Where a build writes the site: a staged folder swapped in whole, or (the preview, after its
    first build) the output itself, updated in place (see in_place.py)."""

    output: Path
    staging: Path
    writes_at_once: bool
    survey: Survey | None
    """What a survey found of the files the build keeps (disk_survey.py), if one was made."""
    vouched_parts: frozenset[bytes]
    """The search index's parts the survey found whole where this output stages (Part.identity)."""
    published_digest: str | None
    """The output's digest as uptodate.output_digest() would read it, once published (None: unknown)."""

    def __enter__(self) -> SiteOutput: ...
    def __exit__(self, *exc: object) -> None: ...
    def path_for(self, relative: str) -> Path: ...
    def write(self, relative: str, data: bytes) -> None: ...
    def copy(self, relative: str, source: Path) -> None: ...
    def link(self, relative: str, source: Path | str, info: FileFacts | None = None) -> bool: ...
    def keep_in_place(self, stamps: Mapping[str, Stamp], device: int) -> list[str]: ...
    def count_written(self, relatives: Iterable[str]) -> None: ...
    def reuse_tree(self, relative: str) -> None: ...
    def remove_unwritten(self) -> None: ...
    def publish(self, known: Mapping[str, Stamp] | None = None) -> None: ...

    @property
    def written_files(self) -> frozenset[str]: ...


class StagedOutput:
    """A staging folder beside `output` that becomes `output` only when the build succeeds.

    With a project `cache` on the output's file system, the tree each swap puts aside is kept
    there, and the next build stages into it (spare_tree.py): only what changed is written,
    linked or removed."""

    writes_at_once = True
    """Each file is in the staging folder as soon as it is written (the page store links it)."""

    def __init__(self, output: Path, cache: Path | None = None, survey: Survey | None = None) -> None:
        self.output = output
        self.staging = output.parent / f".{output.name}.staging"
        self.previous = output.parent / f".{output.name}.previous"
        self._top = f"{self.staging}/"
        self._written: set[str] = set()
        self._known: dict[str, FileFacts] = {}
        """What this process knows of each file it left in the staging folder (the rest are looked at
        once, at publish)."""
        self._slot = spare_slot(cache, output) if cache else None
        self._held = TreeContents()
        """What the staging folder held before this build wrote to it (nothing, if made afresh)."""
        self._pages: TreeContents | None = None
        """The files this build had written when it removed the rest (remove_unwritten), and their
        folders: publish() adds those written since, and the search index."""
        self._ahead: Ahead | None = None
        """What publish() records of those files (inodes, and stamps and their lines in the output's
        digest), looked up by remove_unwritten: a file written again since is dropped from it."""
        self._touched = {""}
        """The folders this process changed (added, replaced or removed an entry in)."""
        self._has_output = True
        """Whether there is an output to reuse files from (none on a first build)."""
        self.published_digest: str | None = None
        """The output's digest as uptodate.output_digest() would read it, once published."""
        self.survey = survey
        """What a survey found (disk_survey.py): of the spare tree, it holds if that tree is staged."""
        self.vouched_parts: frozenset[bytes] = frozenset()
        """The search index's parts the survey found whole in the staging folder (Part.identity)."""

    def __enter__(self) -> StagedOutput:
        recover(self.output)
        self._has_output = self.output.is_dir()
        owned = self.staging.is_dir() and not self.staging.is_symlink() and is_owned(self.staging)
        if not owned and (self.staging.exists() or self.staging.is_symlink()):
            _remove_own(self.staging)  # an empty folder a killed build made; anything else is refused
        if owned or (self._slot and take_spare(self._slot, self.staging)):
            found = self.survey
            surveyed = (found.tree, found.moved) if found else None
            self._held = read_tree(self._slot, self.staging, surveyed)  # a spare tree, or what a killed build left
            root = self.staging.lstat()
            if found and found.tree == (root.st_dev, root.st_ino):
                self.vouched_parts = found.parts
        else:
            self.staging.mkdir(parents=True)
        marker = self.staging / MARKER
        if not (self._held.holds(MARKER) and marker.is_file() and marker.read_bytes() == MARKER_TEXT):
            self._known[MARKER] = write_new(str(marker), MARKER_TEXT)
        return self

    def __exit__(self, *exc: object) -> None:
        if exc[0] is None or not self.staging.exists():
            return
        try:
            if self._slot:
                set_aside(self._slot, self.staging, self.output)  # kept for the next build
                return
        except OSError:
            pass
        shutil.rmtree(self.staging, ignore_errors=True)

    def path_for(self, relative: str) -> Path:
        """The staging file for a site-relative path; refuses anything that would escape."""
        return safe_join(self.staging, relative)

    def _prepared(self, relative: str) -> str:
        """The staging file for `relative`, its folder made (a file in the way of it removed)."""
        check_relative(relative)
        if self._ahead is not None:
            self._ahead.forget(relative)
        folder = relative.rpartition("/")[0]
        if folder and folder not in self._held.folders:
            make_folder(self.staging, folder, folder.rpartition("/")[0] in self._held.folders)
            self._held.folders.add(folder)
            while folder:  # and the folders above it (real folders now), one of which holds the first one made
                folder = folder.rpartition("/")[0]
                self._held.folders.add(folder)
                self._touched.add(folder)
        return self._top + relative

    def write(self, relative: str, data: bytes) -> None:
        """Write a file; one whose bytes are unchanged since the last build keeps its old file (and date)."""
        target = self._prepared(relative)
        if not self._reuse(relative, target, len(data), lambda old: read_bytes(old) == data):
            self._known[relative] = write_new(target, data, fresh=not self._held.holds(relative))
            self._held.inodes.pop(relative, None)
            self._touched.add(relative.rpartition("/")[0])
        self._written.add(relative)

    def copy(self, relative: str, source: Path) -> None:
        target = self._prepared(relative)
        size = source.stat().st_size
        if not self._reuse(relative, target, size, lambda old: filecmp.cmp(old, source, shallow=False)):
            self._copied(relative, source, target)
        self._written.add(relative)

    def _copied(self, relative: str, source: Path, target: str) -> None:
        temporary = temporary_name(target)
        shutil.copyfile(source, temporary)
        replace(temporary, target)
        self._known.pop(relative, None)
        self._held.inodes.pop(relative, None)
        self._touched.add(relative.rpartition("/")[0])

    def _reuse(self, relative: str, target: str, size: int, same: Callable[[str], bool]) -> bool:
        """Hard-link the previous output's file when it already holds these bytes.

        Deploy tools that compare dates (rsync, most hosts' uploaders) then see only real changes.
        """
        if not self._has_output:
            return False
        previous = f"{self.output}/{relative}"
        try:
            info = os.lstat(previous)
            if stat.S_ISREG(info.st_mode) and info.st_size == size and same(previous):
                self._carry(relative, previous, target)
                return True
        except OSError:
            return False
        return False

    def _carry(self, relative: str, source: Path | str, target: str, info: FileFacts | None = None) -> bool:
        """Make `target` the file `source` is (`info`: what the system said of it, if known), unless
        it already is (a spare tree's unchanged file, known from the spare's listing, or else by a
        look at it); whether it already was."""
        info = info or os.stat(source)
        if self._held.holds(relative):
            known = self._held.inodes.get(relative)
            if known is not None:
                if known == info.st_ino and info.st_dev == self._held.device:
                    self._known[relative] = info
                    return True
            else:
                with contextlib.suppress(OSError):
                    there = os.lstat(target)
                    if (there.st_ino, there.st_dev) == (info.st_ino, info.st_dev):
                        self._known[relative] = info
                        return True
        link_new(source, target, fresh=not self._held.holds(relative))
        self._known[relative] = info
        self._held.inodes[relative] = info.st_ino
        self._touched.add(relative.rpartition("/")[0])
        return False

    def count_written(self, relatives: Iterable[str]) -> None:
        """Record files written by worker processes, which cannot update this object."""
        for relative in relatives:
            self._written.add(relative)
            self._held.inodes.pop(relative, None)  # a worker may have replaced it
            if self._ahead is not None:
                self._ahead.forget(relative)

    def link(self, relative: str, source: Path | str, info: FileFacts | None = None) -> bool:
        """Carry over a file known to hold the right bytes (the previous output's, or a cached copy;
        `info`: what the system said of it). Whether the staging folder held that very file already,
        left as it was (so `info` still tells what it is)."""
        target = self._prepared(relative)
        try:
            unchanged = self._carry(relative, source, target, info)
        except OSError:  # not on the same file system
            self._copied(relative, Path(source), target)
            unchanged = False
        self._written.add(relative)
        return unchanged

    def keep_in_place(self, stamps: Mapping[str, Stamp], device: int) -> list[str]:
        """Of these files of the previous output (by their stamps, on `device`), those the staging
        folder (a spare tree) holds already as the very same files: each is written, left as it is
        (what link() finds of each, for thousands at once). Before remove_unwritten() only."""
        held = self._held
        if device != held.device or self._ahead is not None:
            return []
        files, inodes = held.files, held.inodes
        kept = [name for name, stamp in stamps.items() if inodes.get(name) == stamp[0] and name in files]
        self._known.update({relative: Vouched(stamps[relative], device) for relative in kept})
        self._written.update(kept)
        return kept

    def reuse_tree(self, relative: str) -> None:
        """Carry a folder of the previous output over unchanged (hard links, no copying)."""
        shutil.copytree(self.output / relative, self.path_for(relative), copy_function=os.link)

    @property
    def written(self) -> int:
        return len(self._written)

    @property
    def written_files(self) -> frozenset[str]:
        """Every file this build wrote or carried over, by site-relative path (the search bundle aside)."""
        return frozenset(self._written)

    def remove_unwritten(self) -> None:
        """Remove whatever the staging folder held (a spare tree) that this build has not written:
        called once every page is written, before Pagefind indexes the folder. The search index's
        folders stay, for the search index to keep those it still has (each checked file by file)
        and remove the rest.

        What publish() records of the files written so far is looked up now: at 10,000 articles
        Pagefind is indexing an edit's part meanwhile, and publish() waits for it."""
        now = contents_of(self._written | {MARKER})
        self._pages = TreeContents(set(now.folders), set(now.files))
        with collector_paused():
            inodes, stamps = self._looked_up(now.files, {})
            self._ahead = Ahead(inodes, stamps, digest_lines(stamps))
        bundle = BUNDLE_DIR + "/"  # of what this build has not written, the search index's entries
        now.folders |= {f for f in self._held.folders - now.folders if f == BUNDLE_DIR or f.startswith(bundle)}
        now.files |= {f for f in self._held.files - now.files if f.startswith(bundle)}
        self._touched |= remove_stale(self.staging, self._held, now)
        now.inodes, now.device, now.times = self._held.inodes, self._held.device, self._held.times
        self._held = now

    def publish(self, known: Mapping[str, Stamp] | None = None) -> None:
        """Make the staged site the output, atomically where the system allows; what a spare tree
        held that this build did not write is removed first. `known`: the stamps of files another
        part of the build has just looked at or made (the search index's), by site path."""
        now, self._pages = self._pages, None
        now = contents_of(self._written - now.files, now) if now else contents_of(self._written | {MARKER})
        if (self.staging / BUNDLE_DIR).is_dir():  # the search index, made whole by Pagefind
            add_branch(self.staging, BUNDLE_DIR, now)
        self._touched |= remove_stale(self.staging, self._held, now)
        now.times = self._held.times
        with collector_paused():  # an inode and a stamp for each of the site's files, freed before it is back
            digest = self._listed(now, known or {})
        self._swap()
        self.published_digest = digest

    def _listed(self, now: TreeContents, known: Mapping[str, Stamp]) -> str:
        """Record the listing of the staged tree (for when it comes back as the spare), and return
        the digest the output will have once it is swapped in."""
        ahead, self._ahead = self._ahead or Ahead({}, {}, {}), None
        inodes, stamps = self._looked_up(now.files.difference(ahead.inodes), known, ahead.inodes, ahead.stamps)
        if self._slot:
            record_tree(self._slot, self.staging, now, inodes, self._touched)
        return digest_of(self.output, stamps, ahead.lines)

    def _looked_up(
        self,
        files: Iterable[str],
        handed: Mapping[str, Stamp],
        inodes: dict[str, int] | None = None,
        stamps: dict[str, tuple[int, int]] | None = None,
    ) -> tuple[dict[str, int], dict[str, tuple[int, int]]]:
        """The `files` of the staged tree with their inodes, and their sizes and modification times
        (added to those given): known already for what this process wrote or carried over, or
        `handed` over (the search index's files), and looked at once for the rest (written by the
        workers)."""
        inodes, stamps = ({} if inodes is None else inodes), ({} if stamps is None else stamps)
        known, top = self._known, self._top
        for relative in files:
            info = known.get(relative)
            if info is None:
                stamp = handed.get(relative)
                if stamp is not None:
                    inodes[relative], stamps[relative] = stamp[0], (stamp[1], stamp[2])
                    continue
                info = os.lstat(top + relative)
            inodes[relative] = info.st_ino
            stamps[relative] = (info.st_size, info.st_mtime_ns)
        return inodes, stamps

    def _swap(self) -> None:
        if not self.output.exists():
            os.rename(self.staging, self.output)
            return
        if exchange(self.staging, self.output):
            self._put_aside(self.staging)
            return
        os.rename(self.output, self.previous)  # fallback: two renames, repaired by recover()
        os.rename(self.staging, self.output)
        self._put_aside(self.previous)

    def _put_aside(self, old: Path) -> None:
        """The tree the swap replaced: the next build's staging folder, or deleted when it has no place."""
        if self._slot:
            with contextlib.suppress(OSError):
                set_aside(self._slot, old, self.output)
                return
        shutil.rmtree(old)


def recover(output: Path) -> None:
    """Undo what a build killed part-way left: restore output if it went missing mid-swap."""
    previous = output.parent / f".{output.name}.previous"
    if previous.exists() or previous.is_symlink():
        if output.exists() or output.is_symlink():
            _remove_own(previous)
        else:
            os.rename(previous, output)


def _remove_own(folder: Path) -> None:
    """Remove a staging or previous folder an earlier build left, but only if a build made it:
    it carries the marker, or is empty. Anything else is someone's, and is refused."""
    if folder.is_dir() and not folder.is_symlink():
        if is_owned(folder):
            shutil.rmtree(folder)
            return
        with contextlib.suppress(OSError):
            folder.rmdir()  # made, but killed before its marker was written
            return
    raise UnsafeOutput(folder, "a build needs this name for its work, and it was not made by sitegen", "move it away")

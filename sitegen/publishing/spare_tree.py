"""The output tree a swap puts aside, kept to become the next build's staging folder.

A staged build used to make every folder of the site afresh, link every unchanged file
into it, swap it in, and then delete the old tree: work in proportion to the whole site
for an edit to one page. Instead, the tree the swap puts aside is kept in the project's
cache (`.sitegen-cache/spare/`) and becomes the next build's staging folder. It is two
builds old, so that build brings it up to date: a file that already is the very file the
build would link (the same inode) is left alone, a changed one is replaced, and whatever
the site no longer has is removed. Folders that stay cost nothing.

What a kept tree holds is known from a listing recorded when it was published: each
folder with its modification time and the names in it, with each file's inode, sealed
like every other cache file and tied to the tree by its inode. A folder whose time has
moved (something was added, removed or replaced in it while it was live) is read again,
and a tree with no listing that fits is read whole; so nothing stale survives. While a
folder's time holds, so does which file each of its names is (only adding, removing or
renaming an entry gives a name another file, and each moves the time): a file that is
already the very file the build would link is known without a look at it. The listing
never vouches for a file's bytes: those are checked exactly as before.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import stat
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import msgspec

from sitegen.core.output_folder import is_owned
from sitegen.core.sealed import read_sealed_view, write_sealed
from sitegen.core.workspace import SPARE, discard, own_folder

Listing = tuple[int, int, list[str], list[int], list[str], list[int]]
"""A tree's device and inode; each of its folders ('' is the top), with its modification time;
and each of its other entries (by site-relative path), with its inode (0: not known)."""
_LISTING = msgspec.msgpack.Decoder(Listing)
Moved = dict[str, int | None]
"""Each folder of a listing that is not as listed, with its mode now (None: gone)."""
Surveyed = tuple[tuple[int, int] | None, Moved]
"""A survey's finding of a spare tree: the tree it looked at (device and inode), and its folders that moved."""
_RACY_NS = 100_000_000
"""A folder changed this close to its listing may change again within the same tick of the
file system's clock without its time moving: it is recorded as changed, to be read again."""


@dataclass
class TreeContents:
    """What a tree holds: its folders and its other entries (files, mostly), by site-relative path."""

    folders: set[str] = field(default_factory=lambda: {""})
    files: set[str] = field(default_factory=set)
    inodes: dict[str, int] = field(default_factory=dict)
    """The inode of each file that the listing vouches for."""
    times: dict[str, int] = field(default_factory=dict)
    """The modification time of each folder found as its listing says (the time it still has,
    unless something changed in it since)."""
    device: int = -1
    """The file system the tree is on (its inodes mean nothing on another)."""

    def holds(self, relative: str) -> bool:
        return relative in self.files

    def forget(self, top: str) -> None:
        """Drop a folder and everything under it (removed, or about to be)."""
        below = top + "/"
        self.folders = {f for f in self.folders if f != top and not f.startswith(below)}
        self.files = {f for f in self.files if f != top and not f.startswith(below)}
        self.inodes = {f: i for f, i in self.inodes.items() if not f.startswith(below)}
        self.times = {f: t for f, t in self.times.items() if f != top and not f.startswith(below)}


@dataclass
class Ahead:
    """What publish() records of the files written before the search index was made, looked up
    beforehand (StagedOutput.remove_unwritten): by site path, each file's inode, stamp (size and
    modification time) and line in the output's digest (uptodate.digest_lines)."""

    inodes: dict[str, int]
    stamps: dict[str, tuple[int, int]]
    lines: dict[str, str]

    def forget(self, relative: str) -> None:
        """Drop a file written again: publish() looks at it anew."""
        self.inodes.pop(relative, None)
        self.stamps.pop(relative, None)
        self.lines.pop(relative, None)


def contents_of(files: Iterable[str], contents: TreeContents | None = None) -> TreeContents:
    """The folders and files a set of site-relative files makes (added to `contents`, if given)."""
    contents = contents if contents is not None else TreeContents()
    added = set(files)
    contents.files |= added
    folders = contents.folders
    for relative in added:
        folder = relative.rpartition("/")[0]
        while folder not in folders:  # and every folder above it
            folders.add(folder)
            folder = folder.rpartition("/")[0]
    return contents


class SpareSlot(msgspec.Struct, frozen=True):
    """Where the tree set aside from one output folder is kept, with the listings of both trees."""

    folder: Path
    key: str

    @property
    def tree(self) -> Path:
        return self.folder / f"{self.key}.tree"

    @property
    def origin(self) -> Path:
        """Where the slot records what it belongs to (`_origin`)."""
        return self.folder / f"{self.key}.origin"

    def listing(self, root: os.stat_result) -> Path:
        return self.folder / f"{self.key}.{root.st_dev}-{root.st_ino}.listing"


def spare_slot(cache: Path, output: Path) -> SpareSlot | None:
    """The slot for `output`'s spare tree, in the project's cache; None when the cache is on
    another file system than the output (a tree moves only by renaming it)."""
    try:
        if os.stat(cache).st_dev != os.stat(output.parent).st_dev:
            return None
    except OSError:
        return None
    return SpareSlot(cache / SPARE, hashlib.sha256(os.fsencode(output)).hexdigest()[:16])


def take_spare(slot: SpareSlot, staging: Path) -> bool:
    """Move the spare tree to `staging` (which must not exist), if there is one made by a build."""
    try:
        if not stat.S_ISDIR(slot.folder.lstat().st_mode):
            discard(slot.folder)  # a link or a file in its place is removed, never followed
            return False
        found = slot.tree.lstat()
    except FileNotFoundError:
        return False
    if not stat.S_ISDIR(found.st_mode) or not is_owned(slot.tree):
        discard(slot.tree)
        return False
    os.rename(slot.tree, staging)
    return True


def set_aside(slot: SpareSlot, old: Path, live: Path) -> None:
    """Keep the tree at `old` (which a swap replaced, or a failed build staged) as the spare, and
    drop the listings of trees that are neither it nor the `live` output, and every other slot
    that no longer serves an output of this project (see `_serves`)."""
    own_folder(slot.folder)
    discard(slot.tree)
    os.rename(old, slot.tree)
    keep = {slot.listing(slot.tree.lstat()).name}
    with contextlib.suppress(OSError):
        keep.add(slot.listing(live.lstat()).name)
    origin = _origin(slot.folder, live)
    if _read_origin(slot.origin) != origin:
        with contextlib.suppress(OSError):
            slot.origin.write_text(origin, encoding="utf-8")
    with os.scandir(slot.folder) as entries:
        found = sorted(entry.name for entry in entries)
    strays = {name.partition(".")[0] for name in found if name.endswith(".tree") and not _serves(slot.folder, name)}
    for name in found:
        key = name.partition(".")[0]
        own_listing = key == slot.key and name.endswith(".listing") and name not in keep
        if own_listing or (key in strays and key != slot.key):
            discard(slot.folder / name)


def _origin(folder: Path, output: Path) -> str:
    """What a slot records of where it belongs: the spare folder it was made in (device and inode:
    a copy of the project has another), and the output its tree was set aside from."""
    here = folder.lstat()
    return f"{here.st_dev}-{here.st_ino}\n{os.fsdecode(output)}"


def _serves(folder: Path, tree: str) -> bool:
    """Whether the slot of `tree` (a name in the spare folder) still serves an output of this
    project: made in this very folder, for an output that is still there. A project moved (its
    old output path gone) or copied (another folder) leaves a tree that nothing would ever take,
    a whole copy of a site kept alive: it goes."""
    recorded = _read_origin(folder / (tree.removesuffix(".tree") + ".origin"))
    if recorded is None:
        return False
    output = recorded.partition("\n")[2]
    try:
        return recorded == _origin(folder, Path(output)) and os.path.isdir(output)
    except OSError:
        return False


def _read_origin(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None


def read_tree(slot: SpareSlot | None, root: Path, surveyed: Surveyed | None = None) -> TreeContents:
    """What the tree at `root` holds: from its listing, with every folder whose time moved read
    again; or, with no listing that fits, read whole. `surveyed`: a survey's finding of the
    folders that moved (disk_survey.py), with the tree it looked at (its device and inode),
    which holds if this is that tree (moved since as a whole: its own folder is looked at again)."""
    info = root.lstat()
    listing = _listing(slot, info) if slot else None
    if listing is None:
        contents = TreeContents(set())
        _read_folder(root, "", contents)
        return contents
    if surveyed is None or surveyed[0] != (info.st_dev, info.st_ino):
        return _checked(root, listing, moved_folders(root, listing))
    moved = {folder: mode for folder, mode in surveyed[1].items() if folder}
    if info.st_mtime_ns != listing[3][listing[2].index("")]:  # a listing that fits has its top
        moved[""] = info.st_mode
    return _checked(root, listing, moved)


def spare_listing(slot: SpareSlot, tree: Path) -> Listing | None:
    """The listing of the spare tree at `tree`, if there is one that fits."""
    try:
        info = tree.lstat()
    except OSError:
        return None
    return _listing(slot, info) if stat.S_ISDIR(info.st_mode) else None


def record_tree(slot: SpareSlot, root: Path, contents: TreeContents, inodes: dict[str, int], touched: set[str]) -> None:
    """Write the listing of the tree at `root`, as it is now, for when it comes back as the spare;
    `inodes` are those of its files, as far as the build knows them. A folder this process has
    not `touched` keeps the time it was found with (if another process changed it, its time
    has moved since: it will be read again, never believed)."""
    started = time.time_ns()
    top = f"{root}/"
    folders, times = [], []
    for folder in contents.folders:
        changed = contents.times.get(folder) if folder not in touched else None
        if changed is None:
            try:
                changed = os.lstat(top + folder).st_mtime_ns
            except OSError:
                continue
        folders.append(folder)
        times.append(-1 if changed > started - _RACY_NS else changed)
    files = list(contents.files)
    info = root.lstat()
    listing = (info.st_dev, info.st_ino, folders, times, files, [inodes.get(f, 0) for f in files])
    write_sealed(slot.listing(info), msgspec.msgpack.encode(listing))


def _listing(slot: SpareSlot, root: os.stat_result) -> Listing | None:
    sealed = read_sealed_view(slot.listing(root))  # a listing copied in from elsewhere is never believed
    if sealed is None:
        return None
    try:
        listing = _LISTING.decode(sealed)
    except (msgspec.DecodeError, msgspec.ValidationError):
        return None
    device, inode, folders, times, files, inodes = listing
    fits = len(folders) == len(times) and len(files) == len(inodes) and "" in folders
    return listing if fits and (device, inode) == (root.st_dev, root.st_ino) else None


def moved_folders(root: Path, listing: Listing) -> Moved:
    """The folders of the tree at `root` that are not as its listing says: each looked at once, in
    the listing's order."""
    top = f"{root}/"
    lstat, is_folder = os.lstat, stat.S_ISDIR
    moved: Moved = {}
    for folder, changed in zip(listing[2], listing[3], strict=True):
        try:
            info = lstat(top + folder)
        except (FileNotFoundError, NotADirectoryError):  # gone, or a folder above it is not one now
            moved[folder] = None
            continue
        if info.st_mtime_ns != changed or not is_folder(info.st_mode):
            moved[folder] = info.st_mode
    return moved


def _checked(root: Path, listing: Listing, moved: Moved) -> TreeContents:
    """The listing, with each folder that `moved` read again from the disk: those as listed are
    believed, the few that moved (a build's last writes, made just before its listing) are read
    again, and what was below one that is gone or is no longer a folder is left out."""
    device, _, folders, times, files, inodes = listing
    if not moved:  # the whole tree is as listed
        known_inodes = {relative: inode for relative, inode in zip(files, inodes, strict=True) if inode}
        return TreeContents(set(folders), set(files), known_inodes, dict(zip(folders, times, strict=True)), device)
    contents = TreeContents(set(), device=device)
    no_longer = tuple(_read_again(root, moved, contents, folders))
    trusted = {folder for folder in folders if folder not in moved and not folder.startswith(no_longer)}
    contents.folders |= trusted
    contents.times = {folder: changed for folder, changed in zip(folders, times, strict=True) if folder in trusted}
    for relative, inode in zip(files, inodes, strict=True):
        if relative.rpartition("/")[0] in trusted:
            contents.files.add(relative)
            if inode:
                contents.inodes[relative] = inode
    return contents


def _read_again(root: Path, moved: Moved, contents: TreeContents, listed: list[str]) -> list[str]:
    """Read again into `contents` each folder that `moved`, from the top down; returns the
    beginnings of the paths below one that is no longer a folder (a file or a link in its
    place), which are left out however they look through it."""
    known = set(listed)
    no_longer: list[str] = []
    for folder in sorted(moved):  # a folder sorts before all below it
        mode = moved[folder]
        if mode is None or folder.startswith(tuple(no_longer)):
            continue  # gone (and so is all below it), or below a folder that is not one now
        if not stat.S_ISDIR(mode):
            contents.files.add(folder)  # replaced by a file or a link: removed or replaced later
            no_longer.append(folder + "/")
        else:
            _read_folder(root, folder, contents, known)
    return no_longer


def add_branch(root: Path, folder: str, contents: TreeContents) -> None:
    """Read the folder `folder` of the tree at `root`, and all below it, into `contents`."""
    _read_folder(root, folder, contents)


def _read_folder(root: Path, folder: str, contents: TreeContents, known: set[str] | None = None) -> set[str]:
    """Read one folder: its other entries into `contents`; subfolders the listing does not know
    are read whole. Returns the names of its subfolders."""
    found = set()
    prefix = f"{folder}/" if folder else ""
    with os.scandir(_path(root, folder)) as entries:
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                found.add(entry.name)
            else:
                contents.files.add(prefix + entry.name)
    contents.folders.add(folder)
    for name in found:
        if known is None or prefix + name not in known:
            _read_folder(root, prefix + name, contents)
    return found


def _path(root: Path, folder: str) -> str:
    return os.path.join(root, folder) if folder else str(root)


def remove_stale(root: Path, before: TreeContents, now: TreeContents) -> set[str]:
    """Remove from the tree at `root` every entry and folder it held `before` that it does not hold `now`.
    Returns the folders that lost an entry."""
    gone = {f for f in before.folders - now.folders if f and f not in now.files}
    changed = set()
    for folder in sorted(gone):
        parent = folder.rpartition("/")[0]
        if parent not in gone:  # the top of a gone branch: removed with all below it
            discard(root / folder)
            changed.add(parent)
    for relative in before.files - now.files - now.folders:
        parent = relative.rpartition("/")[0]
        if parent in gone:
            continue
        with contextlib.suppress(FileNotFoundError):
            os.unlink(os.path.join(root, relative))
            changed.add(parent)
    return changed

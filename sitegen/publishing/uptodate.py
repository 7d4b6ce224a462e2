"""Know, cheaply, that a build would change nothing.

After a successful build a stamp records a digest of every input (content, site.yaml,
templates, static files, themes, sitegen's own code, the versions of Python and of the
libraries that shape the output, the environment variables the build reads, the options
and "today") and a listing of the output it produced. When
both still match, the output is already exactly what a build would write, so the
build can stop at once. Only standard-library modules are imported here, so this
check costs a few milliseconds, not the import of the whole pipeline.

Each input file's SHA-256 is kept (`.sitegen-cache/inputs`) with its stamp (size, times,
inode): a file whose stamp is unchanged is not read again, so a site of 10,000 articles is
not read whole for each build. A file saved too recently for its stamp to prove anything
(a second save within one tick of the clock keeps the time) is read until it settles.
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import os
import stat
import time
from collections.abc import Callable, Mapping
from itertools import chain
from operator import attrgetter
from pathlib import Path

from sitegen.core import layout
from sitegen.core.beside import Beside, can_fork
from sitegen.core.code_version import code_version, code_version_found
from sitegen.core.sealed import read_sealed, write_sealed
from sitegen.theming.lookup import BUILTIN_THEME

STAMP = ".sitegen-cache/stamp"
KNOWN_INPUTS = ".sitegen-cache/inputs"
_SETTLED_NS = 2_000_000_000
_KEPT_FORMAT = "sitegen inputs 2"
_HEX_DIGEST = 64
_BESIDE_FROM = 1 << 20
"""The size of the kept digests (about 190 bytes an input) from which the inputs are looked at
beside the import of the pipeline: about 5,500 inputs, whose check takes about as long as the import."""
InputStamp = tuple[int, int, int, int, int]
"""What stat() said of an input file: its mode, modification and change times, size and inode."""
Known = dict[str, str]
"""Each input file's stamp (size, modification and change times, inode, device) and SHA-256, as
the text `size:modified:changed:inode:device:digest` (kept as text: at 10,000 articles, turning
each into numbers took a third of the check)."""
_taken: dict[Path, Known | None] = {}
"""The input files' digests each project's last input_digest() took in this process, for record()
to keep (only a build that succeeded leaves anything in the cache)."""
_stamped: dict[Path, tuple[str, dict[str, InputStamp]]] = {}
"""Each input file's stamp as each project's last input_digest() in this process took it, with that
digest, for the build that follows to read rather than ask the file system again (stamps_taken)."""
_INPUTS = (layout.CONFIG_FILE, *layout.SOURCE_FOLDERS)
OUTPUT_ENVIRONMENT = ("SITEGEN_SEARCH_CHUNK", "SOURCE_DATE_EPOCH")
"""The environment variables that change what a build writes. Others it reads change only
how it works (SITEGEN_WORKERS: how many processes; XDG_CACHE_HOME: where its secret is kept)."""


def input_digest(root: Path, options: str) -> str:
    """A digest of everything a build reads."""
    digest = hashlib.sha256(code_version() + f"\0{options}\0".encode())
    for name in OUTPUT_ENVIRONMENT:
        digest.update(f"{name}={os.environ.get(name)}\0".encode())
    sources = [root / name for name in _INPUTS]
    sources += [BUILTIN_THEME]
    known = _known_inputs(root)
    now: Known = {}
    stamped: dict[str, InputStamp] = {}
    named: list[str] = []  # each file's path, then its digest: hashed as one text, not 10,000 times
    for source in sources:
        for path in _files(source):
            named += (path, _file_digest(path, known, now, stamped))
    digest.update("\0".join(named).encode("utf-8", "surrogateescape"))
    _taken[root] = None if now == known else now
    _stamped[root] = (digest.hexdigest(), stamped)
    return digest.hexdigest()


def inputs_looked_at(
    root: Path, output: Path, options: str, meanwhile: Callable[[], object], check: bool = True
) -> tuple[str, bool]:
    """input_digest(root, options), and whether `output` is already their build (only if asked to
    `check`). A large site is looked at in a process of its own while `meanwhile` runs here (the
    command line imports the pipeline: at 10,000 articles the inputs take 0.09 s, the output
    0.2 s, the import 0.12 s); if that process fails, here. A small one is looked at here, and
    `meanwhile` is left for the caller: a build of a small site that finds nothing changed need
    not wait for it."""
    beside = _looking_beside(root, output, options)
    if beside is not None:
        meanwhile()
        told = beside.result()
        heard = _digest_heard(root, told) if told else None
        if heard is not None:
            return heard
    inputs = input_digest(root, options)
    return inputs, check and is_up_to_date(root, output, options, inputs)


def _looking_beside(root: Path, output: Path, options: str) -> Beside | None:
    """The process looking at the inputs and the output (`_digest_told`); None when that would not
    pay, or no process can be forked: only a site whose last build read many inputs
    (`_BESIDE_FROM`) is looked at beside the import, or one never built here (no digests are
    kept: so nothing can be found unchanged, the import is needed, and every input is read whole,
    27 ms of a first build of 1,000 articles that the import then hides)."""
    try:
        kept = os.stat(root / KNOWN_INPUTS).st_size
    except FileNotFoundError:
        kept = _BESIDE_FROM  # never built here
    except OSError:
        return None
    if kept < _BESIDE_FROM or not can_fork():
        return None
    try:
        return Beside(lambda: _digest_told(root, output, options))
    except OSError:
        return None


def _digest_told(root: Path, output: Path, options: str) -> bytes:
    """input_digest() and is_up_to_date(), with what the digest learnt for the build (the files'
    stamps, the digests to keep, the code version)."""
    digest = input_digest(root, options)
    current = is_up_to_date(root, output, options, digest)
    return marshal.dumps((digest, current, _stamped[root][1], _taken[root], code_version()))


def _digest_heard(root: Path, told: bytes) -> tuple[str, bool] | None:
    """What another process found (`_digest_told`), what it learnt now this process's own."""
    try:
        digest, current, stamped, taken, version = marshal.loads(told)
    except (EOFError, ValueError, TypeError):
        return None
    if not (isinstance(digest, str) and isinstance(current, bool) and isinstance(stamped, dict)):
        return None
    if not (isinstance(taken, dict | None) and isinstance(version, bytes)):
        return None
    _stamped[root], _taken[root] = (digest, stamped), taken
    code_version_found(version)
    return digest, current


def stamps_taken(root: Path, inputs: str) -> dict[str, InputStamp]:
    """The stamp of each input file, by its path, as the input_digest() of `root` that gave `inputs`
    took them (once: a later build asks the file system again). A build that reads its files by
    these stamps reads what that digest, which its stamp records, covers: a file changed since
    is seen by the next build."""
    digest, stamped = _stamped.pop(root, ("", {}))
    return stamped if digest == inputs else {}


def _file_digest(path: str, known: Known, now: Known, stamped: dict[str, InputStamp]) -> str:
    """The SHA-256 of a file's bytes, in hex: as kept, while its stamp is unchanged and was settled;
    else read. A file that cannot be read gives a word, which no digest is."""
    try:
        info = os.stat(path)
    except OSError:  # a broken or looping link: the build reports it, with its path
        return "unreadable"
    stamped[path] = (info.st_mode, info.st_mtime_ns, info.st_ctime_ns, info.st_size, info.st_ino)
    if not stat.S_ISREG(info.st_mode):  # a named pipe or a device: reading it could wait for ever
        return "not a file"
    stamp = f"{info.st_size}:{info.st_mtime_ns}:{info.st_ctime_ns}:{info.st_ino}:{info.st_dev}:"
    kept = known.get(path)
    if kept is not None and len(kept) == len(stamp) + _HEX_DIGEST and kept.startswith(stamp):
        now[path] = kept  # sealed, and written only below: its digest is the file's
        return kept[len(stamp) :]
    try:
        with open(path, "rb") as handle:
            content = hashlib.sha256(handle.read()).hexdigest()
    except OSError:
        return "unreadable"
    if time.time_ns() - max(info.st_mtime_ns, info.st_ctime_ns) > _SETTLED_NS:
        now[path] = stamp + content
    return content


def _known_inputs(root: Path) -> Known:
    """The digests kept by the last look at the inputs: only this user's sitegen wrote them (sealed).
    Plain text, each file's path and record separated by NUL, which no path holds."""
    if (root / KNOWN_INPUTS).parent.is_symlink():
        return {}
    sealed = read_sealed(root / KNOWN_INPUTS)
    fields = sealed.decode("utf-8", "surrogateescape").split("\0") if sealed is not None else []
    if not fields or fields[0] != _KEPT_FORMAT or len(fields) % 2 != 1:
        return {}
    pairs = iter(fields[1:])
    return dict(zip(pairs, pairs, strict=True))


def _keep_inputs(root: Path, now: Known) -> None:
    cache = root / KNOWN_INPUTS
    if cache.parent.is_symlink():
        return  # a linked cache folder is never written through (the build replaces it)
    fields = [_KEPT_FORMAT, *chain.from_iterable(now.items())]
    with contextlib.suppress(OSError):  # a read-only project: its inputs are read each time
        write_sealed(cache, "\0".join(fields).encode("utf-8", "surrogateescape"))


def output_digest(output: Path) -> str:
    """A digest of the output tree: names, sizes and modification times."""
    start = len(str(output)) + 1
    lines = []
    for entry in _entries(str(output)):
        try:
            info = entry.stat()
        except OSError:  # a broken link: never what a build recorded, so the build runs (and removes it)
            lines.append(f"{entry.path[start:]}\0unreadable\0")
            continue
        lines.append(f"{entry.path[start:]}\0{info.st_size}\0{info.st_mtime_ns}\0")
    return _tree_digest(output, lines)


def _tree_digest(output: Path, lines: list[str]) -> str:
    """The digest of a tree's files, one line each (its path first, then what is known of it), in
    the order of their paths: however the tree was walked, or listed without a walk."""
    lines.sort()  # by path: each line starts with its path, which ends at a NUL (no path holds one)
    digest = hashlib.sha256(str(output).encode())
    digest.update("".join(lines).encode("utf-8", "surrogateescape"))
    return digest.hexdigest()


def is_up_to_date(root: Path, output: Path, options: str, inputs: str) -> bool:
    """Whether the stamp records these inputs (a digest from input_digest) and the output as it is now."""
    if (root / STAMP).parent.is_symlink():
        return False
    sealed = read_sealed(root / STAMP)  # a stamp from elsewhere could make a build skip itself
    recorded = sealed.decode("ascii", "replace").split() if sealed is not None else []
    if len(recorded) != 2 or recorded[0] != inputs or not output.is_dir():
        return False  # an edit: the output is not read (a walk of every file costs as much as the check)
    return recorded[1] == output_digest(output)


def record(root: Path, output: Path, options: str, inputs: str, published: str | None = None) -> None:
    """Write the stamp for a build that read `inputs` (the digest taken before it started), and keep
    the digests of the input files read for it. `published` is the output's digest when the writer
    knows it (it knows every file it left there); else the output is read."""
    write_sealed(root / STAMP, f"{inputs}\n{published or output_digest(output)}\n".encode("ascii"))
    taken = _taken.pop(root, None)
    if taken is not None:
        _keep_inputs(root, taken)


def digest_of(output: Path, files: dict[str, tuple[int, int]], lines: Mapping[str, str] | None = None) -> str:
    """What output_digest() gives for a tree holding exactly `files` (site path: size and
    modification time), worked out without reading the tree. `lines`: those of some of the files,
    made already (digest_lines) for the stamps `files` gives them."""
    made = lines or {}
    rest = digest_lines({relative: stamp for relative, stamp in files.items() if relative not in made})
    return _tree_digest(output, [line for relative, line in made.items() if relative in files] + [*rest.values()])


def digest_lines(files: Mapping[str, tuple[int, int]]) -> dict[str, str]:
    """Each file's line in the output's digest, by site path: none for a hidden one, which
    output_digest's walk leaves out."""
    return {
        relative: f"{relative}\0{size}\0{changed}\0"
        for relative, (size, changed) in files.items()
        if relative[0] != "." and "/." not in relative
    }


def _files(folder: Path) -> list[str]:
    if folder.is_file():
        return [str(folder)]
    return [entry.path for entry in _entries(str(folder))] if folder.is_dir() else []


def _entries(folder: str) -> list[os.DirEntry[str]]:
    """Every file under `folder` but hidden ones, in a fixed order: a folder's own files by name,
    then each of its folders by name (a linked folder is not followed). Strings and DirEntry
    rather than Path objects, gathered in one list rather than yielded through a generator for
    each folder: an output tree holds tens of thousands of files, and the inputs ten thousand."""
    found: list[os.DirEntry[str]] = []
    _gather(folder, found)
    return found


def _gather(folder: str, found: list[os.DirEntry[str]]) -> None:
    try:
        with os.scandir(folder) as scan:
            entries = sorted([entry for entry in scan if entry.name[0] != "."], key=attrgetter("name"))
    except OSError:  # an unreadable folder: the build reports what it cannot read
        return
    folders = []
    for entry in entries:
        if entry.is_dir():
            folders.append(entry)
        else:
            found.append(entry)
    for entry in folders:
        if not entry.is_symlink():
            _gather(entry.path, found)


def options_key(drafts: bool, today: str, output: Path) -> str:
    """The build options that change what is written."""
    return f"drafts={drafts}|today={today}|output={output}"

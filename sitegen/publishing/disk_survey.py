"""What the disk says of the last build's files, looked at in a process of its own while the
build plans.

An edit at 10,000 articles looks at about 34,000 files and folders that it then leaves as
they are: each folder of the spare tree (was anything added or removed in it?), each page
of the live output and each file of the search index's parts (is it the very file
published, untouched since?). None of that depends on the plan, and planning keeps one core
busy for a quarter of a second while the other waits. So a staged build forks a child that
makes these checks meanwhile and hands back only what it found out of place (mostly
nothing); the build then takes its word for the rest.

The survey makes exactly the checks the build would make, each against the same record, and
the build uses a finding only where it read that very record (the page record's stamp, the
spare tree's device and inode, each part's record). A build that cannot fork (the preview's,
from its watcher thread), or whose survey failed, makes every check itself, as before.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

import msgspec

from sitegen.core.beside import Beside, can_fork
from sitegen.core.workspace import unsound_parts
from sitegen.publishing.search_parts import PARTS_FOLDER, intact, recorded_parts
from sitegen.publishing.spare_tree import Moved, SpareSlot, moved_folders, spare_listing, spare_slot
from sitegen.rendering.page_cache import PAGE_RECORD, Stamp, recorded_stamps, stamp_of, unlike_stamps


class Survey(msgspec.Struct, frozen=True):
    """What a survey found. `output`: the live output it looked at; `record`: the page record's
    stamp as it read it; `device`: the output's file system; `unlike`: the pages whose file there
    is not as recorded (or could not be looked at). `tree`: the spare tree's device and inode
    (None: no spare tree with a listing); `moved`: its folders not as listed; `parts`: the
    identities of the search index's parts found whole in it (`Part.identity`); `unsound`: the
    cache's large parts found to hold a link or something of the wrong kind (workspace.unsound_parts),
    which the build discards before it uses them."""

    output: str
    record: Stamp | None = None
    device: int = -1
    unlike: frozenset[str] = frozenset()
    tree: tuple[int, int] | None = None
    moved: Moved = msgspec.field(default_factory=dict)
    parts: frozenset[bytes] = frozenset()
    unsound: tuple[str, ...] = ()


_SURVEY = msgspec.msgpack.Decoder(Survey)


class SurveyRun:
    """A survey of `output` and the project's `cache` under way, in a process of its own, when the
    build runs `beside` one (on more than one core); `result()` waits for it (None: none was made).
    Leaving the block stops one never asked for (the plan failed)."""

    def __init__(self, output: Path, cache: Path, beside: bool) -> None:
        self._beside: Beside | None = None
        self._found: Survey | None = None
        if beside and can_fork():
            slot = spare_slot(cache, output)
            with contextlib.suppress(OSError):  # no process to spare: the build looks itself
                self._beside = Beside(lambda: survey(output, cache, slot))

    def __enter__(self) -> SurveyRun:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def result(self) -> Survey | None:
        if self._beside is not None:
            data, self._beside = self._beside.result(), None
            try:
                self._found = _SURVEY.decode(data) if data else None
            except (msgspec.DecodeError, msgspec.ValidationError):
                self._found = None
        return self._found

    def stop(self) -> None:
        """Stop the survey if it was never asked for (the build failed before it needed it)."""
        if self._beside is not None:
            self._beside.stop()
            self._beside = None


def survey(output: Path, cache: Path, slot: SpareSlot | None) -> bytes:
    """Look at the live output's pages, and at the spare tree's folders and search parts, against
    their records, and walk the cache's large parts; the findings, encoded."""
    unsound = tuple(unsound_parts(cache))
    record = cache / PAGE_RECORD
    stamp, stamps = stamp_of(record), recorded_stamps(record)
    device, unlike = -1, frozenset[str]()
    if stamp is not None and stamps:
        with contextlib.suppress(OSError):
            device = os.stat(output).st_dev
        unlike = frozenset(unlike_stamps(str(output), stamps, device))
    tree = slot.tree if slot else None
    listing = spare_listing(slot, tree) if slot and tree else None
    if tree is None or listing is None:
        return msgspec.msgpack.encode(Survey(str(output), stamp, device, unlike, unsound=unsound))
    moved = moved_folders(tree, listing)
    recorded = recorded_parts(cache / PARTS_FOLDER)
    parts = frozenset(part.identity for part in recorded if intact(tree / part.bundle, part))
    tree_id = (listing[0], listing[1])
    return msgspec.msgpack.encode(Survey(str(output), stamp, device, unlike, tree_id, moved, parts, unsound))

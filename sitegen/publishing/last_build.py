"""Whether the last build of a project's output succeeded, so `sitegen deploy` never publishes a
site whose sources the last build refused.

A failed build leaves `output/` as it was: complete, but older than the sources. Publishing it
then would hide the failure. The build writes one small sealed file on success and on failure,
naming the output folder it built; deploy reads it. A project built before this record existed,
or a record from elsewhere (not sealed by this user), counts as unknown: build again.

Only standard-library modules are imported here: the command line's no-op check uses it too.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

from sitegen.core.sealed import read_sealed, write_sealed
from sitegen.core.workspace import ProjectBusy

LAST_BUILD = ".sitegen-cache/last-build"
_SUCCEEDED, _FAILED = "succeeded", "failed"


def record_outcome(root: Path, output: Path, succeeded: bool) -> None:
    outcome = _SUCCEEDED if succeeded else _FAILED
    write_sealed(root / LAST_BUILD, f"{outcome}\n{output}\n".encode())


@contextlib.contextmanager
def recording_outcome(root: Path, output: Path) -> Iterator[None]:
    """Record how the build run inside this block ends: any error is a failure, except finding
    the project busy (nothing was tried; the build that holds the lock records its own outcome)."""
    try:
        yield
    except ProjectBusy:
        raise
    except Exception:
        record_outcome(root, output, succeeded=False)
        raise
    record_outcome(root, output, succeeded=True)


def last_outcome(root: Path, output: Path) -> bool | None:
    """True when the last build into `output` succeeded, False when it failed, None when unknown."""
    sealed = read_sealed(root / LAST_BUILD)
    if sealed is None:
        return None
    outcome, _, folder = sealed.decode("utf-8", "replace").rstrip("\n").partition("\n")
    if folder != str(output) or outcome not in (_SUCCEEDED, _FAILED):
        return None
    return outcome == _SUCCEEDED

"""The changes a deploy makes, worked out once, before anything is touched: which files to upload,
which to delete, which are already there as they should be. Every target applies the same plan.

Files are compared by the MD5 of their bytes, the digest S3 reports as an object's ETag, so a
file is uploaded only when its content changed (as `hugo deploy` does).
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from sitegen.core.output_folder import MARKER


@dataclass(frozen=True)
class SiteFile:
    """One file to publish: from the output folder, or made by the target (`data`, e.g. git's CNAME)."""

    path: str
    md5: str
    size: int
    source: Path | None = None
    data: bytes | None = None

    def read(self) -> bytes:
        if self.data is not None:
            return self.data
        assert self.source is not None
        return self.source.read_bytes()


@dataclass(frozen=True)
class Plan:
    uploads: tuple[SiteFile, ...]
    deletions: tuple[str, ...]
    """Files the target has and the site no longer does; empty with --no-delete."""
    unchanged: tuple[str, ...]
    kept: tuple[str, ...] = ()
    """Files the site no longer has that --no-delete leaves in place."""

    @property
    def bytes(self) -> int:
        return sum(f.size for f in self.uploads)

    @property
    def changes_nothing(self) -> bool:
        return not self.uploads and not self.deletions


def md5_of(data: bytes) -> str:
    return hashlib.md5(data, usedforsecurity=False).hexdigest()


def made_file(path: str, data: bytes) -> SiteFile:
    return SiteFile(path, md5_of(data), len(data), data=data)


def site_files(output: Path) -> dict[str, SiteFile]:
    """Every file of the built site by its path ('articles/a/index.html'), the output marker aside."""
    found: dict[str, SiteFile] = {}
    for directory, folders, files in os.walk(output):
        folders.sort()
        for name in sorted(files):
            path = Path(directory) / name
            relative = path.relative_to(output).as_posix()
            if relative == MARKER:
                continue
            data = path.read_bytes()
            found[relative] = SiteFile(relative, md5_of(data), len(data), source=path)
    return found


def plan_changes(site: Mapping[str, SiteFile], there: Mapping[str, str], keep_removed: bool) -> Plan:
    """What turns `there` (each file the target holds, with its MD5) into `site`."""
    uploads = tuple(f for path, f in sorted(site.items()) if there.get(path) != f.md5)
    unchanged = tuple(path for path, f in sorted(site.items()) if there.get(path) == f.md5)
    removed = tuple(sorted(path for path in there if path not in site))
    if keep_removed:
        return Plan(uploads, (), unchanged, removed)
    return Plan(uploads, removed, unchanged)

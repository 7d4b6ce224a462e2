"""What a folder of media looks like, cheaply: each file's name and stamp (size, times, inode).

The parse caches fold this into their salt, so a new, removed or rewritten image or recording
parses the content that refers to it again, without reading the files themselves.
"""

from __future__ import annotations

import hashlib
from pathlib import Path


def folder_stamps(folder: Path, hash_suffix: str = "") -> list[str]:
    """One line per file under `folder`, in name order; files ending in `hash_suffix` (small text
    such as transcripts, which can be saved twice within a clock tick) add a digest of their bytes."""
    if not folder.is_dir():
        return []
    stamps = []
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            stat = path.stat()
            stamp = f"{path.relative_to(folder).as_posix()}:{stat.st_size}:{stat.st_mtime_ns}:{stat.st_ctime_ns}"
            stamp += f":{stat.st_ino}"
            if hash_suffix and path.suffix.lower() == hash_suffix:
                stamp += ":" + hashlib.sha256(path.read_bytes()).hexdigest()
            stamps.append(stamp)
    return stamps

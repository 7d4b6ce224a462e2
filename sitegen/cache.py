"""A persistent cache of parsed articles in `.sitegen-cache/`, only ever an optimisation.

Each entry is keyed by the article file's bytes together with everything else that
shapes its parse (sitegen's version, the configuration, the images folder, "today"),
so a stale entry can never be found. A missing, unreadable or corrupt cache is simply
rebuilt: the output is byte-identical either way.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import os
import pickle
from pathlib import Path
from typing import Any

from sitegen import __version__
from sitegen.config import SiteConfig
from sitegen.images import IMAGES_DIR

CACHE_DIR = ".sitegen-cache"
log = logging.getLogger(__name__)


class ParseCache:
    def __init__(self, root: Path, name: str, config: SiteConfig, today: dt.date) -> None:
        self.path = root / CACHE_DIR / f"{name}.pickle"
        salt = hashlib.sha256()
        for part in (__version__, repr(config), today.isoformat(), _images_signature(root)):
            salt.update(part.encode("utf-8"))
            salt.update(b"\0")
        self.salt = salt.digest()
        self.entries: dict[bytes, Any] = {}
        self.used: dict[bytes, Any] = {}
        self._load()

    def key(self, data: bytes) -> bytes:
        return hashlib.sha256(self.salt + data).digest()

    def get(self, key: bytes) -> Any | None:
        found = self.entries.get(key)
        if found is not None:
            self.used[key] = found
        return found

    def put(self, key: bytes, value: Any) -> None:
        self.used[key] = value

    def save(self) -> None:
        """Keep exactly the entries this build used, written atomically."""
        if self.used.keys() == self.entries.keys():
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        temporary = self.path.with_suffix(f".tmp{os.getpid()}")
        with temporary.open("wb") as handle:
            pickle.dump({"salt": self.salt, "entries": self.used}, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, self.path)

    def _load(self) -> None:
        try:
            with self.path.open("rb") as handle:
                data = pickle.load(handle)
        except FileNotFoundError:
            return
        except Exception as exc:  # a corrupt cache is rebuilt, never trusted
            log.info("ignoring unreadable cache %s: %s", self.path, exc)
            return
        if isinstance(data, dict) and data.get("salt") == self.salt and isinstance(data.get("entries"), dict):
            self.entries = data["entries"]


def _images_signature(root: Path) -> str:
    folder = root / IMAGES_DIR
    if not folder.is_dir():
        return ""
    parts = []
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            stat = path.stat()
            parts.append(f"{path.relative_to(folder).as_posix()}:{stat.st_size}:{stat.st_mtime_ns}")
    return "\n".join(parts)


class ContentCaches:
    """The parse caches a build uses, opened and saved together."""

    def __init__(self, root: Path, config: SiteConfig, today: dt.date) -> None:
        self.articles = ParseCache(root, "articles", config, today)
        self.journeys = ParseCache(root, "journeys", config, today)

    def save(self) -> None:
        self.articles.save()
        self.journeys.save()

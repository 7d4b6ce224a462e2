"""Skip re-rendering pages whose inputs did not change since the last build.

A page's output is a pure function of its template set and its context. Each build
records, per output file, a digest of (template, context) and a digest of the bytes
written. The next build renders a page only when its digest changed, or when the
previous file is missing or no longer holds those bytes; otherwise it links the
previous file. Anything else that shapes rendering (sitegen's version, every template
file, the configuration) goes into a salt that must match for any reuse at all.
"""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
from pathlib import Path

from sitegen import __version__
from sitegen.config import SiteConfig
from sitegen.page_job import PageJob

log = logging.getLogger(__name__)
Entry = tuple[bytes, bytes]


def rendering_salt(config: SiteConfig, template_dirs: list[Path]) -> bytes:
    """A digest of what shapes every page alike: sitegen's version, the configuration, every template."""
    salt = hashlib.sha256(f"{__version__}\0{config!r}\0".encode())
    for folder in template_dirs:
        for file in sorted(folder.rglob("*")):
            if file.is_file():
                salt.update(file.relative_to(folder).as_posix().encode() + b"\0" + file.read_bytes())
    return salt.digest()


class PageCache:
    def __init__(self, path: Path, config: SiteConfig, template_dirs: list[Path]) -> None:
        self.path = path
        self.salt = rendering_salt(config, template_dirs)
        self.previous: dict[str, Entry] = {}
        try:
            with path.open("rb") as handle:
                data = pickle.load(handle)
            if isinstance(data, dict) and data.get("salt") == self.salt and isinstance(data.get("pages"), dict):
                self.previous = data["pages"]
        except FileNotFoundError:
            pass
        except Exception as exc:  # a corrupt record only means rendering everything
            log.info("ignoring unreadable page record %s: %s", path, exc)

    @staticmethod
    def digest(job: PageJob) -> bytes:
        payload = pickle.dumps((job.template, job.context, job.inline_cta), protocol=pickle.HIGHEST_PROTOCOL)
        return hashlib.sha256(payload).digest()

    def reusable(self, relative: str, digest: bytes, previous_output: Path) -> bool:
        """True when the previous output file is exactly what rendering this page would write."""
        entry = self.previous.get(relative)
        if entry is None or entry[0] != digest:
            return False
        try:
            data = previous_output.joinpath(*relative.split("/")).read_bytes()
        except OSError:
            return False
        return hashlib.sha256(data).digest() == entry[1]

    def save(self, pages: dict[str, Entry]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        temporary = self.path.with_suffix(f".tmp{os.getpid()}")
        with temporary.open("wb") as handle:
            pickle.dump({"salt": self.salt, "pages": pages}, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, self.path)

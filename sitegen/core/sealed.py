"""Cache files this user's sitegen wrote, and no one else's.

`.sitegen-cache/` holds compiled templates and records that decide what a build
trusts. Loading a compiled template runs code. The records are plain data, but a
planted one could still change what is built: a parse result for a file, a page to
reuse, a search part, the stamp that says nothing changed. So a cache folder copied in
from elsewhere (committed to a repository by mistake, unpacked from an archive) must
not be believed. Every such file is sealed with an HMAC-SHA256 under a
secret kept outside the project, in `$XDG_CACHE_HOME/sitegen/secret` (else
`~/.cache/sitegen/secret`), readable by this user only. A file whose seal does not
match is treated as missing: the build redoes that work, with the same output.

Only the standard library is imported: the no-op check uses this before anything else.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import logging
import os
import secrets
import shutil
from pathlib import Path

log = logging.getLogger(__name__)

_SEAL = hashlib.sha256().digest_size
_SECRET_SIZE = 32
_secret: bytes | None = None


def secret_path() -> Path:
    base = os.environ.get("XDG_CACHE_HOME", "").strip()
    return (Path(base) if base else Path.home() / ".cache") / "sitegen" / "secret"


def _key() -> bytes:
    """This user's secret, made on first use; a per-run one if it cannot be kept (caches then never match)."""
    global _secret
    if _secret is None:
        path = secret_path()
        try:
            _secret = path.read_bytes()
        except OSError:
            _secret = _make_secret(path, replace=False)
        if len(_secret) < _SECRET_SIZE:  # empty or cut short (say, by a crash): never a key
            _secret = _make_secret(path, replace=True)
    return _secret


def _make_secret(path: Path, replace: bool) -> bytes:
    """A new secret, kept in `path` if possible; a secret another build just kept wins."""
    made = secrets.token_bytes(_SECRET_SIZE)
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        temporary = path.with_name(f".secret.{os.getpid()}")
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(made)
            handle.flush()
            os.fsync(handle.fileno())
        try:
            if replace:
                os.replace(temporary, path)
            else:
                with contextlib.suppress(FileExistsError):  # never replace a secret another build just made
                    os.link(temporary, path)
                kept = path.read_bytes()
                made = kept if len(kept) >= _SECRET_SIZE else made
        finally:
            temporary.unlink(missing_ok=True)
    except OSError as exc:
        log.info("cannot keep the cache secret in %s (%s): caches will not be reused", path, exc)
    return made


def _seal_of(data: bytes | memoryview) -> bytes:
    return hmac.new(_key(), data, hashlib.sha256).digest()


def write_sealed(path: Path, data: bytes) -> None:
    """Write `data` behind a seal only this user's sitegen can make, in one step (a killed
    build leaves the old file or the new one). The data is not copied: caches can be large."""
    write_whole(path, _seal_of(data), data)


def write_whole(path: Path, *parts: bytes | bytearray) -> None:
    """Write `parts` one after another as the file at `path`, in one step, readable by this user only."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.tmp{os.getpid()}")
    with contextlib.suppress(FileNotFoundError):
        temporary.unlink()  # never write through whatever was left (or planted) at this name
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
    with os.fdopen(descriptor, "wb") as handle:
        for part in parts:
            handle.write(part)
    try:
        os.replace(temporary, path)
    except IsADirectoryError:  # a folder where this file belongs: cache damage, replaced like any other
        shutil.rmtree(path)
        os.replace(temporary, path)


def read_sealed_view(path: Path) -> memoryview | None:
    """The data of a sealed file, without copying it, or None if it is missing, unreadable or
    not sealed by this user."""
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_NOFOLLOW)  # a link is never read through
        with os.fdopen(descriptor, "rb") as handle:
            blob = handle.read()
    except OSError:
        return None
    data = memoryview(blob)[_SEAL:]
    if len(blob) >= _SEAL and hmac.compare_digest(blob[:_SEAL], _seal_of(data)):
        return data
    log.info("ignoring %s: it was not written by this user's sitegen", path)
    return None


def read_sealed(path: Path) -> bytes | None:
    """Like read_sealed_view, as bytes (for small files)."""
    data = read_sealed_view(path)
    return None if data is None else bytes(data)

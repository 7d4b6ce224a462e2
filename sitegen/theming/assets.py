"""The theme's static files, copied into the site with content-hashed URLs for safe caching."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from sitegen.theming.lookup import static_dirs


@dataclass(frozen=True)
class StaticAssets:
    files: tuple[tuple[str, Path], ...]
    versions: dict[str, str]


def collect_static(root: Path, theme: str) -> StaticAssets:
    """Static files by name; a file in an earlier folder overrides one of the same name later."""
    chosen: dict[str, Path] = {}
    for folder in static_dirs(root, theme):
        for path in sorted(folder.rglob("*")):
            name = path.relative_to(folder).as_posix()
            if path.is_file() and not any(part.startswith(".") for part in name.split("/")):
                chosen.setdefault(name, path)
    versions = {
        name: hashlib.sha256(path.read_bytes()).hexdigest()[:10]
        for name, path in chosen.items()
        if name.endswith((".css", ".js"))
    }
    return StaticAssets(tuple(sorted(chosen.items())), versions)

"""The site search index, built by Pagefind over the staged site and served from it.

Pagefind (the PyPI package ships its binary) indexes pages marked `data-pagefind-body`:
articles, journey overviews and written days. The index lives in `/pagefind/` on the
site itself, so searching never contacts another origin.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from sitegen.errors import BuildFailed, ContentError

BUNDLE_DIR = "pagefind"


def index_site(site: Path, language: str) -> None:
    """Index the staged site in place; a missing or failing Pagefind stops the build clearly."""
    command = [
        sys.executable,
        "-m",
        "pagefind",
        "--site",
        str(site),
        "--output-subdir",
        BUNDLE_DIR,
        "--silent",
        "--force-language",
        language.split("-")[0].lower(),
    ]
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=600, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise BuildFailed(
            [
                ContentError(
                    "pagefind",
                    0,
                    f"search indexing failed: {exc}",
                    "reinstall sitegen so its 'pagefind[bin]' dependency is present",
                )
            ]
        ) from None
    if result.returncode != 0:
        detail = (result.stderr or result.stdout).strip().splitlines()
        raise BuildFailed(
            [
                ContentError(
                    "pagefind",
                    0,
                    "search indexing failed: " + (detail[-1] if detail else "?"),
                    "reinstall sitegen so its 'pagefind[bin]' dependency is present",
                )
            ]
        )

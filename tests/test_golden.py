"""The bundled sample site, compared file by file with reviewed golden output.

When a change to sitegen or the theme changes the output on purpose, regenerate with
`make golden` and review the diff of tests/golden/ before committing it.
"""

from __future__ import annotations

import difflib
import os
import re
import shutil
from pathlib import Path

GOLDEN = Path(__file__).parent / "golden" / "sample"
SUFFIXES = (".html", ".xml", ".txt")
HOST_FILES = ("_headers", "_redirects")


INDEX_FOLDER = re.compile(r"/pagefind/[0-9a-f]{10}/")
"""The search index's folder, named for its bytes: those hold Pagefind's own script and wasm, which
change with the Pagefind installed, so the golden copy names it `/pagefind/<digest>/`. That the
name follows the index, and only the index, is tested in test_search_index_address.py."""


def text_files(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): INDEX_FOLDER.sub("/pagefind/<digest>/", p.read_text(encoding="utf-8"))
        for p in sorted(folder.rglob("*"))
        if (p.suffix in SUFFIXES or p.name in HOST_FILES) and "pagefind" not in p.relative_to(folder).parts
    }


def test_sample_site_matches_golden_output(sample_output: Path) -> None:
    built = text_files(sample_output)
    if os.environ.get("SITEGEN_UPDATE_GOLDEN") == "1":
        shutil.rmtree(GOLDEN, ignore_errors=True)
        for name, text in built.items():
            (GOLDEN / name).parent.mkdir(parents=True, exist_ok=True)
            (GOLDEN / name).write_text(text, encoding="utf-8")
    golden = text_files(GOLDEN)
    assert sorted(built) == sorted(golden), "pages were added or removed: regenerate with `make golden` and review"
    changed = [name for name in built if built[name] != golden[name]]
    report = []
    for name in changed[:3]:
        diff = difflib.unified_diff(
            golden[name].splitlines(), built[name].splitlines(), f"golden/{name}", f"built/{name}", lineterm="", n=1
        )
        report.append("\n".join(list(diff)[:40]))
    assert not changed, f"{len(changed)} files differ from golden output:\n" + "\n\n".join(report)

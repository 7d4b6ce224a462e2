"""A first build's templates, compiled in a process of their own while the command line imports
the pipeline and reads the content.

A build keeps its compiled templates (and what each partial reads) in the project's cache, so only
a build that finds none there compiles them: at 1,000 articles that took 0.13-0.19 s at the start
of rendering, on one core, while the other waited. So when the cache holds none, the command line
forks a process (template_compiler.py) that compiles the templates of every theme folder the
project has while the import, which leaves a core idle, goes on; the renderer takes what it made
(`prepared`). Jinja uses a compiled template only if it was compiled from the source it reads
now, and a template that does not compile is left to the build, which says where it fails.

Nothing of the pipeline is imported here, as the command line uses this before it imports it.
"""

from __future__ import annotations

import marshal
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sitegen.core.beside import Beside, can_fork
from sitegen.core.workspace import CACHE_DIR

Prepared = tuple[dict[str, bytes], dict[bytes, bytes]]
"""Templates compiled by another process: Jinja's bytecode by its cache key, and what each reads
(shared_partials.own_reads_entry) by its key."""


@contextmanager
def templates_beside(root: Path) -> Iterator[Beside | None]:
    """The process compiling the templates of the project at `root`, if its cache holds none;
    stopped at the end of the block if nothing took what it made."""
    beside = _started(root)
    try:
        yield beside
    finally:
        if beside is not None:
            beside.stop()


def _started(root: Path) -> Beside | None:
    try:
        with os.scandir(root / CACHE_DIR / "templates") as kept:
            if next(kept, None) is not None:  # a build kept what it compiled (render.make_environment)
                return None
    except FileNotFoundError:
        pass
    except OSError:
        return None
    if not can_fork():
        return None
    try:
        return Beside(lambda: _compiled(root))
    except OSError:
        return None


def _compiled(root: Path) -> bytes:
    from sitegen.rendering.template_compiler import compiled_templates  # in the forked process only

    return compiled_templates(root)


def prepared(told: bytes | None) -> Prepared | None:
    """What the process made (template_compiler.compiled_templates), if it made anything readable."""
    if not told:
        return None
    try:
        bytecode, reads = marshal.loads(told)
    except (EOFError, ValueError, TypeError):
        return None
    if not (isinstance(bytecode, dict) and isinstance(reads, dict)):
        return None
    if not all(isinstance(k, str) and isinstance(v, bytes) for k, v in bytecode.items()):
        return None
    if not all(isinstance(k, bytes) and isinstance(v, bytes) for k, v in reads.items()):
        return None
    return bytecode, reads

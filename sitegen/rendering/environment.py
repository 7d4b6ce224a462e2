"""The Jinja environment a build renders in, before its functions: what a template compiles to.

Shared by the renderer (render.py) and the process that compiles a first build's templates
beside it (template_compiler.py), so that both compile a template to the same code.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import jinja2

from sitegen.rendering.shared_partials import SharingEnvironment


def theme_environment(dirs: list[Path], cache: jinja2.BytecodeCache | None, **sharing: Any) -> SharingEnvironment:
    """Strict and autoescaping, reading templates from `dirs` (the first that has one wins). The
    functions templates call (`t` and the rest) are looked up as a page renders, so they are the
    renderer's to add; filters are checked as a template compiles, so they are here."""
    env = SharingEnvironment(
        bytecode_cache=cache,
        loader=jinja2.FileSystemLoader([str(d) for d in dirs]),
        autoescape=True,
        auto_reload=False,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        **sharing,
    )
    env.filters["plural"] = lambda n, one, many: one if n == 1 else many  # kept for templates of earlier themes
    return env

"""What the process that compiles a first build's templates does (templates_beside.py): it
compiles every template the project's build may read, and finds what each reads. It reads no
configuration (its import alone is 25 ms, beside 45 ms of imports and 140 ms of compiling at
1,000 articles): it compiles the templates of every theme folder the project has, each under
its own file's name, as Jinja keys them."""

from __future__ import annotations

import marshal
from pathlib import Path

import jinja2
import jinja2.bccache

from sitegen.rendering.environment import theme_environment
from sitegen.rendering.shared_partials import own_reads_entry
from sitegen.theming.lookup import every_theme_dirs


def compiled_templates(root: Path) -> bytes:
    """Every template of the project at `root` compiled, and what each reads, as
    templates_beside.prepared() reads them back."""
    made = _Kept()
    reads: dict[bytes, bytes] = {}
    for folder in every_theme_dirs(root):
        env = theme_environment([folder], made)
        assert env.loader is not None
        for name in env.list_templates():
            try:
                source = env.loader.get_source(env, name)[0]
                key, found = own_reads_entry(env, source, name)
                env.get_template(name)
            except (jinja2.TemplateError, OSError, UnicodeError):
                continue  # the build reports it, if a page uses it
            reads[key] = found
    return marshal.dumps((made.bytecode, reads))


class _Kept(jinja2.BytecodeCache):
    """Keeps what each template compiled to, by Jinja's key for it."""

    def __init__(self) -> None:
        self.bytecode: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        return None

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.bytecode[bucket.key] = bucket.bytecode_to_string()

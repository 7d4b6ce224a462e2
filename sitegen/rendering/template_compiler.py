"""What the process that compiles a first build's templates does (templates_beside.py): it
compiles every template the project's build may read, and finds what each reads. It reads no
configuration (its import alone is 25 ms, beside 45 ms of imports and 95 ms of compiling at
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
    templates_beside.prepared() reads them back. Each is parsed once, for both: Jinja's own
    loading would parse it again to compile it (40% of the work), and make a template of it
    that this process never renders."""
    made = _Kept()
    reads: dict[bytes, bytes] = {}
    for folder in every_theme_dirs(root):
        env = theme_environment([folder], None)
        assert env.loader is not None
        for name in env.list_templates():
            try:
                source, filename, _ = env.loader.get_source(env, name)
                tree = env.parse(source, name, filename)
                key, found = own_reads_entry(source, tree)  # before compiling, which rewrites the tree
                bucket = made.get_bucket(env, name, filename, source)
                bucket.code = env.compile(tree, name, filename)
            except (jinja2.TemplateError, OSError, UnicodeError):
                continue  # the build reports it, if a page uses it
            reads[key] = found
            made.set_bucket(bucket)
    return marshal.dumps((made.bytecode, reads))


class _Kept(jinja2.BytecodeCache):
    """Keeps what each template compiled to, by Jinja's key for it (the key the build's cache looks for)."""

    def __init__(self) -> None:
        self.bytecode: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        return None

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.bytecode[bucket.key] = bucket.bytecode_to_string()

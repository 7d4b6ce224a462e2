"""Partials rendered once for all the pages that hand them the same values.

The footer, the crisis notice and a booking block come out the same on every page that gives
them the same values, yet each page rendered them again: a quarter of the time spent in
templates. So an included template is rendered once for each set of values it reads, and its
text used again. Which values those are is read from the template's own source, whichever
theme it comes from: a partial that reads `page` (or includes one that does) is rendered for
each page, and one that could come out otherwise for the same values, or does more than make
text (it has blocks, imports or sets names, names an include only as it renders, or calls
`lipsum` or `random`), is rendered every time, as before.

Values are matched by identity, and only values that cannot change count: strings, numbers,
frozen dataclasses and msgspec Structs (every value sitegen puts in a context), tuples of those,
and the environment's own functions. A partial whose values differ on most pages (a card in a list)
is soon rendered plainly again.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
from collections import OrderedDict
from collections.abc import Callable, Iterator, Mapping, MutableMapping
from pathlib import Path
from typing import Any

import jinja2
import msgspec
from jinja2 import meta, nodes
from jinja2.runtime import Context
from jinja2.utils import missing
from markupsafe import Markup

from sitegen.core.sealed import read_sealed, write_sealed

_NOT_SHARED = (nodes.Block, nodes.Extends, nodes.Import, nodes.FromImport, nodes.Macro, nodes.Assign, nodes.AssignBlock)
"""What a partial's text is not all of: blocks, imports, and names it sets (which a template that
imports it would miss on a reuse)."""
_CHANGING_NAMES = frozenset({"lipsum", "loop", "self", "caller", "varargs", "kwargs"})
_CHANGING_FILTERS = frozenset({"random"})
_KEPT = 4096
"""Texts kept per partial: an article's card shows on its listing, category and tag pages."""
_TRIAL = 2048
"""Renders after which a partial used again less than one time in eight is rendered plainly."""


class SharingEnvironment(jinja2.Environment):
    """An environment in which each included template is rendered once per set of values it reads.
    Templates do not change under it (`auto_reload` off): it keeps each included one at hand."""

    def __init__(
        self, reads_dir: Path | None = None, prepared_reads: Mapping[bytes, bytes] | None = None, **options: Any
    ) -> None:
        super().__init__(**options)
        self._looked_at: dict[str, jinja2.Template] = {}
        self._reads_dir = reads_dir
        """Where what each template reads is kept between builds (`_own_reads`), if anywhere."""
        self._prepared_reads = prepared_reads or {}
        """What templates read, found meanwhile by another process (`own_reads_entry`), by their key."""

    def get_template(
        self,
        name: str | jinja2.Template,
        parent: str | None = None,
        globals: MutableMapping[str, Any] | None = None,
    ) -> jinja2.Template:
        if parent is not None and globals is None and isinstance(name, str):
            known = self._looked_at.get(name)
            if known is not None:
                return known  # an include or extends met before: a dict look, not Jinja's cache and its lock
        template = super().get_template(name, parent, globals)
        if parent is not None and template.name and self._looked_at.get(template.name) is not template:
            self._looked_at[template.name] = template
            reads = self._reads(template.name, set())
            if reads is not None:
                template.root_render_func = _Remembered(template.root_render_func, reads, self.globals)
        return template

    def loaded(self) -> list[jinja2.Template]:
        """Every template loaded so far: those in Jinja's cache, and the partials kept here."""
        return [*(self.cache.values() if self.cache is not None else ()), *self._looked_at.values()]

    def _reads(self, name: str, seen: set[str]) -> frozenset[str] | None:
        """The names a template, and each it includes, reads from its context; None when its text
        may differ for the same values."""
        if name in seen:
            return frozenset()
        seen.add(name)
        try:
            assert self.loader is not None
            own = self._own_reads(self.loader.get_source(self, name)[0], name)
        except jinja2.TemplateError:
            return None
        if own is None:
            return None
        undeclared, used, includes = own
        names = {*undeclared, *(found for found in used if found in self.globals)}  # globals, which a page may hide
        if names & _CHANGING_NAMES:
            return None
        for included in includes:
            reads = self._reads(included, seen) if included is not None else None
            if reads is None:
                return None
            names |= reads
        return frozenset(names)

    def _own_reads(self, source: str, name: str) -> OwnReads | None:
        """What the template `source` reads itself, found in its syntax tree, or as kept from an
        earlier build for the same source: parsing a theme's partials again cost 15 ms of each
        one-article edit."""
        key = _reads_key(source)
        named = f"reads-{hashlib.sha256(name.encode()).hexdigest()[:32]}"  # one file a template, as Jinja's own
        kept_at = self._reads_dir / named if self._reads_dir else None
        kept = read_sealed(kept_at) if kept_at else None
        if kept is not None and kept[: len(key)] == key:
            with contextlib.suppress(msgspec.DecodeError, msgspec.ValidationError):
                return _KEPT_READS.decode(kept[len(key) :])
        if key in self._prepared_reads:  # found by another process meanwhile (own_reads_entry)
            found = _KEPT_READS.decode(self._prepared_reads[key])
        else:
            found = _own_reads_in(self.parse(source, name))
        if kept_at:
            with contextlib.suppress(OSError):  # a cache that cannot be written only costs speed
                write_sealed(kept_at, key + msgspec.msgpack.encode(found))
        return found


def own_reads_entry(source: str, tree: nodes.Template) -> tuple[bytes, bytes]:
    """What a template of this source reads, found in its syntax `tree` (parsed in an environment
    made as the build's is) and encoded for a SharingEnvironment's `prepared_reads`, under its key
    there. The tree is only looked at, so it can be compiled after."""
    return _reads_key(source), msgspec.msgpack.encode(_own_reads_in(tree))


def _reads_key(source: str) -> bytes:
    return hashlib.sha256(f"{_READS_VERSION}\0{jinja2.__version__}\0{source}".encode()).digest()


OwnReads = tuple[list[str], list[str], list[str | None]]
"""What a template reads itself: the names it does not set, every name it looks up (of which the
environment's own functions count), and the templates it includes (None: named as it renders)."""
_KEPT_READS: msgspec.msgpack.Decoder[OwnReads | None] = msgspec.msgpack.Decoder(OwnReads | None)
_READS_VERSION = "own-reads-1"
"""Changed whenever _own_reads_in changes what it finds, so that nothing kept of the old kind is used."""


def _own_reads_in(tree: nodes.Template) -> OwnReads | None:
    """What the template of syntax `tree` reads itself; None when its text may differ for the same values."""
    if next(tree.find_all(_NOT_SHARED), None) is not None:
        return None
    if any(used.name in _CHANGING_FILTERS for used in tree.find_all(nodes.Filter)):
        return None
    undeclared = sorted(meta.find_undeclared_variables(tree))
    used = sorted({found.name for found in tree.find_all(nodes.Name)})
    return undeclared, used, list(meta.find_referenced_templates(tree))


class _Remembered:
    """A partial's render function, answering from memory when handed the very values it was before.

    Kept texts are found by the identities of their values: each entry holds its values, so while
    it is kept no other object can take one of those identities."""

    def __init__(self, render: Callable[[Context], Iterator[str]], names: frozenset[str], own: dict[str, Any]) -> None:
        self.render = render
        self.names = tuple(sorted(names))
        self.own = own
        self.kept: OrderedDict[tuple[int, ...], tuple[tuple[object, ...], str]] = OrderedDict()
        self.renders = self.reused = 0

    def __call__(self, context: Context) -> Iterator[str]:
        if self.renders >= _TRIAL and self.reused * 8 < self.renders:
            self.kept.clear()
            return self.render(context)
        self.renders += 1
        values = tuple(map(context.resolve_or_missing, self.names))
        key = tuple(map(id, values))
        found = self.kept.get(key)
        if found is not None:
            self.reused += 1
            return _once(found[1])
        text = "".join(self.render(context))
        if all(map(self._unchanging, self.names, values)):
            if len(self.kept) >= _KEPT:
                with contextlib.suppress(KeyError):  # the preview's threads may share a renderer
                    self.kept.popitem(last=False)
            self.kept[key] = (values, text)
        return _once(text)

    def _unchanging(self, name: str, value: object) -> bool:
        if value is missing or value is self.own.get(name, missing):
            return True
        return _immutable(value)


_PLAIN = frozenset({str, Markup, int, float, bool, type(None)})


def _immutable(value: object) -> bool:
    kind = type(value)
    if kind in _PLAIN:
        return True
    if isinstance(value, tuple) and kind is tuple:
        return all(map(_immutable, value))
    if isinstance(value, msgspec.Struct):
        return bool(value.__struct_config__.frozen)
    params = getattr(kind, "__dataclass_params__", None)
    return dataclasses.is_dataclass(kind) and bool(params and params.frozen)


def _once(text: str) -> Iterator[str]:
    yield text

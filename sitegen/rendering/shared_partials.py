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
frozen dataclasses (every value sitegen puts in a context), tuples of those, and the
environment's own functions. A partial whose values differ on most pages (a card in a list)
is soon rendered plainly again.
"""

from __future__ import annotations

import contextlib
import dataclasses
from collections import OrderedDict
from collections.abc import Callable, Iterator, MutableMapping
from typing import Any

import jinja2
from jinja2 import meta, nodes
from jinja2.runtime import Context
from jinja2.utils import missing
from markupsafe import Markup

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

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self._looked_at: dict[str, jinja2.Template] = {}

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
            tree = self.parse(self.loader.get_source(self, name)[0], name)
        except jinja2.TemplateError:
            return None
        if next(tree.find_all(_NOT_SHARED), None) is not None:
            return None
        if any(used.name in _CHANGING_FILTERS for used in tree.find_all(nodes.Filter)):
            return None
        names = set(meta.find_undeclared_variables(tree))  # all but the environment's own functions,
        names |= {used.name for used in tree.find_all(nodes.Name) if used.name in self.globals}  # which a page may hide
        if names & _CHANGING_NAMES:
            return None
        for included in meta.find_referenced_templates(tree):
            reads = self._reads(included, seen) if included is not None else None
            if reads is None:
                return None
            names |= reads
        return frozenset(names)


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
    params = getattr(kind, "__dataclass_params__", None)
    return dataclasses.is_dataclass(kind) and bool(params and params.frozen)


def _once(text: str) -> Iterator[str]:
    yield text

"""A page to render: the unit the planner produces and the renderer consumes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

import msgspec
from markupsafe import Markup

from sitegen.core import urls as u
from sitegen.planning.booking import BookingCta
from sitegen.planning.context import SearchBundle

_MARKUP = 1


def _encode_markup(value: Any) -> Any:
    """Markup is text that templates do not escape, so it must not digest like plain text."""
    if isinstance(value, Markup):
        return msgspec.msgpack.Ext(_MARKUP, str(value).encode("utf-8"))
    raise NotImplementedError(f"a page's context or inputs hold a {type(value).__name__}, which cannot be digested")


DIGESTIBLE = msgspec.msgpack.Encoder(enc_hook=_encode_markup)
"""Bytes for a digest of what a page is made from (its inputs, or its context): the planner's
keys and the page record's use the one encoding."""


class LazyContext(Mapping[str, Any]):
    """A page's template context, made when it is first read: a build renders only the pages
    whose inputs changed, and the rest never need theirs."""

    def __init__(self, make: Callable[[], dict[str, Any]], searchable: bool) -> None:
        self._make = make
        self._made: dict[str, Any] | None = None
        self.searchable = searchable
        """Whether the search index covers the page, known before the context is made."""

    @property
    def made(self) -> dict[str, Any]:
        if self._made is None:
            self._made = self._make()
        return self._made

    def __getitem__(self, key: str) -> Any:
        return self.made[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self.made)

    def __len__(self) -> int:
        return len(self.made)


@dataclass(frozen=True)
class PageJob:
    """One page to render: `path` is its site path, `source` names what produced it."""

    path: str
    template: str
    context: Mapping[str, Any]
    source: str
    inline_cta: BookingCta | None = None
    lastmod: dt.date | None = None
    in_sitemap: bool = True
    inputs: bytes | None = None
    """A digest of everything the page is made from besides what every page shares (templates,
    texts, configuration), when its family can tell it without making the context (then a
    LazyContext): equal inputs, equal page."""

    output: str = field(init=False, repr=False, compare=False)
    """The file, relative to the output folder, that serves this page (made by the URL module).
    Made with the page rather than when first asked for: functools.cached_property takes a lock
    each time it makes a value, which for 12,000 pages cost twice the making."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "output", u.output_path_for(self.path))

    @property
    def searchable(self) -> bool:
        """Whether the search index covers this page (decided when its PageInfo is made)."""
        if isinstance(self.context, LazyContext):
            return self.context.searchable
        return bool(self.context["page"].searchable)

    @property
    def names_search_index(self) -> bool:
        """Whether this page names the search index (the search page), and so is rendered once it is made."""
        return not isinstance(self.context, LazyContext) and "search_bundle" in self.context

    def naming(self, index: SearchBundle | None) -> PageJob:
        """This page, naming the search index it loads."""
        return replace(self, context={**self.context, "search_bundle": index})

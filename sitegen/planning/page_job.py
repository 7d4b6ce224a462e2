"""A page to render: the unit the planner produces and the renderer consumes."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from functools import cached_property
from typing import Any

from sitegen.core import urls as u
from sitegen.planning.booking import BookingCta
from sitegen.planning.context import SearchBundle


@dataclass(frozen=True)
class PageJob:
    """One page to render: `path` is its site path, `source` names what produced it."""

    path: str
    template: str
    context: dict[str, Any]
    source: str
    inline_cta: BookingCta | None = None
    lastmod: dt.date | None = None
    in_sitemap: bool = True

    @cached_property
    def output(self) -> str:
        """The file, relative to the output folder, that serves this page (made by the URL module)."""
        return u.output_path_for(self.path)

    @property
    def searchable(self) -> bool:
        """Whether the search index covers this page (decided when its PageInfo is made)."""
        return bool(self.context["page"].searchable)

    @property
    def names_search_index(self) -> bool:
        """Whether this page names the search index (the search page), and so is rendered once it is made."""
        return "search_bundle" in self.context

    def naming(self, index: SearchBundle | None) -> PageJob:
        """This page, naming the search index it loads."""
        return replace(self, context={**self.context, "search_bundle": index})

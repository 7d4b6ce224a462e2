"""A page to render: the unit the planner produces and the renderer consumes."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sitegen.planning.booking import BookingCta


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

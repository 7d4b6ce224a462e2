"""`sitegen check`'s note when a US practice's fees page does not lead to its Good Faith Estimate.

The No Surprises Act notice belongs where a client reads about cost; the footer links to it on
every page, but a reader weighing the fees should not have to look for it. A fees page is
told by its file's name (fees.md, fees-insurance.md, rates.md, tarifas.md…), as the pages'
names are the practice's own.
"""

from __future__ import annotations

import re
from pathlib import Path

from sitegen.config.site_config import SiteConfig
from sitegen.core import layout
from sitegen.core import urls as u
from sitegen.core.errors import ContentError

FEES_WORDS = frozenset({"fee", "fees", "rates", "pricing", "prices", "costs", "tarifas", "honorarios", "precios"})


def fees_link_notes(config: SiteConfig, root: Path) -> list[ContentError]:
    """One note for each fees page with no link to /good-faith-estimate/, when the site has that page."""
    folder = root / layout.PAGES
    if not config.shows_good_faith_estimate or not folder.is_dir():
        return []
    notes = []
    for page in sorted(folder.glob("*.md")):
        if not FEES_WORDS & set(re.split(r"[-_ ]+", page.stem.lower())):
            continue
        text = page.read_text(encoding="utf-8", errors="replace")
        if f"/{u.good_faith_estimate()}" in text or f"/{u.GOOD_FAITH_ESTIMATE_SLUG})" in text:
            continue
        notes.append(
            ContentError(
                f"{layout.PAGES}/{page.name}",
                0,
                "this fees page does not link to your Good Faith Estimate page",
                "clients who pay for themselves look for it here; add a line such as "
                "[Your right to a Good Faith Estimate](/good-faith-estimate/)",
            )
        )
    return notes

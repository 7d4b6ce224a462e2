"""When the preview collects its garbage: between saves, never in the middle of one.

A large site's plan is hundreds of thousands of objects that live from one rebuild to the
next. Python's full collection walks every one of them (half a second at 10,000 articles)
and lands on whichever thread happens to allocate: often the one writing a saved page,
or serving it. The plan's objects hold no reference cycles (they go when the next plan
replaces them, by reference counting), so the preview keeps them out of the collector's
way: after each build they are frozen, young objects are collected as usual, and the
full collection runs only once nothing has been saved for IDLE_S.
"""

from __future__ import annotations

import gc

IDLE_S = 5.0
"""How long the preview waits without a save before it collects everything."""
_YOUNG = gc.get_threshold()[:2]
_NEVER_BY_ITSELF = 1_000_000
"""A third threshold no session reaches: full collections only when asked for (collect_all)."""


def between_saves() -> None:
    """Collect young objects as usual, but leave full collections to collect_all()."""
    gc.set_threshold(*_YOUNG, _NEVER_BY_ITSELF)


def after_build() -> None:
    """Move what the build left (the plan the next saves use) out of the collector's sight."""
    gc.freeze()


def collect_all() -> None:
    """The full collection, frozen objects included: once the preview has been idle a while."""
    gc.unfreeze()
    gc.collect()
    gc.freeze()

"""'Today', as the build sees it: reproducible when SOURCE_DATE_EPOCH is set."""

from __future__ import annotations

import datetime as dt
import os

from sitegen.core.errors import BuildFailed, ContentError


def today(environ: dict[str, str] | None = None) -> dt.date:
    """'Today' for scheduling: SOURCE_DATE_EPOCH when set (reproducible builds), else the clock."""
    env = os.environ if environ is None else environ
    epoch = env.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        try:
            return dt.datetime.fromtimestamp(int(epoch), dt.UTC).date()
        except (ValueError, OverflowError, OSError):
            raise BuildFailed(
                [
                    ContentError(
                        "SOURCE_DATE_EPOCH",
                        0,
                        f"'{epoch}' is not a Unix timestamp",
                        "set it to whole seconds since 1970, or unset it",
                    )
                ]
            ) from None
    return dt.date.today()

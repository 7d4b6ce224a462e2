"""A clinician's licences and supervisor, as front matter writes them.

Boards in the US and Canada want a clinician's licence type and number wherever they
advertise, and an associate's supervisor named; these are read here and checked once the
whole team is known (see sitegen/planning/licence_checks.py for the warnings).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from sitegen.config.regions import LICENSING_COUNTRIES, known_regions, region_name
from sitegen.config.site_config import SiteConfig
from sitegen.core.errors import ContentError, did_you_mean
from sitegen.reading.frontmatter_source import SourceFile, meta_line
from sitegen.reading.models import Clinician, Licence


@dataclass(frozen=True)
class LicenceMeta:
    type: str = field(metadata={"hint": "write the licence's type, e.g. 'type: LMFT'"})
    number: str = ""
    region: str = ""


_SUPERVISED_WORDS = re.compile(r"\b(associate|intern|trainee|resident|registrant)\b", re.IGNORECASE)
_ASSOCIATE_LICENCES = frozenset(
    {"amft", "apcc", "asw", "lpc-a", "lpca", "lcsw-a", "lcswa", "lmhc-a", "lmhca", "lmft-a", "lmfta", "lmsw"}
)
"""Associate licence types that carry no word 'associate' of their own (e.g. California's AMFT)."""


_REGION_HINT = "write a state's or province's name, e.g. 'Oregon', or its code, 'OR'"


def read_licences(
    source: SourceFile, written: tuple[LicenceMeta, ...], config: SiteConfig, errors: list[ContentError]
) -> tuple[Licence, ...]:
    """Each licence, a state's or province's code spelled out ('OR' → 'Oregon') unless the
    practice is in another country. In a US or Canadian practice a region must be a state or
    province (by name or postal code), so a typo cannot hide a telehealth gap."""
    licences = []
    checked = config.practice.country.upper() in LICENSING_COUNTRIES
    north_american = checked or not config.practice.country  # elsewhere 'WA' may be Western Australia
    for index, meta in enumerate(written):
        line = source.meta.line_of(("licenses", index)) or meta_line(source, "licenses")
        region = " ".join(meta.region.split())
        full = region_name(region) if region and north_american else None
        if region and full is None and checked:
            where = source.meta.line_of(("licenses", index, "region")) or line
            hint = did_you_mean(region, known_regions()) or _REGION_HINT
            errors.append(ContentError(source.path, where, f"unknown region '{region}' for this licence", hint))
        licences.append(Licence(meta.type.strip(), str(meta.number).strip(), full or region, line))
    return tuple(licences)


def is_supervised(role: str, licences: Iterable[Licence]) -> bool:
    """An associate, intern, trainee or resident: said by the role or by a licence type."""
    types = [licence.type for licence in licences]
    if any(t.casefold() in _ASSOCIATE_LICENCES for t in types):
        return True
    return any(_SUPERVISED_WORDS.search(text) for text in (role, *types))


def supervisor_problems(clinicians: Iterable[Clinician], known: frozenset[str]) -> list[ContentError]:
    """A `supervisor:` must name a clinician in content/team/ other than themselves."""
    errors = []
    for clinician in clinicians:
        slug = clinician.supervisor
        line = clinician.line_of("supervisor")
        if slug and slug not in known:
            hint = did_you_mean(slug, known) or "add them as content/team/<slug>.md"
            errors.append(ContentError(clinician.source.path, line, f"unknown supervisor '{slug}'", hint))
        elif slug and slug == clinician.slug:
            hint = "name the clinician who supervises them"
            errors.append(ContentError(clinician.source.path, line, "a clinician cannot supervise themselves", hint))
    return errors

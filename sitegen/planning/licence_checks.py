"""What a board would find missing in how the site presents its clinicians: a licence number,
an associate's supervisor, a telehealth region no one is licensed in.

Each is a warning, located where it is fixed; `strict: true` in site.yaml makes them errors.
"""

from __future__ import annotations

from sitegen.config.regions import LICENSING_COUNTRIES, region_key
from sitegen.config.site_config import CONFIG_FILE, SiteConfig
from sitegen.core.errors import ContentError
from sitegen.reading.models import Clinician

_LICENCE_EXAMPLE = "e.g. '- {type: LMFT, number: T-10482, region: Oregon}'"


def licence_findings(config: SiteConfig, clinicians: tuple[Clinician, ...]) -> list[ContentError]:
    findings: list[ContentError] = []
    if config.practice.country.upper() in LICENSING_COUNTRIES:
        for clinician in clinicians:
            findings += _missing_numbers(clinician, config.practice.country.upper())
    for clinician in clinicians:
        if clinician.supervised and not clinician.supervisor:
            findings.append(
                ContentError(
                    clinician.source.path,
                    clinician.line_of("role", "licenses"),
                    f"{clinician.name} is an associate, intern or trainee but names no supervisor",
                    "add 'supervisor:' with the file name of their supervisor in content/team/, "
                    "so their page and articles say who supervises them",
                )
            )
    return findings + _uncovered_telehealth(config, clinicians)


def _missing_numbers(clinician: Clinician, country: str) -> list[ContentError]:
    """A US or Canadian board asks for the licence number wherever a clinician is advertised."""
    why = "boards in the US and Canada ask for it wherever a clinician is advertised"
    if not clinician.licences:
        hint = f"add 'licenses:' with each licence's type, number and region, {_LICENCE_EXAMPLE}"
        message = f"{clinician.name} has no licence number, and the practice is in {country}: {why}"
        return [ContentError(clinician.source.path, clinician.line_of("licenses", "name"), message, hint)]
    return [
        ContentError(
            clinician.source.path,
            licence.line or clinician.line_of("licenses"),
            f"the {licence.type} licence of {clinician.name} has no number: {why}",
            "add 'number:' to it, as the board wrote it",
        )
        for licence in clinician.licences
        if not licence.number
    ]


def _uncovered_telehealth(config: SiteConfig, clinicians: tuple[Clinician, ...]) -> list[ContentError]:
    """A client may only be seen by telehealth where their clinician is licensed."""
    country = config.practice.country.upper()
    spelled = country in LICENSING_COUNTRIES or not country  # elsewhere 'WA' may be Western Australia
    covered = {region_key(lic.region, spelled) for c in clinicians for lic in c.licences if lic.region}
    covered |= {region_key(region, spelled) for c in clinicians for region in c.regions}
    return [
        ContentError(
            CONFIG_FILE,
            config.line_of("practice", "telehealth", index) or config.line_of("practice", "telehealth"),
            f"telehealth is offered in {region}, but no clinician holds a licence there",
            f"add the licence with 'region: {region}' to the clinician who holds it, or take {region} "
            "out of practice.telehealth",
        )
        for index, region in enumerate(config.practice.telehealth)
        if region_key(region, spelled) not in covered
    ]

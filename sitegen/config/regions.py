"""The states and provinces a US or Canadian licence is issued in, by full name and postal code.

A licence's `region:` and `practice.telehealth` may be written either way ('Oregon' or 'OR');
both are compared by full name, so 'OR' in one place and 'Oregon' in another are one region.
"""

from __future__ import annotations

US_STATES: dict[str, str] = {
    "AL": "Alabama", "AK": "Alaska", "AZ": "Arizona", "AR": "Arkansas", "CA": "California",
    "CO": "Colorado", "CT": "Connecticut", "DE": "Delaware", "DC": "District of Columbia",
    "FL": "Florida", "GA": "Georgia", "HI": "Hawaii", "ID": "Idaho", "IL": "Illinois",
    "IN": "Indiana", "IA": "Iowa", "KS": "Kansas", "KY": "Kentucky", "LA": "Louisiana",
    "ME": "Maine", "MD": "Maryland", "MA": "Massachusetts", "MI": "Michigan", "MN": "Minnesota",
    "MS": "Mississippi", "MO": "Missouri", "MT": "Montana", "NE": "Nebraska", "NV": "Nevada",
    "NH": "New Hampshire", "NJ": "New Jersey", "NM": "New Mexico", "NY": "New York",
    "NC": "North Carolina", "ND": "North Dakota", "OH": "Ohio", "OK": "Oklahoma", "OR": "Oregon",
    "PA": "Pennsylvania", "RI": "Rhode Island", "SC": "South Carolina", "SD": "South Dakota",
    "TN": "Tennessee", "TX": "Texas", "UT": "Utah", "VT": "Vermont", "VA": "Virginia",
    "WA": "Washington", "WV": "West Virginia", "WI": "Wisconsin", "WY": "Wyoming",
    "PR": "Puerto Rico", "GU": "Guam", "VI": "U.S. Virgin Islands",
}  # fmt: skip

CANADIAN_PROVINCES: dict[str, str] = {
    "AB": "Alberta", "BC": "British Columbia", "MB": "Manitoba", "NB": "New Brunswick",
    "NL": "Newfoundland and Labrador", "NS": "Nova Scotia", "NT": "Northwest Territories",
    "NU": "Nunavut", "ON": "Ontario", "PE": "Prince Edward Island", "QC": "Quebec",
    "SK": "Saskatchewan", "YT": "Yukon",
}  # fmt: skip

LICENSING_COUNTRIES = frozenset({"US", "CA"})
"""Where each clinician's licence type and number belong in the practice's advertising."""

_BY_KEY: dict[str, str] = {}
for _code, _name in (*US_STATES.items(), *CANADIAN_PROVINCES.items()):
    _BY_KEY[_code.casefold()] = _name
    _BY_KEY[_name.casefold()] = _name
_BY_KEY["québec"] = "Quebec"


def region_name(written: str) -> str | None:
    """The full name of a US state or Canadian province written by name or postal code
    (any case); None when it is neither."""
    return _BY_KEY.get(" ".join(written.split()).casefold())


def region_key(written: str, north_american: bool = True) -> str:
    """What two spellings of one region share: its full name when known (in a practice in the
    US, in Canada or in no country named), else the text itself."""
    spelled = region_name(written) if north_american else None
    return (spelled or " ".join(written.split())).casefold()


def known_regions() -> list[str]:
    """Every full name, for a did-you-mean."""
    return [*US_STATES.values(), *CANADIAN_PROVINCES.values()]

"""The countries whose crisis services sitegen knows.

A placeholder: the crisis data itself (each country's services, numbers and sources) lives
with the crisis notice's own module, which replaces this one. Until then it answers only the
question `sitegen init` asks: is this a country whose notice sitegen can write by itself?
"""

from __future__ import annotations


def known_countries() -> dict[str, str]:
    """The ISO 3166 two-letter codes sitegen has crisis services for, each with its English name."""
    return {
        "US": "United States",
        "CA": "Canada",
        "GB": "United Kingdom",
        "IE": "Ireland",
        "AU": "Australia",
        "NZ": "New Zealand",
    }

"""JSON-LD for search engines: the practice, articles, journeys, clinicians, breadcrumbs.

Serialised so that no text can close the surrounding <script> element.
"""

from __future__ import annotations

import json
from typing import Any

from markupsafe import Markup

from sitegen.config.site_config import SiteConfig
from sitegen.planning.views import Link
from sitegen.reading.models import Article, Clinician, Journey, Licence

SCHEMA = "https://schema.org"
JsonObject = dict[str, Any]


def script_json(data: JsonObject) -> Markup:
    """JSON safe inside <script type="application/ld+json">: <, > and & are escaped."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    text = text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return Markup(text)


def organization(config: SiteConfig, url: str) -> JsonObject:
    practice = config.practice
    data: JsonObject = {"@type": "Organization", "name": practice.name or config.title, "url": url}
    if practice.phone:
        data["telephone"] = practice.phone
    if practice.email:
        data["email"] = practice.email
    if practice.address:
        data["address"] = practice.address
    if practice.telehealth:
        data["areaServed"] = list(practice.telehealth)
    return data


def person(clinician: Clinician, url: str) -> JsonObject:
    data: JsonObject = {"@type": "Person", "name": clinician.name, "url": url}
    if clinician.credentials:
        data["honorificSuffix"] = clinician.credentials
    if clinician.role:
        data["jobTitle"] = clinician.role
    if clinician.specialties:
        data["knowsAbout"] = list(clinician.specialties)
    if clinician.licences:
        data["hasCredential"] = [_licence(licence) for licence in clinician.licences]
    return data


def _licence(licence: Licence) -> JsonObject:
    data: JsonObject = {"@type": "EducationalOccupationalCredential", "credentialCategory": "license"}
    data["name"] = licence.type
    if licence.number:
        data["identifier"] = licence.number
    if licence.region:
        data["validIn"] = {"@type": "AdministrativeArea", "name": licence.region}
    return data


def with_context(data: JsonObject) -> JsonObject:
    return {"@context": SCHEMA, **data}


def article(
    item: Article, url: str, author: JsonObject | None, reviewer: JsonObject | None, publisher: JsonObject, image: str
) -> JsonObject:
    data: JsonObject = {
        "@type": "Article",
        "headline": item.title,
        "url": url,
        "mainEntityOfPage": url,
        "articleSection": item.category,
        "publisher": publisher,
    }
    if item.description:
        data["description"] = item.description
    if item.date:
        data["datePublished"] = item.date.isoformat()
        data["dateModified"] = (item.updated or item.date).isoformat()
    if item.tags:
        data["keywords"] = ", ".join(item.tags)
    if author:
        data["author"] = author
    if reviewer:
        data["reviewedBy"] = reviewer
    if item.last_reviewed:
        data["lastReviewed"] = item.last_reviewed.isoformat()
    if image:
        data["image"] = image
    return data


def course(journey: Journey, url: str, provider: JsonObject) -> JsonObject:
    data: JsonObject = {
        "@type": "Course",
        "name": journey.title,
        "url": url,
        "provider": provider,
        "courseMode": "online",
        "isAccessibleForFree": True,
        "timeRequired": f"P{journey.total_days}D",
    }
    if journey.description:
        data["description"] = journey.description
    return data


def breadcrumbs(trail: list[Link]) -> JsonObject:
    return {
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": index, "name": link.label, "item": link.url}
            for index, link in enumerate(trail, start=1)
        ],
    }

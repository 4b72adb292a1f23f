"""The public payload of each listing, built directly from model instances.

The API's hot path serializes with these plain functions: DRF's serializers cost
more than the query itself. shelters.api.serializers documents the same shape for
the OpenAPI schema, and a test holds the two to the same output. Location fields
come only from shelters.privacy.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

from shelters import hours, i18n, privacy
from shelters.geo import km_to_miles

_NOT_DIGITS = re.compile(r"\D")


def dial_string(number: str) -> str:
    """Digits to dial, with +1 for a ten-digit US number: ready for a tel: link."""
    digits = _NOT_DIGITS.sub("", number)
    if len(digits) == 10:
        return f"+1{digits}"
    if len(digits) == 11 and digits.startswith("1"):
        return f"+{digits}"
    return digits


def iso_datetime(value: datetime | None) -> str | None:
    if value is None:
        return None
    text = value.astimezone(UTC).isoformat()
    return text.removesuffix("+00:00") + "Z" if text.endswith("+00:00") else text


def iso_date(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _parts(owner, name: str):
    """The rows of `owner`'s reverse relation `name` (phones, hours, areas, channels).

    Read from the prefetch cache when the rows were prefetched, as every search and
    detail page does: `owner.phones.all()` returns the same QuerySet, but first builds
    a related manager (a class instance with its own manager set-up) for each call: 8 %
    of a nearest search's instructions (13.67 to 12.55 M, BENCHMARKS.md "Stop 26")."""
    try:
        return owner._prefetched_objects_cache[name]
    except (AttributeError, KeyError):
        return getattr(owner, name).all()


# What organization_summary reads: all a search's payloads need of an organisation.
ORGANIZATION_SUMMARY_COLUMNS = frozenset({"id", "name", "website", "phone"})


def organization_summary(organization) -> dict:
    return {
        "id": organization.pk,
        "name": organization.name,
        "website": organization.website,
        "phone": organization.phone,
    }


def organization(organization) -> dict:
    return {
        **organization_summary(organization),
        "description": organization.description,
        "email": organization.email,
    }


def phone(phone, lang: str = i18n.ENGLISH) -> dict:
    texts, marks = i18n.texts(phone, TRANSLATED_FIELDS["phone"], lang)
    return {
        "type": phone.type,
        "number": phone.number,
        "dial": dial_string(phone.number),
        "available_24_7": phone.available_24_7,
        "hours": texts["hours"],
        "text_lang": marks,
    }


def span(span) -> dict:
    return {
        "weekday": span.weekday,
        "opens": span.opens.strftime("%H:%M"),
        "closes": span.closes.strftime("%H:%M"),
    }


# The translated texts of each public object (shelters.translation registers their
# columns): in the payload in the language asked for, falling back to English per
# field; `text_lang` names each text that fell back, with the language it is in.
TRANSLATED_FIELDS = {
    "shelter": ("description",),
    "medical_service": ("description", "accessibility_notes"),
    "hotline": ("description",),
    "phone": ("hours",),
    "channel": ("notes",),
}


def _listing_fields(listing, lang: str, kind: str) -> dict:
    texts, marks = i18n.texts(listing, TRANSLATED_FIELDS[kind], lang)
    return {
        "id": listing.pk,
        "name": listing.name,
        **texts,
        "text_lang": marks,
        "organization": organization_summary(listing.organization),
        "languages": listing.languages,
        "last_verified": iso_date(listing.last_verified),
        "updated_at": iso_datetime(listing.public_updated_at),
    }


def _place_fields(place, now: datetime, lang: str) -> dict:
    distance = getattr(place, "distance_km", None)
    spans = list(_parts(place, "hours"))
    return {
        "address": privacy.public_address(place),
        "location": privacy.public_location(place),
        "distance_km": None if distance is None else round(distance, 3),
        "distance_mi": None if distance is None else round(km_to_miles(distance), 3),
        "timezone": privacy.public_timezone(place),
        "open_24_7": place.open_24_7,
        "open_now": hours.is_open(place.open_24_7, spans, privacy.public_timezone(place), now),
        "hours": [span(s) for s in spans],
        "phones": [phone(p, lang) for p in privacy.public_phones(place, _parts(place, "phones"))],
    }


def beds(shelter, now: datetime) -> dict:
    current = shelter.availability_is_current(now)
    return {
        "total": shelter.beds_total,
        "available": shelter.beds_available if current else None,
        "updated_at": iso_datetime(shelter.beds_updated_at),
        "current": current,
    }


def shelter(shelter, now: datetime, lang: str = i18n.ENGLISH) -> dict:
    return {
        **_listing_fields(shelter, lang, "shelter"),
        **_place_fields(shelter, now, lang),
        "kind": shelter.kind,
        "location_disclosure": shelter.location_disclosure,
        "populations": shelter.populations,
        "accepts_children": shelter.accepts_children,
        "max_boy_age": shelter.max_boy_age,
        "accepts_pets": shelter.accepts_pets,
        "wheelchair_accessible": shelter.wheelchair_accessible,
        "deaf_services": shelter.deaf_services,
        "services": shelter.services,
        "no_id_required": shelter.no_id_required,
        "free_of_charge": shelter.free_of_charge,
        "beds": beds(shelter, now),
    }


def medical_service(service, now: datetime, lang: str = i18n.ENGLISH) -> dict:
    texts, _marks = i18n.texts(service, TRANSLATED_FIELDS["medical_service"], lang)
    return {
        **_listing_fields(service, lang, "medical_service"),
        **_place_fields(service, now, lang),
        "kind": service.kind,
        "services": service.services,
        "wheelchair_accessible": service.wheelchair_accessible,
        "deaf_services": service.deaf_services,
        "accessibility_notes": texts["accessibility_notes"],
        "cost": service.cost,
        "walk_in": service.walk_in,
    }


def _channel(c, lang: str) -> dict:
    texts, marks = i18n.texts(c, TRANSLATED_FIELDS["channel"], lang)
    return {
        "kind": c.kind,
        "number": c.number,
        "dial": dial_string(c.number),
        "keyword": c.keyword,
        "url": c.url,
        "available_24_7": c.available_24_7,
        "hours": [span(s) for s in _parts(c, "hours")],
        "languages": c.languages,
        "notes": texts["notes"],
        "text_lang": marks,
    }


def hotline(hotline, lang: str = i18n.ENGLISH) -> dict:
    return {
        **_listing_fields(hotline, lang, "hotline"),
        "topics": hotline.topics,
        "coverage": hotline.coverage,
        "areas": [
            {"state": a.state, "county": a.county, "postal_code": a.postal_code}
            for a in _parts(hotline, "areas")
        ],
        "channels": [_channel(c, lang) for c in _parts(hotline, "channels")],
    }


GUIDANCE_PATH = "/api/v1/guidance/"


def guidance_reference(state: str | None, lang: str) -> dict:
    """What a search answer says of the guidance for its state: where to fetch it
    (a small, cacheable document), not the guidance itself."""
    query = f"state={state}&lang={lang}" if state else f"lang={lang}"
    return {"state": state, "url": f"{GUIDANCE_PATH}?{query}"}


def guidance_step(step) -> dict:
    return {
        "id": step.pk,
        "topic": step.topic,
        "order": step.order,
        "title": step.title,
        "body": step.body,
        "scope": step.state or "national",
        "lang": step.language,
        "reviewed_on": iso_date(step.reviewed_on),
    }


def guidance(state: str | None, lang: str, steps, topic_labels: dict[str, str]) -> dict:
    return {
        "state": state,
        "lang": lang,
        "topics": topic_labels,
        "steps": [guidance_step(step) for step in steps],
    }


def labels(lang: str, vocabularies: dict[str, dict[str, str]]) -> dict:
    return {"lang": lang, "vocabularies": vocabularies}


def translations(listing, kind: str) -> dict:
    """Every text of a listing written in another language than English, for
    downloads that serve all languages at once (snapshots): {"es": {"description":
    ..., "phones": [{"hours": ...}], "channels": [{"notes": ...}]}}. Parts are listed
    in the order of the payload's own `phones`/`channels`, with "" where a part has
    no translation; a language with no text at all is left out."""
    result = {}
    for lang in i18n.LANGUAGES:
        if lang == i18n.ENGLISH:
            continue
        texts = {
            field: value
            for field in TRANSLATED_FIELDS[kind]
            if (value := getattr(listing, f"{field}_{lang}", "") or "")
        }
        parts = {"phones": "phone", "channels": "channel"}
        for related, part_kind in parts.items():
            if not hasattr(listing, related):
                continue
            rows = [
                {
                    field: getattr(row, f"{field}_{lang}", "") or ""
                    for field in TRANSLATED_FIELDS[part_kind]
                }
                for row in _parts(listing, related)
            ]
            if any(any(row.values()) for row in rows):
                texts[related] = rows
        if texts:
            result[lang] = texts
    return result

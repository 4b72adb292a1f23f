"""Open Referral HSDS 3.0: the published directory as a package of HSDS services,
and such a package loaded back.

Each listing becomes one compiled HSDS service with its organisation, phones,
weekly schedules, languages, service areas and (for shelters and medical
services) one location. Bed counts are an HSDS 3.1 `service_capacity` in the
service's `capacities`. What HSDS has no field for (a shelter's populations,
pets, disclosure level, a hotline's channels…) travels as attributes of the
taxonomy TAXONOMY, so that export → import → export loses nothing.

Locations are built from shelters.public, the same payloads the API serves: an
area-only shelter leaves with its grid-cell centre and no street or ZIP, a
hidden one with no location at all. Identifiers are the records' `hsds_id`;
those of phones, schedules and the like are derived from them (UUID 5), so a
re-export of an imported package carries the same ids.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from django.utils import timezone

from shelters import public
from shelters.choices import ChannelKind, Coverage, Disclosure, PhoneType
from shelters.hsds.common import (
    BED_UNIT,
    BYDAY,
    HOTLINE_ATTRIBUTES,
    HSDS_VERSION,
    MEDICAL_ATTRIBUTES,
    NAMESPACE,
    SHELTER_ATTRIBUTES,
    TAXONOMY,
    derived_id,
)
from shelters.languages import ISO_639_1
from shelters.models import (
    Hotline,
    MedicalService,
    Organization,
    Shelter,
)
from shelters.selectors import ordered_parts, public_hotlines


def _attribute(service_id: str, name: str, value: Any) -> dict:
    return {
        "id": derived_id(service_id, "attribute", name),
        "taxonomy_term_id": derived_id(NAMESPACE, "term", name),
        "taxonomy_term": {
            "id": derived_id(NAMESPACE, "term", name),
            "name": name,
            "description": f"The listing's {name.replace('_', ' ')} in the shelter directory.",
            "taxonomy": TAXONOMY,
        },
        "value": json.dumps(value, sort_keys=True),
    }


def _language(owner_id: str, code: str) -> dict:
    return {"id": derived_id(owner_id, "language", code), "code": code, "name": ISO_639_1[code]}


def _schedules(service_id: str, spans: list[dict]) -> list[dict]:
    return [
        {
            "id": derived_id(service_id, "schedule", index),
            "service_id": service_id,
            "freq": "WEEKLY",
            "wkst": "MO",
            "byday": BYDAY[span["weekday"]],
            "opens_at": span["opens"],
            "closes_at": span["closes"],
        }
        for index, span in enumerate(spans)
    ]


def _phones(service_id: str, phones: list[dict]) -> list[dict]:
    return [
        {
            "id": derived_id(service_id, "phone", index),
            "service_id": service_id,
            "number": phone["number"],
            "type": "text" if phone["type"] == PhoneType.TEXT else "voice",
            "description": phone["hours"],
            "attributes": [
                _attribute(derived_id(service_id, "phone", index), name, phone[name])
                for name in ("type", "available_24_7")
            ],
        }
        for index, phone in enumerate(phones)
    ]


def _organization(organization: Organization) -> dict:
    org_id = str(organization.hsds_id)
    document = {"id": org_id, "name": organization.name, "description": organization.description}
    if organization.website:
        document["website"] = organization.website
    if organization.email:
        document["email"] = organization.email
    if organization.phone:
        document["phones"] = [
            {"id": derived_id(org_id, "phone"), "organization_id": org_id,
             "number": organization.phone}
        ]  # fmt: skip
    return document


def _location(service_id: str, name: str, payload: dict) -> list[dict]:
    """The service's one location, from the public payload: an approximate point
    without street or ZIP for an area-only shelter, the state alone for a hidden one."""
    address, point = payload["address"], payload["location"]
    location_id = derived_id(service_id, "location")
    location: dict[str, Any] = {"id": location_id, "location_type": "physical", "name": name}
    if point is not None:
        location["latitude"], location["longitude"] = point["lat"], point["lon"]
        if point["approximate"]:
            location["description"] = (
                "Approximate: the centre of the area the shelter is in. "
                "The address is confidential; call to arrange intake."
            )
    elif payload.get("location_disclosure") == Disclosure.HIDDEN:
        location["description"] = "Confidential location: call to arrange intake."
    location["addresses"] = [
        {
            "id": derived_id(location_id, "address"),
            "location_id": location_id,
            "address_1": address["street"] or "",
            "city": address["city"] or "",
            "region": address["county"] or "",
            "state_province": address["state"],
            "postal_code": address["postal_code"] or "",
            "country": address["country"],
            "address_type": "physical",
        }
    ]
    return [{"id": derived_id(service_id, "service_at_location"), "location": location}]


def _service(listing, kind: str) -> dict:
    service_id = str(listing.hsds_id)
    organization = _organization(listing.organization)
    document: dict[str, Any] = {
        "id": service_id,
        "organization_id": organization["id"],
        "name": listing.name,
        "description": listing.description,
        "status": "active",
        "organization": organization,
        "languages": [_language(service_id, code) for code in listing.languages],
        "attributes": [
            _attribute(service_id, "listing_type", kind),
            *_translated_text(service_id, listing, kind),
        ],
    }
    if listing.last_verified:
        document["assured_date"] = listing.last_verified.isoformat()
    return document


def _translated_text(service_id: str, listing, kind: str) -> list[dict]:
    """The listing's Spanish text (issue 14). HSDS 3.0 has no language-tagged text
    for descriptions, phone hours or channel notes, so it travels as one attribute,
    `translations`, whose value is shelters.public.translations: {"es": {...}}."""
    written = public.translations(listing, kind)
    return [_attribute(service_id, "translations", written)] if written else []


def _place_service(place, kind: str, payload: dict, attribute_names: tuple[str, ...]) -> dict:
    document = _service(place, kind)
    service_id = document["id"]
    document["phones"] = _phones(service_id, payload["phones"])
    document["schedules"] = _schedules(service_id, payload["hours"])
    document["service_at_locations"] = _location(service_id, place.name, payload)
    document["attributes"] += [
        _attribute(service_id, name, payload[name]) for name in attribute_names
    ]
    return document


def shelter_service(shelter: Shelter, now: datetime) -> dict:
    payload = {**public.shelter(shelter, now), "beds_total": shelter.beds_total}
    document = _place_service(shelter, "shelter", payload, SHELTER_ATTRIBUTES)
    beds = payload["beds"]
    if beds["current"]:
        capacity = {
            "id": derived_id(document["id"], "capacity", "beds"),
            "service_id": document["id"],
            "unit": BED_UNIT,
            "available": beds["available"],
            "updated": beds["updated_at"],
            "description": "Beds available tonight",
        }
        if beds["total"] is not None:
            capacity["maximum"] = beds["total"]
        document["capacities"] = [capacity]
    return document


def medical_service(service: MedicalService, now: datetime) -> dict:
    payload = public.medical_service(service, now)
    return _place_service(service, "medical_service", payload, MEDICAL_ATTRIBUTES)


def hotline_service(hotline: Hotline) -> dict:
    payload = public.hotline(hotline)
    document = _service(hotline, "hotline")
    service_id = document["id"]
    numbered = [channel for channel in payload["channels"] if channel["number"]]
    document["phones"] = [
        {
            "id": derived_id(service_id, "phone", index),
            "service_id": service_id,
            "number": channel["number"],
            "type": "text" if channel["kind"] == ChannelKind.TEXT else "voice",
            "description": channel["notes"],
            "languages": [_language(service_id, code) for code in channel["languages"]],
        }
        for index, channel in enumerate(numbered)
    ]
    chats = [channel["url"] for channel in payload["channels"] if channel["kind"] == "chat"]
    if chats:
        document["url"] = chats[0]
    document["service_areas"] = [
        {
            "id": derived_id(service_id, "area", index),
            "service_id": service_id,
            "name": ", ".join(p for p in (area["postal_code"], area["county"], area["state"]) if p),
            "extent_type": "text",
            "extent": json.dumps(area, sort_keys=True),
        }
        for index, area in enumerate(payload["areas"])
    ]
    if payload["coverage"] == Coverage.NATIONAL:
        document["service_areas"].append(
            {"id": derived_id(service_id, "area", "US"), "service_id": service_id,
             "name": "United States", "extent_type": "text", "extent": "US"}
        )  # fmt: skip
    document["attributes"] += [
        _attribute(service_id, name, payload[name]) for name in HOTLINE_ATTRIBUTES
    ]
    return document


def export_package(now: datetime | None = None) -> dict:
    """Every published listing as an HSDS service, and their organisations."""
    now = now or timezone.now()
    parts = ("organization",)
    shelters = (
        Shelter.objects.published()
        .select_related(*parts)
        .prefetch_related(*ordered_parts(Shelter, "phones", "hours"))
    )
    services = (
        MedicalService.objects.published()
        .select_related(*parts)
        .prefetch_related(*ordered_parts(MedicalService, "phones", "hours"))
    )
    documents = [
        *(shelter_service(s, now) for s in shelters),
        *(medical_service(m, now) for m in services),
        *(hotline_service(h) for h in public_hotlines()),
    ]
    documents.sort(key=lambda document: document["id"])
    organizations = {d["organization"]["id"]: d["organization"] for d in documents}
    return {
        "hsds_version": HSDS_VERSION,
        "generated_at": public.iso_datetime(now),
        "organizations": [organizations[key] for key in sorted(organizations)],
        "services": documents,
    }

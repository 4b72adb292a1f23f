"""Open Referral HSDS 3.0: the published directory as a package of HSDS services,
and such a package loaded back.

Each listing becomes one compiled HSDS service with its organisation, phones,
weekly schedules (a hotline's are its channels' hours), languages, service areas
(text extents: a ZIP, a county, a state, "US"), `last_modified` (the listing's
public_updated_at, which moves only when a public field changes) and (for shelters
and medical services) one location. The default profile is strict HSDS 3.0; the
"3.1" profile adds bed counts as the 3.1 draft's `service_capacity` in the
service's `capacities`. What HSDS has no field for (a shelter's populations,
pets, disclosure level, a hotline's channels…) travels as attributes of the
taxonomy TAXONOMY, so that export → import → export loses nothing.

Locations are built from shelters.public, the same payloads the API serves: an
area-only shelter leaves with its grid-cell centre and no street or ZIP, a
hidden one with no location at all, its state as a service area. Identifiers are
the records' `hsds_id`;
those of phones, schedules and the like are derived from them (UUID 5), so a
re-export of an imported package carries the same ids.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

from django.utils import timezone

from shelters import public
from shelters.choices import ChannelKind, Coverage, Disclosure, PhoneType, Population
from shelters.hsds.common import (
    BED_UNIT,
    BYDAY,
    HOTLINE_ATTRIBUTES,
    HSDS_VERSION,
    MEDICAL_ATTRIBUTES,
    NAMESPACE,
    PROFILE_30,
    PROFILE_31,
    SHELTER_ATTRIBUTES,
    TAXONOMY,
    TRANSLATIONS_ATTRIBUTE,
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


def utc_offset_hours(zone: str | None, now: datetime) -> float | int | None:
    """HSDS 3.0 gives a schedule's time zone as a number, the UTC offset: the
    offset of the listing's public zone at export time (it moves with daylight
    saving time, so the zone's name also goes into the schedule's description)."""
    if not zone:
        return None
    hours = ZoneInfo(zone).utcoffset(now.replace(tzinfo=None)).total_seconds() / 3600
    return int(hours) if hours.is_integer() else hours


def _schedules(service_id: str, spans: list[dict], zone: str | None, now: datetime,
               label: str = "", start: int = 0) -> list[dict]:  # fmt: skip
    """Weekly opening spans. `zone` is the listing's PUBLIC time zone
    (privacy.public_timezone): a hidden shelter in a state that two zones split has
    none, and its schedules say the times are local without naming the zone."""
    offset = utc_offset_hours(zone, now)
    where = f"local time ({zone})" if zone else "local time"
    schedules = []
    for index, span in enumerate(spans, start=start):
        schedule = {
            "id": derived_id(service_id, "schedule", index),
            "service_id": service_id,
            "freq": "WEEKLY",
            "wkst": "MO",
            "byday": BYDAY[span["weekday"]],
            "opens_at": span["opens"],
            "closes_at": span["closes"],
            "description": f"{label}Open {span['opens']} to {span['closes']}, {where}.",
        }
        if offset is not None:
            schedule["timezone"] = offset
        schedules.append(schedule)
    return schedules


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


def _text_area(service_id: str, key: str, name: str) -> dict:
    """A service area as HSDS 3.0 allows a place name: extent_type "text", the
    extent a plain US place (a ZIP, "Travis County, TX", a state code, "US")."""
    return {"id": derived_id(service_id, "area", key), "service_id": service_id,
            "name": name, "extent_type": "text", "extent": name}  # fmt: skip


def _area_name(area: dict) -> str:
    if area["postal_code"]:
        return area["postal_code"]
    if area["county"]:
        return f"{area['county']}, {area['state']}"
    return area["state"]


def organization_document(organization: Organization) -> dict:
    """The compiled HSDS organisation (its contact details, no services)."""
    return _organization(organization)


def _location(service_id: str, name: str, payload: dict) -> list[dict]:
    """The service's one location, from the public payload: an approximate point
    without street or ZIP for an area-only shelter. A hidden shelter has none (see
    PRIVACY.md, "HSDS"): its state is a service area instead."""
    address, point = payload["address"], payload["location"]
    if payload.get("location_disclosure") == Disclosure.HIDDEN:
        return []
    location_id = derived_id(service_id, "location")
    location: dict[str, Any] = {"id": location_id, "location_type": "physical", "name": name}
    if point is not None:
        location["latitude"], location["longitude"] = point["lat"], point["lon"]
        if point["approximate"]:
            location["description"] = (
                "Approximate: the centre of the area the shelter is in. "
                "The address is confidential; call to arrange intake."
            )
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


def last_modified(moment: datetime) -> str:
    """HSDS asks for millisecond accuracy, in UTC."""
    text = moment.astimezone(UTC).isoformat(timespec="milliseconds")
    return text.replace("+00:00", "Z")


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
    if listing.public_updated_at:
        document["last_modified"] = last_modified(listing.public_updated_at)
    return document


def _translated_text(service_id: str, listing, kind: str) -> list[dict]:
    """The listing's Spanish text (issue 14). HSDS 3.0 has no language-tagged text
    for descriptions, phone hours or channel notes, so it travels as one attribute,
    `translations`, whose value is shelters.public.translations: {"es": {...}}."""
    written = public.translations(listing, kind)
    return [_attribute(service_id, TRANSLATIONS_ATTRIBUTE, written)] if written else []


def _place_service(place, kind: str, payload: dict, attribute_names: tuple[str, ...],
                   now: datetime) -> dict:  # fmt: skip
    document = _service(place, kind)
    service_id = document["id"]
    document["phones"] = _phones(service_id, payload["phones"])
    document["schedules"] = _schedules(service_id, payload["hours"], payload["timezone"], now)
    document["service_at_locations"] = _location(service_id, place.name, payload)
    if payload.get("location_disclosure") == Disclosure.HIDDEN:
        state = payload["address"]["state"]
        document["service_areas"] = [_text_area(service_id, state, state)]
    document["attributes"] += [
        _attribute(service_id, name, payload[name]) for name in attribute_names
    ]
    return document


def eligibility_description(payload: dict) -> str:
    """Who the shelter takes, in words, from the public eligibility fields. HSDS's
    minimum_age/maximum_age stay unset: the directory records no age limit for a
    shelter (max_boy_age is the age up to which a resident's son may stay)."""
    populations = [str(Population(value).label) for value in payload["populations"]]
    parts = [f"Serves: {', '.join(populations)}." if populations else ""]
    if payload["accepts_children"]:
        boys = payload["max_boy_age"]
        parts.append("Children may stay with their parent"
                     + (f"; boys up to age {boys}." if boys is not None else "."))  # fmt: skip
    else:
        parts.append("Children cannot stay.")
    return " ".join(part for part in parts if part)


def shelter_service(shelter: Shelter, now: datetime, profile: str = PROFILE_30) -> dict:
    payload = public.shelter(shelter, now)
    payload |= {"beds_total": shelter.beds_total, "state": payload["address"]["state"]}
    document = _place_service(shelter, "shelter", payload, SHELTER_ATTRIBUTES, now)
    document["eligibility_description"] = eligibility_description(payload)
    beds = payload["beds"]
    if beds["current"] and profile == PROFILE_31:
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
    return _place_service(service, "medical_service", payload, MEDICAL_ATTRIBUTES, now)


def _channel_label(channel: dict) -> str:
    kind = ChannelKind(channel["kind"]).label
    handle = channel["number"] or channel["keyword"] or channel["url"]
    return f"{kind}{' ' + handle if handle else ''}: "


def hotline_service(hotline: Hotline, now: datetime | None = None) -> dict:
    now = now or timezone.now()
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
    # A hotline has no time zone of its own: its channels' hours are local time.
    document["schedules"] = []
    for channel in payload["channels"]:
        document["schedules"] += _schedules(
            service_id, channel["hours"], None, now, label=_channel_label(channel),
            start=len(document["schedules"]),
        )  # fmt: skip
    document["service_areas"] = [
        _text_area(service_id, index, _area_name(area))
        for index, area in enumerate(payload["areas"])
    ]
    if payload["coverage"] == Coverage.NATIONAL:
        document["service_areas"].append(_text_area(service_id, "US", "US"))
    document["attributes"] += [
        _attribute(service_id, name, payload[name]) for name in HOTLINE_ATTRIBUTES
    ]
    return document


def export_package(now: datetime | None = None, profile: str = PROFILE_30) -> dict:
    """Every published listing as an HSDS service, and their organisations.

    PROFILE_30 (the default) is strict HSDS 3.0; PROFILE_31 adds current bed counts
    as the 3.1 draft's service_capacity in each shelter's `capacities`."""
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
        *(shelter_service(s, now, profile) for s in shelters),
        *(medical_service(m, now) for m in services),
        *(hotline_service(h, now) for h in public_hotlines()),
    ]
    documents.sort(key=lambda document: document["id"])
    organizations = {d["organization"]["id"]: d["organization"] for d in documents}
    return {
        "hsds_version": HSDS_VERSION,
        "profile": profile,
        "generated_at": public.iso_datetime(now),
        "organizations": [organizations[key] for key in sorted(organizations)],
        "services": documents,
    }

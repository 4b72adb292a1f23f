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
import uuid
from datetime import date, datetime, time
from functools import cache
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from shelters import privacy, public
from shelters.choices import ChannelKind, Coverage, Disclosure, PhoneType, Status
from shelters.languages import ISO_639_1
from shelters.models import (
    Hotline,
    HotlineArea,
    HotlineChannel,
    HotlineChannelHours,
    MedicalService,
    MedicalServiceHours,
    MedicalServicePhone,
    Organization,
    Shelter,
    ShelterHours,
    ShelterPhone,
)
from shelters.selectors import ordered_parts, public_hotlines

HSDS_VERSION = "3.0"
TAXONOMY = "shelter-directory"
# UUID 5 namespace for ids derived from a record's hsds_id.
NAMESPACE = uuid.UUID("5b0e0f36-7a53-4c8e-9d55-1f0e6a9c2b41")
BYDAY = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
BED_UNIT = {"id": str(uuid.uuid5(NAMESPACE, "unit:bed")), "name": "bed"}

# Listing fields carried as attributes, per listing type.
SHELTER_ATTRIBUTES = (
    "kind", "location_disclosure", "populations", "accepts_children", "max_boy_age",
    "accepts_pets", "wheelchair_accessible", "deaf_services", "services", "no_id_required",
    "free_of_charge", "open_24_7", "timezone", "beds_total",
)  # fmt: skip
MEDICAL_ATTRIBUTES = (
    "kind", "services", "wheelchair_accessible", "deaf_services", "accessibility_notes",
    "cost", "walk_in", "open_24_7", "timezone",
)  # fmt: skip
HOTLINE_ATTRIBUTES = ("topics", "coverage", "channels")


class HSDSError(ValueError):
    """The package cannot be loaded; nothing was written."""


def _derived_id(parent: uuid.UUID | str, *parts: object) -> str:
    return str(uuid.uuid5(NAMESPACE, ":".join([str(parent), *map(str, parts)])))


def _attribute(service_id: str, name: str, value: Any) -> dict:
    return {
        "id": _derived_id(service_id, "attribute", name),
        "taxonomy_term_id": _derived_id(NAMESPACE, "term", name),
        "taxonomy_term": {
            "id": _derived_id(NAMESPACE, "term", name),
            "name": name,
            "description": f"The listing's {name.replace('_', ' ')} in the shelter directory.",
            "taxonomy": TAXONOMY,
        },
        "value": json.dumps(value, sort_keys=True),
    }


def _language(owner_id: str, code: str) -> dict:
    return {"id": _derived_id(owner_id, "language", code), "code": code, "name": ISO_639_1[code]}


def _schedules(service_id: str, spans: list[dict]) -> list[dict]:
    return [
        {
            "id": _derived_id(service_id, "schedule", index),
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
            "id": _derived_id(service_id, "phone", index),
            "service_id": service_id,
            "number": phone["number"],
            "type": "text" if phone["type"] == PhoneType.TEXT else "voice",
            "description": phone["hours"],
            "attributes": [
                _attribute(_derived_id(service_id, "phone", index), name, phone[name])
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
            {"id": _derived_id(org_id, "phone"), "organization_id": org_id,
             "number": organization.phone}
        ]  # fmt: skip
    return document


def _location(service_id: str, name: str, payload: dict) -> list[dict]:
    """The service's one location, from the public payload: an approximate point
    without street or ZIP for an area-only shelter, the state alone for a hidden one."""
    address, point = payload["address"], payload["location"]
    location_id = _derived_id(service_id, "location")
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
            "id": _derived_id(location_id, "address"),
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
    return [{"id": _derived_id(service_id, "service_at_location"), "location": location}]


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
        "attributes": [_attribute(service_id, "listing_type", kind)],
    }
    if listing.last_verified:
        document["assured_date"] = listing.last_verified.isoformat()
    return document


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
            "id": _derived_id(document["id"], "capacity", "beds"),
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
            "id": _derived_id(service_id, "phone", index),
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
            "id": _derived_id(service_id, "area", index),
            "service_id": service_id,
            "name": ", ".join(p for p in (area["postal_code"], area["county"], area["state"]) if p),
            "extent_type": "text",
            "extent": json.dumps(area, sort_keys=True),
        }
        for index, area in enumerate(payload["areas"])
    ]
    if payload["coverage"] == Coverage.NATIONAL:
        document["service_areas"].append(
            {"id": _derived_id(service_id, "area", "US"), "service_id": service_id,
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


# Validation against the shared reference schemas.


def schema_dir() -> Path:
    """The HSDS reference schemas: HSDS_SCHEMA_DIR, or shared/reference/hsds-3.0 in
    a folder above the project (where the team's shared material lives)."""
    if settings.HSDS_SCHEMA_DIR:
        return Path(settings.HSDS_SCHEMA_DIR)
    for folder in Path(settings.BASE_DIR).resolve().parents:
        candidate = folder / "shared" / "reference" / "hsds-3.0"
        if candidate.is_dir():
            return candidate
    raise HSDSError("The HSDS 3.0 schemas were not found: set HSDS_SCHEMA_DIR.")


# service_capacity (3.1 draft) refers to unit.json, which the draft defines as an
# object with an id and a name; the reference folder does not carry that file.
_UNIT_SCHEMA = {
    "type": "object",
    "required": ["id", "name"],
    "properties": {"id": {"type": "string", "format": "uuid"}, "name": {"type": "string"}},
}


@cache
def _validators() -> dict[str, Draft202012Validator]:
    folder = schema_dir()

    def load(name: str) -> dict:
        return json.loads((folder / name).read_text())

    unit = Resource.from_contents(_UNIT_SCHEMA, default_specification=DRAFT202012)
    checker = FormatChecker()
    return {
        "service": Draft202012Validator(load("compiled_service.json"), format_checker=checker),
        "organization": Draft202012Validator(
            load("compiled_organization.json"), format_checker=checker
        ),
        "service_capacity": Draft202012Validator(
            load("service_capacity.3.1-dev.json"),
            registry=Registry().with_resource("unit.json", unit),
            format_checker=checker,
        ),
    }


def validation_errors(package: dict) -> list[str]:
    """Every way the package breaks the HSDS schemas, as 'where: what' lines."""
    validators = _validators()
    if not isinstance(package, dict) or not isinstance(package.get("services"), list):
        return ["services: a list of HSDS services is required"]
    checks = [("organizations", validators["organization"], package.get("organizations", []))]
    checks.append(("services", validators["service"], package["services"]))
    errors = []
    for where, validator, documents in checks:
        for index, document in enumerate(documents):
            errors += [_say(f"{where}[{index}]", e) for e in validator.iter_errors(document)]
            capacities = document.get("capacities", []) if where == "services" else []
            for number, capacity in enumerate(capacities):
                errors += [
                    _say(f"{where}[{index}]/capacities[{number}]", e)
                    for e in validators["service_capacity"].iter_errors(capacity)
                ]
    return errors


def _say(where: str, error) -> str:
    path = "/".join(map(str, error.path))
    return f"{where}{'/' + path if path else ''}: {error.message}"


# Loading a package.


def _save(record, exclude: tuple[str, ...] = ()) -> None:
    """Save after checking each field against the model (choices, phone formats,
    ranges): the database alone would take a kind or a language it does not know.
    An area-only shelter arrives without the city its public payload withheld."""
    try:
        record.clean_fields(exclude=["city", *exclude])
    except ValidationError as error:
        raise HSDSError(f"{record._meta.verbose_name} {record}: {error.message_dict}") from None
    record.save()


def _create(model, **fields):
    record = model(**fields)
    _save(record)
    return record


def _our_attributes(document: dict) -> dict[str, Any]:
    found = {}
    for attribute in document.get("attributes", []):
        term = attribute.get("taxonomy_term") or {}
        if term.get("taxonomy") == TAXONOMY and "value" in attribute:
            try:
                found[term["name"]] = json.loads(attribute["value"])
            except (TypeError, ValueError):
                raise HSDSError(f"Attribute {term.get('name')!r} of {document.get('id')}: "
                                "its value is not JSON.") from None  # fmt: skip
    return found


def _by_hsds_id(model, hsds_id: str):
    """The stored record with this HSDS id, or a new one carrying it."""
    return model.objects.filter(hsds_id=hsds_id).first() or model(hsds_id=hsds_id)


def _upsert_organization(document: dict) -> Organization:
    organization = _by_hsds_id(Organization, document["id"])
    organization.name = document["name"]
    organization.description = document.get("description") or ""
    organization.website = document.get("website", "")
    organization.email = document.get("email", "")
    phones = document.get("phones") or []
    organization.phone = phones[0]["number"] if phones else ""
    _save(organization)
    return organization


def _clock(value: str) -> time:
    try:
        return time.fromisoformat(value)
    except (TypeError, ValueError):
        raise HSDSError(f"{value!r} is not a time of day (HH:MM).") from None


def _spans(service: dict) -> list[dict]:
    spans = []
    for schedule in service.get("schedules", []):
        if schedule.get("freq") != "WEEKLY" or schedule.get("byday") not in BYDAY:
            continue  # only weekly opening spans have a place here
        spans.append({"weekday": BYDAY.index(schedule["byday"]),
                      "opens": _clock(schedule.get("opens_at")),
                      "closes": _clock(schedule.get("closes_at"))})  # fmt: skip
    return spans


def _place_fields(service: dict) -> dict[str, Any]:
    """The location the package gives: for a confidential shelter, its reduction."""
    links = service.get("service_at_locations") or []
    location = links[0]["location"] if links else {}
    addresses = location.get("addresses") or [{}]
    address = addresses[0]
    return {
        "street_address": address.get("address_1", ""),
        "city": address.get("city", ""),
        "county": address.get("region", ""),
        "state": address.get("state_province", ""),
        "postal_code": address.get("postal_code", ""),
        "country": address.get("country", "US"),
        "latitude": location.get("latitude"),
        "longitude": location.get("longitude"),
    }


def _listing_fields(service: dict, organization: Organization) -> dict[str, Any]:
    assured = service.get("assured_date")
    return {
        "organization": organization,
        "name": service["name"],
        "description": service.get("description", ""),
        "status": Status.PUBLISHED,
        "languages": [
            language["code"]
            for language in service.get("languages", [])
            if language.get("code") in ISO_639_1
        ],
        "last_verified": date.fromisoformat(assured) if assured else None,
    }


def _apply(record, incoming: dict[str, Any], policy: privacy.ImportPolicy) -> None:
    """Set what shelters.privacy lets an import set: never a true location from a
    reduced one, never an authorisation, never an existing listing's status unasked."""
    is_new = record.pk is None
    for name, value in privacy.import_overwrites(
        record, incoming, is_new=is_new, policy=policy
    ).items():
        setattr(record, name, value)


def _place(model, service: dict, attributes: dict, organization, names: tuple[str, ...]):
    place = _by_hsds_id(model, service["id"])
    incoming = {**_listing_fields(service, organization), **_place_fields(service)}
    for name in names:
        if name in attributes:
            incoming[name] = attributes[name] if attributes[name] is not None else ""
    return place, incoming


def _load_shelter(service: dict, attributes: dict, organization: Organization,
                  policy: privacy.ImportPolicy) -> Shelter:  # fmt: skip
    shelter, incoming = _place(Shelter, service, attributes, organization, SHELTER_ATTRIBUTES)
    incoming["max_boy_age"] = attributes.get("max_boy_age")
    incoming["beds_total"] = attributes.get("beds_total")
    beds = next((c for c in service.get("capacities", []) if c["unit"].get("name") == "bed"), None)
    incoming["beds_available"] = None if beds is None else int(beds["available"])
    incoming["beds_updated_at"] = None if beds is None else parse_datetime(beds["updated"])
    if beds is not None and incoming["beds_total"] is None and "maximum" in beds:
        incoming["beds_total"] = int(beds["maximum"])
    _apply(shelter, incoming, policy)
    _save(shelter)
    _replace_parts(shelter, service, ShelterPhone, ShelterHours, "shelter")
    return shelter


def _load_medical_service(service: dict, attributes: dict, organization,
                          policy: privacy.ImportPolicy) -> MedicalService:  # fmt: skip
    medical, incoming = _place(
        MedicalService, service, attributes, organization, MEDICAL_ATTRIBUTES
    )
    _apply(medical, incoming, policy)
    _save(medical)
    _replace_parts(medical, service, MedicalServicePhone, MedicalServiceHours, "medical_service")
    return medical


def _replace_parts(listing, service: dict, phone_model, hours_model, owner: str) -> None:
    phone_model.objects.filter(**{owner: listing}).delete()
    hours_model.objects.filter(**{owner: listing}).delete()
    for phone in service.get("phones", []):
        ours = _our_attributes(phone)
        default_type = PhoneType.TEXT if phone.get("type") == "text" else PhoneType.INTAKE
        _create(
            phone_model,
            **{owner: listing}, number=phone["number"], type=ours.get("type", default_type),
            available_24_7=bool(ours.get("available_24_7", False)),
            hours=phone.get("description", ""),
        )  # fmt: skip
    for span in _spans(service):
        _create(hours_model, **{owner: listing}, **span)


def _load_hotline(service: dict, attributes: dict, organization: Organization,
                  policy: privacy.ImportPolicy) -> Hotline:  # fmt: skip
    hotline = _by_hsds_id(Hotline, service["id"])
    incoming = _listing_fields(service, organization)
    incoming["topics"] = attributes.get("topics", [])
    incoming["coverage"] = attributes.get("coverage", Coverage.NATIONAL)
    _apply(hotline, incoming, policy)
    _save(hotline)
    hotline.channels.all().delete()
    hotline.areas.all().delete()
    channels = attributes.get("channels")
    if channels is None:  # a package from elsewhere: its phones are the channels
        channels = [
            {"kind": ChannelKind.TEXT if p.get("type") == "text" else ChannelKind.VOICE,
             "number": p["number"], "notes": p.get("description", ""), "hours": [],
             "languages": [lang["code"] for lang in p.get("languages", [])
                           if lang.get("code") in ISO_639_1]}
            for p in service.get("phones", [])
        ]  # fmt: skip
    for channel in channels:
        created = _create(
            HotlineChannel,
            hotline=hotline, kind=channel["kind"], number=channel.get("number", ""),
            keyword=channel.get("keyword", ""), url=channel.get("url", ""),
            available_24_7=bool(channel.get("available_24_7", False)),
            languages=channel.get("languages", []), notes=channel.get("notes", ""),
        )  # fmt: skip
        for span in channel.get("hours", []):
            _create(
                HotlineChannelHours,
                channel=created, weekday=span["weekday"],
                opens=_clock(span["opens"]), closes=_clock(span["closes"]),
            )  # fmt: skip
    for area in service.get("service_areas", []):
        if area.get("extent_type") != "text" or area.get("extent") == "US":
            continue
        try:
            extent = json.loads(area["extent"])
        except (KeyError, TypeError, ValueError):
            continue  # a free-text area from elsewhere: nothing to file it under
        if isinstance(extent, dict) and extent.get("state"):
            _create(
                HotlineArea,
                hotline=hotline, state=extent["state"], county=extent.get("county") or "",
                postal_code=extent.get("postal_code") or "",
            )  # fmt: skip
    return hotline


LOADERS = {"shelter": _load_shelter, "medical_service": _load_medical_service,
           "hotline": _load_hotline}  # fmt: skip


def import_package(package: dict, policy: privacy.ImportPolicy | None = None) -> dict[str, int]:
    """Load a package exported by export_package (or any HSDS 3.0 package whose
    services carry this directory's listing_type attribute). All or nothing: a
    package that fails validation, or a service that cannot be stored, leaves
    the database as it was. Returns counts per listing type, and 'skipped' for
    services that are not this directory's listings.

    What a package may change in a listing already stored is decided by
    shelters.privacy.import_overwrites (see `policy` there): new listings arrive
    published; stored ones keep their true location, authorisation and status."""
    errors = validation_errors(package)
    if errors:
        raise HSDSError("The package is not valid HSDS 3.0:\n" + "\n".join(errors[:50]))
    policy = policy or privacy.ImportPolicy()
    counts = {"shelter": 0, "medical_service": 0, "hotline": 0, "skipped": 0}
    with transaction.atomic():
        for service in package["services"]:
            attributes = _our_attributes(service)
            loader = LOADERS.get(attributes.get("listing_type"))
            if loader is None:
                counts["skipped"] += 1
                continue
            try:
                organization = _upsert_organization(service["organization"])
                loader(service, attributes, organization, policy)
            except HSDSError:
                raise
            except (KeyError, TypeError, ValueError, DatabaseError) as error:
                raise HSDSError(f"Service {service['id']} ({service['name']}): {error!r}") from None
            counts[attributes["listing_type"]] += 1
    return counts

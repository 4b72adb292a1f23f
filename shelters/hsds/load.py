"""Loading an HSDS package into the directory."""

from __future__ import annotations

import json
from datetime import date, time
from typing import Any

from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.utils.dateparse import parse_datetime

from shelters import i18n, privacy, public
from shelters.choices import ChannelKind, Coverage, PhoneType, Status

# Loading a package.
from shelters.hsds.common import (
    BYDAY,
    MEDICAL_ATTRIBUTES,
    SHELTER_ATTRIBUTES,
    TAXONOMY,
    HSDSError,
)
from shelters.hsds.schemas import validation_errors
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
    _load_translations(shelter, attributes, "shelter")
    return shelter


def _load_medical_service(service: dict, attributes: dict, organization,
                          policy: privacy.ImportPolicy) -> MedicalService:  # fmt: skip
    medical, incoming = _place(
        MedicalService, service, attributes, organization, MEDICAL_ATTRIBUTES
    )
    _apply(medical, incoming, policy)
    _save(medical)
    _replace_parts(medical, service, MedicalServicePhone, MedicalServiceHours, "medical_service")
    _load_translations(medical, attributes, "medical_service")
    return medical


def _load_translations(listing, attributes: dict, kind: str) -> None:
    """The texts in other languages, as the export writes them (the `translations`
    attribute, shelters.public.translations), onto the listing and its phones or
    channels in their order. Saved one by one so that signals run as for any edit."""
    written = attributes.get("translations")
    if not isinstance(written, dict):
        return
    for lang, texts in written.items():
        if lang == i18n.ENGLISH or lang not in i18n.LANGUAGES or not isinstance(texts, dict):
            continue
        for field in public.TRANSLATED_FIELDS[kind]:
            setattr(listing, f"{field}_{lang}", str(texts.get(field) or ""))
        listing.save()
        for related, part_kind in (("phones", "phone"), ("channels", "channel")):
            rows = texts.get(related)
            if not hasattr(listing, related) or not isinstance(rows, list):
                continue
            parts = getattr(listing, related).order_by("id")
            for part, part_texts in zip(parts, rows, strict=False):
                if not isinstance(part_texts, dict):
                    continue
                for field in public.TRANSLATED_FIELDS[part_kind]:
                    setattr(part, f"{field}_{lang}", str(part_texts.get(field) or ""))
                part.save()


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
    _load_translations(hotline, attributes, "hotline")
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

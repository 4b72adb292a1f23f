"""What the HSDS API reads: published listings as HSDS services, organisations,
service-at-locations and taxonomy terms, filtered and paged.

Every document comes from shelters.hsds.export (so the API and the export file
say the same thing); every location search goes through selectors.listing_page,
the one search of the directory, with its public points and its ranking.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db.models import Q, QuerySet

from shelters import i18n, privacy, public, selectors
from shelters.geo import Point
from shelters.hsds import export
from shelters.hsds.common import (
    HOTLINE_ATTRIBUTES,
    MEDICAL_ATTRIBUTES,
    NAMESPACE,
    PROFILE_30,
    SHELTER_ATTRIBUTES,
    TAXONOMY,
    TRANSLATIONS_ATTRIBUTE,
    derived_id,
)
from shelters.hsds.schemas import load_schema
from shelters.models import Hotline, MedicalService, Shelter

KINDS = {"shelter": Shelter, "medical_service": MedicalService, "hotline": Hotline}
LOCATED_KINDS = ("shelter", "medical_service")
ATTRIBUTE_NAMES = {
    "shelter": ("listing_type", *SHELTER_ATTRIBUTES),
    "medical_service": ("listing_type", *MEDICAL_ATTRIBUTES),
    "hotline": ("listing_type", *HOTLINE_ATTRIBUTES),
}
# A phone's own attributes (its type in this directory, whether it is answered 24/7).
PHONE_ATTRIBUTE_NAMES = ("type", "available_24_7")
TAXONOMY_ID = derived_id(NAMESPACE, "taxonomy", TAXONOMY)


@dataclass(frozen=True)
class Filters:
    search: str = ""
    modified_after: datetime | None = None
    organization_id: str | None = None
    taxonomy_term_id: str | None = None


@dataclass(frozen=True)
class Page:
    total_items: int
    page_number: int
    per_page: int
    contents: list[dict]

    def as_hsds(self) -> dict[str, Any]:
        total_pages = max(1, math.ceil(self.total_items / self.per_page))
        return {
            "total_items": self.total_items,
            "total_pages": total_pages,
            "page_number": self.page_number,
            "size": len(self.contents),
            "first_page": self.page_number == 1,
            "last_page": self.page_number >= total_pages,
            "empty": self.total_items == 0,
            "contents": self.contents,
        }


def term_names() -> list[str]:
    names = {name for names in ATTRIBUTE_NAMES.values() for name in names}
    return sorted(names | set(PHONE_ATTRIBUTE_NAMES) | {TRANSLATIONS_ATTRIBUTE})


def _translated(kind: str, queryset: QuerySet) -> QuerySet:
    """The listings that carry the `translations` attribute: those with some text
    in another language, their own or a phone's or channel's."""
    written = Q()
    parts = {"phones": "phone", "channels": "channel"}
    model = KINDS[kind]
    for lang in i18n.LANGUAGES:
        if lang == i18n.ENGLISH:
            continue
        for name in public.TRANSLATED_FIELDS[kind]:
            written |= Q(**{f"{name}_{lang}__gt": ""})
        for related, part_kind in parts.items():
            if hasattr(model, related):
                for name in public.TRANSLATED_FIELDS[part_kind]:
                    written |= Q(**{f"{related}__{name}_{lang}__gt": ""})
    return queryset.filter(pk__in=model.objects.filter(written).values("pk"))


def term_id(name: str) -> str:
    return derived_id(NAMESPACE, "term", name)


def _published(kind: str) -> QuerySet:
    return KINDS[kind].objects.published()


def _filtered(kind: str, filters: Filters) -> QuerySet | None:
    """The kind's published listings that the filters keep (None: none can match)."""
    queryset = _published(kind)
    terms = {term_id(name) for name in ATTRIBUTE_NAMES[kind]}
    if filters.taxonomy_term_id == term_id(TRANSLATIONS_ATTRIBUTE):
        queryset = _translated(kind, queryset)
    elif filters.taxonomy_term_id is not None and filters.taxonomy_term_id not in terms:
        return None
    if filters.search:
        text = Q()
        for field in privacy.FREE_TEXT_FIELDS:
            text |= Q(**{f"{field}__icontains": filters.search})
        queryset = queryset.filter(text)
    if filters.modified_after is not None:
        queryset = queryset.filter(public_updated_at__gte=filters.modified_after)
    if filters.organization_id is not None:
        queryset = queryset.filter(organization__hsds_id=filters.organization_id)
    return queryset


def _refs(kinds, filters: Filters, **extra) -> list[tuple[str, str, int]]:
    """(hsds_id, kind, pk) of every listing kept, in hsds_id order (stable paging)."""
    refs = []
    for kind in kinds:
        queryset = _filtered(kind, filters)
        if queryset is None:
            continue
        queryset = queryset.filter(**extra)
        refs += [(str(h), kind, pk) for h, pk in queryset.values_list("hsds_id", "pk")]
    refs.sort()
    return refs


def _load(kind: str, pks) -> dict[int, Any]:
    model = KINDS[kind]
    if kind == "hotline":
        queryset = selectors.public_hotlines()
    else:
        queryset = model.objects.published().select_related("organization")
        queryset = queryset.prefetch_related(*selectors.ordered_parts(model, "phones", "hours"))
    return queryset.in_bulk(list(pks))


def _document(kind: str, listing, now: datetime) -> dict:
    if kind == "shelter":
        return export.shelter_service(listing, now, PROFILE_30)
    if kind == "medical_service":
        return export.medical_service(listing, now)
    return export.hotline_service(listing, now)


def _documents(refs, now: datetime) -> list[dict]:
    by_kind: dict[str, list[int]] = {}
    for _, kind, pk in refs:
        by_kind.setdefault(kind, []).append(pk)
    loaded = {kind: _load(kind, pks) for kind, pks in by_kind.items()}
    return [_document(kind, loaded[kind][pk], now) for _, kind, pk in refs]


def _list_form(document: dict, schema_name: str) -> dict:
    """The one-to-one fields a list schema names (lists carry no phones, schedules…)."""
    names = load_schema(schema_name)["properties"]
    return {key: value for key, value in document.items() if key in names}


def _slice(items: list, page: int, per_page: int) -> list:
    return items[(page - 1) * per_page : page * per_page]


def services_page(filters: Filters, page: int, per_page: int, now: datetime) -> Page:
    refs = _refs(KINDS, filters)
    documents = _documents(_slice(refs, page, per_page), now)
    contents = []
    for document in documents:
        item = _list_form(document, "compiled_service_list.json")
        item["organization"] = _list_form(
            document["organization"], "compiled_organization_list.json"
        )
        contents.append(item)
    return Page(len(refs), page, per_page, contents)


def service(hsds_id: str, now: datetime) -> dict | None:
    for kind in KINDS:
        pk = _published(kind).filter(hsds_id=hsds_id).values_list("pk", flat=True).first()
        if pk is not None:
            return _documents([(hsds_id, kind, pk)], now)[0]
    return None


def _organizations(filters: Filters) -> QuerySet:
    queryset = selectors.public_organizations()
    if filters.search:
        queryset = queryset.filter(name__icontains=filters.search)
    return queryset.order_by("hsds_id")


def organizations_page(filters: Filters, page: int, per_page: int) -> Page:
    queryset = _organizations(filters)
    total = queryset.count()
    shown = queryset[(page - 1) * per_page : page * per_page]
    contents = [
        _list_form(export.organization_document(o), "compiled_organization_list.json")
        for o in shown
    ]
    return Page(total, page, per_page, contents)


def organization(hsds_id: str) -> dict | None:
    found = selectors.public_organizations().filter(hsds_id=hsds_id).first()
    if found is None:
        return None
    document = export.organization_document(found)
    refs = _refs(KINDS, Filters(organization_id=hsds_id))
    document["services"] = [
        {"id": hsds, "organization_id": hsds_id, "name": name, "status": "active"}
        for hsds, name in _names(refs)
    ]
    return document


def _names(refs) -> list[tuple[str, str]]:
    names = {}
    for kind in {kind for _, kind, _ in refs}:
        pks = [pk for _, k, pk in refs if k == kind]
        names |= {(kind, pk): name for pk, name in
                  KINDS[kind].objects.filter(pk__in=pks).values_list("pk", "name")}  # fmt: skip
    return [(hsds, names[(kind, pk)]) for hsds, kind, pk in refs]


def _service_at_location(document: dict) -> dict | None:
    links = document.get("service_at_locations") or []
    if not links:
        return None  # a hidden shelter: no location, so no service at a location
    link, location = links[0], links[0]["location"]
    return {
        "id": link["id"],
        "service_id": document["id"],
        "location_id": location["id"],
        "location": location,
    }


def service_at_locations_page(
    filters: Filters,
    page: int,
    per_page: int,
    now: datetime,
    origin: Point | None = None,
    radius_km: float | None = None,
    count_cap: int = 1000,
) -> Page:
    """Shelters and medical services at their public location. With `origin` (a
    postcode's centre), nearest first by the directory's own search: each listing
    type's page comes from selectors.listing_page, and the two ranked lists are
    merged on the key that search ranks by (distance, then id). Listings without a
    public point (hidden shelters) are never in it."""
    if origin is None:
        refs = _refs(LOCATED_KINDS, filters, public_latitude__isnull=False)
        shown = _documents(_slice(refs, page, per_page), now)
        total = len(refs)
    else:
        ranked, total = [], 0
        deepest = page * per_page
        for kind in LOCATED_KINDS:
            queryset = _filtered(kind, filters)
            if queryset is None:
                continue
            found = selectors.listing_page(
                queryset.select_related("organization"), origin=origin, radius_km=radius_km,
                limit=deepest, offset=0, count_cap=count_cap,
            )  # fmt: skip
            total += found.count
            ranked += [(listing.distance_km, listing.pk, kind, listing) for listing in found.items]
        ranked.sort(key=lambda item: (item[0], item[1], item[2]))
        shown = _documents(
            [(None, kind, listing.pk) for _, _, kind, listing in _slice(ranked, page, per_page)],
            now,
        )
    contents = [item for item in map(_service_at_location, shown) if item is not None]
    return Page(total, page, per_page, contents)


def service_at_location_service(hsds_id: str, now: datetime) -> dict | None:
    """/service_at_locations/{id}: the HSDS OpenAPI file answers it with the full
    service; the id is the one service_at_locations lists."""
    for kind in LOCATED_KINDS:
        for pk, listing_id in (
            _published(kind).filter(public_latitude__isnull=False).values_list("pk", "hsds_id")
        ):
            if derived_id(str(listing_id), "service_at_location") == hsds_id:
                return _documents([(str(listing_id), kind, pk)], now)[0]
    return None


def taxonomy() -> dict:
    return {
        "id": TAXONOMY_ID,
        "name": TAXONOMY,
        "description": "The shelter directory's own listing fields that HSDS 3.0 has no "
        "field for, carried as attributes so that an export loses nothing.",
    }


def taxonomy_terms() -> list[dict]:
    return [
        {
            "id": term_id(name),
            "name": name,
            "description": f"The listing's {name.replace('_', ' ')} in the shelter directory.",
            "taxonomy": TAXONOMY,
            "taxonomy_id": TAXONOMY_ID,
        }
        for name in term_names()
    ]

"""Reads that the API, commands and tests share: a page of listings, hotlines for an area."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Case, Exists, IntegerField, OuterRef, Q, QuerySet, Value, When

from shelters import gazetteer
from shelters.choices import Coverage, Disclosure
from shelters.geo import Point
from shelters.models import Hotline, HotlineArea, MedicalService, Organization, Shelter
from shelters.search import count_capped, count_within_capped


@dataclass(frozen=True)
class Page:
    items: list
    count: int
    count_capped: bool
    has_next: bool


def listing_page(
    queryset: QuerySet,
    *,
    origin: Point | None,
    radius_km: float | None,
    limit: int,
    offset: int,
    count_cap: int,
) -> Page:
    """One page of a listing search: nearest first from `origin` when given,
    else in the queryset's own order."""
    cap = max(count_cap, offset + limit)
    if origin is None:
        items = list(queryset[offset : offset + limit])
        count, capped = count_capped(queryset, cap)
    else:
        items = queryset.nearest(origin, offset + limit, radius_km)[offset:]
        if radius_km is None:
            count, capped = count_capped(queryset.filter(public_latitude__isnull=False), cap)
        else:
            count, capped = count_within_capped(queryset, origin, radius_km, cap)
    return Page(items, count, capped, has_next=capped or offset + limit < count)


@dataclass(frozen=True)
class Area:
    """Where a person is, as coarse as hotline coverage needs: state, county, ZIP."""

    state: str
    county: str = ""
    zip_code: str = ""


def area_for(
    origin: Point | None = None,
    zip_place: gazetteer.ZipPlace | None = None,
    state: str = "",
    county: str = "",
) -> Area | None:
    if zip_place is None and origin is not None:
        zip_place = gazetteer.nearest_zip(origin)
    if zip_place is not None:
        return Area(zip_place.state, zip_place.county, zip_place.zip_code)
    if state:
        return Area(state, county)
    return None


def _county_variants(county: str) -> list[str]:
    base = county.strip()
    if base.lower().endswith(" county"):
        return [base, base[: -len(" county")]]
    return [base, f"{base} County"]


def hotlines_covering(queryset: QuerySet, area: Area | None) -> QuerySet:
    """Hotlines whose coverage is national or includes the area's state, county or
    ZIP: the most local first, then national ones."""
    if area is None:
        return queryset
    if area.county or area.zip_code:
        place = Q(state=area.state, county="", postal_code="")
        if area.county:
            county_q = Q()
            for name in _county_variants(area.county):
                county_q |= Q(county__iexact=name)
            place |= Q(state=area.state, postal_code="") & county_q
        if area.zip_code:
            place |= Q(postal_code=area.zip_code)
    else:
        place = Q(state=area.state)
    local = HotlineArea.objects.filter(place, hotline=OuterRef("pk"))
    return (
        queryset.filter(Q(coverage=Coverage.NATIONAL) | Exists(local))
        .annotate(
            _national=Case(
                When(coverage=Coverage.NATIONAL, then=Value(1)),
                default=Value(0),
                output_field=IntegerField(),
            )
        )
        .order_by("_national", "name", "id")
    )


PHONE_ONLY_LIMIT = 5


def phone_only_shelters(queryset: QuerySet, area: Area | None) -> list:
    """Hidden shelters of the searched state that pass the same filters: they have no
    public point, so they are named by state and reached by phone."""
    if area is None:
        return []
    return list(
        queryset.filter(location_disclosure=Disclosure.HIDDEN, state=area.state).order_by(
            "name", "id"
        )[:PHONE_ONLY_LIMIT]
    )


def public_hotlines() -> QuerySet:
    return (
        Hotline.objects.published()
        .select_related("organization")
        .prefetch_related("areas", "channels__hours")
    )


def public_organizations() -> QuerySet:
    """Organisations with at least one published listing: the others (members still
    drafting, or whose listings are archived) are nobody's business."""
    published = [
        Exists(model.objects.published().filter(organization=OuterRef("pk")))
        for model in (Shelter, MedicalService, Hotline)
    ]
    return Organization.objects.filter(published[0] | published[1] | published[2])

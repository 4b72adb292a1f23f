"""Reads that the API, commands and tests share: a page of listings, hotlines for an area."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from django.db.models import Exists, Model, OuterRef, Prefetch, QuerySet

from shelters.choices import Disclosure
from shelters.coverage import Area
from shelters.geo import Point
from shelters.models import Hotline, MedicalService, Organization, Shelter
from shelters.search import count_capped, count_within_capped


@dataclass(frozen=True)
class Page:
    items: list
    count: int
    count_capped: bool
    has_next: bool

    @classmethod
    def of(cls, items: list, count: int, capped: bool, wanted: int) -> Page:
        """A page whose count may be capped; `wanted` is offset + limit."""
        return cls(items, count, capped, has_next=capped or wanted < count)


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
        items = queryset.nearest(origin, offset + limit, radius_km, skip=offset)
        if radius_km is None:
            count, capped = count_capped(queryset.filter(public_latitude__isnull=False), cap)
        else:
            count, capped = count_within_capped(queryset, origin, radius_km, cap)
    return Page.of(items, count, capped, offset + limit)


# The order each part of a listing is shown in: payloads, snapshots and HSDS
# exports must not depend on the order a database happens to return rows in.
PART_ORDER: dict[str, tuple[str, ...]] = {
    "phones": ("id",),
    "hours": ("weekday", "opens", "id"),
    "channels": ("id",),
    "areas": ("state", "county", "postal_code", "id"),
}


def ordered_parts(model: type[Model], *paths: str) -> list[Prefetch]:
    """Prefetches of a listing's parts (e.g. "phones", "channels__hours"), each in
    its PART_ORDER, for prefetch_related() or prefetch_related_objects()."""
    prefetches = []
    for path in paths:
        owner, prefix = model, []
        for name in path.split("__"):
            related = owner._meta.get_field(name).related_model
            prefix.append(name)
            lookup = "__".join(prefix)
            if lookup not in {p.prefetch_through for p in prefetches}:
                order = PART_ORDER[name]
                prefetches.append(Prefetch(lookup, queryset=related.objects.order_by(*order)))
            owner = related
    return prefetches


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


def published_listings(model: type[Model]) -> QuerySet:
    """The published shelters or medical services with their organisation, by name:
    what every search (the API, the public page, the staff console) filters.

    A copy of one QuerySet built once per model. Building it afresh (a filter, a
    join and an ordering, each through django-modeltranslation's manager) was 3 %
    of a plain nearest search's instructions (BENCHMARKS.md, "Stop 25"); copying
    it is what any chained QuerySet does anyway. The built one is never
    evaluated, so it holds no rows."""
    return _published_listings(model).all()


@cache
def _published_listings(model: type[Model]) -> QuerySet:
    return model.objects.published().select_related("organization").order_by("name", "id")


def public_hotlines() -> QuerySet:
    return (
        Hotline.objects.published()
        .select_related("organization")
        .prefetch_related(*ordered_parts(Hotline, "areas", "channels__hours"))
    )


def public_organizations() -> QuerySet:
    """Organisations with at least one published listing: the others (members still
    drafting, or whose listings are archived) are nobody's business."""
    published = [
        Exists(model.objects.published().filter(organization=OuterRef("pk")))
        for model in (Shelter, MedicalService, Hotline)
    ]
    return Organization.objects.filter(published[0] | published[1] | published[2])

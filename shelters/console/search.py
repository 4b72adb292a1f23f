"""A console search: the region box and filters, answered by the API's own search.

Not a second search implementation: every list comes from the API's filter sets
(shelters.api.filters), shelters.selectors and shelters.coverage, given the API's
own parameter names. Only the wording and grouping are the console's.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import QuerySet
from django.http import QueryDict
from rest_framework.exceptions import ValidationError

from shelters import coverage, listing_search, selectors
from shelters.api import filters, strict_params
from shelters.geo import SERVES_AREA_KM
from shelters.models import MedicalService, Shelter
from shelters.regions import Region

# Results of each type shown at once: a call needs the first few, not a list to scroll
# (the count says how many more there are; a narrower search or filter finds them).
LIMIT = 10
# Counted up to this many ("100+"): staff need "many", and counting a metro's
# thousand nearest rows for each type cost more than the rest of the search.
COUNT_CAP = 100
TYPES = {"shelters": "Shelters", "medical": "Medical services", "hotlines": "Hotlines"}
SERVES, LOCATED = "serves", "located"


@dataclass(frozen=True)
class Eligibility:
    """One eligibility filter: the API parameter, its chip, and what a card that
    does not meet it says under "show all"."""

    name: str
    chip: str
    unmet: str
    types: tuple[str, ...]


ELIGIBILITY = (
    Eligibility("accepts_pets", "Pets", "No pets", ("shelters",)),
    Eligibility("accepts_children", "Children", "No children", ("shelters",)),
    Eligibility("no_id_required", "No ID needed", "ID required", ("shelters",)),
    Eligibility("has_beds", "Bed free now", "No bed known free", ("shelters",)),
    Eligibility(
        "wheelchair_accessible",
        "Wheelchair access",
        "Not wheelchair accessible",
        ("shelters", "medical"),
    ),
    Eligibility("deaf_services", "Deaf services", "No deaf services", ("shelters", "medical")),
    Eligibility("open_now", "Open now", "Closed now", ("shelters", "medical")),
)
BOOLEAN_FILTERS = {item.name: item for item in ELIGIBILITY}
# Filters with a value rather than a tick box.
VALUE_FILTERS = {
    "boy_age": ("shelters",),
    "population": ("shelters",),
    "language": ("shelters", "medical", "hotlines"),
}


@dataclass
class Section:
    type: str
    title: str
    items: list
    count: int
    count_capped: bool
    unmet: dict[int, list[str]] = field(default_factory=dict)  # listing id -> reasons
    phone_only: list = field(default_factory=list)


@dataclass(frozen=True)
class Query:
    region: Region
    reach: str = SERVES
    types: tuple[str, ...] = tuple(TYPES)
    ticked: tuple[str, ...] = ()  # boolean eligibility filters
    values: tuple[tuple[str, str], ...] = ()  # boy_age, population, language
    show_all: bool = False


def _api_params(query: Query, type_: str, with_eligibility: bool) -> QueryDict:
    """The API's parameters for this query and listing type."""
    params = QueryDict(mutable=True)
    region = query.region
    if type_ != "hotlines":
        if query.reach == SERVES and region.kind != "state":
            if region.zip_code:
                params["zip"] = region.zip_code
            elif region.centre is not None:
                params["lat"], params["lon"] = str(region.centre.lat), str(region.centre.lon)
            params["radius_km"] = str(SERVES_AREA_KM)
        else:
            params["state"] = region.state
            if region.kind == "zip":
                params["postal_code"] = region.zip_code
            elif region.kind == "city":
                params["city"] = region.city
            elif region.kind == "county":
                params["county"] = region.county
    if with_eligibility:
        for name in query.ticked:
            if type_ in BOOLEAN_FILTERS[name].types:
                params[name] = "true"
        for name, value in query.values:
            if type_ in VALUE_FILTERS[name]:
                params[name] = value
    return params


def _filtered(type_: str, params: QueryDict) -> tuple[QueryDict, dict]:
    filterset_class, queryset = {
        "shelters": (filters.ShelterFilterSet, selectors.published_listings(Shelter)),
        "medical": (filters.MedicalServiceFilterSet, selectors.published_listings(MedicalService)),
        "hotlines": (filters.HotlineFilterSet, selectors.public_hotlines().order_by("name", "id")),
    }[type_]
    try:
        cleaned = strict_params.validate(filterset_class, params, queryset)
    except ValidationError as error:
        errors = error.detail.items()
        raise ValueError("; ".join(f"{k}: {' '.join(v)}" for k, v in errors)) from None
    return cleaned.queryset, cleaned


def _hotlines(query: Query, queryset: QuerySet) -> QuerySet:
    if query.reach == LOCATED:
        return coverage.hotlines_listing_area(queryset, query.region.area)
    return coverage.hotlines_covering(queryset, query.region.area)


def _search(query: Query, type_: str, with_eligibility: bool) -> Section:
    """One type's section: hotlines by coverage; shelters and medical services by
    the one listing search (shelters.listing_search), with the region's phone-only
    shelters."""
    queryset, cleaned = _filtered(type_, _api_params(query, type_, with_eligibility))
    if type_ == "hotlines":
        queryset = _hotlines(query, queryset)
        page = selectors.listing_page(
            queryset, origin=None, radius_km=None, limit=LIMIT, offset=0, count_cap=COUNT_CAP
        )
        return Section(type_, TYPES[type_], page.items, page.count, page.count_capped)
    try:
        found = listing_search.search(
            queryset,
            origin=cleaned.get("origin"),
            radius_km=cleaned.get("radius_km"),
            limit=LIMIT,
            offset=0,
            count_cap=COUNT_CAP,
            area=query.region.area,
            phone_only=type_ == "shelters",
            for_public=False,  # staff read more of a listing than its public payload
        )
    except listing_search.SearchTooSlow:
        raise ValueError(
            "This search took too long and was stopped: narrow the area or the filters."
        ) from None
    page = found.page
    section = Section(type_, TYPES[type_], page.items, page.count, page.count_capped)
    section.phone_only = found.phone_only
    return section


def _unmet(query: Query, type_: str, ids: list[int]) -> dict[int, list[str]]:
    """For "show all": which shown listings fail which chosen filter."""
    reasons: dict[int, list[str]] = {}
    single = [(name, BOOLEAN_FILTERS[name].unmet) for name in query.ticked]
    single += [(name, f"Not for {name.replace('_', ' ')} {value}") for name, value in query.values]
    values = dict(query.values)
    for name, unmet in single:
        boolean = BOOLEAN_FILTERS.get(name)
        if type_ not in (boolean.types if boolean else VALUE_FILTERS[name]):
            continue
        ticked = (name,) if boolean else ()
        valued = () if boolean else ((name, values[name]),)
        one = Query(query.region, query.reach, query.types, ticked, valued)
        params = QueryDict(mutable=True)
        params.update(_api_params(one, type_, True))
        for key in ("zip", "lat", "lon", "radius_km", "state", "postal_code", "city", "county"):
            params.pop(key, None)
        queryset, _ = _filtered(type_, params)
        meets = set(queryset.filter(pk__in=ids).values_list("pk", flat=True))
        for pk in ids:
            if pk not in meets:
                reasons.setdefault(pk, []).append(unmet)
    return reasons


def run(query: Query) -> list[Section]:
    """Hotlines first (they answer now), then shelters, then medical services."""
    sections = []
    for type_ in ("hotlines", "shelters", "medical"):
        if type_ not in query.types:
            continue
        section = _search(query, type_, with_eligibility=not query.show_all)
        if query.show_all and (query.ticked or query.values):
            shown = [item.pk for item in [*section.items, *section.phone_only]]
            section.unmet = _unmet(query, type_, shown)
        sections.append(section)
    return sections

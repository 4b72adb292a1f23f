"""The public page's search: the API's filter sets, selectors and payloads, read
from a page's query string.

Nothing here searches on its own. A page query is translated into the API's
parameters (a typed place becomes `zip`, or `lat`/`lon` of a city's centre), the
API's filter set validates and filters them, `shelters.selectors` pages them and
`shelters.public` builds every listing shown: whatever the API would withhold
(a confidential street, a hidden shelter's point) the page never has.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.conf import settings
from django.http import QueryDict
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from rest_framework.exceptions import ValidationError

from shelters import coverage, listing_search, public, regions, selectors
from shelters.api import filters, strict_params
from shelters.choices import Coverage as CoverageKind
from shelters.choices import HotlineTopic
from shelters.models import MedicalService, Shelter

PAGE_SIZE = 10
# A person looking for a bed looks near first; each "wider area" step widens it.
RADIUS_STEPS_KM = (80.0, 200.0, filters.MAX_RADIUS_KM)
DEFAULT_RADIUS_KM = RADIUS_STEPS_KM[0]
MAX_PLACE_LENGTH = 100
# Hotlines shown above shelters or medical services: the few covering the place.
HOTLINES_ABOVE_LISTINGS = 3

# Which of the API's filters each type of search offers on the page.
FILTERS = {
    "shelters": (
        "accepts_pets",
        "accepts_children",
        "no_id_required",
        "has_beds",
        "wheelchair_accessible",
        "deaf_services",
        "free_of_charge",
        "open_now",
        "population",
        "language",
    ),
    "medical": ("walk_in", "wheelchair_accessible", "deaf_services", "open_now", "language"),
    "hotlines": ("text", "chat", "language"),
}
TYPES = tuple(FILTERS)
LOCATION_PARAMETERS = ("place", "lat", "lon")
PAGE_PARAMETERS = frozenset(
    {"type", "radius_km", "offset", *LOCATION_PARAMETERS, *(n for f in FILTERS.values() for n in f)}
)


class PageSearchError(Exception):
    """What is wrong with a page query, in words for the person who sent it."""

    def __init__(self, messages: list[str]):
        super().__init__("; ".join(messages))
        self.messages = messages


@dataclass
class Place:
    """Where to search, as the API's location parameters."""

    label: str
    api_params: dict[str, str]


@dataclass
class PageResults:
    kind: str
    place: Place
    radius_km: float | None
    offset: int
    count: int
    count_capped: bool
    has_next: bool
    listings: list[dict] = field(default_factory=list)
    phone_only: list[dict] = field(default_factory=list)
    hotlines: list[dict] = field(default_factory=list)

    @property
    def wider_radius_km(self) -> float | None:
        """The next step out from this search's radius, or None at the widest."""
        if self.radius_km is None:
            return None
        wider = [step for step in RADIUS_STEPS_KM if step > self.radius_km]
        return wider[0] if wider else None


def is_search(query: QueryDict) -> bool:
    return any(query.get(name, "").strip() for name in LOCATION_PARAMETERS)


def resolve_place(query: QueryDict) -> Place:
    """A ZIP, a city or a county and its state (shelters.regions, as the staff
    console reads its box), or coordinates from "use my location". A whole state
    is refused: the middle of Texas is no place to search near."""
    text = " ".join(query.get("place", "").split())
    if query.get("lat") or query.get("lon"):
        if text:
            raise PageSearchError([_("Give a place or use your location, not both.")])
        return Place(_("your location"), {"lat": query.get("lat", ""), "lon": query.get("lon", "")})
    if len(text) > MAX_PLACE_LENGTH:
        raise PageSearchError([_("That place name is too long.")])
    try:
        region = regions.resolve(text)
    except regions.RegionError as error:
        raise PageSearchError([str(error)]) from None
    if region.kind == "zip":
        return Place(region.zip_code, {"zip": region.zip_code})
    if region.kind == "state" or region.centre is None:
        raise PageSearchError(
            [
                _('Enter a city or a ZIP code in %(state)s, like "Austin, TX" or "78701".')
                % {"state": region.label}
            ]
        )
    return Place(region.label, {"lat": str(region.centre.lat), "lon": str(region.centre.lon)})


def _radius(query: QueryDict) -> float | None:
    raw = query.get("radius_km", "")
    if not raw:
        return DEFAULT_RADIUS_KM
    try:
        value = float(raw)
    except ValueError:
        value = -1
    if value not in RADIUS_STEPS_KM:
        raise PageSearchError([_("Choose one of the offered search areas.")])
    return value


def _offset(query: QueryDict) -> int:
    raw = query.get("offset", "0") or "0"
    # ASCII digits only: str.isdigit() also takes "²" and "①", which int() refuses.
    if not (raw.isascii() and raw.isdigit()) or int(raw) > filters.MAX_RESULTS - PAGE_SIZE:
        raise PageSearchError([_("That page of results does not exist.")])
    return int(raw)


def _api_query(query: QueryDict, kind: str, place: Place, extra: dict[str, str]) -> QueryDict:
    data = QueryDict(mutable=True)
    for name in FILTERS[kind]:
        value = query.get(name, "")
        if value:
            data[name] = value
    data.update(place.api_params)
    for name, value in extra.items():
        data[name] = value
    return data


def _validated(filterset_class, data: QueryDict, queryset) -> tuple[dict, object]:
    """The API's own validation; its messages, for the page, when it refuses."""
    try:
        params = strict_params.validate(filterset_class, data, queryset)
    except ValidationError as error:
        messages = [str(m) for errors in error.detail.values() for m in errors]
        raise PageSearchError(messages or [_("Check the search and try again.")]) from None
    return params, params.queryset


def check_parameters(query: QueryDict) -> None:
    unknown = sorted(set(query) - PAGE_PARAMETERS)
    repeated = sorted(name for name in query if len(query.getlist(name)) > 1)
    if unknown or repeated:
        raise PageSearchError([_("This search link is not one of ours; start a new search.")])
    if query.get("type", "shelters") not in TYPES:
        raise PageSearchError([_("Choose shelters, medical services or phone lines.")])


def lines_above_listings(hotlines: list[dict]) -> list[dict]:
    """The few lines shown above shelters or medical services, from the hotline
    directory's answer for the area (local first, then national): the local lines,
    24/7 ones first, and always a national domestic-violence line among them. The
    national lines come in name order, so "988 Suicide & Crisis Lifeline" took the
    last place wherever two local lines cover the area."""

    def around_the_clock_first(payload: dict) -> bool:
        return not any(c["available_24_7"] for c in payload["channels"])

    local = sorted(
        (h for h in hotlines if h["coverage"] != CoverageKind.NATIONAL), key=around_the_clock_first
    )
    national = sorted(
        (h for h in hotlines if h["coverage"] == CoverageKind.NATIONAL),
        key=lambda h: (
            HotlineTopic.DOMESTIC_VIOLENCE not in h["topics"],
            around_the_clock_first(h),
        ),
    )
    if not national:
        return local[:HOTLINES_ABOVE_LISTINGS]
    shown = local[: HOTLINES_ABOVE_LISTINGS - 1]
    return shown + national[: HOTLINES_ABOVE_LISTINGS - len(shown)]


def search(query: QueryDict) -> PageResults:
    """Run a page query through the API's own search. Raises PageSearchError."""
    check_parameters(query)
    kind = query.get("type", "shelters") or "shelters"
    place = resolve_place(query)
    offset = _offset(query)
    if kind == "hotlines":
        return _hotlines(query, place, offset)
    radius_km = _radius(query)
    model, filterset_class, represent = {
        "shelters": (Shelter, filters.ShelterFilterSet, public.shelter),
        "medical": (MedicalService, filters.MedicalServiceFilterSet, public.medical_service),
    }[kind]
    data = _api_query(query, kind, place, {"radius_km": str(radius_km)})
    queryset = selectors.published_listings(model)
    params, filtered = _validated(filterset_class, data, queryset)
    try:
        found = listing_search.search(
            filtered,
            origin=params["origin"],
            radius_km=radius_km,
            limit=PAGE_SIZE,
            offset=offset,
            count_cap=settings.SEARCH_COUNT_CAP,
            zip_place=params.get("zip_place"),
            phone_only=kind == "shelters",
        )
    except listing_search.SearchTooSlow:
        message = _(
            "This search took too long and was stopped. Search from a place nearer the "
            "area you chose, or with fewer filters."
        )
        raise PageSearchError([message]) from None
    page = found.page
    now = timezone.now()
    lang = translation.get_language()
    return PageResults(
        kind=kind,
        place=place,
        radius_km=radius_km,
        offset=offset,
        count=page.count,
        count_capped=page.count_capped,
        has_next=page.has_next,
        listings=[represent(item, now, lang) for item in page.items],
        phone_only=[represent(item, now, lang) for item in found.phone_only] if offset == 0 else [],
        hotlines=lines_above_listings(found.hotlines(lang)),
    )


def _hotlines(query: QueryDict, place: Place, offset: int) -> PageResults:
    data = _api_query(query, "hotlines", place, {})
    params, filtered = _validated(
        filters.HotlineFilterSet, data, selectors.public_hotlines().order_by("name", "id")
    )
    area = coverage.area_for(params["origin"], params.get("zip_place"))
    # Coverage's own order, as the API's: a ZIP's lines, then its county's, its
    # state's and national ones, 24/7 lines first at each reach.
    queryset = coverage.hotlines_covering(filtered, area)
    page = selectors.listing_page(
        queryset,
        origin=None,
        radius_km=None,
        limit=PAGE_SIZE,
        offset=offset,
        count_cap=settings.SEARCH_COUNT_CAP,
    )
    return PageResults(
        kind="hotlines",
        place=place,
        radius_km=None,
        offset=offset,
        count=page.count,
        count_capped=page.count_capped,
        has_next=page.has_next,
        listings=[public.hotline(item, translation.get_language()) for item in page.items],
    )

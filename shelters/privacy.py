"""The one place that decides what the public may know of a listing's location.

Every shelter has a disclosure level (see shelters.choices.Disclosure):

- public: its street address and true point;
- area: an approximate public point, the centre of the fixed grid cell its true
  point falls in, and no region finer than that cell;
- hidden: only its state; it has no public point and never appears in distance
  search.

Distances, ordering, radius cuts, region filters and every output format use
only the public fields this module derives, so nothing public depends on where
inside its cell an `area` shelter really is. Rounding distances would not do:
attackers trilaterate exact positions from rounded distances by finding where
the rounded value flips. Snapping the point itself is the accepted fix.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from shelters import coverage, gazetteer, i18n, time_zones
from shelters.choices import Disclosure, PhoneType, USState
from shelters.geo import Point, normalized

KM_PER_DEGREE = 111.195  # one degree of latitude on the mean-radius sphere

# A listing's true address and point: never public unless its level is public,
# kept out of change history (a shelter that moves because it was found must not
# leave the old address behind in a table), blank in spreadsheet exports.
TRUE_LOCATION_FIELDS = ("street_address", "postal_code", "latitude", "longitude")
# The stored public location, derived from the true one on every save
# (refresh_public_fields); public search, filters and payloads read only these.
PUBLIC_LOCATION_FIELDS = (
    "public_latitude", "public_longitude", "public_city", "public_county", "public_county_key",
    "public_postal_code", "public_timezone",
)  # fmt: skip


# Fields for signed-in staff only (the staff console): never in a public payload,
# snapshot, HSDS export, spreadsheet export or public page. Not in PUBLIC_FIELDS,
# so editing them never moves a listing's public `updated_at` either.
STAFF_ONLY_FIELDS = ("staff_notes",)


# Every stored field a public payload or snapshot shows (of any listing type), as
# it is stored; public_values() says what the public sees of each. Only a change
# to one of these moves a listing's public `updated_at`, and with it a snapshot's
# version and ETag: a move of a confidential address must not be datable.
# The true location (street, ZIP, point, city, county) is shown only through the
# derived public_* fields, and the street only for a public address.
PUBLIC_FIELDS = (
    "name",
    "description",
    "description_es",
    "status",
    "organization_id",
    "languages",
    "last_verified",
    # Located listings
    "location_disclosure",
    "street_address",
    "public_latitude",
    "public_longitude",
    "public_city",
    "public_county",
    "public_postal_code",
    "state",
    "country",
    "public_timezone",
    "open_24_7",
    # Shelters
    "kind",
    "populations",
    "accepts_children",
    "max_boy_age",
    "accepts_pets",
    "wheelchair_accessible",
    "deaf_services",
    "services",
    "no_id_required",
    "free_of_charge",
    "beds_total",
    "beds_available",
    "beds_updated_at",
    # Medical services
    "accessibility_notes",
    "accessibility_notes_es",
    "cost",
    "walk_in",
    # Hotlines
    "topics",
    "coverage",
)


def public_columns(model) -> frozenset[str]:
    """The columns of `model` a public payload reads: PUBLIC_FIELDS (with each
    translated one's column per language), the key and the public `updated_at`.

    The one search loads only these for the public API and page, so a listing's
    true point, ZIP, city and county never even reach the process that answers the
    public (the street does, for public_address to show or blank). A payload that
    needed another column would fail its tests with an extra query rather than
    quietly read it (listing_search; tests/test_public_search_loads_only_public_columns.py)."""
    wanted = {"id", "public_updated_at", *PUBLIC_FIELDS}
    wanted |= {f"{name}_{lang}" for name in PUBLIC_FIELDS for lang in i18n.LANGUAGES}
    return frozenset(
        field.attname for field in model._meta.concrete_fields if field.attname in wanted
    )


def public_values(listing) -> dict:
    """What the public sees of each of PUBLIC_FIELDS the listing has."""
    values = {name: getattr(listing, name) for name in PUBLIC_FIELDS if hasattr(listing, name)}
    if "street_address" in values and disclosure_of(listing) != Disclosure.PUBLIC:
        values["street_address"] = ""
    return values


@dataclass(frozen=True, slots=True)
class PublicLocation:
    point: Point | None
    street_address: str
    city: str
    county: str
    postal_code: str
    timezone: str


def disclosure_of(place) -> str:
    """Medical services and other places without a level are public."""
    return getattr(place, "location_disclosure", Disclosure.PUBLIC)


def is_approximate(place) -> bool:
    return disclosure_of(place) != Disclosure.PUBLIC


@dataclass(frozen=True, slots=True)
class GridCell:
    south: float
    north: float
    west: float
    east: float

    @property
    def centre(self) -> Point:
        return normalized(Point((self.south + self.north) / 2, (self.west + self.east) / 2))


def grid_cell(point: Point, cell_km: float) -> GridCell:
    """The equal-size grid cell, about `cell_km` on a side, that holds `point`.

    Rows are bands of equal latitude height; each band is cut into columns of
    equal ground width at the band's centre latitude (a band's last column may
    be narrower). Deterministic and secret-free: knowing the grid tells an
    attacker only the cell.
    """
    row_height = cell_km / KM_PER_DEGREE
    row = math.floor((point.lat + 90.0) / row_height)
    south = -90.0 + row * row_height
    north = min(90.0, south + row_height)
    cos_lat = math.cos(math.radians((south + north) / 2))
    column_width = 360.0 if cos_lat <= 0 else min(360.0, cell_km / (KM_PER_DEGREE * cos_lat))
    column = math.floor((point.lon + 180.0) / column_width)
    west = -180.0 + column * column_width
    return GridCell(south, north, west, min(west + column_width, 180.0))


def grid_cell_centre(point: Point, cell_km: float) -> Point:
    return grid_cell(point, cell_km).centre


# An area-only listing's city, county and time zone describe its grid cell, never the
# listing: each is read from the ZIP centroids inside the cell, and named only where
# they all agree. Compared with the listing's own city, county or zone, they would
# say which part of the cell it is in: a shelter on a strip of a ZIP whose centroid
# lies in the next cell would show none where its neighbours show one.


def _cell_city(cell: GridCell, state: str, cell_km: float) -> str:
    """The one city every ZIP centroid of the cell names, if it spans at least a
    cell (naming a small town would say more than the approximate point does)."""
    cities = gazetteer.cities_in_box(cell.south, cell.north, cell.west, cell.east)
    if len({(s, gazetteer.city_key(c)) for s, c in cities}) != 1:
        return ""
    city_state, city = min(cities)
    if city_state != state or gazetteer.city_extent_km(city, state) < cell_km:
        return ""
    return city


def _cell_county(cell: GridCell, state: str) -> str:
    """The one county every ZIP centroid of the cell lies in. A cell with no ZIP
    centroid cannot be shown to lie in one county, so it names none."""
    counties = gazetteer.counties_in_box(cell.south, cell.north, cell.west, cell.east)
    if len({(s, coverage.fold_county(c)) for s, c in counties}) != 1:
        return ""
    county_state, county = min(counties)
    return county if county_state == state else ""


def _cell_zone(cell: GridCell, state: str) -> str:
    """The one clock every ZIP centroid of the cell keeps, by the name its state
    gives it (time_zones.state_zone: never America/Kentucky/Monticello, ZIP 42633's
    alone); else the listing's state's one clock, or none."""
    zones = gazetteer.timezones_in_box(cell.south, cell.north, cell.west, cell.east)
    clocks = {time_zones.state_zone(s, z) for s, z in zones}
    if len(clocks) == 1:
        return next(iter(clocks))
    return _single_state_zone(state) or ""


def _fallback_point(place) -> Point | None:
    zip_place = gazetteer.lookup_zip((place.postal_code or "")[:5])
    if zip_place is not None:
        return zip_place.point
    return gazetteer.city_centroid(place.city, place.state)


def derive_public_location(place) -> PublicLocation:
    """Compute the public location from the stored true fields of a listing."""
    level = disclosure_of(place)
    if level == Disclosure.HIDDEN:
        return PublicLocation(None, "", "", "", "", _single_state_zone(place.state) or "")
    if level == Disclosure.AREA:
        cell_km = settings.LOCATION_GRID_KM
        true_point = place.point or _fallback_point(place)
        cell = grid_cell(true_point, cell_km) if true_point else None
        if cell is None:
            return PublicLocation(None, "", "", "", "", _single_state_zone(place.state) or "")
        return PublicLocation(
            point=cell.centre,
            street_address="",
            city=_cell_city(cell, place.state, cell_km),
            county=_cell_county(cell, place.state),
            postal_code="",
            timezone=_cell_zone(cell, place.state),
        )
    return PublicLocation(
        point=normalized(place.point) if place.point else None,
        street_address=place.street_address,
        city=place.city,
        county=place.county,
        postal_code=place.postal_code,
        timezone=place.timezone,
    )


def public_location_values(place) -> dict[str, Any]:
    """The PUBLIC_LOCATION_FIELDS of `place`, derived from its true fields."""
    location = derive_public_location(place)
    return {
        "public_latitude": location.point.lat if location.point else None,
        "public_longitude": location.point.lon if location.point else None,
        "public_city": location.city,
        "public_county": location.county,
        "public_county_key": coverage.fold_county(location.county),
        "public_postal_code": location.postal_code,
        "public_timezone": location.timezone,
    }


def refresh_public_fields(place) -> None:
    """Store the derived public fields on the listing before it is saved."""
    for name, value in public_location_values(place).items():
        setattr(place, name, value)


def lapse_authorisation(place) -> None:
    """A written authorisation to publish the address is for a public address: once
    the listing is area-only or hidden it lapses (is cleared before the save), so
    publishing the address again takes a new one, given by someone, on a date. The
    operator may have withdrawn the old one, or the shelter moved since."""
    if not hasattr(place, "address_publication_authorized_by"):
        return
    if disclosure_of(place) != Disclosure.PUBLIC:
        place.address_publication_authorized_by = ""
        place.address_publication_authorized_on = None


def address_may_leave(place) -> bool:
    """May this listing's street address be sent to an outside geocoder? Only if
    it has one and the public may see it anyway."""
    return bool(place.street_address) and disclosure_of(place) == Disclosure.PUBLIC


def public_address(place) -> dict[str, str | None]:
    public = disclosure_of(place) == Disclosure.PUBLIC
    return {
        "street": (place.street_address or None) if public else None,
        "city": place.public_city or None,
        "county": place.public_county or None,
        "state": place.state,
        "postal_code": place.public_postal_code or None,
        "country": place.country,
    }


# Phone types an area-only or hidden shelter does not publish beside others: a main
# office line is often the house's own landline, whose exchange names a town where
# the listing shows a cell or a state. Intake, crisis, text and TTY lines are how a
# survivor reaches it, so they stay; a main line that is the only phone stays too.
WITHHELD_PHONE_TYPES = frozenset({PhoneType.MAIN})


def public_phones(place, phones) -> list:
    """The phones of `place` (in their order) the public may see."""
    phones = list(phones)
    if disclosure_of(place) == Disclosure.PUBLIC:
        return phones
    kept = [phone for phone in phones if phone.type not in WITHHELD_PHONE_TYPES]
    return kept or phones


def public_location(place) -> dict | None:
    point = place.public_point
    if point is None:
        return None
    return {"lat": point.lat, "lon": point.lon, "approximate": is_approximate(place)}


def public_timezone(place) -> str | None:
    """The time zone the public may know (stored as `public_timezone` on every
    save, derive_public_location), and the only basis of `open_now`.

    A hidden shelter publishes its state and nothing finer, and a time zone can
    split a state (El Paso keeps Mountain time, the rest of Texas Central): so a
    hidden shelter's own zone is never used. Its state's zone stands in where the
    whole state (every ZIP of it in the gazetteer) keeps one clock; elsewhere it has
    no public zone, `open_now` is false (unless open 24/7), and `open_now=true`
    does not match it. Watching it flip would otherwise say which half it is in.
    An `area` listing shows its cell's clock (_cell_zone); a public one its own.

    A hidden listing's zone is read from its state here, not from the stored field:
    a worker of a release before that field (a rolling deploy) can make a listing
    hidden without deriving it again.
    """
    if disclosure_of(place) == Disclosure.HIDDEN:
        return _single_state_zone(place.state)
    return place.public_timezone or None


def _single_state_zone(state: str) -> str | None:
    zones = time_zones.state_zones(state)
    return next(iter(zones)) if len(zones) == 1 else None


def public_timezone_in(model, zones) -> Q:
    """The SQL form of public_timezone: listings of `model` whose public zone is in
    `zones` (for `open_now`, next to hours.is_open's Python form)."""
    zones = set(zones)
    if not any(field.name == "location_disclosure" for field in model._meta.get_fields()):
        return Q(public_timezone__in=zones)
    states = [state for state in USState.values if _single_state_zone(state) in zones]
    hidden = Q(location_disclosure=Disclosure.HIDDEN)
    return (~hidden & Q(public_timezone__in=zones)) | (hidden & Q(state__in=states))


# What `q` may match, for every disclosure level: the name, description and
# organisation name, which every payload shows whatever the level. Never the true
# street, city, county or ZIP: those are filtered only through their public_*
# forms (city, county, postal_code). Shown text is public text, so what keeps a
# hidden shelter from being found by its town is that its text does not name it:
# see place_names_below_level, which the admin warns advocates with.
# The Spanish description (shelters.translation) is shown like the English one, so
# it is searched like it, and held to the same rule.
FREE_TEXT_FIELDS = ("name", "description", "description_es", "organization__name")
# A listing's own public text, in every language: what place_names_below_level is
# asked about when an advocate saves it.
PUBLIC_TEXT_FIELDS = (
    "name", "description", "description_es", "accessibility_notes", "accessibility_notes_es",
)  # fmt: skip


def public_texts(listing) -> list[str]:
    """The listing's own public text in every language (PUBLIC_TEXT_FIELDS)."""
    return [getattr(listing, name, "") or "" for name in PUBLIC_TEXT_FIELDS]


def _names_in(text: str, names) -> list[str]:
    return sorted(
        name
        for name in names
        if name and re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text, re.IGNORECASE)
    )


def place_names_below_level(place, *texts: str) -> list[str]:
    """The listing's own city, county and ZIP (as entered, and as the gazetteer
    knows its ZIP) that its disclosure level keeps from the public, wherever
    `texts` name them. Public text naming them would undo the level."""
    if disclosure_of(place) == Disclosure.PUBLIC:
        return []
    shown = derive_public_location(place)
    zip_code = (place.postal_code or "")[:5]
    known = gazetteer.lookup_zip(zip_code)
    cities = {place.city, known.city if known else ""}
    counties = {place.county, known.county if known else ""}
    hidden = {city for city in cities if city and city.casefold() != shown.city.casefold()}
    if not shown.county:
        for county in filter(None, counties):
            hidden |= {county, re.sub(r"\s+(county|parish|borough)$", "", county, flags=re.I)}
    hidden |= {code for code in (zip_code, known.zip_code if known else "") if code}
    return _names_in(" ".join(filter(None, texts)), hidden)


def publication_errors(disclosure: str, authorized_by: str, authorized_on) -> dict[str, str]:
    """A public address needs the operator's written authorisation (FVPSA): who
    gave it and when. Checked where an advocate chooses the disclosure level."""
    if disclosure == Disclosure.PUBLIC and not (authorized_by and authorized_on):
        return {
            "address_publication_authorized_by": "A public address needs the operator's "
            "written authorisation: say who gave it and when."
        }
    return {}


# What an import may overwrite (HSDS packages today; any importer tomorrow).
#
# A package written by an export holds only what the public may see: an area
# shelter's grid-cell centre without street or ZIP, a hidden one's state alone, no
# time zone for a hidden one. Taken as the truth, it would replace a confidential
# shelter's real location with its reduction, and a package from an older export
# would publish again a shelter that has since moved and gone hidden. So an import
# keeps what this database knows, and changes disclosure only towards privacy.

# Every stored field that a reduced location withholds or blurs. An import sets
# them on an existing listing only when both the stored listing and the package
# publish the address in full (then the package's address is a true one).
IMPORTED_LOCATION_FIELDS = (
    "street_address", "city", "county", "state", "postal_code", "country",
    "latitude", "longitude", "timezone",
)  # fmt: skip
# The operator's written authorisation to publish an address (FVPSA) is a fact
# about a letter, not about a package: no import may write it from package data.
AUTHORISATION_FIELDS = ("address_publication_authorized_by", "address_publication_authorized_on")


@dataclass(frozen=True, slots=True)
class ImportPolicy:
    """What the person running an import has asked for, beyond the package.

    `publish_existing`: also set the status of listings already stored (a draft
    stays a draft otherwise). `authorized_by`/`authorized_on`: a real written
    authorisation, given by that person, for new listings the package publishes
    with a full address; without one such listings arrive area-only.
    """

    publish_existing: bool = False
    authorized_by: str = ""
    authorized_on: date | None = None


def import_overwrites(
    record, incoming: dict[str, Any], *, is_new: bool, policy: ImportPolicy | None = None
) -> dict[str, Any]:
    """Of the field values an import would give `record`, those it may set.

    `incoming` maps field names to what the package says (location fields,
    `location_disclosure`, `status`, anything else). Returned: the values to set,
    which may add an authorisation from `policy` or lower the disclosure level.
    """
    policy = policy or ImportPolicy()
    allowed = {k: v for k, v in incoming.items() if k not in AUTHORISATION_FIELDS}
    if not is_new and not policy.publish_existing:
        allowed.pop("status", None)
    if not hasattr(record, "location_disclosure"):
        return allowed  # a place without a disclosure level is public
    wanted = incoming.get("location_disclosure") or (
        Disclosure.AREA if is_new else record.location_disclosure
    )
    if is_new:
        if wanted == Disclosure.PUBLIC:
            if policy.authorized_by:
                allowed["address_publication_authorized_by"] = policy.authorized_by
                allowed["address_publication_authorized_on"] = (
                    policy.authorized_on or timezone.localdate()
                )
            else:
                wanted = Disclosure.AREA
        allowed["location_disclosure"] = wanted
        return allowed
    stored = record.location_disclosure
    if is_more_public(wanted, stored):
        wanted = stored  # more public than stored: only an advocate, with a letter
    allowed["location_disclosure"] = wanted
    if not (stored == Disclosure.PUBLIC and wanted == Disclosure.PUBLIC):
        for name in IMPORTED_LOCATION_FIELDS:
            allowed.pop(name, None)
    return allowed


# From the most private level to the most public.
DISCLOSURE_ORDER = (Disclosure.HIDDEN, Disclosure.AREA, Disclosure.PUBLIC)
PUBLICATION_FIELDS = ("location_disclosure", *AUTHORISATION_FIELDS)


def is_more_public(level: str, than: str) -> bool:
    """Whether disclosure `level` shows more than `than`; an unknown level counts
    as hidden, the most private."""

    def rank(value: str) -> int:
        return DISCLOSURE_ORDER.index(value) if value in DISCLOSURE_ORDER else 0

    return rank(level) > rank(than)


def kept_on_revert(now, then) -> dict[str, object]:
    """What a revert to the version `then` must keep from the listing as it is
    `now`: its disclosure level and publication authorisation, whenever `then`'s
    level is more public than today's.

    History leaves the true address out (TRUE_LOCATION_FIELDS), so a revert
    applies the old level to today's address; the old authorisation was given for
    an address the shelter may have left because it was found. Making a location
    more public takes a deliberate change with a fresh authorisation, never a
    revert. Empty when the revert may restore `then`'s level."""
    if not is_more_public(disclosure_of(then), disclosure_of(now)):
        return {}
    return {name: getattr(now, name) for name in PUBLICATION_FIELDS}

"""Offline US ZIP gazetteer built on the `zipcodes` package.

A public search never calls an external geocoder: a survivor's location must not
leave the server. The package embeds every ZIP's centroid, city, county, state and
time zone; it is indexed here once per process.
"""

from __future__ import annotations

import bisect
import math
import re
from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from typing import NamedTuple
from zoneinfo import available_timezones

import zipcodes

from shelters.geo import Point, great_circle_km

ZIP_PATTERN = re.compile(r"^\d{5}$")
BUCKET_DEGREES = 0.25
MILITARY_MAIL_STATES = frozenset({"AA", "AE", "AP"})


def _bucket(point: Point) -> tuple[int, int]:
    return math.floor(point.lat / BUCKET_DEGREES), math.floor(point.lon / BUCKET_DEGREES)


class ZipPlace(NamedTuple):
    zip_code: str
    point: Point
    city: str
    county: str
    state: str
    timezone: str
    delivers_to_streets: bool


def _normalise(text: str) -> str:
    return " ".join(text.casefold().split())


@dataclass
class _Index:
    by_zip: dict[str, ZipPlace]
    by_cell: dict[tuple[int, int], list[ZipPlace]]
    by_city: dict[tuple[str, str], list[ZipPlace]]
    min_lat: float
    max_lat: float


@cache
def _index() -> _Index:
    by_zip: dict[str, ZipPlace] = {}
    by_cell: dict[tuple[int, int], list[ZipPlace]] = defaultdict(list)
    by_city: dict[tuple[str, str], list[ZipPlace]] = defaultdict(list)
    known_zones = available_timezones()
    # filter_by() with no filter hands over a fresh list of every ZIP; list_all()
    # would keep 42,000 dicts alive in the package, and slow every garbage collection.
    for row in zipcodes.filter_by():
        if row["state"] in MILITARY_MAIL_STATES:
            continue  # overseas military mail: no real place, placeholder coordinates
        try:
            point = Point(float(row["lat"]), float(row["long"]))
        except (TypeError, ValueError):
            continue
        if point == (0.0, 0.0):
            continue  # a placeholder, not a place
        place = ZipPlace(
            zip_code=row["zip_code"],
            point=point,
            city=row["city"].title(),
            county=row["county"] or "",
            state=row["state"],
            # A few rows carry a place name instead of an IANA zone.
            timezone=row["timezone"] if row["timezone"] in known_zones else "",
            delivers_to_streets=row["zip_code_type"] == "STANDARD",
        )
        by_zip[place.zip_code] = place
        by_cell[_bucket(point)].append(place)
        by_city[(place.state, _normalise(place.city))].append(place)
    latitudes = [place.point.lat for place in by_zip.values()]
    return _Index(
        dict(by_zip),
        dict(by_cell),
        dict(by_city),
        min(latitudes),
        max(latitudes),
    )


def warm_up() -> None:
    _index()
    us_timezones()


def lookup_zip(zip_code: str) -> ZipPlace | None:
    """The place of a five-digit US ZIP, or None if it is not a known ZIP."""
    if not ZIP_PATTERN.match(zip_code or ""):
        return None
    return _index().by_zip.get(zip_code)


def nearest_zip(point: Point, max_km: float = 150.0) -> ZipPlace | None:
    """The ZIP whose centroid is nearest to `point`, if one lies within `max_km`.

    Used to tell which state and county a coordinate search falls in, so that
    hotlines covering that area can be named. Scans rings of grid buckets outward
    until no unscanned bucket can hold anything nearer than the best found; the
    scan never leaves the window `max_km` spans, so its cost is bounded anywhere.
    """
    index = _index()
    reach_degrees = max_km / 111.195
    if not index.min_lat - reach_degrees <= point.lat <= index.max_lat + reach_degrees:
        return None
    row, column = _bucket(point)
    bucket_height_km = BUCKET_DEGREES * 111.195
    edge_lat = min(89.9, abs(point.lat) + reach_degrees + BUCKET_DEGREES)
    bucket_width_km = bucket_height_km * math.cos(math.radians(edge_lat))
    rows = math.ceil(max_km / bucket_height_km) + 1
    columns = min(math.ceil(360 / BUCKET_DEGREES), math.ceil(max_km / bucket_width_km) + 1)
    # Candidates are compared on a local flat projection (exact enough to pick the
    # nearest centroid, and much cheaper); the winner's distance is then exact.
    x_scale = math.cos(math.radians(point.lat)) * 111.195
    best: tuple[float, ZipPlace] | None = None
    for ring in range(max(rows, columns) + 1):
        if best is not None and math.sqrt(best[0]) <= (ring - 1) * bucket_width_km:
            break
        for dr in range(-min(ring, rows), min(ring, rows) + 1):
            for dc in range(-min(ring, columns), min(ring, columns) + 1):
                if max(abs(dr), abs(dc)) != ring:
                    continue
                for place in index.by_cell.get((row + dr, column + dc), ()):
                    dx = ((place.point.lon - point.lon + 180.0) % 360.0 - 180.0) * x_scale
                    dy = (place.point.lat - point.lat) * 111.195
                    squared = dx * dx + dy * dy
                    if best is None or squared < best[0]:
                        best = (squared, place)
    if best is None or great_circle_km(point, best[1].point) > max_km:
        return None
    return best[1]


def _centroid(places: list[ZipPlace]) -> Point | None:
    if not places:
        return None
    lat = sum(p.point.lat for p in places) / len(places)
    lon = sum(p.point.lon for p in places) / len(places)
    return Point(round(lat, 4), round(lon, 4))


def city_centroid(city: str, state: str) -> Point | None:
    """Mean of the ZIP centroids of a city: a coarse point that names no street."""
    return _centroid(_index().by_city.get((state.upper(), _normalise(city)), []))


def city_extent_km(city: str, state: str) -> float:
    """Greatest distance between two of a city's street-delivery ZIP centroids: 0 for a
    one-ZIP town. (PO-box and single-building ZIPs say nothing of a city's size.)"""
    places = [
        place
        for place in _index().by_city.get((state.upper(), _normalise(city)), [])
        if place.delivers_to_streets
    ]
    return max(
        (great_circle_km(a.point, b.point) for i, a in enumerate(places) for b in places[i + 1 :]),
        default=0.0,
    )


@cache
def us_timezones() -> tuple[str, ...]:
    """Every time zone named by a US ZIP; `open_now` evaluates each one."""
    return tuple(sorted({p.timezone for p in _index().by_zip.values() if p.timezone}))


@cache
def _zones_by_state() -> dict[str, frozenset[str]]:
    zones: dict[str, set[str]] = defaultdict(set)
    for place in _index().by_zip.values():
        if place.timezone:
            zones[place.state].add(place.timezone)
    return {state: frozenset(names) for state, names in zones.items()}


def state_timezones(state: str) -> frozenset[str]:
    """Every time zone named by a ZIP of the state."""
    return _zones_by_state().get((state or "").upper(), frozenset())


def counties_in_box(south: float, north: float, west: float, east: float) -> set[tuple[str, str]]:
    """(state, county) of every ZIP whose centroid lies in the box: what the box
    is known to span. An empty set says nothing (no ZIP centroid falls in it)."""
    index = _index()
    found: set[tuple[str, str]] = set()
    for row in range(math.floor(south / BUCKET_DEGREES), math.floor(north / BUCKET_DEGREES) + 1):
        for column in range(
            math.floor(west / BUCKET_DEGREES), math.floor(east / BUCKET_DEGREES) + 1
        ):
            for place in index.by_cell.get((row, column), ()):
                lat, lon = place.point
                if south <= lat < north and west <= lon < east:
                    found.add((place.state, place.county))
    return found


# Counties, cities and states by name, for the staff console's region box.


def _county_key(name: str) -> str:
    """A county name as compared ("Travis County", "travis" -> "travis"); the same
    folding as shelters.coverage.fold_county, which imports this module."""
    folded = _normalise(name)
    for suffix in (" county", " parish", " borough"):
        folded = folded.removesuffix(suffix)
    return folded.strip()


@cache
def _by_county() -> dict[tuple[str, str], list[ZipPlace]]:
    by_county: dict[tuple[str, str], list[ZipPlace]] = defaultdict(list)
    for place in _index().by_zip.values():
        if place.county:
            by_county[(place.state, _county_key(place.county))].append(place)
    return dict(by_county)


def county_name(county: str, state: str) -> str | None:
    """The gazetteer's spelling of a county of `state` ("Travis County"), or None."""
    places = _by_county().get(((state or "").upper(), _county_key(county)))
    return places[0].county if places else None


def county_centroid(county: str, state: str) -> Point | None:
    """Mean of the ZIP centroids of a county."""
    return _centroid(_by_county().get(((state or "").upper(), _county_key(county)), []))


def city_name(city: str, state: str) -> str | None:
    places = _index().by_city.get(((state or "").upper(), _normalise(city)))
    return places[0].city if places else None


def city_county(city: str, state: str) -> str:
    """The county most of a city's ZIPs lie in (a city may straddle several)."""
    places = _index().by_city.get(((state or "").upper(), _normalise(city)), [])
    counts: dict[str, int] = defaultdict(int)
    for place in places:
        counts[place.county] += 1
    return max(sorted(counts), key=counts.__getitem__, default="")


@cache
def state_centroid(state: str) -> Point | None:
    return _centroid([p for p in _index().by_zip.values() if p.state == (state or "").upper()])


@cache
def _place_names() -> tuple[tuple[str, str], ...]:
    """(folded, shown) for every "City, ST" and "County, ST", sorted for prefix search."""
    names = {f"{place.city}, {place.state}" for place in _index().by_zip.values()}
    names |= {f"{places[0].county}, {state}" for (state, _), places in _by_county().items()}
    return tuple(sorted((_normalise(name), name) for name in names))


def place_names_starting(prefix: str, limit: int = 8) -> list[str]:
    """Cities and counties ("Austin, TX", "Travis County, TX") whose name starts
    with `prefix`, case-insensitive, in alphabetical order."""
    folded = _normalise(prefix)
    if len(folded) < 2:
        return []
    names = _place_names()
    start = bisect.bisect_left(names, (folded, ""))
    found = []
    for key, shown in names[start:]:
        if not key.startswith(folded) or len(found) >= limit:
            break
        found.append(shown)
    return found

"""Pure geometry for search: great-circle distance and bounding boxes on a sphere.

No Django imports: everything here is plain arithmetic that the search module, the
privacy module and the tests share.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import NamedTuple

# Mean Earth radius (IUGG), the value geopy's great_circle uses.
EARTH_RADIUS_KM = 6371.0088
KM_PER_MILE = 1.609344
# How far from a region's centre a shelter or medical service counts as serving it
# on the staff console ("serves this area"): about an hour's drive.
SERVES_AREA_KM = 80.0
# Half the circumference: no two points on the sphere are farther apart than this.
MAX_DISTANCE_KM = math.pi * EARTH_RADIUS_KM
# A street address geocoded farther than this from its own ZIP (or city) centre is
# someone else's street: the geocoder's answer is refused (shelters.geocoding).
GEOCODED_MAX_KM_FROM_ZIP = 100.0


class Point(NamedTuple):
    """A WGS-84 point in decimal degrees. A tuple of floats, which the garbage
    collector does not track: the gazetteer holds tens of thousands of them."""

    lat: float
    lon: float


# Seven decimal places of a degree is about a centimetre: finer digits carry no
# meaning, and subnormal values (1e-320) underflow PostgreSQL's float arithmetic.
COORDINATE_DECIMALS = 7


def normalized(point: Point) -> Point:
    """The point rounded to COORDINATE_DECIMALS, with longitude 180 written as -180."""
    lat = round(point.lat, COORDINATE_DECIMALS) + 0.0
    lon = round(point.lon, COORDINATE_DECIMALS) + 0.0
    return Point(lat, -180.0 if lon == 180.0 else lon)


def great_circle_km(a: Point, b: Point) -> float:
    """Haversine distance in km on the mean-radius sphere."""
    lat1, lon1, lat2, lon2 = map(math.radians, (a.lat, a.lon, b.lat, b.lon))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    # Rounding can push h a hair past 1 for antipodal points; asin would then fail.
    h = min(1.0, max(0.0, h))
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(h))


def km_to_miles(km: float) -> float:
    return km / KM_PER_MILE


@dataclass(frozen=True, slots=True)
class BoundingBox:
    """Latitude range plus one or two longitude ranges (two when it crosses ±180°)."""

    min_lat: float
    max_lat: float
    lon_ranges: tuple[tuple[float, float], ...]

    def contains(self, p: Point) -> bool:
        if not self.min_lat <= p.lat <= self.max_lat:
            return False
        return any(lo <= p.lon <= hi for lo, hi in self.lon_ranges)


def bounding_box(origin: Point, radius_km: float, margin: float = 1e-9) -> BoundingBox:
    """The smallest lat/lon box holding every point within `radius_km` of `origin`.

    Follows the bounding-coordinates method: the latitude range is exact; the
    longitude half-width is asin(sin(d) / cos(lat)), taken at the tangent latitude.
    When the circle covers a pole every longitude is in. `margin` (degrees) widens
    the box a little so that points on its edge survive floating-point rounding.
    """
    angular = radius_km / EARTH_RADIUS_KM
    if angular >= math.pi:
        return BoundingBox(-90.0, 90.0, ((-180.0, 180.0),))
    lat = math.radians(origin.lat)
    min_lat = lat - angular
    max_lat = lat + angular
    if min_lat <= -math.pi / 2 or max_lat >= math.pi / 2:
        return BoundingBox(
            max(math.degrees(min_lat), -90.0) - margin,
            min(math.degrees(max_lat), 90.0) + margin,
            ((-180.0, 180.0),),
        )
    half_width = math.degrees(math.asin(min(1.0, math.sin(angular) / math.cos(lat)))) + margin
    west = origin.lon - half_width
    east = origin.lon + half_width
    if half_width >= 180.0:
        lon_ranges: tuple[tuple[float, float], ...] = ((-180.0, 180.0),)
    elif west < -180.0:
        lon_ranges = ((west + 360.0, 180.0), (-180.0, east))
    elif east > 180.0:
        lon_ranges = ((west, 180.0), (-180.0, east - 360.0))
    else:
        lon_ranges = ((west, east),)
    return BoundingBox(math.degrees(min_lat) - margin, math.degrees(max_lat) + margin, lon_ranges)


def inscribed_box(origin: Point, radius_km: float, margin: float = 1e-9) -> BoundingBox | None:
    """A lat/lon box every point of which lies within `radius_km` of `origin`, or
    None when the circle reaches a pole (or is too large for a useful one).

    Any part of a circle holds no more listings than the circle, so when this box
    alone holds more than a count's cap, so does the circle, and nothing else need
    be read (shelters.listing_search's radius count). By the haversine formula,
    hav(d) = hav(dlat) + cos(lat1) cos(lat2) hav(dlon): half of hav(radius) goes to
    the latitude half-height, half to the longitude half-width, taken where the
    box's cosine of latitude is largest. Every point inside is then strictly
    within the radius; the box is shrunk a little more (`margin` degrees, and a
    millionth of hav) so that rounding cannot carry a corner past it. Longitudes
    are clipped at +-180 degrees (a smaller box is still inside the circle).
    """
    angular = radius_km / EARTH_RADIUS_KM
    if angular >= math.pi / 2:
        return None
    budget = math.sin(angular / 2) ** 2 * (1 - 1e-6) / 2
    half_height = 2 * math.asin(math.sqrt(budget))
    lat = math.radians(origin.lat)
    south, north = lat - half_height, lat + half_height
    if south <= -math.pi / 2 or north >= math.pi / 2:
        return None
    widest = 1.0 if south <= 0 <= north else math.cos(min(abs(south), abs(north)))
    scale = math.cos(lat) * widest
    if scale <= budget:  # every longitude is within the budget
        half_width = 180.0
    else:
        half_width = math.degrees(2 * math.asin(math.sqrt(budget / scale))) - margin
    half_height_deg = math.degrees(half_height) - margin
    if half_height_deg <= 0 or half_width <= 0:
        return None
    return BoundingBox(
        origin.lat - half_height_deg,
        origin.lat + half_height_deg,
        ((max(origin.lon - half_width, -180.0), min(origin.lon + half_width, 180.0)),),
    )


def unit_chord_for_arc(radius_km: float) -> float:
    """Straight-line distance on a unit sphere spanning the same central angle as
    an arc of `radius_km` on the mean-radius Earth (multiply by any sphere's radius)."""
    angle = min(radius_km / EARTH_RADIUS_KM, math.pi)
    return 2 * math.sin(angle / 2)

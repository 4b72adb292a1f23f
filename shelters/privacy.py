"""The one place that decides what the public may know of a listing's location.

A shelter with a confidential location is shown by city, county and state only,
and its public point, which every distance, ordering and radius cut uses, is the
centre of its city (or county), never its own coordinates. The API, exports and
tests all ask this module; nothing else reads the true point for public use.
"""

from __future__ import annotations

from dataclasses import dataclass

from shelters import gazetteer
from shelters.geo import Point, normalized


@dataclass(frozen=True, slots=True)
class PublicLocation:
    point: Point | None
    approximate: bool
    street_address: str
    postal_code: str


def is_confidential(place) -> bool:
    return bool(getattr(place, "confidential_location", False))


def derive_public_location(place) -> PublicLocation:
    """Compute the public location from the stored true fields of a listing."""
    if is_confidential(place):
        point = gazetteer.city_centroid(place.city, place.state) or gazetteer.county_centroid(
            place.county, place.state
        )
        return PublicLocation(point=point, approximate=True, street_address="", postal_code="")
    return PublicLocation(
        point=place.point,
        approximate=False,
        street_address=place.street_address,
        postal_code=place.postal_code,
    )


def refresh_public_fields(place) -> None:
    """Store the derived public point and ZIP on the listing before it is saved."""
    location = derive_public_location(place)
    point = normalized(location.point) if location.point else None
    place.public_latitude = point.lat if point else None
    place.public_longitude = point.lon if point else None
    place.public_postal_code = location.postal_code


def public_address(place) -> dict[str, str | None]:
    confidential = is_confidential(place)
    return {
        "street": None if confidential else (place.street_address or None),
        "city": place.city,
        "county": place.county or None,
        "state": place.state,
        "postal_code": place.public_postal_code or None,
        "country": place.country,
    }


def public_location(place) -> dict | None:
    point = place.public_point
    if point is None:
        return None
    return {"lat": point.lat, "lon": point.lon, "approximate": is_confidential(place)}

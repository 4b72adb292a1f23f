"""Finding a point for a listing saved without one.

The default geocoder is offline: the centre of the listing's ZIP code (or of its
city) from the embedded gazetteer, which sends nothing anywhere. With
GEOCODER=nominatim the street address goes to a Nominatim server through geopy,
but only for listings whose address is public anyway: a confidential shelter's
address is never sent, and is placed offline. A slow or failing geocoder never
stops a save; the advocate gets a warning and the offline point, and can enter
coordinates by hand.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from django.conf import settings
from geopy.exc import GeopyError
from geopy.geocoders import Nominatim

from shelters import gazetteer, privacy
from shelters.choices import PointSource
from shelters.geo import Point, normalized

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Located:
    point: Point | None
    source: str
    warning: str = ""


def offline(place) -> Located:
    zip_place = gazetteer.lookup_zip((place.postal_code or "")[:5])
    if zip_place is not None:
        return Located(zip_place.point, PointSource.ZIP)
    centre = gazetteer.city_centroid(place.city or "", place.state or "")
    if centre is not None:
        return Located(centre, PointSource.CITY)
    return Located(
        None, PointSource.UNKNOWN, "No point could be found from the ZIP code or the city: "
        "enter the coordinates by hand, or the listing stays out of distance search.",
    )  # fmt: skip


def _nominatim() -> Nominatim:
    return Nominatim(
        user_agent=settings.GEOCODER_USER_AGENT,
        domain=settings.GEOCODER_DOMAIN,
        scheme=settings.GEOCODER_SCHEME,
        timeout=settings.GEOCODER_TIMEOUT,
    )


def by_street_address(place) -> Located | None:
    """The street address through Nominatim; None when it has no answer."""
    query = {
        "street": place.street_address,
        "city": place.city,
        "county": place.county,
        "state": place.state,
        "postalcode": place.postal_code,
        "country": place.country or "US",
    }
    found = _nominatim().geocode({key: value for key, value in query.items() if value})
    if found is None:
        return None
    return Located(normalized(Point(found.latitude, found.longitude)), PointSource.ADDRESS)


def locate(place) -> Located:
    """A point for `place` from its address, by the configured geocoder."""
    use_network = settings.GEOCODER == "nominatim" and privacy.address_may_leave(place)
    if not use_network:
        return offline(place)
    try:
        found = by_street_address(place)
    except GeopyError as error:
        # The message names the failure, never the address.
        logger.warning("Geocoder failed: %s", type(error).__name__)
        return _offline_instead(
            place, f"The geocoder did not answer ({type(error).__name__})",
            "Enter coordinates by hand for a precise one.",
        )  # fmt: skip
    if found is None:
        return _offline_instead(place, "The geocoder did not find this street address")
    return found


def _offline_instead(place, what_happened: str, advice: str = "") -> Located:
    fallback = offline(place)
    where = fallback.source.label.lower() if fallback.point else "missing"
    warning = f"{what_happened}; the point is {where}. {advice}".strip()
    return Located(fallback.point, fallback.source, warning)


def fill_missing_point(place) -> Located | None:
    """Geocode `place` if it has no point; None if it already had one."""
    if place.point is not None:
        return None
    located = locate(place)
    if located.point is not None:
        place.latitude, place.longitude = located.point.lat, located.point.lon
    place.point_source = located.source
    return located

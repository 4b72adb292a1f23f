"""Finding a point for a listing saved without one.

The default geocoder is offline: the centre of the listing's ZIP code (or of its
city) from the embedded gazetteer, which sends nothing anywhere. With
GEOCODER=nominatim the street address goes to a Nominatim server through geopy,
but only for listings whose address is public anyway: a confidential shelter's
address is never sent, and is placed offline. A slow or failing geocoder never
stops a save; the advocate gets a warning and the offline point, and can enter
coordinates by hand.

A call to Nominatim is bounded by one deadline, GEOCODER_TIMEOUT seconds, for
everything: waiting for its turn, connecting, and reading however slowly the
server answers (shelters.deadline_http; no retries). Calls are paced to
Nominatim's usage policy, one a second from the whole process
(GEOCODER_MIN_INTERVAL); a call that could not start before its deadline is not
made. An answer is used only if its latitude and longitude are numbers within
range, not 0,0, and within GEOCODED_MAX_KM_FROM_ZIP of the listing's ZIP or city
centre when that is known; anything else falls back to the offline point with a
warning.
"""

from __future__ import annotations

import logging
import math
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from geopy.exc import GeopyError
from geopy.geocoders import Nominatim

from shelters import gazetteer, privacy
from shelters.choices import PointSource
from shelters.deadline_http import DeadlineAdapter
from shelters.geo import GEOCODED_MAX_KM_FROM_ZIP, Point, great_circle_km, normalized

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


class Pacer:
    """At most one call every `interval` seconds from the whole process.

    `reserve` books the next free slot and sleeps until it; a slot later than the
    caller's deadline is not booked, and the caller goes without."""

    def __init__(
        self,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ):
        self.clock, self.sleep = clock, sleep
        self._lock = threading.Lock()
        self._next_free = -math.inf

    def reserve(self, interval: float, deadline: float) -> bool:
        with self._lock:
            now = self.clock()
            start = max(now, self._next_free)
            if start >= deadline:
                return False
            self._next_free = start + interval
        if start > now:
            self.sleep(start - now)
        return True


pacer = Pacer()


class GeocoderBusy(GeopyError):
    """The call could not start before its deadline: others came first."""


class ImplausibleAnswer(GeopyError):
    """The geocoder answered with something that is not a usable point."""


def _nominatim(timeout: float) -> Nominatim:
    return Nominatim(
        user_agent=settings.GEOCODER_USER_AGENT,
        domain=settings.GEOCODER_DOMAIN,
        scheme=settings.GEOCODER_SCHEME,
        timeout=timeout,
        adapter_factory=DeadlineAdapter,
    )


def plausible_point(raw: object, near: Point | None) -> Point:
    """The point of a Nominatim answer, or ImplausibleAnswer saying what is wrong."""
    if not isinstance(raw, dict):
        raise ImplausibleAnswer("no coordinates")
    try:
        lat, lon = float(raw["lat"]), float(raw["lon"])
    except (KeyError, TypeError, ValueError):
        raise ImplausibleAnswer("no coordinates as numbers") from None
    if not (math.isfinite(lat) and math.isfinite(lon)):
        raise ImplausibleAnswer("coordinates that are not numbers")
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise ImplausibleAnswer("coordinates out of range")
    if lat == 0 and lon == 0:
        raise ImplausibleAnswer("the point 0,0")
    point = normalized(Point(lat, lon))
    if near is not None and great_circle_km(point, near) > GEOCODED_MAX_KM_FROM_ZIP:
        raise ImplausibleAnswer("a point far from the ZIP code")
    return point


def by_street_address(place) -> Located | None:
    """The street address through Nominatim, within GEOCODER_TIMEOUT in all; None
    when it has no answer. Raises GeopyError (GeocoderBusy, ImplausibleAnswer, a
    timeout...) when it cannot be used."""
    deadline = time.monotonic() + settings.GEOCODER_TIMEOUT
    if not pacer.reserve(settings.GEOCODER_MIN_INTERVAL, deadline):
        raise GeocoderBusy("busy")
    left = deadline - time.monotonic()
    if left <= 0:
        raise GeocoderBusy("busy")
    query = {
        "street": place.street_address,
        "city": place.city,
        "county": place.county,
        "state": place.state,
        "postalcode": place.postal_code,
        "country": place.country or "US",
    }
    # geopy turns a missing coordinate into 0 and "abc" into an exception of its
    # own; the raw answer is checked here instead.
    try:
        answers = _nominatim(left).geocode(
            {key: value for key, value in query.items() if value}, exactly_one=False, timeout=left
        )
    except (ValueError, TypeError):
        raise ImplausibleAnswer("coordinates that are not numbers") from None
    # geopy builds each Location from the raw answer, which it also keeps.
    if not answers:
        return None
    near = offline(place).point
    return Located(plausible_point(answers[0].raw, near), PointSource.ADDRESS)


def locate(place) -> Located:
    """A point for `place` from its address, by the configured geocoder."""
    use_network = settings.GEOCODER == "nominatim" and privacy.address_may_leave(place)
    if not use_network:
        return offline(place)
    try:
        found = by_street_address(place)
    except ImplausibleAnswer as error:
        logger.warning("Geocoder answer refused: %s", error)
        return _offline_instead(
            place, f"The geocoder did not give a usable point ({error})",
            "Enter coordinates by hand for a precise one.",
        )  # fmt: skip
    except GeocoderBusy:
        logger.warning("Geocoder skipped: no turn before the deadline")
        return _offline_instead(
            place, "The geocoder did not answer in time (busy with other listings)",
            "Enter coordinates by hand for a precise one.",
        )  # fmt: skip
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

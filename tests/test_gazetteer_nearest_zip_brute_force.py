"""nearest_zip's grid scan agrees with a scan of every ZIP, at random points near
ZIP centroids (dense cities, near ties), over the US and anywhere on Earth."""

from __future__ import annotations

import bisect
import random

import pytest

from shelters import gazetteer
from shelters.geo import Point, great_circle_km


@pytest.fixture(scope="module")
def by_latitude() -> list[tuple[float, gazetteer.ZipPlace]]:
    return sorted((place.point.lat, place) for place in gazetteer.all_places())


def _points(seed: int, places: list[gazetteer.ZipPlace]) -> list[Point]:
    rng = random.Random(seed)
    near_zips = [
        Point(place.point.lat + rng.uniform(-0.3, 0.3), place.point.lon + rng.uniform(-0.3, 0.3))
        for place in rng.sample(places, 300)
    ]
    over_us = [Point(rng.uniform(17.0, 72.0), rng.uniform(-180.0, -64.0)) for _ in range(200)]
    anywhere = [Point(rng.uniform(-90.0, 90.0), rng.uniform(-180.0, 180.0)) for _ in range(100)]
    return near_zips + over_us + anywhere


def _nearest_km(origin: Point, by_latitude, max_km: float) -> float:
    """The distance of the nearest ZIP, scanning every ZIP whose latitude alone does
    not put it beyond `max_km` (or infinity if none lies within it)."""
    reach = max_km / 111.19 + 0.01
    start = bisect.bisect_left(by_latitude, (origin.lat - reach,))
    end = bisect.bisect_right(by_latitude, (origin.lat + reach,))
    distances = [great_circle_km(origin, place.point) for _, place in by_latitude[start:end]]
    nearest = min(distances, default=float("inf"))
    return nearest if nearest <= max_km else float("inf")


@pytest.mark.parametrize("max_km", [20.0, 150.0])
def test_nearest_zip_agrees_with_a_scan_of_every_zip(by_latitude, max_km):
    answered = 0
    for origin in _points(13, [place for _, place in by_latitude]):
        nearest_km = _nearest_km(origin, by_latitude, max_km)
        found = gazetteer.nearest_zip(origin, max_km)
        if found is None:
            assert nearest_km > max_km * 0.999, origin
            continue
        answered += 1
        found_km = great_circle_km(origin, found.point)
        # The grid compares candidates on a local flat projection: the pick is the
        # true nearest, or one no farther than a hair beyond it.
        assert found_km <= nearest_km * 1.001 + 1e-6, (origin, found, nearest_km)
        assert found_km <= max_km
        assert found == gazetteer.lookup_zip(found.zip_code)
    assert answered >= 300

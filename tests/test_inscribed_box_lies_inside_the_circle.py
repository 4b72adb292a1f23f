"""geo.inscribed_box: every point of the box lies within the radius (the radius
count takes "the box holds more than the cap" as "the circle does"), and the box
is not needlessly small, so that a city's centre answers from it."""

from __future__ import annotations

import math

from hypothesis import given, settings
from hypothesis import strategies as st

from shelters.geo import EARTH_RADIUS_KM, Point, great_circle_km, inscribed_box


def box_points(box, steps: int = 6):
    """The corners, the edges' points and an inner grid of the box."""
    (west, east) = box.lon_ranges[0]
    for i in range(steps + 1):
        lat = box.min_lat + (box.max_lat - box.min_lat) * i / steps
        for j in range(steps + 1):
            yield Point(lat, west + (east - west) * j / steps)


@settings(max_examples=400, deadline=None)
@given(
    lat=st.floats(-89.99, 89.99),
    lon=st.floats(-180.0, 180.0),
    radius_km=st.one_of(st.floats(0.001, 500.0), st.floats(500.0, 12000.0)),
)
def test_every_point_of_the_box_is_within_the_radius(lat, lon, radius_km):
    origin = Point(lat, lon)
    box = inscribed_box(origin, radius_km)
    if box is None:
        # Only a circle reaching a pole, or a quarter of the Earth, has none.
        polar = 90 - abs(lat) <= math.degrees(radius_km / EARTH_RADIUS_KM)
        assert polar or radius_km / EARTH_RADIUS_KM >= math.pi / 2
        return
    assert len(box.lon_ranges) == 1
    assert -180.0 <= box.lon_ranges[0][0] <= box.lon_ranges[0][1] <= 180.0
    assert box.contains(origin)
    for point in box_points(box):
        assert great_circle_km(origin, point) < radius_km, (point, radius_km)


@given(lat=st.floats(-60.0, 60.0), lon=st.floats(-170.0, 170.0), radius_km=st.floats(1, 500))
def test_the_box_is_as_large_as_the_bound_allows(lat, lon, radius_km):
    """Half its height is the radius over the square root of two, nearly (the
    square inscribed in a small circle). Its half-width is nearly that too: a
    little less away from the equator, where the bound takes the cosine of the
    box's latitude nearest the equator (at 60 degrees and 500 km, 0.955 of it)."""
    box = inscribed_box(Point(lat, lon), radius_km)
    assert box is not None
    half_height_km = math.radians(box.max_lat - box.min_lat) / 2 * EARTH_RADIUS_KM
    assert half_height_km >= 0.99 * radius_km / math.sqrt(2)
    west, east = box.lon_ranges[0]
    if west > -180.0 and east < 180.0:
        half_width_km = great_circle_km(Point(lat, lon), Point(lat, east))
        assert half_width_km >= 0.95 * radius_km / math.sqrt(2)


def test_new_york_fifty_km():
    box = inscribed_box(Point(40.7, -74.0), 50.0)
    assert box.min_lat < 40.39 and box.max_lat > 41.01
    assert box.lon_ranges[0][0] < -74.41 and box.lon_ranges[0][1] > -73.59

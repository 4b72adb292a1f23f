"""The pure geometry the search relies on."""

import math

from geopy.distance import geodesic, great_circle
from hypothesis import given
from hypothesis import strategies as st

from shelters.geo import EARTH_RADIUS_KM, Point, bounding_box, great_circle_km

latitudes = st.floats(min_value=-90, max_value=90, allow_nan=False)
longitudes = st.floats(min_value=-180, max_value=180, allow_nan=False)
points = st.builds(Point, latitudes, longitudes)


@given(points, points)
def test_distance_matches_geopy_great_circle(a, b):
    expected = great_circle((a.lat, a.lon), (b.lat, b.lon), radius=EARTH_RADIUS_KM).km
    assert great_circle_km(a, b) == pytest_approx(expected)


# US states and Puerto Rico lie between 17 and 72 degrees north. (Near the equator a
# short north-south distance on the sphere differs from the ellipsoid by up to 0.56 %.)
us_points = st.builds(Point, st.floats(17, 72), st.floats(-180, -64))


@given(us_points, us_points)
def test_distance_is_within_half_a_percent_of_geodesic_across_the_us(a, b):
    ellipsoidal = geodesic((a.lat, a.lon), (b.lat, b.lon)).km
    if ellipsoidal > 1e-3:
        assert abs(great_circle_km(a, b) - ellipsoidal) / ellipsoidal < 0.005


def test_antipodal_points_do_not_fail():
    assert great_circle_km(Point(0, 0), Point(0, 180)) == math.pi * EARTH_RADIUS_KM
    assert great_circle_km(Point(90, 0), Point(-90, 0)) == math.pi * EARTH_RADIUS_KM


def test_identical_points_are_zero_apart():
    assert great_circle_km(Point(30.2672, -97.7431), Point(30.2672, -97.7431)) == 0.0


@given(points, points, st.floats(min_value=0.01, max_value=25000))
def test_bounding_box_holds_every_point_within_radius(origin, other, radius_km):
    if great_circle_km(origin, other) <= radius_km:
        assert bounding_box(origin, radius_km).contains(other)


def test_bounding_box_crossing_the_antimeridian_has_two_ranges():
    box = bounding_box(Point(0, 179.9), 100)
    assert len(box.lon_ranges) == 2
    assert box.contains(Point(0, -179.9))
    assert not box.contains(Point(0, 0))


def test_bounding_box_over_a_pole_takes_every_longitude():
    box = bounding_box(Point(89.5, 10), 200)
    assert box.lon_ranges == ((-180.0, 180.0),)
    assert box.contains(Point(89.9, -170))


def pytest_approx(value):
    import pytest

    return pytest.approx(value, rel=1e-9, abs=1e-9)


def test_nearest_zip_matches_a_scan_of_every_zip():
    from shelters import gazetteer

    everything = list(gazetteer._index().by_zip.values())
    for origin in (Point(30.3, -97.7), Point(64.84, -147.72), Point(19.7, -155.1),
                   Point(44.0, -103.0), Point(47.0, -68.5), Point(36.1, -115.2)):  # fmt: skip
        expected = min(everything, key=lambda p: great_circle_km(origin, p.point))
        assert gazetteer.nearest_zip(origin).zip_code == expected.zip_code


def test_nearest_zip_is_none_far_out_at_sea():
    from shelters import gazetteer

    assert gazetteer.nearest_zip(Point(0.0, -140.0)) is None

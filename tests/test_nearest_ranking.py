"""Nearest and radius search return exactly what brute force over the same rows does.

Runs on whichever database the suite runs on (SQLite and PostgreSQL in CI), so the
GiST KNN path and the widening bounding-box path are both held to the same truth.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from shelters.geo import Point, great_circle_km, normalized
from shelters.models import Shelter

from .conftest import bulk_shelters

pytestmark = pytest.mark.django_db

EPSILON_KM = 1e-6
HYPOTHESIS = settings(
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# Points cluster around a few centres, as listings do around cities, and include
# duplicates, poles and both sides of the antimeridian.
centres = st.sampled_from(
    [Point(30.27, -97.74), Point(40.75, -73.99), Point(64.8, -147.7), Point(0, 179.95),
     Point(0, -179.95), Point(89.99, 0), Point(-45, 170)]
)  # fmt: skip


@st.composite
def nearby_points(draw):
    centre = draw(centres)
    spread = draw(st.sampled_from([0.0, 0.01, 0.5, 5.0]))
    lat = draw(st.floats(centre.lat - spread, centre.lat + spread)) if spread else centre.lat
    lon = draw(st.floats(centre.lon - spread, centre.lon + spread)) if spread else centre.lon
    lat = max(-90.0, min(90.0, lat))
    lon = ((lon + 180.0) % 360.0) - 180.0
    return lat, lon


anywhere = st.tuples(st.floats(-90, 90), st.floats(-180, 180))
listing_points = st.lists(st.one_of(nearby_points(), anywhere), min_size=0, max_size=40)
origins = st.one_of(nearby_points(), anywhere).map(lambda p: Point(*p))


def brute_force(shelters, origin, radius_km=None):
    origin = normalized(origin)  # the search takes coordinates to about a centimetre
    ranked = sorted(
        (great_circle_km(origin, s.public_point), s.pk)
        for s in shelters
        if s.public_point is not None
    )
    if radius_km is not None:
        ranked = [(d, pk) for d, pk in ranked if d <= radius_km]
    return ranked


def assert_same_ranking(result, expected, k):
    """Same distances in the same order; the same ids wherever distances are not
    within floating-point noise of each other."""
    expected = expected[:k]
    got = [(s.distance_km, s.pk) for s in result]
    assert len(got) == len(expected)
    for (got_d, got_pk), (exp_d, exp_pk) in zip(got, expected, strict=True):
        assert got_d == pytest.approx(exp_d, abs=EPSILON_KM)
        if got_pk != exp_pk:
            assert abs(great_circle_km_for(got_pk, result) - exp_d) <= EPSILON_KM
    assert got == sorted(got)


def great_circle_km_for(pk, result):
    return next(s.distance_km for s in result if s.pk == pk)


@HYPOTHESIS
@given(points=listing_points, origin=origins, k=st.integers(1, 15))
def test_nearest_matches_brute_force(points, origin, k):
    Shelter.objects.all().delete()
    shelters = bulk_shelters(points)
    result = Shelter.objects.published().nearest(origin, k)
    assert_same_ranking(result, brute_force(shelters, origin), k)


@HYPOTHESIS
@given(
    points=listing_points,
    origin=origins,
    k=st.integers(1, 15),
    radius_km=st.floats(0.001, 500),
)
def test_radius_search_matches_brute_force(points, origin, k, radius_km):
    Shelter.objects.all().delete()
    shelters = bulk_shelters(points)
    result = Shelter.objects.published().nearest(origin, k, radius_km=radius_km)
    expected = brute_force(shelters, origin, radius_km)
    assert all(s.distance_km <= radius_km for s in result)
    # A point within floating-point noise of the circle may fall either side of it.
    on_the_edge = any(abs(d - radius_km) <= EPSILON_KM for d, _pk in expected)
    if not on_the_edge:
        assert_same_ranking(result, expected, k)


@HYPOTHESIS
@given(points=listing_points, origin=origins, k=st.integers(1, 10), pets=st.lists(st.booleans()))
def test_filtered_nearest_matches_brute_force_over_the_filtered_rows(points, origin, k, pets):
    Shelter.objects.all().delete()
    shelters = bulk_shelters(points)
    flags = (pets * (len(shelters) // max(len(pets), 1) + 1))[: len(shelters)] if pets else []
    for shelter, accepts in zip(shelters, flags, strict=False):
        shelter.accepts_pets = accepts
    Shelter.objects.bulk_update(shelters, ["accepts_pets"])
    with_pets = [s for s in shelters if s.accepts_pets]
    result = Shelter.objects.published().filter(accepts_pets=True).nearest(origin, k)
    assert all(s.accepts_pets for s in result)
    assert_same_ranking(result, brute_force(with_pets, origin), k)


def test_within_counts_the_points_inside_the_circle():
    origin = Point(30.2672, -97.7431)
    points = [(30.2672 + i * 0.05, -97.7431) for i in range(20)]  # about 5.56 km apart
    shelters = bulk_shelters(points)
    expected = len(brute_force(shelters, origin, 30))
    assert Shelter.objects.published().within(origin, 30).count() == expected == 6


def test_listings_without_a_point_never_appear_in_distance_search():
    bulk_shelters([(30.0, -97.0)])
    Shelter.objects.create(
        organization=Shelter.objects.get().organization,
        name="No point",
        kind="emergency_shelter",
        status="published",
        city="Nowhere",
        state="TX",
    )
    result = Shelter.objects.published().nearest(Point(30, -97), 10)
    assert [s.name for s in result] == ["Bulk shelter 0"]


def test_ties_are_broken_by_id():
    shelters = bulk_shelters([(10.0, 10.0)] * 5)
    result = Shelter.objects.published().nearest(Point(11, 11), 3)
    assert [s.pk for s in result] == sorted(s.pk for s in shelters)[:3]

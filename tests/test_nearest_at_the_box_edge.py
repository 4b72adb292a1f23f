"""A listing exactly at the searched radius is inside it on both databases.

On PostgreSQL the two-step nearest scan measures the k-th distance and then
fetches by a radius of exactly that distance, through `earth_box`, whose faces lie
at the radius's chord: a listing lying on a face was kept or lost by rounding.
Across the antimeridian, one listing 0.1° of longitude from the origin was lost
(Hypothesis found it; a fresh example database did not always)."""

import pytest

from shelters.geo import Point, great_circle_km
from shelters.models import Shelter

from .conftest import bulk_shelters

pytestmark = pytest.mark.django_db

CASES = [
    ((0.0, 179.95), Point(0.0, -179.95)),
    ((0.0, -179.95), Point(0.0, 179.95)),
    ((30.27, -97.74), Point(30.27, -97.64)),
    ((89.99, 0.0), Point(89.99, 180.0)),
]


@pytest.mark.parametrize(("spot", "origin"), CASES)
def test_the_only_listing_is_found_at_its_own_distance(spot, origin):
    (made,) = bulk_shelters([spot])
    published = Shelter.objects.published()
    distance = great_circle_km(origin, Point(*spot))
    assert [s.pk for s in published.nearest(origin, 1)] == [made.pk]
    assert [s.pk for s in published.nearest(origin, 1, radius_km=distance)] == [made.pk]
    assert published.within(origin, distance).count() == 1

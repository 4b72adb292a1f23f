"""A page further down a distance search ranks its candidates from ids and public
points alone, then loads whole rows for the page: it must be exactly the same
slice of the same ranking as loading every row, ties included."""

from __future__ import annotations

import random

import pytest

from shelters.geo import Point
from shelters.models import Shelter

from .conftest import bulk_shelters

pytestmark = pytest.mark.django_db


def test_a_deep_page_is_the_same_slice_of_the_same_ranking(api):
    rng = random.Random(7)
    # Clusters on a few points make many exact ties, broken by id.
    centres = [(30.27, -97.74), (30.5, -97.6), (29.9, -98.1)]

    def jitter() -> float:
        return rng.choice([0.0, 0.0, rng.uniform(-0.3, 0.3)])

    points = [
        (lat + jitter(), lon + jitter()) for lat, lon in (rng.choice(centres) for _ in range(240))
    ]
    bulk_shelters(points)
    origin = Point(30.3, -97.7)
    published = Shelter.objects.published().select_related("organization")
    whole = [(row.pk, row.distance_km) for row in published.nearest(origin, 200)]
    for skip in (0, 1, 37, 150, 199):
        page = published.nearest(origin, 200, skip=skip)
        assert [(row.pk, row.distance_km) for row in page] == whole[skip:]
        assert all(row.organization.name for row in page)  # whole rows, related rows too
    listed = api.get("/api/v1/shelters/", {"lat": 30.3, "lon": -97.7, "limit": 50, "offset": 150})
    assert [item["id"] for item in listed.json()["results"]] == [pk for pk, _ in whole[150:200]]

"""A located search costs one PostgreSQL round trip once the process is warm, the
page still comes from the KNN index, and whatever the page size.

The page, the capped count, the phone-only shelters and the hotlines' token go to
the database as one query string (shelters.listing_search); the throttle's counter
lives in the cache, not in the database.
"""

from __future__ import annotations

import re

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from shelters.models import Shelter

from .conftest import bulk_shelters, make_hotline, make_medical_service, make_shelter

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="the single statement is PostgreSQL's"
    ),
]

SEARCHES = [
    "/api/v1/shelters/?lat=30.27&lon=-97.74&accepts_pets=true&has_beds=false&limit={n}",
    "/api/v1/shelters/?zip=78701&open_now=true&limit={n}",
    "/api/v1/shelters/?lat=30.27&lon=-97.74&radius_km=50&limit={n}",
    "/api/v1/medical-services/?zip=78701&limit={n}",
    "/api/v1/shelters/?state=TX&city=Nowhere&accepts_pets=true&limit={n}",
]


@pytest.fixture
def directory():
    bulk_shelters([(30.2 + i / 100, -97.7) for i in range(30)], accepts_pets=True, open_24_7=True)
    for n in range(3):
        make_shelter(
            name=f"Hidden {n}", location_disclosure="hidden", accepts_pets=True, open_24_7=True
        )
    make_medical_service(name="Austin clinic")
    make_hotline(name="Texas line", areas=[("TX", "", "")])
    make_hotline(name="National line", coverage="national")


@pytest.mark.parametrize("url", SEARCHES)
def test_a_warm_search_with_filters_hotlines_and_phone_only_is_at_most_two_queries(
    api, directory, url, django_assert_max_num_queries
):
    api.get(url.format(n=5))  # the process loads the hotline directory once
    for n in (1, 10, 100):
        with django_assert_max_num_queries(2):
            response = api.get(url.format(n=n))
        assert response.status_code == 200
    body = response.json()
    assert body["results"]
    located = "lat=" in url or "zip=" in url
    assert bool(body["hotlines"]) == located, "a located search names the covering hotlines"
    if url.startswith("/api/v1/shelters/") and located and "radius_km" not in url:
        assert len(body["phone_only"]) == 3


def test_the_page_is_read_from_the_knn_index(api, directory):
    call_command("seed_synthetic", count=600, seed=3, verbosity=0)
    url = "/api/v1/shelters/?lat=40.7&lon=-74.0&accepts_pets=true&limit=10"
    api.get(url)
    with CaptureQueriesContext(connection) as captured:
        api.get(url)
    (query,) = captured.captured_queries
    (page_statement,) = (s for s in query["sql"].split("; ") if s.startswith("SELECT k.chord"))
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE shelters_shelter")
        cursor.execute("SET LOCAL enable_seqscan = off")  # the test table is small
        cursor.execute("EXPLAIN " + page_statement)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    # Any GiST index of the public point (alone, or after the state, the city or the
    # state and county) can walk it nearest first; on a table this small their
    # costs are close (at a million listings PostgreSQL takes the plain one when no
    # region is named: BENCHMARKS.md).
    assert re.search(
        r"Index Scan using (shelters_shelter_public_earth|shelter_state_earth"
        r"|shelter_city_earth|shelter_county_earth) ",
        plan,
    ), plan
    assert "Order By:" in plan, plan
    assert "Seq Scan on shelters_shelter " not in plan, plan
    assert Shelter.objects.count() > 400


def test_ties_past_the_margin_cost_one_more_round_trip(api, django_assert_num_queries):
    """Forty shelters on one point: the page statement alone runs once more, reading
    further, rather than the whole search falling back to the ORM."""
    bulk_shelters([(30.27, -97.74)] * 40)
    url = "/api/v1/shelters/?lat=30.27&lon=-97.74&limit=5&offset=10"
    api.get(url)
    with django_assert_num_queries(2):
        response = api.get(url)
    ids = sorted(Shelter.objects.values_list("pk", flat=True))
    assert [item["id"] for item in response.json()["results"]] == ids[10:15]

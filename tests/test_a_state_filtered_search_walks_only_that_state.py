"""A nearest search filtered to a state reads that state's listings only, however
far its origin is from the state.

Through the plain KNN index, a search from New York for shelters in California
walked outwards through every listing nearer than California before it found one
(2.5 s at a million listings, stopped by SEARCH_TIME_LIMIT_MS). The (state, point)
GiST indexes of migration 0027 put the state in the index condition.
"""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from shelters.geo import Point, great_circle_km
from shelters.models import MedicalService, Shelter

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="a PostgreSQL plan"),
]

NEW_YORK = Point(40.7, -74.0)
CASES = [
    (Shelter, "/api/v1/shelters/", "shelter_state_earth"),
    (MedicalService, "/api/v1/medical-services/", "medical_state_earth"),
]


@pytest.fixture(autouse=True)
def listings():
    call_command("seed_synthetic", count=600, seed=3, verbosity=0)
    with connection.cursor() as cursor:
        for model, _url, _index in CASES:
            cursor.execute(f"ANALYZE {model._meta.db_table}")


@pytest.mark.parametrize(("model", "url", "index"), CASES)
def test_a_far_states_search_is_a_knn_scan_of_that_state_alone(api, model, url, index):
    query = f"{url}?lat={NEW_YORK.lat}&lon={NEW_YORK.lon}&state=CA"
    api.get(query)
    with CaptureQueriesContext(connection) as captured:
        response = api.get(query)
    assert response.status_code == 200
    (sent,) = captured.captured_queries
    (page,) = (s for s in sent["sql"].split("; ") if s.startswith("SELECT k.chord"))
    with connection.cursor() as cursor:
        # The test table is small: without these, PostgreSQL may read a few dozen
        # rows of the state in bulk and sort them, a plan it would not pick at scale.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_bitmapscan = off")
        cursor.execute("EXPLAIN " + page)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert f"Index Scan using {index} " in plan, plan
    assert "Index Cond: ((state)::text = 'CA'::text)" in plan, plan
    assert "Order By:" in plan, plan

    # And the answer is the state's nearest listings, by brute force.
    in_state = model.objects.published().filter(state="CA", public_latitude__isnull=False)
    ranked = sorted((great_circle_km(NEW_YORK, s.public_point), s.pk) for s in in_state)
    assert len(ranked) > 10
    got = [item["id"] for item in response.json()["results"]]
    assert got == [pk for _distance, pk in ranked[:10]]

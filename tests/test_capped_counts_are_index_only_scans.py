"""A search's capped count is an index-only scan: a nearest search's of the partial
covering index of published, located listings (shelter_located_count,
medical_located_count), for the plain search and the simple filters, and a region
list's of the state/city index, and a radius search's of the GiST point index
(shelter_located_point, medical_located_point). Their predicates and included
columns must keep matching what the filter sets write."""

from __future__ import annotations

import pytest
from django.db import connection, transaction
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext

from shelters.api import filters
from shelters.models import MedicalService, Shelter

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("vacuumed_listings"),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="a PostgreSQL plan"),
]

CASES = [
    (Shelter, filters.ShelterFilterSet, "", "shelter_located_count"),
    (Shelter, filters.ShelterFilterSet, "accepts_pets=true&has_beds=true", "shelter_located_count"),
    (
        Shelter,
        filters.ShelterFilterSet,
        "kind=emergency_shelter&wheelchair_accessible=true&no_id_required=true",
        "shelter_located_count",
    ),
    (MedicalService, filters.MedicalServiceFilterSet, "", "medical_located_count"),
    (MedicalService, filters.MedicalServiceFilterSet, "walk_in=true", "medical_located_count"),
]


def count_plan(model, queryset) -> str:
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")  # the test table is small
        cursor.execute("SET LOCAL enable_bitmapscan = off")
        sql, params = queryset.values("id")[:1001].query.sql_with_params()
        cursor.execute(f"EXPLAIN SELECT count(*) FROM ({sql}) c", params)
        return "\n".join(row[0] for row in cursor.fetchall())


def filtered(model, filterset, query: str):
    published = model.objects.published().order_by("name", "id")
    return filterset(QueryDict(query), queryset=published).qs.order_by()


@pytest.mark.parametrize(("model", "filterset", "query", "index"), CASES)
def test_a_nearest_searchs_capped_count_is_an_index_only_scan(model, filterset, query, index):
    located = filtered(model, filterset, query).filter(public_latitude__isnull=False)
    plan = count_plan(model, located)
    assert f"Index Only Scan using {index}" in plan, plan


@pytest.mark.parametrize(
    ("model", "filterset", "index"),
    [
        (Shelter, filters.ShelterFilterSet, "shelter_city_name"),
        (MedicalService, filters.MedicalServiceFilterSet, "medical_city_name"),
    ],
)
def test_a_city_lists_capped_count_is_an_index_only_scan(model, filterset, index):
    plan = count_plan(model, filtered(model, filterset, "state=TX&city=Houston"))
    assert f"Index Only Scan using {index}" in plan, plan


RADIUS_CASES = [
    ("/api/v1/shelters/?lat=40.7&lon=-74.0&radius_km=50", "shelter_located_point"),
    (
        "/api/v1/shelters/?lat=40.7&lon=-74.0&radius_km=50&accepts_pets=true&has_beds=true",
        "shelter_located_point",
    ),
    ("/api/v1/medical-services/?lat=40.7&lon=-74.0&radius_km=50", "medical_located_point"),
]


@pytest.mark.parametrize(("url", "index"), RADIUS_CASES)
def test_a_radius_searchs_capped_count_reads_boxes_from_the_point_index_alone(api, url, index):
    """Both boxes of the radius count (the one inside the circle, the circle's
    bounding box) are index-only scans of the GiST point index. (Its last resort,
    the 1,001 nearest, is the KNN index at scale; on a table this small PostgreSQL
    may sort the point index's rows instead.)"""
    with CaptureQueriesContext(connection) as captured:
        assert api.get(url).status_code == 200
    # The first query string holds the count (a second, if any, re-reads the page).
    sent = captured.captured_queries[0]
    (count,) = (s for s in sent["sql"].split("; ") if s.startswith("WITH box AS"))
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")  # the test table is small
        cursor.execute("SET LOCAL enable_bitmapscan = off")
        cursor.execute("EXPLAIN " + count)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    box, inner = plan.split("CTE Scan on box", 1)[0].split("InitPlan", 1)
    assert f"Index Only Scan using {index}" in box, plan
    assert f"Index Only Scan using {index}" in inner, plan
    assert "Seq Scan" not in plan, plan

"""A nearest search filtered to a city or a county reads that region through its
own indexes, wherever the origin is.

Before them, from New York: the page for `city=Houston` walked the plain KNN index
outwards through every listing nearer than Houston (a 503 at the time limit, at a
million listings), and the page for `state=TX&county=Harris` all of Texas nearer
than Harris County (100 ms); the capped counts for a city without its state, or for a
county, read the table (5 to 170 ms); and the phone-only shelters of a city search
read every listing of the city through the city index to find none (hidden
shelters have no public city), 100 ms for New York. Each statement the search
sends is planned here on the test's own small table, with sequential scans
discouraged as the table is small."""

from __future__ import annotations

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("vacuumed_listings"),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL plans"),
]

FAR_FROM_HOUSTON = "lat=40.7&lon=-74.0"


def plans(api, url: str) -> dict[str, str]:
    """The plan of each statement the search at `url` sends, by its kind."""
    with CaptureQueriesContext(connection) as captured:
        assert api.get(url).status_code == 200
    statements = captured.captured_queries[0]["sql"].split("; ")
    kinds = {
        "page": "SELECT k.chord",
        "count": "SELECT count(*)",
        "phone-only": "SELECT NULL, NULL, NULL",
    }
    found = {}
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")  # the test table is small
        cursor.execute("SET LOCAL enable_bitmapscan = off")
        for statement in statements:
            for kind, start in kinds.items():
                if statement.startswith(start):
                    cursor.execute("EXPLAIN " + statement)
                    found[kind] = "\n".join(row[0] for row in cursor.fetchall())
    return found


LISTINGS = [("/api/v1/shelters/", "shelter", True), ("/api/v1/medical-services/", "medical", False)]
# Each region filter, and the indexes its page and count are read from. The
# county filter is one equality on the folded county (public_county_key), which the
# (state, county, point) index takes with the nearest-first order.
REGIONS = [("city=Houston", "city"), ("state=TX&county=Harris", "county")]


@pytest.mark.parametrize(("path", "prefix", "phone_only"), LISTINGS)
@pytest.mark.parametrize(("region", "index"), REGIONS)
def test_a_region_search_from_far_away_walks_the_regions_own_index(
    api, path, prefix, phone_only, region, index
):
    found = plans(api, f"{path}?{FAR_FROM_HOUSTON}&{region}")
    assert f"Index Scan using {prefix}_{index}_earth" in found["page"], found["page"]
    assert "Order By" in found["page"], found["page"]  # a KNN scan, not a sort of the region
    assert f"Index Only Scan using {prefix}_{index}_count" in found["count"], found["count"]
    assert ("phone-only" in found) is phone_only
    for plan in found.values():
        assert "Seq Scan" not in plan, plan


@pytest.mark.parametrize(
    "filters", ["city=Houston&state=TX", "state=TX&county=Harris", "accepts_pets=true"]
)
def test_a_searchs_phone_only_shelters_are_read_from_their_own_index(api, filters):
    found = plans(api, f"/api/v1/shelters/?lat=29.76&lon=-95.37&{filters}")
    assert "Index Only Scan using shelter_phone_only" in found["phone-only"], found["phone-only"]
    assert "shelter_city_name" not in found["phone-only"], found["phone-only"]

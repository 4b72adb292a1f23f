"""On SQLite a search runs raw statements, compiling no ORM query: compiling
(as_sql, filters, prefetches) cost several times what SQLite takes to run the
statements. Its filters are compiled once, into a WHERE clause.

The statements: one per bounding box tried for the nearest page (the box grows
until it holds the page), the page's rows with their parts, the capped count,
the phone-only shelters and the hotlines' token. A radius search counts inside
the radius's box instead.
"""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.models.sql.compiler import SQLCompiler
from django.test.utils import CaptureQueriesContext

from shelters import listing_search
from shelters.coverage import Area
from shelters.geo import Point
from shelters.models import Shelter

from .conftest import bulk_shelters, make_shelter

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's search path"),
]

AUSTIN = Point(30.27, -97.74)


@pytest.fixture
def directory():
    # Near the origin, so the first box (search.INITIAL_RADIUS_KM) holds the page.
    bulk_shelters([(30.27 + i / 1000, -97.74) for i in range(20)], accepts_pets=True)
    for n in range(3):
        make_shelter(name=f"Hidden {n}", location_disclosure="hidden", accepts_pets=True)


@pytest.fixture
def compiled(monkeypatch):
    """The ORM queries compiled while the test runs."""
    calls = []
    as_sql = SQLCompiler.as_sql

    def counted(self, *args, **kwargs):
        calls.append(self.query.model)
        return as_sql(self, *args, **kwargs)

    monkeypatch.setattr(SQLCompiler, "as_sql", counted)
    return calls


@pytest.mark.parametrize(
    ("origin", "radius_km", "statements"),
    [
        (AUSTIN, None, 5),  # one box, page, count, phone-only, token
        (AUSTIN, 50.0, 5),  # one box, page, the radius's box counted, phone-only, token
        (None, None, 4),  # a region's list: page, count, phone-only, token
    ],
)
def test_a_search_runs_raw_statements_only(directory, compiled, origin, radius_km, statements):
    queryset = (
        Shelter.objects.published()
        .filter(accepts_pets=True)
        .select_related("organization")
        .order_by("name", "id")
    )
    with CaptureQueriesContext(connection) as queries:
        found = listing_search.search(
            queryset,
            origin=origin,
            radius_km=radius_km,
            limit=10,
            offset=0,
            count_cap=1000,
            area=Area("TX"),
            phone_only=True,
        )
    assert len(found.page.items) == 10
    assert found.page.count == (20 if origin else 23)  # a region list counts hidden ones
    assert len(found.phone_only) == 3
    assert compiled == []
    assert len(queries.captured_queries) == statements

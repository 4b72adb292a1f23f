"""A spreadsheet preview's cost per row is bounded in queries: a state-wide file
(1,500 rows) must preview within a worker's 30 s, and on a busy database every
query a row costs milliseconds. Each row still reads what only it can tell (its
organisation exists, its bed reporter exists, its check constraints in one query,
its HSDS id is unique); the file's listings, its organisations and the advocate's
own role and organisations are read once per import."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from shelters.models import Shelter

from .conftest import bulk_shelters
from .spreadsheet_files import as_csv

pytestmark = pytest.mark.django_db

# 3 now (organisation exists, bed reporter exists, check constraints); 17 before
# (seven of them the check constraints, one each, and four the advocate's role).
QUERIES_A_ROW = 4


def preview_queries(client, organization, rows: int) -> int:
    shelters = bulk_shelters([(30 + i / 1000, -97 - i / 1000) for i in range(rows)],
                             organization=organization, location_disclosure="area",
                             beds_total=10, beds_available=2)  # fmt: skip
    file = as_csv([
        {"id": s.pk, "organization": organization.pk, "name": f"Renamed {i}",
         "kind": "emergency_shelter", "status": "published", "location_disclosure": "area",
         "city": "Nowhere", "state": "TX", "beds_total": 10, "beds_available": 3}
        for i, s in enumerate(shelters)
    ])  # fmt: skip
    with CaptureQueriesContext(connection) as queries:
        response = client.post("/admin/shelters/shelter/import/",
                               {"import_file": SimpleUploadedFile("state.csv", file),
                                "format": "0", "resource": "0"})  # fmt: skip
    result = response.context["result"]
    assert not result.has_errors() and not result.has_validation_errors()
    Shelter.objects.filter(pk__in=[s.pk for s in shelters]).delete()
    # Savepoints are there only because the test runs inside a transaction; the
    # admin's preview opens none.
    return sum(1 for q in queries.captured_queries
               if not q["sql"].startswith(("SAVEPOINT", "RELEASE SAVEPOINT")))  # fmt: skip


def test_a_previewed_row_costs_a_few_queries(cast, client):
    client.force_login(cast["advocate"])
    few, many = (preview_queries(client, cast["ours"], rows) for rows in (10, 40))
    assert (many - few) / 30 <= QUERIES_A_ROW, (few, many)


def test_an_unreadable_id_fails_its_own_row_only(cast, client):
    client.force_login(cast["advocate"])
    (shelter,) = bulk_shelters([(30.0, -97.0)], organization=cast["ours"],
                               location_disclosure="area")  # fmt: skip
    rows = [{"id": value, "organization": cast["ours"].pk, "name": "Renamed",
             "kind": "emergency_shelter", "status": "published", "location_disclosure": "area",
             "city": "Nowhere", "state": "TX"} for value in (shelter.pk, "abc")]  # fmt: skip
    response = client.post("/admin/shelters/shelter/import/",
                           {"import_file": SimpleUploadedFile("state.csv", as_csv(rows)),
                            "format": "0", "resource": "0"})  # fmt: skip
    assert response.status_code == 200
    result = response.context["result"]
    assert result.has_errors() or result.has_validation_errors()
    assert [row.import_type for row in result.rows][:1] == ["update"]

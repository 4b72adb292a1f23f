"""An import reads a service's `last_modified` and a bed capacity's `updated` with
any offset Python reads and stores them in UTC (PostgreSQL refuses offsets past
±15:59); one that falls outside years 1 to 9999 in UTC, or has no time zone, refuses
that record with a reason naming the field, and nothing of it is written."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
from django.core.management import CommandError

from shelters.models import Shelter

from . import hsds_packages
from .conftest import run_import_hsds

pytestmark = pytest.mark.django_db


def imported(tmp_path, report=None, **fields) -> str:
    package = hsds_packages.package(1)
    service = package["services"][0]
    for name, value in fields.items():
        if name == "updated":
            service["capacities"][0]["updated"] = value
        else:
            service[name] = value
    path = tmp_path / "package.json"
    path.write_text(json.dumps(package))
    options = {"report_json": str(report)} if report else {}
    return run_import_hsds(path, type="shelter", publish=True, **options)


def test_wide_offsets_are_stored_as_the_same_moment_in_utc(importer, tmp_path):
    imported(
        tmp_path, last_modified="2024-06-02T05:02:00+17:02", updated="2026-11-29T18:01:00-17:59"
    )
    shelter = Shelter.objects.get()
    assert shelter.public_updated_at == datetime(2024, 6, 1, 12, 0, tzinfo=UTC)
    assert shelter.beds_updated_at == datetime(2026, 11, 30, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("last_modified", "0001-01-01T00:00:00+05:00"),
        ("last_modified", "2024-06-01T12:00:00"),
        ("updated", "0001-01-01T00:00:00+05:00"),
        ("updated", "2026-11-30T12:00:00"),
        ("updated", "not a date"),
    ],
)
def test_a_moment_outside_utcs_years_or_without_a_zone_refuses_the_record(
    importer, tmp_path, field, value
):
    report = tmp_path / "report.json"
    with pytest.raises(CommandError, match="1 of 1 records refused"):
        imported(tmp_path, report, **{field: value})
    assert not Shelter.objects.exists()
    (outcome,) = json.loads(report.read_text())["outcomes"]
    # The schema's date-time format refuses a moment without a zone; the import
    # itself one that only UTC puts out of range. Either way the reason names both.
    assert field in outcome["reason"] and repr(value) in outcome["reason"], outcome

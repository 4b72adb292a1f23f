"""An HSDS import never resets or backdates a stored listing's verification: the
date is set by the verify action, with the verifier's name beside it, and a file's
`assured_date` would change it with no name at all. A new listing takes the file's
date as where the directory starts."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from shelters.models import Shelter

from .conftest import make_shelter, run_import_hsds

pytestmark = pytest.mark.django_db

VERIFIED_ON = date(2026, 11, 20)


def exported_with_assured_date(tmp_path, assured: date) -> str:
    path = tmp_path / "export.json"
    call_command("export_hsds", str(path))
    package = json.loads(path.read_text())
    for service in package["services"]:
        service["assured_date"] = assured.isoformat()
    path.write_text(json.dumps(package))
    return str(path)


@pytest.mark.parametrize("days", [0, -400])  # reset to today, backdated a year
def test_a_stored_listings_verification_stays(importer, tmp_path, days):
    shelter = make_shelter(name="Verified shelter", last_verified=VERIFIED_ON,
                           last_verified_by=importer)  # fmt: skip
    assured = timezone.localdate() + timedelta(days=days)
    printed = run_import_hsds(exported_with_assured_date(tmp_path, assured))
    shelter.refresh_from_db()
    assert (shelter.last_verified, shelter.last_verified_by) == (VERIFIED_ON, importer)
    assert "assured_date not kept" in printed


def test_a_new_listing_starts_from_the_files_date(importer, tmp_path):
    make_shelter(name="Verified shelter", last_verified=VERIFIED_ON)
    path = exported_with_assured_date(tmp_path, date(2026, 10, 1))
    Shelter.objects.all().delete()
    run_import_hsds(path)
    assert Shelter.objects.get().last_verified == date(2026, 10, 1)

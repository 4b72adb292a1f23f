"""Our own export comes back as it left: into an empty database it exports the
same again, and into the database it came from it changes no row at all."""

from __future__ import annotations

import io
import json
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from shelters.models import Hotline, MedicalService, Organization, Shelter

from .conftest import make_hotline, make_medical_service, make_shelter, run_import_hsds

pytestmark = pytest.mark.django_db


@pytest.fixture
def directory(importer):
    now = timezone.now()
    make_shelter(name="Public shelter", address_publication_authorized_by="Director",
                 hours=[(0, (9, 0), (17, 0)), (4, (9, 0), (12, 0))], languages=["en", "es"],
                 beds_total=10, beds_available=4, beds_updated_at=now)  # fmt: skip
    make_shelter(name="Area shelter", location_disclosure="area", beds_total=5,
                 beds_available=1, beds_updated_at=now - timedelta(days=3))  # fmt: skip
    make_shelter(name="Hidden shelter", location_disclosure="hidden")
    make_medical_service(name="Clinic")
    make_hotline(name="Regional line", areas=[("TX", "Travis County", ""), ("TX", "", "78701")],
                 channels=[("voice", "512-555-0142"), ("text", "55501"), ("chat", "")])  # fmt: skip
    make_hotline(name="National line")


def exported(tmp_path, name: str) -> dict:
    path = tmp_path / name
    call_command("export_hsds", str(path), stderr=io.StringIO())
    package = json.loads(path.read_text())
    package.pop("generated_at")
    return package


def listing_rows() -> str:
    out = io.StringIO()
    call_command("dumpdata", "shelters", stdout=out)
    return out.getvalue()


def test_export_import_into_an_empty_database_exports_the_same(directory, tmp_path):
    first = exported(tmp_path, "first.json")
    for model in (Shelter, MedicalService, Hotline, Organization):
        model.objects.all().delete()
    run_import_hsds(tmp_path / "first.json", publish=True,
                    publication_authorized_by="Coalition director")  # fmt: skip
    # last_modified included: a new listing's public updated_at is the file's.
    assert all(service["last_modified"] for service in first["services"])
    assert exported(tmp_path, "second.json") == first


def test_export_imported_into_its_own_database_changes_no_row(directory, tmp_path):
    exported(tmp_path, "first.json")
    before = listing_rows()
    printed = run_import_hsds(tmp_path / "first.json", publish=True)
    assert "6 unchanged" in printed
    assert listing_rows() == before

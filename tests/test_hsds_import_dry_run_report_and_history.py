"""--dry-run reports everything and writes nothing; the report is also JSON; new
listings arrive as drafts; every row written names the acting user and the file
in the change history."""

from __future__ import annotations

import json

import pytest

from shelters.models import Organization, Shelter

from .conftest import run_import_hsds
from .test_hsds_import_hostile_files import service

pytestmark = pytest.mark.django_db


@pytest.fixture
def path(tmp_path):
    path = tmp_path / "feed.json"
    path.write_text(json.dumps([service(1), service(2)]))
    return path


def test_a_dry_run_prints_the_full_report_and_writes_nothing(importer, path):
    printed = run_import_hsds(path, type="shelter", dry_run=True)
    assert (
        "feed.json[0]: 0b7d3c1e-9a01-4a55-8f7e-6f1c1b8e2a01 'Harbor 1' shelter: created" in printed
    )
    assert "Dry run: nothing was written." in printed
    assert not Shelter.objects.exists() and not Organization.objects.exists()


def test_the_report_is_available_as_json(importer, path):
    report = json.loads(run_import_hsds(path, type="shelter", format="json"))
    assert report["counts"] == {"created": 2}
    assert report["acting_user"] == "importer"
    assert [o["name"] for o in report["outcomes"]] == ["Harbor 1", "Harbor 2"]


def test_new_listings_arrive_as_drafts_unless_published(importer, path):
    run_import_hsds(path, type="shelter")
    assert set(Shelter.objects.values_list("status", flat=True)) == {"draft"}


def test_the_change_history_names_the_import_its_file_and_user(importer, path):
    run_import_hsds(path, type="shelter")
    shelter = Shelter.objects.get(name="Harbor 1")
    [created] = shelter.history.all()
    assert created.history_user == importer
    assert created.history_change_reason == "HSDS import of feed.json by importer"
    [phone] = shelter.phones.get().history.all()
    assert phone.history_change_reason == "HSDS import of feed.json by importer"

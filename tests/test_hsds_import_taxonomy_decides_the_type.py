"""Which kind of listing a service from elsewhere becomes: our own listing_type
attribute, else --type, else taxonomy terms (shelters.hsds.mapping.TYPE_TERMS);
a service nothing marks is refused with a request for --type."""

from __future__ import annotations

import json

import pytest
from django.core.management import CommandError

from shelters.models import Hotline, MedicalService, Shelter

from .conftest import run_import_hsds
from .test_hsds_import_hostile_files import service

pytestmark = pytest.mark.django_db


def termed(number: int, code: str, name: str, **fields) -> dict:
    term = {"id": f"1b7d3c1e-9a01-4a55-8f7e-6f1c1b8e2a{number:02d}", "code": code, "name": name,
            "taxonomy": "AIRS", "description": name}  # fmt: skip
    attribute = {"id": f"2b7d3c1e-9a01-4a55-8f7e-6f1c1b8e2a{number:02d}",
                 "taxonomy_term_id": term["id"], "taxonomy_term": term, "value": ""}  # fmt: skip
    return service(number, attributes=[attribute], **fields)


def test_terms_mark_shelters_hotlines_and_medical_services(importer, tmp_path):
    texas = [{"id": "3b7d3c1e-9a01-4a55-8f7e-6f1c1b8e2a00", "name": "TX"}]
    path = tmp_path / "feed.json"
    path.write_text(json.dumps([
        termed(1, "BH-1800.8500", "Domestic Violence Shelters"),
        termed(2, "RP-1500.1400-200", "Domestic Violence Hotlines", service_areas=texas),
        termed(3, "LN-8000", "Sexual Assault Forensic Exam Programs"),
    ]))  # fmt: skip
    run_import_hsds(path)
    assert Shelter.objects.get().name == "Harbor 1"
    assert Hotline.objects.get().name == "Harbor 2"
    medical = MedicalService.objects.get()
    assert (medical.name, medical.kind) == ("Harbor 3", "forensic_exam_program")


def test_a_service_no_term_marks_is_refused_asking_for_type(importer, tmp_path):
    path = tmp_path / "feed.json"
    path.write_text(json.dumps([termed(1, "PH-2360", "Food Pantries")]))
    report = tmp_path / "report.json"
    with pytest.raises(CommandError, match="1 of 1 records refused"):
        run_import_hsds(path, report_json=str(report))
    [outcome] = json.loads(report.read_text())["outcomes"]
    assert outcome["reason"].startswith("no taxonomy term says whether it is a shelter")
    assert outcome["reason"].endswith("import it with --type")
    assert not Shelter.objects.exists()

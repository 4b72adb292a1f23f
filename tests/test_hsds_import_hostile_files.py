"""Hostile files end with a clear error naming the record (or the file), within
bounded memory and time, and nothing written: malformed JSON, wrong types,
duplicate ids, a 50 MB file, deeply nested JSON, 10,000 phones on one record."""

from __future__ import annotations

import json

import pytest
from django.core.management import CommandError

from shelters.models import Organization, Shelter

from .conftest import run_import_hsds

pytestmark = pytest.mark.django_db
ORG = {"id": "6f1c1b8e-2a43-4a55-8f7e-0b7d3c1e9a01", "name": "Harbor Org", "description": ""}


def service(number: int, **fields) -> dict:
    document = {
        "id": f"0b7d3c1e-9a01-4a55-8f7e-6f1c1b8e2a{number:02d}",
        "name": f"Harbor {number}",
        "status": "active",
        "organization": ORG,
        "phones": [{"id": "0b7d3c1e-9a01-4a55-8f7e-6f1c1b8e2b00", "number": "512-555-0100"}],
        "service_at_locations": [{"id": "0b7d3c1e-9a01-4a55-8f7e-6f1c1b8e2c00", "location": {
            "id": "0b7d3c1e-9a01-4a55-8f7e-6f1c1b8e2d00", "location_type": "physical",
            "latitude": 30.27, "longitude": -97.74,
            "addresses": [{"id": "0b7d3c1e-9a01-4a55-8f7e-6f1c1b8e2e00", "address_1": "1 Main",
                           "city": "Austin", "region": "", "state_province": "TX",
                           "postal_code": "78701", "country": "US",
                           "address_type": "physical"}]}}],
    }  # fmt: skip
    document.update(fields)
    return document


def nothing_written() -> bool:
    return not Shelter.objects.exists() and not Organization.objects.exists()


def refused(tmp_path, text: str, match: str, report=None) -> None:
    path = tmp_path / "hostile.json"
    path.write_text(text)
    with pytest.raises(CommandError, match=match):
        run_import_hsds(path, type="shelter", **({"report_json": str(report)} if report else {}))
    assert nothing_written()


def test_a_good_file_loads(importer, tmp_path):
    path = tmp_path / "good.json"
    path.write_text(json.dumps([service(1), service(2)]))
    run_import_hsds(path, type="shelter")
    assert Shelter.objects.count() == 2


def test_malformed_json_names_the_line(importer, tmp_path):
    refused(tmp_path, '[{"id": "x",\n "name": }]', r"not valid JSON \(Expecting value at line 2")


def test_malformed_ndjson_names_the_record_line(importer, tmp_path):
    text = json.dumps(service(1)) + "\n" + json.dumps(service(2))[:-5] + "\n"
    refused(tmp_path, text, r"hostile.json line 2: not valid JSON")


def test_wrong_types_name_the_record(importer, tmp_path):
    report = tmp_path / "report.json"
    refused(tmp_path, json.dumps([service(1), service(2, phones="512-555-0100")]),
            "1 of 2 records refused", report)  # fmt: skip
    outcomes = json.loads(report.read_text())["outcomes"]
    assert outcomes[1]["name"] == "Harbor 2" and outcomes[1]["action"] == "refused"
    assert "phones" in outcomes[1]["reason"] and "not of type 'array'" in outcomes[1]["reason"]
    refused(tmp_path, "42", "found a JSON int")


def test_duplicate_ids_are_an_error_naming_the_id(importer, tmp_path):
    report = tmp_path / "report.json"
    refused(tmp_path, json.dumps([service(1), service(1, name="Again")]), "refused", report)
    outcomes = json.loads(report.read_text())["outcomes"]
    assert outcomes[1]["reason"] == f"duplicate id {service(1)['id']}: also at hostile.json[0]"


def test_a_50_mb_file_is_refused_by_the_size_limit_unread(importer, tmp_path):
    path = tmp_path / "big.json"
    with path.open("w") as big:
        big.write("[" + " " * 50_000_000 + "]")
    with pytest.raises(CommandError, match=r"big.json is 50.0 MB; an import reads at most 20.0 MB"):
        run_import_hsds(path)
    assert nothing_written()


def test_deeply_nested_json_is_a_clear_error(importer, tmp_path):
    refused(tmp_path, "[" * 100_000 + "]" * 100_000, "nested too deeply")


def test_ten_thousand_phones_are_refused_for_that_record(importer, tmp_path):
    phone = service(1)["phones"][0]
    report = tmp_path / "report.json"
    refused(tmp_path, json.dumps([service(1, phones=[phone] * 10_000), service(2)]),
            "1 of 2 records refused", report)  # fmt: skip
    first = json.loads(report.read_text())["outcomes"][0]
    assert (first["name"], first["reason"]) == ("Harbor 1", "10000 phones; at most 50 are accepted")

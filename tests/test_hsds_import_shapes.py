"""import_hsds takes what publishers publish and says which shape it found: a
single service or organisation, an API page, a bare array, NDJSON, our package
and a folder of JSON files."""

from __future__ import annotations

import json

import pytest

from shelters.models import Shelter

from .conftest import run_import_hsds
from .test_hsds_import_hostile_files import ORG, service

pytestmark = pytest.mark.django_db
ORGANISATION = {**ORG, "website": "https://harbor.example.org"}


def organisation_file() -> dict:
    services = [service(1), service(2)]
    for document in services:
        document.pop("organization")
    return {**ORGANISATION, "services": services}


SHAPES = {
    "a single HSDS service": lambda: json.dumps(service(1)),
    "a single HSDS organisation with its services": lambda: json.dumps(organisation_file()),
    "an HSDS API page (contents)": lambda: json.dumps(
        {"total_items": 2, "page_number": 1, "contents": [service(1), service(2)]}
    ),
    "a JSON array of services": lambda: json.dumps([service(1), service(2)]),
    "newline-delimited JSON, one service a line": lambda: "\n".join(
        json.dumps(service(n)) for n in (1, 2)
    ),
    'a package of services ({"services": [...]})': lambda: json.dumps(
        {"organizations": [ORG], "services": [service(1), service(2)]}
    ),
}


@pytest.mark.parametrize("described", SHAPES)
def test_each_shape_is_detected_and_loaded(importer, tmp_path, described):
    path = tmp_path / "input.json"
    path.write_text(SHAPES[described]())
    printed = run_import_hsds(path, type="shelter")
    assert f"Source: input.json ({described})" in printed
    expected = 1 if described == "a single HSDS service" else 2
    assert Shelter.objects.count() == expected
    assert set(Shelter.objects.values_list("organization__name", flat=True)) == {"Harbor Org"}


def test_a_folder_of_files_is_read_file_by_file(importer, tmp_path):
    (tmp_path / "a.json").write_text(json.dumps(service(1)))
    (tmp_path / "b.ndjson").write_text(json.dumps(service(2)) + "\n" + json.dumps(service(3)))
    printed = run_import_hsds(tmp_path, type="shelter")
    assert "(a folder of JSON files (a.json: a single HSDS service; b.ndjson: " in printed
    assert Shelter.objects.count() == 3

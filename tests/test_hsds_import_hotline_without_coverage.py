"""A hotline whose file says nothing about where it answers does not silently
become national: it is refused unless the importer says --coverage national."""

from __future__ import annotations

import json

import pytest
from django.core.management import CommandError

from shelters.models import Hotline

from .conftest import run_import_hsds
from .test_hsds_import_hostile_files import service

pytestmark = pytest.mark.django_db


def hotline(**fields) -> dict:
    document = service(1, **fields)
    document.pop("service_at_locations")
    return document


def test_a_hotline_without_areas_is_refused(importer, tmp_path):
    path = tmp_path / "line.json"
    path.write_text(json.dumps(hotline()))
    with pytest.raises(CommandError, match="1 of 1 records refused"):
        run_import_hsds(path, type="hotline")
    assert not Hotline.objects.exists()


def test_national_coverage_is_taken_only_when_asked(importer, tmp_path):
    path = tmp_path / "line.json"
    path.write_text(json.dumps(hotline()))
    run_import_hsds(path, type="hotline", coverage="national")
    assert Hotline.objects.get().coverage == "national"


def test_state_county_and_zip_areas_make_it_regional(importer, tmp_path):
    areas = [{"id": f"0b7d3c1e-9a01-4a55-8f7e-6f1c1b8e2f0{n}", "name": name}
             for n, name in enumerate(["Oklahoma", "Travis County, TX", "78701"])]  # fmt: skip
    path = tmp_path / "line.json"
    path.write_text(json.dumps(hotline(service_areas=areas)))
    run_import_hsds(path, type="hotline")
    line = Hotline.objects.get()
    assert line.coverage == "regional"
    assert sorted(line.areas.values_list("state", "county", "postal_code")) == [
        ("OK", "", ""), ("TX", "", "78701"), ("TX", "Travis County", "")]  # fmt: skip

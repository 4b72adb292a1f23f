"""Hotlines come in one order on every surface, and a re-import of an unchanged
HSDS file changes nothing, on a PostgreSQL database whose collation is a
language's (docker-compose's postgres image defaults to en_US.utf8), where names
sort as "abuse help line", "Safe Haven Line", "Zeta Line" and Python's code-point
order puts "Zeta Line" first.

PostgreSQL only: the test gives the name and county columns an ICU collation for
the length of its transaction (this machine's databases are C.UTF-8)."""

from __future__ import annotations

import json

import pytest
from django.db import connection

from shelters import coverage, gazetteer, hotline_directory, public, selectors
from shelters.models import HotlineArea

from .conftest import make_hotline, run_import_hsds
from .test_hsds_import_hotline_without_coverage import hotline as hsds_hotline

pytestmark = pytest.mark.django_db

NAMES = ["Safe Haven Line", "SafeHarbor Line", "abuse help line", "Zeta Line"]


@pytest.fixture
def language_collation():
    if connection.vendor != "postgresql":
        pytest.skip("collations are PostgreSQL's")
    with connection.cursor() as cursor:
        cursor.execute(
            'ALTER TABLE shelters_hotline ALTER COLUMN name TYPE varchar(200) COLLATE "en-US-x-icu"'
        )
        cursor.execute(
            "ALTER TABLE shelters_hotlinearea "
            'ALTER COLUMN county TYPE varchar(100) COLLATE "en-US-x-icu"'
        )
        cursor.execute("SELECT 'Zeta Line' < 'abuse help line' COLLATE \"en-US-x-icu\"")
        assert cursor.fetchone() == (False,)  # the collation orders as a language does


def test_every_surface_lists_covering_hotlines_in_one_order(language_collation, api):
    for name in NAMES:
        make_hotline(name=name, areas=[("TX", "", "")])
    area = coverage.area_for(zip_place=gazetteer.lookup_zip("78701"))
    in_sql = [
        public.hotline(h)["name"]
        for h in coverage.hotlines_covering(selectors.public_hotlines(), area)
    ]
    in_python = [h["name"] for h in hotline_directory.for_area(area)]
    assert in_sql == in_python == ["abuse help line", "Safe Haven Line", "SafeHarbor Line",
                                   "Zeta Line"]  # fmt: skip
    hotline_list = api.get("/api/v1/hotlines/", {"zip": "78701"}).json()["results"]
    beside_shelters = api.get("/api/v1/shelters/", {"zip": "78701"}).json()["hotlines"]
    assert [h["name"] for h in hotline_list] == [h["name"] for h in beside_shelters] == in_sql


def test_reimporting_an_unchanged_hotline_keeps_its_areas(language_collation, importer, tmp_path):
    areas = [{"id": f"0b7d3c1e-9a01-4a55-8f7e-6f1c1b8e2f0{n}", "name": name}
             for n, name in enumerate(["Harris County, TX", "anderson County, TX"])]  # fmt: skip
    path = tmp_path / "line.json"
    path.write_text(json.dumps(hsds_hotline(service_areas=areas)))
    run_import_hsds(path, type="hotline")
    first = sorted(HotlineArea.objects.values_list("id", "county"))
    printed = run_import_hsds(path, type="hotline")
    assert sorted(HotlineArea.objects.values_list("id", "county")) == first
    assert HotlineArea.history.count() == 2, printed

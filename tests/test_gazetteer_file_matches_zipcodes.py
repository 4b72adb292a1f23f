"""The gazetteer's packed file holds every ZIP of the `zipcodes` package exactly:
a file freshly built from the package, read through the public functions, gives
back each row's centroid, city, county, state, zone and delivery type."""

from __future__ import annotations

from zoneinfo import available_timezones

import pytest
import zipcodes

from shelters import gazetteer
from shelters.geo import Point


@pytest.fixture
def fresh_file(tmp_path, settings):
    settings.GAZETTEER_DIR = tmp_path
    gazetteer._reset()
    yield tmp_path / gazetteer.file_name()
    gazetteer._reset()


def test_every_zip_of_the_package_reads_back_exactly(fresh_file):
    zones = available_timezones()
    expected_zips = []
    for row in zipcodes.filter_by():
        place = gazetteer.lookup_zip(row["zip_code"])
        point = Point(float(row["lat"]), float(row["long"]))
        if row["state"] in {"AA", "AE", "AP"} or point == (0.0, 0.0):
            assert place is None, row["zip_code"]
            continue
        expected_zips.append(row["zip_code"])
        assert place == gazetteer.ZipPlace(
            zip_code=row["zip_code"],
            point=point,
            city=row["city"].title(),
            county=row["county"] or "",
            state=row["state"],
            timezone=row["timezone"] if row["timezone"] in zones else "",
            delivers_to_streets=row["zip_code_type"] == "STANDARD",
        ), row["zip_code"]
    assert fresh_file.exists()  # built on first use, where GAZETTEER_DIR says
    assert [place.zip_code for place in gazetteer.all_places()] == expected_zips
    assert len(expected_zips) > 40_000


def test_the_file_is_opened_read_only(fresh_file):
    gazetteer.warm_up()
    with pytest.raises(Exception, match=r"readonly|read-only|attempt to write"):
        gazetteer._db().execute("DELETE FROM place")
    assert gazetteer.lookup_zip("78701").city == "Austin"

"""Finding 12: an area-only shelter's county is published only where its whole
grid cell lies in that county. Where the cell straddles a county line, the
county would say which part of the cell the shelter is in; about 4.7 % of the
populated 10 km cells do (measured with `python -m bench.county_cells`)."""

from __future__ import annotations

import pytest

from shelters import gazetteer, privacy
from shelters.coverage import fold_county

from .conftest import make_shelter

pytestmark = pytest.mark.django_db


def cell_counties(place, cell_km: float) -> set[str]:
    cell = privacy.grid_cell(place.point, cell_km)
    counties = gazetteer.counties_in_box(cell.south, cell.north, cell.west, cell.east)
    return {fold_county(county) for state, county in counties if state == place.state}


def texas_zip(settings, counties: int):
    """A Texas ZIP whose cell holds ZIP centroids of exactly this many counties."""
    for place in sorted(gazetteer._index().by_zip.values()):
        if place.state != "TX" or not place.county:
            continue
        if len(cell_counties(place, settings.LOCATION_GRID_KM)) == counties:
            return place
    raise AssertionError("no such ZIP in the gazetteer")


def area_shelter_at(place):
    return make_shelter(location_disclosure="area", street_address="5 Quiet Road",
                        city=place.city, county=place.county, state=place.state,
                        postal_code=place.zip_code, latitude=place.point.lat,
                        longitude=place.point.lon)  # fmt: skip


def test_a_cell_across_a_county_line_names_no_county(settings, api):
    place = texas_zip(settings, counties=2)
    shelter = area_shelter_at(place)
    assert shelter.public_county == ""
    shown = api.get(f"/api/v1/shelters/{shelter.pk}/").json()
    assert shown["address"]["county"] is None


def test_a_cell_inside_one_county_names_it(settings, api):
    place = texas_zip(settings, counties=1)
    shelter = area_shelter_at(place)
    assert shelter.public_county == place.county
    found = api.get("/api/v1/shelters/", {"state": "TX", "county": place.county}).json()
    assert shelter.pk in {result["id"] for result in found["results"]}

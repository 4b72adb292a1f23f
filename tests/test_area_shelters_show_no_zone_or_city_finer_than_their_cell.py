"""An area-only shelter shows nothing finer than its grid cell: not its time zone's
name where that name is a handful of ZIPs' (America/Kentucky/Monticello is ZIP
42633's alone), not which side of a time-zone line or a city line it lies on where
its cell straddles one, nor whether it lies on a strip of a ZIP whose centroid is in
the next cell. Its city, county and zone describe the cell, so two area-only
shelters of one cell look the same on every public surface, whatever their true
ZIP, city, county and zone."""

from __future__ import annotations

from collections import defaultdict
from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.utils import timezone

from shelters import gazetteer, privacy, snapshots
from shelters.models import Shelter
from tests.conftest import make_shelter

pytestmark = pytest.mark.django_db


def at_zip(code: str, **fields) -> Shelter:
    """An area-only shelter at a ZIP's centroid, its city, county and zone left as an
    advocate would type them (the zone blank: filled from the ZIP)."""
    place = gazetteer.lookup_zip(code)
    fields.setdefault("location_disclosure", "area")
    return make_shelter(
        city=place.city,
        county=place.county,
        state=place.state,
        postal_code=code,
        latitude=place.point.lat,
        longitude=place.point.lon,
        timezone="",
        **fields,
    )


def surfaces(api, client, shelter: Shelter) -> list[str]:
    """Every public text that shows the shelter."""
    snapshots.refresh()
    return [
        api.get(f"/api/v1/shelters/{shelter.pk}/").content.decode(),
        api.get("/api/v1/shelters/", {"state": shelter.state, "limit": 100}).content.decode(),
        api.get(f"/hsds/services/{shelter.hsds_id}").content.decode(),
        client.get(f"/api/v1/snapshots/{shelter.state}/").content.decode(),
        client.get(f"/shelters/{shelter.pk}/").content.decode(),
    ]


def test_a_one_zip_zone_is_shown_by_the_name_its_state_knows_that_clock_by(api, client):
    shelter = at_zip("42633", hours=[(day, (9, 0), (17, 0)) for day in range(7)])
    assert shelter.timezone == "America/Kentucky/Monticello"  # its true zone, kept
    detail = api.get(f"/api/v1/shelters/{shelter.pk}/").json()
    assert detail["timezone"] == "America/New_York"
    assert detail["address"]["postal_code"] is None
    for text in surfaces(api, client, shelter):
        assert "Monticello" not in text


def test_a_public_shelter_shows_its_own_zone(api):
    shelter = at_zip("42633", location_disclosure="public")
    detail = api.get(f"/api/v1/shelters/{shelter.pk}/").json()
    assert detail["timezone"] == "America/Kentucky/Monticello"


def open_now_here(zone: str) -> list:
    local = timezone.now().astimezone(ZoneInfo(zone)).replace(minute=0, second=0, microsecond=0)
    later = local + timedelta(hours=1)
    return [(local.weekday(), (local.hour, 0), (later.hour, 0))]


def test_a_cell_across_a_time_zone_line_does_not_say_which_side(api, client):
    # 46513 (Donaldson) keeps Eastern time and 46531 (Grovertown) Central; both
    # centroids lie in one cell. Each shelter is open for the current hour of its
    # own clock.
    east = at_zip("46513", hours=open_now_here("America/Indiana/Indianapolis"))
    west = at_zip("46531", hours=open_now_here("America/Chicago"))
    assert privacy.grid_cell(east.point, 10) == privacy.grid_cell(west.point, 10)
    assert {east.timezone, west.timezone} == {
        "America/Indiana/Indianapolis",
        "America/Indiana/Knox",
    }
    shown = [api.get(f"/api/v1/shelters/{s.pk}/").json() for s in (east, west)]
    assert [item["timezone"] for item in shown] == [None, None]  # Indiana keeps two clocks
    assert [item["open_now"] for item in shown] == [False, False]
    open_ids = {item["id"] for item in api.get("/api/v1/shelters/?open_now=true").json()["results"]}
    assert {east.pk, west.pk}.isdisjoint(open_ids)
    for text in [*surfaces(api, client, east), *surfaces(api, client, west)]:
        assert "Knox" not in text and "Indianapolis" not in text


def test_a_cell_across_a_city_line_does_not_say_which_city(api):
    # 78726 (Austin) and 78613 (Cedar Park) lie in one cell.
    austin = at_zip("78726")
    cedar_park = at_zip("78613")
    assert privacy.grid_cell(austin.point, 10) == privacy.grid_cell(cedar_park.point, 10)
    assert gazetteer.city_extent_km("Austin", "TX") >= settings.LOCATION_GRID_KM
    cities = [
        api.get(f"/api/v1/shelters/{s.pk}/").json()["address"]["city"] for s in (austin, cedar_park)
    ]
    assert cities == [None, None]
    by_city = api.get("/api/v1/shelters/?state=TX&city=Austin").json()["results"]
    assert {austin.pk, cedar_park.pk}.isdisjoint({item["id"] for item in by_city})


def test_a_big_city_is_still_named_where_its_cell_lies_wholly_in_it(api):
    shelter = at_zip("78701")  # downtown Austin: its cell holds Austin ZIPs alone
    cell = privacy.grid_cell(shelter.point, 10)
    assert gazetteer.cities_in_box(cell.south, cell.north, cell.west, cell.east) == {
        ("TX", "Austin")
    }
    assert api.get(f"/api/v1/shelters/{shelter.pk}/").json()["address"]["city"] == "Austin"


LOCATION_KEYS = ("address", "location", "timezone")


def shown_location(api, shelter: Shelter) -> dict:
    item = api.get(f"/api/v1/shelters/{shelter.pk}/").json()
    return {key: item[key] for key in LOCATION_KEYS}


def test_a_strip_of_a_zip_centred_in_the_next_cell_looks_like_the_rest_of_the_cell(api):
    # 37338 (Graysville, TN; Central time) is the only ZIP centroid of its cell; a
    # point of the same cell lies nearest 37373 (Sale Creek; Eastern time).
    centred = at_zip("37338")
    strip = make_shelter(
        location_disclosure="area", city="Sale Creek", county="", state="TN",
        postal_code="", latitude=35.3858, longitude=-85.10516, timezone="",
    )  # fmt: skip
    assert privacy.grid_cell(centred.point, 10) == privacy.grid_cell(strip.point, 10)
    assert centred.timezone != strip.timezone  # their true clocks differ
    assert shown_location(api, centred) == shown_location(api, strip)
    # 75024's centroid (Plano) is its cell's only one; a Frisco address lies in it too.
    plano = at_zip("75024")
    frisco = make_shelter(
        location_disclosure="area", city="Frisco", county="Collin County", state="TX",
        postal_code="75034", latitude=33.11695, longitude=-96.8241, timezone="",
    )  # fmt: skip
    assert privacy.grid_cell(plano.point, 10) == privacy.grid_cell(frisco.point, 10)
    assert shown_location(api, plano) == shown_location(api, frisco)


def test_any_two_area_shelters_of_one_cell_show_one_location(api):
    """Over the gazetteer: cells holding ZIPs of two cities, counties or clocks, one
    shelter at each of two such ZIPs: the same address, point and zone."""
    by_cell = defaultdict(list)
    for place in gazetteer.all_places():
        if place.delivers_to_streets:
            by_cell[privacy.grid_cell(place.point, settings.LOCATION_GRID_KM)].append(place)
    mixed = [
        places
        for places in by_cell.values()
        if len({(p.city, p.county, p.timezone) for p in places}) > 1
        and len({p.state for p in places}) == 1
    ]
    assert len(mixed) > 100
    for places in mixed[:: len(mixed) // 40][:40]:
        first = places[0]
        other = next(p for p in places if (p.city, p.county, p.timezone) != (
            first.city, first.county, first.timezone))  # fmt: skip
        pair = [at_zip(place.zip_code) for place in (first, other)]
        first_shown, other_shown = (shown_location(api, shelter) for shelter in pair)
        assert first_shown == other_shown, [place.zip_code for place in (first, other)]

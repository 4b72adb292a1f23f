"""Disclosure levels: what the public may know of a shelter's location."""

import json

import pytest
from django.test import override_settings

from shelters import privacy
from shelters.geo import Point, great_circle_km
from shelters.models import Shelter

from .conftest import make_shelter

pytestmark = pytest.mark.django_db

SECRET = {"street_address": "742 Secret Lane", "latitude": 30.3312, "longitude": -97.7001}


def area_shelter(**fields):
    fields = {"postal_code": "78756", **SECRET, **fields}
    return make_shelter(location_disclosure="area", **fields)


def test_new_shelters_default_to_area_only():
    assert Shelter._meta.get_field("location_disclosure").default == "area"


def test_area_shelter_hides_street_zip_and_exact_point(api):
    shelter = area_shelter()
    body = api.get(f"/api/v1/shelters/{shelter.pk}/").json()
    assert body["address"]["street"] is None
    assert body["address"]["postal_code"] is None
    assert body["address"]["county"] == "Travis County"
    assert body["location"]["approximate"] is True
    assert body["location_disclosure"] == "area"
    assert body["phones"], "the intake phone stays visible"
    text = json.dumps(body)
    for secret in ("Secret", "78756", "30.3312", "-97.7001"):
        assert secret not in text


def test_area_shelter_is_placed_at_the_centre_of_its_grid_cell(settings):
    settings.LOCATION_GRID_KM = 10
    shelter = area_shelter()
    centre = privacy.grid_cell_centre(Point(30.3312, -97.7001), 10)
    assert (shelter.public_latitude, shelter.public_longitude) == (centre.lat, centre.lon)
    assert great_circle_km(centre, Point(30.3312, -97.7001)) <= 10 * 0.75


def test_a_big_city_is_named_but_a_small_town_is_not():
    assert area_shelter(city="Austin").public_city == "Austin"
    town = area_shelter(city="Alpine", county="Brewster County", postal_code="79830",
                        latitude=30.36, longitude=-103.66)  # fmt: skip
    assert town.public_city == ""
    assert town.public_county == "Brewster County"


def test_standing_on_the_true_spot_does_not_reveal_it(api):
    area_shelter()
    item = api.get("/api/v1/shelters/?lat=30.3312&lon=-97.7001").json()["results"][0]
    public = Point(item["location"]["lat"], item["location"]["lon"])
    assert item["distance_km"] == pytest.approx(
        great_circle_km(Point(30.3312, -97.7001), public), abs=1e-3
    )


def test_postal_code_and_small_city_filters_do_not_match_an_area_shelter(api):
    area_shelter(name="Area")
    make_shelter(name="Open", postal_code="78756")
    names = [r["name"] for r in api.get("/api/v1/shelters/?postal_code=78756").json()["results"]]
    assert names == ["Open"]


def test_hidden_shelter_shows_only_state_and_phone_and_never_appears_by_distance(api):
    shelter = make_shelter(location_disclosure="hidden", name="Hidden", **SECRET)
    make_shelter(name="Visible")
    detail = api.get(f"/api/v1/shelters/{shelter.pk}/").json()
    assert detail["location"] is None
    assert detail["address"] == {
        "street": None, "city": None, "county": None, "state": "TX", "postal_code": None,
        "country": "US",
    }  # fmt: skip
    assert detail["timezone"] is None
    assert detail["phones"][0]["number"]
    nearby = api.get("/api/v1/shelters/?lat=30.3312&lon=-97.7001&limit=100").json()
    assert [r["name"] for r in nearby["results"]] == ["Visible"]
    assert "Hidden" in [r["name"] for r in api.get("/api/v1/shelters/?state=TX").json()["results"]]
    assert api.get("/api/v1/shelters/?county=Travis").json()["count"] == 1


def test_hidden_shelters_of_the_searched_state_are_listed_by_phone(api):
    make_shelter(location_disclosure="hidden", name="Hidden Texas", **SECRET)
    make_shelter(location_disclosure="hidden", name="Hidden Ohio", state="OH", city="Columbus",
                 postal_code="43215")  # fmt: skip
    body = api.get("/api/v1/shelters/?zip=78701").json()
    assert [s["name"] for s in body["phone_only"]] == ["Hidden Texas"]
    assert body["phone_only"][0]["location"] is None


def test_public_address_needs_written_authorisation():
    assert "address_publication_authorized_by" in privacy.publication_errors("public", "", None)
    assert privacy.publication_errors("public", "Director, by letter", "2026-10-01") == {}
    assert privacy.publication_errors("area", "", None) == {}


@override_settings(LOCATION_GRID_KM=20)
def test_grid_size_is_a_setting():
    small = privacy.grid_cell_centre(Point(30.3312, -97.7001), 10)
    large = privacy.grid_cell_centre(Point(30.3312, -97.7001), 20)
    assert small != large
    assert area_shelter().public_point == large


def test_grid_cells_tile_the_globe_without_gaps():
    for lat in (-89.99, -45.0, 0.0, 30.3312, 71.3, 89.99):
        for lon in (-180.0, -97.7, 0.0, 179.999):
            centre = privacy.grid_cell_centre(Point(lat, lon), 10)
            assert -90 <= centre.lat <= 90 and -180 <= centre.lon < 180
            assert privacy.grid_cell_centre(centre, 10) == centre


def test_refresh_public_locations_applies_a_new_grid_size(settings):
    from django.core.management import call_command

    settings.LOCATION_GRID_KM = 10
    shelter = area_shelter()
    settings.LOCATION_GRID_KM = 25
    call_command("refresh_public_locations", verbosity=0)
    shelter.refresh_from_db()
    assert shelter.public_point == privacy.grid_cell_centre(Point(30.3312, -97.7001), 25)

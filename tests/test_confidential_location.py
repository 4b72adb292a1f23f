"""A confidential shelter never shows its street, ZIP or exact point in public."""

import json

import pytest

from shelters import gazetteer
from shelters.geo import Point, great_circle_km
from shelters.models import Shelter

from .conftest import make_shelter

pytestmark = pytest.mark.django_db

SECRET = {"street_address": "742 Secret Lane", "latitude": 30.3312, "longitude": -97.7001}


def confidential(**fields):
    return make_shelter(confidential_location=True, postal_code="78756", **SECRET, **fields)


def test_confidential_shelter_hides_street_address_and_exact_point(api):
    shelter = confidential()
    body = api.get(f"/api/v1/shelters/{shelter.pk}/").json()
    assert body["address"]["street"] is None
    assert body["address"]["postal_code"] is None
    assert body["address"]["city"] == "Austin"
    assert body["location"]["approximate"] is True
    text = json.dumps(body)
    assert "Secret" not in text
    assert "78756" not in text
    assert "30.3312" not in text and "-97.7001" not in text


def test_confidential_shelter_is_ranked_by_its_city_centre(api):
    shelter = confidential()
    centre = gazetteer.city_centroid("Austin", "TX")
    assert (shelter.public_latitude, shelter.public_longitude) == (centre.lat, centre.lon)
    body = api.get("/api/v1/shelters/?lat=30.3312&lon=-97.7001").json()
    item = body["results"][0]
    origin = Point(30.3312, -97.7001)
    assert item["distance_km"] == pytest.approx(great_circle_km(origin, centre), abs=1e-3)
    assert item["distance_km"] > 1  # standing on the true spot does not reveal it


def test_moving_a_confidential_shelter_within_its_city_changes_no_public_byte(api):
    shelter = confidential()
    query = "/api/v1/shelters/?lat=30.30&lon=-97.75&radius_km=40"
    before = api.get(query).content
    Shelter.objects.filter(pk=shelter.pk).update(latitude=30.2101, longitude=-97.8101)
    shelter.refresh_from_db()
    shelter.save()
    after = api.get(query).content
    assert json.loads(before)["results"][0]["updated_at"] != ""  # the shelter is listed
    assert without_timestamps(before) == without_timestamps(after)


def without_timestamps(content: bytes) -> list[dict]:
    return [
        {key: value for key, value in item.items() if key != "updated_at"}
        for item in json.loads(content)["results"]
    ]


def test_postal_code_filter_does_not_reveal_a_confidential_shelters_zip(api):
    confidential(name="Hidden")
    make_shelter(name="Open", postal_code="78756")
    names = [r["name"] for r in api.get("/api/v1/shelters/?postal_code=78756").json()["results"]]
    assert names == ["Open"]


def test_public_shelter_shows_its_address_and_point(api):
    shelter = make_shelter(street_address="1 Open Road", latitude=30.25, longitude=-97.75)
    body = api.get(f"/api/v1/shelters/{shelter.pk}/").json()
    assert body["address"]["street"] == "1 Open Road"
    assert body["location"] == {"lat": 30.25, "lon": -97.75, "approximate": False}

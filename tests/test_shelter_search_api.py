"""GET /api/v1/shelters/: the survivor's "what help is near me" search."""

from datetime import timedelta

import pytest
from django.utils import timezone

from shelters.geo import Point, great_circle_km

from .conftest import make_hotline, make_shelter

pytestmark = pytest.mark.django_db
AUSTIN_78701 = Point(30.2713, -97.7426)


def test_nearest_pet_friendly_shelters_by_zip_in_order_with_distances(api, sample_data):
    response = api.get("/api/v1/shelters/?zip=78701&limit=5&accepts_pets=true")

    assert response.status_code == 200
    body = response.json()
    results = body["results"]
    assert len(results) == 5
    assert all(item["accepts_pets"] for item in results)
    distances = [item["distance_km"] for item in results]
    assert distances == sorted(distances)
    for item in results:
        assert item["distance_mi"] == pytest.approx(item["distance_km"] / 1.609344, abs=1e-3)
        public = Point(item["location"]["lat"], item["location"]["lon"])
        assert item["distance_km"] == pytest.approx(great_circle_km(AUSTIN_78701, public), abs=1e-3)
    assert body["emergency"] == {
        "number": "911",
        "text": "If you are in immediate danger, call 911.",
    }
    assert body["next"].endswith("offset=5&zip=78701") or "offset=5" in body["next"]


def test_pages_continue_the_same_ranking(api, sample_data):
    first = api.get("/api/v1/shelters/?lat=30.27&lon=-97.74&limit=4").json()
    second = api.get(first["next"]).json()
    whole = api.get("/api/v1/shelters/?lat=30.27&lon=-97.74&limit=8").json()
    paged_ids = [r["id"] for r in first["results"] + second["results"]]
    assert paged_ids == [r["id"] for r in whole["results"]]
    assert second["previous"] is not None


def test_radius_limits_results_and_count(api):
    make_shelter(name="Near", latitude=30.28, longitude=-97.74)
    make_shelter(name="Far", latitude=32.78, longitude=-96.80)  # Dallas, ~290 km
    body = api.get("/api/v1/shelters/?lat=30.27&lon=-97.74&radius_km=50").json()
    assert [r["name"] for r in body["results"]] == ["Near"]
    assert body["count"] == 1
    assert body["count_capped"] is False


def test_count_is_capped_for_large_result_sets(api, settings):
    settings.SEARCH_COUNT_CAP = 3
    for index in range(5):
        make_shelter(latitude=30.27 + index * 0.01, longitude=-97.74)
    body = api.get("/api/v1/shelters/?lat=30.27&lon=-97.74&limit=2").json()
    assert body["count"] == 3
    assert body["count_capped"] is True
    assert body["next"] is not None


def test_only_published_shelters_appear(api):
    make_shelter(name="Live")
    make_shelter(name="Draft", status="draft")
    make_shelter(name="Gone", status="archived")
    names = [r["name"] for r in api.get("/api/v1/shelters/?zip=78701").json()["results"]]
    assert names == ["Live"]
    draft_id = make_shelter(status="draft").pk
    assert api.get(f"/api/v1/shelters/{draft_id}/").status_code == 404


def test_empty_search_still_names_hotlines_covering_the_place(api):
    make_hotline(name="National line")
    make_hotline(name="Texas line", areas=[("TX", "", "")])
    make_hotline(name="Ohio line", areas=[("OH", "", "")])
    body = api.get("/api/v1/shelters/?zip=78701&radius_km=5").json()
    assert body["results"] == []
    names = [h["name"] for h in body["hotlines"]]
    assert names == ["Texas line", "National line"]
    assert body["emergency"]["number"] == "911"


def test_region_search_without_location_orders_by_name(api):
    make_shelter(name="B", city="Austin")
    make_shelter(name="A", city="Austin")
    make_shelter(name="C", city="Houston", county="Harris County", postal_code="77002")
    body = api.get("/api/v1/shelters/?state=TX&city=austin").json()
    assert [r["name"] for r in body["results"]] == ["A", "B"]
    assert body["hotlines"] is None
    assert all(r["distance_km"] is None for r in body["results"])


def test_county_accepts_the_name_with_or_without_county(api):
    make_shelter(name="Travis", county="Travis County")
    make_shelter(name="Harris", county="Harris County")
    for value in ("Travis", "travis county"):
        names = [r["name"] for r in api.get(f"/api/v1/shelters/?county={value}").json()["results"]]
        assert names == ["Travis"]


def test_text_search_matches_names_and_descriptions(api):
    make_shelter(name="Harbor House", description="")
    make_shelter(name="Other", description="Near the old harbor")
    make_shelter(name="Unrelated", description="")
    names = {r["name"] for r in api.get("/api/v1/shelters/?q=harbor").json()["results"]}
    assert names == {"Harbor House", "Other"}


def test_stale_bed_count_is_reported_as_unknown(api, settings):
    settings.AVAILABILITY_MAX_AGE_HOURS = 24
    fresh = make_shelter(
        name="Fresh", beds_total=10, beds_available=2, beds_updated_at=timezone.now()
    )
    stale = make_shelter(
        name="Stale",
        beds_total=10,
        beds_available=2,
        beds_updated_at=timezone.now() - timedelta(hours=25),
    )
    fresh_beds = api.get(f"/api/v1/shelters/{fresh.pk}/").json()["beds"]
    stale_beds = api.get(f"/api/v1/shelters/{stale.pk}/").json()["beds"]
    assert fresh_beds["available"] == 2 and fresh_beds["current"] is True
    assert stale_beds["available"] is None and stale_beds["current"] is False
    names = [r["name"] for r in api.get("/api/v1/shelters/?has_beds=true").json()["results"]]
    assert names == ["Fresh"]


def test_detail_shows_phones_with_dial_strings(api):
    shelter = make_shelter(phones=[("crisis_24h", "(512) 555-0123")])
    phone = api.get(f"/api/v1/shelters/{shelter.pk}/").json()["phones"][0]
    assert phone == {
        "type": "crisis_24h",
        "number": "(512) 555-0123",
        "dial": "+15125550123",
        "available_24_7": False,
        "hours": "",
        "text_lang": {},
    }


def test_unknown_id_is_404_not_500(api):
    assert api.get("/api/v1/shelters/999999/").status_code == 404
    assert api.get("/api/v1/shelters/abc/").status_code == 404
    assert api.get("/api/v1/shelters/99999999999999999999999/").status_code == 404

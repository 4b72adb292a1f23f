"""A county typed "Doña Ana", "St Louis" or "Saint Louis County" is the gazetteer's
"Dona Ana County" and "St. Louis County": a hotline area saved so covers callers
there on every surface (the API, the public page, the console), and a listing's
county filter finds a listing whose county is spelled either way."""

import pytest
from django.contrib.auth.models import Group, User

from shelters import coverage
from shelters.roles import HOTLINE_STAFF_GROUP

from .conftest import (
    apps_at,
    make_hotline,
    make_shelter,
    migrate_to_latest,
    old_hotline_areas,
    signed_in,
)


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("Doña Ana", "Dona Ana County"),
        ("St Louis", "St. Louis County"),
        ("Saint Louis County", "St. Louis County"),
        ("Ste. Genevieve", "Sainte Genevieve County"),
        ("O\u2019Brien County", "O'Brien"),
    ],
)
def test_spellings_of_one_county_fold_alike(one, other):
    assert coverage.fold_county(one) == coverage.fold_county(other)


def test_st_louis_county_and_the_city_of_st_louis_stay_apart():
    assert coverage.fold_county("St. Louis County") != coverage.fold_county("St. Louis City")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("state", "typed", "zip_code", "place"),
    [
        ("NM", "Doña Ana", "88001", "Las Cruces, NM"),
        ("MO", "St Louis", "63031", "Florissant, MO"),
        ("MO", "Saint Louis County", "63031", "Florissant, MO"),
    ],
)
def test_a_hotline_area_typed_another_way_covers_callers_there(
    client, api, state, typed, zip_code, place
):
    make_hotline(name="County line", areas=[(state, typed, "")])
    found = api.get("/api/v1/hotlines/", {"zip": zip_code}).json()["results"]
    assert "County line" in [h["name"] for h in found]
    page = client.get("/", {"place": place, "type": "hotlines"}).content.decode()
    assert "County line" in page
    desk = User.objects.create_user("desk", password="a-long-pass-phrase", is_staff=True)
    desk.groups.add(Group.objects.get(name=HOTLINE_STAFF_GROUP))
    console = signed_in(client, desk).get("/staff/", {"where": place, "type": "hotlines"})
    assert "County line" in console.content.decode()


@pytest.mark.django_db
def test_the_county_filter_finds_a_listing_whatever_the_accent(api):
    shelter = make_shelter(
        name="Mesilla House", city="Las Cruces", county="Doña Ana County", state="NM",
        postal_code="88001", latitude=32.31, longitude=-106.78,
    )  # fmt: skip
    for typed in ("Dona Ana", "DOÑA ANA county", "doña  ana"):
        found = api.get("/api/v1/shelters/", {"state": "NM", "county": typed}).json()
        assert [r["id"] for r in found["results"]] == [shelter.pk], typed


@pytest.mark.django_db(transaction=True)
def test_stored_keys_are_folded_again():
    old_hotline_areas(apps_at("0032_hotline_area_county_key"), "NM", ("Doña Ana", "doña ana"))
    migrate_to_latest()

    from shelters.models import HotlineArea

    assert HotlineArea.objects.values_list("county_key", flat=True).get() == "dona ana"

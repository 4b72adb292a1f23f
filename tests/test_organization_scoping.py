"""An advocate of one organisation cannot see or change another's listings, through
any admin path or the availability endpoint (the classic broken object-level
authorisation)."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest
from django.contrib.auth.models import User
from django.db import connection, connections

from shelters import availability
from shelters.models import Shelter

from .conftest import make_shelter, signed_in, token_for

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("model", ["shelter", "medicalservice", "hotline"])
def test_lists_show_only_the_advocates_organisation(client, cast, model):
    page = signed_in(client, cast["advocate"]).get(f"/admin/shelters/{model}/").content.decode()
    assert cast["listings"]["Ours"][model].name in page
    assert cast["listings"]["Theirs"][model].name not in page


@pytest.mark.parametrize("model", ["shelter", "medicalservice", "hotline"])
@pytest.mark.parametrize("page", ["change", "history", "delete"])
def test_another_organisations_pages_are_out_of_reach(client, cast, model, page):
    theirs = cast["listings"]["Theirs"][model]
    response = signed_in(client, cast["advocate"]).get(
        f"/admin/shelters/{model}/{theirs.pk}/{page}/"
    )
    assert response.status_code in (302, 403, 404)
    assert theirs.name not in response.content.decode()


def test_an_advocate_cannot_change_another_organisations_shelter_by_post(client, cast):
    theirs = cast["listings"]["Theirs"]["shelter"]
    response = signed_in(client, cast["advocate"]).post(
        f"/admin/shelters/shelter/{theirs.pk}/change/", {"name": "Taken over"}
    )
    assert response.status_code in (302, 403, 404)
    theirs.refresh_from_db()
    assert theirs.name == "Theirs shelter"


def test_actions_touch_only_the_advocates_own_listings(client, cast):
    ours, theirs = cast["listings"]["Ours"]["shelter"], cast["listings"]["Theirs"]["shelter"]
    signed_in(client, cast["advocate"]).post(
        "/admin/shelters/shelter/",
        {"action": "archive", "_selected_action": [ours.pk, theirs.pk]},
    )
    ours.refresh_from_db()
    theirs.refresh_from_db()
    assert ours.status == "archived"
    assert theirs.status == "published"


def test_organisation_autocomplete_and_picker_offer_only_the_advocates_own(client, cast):
    client = signed_in(client, cast["advocate"])
    found = client.get(
        "/admin/autocomplete/",
        {
            "app_label": "shelters",
            "model_name": "shelter",
            "field_name": "organization",
            "term": "",
        },
    ).json()
    assert [item["text"] for item in found["results"]] == ["Ours"]
    add_page = client.get("/admin/shelters/shelter/add/").content.decode()
    assert "Theirs" not in add_page


def test_advocates_archive_rather_than_delete(client, cast):
    ours = cast["listings"]["Ours"]["shelter"]
    response = signed_in(client, cast["advocate"]).post(
        f"/admin/shelters/shelter/{ours.pk}/delete/", {"post": "yes"}
    )
    assert response.status_code == 403
    assert Shelter.objects.filter(pk=ours.pk).exists()


def test_coalition_staff_see_everything(client, cast):
    page = signed_in(client, cast["coalition"]).get("/admin/shelters/shelter/").content.decode()
    assert "Ours shelter" in page and "Theirs shelter" in page


def post_beds_from_the_list(client, shelter, beds: str):
    form = {"form-TOTAL_FORMS": "1", "form-INITIAL_FORMS": "1", "form-0-id": shelter.pk,
            "form-0-beds_available": beds, "_save": "Save"}  # fmt: skip
    return client.post("/admin/shelters/shelter/", form)


def test_beds_are_updated_in_one_step_from_the_list_and_attributed(client, cast):
    ours = cast["listings"]["Ours"]["shelter"]
    response = post_beds_from_the_list(signed_in(client, cast["advocate"]), ours, "7")
    assert response.status_code == 302
    ours.refresh_from_db()
    assert ours.beds_available == 7
    assert ours.beds_updated_by == cast["advocate"]
    assert ours.beds_updated_at is not None


def test_the_list_refuses_more_beds_than_the_total(client, cast):
    ours = cast["listings"]["Ours"]["shelter"]
    response = post_beds_from_the_list(signed_in(client, cast["advocate"]), ours, "11")
    assert response.status_code == 200
    ours.refresh_from_db()
    assert ours.beds_available == 2


def test_staff_report_beds_with_a_token_for_their_own_shelter(api, cast):
    ours = cast["listings"]["Ours"]["shelter"]
    api.credentials(HTTP_AUTHORIZATION=f"Token {token_for(cast['advocate'])}")
    response = api.patch(f"/api/v1/shelters/{ours.pk}/availability/", {"beds_available": 5},
                         format="json")  # fmt: skip
    assert response.status_code == 200, response.content
    assert response.json()["beds_available"] == 5
    taken = api.patch(f"/api/v1/shelters/{ours.pk}/availability/", {"change": -1}, format="json")
    assert taken.json()["beds_available"] == 4


def test_the_availability_endpoint_refuses_another_organisation(api, cast):
    theirs = cast["listings"]["Theirs"]["shelter"]
    api.credentials(HTTP_AUTHORIZATION=f"Token {token_for(cast['advocate'])}")
    response = api.patch(f"/api/v1/shelters/{theirs.pk}/availability/", {"beds_available": 0},
                         format="json")  # fmt: skip
    # "No such shelter", exactly as for an id that does not exist: a token must not
    # tell which of another organisation's shelters exist.
    missing = api.patch("/api/v1/shelters/999999/availability/", {"beds_available": 0},
                        format="json")  # fmt: skip
    assert response.status_code == missing.status_code == 404
    assert response.json() == missing.json()
    theirs.refresh_from_db()
    assert theirs.beds_available == 2
    read = api.get(f"/api/v1/shelters/{theirs.pk}/availability/")
    assert read.status_code == 404
    assert "beds_available" not in read.json()


def test_the_availability_endpoint_needs_a_token(api, cast):
    ours = cast["listings"]["Ours"]["shelter"]
    response = api.patch(f"/api/v1/shelters/{ours.pk}/availability/", {"beds_available": 1},
                         format="json")  # fmt: skip
    assert response.status_code == 401


@pytest.mark.parametrize(
    ("body", "expected"),
    [({"beds_available": 11}, "between 0 and the total of 10"), ({"change": -3}, "between 0"),
     ({"beds_available": -1}, "greater than or equal to 0"), ({}, "either"),
     ({"beds_available": 1, "change": 1}, "either")],
)  # fmt: skip
def test_impossible_counts_are_a_clear_400_and_change_nothing(api, cast, body, expected):
    ours = cast["listings"]["Ours"]["shelter"]
    api.credentials(HTTP_AUTHORIZATION=f"Token {token_for(cast['advocate'])}")
    response = api.patch(f"/api/v1/shelters/{ours.pk}/availability/", body, format="json")
    assert response.status_code == 400
    assert expected in str(response.json())
    ours.refresh_from_db()
    assert ours.beds_available == 2


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="SQLite serialises writes and would hide the race"
)
def test_concurrent_bed_reports_lose_nothing():
    """Forty staff phones take a bed each at once, eight at a time: forty fewer beds."""

    shelter = make_shelter(beds_total=100, beds_available=50)
    user = User.objects.create_user("nurse")

    def take_one_bed(_):
        try:
            availability.report_beds(shelter.pk, user, change=-1)
        finally:
            connections.close_all()  # each thread has its own connection

    with ThreadPoolExecutor(max_workers=8) as pool:
        list(pool.map(take_one_bed, range(40)))
    shelter.refresh_from_db()
    assert shelter.beds_available == 10


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="SQLite serialises writes and would hide the race"
)
def test_counts_set_at_once_from_the_same_reading_keep_exactly_one():
    """Eight phones read the count, then all set it outright with If-Match at once:
    one wins, seven are told someone reported in between, none is silently lost."""

    shelter = make_shelter(beds_total=100, beds_available=50)
    user = User.objects.create_user("nurse")
    read = availability.version(Shelter.objects.get(pk=shelter.pk))

    def set_count(count):
        try:
            availability.report_beds(shelter.pk, user, available=count, expected_version=read)
            return count
        except availability.AvailabilityConflict:
            return None
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=8) as pool:
        outcomes = list(pool.map(set_count, range(10, 18)))
    winners = [count for count in outcomes if count is not None]
    assert len(winners) == 1
    shelter.refresh_from_db()
    assert shelter.beds_available == winners[0]

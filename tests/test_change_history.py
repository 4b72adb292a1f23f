"""Every change to a listing, its phones and its bed count is recorded with who,
when and what changed, shown in the admin, revertible, and kept from advocates
of other organisations. A shelter's true address never enters its history."""

from __future__ import annotations

import pytest

from shelters.models import Shelter, ShelterPhone

from .conftest import admin_form_data, signed_in, token_for

pytestmark = pytest.mark.django_db


def change_through_the_admin(client, shelter, **changes):
    url = f"/admin/shelters/shelter/{shelter.pk}/change/"
    form = admin_form_data(client.get(url))
    form.update(changes)
    response = client.post(url, form)
    assert response.status_code == 302, response.context["adminform"].form.errors
    return response


def test_an_admin_change_is_recorded_with_who_and_what(client, cast):
    ours = cast["listings"]["Ours"]["shelter"]
    client = signed_in(client, cast["advocate"])
    change_through_the_admin(client, ours, name="Harbor House", beds_available="6")

    latest, before = Shelter.history.filter(id=ours.pk).order_by("-history_date")[:2]
    assert latest.history_user == cast["advocate"]
    assert latest.history_type == "~"
    changed = {change.field for change in latest.diff_against(before).changes}
    assert {"name", "beds_available"} <= changed

    page = client.get(f"/admin/shelters/shelter/{ours.pk}/history/").content.decode()
    assert "Harbor House" in page
    assert "advocate" in page


def test_a_change_is_reverted_from_the_history(client, cast):
    ours = cast["listings"]["Ours"]["shelter"]
    client = signed_in(client, cast["advocate"])
    original = Shelter.history.filter(id=ours.pk).latest("history_date")
    change_through_the_admin(client, ours, name="Wrong name", accepts_pets="on")

    revert_url = f"/admin/shelters/shelter/{ours.pk}/history/{original.history_id}/"
    revert_page = client.get(revert_url)
    assert revert_page.status_code == 200
    response = client.post(revert_url, admin_form_data(revert_page))
    assert response.status_code == 302

    ours.refresh_from_db()
    assert ours.name == "Ours shelter"
    assert ours.accepts_pets is False
    reverted = Shelter.history.filter(id=ours.pk).latest("history_date")
    assert reverted.history_user == cast["advocate"]
    assert reverted.name == "Ours shelter"


def test_phone_changes_made_inline_are_recorded_and_revertible(client, cast):
    ours = cast["listings"]["Ours"]["shelter"]
    phone = ours.phones.get()
    old_number = phone.number
    client = signed_in(client, cast["advocate"])
    change_through_the_admin(client, ours, **{"phones-0-number": "512-555-0199"})

    latest = ShelterPhone.history.filter(id=phone.pk).latest("history_date")
    assert latest.number == "512-555-0199"
    assert latest.history_user == cast["advocate"]
    listing_history = client.get(f"/admin/shelters/shelter/{ours.pk}/history/").content.decode()
    assert "512-555-0199" in listing_history

    first = ShelterPhone.history.filter(id=phone.pk).earliest("history_date")
    revert_url = f"/admin/shelters/shelterphone/{phone.pk}/history/{first.history_id}/"
    assert f'href="{revert_url}"' in listing_history
    client.post(revert_url, admin_form_data(client.get(revert_url)))
    phone.refresh_from_db()
    assert phone.number == old_number


def test_beds_reported_through_the_api_are_in_the_history(api, cast):
    ours = cast["listings"]["Ours"]["shelter"]
    api.credentials(HTTP_AUTHORIZATION=f"Token {token_for(cast['advocate'])}")
    api.patch(f"/api/v1/shelters/{ours.pk}/availability/", {"change": -1}, format="json")

    latest = Shelter.history.filter(id=ours.pk).latest("history_date")
    assert latest.beds_available == 1
    assert latest.history_user == cast["advocate"]
    assert latest.history_change_reason == "Beds reported through the availability API"


def test_beds_set_from_the_list_are_in_the_history(client, cast):
    ours = cast["listings"]["Ours"]["shelter"]
    form = {"form-TOTAL_FORMS": "1", "form-INITIAL_FORMS": "1", "form-0-id": ours.pk,
            "form-0-beds_available": "9", "_save": "Save"}  # fmt: skip
    signed_in(client, cast["advocate"]).post("/admin/shelters/shelter/", form)
    latest = Shelter.history.filter(id=ours.pk).latest("history_date")
    assert (latest.beds_available, latest.history_user) == (9, cast["advocate"])


@pytest.mark.parametrize("model", ["shelter", "medicalservice", "hotline"])
def test_another_organisations_history_and_revert_pages_are_out_of_reach(client, cast, model):
    theirs = cast["listings"]["Theirs"][model]
    record = type(theirs).history.filter(id=theirs.pk).latest("history_date")
    client = signed_in(client, cast["advocate"])

    history = client.get(f"/admin/shelters/{model}/{theirs.pk}/history/")
    assert history.status_code in (403, 404)
    revert_url = f"/admin/shelters/{model}/{theirs.pk}/history/{record.history_id}/"
    assert client.get(revert_url).status_code in (403, 404)
    attempt = client.post(
        revert_url, {"name": "Taken over", "organization": theirs.organization_id}
    )
    assert attempt.status_code in (403, 404)
    theirs.refresh_from_db()
    assert theirs.name == f"Theirs {theirs.name.split()[-1]}"


def test_another_organisations_phone_history_is_out_of_reach(client, cast):
    phone = cast["listings"]["Theirs"]["shelter"].phones.get()
    phone.number = "512-555-0177"
    phone.save()
    record = ShelterPhone.history.filter(id=phone.pk).latest("history_date")
    client = signed_in(client, cast["advocate"])
    for url in (
        f"/admin/shelters/shelterphone/{phone.pk}/history/",
        f"/admin/shelters/shelterphone/{phone.pk}/history/{record.history_id}/",
        f"/admin/shelters/shelterphone/{phone.pk}/change/",
        "/admin/shelters/shelterphone/",
    ):
        response = client.get(url)
        assert response.status_code in (200, 302, 403, 404)
        assert phone.number not in response.content.decode(), url


def test_coalition_staff_see_every_history(client, cast):
    theirs = cast["listings"]["Theirs"]["shelter"]
    page = signed_in(client, cast["coalition"]).get(f"/admin/shelters/shelter/{theirs.pk}/history/")
    assert page.status_code == 200


def test_a_shelters_history_keeps_no_true_address_or_point(client, cast):
    ours = cast["listings"]["Ours"]["shelter"]
    assert ours.location_disclosure == "public"
    client = signed_in(client, cast["advocate"])
    change_through_the_admin(
        client, ours, location_disclosure="area", street_address="77 Hidden Lane",
        postal_code="78704", latitude="30.2401234", longitude="-97.7656789",
    )  # fmt: skip
    change_through_the_admin(client, ours, street_address="12 Newer Road")

    history_fields = {field.name for field in Shelter.history.model._meta.fields}
    assert not history_fields & {"street_address", "postal_code", "latitude", "longitude"}
    stored = repr(list(Shelter.history.filter(id=ours.pk).values()))
    for secret in ("Hidden Lane", "78704", "30.2401234", "-97.7656789"):
        assert secret not in stored

    first = Shelter.history.filter(id=ours.pk).earliest("history_date")
    revert_url = f"/admin/shelters/shelter/{ours.pk}/history/{first.history_id}/"
    page = client.get(revert_url)
    assert "Hidden Lane" not in page.content.decode()
    assert "12 Newer Road" in page.content.decode()


def test_a_count_set_outright_is_refused_when_someone_reported_in_between(api, cast):
    ours = cast["listings"]["Ours"]["shelter"]
    url = f"/api/v1/shelters/{ours.pk}/availability/"
    api.credentials(HTTP_AUTHORIZATION=f"Token {token_for(cast['advocate'])}")
    read = api.get(url)
    assert read.json()["beds_available"] == 2
    api.patch(url, {"change": -1}, format="json")

    stale = api.patch(url, {"beds_available": 5}, format="json", HTTP_IF_MATCH=read["ETag"])
    assert stale.status_code == 412
    ours.refresh_from_db()
    assert ours.beds_available == 1

    fresh = api.get(url)
    done = api.patch(url, {"beds_available": 5}, format="json", HTTP_IF_MATCH=fresh["ETag"])
    assert done.status_code == 200
    assert done.json()["beds_available"] == 5
    assert done["ETag"] != fresh["ETag"]

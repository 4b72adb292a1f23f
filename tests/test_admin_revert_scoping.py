"""A history or revert page needs both the row as it is now and the version
shown to belong to the advocate's organisations: a row that moved to another
organisation cannot be looked at through its old versions, nor reverted back."""

from __future__ import annotations

import pytest

from shelters.models import Shelter, ShelterPhone

from .conftest import signed_in

pytestmark = pytest.mark.django_db

SECRETS = {"street_address": "9 Secret Road", "postal_code": "78745",
           "latitude": 30.2011111, "longitude": -97.7922222}  # fmt: skip


def move(shelter, organization) -> None:
    """Coalition staff hand the shelter over; it moves to a confidential address."""
    shelter.organization = organization
    shelter.location_disclosure = "hidden"
    for name, value in SECRETS.items():
        setattr(shelter, name, value)
    shelter.save()


@pytest.mark.parametrize("direction", ["moved_away", "moved_in"])
def test_a_shelter_that_changed_organisation_is_not_reverted_across(client, cast, direction):
    ours, theirs = cast["listings"]["Ours"]["shelter"], cast["listings"]["Theirs"]["shelter"]
    shelter, new_home = (
        (ours, cast["theirs"]) if direction == "moved_away" else (theirs, cast["ours"])
    )
    old_home = shelter.organization
    old = Shelter.history.filter(id=shelter.pk).latest("history_date")
    move(shelter, new_home)
    client = signed_in(client, cast["advocate"])
    url = f"/admin/shelters/shelter/{shelter.pk}/history/{old.history_id}/"

    page = client.get(url)
    assert page.status_code in (403, 404)
    for secret in SECRETS.values():
        assert str(secret) not in page.content.decode()
    attempt = client.post(url, {"name": shelter.name, "organization": old_home.pk,
                                "kind": "emergency_shelter", "status": "published",
                                "location_disclosure": "hidden", "state": "TX",
                                "country": "US"})  # fmt: skip
    assert attempt.status_code in (403, 404)
    shelter.refresh_from_db()
    assert shelter.organization == new_home


def test_a_phone_moved_to_another_organisations_shelter_is_not_reverted_back(client, cast):
    ours, theirs = cast["listings"]["Ours"]["shelter"], cast["listings"]["Theirs"]["shelter"]
    phone = ours.phones.get()
    old = ShelterPhone.history.filter(id=phone.pk).latest("history_date")
    phone.shelter = theirs
    phone.number = "512-555-0166"
    phone.save()
    client = signed_in(client, cast["advocate"])
    url = f"/admin/shelters/shelterphone/{phone.pk}/history/{old.history_id}/"

    page = client.get(url)
    assert page.status_code in (403, 404)
    assert "512-555-0166" not in page.content.decode()
    attempt = client.post(url, {"shelter": ours.pk, "type": "intake", "number": "512-555-0100"})
    assert attempt.status_code in (403, 404)
    phone.refresh_from_db()
    assert (phone.shelter, phone.number) == (theirs, "512-555-0166")

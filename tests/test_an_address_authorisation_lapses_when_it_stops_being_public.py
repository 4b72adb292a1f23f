"""The operator's written authorisation to publish a shelter's address lapses when
the address stops being public: a shelter made area-only or hidden, then public
again, needs a new authorisation (who gave it, and when), on every path that saves."""

from __future__ import annotations

from datetime import date

import pytest

from shelters.models import Shelter

from .conftest import admin_form_data, make_shelter, signed_in

pytestmark = pytest.mark.django_db
AUTHORISED = {"address_publication_authorized_by": "Director, by letter",
              "address_publication_authorized_on": date(2026, 1, 5)}  # fmt: skip


def authorisation(shelter: Shelter) -> tuple:
    shelter.refresh_from_db()
    return shelter.address_publication_authorized_by, shelter.address_publication_authorized_on


@pytest.mark.parametrize("level", ["area", "hidden"])
def test_a_save_that_makes_the_address_private_clears_the_authorisation(level):
    shelter = make_shelter(**AUTHORISED)
    assert authorisation(shelter) == ("Director, by letter", date(2026, 1, 5))
    shelter.location_disclosure = level
    shelter.save()
    assert authorisation(shelter) == ("", None)


def test_a_public_shelter_keeps_its_authorisation():
    shelter = make_shelter(**AUTHORISED)
    shelter.name = "Renamed"
    shelter.save()
    assert authorisation(shelter) == ("Director, by letter", date(2026, 1, 5))


def test_publishing_again_in_the_admin_asks_for_a_new_authorisation(client, cast):
    shelter = cast["listings"]["Ours"]["shelter"]
    client = signed_in(client, cast["advocate"])
    url = f"/admin/shelters/shelter/{shelter.pk}/change/"
    hidden = {**admin_form_data(client.get(url)), "location_disclosure": "hidden"}
    assert client.post(url, hidden).status_code == 302
    assert authorisation(shelter) == ("", None)

    again = {**admin_form_data(client.get(url)), "location_disclosure": "public"}
    refused = client.post(url, again)
    assert refused.status_code == 200
    assert "address_publication_authorized_by" in refused.context["adminform"].form.errors
    shelter.refresh_from_db()
    assert shelter.location_disclosure == "hidden"

    again.update(address_publication_authorized_by="Director, new letter",
                 address_publication_authorized_on="2026-11-30")  # fmt: skip
    assert client.post(url, again).status_code == 302
    assert authorisation(shelter) == ("Director, new letter", date(2026, 11, 30))

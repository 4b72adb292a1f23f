"""A revert never makes a shelter's location more public than it is now.

History leaves the true address out, so reverting to a version from when the
shelter was public would bring back the public level and its authorisation with
today's address: a hidden shelter's new street published by one click."""

from __future__ import annotations

import pytest
from django.contrib.messages import get_messages

from shelters import privacy
from shelters.models import Shelter

from .conftest import admin_form_data, make_shelter, signed_in

pytestmark = pytest.mark.django_db

NEW_HOME = {
    "location_disclosure": "hidden",
    "street_address": "9 Secret Road",
    "postal_code": "78745",
    "latitude": "30.2011111",
    "longitude": "-97.7922222",
}

WARNING = "The location stays hidden, as it is now"


def change_through_the_admin(client, shelter, **changes) -> None:
    url = f"/admin/shelters/shelter/{shelter.pk}/change/"
    form = admin_form_data(client.get(url))
    form.update(changes)
    assert client.post(url, form).status_code == 302


@pytest.mark.parametrize("posted", ["as_shown", "public_asked_for"])
def test_reverting_to_a_public_version_keeps_todays_hidden_level(client, cast, posted):
    ours = cast["listings"]["Ours"]["shelter"]
    assert ours.location_disclosure == "public"
    public_version = Shelter.history.filter(id=ours.pk).latest("history_date")
    client = signed_in(client, cast["advocate"])
    change_through_the_admin(client, ours, name="Moved", **NEW_HOME)

    url = f"/admin/shelters/shelter/{ours.pk}/history/{public_version.history_id}/"
    page = client.get(url)
    assert page.status_code == 200
    form = admin_form_data(page)
    if posted == "public_asked_for":
        form.update(location_disclosure="public", address_publication_authorized_by="Director",
                    address_publication_authorized_on="2026-01-05")  # fmt: skip
    response = client.post(url, form)
    assert response.status_code == 302

    ours.refresh_from_db()
    assert ours.name == "Ours shelter"  # the rest of the revert happened
    assert ours.location_disclosure == "hidden"
    assert (ours.public_latitude, ours.public_postal_code) == (None, "")
    assert WARNING in page.content.decode()  # said before the advocate presses Revert
    if posted == "public_asked_for":
        said = [str(message) for message in get_messages(response.wsgi_request)]
        assert any(WARNING in message for message in said), said


def test_a_revert_may_restore_a_level_as_private_or_more():
    area = make_shelter(location_disclosure="area")
    hidden = make_shelter(location_disclosure="hidden")
    assert privacy.kept_on_revert(area, Shelter(location_disclosure="hidden")) == {}
    assert privacy.kept_on_revert(area, Shelter(location_disclosure="area")) == {}
    kept = privacy.kept_on_revert(hidden, area)
    assert kept["location_disclosure"] == "hidden"

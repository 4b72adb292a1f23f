"""A listing handed from one organisation to another brings none of its first
organisation's history: its new advocates see, on its history page and in its
phones' history, only what was recorded since it came to them. Coalition staff
see everything. (The revert pages already refused those versions; the history
list showed every field change, staff-only notes included.)"""

from __future__ import annotations

import pytest

from shelters.models import Shelter, ShelterPhone

from .conftest import signed_in

pytestmark = pytest.mark.django_db
SECRET_NOTE = "THEIR-SECRET-NOTE"
SECRET_PHONE = "512-555-0199"


@pytest.fixture
def handed_over(cast) -> Shelter:
    shelter = cast["listings"]["Theirs"]["shelter"]
    shelter.staff_notes = SECRET_NOTE
    shelter.save()
    phone = shelter.phones.first()
    phone.number = SECRET_PHONE
    phone.save()
    shelter.staff_notes = ""
    shelter.save()
    phone.number = "512-555-0100"
    phone.save()
    shelter.organization = cast["ours"]  # as coalition staff would, in the admin
    shelter.save()
    shelter.name = "Handed-over shelter"
    shelter.save()
    return shelter


def history(client, user, url: str) -> str:
    response = signed_in(client, user).get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_her_history_page_starts_when_the_listing_came_to_her(client, cast, handed_over):
    page = history(client, cast["advocate"], f"/admin/shelters/shelter/{handed_over.pk}/history/")
    assert "Handed-over shelter" in page  # what happened since is there
    assert SECRET_NOTE not in page
    assert SECRET_PHONE not in page


def test_her_phone_history_starts_there_too(client, cast, handed_over):
    phone = ShelterPhone.objects.get(shelter=handed_over)
    page = history(client, cast["advocate"], f"/admin/shelters/shelterphone/{phone.pk}/history/")
    assert SECRET_PHONE not in page


def test_coalition_staff_see_the_whole_history(client, cast, handed_over):
    page = history(client, cast["coalition"], f"/admin/shelters/shelter/{handed_over.pk}/history/")
    assert SECRET_NOTE in page
    assert SECRET_PHONE in page


def test_a_listing_always_hers_shows_its_whole_history(client, cast):
    shelter = cast["listings"]["Ours"]["shelter"]
    shelter.staff_notes = "OUR-OWN-NOTE"
    shelter.save()
    shelter.staff_notes = ""
    shelter.save()
    page = history(client, cast["advocate"], f"/admin/shelters/shelter/{shelter.pk}/history/")
    assert "OUR-OWN-NOTE" in page


def test_a_handed_over_hotlines_channels_bring_no_history(client, cast):
    hotline = cast["listings"]["Theirs"]["hotline"]
    channel = hotline.channels.first()
    channel.number = SECRET_PHONE
    channel.save()
    theirs = channel.history.latest("history_date")
    channel.number = "1-800-555-0100"
    channel.save()
    hotline.organization = cast["ours"]
    hotline.save()
    # The hotline's page lists its channels' versions, each linking to its revert page.
    old_version = f"/admin/shelters/hotlinechannel/{channel.pk}/history/{theirs.history_id}/"
    hotline_page = f"/admin/shelters/hotline/{hotline.pk}/history/"
    channel_page = f"/admin/shelters/hotlinechannel/{channel.pk}/history/"
    assert old_version not in history(client, cast["advocate"], hotline_page)
    assert SECRET_PHONE not in history(client, cast["advocate"], channel_page)
    client.logout()
    assert old_version in history(client, cast["coalition"], hotline_page)
    assert SECRET_PHONE in history(client, cast["coalition"], channel_page)


def test_her_revert_pages_refuse_the_first_organisations_versions(client, cast, handed_over):
    """What the history list leaves out, its revert pages (which show a whole
    version, ready to restore) refuse too; a version made since is hers."""
    phone = ShelterPhone.objects.get(shelter=handed_over)
    theirs = phone.history.get(number=SECRET_PHONE)
    phone.number = "512-555-0123"
    phone.save()
    ours = phone.history.latest("history_date")
    page = f"/admin/shelters/shelterphone/{phone.pk}/history/"
    advocate = signed_in(client, cast["advocate"])
    assert advocate.get(f"{page}{theirs.history_id}/").status_code == 404
    assert advocate.get(f"{page}{ours.history_id}/").status_code == 200
    client.logout()
    coalition = signed_in(client, cast["coalition"])
    assert coalition.get(f"{page}{theirs.history_id}/").status_code == 200

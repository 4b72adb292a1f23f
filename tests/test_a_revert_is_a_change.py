"""Reverting to a version is changing the row: only someone who may change it may.

simple_history saves a revert POST from anyone who may view the row. Advocates
may view their organisation but not change it (its name, phone and website
stand on every listing), so an advocate could rename her organisation, or give
it the national hotline's number, through its revert page."""

from __future__ import annotations

import pytest

from shelters.models import Organization

from .conftest import admin_form_data, signed_in

pytestmark = pytest.mark.django_db


def revert_url(organization: Organization) -> str:
    version = organization.history.order_by("-history_date").first()
    return f"/admin/shelters/organization/{organization.pk}/history/{version.history_id}/"


def test_an_advocate_cannot_change_her_organisation_by_reverting(client, cast):
    ours = cast["ours"]
    url = revert_url(ours)
    form = admin_form_data(signed_in(client, cast["coalition"]).get(url))
    client.logout()
    advocate = signed_in(client, cast["advocate"])
    form.update({"name": "Theirs", "phone": "1-800-799-7233", "website": "https://evil.example"})
    assert advocate.post(url, form).status_code == 403
    ours.refresh_from_db()
    assert (ours.name, ours.phone, ours.website) == ("Ours", "", "")
    assert ours.history.count() == 1


def test_coalition_staff_revert_an_organisation(client, cast):
    ours = cast["ours"]
    url = revert_url(ours)  # the version named "Ours"
    ours.name = "Ours, renamed"
    ours.save()
    client = signed_in(client, cast["coalition"])
    form = admin_form_data(client.get(url))
    assert form["name"] == "Ours"
    assert client.post(url, form).status_code == 302
    assert Organization.objects.get(pk=ours.pk).name == "Ours"


@pytest.mark.parametrize("kind", ["shelter", "medicalservice", "hotline"])
def test_an_advocate_still_reverts_her_own_listings(client, cast, kind):
    listing = cast["listings"]["Ours"][kind]
    first = listing.history.order_by("history_date").first()
    listing.name = f"{listing.name}, renamed"
    listing.save()
    url = f"/admin/shelters/{kind}/{listing.pk}/history/{first.history_id}/"
    advocate = signed_in(client, cast["advocate"])
    form = admin_form_data(advocate.get(url))
    assert advocate.post(url, form).status_code == 302
    listing.refresh_from_db()
    assert listing.name == "Ours " + {"shelter": "shelter", "medicalservice": "clinic",
                                      "hotline": "line"}[kind]  # fmt: skip

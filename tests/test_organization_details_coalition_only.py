"""An organisation's name, phone and website stand on every one of its listings:
an advocate who could change them could take another organisation's name and
the national hotline's number. Coalition staff keep them."""

from __future__ import annotations

import pytest

from shelters.models import Organization

from .conftest import admin_form_data, signed_in

pytestmark = pytest.mark.django_db


def test_an_advocate_cannot_rename_her_organisation(client, cast):
    ours = cast["ours"]
    url = f"/admin/shelters/organization/{ours.pk}/change/"
    coalition = signed_in(client, cast["coalition"])
    form = admin_form_data(coalition.get(url))
    client.logout()
    advocate = signed_in(client, cast["advocate"])
    assert advocate.get(url).status_code == 200  # she may read it
    form.update({"name": "Theirs", "phone": "1-800-799-7233"})
    response = advocate.post(url, form)
    assert response.status_code == 403
    ours.refresh_from_db()
    assert (ours.name, ours.phone) == ("Ours", "")


def test_coalition_staff_rename_an_organisation(client, cast):
    ours = cast["ours"]
    url = f"/admin/shelters/organization/{ours.pk}/change/"
    client = signed_in(client, cast["coalition"])
    form = admin_form_data(client.get(url))
    form["name"] = "Ours, renamed"
    assert client.post(url, form).status_code == 302
    assert Organization.objects.get(pk=ours.pk).name == "Ours, renamed"

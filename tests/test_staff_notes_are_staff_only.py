"""Staff-only notes appear on the staff console and on no public surface.

privacy.STAFF_ONLY_FIELDS: the API (lists and details of every type), the snapshots,
the HSDS export and the admin's spreadsheet export leave them out; the console's
detail view shows them, and only to signed-in staff.
"""

from __future__ import annotations

import json

import pytest
from django.contrib.auth.models import Group, User
from django.core.management import call_command

from shelters import privacy, snapshots
from shelters.hsds.export import export_package
from shelters.roles import HOTLINE_STAFF_GROUP

from .conftest import make_hotline, make_medical_service, make_shelter, signed_in
from .test_spreadsheets import export_csv

pytestmark = pytest.mark.django_db

NOTE = "Call intake first; after 10 pm use the crisis line (note 7Q3X)"
MARK = "7Q3X"


@pytest.fixture
def noted():
    return {
        "shelters": make_shelter(staff_notes=NOTE, location_disclosure="area"),
        "medical-services": make_medical_service(staff_notes=NOTE),
        "hotlines": make_hotline(staff_notes=NOTE, areas=[("TX", "", "")]),
    }


def test_staff_notes_are_declared_staff_only():
    assert privacy.STAFF_ONLY_FIELDS == ("staff_notes",)
    assert not set(privacy.STAFF_ONLY_FIELDS) & set(privacy.PUBLIC_FIELDS)


def test_the_api_never_shows_them(api, noted):
    for path, listing in noted.items():
        for url in (
            f"/api/v1/{path}/",
            f"/api/v1/{path}/{listing.pk}/",
            f"/api/v1/{path}/?zip=78701",
        ):
            response = api.get(url)
            assert response.status_code == 200, url
            assert listing.name in response.content.decode(), url
            assert MARK not in response.content.decode(), url


def test_snapshots_never_hold_them(api, noted):
    snapshots.refresh()
    for region in ("TX", "US"):
        body = snapshots.current(region).body
        assert noted["shelters"].name in bytes(body).decode()
        assert MARK not in bytes(body).decode()
        response = api.get(f"/api/v1/snapshots/{region}/")
        assert MARK not in b"".join(response.streaming_content if response.streaming else
                                    [response.content]).decode()  # fmt: skip


def test_the_hsds_export_never_holds_them(noted, tmp_path):
    package = json.dumps(export_package())
    assert noted["hotlines"].name in package
    assert MARK not in package
    path = tmp_path / "hsds.json"
    call_command("export_hsds", str(path))
    assert MARK not in path.read_text()


def test_spreadsheet_exports_never_hold_them(client, noted):
    admin = User.objects.create_superuser("root", password="r-long-pass-phrase")
    signed_in(client, admin)
    for model in ("shelter", "medicalservice", "hotline"):
        rows = export_csv(client, model)
        assert rows, model
        assert MARK not in json.dumps(rows), model


def test_the_console_detail_shows_them_to_staff(client, noted):
    user = User.objects.create_user("desk", password="d-long-pass-phrase", is_staff=True)
    user.groups.add(Group.objects.get(name=HOTLINE_STAFF_GROUP))
    for path, listing in noted.items():
        type_ = {"medical-services": "medical"}.get(path, path)
        assert client.get(f"/staff/{type_}/{listing.pk}/").status_code == 302  # anonymous
        response = signed_in(client, user).get(f"/staff/{type_}/{listing.pk}/")
        assert response.status_code == 200
        assert MARK in response.content.decode()
        client.logout()


def test_an_advocate_reads_only_her_own_organisations_notes(client, cast):
    """Notes are for the people who answer calls: another organisation's advocate
    sees its listing on the console, not its notes; coalition staff see them."""
    for org in ("Ours", "Theirs"):
        shelter = cast["listings"][org]["shelter"]
        shelter.staff_notes = f"{org} back door code {MARK}"
        shelter.save()
    theirs = cast["listings"]["Theirs"]["shelter"]
    ours = cast["listings"]["Ours"]["shelter"]
    signed_in(client, cast["advocate"])
    their_page = client.get(f"/staff/shelters/{theirs.pk}/")
    assert their_page.status_code == 200 and theirs.name in their_page.content.decode()
    assert MARK not in their_page.content.decode()
    assert MARK in client.get(f"/staff/shelters/{ours.pk}/").content.decode()
    client.logout()
    signed_in(client, cast["coalition"])
    assert MARK in client.get(f"/staff/shelters/{theirs.pk}/").content.decode()

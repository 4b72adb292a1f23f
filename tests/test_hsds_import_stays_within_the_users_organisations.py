"""Issue 17 finding 5: an HSDS import runs as a named user and touches only
listings of organisations she may keep. A file carrying another organisation's
listing ids cannot move them, re-publish them, rename that organisation or
replace its hotline's channels; a coalition import that replaces a hotline's
channels says so. Nothing is written when any record is refused."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import CommandError, call_command

from shelters.hsds import export
from shelters.models import Organization

pytestmark = pytest.mark.django_db


def package(tmp_path, services: list[dict]) -> str:
    path = tmp_path / "package.json"
    path.write_text(json.dumps({"services": services}))
    return str(path)


def run(path: str, user: str, **options) -> str:
    out = io.StringIO()
    call_command("import_hsds", path, acting_user=user, stdout=out, **options)
    return out.getvalue()


def theirs_shelter_under(cast, organization: Organization) -> dict:
    shelter = cast["listings"]["Theirs"]["shelter"]
    document = export.shelter_service(shelter, shelter.updated_at)
    document["organization"] = export._organization(organization)
    document["organization_id"] = document["organization"]["id"]
    return document


def test_the_acting_user_is_required(cast, tmp_path):
    with pytest.raises(CommandError, match="--as"):
        call_command("import_hsds", package(tmp_path, []))


def test_another_organisations_listing_is_not_moved_to_ours(cast, tmp_path):
    path = package(tmp_path, [theirs_shelter_under(cast, cast["ours"])])
    with pytest.raises(CommandError, match="1 of 1 records refused"):
        run(path, "advocate")
    shelter = cast["listings"]["Theirs"]["shelter"]
    shelter.refresh_from_db()
    assert shelter.organization == cast["theirs"]


def test_even_coalition_staff_never_move_a_listing_between_organisations(cast, tmp_path):
    path = package(tmp_path, [theirs_shelter_under(cast, cast["ours"])])
    out = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_hsds", path, acting_user="coalition", stdout=out)
    assert "never moves a listing to another organisation" in out.getvalue()
    assert cast["listings"]["Theirs"]["shelter"].organization == cast["theirs"]


def test_an_archived_listing_of_theirs_is_not_republished(cast, tmp_path):
    shelter = cast["listings"]["Theirs"]["shelter"]
    document = theirs_shelter_under(cast, cast["theirs"])
    shelter.status = "archived"
    shelter.save()
    with pytest.raises(CommandError):
        run(package(tmp_path, [document]), "advocate", publish=True)
    shelter.refresh_from_db()
    assert shelter.status == "archived"


def test_another_organisation_is_not_renamed(cast, tmp_path):
    document = theirs_shelter_under(cast, cast["theirs"])
    document["organization"]["name"] = "Renamed by an advocate of Ours"
    with pytest.raises(CommandError):
        run(package(tmp_path, [document]), "advocate")
    assert Organization.objects.get(pk=cast["theirs"].pk).name == "Theirs"


def national_line(cast) -> tuple:
    hotline = cast["listings"]["Theirs"]["hotline"]
    document = export.hotline_service(hotline)
    for attribute in document["attributes"]:
        if attribute["taxonomy_term"]["name"] == "channels":
            attribute["value"] = json.dumps([{"kind": "voice", "number": "1-900-555-0199"}])
    return hotline, document


def test_a_national_hotline_of_another_organisation_keeps_its_channels(cast, tmp_path):
    hotline, document = national_line(cast)
    report = tmp_path / "report.json"
    with pytest.raises(CommandError):
        run(package(tmp_path, [document]), "advocate", report_json=str(report))
    [outcome] = json.loads(report.read_text())["outcomes"]
    assert "organisation 'Theirs' is not one of advocate's" in outcome["reason"]
    assert [c.number for c in hotline.channels.all()] == ["1-800-555-0100"]


def test_replacing_a_hotlines_channels_is_said_in_the_report(cast, tmp_path):
    hotline, document = national_line(cast)
    printed = run(package(tmp_path, [document]), "coalition")
    assert "channels replaced: voice 1-800-555-0100 -> voice 1-900-555-0199" in printed
    assert [c.number for c in hotline.channels.all()] == ["1-900-555-0199"]


def test_an_advocate_updates_her_own_organisations_listing(cast, tmp_path):
    shelter = cast["listings"]["Ours"]["shelter"]
    document = export.shelter_service(shelter, shelter.updated_at)
    document["description"] = "Updated from our own file"
    printed = run(package(tmp_path, [document]), "advocate")
    assert "shelter: updated" in printed
    shelter.refresh_from_db()
    assert shelter.description == "Updated from our own file"


def test_an_advocate_does_not_rename_her_own_organisation_by_import(cast, tmp_path):
    shelter = cast["listings"]["Ours"]["shelter"]
    document = export.shelter_service(shelter, shelter.updated_at)
    document["organization"]["name"] = "Theirs"
    printed = run(package(tmp_path, [document]), "advocate")
    assert "organisation 'Ours': name not changed (coalition staff keep" in printed
    assert Organization.objects.get(pk=cast["ours"].pk).name == "Ours"

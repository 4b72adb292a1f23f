"""CSV and XLSX import and export in the admin: scoped to the advocate's
organisations, previewed as a dry run, with row-level errors, all or nothing."""

from __future__ import annotations

import csv
import io

import pytest
import tablib
from django.core.files.uploadedfile import SimpleUploadedFile

from shelters import gazetteer
from shelters.models import Shelter

from .conftest import _add_form, make_shelter, signed_in

pytestmark = pytest.mark.django_db

CSV_FORMAT, XLSX_FORMAT = "0", "1"


def export_csv(client, model="shelter", query="") -> list[dict]:
    url = f"/admin/shelters/{model}/export/{query}"
    form: dict = {}
    _add_form(client.get(url).context["form"], form)
    form["format"] = CSV_FORMAT
    response = client.post(url, form)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))


def as_csv(rows: list[dict]) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode()


def preview(client, content: bytes, name="listings.csv", format_=CSV_FORMAT, model="shelter"):
    upload = SimpleUploadedFile(name, content)
    return client.post(f"/admin/shelters/{model}/import/",
                       {"import_file": upload, "format": format_, "resource": "0"})  # fmt: skip


def confirm(client, preview_response, model="shelter"):
    form = preview_response.context["confirm_form"]
    data = {name: form.initial[name] for name in form.initial}
    return client.post(f"/admin/shelters/{model}/process_import/", data)


def test_the_export_holds_only_the_advocates_listings(client, cast):
    rows = export_csv(signed_in(client, cast["advocate"]))
    assert [row["name"] for row in rows] == ["Ours shelter"]
    for model, name in (("medicalservice", "Ours clinic"), ("hotline", "Ours line")):
        assert [row["name"] for row in export_csv(client, model)] == [name]


def test_exporting_selected_rows_cannot_reach_another_organisation(client, cast):
    ours, theirs = cast["listings"]["Ours"]["shelter"], cast["listings"]["Theirs"]["shelter"]
    client = signed_in(client, cast["advocate"])
    response = client.post("/admin/shelters/shelter/", {
        "action": "export_admin_action", "_selected_action": [ours.pk, theirs.pk],
    })  # fmt: skip
    page = response.content.decode()
    assert "Theirs shelter" not in page
    rows = export_csv(client, query=f"?id__in={ours.pk},{theirs.pk}")
    assert [row["name"] for row in rows] == ["Ours shelter"]


def test_coalition_staff_export_everything(client, cast):
    names = {row["name"] for row in export_csv(signed_in(client, cast["coalition"]))}
    assert names == {"Ours shelter", "Theirs shelter"}


def test_an_edited_export_is_previewed_then_imported(client, cast):
    client = signed_in(client, cast["advocate"])
    rows = export_csv(client)
    rows[0].update(name="Harbor House", beds_available="7", languages="en, es")
    shown = preview(client, as_csv(rows))
    assert shown.status_code == 200
    assert not shown.context["result"].has_errors()
    assert "Harbor House" in shown.content.decode()
    ours = Shelter.objects.get(pk=rows[0]["id"])
    assert ours.name == "Ours shelter"  # the preview was a dry run

    assert confirm(client, shown).status_code == 302
    ours.refresh_from_db()
    assert (ours.name, ours.beds_available, ours.languages) == ("Harbor House", 7, ["en", "es"])
    assert ours.beds_updated_by == cast["advocate"]
    latest = Shelter.history.filter(id=ours.pk).latest("history_date")
    assert (latest.name, latest.history_user) == ("Harbor House", cast["advocate"])


def test_an_xlsx_import_adds_a_listing_and_places_it(client, cast):
    client = signed_in(client, cast["advocate"])
    sheet = tablib.Dataset(headers=["organization", "name", "kind", "status",
                                    "location_disclosure", "city", "state", "postal_code",
                                    "populations", "beds_total", "beds_available"])  # fmt: skip
    sheet.append([cast["ours"].pk, "Quiet Harbor", "emergency_shelter", "published", "area",
                  "Austin", "TX", "78702", "women, families_with_children", 10, 4])  # fmt: skip
    shown = preview(client, sheet.export("xlsx"), name="new.xlsx", format_=XLSX_FORMAT)
    assert not shown.context["result"].has_errors(), shown.context["result"].invalid_rows
    confirm(client, shown)
    added = Shelter.objects.get(name="Quiet Harbor")
    assert added.organization == cast["ours"]
    assert added.populations == ["women", "families_with_children"]
    assert added.point == gazetteer.lookup_zip("78702").point
    assert added.point_source == "zip"
    assert added.public_point != added.point


def test_row_errors_are_listed_and_nothing_is_imported(client, cast):
    client = signed_in(client, cast["advocate"])
    good = export_csv(client)[0]
    good_change = {**good, "name": "Would be renamed"}
    too_many_beds = {**good, "id": "", "name": "Overfull", "beds_total": "3",
                     "beds_available": "9"}  # fmt: skip
    unknown_kind = {**good, "id": "", "name": "Odd", "kind": "castle"}
    shown = preview(client, as_csv([good_change, too_many_beds, unknown_kind]))
    result = shown.context["result"]
    assert result.has_validation_errors()
    invalid = {row.number: row.error_dict for row in result.invalid_rows}
    assert set(invalid) == {2, 3}
    assert "castle" in str(invalid[3]["kind"])
    assert "confirm_form" not in shown.context or shown.context["confirm_form"] is None
    assert not Shelter.objects.filter(name__in=["Would be renamed", "Overfull", "Odd"]).exists()


@pytest.mark.parametrize("change", ["their_id", "their_organization"])
def test_an_advocate_cannot_import_into_another_organisation(client, cast, change):
    theirs = cast["listings"]["Theirs"]["shelter"]
    client = signed_in(client, cast["advocate"])
    row = export_csv(client)[0]
    if change == "their_id":
        row.update(id=str(theirs.pk), name="Taken over")
    else:
        row.update(id="", organization=str(cast["theirs"].pk), name="Planted")
    shown = preview(client, as_csv([row]))
    assert shown.context["result"].has_validation_errors()
    theirs.refresh_from_db()
    assert theirs.name == "Theirs shelter"
    assert not Shelter.objects.filter(name__in=["Taken over", "Planted"]).exists()


def test_a_public_address_needs_recorded_authorisation_in_an_import(client, cast):
    client = signed_in(client, cast["advocate"])
    row = export_csv(client)[0]
    row.update(address_publication_authorized_by="", address_publication_authorized_on="")
    shown = preview(client, as_csv([row]))
    [invalid] = shown.context["result"].invalid_rows
    assert "address_publication_authorized_by" in invalid.error_dict


def test_a_confidential_shelters_true_location_stays_out_of_exports(client, cast):
    hidden_away = make_shelter(organization=cast["ours"], name="Quiet House",
                               location_disclosure="area", street_address="77 Hidden Lane",
                               postal_code="78702", latitude=30.2634567,
                               longitude=-97.7212345)  # fmt: skip
    client = signed_in(client, cast["advocate"])
    rows = export_csv(client)
    row = next(row for row in rows if row["name"] == "Quiet House")
    for column in ("street_address", "postal_code", "latitude", "longitude"):
        assert row[column] == ""
    assert "Hidden Lane" not in str(rows) and "30.2634567" not in str(rows)
    public_row = next(row for row in rows if row["name"] == "Ours shelter")
    assert public_row["street_address"] == "1 Test Street"

    row["beds_total"] = "9"
    shown = preview(client, as_csv([row]))
    assert not shown.context["result"].has_errors(), shown.context["result"].invalid_rows
    assert "Hidden Lane" not in shown.content.decode()
    confirm(client, shown)
    hidden_away.refresh_from_db()
    assert hidden_away.beds_total == 9
    assert (hidden_away.street_address, hidden_away.postal_code) == ("77 Hidden Lane", "78702")
    assert (hidden_away.latitude, hidden_away.longitude) == (30.2634567, -97.7212345)

    row["street_address"] = "5 New Road"
    confirm(client, preview(client, as_csv([row])))
    hidden_away.refresh_from_db()
    assert hidden_away.street_address == "5 New Road"

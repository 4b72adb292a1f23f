"""A bed count or a verification dated in the future is refused on every path,
and one stored before the rule fools neither the public nor stale_listings."""

from __future__ import annotations

import io
from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone

from shelters.models import Shelter

from .conftest import admin_form_data, make_shelter, signed_in
from .test_spreadsheets import as_csv, export_csv, preview

pytestmark = pytest.mark.django_db

YEAR_2099 = date(2099, 12, 31)


def test_model_validation_refuses_a_bed_count_dated_in_the_future(settings):
    settings.FUTURE_TIMESTAMP_SKEW_SECONDS = 300
    shelter = make_shelter(beds_total=10, beds_available=3)
    shelter.beds_updated_at = timezone.now() + timedelta(days=30)
    with pytest.raises(ValidationError) as refused:
        shelter.clean_fields()  # what full_clean, spreadsheets and the HSDS loader run
    assert "beds_updated_at" in refused.value.message_dict
    shelter.beds_updated_at = timezone.now() + timedelta(minutes=2)  # a fast clock
    shelter.clean_fields()


def test_model_validation_refuses_a_verification_date_in_the_future():
    shelter = make_shelter()
    shelter.last_verified = YEAR_2099
    with pytest.raises(ValidationError) as refused:
        shelter.full_clean()
    assert "last_verified" in refused.value.message_dict


def test_a_bed_count_dated_in_the_future_is_not_current(client):
    make_shelter(name="Time traveller", beds_total=10, beds_available=4,
                 beds_updated_at=timezone.now() + timedelta(days=365 * 70))  # fmt: skip
    shelter = Shelter.objects.get(name="Time traveller")
    assert not shelter.availability_is_current()
    found = client.get("/api/v1/shelters/", {"has_beds": "true", "state": "TX"}).json()
    assert "Time traveller" not in str(found)


def test_the_admin_does_not_let_anyone_type_the_verification_date(client, cast):
    ours = cast["listings"]["Ours"]["shelter"]
    Shelter.objects.filter(pk=ours.pk).update(last_verified=date(2025, 1, 1))
    client = signed_in(client, cast["advocate"])
    url = f"/admin/shelters/shelter/{ours.pk}/change/"
    form = admin_form_data(client.get(url))
    form["last_verified"] = YEAR_2099.isoformat()
    form["name"] = "Ours shelter renamed"
    response = client.post(url, form)
    assert response.status_code == 302
    ours.refresh_from_db()
    assert ours.name == "Ours shelter renamed"
    assert ours.last_verified == date(2025, 1, 1)


def test_a_spreadsheet_cannot_set_the_verification_date(client, cast):
    ours = cast["listings"]["Ours"]["shelter"]
    Shelter.objects.filter(pk=ours.pk).update(last_verified=date(2025, 1, 1))
    client = signed_in(client, cast["advocate"])
    rows = export_csv(client)
    rows[0].update(last_verified=YEAR_2099.isoformat(), name="Renamed by sheet")
    shown = preview(client, as_csv(rows))
    from .test_spreadsheets import confirm

    confirm(client, shown)
    ours.refresh_from_db()
    assert ours.name == "Renamed by sheet"
    assert ours.last_verified == date(2025, 1, 1)


def test_a_verification_date_stored_in_the_future_does_not_hide_a_listing(capsys):
    make_shelter(name="Dated 2099")
    Shelter.objects.filter(name="Dated 2099").update(last_verified=YEAR_2099)
    assert Shelter.objects.verification_due().filter(name="Dated 2099").exists()
    call_command("stale_listings", stdout=io.StringIO())
    out = io.StringIO()
    call_command("stale_listings", stdout=out)
    assert "Dated 2099" in out.getvalue() + capsys.readouterr().out

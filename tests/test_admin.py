"""Advocates can reach every listing type in the real Django admin."""

from datetime import time

import pytest
from django.contrib.admin import site
from django.contrib.auth.models import User
from simple_history.admin import SimpleHistoryAdmin

from shelters.models import Guidance, MedicalServiceHours, MedicalServicePhone

from .conftest import make_hotline, make_medical_service, make_shelter

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    user = User.objects.create_superuser("coalition", "c@example.org", "a-long-pass-phrase")
    client.force_login(user)
    return client


@pytest.mark.parametrize(
    "model", ["organization", "shelter", "hotline", "hotlinechannel", "medicalservice"]
)
def test_changelist_and_add_pages_load(admin_client, model):
    make_shelter()
    make_hotline()
    make_medical_service()
    assert admin_client.get(f"/admin/shelters/{model}/").status_code == 200
    assert admin_client.get(f"/admin/shelters/{model}/add/").status_code == 200


def test_shelter_list_filters_by_state_status_and_kind(admin_client):
    make_shelter(name="Texan", state="TX", status="published", kind="emergency_shelter")
    make_shelter(name="Ohioan", state="OH", city="Columbus", postal_code="43215", status="draft")
    page = admin_client.get("/admin/shelters/shelter/?state__exact=TX&status__exact=published")
    assert b"Texan" in page.content and b"Ohioan" not in page.content


def test_shelter_change_form_has_phones_hours_and_coordinates(admin_client):
    shelter = make_shelter()
    html = admin_client.get(f"/admin/shelters/shelter/{shelter.pk}/change/").content.decode()
    for field in (
        "phones-0-number",
        "hours-TOTAL_FORMS",
        'name="latitude"',
    ):
        assert field in html
    # Shown, but set only by the verify action (tests/test_future_timestamps_are_refused.py).
    assert 'name="last_verified"' not in html
    assert "field-last_verified" in html


def shelter_form(shelter, **overrides) -> dict:
    form = {
        "organization": shelter.organization_id, "name": shelter.name, "kind": "emergency_shelter",
        "description": "", "status": "published", "location_disclosure": "area",
        "address_publication_authorized_by": "", "address_publication_authorized_on": "",
        "street_address": "1 Test Street",
        "city": "Austin", "county": "Travis County", "state": "TX", "postal_code": "78701",
        "country": "US", "latitude": "30.2672", "longitude": "-97.7431", "timezone": "",
        "populations": ["women"], "accepts_children": "on", "max_boy_age": "12",
        "languages": ["en"], "services": ["counseling"], "free_of_charge": "on",
        "beds_total": "10", "beds_available": "1", "beds_updated_at_0": "", "beds_updated_at_1": "",
        "last_verified": "2026-11-20",
        "phones-TOTAL_FORMS": "1", "phones-INITIAL_FORMS": "1", "phones-MIN_NUM_FORMS": "0",
        "phones-MAX_NUM_FORMS": "1000", "phones-0-id": shelter.phones.get().pk,
        "phones-0-shelter": shelter.pk, "phones-0-type": "intake",
        "phones-0-number": shelter.phones.get().number, "phones-0-hours": "",
        "hours-TOTAL_FORMS": "0", "hours-INITIAL_FORMS": "0", "hours-MIN_NUM_FORMS": "0",
        "hours-MAX_NUM_FORMS": "1000",
    }  # fmt: skip
    form.update(overrides)
    return form


def test_advocate_can_save_a_shelter_through_the_admin(admin_client):
    shelter = make_shelter(beds_total=10, beds_available=1)
    form = shelter_form(
        shelter,
        name="Renamed",
        beds_available="4",
        languages=["en", "es"],
        **{"phones-0-number": "512-555-0111"},
    )
    response = admin_client.post(f"/admin/shelters/shelter/{shelter.pk}/change/", form)
    assert response.status_code == 302, response.context["adminform"].form.errors
    shelter.refresh_from_db()
    assert shelter.name == "Renamed"
    assert shelter.beds_available == 4
    assert shelter.languages == ["en", "es"]
    assert shelter.phones.get().number == "512-555-0111"
    assert shelter.location_disclosure == "area"
    assert shelter.public_point != shelter.point


def test_publishing_an_address_in_the_admin_needs_authorisation(admin_client):
    shelter = make_shelter()
    url = f"/admin/shelters/shelter/{shelter.pk}/change/"
    refused = admin_client.post(url, shelter_form(shelter, location_disclosure="public"))
    assert refused.status_code == 200
    assert "address_publication_authorized_by" in refused.context["adminform"].form.errors
    accepted = admin_client.post(
        url,
        shelter_form(
            shelter,
            location_disclosure="public",
            address_publication_authorized_by="Director, by letter",
            address_publication_authorized_on="2026-11-01",
        ),
    )
    assert accepted.status_code == 302


def test_admin_refuses_more_available_beds_than_total_and_keeps_the_old_count(admin_client):
    shelter = make_shelter(beds_total=10, beds_available=1)
    form = shelter_form(shelter, beds_total="3", beds_available="9")
    response = admin_client.post(f"/admin/shelters/shelter/{shelter.pk}/change/", form)
    assert response.status_code == 200
    assert response.context["adminform"].form.errors
    shelter.refresh_from_db()
    assert (shelter.beds_total, shelter.beds_available) == (10, 1)


def test_admin_sessions_end_after_the_idle_time(client, settings):
    assert settings.SESSION_SAVE_EVERY_REQUEST is True  # each request restarts the clock
    user = User.objects.create_superuser("idle", "i@example.org", "a-long-pass-phrase")
    client.force_login(user)
    response = client.get("/admin/")
    assert response.status_code == 200
    assert response.cookies["sessionid"]["max-age"] == 30 * 60


def history_admins():
    return [
        model._meta.model_name
        for model, model_admin in site._registry.items()
        if isinstance(model_admin, SimpleHistoryAdmin) and model._meta.app_label == "shelters"
    ]


@pytest.mark.parametrize("model_name", history_admins())
def test_every_history_page_in_the_admin_renders(admin_client, model_name):
    shelter = make_shelter(hours=[(0, (9, 0), (17, 0))])
    medical = make_medical_service()
    hotline = make_hotline(areas=[("TX", "Travis County", "")])
    medical_phone = MedicalServicePhone.objects.create(
        medical_service=medical, number="512-555-0150"
    )
    medical_hours = MedicalServiceHours.objects.create(
        medical_service=medical, weekday=1, opens=time(8), closes=time(18)
    )
    rows = {"organization": shelter.organization, "shelter": shelter,
            "shelterphone": shelter.phones.get(), "shelterhours": shelter.hours.get(),
            "medicalservice": medical, "medicalservicephone": medical_phone,
            "medicalservicehours": medical_hours, "hotline": hotline,
            "hotlinechannel": hotline.channels.get(),
            "hotlinearea": hotline.areas.get(),
            "guidance": Guidance.objects.order_by("pk").first()}  # fmt: skip
    row = rows[model_name]
    response = admin_client.get(f"/admin/shelters/{model_name}/{row.pk}/history/")
    assert response.status_code == 200
    assert str(row) in response.content.decode()


@pytest.mark.parametrize("model", ["shelter", "medicalservice", "hotline"])
@pytest.mark.parametrize("page", ["import", "export"])
def test_import_and_export_pages_load(admin_client, model, page):
    response = admin_client.get(f"/admin/shelters/{model}/{page}/")
    assert response.status_code == 200
    page_text = response.content.decode().lower()
    assert "csv" in page_text and "xlsx" in page_text

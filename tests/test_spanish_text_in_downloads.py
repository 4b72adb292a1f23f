"""Snapshots and the HSDS export carry the Spanish text beside the English, and a
snapshot carries its region's guidance in both languages (issue 14)."""

from __future__ import annotations

import json

import pytest
from django.core.management import call_command

from shelters import snapshots
from shelters.models import HotlineChannel, ShelterPhone
from tests.conftest import make_hotline, make_shelter

pytestmark = pytest.mark.django_db


@pytest.fixture
def texan():
    shelter = make_shelter(
        state="TX", city="Austin", postal_code="78701", latitude=30.27, longitude=-97.74,
        description="A safe place.", description_es="Un lugar seguro.",
    )  # fmt: skip
    ShelterPhone.objects.filter(shelter=shelter).update(hours_en="Mon-Fri", hours_es="Lun-Vie")
    hotline = make_hotline(description="Statewide line.", description_es="Línea estatal.")
    HotlineChannel.objects.filter(hotline=hotline).update(notes_es="Marque 2")
    return shelter, hotline


def test_a_snapshot_carries_spanish_text_and_its_regions_guidance(client, texan):
    shelter, hotline = texan
    snapshots.refresh()
    body = client.get("/api/v1/snapshots/TX/").json()
    item = next(s for s in body["shelters"] if s["id"] == shelter.pk)
    assert item["description"] == "A safe place."
    assert item["translations"] == {
        "es": {"description": "Un lugar seguro.", "phones": [{"hours": "Lun-Vie"}]}
    }
    line = next(h for h in body["hotlines"] if h["id"] == hotline.pk)
    assert line["translations"]["es"]["description"] == "Línea estatal."
    assert line["translations"]["es"]["channels"] == [{"notes": "Marque 2"}]
    assert body["guidance"]["es"]["state"] == "TX"
    assert body["guidance"]["es"]["steps"][0]["lang"] == "es"
    assert body["guidance"]["en"]["steps"][0]["lang"] == "en"


def test_a_listing_without_spanish_has_no_translations(client):
    make_shelter(state="TX", city="Austin", postal_code="78701", description="Only English.")
    snapshots.refresh()
    body = client.get("/api/v1/snapshots/TX/").json()
    assert [s["translations"] for s in body["shelters"]] == [{}]


def test_the_hsds_export_carries_spanish_text_as_an_attribute(tmp_path, texan):
    shelter, _hotline = texan
    path = tmp_path / "export.json"
    call_command("export_hsds", str(path))
    package = json.loads(path.read_text())
    services = [s for s in package["services"] if s["id"] == str(shelter.hsds_id)]
    assert services[0]["description"] == "A safe place."
    translations = [
        json.loads(a["value"])
        for a in services[0]["attributes"]
        if a["taxonomy_term"]["name"] == "translations"
    ]
    assert translations == [
        {"es": {"description": "Un lugar seguro.", "phones": [{"hours": "Lun-Vie"}]}}
    ]


def test_an_hsds_round_trip_keeps_the_spanish_text(tmp_path, texan, importer):
    shelter, hotline = texan
    path = tmp_path / "export.json"
    call_command("export_hsds", str(path))
    shelter.description_es = ""
    shelter.save()
    ShelterPhone.objects.filter(shelter=shelter).update(hours_es="")
    # import_hsds (issue 11) runs as a named user: coalition staff here.
    call_command("import_hsds", str(path), acting_user=importer.username)
    shelter.refresh_from_db()
    assert shelter.description_es == "Un lugar seguro."
    assert [p.hours_es for p in shelter.phones.all()] == ["Lun-Vie"]
    hotline.refresh_from_db()
    assert hotline.description_es == "Línea estatal."

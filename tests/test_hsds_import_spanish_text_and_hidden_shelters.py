"""Our own export comes back whole: the Spanish text (the `translations`
attribute) returns to the Spanish columns, a hidden shelter (exported with no
location, only its state) loads with its state and nothing below it, and
`last_modified` comes back as the listing's public updated_at."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command

from shelters.hsds.directory import term_id
from shelters.hsds.export import last_modified
from shelters.models import Hotline, MedicalService, Organization, Shelter

from .conftest import make_hotline, make_medical_service, make_shelter, run_import_hsds

pytestmark = pytest.mark.django_db


@pytest.fixture
def spanish_directory(importer):
    shelter = make_shelter(
        name="Casa Refugio",
        description="A safe place.",
        description_es="Un lugar seguro.",
        location_disclosure="hidden",
    )
    phone = shelter.phones.get()
    phone.hours, phone.hours_es = "Call by day", "Llame de día"
    phone.save()
    make_medical_service(name="Clinic", accessibility_notes="Ramp at the side door",
                         accessibility_notes_es="Rampa en la puerta lateral")  # fmt: skip
    hotline = make_hotline(name="Line", description="Help line", description_es="Línea de ayuda")
    channel = hotline.channels.get()
    channel.notes, channel.notes_es = "Volunteers answer", "Contestan voluntarias"
    channel.save()
    make_shelter(name="English only")


def exported(tmp_path, name: str) -> dict:
    path = tmp_path / name
    call_command("export_hsds", str(path), stderr=io.StringIO())
    package = json.loads(path.read_text())
    package.pop("generated_at")
    return package


def spanish_columns() -> dict:
    shelter = Shelter.objects.get(name="Casa Refugio")
    return {
        "shelter": shelter.description_es,
        "phone": shelter.phones.get().hours_es,
        "medical": MedicalService.objects.get().accessibility_notes_es,
        "hotline": Hotline.objects.get().description_es,
        "channel": Hotline.objects.get().channels.get().notes_es,
    }


SPANISH = {
    "shelter": "Un lugar seguro.",
    "phone": "Llame de día",
    "medical": "Rampa en la puerta lateral",
    "hotline": "Línea de ayuda",
    "channel": "Contestan voluntarias",
}


def empty_the_directory() -> None:
    for model in (Shelter, MedicalService, Hotline, Organization):
        model.objects.all().delete()


def test_spanish_text_comes_back_into_an_empty_database(spanish_directory, tmp_path):
    first = exported(tmp_path, "first.json")
    empty_the_directory()
    run_import_hsds(tmp_path / "first.json", publish=True,
                    publication_authorized_by="Coalition director")  # fmt: skip
    assert spanish_columns() == SPANISH
    # New listings take their public updated_at from last_modified (to the
    # millisecond HSDS gives), not from the moment of the import.
    for service in first["services"]:
        listing = next(model.objects.get(hsds_id=service["id"])
                       for model in (Shelter, MedicalService, Hotline)
                       if model.objects.filter(hsds_id=service["id"]).exists())  # fmt: skip
        assert last_modified(listing.public_updated_at) == service["last_modified"]
    assert exported(tmp_path, "second.json") == first


def test_a_hidden_shelter_loads_with_its_state_and_nothing_below_it(spanish_directory, tmp_path):
    exported(tmp_path, "first.json")
    empty_the_directory()
    run_import_hsds(tmp_path / "first.json", publish=True)
    hidden = Shelter.objects.get(name="Casa Refugio")
    assert (hidden.location_disclosure, hidden.state) == ("hidden", "TX")
    assert (hidden.street_address, hidden.city, hidden.postal_code) == ("", "", "")
    assert (hidden.latitude, hidden.longitude, hidden.public_latitude) == (None, None, None)


def test_reimport_into_the_source_changes_no_row(spanish_directory, tmp_path):
    exported(tmp_path, "first.json")
    before = io.StringIO()
    call_command("dumpdata", "shelters", stdout=before)
    printed = run_import_hsds(tmp_path / "first.json", publish=True)
    after = io.StringIO()
    call_command("dumpdata", "shelters", stdout=after)
    assert "4 unchanged" in printed
    assert after.getvalue() == before.getvalue()


def without_translations(package: dict) -> dict:
    for service in package["services"]:
        service["attributes"] = [a for a in service["attributes"]
                                 if a["taxonomy_term"]["name"] != "translations"]  # fmt: skip
    return package


def test_a_file_without_spanish_text_keeps_the_stored_translations(spanish_directory, tmp_path):
    """Most publishers carry no Spanish: their file must not erase ours. Phones and
    channels are replaced whole by a file that changes them, but these do not change."""
    package = without_translations(exported(tmp_path, "first.json"))
    (tmp_path / "english.json").write_text(json.dumps(package))
    run_import_hsds(tmp_path / "english.json")
    assert spanish_columns() == SPANISH


def test_a_changed_english_text_leaves_no_stale_translation(spanish_directory, tmp_path):
    package = without_translations(exported(tmp_path, "first.json"))
    for service in package["services"]:
        if service["name"] == "Casa Refugio":
            service["description"] = "A safe place, with a garden."
    (tmp_path / "changed.json").write_text(json.dumps(package))
    report = run_import_hsds(tmp_path / "changed.json")
    assert spanish_columns() == {**SPANISH, "shelter": ""}
    assert "the stored es translation was removed" in report


def test_every_attribute_term_the_export_uses_is_listed(spanish_directory, tmp_path, api):
    package = exported(tmp_path, "first.json")
    used = set()
    for service in package["services"]:
        for owner in [service, *service.get("phones", [])]:
            used |= {a["taxonomy_term_id"] for a in owner.get("attributes", [])}
    listed = {
        term["id"] for term in api.get("/hsds/taxonomy_terms?per_page=100").json()["contents"]
    }
    assert term_id("translations") in used
    assert used <= listed


def test_the_translations_term_finds_the_listings_with_spanish_text(spanish_directory, api):
    found = api.get("/hsds/services", {"taxonomy_term_id": term_id("translations"),
                                       "per_page": 50}).json()  # fmt: skip
    assert {service["name"] for service in found["contents"]} == {
        "Casa Refugio", "Clinic", "Line"
    }  # fmt: skip

"""Finding 16: loading our own HSDS export back into the database it came from
changes nothing that the export reduced, invents no publication authorisation and
leaves each listing's publication status alone unless asked.

The export carries only what the public may see; an import that took it as the
truth would replace a confidential shelter's real address with its public
reduction, and would make up the written authorisation a public address needs."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.management import call_command

from shelters.models import Shelter

from .conftest import make_shelter

pytestmark = pytest.mark.django_db

TRUE_FIELDS = ("street_address", "postal_code", "latitude", "longitude", "city", "county",
               "timezone")  # fmt: skip
AUTHORISED = {"address_publication_authorized_by": "Director, by letter",
              "address_publication_authorized_on": date(2026, 1, 5)}  # fmt: skip


@pytest.fixture
def shelters(importer):
    return {
        "public": make_shelter(name="Public shelter", **AUTHORISED),
        "area": make_shelter(name="Area shelter", location_disclosure="area",
                             street_address="41 Confidential Row", postal_code="78702",
                             latitude=30.2634567, longitude=-97.7212345),
        "hidden": make_shelter(name="Hidden shelter", location_disclosure="hidden",
                               street_address="9 Secret Court", postal_code="78703",
                               latitude=30.3012345, longitude=-97.7012345),
    }  # fmt: skip


def export(tmp_path) -> str:
    path = tmp_path / "export.json"
    call_command("export_hsds", str(path))
    return str(path)


def stored(shelter: Shelter) -> dict:
    shelter.refresh_from_db()
    return {name: getattr(shelter, name) for name in TRUE_FIELDS}


def test_reimport_keeps_the_true_location_of_confidential_shelters(shelters, tmp_path):
    before = {level: stored(shelter) for level, shelter in shelters.items()}
    call_command("import_hsds", export(tmp_path), acting_user="importer")
    after = {level: stored(shelter) for level, shelter in shelters.items()}
    assert after == before
    assert after["hidden"]["timezone"] == "America/Chicago"


def test_reimport_invents_no_publication_authorisation(shelters, tmp_path):
    call_command("import_hsds", export(tmp_path), acting_user="importer")
    shelter = shelters["public"]
    shelter.refresh_from_db()
    assert shelter.address_publication_authorized_by == "Director, by letter"
    assert shelter.address_publication_authorized_on == date(2026, 1, 5)


def test_a_new_public_shelter_without_an_authorisation_arrives_area_only(shelters, tmp_path):
    path = export(tmp_path)
    Shelter.objects.all().delete()
    call_command("import_hsds", path, acting_user="importer")
    shelter = Shelter.objects.get(name="Public shelter")
    assert shelter.location_disclosure == "area"
    assert shelter.address_publication_authorized_by == ""
    assert shelter.address_publication_authorized_on is None
    assert shelter.street_address == "1 Test Street"  # kept, but not published
    assert shelter.public_postal_code == ""


def test_an_authorisation_given_at_import_is_recorded_as_given(shelters, tmp_path):
    path = export(tmp_path)
    Shelter.objects.all().delete()
    call_command("import_hsds", path, acting_user="importer",
                 publication_authorized_by="Coalition director, memo 12")  # fmt: skip
    shelter = Shelter.objects.get(name="Public shelter")
    assert shelter.location_disclosure == "public"
    assert shelter.address_publication_authorized_by == "Coalition director, memo 12"
    assert shelter.address_publication_authorized_on is not None


def test_reimport_never_raises_a_disclosure_level(shelters, tmp_path):
    path = export(tmp_path)
    moved = shelters["public"]
    moved.location_disclosure = "hidden"
    moved.street_address, moved.postal_code = "7 New Hideout Lane", "78704"
    moved.latitude, moved.longitude = 30.2450123, -97.7690123
    moved.save()
    before = stored(moved)
    call_command("import_hsds", path, acting_user="importer")
    moved.refresh_from_db()
    assert moved.location_disclosure == "hidden"
    assert stored(moved) == before
    assert moved.public_latitude is None


def test_reimport_leaves_a_drafted_listing_in_draft(shelters, tmp_path):
    path = export(tmp_path)
    Shelter.objects.filter(name="Area shelter").update(status="draft")
    call_command("import_hsds", path, acting_user="importer")
    assert Shelter.objects.get(name="Area shelter").status == "draft"


def test_publish_publishes_new_listings_never_stored_ones(shelters, tmp_path):
    """Finding 5 of issue 17: an import never re-publishes a draft or archived
    listing; --publish (which replaced --publish-existing) is for new ones."""
    path = export(tmp_path)
    Shelter.objects.filter(name="Area shelter").update(status="archived")
    Shelter.objects.filter(name="Hidden shelter").delete()
    call_command("import_hsds", path, acting_user="importer", publish=True)
    assert Shelter.objects.get(name="Area shelter").status == "archived"
    assert Shelter.objects.get(name="Hidden shelter").status == "published"

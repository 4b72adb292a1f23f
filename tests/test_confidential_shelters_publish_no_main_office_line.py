"""An area-only or hidden shelter does not publish its main office line beside its
intake lines: an office landline's exchange names a town where the listing shows
only a cell or a state. Every public surface reads the same payload; a main line
that is a listing's only phone stays, or no one could call it."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from shelters import snapshots
from shelters.hsds.export import export_package

from .conftest import make_shelter

pytestmark = pytest.mark.django_db

OFFICE = "606-348-0000"
INTAKE = "1-800-555-0199"


def shown_everywhere(api, shelter) -> str:
    snapshots.refresh()
    return "\n".join([
        api.get(f"/api/v1/shelters/{shelter.pk}/").content.decode(),
        api.get("/api/v1/shelters/", {"state": shelter.state}).content.decode(),
        api.get(f"/hsds/services/{shelter.hsds_id}").content.decode(),
        Client().get(f"/api/v1/snapshots/{shelter.state}/").content.decode(),
        Client().get(f"/shelters/{shelter.pk}/").content.decode(),
        json.dumps(export_package()),
    ])  # fmt: skip


@pytest.mark.parametrize("level", ["area", "hidden"])
def test_a_confidential_shelter_shows_its_intake_line_not_its_office(api, level):
    shelter = make_shelter(location_disclosure=level, phones=[("main", OFFICE), ("intake", INTAKE)])
    text = shown_everywhere(api, shelter)
    assert INTAKE in text
    assert OFFICE not in text


def test_a_public_shelter_shows_both(api):
    shelter = make_shelter(phones=[("main", OFFICE), ("intake", INTAKE)])
    numbers = [p["number"] for p in api.get(f"/api/v1/shelters/{shelter.pk}/").json()["phones"]]
    assert numbers == [OFFICE, INTAKE]


def test_an_only_phone_stays(api):
    shelter = make_shelter(location_disclosure="hidden", phones=[("main", OFFICE)])
    numbers = [p["number"] for p in api.get(f"/api/v1/shelters/{shelter.pk}/").json()["phones"]]
    assert numbers == [OFFICE]

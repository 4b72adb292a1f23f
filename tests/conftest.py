"""Small factories shared by the tests. Every test talks to a real database."""

from __future__ import annotations

import itertools
import os
from datetime import time

import pytest
from django.core.management import call_command
from django.utils import timezone
from hypothesis import settings
from rest_framework.test import APIClient

from shelters import privacy
from shelters.models import (
    Hotline,
    HotlineArea,
    HotlineChannel,
    MedicalService,
    Organization,
    Shelter,
    ShelterHours,
    ShelterPhone,
)

_sequence = itertools.count(1)

# In CI the property tests replay the same examples on every run, so a landing
# never depends on luck; run locally, they keep exploring new ones.
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")


@pytest.fixture
def api() -> APIClient:
    return APIClient()


@pytest.fixture
def sample_data(db):
    call_command("load_sample_data", verbosity=0)


def make_organization(**fields) -> Organization:
    fields.setdefault("name", f"Test organisation {next(_sequence)}")
    return Organization.objects.create(**fields)


def make_shelter(**fields) -> Shelter:
    phones = fields.pop("phones", [("intake", "512-555-0100")])
    hours = fields.pop("hours", [])
    fields.setdefault("organization", fields.get("organization") or make_organization())
    fields.setdefault("name", f"Test shelter {next(_sequence)}")
    fields.setdefault("kind", "emergency_shelter")
    fields.setdefault("status", "published")
    fields.setdefault("location_disclosure", "public")
    fields.setdefault("street_address", "1 Test Street")
    fields.setdefault("city", "Austin")
    fields.setdefault("county", "Travis County")
    fields.setdefault("state", "TX")
    fields.setdefault("postal_code", "78701")
    fields.setdefault("latitude", 30.2672)
    fields.setdefault("longitude", -97.7431)
    shelter = Shelter.objects.create(**fields)
    for phone_type, number in phones:
        ShelterPhone.objects.create(shelter=shelter, type=phone_type, number=number)
    for weekday, opens, closes in hours:
        ShelterHours.objects.create(
            shelter=shelter, weekday=weekday, opens=time(*opens), closes=time(*closes)
        )
    return shelter


def bulk_shelters(points, **fields) -> list[Shelter]:
    """Many shelters in one INSERT; public fields derived as a save would."""
    organization = fields.pop("organization", None) or make_organization()
    fields.setdefault("location_disclosure", "public")
    shelters = []
    for index, (lat, lon) in enumerate(points):
        shelter = Shelter(
            organization=organization,
            name=f"Bulk shelter {index}",
            kind="emergency_shelter",
            status="published",
            city="Nowhere",
            state="TX",
            latitude=lat,
            longitude=lon,
            **fields,
        )
        privacy.refresh_public_fields(shelter)
        shelters.append(shelter)
    return Shelter.objects.bulk_create(shelters)


def make_medical_service(**fields) -> MedicalService:
    fields.setdefault("organization", make_organization())
    fields.setdefault("name", f"Test clinic {next(_sequence)}")
    fields.setdefault("kind", "clinic")
    fields.setdefault("status", "published")
    fields.setdefault("city", "Austin")
    fields.setdefault("state", "TX")
    fields.setdefault("postal_code", "78701")
    fields.setdefault("latitude", 30.2672)
    fields.setdefault("longitude", -97.7431)
    return MedicalService.objects.create(**fields)


def make_hotline(areas=(), channels=(("voice", "1-800-555-0100"),), **fields) -> Hotline:
    fields.setdefault("organization", make_organization())
    fields.setdefault("name", f"Test hotline {next(_sequence)}")
    fields.setdefault("status", "published")
    fields.setdefault("topics", ["domestic_violence"])
    fields.setdefault("coverage", "regional" if areas else "national")
    hotline = Hotline.objects.create(**fields)
    for state, county, postal_code in areas:
        HotlineArea.objects.create(
            hotline=hotline, state=state, county=county, postal_code=postal_code
        )
    for kind, number in channels:
        HotlineChannel.objects.create(
            hotline=hotline,
            kind=kind,
            number=number if kind != "chat" else "",
            url="https://example.org/chat" if kind == "chat" else "",
        )
    return hotline


def now():
    return timezone.now()

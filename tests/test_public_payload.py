"""The fast payload functions and the documented serializers say the same thing,
and the in-memory hotline directory applies the same coverage rule as SQL."""

import pytest
from django.utils import timezone

from shelters import hotline_directory, public, selectors
from shelters.api import serializers
from shelters.models import Hotline, MedicalService, Shelter

from .conftest import make_hotline

pytestmark = pytest.mark.django_db


def test_shelter_payload_matches_its_documented_serializer(sample_data):
    now = timezone.now()
    for shelter in Shelter.objects.prefetch_related("phones", "hours"):
        shelter.distance_km = 12.3456
        documented = serializers.ShelterSerializer(shelter, context={"now": now}).data
        assert public.shelter(shelter, now) == documented


def test_medical_payload_matches_its_documented_serializer(sample_data):
    now = timezone.now()
    for service in MedicalService.objects.prefetch_related("phones", "hours"):
        documented = serializers.MedicalServiceSerializer(service, context={"now": now}).data
        assert public.medical_service(service, now) == documented


def test_hotline_payload_matches_its_documented_serializer(sample_data):
    for hotline in Hotline.objects.prefetch_related("areas", "channels__hours"):
        assert public.hotline(hotline) == serializers.HotlineSerializer(hotline).data


@pytest.mark.parametrize(
    ("state", "county", "zip_code"),
    [("TX", "Travis County", "78701"), ("TX", "", ""), ("TX", "Harris County", "77002"),
     ("OH", "", ""), ("TX", "travis", ""), ("", "", ""), ("NY", "New York County", "10001")],
)  # fmt: skip
def test_in_memory_coverage_matches_the_sql_rule(sample_data, state, county, zip_code):
    make_hotline(name="ZIP line", areas=[("TX", "", "78701")])
    make_hotline(name="Harris line", areas=[("TX", "Harris County", "")])
    area = selectors.Area(state, county, zip_code) if state else None
    in_sql = selectors.hotlines_covering(selectors.public_hotlines(), area)
    expected = (
        [public.hotline(h) for h in in_sql]
        if area
        else [public.hotline(h) for h in in_sql if h.coverage == "national"]
    )
    assert hotline_directory.for_area(area) == expected


def test_a_saved_hotline_shows_up_in_the_next_search(client):
    client.get("/api/v1/shelters/?zip=78701")
    make_hotline(name="Brand new line")
    names = [h["name"] for h in client.get("/api/v1/shelters/?zip=78701").json()["hotlines"]]
    assert "Brand new line" in names

"""The fast payload functions and the documented serializers say the same thing,
and the in-memory hotline directory follows saved hotlines."""

import pytest
from django.utils import timezone

from shelters import public
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


def test_a_saved_hotline_shows_up_in_the_next_search(client):
    client.get("/api/v1/shelters/?zip=78701")
    make_hotline(name="Brand new line")
    names = [h["name"] for h in client.get("/api/v1/shelters/?zip=78701").json()["hotlines"]]
    assert "Brand new line" in names

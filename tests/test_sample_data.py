"""The sample data: real national hotlines, a fictional and clearly labelled directory."""

import re

import pytest

from shelters.models import Hotline, HotlineChannel, MedicalService, Shelter, ShelterPhone

pytestmark = pytest.mark.django_db
FICTIONAL_NUMBER = re.compile(r"^\d{3}-555-01\d{2}$")
REAL_NATIONAL_NUMBERS = {
    "1-800-799-7233", "1-800-787-3224", "88788", "1-844-762-8483", "1-800-656-4673", "988",
    "1-866-331-9474", "22522", "1-888-373-7888", "233733",
}  # fmt: skip


def test_sample_covers_metros_and_rural_areas(sample_data):
    shelters = Shelter.objects.all()
    assert shelters.count() >= 40
    assert MedicalService.objects.count() >= 20
    assert shelters.values("city").distinct().count() >= 9
    confidential = shelters.exclude(location_disclosure="public").count()
    assert 0.2 <= confidential / shelters.count() <= 0.3


def test_every_sample_listing_is_labelled_fictional(sample_data):
    for name in Shelter.objects.values_list("name", flat=True):
        assert "fictional" in name
    for name in MedicalService.objects.values_list("name", flat=True):
        assert "fictional" in name


def test_fictional_listings_use_only_555_01xx_numbers(sample_data):
    for number in ShelterPhone.objects.values_list("number", flat=True):
        assert FICTIONAL_NUMBER.match(number), number
    for channel in HotlineChannel.objects.exclude(kind="chat"):
        assert channel.number in REAL_NATIONAL_NUMBERS or FICTIONAL_NUMBER.match(channel.number)
        if channel.number not in REAL_NATIONAL_NUMBERS:
            assert "fictional" in channel.hotline.name


def test_unverified_national_numbers_are_not_published(sample_data):
    drafts = set(Hotline.objects.filter(status="draft").values_list("name", flat=True))
    assert drafts == {"loveisrespect", "National Human Trafficking Hotline"}


def test_loading_again_when_not_empty_keeps_edits(sample_data):
    from django.core.management import call_command

    Shelter.objects.filter(pk=1).update(name="Edited by an advocate")
    call_command("load_sample_data", "--if-empty", verbosity=0)
    assert Shelter.objects.get(pk=1).name == "Edited by an advocate"

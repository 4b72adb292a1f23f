"""A payload reads a listing's prefetched parts (phones, hours, areas, channels)
straight from the prefetch, without building a related manager for each, and gives
the same payload as when it reads them from the database."""

from __future__ import annotations

import pytest
from django.db.models import prefetch_related_objects
from django.db.models.fields.related_descriptors import ReverseManyToOneDescriptor
from django.utils import timezone

from shelters import listing_search, public, selectors
from shelters.models import Hotline, Shelter
from tests.conftest import make_hotline, make_shelter

pytestmark = pytest.mark.django_db

PHONES = [("intake", "512-555-0100"), ("crisis", "512-555-0199"), ("office", "512-555-0123")]
HOURS = [(2, (9, 0), (17, 0)), (0, (8, 30), (12, 0)), (0, (13, 0), (18, 0))]


def refuse_related_managers(monkeypatch) -> None:
    def refused(descriptor, instance, owner=None):
        if instance is None:
            return descriptor
        raise AssertionError(f"a related manager was built for {descriptor.rel.name}")

    monkeypatch.setattr(ReverseManyToOneDescriptor, "__get__", refused)


def unordered(items: list[dict]) -> list[str]:
    return sorted(map(repr, items))


def test_a_searched_shelters_payload_uses_no_related_manager(monkeypatch):
    shelter = make_shelter(phones=PHONES, hours=HOURS)
    now = timezone.now()
    expected = public.shelter(Shelter.objects.get(pk=shelter.pk), now)
    found = listing_search.search(
        selectors.published_listings(Shelter),
        origin=None, radius_km=None, limit=10, offset=0, count_cap=100,
        zip_place=None, phone_only=False,
    )  # fmt: skip
    refuse_related_managers(monkeypatch)
    payload = public.shelter(found.page.items[0], now)
    assert unordered(payload["phones"]) == unordered(expected["phones"])
    assert unordered(payload["hours"]) == unordered(expected["hours"])
    assert len(payload["phones"]) == len(PHONES) and len(payload["hours"]) == len(HOURS)


def test_a_shelter_gives_the_same_payload_prefetched_or_not():
    shelter = make_shelter(phones=PHONES, hours=HOURS)
    now = timezone.now()
    prefetched = Shelter.objects.select_related("organization").get(pk=shelter.pk)
    prefetch_related_objects([prefetched], *selectors.ordered_parts(Shelter, "phones", "hours"))
    plain = Shelter.objects.select_related("organization").get(pk=shelter.pk)
    # Without a prefetch the parts come in the database's order, with one in PART_ORDER.
    plain_payload = public.shelter(plain, now)
    prefetched_payload = public.shelter(prefetched, now)
    assert unordered(prefetched_payload["phones"]) == unordered(plain_payload["phones"])
    assert unordered(prefetched_payload["hours"]) == unordered(plain_payload["hours"])
    assert {**prefetched_payload, "phones": [], "hours": []} == {
        **plain_payload,
        "phones": [],
        "hours": [],
    }


def test_a_hotlines_payload_reads_its_prefetched_areas_and_channels(monkeypatch):
    make_hotline(
        areas=[("TX", "Travis County", ""), ("TX", "", "78701")],
        channels=[("voice", "1-800-555-0100"), ("text", "1-800-555-0111")],
    )
    (hotline,) = selectors.public_hotlines()
    refuse_related_managers(monkeypatch)
    payload = public.hotline(hotline)
    assert len(payload["areas"]) == 2
    assert {c["number"] for c in payload["channels"]} == {"1-800-555-0100", "1-800-555-0111"}
    assert all(c["hours"] == [] for c in payload["channels"])


def test_without_a_prefetch_the_parts_come_from_the_database(django_assert_num_queries):
    make_hotline(channels=[("voice", "1-800-555-0100")])
    hotline = Hotline.objects.select_related("organization").get()
    with django_assert_num_queries(3):  # areas, channels, and the channel's hours
        payload = public.hotline(hotline)
    assert [c["number"] for c in payload["channels"]] == ["1-800-555-0100"]

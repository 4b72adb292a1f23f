"""A public search (API, public page) loads only the columns its payload reads
(shelters.privacy.public_columns): a listing's true point, ZIP, city and county
and its staff notes never reach the answering process (the street does, for the
listings whose address is public; privacy.public_address decides), yet every
payload is the one a fully loaded listing gives, without a further query. The
staff console loads every column.

Runs on SQLite and PostgreSQL: each has a search of its own (shelters.listing_search)
that narrows the columns it reads.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.db.models import prefetch_related_objects
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from shelters import i18n, listing_search, privacy, public, selectors
from shelters.geo import Point
from shelters.models import MedicalService, Shelter

from .conftest import make_medical_service, make_organization, make_shelter

pytestmark = pytest.mark.django_db

AUSTIN = Point(30.27, -97.74)
NEVER_LOADED = {"postal_code", "latitude", "longitude", "city", "county", "staff_notes"}


def search(model, *, for_public=True, phone_only=False):
    queryset = model.objects.published().select_related("organization").order_by("name", "id")
    return listing_search.search(
        queryset,
        origin=AUSTIN,
        radius_km=None,
        limit=10,
        offset=0,
        count_cap=1000,
        phone_only=phone_only,
        for_public=for_public,
    )


def fully_loaded(model, pk):
    listing = model.objects.select_related("organization").get(pk=pk)
    prefetch_related_objects([listing], *selectors.ordered_parts(model, "phones", "hours"))
    return listing


@pytest.fixture
def listings():
    organization = make_organization(
        name="Cedar Trust", website="https://cedar.example", email="staff@cedar.example"
    )
    shown = make_shelter(
        organization=organization,
        name="Cedar House",
        description="Safe rooms.",
        description_es="Habitaciones seguras.",
        location_disclosure="area",
        street_address="12 Secret Lane",
        postal_code="78701",
        latitude=30.2712,
        longitude=-97.7431,
        state="TX",
        accepts_pets=True,
        beds_total=8,
        beds_available=3,
        beds_updated_at=timezone.now() - dt.timedelta(hours=1),
        staff_notes="Back door code 4411",
        hours=[(1, (9, 0), (17, 0))],
    )
    hidden = make_shelter(
        organization=organization,
        name="Quiet House",
        location_disclosure="hidden",
        street_address="3 Hidden Road",
        latitude=30.30,
        longitude=-97.70,
        state="TX",
    )
    clinic = make_medical_service(
        organization=organization,
        name="Eastside Clinic",
        accessibility_notes="Ramp at the side door.",
        accessibility_notes_es="Rampa en la puerta lateral.",
        latitude=30.28,
        longitude=-97.73,
        state="TX",
    )
    return shown, hidden, clinic


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
def test_public_payloads_equal_fully_loaded_ones_without_another_query(listings, lang):
    shown, hidden, clinic = listings
    now = timezone.now()
    found = search(Shelter, phone_only=True)
    medical = search(MedicalService)
    assert [item.pk for item in found.page.items] == [shown.pk]
    assert [item.pk for item in found.phone_only] == [hidden.pk]
    with CaptureQueriesContext(connection) as queries:
        payloads = [
            public.shelter(found.page.items[0], now, lang),
            public.shelter(found.phone_only[0], now, lang),
            public.medical_service(medical.page.items[0], now, lang),
        ]
    assert queries.captured_queries == []
    expected = [
        fully_loaded(Shelter, shown.pk),
        fully_loaded(Shelter, hidden.pk),
        fully_loaded(MedicalService, clinic.pk),
    ]
    expected[0].distance_km = found.page.items[0].distance_km
    expected[2].distance_km = medical.page.items[0].distance_km
    assert payloads == [
        public.shelter(expected[0], now, lang),
        public.shelter(expected[1], now, lang),
        public.medical_service(expected[2], now, lang),
    ]
    assert payloads[0]["beds"]["available"] == 3  # the fixture's values, not defaults
    assert payloads[2]["accessibility_notes"]


def test_true_location_and_staff_notes_are_not_loaded_for_the_public(listings):
    found = search(Shelter, phone_only=True)
    for item in [*found.page.items, *found.phone_only]:
        loaded = {f.attname for f in Shelter._meta.concrete_fields} - item.get_deferred_fields()
        assert loaded == privacy.public_columns(Shelter)
        assert not NEVER_LOADED & loaded
        assert not NEVER_LOADED & set(item.__dict__)
        assert set(item.organization.__dict__) - {"_state"} == public.ORGANIZATION_SUMMARY_COLUMNS


def test_the_staff_console_search_loads_every_column(listings):
    found = search(Shelter, for_public=False, phone_only=True)
    for item in [*found.page.items, *found.phone_only]:
        assert item.get_deferred_fields() == set()
        assert item.organization.get_deferred_fields() == set()

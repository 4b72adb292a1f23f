"""A search answered by its vendor's own path (shelters.listing_search: PostgreSQL's
one round trip, SQLite's raw statements) is the one the ORM path answers over the
same rows: the same page, count, phone-only shelters and hotlines token, instances
holding values of the same types (SQLite's JSON holds booleans as 0 and 1 and times
as text; its table holds UUIDs as hex), and public payloads the same bytes.

Runs on SQLite and PostgreSQL.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from shelters import hotline_directory, i18n, listing_search, public
from shelters.api.renderers import JSONRenderer
from shelters.coverage import Area
from shelters.geo import Point
from shelters.models import MedicalService, Shelter

from .conftest import (
    bulk_shelters,
    make_hotline,
    make_medical_service,
    make_organization,
    make_shelter,
)

pytestmark = pytest.mark.django_db

AUSTIN = Point(30.27, -97.74)
PARTS = ("phones", "hours")


@pytest.fixture
def directory():
    organization = make_organization(name="Cedar Trust", website="https://cedar.example")
    made = []
    for n, (lat, lon) in enumerate([(30.2712, -97.7431), (30.30, -97.70), (30.50, -97.90)]):
        shelter = make_shelter(
            organization=organization,
            name=f"Cedar House {n}",
            location_disclosure="area" if n == 1 else "public",
            latitude=lat,
            longitude=lon,
            accepts_pets=n != 2,
            beds_total=8,
            beds_available=n,
            beds_updated_at=timezone.now() - dt.timedelta(hours=n + 1),
            phones=[],
            hours=[(1, (9, 0), (17, 0)), (0, (22, 0), (6, 30)), (1, (8, 15), (9, 0))],
        )
        shelter.phones.create(type="crisis", number="512-555-0101", available_24_7=True)
        shelter.phones.create(type="intake", number="512-555-0102", hours="Mon-Fri")
        made.append(shelter)
    bulk_shelters([(30.27, -97.74)] * 4 + [(31.0, -97.0)] * 2, accepts_pets=True)
    for n in range(3):
        make_shelter(name=f"Quiet {n}", location_disclosure="hidden", accepts_pets=True)
    make_medical_service(name="Eastside Clinic", latitude=30.28, longitude=-97.73)
    make_medical_service(name="Northside Clinic", latitude=30.40, longitude=-97.73, walk_in=False)
    make_medical_service(name="Southside Clinic", latitude=30.20, longitude=-97.75)
    make_medical_service(name="Waco Clinic", latitude=31.55, longitude=-97.15)
    make_hotline(name="Texas line", areas=[("TX", "", "")])
    return made


def typed(instance) -> dict:
    """Every loaded value with its type: True and 1 are equal, but not the same."""
    return {
        name: (type(value), value)
        for name, value in instance.__dict__.items()
        if not name.startswith("_") and name != "distance_km"
    }


def whole(instance) -> tuple:
    return (
        typed(instance),
        typed(instance.organization),
        {name: [typed(part) for part in getattr(instance, name).all()] for name in PARTS},
        getattr(instance, "distance_km", None),
    )


def answers(queryset, **options):
    options = {
        "origin": AUSTIN,
        "radius_km": None,
        "limit": 10,
        "offset": 0,
        "count_cap": 1000,
        "area": Area("TX"),
        "phone_only": True,
        **options,
    }
    for_public = options.pop("for_public", True)
    single = listing_search.search(queryset, **options, for_public=for_public)
    area, phone_only = options.pop("area"), options.pop("phone_only")
    orm = listing_search._orm(queryset, **options, area=area, phone_only=phone_only)
    return single, orm


def assert_same_answer(single, orm):
    assert single.page.count == orm.page.count
    assert single.page.count_capped == orm.page.count_capped
    assert single.page.has_next == orm.page.has_next
    assert [item.pk for item in single.page.items] == [item.pk for item in orm.page.items]
    assert [item.pk for item in single.phone_only] == [item.pk for item in orm.phone_only]
    assert single.hotlines_token == hotline_directory.current_token()


SEARCHES = [
    {},
    {"radius_km": 10.0},
    {"radius_km": 10.0, "count_cap": 2},
    {"limit": 3, "offset": 2},
    {"origin": None},
    {"origin": None, "limit": 2, "offset": 3, "count_cap": 1},
]


@pytest.mark.parametrize("options", SEARCHES)
@pytest.mark.parametrize("filtered", [False, True])
def test_the_staff_console_gets_the_orms_instances(directory, options, filtered):
    queryset = Shelter.objects.published().select_related("organization").order_by("name", "id")
    if filtered:
        queryset = queryset.filter(accepts_pets=True)
    single, orm = answers(queryset, for_public=False, **options)
    assert_same_answer(single, orm)
    assert single.page.items, "the search finds something to compare"
    for got, expected in zip(
        [*single.page.items, *single.phone_only], [*orm.page.items, *orm.phone_only], strict=True
    ):
        assert whole(got) == whole(expected)
    items = [*single.page.items, *single.phone_only]
    assert {type(p.available_24_7) for item in items for p in item.phones.all()} <= {bool}
    assert {type(h.opens) for item in items for h in item.hours.all()} <= {dt.time}


@pytest.mark.parametrize("options", SEARCHES)
@pytest.mark.parametrize("model", [Shelter, MedicalService])
def test_public_payloads_are_the_orms_byte_for_byte(directory, options, model):
    queryset = model.objects.published().select_related("organization").order_by("name", "id")
    # Phone-only listings are shelters' (a medical service's point is always public).
    single, orm = answers(queryset, **options, phone_only=model is Shelter)
    assert_same_answer(single, orm)
    payload = public.shelter if model is Shelter else public.medical_service
    now = timezone.now()
    renderer = JSONRenderer()
    for lang in i18n.LANGUAGES:
        got = [payload(item, now, lang) for item in [*single.page.items, *single.phone_only]]
        expected = [payload(item, now, lang) for item in [*orm.page.items, *orm.phone_only]]
        assert got, "the search finds something to compare"
        assert renderer.render(got) == renderer.render(expected)

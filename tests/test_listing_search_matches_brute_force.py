"""The one listing search (shelters.listing_search) answers exactly what brute force
over the same rows does: the page at any offset, the capped count, the phone-only
shelters, with filters, radius and heavy ties.

Runs on SQLite and PostgreSQL. On PostgreSQL the single-statement path is held to
the truth, including pages whose last distance is shared by more rows than it reads
past the page (then the exact two-step scan answers).
"""

from __future__ import annotations

from unittest import mock

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from shelters import listing_search, selectors
from shelters.coverage import Area
from shelters.geo import Point, great_circle_km, normalized
from shelters.models import Shelter

from .conftest import bulk_shelters, make_organization, make_shelter

pytestmark = pytest.mark.django_db

EPSILON_KM = 1e-6
HYPOTHESIS = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

AUSTIN = Point(30.27, -97.74)
# Several listings on one point (as area-only shelters share a grid-cell centre),
# near neighbours, and far ones.
points = st.lists(
    st.one_of(
        st.just((30.27, -97.74)),
        st.just((30.30, -97.70)),
        st.tuples(st.floats(30.0, 30.6), st.floats(-98.0, -97.4)),
        st.tuples(st.floats(25.0, 36.0), st.floats(-106.0, -93.0)),
    ),
    max_size=60,
)


def brute_force(rows, origin, radius_km=None) -> list[tuple[float, int]]:
    origin = normalized(origin)
    ranked = sorted(
        (great_circle_km(origin, row.public_point), row.pk)
        for row in rows
        if row.public_point is not None
    )
    return [(d, pk) for d, pk in ranked if radius_km is None or d <= radius_km]


def assert_same(items, expected):
    got = [(item.distance_km, item.pk) for item in items]
    assert [pk for _d, pk in got] == [pk for _d, pk in expected]
    for (got_d, _), (exp_d, _) in zip(got, expected, strict=True):
        assert got_d == pytest.approx(exp_d, abs=EPSILON_KM)


def run(
    queryset,
    origin,
    *,
    radius_km=None,
    limit=10,
    offset=0,
    cap=1000,
    phone_only=False,
    for_public=True,
):
    return listing_search.search(
        queryset,
        origin=origin,
        radius_km=radius_km,
        limit=limit,
        offset=offset,
        count_cap=cap,
        phone_only=phone_only,
        for_public=for_public,
    )


@HYPOTHESIS
@given(
    spots=points,
    limit=st.integers(1, 12),
    offset=st.integers(0, 30),
    radius_km=st.one_of(st.none(), st.sampled_from([1.0, 10.0, 80.0])),
    cap=st.sampled_from([5, 1000]),
)
def test_every_page_and_count_match_brute_force(spots, limit, offset, radius_km, cap):
    Shelter.objects.all().delete()
    bulk_shelters(spots)
    queryset = Shelter.objects.published().select_related("organization").order_by("name", "id")
    expected = brute_force(list(Shelter.objects.all()), AUSTIN, radius_km)
    found = run(queryset, AUSTIN, radius_km=radius_km, limit=limit, offset=offset, cap=cap)
    assert_same(found.page.items, expected[offset : offset + limit])
    shown_cap = max(cap, offset + limit)
    assert found.page.count == min(len(expected), shown_cap)
    assert found.page.count_capped == (len(expected) > shown_cap)
    assert found.page.has_next == (offset + limit < len(expected))


@HYPOTHESIS
@given(
    spots=points,
    radius_km=st.sampled_from([1.0, 10.0, 80.0]),
    cap=st.sampled_from([0, 3, 1000]),
    box_rows=st.sampled_from([1, 4, 2048]),
)
def test_a_radius_count_matches_brute_force_whichever_step_answers(spots, radius_km, cap, box_rows):
    """The radius count's three steps (listing_search._radius_count): the box
    inside the circle, the circle's bounding box read up to BOX_ROWS_READ rows,
    and the KNN scan, made to answer by shrinking BOX_ROWS_READ and the cap."""
    Shelter.objects.all().delete()
    bulk_shelters(spots)
    queryset = Shelter.objects.published().order_by("name", "id")
    inside = len(brute_force(list(Shelter.objects.all()), AUSTIN, radius_km))
    with mock.patch.object(listing_search, "BOX_ROWS_READ", box_rows):
        found = run(queryset, AUSTIN, radius_km=radius_km, limit=1, cap=cap)
    shown_cap = max(cap, 1)
    assert found.page.count == min(inside, shown_cap)
    assert found.page.count_capped == (inside > shown_cap)


@HYPOTHESIS
@given(spots=points, pets=st.lists(st.booleans(), max_size=60), limit=st.integers(1, 12))
def test_a_filtered_page_matches_brute_force_over_the_filtered_rows(spots, pets, limit):
    Shelter.objects.all().delete()
    made = bulk_shelters(spots)
    for shelter, accepts in zip(made, pets, strict=False):
        shelter.accepts_pets = accepts
    Shelter.objects.bulk_update(made, ["accepts_pets"])
    queryset = Shelter.objects.published().filter(accepts_pets=True).order_by("name", "id")
    expected = brute_force(list(queryset), AUSTIN)
    found = run(queryset, AUSTIN, limit=limit)
    assert_same(found.page.items, expected[:limit])
    assert found.page.count == len(expected)


def test_more_ties_than_the_margin_still_rank_by_id():
    """Forty listings on one point: more than TIE_MARGIN share the page's last
    distance, and the page is still the lowest ids, in order."""
    assert listing_search.TIE_MARGIN < 40
    made = bulk_shelters([(30.27, -97.74)] * 40 + [(30.5, -97.5)] * 3)
    queryset = Shelter.objects.published().order_by("name", "id")
    ids = sorted(s.pk for s in made[:40])
    for offset in (0, 5, 35):
        found = run(queryset, AUSTIN, limit=5, offset=offset)
        assert [item.pk for item in found.page.items] == ids[offset : offset + 5]


def test_items_carry_their_organisation_phones_and_hours_as_loaded_by_the_orm():
    organization = make_organization(name="Cedar Trust")
    shelter = make_shelter(organization=organization, latitude=30.27, longitude=-97.74)
    shelter.phones.create(type="crisis", number="512-555-0101", available_24_7=True)
    shelter.phones.create(type="intake", number="512-555-0102", hours="Mon-Fri")
    shelter.hours.create(weekday=1, opens="09:00", closes="17:00")
    shelter.hours.create(weekday=0, opens="22:00", closes="06:00")
    queryset = Shelter.objects.published().select_related("organization").order_by("name", "id")
    # Every column, as the staff console asks (public searches: see
    # test_public_search_loads_only_public_columns.py).
    (item,) = run(queryset, AUSTIN, for_public=False).page.items
    assert item.get_deferred_fields() == set()
    fresh = Shelter.objects.get(pk=shelter.pk)
    assert item.organization.name == "Cedar Trust"
    assert [(p.pk, p.type, p.number, p.available_24_7, p.hours) for p in item.phones.all()] == [
        (p.pk, p.type, p.number, p.available_24_7, p.hours) for p in fresh.phones.order_by("id")
    ]
    assert [(h.weekday, h.opens, h.closes) for h in item.hours.all()] == [
        (h.weekday, h.opens, h.closes) for h in fresh.hours.order_by("weekday", "opens", "id")
    ]
    for field in Shelter._meta.concrete_fields:
        assert getattr(item, field.attname) == getattr(fresh, field.attname), field.name


def test_phone_only_shelters_are_the_areas_hidden_ones_that_pass_the_filters():
    bulk_shelters([(30.27, -97.74)] * 3)
    hidden = [
        make_shelter(name=f"Hidden {n}", location_disclosure="hidden", accepts_pets=n % 2 == 0)
        for n in range(8)
    ]
    make_shelter(name="Hidden elsewhere", location_disclosure="hidden", state="OK")
    queryset = Shelter.objects.published().filter(accepts_pets=True).order_by("name", "id")
    found = listing_search.search(
        queryset,
        origin=AUSTIN,
        radius_km=None,
        limit=10,
        offset=0,
        count_cap=1000,
        area=Area("TX"),
        phone_only=True,
    )
    expected = sorted((s.name, s.pk) for s in hidden if s.accepts_pets)
    assert [(s.name, s.pk) for s in found.phone_only] == expected[: selectors.PHONE_ONLY_LIMIT]
    assert all(s.public_point is None for s in found.phone_only)
    assert all(s.pk not in {h.pk for h in hidden} for s in found.page.items)


@HYPOTHESIS
@given(
    names=st.lists(st.sampled_from(["Alder", "Birch", "alder", "Cedar", "Élan"]), max_size=30),
    limit=st.integers(1, 12),
    offset=st.integers(0, 30),
    cap=st.sampled_from([3, 1000]),
)
def test_a_region_list_without_an_origin_is_in_name_and_id_order(names, limit, offset, cap):
    """A region's list (no origin): the same page and count as the ORM's own
    name, id order gives, whichever path answers."""
    Shelter.objects.all().delete()
    made = bulk_shelters([(30.27, -97.74)] * len(names))
    for shelter, name in zip(made, names, strict=True):
        shelter.name = name
    Shelter.objects.bulk_update(made, ["name"])
    hidden = make_shelter(name="Birch", location_disclosure="hidden")
    queryset = Shelter.objects.published().order_by("name", "id")
    expected = list(queryset.values_list("pk", flat=True))
    found = run(queryset, None, limit=limit, offset=offset, cap=cap)
    assert [item.pk for item in found.page.items] == expected[offset : offset + limit]
    shown_cap = max(cap, offset + limit)
    assert found.page.count == min(len(expected), shown_cap)
    assert found.page.has_next == (offset + limit < len(expected))
    assert hidden.pk in expected

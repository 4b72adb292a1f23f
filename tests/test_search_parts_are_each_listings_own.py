"""The phones and hours a search attaches to each listing are that listing's own,
and behave as prefetched ones do: chaining a query on them reads the database
and leaves every listing's attached parts, and the shared unevaluated QuerySet
they are copied from, as they were."""

from __future__ import annotations

import copy
import pickle

import pytest

from shelters import listing_search
from shelters.geo import Point
from shelters.models import Shelter, ShelterHours, ShelterPhone

from .conftest import make_shelter

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_shelters():
    """A shelter with one phone and no hours, and one with two phones and hours."""
    first = make_shelter(
        latitude=30.27, longitude=-97.74, phones=[("crisis", "512-555-0101")], hours=[]
    )
    second = make_shelter(
        latitude=30.28,
        longitude=-97.74,
        phones=[("intake", "512-555-0102"), ("crisis", "512-555-0103")],
    )
    second.hours.create(weekday=3, opens="09:00", closes="17:00")
    return first, second


def searched(origin: Point, limit: int) -> list:
    queryset = Shelter.objects.published().select_related("organization").order_by("name", "id")
    found = listing_search.search(
        queryset, origin=origin, radius_km=None, limit=limit, offset=0, count_cap=1000
    )
    return found.page.items


def test_each_listing_has_its_own_phones_and_hours(two_shelters, django_assert_num_queries):
    first, second = two_shelters
    a, b = searched(Point(30.27, -97.74), limit=10)
    assert (a.pk, b.pk) == (first.pk, second.pk)
    with django_assert_num_queries(0):
        assert [p.number for p in a.phones.all()] == ["512-555-0101"]
        assert [p.number for p in b.phones.all()] == ["512-555-0102", "512-555-0103"]
        assert list(a.hours.all()) == []
        assert [h.weekday for h in b.hours.all()] == [3]
    assert a.phones.all() is not b.phones.all()

    with django_assert_num_queries(0):
        assert all(p.shelter is b for p in b.phones.all())
        assert all(h.shelter is b for h in b.hours.all())

    with django_assert_num_queries(1):
        crisis = list(b.phones.filter(type="crisis"))
    assert [p.number for p in crisis] == ["512-555-0103"]
    with django_assert_num_queries(2):
        assert a.phones.order_by("-id").first().number == "512-555-0101"
        assert b.phones.exclude(type="crisis").get().number == "512-555-0102"
    with django_assert_num_queries(0):
        assert [p.number for p in b.phones.all()] == ["512-555-0102", "512-555-0103"]
        assert [p.number for p in a.phones.all()] == ["512-555-0101"]
    template = listing_search._unevaluated(ShelterPhone)
    assert template._result_cache is None
    assert not template.query.where
    # Never chained: a's hours still share the template's Query.
    assert a.hours.all()._query is listing_search._unevaluated(ShelterHours)._query
    assert b.phones.all().query is not template._query
    assert b.phones.all().query.where


def test_a_searched_listing_pickles_and_copies_with_its_own_parts(
    two_shelters, django_assert_num_queries
):
    """As a prefetched listing does (a cache may keep one): its parts come back as
    they were, and still filtered to it."""
    (listing,) = searched(Point(30.28, -97.74), limit=1)
    assert listing.pk == two_shelters[1].pk
    with django_assert_num_queries(0):
        back = pickle.loads(pickle.dumps(listing))
        assert [p.number for p in back.phones.all()] == ["512-555-0102", "512-555-0103"]
        assert [h.weekday for h in back.hours.all()] == [3]
        assert [p.number for p in copy.copy(listing.phones.all())] == [
            "512-555-0102",
            "512-555-0103",
        ]
    with django_assert_num_queries(1):
        assert [p.number for p in back.phones.filter(type="crisis")] == ["512-555-0103"]
    # A deep copy drops a QuerySet's results (Django's rule): read again, still its own.
    with django_assert_num_queries(1):
        assert [h.weekday for h in copy.deepcopy(listing).hours.all()] == [3]

"""Listings and their parts carry no Meta.ordering: an implicit ORDER BY made the
snapshot list's DISTINCT state one row per listing and joined the hotline table
into every channel prefetch. Readers order explicitly instead."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from shelters import models, selectors

from .conftest import make_hotline, make_shelter

pytestmark = pytest.mark.django_db

LISTING_MODELS = [
    models.Organization, models.Shelter, models.ShelterPhone, models.ShelterHours,
    models.Hotline, models.HotlineArea, models.HotlineChannel, models.HotlineChannelHours,
    models.MedicalService, models.MedicalServicePhone, models.MedicalServiceHours,
]  # fmt: skip


@pytest.mark.parametrize("model", LISTING_MODELS, ids=lambda model: model.__name__)
def test_listing_models_have_no_implicit_ordering(model):
    assert not model._meta.ordering


def test_distinct_states_are_one_row_per_state():
    make_shelter(name="A", state="TX")
    make_shelter(name="B", state="TX")
    states = list(models.Shelter.objects.published().values_list("state", flat=True).distinct())
    assert states == ["TX"]


def test_the_channel_prefetch_does_not_join_the_hotline_table():
    make_hotline(channels=[("voice", "1-800-555-0101"), ("text", "55501")])
    with CaptureQueriesContext(connection) as queries:
        list(selectors.public_hotlines())
    channel_queries = [q["sql"] for q in queries if 'FROM "shelters_hotlinechannel"' in q["sql"]]
    assert channel_queries
    assert not any("JOIN" in sql for sql in channel_queries)


def test_parts_come_in_their_order(api):
    shelter = make_shelter(phones=[("intake", "512-555-0109"), ("main", "512-555-0101")],
                           hours=[(3, (9, 0), (17, 0)), (0, (9, 0), (17, 0))])  # fmt: skip
    shown = api.get(f"/api/v1/shelters/{shelter.pk}/").json()
    assert [p["number"] for p in shown["phones"]] == ["512-555-0109", "512-555-0101"]
    assert [h["weekday"] for h in shown["hours"]] == [0, 3]

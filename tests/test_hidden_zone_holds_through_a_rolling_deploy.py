"""A hidden listing's public zone comes from its state even when its stored
public_timezone is stale: a worker of the release before that field, during a
rolling deploy, can make a listing hidden with an UPDATE that leaves the field as
it was (America/Kentucky/Monticello names ZIP 42633)."""

from __future__ import annotations

from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from shelters.models import Shelter

from .conftest import make_shelter

pytestmark = pytest.mark.django_db


def test_a_stale_zone_of_a_hidden_listing_is_never_shown(api):
    local = timezone.now().astimezone(ZoneInfo("America/Kentucky/Monticello"))
    start = local.replace(minute=0, second=0, microsecond=0)
    end = start + timedelta(hours=1)
    shelter = make_shelter(
        city="Monticello", county="Wayne County", state="KY", postal_code="42633",
        latitude=36.8674, longitude=-84.8254, timezone="",
        hours=[(start.weekday(), (start.hour, 0), (end.hour, 0))],
    )  # fmt: skip
    assert shelter.public_timezone == "America/Kentucky/Monticello"
    # What a worker of the earlier release writes when an advocate hides it.
    Shelter.objects.filter(pk=shelter.pk).update(
        location_disclosure="hidden", public_latitude=None, public_longitude=None,
        public_city="", public_county="", public_postal_code="",
    )  # fmt: skip
    detail = api.get(f"/api/v1/shelters/{shelter.pk}/").json()
    assert detail["timezone"] is None  # Kentucky keeps two clocks
    assert detail["open_now"] is False
    found = api.get("/api/v1/shelters/", {"state": "KY", "open_now": "true"}).json()
    assert shelter.pk not in [item["id"] for item in found["results"]]

"""`open_now` may come only from public fields: a hidden shelter's own time zone
is not public (it can split a state), so neither the field nor the filter may use it."""

from __future__ import annotations

from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from tests.conftest import make_shelter

pytestmark = pytest.mark.django_db


def hours_open_now_in(zone: str) -> list:
    """One span covering the current hour in `zone` and no other hour: open there,
    closed an hour to the east."""
    local = timezone.now().astimezone(ZoneInfo(zone))
    start = local.replace(minute=0, second=0, microsecond=0)
    end = start + timedelta(hours=1)
    return [(start.weekday(), (start.hour, 0), (end.hour, 0))]


def shown(api, shelter_id: int, **params) -> dict | None:
    body = api.get("/api/v1/shelters/", params).json()
    return next((item for item in body["results"] if item["id"] == shelter_id), None)


def test_a_hidden_shelter_in_a_two_zone_state_is_not_open_by_its_own_zone(api):
    # El Paso keeps Mountain time; the rest of Texas is Central.
    shelter = make_shelter(
        location_disclosure="hidden",
        city="El Paso",
        county="El Paso County",
        postal_code="79901",
        latitude=31.7587,
        longitude=-106.4869,
        timezone="America/Denver",
        hours=hours_open_now_in("America/Denver"),
    )
    detail = api.get(f"/api/v1/shelters/{shelter.pk}/").json()
    assert detail["timezone"] is None
    assert detail["open_now"] is False
    assert shown(api, shelter.pk, open_now="true") is None
    assert shown(api, shelter.pk, open_now="false") is not None


def test_a_hidden_shelter_in_a_one_zone_state_opens_by_its_states_zone(api):
    shelter = make_shelter(
        location_disclosure="hidden",
        city="Sacramento",
        county="Sacramento County",
        state="CA",
        postal_code="95814",
        latitude=38.58,
        longitude=-121.49,
        timezone="America/Los_Angeles",
        hours=hours_open_now_in("America/Los_Angeles"),
    )
    detail = api.get(f"/api/v1/shelters/{shelter.pk}/").json()
    assert detail["timezone"] == "America/Los_Angeles"
    assert detail["open_now"] is True
    assert shown(api, shelter.pk, open_now="true") is not None


def test_an_area_shelter_still_opens_by_its_own_zone(api):
    shelter = make_shelter(
        location_disclosure="area",
        city="El Paso",
        county="El Paso County",
        postal_code="79901",
        latitude=31.7587,
        longitude=-106.4869,
        timezone="America/Denver",
        hours=hours_open_now_in("America/Denver"),
    )
    assert shown(api, shelter.pk, open_now="true")["open_now"] is True

"""A bed report through the token API moves the listing's public `updated_at`, as
the same change in the admin does: beds are shown, and app and HSDS clients sync
by that stamp. Its state's snapshot is rebuilt, so it shows what the API shows."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from django.test import Client
from rest_framework.test import APIClient

from shelters import snapshots
from shelters.models import Shelter

from .conftest import token_for

pytestmark = pytest.mark.django_db(transaction=True)

LONG_AGO = datetime(2026, 1, 1, tzinfo=UTC)


def test_a_token_bed_report_moves_the_stamp_on_every_surface(cast):
    shelter = cast["listings"]["Ours"]["shelter"]
    Shelter.objects.filter(pk=shelter.pk).update(public_updated_at=LONG_AGO, beds_total=10)
    snapshots.refresh()
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {token_for(cast['advocate'])}")
    answer = api.patch(
        f"/api/v1/shelters/{shelter.pk}/availability/", {"beds_available": 4}, format="json"
    )
    assert answer.status_code == 200

    stored = Shelter.objects.get(pk=shelter.pk)
    assert stored.public_updated_at > LONG_AGO
    assert stored.public_updated_at == stored.beds_updated_at
    detail = Client().get(f"/api/v1/shelters/{shelter.pk}/").json()
    assert detail["updated_at"] == detail["beds"]["updated_at"]
    snapshots.refresh()
    snapshot = Client().get(f"/api/v1/snapshots/{shelter.state}/").json()
    (listed,) = [item for item in snapshot["shelters"] if item["id"] == shelter.pk]
    assert listed["updated_at"] == detail["updated_at"]

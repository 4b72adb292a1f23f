"""Only a change the public can see may move a listing's public `updated_at` or a
snapshot's version and ETag: a confidential move must not be datable (issue 10,
finding 11)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from shelters import snapshots
from shelters.models import Shelter
from tests.conftest import make_hotline, make_medical_service, make_shelter

pytestmark = pytest.mark.django_db


def backdate(listing) -> None:
    """As if saved a day ago, so that any new stamp shows."""
    day_ago = timezone.now() - timedelta(days=1)
    stamps = [name for name in ("updated_at", "public_updated_at") if hasattr(listing, name)]
    type(listing).objects.filter(pk=listing.pk).update(**dict.fromkeys(stamps, day_ago))


def public_state(api, shelter) -> tuple:
    snapshots.refresh()  # as the refresher does a few seconds after any change
    detail = api.get(f"/api/v1/shelters/{shelter.pk}/").json()
    snapshot = api.get(f"/api/v1/snapshots/{shelter.state}/")
    national = api.get("/api/v1/snapshots/US/")
    return detail["updated_at"], snapshot["ETag"], national["ETag"]


def move(shelter: Shelter, **fields) -> None:
    shelter.refresh_from_db()
    for name, value in fields.items():
        setattr(shelter, name, value)
    shelter.save()


# Both inside the same 10 km cell and the same Austin ZIP area.
NEAR_BY = {"street_address": "9 Other Street", "postal_code": "78702", "latitude": 30.2675,
           "longitude": -97.7425}  # fmt: skip


@pytest.mark.parametrize("disclosure", ["hidden", "area"])
def test_moving_a_confidential_address_moves_no_public_stamp(api, disclosure):
    shelter = make_shelter(location_disclosure=disclosure, timezone="America/Chicago")
    backdate(shelter)
    before = public_state(api, shelter)
    move(shelter, **NEAR_BY)
    assert public_state(api, shelter) == before


def test_a_public_change_moves_the_stamp_and_the_version(api):
    shelter = make_shelter(location_disclosure="hidden", timezone="America/Chicago")
    backdate(shelter)
    before = public_state(api, shelter)
    move(shelter, accepts_pets=not shelter.accepts_pets)
    after = public_state(api, shelter)
    assert after[0] > before[0]
    assert after[1] != before[1] and after[2] != before[2]


def test_moving_a_public_address_is_a_public_change(api):
    shelter = make_shelter(
        location_disclosure="public",
        address_publication_authorized_by="Director",
        address_publication_authorized_on=timezone.localdate(),
    )
    backdate(shelter)
    before = public_state(api, shelter)
    move(shelter, **NEAR_BY)
    assert public_state(api, shelter)[0] > before[0]


def test_a_save_of_some_fields_still_stamps_a_public_change(api):
    shelter = make_shelter(location_disclosure="hidden")
    backdate(shelter)
    shelter.refresh_from_db()
    before = api.get(f"/api/v1/shelters/{shelter.pk}/").json()["updated_at"]
    shelter.last_verified = timezone.localdate()
    shelter.save(update_fields=["last_verified", "updated_at"])
    assert api.get(f"/api/v1/shelters/{shelter.pk}/").json()["updated_at"] > before


def test_other_listings_show_their_public_stamp(api):
    service, hotline = make_medical_service(), make_hotline()
    assert api.get(f"/api/v1/medical-services/{service.pk}/").json()["updated_at"]
    assert api.get(f"/api/v1/hotlines/{hotline.pk}/").json()["updated_at"]

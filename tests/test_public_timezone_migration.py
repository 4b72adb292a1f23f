"""Listings saved before public_timezone existed get the zone the public may see,
and an area-only listing whose cell straddles a city line loses its public city,
with its public `updated_at` moved, once the migration has run."""

from datetime import UTC, datetime

import pytest

from .conftest import apps_at, migrate_to_latest

LONG_AGO = datetime(2026, 1, 1, tzinfo=UTC)


@pytest.mark.django_db(transaction=True)
def test_existing_listings_get_their_public_zone():
    old = apps_at("0033_county_keys_fold_accents_and_abbreviations")
    organization = old.get_model("shelters", "Organization").objects.create(name="Old org")
    shelter = old.get_model("shelters", "Shelter")

    def stored(name, level, **fields):
        return shelter.objects.create(
            organization=organization, name=name, location_disclosure=level, state="KY",
            public_updated_at=LONG_AGO, **fields,
        ).pk  # fmt: skip

    monticello = dict(
        city="Monticello", county="Wayne County", postal_code="42633", latitude=36.8674,
        longitude=-84.8254, timezone="America/Kentucky/Monticello",
        public_latitude=36.87, public_longitude=-84.83, public_county="Wayne County",
    )  # fmt: skip
    public = stored("Public", "public", **monticello)
    area = stored("Area", "area", **monticello)
    hidden = stored("Hidden", "hidden", **monticello)
    # 78726 (Austin) shares its cell with 78613 (Cedar Park).
    straddling = stored(
        "Straddling", "area", city="Austin", postal_code="78726", latitude=30.4303,
        longitude=-97.8326, timezone="America/Chicago", public_city="Austin",
    )  # fmt: skip
    old.get_model("shelters", "MedicalService").objects.create(
        organization=organization, name="Clinic", city="Austin", state="TX",
        timezone="America/Chicago",
    )  # fmt: skip

    migrate_to_latest()

    from shelters.models import MedicalService, Shelter

    zones = dict(Shelter.objects.values_list("pk", "public_timezone"))
    assert zones[public] == "America/Kentucky/Monticello"
    assert zones[area] == "America/New_York"
    assert zones[hidden] == ""  # Kentucky keeps two clocks
    assert MedicalService.objects.get().public_timezone == "America/Chicago"
    moved = Shelter.objects.get(pk=straddling)
    assert moved.public_city == ""
    assert moved.public_updated_at > LONG_AGO
    assert Shelter.objects.get(pk=area).public_updated_at > LONG_AGO  # its zone's name changed
    assert Shelter.objects.get(pk=public).public_updated_at == LONG_AGO

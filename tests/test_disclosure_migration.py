"""Migration 0004 turns the confidential flag into disclosure levels without loss."""

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from shelters import privacy
from shelters.geo import Point

BEFORE = [("shelters", "0003_validate_timezone")]
AFTER = [("shelters", "0004_location_disclosure")]


@pytest.mark.django_db(transaction=True)
def test_confidential_shelters_become_area_only_and_others_public():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    organization = old.get_model("shelters", "Organization").objects.create(name="Org")
    Shelter = old.get_model("shelters", "Shelter")
    common = dict(
        organization=organization,
        kind="emergency_shelter",
        status="published",
        city="Austin",
        county="Travis County",
        state="TX",
        postal_code="78756",
        street_address="742 Secret Lane",
        latitude=30.3312,
        longitude=-97.7001,
    )
    secret = Shelter.objects.create(name="Secret", confidential_location=True, **common)
    open_ = Shelter.objects.create(name="Open", confidential_location=False, **common)

    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)
    new = executor.loader.project_state(AFTER).apps.get_model("shelters", "Shelter")
    secret, open_ = new.objects.get(pk=secret.pk), new.objects.get(pk=open_.pk)
    centre = privacy.grid_cell_centre(Point(30.3312, -97.7001), 10)

    assert secret.location_disclosure == "area"
    assert (secret.public_latitude, secret.public_longitude) == (centre.lat, centre.lon)
    assert secret.public_postal_code == ""
    assert secret.street_address == "742 Secret Lane"  # kept for advocates
    assert open_.location_disclosure == "public"
    assert (open_.public_latitude, open_.public_longitude) == (30.3312, -97.7001)
    assert open_.public_postal_code == "78756"
    call_command("migrate", verbosity=0)

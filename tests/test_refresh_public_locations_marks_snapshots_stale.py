"""Finding 15 of issue 10: refresh_public_locations writes with bulk_update, which
sends no signal. It must mark snapshots stale itself, or after LOCATION_GRID_KM
changes the snapshot keeps the old cell centre while the API shows the new one."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from shelters import snapshots
from shelters.models import Shelter, Snapshot

pytestmark = pytest.mark.django_db


def test_a_new_grid_marks_snapshots_stale_and_they_then_show_the_new_cell(
    client, sample_data, settings, django_capture_on_commit_callbacks
):
    for region in ("US", "TX"):
        snapshots.generate(region)
    assert not Snapshot.objects.filter(stale=True).exists()
    settings.LOCATION_GRID_KM = 25
    # The marks are written when the command's transaction commits.
    with django_capture_on_commit_callbacks(execute=True):
        call_command("refresh_public_locations", verbosity=0)
    assert Snapshot.objects.get(region="TX").stale
    assert Snapshot.objects.get(region="US").stale

    snapshots.refresh()
    area = Shelter.objects.filter(state="TX", location_disclosure="area").first()
    from_api = client.get(f"/api/v1/shelters/{area.pk}/").json()["location"]
    snapshot = client.get("/api/v1/snapshots/TX/").json()
    from_snapshot = next(s for s in snapshot["shelters"] if s["id"] == area.pk)["location"]
    assert from_snapshot == from_api

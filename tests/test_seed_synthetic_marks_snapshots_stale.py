"""Issue 10, finding 15's trap elsewhere: seed_synthetic inserts with COPY or
bulk_create, which send no signal, so it marks snapshots stale itself."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from shelters import snapshots
from shelters.models import Snapshot

pytestmark = pytest.mark.django_db


def test_seeding_marks_every_snapshot_stale(sample_data):
    snapshots.generate("US")
    assert not Snapshot.objects.get(region="US").stale
    call_command("seed_synthetic", count=20, stdout=None, verbosity=0)
    assert Snapshot.objects.get(region="US").stale

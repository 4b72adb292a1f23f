"""A big HSDS package import holds no lock another organisation needs: while
`import_hsds` is inside its one transaction, with half a state-wide package of
shelters written (in the same state as the other organisation's shelter), that
organisation's bed reports go through the bed-report API with a token at once,
and the import still loads every service.

PostgreSQL only, on purpose: the point is row-level locking. The import is one
transaction (all or nothing, issue 17 finding 10), and SQLite has a single writer
for the whole database, so on SQLite any write waits for the import's commit by
design; PostgreSQL locks rows, and the import must not touch (lock) a row such as
the state's availability feed or snapshot that every bed report writes.

The package here has HSDS_IMPORT_SERVICES services (300 by default, to keep the
suite's CI cost to seconds); the same property holds at any size, and the
10,000-service figures (wall time, services/s, bed-report latency, peak RSS)
come from bench/hsds_import.py and are in BENCHMARKS.md.
"""

from __future__ import annotations

import os
import statistics
import threading
import time

import pytest
from django.db import connection, connections
from rest_framework.test import APIClient

from shelters import feeds, snapshots
from shelters.hsds.load import _Loader
from shelters.models import Organization, Shelter, Snapshot

from .conftest import make_shelter, run_import_hsds, token_for
from .hsds_packages import write_package

pytestmark = pytest.mark.django_db(transaction=True)

SERVICES = int(os.environ.get("HSDS_IMPORT_SERVICES", "300"))
PAUSE_AT = SERVICES // 2
REPORTS_WHILE_PAUSED = 5
# A bed report that waited for the import's transaction would wait until its
# commit; this bounds it so that the test fails instead of hanging.
LOCK_TIMEOUT = "2s"
PROMPT = 2.0  # seconds: far above a report's own cost, far below a blocked one


class PausedHalfway:
    """Holds the import, inside its transaction, after record PAUSE_AT."""

    def __init__(self, monkeypatch):
        self.halfway, self.go = threading.Event(), threading.Event()
        self.loaded = 0
        original = _Loader.load

        def load(loader, record, seen):
            outcome = original(loader, record, seen)
            self.loaded += 1
            if self.loaded == PAUSE_AT:
                self.halfway.set()
                self.go.wait(timeout=120)
            return outcome

        monkeypatch.setattr(_Loader, "load", load)


def report(api: APIClient, shelter: Shelter, beds: int) -> float:
    started = time.perf_counter()
    response = api.patch(f"/api/v1/shelters/{shelter.pk}/availability/",
                         {"beds_available": beds}, format="json")  # fmt: skip
    took = time.perf_counter() - started
    assert response.status_code == 200, response.content[:300]
    return took


def test_a_big_package_import_lets_another_organisations_bed_reports_through(
    cast, importer, tmp_path, monkeypatch
):
    if connection.vendor == "sqlite":
        pytest.skip("SQLite has one writer for the whole database: see the docstring")
    theirs = make_shelter(organization=cast["theirs"], name="Their shelter", state="TX",
                          beds_total=10, beds_available=2)  # fmt: skip
    snapshots.refresh()
    feeds.refresh()
    package = write_package(tmp_path / "statewide.json", SERVICES)
    advocate = cast["advocate"]
    advocate.memberships.all().delete()
    advocate.memberships.create(organization=cast["theirs"])
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {token_for(advocate, cast['theirs'])}")

    paused = PausedHalfway(monkeypatch)
    outcome: dict = {}

    def run_import():
        try:
            outcome["printed"] = run_import_hsds(package, type="shelter", publish=True)
        except Exception as error:  # reported by the test
            outcome["error"] = error
        finally:
            paused.halfway.set()
            connections.close_all()

    importing = threading.Thread(target=run_import)
    started = time.perf_counter()
    importing.start()
    paused_latencies: list[float] = []
    try:
        assert paused.halfway.wait(timeout=600), "the import never got halfway"
        assert "error" not in outcome, outcome
        with connection.cursor() as cursor:
            cursor.execute(f"SET lock_timeout = '{LOCK_TIMEOUT}'")
        for beds in range(REPORTS_WHILE_PAUSED):
            paused_latencies.append(report(api, theirs, beds))
        # Half the package is written and not yet committed: nobody else sees it.
        assert not Shelter.objects.filter(name__startswith="Prairie shelter").exists()
    finally:
        paused.go.set()
    running_latencies = []
    while importing.is_alive():
        running_latencies.append(report(api, theirs, len(running_latencies) % 10))
        time.sleep(0.02)
    importing.join(timeout=600)
    took = time.perf_counter() - started

    every = paused_latencies + running_latencies
    print(f"{SERVICES} services imported in {took:.1f} s; {len(every)} bed reports meanwhile, "
          f"p50 {statistics.median(every) * 1000:.0f} ms, "
          f"max {max(every) * 1000:.0f} ms")  # fmt: skip
    assert "error" not in outcome, outcome
    assert max(paused_latencies) < PROMPT, paused_latencies
    assert f"Records: {SERVICES} ({SERVICES} created)." in outcome["printed"]
    assert "Written in one transaction." in outcome["printed"]
    network = Organization.objects.get(name="Prairie Network")
    imported = Shelter.objects.filter(organization=network)
    assert imported.count() == SERVICES
    assert imported.filter(status="published", state="TX", beds_total=12).count() == SERVICES
    assert imported.get(name="Prairie shelter 3").beds_available == 3
    theirs.refresh_from_db()
    assert theirs.organization == cast["theirs"]
    assert theirs.beds_available == (
        (len(running_latencies) - 1) % 10 if running_latencies else REPORTS_WHILE_PAUSED - 1
    )
    # The import's own stale marks were written after its commit.
    assert Snapshot.objects.get(region="US").stale

"""HSDS package import figures for BENCHMARKS.md (issue 17): a measurement, not a test.

Builds a package of N shelter services (tests/hsds_packages.py; 10,000 by default),
then runs `manage.py import_hsds` on it in a child process (its own connection,
its own peak RSS) against a throwaway database beside DATABASE_URL's, while this
process sends another organisation's bed reports through the bed-report API with
a token, every 50 ms, for as long as the import runs. On PostgreSQL each report
runs with lock_timeout 300 ms: one that waited longer for a lock the import holds
would fail and be counted, so "0 failed" means no lock was held against it. Prints the import's wall
time, services per second, its peak RSS, and the reports' latency (p50, p99, max).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/wt_h17c python bench/hsds_import.py 10000
"""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "directory.settings_test")


LOCK_TIMEOUT_MS = 300


def main(services: int) -> list[str]:
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth.models import Group, User
    from django.db import connection, connections
    from django.test.utils import setup_test_environment
    from rest_framework.test import APIClient

    setup_test_environment()
    if connection.vendor == "sqlite":
        connection.settings_dict["TEST"]["NAME"] = str(ROOT / "var" / "bench_hsds.sqlite3")
    else:
        connection.settings_dict["TEST"]["NAME"] = connection.settings_dict["NAME"] + "_hsds_bench"
    database = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        from shelters import bed_tokens, feeds, snapshots
        from shelters.models import Membership, Organization, Shelter
        from tests.conftest import make_shelter
        from tests.hsds_packages import write_package

        theirs = Organization.objects.create(name="Theirs")
        advocate = User.objects.create_user("advocate", is_staff=True)
        advocate.groups.add(Group.objects.get(name="Advocates"))
        Membership.objects.create(user=advocate, organization=theirs)
        importer = User.objects.create_user("importer", is_staff=True)
        importer.groups.add(Group.objects.get(name=settings.COALITION_GROUP))
        their_shelter = make_shelter(organization=theirs, name="Their shelter", state="TX",
                                     beds_total=10, beds_available=2)  # fmt: skip
        snapshots.refresh()
        feeds.refresh()
        api = APIClient()
        api.credentials(HTTP_AUTHORIZATION=f"Token {bed_tokens.issue(advocate, theirs).secret}")
        folder = Path(tempfile.mkdtemp())
        package = write_package(folder / "statewide.json", services)
        size = package.stat().st_size

        child_url = os.environ.get("DATABASE_URL", "")
        if child_url:
            child_url = child_url.rsplit("/", 1)[0] + "/" + database
        else:
            child_url = f"sqlite:///{database}"
        environment = {**os.environ, "DATABASE_URL": child_url,
                       "DJANGO_SETTINGS_MODULE": "directory.settings_test"}  # fmt: skip
        command = [sys.executable, str(ROOT / "manage.py"), "import_hsds", str(package),
                   "--as", "importer", "--type", "shelter", "--publish"]  # fmt: skip

        latencies: list[float] = []
        failures: list[str] = []
        running = threading.Event()
        running.set()

        def report_meanwhile():
            try:
                if connection.vendor == "postgresql":
                    # A report that waited longer than this for a lock fails (and is
                    # counted) instead of only being slow: slow without failing is CPU.
                    with connection.cursor() as cursor:
                        cursor.execute(f"SET lock_timeout = '{LOCK_TIMEOUT_MS}ms'")
                while running.is_set():
                    began = time.perf_counter()
                    response = api.patch(f"/api/v1/shelters/{their_shelter.pk}/availability/",
                                         {"beds_available": len(latencies) % 10},
                                         format="json")  # fmt: skip
                    latencies.append(time.perf_counter() - began)
                    if response.status_code != 200:
                        failures.append(f"{response.status_code} {response.content[:200]!r}")
                    time.sleep(0.05)
            finally:
                connections.close_all()

        # The baseline: the same command's peak RSS for a one-service dry run.
        small = write_package(folder / "one.json", 1)
        subprocess.run([*command[:3], str(small), *command[4:], "--dry-run"], cwd=ROOT,
                       env=environment, capture_output=True, check=True)  # fmt: skip
        baseline = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        api.patch(f"/api/v1/shelters/{their_shelter.pk}/availability/", {"beds_available": 1},
                  format="json")  # warm: the first request imports and compiles  # fmt: skip
        reporter = threading.Thread(target=report_meanwhile)
        reporter.start()
        started = time.perf_counter()
        done = subprocess.run(command, cwd=ROOT, env=environment, capture_output=True, text=True)
        took = time.perf_counter() - started
        running.clear()
        reporter.join()
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        tail = done.stdout.strip().splitlines()[-2:] or done.stderr.strip().splitlines()[-3:]
        loaded = Shelter.objects.filter(organization__name="Prairie Network").count()
        ordered = sorted(latencies)
        p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))] if ordered else 0.0
        load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
        return [
            f"{connection.vendor}: import_hsds of {services:,} services ({size / 1e6:.1f} MB): "
            f"rc {done.returncode}, {took:.1f} s, {services / took:.0f} services/s, "
            f"{loaded:,} stored; import process peak RSS {peak:.0f} MB "
            f"(a one-service dry run: {baseline:.0f} MB)",
            "  import said: " + " | ".join(tail),
            f"  {len(latencies)} bed reports by another organisation meanwhile, "
            f"{len(failures)} failed (lock_timeout {LOCK_TIMEOUT_MS} ms on PostgreSQL); "
            f"p50 {statistics.median(ordered) * 1000:.0f} ms, "
            f"p99 {p99 * 1000:.0f} ms, max {ordered[-1] * 1000:.0f} ms",
            *(f"  failure: {f}" for f in failures[:3]),
            f"  load average afterwards: {load}",
        ]
    finally:
        connections.close_all()
        connection.creation.destroy_test_db(database, verbosity=0)


if __name__ == "__main__":
    print(f"load average before: {', '.join(f'{x:.1f}' for x in os.getloadavg())}")
    for line in main(int(sys.argv[1]) if len(sys.argv) > 1 else 10_000):
        print(line)

"""Spreadsheet import figures for BENCHMARKS.md (issue 17): a measurement, not a test.

1. The forged-dimension XLSX (a 5 KB file claiming A1:XFD1048576): time to refusal
   and the whole process's peak resident memory, in a fresh process.
2. A 1,500-row state-wide CSV: preview and import time through the admin (Django's
   test client, a throwaway test database at DATABASE_URL or SQLite), and the
   latency of another organisation's bed reports sent meanwhile from a second
   thread with its own connection.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/wt_h17a python bench/spreadsheet_import.py
    python bench/spreadsheet_import.py 1500 --django-constraints   # the "before" figure

--django-constraints validates check constraints as Django 5.2 does (one query
per constraint per row) instead of shelters.constraints' one query per row, to
measure what that change is worth; --no-forged skips part 1; --preview-only
stops after the preview (on SQLite the import, one transaction, and the bed
reports sent meanwhile compete for the one write lock, and one of them fails).
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "directory.settings_test")

REFUSAL = """
import resource, sys, time
import django
django.setup()
from tests.spreadsheet_files import forged_dimension_xlsx
from shelters.spreadsheet_formats import XLSX, SpreadsheetRefused
content = forged_dimension_xlsx()
started = time.perf_counter()
try:
    XLSX().create_dataset(content)
    outcome = "read"
except SpreadsheetRefused:
    outcome = "refused"
took = time.perf_counter() - started
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(f"{len(content)} byte file {outcome} in {took * 1000:.0f} ms; process peak RSS {peak:.0f} MB")
"""


def forged_file_figures() -> str:
    done = subprocess.run([sys.executable, "-c", REFUSAL], cwd=ROOT, capture_output=True,
                          text=True, check=True)  # fmt: skip
    return done.stdout.strip()


def import_figures(rows: int) -> list[str]:
    import django

    django.setup()
    from django.contrib.auth.models import Group, User
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.db import connection, connections
    from django.test import Client
    from django.test.utils import setup_test_environment

    setup_test_environment()
    if connection.vendor == "sqlite":
        # A file, as in production: an in-memory test database locks whole tables.
        connection.settings_dict["TEST"]["NAME"] = str(ROOT / "var" / "bench_import.sqlite3")
    else:  # beside, not in the way of, the test suite's test database
        connection.settings_dict["TEST"]["NAME"] = connection.settings_dict["NAME"] + "_bench"
    test_database = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        from shelters import availability, feeds, privacy, snapshots
        from shelters.models import Membership, Organization, Shelter
        from tests.spreadsheet_files import as_csv

        ours, theirs = (
            Organization.objects.create(name="Ours"),
            Organization.objects.create(name="Theirs"),
        )
        advocate = User.objects.create_user("advocate", is_staff=True)
        advocate.groups.add(Group.objects.get(name="Advocates"))
        Membership.objects.create(user=advocate, organization=ours)
        listings = []
        for i in range(rows):
            shelter = Shelter(organization=ours, name=f"Shelter {i}", kind="emergency_shelter",
                              status="published", location_disclosure="area", city="Nowhere",
                              state="TX", latitude=30 + i / 1000, longitude=-97 - i / 1000,
                              beds_total=10, beds_available=2)  # fmt: skip
            privacy.refresh_public_fields(shelter)
            listings.append(shelter)
        listings = Shelter.objects.bulk_create(listings)
        their_shelter = Shelter.objects.create(
            organization=theirs, name="Their shelter", kind="emergency_shelter",
            status="published", location_disclosure="area", city="Austin", state="TX",
            latitude=30.27, longitude=-97.74, beds_total=10, beds_available=2,
        )  # fmt: skip
        snapshots.refresh()
        feeds.refresh()
        content = as_csv([
            {"id": s.pk, "organization": ours.pk, "name": f"Renamed {i}",
             "kind": "emergency_shelter", "status": "published", "location_disclosure": "area",
             "city": "Nowhere", "state": "TX", "beds_total": 10, "beds_available": 3}
            for i, s in enumerate(listings)
        ])  # fmt: skip
        client = Client()
        client.force_login(advocate)
        reports: list[float] = []
        running = threading.Event()

        def report_meanwhile():
            try:
                while running.is_set():
                    started = time.perf_counter()
                    availability.report_beds(their_shelter.pk, None, available=len(reports) % 10)
                    reports.append(time.perf_counter() - started)
                    time.sleep(0.05)
            finally:
                connections.close_all()

        def timed(step, call) -> tuple[str, object]:
            reports.clear()
            running.set()
            reporter = threading.Thread(target=report_meanwhile)
            reporter.start()
            started = time.perf_counter()
            response = call()
            took = time.perf_counter() - started
            running.clear()
            reporter.join()
            worst = max(reports) * 1000 if reports else float("nan")
            line = (f"{step} of {rows} rows: {took:.1f} s ({took / rows * 1000:.1f} ms a row); "
                    f"{len(reports)} bed reports by another organisation meanwhile, "
                    f"slowest {worst:.0f} ms")  # fmt: skip
            return line, response

        line_preview, shown = timed("preview", lambda: client.post(
            "/admin/shelters/shelter/import/",
            {"import_file": SimpleUploadedFile("state.csv", content), "format": "0",
             "resource": "0"},
        ))  # fmt: skip
        if "--preview-only" in sys.argv:  # SQLite: a concurrent writer fails the import
            return [f"{connection.vendor}: {line_preview}"]
        form = shown.context["confirm_form"]
        data = {name: form.initial[name] for name in form.initial}
        line_import, _ = timed("import", lambda: client.post(
            "/admin/shelters/shelter/process_import/", data
        ))  # fmt: skip
        assert Shelter.objects.filter(name__startswith="Renamed").count() == rows
        return [f"{connection.vendor}: {line_preview}", f"{connection.vendor}: {line_import}"]
    finally:
        connections.close_all()
        connection.creation.destroy_test_db(test_database, verbosity=0)


def use_djangos_constraint_validation() -> None:
    import django

    django.setup()
    from django.db import models

    from shelters.constraints import OneQueryConstraints

    OneQueryConstraints.validate_constraints = models.Model.validate_constraints


if __name__ == "__main__":
    arguments = [a for a in sys.argv[1:] if not a.startswith("--")]
    print(f"load average before: {', '.join(f'{x:.1f}' for x in os.getloadavg())}")
    if "--django-constraints" in sys.argv:
        use_djangos_constraint_validation()
        print("check constraints validated as Django does, one query each")
    if "--no-forged" not in sys.argv:
        print(forged_file_figures())
    for line in import_figures(int(arguments[0]) if arguments else 1500):
        print(line)
    print(f"load average after: {', '.join(f'{x:.1f}' for x in os.getloadavg())}")

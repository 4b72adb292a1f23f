"""Server time of staff console searches at 20,000 listings on PostgreSQL.

Seeds --count synthetic listings (20,000 by default) into the PostgreSQL database at
DATABASE_URL if it holds fewer (plus the sample hotlines), signs in a Hotline staff
account, and times --repeat rounds of console searches (ZIPs, cities, counties and
states; serves and located-in; with and without eligibility filters and "show all")
through Django's test client with production settings (DEBUG off). Prints p50/p99
per search and overall. A measurement, not a test.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/wt_h12 python bench/console_search.py
"""

from __future__ import annotations

import argparse
import os
import secrets
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SEARCHES = [
    ("ZIP, serves", "where=78701"),
    ("ZIP, pets + children + boy 14", "where=78701&accepts_pets=on&accepts_children=on&boy_age=14"),
    ("ZIP, pets, show all", "where=10001&accepts_pets=on&show_all=on"),
    ("city, serves", "where=Chicago%2C+IL"),
    ("city, located in", "where=Chicago%2C+IL&reach=located"),
    ("county, serves", "where=Travis+County%2C+TX"),
    ("county, located, Spanish", "where=Los+Angeles+County%2C+CA&reach=located&language=es"),
    ("county, shelters, open now", "where=King+County%2C+WA&type=shelters&open_now=on"),
    ("state, serves", "where=Texas"),
    ("state, hotlines", "where=CA&type=hotlines"),
]
# The public API's nearest search, timed in the same run: on a shared machine the
# ratio says more than the absolute figure.
BASELINE = "/api/v1/shelters/?zip=78701&limit=10"


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=20_000, help="listings to seed (20,000)")
    parser.add_argument("--repeat", type=int, default=50, help="rounds of every search (50)")
    args = parser.parse_args()

    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        sys.exit("Set DATABASE_URL to a PostgreSQL database made for this measurement.")
    os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(50))
    os.environ["DEBUG"] = "0"
    os.environ["ALLOWED_HOSTS"] = "testserver"
    os.environ["SECURE_SSL_REDIRECT"] = "0"
    os.environ["DJANGO_SETTINGS_MODULE"] = "directory.settings"

    # Started as a gunicorn worker starts: directory.wsgi sets Django up, warms the
    # gazetteer, imports every view and freezes what it loaded out of the GC's reach.
    import directory.wsgi  # noqa: F401, I001

    from django.contrib.auth.models import Group, User
    from django.core.management import call_command
    from django.test import Client
    from shelters import gazetteer
    from shelters.models import Hotline, MedicalService, Shelter
    from shelters.roles import HOTLINE_STAFF_GROUP

    call_command("migrate", verbosity=0, interactive=False)
    call_command("collectstatic", verbosity=0, interactive=False)  # the pages link it
    if not Hotline.objects.exists():
        call_command("load_sample_data", "--if-empty", verbosity=0)
    have = Shelter.objects.count() + MedicalService.objects.count()
    if have < args.count:
        call_command("seed_synthetic", count=args.count - have)
    user, _ = User.objects.get_or_create(username="bench-desk", defaults={"is_staff": True})
    user.groups.add(Group.objects.get(name=HOTLINE_STAFF_GROUP))

    # No setup_test_environment(): its instrumentation keeps every template context a
    # page renders, which production does not pay for.
    client = Client()
    client.force_login(user)
    gazetteer.warm_up()
    for _name, query in SEARCHES:  # a warm worker, as in production
        assert client.get(f"/staff/?{query}").status_code == 200, query
    print(
        f"{Shelter.objects.count()} shelters, {MedicalService.objects.count()} medical "
        f"services, {Hotline.objects.count()} hotlines; {args.repeat} rounds; server ms"
    )
    every = []
    for name, query in SEARCHES:
        times = []
        for _ in range(args.repeat):
            started = time.perf_counter()
            response = client.get(f"/staff/?{query}")
            times.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200
        every += times
        print(
            f"{name:32} p50 {statistics.median(times):6.1f}  p99 {percentile(times, 0.99):6.1f}"
            f"  max {max(times):6.1f}"
        )
    print(f"ALL: p50 {statistics.median(every):.1f} ms, p99 {percentile(every, 0.99):.1f} ms")
    times = []
    for _ in range(args.repeat):
        started = time.perf_counter()
        assert client.get(BASELINE).status_code == 200
        times.append((time.perf_counter() - started) * 1000)
    print(
        f"baseline {BASELINE}: p50 {statistics.median(times):.1f} ms, "
        f"p99 {percentile(times, 0.99):.1f} ms"
    )


if __name__ == "__main__":
    main()

"""Time the search queries on the current database, over random origins spread
like the US population. Prints a table, or JSON with --json.

"search: ..." rows time the one listing search the API, the public page and the
console run (shelters.listing_search: page, capped count, phone-only shelters and
the hotlines' token); "nearest(): ..." rows time the exact two-step scan of
shelters.search alone, which answers when ties run past the search's margin."""

from __future__ import annotations

import json
import time
from collections.abc import Callable

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import connection
from django.db.models import Q
from django.utils import timezone

from shelters import coverage, listing_search, search, selectors, synthetic
from shelters.geo import Point
from shelters.models import Shelter, availability_max_age


def percentile(samples: list[float], fraction: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


class DatabaseClock:
    """Adds up the time spent inside the database driver, query by query."""

    def __init__(self):
        self.seconds = 0.0

    def __call__(self, execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.seconds += time.perf_counter() - started


def measure(call: Callable[[Point], object], origin: Point) -> tuple[float, float, bool]:
    """(whole call, database only) in milliseconds, and whether the search reached
    settings.SEARCH_TIME_LIMIT_MS. A search stopped there is timed as it happened
    (what the person waited before a 503), not left out, and does not end the run:
    on a machine that pages out a database left idle, the first reads can reach it."""
    clock = DatabaseClock()
    stopped = False
    with connection.execute_wrapper(clock):
        started = time.perf_counter()
        try:
            call(origin)
        except listing_search.SearchTooSlow:
            stopped = True
        total = time.perf_counter() - started
    return total * 1000, clock.seconds * 1000, stopped


class Command(BaseCommand):
    help = __doc__

    def add_arguments(self, parser):
        parser.add_argument("--samples", type=int, default=1000)
        parser.add_argument("--seed", type=int, default=7)
        parser.add_argument("--json", action="store_true")

    def handle(self, *args, samples: int, seed: int, **options):
        origins = [
            Point(row.fields["latitude"], row.fields["longitude"])
            for row in synthetic.generate(samples, seed, timezone.now())
        ]
        published = Shelter.objects.published()
        fresh_beds = Q(
            beds_available__gt=0, beds_updated_at__gte=timezone.now() - availability_max_age()
        )
        pets_with_beds = published.filter(fresh_beds, accepts_pets=True)
        located = selectors.published_listings(Shelter)

        def one_search(queryset, limit=10, radius_km=None, count_cap=settings.SEARCH_COUNT_CAP):
            return lambda origin: listing_search.search(
                queryset,
                origin=origin,
                radius_km=radius_km,
                limit=limit,
                offset=0,
                count_cap=count_cap,
                phone_only=True,
            )

        cases = {
            "search: nearest-10": one_search(located),
            "search: nearest-10 pets+beds": one_search(
                located.filter(fresh_beds, accepts_pets=True)
            ),
            "search: within-50-km top-20": one_search(located, limit=20, radius_km=50),
            # Filtered to one region, from origins all over the country: mostly far
            # from it, where the plain KNN index would walk every listing in between.
            "search: nearest-10 city=Houston": one_search(
                located.filter(public_city__iexact="Houston")
            ),
            "search: nearest-10 state=TX county=Harris": one_search(
                located.filter(coverage.public_county_q("Harris"), state="TX")
            ),
            # The same searches with the count capped at the page (count_cap 0): what the
            # page, phone-only shelters and token cost without counting 1,000 rows.
            "page only: nearest-10": one_search(located, count_cap=0),
            "page only: nearest-10 pets+beds": one_search(
                located.filter(fresh_beds, accepts_pets=True), count_cap=0
            ),
            "page only: within-50-km top-20": one_search(
                located, limit=20, radius_km=50, count_cap=0
            ),
            "nearest(): nearest-10": lambda o: published.nearest(o, 10),
            "nearest(): nearest-10 pets+beds": lambda o: pets_with_beds.nearest(o, 10),
            "nearest(): within-50-km top-20": lambda o: published.nearest(o, 20, radius_km=50),
            "within-50-km capped count alone": lambda o: search.count_within_capped(
                published, o, 50, 1000
            ),
        }
        results = {}
        for name, case in cases.items():
            for origin in origins[:20]:
                measure(case, origin)  # warm caches and connections
            timings = [measure(case, origin) for origin in origins]
            database = [db for _total, db, _stopped in timings]
            whole = [total for total, _db, _stopped in timings]
            results[name] = {
                "db_p50_ms": round(percentile(database, 0.50), 3),
                "db_p99_ms": round(percentile(database, 0.99), 3),
                "call_p50_ms": round(percentile(whole, 0.50), 3),
                "call_p99_ms": round(percentile(whole, 0.99), 3),
                "samples": len(timings),
                "time_limit_reached": sum(stopped for _total, _db, stopped in timings),
            }
        results["_rows"] = {"shelters": Shelter.objects.count(), "vendor": connection.vendor}
        if options["json"]:
            self.stdout.write(json.dumps(results))
            return
        self.stdout.write(
            f"{'query':36} {'db p50':>8} {'db p99':>8} {'call p50':>9} {'call p99':>9}  (ms)"
            "  time limit reached"
        )
        for name, f in results.items():
            if not name.startswith("_"):
                self.stdout.write(
                    f"{name:36} {f['db_p50_ms']:8.3f} {f['db_p99_ms']:8.3f} "
                    f"{f['call_p50_ms']:9.3f} {f['call_p99_ms']:9.3f}"
                    f"  {f['time_limit_reached']}"
                )

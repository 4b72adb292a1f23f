"""Profile the public nearest search through Django's test client.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench SECRET_KEY=... \\
        SECURE_SSL_REDIRECT=0 PUBLIC_THROTTLE_RATE=100000/min \\
        python bench/profile_search.py ["lat={lat}&lon={lon}"] [cumulative|tottime]

Prints the SQL one request sends, the time per request of 200 requests without a
profiler, and a cProfile of 180 more, from origins spread over the contiguous US.
"""

from __future__ import annotations

import cProfile
import os
import pstats
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "directory.settings")

import django

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402


def main(query: str, order: str) -> None:
    client = Client(HTTP_HOST="localhost")
    rng = random.Random(1)
    origins = [(rng.uniform(30, 45), rng.uniform(-120, -75)) for _ in range(400)]

    def get(lat: float, lon: float) -> None:
        response = client.get("/api/v1/shelters/?" + query.format(lat=lat, lon=lon))
        assert response.status_code == 200, response.status_code

    for lat, lon in origins[:20]:
        get(lat, lon)
    with CaptureQueriesContext(connection) as captured:
        get(40.0, -100.0)
    print(f"queries per request: {len(captured.captured_queries)}")
    for query_run in captured.captured_queries:
        print(f"  {query_run['time']} s  {query_run['sql'][:120]}")
    started = time.perf_counter()
    for lat, lon in origins[20:220]:
        get(lat, lon)
    print(f"ms per request, no profiler: {(time.perf_counter() - started) * 1000 / 200:.2f}")
    profile = cProfile.Profile()
    profile.enable()
    for lat, lon in origins[220:400]:
        get(lat, lon)
    profile.disable()
    pstats.Stats(profile).sort_stats(order).print_stats(40)


if __name__ == "__main__":
    main(
        sys.argv[1] if len(sys.argv) > 1 else "lat={lat}&lon={lon}",
        sys.argv[2] if len(sys.argv) > 2 else "cumulative",
    )

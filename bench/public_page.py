"""Server time of the public search page (shelters.pages) on the current database.

    DATABASE_URL=postgres://... python bench/public_page.py [requests]

Seed first, e.g. `manage.py seed_synthetic --count 20000`. Each request is a full
page through Django's test client (middleware, filter set, search, payloads,
template), for ZIPs in and around the synthetic data, with and without filters.
Prints p50/p95/p99 in milliseconds.
"""

from __future__ import annotations

import os
import secrets
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
# Production settings, started as a gunicorn worker starts (directory.wsgi: Django,
# the gazetteer, every view imported, what they loaded frozen out of the GC's reach).
os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(50))
os.environ["DEBUG"] = "0"
os.environ["SECURE_SSL_REDIRECT"] = "0"
os.environ["DJANGO_SETTINGS_MODULE"] = "directory.settings"

from django.test import Client

import directory.wsgi  # noqa: F401

QUERIES = [
    "place=78701",
    "place=10001&accepts_pets=true",
    "place=60601&type=medical",
    "place=Austin%2C+TX&no_id_required=true&open_now=true",
    "place=94103&has_beds=true",
    "place=30303&type=hotlines",
    "place=98101&radius_km=500",
    "lat=39.74&lon=-104.99",
]


def main(total: int) -> None:
    client = Client(HTTP_HOST="localhost")
    for query in QUERIES:  # warm-up: gazetteer, hotline directory, connections
        assert client.get(f"/?{query}").status_code == 200, query
    timings = []
    for index in range(total):
        query = QUERIES[index % len(QUERIES)]
        started = time.perf_counter()
        response = client.get(f"/?{query}")
        timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200
    timings.sort()
    q = statistics.quantiles(timings, n=100)
    print(
        f"{total} public page searches: p50 {q[49]:.1f} ms, p95 {q[94]:.1f} ms, p99 {q[98]:.1f} ms"
    )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 800)
